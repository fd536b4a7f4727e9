"""Hypothesis: payloads and random Unicode in every string field of every format (BAD-INPUT F, I1–I4).

Two properties:

* the core (``build_catalog``) never raises, reports every problem in DESIGN §5 form and
  keeps the valid neighbour post and event, whatever text lands in a field of a YAML, TOML
  or JSON post, an event file, ``data/people.yml`` or ``data/tags.yml``;
* a real build with the payload in every field at once either fails with such messages, or
  every output parses (html5lib, feedparser, icalendar, JSON) and gains no element or
  attribute over a baseline build (tests/payloads.py).

Settings are fixed (``derandomize=True``) so CI runs the same examples every time.
"""

from __future__ import annotations

import json
import re
import tempfile
from functools import cache
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import BuildFailed, build_site, write_site
from tests.golden.test_golden import run_case
from tests.payloads import CONFIG, Shape, check_site, payload_files, shape

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'",
    "' onmouseover='alert(1)",
    "</script><script>alert(1)</script>",
    "{{ config }}",
    "{% include 'x' %}",
    "${{ x }}",
    "Talk\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:pwned",
    "Room A; Building B, 2nd floor \\ back",
    "C:\\New",
    "\u202eevil\u202c",
    "zero\u200bwidth",
    "🎉🦄 emoji",
    "会議とトーク",
    "e\u0301 Zoe\u0308 combining",
    "]]><!-- -->",
    "&amp; &#106; &lt;",
    "x" * 300,
    "y" * 301,
    "字" * 300,
    "",
    "   ",
    "null",
    "yes",
    "2024-01-01",
    "- a",
    "a: b",
    "\\",
    '"',
]
TEXT = st.one_of(st.sampled_from(PAYLOADS), st.text())
MESSAGE = re.compile(r"^(content|data)/\S+:\d+(:\d+)?: (error|warning): ")

POST_FIELDS = ["title", "description", "tags", "authors"]
EVENT_FIELDS = [
    "title",
    "summary",
    "description",
    "location.name",
    "location.city",
    "location.country",
    "photos.caption",
    "talk.title",
    "talk.track",
    "talk.abstract",
    "talk.speakers",
    "talk.room",
]
DATA_FIELDS = ["person.name", "person.role", "tag.title", "tag.description"]


def toml_string(value: str) -> str:
    """A TOML basic string: escapes for '\\', '"' and every control character."""
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return toml_string(value)
    raise TypeError(value)


def post_file(field: str, fmt: str, value: str) -> str:
    meta: dict[str, object] = {"title": "Post", "date": "2024-03-01"}
    meta[field] = [value] if field in ("tags", "authors") else value
    if fmt == "yaml":
        return "---\n" + yaml.safe_dump(meta, allow_unicode=True, width=10**6) + "---\n\nBody.\n"
    if fmt == "toml":
        lines = [f"{key} = {toml_value(v)}" for key, v in meta.items()]
        return "+++\n" + "\n".join(lines) + "\n+++\n\nBody.\n"
    return json.dumps(meta, ensure_ascii=False, indent=1) + "\n\nBody.\n"


def event_file(field: str, value: str) -> str:
    talk: dict[str, object] = {"title": "Talk", "id": "talk", "speakers": ["ada"]}
    event: dict[str, object] = {
        "title": "Event",
        "kind": "meetup",
        "start": "2024-02-03",
        "location": {"name": "Hall", "city": "Brussels", "country": "Belgium"},
        "photos": [{"src": "/img/team.jpg", "caption": "Team"}],
        "talks": [talk],
    }
    head, _, leaf = field.partition(".")
    if head == "talk":
        talk[leaf] = [value] if leaf == "speakers" else value
    elif head == "location":
        event["location"] = {**event["location"], leaf: value}  # type: ignore[dict-item]
    elif head == "photos":
        event["photos"] = [{"src": "/img/team.jpg", "caption": value}]
    else:
        event[field] = value
    return yaml.safe_dump(event, allow_unicode=True, width=10**6)


def case_files(kind: str, field: str, fmt: str, value: str) -> dict[str, str]:
    people = {"ada": {"name": "Ada", "role": "Speaker"}}
    tags = {"news": {"title": "News", "description": "Announcements."}}
    if kind == "data":
        what, _, leaf = field.partition(".")
        if what == "person":
            people["ada"][leaf] = value
        else:
            tags["news"][leaf] = value
    files = {
        "content/img/team.jpg": "jpg",
        "content/blog/tagged.md": "---\ntitle: Tagged\ndate: 2024-01-02\ntags: [news]\n---\n",
        "data/people.yml": yaml.safe_dump(people, allow_unicode=True, width=10**6),
        "data/tags.yml": yaml.safe_dump(tags, allow_unicode=True, width=10**6),
        "data/events/x.yml": event_file(field, value)
        if kind == "event"
        else "title: Event\nkind: meetup\nstart: 2024-02-03\n",
    }
    if kind == "post":
        files["content/blog/p.md"] = post_file(field, fmt, value)
    return files


FIELD = st.one_of(
    st.tuples(
        st.just("post"), st.sampled_from(POST_FIELDS), st.sampled_from(["yaml", "toml", "json"])
    ),
    st.tuples(st.just("event"), st.sampled_from(EVENT_FIELDS), st.just("yaml")),
    st.tuples(st.just("data"), st.sampled_from(DATA_FIELDS), st.just("yaml")),
)


@settings(max_examples=1000, derandomize=True, database=None, deadline=None)
@given(where=FIELD, value=TEXT)
def test_core_reports_every_problem_in_design_form(where: tuple[str, str, str], value: str) -> None:
    kind, field, fmt = where
    with tempfile.TemporaryDirectory() as tmp:
        messages, titles, events = run_case(
            {"files": case_files(kind, field, fmt, value)}, Path(tmp)
        )
    for line in messages.splitlines():
        assert MESSAGE.match(line), line
    assert "Neighbour" in titles, messages
    assert "zz-neighbour" in events, messages


@cache
def baseline() -> Shape:
    root = Path(tempfile.mkdtemp(prefix="podium-baseline-"))
    write_site(root, payload_files("Baseline text"), CONFIG)
    return shape(build_site(root))


@settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(value=st.one_of(st.sampled_from(PAYLOADS), st.text(min_size=1)))
def test_real_build_keeps_payloads_as_text(value: str) -> None:
    expected = baseline()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_site(root, payload_files(value), CONFIG)
        try:
            built = build_site(root)
        except BuildFailed as failed:
            podium = [m for m in failed.messages if m.startswith(("content/", "data/"))]
            assert podium, failed.messages
            for message in podium:
                for line in message.splitlines():
                    assert MESSAGE.match(line), line
            assert not any("Traceback" in m for m in failed.messages)
            event("rejected with content errors")
            return
        event("built")
        check_site(built, value, expected)
