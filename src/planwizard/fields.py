"""The plan's fields, described once: label, kind of value, placeholder, where each shows.

Every table of the plan file (the plan itself, each step's plain table, each kind of item)
is a :class:`Table` of :class:`Field`, in the model's order (both, and how a value reads
in each place, are in planwizard.fieldspec; re-exported here). The exports (CSV, the
Markdown/HTML report, iCalendar), the room view, the item tables and the forms loop over these
instead of listing fields by hand, so that a field added here shows everywhere it says,
and a field added to the model without an entry here fails the suite
(tests/core/test_fields.py), instead of vanishing from an export.

Adding a plain field (say `budget` on an action) is: its line in `model.py`, its line in
`planshape.py` (the merge driver's model-free copy, checked against the model), its
`Field` here, the French of its label and its row in docs/plan-format.md; see
docs/code-map.md.

Labels and placeholders are English message ids marked with `N_` and translated with
`_()` when shown, in the language then chosen. A special case (a dropped indicator's
name says so) is a small formatter attached to its field (`Field.show`), not a list kept
beside this one. No Textual and no pydantic here: values are read from the model's
objects by attribute.
"""

from __future__ import annotations

from typing import Any

from planwizard.fieldspec import CALENDAR as CALENDAR
from planwizard.fieldspec import CSV as CSV
from planwizard.fieldspec import FORM as FORM
from planwizard.fieldspec import PLACES as PLACES
from planwizard.fieldspec import REPORT as REPORT
from planwizard.fieldspec import ROOM as ROOM
from planwizard.fieldspec import TABLE as TABLE
from planwizard.fieldspec import VALUE_KINDS as VALUE_KINDS
from planwizard.fieldspec import Field as Field
from planwizard.fieldspec import Formatter as Formatter
from planwizard.fieldspec import Table as Table
from planwizard.fieldspec import headers as headers
from planwizard.fieldspec import room_lines as room_lines
from planwizard.fieldspec import row as row
from planwizard.fieldspec import show as show
from planwizard.fieldspec import value_text as value_text
from planwizard.fieldspec import word as word
from planwizard.i18n import N_, _, long_date
from planwizard.text import strip_control


def _places(*places: str) -> frozenset[str]:
    return frozenset(places)


EVERYWHERE = _places(FORM, TABLE, ROOM, REPORT, CSV, CALENDAR)
EXPORTS = _places(REPORT, CSV)


# -- special cases ----------------------------------------------------------------------


def _indicator_name(indicator: Any, place: str, plan: Any) -> str:
    """A dropped indicator says so where it is listed with the measured ones."""
    name = strip_control(indicator.name)
    if indicator.dropped is None:
        return name
    if place == TABLE:
        # First, not last: a long name is cut at the end, and this must show.
        return _("(dropped) {name}").format(name=name)
    if place == REPORT:
        return _("{name} (no longer measured since {date})").format(
            name=name, date=long_date(indicator.dropped)
        )
    return name


# -- the catalogue ----------------------------------------------------------------------
# In the model's order, which is the file's. `places` says where each field is listed by
# the loops over this catalogue: the exports, the room view, the item tables, the item
# forms (tui/forms.py) and the step forms (tui/step_forms.py).

WORKSHOP = Table(
    "workshop",
    "Workshop",
    (
        Field("date", N_("Workshop date"), "date", _places(FORM, REPORT), form_label=N_("Date")),
        Field("place", N_("Place"), "line", _places(FORM, REPORT)),
        Field(
            "facilitators",
            N_("Facilitators"),
            "lines",
            _places(FORM, REPORT),
            placeholder=N_("one per line"),
        ),
        Field(
            "participants",
            N_("Participants"),
            "lines",
            _places(FORM, REPORT),
            placeholder=N_("one per line"),
        ),
        # Kept by the timebox, shown by none of the exports.
        Field("seconds_spent", N_("Time spent per step"), "seconds"),
        Field("questions", N_("Wording of the questions"), "line"),
    ),
    step="problem",
)

PROBLEM = Table(
    "problem",
    "Problem",
    (
        Field(
            "statement",
            N_("Problem"),
            "text",
            _places(FORM, ROOM, REPORT),
            placeholder=N_("the practical problem, as the group states it"),
        ),
        Field(
            "origin",
            N_("Single case or systemic?"),
            "choice",
            _places(FORM, ROOM, REPORT),
            vocabulary="origin",
            form_label=N_("Origin"),
        ),
        Field(
            "concerns",
            N_("What it concerns"),
            "choices",
            _places(FORM, ROOM, REPORT),
            vocabulary="concerns",
            form_label=N_("Concerns"),
        ),
        Field(
            "scope",
            N_("Local, or does it need a higher authority?"),
            "choice",
            _places(FORM, ROOM, REPORT),
            vocabulary="scope",
            form_label=N_("Level of resolution"),
        ),
        Field("notes", N_("Notes"), "text", _places(FORM, REPORT), team_only=True),
    ),
    step="problem",
)

STAKEHOLDERS = Table(
    "stakeholders",
    "Stakeholder",
    (
        Field("id", N_("Stakeholder id"), "id"),
        Field("name", N_("Name"), "line", _places(FORM, TABLE, ROOM, REPORT)),
        Field("role", N_("Role"), "line", _places(FORM, TABLE, ROOM, REPORT)),
        Field(
            "trust",
            N_("Trust"),
            "line",
            _places(FORM, TABLE, ROOM, REPORT),
            placeholder=N_("do those affected trust them?"),
            team_only=True,
            analysis=True,
        ),
        Field(
            "relationships",
            N_("Relationships"),
            "line",
            _places(FORM, ROOM, REPORT),
            placeholder=N_("respected by those who work with those affected?"),
            form_label=N_("Relations"),
            team_only=True,
            analysis=True,
        ),
        Field(
            "risks",
            N_("Risks"),
            "line",
            _places(FORM, ROOM, REPORT),
            placeholder=N_("reputation, lack of experience…"),
            team_only=True,
            analysis=True,
        ),
        Field(
            "champion",
            N_("Champion"),
            "line",
            _places(FORM, TABLE, ROOM, REPORT),
            placeholder=N_("who carries the change inside?"),
            team_only=True,
            analysis=True,
        ),
        Field(
            "focal_point",
            N_("Focal point"),
            "line",
            _places(FORM, TABLE, ROOM, REPORT),
            analysis=True,
        ),
    ),
    step="problem",
)

TEAM_ROLES = Table(
    "team_roles",
    "TeamRole",
    (
        Field(
            "person",
            N_("Who"),
            "line",
            _places(FORM, TABLE),
            placeholder=N_("a person or a group in our team"),
        ),
        Field(
            "role",
            N_("Role"),
            "line",
            _places(FORM, TABLE),
            placeholder=N_("high-level dialogue, technical exchanges…"),
        ),
        Field(
            "stakeholders", N_("Speaks with"), "links", _places(FORM, TABLE), links="stakeholders"
        ),
    ),
    step="problem",
)

# The step 1 table shows a recommendation's reply (due, received) in one column.
RECOMMENDATIONS = Table(
    "recommendations",
    "Recommendation",
    (
        Field("id", N_("Recommendation id"), "id", _places(CSV)),
        Field(
            "text",
            N_("Recommendation"),
            "text",
            _places(FORM, TABLE, CSV, CALENDAR),
            form_label=N_("Text"),
        ),
        Field(
            "source",
            N_("Source"),
            "line",
            _places(FORM, TABLE, CSV),
            placeholder=N_("report, visit, treaty body, UPR…"),
        ),
        Field(
            "reference",
            N_("Reference"),
            "line",
            _places(FORM, CSV),
            placeholder=N_("paragraph or number in the source: § 14"),
        ),
        Field("issued", N_("Issued"), "date", _places(FORM, CSV)),
        Field(
            "addressed_to",
            N_("Addressed to"),
            "links",
            _places(FORM, TABLE, CSV, CALENDAR),
            links="stakeholders",
            form_label=N_("Authorities"),
        ),
        Field(
            "position",
            N_("Position"),
            "choice",
            _places(FORM, TABLE, CSV, CALENDAR),
            vocabulary="position",
        ),
        Field(
            "reply_due",
            N_("Reply due"),
            "date",
            _places(FORM, TABLE, CSV),
            form_label=N_("Reply by"),
        ),
        Field(
            "reply_received",
            N_("Reply received"),
            "date",
            _places(FORM, TABLE, CSV, CALENDAR),
            form_label=N_("Received"),
        ),
        Field(
            "reply_summary",
            N_("Reply summary"),
            "text",
            _places(FORM, CSV),
            form_label=N_("Reply"),
            placeholder=N_("what the written reply says"),
        ),
        # The group's own ranking: the partners' versions leave it out, as the report does.
        Field(
            "priority",
            N_("Priority"),
            "choice",
            _places(FORM, TABLE, CSV),
            vocabulary="priority",
            team_only=True,
        ),
        Field(
            "indicator_type",
            N_("Indicator type"),
            "choice",
            _places(FORM, CSV),
            vocabulary="indicator_type",
            form_label=N_("Indicator"),
        ),
    ),
    step="problem",
    # The reference is typed before the source, as a report is read: § 14 of ...
    form_order=("text", "reference", "source"),
)

VISION = Table(
    "vision",
    "Vision",
    (
        Field(
            "statement",
            N_("Vision"),
            "text",
            _places(FORM, ROOM, REPORT),
            placeholder=N_("the best outcome, in concrete terms"),
        ),
        Field(
            "outcomes",
            N_("Outcomes"),
            "lines",
            _places(FORM, ROOM, REPORT),
            placeholder=N_("what would show it is reached, one per line"),
        ),
    ),
    step="vision",
)

ACTIONS = Table(
    "actions",
    "Action",
    (
        Field("id", N_("Action id"), "id", _places(CSV)),
        Field("title", N_("Action"), "line", EVERYWHERE),
        Field(
            "owner",
            N_("Owner"),
            "line",
            EVERYWHERE,
            placeholder=N_("who will act (→ accepts a suggestion)"),
        ),
        Field("due", N_("Due"), "date", EVERYWHERE),
        Field("status", N_("Status"), "choice", EVERYWHERE, vocabulary="status"),
        Field(
            "kind",
            N_("Kind"),
            "choice",
            _places(FORM, TABLE, REPORT, CSV, CALENDAR),
            vocabulary="kind",
        ),
        Field(
            "level",
            N_("Level"),
            "choice",
            _places(FORM, TABLE, REPORT, CSV, CALENDAR),
            vocabulary="level",
            form_label=N_("Authority"),
        ),
        Field("strategy", N_("Strategy"), "text", _places(FORM, REPORT, CSV, CALENDAR)),
        Field(
            "recommendations",
            N_("Recommendations"),
            "links",
            _places(FORM, CSV),
            links="recommendations",
            form_label=N_("Implements"),
        ),
    ),
    step="planning",
)

DOCUMENTATION = Table(
    "documentation",
    "Documentation",
    (
        Field("owner", N_("Who documents"), "line", _places(FORM, ROOM, REPORT)),
        Field(
            "method",
            N_("How"),
            "line",
            _places(FORM, ROOM, REPORT),
            placeholder=N_("minutes, shared notes…"),
        ),
        Field(
            "audience",
            N_("To whom"),
            "lines",
            _places(FORM, REPORT),
            placeholder=N_("one per line"),
            form_label=N_("Shared with"),
        ),
    ),
    step="planning",
)

INDICATORS = Table(
    "indicators",
    "Indicator",
    (
        Field("id", N_("Indicator id"), "id", _places(CSV)),
        Field("name", N_("Indicator"), "line", EVERYWHERE - {CALENDAR}, show=_indicator_name),
        Field(
            "unit",
            N_("Unit"),
            "line",
            _places(FORM, TABLE, ROOM, REPORT, CSV),
            placeholder=N_("%, people, days…"),
        ),
        Field("baseline", N_("Baseline"), "number", _places(FORM, TABLE, ROOM, REPORT, CSV)),
        Field("target", N_("Target"), "number", _places(FORM, TABLE, ROOM, REPORT, CSV)),
        Field(
            "source",
            N_("Source"),
            "line",
            _places(FORM, TABLE, REPORT, CSV),
            placeholder=N_("where the figure comes from"),
        ),
        Field("owner", N_("Owner"), "line", _places(FORM, TABLE, REPORT, CSV)),
        # Set by deleting an indicator that reviews hold readings of; the report and the
        # table say it in the name.
        Field("dropped", N_("No longer measured since"), "date", _places(CSV)),
    ),
    step="monitoring",
)

DIALOGUE = Table(
    "dialogue",
    "DialogueEntry",
    (
        Field("date", N_("Date"), "date", _places(FORM, TABLE)),
        Field("with_", N_("With"), "links", _places(FORM, TABLE), links="stakeholders", key="with"),
        Field("form", N_("Form"), "choice", _places(FORM, TABLE), vocabulary="form"),
        Field(
            "summary",
            N_("Summary"),
            "text",
            _places(FORM, TABLE),
            placeholder=N_("what was said, in a few words"),
        ),
        Field(
            "next_steps",
            N_("Next steps"),
            "text",
            _places(FORM),
            placeholder=N_("what was agreed, by whom, by when"),
        ),
        Field(
            "recommendations",
            N_("Recommendations"),
            "links",
            _places(FORM),
            links="recommendations",
            form_label=N_("Recommend."),
        ),
    ),
)

MONITORING = Table(
    "monitoring",
    "Monitoring",
    (
        Field(
            "cadence",
            N_("Review cadence"),
            "choice",
            _places(FORM, ROOM, REPORT, CALENDAR),
            vocabulary="cadence",
            form_label=N_("Cadence"),
        ),
        Field("next_review", N_("Next review"), "date", _places(FORM, ROOM, REPORT, CALENDAR)),
    ),
    step="monitoring",
)

ACTION_UPDATES = Table(
    "reviews.updates",
    "ActionUpdate",
    (
        Field("action", N_("Action"), "link", _places(FORM, REPORT), links="actions"),
        Field("status", N_("Status"), "choice", _places(FORM, REPORT), vocabulary="status"),
        Field("done", N_("Done"), "text", _places(FORM, REPORT)),
        Field("not_done", N_("Not done"), "text", _places(FORM, REPORT)),
        Field("why", N_("Why"), "line", _places(FORM, REPORT)),
        Field("note", N_("Note"), "text", _places(FORM, REPORT), team_only=True),
        # Re-dates the action itself, which is what the exports show.
        Field("due", N_("Due"), "date", _places(FORM)),
    ),
)

READINGS = Table(
    "reviews.measurements",
    "Measurement",
    (
        Field("indicator", N_("Indicator"), "link", _places(FORM, REPORT, CSV), links="indicators"),
        Field("value", N_("Reading"), "number", _places(FORM, REPORT, CSV)),
        Field("note", N_("Note"), "text", _places(FORM, REPORT, CSV)),
    ),
)

RECOMMENDATION_UPDATES = Table(
    "reviews.recommendations",
    "RecommendationUpdate",
    (
        Field(
            "recommendation", N_("Recommendation"), "link", _places(FORM), links="recommendations"
        ),
        Field(
            "implementation",
            N_("Implementation"),
            "choice",
            _places(FORM, CSV),
            vocabulary="implementation",
        ),
        Field("done", N_("Done"), "text", _places(FORM, CSV)),
        Field("not_done", N_("Not done"), "text", _places(FORM, CSV)),
        Field("why", N_("Why"), "choices", _places(FORM, CSV), vocabulary="why"),
        Field("follow_up", N_("Follow-up"), "text", _places(FORM, CSV)),
    ),
)

REVIEWS = Table(
    "reviews",
    "Review",
    (
        Field("id", N_("Review id"), "id"),
        Field("date", N_("Date"), "date", _places(FORM, REPORT, CALENDAR)),
        Field("facilitator", N_("Facilitator"), "line", _places(FORM, REPORT, CALENDAR)),
        Field("summary", N_("Summary"), "text", _places(FORM, REPORT, CALENDAR)),
        Field("revisit_problem", N_("Problem to revisit"), "flag", _places(FORM, REPORT)),
        Field("updates", N_("Actions"), "items", _places(FORM, REPORT), table=ACTION_UPDATES),
        Field("measurements", N_("Readings"), "items", _places(FORM, REPORT), table=READINGS),
        Field(
            "recommendations",
            N_("Recommendations"),
            "items",
            _places(FORM),
            table=RECOMMENDATION_UPDATES,
        ),
    ),
)

PARKING_LOT = Table(
    "parking_lot",
    "ParkingItem",
    (
        Field("id", N_("Point id"), "id"),
        Field("text", N_("Point"), "text", _places(FORM, REPORT)),
        Field("step", N_("Step"), "line"),
        Field("status", N_("Status"), "choice"),
        Field("action", N_("Action"), "link", links="actions"),
    ),
    step="monitoring",
)

CONFLICTS = Table("conflicts", "Conflict", (Field("path", N_("Where"), "line"),))

PLAN = Table(
    "",
    "Plan",
    (
        Field("schema_version", N_("Format version"), "version"),
        Field("id", N_("Plan id"), "id", EXPORTS),
        Field("title", N_("Title"), "line", _places(FORM, REPORT, CSV, CALENDAR)),
        Field("language", N_("Language"), "line"),
        Field("created", N_("Created"), "date", _places(REPORT)),
        Field("workshop", N_("Workshop"), "table", _places(FORM, REPORT), table=WORKSHOP),
        Field("problem", N_("Problem analysis"), "table", EVERYWHERE, table=PROBLEM),
        Field(
            "stakeholders",
            N_("Partners and stakeholders"),
            "items",
            EVERYWHERE,
            table=STAKEHOLDERS,
        ),
        Field("team_roles", N_("Team roles"), "items", _places(FORM), table=TEAM_ROLES),
        Field(
            "recommendations",
            N_("Recommendations"),
            "items",
            _places(FORM, CSV, CALENDAR),
            table=RECOMMENDATIONS,
        ),
        Field("vision", N_("Visualising the change"), "table", EVERYWHERE, table=VISION),
        Field("actions", N_("Actions"), "items", EVERYWHERE, table=ACTIONS),
        Field("documentation", N_("Documentation"), "table", EVERYWHERE, table=DOCUMENTATION),
        Field("indicators", N_("Success indicators"), "items", EVERYWHERE, table=INDICATORS),
        Field("dialogue", N_("Dialogue log"), "items", _places(FORM), table=DIALOGUE),
        Field("monitoring", N_("Monitoring"), "table", EVERYWHERE, table=MONITORING),
        Field("reviews", N_("Reviews"), "items", _places(FORM, REPORT, CALENDAR), table=REVIEWS),
        Field("parking_lot", N_("Parking lot"), "items", _places(FORM, REPORT), table=PARKING_LOT),
        Field("conflicts", N_("Conflicts"), "items", _places(FORM), table=CONFLICTS),
    ),
)


def tables(root: Table = PLAN) -> list[Table]:
    """Every table of the catalogue, the plan first, each before the tables it holds."""
    found = [root]
    for f in root.fields:
        if f.table is not None:
            found.extend(tables(f.table))
    return found


#: The tables of items by their list in the plan (`actions`, `stakeholders`...).
ITEMS: dict[str, Table] = {
    f.name: f.table for f in PLAN.fields if f.value == "items" and f.table is not None
}
#: Each step's plain tables (`[problem]`, `[vision]`...), in the order the step shows them.
STEP_TABLES: dict[str, tuple[Table, ...]] = {
    "problem": (WORKSHOP, PROBLEM),
    "vision": (VISION,),
    "planning": (DOCUMENTATION,),
    "monitoring": (MONITORING,),
}
