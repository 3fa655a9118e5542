"""An editing session on one plan file: every change saved at once, and undoable.

The room types while people speak; a closed laptop or a killed terminal must lose at
most the field being typed. So each change goes straight to disk through the
foundation's atomic save, and an undo snapshot is kept before it. When a save fails
(full disk, read-only folder, hand-written comments that saving would remove), the
session keeps working in memory and says why; the next successful save writes all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planwizard.model import Plan, new_id
from planwizard.storage import PLAN_SUFFIX, PlanError, load_plan, save_plan

#: How many changes undo reaches back.
UNDO_LIMIT = 200


@dataclass(frozen=True)
class SaveOutcome:
    """What happened to a change: whether it changed anything and whether it reached disk."""

    changed: bool
    error: PlanError | None = None

    @property
    def saved(self) -> bool:
        return self.changed and self.error is None

    @property
    def needs_comment_consent(self) -> bool:
        return self.error is not None and self.error.kind == "comments"


class Session:
    """One plan being edited: its file, its current state and the way back."""

    def __init__(self, path: Path, plan: Plan) -> None:
        self.path = Path(path)
        self.plan = plan
        self._undo: list[Plan] = []
        #: The last save's error, while changes are only in memory.
        self.error: PlanError | None = None
        #: Set once the user agreed to lose the file's hand-written comments.
        self.drop_comments = False
        #: Set when the user said no: keep the comments, keep changes in memory only.
        self.comments_declined = False

    @classmethod
    def open(cls, path: Path) -> Session:
        """Load a plan file; raises PlanError when it does not load."""
        return cls(path, load_plan(path))

    @classmethod
    def create(cls, path: Path, plan: Plan) -> Session:
        """Start a session on a new file, written at once so that it exists on disk."""
        session = cls(path, plan)
        session.save()
        return session

    # ----------------------------------------------------------------- changing

    @property
    def unsaved(self) -> bool:
        return self.error is not None

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def apply(self, change: Callable[[Plan], Any]) -> SaveOutcome:
        """Run `change` on the plan, then save; a change that changes nothing is not kept.

        If `change` raises (a value the model refuses), the plan is left as it was and the
        exception goes on to the caller.
        """
        before = self.plan.model_copy(deep=True)
        try:
            change(self.plan)
        except Exception:
            self.plan = before
            raise
        if self.plan == before:
            return SaveOutcome(changed=False, error=self.error)
        self._undo.append(before)
        del self._undo[:-UNDO_LIMIT]
        return SaveOutcome(changed=True, error=self.save())

    def apply_kept(self, change: Callable[[Plan], Any]) -> SaveOutcome:
        """Run and save a change that undo never takes back (the time a step took).

        Applied to every undo snapshot as well: undoing a typing mistake must not
        quietly remove the minutes the timer recorded, and Ctrl+Z must not spend itself
        on a change nobody typed.
        """
        before = self.plan.model_copy(deep=True)
        try:
            change(self.plan)
        except Exception:
            self.plan = before
            raise
        if self.plan == before:
            return SaveOutcome(changed=False, error=self.error)
        for snapshot in self._undo:
            change(snapshot)
        return SaveOutcome(changed=True, error=self.save())

    def undo(self) -> SaveOutcome:
        """Go back one change, on disk too."""
        if not self._undo:
            return SaveOutcome(changed=False, error=self.error)
        self.plan = self._undo.pop()
        return SaveOutcome(changed=True, error=self.save())

    def save(self) -> PlanError | None:
        """Write the plan now; return the error (also kept in `error`) if it was not saved."""
        if self.comments_declined:
            return self.error
        try:
            save_plan(self.plan, self.path, drop_comments=self.drop_comments)
        except PlanError as exc:
            self.error = exc
            return exc
        self.error = None
        return None

    def consent_to_drop_comments(self, agreed: bool) -> PlanError | None:
        """The user's answer to "save without the hand-written comments?"."""
        if agreed:
            self.drop_comments = True
            self.comments_declined = False
            return self.save()
        self.comments_declined = True
        return self.error


def remove_action(plan: Plan, action_id: str) -> str:
    """Delete an action, or mark it dropped when review history refers to it.

    Returns "deleted", "dropped" or "missing", so that the screen can say what happened.
    """
    action = plan.action(action_id)
    if action is None:
        return "missing"
    if action_id in plan.referenced_ids():
        action.status = "dropped"
        return "dropped"
    plan.actions = [a for a in plan.actions if a.id != action_id]
    return "deleted"


def remove_indicator(plan: Plan, indicator_id: str) -> str:
    """Delete an indicator, unless reviews hold readings of it ("kept").

    An indicator has no status to mark it dropped with, and its readings would point
    at nothing: it stays, and the screen says why.
    """
    if plan.indicator(indicator_id) is None:
        return "missing"
    if indicator_id in plan.referenced_ids():
        return "kept"
    plan.indicators = [i for i in plan.indicators if i.id != indicator_id]
    return "deleted"


def remove_stakeholder(plan: Plan, stakeholder_id: str) -> str:
    before = len(plan.stakeholders)
    plan.stakeholders = [s for s in plan.stakeholders if s.id != stakeholder_id]
    return "deleted" if len(plan.stakeholders) < before else "missing"


def move_item(items: list[Any], index: int, offset: int) -> int:
    """Move items[index] by `offset` places (clamped); return its new index."""
    if not 0 <= index < len(items):
        return index
    target = min(max(index + offset, 0), len(items) - 1)
    item = items.pop(index)
    items.insert(target, item)
    return target


def fresh_id(plan: Plan, kind: str) -> str:
    return new_id(kind, plan.all_item_ids())


# ------------------------------------------------------------------ new files


def slugify(title: str, limit: int = 40) -> str:
    """A file name from a plan title: ascii letters, digits and dashes."""
    flat = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", flat.lower()).strip("-")
    return slug[:limit].rstrip("-") or "plan"


def new_plan_path(folder: Path, title: str) -> Path:
    """A file name in `folder` for a new plan that does not overwrite another."""
    stem = slugify(title)
    candidate = folder / f"{stem}{PLAN_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{PLAN_SUFFIX}"
        number += 1
    return candidate


# ------------------------------------------------------------- fields by path


def get_field(plan: Plan, path: str) -> Any:
    """The value at a dotted path such as "problem.statement"."""
    node: Any = plan
    for part in path.split("."):
        node = getattr(node, part)
    return node


def set_field(plan: Plan, path: str, value: Any) -> None:
    """Set the value at a dotted path; the model validates it (ValueError if refused)."""
    *parents, last = path.split(".")
    node: Any = plan
    for part in parents:
        node = getattr(node, part)
    setattr(node, last, value)
