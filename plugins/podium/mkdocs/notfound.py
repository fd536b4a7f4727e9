"""Podium's 404 page: Material's page with a search box and links to blog, events and talks.

MkDocs renders ``404.html`` from the theme for any missing URL at any depth, so
its links start at the site's root path (``base_url`` is the path of
``site_url`` for this one template), never relative to the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Template
from markupsafe import Markup

from podium.mkdocs.session import Session
from podium.routing import EVENTS_URL, TALKS_URL, blog_page_url

NAME = "404.html"


def template(found: Template, name: str, custom_dir: str | None) -> Template:
    """Podium's 404 page (``podium/404.html``), unless the site has its own ``404.html``."""
    if name != NAME:
        return found
    if custom_dir and found.filename:
        own = Path(custom_dir).resolve()
        if Path(found.filename).resolve().is_relative_to(own):
            return found
    return found.environment.get_template("podium/404.html")


def add_context(session: Session, ctx: Any, name: str) -> None:
    """The 404 page's body, rendered by Podium (autoescaped, in the reader's language)."""
    if name != NAME:
        return
    root = str(ctx.get("base_url") or "/").rstrip("/") + "/"
    blog = session.catalog.settings.blog_dir
    ctx["podium_not_found"] = Markup(
        session.renderer.render(
            "not_found.html",
            root=root,
            blog=root + blog_page_url(blog, 1),
            events=root + EVENTS_URL if session.event_pages else None,
            talks=root + TALKS_URL if session.event_pages else None,
        )
    )
