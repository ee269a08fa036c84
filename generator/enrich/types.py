"""The derived model: what enrich computes and render, export, search, Ideen-Check and the CLI read.

Plain frozen values (plus the `Enriched` bundle), no behaviour beyond small read-only
properties. They live in a module of their own so that the enrich steps (deadlines,
matching, similarity, domain views) and every reader import them without importing
`generator.enrich` itself, and no import cycle can form.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.reference import Municipality


@dataclass(frozen=True)
class SimilarLink:
    """A link to a similar record with the reasons, in German words, why it is similar."""

    id: str
    score: float
    reasons: tuple[str, ...]  # e.g. ("gleiches Handlungsfeld: Mobilität & Verkehr", "gemeinsame Schlagworte: LoRaWAN, Parken")


UNCLEAR = "unklar"  # computed status: the record says offen/laufend/angekuendigt, no recent source confirms it


@dataclass(frozen=True)
class DeadlineStatus:
    """A programme's application status as computed at the build date."""

    status: str  # offen | laufend | angekuendigt | geschlossen (application-statuses vocabulary) | unklar
    label: str  # German label, e.g. "Offen bis 31.03.2027"; for unklar the whole "Stand unklar – …" sentence
    next_closes: str | None  # ISO date of the next deadline on or after the build date
    note: str = ""  # e.g. "Laut Eintrag offen, aber alle Fristen sind abgelaufen."
    # added with record format 1.1 (status backed by evidence, enrich/deadlines.py):
    evidence: str | None = None  # as_of of the newest source confirming the status (any age), None if none
    check_url: str = ""  # the official page to check an unclear status on ("" unless status is unklar)
    schedule: str = ""  # the status the dates alone give (offen | laufend | angekuendigt | geschlossen)

    @property
    def unclear(self) -> bool:
        return self.status == UNCLEAR

    @property
    def open(self) -> bool:
        """Applications possible at the build date, backed by evidence (offen or laufend)."""
        return self.status in ("offen", "laufend")


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
    name: str  # the call's name, e.g. "Aufruf 2026"; a call without a name is named after the programme
    opens: str | None  # ISO (partial) date
    closes: str  # ISO (partial) date
    state: str  # kommend | laufend | abgelaufen (at build date)
    repeat: str = ""  # jaehrlich | halbjaehrlich | vierteljaehrlich: this is one computed occurrence
    named: bool = True  # False when `name` is the programme's title (the record gives no name)


@dataclass(frozen=True)
class Place:
    """One municipality entry of a project, resolved: from the reference data when it has an official
    key, else from the entry's own `name`, `type` and `land`."""

    name: str
    role: str  # lead | partner
    ags: str | None  # official key; None for a body without one
    official_name: str
    level: str  # gemeinde | verband | kreis | land | ohne-schluessel
    applicant_type: str  # applicant-types vocabulary id ("" if unknown)
    type_label: str  # German, e.g. "Kreisfreie Stadt"
    land_code: str  # ISO 3166-2 ("" if unknown)
    land_name: str
    kreis_name: str
    population: int | None
    size_class: str  # reference.SIZE_CLASSES id, "landkreis", "land" or ""
    size_class_label: str
    lat: float | None
    lon: float | None
    municipality: Municipality | None = None  # None for bodies without an official key

    @property
    def is_lead(self) -> bool:
        return self.role == "lead"


@dataclass(frozen=True)
class ProjectFacts:
    """Derived facts of one project that several outputs show: where it happens and what it offers."""

    id: str
    places: tuple[Place, ...]  # in record order
    lead: Place | None  # the first entry with role lead, else the first entry
    lands: tuple[str, ...]  # Land codes of all places, sorted, each once
    size_classes: tuple[str, ...]  # size classes of all places, record order, each once
    programmes: tuple[str, ...]  # programme ids named in `funding`, record order, each once
    seeking_partners: bool
    open_to_exchange: bool
    open_source: bool
    reusable: bool  # open source, EfA or marked reusable

    @property
    def others(self) -> int:
        """How many municipalities take part besides the lead."""
        return max(0, len(self.places) - 1)

    @property
    def place_label(self) -> str:
        """The lead's name, with the number of partners: "Köln (+2)"."""
        if self.lead is None:
            return ""
        return self.lead.name + (f" (+{self.others})" if self.others else "")

    @property
    def spot(self) -> Place | None:
        """Where the project sits on a map: the lead if it has coordinates, else the first place that has."""
        ordered = sorted(self.places, key=lambda p: not p.is_lead)
        return next((p for p in ordered if p.lat is not None and p.lon is not None), None)


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
    # how many programmes match each project in all (funding_matches holds at most matching.MAX_MATCHES
    # of them), so pages can say "10 von 74"
    funding_match_totals: dict = field(default_factory=dict)  # project id -> int
    projects: dict[str, ProjectFacts] = field(default_factory=dict)  # project id -> ProjectFacts
    projects_by_kreis: dict[str, list[str]] = field(default_factory=dict)  # Landkreis key -> project ids (members too)
    projects_by_land: dict[str, list[str]] = field(default_factory=dict)  # Land code -> project ids with a place there
    # declarations (issue 13): see partners.py
    declarations: list = field(default_factory=list)  # [partners.Declaration]
    new_declarations: list = field(default_factory=list)  # [("declaration", id, iso date)] as new_records, for the feed
    declarations_by_project: dict = field(default_factory=dict)  # project id -> [(relation, [Declaration])]
    declarations_by_declarer: dict = field(default_factory=dict)  # official key -> [Declaration]
    partner_rows: list = field(default_factory=list)  # [partners.FinderRow] for „Partner finden“
    peers: dict = field(default_factory=dict)  # official key -> partners.Peers („Kommunen wie meine“)
    # the retrieval core (generator.enrich.retrieval.Core): lexicon, thesaurus, search index, project corpus
    retrieval: object = field(default=None, compare=False, repr=False)

    def facts(self, project_id: str) -> ProjectFacts:
        return self.projects[project_id]
