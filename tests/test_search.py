"""Search index and ranking (generator/search.py), shared by `katalog suche` and the site."""
from __future__ import annotations

import pytest

from export_support import fixture_catalogue_loaded, sample_enriched
from generator import search


@pytest.fixture
def catalogue(fixture_catalogue):
    return fixture_catalogue_loaded(fixture_catalogue)


@pytest.fixture
def index(catalogue):
    return search.build_index(catalogue)


def ids(catalogue, index, query, **filters):
    hits, _total = search.search(catalogue, sample_enriched(), index, query, search.Filters(**filters), limit=None)
    return [h.id for h in hits]


def test_inflected_word_finds_its_base_form(catalogue, index):
    assert ids(catalogue, index, "Parkplätzen") == ["dresden-parkleitsystem", "koeln-smart-parking"]
    assert ids(catalogue, index, "Parkplatz") == ["dresden-parkleitsystem", "koeln-smart-parking"]


def test_word_beginning_is_enough(catalogue, index):
    assert ids(catalogue, index, "Glasf") == ["zweckverband-glasfaser"]


def test_every_query_word_must_match(catalogue, index):
    assert ids(catalogue, index, "Sensoren Köln") == ["koeln-smart-parking"]
    assert ids(catalogue, index, "Sensoren Glasfaser") == []


def test_title_outranks_summary(catalogue, index):
    # "Parkleitsystem" is in Dresden's title; Köln only mentions parking in its text
    hits, _ = search.search(catalogue, sample_enriched(), index, "park", limit=None)
    assert [h.id for h in hits][:2] == ["dresden-parkleitsystem", "koeln-smart-parking"]
    assert hits[0].score > hits[1].score


def test_municipality_and_land_names_are_searchable(catalogue, index):
    assert ids(catalogue, index, "Garmisch") == ["garmisch-buergerportal", "zweckverband-glasfaser"]
    assert "dresden-parkleitsystem" in ids(catalogue, index, "Sachsen")


def test_programmes_are_found_by_funder(catalogue, index):
    assert ids(catalogue, index, "Bundesministerium Wohnen") == ["smart-city-bund"]


def test_stop_words_alone_find_nothing(catalogue, index):
    assert search.query_stems("und die der") == []
    assert ids(catalogue, index, "und die der") == []


def test_filters_narrow_hits(catalogue, index):
    assert ids(catalogue, index, "Sensoren", lands=("DE-SN",)) == ["dresden-parkleitsystem"]
    assert ids(catalogue, index, "", topics=("infrastruktur",)) == ["zweckverband-glasfaser"]
    assert ids(catalogue, index, "", statuses=("offen",)) == ["smart-city-bund"]
    assert ids(catalogue, index, "Sachsen", kinds=("funding",)) == ["digital-sachsen"]


def test_nationwide_programme_matches_every_land_filter(catalogue, index):
    assert "smart-city-bund" in ids(catalogue, index, "", kinds=("funding",), lands=("DE-HE",))


def test_scores_are_integers_from_the_documented_formula(catalogue, index):
    ranked = search.score(index, "Glasfaser")
    doc = index.docs.index(("project", "zweckverband-glasfaser"))
    stem = "glasfas"
    assert stem in index.postings
    # title + summary (+ details) contain it: weight 6 + 2; exact stem match doubles
    expected = index.idf[stem] * index.postings[stem][doc] * search.EXACT_BONUS
    assert ranked == [(doc, expected)]
    assert isinstance(expected, int)


def test_idf_is_higher_for_rarer_stems():
    assert search.idf_of(1000, 1) > search.idf_of(1000, 500) >= 1
