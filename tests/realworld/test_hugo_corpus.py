"""Real Hugo posts (Unikraft, Nubificus): each renders, or gets precise file:line errors.

The posts are read from ../shared/corpus (never copied into the repository).
Each site's Hugo ``static/`` folder is placed under content/, as a migrating
community would do, so root-absolute image paths resolve where the files exist.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import defaultdict
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from podium.catalog import build_catalog
from podium.problems import Problems
from podium.settings import Settings
from tests.conftest import CORPUS

SITES = {
    "unikraft": (CORPUS / "unikraft-hugo/content/en/blog", CORPUS / "unikraft-hugo/static"),
    "nubificus": (
        CORPUS / "nubificus-bold-ember/content/post",
        CORPUS / "nubificus-bold-ember/static",
    ),
}
MESSAGE = re.compile(r"^content/blog/\S.*?\.md:\d+(:\d+)?: (error|warning): .+")
IMAGE_MISSING = re.compile(r": error: '[^']+\.(png|jpe?g|svg|webp|gif)' not found under content/")


def _copy_site(posts: Path, static: Path, root: Path) -> int:
    content = root / "content"
    if static.is_dir():
        shutil.copytree(static, content, dirs_exist_ok=True)
    count = 0
    for source in sorted(posts.rglob("*.md")):
        if source.name == "_index.md":
            continue
        dest = content / "blog" / source.relative_to(posts)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, dest)
        count += 1
    return count


@pytest.fixture(scope="module", params=sorted(SITES))
def corpus_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    posts, static = SITES[request.param]
    if not posts.is_dir():
        pytest.skip(f"{posts} is absent (../shared/corpus is not beside the repository)")
    root = tmp_path_factory.mktemp(request.param)
    count = _copy_site(posts, static, root)
    settings = Settings(
        root=root,
        content_dir=root / "content",
        data_dir=root / "data",
        now=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
    )
    sources = sorted(
        p.relative_to(root / "content").as_posix() for p in (root / "content").rglob("*.md")
    )
    problems = Problems()
    catalog = build_catalog(settings, sources, problems)
    return request.param, root, count, catalog, problems


def test_every_post_renders_or_gets_precise_errors(corpus_site, capsys) -> None:  # type: ignore[no-untyped-def]
    name, root, count, catalog, problems = corpus_site
    errors: dict[str, list[str]] = defaultdict(list)
    for problem in problems.sorted():
        text = str(problem)
        assert MESSAGE.match(text), text
        assert problem.line >= 1, text
        if problem.severity == "error":
            errors[problem.path].append(text)
    rendered = 0
    for post in (*catalog.posts, *catalog.hidden):
        if post.shown in errors:
            continue
        html = markdown.markdown(
            post.markdown, extensions=["attr_list", "md_in_html", "pymdownx.superfences"]
        )
        page = BeautifulSoup(html, "html.parser")
        source = (root / "content" / post.src_uri).read_text("utf-8")
        assert post.title and post.meta.date.year >= 2017
        assert len(post.meta.tags) >= 1 or "tags" not in source[:500]
        assert len(page.select("figure")) >= source.count("{{< figure"), post.src_uri
        assert "{{<" not in re.sub(r"<code>.*?</code>", "", html, flags=re.S), post.src_uri
        rendered += 1
    failed = len(set(errors))
    assert rendered + failed == count, "every post either renders or has errors"
    # Posts whose only errors are images the corpus does not hold render once they exist
    # (tests/realworld/test_hugo_fidelity.py gives them placeholders and compares with Hugo).
    images = sum(all(IMAGE_MISSING.search(m) for m in found) for found in errors.values())
    with capsys.disabled():
        print(
            f"\n{name}: {rendered} of {count} posts render; {failed} get precise errors "
            f"({images} of them only for images the corpus lacks)"
        )
    assert rendered + images >= count // 3


def test_known_real_mistakes_get_their_messages(corpus_site) -> None:  # type: ignore[no-untyped-def]
    name, _root, _count, _catalog, problems = corpus_site
    messages = [str(p) for p in problems.sorted()]
    if name == "unikraft":
        assert (
            "content/blog/2022-03-29-unikraft-releases-enceladus.md:3:8: error: date: "
            "2022-02-29T00:00:00+01:00 is not a real date (day is out of range for month)"
        ) in messages
        assert any(
            m.startswith("content/blog/2023-08-18-unikraft-releases-prometheus.md:319:1: error: ")
            and "never closed" in m
            for m in messages
        ), messages
        assert any("unknown shortcode 'alert'" in m for m in messages)
    else:
        # The bundle's images are in static/images/, not beside it: the path is wrong.
        fosdem = [m for m in messages if ": error: " in m and "fosdem-2024" in m]
        assert fosdem == [
            "content/blog/2024-02-07-fosdem-2024/index.md:10:19: error: 'blog/2024-02-07-"
            "fosdem-2024/images/FOSDEM_venue.jpg' not found under content/ (the path "
            "'images/FOSDEM_venue.jpg#floatright' is relative to the page's URL "
            "blog/2024-02-07-fosdem-2024/; did you mean '/images/FOSDEM_venue.jpg'?)",
            "content/blog/2024-02-07-fosdem-2024/index.md:45:19: error: 'blog/2024-02-07-"
            "fosdem-2024/images/FOSDEM_logo.svg.png' not found under content/ (the path "
            "'images/FOSDEM_logo.svg.png#floatleft' is relative to the page's URL "
            "blog/2024-02-07-fosdem-2024/; did you mean '/images/FOSDEM_logo.svg.png'?)",
        ]
