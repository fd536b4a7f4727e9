"""The six Hugo sites of ../shared/corpus, and what Hugo itself publishes for them.

The corpus keeps the sites' content, not always their configuration: a site without one gets
a minimal Hugo configuration here (its real base URL and title, its language folder), written
into a copy, never into the corpus.  :func:`hugo_pages` asks /usr/bin/hugo (``hugo list all``)
for every page it would publish; themes and shortcode templates are not in the corpus, so the
copy gets an empty theme folder and a stub template for each shortcode the content calls.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import CORPUS

HUGO = Path("/usr/bin/hugo")

CONFIGS: dict[str, str] = {
    "hugo-docs-content": (
        'baseURL = "https://gohugo.io/"\ntitle = "Hugo"\ndefaultContentLanguage = "en"\n'
        '[languages.en]\ncontentDir = "content/en"\n'
    ),
    "nubificus-bold-ember": (
        'baseURL = "https://nubificus.co.uk/"\ntitle = "Nubificus LTD"\n'
        'timeZone = "Europe/London"\n[params]\nmainSections = ["post"]\n'
    ),
    "unikraft-hugo": (
        'baseURL = "https://unikraft.org/"\ntitle = "Unikraft"\ndefaultContentLanguage = "en"\n'
        '[languages.en]\ncontentDir = "content/en"\n[taxonomies]\ntag = "tags"\n'
    ),
    "unikraft-next": 'baseURL = "https://unikraft.org/"\ntitle = "Unikraft"\n',
}
"""Configurations for the corpus sites stored without one (hugo.toml)."""

SITES = (
    "hugo-basic-example",
    "hugo-docs-content",
    "hugo-theme-zzo-exampleSite",
    "nubificus-bold-ember",
    "unikraft-hugo",
    "unikraft-next",
)

_SHORTCODE = re.compile(r"\{\{[<%]\s*(/?)\s*([A-Za-z0-9_.-]+)")


def need_corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.is_dir():
        pytest.skip(f"{path} is absent (the shared corpus is not here)")
    return path


def hugo_site(name: str, into: Path) -> Path:
    """A copy of the corpus site ``name``, with a configuration when the corpus has none."""
    site = into / name
    shutil.copytree(need_corpus(name), site)
    if name in CONFIGS:
        (site / "hugo.toml").write_text(CONFIGS[name], "utf-8")
    return site


def _shortcode_stubs(site: Path, layouts: Path) -> None:
    used: dict[str, bool] = {}
    for page in site.rglob("*.md"):
        text = page.read_text("utf-8", errors="replace")
        text = re.sub(r"\{\{[<%]\s*/\*.*?\*/\s*[>%]\}\}", "", text, flags=re.DOTALL)
        for closing, name in _SHORTCODE.findall(text):
            used[name] = used.get(name, False) or bool(closing)
    folder = layouts / "shortcodes"
    folder.mkdir(parents=True, exist_ok=True)
    for name, paired in used.items():
        if name.endswith(".inline"):
            continue
        (folder / f"{name}.html").write_text("{{ .Inner }}" if paired else "", "utf-8")


@dataclass(frozen=True)
class HugoPage:
    path: str  # the source, e.g. content/post/x.md
    url: str  # where Hugo publishes it, without the leading '/', e.g. post/x/
    draft: bool


@dataclass(frozen=True)
class HugoListing:
    pages: list[HugoPage]
    unreadable: list[str]  # pages Hugo itself cannot build (left out of its listing)


def hugo_pages(site: Path, scratch: Path) -> HugoListing:
    """Every page ``hugo list all`` reports for ``site`` (built from a scratch copy).

    A page Hugo 0.111 fails on (a malformed shortcode; syntax of a newer Hugo) stops its whole
    build: it is taken out of the copy and the listing retried, and named in ``unreadable``.
    """
    if not HUGO.exists():
        pytest.skip("/usr/bin/hugo is not installed (Debian package hugo)")
    copy = scratch / f"{site.name}-for-hugo"
    shutil.copytree(site, copy)
    config = next((p for p in copy.glob("*.toml") if p.stem in ("hugo", "config")), None)
    theme_text = config.read_text("utf-8") if config else ""
    for conf in (copy / "config/_default").glob("*.toml"):
        theme_text += conf.read_text("utf-8")
    for theme in re.findall(r'(?m)^theme\s*=\s*"([^"]+)"', theme_text):
        (copy / "themes" / theme).mkdir(parents=True, exist_ok=True)
    _shortcode_stubs(copy, copy / "layouts")
    unreadable: list[str] = []
    for _ in range(20):
        result = subprocess.run(
            [str(HUGO), "list", "all", "--source", str(copy)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        failed = re.search(r'"([^"]+\.md):\d+:\d+"', result.stderr)
        if result.returncode == 0 or failed is None:
            break
        bad = Path(failed[1])
        unreadable.append(bad.relative_to(copy).as_posix())
        bad.unlink()
    assert result.returncode == 0, result.stderr
    pages = []
    for row in csv.DictReader(io.StringIO(result.stdout)):
        url = unquote(urlsplit(row["permalink"]).path).lstrip("/")
        pages.append(HugoPage(row["path"], url, row["draft"] == "true"))
    return HugoListing(pages, unreadable)
