"""api/dcat.ttl and api/dcat.jsonld: a DCAT-AP.de 3.0 description of the open data we publish.

GovData and the Länder portals harvest DCAT-AP.de catalogues; this file lets
them list our exports without anyone typing metadata by hand. It describes
what the other exporters actually wrote: each dataset names file patterns
inside api/, and every file found there becomes one dcat:Distribution, so a
new export cannot silently go undescribed (a test checks that every data file
is covered).

IRIs: with a configured site address (`KATALOG_SITE_URL`, else `site_url` in
mkdocs.yml) all IRIs are absolute. Without one they stay relative to the file
itself, which Turtle and JSON-LD resolve against the address the harvester
fetched the file from, so the description is right wherever the site is hosted.

The graph is built as plain data (`catalogue_graph`) and written by two small
serialisers; no RDF library is needed at build time (the tests parse the
output with rdflib and validate it with pyshacl).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

import yaml

from generator import paths
from generator.reference import ATTRIBUTION, LAND_CODES

PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}

EU = "http://publications.europa.eu/resource/authority/"
LICENCE_CC_BY = "http://dcat-ap.de/def/licenses/cc-by/4.0"
LICENCE_DL_DE_BY = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
LEVEL_FEDERAL = "http://dcat-ap.de/def/politicalGeocoding/Level/federal"
LEVEL_STATE = "http://dcat-ap.de/def/politicalGeocoding/Level/state"
STATE_KEY = "http://dcat-ap.de/def/politicalGeocoding/stateKey/"
GERMANY = EU + "country/DEU"
ACCESS_PUBLIC = EU + "access-right/PUBLIC"
PUBLISHER_NAME = "Redaktion Kommunaler Digitalisierungskatalog"
CC_BY_ATTRIBUTION = "Kommunaler Digitalisierungskatalog, Lizenz CC BY 4.0"

# file ending -> (EU file-type code, IANA media type)
FORMATS = {
    ".json": ("JSON", "application/json"),
    ".csv": ("CSV", "text/csv"),
    ".ics": ("ICS", "text/calendar"),
    ".xml": ("ATOM", "application/atom+xml"),
}


@dataclass(frozen=True)
class DatasetSpec:
    """One published dataset: which files under api/ belong to it and how to describe it."""

    slug: str
    title: str
    description: str
    patterns: tuple[str, ...]
    themes: tuple[str, ...]
    keywords: tuple[str, ...]
    landing_page: str  # site-relative page for readers
    licence: str = LICENCE_CC_BY
    attribution: str = CC_BY_ATTRIBUTION


DATASETS = (
    DatasetSpec(
        "projekte", "Kommunale Digitalisierungsprojekte",
        "Digitalisierungsprojekte deutscher Kommunen mit Stand, Beteiligten, Förderung, Erfahrungen, "
        "Nachnutzung und Quellen; ein Datensatz je Projekt, mit abgeleiteten Angaben wie ähnlichen Projekten.",
        ("projects.json", "projects.csv"), ("GOVE", "TECH"),
        ("Digitalisierung", "Kommunen", "Smart City", "E-Government", "Nachnutzung"), "explorer.html"),
    DatasetSpec(
        "foerderprogramme", "Förderprogramme für kommunale Digitalisierung",
        "Förderprogramme von EU, Bund und Ländern für kommunale Digitalisierung: Antragsberechtigte, "
        "Förderquote, Fristen und Antragsstatus zum Erstellungsdatum, mit Quellen.",
        ("funding.json", "funding.csv"), ("GOVE", "ECON"),
        ("Förderprogramm", "Fördermittel", "Kommunen", "Digitalisierung"), "foerder-explorer.html"),
    DatasetSpec(
        "erklaerungen", "Erklärungen zu Nutzung und Interesse",
        "Erklärungen von Kommunen, dass sie eine Lösung aus dem Katalog nutzen, planen, Austausch "
        "wünschen oder für Fragen ansprechbar sind, mit Datum, Funktionskontakt und Quelle oder Einwilligung.",
        ("declarations.json", "declarations.csv", "erklaerungen.json", "erklaerungen.csv"), ("GOVE",),
        ("Nachnutzung", "Partner", "Kommunen", "Interessenbekundung"), "uebersichten/partner-finden.html"),
    DatasetSpec(
        "foerderkalender", "Förderkalender: Antragsfristen",
        "Kommende Antragsfristen der Förderprogramme als iCalendar-Abonnement, katalogweit sowie je Land "
        "und je Handlungsfeld; wiederkehrende Fristen mit ihrem nächsten Termin.",
        ("*.ics", "**/*.ics"), ("GOVE", "ECON"),
        ("Förderfrist", "Kalender", "Förderprogramm"), "uebersichten/foerderkalender.html"),
    DatasetSpec(
        "neu-im-katalog", "Neu im Katalog: Nachrichtenfeeds",
        "Atom-Feeds neuer Einträge, katalogweit sowie je Land und je Handlungsfeld.",
        ("*.xml", "**/*.xml"), ("GOVE",),
        ("Feed", "Neuigkeiten", "Digitalisierung"), "uebersichten/neu-im-katalog.html"),
    DatasetSpec(
        "eintragsformat", "Eintragsformat: JSON-Schemas und Tabellenbeschreibung",
        "Die JSON-Schemas (Draft 2020-12), mit denen jeder Eintrag geprüft wird, und die Beschreibung der "
        "CSV-Tabellen als Frictionless Data Package; Grundlage für Werkzeuge, die den Katalog lesen oder "
        "Einträge erzeugen.",
        ("schema/*.json", "datapackage.json"), ("TECH",),
        ("JSON-Schema", "Datenformat"), "daten.html"),
    DatasetSpec(
        "gemeindeverzeichnis", "Gemeindeverzeichnis (Auswahl der Merkmale)",
        "Amtliche Schlüssel, Namen, Einwohnerzahlen, Flächen und Koordinaten der Gemeinden, "
        "Gemeindeverbände, Kreise und Länder, mit denen der Katalog Kommunen zuordnet.",
        ("referenzdaten/*.csv",), ("GOVE", "REGI"),
        ("Gemeindeverzeichnis", "Amtlicher Gemeindeschlüssel", "Einwohner"), "uebersichten/ueber-den-katalog.html",
        licence=LICENCE_DL_DE_BY, attribution=ATTRIBUTION),
)


@dataclass(frozen=True)
class IRI:
    value: str


@dataclass(frozen=True)
class Literal:
    value: str
    lang: str | None = None
    datatype: str | None = None  # a prefixed name such as "xsd:date"


@dataclass
class Node:
    id: str
    types: tuple[str, ...]
    props: list[tuple[str, object]] = field(default_factory=list)

    def add(self, predicate: str, *objects) -> None:
        self.props += [(predicate, o) for o in objects if o is not None]


@dataclass(frozen=True)
class PublishedFile:
    path: str  # relative to api/, with "/"
    size: int


def site_base_url(config_file: Path | None = None) -> str:
    """The site's public address ending in "/", or "" when none is configured."""
    url = os.environ.get("KATALOG_SITE_URL", "").strip()
    if not url:
        config_file = config_file or paths.REPO_ROOT / "mkdocs.yml"
        try:
            config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_MkdocsLoader) or {}
        except (OSError, yaml.YAMLError):
            config = {}
        url = str(config.get("site_url") or "").strip()
    if url and not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", url):
        raise ValueError(f"Die Adresse der Website ist keine gültige http(s)-Adresse: {url!r}")
    return url if not url or url.endswith("/") else url + "/"


class _MkdocsLoader(yaml.SafeLoader):
    """mkdocs.yml may carry !!python/name and !ENV tags; only plain keys matter here."""


_MkdocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def published_files(api_dir: Path) -> list[PublishedFile]:
    """Every data file under api/ with a format we describe (the site's own JS data excluded)."""
    out = []
    for path in sorted(api_dir.rglob("*")):
        rel = path.relative_to(api_dir).as_posix()
        if path.is_file() and path.suffix in FORMATS and not rel.startswith("web/") and rel != "dcat.jsonld":
            out.append(PublishedFile(rel, path.stat().st_size))
    return out


def _matches(pattern: str, rel: str) -> bool:
    """"**/x" matches below any folder; otherwise "*" stays within its folder."""
    if pattern.startswith("**/"):
        return "/" in rel and fnmatchcase(rel.rsplit("/", 1)[1], pattern[3:])
    return rel.count("/") == pattern.count("/") and fnmatchcase(rel, pattern)


def assign(files: list[PublishedFile]) -> dict[str, list[PublishedFile]]:
    """Dataset slug -> its files; each file belongs to the first dataset that claims it."""
    out: dict[str, list[PublishedFile]] = {spec.slug: [] for spec in DATASETS}
    for f in files:
        for spec in DATASETS:
            if any(_matches(p, f.path) for p in spec.patterns):
                out[spec.slug].append(f)
                break
    return out


def unassigned(files: list[PublishedFile]) -> list[str]:
    claimed = {f.path for group in assign(files).values() for f in group}
    return [f.path for f in files if f.path not in claimed]


def _distribution_title(spec: DatasetSpec, rel: str) -> str:
    code = FORMATS[Path(rel).suffix][0]
    name = Path(rel).stem
    kind = {"JSON": "JSON", "CSV": "CSV-Tabelle", "ICS": "iCalendar", "ATOM": "Atom-Feed"}[code]
    if "/" in rel or name not in {"projects", "funding", "declarations", "erklaerungen", "foerderkalender", "feed",
                                  "datapackage"}:
        return f"{spec.title} – {kind} ({name})"
    return f"{spec.title} – {kind}"


def catalogue_graph(files: list[PublishedFile], build_date: dt.date, base_url: str = "",
                    land: str | None = None) -> list[Node]:
    """The DCAT-AP.de graph as nodes. IRIs are relative to api/ unless base_url is given."""
    api = base_url + "api/" if base_url else ""
    site = base_url if base_url else "../"
    modified = Literal(build_date.isoformat(), datatype="xsd:date")
    level, state = (LEVEL_STATE, IRI(STATE_KEY + land_state_key(land))) if land else (LEVEL_FEDERAL, None)

    publisher = Node(api + "dcat.ttl#redaktion", ("foaf:Agent",))
    publisher.add("foaf:name", Literal(PUBLISHER_NAME, "de"))
    publisher.add("foaf:homepage", IRI(site))
    contact = Node(api + "dcat.ttl#kontakt", ("vcard:Organization",))
    contact.add("vcard:fn", Literal(PUBLISHER_NAME, "de"))
    contact.add("vcard:hasURL", IRI(site + "uebersichten/ueber-den-katalog.html"))

    catalog = Node(api + "dcat.ttl#katalog", ("dcat:Catalog",))
    catalog.add("dct:title", Literal("Kommunaler Digitalisierungskatalog – offene Daten", "de"))
    catalog.add("dct:description", Literal(
        "Offene Daten des Kommunalen Digitalisierungskatalogs: kommunale Digitalisierungsprojekte, "
        "Förderprogramme, Erklärungen zu Nutzung und Interesse, Förderfristen und Feeds.", "de"))
    catalog.add("dct:publisher", IRI(publisher.id))
    catalog.add("foaf:homepage", IRI(site))
    catalog.add("dct:language", IRI(EU + "language/DEU"))
    catalog.add("dct:license", IRI(LICENCE_CC_BY))
    catalog.add("dct:modified", modified)
    catalog.add("dct:spatial", IRI(GERMANY))
    catalog.add("dcat:themeTaxonomy", IRI(EU + "data-theme"))

    nodes = [catalog, publisher, contact]
    groups = assign(files)
    for spec in DATASETS:
        if not groups[spec.slug]:
            continue
        dataset = Node(api + f"dcat.ttl#datensatz-{spec.slug}", ("dcat:Dataset",))
        catalog.add("dcat:dataset", IRI(dataset.id))
        dataset.add("dct:title", Literal(spec.title, "de"))
        dataset.add("dct:description", Literal(spec.description, "de"))
        dataset.add("dct:publisher", IRI(publisher.id))
        dataset.add("dcat:contactPoint", IRI(contact.id))
        dataset.add("dcat:theme", *(IRI(EU + "data-theme/" + t) for t in spec.themes))
        dataset.add("dcat:keyword", *(Literal(k, "de") for k in spec.keywords))
        dataset.add("dct:spatial", IRI(GERMANY))
        dataset.add("dcatde:politicalGeocodingLevelURI", IRI(level))
        dataset.add("dcatde:politicalGeocodingURI", state)
        dataset.add("dct:accessRights", IRI(ACCESS_PUBLIC))
        dataset.add("dcat:landingPage", IRI(site + spec.landing_page))
        dataset.add("dct:modified", modified)
        dataset.add("dct:language", IRI(EU + "language/DEU"))
        nodes.append(dataset)
        for f in groups[spec.slug]:
            code, media = FORMATS[Path(f.path).suffix]
            dist = Node(api + f.path + "#verteilung", ("dcat:Distribution",))
            dataset.add("dcat:distribution", IRI(dist.id))
            dist.add("dct:title", Literal(_distribution_title(spec, f.path), "de"))
            dist.add("dcat:accessURL", IRI(api + f.path))
            dist.add("dcat:downloadURL", IRI(api + f.path))
            dist.add("dct:license", IRI(spec.licence))
            dist.add("dcatde:licenseAttributionByText", Literal(spec.attribution, "de"))
            dist.add("dct:format", IRI(EU + "file-type/" + code))
            dist.add("dcat:mediaType", IRI("https://www.iana.org/assignments/media-types/" + media))
            dist.add("dcat:byteSize", Literal(str(f.size), datatype="xsd:nonNegativeInteger"))
            dist.add("dct:modified", modified)
            nodes.append(dist)
    return nodes


def land_state_key(land: str) -> str:
    """"DE-HE" -> "06" (the Länder key that dcat-ap.de's stateKey list uses)."""
    for key, code in LAND_CODES.items():
        if code == land:
            return key
    raise ValueError(f"Unbekanntes Land: {land}")


# --- serialisers -----------------------------------------------------------------------------------

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _iri(value: str) -> str:
    if _IRI_FORBIDDEN.search(value):
        raise ValueError(f"Ungültige IRI: {value!r}")
    return f"<{value}>"


def _turtle_string(value: str) -> str:
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"'


def _turtle_object(obj) -> str:
    if isinstance(obj, IRI):
        return _iri(obj.value)
    if obj.lang:
        return _turtle_string(obj.value) + "@" + obj.lang
    if obj.datatype:
        return _turtle_string(obj.value) + "^^" + obj.datatype
    return _turtle_string(obj.value)


def to_turtle(nodes: list[Node]) -> str:
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
    lines.append("")
    for node in nodes:
        lines.append(_iri(node.id))
        statements = [("a", ", ".join(node.types))]
        for predicate in dict.fromkeys(p for p, _ in node.props):
            objects = [_turtle_object(o) for p, o in node.props if p == predicate]
            statements.append((predicate, ", ".join(objects)))
        for i, (predicate, listed) in enumerate(statements):
            end = " ." if i == len(statements) - 1 else " ;"
            lines.append(f"    {predicate} {listed}{end}")
        lines.append("")
    return "\n".join(lines)


def _jsonld_object(obj) -> dict:
    if isinstance(obj, IRI):
        return {"@id": obj.value}
    out = {"@value": obj.value}
    if obj.lang:
        out["@language"] = obj.lang
    if obj.datatype:
        out["@type"] = obj.datatype
    return out


def to_jsonld(nodes: list[Node]) -> str:
    graph = []
    for node in nodes:
        item: dict = {"@id": node.id, "@type": list(node.types)}
        for predicate in dict.fromkeys(p for p, _ in node.props):
            item[predicate] = [_jsonld_object(o) for p, o in node.props if p == predicate]
        graph.append(item)
    return json.dumps({"@context": PREFIXES, "@graph": graph}, ensure_ascii=False, indent=1) + "\n"


def write(catalogue, enriched, out_dir: Path) -> list[Path]:
    """Runs last among the exporters: it describes the files they wrote."""
    files = published_files(out_dir)
    nodes = catalogue_graph(files, catalogue.build_date, site_base_url(), getattr(catalogue, "land", None))
    ttl, jsonld = out_dir / "dcat.ttl", out_dir / "dcat.jsonld"
    ttl.write_text(to_turtle(nodes), encoding="utf-8")
    jsonld.write_text(to_jsonld(nodes), encoding="utf-8")
    return [ttl, jsonld]
