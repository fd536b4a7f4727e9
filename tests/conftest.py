"""Shared fixtures: small fixture sites written to a temporary folder and built for real."""

from __future__ import annotations

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
