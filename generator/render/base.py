"""Shared machinery of the page renderers: where pages live, links between them,
labels, number and date formats, and how a page becomes Markdown text.

Record text reaches a page in exactly two ways: as a variable of an autoescaping
Jinja template inside a raw HTML block, or as the sanitiser's output. Front matter
is written with yaml.safe_dump. Nothing here imports MkDocs.
"""
from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import yaml
from markupsafe import Markup

from generator import dates, sanitize
from generator.formats import CONTINUED, DEADLINE_STATES, WOULD_DO_AGAIN, euro, german_date, number, percent
from generator.enrich.deadlines import REPEAT_LABELS, STATUS_EVIDENCE_MONTHS
from generator.enrich.types import Place
from generator.reference import SIZE_CLASS_LABELS, Municipality
from generator.vocabularies import default_vocabularies

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


# Links inside raw HTML blocks are not rewritten by MkDocs, so they point at the built
# file directly. The offline build forces use_directory_urls: false, so page.md -> page.html.
PAGE_SUFFIX = ".html"

# ---------------------------------------------------------------- page paths (docs-relative)

HOME = "index.md"
PROGRAMMES_INDEX = "foerderprogramme/index.md"
MUNICIPALITIES_INDEX = "kommunen/index.md"
TOPICS_INDEX = "themen/index.md"
LAENDER_INDEX = "laender/index.md"
PARTNERS = "uebersichten/partner-finden.md"
CALENDAR = "uebersichten/foerderkalender.md"
NEW = "uebersichten/neu-im-katalog.md"
ABOUT = "uebersichten/ueber-den-katalog.md"
METHOD = "methodik.md"
DATA = "daten.md"  # Offene Daten: downloads and the calendar and feed subscriptions
# Hand-written pages of the search and explorer (docs/), linked from the start page.
SEARCH = "suche.md"
EXPLORER = "explorer.md"
FUNDING_EXPLORER = "foerder-explorer.md"
MAP = "karte.md"


def project_page(pid: str) -> str:
    return f"projekte/{pid}.md"


def programme_page(fid: str) -> str:
    return f"foerderprogramme/{fid}.md"


def municipality_page(m: Municipality) -> str:
    return f"kommunen/{slug(m.name)}-{m.key}.md"


def topic_page(topic_id: str) -> str:
    return f"themen/{topic_id}.md"


def land_page(code: str) -> str:
    return f"laender/{slug(labels().land(code))}.md"


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """ASCII file-name part from a German name: "Köln" -> "koeln"."""
    text = unicodedata.normalize("NFKD", str(text).translate(_UMLAUTS)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


@lru_cache(maxsize=65536)
def relative_url(here: str, target: str) -> str:
    """Link from page `here` to page `target` (both docs-relative .md paths), as built."""
    anchor = ""
    if "#" in target:
        target, anchor = target.split("#", 1)
        anchor = "#" + anchor
    if target.endswith(".md"):
        target = target[:-3] + PAGE_SUFFIX
    source = [p for p in posixpath.dirname(here).split("/") if p]
    parts = target.split("/")
    common = 0
    while common < len(source) and common < len(parts) - 1 and source[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(source) - common) + parts[common:]) + anchor


# ---------------------------------------------------------------- labels and formats

class Labels:
    """German labels for vocabulary ids (the vocabularies are the one source)."""

    def __init__(self, vocabularies: dict):
        self.vocabularies = vocabularies
        self._tables = {vid: v.labels() for vid, v in vocabularies.items()}

    def _label(self, vocabulary: str, term: str) -> str:
        return self._tables[vocabulary].get(term, term)

    def topic(self, term: str) -> str:
        return self._label("topics", term)

    def status(self, term: str) -> str:
        return self._label("project-statuses", term)

    def applicant(self, term: str) -> str:
        return self._label("applicant-types", term)

    def land(self, code: str) -> str:
        return self._label("laender", code)

    def level(self, term: str) -> str:
        return self._label("funding-levels", term)

    def funding_type(self, term: str) -> str:
        return self._label("funding-types", term)

    def application_status(self, term: str) -> str:
        return self._label("application-statuses", term)

    def topic_ids(self) -> list[str]:
        return self.vocabularies["topics"].ids

    def land_codes(self) -> list[str]:
        return self.vocabularies["laender"].ids


@lru_cache(maxsize=None)
def labels() -> Labels:
    return Labels(default_vocabularies())


MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")


def month_name(value) -> str:
    """2027-03 -> März 2027."""
    year, _, month = str(value).partition("-")
    return f"{MONTHS[int(month[:2]) - 1]} {year}" if month else year


def plural(count, singular: str, plural_form: str) -> str:
    """1 Projekt, 2 Projekte (with German thousands separator)."""
    return f"{number(count)} {singular if count == 1 else plural_form}"


def mailto_href(address) -> str:
    """A mailto: link that can only ever address one mailbox: everything but the address's own
    characters is percent-encoded, so `?`, `&`, `=` and `%` never start headers such as Bcc."""
    from urllib.parse import quote

    return "mailto:" + quote(str(address), safe="@.-_+!$'*/^`{|}~")


def host(url) -> str:
    """Link text for long official URLs: the host name, e.g. www.bund.de."""
    return urlsplit(str(url)).hostname or str(url)


CODE_HOSTS = {"gitlab.opencode.de": "openCoDE", "github.com": "GitHub", "gitlab.com": "GitLab"}


def code_host(url) -> str | None:
    """The platform a source-code address is on, named as readers know it (openCoDE, GitHub, GitLab)."""
    name = (urlsplit(str(url)).hostname or "").lower()
    return CODE_HOSTS.get(name.removeprefix("www."))


# ---------------------------------------------------------------- municipalities of a project

def place_page(place: Place | None) -> str | None:
    """Keyed municipalities (not Länder) have a page of their own (None for the others)."""
    if place is None or place.municipality is None or place.municipality.level == "land":
        return None
    return municipality_page(place.municipality)


def size_label(m: Municipality) -> str:
    return SIZE_CLASS_LABELS.get(m.size_class, m.size_class)


# ---------------------------------------------------------------- page assembly

def meta_text(text: str) -> str:
    """Record text for front matter. MkDocs themes print `page.title` and
    `page.meta.description` without escaping (and `striptags` unescapes entities),
    so characters that could open markup or an entity are replaced by look-alikes."""
    text = " ".join(str(text).split())
    text = text.replace("<", "‹").replace(">", "›").replace('"', "”")
    return re.sub(r"&(?=[#A-Za-z0-9])", "&\u200b", text)


def front_matter(meta: dict) -> str:
    # CSafeDumper is safe_dump's libyaml twin (same output, much faster); pure Python as fallback.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return "---\n" + yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1_000_000,
                               default_flow_style=False) + "---\n"


@jinja2.pass_context
def _link(context, target: str) -> str:
    return relative_url(context["here"], target)


@lru_cache(maxsize=None)
def _items(directory: str):
    """The list-entry macros, bound to a page folder (links are relative to it)."""
    return environment().get_template("_items.html.j2").make_module({"here": posixpath.join(directory, "_.md")})


@lru_cache(maxsize=262_144)
def _project_item(card, directory: str, show_summary: bool) -> Markup:
    return Markup(_items(directory).project_item(card, show_summary))


@lru_cache(maxsize=65_536)
def _programme_item(card, directory: str, show_summary: bool) -> Markup:
    return Markup(_items(directory).programme_item(card, show_summary))


@lru_cache(maxsize=262_144)
def _match_item(card, reasons: tuple, directory: str) -> Markup:
    return Markup(_items(directory).match_item(card, reasons))


@jinja2.pass_context
def _match_item_here(context, card, reasons=()) -> Markup:
    """A funding match: the same programme with the same reasons recurs on many project pages."""
    return _match_item(card, tuple(reasons), posixpath.dirname(context["here"]))


@jinja2.pass_context
def _project_item_here(context, card, show_summary: bool = True) -> Markup:
    """A project's list entry. Cards are frozen values, so the cache key is all the entry shows."""
    return _project_item(card, posixpath.dirname(context["here"]), bool(show_summary))


@jinja2.pass_context
def _programme_item_here(context, card, show_summary: bool = True) -> Markup:
    return _programme_item(card, posixpath.dirname(context["here"]), bool(show_summary))


def newest_source_date(record: dict) -> str | None:
    """The newest `as_of` among a record's sources („Angaben belegt bis …“), None if none is dated."""
    return dates.newest(s.get("as_of") for s in record.get("sources") or [])


def _free_text(text) -> Markup:
    """Record Markdown as sanitised HTML; the only place a template gets unescaped markup."""
    return Markup(sanitize.render_markdown(text))


@lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        link=_link, labels=labels(), free_text=_free_text, newest_source_date=newest_source_date,
        project_item=_project_item_here, programme_item=_programme_item_here, match_item=_match_item_here,
        project_page=project_page, programme_page=programme_page, municipality_page=municipality_page,
        topic_page=topic_page, land_page=land_page, place_page=place_page,
        HOME=HOME, PROGRAMMES_INDEX=PROGRAMMES_INDEX, MUNICIPALITIES_INDEX=MUNICIPALITIES_INDEX,
        TOPICS_INDEX=TOPICS_INDEX, LAENDER_INDEX=LAENDER_INDEX, PARTNERS=PARTNERS, CALENDAR=CALENDAR,
        NEW=NEW, ABOUT=ABOUT, METHOD=METHOD, DATA=DATA, SEARCH=SEARCH, EXPLORER=EXPLORER,
        FUNDING_EXPLORER=FUNDING_EXPLORER, MAP=MAP,
        WOULD_DO_AGAIN=WOULD_DO_AGAIN, CONTINUED=CONTINUED, DEADLINE_STATES=DEADLINE_STATES, REPEAT_LABELS=REPEAT_LABELS,
        EVIDENCE_MONTHS=STATUS_EVIDENCE_MONTHS,
    )
    env.filters.update(mailto=mailto_href, number=number, euro=euro, date=german_date, month_name=month_name, percent=percent, plural=plural, host=host, size_label=size_label,
                       code_host=code_host)
    return env


def page(template: str, here: str, *, title: str, description: str | None = None,
         hide: tuple = (), searchable: bool = True, title_in_meta: bool = True, **context) -> str:
    """One Markdown page: safe front matter, then the template's body.

    Long list pages are kept out of the search index (`searchable=False`): they repeat
    the summaries of the records, so hits would point at lists instead of records.
    `title_in_meta=False` (start page): the page's Markdown `# heading` is its title, and the theme
    then names the browser tab after the site alone instead of „Titel - Titel“."""
    meta: dict[str, object] = {"title": meta_text(title)} if title_in_meta else {}
    if description:
        meta["description"] = meta_text(description)
    if hide:
        meta["hide"] = list(hide)
    if not searchable:
        meta["search"] = {"exclude": True}
    body = environment().get_template(template).render(here=here, title=title, **context)
    body = re.sub(r"\n{3,}", "\n\n", body.strip())
    return front_matter(meta) + "\n" + body + "\n"


def edit_url(repository: str | None, file: str | None) -> str | None:
    """Where a contributor edits a record's YAML file (None without a known repository)."""
    if not repository or not file:
        return None
    return f"{repository.rstrip('/')}/edit/main/{file}"


def edit_target(catalogue, record_id: str, repository: str | None) -> dict:
    """file, edit link and origin for a record's sources block; a record from a federated source is edited there."""
    origin = catalogue.origins.get(record_id)
    if origin is not None:
        return {"file": origin.file_in_repository, "edit": origin.edit_url, "origin": origin}
    file = catalogue.files.get(record_id)
    return {"file": file, "edit": edit_url(repository, file), "origin": None}


def repository_url() -> str | None:
    """The repository on GitHub: `KATALOG_REPO_URL`, or what GitHub Actions reports."""
    explicit = os.environ.get("KATALOG_REPO_URL")
    if explicit:
        return explicit
    server, repo = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    return f"{server}/{repo}" if server and repo else None
