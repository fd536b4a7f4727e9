"""Fixture builds: tag pages, plugin order, video embeds and highlight blocks."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.conftest import SiteFactory, post


def test_tags_pages_count_and_merge_spellings(site: SiteFactory) -> None:
    files = {
        "data/tags.yml": "unikernels:\n  title: Unikernels\n  description: Tiny <VMs>.\n",
        "content/blog/a.md": post("A", "2024-01-01", tags=["Unikraft", "unikernels"]),
        "content/blog/b.md": post("B", "2024-01-02", tags=["unikraft"]),
        "content/blog/c.md": post("C", "2024-01-03", tags=["unikraft"]),
    }
    built = site(files)
    index = BeautifulSoup(built.html("tags/"), "html.parser")
    rows = {
        li.select_one("a").get_text(): li.select_one(".podium-tag-index__count").get_text()
        for li in index.select(".podium-tag-index li")
    }
    assert rows == {"Unikernels": "1", "unikraft": "3"}
    page = BeautifulSoup(built.html("tags/unikernels/"), "html.parser")
    assert page.h1 is not None and page.h1.get_text(strip=True).startswith("Tag: Unikernels")
    assert page.select_one(".podium-tag__description").get_text() == "Tiny <VMs>."
    assert [a.get_text() for a in page.select(".podium-card__title a")] == ["A"]
    listed = BeautifulSoup(built.html("tags/unikraft/"), "html.parser")
    assert [a.get_text() for a in listed.select(".podium-card__title a")] == ["C", "B", "A"]
    assert not built.exists("tags/Unikraft/index.html")


def test_plugins_work_in_either_order(site: SiteFactory) -> None:
    files = {"content/blog/a.md": post("A", "2024-01-01", tags=["x"])}
    built = site(files, {"plugins": ["podium/tags", "podium/posts", "search"]})
    page = BeautifulSoup(built.html("tags/x/"), "html.parser")
    assert [a.get_text() for a in page.select(".podium-card__title a")] == ["A"]


def test_video_embeds_load_nothing_before_a_click(site: SiteFactory) -> None:
    body = '{{< youtube w7Ft2ymGmfc >}}\n\n{{< vimeo id="146022717" title="A <talk>" >}}\n'
    built = site({"content/blog/v.md": post("V", "2024-01-01", body)})
    page = BeautifulSoup(built.html("blog/v/"), "html.parser")
    article = page.select_one("article.podium-post")
    assert article is not None
    assert article.find("iframe") is None
    embeds = article.select("[data-podium-embed]")
    assert [e["data-podium-embed"] for e in embeds] == [
        "https://www.youtube-nocookie.com/embed/w7Ft2ymGmfc",
        "https://player.vimeo.com/video/146022717?dnt=1",
    ]
    assert [a["href"] for a in article.select(".podium-embed a")] == [
        "https://www.youtube.com/watch?v=w7Ft2ymGmfc",
        "https://vimeo.com/146022717",
    ]
    assert embeds[1]["data-podium-title"] == "A <talk>"
    assert built.exists("assets/podium/podium.js")
    scripts = [s.get("src", "") for s in page.find_all("script")]
    assert any(str(src).endswith("assets/podium/podium.js") for src in scripts)


def test_highlight_shortcode_becomes_a_code_block(site: SiteFactory) -> None:
    body = '{{< highlight go "linenos=table,hl_lines=2" >}}\nfunc main() {\n\tprintln("<hi>")\n}\n{{< /highlight >}}\n'
    built = site({"content/blog/h.md": post("H", "2024-01-01", body)})
    page = BeautifulSoup(built.html("blog/h/"), "html.parser")
    code = page.select_one("article.podium-post pre code")
    assert code is not None
    assert 'println("<hi>")' in code.get_text()
    assert page.select_one(".language-go, .highlight") is not None
