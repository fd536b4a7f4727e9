"""Bodies of generated pages, catalog blocks, and the work done alongside the pages.

Every plugin registers its generated pages in the session; once every post's
Markdown is rendered (``on_env``) their bodies are made here, in one place:
rendered when the page is built, or at once under `mkdocs serve`, where a body
whose inputs are unchanged is reused and whole unchanged pages are replayed.
"""

from __future__ import annotations

import json
import os
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from podium.blocks import replace_blocks
from podium.lastmod import page_dates
from podium.memo import digest, remembered
from podium.mkdocs.files import Body
from podium.mkdocs.internals.background import BackgroundFailed
from podium.mkdocs.internals.servereuse import OutputReuse
from podium.mkdocs.internals.sitemapdates import set_update_dates
from podium.mkdocs.pageblocks import render_block
from podium.mkdocs.pagetoc import page_toc
from podium.mkdocs.servecache import nav_signature
from podium.mkdocs.session import Session


def prepare_pages(session: Session, env: Environment, config: MkDocsConfig, files: Files) -> None:
    """Escape titles, fill bodies and blocks; under serve, mark the pages that are unchanged."""
    cache = session.cache
    if cache is not None:
        env.bytecode_cache = cache.bytecode  # before any template is compiled
    session.speed.prepare_env(env, session.nav, config)
    for file in files.documentation_pages():
        page = file.page
        if page is not None:
            _escape_titles(page)
    _fill_bodies(session, files)
    set_update_dates(files, page_dates(session.catalog))
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.content and "<!-- podium:" in page.content:
            url = page.url if page.url != "./" else ""
            page.content = replace_blocks(page.content, partial(render_block, session, url=url))
            _drop_gone_headings(page)
    reuse = session.reuse
    if cache is not None and reuse is not None:
        _fingerprint(session, reuse, files)
        reuse.quiet()
        session.speed.memoize_search(config.plugins, cache, set(reuse.hits))


def _drop_gone_headings(page: Page) -> None:
    """The table of contents without the headings an empty block took along."""
    toc = page.toc
    items = getattr(toc, "items", None)
    if isinstance(items, list):
        content = page.content or ""
        items[:] = [i for i in items if f'id="{i.id}"' in content]
        for item in items:
            item.children[:] = [c for c in item.children if f'id="{c.id}"' in content]


def _escape_titles(page: Page) -> None:
    # Material prints page titles and descriptions unescaped (nav, <title>, header);
    # markupsafe.Markup makes both its raw and its `| e` uses safe.
    if page.title is not None and not isinstance(page.title, Markup):
        page.title = Markup(escape(page.title))
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = Markup(escape(value))
    if page.title is not None and "title" not in page.meta and not page.is_homepage:
        # Without meta.title Material's <title> prints `page.title | striptags`, and
        # striptags un-escapes: '</title><script>' would come back as markup.
        page.meta["title"] = page.title


def _fill_bodies(session: Session, files: Files) -> None:
    """A build renders each body when its page is built (and lets it go once written); serve
    renders them now, since whole pages are fingerprinted before any is built."""
    cache = session.cache
    for src, generated in session.pages.items():
        file = files.get_file_from_path(src)
        if file is None or file.page is None or file.generated_by is None:
            continue  # the site has a page of its own there
        url = file.page.url
        make = partial(generated.render, url)
        if cache is None:
            session.bodies[src] = make
        elif generated.inputs is None:
            session.bodies[src] = make()
        else:
            stamp = digest(generated.inputs(url))
            session.bodies[src] = remembered(cache.bodies, src, stamp, make)


def _fingerprint(session: Session, reuse: OutputReuse, files: Files) -> None:
    """Under serve: everything each Podium page's output depends on."""
    nav = nav_signature(files)
    for file in files.documentation_pages():
        page = file.page
        src = file.src_uri
        if page is None or (src not in session.bodies and session.post(src) is None):
            continue
        meta = sorted((k, repr(v)) for k, v in page.meta.items())
        # A post's content is its Markdown (md key) wrapped in Podium's header and footer.
        key, frame = session.md_keys.get(src), session.frames.get(src)
        content = (key, *frame) if key and frame else page.content
        fingerprint = digest(
            session.config_signature,
            nav,
            page.url,
            str(page.title),
            meta,
            content,
            session.bodies.get(src),
            session.errors,
        )
        reuse.mark(file, fingerprint)


def add_body(session: Session, context: TemplateContext, page: Page) -> None:
    """The generated body of ``page`` (before search indexes it), or its replayed output."""
    src = page.file.src_uri
    reuse = session.reuse
    cached = reuse.hits.get(src) if reuse is not None else None
    body = session.bodies.get(src)
    if cached is not None:
        # Under serve, unchanged since the last rebuild: the output is replayed, and so
        # are the search entries; the content need not be looked at again.
        context["podium_cached"] = cached  # type: ignore[typeddict-unknown-key]
        if isinstance(body, Body):
            _own_search(session, page, body)
        page.content = ""
        return
    if callable(body):
        del session.bodies[src]  # rendered now, then let go with the page
        body = body()
    if isinstance(body, Body):
        _own_search(session, page, body)
        if body.toc:
            page.toc = page_toc(body.html)
        body = body.html
    if body is not None:
        page.content = (page.content or "") + body


def _own_search(session: Session, page: Page, body: Body) -> None:
    """A page that stands for one clean entry gives it instead of being parsed by search."""
    if body.search is None:
        return
    if not (page.meta.get("search") or {}).get("exclude"):
        session.speed.alongside.keep_entries(
            page.file.src_uri, [dict(entry) for entry in body.search]
        )
    page.meta["search"] = {"exclude": True}


def let_go(session: Session, page: Page) -> None:
    # A generated page's body, and a post's framed HTML, are only needed until the page is
    # written (search took its entry, feeds keep their own copy in session.rendered): a
    # large site has megabytes of them, which `mkdocs build` need not hold to the end.
    src = page.file.src_uri
    if session.cache is None and (src in session.pages or session.post(src) is not None):
        page.content = ""


def start_early(session: Session) -> None:
    """The outputs that need only the catalog, in a second process from now on (build only:
    under serve the cache must see them, as with every writer)."""
    writers, session.early_writers = session.early_writers, []
    if session.cache is not None or not session.speed.parallel:
        session.writers.extend(writers)
    elif writers:
        session.speed.alongside.start_early(writers)


def start_alongside(session: Session, env: Any, config: MkDocsConfig, files: Files) -> None:
    """Feeds, calendars and (with the speed layer) the generated pages, in a second process."""
    side = session.speed.alongside
    side.writers.extend(session.writers)
    if session.cache is not None or not session.speed.parallel:
        # Under serve the cache must see every page, and the server runs threads.
        side.keep_for_the_end()
        return
    side.start(config=config, files=files, nav=session.nav, env=env, generated=set(session.pages))
    for src in side.elsewhere:
        session.bodies.pop(src, None)  # rendered by the second process


def finish_alongside(session: Session) -> None:
    try:
        session.own_entries = session.speed.alongside.finish()
    except BackgroundFailed as failed:
        raise PluginError(f"podium: building alongside the pages failed:\n{failed}") from None


def index_own_entries(session: Session, config: MkDocsConfig) -> None:
    """Podium's entries for its generated pages join the search index Material wrote."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not session.own_entries or not path.is_file():
        return
    # As Material writes it (json.dumps, separators (",", ":"), default=str), so the bytes
    # are those of one index of every entry; appended in place: the index is megabytes.
    entries = ",".join(
        json.dumps(e, separators=(",", ":"), default=str) for e in session.own_entries
    ).encode("utf-8")
    with path.open("r+b") as index:
        index.seek(0, os.SEEK_END)
        size = index.tell()
        index.seek(max(0, size - 3))
        tail = index.read()
        if not tail.endswith(b"]}"):  # not the layout Material writes today: parse it instead
            index.seek(0)
            data = json.loads(index.read())
            data["docs"].extend(session.own_entries)
            index.seek(0)
            index.truncate()
            index.write(json.dumps(data, separators=(",", ":"), default=str).encode("utf-8"))
            return
        index.seek(size - 2)
        index.write((b"" if tail.endswith(b"[]}") else b",") + entries + b"]}")
