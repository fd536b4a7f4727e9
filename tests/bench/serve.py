"""The author's loop: edit one post of a large site under a real `mkdocs serve`.

Measures the first (full) build and the rebuild after one edit, from
MkDocs' own "Documentation built in … seconds" lines, plus the time from
saving the file until the edited page is served; then checks that the blog
index, a tag page and the feed show the edit.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from tests.bench.generate import generate
from tests.serving import free_port, get, mkdocs_serve, wait_for

BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def _builds(log: Path) -> list[float]:
    return [float(x) for x in BUILT.findall(log.read_text("utf-8", "replace"))]


def serve_loop(work: Path, n: int) -> None:
    site = generate(work, "podium", n)
    port = free_port()
    log = site / "serve.log"

    def page(path: str) -> str:
        status, html = get(port, path, timeout=300)
        return html if status == 200 else ""

    with mkdocs_serve(site, port):
        wait_for(lambda: "Bench" in page("/"), "the first build", timeout=600)
        wait_for(lambda: len(_builds(log)) >= 1, "the first build's timing")
        full = _builds(log)[0]
        newest = site / "content" / "blog" / f"post-{n - 1:05d}.md"
        marker = f"Edited {int(time.time())}"
        text = newest.read_text("utf-8")
        text = re.sub(r"^title: .*$", f"title: {marker}", text, count=1, flags=re.M)
        newest.write_text(text, "utf-8")
        served = wait_for(lambda: marker in page(f"/blog/post-{n - 1:05d}/"), "the edit", 600)
        wait_for(lambda: len(_builds(log)) >= 2, "the rebuild's timing")
        rebuild = _builds(log)[1]
        tag = re.search(r"^- (\w+)$", text, flags=re.M)
        checks = {
            "blog index": marker in page("/blog/"),
            "tag page": bool(tag) and marker in page(f"/tags/{tag.group(1) if tag else ''}/"),
            "feed": marker in page("/feed.xml"),
        }
    ratio = rebuild / full
    print(
        f"\nmkdocs serve, N = {n}: first build {full:.2f} s; rebuild after editing one post "
        f"{rebuild:.2f} s ({ratio:.0%} of a full build; target ≤ 20%) "
        f"{'met' if ratio <= 0.2 else 'NOT met'}"
    )
    print(f"  saved → edited page served: {served:.2f} s (includes MkDocs' change detection)")
    for name, ok in checks.items():
        print(f"  the edit shows on the {name}: {'yes' if ok else 'NO'}")
