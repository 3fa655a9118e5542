"""A table of plan items (actions, stakeholders, indicators) with add, edit, delete, move."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

from rich.console import Console
from rich.text import Text
from textual import events
from textual._two_way_dict import TwoWayDict
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from planwizard.i18n import _
from planwizard.tui.heap import collect_and_freeze
from planwizard.tui.widgets.review_bits import status_for_key

#: Rows from which laying a table out is followed by a full collection (see _lay_out).
COLLECT_FROM = 1000
#: Rows from which the scrolling form around a table keeps its scrollbar's column (see
#: `_keep_gutter`).
STEADY_WIDTH_FROM = 200

#: Letters the tables already use (add, edit, delete): never a status there.
TABLE_KEYS = frozenset({"a", "e", "x"})


@functools.lru_cache(maxsize=8)
def _console(width: int) -> Console:
    return Console(width=width)


def two_lines(text: Text, width: int) -> Text:
    """`text` over two lines of `width` at most: wrapped at a space, then cut (…)."""
    width = max(width, 2)
    if text.cell_len <= width:
        return text  # fits on one line: nothing to wrap
    flowing = text.copy()
    flowing.no_wrap = False
    lines = flowing.wrap(_console(width), width, overflow="fold")
    if len(lines) <= 1:
        return text
    first = lines[0]
    rest = text[len(first.plain) :]
    rest = rest[len(rest.plain) - len(rest.plain.lstrip()) :]
    rest.truncate(width, overflow="ellipsis")
    first.rstrip()
    return Text("\n", style=text.style).join([first, rest])


def _height(cells: Sequence[Text]) -> int:
    """A row's lines: its title's (see `two_lines`; every other cell holds one line),
    given to the table rather than measured by it, which renders every row to know."""
    return cells[0].plain.count("\n") + 1 if cells else 1


def _values(item: Any) -> tuple[object, ...]:
    """An item's own values as they are now (lists and tables copied, so that a change
    made in place to one of them shows)."""
    return tuple(
        list(value)
        if isinstance(value, list)
        else dict(value)
        if isinstance(value, dict)
        else value
        for value in item.__dict__.values()
    )


#: A row as `fill` prepared it: the cells given, the visible ones (cut to the cap), what
#: they show (see `_signature`) and their widths.
_Prepared = tuple[Sequence[Text], list[Text], tuple[object, ...], tuple[int, ...]]


def _capped(text: Text, cap: int) -> Text:
    """`text` cut to `cap` cells (…): a copy when it is longer, else `text` itself."""
    if text.cell_len <= cap:
        return text
    cut = text.copy()
    cut.truncate(cap, overflow="ellipsis")
    return cut


def _signature(text: Text) -> tuple[object, ...]:
    """What a cell shows: its text, styles and how it is cut (Text's `==` leaves out its
    own style)."""
    return (text.plain, str(text.style), tuple(text.spans), text.no_wrap, text.overflow)


class ItemsTable(DataTable[Text]):
    """Rows keyed by item id; keys ask the screen to change the plan, which then reloads us."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Out of the footer: the hint line under each table shows them, and at 80 columns
        # the footer needs the room for the step keys.
        Binding("a", "request('add')", _("Add"), show=False),
        Binding("e", "request('edit')", _("Edit"), show=False),
        Binding("delete,x", "request('delete')", _("Delete"), key_display="del", show=False),
        Binding("left_square_bracket", "request('up')", _("Move up"), key_display="[", show=False),
        Binding(
            "right_square_bracket", "request('down')", _("Move down"), key_display="]", show=False
        ),
    ]

    class Requested(Message):
        """The user asked for `what` ("add", "edit", "delete", "up", "down", "status")
        on a row; `status`: the status asked for."""

        def __init__(
            self, table: ItemsTable, what: str, item_id: str | None, status: str = ""
        ) -> None:
            super().__init__()
            self.table = table
            self.what = what
            self.item_id = item_id
            self.status = status

        @property
        def control(self) -> ItemsTable:
            return self.table

    #: Table width from which every column is shown (a projector, a wide window).
    WIDE_FROM = 90

    def __init__(
        self,
        kind: str,
        columns: Sequence[str],
        narrow: Sequence[int] = (0, 1, 2),
        *,
        wide: Sequence[int] | None = None,
        status_keys: bool = False,
        wrap_first: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.kind = kind
        self._columns = list(columns)
        self._narrow = list(narrow)
        self._wide = list(wide) if wide is not None else list(range(len(columns)))
        #: One key gives the row's status (the review's keys: p i d b…, or 1 to 5).
        self.status_keys = status_keys
        #: The first column (a title) wraps over several lines rather than being cut.
        self.wrap_first = wrap_first
        self._rows: list[tuple[str, Sequence[Text]]] = []
        #: The item to put the cursor on once the rows are laid out (see `select_item`).
        self._cursor_wanted: str | None = None
        self.wide = False
        #: Columns shown, their labels and widths, as the rows were last laid out.
        self._layout: tuple[tuple[int, ...], tuple[str, ...], tuple[int, ...]] = ((), (), ())
        #: What each row shows, as last filled (see `_signature`), by item id.
        self._signatures: dict[str, tuple[object, ...]] = {}
        #: By item id: the cells given, the visible ones cut to the cap, their signature
        #: and their widths; and the columns and cap they were made for.
        self._prepared: dict[str, _Prepared] = {}
        self._prepared_how: tuple[tuple[int, ...], int] = ((), 0)
        #: By item id: the item's values and the cells made from them (see `rows_for`).
        self._cells: dict[str, tuple[tuple[object, ...], Sequence[Text]]] = {}
        self._bindings_shown = False

    def on_mount(self) -> None:
        self._add_columns()

    def on_resize(self) -> None:
        # Columns and the title column's width follow the table's: lay the rows out again
        # (`fill` leaves every row alone when the layout comes out the same).
        self.set_wide(self.size.width >= self.WIDE_FROM)
        if self._rows:
            self.fill(self._rows)

    def _visible(self) -> list[int]:
        return self._wide if self.wide else self._narrow

    def _add_columns(self) -> None:
        for index in self._visible():
            self.add_column(self._columns[index])

    def set_wide(self, wide: bool) -> bool:
        """Show every column on a wide terminal, the main ones at 80 columns."""
        if wide == self.wide:
            return False
        self.wide = wide
        self.clear(columns=True)
        self._layout = ((), (), ())
        self._signatures = {}
        self._add_columns()
        return True

    def select_item(self, item_id: str) -> bool:
        """Put the cursor on the row of `item_id`; False when the table has no such item.
        Rows given before the table was laid out are not there yet: the cursor goes to
        that item when they are."""
        if item_id in self.rows:
            self.move_cursor(row=self.get_row_index(item_id))
            return True
        if any(row_id == item_id for row_id, _cells in self._rows):
            self._cursor_wanted = item_id
            return True
        return False

    @property
    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        row_key, _column = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    def rows_for(
        self, items: Iterable[Any], cells: Callable[[Any], Sequence[Text]]
    ) -> list[tuple[str, Sequence[Text]]]:
        """Each item's id and `cells`, made again only for items whose own values
        changed since the last call (for cells made from the item's own fields only)."""
        made: dict[str, tuple[tuple[object, ...], Sequence[Text]]] = {}
        rows: list[tuple[str, Sequence[Text]]] = []
        for item in items:
            values = _values(item)
            known = self._cells.get(item.id)
            if known is None or known[0] != values:
                # The entry kept for an unchanged item is the one already kept: a change
                # to one item of thousands leaves no new objects per item behind.
                known = (values, cells(item))
            made[item.id] = known
            rows.append((item.id, known[1]))
        self._cells = made
        return rows

    def fill(self, rows: Sequence[tuple[str, Sequence[Text]]], keep: str | None = None) -> None:
        """Show `rows` (item id and cells); keep the cursor on item `keep` (or where it was).

        Only what changed is touched: rows added, removed, moved or whose cells differ,
        in place; the columns are laid out again only when their widths change (a longer
        owner, a resized table), since that lays out every row again too.
        """
        self._rows = list(rows)
        self._keep_gutter()  # before the rows are laid out at the table's width
        if rows and not self.size.width and self.row_count == 0 and keep is None:
            # Not laid out yet (the screen is being mounted): the first resize lays the
            # rows out at the table's real width, once, rather than twice here.
            return
        target = keep if keep is not None else self._cursor_wanted or self.current_id
        self._cursor_wanted = None
        old_row = self.cursor_row
        visible = self._visible()
        other_cap = 20 if self.wide else 14  # a date in words: « 1er sept. 2027 »
        # Each row's visible cells, cut to the cap, made again only for rows whose cells
        # are new (the screen gives the same cells again for an item that did not change,
        # see `rows_for`): a change to one item of thousands does not copy them all.
        how = (tuple(visible), other_cap)
        prepared: dict[str, _Prepared] = {}
        shown_rows: list[list[Text]] = []
        signatures: list[tuple[object, ...]] = []
        lengths: list[tuple[int, ...]] = [tuple(len(self._columns[index]) for index in visible)]
        for item_id, cells in rows:
            known = self._prepared.get(item_id) if how == self._prepared_how else None
            if known is None or known[0] is not cells:
                # Copied only to be cut: the title is cut as the row is laid out (from a
                # copy, see _row_cells), and most other cells fit (never changed in place).
                shown = [cells[visible[0]], *(_capped(cells[i], other_cap) for i in visible[1:])]
                signature = tuple(_signature(text) for text in shown)
                known = (cells, shown, signature, tuple(text.cell_len for text in shown))
            prepared[item_id] = known
            shown_rows.append(known[1])
            signatures.append(known[2])
            lengths.append(known[3])
        self._prepared, self._prepared_how = prepared, how
        # The first column (the title) takes the room the others leave: no sideways scroll.
        widths = [max(column) for column in zip(*lengths, strict=True)]
        room = self.size.width or self.app.size.width // 2
        first = room - sum(widths[1:]) - 2 * len(visible) - 1
        # The title is what the room reads: when it would get fewer than 16 columns, the
        # second column (an owner, a role: text, where dates and figures come later) gives
        # some of its own, down to its header's width.
        if len(widths) > 1 and first < 16:
            floor = max(10, len(self._columns[visible[1]]))
            given = min(16 - first, max(0, widths[1] - floor))
            widths[1] -= given
            first += given
            for number, row in enumerate(shown_rows):
                if row[1].cell_len > widths[1]:
                    cut = row[1].copy()  # the prepared cells stay as they were
                    cut.truncate(widths[1], overflow="ellipsis")
                    shown_rows[number] = [row[0], cut, *row[2:]]
                    signatures[number] = tuple(_signature(text) for text in shown_rows[number])
        first = max(10, first)
        widths[0] = first
        layout = (tuple(visible), tuple(self._columns[index] for index in visible), tuple(widths))
        ids = [item_id for item_id, _cells in rows]
        had_rows = bool(self._signatures)
        if layout != self._layout and self._only_first_moved(layout, ids, shown_rows):
            pass  # the title column narrowed or widened (a scrollbar came or went)
        if layout != self._layout or not self._update_in_place(ids, shown_rows, signatures):
            self._lay_out(layout, ids, shown_rows)
        self._signatures = dict(zip(ids, signatures, strict=True))
        if bool(rows) != had_rows or not self._bindings_shown:
            # Edit, delete and move are offered only on rows (see check_action): the
            # footer is made again when that changes, not at every fill.
            self._bindings_shown = True
            self.refresh_bindings()
        if not rows:
            return
        index = ids.index(target) if target in ids else min(old_row, len(ids) - 1)
        self.move_cursor(row=max(index, 0))

    def _keep_gutter(self) -> None:
        """A form holding a long table keeps its scrollbar's column, shown or not
        (`-long-table`, see steps.tcss): when the form outgrows the screen (the quick-add
        line opened under the table), the table keeps its width rather than narrowing by
        that column, which lays every row out again (half a second at 5,000 rows)."""
        form = next((a for a in self.ancestors if isinstance(a, ScrollableContainer)), None)
        if form is not None:
            long = any(len(t._rows) >= STEADY_WIDTH_FROM for t in form.query(ItemsTable))
            form.set_class(long, "-long-table")

    def _row_cells(self, shown: list[Text]) -> list[Text]:
        """The cells of a row as the table holds them: the title cut or wrapped to fit."""
        first = self._layout[2][0]
        if self.wrap_first:
            # The title over two lines where it is cut at one; the highlighted row's
            # whole title is under the table (see `detail`).
            return [two_lines(shown[0], first), *shown[1:]]
        return [_capped(shown[0], first), *shown[1:]]  # a copy when cut

    def _add(self, item_id: str, shown: list[Text]) -> None:
        cells = self._row_cells(shown)
        self.add_row(*cells, key=item_id, height=_height(cells))

    def _lay_out(
        self,
        layout: tuple[tuple[int, ...], tuple[str, ...], tuple[int, ...]],
        ids: list[str],
        shown_rows: list[list[Text]],
    ) -> None:
        """Every column and row anew, for a new layout."""
        # Columns are rebuilt with fixed widths: a DataTable column never narrows once it
        # has grown, and one measured while a dialog covers the screen can stay at its
        # header's width.
        self._layout = layout
        self.clear(columns=True)
        for position, (label, width) in enumerate(zip(layout[1], layout[2], strict=True)):
            self.add_column(label, width=width, key=f"c{position}")
        for item_id, shown in zip(ids, shown_rows, strict=True):
            self._add(item_id, shown)
        if len(ids) >= COLLECT_FROM:
            # Thousands of rows made: the collector's next full pass over the whole heap
            # (100 ms and more) is made now, once they are drawn and the room reads the
            # step, rather than at whatever key the count of new objects sets it off; in
            # the real app, what is alive is then frozen out of later passes (tui/heap.py).
            settle = collect_and_freeze if getattr(self.app, "manage_heap", False) else gc.collect
            self.call_after_refresh(settle)

    def _only_first_moved(
        self,
        layout: tuple[tuple[int, ...], tuple[str, ...], tuple[int, ...]],
        ids: list[str],
        shown_rows: list[list[Text]],
    ) -> bool:
        """When only the title column's width changed, give it its new width in place
        and cut or wrap again only the titles that reach either width; True if done."""
        old = self._layout
        if (
            old[0] != layout[0]
            or old[1] != layout[1]
            or old[2][1:] != layout[2][1:]
            or not old[2]
            or set(ids) != set(self._signatures)
            or len(self.columns) != len(layout[2])
        ):
            return False
        narrower = min(old[2][0], layout[2][0])
        self._layout = layout
        column = self.columns[ColumnKey("c0")]
        column.width = layout[2][0]
        key_c0 = ColumnKey("c0")
        for item_id, shown in zip(ids, shown_rows, strict=True):
            if shown[0].cell_len <= narrower or item_id not in self.rows:
                continue  # fits in both: the same cell, the same height
            key = RowKey(item_id)
            cells = self._row_cells(shown)
            self.update_cell(key, key_c0, cells[0])
            self.rows[key].height = _height(cells)
        self._update_count += 1
        self._clear_caches()
        self._require_update_dimensions = True
        self.check_idle()
        self.refresh(layout=True)
        return True

    def _update_in_place(
        self, ids: list[str], shown_rows: list[list[Text]], signatures: Sequence[tuple[object, ...]]
    ) -> bool:
        """Bring the rows to `ids` in place, in the same layout; False when a whole
        refill is the cheaper way (most rows gone)."""
        old = self._signatures
        wanted = set(ids)
        gone = [item_id for item_id in old if item_id not in wanted]
        if len(gone) > 8 and len(gone) * 2 > len(old):
            return False
        for item_id in gone:
            self.remove_row(item_id)
        columns = [ColumnKey(f"c{position}") for position in range(len(self._layout[2]))]
        for item_id, shown, signature in zip(ids, shown_rows, signatures, strict=True):
            before = old.get(item_id)
            if before is None:
                self._add(item_id, shown)
            elif before != signature:
                key = RowKey(item_id)
                cells = self._row_cells(shown)
                for column, text in zip(columns, cells, strict=True):
                    self.update_cell(key, column, text)
                height = _height(cells)
                if self.rows[key].height != height:
                    # The title takes one line more or less now.
                    self.rows[key].height = height
                    self._require_update_dimensions = True
                    self.check_idle()
        # Rows removed leave the others in order, rows added go at the end: looked at in
        # the table itself only when that is not the order wanted.
        added = [item_id for item_id in ids if item_id not in old]
        kept = [item_id for item_id in old if item_id in wanted]
        if kept + added != ids and [row.key.value for row in self.ordered_rows] != ids:
            # Rows moved (or were added in the middle): the new order, as `sort` sets it.
            self._row_locations = TwoWayDict({RowKey(i): n for n, i in enumerate(ids)})
            self._update_count += 1
            self.refresh(layout=True)
        return True

    def action_request(self, what: str) -> None:
        if what != "add" and self.current_id is None:
            return
        self.post_message(self.Requested(self, what, self.current_id))

    def on_key(self, event: events.Key) -> None:
        if not self.status_keys or event.character is None or self.current_id is None:
            return
        status = status_for_key(event.character, TABLE_KEYS)
        if status is not None:
            event.stop()
            event.prevent_default()
            self.post_message(self.Requested(self, "status", self.current_id, status))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # Enter (or a click on the highlighted row) edits it.
        event.stop()
        self.action_request("edit")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "request" and parameters and parameters[0] != "add":
            return True if self.row_count else None
        return True
