"""`podium check` and the build agree (issue 16): dot-file posts, external_links, schema, GitHub.

The option cases themselves run through both in tests/build/test_outputs.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from podium import cli
from podium.outputs import Outputs, dest_problem

CONFIG = "site_name: x\ndocs_dir: content\nplugins:\n  - podium/posts:\n      timezone: UTC\n"


def _site(root: Path, files: dict[str, str], config: str = CONFIG) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    (root / "mkdocs.yml").write_text(config, "utf-8")
    return root / "mkdocs.yml"


def test_a_broken_dot_file_post_is_one_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _site(tmp_path, {"content/blog/.wip.md": "---\ntitle: [\n"})
    assert cli.main(["check", "--config", str(config)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "content/blog/.wip.md:1: warning: ignored: MkDocs leaves out names that start with '.'"
        " ('.wip.md') — rename it to publish it, or move it out of the blog folder"
    ]


def test_upper_case_scheme_in_external_links_is_fine_and_ftp_is_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    links = "      external_links: {/old/: 'HTTPS://example.org/old/', /x/: 'ftp://x.org/'}\n"
    config = _site(tmp_path, {"content/index.md": "# x\n"}, CONFIG + links)
    assert cli.main(["check", "--config", str(config)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "mkdocs.yml:6:7: error: plugins.podium/posts.external_links:"
        " /x/: 'ftp://x.org/' is not an http(s) URL"
    ]


def test_new_and_import_report_a_bad_option_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _site(tmp_path, {}, CONFIG + "      per_page: [1]\n")
    assert cli.main(["new", "post", "Hello", "--dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == (
        "mkdocs.yml:6:7: error: plugins.podium/posts.per_page:"
        " expected a whole number of 1 or more, got a list\n"
    )


def test_schema_into_an_impossible_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schema", "/dev/null/x"]) == 2
    assert capsys.readouterr().err.startswith("podium: schema: cannot write into /dev/null/x: ")


def test_github_annotation_escapes_the_file_property(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _site(tmp_path, {"content/blog/a,b:c%.md": "---\ntitle: x\ndate: 2024-02-30\n---\n"})
    assert cli.main(["check", "--config", str(config), "--format", "github"]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("::error file=content/blog/a%2Cb%3Ac%25.md,line=3,col=7::date: ")


def test_outputs_claims() -> None:
    outputs = Outputs()
    assert outputs.claim("feed.xml", "podium/posts") is None
    assert outputs.claim("feed.xml", "podium/posts") is None  # the same owner again
    assert outputs.claim("feed.xml", "content/feed.xml") == (
        "content/feed.xml and podium/posts both write feed.xml"
    )
    assert outputs.claim("feed.xml/index.html", "a redirect") == (
        "a redirect writes feed.xml/index.html inside feed.xml, which podium/posts writes as a file"
    )
    assert outputs.claim("old/index.html", "p") is None
    assert outputs.claim("old", "q") == "q writes the file old, where p needs a folder"
    assert (
        dest_problem("/index.html")
        == "is absolute ('/index.html'); it would be written outside site_dir"
    )
    assert dest_problem("") == "is empty: it would replace the site's folder itself"
    assert dest_problem("a/../../x") == "is not a plain relative path ('a/../../x')"


def test_data_events_as_a_file_and_event_files_in_sub_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _site(tmp_path, {"content/index.md": "# x\n", "data/events": "title: x\n"})
    assert cli.main(["check", "--config", str(config)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "data/events:1: error: must be a folder of event files (data/events/<id>.yml), not a file"
    ]
    (tmp_path / "data/events").unlink()
    event = "title: X\nkind: meetup\nstart: 2024-01-01\n"
    _site(tmp_path, {"data/events/2024/x.yml": event, "data/events/y.yml": event})
    assert cli.main(["check", "--config", str(config)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "data/events/2024/x.yml:1: warning: ignored: event files in sub-folders are not read"
        " — move it to data/events/x.yml"
    ]


def test_tags_with_signs_get_their_own_pages() -> None:
    from podium.text import tag_slug

    assert [tag_slug(t) for t in ("C++", "c++", "C#", "#python", "Unikraft", "unikraft")] == [
        "c-plus-plus",
        "c-plus-plus",
        "c-sharp",
        "python",
        "unikraft",
        "unikraft",
    ]
