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
- a side that did not move items never undoes the other's move (both moved: ours'
  order), new items are placed after what preceded them; reviews, when both sides
  changed them, are in date order;
- texts of several lines merge line by line; a `[[conflicts]]` entry removed on a side
  is a decision at its path, and two different decisions conflict again;
- unknown fields follow the same rules: tables field by field, arrays of tables whose
  items all have an `id` by id, anything else as one value.

A conflict is recorded in the plan's `conflicts` array (see `model.Conflict`) with both
values, so the file still loads, `check` names each conflict, and the TUI can offer to
pick a side or type a value (:func:`resolve_conflict`).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from planwizard.conflicts import describe_conflict, describe_value, side_name
from planwizard.i18n import _
from planwizard.model import Conflict, Plan
from planwizard.storage import (
    Finding,
    LineFinder,
    PlanError,
    parse_plan_bytes,
    plan_from_data,
    plan_to_data,
    read_plan_file,
)
from planwizard.threeway import (
    _KEYED,
    ABSENT,
    SIDES,
    _keyed,
    merge_data,
    merge_lines,
    parse_path,
    render_path,
)

__all__ = [
    "ABSENT",
    "SIDES",
    "MergeResult",
    "NewValue",
    "conflict_findings",
    "describe_conflict",
    "describe_value",
    "merge_data",
    "merge_lines",
    "merge_plans",
    "parse_path",
    "plan_data",
    "read_plan_data",
    "render_path",
    "resolve_conflict",
    "side_name",
]


# ----------------------------------------------------------------------- plans


def plan_data(plan: Plan, *, drop_generated_ids: bool = False) -> dict[str, Any]:
    """The plan's canonical data, as the merge compares it.

    With `drop_generated_ids`, ids that the model made up (a plan built in code rather
    than read) are left out. A plan read from a file has none such: ids missing from
    the file are derived from the content at load (planwizard.ids), the same in every
    copy, so three copies of a hand-written plan still match item to item.
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


# ----------------------------------------------------------------------- conflicts


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
    # The item holding the value may have been deleted since (a later decision): then
    # nothing is left to set, and the conflict is settled by that deletion.
    with contextlib.suppress(LookupError):
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
