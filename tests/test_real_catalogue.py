"""The real catalogue (catalogue/projects, catalogue/funding): valid, sourced, linked, resolvable."""
from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from conftest import BUILD_DATE, REPO_ROOT, real_catalogue_date
from generator.catalogue import load_catalogue, validate_catalogue
from generator.checks import is_personal_mailbox
from generator.dates import earliest
from generator.enrich.deadlines import programme_status
from generator.reference import default_reference

CATALOGUE = REPO_ROOT / "catalogue"


CHECKED_AT = real_catalogue_date(CATALOGUE)


@pytest.fixture(scope="module")
def run():
    return validate_catalogue(CATALOGUE, today=CHECKED_AT)


@pytest.fixture(scope="module")
def catalogue():
    loaded, _run = load_catalogue(CATALOGUE, build_date=CHECKED_AT)
    assert loaded is not None, "the real catalogue must load without errors"
    return loaded


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_real_catalogue_validates_without_errors(run):
    assert [f"{f.file}:{f.line} {f.message}" for f in run.errors] == []


EVIDENCE_WARNINGS = ("check.status-evidence-missing", "check.status-evidence-old")


def test_real_catalogue_has_no_warnings_but_unconfirmed_statuses(run):
    assert [f"{f.file}:{f.line} {f.message}" for f in run.warnings if f.code not in EVIDENCE_WARNINGS] == []


def test_the_validator_warns_about_exactly_the_programmes_shown_as_unclear(run, catalogue):
    """A status without recent evidence is a fact about the sources, shown as „Stand unklar“, not an error."""
    warned = sorted(re.sub(r".*/", "", f.file).removesuffix(".yaml") for f in run.warnings if f.code in EVIDENCE_WARNINGS)
    unclear = sorted(fid for fid, record in catalogue.funding.items()
                     if programme_status(record, BUILD_DATE).status == "unklar")
    assert warned == unclear


def test_real_catalogue_has_at_least_35_programmes_and_45_projects(catalogue):
    assert len(catalogue.funding) >= 35
    assert len(catalogue.projects) >= 45


def test_every_record_has_at_least_one_source_with_an_address(catalogue):
    for record in [*catalogue.projects.values(), *catalogue.funding.values()]:
        sources = record.get("sources") or []
        assert sources, record["id"]
        assert all(re.match(r"https?://", s["url"]) for s in sources), record["id"]


def test_no_project_names_a_programme_that_does_not_exist(catalogue):
    for project in catalogue.projects.values():
        for entry in project.get("funding") or []:
            assert entry["programme"] in catalogue.funding, (project["id"], entry["programme"])


def test_every_programme_named_by_a_project_is_named_at_least_once(catalogue):
    named = {e["programme"] for p in catalogue.projects.values() for e in p.get("funding") or []}
    # the Smart-Cities programme funds most projects in the seed; it must be linked
    assert "modellprojekte-smart-cities" in named
    assert len(named) >= 8


def test_every_official_key_resolves_in_the_reference_data(catalogue):
    reference = default_reference()
    for project in catalogue.projects.values():
        for entry in project["municipalities"]:
            if "ags" in entry:
                assert reference.get(entry["ags"]) is not None, (project["id"], entry["ags"])


def test_bodies_without_key_name_their_land_and_type(catalogue):
    for project in catalogue.projects.values():
        for entry in project["municipalities"]:
            if "ags" not in entry:
                assert re.fullmatch(r"DE-[A-Z]{2}", entry["land"]) and entry["type"], project["id"]


def test_contact_page_where_given_is_one_of_the_records_own_sources_or_links(catalogue):
    with_page = [p for p in catalogue.projects.values() if "url" in p["contact"]]
    assert with_page
    for project in catalogue.projects.values():
        known = {s["url"] for s in project["sources"]} | {link["url"] for link in project.get("links") or []}
        assert "email" not in project["contact"], project["id"]
        if "url" in project["contact"]:
            assert project["contact"]["url"] in known, project["id"]


PRESS_HOSTS = ("rbb24.de", "westfalen-blatt.de", "weltderwunder.de", "ostbayern-kurier.de", "ogov.de", "cimamonitor.de",
               "smart-city-dialog.de", "ea-rlp.de", "de.digital", "landkreistag.de", "weser-kurier.de", "mdr.de")


def test_no_contact_page_is_a_press_article_or_a_third_party_page(catalogue):
    for project in catalogue.projects.values():
        url = project["contact"].get("url", "")
        assert not any(host in url for host in PRESS_HOSTS), (project["id"], url)
        assert "/presse" not in url and "pressemitteilung" not in url, (project["id"], url)


def test_summaries_stay_within_400_characters(catalogue):
    for record in [*catalogue.projects.values(), *catalogue.funding.values()]:
        assert 20 <= len(record["summary"]) <= 400, record["id"]


def test_no_record_was_reviewed_before_a_source_it_cites_was_published(catalogue):
    """Holds for every contribution, whenever it was reviewed: the review comes after the sources' dates."""
    for record in [*catalogue.projects.values(), *catalogue.funding.values()]:
        for source in record["sources"]:
            if source.get("as_of"):
                assert earliest(source["as_of"]).isoformat() <= record["last_reviewed"], (record["id"], source["url"])


def test_a_re_review_after_the_build_date_keeps_the_real_catalogue_valid(tmp_path):
    copy = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, copy)
    record = sorted((copy / "projects").glob("*.yaml"))[0]
    later = (CHECKED_AT + dt.timedelta(days=40)).isoformat()
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r'(?m)^last_reviewed: .*$', f'last_reviewed: "{later}"', text), encoding="utf-8")
    rerun = validate_catalogue(copy, today=real_catalogue_date(copy))
    assert [f"{f.file}:{f.line} {f.message}" for f in rerun.errors] == []


def test_programmes_declared_closed_show_as_closed(catalogue):
    closed = [f for f in catalogue.funding.values() if f["application"]["status"] == "geschlossen"]
    assert len(closed) >= 10  # history stays in the catalogue
    for programme in closed:
        assert programme_status(programme, BUILD_DATE).status == "geschlossen", programme["id"]


def test_closed_programmes_with_calls_keep_their_real_deadlines(catalogue):
    smart_cities = catalogue.funding["modellprojekte-smart-cities"]
    closes = [d["closes"] for d in smart_cities["application"]["deadlines"]]
    assert closes == ["2019-05-17", "2020-04-20", "2021-03-14"]


def test_land_programmes_name_their_land_and_nationwide_ones_none(catalogue):
    for programme in catalogue.funding.values():
        if programme["level"] == "land":
            assert programme["lands"], programme["id"]
        elif programme["level"] == "bund":
            assert programme["lands"] == [], programme["id"]


def test_an_eu_programme_names_laender_only_where_its_programme_area_covers_part_of_germany(catalogue):
    regional = {f["id"]: f["lands"] for f in catalogue.funding.values() if f["level"] == "eu" and f["lands"]}
    assert regional == {"interreg-central-europe-2021-2027": ["DE-NI", "DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-MV",
                                                              "DE-SN", "DE-ST", "DE-TH"]}
    assert "Region Braunschweig" in catalogue.funding["interreg-central-europe-2021-2027"]["description"]


def test_negative_experiences_are_kept(catalogue):
    saarland = catalogue.projects["digitale-modellkommunen-saarland"]
    assert "Landesregierung" in saarland["experience"]["outcome"]
    # the sources do not carry "eingestellt": the record keeps the last sourced status and says the rest is unclear
    assert saarland["status"] == "umsetzung" and "Stand unklar" in saarland["description"]
    kammerforst = catalogue.projects["24-stunden-dorfladen-kammerforst"]["experience"]["outcome"]
    assert "Insolvenz" in kammerforst
    limes = catalogue.projects["digital-und-smart-den-limes-ueberwinden"]["experience"]["outcome"]
    assert "nach Ablauf der Förderung sehr kostspielig" in limes
    bremen = catalogue.projects["open-library-stadtbibliothek-bremen"]["experience"]["outcome"]
    assert "Lichtsteuerung" in bremen
    wuppertal = catalogue.projects["online-city-wuppertal"]["experience"]["outcome"]
    assert "Monatsumsatz" in wuppertal
    offensive = catalogue.funding["digitalisierungsoffensive-kommunen-saarland"]
    assert "5,8" in offensive["description"] and "nicht abgerufen" in offensive["application"]["note"]


def test_grants_are_credited_to_the_project_not_to_the_region_or_the_package(catalogue):
    def amounts(project_id):
        return [e.get("amount_eur") for e in catalogue.projects[project_id].get("funding") or []]
    assert amounts("digitale-modellregion-soest") == [475222]  # not the 10 M € of the whole model region
    assert amounts("starkregenfruehalarmsystem-landkreis-fulda") == [828000]  # not the 10 M € rollout to others
    assert amounts("hoferland-digital") == [14400000]  # federal share; 17 M € is the total cost
    assert amounts("smart-city-jena") == [None]  # 17.5 M € include the city's own share
    assert amounts("serviceroboter-l2b2-ludwigsburg") == [None]  # 106,000 € covered a three-part package
    assert catalogue.projects["hoferland-digital"]["budget"]["total_eur"] == 17000000


def test_no_project_is_still_in_progress_after_its_end_date(catalogue):
    for project in catalogue.projects.values():
        if project["status"] in ("idee", "planung", "umsetzung") and project.get("end"):
            assert str(project["end"])[:4] >= str(BUILD_DATE.year), (project["id"], project["end"])


def test_contradictions_between_sources_are_stated(catalogue):
    mpsc = catalogue.funding["modellprojekte-smart-cities"]["description"]
    assert "28" in mpsc and "32" in mpsc and "Widerspruch" in mpsc
    gigabit = catalogue.funding["gigabit-richtlinie-bund-2-0"]["amount"]["note"]
    assert "100 Mio" in gigabit and "40 Mio" in gigabit


def test_no_record_text_contains_markup(catalogue):
    for record in [*catalogue.projects.values(), *catalogue.funding.values()]:
        for text in _strings(record):
            assert not re.search(r"<\s*[a-zA-Z/!]", text), (record["id"], text[:80])


def _strings_at(value, path=()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings_at(item, path + (key,))
    elif isinstance(value, list):
        for item in value:
            yield from _strings_at(item, path)


def test_email_addresses_appear_only_as_the_contact_mailbox(catalogue):
    """The form asks for a contact mailbox; anywhere else an address is personal data out of place."""
    for record in [*catalogue.projects.values(), *catalogue.funding.values()]:
        for path, text in _strings_at(record):
            if path != ("contact", "email"):
                assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), (record["id"], path, text[:80])


def test_every_contact_mailbox_is_a_role_mailbox(catalogue):
    for record in [*catalogue.projects.values(), *catalogue.funding.values()]:
        email = record.get("contact", {}).get("email")
        if email:
            assert not is_personal_mailbox(email), (record["id"], email)


INTERNAL_WORDS = ("Seed", "Auszug", "Belegt: alle Angaben", "Belegt: alle Kerndaten", "nachträglich ergänzt")
FRAGMENTS = (",.", "; Status.", ";.")


def test_project_records_carry_no_internal_words_or_fragments(catalogue):
    for project in catalogue.projects.values():
        for text in _strings(project):
            if text.startswith("http"):
                continue
            for word in INTERNAL_WORDS + FRAGMENTS:
                assert word not in text, (project["id"], word, text[:120])


def test_no_filler_sentence_is_repeated_across_project_records(catalogue):
    seen: dict[str, str] = {}
    for project in catalogue.projects.values():
        texts = [project.get("description") or "", (project.get("experience") or {}).get("outcome") or ""]
        texts += [s.get("note") or "" for s in project["sources"]] + [f.get("note") or "" for f in project.get("funding") or []]
        for sentence in {s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s.strip()) > 60}:
            assert seen.setdefault(sentence, project["id"]) == project["id"], (sentence, seen[sentence], project["id"])


# --- funding programmes: second editorial round (issue 14, verification facts of issue 12) -------

LAENDER = ("DE-SH", "DE-HH", "DE-NI", "DE-HB", "DE-NW", "DE-HE", "DE-RP", "DE-BW", "DE-BY", "DE-SL", "DE-BE", "DE-BB",
           "DE-MV", "DE-SN", "DE-ST", "DE-TH")
# Pages that are never a programme's own page: share-price portals, newspapers, associations, blogs.
THIRD_PARTY_HOSTS = ("aktiencheck.de", "sueddeutsche.de", "hallanzeiger.de", "kommune21.de", "bitkom.org", "diebewertung.de",
                     "nhz-th.de", "welt.de", "volksstimme.de", "lokalo.de", "onvista.de", "reflecta.org", "grantway")
PLACEHOLDER_CALL_NAMES = ("Bewerbung", "Antragsfrist", "Projektaufruf", "Programmende", "Aufruf")


def test_at_least_55_programmes_and_a_land_programme_in_every_land(catalogue):
    assert len(catalogue.funding) >= 55
    covered = {land for f in catalogue.funding.values() if f["level"] == "land" for land in f["lands"]}
    assert set(LAENDER) <= covered, set(LAENDER) - covered


def test_programme_records_carry_no_internal_words_or_fragments(catalogue):
    for programme in catalogue.funding.values():
        for text in _strings(programme):
            if text.startswith("http"):
                continue
            for word in (*INTERNAL_WORDS, *FRAGMENTS, "Bezeichnung im", "laut Quellen:", "Stand laut Quellen",
                         "Fristende in den Quellen nicht genannt", "Belegt: "):
                assert word not in text, (programme["id"], word, text[:120])


def test_no_filler_sentence_is_repeated_across_programme_records(catalogue):
    seen: dict[str, str] = {}
    for programme in catalogue.funding.values():
        texts = [programme.get("description") or "", programme["application"].get("note") or ""]
        texts += [(programme.get(k) or {}).get("note") or "" for k in ("funding_rate", "amount")]
        texts += [s.get("note") or "" for s in programme["sources"]]
        for sentence in {s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s.strip()) > 60}:
            assert seen.setdefault(sentence, programme["id"]) == programme["id"], (sentence, seen[sentence], programme["id"])


def test_programme_page_is_never_a_third_party_page(catalogue):
    for programme in catalogue.funding.values():
        assert not any(host in programme["url"] for host in THIRD_PARTY_HOSTS), (programme["id"], programme["url"])


def test_every_call_has_a_real_name(catalogue):
    for programme in catalogue.funding.values():
        for call in programme["application"].get("deadlines") or []:
            assert isinstance(call, dict) and call.get("name"), (programme["id"], call)
            assert call["name"] not in PLACEHOLDER_CALL_NAMES, (programme["id"], call["name"])


def test_every_source_of_a_programme_says_what_it_supports(catalogue):
    for programme in catalogue.funding.values():
        for source in programme["sources"]:
            assert source.get("title") and len(source.get("note") or "") >= 20, (programme["id"], source["url"])


def test_open_or_running_programmes_name_a_source_that_states_the_status(catalogue):
    for programme in catalogue.funding.values():
        if programme["application"]["status"] in ("offen", "laufend", "angekuendigt"):
            assert any(s.get("confirms_status") for s in programme["sources"]), programme["id"]


def test_verification_facts_are_in_the_records(catalogue):
    funding = catalogue.funding
    assert funding["digitales-rathaus-bayern"]["valid_until"] == "2023-09-30"
    assert funding["bayerische-gigabitrichtlinie"]["valid_until"] == "2025-12-31"
    for pid in ("digitales-rathaus-bayern", "bayerische-gigabitrichtlinie", "breitbandversorgung-laendlicher-raeume-saarland",
                "sachsen-efre-nachhaltige-integrierte-stadtentwicklung"):
        assert funding[pid]["application"]["status"] == "geschlossen", pid
    saarland = funding["breitbandversorgung-laendlicher-raeume-saarland"]["application"]["deadlines"]
    assert [(d["closes"][5:], d["repeat"]) for d in saarland] == [("12-15", "jaehrlich")]
    assert "eingestellt" in funding["breitbandversorgung-laendlicher-raeume-saarland"]["description"]
    anhalt = funding["richtlinie-sachsen-anhalt-digital"]["application"]["deadlines"]
    assert [(d["closes"][5:], d["repeat"]) for d in anhalt] == [("05-22", "jaehrlich")]
    efre = funding["sachsen-efre-nachhaltige-integrierte-stadtentwicklung"]["application"]["deadlines"]
    assert [(d["opens"], d["closes"]) for d in efre] == [("2023-02-27", "2023-03-31")]
