"""Turn the bytes of a content or data file into text the parsers can trust.

Every file goes through :func:`decode_source` before any parser sees it, so
size, binary, UTF-16 and Latin-1 mistakes become one clear message with a
position instead of a ``UnicodeDecodeError`` traceback (BAD-INPUT A7–A11, I4).
The returned text has LF newlines and no BOM; line numbers are unchanged.
"""

from __future__ import annotations

import codecs

from podium.problems import Problems

MAX_FILE_BYTES = 5 * 1024 * 1024
_MIB = 1024 * 1024


def _size_text(max_bytes: int) -> str:
    if max_bytes % _MIB == 0:
        return f"{max_bytes // _MIB} MB"
    return f"{max_bytes} bytes"


def _line_col(valid_prefix: bytes) -> tuple[int, int]:
    """1-based line and character column just after ``valid_prefix`` (valid UTF-8)."""
    text = valid_prefix.decode("utf-8", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    last_newline = text.rfind("\n")
    return text.count("\n") + 1, len(text) - last_newline


def decode_source(
    data: bytes, path: str, problems: Problems, *, max_bytes: int = MAX_FILE_BYTES
) -> str | None:
    """bytes of a content/data file -> text with LF newlines, or None after recording an error."""
    if len(data) > max_bytes:
        problems.error(path, 1, 0, "", f"file larger than {_size_text(max_bytes)}")
        return None
    # UTF-16 text is full of NUL bytes, so it must be recognised before the binary check.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.error(path, 1, 0, "", "file is UTF-16; save as UTF-8")
        return None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    nul = data.find(b"\0")
    if nul >= 0:
        line, col = _line_col(data[:nul])
        problems.error(path, line, col, "", "contains NUL bytes (binary file?)")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data[: exc.start])
        message = f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        problems.error(path, line, col, "", message)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
