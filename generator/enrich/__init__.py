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
