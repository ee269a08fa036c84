"""Small view models shared by several page families (cards in lists, computed status)."""
from __future__ import annotations

from dataclasses import dataclass

from generator.enrich.types import DeadlineStatus, Place
from generator.render import base


@dataclass(frozen=True)
class ProjectCard:
    """What a list entry shows about a project."""

    id: str
    title: str
    summary: str
    status: str
    page: str
    lead: Place | None
    lands: tuple
    topics: tuple
    seeking_partners: bool
    open_to_exchange: bool
    open_source: bool


def project_card(catalogue, enriched, pid: str) -> ProjectCard:
    p = catalogue.projects[pid]
    facts = enriched.projects[pid]
    return ProjectCard(
        id=pid, title=p["title"], summary=p.get("summary", ""), status=p.get("status", ""),
        page=base.project_page(pid), lead=facts.lead, lands=facts.lands, topics=tuple(p.get("topics", [])),
        seeking_partners=facts.seeking_partners, open_to_exchange=facts.open_to_exchange,
        open_source=facts.open_source,
    )


def project_cards(catalogue, enriched, ids) -> list[ProjectCard]:
    """Cards sorted by title (then id), the order every project list uses."""
    cards = [project_card(catalogue, enriched, pid) for pid in ids if pid in catalogue.projects]
    return sorted(cards, key=lambda c: (c.title.casefold(), c.id))


def programme_status(enriched, fid: str) -> DeadlineStatus | None:
    """The status computed at the build date (None if enrich computed none)."""
    return enriched.programme_status.get(fid)


OPEN_STATES = ("offen", "laufend")  # backed by evidence; "unklar" is never open


def open_programmes(catalogue, enriched) -> list[str]:
    """Programmes one can apply to at the build date, as recent sources confirm."""
    return [fid for fid in catalogue.funding
            if (s := programme_status(enriched, fid)) is not None and s.status in OPEN_STATES]


@dataclass(frozen=True)
class FundingCounts:
    """The start page's funding figures; each is the size of a list a link leads to."""

    with_deadline: int  # offen: a call or deadline ahead, status confirmed
    running: int  # laufend: applications without deadline, status confirmed
    announced: int  # angekuendigt, confirmed
    unclear: int  # the record says offen/laufend/angekuendigt, no recent source confirms it
    closed: int
    total: int


def funding_counts(catalogue, enriched) -> FundingCounts:
    counts: dict = {}
    for fid in catalogue.funding:
        s = programme_status(enriched, fid)
        key = s.status if s is not None else ""
        counts[key] = counts.get(key, 0) + 1
    return FundingCounts(counts.get("offen", 0), counts.get("laufend", 0), counts.get("angekuendigt", 0),
                         counts.get("unklar", 0), counts.get("geschlossen", 0), len(catalogue.funding))


@dataclass(frozen=True)
class ProgrammeCard:
    id: str
    title: str
    summary: str
    page: str
    funder: str
    level: str
    lands: tuple
    status: DeadlineStatus | None


def programme_card(catalogue, enriched, fid: str) -> ProgrammeCard:
    f = catalogue.funding[fid]
    return ProgrammeCard(fid, f["title"], f.get("summary", ""), base.programme_page(fid), f.get("funder", ""),
                         f.get("level", ""), tuple(f.get("lands", [])), programme_status(enriched, fid))


def programme_cards(catalogue, enriched, ids) -> list[ProgrammeCard]:
    """Open ones first, then by title."""
    cards = [programme_card(catalogue, enriched, fid) for fid in ids if fid in catalogue.funding]
    rank = {"offen": 0, "laufend": 1, "angekuendigt": 2, "unklar": 3, "geschlossen": 4}
    return sorted(cards, key=lambda c: (rank.get(c.status.status if c.status else "", 4), c.title.casefold(), c.id))
