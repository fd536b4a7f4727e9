"""Page-relative images and links in post bodies are checked, at the position of the path (#14).

Markdown targets resolve against the post's folder (as MkDocs does); raw HTML and the
HTML a ``figure`` shortcode writes resolve against the page's URL (as the browser, and
Hugo, do).  A missing file is an error; a missing page stays a warning.  Inside a
multi-line ``{{< figure >}}`` the message points at the path itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from podium import shortcodes
from podium.paths import ContentTree, rewrite_body
from podium.problems import Problems

BUNDLE = "blog/2024-05-01-bundle/index.md"
PLAIN = "blog/2024-05-02-plain.md"
URLS = {
    BUNDLE: "blog/2024-05-01-bundle/",
    PLAIN: "blog/2024-05-02-plain/",
    "blog/other.md": "blog/other/",
}


@pytest.fixture
def tree(tmp_path: Path) -> ContentTree:
    for rel in (BUNDLE, PLAIN, "blog/other.md", "blog/2024-05-01-bundle/images/here.png"):
        path = tmp_path / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", "utf-8")
    return ContentTree(tmp_path / "content")


def check(body: str, tree: ContentTree, src: str = BUNDLE) -> tuple[str, list[str]]:
    """Expand shortcodes and check the paths, as posts.process_body does."""
    problems = Problems()
    shown = "content/" + src
    expanded = shortcodes.expand(
        body, path=shown, first_line=5, problems=problems, resolve_ref=lambda _: None
    )
    out = rewrite_body(
        expanded.text,
        path=shown,
        src_uri=src,
        page_url=URLS[src],
        line_map=expanded.line_map,
        tree=tree,
        url_of_page=URLS.get,
        problems=problems,
        spans=expanded.spans,
    )
    return out, [str(p) for p in problems.sorted()]


@pytest.mark.parametrize(
    "body",
    [
        "![](images/here.png)",
        '<img src="images/here.png">',
        '<img src="./images/here.png#floatright" alt="">',
        '{{< figure src="images/here.png" >}}',
        "[other](../other.md) and [again](../other/)",
        '<a href="../other/">other</a>',
        "[^1]: The note, not a link definition.",
    ],
)
def test_page_relative_targets_that_exist_pass(tree: ContentTree, body: str) -> None:
    assert check(body, tree)[1] == []


def test_missing_markdown_image_is_an_error_at_the_path(tree: ContentTree) -> None:
    _out, messages = check("Text\n\nSee ![a pic](images/nope.png) here.", tree)
    assert messages == [
        "content/blog/2024-05-01-bundle/index.md:7:14: error: 'blog/2024-05-01-bundle/images/"
        "nope.png' not found under content/ (the path 'images/nope.png' is relative to "
        "blog/2024-05-01-bundle/)"
    ]


def test_missing_raw_html_image_is_an_error_against_the_page_url(tree: ContentTree) -> None:
    _out, messages = check('Text\n    <img src="images/nope.png#floatleft" alt="">', tree, PLAIN)
    assert messages == [
        "content/blog/2024-05-02-plain.md:6:15: error: 'blog/2024-05-02-plain/images/nope.png' "
        "not found under content/ (the path 'images/nope.png#floatleft' is relative to the "
        "page's URL blog/2024-05-02-plain/)"
    ]


def test_missing_figure_in_a_multi_line_shortcode_points_at_the_path(tree: ContentTree) -> None:
    body = 'Intro.\n\n{{< figure\n    title="Team"\n    src="images/missing.jpg"\n    position="center" >}}\n\nAfter.'
    _out, messages = check(body, tree)
    # The path is on the fifth body line (file line 9), its first character in column 10.
    assert messages == [
        "content/blog/2024-05-01-bundle/index.md:9:10: error: 'blog/2024-05-01-bundle/images/"
        "missing.jpg' not found under content/ (the path 'images/missing.jpg' is relative to "
        "the page's URL blog/2024-05-01-bundle/)"
    ]


def test_missing_figure_link_points_at_the_link(tree: ContentTree) -> None:
    body = "{{< figure src=images/here.png\n  link=/nowhere.pdf >}}"
    _out, messages = check(body, tree)
    assert messages == [
        "content/blog/2024-05-01-bundle/index.md:6:8: error: 'nowhere.pdf' not found under content/"
    ]


def test_a_relative_path_leaving_content_is_an_error(tree: ContentTree) -> None:
    _out, messages = check('<img src="../../../../x.png">', tree)
    assert messages == [
        "content/blog/2024-05-01-bundle/index.md:5:11: error: '../../../../x.png' leaves "
        "content/ (it is relative to the page's URL blog/2024-05-01-bundle/)"
    ]


def test_a_missing_relative_page_link_stays_a_warning(tree: ContentTree) -> None:
    _out, messages = check('<a href="../nope/">x</a>', tree)
    assert len(messages) == 1
    assert messages[0].startswith(
        "content/blog/2024-05-01-bundle/index.md:5:10: warning: link '../nope/' does not resolve"
    )


def test_footnotes_are_not_taken_for_link_definitions(tree: ContentTree) -> None:
    body = "Text[^1] and [^note].\n\n[^1]: The first.\n[^note]: https://example.org"
    assert check(body, tree, PLAIN)[1] == []


def test_a_moved_bundle_reaches_its_files_from_its_url(tree: ContentTree) -> None:
    """A bundle published elsewhere (slug, post_url, a cleaned folder name) keeps its files."""
    problems = Problems()
    body = '<img src="images/here.png#floatright">\n\n<img src="images/nope.png">'
    out = rewrite_body(
        body,
        path="content/" + BUNDLE,
        src_uri=BUNDLE,
        page_url="blog/2024/05/moved/",
        line_map=[1, 2, 3],
        tree=tree,
        url_of_page=URLS.get,
        problems=problems,
    )
    assert out.split("\n")[0] == (
        '<img src="../../../2024-05-01-bundle/images/here.png#floatright">'
    )
    assert [str(p) for p in problems] == [
        "content/blog/2024-05-01-bundle/index.md:3:11: error: 'blog/2024-05-01-bundle/images/"
        "nope.png' not found under content/ (the path 'images/nope.png' is relative to the "
        "bundle's folder blog/2024-05-01-bundle/)"
    ]
