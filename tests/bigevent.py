"""A generated conference the size of FOSDEM: hundreds of talks over days, rooms and tracks.

Used where the real FOSDEM 2026 import (../shared/corpus) may be absent, so the page
weight and filter tests still run at full size.  Titles, names and abstracts are made
of varied words (not one repeated string), so compression is not flattered.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

WORDS = [
    "kernel",
    "container",
    "unikernel",
    "rust",
    "python",
    "scheduler",
    "network",
    "storage",
    "compiler",
    "browser",
    "database",
    "graphics",
    "firmware",
    "security",
    "testing",
    "packaging",
    "desktop",
    "embedded",
    "radio",
    "music",
    "legal",
    "community",
    "design",
    "energy",
    "observability",
    "tracing",
    "virtual",
    "machine",
    "memory",
]
FIRST = [
    "Ada",
    "Grace",
    "Linus",
    "Radia",
    "Ken",
    "Barbara",
    "Dennis",
    "Frances",
    "Guido",
    "Margaret",
    "Niklaus",
    "Hedy",
]
LAST = [
    "Lovelace",
    "Hopper",
    "Torvalds",
    "Perlman",
    "Thompson",
    "Liskov",
    "Ritchie",
    "Allen",
    "Rossum",
    "Wirth",
    "Lamarr",
]
ROOMS = [f"{b}.{f}.{n} ({name})" for b, f, n, name in (
    ("K", 1, 105, "La Fontaine"), ("UA2", 2, 118, "Henriot"), ("H", 1, 301, "Cornil"),
    ("U", "A2", 220, "Guillissen"), ("K", 4, 201, "Depage"), ("AW1", 1, 120, "Lameere"),
)] + [f"UB{n}.{n * 7}" for n in range(2, 60)]  # fmt: skip


def big_event(talks: int = 900, seed: int = 2026) -> dict[str, Any]:
    """An event of ``talks`` talks on two days in 64 rooms, ~62 tracks, with abstracts."""
    rnd = random.Random(seed)
    start = dt.datetime(2026, 1, 31, 9, 0)
    items = []
    for i in range(talks):
        room = i % len(ROOMS)
        day, slot = divmod(i // len(ROOMS), 8)
        title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 8))).capitalize()
        speakers = [f"{rnd.choice(FIRST)} {rnd.choice(LAST)} {i % 97}"]
        abstract = "\n\n".join(
            " ".join(rnd.choice(WORDS) for _ in range(60)).capitalize() + "." for _ in range(3)
        )
        items.append(
            {
                "title": f"{title} {i}",
                "id": f"talk-{i:04d}",
                "speakers": speakers,
                "track": f"{WORDS[room % len(WORDS)].capitalize()} devroom {room % 62}",
                "room": ROOMS[room],
                "start": (start + dt.timedelta(days=day % 2, minutes=50 * slot)).isoformat(),
                "duration": 40,
                "abstract": abstract,
            }
        )
    return {
        "title": "Big Conference 2026",
        "kind": "conference",
        "start": "2026-01-31",
        "end": "2026-02-01",
        "timezone": "Europe/Brussels",
        "location": {"name": "ULB Solbosch", "city": "Brussels", "country": "Belgium"},
        "talks": items,
    }


def write_big_event(root: Path, talks: int = 900) -> Path:
    path = root / "data" / "events" / "big-2026.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(big_event(talks), sort_keys=False, allow_unicode=True), "utf-8")
    return path
