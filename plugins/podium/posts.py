"""One post from its file: front matter, validation, and the Markdown to render.

Reading is split from body processing because ``ref`` shortcodes and
root-absolute links need every post's URL first (collect, then resolve).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from podium import shortcodes
from podium.blocks import check_blocks
from podium.frontmatter import salvage, split_front_matter
from podium.linkmap import apply_external_links
from podium.paths import ContentTree, rewrite_body
from podium.postmeta import PostMeta, RawMeta, validate_meta
from podium.problems import Problem, Problems
from podium.site_shortcodes import NONE, SiteShortcodes
from podium.sources import decode_source


class Status(Enum):
    """Whether a post is on the published site."""

    PUBLISHED = "published"
    DRAFT = "draft"
    SCHEDULED = "scheduled"


@dataclass(frozen=True)
class ParsedPost:
    """A post whose front matter is valid; its body is not processed yet."""

    src_uri: str
    shown: str
    meta: PostMeta
    raw: RawMeta
    body: str
    body_line: int

    def status(self, now: dt.datetime) -> Status:
        if self.meta.draft:
            return Status.DRAFT
        if self.meta.date > now:
            return Status.SCHEDULED
        return Status.PUBLISHED


@dataclass(frozen=True)
class BrokenPost:
    """A post whose front matter has errors, with what can still be shown of it.

    The errors are reported; its body is still checked in the same run, and the
    preview (`mkdocs serve`) shows it at its URL instead of a 404.
    """

    src_uri: str
    shown: str
    title: str
    body: str
    body_line: int


_SALVAGE_TITLE = re.compile(r"""^\s*"?title"?\s*[:=]\s*(?P<q>["']?)(?P<title>.+?)(?P=q)\s*,?\s*$""")


def _salvage(src_uri: str, shown: str, text: str) -> BrokenPost:
    """The title line and the body after the closing delimiter, when they can be found."""
    block, body, body_line = salvage(text)
    lines = block.split("\n")[:50]
    found = next((m["title"] for m in map(_SALVAGE_TITLE.match, lines) if m), "")
    title = found.strip().strip("\"'").strip() or posixpath.basename(src_uri).removesuffix(".md")
    return BrokenPost(src_uri, shown, title, body, body_line)


def read_post(
    abs_path: Path,
    src_uri: str,
    shown: str,
    tz: dt.tzinfo,
    problems: Problems,
    date_from: tuple[str, ...] = (),
) -> ParsedPost | BrokenPost:
    """Decode, split and validate one post; a :class:`BrokenPost` after reporting its errors."""
    name = posixpath.basename(src_uri).removesuffix(".md")
    try:
        data = abs_path.read_bytes()
    except OSError as exc:
        problems.error(shown, 0, 0, "", f"cannot read the file ({exc.strerror})")
        return BrokenPost(src_uri, shown, name, "", 1)
    if not data:
        problems.error(shown, 1, 0, "", "empty file; a post needs front matter with title and date")
        return BrokenPost(src_uri, shown, name, "", 1)
    text = decode_source(data, shown, problems)
    if text is None:
        return BrokenPost(src_uri, shown, name, "", 1)
    front = split_front_matter(text, shown, problems)
    if front is None:
        return _salvage(src_uri, shown, text)
    if front.format == "none":
        problems.error(
            shown, 1, 0, "", "no front matter; a post starts with '---', title: and date: lines"
        )
        return BrokenPost(src_uri, shown, name, front.body, front.body_line)
    raw = RawMeta(front.data, front.positions, front.format)
    # validate_meta looks through all its problems for errors of this post: give it only
    # this post's, or reading N posts would scan every warning of the build N times.
    found = Problems()
    meta = validate_meta(raw, path=shown, tz=tz, problems=found, date_from=date_from)
    problems.extend(found)
    if meta is None:
        title = front.data.get("title")
        shown_title = title.strip() if isinstance(title, str) and title.strip() else name
        return BrokenPost(src_uri, shown, shown_title, front.body, front.body_line)
    return ParsedPost(src_uri, shown, meta, raw, front.body, front.body_line)


def make_ref_resolver(src_uri: str, pages: frozenset[str]) -> Callable[[str], str | None]:
    """Hugo's `ref` lookup: a path from content/, from the post's folder, or a unique file name."""

    def resolve(target: str) -> str | None:
        path, hash_, anchor = target.partition("#")
        fragment = hash_ + anchor
        if not path:
            return "/" + src_uri + fragment
        candidates = (
            [path.lstrip("/")]
            if path.startswith("/")
            else [
                posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path)),
                path,
            ]
        )
        for candidate in candidates:
            for name in (candidate, candidate + ".md", candidate.rstrip("/") + "/index.md"):
                if name in pages:
                    return "/" + name + fragment
        matches = sorted(p for p in pages if posixpath.basename(p) == posixpath.basename(path))
        if len(matches) == 1:
            return "/" + matches[0] + fragment
        return None

    return resolve


def process_body(
    post: ParsedPost | BrokenPost,
    *,
    url: str,
    pages: frozenset[str],
    tree: ContentTree,
    url_of_page: Callable[[str], str | None],
    external_links: Mapping[str, str],
    problems: Problems,
    site_shortcodes: SiteShortcodes = NONE,
) -> str:
    """The Markdown MkDocs renders: shortcodes expanded, root-absolute paths made relative."""
    found = Problems()
    check_blocks(post.body, post.shown, post.body_line, found)
    expanded = shortcodes.expand(
        post.body,
        path=post.shown,
        first_line=post.body_line,
        problems=found,
        resolve_ref=make_ref_resolver(post.src_uri, pages),
        site=site_shortcodes,
    )
    markdown = rewrite_body(
        apply_external_links(expanded.text, external_links),
        path=post.shown,
        src_uri=post.src_uri,
        page_url=url,
        line_map=expanded.line_map,
        tree=tree,
        url_of_page=url_of_page,
        problems=found,
        spans=expanded.spans,
        shortcodes_folder=site_shortcodes.folder,
    )
    problems.extend(capped(found.sorted(), post.shown))
    return markdown


MAX_BODY_PROBLEMS = 50


def capped(found: list[Problem], shown: str) -> list[Problem]:
    """At most MAX_BODY_PROBLEMS problems of one body, then one line saying how many more.

    A pasted binary or a runaway `{{<` can produce a problem per character; the
    first fifty say what is wrong, the count says how much.
    """
    if len(found) <= MAX_BODY_PROBLEMS:
        return found
    kept = found[:MAX_BODY_PROBLEMS]
    last = kept[-1]
    rest = len(found) - MAX_BODY_PROBLEMS
    severity_more = any(p.severity == "error" for p in found[MAX_BODY_PROBLEMS:])
    more = Problem(
        shown,
        last.line,
        last.col,
        "error" if severity_more else "warning",
        "",
        f"… and {rest} more problems in this post's body",
    )
    return [*kept, more]
