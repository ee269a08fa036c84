"""The retrieval core's analysis (generator/retrieval/): compound splitting with the catalogue's own lexicon,
typo tolerance, the thesaurus vocabulary and its validation, and stop words that never become reasons."""
from __future__ import annotations

from generator import text
from generator.cli import main
from generator.retrieval import analysis, constants, thesaurus
from generator.retrieval.analysis import Lexicon

LEXICON = Lexicon.from_texts(["Sensoren melden freie Parkplätze", "Der Glasfaser-Ausbau im Kreis", "Schutz vor Hochwasser",
                              "Katastrophenschutz im Landkreis", "Kita und Platz", "Park"])


def test_compound_splits_into_parts_the_catalogue_knows():
    assert LEXICON.split("parksensoren") == ["park", "sensor"]
    assert LEXICON.split("glasfaserausbau") == ["glasfas", "ausbau"]


def test_linking_elements_are_skipped():
    assert LEXICON.split("kitasplatz") == ["kita", "platz"]  # -s-
    assert LEXICON.split("hochwasserschutz") == ["hochwass", "schutz"]


def test_words_are_indexed_under_the_parts_of_their_parts():
    assert LEXICON.parts("parkplatzsensoren") == ["parkplatz", "sensor", "park", "platz"]


def test_short_or_unknown_words_do_not_split():
    assert LEXICON.split("parken") == [] and LEXICON.split("raumfahrt") == []


def test_first_parts_are_learned_from_compound_nouns():
    # "Katastrophen" occurs only inside "Katastrophenschutz"; "Schutz" is a word of its own
    assert "katastroph" in LEXICON.stems
    assert LEXICON.split("katastrophenwarnung") == [] and "katastroph" in LEXICON.split("katastrophenschutz")


def test_shipped_stems_are_the_letters_the_stemmer_cuts_off():
    words = ["parkplätzen", "straßen", "sensoren", "park"]
    assert constants.packed_stems((text.stem(w), w) for w in words) == {"cuts": "2220", "odd": {}}  # parkplatz|en, strass|en, sensor|en, park


def test_a_stem_that_is_no_prefix_is_shipped_whole():
    assert constants.packed_stems([("kita", "kita"), ("amtx", "ämter")]) == {"cuts": "0~", "odd": {"1": "amtx"}}


def test_one_typo_in_a_long_word_is_matched():
    assert LEXICON.near("sensorn") == ["sensor"]
    assert analysis.osa_within_one("glasfaserausbua", "glasfaserausbau")  # two neighbours swapped
    assert not analysis.osa_within_one("parken", "parkplatz")


def test_a_typo_in_the_last_part_of_a_compound_is_matched():
    assert LEXICON.split("parksensorn") == [] and LEXICON.split("parksensorn", fuzzy=True) == ["park", "sensor"]


def test_query_concepts_name_the_word_and_its_alternatives():
    groups = thesaurus.Thesaurus([("parkplatz", ["Parkplatz", "Stellplatz"])])
    concepts = analysis.concepts("Stellplätze in der Innenstadt", LEXICON, groups)
    assert [c.word for c in concepts] == ["Stellplätze", "Innenstadt"]
    kinds = [(a.kind, a.terms) for a in concepts[0].alts]
    assert ("exact", ("stellplatz",)) in kinds and ("synonym", ("~parkplatz",)) in kinds and ("shown", ("parkplatz",)) in kinds


def test_phrases_of_the_thesaurus_are_one_concept():
    groups = thesaurus.Thesaurus([("e-akte", ["E-Akte", "elektronische Akte"])])
    concepts = analysis.concepts("elektronische Akte einführen", LEXICON, groups)
    assert concepts[0].word == "elektronische Akte" and concepts[0].alts[0].terms == ("elektron", "akt")


def test_the_catalogue_thesaurus_is_valid():
    assert thesaurus.findings() == []
    loaded = thesaurus.load()
    assert loaded.group_of(("stellplatz",)) == loaded.group_of(("parkplatz",)) is not None


def test_thesaurus_problems_name_file_line_and_group(tmp_path):
    path = tmp_path / "thesaurus.yaml"
    path.write_text("id: thesaurus\nvalues:\n  - id: park\n    label: Parkplatz\n    aliases: [Stellplatz]\n"
                    "  - id: park\n    label: Garage\n    aliases: []\n  - id: stell\n    label: Stellplätze\n"
                    "    aliases: [und]\n", encoding="utf-8")
    messages = [(f.line, f.message) for f in thesaurus.findings(path)]
    assert (6, "Gruppe „park“: die Kennung steht schon in Zeile 3.") in messages
    assert (6, "Gruppe „park“: Feld „aliases“ braucht mindestens ein Wort (eine Liste von Texten).") in messages
    assert (9, "Gruppe „stell“: „Stellplätze“ steht schon in der Gruppe „park“.") in messages
    assert (9, "Gruppe „stell“: „und“ besteht nur aus Füllwörtern oder Zahlen.") in messages


def test_validate_reports_a_broken_thesaurus(capsys, monkeypatch, tmp_path):
    path = tmp_path / "thesaurus.yaml"
    path.write_text("id: thesaurus\nvalues:\n  - id: leer\n    label: Leer\n", encoding="utf-8")
    monkeypatch.setattr(thesaurus, "default_file", lambda: path)
    code = main(["validate", "--format", "text"])
    out = capsys.readouterr().out
    assert code == 1 and "thesaurus.yaml:3" in out and "Feld „aliases“ braucht mindestens ein Wort" in out


def test_german_and_english_stop_words_are_never_words():
    assert text.words("Echtzeit and the ersten Daten für die Stadt") == ["Echtzeit", "Daten", "Stadt"]


def test_site_links_twins_and_ideen_check_score_every_real_pair_alike():
    """One similarity core: the project pages' docs (words one record uses left out) and the corpus the portfolio
    twins and the Ideen-Check use give every pair of real projects the same score and text similarity."""
    from generator.enrich import similarity
    from retrieval_support import loaded
    from conftest import REPO_ROOT

    _catalogue, core, _statuses = loaded(str(REPO_ROOT / "catalogue"))
    full = core.projects.docs
    links = similarity.linkable(core.projects)
    pairs = [(i, j) for i in range(len(full)) for j in range(len(full)) if i != j]
    assert len(pairs) > 1000
    differ = [(full[i].id, full[j].id) for i, j in pairs
              if similarity.score(full[i], full[j], similarity.PROJECT_WEIGHTS)
              != similarity.score(links[i], links[j], similarity.PROJECT_WEIGHTS)]
    assert differ == []


def test_no_similarity_reason_names_a_stop_word_on_the_real_catalogue():
    import re

    from generator.enrich import similarity
    from retrieval_support import loaded
    from conftest import REPO_ROOT

    catalogue, core, _statuses = loaded(str(REPO_ROOT / "catalogue"))
    links = similarity.similar_projects(catalogue.projects, catalogue.funding, catalogue.reference, corpus_=core.projects)
    named = [w.strip() for found in links.values() for link in found for reason in link.reasons
             for inner in re.findall(r"ähnliche Beschreibung \((.*)\)", reason) for w in inner.split(",")]
    assert named  # the rule is exercised
    assert [w for w in named if w.lower() in text.STOP_WORDS] == []
