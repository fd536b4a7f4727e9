"""Every URL and output path of the site (DESIGN §4), and their collisions.

The site's URL scheme lives here and nowhere else: the blog index and its
pages, the archive, tags, events, talks, people, feeds, calendars, posts (their
path under content/, or the `post_url` option) and alias redirects.  Other
modules ask this one instead of spelling ``f"tags/{slug}/"`` themselves.

Every URL is site-relative without a leading slash.  A generated page has a
``*_src`` (the src_uri of its virtual Markdown file, ``events/x/index.md``) and
a ``*_url`` in directory form (``events/x/``); :func:`page_url` of the first is
the second.  A generated file (feed, calendar) has one ``*_path``, which is
both its URL and where it goes under site_dir.  Two sources publishing the
same URL is always an error naming both (Material silently keeps one of them).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from collections.abc import Iterable

from podium.text import slugify


def page_url(src_uri: str) -> str:
    """The URL MkDocs gives a Markdown page with directory URLs."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem == "README":
        return ""
    if stem.endswith("/index") or stem.endswith("/README"):
        return stem.rsplit("/", 1)[0] + "/"
    return stem + "/"


def dest_of(url: str) -> str:
    """The output file of a URL: ``blog/x/`` -> ``blog/x/index.html``."""
    if url == "" or url.endswith("/"):
        return url + "index.html"
    return url


def index_src(url: str) -> str:
    """The src_uri of the generated page at a directory URL: ``tags/`` -> ``tags/index.md``."""
    return url + "index.md"


# -- the blog (its folder is the `blog_dir` option) ------------------------------------------------


def _blog(blog_dir: str) -> str:
    return blog_dir.strip("/") + "/"


def _blog_pages(blog_dir: str) -> str:
    return f"{_blog(blog_dir)}page/"


def blog_page_url(blog_dir: str, number: int = 1) -> str:
    """Page ``number`` of the blog index: ``blog/``, then ``blog/page/2/``, …"""
    return _blog(blog_dir) if number == 1 else f"{_blog_pages(blog_dir)}{number}/"


def blog_page_src(blog_dir: str, number: int = 1) -> str:
    return index_src(blog_page_url(blog_dir, number))


def archive_url(blog_dir: str) -> str:
    return f"{_blog(blog_dir)}archive/"


def archive_src(blog_dir: str) -> str:
    return index_src(archive_url(blog_dir))


def category_url(blog_dir: str, slug: str, number: int = 1) -> str:
    """Page ``number`` of a category (Material's layout): ``blog/category/<slug>/``, then
    ``blog/category/<slug>/page/2/``, …"""
    first = f"{_blog(blog_dir)}category/{slug}/"
    return first if number == 1 else f"{first}page/{number}/"


def category_src(blog_dir: str, slug: str, number: int = 1) -> str:
    return index_src(category_url(blog_dir, slug, number))


# -- tags ------------------------------------------------------------------------------------------

TAGS_URL = "tags/"
TAGS_SRC = index_src(TAGS_URL)


def tag_url(slug: str) -> str:
    return f"{TAGS_URL}{slug}/"


def tag_src(slug: str) -> str:
    return index_src(tag_url(slug))


def tag_feed_path(slug: str) -> str:
    """The Atom feed of one tag's posts."""
    return f"{tag_url(slug)}feed.xml"


# -- events, talks, people -------------------------------------------------------------------------

EVENTS_URL = "events/"
EVENTS_SRC = index_src(EVENTS_URL)
EVENTS_CALENDAR_PATH = "events.ics"
"""Every event, without talks."""


def event_url(event_id: str) -> str:
    return f"{EVENTS_URL}{event_id}/"


def event_src(event_id: str) -> str:
    return index_src(event_url(event_id))


def event_calendar_path(event_id: str) -> str:
    """One event with its timed talks."""
    return f"{EVENTS_URL}{event_id}.ics"


def track_calendar_path(event_id: str, track_slug: str) -> str:
    """The timed talks of one track of an event (slugs from :func:`track_slugs`)."""
    return f"{event_url(event_id)}tracks/{track_slug}.ics"


def track_slugs(tracks: Iterable[str | None]) -> dict[str, str]:
    """Each track name -> its slug in file names, in order of appearance: a slug two names
    share (``C++``, ``C``) gets ``-2``, ``-3`` …; a name without letters is ``track``."""
    found: dict[str, str] = {}
    used: set[str] = set()
    for name in tracks:
        if not name or name in found:
            continue
        base = slugify(name) or "track"
        slug, number = base, 2
        while slug in used:
            slug, number = f"{base}-{number}", number + 1
        used.add(slug)
        found[name] = slug
    return found


SCHEDULE_XML = "schedule.xml"
SCHEDULE_JSON = "schedule.json"


def schedule_export_path(event_id: str, name: str) -> str:
    """An event's schedule for conference apps: ``SCHEDULE_XML`` (frab) or ``SCHEDULE_JSON``."""
    return f"{event_url(event_id)}{name}"


TALKS_URL = "talks/"
TALKS_SRC = index_src(TALKS_URL)


def talk_url(talk_id: str) -> str:
    return f"{TALKS_URL}{talk_id}/"


def talk_src(talk_id: str) -> str:
    return index_src(talk_url(talk_id))


def talk_calendar_path(talk_id: str) -> str:
    """One talk alone, beside its page: ``talks/<id>.ics``."""
    return f"{TALKS_URL}{talk_id}.ics"


def timetable_url(event_id: str) -> str:
    """An event's timetable: the list of its days."""
    return f"{event_url(event_id)}timetable/"


def timetable_src(event_id: str) -> str:
    return index_src(timetable_url(event_id))


def timetable_day_url(event_id: str, day: dt.date) -> str:
    """One day of an event's timetable: ``events/<id>/timetable/2026-01-31/``."""
    return f"{timetable_url(event_id)}{day.isoformat()}/"


def timetable_day_src(event_id: str, day: dt.date) -> str:
    return index_src(timetable_day_url(event_id, day))


AGENDA_URL = "agenda/"
"""My agenda: the talks this browser starred (localStorage), listed by the page's script."""
AGENDA_SRC = index_src(AGENDA_URL)
AGENDA_DATA_PATH = f"{AGENDA_URL}talks.json"
"""Every talk's title, event, room and times, which the agenda page reads."""


PEOPLE_URL = "people/"
PEOPLE_SRC = index_src(PEOPLE_URL)


def person_url(person_id: str) -> str:
    return f"{PEOPLE_URL}{person_id}/"


def person_src(person_id: str) -> str:
    return index_src(person_url(person_id))


# -- feeds of all posts ----------------------------------------------------------------------------

ATOM_FEED_PATH = "feed.xml"
RSS_FEED_PATH = "rss.xml"

# -- for crawlers ----------------------------------------------------------------------------------

ROBOTS_PATH = "robots.txt"
"""Written unless the site ships its own under content/."""
SITEMAP_PATH = "sitemap.xml"
"""Written by MkDocs; robots.txt points at it."""


# -- posts -----------------------------------------------------------------------------------------

TOKENS = ("year", "month", "day", "slug", "title", "file")
"""`post_url` tokens: ``{slug}`` is the post's slug (else its title's), ``{title}`` the title's
alone (Hugo's ``:title``), ``{file}`` the file or bundle folder name."""
_TOKEN = re.compile(r"\{([^{}]*)\}")


def urlize(segment: str) -> str:
    """A file or folder name as Hugo puts it in a URL: ``2020-12-04 11:00:00+00:00-Now!``
    -> ``2020-12-04-110000+0000-now``.

    Hugo's path rule: letters (any script, lower-cased), digits, marks and ``. _ + ~ - @``
    are kept, a run of spaces becomes one ``-`` (none beside a ``-``), everything else
    is dropped.
    (Hugo also keeps ``#``, which would start a fragment here, and ``\\``.)
    """
    out: list[str] = []
    hyphen = False
    for char in segment:
        if char in "._+~-@" or char.isalnum() or unicodedata.category(char)[0] == "M":
            if hyphen and out and out[-1] != "-" and char != "-":
                out.append("-")
            hyphen = False
            out.append(char.lower())
        elif char.isspace():
            hyphen = True
    return "".join(out)


def post_url(
    src_uri: str, *, title: str, date: dt.datetime, slug: str | None, template: str | None
) -> str:
    """The URL of a post: its path under content/ by default, or `post_url` with tokens.

    Folder and file names are written as Hugo writes them (:func:`urlize`), so a bundle
    folder ``2020-12-04 11:00:00+00:00-vaccel`` is published without spaces or colons.
    """
    directory, _, name = src_uri.removesuffix(".md").rpartition("/")
    if name in ("index", "README") and directory:
        # A Hugo page bundle (blog/<name>/index.md) is named after its folder.
        directory, _, name = directory.rpartition("/")
    directory = "/".join(urlize(part) or part for part in directory.split("/")) if directory else ""
    name = urlize(name) or slugify(name) or name
    if template is None:
        last = slug or name
        return f"{directory}/{last}/" if directory else f"{last}/"
    values = {
        "year": f"{date.year:04d}",
        "month": f"{date.month:02d}",
        "day": f"{date.day:02d}",
        "slug": slug or slugify(title) or slugify(name),
        "title": slugify(title) or slugify(name),
        "file": name,
    }
    url = _TOKEN.sub(lambda m: values[m.group(1)], template).strip("/")
    return url + "/"


# -- aliases ---------------------------------------------------------------------------------------

_ALIAS_OK = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@%/-]+")


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


def alias_url(alias: str, page: str = "") -> str:
    """``/old/path`` -> ``old/path/``; ``old.html`` stays a file URL.

    As in Hugo, an alias without a leading ``/`` is relative to the folder of the page's
    URL ``page``: ``old-url`` on ``blog/x/`` is ``blog/old-url/``.
    """
    clean = unicodedata.normalize("NFC", alias).strip("/")
    if not alias.startswith("/"):
        parent = page.rstrip("/").rpartition("/")[0]
        clean = f"{parent}/{clean}" if parent else clean
    if posixpath.splitext(clean)[1] in (".html", ".htm"):
        return clean
    return clean + "/"


def redirect_path(alias: str) -> str:
    """The redirect page written for an alias (``/old/path`` -> ``old/path/index.html``)."""
    return dest_of(alias_url(alias))


# -- what a post may not take ----------------------------------------------------------------------

_MKDOCS_OWNED = ("assets", "search", "404.html", SITEMAP_PATH, "sitemap.xml.gz")
"""What MkDocs and Material write at the top of site_dir (theme assets, search index, …)."""


def _reserved() -> tuple[str, ...]:
    any_id = "x"  # where a kind of page or file goes does not depend on its id
    ours = (
        *(TAGS_URL, tag_url(any_id), tag_feed_path(any_id)),
        *(EVENTS_URL, event_url(any_id), event_calendar_path(any_id), EVENTS_CALENDAR_PATH),
        *(TALKS_URL, talk_url(any_id), talk_calendar_path(any_id), PEOPLE_URL, person_url(any_id)),
        *(AGENDA_URL, AGENDA_DATA_PATH),
        *(ATOM_FEED_PATH, RSS_FEED_PATH, ROBOTS_PATH),
    )
    return tuple(dict.fromkeys([*(route.split("/", 1)[0] for route in ours), *_MKDOCS_OWNED]))


RESERVED = _reserved()
"""The first path segments no post may publish under: Podium's sections and files, MkDocs'."""


def is_reserved(url: str, blog_dir: str) -> str | None:
    """The generated section a URL would overwrite, or None."""
    first = url.split("/", 1)[0]
    if first in RESERVED:
        return first
    for generated in (_blog_pages(blog_dir), archive_url(blog_dir), f"{_blog(blog_dir)}category/"):
        if url.startswith(generated):
            return generated
    if url == blog_page_url(blog_dir):
        return url
    return None
