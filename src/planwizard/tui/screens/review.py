"""A review meeting: each action, each indicator, then the meeting's decisions; one save.

The screen is a thin shell over :mod:`planwizard.review`: it fills a `ReviewDraft` as the
group speaks and commits it once, through the editing session, so that the file gets
one new `[[reviews]]` entry and one Ctrl+Z takes the whole review back. Nothing is
written to the plan before the save; leaving with something typed asks first. Meanwhile
the draft is kept on disk a second after each change (:mod:`planwizard.review_draft`),
and the next review of the plan offers to resume it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Collapsible, Input, Static, TextArea

from planwizard import method
from planwizard.dates import format_date, show_date
from planwizard.i18n import _
from planwizard.model import STATUSES, Plan
from planwizard.review import (
    ReviewDraft,
    ReviewError,
    commit_review,
    start_review,
)
from planwizard.review_draft import SavedDraft, discard_draft, resume_draft, save_draft
from planwizard.session import SaveOutcome, Session
from planwizard.storage import PlanError
from planwizard.text import one_line, strip_control
from planwizard.tui.dialogs import (
    ConfirmScreen,
    ItemForm,
)
from planwizard.tui.forms import changed
from planwizard.tui.parts.review_cards import (
    CARD_STYLES,
    ActionCard,
    Edited,
    IndicatorCard,
    NextInput,
    RedateField,
    field_row,
)
from planwizard.tui.parts.review_recommendations import (
    RecommendationChanged,
    assessed_count,
    recommendations_part,
    review_keys_help,
)
from planwizard.tui.plan_screen import PlanScreen
from planwizard.tui.steady import settle_cursors
from planwizard.tui.styles import beside
from planwizard.tui.widgets.date_input import DateField
from planwizard.tui.widgets.fields import FieldDone
from planwizard.tui.widgets.footer import KeysFooter
from planwizard.tui.widgets.review_bits import (
    STATUS_KEYS,
    StatusPicker,
    status_for_key,
    status_keys,
)
from planwizard.tui.widgets.text_box import TextBox
from planwizard.tui.widgets.tick_box import TickBox
from planwizard.tui.widgets.title_bar import plan_name
from planwizard.tui.wizard import wizard


def review_help() -> str:
    """F1 on the review. The status keys are the ones the status line shows in the
    interface language (review_bits.status_keys), never a list written here."""
    keys = status_keys()
    listed = ", ".join(f"{keys[s]} {method.label('status', s)}" for s in STATUSES if s in keys)
    text = _(
        "A review meeting, months after the workshop: go through each action, then each "
        "indicator, then the meeting's decisions. Overdue actions and those blocked at the "
        "last review come first.\n\n"
        "On an action's status line, one key gives its new status: {keys} (or 1 to 5); "
        "space means no change. The cursor then "
        "moves on to what was done, what was not, why and a note. Enter goes to the next "
        "field; Ctrl+Down and Ctrl+Up jump to the next or previous item.\n\n"
        "For an indicator, type the new reading (12 or 12,5) and a note: the bar shows it "
        "against the baseline and the target, after the earlier readings.\n\n"
        "Ctrl+N adds an action agreed in the meeting; a new due date re-dates an action; "
        "{drop} drops one. The next review is proposed from the cadence: change it if the "
        "group agrees another date. Nothing is written until Ctrl+S saves the whole review, "
        "and Ctrl+Z then undoes it in one go."
    ).format(keys=listed, drop=keys.get("dropped", "5"))
    return text + "\n\n" + review_keys_help()


# ------------------------------------------------------------------ the screen


def adopt(plan: Plan, committed: Plan) -> None:
    """Make `plan` (the session's, changed in place) the committed one, field by field."""
    for name in type(committed).model_fields:
        value = getattr(committed, name)
        if getattr(plan, name) != value:
            setattr(plan, name, value)


class ReviewScreen(PlanScreen):
    """The review meeting of one plan, on one date."""

    #: The review holds what is typed in its draft until its one save.
    follows_file = False
    review_comments = True

    CSS_PATH = [CARD_STYLES, beside(__file__)]  # noqa: RUF012  (as Textual declares it)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", _("Help")),
        Binding("ctrl+s", "save", _("Save review")),
        Binding("ctrl+n", "new_action", _("New action")),
        # Not an F-key (F8 is the timer in the wizard), nor a key a text field edits
        # with (Ctrl+D, Ctrl+K...); it asks first.
        Binding(
            "ctrl+delete",
            "remove_new",
            _("Remove new action"),
            key_display="Ctrl+Del",
            show=False,
            priority=True,
        ),
        Binding("ctrl+d", "dialogue", _("Dialogue log"), show=False, priority=True),
        Binding("ctrl+down", "jump(1)", _("Next item"), show=False),
        Binding("ctrl+up", "jump(-1)", _("Previous item"), show=False),
        Binding("escape", "leave", _("Leave")),
        # A status key on a status line, taken as the app reads it (priority): the focus
        # then moves on at once, and the words typed right after it land in "Done", not
        # on the status line (where "i" or "e" would change the status again).
        *(
            Binding(key, f"status_key('{key}')", show=False, priority=True)
            for key in sorted(
                {k for keys in STATUS_KEYS.values() for k in keys.values()}
                | {str(n) for n in range(1, len(STATUSES) + 1)}
            )
        ),
    ]

    def __init__(
        self, session: Session, date: dt.date, *, resumed: SavedDraft | None = None
    ) -> None:
        super().__init__(session)
        self.first_facilitator = start_review(session.plan, date).facilitator
        #: Answers of a resumed draft that no longer fit the plan (an item removed).
        self.lost = 0
        self.draft: ReviewDraft
        if resumed is not None:
            self.draft, self.lost = resume_draft(session.plan, resumed)
        else:
            self.draft = start_review(session.plan, date)
        self._saving = False
        self._draft_timer: Timer | None = None
        #: Whether a change waits to be written to the draft file.
        self.draft_pending = False

    def help_text(self) -> tuple[str, str]:
        return _("Review"), review_help()

    #: Whether the draft was kept on disk (the title bar says so).
    draft_kept = False

    def bar_title(self) -> str:
        return _("Review of {date} · {title}").format(
            date=show_date(self.draft.date), title=plan_name(self.session)
        )

    def bar_state(self) -> tuple[str, bool, bool]:
        kept = _("not saved yet · draft kept") if self.draft_kept else _("not saved yet")
        return kept, False, True

    def not_saved_title(self) -> str:
        return _("Not saved: the review is kept in memory")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "status_key":
            return isinstance(self.focused, StatusPicker)
        return True

    def action_status_key(self, key: str) -> None:
        picker = self.focused
        status = status_for_key(key)
        if isinstance(picker, StatusPicker) and status is not None:
            picker.action_pick(status)

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        draft = self.draft
        yield self.compose_title_bar()
        yield Static("", id="review-progress")
        with VerticalScroll(id="review-body"):
            yield Static(Content(_("Actions: overdue and blocked first")), classes="review-section")
            with Vertical(id="review-actions"):
                open_entries = [(i, e) for i, e in enumerate(draft.actions) if not e.closed]
                closed = [(i, e) for i, e in enumerate(draft.actions) if e.closed]
                for number, (index, entry) in enumerate(open_entries, start=1):
                    yield ActionCard(entry, number, index, draft.date)
                if not draft.actions:
                    yield Static(Content(_("This plan has no actions yet.")), classes="hint")
                if closed:
                    with Collapsible(
                        title=_("Done or dropped before this review ({count})").format(
                            count=len(closed)
                        ),
                        collapsed=True,
                        id="closed-actions",
                    ):
                        for number, (index, entry) in enumerate(
                            closed, start=len(open_entries) + 1
                        ):
                            yield ActionCard(entry, number, index, draft.date)
            yield Static(Content(_("Ctrl+N adds an action agreed in this meeting")), classes="hint")
            yield Static(Content(_("Indicators")), classes="review-section")
            for index, reading in enumerate(draft.indicators):
                yield IndicatorCard(reading, index)
            if not draft.indicators:
                yield Static(Content(_("This plan has no indicators.")), classes="hint")
            yield from recommendations_part(draft, self.plan)
            yield Static(Content(_("The meeting")), classes="review-section")
            with Vertical(id="meeting", classes="review-card"):
                yield from self.compose_meeting()
        yield KeysFooter()

    def compose_meeting(self) -> Iterable[Widget]:
        draft = self.draft
        from planwizard.tui.item_kinds import owner_suggestions

        yield field_row(
            _("Facilitator"),
            NextInput(
                draft.facilitator,
                name="facilitator",
                id="facilitator",
                suggester=SuggestFromList(owner_suggestions(self.plan), case_sensitive=False),
            ),
        )
        yield field_row(
            _("Summary"),
            TextBox(
                strip_control(draft.summary),
                id="summary",
                soft_wrap=True,
                tab_behavior="focus",
                show_line_numbers=False,
                placeholder=_("what the meeting found and decided"),
                compact=True,
            ),
        )
        yield field_row(
            _("Problem"),
            TickBox(
                Content(_("revisit the problem analysis (step 1 opens after saving)")),
                draft.revisit_problem,
                id="revisit",
                compact=True,
            ),
        )
        yield field_row(
            _("Next review"),
            DateField(
                "next_review",
                draft.next_review,
                base=draft.date,
                not_before=draft.date,
                id="next-review",
            ),
        )
        cadence = self.plan.monitoring.cadence
        if draft.proposed_next_review is not None and cadence is not None:
            proposed = _("proposed from the cadence ({cadence}): {date}").format(
                cadence=method.label("cadence", cadence),
                date=show_date(draft.proposed_next_review),
            )
        elif draft.proposed_next_review is not None:
            proposed = _("the date agreed before: {date}").format(
                date=show_date(draft.proposed_next_review)
            )
        else:
            proposed = _("no cadence set: type a date, or leave it empty")
        yield Static(Content(proposed), classes="hint review-hint")
        yield Horizontal(
            Button(
                Content(_("Save the review")), id="save-review", variant="primary", compact=True
            ),
            classes="review-buttons",
        )

    def on_mount(self) -> None:
        settle_cursors(self)
        self.show_save_state()
        self.show_progress()
        first = self.query("StatusPicker, Input").first()
        first.focus()
        if self.lost:
            self.notify(
                _(
                    "{count} answers of the draft were about actions or indicators no longer "
                    "in the plan; they are left out."
                ).format(count=self.lost),
                title=_("Review resumed"),
                severity="warning",
            )

    # -- following what is typed -----------------------------------------------

    def show_progress(self) -> None:
        draft = self.draft
        live = [e for e in draft.actions if not e.closed or e.discussed]
        read = sum(1 for i in draft.indicators if i.value is not None)
        parts = [
            _("actions discussed: {done} of {count}").format(
                done=len(draft.discussed_actions), count=len(live)
            ),
            _("readings: {done} of {count}").format(done=read, count=len(draft.indicators)),
        ]
        if draft.recommendations:
            parts.append(
                _("recommendations: {done} of {count}").format(
                    done=assessed_count(draft), count=len(draft.recommendations)
                )
            )
        if draft.next_review is not None:
            parts.append(_("next review {date}").format(date=show_date(draft.next_review)))
        self.query_one("#review-progress", Static).update(Content(" · ".join(parts)))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "facilitator":
            self.draft.facilitator = event.value
        self.show_progress()
        self.draft_changed()

    def on_status_picker_picked(self, message: StatusPicker.Picked) -> None:
        self.show_progress()
        self.draft_changed()

    def on_edited(self, message: Edited) -> None:
        self.show_progress()
        self.draft_changed()

    def on_recommendation_changed(self, message: RecommendationChanged) -> None:
        self.show_progress()
        self.draft_changed()

    @on(TextArea.Changed, "#summary")
    def summary_changed(self, event: TextArea.Changed) -> None:
        self.draft.summary = event.text_area.text
        self.draft_changed()

    @on(Checkbox.Changed, "#revisit")
    def revisit_changed(self, event: Checkbox.Changed) -> None:
        self.draft.revisit_problem = event.value
        self.draft_changed()

    def on_field_done(self, message: FieldDone) -> None:
        message.stop()
        self.sync_dates()
        self.show_progress()
        self.draft_changed()

    # -- the draft on disk -----------------------------------------------------

    def draft_changed(self) -> None:
        """Write the draft once the typing pauses (the app's save pause)."""
        if self._saving:
            return
        self.draft_pending = True
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        pause = wizard(self).save_pause
        if pause is not None:
            self._draft_timer = self.set_timer(pause, self.write_draft, name="review-draft")

    def write_draft(self) -> None:
        """Keep what was entered on disk (or no draft, when nothing was)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        self.draft_pending = False
        if self._saving:
            return
        if not self.entered():
            discard_draft(self.session.path)
            return
        try:
            save_draft(self.draft, self.session.path)
            self.draft_kept = True
            self.show_save_state()
        except (PlanError, OSError) as exc:
            reason = exc.render() if isinstance(exc, PlanError) else str(exc)
            self.notify(
                one_line(reason, 300),
                title=_("The review's draft could not be kept on disk"),
                severity="warning",
            )

    def drop_draft(self) -> None:
        """The review was saved into the plan, or the group chose to leave it."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        self.draft_pending = False
        discard_draft(self.session.path)

    def sync_dates(self) -> None:
        """Read the date fields into the draft (they report through messages, later)."""
        for card in self.query(ActionCard):
            redate = card.query_one(RedateField)
            card.entry.new_due = redate.date if redate.error is None else None
        field = self.query_one("#next-review", DateField)
        if field.error is None:
            self.draft.next_review = field.date

    def entered(self) -> bool:
        """Whether anything was typed or chosen that leaving would lose."""
        self.sync_dates()
        draft = self.draft
        if draft.discussed_actions or draft.summary.strip() or draft.revisit_problem:
            return True
        if any(r.value is not None or r.note.strip() for r in draft.indicators):
            return True
        if assessed_count(draft):
            return True
        if draft.facilitator != self.first_facilitator:
            return True
        if any(card.error for card in self.query(IndicatorCard)):
            return True
        # A date typed but not (or not validly) read yet.
        for field in self.query(DateField):
            shown = format_date(field.loaded) if field.loaded else ""
            if field.error is not None or field.input.value.strip() != shown:
                return True
        return False

    # -- saving ----------------------------------------------------------------

    def action_save(self) -> None:
        if self._saving:
            return
        for field in self.query(DateField):
            if field.input.has_focus:
                field.confirm()
        for card in self.query(IndicatorCard):
            if card.error is not None:
                self.refuse(card.query_one(".reading-value", Input), card.error)
                return
        for field in self.query(DateField):
            if field.error is not None:
                self.refuse(field.input, field.error)
                return
        self.sync_dates()
        try:
            committed = commit_review(self.plan, self.draft)
        except ReviewError as exc:
            self.notify(
                "\n".join(one_line(p, 200) for p in exc.problems),
                title=_("The review is not saved yet"),
                severity="error",
            )
            return
        self._saving = True
        outcome = self.session.apply(lambda plan: adopt(plan, committed))
        if outcome.error is None:
            self.drop_draft()
        self.after_save(outcome)

    def refuse(self, widget: Widget, message: str) -> None:
        self.notify(
            one_line(message, 200), title=_("The review is not saved yet"), severity="error"
        )
        self.reveal(widget)
        widget.focus()

    def reveal(self, widget: Widget) -> None:
        for ancestor in widget.ancestors:
            if isinstance(ancestor, Collapsible):
                ancestor.collapsed = False

    def after_save(self, outcome: SaveOutcome) -> bool:
        asked = super().after_save(outcome)
        if not asked:
            self.finish()
        return asked

    def comments_answered(self) -> None:
        self.finish()

    def finish(self) -> None:
        """After the save: step 1 when the group goes back to the problem, else the history."""
        wizard(self).review_saved(self.session, revisit=self.draft.revisit_problem)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save-review":
            event.stop()
            self.action_save()

    # -- changes to actions in the sitting ---------------------------------------

    def action_new_action(self) -> None:
        from planwizard.tui.item_kinds import action_form

        # Step 3's form, without what a new action agreed in the meeting does not need
        # yet; its dates count from the review's day.
        fields = action_form(
            None,
            self.plan,
            omit=("status", "strategy", "recommendations"),
            adjust={"owner": changed(placeholder=""), "due": changed(base=self.draft.date)},
        )

        async def done(values: dict[str, Any] | None) -> None:
            if not values or not str(values.get("title", "")).strip():
                return
            entry = self.draft.add_action(
                values["title"],
                owner=values.get("owner") or "",
                due=values.get("due"),
                kind=values.get("kind"),
                level=values.get("level"),
            )
            numbers = [card.number for card in self.query(ActionCard)]
            card = ActionCard(
                entry,
                max(numbers, default=0) + 1,
                len(self.draft.actions) - 1,
                self.draft.date,
            )
            container = self.query_one("#review-actions", Vertical)
            closed = self.query("#closed-actions")
            if closed:
                await container.mount(card, before=closed.first())
            else:
                await container.mount(card)
            card.query_one(StatusPicker).focus()
            self.show_progress()
            self.draft_changed()

        self.app.push_screen(ItemForm(_("Action agreed in this meeting"), fields), done)

    def focused_card(self) -> ActionCard | IndicatorCard | Vertical | None:
        node = self.focused
        while node is not None and not isinstance(node, Screen):
            if isinstance(node, Vertical) and node.has_class("review-card"):
                return node
            node = node.parent  # type: ignore[assignment]
        return None

    def action_remove_new(self) -> None:
        card = self.focused_card()
        if not isinstance(card, ActionCard) or not card.entry.is_new:
            self.notify(_("Only an action added in this meeting can be removed here."))
            return
        title = one_line(card.entry.title, 60) or _("(untitled)")

        def answered(agreed: bool | None) -> None:
            if not agreed:
                return
            self.draft.actions.remove(card.entry)
            card.remove()
            self.show_progress()
            self.draft_changed()

        self.app.push_screen(
            ConfirmScreen(
                _("Remove “{title}”, added in this meeting?").format(title=title), _("Remove")
            ),
            answered,
        )

    def action_dialogue(self) -> None:
        """The plan's dialogue log, on this session; the review stays as typed."""
        wizard(self).open_dialogue(self.session)

    def action_jump(self, offset: int) -> None:
        cards = [
            card
            for card in self.query(".review-card")
            if not any(isinstance(a, Collapsible) and a.collapsed for a in card.ancestors)
        ]
        if not cards:
            return
        current = self.focused_card()
        index = cards.index(current) if current in cards else -1
        target = cards[min(max(index + offset, 0), len(cards) - 1)]
        first = target.query("StatusPicker, ImplementationPicker, Input, TextArea").first()
        first.focus()

    # -- leaving ---------------------------------------------------------------

    def action_leave(self) -> None:
        self.confirm_leaving(self.app.pop_screen)

    def confirm_leaving(self, leave: Any) -> None:
        """Leave at once when nothing was entered, else ask first: typed text is never lost."""
        if not self.entered():
            self.drop_draft()
            leave()
            return

        def answered(agreed: bool | None) -> None:
            if agreed:
                self.drop_draft()
                leave()

        self.app.push_screen(
            ConfirmScreen(
                _("Leave without saving the review? What was entered for it will be lost."),
                _("Leave without saving"),
                _("Stay"),
            ),
            answered,
        )
