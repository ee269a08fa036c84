"""Text analysis of the retrieval core: words -> stems, compound parts, synonyms, typo variants.

Ported line by line to docs/assets/katalog/retrieval.js (tested for equality under Node).

* Words, stop words and Snowball stems come from generator/text.py.
* The lexicon is the set of stems of every word in the catalogue's records (derived at build time).
  It decides which compounds can be split and which typos can be corrected.
* Decompounding: a word of at least MIN_COMPOUND letters is split into parts whose stems the
  lexicon knows, with an optional linking element (LINKS: -s-, -es-, -n-, -en-, -e-) after each
  non-final part. Fewest parts win, then the longest first part. "Parksensoren" -> park + sensor,
  "Glasfaserausbau" -> glasfas + ausbau. A final part of at least TYPO_MIN letters may be one edit
  away from a lexicon stem ("Parksensorn" -> park + sensor).
* Typo tolerance: a stem the lexicon does not know, of a word with at least TYPO_MIN letters, is
  matched to the lexicon stems one edit away (insert, delete, replace, swap two neighbours).
"""
from __future__ import annotations

from bisect import bisect_left

from generator import text

LINKS = ("es", "en", "s", "n", "e")  # linking elements, tried in this order after a non-final part
MIN_PART = 3  # shortest part of a compound (letters)
MIN_COMPOUND = 6  # shortest word that is tried as a compound
MAX_PARTS = 4
HEAD_LINKS = ("", "s", "es", "n", "en")  # -e- makes too many false first parts ("Fachb-e-reich")
MIN_HEAD = 5  # first parts learned from the catalogue's compounds have at least this many letters, and so does the rest
TYPO_MIN = 5  # words of at least this many letters tolerate one edit
MAX_TYPO = 5  # at most this many corrections per word (closest first, then alphabetical)


def osa_within_one(a: str, b: str) -> bool:
    """True if a and b differ by at most one insertion, deletion, replacement or swap of neighbours."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < la and i < lb and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1:] == b[i + 1:]:
            return True  # replacement
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]  # swap
    if la > lb:
        return a[i + 1:] == b[i:]
    return a[i:] == b[i + 1:]


def deletions(word: str) -> list[str]:
    """The word and every form with one letter removed: keys of the typo index."""
    return [word] + [word[:i] + word[i + 1:] for i in range(len(word))]


class Lexicon:
    """The stems of the catalogue's words, with one spelling each for display, and a typo index."""

    def __init__(self, surfaces: dict):
        self.surface = dict(sorted(surfaces.items()))  # stem -> word as written (lower case)
        self.stems = frozenset(self.surface)
        self._near: dict | None = None
        self._splits: dict = {}
        self._sorted: list | None = None

    @classmethod
    def from_texts(cls, texts) -> Lexicon:
        """From record texts: each stem with the spelling that occurs most often (ties: alphabetical)."""
        counts: dict = {}
        nouns = set()
        for value in texts:
            for word in text.words(value):
                lower = word.lower()
                if word[:1].isupper() and word[1:2].islower():
                    nouns.add(lower)
                stem = text.stem(lower)
                if len(stem) < 2:
                    continue
                per = counts.setdefault(stem, {})
                per[lower] = per.get(lower, 0) + 1
        lexicon = cls({stem: min(per, key=lambda w: (-per[w], w)) for stem, per in counts.items()})
        return lexicon.with_heads(nouns)

    def with_heads(self, nouns) -> Lexicon:
        """The lexicon plus the first parts of its compound nouns: a noun that does not split, but ends in a known
        word of at least MIN_HEAD letters after a first part of at least MIN_HEAD letters (and a linking
        element), teaches that first part ("Katastrophenschutz" -> "Katastrophen"). The longest known rest wins."""
        learned: dict[str, str] = {}
        for word in sorted(nouns):
            if len(word) < 2 * MIN_HEAD or self.split(word):
                continue
            for i in range(MIN_PART + 1, len(word) - MIN_HEAD + 1):  # the longest known rest wins
                head = word[:i]
                if head in text.STOP_WORDS:
                    continue
                found = False
                for link in HEAD_LINKS:
                    rest = word[i + len(link):]
                    if word.startswith(link, i) and len(rest) >= MIN_HEAD and text.stem(rest) in self.stems:
                        found = True
                        break
                if found:
                    stem = text.stem(head)
                    if stem not in self.stems and len(head) >= MIN_HEAD:
                        learned.setdefault(stem, head)  # nouns in alphabetical order: the first spelling stays
                    break
        if not learned:
            return self
        return Lexicon({**learned, **self.surface})

    @classmethod
    def from_words(cls, words) -> Lexicon:
        """From the shipped word list (one spelling per stem), as the JavaScript does."""
        return cls({text.stem(w): w for w in words})

    def words(self) -> list[str]:
        """One spelling per stem, ordered by stem: what the site receives."""
        return list(self.surface.values())

    # --- typos -------------------------------------------------------------------------------------------
    def near(self, stem: str) -> list[str]:
        """Lexicon stems one edit away from `stem` (not `stem` itself), closest length first, then alphabetical."""
        if self._near is None:
            self._near = {}
            for known in sorted(self.stems):
                for key in deletions(known):
                    self._near.setdefault(key, []).append(known)
        found = set()
        for key in deletions(stem):
            for known in self._near.get(key, ()):
                if known != stem and osa_within_one(stem, known):
                    found.add(known)
        return sorted(found, key=lambda s: (abs(len(s) - len(stem)), s))[:MAX_TYPO]

    def prefixed(self, stem: str) -> list[str]:
        """Lexicon stems that start with `stem` and are longer, alphabetical."""
        if self._sorted is None:
            self._sorted = sorted(self.stems)
        start = bisect_left(self._sorted, stem)
        out = []
        for known in self._sorted[start:]:
            if not known.startswith(stem):
                break
            if known != stem:
                out.append(known)
        return out

    # --- compounds ---------------------------------------------------------------------------------------
    def split(self, word: str, fuzzy: bool = False) -> list[str]:
        """Stems of the parts of a compound word (lower case), [] if it does not split (see module docstring).
        With `fuzzy`, the final part may be one edit away from a known stem (only if no exact split exists)."""
        return [stem for stem, _part in self._pieces(word, fuzzy)]

    def parts(self, word: str) -> list[str]:
        """The stems of all parts, and of the parts of parts ("parkplatzsensoren" -> parkplatz, sensor, park, platz):
        what a record's word is indexed under besides its own stem."""
        return [stem for stem, _piece in self.parts_with_pieces(word)]

    def parts_with_pieces(self, word: str) -> list[tuple[str, str]]:
        """parts() with each part as written in the word ("sensoren", without linking elements)."""
        out: list[tuple[str, str]] = []
        seen: set = set()
        todo = [word]
        while todo:
            for stem, piece in self._pieces(todo.pop(0), False):
                if stem not in seen:
                    seen.add(stem)
                    out.append((stem, piece))
                    todo.append(piece)
        return out

    def head(self, word: str) -> list[str]:
        """[stem of the longest known first part, stem of the rest] of an unknown word that does not split
        ("Glasfaserausbau" in a catalogue without "Ausbau": glasfas + ausbau); [] if no first part is known.
        First parts have at least MIN_HEAD letters, the rest at least MIN_PART."""
        return [stem for stem, _piece in self.head_with_pieces(word)]

    def head_with_pieces(self, word: str) -> list[tuple[str, str]]:
        if len(word) < MIN_COMPOUND:
            return []
        for i in range(len(word) - MIN_PART, MIN_HEAD - 1, -1):
            head = text.stem(word[:i])
            if head in self.stems:
                return [(head, word[:i]), (text.stem(word[i:]), word[i:])]
        return []

    def _pieces(self, word: str, fuzzy: bool) -> list:
        key = (word, fuzzy)
        found = self._splits.get(key)
        if found is None:
            found = []
            if len(word) >= MIN_COMPOUND:
                found = self._split(word, False, MAX_PARTS) or []
                if not found and fuzzy:
                    found = self._split(word, True, MAX_PARTS) or []
            self._splits[key] = found
        return found

    def _final(self, rest: str, fuzzy: bool) -> str:
        stem = text.stem(rest)
        if not fuzzy:
            return stem if stem in self.stems else ""
        if len(rest) >= TYPO_MIN and stem not in self.stems:
            near = self.near(stem)
            if near:
                return near[0]
        return ""

    def _split(self, word: str, fuzzy: bool, budget: int):
        """[(stem, piece as written)] with fewest parts, the longest first part first; None if impossible."""
        best = None
        for i in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head = text.stem(word[:i])
            if head not in self.stems or len(head) < MIN_PART:
                continue
            for link in ("",) + LINKS:
                if not word.startswith(link, i):
                    continue
                rest = word[i + len(link):]
                if len(rest) < MIN_PART:
                    continue
                final = self._final(rest, fuzzy)
                candidate = [(head, word[:i]), (final, rest)] if final else None
                if candidate is None and budget > 2 and len(rest) >= MIN_COMPOUND:
                    tail = self._split(rest, fuzzy, budget - 1)
                    candidate = [(head, word[:i])] + tail if tail else None
                if candidate and (best is None or len(candidate) < len(best)):
                    best = candidate
                    if len(best) == 2:
                        return best
        return best


# --- the query: one concept per word (or per phrase the thesaurus knows) ------------------------------------------

EXACT, PREFIX, PART, SYNONYM, PART_SYNONYM, TYPO = "exact", "prefix", "part", "synonym", "part-synonym", "typo"
SHOWN = "shown"  # a synonym named in the result when a record uses it; scored through its group term
SHOWN_PART = "shown-part"  # the same for a synonym of a compound's part („Kindergarten“ for the „Kita“ of „Kitaplatzvergabe“)
FACTORS = {EXACT: 100, PREFIX: 50, PART: 80, SYNONYM: 80, PART_SYNONYM: 40, TYPO: 60, SHOWN: 0, SHOWN_PART: 0}  # percent of the points
MIN_PREFIX = 3  # stems this long or longer also find longer stems starting with them ("glasf" -> "glasfas")
MAX_PHRASE = 4  # longest thesaurus phrase (words)


class Alt:
    """One way a concept can occur in a record: its stems (all count, averaged), kind and display label."""

    __slots__ = ("kind", "terms", "label")

    def __init__(self, kind: str, terms: tuple, label: str = ""):
        self.kind, self.terms, self.label = kind, terms, label

    def as_list(self) -> list:
        return [self.kind, list(self.terms), self.label]


class Concept:
    """A query word (or thesaurus phrase) with the alternatives that count for it."""

    __slots__ = ("word", "alts")

    def __init__(self, word: str, alts: list):
        self.word, self.alts = word, alts

    def as_list(self) -> list:
        return [self.word, [a.as_list() for a in self.alts]]


def concepts(value: str, lexicon: Lexicon, thesaurus) -> list[Concept]:
    """The query's concepts, in order, without duplicates (see generator/retrieval/__init__.py)."""
    pairs = text.stems_with_words(value)
    out: list[Concept] = []
    seen: set = set()
    i = 0
    while i < len(pairs):
        length, group = thesaurus.phrase_at([s for s, _w in pairs[i:i + MAX_PHRASE]])
        if length > 1:
            stems = tuple(s for s, _w in pairs[i:i + length])
            word = " ".join(w for _s, w in pairs[i:i + length])
            alts = [Alt(EXACT, stems)] + thesaurus.alternatives(group, stems, SYNONYM)
            i += length
        else:
            stem, word = pairs[i]
            alts = word_alternatives(stem, word, lexicon, thesaurus, group)
            stems = (stem,)
            i += 1
        if stems in seen or not alts:
            continue
        seen.add(stems)
        out.append(Concept(word, alts))
    return out


def word_alternatives(stem: str, word: str, lexicon: Lexicon, thesaurus, group) -> list[Alt]:
    alts = [Alt(EXACT, (stem,))]
    known = stem in lexicon.stems
    if len(stem) >= MIN_PREFIX:
        alts += [Alt(PREFIX, (t,)) for t in lexicon.prefixed(stem)]
    lower = word.lower()
    pieces = lexicon.parts_with_pieces(lower)
    if not known and len(word) >= TYPO_MIN:
        alts += [Alt(TYPO, (t,), lexicon.surface[t]) for t in lexicon.near(stem)]
        if not pieces:
            pieces = lexicon._pieces(lower, True) or lexicon.head_with_pieces(lower)
    parts = [stem for stem, _piece in pieces]
    if parts:  # labelled with the parts as written, space-separated ("park sensoren")
        alts.append(Alt(PART, tuple(parts), " ".join(piece for _stem, piece in pieces)))
    if group is not None:
        alts += thesaurus.alternatives(group, (stem,), SYNONYM)
    for part in parts:
        part_group = thesaurus.group_of((part,))
        if part_group is not None and part_group != group:
            alts += thesaurus.alternatives(part_group, (part,), PART_SYNONYM, SHOWN_PART)
    return alts
