"""Overview by Handlungsfeld: one page per topic (its projects and programmes) and an index."""
from __future__ import annotations

from generator.render import base
from generator.render.views import programme_cards, project_cards


def projects_by_topic(catalogue) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for pid, p in catalogue.projects.items():
        for t in p.get("topics", []):
            out.setdefault(t, []).append(pid)
    return out


def render(catalogue, enriched) -> dict[str, str]:
    labels = base.labels()
    projects = projects_by_topic(catalogue)
    programmes: dict[str, list[str]] = {}
    for fid, f in catalogue.funding.items():
        for t in f.get("topics", []):
            programmes.setdefault(t, []).append(fid)
    pages = {}
    rows = []
    for topic in labels.topic_ids():
        here = base.topic_page(topic)
        label = labels.topic(topic)
        term = next(t for t in base.labels().vocabularies["topics"].terms if t.id == topic)
        pages[here] = base.page(
            "topic.md.j2", here, title=label, searchable=False, description=f"Projekte und Förderprogramme im Handlungsfeld {label}",
            topic=topic, label=label, explanation=term.description,
            projects=project_cards(catalogue, enriched, projects.get(topic, [])),
            programmes=programme_cards(catalogue, enriched, programmes.get(topic, [])),
        )
        rows.append((topic, label, term.description, len(projects.get(topic, [])), len(programmes.get(topic, []))))
    pages[base.TOPICS_INDEX] = base.page(
        "topics_index.md.j2", base.TOPICS_INDEX, title="Handlungsfelder", searchable=False,
        description="Projekte und Förderprogramme nach Handlungsfeld.", rows=rows,
    )
    return pages
