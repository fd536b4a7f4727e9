"""Shared fixtures: small fixture sites written to a temporary folder and built for real."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import os
import textwrap
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
FOSDEM_2026 = CORPUS / "fosdem-schedule-xml" / "2026.xml"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass
class Built:
    """The result of building a fixture site."""

    root: Path
    site: Path
    warnings: list[str] = field(default_factory=list)

    def html(self, url: str) -> str:
        path = self.site / url
        if url == "" or url.endswith("/"):
            path = path / "index.html"
        return path.read_text("utf-8")

    def exists(self, rel: str) -> bool:
        return (self.site / rel).exists()


BASE_CONFIG: dict[str, object] = {
    "site_name": "Fixture",
    "site_url": "https://example.org/sub/",
    "docs_dir": "content",
    "theme": {"name": "material", "font": False},
    "plugins": ["search", {"podium/posts": {}}, "podium/tags"],
    "markdown_extensions": ["attr_list", "md_in_html", "pymdownx.superfences"],
}


def write_site(root: Path, files: Mapping[str, str | bytes], config: Mapping[str, object]) -> None:
    merged = {**BASE_CONFIG, **config}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(merged, sort_keys=False), "utf-8")
    (root / "content").mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), "utf-8")


class BuildFailed(Exception):
    """`mkdocs build` aborted; ``messages`` holds what it logged (errors and warnings)."""

    def __init__(self, reason: str, messages: list[str]) -> None:
        super().__init__(reason + "\n" + "\n".join(messages))
        self.messages = messages


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(
    root: Path,
    *,
    serve: bool = False,
    strict: bool = False,
    now: str = "2026-01-01",
) -> Built:
    """Build the site in ``root`` in-process, as `mkdocs build` (or serve) would."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    old = os.environ.get("PODIUM_NOW")
    os.environ["PODIUM_NOW"] = now
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=strict)
        config.plugins.on_startup(command="serve" if serve else "build", dirty=False)
        try:
            build(config, serve_url="http://127.0.0.1:8000/sub/" if serve else None)
        except Abort as exc:
            raise BuildFailed(str(exc), handler.messages) from exc
        config.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)
        if old is None:
            os.environ.pop("PODIUM_NOW", None)
        else:
            os.environ["PODIUM_NOW"] = old
    return Built(root, root / "site", handler.messages)


SiteFactory = Callable[..., Built]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[SiteFactory]:
    """``site(files, config=..., serve=..., strict=...)`` writes and builds a fixture site."""

    def make(
        files: Mapping[str, str | bytes],
        config: Mapping[str, object] | None = None,
        **kwargs: object,
    ) -> Built:
        write_site(tmp_path, files, config or {})
        return build_site(tmp_path, **kwargs)  # type: ignore[arg-type]

    yield make


@dataclass
class FosdemSite:
    """The whole FOSDEM 2026 schedule imported into a fresh site and built strict."""

    built: Built
    said: list[str]  # what `podium import schedule` wrote on stderr
    url: str = ""  # where it is served on loopback (its site_url), if it is


def _build_fosdem_2026(root: Path, site_url: str | None = None) -> FosdemSite:
    """`podium import schedule` FOSDEM 2026 into fresh_site, then build it strict."""
    if not FOSDEM_2026.is_file():
        pytest.skip(f"{FOSDEM_2026} is absent (the shared corpus is not here)")
    from podium import cli
    from tests.build.test_import_builds import fresh_site

    fresh_site(root)
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        assert cli.main(["import", "schedule", str(FOSDEM_2026), "--dir", str(root)]) == 0
    if site_url:
        config = root / "mkdocs.yml"
        text = config.read_text("utf-8")
        assert "site_url: https://example.org/" in text
        config.write_text(text.replace("https://example.org/", site_url), "utf-8")
    built = build_site(root, strict=True)
    assert built.warnings == []
    return FosdemSite(built, said.getvalue().splitlines())


# A FOSDEM 2026 build takes ten seconds or more and several modules read the same site,
# so the session builds it once: as shipped (site_url https://example.org/, what the page
# weights are measured with) and once more on loopback for the browser. Read, never write.


@pytest.fixture(scope="session")
def fosdem_2026(tmp_path_factory: pytest.TempPathFactory) -> FosdemSite:
    """FOSDEM 2026 with the shipped mkdocs.yml (its site_url https://example.org/)."""
    return _build_fosdem_2026(tmp_path_factory.mktemp("fosdem-2026") / "site")


@pytest.fixture(scope="session")
def fosdem_2026_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FosdemSite]:
    """FOSDEM 2026 served under a loopback sub-path that is also its site_url."""
    from tests.browser.harness import free_port, serve

    root = tmp_path_factory.mktemp("fosdem-2026-served") / "site"
    port = free_port()
    with serve(root / "site", port) as base:
        site = _build_fosdem_2026(root, base)
        yield dataclasses.replace(site, url=base)


def post(title: str, date: str, body: str = "Body text.", **meta: object) -> str:
    """A YAML-front-matter post."""
    front = yaml.safe_dump(
        {"title": title, "date": date, **meta}, sort_keys=False, allow_unicode=True
    )
    return f"---\n{front}---\n\n{body}\n"


EXTERNAL = ("http:", "https:", "mailto:", "#", "data:", "javascript:")


def resolves(built: Built, page: str, ref: str) -> bool:
    """Whether a relative ``ref`` on the page at URL ``page`` points at a built file."""
    target = (built.site / page / ref.split("#")[0].split("?")[0]).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target.is_file() and target.is_relative_to(built.site.resolve())


def broken_links(built: Built) -> list[tuple[str, str]]:
    """Every internal href/src on every built page that points at nothing."""
    from bs4 import BeautifulSoup

    broken = []
    for html in sorted(built.site.rglob("*.html")):
        if html.name == "404.html":
            continue  # served from any depth; MkDocs makes its links absolute to site_url
        page = html.parent.relative_to(built.site).as_posix() + "/"
        page = "" if page == "./" else page
        for el in BeautifulSoup(html.read_text("utf-8"), "html.parser").select("[href], [src]"):
            ref = str(el.get("href") or el.get("src"))
            if ref and not ref.startswith(EXTERNAL) and not resolves(built, page, ref):
                broken.append((html.relative_to(built.site).as_posix(), ref))
    return broken
