"""`podium import hugo` / `material-blog`: configuration and URL mapping, and bad input.

Bad input (a folder that is not a Hugo site, a configuration that cannot be read, DEST not
empty, a mkdocs.yml without Material's blog plugin) is a clear message, exit status 1 or 2, and
nothing written: DEST is not created, or keeps exactly what it held.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from podium import cli
from podium.migrate_hugoconfig import (
    PageFacts,
    hugo_config,
    hugo_url,
    make_path,
    podium_post_url,
    read_config,
)
from podium.migrate_material import split_h1
from podium.migrate_materialconfig import BlogConfig, material_url, podium_template
from podium.migrate_write import (
    ConfigLoader,
    MigrateError,
    Plan,
    SiteSettings,
    site_config,
    write_plan,
)
from podium.sitescaffold import site_files
from podium.text import slug_problem

UTC = dt.UTC


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def _tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


# -- Hugo configuration ----------------------------------------------------------------------------


def test_hugo_toml_is_read_with_keys_folded(tmp_path: Path) -> None:
    site = _write(
        tmp_path,
        {
            "hugo.toml": 'baseURL = "https://x.org/"\nTitle = "X"\ntimeZone = "Europe/Vienna"\n'
            '[taxonomies]\ntag = "tags"\nseries = "series"\n'
            '[permalinks]\nposts = "/:year/:month/:title/"\n',
            "config.toml": 'title = "ignored: hugo.toml comes first"\n',
        },
    )
    data, files = read_config(site, "site")
    config = hugo_config(data, "site/hugo.toml")
    assert files == ["hugo.toml"]
    assert (config.title, config.base_url, config.timezone) == (
        "X",
        "https://x.org/",
        "Europe/Vienna",
    )
    assert config.taxonomies == {"tag": "tags", "series": "series"}
    assert config.permalinks == {"posts": "/:year/:month/:title/"}


def test_config_default_folder_is_merged_by_file_name(tmp_path: Path) -> None:
    site = _write(
        tmp_path,
        {
            "config/_default/config.toml": 'baseURL = "http://example.org"\ntitle = "Z"\n'
            'defaultContentLanguage = "en"\ndefaultContentLanguageInSubdir = true\n',
            "config/_default/languages.toml": '[en]\ncontentdir = "content/en"\n[ko]\n'
            'contentdir = "content/ko"\n',
            "config/_default/params.yaml": "mainSections: [posts]\ndescription: About Z\n",
        },
    )
    data, files = read_config(site, "site")
    config = hugo_config(data, "site/config/_default/config.toml")
    assert files[0] == "config/_default/config.toml"
    assert config.content_dir == "content/en"
    assert config.language_prefix == "en/"
    assert config.other_languages == ("ko",)
    assert config.main_sections == ("posts",)
    assert config.description == "About Z"


def test_yaml_config_is_read(tmp_path: Path) -> None:
    site = _write(tmp_path, {"config.yaml": "baseURL: https://y.org/\ntitle: Y\n"})
    config = hugo_config(read_config(site, "s")[0], "s/config.yaml")
    assert config.title == "Y"


def test_not_a_hugo_site(tmp_path: Path) -> None:
    _write(tmp_path, {"content/post/a.md": "+++\ntitle = 'a'\n+++\n"})
    with pytest.raises(MigrateError, match=r"is not a Hugo site: it has none of hugo\.toml"):
        read_config(tmp_path, "s")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("hugo.toml", 'title = "x\n', "s/hugo.toml:1:11: error: TOML: "),
        ("config.yaml", "title: [x\n", "s/config.yaml:2:1: error: YAML: "),
        ("config.json", '{"title" "x"}', "s/config.json:1:10: error: JSON: Expecting ':'"),
        ("hugo.toml", "permalinks = 3\n", "s/hugo.toml: error: permalinks: expected a table"),
        ("config.yaml", "- a list\n", "s/config.yaml:1: error: the configuration must be a table"),
    ],
)
def test_unreadable_config(tmp_path: Path, name: str, text: str, message: str) -> None:
    _write(tmp_path, {name: text})
    with pytest.raises(MigrateError) as caught:
        hugo_config(read_config(tmp_path, "s")[0], f"s/{name}")
    assert str(caught.value).startswith(message)


# -- Hugo URLs -------------------------------------------------------------------------------------


def test_make_path_is_hugos() -> None:
    assert make_path("2020-12-04 11:00:00+00:00-vaccel") == "2020-12-04-110000+0000-vaccel"
    assert make_path("GSoC'22: Shadow Stack") == "gsoc22-shadow-stack"
    assert make_path("Chinese search – 中文") == "chinese-search-中文"


def _config(toml: str) -> object:
    import tomllib

    return hugo_config(tomllib.loads(toml), "hugo.toml")


def test_hugo_urls() -> None:
    plain = _config("")
    when = dt.datetime(2024, 2, 7, 9, 30, tzinfo=UTC)
    page = PageFacts("post/My Post.md", "My Post!", when, None, None)
    assert hugo_url(page, plain) == "post/my-post/"  # type: ignore[arg-type]
    bundle = PageFacts("post/x/index.md", "X", when, "Custom", None)
    assert hugo_url(bundle, plain) == "post/custom/"  # type: ignore[arg-type]
    assert hugo_url(PageFacts("post/a.md", "A", when, None, "/old/a/"), plain) == "old/a/"  # type: ignore[arg-type]
    linked = _config('[permalinks]\npost = "/:year/:month/:title/"\n')
    assert hugo_url(page, linked) == "2024/02/my-post/"  # type: ignore[arg-type]
    sections = _config('[permalinks]\npost = "/:section/:slugorfilename/"\n')
    assert hugo_url(bundle, sections) == "post/custom/"  # type: ignore[arg-type]
    assert hugo_url(PageFacts("post/x/index.md", "X", when, None, None), sections) == "post/x/"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("/:year/:month/:title/", "{year}/{month}/{title}"),
        ("/:section/:year/:slug/", "post/{year}/{slug}"),
        ("/blog/:filename/", "blog/{file}"),
        ("/:year/:monthname/:slug/", None),
        ("/:slugorfilename/", None),
    ],
)
def test_permalink_patterns_become_post_url(pattern: str, expected: str | None) -> None:
    assert podium_post_url(pattern, "post") == expected


# -- Material --------------------------------------------------------------------------------------


def _blog(**options: str) -> BlogConfig:
    from markdown.extensions.toc import slugify

    return BlogConfig(
        blog_dir=options.get("blog_dir", "blog"),
        post_dir="blog/posts",
        url_format=options.get("url_format", "{date}/{slug}"),
        date_format=options.get("date_format", "yyyy/MM/dd"),
        authors_file="blog/.authors.yml",
        slugify=slugify,
        separator="-",
    )


def test_material_urls_and_post_url() -> None:
    day = dt.date(2023, 10, 2)
    assert (
        material_url(_blog(), date=day, slug="s", file="f", categories=[]) == "blog/2023/10/02/s/"
    )
    assert podium_template(_blog()) == "blog/{year}/{month}/{day}/{slug}"
    assert podium_template(_blog(date_format="yyyy")) == "blog/{year}/{slug}"
    assert podium_template(_blog(url_format="{file}")) == "blog/{file}"
    by_category = _blog(url_format="{categories}/{slug}")
    assert podium_template(by_category) is None  # then every post gets a redirect
    assert (
        material_url(by_category, date=day, slug="s", file="f", categories=["Big News", "x"])
        == "blog/big-news/s/"
    )
    assert podium_template(_blog(date_format="MMMM")) is None


def test_h1_is_found_outside_code() -> None:
    body = "```yaml\n# not a title\n```\n\n# The *Title*\n\nText.\n"
    heading, rest = split_h1(body)
    assert heading == "The *Title*"
    assert rest == "```yaml\n# not a title\n```\n\nText.\n"
    assert split_h1("## Only h2\n") == (None, "## Only h2\n")


def test_post_slugs_may_hold_dots_not_paths() -> None:
    assert slug_problem("mkdocs-2.0", dots=True) is None
    assert slug_problem("a_b.c", dots=True) is None
    for bad in ("..", ".", "v2.", "a..b", "a/b", "../x", ""):
        assert slug_problem(bad, dots=True), bad
    assert slug_problem("mkdocs-2.0")  # ids and tags keep the strict rule


# -- the new site's mkdocs.yml ---------------------------------------------------------------------


def test_site_config_fills_the_template_and_loads() -> None:
    template = site_files("X", dt.date(2026, 1, 1), "podium", "https://x")["mkdocs.yml"]
    text = site_config(
        template,
        SiteSettings(
            name="X",
            site_url="https://x.org/",
            blog_dir="post",
            post_url="{year}/{month}/{slug}",
            timezone="Europe/Vienna",
            redirects={"old/a/index.md": "post/a.md"},
            external_links={"../x.md": "https://x.org/x/"},
            markdown_extensions=yaml.load(
                "- pymdownx.emoji:\n    emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
                Loader=ConfigLoader,
            ),
        ),
    )
    config = yaml.load(text, Loader=ConfigLoader)
    posts = next(p["podium/posts"] for p in config["plugins"] if "podium/posts" in p)
    assert config["site_url"] == "https://x.org/"
    assert {"Blog": "post/index.md"} in config["nav"]
    assert (posts["blog_dir"], posts["post_url"], posts["timezone"]) == (
        "post",
        "{year}/{month}/{slug}",
        "Europe/Vienna",
    )
    assert posts["external_links"] == {"../x.md": "https://x.org/x/"}
    assert {"redirects": {"redirect_maps": {"old/a/index.md": "post/a.md"}}} in config["plugins"]
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in text


# -- writing DEST ----------------------------------------------------------------------------------


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    plan = Plan()
    plan.text("a", "x")
    plan.text("a/b", "y")  # "a" is a file: this one cannot be created
    with pytest.raises(MigrateError, match=r"cannot write .*; nothing written"):
        write_plan(tmp_path / "dest", plan, "dest")
    assert not (tmp_path / "dest").exists()


@pytest.fixture
def hugo_site(tmp_path: Path) -> Path:
    return _write(
        tmp_path / "hugo",
        {
            "hugo.toml": 'baseURL = "https://x.org/"\ntitle = "X"\n',
            "content/post/a.md": '+++\ntitle = "A"\ndate = 2024-01-02\n+++\n\nHello.\n',
        },
    )


def test_dest_not_empty_is_refused(
    hugo_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = _write(tmp_path / "dest", {"notes.txt": "mine"})
    assert cli.main(["import", "hugo", str(hugo_site), str(dest)]) == 1
    err = capsys.readouterr().err
    assert f"podium: {dest} is not empty (notes.txt); nothing written" in err
    assert _tree(dest) == ["notes.txt"]
    assert (dest / "notes.txt").read_text("utf-8") == "mine"


def test_not_a_hugo_site_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _write(tmp_path / "src", {"content/post/a.md": "# a\n"})
    dest = tmp_path / "dest"
    assert cli.main(["import", "hugo", str(source), str(dest)]) == 2
    assert "is not a Hugo site" in capsys.readouterr().err
    assert not dest.exists()


def test_unreadable_config_writes_nothing(
    hugo_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (hugo_site / "hugo.toml").write_text('title = "X\n', "utf-8")
    dest = tmp_path / "dest"
    (dest / ".git").mkdir(parents=True)  # an empty clone counts as empty
    assert cli.main(["import", "hugo", str(hugo_site), str(dest)]) == 2
    assert "hugo.toml:1:11: error: TOML: Illegal character" in capsys.readouterr().err
    assert _tree(dest) == [".git"]


def test_small_hugo_site_imports(
    hugo_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "dest"
    assert cli.main(["import", "hugo", str(hugo_site), str(dest)]) == 0
    out = capsys.readouterr()
    assert f"{dest}/content/post/a.md" in out.out.splitlines()
    assert (dest / "content/post/a.md").read_bytes() == (
        hugo_site / "content/post/a.md"
    ).read_bytes()
    assert (dest / "IMPORT-REPORT.txt").read_text("utf-8") == "everything was carried\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("site_name: x\nplugins: [search]\n", "is not a Material blog"),
        ("site_name: [x\n", "mkdocs.yml:2:1: error: YAML: "),
    ],
)
def test_not_a_material_blog_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    config = _write(tmp_path / "src", {"mkdocs.yml": text, "docs/index.md": "# x\n"}) / "mkdocs.yml"
    dest = tmp_path / "dest"
    assert cli.main(["import", "material-blog", str(config), str(dest)]) == 2
    assert message in capsys.readouterr().err
    assert not dest.exists()
    assert cli.main(["import", "material-blog", str(tmp_path / "none.yml"), str(dest)]) == 2
    assert "no such file" in capsys.readouterr().err


def test_the_home_page_links_the_imported_blog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(
        tmp_path / "hugo",
        {"config.toml": 'title = "X"\n', "content/posts/a.md": '+++\ntitle = "A"\n+++\n'},
    )
    dest = tmp_path / "dest"
    assert cli.main(["import", "hugo", str(source), str(dest)]) == 0
    assert "](posts/index.md)" in (dest / "content/index.md").read_text("utf-8")
    assert "](blog/index.md)" not in (dest / "content/index.md").read_text("utf-8")


def test_external_links_map_definitions_after_a_blank_line_not_footnotes() -> None:
    """Material posts indent reference definitions after a blank line; `[^1]:` is a footnote."""
    from podium.linkmap import apply_external_links

    body = "See [a][x].\n\n  [x]: ../../a.md#b\n  [^1]:\n    ../../a.md#b\n"
    mapped = apply_external_links(body, {"../../a.md#b": "https://old.example/a/#b"})
    assert mapped == ("See [a][x].\n\n  [x]: https://old.example/a/#b\n  [^1]:\n    ../../a.md#b\n")


def test_a_new_site_reads_markdown_as_the_example_site_does() -> None:
    """`podium new site` and `podium import hugo` (which starts from it) write the example's
    Goldmark-compatible extensions."""
    example = yaml.safe_load((Path(__file__).parents[2] / "mkdocs.yml").read_text("utf-8"))
    files = site_files("Club", dt.date(2026, 1, 1), "podium", "https://x")
    new = yaml.load(files["mkdocs.yml"], Loader=ConfigLoader)
    assert new["markdown_extensions"] == example["markdown_extensions"]
    assert "podium.hugo_markdown" in new["markdown_extensions"]
