"""Search on the retrieval core (generator/search.py over generator/retrieval/), shared by `katalog suche`,
the search page, the header search and the explorers: fixture catalogue, where the right answer is known."""
from __future__ import annotations

import pytest

from export_support import fixture_catalogue_loaded, sample_enriched
from generator import search
from generator.enrich import retrieval
from generator.retrieval import index as core_index


@pytest.fixture
def catalogue(fixture_catalogue):
    return fixture_catalogue_loaded(fixture_catalogue)


@pytest.fixture
def index(catalogue):
    return retrieval.build(catalogue).search


def ids(catalogue, index, query, **filters):
    return [h.id for h in search.search(catalogue, sample_enriched(), index, query, search.Filters(**filters), limit=None).hits]


def test_inflected_word_finds_its_base_form(catalogue, index):
    assert ids(catalogue, index, "Parkplätzen")[:2] == ["dresden-parkleitsystem", "koeln-smart-parking"]
    assert ids(catalogue, index, "Parkplatz")[:2] == ["dresden-parkleitsystem", "koeln-smart-parking"]


def test_word_beginning_is_enough(catalogue, index):
    assert ids(catalogue, index, "Glasf") == ["zweckverband-glasfaser"]


def test_any_query_word_finds_records_and_more_matching_words_rank_first(catalogue, index):
    found = ids(catalogue, index, "Sensoren Köln")
    assert found[0] == "koeln-smart-parking"  # both words
    assert "dresden-parkleitsystem" in found  # only "Sensoren"
    assert {"zweckverband-glasfaser", "dresden-parkleitsystem"} <= set(ids(catalogue, index, "Sensoren Glasfaser"))


def test_compound_query_finds_its_parts(catalogue, index):
    # "Parksensoren" occurs nowhere; its parts do: "Sensoren" and "Parkplätzen"/"Parkleitsystem"
    assert ids(catalogue, index, "Parksensoren")[:2] == ["dresden-parkleitsystem", "koeln-smart-parking"]


def test_synonym_from_the_thesaurus_finds_records_and_is_named(catalogue, index):
    found = search.search(catalogue, sample_enriched(), index, "Stellplätze", limit=None)
    assert {"dresden-parkleitsystem", "koeln-smart-parking"} <= {h.id for h in found.hits}
    assert "„Parkplatz“ (gleichbedeutend mit „Stellplätze“)" in found.notes


def test_a_synonym_of_a_compound_part_is_named_as_such(catalogue, index):
    found = search.search(catalogue, sample_enriched(), index, "Stellplatzsensoren", limit=None)
    assert [h.id for h in found.hits][:2] == ["dresden-parkleitsystem", "koeln-smart-parking"]
    # „Parkplatz“ means the „Stellplatz“ in the query word, not the whole „Stellplatzsensoren“
    assert "„Parkplatz“ (gleichbedeutend mit einem Wortteil von „Stellplatzsensoren“)" in found.notes
    assert not any("(gleichbedeutend mit „Stellplatzsensoren“)" in n for n in found.notes)


def test_a_typo_of_one_letter_in_a_long_word_is_forgiven_and_named(catalogue, index):
    found = search.search(catalogue, sample_enriched(), index, "Sensorn", limit=None)
    assert [h.id for h in found.hits][:2] == ["dresden-parkleitsystem", "koeln-smart-parking"]
    assert any("ähnlich geschrieben wie „Sensorn“" in n for n in found.notes)


def test_no_hits_suggests_a_known_word_that_finds_something(catalogue, index):
    found = search.search(catalogue, sample_enriched(), index, "Apq", limit=None)  # short: no typo tolerance
    assert found.total == 0 and found.suggestion == "app"
    assert ids(catalogue, index, found.suggestion)


def test_nothing_similar_gives_no_suggestion(catalogue, index):
    found = search.search(catalogue, sample_enriched(), index, "Raumfahrt", limit=None)
    assert found.total == 0 and found.suggestion == ""


def test_title_outranks_summary(catalogue, index):
    # "Parkleitsystem" is in Dresden's title; Köln only mentions parking in its text
    hits = search.search(catalogue, sample_enriched(), index, "park", limit=None).hits
    assert [h.id for h in hits][:2] == ["dresden-parkleitsystem", "koeln-smart-parking"]
    assert hits[0].score > hits[1].score


def test_municipality_and_land_names_are_searchable(catalogue, index):
    assert ids(catalogue, index, "Garmisch") == ["garmisch-buergerportal", "zweckverband-glasfaser"]
    assert "dresden-parkleitsystem" in ids(catalogue, index, "Sachsen")


def test_programmes_are_found_by_funder(catalogue, index):
    assert ids(catalogue, index, "Bundesministerium Wohnen") == ["smart-city-bund"]


def test_stop_words_alone_find_nothing(catalogue, index):
    found = search.search(catalogue, sample_enriched(), index, "und die der the and", limit=None)
    assert found.words == 0 and found.hits == []


def test_filters_narrow_hits(catalogue, index):
    assert ids(catalogue, index, "Sensoren", lands=("DE-SN",)) == ["dresden-parkleitsystem"]
    assert ids(catalogue, index, "", topics=("infrastruktur",)) == ["zweckverband-glasfaser"]
    assert ids(catalogue, index, "", statuses=("offen",)) == ["smart-city-bund"]
    assert ids(catalogue, index, "Sachsen", kinds=("funding",)) == ["digital-sachsen"]


def test_filters_and_subtitles_read_the_derived_facts_from_the_enriched_model(catalogue, index):
    # the Enriched model is the one source of a project's Länder and lead and a programme's status: change it there
    # (as if the reference data placed Köln in Bavaria and the programme were closed) and search follows
    import dataclasses

    from generator.enrich.types import DeadlineStatus

    enriched = sample_enriched()
    enriched.projects = dict(enriched.projects)  # a copy: sample_enriched shares its views between tests
    koeln = enriched.projects["koeln-smart-parking"]
    munich = dataclasses.replace(koeln.lead, land_code="DE-BY", land_name="Bayern")
    enriched.projects["koeln-smart-parking"] = dataclasses.replace(koeln, lands=("DE-BY",), lead=munich, places=(munich,))
    enriched.programme_status["smart-city-bund"] = DeadlineStatus("geschlossen", "Geschlossen seit 01.01.2026", None)
    found = search.search(catalogue, enriched, index, "Sensoren", search.Filters(lands=("DE-BY",)), limit=None)
    assert [(h.id, h.subtitle) for h in found.hits] == [("koeln-smart-parking", "Köln · Bayern · Betrieb")]
    programmes = search.search(catalogue, enriched, index, "", search.Filters(kinds=("funding",), statuses=("geschlossen",)))
    assert [(h.id, h.subtitle.rsplit(" · ", 1)[1]) for h in programmes.hits] == [("smart-city-bund", "Geschlossen seit 01.01.2026")]


def test_nationwide_programme_matches_every_land_filter(catalogue, index):
    assert "smart-city-bund" in ids(catalogue, index, "", kinds=("funding",), lands=("DE-HE",))


def test_rank_is_the_documented_integer_formula(index):
    result = core_index.search(index, "Glasfaser")
    doc = index.docs.index(("project", "zweckverband-glasfaser"))
    best = max(r for r in result.ranked if r[0] == doc)
    # one concept, found in full: score = 100 % of the points of "glasfas" (better than the group "Breitband" at 80 %),
    # rank = score * idf of the concept in thousandths (records with "Glasfaser" or a longer word) * the whole share
    with_word = set(index.postings["glasfas"]) | {d for t in index.lexicon.prefixed("glasfas") for d in index.postings.get(t, {})}
    weight = int(1000 * core_index.idf(len(index.docs), len(with_word)))
    assert best[2] == 100 * index.postings["glasfas"][doc]
    assert best[1] == best[2] * weight * core_index.COVER
    assert all(isinstance(v, int) for r in result.ranked for v in r)


def test_rarer_terms_weigh_more():
    assert core_index.idf(1000, 1) > core_index.idf(1000, 500) > 0
