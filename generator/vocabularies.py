"""Controlled vocabularies (catalogue/vocabularies/*.yaml): the one source for ids and labels."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator import paths
from generator.loader import load_file


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    description: str = ""
    extra: tuple = ()  # further attributes, e.g. ("ags", "05") for Länder
    aliases: tuple = ()  # words contributors use instead, for "Meinten Sie …?"


@dataclass(frozen=True)
class Vocabulary:
    id: str
    title: str
    description: str
    terms: tuple

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.terms]

    def label(self, term_id: str) -> str:
        for term in self.terms:
            if term.id == term_id:
                return term.label
        return term_id

    def labels(self) -> dict[str, str]:
        return {t.id: t.label for t in self.terms}


class VocabularyError(Exception):
    pass


def load_vocabularies(directory: Path = paths.VOCABULARIES_DIR) -> dict[str, Vocabulary]:
    vocabularies = {}
    for path in sorted(directory.glob("*.yaml")):
        result = load_file(path)
        if not result.ok or not isinstance(result.data, dict):
            problem = result.problems[0] if result.problems else None
            raise VocabularyError(f"{paths.display_path(path)}:{problem.line if problem else 1}: Vokabular unlesbar"
                                  + (f": {problem.message}" if problem else ""))
        data = result.data
        terms = []
        for value in data.get("values", []):
            extra = tuple(sorted((k, str(v)) for k, v in value.items() if k not in ("id", "label", "description", "aliases")))
            aliases = tuple(str(a) for a in value.get("aliases", []))
            terms.append(Term(str(value["id"]), str(value["label"]), str(value.get("description", "")), extra, aliases))
        vocabularies[data["id"]] = Vocabulary(str(data["id"]), str(data.get("title", data["id"])), str(data.get("description", "")), tuple(terms))
    return vocabularies


@lru_cache(maxsize=None)
def default_vocabularies() -> dict[str, Vocabulary]:
    return load_vocabularies()


def suggest(value: str, vocabulary: Vocabulary) -> str | None:
    """The term a contributor probably meant: by alias, label or spelling."""
    import difflib

    needle = normalise(value)
    for term in vocabulary.terms:
        if needle in (normalise(term.id), normalise(term.label)) or needle in {normalise(a) for a in term.aliases}:
            return term.id
    candidates = {}
    for term in vocabulary.terms:
        for word in (term.id, term.label, *term.aliases):
            candidates[normalise(word)] = term.id
    match = difflib.get_close_matches(needle, list(candidates), n=1, cutoff=0.6)
    return candidates[match[0]] if match else None


def normalise(text: str) -> str:
    text = str(text).strip().lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), (" & ", "-"), ("&", "-"), (" ", "-"), ("_", "-")):
        text = text.replace(a, b)
    return text


def label(vocabulary: str, term: str) -> str:
    """The German label of a term of one of the default vocabularies (the term itself if unknown)."""
    return default_vocabularies()[vocabulary].label(term)
