"""Issue body (from an issue form) -> record dict -> YAML text.

The issue author controls every byte of the body, so nothing here evaluates it:
answers are split at the form's own `### Label` headings, read as plain text by
small parsers, put into a plain dict and written with a YAML dumper that quotes
every string. The record id is a slug built here, never taken from the body as
a path. Whatever the answers say, the validator then judges the record.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import yaml

from generator import paths
from generator.checks import RESERVED_IDS
from generator.issue_forms import CONSENT_OPTIONS, FORMS, NO_RESPONSE, Form, consent_options, field_label, form_for
from generator.loader import FORBIDDEN_CHARS, load_text
from generator.reference import Reference
from generator.schema_fields import allowed_values, field, fields
from generator.vocabularies import normalise

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
ID_MIN, ID_MAX = 3, 80
HANDOVER_NOTES = "hinweise.json"  # next to the one record file in the handover folder (see `katalog uebernahme`)
_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$")
_URL = re.compile(r"https?://[^\s<>\"]+")
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_CHECKBOX = re.compile(r"^\s*-\s*\[([ xX])\]\s*(.+?)\s*$")


class ConversionError(Exception):
    """The body cannot become a record; the message (German) says why."""


# --- reading the body ------------------------------------------------------------------------

def split_sections(body: str, labels: list[str]) -> dict[str, str]:
    """Answers by label. Only the form's own labels start a section; a label twice is refused."""
    known = set(labels)
    sections: dict[str, list[str]] = {}
    current = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        match = _HEADING.match(line)
        if match and match.group(1) in known:
            current = match.group(1)
            if current in sections:
                raise ConversionError(f"Der Abschnitt „{current}“ steht mehrmals im Issue. "
                                      "Bitte die Überschriften des Formulars nicht in Antworten verwenden.")
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    answers = {}
    for label in labels:
        text = "\n".join(sections.get(label, [])).strip("\n")
        text = "\n".join(part.rstrip() for part in text.split("\n")).strip()
        answers[label] = "" if text == NO_RESPONSE else text
    return answers


_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


def strip_comments(body: str) -> str:
    """HTML comments are help text (the GitLab templates carry their hints that way), never answers."""
    return _COMMENT.sub("", body)


def detect_kind(body: str) -> str:
    """The record kind whose form produced this body (by its headings)."""
    scores = {}
    for form in FORMS:
        labels = set(_labels(form))
        found = {m.group(1) for m in map(_HEADING.match, body.replace("\r\n", "\n").split("\n")) if m}
        scores[form.kind] = len(labels & found) / len(labels)
    kind, score = max(scores.items(), key=lambda item: item[1])
    if score < 0.5:
        raise ConversionError("Das Issue stammt nicht aus dem Formular „Projekt melden“, „Förderprogramm melden“ "
                              "oder „Nachnutzung oder Interesse melden“.")
    return kind


def _labels(form: Form) -> list[str]:
    return [field_label(form.kind, f) for f in form.fields]


# --- parsers: one answer -> one value (None = leave the field out) ---------------------------

def _lines(answer: str) -> list[str]:
    return [_BULLET.sub("", line).strip() for line in answer.split("\n") if _BULLET.sub("", line).strip()]


def _date(text: str) -> str:
    text = text.strip()
    match = _GERMAN_DATE.fullmatch(text)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text


def _dates_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of every date written in a line, German or ISO."""
    found = []
    for match in re.finditer(r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}(?:-\d{2})?", text):
        found.append((match.start(), match.end(), _date(match.group())))
    return found


def _euro(text: str):
    cleaned = re.sub(r"(?i)\s*(€|eur|euro)\s*$", "", text.strip()).replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    if re.fullmatch(r"\d+", cleaned):
        return int(cleaned)
    return text.strip()  # the validator explains what is wrong


def _percent(text: str):
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    if re.fullmatch(r"\d+", cleaned):
        return int(cleaned)
    if re.fullmatch(r"\d+\.\d+", cleaned):
        return float(cleaned)
    return text.strip()


def _vocab_values(answer: str, kind: str, path: tuple) -> list[str]:
    """Dropdown answers are option labels joined by ", "; labels may themselves contain commas."""
    options = allowed_values(field(kind, path))
    by_label = {label: value for value, label in options}
    by_label.update({value: value for value, _label in options})
    by_normal = {normalise(k): v for k, v in by_label.items()}
    out, rest = [], answer.strip()
    while rest:
        match = next((label for label in sorted(by_label, key=len, reverse=True)
                      if rest.startswith(label) and (len(rest) == len(label) or rest[len(label):].lstrip().startswith(","))), None)
        if match:
            out.append(by_label[match])
            rest = rest[len(match):]
        else:
            token, _sep, rest = rest.partition(",")
            token = token.strip()
            if token:
                out.append(by_normal.get(normalise(token), token))  # unknown: kept, the validator names it
        rest = rest.lstrip().removeprefix(",").lstrip()
    unique = []
    for value in out:
        if value not in unique:
            unique.append(value)
    return unique


def parse_text(answer, form_field, kind, context):
    return answer or None


def parse_oneline(answer, form_field, kind, context):
    return " ".join(answer.split()) or None


def parse_date(answer, form_field, kind, context):
    return _date(answer) if answer else None


def parse_euro(answer, form_field, kind, context):
    return _euro(answer) if answer else None


def parse_percent(answer, form_field, kind, context):
    return _percent(answer) if answer else None


def parse_comma(answer, form_field, kind, context):
    items = []
    for part in re.split(r"[,\n]", answer):
        part = _BULLET.sub("", part).strip()
        if part and part not in items:
            items.append(part)
    return items or None


def parse_vocab(answer, form_field, kind, context):
    if not answer or answer == "None":  # GitHub's own "None" choice of an optional dropdown
        return None
    values = _vocab_values(answer, kind, form_field.path)
    if form_field.multiple:
        return values
    return values[0] if len(values) == 1 else answer


def _vocab_one(text: str, kind: str, path: tuple) -> str:
    values = _vocab_values(text, kind, path)
    return values[0] if len(values) == 1 else text.strip()


def parse_municipalities(answer, form_field, kind, context):
    out = []
    for i, line in enumerate(_lines(answer)):
        role = "lead" if i == 0 else "partner"
        key = re.match(r"^(\d{2,9})(?!\d)", line) or re.search(r"(?<!\d)(\d{5}|\d{8,9})(?!\d)", line)
        if key:
            out.append({"ags": key.group(1), "role": role})
        elif line.count(";") == 2:
            name, type_, land = (part.strip() for part in line.split(";"))
            out.append({"name": name,
                        "type": _vocab_one(type_, kind, ("municipalities", "type")),
                        "land": _vocab_one(land, kind, ("municipalities", "land")),
                        "role": role})
        else:
            out.append({"name": line, "role": role})  # the validator asks for key or type and Land
    return out or None


def _url_and_text(line: str) -> tuple[str | None, str]:
    match = _URL.search(line)
    if not match:
        return None, line.strip()
    rest = (line[: match.start()] + " " + line[match.end():]).strip(" \t-–—:|,;")
    return match.group().rstrip(".,;)"), " ".join(rest.split())


def parse_sources(answer, form_field, kind, context):
    out = []
    for line in _lines(answer):
        url, text = _url_and_text(line)
        entry = {"url": url if url else text}
        if url and text:
            entry["title"] = text
        out.append(entry)
    return out or None


def parse_links(answer, form_field, kind, context):
    out = []
    for line in _lines(answer):
        url, text = _url_and_text(line)
        out.append({"title": text or (url or line), "url": url or line})
    return out or None


def parse_partners(answer, form_field, kind, context):
    out = []
    for line in _lines(answer):
        url, text = _url_and_text(line)
        entry = {"name": text or line}
        if url:
            entry["url"] = url
        out.append(entry)
    return out or None


def parse_funding(answer, form_field, kind, context):
    out = []
    for line in _lines(answer):
        programme, _sep, rest = line.partition(" ")
        entry = {"programme": programme.strip().rstrip(":,;")}
        rest = rest.strip(" :,;-–")
        if rest:
            amount = _euro(rest)
            entry["amount_eur" if isinstance(amount, int) else "note"] = amount
        out.append(entry)
    return out or None


def parse_deadlines(answer, form_field, kind, context):
    out = []
    for line in _lines(answer):
        dates = _dates_in(line)
        name = line[: dates[0][0]].strip(" :,;-–") if dates else line
        if len(dates) == 1 and not name and not line[dates[0][1]:].strip():
            out.append(dates[0][2])
        elif dates:
            call = {"name": name} if name else {}
            if len(dates) >= 2:
                call["opens"] = dates[0][2]
            call["closes"] = dates[-1][2]
            out.append(call)
        else:
            out.append(line)  # the validator explains the expected form
    return out or None


def parse_flags(answer, form_field, kind, context):
    """Checkbox groups fill several boolean fields; returns {path: True} for ticked boxes."""
    ticked = {m.group(2) for m in map(_CHECKBOX.match, answer.split("\n")) if m and m.group(1) in "xX"}
    return {path: True for path in form_field.options if field(kind, path).title in ticked}


def parse_consent(answer, form_field, kind, context):
    ticked = {m.group(2) for m in map(_CHECKBOX.match, answer.split("\n")) if m and m.group(1) in "xX"}
    missing = [text for text in CONSENT_OPTIONS if text not in ticked]
    if missing:
        raise ConversionError("Im Abschnitt „Bestätigung“ ist nicht alles angekreuzt: " + " / ".join(missing)
                              + " Ohne diese Bestätigungen übernimmt die Redaktion den Eintrag nicht. Bitte das Issue "
                              "bearbeiten und die Kästchen ankreuzen; danach startet die Redaktion die Übernahme erneut.")
    return None


_PROJECT_IN_URL = re.compile(r"/projekte/([a-z0-9]+(?:-[a-z0-9]+)*)(?:\.html|/)?(?:[?#].*)?$")


def parse_project(answer, form_field, kind, context):
    """A project id, or the address of its page on the site (…/projekte/<id>.html)."""
    text = answer.strip().strip("`„“\"'")
    match = _PROJECT_IN_URL.search(text)
    return match.group(1) if match else (text or None)  # anything else: the validator names it


def parse_declarer(answer, form_field, kind, context):
    """One body: an official key (optionally followed by its name) or „Name; Art; Land“."""
    lines = _lines(answer)
    if not lines:
        return None
    if len(lines) > 1:
        context["notes"].append("Unter „Erklärende Stelle“ stand mehr als eine Zeile; übernommen wurde nur die erste.")
    found = parse_municipalities(lines[0], form_field, "project", context)[0]
    found.pop("role", None)
    return found


def parse_declaration_consent(answer, form_field, kind, context):
    """The declarer's own consent: every box ticked, or nothing is imported."""
    ticked = {m.group(2) for m in map(_CHECKBOX.match, answer.split("\n")) if m and m.group(1) in "xX"}
    missing = [text for text in consent_options(kind) if text not in ticked]
    if missing:
        raise ConversionError(
            "Die Meldung wird nicht übernommen, weil die Einwilligung fehlt. Eine Erklärung zu Nachnutzung oder "
            "Interesse wird nur mit der Einwilligung der meldenden Stelle veröffentlicht. Nicht angekreuzt: "
            + " / ".join(f"„{text}“" for text in missing)
            + " Bitte das Issue bearbeiten (oben rechts „…“ → „Edit“), alle Bestätigungen ankreuzen und die Redaktion "
              "um eine neue Übernahme bitten.")
    issue = context.get("issue")
    consent = {"date": context["today"].isoformat(), "via": "issue-formular"}
    if issue is not None:
        consent["reference"] = f"Issue #{int(issue)}"
    return consent


PARSERS = {
    "text": parse_text, "oneline": parse_oneline, "date": parse_date, "euro": parse_euro,
    "percent": parse_percent, "comma": parse_comma, "vocab": parse_vocab,
    "municipalities": parse_municipalities, "sources": parse_sources, "links": parse_links,
    "partners": parse_partners, "funding": parse_funding, "deadlines": parse_deadlines,
    "flags": parse_flags, "consent": parse_consent,
    "project": parse_project, "declarer": parse_declarer, "declaration_consent": parse_declaration_consent,
}

# parsers whose answer fills a field outside the form's own paths
_FILLS = {"declaration_consent": ("consent",)}


# --- building the record ---------------------------------------------------------------------

def _set(record: dict, path: tuple, value) -> None:
    target = record
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value


def _ordered(value, kind: str, prefix: tuple = ()):
    """Keys in the schema's order, so converted files read like hand-written ones."""
    order = {info.path: i for i, info in enumerate(fields(kind))}
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: order.get(prefix + (k,), len(order)))
        return {k: _ordered(value[k], kind, prefix + (k,)) for k in keys}
    if isinstance(value, list):
        return [_ordered(item, kind, prefix) for item in value]
    return value


def build_record(kind: str, answers: dict[str, str], *, today: dt.date, issue: int | None = None) -> tuple[dict, list[str]]:
    """The record (without id) and notes for the maintainer."""
    form = form_for(kind)
    record: dict = {}
    context: dict = {"notes": [], "today": today, "issue": issue}
    for form_field in form.fields:
        answer = answers.get(field_label(kind, form_field), "")
        value = PARSERS[form_field.parse](answer, form_field, kind, context)
        if form_field.parse == "flags":
            for path, flag in value.items():
                _set(record, path, flag)
        elif form_field.parse in _FILLS:
            if value is not None:
                _set(record, _FILLS[form_field.parse], value)
        elif value is None and form_field.empty is not None:
            _set(record, form_field.path, form_field.empty)
        elif value is not None:
            _set(record, form_field.path, value)
    record["last_reviewed"] = today.isoformat()
    return record, context["notes"]


def slugify(text: str) -> str:
    text = str(text).lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > ID_MAX:
        slug = slug[:ID_MAX].rsplit("-", 1)[0] if "-" in slug[:ID_MAX] else slug[:ID_MAX]
    return slug.strip("-")


def is_valid_id(record_id: str) -> bool:
    return (ID_MIN <= len(record_id) <= ID_MAX and bool(ID_PATTERN.fullmatch(record_id))
            and record_id not in RESERVED_IDS)


def derive_id(kind: str, record: dict, reference: Reference | None) -> str:
    """A slug of the lead municipality's name and the title (projects), the title (funding), or declarer,
    relation and project (declarations)."""
    if kind == "declaration":
        return _declaration_id(record, reference)
    title = slugify(record.get("title") or "")
    prefix = ""
    if kind == "project":
        first = (record.get("municipalities") or [{}])[0]
        name = ""
        if first.get("ags") and reference is not None:
            municipality = reference.get(first["ags"])
            name = municipality.name if municipality else ""
        elif first.get("name"):
            name = first["name"]
        prefix = slugify(name)
    if prefix and not (title == prefix or title.startswith(prefix + "-") or f"-{prefix}-" in f"-{title}-"):
        record_id = slugify(f"{prefix}-{title}")
    else:
        record_id = title
    if not is_valid_id(record_id):
        raise ConversionError(f"Aus dem Titel „{record.get('title') or ''}“ lässt sich keine Kennung bilden "
                              f"(erlaubt: a–z, 0–9 und Bindestriche, {ID_MIN}–{ID_MAX} Zeichen). "
                              "Bitte eine Kennung mit --kennung angeben.")
    return record_id


def _declaration_id(record: dict, reference: Reference | None) -> str:
    declarer_raw = record.get("declarer")
    declarer: dict = declarer_raw if isinstance(declarer_raw, dict) else {}
    name = declarer.get("name") or ""
    if declarer.get("ags") and reference is not None:
        municipality = reference.get(declarer["ags"])
        name = municipality.name if municipality else declarer["ags"]
    parts = [slugify(name), slugify(record.get("relation") or ""), slugify(record.get("project") or "")]
    record_id = slugify("-".join(p for p in parts if p))
    if not is_valid_id(record_id):
        raise ConversionError("Aus Stelle, Beziehung und Projekt lässt sich keine Kennung bilden "
                              f"(erlaubt: a–z, 0–9 und Bindestriche, {ID_MIN}–{ID_MAX} Zeichen). "
                              "Bitte eine Kennung mit --kennung angeben.")
    return record_id


def target_path(catalogue_dir: Path, kind: str, record_id: str) -> Path:
    """Where the record goes; refuses ids that are not slugs or would leave the folder."""
    if not is_valid_id(record_id):
        raise ConversionError(f"„{record_id}“ ist keine gültige Kennung (erlaubt: a–z, 0–9 und Bindestriche, "
                              f"{ID_MIN}–{ID_MAX} Zeichen).")
    folder = (Path(catalogue_dir) / paths.RECORD_KINDS[kind][0]).resolve()
    target = (folder / f"{record_id}.yaml").resolve()
    if not target.is_relative_to(folder) or target.parent != folder:
        raise ConversionError(f"„{record_id}“ führt aus dem Ordner {folder.name}/ heraus.")
    return target


def convert(body: str, *, kind: str | None = None, today: dt.date, reference: Reference | None,
            record_id: str | None = None, issue: int | None = None) -> tuple[str, str, dict, list[str]]:
    """Issue body -> (kind, id, record, notes). Raises ConversionError with a German message."""
    notes = []
    body = strip_comments(body)
    if FORBIDDEN_CHARS.search(body):
        body = FORBIDDEN_CHARS.sub("", body)
        notes.append("Unsichtbare Steuerzeichen aus den Antworten wurden entfernt.")
    kind = kind or detect_kind(body)
    answers = split_sections(body, _labels(form_for(kind)))
    record, form_notes = build_record(kind, answers, today=today, issue=issue)
    notes += form_notes
    record_id = record_id or derive_id(kind, record, reference)
    if not is_valid_id(record_id):
        raise ConversionError(f"„{record_id}“ ist keine gültige Kennung.")
    record = _ordered({"id": record_id, **record}, kind)
    return kind, record_id, record, notes


# --- writing ---------------------------------------------------------------------------------

class _QuotingDumper(yaml.SafeDumper):
    """Strings always quoted (or literal blocks), keys plain, never anchors."""

    def ignore_aliases(self, data):
        return True


def _represent_str(dumper, value: str):
    style = "|" if "\n" in value else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_dict(dumper, value: dict):
    node = yaml.MappingNode("tag:yaml.org,2002:map", [], flow_style=False)
    for key, item in value.items():
        key_node = yaml.ScalarNode("tag:yaml.org,2002:str", str(key), style=None)
        node.value.append((key_node, dumper.represent_data(item)))
    return node


_QuotingDumper.add_representer(str, _represent_str)
_QuotingDumper.add_representer(dict, _represent_dict)


def dump_record(kind: str, record: dict, *, issue: int | None = None) -> str:
    """YAML text for a record; re-read with the project's loader to prove it says the same."""
    schema_file = paths.RECORD_KINDS[kind][1]
    header = f"# yaml-language-server: $schema=../../schema/{schema_file}\n"
    if issue is not None:
        header += f"# Übernommen aus Issue #{int(issue)} mit `katalog from-issue`. Bitte Angaben prüfen.\n"
    body = yaml.dump(record, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False, width=100_000,
                     default_flow_style=False, indent=2)
    text = header + body
    reread = load_text(text)
    if reread.problems or reread.data != record:
        raise ConversionError("Der Eintrag ließ sich nicht verlustfrei als YAML schreiben. Bitte von Hand anlegen.")
    return text


def write_new(target: Path, text: str) -> None:
    """Create the file; never overwrite an existing record."""
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ConversionError(f"Den Eintrag „{target.stem}“ gibt es schon ({target.parent.name}/{target.name}). "
                              "Bestehende Einträge werden nicht überschrieben; für Änderungen bitte das Formular "
                              "„Korrektur oder Ergänzung“ nutzen oder eine andere Kennung mit --kennung angeben.") from None


# --- the handover between the unprivileged and the privileged job ----------------------------

HANDOVER_MAX_BYTES = 512 * 1024


def read_handover(folder: Path) -> tuple[str | None, Path | None, dict]:
    """(kind, record file, info) from a handover folder, re-checked as if a stranger had written it.

    Allowed: hinweise.json and at most one regular file <records folder>/<id>.yaml whose `id`
    equals its name. Anything else (links, other files, a second record, a bad id) is refused.
    """
    folder = Path(folder)
    if folder.is_symlink() or not folder.is_dir():
        raise ConversionError("Die Übergabe aus dem ersten Schritt fehlt.")
    folders = {name: kind for kind, (name, _schema) in paths.RECORD_KINDS.items()}
    records, info = [], {}
    for entry in sorted(folder.rglob("*")):
        relative = entry.relative_to(folder).as_posix()
        if entry.is_symlink():
            raise ConversionError(f"Die Übergabe enthält eine Verknüpfung ({relative}).")
        if entry.is_dir():
            if relative not in folders:
                raise ConversionError(f"Die Übergabe enthält einen unerwarteten Ordner ({relative}).")
            continue
        if not entry.is_file() or entry.stat().st_size > HANDOVER_MAX_BYTES:
            raise ConversionError(f"Die Übergabe enthält eine unzulässige Datei ({relative}).")
        if relative == HANDOVER_NOTES:
            info = _handover_info(entry)
        elif entry.parent.parent == folder and entry.parent.name in folders and entry.suffix == ".yaml":
            records.append((folders[entry.parent.name], entry))
        else:
            raise ConversionError(f"Die Übergabe enthält eine unerwartete Datei ({relative}).")
    if len(records) > 1:
        raise ConversionError("Die Übergabe enthält mehr als eine Eintragsdatei.")
    if not records:
        return None, None, info
    kind, record = records[0]
    if not is_valid_id(record.stem):
        raise ConversionError(f"„{record.stem}“ ist keine gültige Kennung.")
    loaded = load_text(record.read_bytes().decode("utf-8", errors="replace"))
    data = loaded.data if isinstance(loaded.data, dict) else {}
    if data.get("id") != record.stem:
        raise ConversionError(f"Die Kennung in der Datei passt nicht zum Dateinamen {record.stem}.yaml.")
    return kind, record, info


def _handover_info(path: Path) -> dict:
    import json

    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeError):
        raise ConversionError(f"{HANDOVER_NOTES} in der Übergabe ist kein JSON.") from None
    if not isinstance(raw, dict):
        raw = {}
    notes = [str(n)[:500] for n in raw.get("notes", []) if isinstance(n, str)][:20] if isinstance(raw.get("notes"), list) else []
    refusal = raw.get("refusal")
    return {"notes": notes, "refusal": str(refusal)[:2000] if isinstance(refusal, str) else None}
