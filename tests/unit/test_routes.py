"""podium.routing owns the site's URLs (DESIGN §4): every route, src_uri ↔ URL, reserved names."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

import podium
from podium import routing
from podium.routing import (
    AGENDA_DATA_PATH,
    AGENDA_SRC,
    AGENDA_URL,
    ATOM_FEED_PATH,
    EVENTS_CALENDAR_PATH,
    EVENTS_SRC,
    EVENTS_URL,
    PEOPLE_SRC,
    PEOPLE_URL,
    RESERVED,
    RSS_FEED_PATH,
    TAGS_SRC,
    TAGS_URL,
    TALKS_SRC,
    TALKS_URL,
    alias_url,
    archive_src,
    archive_url,
    blog_page_src,
    blog_page_url,
    dest_of,
    event_calendar_path,
    event_src,
    event_url,
    is_reserved,
    page_url,
    person_src,
    person_url,
    redirect_path,
    tag_feed_path,
    tag_src,
    tag_url,
    talk_src,
    talk_url,
    timetable_day_src,
    timetable_day_url,
    timetable_src,
    timetable_url,
)

# (src_uri, URL) of every kind of generated page, spelled out as DESIGN §4 has them.
PAGES = [
    pytest.param(blog_page_src("blog"), blog_page_url("blog"), "blog/index.md", "blog/", id="blog"),
    pytest.param(
        blog_page_src("blog", 2),
        blog_page_url("blog", 2),
        "blog/page/2/index.md",
        "blog/page/2/",
        id="blog-page-2",
    ),
    pytest.param(
        blog_page_src("/news/", 12),
        blog_page_url("/news/", 12),
        "news/page/12/index.md",
        "news/page/12/",
        id="blog-dir-option",
    ),
    pytest.param(
        archive_src("blog"),
        archive_url("blog"),
        "blog/archive/index.md",
        "blog/archive/",
        id="archive",
    ),
    pytest.param(TAGS_SRC, TAGS_URL, "tags/index.md", "tags/", id="tags"),
    pytest.param(tag_src("rust"), tag_url("rust"), "tags/rust/index.md", "tags/rust/", id="tag"),
    pytest.param(EVENTS_SRC, EVENTS_URL, "events/index.md", "events/", id="events"),
    pytest.param(
        event_src("fosdem-2024"),
        event_url("fosdem-2024"),
        "events/fosdem-2024/index.md",
        "events/fosdem-2024/",
        id="event",
    ),
    pytest.param(TALKS_SRC, TALKS_URL, "talks/index.md", "talks/", id="talks"),
    pytest.param(
        talk_src("urunc"), talk_url("urunc"), "talks/urunc/index.md", "talks/urunc/", id="talk"
    ),
    pytest.param(PEOPLE_SRC, PEOPLE_URL, "people/index.md", "people/", id="people"),
    pytest.param(
        timetable_src("fosdem-2026"),
        timetable_url("fosdem-2026"),
        "events/fosdem-2026/timetable/index.md",
        "events/fosdem-2026/timetable/",
        id="timetable",
    ),
    pytest.param(
        timetable_day_src("fosdem-2026", dt.date(2026, 1, 31)),
        timetable_day_url("fosdem-2026", dt.date(2026, 1, 31)),
        "events/fosdem-2026/timetable/2026-01-31/index.md",
        "events/fosdem-2026/timetable/2026-01-31/",
        id="timetable-day",
    ),
    pytest.param(AGENDA_SRC, AGENDA_URL, "agenda/index.md", "agenda/", id="agenda"),
    pytest.param(
        person_src("ada"), person_url("ada"), "people/ada/index.md", "people/ada/", id="person"
    ),
]


@pytest.mark.parametrize(("src", "url", "expected_src", "expected_url"), PAGES)
def test_generated_pages(src: str, url: str, expected_src: str, expected_url: str) -> None:
    assert (src, url) == (expected_src, expected_url)


@pytest.mark.parametrize(("src", "url", "expected_src", "expected_url"), PAGES)
def test_a_generated_page_is_published_at_its_url(
    src: str, url: str, expected_src: str, expected_url: str
) -> None:
    # MkDocs turns the virtual file into the page at the URL the views link to.
    assert page_url(src) == url
    assert dest_of(url) == src.removesuffix(".md") + ".html"


def test_generated_files() -> None:
    assert (ATOM_FEED_PATH, RSS_FEED_PATH) == ("feed.xml", "rss.xml")
    assert tag_feed_path("rust") == "tags/rust/feed.xml"
    assert EVENTS_CALENDAR_PATH == "events.ics"
    assert event_calendar_path("fosdem-2024") == "events/fosdem-2024.ics"
    # A file is its own output path: no index.html appended.
    for path in (ATOM_FEED_PATH, tag_feed_path("rust"), event_calendar_path("x")):
        assert dest_of(path) == path


@pytest.mark.parametrize(
    ("alias", "path"),
    [
        ("/old/path", "old/path/index.html"),
        ("old/path/", "old/path/index.html"),
        ("2019/01/hello", "2019/01/hello/index.html"),
        ("legacy.html", "legacy.html"),
        ("/a/b.htm", "a/b.htm"),
    ],
)
def test_redirect_path_of_an_alias(alias: str, path: str) -> None:
    assert redirect_path(alias) == path
    # The catalog keeps aliases as alias_url() made them; the path is the same from there.
    assert redirect_path(alias_url(alias)) == path


def test_reserved_names() -> None:
    podium_writes = {"tags", "events", "talks", "people", "feed.xml", "rss.xml", "events.ics"}
    podium_writes.add("agenda")
    mkdocs_writes = {"assets", "search", "404.html", "sitemap.xml", "sitemap.xml.gz"}
    assert set(RESERVED) == podium_writes | mkdocs_writes
    assert len(set(RESERVED)) == len(RESERVED)


@pytest.mark.parametrize(
    "route",
    [
        TAGS_URL,
        tag_url("a"),
        tag_feed_path("a"),
        EVENTS_URL,
        event_url("a"),
        event_calendar_path("a"),
        EVENTS_CALENDAR_PATH,
        TALKS_URL,
        talk_url("a"),
        PEOPLE_URL,
        person_url("a"),
        timetable_url("a"),
        timetable_day_url("a", dt.date(2026, 1, 31)),
        AGENDA_URL,
        AGENDA_DATA_PATH,
        ATOM_FEED_PATH,
        RSS_FEED_PATH,
    ],
)
def test_every_generated_route_is_reserved(route: str) -> None:
    assert is_reserved(route, "blog") == route.split("/", 1)[0]


@pytest.mark.parametrize(
    ("url", "section"),
    [
        ("blog/", "blog/"),
        ("blog/page/", "blog/page/"),
        ("blog/page/3/", "blog/page/"),
        ("blog/archive/", "blog/archive/"),
        ("blog/archive/2024/", "blog/archive/"),
        ("tags/x/", "tags"),
        ("sitemap.xml", "sitemap.xml"),
        ("assets/podium/podium.js", "assets"),
        ("blog/my-post/", None),
        ("blog/pages/", None),
        ("blog/archived/", None),
        ("tagsx/", None),
        ("my-events/", None),
        ("news/page/2/", None),
    ],
)
def test_is_reserved(url: str, section: str | None) -> None:
    assert is_reserved(url, "blog") == section


def test_is_reserved_follows_the_blog_dir() -> None:
    assert is_reserved("news/page/2/", "news") == "news/page/"
    assert is_reserved("news/", "news") == "news/"
    assert is_reserved("blog/page/2/", "news") is None


# -- the core spells no route itself --------------------------------------------------------------

_ROUTE = re.compile(
    r"^(tags|events|talks|people)/|feed\.xml|rss\.xml|\.ics\b|(^|/)page/|(^|/)archive/"
)


def _route_literals(path: Path) -> list[str]:
    """String constants that look like a URL of the site, docstrings left out."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and _ROUTE.search(node.value)
    ]
    return [f"{path.name}:{n.lineno}: {n.value!r}" for n in sorted(found, key=lambda n: n.lineno)]


def test_the_pattern_finds_route_literals(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Writes events.ics."""\n'
        'a = f"tags/{slug}/"\n'
        'b = "feed.xml"\n'
        'c = f"{blog}/page/{n}/index.md"\n'
        'd = data_dir / "events"\n',
        "utf-8",
    )
    assert [found.split(": ", 1)[1] for found in _route_literals(sample)] == [
        "'tags/'",
        "'feed.xml'",
        "'/page/'",
    ]


def test_no_core_module_but_routing_spells_a_route() -> None:
    package = Path(podium.__file__).parent
    core = [p for p in sorted(package.glob("*.py")) if p.name != Path(routing.__file__).name]
    assert len(core) > 10
    assert [found for path in core for found in _route_literals(path)] == []
