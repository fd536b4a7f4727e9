"""What search engines and link previews read: schema.org JSON-LD and meta tags.

Content strings go into JSON-LD through :func:`json_ld_script`, which escapes
``<``, ``>`` and ``&`` as JSON unicode escapes, so no value can close the
``<script>`` element (``json.dumps`` alone does not escape ``</``).  Meta tags
are built with attribute escaping of ``&<>"'``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from html import escape
from typing import Any

from podium.catalog import Post
from podium.events import Event, Talk
from podium.people import Person

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


BLOCK_LIMIT = 96 * 1024
"""Bytes of one JSON-LD block of an event page, at most (a crawler reads each on its own)."""


def json_ld_script(data: Mapping[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` element no content string can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    for raw, escaped in _JSON_ESCAPES.items():
        text = text.replace(raw, escaped)
    return f'<script type="application/ld+json">{text}</script>'


@dataclass(frozen=True)
class PageMeta:
    """Open Graph and Twitter card data of one page."""

    title: str
    url: str
    site_name: str
    description: str | None = None
    image: str | None = None
    kind: str = "website"
    published: dt.datetime | None = None

    def tags(self) -> str:
        pairs = [
            ("property", "og:type", self.kind),
            ("property", "og:title", self.title),
            ("property", "og:url", self.url),
            ("property", "og:site_name", self.site_name),
            ("name", "twitter:card", "summary_large_image" if self.image else "summary"),
            ("name", "twitter:title", self.title),
        ]
        if self.description:
            pairs += [
                ("property", "og:description", self.description),
                ("name", "twitter:description", self.description),
            ]
        if self.image:
            pairs += [("property", "og:image", self.image), ("name", "twitter:image", self.image)]
        if self.published:
            pairs.append(("property", "article:published_time", self.published.isoformat()))
        return "\n".join(
            f'<meta {attr}="{escape(key)}" content="{escape(value)}">' for attr, key, value in pairs
        )


def _person(name: str, url: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Person", "name": name}
    if url:
        data["url"] = url
    return data


def blog_posting(
    post: Post,
    *,
    url: str,
    description: str | None,
    image: str | None,
    person_url: Callable[[str], str | None],
    site: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """schema.org ``BlogPosting``; a post without authors is by the site (``site`` is its
    name and URL, an Organization), never ``"author": []``."""
    authors = [_person(a.name, person_url(a.person.id) if a.person else None) for a in post.authors]
    if not authors and site:
        authors = [{"@type": "Organization", "name": site[0], "url": site[1]}]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": post.meta.date.isoformat(),
    }
    if authors:
        data["author"] = authors
    if post.meta.updated:
        data["dateModified"] = post.meta.updated.isoformat()
    if description:
        data["description"] = description
    if image:
        data["image"] = image
    if post.meta.tags:
        data["keywords"] = list(post.meta.tags)
    if post.meta.categories:
        data["articleSection"] = list(post.meta.categories)
    return data


_SCHEDULED = "https://schema.org/EventScheduled"


def _attendance(event: Event, url: str) -> dict[str, Any]:
    """Where and how one attends ``event`` (and each of its talks): ``location`` (a Place with
    its address, a VirtualLocation when online, or both), ``eventStatus`` and
    ``eventAttendanceMode``, as Google's Event rich results ask of every event."""
    data: dict[str, Any] = {"eventStatus": _SCHEDULED}
    location = event.location
    places: list[dict[str, Any]] = []
    if location and location.text():
        place: dict[str, Any] = {"@type": "Place", "name": location.name or location.text()}
        address = {
            k: v
            for k, v in (
                ("streetAddress", location.address),
                ("addressLocality", location.city),
                ("addressCountry", location.country),
            )
            if v
        }
        if address:
            place["address"] = {"@type": "PostalAddress", **address}
        places.append(place)
    if event.online:
        places.append({"@type": "VirtualLocation", "url": event.url or url})
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    mode = (
        "MixedEventAttendanceMode"
        if event.online and places[:1] and places[0]["@type"] == "Place"
        else "OnlineEventAttendanceMode"
        if event.online
        else "OfflineEventAttendanceMode"
    )
    data["eventAttendanceMode"] = f"https://schema.org/{mode}"
    return data


def _when(event: Event, value: dt.datetime) -> str:
    return value.date().isoformat() if event.all_day else value.isoformat()


def _talk_event(
    talk: Talk, event: Event, url: str, person_url: Callable[[str], str | None]
) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Event", "name": talk.title, "url": url}
    if talk.start:
        data["startDate"] = talk.start.isoformat()
        if talk.duration:
            data["endDate"] = (talk.start + dt.timedelta(minutes=talk.duration)).isoformat()
    else:
        data["startDate"] = _when(event, event.start)
    data.update(_attendance(event, event.url or url))
    performers = [
        _person(s.ref, person_url(s.person_id) if s.person_id else None) for s in talk.speakers
    ]
    if performers:
        data["performer"] = performers
    return data


def _sub_event(talk: Talk, event: Event, url: str) -> dict[str, Any]:
    """A talk inside its event's JSON-LD: what a listing needs, not its abstract (that is on
    the talk's own page, with its ``eventStatus``), so a conference of 900 talks stays a
    page, not megabytes. Its location is its room, as a Place, else the event's place."""
    data: dict[str, Any] = {"@type": "Event", "name": talk.title, "url": url}
    data["startDate"] = talk.start.isoformat() if talk.start else _when(event, event.start)
    if talk.room:
        data["location"] = {"@type": "Place", "name": talk.room}
    elif location := _attendance(event, event.url or url).get("location"):
        data["location"] = location
    return data


def event_data(
    event: Event,
    *,
    url: str,
    talk_url: Callable[[str], str],
    person_url: Callable[[str], str | None],
    speaker_names: Mapping[str, str],
) -> dict[str, Any]:
    """schema.org ``Event`` with its place (or online attendance) and its talks."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "startDate": _when(event, event.start),
    }
    if event.end:
        data["endDate"] = _when(event, event.end)
    data.update(_attendance(event, url))
    if event.summary or event.description:
        data["description"] = event.summary or event.description
    if event.talks:
        data["subEvent"] = [_sub_event(t, event, talk_url(t.id)) for t in event.talks]
    return data


def split_blocks(data: dict[str, Any], limit: int = BLOCK_LIMIT) -> list[dict[str, Any]]:
    """``data`` as JSON-LD blocks of at most ``limit`` bytes each, split between its sub-events.

    The first block is the event with the sub-events that fit; each further block names the
    same node (``@id``, the event's URL) with more of them, which JSON-LD merges into one
    event.  A block is only ever larger than ``limit`` when a single sub-event is.
    """
    subs = data.get("subEvent") or []
    if _size(data) <= limit:
        return [data]
    head = {k: v for k, v in data.items() if k != "subEvent"}
    head = {"@context": head.pop("@context"), "@id": data["url"], **head}
    blocks: list[dict[str, Any]] = []
    current, size = head, _size(head)
    items: list[dict[str, Any]] = []
    for sub in subs:
        grown = _size(sub) - _EMPTY + 1  # and a comma
        if items and size + grown + len(',"subEvent":[]') > limit:
            blocks.append({**current, "subEvent": items})
            current = {"@context": head["@context"], "@id": data["url"]}
            size, items = _size(current), []
        items.append(sub)
        size += grown
    blocks.append({**current, "subEvent": items} if items else current)
    return blocks


def _size(data: Mapping[str, Any]) -> int:
    """Bytes of ``data``'s whole ``<script>`` element."""
    return len(json_ld_script(data).encode("utf-8"))


_EMPTY = len('<script type="application/ld+json"></script>')


def _named(talk: Talk, names: Mapping[str, str]) -> Talk:
    """The talk with each known speaker's display name instead of their id."""
    speakers = tuple(
        replace(s, ref=names.get(s.person_id, s.ref)) if s.person_id else s for s in talk.speakers
    )
    return replace(talk, speakers=speakers)


def talk_data(
    talk: Talk,
    event: Event,
    *,
    url: str,
    event_url: str,
    person_url: Callable[[str], str | None],
    speaker_names: Mapping[str, str],
) -> dict[str, Any]:
    data = _talk_event(_named(talk, speaker_names), event, url, person_url)
    if talk.abstract:
        data["description"] = talk.abstract
    data["@context"] = "https://schema.org"
    data["superEvent"] = {"@type": "Event", "name": event.title, "url": event_url}
    return data


def person_data(person: Person, *, url: str, same_as: Sequence[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "url": url,
    }
    if person.role:
        data["jobTitle"] = person.role
    if same_as:
        data["sameAs"] = list(same_as)
    return data
