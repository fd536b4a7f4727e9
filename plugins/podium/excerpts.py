"""Excerpts and reading time from a post's rendered HTML.

Each post's Markdown is rendered once; its excerpt HTML is cut from that
result and reused, rebased, on every listing page (Material's blog renders
each excerpt again per listing: the main cost DESIGN §8 measures).
"""

from __future__ import annotations

import html
import math
import re
from typing import TYPE_CHECKING

from podium.problems import Problem

if TYPE_CHECKING:
    from podium.catalog import Post
    from podium.settings import Settings

_MORE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>.*?</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
WORDS_PER_MINUTE = 220


def excerpt_html(rendered: str, description: str | None) -> str:
    """The excerpt: text before ``<!-- more -->``, else the description, else paragraph one."""
    match = _MORE.search(rendered)
    if match:
        return rendered[: match.start()].strip()
    if description:
        return f"<p>{html.escape(description)}</p>"
    first = _FIRST_PARAGRAPH.search(rendered)
    return first.group(0) if first else ""


def reading_minutes(rendered: str) -> int:
    """Minutes to read, at 220 words a minute, at least one."""
    text = html.unescape(_TAG.sub(" ", rendered))
    return max(1, math.ceil(len(_WORD.findall(text)) / WORDS_PER_MINUTE))


def excerpt_warning(settings: Settings, post: Post, problem: str) -> Problem:
    """The warning for an excerpt that does not balance, at the post's ``<!-- more -->``."""
    line = 1
    try:
        source = (settings.content_dir / post.src_uri).read_text("utf-8")
    except (OSError, UnicodeError):
        source = ""
    match = _MORE.search(source)
    if match:
        line = source.count("\n", 0, match.start()) + 1
    message = f"{problem} — close it before <!-- more -->; listings show the excerpt repaired"
    return Problem(post.shown, line, 0, "warning", "excerpt", message)
