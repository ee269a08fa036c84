"""Funding matches: topic overlap plus eligibility by Land and applicant type, open programmes first."""
from enrich_support import (BANNEWITZ, BUILD_DATE, DRESDEN, ERZGEBIRGSKREIS, FREISING, GARMISCH, KOELN, ZWICKAU,
                            catalogue, programme, project)
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.enrich import enrich
from generator.enrich.deadlines import all_statuses
from generator.enrich.matching import MAX_MATCHES, funding_matches, funding_matches_with_totals
from generator.reference import default_reference

SACHSEN_ONLY = programme("sachsen-digital", level="land", lands=["DE-SN"], topics=["mobilitaet"],
                         eligible=["gemeinde", "stadt", "landkreis", "kreisfreie-stadt"])
BUND = programme("bund-mobil", topics=["mobilitaet"], application={"status": "offen", "deadlines": [
    {"name": "Aufruf 2026", "opens": "2026-01-15", "closes": "2027-03-31"}]})


def matches(projects, funding):
    cat = catalogue(projects, funding)
    return funding_matches(cat.projects, cat.funding, all_statuses(cat.funding, BUILD_DATE), cat.reference)


def ids(found, project_id):
    return [m.programme for m in found[project_id]]


def test_project_in_bayern_never_gets_a_sachsen_only_programme():
    projects = [project(f"by-{n}", ags=ags, topics=["mobilitaet"]) for n, ags in enumerate((FREISING, GARMISCH))]
    found = matches(projects, [SACHSEN_ONLY, BUND])
    assert ids(found, "by-0") == ["bund-mobil"]
    assert ids(found, "by-1") == ["bund-mobil"]


def test_body_without_key_in_bayern_never_gets_a_sachsen_only_programme():
    zv = project("zv", topics=["mobilitaet"], municipalities=[
        {"name": "Zweckverband Test", "type": "zweckverband", "land": "DE-BY", "role": "lead"},
        {"ags": ZWICKAU, "role": "partner"}])
    sachsen_for_zv = programme("sachsen-zv", level="land", lands=["DE-SN"], topics=["mobilitaet"], eligible=["zweckverband"])
    assert ids(matches([zv], [sachsen_for_zv, SACHSEN_ONLY]), "zv") == []


def test_project_in_sachsen_gets_the_sachsen_programme_with_its_reasons():
    found = matches([project("zwickau", ags=ZWICKAU, topics=["mobilitaet"])], [SACHSEN_ONLY])
    (match,) = found["zwickau"]
    assert match.programme == "sachsen-digital"
    assert match.status == "laufend"
    assert match.reasons == ("Handlungsfeld: Mobilität & Verkehr", "gilt in Sachsen", "antragsberechtigt: Stadt",
                             "laufend, ohne Stichtag")


def test_nationwide_programme_says_so():
    (match,) = matches([project("koeln", ags=KOELN, topics=["mobilitaet"])], [BUND])["koeln"]
    assert match.reasons == ("Handlungsfeld: Mobilität & Verkehr", "gilt bundesweit", "antragsberechtigt: Kreisfreie Stadt",
                             "offen bis 31.03.2027")


def test_eu_programme_without_lands_applies_eu_wide():
    eu = programme("eu-prog", level="eu", topics=["mobilitaet"])
    (match,) = matches([project("dresden", ags=DRESDEN, topics=["mobilitaet"])], [eu])["dresden"]
    assert "gilt EU-weit" in match.reasons


def test_no_match_without_a_shared_topic():
    assert matches([project("koeln", ags=KOELN, topics=["bildung"])], [BUND])["koeln"] == []


def test_applicant_type_must_be_eligible():
    only_landkreise = programme("nur-kreise", topics=["mobilitaet"], eligible=["landkreis"])
    found = matches([project("gemeinde", ags=BANNEWITZ, topics=["mobilitaet"]),
                     project("kreis", ags=ERZGEBIRGSKREIS, topics=["mobilitaet"])], [only_landkreise])
    assert ids(found, "gemeinde") == []
    assert ids(found, "kreis") == ["nur-kreise"]
    assert "antragsberechtigt: Landkreis" in found["kreis"][0].reasons


def test_kreisfreie_stadt_is_not_matched_by_a_programme_for_kreisangehoerige_staedte():
    for_towns = programme("staedte", topics=["mobilitaet"], eligible=["gemeinde", "stadt"])
    found = matches([project("dresden", ags=DRESDEN, topics=["mobilitaet"]),
                     project("zwickau", ags=ZWICKAU, topics=["mobilitaet"])], [for_towns])
    assert ids(found, "dresden") == []
    assert ids(found, "zwickau") == ["staedte"]


def test_body_without_key_uses_its_own_type_and_land():
    zv = project("zv", topics=["infrastruktur"], municipalities=[
        {"name": "Zweckverband Breitband", "type": "zweckverband", "land": "DE-BY", "role": "lead"}])
    bayern_zv = programme("bayern-breitband", level="land", lands=["DE-BY"], topics=["infrastruktur"], eligible=["zweckverband"])
    (match,) = matches([zv], [bayern_zv])["zv"]
    assert match.reasons[1:3] == ("gilt in Bayern", "antragsberechtigt: Zweckverband")


def test_lead_municipality_decides_not_the_partners():
    partner_in_sachsen = project("mixed", topics=["mobilitaet"], municipalities=[
        {"ags": FREISING, "role": "partner"}, {"ags": GARMISCH, "role": "lead"}, {"ags": ZWICKAU, "role": "partner"}])
    assert ids(matches([partner_in_sachsen], [SACHSEN_ONLY]), "mixed") == []


def test_open_programmes_first_then_more_shared_topics_then_id():
    funding = [
        programme("z-closed", topics=["mobilitaet"], application={"status": "geschlossen"}),
        programme("y-announced", topics=["mobilitaet"], application={"status": "angekuendigt", "deadlines": [
            {"opens": "2027-02-01", "closes": "2027-05-31"}]}),
        programme("x-running", topics=["mobilitaet"], application={"status": "laufend"}),
        programme("b-open", topics=["mobilitaet"], application={"status": "offen", "deadlines": ["2027-01-31"]}),
        programme("a-open", topics=["mobilitaet"], application={"status": "offen", "deadlines": ["2027-06-30"]}),
        programme("c-open-two-topics", topics=["umwelt", "mobilitaet"], application={"status": "offen", "deadlines": ["2027-06-30"]}),
        programme("d-open-but-past", topics=["mobilitaet"], application={"status": "offen", "deadlines": ["2026-06-30"]}),
    ]
    found = matches([project("p", ags=KOELN, topics=["mobilitaet", "umwelt"])], funding)
    assert [(m.programme, m.status) for m in found["p"]] == [
        ("c-open-two-topics", "offen"), ("a-open", "offen"), ("b-open", "offen"), ("x-running", "laufend"),
        ("y-announced", "angekuendigt"), ("d-open-but-past", "geschlossen"), ("z-closed", "geschlossen")]
    assert found["p"][0].reasons[0] == "Handlungsfelder: Mobilität & Verkehr, Umwelt"


def test_every_project_has_an_entry_in_enrich_even_without_matches():
    cat = catalogue([project("a", ags=KOELN, topics=["bildung"]), project("b", ags=FREISING, topics=["mobilitaet"])],
                    [SACHSEN_ONLY, BUND])
    enriched = enrich(cat, added={})
    assert enriched.funding_matches == {"a": [], "b": [enriched.funding_matches["b"][0]]}
    assert enriched.funding_matches["b"][0].programme == "bund-mobil"


def test_a_project_lists_at_most_max_matches_open_first_and_keeps_the_total():
    closed = [programme(f"closed-{n:02d}", topics=["mobilitaet"], application={"status": "geschlossen"}) for n in range(8)]
    running = [programme(f"running-{n:02d}", topics=["mobilitaet"]) for n in range(MAX_MATCHES - 2)]
    enriched = enrich(catalogue([project("koeln", ags=KOELN, topics=["mobilitaet"])], closed + running + [BUND]), added={})
    shown = [m.programme for m in enriched.funding_matches["koeln"]]
    assert len(shown) == MAX_MATCHES
    assert shown[0] == "bund-mobil"
    assert shown[1:MAX_MATCHES - 1] == [p["id"] for p in running]
    assert shown[-1] == "closed-00"
    assert enriched.funding_match_totals == {"koeln": len(closed) + len(running) + 1}


def test_saarland_takes_its_article():
    saarland = programme("saar", level="land", lands=["DE-SL"], topics=["mobilitaet"], eligible=["kreisfreie-stadt", "stadt", "gemeinde"])
    saarbruecken = project("sb", ags="10041100", topics=["mobilitaet"])  # Saarbrücken, Regionalverband Saarbrücken
    found = matches([saarbruecken], [saarland])
    assert [m.reasons[1] for m in found["sb"]] == ["gilt im Saarland"]


# --- property: a match is exactly topic overlap + Land + applicant type -----------------------------------------

KEYS = [KOELN, DRESDEN, ZWICKAU, BANNEWITZ, FREISING, GARMISCH, ERZGEBIRGSKREIS]
TOPICS = ["mobilitaet", "umwelt", "bildung", "verwaltung"]
LANDS = ["DE-SN", "DE-BY", "DE-NW", "DE-BE"]
TYPES = ["gemeinde", "stadt", "kreisfreie-stadt", "landkreis", "zweckverband"]
STATUSES = [{"status": "offen", "deadlines": ["2027-03-31"]}, {"status": "laufend"}, {"status": "geschlossen"},
            {"status": "angekuendigt", "deadlines": [{"opens": "2027-02", "closes": "2027-04"}]}]


def subsets(items, min_size=0):
    return st.lists(st.sampled_from(items), min_size=min_size, max_size=len(items), unique=True)


@st.composite
def programmes(draw):
    return [programme(f"prog-{n:02d}", lands=sorted(draw(subsets(LANDS))), topics=draw(subsets(TOPICS, 1)),
                      eligible=draw(subsets(TYPES, 1)), application=draw(st.sampled_from(STATUSES)))
            for n in range(draw(st.integers(0, 14)))]


@settings(max_examples=120, deadline=None)
@given(programmes(), st.sampled_from(KEYS), subsets(TOPICS, 1))
def test_matches_are_exactly_the_eligible_programmes_open_first(funding, ags, topics):
    cat = catalogue([project("p", ags=ags, topics=topics)], funding)
    statuses = all_statuses(cat.funding, BUILD_DATE)
    found, totals = funding_matches_with_totals(cat.projects, cat.funding, statuses, cat.reference)
    municipality = default_reference().get(ags)
    expected = {f["id"] for f in funding
                if set(f["topics"]) & set(topics)
                and (not f["lands"] or municipality.land_code in f["lands"])
                and municipality.applicant_type in f["eligible"]}
    shown = found["p"]
    assert totals["p"] == len(expected)
    assert {m.programme for m in shown} <= expected
    assert len(shown) == min(len(expected), MAX_MATCHES)
    order = ["offen", "laufend", "angekuendigt", "geschlossen"]
    assert [order.index(m.status) for m in shown] == sorted(order.index(m.status) for m in shown)
    for match in shown:
        assert match.status == statuses[match.programme].status
