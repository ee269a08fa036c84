"""Similar projects and programmes: the documented score, its reasons in German, deterministic order."""
import random

from enrich_support import BANNEWITZ, DRESDEN, FREISING, KOELN, ZWICKAU, catalogue, programme, project

from generator.enrich import similarity
from generator.enrich.similarity import TOP_N, similar_programmes, similar_projects

PARKING = project(
    "koeln-parken", ags=KOELN, topics=["mobilitaet"], tags=["LoRaWAN", "Parken", "Sensoren"],
    title="Sensoren melden freie Parkplätze in der Innenstadt",
    summary="Sensoren an Parkplätzen melden die Belegung über ein LoRaWAN-Funknetz; eine App zeigt Besuchern den Weg zum freien Platz.",
    description="Die Stadt hat 120 Sensoren im Straßenraum verbaut. Ein Parkleitsystem lenkt den Suchverkehr.")
TWIN = project(
    "dresden-parken", ags=DRESDEN, topics=["mobilitaet", "stadtentwicklung"], tags=["Parken", "LoRaWAN", "Sensor"],
    title="Parkplatz-Sensoren zeigen freie Parkplätze",
    summary="Sensoren an Parkplätzen erfassen die Belegung und senden sie per LoRaWAN an ein Parkleitsystem; Besucher finden freie Plätze per App.",
    description="Das Parkleitsystem reduziert den Suchverkehr in der Altstadt.")
SAME_TOPIC = project(
    "zwickau-radverkehr", ags=ZWICKAU, topics=["mobilitaet"], tags=["Radverkehr"],
    title="Zählstellen für den Radverkehr",
    summary="Automatische Zählstellen erfassen den Radverkehr an Hauptstraßen, die Daten fließen in die Verkehrsplanung.")
UNRELATED = project(
    "bannewitz-kita", ags=BANNEWITZ, topics=["jugend-familie"], tags=["Kita"],
    title="Kita-Platzvergabe online",
    summary="Eltern melden ihre Kinder über ein Portal für einen Betreuungsplatz an; die Vergabe läuft zentral.")


def test_near_twin_is_the_top_similar_project_with_its_reasons():
    found = similar_projects(*_args([PARKING, TWIN, SAME_TOPIC, UNRELATED]))
    top = found["koeln-parken"][0]
    assert top.id == "dresden-parken"
    assert top.reasons[:2] == ("gleiches Handlungsfeld: Mobilität & Verkehr", "gemeinsame Schlagworte: LoRaWAN, Parken, Sensoren")
    # shared words, nouns first, by contribution; tags already named are not repeated
    assert top.reasons[2] == "ähnliche Beschreibung (Parkplatz, Parkleitsystem, App)"
    assert top.reasons[3:] == ("ähnliche Gemeindegröße (über 100.000 Einwohner)",)


def test_the_twin_finds_the_original_too_and_reasons_use_its_own_tag_spelling():
    top = similar_projects(*_args([PARKING, TWIN, SAME_TOPIC, UNRELATED]))["dresden-parken"][0]
    assert top.id == "koeln-parken"
    assert top.reasons[1] == "gemeinsame Schlagworte: Parken, LoRaWAN, Sensor"


def test_a_single_shared_word_is_no_similar_text():
    a = project("a", topics=["bildung"], title="Digitale Bibliothek", summary="Ausleihe von Medien.")
    b = project("b", topics=["kultur-freizeit"], title="Museum digital", summary="Exponate in 3D.")
    assert similar_projects(*_args([a, b])) == {"a": [], "b": []}


def test_unrelated_project_is_not_linked():
    found = similar_projects(*_args([PARKING, TWIN, SAME_TOPIC, UNRELATED]))
    assert "bannewitz-kita" not in [link.id for link in found["koeln-parken"]]
    assert found["bannewitz-kita"] == []


def test_shared_words_are_named_in_the_text_reason():
    a = project("a", topics=["bildung"], title="Lernplattform für Grundschulen",
                summary="Grundschulen nutzen eine Lernplattform mit Tablets im Unterricht.")
    b = project("b", ags=FREISING, topics=["verwaltung"], title="Tablets und Lernplattform für Grundschulen",
                summary="Die Grundschulen erhalten Tablets und eine gemeinsame Lernplattform.")
    (link,) = similar_projects(*_args([a, b]))["a"]
    assert link.reasons == ("ähnliche Beschreibung (Grundschulen, Lernplattform, Tablets)",)


def test_same_funding_programme_is_a_reason_with_the_programme_title():
    fund = programme("smart-city-bund", title="Modellprojekte Smart City")
    a = project("a", topics=["bildung"], title="Digitale Bibliothek", summary="Ausleihe über das Netz.",
                funding=[{"programme": "smart-city-bund", "amount_eur": 1000}])
    b = project("b", ags=FREISING, topics=["umwelt"], title="Bibliothek der Dinge", summary="Werkzeuge teilen statt kaufen.",
                funding=[{"programme": "smart-city-bund", "amount_eur": 2000}])
    (link,) = similar_projects(*_args([a, b], [fund]))["a"]
    assert "gleiches Förderprogramm: Modellprojekte Smart City" in link.reasons


def test_identical_records_score_one_and_ties_break_by_id():
    funded = [{"programme": "bund-mobil", "amount_eur": 1000}]
    twins = [dict(PARKING, id=i, funding=funded) for i in ("twin-c", "twin-a", "twin-b")]
    found = similar_projects(*_args(twins, [programme("bund-mobil")]))
    assert [(link.id, link.score) for link in found["twin-c"]] == [("twin-a", 1.0), ("twin-b", 1.0)]
    assert [link.id for link in found["twin-a"]] == ["twin-b", "twin-c"]


def test_result_does_not_depend_on_input_order():
    records = [PARKING, TWIN, SAME_TOPIC, UNRELATED]
    assert similar_projects(*_args(records)) == similar_projects(*_args(list(reversed(records))))


def test_score_is_the_documented_weighted_sum():
    docs = similarity.build_docs({p["id"]: p for p in (PARKING, TWIN)}, similarity._project_groups(catalogue().reference))
    a, b = docs[1], docs[0]  # sorted by id: dresden-parken, koeln-parken
    value, text = similarity.score(a, b, similarity.PROJECT_WEIGHTS)
    expected = (0.45 * text + 0.20 * (1 / 2) + 0.15 * (3 / 3)  # topics: 1 of 2 shared; tags: all 3 (Sensor = Sensoren)
                + 0.10 * 0 + 0.07 * 1 + 0.03 * 0)  # no programme, both über 100.000, different Länder
    assert 0 < text < 1
    assert value == round(expected, 6)
    assert similarity.score(b, a, similarity.PROJECT_WEIGHTS)[0] == value


def test_at_most_five_links_best_first():
    records = [dict(PARKING, id=f"p-{n:02d}", title=PARKING["title"] + " " + "Straße" * (n % 3)) for n in range(9)]
    found = similar_projects(*_args(records))
    for links in found.values():
        assert len(links) == TOP_N
        assert [link.score for link in links] == sorted((link.score for link in links), reverse=True)


def test_near_twin_is_found_among_many_projects_sharing_common_words():
    rng = random.Random(3)
    vocabulary = ["Bürgerportal", "Terminvergabe", "Glasfaser", "Tablets", "Bibliothek", "Feuerwehr", "Museum",
                  "Sirenen", "Chatbot", "Energiemonitoring", "Wärmeplanung", "Abfallkalender", "Mängelmelder"]
    filler = []
    for n in range(400):
        words = rng.sample(vocabulary, 4)
        filler.append(project(f"filler-{n:03d}", ags=rng.choice([KOELN, DRESDEN, ZWICKAU, FREISING]),
                              topics=["mobilitaet"], tags=["Parken"],
                              title=f"{words[0]} und {words[1]} für die Stadt",
                              summary=f"Die Stadt digitalisiert {words[2]} und {words[3]} mit Sensoren und einer App."))
    found = similar_projects(*_args([PARKING, TWIN, *filler]))
    assert found["koeln-parken"][0].id == "dresden-parken"
    assert found["dresden-parken"][0].id == "koeln-parken"


def test_similar_programmes_with_reasons():
    a = programme("digital-sachsen", title="Digitale Kommune Sachsen", level="land", lands=["DE-SN"], funder="Freistaat Sachsen",
                  topics=["verwaltung", "mobilitaet"], tags=["OZG"], summary="Zuschüsse für Online-Dienste der Verwaltung.")
    b = programme("sachsen-ozg", title="OZG-Umsetzung Sachsen", level="land", lands=["DE-SN", "DE-TH"], funder="Freistaat Sachsen",
                  topics=["verwaltung"], tags=["ozg"], summary="Das Land fördert Online-Dienste der Kommunen.")
    c = programme("bund-kultur", title="Kultur digital", funder="Bund", topics=["kultur-freizeit"], summary="Museen digitalisieren.")
    found = similar_programmes({p["id"]: p for p in (a, b, c)})
    (link,) = found["digital-sachsen"]
    assert link.id == "sachsen-ozg"
    assert link.reasons[:2] == ("gleiches Handlungsfeld: Verwaltung & E-Government", "gemeinsames Schlagwort: OZG")
    assert "gleicher Fördergeber: Freistaat Sachsen" in link.reasons
    assert link.reasons[-1] == "ebenfalls in Sachsen"
    assert found["bund-kultur"] == []


def _args(projects, funding=()):
    cat = catalogue(projects, funding)
    return cat.projects, cat.funding, cat.reference


def _docs(records):
    cat = catalogue(records)
    return similarity.build_docs(cat.projects, similarity._project_groups(cat.reference))


def test_small_catalogues_compare_every_pair_sharing_a_word_or_block():
    records = [project(f"p-{n:02d}", title=f"Parkplatz Nummer{n}", summary=f"Eintrag{n}") for n in range(30)]
    records.append(project("p-allein", ags=ZWICKAU, topics=["jugend-familie"], title="Kita", summary="Betreuung"))
    pools = similarity.candidates(_docs(records))
    assert pools[0] == list(range(1, 30))  # every other Parkplatz project; the Kita one shares no word,
    assert pools[-1] == []                  # no Handlungsfeld set, no tags, no place


def test_large_catalogues_score_at_most_max_candidates_per_record():
    n = similarity.EXHAUSTIVE_MAX + 50
    records = [project(f"p-{i:03d}", title=f"Parkplatz Sensor{i % 7} Wort{i % 11}", summary=f"Eintrag{i % 13} Zähler{i % 5}")
               for i in range(n)]
    pools = similarity.candidates(_docs(records))
    assert all(0 < len(pool) <= similarity.MAX_CANDIDATES for pool in pools)
    assert all(i not in pool for i, pool in enumerate(pools))


def test_weak_links_below_the_minimum_score_are_not_shown():
    a = project("a", ags=KOELN, topics=["verwaltung", "bildung", "umwelt"], title="Plattform für Schulanmeldungen",
                summary="Eltern melden Kinder online an, Schulen verwalten Anmeldungen, Ämter prüfen Unterlagen digital.")
    b = project("b", ags=ZWICKAU, topics=["verwaltung", "sicherheit", "kultur-freizeit"], title="Museumsführer und Plattform",
                summary="Besucher hören Audioguides, Feuerwehrleute üben Einsätze, Vereine buchen Hallen.")
    docs = _docs([a, b])
    value, _text = similarity.score(docs[0], docs[1], similarity.PROJECT_WEIGHTS)
    assert 0 < value < similarity.MIN_SCORE  # they share a Handlungsfeld and a word, but little else
    assert similar_projects(*_args([a, b])) == {"a": [], "b": []}


def test_ranked_scores_equal_the_score_function():
    records = [PARKING, TWIN, SAME_TOPIC, UNRELATED,
               dict(TWIN, id="twin-funded", funding=[{"programme": "bund-mobil", "amount_eur": 5}]),
               dict(PARKING, id="parking-funded", funding=[{"programme": "bund-mobil", "amount_eur": 5}])]
    docs = _docs(records)
    by_id = {d.id: d for d in docs}
    found = similar_projects(*_args(records, [programme("bund-mobil")]))
    checked = 0
    for source, links in found.items():
        for link in links:
            assert link.score == similarity.score(by_id[source], by_id[link.id], similarity.PROJECT_WEIGHTS)[0]
            checked += 1
    assert checked >= 8


def test_words_in_more_than_half_of_many_records_do_not_count():
    records = [project(f"p-{n:02d}", title=f"Vorhaben Thema{n}", summary=f"Das Vorhaben betrifft Bereich{n}.")
               for n in range(similarity.COMMON_MIN + 5)]
    docs = _docs(records)
    assert all("vorhab" not in doc.vector for doc in docs)
    few = _docs(records[:3])  # in a small catalogue a shared word still counts
    assert all("vorhab" in doc.vector for doc in few)


def test_source_note_words_do_not_make_records_similar():
    note = "Stand laut Quellen: Beginn 2024, rund 2 Mio. Euro."
    a = project("a", topics=["bildung"], title="Tablets für Grundschulen", summary="Ausleihe von Tablets.", description=note)
    b = project("b", ags=ZWICKAU, topics=["umwelt"], title="Pegelmessung an Bächen", summary="Sensoren messen Pegel.", description=note)
    docs = _docs([a, b])
    assert not docs[0].vector.keys() & docs[1].vector.keys()


def test_candidates_with_most_shared_keys_win_ties_by_id():
    from collections import Counter

    counts = Counter({j: 1 for j in range(100)})
    counts.update([7, 7, 50, 50, 50, 99, 99, 3, 3])  # 50 -> 4, 7/99/3 -> 3
    chosen = similarity._most_shared(counts)
    assert len(chosen) == similarity.MAX_CANDIDATES
    assert set(chosen[:4]) == {50, 7, 99, 3}
    assert chosen[4:] == [j for j in range(100) if j not in (3, 7, 50, 99)][:similarity.MAX_CANDIDATES - 4]
