"""Catalog blocks that any Markdown page can embed with an HTML comment.

``<!-- podium:posts 3 -->`` (latest posts), ``<!-- podium:events 3 -->``
(upcoming events), ``<!-- podium:talks 4 -->`` (latest talks with a
recording) and ``<!-- podium:subscribe -->`` (feed and calendar links) are
replaced once every page's Markdown is rendered, so a home page stays plain
Markdown that authors can edit.  A block with nothing to show (no upcoming
events) is left out with the heading just before it.  An unknown block name
is an error naming the supported ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from podium.problems import Problems

# A heading right before a block introduces it: an empty block (no upcoming events) takes it along.
_HEADING_BEFORE = re.compile(r"<h([1-6])\b[^>]*>(?:(?!<h[1-6]\b).)*?</h\1>\s*\Z", re.DOTALL)
BLOCK = re.compile(r"<!--\s*podium:([a-z-]+)(?:\s+(\d{1,3}))?\s*-->")
_ANY_BLOCK = re.compile(r"<!--\s*podium:(?:(?!-->).){0,200}-->", re.DOTALL)
"""Every comment that means to be a block: one that is not a valid BLOCK is an error."""
NAMES = ("posts", "events", "talks", "subscribe")
DEFAULTS = {"posts": 3, "events": 3, "talks": 4, "subscribe": 0}


@dataclass(frozen=True)
class Block:
    name: str
    count: int


def find_blocks(html: str) -> list[tuple[int, int, Block | None, str]]:
    """Every block comment: (start, end, block or None when unknown, the name as written)."""
    found = []
    for match in BLOCK.finditer(html):
        name = match.group(1)
        count = int(match.group(2)) if match.group(2) else DEFAULTS.get(name, 0)
        block = Block(name, max(1, count)) if name in NAMES else None
        found.append((match.start(), match.end(), block, name))
    return found


def unknown_block_message(name: str) -> str:
    return f"unknown block 'podium:{name}' (supported: {', '.join('podium:' + n for n in NAMES)})"


def check_blocks(text: str, shown: str, first_line: int, problems: Problems) -> None:
    """A warning for every unknown block name in a page's Markdown (line ``first_line`` on);
    an error for a block written wrong (``podium:posts -1``, ``podium:posts 0``)."""

    def where(start: int) -> tuple[int, int]:
        line_start = text.rfind("\n", 0, start) + 1
        return first_line + text.count("\n", 0, start), start - line_start + 1

    for start, _end, block, name in find_blocks(text):
        if block is None:
            problems.warning(shown, *where(start), "", unknown_block_message(name))
    for match in _ANY_BLOCK.finditer(text):
        exact = BLOCK.fullmatch(match.group(0))
        if exact and (exact.group(2) is None or int(exact.group(2)) >= 1):
            continue
        written = " ".join(match.group(0).split())
        problems.error(
            shown,
            *where(match.start()),
            "",
            f"{written} is not a block: write <!-- podium:NAME --> or <!-- podium:NAME N -->"
            " with N from 1 to 999",
        )


def replace_blocks(html: str, render: Callable[[Block], Markup]) -> str:
    """``html`` with every known block comment replaced by its rendering."""
    out: list[str] = []
    done = 0
    for start, end, block, _name in find_blocks(html):
        if block is None:
            continue
        before = html[done:start]
        shown = str(render(block))
        if not shown.strip():
            before = _HEADING_BEFORE.sub("", before)
        out.append(before)
        out.append(shown)
        done = end
    out.append(html[done:])
    return "".join(out)
