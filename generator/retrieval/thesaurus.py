"""The thesaurus (catalogue/vocabularies/thesaurus.yaml): groups of words that mean the same here.

Each entry of the vocabulary is a group: `label` and `aliases` are its words or phrases
("Stellplatz", "elektronische Akte"). A query word or phrase of a group also finds the group's
other words; the result says which one matched. Contributors extend the file by pull request;
`check` names every problem (German, with file and line) and runs in `katalog validate` and the tests.
"""
from __future__ import annotations

from pathlib import Path

from generator import paths, text
from generator.loader import load_file

FILE_NAME = "thesaurus.yaml"  # in the catalogue's vocabularies folder (paths.VOCABULARIES_DIR)
GROUP_PREFIX = "~"  # index terms of groups; never produced by the tokeniser
MAX_PHRASE = 4  # longest phrase (words)
VOCABULARY_ID = "thesaurus"


class Thesaurus:
    """Groups of phrases; each phrase is kept as written and as its stems."""

    def __init__(self, groups: list):
        self.groups: list[tuple] = []  # [(group id, [(stems tuple, phrase as written)])]
        self._index: dict = {}  # stems tuple -> group index
        self._by_term: dict | None = None
        for gid, phrases in groups:
            entries = []
            for phrase in phrases:
                stems = tuple(text.stems(phrase))
                if stems and stems not in self._index:
                    self._index[stems] = len(self.groups)
                    entries.append((stems, phrase))
            self.groups.append((gid, entries))

    @classmethod
    def empty(cls) -> Thesaurus:
        return cls([])

    def as_data(self) -> list:
        """[[group id, [phrase as written, ...]]]: what the site receives (it stems the phrases itself)."""
        return [[gid, [phrase for _s, phrase in entries]] for gid, entries in self.groups]

    def stems(self) -> list[tuple[str, str]]:
        """(stem, word as written) of every word in every phrase, for the lexicon."""
        out = []
        for _gid, entries in self.groups:
            for _stems, phrase in entries:
                out += [(s, w.lower()) for s, w in text.stems_with_words(phrase)]
        return out

    def group_of(self, stems: tuple):
        return self._index.get(stems)

    def term(self, group: int) -> str:
        """The index term standing for a whole group: records are indexed under it for every member they use,
        so a synonym is weighed with the rarity of the group, never above the word itself."""
        return GROUP_PREFIX + self.groups[group][0]

    def group_of_term(self, term: str):
        """The group index of a group term ("~kita")."""
        if self._by_term is None:
            self._by_term = {self.term(i): i for i in range(len(self.groups))}
        return self._by_term.get(term)

    def label(self, group: int) -> str:
        return self.groups[group][1][0][1] if self.groups[group][1] else self.groups[group][0]

    def terms_in(self, stems: list, parts: list) -> list[str]:
        """Group terms of a record text: every phrase of a group in the stem sequence, and every compound part
        (`parts`: per word, the stems of its parts) that is a one-word member."""
        out = []
        for i in range(len(stems)):
            for length in range(min(MAX_PHRASE, len(stems) - i), 0, -1):
                group = self._index.get(tuple(stems[i:i + length]))
                if group is not None:
                    out.append(self.term(group))
                    break
            for part in parts[i]:
                group = self._index.get((part,))
                if group is not None:
                    out.append(self.term(group))
        return out

    def phrase_at(self, stems: list) -> tuple[int, int | None]:
        """(length, group) of the longest phrase starting the given stems; (1, None) if none."""
        for length in range(len(stems), 0, -1):
            group = self._index.get(tuple(stems[:length]))
            if group is not None:
                return length, group
        return 1, None

    def alternatives(self, group: int, own: tuple, kind: str, shown: str = "") -> list:
        """The group term (scored with `kind`), then each other member as a `shown` alternative (SHOWN, or
        SHOWN_PART for a compound's part): not scored, only to say which synonym a record uses."""
        from generator.retrieval.analysis import SHOWN, Alt

        return [Alt(kind, (self.term(group),), self.label(group))] + [
            Alt(shown or SHOWN, stems, phrase) for stems, phrase in self.groups[group][1] if stems != own]


def default_file() -> Path:
    return paths.VOCABULARIES_DIR / FILE_NAME


def load(path: Path | None = None) -> Thesaurus:
    """The thesaurus file (none: an empty thesaurus). Raises ThesaurusError on problems."""
    path = path if path is not None else default_file()
    if not Path(path).exists():
        return Thesaurus.empty()
    problems, groups = read(Path(path))
    if problems:
        where = paths.display_path(Path(path))
        raise ThesaurusError("\n".join(f"{where}:{line}: {message}" for line, message in problems))
    return Thesaurus(groups)


def findings(path: Path | None = None) -> list:
    """The thesaurus' problems as validation findings (`katalog validate`)."""
    from generator.findings import ERROR, Finding

    path = path if path is not None else default_file()
    if not Path(path).exists():
        return []
    problems, _groups = read(Path(path))
    where = paths.display_path(Path(path))
    return [Finding(where, line, 1, ERROR, "values", message, "thesaurus") for line, message in problems]


class ThesaurusError(Exception):
    pass


def read(path: Path) -> tuple[list, list]:
    """([(line, German problem)], [(group id, [phrases])])."""
    result = load_file(path)
    if not result.ok or not isinstance(result.data, dict):
        problem = result.problems[0] if result.problems else None
        return [(problem.line if problem else 1, "Thesaurus unlesbar" + (f": {problem.message}" if problem else ""))], []
    data = result.data
    problems = []
    if data.get("id") != VOCABULARY_ID:
        problems.append((1, f"Feld „id“ muss „{VOCABULARY_ID}“ lauten."))
    values = data.get("values")
    if not isinstance(values, list) or not values:
        return problems + [(1, "Feld „values“ fehlt oder ist leer (eine Liste von Gruppen).")], []
    lines = _lines(path)
    groups: list = []
    seen_ids: dict = {}
    seen_phrases: dict = {}
    for number, value in enumerate(values, 1):
        line = lines.get(number, 1)
        if not isinstance(value, dict):
            problems.append((line, f"Gruppe {number} ist kein Eintrag mit id, label und aliases."))
            continue
        gid = value.get("id")
        if not isinstance(gid, str) or not gid:
            problems.append((line, f"Gruppe {number}: Feld „id“ fehlt."))
            continue
        if gid in seen_ids:
            problems.append((line, f"Gruppe „{gid}“: die Kennung steht schon in Zeile {seen_ids[gid]}."))
        seen_ids[gid] = line
        unknown = sorted(set(value) - {"id", "label", "description", "aliases"})
        if unknown:
            problems.append((line, f"Gruppe „{gid}“: unbekanntes Feld „{unknown[0]}“ (erlaubt: id, label, description, aliases)."))
        label, aliases = value.get("label"), value.get("aliases")
        if not isinstance(label, str) or not label.strip():
            problems.append((line, f"Gruppe „{gid}“: Feld „label“ fehlt."))
            continue
        if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.append((line, f"Gruppe „{gid}“: Feld „aliases“ braucht mindestens ein Wort (eine Liste von Texten)."))
            continue
        phrases = [label] + aliases
        for phrase in phrases:
            stems = tuple(text.stems(phrase))
            if not stems:
                problems.append((line, f"Gruppe „{gid}“: „{phrase}“ besteht nur aus Füllwörtern oder Zahlen."))
            elif stems in seen_phrases and seen_phrases[stems] != gid:
                problems.append((line, f"Gruppe „{gid}“: „{phrase}“ steht schon in der Gruppe „{seen_phrases[stems]}“."))
            else:
                seen_phrases[stems] = gid
        groups.append((gid, phrases))
    return problems, groups


def _lines(path: Path) -> dict:
    """Group number -> line of its "- id:" in the file (for messages)."""
    out, number = {}, 0
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.lstrip().startswith("- ") and line.startswith("  -"):
            number += 1
            out[number] = line_no
    return out
