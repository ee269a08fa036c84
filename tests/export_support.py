"""Shared inputs for export tests: the fixture catalogue and a hand-made Enriched bundle.

The exporters are pure functions of (catalogue, enriched); fixing enriched here
keeps these tests about the formats, not about the enrich stage.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path

from generator.catalogue import load_catalogue
from generator.enrich import Deadline, DeadlineStatus, Enriched, FundingMatch, SimilarLink, domain

BUILD_DATE = dt.date(2026, 11, 27)


def payload(path: Path) -> tuple[str, object]:
    """(name, data) of a site data file (api/web/*.js): `KATALOG_DATEN("name",{json});`."""
    match = re.fullmatch(r'KATALOG_DATEN\("([^"]+)",(.*)\);\n', path.read_text(encoding="utf-8"), re.DOTALL)
    assert match, path.name
    return match.group(1), json.loads(match.group(2))


def fixture_catalogue_loaded(root):
    catalogue, run = load_catalogue(root, build_date=BUILD_DATE)
    assert catalogue is not None, [f.message for f in run.errors]
    return catalogue


FIXTURE = Path(__file__).resolve().parent / "fixtures" / "catalogue"


@lru_cache(maxsize=1)
def _fixture_domain() -> tuple:
    """The domain views of the fixture catalogue (places, Länder, Kreis portfolios), as enrich computes them."""
    catalogue = fixture_catalogue_loaded(FIXTURE)
    facts = domain.all_project_facts(catalogue.projects, catalogue.reference)
    by_municipality = domain.projects_by_municipality(catalogue.projects)
    return facts, by_municipality, domain.projects_by_kreis(by_municipality, catalogue.reference), domain.projects_by_land(facts)


def sample_enriched() -> Enriched:
    facts, by_municipality, by_kreis, by_land = _fixture_domain()
    return Enriched(
        build_date=BUILD_DATE,
        similar_projects={"koeln-smart-parking": [SimilarLink("dresden-parkleitsystem", 0.8, ("gleiches Handlungsfeld: Mobilität & Verkehr",))]},
        funding_matches={"dresden-parkleitsystem": [FundingMatch("digital-sachsen", "laufend", ("gilt in Sachsen",))]},
        programme_status={
            "smart-city-bund": DeadlineStatus("offen", "Offen bis 31.03.2027", "2027-03-31"),
            "digital-sachsen": DeadlineStatus("laufend", "Laufend, ohne Stichtag", None),
        },
        projects_by_programme={"smart-city-bund": ["koeln-smart-parking"]},
        deadlines=[
            Deadline("smart-city-bund", "Aufruf 2026", "2026-01-15", "2027-03-31", "laufend"),
            Deadline("smart-city-bund", "Stichtag", None, "2027-09", "kommend"),
        ],
        added={"koeln-smart-parking": "2026-11-01", "zweckverband-glasfaser": "2026-11-20", "smart-city-bund": "2026-10-01"},
        new_records=[("project", "zweckverband-glasfaser", "2026-11-20"), ("project", "koeln-smart-parking", "2026-11-01"),
                     ("funding", "smart-city-bund", "2026-10-01")],
        projects=dict(facts), projects_by_municipality=dict(by_municipality), projects_by_kreis=dict(by_kreis),
        projects_by_land=dict(by_land),
    )
