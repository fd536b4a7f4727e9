"""URLs: safety checks for link fields and rebasing of relative URLs between pages.

Two jobs live here because both need the same careful reading of a URL:

* :func:`check_link_url` decides whether a value from a link field (``url``,
  ``slides``, ``video``, ...) is an acceptable external ``http(s)`` URL.  It reads
  the value the way a browser would (BAD-INPUT G2): entities decoded, tabs and
  newlines dropped, full-width letters folded, so ``&#106;avascript:`` and
  ``java\\tscript:`` are caught.  The scheme is checked against an allow-list.
* :func:`relative_url` and :func:`rebase_html` make every link relative, so the
  site works under a sub-path (``https://org.github.io/repo/``), and let an
  excerpt rendered for a post be reused on a listing page at another depth.

Everything is linear in the input: the HTML scanner walks each character once
and never backtracks (BAD-INPUT I5).
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit, urlunsplit

MAX_URL_LENGTH = 2000
"""Longer link-field values are an error (BAD-INPUT G9)."""

DANGEROUS_SCHEMES = frozenset({"javascript", "data", "vbscript"})
"""Schemes flagged in post bodies, where raw HTML is otherwise trusted (BAD-INPUT F8)."""

URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "poster"})
"""HTML attributes whose relative URLs are rewritten when a page moves."""

CHECKED_ATTRIBUTES = URL_ATTRIBUTES | {
    "action",
    "formaction",
    "xlink:href",
    "data",
    "background",
    "cite",
}
"""HTML attributes a browser may navigate to or load: dangerous schemes are flagged in all."""

_HTTP = frozenset({"http", "https"})
_SCHEME_RE = re.compile(r"[a-z][a-z0-9+.\-]*")
# Browsers delete these anywhere in a URL before parsing it (WHATWG URL: "remove all
# ASCII tab or newline"), which is what makes ``java\tscript:`` work.
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")
# Browsers strip leading and trailing C0 controls and spaces.
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_HOST_RE = re.compile(r"[a-z0-9_\-]+(\.[a-z0-9_\-]+)*\.?")
_HTML_SPACE = " \t\n\r\f"
# Characters percent-encoding leaves alone in an emitted URL path: RFC 3986 reserved and
# unreserved characters plus '%' so existing escapes survive.
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = _SAFE_PATH + "?"


def _clean(value: str) -> str:
    """The value as a browser reads it: entities decoded, tab/newline removed, NFKC, stripped."""
    text = html.unescape(value.translate(_TAB_NEWLINE)).translate(_TAB_NEWLINE)
    text = unicodedata.normalize("NFKC", text).translate(_TAB_NEWLINE)
    return text.strip(_C0_AND_SPACE)


def url_scheme(value: str) -> str | None:
    """The lower-case scheme of ``value`` after de-obfuscation (BAD-INPUT G2), or None.

    The part before the first ``:`` is percent-decoded too, so ``%6Aavascript:`` counts
    as ``javascript``: browsers would not run it, but it is never a legitimate link.
    A single letter (``C:``) is a Windows drive, not a scheme.
    """
    text = _clean(value)
    colon = text.find(":")
    if colon <= 0:
        return None
    head = text[:colon]
    if any(c in head for c in "/?#"):
        return None
    head = unicodedata.normalize("NFKC", unquote(head)).translate(_TAB_NEWLINE)
    head = head.strip(_C0_AND_SPACE).lower()
    if len(head) < 2 or not _SCHEME_RE.fullmatch(head):
        return None
    return head


def is_external(value: str) -> bool:
    """True if ``value`` has a scheme (even an obfuscated one) or is protocol-relative."""
    return url_scheme(value) is not None or _clean(value).startswith("//")


def _bad_character(text: str) -> str | None:
    for char in text:
        if char in '"<>\\`' or char.isspace():
            return char
        category = unicodedata.category(char)
        # Cc: control characters; Cf: invisible format characters such as bidi overrides
        # and zero-width spaces (BAD-INPUT F12) that make a URL look like another.
        if category in ("Cc", "Cf"):
            return char
    return None


def _idna_host(host: str) -> str | None:
    """The ASCII (IDNA) form of ``host``, or None if it is not a valid host name."""
    if host.startswith("[") or ":" in host:
        return host  # an IPv6 literal, already validated by urlsplit
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    return ascii_host if _HOST_RE.fullmatch(ascii_host) else None


def check_link_url(value: str, *, allow_mailto: bool = False) -> str | None:
    """None if ``value`` is an acceptable external http(s) URL, else the message (without position).

    With ``allow_mailto`` a ``mailto:`` address is accepted too.
    """
    if len(value) > MAX_URL_LENGTH:
        return f"URL longer than {MAX_URL_LENGTH} characters"
    if not value.strip():
        return "empty URL"
    allowed = _HTTP | {"mailto"} if allow_mailto else _HTTP
    # The scheme is judged on the de-obfuscated text first: an obfuscated javascript: URL
    # also contains tabs or entities, and the scheme is the more useful message.
    scheme = url_scheme(value)
    hint = "an http(s) URL or mailto: address" if allow_mailto else "an http(s) URL"
    if scheme is not None and scheme not in allowed:
        return f"scheme {scheme!r} not allowed — use {hint}"
    text = value.strip()
    bad = _bad_character(text)
    if bad is not None:
        return f"not a valid URL (contains {bad!r})"
    if text.startswith("//"):
        return f"protocol-relative URL — write https:{text}"
    try:
        parts = urlsplit(text)
    except ValueError:
        return "not a valid URL"
    try:
        port_ok = _port_ok(parts.port)
    except ValueError:
        port_ok = False
    real_scheme = parts.scheme.lower()
    if real_scheme not in allowed:
        # A scheme hidden by entities or percent-encoding that decodes to http: the
        # browser would read the raw text as a relative path, so it is no URL at all.
        return f"not a valid URL (no scheme) — use {hint}"
    if real_scheme == "mailto":
        return None if "@" in parts.path else "not a valid URL (no e-mail address)"
    if "@" in parts.netloc:
        return "credentials in URL are not allowed"
    if not parts.hostname:
        return "not a valid URL (no host)"
    if not port_ok:
        return "not a valid URL (bad port)"
    if _idna_host(parts.hostname) is None:
        return f"not a valid URL (bad host {parts.hostname!r})"
    return None


def _port_ok(port: int | None) -> bool:
    # urlsplit raises ValueError for ports outside 0..65535; port 0 is not usable either.
    return port is None or port > 0


def normalize_url(value: str) -> str:
    """``value`` ready to emit: IDNA host, unsafe path/query/fragment characters percent-encoded.

    Meant for values :func:`check_link_url` accepted; others come back stripped but
    otherwise as they were.
    """
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    netloc = parts.netloc
    if parts.hostname:
        host = _idna_host(parts.hostname)
        if host is None:
            return text
        netloc = host if parts.port is None else f"{host}:{parts.port}"
    return urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            quote(parts.path, safe=_SAFE_PATH),
            quote(parts.query, safe=_SAFE_QUERY),
            quote(parts.fragment, safe=_SAFE_QUERY),
        )
    )


def split_suffix(value: str) -> tuple[str, str]:
    """``'a/b.jpg?x=1#f'`` -> ``('a/b.jpg', '?x=1#f')``."""
    cut = len(value)
    for mark in "?#":
        at = value.find(mark)
        if 0 <= at < cut:
            cut = at
    return value[:cut], value[cut:]


def _directory_segments(page: str) -> list[str]:
    """The directory segments of a page URL: 'blog/x/' -> [blog, x]; '404.html' -> []."""
    page = page.lstrip("/")
    segments = page.split("/")[:-1]
    return [s for s in segments if s]


@functools.lru_cache(maxsize=4096)
def relative_url(target: str, from_page: str) -> str:
    """The link from page URL ``from_page`` to ``target``, both site-root-relative.

    Both are URL paths without a leading slash (``'blog/x/'``, ``'images/a.jpg'``,
    ``''`` is the home page).  ``from_page`` is a directory URL or a file URL
    (``'404.html'``).  Query and fragment of ``target`` are kept.
    """
    path, suffix = split_suffix(target)
    base = _directory_segments(from_page)
    parts = path.lstrip("/").split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    link = "/".join([".."] * (len(base) - common) + parts[common:])
    if not link:
        link = "./"
    elif ":" in link.split("/", 1)[0]:
        # 'a:b.jpg' would read as scheme 'a'; './' keeps it a path.
        link = "./" + link
    return link + suffix


def join_url(from_page: str, link: str) -> str | None:
    """The site-root-relative URL path that relative ``link`` on page ``from_page`` points to.

    None when the link climbs above the site root.  Query and fragment are kept.
    """
    path, suffix = split_suffix(link)
    out = _directory_segments(from_page)
    parts = path.split("/")
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "..":
            if not out:
                return None
            out.pop()
        elif part not in ("", "."):
            out.append(part)
            continue
        if last:
            out.append("")  # the link names a directory: keep its trailing slash
    return "/".join(out) + suffix


class Finder:
    """``str.find`` with memory, so repeated searches from increasing positions stay linear.

    A scanner that gives up on a construct (an unterminated quote) and searches again
    from a later position gets the remembered answer instead of rescanning the text.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._memo: dict[str, tuple[int, int]] = {}

    def find(self, needle: str, start: int) -> int:
        memo = self._memo.get(needle)
        if memo is not None:
            since, found = memo
            if since <= start and (found == -1 or found >= start):
                return found
        found = self._text.find(needle, start)
        self._memo[needle] = (start, found)
        return found


@dataclass(frozen=True)
class Attribute:
    """One attribute of a start tag: lower-case name and the span of its raw value."""

    name: str
    start: int
    end: int


def _is_tag_name_start(char: str) -> bool:
    return char.isascii() and char.isalpha()


def parse_tag(
    text: str, start: int, bound: int, finder: Finder
) -> tuple[int, list[Attribute]] | None:
    """Parse the start tag at ``text[start] == '<'`` without going past ``bound``.

    Returns the index after its ``>`` and the attributes that have values; None when
    no tag starts there; ``(-1, [])`` when a tag starts but does not end before
    ``bound``, so callers can stop trying tags up to ``bound`` and stay linear.
    Follows the HTML tokenizer closely enough for attribute values: quoted (either
    quote) or unquoted.
    """
    pos = start + 1
    if pos >= bound or not _is_tag_name_start(text[pos]):
        return None
    while pos < bound and (text[pos].isascii() and (text[pos].isalnum() or text[pos] in ":-")):
        pos += 1
    if pos >= bound or text[pos] not in _HTML_SPACE + "/>":
        return None  # '<foo@bar.org>' or '<https://x>': an autolink, not a tag
    attributes: list[Attribute] = []
    while True:
        while pos < bound and text[pos] in _HTML_SPACE + "/":
            pos += 1
        if pos >= bound:
            return (-1, [])
        if text[pos] == ">":
            return pos + 1, attributes
        name_start = pos
        pos += 1  # the first character may be '=' (the tokenizer allows it)
        while pos < bound and text[pos] not in _HTML_SPACE + "/>=":
            pos += 1
        name = text[name_start:pos].lower()
        while pos < bound and text[pos] in _HTML_SPACE:
            pos += 1
        if pos >= bound or text[pos] != "=":
            continue
        pos += 1
        while pos < bound and text[pos] in _HTML_SPACE:
            pos += 1
        if pos >= bound:
            return (-1, [])
        if text[pos] in "\"'":
            close = finder.find(text[pos], pos + 1)
            if close == -1 or close >= bound:
                return (-1, [])
            attributes.append(Attribute(name, pos + 1, close))
            pos = close + 1
        else:
            value_start = pos
            while pos < bound and text[pos] not in _HTML_SPACE + ">":
                pos += 1
            attributes.append(Attribute(name, value_start, pos))


def srcset_urls(value: str) -> list[tuple[int, int]]:
    """Spans of the candidate URLs in a ``srcset`` value (HTML's parsing, simplified)."""
    spans: list[tuple[int, int]] = []
    pos, size = 0, len(value)
    while pos < size:
        while pos < size and (value[pos] in _HTML_SPACE or value[pos] == ","):
            pos += 1
        if pos >= size:
            break
        start = pos
        while pos < size and value[pos] not in _HTML_SPACE:
            pos += 1
        end = pos
        while end > start and value[end - 1] == ",":
            end -= 1
        if end > start:
            spans.append((start, end))
        if end < pos:
            continue  # the URL ended with ',': no descriptors follow
        depth = 0
        while pos < size:
            char = value[pos]
            pos += 1
            if char == "(":
                depth += 1
            elif char == ")" and depth:
                depth -= 1
            elif char == "," and not depth:
                break
    return spans


def rewrite_attribute(raw: str, name: str, rewrite: Callable[[str, int], str | None]) -> str:
    """Apply ``rewrite(url, offset)`` to the URL(s) in a raw attribute value.

    Entities are decoded first (``a&amp;b`` is the URL ``a&b``) and re-escaped after, so
    the result is a valid attribute value again.  ``rewrite`` returns None to keep a URL.
    """
    escaped = "&" in raw
    value = html.unescape(raw) if escaped else raw
    spans = srcset_urls(value) if name == "srcset" else [(0, len(value))]
    pieces: list[str] = []
    last = 0
    changed = False
    for start, end in spans:
        new = rewrite(value[start:end], start if not escaped else 0)
        if new is None:
            continue
        pieces.append(value[last:start])
        pieces.append(new)
        last = end
        changed = True
    if not changed:
        return raw
    pieces.append(value[last:])
    out = "".join(pieces)
    return html.escape(out, quote=True) if escaped else out


def _rebase_one(url: str, from_page: str, to_page: str) -> str | None:
    stripped = url.strip(_C0_AND_SPACE)
    if not stripped or stripped[0] in "#/?" or is_external(stripped):
        return None  # fragment-only, root-absolute, query-only or absolute: same everywhere
    target = join_url(from_page, stripped)
    if target is None:
        return None  # climbs above the site root: leave it as the author wrote it
    return relative_url(target, to_page)


def rewrite_html_urls(html_text: str, rewrite: Callable[[str], str | None]) -> str:
    """Apply ``rewrite`` to every ``href``/``src``/``srcset``/``poster`` URL of an HTML text.

    ``rewrite`` returns the new URL, or None to keep it.  One linear scan with the tag
    scanner above, skipping comments (BAD-INPUT I5).
    """
    finder = Finder(html_text)
    size = len(html_text)
    pieces: list[str] = []
    last = 0
    pos = 0

    def one(url: str, _offset: int) -> str | None:
        return rewrite(url)

    while True:
        start = finder.find("<", pos)
        if start == -1:
            break
        if html_text.startswith("<!--", start):
            close = finder.find("-->", start + 4)
            if close == -1:
                break
            pos = close + 3
            continue
        parsed = parse_tag(html_text, start, size, finder)
        if parsed is None:
            pos = start + 1
            continue
        if parsed[0] == -1:
            break  # no tag can end before the end of the text: nothing more to rewrite
        pos, attributes = parsed
        for attribute in attributes:
            if attribute.name not in URL_ATTRIBUTES:
                continue
            raw = html_text[attribute.start : attribute.end]
            new = rewrite_attribute(raw, attribute.name, one)
            if new != raw:
                pieces.append(html_text[last : attribute.start])
                pieces.append(new)
                last = attribute.end
    pieces.append(html_text[last:])
    return "".join(pieces)


def rebase_html(html_text: str, from_page: str, to_page: str) -> str:
    """Rewrite relative URLs in an HTML fragment rendered for ``from_page`` to work on ``to_page``.

    Covers ``href``, ``src``, ``srcset`` and ``poster``.  Absolute URLs, root-absolute
    paths, ``#fragment``, ``mailto:`` and ``data:`` values are left untouched.
    """
    if _directory_segments(from_page) == _directory_segments(to_page):
        return html_text
    return rewrite_html_urls(html_text, lambda url: _rebase_one(url, from_page, to_page))
