"""Unit tests of the core pieces: URLs, dates, tags, excerpts, link maps, the catalog, the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from podium import cli
from podium.catalog import build_catalog
from podium.dates import DateError, now, parse_when
from podium.excerpts import excerpt_html, reading_minutes
from podium.linkmap import apply_external_links
from podium.problems import Problems
from podium.routing import alias_problem, alias_url, page_url, post_url
from podium.settings import Settings
from podium.siteoptions import post_url_problem
from podium.tags import TagData, TagInfo, build_tags
from podium.text import slugify

UTC = dt.UTC
WHEN = dt.datetime(2024, 3, 3, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("src", "template", "slug", "expected"),
    [
        ("blog/2024-03-03-hello.md", None, None, "blog/2024-03-03-hello/"),
        ("blog/2024-03-03-hello.md", None, "hi", "blog/hi/"),
        ("blog/hello/index.md", None, None, "blog/hello/"),
        ("blog/x.md", "blog/{year}/{month}/{day}/{slug}/", None, "blog/2024/03/03/c-and-c/"),
        ("blog/x.md", "posts/{file}", None, "posts/x/"),
        ("blog/x.md", "{year}/{slug}/", "mine", "2024/mine/"),
        ("blog/x.md", "{year}/{title}/", "mine", "2024/c-and-c/"),  # Hugo's :title: no slug
    ],
)
def test_post_urls(src: str, template: str | None, slug: str | None, expected: str) -> None:
    assert post_url(src, title="C++ and C#", date=WHEN, slug=slug, template=template) == expected


def test_post_url_template_errors() -> None:
    assert post_url_problem("blog/{year}/{slug}/") is None
    assert post_url_problem("{year}/{month}/{title}/") is None
    assert post_url_problem("blog/{yaer}/{slug}") == (
        "unknown token {yaer} (allowed: {year}, {month}, {day}, {slug}, {title}, {file})"
    )
    assert post_url_problem("../{slug}") == (
        "must be a relative path without '.', '..' or '\\' (got '../{slug}')"
    )
    assert post_url_problem("blog/{year}/") == (
        "must contain {slug}, {title} or {file}, so each post gets its own URL (got 'blog/{year}/')"
    )


def test_page_urls_and_aliases() -> None:
    assert [page_url(s) for s in ("index.md", "about.md", "a/index.md", "a/b.md")] == [
        "",
        "about/",
        "a/",
        "a/b/",
    ]
    assert alias_url("/old/path") == "old/path/"
    assert alias_url("legacy.html") == "legacy.html"
    assert alias_problem("/old/path/") is None
    assert alias_problem("javascript:alert(1)") == (
        "must be a path on this site, not a URL (got 'javascript:alert(1)')"
    )


def test_slugs_are_url_safe() -> None:
    assert slugify("Unikraft") == slugify("unikraft") == "unikraft"
    assert slugify("<svg onload=alert(1)>") == "svg-onload-alert-1"
    assert slugify("C++") == "c"
    assert slugify("日本語") == "日本語"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-07", dt.datetime(2024, 2, 7, tzinfo=UTC)),
        ("2024-05-01 10:00", dt.datetime(2024, 5, 1, 10, 0, tzinfo=UTC)),
        ("2022-10-14T09:00:00+01:00", dt.datetime(2022, 10, 14, 8, 0, tzinfo=UTC)),
        ("2024-01-01T00:00:00Z", dt.datetime(2024, 1, 1, tzinfo=UTC)),
        (dt.date(2024, 1, 2), dt.datetime(2024, 1, 2, tzinfo=UTC)),
    ],
)
def test_parse_when_gives_the_same_instant_for_every_format(
    value: object, expected: dt.datetime
) -> None:
    assert parse_when(value, UTC) == expected


def test_parse_when_explains_what_is_wrong() -> None:
    with pytest.raises(DateError, match=r"2024-02-30 is not a real date \(day is out of range"):
        parse_when("2024-02-30", UTC)
    with pytest.raises(DateError, match=r"got the number 1110 \(YAML reads 18:30 as base-60\)"):
        parse_when(1110, UTC, "18:30")
    with pytest.raises(DateError, match="got 'March 3 2024'"):
        parse_when("March 3 2024", UTC)


def test_podium_now_pins_the_clock() -> None:
    assert now({"PODIUM_NOW": "2026-01-01"}) == dt.datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(DateError, match=r"^PODIUM_NOW: "):
        now({"PODIUM_NOW": "soon"})
    assert now({}).year >= 2026


def test_tags_group_by_slug_and_take_the_most_used_spelling() -> None:
    items = [("a", ["Rust", "Python"]), ("b", ["rust"]), ("c", ["rust", "python"])]
    tags = build_tags(items, {"python": TagInfo(TagData(title="Python 3"), 1, 1)})
    assert list(tags) == ["python", "rust"]
    assert tags["rust"].name == "rust"
    assert tags["rust"].posts == ("a", "b", "c")
    assert tags["python"].name == "Python 3"
    assert tags["python"].count == 2


def test_excerpts_and_reading_time() -> None:
    html = "<p>One <a href='x'>link</a></p>\n<!-- more -->\n<p>Two</p>"
    assert excerpt_html(html, "desc") == "<p>One <a href='x'>link</a></p>"
    assert excerpt_html("<p>A</p><p>B</p>", None) == "<p>A</p>"
    assert excerpt_html("<p>A</p>", "Say <b>") == "<p>Say &lt;b&gt;</p>"
    assert excerpt_html("", None) == ""
    assert reading_minutes("<p>" + "word " * 221 + "</p>") == 2
    assert reading_minutes("") == 1


def test_external_links_replace_exact_targets_only() -> None:
    text = '[a](blog/x/) [b](blog/x/y/) [c](blog/x/ "t")\n[r]: blog/x/\n'
    out = apply_external_links(text, {"blog/x/": "https://e.org/x"})
    assert out == (
        '[a](https://e.org/x) [b](blog/x/y/) [c](https://e.org/x "t")\n[r]: https://e.org/x\n'
    )


def test_external_link_prefixes_map_whole_sections() -> None:
    links = {
        "/docs/*": "https://e.org/docs/",
        "/docs/old/*": "https://old.e.org/",
        "/releases": "https://e.org/releases/",
    }
    text = "[a](/docs/x/y/) [b](/docs/old/z) [c](/releases) [d](/releases/v1) [e](/doc)\n"
    assert apply_external_links(text, links) == (
        "[a](https://e.org/docs/x/y/) [b](https://old.e.org/z) [c](https://e.org/releases/)"
        " [d](/releases/v1) [e](/doc)\n"
    )


def _site(tmp_path: Path, posts: dict[str, str]) -> Settings:
    for name, text in posts.items():
        path = tmp_path / "content" / "blog" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return Settings(
        root=tmp_path,
        content_dir=tmp_path / "content",
        data_dir=tmp_path / "data",
        now=dt.datetime(2026, 1, 1, tzinfo=UTC),
        per_page=2,
    )


def test_catalog_orders_pages_neighbours_and_archive(tmp_path: Path) -> None:
    posts = {f"p{i}.md": f"---\ntitle: P{i}\ndate: 202{i}-01-01\n---\n" for i in range(5)}
    posts["draft.md"] = "---\ntitle: D\ndate: 2024-06-01\ndraft: true\n---\n"
    settings = _site(tmp_path, posts)
    problems = Problems()
    catalog = build_catalog(settings, [f"blog/{n}" for n in posts], problems)
    assert problems.sorted() == []
    assert [p.title for p in catalog.posts] == ["P4", "P3", "P2", "P1", "P0"]
    assert [p.title for p in catalog.hidden] == ["D"]
    assert [[p.title for p in page] for page in catalog.blog_pages()] == [
        ["P4", "P3"],
        ["P2", "P1"],
        ["P0"],
    ]
    newer, older = catalog.neighbours(catalog.posts[2])
    assert (newer and newer.title, older and older.title) == ("P3", "P1")
    assert [year for year, _ in catalog.archive()] == [2024, 2023, 2022, 2021, 2020]


def test_catalog_keeps_valid_posts_when_others_are_broken(tmp_path: Path) -> None:
    posts = {
        "good.md": "---\ntitle: Good\ndate: 2024-01-01\n---\n",
        "bad.md": "---\ntitle: [\n---\n",
    }
    settings = _site(tmp_path, posts)
    problems = Problems()
    catalog = build_catalog(settings, ["blog/good.md", "blog/bad.md"], problems)
    assert [p.title for p in catalog.posts] == ["Good"]
    assert [p.path for p in problems.errors] == ["content/blog/bad.md"]


def test_cli_check_formats_and_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _site(tmp_path, {"p.md": "---\ntitle: x\ndate: 2024-01-01\ntags: python\ntgas: [a]\n---\n"})
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\ndocs_dir: content\nplugins:\n  - podium/posts:\n      timezone: UTC\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.x\n"
    )
    assert cli.main(["check", "--config", str(config)]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        "content/blog/p.md:4:7: error: tags: expected a list, got a string — write tags: [python]",
        "content/blog/p.md:5:1: warning: tgas: unknown key (did you mean 'tags'?)",
    ]
    assert "1 error(s), 1 warning(s)" in out.err
    assert cli.main(["check", "--config", str(config), "--format", "json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] == {
        "file": "content/blog/p.md",
        "line": 4,
        "col": 7,
        "severity": "error",
        "field": "tags",
        "message": "expected a list, got a string — write tags: [python]",
    }
    assert cli.main(["check", "--config", str(config), "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "::error file=content/blog/p.md,line=4,col=7::tags: expected a list, got a string — "
        "write tags: [python]"
    )
    (tmp_path / "content/blog/p.md").write_text("---\ntitle: x\ndate: 2024-01-01\n---\n")
    assert cli.main(["check", "--config", str(config)]) == 0
    assert cli.main(["check", "--config", str(tmp_path / "nope.yml")]) == 2


def test_event_date_ranges_read_naturally() -> None:
    from podium.eventviews import date_range

    d = dt.date
    assert date_range(d(2024, 2, 3), None) == "3 February 2024"
    assert date_range(d(2024, 2, 3), d(2024, 2, 3)) == "3 February 2024"
    # Ranges are Babel's (CLDR) intervals: the shared month and year written once.
    thin = "\u2009"
    assert date_range(d(2024, 2, 3), d(2024, 2, 4)) == f"3{thin}–{thin}4 Feb 2024"
    assert date_range(d(2024, 9, 30), d(2024, 10, 2)) == f"30 Sept{thin}–{thin}2 Oct 2024"
    assert date_range(d(2024, 12, 30), d(2025, 1, 2)) == f"30 Dec 2024{thin}–{thin}2 Jan 2025"


def test_markdown_fields_of_data_files_are_sanitised() -> None:
    from podium.markup import render_markdown

    html = render_markdown(
        "**Hi** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=y> "
        "[ok](https://example.org) `<b>`"
    )
    assert "<strong>Hi</strong>" in html
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert "<img" not in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">ok</a>' in html
    assert "<code>&lt;b&gt;</code>" in html
    assert render_markdown(None) == ""


def test_one_abstract_leaves_nothing_behind_for_the_next() -> None:
    """One converter is reused for every abstract: references and footnotes must not leak."""
    from podium.markup import render_markdown

    first = render_markdown(
        "See [the docs][d] and a note[^1].\n\n[d]: https://a.example\n[^1]: First."
    )
    assert '<a href="https://a.example"' in first and "First." in first
    second = render_markdown("Only [the docs][d] and a note[^1].")
    assert "https://a.example" not in second and "First." not in second
    assert "[the docs][d]" in second
