"""MDX components served by the site's templates (podium.jsx, podium.shortcodes).

A post from a Next.js or Docusaurus site writes ``<Info>…</Info>`` and ``<Image … />``;
with ``overrides/shortcodes/Info.html`` the tag calls that template.  Each case expands
a body the way the build does, renders it with the shipped Markdown extensions and
asserts on the parsed HTML, and every mistake is a file:line:col message.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from podium import jsx
from podium.problems import Problems
from tests.unit.test_site_shortcodes import PATH, _render

INFO = '<div class="admonition info" markdown>\n{{ inner }}\n</div>'
IMAGE = (
    '<img src="{{ get("src") }}" alt="{{ get("description") }}" data-width="{{ get("maxW") }}"'
    ' data-ratio="{{ get("ratio") }}" data-border="{{ get("border") }}">'
)


def _text(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text().split())


def test_children_are_markdown_and_attributes_are_named_arguments(tmp_path: Path) -> None:
    soup, problems = _render(
        tmp_path,
        {"Info": INFO, "Image": IMAGE},
        "Intro.\n\n<Info>\nSee [the notes](https://example.org/n) and **this**.\n</Info>\n\n"
        "- an item\n  <Image\n        border\n        maxW={'2xl'}\n        ratio={5/3}\n"
        '        src="/images/x.png"\n        description="A &quot;team&quot; photo"\n  />\n',
    )
    assert problems == []
    note = soup.find("div", class_="admonition")
    assert note is not None and note.a is not None and note.strong is not None
    assert note.a["href"] == "https://example.org/n"
    item = soup.find("li")
    assert item is not None and item.img is not None
    assert item.img.attrs == {
        "src": "/images/x.png",
        "alt": "A &quot;team&quot; photo",  # JSX strings have no escapes: text, escaped once
        "data-width": "2xl",
        "data-ratio": "5/3",
        "data-border": "true",
    }
    assert _text(item) == "an item"


def test_nested_components_and_shortcodes_expand_inside_children(tmp_path: Path) -> None:
    soup, problems = _render(
        tmp_path,
        {
            "Box": '<section class="box" markdown>\n{{ inner }}\n</section>',
            "Mark": "<mark>{{ inner }}</mark>",
            "b": "<b>{{ inner }}</b>",
        },
        "<Box>\nouter <Mark>inner <Mark>deep</Mark> {{< b >}}bold{{< /b >}}</Mark> tail\n</Box>\n",
    )
    assert problems == []
    box = soup.find("section", class_="box")
    assert box is not None
    marks = box.find_all("mark")
    assert [m.get_text() for m in marks] == ["inner deep bold", "deep"]
    assert marks[0].b is not None and marks[0].b.get_text() == "bold"
    assert _text(box) == "outer inner deep bold tail"


def test_tags_in_code_stay_text(tmp_path: Path) -> None:
    soup, problems = _render(
        tmp_path,
        {"Info": "INFO({{ inner }})"},
        "Write `<Info>x</Info>` for a note.\n\n```mdx\n<Info>in a fence</Info>\n```\n\n"
        "    <Info>indented code</Info>\n\n<!-- <Info>a comment</Info> -->\n\n<Info>real</Info>\n",
    )
    assert problems == []
    codes = [c.get_text() for c in soup.find_all("code")]
    assert codes == ["<Info>x</Info>", "<Info>in a fence</Info>\n", "<Info>indented code</Info>\n"]
    assert soup.find_all("p")[-1].get_text() == "INFO(real)"
    assert "<!-- <Info>a comment</Info> -->" in str(soup)  # passed on as it is


def test_a_component_without_a_template_is_left_to_the_warning(tmp_path: Path) -> None:
    soup, problems = _render(tmp_path, {"Info": "{{ inner }}"}, "<Warning>careful</Warning>\n")
    assert problems == []  # the body's link pass warns about <Warning> (tests/unit/test_paths.py)
    assert "careful" in soup.get_text()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '<Image src="a.png" src="b.png" />\n',
            [f"{PATH}:5:20: error: <Image>: attribute 'src' is given twice"],
        ),
        ("</Info>\n", [f"{PATH}:5:1: error: closing </Info> without an opening <Info>"]),
        (
            "<Info>\nnever closed\n",
            [f"{PATH}:5:1: error: <Info> is never closed with </Info> (or self-closed with '/>')"],
        ),
        (
            '<Image\n  src="a.png\n\nrest\n',
            [f"{PATH}:6:7: error: <Image>: the \" of 'src' is never closed"],
        ),
        (
            "<Image src={'a' />\n\nrest\n",
            [f"{PATH}:5:12: error: <Image>: the {{ of 'src' is never closed with '}}'"],
        ),
        (
            "<Image {...props} />\n",
            [f"{PATH}:5:8: error: <Image>: spread attributes ({{...}}) are not supported"],
        ),
        (
            "<Image src=a.png />\n",
            [f"{PATH}:5:12: error: <Image>: attribute 'src' has no value after '='"],
        ),
        (
            "<Image src='a.png'\n\nrest\n",
            [f"{PATH}:5:1: error: <Image> is never closed with '>' before the blank line"],
        ),
        (
            '<Info kind="x">{{ oops }}</Info>\n',
            [
                f"{PATH}:5:1: error: Info: overrides/shortcodes/Info.html: 'missing' is undefined",
            ],
        ),
    ],
    ids=[
        "twice",
        "stray-close",
        "unclosed",
        "quote",
        "brace",
        "spread",
        "bare-value",
        "blank",
        "template",
    ],
)
def test_mistakes_are_errors_at_the_tag(tmp_path: Path, body: str, expected: list[str]) -> None:
    templates = {"Info": "{{ missing }}" if "oops" in body else "{{ inner }}", "Image": IMAGE}
    soup, problems = _render(tmp_path, templates, body)
    assert problems == expected
    if "rest" in body:
        assert soup.find_all("p")[-1].get_text() == "rest"  # one paragraph lost, not the post


def test_many_unclosed_components_are_matched_once(tmp_path: Path) -> None:
    body = "<Info>\n" * 2000 + "</Info>\n"
    _, problems = _render(tmp_path, {"Info": "{{ inner }}"}, body)
    assert len([p for p in problems if "never closed" in p]) == 1999


def test_code_regions_find_spans_within_their_paragraph() -> None:
    text = "a `x <B> y` <C>\n\n`` <D> ``\n\n` <E>\n\nz` <F>\n"
    code = jsx.CodeRegions(text)
    assert [code.covers(text.index(t)) for t in ("<B>", "<C>", "<D>", "<E>", "<F>")] == [
        True,
        False,
        True,
        False,  # the span does not close in its paragraph
        False,
    ]


def test_lex_reads_attribute_values_as_jsx_does() -> None:
    text = '<Video url={`https://x/${id}`} title={"a}b"} on n={1} />'
    tag = jsx.lex(text, 0)
    assert isinstance(tag, jsx.JsxTag) and tag.self_closing and tag.end == len(text)
    assert [(k, v) for k, v, _ in tag.attributes] == [
        ("url", "`https://x/${id}`"),  # a template literal with a substitution stays source
        ("title", "a}b"),
        ("on", "true"),
        ("n", "1"),
    ]
    assert Problems().sorted() == []
