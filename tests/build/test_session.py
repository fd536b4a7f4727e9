"""One session per build: nothing of one build leaks into the next, and posts keep the keys
MkDocs and Material read themselves (hide, search)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.build.test_example_site import copy_site
from tests.conftest import REPO, build_site, post, write_site


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _with_events(root: Path) -> None:
    files = {
        "content/index.md": "# Home\n",
        "content/blog/a.md": post("Alpha", "2024-01-01", "A body.", authors=["ada"], tags=["t"]),
        "data/people.yml": "ada:\n  name: Ada Lovelace\n",
        "data/events/conf.yml": (
            "title: Conf\nkind: conference\nstart: 2024-02-03\n"
            "talks:\n  - title: Engines\n    speakers: [ada]\n"
        ),
    }
    plugins = ["search", {"podium/posts": {}}, "podium/events", "podium/tags"]
    write_site(root, files, {"plugins": plugins})


def _without_events(root: Path) -> None:
    files = {
        "content/index.md": "# Home\n",
        "content/blog/b.md": post("Beta", "2024-01-02", "B body.", authors=["ada"]),
        "data/people.yml": "ada:\n  name: Ada Lovelace\n",
    }
    write_site(root, files, {"plugins": ["search", {"podium/posts": {}}, "podium/tags"]})


def test_two_sites_and_the_first_again_in_one_process(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    _with_events(first)
    _without_events(second)
    before = site_files(build_site(first).site)
    other = build_site(second)
    # The second site has no people pages: nothing may link them (a flag of the first build).
    html = other.html("blog/b/")
    links = [a["href"] for a in BeautifulSoup(html, "html.parser").select("a[href]")]
    assert not any("people/" in str(href) for href in links), links
    assert not (other.site / "people").exists()
    assert "people/ada" not in (other.site / "blog/b/index.html").read_text("utf-8")
    shutil.rmtree(first / "site")
    again = site_files(build_site(first).site)
    assert again.keys() == before.keys()
    assert [name for name in before if before[name] != again[name]] == []
    assert "people/ada/index.html" in again


FORMATS = {
    "yaml": "---\ntitle: Hidden\ndate: 2024-01-01\nhide: [navigation, toc]\nsearch:\n  exclude: true\n---\n\nSecret words.\n",
    "toml": '+++\ntitle = "Hidden"\ndate = 2024-01-01\nhide = ["navigation", "toc"]\n[search]\nexclude = true\n+++\n\nSecret words.\n',
    "json": '{\n  "title": "Hidden",\n  "date": "2024-01-01",\n  "hide": ["navigation", "toc"],\n  "search": {"exclude": true}\n}\n\nSecret words.\n',
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_hide_and_search_exclude_work_on_posts(tmp_path: Path, fmt: str) -> None:
    files = {
        "content/index.md": "# Home\n",
        "content/about.md": "# About\n",
        "content/blog/hidden.md": FORMATS[fmt],
        "content/blog/shown.md": post("Shown", "2024-01-02", "Open words."),
    }
    write_site(tmp_path, files, {"nav": ["index.md", "about.md"]})
    built = build_site(tmp_path, strict=True)
    assert built.warnings == []

    def sidebars(url: str) -> dict[str, bool]:
        page = BeautifulSoup(built.html(url), "html.parser")
        return {
            kind: page.select_one(f".md-sidebar--{kind}").has_attr("hidden")
            for kind in ("primary", "secondary")
        }

    assert sidebars("blog/hidden/") == {"primary": True, "secondary": True}
    assert sidebars("blog/shown/") == {"primary": False, "secondary": False}
    index = json.loads((built.site / "search/search_index.json").read_text("utf-8"))
    texts = " ".join(doc["text"] for doc in index["docs"])
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "Open words." in texts and "blog/shown/" in locations
    assert "Secret words." not in texts and "blog/hidden/" not in locations


def test_the_example_site_is_the_same_without_the_speed_layer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    fast = site_files(build_site(copy_site(tmp_path / "fast"), strict=True).site)
    slow_root = copy_site(tmp_path / "slow")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    assert isinstance(config["plugins"][1]["podium/posts"], dict)
    text = (slow_root / "mkdocs.yml").read_text("utf-8")
    marker = "  - podium/posts:\n"
    assert marker in text
    (slow_root / "mkdocs.yml").write_text(
        text.replace(marker, marker + "      speedups: false\n"), "utf-8"
    )
    slow = site_files(build_site(slow_root, strict=True).site)
    assert fast.keys() == slow.keys()
    assert [name for name in fast if fast[name] != slow[name]] == []
    assert "search/search_index.json" in fast and "talks/index.html" in fast
