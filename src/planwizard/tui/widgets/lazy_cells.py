"""Cells made when first looked at, for tables of thousands of rows of which a screenful
shows: a folder of 5,000 plans makes 30,000 cells at start otherwise, for 30 rows drawn.

`LazyCells` is a row's cells, a sequence that makes them on first use (and keeps them).
`CellsByRow` is what DataTable keeps its cells in (`_data`: by row, then by column),
where a row given as LazyCells has its cells made when DataTable first asks for them:
to draw the row, or for `get_row`, `get_cell`, `sort`... (every way to them goes
through `[]`, `get`, `values`, `items`, which make the row first).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from rich.text import Text
from textual.widgets.data_table import ColumnKey, RowKey


class LazyCells(Sequence[Text]):
    """A row's cells, made by `make` the first time they are looked at."""

    __slots__ = ("_cells", "_make")

    def __init__(self, make: Callable[[], list[Text]]) -> None:
        self._make: Callable[[], list[Text]] | None = make
        self._cells: list[Text] | None = None

    @property
    def made(self) -> bool:
        return self._cells is not None

    @property
    def cells(self) -> list[Text]:
        if self._cells is None:
            assert self._make is not None
            self._cells, self._make = self._make(), None
        return self._cells

    @overload
    def __getitem__(self, index: int) -> Text: ...

    @overload
    def __getitem__(self, index: slice) -> list[Text]: ...

    def __getitem__(self, index: int | slice) -> Text | list[Text]:
        return self.cells[index]

    def __len__(self) -> int:
        return len(self.cells)

    def __iter__(self) -> Iterator[Text]:
        return iter(self.cells)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyCells):
            return self.cells == other.cells
        if isinstance(other, list):
            return self.cells == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LazyCells({self._cells!r})" if self.made else "LazyCells(<not made yet>)"


#: What CellsByRow holds for a row whose cells are not made yet (never handed out).
_LATER: dict[ColumnKey, Any] = {}


class CellsByRow(dict[RowKey, dict[ColumnKey, Any]]):
    """DataTable's cells by row, then by column, a row given as LazyCells made when
    it is first looked at (see the module's docstring)."""

    def __init__(self, columns: Sequence[ColumnKey]) -> None:
        super().__init__()
        self.columns = list(columns)
        #: The rows not made yet.
        self.later: dict[RowKey, LazyCells] = {}

    def put_later(self, key: RowKey, cells: LazyCells) -> None:
        dict.__setitem__(self, key, _LATER)
        self.later[key] = cells

    def _made(self, key: RowKey) -> dict[ColumnKey, Any]:
        cells = self.later.pop(key).cells
        if len(cells) > len(self.columns):
            raise ValueError("More values provided than there are columns.")
        by_column = dict(zip(self.columns, cells, strict=False))
        dict.__setitem__(self, key, by_column)
        return by_column

    def __getitem__(self, key: RowKey) -> dict[ColumnKey, Any]:
        if key in self.later:
            return self._made(key)
        return dict.__getitem__(self, key)

    def get(self, key: RowKey, default: Any = None) -> Any:
        return self[key] if key in self else default  # noqa: SIM401 (this is get)

    def values(self) -> list[dict[ColumnKey, Any]]:  # type: ignore[override]
        return [self[key] for key in self]

    def items(self) -> list[tuple[RowKey, dict[ColumnKey, Any]]]:  # type: ignore[override]
        return [(key, self[key]) for key in self]

    def __setitem__(self, key: RowKey, value: dict[ColumnKey, Any]) -> None:
        self.later.pop(key, None)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: RowKey) -> None:
        self.later.pop(key, None)
        dict.__delitem__(self, key)

    def pop(self, key: RowKey, *default: Any) -> Any:
        if key in self.later:
            self._made(key)
        return dict.pop(self, key, *default)

    def setdefault(self, key: RowKey, default: Any = None) -> Any:
        if key in self:
            return self[key]
        self[key] = default
        return default

    def popitem(self) -> tuple[RowKey, dict[ColumnKey, Any]]:
        key = next(reversed(self))
        return key, self.pop(key)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def clear(self) -> None:
        self.later.clear()
        dict.clear(self)

    def copy(self) -> dict[RowKey, dict[ColumnKey, Any]]:
        return dict(self.items())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, dict):
            return dict(self.items()) == (
                dict(other.items()) if isinstance(other, CellsByRow) else other
            )
        return NotImplemented

    __hash__ = None
