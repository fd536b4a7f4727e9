"""Catalog blocks (`<!-- podium:posts 3 -->` and the others) rendered into any page."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from podium.blocks import Block
from podium.mkdocs.session import Session
from podium.routing import (
    ATOM_FEED_PATH,
    EVENTS_CALENDAR_PATH,
    EVENTS_URL,
    RSS_FEED_PATH,
    TALKS_URL,
)
from podium.urls import relative_url


def render_block(session: Session, block: Block, *, url: str) -> Markup:
    """A `<!-- podium:… -->` block of any page."""
    catalog = session.catalog
    views = session.views()
    context: dict[str, Any] = {"name": block.name, "more": None}
    side = session.event_views(calendars=session.calendars) if session.event_pages else None
    if block.name == "posts":
        context["posts"] = [views.post_view(p, url) for p in catalog.posts[: block.count]]
        context["more"] = relative_url(views.blog_url(1), url)
    elif block.name == "events":
        upcoming = catalog.upcoming()[: block.count] if side else ()
        context["events"] = [side.card(e, url) for e in upcoming] if side else []
        context["more"] = relative_url(EVENTS_URL, url) if side else None
    elif block.name == "talks":
        recorded = [t for t in catalog.talks if t.video][: block.count] if side else []
        context["talks"] = [side.talk(t, url) for t in recorded] if side else []
        context["more"] = relative_url(TALKS_URL, url) if side else None
    else:
        context["links"] = _subscribe_links(session, url)
    return session.renderer.render("block.html", **context)


def _subscribe_links(session: Session, url: str) -> list[dict[str, str]]:
    gettext = session.language.gettext
    links = []
    if session.options.feeds:
        links += [
            {
                "href": relative_url(ATOM_FEED_PATH, url),
                "type": "application/atom+xml",
                "text": gettext("Blog feed (Atom)"),
            },
            {
                "href": relative_url(RSS_FEED_PATH, url),
                "type": "application/rss+xml",
                "text": gettext("Blog feed (RSS)"),
            },
        ]
    if session.calendars and session.catalog.events:
        links.append(
            {
                "href": relative_url(EVENTS_CALENDAR_PATH, url),
                "type": "text/calendar",
                "text": gettext("Events calendar (iCal)"),
            }
        )
    return links
