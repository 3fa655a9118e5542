"""Plan files as text, without the plan model: the canonical TOML writer, hand-written
comments and git's conflict markers.

Split from planwizard.storage (which re-exports these names) so that git's merge driver
can write a plan, and look for comments and markers, without loading pydantic.
"""

from __future__ import annotations

import os
import re
import stat

import tomli_w

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})( |$)", re.MULTILINE)


def conflict_marker_line(text: str) -> int | None:
    """Line of the first git conflict marker left by a text merge, if any."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return None
    match = _CONFLICT_MARKER.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


#: The largest plan file read, far beyond any real plan (storage.MAX_FILE_BYTES).
MAX_FILE_BYTES = 10 * 1024 * 1024


def read_ordinary(path: str | os.PathLike[str]) -> bytes | None:
    """The bytes of an ordinary file of at most MAX_FILE_BYTES, or None for anything else
    (a pipe, a device such as a link to /dev/zero, a folder, a file too big): opened
    without waiting, never read past the limit. OSError for a missing or unreadable file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks) if size <= MAX_FILE_BYTES else None
    finally:
        os.close(fd)


def comment_lines(text: str) -> list[int]:
    """Lines holding a TOML comment, which a canonical save cannot keep.

    A `#` inside a string is not a comment: planwizard.tomlscan reads strings as TOML
    does (multi-line strings ending in four quotes, escaped quotes...).
    """
    if "#" not in text:
        return []
    from planwizard import tomlscan

    return tomlscan.comment_lines(text)


def dumps_data(data: dict[str, Any]) -> str:
    """TOML text with one `[table]` or `[[table]]` header per item, never inline tables.

    tomli-w writes the values; the tables are laid out here because tomli-w turns a
    short array of tables into one line of inline tables, and the format wants one
    table per item (the same shape whatever the length of a note, so diffs stay small).
    """
    chunks: list[str] = []
    _emit_table(data, (), False, chunks)
    return "\n".join(chunks)


def _emit_table(
    table: dict[str, Any], name: tuple[str, ...], array_item: bool, chunks: list[str]
) -> None:
    literals: dict[str, Any] = {}
    tables: list[tuple[str, Any]] = []
    for key, value in table.items():
        if isinstance(value, dict) or (
            isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        ):
            tables.append((key, value))
        else:
            literals[key] = value
    header = ".".join(_format_key(part) for part in name)
    body = tomli_w.dumps(literals, multiline_strings=not _has_carriage_return(literals))
    if array_item:
        chunks.append(f"[[{header}]]\n{body}")
    elif name and (literals or not tables):
        chunks.append(f"[{header}]\n{body}")
    elif body:
        chunks.append(body)
    for key, value in tables:
        if isinstance(value, dict):
            _emit_table(value, (*name, key), False, chunks)
        else:
            for item in value:
                _emit_table(item, (*name, key), True, chunks)


def _format_key(part: str) -> str:
    # Reuse tomli-w's own quoting of keys: dump a one-key table and keep the key.
    if part and all(c.isascii() and (c.isalnum() or c in "-_") for c in part):
        return part
    return tomli_w.dumps({part: 0}).rsplit(" = ", 1)[0]


def _has_carriage_return(value: Any) -> bool:
    # tomli-w turns CRLF into LF inside multi-line strings; such text is written on
    # one line with escapes instead, so that it comes back exactly as it was.
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_has_carriage_return(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_carriage_return(v) for v in value)
    return False
