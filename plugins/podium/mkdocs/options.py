"""Typed options of the Podium plugins, as users write them in mkdocs.yml.

The options of `podium/posts` are taken as written and checked by
:mod:`podium.siteoptions`, the same code as `podium check`, so a wrong type or
range is a ``mkdocs.yml:line`` message in both (MkDocs' own checks would coerce
``per_page: true`` to 1 and name no line).
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config

T = TypeVar("T")


class _Checked(BaseConfigOption[T], Generic[T]):
    """An option kept as written; podium.siteoptions checks it in on_config."""

    def __init__(self, default: T) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> Any:
        return value


class PostsOptions(Config):
    """Options of `podium/posts`."""

    blog_dir = _Checked[str]("blog")
    """Folder under docs_dir whose .md files (other than index.md) are posts."""
    data_dir = _Checked[str]("data")
    """Folder (relative to mkdocs.yml) with people.yml, tags.yml and events/."""
    post_url = _Checked[str | None](None)
    """URL pattern with {year} {month} {day} {slug} {file}; default: the path under docs_dir."""
    timezone = _Checked[str]("UTC")
    """IANA zone for dates written without an offset."""
    per_page = _Checked[int](10)
    """Posts per page of the blog index (blog/, blog/page/2/, …)."""
    external_links = _Checked[dict[str, str]]({})
    """Links in posts (as written) that point at pages kept elsewhere: {link: https-url};
    a link ending in * is a prefix ({/docs/*: https://example.org/docs/})."""
    shortcodes = _Checked[str]("overrides/shortcodes")
    """Folder (relative to mkdocs.yml) of the site's own shortcodes: NAME.html serves
    {{< NAME >}}, as Hugo's layouts/shortcodes/ (see podium.site_shortcodes)."""
    date_from = _Checked[list[str]]([])
    """Where a post without `date` takes it from, first found: other front-matter keys
    (publishDate) or ":filename" (2022-02-05-name.md), as Hugo's [frontmatter] date."""
    feeds = _Checked[bool](True)
    """Write feed.xml (Atom), rss.xml (RSS 2.0) and tags/<slug>/feed.xml; needs site_url."""
    feed_content = _Checked[str]("summary")
    """What feed entries carry: the excerpt ("summary"), or the whole post ("full")."""
    feed_size = _Checked[int](20)
    """How many of the newest posts a feed lists."""
    categories_allowed = _Checked[list[str]]([])
    """The only categories posts may name (Material's option); any other one is an error.
    Empty: any category."""
    parallel = _Checked[bool](True)
    """`mkdocs build` builds generated pages, feeds and calendars in a second process."""
    speedups = _Checked[bool](True)
    """Use the speed layer (podium/mkdocs/internals: guarded uses of MkDocs, Material and
    Jinja internals); false builds with public plugin APIs only: the same site, slower."""


class TagsOptions(Config):
    """Options of `podium/tags` (tags come from posts, events and talks)."""

    enabled = c.Type(bool, default=True)
    """Build tags/ and tags/<slug>/."""


class EventsOptions(Config):
    """Options of `podium/events` (events, talks and people come from data_dir of podium/posts)."""

    talks_filters = c.Type(bool, default=True)
    """Show the filter form (event, year, track, speaker, tag, has) on talks/."""
    calendars = c.Type(bool, default=True)
    """Write events.ics, events/<id>.ics, talks/<id>.ics, events/<id>/tracks/<slug>.ics
    (iCalendar) and events/<id>/schedule.xml / schedule.json (frab, c3voc); needs site_url."""
