"""The wizard: one screen per step of the method, sharing one base class.

Each screen shows the stepper, the step's fields, its guiding questions beside them and
what is still missing. Every change goes through the editing session, which saves at
once; screens never touch the file themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Footer, Label, Select, SelectionList, Static

from planwizard import fields, method
from planwizard.dates import format_date
from planwizard.drafts import FormDraft, discard_form_draft, read_form_draft
from planwizard.i18n import _
from planwizard.method import STEPS
from planwizard.model import STATUSES, Action, Indicator, Plan, Stakeholder
from planwizard.session import (
    SaveOutcome,
    Session,
    fresh_id,
    get_field,
    move_item,
    remove_action,
    remove_indicator,
    remove_stakeholder,
    set_field,
)
from planwizard.text import one_line
from planwizard.tui import disk_watch
from planwizard.tui.item_kinds_recommendations import (
    action_recommendations_field,
    item_kinds,
    recommendation_guidances,
)
from planwizard.tui.room_screen import RoomScreen
from planwizard.tui.safe import cell
from planwizard.tui.screens.dialogs import (
    ConfirmScreen,
    FormDraftPrompt,
    FormField,
    ItemForm,
    comments_question,
)
from planwizard.tui.screens.step_recommendations import RecommendationsSection
from planwizard.tui.steady import settle_cursors
from planwizard.tui.widgets.checklist import Checklist
from planwizard.tui.widgets.date_input import DateField
from planwizard.tui.widgets.fields import (
    ChoiceField,
    FieldDone,
    LineField,
    LinesField,
    MultiChoiceField,
    TextField,
)
from planwizard.tui.widgets.guide import Guide
from planwizard.tui.widgets.items_table import TABLE_KEYS, ItemsTable
from planwizard.tui.widgets.parking_review import ParkingReview
from planwizard.tui.widgets.quick_add import QuickAdd
from planwizard.tui.widgets.review_bits import status_keys
from planwizard.tui.widgets.stepper import Stepper


class TitleBar(Horizontal):
    """The plan's title and file, and whether everything is on disk."""

    def compose(self) -> ComposeResult:
        yield Static("", id="title-text")
        yield Static("", id="save-state")

    #: What the bar shows now: each key typed asks again, and an update of the same
    #: words would still lay the whole screen out again.
    _shown: tuple[str, str, bool, bool] | None = None

    def show(self, session: Session, *, typing: bool = False) -> None:
        """`typing`: a field holds typed text not on disk yet (saved at the pause)."""
        name = one_line(session.plan.title) or _("(untitled)")
        title = f"{name} · {one_line(session.path.name)}"
        unsaved = session.unsaved
        pending = (typing or session.writing) and not session.unsaved
        text = (
            _("NOT SAVED")
            if session.unsaved
            else _("typing… not saved yet")
            if typing
            else _("saving…")
            if session.writing
            else _("saved")
        )
        if session.plan.conflicts:
            count = len(session.plan.conflicts)
            text = _("conflicts: {count} (^g)").format(count=count) + " · " + text
        shown = (title, text, unsaved, pending)
        if shown == self._shown:
            return
        self._shown = shown
        self.query_one("#title-text", Static).update(Content(title))
        state = self.query_one("#save-state", Static)
        state.set_class(unsaved, "-unsaved")
        state.set_class(pending, "-pending")
        state.update(Content(text))


def row(label: str, widget: Widget) -> Horizontal:
    """A label and its field on one line, as forms read at 80 columns."""
    return Horizontal(Label(Content(label), classes="field-label"), widget, classes="field-row")


# ------------------------------------------------------------------ item kinds


@dataclass(frozen=True)
class ItemKind:
    """How one list of the plan (actions, stakeholders, indicators) is shown and edited."""

    attribute: str
    id_kind: str
    model: type[BaseModel]
    columns: Callable[[], list[str]]
    narrow: tuple[int, ...]
    cells: Callable[[Any], list[Text]]
    form: Callable[[Any, Plan], list[FormField]]
    remove: Callable[[Plan, str], str]
    heading_new: Callable[[], str]
    heading_edit: Callable[[], str]
    label: Callable[[Any], str]
    #: Columns shown on a wide table (default: all).
    wide: tuple[int, ...] | None = None
    #: The table's rows (key, cells) when cells need the plan or items have no id (team
    #: roles); default: each item's id and `cells`.
    rows: Callable[[Plan], list[tuple[str, list[Text]]]] | None = None
    #: The cells show the item's own fields only (no other item's name, say): a row
    #: is then made again only when its item changed (see ItemsTable.rows_for).
    own_cells: bool = False


def owner_suggestions(plan: Plan) -> list[str]:
    """People and bodies the room already named: participants, facilitators, partners."""
    names: list[str] = []
    for name in (
        *plan.workshop.participants,
        *plan.workshop.facilitators,
        *(s.name for s in plan.stakeholders),
        *(a.owner for a in plan.actions),
    ):
        clean = one_line(name)
        if clean and clean not in names:
            names.append(clean)
    return names


def status_hint() -> str:
    """The keys that give an action its status from the table, in the interface language:
    the review's letter, or the status's number where the table uses the letter."""
    keys = status_keys()
    parts = []
    for number, status in enumerate(STATUSES, start=1):
        key = keys.get(status, "")
        shown = key if key and key not in TABLE_KEYS else str(number)
        parts.append(f"{shown} {STATUS_MARKS[status]} {method.label('status', status)}")
    return _("status: {keys}").format(keys=" · ".join(parts))


def _choices(vocabulary: str) -> list[tuple[str, str]]:
    return [(label, value) for value, label in method.labels(vocabulary).items()]


#: How an action's title looks by status.
ACTION_STYLES = {"done": "dim", "dropped": "dim strike", "blocked": "bold red"}
#: The status in one character, for the narrow table's status column (F1 and the hint
#: under the table say which key gives which).
STATUS_MARKS = {
    "planned": "○",
    "in-progress": "◐",
    "done": "●",
    "blocked": "■",
    "dropped": "✗",
}


def catalogue_columns(table: fields.Table) -> list[str]:
    """An item table's column headers: the catalogue's table fields (planwizard.fields)."""
    return fields.headers(table, fields.TABLE)


def catalogue_cells(
    table: fields.Table, item: Any, styles: dict[str, str] | None = None
) -> list[Text]:
    """An item's cells in the catalogue's table columns; `styles`: by field name."""
    styles = styles or {}
    return [
        cell(fields.show(f, item, fields.TABLE), styles.get(f.name, ""))
        for f in table.shown(fields.TABLE)
    ]


def catalogue_positions(table: fields.Table, *names: str) -> tuple[int, ...]:
    """Where the named fields' columns are in the item table: the narrow table's columns
    named rather than counted, so that a column added to the catalogue moves none."""
    shown = [f.name for f in table.shown(fields.TABLE)]
    return tuple(shown.index(name) for name in names)


def _action_cells(a: Action) -> list[Text]:
    look = ACTION_STYLES.get(a.status, "")
    status = "dim" if a.status == "dropped" else ""
    return [
        *catalogue_cells(fields.ACTIONS, a, {"title": look, "status": status}),
        cell(STATUS_MARKS.get(a.status, "?"), look),
    ]


ACTIONS = ItemKind(
    attribute="actions",
    id_kind="action",
    model=Action,
    # Then the status in one character, for the narrow table.
    columns=lambda: [*catalogue_columns(fields.ACTIONS), ""],
    # At 80 columns: the status as a mark, and the title over as many lines as it needs.
    narrow=(
        *catalogue_positions(fields.ACTIONS, "title", "owner", "due"),
        len(fields.ACTIONS.shown(fields.TABLE)),  # the mark, after the catalogue's columns
    ),
    wide=tuple(range(len(fields.ACTIONS.shown(fields.TABLE)))),
    cells=_action_cells,
    form=lambda a, plan: [
        FormField("title", _("Action"), value=a.title if a else ""),
        FormField(
            "owner",
            _("Owner"),
            value=a.owner if a else "",
            suggestions=owner_suggestions(plan),
            placeholder=_("who will act (→ accepts a suggestion)"),
        ),
        FormField("due", _("Due"), "date", value=a.due if a else None),
        FormField(
            "status",
            _("Status"),
            "choice",
            value=a.status if a else "planned",
            choices=_choices("status"),
        ),
        FormField(
            "kind", _("Kind"), "choice", value=a.kind if a else None, choices=_choices("kind")
        ),
        FormField(
            "level",
            _("Authority"),
            "choice",
            value=a.level if a else None,
            choices=_choices("level"),
        ),
        FormField("strategy", _("Strategy"), value=a.strategy if a else ""),
        *action_recommendations_field(a, plan),
    ],
    remove=remove_action,
    heading_new=lambda: _("New action"),
    heading_edit=lambda: _("Edit action"),
    label=lambda a: a.title,
    own_cells=True,
)

STAKEHOLDERS = ItemKind(
    attribute="stakeholders",
    id_kind="stakeholder",
    model=Stakeholder,
    columns=lambda: catalogue_columns(fields.STAKEHOLDERS),
    narrow=catalogue_positions(fields.STAKEHOLDERS, "name", "role", "trust"),
    cells=lambda s: catalogue_cells(fields.STAKEHOLDERS, s),
    form=lambda s, plan: [
        FormField(
            "name",
            _("Name"),
            value=s.name if s else "",
            suggestions=[one_line(p) for p in plan.workshop.participants],
        ),
        FormField("role", _("Role"), value=s.role if s else ""),
        FormField(
            "trust",
            _("Trust"),
            value=s.trust if s else "",
            placeholder=_("do those affected trust them?"),
        ),
        FormField(
            "relationships",
            _("Relations"),
            value=s.relationships if s else "",
            placeholder=_("respected by those who work with those affected?"),
        ),
        FormField(
            "risks",
            _("Risks"),
            value=s.risks if s else "",
            placeholder=_("reputation, lack of experience…"),
        ),
        FormField(
            "champion",
            _("Champion"),
            value=s.champion if s else "",
            placeholder=_("who carries the change inside?"),
        ),
        FormField("focal_point", _("Focal point"), value=s.focal_point if s else ""),
    ],
    remove=remove_stakeholder,
    heading_new=lambda: _("New partner or stakeholder"),
    heading_edit=lambda: _("Edit partner or stakeholder"),
    label=lambda s: s.name,
    own_cells=True,
)

INDICATORS = ItemKind(
    attribute="indicators",
    id_kind="indicator",
    model=Indicator,
    columns=lambda: catalogue_columns(fields.INDICATORS),
    narrow=catalogue_positions(fields.INDICATORS, "name", "baseline", "target"),
    cells=lambda i: catalogue_cells(
        fields.INDICATORS, i, {"name": "dim strike" if i.dropped else ""}
    ),
    form=lambda i, plan: [
        FormField("name", _("Indicator"), value=i.name if i else ""),
        FormField("unit", _("Unit"), value=i.unit if i else "", placeholder=_("%, people, days…")),
        FormField("baseline", _("Baseline"), "number", value=i.baseline if i else None),
        FormField("target", _("Target"), "number", value=i.target if i else None),
        FormField(
            "source",
            _("Source"),
            value=i.source if i else "",
            placeholder=_("where the figure comes from"),
        ),
        FormField(
            "owner", _("Owner"), value=i.owner if i else "", suggestions=owner_suggestions(plan)
        ),
    ],
    remove=remove_indicator,
    heading_new=lambda: _("New success indicator"),
    heading_edit=lambda: _("Edit success indicator"),
    label=lambda i: i.name,
    own_cells=True,
)

ITEM_KINDS = {kind.attribute: kind for kind in (ACTIONS, STAKEHOLDERS, INDICATORS, *item_kinds())}
#: The step whose table each kind of item is edited in (team roles keep no form draft).
TABLE_STEPS = {
    "stakeholders": "problem",
    "recommendations": "problem",
    "actions": "planning",
    "indicators": "monitoring",
}


# ------------------------------------------------------------------ the base


class StepScreen(RoomScreen):
    """One step of the method. Subclasses say which, and compose their fields."""

    STEP: ClassVar[str] = "problem"
    # Loaded with the first step screen, so that the home screen starts with less to parse.
    CSS_PATH = str(Path(__file__).resolve().parent.parent / "steps.tcss")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", _("Help")),
        Binding("ctrl+n", "next_step", _("Next")),
        Binding("ctrl+b", "previous_step", _("Back")),
        Binding("ctrl+z", "undo", _("Undo"), priority=True),
        # Every field is saved as it is left, so Save is the key the footer can spare at
        # 80 columns (in French it pushed Plans off); it stays in F1 and the palette.
        Binding("ctrl+s", "save", _("Save"), show=False),
        Binding("escape", "home", _("Plans")),
        Binding("f2", "go('problem')", _("Step 1: problem"), show=False),
        Binding("f3", "go('vision')", _("Step 2: vision"), show=False),
        Binding("f4", "go('planning')", _("Step 3: planning"), show=False),
        Binding("f5", "go('monitoring')", _("Step 4: monitoring"), show=False),
        Binding("f6", "toggle_guide", _("Questions"), show=False),
        Binding("ctrl+r", "review", _("Review"), show=False),
        Binding("ctrl+y", "history", _("Reviews history"), show=False),
        Binding("ctrl+g", "resolve", _("Conflicts")),
        Binding("ctrl+l", "app.share", _("Share"), show=False, priority=True),
        Binding("ctrl+o", "missing", _("What is missing"), show=False),
        # Priority: from a field too (where Ctrl+D would delete the character on the right).
        Binding("ctrl+d", "dialogue", _("Dialogue log"), show=False, priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._asking_comments = False
        #: An item form's draft to open again once the screen is up (restored by the user).
        self.form_to_restore: FormDraft | None = None
        #: (attribute, item id): the item to put the cursor on once up (see focus_item).
        self.focus_on: tuple[str, str] | None = None

    @property
    def plan(self) -> Plan:
        return self.session.plan

    def rebuilt(self) -> StepScreen:
        """A fresh copy on the same session, in the current interface language (the
        screens kept for the other steps, in the old one, go)."""
        app = self.app
        app.forget_steps(self.session)  # type: ignore[attr-defined]
        screen: StepScreen = app.step_screen(self.STEP, self.session)  # type: ignore[attr-defined]
        return screen

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar(id="titlebar")
        with Horizontal(id="stepbar"):
            yield Stepper(self.STEP, id="stepper")
            yield self.timer_badge()
        with Horizontal(id="body"):
            with VerticalScroll(id="form"):
                yield from self.compose_form()
            yield Guide(*self.guidances(), id="guide")
        yield Checklist(id="checklist")
        yield Footer()

    def compose_form(self) -> Iterable[Widget]:
        return ()

    def guidances(self) -> list[method.Guidance]:
        return [method.step_guidance(self.STEP, self.plan.workshop.questions)]

    def section(self, title: str) -> Static:
        return Static(Content(title), classes="section-title")

    def on_mount(self) -> None:
        self._shown_at = self.session.revision  # the fields were composed from it
        settle_cursors(self)
        self.refresh_state()
        self.refresh_tables()
        self.arrive()

    def arrive(self) -> None:
        """The group comes to this step: the first field has focus, and a form's draft
        waiting for this step opens (at the first showing, and at each step switch)."""
        first = self.query("#form LineField, #form TextArea, #form ItemsTable").first()
        first.focus()
        if self.focus_on is not None:
            # Once: a later visit to this kept screen lands where the step starts.
            target, self.focus_on = self.focus_on, None
            self.focus_item(*target)
        if self.form_to_restore is not None:
            draft, self.form_to_restore = self.form_to_restore, None
            self.call_after_refresh(self.restore_form, draft)

    # -- saving ----------------------------------------------------------------

    def fields(self) -> list[Any]:
        return [
            w
            for w in self.query("#form *")
            if isinstance(w, LineField | TextField | DateField | ChoiceField | MultiChoiceField)
        ]

    def on_field_done(self, message: FieldDone) -> None:
        message.stop()
        self.save_field(message.field)

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.select, ChoiceField):
            self.save_value(event.select.path, event.select.parsed())

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        field = event.selection_list
        if isinstance(field, MultiChoiceField):
            current = list(get_field(self.plan, field.path))
            ticked = field.parsed()
            if set(current) == set(ticked):
                return  # same choices: the order in the file is kept as it was
            kept = [value for value in current if value in ticked]
            self.save_value(field.path, kept + [v for v in ticked if v not in kept])

    def save_field(self, field: Any) -> None:
        if not field.edited:
            return
        self.save_value(field.path, field.parsed())
        field.mark_saved()
        self.show_save_state()

    def typing(self) -> bool:
        """Whether a field holds typed text that is not in the plan yet."""
        for field in self.fields():
            if isinstance(field, LineField | TextField) and field.edited:
                return True
            if isinstance(field, DateField):
                shown = format_date(field.loaded) if field.loaded else ""
                if field.error is not None or field.input.value.strip() != shown:
                    return True
        return False

    def show_save_state(self) -> None:
        self.query_one(TitleBar).show(self.session, typing=self.typing())

    def on_input_changed(self) -> None:
        self.show_save_state()

    def on_text_area_changed(self) -> None:
        self.show_save_state()

    def save_value(self, path: str, value: Any) -> None:
        if get_field(self.plan, path) == value:
            return
        self.change(lambda plan: set_field(plan, path, value))

    def save_pending(self) -> None:
        """Save the field being typed in (before leaving, undoing or quitting)."""
        for date_field in self.query(DateField):
            if date_field.input.has_focus:
                date_field.confirm()
        for field in self.fields():
            if isinstance(field, LineField | TextField | DateField):
                self.save_field(field)

    def change(self, edit: Callable[[Plan], Any]) -> SaveOutcome | None:
        """Apply one change through the session and show what became of it."""
        try:
            # Written on the session's thread: the screen answers first (the title bar
            # says "saving…" until the write is in, see PlanWizardApp.on_plan_written).
            later = bool(getattr(self.app, "write_later", False))
            outcome = self.session.apply(edit, later=later)
        except ValueError as exc:
            self.notify(one_line(str(exc), 300), title=_("Not changed"), severity="error")
            return None
        self.after_save(outcome)
        return outcome

    def after_save(self, outcome: SaveOutcome) -> None:
        if outcome.needs_comment_consent and not (
            self.session.drop_comments or self.session.comments_declined or self._asking_comments
        ):
            self._ask_about_comments()
        elif outcome.error is not None and not self.session.comments_declined:
            self.notify(
                one_line(outcome.error.render(), 300),
                title=_("Not saved: the change is kept in memory"),
                severity="error",
            )
        self.refresh_state()
        disk_watch.after_change(self)
        if self.session.can_undo != self._undo_offered:
            self._undo_offered = self.session.can_undo
            self.refresh_bindings()  # Undo shows in the footer once there is one

    _undo_offered = False

    def _ask_about_comments(self) -> None:
        self._asking_comments = True

        def answered(agreed: bool | None) -> None:
            self._asking_comments = False
            error = self.session.consent_to_drop_comments(bool(agreed))
            if agreed and error is not None:
                self.notify(one_line(error.render(), 300), severity="error")
            self.refresh_state()

        self.app.push_screen(comments_question(self.session.path.name), answered)

    # -- showing the plan ------------------------------------------------------

    def refresh_state(self) -> None:
        self.show_save_state()
        self.query_one(Checklist).show_plan(self.plan, self.STEP)
        self.refresh_room()

    def refresh_fields(self) -> None:
        for field in self.fields():
            field.load(get_field(self.plan, field.path))

    def refresh_tables(self, keep: str | None = None) -> None:
        for table in self.query(ItemsTable):
            kind = ITEM_KINDS[table.kind]
            items = getattr(self.plan, kind.attribute)
            if kind.rows is not None:
                table.fill(kind.rows(self.plan), keep=keep)
            elif kind.own_cells:
                table.fill(table.rows_for(items, kind.cells), keep=keep)
            else:
                table.fill([(item.id, kind.cells(item)) for item in items], keep=keep)

    # -- item tables -----------------------------------------------------------

    def focus_item(self, attribute: str, item_id: str) -> bool:
        """Focus the table of `attribute` (its ItemsTable's kind), its cursor on the row of
        `item_id`; False, changing nothing, when this step has no such table or row."""
        for table in self.query(ItemsTable):
            if table.kind == attribute and table.select_item(item_id):
                table.focus()
                return True
        return False

    def on_items_table_requested(self, message: ItemsTable.Requested) -> None:
        message.stop()
        kind = ITEM_KINDS[message.table.kind]
        items: list[Any] = getattr(self.plan, kind.attribute)
        item = next((i for i in items if i.id == message.item_id), None)
        if message.what == "add":
            if not self.open_quick_add(kind.attribute):
                self._edit_item(kind, None)
        elif item is None:
            return
        elif message.what == "edit":
            self._edit_item(kind, item)
        elif message.what == "delete":
            self._delete_item(kind, item)
        elif message.what == "status" and isinstance(item, Action):
            self._set_status(item.id, message.status)
        elif message.what in ("up", "down"):
            offset = -1 if message.what == "up" else 1
            item_id = item.id

            def move(plan: Plan) -> None:
                group = getattr(plan, kind.attribute)
                index = next(n for n, i in enumerate(group) if i.id == item_id)
                move_item(group, index, offset)

            self.change(move)
            self.refresh_tables(keep=item_id)

    def _set_status(self, action_id: str, status: str) -> None:
        def edit(plan: Plan) -> None:
            action = plan.action(action_id)
            if action is not None:
                action.status = status  # type: ignore[assignment]

        self.change(edit)
        self.refresh_tables(keep=action_id)

    def _edit_item(self, kind: ItemKind, item: Any, typed: FormDraft | None = None) -> None:
        """Open the item form on `item` (None: a new one), with the `typed` text of a
        restored draft over the item's values when given."""
        item_id = item.id if item is not None else None
        heading = kind.heading_edit() if item is not None else kind.heading_new()

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            new_id = item_id or fresh_id(self.plan, kind.id_kind)

            def edit(plan: Plan) -> None:
                group = getattr(plan, kind.attribute)
                target = next((i for i in group if i.id == new_id), None)
                if target is None:
                    group.append(kind.model(id=new_id, **values))
                    return
                for name, value in values.items():
                    if getattr(target, name) != value:
                        setattr(target, name, value)

            self.change(edit)
            self.refresh_tables(keep=new_id)

        draft = FormDraft(
            self.plan.id, kind.attribute, item_id, dict(typed.values) if typed else {}
        )
        form = ItemForm(
            heading, kind.form(item, self.plan), draft=draft, plan_path=self.session.path
        )
        self.app.push_screen(form, done)

    def restore_form(self, draft: FormDraft) -> None:
        """Open the form a draft was typed in, with its text (an edit of an item deleted
        meanwhile opens as a new item: the user chose that when offered the draft)."""
        kind = ITEM_KINDS[draft.table]
        items: list[Any] = getattr(self.plan, kind.attribute)
        item = next((i for i in items if i.id == draft.item_id), None)
        self._edit_item(kind, item, draft)

    def restore_on_its_step(self, draft: FormDraft) -> None:
        """Restore a form's draft on the step whose table it belongs to."""
        step = TABLE_STEPS[draft.table]
        if step == self.STEP:
            self.restore_form(draft)
        else:
            self.action_go(step, restore=draft)

    def offer_form_draft(self) -> None:
        """An item form of this plan was left before Save (a killed terminal): offer it
        back. Nothing is applied without the user's say; "later" keeps the draft."""
        path = self.session.path
        saved = read_form_draft(path)
        if saved is None or saved.plan_id != self.plan.id:
            return
        if saved.table == "dialogue":  # an entry of the dialogue log (its own screen)
            from planwizard.tui.screens.dialogue import offer_dialogue_draft

            offer_dialogue_draft(self, saved)
            return
        kind = ITEM_KINDS[saved.table]
        items: list[Any] = getattr(self.plan, kind.attribute)
        gone = saved.is_edit and not any(i.id == saved.item_id for i in items)
        first = next((text for text in saved.values.values() if text.strip()), "")
        label = one_line(first, 60) or "…"
        if gone:
            heading = kind.heading_edit()
            question = _(
                "“{heading}” was left open before Save, with this text: “{label}”. That "
                "item has been deleted since. Add the text as a new item?"
            ).format(heading=heading, label=label)
            restore = _("Add as new (r)")
        else:
            heading = kind.heading_edit() if saved.is_edit else kind.heading_new()
            question = _(
                "“{heading}” was left open before Save, with this text: “{label}”. "
                "Open the form again with what was typed?"
            ).format(heading=heading, label=label)
            restore = _("Restore (r)")

        def answered(answer: str | None) -> None:
            if answer == "restore":
                self.restore_on_its_step(saved.as_new() if gone else saved)
            elif answer == "discard":
                discard_form_draft(path)

        self.app.push_screen(FormDraftPrompt(question, restore), answered)

    def _delete_item(self, kind: ItemKind, item: Any) -> None:
        item_id = item.id
        label = one_line(kind.label(item), 60) or item_id
        measure_again = isinstance(item, Indicator) and item.dropped is not None

        def done(agreed: bool | None) -> None:
            if not agreed:
                return
            result: list[str] = []
            self.change(lambda plan: result.append(kind.remove(plan, item_id)))
            if result == ["dropped"] and kind is INDICATORS:
                self.notify(
                    _(
                        "Reviews hold readings of this indicator: it is marked no longer "
                        "measured, and its readings stay. Del on it again measures it again."
                    ),
                    title=_("Kept, no longer measured"),
                )
            elif result == ["dropped"]:
                self.notify(
                    _("Reviews refer to this action: it is marked dropped, not deleted."),
                    title=_("Kept as dropped"),
                )
            elif result == ["linked"]:
                self.notify(
                    _(
                        "Recommendations, team roles or the dialogue log name this "
                        "stakeholder: it is kept."
                    ),
                    title=_("Kept"),
                )
            elif result == ["measured"]:
                self.notify(_("“{label}” is measured again.").format(label=label), timeout=3)
            self.refresh_tables()

        if measure_again:
            question = _("“{label}” is no longer measured. Measure it again?").format(label=label)
            self.app.push_screen(ConfirmScreen(question, _("Measure again")), done)
            return
        self.app.push_screen(
            ConfirmScreen(_("Delete “{label}”?").format(label=label), _("Delete")), done
        )

    # -- navigation ------------------------------------------------------------

    def action_go(self, step: str, restore: FormDraft | None = None) -> None:
        """Go to `step` (`restore`: then open that form's draft there)."""
        if step == self.STEP:
            return
        self.save_pending()
        self.leave_step(carry=True)
        screen: StepScreen = self.app.step_screen(step, self.session)  # type: ignore[attr-defined]
        screen.form_to_restore = restore
        if screen.is_mounted:
            screen.arriving = True  # kept from an earlier visit: arrives as it resumes
        self.app.switch_screen(screen)

    def action_next_step(self) -> None:
        index = STEPS.index(self.STEP)
        if index + 1 < len(STEPS):
            self.action_go(STEPS[index + 1])

    def action_previous_step(self) -> None:
        index = STEPS.index(self.STEP)
        if index > 0:
            self.action_go(STEPS[index - 1])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        index = STEPS.index(self.STEP)
        if action == "next_step" and index == len(STEPS) - 1:
            return None
        if action == "previous_step" and index == 0:
            return None
        if action == "undo" and not self.session.can_undo:
            return None
        # Hidden, not greyed, while there is nothing to resolve.
        return bool(self.plan.conflicts) if action == "resolve" else True

    def on_stepper_step_clicked(self, message: Stepper.StepClicked) -> None:
        self.action_go(message.step)

    def action_home(self) -> None:
        from planwizard.tui.unsaved import leave_safely

        self.save_pending()
        self.leave_step(carry=False)
        session, app = self.session, self.app

        def leave() -> None:
            from planwizard.tui.screens.home import plan_left

            app.forget_steps(session)  # type: ignore[attr-defined]
            plan_left(app, session)
            app.pop_screen()

        leave_safely(app, session, leave)

    def action_save(self) -> None:
        self.save_pending()
        error = self.session.save()
        if error is None:
            self.notify(_("Saved to {file}").format(file=self.session.path.name), timeout=2)
        self.refresh_state()
        disk_watch.after_change(self)

    def action_undo(self) -> None:
        self.save_pending()
        outcome = self.session.undo()
        if not outcome.changed:
            self.notify(_("Nothing to undo"), timeout=2)
            return
        self.refresh_fields()
        self.refresh_tables()
        self.after_save(outcome)
        self.refresh_bindings()
        self.notify(_("Undone"), timeout=2)

    def action_history(self) -> None:
        from planwizard.tui.screens.history import HistoryScreen

        self.save_pending()
        self.app.push_screen(HistoryScreen(self.session))

    def action_review(self) -> None:
        """A review of this plan, on this editing session (Ctrl+R, as on the home screen)."""
        from planwizard.tui.screens.review import open_review

        self.save_pending()
        self.leave_step(carry=False)
        open_review(self.app, self.session.path, session=self.session)

    def action_dialogue(self) -> None:
        """The dialogue log of this plan, on this editing session (Ctrl+D)."""
        from planwizard.tui.screens.dialogue import DialogueScreen

        self.save_pending()
        self.app.push_screen(DialogueScreen(self.session))

    def action_missing(self) -> None:
        """Every gap of this step in full, one per line (the status line groups them)."""
        from planwizard.checklist import step_gaps
        from planwizard.tui.screens.help import HelpScreen

        gaps = step_gaps(self.plan, self.STEP)
        if not gaps:
            self.notify(_("✓ Nothing missing at this step."), timeout=3)
            return
        text = "\n".join(f"• {one_line(gap.message)}" for gap in gaps)
        self.app.push_screen(HelpScreen(_("Still to discuss at this step"), text, []))

    def action_resolve(self) -> None:
        disk_watch.open_resolve(self)

    def check_disk(self) -> None:
        """Called by the app's timer: take in someone else's change to the file."""
        disk_watch.check_disk(self)

    def action_toggle_guide(self) -> None:
        self.query_one("#guide").toggle_class("-hidden")

    #: The session's revision this screen last showed (when built, when left).
    _shown_at = -1
    #: Shown again by a step switch (see `action_go`): then it arrives as a new one would.
    arriving = False

    def on_screen_suspend(self) -> None:
        self.save_pending()
        self._shown_at = self.session.revision

    def on_screen_resume(self) -> None:
        # Back from another step, a review or a resolved conflict that changed the plan:
        # show the plan as it is now (what did not change is left as it is).
        if self._shown_at != self.session.revision:
            self.refresh_fields()
            self.refresh_tables()
            self.refresh_state()
        else:
            self.show_save_state()  # a save elsewhere may have ended a NOT SAVED
        self._shown_at = self.session.revision
        if self.arriving:
            self.arriving = False
            self.take_over_timer()
            self.refresh_room()
            self.arrive()


# ------------------------------------------------------------------ the steps


class ProblemScreen(StepScreen):
    STEP = "problem"

    def compose_form(self) -> Iterable[Widget]:
        plan = self.plan
        yield self.section(_("Workshop"))
        yield row(_("Title"), LineField("title", plan.title, id="title"))
        yield row(_("Date"), DateField("workshop.date", plan.workshop.date, id="workshop-date"))
        yield row(_("Place"), LineField("workshop.place", plan.workshop.place, id="place"))
        yield row(
            _("Facilitators"),
            LinesField(
                "workshop.facilitators",
                plan.workshop.facilitators,
                placeholder=_("one per line"),
                id="facilitators",
            ),
        )
        yield row(
            _("Participants"),
            LinesField(
                "workshop.participants",
                plan.workshop.participants,
                placeholder=_("one per line"),
                id="participants",
            ),
        )
        yield self.section(method.step_title("problem"))
        yield row(
            _("Problem"),
            TextField(
                "problem.statement",
                plan.problem.statement,
                placeholder=_("the practical problem, as the group states it"),
                id="statement",
            ),
        )
        yield row(
            _("Origin"),
            ChoiceField(
                "problem.origin", method.labels("origin"), plan.problem.origin, id="origin"
            ),
        )
        yield row(
            _("Concerns"),
            MultiChoiceField(
                "problem.concerns",
                method.labels("concerns"),
                list(plan.problem.concerns),
                id="concerns",
            ),
        )
        yield Static(Content(_("↑ ↓ choose, Space ticks or unticks, Tab goes on")), classes="hint")
        yield row(
            _("Level of resolution"),
            ChoiceField("problem.scope", method.labels("scope"), plan.problem.scope, id="scope"),
        )
        yield row(_("Notes"), TextField("problem.notes", plan.problem.notes, id="notes"))
        yield self.section(_("Partners and stakeholders"))
        yield ItemsTable(
            "stakeholders", STAKEHOLDERS.columns(), STAKEHOLDERS.narrow, id="stakeholders"
        )
        yield Static(Content(_("a add · e edit · del delete · [ ] move")), classes="table-hint")
        yield RecommendationsSection(plan)  # folded to one line while the plan has none

    def guidances(self) -> list[method.Guidance]:
        wording = self.plan.workshop.questions
        return [
            method.step_guidance("problem", wording),
            method.partner_guidance(wording),
            *recommendation_guidances(self.plan),
        ]


class VisionScreen(StepScreen):
    STEP = "vision"

    def compose_form(self) -> Iterable[Widget]:
        plan = self.plan
        yield self.section(method.step_title("vision"))
        yield row(
            _("Vision"),
            TextField(
                "vision.statement",
                plan.vision.statement,
                placeholder=_("the best outcome, in concrete terms"),
                id="vision",
            ),
        )
        yield Static(
            Content(_("Example: “{example}”").format(example=method.vision_example())),
            classes="hint",
        )
        yield row(
            _("Outcomes"),
            LinesField(
                "vision.outcomes",
                plan.vision.outcomes,
                placeholder=_("what would show it is reached, one per line"),
                id="outcomes",
            ),
        )


class PlanningScreen(StepScreen):
    STEP = "planning"

    def compose_form(self) -> Iterable[Widget]:
        plan = self.plan
        yield self.section(_("Actions"))
        yield ItemsTable(
            "actions",
            ACTIONS.columns(),
            ACTIONS.narrow,
            wide=ACTIONS.wide,
            status_keys=True,
            wrap_first=True,
            id="actions",
        )
        yield QuickAdd(
            "actions", "actions", names=lambda: owner_suggestions(self.plan), id="quick-add"
        )
        yield Static(
            Content(_("a add · e edit · del delete · [ ] move") + "\n" + status_hint()),
            classes="table-hint",
        )
        yield self.section(_("Documentation"))
        yield row(
            _("Who documents"),
            LineField(
                "documentation.owner",
                plan.documentation.owner,
                suggester=SuggestFromList(owner_suggestions(plan), case_sensitive=False),
                id="doc-owner",
            ),
        )
        yield row(
            _("How"),
            LineField(
                "documentation.method",
                plan.documentation.method,
                placeholder=_("minutes, shared notes…"),
                id="doc-method",
            ),
        )
        yield row(
            _("Shared with"),
            LinesField(
                "documentation.audience",
                plan.documentation.audience,
                placeholder=_("one per line"),
                id="doc-audience",
            ),
        )


class MonitoringScreen(StepScreen):
    STEP = "monitoring"

    def compose_form(self) -> Iterable[Widget]:
        plan = self.plan
        yield self.section(_("Success indicators"))
        yield ItemsTable("indicators", INDICATORS.columns(), INDICATORS.narrow, id="indicators")
        yield Static(Content(_("a add · e edit · del delete · [ ] move")), classes="table-hint")
        yield self.section(_("Reviews"))
        yield row(
            _("Cadence"),
            ChoiceField(
                "monitoring.cadence",
                method.labels("cadence"),
                plan.monitoring.cadence,
                id="cadence",
            ),
        )
        yield row(
            _("Next review"),
            DateField("monitoring.next_review", plan.monitoring.next_review, id="next-review"),
        )
        yield ParkingReview(id="parking-review")


STEP_SCREENS: dict[str, type[StepScreen]] = {
    "problem": ProblemScreen,
    "vision": VisionScreen,
    "planning": PlanningScreen,
    "monitoring": MonitoringScreen,
}


def make_step_screen(step: str, session: Session) -> StepScreen:
    return STEP_SCREENS[step](session)
