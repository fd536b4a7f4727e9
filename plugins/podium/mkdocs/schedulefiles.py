"""Per-talk and per-track calendars and the schedule exports of every event, written into the site.

``talks/<id>.ics`` (one talk), ``events/<id>/tracks/<slug>.ics`` (one track),
``events/<id>/schedule.xml`` (frab) and ``events/<id>/schedule.json`` (c3voc); paths
from :mod:`podium.routing`.  Like the event calendars, they are written with the
``calendars`` option, in the process that writes feeds and calendars (icalendar and
lxml load there only); under serve, the files of an unchanged event are reused.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig

from podium.catalog import Catalog
from podium.events import Speaker
from podium.memo import digest, remembered
from podium.mkdocs.head import absolute
from podium.outputs import write_output
from podium.routing import (
    SCHEDULE_JSON,
    SCHEDULE_XML,
    event_url,
    person_url,
    schedule_export_path,
    talk_calendar_path,
    talk_url,
    track_calendar_path,
    track_slugs,
)

if TYPE_CHECKING:
    from podium.calendar import CalendarInfo
    from podium.export_schedule import ExportedSchedule


def schedule_file_paths(catalog: Catalog) -> Iterator[str]:
    """Every file :func:`write_schedule_files` may write (the build claims them first)."""
    for event in catalog.events:
        yield from (talk_calendar_path(t.id) for t in event.talks if t.start)
        for slug in track_slugs(t.track for t in event.talks).values():
            yield track_calendar_path(event.id, slug)
        if any(t.start for t in event.talks):
            yield from (schedule_export_path(event.id, n) for n in (SCHEDULE_XML, SCHEDULE_JSON))


def write_schedule_files(
    config: MkDocsConfig,
    catalog: Catalog,
    info: CalendarInfo,
    store: dict[str, tuple[str, bytes]] | None,
) -> None:
    """Every event's talk and track calendars and its two exports; ``info`` is the one of the
    event calendars (its parts shared), ``store`` the serve cache's (None for a build)."""
    from podium.calendar import talk_calendar, talks_calendar
    from podium.export_c3voc import c3voc_json
    from podium.export_frab import frab_xml
    from podium.export_schedule import Links, export_schedule

    root = absolute(config, "")
    assert root is not None  # checked in on_config
    site_dir = Path(config.site_dir)
    people = catalog.people.by_id

    def url(rel: str) -> str:
        return absolute(config, rel) or ""

    def speaker(s: Speaker) -> str:
        person = people.get(s.person_id) if s.person_id else None
        return person.name if person else s.ref

    def person(s: Speaker) -> tuple[str, str | None]:
        found = people.get(s.person_id) if s.person_id else None
        return (found.name, url(person_url(found.id))) if found else (s.ref, None)

    def talk_page(talk_id: str) -> str:
        return url(talk_url(talk_id))

    links = Links(root, lambda e: url(event_url(e)), talk_page, url, person)
    base = digest(root, config.site_name, sorted((p.id, p.name) for p in people.values()))

    def write(rel: str, stamp_of: str, make: Callable[[], bytes]) -> None:
        data = remembered(store, rel, stamp_of, make)
        if data:
            write_output(site_dir, rel, data)

    for event in catalog.events:
        key = digest(base, event)
        for talk in event.talks:
            one = partial(talk_calendar, info, event, talk, talk_page, speaker)
            write(talk_calendar_path(talk.id), key, partial(_bytes, one))
        for name, slug in track_slugs(t.track for t in event.talks).items():
            talks = [t for t in event.talks if t.track == name]
            calendar = replace(info, name=f"{event.title}: {name}")
            some = partial(talks_calendar, calendar, event, talks, talk_page, speaker)
            write(track_calendar_path(event.id, slug), key, partial(_bytes, some))

        schedule = functools.cache(partial(export_schedule, event, links))
        for name, writer in ((SCHEDULE_XML, frab_xml), (SCHEDULE_JSON, c3voc_json)):
            rel = schedule_export_path(event.id, name)
            write(rel, key, partial(_export, schedule, writer, url(rel)))


def _bytes(make: Callable[[], bytes | None]) -> bytes:
    return make() or b""


def _export(
    schedule: Callable[[], ExportedSchedule | None],
    writer: Callable[[ExportedSchedule, str], bytes],
    address: str,
) -> bytes:
    """One export file; empty (not written) for an event without timed talks."""
    found = schedule()
    return writer(found, address) if found is not None else b""
