"""A post's date from another key or its file name: Hugo's ``[frontmatter] date`` (issue 14)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from podium import cli
from podium.catalog import build_catalog
from podium.problems import Problems
from podium.settings import Settings

CONFIG = "site_name: x\ndocs_dir: content\nplugins:\n  - podium/posts:\n      timezone: UTC\n"


def _catalog(root: Path, files: dict[str, str], date_from: tuple[str, ...]) -> tuple[dict, list]:
    for rel, text in files.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    settings = Settings(
        root=root,
        content_dir=root / "content",
        data_dir=root / "data",
        now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        date_from=date_from,
    )
    problems = Problems()
    catalog = build_catalog(settings, sorted(files), problems)
    dates = {p.src_uri: p.meta.date.date().isoformat() for p in catalog.posts}
    return dates, [str(p) for p in problems.sorted()]


POSTS = {
    "blog/2022-02-05-fosdem.md": "---\ntitle: FOSDEM\n---\nText.\n",
    "blog/2023-05-15-atlas/index.md": "---\ntitle: Atlas\n---\nText.\n",
    "blog/next.md": "---\ntitle: Next\npublishedDate: 2025-05-15\n---\nText.\n",
    "blog/both.md": "---\ntitle: Both\ndate: 2024-01-02\npublishedDate: 2025-05-15\n---\nx\n",
}


def test_dates_come_from_the_sources_in_order(tmp_path: Path) -> None:
    dates, problems = _catalog(tmp_path, POSTS, ("publishedDate", ":filename"))
    assert dates == {
        "blog/2022-02-05-fosdem.md": "2022-02-05",
        "blog/2023-05-15-atlas/index.md": "2023-05-15",  # a bundle: its folder's name
        "blog/next.md": "2025-05-15",  # keys match without regard to case, as in Hugo
        "blog/both.md": "2024-01-02",  # date: itself comes first
    }
    assert problems == []  # publishedDate is a known key once it is a date source


def test_the_file_name_also_gives_the_slug_unless_the_post_sets_one(tmp_path: Path) -> None:
    files = {
        "blog/2022-02-05-fosdem-talks.md": "---\ntitle: At FOSDEM\n---\nx\n",
        "blog/2022-03-01_Our Meetup.md": "---\ntitle: Meetup\n---\nx\n",
        "blog/2023-05-15-atlas/index.md": "---\ntitle: Atlas release\n---\nx\n",
        "blog/2024-01-02-old-name.md": "---\ntitle: Renamed\nslug: kept\n---\nx\n",
        "blog/2024-02-03.md": "---\ntitle: Only a date\n---\nx\n",
        "blog/2024-04-05-dated.md": "---\ntitle: Dated itself\ndate: 2024-04-06\n---\nx\n",
    }
    for rel, text in files.items():
        (tmp_path / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / rel).write_text(text, "utf-8")
    settings = Settings(
        root=tmp_path,
        content_dir=tmp_path / "content",
        data_dir=tmp_path / "data",
        now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        date_from=(":filename",),
    )
    problems = Problems()
    catalog = build_catalog(settings, sorted(files), problems)
    assert problems.sorted() == []
    assert {p.src_uri: p.meta.slug for p in catalog.posts} == {
        "blog/2022-02-05-fosdem-talks.md": "fosdem-talks",
        "blog/2022-03-01_Our Meetup.md": "our-meetup",  # not one URL segment: slugified
        "blog/2023-05-15-atlas/index.md": "atlas",  # a bundle: its folder's name
        "blog/2024-01-02-old-name.md": "kept",
        "blog/2024-02-03.md": None,  # nothing after the date: the title gives the URL
        "blog/2024-04-05-dated.md": None,  # dated by date:, so the name is not read
    }
    assert {p.src_uri: p.url for p in catalog.posts}["blog/2022-02-05-fosdem-talks.md"] == (
        "blog/fosdem-talks/"
    )


def test_without_the_option_the_error_says_where_the_date_is(tmp_path: Path) -> None:
    dates, problems = _catalog(tmp_path, POSTS, ())
    assert dates == {"blog/both.md": "2024-01-02"}
    assert problems == [
        "content/blog/2022-02-05-fosdem.md:2:1: error: date: required — the file name starts"
        " with 2022-02-05: write date: 2022-02-05, or set the podium/posts option"
        " date_from: [':filename']",
        "content/blog/2023-05-15-atlas/index.md:2:1: error: date: required — the file name"
        " starts with 2023-05-15: write date: 2023-05-15, or set the podium/posts option"
        " date_from: [':filename']",
        "content/blog/both.md:4:1: warning: publishedDate: unknown key",
        "content/blog/next.md:2:1: error: date: required — rename 'publishedDate' to 'date',"
        " or set the podium/posts option date_from: [publishedDate]",
        "content/blog/next.md:3:1: warning: publishedDate: unknown key",
    ]


def test_a_bad_date_from_another_key_is_reported_at_that_key(tmp_path: Path) -> None:
    files = {"blog/p.md": "---\ntitle: P\npublishDate: 2024-02-30\n---\nx\n"}
    dates, problems = _catalog(tmp_path, files, ("publishDate",))
    assert dates == {}
    assert problems == [
        "content/blog/p.md:3:14: error: publishDate: 2024-02-30 is not a real date"
        " (day is out of range for month)"
    ]


def test_a_file_name_that_is_no_real_date_gives_none(tmp_path: Path) -> None:
    files = {"blog/2023-02-29-leap.md": "---\ntitle: Leap\n---\nx\n"}
    dates, problems = _catalog(tmp_path, files, (":filename",))
    assert dates == {}
    assert problems == ["content/blog/2023-02-29-leap.md:2:1: error: date: required"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "[':git']",
            "7: ':git' is not supported; list front-matter keys (publishDate) or ':filename'",
        ),
        (
            "publishDate",
            "18: expected a list of front-matter keys or ':filename', got the text \"publishDate\"",
        ),
    ],
)
def test_the_option_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG + f"      date_from: {value}\n", "utf-8")
    assert cli.main(["check", "--config", str(tmp_path / "mkdocs.yml")]) == 1
    out = capsys.readouterr().out.splitlines()
    col, text = message.split(": ", 1)
    assert out == [f"mkdocs.yml:6:{col}: error: plugins.podium/posts.date_from: {text}"]
