"""GitLab issue templates (.gitlab/issue_templates/*.md), derived from the GitHub issue forms.

GitLab (and so openCoDE) has Markdown templates, not forms. Each template
carries the form's questions as the same `### Label` headings, with the help
text in HTML comments, so `katalog from-issue` reads an issue written from it
exactly like one from a GitHub form (comments are stripped before reading).
One source, two forges: a change to the schema changes both.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.issue_forms import form_documents

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
_ENV = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=False, undefined=StrictUndefined,
                   keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def _comment_safe(text: str) -> str:
    """Help text inside <!-- … -->: a "--" would end the comment early."""
    return " ".join(str(text).replace("--", "–").split())


def _question(element: dict) -> dict:
    attributes = element["attributes"]
    options = attributes.get("options") or []
    labels = [o["label"] if isinstance(o, dict) else o for o in options]
    kind = element["type"]
    return {
        "label": attributes["label"],
        "help": _comment_safe(attributes.get("description", "")),
        "required": bool((element.get("validations") or {}).get("required")),
        "choices": [_comment_safe(label) for label in labels] if kind == "dropdown" else [],
        "multiple": bool(attributes.get("multiple")),
        "checkboxes": labels if kind == "checkboxes" else [],
        "placeholder": _comment_safe(attributes.get("placeholder", "")),
    }


def template_for(document: dict) -> str:
    intro = [e["attributes"]["value"] for e in document["body"] if e["type"] == "markdown"]
    questions = [_question(e) for e in document["body"] if e["type"] != "markdown"]
    return _ENV.get_template("gitlab-issue.md.j2").render(
        name=document["name"], description=_comment_safe(document["description"]), title=document["title"],
        intro=intro, questions=questions, labels=document.get("labels", []))


def render_templates() -> dict[str, str]:
    """File name in .gitlab/issue_templates/ -> content."""
    return {Path(name).stem + ".md": template_for(document) for name, document in form_documents().items()}
