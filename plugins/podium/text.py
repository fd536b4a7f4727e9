"""Checks for display text and the slugs derived from it.

Text from content ends up in HTML, XML feeds and calendars, so characters
that XML 1.0 forbids, lone surrogates and invisible direction overrides are
caught here once, with a message, instead of breaking an output later.
"""

from __future__ import annotations

import functools
import re
import unicodedata

MAX_TITLE = 300
MAX_TEXT = 5000
MAX_SLUG = 80
"""A slug is one path segment on disk: 80 characters stay under 255 bytes even in CJK."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SLUG_OK = re.compile(r"[a-z0-9][a-z0-9-]*")
_DOTTED_SLUG_OK = re.compile(r"[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*")
"""A post's slug may hold dots (never two in a row, never last) and underscores, as
Material's (``mkdocs-2.0``) and Hugo's do; ``.`` and ``..`` stay refused."""


def text_problem(value: str, *, limit: int = MAX_TITLE, multiline: bool = False) -> str | None:
    """The message for unusable display text, or None when it is fine."""
    surrogate = _SURROGATE.search(value)
    if surrogate:
        return f"invalid Unicode (lone surrogate \\u{ord(surrogate.group()):04x})"
    control = _CONTROL.search(value)
    if control:
        return f"contains the control character U+{ord(control.group()):04X}; remove it"
    if not multiline and ("\n" in value or "\r" in value):
        return "must be a single line"
    if not value.strip():
        return "must not be empty"
    if len(value) > limit:
        return f"longer than {limit} characters"
    return None


def invisible_problem(value: str) -> str | None:
    """A warning for invisible direction or zero-width characters in display text."""
    found = _INVISIBLE.search(value)
    if found:
        return f"contains the invisible character U+{ord(found.group()):04X}"
    return None


@functools.lru_cache(maxsize=65536)
def slugify(value: str) -> str:
    """A URL-safe slug: ``Unikraft`` and ``unikraft`` give ``unikraft``; ``C++`` gives ``c``."""
    folded = unicodedata.normalize("NFKD", value)
    ascii_only = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    if not slug:
        # Scripts without an ASCII form (CJK, emoji) keep their letters, percent-safe in URLs.
        slug = "-".join(re.findall(r"\w+", unicodedata.normalize("NFC", value).casefold()))
    return slug[:MAX_SLUG].rstrip("-")


_SIGN = re.compile(r"(?<=[A-Za-z0-9+#])[+#]")
_SIGN_WORDS = {"+": "-plus-", "#": "-sharp-"}


def tag_slug(name: str) -> str:
    """A tag's slug, its identity: case-insensitive as :func:`slugify`, but ``C++`` and ``C#``
    (signs after a letter) stay apart: ``c-plus-plus``, ``c-sharp``; ``#python`` is ``python``."""
    return slugify(_SIGN.sub(lambda m: _SIGN_WORDS[m[0]], name))


def slug_problem(value: str, *, dots: bool = False) -> str | None:
    """The message for a `slug:` value that cannot be one URL segment."""
    if (_DOTTED_SLUG_OK if dots else _SLUG_OK).fullmatch(value):
        if len(value) > MAX_SLUG:
            return f"longer than {MAX_SLUG} characters"
        return None
    shape = "[a-z0-9][a-z0-9_.-]* without '..' or a final '.'" if dots else "[a-z0-9][a-z0-9-]*"
    return f"must match {shape} (got {value!r})"
