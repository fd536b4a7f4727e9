"""Podium against each post's original engine: the helpers of tests/realworld/test_hugo_fidelity.py.

For one corpus site, :func:`compare_site` lays out the same posts twice in a temporary
folder: as a Podium site (posts under ``content/blog/``, Hugo's ``static/`` under
``content/``) and as a Hugo site (posts under ``content/posts/``, ``static/`` as it is),
with the Markdown extensions of the shipped ``mkdocs.yml``.  Images the posts name but
the corpus does not hold get placeholder files in both (found from Podium's own
"not found" messages).  Podium's core checks every post; the posts it reports no error
for are built once by the site's engine and once by Podium, and the article text of both
is compared after normalising whitespace and typography (Goldmark's typographer curls
quotes).

The engine is Hugo for five sites.  unikraft-next is the Unikraft website's Next.js era:
its ``.mdx`` posts were compiled by MDX, which turns ``<Image …/>`` or ``<Info>…</Info>``
into calls of the site's React components, where Hugo would print them as raw HTML no
reader ever saw.  So its original files are rendered by the real MDX compiler
(``tests/realworld/mdx/render.mjs``: ``@mdx-js/mdx`` with remark-gfm, in Node), and the
Hugo tree goes unused.  The site's components are not in the corpus; both engines get the
same stand-ins, as for Hugo's theme shortcodes (:func:`_stubs`, :func:`_components`).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from lxml import html as lxml_html

from podium.catalog import build_catalog
from podium.components import HTML_ELEMENTS
from podium.problems import Problem, Problems
from podium.settings import Settings
from tests.conftest import CORPUS, REPO, build_site

HUGO = Path("/usr/bin/hugo")
MDX = Path(__file__).parent / "mdx"
"""render.mjs and its package.json; ``make test`` installs node_modules (``npm ci``)."""


@dataclass(frozen=True)
class CorpusSite:
    name: str
    posts: str  # the folder of posts, relative to the site
    static: str | None = None
    suffix: str = ".md"  # unikraft-next writes MDX; a migrating site renames it to .md
    engine: Literal["hugo", "mdx"] = "hugo"
    """What rendered the posts on the original site, and so what Podium is compared with."""
    options: dict[str, object] = field(default_factory=dict)
    """podium/posts options the site's migration sets (Settings fields of the same names)."""


# The corpus holds each site's blog, not its documentation or release pages: a site that
# moves only its blog maps links to those sections to where they still are.
_UNIKRAFT_ELSEWHERE = {
    "/docs/*": "https://unikraft.org/docs/",
    "/releases*": "https://unikraft.org/releases",
    "/community/*": "https://unikraft.org/community/",
}

SITES = (
    CorpusSite("hugo-basic-example", "content/post"),
    CorpusSite("hugo-docs-content", "content/en/content-management"),
    CorpusSite("hugo-theme-zzo-exampleSite", "content/en/posts"),
    CorpusSite("nubificus-bold-ember", "content/post", "static"),
    CorpusSite(
        "unikraft-hugo",
        "content/en/blog",
        "static",
        options={
            "external_links": _UNIKRAFT_ELSEWHERE,
        },
    ),
    CorpusSite(
        "unikraft-next",
        "content/blog",
        None,
        ".mdx",
        "mdx",
        options={
            "date_from": ("publishedDate",),  # the Next.js site's key for a post's date
            "external_links": _UNIKRAFT_ELSEWHERE,
        },
    ),
)

_NOT_FOUND = re.compile(r"'([^']+)' not found under content/")
_IMAGE = re.compile(r"\.(png|jpe?g|gif|svg|webp|avif)$", re.IGNORECASE)
_BUILTIN_SHORTCODES = {
    "figure", "youtube", "vimeo", "highlight", "ref", "relref", "gist", "instagram",
    "param", "tweet", "twitter", "twitter_simple", "vimeo_simple",
}  # fmt: skip
_SHORTCODE_NAME = re.compile(r"\{\{[<%]\s*/?\s*([A-Za-z0-9_][A-Za-z0-9_.-]*)")
_CLOSING_NAME = re.compile(r"\{\{[<%]\s*/\s*([A-Za-z0-9_][A-Za-z0-9_.-]*)")
_TAG_NAME = re.compile(r"<([A-Z][A-Za-z0-9_]*)")  # JSX: a component's name is capitalised
_CLOSING_TAG = re.compile(r"</([A-Z][A-Za-z0-9_]*)")
# Goldmark's typographer (on by default in Hugo) versus the plain characters.
_TYPOGRAPHY = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "--", "—": "---", "…": "...", "«": "<<",
     "»": ">>", "\ufe0e": None}
)  # fmt: skip
_SPACE = re.compile(r"\s+")

HUGO_CONFIG = """\
baseURL = "https://example.org/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
[markup.highlight]
codeFences = false
"""
HUGO_SINGLE = '<article data-src="{{ .File.Path | base64Encode }}">{{ .Content }}</article>\n'


@dataclass
class Outcome:
    """What happened to each post of one site."""

    site: str
    same: list[str] = field(default_factory=list)
    flagged: dict[str, list[str]] = field(default_factory=dict)
    """Posts Podium reports a problem for (file:line messages), whose text is not the engine's."""
    wrong: dict[str, str] = field(default_factory=dict)
    """Silently wrong: no message, and the text differs from the engine's (first difference)."""
    messages: list[Problem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.same) + len(self.flagged) + len(self.wrong)


def _posts(site: CorpusSite) -> list[Path]:
    root = CORPUS / site.name / site.posts
    return sorted(
        p
        for p in root.rglob("*" + site.suffix)
        if not p.name.startswith("_index") and not p.name.endswith(".ko.md")
    )


def _lay_out(site: CorpusSite, work: Path) -> tuple[Path, Path, dict[str, str]]:
    """The Podium and Hugo trees; returns them and Podium src_uri -> the post's key in
    the other engine's output: its Hugo content path, or for MDX its original file."""
    podium, hugo = work / "podium", work / "hugo"
    static = CORPUS / site.name / site.static if site.static else None
    if static is not None and static.is_dir():
        shutil.copytree(static, podium / "content")
        shutil.copytree(static, hugo / "static")
    base = CORPUS / site.name / site.posts
    pairs: dict[str, str] = {}
    for source in _posts(site):
        rel = source.relative_to(base).with_suffix(".md").as_posix()
        for dest in (podium / "content/blog" / rel, hugo / "content/posts" / rel):
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
        if source.name == "index" + site.suffix:  # a page bundle: take its files along
            for extra in source.parent.rglob("*"):
                if extra.is_file() and extra.suffix not in (".md", ".mdx"):
                    inner = extra.relative_to(base).as_posix()
                    for root in (podium / "content/blog", hugo / "content/posts"):
                        (root / inner).parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(extra, root / inner)
        pairs["blog/" + rel] = str(source) if site.engine == "mdx" else "posts/" + rel
    for folder, inner in (
        (podium / "overrides", "{{ inner }}"),
        (hugo / "layouts", "{{ .Inner }}"),
    ):
        (folder / "shortcodes").mkdir(parents=True)
        for name, paired in _stand_ins(site, podium / "content").items():
            (folder / "shortcodes" / f"{name}.html").write_text(inner if paired else "", "utf-8")
    return podium, hugo, pairs


def _stand_ins(site: CorpusSite, content: Path) -> dict[str, bool]:
    """Name -> paired of the templates Podium and the site's engine get for its shortcodes
    (Hugo) or components (MDX)."""
    return _components(content) if site.engine == "mdx" else _stubs(content)


def _settings(site: CorpusSite, root: Path) -> Settings:
    return Settings(
        root=root,
        content_dir=root / "content",
        data_dir=root / "data",
        now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        shortcodes_dir=root / "overrides/shortcodes",
        **site.options,  # type: ignore[arg-type]
    )


def _check(site: CorpusSite, root: Path) -> Problems:
    content = root / "content"
    sources = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    problems = Problems()
    build_catalog(_settings(site, root), sources, problems)
    return problems


def _placeholders(podium: Path, hugo: Path, problems: Problems) -> int:
    """Give every missing image Podium reports a placeholder file, in both trees."""
    made = 0
    for problem in problems:
        found = _NOT_FOUND.search(problem.message)
        if found is None or not _IMAGE.search(found.group(1)):
            continue
        rel = found.group(1)
        targets = [podium / "content" / rel]
        if rel.startswith("blog/"):
            targets.append(hugo / "content/posts" / rel.removeprefix("blog/"))
        else:
            targets.append(hugo / "static" / rel)
        for target in targets:
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(b"placeholder")
                made += 1
    return made


def _hugo_site(hugo: Path, keep: set[str]) -> None:
    for path in sorted((hugo / "content/posts").rglob("*.md")):
        if path.relative_to(hugo / "content").as_posix() not in keep:
            path.unlink()
    (hugo / "config.toml").write_text(HUGO_CONFIG, "utf-8")
    layouts = hugo / "layouts"
    (layouts / "_default").mkdir()
    (layouts / "_default/single.html").write_text(HUGO_SINGLE, "utf-8")
    for kind in ("list", "index"):
        (layouts / f"_default/{kind}.html").write_text("", "utf-8")


def _stubs(content: Path) -> dict[str, bool]:
    """A stand-in template for every theme shortcode the posts call, the same for both engines.

    The themes' own templates are not in the corpus; the stand-in prints the inner text
    where the post closes the shortcode and nothing where it does not, as a theme's
    ``alert`` or ``img`` would, minus its markup.
    """
    names: set[str] = set()
    paired: set[str] = set()
    for path in content.rglob("*.md"):
        text = path.read_text("utf-8", "replace")
        names.update(_SHORTCODE_NAME.findall(text))
        paired.update(_CLOSING_NAME.findall(text))
    return {
        name: name in paired
        for name in sorted(names - _BUILTIN_SHORTCODES)
        if not name.endswith(".inline")
    }


def _components(content: Path) -> dict[str, bool]:
    """A stand-in for every MDX component the posts use, the same for both engines.

    The site's React components are not in the corpus either: as in :func:`_stubs`, one
    the posts close (``</Info>``) shows its children, any other (``<Image …/>``) nothing.
    """
    names: set[str] = set()
    paired: set[str] = set()
    for path in content.rglob("*.md"):
        text = path.read_text("utf-8", "replace")
        names.update(_TAG_NAME.findall(text))
        paired.update(_CLOSING_TAG.findall(text))
    return {name: name in paired for name in sorted(names) if name.lower() not in HTML_ELEMENTS}


def _run_hugo(hugo: Path) -> dict[str, str]:
    """Build with Hugo; Hugo content path -> the article HTML it rendered."""
    out = hugo / "public"
    done = subprocess.run(
        [str(HUGO), "--source", str(hugo), "--destination", str(out), "-D", "-F", "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    articles: dict[str, str] = {}
    for page in out.rglob("*.html"):
        text = page.read_text("utf-8")
        found = re.search(r'<article data-src="([^"]*)">', text)
        if found:
            path = base64.b64decode(found.group(1)).decode("utf-8")
            articles[path.replace("\\", "/")] = text
    return articles


def mdx_unavailable() -> str | None:
    """Why the MDX comparison cannot run here, or None."""
    if shutil.which("node") is None:
        return "node is not on PATH: install Node.js 18+ and npm (then make test installs MDX)"
    if not (MDX / "node_modules").is_dir():
        return (
            f"{MDX.relative_to(REPO)}/node_modules is absent: make test installs it"
            f" (or npm ci --prefix {MDX.relative_to(REPO)})"
        )
    return None


def _run_mdx(files: list[str], components: dict[str, bool]) -> dict[str, str]:
    """Compile and render with MDX (render.mjs); original file -> the HTML it rendered."""
    done = subprocess.run(
        ["node", str(MDX / "render.mjs")],
        input=json.dumps({"files": files, "components": components}),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rendered: dict[str, str] = json.loads(done.stdout)
    return rendered


def _podium_config(site: CorpusSite, root: Path) -> None:
    shipped = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    config = {
        "site_name": "Fidelity",
        "site_url": "https://example.org/",
        "docs_dir": "content",
        "theme": {"name": "material", "font": False},
        "plugins": [{"podium/posts": {"parallel": False, **_yaml_options(site)}}],
        "markdown_extensions": shipped["markdown_extensions"],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")


def _yaml_options(site: CorpusSite) -> dict[str, object]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in site.options.items()}


def hugo_text(page: str) -> str:
    tree = lxml_html.fromstring(page)
    article = tree.xpath("//article[@data-src]")[0]
    return _text(article)


def mdx_text(page: str) -> str:
    article = lxml_html.fragment_fromstring(page, create_parent="article")
    # remark-gfm heads the footnotes with an h2 the page hides (class sr-only) for screen
    # readers; Python-Markdown's footnotes have no heading, and a reader sees none in either.
    for label in article.xpath('.//*[@id="footnote-label"]'):
        label.drop_tree()
    return _text(article)


def podium_text(page: str) -> str:
    tree = lxml_html.fromstring(page)
    article = tree.xpath('//article[contains(@class, "podium-post")]')[0]
    for junk in article.xpath(
        './header | ./aside[contains(@class, "podium-post__events")]'
        ' | ./nav[contains(@class, "podium-prevnext")]'
        ' | .//a[contains(@class, "headerlink")] | .//a[contains(@class, "footnote-backref")]'
        ' | .//span[contains(@class, "linenos")]'
        ' | ./section[contains(@class, "podium-related")]'
    ):
        junk.drop_tree()
    return _text(article)


def _text(element: lxml_html.HtmlElement) -> str:
    for junk in element.xpath(".//a[contains(@class, 'footnote-backref')] | .//script"):
        junk.drop_tree()
    text = unicodedata.normalize("NFC", element.text_content()).translate(_TYPOGRAPHY)
    return _SPACE.sub(" ", text.replace("↩", "")).strip()


def first_difference(ours: str, theirs: str, engine: str = "Hugo") -> str:
    at = next((i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b), None)
    if at is None:
        at = min(len(ours), len(theirs))
    return (
        f"Podium: …{ours[max(0, at - 60) : at + 80]!r}\n"
        f"{engine:>6}: …{theirs[max(0, at - 60) : at + 80]!r}"
    )


def compare_site(site: CorpusSite, work: Path) -> Outcome:
    podium, hugo, pairs = _lay_out(site, work)
    problems = _check(site, podium)
    if _placeholders(podium, hugo, problems):
        problems = _check(site, podium)
    outcome = Outcome(site.name, messages=problems.sorted())
    by_post: dict[str, list[Problem]] = {}
    for problem in problems:
        by_post.setdefault(problem.path.removeprefix("content/"), []).append(problem)
    failing = {src for src, found in by_post.items() if any(p.severity == "error" for p in found)}
    for src in sorted(failing & set(pairs)):
        outcome.flagged[src] = [str(p) for p in by_post[src]]
    keep = set(pairs) - failing
    for src in failing & set(pairs):
        (podium / "content" / src).unlink()
    if not keep:
        return outcome
    if site.engine == "mdx":
        engine, text = "MDX", mdx_text
        theirs = _run_mdx(sorted(pairs[src] for src in keep), _components(podium / "content"))
    else:
        engine, text = "Hugo", hugo_text
        _hugo_site(hugo, {pairs[src] for src in keep})
        theirs = _run_hugo(hugo)
    _podium_config(site, podium)
    built = build_site(podium, now="2030-01-01")
    catalog_urls = _urls(site, podium, keep)
    for src in sorted(keep):
        ours = podium_text(built.html(catalog_urls[src]))
        their_page = theirs.get(pairs[src])
        assert their_page is not None, f"{engine} rendered no page for {pairs[src]}"
        other = text(their_page)
        if ours == other:
            outcome.same.append(src)
        elif any(_about_body(p) for p in by_post.get(src, ())):
            outcome.flagged[src] = [str(p) for p in by_post[src] if _about_body(p)]
        else:
            outcome.wrong[src] = first_difference(ours, other, engine)
    return outcome


def _about_body(problem: Problem) -> bool:
    """A problem that can explain a body rendered differently (front-matter notes cannot)."""
    return problem.severity == "error" or not problem.field


def _urls(site: CorpusSite, root: Path, keep: set[str]) -> dict[str, str]:
    content = root / "content"
    sources = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    catalog = build_catalog(_settings(site, root), sources, Problems())
    return {p.src_uri: p.url for p in (*catalog.posts, *catalog.hidden) if p.src_uri in keep}
