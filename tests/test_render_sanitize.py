"""The sanitiser for free Markdown in records: only the allowed subset survives."""
from __future__ import annotations

import re

import pytest

from generator.sanitize import LINK_REL, render_markdown


def test_plain_markdown_becomes_html():
    html = render_markdown("Die Stadt hat **120 Sensoren** und *eine* App.\n\n- eins\n- zwei")
    assert html == ("<p>Die Stadt hat <strong>120 Sensoren</strong> und <em>eine</em> App.</p>\n"
                    "<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>")


def test_empty_text_gives_nothing():
    assert render_markdown(None) == "" and render_markdown("  \n") == ""


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "<ScRiPt>alert(1)</ScRiPt>", "<style>body{display:none}</style>",
])
def test_script_and_style_vanish_with_their_content(text):
    html = render_markdown(f"Vorher {text} nachher")
    assert "alert" not in html and "display" not in html and "<script" not in html.lower()


@pytest.mark.parametrize("text", [
    "<img src=x onerror=alert(1)>", "<svg onload=alert(1)></svg>", "<details ontoggle=alert(1) open>x</details>",
    "<iframe src=https://evil.example></iframe>", "<object data=x></object>", "<form action=x><button>x</button></form>",
    "<base href=https://evil.example>", '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "![Bild](https://tracker.example/p.gif)",
])
def test_active_or_embedding_elements_are_removed(text):
    html = render_markdown(text)
    assert not re.search(r"<(img|svg|details|iframe|object|form|button|base|meta)\b", html), html
    assert not re.search(r"\son\w+=", html)


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:x", "data:text/html,x", "/etc/passwd",
    "//evil.example/x", "relativ/pfad", "#anker",
])
def test_links_other_than_absolute_http_or_mail_lose_their_target(href):
    html = render_markdown(f"[Klick]({href})")
    assert "href" not in html and "Klick" in html


def test_reference_style_script_link_is_neutralised():
    assert "href" not in render_markdown("[kontakt][1]\n\n[1]: javascript:alert(1)")


def test_encoded_script_scheme_is_neutralised():
    assert "href" not in render_markdown('<a href="jav&#x09;ascript:alert(1)">x</a>')


def test_good_links_keep_their_target_and_get_rel():
    html = render_markdown("[Projekt](https://www.example.org/p) und [Mail](mailto:info@example.org)")
    assert f'<a href="https://www.example.org/p" rel="{LINK_REL}">Projekt</a>' in html
    assert f'<a href="mailto:info@example.org" rel="{LINK_REL}">Mail</a>' in html


def test_attribute_lists_are_not_interpreted():
    html = render_markdown('Absatz\n{: onclick="alert(1)" }')
    assert "onclick=" not in html.replace('{: onclick="alert(1)" }', "") and "<p onclick" not in html


def test_headings_are_demoted_below_the_page_structure():
    html = render_markdown("# Eins\n\n## Zwei\n\n### Drei\n\n###### Sechs")
    assert html == "<h3>Eins</h3>\n<h4>Zwei</h4>\n<h5>Drei</h5>\n<h6>Sechs</h6>"


def test_front_matter_and_rules_in_text_stay_text():
    html = render_markdown("---\ntitle: Gekapert\n---\n\nText")
    assert "<hr" not in html and "Text" in html


def test_jinja_syntax_is_kept_as_text():
    assert render_markdown("{{ 7*7 }} {% for x in y %}") == "<p>{{ 7*7 }} {% for x in y %}</p>"


def test_unclosed_constructs_cannot_swallow_what_follows():
    for opener in ("<!-- offen", "<textarea>", "<xmp>", "<div>", "```"):
        html = render_markdown(f"{opener}\n\nDanach")
        assert "Danach" in html, opener
        assert not re.search(r"<(textarea|xmp|div)\b", html)


def test_tables_are_allowed():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<table>" in html and "<td>1</td>" in html


def test_no_ids_or_classes_from_records():
    html = render_markdown('<p id="__config" class="md-header" name="x">x</p>')
    assert "id=" not in html and "class=" not in html and "name=" not in html
