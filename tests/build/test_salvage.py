"""One bad talk or one bad field drops only itself, in build and serve (issue 16).

Under `mkdocs serve` errors are shown and the build goes on: the event with a
reused talk id or a bad duration keeps its page and its other talks, and the
message names the file that has the problem (the newer file for a reused id).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.conftest import BuildFailed, build_site, post, write_site

CONFIG = {"plugins": ["search", {"podium/posts": {}}, "podium/tags", "podium/events"]}
OLD = """\
title: Old meetup
kind: meetup
start: 2024-01-10
talks:
  - {title: Unikernels, id: urunc}
"""
NEW = """\
title: New meetup
kind: meetup
start: 2024-02-10
url: javascript:alert(1)
talks:
  - {title: Good talk, id: good-talk}
  - {title: Reused, id: urunc}
  - {title: Too long, id: too-long, duration: 99999}
"""


def _site(root: Path) -> None:
    files = {
        "content/index.md": "# Home\n",
        "content/blog/a.md": post("A", "2024-01-01"),
        "data/events/b-old.yml": OLD,
        "data/events/a-new.yml": NEW,
    }
    write_site(root, files, CONFIG)
    # The file sorted first is the newer one: it is the one to blame.
    os.utime(root / "data/events/b-old.yml", ns=(1_600_000_000 * 10**9,) * 2)
    os.utime(root / "data/events/a-new.yml", ns=(1_700_000_000 * 10**9,) * 2)


EXPECTED = [
    "data/events/a-new.yml:4:6: error: url: scheme 'javascript' not allowed",
    "data/events/a-new.yml:7:25: error: talks[1].id: 'urunc' already used at"
    " data/events/b-old.yml:5:29",
    "data/events/a-new.yml:8:47: error: talks[2].duration: expected whole minutes between 1"
    " and 1440",
]


def test_serve_keeps_the_event_and_drops_only_the_bad_talks(tmp_path: Path) -> None:
    _site(tmp_path)
    built = build_site(tmp_path, serve=True)
    logged = "\n".join(built.warnings)
    for line in EXPECTED:
        assert line in logged, (line, logged)
    page = lxml_html.fromstring(built.html("events/a-new/"))
    talks = [a.text_content().strip() for a in page.xpath("//a[contains(@href, 'talks/')]")]
    assert "Good talk" in talks and "Reused" not in talks and "Too long" not in talks
    assert not page.xpath("//a[starts-with(@href, 'javascript')]")
    assert built.exists("talks/good-talk/index.html") and not built.exists(
        "talks/too-long/index.html"
    )
    # The old event and its talk are untouched.
    old = lxml_html.fromstring(built.html("talks/urunc/"))
    assert "Unikernels" in old.text_content()


def test_build_stops_on_every_error_naming_both_files(tmp_path: Path) -> None:
    # A build cannot know which file is newer (a checkout sets the times): it goes by name,
    # and the message names both places.
    _site(tmp_path)
    with pytest.raises(BuildFailed) as failed:
        build_site(tmp_path)
    text = str(failed.value)
    assert EXPECTED[0] in text and EXPECTED[2] in text
    assert (
        "data/events/b-old.yml:5:29: error: talks[0].id: 'urunc' already used at"
        " data/events/a-new.yml:7:25"
    ) in text
