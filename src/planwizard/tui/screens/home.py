"""Home: every plan in the folder, with where it stands; open, start, copy, delete.

The folder is read in a thread so the screen appears at once: the rows kept from the
last start show at once, the others as they are read, each in its place in the sort.
A file that does not load is listed with its error, never hidden, and never stops the
others.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Footer, Input, Static
from textual.worker import get_current_worker

from planwizard import clock, locations
from planwizard.dates import narrow_date
from planwizard.home_index import (
    FolderReading,
    PlanRow,
    cached_rows,
    remember_row,
    row_for_plan,
)
from planwizard.i18n import _, current_language, format_number, ngettext
from planwizard.method import STEPS, step_label
from planwizard.text import one_line
from planwizard.tui.safe import cell
from planwizard.tui.steady import SteadyKeysScreen, settle_cursors
from planwizard.tui.styles import beside
from planwizard.tui.widgets.fields import SteadyInput
from planwizard.tui.widgets.lazy_cells import LazyCells
from planwizard.tui.widgets.plans_table import PlansTable
from planwizard.tui.wizard import wizard

if TYPE_CHECKING:
    from textual.app import App

    from planwizard.session import Session

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

    CSS_PATH = beside(__file__)

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
        #: Every plan of the folder (read so far), in the folder's order.
        self.rows: list[PlanRow] = []
        #: The rows by table key.
        self.by_key: dict[str, PlanRow] = {}
        #: The rows in the order of `sorted_by`, each with what the filter looks in:
        #: a key typed in the filter only picks from them.
        self.ordered: list[tuple[PlanRow, str, str]] = []  # (row, its text, its key)
        self.sorted_by = ""
        #: Each row's cells as drawn at the current width and language: typing in the
        #: filter shows rows already drawn, and a big folder has thousands.
        self.drawn: dict[str, tuple[PlanRow, LazyCells]] = {}  # by key
        #: (read, of) while the folder is being read, for the title bar.
        self.reading: tuple[int, int] | None = None
        self.sort = "title"
        self.loaded = False
        self.title_width = 30
        self.was_away = False
        self.recomposing = False
        self.keys_state: tuple[bool, bool] | None = None
        self.detail_text = ""

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
        yield SteadyInput(  # a key typed lays out nothing (see SteadyInput)
            placeholder=_("Type to filter · ↑↓ choose · Enter opens"), id="filter", compact=True
        )
        yield PlansTable(id="plans", cursor_type="row", zebra_stripes=True)
        yield Static("", id="detail")
        yield Footer()

    def on_mount(self) -> None:
        settle_cursors(self)
        self.set_columns(self.query_one("#plans", DataTable))
        self.detail_text = _("Reading the plans…")
        self.query_one("#detail", Static).update(Content(self.detail_text))
        self.query_one("#filter", Input).focus()
        reading, self.first_reading = self.first_reading, None
        if reading is not None and reading.ready is None:
            self.stream(reading)
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
        self.drawn.clear()
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

    #: The row of the plan just left, made from its session's plan (see `plan_left`).
    left: PlanRow | None = None

    def on_screen_resume(self) -> None:
        # Back from a plan: its step, actions and dates may have changed.
        if self.was_away:
            self.was_away = False
            left, self.left = self.left, None
            self.reload(left)

    def plan_left(self, left: PlanRow) -> None:
        """The plan of `left` is being left for this screen: show its row now, in the
        frame that shows the screen again; the folder is read again once the screen is
        back (the other plans from the cache, unless a file changed meanwhile)."""
        self.left = left
        if self.loaded and not self.recomposing:
            name = left.path.name
            rows = [r for r in self.rows if r.path.name != name]
            rows.append(left)
            rows.sort(key=lambda r: r.path.name)
            self.show(rows, self.current_path(), self.reading)

    def reload(self, left: PlanRow | None = None) -> None:
        self.stream(None, left)

    @work(thread=True, exclusive=True, group="home-load")
    def stream(self, reading: FolderReading | None, left: PlanRow | None = None) -> None:
        """Show the folder's rows as they are read: the kept ones at once, the others as
        they come, then the whole folder as a full read gives it. `reading` None: read
        it here, as when coming back from a plan, the rows shown meanwhile staying until
        their file is read again (a plan the highlight is on stays highlighted). `left`:
        the row of the plan just left, kept in the cache first so that it is not read
        again (its stamp is the file's as the plan's session wrote it)."""
        worker = get_current_worker()
        if left is not None:
            remember_row(self.folder, left, self.cache_dir, current_language())
        first = reading is not None or not self.rows  # nothing on screen yet
        if reading is None:
            reading = FolderReading(
                self.folder, clock.today(), self.cache_dir, current_language(), helper=False
            )
        if reading.ready is None:
            present = {row.path.name for row in reading.known}
            present.update(path.name for path in reading.missing)
            shown = {r.path.name: r for r in self.rows if r.path.name in present}
            shown.update((row.path.name, row) for row in reading.known)
            if shown:
                self.app.call_from_thread(self.show_read, list(shown.values()), reading, first)
            batches = reading.batches()
            try:
                for batch in batches:
                    if worker.is_cancelled:
                        return  # another reading took over: closing stops the helper
                    shown.update((row.path.name, row) for row in batch)
                    self.app.call_from_thread(self.show_read, list(shown.values()), reading, first)
            finally:
                batches.close()
        rows = reading.wait()
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_read, rows, reading, first, True)

    def show_read(
        self, rows: list[PlanRow], reading: FolderReading, first: bool, whole: bool = False
    ) -> None:
        """Rows of a folder being read (`whole`: all of them, as read), each in its
        place. While the rows come in `first` (nothing was on screen before them), the
        highlight stays on the first row unless it was moved: the table ends as a full
        read shows it."""
        if self.recomposing:
            return
        table = self.query_one("#plans", PlansTable)
        keep = self.current_path() if not first or table.cursor_row > 0 else None
        done = min(len(reading.known) + len(reading.received), reading.total)
        read = None if whole else (done, reading.total)
        self.show(sorted(rows, key=lambda r: r.path.name), keep, read)

    def show_rows(self, rows: list[PlanRow], keep: Path | None = None) -> None:
        """Show the folder's `rows`, in its order, the highlight staying on its plan."""
        if self.recomposing:
            return
        self.show(rows, keep or self.current_path())

    def show(
        self, rows: list[PlanRow], keep: Path | None, reading: tuple[int, int] | None = None
    ) -> None:
        """Show `rows`, the folder's in its order, the highlight on `keep` (None: on the
        first row); `reading`: (read, of) while the folder is still being read."""
        same = self.loaded and reading is None and self.reading is None and rows == self.rows
        if same and keep == self.current_path():
            return  # read again, nothing changed: no new frame
        self.reading = reading
        self.rows = rows
        self.by_key = {str(r.path): r for r in rows}
        if reading is None:  # forget the cells of files gone
            self.drawn = {k: self.drawn[k] for k in self.by_key if k in self.drawn}
        self.sorted_by = ""  # sorted again at the next fill
        self.loaded = True
        self.fill(keep)
        count = sum(1 for r in rows if r.error is None)
        broken = len(rows) - count
        state = _("plans: {count}").format(count=count)
        if broken:
            state += " · " + ngettext("{count} unreadable", "{count} unreadable", broken).format(
                count=broken
            )
        if self.reading is not None:
            done, total = self.reading
            state += " · " + _("reading: {done} of {total}").format(
                done=format_number(done), total=format_number(total)
            )
        self.query_one("#save-state", Static).update(Content(state))

    def visible_rows(self) -> list[PlanRow]:
        return [r for r, _text, _key in self.filtered()]

    def filtered(self) -> list[tuple[PlanRow, str, str]]:
        """(row, its text, its key) of the rows whose text holds every word typed in
        the filter, in the sort's order."""
        if self.sorted_by != self.sort:
            key = sort_key(self.sort)
            self.ordered = [(r, r.search_text(), str(r.path)) for r in sorted(self.rows, key=key)]
            self.sorted_by = self.sort
        found = self.ordered
        for word in self.query_one("#filter", Input).value.casefold().split():
            found = [entry for entry in found if word in entry[1]]
        return found

    def fill(self, keep: Path | None = None) -> None:
        table = self.query_one("#plans", PlansTable)
        if not table.columns:
            return  # re-composed (language switch) and not mounted yet: on_mount fills it
        if self.title_width != self.fitting_title_width():
            self.set_columns(table)  # the screen was resized
        rows = self.filtered()
        wanted = str(keep) if keep is not None else None
        target = next((n for n, (_r, _text, key) in enumerate(rows) if key == wanted), 0)
        cells = [(key, self.drawn_cells(key, r)) for r, _text, key in rows]
        if not table.shows(cells):
            table.replace_rows(cells)
            if rows:
                table.move_cursor(row=target)
        elif rows and table.cursor_row != target:
            # The same rows (a key that every row still matches): only the highlight,
            # if it moved; the table is not drawn again.
            table.move_cursor(row=target)
        self.show_detail()
        self.refresh_keys()
        # The rows, their scrollbar and the line under them in the screen's next frame,
        # the one that shows the key typed, rather than one or two frames after it.
        table.draw_with_screen()
        self.query_one("#detail", Static)._check_refresh()  # as the table's (see there)

    def refresh_keys(self) -> None:
        """Have the footer show the keys anew if what they may do changed (whether a
        plan is highlighted, whether Delete edits the filter; see check_action): the
        footer redraws itself each time it is asked, a frame more at every key typed."""
        search = self.query_one("#filter", Input)
        state = (
            self.current_row() is not None,
            search.has_focus and search.cursor_position < len(search.value),
        )
        if state != self.keys_state:
            self.keys_state = state
            self.refresh_bindings()

    def drawn_cells(self, key: str, r: PlanRow) -> LazyCells:
        """The cells of `r`, made when the table first draws them: of thousands of
        rows, a screenful is drawn."""
        drawn = self.drawn.get(key)
        if drawn is None or drawn[0] is not r:
            today = clock.today()
            drawn = self.drawn[key] = (r, LazyCells(lambda: self.cells(r, today)))
        return drawn[1]

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
        return self.by_key.get(key.value or "")

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
        if text != self.detail_text:  # the same plan still highlighted: no redraw
            self.detail_text = text
            detail.update(Content(text))

    # -- events ----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.fill(self.current_path())  # and Delete may edit the filter now

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
        wizard(self).open_plan(found.path)

    def action_new(self) -> None:
        wizard(self).new_plan()

    def action_duplicate(self) -> None:
        found = self.current_row()
        if found is None or found.error is not None:
            self.notify(_("Choose a plan that loads to copy it."), severity="warning")
            return
        wizard(self).duplicate_plan(found.path, found.title)

    def action_review(self) -> None:
        found = self.current_row()
        if found is None or found.error is not None:
            self.notify(_("Choose a plan that loads to review it."), severity="warning")
            return
        wizard(self).review_plan(found.path)

    def action_history(self) -> None:
        found = self.current_row()
        if found is None or found.error is not None:
            self.notify(_("Choose a plan that loads to see its reviews."), severity="warning")
            return
        wizard(self).show_history(found.path)

    def action_dialogue(self) -> None:
        found = self.current_row()
        if found is None or found.error is not None:
            self.notify(_("Choose a plan that loads to see its dialogue log."), severity="warning")
            return
        wizard(self).show_dialogue(found.path)

    def action_recommendations(self) -> None:
        wizard(self).show_recommendations()

    def action_delete(self) -> None:
        found = self.current_row()
        if found is None:
            return
        from planwizard.tui.dialogs import ConfirmScreen

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


def plan_left(app: App[Any], session: Session) -> None:
    """The plan of `session` is being left for the home screen under it: that screen
    shows the plan's row at once, made from the plan in memory rather than read again,
    when the file is still the one the session last wrote."""
    from planwizard.sync import stamp_of

    homes = [screen for screen in app.screen_stack if isinstance(screen, HomeScreen)]
    disk = session.disk
    if not homes or session.unsaved or disk is None or disk.stamp is None:
        return
    home = homes[-1]
    if session.path.parent.resolve() != home.folder.resolve():
        return
    stamp = stamp_of(session.path)
    if stamp != disk.stamp:
        return  # changed by someone else since: read again as any changed file
    path = home.folder / session.path.name
    home.plan_left(row_for_plan(path, session.plan, clock.today())._replace(stamp=stamp[:2]))
