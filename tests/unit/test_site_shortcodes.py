"""The site's own shortcodes (podium.site_shortcodes): Hugo's layouts/shortcodes as Jinja templates.

Each case writes templates into a folder, expands a post body with them and renders the
result with the shipped Markdown extensions, asserting on the parsed HTML: ``{{< >}}``
output stays HTML (its text is never read as Markdown), ``{{% %}}`` output is Markdown,
``inner`` carries nested shortcodes, and every mistake is a file:line:col message.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from podium.problems import Problems
from podium.shortcodes import SUPPORTED, expand
from podium.site_shortcodes import SiteShortcodes, load
from tests.conftest import REPO

PATH = "content/blog/p.md"
FOLDER = "overrides/shortcodes"


def _site(tmp_path: Path, templates: dict[str, str], problems: Problems) -> SiteShortcodes:
    folder = tmp_path / FOLDER
    folder.mkdir(parents=True)
    for name, text in templates.items():
        (folder / f"{name}.html").write_text(text, "utf-8")
    return load(folder, FOLDER, problems, builtin=SUPPORTED)


def _render(
    tmp_path: Path, templates: dict[str, str], body: str
) -> tuple[BeautifulSoup, list[str]]:
    problems = Problems()
    site = _site(tmp_path, templates, problems)
    expanded = expand(
        body, path=PATH, first_line=5, problems=problems, resolve_ref=lambda _: None, site=site
    )
    shipped = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))["markdown_extensions"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in shipped]
    configs = {next(iter(e)): next(iter(e.values())) for e in shipped if isinstance(e, dict)}
    html = markdown.markdown(expanded.text, extensions=names, extension_configs=configs)
    return BeautifulSoup(html, "html.parser"), [str(p) for p in problems.sorted()]


def test_angle_output_is_html_whose_text_markdown_leaves_alone(tmp_path: Path) -> None:
    soup, problems = _render(
        tmp_path,
        {"alert": '<div class="alert">{{ inner }}</div>', "img": '<b>{{ get("src") }}</b>'},
        'Para {{< img src="x*y*.png" >}} text https://example.org.\n\n'
        "{{< alert >}}\n**Note** see [x](y)\n\n- item\n{{< /alert >}}\n\nAfter *em*.\n",
    )
    assert problems == []
    para = soup.find_all("p")
    assert para[0].get_text() == "Para x*y*.png text https://example.org."
    assert para[0].b is not None and para[0].b.get_text() == "x*y*.png"
    assert [a["href"] for a in para[0].find_all("a")] == ["https://example.org"]
    alert = soup.find("div", class_="alert")
    assert alert is not None
    assert " ".join(alert.get_text().split()) == "**Note** see [x](y) - item"
    assert alert.find("strong") is None and alert.find("li") is None
    assert para[-1].em is not None  # the post goes on as Markdown after the block


def test_percent_output_is_markdown_and_inner_expands_nested_shortcodes(tmp_path: Path) -> None:
    soup, problems = _render(
        tmp_path,
        {"box": "{{ inner }}", "code": "<code>{{ get(0) }}</code>"},
        '{{% box %}}\n**Bold** {{< code "a<b" >}}\n{{% /box %}}\n',
    )
    assert problems == []
    assert soup.strong is not None and soup.strong.get_text() == "Bold"
    code = soup.find("code")
    assert code is not None and code.get_text() == "a<b"  # an argument is text: escaped


def test_text_only_block_output_is_kept_in_a_div(tmp_path: Path) -> None:
    soup, problems = _render(
        tmp_path, {"note": "{{ inner }}"}, "{{< note >}}\n# not a heading\n{{< /note >}}\n"
    )
    assert problems == []
    div = soup.find("div", class_="podium-shortcode--note")
    assert div is not None and div.get_text().strip() == "# not a heading"
    assert soup.find("h1") is None


def test_a_template_without_inner_takes_no_closing_tag_and_empty_output_is_nothing(
    tmp_path: Path,
) -> None:
    soup, problems = _render(
        tmp_path, {"img": ""}, "One\n\n{{< img src=x >}}\n\nTwo {{< /img >}}\n"
    )
    assert [p.get_text() for p in soup.find_all("p")] == ["One", "Two "]
    assert problems == [
        f"{PATH}:9:5: error: closing '{{{{< /img >}}}}' without an opening '{{{{< img >}}}}'"
    ]


def test_mistakes_are_reported_at_their_place(tmp_path: Path) -> None:
    _, problems = _render(
        tmp_path,
        {"alert": "{{ inner }}{{ typo }}", "bad": "{% if %}", "figure": "mine"},
        "{{< alert >}}x{{< /alert >}}\n\n{{< bad >}}\n\n{{< alert >}}never closed\n\n"
        "{{< nope >}}\n",
    )
    assert problems == [
        f"{PATH}:5:1: error: alert: {FOLDER}/alert.html: 'typo' is undefined",
        f"{PATH}:7:1: error: bad: its template {FOLDER}/bad.html has an error",
        f"{PATH}:9:1: error: shortcode 'alert' is never closed with '{{{{< /alert >}}}}' "
        "(or self-closed with '/>}}')",
        f"{PATH}:11:1: error: unknown shortcode 'nope' (supported: figure, youtube, vimeo, ref, "
        f"relref, highlight, and the site's alert, bad; or write {FOLDER}/nope.html)",
        f"{FOLDER}/bad.html:1:1: error: shortcode template: Expected an expression, got 'end of "
        "statement block'",
        f"{FOLDER}/figure.html:1:1: warning: shortcode template: 'figure' is built into Podium; "
        "this template is not used",
    ]


def test_inline_shortcodes_are_left_out_as_hugo_does_by_default(tmp_path: Path) -> None:
    soup, problems = _render(
        tmp_path,
        {},
        "Before {{< css.inline >}}<style>p { color: red }</style>{{< /css.inline >}} after\n"
        "{{< css.inline />}}\n\n{{< math.inline >}}never closed\n",
    )
    assert soup.find("style") is None
    assert "Before" in soup.get_text() and "after" in soup.get_text()
    hint = "inline shortcode left out, as Hugo does unless enableInlineShortcodes is on; to keep it"
    assert problems == [
        f"{PATH}:5:8: warning: css.inline: {hint}, make it a template {FOLDER}/css.html",
        f"{PATH}:6:1: warning: css.inline: {hint}, make it a template {FOLDER}/css.html",
        f"{PATH}:8:1: error: shortcode 'math.inline' is never closed with "
        "'{{< /math.inline >}}' (or self-closed with '/>}}')",
    ]


@pytest.mark.parametrize("count", [2000])
def test_many_unclosed_calls_are_matched_once(tmp_path: Path, count: int) -> None:
    body = "{{< alert >}}\n" * count + "{{< /alert >}}\n"
    _, problems = _render(tmp_path, {"alert": "{{ inner }}"}, body)
    never = [p for p in problems if "never closed" in p]
    assert len(never) == count - 1
