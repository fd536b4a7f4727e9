"""`make bench`, the conference part: the whole FOSDEM 2026 schedule, imported and built.

Imports ../shared/corpus/fosdem-schedule-xml/2026.xml (883 talks) with `podium import
schedule` into a site made of the shipped mkdocs.yml and a home page, builds it three
times (median wall time, CPU, peak RSS, as the rest of the bench) and prints the page
weights the issue sets budgets for (event page, JSON-LD, catalog, a timetable day).
Skipped, with a line saying so, when the corpus is absent.  `python -m tests.bench.conference`
runs this part alone.
"""

from __future__ import annotations

import gzip
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from tests.bench.run import ENV, Runs, build_command, measure

REPO = Path(__file__).resolve().parents[2]
FOSDEM = REPO.parent / "shared" / "corpus" / "fosdem-schedule-xml" / "2026.xml"
KB = 1024
BUDGETS = {  # bytes, and whether the budget is for the gzipped file
    "event page": (400 * KB, False),
    "largest JSON-LD block": (100 * KB, False),
    "talks catalog (gzipped)": (150 * KB, True),
    "largest timetable day": (400 * KB, False),
}


def conference_site(work: Path) -> Path | None:
    if not FOSDEM.is_file():
        return None
    site = work / "fosdem-2026"
    shutil.rmtree(site, ignore_errors=True)
    (site / "content").mkdir(parents=True)
    (site / "data" / "events").mkdir(parents=True)
    shutil.copytree(REPO / "overrides", site / "overrides")
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    config = re.sub(r"(?m)^      external_links:\n(?:        .*\n)+", "", config)
    (site / "mkdocs.yml").write_text(config, "utf-8")
    (site / "content" / "index.md").write_text("# FOSDEM 2026\n", "utf-8")
    subprocess.run(
        [sys.executable, "-m", "podium.cli", "import", "schedule", str(FOSDEM), "--dir", str(site)],
        env=ENV,
        check=True,
        capture_output=True,
    )
    return site


def weights(out: Path) -> dict[str, int]:
    event = (out / "events" / "fosdem-2026" / "index.html").read_text("utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', event, re.S)
    catalog = (out / "talks" / "index.html").read_bytes()
    days = (out / "events" / "fosdem-2026" / "timetable").glob("*/index.html")
    return {
        "largest timetable day": max((p.stat().st_size for p in days), default=0),
        "event page": len(event.encode()),
        "largest JSON-LD block": max((len(b.encode()) for b in blocks), default=0),
        "talks catalog (gzipped)": len(gzip.compress(catalog, 9)),
    }


def bench_conference(work: Path, runs: int = 3) -> None:
    print("FOSDEM 2026 (883 talks): importing …", flush=True)
    site = conference_site(work)
    if site is None:
        print(f"  {FOSDEM} is absent: the conference part is left out")
        return
    result = Runs()
    out = (work / "out" / "fosdem-2026").resolve()  # the build runs in the site folder
    for run in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        result.record(run, "fosdem-2026", *measure(build_command("podium", out), site))
    print("\n| site | talks | median s | CPU s | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(
        f"| FOSDEM 2026 | 883 | {result.median:.2f} | {statistics.median(result.cpu):.2f}"
        f" | {result.peak_mb:.0f} |"
    )
    print("\nPage weights (FOSDEM 2026):")
    for name, size in weights(out).items():
        budget, _ = BUDGETS[name]
        verdict = "met" if size <= budget else "NOT met"
        print(f"- {name}: {size / KB:.0f} KB (target ≤ {budget // KB}) {verdict}")


if __name__ == "__main__":
    bench_conference(Path(".bench"))
