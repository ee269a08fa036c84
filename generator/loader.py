"""Safe YAML for files from strangers: JSON-like values, every value with its line.

We build values from the parser's event stream ourselves instead of using a
PyYAML constructor, because the constructors implement YAML 1.1 typing (``no``
becomes False, ``01067`` becomes 567, ``2026-03-31`` a date) and accept anchors,
aliases, tags and duplicate keys. Here a plain scalar is only null, a boolean,
a JSON number or else the exact text written; everything else is refused with a
German message that names the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_Parser: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:  # libyaml is bundled with PyYAML wheels; fall back to pure Python otherwise
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Parser

MAX_BYTES = 256 * 1024
MAX_DEPTH = 12
MAX_NODES = 50_000

_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUES = {"true", "True", "TRUE"}
_FALSES = {"false", "False", "FALSE"}
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)\Z")
# C0/C1 controls except TAB/LF/CR, line/paragraph separators, zero-width and bidi controls.
FORBIDDEN_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u0085\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


@dataclass
class LoadProblem:
    line: int
    column: int
    message: str
    code: str
    path: tuple = ()


@dataclass
class LoadResult:
    """What the loader knows about one file: the data (or None) and its problems."""

    data: Any = None
    positions: dict = field(default_factory=dict)  # path -> (line, column) of the value
    key_positions: dict = field(default_factory=dict)  # path -> (line, column) of the key
    problems: list = field(default_factory=list)
    number_texts: dict = field(default_factory=dict)  # path -> text as written, for values read as decimals

    @property
    def ok(self) -> bool:
        return not self.problems

    def position(self, path: tuple) -> tuple[int, int]:
        """Closest known position for a path: the value, else its key, else its parent."""
        path = tuple(path)
        while True:
            if path in self.positions:
                return self.positions[path]
            if path in self.key_positions:
                return self.key_positions[path]
            if not path:
                return (1, 1)
            path = path[:-1]


class _Fatal(Exception):
    def __init__(self, problem: LoadProblem):
        self.problem = problem


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _describe_char(ch: str) -> str:
    if ch in "\u2028\u2029\u0085":
        return f"einen unsichtbaren Zeilenumbruch ({_char_name(ch)})"
    if "\u200b" <= ch <= "\u200f" or "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" or "\u2060" <= ch <= "\u2064" or ch == "\ufeff":
        return f"ein unsichtbares Steuerzeichen ({_char_name(ch)})"
    return f"ein Steuerzeichen ({_char_name(ch)})"


def _position_in_text(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def decode(raw: bytes) -> str:
    """Strict UTF-8 (an optional BOM is dropped); raises _Fatal with a German message."""
    if len(raw) > MAX_BYTES:
        raise _Fatal(LoadProblem(1, 1, f"Die Datei ist zu groß ({len(raw) // 1024} KiB). Erlaubt sind höchstens {MAX_BYTES // 1024} KiB je Eintrag.", "load.size"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Fatal(LoadProblem(1, 1, "Die Datei ist in UTF-16 gespeichert. Bitte als UTF-8 speichern.", "load.encoding"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _Fatal(LoadProblem(line, column, "Die Datei ist nicht in UTF-8 gespeichert (ungültiges Byte). Bitte im Editor als UTF-8 speichern.", "load.encoding")) from None
    return text


def _check_text(text: str) -> None:
    match = FORBIDDEN_CHARS.search(text)
    if match:
        line, column = _position_in_text(text, match.start())
        raise _Fatal(LoadProblem(line, column, f"Die Datei enthält {_describe_char(match.group())}. Bitte entfernen; oft stammt es aus kopiertem Text.", "load.control-char"))
    if not text.strip():
        raise _Fatal(LoadProblem(1, 1, "Die Datei ist leer.", "load.empty"))


_SYNTAX_HINTS = [
    ("mapping values are not allowed", "Doppelpunkt an unerwarteter Stelle. Enthält ein Wert „: “? Dann den ganzen Wert in Anführungszeichen setzen."),
    ("cannot start any token", "Ungültiges Zeichen am Anfang eines Werts (z. B. Tabulator, „@“ oder „`“). Einrückung nur mit Leerzeichen; Werte mit Sonderzeichen in Anführungszeichen setzen."),
    ("could not find expected ':'", "Hier fehlt ein Doppelpunkt nach dem Feldnamen, oder ein mehrzeiliger Wert ist nicht eingerückt."),
    ("did not find expected key", "Die Einrückung stimmt nicht: Felder derselben Ebene müssen genau gleich weit eingerückt sein."),
    ("did not find expected '-'", "Die Einrückung einer Liste stimmt nicht: Jeder Listeneintrag beginnt mit „- “ auf derselben Einrückung."),
    ("expected <block end>", "Die Einrückung stimmt nicht: Dieser Eintrag ist weiter oder weniger weit eingerückt als die Einträge davor."),
    ("found unexpected end of stream", "Die Datei endet mitten in einem Wert: Ist ein Anführungszeichen oder eine Klammer nicht geschlossen?"),
    ("found unknown escape character", "Unbekannte Escape-Folge mit „\\“ in doppelten Anführungszeichen. Einfache Anführungszeichen verwenden oder „\\\\“ schreiben."),
    ("found undefined tag handle", "Typangaben mit „!“ sind nicht erlaubt. Beginnt ein Wert mit „!“, ihn in Anführungszeichen setzen."),
    ("found unexpected ':'", "Doppelpunkt an unerwarteter Stelle. Den Wert in Anführungszeichen setzen."),
    ("expected alphabetic or numeric character", "Ein Wert beginnt mit „&“ oder „*“ (in YAML Anker und Verweise). Den Wert in Anführungszeichen setzen."),
    ("found a tab character", "Tabulatoren sind in der Einrückung nicht erlaubt. Bitte Leerzeichen verwenden."),
    ("expected ',' or ']'", "Eine Liste in eckigen Klammern ist nicht richtig geschlossen oder getrennt."),
    ("expected ',' or '}'", "Ein Objekt in geschweiften Klammern ist nicht richtig geschlossen oder getrennt."),
    ("expected a comment or a line break", "Nach diesem Wert folgt unerwarteter Text. Enthält der Wert Anführungszeichen? Dann den ganzen Wert in Anführungszeichen setzen."),
    ("expected a single document", "Die Datei enthält mehrere Dokumente (getrennt durch „---“). Je Datei ist nur ein Eintrag erlaubt."),
    ("expected '<document start>'", "Nach dem Ende des Eintrags folgt weiterer Text. Je Datei ist nur ein Eintrag erlaubt."),
]


def _syntax_problem(exc: yaml.YAMLError) -> LoadProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = (getattr(exc, "problem", None) or str(exc) or "").strip()
    context = (getattr(exc, "context", None) or "").strip()
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem or needle in context:
            return LoadProblem(line, column, f"YAML-Syntaxfehler: {hint}", "load.syntax")
    return LoadProblem(line, column, f"YAML-Syntaxfehler: Die Datei lässt sich nicht lesen ({problem or 'unbekannter Fehler'}). Einrückung, Doppelpunkte und Anführungszeichen prüfen.", "load.syntax")


def plain_scalar(value: str) -> Any:
    """JSON-like typing for unquoted values; anything else stays exactly as written."""
    if value in _NULLS:
        return None
    if value in _TRUES:
        return True
    if value in _FALSES:
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


_ScalarEvent = yaml.ScalarEvent
_MappingStart = yaml.MappingStartEvent
_SequenceStart = yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_SKIP = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)


def _build(text: str, result: LoadResult) -> Any:
    """Turn the event stream into plain data, recording positions and problems.

    A frame on the stack is [container, path, pending_key, first_lines]; for a
    list pending_key is unused. Written as one flat loop because it runs for
    every value of every file (it is the hot path of `katalog validate`).
    """
    stack: list = []
    root = None
    documents = 0
    nodes = 0
    problems = result.problems
    positions = result.positions
    key_positions = result.key_positions

    event: Any  # the event classes share no typed base with anchor, tag, value and style
    for event in yaml.parse(text, Loader=_Parser):
        kind = type(event)
        if kind in _ENDS:
            stack.pop()
            continue
        if kind in _SKIP:
            continue
        mark = event.start_mark
        line, column = mark.line + 1, mark.column + 1
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Fatal(LoadProblem(line, column, "Die Datei enthält mehrere Dokumente (getrennt durch „---“). Je Datei ist genau ein Eintrag erlaubt.", "load.multi-document"))
            continue
        nodes += 1
        if nodes > MAX_NODES:
            raise _Fatal(LoadProblem(line, column, "Die Datei enthält zu viele Werte.", "load.too-many-nodes"))
        if kind is yaml.AliasEvent:
            raise _Fatal(LoadProblem(line, column, f"Verweise („*{event.anchor}“) sind nicht erlaubt. Bitte den Wert ausschreiben.", "load.alias"))
        if event.anchor:
            problems.append(LoadProblem(line, column, f"Anker („&{event.anchor}“) sind nicht erlaubt. Bitte den Wert ohne „&“ schreiben.", "load.anchor"))
        tag = event.tag
        if tag is not None:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(LoadProblem(line, column, f"Typangaben wie „{shown}“ sind nicht erlaubt. Bitte den Wert ohne Typangabe schreiben (Text in Anführungszeichen).", "load.tag"))

        if stack:
            frame = stack[-1]
            container = frame[0]
            if container.__class__ is dict:
                key = frame[2]
                if key is None:  # this event is a mapping key
                    if kind is not _ScalarEvent:
                        raise _Fatal(LoadProblem(line, column, "Feldnamen müssen einfacher Text sein.", "load.complex-key"))
                    key = event.value
                    if key == "<<" and not event.style:
                        problems.append(LoadProblem(line, column, "Zusammenführungen („<<“) sind nicht erlaubt. Bitte die Felder ausschreiben.", "load.merge-key"))
                    first = frame[3]
                    if key in first:
                        problems.append(LoadProblem(line, column, f"Das Feld „{key}“ steht doppelt (zuerst in Zeile {first[key]}). Jedes Feld darf nur einmal vorkommen.", "load.duplicate-key", frame[1] + (key,)))
                        frame[2] = _DUPLICATE
                    else:
                        first[key] = line
                        frame[2] = key
                        key_positions[frame[1] + (key,)] = (line, column)
                    continue
                frame[2] = None
                if key is _DUPLICATE:
                    path = frame[1] + ("<doppelt>",)
                    store = False
                else:
                    path = frame[1] + (key,)
                    store = True
            else:
                path = frame[1] + (len(container),)
                store = True
        else:
            container = None
            path = ()
            store = True

        if kind is _ScalarEvent:
            if not event.style and tag is None:
                value = plain_scalar(event.value)
                if value.__class__ is float:
                    result.number_texts[path] = event.value
            else:
                value = event.value
                bad = FORBIDDEN_CHARS.search(value)
                if bad:
                    problems.append(LoadProblem(line, column, f"Der Wert enthält {_describe_char(bad.group())}. Bitte entfernen.", "load.control-char", path))
        elif kind is _MappingStart or kind is _SequenceStart:
            if len(stack) >= MAX_DEPTH:
                raise _Fatal(LoadProblem(line, column, f"Die Daten sind zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen).", "load.depth"))
            value = {} if kind is _MappingStart else []
            stack.append([value, path, None, {}])
        else:  # pragma: no cover - no other event kinds exist
            continue

        if container is None:
            root = value
            positions[path] = (line, column)
        elif store:
            positions[path] = (line, column)
            if container.__class__ is dict:
                container[path[-1]] = value
            else:
                container.append(value)
    return root


class _DuplicateMarker:
    def __repr__(self):
        return "<duplicate>"


_DUPLICATE = _DuplicateMarker()


def load_text(text: str) -> LoadResult:
    result = _load_text(text)
    if any(not problem.path for problem in result.problems):
        _name_fields(text, result.problems)
    return result


def _load_text(text: str) -> LoadResult:
    result = LoadResult()
    try:
        _check_text(text)
        result.data = _build(text, result)
        if result.data is None and not result.problems:
            result.problems.append(LoadProblem(1, 1, "Die Datei enthält keinen Eintrag (nur Kommentare, „null“ oder ein leeres "
                                                     "Dokument). Bitte die Felder des Eintrags eintragen oder die Datei löschen.", "load.no-record"))
    except _Fatal as fatal:
        result.problems.append(fatal.problem)
        result.data = None
    except yaml.YAMLError as exc:
        result.problems.append(_syntax_problem(exc))
        result.data = None
    except RecursionError:
        result.problems.append(LoadProblem(1, 1, "Die Daten sind zu tief verschachtelt.", "load.depth"))
        result.data = None
    except MemoryError:
        result.problems.append(LoadProblem(1, 1, "Die Datei ist zu groß, um sie zu lesen.", "load.size"))
        result.data = None
    except Exception as exc:  # the loader never shows a traceback, whatever the input
        result.problems.append(LoadProblem(1, 1, f"Die Datei lässt sich nicht lesen ({type(exc).__name__}).", "load.unreadable"))
        result.data = None
    return result


def load_bytes(raw: bytes) -> LoadResult:
    try:
        text = decode(raw)
    except _Fatal as fatal:
        problems = [fatal.problem]
        if fatal.problem.code == "load.encoding" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            _name_fields(raw.decode("utf-8", errors="replace"), problems)
        return LoadResult(problems=problems)
    return load_text(text)


# --- which field a line belongs to (for problems found below the level of values) ---------------

_KEY_LINE = re.compile(r"""( *)((?:- +)*)("[^"\\]*"|'[^']*'|[^\s#'"\-?:,\[\]{}&*!|>%@`][^:#]*?|-[^\s:#][^:#]*?)[ \t]*:(?:[ \t]+(.*))?$""")
_ITEM_LINE = re.compile(r"( *)((?:- +)+|-$)")
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*\s*(#.*)?")


def field_path_at(text: str, line_number: int) -> tuple:
    """Path of the key whose line (or whose value's lines) holds `line_number`, () if none.

    Reads the block structure from indentation alone, so it also works on files the parser
    refused. Flow style ([a, b], {a: 1}) is not followed: such lines count for the key they start on.
    """
    frames: list = []  # (column, key or list index, is_item)
    counters: dict = {}  # (parent path, column of "-") -> index of the last item seen
    block_indent = None  # inside a literal/folded block scalar: the indentation of its key
    for number, raw in enumerate(text.split("\n")[:line_number], start=1):
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip(" "))
        if block_indent is not None:
            if not stripped or indent > block_indent:
                continue
            block_indent = None
        if not stripped or stripped.startswith("#") or stripped in ("---", "..."):
            continue
        key_match = _KEY_LINE.match(raw)
        item_match = key_match or _ITEM_LINE.match(raw)
        if not item_match:
            continue  # a continuation line belongs to the field above
        dashes = item_match.group(2) or ""
        while frames and frames[-1][0] > indent:
            frames.pop()
        while frames and frames[-1][0] == indent and (frames[-1][2] or not dashes):
            frames.pop()  # a sibling item, or a sibling key (a list may sit at its key's column)
        column = indent
        for dash in re.findall(r"- *", dashes):
            parent = tuple(f[1] for f in frames)
            counters[(parent, column)] = counters.get((parent, column), -1) + 1
            frames.append((column, counters[(parent, column)], True))
            column += len(dash)
        if key_match:
            key = key_match.group(3)
            if key[:1] in "\"'":
                key = key[1:-1]
            frames.append((column, key.strip(), False))
            if number < line_number and _BLOCK_SCALAR.fullmatch(key_match.group(4) or ""):
                block_indent = column
    return tuple(f[1] for f in frames)


_LINE_LEVEL = {"load.syntax", "load.anchor", "load.tag", "load.alias", "load.merge-key", "load.complex-key",
               "load.control-char", "load.encoding"}


def _name_fields(text: str, problems: list) -> None:
    """Give problems found at the level of lines or bytes the field their line belongs to."""
    for problem in problems:
        if not problem.path and problem.code in _LINE_LEVEL:
            try:
                problem.path = field_path_at(text, problem.line)
            except Exception:  # naming the field is a courtesy; it never hides the problem itself
                problem.path = ()


def load_file(path: Path) -> LoadResult:
    """Read one record file; symlinks and oversized files are refused before reading."""
    path = Path(path)
    try:
        if path.is_symlink():
            return LoadResult(problems=[LoadProblem(1, 1, "Die Datei ist ein symbolischer Link. Einträge müssen echte Dateien sein.", "load.symlink")])
        size = path.stat().st_size
        if size > MAX_BYTES:
            return LoadResult(problems=[LoadProblem(1, 1, f"Die Datei ist zu groß ({size // 1024} KiB). Erlaubt sind höchstens {MAX_BYTES // 1024} KiB je Eintrag.", "load.size")])
        raw = path.read_bytes()
    except OSError as exc:
        return LoadResult(problems=[LoadProblem(1, 1, f"Die Datei lässt sich nicht öffnen ({exc.strerror or type(exc).__name__}).", "load.io")])
    return load_bytes(raw)
