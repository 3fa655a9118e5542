"""Small edits of a plan that the screens make through a session's `apply`: remove an
item (or mark it dropped when history refers to it), move one, give a new one an id.

Moved from planwizard.session (which still exports them) to keep that module short.
"""

from __future__ import annotations

from typing import Any

from planwizard import clock
from planwizard.model import Plan, new_id


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
    """Delete an indicator, or mark it dropped (today) when reviews hold readings of it.

    Returns "deleted", "dropped" or "missing". A dropped indicator keeps its history;
    removing it again ("measured") makes it measured again.
    """
    indicator = plan.indicator(indicator_id)
    if indicator is None:
        return "missing"
    if indicator.dropped is not None:
        indicator.dropped = None
        return "measured"
    if indicator_id in plan.referenced_ids():
        indicator.dropped = clock.today()
        return "dropped"
    plan.indicators = [i for i in plan.indicators if i.id != indicator_id]
    return "deleted"


def remove_stakeholder(plan: Plan, stakeholder_id: str) -> str:
    """Delete a stakeholder; "linked" (and kept) while a recommendation, a team role or
    the dialogue log names it, since deleting it would leave those links pointing
    nowhere (and the plan would not save)."""
    if stakeholder_id in stakeholder_links(plan):
        return "linked"
    before = len(plan.stakeholders)
    plan.stakeholders = [s for s in plan.stakeholders if s.id != stakeholder_id]
    return "deleted" if len(plan.stakeholders) < before else "missing"


def stakeholder_links(plan: Plan) -> set[str]:
    """Ids of stakeholders that recommendations, team roles or the dialogue log name."""
    named = {sid for rec in plan.recommendations for sid in rec.addressed_to}
    named.update(sid for role in plan.team_roles for sid in role.stakeholders)
    named.update(sid for entry in plan.dialogue for sid in entry.with_)
    return named


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
