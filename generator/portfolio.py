"""Portfolio: the steering view of all records of one municipality, one Kreis or one Land.

Pure functions over the catalogue and enrich's facts; generator/render/portfolio.py turns
a Portfolio into markup. What belongs to a portfolio:

* a Gemeinde or Gemeindeverband: the projects naming its official key (lead or partner);
* a Kreis: its own projects and those of every Gemeinde and Verband in it, each project
  once even if several of them take part;
* a Land: every project with a participant in that Land (the ids the Land page lists).

Figures: a board by status (Idee → Planung → Umsetzung → Betrieb → Abgeschlossen /
Eingestellt), a matrix Handlungsfeld × status, the funding secured (the sum of
`funding[].amount_eur` where given, per programme, each project's money counted once: see
`credit_percent`), open funding opportunities for its ideas
and plans (enrich's funding matches that are offen, laufend or angekündigt at the build
date), and for each idea the most similar projects elsewhere that are already in operation
or completed (the same score and reasons as the project pages' similar projects).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from generator.vocabularies import default_vocabularies

EARLY = ("idee", "planung")  # ideas and plans: where funding opportunities matter
DONE = ("betrieb", "abgeschlossen")  # something others can learn from
OPEN = ("offen", "laufend", "angekuendigt")
MAX_TWINS = 3


def statuses() -> list[str]:
    """Project statuses in the vocabulary's order (Idee … Eingestellt)."""
    return list(_vocabulary_ids("project-statuses"))


@lru_cache(maxsize=None)
def _vocabulary_ids(vocabulary: str) -> tuple:
    return tuple(default_vocabularies()[vocabulary].ids)


@dataclass(frozen=True)
class FundingLine:
    programme: str  # funding id (may name a programme missing from the catalogue: then title = id)
    title: str
    amount_eur: int  # sum of the amounts credited to this portfolio
    projects: tuple  # project ids naming the programme
    without_amount: int  # entries naming it without an amount
    elsewhere: tuple = ()  # project ids whose amount counts for another body (the lead), not here
    shared: tuple = ()  # project ids credited with a share (share_percent) only


# --- whose money ------------------------------------------------------------------------------------------------

def credit_percent(project: dict, member) -> int:
    """Percent of a project's grants that belong to the bodies for which `member(entry)` is true.

    Money belongs to one project once: without `share_percent` it counts for the lead (role "lead", else the first
    body), never once per partner. With shares each body gets its share; what the shares leave (100 minus their
    sum) goes to the lead when the lead has no share of its own."""
    entries = [e for e in project.get("municipalities") or [] if isinstance(e, dict)]
    if not entries:
        return 0
    lead = next((e for e in entries if e.get("role") == "lead"), entries[0])
    shares = [e for e in entries if isinstance(e.get("share_percent"), int) and not isinstance(e.get("share_percent"), bool)]
    if not shares:
        return 100 if member(lead) else 0
    mine = sum(e["share_percent"] for e in shares if member(e))
    if lead not in shares and member(lead):
        mine += max(0, 100 - sum(e["share_percent"] for e in shares))
    return max(0, min(100, mine))


def member_of(m, reference):
    """Predicate over a project's municipality entries: the entry is `m`, or for a Landkreis (not a kreisfreie
    Stadt) `m` itself or one of its Gemeinden and Verbände."""
    aggregate = m.level == "kreis" and m.applicant_type != "kreisfreie-stadt"

    def member(entry: dict) -> bool:
        key = str(entry.get("ags") or "")
        if not key:
            return False
        if key == m.key:
            return True
        if not aggregate:
            return False
        other = reference.get(key)
        return other is not None and other.level in ("gemeinde", "verband") and other.kreis_key == m.key
    return member


def land_member(code: str, reference):
    """Predicate: the entry's body lies in the Land `code` (from the reference data, or its own `land`)."""
    def member(entry: dict) -> bool:
        key = entry.get("ags")
        if key:
            m = reference.get(str(key))
            return m is not None and m.land_code == code
        return entry.get("land") == code
    return member


@dataclass(frozen=True)
class Opportunity:
    programme: str
    status: str  # computed at the build date
    label: str
    projects: tuple  # ids of the ideas and plans it fits


@dataclass
class Portfolio:
    project_ids: list  # sorted
    board: list  # [(status, [project id])] for every status, vocabulary order; ids sorted by title
    matrix: list  # [(topic, [count per status], total)] for topics with projects, vocabulary order
    column_totals: list  # [count per status]
    funding: list  # [FundingLine], largest amount first
    funding_total: int
    opportunities: list  # [Opportunity], open ones first
    twins: list  # [(idea project id, [SimilarLink])]
    statuses: list = field(default_factory=statuses)

    @property
    def empty(self) -> bool:
        return not self.project_ids


# --- whose records ----------------------------------------------------------------------------------------------

def municipality_projects(enriched, m) -> list[str]:
    """Project ids of a municipality's portfolio (a Landkreis includes its members), each once, sorted."""
    if m.level == "kreis" and m.applicant_type != "kreisfreie-stadt":
        return list(enriched.projects_by_kreis.get(m.key, ()))
    return sorted(set(enriched.projects_by_municipality.get(m.key, ())))


# --- figures ----------------------------------------------------------------------------------------------------

def _by_title(catalogue, ids) -> list[str]:
    return sorted(ids, key=lambda pid: (str(catalogue.projects[pid].get("title", "")).casefold(), pid))


def board(catalogue, ids: list[str]) -> list:
    """`ids` in title order (as `portfolio` passes them): each column keeps that order."""
    columns: dict[str, list[str]] = {s: [] for s in statuses()}
    for pid in ids:
        columns.setdefault(catalogue.projects[pid].get("status", ""), []).append(pid)
    return list(columns.items())


def matrix(catalogue, ids: list[str]) -> tuple[list, list]:
    order = _vocabulary_ids("project-statuses")
    column_of = {status: i for i, status in enumerate(order)}
    counts: dict = {}
    totals = [0] * len(order)
    for pid in ids:
        record = catalogue.projects[pid]
        column = column_of.get(record.get("status"))
        if column is None:
            continue
        totals[column] += 1
        for topic in dict.fromkeys(record.get("topics") or []):
            counts.setdefault(topic, [0] * len(order))[column] += 1
    topics = _vocabulary_ids("topics")
    known = [t for t in topics if t in counts] + sorted(t for t in counts if t not in topics)
    return [(t, counts[t], sum(counts[t])) for t in known], totals


def funding_secured(catalogue, ids: list[str], member=None) -> tuple[list, int]:
    """Funding by programme. With `member` (a predicate over municipality entries, see `member_of`) each amount
    counts with the portfolio's credit_percent of it; without, in full (a portfolio of whole projects)."""
    amounts: dict = {}
    projects: dict = {}
    missing: dict = {}
    elsewhere: dict = {}
    shared: dict = {}
    for pid in ids:
        record = catalogue.projects[pid]
        percent = 100 if member is None else credit_percent(record, member)
        for entry in record.get("funding") or []:
            if not isinstance(entry, dict) or not isinstance(entry.get("programme"), str):
                continue
            fid = entry["programme"]
            projects.setdefault(fid, [])
            if pid not in projects[fid]:
                projects[fid].append(pid)
            amount = entry.get("amount_eur")
            if isinstance(amount, int) and not isinstance(amount, bool):
                amounts[fid] = amounts.get(fid, 0) + round(amount * percent / 100)
                if percent == 0:
                    elsewhere.setdefault(fid, []).append(pid)
                elif percent < 100:
                    shared.setdefault(fid, []).append(pid)
            else:
                missing[fid] = missing.get(fid, 0) + 1
    lines = [FundingLine(fid, str((catalogue.funding.get(fid) or {}).get("title") or fid), amounts.get(fid, 0),
                         tuple(projects[fid]), missing.get(fid, 0), tuple(dict.fromkeys(elsewhere.get(fid, ()))),
                         tuple(dict.fromkeys(shared.get(fid, ())))) for fid in projects]
    lines.sort(key=lambda line: (-line.amount_eur, line.title.casefold(), line.programme))
    return lines, sum(line.amount_eur for line in lines)


def opportunities(catalogue, enriched, ids: list[str]) -> list[Opportunity]:
    """Programmes open at the build date that fit the portfolio's ideas and plans."""
    rank = {s: i for i, s in enumerate(OPEN)}
    fits: dict = {}
    for pid in ids:
        if catalogue.projects[pid].get("status") not in EARLY:
            continue
        for match in enriched.funding_matches.get(pid, ()):
            if match.status in OPEN and match.programme in catalogue.funding:
                fits.setdefault(match.programme, []).append(pid)
    out = []
    for fid, pids in fits.items():  # pids in the order of `ids` (title order, as `portfolio` passes them)
        status = enriched.programme_status.get(fid)
        out.append(Opportunity(fid, status.status if status else "", status.label if status else "", tuple(pids)))
    out.sort(key=lambda o: (rank.get(o.status, 9), -len(o.projects),
                            str(catalogue.funding[o.programme].get("title", "")).casefold(), o.programme))
    return out


def done_search(catalogue, enriched):
    """Similar-project search among the projects in operation or completed (generator.ideas.RecordSearch over the
    retrieval core's project corpus), made once per enrich result and kept on its retrieval core."""
    from generator import ideas

    core = enriched.retrieval
    if core is None:  # an Enriched built by hand (tests, single views): its own core
        from generator.enrich import retrieval

        core = enriched.retrieval = retrieval.build(catalogue)
    if core.done_search is None:
        done = [pid for pid, record in catalogue.projects.items() if record.get("status") in DONE]
        core.done_search = ideas.RecordSearch(core.projects, done, catalogue.funding)
    return core.done_search


def twins(catalogue, enriched, ids: list[str]) -> list:
    """For each idea: the most similar projects outside the portfolio that are in operation or completed.
    First those among the similar projects its page names; if fewer than MAX_TWINS, the search goes on
    with the same score among all such projects (generator.ideas.RecordSearch)."""
    mine = set(ids)
    out = []
    for pid in [p for p in ids if catalogue.projects[p].get("status") == "idee"]:  # title order
        links = [link for link in enriched.similar_projects.get(pid, ())
                 if link.id not in mine and link.id in catalogue.projects
                 and catalogue.projects[link.id].get("status") in DONE]
        if len(links) < MAX_TWINS:
            taken = mine | {link.id for link in links}
            more = [link for link in done_search(catalogue, enriched).ranked(pid) if link.id not in taken]
            links = sorted(links + more[:MAX_TWINS - len(links)], key=lambda link: (-link.score, link.id))
        out.append((pid, links[:MAX_TWINS]))
    return out


def portfolio(catalogue, enriched, ids: list[str], member=None) -> Portfolio:
    """`member`: whose money the funding figures count (see funding_secured); None counts whole projects."""
    ids = sorted(pid for pid in set(ids) if pid in catalogue.projects)
    by_title = _by_title(catalogue, ids)  # sorted once; board, opportunities and ideas keep this order
    rows, totals = matrix(catalogue, ids)
    lines, total = funding_secured(catalogue, ids, member)
    return Portfolio(
        project_ids=ids, board=board(catalogue, by_title), matrix=rows, column_totals=totals,
        funding=lines, funding_total=total, opportunities=opportunities(catalogue, enriched, by_title),
        twins=twins(catalogue, enriched, by_title),
    )


def for_municipality(catalogue, enriched, m) -> Portfolio:
    return portfolio(catalogue, enriched, municipality_projects(enriched, m), member_of(m, catalogue.reference))


def for_land(catalogue, enriched, ids: list[str], code: str) -> Portfolio:
    return portfolio(catalogue, enriched, ids, land_member(code, catalogue.reference))
