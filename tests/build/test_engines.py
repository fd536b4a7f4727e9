"""Engines: the example site built by ProperDocs, the maintained fork of MkDocs 1.x, and by MkDocs.

Both run as their users run them (``properdocs build --strict``, ``mkdocs build --strict``)
from the venv of this test, on two copies of the repository's own site, with the same
clock (PODIUM_NOW, SOURCE_DATE_EPOCH). They must write the same files, byte for byte,
except the one line that names the engine. ProperDocs reads the plugins registered in
the ``mkdocs.plugins`` entry-point group (besides its own ``properdocs.plugins``), and
while it runs ``import mkdocs.x`` gives ``properdocs.x``, so Material and Podium run on
it unchanged; pyproject.toml's extra ``properdocs`` installs it (the dev extra includes it).
"""

from __future__ import annotations

import difflib
import importlib.util
import os
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.build.test_example_site import FOSDEM, MEETUP, copy_site
from tests.conftest import post, write_site

BIN = Path(sys.executable).parent
ENGINES = ("mkdocs", "properdocs")
NOW = "2026-01-01"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z: the sitemap's dates and sitemap.xml.gz's header


def _generator(engine: str) -> str:
    """The <meta name="generator"> line of Material's base.html, as each engine fills it in.

    Material writes ``mkdocs-{{ mkdocs_version }}``; ProperDocs sets ``mkdocs_version`` to
    ``ProperDocs <version>`` (properdocs/commands/build.py), MkDocs to its version.
    """
    named = version("mkdocs") if engine == "mkdocs" else f"ProperDocs {version('properdocs')}"
    return f"mkdocs-{named}, mkdocs-material-{version('mkdocs-material')}"


def _unavailable(reason: str) -> None:
    """Skip outside CI, saying why; under CI (any non-empty $CI but 0/false/no) fail instead."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"CI is set but {reason}: make test installs it", pytrace=False)
    pytest.skip(f"{reason}; CI is unset, so the ProperDocs builds are skipped")


def _executable(engine: str) -> Path:
    exe = BIN / engine
    if engine == "properdocs" and (
        importlib.util.find_spec("properdocs") is None or not os.access(exe, os.X_OK)
    ):
        _unavailable(
            f"ProperDocs is not installed in {BIN.parent} (pip install -e '.[properdocs]')"
        )
    return exe


def _env(engine: str) -> dict[str, str]:
    env = dict(os.environ, PODIUM_NOW=NOW, SOURCE_DATE_EPOCH=EPOCH)
    # Both engines wrap their log lines to $COLUMNS; a terminal setting, not a build input.
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    if engine == "mkdocs":
        # Material prints its end-of-life banner under `mkdocs`; silenced as the Makefile does.
        env["NO_MKDOCS_2_WARNING"] = "1"
    else:
        # Nothing silenced: under `properdocs` neither ProperDocs nor Material prints a banner.
        env.pop("NO_MKDOCS_2_WARNING", None)
        env.pop("DISABLE_MKDOCS_2_WARNING", None)
    return env


@dataclass
class EngineBuild:
    engine: str
    site: Path
    stderr: str


def _build(engine: str, root: Path) -> subprocess.CompletedProcess[str]:
    # -f: ProperDocs looks for properdocs.yml first and notes the fallback to mkdocs.yml.
    return subprocess.run(
        [str(_executable(engine)), "build", "--strict", "-f", "mkdocs.yml"],
        cwd=root,
        env=_env(engine),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, EngineBuild]:
    _executable("properdocs")  # skip (or fail under CI) before building anything
    done = {}
    for engine in ENGINES:
        root = copy_site(tmp_path_factory.mktemp(engine))
        ran = _build(engine, root)
        assert ran.returncode == 0, f"{engine} build --strict failed:\n{ran.stderr}"
        done[engine] = EngineBuild(engine, root / "site", ran.stderr)
    return done


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _normalised(engine: str, rel: str, data: bytes) -> bytes:
    """The file with what is inherent to the engine taken out; nothing else is touched.

    The only such difference is Material's generator line in every HTML page
    (``content="mkdocs-1.6.1, …"`` against ``content="mkdocs-ProperDocs 1.6.7, …"``).
    sitemap.xml.gz needs nothing: both engines date its gzip header from SOURCE_DATE_EPOCH
    (test_sitemap_gzip_header_is_dated_from_source_date_epoch).
    """
    if not rel.endswith(".html"):
        return data
    line = f'<meta name="generator" content="{_generator(engine)}">'.encode()
    return data.replace(line, b'<meta name="generator" content="ENGINE">')


def test_each_build_was_made_by_its_engine(builds: dict[str, EngineBuild]) -> None:
    """Every HTML page names its engine once: the ProperDocs build really ran on ProperDocs."""
    for engine, built in builds.items():
        pages = sorted(built.site.rglob("*.html"))
        assert len(pages) > 20, engine
        for html in pages:
            soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
            generators = [
                str(m.get("content")) for m in soup.find_all("meta", {"name": "generator"})
            ]
            assert generators == [_generator(engine)], (engine, html.relative_to(built.site))


def test_the_example_site_is_complete(builds: dict[str, EngineBuild]) -> None:
    files = _files(builds["mkdocs"].site)
    for rel in (
        "index.html",
        "404.html",
        "blog/index.html",
        "blog/archive/index.html",
        FOSDEM + "index.html",
        MEETUP + "index.html",
        "events/index.html",
        "events/fosdem-2024/index.html",
        "talks/index.html",
        "people/index.html",
        "tags/index.html",
        "tags/community/index.html",
        "feed.xml",
        "rss.xml",
        "events.ics",
        "search/search_index.json",
        "sitemap.xml",
        "sitemap.xml.gz",
    ):
        assert rel in files, rel


def test_properdocs_writes_the_same_files_as_mkdocs(builds: dict[str, EngineBuild]) -> None:
    mkdocs, properdocs = _files(builds["mkdocs"].site), _files(builds["properdocs"].site)
    missing = sorted(mkdocs.keys() - properdocs.keys())
    extra = sorted(properdocs.keys() - mkdocs.keys())
    assert (missing, extra) == ([], []), (
        f"missing from ProperDocs' build: {missing}, only in it: {extra}"
    )


def test_properdocs_writes_the_same_bytes_as_mkdocs(builds: dict[str, EngineBuild]) -> None:
    mkdocs, properdocs = _files(builds["mkdocs"].site), _files(builds["properdocs"].site)
    differ = []
    for rel in sorted(mkdocs.keys() & properdocs.keys()):
        ours = _normalised("mkdocs", rel, mkdocs[rel])
        theirs = _normalised("properdocs", rel, properdocs[rel])
        if ours != theirs:
            differ.append((rel, ours, theirs))
    shown = []
    for rel, ours, theirs in differ[:3]:
        diff = difflib.unified_diff(
            ours.decode("utf-8", "replace").splitlines(),
            theirs.decode("utf-8", "replace").splitlines(),
            f"mkdocs/{rel}",
            f"properdocs/{rel}",
            lineterm="",
        )
        shown.append("\n".join(list(diff)[:40]))
    assert [rel for rel, _, _ in differ] == [], "\n\n".join(shown)


def test_sitemap_gzip_header_is_dated_from_source_date_epoch(
    builds: dict[str, EngineBuild],
) -> None:
    for built in builds.values():
        header = (built.site / "sitemap.xml.gz").read_bytes()[:10]
        assert header[:2] == b"\x1f\x8b"
        assert int.from_bytes(header[4:8], "little") == int(EPOCH), built.engine


def test_properdocs_prints_no_banner(builds: dict[str, EngineBuild]) -> None:
    """Only its log lines: no notice from ProperDocs or Material, and no warning."""
    lines = builds["properdocs"].stderr.splitlines()
    assert lines and all(line.startswith("INFO    -  ") for line in lines), lines


def test_properdocs_strict_counts_podium_warnings(tmp_path: Path) -> None:
    """Podium logs under "mkdocs.plugins.podium"; the `properdocs` command makes the "mkdocs"
    logger a child of "properdocs", whose CountHandler makes --strict abort the build."""
    _executable("properdocs")
    post_md = post("A", "2025-12-01", "See [the other post](blog/2025-11-01-missing/).")
    write_site(
        tmp_path, {"content/index.md": "# Home\n", "content/blog/2025-12-01-a.md": post_md}, {}
    )
    ran = _build("properdocs", tmp_path)
    warnings = [line for line in ran.stderr.splitlines() if line.startswith("WARNING")]
    assert ran.returncode == 1, ran.stderr
    assert len(warnings) == 1 and "content/blog/2025-12-01-a.md:" in warnings[0], ran.stderr
    assert "Aborted with 1 warnings in strict mode!" in ran.stdout  # Abort.show echoes to stdout
