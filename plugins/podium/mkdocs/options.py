"""Typed options of the Podium plugins, as users write them in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PostsOptions(Config):
    """Options of `podium/posts`."""

    blog_dir = c.Type(str, default="blog")
    """Folder under docs_dir whose .md files (other than index.md) are posts."""
    data_dir = c.Type(str, default="data")
    """Folder (relative to mkdocs.yml) with people.yml, tags.yml and events/."""
    post_url = c.Optional(c.Type(str))
    """URL pattern with {year} {month} {day} {slug} {file}; default: the path under docs_dir."""
    timezone = c.Type(str, default="UTC")
    """IANA zone for dates written without an offset."""
    per_page = c.Type(int, default=10)
    """Posts per page of the blog index (blog/, blog/page/2/, …)."""
    external_links = c.Type(dict, default={})
    """Links in posts (as written) that point at pages kept elsewhere: {link: https-url}."""
    feeds = c.Type(bool, default=True)
    """Write feed.xml (Atom), rss.xml (RSS 2.0) and tags/<slug>/feed.xml; needs site_url."""
    feed_content = c.Choice(("summary", "full"), default="summary")
    """What feed entries carry: the excerpt, or the whole post."""
    feed_size = c.Type(int, default=20)
    """How many of the newest posts a feed lists."""
    categories_allowed = c.Type(list, default=[])
    """The only categories posts may name (Material's option); any other one is an error.
    Empty: any category."""
    parallel = c.Type(bool, default=True)
    """`mkdocs build` builds generated pages, feeds and calendars in a second process."""
    speedups = c.Type(bool, default=True)
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
