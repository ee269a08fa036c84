"""Readers meet no internal words, no sentence fragments and no filler: every text of every record in
catalogue/ and every generated page is checked. Failures list file, field and the offending text."""
from __future__ import annotations

import re
from collections import defaultdict

import pytest
import yaml

from conftest import BUILD_DATE, REPO_ROOT
from generator import build

CATALOGUE = REPO_ROOT / "catalogue"
RECORD_FOLDERS = ("projects", "funding", "declarations")

# Words of the transcription process that must not reach readers.
INTERNAL = {
    "„Seed“": re.compile(r"\bSeed\b", re.IGNORECASE),
    "„Auszug“": re.compile(r"\bAusz[uü]g"),
    "„Belegt: alle Angaben“": re.compile(r"Belegt: alle Angaben"),
    "„Quelle nachträglich ergänzt“": re.compile(r"Quelle nachträglich ergänzt"),
    "„Bezeichnung … nicht sichtbar“": re.compile(r"Bezeichnung im \w+ nicht sichtbar"),
}
# Leftovers of shortened sentences.
FRAGMENTS = {
    "„; Status.“": re.compile(r";\s*Status\s*\."),
    "„,.“": re.compile(r",\s*\."),
    "doppelter Punkt": re.compile(r"(?<![.…])\.\.(?!\.)"),
    "leerer Satz „: .“": re.compile(r":\s*\."),
    "„nicht genannt: <Datum>“": re.compile(r"nicht genannt:\s*\d"),
}
# Method and program words that belong in the method page, not on record pages.
PAGE_WORDS = {
    **INTERNAL,
    "„TF-IDF“": re.compile(r"TF-IDF"),
    "„Kosinus“": re.compile(r"\bKosinus|\bcosine\b", re.IGNORECASE),
    "„Score“": re.compile(r"\bScore\b"),
    "Python-Wert": re.compile(r"\b(None|True|False|nan|undefined)\b"),
    "Template-Rest": re.compile(r"\{\{|\}\}|\{%|%\}"),
}
MIN_FILLER_LENGTH = 40  # characters; shorter sentences ("Betrag nicht genannt.") may recur
MAX_RECORDS_PER_SENTENCE = 2
ADDRESS_KEYS = {"url", "repository", "email"}


def texts(value, path=""):
    """(field path, text) for every string a reader may see; addresses and ids are left out."""
    if isinstance(value, str):
        if path.rsplit(".", 1)[-1].split("[")[0] not in ADDRESS_KEYS and not re.match(r"https?://", value):
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "id":
                yield from texts(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from texts(item, f"{path}[{i}]")


def offences(text: str, patterns: dict) -> list[str]:
    return [name for name, pattern in patterns.items() if pattern.search(text)]


def sentences(text: str) -> list[str]:
    """Sentences of a text; bold labels and headings („**Finanzierung:**“) are structure, not sentences."""
    text = re.sub(r"\*\*[^*\n]{1,120}\*\*", "\n", text)
    parts = (" ".join(p.strip(" -*").split()) for p in re.split(r"(?<=[.!?])\s+|\n+", text))
    return [p for p in parts if len(p) >= MIN_FILLER_LENGTH and " " in p and not p.endswith(":")]


def repeated_sentences(records: dict[str, dict]) -> dict[str, list[str]]:
    """Sentences that occur in more than MAX_RECORDS_PER_SENTENCE different records."""
    where = defaultdict(set)
    for name, data in records.items():
        for _path, text in texts(data):
            for sentence in sentences(text):
                where[sentence].add(name)
    return {s: sorted(names) for s, names in where.items() if len(names) > MAX_RECORDS_PER_SENTENCE}


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    found = {}
    for folder in RECORD_FOLDERS:
        for path in sorted((CATALOGUE / folder).glob("*.yaml")):
            found[f"{folder}/{path.name}"] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return found


# --- the scanner itself ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Quelle nachträglich ergänzt (nicht im Seed).",
    "Antragszeitraum (Bezeichnung im Auszug nicht sichtbar)",
    "Belegt: alle Angaben.",
    "Jahr im Auszug nicht genannt.",
])
def test_scanner_finds_internal_words(text):
    assert offences(text, INTERNAL)


@pytest.mark.parametrize("text", ["Zahlen laut KfW-Story,.", "Mehrere Quellen; Status.", "Siehe Bericht..",
                                  "Fristende nicht genannt: 15.12."])
def test_scanner_finds_fragments(text):
    assert offences(text, FRAGMENTS)


@pytest.mark.parametrize("text", ["Die Seeds des Saatguts", "z. B. … und mehr.", "Stand: 01.02.2025.",
                                  "Mehr dazu …"])
def test_scanner_leaves_ordinary_german_alone(text):
    assert offences(text, INTERNAL | FRAGMENTS) == []


def test_scanner_skips_addresses_and_ids():
    record = {"id": "seed-projekt", "sources": [{"url": "https://example.org/Seed..", "note": "Pressemitteilung."}]}
    assert list(texts(record)) == [("sources[0].note", "Pressemitteilung.")]


def test_headings_are_not_filler():
    records = {name: {"description": "**Hinweise und Widersprüche aus den Quellen:**\n\n- Eigener Punkt " + name}
               for name in "abc"}
    assert repeated_sentences(records) == {}


def test_filler_is_a_long_sentence_in_three_records_not_two():
    filler = "Der Beginn ist das früheste in den Quellen belegte Datum, kein offizieller Projektstart."
    records = {name: {"description": f"Eigener Text {name}. {filler}"} for name in ("a", "b")}
    assert repeated_sentences(records) == {}
    records["c"] = {"summary": filler, "description": "Betrag nicht genannt."}
    records["d"] = {"summary": "Betrag nicht genannt."}
    assert repeated_sentences(records) == {filler: ["a", "b", "c"]}


# --- the real catalogue ------------------------------------------------------------------------

def test_records_use_no_internal_words(records):
    found = [f"{name}: {path}: {', '.join(offences(text, INTERNAL))}"
             for name, data in records.items() for path, text in texts(data) if offences(text, INTERNAL)]
    assert found == []


def test_records_have_no_sentence_fragments(records):
    found = [f"{name}: {path}: {', '.join(offences(text, FRAGMENTS))}"
             for name, data in records.items() for path, text in texts(data) if offences(text, FRAGMENTS)]
    assert found == []


def test_no_sentence_is_repeated_as_filler_across_records(records):
    assert repeated_sentences(records) == {}


@pytest.mark.slow  # seconds of CPU: left out of make test-fast, run by make test
def test_generated_pages_use_no_internal_or_method_words():
    pages = build.generate(CATALOGUE, BUILD_DATE).pages
    found = [f"{rel}: {', '.join(offences(text, PAGE_WORDS))}" for rel, text in sorted(pages.items())
             if offences(text, PAGE_WORDS)]
    assert found == []


# Record field names (snake_case, possibly with a value: `confirms_status: true`) belong in CONTRIBUTING.md;
# a reader page says in German what the field means. daten.md documents the keys of the open-data files
# for people who reuse them, so it names them on purpose.
FIELD_NAME = re.compile(r"`([a-z]+(?:_[a-z]+)+)(?::[^`]*)?`")
FIELD_NAMES_ON_PURPOSE = {"daten.md"}


def field_names(markdown: str) -> list[str]:
    return FIELD_NAME.findall(markdown)


def test_scanner_finds_backticked_field_names():
    assert field_names("Feld `valid_until` und `confirms_status: true`, Befehl `katalog suche`, `bench/synth.py`") == \
        ["valid_until", "confirms_status"]


def test_hand_written_reader_pages_name_no_record_fields():
    found = {page.name: field_names(page.read_text(encoding="utf-8")) for page in sorted((REPO_ROOT / "docs").glob("*.md"))
             if page.name not in FIELD_NAMES_ON_PURPOSE}
    assert {name: names for name, names in found.items() if names} == {}


def test_the_ideas_check_page_names_no_retrieval_method():
    text = (REPO_ROOT / "docs" / "ideen-check.md").read_text(encoding="utf-8")
    assert not re.search(r"TF-IDF|Kosinus", text, re.IGNORECASE)
