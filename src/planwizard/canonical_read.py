"""Reading a plan file that is in canonical form, without TOML's general parser.

`planwizard fmt --check` and `status` read every plan of a folder, and nearly every
file is in canonical form (planwizard writes nothing else). Python's TOML parser reads
a character at a time, and was most of their time. Canonical text is a small part of
TOML, written one way only (see plantext.dumps_data): `[table]` and `[[table]]` headers
with bare keys, `key = value` lines of strings, numbers, booleans, dates and lists of
them. `read_canonical` reads that part line by line, and keeps what it read only when
writing it canonically gives back the very text read: the text is then the canonical
text of that data, which reads back (with tomllib) as that data. Anything else (another
layout, a value it does not read, a text that is not exactly canonical) gives None, and
the file is read as before. `load_checked` is storage.load_plan_and_text, the same
plan and the same errors, and tells whether the text is the plan's canonical text.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from planwizard.model import Plan
from planwizard.planshape import MAX_DEPTH
from planwizard.plantext import conflict_marker_line, dumps_data
from planwizard.storage import (
    dumps_plan,
    load_plan_and_text,
    parse_plan_bytes,
    plan_from_data,
    plan_to_data,
    read_plan_file,
)

_KEY = r"[A-Za-z0-9_-]+"
_HEADER = re.compile(rf"(\[\[?)({_KEY}(?:\.{_KEY})*)(\]\]?)")
_LINE = re.compile(rf"({_KEY}) = (.+)")
_PLAIN_STRING = re.compile(r'"([^\x00-\x1f\x7f"\\]*)"')
_STRING = re.compile(r'"((?:[^\x00-\x08\x0a-\x1f\x7f"\\]|\\[bfnrt"\\]|\\u[0-9a-f]{4})*)"')
_ESCAPE = re.compile(r"\\(?:([bfnrt\"\\])|u([0-9a-f]{4}))")
_ESCAPED = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,18})")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:e[+-][0-9]{1,3})?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ITEM = re.compile(r"    (.+),")


class _NotCanonical(Exception):
    """The text is not one `read_canonical` reads: the caller reads it as any TOML."""


def read_canonical(text: str) -> dict[str, Any] | None:
    """The data whose canonical text (plantext.dumps_data) is exactly `text`, or None
    when `text` is not that, or not in the part of TOML read here."""
    try:
        data = _read(text)
    except (_NotCanonical, ValueError):  # ValueError: a date that is no day
        return None
    return data if dumps_data(data) == text else None


def _read(text: str) -> dict[str, Any]:
    lines = text.split("\n")
    if lines[-1]:
        raise _NotCanonical  # canonical text ends with a line feed
    data: dict[str, Any] = {}
    table = data
    end = len(lines) - 1
    at = 0
    while at < end:
        line = lines[at]
        at += 1
        if not line:
            continue  # between tables
        if line[0] == "[":
            found = _HEADER.fullmatch(line)
            if found is None or (found[1] == "[[") != (found[3] == "]]"):
                raise _NotCanonical
            parts = found[2].split(".")
            if len(parts) > MAX_DEPTH:
                raise _NotCanonical  # the model's reading says what is wrong with it
            table = _open(data, parts, found[1] == "[[")
            continue
        found = _LINE.fullmatch(line)
        if found is None or found[1] in table:
            raise _NotCanonical
        table[found[1]], at = _value(found[2], lines, at, end)
    return data


def _open(data: dict[str, Any], parts: list[str], array: bool) -> dict[str, Any]:
    """The table a header opens: the last item of each array of tables on the way."""
    node = data
    for part in parts[:-1]:
        child = node.get(part)
        if child is None:
            child = node[part] = {}
        elif type(child) is list:
            if not child or type(child[-1]) is not dict:
                raise _NotCanonical
            child = child[-1]
        elif type(child) is not dict:
            raise _NotCanonical
        node = child
    last = parts[-1]
    opened: dict[str, Any] = {}
    if array:
        items = node.setdefault(last, [])
        if type(items) is not list:
            raise _NotCanonical
        items.append(opened)
    elif last in node:
        raise _NotCanonical  # a table opened again: tomllib says what it thinks of that
    else:
        node[last] = opened
    return opened


def _value(text: str, lines: list[str], at: int, end: int) -> tuple[Any, int]:
    """The value written as `text` (the rest of a `key = ` line, a multi-line string or
    list going on in the lines from `at`), and the line after it."""
    if text == '"""':
        content: list[str] = []
        while at < end:
            line = lines[at]
            at += 1
            if line.endswith('"""'):
                content.append(line[:-3])
                return _unescape("\n".join(content)), at
            content.append(line)
        raise _NotCanonical
    if text == "[":
        items: list[Any] = []
        while at < end:
            line = lines[at]
            at += 1
            if line == "]":
                return items, at
            found = _ITEM.fullmatch(line)
            if found is None or found[1] == '"""' or found[1] == "[":
                raise _NotCanonical  # a multi-line value in a list: not read here
            items.append(_value(found[1], lines, at, end)[0])
        raise _NotCanonical
    return _scalar(text), at


def _scalar(text: str) -> Any:
    first = text[0]
    if first == '"':
        found = _PLAIN_STRING.fullmatch(text)
        if found is not None:
            return found[1]
        found = _STRING.fullmatch(text)
        if found is None:
            raise _NotCanonical
        return _unescape(found[1])
    if text == "[]":
        return []
    if text == "true":
        return True
    if text == "false":
        return False
    if _DATE.fullmatch(text):
        return dt.date.fromisoformat(text)
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    raise _NotCanonical


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    if _ESCAPE.sub("", text).count("\\"):
        raise _NotCanonical  # a backslash that is no escape read here
    return _ESCAPE.sub(
        lambda found: _ESCAPED[found[1]] if found[1] else chr(int(found[2], 16)), text
    )


def _same(one: Any, other: Any) -> bool:
    """Whether two values are written alike by dumps_data: the same keys in the same
    order (== on dicts ignores it), the same types (1 is not 1.0 nor True), the same
    values as written (-0.0 is 0.0 for ==, not in text)."""
    kind = type(one)
    if kind is not type(other):
        return False
    if kind is dict:
        return list(one) == list(other) and all(_same(v, other[k]) for k, v in one.items())
    if kind is list:
        return len(one) == len(other) and all(map(_same, one, other))
    if kind is str or kind is int or kind is bool or kind is dt.date:
        return bool(one == other)
    return repr(one) == repr(other)


def load_checked(path: Path | str) -> tuple[Plan, str, bool]:
    """storage.load_plan_and_text(path) (the same plan, the same PlanError), and
    whether the text read is the plan's canonical text (what `fmt` would write)."""
    path = Path(path)
    try:
        raw, _info = read_plan_file(path)
    except FileNotFoundError:
        plan, text = load_plan_and_text(path)  # says so as it always did
        return plan, text, dumps_plan(plan) == text
    text = ""
    if b"\x00" not in raw and not raw.startswith(b"\xef\xbb\xbf"):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = ""
    if text.strip() and conflict_marker_line(text) is None:
        data = read_canonical(text)
        if data is not None:
            # What tomllib reads in the text (see the module's docstring): the rest as
            # storage.parse_plan_text does it.
            plan = plan_from_data(data, text, path)
            if _same(plan_to_data(plan), data):
                return plan, text, True  # its canonical text is dumps_data(data): text
            return plan, text, dumps_plan(plan) == text
    plan = parse_plan_bytes(raw, path)  # and its errors
    text = raw.decode("utf-8")  # it decoded, or parse_plan_bytes said why not
    return plan, text, dumps_plan(plan) == text
