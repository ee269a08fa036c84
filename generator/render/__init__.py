"""Render: the validated catalogue plus enrich's facts -> Markdown pages.

Each page family is a module with `render(catalogue, enriched) -> {docs-relative path: text}`;
`render_site` runs them all. Pure functions: no file is written here.
"""
from __future__ import annotations

from generator.render import about, home, laender, lists, municipalities, partners, programmes, projects, topics

FAMILIES = [
    home.render,
    projects.render,
    programmes.render,
    municipalities.render,
    topics.render,
    laender.render,
    lists.render,
    partners.render,
    about.render,
]


def render_site(catalogue, enriched) -> dict[str, str]:
    """Every generated page, sorted by path. Two families never write the same path."""
    pages: dict[str, str] = {}
    for family in FAMILIES:
        for path, text in family(catalogue, enriched).items():
            if path in pages:
                raise ValueError(f"Seite doppelt erzeugt: {path}")
            pages[path] = text
    return dict(sorted(pages.items()))
