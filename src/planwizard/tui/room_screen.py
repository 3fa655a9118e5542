"""What every step screen does for the room: timebox, room view, parking lot, quick add.

The base of `StepScreen`: the keys and handlers live here so that the wizard's own
screens only compose the pieces (the timer badge, the parking review, the quick-add
line) and call `leave_step` when the step changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from planwizard import clock, parking_lot
from planwizard.i18n import _
from planwizard.model import Action, Plan
from planwizard.quick_entry import parse_quick_action
from planwizard.session import fresh_id
from planwizard.text import one_line
from planwizard.timebox import Timebox, format_remaining, record_time_spent
from planwizard.tui.plan_screen import PlanScreen
from planwizard.tui.room import Room, StepTimers
from planwizard.tui.widgets.parking_review import ParkingReview
from planwizard.tui.widgets.quick_add import QuickAdd
from planwizard.tui.widgets.timer import TimerBadge, TimerView
from planwizard.tui.wizard import wizard


class RoomScreen(PlanScreen):
    """Keys for the facilitator, the same at every step (and in the room view)."""

    STEP: ClassVar[str] = "problem"

    DEFAULT_CSS = """
    RoomScreen #stepbar { height: 1; background: $surface; }
    RoomScreen #stepbar > Stepper { width: 1fr; }
    """

    # Priority: F7 selects all in a text area, and these must work whatever has focus.
    # Each F-key means one thing on every screen (README, "Keys"): F7 parks, F8 is the
    # timer, F9 the room view; none of them is bound on the home screen.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f9", "room_view", _("Room view"), priority=True),
        Binding("f8", "timer", _("Start or pause the timer"), show=False, priority=True),
        # With F8, the timer's key: Ctrl+T is "new plan from this one" on the home screen.
        Binding("shift+f8", "extend_timer", _("Add 5 minutes"), show=False, priority=True),
        Binding("f7", "park", _("Parking lot"), show=False, priority=True),
    ]

    if TYPE_CHECKING:  # defined by StepScreen; declared here for the type checker only

        def refresh_tables(self, keep: str | None = None) -> None: ...

    # -- the timebox -----------------------------------------------------------

    @property
    def room(self) -> Room:
        return wizard(self).room

    @property
    def timers(self) -> StepTimers:
        return self.room.timers_for(self.session.path, self.plan.workshop.seconds_spent)

    @property
    def box(self) -> Timebox:
        return self.timers.box(self.STEP)

    def timer_badge(self) -> TimerBadge:
        return TimerBadge(self.session.path, self.STEP, id="timer")

    def refresh_room(self) -> None:
        """Redraw the timers (the parking review listens to the plan: `plan_changed`)."""
        for view in self.query(TimerView):
            view.show(self.box)

    #: Built ahead and not shown yet (see KeepsStepScreens.prebuild_steps and
    #: OpensPlansAhead): the room's plan and a running clock are its own once it is
    #: shown, not as it mounts.
    prebuilt = False

    def on_mount(self) -> None:
        if not self.prebuilt:
            self.room.active = self.session.path
            self.take_over_timer()
        self.refresh_room()

    def take_over_timer(self) -> None:
        """Coming from a step whose clock was running: this step's clock runs now."""
        if self.room.carry_running:
            self.room.carry_running = False
            self.box.start()

    def on_screen_resume(self) -> None:
        self.room.active = self.session.path
        self.refresh_room()

    def action_timer(self) -> None:
        self.box.toggle()
        if not self.box.running:
            self.record_time()
        self.refresh_timers()

    def action_extend_timer(self) -> None:
        self.timers.extend(self.STEP)
        self.refresh_timers()
        self.notify(
            _("5 minutes added: {time} left.").format(time=format_remaining(self.box.remaining)),
            timeout=3,
        )

    def refresh_timers(self) -> None:
        """Redraw this step's timer wherever it shows (the room view too)."""
        for screen in self.app.screen_stack:
            for view in screen.query(TimerView):
                if view.step == self.STEP:
                    view.show(self.box)

    def record_time(self) -> None:
        """Add the time run since the last record to the plan's `workshop.seconds_spent`."""
        seconds = self.timers.take_unrecorded(self.STEP)
        if not seconds:
            return
        step = self.STEP

        def add(plan: Plan) -> None:
            plan.workshop.seconds_spent = record_time_spent(
                plan.workshop.seconds_spent, step, seconds
            )

        self.after_save(self.session.apply_kept(add))

    def leave_step(self, *, carry: bool) -> None:
        """The group moves on: stop this step's clock and write what it ran.

        With `carry`, a running clock starts the next step's own clock.
        """
        running = self.box.running
        self.box.pause()
        self.record_time()
        self.room.carry_running = carry and running

    # -- the room view ---------------------------------------------------------

    def action_room_view(self) -> None:
        self.save_pending()
        wizard(self).open_room_view(self)

    # -- the parking lot -------------------------------------------------------

    def action_park(self) -> None:
        self.save_pending()
        wizard(self).open_parking(self)

    def park(self, text: str) -> bool:
        """Park a point raised at this step; saved at once. False when there is no text."""
        if not text.strip():
            return False
        step = self.STEP
        outcome = self.change(lambda plan: parking_lot.park(plan, text, step))
        return outcome is not None

    def on_parking_review_decided(self, message: ParkingReview.Decided) -> None:
        message.stop()
        item = next((p for p in self.plan.parking_lot if p.id == message.item_id), None)
        if item is None:
            return
        label = one_line(item.text, 60)
        if message.what == "action":
            self.change(lambda plan: parking_lot.turn_into_action(plan, message.item_id))
            self.notify(
                _("Now an action of step 3: {title}").format(title=label),
                timeout=4,
                markup=False,
            )
        else:
            self.change(lambda plan: parking_lot.drop(plan, message.item_id))
            self.notify(_("Dropped: {text}").format(text=label), timeout=3, markup=False)

    # -- quick add -------------------------------------------------------------

    def open_quick_add(self, kind: str) -> bool:
        """Start typing a new item's title at once, when this table has a quick-add line."""
        for quick in self.query(QuickAdd):
            if quick.kind == kind:
                quick.open()
                return True
        return False

    def on_quick_add_committed(self, message: QuickAdd.Committed) -> None:
        message.stop()
        self.take_quick_add(message)

    def take_quick_add(self, message: QuickAdd.Committed) -> None:
        """A new action from the quick-add line: its title, and an owner and a due date
        when they were typed after it (`@Foyer +2w`). Called by the line itself, in the
        key's handler (see QuickAdd.commit)."""
        entry = parse_quick_action(message.title, message.quick.names(), clock.today())
        new_id = fresh_id(self.plan, "action")
        action = Action(
            id=new_id, title=entry.title or message.title, owner=entry.owner, due=entry.due
        )

        self.change(lambda plan: plan.actions.append(action))
        self.refresh_tables(keep=new_id)
