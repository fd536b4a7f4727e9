"""URLs of posts, generated pages and alias redirects, and their collisions.

Every URL here is site-relative without a leading slash, in directory form
(``blog/2024-02-07-fosdem-2024/``).  Two sources publishing the same URL is
always an error naming both (Material silently keeps one of them).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata

from podium.text import slugify

TOKENS = ("year", "month", "day", "slug", "file")
RESERVED = (
    "tags",
    "events",
    "talks",
    "people",
    "assets",
    "search",
    "404.html",
    "feed.xml",
    "rss.xml",
    "sitemap.xml",
    "sitemap.xml.gz",
    "events.ics",
)
_TOKEN = re.compile(r"\{([^{}]*)\}")
_ALIAS_OK = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@%/-]+")


def page_url(src_uri: str) -> str:
    """The URL MkDocs gives a Markdown page with directory URLs."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem == "README":
        return ""
    if stem.endswith("/index") or stem.endswith("/README"):
        return stem.rsplit("/", 1)[0] + "/"
    return stem + "/"


def check_post_url_template(template: str) -> str | None:
    """The message for a bad `post_url` option, or None."""
    for token in _TOKEN.findall(template):
        if token not in TOKENS:
            return (
                f"unknown token {{{token}}} (allowed: {', '.join('{' + t + '}' for t in TOKENS)})"
            )
    if ".." in template.split("/") or template.startswith("/"):
        return "must be a relative path without '..'"
    return None


def post_url(
    src_uri: str, *, title: str, date: dt.datetime, slug: str | None, template: str | None
) -> str:
    """The URL of a post: its path under content/ by default, or `post_url` with tokens."""
    directory, _, name = src_uri.removesuffix(".md").rpartition("/")
    if name in ("index", "README") and directory:
        # A Hugo page bundle (blog/<name>/index.md) is named after its folder.
        directory, _, name = directory.rpartition("/")
    if template is None:
        last = slug or name
        return f"{directory}/{last}/" if directory else f"{last}/"
    values = {
        "year": f"{date.year:04d}",
        "month": f"{date.month:02d}",
        "day": f"{date.day:02d}",
        "slug": slug or slugify(title) or slugify(name),
        "file": name,
    }
    url = _TOKEN.sub(lambda m: values[m.group(1)], template).strip("/")
    return url + "/"


def dest_of(url: str) -> str:
    """The output file of a URL: ``blog/x/`` -> ``blog/x/index.html``."""
    if url == "" or url.endswith("/"):
        return url + "index.html"
    return url


def alias_problem(alias: str) -> str | None:
    """Aliases are site paths: no scheme, no host, no '..'."""
    if "://" in alias or alias.startswith("//") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", alias):
        return f"must be a path on this site, not a URL (got {alias!r})"
    parts = alias.strip("/").split("/")
    if any(p in ("..", ".") for p in parts) or "\\" in alias:
        return f"must not contain '..', '.' or '\\' (got {alias!r})"
    if not alias.strip("/") or not _ALIAS_OK.fullmatch(alias):
        return f"not a valid path (got {alias!r})"
    return None


def alias_url(alias: str) -> str:
    """``/old/path`` or ``old/path/`` -> ``old/path/``; ``old.html`` stays a file URL."""
    clean = unicodedata.normalize("NFC", alias).strip("/")
    if posixpath.splitext(clean)[1] in (".html", ".htm"):
        return clean
    return clean + "/"


def is_reserved(url: str, blog_dir: str) -> str | None:
    """The generated section a URL would overwrite, or None."""
    first = url.split("/", 1)[0]
    if first in RESERVED:
        return first
    for generated in (f"{blog_dir}/page/", f"{blog_dir}/archive/"):
        if url.startswith(generated):
            return generated
    if url == f"{blog_dir}/":
        return f"{blog_dir}/"
    return None
