"""Video links of talks: which ones may be embedded, and how.

A talk's ``video:`` is any http(s) URL.  Only YouTube and Vimeo URLs on an
exact host allow-list become privacy-friendly embeds (BAD-INPUT G7), and the
embed URL is rebuilt from the validated video id, never copied from the
input: ``https://youtube.com.evil.example/watch?v=…``,
``https://evil.example/?u=youtube.com/watch?v=x`` and
``https://www.youtube.com@evil.example/`` are plain links.  URLs whose path
ends in ``.mp4`` or ``.webm`` are video files (a ``<video>`` element);
everything else is a link.

:func:`embed_html` is the one place that writes an embed, for talk pages and
for the ``youtube``/``vimeo`` shortcodes alike.  It loads nothing from the
video host until the reader clicks: it is a plain link that podium.js turns
into an iframe of the privacy host.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, urlsplit

from markupsafe import Markup

from podium.urls import normalize_url

VideoKind = Literal["youtube", "vimeo", "file", "link"]
EmbedKind = Literal["youtube", "vimeo"]
HOST_NAMES: dict[EmbedKind, str] = {"youtube": "YouTube", "vimeo": "Vimeo"}

YOUTUBE_HOSTS = frozenset(
    {
        "youtube.com",
        "www.youtube.com",
        "m.youtube.com",
        "youtu.be",
        "youtube-nocookie.com",
        "www.youtube-nocookie.com",
    }
)
VIMEO_HOSTS = frozenset({"vimeo.com", "www.vimeo.com"})
VIMEO_PLAYER = "player.vimeo.com"
FILE_SUFFIXES = (".mp4", ".webm")

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_PATH = re.compile(r"/(?:embed|shorts|live)/([^/]+)/?")
_SHORT_PATH = re.compile(r"/([^/]+)/?")
_VIMEO_PATH = re.compile(r"/([0-9]{1,12})/?")
_PLAYER_PATH = re.compile(r"/video/([0-9]{1,12})/?")


@dataclass(frozen=True)
class Video:
    """A classified video URL; ``embed_url`` is rebuilt from ``video_id``."""

    kind: VideoKind
    url: str
    """The URL as given, normalised with :func:`podium.urls.normalize_url`."""
    video_id: str | None
    embed_url: str | None
    watch_url: str


def youtube_embed_url(video_id: str) -> str:
    return f"https://www.youtube-nocookie.com/embed/{video_id}"


def youtube_watch_url(video_id: str) -> str:
    return f"https://www.youtube.com/watch?v={video_id}"


def vimeo_embed_url(video_id: str) -> str:
    return f"https://player.vimeo.com/video/{video_id}?dnt=1"


def vimeo_watch_url(video_id: str) -> str:
    return f"https://vimeo.com/{video_id}"


def embed_html(
    kind: EmbedKind,
    embed_url: str,
    watch_url: str,
    *,
    title: str,
    text: str,
    classes: Sequence[str] = (),
    button: str | None = None,
) -> Markup:
    """A click-to-load embed: ``title`` names the player, ``text`` is the link's text,
    ``button`` the text of the button that loads the player (podium.js: "Load video: …").

    Strings are escaped (a :class:`~markupsafe.Markup` is taken as escaped already).
    """
    names = " ".join(["podium-embed", f"podium-embed--{kind}", *classes])
    extra = Markup(' data-podium-button="{}"').format(button) if button else ""
    return Markup(
        '<div class="{}" data-podium-embed="{}" data-podium-title="{}"{}>'
        '<a class="podium-embed__link" href="{}">{}</a></div>'
    ).format(names, embed_url, title, extra, watch_url, text)


def _link(url: str) -> Video:
    return Video("link", url, None, None, url)


def _youtube_id(host: str, path: str, query: str) -> str | None:
    if host == "youtu.be":
        match = _SHORT_PATH.fullmatch(path)
    elif path in ("/watch", "/watch/"):
        values = parse_qs(query).get("v", [])
        return values[0] if len(values) == 1 else None
    else:
        match = _YOUTUBE_PATH.fullmatch(path)
    return match.group(1) if match else None


def classify_video(url: str) -> Video:
    """Classify ``url`` as a YouTube or Vimeo embed, a video file, or a plain link."""
    raw = url.strip()
    if any(c.isspace() or c in '\\"<>`' or not c.isprintable() for c in raw):
        return _link(raw)
    try:
        raw_parts = urlsplit(raw)
        if "@" in raw_parts.netloc:
            # normalize_url would drop the credentials and change the target: keep it as written.
            return _link(raw)
        normalized = normalize_url(raw)
        parts = urlsplit(normalized)
        port = parts.port
    except ValueError:
        return _link(raw)
    if parts.scheme not in ("http", "https"):
        return _link(normalized)
    # Only the default port counts as the video site itself.
    host = (parts.hostname or "") if port is None else ""
    if host in YOUTUBE_HOSTS:
        video_id = _youtube_id(host, parts.path, parts.query)
        if video_id is not None and _YOUTUBE_ID.fullmatch(video_id):
            return Video(
                "youtube",
                normalized,
                video_id,
                youtube_embed_url(video_id),
                youtube_watch_url(video_id),
            )
    vimeo = None
    if host in VIMEO_HOSTS:
        vimeo = _VIMEO_PATH.fullmatch(parts.path)
    elif host == VIMEO_PLAYER:
        vimeo = _PLAYER_PATH.fullmatch(parts.path)
    if vimeo is not None:
        video_id = vimeo.group(1)
        return Video(
            "vimeo", normalized, video_id, vimeo_embed_url(video_id), vimeo_watch_url(video_id)
        )
    if parts.path.lower().endswith(FILE_SUFFIXES):
        return Video("file", normalized, None, None, normalized)
    return _link(normalized)
