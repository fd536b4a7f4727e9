"""The timetable core without MkDocs: lanes of clashing talks, zone labels, day labels."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from podium.timetable import _lanes, day_label, zone_label

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        # (index, first row, end row) -> (lane, lanes)
        ([(0, 2, 8), (1, 8, 12)], {0: (0, 1), 1: (0, 1)}),  # back to back: no clash
        ([(0, 2, 8), (1, 5, 11)], {0: (0, 2), 1: (1, 2)}),
        # Three at once; the fourth reuses the first free lane within the same cluster.
        (
            [(0, 2, 8), (1, 3, 9), (2, 4, 6), (3, 6, 10)],
            {0: (0, 3), 1: (1, 3), 2: (2, 3), 3: (2, 3)},
        ),
        # A later, separate talk starts a cluster of its own.
        ([(0, 2, 8), (1, 5, 11), (2, 11, 14)], {0: (0, 2), 1: (1, 2), 2: (0, 1)}),
        ([], {}),
    ],
)
def test_talks_that_clash_in_a_room_share_it_in_lanes(
    blocks: list[tuple[int, int, int]], expected: dict[int, tuple[int, int]]
) -> None:
    assert _lanes(blocks) == expected


def test_zone_and_day_labels() -> None:
    winter = dt.datetime(2026, 1, 31, 9, 30, tzinfo=BRUSSELS)
    summer = dt.datetime(2026, 7, 10, 19, 0, tzinfo=BRUSSELS)
    assert zone_label(BRUSSELS, winter) == "CET, UTC+01:00"
    assert zone_label(BRUSSELS, summer) == "CEST, UTC+02:00"
    assert zone_label(ZoneInfo("Asia/Kolkata"), winter) == "IST, UTC+05:30"
    assert zone_label(ZoneInfo("America/St_Johns"), winter) == "NST, UTC-03:30"
    assert day_label(dt.date(2026, 2, 1)) == "Sunday 1 February 2026"
