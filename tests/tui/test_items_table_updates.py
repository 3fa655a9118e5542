"""A table updated in place shows exactly what a table filled afresh shows.

ItemsTable.fill touches only the rows that changed (added, removed, moved, edited) and
lays the columns out again only when their widths change; after any sequence of edits,
its rows, cells, row heights and columns must be those of a table that was given the
same rows once, from empty.
"""

from __future__ import annotations

import asyncio
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.app import App, ComposeResult

from planwizard.tui.safe import cell
from planwizard.tui.widgets.items_table import ItemsTable

COLUMNS = ["Action", "Owner", "Due", "Status"]
WORDS = ["Call", "the", "district", "office", "about", "shelters", "x" * 30, "Rédiger"]
OWNERS = ["", "Foyer", "Ministry of social affairs", "Ana"]

titles = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
edits = st.lists(
    st.one_of(
        st.tuples(st.just("add"), titles, st.sampled_from(OWNERS)),
        st.tuples(st.just("title"), st.integers(0, 50), titles),
        st.tuples(st.just("owner"), st.integers(0, 50), st.sampled_from(OWNERS)),
        st.tuples(st.just("status"), st.integers(0, 50), st.sampled_from(["", "dim", "bold"])),
        st.tuples(st.just("remove"), st.integers(0, 50), st.just("")),
        st.tuples(st.just("move"), st.integers(0, 50), st.integers(-2, 2)),
        st.tuples(st.just("width"), st.integers(0, 3), st.just("")),
    ),
    max_size=10,
)


class Tables(App[None]):
    CSS = "ItemsTable { width: 100%; height: auto; }"

    def __init__(self, wrap_first: bool) -> None:
        super().__init__()
        self.wrap_first = wrap_first

    def compose(self) -> ComposeResult:
        for name in ("kept", "fresh"):
            yield ItemsTable("actions", COLUMNS, (0, 1, 2), wrap_first=self.wrap_first, id=name)


def rows_of(items: list[dict[str, str]]) -> list[tuple[str, list[Text]]]:
    return [
        (
            item["id"],
            [
                cell(item["title"], item["style"]),
                cell(item["owner"]),
                cell("31 Jan 2027"),
                cell("planned"),
            ],
        )
        for item in items
    ]


def shown(table: ItemsTable) -> list[Any]:
    """Everything the table shows: columns, and each row's key, height and cells."""
    columns = [(str(c.label), c.width, c.auto_width) for c in table.ordered_columns]
    rows = []
    for row in table.ordered_rows:
        cells = [
            (text.plain, str(text.style), tuple(text.spans), text.no_wrap, text.overflow)
            for text in table.get_row(row.key)
        ]
        rows.append((row.key.value, row.height, cells))
    return [columns, rows, table.cursor_row]


def apply(items: list[dict[str, str]], edit: tuple[str, Any, Any], made: int) -> None:
    what, where, value = edit
    if what == "width":
        return  # the table's width (a scrollbar that comes or goes), see run
    if what == "add":
        items.append({"id": f"new-{made}", "title": where, "owner": value, "style": ""})
        return
    if not items:
        return
    index = where % len(items)
    if what == "title":
        items[index]["title"] = value
    elif what == "owner":
        items[index]["owner"] = value
    elif what == "status":
        items[index]["style"] = value
    elif what == "remove":
        del items[index]
    else:
        item = items.pop(index)
        items.insert(min(max(index + value, 0), len(items)), item)


async def laid_out(pilot: Any, table: ItemsTable, width: int) -> None:
    """Wait until `table` has taken `width` (and its own resize has run): on a loaded
    machine one pause may not be enough, and the comparison would be of a table that is
    still to be laid out (a flaky failure, once)."""
    for _ in range(100):
        await pilot.pause()
        if table.size.width == width:
            await pilot.pause()
            return
    raise AssertionError(f"the table never took its width of {width}")


async def run(wrap_first: bool, width: int, steps: list[tuple[str, Any, Any]]) -> None:
    app = Tables(wrap_first)
    async with app.run_test(size=(width, 60)) as pilot:
        kept = app.query_one("#kept", ItemsTable)
        items = [
            {"id": f"a-{n}", "title": f"Action {n}", "owner": "Foyer", "style": ""}
            for n in range(4)
        ]
        kept.fill(rows_of(items))
        await laid_out(pilot, kept, width)
        narrowed = 0
        for made, edit in enumerate(steps):
            apply(items, edit, made)
            keep = items[0]["id"] if items else None
            if edit[0] == "width":
                # A column or two less (a scrollbar), as the table's own resize sees it.
                narrowed = edit[1]
                kept.styles.width = width - narrowed
                await laid_out(pilot, kept, width - narrowed)
            kept.fill(rows_of(items), keep=keep)
            fresh = app.query_one("#fresh", ItemsTable)
            await fresh.remove()
            fresh = ItemsTable("actions", COLUMNS, (0, 1, 2), wrap_first=wrap_first, id="fresh")
            fresh.styles.width = width - narrowed
            await app.mount(fresh)
            await laid_out(pilot, fresh, width - narrowed)  # at its width, as the kept one is
            fresh.fill(rows_of(items), keep=keep)
            await pilot.pause()
            assert shown(kept) == shown(fresh), edit


@settings(max_examples=12, deadline=None)
@given(
    wrap_first=st.booleans(),
    width=st.sampled_from([60, 120, 220]),
    steps=edits,
)
def test_updated_in_place_as_filled_afresh(
    wrap_first: bool, width: int, steps: list[tuple[str, Any, Any]]
) -> None:
    asyncio.run(run(wrap_first, width, steps))


def test_the_cells_given_are_shown_cut_but_never_cut_themselves() -> None:
    """A table keeps the cells it is given where they fit (no copy per row) and cuts
    copies: the same cells given again, to this table or another, show the same."""
    long_title = "Call the district office about shelters " * 3

    async def main() -> None:
        app = Tables(wrap_first=False)
        async with app.run_test(size=(60, 30)) as pilot:
            kept = app.query_one("#kept", ItemsTable)
            rows = [
                ("a-1", [cell(long_title), cell("Ministry of social affairs"), cell("1 Jan")]),
                ("a-2", [cell("Short"), cell("Ana"), cell("2 Jan")]),
            ]
            before = [[text.plain for text in cells] for _id, cells in rows]
            kept.fill(rows)
            await laid_out(pilot, kept, 60)
            shown_first = shown(kept)
            assert shown_first[1][0][2][0][0].endswith("…")  # the title is cut on screen
            assert [[text.plain for text in cells] for _id, cells in rows] == before
            kept.fill(list(rows))  # the same cells again: nothing moves
            await pilot.pause()
            assert shown(kept) == shown_first

    asyncio.run(main())
