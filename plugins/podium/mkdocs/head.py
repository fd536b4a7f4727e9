"""Extra ``<head>`` content for every page: previews, structured data, feed discovery.

Material's templates do not know Podium's pages, so the tags are inserted
into the rendered page just before ``</head>``, once per page.
"""

from __future__ import annotations

from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


def site_root(config: MkDocsConfig) -> str | None:
    """``site_url`` with exactly one trailing slash, or None when the site has none."""
    url = (config.site_url or "").strip()
    if not url:
        return None
    return url.rstrip("/") + "/"


def absolute(config: MkDocsConfig, url: str) -> str | None:
    """An absolute URL for a site-relative ``url`` ('' is the home page)."""
    root = site_root(config)
    if root is None:
        return None
    url = "" if url in ("", "./", ".") else url
    return root + url.lstrip("/")


def page_address(config: MkDocsConfig, page: Page) -> str | None:
    return absolute(config, page.url)


def feed_links(config: MkDocsConfig, feeds: list[tuple[str, str, str]]) -> str:
    """Autodiscovery links: (type, title, site-relative href).

    ``rel="alternate feed"``: feed readers match the ``alternate`` token, while Material
    takes every ``link[rel=alternate]`` (that exact value) for a language version of the
    site and fetches a sitemap.xml for each, on every page.
    """
    out = []
    for kind, title, href in feeds:
        target = absolute(config, href) or href
        out.append(
            f'<link rel="alternate feed" type="{escape(kind)}" title="{escape(title)}" '
            f'href="{escape(target)}">'
        )
    return "\n".join(out)


def insert_head(output: str, extra: str) -> str:
    """``output`` with ``extra`` just before its ``</head>``."""
    if not extra:
        return output
    index = output.find("</head>")
    if index < 0:
        return output
    return output[:index] + extra + "\n" + output[index:]


def insert_after_body(output: str, extra: str) -> str:
    """``output`` with ``extra`` just after its ``<body …>`` opening tag."""
    start = output.find("<body")
    end = output.find(">", start) if start >= 0 else -1
    if end < 0:
        return extra + output
    return output[: end + 1] + extra + output[end + 1 :]
