"""Where a Markdown body's code blocks are: fenced and indented, by lines.

Links in code are not checked (:mod:`podium.paths`) and components in code are text
(:mod:`podium.jsx`): both need the same, CommonMark's, idea of where code is.
"""

from __future__ import annotations

import re

_FENCE_RE = re.compile(r"[ \t]*(`{3,}|~{3,})(.*)")
_LIST_RE = re.compile(r"[ ]{0,3}([-*+]|[0-9]{1,9}[.)])([ \t]|$)")
# First characters of a line that may open a fence or a list item (see _FENCE_RE, _LIST_RE).
_BLOCK_STARTS = frozenset("`~-*+0123456789")


def _indent(line: str) -> int:
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _ordinary(line: str) -> bool:
    """True if ``line`` starts at column 0 with a character that opens no fence or list item."""
    head = line[:1]
    return bool(head) and head not in _BLOCK_STARTS and not head.isspace()


def code_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Line ranges ``[first, last)`` of fenced and indented code blocks.

    Fences: ``` or ~~~ of any length, closed by the same character at least as long
    (unclosed: to the end, as CommonMark).  Indented code: 4+ columns after a blank
    line, except inside a list, where indentation continues the item.
    """
    blocks: list[tuple[int, int]] = []
    fence: tuple[str, int] | None = None
    start = 0
    previous_blank = True
    in_list = False
    in_indented = False
    for number, line in enumerate(lines):
        if fence is not None:
            stripped = line.strip()
            char, size = fence
            if stripped and len(stripped) >= size and stripped == char * len(stripped):
                blocks.append((start, number + 1))
                fence = None
                previous_blank = False
            continue
        if not line:  # the commonest blank line: it continues an indented block
            if not in_indented:
                previous_blank = True
            continue
        if _ordinary(line):
            # Most lines are text: they can only end an indented block or a list.
            if in_indented:
                blocks.append((start, number))
                in_indented = False
            if previous_blank:
                in_list = False
            previous_blank = False
            continue
        blank = not line.strip()
        indent = _indent(line)
        if in_indented and (blank or indent >= 4):
            continue
        if in_indented:
            blocks.append((start, number))
            in_indented = False
        if blank:
            previous_blank = True
            continue
        if indent >= 4 and previous_blank and not in_list:
            start, in_indented = number, True
            continue
        match = _FENCE_RE.fullmatch(line.rstrip("\r"))
        if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
            fence = (match.group(1)[0], len(match.group(1)))
            start = number
            continue
        if _LIST_RE.match(line):
            in_list = True
        elif previous_blank and indent < 4:
            in_list = False  # an unindented paragraph after a blank line ends the list
        previous_blank = False
    if fence is not None or in_indented:
        blocks.append((start, len(lines)))
    return blocks
