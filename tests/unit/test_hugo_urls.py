"""Hugo's URL rules for migrated posts (#14): bundle and file names, relative aliases, `author`.

Expected values are what Hugo 0.111 publishes for the same files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from podium.posts import ParsedPost, read_post
from podium.problems import Problems
from podium.routing import alias_url, post_url, redirect_path, urlize

DATE = dt.datetime(2024, 3, 3, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("name", "hugo"),
    [
        ("2020-12-04 11:00:00+00:00-vaccel-now-available-on-firecracker",
         "2020-12-04-110000+0000-vaccel-now-available-on-firecracker"),
        ("My Post_ÄÖ (1)", "my-post_äö-1"),
        ("a - b", "a-b"),
        ("a--b", "a--b"),
        ("tab\tx", "tab-x"),
        ("x-", "x-"),
        ("2023-11-15-kraftkit-v0.7.0-released", "2023-11-15-kraftkit-v0.7.0-released"),
        ("日本 語", "日本-語"),
        ("C#", "c"),  # Hugo keeps '#', which would start a fragment in a URL
    ],
)  # fmt: skip
def test_urlize_is_hugos_path_rule(name: str, hugo: str) -> None:
    assert urlize(name) == hugo


def test_bundle_folder_names_become_clean_urls() -> None:
    src = "blog/2020-12-04 11:00:00+00:00-vaccel-now/index.md"
    url = post_url(src, title="T", date=DATE, slug=None, template=None)
    assert url == "blog/2020-12-04-110000+0000-vaccel-now/"
    assert post_url("blog/Sub Dir/My Post.md", title="T", date=DATE, slug=None, template=None) == (
        "blog/sub-dir/my-post/"
    )
    with_file = post_url(src, title="T", date=DATE, slug=None, template="posts/{file}/")
    assert with_file == "posts/2020-12-04-110000+0000-vaccel-now/"
    # A name with nothing Hugo keeps falls back to a slug, never to an empty segment.
    assert post_url("blog/!!!.md", title="T", date=DATE, slug=None, template=None) == "blog/!!!/"


@pytest.mark.parametrize(
    ("alias", "page", "url"),
    [
        ("old-url", "blog/x/", "blog/old-url/"),  # relative: beside the post, as Hugo does
        ("rel-b", "blog/sub/y/", "blog/sub/rel-b/"),
        ("bund-old", "blog/bund/", "blog/bund-old/"),
        ("old-url", "2024/03/x/", "2024/03/old-url/"),  # with a post_url pattern
        ("top-old", "toppage/", "top-old/"),
        ("deep/old.html", "blog/x/", "blog/deep/old.html"),
        ("/abs-url", "blog/x/", "abs-url/"),  # root-absolute stays where it says
        ("/old/path/", "blog/x/", "old/path/"),
    ],
)
def test_relative_aliases_resolve_against_the_posts_folder(alias: str, page: str, url: str) -> None:
    assert alias_url(alias, page) == url
    assert redirect_path(url) == (url + "index.html" if url.endswith("/") else url)


def _read(tmp_path: Path, front: str) -> tuple[ParsedPost, list[str]]:
    path = tmp_path / "p.md"
    path.write_text(front + "\nBody.\n", "utf-8")
    problems = Problems()
    post = read_post(path, "blog/p.md", "content/blog/p.md", dt.UTC, problems)
    assert isinstance(post, ParsedPost), [str(p) for p in problems]
    return post, [str(p) for p in problems.sorted()]


@pytest.mark.parametrize(
    ("front", "col", "fix"),
    [
        ('+++\ntitle = "T"\ndate = "2024-01-01"\nauthor = "Radu Nichita, Andrei Mutu"\n+++', 10,
         'authors = ["Radu Nichita", "Andrei Mutu"]'),
        ('---\ntitle: T\ndate: 2024-01-01\nauthor: "Radu Nichita, Andrei Mutu"\n---', 9,
         'authors: ["Radu Nichita", "Andrei Mutu"]'),
    ],
)  # fmt: skip
def test_author_with_a_comma_is_one_author_with_a_hint(
    tmp_path: Path, front: str, col: int, fix: str
) -> None:
    post, messages = _read(tmp_path, front)
    assert post.meta.authors == ("Radu Nichita, Andrei Mutu",)
    assert messages == [
        f"content/blog/p.md:4:{col}: warning: author: 'Radu Nichita, Andrei Mutu' is one author, "
        f"as in Hugo; for 2 people write {fix}"
    ]


def test_one_author_and_an_authors_list_get_no_hint(tmp_path: Path) -> None:
    post, messages = _read(tmp_path, '---\ntitle: T\ndate: 2024-01-01\nauthor: "Ada"\n---')
    assert post.meta.authors == ("Ada",) and messages == []
    post, messages = _read(tmp_path, "---\ntitle: T\ndate: 2024-01-01\nauthors: [A, B]\n---")
    assert post.meta.authors == ("A", "B") and messages == []
