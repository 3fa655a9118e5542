"""Small dialogs: yes/no confirmations, a title prompt, and the form for one item.

The item form keeps a draft of what is typed in it on disk (planwizard.drafts) a pause
after the typing stops, as the wizard's fields are saved: a killed terminal loses at most
the last second. Save or Cancel deletes the draft; the next opening of the plan offers
it back (FormDraftPrompt).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widgets import Button, Footer, Input, Label, Select, SelectionList, Static

from planwizard.drafts import FormDraft, discard_form_draft, save_form_draft
from planwizard.i18n import _
from planwizard.model import Number
from planwizard.storage import PlanError
from planwizard.text import one_line, strip_control
from planwizard.tui.steady import settle_cursors
from planwizard.tui.widgets.date_input import DateField
from planwizard.tui.widgets.fields import LineField, MultiChoiceField


class ConfirmScreen(ModalScreen[bool]):
    """A question the user answers yes or no; `y`, `n` and Escape work as well as clicks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # `o` as in « oui »: a French room answers with it.
        Binding("y,o", "answer(True)", _("Yes")),
        Binding("n,escape", "answer(False)", _("No")),
    ]

    def __init__(self, question: str, yes: str, no: str = "") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no or _("Cancel")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # The question may quote a plan's title: literal content, never markup.
            yield Static(Content(strip_control(self.question)), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(self.yes), id="yes", variant="error", compact=True)
                yield Button(Content(self.no), id="no", compact=True)
        # The dialog's own keys, not those of the screen beneath it.
        yield Footer()

    def on_mount(self) -> None:
        settle_cursors(self)
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class AudienceScreen(ModalScreen[str | None]):
    """Ask who a report is for before writing it: partners (safe to send) or the team.

    The partners' version is the one focused, so that Enter never sends the group's own
    analysis of the people it works with outside by mistake.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "choose('partners')", _("Partners"), show=False),
        # `t` as in team, `e` as in « équipe ».
        Binding("t,e", "choose('team')", _("Team"), show=False),
        Binding("escape", "choose(None)", _("Cancel")),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(_("Who is this report for?")), classes="dialog-question")
            yield Static(
                Content(
                    _(
                        "The partners' version leaves out the stakeholder analysis (trust, "
                        "relationships, risks, champions), the parking lot and internal notes."
                    )
                ),
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    Content(_("Partners, authorities")),
                    id="partners",
                    variant="primary",
                    compact=True,
                )
                yield Button(Content(_("The team only")), id="team", compact=True)
                yield Button(Content(_("Cancel")), id="cancel", compact=True)

    def on_mount(self) -> None:
        settle_cursors(self)
        self.query_one("#partners", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id if event.button.id in ("partners", "team") else None)

    def action_choose(self, audience: str | None) -> None:
        self.dismiss(audience)


def comments_question(file_name: str, *, review: bool = False) -> ConfirmScreen:
    """Ask whether to save a file without its hand-written comments.

    planwizard writes plans canonically and cannot keep `# ...` comments; it never drops
    them without asking. Declining keeps the changes (or the review) in memory only.
    """
    if review:
        question = _(
            "{file} has hand-written comments (# ...) that saving from planwizard would "
            "remove. Save without them? If not, the review stays in memory only and the "
            "file is left as it is."
        )
    else:
        question = _(
            "{file} has hand-written comments (# ...) that saving from planwizard would "
            "remove. Save without them? If not, changes stay in memory only and the file "
            "is left as it is."
        )
    return ConfirmScreen(
        question.format(file=file_name), _("Save without comments"), _("Keep them, don't save")
    )


class TitlePrompt(ModalScreen[str | None]):
    """Ask for a plan's title (new plan, or a copy as a template)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", _("Cancel"))]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), classes="dialog-question")
            yield Input(strip_control(self.value), id="title", compact=True)
            yield Static("", id="title-error", classes="form-error", markup=False)
            yield Static(Content(_("Enter to confirm, Escape to cancel")), classes="dialog-hint")
        yield Footer()

    def on_mount(self) -> None:
        settle_cursors(self)
        self.query_one("#title", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        title = event.value.strip()
        if not title:
            self.query_one("#title-error", Static).update(Content(_("a title is needed")))
            return
        self.dismiss(title)

    def action_cancel(self) -> None:
        self.dismiss(None)


# ------------------------------------------------------------------ item form


@dataclass
class FormField:
    """One field of an item form: where it goes, how it is typed, what it holds."""

    name: str
    label: str
    kind: str = "text"  # text | date | choice | number | multi (several of `choices`)
    value: Any = None
    choices: Sequence[tuple[str, str]] = ()  # (label, value)
    #: For a choice: whether it may be left "not decided" (False: a value is required).
    blank: bool = True
    suggestions: Sequence[str] = field(default_factory=list)
    placeholder: str = ""
    #: For a date: the day quick forms count from and before which a date is flagged
    #: (a review's date); None: today, nothing flagged.
    base: dt.date | None = None


def parse_number(text: str) -> Number | None:
    """A figure as typed (`12`, `12.5`, `12,5`); empty is none; raise ValueError if not one."""
    cleaned = "".join(text.split()).replace("\u202f", "").replace(",", ".")
    if not cleaned:
        return None
    value = float(cleaned)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(cleaned)
    whole = value.is_integer() and "." not in cleaned and abs(value) < 2**63
    return int(value) if whole else value  # 1e307 stays a float: TOML integers are 64-bit


class FormTicks(MultiChoiceField):
    """Several choices in a form: Space ticks, Enter goes on to the next field as in the
    form's other fields (see PlanWizardApp.action_enter_moves_on)."""

    enter_moves_on = True


class ItemForm(ModalScreen[dict[str, Any] | None]):
    """Edit one action, stakeholder or indicator; returns the new values, or None."""

    # A blank line between fields only when the terminal is tall enough for it.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", _("Save")),
        Binding("escape", "cancel", _("Cancel")),
    ]

    def __init__(
        self,
        heading: str,
        fields: Sequence[FormField],
        *,
        draft: FormDraft | None = None,
        plan_path: Path | None = None,
    ) -> None:
        """`draft` and `plan_path`: keep a draft of the typed text for that plan file
        (`draft` says which table and item; its values, when any, are typed text the
        form opens with: a draft restored)."""
        super().__init__()
        self.heading = heading
        self.fields = list(fields)
        self.draft = draft
        self.plan_path = plan_path
        #: Each field's text as the form opened, before any restored text: no draft
        #: is kept while the form still says just that.
        self.opened: dict[str, str] | None = None
        self._draft_timer: Timer | None = None
        #: Whether typed text waits for the pause to be kept as a draft.
        self.draft_pending = False
        #: Whether the plan's draft file is this form's (written by it, or restored into
        #: it): only then may the form delete it. Another form's draft, left for later,
        #: is not this form's to drop.
        self.owns_draft = draft is not None and bool(draft.values)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog item-form"):
            yield Static(Content(self.heading), classes="dialog-title")
            with VerticalScroll(classes="form-fields"), Grid(classes="form-grid"):
                for spec in self.fields:
                    yield Label(Content(spec.label), classes="field-label")
                    widget = self._widget(spec)
                    yield widget
                    if isinstance(widget, MultiChoiceField):
                        # Its rows beside empty labels: the grid's rows are one line high.
                        yield from (Label("") for _n in range(widget.styles.row_span - 1))
            yield Static("", id="form-error", classes="form-error", markup=False)
            yield Static(
                Content(_("Enter: next field · Ctrl+S: save · Esc: cancel")), classes="dialog-hint"
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(_("Save")), id="save", variant="primary", compact=True)
                yield Button(Content(_("Cancel")), id="cancel", compact=True)
        yield Footer()

    def _widget(self, spec: FormField) -> Any:
        widget_id = f"field-{spec.name}"
        if spec.kind == "date":
            return DateField(
                spec.name, spec.value, base=spec.base, not_before=spec.base, id=widget_id
            )
        if spec.kind == "multi":
            ticks = FormTicks(
                spec.name,
                {value: label for label, value in spec.choices},
                list(spec.value or []),
                id=widget_id,
            )
            rows = max(1, min(ticks.option_count, 5))
            ticks.styles.height = rows
            ticks.styles.row_span = rows
            ticks.styles.overflow_x = "hidden"
            return ticks
        if spec.kind == "choice":
            return Select(
                [(Content(label), value) for label, value in spec.choices],
                value=spec.value if spec.value is not None else Select.NULL,
                allow_blank=spec.blank,
                prompt=_("(not decided)"),
                compact=True,
                id=widget_id,
            )
        if spec.kind == "number":
            text = "" if spec.value is None else str(spec.value)
            return LineField(spec.name, text, placeholder=spec.placeholder, id=widget_id)
        suggester = (
            SuggestFromList(spec.suggestions, case_sensitive=False) if spec.suggestions else None
        )
        return LineField(
            spec.name,
            spec.value or "",
            placeholder=spec.placeholder,
            suggester=suggester,
            id=widget_id,
        )

    def on_mount(self) -> None:
        settle_cursors(self)
        first = self.fields[0]
        self.query_one(f"#field-{first.name}").focus()
        # Enter on the last field saves the form: that one submits as usual.
        last = self.query_one(f"#field-{self.fields[-1].name}")
        if isinstance(last, LineField):
            last.enter_moves_on = False
        if self.draft is not None:
            # Now, before any key is read: keys typed at once after `e` count as typed.
            self._open_draft()

    # -- the draft on disk -----------------------------------------------------

    def _open_draft(self) -> None:
        """Note the text as opened, then put back the restored draft's text, if any."""
        assert self.draft is not None
        self.opened = self.texts()
        for spec in self.fields:
            text = self.draft.values.get(spec.name)
            if text is None:
                continue
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, MultiChoiceField):
                widget.load([line for line in text.splitlines() if line])
            elif isinstance(widget, DateField):
                widget.input.value = text
                widget.confirm()
            elif isinstance(widget, Select):
                if not text:
                    widget.clear()
                elif any(text == value for _label, value in spec.choices):
                    widget.value = text
            elif isinstance(widget, Input):
                widget.value = text

    def texts(self) -> dict[str, str]:
        """Every field's value as typed, as text (what a draft keeps)."""
        found: dict[str, str] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, MultiChoiceField):
                found[spec.name] = "\n".join(widget.parsed())
            elif isinstance(widget, DateField):
                found[spec.name] = widget.input.value
            elif isinstance(widget, Select):
                found[spec.name] = "" if widget.is_blank() else str(widget.value)
            elif isinstance(widget, Input):
                found[spec.name] = widget.value
        return found

    def on_input_changed(self, event: Input.Changed) -> None:
        self.draft_changed()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.draft_changed()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        self.draft_changed()

    def draft_changed(self) -> None:
        """Keep the typed text as a draft once the typing pauses (the app's save pause;
        None, as in tests: no timer, the test calls write_draft)."""
        if self.draft is None or self.opened is None:
            return
        self.draft_pending = True
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        pause = getattr(self.app, "save_pause", None)
        if pause is not None:
            self._draft_timer = self.set_timer(pause, self.write_draft, name="form-draft")

    def write_draft(self) -> None:
        """Keep what was typed on disk (or no draft, when the form says what it opened with)."""
        self._stop_draft_timer()
        if self.draft is None or self.plan_path is None or self.opened is None:
            return
        texts = self.texts()
        if texts == self.opened:
            self._drop_draft()
            return
        draft = FormDraft(self.draft.plan_id, self.draft.table, self.draft.item_id, texts)
        try:
            save_form_draft(draft, self.plan_path)
            self.owns_draft = True
        except (PlanError, OSError) as exc:
            reason = exc.render() if isinstance(exc, PlanError) else str(exc)
            self.notify(
                one_line(reason, 300),
                title=_("The form's text could not be kept on disk"),
                severity="warning",
            )

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        self.draft_pending = False

    def _drop_draft(self) -> None:
        """Saved into the plan, cancelled, or typed back as it was: no draft to keep."""
        self._stop_draft_timer()
        if self.owns_draft and self.plan_path is not None:
            discard_form_draft(self.plan_path)
            self.owns_draft = False

    # -- saving ----------------------------------------------------------------

    def values(self) -> dict[str, Any] | None:
        """The form's values, or None after showing why one of them is refused."""
        found: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, MultiChoiceField):
                found[spec.name] = widget.parsed()
            elif isinstance(widget, DateField):
                if widget.error is not None:
                    self._refuse(widget.input, widget.error)
                    return None
                found[spec.name] = widget.date
            elif isinstance(widget, Select):
                found[spec.name] = None if widget.is_blank() else widget.value
            elif isinstance(widget, Input):
                if spec.kind == "number":
                    try:
                        found[spec.name] = parse_number(widget.value)
                    except ValueError:
                        self._refuse(
                            widget,
                            _("{label}: {text!r} is not a number").format(
                                label=spec.label, text=widget.value
                            ),
                        )
                        return None
                else:
                    found[spec.name] = widget.value.strip()
        return found

    def _refuse(self, widget: Any, message: str) -> None:
        self.query_one("#form-error", Static).update(Content(strip_control(message)))
        widget.focus()

    def action_save(self) -> None:
        # A date still being typed is read first, so Ctrl+S right after typing keeps it.
        for date_field in self.query(DateField):
            if date_field.input.has_focus:
                date_field.confirm()
        values = self.values()
        if values is not None:
            self._drop_draft()
            self.dismiss(values)

    def action_cancel(self) -> None:
        self._drop_draft()
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter on the last field saves; elsewhere it moves on (LineField does that).
        last = self.fields[-1]
        if event.input.id == f"field-{last.name}":
            self.action_save()


class DraftPrompt(ModalScreen[str | None]):
    """Something typed and not saved yet was kept as a draft (a review, an item form):
    take it back, discard it, or decide later.

    Answers `KEEP` ("restore" here), "discard", or None (later: the draft stays)."""

    KEEP = "restore"
    LATER = "later"

    def __init__(self, question: str, keep_label: str, later_label: str) -> None:
        super().__init__()
        self.question = question
        self.keep_label = keep_label
        self.later_label = later_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # The question quotes typed text: literal content, never markup.
            yield Static(Content(strip_control(self.question)), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    Content(self.keep_label), id=self.KEEP, variant="primary", compact=True
                )
                yield Button(Content(_("Discard it (d)")), id="discard", compact=True)
                yield Button(Content(self.later_label), id=self.LATER, compact=True)
        yield Footer()

    def on_mount(self) -> None:
        settle_cursors(self)
        self.query_one(f"#{self.KEEP}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == self.LATER else event.button.id)

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)


class FormDraftPrompt(DraftPrompt):
    """An item form was left before Save: restore it, discard it, or decide later."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "answer('restore')", _("Restore")),
        Binding("d,a", "answer('discard')", _("Discard")),  # a as in « abandonner »
        Binding("escape", "answer(None)", _("Later")),
    ]

    def __init__(self, question: str, restore: str) -> None:
        super().__init__(question, restore, _("Later"))
