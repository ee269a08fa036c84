"""Ranking rules of the retrieval core (generator/retrieval/index.py), each on a small catalogue of a few records
where the right order is plain: parts of compounds count less than whole words, a synonym less than the word
typed, a rare longer word never more than the word typed, and a common word adds little to a rare one."""
from __future__ import annotations

from generator.enrich.retrieval import lexicon_for
from generator.retrieval import index as core_index
from generator.retrieval.thesaurus import Thesaurus

PARKING = Thesaurus([("parkplatz", ["Parkplatz", "Stellplatz"])])


def ranked(records: dict, query: str, thesaurus=None) -> list[str]:
    """Ids of the records found for `query`, best first; records: id -> (title, summary)."""
    thesaurus = thesaurus or Thesaurus.empty()
    items = [("project", rid, {"title": title, "summary": summary}, core_index.PROJECT_FIELDS)
             for rid, (title, summary) in records.items()]
    index = core_index.build(items, lexicon_for(items, thesaurus), thesaurus)
    return [index.docs[doc][1] for doc, _rank, _score in core_index.search(index, query).ranked]


def test_stellplaetze_ranks_parking_above_a_record_with_only_the_part_platz():
    records = {
        "kita": ("Kitaplätze online vormerken", "Eltern sehen freie Plätze und stellen den Antrag online"),
        "parken": ("Freie Parkplätze in der Innenstadt", "Sensoren melden belegte Parkplätze an eine App"),
        "bahnhof": ("Stellplätze am Bahnhof", "Pendler sehen freie Stellplätze in Echtzeit"),
    }
    # the word itself, then its synonym; the Kita record shares only parts ("stellen", "Plätze") and comes last
    assert ranked(records, "Stellplätze", PARKING) == ["bahnhof", "parken", "kita"]


def test_a_record_with_every_part_of_a_query_compound_ranks_above_records_with_one_part():
    records = {
        "pegel": ("Sensoren messen den Pegel", "Sensoren an Bächen melden den Wasserstand"),
        "parken": ("Freie Parkplätze in der Innenstadt", "Sensoren melden, ob ein Platz belegt ist"),
        "park": ("Der Park am Schloss", "Im Park stehen neue Bänke und ein Spielplatz"),
    }
    found = ranked(records, "Parksensoren")
    assert found[0] == "parken" and set(found) == set(records)


def test_a_whole_word_ranks_above_the_same_word_inside_a_compound():
    records = {  # same length, same fields; the Kita record comes first in the index
        "a-kita": ("Kitaplätze online vergeben", "Eltern melden Kinder der Kita an"),
        "b-markt": ("Marktstände Platz vergeben", "Händler melden Stände am Markt an"),
    }
    assert ranked(records, "Platz") == ["b-markt", "a-kita"]


def test_a_synonym_scores_below_the_word_typed():
    records = {
        "a": ("Stellplätze am Bahnhof", "Pendler sehen freie Plätze in Echtzeit"),
        "b": ("Parkplätze am Bahnhof", "Pendler sehen freie Plätze in Echtzeit"),
    }
    assert ranked(records, "Stellplätze", PARKING) == ["a", "b"]
    assert ranked(records, "Parkplätze", PARKING) == ["b", "a"]


def test_a_rare_longer_word_does_not_outweigh_the_word_typed():
    records = {
        "zentrum": ("Digitalisierungszentrum des Kreises", "Ein Coworking-Raum für Gründer"),
        "schulen": ("Digitalisierung der Schulen", "Tablets und WLAN für alle Klassen"),
        **{f"amt{i}": (f"Bürgerportal {i}", "Die Digitalisierung der Verwaltung geht voran") for i in range(4)},
    }
    found = ranked(records, "Digitalisierung")
    assert found[0] == "schulen" and found.index("zentrum") > found.index("schulen")


def test_a_common_word_adds_little_to_a_rare_one():
    records = {
        "swipe": ("Bürgerbeteiligung per Web-App", "Die Stadt befragt die Bevölkerung zur Innenstadt"),
        "maengel": ("Mängelmelder online", "Bürger melden Schäden online, eine Beteiligung ohne Anmeldung"),
        **{f"dienst{i}": (f"Onlinedienst {i}", "Anträge online stellen") for i in range(4)},
    }
    # "online" is in most records, "Bürgerbeteiligung" in one: the record with the rare word comes first
    assert ranked(records, "Bürgerbeteiligung online")[0] == "swipe"
