"""Material's site navigation, rendered once per place instead of once per page.

Material renders ``partials/nav.html`` (the whole primary navigation, a
recursive macro per item) for every page: on a site of a thousand posts
that is the largest single cost of the theme.  For a page that is not in
the navigation nothing in it depends on the page except the relative links,
so every page whose links come out the same gets the same HTML.  The memo
keys on exactly those links (every URL the navigation can print, made
relative to the page), so two pages share an entry only when their output
is byte for byte the same; pages in the navigation, and sites that override
any of the partials involved, are rendered as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template, TemplateNotFound
from jinja2.runtime import Context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

# Every template nav.html renders; the memo is only safe when all are Material's own.
PARTIALS = (
    "partials/nav.html",
    "partials/nav-item.html",
    "partials/logo.html",
    "partials/source.html",
    "partials/toc.html",
    "partials/toc-item.html",
)


def memoize_nav(env: Environment, nav: Navigation, config: MkDocsConfig) -> bool:
    """Render ``partials/nav.html`` once per distinct set of links; True when enabled."""
    try:
        templates = [env.get_template(name) for name in PARTIALS]
    except TemplateNotFound:
        return False
    if not all(_is_materials(t) for t in templates):
        return False
    template = templates[0]
    render = template.root_render_func
    if getattr(render, "podium_memo", False):
        return True
    targets = _targets(nav)
    if targets is None:
        return False
    targets += [str(config.theme.get("logo") or ""), str(config.extra.get("homepage") or "")]
    listed = {id(p) for p in nav.pages}
    memo: dict[tuple[object, ...], str] = {}

    def memoized(context: Context) -> Iterator[str]:
        page = context.get("page")
        if (
            not isinstance(page, Page)
            or context.get("nav") is not nav
            or id(page) in listed
            or page.parent is not None
        ):
            yield from render(context)
            return
        url = page.url
        key = (context.get("base_url"), *(get_relative_url(t, url) for t in targets))
        found = memo.get(key)
        if found is None:
            found = memo[key] = "".join(render(context))
        yield found

    memoized.podium_memo = True  # type: ignore[attr-defined]
    template.root_render_func = memoized
    return True


def _is_materials(template: Template) -> bool:
    filename = template.filename
    if filename is None:
        return False
    return Path(filename).resolve().is_relative_to(_material_templates())


def _material_templates() -> Path:
    import material

    return (Path(material.__file__).parent / "templates").resolve()


def _targets(nav: Navigation) -> list[str] | None:
    """Every URL the navigation links to, or None when it has something unforeseen."""
    found: list[str] = [nav.homepage.url if nav.homepage else ""]
    walk: list[Any] = list(nav.items)
    while walk:
        item = walk.pop()
        if getattr(item, "pages", None):  # Material's blog views list pages of their own
            return None
        if isinstance(item, Section):
            walk.extend(item.children)
        elif isinstance(item, Page | Link):
            found.append(item.url)
        else:
            return None
    return found
