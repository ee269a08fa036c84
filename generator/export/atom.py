"""Atom feeds (RFC 4287): feed.xml of records new in the catalogue, newest first, and one feed per Land and
per Handlungsfeld under feeds/ (the selections of `ical.subscriptions`) with the records new there and the
upcoming deadlines of the programmes that apply there.

Built with ElementTree so record text is always escaped as XML. Links are relative to the feed's own
address (api/feed.xml, api/feeds/<name>.xml), which Atom resolves against the document URI; ids are
name-based UUIDs, stable across builds.
"""
from __future__ import annotations

import io
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

from generator import dates
from generator.export import ical
from generator.export.views import DECLARATIONS_ANCHOR, page_path
from generator.vocabularies import label

ATOM = "http://www.w3.org/2005/Atom"
NAMESPACE = uuid.UUID("6f1c1f0e-4b7e-5a4c-9d1e-6b61746b6174")
FEED_TITLE = "Neu im Kommunalen Digitalisierungskatalog"
KIND_LABELS = {"project": "Projekt", "funding": "Förderprogramm", "declaration": "Nachnutzung oder Interesse"}
MAX_ENTRIES = 100
FOLDER = "feeds"


def entry_id(kind: str, record_id: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}:{record_id}')}"


def _sub(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _timestamp(iso_date: str) -> str:
    return f"{iso_date[:10]}T00:00:00Z"


def _project_in(record: dict, catalogue, subscription: ical.Subscription) -> bool:
    if subscription.kind == "thema":
        return subscription.value in (record.get("topics") or [])
    for entry in record.get("municipalities") or []:
        m = catalogue.reference.get(entry["ags"]) if entry.get("ags") else None
        if (m.land_code if m is not None else entry.get("land")) == subscription.value:
            return True
    return False


def _admits(catalogue, kind: str, record: dict, subscription: ical.Subscription | None) -> bool:
    if subscription is None:
        return True
    return subscription.admits(record) if kind == "funding" else _project_in(record, catalogue, subscription)


def build(catalogue, enriched, subscription: ical.Subscription | None = None) -> ET.Element:
    ET.register_namespace("", ATOM)
    up = "../" if subscription is None else "../../"  # from the feed's folder to the site root
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "de"})
    _sub(feed, "id", f"urn:uuid:{uuid.uuid5(NAMESPACE, 'feed' if subscription is None else f'feed:{subscription.name}')}")
    if subscription is None:
        _sub(feed, "title", FEED_TITLE)
        _sub(feed, "subtitle", "Neue Projekte, Förderprogramme und Meldungen zu Nachnutzung und Interesse für die "
                               "kommunale Digitalisierung")
    else:
        where = f"in {subscription.label}" if subscription.kind == "land" else f"im Handlungsfeld {subscription.label}"
        _sub(feed, "title", f"Kommunaler Digitalisierungskatalog: {subscription.label}")
        _sub(feed, "subtitle", f"Neue Einträge und kommende Förderfristen {where}")
    entries = [(k, i, d) for k, i, d in enriched.new_records
               if (record := (catalogue.projects if k == "project" else catalogue.funding).get(i)) is not None
               and _admits(catalogue, k, record, subscription)]
    entries += [(k, i, d) for k, i, d in getattr(enriched, "new_declarations", []) if i in catalogue.declarations
                and _admits(catalogue, "project", catalogue.projects[catalogue.declarations[i]["project"]], subscription)]
    entries = sorted(entries, key=lambda e: (_negated(e[2]), e[0], e[1]))[:MAX_ENTRIES]
    upcoming = [] if subscription is None else [
        d for d in ical.feed_deadlines(catalogue, enriched)
        if d.state != "abgelaufen" and subscription.admits(catalogue.funding[d.programme])]
    stamps = [d for _k, _i, d in entries] + [str(catalogue.funding[d.programme].get("last_reviewed") or "") for d in upcoming]
    newest = max((s for s in stamps if s), default=catalogue.build_date.isoformat())
    _sub(feed, "updated", _timestamp(newest))
    self_href = "feed.xml" if subscription is None else f"{subscription.name}.xml"
    _sub(feed, "link", rel="self", href=self_href, type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=f"{up}index.html", type="text/html")
    author = _sub(feed, "author")
    _sub(author, "name", "Kommunaler Digitalisierungskatalog")
    _sub(feed, "rights", "Katalogdaten: CC BY 4.0")
    for d in upcoming:
        programme = catalogue.funding[d.programme]
        status = enriched.programme_status.get(d.programme)
        reviewed = str(programme.get("last_reviewed") or catalogue.build_date.isoformat())
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"urn:uuid:{uuid.uuid5(NAMESPACE, f'deadline:{d.programme}:{d.name}:{d.closes}')}")
        _sub(entry, "title", f"{ical.summary(d, programme)} ({dates.german(d.closes)})")
        _sub(entry, "updated", _timestamp(reviewed))
        _sub(entry, "link", rel="alternate", type="text/html", href=f"{up}{page_path('funding', d.programme)}")
        _sub(entry, "summary", ical.describe(d, programme, status), type="text")
        _sub(entry, "category", term="foerderfrist", label="Förderfrist")
    for kind, record_id, added in entries:
        if kind == "declaration":
            _declaration_entry(feed, catalogue, enriched, record_id, added, up)
            continue
        record = (catalogue.projects if kind == "project" else catalogue.funding)[record_id]
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id(kind, record_id))
        _sub(entry, "title", f"{KIND_LABELS.get(kind, kind)}: {record['title']}")
        _sub(entry, "updated", _timestamp(added))
        _sub(entry, "published", _timestamp(added))
        _sub(entry, "link", rel="alternate", type="text/html", href=f"{up}{page_path(kind, record_id)}")
        _sub(entry, "summary", record.get("summary", ""), type="text")
        for topic in record.get("topics", []):
            _sub(entry, "category", term=topic, label=label("topics", topic))
    return feed


def _negated(iso_date: str) -> str:
    """Sort key for newest first: the complement of each digit."""
    return "".join(str(9 - int(c)) if c.isdigit() else c for c in iso_date)


def _declaration_entry(feed, catalogue, enriched, record_id: str, added: str, up: str) -> None:
    record = catalogue.declarations[record_id]
    project = catalogue.projects[record["project"]]
    declared = next((d for d in enriched.declarations if d.id == record_id), None)
    who = declared.name if declared else ""
    relation = label("declaration-relations", record["relation"])
    entry = _sub(feed, "entry")
    _sub(entry, "id", entry_id("declaration", record_id))
    _sub(entry, "title", f"{KIND_LABELS['declaration']}: {who} – {relation} – {project['title']}")
    _sub(entry, "updated", _timestamp(added))
    _sub(entry, "published", _timestamp(added))
    _sub(entry, "link", rel="alternate", type="text/html",
         href=f"{up}{page_path('project', record['project'])}#{DECLARATIONS_ANCHOR}")
    _sub(entry, "summary", record.get("note") or f"{who}: {relation} ({project['title']})", type="text")
    for topic in project.get("topics", []):
        _sub(entry, "category", term=topic, label=label("topics", topic))


def render(catalogue, enriched, subscription: ical.Subscription | None = None) -> bytes:
    tree = ET.ElementTree(build(catalogue, enriched, subscription))
    ET.indent(tree)
    buffer = io.BytesIO()
    tree.write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue() + b"\n"


def write(catalogue, enriched, out_dir: Path) -> list[Path]:
    target = out_dir / "feed.xml"
    target.write_bytes(render(catalogue, enriched))
    written = [target]
    folder = out_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for subscription in ical.subscriptions():
        path = folder / f"{subscription.name}.xml"
        path.write_bytes(render(catalogue, enriched, subscription))
        written.append(path)
    return written
