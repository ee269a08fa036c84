"""One naming scheme for the site's own CSS classes: `kdk-` (BEM-ish: kdk-block__element--modifier).

Material for MkDocs brings `md-*`; a few classes come from Material or Python-Markdown as they are
(THIRD_PARTY). Every class in the built site's HTML, in the site's stylesheets and in the classes the
site's scripts set or query must use one of these; a second prefix (the old `katalog-*`, `karte-*`)
fails here with the file that uses it.
"""
from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO_ROOT

ASSETS = REPO_ROOT / "docs" / "assets" / "katalog"
OWN_PREFIX = "kdk-"
MATERIAL_PREFIX = "md-"
# classes Material for MkDocs and Python-Markdown write or style as they are: the toc extension's permalink
# (headerlink), Material's <html class="no-js"> and its grid cards (<div class="grid cards">)
THIRD_PARTY = {"headerlink", "no-js", "grid", "cards"}


def foreign(names) -> set[str]:
    return {n for n in names if not n.startswith((OWN_PREFIX, MATERIAL_PREFIX)) and n not in THIRD_PARTY}


# --- reading class names ---------------------------------------------------------------------------------------------

def css_classes(text: str) -> set[str]:
    """Class selectors of a stylesheet: read from the preludes before `{` only (no comments, no declarations, so
    `0.5rem` is no class), nested rules inside @media included."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    preludes = re.findall(r"([^{};]*)\{", text)
    return {name for prelude in preludes for name in re.findall(r"\.(-?[_a-zA-Z][\w-]*)", prelude)}


CLASS_SETTERS = re.compile(r"""(?:\bclassName\s*:|\bclass\s*:|["']class["']\s*:|classList\.(?:add|remove|toggle|contains)\()""")
SELECTOR_CALLS = re.compile(r"""(?:querySelector(?:All)?|closest|locator|wait_for_selector)\(""")
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'')


def _literals_of_expression(text: str, start: int) -> list[str]:
    """String literals from `start` up to the end of the expression (a , ) or } outside brackets and strings)."""
    out, depth, i = [], 0, start
    while i < len(text):
        char = text[i]
        if char in "\"'":
            m = STRING.match(text, i)
            if m:
                out.append(m.group(1) if m.group(1) is not None else m.group(2))
                i = m.end()
                continue
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif char in ",;" and depth == 0:
            break
        i += 1
    return out


def script_classes(text: str) -> set[str]:
    """Classes a script sets (className, class, classList) or selects (querySelector, closest: `.name`)."""
    names = set()
    for m in CLASS_SETTERS.finditer(text):
        for literal in _literals_of_expression(text, m.end()):
            names.update(w for w in literal.split() if re.fullmatch(r"[A-Za-z_][\w-]*", w))
    for m in SELECTOR_CALLS.finditer(text):
        for literal in _literals_of_expression(text, m.end()):
            names.update(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", literal))
    return names


class _Classes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key == "class" and value:
                self.names.update(value.split())


def html_classes(text: str) -> set[str]:
    """Classes of HTML (also Markdown with HTML, and Jinja templates: a `{{ … }}` part of a class name is left out,
    so `kdk-status-{{ s }}` counts as `kdk-status-`)."""
    parser = _Classes()
    parser.feed(re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text, flags=re.DOTALL))
    return parser.names


PLAYWRIGHT_SELECTORS = {"locator", "wait_for_selector", "query_selector", "query_selector_all", "eval_on_selector",
                        "eval_on_selector_all", "get_attribute", "click", "fill", "text_content", "inner_text",
                        "is_visible", "focus", "press", "hover", "check"}
PLAYWRIGHT_SCRIPTS = {"evaluate", "wait_for_function", "add_init_script"}


def _text_of(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # f-string: its fixed parts
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def python_classes(text: str) -> set[str]:
    """Classes a test or benchmark selects in the browser: CSS selectors given to Playwright, and the classes the
    JavaScript it runs in the page sets or queries."""
    names = set()
    for node in ast.walk(ast.parse(text)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
            continue
        argument = _text_of(node.args[0])
        if argument is None:
            continue
        if node.func.attr in PLAYWRIGHT_SELECTORS:
            names.update(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", argument.split(">>")[0]))
        elif node.func.attr in PLAYWRIGHT_SCRIPTS:
            names.update(script_classes(argument))
    return names


# --- the readers find what they should ---------------------------------------------------------------------------------

def test_the_readers_find_classes_in_each_kind_of_file():
    assert css_classes("@media print { .katalog-x a, .md-typeset > .kdk-y { margin: 0.5rem; } }\n/* .kommentar */") == \
        {"katalog-x", "md-typeset", "kdk-y"}
    script = ('K.el("span", { className: "kdk-marke karte-" + x, text: "a.b" }); svg("g", { class: flag ? "a-b" : "c" });\n'
              'node.classList.toggle("katalog-option--leer", y); document.querySelector("#id .karte-punkt a");')
    assert script_classes(script) == {"kdk-marke", "karte-", "a-b", "c", "katalog-option--leer", "karte-punkt"}
    assert html_classes('<div class="katalog-app kdk-idea"><p class="md-x kdk-s-{{ s }}">') == \
        {"katalog-app", "kdk-idea", "md-x", "kdk-s-"}
    test = ('page.locator("#liste .katalog-karte__titel").first\npage.click(f".karte-tabelle >> text={land}")\n'
            'page.evaluate("[...document.querySelectorAll(\'.kdk-a b\')].map(a => a.getAttribute(\'x\'))")\n'
            'page.goto(base + "suche.html")')
    assert python_classes(test) == {"katalog-karte__titel", "karte-tabelle", "kdk-a"}
    assert foreign({"katalog-app", "karte-punkt", "kdk-idea", "md-button", "headerlink"}) == {"katalog-app", "karte-punkt"}


# --- the site's own files --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(ASSETS.glob("*.css")), ids=lambda p: p.name)
def test_stylesheets_use_one_class_prefix(path):
    assert foreign(css_classes(path.read_text(encoding="utf-8"))) == set()


@pytest.mark.parametrize("path", sorted(ASSETS.glob("*.js")), ids=lambda p: p.name)
def test_scripts_set_and_select_classes_with_one_prefix(path):
    assert foreign(script_classes(path.read_text(encoding="utf-8"))) == set()


def test_hand_written_pages_and_templates_use_one_class_prefix():
    files = sorted((REPO_ROOT / "docs").glob("*.md")) + sorted((REPO_ROOT / "generator" / "templates").rglob("*.j2")) \
        + sorted((REPO_ROOT / "overrides").rglob("*.html"))
    found = {str(p.relative_to(REPO_ROOT)): sorted(foreign(html_classes(p.read_text(encoding="utf-8"))))
             for p in files}
    assert {path: names for path, names in found.items() if names} == {}


def test_the_tests_select_elements_by_the_current_class_names():
    found = {}
    for path in sorted(Path(__file__).parent.glob("test_*.py")) + sorted((REPO_ROOT / "bench").glob("*.py")):
        if path.name == Path(__file__).name:
            continue
        names = foreign(python_classes(path.read_text(encoding="utf-8")))
        if names:
            found[path.name] = sorted(names)
    assert found == {}


@pytest.mark.slow
def test_every_class_in_the_built_site_uses_one_prefix(fixture_site):
    found: dict[str, set[str]] = {}
    for page in sorted(fixture_site.site.rglob("*.html")):
        for name in foreign(html_classes(page.read_text(encoding="utf-8"))):
            found.setdefault(name, set()).add(str(page.relative_to(fixture_site.site)))
    assert {name: sorted(pages)[:3] for name, pages in found.items()} == {}
