"""Untrusted text inside GitHub Markdown (issue comments, pull request bodies, step summaries).

Whatever an issue author or a record's author wrote appears only inside a code span: no live
links, no images, no HTML. Code spans do not stop every GitHub feature, so mentions (`@name`),
issue references (`#12`, `owner/repo#12`) and closing keywords (`fixes #1`) are broken up with
an invisible WORD JOINER as well: they neither ping anyone nor close an issue.
"""
from __future__ import annotations

import re

WORD_JOINER = "\u2060"
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
_REFERENCE = re.compile(r"#(?=\d)")
_KEYWORD = re.compile(r"(?i)\b(c)(?=los(?:e|es|ed)\b)|\b(f)(?=ix(?:|es|ed)\b)|\b(r)(?=esolv(?:e|es|ed)\b)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


def defuse(text: str) -> str:
    """Mentions, issue references and closing keywords broken up; line breaks become spaces."""
    text = _CONTROL.sub(" ", str(text))
    text = _MENTION.sub("@" + WORD_JOINER, text)
    text = _REFERENCE.sub("#" + WORD_JOINER, text)
    return _KEYWORD.sub(lambda m: (m.group(1) or m.group(2) or m.group(3)) + WORD_JOINER, text)


def code_span(text: str) -> str:
    """`text` as one inline code span that no backtick inside it can close."""
    text = defuse(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"
