"""A fixture site with one payload in every string field, and the checks of its output (BAD-INPUT F).

Shared by tests/build/test_bad_input.py (fixed payloads) and tests/property/ (Hypothesis).
``payload_files(p)`` puts ``p`` into post title/description/tags/authors, event
title/summary/description/location, talk title/track/abstract/speakers/room,
person name/role, photo caption and tag title/description.  ``check_site`` parses
every output and compares it with a baseline build of the same site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import feedparser
import html5lib
import yaml
from icalendar import Calendar

from tests.conftest import Built

PLUGINS = [
    "search",
    {"podium/posts": {"timezone": "Europe/Brussels"}},
    "podium/events",
    "podium/tags",
]
CONFIG: dict[str, object] = {"plugins": PLUGINS}
EVENT_ID = "conf-2024"
TALK_ID = "the-talk"
PERSON_ID = "ada"
TAG = "payload-tag"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _dump(data: object) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**6)


def payload_files(payload: str) -> dict[str, str | bytes]:
    """A small but complete site with ``payload`` in every string field."""
    one_line = payload
    post_meta = {
        "title": one_line,
        "date": "2024-03-01",
        "description": payload,
        "tags": [TAG, one_line],
        "authors": [PERSON_ID, one_line],
    }
    event = {
        "title": one_line,
        "kind": "conference",
        "start": "2024-02-03",
        "end": "2024-02-04",
        "timezone": "Europe/Brussels",
        "summary": one_line,
        "description": payload,
        "location": {"name": one_line, "city": one_line, "country": one_line},
        "tags": [TAG],
        "photos": [{"src": "/img/team.jpg", "caption": one_line}],
        "talks": [
            {
                "title": one_line,
                "id": TALK_ID,
                "speakers": [PERSON_ID, one_line],
                "track": one_line,
                "room": one_line,
                "abstract": payload,
                "start": "2024-02-03T18:25:00",
                "duration": 30,
                "tags": [TAG],
            },
            {
                "title": "Second talk",
                "id": "second",
                "start": "2024-02-04T10:00:00",
                "duration": 20,
            },
        ],
    }
    people = {PERSON_ID: {"name": one_line, "role": one_line}}
    tags = {TAG: {"title": one_line, "description": payload}}
    files: dict[str, str | bytes] = {
        "content/index.md": "# Home\n\nWelcome.\n",
        "content/img/team.jpg": b"\xff\xd8\xff",
        "content/blog/payload.md": f"---\n{_dump(post_meta)}---\n\nBody text.\n",
        "content/blog/neighbour.md": "---\ntitle: Neighbour\ndate: 2024-01-01\n---\n\nStill here.\n",
        "data/people.yml": _dump(people),
        "data/tags.yml": _dump(tags),
        f"data/events/{EVENT_ID}.yml": _dump(event),
        "data/events/neighbour.yml": "title: Neighbour meetup\nkind: meetup\nstart: 2023-05-01\n",
    }
    # Bytes: write_site would dedent text, which changes whitespace-only lines.
    return {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in files.items()}


@dataclass(frozen=True)
class Shape:
    """What injection could change: per page, the count of <script> elements and on* attributes."""

    pages: Mapping[str, tuple[int, int]]

    @property
    def totals(self) -> tuple[int, int, int]:
        scripts = sum(s for s, _ in self.pages.values())
        handlers = sum(h for _, h in self.pages.values())
        return len(self.pages), scripts, handlers


def parse_html(path: Path) -> object:
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=True)
    return parser.parse(path.read_bytes(), transport_encoding="utf-8")


def _iter(tree: object) -> list[object]:
    return list(tree.iter())  # type: ignore[attr-defined]


def shape(built: Built) -> Shape:
    pages: dict[str, tuple[int, int]] = {}
    for html in sorted(built.site.rglob("*.html")):
        scripts = handlers = 0
        for el in _iter(parse_html(html)):
            tag = getattr(el, "tag", "")
            if not isinstance(tag, str):
                continue
            if tag == XHTML + "script":
                scripts += 1
            handlers += sum(1 for name in el.attrib if name.lower().startswith("on"))  # type: ignore[attr-defined]
            assert (
                tag.startswith(XHTML)
                or tag.startswith("{http://www.w3.org/2000/svg}")
                or (tag.startswith("{http://www.w3.org/1998/Math/MathML}"))
            ), (html, tag)
        pages[html.relative_to(built.site).as_posix()] = (scripts, handlers)
    return Shape(pages)


def _text(el: object) -> str:
    return "".join(el.itertext())  # type: ignore[attr-defined]


def _find(tree: object, tag: str, cls: str | None = None) -> list[object]:
    out = []
    for el in _iter(tree):
        if getattr(el, "tag", None) != XHTML + tag:
            continue
        if cls is None or cls in (el.attrib.get("class") or "").split():  # type: ignore[attr-defined]
            out.append(el)
    return out


def _strings(data: object) -> list[str]:
    """Every string value in parsed JSON."""
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return [data.strip()] if isinstance(data, str) else []


def _xml_ok(value: str) -> bool:
    """Whether the payload is text that every output can hold as it is."""
    return not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\r\n]", value)


def check_site(built: Built, payload: str, baseline: Shape) -> None:
    """Every output of a payload build parses, holds the payload as text, and gains no markup."""
    got = shape(built)
    tag_page = baseline.pages[f"tags/{TAG}/index.html"]
    for path, counts in got.pages.items():
        # The payload's own tag page has a payload-made path; it looks like any tag page.
        expected = baseline.pages.get(path, tag_page if path.startswith("tags/") else None)
        assert counts == expected, (path, counts, expected)
    assert {p for p in baseline.pages if not p.startswith("tags/")} <= set(got.pages)
    shown = payload.strip()
    plain = _xml_ok(payload) and shown == payload and "  " not in payload
    # DOM text equals the input where it is shown as a heading.
    for url in (
        "blog/payload/",
        f"events/{EVENT_ID}/",
        f"talks/{TALK_ID}/",
        f"people/{PERSON_ID}/",
    ):
        tree = parse_html(built.site / url / "index.html")
        titles = [_text(t) for t in _find(tree, "title")]
        assert titles and all("<" not in t or "<" in payload for t in titles)
        if plain:
            headings = [_text(h).strip() for h in _find(tree, "h1")]
            assert shown in headings, (url, headings)
        for script in _find(tree, "script"):
            if script.attrib.get("type") == "application/ld+json":  # type: ignore[attr-defined]
                data = json.loads(_text(script))
                if plain:
                    assert shown in _strings(data), url
                raw = _text(script)
                assert "</" not in raw and "<!--" not in raw
    search = json.loads((built.site / "search/search_index.json").read_text("utf-8"))
    assert search["docs"]
    for name in ("feed.xml", "rss.xml"):
        parsed = feedparser.parse((built.site / name).read_bytes())
        assert parsed.bozo == 0, (name, parsed.get("bozo_exception"))
        titles = [e.title for e in parsed.entries]
        assert "Neighbour" in titles
        if plain:
            assert shown in titles, (name, titles)
    calendars = sorted(built.site.rglob("*.ics"))
    assert calendars
    for ics in calendars:
        cal = Calendar.from_ical(ics.read_bytes())
        events = [c for c in cal.walk() if c.name == "VEVENT"]
        raw = ics.read_bytes()
        assert raw.count(b"BEGIN:VEVENT") == len(events)
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), ics
        raw.decode("utf-8")  # folding never splits a UTF-8 sequence
        rel = ics.relative_to(built.site).as_posix()
        if rel == "events.ics":
            assert len(events) == 2, rel  # the payload event and the neighbour
        elif EVENT_ID in rel:
            assert len(events) in (1, 3), rel  # the event, or the event and its two talks
        if plain and EVENT_ID in rel:
            summaries = [str(e.get("SUMMARY")) for e in events]
            assert any(shown in s for s in summaries), (rel, summaries)
    # The schedule exports parse, and hold the payload as text (lxml and json escape it).
    from lxml import etree

    exports = built.site / "events" / EVENT_ID
    xml = etree.fromstring((exports / "schedule.xml").read_bytes())
    assert {el.tag for el in xml.iter() if isinstance(el.tag, str)} <= FRAB_TAGS
    exported = json.loads((exports / "schedule.json").read_text("utf-8"))
    if plain:
        assert shown in xml.xpath("//event/title/text()")
        assert shown in [p.text for p in xml.iter("person")]
        assert shown in _strings(exported)


FRAB_TAGS = frozenset(
    [
        "schedule",
        "generator",
        "url",
        "version",
        "conference",
        "title",
        "acronym",
        "start",
        "end",
        "days",
        "timeslot_duration",
        "base_url",
        "time_zone_name",
        "track",
        "day",
        "room",
        "event",
        "date",
        "duration",
        "slug",
        "subtitle",
        "type",
        "abstract",
        "persons",
        "person",
        "attachments",
        "attachment",
        "links",
        "link",
    ]
)
"""Every element the frab export writes: a payload never adds one."""
