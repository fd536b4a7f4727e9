"""Search entries of event, talk and person pages, made from their view models.

Material's search plugin parses every page's HTML and makes one entry per
heading.  On Podium's generated pages that gives entries like
``SpeakersAda EventConf TrackKernel…`` (labels glued to values), split over
headings such as "Speakers" or "Talks", and costs an HTML parse per page —
a large share of a big site's build.  The views already hold every fact, so
each of these pages gets one entry: its title, and a text of who, what,
where and when, written the way Material writes its own entries (HTML,
text escaped without quotes, only the tags its search keeps).
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape

import nh3

from podium.eventviews import EventView, PersonView, TalkView
from podium.views import Link

SearchEntry = dict[str, object]

# The tags Material's search keeps in an entry's text; links become their text.
_KEEP = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}


# Material's search splits words at spaces and hyphens only (its default `separator`), so
# "UA2.118 (Henriot)" was indexed as "ua2.118" and "(henriot)", which no query finds.
_GLUE = re.compile(r"""[()\[\]{}<>/\\,;:|"]+""")


def words(text: str | None) -> str | None:
    """``text`` with brackets and punctuation between words turned into spaces:
    ``K.1.105 (La Fontaine)`` → ``K.1.105 La Fontaine``, ``Radio(SDR)/DSP`` → ``Radio SDR DSP``."""
    if not text:
        return None
    return " ".join(_GLUE.sub(" ", text).split()) or None


def talk_entry(view: TalkView, location: str) -> SearchEntry:
    when = None
    if view.when:
        day = dt.datetime.fromisoformat(view.when.iso)
        when = f"{day:%A} {view.when.text} ({view.zone})"  # "Saturday 31 January 2026, 10:30"
    facts = [
        view.subtitle,
        ", ".join(s.name for s in view.speakers) or None,
        view.event.text,
        words(view.track),
        words(view.room),
        when,
    ]
    return _entry(location, view.title, [*facts, _tags(view.tags)], view.abstract)


def event_entry(view: EventView, location: str) -> SearchEntry:
    card = view.card
    where = view.address or view.location_name  # the address starts with the place's name
    online = "Online" if card.online else None
    facts = [card.kind, card.dates, where, online, card.summary, _tags(view.tags)]
    return _entry(location, card.title, facts, view.description)


def person_entry(view: PersonView, location: str) -> SearchEntry:
    talks = ", ".join(t.title for t in view.talks) or None
    return _entry(location, view.name, [view.role, talks], "")


def _tags(links: tuple[Link, ...]) -> str | None:
    # In the text, not Material's `tags` field: posts' tags are not there either, and that
    # field's boost would put every talk with a tag above the post that explains it.
    return ", ".join(link.text for link in links) or None


def _entry(location: str, title: str, facts: list[str | None], html: str) -> SearchEntry:
    text = " · ".join(escape(f, quote=False) for f in facts if f)
    body = _searchable(html)
    return {
        "location": location,
        "title": escape(title, quote=False),
        "text": f"<p>{text}</p>{body}" if text else body,
    }


def _searchable(html: str) -> str:
    """Sanitised Markdown HTML with only the tags Material's search keeps."""
    if not html:
        return ""
    return nh3.clean(html, tags=_KEEP, attributes={}, link_rel=None).strip()
