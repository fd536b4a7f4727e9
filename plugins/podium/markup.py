"""Markdown fields of data files (event descriptions, talk abstracts) rendered safely.

Data files are often imported from elsewhere (schedules, other sites), so
their Markdown is untrusted: the HTML is cleaned with nh3 (Ammonia) against
an allow-list, and links keep only http(s), mailto and relative targets.
"""

from __future__ import annotations

import functools

import markdown
import nh3
from markupsafe import Markup

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h3", "h4",
    "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre", "s", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}


def render_markdown(text: str | None) -> Markup:
    """Markdown from a data file as clean HTML (empty for None)."""
    if not text:
        return Markup("")
    return _render(text)


@functools.lru_cache(maxsize=8192)
def _render(text: str) -> Markup:
    # A talk's abstract is shown on its page, its event, its speakers and its tags: render once.
    html = _converter().reset().convert(text)
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)


@functools.lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    # Building a converter costs more than converting an abstract; reset() clears its state
    # (footnotes, abbreviations, reference links) between texts.
    return markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")
