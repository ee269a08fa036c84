"""Schema validation of one record, with messages a municipal contributor understands."""
from __future__ import annotations

import difflib
import re

from generator.fastcheck import surely_valid
from generator.findings import ERROR, Finding, format_path
from generator.loader import LoadResult
from generator.schemas import validator_for
from generator.vocabularies import default_vocabularies, suggest

TYPE_NAMES = {
    "string": "Text", "integer": "eine ganze Zahl", "number": "eine Zahl", "boolean": "true oder false",
    "array": "eine Liste", "object": "ein Block mit Feldern", "null": "leer",
}
# errors on the same field: report the most helpful one only
PRIORITY = {"type": 0, "additionalProperties": 1, "required": 1, "enum": 2, "anyOf": 3, "oneOf": 3, "pattern": 4}


def _actual_type(value) -> str:
    if value is None:
        return "nichts (leer)"
    if isinstance(value, bool):
        return f"der Wahrheitswert {str(value).lower()}"
    if isinstance(value, int):
        return f"die Zahl {value}"
    if isinstance(value, float):
        return f"die Zahl {value}"
    if isinstance(value, str):
        return f"der Text „{_short(value)}“"
    if isinstance(value, list):
        return "eine Liste"
    return "ein Block mit Feldern"


def _short(value, limit: int = 60) -> str:
    text = str(value).replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _vocabulary_for(enum: list):
    for vocab in default_vocabularies().values():
        if vocab.ids == list(enum):
            return vocab
    return None


def missing_keys(error) -> list[str]:
    """The properties a `required` error is about, from the keyword's value and the instance (never
    from jsonschema's English message text)."""
    present = error.instance if isinstance(error.instance, dict) else {}
    return [str(key) for key in error.validator_value if key not in present]


def _message(error, missing: str = "") -> tuple[str, str]:
    """(German message, code) for one jsonschema error; `missing` names the property of a `required` error."""
    keyword = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}  # bundled: titles and x-message sit right here
    value = error.instance
    if keyword == "required":
        prop = error.schema.get("properties", {}).get(missing, {})
        title = prop.get("title")
        return f"Pflichtfeld „{missing}“{f' ({title})' if title else ''} fehlt.", "schema.required"
    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = [k for k in value if k not in allowed] if isinstance(value, dict) else []
        parts = []
        for key in unknown:
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            parts.append(f"Unbekanntes Feld „{key}“." + (f" Meinten Sie „{close[0]}“?" if close else f" Erlaubt sind: {', '.join(allowed)}."))
        return " ".join(parts) or "Unbekanntes Feld.", "schema.unknown-field"
    if keyword == "enum":
        vocab = _vocabulary_for(error.validator_value)
        choices = ", ".join(str(v) for v in error.validator_value)
        hint = ""
        if vocab and isinstance(value, str):
            meant = suggest(value, vocab)
            if meant:
                hint = f" Meinten Sie „{meant}“?"
        elif isinstance(value, str):
            close = difflib.get_close_matches(value, [str(v) for v in error.validator_value], n=1, cutoff=0.6)
            hint = f" Meinten Sie „{close[0]}“?" if close else ""
        shown = f"„{_short(value)}“" if isinstance(value, str) else _actual_type(value)
        return f"{shown} ist kein erlaubter Wert. Erlaubt: {choices}.{hint}", "schema.enum"
    if keyword == "type":
        expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        want = TYPE_NAMES.get(expected, expected)
        hint = ""
        if expected == "string" and isinstance(value, (int, float)) and not isinstance(value, bool):
            hint = " Bitte in Anführungszeichen setzen, z. B. \"" + str(value) + "\" (bei Schlüsseln mit führender Null die Null mitschreiben)."
        elif expected == "boolean" and isinstance(value, str):
            hint = " Bitte true (ja) oder false (nein) schreiben, ohne Anführungszeichen."
        elif expected == "integer" and isinstance(value, str) and re.fullmatch(r"\d{1,3}(?:[. \u00a0]\d{3})+(?: ?(?:€|EUR|Euro))?", value.strip()):
            hint = f" Beträge als ganze Euro ohne Punkt, Leerzeichen oder €-Zeichen schreiben, also {re.sub(r'[^0-9]', '', value)}."
        elif expected == "integer" and isinstance(value, (str, float)):
            hint = " Beträge als ganze Euro ohne Punkt, Komma, Leerzeichen oder €-Zeichen schreiben, z. B. 250000."
        elif expected == "array" and value is not None and not isinstance(value, list):
            hint = " Listeneinträge beginnen mit „- “ in einer eigenen Zeile (oder in eckigen Klammern [a, b])."
        return f"Erwartet wird {want}, gefunden: {_actual_type(value)}.{hint}", "schema.type"
    if keyword == "pattern":
        description = schema.get("description") or ""
        title = schema.get("title")
        form = f" zum Format „{title}“" if title else ""
        return f"„{_short(value)}“ passt nicht{form}. {description}".strip(), "schema.pattern"
    if keyword == "minLength":
        return f"Der Text ist zu kurz ({len(value)} Zeichen, mindestens {error.validator_value}).", "schema.min-length"
    if keyword == "maxLength":
        return f"Der Text ist zu lang ({len(value)} Zeichen, höchstens {error.validator_value}). Bitte kürzen.", "schema.max-length"
    if keyword == "minItems":
        return ("Die Liste ist leer; mindestens ein Eintrag ist nötig." if error.validator_value == 1
                else f"Die Liste braucht mindestens {error.validator_value} Einträge."), "schema.min-items"
    if keyword == "maxItems":
        return f"Die Liste hat zu viele Einträge ({len(value)}, höchstens {error.validator_value}).", "schema.max-items"
    if keyword == "uniqueItems":
        return "Die Liste enthält einen Eintrag doppelt.", "schema.unique"
    if keyword == "minimum":
        if error.validator_value == 0:
            return f"Der Wert darf nicht negativ sein (gefunden: {value}).", "schema.minimum"
        return f"Der Wert ist zu klein (mindestens {error.validator_value}).", "schema.minimum"
    if keyword == "maximum":
        return f"Der Wert ist zu groß (höchstens {error.validator_value}, gefunden: {value}).", "schema.maximum"
    if keyword in ("anyOf", "oneOf"):
        note = schema.get("x-message") or error.schema.get("x-message")
        if note:
            return note, "schema.alternatives"
        return "Der Wert passt zu keiner der erlaubten Formen.", "schema.alternatives"
    return f"Der Wert ist ungültig ({keyword}).", f"schema.{keyword}"


def schema_findings(kind: str, loaded: LoadResult, file: str) -> list[Finding]:
    """All schema problems of one record, one per field, each with line and column."""
    if surely_valid(kind, loaded.data):
        return []
    best: dict = {}
    for error in validator_for(kind).iter_errors(loaded.data):
        path = tuple(error.absolute_path)
        rank = PRIORITY.get(error.validator, 5)
        if error.validator == "required":
            slots = [(path + (key,), key) for key in missing_keys(error)]
        else:
            slots = [(path + ("<unknown>",) if error.validator == "additionalProperties" else path, "")]
        for slot, missing in slots:
            if slot not in best or rank < best[slot][0]:
                best[slot] = (rank, error, missing)
    findings = []
    for slot, (_rank, error, missing) in best.items():
        path = tuple(error.absolute_path)
        message, code = _message(error, missing)
        if error.validator == "required":
            line, column = loaded.position(path) if path else (1, 1)
            field = format_path(slot)
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            unknown = [k for k in error.instance if k not in allowed]
            line, column = loaded.key_positions.get(path + (unknown[0],), loaded.position(path)) if unknown else loaded.position(path)
            field = format_path(path + (unknown[0],)) if unknown else format_path(path)
        else:
            line, column = loaded.position(path)
            field = format_path(path)
        findings.append(Finding(file, line, column, ERROR, field, message, code))
    return findings
