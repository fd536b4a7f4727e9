"""Fixtures of the browser tests: the example site built once, served on loopback, and Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.harness import (
    CHROMIUM_ARGS,
    HOST,
    build_example,
    find_chromium,
    free_port,
    serve,
)


def _unavailable(reason: str) -> None:
    """Skip outside CI, saying why; under CI (any non-empty $CI) a missing browser fails."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"CI is set but {reason}: .ci/run installs Debian's chromium", pytrace=False)
    pytest.skip(f"{reason}; CI is unset, so the browser tests are skipped")


def _chromium_or_skip() -> str:
    chromium = find_chromium()
    if not chromium:
        _unavailable("no Chromium was found (apt-get install chromium, or set $PODIUM_CHROMIUM)")
        raise AssertionError  # unreachable: skip and fail raise
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("the playwright package is missing (pip install -e '.[dev]')")
    return chromium


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _chromium_or_skip()
    port = free_port()
    site = build_example(tmp_path_factory.mktemp("browser-site"), port)
    with serve(site, port) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    chromium = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Visit:
    """A browser context that refuses (and records) every request to another host.

    ``stubs`` maps a host the test expects the page to contact (only after a
    click) to the HTML served in its place, so nothing ever leaves the machine.
    """

    def __init__(self, browser: Any, stubs: dict[str, str] | None = None, **options: Any) -> None:
        self.context = browser.new_context(service_workers="block", **options)
        self.context.set_default_timeout(10_000)
        self.stubs = stubs or {}
        self.outside: list[str] = []
        self.stubbed: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _route(self, route: Any) -> None:
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host == HOST:
            route.continue_()
        elif host in self.stubs:
            self.stubbed.append(url)
            route.fulfill(status=200, content_type="text/html", body=self.stubs[host])
        else:
            self.outside.append(url)
            route.abort("blockedbyclient")

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console on {self.page.url}: {message.text}")

    def problems(self) -> list[str]:
        return [f"request to another host: {u}" for u in self.outside] + self.errors

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    """``visit(viewport=..., stubs=...)`` opens a guarded tab; the test fails at the end
    if any page of it asked another host for anything or logged a console error."""
    opened: list[Visit] = []

    def make(**options: Any) -> Visit:
        v = Visit(browser, **options)
        opened.append(v)
        return v

    yield make
    problems = [p for v in opened for p in v.problems()]
    for v in opened:
        v.close()
    assert problems == [], "\n".join(problems)


def screenshot_dir() -> Path:
    from tests.browser.harness import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
