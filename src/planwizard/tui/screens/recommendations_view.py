"""Every recommendation of the folder's plans (Ctrl+K on home, issue 18).

The table of `planwizard recommendations`: overdue written replies first, then those due
soon, then the others; per recommendation its plan and reference, the authorities, the
position, the reply due or received, and the implementation at the last review. Three
filters narrow it (authority, position, implementation); Enter opens the plan at step 1
with the recommendation chosen. The plans are read in a thread, as on home.

Plan text is untrusted: cells, filter choices and the detail line are literal text
(never markup) with control characters removed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Footer, Select, Static

from planwizard import clock, method
from planwizard.dates import narrow_date
from planwizard.i18n import _, ngettext
from planwizard.recommendation_report import _reply_line, _review_line
from planwizard.recommendations import (
    NOT_ASSESSED,
    FolderError,
    FolderRecommendation,
    authorities,
    filter_rows,
    folder_recommendations,
)
from planwizard.text import one_line
from planwizard.tui.safe import cell
from planwizard.tui.steady import SteadyKeysScreen, settle_cursors
from planwizard.tui.styles import beside
from planwizard.tui.wizard import wizard

STYLES = beside(__file__)  # this screen's styles: the .tcss beside this module

#: Days ahead within which a reply counts as due soon (as `planwizard recommendations`).
WITHIN = 30
#: Columns kept for the table's vertical scrollbar.
SCROLLBAR_GUTTER = 2
#: The widest each column but the first may be: at 80 columns, and from 120 on.
NARROW_CAPS = (14, 12, 15, 13)
WIDE_CAPS = (26, 22, 17, 27)


def recommendations_help() -> tuple[str, str]:
    return _("Recommendations"), _(
        "Every recommendation of the plans in this folder: written replies overdue first "
        "(the latest first), then those due within 30 days, then the others. For each, "
        "its reference and plan, the authorities it is addressed to, their position, the "
        "reply (due, ! when overdue, or received: ✓) and the implementation found at the "
        "last review.\n\n"
        "Tab goes to the filters above the table (authority, position, implementation); "
        "Enter on a filter opens its choices. Enter on a recommendation opens its plan at "
        "step 1, on that recommendation; Escape there comes back here, and Escape here "
        "goes back to the plans."
    )


def row_key(row: FolderRecommendation) -> str:
    return f"{row.path}\x00{row.state.id}"


def reply_cell(row: FolderRecommendation) -> Text:
    rec = row.state.recommendation
    if row.reply == "received" and rec.reply_received is not None:
        return Text("✓ " + narrow_date(rec.reply_received), style="green")
    if rec.reply_due is None:
        return Text("—", style="dim")
    if row.reply == "overdue":
        return Text("! " + narrow_date(rec.reply_due), style="bold red")
    return Text(narrow_date(rec.reply_due), style="bold yellow" if row.reply == "due-soon" else "")


def cells(row: FolderRecommendation) -> list[Text]:
    rec = row.state.recommendation
    name = one_line(rec.reference) or one_line(rec.id)
    implementation = row.state.implementation
    return [
        cell(f"{name} · {one_line(row.plan.title)}"),
        cell(", ".join(one_line(a) for a in row.state.authorities) or "—"),
        Text(method.label("position", rec.position), no_wrap=True, overflow="ellipsis"),
        reply_cell(row),
        Text(
            method.label("implementation", implementation) if implementation else "—",
            no_wrap=True,
            overflow="ellipsis",
        ),
    ]


class RecommendationsScreen(SteadyKeysScreen):
    """The folder's recommendations, filterable; Enter opens one in its plan."""

    CSS_PATH = STYLES

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", _("Help")),
        # Priority, so that the footer shows it over the table's own Enter; on a filter,
        # Enter is the filter's (see check_action).
        Binding("enter", "open", _("Open"), priority=True),
        Binding("escape", "back", _("Plans")),
        Binding("ctrl+e", "reload", _("Reload"), priority=True, show=False),
        Binding("ctrl+q", "app.quit", _("Quit")),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.rows: list[FolderRecommendation] = []
        self.errors: list[FolderError] = []
        self.shown: dict[str, FolderRecommendation] = {}
        self.loaded = False
        self.was_away = False
        #: Filters to set once the plans are read (a copy in another language).
        self.chosen: dict[str, str | None] = {}

    def help_text(self) -> tuple[str, str]:
        return recommendations_help()

    def compose(self) -> ComposeResult:
        with Horizontal(id="titlebar"):
            yield Static(
                Content(_("Recommendations · {folder}").format(folder=self.folder.name)),
                id="title-text",
            )
            yield Static("", id="save-state")
        with Horizontal(id="rec-filters"):
            yield Select[str]([], prompt=_("every authority"), compact=True, id="filter-authority")
            yield Select[str](
                [(label, code) for code, label in method.labels("position").items()],
                prompt=_("every position"),
                compact=True,
                id="filter-position",
            )
            implementations = [
                (label, code) for code, label in method.labels("implementation").items()
            ]
            implementations.append((_("not assessed yet"), NOT_ASSESSED))
            yield Select[str](
                implementations,
                prompt=_("any implementation"),
                compact=True,
                id="filter-implementation",
            )
        yield DataTable[Text](id="recommendations", cursor_type="row", zebra_stripes=True)
        yield Static(Content(_("Reading the plans…")), id="rec-detail")
        yield Footer()

    def on_mount(self) -> None:
        settle_cursors(self)
        self.query_one("#recommendations", DataTable).focus()
        self.reload()

    def rebuilt(self) -> RecommendationsScreen:
        """A fresh copy in the current interface language, its filters kept."""
        copy = RecommendationsScreen(self.folder)
        copy.chosen = self.filters()
        return copy

    def on_screen_suspend(self) -> None:
        self.was_away = True

    def on_screen_resume(self) -> None:
        # Back from a plan: its replies and positions may have changed.
        if self.was_away:
            self.was_away = False
            self.reload()

    def reload(self) -> None:
        self.load(self.folder, clock.today())

    @work(thread=True, exclusive=True, group="recommendations-load")
    def load(self, folder: Path, today: dt.date) -> None:
        from planwizard.storage import plan_paths

        paths = list(plan_paths([folder])) if folder.is_dir() else []
        rows, errors = folder_recommendations(paths, today, WITHIN)
        self.app.call_from_thread(self.show_rows, rows, errors)

    def show_rows(self, rows: list[FolderRecommendation], errors: list[FolderError]) -> None:
        if not self.is_attached:
            return
        self.rows, self.errors, self.loaded = rows, errors, True
        choice = self.query_one("#filter-authority", Select)
        kept = self.chosen.pop("authority", None) or choice.value
        names = authorities(rows)
        # Plan text: each name literal (Content), never markup.
        choice.set_options([(Content(one_line(name)), name) for name in names])
        if isinstance(kept, str) and kept in names:
            choice.value = kept
        for name, value in self.chosen.items():
            if value is not None:
                self.query_one(f"#filter-{name}", Select).value = value
        self.chosen = {}
        overdue = sum(1 for row in rows if row.reply == "overdue")
        state = ngettext("{count} recommendation", "{count} recommendations", len(rows)).format(
            count=len(rows)
        )
        if overdue:
            state += " · " + ngettext("{count} overdue", "{count} overdue", overdue).format(
                count=overdue
            )
        if errors:
            state += " · " + ngettext(
                "{count} unreadable", "{count} unreadable", len(errors)
            ).format(count=len(errors))
        self.query_one("#save-state", Static).update(Content(state))
        self.fill()

    def filters(self) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for name in ("authority", "position", "implementation"):
            value = self.query_one(f"#filter-{name}", Select).value
            found[name] = value if isinstance(value, str) else None
        return found

    def visible_rows(self) -> list[FolderRecommendation]:
        return filter_rows(self.rows, **self.filters())

    def fill(self) -> None:
        table = self.query_one("#recommendations", DataTable)
        keep = self.current_key()
        rows = self.visible_rows()
        shown = [(row_key(row), row, cells(row)) for row in rows]
        self.shown = {key: row for key, row, _cells in shown}
        caps = WIDE_CAPS if self.size.width >= 120 else NARROW_CAPS
        headers = [
            _("Recommendation"),
            _("Addressed to"),
            _("Position"),
            _("Reply"),
            _("Implementation"),
        ]
        widths = [
            min(cap, max([cell_len(header)] + [c[index].cell_len for *_r, c in shown]))
            for index, (cap, header) in enumerate(zip(caps, headers[1:], strict=True), start=1)
        ]
        room = (self.size.width or 80) - SCROLLBAR_GUTTER - 2 * len(headers) - sum(widths)
        table.clear(columns=True)
        for header, width in zip(headers, [max(12, room), *widths], strict=True):
            table.add_column(header, width=width)
        for key, _row, row_cells in shown:
            table.add_row(*row_cells, key=key)
        keys = [key for key, _row, _cells in shown]
        if keys:
            table.move_cursor(row=keys.index(keep) if keep in keys else 0)
        self.show_detail()
        self.refresh_bindings()

    def current_key(self) -> str | None:
        table = self.query_one("#recommendations", DataTable)
        if not table.row_count:
            return None
        key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        return key.value

    def current_row(self) -> FolderRecommendation | None:
        key = self.current_key()
        return self.shown.get(key) if key is not None else None

    def show_detail(self) -> None:
        detail = self.query_one("#rec-detail", Static)
        row = self.current_row()
        if row is None:
            if not self.loaded:
                text = Content(_("Reading the plans…"))
            elif not self.rows:
                text = Content(_("No recommendation in the plans of this folder."))
            else:
                text = Content(_("No recommendation matches the filters."))
            detail.update(text)
            return
        rec = row.state.recommendation
        today = clock.today()
        head = " · ".join(
            part
            for part in (one_line(rec.reference), row.path.name, one_line(row.plan.title))
            if part
        )
        width = max(20, detail.size.width - 2 or self.size.width - 2)
        # One line each (cut with …), so that the four always show.
        detail.update(
            Content.assemble(
                (one_line(head, width), "bold"),
                "\n",
                one_line(rec.text, width) or "—",
                "\n",
                (
                    one_line(_reply_line(row, today), width),
                    "bold $text-error" if row.reply == "overdue" else "",
                ),
                "\n",
                (one_line(_review_line(row), width), "$text-muted"),
            )
        )

    # -- events ----------------------------------------------------------------

    def on_resize(self) -> None:
        if self.loaded:
            self.fill()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if self.loaded:
            self.fill()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()  # a click on the highlighted row

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # Enter opens a plan, or a filter's choices

    # -- actions ---------------------------------------------------------------

    def action_open(self) -> None:
        row = self.current_row()
        if row is None:
            return
        # Step 1, where the recommendations are listed, on this one.
        wizard(self).open_plan(row.path, "problem", ("recommendations", row.state.id))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            focused = self.focused
            if focused is not None and any(
                isinstance(node, Select) for node in focused.ancestors_with_self
            ):
                return False  # Enter opens the filter's choices, or picks one
            return True if self.current_row() is not None else None
        return True
