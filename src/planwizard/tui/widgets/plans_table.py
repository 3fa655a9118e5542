"""The home screen's table of plans: every row replaced at once, in time for a key.

Typing in home's filter shows another set of rows at each key, and a big folder has
thousands. DataTable's `add_row` does per-row bookkeeping (the cursor, an update count
that voids its caches, a list of the columns) and then measures every cell of every new
row on the next idle, though the columns here have fixed widths and nothing needs
measuring. `replace_rows` puts all the rows in at once, with the same result as
`clear()` followed by `add_row` for each, and the measuring is skipped while every
column has a fixed width and every row one line.

The key's answer is one frame: the table's new size sets its scrollbars at once (the
screen is laid out only when a scrollbar shows or hides), the screen hears of it before
its next frame (`draw_with_screen`), and a cell's text is laid out once (`_render_cell`).
Textual's way took three frames, each waiting for the screen's next 60 Hz tick.

tests/tui/test_home_stream.py holds `replace_rows` to add_row's result and
tests/tui/test_home_filter_frame.py the frame and each cell to Textual's own drawing,
so a Textual upgrade that changes the internals shows there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Self

from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual._two_way_dict import TwoWayDict
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import DataTable
from textual.widgets._data_table import _EMPTY_TEXT, default_cell_formatter
from textual.widgets.data_table import Column, ColumnKey, DuplicateKey, Row, RowKey

from planwizard.tui.widgets.lazy_cells import CellsByRow, LazyCells


class PlansTable(DataTable[Text]):
    """A DataTable whose rows are set all at once (see the module's docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: What a row given before is made of in the table, by key: the cells it was
        #: given, its key, its row and its cells by column. A filter shows the same rows
        #: again and again.
        self._prepared: dict[str, tuple[Sequence[Text], RowKey, Row, dict[ColumnKey, Any] | None]]
        self._prepared = {}
        self._prepared_for: list[ColumnKey] = []
        #: What `replace_rows` was last given (key and cells), until anything else
        #: changes the rows or columns: see `shows`.
        self._shown: list[tuple[str, Sequence[Text]]] | None = None
        #: Each cell as drawn, kept across refills (see `_render_cell`).
        self._cells_drawn: LRUCache[tuple[Any, ...], tuple[Any, list[list[Segment]]]]
        self._cells_drawn = LRUCache(4096)

    def shows(self, rows: Sequence[tuple[str, Sequence[Text]]]) -> bool:
        """Whether the table shows `rows` already, the same keys in the same order with
        the same cells (the same lists): a key typed in a filter that every row still
        matches then redraws nothing of the table."""
        shown = self._shown
        return (
            shown is not None
            and len(shown) == len(rows)
            and all(
                key == was_key and cells is was_cells
                for (key, cells), (was_key, was_cells) in zip(rows, shown, strict=True)
            )
        )

    # Every other way DataTable has to change rows or columns forgets what was shown
    # (add_rows, add_columns and update_cell_at go through these).

    def clear(self, columns: bool = False) -> Self:
        self._shown = None
        if columns:
            self._prepared.clear()  # cells made for the columns of before
        return super().clear(columns)

    def add_column(self, *args: Any, **kwargs: Any) -> ColumnKey:
        self._shown = None
        return super().add_column(*args, **kwargs)

    def remove_column(self, *args: Any, **kwargs: Any) -> None:
        self._shown = None
        super().remove_column(*args, **kwargs)

    def add_row(self, *args: Any, **kwargs: Any) -> RowKey:
        self._shown = None
        return super().add_row(*args, **kwargs)

    def remove_row(self, *args: Any, **kwargs: Any) -> None:
        self._shown = None
        super().remove_row(*args, **kwargs)

    def update_cell(self, *args: Any, **kwargs: Any) -> None:
        self._shown = None
        super().update_cell(*args, **kwargs)

    def sort(self, *args: Any, **kwargs: Any) -> Self:
        self._shown = None
        return super().sort(*args, **kwargs)

    def replace_rows(self, rows: Iterable[tuple[str, Sequence[Text]]]) -> None:
        """The table's rows become `rows`, (key, cells) each, in this order: what
        `clear()` and then `add_row(*cells, key=key)` for each row would give. Cells
        given again for a key (the same list) are not looked at again; cells given as
        LazyCells are made only when the table first looks at them (to draw them)."""
        # What clear() does, but for the cursor: clear() moves it while the table still
        # waits to be measured, which scrolls it into view only after the next frame.
        self._clear_caches()
        self._new_rows.clear()
        self._label_column = Column(self._label_column_key, Text(), auto_width=True)
        self._labelled_row_exists = False
        self.set_reactive(DataTable.cursor_coordinate, Coordinate(0, 0))
        self.set_reactive(DataTable.hover_coordinate, Coordinate(0, 0))
        self.scroll_x = self.scroll_y = 0
        self.scroll_target_x = self.scroll_target_y = 0
        self.refresh()
        columns = [column.key for column in self.ordered_columns]
        prepared = self._prepared
        if columns != self._prepared_for or len(prepared) > 2 * len(self.rows) + 1000:
            prepared.clear()
            self._prepared_for = columns
        data = CellsByRow(columns)
        put, later = dict.__setitem__, data.put_later
        meta: dict[RowKey, Row] = {}
        order: list[Row] = []
        given = list(rows)
        self._shown = None  # until every row is in
        for key, cells in given:
            made = prepared.get(key)
            if made is None or made[0] is not cells:
                row_key = RowKey(key)
                by_column = None  # LazyCells: made when the table looks at them
                if not isinstance(cells, LazyCells):
                    if len(cells) > len(columns):
                        raise ValueError("More values provided than there are columns.")
                    by_column = dict(zip(columns, cells, strict=False))
                made = (cells, row_key, Row(row_key, 1), by_column)
                prepared[key] = made
            lazy, row_key, row, by_column = made
            if row_key in meta:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            if by_column is None:
                later(row_key, lazy)  # type: ignore[arg-type]
            else:
                put(data, row_key, by_column)
            meta[row_key] = row
            order.append(row)
        self._data = data
        self.rows = meta
        self._row_locations = TwoWayDict({row.key: index for index, row in enumerate(order)})
        self._update_count += 1
        if self._fixed_columns():
            # The size now rather than on the next idle: the frame that shows the rows
            # is the only one. The rows' order and lines are known: kept as the table
            # would work them out (one line each).
            self._ordered_row_cache[(len(order), self._update_count)] = order
            self._offset_cache[self._update_count] = [(row.key, 0) for row in order]
            self._require_update_dimensions = False
            self._set_virtual_size(at_once=True)
        else:
            self._new_rows.update(meta)
            self._require_update_dimensions = True
        if order and self.show_cursor and self.cursor_type != "none" and self.columns:
            self._highlight_cursor()  # as add_row does for a table's first row
        self._shown = given
        self.check_idle()

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """A cell as DataTable draws it, its text laid out once for as long as its row
        keeps it.

        DataTable keeps its drawn cells until the rows change, and a filter changes them
        at every key: every cell in view was drawn again through Rich (the most part of
        a key's time), though most were drawn at an earlier key, or at another place.
        DataTable draws a cell as `Styled(Padding(cell), pre_style, post_style)`: the
        padded text (which depends on the cell and its width only, kept here) with the
        row's style, the cursor's and the cell's place for the mouse put on each of its
        pieces (`Segment.apply_style`, what `Styled` does), done here at each drawing.
        """
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if (
            row_key is None  # the header
            or column_key is None
            or row_index < self.fixed_rows
            or column_index < self.fixed_columns
            or self.rows[row_key].height != 1
        ):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        cell = self._data[row_key][column_key]
        key = (row_key, column_key, width)
        kept = self._cells_drawn.get(key)
        if kept is None or kept[0] is not cell:
            shown = default_cell_formatter(cell, wrap=False, height=1) or _EMPTY_TEXT
            console = self.app.console
            lines = plain_cell_lines(console, shown, width, self.cell_padding)
            if lines is None:
                options = self.app.console_options.update_dimensions(width, 1)
                lines = console.render_lines(
                    Padding(shown, (0, self.cell_padding)), options.update(no_wrap=True)
                )
            kept = (cell, lines)
            self._cells_drawn[key] = kept
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            False,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        base_style += Style.from_meta({"row": row_index, "column": column_index})
        pre_style = base_style + component_style
        return [list(Segment.apply_style(line, pre_style, post_style)) for line in kept[1]]

    def notify_style_update(self) -> None:
        self._cells_drawn.clear()  # drawn in the styles of before (a theme, a language)
        super().notify_style_update()

    def _fixed_columns(self) -> bool:
        return bool(self.columns) and not any(c.auto_width for c in self.columns.values())

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # Widths given, one line per row, no labels: nothing to measure, only the size.
        if not self._fixed_columns() or any(
            row.auto_height or row.height != 1 or row.label is not None
            for row in map(self.rows.get, new_rows)
            if row is not None
        ):
            super()._update_dimensions(new_rows)
            return
        self._set_virtual_size()

    def _set_virtual_size(self, at_once: bool = False) -> None:
        """The table's size from its columns and rows. `at_once`: and its scrollbars set
        now, without a layout of the screen unless a scrollbar shows or hides (see
        `draw_with_screen`): the rows and columns never change the table's own size."""
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header_height = self.header_height if self.show_header else 0
        size = Size(width + self._row_label_column_width, self._total_row_height + header_height)
        if not (at_once and self.is_mounted and self.container_size):
            self.virtual_size = size  # not laid out yet: as DataTable does
        elif size != self.virtual_size:
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)

    def _scroll_update(self, virtual_size: Size) -> None:
        """As Textual's, but a scrollbar is drawn again only when it shows other figures
        (Textual draws it again after every layout, a frame more)."""
        self._refresh_scrollbars()
        width, height = self.container_size
        if self.show_vertical_scrollbar and self.styles.scrollbar_size_vertical:
            bar = self.vertical_scrollbar
            bar.window_virtual_size = virtual_size.height  # reactive: drawn if it changed
            bar.window_size = height - self.scrollbar_size_horizontal
        if self.show_horizontal_scrollbar and self.styles.scrollbar_size_horizontal:
            bar = self.horizontal_scrollbar
            bar.window_virtual_size = virtual_size.width
            bar.window_size = width - self.scrollbar_size_vertical
        self.scroll_x = self.validate_scroll_x(self.scroll_x)
        self.scroll_y = self.validate_scroll_y(self.scroll_y)

    def draw_with_screen(self) -> None:
        """Tell the screen now what the table (and its scrollbars) needs drawn or laid
        out, as each tells it once it has handled its own messages: a key's rows then
        show in the screen's next frame, the one that shows the key, not one or two
        frames later."""
        for widget in (self, self._vertical_scrollbar, self._horizontal_scrollbar):
            if widget is not None:
                widget._check_refresh()


def plain_cell_lines(
    console: Console, cell: object, width: int, padding: int
) -> list[list[Segment]] | None:
    """What Rich renders for `Padding(cell, (0, padding))` on one line of `width` cells,
    without Rich's machinery, for a cell of one plain style that fits (most cells of
    the table: a title cut to its column, a step, a date): the padding, the text in its
    style, the blank that fills the column. None for anything else (Rich renders it).
    tests/tui/test_plans_table_lazy.py holds it to Rich's rendering."""
    if type(cell) is not Text or cell._spans or cell.justify not in (None, "default"):
        return None
    text = cell.plain
    inner = width - 2 * padding
    if not text or not text.isprintable() or inner < 1:
        return None
    used = cell_len(text)
    if used > inner:
        return None  # cut by Rich, as its overflow says
    blank = _NULL_STYLE
    line = [Segment(" " * padding, blank)] if padding else []
    line.append(Segment(text, console.get_style(cell.style)) if cell.style else Segment(text))
    if used < inner:
        line.append(Segment(" " * (inner - used), blank))
    if padding:
        line.append(Segment(" " * padding, blank))
    return [line]


_NULL_STYLE = Style()
