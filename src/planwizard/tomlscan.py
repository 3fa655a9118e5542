"""Where things are written in a TOML text: its comments, table headers and keys.

tomllib reads a plan's values but keeps nothing of where they were written. This scan
gives the lines that messages name, tells a hand-written comment from a `#` inside a
string, and finds the start of a string that never ends or of brackets nested too deep.

It follows TOML's own rules for strings (basic, literal, multi-line, escapes), so a
multi-line string that ends in four quotes, or holds an escaped quote before two more,
is read as TOML reads it. Every step is a regular expression that cannot backtrack
(atomic groups and possessive repeats), so the scan takes time in proportion to the
text, whatever the text: a file from a shared folder must never make it hang.

The scan does not validate: tomllib does. On text that is not valid TOML it still
returns its best reading, which is only used to point at a line.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field

#: A whole line `key = "text"` or `key = value` (a date, a number, true), or a header
#: `[[actions]]` or `[vision]`: most lines of a plan, taken in one step of the scan
#: rather than five or six.
_WHOLE_LINE = r"""
          (?P<simple>^[ \t]*+(?P<simplekey>[A-Za-z0-9_-]++)[ \t]*+=[ \t]*+
             (?P<simplevalue>"(?>[^"\\\n]++|\\[^\n])*+"|[A-Za-z0-9_+:-]++)
             [ \t]*+(?:\r?\n|\Z))
        | (?P<header>^[ \t]*+
             (?:\[\[(?P<arraykey>[A-Za-z0-9_-]++)\]\]|\[(?P<tablekey>[A-Za-z0-9_-]++)\](?!\]))
             [ \t]*+(?:\r?\n|\Z))
        |"""


@functools.cache
def _token(whole_lines: bool = True) -> re.Pattern[str]:
    # Compiled on first use: reading a good plan never needs the scan.
    return re.compile(
        (_WHOLE_LINE if whole_lines else "")
        + r"""
          (?P<ws>[ \t]++)
        | (?P<nl>\r?\n)
        | (?P<comment>\#[^\n]*+)
        | (?P<mlbasic>\"\"\"(?>[^"\\]++|\\.|""?+(?!"))*+"{3,5}+)
        | (?P<mlliteral>'''(?>[^']++|''?+(?!'))*+'{3,5}+)
        | (?P<unclosedml>\"\"\"|''')
        | (?P<basic>"(?>[^"\\\n]++|\\[^\n])*+")
        | (?P<literal>'[^'\n]*+')
        | (?P<unclosed>["'][^\n]*+)
        | (?P<bare>[A-Za-z0-9_+:-]++)
        | (?P<punct>[\[\]{},=.])
        | (?P<other>.)
        """,
        re.VERBOSE | re.DOTALL | re.MULTILINE,
    )


_KEY_KINDS = frozenset({"bare", "basic", "literal"})
#: A number with more digits than this is no plan's number (Python refuses to read
#: decimal integers of more than 4,300 digits).
LONG_NUMBER = 4300


@dataclass(frozen=True)
class Header:
    """A `[table]` or `[[array.of.tables]]` header."""

    line: int
    keys: tuple[str, ...]
    array: bool


@dataclass(frozen=True)
class KeyLine:
    """A `key = value` (or `dotted.key = value`) at the start of a statement."""

    line: int
    keys: tuple[str, ...]


@dataclass
class Scan:
    """What the scan found, in the order of the text."""

    comments: list[int] = field(default_factory=list)
    #: Headers and keys in the order they are written.
    statements: list[Header | KeyLine] = field(default_factory=list)
    #: The line of the first string that is never closed, if any.
    unclosed_string: int | None = None
    #: The first line where brackets and braces nest deeper than `depth_limit`.
    too_deep: int | None = None
    #: The first line holding a number longer than LONG_NUMBER characters.
    long_number: int | None = None


def _key_text(kind: str, text: str) -> str:
    if kind == "bare":
        return text
    if kind == "literal" or "\\" not in text:
        return text[1:-1]
    try:  # a basic string key with escapes: let TOML itself read them
        value = tomllib.loads(f"k = {text}")["k"]
    except tomllib.TOMLDecodeError:
        return text[1:-1]
    return value if isinstance(value, str) else text[1:-1]


def scan(text: str, depth_limit: int = 1 << 30, *, whole_lines: bool = True) -> Scan:
    """Scan `text` once, from start to end, in time proportional to its length.

    `whole_lines=False` takes every token one by one (the tests hold the two equal)."""
    found = Scan()
    line = 1
    state = "start"  # start | header | after-header | key | value | junk
    depth = 0  # brackets and braces open in the current value
    keys: list[str] = []
    array = False
    header_line = 0
    last_end = 0
    for match in _token(whole_lines).finditer(text):
        kind = match.lastgroup or "other"
        token = match.group()
        start = line
        if kind == "simple":
            # A whole line `key = "text"` or `key = value`, most of a plan, in one step,
            # with what its tokens one by one would give. It starts a line, so the
            # scan is at a statement's start or inside a value's brackets.
            key, value = match.group("simplekey"), match.group("simplevalue")
            if state == "start":
                found.statements.append(KeyLine(start, (key,)))
                bare = [value]  # the value, after `=`
            else:
                bare = [key, value]  # more of the value the brackets hold
            for word in bare:
                if word[0] != '"' and len(word) > LONG_NUMBER and found.long_number is None:
                    found.long_number = start
            last_end = match.end()
            if token.endswith("\n"):
                line += 1
                if state == "start":
                    depth = 0
            continue
        if kind == "header":
            key = match.group("arraykey") or match.group("tablekey")
            brackets = 2 if match.group("arraykey") else 1
            if state == "start":
                found.statements.append(Header(start, (key,), brackets == 2))
            else:  # more of the value the brackets hold: its brackets and its word
                for _ in range(brackets):
                    depth += 1
                    if depth > depth_limit and found.too_deep is None:
                        found.too_deep = start
                if len(key) > LONG_NUMBER and found.long_number is None:
                    found.long_number = start
                depth = max(depth - brackets, 0)
            last_end = match.end()
            if token.endswith("\n"):
                line += 1
                if state == "start":
                    depth = 0
            continue
        if kind == "nl":
            line += 1
            if not (state == "value" and depth > 0):
                state, depth = "start", 0
            last_end = match.end()
            continue
        if kind in ("mlbasic", "mlliteral"):
            line += token.count("\n")
        adjacent = match.start() == last_end
        last_end = match.end()
        if kind == "ws":
            continue
        if kind == "comment":
            found.comments.append(start)
            continue
        if kind == "unclosedml":
            # Everything after an unclosed multi-line string is inside it.
            if found.unclosed_string is None:
                found.unclosed_string = start
            break
        if kind == "unclosed":
            if found.unclosed_string is None:
                found.unclosed_string = start
            state = "junk"
            continue
        if state == "start":
            if token == "[":
                state, keys, array, header_line = "header", [], False, start
            elif kind in _KEY_KINDS:
                state, keys = "key", [_key_text(kind, token)]
            else:
                state = "junk"
        elif state == "header":
            if token == "[" and not keys and not array and adjacent:
                array = True
            elif kind in _KEY_KINDS:
                keys.append(_key_text(kind, token))
            elif token == "]":
                found.statements.append(Header(header_line, tuple(keys), array))
                state = "after-header"
            elif token != ".":
                state = "junk"
        elif state == "key":
            if kind in _KEY_KINDS:
                keys.append(_key_text(kind, token))
            elif token == "=":
                found.statements.append(KeyLine(start, tuple(keys)))
                state, depth = "value", 0
            elif token != ".":
                state = "junk"
        elif state == "value":
            if token in ("[", "{"):
                depth += 1
                if depth > depth_limit and found.too_deep is None:
                    found.too_deep = start
            elif token in ("]", "}"):
                depth = max(depth - 1, 0)
            elif kind == "bare" and len(token) > LONG_NUMBER and found.long_number is None:
                found.long_number = start
        # "after-header" and "junk" wait for the end of the line.
    return found


def comment_lines(text: str) -> list[int]:
    """Lines holding a TOML comment (a `#` outside any string)."""
    if "#" not in text:
        return []
    return sorted(set(scan(text).comments))
