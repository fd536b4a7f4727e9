"""load_events: the parsed Event and Talk values, zones, and what is left out; talk views."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from podium.catalog import Catalog
from podium.dates import zone
from podium.events import Event, Location, Photo, Slides, Speaker, load_events
from podium.eventtimes import wall_clock_problem
from podium.eventviews import EventViews
from podium.paths import ContentTree
from podium.people import People, Person
from podium.problems import Problems
from podium.render import Renderer
from podium.settings import Settings

FOSDEM = """\
title: FOSDEM 2024
kind: conference
start: 2024-02-03
end: 2024-02-04
timezone: Europe/Brussels
location:
  name: ULB Solbosch Campus
  city: Brussels
  country: Belgium
online: false
url: https://fosdem.org/2024/
summary: Free and open source developers' meeting
description: |
  Two days of **talks**.
tags: [fosdem, unikernels]
talks:
  - title: From Containers to Unikernels
    id: urunc-fosdem-2024
    subtitle: Navigating integration challenges
    speakers: [simon-kuenzer, Jane Doe]
    track: Containers devroom
    track_url: https://fosdem.org/2024/schedule/track/containers/
    room: UB2.252A (Lameere)
    url: https://fosdem.org/2024/schedule/event/urunc/
    slides: /slides/urunc.pdf#page=3
    video: https://www.youtube.com/watch?v=dQw4w9WgXcQ
    start: 2024-02-03T18:25:00
    duration: 30
    abstract: |
      Containers *and* unikernels.
    tags: [urunc]
  - title: A Modular Approach, to Bunny!
    speakers: [Simon Kuenzer]
    slides: https://example.org/bunny.pdf
    video: https://example.org/bunny.webm
    start: 2024-02-04T09:00:00Z
    duration: 25
photos:
  - src: /assets/imgs/team.jpg
    caption: The hiking team
  - src: assets/imgs/hall.jpg
    alt: The main hall
posts: [blog/2024-02-07-fosdem-2024.md]
"""

PEOPLE = People({"simon-kuenzer": Person("simon-kuenzer", "Simon Kuenzer")})
POSTS = frozenset({"blog/2024-02-07-fosdem-2024.md"})


def _site(
    tmp_path: Path, events: dict[str, str], site_zone: str = "UTC"
) -> tuple[list[Event], Problems]:
    for rel in ("slides/urunc.pdf", "assets/imgs/team.jpg", "assets/imgs/hall.jpg"):
        path = tmp_path / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    folder = tmp_path / "data" / "events"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in events.items():
        (folder / name).write_text(textwrap.dedent(text), "utf-8")
    settings = Settings(
        root=tmp_path,
        content_dir=tmp_path / "content",
        data_dir=tmp_path / "data",
        now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        timezone=zone(site_zone),
    )
    problems = Problems()
    tree = ContentTree(settings.content_dir)
    return load_events(settings, tree, PEOPLE, POSTS, problems), problems


def test_fosdem_event_fields(tmp_path: Path) -> None:
    events, problems = _site(tmp_path, {"fosdem-2024.yml": FOSDEM})
    assert [str(p) for p in problems] == []
    (event,) = events
    brussels = zone("Europe/Brussels")
    assert event.id == "fosdem-2024"
    assert event.shown == "data/events/fosdem-2024.yml"
    assert event.title == "FOSDEM 2024"
    assert event.kind == "conference"
    assert event.start == dt.datetime(2024, 2, 3, tzinfo=brussels)
    assert event.end == dt.datetime(2024, 2, 4, tzinfo=brussels)
    assert event.start.tzinfo is brussels
    assert event.all_day
    assert event.last_day == dt.date(2024, 2, 4)
    assert event.timezone == "Europe/Brussels"
    assert event.location == Location("ULB Solbosch Campus", None, "Brussels", "Belgium", None)
    assert event.location.text() == "ULB Solbosch Campus, Brussels, Belgium"
    assert event.online is False
    assert event.url == "https://fosdem.org/2024/"
    assert event.summary == "Free and open source developers' meeting"
    assert event.description == "Two days of **talks**.\n"
    assert event.tags == ("fosdem", "unikernels")
    assert event.photos == (
        Photo("assets/imgs/team.jpg", "The hiking team", "The hiking team"),
        Photo("assets/imgs/hall.jpg", None, "The main hall"),
    )
    assert event.posts == ("blog/2024-02-07-fosdem-2024.md",)


def test_fosdem_talk_fields(tmp_path: Path) -> None:
    events, _ = _site(tmp_path, {"fosdem-2024.yml": FOSDEM})
    urunc, bunny = events[0].talks
    assert urunc.id == "urunc-fosdem-2024"
    assert urunc.event_id == "fosdem-2024"
    assert urunc.title == "From Containers to Unikernels"
    assert urunc.subtitle == "Navigating integration challenges"
    assert urunc.speakers == (Speaker("simon-kuenzer", "simon-kuenzer"), Speaker("Jane Doe", None))
    assert urunc.track == "Containers devroom"
    assert urunc.track_url == "https://fosdem.org/2024/schedule/track/containers/"
    assert urunc.room == "UB2.252A (Lameere)"
    assert urunc.url == "https://fosdem.org/2024/schedule/event/urunc/"
    assert urunc.slides == Slides("slides/urunc.pdf#page=3", local=True)
    assert urunc.video is not None
    assert urunc.video.kind == "youtube"
    assert urunc.video.embed_url == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert urunc.duration == 30
    assert urunc.abstract == "Containers *and* unikernels.\n"
    assert urunc.tags == ("urunc",)
    assert urunc.line == 17
    # A naive talk time is in the event's zone: 18:25 in Brussels is 17:25 UTC.
    assert urunc.start is not None
    assert urunc.start.astimezone(dt.UTC) == dt.datetime(2024, 2, 3, 17, 25, tzinfo=dt.UTC)
    assert urunc.start.tzinfo is zone("Europe/Brussels")

    assert bunny.id == "a-modular-approach-to-bunny"
    assert bunny.speakers == (Speaker("Simon Kuenzer", "simon-kuenzer"),)
    assert bunny.slides == Slides("https://example.org/bunny.pdf", local=False)
    assert bunny.video is not None and bunny.video.kind == "file"
    # An explicit offset is kept as an instant and shown in the event's zone.
    assert bunny.start == dt.datetime(2024, 2, 4, 10, 0, tzinfo=zone("Europe/Brussels"))
    assert bunny.start is not None and bunny.start.tzinfo is zone("Europe/Brussels")
    assert bunny.duration == 25 and bunny.abstract is None and bunny.tags == ()


def test_site_zone_applies_without_event_timezone(tmp_path: Path) -> None:
    text = """\
    title: Evening meetup
    kind: meetup
    start: 2024-07-01T18:30:00
    end: 2024-07-01 21:00
    talks:
      - {title: Intro, start: "2024-07-01 18:45", duration: 15}
    """
    events, problems = _site(tmp_path, {"evening.yml": text}, site_zone="Europe/Berlin")
    assert list(problems) == []
    (event,) = events
    assert event.timezone == "Europe/Berlin"
    assert not event.all_day
    assert event.start.astimezone(dt.UTC) == dt.datetime(2024, 7, 1, 16, 30, tzinfo=dt.UTC)
    assert event.end == dt.datetime(2024, 7, 1, 21, 0, tzinfo=zone("Europe/Berlin"))
    assert event.last_day == dt.date(2024, 7, 1)
    assert event.location is None and event.talks[0].id == "intro"


def test_utc_site_zone_name(tmp_path: Path) -> None:
    events, _ = _site(tmp_path, {"x.yml": "title: X\nkind: other\nstart: 2024-01-01\n"})
    assert events[0].timezone == "UTC"
    assert events[0].all_day and events[0].end is None
    assert events[0].last_day == dt.date(2024, 1, 1)


def test_sorted_by_start_then_id_and_a_bad_talk_drops_only_itself(tmp_path: Path) -> None:
    events, problems = _site(
        tmp_path,
        {
            "b.yml": "title: B\nkind: meetup\nstart: 2024-01-01\n",
            "a.yml": "title: A\nkind: meetup\nstart: 2024-01-01\n",
            "c.yml": "title: C\nkind: meetup\nstart: 2023-06-01\n",
            "d.yml": "title: D\nkind: meetup\nstart: 2023-01-01\ntalks: [{title: T, room: 1}]\n",
        },
    )
    assert [e.id for e in events] == ["d", "c", "a", "b"]
    assert events[0].talks == ()  # the talk with the error is left out, the event stays
    assert [str(p) for p in problems] == [
        "data/events/d.yml:4:26: error: talks[0].room: "
        'expected text, got the number 1 — write room: "1"'
    ]


def test_warnings_keep_the_event(tmp_path: Path) -> None:
    text = """\
    title: X
    kind: meetup
    start: 2024-02-03
    talks:
      - {title: T, speakers: [nobody-here], start: 2024-02-09T10:00:00, duration: 30}
    """
    events, problems = _site(tmp_path, {"x.yml": text})
    assert [e.id for e in events] == ["x"]
    assert [p.severity for p in problems] == ["warning", "warning"]
    assert events[0].talks[0].speakers == (Speaker("nobody-here", None),)


def test_no_events_folder(tmp_path: Path) -> None:
    settings = Settings(
        root=tmp_path,
        content_dir=tmp_path / "content",
        data_dir=tmp_path / "data",
        now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    problems = Problems()
    assert load_events(settings, ContentTree(tmp_path), PEOPLE, POSTS, problems) == []
    assert list(problems) == []


@pytest.mark.parametrize(
    ("when", "name", "expected"),
    [
        ("2024-03-31T02:30:00", "Europe/Berlin", ("error", "02:00→03:00")),
        ("2024-10-27T02:30:00", "Europe/Berlin", ("warning", "03:00→02:00")),
        ("2024-03-10T02:00:00", "America/New_York", ("error", "02:00→03:00")),
        ("2024-11-03T01:59:00", "America/New_York", ("warning", "02:00→01:00")),
        ("2024-10-06T02:15:00", "Australia/Lord_Howe", ("error", "02:00→02:30")),
        ("2024-03-31T03:00:00", "Europe/Berlin", None),
        ("2024-10-27T03:00:00", "Europe/Berlin", None),
        ("2024-03-31T02:30:00", "UTC", None),
    ],
)
def test_wall_clock_problem(when: str, name: str, expected: tuple[str, str] | None) -> None:
    found = wall_clock_problem(dt.datetime.fromisoformat(when), zone(name), name)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert found[0] == expected[0]
        assert expected[1] in found[1]


def test_ambiguous_time_suggests_the_first_offset() -> None:
    found = wall_clock_problem(
        dt.datetime(2024, 10, 27, 2, 30), zone("Europe/Berlin"), "Europe/Berlin"
    )
    assert found == (
        "warning",
        "is ambiguous in Europe/Berlin (clocks go back 03:00→02:00); add an offset such as +02:00",
    )


def test_user_input_never_raises(tmp_path: Path) -> None:
    nasty = {
        "a.yml": "title: [unclosed\n",
        "b.yml": "!!python/object/apply:os.system ['true']\n",
        "c.yml": "talks: [[[]]]\nphotos: [1, null]\nlocation: [a]\nposts: [1]\n",
        "d.yml": "title: x\nkind: meetup\nstart: 99999-01-01\ntimezone: 5\n",
        "e.yml": "start: {a: 1}\nend: 2024-01-01\ntalks: {}\n",
        "f.yml": "title: x\nkind: meetup\nstart: 2024-01-01\n"
        "talks: [{title: x, start: 9999-12-31T23:59:59-23:59}]\n",
        "g.yml": "title: x\nkind: meetup\nstart: 0001-01-01T00:10:00\ntimezone: Asia/Tokyo\n",
    }
    events, problems = _site(tmp_path, nasty)
    # f's only problem is its talk: the event stays without it (one bad talk drops itself).
    assert [(e.id, e.talks) for e in events] == [("f", ())]
    assert {p.path for p in problems.errors} == {f"data/events/{n}" for n in nasty}


def _views(tmp_path: Path, calendars: bool = False) -> tuple[EventViews, Event]:
    events, problems = _site(tmp_path, {"fosdem-2024.yml": FOSDEM})
    assert [str(p) for p in problems] == []
    (event,) = events
    settings = Settings(
        root=tmp_path,
        content_dir=tmp_path / "content",
        data_dir=tmp_path / "data",
        now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    catalog = Catalog(
        settings=settings,
        posts=(),
        hidden=(),
        people=PEOPLE,
        tags={},
        redirects=(),
        events=(event,),
        _events={event.id: event},
    )
    return EventViews(catalog, calendars=calendars), event


def test_talk_page_prints_the_embed_it_is_given(tmp_path: Path) -> None:
    views, event = _views(tmp_path)
    urunc, bunny = event.talks
    view = views.talk(urunc, "talks/urunc-fosdem-2024/")
    assert view.video is not None
    assert view.video.player == (
        '<div class="podium-embed podium-embed--youtube" '
        'data-podium-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" '
        'data-podium-title="Video: From Containers to Unikernels" '
        'data-podium-button="Load video: From Containers to Unikernels">'
        '<a class="podium-embed__link" '
        'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">'
        "Video: From Containers to Unikernels (on YouTube)</a></div>"
    )
    page = Renderer().render("talk.html", talk=view)
    assert f'<h2 id="recording">Recording</h2>\n    {view.video.player}\n' in page
    # A video file is a <video>, not an embed.
    file_view = views.talk(bunny, "talks/x/")
    assert file_view.video is not None and file_view.video.player is None
    assert '<video class="podium-video"' in Renderer().render("talk.html", talk=file_view)


def test_event_views_link_the_routes(tmp_path: Path) -> None:
    views, event = _views(tmp_path, calendars=True)
    urunc = event.talks[0]
    view = views.talk(urunc, "talks/urunc-fosdem-2024/")
    assert view.href == "./"
    assert view.event.href == "../../events/fosdem-2024/"
    # The talk's own calendar, and the whole event's beside it.
    assert view.calendar == "../urunc-fosdem-2024.ics"
    assert view.event_calendar == "../../events/fosdem-2024.ics"
    assert [s.href for s in view.speakers] == ["../../people/simon-kuenzer/", None]
    assert views.card(event, "").href == "events/fosdem-2024/"
