"""Splitting posts into YAML, TOML or JSON front matter and body (BAD-INPUT A, B, I3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from podium.frontmatter import FrontMatter, split_front_matter
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
