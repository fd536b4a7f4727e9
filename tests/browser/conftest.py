"""Fixtures of the browser tests: the example site built once, served on loopback, and Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.harness import CHROMIUM_ARGS, build_example, find_chromium, free_port, serve


def _chromium_or_skip() -> str:
    chromium = find_chromium()
    if chromium:
        return chromium
    if os.environ.get("CI"):
        pytest.fail("CI is set but no Chromium was found: .ci/run installs Debian's chromium")
    pytest.skip("no Chromium on this machine (apt-get install chromium); CI is unset")
    raise AssertionError  # unreachable: pytest.skip raises


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
    """A browser context that refuses (and records) every request to another host."""

    def __init__(self, browser: Any, **options: Any) -> None:
        self.context = browser.new_context(**options)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    opened: list[Visit] = []

    def make(**options: Any) -> Visit:
        v = Visit(browser, **options)
        opened.append(v)
        return v

    yield make
    for v in opened:
        v.close()


def screenshot_dir() -> Path:
    from tests.browser.harness import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
