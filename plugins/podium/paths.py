"""The content tree: local file references and root-absolute paths in post bodies.

Hugo posts write local files root-absolute (``/images/x.jpg``), in Markdown and in
raw HTML.  On a site deployed under a sub-path those links break, so DESIGN §2
resolves them against ``content/`` and makes every output link relative.

:class:`ContentTree` answers "does this reference name a file inside
``content/``?" from one walk of the real directory tree, never from
``os.path.exists``: GitHub Pages is case-sensitive even when the author's disk is
not (BAD-INPUT H7), and a reference must never reach outside ``content/`` by
``..``, percent-encoding or symlinks (H1, H4, H5).

:func:`rewrite_body` rewrites a post body's root-absolute links: Markdown targets
relative to the source file (MkDocs then turns them into URLs and validates them),
raw HTML attributes relative to the page URL (MkDocs never touches raw HTML).  It
scans the text once, left to right, with no backtracking regexes (BAD-INPUT I5).
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from urllib.parse import quote, unquote

from podium.codeblocks import code_blocks
from podium.components import component_problem
from podium.problems import Problems
from podium.urls import (
    CHECKED_ATTRIBUTES,
    DANGEROUS_SCHEMES,
    URL_ATTRIBUTES,
    Finder,
    is_external,
    join_url,
    parse_tag,
    relative_url,
    rewrite_attribute,
    split_suffix,
    url_scheme,
)

MAX_PATH_LENGTH = 1000
"""Longer local references are an error (BAD-INPUT H9)."""

# Characters left as they are when a resolved path is written back into a link: the
# RFC 3986 path characters.  Everything else (spaces, quotes, non-ASCII) is
# percent-encoded, so the result is safe in Markdown and in any HTML attribute.
_SAFE_PATH = "/-._~!$()*+,;=:@"
_DRIVE_RE = re.compile(r"[A-Za-z]:(/|$)")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class _Entry:
    real: str  # the content-relative path as the file system spells it
    is_dir: bool
    leaves: bool  # a symlink whose real target is outside content/


class ContentTree:
    """The files under content/ as they really are on disk (case-sensitive, NFC-normalised names).

    Names are compared after NFC normalisation (macOS writes NFD, editors type NFC:
    BAD-INPUT H8); results give the name the file system really has.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._real_root = Path(os.path.realpath(root))
        # directory (NFC, content-relative, '' for content/) -> NFC name -> entry
        self._dirs: dict[str, dict[str, _Entry]] = {}
        # directory -> casefolded NFC name -> NFC name, for "did you mean" hints
        self._folded: dict[str, dict[str, str]] = {}
        self._walk()

    def _walk(self) -> None:
        # (NFC relative dir, real relative dir, absolute path, real paths of its ancestors)
        stack: list[tuple[str, str, str, frozenset[str]]] = [
            ("", "", str(self.root), frozenset({str(self._real_root)}))
        ]
        while stack:
            key, real, absolute, ancestors = stack.pop()
            listing: dict[str, _Entry] = {}
            folded: dict[str, str] = {}
            self._dirs[key] = listing
            self._folded[key] = folded
            try:
                with os.scandir(absolute) as iterator:
                    entries = list(iterator)
            except OSError:
                continue  # unreadable directory: its files are simply not found
            for entry in sorted(entries, key=lambda e: e.name):
                name = _nfc(entry.name)
                if name in listing:
                    continue  # an NFC and an NFD twin: the first one wins
                child_key = f"{key}/{name}" if key else name
                child_real = f"{real}/{entry.name}" if real else entry.name
                target = ""
                try:
                    if entry.is_symlink():
                        target = os.path.realpath(entry.path)
                        if not Path(target).is_relative_to(self._real_root):
                            listing[name] = _Entry(child_real, False, True)
                            folded.setdefault(name.casefold(), name)
                            continue
                    is_dir = entry.is_dir()
                    if not is_dir and not entry.is_file():
                        continue  # a broken symlink, socket or device: not a file
                except OSError:
                    continue
                listing[name] = _Entry(child_real, is_dir, False)
                folded.setdefault(name.casefold(), name)
                if is_dir:
                    real_dir = target or os.path.realpath(entry.path)
                    if real_dir in ancestors:
                        continue  # a symlink loop back to an ancestor
                    stack.append((child_key, child_real, entry.path, ancestors | {real_dir}))

    def check_local(self, ref: str) -> tuple[str | None, str | None]:
        """Resolve a local reference as an author wrote it.

        ``ref`` is root-absolute (``'/images/x.jpg'``) or content-relative
        (``'slides/x.pdf'``), possibly with ``?query`` or ``#fragment``.  Returns
        ``(content-relative posix path of the existing file, None)`` or
        ``(None, message without position)``.
        """
        if "\0" in ref:
            return None, "path contains a NUL character"
        if len(ref) > MAX_PATH_LENGTH:
            return None, f"path longer than {MAX_PATH_LENGTH} characters"
        written, _suffix = split_suffix(ref)
        if not written.strip():
            return None, "empty path"
        # Decoded before any check, so '%2e%2e/' and '..%2f' are seen as '../' (H4).
        decoded = _nfc(unquote(written))
        if "\\" in written or "\\" in decoded:
            return None, f"use '/' in paths (got {written!r})"
        if "\0" in decoded:
            return None, "path contains a NUL character"
        if _DRIVE_RE.match(decoded):
            return None, f"use a path under content/, not a drive letter (got {written!r})"
        segments: list[str] = []
        # Split by hand, as PurePosixPath would (empty and '.' parts dropped), but cheaper.
        for part in decoded.lstrip("/").split("/"):
            if part == "..":
                if not segments:
                    return None, "path leaves content/"
                segments.pop()
            elif part not in ("", "."):
                segments.append(part)
        if not segments:
            return None, "path names content/ itself, not a file"
        rel = "/".join(segments)
        found, message = self._lookup(rel, segments)
        if found is not None and decoded.endswith("/"):
            # 'x.jpg/' is no file on a web server, whatever the local file system says.
            return None, f"{rel + '/'!r} not found under content/ (did you mean {rel!r}?)"
        return found, message

    def _lookup(self, rel: str, segments: list[str]) -> tuple[str | None, str | None]:
        key = ""
        spelled: list[str] = []
        mismatch = False
        entry: _Entry | None = None
        for index, written in enumerate(segments):
            listing = self._dirs.get(key)
            if listing is None:
                return None, f"{rel!r} not found under content/"
            segment = written
            entry = listing.get(segment)
            if entry is None:
                other = self._folded[key].get(segment.casefold())
                if other is None:
                    return None, f"{rel!r} not found under content/"
                segment = other
                entry = listing[other]
                mismatch = True
            if entry.leaves:
                return None, "symlink leaves content/"
            spelled.append(segment)
            if index < len(segments) - 1 and not entry.is_dir:
                return None, f"{rel!r} not found under content/"
            key = f"{key}/{segment}" if key else segment
        assert entry is not None  # segments is never empty
        if mismatch:
            hint = "/".join(spelled)
            return None, f"{rel!r} not found under content/ (did you mean {hint!r}?)"
        if entry.is_dir:
            return None, f"{rel!r} is a directory, not a file"
        return entry.real, None

    def files(self) -> list[tuple[str, str]]:
        """Every directory entry as (directory, name), sorted: a signature of the tree."""
        return sorted((d, name) for d, listing in self._dirs.items() for name in listing)

    def exists(self, rel: str) -> bool:
        """True if content-relative ``rel`` names a file, with exactly this case."""
        return self.check_local(rel)[0] is not None

    def path(self, rel: str) -> Path:
        """The file on disk for a path :meth:`check_local` returned."""
        return self.root / rel


# ---------------------------------------------------------------- post bodies

_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9:-]*")
_INTERESTING = re.compile(r"[\\`<\[\]]")
# Not "`+": spelled with a literal first character, re finds runs with a fast scan.
_BACKTICKS = re.compile(r"``*")
# Not "[^1]:": a footnote definition is not a link reference.
_REF_DEF = re.compile(r"\[(?!\^)(?:[^\]\[\\\n]|\\.){1,999}\]:[ \t]*(?:\n[ \t]*)?")
_LINE_SPACE = " \t"
# check_local messages after which a URL-like target may still name a page.
_PAGE_LIKE = ("not found under content/", "is a directory, not a file", "names content/ itself")
# A run of bare link destination characters that need no closer look: no space, control
# character, bracket, backtick, backslash or parenthesis (see _link_destination).
_DEST_PLAIN = re.compile(r"[^\s<>\[\]`\x00-\x1f\\()]+")
# Link targets whose scheme needs no decoding: ASCII path characters, no ':', '&' or space.
_PLAIN_TARGET = re.compile(r"[\w/.~%+,;=@!$()*'?#-]*", re.ASCII)
_WEB_SCHEMES = ("http:", "https:")
# Markdown backslash escapes (CommonMark: any ASCII punctuation) inside link targets.
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# posixpath.relpath is slow, and posts of one folder link the same images over and over.
_relpath = functools.lru_cache(maxsize=4096)(posixpath.relpath)


@dataclass
class _Body:
    """One post body being rewritten, with everything needed to report and resolve."""

    text: str
    path: str
    src_uri: str
    page_url: str
    line_map: list[int]
    tree: ContentTree
    url_of_page: Callable[[str], str | None]
    problems: Problems
    line_starts: list[int]
    blank_starts: list[int]
    runs: dict[int, list[int]]
    finder: Finder
    edits: list[tuple[int, int, str]]
    spans: Mapping[int, list[tuple[int, int, int, int]]]
    shortcodes_folder: str = ""
    """The site's shortcodes folder, named in the hint for an MDX component."""

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.line_starts, offset) - 1
        if index >= len(self.line_map):
            return 0, 0
        col = offset - self.line_starts[index]
        for first, end, line, source_col in self.spans.get(index, ()):
            if first <= col <= end:
                # Generated text (a figure's src): the place of the path in the shortcode.
                return line, source_col + min(col - first, max(end - first - 1, 0))
        return self.line_map[index], col + 1

    def error(self, offset: int, message: str) -> None:
        line, col = self.position(offset)
        self.problems.error(self.path, line, col, "", message)

    def warning(self, offset: int, message: str) -> None:
        line, col = self.position(offset)
        self.problems.warning(self.path, line, col, "", message)

    def next_blank(self, offset: int, end: int) -> int:
        index = bisect_right(self.blank_starts, offset)
        return min(self.blank_starts[index], end) if index < len(self.blank_starts) else end

    def closing_run(self, after: int, size: int, bound: int) -> int:
        """Start of the next backtick run of exactly ``size`` at or after ``after``, or -1."""
        starts = self.runs.get(size)
        if not starts:
            return -1
        index = bisect_left(starts, after)
        if index < len(starts) and starts[index] < bound:
            return starts[index]
        return -1

    def at_line_start(self, offset: int) -> bool:
        line_start = self.line_starts[bisect_right(self.line_starts, offset) - 1]
        # A reference definition may be indented (inside a list item), but not by much:
        # the bound keeps this check constant-time on a megabyte-long line.
        return offset - line_start <= 16 and not self.text[line_start:offset].strip(_LINE_SPACE)

    # -- resolving targets

    def _page_source(self, decoded: str) -> str | None:
        """The source of the page a Hugo-style URL path (``/blog/x/``) names, if any."""
        base = decoded.strip("/")
        names = ["index.md", "README.md"]
        candidates = [f"{base}/{n}" for n in names] if base else names
        if base:
            candidates.insert(0, f"{base}.md")
        for candidate in candidates:
            # A source not on disk may still be a page: plugins generate tag and event
            # pages, and url_of_page knows them.
            real = self.tree.check_local(candidate)[0] or candidate
            if self.url_of_page(real) is not None:
                return real
        return None

    def resolve(self, value: str, offset: int) -> tuple[str, str] | None:
        """Resolve a root-absolute target to ``(kind, content-relative path)``.

        ``kind`` is ``'file'`` or ``'page'`` (a Markdown source).  Reports an error
        and returns None when there is nothing there.
        """
        real, message = self.tree.check_local(value)
        if real is not None:
            return ("page" if real.endswith(".md") else "file"), real
        assert message is not None
        path, _suffix = split_suffix(value)
        last = unquote(path).rstrip("/").rsplit("/", 1)[-1]
        looks_like_page = path.endswith("/") or "." not in last
        if looks_like_page and any(reason in message for reason in _PAGE_LIKE):
            # Hugo posts link pages by URL ('/blog/other/'): find the page behind it.
            source = self._page_source(_nfc(unquote(path)))
            if source is not None:
                return "page", source
            if path.endswith("/") and "did you mean" not in message:
                message = f"no page or file at {path!r} under content/"
        self.error(offset, message)
        return None

    def _quoted(self, rel: str) -> str:
        return quote(rel, safe=_SAFE_PATH)

    # -- the two kinds of link

    def markdown_target(self, start: int, end: int) -> None:
        """A Markdown link/image target at ``text[start:end]``."""
        value = self.text[start:end]
        if "\\" in value:
            value = _MD_ESCAPE.sub(r"\1", value)
        scheme, external = _scheme_of_target(value)
        if scheme in DANGEROUS_SCHEMES:
            self.error(start, f"scheme {scheme!r} not allowed in a link")
            return
        if external or value.startswith("#") or not value:
            return
        if not value.startswith("/"):
            self.check_relative(value, start)
            return
        resolved = self.resolve(value, start)
        if resolved is None:
            return
        _kind, real = resolved
        source_dir = posixpath.dirname(self.src_uri)
        link = _relpath("/" + real, "/" + source_dir)
        _path, suffix = split_suffix(value)
        self.edits.append((start, end, self._quoted(link) + suffix))

    def check_relative(self, value: str, offset: int) -> None:
        """Check a page-relative Markdown target: a missing file is an error, a page a warning.

        MkDocs resolves it against the source file's folder.  It warns too, but names
        no line; a migrated Hugo post often links ``blog/other-post/``, which is
        relative to the post and so broken.
        """
        path, _suffix = split_suffix(value)
        if not path:
            return
        base = posixpath.dirname(self.src_uri)
        target = posixpath.normpath(posixpath.join(base, _nfc(unquote(path))))
        if path.endswith("/"):
            target += "/"
        self.check_target(value, path, target, offset, f"relative to {base or 'content'}/")

    def check_target(self, value: str, path: str, target: str, offset: int, how: str) -> str | None:
        """The file a page-relative ``value`` names (content-relative ``target``), if any.

        Reports it when nothing is there: an error for a file, a warning for a page.
        """
        inside = not target.startswith("../") and target != ".."
        if inside:
            found, message = self.tree.check_local(target)
            if found is not None:
                return found
            if self._page_source(target) is not None:
                return None
            if _names_file(path):
                hint = ""
                if self.tree.check_local(path)[0] is not None:
                    # Hugo sites keep such files in static/ at the site root.
                    hint = f"; did you mean '/{path.removeprefix('./')}'?"
                self.error(offset, f"{message} (the path {value!r} is {how}{hint})")
                return None
        elif _names_file(path):
            self.error(offset, f"{value!r} leaves content/ (it is {how})")
            return None
        self.warning(
            offset,
            f"link {value!r} does not resolve to a page or file under content/ "
            f"(it points at {target!r}) — fix the path, or map it to a URL with the "
            "podium/posts option external_links",
        )
        return None

    def html_url(self, url: str, offset: int, rewrite: bool) -> str | None:
        """One URL from a raw HTML attribute; returns its replacement or None."""
        scheme = url_scheme(url)
        if scheme in DANGEROUS_SCHEMES:
            self.error(offset, f"scheme {scheme!r} not allowed in a link")
            return None
        value = url.strip(" \t\n\r\f")
        if not rewrite or is_external(value):
            return None
        if not value.startswith("/"):
            return self.html_relative(value, offset)
        resolved = self.resolve(value, offset)
        if resolved is None:
            return None
        kind, real = resolved
        _path, suffix = split_suffix(value)
        if kind == "page":
            page = self.url_of_page(real)
            if page is None:
                self.warning(offset, f"{real!r} is not a published page")
                return None
            return relative_url(page, self.page_url) + suffix
        return relative_url(self._quoted(real), self.page_url) + suffix

    def html_relative(self, value: str, offset: int) -> str | None:
        """A page-relative URL in raw HTML (or a figure): checked; rewritten for moved bundles.

        The browser reads it against the page's URL.  A page bundle's files sit beside
        its ``index.md``, as in Hugo, so there the folder is the base; when the bundle's
        URL differs from its folder (a ``slug``, ``post_url``, or a folder name Hugo
        cleans up), the URL is rewritten to reach the file where it is published.
        """
        path, suffix = split_suffix(value)
        if not path:
            return None
        folder = posixpath.dirname(self.src_uri)
        bundle = posixpath.basename(self.src_uri) in ("index.md", "README.md")
        base = folder + "/" if bundle and folder else self.page_url
        target = join_url(base, _nfc(unquote(path)))
        if base == self.page_url:
            how = f"relative to the page's URL {base or '/'}"
        else:
            how = f"relative to the bundle's folder {base}"
        found = self.check_target(value, path, "../" if target is None else target, offset, how)
        if found is None or base == self.page_url:
            return None
        return relative_url(self._quoted(found), self.page_url) + suffix

    def html_tag(self, attributes: list[tuple[str, int, int]]) -> None:
        for name, start, end in attributes:
            if name not in CHECKED_ATTRIBUTES:
                continue
            raw = self.text[start:end]
            rewrite = name in URL_ATTRIBUTES

            def one(
                url: str, offset: int, *, _start: int = start, _rw: bool = rewrite
            ) -> str | None:
                return self.html_url(url, _start + offset, _rw)

            new = rewrite_attribute(raw, name, one)
            if new != raw:
                self.edits.append((start, end, new))


_PAGE_SUFFIXES = (".md", ".html", ".htm")


def _names_file(path: str) -> bool:
    """True if a link path names a file (``images/x.png``), not a page (``other/``, ``x.md``)."""
    last = path.rsplit("/", 1)[-1]
    stem, dot, suffix = last.rpartition(".")
    return bool(dot and stem and suffix) and not last.lower().endswith(_PAGE_SUFFIXES)


def _scheme_of_target(value: str) -> tuple[str | None, bool]:
    """``(url_scheme(value), is_external(value))``, cheaply for the common targets.

    Both functions read the value as a browser would (entities, NFKC, controls),
    which is most of the cost of a link.  A plain ASCII path has nothing to decode
    and no ``:``, so no scheme; a value starting ``http:`` or ``https:`` has that
    scheme whatever follows.  Everything else takes the careful road.
    """
    if _PLAIN_TARGET.fullmatch(value):
        return None, value.startswith("//")
    if value.startswith(_WEB_SCHEMES):
        return value[: value.index(":")], True
    scheme = url_scheme(value)
    return scheme, scheme is not None or is_external(value)


def _link_destination(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """Parse an inline link destination starting at ``start`` (just after ``](``).

    Returns ``(dest_start, dest_end, resume)`` for a link, else None.  A bare
    destination stops at characters the main scanner cares about (``<`` ``[`` ``]``
    backtick), so a failed parse never hides them and the scan stays linear.
    """
    pos = start
    while pos < end and text[pos] in _LINE_SPACE:
        pos += 1
    if pos < end and text[pos] == "\n":
        pos += 1
        while pos < end and text[pos] in _LINE_SPACE:
            pos += 1
    if pos >= end:
        return None
    if text[pos] == "<":
        dest_start = pos + 1
        pos = dest_start
        while pos < end and text[pos] not in "<>\n":
            pos += 1
        if pos >= end or text[pos] != ">":
            return None
        dest_end = pos
        pos += 1
    else:
        dest_start = pos
        depth = 0
        while pos < end:
            plain = _DEST_PLAIN.match(text, pos, end)
            if plain is not None:
                pos = plain.end()
                continue
            char = text[pos]
            if char.isspace() or char in "<>[]`" or ord(char) < 0x20:
                break
            if char == "\\" and pos + 1 < end and text[pos + 1] in "()":
                pos += 2
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                if not depth:
                    break
                depth -= 1
            pos += 1
        dest_end = pos
        if dest_end == dest_start:
            return None
    after = pos
    while after < end and text[after] in _LINE_SPACE + "\n":
        after += 1
    if after < end and text[after] in ")\"'(":
        return dest_start, dest_end, pos
    return None


def _scan_region(body: _Body, begin: int, end: int) -> None:
    """Find links, code spans, comments and tags in ``text[begin:end]`` (no code blocks)."""
    text = body.text
    pos = begin
    tags_blocked_until = begin
    while True:
        match = _INTERESTING.search(text, pos, end)
        if match is None:
            return
        at = match.start()
        char = text[at]
        if char == "\\":
            pos = at + 2
        elif char == "`":
            run = at
            while run < end and text[run] == "`":
                run += 1
            size = run - at
            close = body.closing_run(run, size, body.next_blank(at, end))
            pos = close + size if close != -1 else run
        elif char == "<":
            pos = at + 1
            if text.startswith("<!--", at):
                close = body.finder.find("-->", at + 4)
                if close != -1 and close + 3 <= end:
                    pos = close + 3
            elif at >= tags_blocked_until:
                bound = body.next_blank(at, end)
                parsed = parse_tag(text, at, bound, body.finder)
                if parsed is not None and parsed[0] == -1:
                    # No tag can end before this paragraph does: stop trying here.
                    tags_blocked_until = bound
                elif parsed is not None:
                    pos, attributes = parsed
                    name = _TAG_NAME.match(text, at + 1)
                    problem = (
                        component_problem(name.group(), body.shortcodes_folder) if name else None
                    )
                    if problem:
                        body.warning(at, problem)
                    body.html_tag([(a.name, a.start, a.end) for a in attributes])
        elif char == "[":
            pos = at + 1
            if body.at_line_start(at):
                ref = _REF_DEF.match(text, at, end)
                if ref is not None and text.startswith("[^", at):
                    pos = ref.end()  # a footnote ("[^1]: The note."), not a link definition
                elif ref is not None:
                    dest_start = ref.end()
                    if text.startswith("<", dest_start):
                        close = text.find(">", dest_start, min(end, dest_start + MAX_PATH_LENGTH))
                        if close != -1:
                            body.markdown_target(dest_start + 1, close)
                            pos = close + 1
                    else:
                        dest_end = dest_start
                        while dest_end < end and not text[dest_end].isspace():
                            dest_end += 1
                        if dest_end > dest_start:
                            body.markdown_target(dest_start, dest_end)
                            pos = dest_end
        else:  # ']'
            pos = at + 1
            if text.startswith("(", at + 1):
                found = _link_destination(text, at + 2, end)
                if found is not None:
                    dest_start, dest_end, pos = found
                    body.markdown_target(dest_start, dest_end)


def rewrite_body(
    text: str,
    *,
    path: str,
    src_uri: str,
    page_url: str,
    line_map: list[int],
    tree: ContentTree,
    url_of_page: Callable[[str], str | None],
    problems: Problems,
    spans: Mapping[int, list[tuple[int, int, int, int]]] | None = None,
    shortcodes_folder: str = "",
) -> str:
    """Rewrite root-absolute local links in a post body so they work under any sub-path.

    ``text`` is the Markdown body (after shortcodes) of the page with source
    ``src_uri`` (content-relative) and URL ``page_url``.  ``line_map[i]`` is the
    1-based file line of text line ``i + 1``; problems are reported at
    ``path:line:col``.  Markdown targets become relative to the source file; raw
    HTML ``src``/``href``/``srcset``/``poster`` become relative to the page URL.
    Missing targets and ``javascript:``/``data:``/``vbscript:`` links are errors.
    Code blocks, code spans and HTML comments are left alone.
    """
    lines = text.split("\n")
    line_starts = list(accumulate([len(line) + 1 for line in lines[:-1]], initial=0))
    blank_starts = [at for at, line in zip(line_starts, lines, strict=True) if not line.strip()]
    runs: dict[int, list[int]] = {}
    for match in _BACKTICKS.finditer(text):
        runs.setdefault(match.end() - match.start(), []).append(match.start())
    body = _Body(
        text=text,
        path=path,
        src_uri=src_uri,
        page_url=page_url,
        line_map=line_map,
        tree=tree,
        url_of_page=url_of_page,
        problems=problems,
        line_starts=line_starts,
        blank_starts=blank_starts,
        runs=runs,
        finder=Finder(text),
        edits=[],
        spans=spans or {},
        shortcodes_folder=shortcodes_folder,
    )
    begin = 0
    for first, last in code_blocks(lines):
        block_start = line_starts[first]
        if block_start > begin:
            _scan_region(body, begin, block_start)
        begin = line_starts[last] if last < len(lines) else len(text)
    if begin < len(text):
        _scan_region(body, begin, len(text))
    if not body.edits:
        return text
    pieces: list[str] = []
    done = 0
    for start, end, new in body.edits:
        pieces.append(text[done:start])
        pieces.append(new)
        done = end
    pieces.append(text[done:])
    return "".join(pieces)
