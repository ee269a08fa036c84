"""Portfolio (generator/portfolio.py) and its view on municipality, Kreis and Land pages."""
from __future__ import annotations

from enrich_support import ERZGEBIRGSKREIS, FREISING, GARMISCH, KOELN, ZWICKAU, catalogue, programme, project
from generator import portfolio
from generator.enrich import enrich
from generator.reference import default_reference
from generator.render import render_site
from generator.render.base import municipality_page

AMTSBERG, ANNABERG = "14521010", "14521020"  # Gemeinde and Stadt in the Erzgebirgskreis (14521)

JOINT = project("gemeinsame-e-akte", ags=AMTSBERG, title="Gemeinsame E-Akte", status="umsetzung", topics=["verwaltung"],
                municipalities=[{"ags": AMTSBERG, "role": "lead"}, {"ags": ANNABERG, "role": "partner"}],
                funding=[{"programme": "verwaltung-sachsen", "amount_eur": 120000}])
KREIS_OWN = project("kreis-leitstelle", ags=ERZGEBIRGSKREIS, title="Digitale Leitstelle", status="planung",
                    topics=["sicherheit", "verwaltung"])
ANNABERG_IDEA = project("annaberg-parken", ags=ANNABERG, title="Parksensoren in der Altstadt", status="idee",
                        topics=["mobilitaet"], tags=["Parken", "Sensoren"],
                        summary="Sensoren an Parkplätzen zeigen freie Plätze in einer App.")
ELSEWHERE_DONE = project("koeln-parken", ags=KOELN, title="Parksensoren in der Innenstadt", status="abgeschlossen",
                         topics=["mobilitaet"], tags=["Parken", "Sensoren"],
                         summary="Sensoren an Parkplätzen zeigen freie Plätze in einer App.")
ELSEWHERE_EARLY = project("zwickau-parken", ags=ZWICKAU, title="Parksensoren am Bahnhof", status="planung",
                          topics=["mobilitaet"], tags=["Parken", "Sensoren"],
                          summary="Sensoren an Parkplätzen zeigen freie Plätze in einer App.")
BAVARIAN_PLAN = project("freising-parken", ags=FREISING, title="Parkleitsystem Freising", status="planung",
                        topics=["mobilitaet"], funding=[{"programme": "verwaltung-sachsen"}])

SAXONY_OPEN = programme("mobil-sachsen", title="Mobilität Sachsen", level="land", lands=["DE-SN"],
                        topics=["mobilitaet", "sicherheit"], eligible=["gemeinde", "stadt", "landkreis"],
                        application={"status": "offen", "deadlines": ["2027-05-31"]})
SAXONY_CLOSED = programme("mobil-alt", title="Mobilität alt", level="land", lands=["DE-SN"], topics=["mobilitaet"],
                          eligible=["gemeinde", "stadt", "landkreis"], application={"status": "geschlossen"})
ADMIN_SAXONY = programme("verwaltung-sachsen", title="Verwaltung Sachsen", level="land", lands=["DE-SN"],
                         topics=["verwaltung"], eligible=["gemeinde", "stadt"])

PROJECTS = [JOINT, KREIS_OWN, ANNABERG_IDEA, ELSEWHERE_DONE, ELSEWHERE_EARLY, BAVARIAN_PLAN]
FUNDING = [SAXONY_OPEN, SAXONY_CLOSED, ADMIN_SAXONY]


def setup(projects=PROJECTS, funding=FUNDING):
    cat = catalogue(projects, funding)
    return cat, enrich(cat, added={})


def of(key, projects=PROJECTS, funding=FUNDING):
    cat, enriched = setup(projects, funding)
    return portfolio.for_municipality(cat, enriched, default_reference().get(key))


def test_kreis_aggregates_members_and_its_own_records_each_once():
    p = of(ERZGEBIRGSKREIS)
    # JOINT names two member Gemeinden: it counts once
    assert p.project_ids == ["annaberg-parken", "gemeinsame-e-akte", "kreis-leitstelle"]
    assert sum(len(ids) for _s, ids in p.board) == 3
    assert sum(p.column_totals) == 3
    assert p.funding_total == 120000


def test_gemeinde_portfolio_has_its_own_and_joint_records_only():
    assert of(ANNABERG).project_ids == ["annaberg-parken", "gemeinsame-e-akte"]
    assert of(AMTSBERG).project_ids == ["gemeinsame-e-akte"]


def test_board_has_every_status_in_order():
    p = of(ERZGEBIRGSKREIS)
    assert [s for s, _ids in p.board] == ["idee", "planung", "umsetzung", "betrieb", "abgeschlossen", "eingestellt"]
    assert dict(p.board) == {"idee": ["annaberg-parken"], "planung": ["kreis-leitstelle"], "umsetzung": ["gemeinsame-e-akte"],
                             "betrieb": [], "abgeschlossen": [], "eingestellt": []}


def test_matrix_counts_projects_per_topic_and_status():
    p = of(ERZGEBIRGSKREIS)
    assert p.matrix == [("verwaltung", [0, 1, 1, 0, 0, 0], 2), ("mobilitaet", [1, 0, 0, 0, 0, 0], 1),
                        ("sicherheit", [0, 1, 0, 0, 0, 0], 1)]


def test_funding_secured_sums_amounts_by_programme_and_counts_missing_ones():
    cat, enriched = setup()
    p = portfolio.portfolio(cat, enriched, ["gemeinsame-e-akte", "freising-parken"])
    (line,) = p.funding
    assert (line.programme, line.title, line.amount_eur, line.projects, line.without_amount) == \
        ("verwaltung-sachsen", "Verwaltung Sachsen", 120000, ("freising-parken", "gemeinsame-e-akte"), 1)
    assert p.funding_total == 120000


def test_open_opportunities_only_for_ideas_and_plans_and_only_open_programmes():
    p = of(ERZGEBIRGSKREIS)
    assert [(o.programme, o.status, o.projects) for o in p.opportunities] == \
        [("mobil-sachsen", "offen", ("kreis-leitstelle", "annaberg-parken"))]  # by title
    assert p.opportunities[0].label == "Offen bis 31.05.2027"


def test_bavarian_plan_never_gets_a_saxony_only_opportunity():
    assert of(FREISING).opportunities == []


def test_ideas_get_similar_completed_projects_elsewhere():
    p = of(ANNABERG)
    ((idea, links),) = p.twins
    assert idea == "annaberg-parken"
    assert [link.id for link in links] == ["koeln-parken"]  # zwickau-parken is similar but only planned
    assert links[0].reasons[0].startswith("gleiches Handlungsfeld")


def test_land_portfolio_counts_each_project_once():
    cat, enriched = setup()
    pages = render_site(cat, enriched)
    sachsen = pages["laender/sachsen.md"]
    assert "## Steuerung: Portfolio" in sachsen
    assert "4 Projekte · Förderstatus am 27.11.2026" in sachsen  # JOINT, KREIS_OWN, ANNABERG_IDEA, ELSEWHERE_EARLY


def test_kreis_with_member_records_only_gets_a_page_with_the_portfolio():
    cat, enriched = setup([JOINT, ELSEWHERE_DONE], FUNDING)
    pages = render_site(cat, enriched)
    page = pages[municipality_page(default_reference().get(ERZGEBIRGSKREIS))]
    assert "## Steuerung: Portfolio" in page
    assert "Projekte des Kreises und seiner Gemeinden; ein Projekt mehrerer Gemeinden zählt einmal. 1 Projekt" in page
    assert "Gemeinsame E-Akte" in page and "120.000 €" in page


def test_municipality_page_shows_board_matrix_and_funding():
    cat, enriched = setup()
    page = render_site(cat, enriched)[municipality_page(default_reference().get(ANNABERG))]
    board = page[page.index('<ul class="kdk-board">'):page.index("### Handlungsfelder nach Status")]
    assert 'kdk-board__col--idee">\n<p class="kdk-board__head"><span class="kdk-board__name">Idee</span> <span class="kdk-board__count">1</span>' in board
    assert "Parksensoren in der Altstadt" in board
    assert '<tr><th scope="row"><a href="../themen/verwaltung.html">Verwaltung &amp; E-Government</a></th>' in page
    assert "Parksensoren in der Innenstadt" in page.split("### Ideen: Ähnliches schon umgesetzt")[1]


def test_record_text_in_the_portfolio_is_escaped():
    hostile = project("boese-idee", ags=GARMISCH, title="<script>alert(1)</script> Idee", status="idee")
    cat, enriched = setup([hostile], [])
    page = render_site(cat, enriched)[municipality_page(default_reference().get(GARMISCH))]
    steering = page.split("## Steuerung: Portfolio")[1]
    assert "<script>" not in steering and "&lt;script&gt;alert(1)&lt;/script&gt; Idee" in steering


def test_idea_finds_a_completed_twin_beyond_the_five_links_of_its_page():
    # six planned near-twins fill the idea's five similar-project links; the completed one ranks lower
    planned = [dict(ELSEWHERE_EARLY, id=f"geplant-{n}", title=f"Parksensoren am Bahnhof {n}",
                    tags=["Parken", "Sensoren", "Altstadt"]) for n in range(6)]
    done = dict(ELSEWHERE_DONE, tags=["Parken"])
    cat, enriched = setup([ANNABERG_IDEA, done, *planned], FUNDING)
    assert "koeln-parken" not in [link.id for link in enriched.similar_projects["annaberg-parken"]]
    p = portfolio.for_municipality(cat, enriched, default_reference().get(ANNABERG))
    ((idea, links),) = p.twins
    assert [link.id for link in links] == ["koeln-parken"]
    assert links[0].reasons[0] == "gleiches Handlungsfeld: Mobilität & Verkehr"


# --- money counted once (record format 1.1) ---------------------------------------------------------------------

def _joint_with_partners(shares=(None, None, None)):
    bodies = [{"ags": AMTSBERG, "role": "lead"}, {"ags": ANNABERG, "role": "partner"}, {"ags": KOELN, "role": "partner"}]
    for body, share in zip(bodies, shares):
        if share is not None:
            body["share_percent"] = share
    return project("verbund", ags=AMTSBERG, title="Verbundprojekt", status="umsetzung", municipalities=bodies,
                   funding=[{"programme": "verwaltung-sachsen", "amount_eur": 1_000_000}])


def _totals(record):
    cat, enriched = setup([record], FUNDING)
    ref = default_reference()
    munis = {key: portfolio.for_municipality(cat, enriched, ref.get(key)).funding_total
             for key in (AMTSBERG, ANNABERG, KOELN, ERZGEBIRGSKREIS)}
    lands = {code: portfolio.for_land(cat, enriched, ["verbund"], code).funding_total for code in ("DE-SN", "DE-NW")}
    return munis, lands


def test_a_grant_counts_once_for_the_lead_never_for_each_partner():
    munis, lands = _totals(_joint_with_partners())
    assert munis == {AMTSBERG: 1_000_000, ANNABERG: 0, KOELN: 0, ERZGEBIRGSKREIS: 1_000_000}
    assert lands == {"DE-SN": 1_000_000, "DE-NW": 0}


def test_a_grant_split_by_share_percent_is_credited_by_share():
    munis, lands = _totals(_joint_with_partners((60, 25, 15)))
    assert munis == {AMTSBERG: 600_000, ANNABERG: 250_000, KOELN: 150_000, ERZGEBIRGSKREIS: 850_000}
    assert lands == {"DE-SN": 850_000, "DE-NW": 150_000}
    assert munis[AMTSBERG] + munis[ANNABERG] + munis[KOELN] == 1_000_000


def test_what_partner_shares_leave_goes_to_the_lead():
    munis, _lands = _totals(_joint_with_partners((None, 10, 10)))
    assert (munis[AMTSBERG], munis[ANNABERG], munis[KOELN]) == (800_000, 100_000, 100_000)


def test_partner_page_says_where_the_money_counts():
    cat, enriched = setup([_joint_with_partners()], FUNDING)
    page = render_site(cat, enriched)[municipality_page(default_reference().get(ANNABERG))]
    secured = page.split("### Gesicherte Förderung")[1].split("###")[0]
    assert "1.000.000 €" not in secured
    assert "1 Projekt als Partner: Förderung zählt bei der federführenden Kommune" in secured
