"""German text analysis: what counts as the same word for similarity and search."""
import unicodedata

import pytest

from generator import text


@pytest.mark.parametrize("words", [
    ("Parkplätzen", "Parkplatz", "Parkplätze", "parkplatz"),
    ("Sensoren", "Sensor"),
    ("Städte", "Stadt"),
    ("Gemeinden", "Gemeinde"),
    ("Straßen", "Straße"),
    ("Schulen", "Schule"),
    ("Ortsteilen", "Ortsteile", "Ortsteil"),
])
def test_inflected_german_words_share_one_stem(words):
    assert len({text.stem(w) for w in words}) == 1


def test_different_words_keep_different_stems():
    assert text.stem("Parkplatz") != text.stem("Sensor")
    assert text.stem("Schule") != text.stem("Stadt")


def test_decomposed_umlauts_stem_like_composed_ones():
    decomposed = unicodedata.normalize("NFD", "Parkplätzen")
    assert decomposed != "Parkplätzen"
    assert text.stems(decomposed) == text.stems("Parkplätzen") == ["parkplatz"]


def test_normalise_lowercases_and_keeps_umlauts():
    assert text.normalise("ÄRZTE in Städten") == "ärzte in städten"


def test_stop_words_numbers_and_single_letters_are_dropped():
    assert text.tokens("Die Stadt hat 120 Sensoren und eine E-Akte für alle") == ["stadt", "sensoren", "akte"]


def test_hyphenated_compounds_split_into_their_parts():
    assert text.stems("LoRaWAN-Netz") == [text.stem("LoRaWAN"), text.stem("Netz")]


def test_alphanumeric_terms_survive():
    assert text.words("Ausbau von 5G und 3D-Stadtmodell") == ["Ausbau", "5G", "3D", "Stadtmodell"]


def test_stems_with_words_keeps_the_spelling_as_written():
    assert text.stems_with_words("Freie Parkplätze") == [(text.stem("Freie"), "Freie"), ("parkplatz", "Parkplätze")]


def test_tag_keys_ignore_case_and_inflection():
    assert text.key("Sensoren") == text.key("sensor")
    assert text.key("Smart City") == text.key("smart city")
    assert text.key("Smart City") != text.key("Smart")


def test_links_and_mail_addresses_are_not_words():
    cleaned = text.without_links("Siehe [Portal](https://www.stadt.example/portal?x=1), www.beispiel.de oder info@stadt.example.")
    assert text.tokens(cleaned) == ["siehe", "portal"]


def test_source_note_words_are_searchable_but_marked_for_similarity():
    assert text.stems("Stand laut Quellen") == [text.stem("Stand"), text.stem("laut"), text.stem("Quellen")]
    assert {text.stem("Quellen"), text.stem("Stand"), text.stem("Euro")} <= text.note_stems()
    assert text.stem("Parkplatz") not in text.note_stems()
