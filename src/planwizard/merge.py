"""Three-way merge of plans by meaning, not by lines, and the conflicts it may leave.

Two facilitators edit copies of one plan on their laptops; git hands planwizard the
common ancestor (base) and both edited copies (ours, theirs). The merge works on the
canonical data of each plan (what `storage.plan_to_data` gives), matching items by id,
so that a partner's edit is never lost to a line-based merge. The rules, in short
(docs/merge.md has them in full):

- an item added on either side is kept; an item deleted on one side and unchanged on the
  other is deleted; an item edited on one side and deleted on the other is a conflict,
  and the edited item stays in the plan until someone decides;
- tables merge field by field: different fields changed on each side are both kept, the
  same field changed to different values is a conflict, and the plan holds ours' value;
- lists of words (facilitators, participants, concerns, outcomes, audience) merge as
  ordered sets: additions from both sides are kept, deletions from either side applied;
- order follows ours, with theirs' new items placed after the item that preceded them
  in theirs; reviews, when both sides changed them, are in date order;
- unknown fields follow the same rules: tables field by field, arrays of tables whose
  items all have an `id` by id, anything else as one value.

A conflict is recorded in the plan's `conflicts` array (see `model.Conflict`) with both
values, so the file still loads, `check` names each conflict, and the TUI can offer to
pick a side or type a value (:func:`resolve_conflict`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel

from planwizard.i18n import _
from planwizard.model import Conflict, Plan
from planwizard.storage import (
    Finding,
    LineFinder,
    PlanError,
    comment_lines,
    parse_plan_bytes,
    plan_from_data,
    plan_to_data,
    read_existing_text,
    read_plan_file,
    save_plan,
)
from planwizard.text import one_line


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
}
# Lists of plain values that merge as ordered sets.
_ORDERED_SETS: frozenset[tuple[str, ...]] = frozenset(
    {
        ("workshop", "facilitators"),
        ("workshop", "participants"),
        ("problem", "concerns"),
        ("vision", "outcomes"),
        ("documentation", "audience"),
    }
)
# Arrays whose items are put in date order when both sides changed them.
_DATE_ORDERED: frozenset[tuple[str, ...]] = frozenset({("reviews",)})
# Items that a review can name: never deleted while a merged review still names them.
_REFERABLE: frozenset[tuple[str, ...]] = frozenset({("actions",), ("indicators",)})


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
    return ".".join(
        s if _BARE_SEGMENT.fullmatch(s) else json.dumps(s, ensure_ascii=False) for s in segments
    )


def parse_path(path: str) -> list[str]:
    """The segments of a path written by :func:`render_path`."""
    segments: list[str] = []
    position = 0
    while position < len(path):
        match = _SEGMENT.match(path, position)
        if match is None:
            raise ValueError(_("{path!r} is not a valid conflict path").format(path=path))
        token = match.group()
        segments.append(json.loads(token) if token.startswith('"') else token)
        position = match.end()
        if position < len(path):
            if path[position] != ".":
                raise ValueError(_("{path!r} is not a valid conflict path").format(path=path))
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


def _place(ours: Sequence[Any], theirs: Sequence[Any], kept: set[Any]) -> list[Any]:
    """Keys in ours' order, theirs' others placed after what preceded them in theirs.

    When both sides added items at the same place, ours' come first.
    """
    result = [k for k in ours if k in kept]
    placed = set(result)
    in_theirs = set(theirs)
    for index, key in enumerate(theirs):
        if key not in kept or key in placed:
            continue
        position = 0
        for previous in reversed(theirs[:index]):
            if previous in placed:
                position = result.index(previous) + 1
                break
        while position < len(result) and result[position] not in in_theirs:
            position += 1  # past ours' own additions at this place
        result.insert(position, key)
        placed.add(key)
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
    def __init__(self) -> None:
        self.conflicts: list[dict[str, Any]] = []
        #: Ids that the merged reviews name; such items are not deleted silently.
        self.referenced: set[str] = set()

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
        if _same(ours, base) and not self._drops_named(theirs, present, shape):
            return theirs
        if _same(theirs, base) and not self._drops_named(ours, present, shape):
            return ours
        if all(isinstance(v, dict) for v in present):
            return self.table(base, ours, theirs, path, shape)
        if _is_keyed_array(shape, present):
            return self.array(base, ours, theirs, path, shape)
        if shape in _ORDERED_SETS and all(isinstance(v, list) for v in present):
            return _ordered_set(base, ours, theirs)
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
                if not _same(kept, b_item) or self._still_named(kept, shape):
                    # Edited (or still named by a review) on one side, deleted on the
                    # other: the item stays until someone decides, never lost.
                    self.conflict(item_path, b_item, o_item, t_item)
                    merged[key] = kept
        order = _place(list(o), list(t), set(merged))
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


def _ordered_set(base: Any, ours: Any, theirs: Any) -> list[Any]:
    b, o, t = (v if isinstance(v, list) else [] for v in (base, ours, theirs))
    frozen = {_freeze(v): v for v in [*b, *o, *t]}
    b_keys, o_keys, t_keys = ({_freeze(v) for v in side} for side in (b, o, t))
    kept = (o_keys & t_keys) | (o_keys - b_keys) | (t_keys - b_keys)
    order = _place(
        list(dict.fromkeys(_freeze(v) for v in o)), list(dict.fromkeys(_freeze(v) for v in t)), kept
    )
    return [frozen[k] for k in order]


def _named_ids(reviews: Any) -> set[str]:
    names: set[str] = set()
    if not isinstance(reviews, list):
        return names
    for review in reviews:
        if not isinstance(review, dict):
            continue
        for field, key in (("updates", "action"), ("measurements", "indicator")):
            entries = review.get(field)
            if isinstance(entries, list):
                names.update(
                    e[key] for e in entries if isinstance(e, dict) and isinstance(e.get(key), str)
                )
    return names


def merge_data(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Merge three plans' data; return the merged data and the new conflicts.

    Conflicts already recorded in ours or theirs merge like a list of words (one a side
    resolved is gone, one a side added is kept); the new ones are added after them.
    """
    b, o, t = (dict(side) for side in (base, ours, theirs))
    earlier = [side.pop("conflicts", []) for side in (b, o, t)]
    merger = _Merger()
    # The reviews first: an item that a merged review names must stay in the plan.
    reviews = merger.value(
        b.get("reviews", ABSENT),
        o.get("reviews", ABSENT),
        t.get("reviews", ABSENT),
        ("reviews",),
        ("reviews",),
    )
    merger.referenced = _named_ids(reviews)
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


# ----------------------------------------------------------------------- plans


def plan_data(plan: Plan, *, drop_generated_ids: bool = False) -> dict[str, Any]:
    """The plan's canonical data, as the merge compares it.

    With `drop_generated_ids`, ids that were not in the file (filled in at load time,
    at random) are left out, so that three copies of a hand-written plan without ids
    still match item to item; use it for plans just read from files.
    """
    data = plan_to_data(plan)
    if not drop_generated_ids:
        return data
    if "id" not in plan.model_fields_set:
        data.pop("id", None)
    for name in type(plan).model_fields:
        items = getattr(plan, name)
        if not isinstance(items, list) or name not in data:
            continue
        for item, item_data in zip(items, data[name], strict=True):
            if isinstance(item, BaseModel) and "id" not in item.model_fields_set:
                item_data.pop("id", None)
    return data


@dataclass(frozen=True)
class MergeResult:
    """The merged plan and the conflicts this merge found (the plan lists all of them)."""

    plan: Plan
    new_conflicts: list[Conflict]
    #: Things worth telling the user that are not conflicts (a base that did not load).
    notes: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.new_conflicts


def merge_plans(
    base: Plan | dict[str, Any] | None,
    ours: Plan | dict[str, Any],
    theirs: Plan | dict[str, Any],
    *,
    source: Path | str = "<merge>",
) -> MergeResult:
    """Three-way merge of plans (or of their data); `base` None is an empty plan.

    The TUI merges its unsaved plan (ours) with a file changed on disk (theirs), from
    the plan as last loaded or saved (base). Raises :class:`PlanError` in the rare case
    the merged plan would not load (then nothing should be written).
    """

    def as_data(side: Plan | dict[str, Any] | None) -> dict[str, Any]:
        if side is None:
            return {}
        return plan_to_data(side) if isinstance(side, Plan) else side

    data, new = merge_data(as_data(base), as_data(ours), as_data(theirs))
    plan = plan_from_data(data, "", source)
    return MergeResult(plan, [Conflict.model_validate(c) for c in new])


def read_plan_data(path: Path, *, missing_is_empty: bool = False) -> dict[str, Any]:
    """A plan file's data for merging; raise :class:`PlanError` when it does not load.

    With `missing_is_empty`, a missing or blank file is an empty plan: git passes an
    empty base when both branches added the same file.
    """
    try:
        raw, _info = read_plan_file(path)  # an ordinary file of a sane size only
    except FileNotFoundError:
        if missing_is_empty:
            return {}
        raise PlanError(path, _("no such file")) from None
    if missing_is_empty and not raw.strip():
        return {}
    return plan_data(parse_plan_bytes(raw, path), drop_generated_ids=True)


def merge_files(base: Path, ours: Path, theirs: Path) -> MergeResult:
    """Merge three plan files as git's merge driver does, writing the result into `ours`.

    A missing or empty `base` is an empty plan (git gives one when both branches added
    the file); a base that does not load is treated the same way, with a note, since
    then nothing is deleted and every value is kept. Raises :class:`PlanError`, naming
    the file, when ours or theirs does not load or the result would not: then `ours` is
    left untouched.
    """
    notes: list[str] = []
    try:
        base_data = read_plan_data(base, missing_is_empty=True)
    except PlanError as exc:
        base_data = {}
        notes.append(
            _(
                "the common ancestor does not load ({reason}): merged as if both sides "
                "had added everything, so that nothing is lost"
            ).format(reason=exc.message)
        )
    ours_data = read_plan_data(ours)
    theirs_data = read_plan_data(theirs)
    data, new = merge_data(base_data, ours_data, theirs_data)
    try:
        plan = plan_from_data(data, "", ours)
    except PlanError as exc:
        raise PlanError(
            ours,
            _("the merged plan would not load ({reason}); nothing was written").format(
                reason=exc.message
            ),
            kind="merge",
        ) from None
    if comment_lines(read_existing_text(ours) or ""):
        notes.append(_("hand-written comments in our copy are not kept by a merge"))
    save_plan(plan, ours, drop_comments=True)
    return MergeResult(plan, [Conflict.model_validate(c) for c in new], tuple(notes))


# ----------------------------------------------------------------------- conflicts


def describe_value(conflict: Conflict, side: str, limit: int = 60) -> str:
    """One side's value in a few words, safe for a terminal line."""
    if not conflict.has(side):
        return _("deleted") if conflict.deleted(side) else _("absent")
    return one_line(_short(conflict.value(side)), limit)


def _short(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_short(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_short(v) for v in value) + "]"
    return str(value)


def describe_conflict(conflict: Conflict) -> str:
    """`unresolved merge conflict at actions.a-3c9e.due: ours 2027-02-15, theirs 2027-03-01`"""
    return _("unresolved merge conflict at {path}: ours {ours}, theirs {theirs}").format(
        path=one_line(conflict.path),
        ours=describe_value(conflict, "ours"),
        theirs=describe_value(conflict, "theirs"),
    )


def conflict_findings(plan: Plan, text: str = "") -> list[Finding]:
    """One error per unresolved conflict, at the line of its `[[conflicts]]` table."""
    finder = LineFinder(text)
    return [
        Finding(describe_conflict(conflict), finder.line(("conflicts", index, "path")))
        for index, conflict in enumerate(plan.conflicts)
    ]


@dataclass(frozen=True)
class NewValue:
    """A value typed by a person to resolve a conflict, instead of either side's."""

    value: Any


def _find_conflict(plan: Plan, which: int | str) -> int:
    if isinstance(which, int):
        if not 0 <= which < len(plan.conflicts):
            raise LookupError(_("there is no conflict number {number}").format(number=which + 1))
        return which
    for index, conflict in enumerate(plan.conflicts):
        if conflict.path == which:
            return index
    raise LookupError(_("there is no conflict at {path}").format(path=which))


def resolve_conflict(
    plan: Plan,
    which: int | str,
    choice: str | NewValue,
    *,
    source: Path | str = "<plan>",
) -> Plan:
    """The plan with one conflict settled: `choice` is "ours", "theirs", "base" or a
    :class:`NewValue`; `which` is the conflict's index in `plan.conflicts` or its path.

    Picking a side that deleted the value deletes it. The result is validated like a
    plan read from a file: a typed value that does not fit (a date that is not a date, an
    action that a review still names) raises :class:`PlanError` and changes nothing.
    """
    index = _find_conflict(plan, which)
    conflict = plan.conflicts[index]
    if isinstance(choice, NewValue):
        value: Any = choice.value
    elif choice in SIDES:
        value = conflict.value(choice) if conflict.has(choice) else ABSENT
    else:
        raise ValueError(_("choose ours, theirs, base or a new value"))
    data = plan_to_data(plan)
    _set_at(data, parse_path(conflict.path), value)
    del data["conflicts"][index]
    if not data["conflicts"]:
        del data["conflicts"]
    # Not strict: a typed value is text, read as the date or number the field holds.
    return plan_from_data(data, "", source, strict=not isinstance(choice, NewValue))


def _set_at(data: dict[str, Any], segments: list[str], value: Any) -> None:
    """Put `value` (or remove, for ABSENT) at a conflict path in plan data."""
    node: Any = data
    shape: tuple[str, ...] = ()
    index = 0
    while index < len(segments):
        segment = segments[index]
        last = index == len(segments) - 1
        if isinstance(node, list):
            keys = list(_keyed(node, shape))
            position = keys.index(segment) if segment in keys else None
            if last:
                if position is None:
                    if value is not ABSENT:
                        node.append(value)
                elif value is ABSENT:
                    del node[position]
                else:
                    node[position] = value
                return
            if position is None:
                raise LookupError(_("{item} is no longer in the plan").format(item=segment))
            node = node[position]
        elif isinstance(node, dict):
            shape = (*shape, segment)
            if last:
                if value is ABSENT:
                    node.pop(segment, None)
                else:
                    node[segment] = value
                return
            if segment not in node:
                node[segment] = [] if shape in _KEYED else {}
            node = node[segment]
        else:
            raise LookupError(_("{item} is no longer in the plan").format(item=segment))
        index += 1
