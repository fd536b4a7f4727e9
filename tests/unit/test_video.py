"""classify_video: embeds only for an exact host allow-list, rebuilt from a validated id (G7);
embed_html: the one embed markup of talk pages and shortcodes."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from podium.video import Video, classify_video, embed_html

YT = "dQw4w9WgXcQ"
YT_EMBED = f"https://www.youtube-nocookie.com/embed/{YT}"
YT_WATCH = f"https://www.youtube.com/watch?v={YT}"


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.youtube.com/watch?v={YT}",
        f"https://youtube.com/watch?v={YT}",
        f"https://m.youtube.com/watch?v={YT}&t=30s",
        f"https://www.youtube.com/watch?feature=share&v={YT}",
        f"https://youtu.be/{YT}",
        f"https://youtu.be/{YT}?si=abc",
        f"https://www.youtube.com/embed/{YT}",
        f"https://www.youtube-nocookie.com/embed/{YT}",
        f"https://youtube-nocookie.com/embed/{YT}",
        f"https://www.youtube.com/shorts/{YT}",
        f"https://www.youtube.com/live/{YT}?feature=shared",
        f"http://www.youtube.com/watch?v={YT}",
        f"HTTPS://WWW.YOUTUBE.COM/watch?v={YT}",
        f"  https://www.youtube.com/watch?v={YT}  ",
    ],
)
def test_youtube_forms(url: str) -> None:
    video = classify_video(url)
    assert video.kind == "youtube"
    assert video.video_id == YT
    assert video.embed_url == YT_EMBED
    assert video.watch_url == YT_WATCH


def test_youtube_keeps_the_url_as_given_normalised() -> None:
    assert classify_video(f" https://YouTu.be/{YT} ").url == f"https://youtu.be/{YT}"


@pytest.mark.parametrize(
    ("url", "video_id"),
    [
        ("https://vimeo.com/123456", "123456"),
        ("https://vimeo.com/123456/", "123456"),
        ("https://www.vimeo.com/42", "42"),
        ("https://player.vimeo.com/video/987654?h=abc", "987654"),
    ],
)
def test_vimeo_forms(url: str, video_id: str) -> None:
    video = classify_video(url)
    assert video == Video(
        "vimeo",
        video.url,
        video_id,
        f"https://player.vimeo.com/video/{video_id}?dnt=1",
        f"https://vimeo.com/{video_id}",
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/talks/urunc.mp4",
        "https://cdn.example.org/v/talk.WEBM",
        "https://example.org:8443/talk.mp4?download=1",
        "https://youtube.com.evil.example/x.mp4",
    ],
)
def test_video_files(url: str) -> None:
    video = classify_video(url)
    assert video.kind == "file"
    assert video.video_id is None
    assert video.embed_url is None
    assert video.watch_url == video.url


@pytest.mark.parametrize(
    "url",
    [
        # G7 spoofs: look like YouTube, are not.
        f"https://youtube.com.evil.example/watch?v={YT}",
        "https://evil.example/?u=youtube.com/watch?v=x",
        f"https://evil.example/?u=https://www.youtube.com/watch?v={YT}",
        "https://www.youtube.com@evil.example/",
        f"https://www.youtube.com@evil.example/watch?v={YT}",
        f"https://user:pass@www.youtube.com/watch?v={YT}",
        f"https://evilyoutube.com/watch?v={YT}",
        f"https://www.youtube.com.:443/watch?v={YT}",
        f"https://www.youtube.com:8080/watch?v={YT}",
        f"https://youtu.be.evil.example/{YT}",
        f"https://notyoutu.be/{YT}",
        "https://vimeo.com.evil.example/123456",
        "https://player.vimeo.com.evil.example/video/123456",
        "https://evil.example/vimeo.com/123456",
        # Bad ids: never copied into an embed.
        "https://www.youtube.com/watch?v=short",
        f"https://www.youtube.com/watch?v={YT}x",
        'https://www.youtube.com/watch?v=x"onload="alert(1)',
        "https://www.youtube.com/watch?v=abc%22%3E%3Cscri",
        f"https://www.youtube.com/watch?v={YT}&v=aaaaaaaaaaa",
        "https://www.youtube.com/watch",
        f"https://youtu.be/{YT}/extra",
        f"https://www.youtube.com/embed/{YT}/../x",
        f"https://www.youtube.com/channel/{YT}",
        "https://vimeo.com/channels/staffpicks",
        "https://vimeo.com/12a",
        "https://player.vimeo.com/123456",
        # Not http(s) or not a URL at all.
        f"javascript://www.youtube.com/watch?v={YT}",
        f"ftp://www.youtube.com/watch?v={YT}",
        f"//www.youtube.com/watch?v={YT}",
        "https://example.org/talk",
        "not a url",
        "",
    ],
)
def test_everything_else_is_a_link(url: str) -> None:
    video = classify_video(url)
    assert video.kind == "link", video
    assert video.video_id is None
    assert video.embed_url is None
    assert video.watch_url == video.url


def test_embed_url_is_rebuilt_not_copied() -> None:
    video = classify_video(f"https://www.youtube.com/embed/{YT}?autoplay=1&origin=evil")
    assert video.embed_url == YT_EMBED


def test_credentials_are_not_dropped_from_a_link() -> None:
    video = classify_video("https://www.youtube.com@evil.example/")
    assert video.url == "https://www.youtube.com@evil.example/"


# -- embed_html --------------------------------------------------------------------------------


def test_embed_html_exact_output() -> None:
    html = embed_html(
        "youtube", YT_EMBED, YT_WATCH, title="Video: Boot", text="Video: Boot (on YouTube)"
    )
    assert isinstance(html, Markup)
    assert html == (
        '<div class="podium-embed podium-embed--youtube" '
        f'data-podium-embed="{YT_EMBED}" data-podium-title="Video: Boot">'
        f'<a class="podium-embed__link" href="{YT_WATCH}">Video: Boot (on YouTube)</a></div>'
    )


def test_embed_html_escapes_every_string() -> None:
    html = embed_html(
        "vimeo",
        "https://player.vimeo.com/video/1?dnt=1&a=b",
        'https://vimeo.com/1"',
        title='It\'s "<b>" & co',
        text="<script>alert(1)</script>",
        classes=("wide", "x"),
    )
    assert html == (
        '<div class="podium-embed podium-embed--vimeo wide x" '
        'data-podium-embed="https://player.vimeo.com/video/1?dnt=1&amp;a=b" '
        'data-podium-title="It&#39;s &#34;&lt;b&gt;&#34; &amp; co">'
        '<a class="podium-embed__link" href="https://vimeo.com/1&#34;">'
        "&lt;script&gt;alert(1)&lt;/script&gt;</a></div>"
    )


def test_embed_html_takes_markup_as_escaped() -> None:
    html = embed_html(
        "youtube", YT_EMBED, YT_WATCH, title=Markup("It&#x27;s"), text=Markup("<i>x</i>")
    )
    assert 'data-podium-title="It&#x27;s"' in html
    assert f'href="{YT_WATCH}"><i>x</i></a>' in html
