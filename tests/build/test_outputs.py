"""The path guard (issue 16): options that shape paths, aliases onto outputs, drafts' aliases.

Each case runs both `podium check` and a real `mkdocs build` and asserts the same
``file:line`` message from both: the build never writes outside site_dir, never
over another output, and a draft leaves no redirect behind.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import yaml

from podium import cli
from tests.conftest import BASE_CONFIG, BuildFailed, SiteFactory, post, write_site


def _check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = cli.main(["check", "--config", str(root / "mkdocs.yml")])
    return code, capsys.readouterr().out.splitlines()


def _config_with(options: dict[str, object]) -> dict[str, object]:
    return {"plugins": ["search", {"podium/posts": options}, "podium/tags"]}


def _line_of(root: Path, option: str) -> int:
    for number, line in enumerate((root / "mkdocs.yml").read_text("utf-8").splitlines(), 1):
        if line.strip().startswith(f"{option}:"):
            return number
    raise AssertionError(option)


OPTION_CASES = {
    "post_url-empty": ("post_url", "", "must contain {slug}, {title} or {file}"),
    "post_url-dot": ("post_url", "./", "must be a relative path without '.', '..' or '\\'"),
    "post_url-token": ("post_url", "{yaer}/{slug}", "unknown token {yaer}"),
    "blog_dir-root": ("blog_dir", "/", "must name a folder under docs_dir (got '/')"),
    "blog_dir-empty": ("blog_dir", "", "must name a folder under docs_dir (got '')"),
    "per_page-zero": ("per_page", 0, "must be 1 or more, got 0"),
    "per_page-negative": ("per_page", -3, "must be 1 or more, got -3"),
    "per_page-true": ("per_page", True, "expected a whole number of 1 or more, got boolean true"),
    "per_page-list": ("per_page", [1], "expected a whole number of 1 or more, got a list"),
    "feed_size-negative": ("feed_size", -1, "must be 1 or more, got -1"),
    "data_dir-typo": ("data_dir", "dta", "no folder 'dta' next to mkdocs.yml"),
    "feeds-text": ("feeds", "yes", 'expected true or false, got the text "yes"'),
}


@pytest.mark.parametrize("case", OPTION_CASES.values(), ids=OPTION_CASES.keys())
def test_bad_option_is_a_mkdocs_yml_error_in_check_and_build(
    site: SiteFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: tuple[str, object, str],
) -> None:
    option, value, message = case
    files = {"content/index.md": "# Home\n", "content/blog/a.md": post("A", "2024-01-01")}
    with pytest.raises(BuildFailed) as failed:
        site(files, _config_with({option: value}))
    line = _line_of(tmp_path, option)
    prefix = f"mkdocs.yml:{line}:"
    expected = f"error: plugins.podium/posts.{option}: {message}"
    text = str(failed.value)
    assert prefix in text and expected in text, text
    assert "Traceback" not in text
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").rglob("*.html"))
    code, out = _check(tmp_path, capsys)
    assert code == 1
    assert any(o.startswith(prefix) and expected in o for o in out), out


def test_mkdocs_yml_root_a_list_and_plugins_as_a_mapping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text("- site_name: x\n", "utf-8")
    code, out = _check(tmp_path, capsys)
    assert code == 1
    assert out[0] == "mkdocs.yml:1:1: error: must be key: value pairs (a mapping), not a list"
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: content\nplugins:\n  podium/posts:\n    per_page: 0\n", "utf-8"
    )
    code, out = _check(tmp_path, capsys)
    assert code == 1
    assert out == [
        "mkdocs.yml:5:15: error: plugins.podium/posts.per_page: must be 1 or more, got 0"
    ]


def test_plugin_listed_twice_is_a_clear_error(site: SiteFactory, tmp_path: Path) -> None:
    config = {"plugins": ["search", "podium/posts", "podium/posts", "podium/tags"]}
    with pytest.raises(BuildFailed) as failed:
        site({"content/index.md": "# Home\n"}, config)
    text = str(failed.value)
    assert "plugins: podium/posts is listed twice (first at line" in text
    assert "a bug in Podium" not in text


@pytest.mark.parametrize("now", ["9999-12-31T23:59:59", "0001-01-01"])
def test_podium_now_out_of_range(site: SiteFactory, now: str) -> None:
    with pytest.raises(BuildFailed) as failed:
        site({"content/index.md": "# Home\n"}, {}, now=now)
    text = str(failed.value)
    assert f"PODIUM_NOW: error: {now} is out of range (use a year from 1900 to 9000)" in text
    assert "OverflowError" not in text


ALIAS_CASES = {
    "feed": ("/feed.xml", "feed.xml/ is inside the generated section feed.xml"),
    "sitemap": ("/sitemap.xml", "sitemap.xml/ is inside the generated section sitemap.xml"),
    "calendar": ("/events.ics", "events.ics/ is inside the generated section events.ics"),
    "event-calendar": ("/events/x.ics", "events/x.ics/ is inside the generated section events"),
    "search-index": (
        "/search/search_index.json",
        "search/search_index.json/ is inside the generated section search",
    ),
    "asset": (
        "/assets/podium/podium.css",
        "assets/podium/podium.css/ is inside the generated section assets",
    ),
    "talk": ("/talks/the-talk/", "talks/the-talk/ is inside the generated section talks"),
    "person": ("/people/alice/", "people/alice/ is inside the generated section people"),
    "tag": ("/tags/news/", "tags/news/ is inside the generated section tags"),
    "home-file": ("/index.html", "index.html is already the page content/index.md"),
    "not-found": ("/404.html", "404.html is inside the generated section 404.html"),
    "blog-index": ("/blog/", "blog/ is inside the generated section blog/"),
    "static-file": ("/img/a.png", "img/a.png/ is already the file content/img/a.png"),
    "encoded-dots": ("/%2e%2e/x", "'%2e%2e/x/' decodes to '../x/', which leaves its folder"),
}


@pytest.mark.parametrize("case", ALIAS_CASES.values(), ids=ALIAS_CASES.keys())
def test_alias_onto_an_output_is_an_error_in_check_and_build(
    site: SiteFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: tuple[str, str],
) -> None:
    alias, message = case
    if "generated section" in message:
        message += " — pick another old URL"
    files: dict[str, str | bytes] = {
        "content/index.md": "# Home\n",
        "content/img/a.png": b"\x89PNG\r\n",
        "content/blog/a.md": post("A", "2024-01-01", aliases=[alias], tags=["news"]),
    }
    with pytest.raises(BuildFailed) as failed:
        site(files)
    text = str(failed.value)
    expected = f"content/blog/a.md:5:3: error: aliases[0]: {message}"
    assert expected in text, text
    assert "IsADirectoryError" not in text
    code, out = _check(tmp_path, capsys)
    assert code == 1
    assert expected in out


def test_a_drafts_and_a_scheduled_posts_aliases_publish_nothing(site: SiteFactory) -> None:
    files = {
        "content/index.md": "# Home\n",
        "content/blog/a.md": post("Live", "2024-01-01", aliases=["/live-old/"]),
        "content/blog/d.md": post(
            "Secret draft",
            "2024-01-01",
            draft=True,
            aliases=["/old/"],
            tags=["hushhush", "news"],
            categories=["Hushcat", "General"],
        ),
        "content/blog/f.md": post(
            "Secret future",
            "2099-01-01",
            aliases=["/later/"],
            tags=["hushhush", "news"],
            categories=["Hushcat", "General"],
        ),
        # Two live posts that share a tag and a category with the hidden ones: the related
        # posts and the category pages are where a hidden post would show.
        "content/blog/n.md": post("Newsy", "2024-01-02", tags=["news"], categories=["General"]),
        "content/blog/m.md": post("Moresy", "2024-01-03", tags=["news"], categories=["General"]),
    }
    built = site(files)
    assert built.exists("live-old/index.html")
    assert not built.exists("old/index.html") and not built.exists("later/index.html")
    assert not built.exists("blog/d/index.html") and not built.exists("tags/hushhush/index.html")
    assert built.exists("tags/news/index.html")
    assert built.exists("blog/category/general/index.html")
    assert "Moresy" in built.html("blog/n/")  # related posts are there, with the live one
    for page in built.site.rglob("*"):
        if page.is_file() and page.suffix in (".html", ".xml", ".json", ".gz"):
            data = page.read_bytes()
            if page.suffix == ".gz":
                data = gzip.decompress(data)
            text = data.decode("utf-8", errors="replace")
            for trace in (
                "Secret draft",
                "Secret future",
                "blog/d/",
                "blog/f/",
                "hushhush",
                "hushcat",
            ):
                assert trace not in text, (page, trace)
    # Under serve the draft is shown with its banner, so its alias forwards to it.
    served = site(files, serve=True)
    assert served.exists("old/index.html")


def test_content_file_where_a_feed_goes_is_an_error(site: SiteFactory) -> None:
    files = {
        "content/index.md": "# Home\n",
        "content/feed.xml": "<feed/>\n",
        "content/blog/a.md": post("A", "2024-01-01"),
    }
    with pytest.raises(BuildFailed) as failed:
        site(files)
    assert "Podium: outputs clash:\ncontent/feed.xml and podium/posts both write feed.xml" in (
        str(failed.value)
    )


def test_nothing_is_written_outside_site_dir_with_the_shipped_options(tmp_path: Path) -> None:
    # The guard's last line: write_output refuses every path that leaves site_dir.
    from podium.outputs import OutputError, write_output

    site_dir = tmp_path / "site"
    site_dir.mkdir()
    for bad in ("", "/index.html", "../x", "a/../../x", "C:/x", "a\\b", "./"):
        with pytest.raises(OutputError):
            write_output(site_dir, bad, b"x")
    (site_dir / "feed.xml").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        write_output(site_dir, "feed.xml", b"x")
    outside = tmp_path / "outside"
    outside.mkdir()
    (site_dir / "link").symlink_to(outside)
    with pytest.raises(OutputError, match="leaves site_dir"):
        write_output(site_dir, "link/x.html", b"x")
    assert list(outside.iterdir()) == []
    assert yaml.safe_dump(BASE_CONFIG)  # the fixture config stays valid YAML


def test_symlinks_leaving_the_repository_are_errors_and_never_read(
    site: SiteFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    (outside / "posts").mkdir(parents=True)
    (outside / "secret.md").write_text(post("Secret linked", "2024-01-01"), "utf-8")
    (outside / "posts/p.md").write_text(post("Secret folder", "2024-01-01"), "utf-8")
    (outside / "static").mkdir()
    (outside / "static/key.txt").write_text("PRIVATE KEY", "utf-8")
    (outside / "people.yml").write_text("eve: {name: Secret Eve}\n", "utf-8")
    files = {"content/index.md": "# Home\n", "content/blog/a.md": post("A", "2024-01-01")}
    write_site(tmp_path, files, {})
    (tmp_path / "data").mkdir()
    (tmp_path / "content/blog/linked.md").symlink_to(outside / "secret.md")
    (tmp_path / "content/blog/more").symlink_to(outside / "posts")
    (tmp_path / "content/files").symlink_to(outside / "static")
    (tmp_path / "data/people.yml").symlink_to(outside / "people.yml")
    # A link that stays inside the repository is fine.
    (tmp_path / "content/blog/also-a.md").symlink_to(tmp_path / "content/blog/a.md")
    tail = "leaves the repository; nothing is read through it"
    expected = [
        f"content/blog/linked.md:1: error: symbolic link to {outside / 'secret.md'} {tail}",
        f"content/blog/more:1: error: symbolic link to {outside / 'posts'} {tail}",
        f"content/files:1: error: symbolic link to {outside / 'static'} {tail}",
        f"data/people.yml:1: error: symbolic link to {outside / 'people.yml'} {tail}",
    ]
    code, out = _check(tmp_path, capsys)
    assert code == 1
    for line in expected:
        assert any(o.startswith(line) for o in out), (line, out)
    with pytest.raises(BuildFailed) as failed:
        site(files, {})
    for line in expected:
        assert line in str(failed.value)
    # Under serve (errors shown, build goes on) nothing behind the links is published.
    served = site(files, {}, serve=True)
    for page in served.site.rglob("*"):
        if page.is_file() and page.suffix in (".html", ".xml", ".json", ".txt"):
            text = page.read_text("utf-8", errors="replace")
            assert "Secret" not in text and "PRIVATE KEY" not in text, page


def test_template_on_a_post_is_honoured(site: SiteFactory, tmp_path: Path) -> None:
    # `template:` passes through to MkDocs (DESIGN §2): the post is laid out by that template.
    files = {
        "content/index.md": "# Home\n",
        "content/blog/a.md": post("A", "2024-01-01", template="mine.html"),
        "overrides/mine.html": (
            '{% extends "main.html" %}{% block content %}<p id="mine">MINE</p>'
            "{{ super() }}{% endblock %}"
        ),
    }
    theme = {"name": "material", "font": False, "custom_dir": "overrides"}
    built = site(files, {"theme": theme})
    assert '<p id="mine">MINE</p>' in built.html("blog/a/")
    assert '<p id="mine">' not in built.html("blog/")
