"""Parts of Material's page template rendered once per place instead of once per page.

Material renders, for every page, the whole primary navigation (a recursive
macro per item), the search form and the ``__config`` JSON.  On a site of a
thousand posts these are a large share of the theme's cost, and for most
pages their output cannot differ:

* the navigation of a page that is not in it depends only on the relative
  links it prints (every URL it can link to, made relative to the page);
* the search form depends on nothing of the page;
* the config block depends on the page's ``base_url`` and the relative link to
  Material's search worker.

Each part is memoised on exactly those inputs, so two pages share an entry
only when their output is byte for byte the same.  Pages in the navigation,
and any part whose template (or a template it includes) a site overrides,
are rendered as before.

Hack: replaces Jinja's compiled ``Template.root_render_func`` and an entry of
``Template.blocks`` on this build's environment; checked against Jinja 3.1.6
and mkdocs-material 9.8.1 (partials/nav.html, partials/search.html, the
``config`` block of base.html). A template that is not Material's own file,
or a base.html without that block, is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template, TemplateNotFound
from jinja2.runtime import Context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

Render = Callable[[Context], Iterator[str]]
Key = Callable[[Context], tuple[object, ...] | None]
"""The inputs a part's output depends on, or None: render this one as usual."""

# Every template nav.html renders; the memo is only safe when all are Material's own.
NAV_PARTIALS = (
    "partials/nav.html",
    "partials/nav-item.html",
    "partials/logo.html",
    "partials/source.html",
    "partials/toc.html",
    "partials/toc-item.html",
)
WORKERS = "assets/javascripts/workers/"
"""Where Material's config block links its search worker from."""


def memoize_theme(env: Environment, nav: Navigation, config: MkDocsConfig) -> list[str]:
    """Memoise what can be; the names of the parts that are (for tests and logs)."""
    done = []
    if _memoize_nav(env, nav, config):
        done.append("nav")
    if _memoize_search_form(env):
        done.append("search")
    if _memoize_config_block(env):
        done.append("config")
    return done


def _memoize_nav(env: Environment, nav: Navigation, config: MkDocsConfig) -> bool:
    templates = _materials(env, NAV_PARTIALS)
    targets = _targets(nav)
    if templates is None or targets is None:
        return False
    targets += [str(config.theme.get("logo") or ""), str(config.extra.get("homepage") or "")]
    listed = {id(p) for p in nav.pages}

    def key(context: Context) -> tuple[object, ...] | None:
        page = context.get("page")
        if (
            not isinstance(page, Page)
            or context.get("nav") is not nav
            or id(page) in listed
            or page.parent is not None
        ):
            return None
        url = page.url
        return (context.get("base_url"), *(get_relative_url(t, url) for t in targets))

    template = templates[0]
    template.root_render_func = _memoized(template.root_render_func, key)
    return True


def _memoize_search_form(env: Environment) -> bool:
    templates = _materials(env, ("partials/search.html",))
    if templates is None:
        return False
    template = templates[0]
    template.root_render_func = _memoized(template.root_render_func, _language)
    return True


def _language(context: Context) -> tuple[object, ...]:
    # Constant within a build; keyed anyway for plugins that build languages in turn.
    config = context.get("config")
    theme = getattr(config, "theme", None)
    return (theme.get("language") if theme is not None else None,)


def _memoize_config_block(env: Environment) -> bool:
    templates = _materials(env, ("base.html",))
    if templates is None or "config" not in templates[0].blocks:
        return False

    def key(context: Context) -> tuple[object, ...] | None:
        page = context.get("page")
        worker = get_relative_url(WORKERS, page.url) if isinstance(page, Page) else None
        return (context.get("base_url"), worker, *_language(context))

    blocks = templates[0].blocks
    blocks["config"] = _memoized(blocks["config"], key)
    return True


def _memoized(render: Render, key: Key) -> Render:
    if getattr(render, "podium_memo", False):
        return render  # this environment's template is memoised already
    memo: dict[tuple[object, ...], str] = {}

    def memoized(context: Context) -> Iterator[str]:
        inputs = key(context)
        if inputs is None:
            yield from render(context)
            return
        found = memo.get(inputs)
        if found is None:
            found = memo[inputs] = "".join(render(context))
        yield found

    memoized.podium_memo = True  # type: ignore[attr-defined]
    return memoized


def _materials(env: Environment, names: tuple[str, ...]) -> list[Template] | None:
    """The templates, when every one of them is Material's own file."""
    try:
        templates = [env.get_template(name) for name in names]
    except TemplateNotFound:
        return None
    return templates if all(_is_materials(t) for t in templates) else None


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
