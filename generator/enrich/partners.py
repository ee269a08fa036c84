"""Who is partner? Declarations resolved for pages, the partner finder and „Kommunen wie meine“.

Pure functions over the validated catalogue; nothing here reads YAML or writes pages.

* `declarations(catalogue)`: every declaration with its declarer resolved (name, Land, page key)
  and its contact, sorted by project, relation (vocabulary order), newest date first, name.
* `finder(catalogue, declared)`: rows for „Partner finden“ by Handlungsfeld and Land: who seeks
  partners, offers exchange, runs or plans the same (declarations and the project flags), and –
  derived – who works on the Handlungsfeld in an active project (Planung, Umsetzung, Betrieb).
* `peers(catalogue, projects_by_municipality, declared)`: for each municipality with records, the
  municipalities of the same size class and type (same Land first, then nationwide) and what they
  run that it does not yet: projects in Umsetzung or Betrieb (or declared „nutzt“) on a
  Handlungsfeld in which it has no project of its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from generator.enrich import domain
from generator.vocabularies import default_vocabularies

ACTIVE = ("planung", "umsetzung", "betrieb")  # "arbeitet daran" for the derived part of the finder
RUNNING = ("umsetzung", "betrieb")  # "setzt um" for „Kommunen wie meine“
MAX_PEERS = 8
MAX_PEER_ITEMS = 12
DERIVED_PER_CELL = 25  # derived rows per Handlungsfeld and Land; the rest is counted


@lru_cache(maxsize=None)
def relation_order() -> tuple:
    return tuple(default_vocabularies()["declaration-relations"].ids)


@dataclass(frozen=True)
class Declaration:
    id: str
    project: str
    relation: str  # nutzt | plant | austausch | ansprechbar
    date: str
    note: str
    name: str  # declarer as shown
    key: str  # official key, "" for bodies without one
    land: str  # ISO 3166-2
    type_label: str
    organisation: str
    email: str
    url: str
    by_consent: bool  # the declarer itself declared it (consent); else sourced
    source_dated: bool = False  # a source gives the date of its statement (as_of); else `date` is when it was read

    @property
    def contact(self) -> tuple:
        return (self.organisation, self.email, self.url)


def _declarer(record: dict, reference) -> tuple[str, str, str, str]:
    """(name, key, Land, type label) of a declaration's declarer."""
    found = domain.place(dict(record.get("declarer") or {}), reference)
    return found.name, found.ags or "", found.land_code, found.type_label


def declarations(catalogue) -> list[Declaration]:
    order = {r: i for i, r in enumerate(relation_order())}
    out = []
    for did, record in getattr(catalogue, "declarations", {}).items():
        if record.get("project") not in catalogue.projects:
            continue  # the validator refuses these; stay robust
        name, key, land, type_label = _declarer(record, catalogue.reference)
        contact = record.get("contact") or {}
        out.append(Declaration(
            id=did, project=record["project"], relation=record.get("relation", ""), date=str(record.get("date", "")),
            note=record.get("note", ""), name=name, key=key, land=land, type_label=type_label,
            organisation=contact.get("organisation", ""), email=contact.get("email", ""), url=contact.get("url", ""),
            by_consent=bool(record.get("consent")),
            source_dated=any(isinstance(s, dict) and s.get("as_of") for s in record.get("sources") or []),
        ))
    out.sort(key=lambda d: (d.project, order.get(d.relation, 9), _negated(d.date), d.name.casefold(), d.id))
    return out


def _negated(date: str) -> tuple:
    """Sort key: newest first for ISO (partial) dates."""
    return tuple(-int(part) for part in date.split("-") if part.isdigit())


def by_project(declared: list[Declaration]) -> dict:
    """project id -> [(relation, [Declaration])] in vocabulary order, only relations present."""
    grouped: dict = {}
    for d in declared:
        grouped.setdefault(d.project, {}).setdefault(d.relation, []).append(d)
    return {pid: [(r, rels[r]) for r in relation_order() if r in rels] for pid, rels in sorted(grouped.items())}


def by_declarer(declared: list[Declaration]) -> dict:
    """official key -> [Declaration] the body declared (bodies without a key have no page)."""
    out: dict = {}
    for d in declared:
        if d.key:
            out.setdefault(d.key, []).append(d)
    return dict(sorted(out.items()))


# --- Partner finden -------------------------------------------------------------------------------------------------

KINDS = ("sucht", "austausch", "plant", "nutzt", "ansprechbar", "aktiv")  # order on the page
KIND_LABELS = {
    "sucht": "Sucht Partner", "austausch": "Austausch gewünscht", "plant": "Plant dasselbe",
    "nutzt": "Setzt dasselbe ein", "ansprechbar": "Ansprechbar", "aktiv": "Arbeitet am Thema",
}


@dataclass(frozen=True)
class FinderRow:
    topic: str
    land: str  # ISO code of the body named ("" when unknown)
    kind: str  # one of KINDS
    project: str  # project id
    name: str  # the body: declarer or the project's lead
    key: str  # official key of the body ("" without)
    date: str  # declaration date, or the project's start
    note: str  # what is sought / offered / the declaration's note
    organisation: str
    email: str
    url: str
    status: str  # project status
    declaration: Declaration | None = None  # the declaration this row comes from (None: project flags or derived)


def _lead(project: dict, reference) -> tuple[str, str, str]:
    """(name, key, Land) of a project's lead body (generator.enrich.domain's rule)."""
    found = domain.lead(project, reference)
    if found is None:
        return "", "", ""
    return found.name, found.ags or "", found.land_code


def finder(catalogue, declared: list[Declaration]) -> list[FinderRow]:
    """Every row of „Partner finden“, sorted by topic (vocabulary order), Land, kind, name, project."""
    topics_order = {t: i for i, t in enumerate(default_vocabularies()["topics"].ids)}
    lands_order = {c: i for i, c in enumerate(default_vocabularies()["laender"].ids)}
    rows = []
    stated = set()  # (project, body key or name) named by a stated row: the derived part leaves them out
    for pid, project in catalogue.projects.items():
        name, key, land = _lead(project, catalogue.reference)
        contact = project.get("contact") or {}
        common = dict(project=pid, name=name, key=key, organisation=contact.get("organisation", ""),
                      email=contact.get("email", ""), url=contact.get("url", ""), status=project.get("status", ""))
        kinds = []  # one row per project and topic: seeking partners includes the wish for exchange
        if project.get("seeking_partners"):
            note = " ".join(x for x in (project.get("seeking", ""), project.get("exchange_note", "")) if x)
            kinds.append(("sucht", note))
        elif project.get("open_to_exchange") or project.get("exchange_note"):
            kinds.append(("austausch", project.get("exchange_note", "")))
        for topic in project.get("topics") or []:
            for kind, note in kinds:
                rows.append(FinderRow(topic, land, kind, date=str(project.get("start", "")), note=note, **common))
            if kinds:
                stated.add((pid, key or name))
    for d in declared:
        project = catalogue.projects[d.project]
        for topic in project.get("topics") or []:
            rows.append(FinderRow(topic, d.land, d.relation, d.project, d.name, d.key, d.date, d.note,
                                  d.organisation, d.email, d.url, project.get("status", ""), declaration=d))
        stated.add((d.project, d.key or d.name))
    for pid, project in catalogue.projects.items():
        if project.get("status") not in ACTIVE:
            continue
        name, key, land = _lead(project, catalogue.reference)
        if (pid, key or name) in stated:
            continue
        contact = project.get("contact") or {}
        for topic in project.get("topics") or []:
            rows.append(FinderRow(topic, land, "aktiv", pid, name, key, str(project.get("start", "")), "",
                                  contact.get("organisation", ""), contact.get("email", ""), contact.get("url", ""),
                                  project.get("status", "")))
    kind_order = {k: i for i, k in enumerate(KINDS)}
    rows.sort(key=lambda r: (topics_order.get(r.topic, len(topics_order)), lands_order.get(r.land, len(lands_order)),
                             kind_order.get(r.kind, 9), r.name.casefold(), r.project))
    return rows


# --- Kommunen wie meine ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PeerRun:
    peer: str  # official key
    project: str
    topic: str  # a Handlungsfeld the municipality has no project in
    declared: bool  # runs it by declaration („nutzt“), not as a participant


@dataclass(frozen=True)
class Peers:
    same_land: tuple  # official keys, by name
    elsewhere: tuple  # official keys, by name
    runs: tuple  # [PeerRun] what peers run on Handlungsfelder new to the municipality


def _comparable(m) -> tuple:
    return (m.size_class, m.applicant_type)


def peers(catalogue, projects_by_municipality: dict, declared: list[Declaration]) -> dict:
    """official key -> Peers, for every municipality (not Land) with records or declarations."""
    reference = catalogue.reference
    running: dict = {}  # key -> {project id: declared?}
    topics_of: dict = {}  # key -> set of topics of its own projects
    for key, ids in projects_by_municipality.items():
        topics_of[key] = {t for pid in ids for t in catalogue.projects[pid].get("topics") or []}
        running[key] = {pid: False for pid in ids if catalogue.projects[pid].get("status") in RUNNING}
    for d in declared:
        if d.key and d.relation == "nutzt":
            running.setdefault(d.key, {}).setdefault(d.project, True)
            topics_of.setdefault(d.key, set()).update(catalogue.projects[d.project].get("topics") or [])
    members = sorted({k for k in list(projects_by_municipality) + [d.key for d in declared if d.key]
                      if reference.get(k) is not None and reference.get(k).level != "land"},
                     key=lambda k: (reference.get(k).name.casefold(), k))
    groups: dict = {}
    for key in members:
        groups.setdefault(_comparable(reference.get(key)), []).append(key)
    topic_order = {t: i for i, t in enumerate(default_vocabularies()["topics"].ids)}
    out = {}
    for key in members:
        m = reference.get(key)
        others = [k for k in groups[_comparable(m)] if k != key]
        same = tuple(k for k in others if reference.get(k).land_code == m.land_code)
        elsewhere = tuple(k for k in others if reference.get(k).land_code != m.land_code)
        mine = topics_of.get(key, set())
        own_projects = set(projects_by_municipality.get(key, ())) | set(running.get(key, ()))
        runs, seen = [], set()
        for peer in (same + elsewhere)[:MAX_PEERS]:
            for pid, by_declaration in sorted(running.get(peer, {}).items()):
                if pid in own_projects or pid in seen:
                    continue
                new_topics = [t for t in catalogue.projects[pid].get("topics") or [] if t not in mine]
                if new_topics:
                    seen.add(pid)
                    first = min(new_topics, key=lambda t: topic_order.get(t, len(topic_order)))
                    runs.append(PeerRun(peer, pid, first, by_declaration))
        out[key] = Peers(same, elsewhere, tuple(runs[:MAX_PEER_ITEMS]))
    return out


# --- Ideen-Check ------------------------------------------------------------------------------------------------------

IDEA_SECTIONS = {"planning": ("plant",), "answering": ("ansprechbar",)}
MAX_IDEA_DECLARATIONS = 10


def for_idea(project_ids: list[str], declared: list[Declaration], relations: tuple) -> list[Declaration]:
    """Declarations with one of `relations` on the given projects (an idea's most similar ones, best first),
    in that order; each declarer once; at most MAX_IDEA_DECLARATIONS."""
    rank = {pid: i for i, pid in enumerate(project_ids)}
    found = sorted((d for d in declared if d.project in rank and d.relation in relations),
                   key=lambda d: (rank[d.project], d.name.casefold(), d.id))
    out, seen = [], set()
    for d in found:
        who = d.key or d.name
        if who not in seen:
            seen.add(who)
            out.append(d)
    return out[:MAX_IDEA_DECLARATIONS]
