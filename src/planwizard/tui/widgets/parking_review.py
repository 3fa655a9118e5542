"""The parking lot's review at the end of step 4: each open point becomes an action or goes.

Nothing the room raised is silently forgotten: the list stays until every point is
decided, one key each.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from planwizard.i18n import _
from planwizard.method import STEPS, step_label
from planwizard.model import Plan
from planwizard.parking_lot import open_items
from planwizard.tui.safe import cell


class ParkingTable(DataTable[Text]):
    """Open points, keyed by id; `a` and `d` ask the screen to decide the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "decide('action')", _("Make it an action")),
        Binding("d,delete", "decide('drop')", _("Drop it"), key_display="d"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def action_decide(self, what: str) -> None:
        if not self.row_count:
            return
        row_key, _column = self.coordinate_to_cell_key(self.cursor_coordinate)
        if row_key.value is not None:
            self.post_message(ParkingReview.Decided(row_key.value, what))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "decide":
            return True if self.row_count else None
        return True


class ParkingReview(Vertical):
    """Section "Parking lot" of the monitoring step."""

    DEFAULT_CSS = """
    ParkingReview { height: auto; }
    ParkingReview > ParkingTable { height: auto; max-height: 10; }
    ParkingReview.-empty > ParkingTable { display: none; }
    ParkingReview > .parking-state { color: $text-muted; text-style: italic; }
    """

    class Decided(Message):
        """The user chose what becomes of a parked point: "action" or "drop"."""

        def __init__(self, item_id: str, what: str) -> None:
            super().__init__()
            self.item_id = item_id
            self.what = what

    def compose(self) -> ComposeResult:
        yield Static(Content(_("Parking lot")), classes="section-title")
        yield ParkingTable(id="parking")
        yield Static("", classes="parking-state", markup=False)

    def on_mount(self) -> None:
        from planwizard.tui.plan_screen import PlanScreen

        table = self.query_one(ParkingTable)
        table.add_column(_("Point raised"), key="text")
        table.add_column(_("At step"), key="step")
        if isinstance(self.screen, PlanScreen):
            self.screen.watch_plan(self, self.show_plan)  # it listens to the plan

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan: Plan | None = None

    def on_resize(self) -> None:
        if self.plan is not None:
            self.show_plan(self.plan)

    def show_plan(self, plan: Plan) -> None:
        self.plan = plan
        table = self.query_one(ParkingTable)
        items = open_items(plan)
        # The point takes what the step column leaves: the table never scrolls sideways.
        room = max(20, (self.size.width or self.app.size.width // 2) - 20)
        before = table.cursor_row
        table.clear()
        for item in items:
            step = item.step
            where = step_label(step) if step in STEPS else step
            text = cell(item.text)
            text.truncate(room, overflow="ellipsis")
            table.add_row(text, cell(where), key=item.id)
        if items:
            table.move_cursor(row=min(before, len(items) - 1))
        self.set_class(not items, "-empty")
        state = self.query_one(".parking-state", Static)
        if items:
            state.update(Content(_("a makes it an action (step 3) · d drops it")))
        elif plan.parking_lot:
            state.update(Content(_("Every parked point is decided.")))
        else:
            state.update(Content(_("Nothing parked. F7 parks a point at any step.")))
        table.refresh_bindings()
