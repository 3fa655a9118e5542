"""A review being typed, kept on disk until it is saved into the plan or discarded.

A review meeting can last an hour; the review is committed to the plan in one go, at
the end. Until then what the group said lives in a :class:`~planwizard.review.ReviewDraft`
in memory, and a killed terminal would lose it. So the screen writes the draft (only
what the group said, not the agenda, which comes from the plan) to a small TOML file in
the user's data folder, one per plan file, a second or so after each change; the next
review of that plan offers to resume it. The file is not a plan and is never in the
plans folder: it cannot be committed by accident nor read by `check`. The mechanism
(where, how written, a draft that does not read set aside) is :mod:`planwizard.drafts`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planwizard import locations
from planwizard.drafts import delete_draft_file, draft_file, read_draft_file, write_draft_file
from planwizard.model import IMPLEMENTATIONS, REASONS, STATUSES, Plan
from planwizard.review import ReviewDraft, start_review

#: The draft file's own version, for a later planwizard to read older drafts.
DRAFT_VERSION = 1

_ANSWERS = ("done", "not_done", "why", "note")
#: A recommendation's answers typed as text (its reasons are codes, a list).
_REC_ANSWERS = ("done", "not_done", "follow_up")


@dataclass(frozen=True)
class SavedDraft:
    """A draft as read back: enough to rebuild the review on the plan as it is now."""

    path: Path
    plan_id: str
    date: dt.date
    data: dict[str, Any]

    @property
    def actions_discussed(self) -> int:
        return len(self.data.get("actions", []))

    @property
    def readings(self) -> int:
        return sum(1 for r in self.data.get("indicators", []) if "value" in r)

    @property
    def recommendations_assessed(self) -> int:
        return len(self.data.get("recommendations", []))


def draft_path(plan_path: Path) -> Path:
    """Where the draft of a review of the plan in `plan_path` is kept."""
    return draft_file(locations.review_drafts_dir(), plan_path)


def draft_to_data(draft: ReviewDraft, plan_path: Path) -> dict[str, Any]:
    """What the group said so far, as TOML data (nothing that the plan already holds)."""
    data: dict[str, Any] = {
        "draft_version": DRAFT_VERSION,
        "plan": str(Path(plan_path).resolve()),
        "plan_id": draft.plan_id,
        "date": draft.date,
        "facilitator": draft.facilitator,
        "summary": draft.summary,
        "revisit_problem": draft.revisit_problem,
        # "" for none: the group may have cleared the proposed date.
        "next_review": draft.next_review or "",
    }
    actions: list[dict[str, Any]] = []
    for entry in draft.actions:
        if not entry.discussed:
            continue
        item: dict[str, Any] = {"id": entry.action_id}
        if entry.is_new:
            action = entry.action
            item["new"] = True
            item["title"] = action.title
            item["owner"] = action.owner
            for name in ("due", "kind", "level"):
                if getattr(action, name) is not None:
                    item[name] = getattr(action, name)
            item["strategy"] = action.strategy
        if entry.status is not None:
            item["status"] = entry.status
        for name in _ANSWERS:
            if getattr(entry, name):
                item[name] = getattr(entry, name)
        if entry.new_due is not None:
            item["new_due"] = entry.new_due
        actions.append(item)
    data["actions"] = actions
    readings: list[dict[str, Any]] = []
    for reading in draft.indicators:
        if reading.value is None and not reading.note:
            continue
        one: dict[str, Any] = {"id": reading.indicator_id, "note": reading.note}
        if reading.value is not None:
            one["value"] = reading.value
        readings.append(one)
    data["indicators"] = readings
    assessed: list[dict[str, Any]] = []
    for found in draft.recommendations:
        if not found.discussed:
            continue
        said: dict[str, Any] = {"id": found.recommendation_id, "why": list(found.why)}
        if found.implementation is not None:
            said["implementation"] = found.implementation
        for name in _REC_ANSWERS:
            if getattr(found, name):
                said[name] = getattr(found, name)
        assessed.append(said)
    data["recommendations"] = assessed
    return data


def save_draft(draft: ReviewDraft, plan_path: Path) -> Path:
    """Write the draft (atomically); raises PlanError when it cannot be written."""
    return write_draft_file(draft_path(plan_path), draft_to_data(draft, plan_path))


def _check_date(data: dict[str, Any]) -> None:
    if not isinstance(data["date"], dt.date):
        raise ValueError("date")


def read_draft(plan_path: Path) -> SavedDraft | None:
    """The draft left for this plan file, if any.

    A draft that does not read (a disk that failed mid-way, a newer format) is moved
    aside as `*.unreadable.toml` rather than overwritten, and None is returned.
    """
    source = draft_path(plan_path)
    data = read_draft_file(source, DRAFT_VERSION, _check_date)
    if data is None:
        return None
    return SavedDraft(source, str(data.get("plan_id", "")), data["date"], data)


def discard_draft(plan_path: Path) -> None:
    delete_draft_file(draft_path(plan_path))


def resume_draft(plan: Plan, saved: SavedDraft) -> tuple[ReviewDraft, int]:
    """The review rebuilt on `plan` with what the draft holds.

    Returns the draft and how many of the draft's answers could not be placed (an action
    or indicator removed from the plan meanwhile), for the screen to say so.
    """
    data = saved.data
    draft = start_review(plan, saved.date, facilitator=str(data.get("facilitator", "")))
    draft.summary = str(data.get("summary", ""))
    draft.revisit_problem = bool(data.get("revisit_problem", False))
    next_review = data.get("next_review", "")
    draft.next_review = next_review if isinstance(next_review, dt.date) else None
    lost = 0
    for item in data.get("actions", []):
        try:
            if item.get("new"):
                entry = draft.add_action(
                    str(item.get("title", "")),
                    owner=str(item.get("owner", "")),
                    due=item.get("due"),
                    kind=item.get("kind"),
                    level=item.get("level"),
                    strategy=str(item.get("strategy", "")),
                )
            else:
                entry = draft.action(str(item.get("id")))
        except (KeyError, ValueError):
            lost += 1
            continue
        if item.get("status") in STATUSES:
            entry.status = item["status"]
        for name in _ANSWERS:
            setattr(entry, name, str(item.get(name, "")))
        new_due = item.get("new_due")
        entry.new_due = new_due if isinstance(new_due, dt.date) else None
    for item in data.get("indicators", []):
        try:
            reading = draft.indicator(str(item.get("id")))
        except KeyError:
            lost += 1
            continue
        value = item.get("value")
        reading.value = value if isinstance(value, int | float) else None
        reading.note = str(item.get("note", ""))
    for item in data.get("recommendations", []):
        try:
            found = draft.recommendation(str(item.get("id")))
        except KeyError:
            lost += 1
            continue
        implementation = item.get("implementation")
        found.implementation = implementation if implementation in IMPLEMENTATIONS else None
        why = item.get("why", [])
        found.why = [code for code in REASONS if isinstance(why, list) and code in why]  # type: ignore[misc]
        for name in _REC_ANSWERS:
            setattr(found, name, str(item.get(name, "")))
    return draft, lost
