"""A real `mkdocs serve` on a loopback port: mistakes are shown, the server survives, fixes recover.

Also the regression test MkDocs itself lacks: path traversal requests to the
dev server get 404 (CVE-2021-40978).
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import post, write_site
from tests.serving import free_port, get, mkdocs_serve, wait_for

GOOD = post("Good post", "2024-01-01", "Still browsable.")
BROKEN = "---\ntitle: Bad post\ndate: 2024-02-30\n---\nBody\n"
FIXED = post("Bad post, fixed", "2024-02-03", "Now fine.")


def errors_shown(port: int, path: str) -> list[str]:
    status, html = get(port, path)
    assert status == 200, (path, status)
    panel = BeautifulSoup(html, "html.parser").select_one(".podium-errors")
    return [li.get_text() for li in panel.select("li")] if panel else []


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[int, Path, subprocess.Popen[bytes]]]:
    """The site served by a real `mkdocs serve`; its output goes to tmp_path / 'serve.log'."""
    files = {
        "content/index.md": "# Home\n",
        "content/blog/good.md": GOOD,
        "content/blog/bad.md": FIXED,
    }
    write_site(tmp_path, files, {"site_url": "https://example.org/repo/"})
    port = free_port()
    with mkdocs_serve(tmp_path, port) as process:
        wait_for(lambda: get(port, "/repo/")[0] == 200, "the first build")
        yield port, tmp_path, process


def test_a_bad_edit_is_shown_in_the_browser_and_fixing_it_recovers(
    served: tuple[int, Path, subprocess.Popen[bytes]],
) -> None:
    port, root, process = served
    assert errors_shown(port, "/repo/blog/good/") == []
    (root / "content/blog/bad.md").write_text(BROKEN, "utf-8")
    expected = (
        "content/blog/bad.md:3:7: error: date: 2024-02-30 is not a real date "
        "(day is out of range for month)"
    )
    wait_for(lambda: expected in errors_shown(port, "/repo/blog/good/"), "the error panel")
    assert process.poll() is None, "the server must keep running"
    status, html = get(port, "/repo/blog/good/")
    assert status == 200 and "Still browsable." in html
    assert expected in errors_shown(port, "/repo/")
    (root / "content/blog/bad.md").write_text(FIXED, "utf-8")
    wait_for(lambda: errors_shown(port, "/repo/blog/good/") == [], "recovery")
    status, html = get(port, "/repo/blog/bad/")
    assert status == 200 and "Now fine." in html
    assert process.poll() is None
    output = (root / "serve.log").read_text("utf-8", "replace")
    assert expected in output, "the error is printed too"
    assert "Traceback" not in output, "a content mistake never prints a traceback"


@pytest.mark.parametrize(
    "path",
    [
        "/repo/../../../../etc/passwd",
        "/repo/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/repo/..%2f..%2f..%2fetc%2fpasswd",
        "/repo/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd",
        "/../../../../etc/passwd",
        "/repo/..\\..\\..\\etc\\passwd",
    ],
)
def test_path_traversal_requests_get_404(
    served: tuple[int, Path, subprocess.Popen[bytes]], path: str
) -> None:
    port, _root, _process = served
    status, body = get(port, path)
    assert status == 404, (path, status)
    assert "root:" not in body


def test_rebuilds_reuse_nothing_stale(tmp_path: Path) -> None:
    """The serve cache must never show an old title: neighbours, listings, tags and feeds."""
    files = {
        "content/index.md": "# Home\n\n<!-- podium:posts 3 -->\n",
        "content/blog/a.md": post("Alpha", "2024-01-01", "A body.", tags=["t"]),
        "content/blog/b.md": post(
            "Beta", "2024-01-02", "B body.", tags=["t"], authors=["ada"], event="conf"
        ),
        "content/blog/c.md": post("Gamma", "2024-01-03", "C body.", tags=["t"]),
        "data/people.yml": "ada:\n  name: Ada Lovelace\n",
        "data/events/conf.yml": (
            "title: Conf\nkind: conference\nstart: 2024-02-03\n"
            "talks:\n  - title: Engines\n    id: engines\n    speakers: [ada]\n"
        ),
    }
    plugins = ["search", {"podium/posts": {}}, "podium/events", "podium/tags"]
    write_site(tmp_path, files, {"site_url": "https://example.org/repo/", "plugins": plugins})
    port = free_port()
    with mkdocs_serve(tmp_path, port):
        wait_for(lambda: "Gamma" in get(port, "/repo/blog/")[1], "the first build")
        first_index = json.loads(get(port, "/repo/search/search_index.json")[1])["docs"]
        # A second, unchanged rebuild fills the cache; then the edit must still show everywhere.
        (tmp_path / "content/blog/a.md").write_text(files["content/blog/a.md"] + "\n", "utf-8")
        time.sleep(1.5)
        (tmp_path / "content/blog/b.md").write_text(
            post(
                "Beta renamed",
                "2024-01-02",
                "B body, edited.",
                tags=["t"],
                authors=["ada"],
                event="conf",
            ),
            "utf-8",
        )
        wait_for(lambda: "B body, edited." in get(port, "/repo/blog/b/")[1], "the edit")
        for path in (
            "/repo/blog/a/",
            "/repo/blog/c/",
            "/repo/blog/",
            "/repo/tags/t/",
            "/repo/",
            "/repo/blog/archive/",
            "/repo/people/ada/",
            "/repo/events/conf/",
        ):
            status, html = get(port, path)
            assert status == 200 and "Beta renamed" in html, path
        status, feed = get(port, "/repo/feed.xml")
        assert status == 200 and "Beta renamed" in feed
        # Unchanged pages replay their search entries; the edited post's are new.
        index = json.loads(get(port, "/repo/search/search_index.json")[1])["docs"]
        assert len(index) == len(first_index)
        texts = " ".join(doc["title"] + " " + doc["text"] for doc in index)
        assert "B body, edited." in texts and "A body." in texts and "Engines" in texts
        assert [d["location"] for d in index] == [d["location"] for d in first_index]
        assert "Beta<" not in get(port, "/repo/blog/a/")[1]


def test_dirty_serve_keeps_every_page(tmp_path: Path) -> None:
    """Under `mkdocs serve --dirty`, with the serve cache moving the old site aside, no page is lost."""
    files = {
        "content/index.md": "# Home\n",
        "content/about.md": "# About us\n",
        "content/blog/a.md": post("Alpha", "2024-01-01", "A body."),
        "content/blog/b.md": post("Beta", "2024-01-02", "B body."),
    }
    write_site(tmp_path, files, {"site_url": "https://example.org/repo/"})
    port = free_port()
    with mkdocs_serve(tmp_path, port, "--dirty"):
        wait_for(lambda: "Beta" in get(port, "/repo/blog/")[1], "the first build")
        (tmp_path / "content/blog/b.md").write_text(post("Beta", "2024-01-02", "B, edited."))
        wait_for(lambda: "B, edited." in get(port, "/repo/blog/b/")[1], "the edit")
        status, html = get(port, "/repo/blog/a/")
        assert status == 200 and "A body." in html
        status, html = get(port, "/repo/about/")  # a plain page, which Podium does not manage
        assert status == 200 and "About us" in html
