"""Tests for podium.urls: link-field URL safety (BAD-INPUT G) and URL rebasing."""

from __future__ import annotations

import pytest

from podium.urls import (
    check_link_url,
    is_external,
    join_url,
    normalize_url,
    rebase_html,
    relative_url,
    url_scheme,
)
from tests.timing import LINEAR_BOUND, deadline

# Full-width letters, built so the source stays plain ASCII.
FULLWIDTH = "".join(chr(ord(c) + 0xFEE0) for c in "javascript")
JS = "scheme 'javascript' not allowed — use an http(s) URL"


# ---------------------------------------------------------------- G1, G2: javascript:


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",  # G1
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "\tjavascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\rscript:alert(1)",
        "%6Aavascript:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "&#106avascript:alert(1)",
        FULLWIDTH + ":alert(1)",
        "javascript\uff1aalert(1)",  # full-width colon
        "\x01javascript:alert(1)",
        "java&Tab;script:alert(1)",
    ],
)
def test_javascript_and_every_obfuscation_is_rejected(value: str) -> None:
    assert check_link_url(value) == JS
    assert check_link_url(value, allow_mailto=True) == (
        "scheme 'javascript' not allowed — use an http(s) URL or mailto: address"
    )
    assert url_scheme(value) == "javascript"
    assert is_external(value)


# ---------------------------------------------------------------- G3: other schemes


@pytest.mark.parametrize(
    ("value", "scheme"),
    [
        ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data"),
        ("DATA:text/html,x", "data"),
        ("vbscript:msgbox(1)", "vbscript"),
        ("file:///etc/passwd", "file"),
        ("ftp://ftp.example.org/x", "ftp"),
        ("mailto:a@example.org", "mailto"),
    ],
)
def test_other_schemes_are_rejected(value: str, scheme: str) -> None:
    assert check_link_url(value) == f"scheme {scheme!r} not allowed — use an http(s) URL"


def test_mailto_only_where_allowed() -> None:
    assert check_link_url("mailto:a@example.org", allow_mailto=True) is None
    assert check_link_url("mailto:nobody", allow_mailto=True) == (
        "not a valid URL (no e-mail address)"
    )


# ---------------------------------------------------------------- G4 .. G6


def test_protocol_relative_is_rejected_with_the_fix() -> None:
    assert check_link_url("//evil.example/x") == (
        "protocol-relative URL — write https://evil.example/x"
    )


@pytest.mark.parametrize(
    "value",
    [
        "http://example.org",  # G5: accepted (embeds warn elsewhere)
        "https://example.org/",
        "HTTPS://Example.org/Path?q=1#frag",
        "https://example.org/slides.pdf#page=3",  # G11
        "https://example.org/slides.pdf?dl=1",
        "https://example.org:8443/x",
        "https://[2001:db8::1]/x",
        "https://exämple.org/",  # G9: IDN accepted
        "  https://example.org/  ",  # surrounding blanks are not "inside"
        "https://example.org/a%20b",
    ],
)
def test_acceptable_urls(value: str) -> None:
    assert check_link_url(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "https://user:pass@example.org/",
        "https://user@example.org/",
        "https://www.youtube.com@evil.example/",  # G7 spoofing by userinfo
    ],
)
def test_credentials_are_rejected(value: str) -> None:
    assert check_link_url(value) == "credentials in URL are not allowed"


# ---------------------------------------------------------------- G8, G9, hosts


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('https://example.org/"onmouseover="x', "not a valid URL (contains '\"')"),
        ("https://example.org/<script>", "not a valid URL (contains '<')"),
        ("https://example.org/a>b", "not a valid URL (contains '>')"),
        ("https://example.org/a b", "not a valid URL (contains ' ')"),
        ("https://example.org/a\nb", "not a valid URL (contains '\\n')"),
        ("https://example.org/a\x00b", "not a valid URL (contains '\\x00')"),
        ("https://example.org/\u202eevil", "not a valid URL (contains '\\u202e')"),
        ("https://exa\u200bmple.org/", "not a valid URL (contains '\\u200b')"),
        ("https://example.org\\@evil.example/", "not a valid URL (contains '\\\\')"),
    ],
)
def test_characters_that_break_attributes_are_rejected(value: str, message: str) -> None:
    assert check_link_url(value) == message


def test_overlong_url() -> None:
    long = "https://example.org/" + "a" * 1981
    assert len(long) == 2001
    assert check_link_url(long) == "URL longer than 2000 characters"
    assert check_link_url(long[:-1]) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("https:///x", "not a valid URL (no host)"),
        ("https:x", "not a valid URL (no host)"),
        ("https://", "not a valid URL (no host)"),
        ("https://example.org:99999/", "not a valid URL (bad port)"),
        ("https://example.org:0/", "not a valid URL (bad port)"),
        ("https://example.org:http/", "not a valid URL (bad port)"),
        ("https://a..b/", "not a valid URL (bad host 'a..b')"),
        ("https://%65vil.example/", "not a valid URL (bad host '%65vil.example')"),
        ("https://[::1/", "not a valid URL"),
        ("&#104;ttps://example.org/", "not a valid URL (no scheme) — use an http(s) URL"),
        ("www.example.org/x", "not a valid URL (no scheme) — use an http(s) URL"),
        ("", "empty URL"),
        ("   ", "empty URL"),
    ],
)
def test_malformed_urls(value: str, message: str) -> None:
    assert check_link_url(value) == message


def test_normalize_url_encodes_host_and_unsafe_characters() -> None:
    assert normalize_url("https://exämple.org/") == "https://xn--exmple-cua.org/"
    assert normalize_url("HTTPS://Bücher.example:8080/ä ö?q=ü&x=1#teil ä") == (
        "https://xn--bcher-kva.example:8080/%C3%A4%20%C3%B6?q=%C3%BC&x=1#teil%20%C3%A4"
    )
    # Existing escapes and reserved characters survive.
    assert normalize_url("https://example.org/a%20b/(c);d?x=a/b") == (
        "https://example.org/a%20b/(c);d?x=a/b"
    )


def test_url_scheme_and_is_external() -> None:
    assert url_scheme("https://x.org") == "https"
    assert url_scheme("/images/x.jpg") is None
    assert url_scheme("slides/x.pdf") is None
    assert url_scheme("a/b:c") is None  # a colon after a slash is part of the path
    assert url_scheme("C:\\x\\y.pdf") is None  # a drive letter, not a scheme
    assert url_scheme("#frag") is None
    assert is_external("//evil.example/x")
    assert is_external("mailto:a@b.org")
    assert not is_external("/images/x.jpg")
    assert not is_external("../../secret")
    assert not is_external("\\\\server\\share")


def test_check_link_url_is_linear_time() -> None:
    with deadline(LINEAR_BOUND):
        for value in ("&" * 1_000_000, "%" * 1_000_000, "java" + "\t" * 1_000_000 + "script:"):
            check_link_url(value)
            url_scheme(value)


# ---------------------------------------------------------------- relative_url


@pytest.mark.parametrize(
    ("target", "from_page", "expected"),
    [
        ("images/a.jpg", "blog/x/", "../../images/a.jpg"),
        ("blog/x/", "blog/x/", "./"),
        ("blog/x/#more", "blog/x/", "./#more"),
        ("blog/y/", "blog/x/", "../y/"),
        ("blog/y/?q=1#f", "blog/x/", "../y/?q=1#f"),
        ("blog/", "blog/x/", "../"),
        ("", "blog/x/", "../../"),
        ("", "", "./"),
        ("blog/x/", "", "blog/x/"),
        ("images/a.jpg", "", "images/a.jpg"),
        ("feed.xml", "", "feed.xml"),
        ("images/a.jpg", "blog/page/2/", "../../../images/a.jpg"),
        ("blog/", "blog/page/2/", "../../"),
        ("blog/page/3/", "blog/page/2/", "../3/"),
        ("blog/x/", "blog/page/2/", "../../x/"),
        ("images/a.jpg", "404.html", "images/a.jpg"),
        ("", "404.html", "./"),
        ("blog/x.html", "blog/y.html", "x.html"),
        ("index.html", "blog/y.html", "../index.html"),
        ("blog/x/", "blog/x/index.html", "./"),
        ("a:b.jpg", "", "./a:b.jpg"),
        ("/images/a.jpg", "blog/x/", "../../images/a.jpg"),
    ],
)
def test_relative_url(target: str, from_page: str, expected: str) -> None:
    assert relative_url(target, from_page) == expected


@pytest.mark.parametrize(
    ("page", "link", "expected"),
    [
        ("blog/x/", "../../images/a.jpg", "images/a.jpg"),
        ("blog/x/", "./", "blog/x/"),
        ("blog/x/", "../y/#f", "blog/y/#f"),
        ("blog/x/", "../../", ""),
        ("blog/x/", "../../../x", None),
        ("", "images/a.jpg?v=1", "images/a.jpg?v=1"),
        ("404.html", "images/a.jpg", "images/a.jpg"),
    ],
)
def test_join_url(page: str, link: str, expected: str | None) -> None:
    assert join_url(page, link) == expected


# ---------------------------------------------------------------- rebase_html

EXCERPT = (
    '<p><img alt="v" src="../../images/a.jpg#floatright" '
    "srcset='../../images/a.jpg 1x, ../../images/a@2x.jpg 2x'>"
    '<a href="../other/">other</a> <a href=../../tags/news/>news</a>'
    '<a href="#more">more</a> <a href="https://fosdem.org">f</a>'
    '<a href="mailto:a@example.org">m</a> <img src="data:image/png;base64,AAAA">'
    '<a href="/abs/">abs</a> <video poster="../../images/p.jpg"></video>'
    '<a href="../../a?x=1&amp;y=2">q</a></p>'
)


@pytest.mark.parametrize(
    ("to_page", "expected"),
    [
        (
            "blog/",
            '<p><img alt="v" src="../images/a.jpg#floatright" '
            "srcset='../images/a.jpg 1x, ../images/a@2x.jpg 2x'>"
            '<a href="other/">other</a>',
        ),
        (
            "",
            '<p><img alt="v" src="images/a.jpg#floatright" '
            "srcset='images/a.jpg 1x, images/a@2x.jpg 2x'>"
            '<a href="blog/other/">other</a>',
        ),
        (
            "blog/page/2/",
            '<p><img alt="v" src="../../../images/a.jpg#floatright" '
            "srcset='../../../images/a.jpg 1x, ../../../images/a@2x.jpg 2x'>"
            '<a href="../../other/">other</a>',
        ),
        (
            "404.html",
            '<p><img alt="v" src="images/a.jpg#floatright" '
            "srcset='images/a.jpg 1x, images/a@2x.jpg 2x'>"
            '<a href="blog/other/">other</a>',
        ),
    ],
)
def test_rebase_html_prefix(to_page: str, expected: str) -> None:
    assert rebase_html(EXCERPT, "blog/x/", to_page).startswith(expected)


def test_rebase_html_leaves_absolute_fragment_mailto_data_alone() -> None:
    out = rebase_html(EXCERPT, "blog/x/", "")
    assert '<a href="#more">' in out
    assert '<a href="https://fosdem.org">' in out
    assert '<a href="mailto:a@example.org">' in out
    assert '<img src="data:image/png;base64,AAAA">' in out
    assert '<a href="/abs/">' in out
    assert "<a href=tags/news/>" in out  # unquoted value rewritten, still unquoted
    assert '<video poster="images/p.jpg">' in out
    assert '<a href="a?x=1&amp;y=2">' in out  # entities decoded, then escaped again


def test_rebase_html_same_depth_is_identity() -> None:
    assert rebase_html(EXCERPT, "blog/x/", "blog/y/") == EXCERPT


def test_rebase_html_ignores_text_and_comments() -> None:
    html = '<p>a < b and src="../x"</p><!-- <img src="../x"> --><code>&lt;img src="../x"&gt;</code>'
    assert rebase_html(html, "blog/x/", "") == html


def test_rebase_html_link_above_root_is_left_alone() -> None:
    html = '<a href="../../../../x">x</a>'
    assert rebase_html(html, "blog/x/", "") == html


def test_rebase_html_is_linear_time() -> None:
    with deadline(LINEAR_BOUND):
        for html in (
            "<" * 100_000,
            "<a " * 100_000,
            '<a x="' * 100_000,
            '<a href="../x">' * 20_000,
            "a" * 1_000_000,
            "<!--" * 100_000,
        ):
            rebase_html(html, "blog/x/", "")
