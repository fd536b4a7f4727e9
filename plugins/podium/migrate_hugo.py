"""``podium import hugo HUGO_SITE DEST``: a Hugo site becomes a Podium site.

What is carried:

- the content folder (the default language's ``contentDir``) is copied byte for byte under
  ``content/``, page bundles with their files; a section's ``_index.md`` becomes its
  ``index.md`` (same bytes) except in the posts section, whose list page Podium generates, and
  at the root, where the new site's home page lists the latest posts;
- every folder of ``staticDir`` (``static/``) is copied under ``content/``, so ``/images/x.png``
  keeps resolving (a content file of the same path wins, as in Hugo's output);
- Hugo's Markdown: the new site's mkdocs.yml (the new-site template) has the example site's
  Goldmark-compatible extensions, ``podium.hugo_markdown`` among them;
- the site's ``title``, ``baseURL``, ``timeZone`` and ``params.description``; Hugo's date
  sources (``[frontmatter] date``, by default ``publishDate``, ``lastmod``, …) as ``date_from``
  when some post has no ``date``; the posts section
  (``params.mainSections``, else the largest of ``posts``, ``post``, ``blog``, …) becomes
  ``blog_dir``; the authors named by posts become ``data/people.yml``;
- URLs: the section's ``[permalinks]`` pattern becomes ``post_url`` when Podium has its tokens;
  then each post's Hugo URL (:func:`podium.migrate_hugoconfig.hugo_url`) is compared with the
  one Podium gives it, and any that differ get a redirect (mkdocs-redirects' ``redirect_maps``),
  so every old post URL still works.  Front matter ``aliases`` are redirects already.

What is not carried is reported, with the file and line where it applies: shortcodes Podium
does not expand, taxonomies other than tags and categories, other languages, front matter
MkDocs cannot read on pages that are not posts, Hugo data files, layouts, themes, assets.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml

from podium.dates import DateError, now, zone
from podium.frontmatter import salvage, split_front_matter
from podium.migrate_hugoconfig import (
    POST_SECTIONS,
    HugoConfig,
    PageFacts,
    hugo_config,
    hugo_url,
    podium_post_url,
    read_config,
)
from podium.migrate_write import MigrateError, Plan, SiteSettings, scaffold
from podium.postmeta import name_date, name_rest
from podium.posts import BrokenPost, read_post
from podium.problems import Problems
from podium.routing import post_url
from podium.shortcodes import expand
from podium.site_shortcodes import SiteShortcodes
from podium.sources import decode_source
from podium.text import slugify

_MARKDOWN = (".md", ".markdown")
_OTHER_FORMATS = (".html", ".htm", ".adoc", ".asciidoc", ".org", ".pdc", ".pandoc", ".rst")
_NOT_CARRIED_DIRS = {
    "layouts": "Hugo templates; the new site uses Material for MkDocs' theme",
    "themes": "a Hugo theme; the new site uses Material for MkDocs' theme",
    "archetypes": "Hugo's `hugo new` templates; `podium new post` writes Podium's",
    "assets": "Hugo Pipes input; copy what pages need into content/",
    "i18n": "Hugo's translation strings",
    "data": "Hugo data files feed templates; Podium's data/ holds events and people",
    "resources": "Hugo's generated resource cache",
}


@dataclass(frozen=True)
class Post:
    """One post of the posts section, and where the old site published it."""

    rel: str  # under content/, e.g. post/x.md
    old_url: str | None
    facts: PageFacts  # as written, for a post whose front matter Podium refuses


def _timezone(config: HugoConfig, plan: Plan, shown_config: str) -> str:
    if not config.timezone:
        return "UTC"
    try:
        zone(config.timezone)
    except DateError as exc:
        plan.note(shown_config, 0, "timeZone", f"{exc}; the new site uses UTC")
        return "UTC"
    return config.timezone


def _walk(root: Path) -> list[str]:
    """Files under ``root`` (relative, '/'-separated, sorted); hidden files skipped as Hugo does."""
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        if path.is_symlink():
            found.append(rel)  # reported by the caller, never followed
        elif path.is_file():
            found.append(rel)
    return found


def _posts_section(config: HugoConfig, pages: list[str]) -> str | None:
    counts: dict[str, int] = {}
    for rel in pages:
        if "/" in rel and not rel.endswith("/_index.md"):
            section = rel.split("/", 1)[0]
            counts[section] = counts.get(section, 0) + 1
    for section in config.main_sections:
        if section in counts:
            return section
    candidates = [s for s in POST_SECTIONS if s in counts]
    return max(candidates, key=lambda s: counts[s]) if candidates else None


def _front(text: str, shown: str) -> tuple[dict[str, object], str, int, str] | None:
    problems = Problems()
    front = split_front_matter(text, shown, problems)
    if front is None:
        return None
    return front.data, front.body, front.body_line, front.format


def _lenient(text: str) -> tuple[dict[str, object], str, int, str] | None:
    """Front matter as Hugo reads it: a duplicate key keeps the last value."""
    block, body, body_line = salvage(text)
    try:
        if text.lstrip("\ufeff\n").startswith("+++"):
            data: object = tomllib.loads(block)
            fmt = "toml"
        else:
            data = yaml.safe_load(block)
            fmt = "yaml"
    except (tomllib.TOMLDecodeError, yaml.YAMLError, ValueError):
        return None
    return (data, body, body_line, fmt) if isinstance(data, dict) else None


_NEW_SITE_SHORTCODES = SiteShortcodes(folder="overrides/shortcodes")
"""The imported site's shortcodes folder, empty: its unknown-shortcode messages name it."""


def _shortcodes(plan: Plan, shown: str, body: str, body_line: int, is_post: bool) -> None:
    """Report the shortcodes Podium does not expand (at their file positions)."""
    if "{{" not in body:
        return
    found = Problems()
    expand(
        body,
        path=shown,
        first_line=body_line,
        problems=found,
        resolve_ref=lambda _: "/",
        site=_NEW_SITE_SHORTCODES,
    )
    for problem in found:
        if problem.message.startswith("unknown shortcode"):
            where = "" if is_post else " (and pages other than posts expand no shortcode)"
            plan.note(shown, problem.line, "shortcode", problem.message + where, problem.col)
    if not is_post and re.search(r"\{\{[<%]", body) and not found.items:
        plan.note(shown, body_line, "shortcode", "shortcodes are expanded in posts only")


def _shortcode_templates(site: Path) -> list[Path]:
    """The site's and its themes' shortcode templates (Hugo's layouts/shortcodes/)."""
    folders = [site / "layouts/shortcodes", *sorted(site.glob("themes/*/layouts/shortcodes"))]
    return [t for folder in folders if folder.is_dir() for t in sorted(folder.glob("*.html"))]


def _authors(data: dict[str, object]) -> list[str]:
    names: list[str] = []
    value = data.get("authors", data.get("author"))
    if isinstance(value, str):
        names = [n.strip() for n in value.split(",")]
    elif isinstance(value, list):
        names = [n.strip() for n in value if isinstance(n, str)]
    return [n for n in names if n]


def _dating(data: dict[str, object], rel: str, sources: tuple[str, ...]) -> tuple[object, str]:
    """The value Hugo dates the page by, and its source: the configured sources in order
    (``date`` first unless they name it); ``(None, "")`` when none gives one."""
    by_lower = {key.lower(): key for key in data}
    order = sources if any(s.lower() == "date" for s in sources) else ("date", *sources)
    for source in order:
        if source == ":filename":
            value: object = name_date(rel)
        elif source.lower() in by_lower:
            value = data[by_lower[source.lower()]]
        else:
            continue
        if value is not None:
            return value, source
    return None, ""


def _date(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip().replace(" ", "T", 1))
        except ValueError:
            return None
    return None


class _Import:
    def __init__(self, site: Path, shown: str, config: HugoConfig, files: list[str]) -> None:
        self.site, self.shown, self.config = site, shown, config
        self.shown_config = posixpath.join(shown, files[0])
        self.plan = Plan()
        self.people: dict[str, str] = {}
        self.undated = False
        """Some post has no ``date`` key: Hugo's date sources are carried as ``date_from``."""
        self.posts: list[Post] = []

    def source(self, rel: str) -> str:
        return posixpath.join(self.shown, rel)

    def run(self) -> Plan:
        config = self.config
        content = self.site / config.content_dir
        if not content.is_dir():
            raise MigrateError(
                f"{self.shown}: no content folder {config.content_dir}/ — nothing to import"
            )
        files = _walk(content)
        pages = [r for r in files if r.endswith(_MARKDOWN)]
        section = _posts_section(config, pages)
        blog_dir = section or "blog"
        self._static(files)
        for rel in files:
            self._content(content, rel, section)
        self._taxonomies_and_languages()
        for name in sorted(_NOT_CARRIED_DIRS):
            if (self.site / name).is_dir() and any((self.site / name).iterdir()):
                self.plan.note(
                    self.source(name) + "/", 0, "", "not carried: " + _NOT_CARRIED_DIRS[name]
                )
        for shortcode in _shortcode_templates(self.site):
            rel = shortcode.relative_to(self.site).as_posix()
            self.plan.note(
                self.source(rel),
                0,
                "",
                f"not carried: a Go template; write overrides/shortcodes/{shortcode.name} "
                f"(Jinja, see the README) to serve {{{{< {shortcode.stem} >}}}}",
            )
        if self.undated and config.date_sources_dropped:
            dropped = ", ".join(config.date_sources_dropped)
            self.plan.note(
                self.shown_config, 0, "frontmatter.date", f"not carried: {dropped} (no equivalent)"
            )
        if config.theme:
            self.plan.note(self.shown_config, 0, "theme", f"not carried: {', '.join(config.theme)}")
        if config.ugly_urls:
            self.plan.note(self.shown_config, 0, "uglyURLs", "not carried: posts get folder URLs")
        pattern = config.permalinks.get(section or "")
        template = podium_post_url(pattern, blog_dir) if pattern else None
        if pattern and template is None:
            self.plan.note(
                self.shown_config,
                0,
                f"permalinks.{section}",
                f"{pattern!r} has tokens Podium's post_url lacks; every post keeps its path "
                "and its old URL redirects to it",
            )
        redirects = self._redirects(template, blog_dir)
        if self.people:
            people = {pid: {"name": name} for pid, name in sorted(self.people.items()) if pid}
            self.plan.text(
                "data/people.yml",
                "# The authors named by the imported posts; add role, avatar and links.\n"
                + yaml.safe_dump(people, allow_unicode=True, sort_keys=False, width=4096),
            )
        settings = SiteSettings(
            name=(config.title or self.site.resolve().name)
            .strip()
            .replace("<", "")
            .replace(">", ""),
            site_url=config.base_url.rstrip("/") + "/" if config.base_url else None,
            description=config.description,
            blog_dir=blog_dir,
            post_url=template,
            timezone=_timezone(config, self.plan, self.shown_config),
            date_from=config.date_from if self.undated else (),
            redirects=redirects,
        )
        scaffold(self.plan, settings, dt.date.today())
        return self.plan

    def _taxonomies_and_languages(self) -> None:
        config = self.config
        for singular, plural in sorted(config.taxonomies.items()):
            if plural not in ("tags", "categories"):
                self.plan.note(
                    self.shown_config,
                    0,
                    f"taxonomies.{singular}",
                    f"not carried: Podium has tags and categories; posts' `{plural}:` stay in "
                    "their front matter (an unknown key warns)",
                )
        for language in config.other_languages:
            self.plan.note(
                self.shown_config,
                0,
                f"languages.{language}",
                f"not carried: Podium builds one language ({config.language})",
            )

    def _static(self, content_files: list[str]) -> None:
        taken = {self._target(rel) for rel in content_files}
        for folder in self.config.static_dirs:
            root = self.site / folder
            if not root.is_dir():
                continue
            for rel in _walk(root):
                shown = self.source(posixpath.join(folder, rel))
                if (root / rel).is_symlink():
                    self.plan.note(shown, 0, "", "a symbolic link: not copied")
                elif rel in taken:
                    self.plan.note(shown, 0, "", f"not copied: content/{rel} has the same path")
                else:
                    self.plan.copy(f"content/{rel}", root / rel)

    @staticmethod
    def _target(rel: str) -> str:
        if rel == "_index.md" or rel.endswith("/_index.md"):
            return rel[: -len("_index.md")] + "index.md"
        return rel

    def _content(self, content: Path, rel: str, section: str | None) -> None:
        path = content / rel
        shown_src = self.source(posixpath.join(self.config.content_dir, rel))
        if path.is_symlink():
            self.plan.note(shown_src, 0, "", "a symbolic link: not copied")
            return
        is_post = bool(section) and rel.startswith(f"{section}/") and not rel.endswith("_index.md")
        if rel.endswith(_MARKDOWN[1]):
            self.plan.note(shown_src, 0, "", "a .markdown file: copied, but MkDocs reads .md only")
        if rel == "_index.md" or (section and rel == f"{section}/_index.md"):
            what = "the home page" if rel == "_index.md" else "the blog's list page"
            self.plan.note(shown_src, 1, "", f"not copied: Podium generates {what}")
            return
        target = self._target(rel)
        if target != rel and (content / target).exists():
            self.plan.note(shown_src, 1, "", f"not copied: {target} is the section's page")
            return
        self.plan.copy(f"content/{target}", path)
        if rel.endswith(_OTHER_FORMATS):
            self.plan.note(f"content/{target}", 0, "", "not a Markdown page: copied as a file")
        elif rel.endswith(".mdx"):
            self.plan.note(
                f"content/{target}",
                0,
                "",
                "MDX is not a page format of Hugo (it publishes no page for it) or MkDocs: "
                "copied as a file; renamed to .md it is a post, and a template "
                "overrides/shortcodes/NAME.html serves each of its components <NAME>",
            )
        if not rel.endswith(".md"):
            return
        shown = f"content/{target}"
        problems = Problems()
        text = decode_source(path.read_bytes(), shown, problems)
        parsed = _front(text, shown) if text is not None else None
        if parsed is None and text is not None:
            # Podium refuses it (the build says why, with the line); Hugo may still have
            # published it, so its URL is read as leniently as Hugo reads it.
            parsed = _lenient(text)
        if parsed is None:
            return
        data, body, body_line, fmt = parsed
        _shortcodes(self.plan, shown, body, body_line, is_post)
        if data.get("headless") is True:
            self.plan.note(shown, 1, "headless", "Hugo does not publish this page; MkDocs does")
        if not is_post:
            if fmt in ("toml", "json"):
                self.plan.note(
                    shown,
                    1,
                    "",
                    f"{fmt.upper()} front matter: MkDocs reads YAML on pages "
                    "other than posts, so this page shows it as text — rewrite it as YAML",
                )
            return
        for name in _authors(data):
            self.people.setdefault(slugify(name), name)
        facts = self._facts(rel, data)
        self.undated = self.undated or "date" not in {key.lower() for key in data}
        date = facts.date
        future = date is not None and date.replace(tzinfo=date.tzinfo or dt.UTC) > now()
        published = data.get("draft") is not True and data.get("headless") is not True
        published = published and (not future or bool(self.config.raw.get("buildfuture")))
        self.posts.append(Post(target, self._old_url(facts) if published else None, facts))

    def _facts(self, rel: str, data: dict[str, object]) -> PageFacts:
        title = data.get("title")
        slug = data.get("slug")
        url = data.get("url")
        value, source = _dating(data, rel, self.config.date_from)
        if source == ":filename" and not isinstance(slug, str):
            slug = name_rest(rel) or None  # Hugo's :filename gives the slug too
        return PageFacts(
            rel=rel,
            title=title if isinstance(title, str) else "",
            date=_date(value),
            slug=slug if isinstance(slug, str) else None,
            url=url if isinstance(url, str) else None,
        )

    def _old_url(self, facts: PageFacts) -> str | None:
        try:
            return hugo_url(facts, self.config)
        except KeyError as exc:
            section = facts.rel.split("/", 1)[0]
            self.plan.note(
                self.shown_config, 0, f"permalinks.{section}", f"unknown token :{exc.args[0]}"
            )
            return None

    def _redirects(self, template: str | None, blog_dir: str) -> dict[str, str]:
        """Old URL -> post, for every post whose Podium URL is not its old one."""
        tz = zone(self.config.timezone) if self.config.timezone else dt.UTC
        redirects: dict[str, str] = {}
        new_urls: dict[str, str] = {}
        scratch = Problems()
        for post in self.posts:
            source = self.plan.files[f"content/{post.rel}"]
            assert isinstance(source, Path)
            parsed = read_post(source, post.rel, post.rel, tz, scratch, self.config.date_from)
            if isinstance(parsed, BrokenPost):
                # Podium reports its errors at build time; it will publish it where the
                # front matter as written says, once fixed.
                facts = post.facts
                if facts.date is None and template and "{" in template:
                    self.plan.note(
                        f"content/{post.rel}",
                        1,
                        "date",
                        "no redirect from its old URL: "
                        "its date cannot be read; add one to mkdocs.yml's redirect_maps",
                    )
                    new_urls[post.rel] = post.old_url or ""
                    continue
                title, date, slug = facts.title, facts.date or dt.datetime(1, 1, 1), facts.slug
            else:
                meta = parsed.meta
                title, date, slug = meta.title, meta.date, meta.slug
            new_urls[post.rel] = post_url(
                post.rel, title=title, date=date, slug=slug, template=template
            )
        published = set(new_urls.values())
        for post in self.posts:
            old = post.old_url
            if old is None or old == new_urls[post.rel]:
                continue
            if old in published:
                self.plan.note(
                    f"content/{post.rel}",
                    1,
                    "",
                    f"old URL /{old} is another post's now; no redirect",
                )
                continue
            key = old + "index.md" if old.endswith("/") else old.removesuffix(".html") + ".md"
            redirects[key] = post.rel
        return redirects


def plan_hugo_import(site: Path, shown: str) -> Plan:
    """Everything ``podium import hugo`` would write; raises :class:`MigrateError`."""
    if not site.is_dir():
        raise MigrateError(f"{shown}: no such folder")
    data, files = read_config(site, shown)
    config = hugo_config(data, posixpath.join(shown, files[0]))
    return _Import(site, shown, config, files).run()
