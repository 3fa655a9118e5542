"""The wizard: one screen per step of the method, sharing one base class.

Each screen shows the stepper, the step's fields, its guiding questions beside them and
what is still missing. Every change goes through the editing session, which saves at
once; screens never touch the file themselves.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList, Static, TextArea
from textual.widgets.select import InvalidSelectValueError

from planwizard import method
from planwizard.dates import format_date
from planwizard.drafts import FormDraft
from planwizard.i18n import _
from planwizard.method import STEPS
from planwizard.session import (
    SaveOutcome,
    Session,
    get_field,
    set_field,
)
from planwizard.text import one_line
from planwizard.tui.item_kinds import (
    ITEM_KINDS,
)
from planwizard.tui.item_kinds_recommendations import (
    recommendation_guidances,
)
from planwizard.tui.parts.item_editing import ItemTableEditing
from planwizard.tui.steady import settle_cursors
from planwizard.tui.step_forms import CatalogueForm
from planwizard.tui.styles import beside
from planwizard.tui.widgets.checklist import Checklist
from planwizard.tui.widgets.date_input import DateField
from planwizard.tui.widgets.fields import (
    ChoiceField,
    FieldDone,
    LineField,
    MultiChoiceField,
    TextField,
    holds_typed_text,
)
from planwizard.tui.widgets.footer import KeysFooter
from planwizard.tui.widgets.guide import Guide
from planwizard.tui.widgets.items_table import ItemsTable
from planwizard.tui.widgets.stepper import Stepper
from planwizard.tui.widgets.title_bar import TitleBar, save_state
from planwizard.tui.wizard import wizard

# ------------------------------------------------------------------ the base


class StepScreen(ItemTableEditing):
    """One step of the method. Subclasses say which, and compose their fields."""

    STEP: ClassVar[str] = "problem"
    # Loaded with the first step screen, so that the home screen starts with less to parse.
    CSS_PATH = beside(__file__)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    #: The field the group lands on (see arrive). Textual's own first focus goes there
    #: too, rather than to the form's scroll box and then away, which styled the whole
    #: form twice more as a plan opened.
    FIRST_FIELD = "#form LineField, #form TextArea, #form ItemsTable"
    AUTO_FOCUS = FIRST_FIELD

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

    #: Its changes are written on the session's thread (the screen answers first).
    writes_later = True

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        #: An item form's draft to open again once the screen is up (restored by the user).
        self.form_to_restore: FormDraft | None = None
        #: (attribute, item id): the item to put the cursor on once up (see focus_item).
        self.focus_on: tuple[str, str] | None = None

    def rebuilt(self) -> StepScreen:
        """A fresh copy on the same session, in the current interface language (the
        screens kept for the other steps, in the old one, go)."""
        screen = wizard(self).fresh_step_screen(self.session, self.STEP)
        assert isinstance(screen, StepScreen)
        return screen

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield self.compose_title_bar()
        with Horizontal(id="stepbar"):
            yield Stepper(self.STEP, id="stepper")
            yield self.timer_badge()
        with Horizontal(id="body"):
            with VerticalScroll(id="form"):
                yield from self.compose_form()
            yield Guide(*self.guidances(), id="guide")
        yield Checklist(self.STEP, id="checklist")
        yield KeysFooter()

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
        first = self.query(self.FIRST_FIELD).first()
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

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_typing(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.show_typing(event.text_area)

    def show_typing(self, field: Widget) -> None:
        """A key typed in `field`: the other fields are looked at only when this one
        holds nothing new (a letter typed must redraw little, see SteadyInput)."""
        if holds_typed_text(field):
            text, unsaved, pending = save_state(self.session, typing=True)
            self.query_one(TitleBar).say(self.bar_title(), text, unsaved=unsaved, pending=pending)
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

    def after_save(self, outcome: SaveOutcome) -> bool:
        asked = super().after_save(outcome)
        self.refresh_state()
        self.take_news()  # a partner's change merged as ours was saved
        if self.session.can_undo != self._undo_offered:
            self._undo_offered = self.session.can_undo
            self.refresh_bindings()  # Undo shows in the footer once there is one
        return asked

    _undo_offered = False

    def comments_answered(self) -> None:
        self.refresh_state()

    # -- showing the plan ------------------------------------------------------

    def refresh_state(self) -> None:
        """The title bar and the timers (the checklist and the parking review listen to
        the plan: `PlanScreen.plan_changed`)."""
        self.show_save_state()
        self.refresh_room()

    def show_plan(self) -> None:
        """Show the session's plan (changed by an undo, someone else, another screen),
        leaving the field being typed alone."""
        plan = self.plan
        for field in self.fields():
            value = get_field(plan, field.path)
            if field.has_focus_within and field.parsed() == value:
                field.mark_saved()  # what is typed is what the plan holds: keep the cursor
                continue
            # A choice this version does not offer stays in the plan as it is.
            with contextlib.suppress(InvalidSelectValueError):
                field.load(value)
        self.refresh_tables()
        self.refresh_state()
        self.refresh_bindings()

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
        wizard(self).go_to_step(self.session, step, restore)

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
        self.save_pending()
        self.leave_step(carry=False)
        wizard(self).leave_plan(self.session)

    def action_save(self) -> None:
        self.save_pending()
        error = self.session.save()
        if error is None:
            self.notify(_("Saved to {file}").format(file=self.session.path.name), timeout=2)
        self.refresh_state()
        self.take_news()

    def action_undo(self) -> None:
        self.save_pending()
        outcome = self.session.undo()
        if not outcome.changed:
            self.notify(_("Nothing to undo"), timeout=2)
            return
        self.plan_changed()  # the fields and tables, then what the change says
        self.after_save(outcome)
        self.notify(_("Undone"), timeout=2)

    def action_history(self) -> None:
        self.save_pending()
        wizard(self).open_history(self.session)

    def action_review(self) -> None:
        """A review of this plan, on this editing session (Ctrl+R, as on the home screen)."""
        self.save_pending()
        self.leave_step(carry=False)
        wizard(self).review_plan(self.session.path, session=self.session)

    def action_dialogue(self) -> None:
        """The dialogue log of this plan, on this editing session (Ctrl+D)."""
        self.save_pending()
        wizard(self).open_dialogue(self.session)

    def action_missing(self) -> None:
        """Every gap of this step in full, one per line (the status line groups them)."""
        from planwizard.checklist import step_gaps
        from planwizard.tui.help import HelpScreen

        gaps = step_gaps(self.plan, self.STEP)
        if not gaps:
            self.notify(_("✓ Nothing missing at this step."), timeout=3)
            return
        text = "\n".join(f"• {one_line(gap.message)}" for gap in gaps)
        self.app.push_screen(HelpScreen(_("Still to discuss at this step"), text, []))

    def action_toggle_guide(self) -> None:
        self.query_one("#guide").toggle_class("-hidden")

    #: Shown again by a step switch (see `action_go`): then it arrives as a new one would.
    arriving = False

    def on_screen_suspend(self) -> None:
        self.save_pending()
        self._shown_at = self.session.revision

    def on_screen_resume(self) -> None:
        # Back from another step, a review or a resolved conflict that changed the plan:
        # show the plan as it is now (what did not change is left as it is).
        if not self.plan_changed():
            self.show_save_state()  # a save elsewhere may have ended a NOT SAVED
        if self.arriving:
            self.arriving = False
            self.take_over_timer()
            self.refresh_room()
            self.arrive()
            self.refresh_bindings()  # a screen built ahead: its keys as they are now
        wizard(self).prebuild_steps_of(self.session, self.STEP)


# ------------------------------------------------------------------ the steps


class ProblemScreen(CatalogueForm, StepScreen):
    STEP = "problem"

    def guidances(self) -> list[method.Guidance]:
        wording = self.plan.workshop.questions
        return [
            method.step_guidance("problem", wording),
            method.partner_guidance(wording),
            *recommendation_guidances(self.plan),
        ]


class VisionScreen(CatalogueForm, StepScreen):
    STEP = "vision"


class PlanningScreen(CatalogueForm, StepScreen):
    STEP = "planning"


class MonitoringScreen(CatalogueForm, StepScreen):
    STEP = "monitoring"


STEP_SCREENS: dict[str, type[StepScreen]] = {
    "problem": ProblemScreen,
    "vision": VisionScreen,
    "planning": PlanningScreen,
    "monitoring": MonitoringScreen,
}


def make_step_screen(step: str, session: Session) -> StepScreen:
    return STEP_SCREENS[step](session)
