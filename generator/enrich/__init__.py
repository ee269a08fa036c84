"""Enrich: facts derived from the validated catalogue at build time.

`enrich(catalogue)` returns an `Enriched` bundle of plain data that renderers and
exporters read; nothing here knows about YAML or pages. The dataclasses (the contract
between enrich and render/export) live in `generator.enrich.types`; the domain views
(lead municipality, Länder, Kreis and Land portfolios) in `generator.enrich.domain`.
"""
from __future__ import annotations

from generator.enrich import deadlines, domain, history, matching, partners, similarity
from generator.enrich.domain import projects_by_municipality, projects_by_programme
from generator.enrich.types import UNCLEAR, Deadline, DeadlineStatus, Enriched, FundingMatch, Place, ProjectFacts, SimilarLink

__all__ = ["UNCLEAR", "Deadline", "DeadlineStatus", "Enriched", "FundingMatch", "Place", "ProjectFacts", "SimilarLink",
           "enrich", "for_record", "light", "projects_by_municipality", "projects_by_programme"]


def enrich(catalogue, *, added: dict | None = None) -> Enriched:
    """All derived facts for one catalogue at its build date.

    `added` maps record id -> ISO date first added; None reads it from git
    (records git does not know fall back to `last_reviewed`).
    """
    from generator.enrich import retrieval

    today = catalogue.build_date
    statuses = deadlines.all_statuses(catalogue.funding, today)
    if added is None:
        root = history.catalogue_root(catalogue)
        added = history.git_added_dates(root) if root else {}
    all_records = {**catalogue.funding, **catalogue.projects, **catalogue.declarations}
    added_dates = history.added_dates(all_records, added)
    kinds = {"project": catalogue.projects, "funding": catalogue.funding}
    matches, match_totals = matching.funding_matches_with_totals(catalogue.projects, catalogue.funding, statuses,
                                                                 catalogue.reference)
    facts = domain.all_project_facts(catalogue.projects, catalogue.reference)
    by_municipality = projects_by_municipality(catalogue.projects)
    declared = partners.declarations(catalogue)
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
        projects_by_municipality=by_municipality,
        deadlines=deadlines.all_deadlines(catalogue.funding, today),
        added=added_dates,
        new_records=history.new_records(kinds, added_dates, today),
        projects=facts,
        projects_by_kreis=domain.projects_by_kreis(by_municipality, catalogue.reference),
        projects_by_land=domain.projects_by_land(facts),
        new_declarations=history.new_records({"declaration": catalogue.declarations}, added_dates, today),
        declarations=declared,
        declarations_by_project=partners.by_project(declared),
        declarations_by_declarer=partners.by_declarer(declared),
        partner_rows=partners.finder(catalogue, declared),
        peers=partners.peers(catalogue, by_municipality, declared),
    )


def light(catalogue) -> Enriched:
    """What the offline commands need besides similarity and matching: the domain views, every
    programme's status at the build date and who names which programme (fast on large catalogues)."""
    facts = domain.all_project_facts(catalogue.projects, catalogue.reference)
    by_municipality = projects_by_municipality(catalogue.projects)
    return Enriched(
        build_date=catalogue.build_date,
        programme_status=deadlines.all_statuses(catalogue.funding, catalogue.build_date),
        projects_by_programme=projects_by_programme(catalogue.projects, catalogue.funding),
        projects_by_municipality=by_municipality,
        projects=facts,
        projects_by_kreis=domain.projects_by_kreis(by_municipality, catalogue.reference),
        projects_by_land=domain.projects_by_land(facts),
    )


def for_record(catalogue, record_id: str) -> Enriched:
    """`light` plus what one record's view shows: for a project its similar projects and funding
    matches (a full enrich of 10,000 projects takes several seconds longer)."""
    from generator.enrich import retrieval

    enriched = light(catalogue)
    if record_id in catalogue.projects:
        enriched.retrieval = retrieval.build(catalogue)
        enriched.similar_projects = similarity.similar_projects(catalogue.projects, catalogue.funding, catalogue.reference,
                                                                corpus_=enriched.retrieval.projects)
        enriched.funding_matches = matching.funding_matches(
            {record_id: catalogue.projects[record_id]}, catalogue.funding, enriched.programme_status, catalogue.reference)
    return enriched
