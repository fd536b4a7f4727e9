"""c3voc/frab ``schedule.json`` of an event (``validator/json/schema.json`` of voc/schedule).

The frab layout (``conference.days[].rooms{name: [event]}``) that pretalx and frab
publish and :mod:`podium.schedule_json` reads.  Speakers are written in pretalx's
form (``name`` and the older ``public_name``, a ``guid``, no integer id): the
schema's person is *one of* frab's (``public_name`` + ``id``) or pretalx's
(``name``), so writing both id and name would match both and fail.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from podium import __version__
from podium.export_schedule import ExportedSchedule, Slot, hhmm

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
_ZONE = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")
"""The schema's (unanchored) pattern: a zone it refuses is left out, the offsets stay."""


def c3voc_json(schedule: ExportedSchedule, url: str = "") -> bytes:
    """The schedule as ``schedule.json`` (UTF-8, keys in a fixed order, LF line ends);
    ``url`` is where it is published (``schedule.url``, as frab's XML has it)."""
    event = schedule.event
    conference: dict[str, Any] = {
        "acronym": schedule.acronym,
        "title": event.title,
        "start": event.start.date().isoformat(),
        "end": event.last_day.isoformat(),
        "daysCount": len(schedule.days),
        "timeslot_duration": hhmm(schedule.timeslot),
    }
    if _ZONE.search(event.timezone):
        conference["time_zone_name"] = event.timezone
    if event.url:
        conference["url"] = event.url
    conference["tracks"] = [{"name": name} for name in schedule.tracks]
    rooms = {name: guid for day in schedule.days for name, guid, _ in day.rooms}
    conference["rooms"] = [{"name": name, "guid": guid} for name, guid in rooms.items()]
    conference["days"] = [
        {
            "index": day.index,
            "date": day.date.isoformat(),
            "day_start": day.start.isoformat(),
            "day_end": day.end.isoformat(),
            "rooms": {name: [_event(s, name) for s in slots] for name, _, slots in day.rooms},
        }
        for day in schedule.days
    ]
    document = {
        "$schema": SCHEMA_URL,
        "generator": {"name": "Podium", "version": __version__},
        "schedule": {
            "version": schedule.version,
            **({"url": url} if url else {}),
            "base_url": schedule.base_url,
            "conference": conference,
        },
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _event(slot: Slot, room: str) -> dict[str, Any]:
    talk = slot.talk
    data: dict[str, Any] = {
        "guid": slot.guid,
        "id": slot.number,
        "date": slot.start.isoformat(),
        "start": slot.start.strftime("%H:%M"),
        "duration": hhmm(slot.duration),
        "room": room,
        "slug": slot.json_slug,
        "url": slot.url,
        "title": talk.title,
        "subtitle": talk.subtitle,
        "track": talk.track,
        "type": "talk",
        "language": None,
        "abstract": talk.abstract or "",
        "persons": [
            {
                "guid": p.guid,
                "name": p.name,
                "public_name": p.name,
                **({"url": p.url} if p.url else {}),
            }
            for p in slot.persons
        ],
        "links": [{"url": slot.video, "title": "Video recording", "type": "media"}]
        if slot.video
        else [],
        "attachments": [{"url": slot.slides, "title": "Slides", "type": "slides"}]
        if slot.slides
        else [],
    }
    if slot.duration:
        end = slot.start.astimezone(dt.UTC) + dt.timedelta(minutes=slot.duration)
        data["end"] = end.astimezone(slot.start.tzinfo).isoformat()
    return data
