"""View models of the event catalog: event cards and pages, talks, people.

Like :mod:`podium.views`, every URL is already relative to the page being
rendered and every Markdown field is rendered (and sanitised) here, so the
templates only print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import quote

from markupsafe import Markup

from podium.catalog import Catalog, Post
from podium.events import Event, Location, Talk
from podium.i18n import Language, english
from podium.markup import render_markdown
from podium.routing import (
    AGENDA_URL,
    SCHEDULE_JSON,
    SCHEDULE_XML,
    event_calendar_path,
    schedule_export_path,
    tag_url,
    talk_calendar_path,
    track_calendar_path,
    track_slugs,
)

# Re-exported ("as"): podium.mkdocs still imports these three from here.
from podium.routing import event_url as event_url
from podium.routing import person_url as person_url
from podium.routing import talk_url as talk_url
from podium.talkfilters import event_days, talk_keys
from podium.text import slugify, tag_slug
from podium.timetable import talk_day_url, timetable_links
from podium.urls import relative_url
from podium.video import HOST_NAMES, embed_html
from podium.views import Link, Moment, avatar_src, initials, moment


def kind_name(kind: str, language: Language | None = None) -> str:
    """An event kind as the reader's language names it."""
    gettext = (language or english()).gettext
    names = {
        "conference": gettext("Conference"),
        "meetup": gettext("Meet-up"),
        "workshop": gettext("Workshop"),
        "webinar": gettext("Webinar"),
        "hackathon": gettext("Hackathon"),
        "other": gettext("Event"),
    }
    return names.get(kind, kind)


def date_range(start: dt.date, end: dt.date | None, language: Language | None = None) -> str:
    """``3 February 2024``, ``3 – 4 Feb 2024``, ``30 Sept – 2 Oct 2024`` (Babel's intervals)."""
    return (language or english()).date_range(start, end)


def map_link(location: Location) -> str | None:
    """The location's own map URL, else an OpenStreetMap search for its address."""
    if location.url:
        return location.url
    text = location.text()
    return f"https://www.openstreetmap.org/search?query={quote(text, safe='')}" if text else None


LINK_NAMES = {
    "bluesky": "Bluesky",
    "codeberg": "Codeberg",
    "email": "E-mail",
    "facebook": "Facebook",
    "github": "GitHub",
    "gitlab": "GitLab",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "mastodon": "Mastodon",
    "orcid": "ORCID",
    "stackoverflow": "Stack Overflow",
    "twitter": "Twitter",
    "x": "X",
    "youtube": "YouTube",
}
"""How the sites people link to spell their own names (``links:`` keys of people.yml)."""


def link_label(key: str) -> str:
    """``linkedin`` -> ``LinkedIn``; a key Podium does not know, as written, capitalised."""
    known = LINK_NAMES.get(key.casefold().replace("-", "").replace("_", ""))
    return known or key[:1].upper() + key[1:]


@dataclass(frozen=True)
class SpeakerView:
    name: str
    href: str | None
    key: str
    """The value of the talks filter `speaker=`: the person id, or a slug of a plain name."""
    avatar: str | None = None
    initials: str = ""
    role: str | None = None


@dataclass(frozen=True)
class VideoView:
    kind: str
    """'youtube' and 'vimeo' (click-to-load embed), 'file' (<video>), 'link'."""
    href: str
    embed: str | None
    title: str
    player: Markup | None = None
    """The embed of a YouTube or Vimeo video (:func:`podium.video.embed_html`)."""


@dataclass(frozen=True)
class TalkView:
    id: str
    title: str
    subtitle: str | None
    href: str
    event: Link
    track: str | None
    track_url: str | None
    room: str | None
    when: Moment | None
    zone: str
    duration: int | None
    speakers: tuple[SpeakerView, ...]
    session: str | None
    slides: Link | None
    video: VideoView | None
    abstract: Markup
    tags: tuple[Link, ...]
    data: Mapping[str, str]
    """Filter attributes of the talk in the catalog: data-event, data-year, …"""
    calendar: str | None = None
    """The talk's own ``talks/<id>.ics``."""
    event_calendar: str | None = None
    """The whole event's ``events/<id>.ics``."""
    timetable: str | None = None
    """The timetable day the talk is on (talks with a start)."""
    agenda: str | None = None
    """My agenda, on the talk's own page (:meth:`EventViews.talk_page`), where its star lists it."""


@dataclass(frozen=True)
class EventCard:
    id: str
    title: str
    href: str
    kind: str
    dates: str
    start_iso: str
    place: str | None
    online: bool
    summary: str | None
    talks: int
    has_slides: bool
    has_video: bool
    upcoming: bool


@dataclass(frozen=True)
class PhotoView:
    src: str
    caption: str | None
    alt: str


@dataclass(frozen=True)
class TrackView:
    name: str | None
    href: str | None
    talks: tuple[TalkView, ...]
    calendar: str | None = None
    """The track's timed talks, ``events/<id>/tracks/<slug>.ics``."""
    anchor: str = ""
    """The id of the track's heading (``track-containers``), for the page's table of contents."""


def _with_anchors(tracks: Iterable[TrackView]) -> tuple[TrackView, ...]:
    """Each named track with a heading id unique on its page (``track-…``, then ``-2`` …)."""
    seen: set[str] = set()
    done = []
    for track in tracks:
        if track.name:
            base = f"track-{slugify(track.name) or 'untitled'}"
            anchor, n = base, 1
            while anchor in seen:
                n += 1
                anchor = f"{base}-{n}"
            seen.add(anchor)
            track = replace(track, anchor=anchor)
        done.append(track)
    return tuple(done)


@dataclass(frozen=True)
class EventView:
    card: EventCard
    description: Markup
    zone: str
    location_name: str | None
    address: str | None
    map_url: str | None
    url: str | None
    tracks: tuple[TrackView, ...]
    photos: tuple[PhotoView, ...]
    posts: tuple[Link, ...]
    tags: tuple[Link, ...]
    calendar: str | None
    exports: tuple[Link, ...] = ()
    """``schedule.xml`` and ``schedule.json`` for conference apps (when talks have times)."""
    timetable: tuple[Link, ...] = ()
    """The timetable, then each of its days (:func:`podium.timetable.timetable_links`)."""
    agenda: str | None = None
    """My agenda, the talks this browser starred (events with talks)."""


@dataclass(frozen=True)
class PostLink:
    link: Link
    date: Moment


@dataclass(frozen=True)
class PersonView:
    id: str
    name: str
    role: str | None
    href: str
    avatar: str | None
    links: tuple[Link, ...]
    posts: tuple[PostLink, ...]
    talks: tuple[TalkView, ...]
    bio: Markup
    initials: str


@dataclass(frozen=True)
class FilterOption:
    value: str
    label: str


@dataclass(frozen=True)
class FilterGroup:
    label: str
    options: tuple[FilterOption, ...]


@dataclass(frozen=True)
class TalkFilters:
    events: tuple[FilterOption, ...]
    years: tuple[FilterOption, ...]
    tracks: tuple[FilterOption, ...]
    speakers: tuple[FilterOption, ...]
    tags: tuple[FilterOption, ...]
    days: tuple[FilterGroup, ...] = ()
    """Per event (newest first), the days with talks (``day=2026-01-31``)."""
    rooms: tuple[FilterOption, ...] = ()


@dataclass(frozen=True)
class _TalkFacts:
    talk: Talk
    event: Event
    when: Moment | None
    zone: str
    video: VideoView | None
    abstract: Markup
    data: Mapping[str, str]
    timetable: str | None = None


class EventViews:
    """Builds the event-side view models for one catalog (keep one per build: it remembers
    what every talk shows the same on every page)."""

    def __init__(
        self, catalog: Catalog, *, calendars: bool = False, language: Language | None = None
    ) -> None:
        self.catalog = catalog
        self.calendars = calendars
        self.language = language or english()
        """Whether events/<id>.ics exist to link from event and talk pages."""
        self._facts: dict[str, _TalkFacts] = {}

    def _href(self, path: str, page: str) -> str | None:
        return relative_url(path, page) if self.calendars else None

    def calendar_href(self, event_id: str, page: str) -> str | None:
        return relative_url(event_calendar_path(event_id), page) if self.calendars else None

    def _tag_links(self, names: tuple[str, ...], page: str) -> tuple[Link, ...]:
        tags = self.catalog.tags
        slugs = dict.fromkeys(tag_slug(n) for n in names)
        return tuple(Link(relative_url(tag_url(s), page), tags[s].name) for s in slugs if s in tags)

    def card(self, event: Event, page: str) -> EventCard:
        place = event.location.text() if event.location else None
        return EventCard(
            id=event.id,
            title=event.title,
            href=relative_url(event_url(event.id), page),
            kind=kind_name(event.kind, self.language),
            dates=date_range(
                event.start.date(), event.end.date() if event.end else None, self.language
            ),
            start_iso=event.start.date().isoformat() if event.all_day else event.start.isoformat(),
            place=place or None,
            online=event.online,
            summary=event.summary,
            talks=len(event.talks),
            has_slides=any(t.slides for t in event.talks),
            has_video=any(t.video for t in event.talks),
            upcoming=self.catalog.is_upcoming(event),
        )

    def speaker(self, ref: str, person_id: str | None, page: str) -> SpeakerView:
        person = self.catalog.people.by_id.get(person_id) if person_id else None
        if person is None:
            return SpeakerView(ref, None, slugify(ref), initials=initials(ref))
        return SpeakerView(
            person.name,
            relative_url(person_url(person.id), page),
            person.id,
            avatar_src(person.avatar, page),
            initials(person.name),
            person.role,
        )

    def talk(self, talk: Talk, page: str) -> TalkView:
        facts = self._talk_facts(talk)
        event = facts.event
        slides = None
        if talk.slides:
            target = talk.slides.url
            href = relative_url(target, page) if talk.slides.local else target
            slides = Link(href, self.language.gettext("Slides"))
        return TalkView(
            id=talk.id,
            title=talk.title,
            subtitle=talk.subtitle,
            href=relative_url(talk_url(talk.id), page),
            event=Link(relative_url(event_url(event.id), page), event.title),
            track=talk.track,
            track_url=talk.track_url,
            room=talk.room,
            when=facts.when,
            zone=facts.zone,
            duration=talk.duration,
            speakers=tuple(self.speaker(s.ref, s.person_id, page) for s in talk.speakers),
            session=talk.url,
            slides=slides,
            video=facts.video,
            abstract=facts.abstract,
            tags=self._tag_links(talk.tags, page),
            data=facts.data,
            calendar=self._href(talk_calendar_path(talk.id), page) if talk.start else None,
            event_calendar=self.calendar_href(event.id, page) if talk.start else None,
            timetable=relative_url(facts.timetable, page) if facts.timetable else None,
        )

    def talk_page(self, talk: Talk, page: str) -> TalkView:
        """The view of a talk on its own page: with the link to My agenda."""
        return replace(self.talk(talk, page), agenda=relative_url(AGENDA_URL, page))

    def _talk_facts(self, talk: Talk) -> _TalkFacts:
        """What a talk's view shows the same on every page: worked out once per talk."""
        found = self._facts.get(talk.id)
        if found is not None and found.talk is talk:
            return found
        event = self.catalog.event(talk.event_id)
        assert event is not None
        video = None
        if talk.video:
            v = talk.video
            gettext = self.language.gettext
            title = gettext("Video: %(title)s") % {"title": talk.title}
            player = None
            if v.kind in HOST_NAMES and v.embed_url:
                player = embed_html(
                    v.kind,
                    v.embed_url,
                    v.watch_url,
                    title=title,
                    text=gettext("%(title)s (on %(host)s)")
                    % {"title": title, "host": HOST_NAMES[v.kind]},
                    button=gettext("Load video: %(title)s") % {"title": talk.title},
                )
            video = VideoView(v.kind, v.watch_url, v.embed_url, title, player)
        has = [name for name, present in (("slides", talk.slides), ("video", video)) if present]
        speakers = tuple(self.speaker(s.ref, s.person_id, "") for s in talk.speakers)
        data = {
            "event": event.id,
            "year": str(event.start.year),
            "track": slugify(talk.track) if talk.track else "",
            "speaker": " ".join(s.key for s in speakers),
            "tag": " ".join(dict.fromkeys(tag_slug(t) for t in talk.tags)),
            "has": " ".join(has),
            **talk_keys(talk, (s.name for s in speakers)),
        }
        found = self._facts[talk.id] = _TalkFacts(
            talk=talk,
            event=event,
            when=moment(talk.start, True, self.language) if talk.start else None,
            zone=talk.start.tzname() or event.timezone if talk.start else event.timezone,
            video=video,
            abstract=render_markdown(talk.abstract),
            data=data,
            timetable=talk_day_url(talk, event),
        )
        return found

    def event(self, event: Event, page: str) -> EventView:
        tracks: dict[str | None, list[TalkView]] = {}
        track_urls: dict[str | None, str | None] = {}
        for talk in event.talks:
            tracks.setdefault(talk.track, []).append(self.talk(talk, page))
            track_urls.setdefault(talk.track, talk.track_url)
        slugs = track_slugs(t.track for t in event.talks)
        timed = {t.track for t in event.talks if t.start is not None}
        exports: tuple[Link, ...] = ()
        if self.calendars and timed:
            exports = tuple(
                Link(relative_url(schedule_export_path(event.id, name), page), name)
                for name in (SCHEDULE_XML, SCHEDULE_JSON)
            )
        location = event.location
        return EventView(
            card=self.card(event, page),
            description=render_markdown(event.description),
            zone=event.timezone,
            location_name=location.name if location else None,
            address=location.text() if location else None,
            map_url=map_link(location) if location else None,
            url=event.url,
            tracks=_with_anchors(
                TrackView(
                    name,
                    track_urls[name],
                    tuple(t),
                    self._href(track_calendar_path(event.id, slugs[name]), page)
                    if name in slugs and name in timed
                    else None,
                )
                for name, t in tracks.items()
            ),
            photos=tuple(
                PhotoView(relative_url(p.src, page), p.caption, p.alt) for p in event.photos
            ),
            posts=tuple(
                Link(relative_url(p.url, page), p.title) for p in self.catalog.posts_about(event.id)
            ),
            tags=self._tag_links(event.tags, page),
            calendar=self.calendar_href(event.id, page),
            exports=exports,
            timetable=timetable_links(event, page),
            agenda=relative_url(AGENDA_URL, page) if event.talks else None,
        )

    def post_events(self, post: Post) -> tuple[EventCard, ...]:
        return tuple(self.card(e, post.url) for e in self.catalog.events_of(post))

    def person(self, person_id: str, page: str) -> PersonView:
        person = self.catalog.people.by_id[person_id]
        avatar = avatar_src(person.avatar, page)
        return PersonView(
            id=person.id,
            name=person.name,
            role=person.role,
            href=relative_url(person_url(person.id), page),
            avatar=avatar,
            links=tuple(Link(url, link_label(name)) for name, url in person.links),
            posts=tuple(
                PostLink(
                    Link(relative_url(p.url, page), p.title),
                    moment(p.meta.date, False, self.language),
                )
                for p in self.catalog.posts_by_author(person.id)
            ),
            talks=tuple(self.talk(t, page) for t in self.catalog.talks_by_speaker(person.id)),
            bio=render_markdown(person.bio),
            initials=initials(person.name),
        )

    def people(self, page: str) -> tuple[PersonView, ...]:
        ids = sorted(
            self.catalog.people.by_id, key=lambda i: self.catalog.people.by_id[i].name.casefold()
        )
        return tuple(self.person(i, page) for i in ids)

    def filters(self, talks: tuple[TalkView, ...]) -> TalkFilters:
        def options(pairs: list[tuple[str, str]]) -> tuple[FilterOption, ...]:
            unique = dict(pairs)
            return tuple(
                FilterOption(v, unique[v])
                for v in sorted(unique, key=lambda v: unique[v].casefold())
            )

        used = {t.data["event"] for t in talks}
        shown = {t.id for t in talks}
        years = sorted({t.data["year"] for t in talks}, reverse=True)
        tags = self.catalog.tags
        return TalkFilters(
            events=tuple(
                FilterOption(e.id, e.title) for e in reversed(self.catalog.events) if e.id in used
            ),
            years=tuple(FilterOption(y, y) for y in years),
            tracks=options([(t.data["track"], t.track) for t in talks if t.track]),
            speakers=options([(s.key, s.name) for t in talks for s in t.speakers]),
            tags=options(
                [(s, tags[s].name) for t in talks for s in t.data["tag"].split() if s in tags]
            ),
            days=tuple(
                FilterGroup(e.title, tuple(FilterOption(v, label) for v, label in days))
                for e in reversed(self.catalog.events)
                if e.id in used and (days := event_days(e, shown))
            ),
            rooms=options([(t.data["room"], t.room) for t in talks if t.room]),
        )
