"""Tests for podium.shortcodes: Hugo shortcodes expanded before Markdown (DESIGN §2, F13, I5)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from podium.problems import Problems
from podium.shortcodes import SUPPORTED, Expanded, expand
from podium.video import (
    embed_html,
    vimeo_embed_url,
    vimeo_watch_url,
    youtube_embed_url,
    youtube_watch_url,
)
from tests.timing import LINEAR_BOUND, deadline

SEED = Path("/work/shared/seeds/004_fe46bf242dfb8676.txt")
CORPUS = Path("/work/shared/corpus")
PATH = "content/blog/p.md"
LIST = "(supported: figure, youtube, vimeo, ref, relref, highlight)"
PAGES = {"other-post.md": "/blog/other-post.md", "/blog/x.md": "/blog/x.md"}


def run(body: str, first_line: int = 1) -> tuple[Expanded, list[str]]:
    problems = Problems()
    result = expand(
        body, path=PATH, first_line=first_line, problems=problems, resolve_ref=PAGES.get
    )
    lines = result.text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    assert len(result.line_map) == len(lines), (result.line_map, lines)
    return result, [str(p) for p in problems]


def ok(body: str) -> str:
    result, problems = run(body)
    assert problems == []
    return result.text


def one(html: str, tag: str) -> Tag:
    found = BeautifulSoup(html, "html.parser").find_all(tag)
    assert len(found) == 1, html
    element = found[0]
    assert isinstance(element, Tag)
    return element


def md(text: str) -> str:
    extensions = ["md_in_html", "attr_list", "pymdownx.superfences", "pymdownx.highlight"]
    return str(markdown.markdown(text, extensions=extensions))


def test_supported_list() -> None:
    assert SUPPORTED == ("figure", "youtube", "vimeo", "ref", "relref", "highlight")


def test_text_without_shortcodes_is_unchanged() -> None:
    body = "# Title\n\nSome {{ .Go }} template text, {{ and }} a < b % c.\n"
    result, problems = run(body, first_line=5)
    assert result.text == body
    assert result.line_map == [5, 6, 7]
    assert problems == []


@pytest.mark.parametrize(
    ("body", "line_map"),
    [("", []), ("a", [5]), ("a\n", [5]), ("\n\n", [5, 6]), ("a\n\nb", [5, 6, 7])],
)
def test_line_map_of_text_without_shortcodes(body: str, line_map: list[int]) -> None:
    result, problems = run(body, first_line=5)
    assert (result.text, result.line_map, problems) == (body, line_map, [])


# -- errors ------------------------------------------------------------------------------------


def test_unknown_shortcode_message_and_position() -> None:
    result, problems = run("Intro\nAn image {{< nono >}} here.\n", first_line=6)
    assert problems == [f"{PATH}:7:10: error: unknown shortcode 'nono' {LIST}"]
    assert "{{" not in result.text
    assert result.text == "Intro\nAn image  here.\n"


def test_unknown_paired_shortcode_keeps_inner_text_and_drops_closing_tag() -> None:
    result, problems = run('{{< alert theme="info" >}}\nBe careful.\n{{</ alert >}}\n')
    assert problems == [f"{PATH}:1:1: error: unknown shortcode 'alert' {LIST}"]
    assert "Be careful." in result.text
    assert "{{" not in result.text


def test_unknown_closing_tag_alone() -> None:
    _, problems = run("x {{< /nono >}}")
    assert problems == [f"{PATH}:1:3: error: unknown shortcode 'nono' {LIST}"]


def test_missing_angle_bracket_is_never_closed() -> None:
    body = '{{< figure src="x" }}\nText.\n{{< youtube w7Ft2ymGmfc >}}\n'
    result, problems = run(body, first_line=3)
    assert problems == [f"{PATH}:3:1: error: shortcode '{{{{< figure' is never closed with '>}}}}'"]
    assert "Text." in result.text
    assert "youtube-nocookie.com/embed/w7Ft2ymGmfc" in result.text
    assert "{{" not in result.text


def test_never_closed_at_end_of_text() -> None:
    result, problems = run('a\n  b {{< figure src="x"')
    assert problems == [f"{PATH}:2:5: error: shortcode '{{{{< figure' is never closed with '>}}}}'"]
    assert result.text == "a\n  b "


def test_markdown_notation_never_closed() -> None:
    _, problems = run("{{% figure src=x >}}")
    assert problems == [f"{PATH}:1:1: error: shortcode '{{{{% figure' is never closed with '%}}}}'"]


def test_unterminated_quote() -> None:
    result, problems = run('{{< figure src="x.jpg >}}\n\n{{< vimeo 123 >}}\n')
    assert problems == [
        f"{PATH}:1:1: error: shortcode '{{{{< figure' is never closed with '>}}}}': "
        'the " at 1:16 is never closed'
    ]
    assert "player.vimeo.com" in result.text


def test_shortcode_without_name() -> None:
    _, problems = run("a {{< >}} b")
    assert problems == [f"{PATH}:1:3: error: shortcode '{{{{<' has no name"]


def test_unknown_argument_lists_the_arguments() -> None:
    _, problems = run('{{< figure src="a.jpg" colour="red" >}}')
    assert problems == [
        f"{PATH}:1:24: error: figure: unknown argument 'colour' (figure arguments: src, alt, "
        "title, caption, attr, attrlink, link, target, rel, width, height, class, position, "
        "loading)"
    ]
    _, problems = run("{{< youtube id=w7Ft2ymGmfc foo=1 >}}")
    assert problems == [
        f"{PATH}:1:28: error: youtube: unknown argument 'foo' (youtube arguments: id, title, "
        "start, end, autoplay, loading, class)"
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{{< figure title="x" >}}', "figure: missing required argument 'src'"),
        ('{{< figure src="" >}}', "figure: missing required argument 'src'"),
        ("{{< youtube >}}", "youtube: missing required argument 'id'"),
        ('{{< youtube title="t" >}}', "youtube: missing required argument 'id'"),
        ("{{< vimeo >}}", "vimeo: missing required argument 'id'"),
        ("{{< ref >}}", "ref: missing required argument 'path'"),
        ("{{< relref >}}", "relref: missing required argument 'path'"),
    ],
)
def test_missing_required_argument(body: str, message: str) -> None:
    result, problems = run(body)
    assert problems == [f"{PATH}:1:1: error: {message}"]
    assert result.text == ""


def test_argument_shape_errors() -> None:
    _, problems = run("{{< youtube w7Ft2ymGmfc title=x >}}")
    assert problems == [f"{PATH}:1:1: error: youtube: cannot mix named and positional arguments"]
    _, problems = run("{{< figure a.jpg >}}")
    assert problems == [
        f"{PATH}:1:12: error: figure: unexpected positional argument 'a.jpg' (named arguments only)"
    ]
    _, problems = run("{{< youtube w7Ft2ymGmfc extra >}}")
    assert problems == [
        f"{PATH}:1:25: error: youtube: unexpected positional argument 'extra' (at most 1: id)"
    ]
    _, problems = run("{{< figure src=a.jpg src=b.jpg >}}")
    assert problems == [f"{PATH}:1:22: error: figure: argument 'src' given twice"]
    _, problems = run("{{< figure src= >}}")
    assert problems == [f"{PATH}:1:12: error: figure: argument 'src' has no value"]
    _, problems = run("{{< figure src=a.jpg 9x=1 >}}")
    assert problems == [f"{PATH}:1:22: error: figure: invalid argument name '9x'"]


def test_paired_highlight_without_closing_tag() -> None:
    result, problems = run("{{< highlight go >}}\nfunc main() {}\n")
    assert problems == [
        f"{PATH}:1:1: error: shortcode 'highlight' is never closed with '{{{{< /highlight >}}}}'"
    ]
    assert "{{" not in result.text
    assert "func main() {}" in result.text


def test_closing_tag_without_opening() -> None:
    _, problems = run("{{< /highlight >}}")
    assert problems == [
        f"{PATH}:1:1: error: closing '{{{{< /highlight >}}}}' without an opening "
        "'{{< highlight >}}'"
    ]


def test_every_problem_reported_in_one_run() -> None:
    body = (
        "{{< nono >}}\n"
        '{{< figure src="javascript:alert(1)" width="wide" >}}\n'
        "{{< youtube short >}}\n"
        '{{< ref "nope.md" >}}\n'
        "{{< figure src=x\n"
        "}}\n"
        "{{< img >}}\n"
    )
    result, problems = run(body, first_line=10)
    assert problems == [
        f"{PATH}:10:1: error: unknown shortcode 'nono' {LIST}",
        f"{PATH}:11:12: error: figure: src: scheme 'javascript' not allowed "
        "(use an http(s) URL or a path)",
        f"{PATH}:11:38: error: figure: width: expected a number of pixels like 600 or 600px, "
        "got 'wide'",
        f"{PATH}:12:13: error: youtube: invalid video id 'short' "
        "(expected 11 characters from A-Z a-z 0-9 _ -)",
        f"{PATH}:13:1: error: ref: no page 'nope.md'",
        f"{PATH}:14:1: error: shortcode '{{{{< figure' is never closed with '>}}}}'",
        f"{PATH}:16:1: error: unknown shortcode 'img' {LIST}",
    ]
    assert "{{" not in result.text


def test_dropped_spans_never_glue_a_new_opening() -> None:
    for body in ("{{{{< nono >}}<", "{{{< nono >}}{<", "{{{</*{<", "{{{{< x{{< y >}}%"):
        result, problems = run(body)
        assert problems
        assert "{{<" not in result.text and "{{%" not in result.text, body


def test_fuzz_never_a_literal_opening() -> None:
    parts = [
        "{{<", "{{%", ">}}", "%}}", "/>}}", "}}", "{", "<", "%", " ", "\n", '"', "'", "`", "=",
        "figure", "src=a.jpg", "nono", "youtube", "w7Ft2ymGmfc", "highlight", "/highlight",
        "ref", '"other-post.md"', "x", "\\", "/",
    ]  # fmt: skip
    rng = random.Random(1234)
    for _ in range(3000):
        body = "".join(rng.choice(parts) for _ in range(rng.randint(1, 14)))
        result, _ = run(body)
        assert "{{<" not in result.text and "{{%" not in result.text, body


# -- escaped forms and code blocks ------------------------------------------------------------


def test_escaped_forms_print_literally() -> None:
    result, problems = run('Write {{</* figure src="x" */>}} or {{%/* ref "a.md" */%}}.')
    assert problems == []
    assert result.text == 'Write {{< figure src="x" >}} or {{% ref "a.md" %}}.'


def test_escaped_multiline_and_self_closing() -> None:
    body = '```md\n{{</* figure\n  src=/k.jpg\n*/>}}\nToday {{</* date.inline ":full" /*/>}}\n```\n'
    result, problems = run(body, first_line=3)
    assert problems == []
    assert result.text == (
        '```md\n{{< figure\n  src=/k.jpg\n>}}\nToday {{< date.inline ":full" />}}\n```\n'
    )
    assert result.line_map == [3, 4, 5, 6, 7, 8]


def test_escaped_never_closed() -> None:
    result, problems = run("a {{</* figure")
    assert problems == [
        f"{PATH}:1:3: error: escaped shortcode '{{{{</*' is never closed with '*/>}}}}'"
    ]
    assert "{{<" not in result.text


def test_shortcodes_inside_fenced_code_are_processed() -> None:
    result, problems = run('```\n[x]({{< ref "other-post.md" >}})\n```\n')
    assert problems == []
    assert result.text == "```\n[x](/blog/other-post.md)\n```\n"


# -- arguments ---------------------------------------------------------------------------------


def test_argument_quoting_styles() -> None:
    html = ok(
        "{{< figure src=/img/a.jpg alt='single \"quoted\"' title=`raw\nstring` "
        'caption="say \\"hi\\"" attr=plain >}}'
    )
    img = one(html, "img")
    assert img["src"] == "/img/a.jpg"
    assert img["alt"] == 'single "quoted"'
    assert one(html, "h4").get_text() == "raw\nstring"
    assert one(html, "p").get_text() == 'say "hi" plain'


def test_markdown_notation_and_self_closing() -> None:
    assert "<figure" in ok("{{% figure src=a.jpg %}}")
    assert "<figure" in ok("{{< figure src=a.jpg />}}")
    assert "<figure" in ok("{{<figure src=a.jpg>}}")


# -- figure --------------------------------------------------------------------------------------


def test_figure_every_argument() -> None:
    html = ok(
        "{{< figure\n"
        '  src="/assets/imgs/a.jpg"\n'
        '  alt="Alt text"\n'
        '  title="The title"\n'
        '  caption="A `code` and **bold** and *em* caption"\n'
        '  attr="Photo: Ana"\n'
        '  attrlink="https://example.org/ana"\n'
        '  link="https://example.org/full.jpg"\n'
        '  target="_blank"\n'
        '  rel="noopener"\n'
        '  width="600"\n'
        '  height="400px"\n'
        '  class="wide framed"\n'
        '  position="right"\n'
        '  loading="eager"\n'
        ">}}"
    )
    figure = one(html, "figure")
    assert figure["class"] == ["podium-figure", "wide", "framed", "podium-figure--right"]
    link = figure.find("a")
    assert isinstance(link, Tag)
    assert link["href"] == "https://example.org/full.jpg"
    assert link["target"] == "_blank"
    assert link["rel"] == ["noopener"]
    img = link.find("img")
    assert isinstance(img, Tag)
    assert img.attrs == {
        "src": "/assets/imgs/a.jpg",
        "alt": "Alt text",
        "width": "600",
        "height": "400",
        "loading": "eager",
    }
    caption = one(html, "figcaption")
    assert one(str(caption), "h4").get_text() == "The title"
    p = one(str(caption), "p")
    assert one(str(p), "code").get_text() == "code"
    assert one(str(p), "strong").get_text() == "bold"
    assert one(str(p), "em").get_text() == "em"
    credit = p.find_all("a")[-1]
    assert credit["href"] == "https://example.org/ana"
    assert credit.get_text() == "Photo: Ana"
    assert p.get_text() == "A code and bold and em caption Photo: Ana"


def test_figure_minimal_and_defaults() -> None:
    html = ok("{{< figure src=a.jpg >}}")
    assert html == (
        '<figure class="podium-figure"><img src="a.jpg" alt="" loading="lazy"></figure>\n'
    )
    img = one(ok('{{< figure src=a.jpg caption="**Big** cat" >}}'), "img")
    assert img["alt"] == "Big cat"
    img = one(ok('{{< figure src=a.jpg title="T" >}}'), "img")
    assert img["alt"] == "T"


@pytest.mark.parametrize("position", ["left", "center", "right"])
def test_figure_positions(position: str) -> None:
    figure = one(ok(f"{{{{< figure src=a.jpg position={position} >}}}}"), "figure")
    assert figure["class"] == ["podium-figure", f"podium-figure--{position}"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("width=10em", "width: expected a number of pixels like 600 or 600px, got '10em'"),
        ("height=-1", "height: expected a number of pixels like 600 or 600px, got '-1'"),
        ('class="ok bad<x"', "class: 'bad<x' is not a valid CSS class name"),
        ("position=top", "position: expected left, center or right, got 'top'"),
        ("loading=soon", "loading: expected lazy or eager, got 'soon'"),
    ],
)
def test_figure_bad_arguments(args: str, message: str) -> None:
    result, problems = run(f"{{{{< figure src=a.jpg {args} >}}}}")
    assert problems == [f"{PATH}:1:22: error: figure: {message}"]
    assert result.text == ""


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "\tjavascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "%6Aavascript:alert(1)",
        "&#106;avascript:alert(1)",
        "ｊａｖａｓｃｒｉｐｔ:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox",
        "java\x00script:alert(1)",
    ],
)
@pytest.mark.parametrize("key", ["src", "link", "attrlink"])
def test_figure_dangerous_schemes(url: str, key: str) -> None:
    others = "" if key == "src" else "src=a.jpg attr=x "
    body = f'{{{{< figure {others}{key}="{url}" >}}}}'
    result, problems = run(body)
    assert len(problems) == 1
    assert re.fullmatch(
        rf"{PATH}:1:\d+: error: figure: {key}: scheme '[a-z]+' not allowed "
        r"\(use an http\(s\) URL or a path\)",
        problems[0],
    ), problems
    assert result.text == ""


def test_figure_allowed_addresses() -> None:
    html = ok(
        '{{< figure src="https://example.org/a.jpg" link="mailto:a@example.org" '
        'attrlink="http://example.org" attr=x >}}'
    )
    assert one(html, "img")["src"] == "https://example.org/a.jpg"
    assert BeautifulSoup(html, "html.parser").find_all("a")[0]["href"] == "mailto:a@example.org"


def test_figure_text_is_escaped() -> None:
    html = ok(
        '{{< figure src="a.jpg?x=1&y=\\"2" caption="<script>alert(1)</script> **b**" '
        'title=\'<b onmouseover=x>\' alt="\\" onerror=\\"x" attr=<i> >}}'
    )
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert soup.find("b") is None
    assert soup.find("i") is None
    img = one(html, "img")
    assert img["src"] == 'a.jpg?x=1&y="2'
    assert img["alt"] == '" onerror="x'
    assert "onerror" not in img.attrs
    assert one(html, "h4").get_text() == "<b onmouseover=x>"
    assert one(html, "p").get_text() == "<script>alert(1)</script> b <i>"
    assert "&lt;script&gt;" in html


# -- youtube / vimeo -----------------------------------------------------------------------------


def test_youtube_positional_exact_output() -> None:
    assert ok("{{< youtube w7Ft2ymGmfc >}}") == (
        '<div class="podium-embed podium-embed--youtube" '
        'data-podium-embed="https://www.youtube-nocookie.com/embed/w7Ft2ymGmfc" '
        'data-podium-title="YouTube video"><a class="podium-embed__link" '
        'href="https://www.youtube.com/watch?v=w7Ft2ymGmfc">Watch the video on YouTube</a>'
        "</div>\n"
    )


def test_youtube_named_arguments() -> None:
    html = ok(
        '{{< youtube id="w7Ft2ymGmfc" title="A <talk>" start=30 end=60 autoplay=true '
        'loading=lazy class="wide" >}}'
    )
    div = one(html, "div")
    assert div["class"] == ["podium-embed", "podium-embed--youtube", "wide"]
    assert div["data-podium-embed"] == (
        "https://www.youtube-nocookie.com/embed/w7Ft2ymGmfc?start=30&end=60&autoplay=1"
    )
    assert div["data-podium-title"] == "A <talk>"
    link = one(html, "a")
    assert link["href"] == "https://www.youtube.com/watch?v=w7Ft2ymGmfc&t=30s"
    assert link.get_text() == "A <talk>"
    # Nothing loads from the video host before a click.
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find(["iframe", "img", "script", "link", "object", "embed"]) is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '{{< youtube id="x\\" onload=\\"alert(1)" >}}',
            "1:13: error: youtube: invalid video id 'x\" onload=\"alert(1)' "
            "(expected 11 characters from A-Z a-z 0-9 _ -)",
        ),
        (
            "{{< youtube w7Ft2ymGmfcX >}}",
            "1:13: error: youtube: invalid video id 'w7Ft2ymGmfcX' "
            "(expected 11 characters from A-Z a-z 0-9 _ -)",
        ),
        (
            "{{< youtube id=w7Ft2ymGmfc start=1m >}}",
            "1:28: error: youtube: start: expected a number of seconds, got '1m'",
        ),
        (
            "{{< youtube id=w7Ft2ymGmfc autoplay=yes >}}",
            "1:28: error: youtube: autoplay: expected true or false, got 'yes'",
        ),
        ("{{< vimeo abc >}}", "1:11: error: vimeo: invalid video id 'abc' (expected digits)"),
        (
            '{{< vimeo id="1" allowFullScreen=maybe >}}',
            "1:18: error: vimeo: allowFullScreen: expected true or false, got 'maybe'",
        ),
        (
            '{{< vimeo id="1" class="a:b" >}}',
            "1:18: error: vimeo: class: 'a:b' is not a valid CSS class name",
        ),
    ],
)
def test_video_errors(body: str, message: str) -> None:
    result, problems = run(body)
    assert problems == [f"{PATH}:{message}"]
    assert result.text == ""


def test_vimeo_output() -> None:
    assert ok("{{< vimeo 146022717 >}}") == (
        '<div class="podium-embed podium-embed--vimeo" '
        'data-podium-embed="https://player.vimeo.com/video/146022717?dnt=1" '
        'data-podium-title="Vimeo video"><a class="podium-embed__link" '
        'href="https://vimeo.com/146022717">Watch the video on Vimeo</a></div>\n'
    )
    div = one(
        ok('{{< vimeo id=1 title="Talk" class=x loading=lazy allowFullScreen=false >}}'), "div"
    )
    assert div["data-podium-title"] == "Talk"
    assert div["class"] == ["podium-embed", "podium-embed--vimeo", "x"]


def test_video_shortcodes_are_the_embed_of_talk_pages() -> None:
    # One producer (podium.video.embed_html); the shortcode only chooses title and link text.
    assert (
        ok('{{< youtube id=w7Ft2ymGmfc title="Talk" class=wide >}}')
        == embed_html(
            "youtube",
            youtube_embed_url("w7Ft2ymGmfc"),
            youtube_watch_url("w7Ft2ymGmfc"),
            title="Talk",
            text="Talk",
            classes=("wide",),
        )
        + "\n"
    )
    assert (
        ok("{{< vimeo 146022717 >}}")
        == embed_html(
            "vimeo",
            vimeo_embed_url("146022717"),
            vimeo_watch_url("146022717"),
            title="Vimeo video",
            text="Watch the video on Vimeo",
        )
        + "\n"
    )


def test_video_title_quotes_keep_their_escapes() -> None:
    html = ok("""{{< youtube id=w7Ft2ymGmfc title='It\\'s "it"' >}}""")
    assert 'data-podium-title="It&#x27;s &quot;it&quot;"' in html
    assert ">It&#x27;s &quot;it&quot;</a>" in html


# -- ref / relref ------------------------------------------------------------------------------


def test_ref_forms() -> None:
    body = (
        '[a]({{< ref "other-post.md" >}}) [b]({{< relref "/blog/x.md#section" >}}) '
        '[c]({{< relref path="other-post.md" >}}) [d]({{% ref "#here" %}}) '
        "[e]({{< ref other-post.md >}})"
    )
    assert ok(body) == (
        "[a](/blog/other-post.md) [b](/blog/x.md#section) [c](/blog/other-post.md) [d](#here) "
        "[e](/blog/other-post.md)"
    )


def test_ref_missing_page() -> None:
    result, problems = run('x\n[a]({{< ref "nope.md" >}}) [b]({{< relref "nope.md#s" >}})\n', 4)
    assert problems == [
        f"{PATH}:5:5: error: ref: no page 'nope.md'",
        f"{PATH}:5:32: error: relref: no page 'nope.md'",
    ]
    assert result.text == "x\n[a]() [b]()\n"


# -- highlight ---------------------------------------------------------------------------------


def test_highlight_becomes_a_fence() -> None:
    body = (
        "Before\n"
        '{{< highlight go "linenos=table,hl_lines=8 15-17" >}}\n'
        "func main() {\n"
        '    s := "``` and {{</* figure src=x */>}} in {{< ref other-post.md >}}"\n'
        "}\n"
        "  {{< /highlight >}}\n"
        "After\n"
    )
    result, problems = run(body, first_line=10)
    assert problems == []
    assert result.text == (
        "Before\n"
        "\n"
        '````go linenums="1" hl_lines="8 15 16 17"\n'
        "func main() {\n"
        '    s := "``` and {{< figure src=x >}} in /blog/other-post.md"\n'
        "}\n"
        "````\n"
        "\n"
        "After\n"
    )
    assert result.line_map == [10, 11, 11, 12, 13, 14, 15, 15, 16]


def test_highlight_inner_shortcodes_are_processed_like_hugo() -> None:
    result, problems = run(
        "{{< highlight go >}}\n{{< nono >}}\n{{< highlight >}}\n{{< /highlight >}}"
    )
    assert problems == [
        f"{PATH}:2:1: error: unknown shortcode 'nono' {LIST}",
        f"{PATH}:3:1: error: highlight: a highlight cannot contain another one",
    ]
    assert result.text == "```go\n\n\n```\n"
    assert "{{" not in result.text


def test_highlight_renders_with_pymdownx() -> None:
    text = ok(
        '{{< highlight python "linenos=inline, linenostart=5, hl_lines=2" >}}\n'
        "a = 1\nb = 2\n{{< /highlight >}}"
    )
    assert text.startswith('```python linenums="5" hl_lines="2"\n')
    html = md(text)
    assert 'class="hll"' in html
    assert "<pre" in html


def test_highlight_variants() -> None:
    assert ok("{{< highlight >}}\nplain\n{{< /highlight >}}") == "```\nplain\n```\n"
    assert ok("{{% highlight sh %}}echo hi{{% /highlight %}}") == "```sh\necho hi\n```\n"
    assert ok("{{< highlight sh />}}") == "```sh\n```\n"
    assert ok('{{< highlight html "linenos=false,style=monokai" >}}\n<b>\n{{</highlight>}}') == (
        "```html\n<b>\n```\n"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ('"colour=red"', "highlight: unknown option 'colour' (options: anchorlinenos, "
         "codefences, guesssyntax, hl_inline, hl_lines, lineanchors, linenos, linenostart, "
         "linenumbersintable, noclasses, style, tabwidth, wrapperclass)"),
        ('"hl_lines=a-b"', "highlight: hl_lines: expected line numbers and ranges like "
         "'8 15-17', got 'a-b'"),
        ('"hl_lines=5-2"', "highlight: hl_lines: expected line numbers and ranges like "
         "'8 15-17', got '5-2'"),
        ('"linenos=maybe"', "highlight: linenos: expected true, false, table or inline, "
         "got 'maybe'"),
    ],
)  # fmt: skip
def test_highlight_bad_options(options: str, message: str) -> None:
    result, problems = run(f"{{{{< highlight go {options} >}}}}\nx\n{{{{< /highlight >}}}}\n")
    assert problems == [f"{PATH}:1:18: error: {message}"]
    assert result.text == "\n"


def test_highlight_bad_language() -> None:
    _, problems = run('{{< highlight "go lang" >}}\nx\n{{< /highlight >}}')
    assert problems == [f"{PATH}:1:15: error: highlight: invalid language 'go lang'"]


# -- blocks and line map -----------------------------------------------------------------------


def test_block_gets_blank_lines_and_line_map() -> None:
    body = "Text line\n{{< youtube w7Ft2ymGmfc >}} tail\nNext\n"
    result, problems = run(body, first_line=20)
    assert problems == []
    lines = result.text.split("\n")
    assert lines[0] == "Text line"
    assert lines[1] == ""
    assert lines[2].startswith("<div ")
    assert lines[3:] == ["", " tail", "Next", ""]
    assert result.line_map == [20, 21, 21, 21, 21, 22]


def test_block_indented_and_mid_line() -> None:
    result, _ = run("  {{< figure src=a.jpg >}}\n")
    assert result.text.startswith("<figure")
    assert result.line_map == [1]
    result, _ = run("Look: {{< figure src=a.jpg >}}")
    assert result.text.split("\n")[:2] == ["Look: ", ""]
    assert "<figure" in md(result.text).split("</p>")[1]


def test_inline_multiline_shortcode_line_map() -> None:
    result, problems = run('[x]({{< ref\n  "other-post.md"\n>}}) tail\nnext\n', first_line=3)
    assert problems == []
    assert result.text == "[x](/blog/other-post.md) tail\nnext\n"
    assert result.line_map == [3, 6]


def seed_body() -> tuple[str, int]:
    if not SEED.exists():
        pytest.skip("seed file absent")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "+++" and lines[5] == "+++"
    return "\n".join(lines[6:]), 7


def test_seed_three_figures() -> None:
    body, first = seed_body()
    result, problems = run(body, first_line=first)
    assert problems == []
    assert "{{" not in result.text
    html = md(result.text)
    soup = BeautifulSoup(html, "html.parser")
    figures = soup.find_all("figure")
    assert len(figures) == 3
    for figure, (name, title) in zip(
        figures,
        [
            ("2022-10-15_team_A.JPG", "Sinaia Community Meetup Hiking Team"),
            ("2022-10-15_team_B.jpeg", "Sinaia Community Meetup Visiting Team"),
            ("2022-10-15_main_presentation.jpg", "Sinaia Community Meetup Main Presentation"),
        ],
        strict=True,
    ):
        assert figure.parent is soup  # a block, not inside <p>
        assert figure["class"] == ["podium-figure", "podium-figure--center"]
        img = figure.find("img")
        assert isinstance(img, Tag)
        assert img["src"] == f"/assets/imgs/{name}"
        assert figure.find("h4").get_text() == title  # type: ignore[union-attr]
    assert "{{" not in html


def test_seed_line_map_is_exact() -> None:
    body, first = seed_body()
    file_lines = SEED.read_text(encoding="utf-8").split("\n")
    result, _ = run(body, first_line=first)
    out = result.text.split("\n")
    figure_lines = [i + 1 for i, line in enumerate(file_lines) if line.startswith("{{< figure")]
    assert figure_lines == [64, 70, 76]
    for index, line in enumerate(out[: len(result.line_map)]):
        origin = result.line_map[index]
        if line.startswith("<figure"):
            assert origin in figure_lines
        elif line == "" and origin in figure_lines:
            pass  # blank line inserted around a figure
        else:
            assert file_lines[origin - 1] == line, (index, origin)
    assert result.line_map == sorted(result.line_map)
    assert result.line_map[0] == 7
    expected_tail = [62, 63, 64, 64, 64, 69, 70, 70, 70, 75, 76, 76]
    assert result.line_map[-len(expected_tail) :] == expected_tail


# -- corpus ------------------------------------------------------------------------------------


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip("corpus absent")
    return sorted(p for p in CORPUS.rglob("*.md") if p.name != "SOURCES.md")


def test_corpus_every_figure_expands_or_errors_precisely() -> None:
    figures = 0
    for path in corpus_files():
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        if "{{< figure" not in text:
            continue
        problems = Problems()
        result = expand(
            text, path=str(path), first_line=1, problems=problems, resolve_ref=PAGES.get
        )
        opening = {i + 1 for i, line in enumerate(text.split("\n")) if "{{< figure" in line}
        figure_problems = [p for p in problems if p.line in opening]
        rendered = result.text.count("<figure ")
        figures += len(opening)
        assert rendered + len(figure_problems) == len(opening), path
        for problem in figure_problems:
            assert problem.message == "shortcode '{{< figure' is never closed with '>}}'", problem
            assert path.name == "2023-08-18-unikraft-releases-prometheus.md"
        assert "{{<" not in result.text
    assert figures >= 27


def test_corpus_prometheus_missing_angle_bracket() -> None:
    corpus_files()
    path = CORPUS / "unikraft-hugo/content/en/blog/2023-08-18-unikraft-releases-prometheus.md"
    problems = Problems()
    name = "content/blog/2023-08-18-unikraft-releases-prometheus.md"
    expand(path.read_text(encoding="utf-8"), path=name, first_line=1, problems=problems,
           resolve_ref=PAGES.get)  # fmt: skip
    assert [str(p) for p in problems] == [
        f"{name}:319:1: error: shortcode '{{{{< figure' is never closed with '>}}}}'",
        f"{name}:349:1: error: shortcode '{{{{< figure' is never closed with '>}}}}'",
    ]


def test_corpus_theme_shortcodes_are_unknown() -> None:
    seen: set[str] = set()
    for path in corpus_files():
        if "unikraft-hugo" not in str(path):
            continue
        problems = Problems()
        result = expand(
            path.read_text(encoding="utf-8"), path="p", first_line=1, problems=problems,
            resolve_ref=PAGES.get,
        )  # fmt: skip
        for problem in problems:
            m = re.fullmatch(r"unknown shortcode '([\w.-]+)' " + re.escape(LIST), problem.message)
            if m:
                seen.add(m.group(1))
        assert "{{<" not in result.text
    assert {"alert", "img"} <= seen


def test_corpus_santicalcagno_escaped_quotes() -> None:
    corpus_files()
    path = CORPUS / "third-party-posts/santicalcagno-blog/content/posts/fosdem-2024/index.md"
    problems = Problems()
    result = expand(path.read_text(encoding="utf-8"), path="p", first_line=1,
                    problems=problems, resolve_ref=PAGES.get)  # fmt: skip
    assert list(problems) == []
    alts = [img["alt"] for img in BeautifulSoup(result.text, "html.parser").find_all("img")]
    assert len(alts) == 6
    assert (
        'A lecture hall with a presentation slide that reads "Your web app is taking up too '
        "much RAM, let's fix it!\""
    ) in alts


# -- linear time (I5) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "{{<" * 100_000,
        "{{%" * 100_000,
        "{{< figure " * 100_000,
        '{{< a "' * 100_000,
        "{{< a `" * 100_000,
        "{{</*" * 100_000,
        "{{< highlight >}}" * 50_000,
        "x" * 10_000_000,
        "{{< figure src=" + "a" * 10_000_000,
        '{{< figure src="' + "\\" * 5_000_000,
        '{{< figure caption="' + '\\"' * 2_000_000 + '" src=a >}}',
        "{{< ref " + "{" * 5_000_000,
        "{{< x " + "/>" * 2_000_000,
        "{{< figure src=a >}}" * 20_000,
    ],
    ids=lambda body: f"{body[:12]!r}x{len(body)}",
)
def test_linear_time(body: str) -> None:
    problems = Problems()
    with deadline(LINEAR_BOUND):
        result = expand(body, path=PATH, first_line=1, problems=problems, resolve_ref=PAGES.get)
    assert "{{<" not in result.text or "{{</*" in body


def test_unterminated_run_reports_each_opening() -> None:
    result, problems = run("{{<" * 1000)
    assert len(problems) == 1000
    assert problems[1] == f"{PATH}:1:4: error: shortcode '{{{{<' is never closed with '>}}}}'"
    assert result.text == ""
