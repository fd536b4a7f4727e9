"""frab/pentabarf ``schedule.xml`` of an event: what Giggity, ConfClerk and EventFahrplan read.

Written in the strict form of the c3voc XSD (``validator/xsd/schedule.xml.xsd`` of
voc/schedule), not FOSDEM's dialect: no ``<subtitle>`` outside events, no
``<tracks>`` or ``<venue>``, no room ``slug``.  Every required value the data lacks is
derived by :mod:`podium.export_schedule`.  Built with lxml, so text is escaped by the
serialiser, never by hand.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from podium import __version__
from podium.export_schedule import ExportedSchedule, Slot, hhmm
from podium.text import slugify

_TRACK_SLUG = re.compile(r"[a-z][a-z0-9-]+")


def _sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    element = etree.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def frab_xml(schedule: ExportedSchedule, url: str) -> bytes:
    """The schedule as ``schedule.xml``; ``url`` is where the file is published."""
    event = schedule.event
    root = etree.Element("schedule")
    _sub(root, "generator", name="Podium", version=__version__)
    _sub(root, "url", url)
    _sub(root, "version", schedule.version)
    conference = _sub(root, "conference")
    _sub(conference, "title", event.title)
    _sub(conference, "acronym", schedule.acronym)
    _sub(conference, "start", event.start.date().isoformat())
    _sub(conference, "end", event.last_day.isoformat())
    _sub(conference, "days", str(len(schedule.days)))
    _sub(conference, "timeslot_duration", hhmm(schedule.timeslot))
    _sub(conference, "base_url", schedule.base_url)
    if event.url:
        _sub(conference, "url", event.url)
    _sub(conference, "time_zone_name", event.timezone)
    for track in schedule.tracks:
        slug = track_slug(track)
        _sub(conference, "track", name=track, **({"slug": slug} if slug else {}))
    for day in schedule.days:
        day_element = _sub(
            root,
            "day",
            date=day.date.isoformat(),
            start=day.start.isoformat(),
            end=day.end.isoformat(),
            index=str(day.index),
        )
        for name, guid, slots in day.rooms:
            room = _sub(day_element, "room", name=name, guid=guid)
            for slot in slots:
                _event(room, slot, name)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def track_slug(name: str) -> str | None:
    """The XSD's track slug (``[a-z][a-z0-9-]+``) of a track name, or None."""
    slug = slugify(name)
    return slug if _TRACK_SLUG.fullmatch(slug) else None


def _event(room: Any, slot: Slot, room_name: str) -> None:
    talk = slot.talk
    element = _sub(room, "event", id=str(slot.number), guid=slot.guid)
    _sub(element, "date", slot.start.isoformat())
    _sub(element, "start", slot.start.strftime("%H:%M"))
    _sub(element, "duration", hhmm(slot.duration))
    _sub(element, "room", room_name)
    if slot.xml_slug:
        _sub(element, "slug", slot.xml_slug)
    _sub(element, "url", slot.url)
    _sub(element, "title", talk.title)
    if talk.subtitle:
        _sub(element, "subtitle", talk.subtitle)
    _sub(element, "track", talk.track or "")
    _sub(element, "type", "talk")
    _sub(element, "abstract", talk.abstract or "")
    if slot.persons:
        persons = _sub(element, "persons")
        for person in slot.persons:
            _sub(persons, "person", person.name, guid=person.guid)
    if slot.slides:
        attachments = _sub(element, "attachments")
        _sub(attachments, "attachment", "Slides", href=slot.slides, type="slides")
    if slot.video:
        links = _sub(element, "links")
        _sub(links, "link", "Video recording", href=slot.video, type="video")
