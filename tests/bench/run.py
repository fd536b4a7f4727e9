"""`make bench`: Podium against bare MkDocs, Material's blog and Hugo, on the same content.

Every flavour of the generated site is built at least three times, the
flavours alternating so that machine noise spreads evenly; the table shows
median wall time and peak RSS, and the ratios the performance targets are
written in.  It is a benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench.generate import generate

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PODIUM_NOW": "2026-01-01"}


@dataclass
class Runs:
    seconds: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """User + system CPU seconds, children included (Podium builds some pages in a second
    process: wall time is what authors wait, CPU time what the machine spends)."""

    def record(self, run: int, label: str, seconds: float, rss_kb: int, cpu: float) -> None:
        """One build's numbers, kept and printed."""
        self.seconds.append(seconds)
        self.rss_kb.append(rss_kb)
        self.cpu.append(cpu)
        print(
            f"  run {run + 1}: {label:14} {seconds:7.2f} s {rss_kb / 1024:7.0f} MB {cpu:7.2f} s CPU",
            flush=True,
        )

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak_mb(self) -> float:
        return max(self.rss_kb) / 1024


def measure(command: list[str], cwd: Path) -> tuple[float, int, float]:
    """Wall time, peak RSS (KB) and CPU seconds of one child process (and its children)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    stderr = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{stderr.decode()[-2000:]}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def build_command(flavour: str, out: Path) -> list[str]:
    if flavour == "hugo":
        return ["hugo", "--quiet", "--destination", str(out)]
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(out)]


def core_seconds(site: Path) -> float:
    """The core alone, in a fresh process: read, parse, validate, build the catalog."""
    code = (
        "import time, datetime as dt; from pathlib import Path;"
        "from podium.catalog import build_catalog; from podium.problems import Problems;"
        "from podium.settings import Settings;"
        f"root = Path({str(site)!r});"
        "s = Settings(root=root, content_dir=root/'content', data_dir=root/'data',"
        " now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC));"
        "srcs = sorted(p.relative_to(root/'content').as_posix() for p in (root/'content').rglob('*.md'));"
        "t = time.perf_counter(); p = Problems(); c = build_catalog(s, srcs, p);"
        "e = time.perf_counter() - t;"
        "assert not p.errors, p.errors[:3];"
        # Related posts are part of build_catalog; timed again on their own here.
        "from podium.related import related_indices;"
        "keys = [[*(('event', v.id) for v in c.events_of(q)),"
        " *(('category', x) for x in q.category_slugs), *(('tag', x) for x in q.tag_slugs)]"
        " for q in c.posts];"
        "t = time.perf_counter(); found = related_indices(keys); r = time.perf_counter() - t;"
        "print(e, len(c.posts), len(c.events), r, sum(map(len, found)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=ENV, capture_output=True, text=True, check=True
    )
    seconds, posts, events, related, links = out.stdout.split()
    print(f"  core alone: {float(seconds):.2f} s for {posts} posts and {events} events")
    print(
        f"  related posts (inverted index, within the core): {float(related):.3f} s"
        f" for {posts} posts ({links} links)"
    )
    return float(seconds)


def bench(sizes: list[int], runs: int, work: Path) -> dict[tuple[str, int], Runs]:
    flavours = ["podium", "bare", "material-blog"] + (["hugo"] if shutil.which("hugo") else [])
    if "hugo" not in flavours:
        print("hugo is not installed: its column is left out (apt-get install hugo)")
    results: dict[tuple[str, int], Runs] = {}
    for n in sizes:
        print(f"N = {n}: generating …", flush=True)
        sites = {f: generate(work, f, n) for f in flavours}
        for run in range(runs):
            # Alternate the order so drift (thermal, caches) does not favour one flavour.
            order = flavours if run % 2 == 0 else list(reversed(flavours))
            for flavour in order:
                out = work / "out" / f"{flavour}-{n}"
                shutil.rmtree(out, ignore_errors=True)
                measured = measure(build_command(flavour, out), sites[flavour])
                results.setdefault((flavour, n), Runs()).record(run, flavour, *measured)
    return results


def report(results: dict[tuple[str, int], Runs], sizes: list[int], core: float | None) -> None:
    print("\n| flavour | N | median s | × bare MkDocs | CPU s | CPU × bare | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        bare = results[("bare", n)]
        for (flavour, size), runs in sorted(results.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            if size != n:
                continue
            ratio = runs.median / bare.median
            cpu = runs.cpu_median / bare.cpu_median
            print(
                f"| {flavour} | {n} | {runs.median:.2f} | {ratio:.2f} | {runs.cpu_median:.2f}"
                f" | {cpu:.2f} | {runs.peak_mb:.0f} |"
            )
    print("\nTargets:")
    largest = max(sizes)
    if 1000 in sizes:
        podium, bare = results[("podium", 1000)], results[("bare", 1000)]
        ratio = podium.median / bare.median
        print(
            f"- Podium / bare MkDocs at N=1000: {ratio:.2f} (target ≤ 1.25) {'met' if ratio <= 1.25 else 'NOT met'}"
        )
        rss = podium.peak_mb / bare.peak_mb
        print(
            f"- peak RSS Podium / bare at N=1000: {rss:.2f} (target ≤ 1.5) {'met' if rss <= 1.5 else 'NOT met'}"
        )
        cpu = podium.cpu_median / bare.cpu_median
        print(f"- CPU time Podium / bare at N=1000: {cpu:.2f} (no target; both cores count)")
        if ("material-blog", 1000) in results:
            blog = results[("material-blog", 1000)].median / bare.median
            print(f"- Material's blog / bare at N=1000: {blog:.2f} (for comparison)")
    if 1000 in sizes and 4000 in sizes:
        linear = results[("podium", 4000)].median / results[("podium", 1000)].median
        print(
            f"- Podium time(4000) / time(1000): {linear:.2f} (target ≤ 4.4) {'met' if linear <= 4.4 else 'NOT met'}"
        )
    if core is not None:
        print(
            f"- core alone, 4000 posts and 400 events: {core:.2f} s (target ≤ 2) {'met' if core <= 2 else 'NOT met'}"
        )
    print(f"(largest N measured: {largest})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(".bench"))
    parser.add_argument("--serve", action="store_true", help="also measure the mkdocs serve loop")
    parser.add_argument(
        "--conference-only", action="store_true", help="only the FOSDEM 2026 import and weights"
    )
    args = parser.parse_args(argv)
    args.work.mkdir(exist_ok=True)
    from tests.bench.conference import bench_conference

    if args.conference_only:
        bench_conference(args.work, args.runs)
        return 0
    results = bench(args.sizes, args.runs, args.work)
    print("core alone at N=4000 …", flush=True)
    core = core_seconds(generate(args.work, "podium", 4000))
    report(results, args.sizes, core)
    if args.serve:
        from tests.bench.serve import serve_loop

        serve_loop(args.work, 1000)
    print()
    bench_conference(args.work, args.runs)  # the full FOSDEM 2026 import, when the corpus is here
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
