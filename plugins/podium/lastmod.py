"""When each page last changed, for the sitemap's ``<lastmod>`` (not the build date).

A post changed on its ``updated`` date, else its ``date``; a listing when the
newest post it lists did; an event page on the event's last day (never later
than "now": a sitemap date in the future is an error for crawlers); a talk
with its event; a person's page with their newest post or talk.  Pages with no
date of their own (plain Markdown pages) are not in this map.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from podium.catalog import Catalog, Post
from podium.events import Event
from podium.routing import (
    EVENTS_SRC,
    PEOPLE_SRC,
    TAGS_SRC,
    TALKS_SRC,
    archive_src,
    blog_page_src,
    category_src,
    event_src,
    person_src,
    tag_src,
    talk_src,
)


def page_dates(catalog: Catalog) -> dict[str, dt.date]:
    """src_uri of a page -> the date it last changed."""
    today = catalog.settings.now.date()
    blog = catalog.settings.blog_dir

    def post_day(post: Post) -> dt.date:
        return (post.meta.updated or post.meta.date).date()

    def event_day(event: Event) -> dt.date:
        return min(event.last_day, today)

    def newest(days: Iterable[dt.date]) -> dt.date | None:
        return max(days, default=None)

    dates: dict[str, dt.date | None] = {p.src_uri: post_day(p) for p in catalog.posts}
    for number, chunk in enumerate(catalog.blog_pages(), start=1):
        dates[blog_page_src(blog, number)] = newest(map(post_day, chunk))
    dates[archive_src(blog)] = newest(map(post_day, catalog.posts))
    for category in catalog.categories.values():
        for number, chunk in enumerate(catalog.paginate(category.posts), start=1):
            dates[category_src(blog, category.slug, number)] = newest(map(post_day, chunk))
    events = {e.id: event_day(e) for e in catalog.events}
    tag_days = []
    for tag in catalog.tags.values():
        day = dates[tag_src(tag.slug)] = newest(
            [
                *map(post_day, tag.posts),
                *(events[e.id] for e in tag.events),
                *(events[t.event_id] for t in tag.talks),
            ]
        )
        tag_days += [day] if day else []
    dates[TAGS_SRC] = newest(tag_days)
    for event_id, day in events.items():
        dates[event_src(event_id)] = day
    dates[EVENTS_SRC] = newest(events.values())
    for talk in catalog.talks:
        dates[talk_src(talk.id)] = events[talk.event_id]
    dates[TALKS_SRC] = newest(events[t.event_id] for t in catalog.talks)
    person_days = []
    for person_id in catalog.people.by_id:
        day = dates[person_src(person_id)] = newest(
            [
                *map(post_day, catalog.posts_by_author(person_id)),
                *(events[t.event_id] for t in catalog.talks_by_speaker(person_id)),
            ]
        )
        person_days += [day] if day else []
    dates[PEOPLE_SRC] = newest(person_days)
    return {src: day for src, day in dates.items() if day is not None}
