"""`podium import material-blog` on Material's own blog (../shared/corpus/mkdocs-material-blog).

The corpus holds the blog's docs/blog/ folder, not Material's mkdocs.yml: the test writes one
with the blog plugin and the Markdown extensions Material's site uses, and its real site_url.
Images the posts show but the corpus lacks get placeholder files first (in the copy), as
Material's own build would warn about them too.

Fidelity: Material's blog plugin builds the copy, Podium builds the import (``--strict``), and
each post's article text is compared (whitespace collapsed, permalink signs dropped, zero-width
spaces dropped: the import reports the one it takes out of a title).  Every post is "same
text", or the import reported a precise reason; the counts are printed and a post whose text
differs silently fails the test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Comment, Tag

from podium import cli
from podium.migrate_material import MARKER
from tests.conftest import CORPUS

BLOG = CORPUS / "mkdocs-material-blog"
SITE_URL = "https://squidfunk.github.io/mkdocs-material/"
CONFIG = f"""\
site_name: Material for MkDocs
site_url: {SITE_URL}
theme:
  name: material
  font: false
plugins:
  - blog
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.betterem
  - pymdownx.caret
  - pymdownx.details
  - pymdownx.emoji:
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
      emoji_index: !!python/name:material.extensions.emoji.twemoji
  - pymdownx.highlight:
      anchor_linenums: true
  - pymdownx.inlinehilite
  - pymdownx.keys
  - pymdownx.mark
  - pymdownx.smartsymbols
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.tasklist:
      custom_checkbox: true
  - pymdownx.tilde
"""
_IMAGE = re.compile(r"(?<![\w/:.-])((?:\./)?[\w.-]+/[\w./-]+\.(?:png|jpe?g|gif|svg|webp))\b")
ENV = {**os.environ, "PODIUM_NOW": "2026-12-01", "NO_MKDOCS_2_WARNING": "1"}


def material_site(root: Path) -> Path:
    """A copy of the corpus blog with a mkdocs.yml and placeholders for missing images."""
    if not BLOG.is_dir():
        pytest.skip(f"{BLOG} is absent (the shared corpus is not here)")
    shutil.copytree(BLOG / "docs", root / "docs")
    (root / "mkdocs.yml").write_text(CONFIG, "utf-8")
    for post in (root / "docs/blog/posts").glob("*.md"):
        for target in _IMAGE.findall(post.read_text("utf-8")):
            image = (post.parent / target).resolve()
            if not image.exists():
                image.parent.mkdir(parents=True, exist_ok=True)
                image.write_bytes(b"")
    return root / "mkdocs.yml"


def mkdocs_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *extra],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u200b", "").replace("¶", "")
    return re.sub(r"\s+", " ", text).strip()


def _text(nodes: list[Tag]) -> str:
    for node in nodes:
        for link in node.select("a.headerlink"):
            link.decompose()
    return _clean(" ".join(node.get_text(" ") for node in nodes))


def material_article(html: str) -> str:
    article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    assert article is not None
    return _text([c for c in article.children if isinstance(c, Tag)])


def material_related(html: str) -> list[str]:
    """The titles in Material's "Related links" sidebar section."""
    soup = BeautifulSoup(html, "html.parser")
    for nav in soup.select("nav.md-nav"):
        label = nav.find(string=re.compile("Related links"))
        if label is not None:
            section = label.find_parent("li") or nav
            return [a.get_text(" ", strip=True) for a in section.select("ul a")]
    return []


def podium_article(html: str) -> tuple[str, list[str]]:
    """The post's title and body text, and the titles of its carried related links."""
    post = BeautifulSoup(html, "html.parser").select_one("article.podium-post")
    assert post is not None
    header = post.select_one("header.podium-post__header h1")
    assert header is not None
    nodes: list[Tag] = [header]
    related: list[str] = []
    in_related = False
    for child in post.children:
        if (
            isinstance(child, Comment)
            and child.strip() == MARKER.removeprefix("<!--").removesuffix("-->").strip()
        ):
            in_related = True
        if not isinstance(child, Tag) or child.name == "header":
            continue
        if any(c.startswith("podium-") for c in child.get("class") or []):
            continue
        if in_related:
            # The carried section is a heading and one list; footnotes come after it.
            if child.name == "ul":
                related += [a.get_text(" ", strip=True) for a in child.select("li a")]
                in_related = False
        else:
            nodes.append(child)
    return _text(nodes), related


def test_material_blog_imports_and_builds_with_the_same_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = material_site(tmp_path / "material")
    material = mkdocs_build(config.parent)
    assert material.returncode == 0, material.stderr
    dest = tmp_path / "podium"
    assert cli.main(["import", "material-blog", str(config), str(dest)]) == 0
    said = capsys.readouterr().err
    built = mkdocs_build(dest, "--strict")
    assert built.returncode == 0, built.stderr[-3000:]

    material_pages = sorted(
        p
        for p in (config.parent / "site/blog").rglob("index.html")
        if re.search(r"blog/\d{4}/\d\d/\d\d/", p.as_posix())
    )
    assert len(material_pages) == 13
    sources = {}  # Material's URL -> the post's file, from the imported front matter
    for post in (dest / "content/blog/posts").glob("*.md"):
        meta = yaml.safe_load(post.read_text("utf-8").split("---\n")[1])
        day = str(meta["date"]).replace("-", "/")
        sources[f"blog/{day}/{meta['slug']}/"] = f"posts/{post.name}"
    same, reported, silent = [], [], []
    for page in material_pages:
        url = page.relative_to(config.parent / "site").parent.as_posix() + "/"
        ours = dest / "site" / url / "index.html"
        assert ours.is_file(), f"Material's URL {url} is not a page of the import"
        html = page.read_text("utf-8")
        text, related = podium_article(ours.read_text("utf-8"))
        # Material titles a related page it cannot find "None"; the import links it on the
        # old site instead (and reports it).
        theirs = material_related(html)
        assert len(related) == len(theirs), url
        assert [t for t in related if not t.startswith(SITE_URL)] == [
            t for t in theirs if t != "None"
        ], url
        if text == material_article(html):
            same.append(url)
        elif any(sources[url] in line for line in said.splitlines()):
            reported.append(url)  # the import said what it changed in this post
        else:
            silent.append((url, material_article(html), text))
    print(f"material blog: {len(same)} same text, {len(reported)} reported, {len(silent)} silent")
    assert not silent, silent[0]
    assert len(same) == 13


def test_front_matter_people_and_urls_are_carried(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = material_site(tmp_path / "material")
    dest = tmp_path / "podium"
    assert cli.main(["import", "material-blog", str(config), str(dest)]) == 0
    said = capsys.readouterr().err
    people = yaml.safe_load((dest / "data/people.yml").read_text("utf-8"))
    assert people["pawamoy"] == {
        "name": "Timothée Mazzucotelli",
        "role": "Developer",
        "avatar": "https://avatars.githubusercontent.com/u/3999221",
        "links": {"github": "https://github.com/pawamoy"},
    }
    text = (dest / "content/blog/posts/mkdocs-2.0.md").read_text("utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == "What MkDocs 2.0 means for your documentation projects"
    assert str(meta["date"]) == "2026-02-18" and str(meta["updated"]) == "2026-04-13"
    assert meta["slug"] == "mkdocs-2.0" and meta["categories"] == ["General"]
    assert meta["hide"] == ["feedback"]  # from .meta.yml
    assert "\n# What MkDocs 2.0" not in text  # the H1 became the title: shown once
    site = yaml.load((dest / "mkdocs.yml").read_text("utf-8"), Loader=yaml.Loader)
    posts = next(
        p["podium/posts"] for p in site["plugins"] if isinstance(p, dict) and "podium/posts" in p
    )
    assert posts["post_url"] == "blog/{year}/{month}/{day}/{slug}"
    assert posts["external_links"]["../../plugins/blog.md"] == SITE_URL + "plugins/blog/"
    assert "search-better-faster-smaller.md:1: warning: readtime: not carried" in said
    assert not (dest / "content/blog/.authors.yml").exists()
    assert (dest / "content/blog/posts/blog-support-just-landed/blog.png").read_bytes() == (
        BLOG / "docs/blog/posts/blog-support-just-landed/blog.png"
    ).read_bytes()
