"""Starting a new plan from an existing one, or from a built-in starting point.

A template keeps what a new workshop can build on (the problem analysis, partners,
vision, actions and indicators) and clears what belongs to the old one: dates,
statuses, reviews, readings and the parking lot. Built-in starting points come from the
method's contexts: recommendation follow-up with authorities, a multi-agency
partnership on referral of survivors, and the method in its source's own words on
violence against women (its guiding questions name women's safety, survivors' trust and
the perpetrator; see planwizard.method).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planwizard.model import Monitoring, Plan, Workshop, new_id
from planwizard.storage import load_plan

BUILTIN_DIR = Path(__file__).parent / "templates"


def plan_from_template(source: Plan, *, created: dt.date, title: str | None = None) -> Plan:
    """A new plan shaped like `source`, with fresh ids and nothing of its history."""
    plan = source.model_copy(deep=True)
    plan.id = f"plan-{new_id('action')[2:]}"
    plan.title = title if title is not None else source.title
    plan.created = created
    plan.workshop = Workshop(
        facilitators=list(source.workshop.facilitators),
        participants=list(source.workshop.participants),
        questions=source.workshop.questions,  # the wording the group chose goes on
    )
    # An action the old group dropped would come back as planned: it is left behind.
    plan.actions = [a for a in plan.actions if a.status != "dropped"]
    taken: set[str] = set()
    renamed: dict[str, str] = {}
    for stakeholder in plan.stakeholders:
        old = stakeholder.id
        stakeholder.id = new_id("stakeholder", taken)
        taken.add(stakeholder.id)
        renamed.setdefault(old, stakeholder.id)
    # Recommendations stay (a new workshop follows them up again), without the old
    # replies; links to stakeholders follow their new ids; the dialogue log is history.
    for rec in plan.recommendations:
        rec.addressed_to = [renamed.get(s, s) for s in rec.addressed_to]
        rec.position = "no-reply"
        rec.reply_due = rec.reply_received = None
        rec.reply_summary = ""
    for role in plan.team_roles:
        role.stakeholders = [renamed.get(s, s) for s in role.stakeholders]
    plan.dialogue = []
    for action in plan.actions:
        action.id = new_id("action", taken)
        taken.add(action.id)
        action.due = None
        action.status = "planned"
    # A new workshop measures what this plan still measures.
    plan.indicators = plan.measured_indicators()
    for indicator in plan.indicators:
        indicator.id = new_id("indicator", taken)
        taken.add(indicator.id)
    plan.monitoring = Monitoring(cadence=source.monitoring.cadence)
    plan.reviews = []
    plan.parking_lot = []
    plan.conflicts = []  # unresolved merge conflicts belong to the old file
    return plan


def builtin_templates(language: str) -> list[tuple[str, Plan]]:
    """(name, plan) of each built-in starting point, in `language` where one exists."""
    found: list[tuple[str, Plan]] = []
    names = sorted({path.name.split(".")[0] for path in BUILTIN_DIR.glob("*.toml")})
    for name in names:
        path = BUILTIN_DIR / f"{name}.{language}.toml"
        if not path.exists():
            path = BUILTIN_DIR / f"{name}.en.toml"
        found.append((name, load_plan(path)))
    return found
