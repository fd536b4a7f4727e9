"""What the talks catalog filters on: each talk's keys, and the choices of day and room.

The keys are worked out here once per talk and printed as ``data-*`` attributes of
its row, so the page's script only compares strings (it never reads the rows'
text).  The free-text key is folded the way podium.js folds what the reader types:
Unicode compatibility decomposition, combining marks removed, lower case — so
``Gomès`` finds ``Raphaël Gomès`` whichever way either was written.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable

from podium.events import Event, Talk
from podium.text import slugify


def fold(text: str) -> str:
    """Lower case, without accents, spaces collapsed: what the text filter compares."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().split())


def talk_keys(talk: Talk, speaker_names: Iterable[str]) -> dict[str, str]:
    """The day (``2026-01-31``, in the event's zone), room slug and folded text of a talk."""
    words = [talk.title, talk.subtitle or "", *speaker_names]
    return {
        "day": talk.start.date().isoformat() if talk.start else "",
        "room": slugify(talk.room) if talk.room else "",
        "text": fold(" ".join(w for w in words if w)),
    }


def event_days(event: Event, shown: set[str]) -> list[tuple[str, str]]:
    """The days the event's shown talks start on, in order: (``2026-01-31``, its label)."""
    days = sorted({t.start.date() for t in event.talks if t.start and t.id in shown})
    return [(d.isoformat(), day_label(d)) for d in days]


def day_label(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B} {day.year}"
