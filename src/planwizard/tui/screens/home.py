"""Home: every plan in the folder, with where it stands; open, start, copy, delete.

The folder is read in a thread so the screen appears at once; a file that does not load
is listed with its error, never hidden, and never stops the others.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Footer, Input, Static

from planwizard import clock, locations
from planwizard.dates import narrow_date
from planwizard.home_index import (
    FolderReading,
    PlanRow,
    cached_rows,
    read_rows,
    store_rows,
    unchanged_rows,
)
from planwizard.i18n import _, current_language, ngettext
from planwizard.method import STEPS, step_label
from planwizard.text import one_line
from planwizard.tui.safe import cell
from planwizard.tui.steady import SteadyKeysScreen, settle_cursors

#: Dates that between them are the widest a column shows in any language (« 1er sept.
#: 2027 » in French, "31 Jan 2027" in English), to size the date columns.
WIDEST_DATES = tuple(dt.date(2027, month, day) for month in range(1, 13) for day in (1, 28))


def short_path(path: Path, limit: int = 36) -> str:
    """A folder's path for a one-line title: its end, which names it, when it is long."""
    text = one_line(str(path))
    return text if len(text) <= limit else "…" + text[-(limit - 1) :]


#: Columns the table keeps for its vertical scrollbar, shown or not (see app.tcss).
SCROLLBAR_GUTTER = 2

SORTS = ("title", "deadline", "overdue", "step")


def sort_key(name: str) -> Any:
    far = dt.date.max
    keys: dict[str, Any] = {
        "title": lambda r: (r.error is not None, r.title.casefold()),
        "deadline": lambda r: (r.deadline or far, r.title.casefold()),
        "overdue": lambda r: (-r.overdue, r.title.casefold()),
        "step": lambda r: (r.step_number, r.title.casefold()),
    }
    return keys[name]


class HomeScreen(SteadyKeysScreen):
    """The plans folder."""

    # The keys mean the same on every screen (README, "Keys"): no F-key here, where the
    # wizard's F7 to F9 are the room's; deleting a plan has a key of its own, Delete.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", _("Help")),
        Binding("enter", "open", _("Open"), show=True),
        Binding("ctrl+n", "new", _("New plan"), priority=True),
        Binding("ctrl+r", "review", _("Review"), priority=True),
        Binding("ctrl+t", "duplicate", _("Template"), priority=True),
        # Priority, so that it works from the filter line too, where Delete still deletes
        # the character after the cursor when there is one (see check_action).
        Binding("delete", "delete", _("Delete"), key_display="Del", priority=True, show=False),
        # Sorting is also a click on a column header; the key is in F1 and the palette.
        Binding("ctrl+o", "sort", _("Sort"), priority=True, show=False),
        Binding("ctrl+y", "history", _("Reviews history"), priority=True, show=False),
        Binding("ctrl+d", "dialogue", _("Dialogue log"), priority=True, show=False),
        Binding("ctrl+k", "recommendations", _("Recommendations"), priority=True, show=False),
        Binding("ctrl+l", "app.share", _("Share"), priority=True, show=False),
        # Ctrl+L is Share on every screen; reading the folder again takes Ctrl+E (in the
        # filter line the End key still goes to the end).
        Binding("ctrl+e", "reload", _("Reload"), priority=True, show=False),
        Binding("ctrl+q", "app.quit", _("Quit")),
        Binding("up", "cursor(-1)", _("Up"), show=False),
        Binding("down", "cursor(1)", _("Down"), show=False),
    ]

    def __init__(
        self,
        folder: Path,
        cache_dir: Path | None = None,
        first_reading: FolderReading | None = None,
    ) -> None:
        super().__init__()
        self.folder = folder
        self.cache_dir = cache_dir or locations.cache_dir()
        #: The folder as the command line started reading it, before Textual loaded.
        self.first_reading = first_reading
        self.rows: list[PlanRow] = []
        self.sort = "title"
        self.loaded = False
        self.title_width = 30
        self.was_away = False
        self.fill_generation = 0
        self.recomposing = False

    async def recompose_in_language(self) -> None:
        """Redraw in the current interface language (see tui/language.py)."""
        self.workers.cancel_group(self, "home-load")
        self.recomposing = True  # rows a worker delivers meanwhile have nowhere to go
        try:
            await self.recompose()
        finally:
            self.recomposing = False
        self.on_mount()

    def compose(self) -> ComposeResult:
        with Horizontal(id="titlebar"):
            yield Static(
                Content(_("planwizard · plans in {folder}").format(folder=short_path(self.folder))),
                id="title-text",
            )
            yield Static("", id="save-state")
        yield Input(
            placeholder=_("Type to filter · ↑↓ choose · Enter opens"), id="filter", compact=True
        )
        table: DataTable[Text] = DataTable(id="plans", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="detail")
        yield Footer()

    def on_mount(self) -> None:
        settle_cursors(self)
        self.set_columns(self.query_one("#plans", DataTable))
        self.query_one("#detail", Static).update(Content(_("Reading the plans…")))
        self.query_one("#filter", Input).focus()
        reading, self.first_reading = self.first_reading, None
        if reading is not None and reading.ready is None:
            self.wait_for(reading)
            return
        # Unchanged folder since the last start: draw it now, without loading any plan.
        rows = reading.ready if reading is not None else None
        if rows is None:
            rows = cached_rows(self.folder, clock.today(), self.cache_dir, current_language())
        if rows is not None:
            self.show_rows(rows)
        else:
            self.reload()

    def set_columns(self, table: DataTable[Text]) -> None:
        """The columns, each as wide as its widest possible value, the title taking the rest.

        Fixed widths: the table never measures its cells (a faster first frame with many
        plans) and never grows wider than the screen, so it never scrolls sideways.
        """
        self.title_width = self.fitting_title_width()
        table.clear(columns=True)
        table.add_column(_("Plan"), key="title", width=self.title_width)
        for key, header, widest in self.other_columns():
            table.add_column(header, key=key, width=widest)

    @staticmethod
    def other_columns() -> list[tuple[str, str, int]]:
        """(key, header, width) of every column but the title, in the current language."""
        step_texts = [step_label(step) for step in STEPS]
        step_texts.append(_("conflicts: {count}").format(count=99))
        columns = [
            ("step", _("Step"), step_texts),
            ("actions", _("Actions"), ["999/999"]),
            ("deadline", _("Deadline"), [narrow_date(day) for day in WIDEST_DATES]),
            ("overdue", _("Late"), ["999"]),
            ("review", _("Review"), [narrow_date(day) for day in WIDEST_DATES]),
        ]
        return [
            (key, header, max(cell_len(text) for text in [header, *texts]))
            for key, header, texts in columns
        ]

    def on_resize(self, event: events.Resize) -> None:
        if self.loaded and self.title_width != self.fitting_title_width():
            self.fill(self.current_path())

    def fitting_title_width(self) -> int:
        # The title takes what the other columns, their padding and the scrollbar leave.
        others = self.other_columns()
        taken = sum(width for _key, _header, width in others)
        taken += 2 * (len(others) + 1) + SCROLLBAR_GUTTER
        # At least 12: at 80 columns in French, dates in words leave the title 14, and a
        # wider title would push the review date off the screen (the highlighted plan's
        # whole title is under the table).
        return max(12, self.size.width - taken)

    def on_screen_suspend(self) -> None:
        self.was_away = True

    def on_screen_resume(self) -> None:
        # Back from a plan: its step, actions and dates may have changed.
        if self.was_away:
            self.was_away = False
            self.reload()

    def reload(self) -> None:
        self.load_rows(self.folder, clock.today())

    @work(thread=True, exclusive=True, group="home-load")
    def wait_for(self, reading: FolderReading) -> None:
        rows = reading.wait()
        self.app.call_from_thread(self.show_rows, rows)

    @work(thread=True, exclusive=True, group="home-load")
    def load_rows(self, folder: Path, today: dt.date) -> None:
        language = current_language()
        known = unchanged_rows(folder, today, self.cache_dir, language)
        rows = read_rows(folder, today, known)
        store_rows(folder, rows, self.cache_dir, language)
        self.app.call_from_thread(self.show_rows, rows)

    def show_rows(self, rows: list[PlanRow], keep: Path | None = None) -> None:
        if self.recomposing:
            return
        current = keep or self.current_path()
        self.rows = rows
        self.loaded = True
        self.fill(current)
        count = sum(1 for r in rows if r.error is None)
        broken = len(rows) - count
        state = _("plans: {count}").format(count=count)
        if broken:
            state += " · " + ngettext("{count} unreadable", "{count} unreadable", broken).format(
                count=broken
            )
        self.query_one("#save-state", Static).update(Content(state))

    def visible_rows(self) -> list[PlanRow]:
        words = self.query_one("#filter", Input).value.casefold().split()
        return sorted((r for r in self.rows if r.matches(words)), key=sort_key(self.sort))

    def fill(self, keep: Path | None = None) -> None:
        table = self.query_one("#plans", DataTable)
        if not table.columns:
            return  # re-composed (language switch) and not mounted yet: on_mount fills it
        if self.title_width != self.fitting_title_width():
            self.set_columns(table)  # the screen was resized
        table.clear()
        today = clock.today()
        rows = self.visible_rows()
        paths = [r.path for r in rows]
        target = paths.index(keep) if keep in paths else 0
        # The rows on screen first, the rest once that frame is drawn: a big folder shows
        # at once, and its other rows follow before anyone can scroll to them.
        first = max(target + 1, self.size.height)
        self.fill_generation += 1
        for r in rows[:first]:
            table.add_row(*self.cells(r, today), key=str(r.path))
        if rows[first:]:
            rest, generation = rows[first:], self.fill_generation
            self.call_after_refresh(self.call_after_refresh, self.add_rows, rest, generation)
        if rows:
            table.move_cursor(row=target)
        self.show_detail()
        self.refresh_bindings()

    def add_rows(self, rows: list[PlanRow], generation: int) -> None:
        if generation != self.fill_generation:
            return  # the filter or the folder changed since: that fill has its own rows
        table = self.query_one("#plans", DataTable)
        today = clock.today()
        for r in rows:
            table.add_row(*self.cells(r, today), key=str(r.path))

    def cells(self, r: PlanRow, today: dt.date) -> list[Text]:
        if r.error is not None:
            return [
                cell(one_line(r.title, self.title_width), "bold"),
                Text(_("unreadable"), style="bold red"),
                Text(""),
                Text(""),
                Text(""),
                Text(""),
            ]
        late = Text(str(r.overdue), style="bold red" if r.overdue else "dim")
        review = cell(narrow_date(r.review) if r.review else "—", "bold" if r.review_due else "")
        step = Text(step_label(r.step))
        if r.conflicts:
            # A merge left values to decide: that comes before the step reached.
            step = Text(_("conflicts: {count}").format(count=r.conflicts), style="bold yellow")
        return [
            cell(one_line(r.title, self.title_width)),
            step,
            Text(f"{r.done}/{r.total}"),
            Text(narrow_date(r.deadline) if r.deadline else "—"),
            late,
            review,
        ]

    def current_row(self) -> PlanRow | None:
        table = self.query_one("#plans", DataTable)
        if not table.row_count:
            return None
        key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        return next((r for r in self.rows if str(r.path) == key.value), None)

    def current_path(self) -> Path | None:
        found = self.current_row()
        return found.path if found else None

    def show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        found = self.current_row()
        detail.set_class(found is not None and found.error is not None, "-error")
        if found is None:
            if not self.rows:
                text = _("No plans yet in this folder ({folder}). Ctrl+N starts one.").format(
                    folder=short_path(self.folder, 60)
                )
            else:
                text = _("No plan matches the filter.")
        elif found.error is not None:
            text = _("Does not load: {error}").format(error=one_line(found.error))
        else:
            text = f"{one_line(found.title)} · {one_line(str(found.path))}"
        detail.update(Content(text))

    # -- events ----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.fill(self.current_path())
            self.refresh_bindings()  # Delete may edit the filter (see check_action)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            event.stop()
            self.action_open()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        column = str(event.column_key.value)
        names = {"title": "title", "step": "step", "deadline": "deadline", "overdue": "overdue"}
        if column in names:
            self.sort = names[column]
            self.fill(self.current_path())
            self.notify(_("Sorted by {column}").format(column=str(event.label)), timeout=2)

    def on_key(self, event: events.Key) -> None:
        # Typing while the table has focus goes to the filter: "filter by typing".
        table = self.query_one("#plans", DataTable)
        if table.has_focus and event.is_printable and event.character:
            event.stop()
            search = self.query_one("#filter", Input)
            search.focus()
            search.insert_text_at_cursor(event.character)

    # -- actions ---------------------------------------------------------------

    def action_cursor(self, offset: int) -> None:
        table = self.query_one("#plans", DataTable)
        if table.row_count:
            table.move_cursor(row=table.cursor_row + offset)

    def action_open(self) -> None:
        found = self.current_row()
        if found is None:
            return
        if found.error is not None:
            self.notify(
                one_line(found.error, 300) + "\n" + _("Fix the file, or run `planwizard check`."),
                title=_("This plan does not load"),
                severity="error",
            )
            return
        self.app.open_plan(found.path)  # type: ignore[attr-defined]

    def action_new(self) -> None:
        self.app.new_plan()  # type: ignore[attr-defined]

    def action_duplicate(self) -> None:
        found = self.current_row()
        if found is None or found.error is not None:
            self.notify(_("Choose a plan that loads to copy it."), severity="warning")
            return
        self.app.duplicate_plan(found.path, found.title)  # type: ignore[attr-defined]

    def action_review(self) -> None:
        found = self.current_row()
        if found is None or found.error is not None:
            self.notify(_("Choose a plan that loads to review it."), severity="warning")
            return
        self.app.review_plan(found.path)  # type: ignore[attr-defined]

    def action_history(self) -> None:
        found = self.current_row()
        if found is None or found.error is not None:
            self.notify(_("Choose a plan that loads to see its reviews."), severity="warning")
            return
        self.app.show_history(found.path)  # type: ignore[attr-defined]

    def action_dialogue(self) -> None:
        found = self.current_row()
        if found is None or found.error is not None:
            self.notify(_("Choose a plan that loads to see its dialogue log."), severity="warning")
            return
        from planwizard.tui.screens.dialogue import open_dialogue

        open_dialogue(self.app, found.path)

    def action_recommendations(self) -> None:
        self.app.show_recommendations()  # type: ignore[attr-defined]

    def action_delete(self) -> None:
        found = self.current_row()
        if found is None:
            return
        from planwizard.tui.screens.dialogs import ConfirmScreen

        question = _("Delete the plan “{title}” (file {file})? This cannot be undone here.").format(
            title=one_line(found.title, 80), file=found.path.name
        )

        def done(agreed: bool | None) -> None:
            if not agreed:
                return
            try:
                found.path.unlink()
            except OSError as exc:
                self.notify(
                    _("Not deleted: {reason}").format(reason=exc.strerror or str(exc)),
                    severity="error",
                )
                return
            self.notify(_("Deleted {file}").format(file=found.path.name), timeout=3)
            self.reload()

        self.app.push_screen(ConfirmScreen(question, _("Delete")), done)

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        labels = {
            "title": _("title"),
            "deadline": _("next deadline"),
            "overdue": _("late actions"),
            "step": _("step reached"),
        }
        self.fill(self.current_path())
        self.notify(_("Sorted by {column}").format(column=labels[self.sort]), timeout=2)

    def action_reload(self) -> None:
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete":
            search = self.query_one("#filter", Input)
            if search.has_focus and search.cursor_position < len(search.value):
                return False  # Delete edits the filter's text
        if action in ("open", "duplicate", "delete", "review", "history"):
            return True if self.current_row() is not None else None
        return True
