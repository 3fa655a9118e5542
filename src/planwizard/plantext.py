"""Plan files as text, without the plan model: the canonical TOML writer, hand-written
comments and git's conflict markers.

Split from planwizard.storage (which re-exports these names) so that git's merge driver
can write a plan, and look for comments and markers, without loading pydantic.
"""

from __future__ import annotations

import datetime as _dt
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
    _emit_plain(data, "", False, chunks)
    return "\n".join(chunks)


def _emit_plain(table: dict[str, Any], header: str, array_item: bool, chunks: list[str]) -> None:
    """`_emit_table` without the read-back (for `dumps_data`), its header made once per
    table from its parent's rather than from every part of its name."""
    literals: dict[str, Any] = {}
    tables: list[tuple[str, Any]] = []
    for key, value in table.items():
        if type(value) is str or not (
            isinstance(value, dict)
            or (isinstance(value, list) and value and all(isinstance(v, dict) for v in value))
        ):
            literals[key] = value
        else:
            tables.append((key, value))
    body = dumps_literals(literals)
    if array_item:
        chunks.append(f"[[{header}]]\n{body}")
    elif header and (literals or not tables):
        chunks.append(f"[{header}]\n{body}")
    elif body:
        chunks.append(body)
    for key, value in tables:
        part = _format_key(key)
        name = f"{header}.{part}" if header else part
        if isinstance(value, dict):
            _emit_plain(value, name, False, chunks)
        else:
            for item in value:
                _emit_plain(item, name, True, chunks)


class ReadBackError(ValueError):
    """Text written for some data that would not read back as that data.

    Its message is the TOML parser's reason, or empty when the text read back as
    something else.
    """


def dumps_data_verified(data: dict[str, Any], parts: dict[str, list[str]] | None = None) -> str:
    """:func:`dumps_data`, with the proof that the text reads back as `data`.

    Each table's lines are read back (tomllib) and compared with the values they were
    written from, and each key of a header is read back too; the document is those
    headers and lines joined, so it reads back as `data`. A table written once is
    remembered (by its values), so saving a big plan again after a small change reads
    back only what changed instead of the whole file. Raises ReadBackError.

    `parts`, when given, gets the text of each item of the top-level arrays of tables
    (each action, review...), by key and in order: the same text is the same item, its
    types included (see planwizard.incremental).
    """
    chunks: list[str] = []
    _emit_table(data, (), False, chunks, _VERIFIED_BODIES, parts)
    return "\n".join(chunks)


# Table lines known to read back as their values: repr of the values -> (lines, values).
_VERIFIED_BODIES: dict[str, tuple[str, dict[str, Any]]] = {}
_VERIFIED_KEYS: dict[str, str] = {}
_VERIFIED_LIMIT = 50_000


def _verified_body(literals: dict[str, Any], cache: dict[str, tuple[str, dict[str, Any]]]) -> str:
    key = repr(literals)
    known = cache.get(key)
    # The values are compared as well as their repr: a repr shared by two different
    # values could never pass off one's text as the other's.
    if known is not None and known[1] == literals:
        return known[0]
    import tomllib  # only when saving

    body = dumps_literals(literals)
    try:
        reread = tomllib.loads(body)
    except tomllib.TOMLDecodeError as exc:
        raise ReadBackError(str(exc)) from None
    if reread != literals:
        raise ReadBackError("")
    if len(cache) >= _VERIFIED_LIMIT:
        cache.clear()
    cache[key] = (body, reread)
    return body


def _verified_key(part: str) -> str:
    known = _VERIFIED_KEYS.get(part)
    if known is not None:
        return known
    import tomllib  # only when saving

    text = _format_key(part)
    try:
        reread = tomllib.loads(f"[{text}]\n")
    except tomllib.TOMLDecodeError as exc:
        raise ReadBackError(str(exc)) from None
    if list(reread) != [part]:
        raise ReadBackError("")
    if len(_VERIFIED_KEYS) >= _VERIFIED_LIMIT:
        _VERIFIED_KEYS.clear()
    _VERIFIED_KEYS[part] = text
    return text


# Table headers made of keys known to read back: name -> header (see _verified_key).
_VERIFIED_HEADERS: dict[tuple[str, ...], str] = {}


def _verified_header(name: tuple[str, ...]) -> str:
    header = ".".join(_verified_key(part) for part in name)
    if len(_VERIFIED_HEADERS) >= _VERIFIED_LIMIT:
        _VERIFIED_HEADERS.clear()
    _VERIFIED_HEADERS[name] = header
    return header


def _emit_table(
    table: dict[str, Any],
    name: tuple[str, ...],
    array_item: bool,
    chunks: list[str],
    verified: dict[str, tuple[str, dict[str, Any]]] | None,
    parts: dict[str, list[str]] | None = None,
) -> None:
    literals: dict[str, Any] = {}
    tables: list[tuple[str, Any]] = []
    for key, value in table.items():
        if type(value) is not str and (  # most values are text: a literal, said at once
            isinstance(value, dict)
            or (isinstance(value, list) and value and all(isinstance(v, dict) for v in value))
        ):
            tables.append((key, value))
        else:
            literals[key] = value
    if verified is None:
        header = ".".join(_format_key(part) for part in name)
        body = dumps_literals(literals)
    else:
        header = _VERIFIED_HEADERS.get(name) or _verified_header(name)
        body = _verified_body(literals, verified)
    if array_item:
        chunks.append(f"[[{header}]]\n{body}")
    elif name and (literals or not tables):
        chunks.append(f"[{header}]\n{body}")
    elif body:
        chunks.append(body)
    for key, value in tables:
        if isinstance(value, dict):
            _emit_table(value, (*name, key), False, chunks, verified)
        elif parts is not None:  # the top level: each item's text kept too
            texts = parts[key] = []
            for item in value:
                start = len(chunks)
                _emit_table(item, (key,), True, chunks, verified)
                end = len(chunks)
                texts.append(chunks[start] if end == start + 1 else "\n".join(chunks[start:]))
        else:
            for item in value:
                _emit_table(item, (*name, key), True, chunks, verified)


# What tomli-w writes as `key = "value"` with nothing escaped: a bare key, a string
# without quotes, backslashes or control characters other than tab.
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_PLAIN_STRING = re.compile(r'[^\x00-\x08\x0a-\x1f\x7f"\\]*')
# Keys seen to be bare (a plan has a few dozen), so that each is matched once.
_BARE_KEYS: set[str] = set()


def _bare_key(key: object) -> bool:
    if type(key) is not str or not _BARE_KEY.fullmatch(key):
        return False
    if len(_BARE_KEYS) < _VERIFIED_LIMIT:
        _BARE_KEYS.add(key)
    return True


def dumps_literals(literals: dict[str, Any]) -> str:
    """tomli-w's text for a table of plain values, the same bytes, written faster.

    Strings (escaped as tomli-w escapes them, multi-line ones as it writes them), lists,
    dates, numbers and booleans are written here directly, value by value; a table with
    anything else (a key to quote, an inline table, a time...) goes through tomli-w whole.
    A property test holds it to tomli-w's output.
    """
    lines: list[str] = []
    multiline: bool | None = None  # tomli-w's multiline_strings for this table, once needed
    for key, value in literals.items():
        if key not in _BARE_KEYS and not _bare_key(key):
            break
        kind = type(value)
        if kind is str:
            if _PLAIN_STRING.fullmatch(value):
                lines.append(f'{key} = "{value}"\n')
                continue
            if multiline is None:
                multiline = not _has_carriage_return(literals)
            lines.append(f"{key} = {_format_string(value, multiline)}\n")
            continue
        if kind is list:
            if multiline is None:
                multiline = not _has_carriage_return(literals)
            text = _format_array(value, multiline, 0)
            if text is None:
                break
            lines.append(f"{key} = {text}\n")
            continue
        text = _format_scalar(value, kind)
        if text is None:
            break
        lines.append(f"{key} = {text}\n")
    else:
        return "".join(lines)
    return tomli_w.dumps(literals, multiline_strings=not _has_carriage_return(literals))


# tomli-w's escapes: its compact ones, \uXXXX for the other control characters; tab is
# kept as it is, and a multi-line string keeps its line feeds.
_ILLEGAL = [*range(0x09), *range(0x0A, 0x20), 0x7F, ord('"'), ord("\\")]
_COMPACT = {0x08: "\\b", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}
_ESCAPES = {code: _COMPACT.get(code, f"\\u{code:04x}") for code in _ILLEGAL}
_ESCAPES_MULTILINE = {code: text for code, text in _ESCAPES.items() if code != 0x0A}


def _format_string(value: str, multiline: bool) -> str:
    if multiline and "\n" in value:
        return '"""\n' + value.replace("\r\n", "\n").translate(_ESCAPES_MULTILINE) + '"""'
    return '"' + value.translate(_ESCAPES) + '"'


def _format_scalar(value: Any, kind: type) -> str | None:
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is float or kind is _dt.date or kind is _dt.datetime:
        return str(value)
    return None  # anything else: tomli-w's


def _format_array(values: list[Any], multiline: bool, depth: int) -> str | None:
    if not values:
        return "[]"
    indent = "    " * (depth + 1)
    items: list[str] = []
    for value in values:
        kind = type(value)
        if kind is str:
            if _PLAIN_STRING.fullmatch(value):
                items.append(f'{indent}"{value}"')
                continue
            items.append(indent + _format_string(value, multiline))
            continue
        text = (
            _format_array(value, multiline, depth + 1)
            if kind is list
            else _format_scalar(value, kind)
        )
        if text is None:
            return None
        items.append(indent + text)
    return "[\n" + ",\n".join(items) + ",\n" + "    " * depth + "]"


def _format_key(part: str) -> str:
    # Reuse tomli-w's own quoting of keys: dump a one-key table and keep the key.
    if part in _BARE_KEYS or _bare_key(part):  # ASCII letters, digits, - and _: a bare key
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
