"""What a plan still lacks, step by step: gentle warnings that never block the room.

Shared by `planwizard check` (warnings that do not fail the run) and the wizard's
per-step checklist.
"""

from __future__ import annotations

from dataclasses import dataclass

from planwizard import clock
from planwizard.i18n import _, ngettext
from planwizard.model import Plan
from planwizard.recommendations import SETTLED, implementation_history, reply_overdue


@dataclass(frozen=True)
class Gap:
    step: str
    message: str
    item_id: str | None = None
    #: What is missing of an item ("owner", "due", "target"), for grouping them.
    kind: str = ""


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
                Gap(
                    "planning",
                    _("action “{title}” has no owner").format(title=label),
                    action.id,
                    "owner",
                )
            )
        if action.due is None:
            gaps.append(
                Gap(
                    "planning",
                    _("action “{title}” has no due date").format(title=label),
                    action.id,
                    "due",
                )
            )
    gaps.extend(_recommendation_gaps(plan))
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
                    "target",
                )
            )
    if plan.monitoring.next_review is None:
        gaps.append(Gap("monitoring", _("no date for the next review")))
    today = clock.today()
    for rec in plan.recommendations:
        if reply_overdue(rec, today):
            assert rec.reply_due is not None
            gaps.append(
                Gap(
                    "monitoring",
                    _(
                        "the written reply to recommendation {rec} was due on {date} "
                        "and has not arrived"
                    ).format(rec=_rec_label(rec.id, rec.reference), date=rec.reply_due.isoformat()),
                    rec.id,
                )
            )
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


def _rec_label(rec_id: str, reference: str) -> str:
    reference = " ".join(reference.split())
    return f"{rec_id} ({reference})" if reference else rec_id


def _recommendation_gaps(plan: Plan) -> list[Gap]:
    """Step 3: a recommendation nothing implements; an action on a rejected one."""
    gaps: list[Gap] = []
    live = [a for a in plan.actions if a.status != "dropped"]
    for rec in plan.recommendations:
        history = implementation_history(plan, rec.id)
        settled = bool(history) and history[-1].implementation in SETTLED
        if not settled and not any(rec.id in a.recommendations for a in live):
            gaps.append(
                Gap(
                    "planning",
                    _("recommendation {rec} has no action yet").format(
                        rec=_rec_label(rec.id, rec.reference)
                    ),
                    rec.id,
                )
            )
    rejected = {r.id: r for r in plan.recommendations if r.position == "rejected"}
    for action in live:
        for rid in action.recommendations:
            if rid in rejected:
                gaps.append(
                    Gap(
                        "planning",
                        _(
                            "action “{title}” works on recommendation {rec}, which the "
                            "authorities rejected: is the strategy still right?"
                        ).format(
                            title=action.title.strip() or action.id,
                            rec=_rec_label(rid, rejected[rid].reference),
                        ),
                        action.id,
                    )
                )
    return gaps


def step_gaps(plan: Plan, step: str) -> list[Gap]:
    return [gap for gap in plan_gaps(plan) if gap.step == step]


def grouped_gaps(gaps: list[Gap]) -> tuple[list[str], bool]:
    """The gaps in a few words each for one status line: several actions (or indicators)
    that lack something are counted, not named. Also whether any were grouped (the full
    list is then worth asking for)."""
    actions = {g.item_id for g in gaps if g.kind in ("owner", "due")}
    indicators = {g.item_id for g in gaps if g.kind == "target"}
    lines: list[str] = []
    grouped = False
    placed_actions = placed_indicators = False
    for gap in gaps:
        if gap.kind in ("owner", "due") and len(actions) > 1:
            if not placed_actions:
                lines.append(
                    _("actions without an owner or a due date: {count}").format(count=len(actions))
                )
                placed_actions = grouped = True
        elif gap.kind == "target" and len(indicators) > 1:
            if not placed_indicators:
                lines.append(
                    _("indicators without a target: {count}").format(count=len(indicators))
                )
                placed_indicators = grouped = True
        else:
            lines.append(gap.message)
    return lines, grouped


def step_reached(plan: Plan) -> str:
    """The furthest step of the method the group has given answers for."""
    if plan.indicators or plan.monitoring.cadence or plan.monitoring.next_review:
        return "monitoring"
    if plan.actions:
        return "planning"
    if plan.vision.statement.strip() or plan.vision.outcomes:
        return "vision"
    return "problem"
