"""Atom 1.0 and RSS 2.0 feeds of posts (DESIGN §4: ``feed.xml``, ``rss.xml``, tag feeds).

Pure output: the caller picks and orders the entries (newest first) and passes
absolute URLs; this module only turns them into bytes.  The XML is built by
feedgen (lxml underneath), which escapes every string, so a title such as
``<img src=x onerror=alert(1)>`` reaches a feed reader as that text (BAD-INPUT
I4, F1–F5).

Rules worth knowing:

* Feed readers have no base URL, so relative ``href``/``src``/``srcset``/
  ``poster`` values in summaries and contents are made absolute against the
  post URL (:func:`absolutize_html`).
* Output is deterministic (J8): no generation time anywhere.  The feed's
  ``updated``/``lastBuildDate`` is :attr:`FeedInfo.updated`, else the newest
  entry date, else 1970-01-01T00:00Z; the generator is plain ``Podium``.
* Dates are written in UTC: RFC 3339 in Atom, RFC 822 (``email.utils``) in RSS
  (D11).  UTC also avoids the seconds-precision offsets of historical zones
  (``+00:17:30``), which neither format can express.
* Characters XML 1.0 forbids (C0 controls, lone surrogates, U+FFFE/U+FFFF) are
  dropped from every string: validation rejects them in titles already, but a
  rendered HTML body could still carry one and lxml would refuse the document.
* A feed without entries is still a valid feed (J5).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]
from lxml import etree  # type: ignore[import-untyped]

from podium.urls import rewrite_html_urls, url_scheme

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
"""The feed date when there is nothing newer: fixed, never "now" (J8)."""

_GENERATOR = "Podium"
_ATOM = "http://www.w3.org/2005/Atom"
# Everything outside the XML 1.0 Char production.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_HTML_SPACE = " \t\n\r\f"


@dataclass(frozen=True)
class FeedEntry:
    """One post as a feed entry; every URL absolute."""

    id: str
    """Stable id: the absolute URL of the post."""
    title: str
    url: str
    """Absolute URL of the post page, e.g. ``https://example.org/sub/blog/x/``."""
    published: dt.datetime
    """Aware."""
    updated: dt.datetime | None
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    """Display names."""
    summary_html: str
    """The excerpt HTML as rendered for the post page (links relative to :attr:`url`)."""
    content_html: str | None
    """The full post HTML (relative links), or None for a summary-only feed."""
    image: str | None = None
    """Absolute URL of a cover image."""
    categories: tuple[str, ...] = ()
    """Display names of the post's categories (each a ``<category>``, before its tags)."""


@dataclass(frozen=True)
class FeedInfo:
    """The feed itself."""

    title: str
    site_url: str
    """Absolute, with a trailing slash (``https://example.org/sub/``)."""
    feed_url: str
    """Absolute URL of this feed file."""
    description: str
    language: str = "en"
    updated: dt.datetime | None = None
    """Feed-level date; default: the newest entry's, else :data:`EPOCH`."""
    author: str | None = None
    """The feed-level Atom ``<author>`` (site_author, else the site's name), so that an entry
    without an author of its own is still valid (RFC 4287 §4.1.1); default: the title."""


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)


def absolutize_html(html: str, page_url: str) -> str:
    """Make every relative ``href``/``src``/``srcset``/``poster`` in ``html`` absolute.

    URLs are resolved against ``page_url`` with :func:`urllib.parse.urljoin`, so
    ``../../images/x.png`` on ``https://example.org/sub/blog/p/`` becomes
    ``https://example.org/sub/images/x.png``; root-relative and ``#fragment`` URLs
    are resolved too.  URLs with a scheme (``https:``, ``mailto:``) are kept.
    """

    def absolute(url: str) -> str | None:
        stripped = url.strip(_HTML_SPACE)
        if url_scheme(stripped) is not None:
            return None
        return urljoin(page_url, stripped)

    return rewrite_html_urls(html, absolute)


def _utc(value: dt.datetime) -> dt.datetime:
    """``value`` in UTC; an instant UTC cannot hold (year 0 or 10000) keeps its offset."""
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        return value


def _feed_updated(info: FeedInfo, entries: Sequence[FeedEntry]) -> dt.datetime:
    if info.updated is not None:
        return _utc(info.updated)
    dates = [e.updated or e.published for e in entries]
    return _utc(max(dates, key=_utc)) if dates else EPOCH


def _generator(info: FeedInfo, entries: Sequence[FeedEntry], *, rss: bool) -> Any:
    """A feedgen generator filled with ``info`` and ``entries``, in the given order."""
    fg = FeedGenerator()
    if rss:
        # RSS <author> must be an e-mail address; names go into dc:creator.
        fg.load_extension("dc", atom=False, rss=True)
    fg.load_extension("media", atom=True, rss=True)
    # The feed URL, not the site: every tag feed needs an id of its own.
    fg.id(xml_text(info.feed_url))
    fg.title(xml_text(info.title))
    # An empty description would make feedgen refuse the RSS channel.
    fg.subtitle(xml_text(info.description) or xml_text(info.title))
    # feedgen's RSS <link> is the last link added: the site, not the feed.
    fg.link(href=xml_text(info.feed_url), rel="self")
    fg.link(href=xml_text(info.site_url), rel="alternate")
    fg.language(xml_text(info.language))
    fg.generator(_GENERATOR)
    fg.updated(_feed_updated(info, entries))
    if not rss:
        # RSS has no author element without an e-mail address; Atom needs one (§4.1.1).
        fg.author(name=xml_text(info.author or info.title))
    for item in entries:
        fe = fg.add_entry(order="append")  # feedgen prepends by default
        fe.guid(xml_text(item.id), permalink=item.id == item.url)
        fe.title(xml_text(item.title))
        fe.link(href=xml_text(item.url), rel="alternate")
        fe.published(_utc(item.published))
        fe.updated(_utc(item.updated or item.published))
        if rss:
            fe.pubDate(_utc(item.published))
            for name in item.authors:
                fe.dc.dc_creator(xml_text(name))
        else:
            for name in item.authors:
                fe.author(name=xml_text(name))
        for term in dict.fromkeys([*item.categories, *item.tags]):
            fe.category(term=xml_text(term))
        summary = xml_text(absolutize_html(item.summary_html, item.url))
        if summary:
            fe.summary(summary, type="html")
        if item.content_html is not None:
            content = xml_text(absolutize_html(item.content_html, item.url))
            if content:
                fe.content(content, type="html")
        if item.image:
            fe.media.thumbnail(url=xml_text(item.image))
    return fg


def atom_feed(info: FeedInfo, entries: Sequence[FeedEntry]) -> bytes:
    """The Atom 1.0 document (UTF-8, with XML declaration) of ``entries`` in the given order."""
    root = _parse(_generator(info, entries, rss=False).atom_str(pretty=True))
    # feedgen 1.0.0 drops the rel of entry links (a shadowed variable); say it explicitly.
    for link in root.iterfind(f"{{{_ATOM}}}entry/{{{_ATOM}}}link"):
        link.set("rel", link.get("rel") or "alternate")
    return _serialize(root)


def rss_feed(info: FeedInfo, entries: Sequence[FeedEntry]) -> bytes:
    """The RSS 2.0 document (UTF-8, with XML declaration) of ``entries`` in the given order."""
    root = _parse(_generator(info, entries, rss=True).rss_str(pretty=True))
    # feedgen formats RFC 822 dates with strftime, which writes year 1 as "1"; the
    # standard library's formatter always writes four digits (BAD-INPUT D11).
    channel = root.find("channel")
    for element in channel.iterfind("lastBuildDate"):
        element.text = _rfc822(_feed_updated(info, entries))
    for element, item in zip(channel.iterfind("item"), entries, strict=True):
        for date in element.iterfind("pubDate"):
            date.text = _rfc822(_utc(item.published))
    return _serialize(root)


def _parse(data: bytes) -> Any:
    """feedgen's output as an lxml tree, for the fixes feedgen has no option for."""
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def _serialize(root: Any) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def _rfc822(value: dt.datetime) -> str:
    if value.utcoffset() == dt.timedelta(0):
        return email.utils.format_datetime(value.replace(tzinfo=dt.UTC), usegmt=True)
    return email.utils.format_datetime(value)
