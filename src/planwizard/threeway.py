"""The three-way merge of plan data, on plain dicts as tomllib reads them.

The rules are described in :mod:`planwizard.merge` and docs/merge.md. This module loads
neither the plan model nor pydantic: git's merge driver (planwizard.driver) runs it once
per plan on every pull, and its start is what a facilitator waits for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final


class _Absent:
    """The value of a side that has none (the field or item is not there)."""

    _instance: _Absent | None = None

    def __new__(cls) -> _Absent:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Final = _Absent()

#: The sides of a conflict, in the order they are shown.
SIDES: tuple[str, ...] = ("base", "ours", "theirs")

# Arrays of tables matched by a field of their items, by their place in the plan
# (field names only, item keys left out).
_KEYED: dict[tuple[str, ...], str] = {
    ("stakeholders",): "id",
    ("actions",): "id",
    ("indicators",): "id",
    ("reviews",): "id",
    ("reviews", "updates"): "action",
    ("reviews", "measurements"): "indicator",
    # Issue 18. Dialogue entries carry no id: with "id" missing, _base_key falls back to
    # the whole entry, so the log merges as a set of whole entries (docs/merge.md).
    ("recommendations",): "id",
    ("reviews", "recommendations"): "recommendation",
    ("team_roles",): "person",
    ("dialogue",): "id",
}
# Lists of plain values that merge as ordered sets.
_ORDERED_SETS: frozenset[tuple[str, ...]] = frozenset(
    {
        ("workshop", "facilitators"),
        ("workshop", "participants"),
        ("problem", "concerns"),
        ("vision", "outcomes"),
        ("documentation", "audience"),
        ("team_roles", "stakeholders"),
        ("recommendations", "addressed_to"),
        ("actions", "recommendations"),
        ("reviews", "recommendations", "why"),
    }
)
# Arrays whose items are put in date order when both sides changed them.
_DATE_ORDERED: frozenset[tuple[str, ...]] = frozenset({("reviews",), ("dialogue",)})
# Items that a review can name: never deleted while a merged review still names them.
# Recommendations and stakeholders are also kept while a side newly links to them.
_REFERABLE: frozenset[tuple[str, ...]] = frozenset(
    {("actions",), ("indicators",), ("recommendations",), ("stakeholders",)}
)


# ----------------------------------------------------------------------- comparing


def _freeze(value: Any) -> Any:
    """A hashable form of a TOML value in which 1, 1.0 and true all differ.

    Python's `==` says ``1 == 1.0 == True``; in a plan file they are different values,
    and a merge that confused them would silently drop an edit.
    """
    if isinstance(value, dict):
        return ("table", tuple(sorted((str(k), _freeze(v)) for k, v in value.items())))
    if isinstance(value, list):
        return ("array", tuple(_freeze(v) for v in value))
    if isinstance(value, float):
        return ("float", repr(value))  # nan equals itself here
    return (type(value).__name__, value)


def _same(a: Any, b: Any) -> bool:
    if a is ABSENT or b is ABSENT:
        return a is b
    return bool(_freeze(a) == _freeze(b))


# ----------------------------------------------------------------------- paths


_BARE_SEGMENT = re.compile(r"[A-Za-z0-9_-]+")
_SEGMENT = re.compile(r'"(?:[^"\\]|\\.)*"|[^.]+')


def render_path(segments: Sequence[str]) -> str:
    """A readable path such as ``actions.a-3c9e.due``; odd segments are quoted."""
    if all(_BARE_SEGMENT.fullmatch(s) for s in segments):
        return ".".join(segments)
    import json  # only for odd keys: the driver's start does not pay for it

    return ".".join(
        s if _BARE_SEGMENT.fullmatch(s) else json.dumps(s, ensure_ascii=False) for s in segments
    )


def _bad_path(path: str) -> ValueError:
    from planwizard.i18n import _  # only to say so: the driver's start does not pay for it

    return ValueError(_("{path!r} is not a valid conflict path").format(path=path))


def parse_path(path: str) -> list[str]:
    """The segments of a path written by :func:`render_path`."""
    segments: list[str] = []
    position = 0
    while position < len(path):
        match = _SEGMENT.match(path, position)
        if match is None:
            raise _bad_path(path)
        token = match.group()
        if token.startswith('"'):
            import json

            segments.append(json.loads(token))
        else:
            segments.append(token)
        position = match.end()
        if position < len(path):
            if path[position] != ".":
                raise _bad_path(path)
            position += 1
    return segments


# ----------------------------------------------------------------------- item keys


def _date_text(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _base_key(item: dict[str, Any], shape: tuple[str, ...], key_field: str) -> str:
    key = item.get(key_field)
    if isinstance(key, str) and key:
        return key
    if shape == ("reviews",):
        # Reviews written by hand carry no id: the date and the facilitator name them.
        return f"{_date_text(item.get('date', ''))} {item.get('facilitator', '')}".strip()
    for field in ("title", "name"):
        label = item.get(field)
        if isinstance(label, str) and label:
            return label
    return repr(_freeze(item))


def _keyed(items: list[Any], shape: tuple[str, ...]) -> dict[str, Any]:
    """key -> item, in order; a key seen again gets ``#2``, ``#3``… so none is lost."""
    key_field = _KEYED.get(shape, "id")
    seen: Counter[str] = Counter()
    out: dict[str, Any] = {}
    for item in items:
        key = _base_key(item, shape, key_field)
        seen[key] += 1
        if seen[key] > 1:
            key = f"{key}#{seen[key]}"
        out[key] = item
    return out


def _moved(base: Sequence[Any], side: Sequence[Any], other: Sequence[Any]) -> bool:
    """Whether `side` changed the order of the items it shares with base and `other`."""
    shared = set(base) & set(side) & set(other)
    return [k for k in base if k in shared] != [k for k in side if k in shared]


def _order(
    base: Sequence[Any], ours: Sequence[Any], theirs: Sequence[Any], kept: set[Any]
) -> list[Any]:
    """The merged order of `kept` keys: ours' order, unless only theirs moved items.

    A side that did not touch the order never wins over one that did; when both moved
    items, ours' order is kept. Either way, every kept key is placed (see `_place`).
    """
    if _moved(base, theirs, ours) and not _moved(base, ours, theirs):
        return _place(theirs, ours, kept)
    return _place(ours, theirs, kept)


def _place(ours: Sequence[Any], theirs: Sequence[Any], kept: set[Any]) -> list[Any]:
    """Keys in ours' order, theirs' others placed after what preceded them in theirs
    (at the end when nothing of ours followed them in theirs).

    When both sides added items at the same place, ours' come first.
    """
    result = [k for k in ours if k in kept]
    placed = set(result)
    in_theirs = set(theirs)
    previous_own: Any = None
    for index, key in enumerate(theirs):
        if key not in kept or key in placed:
            continue
        if not any(later in placed for later in theirs[index + 1 :]):
            # Added at the end of theirs: at the end, whatever moved before it.
            result.append(key)
            placed.add(key)
            previous_own = key
            continue
        position = 0
        for previous in reversed(theirs[:index]):
            if previous in placed:
                position = result.index(previous) + 1
                break
        while position < len(result) and result[position] not in in_theirs:
            position += 1  # past ours' own additions at this place
        if previous_own is not None:
            # Theirs' own items keep their order among themselves.
            position = max(position, result.index(previous_own) + 1)
        result.insert(position, key)
        placed.add(key)
        previous_own = key
    return result


# ----------------------------------------------------------------------- the merge


def _is_keyed_array(shape: tuple[str, ...], values: Sequence[Any]) -> bool:
    if not all(isinstance(v, list) for v in values):
        return False
    if shape in _KEYED:
        return all(isinstance(item, dict) for v in values for item in v)
    items = [item for v in values for item in v]
    return bool(items) and all(
        isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"] for item in items
    )


class _Merger:
    def __init__(self, decided: dict[str, set[tuple[str, ...]]] | None = None) -> None:
        self.conflicts: list[dict[str, Any]] = []
        #: Ids that the merged reviews name; such items are not deleted silently.
        self.referenced: set[str] = set()
        #: Per side, the paths of conflicts recorded in base that this side removed:
        #: each is a decision, a change at that path even when the value is base's.
        self.decided = decided or {}

    def touched(self, side: str, path: tuple[str, ...], value: Any, base: Any) -> bool:
        """Whether `side` changed `path`: a new value, or a conflict settled at or below it."""
        if not _same(value, base):
            return True
        return any(
            d[: len(path)] == path or path[: len(d)] == d for d in self.decided.get(side, ())
        )

    def conflict(self, path: Sequence[str], base: Any, ours: Any, theirs: Any) -> None:
        record: dict[str, Any] = {"path": render_path(path)}
        if base is not ABSENT:
            record["base"] = base
        for side, value in (("ours", ours), ("theirs", theirs)):
            if value is ABSENT:
                record[f"{side}_deleted"] = True
            else:
                record[side] = value
        self.conflicts.append(record)

    def value(
        self, base: Any, ours: Any, theirs: Any, path: tuple[str, ...], shape: tuple[str, ...]
    ) -> Any:
        if _same(ours, theirs):
            return ours
        present = [v for v in (base, ours, theirs) if v is not ABSENT]
        ours_touched = self.touched("ours", path, ours, base)
        theirs_touched = self.touched("theirs", path, theirs, base)
        if not ours_touched and not self._drops_named(theirs, present, shape):
            return theirs
        if not theirs_touched and not self._drops_named(ours, present, shape):
            return ours
        if all(isinstance(v, dict) for v in present):
            return self.table(base, ours, theirs, path, shape)
        if _is_keyed_array(shape, present):
            return self.array(base, ours, theirs, path, shape)
        if shape in _ORDERED_SETS and all(isinstance(v, list) for v in present):
            return _ordered_set(base, ours, theirs)
        if all(isinstance(v, str) for v in (base, ours, theirs)):
            merged = merge_lines(base, ours, theirs)
            if merged is not None:
                return merged
        self.conflict(path, base, ours, theirs)
        return ours

    def table(
        self,
        base: Any,
        ours: Any,
        theirs: Any,
        path: tuple[str, ...],
        shape: tuple[str, ...],
        done: dict[str, tuple[Any, list[dict[str, Any]]]] | None = None,
    ) -> Any:
        # A table missing on one side is an empty one: a canonical save leaves out a
        # table whose fields are all empty, which is not a deletion of its fields' edits.
        b, o, t = (v if isinstance(v, dict) else {} for v in (base, ours, theirs))
        merged: dict[str, Any] = {}
        for key in _place(list(o), list(t), set(b) | set(o) | set(t)):
            if done is not None and key in done:
                # Merged beforehand; its conflicts join the others in the plan's order.
                value, conflicts = done[key]
                self.conflicts.extend(conflicts)
            else:
                value = self.value(
                    b.get(key, ABSENT),
                    o.get(key, ABSENT),
                    t.get(key, ABSENT),
                    (*path, key),
                    (*shape, key),
                )
            if value is not ABSENT:
                merged[key] = value
        if not merged and not (ours == {} or theirs == {}):
            return ABSENT
        return merged

    def array(
        self, base: Any, ours: Any, theirs: Any, path: tuple[str, ...], shape: tuple[str, ...]
    ) -> Any:
        b, o, t = (_keyed(v if isinstance(v, list) else [], shape) for v in (base, ours, theirs))
        merged: dict[str, Any] = {}
        for key in {**b, **o, **t}:
            item_path = (*path, key)
            b_item, o_item, t_item = (side.get(key, ABSENT) for side in (b, o, t))
            if o_item is not ABSENT and t_item is not ABSENT:
                item = self.value(b_item, o_item, t_item, item_path, shape)
                if item is not ABSENT:
                    merged[key] = item
            elif o_item is ABSENT and t_item is ABSENT:
                continue  # deleted on both sides, or never there
            elif b_item is ABSENT:
                merged[key] = o_item if t_item is ABSENT else t_item  # added on one side
            else:
                kept = o_item if t_item is ABSENT else t_item
                keeper = "ours" if t_item is ABSENT else "theirs"
                if self.touched(keeper, item_path, kept, b_item) or self._still_named(kept, shape):
                    # Edited (or still named by a review) on one side, deleted on the
                    # other: the item stays until someone decides, never lost.
                    self.conflict(item_path, b_item, o_item, t_item)
                    merged[key] = kept
        order = _order(list(b), list(o), list(t), set(merged))
        items = [merged[k] for k in order]
        if shape in _DATE_ORDERED:
            items.sort(key=lambda item: _date_text(item.get("date", "")))
        if not items and not (ours == [] or theirs == []):
            return ABSENT
        return items

    def _drops_named(self, chosen: Any, present: list[Any], shape: tuple[str, ...]) -> bool:
        """Whether taking `chosen` whole would delete an item that a merged review names."""
        if shape not in _REFERABLE or not self.referenced:
            return False

        def ids(value: Any) -> set[str]:
            items = value if isinstance(value, list) else []
            return {str(item.get("id")) for item in items if isinstance(item, dict)}

        everywhere = set().union(*(ids(v) for v in present))
        return bool((everywhere - ids(chosen)) & self.referenced)

    def _still_named(self, item: dict[str, Any], shape: tuple[str, ...]) -> bool:
        return shape in _REFERABLE and item.get("id") in self.referenced


def _changes(base: list[str], side: list[str]) -> list[tuple[int, int, list[str]]]:
    """What `side` did to `base`'s lines: (first, end, new lines) for each changed run.

    The common first and last lines are set aside before difflib compares the rest, so
    that repeated lines (blank lines between paragraphs) do not pull an edit out of place.
    """
    head = 0
    while head < min(len(base), len(side)) and base[head] == side[head]:
        head += 1
    tail = 0
    while tail < min(len(base), len(side)) - head and base[-1 - tail] == side[-1 - tail]:
        tail += 1
    middle_base, middle_side = base[head : len(base) - tail], side[head : len(side) - tail]
    import difflib  # only for texts of several lines

    matcher = difflib.SequenceMatcher(None, middle_base, middle_side, autojunk=False)
    return [
        (head + i1, head + i2, middle_side[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def merge_lines(base: str, ours: str, theirs: str) -> str | None:
    """Both sides' edits of one text merged line by line, or None where they meet.

    A multi-line text (a problem statement, notes) changed on different lines by each
    side keeps both changes, as git's line merge would; changes to the same or to
    adjacent lines are left to a person (None). Single-line texts are not merged.
    """
    if "\n" not in base + ours + theirs:
        return None
    ends = {text.endswith("\n") for text in (ours, theirs)}
    b, o, t = (
        (text if text.endswith("\n") else text + "\n").splitlines(keepends=True)
        for text in (base, ours, theirs)
    )
    ours_changes, theirs_changes = _changes(b, o), _changes(b, t)
    for o_first, o_end, o_lines in ours_changes:
        for t_first, t_end, t_lines in theirs_changes:
            if (o_first, o_end, o_lines) == (t_first, t_end, t_lines):
                continue  # the same change on both sides
            if max(o_first, t_first) <= min(o_end, t_end):
                return None  # the same lines, or touching ones
    changes = sorted(set((f, e, tuple(lines)) for f, e, lines in ours_changes + theirs_changes))
    out: list[str] = []
    position = 0
    for first, end, lines in changes:
        out.extend(b[position:first])
        out.extend(lines)
        position = end
    out.extend(b[position:])
    text = "".join(out)
    # When one side alone added or removed the final newline: that side's choice.
    final_newline = ends.pop() if len(ends) == 1 else not base.endswith("\n")
    return text if final_newline else text.removesuffix("\n")


def _ordered_set(base: Any, ours: Any, theirs: Any) -> list[Any]:
    b, o, t = (v if isinstance(v, list) else [] for v in (base, ours, theirs))
    frozen = {_freeze(v): v for v in [*b, *o, *t]}
    b_keys, o_keys, t_keys = ({_freeze(v) for v in side} for side in (b, o, t))
    kept = (o_keys & t_keys) | (o_keys - b_keys) | (t_keys - b_keys)
    b_order, o_order, t_order = (list(dict.fromkeys(_freeze(v) for v in s)) for s in (b, o, t))
    order = _order(b_order, o_order, t_order, kept)
    return [frozen[k] for k in order]


def _named_ids(reviews: Any) -> set[str]:
    names: set[str] = set()
    if not isinstance(reviews, list):
        return names
    for review in reviews:
        if not isinstance(review, dict):
            continue
        for field, key in (
            ("updates", "action"),
            ("measurements", "indicator"),
            ("recommendations", "recommendation"),
        ):
            entries = review.get(field)
            if isinstance(entries, list):
                names.update(
                    e[key] for e in entries if isinstance(e, dict) and isinstance(e.get(key), str)
                )
    return names


# Lists of ids that link to recommendations or stakeholders (issue 18), by table.
_LINKS: tuple[tuple[str, str], ...] = (
    ("actions", "recommendations"),
    ("dialogue", "recommendations"),
    ("dialogue", "with"),
    ("recommendations", "addressed_to"),
    ("team_roles", "stakeholders"),
)


def _new_links(base: dict[str, Any], *sides: dict[str, Any]) -> set[str]:
    """Ids that a side's item links to and the base's same item did not: deleting such
    an item on the other side would leave the merged link pointing nowhere. (An edited
    dialogue entry is a new entry, so all its links are new.)"""

    def links(data: dict[str, Any]) -> set[tuple[str, str, str]]:
        found: set[tuple[str, str, str]] = set()
        for table, field in _LINKS:
            items = data.get(table)
            keyed = _keyed(items, (table,)) if isinstance(items, list) else {}
            for key, item in keyed.items():
                ids = item.get(field) if isinstance(item, dict) else None
                if isinstance(ids, list):
                    found.update((table, key, i) for i in ids if isinstance(i, str))
        return found

    before = links(base)
    return {link[2] for side in sides for link in links(side) - before}


def _conflict_paths(conflicts: Any) -> set[tuple[str, ...]]:
    paths: set[tuple[str, ...]] = set()
    for conflict in conflicts if isinstance(conflicts, list) else []:
        path = conflict.get("path") if isinstance(conflict, dict) else None
        if isinstance(path, str):
            try:
                paths.add(tuple(parse_path(path)))
            except ValueError:
                continue
    return paths


def _decisions(base: Any, ours: Any, theirs: Any) -> dict[str, set[tuple[str, ...]]]:
    """The paths of base's conflicts that each side settled (removed from its list).

    Removing a `[[conflicts]]` entry is a decision at its path, even when the value
    chosen is the one the plan already held: two sides that settled one conflict
    differently must conflict again, as a line merge would, rather than one side's
    choice winning silently because it looks unchanged.
    """
    recorded = _conflict_paths(base)
    return {
        "ours": recorded - _conflict_paths(ours),
        "theirs": recorded - _conflict_paths(theirs),
    }


def merge_data(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Merge three plans' data; return the merged data and the new conflicts.

    Conflicts already recorded in ours or theirs merge like a list of words (one a side
    resolved is gone, one a side added is kept); the new ones are added after them.
    """
    b, o, t = (dict(side) for side in (base, ours, theirs))
    earlier = [side.pop("conflicts", []) for side in (b, o, t)]
    merger = _Merger(_decisions(*earlier))
    # The reviews first: an item that a merged review names must stay in the plan.
    reviews = merger.value(
        b.get("reviews", ABSENT),
        o.get("reviews", ABSENT),
        t.get("reviews", ABSENT),
        ("reviews",),
        ("reviews",),
    )
    merger.referenced = _named_ids(reviews) | _new_links(b, o, t)
    review_conflicts, merger.conflicts = merger.conflicts, []
    merged = merger.table(b, o, t, (), (), done={"reviews": (reviews, review_conflicts)})
    if merged is ABSENT:
        merged = {}
    conflicts = _ordered_set(*earlier)
    known = {_freeze(c) for c in conflicts}
    new = [c for c in merger.conflicts if _freeze(c) not in known]
    conflicts.extend(new)
    if conflicts:
        merged["conflicts"] = conflicts
    return merged, new
