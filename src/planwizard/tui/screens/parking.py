"""F7: park a point raised in the room, or see what is parked, without leaving the step."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from planwizard.i18n import _
from planwizard.method import STEPS, step_label
from planwizard.parking_lot import open_items
from planwizard.text import one_line, strip_control
from planwizard.tui.steady import settle_cursors
from planwizard.tui.styles import beside

STYLES = beside(__file__)  # this screen's styles: the .tcss beside this module

if TYPE_CHECKING:
    from planwizard.tui.room_screen import RoomScreen


class ParkingScreen(ModalScreen[None]):
    """Type a point and Enter: parked (saved at once); the list of open points below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f7", "close", _("Close"), priority=True),
    ]

    CSS_PATH = STYLES

    def __init__(self, owner: RoomScreen) -> None:
        super().__init__()
        self.owner = owner

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(_("Parking lot")), classes="dialog-title")
            yield Static(
                Content(_("Points that belong elsewhere; they come back at the end of step 4.")),
                classes="dialog-question",
            )
            yield Input(
                placeholder=_("a point to park, then Enter"), id="parking-input", compact=True
            )
            yield Static("", id="parking-count", classes="section-title", markup=False)
            yield VerticalScroll(classes="parking-list")
            yield Static(
                Content(_("Enter parks the point · Escape or F7 closes")), classes="dialog-hint"
            )
        yield Footer()  # the dialog's own keys

    async def on_mount(self) -> None:
        settle_cursors(self)
        self.query_one("#parking-input", Input).focus()
        await self.show_items()

    async def show_items(self) -> None:
        items = open_items(self.owner.plan)
        self.query_one("#parking-count", Static).update(
            Content(_("Open points: {count}").format(count=len(items)))
        )
        listing = self.query_one(".parking-list", VerticalScroll)
        await listing.remove_children()
        lines = [
            Static(Content(f"• {one_line(item.text)} · {_where(item.step)}"), classes="parked")
            for item in items
        ] or [Static(Content(_("Nothing parked yet.")), classes="parked-none")]
        await listing.mount_all(lines)
        listing.scroll_end(animate=False)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = strip_control(event.value).strip()
        if not text:
            self.dismiss(None)
            return
        if self.owner.park(text):
            event.input.value = ""
            await self.show_items()

    def action_close(self) -> None:
        self.dismiss(None)


def _where(step: str) -> str:
    if step not in STEPS:
        return one_line(step)
    return _("step {step}").format(step=step_label(step))
