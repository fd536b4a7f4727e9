"""What `podium/events` registers: events/, talks/ and people/ pages, their data, calendars."""

from __future__ import annotations

import datetime as dt
import os
from functools import cached_property, partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from podium.events import Event, Speaker
from podium.memo import digest, remembered
from podium.mkdocs.files import Body
from podium.mkdocs.head import absolute, insert_head, page_address
from podium.mkdocs.options import EventsOptions
from podium.mkdocs.schedulefiles import schedule_file_paths, write_schedule_files
from podium.mkdocs.session import Generated, Session
from podium.outputs import write_output
from podium.routing import (
    EVENTS_CALENDAR_PATH,
    EVENTS_SRC,
    PEOPLE_SRC,
    TALKS_SRC,
    event_calendar_path,
    event_src,
    event_url,
    person_src,
    person_url,
    talk_src,
    talk_url,
)
from podium.searchentries import event_entry, person_entry, talk_entry
from podium.seo import event_data, json_ld_script, person_data, split_blocks, talk_data
from podium.urls import relative_url

OWNER = "podium/events"


def calendar_stamp(now: dt.datetime) -> dt.datetime:
    """DTSTAMP of every component: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return now.astimezone(dt.UTC)


class EventPages:
    """One build's event, talk and people pages."""

    def __init__(self, session: Session, options: EventsOptions) -> None:
        self.session = session
        self.options = options

    def register(self, files: Files, config: MkDocsConfig) -> None:
        catalog = self.session.catalog
        gettext = self.session.language.gettext
        self.page(files, config, EVENTS_SRC, gettext("Events"), "events", None)
        for event in catalog.events:
            self.page(files, config, event_src(event.id), event.title, "event", event.id)
        self.page(files, config, TALKS_SRC, gettext("Talks"), "talks", None)
        for talk in catalog.talks:
            self.page(files, config, talk_src(talk.id), talk.title, "talk", talk.id)
        self.page(files, config, PEOPLE_SRC, gettext("People"), "people", None)
        for person in catalog.people.by_id.values():
            src = person_src(person.id)
            self.page(files, config, src, person.name, "person", person.id)
        if self.options.calendars:
            self.session.early_writers.append(partial(self.write_calendars, config))
            if catalog.events:
                self.session.claim_output(EVENTS_CALENDAR_PATH, "podium/events")
            for event in catalog.events:
                self.session.claim_output(event_calendar_path(event.id), "podium/events")
            for path in schedule_file_paths(catalog):
                self.session.claim_output(path, "podium/events")

    def page(
        self, files: Files, config: MkDocsConfig, src: str, title: str, kind: str, key: str | None
    ) -> None:
        # Indexes only list what the event, talk and person pages already put in search.
        render = partial(self.body, kind, key)
        generated = Generated(kind, key, render, partial(self.inputs, kind, key))
        searchable = key is not None
        self.session.add_page(
            files,
            config,
            src,
            title,
            generated,
            owner=OWNER,
            in_nav=key is None,
            searchable=searchable,
        )

    @cached_property
    def _shared_inputs(self) -> str:
        """What every event, talk and people page may show: events, people, tag names."""
        catalog = self.session.catalog
        return digest(
            catalog.events,
            sorted(catalog.people.by_id.items()),
            sorted((t.slug, t.name) for t in catalog.tags.values()),
            catalog.settings.now.date(),
            self.options.calendars,
            self.options.talks_filters,
        )

    def inputs(self, kind: str, key: str | None, url: str) -> object:
        return (self._shared_inputs, kind, key, url, self._posts_shown(kind, key))

    def _posts_shown(self, kind: str, key: str | None) -> list[object]:
        """The posts a page lists: editing any other post leaves the page as it was."""
        catalog = self.session.catalog
        if kind == "event":
            shown = catalog.posts_about(key or "")
        elif kind == "person":
            shown = catalog.posts_by_author(key or "")
        elif kind == "people":  # counts only
            return [
                (p.src_uri, [a.person.id for a in p.authors if a.person]) for p in catalog.posts
            ]
        else:
            return []
        return [
            (p.url, p.title, p.meta.date, [a.person.id for a in p.authors if a.person])
            for p in shown
        ]

    def body(self, kind: str, key: str | None, url: str) -> Body:
        views = self.session.event_views(calendars=self.options.calendars)
        render = self.session.renderer.render
        catalog = self.session.catalog
        if kind == "events":
            body = render(
                "events.html",
                upcoming=[views.card(e, url) for e in catalog.upcoming()],
                calendar=relative_url(EVENTS_CALENDAR_PATH, url)
                if self.options.calendars and catalog.events
                else None,
                past=[(y, [views.card(e, url) for e in es]) for y, es in catalog.past_by_year()],
            )
            return Body(str(body))
        if kind == "talks":
            talks = tuple(views.talk(t, url) for t in catalog.talks)
            filters = views.filters(talks) if self.options.talks_filters else None
            return Body(str(render("talks.html", talks=talks, filters=filters)))
        if kind == "people":
            return Body(str(render("people.html", people=views.people(url))))
        # One page per event, talk or person: its own search entry, not a parse of its HTML.
        if kind == "event":
            event = catalog.event(key or "")
            if event is None:
                raise PluginError(f"podium/events: no event {key!r}; this is a bug in Podium")
            view = views.event(event, url)
            html = str(render("event.html", view=view))
            return Body(html, [event_entry(view, url)], toc=True)
        if kind == "talk":
            talk = catalog.talk(key or "")
            if talk is None:
                raise PluginError(f"podium/events: no talk {key!r}; this is a bug in Podium")
            talk_view = views.talk_page(talk, url)
            return Body(str(render("talk.html", talk=talk_view)), [talk_entry(talk_view, url)])
        person = views.person(key or "", url)
        return Body(str(render("person.html", person=person)), [person_entry(person, url)])

    def write_calendars(self, config: MkDocsConfig) -> None:
        # icalendar is only needed here, in the process that writes the calendars.
        from podium.calendar import CalendarInfo, event_calendar, events_calendar

        catalog = self.session.catalog
        root = absolute(config, "")
        assert root is not None  # checked in on_config
        info = CalendarInfo(
            root,
            config.site_name,
            calendar_stamp(catalog.settings.now),
            gettext=self.session.language.gettext,
            parts={},  # a talk is in three calendars: serialised once
        )
        site_dir = Path(config.site_dir)

        def page(event_id: str) -> str:
            return absolute(config, event_url(event_id)) or ""

        def talk_page(talk_id: str) -> str:
            return absolute(config, talk_url(talk_id)) or ""

        def speaker(s: Speaker) -> str:
            person = catalog.people.by_id.get(s.person_id) if s.person_id else None
            return person.name if person else s.ref

        # Under serve, a calendar whose event did not change is not generated again.
        store = self.session.cache.files if self.session.cache is not None else None
        names = sorted((p.id, p.name) for p in catalog.people.by_id.values())
        base = digest(root, config.site_name, names)
        everything = remembered(
            store,
            EVENTS_CALENDAR_PATH,
            digest(base, catalog.events),
            lambda: events_calendar(info, catalog.events, page) or b"",
        )
        if everything:
            write_output(site_dir, EVENTS_CALENDAR_PATH, everything)
        for event in catalog.events:

            def one(event: Event = event) -> bytes:
                return event_calendar(info, event, page, talk_page, speaker) or b""

            data = remembered(store, event_calendar_path(event.id), digest(base, event), one)
            if data:
                write_output(site_dir, event_calendar_path(event.id), data)
        write_schedule_files(config, catalog, info, store)


def structured_data(session: Session, output: str, page: Page, config: MkDocsConfig) -> str:
    """schema.org JSON-LD of an event, talk or person page."""
    generated = session.pages.get(page.file.src_uri)
    url = page_address(config, page)
    if generated is None or generated.kind not in ("event", "talk", "person"):
        return output
    if url is None or not output:
        return output
    kind, key = generated.kind, generated.key or ""
    catalog = session.catalog
    names = {p.id: p.name for p in catalog.people.by_id.values()}

    def person(pid: str) -> str | None:
        return absolute(config, person_url(pid))

    data = None
    if kind == "event" and (event := catalog.event(key)):
        data = event_data(
            event,
            url=url,
            talk_url=lambda t: absolute(config, talk_url(t)) or "",
            person_url=person,
            speaker_names=names,
        )
    elif kind == "talk" and (talk := catalog.talk(key)):
        event = catalog.event(talk.event_id)
        if event:
            data = talk_data(
                talk,
                event,
                url=url,
                event_url=absolute(config, event_url(event.id)) or "",
                person_url=person,
                speaker_names=names,
            )
    elif kind == "person" and (someone := catalog.people.by_id.get(key)):
        data = person_data(someone, url=url, same_as=[u for _, u in someone.links])
    if not data:
        return output
    # An event of hundreds of talks: several blocks of one event, none of them huge.
    return insert_head(output, "".join(json_ld_script(block) for block in split_blocks(data)))
