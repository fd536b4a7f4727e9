"""What `podium/events` adds for attendees: timetable pages, My agenda and its talk data."""

from __future__ import annotations

import datetime as dt
import json
from functools import cached_property, partial

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from podium.memo import digest
from podium.mkdocs.files import Body, add_file
from podium.mkdocs.session import Generated, Session
from podium.routing import (
    AGENDA_DATA_PATH,
    AGENDA_SRC,
    timetable_day_src,
    timetable_src,
)
from podium.timetable import Timetables, agenda_data, day_label, event_days

OWNER = "podium/events"


class TimetablePages:
    """One build's timetable pages (per event with timed talks, per day) and My agenda."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @cached_property
    def views(self) -> Timetables:
        return Timetables(self.session.catalog)

    def register(self, files: Files, config: MkDocsConfig) -> None:
        catalog = self.session.catalog
        for event in catalog.events:
            days = event_days(event)
            if not days:
                continue
            title = f"Timetable: {event.title}"
            self._page(files, config, timetable_src(event.id), title, "timetable", event.id)
            for day in days:
                src = timetable_day_src(event.id, day)
                key = f"{event.id}/{day.isoformat()}"
                name = f"{event.title}: {day_label(day)}"
                self._page(files, config, src, name, "timetable-day", key)
        self._page(files, config, AGENDA_SRC, "My agenda", "agenda", None)
        data = json.dumps(agenda_data(catalog), ensure_ascii=False, separators=(",", ":"))
        add_file(files, config, AGENDA_DATA_PATH, data, owner=OWNER)

    def _page(
        self, files: Files, config: MkDocsConfig, src: str, title: str, kind: str, key: str | None
    ) -> None:
        generated = Generated(kind, key, partial(self.body, kind, key), partial(self.inputs, key))
        self.session.add_page(
            files, config, src, title, generated, owner=OWNER, in_nav=False, searchable=False
        )

    def inputs(self, key: str | None, url: str) -> object:
        catalog = self.session.catalog
        if key is None:  # the agenda page shows no content of its own
            return url
        event = catalog.event(key.split("/", 1)[0])
        names = sorted((p.id, p.name) for p in catalog.people.by_id.values())
        return digest(key, url, event, names)

    def body(self, kind: str, key: str | None, url: str) -> Body:
        render = self.session.renderer.render
        if kind == "agenda":
            return Body(str(render("agenda.html", data=AGENDA_DATA_PATH.rsplit("/", 1)[1])))
        event_id, _, day = (key or "").partition("/")
        event = self.session.catalog.event(event_id)
        if event is None:
            raise PluginError(f"{OWNER}: no event {event_id!r}; this is a bug in Podium")
        if kind == "timetable":
            return Body(str(render("timetable_days.html", view=self.views.index(event, url))))
        view = self.views.day(event, dt.date.fromisoformat(day), url)
        return Body(str(render("timetable.html", view=view)))
