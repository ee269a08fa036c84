"""Enrich: facts derived from the validated catalogue at build time.

`enrich(catalogue)` returns an `Enriched` bundle of plain data that renderers and
exporters read; nothing here knows about YAML or pages. The dataclasses below
are the contract between enrich and render/export.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SimilarLink:
    """A link to a similar record with the reasons, in German words, why it is similar."""

    id: str
    score: float
    reasons: tuple  # e.g. ("gleiches Handlungsfeld: Mobilität & Verkehr", "gemeinsame Schlagworte: LoRaWAN, Parken")


@dataclass(frozen=True)
class DeadlineStatus:
    """A programme's application status as computed at the build date."""

    status: str  # offen | laufend | angekuendigt | geschlossen (application-statuses vocabulary)
    label: str  # German label, e.g. "Offen bis 31.03.2027"
    next_closes: str | None  # ISO date of the next deadline on or after the build date
    note: str = ""  # e.g. "Laut Eintrag offen, aber alle Fristen sind abgelaufen."


@dataclass(frozen=True)
class FundingMatch:
    """A programme a project's municipality may apply to, with the reasons."""

    programme: str
    status: str  # computed status, as DeadlineStatus.status
    reasons: tuple  # e.g. ("Handlungsfeld: Mobilität & Verkehr", "gilt in Sachsen", "antragsberechtigt: Stadt")


@dataclass(frozen=True)
class Deadline:
    """One call or deadline of one programme, for the Förderkalender and the iCalendar feed."""

    programme: str
    name: str  # German, e.g. "Aufruf 2026" or "Stichtag"
    opens: str | None  # ISO (partial) date
    closes: str  # ISO (partial) date
    state: str  # kommend | laufend | abgelaufen (at build date)


@dataclass
class Enriched:
    build_date: dt.date
    similar_projects: dict = field(default_factory=dict)  # project id -> [SimilarLink] (top 5)
    similar_programmes: dict = field(default_factory=dict)  # programme id -> [SimilarLink]
    funding_matches: dict = field(default_factory=dict)  # project id -> [FundingMatch], open first
    programme_status: dict = field(default_factory=dict)  # programme id -> DeadlineStatus
    projects_by_programme: dict = field(default_factory=dict)  # programme id -> [project id] naming it
    projects_by_municipality: dict = field(default_factory=dict)  # official key -> [project id]
    deadlines: list = field(default_factory=list)  # [Deadline] sorted by closes, programme
    added: dict = field(default_factory=dict)  # record id -> ISO date first added to the catalogue
    new_records: list = field(default_factory=list)  # [(kind, id, iso date)] for "Neu im Katalog", newest first
    # added after the first contract: how many programmes match each project in all (funding_matches
    # holds at most matching.MAX_MATCHES of them), so pages can say "10 von 74"
    funding_match_totals: dict = field(default_factory=dict)  # project id -> int
    # the retrieval core (generator.retrieval.Core): lexicon, thesaurus, search index, project corpus
    retrieval: object = field(default=None, compare=False, repr=False)


def projects_by_programme(projects: dict, funding: dict) -> dict:
    """programme id -> ids of the projects naming it in `funding`, for every programme (sorted)."""
    out = {pid: [] for pid in sorted(funding)}
    for project_id in sorted(projects):
        named = {f.get("programme") for f in projects[project_id].get("funding") or [] if isinstance(f, dict)}
        for programme in sorted(p for p in named if isinstance(p, str)):
            out.setdefault(programme, []).append(project_id)
    return out


def projects_by_municipality(projects: dict) -> dict:
    """official key -> ids of the projects listing it (lead or partner), keys sorted."""
    out: dict = {}
    for project_id in sorted(projects):
        keys = {str(m["ags"]) for m in projects[project_id].get("municipalities") or []
                if isinstance(m, dict) and m.get("ags")}
        for key in keys:
            out.setdefault(key, []).append(project_id)
    return {key: out[key] for key in sorted(out)}


def enrich(catalogue, *, added: dict | None = None) -> Enriched:
    """All derived facts for one catalogue at its build date.

    `added` maps record id -> ISO date first added; None reads it from git
    (records git does not know fall back to `last_reviewed`).
    """
    from generator import retrieval
    from generator.enrich import deadlines, history, matching, similarity

    today = catalogue.build_date
    statuses = deadlines.all_statuses(catalogue.funding, today)
    if added is None:
        root = history.catalogue_root(catalogue)
        added = history.git_added_dates(root) if root else {}
    all_records = {**catalogue.funding, **catalogue.projects}
    added_dates = history.added_dates(all_records, added)
    kinds = {"project": catalogue.projects, "funding": catalogue.funding}
    matches, match_totals = matching.funding_matches_with_totals(catalogue.projects, catalogue.funding, statuses,
                                                                 catalogue.reference)
    core = retrieval.build(catalogue)
    return Enriched(
        build_date=today,
        similar_projects=similarity.similar_projects(catalogue.projects, catalogue.funding, catalogue.reference,
                                                     corpus_=core.projects),
        similar_programmes=similarity.similar_programmes(catalogue.funding, core.lexicon, core.thesaurus),
        retrieval=core,
        funding_matches=matches,
        funding_match_totals=match_totals,
        programme_status=statuses,
        projects_by_programme=projects_by_programme(catalogue.projects, catalogue.funding),
        projects_by_municipality=projects_by_municipality(catalogue.projects),
        deadlines=deadlines.all_deadlines(catalogue.funding, today),
        added=added_dates,
        new_records=history.new_records(kinds, added_dates, today),
    )
