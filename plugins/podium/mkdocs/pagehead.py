"""What every page gets last: the preview's problem panel and Podium's ``<head>`` tags."""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from podium.i18n import SOURCE
from podium.mkdocs.feedwriter import image_url
from podium.mkdocs.head import absolute, feed_links, insert_after_body, insert_head, page_address
from podium.mkdocs.session import Session
from podium.routing import ATOM_FEED_PATH, RSS_FEED_PATH, person_url
from podium.seo import PageMeta, blog_posting, json_ld_script
from podium.views import Rendered


def decorate(session: Session, output: str, page: Page, config: MkDocsConfig) -> str:
    if not output:
        return output  # a page moved back from the previous rebuild (serve)
    if session.errors:
        panel = session.renderer.render("errors.html", problems=session.errors)
        output = insert_after_body(output, str(panel))
    extra = []
    post = session.post(page.file.src_uri)
    url = page_address(config, page)
    if url is not None:
        title = post.title if post else html_text(page.title)
        description = post.meta.description if post else html_text(page.meta.get("description"))
        if post and not description:
            description = text_excerpt(session.rendered.get(post.src_uri))
        image = image_url(config, post) if post else None
        extra.append(
            PageMeta(
                title=title,
                url=url,
                site_name=config.site_name,
                description=description,
                image=image,
                kind="article" if post else "website",
                published=post.meta.date if post else None,
            ).tags()
        )
        if post:
            people = session.event_pages
            data = blog_posting(
                post,
                url=url,
                description=description,
                image=image,
                person_url=lambda pid: absolute(config, person_url(pid)) if people else None,
                site=(config.site_name, absolute(config, "") or ""),
            )
            extra.append(json_ld_script(data))
    if session.options.feeds:
        extra.append(
            feed_links(
                config,
                [
                    ("application/atom+xml", f"{config.site_name} (Atom)", ATOM_FEED_PATH),
                    ("application/rss+xml", f"{config.site_name} (RSS)", RSS_FEED_PATH),
                ],
            )
        )
    if session.language.code != SOURCE:
        extra.append(str(session.renderer.render("script_text.html")))
    return insert_head(output, "\n".join(e for e in extra if e))


def html_text(value: object) -> str:
    """Plain text of a title or description that MkDocs or Podium may have escaped."""
    return html.unescape(str(value)) if value else ""


def text_excerpt(rendered: Rendered | None, limit: int = 300) -> str | None:
    if rendered is None:
        return None
    text = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", rendered.excerpt)).split())
    return (text[: limit - 1] + "…" if len(text) > limit else text) or None
