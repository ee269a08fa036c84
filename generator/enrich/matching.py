"""Funding programmes a project could apply to, with the reasons in German.

A programme matches a project when all three hold:
1. topics: they share at least one Handlungsfeld;
2. region: the programme has no `lands` (bundesweit, or EU-weit for level `eu`),
   or the Land of the project's lead municipality is in `lands`;
3. applicant: the lead municipality's applicant type is in `eligible`.

The lead municipality is the first entry with role `lead` (else the first
entry). With an official key its Land and applicant type come from the
Destatis reference data (a kreisfreie Stadt is `kreisfreie-stadt`, a
kreisangehörige Stadt `stadt`, a Landkreis `landkreis`, ...); a body without
key (`{name, type, land}`) brings its own `type` and `land`.

Applicant types match exactly, as the vocabulary defines them: `stadt` means
a kreisangehörige Stadt, so a kreisfreie Stadt only matches programmes that
list `kreisfreie-stadt`. We do not widen types on our own (a programme "für
Städte" might well exclude kreisfreie Städte); a record that means all
Städte lists both.

Order: open ones first (offen, laufend, angekuendigt, unklar, geschlossen by the
status computed at the build date), then more shared Handlungsfelder, then id.
A project lists the first MAX_MATCHES; how many match in all is kept too, so
a page can say "10 von 74" instead of dropping the rest silently.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.enrich import domain
from generator.enrich.types import DeadlineStatus, FundingMatch
from generator.vocabularies import default_vocabularies

STATUS_ORDER = {"offen": 0, "laufend": 1, "angekuendigt": 2, "unklar": 3, "geschlossen": 4}
MAX_MATCHES = 10  # shown per project; `funding_match_totals` says how many match in all


@dataclass(frozen=True)
class Applicant:
    """Who would apply for a project: Land code and applicant type of its lead municipality."""

    land: str  # ISO 3166-2, "" if unknown
    applicant_type: str  # applicant-types vocabulary id, "" if unknown
    land_name: str


def applicant(project: dict, reference) -> Applicant | None:
    """The lead municipality as an applicant (None without municipalities or with an unknown key)."""
    lead = domain.lead(project, reference)
    if lead is None or (lead.ags and lead.municipality is None):
        return None
    return Applicant(lead.land_code, lead.applicant_type, lead.land_name)


def _label(vocabulary: str, term: str) -> str:
    return default_vocabularies()[vocabulary].label(term)


def _listing(singular: str, plural: str, labels: list[str]) -> str:
    return f"{singular if len(labels) == 1 else plural}: {', '.join(labels)}"


_WITH_ARTICLE = {"Saarland": "im Saarland"}  # das Saarland; every other Land goes without article


def in_land(name: str) -> str:
    """ "in Sachsen", but "im Saarland"."""
    return _WITH_ARTICLE.get(name, f"in {name}")


def region_reason(programme: dict, who: Applicant) -> str | None:
    """The German reason why the programme covers the applicant's Land, or None if it does not."""
    lands = programme.get("lands") or []
    if not lands:
        return "gilt EU-weit" if programme.get("level") == "eu" else "gilt bundesweit"
    if who.land and who.land in lands:
        return f"gilt {in_land(who.land_name or who.land)}"
    return None


def status_reason(status: DeadlineStatus) -> str:
    """ "offen bis 31.03.2027"; an unclear status keeps its sentence ("Stand unklar – zuletzt belegt …")."""
    label = status.label
    if status.unclear:
        return label
    return label[:1].lower() + label[1:] if label else status.status


class Matcher:
    """Matches projects to programmes. Work is cached by (Land, applicant type, topics): thousands of
    projects share a few hundred such combinations, and the FundingMatch objects are shared too."""

    def __init__(self, funding: dict, statuses: dict):
        self.funding = funding
        self.statuses = statuses
        topics = default_vocabularies()["topics"]
        self.topic_labels = topics.labels()
        self.topic_order = {t: i for i, t in enumerate(topics.ids)}
        self.by_topic: dict[str, list[str]] = {}
        for pid, record in sorted(funding.items()):
            for topic in dict.fromkeys(record.get("topics") or []):
                self.by_topic.setdefault(topic, []).append(pid)
        self.rank = {pid: STATUS_ORDER.get(statuses[pid].status, 9) for pid in funding}
        # display position ignoring shared topics: status rank, then id
        self.position = {pid: i for i, pid in enumerate(sorted(funding, key=lambda p: (self.rank[p], p)))}
        self.topic_sets = {pid: frozenset(record.get("topics") or []) for pid, record in funding.items()}
        self._eligible: dict[tuple, list] = {}
        self._results: dict[tuple, list] = {}  # (applicant, topics) -> programme ids in display order
        self._matches: dict[tuple, FundingMatch] = {}
        self._shown: dict[tuple, tuple] = {}  # (applicant, topics) -> (first MAX_MATCHES matches, total)

    def matches_and_total(self, project: dict, reference) -> tuple[list, int]:
        """The first MAX_MATCHES matches, and how many programmes match in all."""
        who = applicant(project, reference)
        if who is None or not who.applicant_type:
            return [], 0
        topics = self._topics(project)
        cached = self._shown.get((who, topics))
        if cached is None:
            ranked = self.ranked(who, topics)
            shown = tuple(self._match(pid, who, tuple(t for t in topics if t in self.topic_sets[pid]))
                          for pid in ranked[:MAX_MATCHES])
            cached = self._shown[(who, topics)] = (shown, len(ranked))
        return list(cached[0]), cached[1]

    def _topics(self, project: dict) -> tuple:
        return tuple(sorted({t for t in project.get("topics") or [] if isinstance(t, str)},
                            key=lambda t: (self.topic_order.get(t, len(self.topic_order)), t)))

    def ranked(self, who: Applicant, topics: tuple) -> list:
        """Matching programme ids for this applicant and these topics, in display order (cached)."""
        result = self._results.get((who, topics))
        if result is None:
            result = self._results[(who, topics)] = self._compute(who, topics)
        return result

    def eligible(self, who: Applicant, topic: str) -> list:
        """Programmes with this topic that cover the applicant's Land and accept its applicant type."""
        cached = self._eligible.get((who, topic))
        if cached is None:
            cached = [pid for pid in self.by_topic.get(topic, ())
                      if who.applicant_type in (self.funding[pid].get("eligible") or [])
                      and region_reason(self.funding[pid], who) is not None]
            self._eligible[(who, topic)] = cached
        return cached

    def _compute(self, who: Applicant, topics: tuple) -> list:
        """Order: status rank, then more shared topics, then id. Sorted with C-level keys only: by
        position (rank, id), then each rank group stably by shared count, descending."""
        shared: Counter = Counter()
        for topic in topics:
            shared.update(self.eligible(who, topic))
        ordered = sorted(shared, key=self.position.__getitem__)
        if len(topics) < 2:
            return ordered  # every programme shares the one topic
        out, rank = [], self.rank
        start = 0
        for end in range(1, len(ordered) + 1):
            if end == len(ordered) or rank[ordered[end]] != rank[ordered[start]]:
                out.extend(sorted(ordered[start:end], key=shared.__getitem__, reverse=True))
                start = end
        return out

    def _match(self, pid: str, who: Applicant, shared: tuple) -> FundingMatch:
        key = (pid, who, shared)
        match = self._matches.get(key)
        if match is None:
            status = self.statuses[pid]
            reasons = (
                _listing("Handlungsfeld", "Handlungsfelder", [self.topic_labels.get(t, t) for t in shared]),
                region_reason(self.funding[pid], who),
                f"antragsberechtigt: {_label('applicant-types', who.applicant_type)}",
                status_reason(status),
            )
            match = self._matches[key] = FundingMatch(pid, status.status, reasons)
        return match


def funding_matches(projects: dict, funding: dict, statuses: dict, reference) -> dict:
    """project id -> [FundingMatch] (at most MAX_MATCHES), for every project (empty list when nothing fits)."""
    return funding_matches_with_totals(projects, funding, statuses, reference)[0]


def funding_matches_with_totals(projects: dict, funding: dict, statuses: dict, reference) -> tuple[dict, dict]:
    """(project id -> [FundingMatch] capped at MAX_MATCHES, project id -> number of all matching programmes)."""
    matcher = Matcher(funding, statuses)
    matches, totals = {}, {}
    for pid, record in sorted(projects.items()):
        matches[pid], totals[pid] = matcher.matches_and_total(record, reference)
    return matches, totals
