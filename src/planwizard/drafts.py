"""Drafts: what the user typed and has not saved into a plan yet, kept on disk.

Some work is committed to the plan only when the user says so: a review at the end of
the meeting, an item form (an action, a stakeholder, an indicator) on Save. Until then
it lives in memory, and a killed terminal would lose it. So the screens keep a draft in
a small TOML file in the user's data folder, one per plan file and kind of draft,
written a second or so after the typing pauses and deleted once saved or cancelled; the
next time the plan is opened the user is offered it back. A draft is never beside the
plan: it cannot be committed by accident nor read by `check`.

This module holds the mechanism shared by every draft (where the file is, writing it,
reading it back, setting aside one that does not read) and the item form's draft;
:mod:`planwizard.review_draft` holds the review's.
"""

from __future__ import annotations

import contextlib
import hashlib
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from planwizard import locations
from planwizard.storage import write_atomically

#: The form draft file's own version, for a later planwizard to read older drafts.
FORM_DRAFT_VERSION = 1

#: The tables of the plan an item form edits.
#: "dialogue": an entry of the dialogue log, whose `item` is "<index>@<date>" (entries
#: carry no id; see tui/screens/dialogue.py).
FORM_TABLES = ("actions", "stakeholders", "indicators", "recommendations", "dialogue")


# ------------------------------------------------------------------ any draft


def draft_file(folder: Path, plan_path: Path) -> Path:
    """The draft kept in `folder` for the plan in `plan_path` (one per plan file)."""
    resolved = Path(plan_path).resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:12]
    return folder / f"{resolved.stem}-{digest}.toml"


def write_draft_file(target: Path, data: dict[str, Any]) -> Path:
    """Write a draft (atomically); raises PlanError when it cannot be written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, tomli_w.dumps(data))
    return target


def read_draft_file(
    source: Path, version: int, check: Callable[[dict[str, Any]], None] | None = None
) -> dict[str, Any] | None:
    """A draft's data, or None when there is none.

    A draft that does not read (a disk that failed mid-way, a newer format, a value
    `check` refuses with ValueError or KeyError) is moved aside as `*.unreadable.toml`
    rather than overwritten by the next draft, and None is returned.
    """
    try:
        raw = source.read_bytes()
    except OSError:
        return None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
        if data.get("draft_version") != version:
            raise ValueError("draft version")
        if check is not None:
            check(data)
        return data
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        with contextlib.suppress(OSError):
            source.replace(source.with_suffix(".unreadable.toml"))
        return None


def delete_draft_file(target: Path) -> None:
    with contextlib.suppress(OSError):
        target.unlink()


# ------------------------------------------------------------------ item forms


@dataclass(frozen=True)
class FormDraft:
    """An item form as typed: which table, a new item or which one, each field's text."""

    plan_id: str
    table: str  # one of FORM_TABLES
    item_id: str | None  # None: a new item
    values: dict[str, str] = field(default_factory=dict)

    @property
    def is_edit(self) -> bool:
        return self.item_id is not None

    def as_new(self) -> FormDraft:
        """The same text, offered as a new item (the edited one was deleted meanwhile)."""
        return FormDraft(self.plan_id, self.table, None, dict(self.values))


def form_draft_path(plan_path: Path) -> Path:
    """Where the draft of an item form open on the plan in `plan_path` is kept."""
    return draft_file(locations.form_drafts_dir(), plan_path)


def save_form_draft(draft: FormDraft, plan_path: Path) -> Path:
    """Write the form's draft (atomically); raises PlanError when it cannot be written."""
    data: dict[str, Any] = {
        "draft_version": FORM_DRAFT_VERSION,
        "plan": str(Path(plan_path).resolve()),
        "plan_id": draft.plan_id,
        "table": draft.table,
        "mode": "edit" if draft.is_edit else "add",
        "values": dict(draft.values),
    }
    if draft.item_id is not None:
        data["item"] = draft.item_id
    return write_draft_file(form_draft_path(plan_path), data)


def _check_form(data: dict[str, Any]) -> None:
    if data["table"] not in FORM_TABLES or data["mode"] not in ("add", "edit"):
        raise ValueError("table")
    if data["mode"] == "edit" and not isinstance(data["item"], str):
        raise ValueError("item")
    values = data["values"]
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise ValueError("values")


def read_form_draft(plan_path: Path) -> FormDraft | None:
    """The item form's draft left for this plan file, if any (see read_draft_file)."""
    data = read_draft_file(form_draft_path(plan_path), FORM_DRAFT_VERSION, _check_form)
    if data is None:
        return None
    item = data["item"] if data["mode"] == "edit" else None
    return FormDraft(str(data.get("plan_id", "")), data["table"], item, dict(data["values"]))


def discard_form_draft(plan_path: Path) -> None:
    delete_draft_file(form_draft_path(plan_path))
