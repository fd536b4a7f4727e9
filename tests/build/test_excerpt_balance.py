"""An HTML excerpt is balanced before it is placed on a listing (issue 16).

An unclosed ``<textarea>``, ``<style>`` or ``<plaintext>`` before ``<!-- more -->``
must not swallow the rest of the blog index: parsed as a browser does (html5lib),
every other post and the footer are still there, and a warning names the post.
"""

from __future__ import annotations

import html5lib
import pytest

from podium.balance import balance_problem, balanced
from tests.conftest import SiteFactory, post

OPENERS = {
    "textarea": "<textarea>typed",
    "style": "<style>p { color: red }",
    "plaintext": "<plaintext>the rest",
    "div": '<div class="note">a note',
}


@pytest.mark.parametrize("opener", OPENERS.values(), ids=OPENERS.keys())
def test_unclosed_element_in_an_excerpt_is_repaired_with_a_warning(
    site: SiteFactory, opener: str
) -> None:
    body = f"Intro text.\n\n{opener}\n\n<!-- more -->\n\nThe rest.\n"
    files = {
        "content/index.md": "# Home\n",
        "content/blog/bad.md": post("Bad excerpt", "2024-01-03", body),
        "content/blog/older.md": post("Older post", "2024-01-02"),
        "content/blog/oldest.md": post("Oldest post", "2024-01-01"),
    }
    built = site(files)
    tag = opener[1:].split(">")[0].split()[0]
    expected = (
        f"content/blog/bad.md:10: warning: excerpt: <{tag}> "
        + ("never ends in a browser" if tag == "plaintext" else "is opened but never closed")
        + " — close it before <!-- more -->; listings show the excerpt repaired"
    )
    assert expected in built.warnings, built.warnings
    page = html5lib.parse(built.html("blog/"), namespaceHTMLElements=False)
    titles = [a.text for a in page.iter("a") if a.text in ("Older post", "Oldest post")]
    assert titles == ["Older post", "Oldest post"]
    assert page.find(".//footer") is not None
    assert not list(page.iter("plaintext"))


def test_balanced_fragments_are_kept_as_they_are() -> None:
    for fragment in ("<p>a</p>", "<ul><li>a<li>b</ul>", "<p>x<br>y</p>", "<p>a<!-- c --></p>"):
        assert balance_problem(fragment) is None
    assert balanced("<p>a<div>b") == "<p>a</p><div>b</div>"
    assert balance_problem("<p>a</p></div>") == "</div> closes nothing that is open"
