"""The dialogue log: every exchange with the authorities, newest first; add or edit one.

Ctrl+D opens it from home (on the highlighted plan), from every step and from a review.
The screen is a thin shell over :func:`planwizard.recommendations.record_dialogue`: each
change goes through the editing session (saved at once, one Ctrl+Z takes it back), and a
written reply recorded here dates the reply of the recommendations it names and sets
their position. The entry form keeps a draft of what is typed in it, as the item forms
do (table "dialogue"), offered back at the plan's next opening.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable, Select, SelectionList, Static

from planwizard import clock, fields, method
from planwizard.dates import narrow_date, show_date
from planwizard.drafts import FormDraft, discard_form_draft
from planwizard.i18n import _, ngettext
from planwizard.model import DialogueEntry, Plan
from planwizard.recommendations import record_dialogue
from planwizard.session import Session
from planwizard.text import one_line, strip_control
from planwizard.tui import forms
from planwizard.tui.dialogs import (
    ConfirmScreen,
    FormDraftPrompt,
    FormField,
    ItemForm,
)
from planwizard.tui.plan_screen import PlanScreen
from planwizard.tui.safe import cell
from planwizard.tui.steady import settle_cursors
from planwizard.tui.styles import beside
from planwizard.tui.widgets.fields import MultiChoiceField
from planwizard.tui.widgets.footer import KeysFooter
from planwizard.tui.widgets.title_bar import plan_name, saved_or_not
from planwizard.tui.wizard import wizard

STYLES = beside(__file__)  # this screen's styles: the .tcss beside this module

#: The form draft's table for a dialogue entry (planwizard.drafts.FORM_TABLES).
TABLE = "dialogue"


def dialogue_help() -> str:
    """The method's words for the dialogue with the authorities (seed 000), then the keys."""
    return _(
        "The dialogue log: every exchange with the authorities about the recommendations, "
        "newest first.\n\n"
        "Dialogue takes different forms: bilateral meetings with one institution at a "
        "time; round tables between institutions on an issue that involves several "
        "authorities; informal exchanges by telephone or messaging with the focal point "
        "of each ministry, which build trust, overcome resistance and show the "
        "authorities' constraints; and written replies, asked for with a deadline. Discuss "
        "draft recommendations with the authorities early, so that they support them from "
        "the start. Target the relevant institutions and the key people in them, and "
        "engage regularly over time.\n\n"
        "a adds an exchange, e or Enter edits the highlighted one, Del deletes it. In the "
        "form: the date (today, 15/03, -2d…), with whom (space ticks a stakeholder), the "
        "form of the exchange, a summary, the next steps agreed and the recommendations "
        "concerned. A written reply dates the reply of the recommendations it concerns "
        "and, when you choose one, sets their position. Every change is saved at once; "
        "Ctrl+Z undoes it; Esc goes back."
    )


def entry_key(index: int, entry: DialogueEntry) -> str:
    """A row's key: the entry's place in the log and its date (entries carry no id)."""
    return f"{index}@{entry.date.isoformat()}"


def find_entry(plan: Plan, key: str | None) -> int | None:
    """The index of the entry `key` names, when it is still there with the same date."""
    if not key or "@" not in key:
        return None
    place, _sep, day = key.partition("@")
    if not place.isdigit():
        return None
    index = int(place)
    if index < len(plan.dialogue) and plan.dialogue[index].date.isoformat() == day:
        return index
    return None


def with_names(plan: Plan, entry: DialogueEntry) -> str:
    names = []
    for sid in entry.with_:
        found = plan.stakeholder(sid)
        names.append((found.name.strip() or sid) if found is not None else sid)
    return ", ".join(names)


def rec_label(plan: Plan, rec_id: str) -> str:
    rec = plan.recommendation(rec_id)
    if rec is None:
        return rec_id
    reference = one_line(rec.reference, 12)
    text = one_line(rec.text, 50)
    return f"{reference} {text}".strip() or rec.id


def stakeholder_choices(plan: Plan) -> dict[str, str]:
    return {s.id: one_line(s.name, 50) or s.id for s in plan.stakeholders}


def recommendation_choices(plan: Plan) -> dict[str, str]:
    return {r.id: rec_label(plan, r.id) for r in plan.recommendations}


def _ticks(choices: Callable[[Plan], dict[str, str]]) -> forms.Hook:
    """The log's own words for the items ticked (shorter than other forms')."""

    def hook(spec: FormField, item: Any, plan: Plan) -> FormField:
        found = [(label, code) for code, label in choices(plan).items()]
        return dataclasses.replace(spec, choices=found)

    return hook


#: The entry form's special cases (planwizard.tui.forms).
ENTRY_HOOKS: dict[str, forms.Hook] = {
    "date": forms.new_value(clock.today),
    "with_": _ticks(stakeholder_choices),
    "recommendations": _ticks(recommendation_choices),
}


def entry_fields(plan: Plan, entry: DialogueEntry | None) -> list[FormField]:
    """The catalogue's fields of an entry, then the position a written reply gives
    (not a field of the entry: record_dialogue sets it on the recommendations)."""
    position = FormField(
        "position", _("Position"), "choice", None, choices=forms.vocabulary_choices("position")
    )
    return forms.item_form(fields.DIALOGUE, entry, plan, hooks=ENTRY_HOOKS, extra=[position])


class DialogueForm(ItemForm):
    """The item form with two pick lists (with whom, the recommendations concerned)."""

    CSS_PATH = STYLES

    def _widget(self, spec: FormField) -> Any:
        if spec.kind == "multi":
            choices = {value: label for label, value in spec.choices}
            return MultiChoiceField(
                spec.name, choices, list(spec.value or []), id=f"field-{spec.name}"
            )
        if spec.name == "position":
            # Only a written reply gives a position: the prompt says so.
            return Select(
                [(Content(label), value) for label, value in spec.choices],
                value=Select.NULL,
                allow_blank=True,
                prompt=_("(for a written reply: the position it gives)"),
                compact=True,
                id=f"field-{spec.name}",
            )
        return super()._widget(spec)

    def _multi(self) -> list[tuple[FormField, MultiChoiceField]]:
        return [
            (spec, self.query_one(f"#field-{spec.name}", MultiChoiceField))
            for spec in self.fields
            if spec.kind == "multi"
        ]

    def texts(self) -> dict[str, str]:
        found = super().texts()
        for spec, widget in self._multi():
            found[spec.name] = " ".join(widget.parsed())
        return found

    def _open_draft(self) -> None:
        super()._open_draft()
        assert self.draft is not None
        for spec, widget in self._multi():
            text = self.draft.values.get(spec.name)
            if text is not None:
                widget.load([v for v in text.split() if v in widget._order])

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        self.draft_changed()

    def values(self) -> dict[str, Any] | None:
        found = super().values()
        if found is None:
            return None
        if found.get("date") is None:
            self._refuse(self.query_one("#field-date"), _("the date of the exchange is needed"))
            return None
        for spec, widget in self._multi():
            found[spec.name] = widget.parsed()
        # A position chosen is never dropped silently: it belongs to a written reply on
        # the recommendations it answers.
        if found.get("position") is not None:
            if found.get("form") != "written-reply":
                self._refuse(
                    self.query_one("#field-form"),
                    _(
                        "a position is given by a written reply: choose the form “written "
                        "reply”, or clear the position"
                    ),
                )
                return None
            if not found.get("recommendations"):
                self._refuse(
                    self.query_one("#field-recommendations"),
                    _("choose the recommendations whose position this reply gives"),
                )
                return None
        return found


def entry_from(values: dict[str, Any]) -> tuple[DialogueEntry, str | None]:
    """The entry the form describes, and the position its written reply gives (if any)."""
    entry = DialogueEntry(
        date=values["date"],
        with_=list(values.get("with") or []),
        form=values.get("form"),
        summary=values.get("summary") or "",
        next_steps=values.get("next_steps") or "",
        recommendations=list(values.get("recommendations") or []),
    )
    position = values.get("position") if entry.form == "written-reply" else None
    return entry, position


def put_entry(
    plan: Plan, replaced: int | None, entry: DialogueEntry, position: str | None
) -> list[str]:
    """Record `entry` (in date order), in place of the entry at `replaced` when given;
    the ids of the recommendations whose reply or position it changed."""
    if replaced is not None:
        plan.dialogue = [e for i, e in enumerate(plan.dialogue) if i != replaced]
    # A refused entry raises ValueError: the session puts the whole plan back.
    return record_dialogue(plan, entry, position)


class DialogueScreen(PlanScreen):
    """The dialogue log of one plan."""

    CSS_PATH = STYLES

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", _("Help")),
        Binding("a", "add", _("Add")),
        Binding("e", "edit", _("Edit")),
        Binding("delete,x", "delete", _("Delete"), key_display="Del", show=False),
        Binding("ctrl+z", "undo", _("Undo"), priority=True),
        Binding("escape", "back", _("Back")),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        #: A form's draft to open again once the screen is up (restored by the user).
        self.form_to_restore: FormDraft | None = None

    def help_text(self) -> tuple[str, str]:
        return _("Dialogue log"), dialogue_help()

    def rebuilt(self) -> DialogueScreen:
        """A fresh copy on the same session, in the current interface language."""
        return DialogueScreen(self.session)

    def news_taken(self, changed: bool, conflicts: bool) -> None:
        """A partner's change taken in (an exchange arriving by Share): shown, as the
        steps do (the conflicts are settled from a step, Ctrl+G)."""
        if changed or conflicts:
            self.show()

    def compose(self) -> ComposeResult:
        yield self.compose_title_bar()
        yield Static(
            Content(_("a adds an exchange · Enter edits · Del deletes · F1: the method")),
            id="dialogue-intro",
        )
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, id="dialogue-log")
        yield table
        yield Static("", id="dialogue-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        settle_cursors(self)
        self.show()
        self.query_one("#dialogue-log", DataTable).focus()
        if self.form_to_restore is not None:
            draft, self.form_to_restore = self.form_to_restore, None
            self.call_after_refresh(self.restore_form, draft)

    # -- showing ---------------------------------------------------------------

    def show(self, keep: str | None = None) -> None:
        plan = self.plan
        self.show_save_state()
        table = self.query_one("#dialogue-log", DataTable)
        current = keep or self.current_key()
        table.clear(columns=True)
        wide = self.app.size.width >= 110
        with_width = 28 if wide else 16
        form_width = 18 if wide else 14
        date_width = 14
        summary_width = max(16, self.app.size.width - date_width - with_width - form_width - 10)
        table.add_column(_("Date"), width=date_width)
        table.add_column(_("With"), width=with_width)
        table.add_column(_("Form"), width=form_width)
        table.add_column(_("Summary"), width=summary_width)
        order = sorted(
            range(len(plan.dialogue)), key=lambda i: (plan.dialogue[i].date, i), reverse=True
        )
        for index in order:
            entry = plan.dialogue[index]
            table.add_row(
                cell(narrow_date(entry.date)),
                cell(with_names(plan, entry) or "—"),
                cell(method.label("form", entry.form) or "—"),
                cell(entry.summary),
                key=entry_key(index, entry),
            )
        keys = [entry_key(i, plan.dialogue[i]) for i in order]
        if current in keys:
            table.move_cursor(row=keys.index(current))
        self.show_detail()
        self.refresh_bindings()

    def current_key(self) -> str | None:
        table = self.query_one("#dialogue-log", DataTable)
        if not table.row_count:
            return None
        key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        return key.value

    def current_index(self) -> int | None:
        return find_entry(self.plan, self.current_key())

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def show_detail(self) -> None:
        detail = self.query_one("#dialogue-detail", Static)
        index = self.current_index()
        plan = self.plan
        if index is None:
            if plan.dialogue:
                detail.update("")
            else:
                detail.update(
                    Content(_("No exchange recorded yet. a adds the first one (F1: the method)."))
                )
            return
        entry = plan.dialogue[index]
        parts: list[str | tuple[str, str]] = [
            (show_date(entry.date), "bold"),
        ]
        if entry.form:
            parts.append(" · " + method.label("form", entry.form))
        names = with_names(plan, entry)
        if names:
            parts.append(" · " + one_line(names))
        if entry.summary.strip():
            parts.extend(["\n", strip_control(entry.summary.strip())])
        if entry.next_steps.strip():
            parts.extend(["\n", (_("Next steps:") + " ", "italic"), one_line(entry.next_steps)])
        if entry.recommendations:
            recs = "; ".join(rec_label(plan, rid) for rid in entry.recommendations)
            parts.extend(["\n", (_("Recommendations:") + " ", "italic"), one_line(recs)])
        detail.update(Content.assemble(*parts))

    # -- changing --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            return True if self.current_index() is not None else None
        if action == "undo":
            return True if self.session.can_undo else None
        return True

    def action_add(self) -> None:
        self.open_form(None)

    def action_edit(self) -> None:
        index = self.current_index()
        if index is not None:
            self.open_form(index)

    def open_form(self, index: int | None, typed: FormDraft | None = None) -> None:
        """The entry form on the entry at `index` (None: a new one), with the `typed` text
        of a restored draft over the entry's values when given."""
        plan = self.plan
        entry = plan.dialogue[index] if index is not None else None
        key = entry_key(index, entry) if index is not None and entry is not None else None
        heading = _("Edit the exchange") if entry is not None else _("New exchange")

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            new, position = entry_from(values)
            replaced = find_entry(self.plan, key) if key is not None else None
            changed: list[str] = []
            outcome = self.change(lambda p: changed.extend(put_entry(p, replaced, new, position)))
            if outcome is None:
                return
            at = next(
                (i for i, e in enumerate(self.plan.dialogue) if e == new), len(self.plan.dialogue)
            )
            self.show(keep=entry_key(at, new) if at < len(self.plan.dialogue) else None)
            if changed:
                refs = ", ".join(rec_label(self.plan, rid) for rid in changed)
                self.notify(
                    one_line(refs, 200),
                    title=ngettext(
                        "Written reply recorded on {count} recommendation",
                        "Written reply recorded on {count} recommendations",
                        len(changed),
                    ).format(count=len(changed)),
                    timeout=4,
                )

        draft = FormDraft(plan.id, TABLE, key, dict(typed.values) if typed else {})
        form = DialogueForm(
            heading, entry_fields(plan, entry), draft=draft, plan_path=self.session.path
        )
        self.app.push_screen(form, done)

    def restore_form(self, draft: FormDraft) -> None:
        index = find_entry(self.plan, draft.item_id) if draft.is_edit else None
        self.open_form(index, draft)

    def action_delete(self) -> None:
        index = self.current_index()
        if index is None:
            return
        entry = self.plan.dialogue[index]
        key = entry_key(index, entry)
        label = one_line(entry.summary, 50) or method.label("form", entry.form) or "…"

        def answered(agreed: bool | None) -> None:
            if not agreed:
                return
            at = find_entry(self.plan, key)
            if at is None:
                return

            def remove(plan: Plan) -> None:
                plan.dialogue = [e for i, e in enumerate(plan.dialogue) if i != at]

            self.change(remove)
            self.show()

        question = _("Delete the exchange of {date} (“{label}”)?").format(
            date=show_date(entry.date), label=label
        )
        self.app.push_screen(ConfirmScreen(question, _("Delete")), answered)

    def bar_title(self) -> str:
        return _("Dialogue log · {title}").format(title=plan_name(self.session))

    def bar_state(self) -> tuple[str, bool, bool]:
        return saved_or_not(self.session)

    def show_plan(self) -> None:
        self.show()

    def comments_answered(self) -> None:
        self.show()

    def action_undo(self) -> None:
        outcome = self.session.undo()
        if not outcome.changed:
            self.notify(_("Nothing to undo"), timeout=2)
            return
        self.plan_changed()
        self.after_save(outcome)
        self.notify(_("Undone"), timeout=2)

    def action_back(self) -> None:
        wizard(self).close_plan_screen(self.session)


def offer_dialogue_draft(app: App[Any], session: Session, saved: FormDraft) -> None:
    """A dialogue entry's form was left before Save (a killed terminal): offer it back,
    on the dialogue log of `session`. "Later" keeps the draft."""
    gone = saved.is_edit and find_entry(session.plan, saved.item_id) is None
    first = next(
        (
            saved.values.get(name, "")
            for name in ("summary", "next_steps")
            if saved.values.get(name)
        ),
        "",
    )
    label = one_line(first, 60) or saved.values.get("date", "") or "…"
    if gone:
        question = _(
            "An exchange of the dialogue log was being edited before Save, with this text: "
            "“{label}”. That exchange has changed since. Add the text as a new exchange?"
        ).format(label=label)
        restore = _("Add as new (r)")
    else:
        question = _(
            "An exchange of the dialogue log was left open before Save, with this text: "
            "“{label}”. Open the form again with what was typed?"
        ).format(label=label)
        restore = _("Restore (r)")

    def answered(answer: str | None) -> None:
        if answer == "restore":
            dialogue = DialogueScreen(session)
            dialogue.form_to_restore = saved.as_new() if gone else saved
            app.push_screen(dialogue)
        elif answer == "discard":
            discard_form_draft(session.path)

    app.push_screen(FormDraftPrompt(question, restore), answered)
