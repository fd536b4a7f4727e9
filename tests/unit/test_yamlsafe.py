"""Safe YAML loading: syntax messages, tags, keys, numbers, aliases, depth (BAD-INPUT B, I1–I3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from podium.positions import Positions
from podium.problems import Problems
from podium.yamlsafe import MAX_ALIASES, load_yaml
from tests.timing import LINEAR_BOUND, deadline

EVENT = "data/events/x.yml"


def load(text: str, path: str = EVENT, offset: int = 0) -> tuple[object, Positions, list[str]]:
    problems = Problems()
    data, positions = load_yaml(text, path, problems, line_offset=offset)
    return data, positions, [str(p) for p in problems]


def messages(text: str, path: str = EVENT, offset: int = 0) -> list[str]:
    data, _, found = load(text, path, offset)
    assert data is None
    return found


# Happy paths


def test_values_positions_and_scalars() -> None:
    text = (
        "title: FOSDEM\nlocation:\n  city: Brussels\ntalks:\n  - title: urunc\n    tags: [a, b]\n"
    )
    data, positions, found = load(text, offset=1)
    assert found == []
    assert data == {
        "title": "FOSDEM",
        "location": {"city": "Brussels"},
        "talks": [{"title": "urunc", "tags": ["a", "b"]}],
    }
    assert positions.root == (2, 1)
    assert positions.keys[("location", "city")] == (4, 3)
    assert positions.values[("location", "city")] == (4, 9)
    assert positions.values[("talks", 0)] == (6, 5)
    assert positions.values[("talks", 0, "tags", 1)] == (7, 15)
    assert positions.scalars[("title",)] == "FOSDEM"


def test_empty_document_and_comment_only_give_none_without_errors() -> None:
    assert load("") == (None, Positions(root=(1, 1)), [])
    assert load("# only a comment\n", offset=3)[::2] == (None, [])


def test_explicit_document_markers_are_fine() -> None:
    assert load("---\na: 1\n...\n")[::2] == ({"a": 1}, [])


# B1–B3: syntax errors


def test_b1_unquoted_colon_gets_a_quoting_hint() -> None:
    found = messages(
        "title: The question: Will this build\ndate: 2024-01-01\n", "content/blog/p.md", 1
    )
    assert found == [
        "content/blog/p.md:2:20: error: YAML: mapping values are not allowed here"
        ' — quote the value: title: "The question: Will this build"'
    ]


def test_b1_bad_indentation_gets_an_indentation_hint() -> None:
    assert messages("a: 1\n  b: 2\n") == [
        "data/events/x.yml:2:4: error: YAML: mapping values are not allowed here"
        " — check the indentation of this line"
    ]


def test_b2_tab_indentation() -> None:
    found = messages("title: x\ntags:\n\t- a\n", "content/blog/p.md", 1)
    assert found == [
        "content/blog/p.md:4:1: error: YAML: tab character used for indentation — use spaces"
    ]


def test_b2_tab_after_colon() -> None:
    assert messages("a:\tb\n") == [
        "data/events/x.yml:1:3: error: YAML: tab character here — use spaces"
    ]


def test_b3_unclosed_quote_points_at_the_opening() -> None:
    text = (
        "title: x\nkind: meetup\nstart: 2024-01-01\ntalks:\n"
        '  - id: a\n    room: b\n  - title: "Unclosed\n    room: c\n'
    )
    assert messages(text) == [
        "data/events/x.yml:7:12: error: YAML: unclosed quoted string started here"
    ]
    text = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ntitle: 'Unclosed\n"
    assert messages(text) == [
        "data/events/x.yml:7:8: error: YAML: unclosed quoted string started here"
    ]


def test_b3_exact_example_position() -> None:
    text = 'a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\nsummary: "oops\n'
    assert messages(text) == [
        "data/events/x.yml:7:10: error: YAML: unclosed quoted string started here"
    ]


def test_b3_unclosed_flow_sequence_and_mapping() -> None:
    assert messages("title: x\ntags: [a, b\nkind: meetup\n") == [
        "data/events/x.yml:2:7: error: YAML: unclosed '[' started here"
    ]
    assert messages("title: x\nlocation: {city: x\n") == [
        "data/events/x.yml:2:11: error: YAML: unclosed '{' started here"
    ]


def test_other_syntax_errors_keep_pyyaml_wording_with_context() -> None:
    assert messages("- a\nb: 1\n") == [
        "data/events/x.yml:2:1: error: YAML: expected <block end>, but found '?'"
        " (while parsing a block collection on line 1)"
    ]


def test_control_character_in_stream() -> None:
    assert messages("a: 1\nb: x\x1by\n") == [
        "data/events/x.yml:2:5: error: YAML: control character U+001B is not allowed — remove it"
    ]


def test_unicode_line_separators_do_not_shift_lines() -> None:
    data, positions, found = load('a: "x\u2028y\u0085z"\nb: 1\n')
    assert found == []
    assert data == {"a": "x\u2028y z", "b": 1}
    assert positions.values[("b",)] == (2, 4)
    assert messages('a: "x\u2028y"\nb: c: d\n') == [
        "data/events/x.yml:2:5: error: YAML: mapping values are not allowed here"
        ' — quote the value: b: "c: d"'
    ]


def test_b15_escaped_control_and_surrogate_do_not_crash() -> None:
    data, _, found = load('a: "x\\x1by"\nb: "\\ud800"\n')
    assert found == []
    assert data == {"a": "x\x1by", "b": "\ud800"}


# B4: duplicate keys


def test_b4_duplicate_key_in_a_talk() -> None:
    text = (
        "title: FOSDEM\nkind: conference\nstart: 2024-02-03\ntalks:\n  - id: urunc\n"
        "    tags: [a]\n    title: urunc\n    room: H.1302\n    tags: [b]\n"
    )
    assert messages(text) == [
        "data/events/x.yml:9:5: error: talks[0]: duplicate key 'tags' (first at line 6)"
    ]


def test_b4_duplicate_top_level_key() -> None:
    found = messages("title: a\ndate: 2024-01-01\ntitle: b\n", "content/blog/p.md", 1)
    assert found == ["content/blog/p.md:4:1: error: duplicate key 'title' (first at line 2)"]


# B6: several documents


def test_b6_second_document() -> None:
    text = "title: x\n" + "".join(f"k{i}: {i}\n" for i in range(10)) + "---\ntitle: y\n"
    assert messages(text) == [
        "data/events/x.yml:12:1: error: YAML: a second document starts here; one event per file"
    ]


# B8: tags


def test_b8_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'title: x\nx: !!python/object/apply:os.system ["touch {marker}"]\n'
    found = messages(text, "content/blog/p.md", 1)
    assert found == [
        "content/blog/p.md:3:4: error: x: YAML tag '!!python/object/apply:os.system' is not allowed"
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!python/name:os.system", "!!python/name:os.system"),
        ('!!python/object/new:os.system ["true"]', "!!python/object/new:os.system"),
        ("!include other.yml", "!include"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("!!pairs [a: 1]", "!!pairs"),
        ("!!str [a]", "!!str"),
        ("!<tag:example.com,2024:x> 1", "tag:example.com,2024:x"),
    ],
)
def test_b8_other_tags_are_refused(value: str, shown: str) -> None:
    assert messages(f"x: {value}\n") == [
        f"data/events/x.yml:1:4: error: x: YAML tag '{shown}' is not allowed"
    ]


def test_core_tags_are_allowed() -> None:
    text = (
        "a: !!str 2024\nb: !!int '7'\nc: !!float 1\nd: !!bool yes\n"
        "e: !!null x\nf: !!map {}\ng: !!seq []\n"
    )
    assert load(text)[::2] == (
        {"a": "2024", "b": 7, "c": 1.0, "d": True, "e": None, "f": {}, "g": []},
        [],
    )


def test_explicit_core_tags_with_wrong_content() -> None:
    assert messages("b: !!int abc\nc: !!bool maybe\nd: !!float x\n") == [
        "data/events/x.yml:1:4: error: b: YAML tag '!!int' needs a whole number, got 'abc'",
        "data/events/x.yml:2:4: error: c: YAML tag '!!bool' needs true or false, got 'maybe'",
        "data/events/x.yml:3:4: error: d: YAML tag '!!float' needs a number, got 'x'",
    ]


# B9 and dates: timestamps stay strings


def test_b9_bad_explicit_timestamp_is_an_error_not_a_traceback() -> None:
    assert messages("x: !!timestamp 'not a date'\n") == [
        "data/events/x.yml:1:4: error: x: YAML tag '!!timestamp' needs a date, got 'not a date'"
    ]


def test_d1_timestamps_are_returned_as_written() -> None:
    text = "date: 2024-02-30\nstart: 2024-05-01 10:00:00\nok: !!timestamp 2024-01-01\n"
    data, positions, found = load(text)
    assert found == []
    assert data == {"date": "2024-02-30", "start": "2024-05-01 10:00:00", "ok": "2024-01-01"}
    assert positions.values[("date",)] == (1, 7)


# B10: keys


def test_b10_non_string_keys() -> None:
    text = "2024-05-01: x\nnull: y\n? [a, b]\n: c\n2024: d\nyes: e\n1.5: f\n? {a: 1}\n: g\n"
    assert messages(text) == [
        "data/events/x.yml:1:1: error: keys must be plain strings (got date 2024-05-01)",
        "data/events/x.yml:2:1: error: keys must be plain strings (got null)",
        "data/events/x.yml:3:3: error: keys must be plain strings (got a list)",
        "data/events/x.yml:5:1: error: keys must be plain strings (got the number 2024)",
        "data/events/x.yml:6:1: error: keys must be plain strings (got boolean yes)",
        "data/events/x.yml:7:1: error: keys must be plain strings (got the number 1.5)",
        "data/events/x.yml:8:3: error: keys must be plain strings (got a mapping)",
    ]


def test_b10_nested_key_names_its_mapping() -> None:
    assert messages("talks:\n  - 2024: x\n") == [
        "data/events/x.yml:2:5: error: talks[0]: keys must be plain strings (got the number 2024)"
    ]


def test_quoted_keys_are_strings() -> None:
    assert load("'2024': x\n\"null\": y\n")[::2] == ({"2024": "x", "null": "y"}, [])


# B11: numbers


def test_b11_huge_integer() -> None:
    assert messages("title: x\nduration: " + "9" * 5000 + "\n") == [
        "data/events/x.yml:2:11: error: duration: number too large"
    ]


def test_b11_huge_float() -> None:
    assert messages("x: 1." + "5" * 60 + "\n") == [
        "data/events/x.yml:1:4: error: x: number too large"
    ]


def test_fifty_digits_are_fine() -> None:
    assert load("x: " + "1" * 50 + "\n")[::2] == ({"x": int("1" * 50)}, [])


# B12: YAML 1.1 readings, with the source text kept for hints


def test_b12_yaml11_values_and_source_text() -> None:
    text = (
        "country: NO\nonline: yes\nversion: 1.10\nstart: 18:30\nroom: 017\n"
        "hex: 0x1F\nbig: 1_000\nnan: .nan\ninf: -.inf\nnothing: ~\n"
    )
    data, positions, found = load(text)
    assert found == []
    assert isinstance(data, dict)
    nan = data.pop("nan")
    assert isinstance(nan, float) and nan != nan
    assert data == {
        "country": False,
        "online": True,
        "version": 1.1,
        "start": 1110,
        "room": 15,
        "hex": 31,
        "big": 1000,
        "inf": float("-inf"),
        "nothing": None,
    }
    assert positions.scalars[("country",)] == "NO"
    assert positions.scalars[("start",)] == "18:30"
    assert positions.scalars[("version",)] == "1.10"
    assert positions.scalars[("room",)] == "017"


# B13: anchors, aliases and merge keys


def test_b13_merge_keys_with_alias_site_positions() -> None:
    text = (
        "defaults: &d\n  room: A\n  track: main\n"
        "talks:\n  - <<: *d\n    title: t\n    room: B\n"
        "  - <<: [*d, {extra: 1}]\n    title: u\n"
    )
    data, positions, found = load(text)
    assert found == []
    assert data == {
        "defaults": {"room": "A", "track": "main"},
        "talks": [
            {"room": "B", "track": "main", "title": "t"},
            {"room": "A", "track": "main", "extra": 1, "title": "u"},
        ],
    }
    assert positions.values[("talks", 0, "track")] == (5, 9)
    assert positions.values[("talks", 0, "room")] == (7, 11)
    assert positions.values[("talks", 1, "track")] == (8, 10)
    assert positions.values[("talks", 1, "extra")] == (8, 22)
    assert positions.values[("talks", 0)] == (5, 5)


def test_b13_earlier_merge_source_wins() -> None:
    text = "a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n"
    assert load(text)[0] == {"a": {"x": 1}, "b": {"x": 2, "y": 2}, "c": {"x": 1, "y": 2}}


def test_b13_plain_alias_and_error_at_alias_site() -> None:
    data, positions, found = load("speaker: &s alice\nsecond: *s\n")
    assert found == [] and data == {"speaker": "alice", "second": "alice"}
    assert positions.values[("second",)] == (2, 9)
    assert messages("bad: &b {2024: x}\ntalk:\n  <<: *b\n") == [
        "data/events/x.yml:1:10: error: bad: keys must be plain strings (got the number 2024)",
        "data/events/x.yml:3:7: error: talk: keys must be plain strings (got the number 2024)",
    ]


def test_b13_merge_of_a_scalar() -> None:
    assert messages("<<: 5\n") == [
        "data/events/x.yml:1:5: error: YAML: '<<' must merge a mapping or a list of mappings"
    ]


def test_undefined_and_duplicate_anchors() -> None:
    assert messages("a: *b\n") == [
        "data/events/x.yml:1:4: error: YAML: alias '*b' has no anchor '&b' before it"
    ]
    assert messages("a: &a 1\nb: &a 2\n") == [
        "data/events/x.yml:2:4: error: YAML: found duplicate anchor 'a' (first on line 1)"
    ]


# I1–I3: bounded work


def test_i1_billion_laughs() -> None:
    text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{c}: &{c} [" + ", ".join([f"*{p}"] * 10) + "]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    with deadline(LINEAR_BOUND):
        found = messages(text)
    assert found == [f"data/events/x.yml:3:40: error: too many YAML aliases (limit {MAX_ALIASES})"]


def test_i1_many_alias_nodes() -> None:
    text = "a: &a x\nb: [" + ", ".join(["*a"] * 150) + "]\n"
    with deadline(LINEAR_BOUND):
        found = messages(text)
    assert found == ["data/events/x.yml:2:405: error: too many YAML aliases (limit 100)"]


def test_i2_recursive_alias() -> None:
    assert messages("a: &a [*a]\n") == ["data/events/x.yml:1:8: error: a[0]: recursive YAML alias"]
    assert messages("a: &x {b: *x}\n") == [
        "data/events/x.yml:1:11: error: a.b: recursive YAML alias"
    ]


@pytest.mark.parametrize("opener", ["[", "{", "- "])
def test_i3_deep_nesting(opener: str) -> None:
    with deadline(LINEAR_BOUND):
        found = messages(opener * 20_000 + "x\n")
    assert len(found) == 1
    assert found[0].endswith(": error: nesting deeper than 50 levels")


def test_i3_deep_block_indentation() -> None:
    text = "a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 60)) + " " * 60 + "v\n"
    assert messages(text) == ["data/events/x.yml:51:51: error: nesting deeper than 50 levels"]


def test_i3_fifty_levels_are_fine() -> None:
    data = load("[" * 50 + "]" * 50)[0]
    for _ in range(49):
        assert isinstance(data, list)
        data = data[0]
    assert data == []


def test_i3_nesting_through_aliases() -> None:
    text = "a: &a " + "[" * 49 + "]" * 49 + "\nb: [*a]\n"
    assert messages(text) == ["data/events/x.yml:2:5: error: nesting deeper than 50 levels"]
