"""A table of plan items (actions, stakeholders, indicators) with add, edit, delete, move."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from planwizard.i18n import _


class ItemsTable(DataTable[Text]):
    """Rows keyed by item id; keys ask the screen to change the plan, which then reloads us."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "request('add')", _("Add")),
        Binding("e", "request('edit')", _("Edit")),
        Binding("delete,x", "request('delete')", _("Delete"), key_display="del"),
        Binding("left_square_bracket", "request('up')", _("Move up"), key_display="[", show=False),
        Binding(
            "right_square_bracket", "request('down')", _("Move down"), key_display="]", show=False
        ),
    ]

    class Requested(Message):
        """The user asked for `what` ("add", "edit", "delete", "up", "down") on a row."""

        def __init__(self, table: ItemsTable, what: str, item_id: str | None) -> None:
            super().__init__()
            self.table = table
            self.what = what
            self.item_id = item_id

        @property
        def control(self) -> ItemsTable:
            return self.table

    #: Terminal width from which every column is shown (a projector, a wide window).
    WIDE_FROM = 110

    def __init__(
        self,
        kind: str,
        columns: Sequence[str],
        narrow: Sequence[int] = (0, 1, 2),
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.kind = kind
        self._columns = list(columns)
        self._narrow = list(narrow)
        self.wide = False

    def on_mount(self) -> None:
        self.wide = self.app.size.width >= self.WIDE_FROM
        self._add_columns()

    def _visible(self) -> list[int]:
        return list(range(len(self._columns))) if self.wide else self._narrow

    def _add_columns(self) -> None:
        for index in self._visible():
            self.add_column(self._columns[index])

    def set_wide(self, wide: bool) -> bool:
        """Show every column on a wide terminal, the main ones at 80 columns."""
        if wide == self.wide:
            return False
        self.wide = wide
        self.clear(columns=True)
        self._add_columns()
        return True

    @property
    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        row_key, _column = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    def fill(self, rows: Sequence[tuple[str, Sequence[Text]]], keep: str | None = None) -> None:
        """Replace every row; keep the cursor on item `keep` (or where it was)."""
        target = keep if keep is not None else self.current_id
        old_row = self.cursor_row
        self.clear()
        first, other = (40, 20) if self.wide else (22, 12)
        for item_id, cells in rows:
            shown = []
            for position, index in enumerate(self._visible()):
                text = cells[index].copy()
                text.truncate(first if position == 0 else other, overflow="ellipsis")
                shown.append(text)
            self.add_row(*shown, key=item_id)
        self.refresh_bindings()
        if not rows:
            return
        ids = [item_id for item_id, _cells in rows]
        index = ids.index(target) if target in ids else min(old_row, len(ids) - 1)
        self.move_cursor(row=max(index, 0))

    def action_request(self, what: str) -> None:
        if what != "add" and self.current_id is None:
            return
        self.post_message(self.Requested(self, what, self.current_id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # Enter (or a click on the highlighted row) edits it.
        event.stop()
        self.action_request("edit")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "request" and parameters and parameters[0] != "add":
            return True if self.row_count else None
        return True
