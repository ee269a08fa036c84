"""Checks that need more than one field or more than one record.

Each check is a pure function (records, context) -> findings; `run_record_checks` and
`run_catalogue_checks` run them all, so a contributor sees every problem in one run.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from generator.addresses import is_local_url
from generator.dates import earliest, german, latest, parse_range
from generator.enrich import deadlines as deadline_rules
from generator.findings import ERROR, WARNING, Finding, format_path
from generator.records import RecordFile
from generator.reference import Reference
from generator.schema_fields import fields

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# names that collide with generated pages or that Windows cannot check out
RESERVED_IDS = {"index", "readme", "tags", "suche", "explorer", "karte", "con", "prn", "aux", "nul",
                *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
REVIEW_MAX_DAYS = 548  # 18 months
# Personal mailboxes: the local part is split into tokens (at . - _ + and digits); a role word must
# be a whole token or begin/end a token ("ordnungsamt", "buergerservice"), never just occur inside
# one ("brigitte" contains "it"). Without a role token, two or more tokens (vorname.nachname,
# m.mustermann) or one unknown token (mmustermann) look personal.
ROLE_TOKENS = {"it", "ikt", "edv", "geo", "gis", "web", "ozg", "lab", "hub", "bau", "post", "mail", "amt", "rat",
               "info", "city", "team", "data", "support", "noreply"}
ROLE_STEMS = ("info", "kontakt", "poststelle", "presse", "service", "buerger", "digital", "smart", "office", "projekt",
              "stelle", "foerder", "verwaltung", "rathaus", "stadt", "gemeinde", "kreis", "markt", "mobil", "verkehr",
              "umwelt", "klima", "energie", "schul", "bildung", "kultur", "sozial", "jugend", "wirtschaft", "tourismus",
              "ordnung", "planung", "zentrale", "sekretariat", "geschaeft", "portal", "online", "daten", "opendata",
              "egov", "breitband", "datenschutz", "hilfe", "redaktion", "kommunikation", "oeffentlich", "beteiligung",
              "kanzlei", "buero", "dezernat", "referat", "abteilung", "fachbereich", "leitstelle", "feuerwehr",
              "bibliothek", "museum", "archiv", "standesamt", "einwohner", "vergabe", "einkauf", "finanz", "kaemmerei",
              "personal", "organisation", "innovation", "zukunft", "region", "netzwerk", "labor", "kommun", "ministerium",
              "amt", "zweckverband", "verband", "gesundheit", "anfrage", "verwaltung", "pressestelle", "team", "city")
_LOCAL_TOKENS = re.compile(r"[.\-_+0-9]+")


def _role_token(token: str) -> bool:
    return token in ROLE_TOKENS or any(token.startswith(stem) or token.endswith(stem) for stem in ROLE_STEMS)


def is_personal_mailbox(email: str) -> bool:
    tokens = [t for t in _LOCAL_TOKENS.split(email.split("@")[0].lower()) if t]
    return bool(tokens) and not any(_role_token(t) for t in tokens)


# Personal data in free text (warnings: a maintainer looks before merging).
PERSONAL_DATA = (
    ("eine E-Mail-Adresse", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")),
    ("eine Telefonnummer", re.compile(r"(?:(?<![\w+])\+49|\b0049|\(0\d{2,5}\)|\b0\d{2,5}(?=[ /-]\d)|"
                                      r"\b(?:Tel|Telefon|Fon|Mobil|Handy|Fax)\.?:?\s*(?=\+?\d))[\d /()-]{5,}\d")),
    ("eine Anschrift", re.compile(r"\b[A-ZÄÖÜ][a-zäöüß-]*(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer|chaussee)"
                                  r" \d{1,4}(?: ?[a-z])?\b(?![.,]?\d| ?(?:%|Prozent|Euro|EUR|€|Mio|Millionen|Jahre|Monate|Kommunen|Projekte))")),
)
FREE_TEXT_KEYS = {"summary", "seeking", "exchange_note", "effort"}
LINE_BREAKS = re.compile(r"[\t\n\r\v\f]")


@dataclass(frozen=True)
class Context:
    reference: Reference
    today: dt.date


def _finding(record: RecordFile, path: tuple, severity: str, message: str, code: str) -> Finding:
    line, column = record.at(*path)
    return Finding(record.file, line, column, severity, format_path(path), message, code)


def check_id(record: RecordFile, ctx: Context) -> list[Finding]:
    record_id = record.data.get("id")
    stem = record.path.stem
    out = []
    if isinstance(record_id, str) and record_id != stem:
        out.append(_finding(record, ("id",), ERROR, f"Die Kennung „{record_id}“ muss dem Dateinamen entsprechen: „{stem}“ (oder die Datei in „{record_id}.yaml“ umbenennen).", "check.id-filename"))
    if isinstance(record_id, str) and record_id in RESERVED_IDS:
        out.append(_finding(record, ("id",), ERROR, f"Die Kennung „{record_id}“ ist reserviert. Bitte eine sprechendere Kennung wählen, z. B. mit dem Namen der Kommune.", "check.id-reserved"))
    return out


def _date_fields(record: RecordFile):
    data = record.data
    for key in ("start", "end", "date", "last_reviewed", "valid_until"):
        if isinstance(data.get(key), str):
            yield (key,), data[key]
    consent = data.get("consent")
    if isinstance(consent, dict) and isinstance(consent.get("date"), str):
        yield ("consent", "date"), consent["date"]
    for i, source in enumerate(data.get("sources") or []):
        if isinstance(source, dict) and isinstance(source.get("as_of"), str):
            yield ("sources", i, "as_of"), source["as_of"]
    application = data.get("application")
    if isinstance(application, dict):
        for i, deadline in enumerate(application.get("deadlines") or []):
            if isinstance(deadline, str):
                yield ("application", "deadlines", i), deadline
            elif isinstance(deadline, dict):
                for key in ("opens", "closes", "repeat_until"):
                    if isinstance(deadline.get(key), str):
                        yield ("application", "deadlines", i, key), deadline[key]


def check_dates(record: RecordFile, ctx: Context) -> list[Finding]:
    out = []
    for path, value in _date_fields(record):
        if re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value) and parse_range(value) is None:
            out.append(_finding(record, path, ERROR, f"„{value}“ ist kein gültiges Kalenderdatum.", "check.date-invalid"))
    data = record.data
    start, end = data.get("start"), data.get("end")
    first, last = (earliest(start), latest(end)) if isinstance(start, str) and isinstance(end, str) else (None, None)
    if first and last and last < first:
        out.append(_finding(record, ("end",), ERROR, f"Das Ende ({end}) liegt vor dem Beginn ({start}).", "check.end-before-start"))
    reviewed = data.get("last_reviewed")
    day = earliest(reviewed) if isinstance(reviewed, str) else None
    if day:
        if day > ctx.today:
            out.append(_finding(record, ("last_reviewed",), ERROR, f"„Zuletzt geprüft“ ({reviewed}) liegt in der Zukunft.", "check.review-future"))
        elif (ctx.today - day).days > REVIEW_MAX_DAYS:
            out.append(_finding(record, ("last_reviewed",), WARNING, f"Die Angaben wurden seit {reviewed} nicht geprüft (mehr als 18 Monate). Bitte Quellen prüfen und das Datum aktualisieren.", "check.review-stale"))
    application = data.get("application")
    if isinstance(application, dict):
        deadlines = application.get("deadlines") or []
        closes_all = []
        for i, deadline in enumerate(deadlines):
            if isinstance(deadline, dict):
                opens, closes = deadline.get("opens"), deadline.get("closes")
                begins, ends = (earliest(opens), latest(closes)) if isinstance(opens, str) and isinstance(closes, str) else (None, None)
                if begins and ends and ends < begins:
                    out.append(_finding(record, ("application", "deadlines", i, "closes"), ERROR, f"Das Fristende ({closes}) liegt vor dem Beginn ({opens}).", "check.closes-before-opens"))
                closes = closes if isinstance(closes, str) else None
            else:
                closes = deadline if isinstance(deadline, str) else None
            last_day = latest(closes) if closes else None
            if last_day:
                closes_all.append(last_day)
        if application.get("status") == "offen" and closes_all and max(closes_all) < ctx.today:
            out.append(_finding(record, ("application", "status"), WARNING, f"Status „offen“, aber alle Fristen sind abgelaufen (letzte: {max(closes_all).isoformat()}). Die Website zeigt das Programm als geschlossen; bitte Status oder Fristen aktualisieren.", "check.open-but-past"))
    return out


def check_amounts(record: RecordFile, ctx: Context) -> list[Finding]:
    data = record.data
    out = []
    budget = data.get("budget")
    if isinstance(budget, dict):
        total, own = budget.get("total_eur"), budget.get("own_share_eur")
        if isinstance(total, int) and isinstance(own, int) and own > total:
            out.append(_finding(record, ("budget", "own_share_eur"), ERROR, f"Der Eigenanteil ({own} €) ist größer als die Gesamtkosten ({total} €).", "check.own-share"))
    amount = data.get("amount")
    if isinstance(amount, dict):
        low, high = amount.get("min_eur"), amount.get("max_eur")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            out.append(_finding(record, ("amount", "min_eur"), ERROR, f"Der Mindestbetrag ({low} €) ist größer als der Höchstbetrag ({high} €).", "check.amount-range"))
    return out


def check_contact(record: RecordFile, ctx: Context) -> list[Finding]:
    contact = record.data.get("contact")
    if not isinstance(contact, dict) or not isinstance(contact.get("email"), str):
        return []
    email = contact["email"]
    if is_personal_mailbox(email):
        return [_finding(record, ("contact", "email"), WARNING, f"„{email}“ sieht nach einer persönlichen Adresse aus. Bitte ein Funktionspostfach angeben oder die Einwilligung der Person sicherstellen.", "check.personal-email")]
    return []


def check_land_programme(record: RecordFile, ctx: Context) -> list[Finding]:
    data = record.data
    if record.kind == "funding" and data.get("level") == "land" and data.get("lands") == []:
        return [_finding(record, ("lands",), ERROR, "Ein Landesprogramm braucht mindestens ein Land in „lands“, z. B. [DE-NW].", "check.land-without-land")]
    return []


def check_municipalities(record: RecordFile, ctx: Context) -> list[Finding]:
    out = []
    for i, entry in enumerate(record.data.get("municipalities") or []):
        if not isinstance(entry, dict) or not isinstance(entry.get("ags"), str):
            continue
        key = entry["ags"]
        if re.fullmatch(r"[0-9]{2}|[0-9]{5}|[0-9]{8}|[0-9]{9}", key) and key not in ctx.reference:
            kind = {2: "Land", 5: "Kreis", 8: "Gemeinde", 9: "Gemeindeverband"}[len(key)]
            out.append(_finding(record, ("municipalities", i, "ags"), ERROR, f"Den Schlüssel „{key}“ ({kind}) gibt es im Gemeindeverzeichnis (Stand 31.12.2024) nicht. Den Schlüssel im Gemeindeverzeichnis nachschlagen: 8 Ziffern für eine Gemeinde, 5 für einen Kreis.", "check.ags-unknown"))
    leads = [e for e in record.data.get("municipalities") or [] if isinstance(e, dict) and e.get("role") == "lead"]
    if record.data.get("municipalities") and not leads:
        out.append(_finding(record, ("municipalities",), WARNING, "Keine Kommune hat die Rolle „lead“. Bitte die federführende Kommune kennzeichnen.", "check.no-lead"))
    return out


def _unknown_key(key: str, ctx: Context) -> str | None:
    """German name of the key's kind when a well-formed official key is missing from the reference data."""
    if re.fullmatch(r"[0-9]{2}|[0-9]{5}|[0-9]{8}|[0-9]{9}", key) and key not in ctx.reference:
        return {2: "Land", 5: "Kreis", 8: "Gemeinde", 9: "Gemeindeverband"}[len(key)]
    return None


def check_declarer(record: RecordFile, ctx: Context) -> list[Finding]:
    """A declaration's declarer: an official key that exists; a Land is not a declarer of its own."""
    declarer = record.data.get("declarer") if record.kind == "declaration" else None
    if not isinstance(declarer, dict) or not isinstance(declarer.get("ags"), str):
        return []
    key = declarer["ags"]
    kind = _unknown_key(key, ctx)
    if kind:
        return [_finding(record, ("declarer", "ags"), ERROR, f"Den Schlüssel „{key}“ ({kind}) gibt es im Gemeindeverzeichnis (Stand 31.12.2024) nicht. Den Schlüssel im Gemeindeverzeichnis nachschlagen: 8 Ziffern für eine Gemeinde, 5 für einen Kreis.", "check.ags-unknown")]
    consent = record.data.get("consent")
    if isinstance(consent, dict):
        day = earliest(consent["date"]) if isinstance(consent.get("date"), str) else None
        if day and day > ctx.today:
            return [_finding(record, ("consent", "date"), ERROR, f"Das Datum der Einwilligung ({consent['date']}) liegt in der Zukunft.", "check.consent-future")]
    return []


def check_partner_wish(record: RecordFile, ctx: Context) -> list[Finding]:
    data = record.data
    if isinstance(data.get("seeking"), str) and data.get("seeking_partners") is not True:
        return [_finding(record, ("seeking",), WARNING, "„seeking“ beschreibt gesuchte Partner, aber „seeking_partners“ ist nicht true. Ohne true erscheint das Projekt nicht unter „Partner gesucht“.", "check.seeking-without-flag")]
    return []


def _strings(value, path=()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def check_placeholders(record: RecordFile, ctx: Context) -> list[Finding]:
    """Templates from `katalog new` mark what is still to fill in."""
    return [_finding(record, path, ERROR, "Hier steht noch der Platzhalter aus der Vorlage. Bitte den echten Wert eintragen.", "check.placeholder")
            for path, text in _strings(record.data) if "AUSFÜLLEN" in text]


def check_status_evidence(record: RecordFile, ctx: Context) -> list[Finding]:
    """A programme's offen/laufend/angekuendigt needs a source confirming it, at most STATUS_EVIDENCE_MONTHS old
    (enrich/deadlines.py); after `valid_until` the programme is closed."""
    if record.kind != "funding" or not isinstance(record.data.get("application"), dict):
        return []
    data = record.data
    declared = data["application"].get("status")
    out = []
    if deadline_rules.expired(data, ctx.today):
        if declared in deadline_rules.CLAIMS:
            out.append(_finding(record, ("valid_until",), WARNING, f"Das Programm galt laut „valid_until“ bis {german(str(data['valid_until']))}; die Website zeigt es als geschlossen. Bitte „application.status“ auf „geschlossen“ setzen oder eine neuere Laufzeit mit Quelle eintragen.", "check.valid-until-passed"))
        return out
    if declared not in deadline_rules.CLAIMS or deadline_rules.schedule_status(data, ctx.today).status not in deadline_rules.CLAIMS:
        return out
    if deadline_rules.evidenced(data, ctx.today):
        return out
    said = {"offen": "offen", "laufend": "laufend", "angekuendigt": "angekündigt"}[declared]
    months = deadline_rules.STATUS_EVIDENCE_MONTHS
    how = ("Bitte den Status auf der offiziellen Programmseite prüfen und diese Seite als Quelle mit "
           "„confirms_status: true“ und dem Prüfdatum als „as_of“ eintragen (oder den Status ändern). Bis dahin zeigt "
           "die Website „Stand unklar“ und zählt das Programm nicht als offen.")
    found = deadline_rules.confirming_sources(data, ctx.today)
    if found:
        index, as_of = found[0]
        out.append(_finding(record, ("sources", index, "as_of"), WARNING, f"Der Status „{said}“ in „application.status“ ist zuletzt {deadline_rules.when(as_of)} belegt – älter als {months} Monate. {how}", "check.status-evidence-old"))
    else:
        out.append(_finding(record, ("application", "status"), WARNING, f"Der Status „{said}“ ist durch keine Quelle mit „confirms_status: true“ und Datum („as_of“) belegt; „last_reviewed“ allein genügt nicht. {how}", "check.status-evidence-missing"))
    return out


def check_recurring_deadlines(record: RecordFile, ctx: Context) -> list[Finding]:
    application = record.data.get("application")
    if record.kind != "funding" or not isinstance(application, dict):
        return []
    out = []
    for i, deadline in enumerate(application.get("deadlines") or []):
        if isinstance(deadline, dict) and deadline.get("repeat") and isinstance(deadline.get("closes"), str) \
                and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", deadline["closes"]):
            out.append(_finding(record, ("application", "deadlines", i, "closes"), ERROR, f"Eine wiederkehrende Frist („repeat“) braucht ein tagesgenaues erstes Datum in „closes“ (JJJJ-MM-TT), nicht „{deadline['closes']}“.", "check.repeat-needs-day"))
        if isinstance(deadline, dict) and deadline.get("repeat_until") and not deadline.get("repeat"):
            out.append(_finding(record, ("application", "deadlines", i, "repeat_until"), ERROR, "„repeat_until“ gilt nur zusammen mit „repeat“ (jaehrlich, halbjaehrlich oder vierteljaehrlich).", "check.repeat-until-alone"))
    return out


def check_shares(record: RecordFile, ctx: Context) -> list[Finding]:
    entries = [e for e in record.data.get("municipalities") or [] if isinstance(e, dict)]
    shares = [e["share_percent"] for e in entries if isinstance(e.get("share_percent"), int) and not isinstance(e.get("share_percent"), bool)]
    if record.kind == "project" and sum(shares) > 100:
        return [_finding(record, ("municipalities",), ERROR, f"Die Anteile an der Förderung („share_percent“) ergeben zusammen {sum(shares)} Prozent, mehr als 100.", "check.shares-over-100")]
    return []


@lru_cache(maxsize=None)
def _schema_fields(kind: str) -> dict:
    """Schema path (keys only, no list indices) -> FieldInfo, for the checks that depend on a field's kind."""
    try:
        return {info.path: info for info in fields(kind)}
    except KeyError:
        return {}


def _schema_path(path: tuple) -> tuple:
    return tuple(part for part in path if isinstance(part, str))


def check_single_line(record: RecordFile, ctx: Context) -> list[Finding]:
    """Titles, names, tags, organisations …: one line. Only Markdown and notes (x-multiline) may break lines."""
    infos = _schema_fields(record.kind)
    out = []
    for path, text in _strings(record.data):
        if LINE_BREAKS.search(text):
            info = infos.get(_schema_path(path))
            if info is not None and not info.multiline:
                out.append(_finding(record, path, ERROR, "Der Text muss in einer Zeile stehen: Zeilenumbrüche und Tabulatoren "
                                    "sind hier nicht erlaubt. Bitte in eine Zeile schreiben.", "check.single-line"))
    return out


def _whole_number_hint(written: str, value: float) -> str:
    if re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+", written):
        return (f"„{written}“ ist keine ganze Zahl: In YAML ist der Punkt ein Dezimalpunkt, daraus würde {int(value)}. "
                f"Bitte ohne Tausenderpunkt schreiben: {written.replace('.', '')}")
    return f"„{written}“ ist keine ganze Zahl. Bitte ohne Punkt schreiben: {int(value)}"


def check_whole_numbers(record: RecordFile, ctx: Context) -> list[Finding]:
    """`250.000` reads as 250.0, which JSON Schema counts as the integer 250; amounts want the digits written."""
    infos = _schema_fields(record.kind)
    out = []
    for path, written in getattr(record.loaded, "number_texts", {}).items():
        info = infos.get(_schema_path(path))
        wanted = info and ("integer" in (info.type, info.item_type))
        value = _value_at(record.data, path)
        if wanted and isinstance(value, float) and value.is_integer():
            unit = " (ganze Euro)" if str(path[-1]).endswith("_eur") else ""
            out.append(_finding(record, path, ERROR, _whole_number_hint(written, value) + unit + ".", "check.whole-number"))
    return out


def _value_at(data, path: tuple):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def check_personal_data(record: RecordFile, ctx: Context) -> list[Finding]:
    """E-mail addresses, phone numbers and street addresses in free text: a maintainer looks before merging."""
    infos = _schema_fields(record.kind)
    out = []
    for path, text in _strings(record.data):
        info = infos.get(_schema_path(path))
        if info is None or not (info.multiline or info.path[-1] in FREE_TEXT_KEYS):
            continue
        found = [what for what, pattern in PERSONAL_DATA if pattern.search(text)]
        if found:
            out.append(_finding(record, path, WARNING, f"Der Text enthält {' und '.join(found)}. Personenbezogene Angaben "
                                "gehören nicht in Freitext; bitte prüfen und höchstens ein Funktionspostfach nennen "
                                "(im Feld „contact“).", "check.personal-data"))
    return out


_URLS = re.compile(r"https?://[^\s<>()\[\]\"'`]+")


def check_local_urls(record: RecordFile, ctx: Context) -> list[Finding]:
    """A link into localhost or a private network helps no reader and would make `katalog links` probe it."""
    out = []
    for path, text in _strings(record.data):
        urls = [text] if re.fullmatch(r"https?://\S+", text) else _URLS.findall(text)
        if any(is_local_url(url) for url in urls):
            out.append(_finding(record, path, WARNING, "Die Adresse führt in das lokale oder private Netz (z. B. localhost, "
                                "10.x.x.x, 192.168.x.x oder ein Name ohne Punkt) und ist von außen nicht erreichbar. "
                                "Bitte eine öffentliche Adresse angeben.", "check.local-url"))
    return out


# Pure tracking parameters: they tell the publisher where a click came from and change nothing on the
# page. Real page parameters (e.g. TYPO3's tx_ttnews[tt_news]) stay.
TRACKING_PARAMETER = re.compile(r"(?:^|[?&])(utm_[a-z_]*|wt_mc|fbclid|gclid)=", re.IGNORECASE)


def check_tracking_urls(record: RecordFile, ctx: Context) -> list[Finding]:
    """A link with tracking parameters reports every reader's click to the publisher's statistics."""
    out = []
    for path, text in _strings(record.data):
        urls = [text] if re.fullmatch(r"https?://\S+", text) else _URLS.findall(text)
        names = sorted({m.group(1) for url in urls if "?" in url for m in TRACKING_PARAMETER.finditer(url.split("?", 1)[1].split("#")[0])})
        if names:
            out.append(_finding(record, path, WARNING, f"Die Adresse enthält Tracking-Parameter ({', '.join(names)}). "
                                "Bitte die Adresse ohne diese Parameter eintragen.", "check.tracking-url"))
    return out


PER_RECORD = [check_placeholders, check_id, check_dates, check_amounts, check_contact, check_land_programme, check_municipalities, check_partner_wish,
              check_single_line, check_whole_numbers, check_personal_data, check_local_urls, check_status_evidence,
              check_recurring_deadlines, check_shares, check_declarer, check_tracking_urls]


def check_unique_ids(records: list[RecordFile]) -> list[Finding]:
    by_id = defaultdict(list)
    for record in records:
        if record.id:
            by_id[record.id].append(record)
    out = []
    for record_id, group in by_id.items():
        if len(group) > 1:
            for record in group:
                others = ", ".join(r.file for r in group if r is not record)
                out.append(_finding(record, ("id",), ERROR, f"Die Kennung „{record_id}“ ist schon vergeben ({others}). Kennungen müssen im ganzen Katalog eindeutig sein.", "check.id-duplicate"))
    return out


def check_programme_refs(records: list[RecordFile]) -> list[Finding]:
    programmes = sorted(r.id for r in records if r.kind == "funding" and r.id)
    known = set(programmes)
    out = []
    for record in records:
        if record.kind != "project":
            continue
        for i, entry in enumerate(record.data.get("funding") or []):
            ref = entry.get("programme") if isinstance(entry, dict) else None
            if isinstance(ref, str) and ref not in known:
                close = difflib.get_close_matches(ref, programmes, n=1, cutoff=0.6)
                hint = f" Meinten Sie „{close[0]}“?" if close else " Fehlt das Programm, bitte zuerst eine Datei in catalogue/funding/ anlegen."
                out.append(_finding(record, ("funding", i, "programme"), ERROR, f"Das Förderprogramm „{ref}“ gibt es im Katalog nicht.{hint}", "check.programme-unknown"))
    return out


def _title_key(title: str) -> str:
    return re.sub(r"[^a-z0-9äöüß ]", "", title.lower()).strip()


def check_duplicates(records: list[RecordFile]) -> list[Finding]:
    """Probable duplicates: same lead municipality and nearly the same title."""
    groups = defaultdict(list)
    for record in records:
        if record.kind != "project" or not isinstance(record.data.get("title"), str):
            continue
        for entry in record.data.get("municipalities") or []:
            if isinstance(entry, dict) and isinstance(entry.get("ags"), str):
                groups[entry["ags"]].append(record)
    out = []
    reported = set()
    for group in groups.values():
        if len(group) < 2 or len(group) > 400:
            continue
        keys = [(_title_key(r.data["title"]), r) for r in group]
        for i, (key_a, rec_a) in enumerate(keys):
            for key_b, rec_b in keys[i + 1:]:
                if rec_a is rec_b or (rec_a.file, rec_b.file) in reported:
                    continue
                if difflib.SequenceMatcher(None, key_a, key_b).ratio() >= 0.85:
                    reported.add((rec_a.file, rec_b.file))
                    for mine, other in ((rec_a, rec_b), (rec_b, rec_a)):
                        out.append(_finding(mine, ("title",), WARNING, f"Wahrscheinlich doppelt: „{other.id}“ ({other.file}) hat dieselbe Kommune und einen fast gleichen Titel. Bitte prüfen und Einträge zusammenführen.", "check.probable-duplicate"))
    return out


def _declarer_key(declarer) -> tuple:
    """What identifies a declarer: its official key, else name and Land."""
    if not isinstance(declarer, dict):
        return ()
    if isinstance(declarer.get("ags"), str):
        return ("ags", declarer["ags"])
    return ("name", str(declarer.get("name", "")).casefold().strip(), str(declarer.get("land", "")))


def check_declarations(records: list[RecordFile]) -> list[Finding]:
    """Declarations name a project that exists, come from someone other than its lead, and are not doubled."""
    projects = {r.id: r for r in records if r.kind == "project" and r.id}
    known = sorted(projects)
    out = []
    seen: dict = {}
    for record in records:
        if record.kind != "declaration":
            continue
        ref = record.data.get("project")
        declarer = _declarer_key(record.data.get("declarer"))
        if isinstance(ref, str) and ref not in projects and ID_PATTERN.fullmatch(ref):
            close = difflib.get_close_matches(ref, known, n=1, cutoff=0.6)
            hint = f" Meinten Sie „{close[0]}“?" if close else " Die Kennung steht am Ende der Adresse der Projektseite; fehlt das Projekt, bitte zuerst das Projekt melden."
            out.append(_finding(record, ("project",), ERROR, f"Das Projekt „{ref}“ gibt es im Katalog nicht.{hint}", "check.project-unknown"))
        elif isinstance(ref, str) and declarer and ref in projects:
            project = projects[ref].data
            leads = [_declarer_key(m) for m in project.get("municipalities") or [] if isinstance(m, dict) and m.get("role") == "lead"]
            if declarer in leads:
                out.append(_finding(record, ("declarer",), ERROR, f"Die erklärende Stelle ist die federführende Kommune des Projekts „{ref}“. Eine Erklärung stammt von einer anderen Kommune; eigene Angebote gehören in den Projekteintrag (z. B. „open_to_exchange“ oder „exchange_note“).", "check.declarer-is-lead"))
        relation = record.data.get("relation")
        if isinstance(ref, str) and declarer and isinstance(relation, str):
            seen.setdefault((ref, relation, declarer), []).append(record)
    for (ref, relation, _declarer), group in seen.items():
        if len(group) > 1:
            for record in group:
                others = ", ".join(r.file for r in group if r is not record)
                out.append(_finding(record, ("relation",), WARNING, f"Wahrscheinlich doppelt: Dieselbe Stelle erklärt „{relation}“ zum Projekt „{ref}“ auch in {others}. Bitte die Einträge zusammenführen.", "check.declaration-duplicate"))
    return out


CATALOGUE_WIDE = [check_unique_ids, check_programme_refs, check_duplicates, check_declarations]


def run_record_checks(record: RecordFile, ctx: Context) -> list[Finding]:
    return [finding for check in PER_RECORD for finding in check(record, ctx)]


def run_catalogue_checks(records: list[RecordFile]) -> list[Finding]:
    return [finding for check in CATALOGUE_WIDE for finding in check(records)]

