"""Free Markdown from records (`description`, `experience.outcome`) made inert.

Records come from strangers' pull requests. Their free text is rendered here, by
the generator, with a Python-Markdown instance of our own (no raw-HTML-friendly
extensions, headings demoted below the page's own), then cleaned by nh3 (a real
HTML sanitiser). The result is a fragment that MkDocs must never parse again:
renderers place it inside a block-level raw HTML element surrounded by blank
lines (see templates/_macros.html `free_text`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = frozenset({
    "p", "br", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote", "a",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow ugc"
# nh3 filters schemes only; relative and protocol-relative hrefs would survive it.
_ABSOLUTE_HREF = re.compile(r"(?:https?://[^/\s]|mailto:[^\s])", re.IGNORECASE)

# Record headings sit below the page's own h1/h2: "# X" becomes h3, deeper levels follow.
DEMOTE = {"h1": "h3", "h2": "h4", "h3": "h5", "h4": "h6", "h5": "h6", "h6": "h6"}


class _DemoteHeadings(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if element.tag in DEMOTE:
                element.tag = DEMOTE[element.tag]
        return None


class _RecordTextExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_DemoteHeadings(md), "demote_headings", 1)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    # Deliberately minimal: no attr_list, md_in_html, abbr, footnotes, toc, snippets.
    return markdown.Markdown(extensions=["tables", "sane_lists", _RecordTextExtension()], output_format="html")


def _keep_attribute(tag: str, attr: str, value: str) -> str | None:
    if tag == "a" and attr == "href":
        return value if _ABSOLUTE_HREF.match(value.strip()) else None
    return value


def clean_html(html: str) -> str:
    """Sanitise an HTML fragment to the allowed subset."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_keep_attribute,
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_markdown(text: str | None) -> str:
    """Record Markdown -> sanitised HTML fragment ('' for empty text).

    The instance is reset before every text: link reference definitions of one
    record never reach another record's text.
    """
    if not text or not str(text).strip():
        return ""
    md = _markdown()
    md.reset()
    return clean_html(md.convert(str(text))).strip()


class _TextOnly(HTMLParser):
    """Collects the text of a sanitised fragment; block ends become spaces."""

    BLOCKS = frozenset({"p", "br", "li", "ul", "ol", "blockquote", "pre", "h3", "h4", "h5", "h6", "tr", "td", "th"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(text: str | None) -> str:
    """Record Markdown -> its words without Markdown syntax, on one line (for short previews that are set as text,
    e.g. the Ideen-Check's „Erfahrung“): „- **Technik:** stabil“ becomes „Technik: stabil“."""
    parser = _TextOnly()
    parser.feed(render_markdown(text))
    parser.close()
    return " ".join("".join(parser.parts).split())
