"""The plan's fields, described once: label, kind of value, placeholder, where each shows.

Every table of the plan file (the plan itself, each step's plain table, each kind of item)
is a :class:`Table` of :class:`Field`, in the model's order. The exports (CSV, the
Markdown/HTML report, iCalendar), the room view and the item tables loop over these
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

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from planwizard import method
from planwizard.i18n import N_, _, format_number, long_date, short_date
from planwizard.text import one_line, strip_control

# -- where a field appears ------------------------------------------------------------

FORM = "form"  #: the step's form, or the item's add/edit form
TABLE = "table"  #: a column of the item table on the step screen
ROOM = "room"  #: the room view (F9), on the wall
REPORT = "report"  #: the Markdown/HTML report
CSV = "csv"  #: the spreadsheet export
CALENDAR = "calendar"  #: the iCalendar export
PLACES = (FORM, TABLE, ROOM, REPORT, CSV, CALENDAR)

# -- kinds of value -------------------------------------------------------------------
#: line: one line of text; text: several lines; lines: a list of text, one per line;
#: date; choice: one word of `vocabulary` (planwizard.method); choices: several; number;
#: flag: yes or no; id: the item's own id; link: the id of another item (`links` says
#: which list); links: several; table / items: a nested table, or a list of them;
#: version: the format version; seconds: seconds per step.
VALUE_KINDS = (
    "line",
    "text",
    "lines",
    "date",
    "choice",
    "choices",
    "number",
    "flag",
    "id",
    "link",
    "links",
    "table",
    "items",
    "version",
    "seconds",
)

#: A special case: (item, place, plan) -> the text shown. `plan` may be None where the
#: caller has none; a formatter that needs it shows the raw value then.
Formatter = Callable[[Any, str, Any], str]


@dataclass(frozen=True)
class Field:
    """One field of a table of the plan file."""

    name: str  #: the attribute in planwizard.model
    label: str  #: message id: column header, report and export label
    value: str  #: kind of value, one of VALUE_KINDS
    places: frozenset[str] = frozenset()
    vocabulary: str = ""  #: for choice(s): the vocabulary in planwizard.method
    links: str = ""  #: for link(s): the list of the plan the ids name
    placeholder: str = ""  #: message id: the hint in an empty form field
    form_label: str = ""  #: message id, when the form (and the wall) says it shorter
    #: Left out of the partners' version of the report (what the group says of others,
    #: internal notes).
    team_only: bool = False
    #: What the group says of a partner: on the wall only when the facilitator asks.
    analysis: bool = False
    key: str = ""  #: the name in the file, when it is not `name` (`with`, a keyword)
    table: Table | None = None  #: for table / items: the nested table
    show: Formatter | None = None  #: a special case of how the value reads

    @property
    def file_key(self) -> str:
        return self.key or self.name

    def title(self) -> str:
        """The label in the interface language."""
        return _(self.label)

    def form_title(self) -> str:
        return _(self.form_label or self.label)

    def hint(self) -> str:
        return _(self.placeholder) if self.placeholder else ""


@dataclass(frozen=True)
class Table:
    """A table of the plan file: a step's plain table, or one kind of item."""

    name: str  #: where it sits: `actions`, `workshop`, `reviews.updates`
    model: str  #: the class in planwizard.model
    fields: tuple[Field, ...]
    step: str = ""  #: the step of the method whose screen edits it

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def shown(self, place: str, *, team: bool = True) -> list[Field]:
        """The fields shown in `place`, in order (`team=False`: the partners' version)."""
        return [f for f in self.fields if place in f.places and (team or not f.team_only)]


def _places(*places: str) -> frozenset[str]:
    return frozenset(places)


EVERYWHERE = _places(FORM, TABLE, ROOM, REPORT, CSV, CALENDAR)
EXPORTS = _places(REPORT, CSV)

# -- how a value reads ----------------------------------------------------------------


def word(vocabulary: str, value: str | None) -> str:
    """A vocabulary value in words; one outside the vocabulary (from a newer planwizard,
    or a vocabulary that has no words) as written."""
    if value is None:
        return ""
    words = method.labels(vocabulary) if vocabulary else {}
    return words.get(value, one_line(value))


def _separator(place: str) -> str:
    # A spreadsheet cell lists with semicolons: a comma may be the decimal mark.
    return "; " if place == CSV else ", "


def _date(day: dt.date, place: str) -> str:
    if place in (CSV, CALENDAR, FORM):
        return day.isoformat()  # for machines, and what a date field shows back
    return short_date(day) if place == TABLE else long_date(day)


def _linked(ids: Iterable[str], links: str, plan: Any) -> list[str]:
    """Linked ids as their items' names where the plan has them (stakeholders and
    indicators by name, actions by title), as ids otherwise (recommendations, which are
    known by id, and items that are gone)."""
    if plan is None or links not in ("stakeholders", "actions", "indicators"):
        return [one_line(i) for i in ids]
    attribute = "title" if links == "actions" else "name"
    names = {
        item.id: one_line(getattr(item, attribute)) or item.id for item in getattr(plan, links)
    }
    return [names.get(i, one_line(i)) for i in ids]


def value_text(field: Field, value: Any, place: str, plan: Any = None) -> str:
    """`value` of `field` as `place` shows it, control characters removed (not escaped:
    each format escapes its own way)."""
    kind = field.value
    if value is None or (kind != "flag" and value in ("", [], {})):
        return ""
    if kind == "choice":
        return word(field.vocabulary, value)
    if kind == "choices":
        return _separator(place).join(word(field.vocabulary, v) for v in value)
    if kind == "date":
        return _date(value, place)
    if kind == "number":
        return format_number(value, grouping=place != CSV)
    if kind == "flag":
        return _("yes") if value else _("no")
    if kind == "lines":
        return _separator(place).join(one_line(v) for v in value if v.strip())
    if kind == "links":
        return _separator(place).join(_linked(value, field.links, plan))
    if kind == "link":
        return _linked([value], field.links, plan)[0]
    return strip_control(str(value))


def show(field: Field, item: Any, place: str, plan: Any = None) -> str:
    """The field of `item` as `place` shows it (its formatter, if it has one)."""
    if field.show is not None:
        return field.show(item, place, plan)
    return value_text(field, getattr(item, field.name), place, plan)


def row(table: Table, item: Any, place: str, plan: Any = None, *, team: bool = True) -> list[str]:
    """An item's cells for `place`, in the order of :meth:`Table.shown`."""
    return [show(f, item, place, plan) for f in table.shown(place, team=team)]


def headers(table: Table, place: str, *, team: bool = True) -> list[str]:
    return [f.title() for f in table.shown(place, team=team)]


def room_lines(field: Field, item: Any) -> list[str]:
    """The field on the wall: a text's paragraphs, each on one line (hard line breaks
    typed to fit an editor window would break the wall's lines in odd places), a list's
    items, a choice in words."""
    value = getattr(item, field.name)
    if field.value == "text":
        return [one_line(part) for part in re.split(r"\n\s*\n", value) if part.strip()]
    if field.value == "lines":
        return list(value)
    if field.value == "choices":
        return [word(field.vocabulary, v) for v in value]
    return [value_text(field, value, ROOM)]


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
# the loops over this catalogue; screens not yet driven by it (the step forms) are named
# too, so that the catalogue says where a field is, and tests compare them.

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
        Field(
            "priority", N_("Priority"), "choice", _places(FORM, TABLE, CSV), vocabulary="priority"
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
