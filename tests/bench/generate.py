"""A deterministic generator of the benchmark site, in four flavours of the same content.

N posts of about 600 words of realistic Markdown (headings, lists, code,
links, an image, an excerpt marker), tags from a pool, authors from
data/people.yml, and N/10 events with 4 talks each.  The same posts are
written for Podium, for bare MkDocs + Material (plain pages, out of the
nav), for Material's blog + tags plugins, and for Hugo.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

WORDS = (  # noqa: SIM905 - a word list reads better as one string
    "unikernel container runtime kernel image build cloud native network storage "
    "hypervisor community release contributor meetup talk slides recording library "
    "application performance security memory scheduler driver platform toolchain "
    "package registry deploy cluster node sandbox isolation latency throughput boot "
    "module interface compatibility binary thread process virtual machine firmware "
    "the a of to and in for with on by from that this we our is are was were be it "
    "new fast small simple modular secure open source project team work support"
).split()
TAGS = [
    "unikernels", "containers", "kubernetes", "security", "performance", "community",
    "release", "networking", "storage", "rust", "c", "python", "go", "arm", "x86",
    "cloud", "edge", "serverless", "fosdem", "meetup", "gsoc", "hackathon", "docs",
    "testing", "ci", "kraftkit", "musl", "virtualization", "scheduling", "drivers",
]  # fmt: skip
PEOPLE = [f"person-{i:02d}" for i in range(20)]
START = dt.date(2015, 1, 1)


@dataclass(frozen=True)
class Post:
    slug: str
    title: str
    date: dt.date
    tags: tuple[str, ...]
    author: str
    body: str


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _body(rng: random.Random, index: int) -> str:
    parts = [_paragraph(rng, 3), "<!-- more -->"]
    for section in range(3):
        parts.append(f"## {_sentence(rng)[:-1].title()}")
        parts.append(_paragraph(rng, 5))
        if section == 0:
            parts.append("\n".join(f"- {_sentence(rng)}" for _ in range(4)))
        if section == 1:
            parts.append(
                "```python\n"
                f"def build_{index}(image):\n"
                "    layers = [fetch(layer) for layer in image.layers]\n"
                "    return link(layers, target='kvm-x86_64')\n"
                "```"
            )
        if section == 2:
            parts.append("![Architecture diagram](/images/diagram.png)")
            parts.append(
                f"Read more in [the docs](https://example.org/docs/{index}) and "
                f"[the previous post](post-{max(index - 1, 0):05d}.md)."
            )
        parts.append(_paragraph(rng, 4))
    return "\n\n".join(parts) + "\n"


def posts(n: int, seed: int = 42) -> list[Post]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        title = _sentence(rng)[:-1][:70].title()
        out.append(
            Post(
                slug=f"post-{i:05d}",
                title=title,
                date=START + dt.timedelta(days=i * 3650 // max(n, 1)),
                tags=tuple(sorted(rng.sample(TAGS, 3))),
                author=rng.choice(PEOPLE),
                body=_body(rng, i),
            )
        )
    return out


def events(n_posts: int, seed: int = 7) -> list[dict[str, object]]:
    rng = random.Random(seed)
    out = []
    for i in range(max(1, n_posts // 10)):
        day = START + dt.timedelta(days=i * 36)
        talks = []
        for t in range(4):
            talks.append(
                {
                    "title": _sentence(rng)[:-1][:60].title(),
                    "id": f"talk-{i:04d}-{t}",
                    "speakers": rng.sample(PEOPLE, 2),
                    "track": rng.choice(["Main track", "Containers devroom", "Kernel devroom"]),
                    "start": f"{day.isoformat()}T{10 + t:02d}:00:00",
                    "duration": 30,
                    "slides": f"https://example.org/slides/{i}-{t}.pdf",
                    "video": f"https://www.youtube.com/watch?v={'abcdefghijk'[: 11 - len(str(i))]}{i}"[
                        :43
                    ],
                    "abstract": _paragraph(rng, 3),
                    "tags": rng.sample(TAGS, 2),
                }
            )
        out.append(
            {
                "id": f"event-{i:04d}",
                "title": f"Community Event {i}",
                "kind": rng.choice(["conference", "meetup", "workshop"]),
                "start": day.isoformat(),
                "end": (day + dt.timedelta(days=1)).isoformat(),
                "timezone": "Europe/Brussels",
                "location": {"name": "Campus", "city": "Brussels", "country": "Belgium"},
                "summary": _sentence(rng),
                "tags": rng.sample(TAGS, 2),
                "talks": talks,
            }
        )
    return out


def _front(data: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n\n"


def _png(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # A 1x1 PNG: the benchmark measures page builds, not image copies.
    path.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
        )
    )


def _theme() -> dict[str, object]:
    return {"name": "material", "font": False}


def write_podium(root: Path, n: int) -> None:
    content = root / "content"
    for post in posts(n):
        meta = {
            "title": post.title,
            "date": post.date.isoformat(),
            "tags": list(post.tags),
            "authors": [post.author],
        }
        (content / "blog").mkdir(parents=True, exist_ok=True)
        (content / "blog" / f"{post.slug}.md").write_text(_front(meta) + post.body, "utf-8")
    _png(content / "images/diagram.png")
    (content / "index.md").write_text("# Bench\n", "utf-8")
    data = root / "data"
    (data / "events").mkdir(parents=True, exist_ok=True)
    people = {p: {"name": p.replace("-", " ").title()} for p in PEOPLE}
    (data / "people.yml").write_text(yaml.safe_dump(people), "utf-8")
    for event in events(n):
        event = dict(event)
        event_id = str(event.pop("id"))
        (data / "events" / f"{event_id}.yml").write_text(
            yaml.safe_dump(event, sort_keys=False), "utf-8"
        )
    config = {
        "site_name": "Bench",
        "site_url": "https://example.org/",
        "docs_dir": "content",
        "theme": _theme(),
        "plugins": ["search", "podium/posts", "podium/events", "podium/tags"],
        "markdown_extensions": ["attr_list", "md_in_html", "pymdownx.superfences"],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")


def write_bare(root: Path, n: int) -> None:
    docs = root / "docs"
    for post in posts(n):
        meta = {"title": post.title, "date": post.date.isoformat(), "tags": list(post.tags)}
        (docs / "posts").mkdir(parents=True, exist_ok=True)
        body = post.body.replace("/images/diagram.png", "../../images/diagram.png")
        (docs / "posts" / f"{post.slug}.md").write_text(_front(meta) + body, "utf-8")
    _png(docs / "images/diagram.png")
    (docs / "index.md").write_text("# Bench\n", "utf-8")
    config = {
        "site_name": "Bench",
        "site_url": "https://example.org/",
        "theme": _theme(),
        "nav": ["index.md"],
        "not_in_nav": "/posts/\n",
        "plugins": ["search"],
        "markdown_extensions": ["attr_list", "md_in_html", "pymdownx.superfences"],
        "validation": {"links": {"not_found": "info"}},
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")


def write_material_blog(root: Path, n: int) -> None:
    docs = root / "docs"
    posts_dir = docs / "blog" / "posts"
    posts_dir.mkdir(parents=True, exist_ok=True)
    for post in posts(n):
        meta = {"date": post.date, "tags": list(post.tags), "authors": [post.author]}
        body = f"# {post.title}\n\n" + post.body.replace(
            "/images/diagram.png", "../../images/diagram.png"
        )
        (posts_dir / f"{post.slug}.md").write_text(_front(meta) + body, "utf-8")
    _png(docs / "images/diagram.png")
    (docs / "index.md").write_text("# Bench\n", "utf-8")
    (docs / "blog" / "index.md").write_text("# Blog\n", "utf-8")
    (docs / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", "utf-8")
    authors = {
        "authors": {
            p: {"name": p.title(), "description": "Author", "avatar": "https://example.org/a.png"}
            for p in PEOPLE
        }
    }
    (docs / "blog" / ".authors.yml").write_text(yaml.safe_dump(authors), "utf-8")
    config = {
        "site_name": "Bench",
        "site_url": "https://example.org/",
        "theme": _theme(),
        "plugins": ["search", {"blog": {"post_url_format": "{slug}"}}, "tags"],
        "markdown_extensions": ["attr_list", "md_in_html", "pymdownx.superfences"],
        "validation": {"links": {"not_found": "info"}},
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")


HUGO_LAYOUT = """<!doctype html><html><head><title>{{ .Title }}</title></head>
<body><nav>{{ range .Site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a>{{ end }}</nav>
{{ block "main" . }}{{ end }}</body></html>
"""


def write_hugo(root: Path, n: int) -> None:
    content = root / "content" / "posts"
    content.mkdir(parents=True, exist_ok=True)
    for post in posts(n):
        meta = {"title": post.title, "date": post.date.isoformat(), "tags": list(post.tags)}
        (content / f"{post.slug}.md").write_text(_front(meta) + post.body, "utf-8")
    _png(root / "static/images/diagram.png")
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    (layouts / "baseof.html").write_text(HUGO_LAYOUT, "utf-8")
    (layouts / "single.html").write_text(
        '{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}',
        "utf-8",
    )
    (layouts / "list.html").write_text(
        '{{ define "main" }}{{ range .Paginator.Pages }}<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>'
        "{{ .Summary }}{{ end }}{{ end }}",
        "utf-8",
    )
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Bench"\n[taxonomies]\ntag = "tags"\n', "utf-8"
    )


FLAVOURS = {
    "podium": write_podium,
    "bare": write_bare,
    "material-blog": write_material_blog,
    "hugo": write_hugo,
}


def generate(root: Path, flavour: str, n: int) -> Path:
    """Write the site of ``flavour`` with ``n`` posts under ``root/<flavour>-<n>``, afresh."""
    target = root / f"{flavour}-{n}"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    FLAVOURS[flavour](target, n)
    return target
