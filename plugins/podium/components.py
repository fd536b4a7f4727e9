"""MDX (JSX) components in a post: ``<VideoPlayer url="…" />`` is not HTML.

Sites that move from Next.js or Docusaurus bring posts whose components their React code
rendered.  Markdown passes such a tag on as an element the browser does not know, so the
reader gets nothing (or, for ``<Image>``, whatever HTML's parser makes of it); each one is
a warning at the tag.  A component is a tag whose name starts with a capital letter and is
not an HTML element's (HTML names are case-insensitive: ``<DIV>`` is a div).  A site
serves a component by a template of its name in the shortcodes folder
(:mod:`podium.site_shortcodes`); only the components it does not serve get here.
"""

from __future__ import annotations

_NAMES = """a abbr address area article aside audio b base bdi bdo blockquote body br button canvas
caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed
fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i
iframe img input ins kbd label legend li link main map mark math menu meta meter nav
noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp
script search section select slot small source span strong style sub summary sup svg table
tbody td template textarea tfoot th thead time title tr track u ul var video wbr center
font big tt strike acronym"""
HTML_ELEMENTS = frozenset(_NAMES.split())


def is_component(name: str) -> bool:
    """True when ``<name>`` is a component's tag: a capital letter and no HTML element's name."""
    return name[:1].isupper() and name.lower() not in HTML_ELEMENTS


def component_problem(name: str, folder: str = "") -> str | None:
    """Why the tag ``<name …>`` will not render as its author meant, or None.

    ``folder`` is the site's shortcodes folder, whose ``name.html`` would serve the tag.
    """
    if not is_component(name):
        return None
    instead = f", or a template {folder}/{name}.html for it" if folder else ""
    return (
        f"<{name}> is an MDX (JSX) component, not HTML: the page passes it on as an element "
        f"browsers do not know — write Markdown or HTML instead{instead}"
    )
