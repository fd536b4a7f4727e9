"""``podium import material-blog MKDOCS_YML DEST``: a Material blog becomes a Podium site.

The site's ``docs_dir`` is copied under ``content/`` byte for byte, except the blog's posts
(``post_dir``, ``{blog}/posts`` by default), whose front matter is rewritten and whose body
loses its first ``# H1`` (it becomes the title, so the post never shows it twice); the blog's
``index.md`` (Podium generates the blog's pages); ``.authors.yml``, which becomes
``data/people.yml`` (``name``, ``description`` → ``role``, ``avatar``, ``url`` → ``links``);
and ``.meta.yml`` files, whose keys become defaults of the posts below them as in Material.

A post's front matter keeps ``authors``, ``description``, ``draft``, ``categories`` and the
keys MkDocs and Material read themselves (``icon``, ``hide``, ``social``, …); ``date`` (also
``date: {created, updated}``) becomes ``date`` and ``updated``; ``slug`` is always written, as
Material computes it (the slug, else the title through the blog's ``post_slugify``), so the
``post_url`` made from ``post_url_format`` and ``post_url_date_format`` gives each post the URL
it had; a post whose URL still differs (a ``{categories}`` token) gets a redirect.  ``links:``
(Material's related links, shown in its sidebar) become a "Related links" list at the end of
the post; ``readtime`` and ``pin`` are reported, as Podium computes the reading time itself
and lists posts by date.  Links from posts to pages of the old site that the import does not
carry are mapped to those pages' addresses with the ``external_links`` option.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from pathlib import Path
from typing import Any

import markdown
import yaml

from podium.frontmatter import dump_post, split_front_matter
from podium.migrate_materialconfig import (
    blog_config,
    material_url,
    plugin_options,
    podium_template,
    read_mkdocs_config,
)
from podium.migrate_write import MigrateError, Plan, SiteSettings, scaffold
from podium.postmeta import PASS_THROUGH
from podium.problems import Problems
from podium.routing import post_url
from podium.sources import decode_source

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
_H1 = re.compile(r"^#(?!#)\s+(.+?)\s*#*\s*$")
_LINK = re.compile(
    r"\]\(\s*<?([^\s()<>]+)>?(?:\s+\"[^\"]*\")?\s*\)"
    r"|^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]|$)",
    re.M,
)
_EMOJI = re.compile(r":[a-z0-9_+-]+:")
_KEPT = ("authors", "description", "draft", "categories", "tags")
MARKER = "<!-- podium import: Material's related links (front matter `links:`) -->"


def _day(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip().replace(" ", "T", 1)).date()
        except ValueError:
            return None
    return None


_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def _plain(text: str) -> str:
    """The text of a heading's Markdown (``Using `git` …`` → ``Using git …``), emoji dropped."""
    rendered = markdown.markdown(_EMOJI.sub("", text))
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", rendered))).strip()


def split_h1(body: str) -> tuple[str | None, str]:
    """The first ``# H1`` outside code (its Markdown) and the body without it."""
    lines = body.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(2).startswith(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(2)[0] * 3
            continue
        match = _H1.match(line)
        if match:
            rest = lines[index + 1 :]
            if rest and not rest[0].strip():
                rest = rest[1:]
            return match.group(1), "\n".join(lines[:index] + rest)
    return None, body


def _page_url(rel: str) -> str:
    """MkDocs' URL of a page ``rel`` (docs-relative ``.md``), directory URLs."""
    stem = rel.removesuffix(".md")
    if stem == "index" or stem == "README":
        return ""
    if stem.endswith(("/index", "/README")):
        return stem.rsplit("/", 1)[0] + "/"
    return stem + "/"


class _Import:
    def __init__(self, config_file: Path, shown: str) -> None:
        self.shown = shown
        self.config = read_mkdocs_config(config_file, shown)
        self.plan = Plan()
        options = plugin_options(self.config, ("blog", "material/blog"))
        if options is None:
            raise MigrateError(
                f"{shown} is not a Material blog: its plugins enable no `blog` "
                "(Material for MkDocs' blog plugin)"
            )
        self.blog = blog_config(options, self.plan, shown)
        if self.blog.blog_dir == ".":
            raise MigrateError(
                f"{shown}: blog_dir '.' (a blog at the site's root) is not supported: "
                "Podium's blog lives in a folder such as blog/"
            )
        self.docs = (config_file.parent / str(self.config.get("docs_dir", "docs"))).resolve()
        if not self.docs.is_dir():
            raise MigrateError(f"{shown}: docs_dir {self.docs} is not a folder")
        base = self.config.get("site_url")
        self.site_url = base.rstrip("/") + "/" if isinstance(base, str) and base else None
        self.template = podium_template(self.blog)
        self.external: dict[str, str] = {}
        self.redirects: dict[str, str] = {}
        self.titles: dict[str, str] = {}

    def docs_shown(self, rel: str) -> str:
        return posixpath.join(
            posixpath.dirname(self.shown) or ".", str(self.config.get("docs_dir", "docs")), rel
        )

    def run(self) -> Plan:
        files = sorted(
            p.relative_to(self.docs).as_posix() for p in self.docs.rglob("*") if p.is_file()
        )
        posts = [r for r in files if r.startswith(self.blog.post_dir + "/") and r.endswith(".md")]
        metas = {r for r in files if posixpath.basename(r) == ".meta.yml"}
        blog_index = posixpath.join(self.blog.blog_dir, "index.md").removeprefix("./")
        self._people(files)
        for rel in files:
            if rel in posts or rel in metas or rel == self.blog.authors_file:
                continue
            if rel == blog_index:
                self.plan.note(
                    self.docs_shown(rel),
                    1,
                    "",
                    "not copied: Podium generates the blog's index pages",
                )
                continue
            self.plan.copy(f"content/{rel}", self.docs / rel)
        carried = {r for r in files if r not in metas and r != self.blog.authors_file}
        parsed = [self._read(rel, metas) for rel in posts]
        for item in parsed:
            if item is not None:
                self.titles[item[0]] = item[1]
        for item in parsed:
            if item is not None:
                self._write_post(*item, carried=carried)
        self._report_config()
        settings = SiteSettings(
            name=str(self.config.get("site_name") or "Our blog").replace("<", "").replace(">", ""),
            site_url=self.site_url,
            description=self.config.get("site_description")
            if isinstance(self.config.get("site_description"), str)
            else None,
            blog_dir=self.blog.blog_dir,
            post_url=self.template,
            timezone="UTC",
            redirects=self.redirects,
            external_links=self.external,
            markdown_extensions=list(self.config.get("markdown_extensions") or []),
        )
        scaffold(self.plan, settings, dt.date.today())
        return self.plan

    def _people(self, files: list[str]) -> None:
        rel = self.blog.authors_file
        if rel not in files:
            return
        shown = self.docs_shown(rel)
        try:
            data = yaml.safe_load((self.docs / rel).read_text("utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise MigrateError(f"{shown}: error: cannot be read ({exc})") from None
        authors = data.get("authors") if isinstance(data, dict) else None
        if not isinstance(authors, dict):
            raise MigrateError(f"{shown}:1: error: expected `authors:` mapping ids to people")
        people: dict[str, dict[str, Any]] = {}
        for pid, person in authors.items():
            if not isinstance(person, dict) or not isinstance(person.get("name"), str):
                raise MigrateError(f"{shown}: error: authors.{pid}: expected a mapping with name:")
            entry: dict[str, Any] = {"name": person["name"]}
            if isinstance(person.get("description"), str):
                entry["role"] = person["description"]
            if isinstance(person.get("avatar"), str):
                entry["avatar"] = person["avatar"]
            url = person.get("url")
            if isinstance(url, str):
                host = re.sub(r"^https?://(www\.)?", "", url).split("/", 1)[0]
                entry["links"] = {"github" if host == "github.com" else "website": url}
            for key in sorted(set(person) - {"name", "description", "avatar", "url"}):
                self.plan.note(shown, 0, f"authors.{pid}.{key}", "not carried")
            people[str(pid)] = entry
        self.plan.text(
            "data/people.yml",
            "# From the Material blog's .authors.yml: description -> role, url -> links.\n"
            + yaml.safe_dump(people, allow_unicode=True, sort_keys=False, width=4096),
        )

    def _defaults(self, rel: str, metas: set[str]) -> dict[str, Any]:
        """``.meta.yml`` keys of the post's folder and its parents (nearest wins)."""
        found: dict[str, Any] = {}
        folder = posixpath.dirname(rel)
        chain = []
        while True:
            chain.append(posixpath.join(folder, ".meta.yml") if folder else ".meta.yml")
            if not folder:
                break
            folder = posixpath.dirname(folder)
        for meta in reversed(chain):
            if meta in metas:
                data = yaml.safe_load((self.docs / meta).read_text("utf-8")) or {}
                if isinstance(data, dict):
                    found.update(data)
        return found

    def _read(self, rel: str, metas: set[str]) -> tuple[str, str, dict[str, Any], str, str] | None:
        """(rel, title, front matter, body, shown) of a post, or None after a note."""
        shown = self.docs_shown(rel)
        problems = Problems()
        text = decode_source((self.docs / rel).read_bytes(), shown, problems)
        front = split_front_matter(text, shown, problems) if text is not None else None
        if front is None or front.format != "yaml":
            for p in problems:
                self.plan.report.append(p)
            self.plan.note(shown, 1, "", "not imported: its front matter cannot be read")
            return None
        data = {**self._defaults(rel, metas), **front.data}
        heading, body = split_h1(front.body)
        title = data.get("title")
        shown_title = _plain(heading) if heading else (title if isinstance(title, str) else None)
        if shown_title and _INVISIBLE.search(shown_title):
            self.plan.note(
                shown, 1, "title", f"{shown_title!r}: its invisible characters are left out"
            )
            shown_title = _INVISIBLE.sub("", shown_title)
        if not shown_title:
            self.plan.note(shown, 1, "title", "not imported: no title and no '# H1' heading")
            return None
        if heading and isinstance(title, str) and title.strip() != shown_title:
            self.plan.note(
                shown,
                1,
                "title",
                f"'{title.strip()}' (Material's title in listings and the "
                f"browser tab) gives way to the heading the post shows: '{shown_title}'",
            )
        return rel, shown_title, data, body, shown

    def _write_post(
        self,
        rel: str,
        title: str,
        data: dict[str, Any],
        body: str,
        shown: str,
        *,
        carried: set[str],
    ) -> None:
        date = data.get("date")
        updated = None
        if isinstance(date, dict):
            updated = date.get("updated")
            date = date.get("created")
        meta: dict[str, Any] = {"title": title, "date": date}
        if updated is not None:
            meta["updated"] = updated
        written_title = data.get("title")
        material_title = written_title if isinstance(written_title, str) else title
        slug = data.get("slug")
        if not isinstance(slug, str):
            slug = self.blog.slugify(material_title, self.blog.separator)
        meta["slug"] = slug
        for key, value in data.items():
            if key in ("title", "date", "slug", "links"):
                continue
            if key in _KEPT or key in PASS_THROUGH:
                meta[key] = value
            elif key in ("readtime", "pin"):
                why = (
                    "Podium computes the reading time"
                    if key == "readtime"
                    else "Podium lists posts newest first"
                )
                self.plan.note(shown, 1, key, f"not carried: {why}")
            else:
                self.plan.note(shown, 1, key, "not carried: Podium has no such key")
        links = data.get("links")
        if links:
            body = body.rstrip("\n") + "\n\n" + self._related(rel, links, shown) + "\n"
        self._map_links(rel, body, carried)
        self.plan.text(f"content/{rel}", dump_post(meta, body))
        day = _day(date)
        if day is None:
            self.plan.note(shown, 1, "date", "no redirect: the date cannot be read")
            return
        categories = [c for c in data.get("categories") or [] if isinstance(c, str)]
        file = posixpath.basename(rel).removesuffix(".md")
        old = material_url(self.blog, date=day, slug=slug, file=file, categories=categories)
        new = post_url(
            rel,
            title=title,
            date=dt.datetime(day.year, day.month, day.day),
            slug=slug,
            template=self.template,
        )
        if old != new and data.get("draft") is not True:
            self.redirects[old + "index.md"] = rel

    def _related(self, rel: str, links: object, shown: str) -> str:
        lines = [MARKER, "", "## Related links", ""]
        for index, target in enumerate(links if isinstance(links, list) else []):
            if not isinstance(target, str):
                continue
            path, _, anchor = target.partition("#")
            fragment = f"#{anchor}" if anchor else ""
            if path in self.titles:
                href = posixpath.relpath(path, posixpath.dirname(rel)) + fragment
                lines.append(f"- [{self.titles[path]}]({href})")
            elif self.site_url:
                url = self.site_url + _page_url(path) + fragment
                self.plan.note(
                    shown,
                    1,
                    f"links[{index}]",
                    f"{target} is not part of the blog: linked to {url}",
                )
                lines.append(f"- <{url}>")
            else:
                self.plan.note(
                    shown,
                    1,
                    f"links[{index}]",
                    f"{target} is not part of the blog and the site has no site_url: dropped",
                )
        return "\n".join(lines)

    def _map_links(self, rel: str, body: str, carried: set[str]) -> None:
        folder = posixpath.dirname(rel)
        for match in _LINK.finditer(body):
            target = match.group(1) or match.group(2)
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target, re.I):
                continue
            path, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(folder, path))
            if resolved in carried or resolved.startswith("../"):
                continue
            if not path.endswith(".md") or not self.site_url:
                continue
            url = self.site_url + _page_url(resolved) + (f"#{anchor}" if anchor else "")
            known = self.external.get(target)
            if known is not None and known != url:
                self.plan.note(
                    self.docs_shown(rel),
                    0,
                    "",
                    f"link {target}: means {known} in another post; not mapped",
                )
                continue
            self.external[target] = url

    def _report_config(self) -> None:
        for entry in self.config.get("plugins") or []:
            name = (
                entry
                if isinstance(entry, str)
                else next(iter(entry), "")
                if isinstance(entry, dict)
                else ""
            )
            if name not in ("blog", "material/blog", "search", "material/search"):
                self.plan.note(self.shown, 0, f"plugins.{name}", "not carried")
        theme = self.config.get("theme")
        if isinstance(theme, dict):
            for key in sorted(set(theme) - {"name"}):
                self.plan.note(
                    self.shown,
                    0,
                    f"theme.{key}",
                    "not carried: the new site has Podium's theme settings",
                )


def plan_material_import(config_file: Path, shown: str) -> Plan:
    """Everything ``podium import material-blog`` would write; raises :class:`MigrateError`."""
    return _Import(config_file, shown).run()
