"""Splitting posts into YAML, TOML or JSON front matter and body (BAD-INPUT A, B, I3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import frontmatter
import pytest
import yaml
from frontmatter.default_handlers import JSONHandler, YAMLHandler

from podium.frontmatter import (
    FrontMatter,
    FrontMatterError,
    PodiumJSONHandler,
    PodiumTOMLHandler,
    PodiumYAMLHandler,
    dump_post,
    podium_handlers,
    split_front_matter,
)
from podium.problems import Problems
from podium.sources import decode_source
from tests.timing import LINEAR_BOUND, deadline

POST = "content/blog/p.md"
SHARED = Path("/work/shared")


def split(text: str, path: str = POST) -> tuple[FrontMatter | None, list[str]]:
    problems = Problems()
    front = split_front_matter(text, path, problems)
    return front, [str(p) for p in problems]


def read(data: bytes, path: str = POST) -> tuple[FrontMatter | None, list[str]]:
    """decode + split, the way the core reads a post."""
    problems = Problems()
    text = decode_source(data, path, problems)
    front = None if text is None else split_front_matter(text, path, problems)
    return front, [str(p) for p in problems]


def errors(text: str, path: str = POST) -> list[str]:
    front, found = split(text, path)
    assert front is None
    return found


def ok(text: str) -> FrontMatter:
    front, found = split(text)
    assert found == []
    assert front is not None
    return front


# Real posts


def test_seed_yaml_post() -> None:
    front, found = read((SHARED / "seeds/000_218cf87da9327720.txt").read_bytes())
    assert found == [] and front is not None
    assert front.format == "yaml"
    assert front.data == {
        "title": "FOSDEM 2024",
        "date": "2024-02-07",
        "draft": False,
        "tags": ["news"],
    }
    assert front.body_line == 7
    assert front.body.startswith("\n<figure>")
    assert front.positions.values[("date",)] == (3, 7)
    assert front.positions.values[("tags", 0)] == (5, 8)
    assert front.positions.keys[("draft",)] == (4, 1)
    assert front.positions.scalars[("draft",)] == "false"


def test_seed_toml_post() -> None:
    front, found = read((SHARED / "seeds/004_fe46bf242dfb8676.txt").read_bytes())
    assert found == [] and front is not None
    assert front.format == "toml"
    assert front.data == {
        "title": "Unikraft Community Meet-up '22",
        "date": "2022-10-14T09:00:00+01:00",
        "author": "Andrei Mutu",
        "tags": ["community"],
    }
    assert front.body_line == 7
    assert front.body.startswith("\n### The First of Many")
    assert front.positions.values[("date",)] == (3, 8)
    assert front.positions.keys[("tags",)] == (5, 1)
    assert front.positions.scalars[("author",)] == '"Andrei Mutu"'


def test_real_hugo_posts_split_cleanly() -> None:
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("/work/shared/corpus is absent")
    files = sorted(corpus.glob("unikraft-hugo/content/en/blog/*.md"))
    files += sorted(corpus.glob("nubificus-bold-ember/content/post/*/index.md"))
    assert len(files) >= 50
    for file in files:
        front, found = read(file.read_bytes(), str(file))
        assert found == [], file
        assert front is not None and front.format in ("yaml", "toml")
        assert isinstance(front.data.get("title"), str), file


def test_toml_tables_dates_and_positions() -> None:
    front = ok(
        '+++\ntitle = "x" # note\ndate = 2024-01-02T10:00:00Z\nday = 2024-01-02\n'
        "[params]\nx = 'y'\n[[talks]]\nt = 1\n[[talks]]\nt = 2\n+++\nbody"
    )
    assert front.data == {
        "title": "x",
        "date": dt.datetime(2024, 1, 2, 10, 0, tzinfo=dt.UTC),
        "day": dt.date(2024, 1, 2),
        "params": {"x": "y"},
        "talks": [{"t": 1}, {"t": 2}],
    }
    assert front.body == "body" and front.body_line == 12
    assert front.positions.scalars[("title",)] == '"x"'
    assert front.positions.values[("params", "x")] == (6, 5)
    assert front.positions.values[("talks", 1, "t")] == (10, 5)
    assert front.positions.keys[("params",)] == (5, 2)


def test_json_front_matter_positions() -> None:
    front = ok('{\n  "title": "x",\n  "tags": ["a", {"b": [1, 2]}],\n  "n": 1\n}\n\nbody\n')
    assert front.format == "json"
    assert front.data == {"title": "x", "tags": ["a", {"b": [1, 2]}], "n": 1}
    assert front.body == "\nbody\n" and front.body_line == 6
    assert front.positions.root == (1, 1)
    assert front.positions.keys[("tags",)] == (3, 3)
    assert front.positions.values[("tags", 1, "b", 1)] == (3, 27)
    assert front.positions.scalars[("n",)] == "1"


def test_no_front_matter() -> None:
    front = ok("# Hello\n\ntext\n")
    assert (front.format, front.data, front.body, front.body_line) == (
        "none",
        {},
        "# Hello\n\ntext\n",
        1,
    )


# A: files and delimiters


def test_a1_empty_file() -> None:
    assert read(b"", "content/blog/empty.md")[1] == [
        "content/blog/empty.md:1: error: empty file; a post needs front matter with title and date"
    ]
    assert errors(" \n\n\t\n") == [
        f"{POST}:1: error: empty file; a post needs front matter with title and date"
    ]


def test_a3_empty_body() -> None:
    front = ok("---\ntitle: x\n---")
    assert (front.body, front.body_line) == ("", 4)
    assert ok("---\ntitle: x\n---\n").body == ""


def test_a4_never_closed() -> None:
    assert errors("---\ntitle: x\ndate: 2024-01-01\n\nBody text.\n") == [
        f"{POST}:1: error: front matter opened with '---' on line 1 is never closed"
        " (add a line '---')"
    ]


def test_a5_toml_never_closed() -> None:
    assert errors("+++\ntitle = 'x'\n") == [
        f"{POST}:1: error: front matter opened with '+++' on line 1 is never closed"
        " (add a line '+++')"
    ]


def test_a5_toml_closed_with_yaml_delimiter() -> None:
    assert errors("+++\ntitle = 'x'\ndate = 2024-01-01\n---\nbody\n") == [
        f"{POST}:1: error: front matter opened with '+++' on line 1 is never closed;"
        " found '---' on line 4 (close it with '+++')"
    ]


def test_a6_blank_lines_before_opening_are_counted() -> None:
    front, found = split("\n\n\n\n\n---\ntitle: The question: Will this build\n---\n")
    assert front is None
    assert found == [
        f"{POST}:7:20: error: YAML: mapping values are not allowed here"
        ' — quote the value: title: "The question: Will this build"'
    ]
    front = ok("\n\n---\ntitle: x\n---\nbody\n")
    assert front.positions.values[("title",)] == (4, 8)
    assert (front.body, front.body_line) == ("body\n", 6)


@pytest.mark.parametrize("opening", [b"---", b"+++"])
def test_a7_utf8_bom(opening: bytes) -> None:
    line = b"title: x" if opening == b"---" else b"title = 'x'"
    front, found = read(b"\xef\xbb\xbf" + opening + b"\n" + line + b"\n" + opening + b"\nbody\n")
    assert found == [] and front is not None
    assert front.data == {"title": "x"}
    assert front.positions.values[("title",)][0] == 2


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_a8_crlf_and_cr(newline: bytes) -> None:
    data = newline.join([b"---", b"title: x", b"tags: [a,", b"  b]", b"---", b"body", b""])
    front, found = read(data)
    assert found == [] and front is not None
    assert front.data == {"title": "x", "tags": ["a", "b"]}
    assert front.positions.values[("tags", 1)] == (4, 3)
    assert (front.body, front.body_line) == ("body\n", 6)
    assert read(newline.join([b"---", b"title: a: b", b"---"]))[1][0].startswith(f"{POST}:2:9:")


def test_a9_latin1_post() -> None:
    assert read(b"# latin1 caf\xe9\n")[1] == [
        f"{POST}:1:13: error: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]


def test_a12_four_dashes_are_refused() -> None:
    assert errors("----\ntitle: x\n----\nbody\n") == [
        f"{POST}:1:1: error: front matter delimiter must be exactly '---' (got '----')"
    ]
    assert errors("++++\ntitle = 'x'\n++++\n") == [
        f"{POST}:1:1: error: front matter delimiter must be exactly '+++' (got '++++')"
    ]


def test_a12_trailing_spaces_are_accepted() -> None:
    front = ok("---   \ntitle: x\n--- \t\nbody\n")
    assert front.data == {"title": "x"} and front.body == "body\n"


def test_a13_horizontal_rules_stay_in_the_body() -> None:
    front = ok("---\ntitle: x\n---\nintro\n\n---\n\nmore\n---\n")
    assert front.body == "intro\n\n---\n\nmore\n---\n" and front.body_line == 4


def test_a14_yaml_document_end_marker_closes() -> None:
    front = ok("---\ntitle: x\n...\nbody\n---\n")
    assert front.data == {"title": "x"}
    assert (front.body, front.body_line) == ("body\n---\n", 4)


def test_a15_json_missing_colon() -> None:
    text = '{\n"title": "Broken JSON",\n"description" "x",\n"date": "2024-01-01"\n}\nbody\n'
    assert errors(text) == [f"{POST}:3:15: error: JSON: Expecting ':' delimiter"]


def test_json_duplicate_key() -> None:
    assert errors('{\n"title": "a",\n"o": {"x": 1, "x": 2},\n"title": "b"\n}\n') == [
        f"{POST}:3:15: error: o: duplicate key 'x' (first at line 3)",
        f"{POST}:4:1: error: duplicate key 'title' (first at line 2)",
    ]


def test_json_huge_number() -> None:
    assert errors('{"title": "x", "n": [' + "9" * 5000 + "]}\n") == [
        f"{POST}:1:22: error: n[0]: number too large"
    ]


def test_shortcode_at_the_top_is_body_not_json() -> None:
    front = ok('{{< figure src="/x.jpg" >}}\ntext\n')
    assert (front.format, front.body_line) == ("none", 1)


def test_json_body_on_the_closing_line() -> None:
    front = ok('{"title": "x"} trailing\nnext\n')
    assert (front.body, front.body_line) == (" trailing\nnext\n", 1)


# B: syntax inside front matter


def test_b1_line_includes_the_delimiter() -> None:
    assert errors("---\ntitle: The question: Will this build\n---\n") == [
        "content/blog/p.md:2:20: error: YAML: mapping values are not allowed here"
        ' — quote the value: title: "The question: Will this build"'
    ]


def test_b2_tab_in_front_matter() -> None:
    assert errors("---\ntitle: x\ntags:\n\t- a\n---\n") == [
        f"{POST}:4:1: error: YAML: tab character used for indentation — use spaces"
    ]


def test_b5_toml_invalid_value() -> None:
    assert errors('+++\ntitle = "x"\ntags = ["a", b"]\n+++\n') == [
        "content/blog/p.md:3:14: error: TOML: Invalid value"
    ]


def test_b5_toml_duplicate_key() -> None:
    assert errors('+++\ntitle = "x"\ndate = 2024-01-01\ntitle = "y"\n+++\n') == [
        f"{POST}:4:1: error: TOML: duplicate key"
    ]


def test_toml_unterminated_string() -> None:
    assert errors('+++\ntitle = "x\n+++\n') == [
        f"{POST}:2:11: error: TOML: Illegal character '\\n'"
    ]


def test_toml_huge_numbers() -> None:
    assert errors('+++\ntitle = "x"\nn = ' + "9" * 5000 + "\n+++\n") == [
        f"{POST}:3:5: error: n: number too large"
    ]
    assert errors("+++\nn = [" + "9" * 5000 + "]\n+++\n") == [f"{POST}:2: error: number too large"]


def test_b7_root_is_a_list_or_text() -> None:
    assert errors("---\n- a\n- b\n---\n") == [
        f"{POST}:2: error: front matter must be key: value pairs, got a list"
    ]
    assert errors("---\n\njust text\n---\n") == [
        f"{POST}:3: error: front matter must be key: value pairs, got text"
    ]


def test_b7_empty_blocks_are_empty_mappings() -> None:
    assert ok("---\n---\nbody").data == {}
    assert ok("---\n# comment\n---\nbody").data == {}
    assert ok("+++\n+++\nbody").data == {}


def test_b8_python_tag_in_front_matter(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'---\nx: !!python/object/apply:os.system ["touch {marker}"]\n---\n'
    assert errors(text) == [
        f"{POST}:2:4: error: x: YAML tag '!!python/object/apply:os.system' is not allowed"
    ]
    assert not marker.exists()


# I3: nesting in all three formats


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("---\na: " + "[" * 20_000 + "\n---\n", "2:53"),
        ("+++\na = " + "[" * 20_000 + "\n+++\n", "2:55"),
        ('{"a": ' + "[" * 20_000 + "\n", "1:56"),
    ],
)
def test_i3_deep_nesting(text: str, where: str) -> None:
    with deadline(LINEAR_BOUND):
        found = errors(text)
    assert found == [f"{POST}:{where}: error: nesting deeper than 50 levels"]


def test_i3_toml_dotted_keys_nest_too() -> None:
    key = ".".join(f"k{i}" for i in range(60))
    assert errors(f"+++\n{key} = 1\n+++\n") == [f"{POST}:2: error: nesting deeper than 50 levels"]


# python-frontmatter does the work, through Podium's handlers

YAML_POST = "---\ntitle: Hello\n\ndate: 2024-02-07\ntags:\n  - news\n---\n\nBody.\n"
TOML_POST = '+++\ntitle = "Hello"\n\ndate = 2024-02-07\ntags = ["news"]\n+++\n\nBody.\n'
JSON_POST = '{"title": "Hello",\n\n "date": "2024-02-07", "tags": ["news"]}\n\nBody.\n'
DATA = {"title": "Hello", "date": "2024-02-07", "tags": ["news"]}


@pytest.mark.parametrize(
    ("text", "handler", "data", "date_at", "body_line"),
    [
        # Podium's YAML loader keeps an ISO date as text; python-frontmatter's own makes a date.
        (YAML_POST, PodiumYAMLHandler, DATA, (4, 7), 8),
        # tomllib reads TOML's native date (python-frontmatter has no TOML without `toml`).
        (TOML_POST, PodiumTOMLHandler, {**DATA, "date": dt.date(2024, 2, 7)}, (4, 8), 7),
        # An object that does not end on a line of its own: python-frontmatter's JSON split fails.
        (JSON_POST, PodiumJSONHandler, DATA, (3, 10), 4),
    ],
)
def test_frontmatter_parse_with_podium_handlers_gives_podiums_result(
    text: str,
    handler: type[PodiumYAMLHandler | PodiumTOMLHandler | PodiumJSONHandler],
    data: dict[str, object],
    date_at: tuple[int, int],
    body_line: int,
) -> None:
    front = ok(text)
    problems = Problems()
    podium = handler(POST, problems)
    metadata, content = frontmatter.parse(text, handler=podium)
    assert metadata == front.data == data
    # python-frontmatter strips the body; split_front_matter keeps it as it is.
    assert content == front.body.strip() == "Body."
    assert podium.positions == front.positions
    assert podium.positions.values[("date",)] == front.positions.values[("date",)] == date_at
    assert podium.body_line == front.body_line == body_line
    assert list(problems) == []
    post = frontmatter.loads(text, handler=handler(POST))
    assert (post.metadata, post.content) == (data, "Body.")


def test_frontmatter_detects_the_format_with_podium_handlers() -> None:
    for text, kind in [(YAML_POST, "yaml"), (TOML_POST, "toml"), (JSON_POST, "json")]:
        found = frontmatter.detect_format(text, podium_handlers(POST))
        assert getattr(found, "FORMAT", None) == kind
    assert frontmatter.detect_format("# Title\n\n---\n", podium_handlers(POST)) is None
    assert frontmatter.detect_format('{{< figure src="/x.jpg" >}}\n', podium_handlers(POST)) is None


def test_split_front_matter_goes_through_python_frontmatter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(frontmatter, "detect_format", lambda text, handlers: None)
    assert ok(YAML_POST).format == "none"
    monkeypatch.undo()
    monkeypatch.setattr(PodiumYAMLHandler, "split", lambda self, text: ("title: Split\n", "B"))
    front = ok(YAML_POST)
    assert (front.data, front.body) == ({"title": "Split"}, "B")


def test_dots_close_yaml_through_frontmatter_parse() -> None:
    text = "---\ntitle: x\n...\nbody\n---\nmore\n"
    metadata, content = frontmatter.parse(text, handler=PodiumYAMLHandler(POST))
    assert (metadata, content) == ({"title": "x"}, "body\n---\nmore")
    # python-frontmatter's own YAML handler does not know '...' and reads on to the '---'.
    with pytest.raises(yaml.YAMLError, match="expected <document start>"):
        frontmatter.parse(text, handler=YAMLHandler())


def test_four_dashes_rejected_through_frontmatter_parse() -> None:
    problems = Problems()
    message = f"{POST}:1:1: error: front matter delimiter must be exactly '---' (got '----')"
    with pytest.raises(FrontMatterError) as caught:
        frontmatter.parse("----\ntitle: x\n----\nbody\n", handler=PodiumYAMLHandler(POST, problems))
    assert str(caught.value) == message
    assert [str(p) for p in caught.value.problems] == [str(p) for p in problems] == [message]
    # python-frontmatter alone would take '----' for a delimiter.
    assert frontmatter.parse("----\ntitle: x\n----\nbody\n")[0] == {"title": "x"}


def test_broken_front_matter_is_not_taken_for_a_body() -> None:
    # A ValueError would make frontmatter.parse return the whole text as the body.
    with pytest.raises(FrontMatterError, match="is never closed"):
        frontmatter.parse("---\ntitle: x\n", handler=PodiumYAMLHandler(POST))
    with pytest.raises(FrontMatterError, match=r"p\.md:3:15: error: JSON: Expecting ':' delimiter"):
        frontmatter.parse('{\n"a": 1,\n"description" "x"}\n', handler=PodiumJSONHandler(POST))
    # Text that is not this format is still no front matter, as python-frontmatter expects.
    assert frontmatter.parse("# Title\n", handler=PodiumTOMLHandler(POST)) == ({}, "# Title")


def test_positions_count_blank_lines() -> None:
    inside = "---\n\ntitle: x\n\n\ntags:\n\n  - a\n---\nbody\n"
    handler = PodiumYAMLHandler(POST)
    metadata, _ = frontmatter.parse(inside, handler=handler)
    assert metadata == {"title": "x", "tags": ["a"]}
    assert handler.positions.values[("title",)] == (3, 8)
    assert handler.positions.keys[("tags",)] == (6, 1)
    assert handler.positions.values[("tags", 0)] == (8, 5)
    assert handler.body_line == 10
    # Blank lines before the opening count too; frontmatter.parse strips them, the handler does not.
    before = "\n \n\t\n" + inside
    handler = PodiumYAMLHandler(POST)
    block, body = handler.split(before)
    assert (handler.open_line, handler.body_line, body) == (4, 13, "body\n")
    assert handler.load(block) == metadata
    assert handler.positions.values[("tags", 0)] == (11, 5)
    front = ok(before)
    assert (front.positions, front.body_line) == (handler.positions, 13)
    problems = Problems()
    toml = PodiumTOMLHandler(POST, problems)
    block, _ = toml.split('\n\n+++\n\ntitle = "x"\n\ntags = [1, b]\n+++\n')
    with pytest.raises(FrontMatterError):
        toml.load(block)
    assert [str(p) for p in problems] == [f"{POST}:7:12: error: TOML: Invalid value"]


def test_python_frontmatter_own_json_handler_differs() -> None:
    # Why Podium has its own: a one-line object is JSON front matter to Hugo and to Podium.
    with pytest.raises(ValueError):
        JSONHandler().split('{"title": "x"}\nbody\n')
    assert ok('{"title": "x"}\nbody\n').data == {"title": "x"}


def test_dump_post_writes_yaml_front_matter_in_key_order() -> None:
    meta = {
        "title": 'The question: "why?" #1',
        "date": dt.date(2026, 5, 1),
        "draft": True,
        "tags": [],
    }
    text = dump_post(meta, "First paragraph.\n\n<!-- more -->\n\nRest.\n")
    assert text == (
        "---\n"
        "title: 'The question: \"why?\" #1'\n"
        "date: 2026-05-01\n"
        "draft: true\n"
        "tags: []\n"
        "---\n"
        "\n"
        "First paragraph.\n\n<!-- more -->\n\nRest.\n"
    )
    front = ok(text)
    assert front.data == {**meta, "date": "2026-05-01"}
    assert (front.body, front.body_line) == ("\nFirst paragraph.\n\n<!-- more -->\n\nRest.\n", 7)
    assert dump_post({"title": "x" * 200, "content": "c"}, "") == (
        "---\ntitle: " + "x" * 200 + "\ncontent: c\n---\n"
    )
