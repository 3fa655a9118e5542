"""What a plan still lacks, step by step: gentle warnings that never block the room.

Shared by `planwizard check` (warnings that do not fail the run) and the wizard's
per-step checklist.
"""

from __future__ import annotations

from dataclasses import dataclass

from planwizard.i18n import _, ngettext
from planwizard.model import Plan


@dataclass(frozen=True)
class Gap:
    step: str
    message: str
    item_id: str | None = None


def plan_gaps(plan: Plan) -> list[Gap]:
    """Everything still missing, in step order."""
    gaps: list[Gap] = []
    problem = plan.problem
    if not problem.statement.strip():
        gaps.append(Gap("problem", _("no problem statement yet")))
    if problem.origin is None:
        gaps.append(Gap("problem", _("single case or systemic? not decided yet")))
    if problem.scope is None:
        gaps.append(Gap("problem", _("local, or does it need a higher authority? not decided yet")))
    if not plan.stakeholders:
        gaps.append(Gap("problem", _("no partners or stakeholders listed")))
    if not plan.vision.statement.strip():
        gaps.append(Gap("vision", _("no vision of the change yet")))
    if not plan.vision.outcomes:
        gaps.append(Gap("vision", _("no outcome that would show the vision is reached")))
    live = [a for a in plan.actions if a.status != "dropped"]
    if not live:
        gaps.append(Gap("planning", _("no action yet")))
    for action in live:
        label = action.title.strip() or action.id
        if not action.owner.strip():
            gaps.append(
                Gap("planning", _("action “{title}” has no owner").format(title=label), action.id)
            )
        if action.due is None:
            gaps.append(
                Gap(
                    "planning",
                    _("action “{title}” has no due date").format(title=label),
                    action.id,
                )
            )
    if not plan.documentation.owner.strip():
        gaps.append(Gap("planning", _("nobody documents the plan yet")))
    if not plan.measured_indicators():
        gaps.append(Gap("monitoring", _("no success indicator yet")))
    for indicator in plan.measured_indicators():
        if indicator.target is None:
            label = indicator.name.strip() or indicator.id
            gaps.append(
                Gap(
                    "monitoring",
                    _("indicator “{name}” has no target").format(name=label),
                    indicator.id,
                )
            )
    if plan.monitoring.next_review is None:
        gaps.append(Gap("monitoring", _("no date for the next review")))
    parked = sum(1 for item in plan.parking_lot if item.status == "open")
    if parked:
        gaps.append(
            Gap(
                "monitoring",
                ngettext(
                    "{count} parked point still to turn into an action or drop",
                    "{count} parked points still to turn into actions or drop",
                    parked,
                ).format(count=parked),
            )
        )
    return gaps


def step_gaps(plan: Plan, step: str) -> list[Gap]:
    return [gap for gap in plan_gaps(plan) if gap.step == step]


def step_reached(plan: Plan) -> str:
    """The furthest step of the method the group has given answers for."""
    if plan.indicators or plan.monitoring.cadence or plan.monitoring.next_review:
        return "monitoring"
    if plan.actions:
        return "planning"
    if plan.vision.statement.strip() or plan.vision.outcomes:
        return "vision"
    return "problem"
