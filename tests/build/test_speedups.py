"""Speed-ups must not change a byte: every site is built with and without them and compared."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import podium.mkdocs.internals as internals
from podium.mkdocs.internals import postpage, thememo
from tests.build.test_example_site import copy_site
from tests.conftest import build_site, post, write_site


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


ALL = ["nav", "search", "config"]


@pytest.fixture
def theme_memo(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """Records which parts of the theme were memoised, build by build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    used: list[list[str]] = []

    def spy(*args: Any) -> list[str]:
        result = thememo.memoize_theme(*args)
        used.append(result)
        return result

    monkeypatch.setattr(internals, "memoize_theme", spy)
    yield used


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Other tests of the session may leave idle threads behind (browsers, servers), which
    would make the build keep everything in one process; these tests are about the fork."""
    from podium.mkdocs.internals.background import Background

    monkeypatch.setattr(Background, "can_fork", staticmethod(lambda: hasattr(os, "fork")))


def without_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(internals, "memoize_theme", lambda *args: [])


def compare(root: Path, monkeypatch: pytest.MonkeyPatch, used: list[list[str]]) -> dict[str, bytes]:
    fast = site_files(build_site(root).site)
    assert used == [ALL]
    without_memo(monkeypatch)
    slow = site_files(build_site(root).site)
    assert fast.keys() == slow.keys()
    different = [name for name in fast if fast[name] != slow[name]]
    assert different == []
    return fast


def test_example_site_is_identical_with_the_nav_memo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme_memo: list[list[str]]
) -> None:
    files = compare(copy_site(tmp_path), monkeypatch, theme_memo)
    assert len([name for name in files if name.endswith(".html")]) > 20


NESTED_NAV: dict[str, object] = {
    "nav": [
        {"Home": "index.md"},
        {"Guide": [{"Start": "guide/start.md"}, {"Deep": "guide/deep/page.md"}]},
        {"Blog": "blog/index.md"},
        {"Elsewhere": "https://example.com/"},
        {"Up": "../other/"},
    ],
    "theme": {"name": "material", "font": False, "features": ["navigation.tabs"]},
}


def nested_site(root: Path, config: dict[str, object] | None = None) -> None:
    write_site(
        root,
        {
            "content/index.md": "# Home\n",
            "content/guide/start.md": "# Start\n\n## One\n\n## Two\n",
            "content/guide/deep/page.md": "# Deep\n",
            "content/guide/hidden.md": "# Hidden, not in the nav\n",
            # Beside Material's assets: its links to them are shorter than other pages'.
            "content/assets/notes.md": "# Notes\n",
            "content/blog/2024-01-01-a.md": post("A", "2024-01-01", tags=["x"]),
            "content/blog/2024-02-01-b.md": post("B", "2024-02-01", tags=["x", "y"]),
            "content/blog/sub/2024-03-01-c.md": post("C", "2024-03-01"),
        },
        {**NESTED_NAV, **(config or {})},
    )


def test_pages_at_every_depth_and_in_the_nav_are_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme_memo: list[list[str]]
) -> None:
    nested_site(tmp_path)
    files = compare(tmp_path, monkeypatch, theme_memo)
    # The page in the nav marks itself active; the pages out of it link it from their depth.
    start = files["guide/start/index.html"].decode()
    assert '<a href="./" class="md-nav__link md-nav__link--active">' in start
    hidden = files["guide/hidden/index.html"].decode()
    assert 'href="../deep/page/"' in hidden
    assert 'href="../../guide/deep/page/"' in files["blog/2024-01-01-a/index.html"].decode()
    assert 'href="../../../guide/deep/page/"' in files["blog/sub/2024-03-01-c/index.html"].decode()
    worker = '"search": "../javascripts/workers/search.'
    assert worker in files["assets/notes/index.html"].decode()
    assert worker not in files["guide/hidden/index.html"].decode()


def test_a_site_that_overrides_the_nav_keeps_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme_memo: list[list[str]]
) -> None:
    nested_site(
        tmp_path,
        {"theme": {"name": "material", "font": False, "custom_dir": "overrides"}},
    )
    partial = tmp_path / "overrides" / "partials" / "nav.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('<nav class="mine">{{ page.title }}</nav>', "utf-8")
    built = build_site(tmp_path)
    assert theme_memo == [["search", "config"]]
    assert '<nav class="mine">Hidden, not in the nav</nav>' in built.html("guide/hidden/")
    assert '<nav class="mine">B</nav>' in built.html("blog/2024-02-01-b/")


STATEFUL = """
Intro with a footnote[^1], an HTML abbreviation and a [[Wiki Link]].

*[HTML]: Hyper Text Markup Language

[^1]: The note of {name}.

## Same heading

## Same heading

Term
:   Its definition, "quoted" -- smartly...

!!! note "Heads up"
    An admonition in {name}.

| a | b |
|---|---|
| 1 | 2 |

```python
print("{name}")
```

<div markdown="1">**Inside** {name}</div>
"""

PYMDOWNX = """
Text with ==mark==, ^^insert^^, ~~delete~~, ++ctrl+alt+del++, (c) --> and :smile:.
`#!python print(1)` and a footnote[^n].

[^n]: Note of {name}.

=== "One"

    First tab of {name}.

=== "Two"

    Second tab.

??? note "Details"
    Hidden in {name}.

- [x] done
- [ ] to do

```python linenums="1"
print("{name}")
```

## Heading {{ #custom }}

## Heading
"""

BUILTINS = [
    "extra", "admonition", "toc", "nl2br", "sane_lists", "smarty", "wikilinks",
    "markdown.extensions.meta",
]  # fmt: skip
PYMDOWNX_EXTENSIONS = [
    "attr_list", "md_in_html", "footnotes", "abbr", {"toc": {"permalink": True}},
    {"pymdownx.highlight": {"anchor_linenums": True}}, "pymdownx.superfences",
    "pymdownx.inlinehilite", "pymdownx.details", {"pymdownx.tabbed": {"alternate_style": True}},
    "pymdownx.tasklist", "pymdownx.emoji", "pymdownx.betterem", "pymdownx.caret",
    "pymdownx.mark", "pymdownx.tilde", "pymdownx.keys", "pymdownx.smartsymbols",
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "extensions"), [(STATEFUL, BUILTINS), (PYMDOWNX, PYMDOWNX_EXTENSIONS)]
)
def test_posts_share_one_converter_without_a_byte_of_difference(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    body: str,
    extensions: list[object],
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    assert all(postpage._short(n) in postpage.RESETTABLE for n in names)
    posts = {
        f"content/blog/2024-0{i}-01-p{i}.md": post(f"P{i}", f"2024-0{i}-01", body.format(name=name))
        for i, name in enumerate(("alpha", "bravo", "charlie"), start=1)
    }
    write_site(tmp_path, posts, {"markdown_extensions": extensions})
    renders: list[str] = []
    real = postpage.SharedConverter.get

    def counting(self: postpage.SharedConverter, config: Any) -> Any:
        md = real(self, config)
        renders.append("shared" if md is not None else "own")
        return md

    monkeypatch.setattr(postpage.SharedConverter, "get", counting)
    shared = site_files(build_site(tmp_path).site)
    assert renders == ["shared"] * 3
    monkeypatch.setattr(postpage, "RESETTABLE", frozenset())
    renders.clear()
    own = site_files(build_site(tmp_path).site)
    assert renders == ["own"] * 3
    assert shared.keys() == own.keys()
    assert [name for name in shared if shared[name] != own[name]] == []
    # The state that would leak if a converter were not reset: footnotes, ids, tabs.
    third = shared["blog/2024-03-01-p3/index.html"].decode()
    assert "charlie" in third and "alpha" not in third and "bravo" not in third


def test_a_failure_writing_feeds_alongside_the_pages_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forking: None
) -> None:
    import podium.feeds
    from tests.conftest import BuildFailed

    def broken(*args: object) -> bytes:
        raise RuntimeError("the feed writer broke")

    monkeypatch.setattr(podium.feeds, "atom_feed", broken)
    nested_site(tmp_path)
    with pytest.raises(BuildFailed) as failed:
        build_site(tmp_path)
    # The child's traceback reaches the parent, which fails the build with it.
    assert "podium: building alongside the pages failed" in str(failed.value)
    assert "RuntimeError: the feed writer broke" in str(failed.value)


def test_feeds_and_calendars_are_written_alongside_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forking: None
) -> None:
    from podium.mkdocs.internals.background import Background

    forks: list[bool] = []
    real = Background.start

    def spy(self: Background, work: list[Any], result: Any, *, fork: bool) -> bool:
        forks.append(fork)
        return real(self, work, result, fork=fork)

    monkeypatch.setattr(Background, "start", spy)
    built = build_site(copy_site(tmp_path))
    # Calendars need only the catalog: they start before the pages are read, in a process
    # of their own; the generated pages and the feeds go to another once the pages are read.
    assert forks == [True, True]
    assert b"<feed" in (built.site / "feed.xml").read_bytes()
    assert (built.site / "events.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert (built.site / "events" / "fosdem-2024.ics").is_file()


def test_the_site_is_the_same_built_with_or_without_a_second_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forking: None
) -> None:
    from podium.mkdocs.internals.background import Background

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    root = copy_site(tmp_path)
    alongside = site_files(build_site(root, strict=True).site)
    monkeypatch.setattr(Background, "can_fork", staticmethod(lambda: False))
    inline = site_files(build_site(root, strict=True).site)
    assert alongside.keys() == inline.keys()
    assert [name for name in alongside if alongside[name] != inline[name]] == []
    docs = json.loads(alongside["search/search_index.json"])["docs"]
    assert any(doc["location"].startswith("talks/") for doc in docs)


HOOK = """
import logging

log = logging.getLogger("mkdocs.hooks.talks")


def on_post_page(output, page, config):
    if page.url.startswith("talks/") and page.url != "talks/":
        log.warning("a hook saw %s", page.url)
    return output
"""


def test_warnings_of_pages_built_alongside_are_logged_and_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forking: None
) -> None:
    from tests.conftest import BuildFailed

    root = copy_site(tmp_path)
    (root / "hook.py").write_text(HOOK, "utf-8")
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config["hooks"] = ["hook.py"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    built = build_site(root)
    seen = sorted(w for w in built.warnings if "a hook saw" in w)
    # Once each: the pages were built by the second process only, and its warnings came back.
    assert len(seen) == 7 and seen[0] == "a hook saw talks/bunny-fosdem-2024/"
    with pytest.raises(BuildFailed) as failed:
        build_site(root, strict=True)
    assert "Aborted with 7 warnings in strict mode" in str(failed.value)


COLLECTOR = """
from pathlib import Path

seen = []


def on_post_page(output, page, config):
    seen.append(page.url)
    return output


def on_post_build(config):
    Path(config.site_dir, "seen.txt").write_text("\\n".join(sorted(seen)), "utf-8")
"""


@pytest.mark.parametrize("parallel", [True, False])
def test_parallel_false_lets_a_plugin_gather_every_page_itself(
    tmp_path: Path, forking: None, parallel: bool
) -> None:
    root = copy_site(tmp_path)
    (root / "collector.py").write_text(COLLECTOR, "utf-8")
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config["hooks"] = ["collector.py"]
    posts = next(p for p in config["plugins"] if isinstance(p, dict) and "podium/posts" in p)
    posts["podium/posts"]["parallel"] = parallel
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    built = build_site(root, strict=True)
    seen = (built.site / "seen.txt").read_text("utf-8").split("\n")
    assert "blog/2024-02-07-fosdem-2024/" in seen  # posts: always built by MkDocs' loop
    # Generated pages: their page events ran in the second process (documented), unless
    # parallel is off; the pages themselves are there either way.
    assert ("talks/bunny-fosdem-2024/" in seen) is not parallel
    assert "Bunny" in built.html("talks/bunny-fosdem-2024/")
