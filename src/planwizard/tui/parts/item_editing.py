"""The step screens' item tables, edited: add, edit, delete, move and set an action's
status from a table's keys, and offer back an item form left open before Save.

`ItemTableEditing` is the base of `StepScreen` (screens/steps.py) that holds these
handlers; the step screen gives it `refresh_tables` and `action_go` (`change`: `PlanScreen`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from planwizard.drafts import FormDraft, discard_form_draft, read_form_draft
from planwizard.i18n import _
from planwizard.model import Action, Indicator, Plan
from planwizard.session import fresh_id, move_item
from planwizard.text import one_line
from planwizard.tui.dialogs import ConfirmScreen, FormDraftPrompt, ItemForm
from planwizard.tui.item_kinds import INDICATORS, ITEM_KINDS, TABLE_STEPS, ItemKind
from planwizard.tui.room_screen import RoomScreen
from planwizard.tui.widgets.items_table import ItemsTable
from planwizard.tui.wizard import wizard


class ItemTableEditing(RoomScreen):
    """What a step screen does when a key is pressed on one of its item tables."""

    STEP: ClassVar[str]

    if TYPE_CHECKING:
        # Given by StepScreen (screens/steps.py).
        def refresh_tables(self, keep: str | None = None) -> None: ...
        def action_go(self, step: str, restore: FormDraft | None = None) -> None: ...

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
            wizard(self).offer_dialogue_draft(self.session, saved)
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
