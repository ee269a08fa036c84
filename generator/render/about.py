"""Über den Katalog: licences, the Destatis attribution, method and coverage."""
from __future__ import annotations

from generator.reference import ATTRIBUTION
from generator.render import base
from generator.render.home import figures
from generator.stats import coverage


def render(catalogue, enriched) -> dict[str, str]:
    return {base.ABOUT: base.page(
        "about.md.j2", base.ABOUT, title="Über den Katalog",
        description="Was der Katalog ist, woher die Daten kommen und unter welcher Lizenz sie stehen.",
        attribution=ATTRIBUTION, figures=figures(catalogue, enriched), coverage=coverage(catalogue, enriched),
        build_date=enriched.build_date.isoformat(),
    )}
