"""The browser tests' harness: build the example site, serve it on loopback, find Chromium.

Kept free of pytest so `python -m tests.browser.harness` can build, serve and
screenshot the site by hand for review.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.conftest import REPO, build_site

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "vendor" / "axe.min.js"
AXE_VERSION = "4.14.1"  # tests/browser/vendor/README.md
SCREENSHOTS = REPO / "tests" / "screenshots"  # in .gitignore
PREFIX = "/podium/"  # the site is served under a sub-path, as on GitHub Pages
HOST = "127.0.0.1"

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def find_chromium() -> str | None:
    """Debian's Chromium (or $PODIUM_CHROMIUM); never a browser Playwright would download."""
    env = os.environ.get("PODIUM_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    for path in CHROMIUM_CANDIDATES:
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path
    found = shutil.which("chromium")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def build_example(dest: Path, port: int) -> Path:
    """Build a copy of the example site whose site_url is the loopback sub-path."""
    for name in ("content", "data", "overrides"):
        shutil.copytree(REPO / name, dest / name)
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    site_url = f"http://{HOST}:{port}{PREFIX}"
    assert "site_url: https://example.org/" in text
    text = text.replace("site_url: https://example.org/", f"site_url: {site_url}", 1)
    (dest / "mkdocs.yml").write_text(text, "utf-8")
    built = build_site(dest, strict=True)
    assert built.warnings == []
    return built.site


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site directory at PREFIX only; anything else is a 404."""

    extensions_map = {  # noqa: RUF012 (the stdlib's own attribute)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar",
        ".xml": "application/xml",
        ".js": "text/javascript",
        ".webmanifest": "application/manifest+json",
    }

    def translate_path(self, path: str) -> str:
        bare = path.split("?", 1)[0].split("#", 1)[0]
        if not bare.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + bare[len(PREFIX) :])

    def do_GET(self) -> None:
        if self.path.rstrip("/") + "/" == PREFIX and not self.path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", PREFIX)
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path, port: int) -> Iterator[str]:
    """Serve ``site`` at http://127.0.0.1:port/podium/ in a thread; yields the base URL."""
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer((HOST, port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{port}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


# Every page type of the example site, by URL under the prefix.
PAGE_TYPES = {
    "home": "",
    "blog": "blog/",
    "post": "blog/2024-02-07-fosdem-2024/",
    "archive": "blog/archive/",
    "events": "events/",
    "event": "events/unikraft-meetup-2022/",
    "talks": "talks/",
    "talk": "talks/urunc-fosdem-2024/",
    "people": "people/",
    "person": "people/simon-kuenzer/",
    "tags": "tags/",
    "tag": "tags/community/",  # a tag with a feed of its own
}


def _screenshot_all() -> None:  # pragma: no cover - a manual review aid
    import tempfile

    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    assert chromium, "no Chromium"
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        site = build_example(Path(tmp), port)
        with serve(site, port) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            SCREENSHOTS.mkdir(exist_ok=True)
            for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
                for scheme in ("light", "dark"):
                    context = browser.new_context(
                        viewport=size, color_scheme=scheme, is_mobile=label == "phone"
                    )
                    page = context.new_page()
                    for name, url in PAGE_TYPES.items():
                        page.goto(base + url)  # the palette follows prefers-color-scheme
                        page.screenshot(
                            path=SCREENSHOTS / f"{name}-{label}-{scheme}.png",
                            full_page=True,
                            animations="disabled",
                        )
                    context.close()
            browser.close()
    print(SCREENSHOTS)


if __name__ == "__main__":  # pragma: no cover
    _screenshot_all()


def serious_violations(page: Any, exclude: str = "") -> list[str]:
    """axe's serious and critical findings on the page (``exclude``: a CSS selector left out)."""
    page.add_script_tag(path=str(AXE_JS))
    context = f"{{exclude: [[{exclude!r}]]}}" if exclude else "document"
    result = page.evaluate(f"async () => await axe.run({context}, {{resultTypes: ['violations']}})")
    return [
        f"{x['id']} ({x['impact']}): {[n['target'] for n in x['nodes']][:3]}"
        for x in result["violations"]
        if x["impact"] in ("serious", "critical")
    ]
