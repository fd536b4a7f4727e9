"""Decoding content and data files: size, binary, UTF-16, Latin-1, BOM, newlines (A7–A11, I4)."""

from __future__ import annotations

import pytest

from podium.problems import Problems
from podium.sources import MAX_FILE_BYTES, decode_source


def decode(
    data: bytes, path: str = "content/blog/p.md", **kwargs: int
) -> tuple[str | None, list[str]]:
    problems = Problems()
    text = decode_source(data, path, problems, **kwargs)
    return text, [str(p) for p in problems]


def test_plain_utf8_passes_through() -> None:
    assert decode("title: café ☕ 𝄞\n".encode()) == ("title: café ☕ 𝄞\n", [])


def test_a1_empty_bytes_decode_to_empty_text() -> None:
    assert decode(b"") == ("", [])


def test_a7_utf8_bom_is_stripped() -> None:
    assert decode(b"\xef\xbb\xbf+++\ntitle = 'x'\n+++\n") == ("+++\ntitle = 'x'\n+++\n", [])


@pytest.mark.parametrize(
    "data",
    [
        b"---\r\ntitle: x\r\n---\r\nbody\r\n",
        b"---\rtitle: x\r---\rbody\r",
        b"---\ntitle: x\r---\r\nbody\n",
    ],
)
def test_a8_crlf_and_cr_become_lf(data: bytes) -> None:
    assert decode(data) == ("---\ntitle: x\n---\nbody\n", [])


def test_a9_latin1_byte_position_from_byte_offset() -> None:
    text, messages = decode(b"# latin1 caf\xe9\n", "data/events/x.yml")
    assert text is None
    assert messages == [
        "data/events/x.yml:1:13: error: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]


def test_a9_column_counts_characters_and_lines_count_crlf_once() -> None:
    _, messages = decode("---\r\ntitle: é€\r\nx: caf".encode() + b"\xe9 \r\n")
    assert messages == [
        "content/blog/p.md:3:7: error: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]


def test_a9_column_ignores_utf8_bom() -> None:
    _, messages = decode(b"\xef\xbb\xbfab\xff")
    assert messages == [
        "content/blog/p.md:1:3: error: not valid UTF-8 (byte 0xff); save the file as UTF-8"
    ]


def test_a9_encoded_surrogate_is_not_utf8() -> None:
    _, messages = decode(b"title: \xed\xa0\x80\n")
    assert messages == [
        "content/blog/p.md:1:8: error: not valid UTF-8 (byte 0xed); save the file as UTF-8"
    ]


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_a10_utf16(bom: bytes) -> None:
    data = bom + "---\ntitle: x\n---\n".encode("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be")
    assert decode(data) == (None, ["content/blog/p.md:1: error: file is UTF-16; save as UTF-8"])


def test_a11_nul_bytes() -> None:
    _, messages = decode(b"---\ntitle: a\x00b\n---\n", "data/events/x.yml")
    assert messages == ["data/events/x.yml:2:9: error: contains NUL bytes (binary file?)"]


def test_a11_binary_file() -> None:
    _, messages = decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert messages == ["content/blog/p.md:3:1: error: contains NUL bytes (binary file?)"]


def test_i4_file_larger_than_limit() -> None:
    data = b"x" * (MAX_FILE_BYTES + 1)
    assert decode(data, "data/events/big.yml") == (
        None,
        ["data/events/big.yml:1: error: file larger than 5 MB"],
    )


def test_i4_limit_is_inclusive_and_message_follows_it() -> None:
    assert decode(b"x" * 10, max_bytes=10) == ("x" * 10, [])
    assert decode(b"x" * 11, max_bytes=10)[1] == [
        "content/blog/p.md:1: error: file larger than 10 bytes"
    ]
    two_mb = 2 * 1024 * 1024
    assert decode(b"x" * (two_mb + 1), max_bytes=two_mb)[1] == [
        "content/blog/p.md:1: error: file larger than 2 MB"
    ]
