"""feed.xml: Atom feed (RFC 4287) of records new in the catalogue, newest first.

Built with ElementTree so record text is always escaped as XML. Links are
relative to the feed's own address (api/feed.xml), which Atom resolves against
the document URI; ids are name-based UUIDs, stable across builds.
"""
from __future__ import annotations

import io
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

from generator.export.views import DECLARATIONS_ANCHOR, page_path
from generator.vocabularies import label

ATOM = "http://www.w3.org/2005/Atom"
NAMESPACE = uuid.UUID("6f1c1f0e-4b7e-5a4c-9d1e-6b61746b6174")
FEED_TITLE = "Neu im Kommunalen Digitalisierungskatalog"
KIND_LABELS = {"project": "Projekt", "funding": "Förderprogramm", "declaration": "Nachnutzung oder Interesse"}
MAX_ENTRIES = 100


def entry_id(kind: str, record_id: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}:{record_id}')}"


def _sub(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _timestamp(iso_date: str) -> str:
    return f"{iso_date[:10]}T00:00:00Z"


def build(catalogue, enriched) -> ET.Element:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "de"})
    _sub(feed, "id", f"urn:uuid:{uuid.uuid5(NAMESPACE, 'feed')}")
    _sub(feed, "title", FEED_TITLE)
    _sub(feed, "subtitle", "Neue Projekte, Förderprogramme und Meldungen zu Nachnutzung und Interesse für die kommunale Digitalisierung")
    entries = [(k, i, d) for k, i, d in enriched.new_records
               if (catalogue.projects if k == "project" else catalogue.funding).get(i) is not None]
    entries += [(k, i, d) for k, i, d in getattr(enriched, "new_declarations", []) if i in catalogue.declarations]
    entries = sorted(entries, key=lambda e: (_negated(e[2]), e[0], e[1]))[:MAX_ENTRIES]
    newest = max((d for _k, _i, d in entries), default=catalogue.build_date.isoformat())
    _sub(feed, "updated", _timestamp(newest))
    _sub(feed, "link", rel="self", href="feed.xml", type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href="../index.html", type="text/html")
    author = _sub(feed, "author")
    _sub(author, "name", "Kommunaler Digitalisierungskatalog")
    _sub(feed, "rights", "Katalogdaten: CC BY 4.0")
    for kind, record_id, added in entries:
        if kind == "declaration":
            _declaration_entry(feed, catalogue, enriched, record_id, added)
            continue
        record = (catalogue.projects if kind == "project" else catalogue.funding)[record_id]
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id(kind, record_id))
        _sub(entry, "title", f"{KIND_LABELS.get(kind, kind)}: {record['title']}")
        _sub(entry, "updated", _timestamp(added))
        _sub(entry, "published", _timestamp(added))
        _sub(entry, "link", rel="alternate", type="text/html", href=f"../{page_path(kind, record_id)}")
        _sub(entry, "summary", record.get("summary", ""), type="text")
        for topic in record.get("topics", []):
            _sub(entry, "category", term=topic, label=label("topics", topic))
    return feed


def _negated(iso_date: str) -> str:
    """Sort key for newest first: the complement of each digit."""
    return "".join(str(9 - int(c)) if c.isdigit() else c for c in iso_date)


def _declaration_entry(feed, catalogue, enriched, record_id: str, added: str) -> None:
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
         href=f"../{page_path('project', record['project'])}#{DECLARATIONS_ANCHOR}")
    _sub(entry, "summary", record.get("note") or f"{who}: {relation} ({project['title']})", type="text")
    for topic in project.get("topics", []):
        _sub(entry, "category", term=topic, label=label("topics", topic))


def render(catalogue, enriched) -> bytes:
    tree = ET.ElementTree(build(catalogue, enriched))
    ET.indent(tree)
    buffer = io.BytesIO()
    tree.write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue() + b"\n"


def write(catalogue, enriched, out_dir: Path) -> list[Path]:
    target = out_dir / "feed.xml"
    target.write_bytes(render(catalogue, enriched))
    return [target]
