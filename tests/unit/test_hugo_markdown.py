"""podium.hugo_markdown and the GFM set of the shipped mkdocs.yml: Markdown as Hugo reads it (#14).

Each case is a construct Goldmark (Hugo) and plain Python-Markdown read differently,
asserted on the parsed HTML; the expected structure is what Hugo 0.111 renders.
"""

from __future__ import annotations

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from podium.hugo_markdown import HugoFences, hugo_info, slugify
from tests.conftest import REPO
from tests.timing import LINEAR_BOUND, deadline


def _shipped() -> tuple[list[str], dict[str, dict[str, object]]]:
    """The markdown_extensions of the shipped mkdocs.yml, as MkDocs passes them."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    names: list[str] = []
    configs: dict[str, dict[str, object]] = {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            ((name, options),) = entry.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(entry)
    return names, configs


def render(text: str) -> BeautifulSoup:
    names, configs = _shipped()
    html = markdown.markdown(text, extensions=names, extension_configs=configs)
    page = BeautifulSoup(html, "html.parser")
    for permalink in page.select("a.headerlink"):
        permalink.decompose()  # toc's permalink: true adds a "¶" to every heading
    return page


def plain(text: str) -> BeautifulSoup:
    html = markdown.markdown(text, extensions=["toc", "pymdownx.superfences"])
    return BeautifulSoup(html, "html.parser")


def test_the_shipped_config_enables_the_hugo_set() -> None:
    names, configs = _shipped()
    for name in ("tables", "footnotes", "toc", "pymdownx.superfences", "pymdownx.tilde",
                 "pymdownx.tasklist", "pymdownx.magiclink", "podium.hugo_markdown"):  # fmt: skip
        assert name in names
    assert configs["pymdownx.tilde"] == {"subscript": False}


def test_a_list_right_after_a_line_of_text() -> None:
    text = "**Mentors**\n* Alice\n* Bob\n\nSteps:\n1. one\n2. two\n"
    page = render(text)
    assert [li.get_text() for li in page.select("ul > li")] == ["Alice", "Bob"]
    assert [li.get_text() for li in page.select("ol > li")] == ["one", "two"]
    assert page.find("p").get_text() == "Mentors"
    # Plain Python-Markdown glues them into one paragraph with literal asterisks.
    assert "* Alice" in plain(text).get_text()


@pytest.mark.parametrize(
    "text",
    [
        "a line\n*emphasis* on the next",  # no space after '*': no list
        "the range is 2\n3. is not a list start (CommonMark: only 1 may interrupt)",
        "a line\n-not a list either",
    ],
)
def test_lines_that_do_not_start_a_list_stay_in_the_paragraph(text: str) -> None:
    page = render(text)
    assert page.find(["ul", "ol"]) is None
    assert len(page.find_all("p")) == 1


def test_a_fenced_block_inside_such_a_list_and_after_a_lazy_line() -> None:
    text = (
        "Three parts:\n\n- driver: \nruns in ring 0, as follows.\n```c\nenum x {\n  A = 0,\n}\n ```\n"
        "The driver is mainline.\n\n- next part\n"
    )
    page = render(text)
    assert page.find("code").get_text() == "enum x {\n  A = 0,\n}\n"
    assert [p.get_text() for p in page.find_all("p")] == ["Three parts:", "The driver is mainline."]
    assert [li.get_text().strip() for li in page.select("li")] == [
        "driver: \nruns in ring 0, as follows.",
        "next part",
    ]


@pytest.mark.parametrize(
    ("info", "code_class"),
    [
        ("text=", "language-text"),
        ("c {linenos=true}", "language-c"),
        ("go {hl_lines=[2]}", "language-go"),
    ],
)
def test_fence_info_strings_with_attributes_do_not_swallow_what_follows(
    info: str, code_class: str
) -> None:
    text = f"Example:\n\n```{info}\nline one\nline two\n```\n\n## Next section\n\nMore [a link](https://example.org/).\n"
    page = render(text)
    assert page.find("h2").get_text() == "Next section"
    assert page.find("a", href="https://example.org/") is not None
    assert "line one" in page.find(class_="highlight").get_text()
    assert "```" not in page.get_text()
    del code_class  # SuperFences writes the language as a class of the wrapper, not of <code>


@pytest.mark.parametrize(
    ("info", "expected"),
    [
        ("c {linenos=true}", 'c linenums="1"'),
        ("text=", "text"),
        (
            'go {hl_lines=[2,"4-5"], linenos=table, linenostart=3}',
            'go linenums="3" hl_lines="2 4-5"',
        ),
        ("python", "python"),
        ('py title="a.py" linenums="1"', 'py title="a.py" linenums="1"'),  # SuperFences' own form
        ("{.c #id}", "{.c #id}"),
        ("", ""),
        ("{linenos=false}", ""),
    ],
)
def test_hugo_info(info: str, expected: str) -> None:
    assert hugo_info(info) == expected


def test_an_unclosed_fence_is_left_as_it_was_and_scanning_stays_linear() -> None:
    assert "never closed" in render("```c\nnever closed\n").get_text()
    lines = ["````", *["```"] * 200000, "```c", "x"]
    with deadline(LINEAR_BOUND):
        # SuperFences' own time on such input is its business; the preprocessor's is ours.
        assert HugoFences(markdown.Markdown()).run(lines) == lines


def test_headings_as_commonmark_reads_them() -> None:
    page = render("### C#\n\n## Step 1 ##\n\n#hashtag\n\n   # Indented\n")
    assert [h.get_text() for h in page.find_all(["h2", "h3", "h1"])] == ["C#", "Step 1", "Indented"]
    assert page.find("p").get_text() == "#hashtag"
    assert plain("### C#").find("h3").get_text() == "C"


def test_heading_ids_are_hugos() -> None:
    page = render(
        "## Step 1: Build & Test\n\n## Ünïcode héading\n\n## C++ / C#\n\n## Again\n\n## Again\n\n## ?!\n\n## Own {#mine}\n"
    )
    assert [h["id"] for h in page.find_all("h2")] == [
        "step-1-build--test",
        "ünïcode-héading",
        "c--c",
        "again",
        "again-1",
        "heading",
        "mine",
    ]
    assert slugify(" Tabs_and  Spaces ") == "tabs_and--spaces"


def test_heading_ids_can_be_left_to_toc() -> None:
    html = markdown.markdown(
        "## Again\n\n## Again\n",
        extensions=["toc", "podium.hugo_markdown"],
        extension_configs={"podium.hugo_markdown": {"heading_ids": False}},
    )
    assert [h["id"] for h in BeautifulSoup(html, "html.parser").find_all("h2")] == [
        "again",
        "again_1",
    ]


def test_gfm_strikethrough_tables_tasks_autolinks_footnotes() -> None:
    page = render(
        "one ~x~ two ~~struck~~\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] todo\n- [x] done\n\n"
        "see https://example.org/x now\n\ntext[^1]\n\n[^1]: The note.\n"
    )
    assert [d.get_text() for d in page.find_all("del")] == ["struck"]
    assert "~x~" in page.get_text()  # one tilde stays literal, as in Hugo
    assert [td.get_text() for td in page.select("table td")] == ["1", "2"]
    boxes = page.select("li input[type=checkbox]")
    assert [box.has_attr("checked") for box in boxes] == [False, True]
    assert page.find("a", href="https://example.org/x").get_text() == "https://example.org/x"
    assert page.select_one("sup a")["href"] == "#fn:1"
    assert "The note." in page.select_one(".footnote li").get_text()


def test_an_indented_fence_in_a_list_after_a_line_of_text_stays_in_its_item() -> None:
    page = render("**Mentors**\n* Alice\n  ```sh\n  make\n  ```\n* Bob\n")
    items = page.select("ul > li")
    assert [li.get_text().split()[0] for li in items] == ["Alice", "Bob"]
    assert items[0].select_one(".highlight code").get_text() == "make\n"
    assert plain("**Mentors**\n* Alice\n").find("ul") is None


def test_long_heading_lines_stay_linear() -> None:
    with deadline(LINEAR_BOUND):
        page = render("# " + " " * 200000 + "x\n\n## " + "# " * 100000 + "\n")
    assert page.find("h1").get_text() == "x"


def test_an_html_block_ends_at_a_blank_line_and_markdown_goes_on() -> None:
    text = (
        '<div class="note">\n\nThe room **moved**.\n\n</div>\n\n'
        "<div>\n*kept raw* up to the blank line\n</div>\n\n"
        '<section markdown="0">\n\n*raw: the author asked*\n\n</section>\n\n'
        "```html\n<div>\n\n*code*\n\n</div>\n```\n"
    )
    page = render(text)
    note = page.select_one("div.note")
    assert note is not None and note.select_one("p > strong").get_text() == "moved"
    assert "*kept raw*" in page.find_all("div")[1].get_text()
    assert page.select_one("section").get_text().strip() == "*raw: the author asked*"
    assert "*code*" in page.select_one("code").get_text()
    assert plain(text).select_one("div.note strong") is None  # what Python-Markdown does alone


def test_html_blocks_stay_linear() -> None:
    text = '<div class="x">\n\n' * 20_000
    with deadline(LINEAR_BOUND):
        render(text)
