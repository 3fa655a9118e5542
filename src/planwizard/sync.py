"""Keeping an open plan in step with its file while other people change it.

A facilitator keeps a plan open for a whole workshop; meanwhile `git pull` or a
partner's editor may rewrite the file. The editing session remembers the copy of the
file it last read or wrote (:class:`DiskCopy`: a cheap stamp and the bytes) so that it
can tell, with one `stat` most of the time, whether someone else changed it; and the
plan as that copy holds it (the merge's common ancestor), so that its own unsaved
changes and the other person's are merged by meaning (planwizard.merge) instead of one
overwriting the other.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from planwizard.merge import MergeResult, merge_plans, plan_data
from planwizard.model import Conflict, Plan
from planwizard.storage import PlanError, parse_plan_bytes, plan_to_data, read_plan_file

#: A file's identity and size: any rewrite, in place or by rename, changes it.
Stamp = tuple[int, int, int]


@dataclass(frozen=True)
class DiskCopy:
    """The plan file as this session last read or wrote it; `content` None: no file."""

    stamp: Stamp | None
    content: bytes | None

    @property
    def missing(self) -> bool:
        return self.content is None

    @property
    def text(self) -> str:
        return (self.content or b"").decode("utf-8", "replace")


def _stamp(info: os.stat_result) -> Stamp:
    # The inode too: git and most editors replace a file rather than rewrite it, and a
    # replacement within one tick of a coarse clock still gets a new inode.
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def stamp_of(path: Path) -> Stamp | None:
    try:
        return _stamp(os.stat(path))
    except OSError:
        return None


def read_copy(path: Path) -> DiskCopy:
    """The file as it is now; raise PlanError (naming it) when it exists but cannot be read."""
    try:
        # The stamp of the file actually read, even if it is replaced meanwhile.
        content, info = read_plan_file(path)
    except FileNotFoundError:
        return DiskCopy(None, None)
    stamp = _stamp(info)
    return DiskCopy(stamp, content)


def written_copy(path: Path, text: str) -> DiskCopy:
    """The copy just written by this session: the text it wrote, and the file's stamp.

    Read back rather than stamped blindly: if someone else wrote the file in the instant
    after us, the stamp would be theirs and their edit would go unnoticed. Then no stamp
    is kept, so that the next look reads the file and finds their change.
    """
    ours = text.encode("utf-8")
    try:
        now = read_copy(path)
    except PlanError:
        return DiskCopy(None, ours)
    return now if now.content == ours else DiskCopy(None, ours)


def changed_copy(
    path: Path, known: DiskCopy | None, *, always_read: bool = False
) -> DiskCopy | None:
    """The file's new copy if it differs from `known`, else None.

    One `stat` when nothing changed; the content is read and compared only when the
    stamp moved (a `touch`, or a checkout that wrote the same bytes, is no change).
    With `always_read` (right before a save), the content is compared whatever the
    stamp says: two writes within one tick of the file system's clock can give a new
    file the old one's size, time and even its freed inode number.
    A `known` of None means the session never saw the file: nothing to compare with.
    """
    if known is None:
        return None
    stamp = stamp_of(path)
    if stamp is not None and stamp == known.stamp and not always_read:
        return None
    fresh = read_copy(path)
    if fresh.content == known.content:
        return None
    return fresh


# ------------------------------------------------------------------ generated ids


def generated_ids(plan: Plan) -> set[str]:
    """Ids that the file did not hold: made up at load time, different at every load.

    A hand-written plan may have items without ids; each load gives them new random
    ones. Merging must leave those out, or the same item read twice would look like two.
    """
    found: set[str] = set()
    if "id" not in plan.model_fields_set:
        found.add(plan.id)
    for name in type(plan).model_fields:
        items = getattr(plan, name)
        if not isinstance(items, list):
            continue
        for item in items:
            item_id = getattr(item, "id", None) if isinstance(item, BaseModel) else None
            if isinstance(item_id, str) and "id" not in item.model_fields_set:
                found.add(item_id)
    return found


def without_ids(data: dict[str, Any], ids: set[str]) -> dict[str, Any]:
    """Plan data with the given (generated) ids left out, at the top and in item lists."""
    if not ids:
        return data
    out = dict(data)
    if out.get("id") in ids:
        del out["id"]
    for name, value in data.items():
        if isinstance(value, list) and any(
            isinstance(item, dict) and item.get("id") in ids for item in value
        ):
            out[name] = [
                {k: v for k, v in item.items() if k != "id"}
                if isinstance(item, dict) and item.get("id") in ids
                else item
                for item in value
            ]
    return out


# ------------------------------------------------------------------ outcomes


@dataclass(frozen=True)
class SyncOutcome:
    """What became of a change to the file made by someone else.

    kind: "unchanged"; "reloaded" (no local changes: the plan is the file's now);
    "merged" (local unsaved changes merged with the file's, `saved` if written);
    "missing" (the file was deleted or moved away: the next save writes it again);
    "unreadable" (the file does not load now, `error` says why: nothing written);
    "failed" (the merge could not be made, `error` says why: nothing written).
    `conflicts` lists the new conflicts of a merge, or those a reloaded file holds.
    """

    kind: str
    conflicts: tuple[Conflict, ...] = ()
    error: PlanError | None = None
    saved: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def changed(self) -> bool:
        return self.kind in ("reloaded", "merged")


UNCHANGED = SyncOutcome("unchanged")


@dataclass(frozen=True)
class TheirCopy:
    """A newer copy of the file, read and understood."""

    copy: DiskCopy
    plan: Plan
    data: dict[str, Any]  # as the merge compares it: without ids the file did not hold


def parse_copy(path: Path, copy: DiskCopy) -> TheirCopy:
    """Read a changed copy as a plan; raise PlanError when it does not load."""
    assert copy.content is not None
    plan = parse_plan_bytes(copy.content, path)
    return TheirCopy(copy, plan, plan_data(plan, drop_generated_ids=True))


def merge_with_file(
    base: dict[str, Any], ours: Plan, hidden_ids: set[str], theirs: TheirCopy, path: Path
) -> MergeResult:
    """Three-way merge of the session's plan (ours) with the file's new copy (theirs),
    from the copy both started from (base); `hidden_ids` are ours' made-up ids.
    """
    return merge_plans(base, without_ids(plan_to_data(ours), hidden_ids), theirs.data, source=path)


def take_back(before: Plan, after: Plan, current: Plan) -> Plan:
    """Undo the change `before` -> `after` on `current`, which has changed since
    (someone else's edit was merged in): only that change is taken back.

    Where the later edit changed the same value again, the later value stays: undo
    never brings back an older copy over someone's newer edit.
    """
    if current == after:
        return before
    result = merge_plans(plan_to_data(after), plan_to_data(current), plan_to_data(before))
    plan = result.plan
    if result.new_conflicts:
        # The merge adds its new conflicts last; they are not conflicts between people.
        plan.conflicts = plan.conflicts[: len(plan.conflicts) - len(result.new_conflicts)]
    return plan
