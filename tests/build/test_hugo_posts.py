"""Hugo posts built with the shipped Markdown set and Hugo's URL rules (#14), parsed output."""

from __future__ import annotations

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import REPO, BuildFailed, SiteFactory, resolves

SHIPPED = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))["markdown_extensions"]
CONFIG = {"markdown_extensions": SHIPPED}

BODY = """\
**Mentors**
* Alice
* Bob

Code:
```c {linenos=true}
int main(void);
```
## After the code

### C#

Struck ~~old~~ text[^1], see https://example.org/x.

- [x] done

[^1]: The note.
"""

BUNDLE = """\
+++
title = "Bundle"
date = "2020-12-04T11:00:00+00:00"
author = "Radu Nichita, Andrei Mutu"
aliases = ["old-url", "/top-level-old"]
+++

{{< figure src="images/here.png" title="Here" >}}
"""


def test_a_hugo_post_renders_as_hugo_reads_it(site: SiteFactory) -> None:
    files = {
        "content/blog/hugo.md": f'+++\ntitle = "Hugo"\ndate = "2024-01-01"\n+++\n\n{BODY}',
        "content/blog/2020-12-04 11:00:00+00:00-bundle/index.md": BUNDLE,
        "content/blog/2020-12-04 11:00:00+00:00-bundle/images/here.png": b"png",
    }
    built = site(files, CONFIG)
    page = BeautifulSoup(built.html("blog/hugo/"), "html.parser")
    article = page.select_one("article.podium-post")
    assert [li.get_text() for li in article.select("ul:not(.task-list) > li")] == ["Alice", "Bob"]
    assert article.select_one(".highlight code").get_text().startswith("int main")
    assert article.find("h2").get_text().rstrip("¶") == "After the code"
    assert article.find("h3")["id"] == "c" and article.find("h3").get_text().rstrip("¶") == "C#"
    assert [d.get_text() for d in article.find_all("del")] == ["old"]
    assert article.find("a", href="https://example.org/x") is not None
    assert article.select_one("li input[type=checkbox][checked]") is not None
    assert "The note." in article.select_one(".footnote").get_text()

    bundle_url = "blog/2020-12-04-110000+0000-bundle/"
    bundle = BeautifulSoup(built.html(bundle_url), "html.parser")
    # The bundle's files stay in their folder; the figure reaches them from the clean URL.
    src = str(bundle.select_one("figure img")["src"])
    assert src == "../2020-12-04%2011:00:00+00:00-bundle/images/here.png"
    assert resolves(built, bundle_url, src.replace("%20", " "))
    assert "Radu Nichita, Andrei Mutu" in bundle.select_one(".podium-post__header").get_text()
    for alias in ("blog/old-url/", "top-level-old/"):
        redirect = BeautifulSoup(built.html(alias), "html.parser")
        assert redirect.select_one("link[rel=canonical]")["href"].endswith("/sub/" + bundle_url)
    assert not built.exists("old-url/index.html")
    assert any("is one author, as in Hugo" in w for w in built.warnings), built.warnings


def test_a_missing_page_relative_image_stops_the_build_at_its_path(site: SiteFactory) -> None:
    files = {
        "content/blog/b/index.md": (
            '+++\ntitle = "B"\ndate = "2024-01-01"\n+++\n\n'
            '{{< figure\n    title="Team"\n    src="images/missing.jpg" >}}\n\n'
            '<img src="images/gone.png" alt="">\n'
        ),
    }
    with pytest.raises(BuildFailed) as info:
        site(files, CONFIG)
    text = str(info.value)
    assert (
        "content/blog/b/index.md:8:10: error: 'blog/b/images/missing.jpg' not found under "
        "content/ (the path 'images/missing.jpg' is relative to the page's URL blog/b/)"
    ) in text
    assert (
        "content/blog/b/index.md:10:11: error: 'blog/b/images/gone.png' not found under "
        "content/ (the path 'images/gone.png' is relative to the page's URL blog/b/)"
    ) in text


def test_hugo_url_rules_still_refuse_collisions(site: SiteFactory) -> None:
    files = {
        "content/blog/x.md": '+++\ntitle = "X"\ndate = "2024-01-01"\naliases = ["other"]\n+++\n',
        "content/blog/other.md": '+++\ntitle = "O"\ndate = "2024-01-01"\n+++\n',
        "content/blog/My Post.md": '+++\ntitle = "A"\ndate = "2024-01-01"\n+++\n',
        "content/blog/my-post.md": '+++\ntitle = "B"\ndate = "2024-01-01"\n+++\n',
    }
    with pytest.raises(BuildFailed) as info:
        site(files, CONFIG)
    text = str(info.value)
    assert (
        "content/blog/x.md:4:11: error: aliases[0]: blog/other/ is already the page "
        "content/blog/other.md"
    ) in text
    assert "both publish blog/my-post/" in text


MDX_POST = """\
---
title: KraftKit released
date: 2023-11-15
---

A new release!

<Info>
For the full changelog, check out [the release note](https://example.org/notes).
</Info>

<Image
  border
  maxW={'2xl'}
  src="/images/team.jpg"
  description="The team"
/>

Write `<Info>` in code and it stays text.
"""


def test_mdx_components_are_served_by_the_sites_templates(site: SiteFactory) -> None:
    files = {
        "content/blog/kraftkit.md": MDX_POST,
        "content/images/team.jpg": b"jpg",
        "overrides/shortcodes/Info.html": (
            '<div class="admonition info" markdown>\n{{ inner }}\n</div>\n'
        ),
        "overrides/shortcodes/Image.html": (
            '<figure><img src="{{ get("src") }}" alt="{{ get("description") }}">'
            '<figcaption>{{ get("description") }}</figcaption></figure>\n'
        ),
    }
    built = site(files, CONFIG, strict=True)
    assert built.warnings == []
    article = BeautifulSoup(built.html("blog/kraftkit/"), "html.parser").select_one(
        "article.podium-post"
    )
    note = article.select_one("div.admonition.info")
    assert note.a["href"] == "https://example.org/notes"
    figure = article.find("figure")
    assert figure.img["src"] == "../../images/team.jpg"  # root-absolute made relative, checked
    assert figure.figcaption.get_text() == "The team"
    assert article.find("code").get_text() == "<Info>"


def test_an_mdx_component_without_a_template_warns_and_a_broken_tag_fails(
    site: SiteFactory,
) -> None:
    files = {
        "content/blog/kraftkit.md": MDX_POST.replace('description="The team"', 'description="The'),
        "content/images/team.jpg": b"jpg",
        "overrides/shortcodes/Image.html": '<img src="{{ get("src") }}">\n',
    }
    with pytest.raises(BuildFailed) as failed:
        site(files, CONFIG, strict=True)
    messages = failed.value.messages
    assert (
        "content/blog/kraftkit.md:8:1: warning: <Info> is an MDX (JSX) component, not HTML: the"
        " page passes it on as an element browsers do not know — write Markdown or HTML instead,"
        " or a template overrides/shortcodes/Info.html for it"
    ) in messages
    error = (
        "content/blog/kraftkit.md:16:15: error: <Image>: the \" of 'description' is never closed"
    )
    assert any(error in m for m in messages), messages


def test_a_missing_path_in_a_site_template_call_is_reported_where_it_is_written(
    site: SiteFactory,
) -> None:
    files = {
        "content/blog/photos.md": (
            "---\ntitle: Photos\ndate: 2024-05-01\n---\n\n"
            '{{< img\n    class="wide"\n    src="/images/gone.jpg" >}}\n\n'
            'Inline {{< img src="images/also-gone.png" >}} too.\n\n'
            "<Image\n  border\n  src='/images/lost.jpg'\n/>\n"
        ),
        "overrides/shortcodes/img.html": '<img class="{{ get("class") }}" src="{{ get("src") }}">',
        "overrides/shortcodes/Image.html": '<img src="{{ get("src") }}">\n',
    }
    with pytest.raises(BuildFailed) as failed:
        site(files, CONFIG)
    errors = [line for m in failed.value.messages for line in m.splitlines() if "error:" in line]
    assert errors == [
        "content/blog/photos.md:8:10: error: 'images/gone.jpg' not found under content/",
        "content/blog/photos.md:10:21: error: 'blog/photos/images/also-gone.png' not found under"
        " content/ (the path 'images/also-gone.png' is relative to the page's URL blog/photos/)",
        "content/blog/photos.md:14:8: error: 'images/lost.jpg' not found under content/",
    ]
