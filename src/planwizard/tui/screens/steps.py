"""The wizard: one screen per step of the method, sharing one base class.

Each screen shows the stepper, the step's fields, its guiding questions beside them and
what is still missing. Every change goes through the editing session, which saves at
once; screens never touch the file themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, Select, SelectionList, Static, TextArea

from planwizard import method
from planwizard.dates import format_date
from planwizard.drafts import FormDraft
from planwizard.i18n import _
from planwizard.method import STEPS
from planwizard.model import Plan
from planwizard.session import (
    SaveOutcome,
    Session,
    get_field,
    set_field,
)
from planwizard.text import one_line
from planwizard.tui import disk_watch
from planwizard.tui.item_kinds import (
    ACTIONS,
    INDICATORS,
    ITEM_KINDS,
    STAKEHOLDERS,
    owner_suggestions,
    status_hint,
)
from planwizard.tui.item_kinds_recommendations import (
    recommendation_guidances,
)
from planwizard.tui.screens.dialogs import (
    comments_question,
)
from planwizard.tui.screens.item_editing import ItemTableEditing
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
    holds_typed_text,
)
from planwizard.tui.widgets.guide import Guide
from planwizard.tui.widgets.items_table import ItemsTable
from planwizard.tui.widgets.parking_review import ParkingReview
from planwizard.tui.widgets.quick_add import QuickAdd
from planwizard.tui.widgets.stepper import Stepper
from planwizard.tui.widgets.title_bar import TitleBar


def row(label: str, widget: Widget) -> Horizontal:
    """A label and its field on one line, as forms read at 80 columns."""
    return Horizontal(Label(Content(label), classes="field-label"), widget, classes="field-row")


# ------------------------------------------------------------------ the base


class StepScreen(ItemTableEditing):
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

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_typing(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.show_typing(event.text_area)

    def show_typing(self, field: Widget) -> None:
        """A key typed in `field`: the other fields are looked at only when this one
        holds nothing new (a letter typed must redraw little, see SteadyInput)."""
        if holds_typed_text(field):
            self.query_one(TitleBar).show(self.session, typing=True)
        else:
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
        from planwizard.tui.screens.review_start import open_review

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
