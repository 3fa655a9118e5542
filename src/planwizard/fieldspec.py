"""How a field of the plan is described and read: the vocabulary of planwizard.fields.

A :class:`Field` says a field's label, kind of value, placeholder and where it shows
(`PLACES`); a :class:`Table` holds a table's fields in the model's order. The functions
below read a field's value as each place shows it: words for people (a vocabulary in the
interface language, a long date, a grouped figure), codes for machines (an ISO date in a
spreadsheet or a calendar). The catalogue itself is planwizard.fields.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from planwizard import method
from planwizard.i18n import _, format_number, long_date, short_date
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
    #: The form's order when it is not the file's: these FORM fields first, in this
    #: order, then the others in the file's order.
    form_order: tuple[str, ...] = ()

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def form_fields(self) -> list[Field]:
        """The fields a form shows, in the form's order."""
        shown = self.shown(FORM)
        first = [self.field(name) for name in self.form_order]
        return [*first, *(f for f in shown if f not in first)]

    def shown(self, place: str, *, team: bool = True) -> list[Field]:
        """The fields shown in `place`, in order (`team=False`: the partners' version)."""
        return [f for f in self.fields if place in f.places and (team or not f.team_only)]


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
