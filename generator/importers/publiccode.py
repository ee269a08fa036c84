"""A project draft from a publiccode.yml (spec 0.4), the file openCoDE's software directory reads.

Software that municipalities publish on openCoDE or GitHub often describes
itself in a publiccode.yml: name, German description, licence, repository,
maintenance and the bodies that use it (`usedBy`). We turn that into a draft
project record plus one draft declaration per `usedBy` entry, so nobody
retypes what the repository already says. A draft is not a record: what the
file cannot say (official keys, Handlungsfelder, start) stays as an
„AUSFÜLLEN“ placeholder, which the validator refuses until a person fills it
in. Personal contacts from `maintenance.contacts` are never copied.

The file is untrusted input; it is read with the catalogue's safe loader and
every value is checked for type and trimmed to the schema's limits.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

PLACEHOLDER = "AUSFÜLLEN"

# publiccode developmentStatus -> our project status
STATUS = {"concept": "idee", "development": "umsetzung", "beta": "umsetzung", "stable": "betrieb",
          "obsolete": "eingestellt"}
MAINTENANCE = {"internal": "intern (durch die Organisation selbst)", "contract": "per Vertrag mit einem Dienstleister",
               "community": "durch eine Gemeinschaft", "none": "keine Wartung"}
SUMMARY_MAX, TITLE_MAX, DESCRIPTION_MAX, NOTE_MAX = 400, 200, 20000, 500


@dataclass
class Draft:
    """What the import produces: the project draft, declaration drafts and hints for the person importing."""

    project: dict
    declarations: list[dict] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)


class NotPubliccode(ValueError):
    """The file is not a publiccode.yml we can read; the message is German."""


def slug(text: str, limit: int = 60) -> str:
    """ASCII id from free text: „Bürger-App Köln“ -> buerger-app-koeln."""
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:limit].rstrip("-") or "software"


def _text(value, limit: int) -> str | None:
    """A one-line string value, trimmed at a word boundary; anything else is None."""
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    if len(value) <= limit:
        return value or None
    cut = value[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def _url(value) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"https?://[^\s/?#]+[^\s]*", value.strip()) and len(value) <= 2000:
        return value.strip()
    return None


def _german_description(doc: dict) -> tuple[str | None, dict]:
    descriptions = doc.get("description")
    if not isinstance(descriptions, dict):
        return None, {}
    for lang in sorted(descriptions, key=lambda k: (k != "de", k)):
        if isinstance(lang, str) and lang.lower().startswith("de") and isinstance(descriptions[lang], dict):
            return lang, descriptions[lang]
    return None, {}


def _date(value) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return None
        return value
    return None


def _description(text: dict) -> str | None:
    parts = []
    long = text.get("longDescription")
    if isinstance(long, str) and long.strip():
        parts.append(long.strip())
    features = [f for f in (text.get("features") or []) if isinstance(f, str) and f.strip()]
    if features:
        parts.append("Funktionen laut Beschreibung der Software:\n\n" + "\n".join(f"- {_text(f, 300)}" for f in features[:30]))
    joined = "\n\n".join(parts)
    return joined[:DESCRIPTION_MAX] or None


_PREFIX_LEVELS = {"stadt": "gemeinde", "gemeinde": "gemeinde", "markt": "gemeinde", "hansestadt": "gemeinde",
                  "landkreis": "kreis", "kreis": "kreis", "amt": "verband", "verbandsgemeinde": "verband",
                  "samtgemeinde": "verband", "verwaltungsgemeinschaft": "verband"}


def official_key(name: str, reference) -> str | None:
    """The official key for a body named as people write it („Stadt Köln“, „Kreis Olpe“), if exactly one fits."""
    words = name.split()
    level = _PREFIX_LEVELS.get(words[0].lower()) if len(words) > 1 else None
    bare = " ".join(words[1:]) if level else name
    bare_folded = bare.casefold()
    hits = [m.key for m in reference.by_key.values()
            if (level is None or m.level == level) and m.level != "land"
            and (m.name.casefold() == bare_folded or m.official_name.casefold() == name.casefold())]
    return hits[0] if len(hits) == 1 else None


def project_draft(doc, today: dt.date, project_id: str | None = None, *, lead_ags: str | None = None,
                  topics: list[str] | None = None, start: str | None = None, reference=None) -> Draft:
    """Map a parsed publiccode.yml onto a project draft (see the module docstring).

    What the file cannot say may be given by the person importing (lead_ags,
    topics, start); usedBy names are matched to official keys when reference
    data is given and exactly one body fits."""
    if not isinstance(doc, dict) or not isinstance(doc.get("name"), str) or not _url(doc.get("url")):
        raise NotPubliccode("Das ist keine lesbare publiccode.yml: Es fehlen „name“ oder „url“ (Adresse des Repositorys).")
    version = str(doc.get("publiccodeYmlVersion", ""))
    hints = []
    if version and not version.startswith("0."):
        hints.append(f"publiccodeYmlVersion {version} ist unbekannt; gelesen wie Version 0.4.")
    name = _text(doc["name"], TITLE_MAX) or PLACEHOLDER
    repository = _url(doc["url"])
    pid = project_id or slug(name)
    lang, text = _german_description(doc)
    if lang is None:
        hints.append("Die Datei hat keine deutsche Beschreibung (description.de); Kurzbeschreibung bitte selbst schreiben.")
    summary = _text(text.get("shortDescription"), SUMMARY_MAX) or _text(text.get("longDescription"), SUMMARY_MAX)
    legal_raw, maintenance_raw = doc.get("legal"), doc.get("maintenance")
    legal: dict = legal_raw if isinstance(legal_raw, dict) else {}
    maintenance: dict = maintenance_raw if isinstance(maintenance_raw, dict) else {}
    owner = _text(legal.get("repoOwner"), 200) or _text(legal.get("mainCopyrightOwner"), 200)
    status = STATUS.get(str(doc.get("developmentStatus", "")))
    release = _date(doc.get("releaseDate"))

    project: dict = {
        "id": pid,
        "title": name,
        "summary": summary if summary and len(summary) >= 20 else f"{PLACEHOLDER}: Kurzbeschreibung (20–400 Zeichen)",
    }
    description = _description(text)
    if description:
        project["description"] = description
    project["municipalities"] = [{"ags": lead_ags or f"{PLACEHOLDER}: amtlicher Schlüssel der federführenden Kommune",
                                  "role": "lead"}]
    project["topics"] = list(topics) if topics else [f"{PLACEHOLDER}: Handlungsfeld"]
    project["status"] = status or f"{PLACEHOLDER}: Status"
    project["start"] = start or f"{PLACEHOLDER}: Projektbeginn (JJJJ-MM-TT, JJJJ-MM oder JJJJ)"
    reuse: dict = {"open_source": True}
    licence = legal.get("license")
    if isinstance(licence, str) and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.+-]{1,60}( (AND|OR|WITH) [A-Za-z0-9][A-Za-z0-9.+-]{1,60})*", licence):
        reuse["licence"] = licence
    else:
        hints.append("Keine lesbare Lizenz (legal.license als SPDX-Kennung) – bitte prüfen, ob die Software offen ist.")
    reuse["repository"] = repository
    reuse["reusable"] = True
    kind = MAINTENANCE.get(str(maintenance.get("type", "")))
    if kind:
        reuse["note"] = f"Wartung laut publiccode.yml: {kind}."
    project["reuse"] = reuse
    landing = _url(doc.get("landingURL"))
    if landing:
        project["links"] = [{"title": "Seite der Software", "url": landing}]
    project["contact"] = {"organisation": owner or f"{PLACEHOLDER}: Organisation"}
    source = {"url": repository, "title": "publiccode.yml im Repository der Software",
              "note": "Beschreibung, Lizenz, Wartung und Nutzer laut publiccode.yml."}
    if release:
        source["as_of"] = release
    project["sources"] = [source]
    project["last_reviewed"] = today.isoformat()
    if status is None:
        hints.append("developmentStatus fehlt oder ist unbekannt; Status bitte selbst eintragen.")
    if release:
        hints.append(f"releaseDate {release} ist das Datum einer Version, nicht der Projektbeginn.")
    if maintenance.get("contacts"):
        hints.append("maintenance.contacts nennt Personen; sie wurden nicht übernommen. "
                     "Bitte ein Funktionspostfach oder eine Kontaktseite der Organisation eintragen.")

    declarations = []
    used_by_raw = doc.get("usedBy")
    used_by: list = used_by_raw if isinstance(used_by_raw, list) else []
    seen = set()
    for entry in used_by[:100]:
        user = _text(entry, 200)
        if not user or user in seen:
            continue
        seen.add(user)
        key = official_key(user, reference) if reference is not None else None
        declarations.append({
            "id": f"{pid[:50]}-{slug(user, 28)}",
            "project": pid,
            "relation": "nutzt",
            "declarer": {"ags": key or f"{PLACEHOLDER}: amtlicher Schlüssel von „{user}“"},
            "date": today.isoformat(),
            "note": _text(f"In der publiccode.yml der Software als Nutzer genannt: {user}.", NOTE_MAX),
            "contact": {"organisation": user},
            "sources": [{"url": repository, "title": "publiccode.yml (usedBy)",
                         "note": f"Nennt „{user}“ als Nutzer der Software."}],
            "last_reviewed": today.isoformat(),
        })
    if declarations:
        hints.append(f"{len(declarations)} Nutzer aus usedBy als Erklärungen angelegt: Bitte jede Nutzung "
                     "bei der Kommune bestätigen lassen und den amtlichen Schlüssel eintragen.")
    return Draft(project, declarations, hints)
