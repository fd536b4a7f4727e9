"""Hypothesis over options, front matter and event data (issue 16).

Three properties, whatever the values:

* no traceback: `podium check` (options and content) and the core return messages;
* every message has ``file:line`` (mkdocs.yml, content/…, data/…);
* nothing is written outside site_dir: every post, redirect and generated path the
  catalog gives passes the path guard, and a few real builds leave nothing beside
  their site folder.

``derandomize=True`` so every run checks the same examples; the whole file runs in
well under a minute.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from podium import cli
from podium.catalog import build_catalog
from podium.outputs import OutputError, inside
from podium.problems import Problems
from podium.routing import dest_of, redirect_path
from podium.settings import Settings
from tests.conftest import BuildFailed, build_site, post, write_site

MESSAGE = re.compile(
    r"^(mkdocs\.yml|PODIUM_NOW|content/\S+|data/\S*):\d+(:\d+)?: (error|warning): "
)
NASTY_TEXT = st.sampled_from(
    ["", "/", "./", ".", "..", "../x", "/abs", "a/../..", "{slug}", "{nope}", "a\\b", "%2e%2e",
     "C:/x", "blog", "tags", "feed.xml", "index.html", "\0", " ", "{year}/{slug}", "{file}/"]
)  # fmt: skip
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    NASTY_TEXT,
    st.text(max_size=12),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=4), st.text(max_size=8), max_size=2),
)
OPTIONS = st.dictionaries(
    st.sampled_from(
        ["blog_dir", "post_url", "data_dir", "per_page", "feed_size", "timezone", "feeds",
         "external_links", "feed_content", "parallel", "nope"]
    ),
    ANY_VALUE,
    max_size=4,
)  # fmt: skip
SITE_DIR = Path("/nonexistent-site-dir-for-the-guard")


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


def _config(options: dict[str, Any]) -> str:
    return yaml.safe_dump(
        {"site_name": "x", "docs_dir": "content", "plugins": [{"podium/posts": options}]},
        allow_unicode=True,
    )


def _assert_outputs_inside(settings: Settings, sources: list[str]) -> None:
    catalog = build_catalog(settings, sources, Problems())
    for found in (*catalog.posts, *catalog.hidden):
        inside(SITE_DIR, found.dest_uri)
    for redirect in catalog.redirects:
        inside(SITE_DIR, redirect_path(redirect.url))
    for number in range(1, len(catalog.blog_pages()) + 1):
        from podium.routing import blog_page_url

        inside(SITE_DIR, dest_of(blog_page_url(settings.blog_dir, number)))


@settings(max_examples=100, derandomize=True, database=None, deadline=None)
@given(options=OPTIONS)
def test_options_never_raise_and_every_message_has_a_place(options: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _write(root, {"content/index.md": "# x\n", "content/blog/a.md": post("A", "2024-01-01")})
        (root / "data").mkdir()
        try:
            text = _config(options)
        except (yaml.YAMLError, ValueError):
            return  # not something a person can write in YAML
        (root / "mkdocs.yml").write_text(text, "utf-8")
        problems = Problems()
        loaded = cli.load_settings(root / "mkdocs.yml", problems)
        for problem in problems:
            assert MESSAGE.match(str(problem)), str(problem)
        if problems.errors:
            return
        fixed = Settings(**{**loaded.__dict__, "now": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)})
        _assert_outputs_inside(fixed, ["index.md", "blog/a.md"])


FRONT = st.fixed_dictionaries(
    {"title": st.one_of(st.just("Post"), ANY_VALUE), "date": st.one_of(st.just("2024-01-01"), ANY_VALUE)},
    optional={
        "slug": ANY_VALUE,
        "aliases": st.lists(st.one_of(NASTY_TEXT, st.text(max_size=10)), max_size=3),
        "draft": ANY_VALUE,
        "tags": st.one_of(ANY_VALUE, st.lists(st.text(max_size=6), max_size=3)),
        "template": ANY_VALUE,
        "event": ANY_VALUE,
    },
)  # fmt: skip
POST_URL = st.sampled_from([None, "{year}/{slug}/", "posts/{file}/", "{slug}"])


@settings(max_examples=120, derandomize=True, database=None, deadline=None)
@given(front=FRONT, post_url=POST_URL, body=st.sampled_from(["", "<!-- podium:posts -1 -->"]))
def test_front_matter_never_raises_and_stays_inside_site_dir(
    front: dict[str, Any], post_url: str | None, body: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        try:
            text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body + "\n"
        except (yaml.YAMLError, ValueError):
            return
        _write(root, {"content/index.md": "# x\n", "content/blog/p.md": text})
        settings_ = Settings(
            root=root,
            content_dir=root / "content",
            data_dir=root / "data",
            now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            post_url=post_url,
        )
        problems = Problems()
        build_catalog(settings_, ["index.md", "blog/p.md"], problems)
        for problem in problems:
            assert MESSAGE.match(str(problem)), str(problem)
        _assert_outputs_inside(settings_, ["index.md", "blog/p.md"])


WHEN = st.one_of(
    st.sampled_from(["2024-02-03", "2024-02-03T10:00:00", "25:99", "9999-12-31T23:59:59",
                     "0001-01-01", "2024-02-30", "18:30"]),
    ANY_VALUE,
)  # fmt: skip
TALK = st.fixed_dictionaries(
    {"title": st.one_of(st.just("Talk"), ANY_VALUE)},
    optional={"id": ANY_VALUE, "start": WHEN, "duration": ANY_VALUE, "slides": NASTY_TEXT},
)
EVENT = st.fixed_dictionaries(
    {"title": st.just("Event"), "kind": st.just("meetup"), "start": WHEN},
    optional={
        "end": WHEN,
        "timezone": st.one_of(st.sampled_from(["Europe/Berlin", "Nope/Zone"]), ANY_VALUE),
        "talks": st.one_of(st.lists(TALK, max_size=3), ANY_VALUE),
        "url": ANY_VALUE,
    },
)


@settings(max_examples=100, derandomize=True, database=None, deadline=None)
@given(event=EVENT, other=st.lists(TALK, max_size=2))
def test_event_data_never_raises_and_every_message_has_a_place(
    event: dict[str, Any], other: list[dict[str, Any]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        try:
            first = yaml.safe_dump(event, allow_unicode=True)
            second = yaml.safe_dump(
                {"title": "B", "kind": "meetup", "start": "2024-01-01", "talks": other}
            )
        except (yaml.YAMLError, ValueError):
            return
        _write(root, {"data/events/a.yml": first, "data/events/b.yml": second})
        for preview in (False, True):
            settings_ = Settings(
                root=root,
                content_dir=root / "content",
                data_dir=root / "data",
                now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                preview=preview,
            )
            (root / "content").mkdir(exist_ok=True)
            problems = Problems()
            catalog = build_catalog(settings_, [], problems)
            for problem in problems:
                assert MESSAGE.match(str(problem)), str(problem)
            ids = [t.id for t in catalog.talks]
            assert len(ids) == len(set(ids)), ids  # a reused id never makes two pages


@settings(
    max_examples=3,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(options=OPTIONS, alias=NASTY_TEXT)
@example(options={}, alias="old/")  # a whole build, with its redirect
@example(options={"post_url": "{slug}"}, alias="feed.xml")
def test_real_builds_write_only_into_site_dir(options: dict[str, Any], alias: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        root.mkdir()
        files = {
            "content/index.md": "# Home\n",
            "content/blog/a.md": post("A", "2024-01-01", aliases=[alias]),
        }
        try:
            config = {"plugins": ["search", {"podium/posts": {**options, "parallel": False}}]}
            yaml.safe_dump(config)
        except (yaml.YAMLError, ValueError):
            return
        write_site(root, files, config)
        (root / "data").mkdir()
        try:
            build_site(root)
        except BuildFailed as failed:
            assert "Traceback" not in str(failed)
            for line in str(failed).splitlines():
                if ": error: " in line or ": warning: " in line:
                    assert MESSAGE.match(line), line
        except OutputError as exc:  # the guard's last line held; the catalog should say first
            raise AssertionError(f"unreported unsafe output: {exc}") from exc
        assert sorted(p.name for p in Path(tmp).iterdir()) == ["project"]
        assert sorted(p.name for p in root.iterdir()) <= ["content", "data", "mkdocs.yml", "site"]
