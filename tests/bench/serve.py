"""The author's loop: edit one post of a large site under a real `mkdocs serve`.

Measures the first (full) build and the rebuild after one edit, from
MkDocs' own "Documentation built in … seconds" lines, plus the time from
saving the file until the edited page is served; then checks that the blog
index, a tag page and the feed show the edit.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.bench.generate import generate

BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.read().decode("utf-8", "replace") if response.status == 200 else ""
    finally:
        conn.close()


def _wait(check: object, timeout: float = 300) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if check():  # type: ignore[operator]
                return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit("timed out waiting for mkdocs serve")


def _builds(log: Path) -> list[float]:
    return [float(x) for x in BUILT.findall(log.read_text("utf-8", "replace"))]


def serve_loop(work: Path, n: int) -> None:
    site = generate(work, "podium", n)
    port = _port()
    log = site / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PODIUM_NOW": "2026-01-01"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=site,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait(lambda: "Bench" in _get(port, "/"))
            _wait(lambda: len(_builds(log)) >= 1)
            full = _builds(log)[0]
            newest = site / "content" / "blog" / f"post-{n - 1:05d}.md"
            marker = f"Edited {int(time.time())}"
            text = newest.read_text("utf-8")
            text = re.sub(r"^title: .*$", f"title: {marker}", text, count=1, flags=re.M)
            start = time.perf_counter()
            newest.write_text(text, "utf-8")
            url = f"/blog/post-{n - 1:05d}/"
            _wait(lambda: marker in _get(port, url))
            served = time.perf_counter() - start
            _wait(lambda: len(_builds(log)) >= 2)
            rebuild = _builds(log)[1]
            tag = re.search(r"^- (\w+)$", text, flags=re.M)
            checks = {
                "blog index": marker in _get(port, "/blog/"),
                "tag page": bool(tag)
                and marker in _get(port, f"/tags/{tag.group(1) if tag else ''}/"),
                "feed": marker in _get(port, "/feed.xml"),
            }
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    ratio = rebuild / full
    print(
        f"\nmkdocs serve, N = {n}: first build {full:.2f} s; rebuild after editing one post "
        f"{rebuild:.2f} s ({ratio:.0%} of a full build; target ≤ 20%) "
        f"{'met' if ratio <= 0.2 else 'NOT met'}"
    )
    print(f"  saved → edited page served: {served:.2f} s (includes MkDocs' change detection)")
    for name, ok in checks.items():
        print(f"  the edit shows on the {name}: {'yes' if ok else 'NO'}")
