"""Hand-written comments carried through a merge by meaning.

A canonical write knows nothing of comments, so the merge driver would drop them. Here
each comment of a copy is tied to the line it belongs to by meaning (an "anchor"): a
comment on lines of its own to the table header or key that follows it, a comment at
the end of a line to that line's key; tables and items are named by ids, not by their
place, so an anchor survives items added or moved around it. The comments of the three
copies merge like a list of words (one a side removed goes, one a side added stays)
and are put back at their anchors in the merged text.

Only when every comment finds its anchor in the merged text, and the text reads back
as the same plan, is the result used; otherwise the caller falls back to git's line
merge, so a comment is never dropped or put where it does not belong.
"""

from __future__ import annotations

import re

from planwizard.threeway import _keyed

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Anchor = tuple[str, tuple[str, ...]]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\- ]+?)\s*\]\]?\s*$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')
END: Anchor = ("end", ())


def _split(line: str, state: str | None) -> tuple[str, str, str | None]:
    """(code, comment, state after): `state` is the open multi-line string's quotes."""
    i = 0
    while i < len(line):
        if state:
            end = line.find(state, i)
            if end < 0:
                return line, "", state
            i = end + 3
            state = None
            continue
        char = line[i]
        if char == "#":
            return line[:i], line[i:], None
        if line.startswith(('"""', "'''"), i):
            state = line[i : i + 3]
            i += 3
            continue
        if char in "\"'":
            i += 1
            while i < len(line) and line[i] != char:
                i += 2 if char == '"' and line[i] == "\\" else 1
        i += 1
    return line, "", state


class _Walker:
    """Names each line of a plan's text by meaning, following headers and keys."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.counters: dict[tuple[str, ...], int] = {}
        self.path: tuple[str, ...] = ()

    def _item_key(self, names: list[str]) -> tuple[str, ...] | None:
        """The path by ids of the next item of the array of tables `names`."""
        resolved: list[str] = []
        node: Any = self.data
        shape: tuple[str, ...] = ()
        for depth, name in enumerate(names):
            shape = (*shape, name)
            last = depth == len(names) - 1
            if isinstance(node, dict):
                node = node.get(name)
            resolved.append(name)
            if isinstance(node, list):
                keys = list(_keyed(node, shape))
                if last:
                    index = self.counters.get(tuple(resolved), -1) + 1
                    self.counters[tuple(resolved)] = index
                    for other in list(self.counters):
                        if len(other) > len(resolved) and other[: len(resolved)] == tuple(resolved):
                            del self.counters[other]
                else:
                    index = self.counters.get(tuple(resolved), 0)
                if index >= len(keys):
                    return None
                node = node[index]
                resolved.append(keys[index])
            elif node is None or (last and not isinstance(node, dict)):
                return None
        return tuple(resolved)

    def _table(self, names: list[str]) -> tuple[str, ...] | None:
        """The path by ids of the table `names` (inside the current items)."""
        resolved: list[str] = []
        node: Any = self.data
        for name in names:
            node = node.get(name) if isinstance(node, dict) else None
            resolved.append(name)
            if isinstance(node, list):
                index = self.counters.get(tuple(resolved), 0)
                keys = list(_keyed(node, tuple(n for n in resolved if n in names)))
                if index >= len(keys):
                    return None
                node = node[index]
                resolved.append(keys[index])
        return tuple(resolved)

    def anchor(self, code: str) -> Anchor | str | None:
        """The anchor of a line's code; "skip" for blank code; None when not understood."""
        if not code.strip():
            return "skip"
        header = _HEADER.match(code)
        if header:
            names = [n.strip() for n in header.group(2).split(".")]
            found = self._item_key(names) if header.group(1) == "[[" else self._table(names)
            if found is None:
                return None
            self.path = found
            return ("table", found)
        key = _KEY.match(code)
        if key:
            return ("key", (*self.path, key.group(1)))
        return None


def anchored(text: str, data: dict[str, Any]) -> list[tuple[Anchor, str, str]] | None:
    """Each comment of `text` as (anchor, "line" or "end", comment), in order; None when
    a comment's place cannot be named (inside an array spread over lines, or a line the
    walker does not understand)."""
    walker = _Walker(data)
    found: list[tuple[Anchor, str, str]] = []
    waiting: list[str] = []
    state: str | None = None
    depth = 0
    for line in text.splitlines():
        was_in_string = state is not None
        code, comment, state = _split(line, state)
        if was_in_string or depth:
            depth += _brackets(code)
            if comment:
                return None  # inside a value spread over lines: no reliable place
            continue
        spot = walker.anchor(code)
        if spot is None:
            return None
        if spot == "skip":
            if comment:
                waiting.append(comment.rstrip())
            continue
        assert not isinstance(spot, str)
        for waiting_comment in waiting:
            found.append((spot, "line", waiting_comment))
        waiting = []
        if comment:
            found.append((spot, "end", comment.rstrip()))
        if state is None and "=" in code:
            depth = max(_brackets(code.split("=", 1)[1]), 0)
    found.extend((END, "line", c) for c in waiting)
    return found


def _three_way(
    base: list[tuple[Anchor, str, str]],
    ours: list[tuple[Anchor, str, str]],
    theirs: list[tuple[Anchor, str, str]],
) -> list[tuple[Anchor, str, str]]:
    b, o, t = set(base), set(ours), set(theirs)
    kept = (o & t) | (o - b) | (t - b)
    out = [c for c in ours if c in kept]
    out.extend(c for c in theirs if c in kept and c not in o)
    return list(dict.fromkeys(out))


def place_comments(
    texts: tuple[str, str, str],
    datas: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
    merged_text: str,
    merged_data: dict[str, Any],
) -> str | None:
    """The merged text with base's, ours' and theirs' comments merged and put back at
    their anchors; None when any comment cannot be placed reliably."""
    sides = [anchored(text, data) for text, data in zip(texts, datas, strict=True)]
    if any(side is None for side in sides):
        return None
    base, ours, theirs = (side or [] for side in sides)
    comments = _three_way(base, ours, theirs)
    if not comments:
        return merged_text
    walker = _Walker(merged_data)
    lines_out: list[str] = []
    placed: set[tuple[Anchor, str, str]] = set()
    state: str | None = None
    for line in merged_text.splitlines():
        was_in_string = state is not None
        code, _comment, state = _split(line, state)
        spot = None if was_in_string else walker.anchor(code)
        if spot is None or isinstance(spot, str):
            lines_out.append(line)
            continue
        for comment in comments:
            if comment[0] == spot and comment[1] == "line":
                lines_out.append(comment[2])
                placed.add(comment)
        ends = [c for c in comments if c[0] == spot and c[1] == "end"]
        if ends and state is None and not _opens_array(code):
            line = f"{line}  {' '.join(c[2] for c in ends)}"
            placed.update(ends)
        lines_out.append(line)
    for comment in comments:
        if comment[0] == END:
            lines_out.append(comment[2])
            placed.add(comment)
    if len(placed) != len(comments):
        return None
    return "\n".join(lines_out) + "\n"


def _brackets(code: str) -> int:
    """How many more `[` than `]` outside strings: an array left open on this line."""
    bare = _STRING.sub("", code)
    return bare.count("[") - bare.count("]")


def _opens_array(code: str) -> bool:
    return _brackets(code.split("=", 1)[1] if "=" in code else "") > 0
