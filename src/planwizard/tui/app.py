"""The planwizard App and the one factory that builds it for the CLI and the tests.

Screens are pushed by name through small methods here (`open_plan`, `new_plan`, ...),
so that later screens (reviews, merge, exports) plug in beside them.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from planwizard import clock
from planwizard.i18n import _
from planwizard.text import one_line
from planwizard.timebox import Clock
from planwizard.tui.room import Room, tick
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.themes import register_themes, theme_commands


class PlanWizardApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "planwizard"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", _("Help"), show=False),
        Binding("ctrl+q", "quit", _("Quit"), show=False),
    ]

    def __init__(
        self,
        plans_dir: Path,
        open_path: Path | None = None,
        start: str = "home",
        *,
        blink: bool = True,
        cache_dir: Path | None = None,
        monotonic: Clock = time.monotonic,
    ) -> None:
        super().__init__()
        register_themes(self)
        #: The room's timers, over a clock tests move by hand.
        self.room = Room(monotonic)
        self.blink = blink
        self.cache_dir = cache_dir
        self.plans_dir = plans_dir
        self.open_path = open_path
        self.start = start

    def get_default_screen(self) -> Screen[None]:
        return HomeScreen(self.plans_dir, self.cache_dir)

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick_room, name="room clock")
        if self.start == "open" and self.open_path is not None:
            self.open_plan(self.open_path)
        elif self.start == "new":
            self.new_plan()

    def tick_room(self) -> None:
        """Redraw the timers; tests call it after moving their clock."""
        tick(self)

    def settle_cursors(self, screen: Screen[object]) -> None:
        """Apply the blink setting to a new screen's text fields (steady for snapshots)."""
        if not self.blink:
            for widget in screen.query("Input, TextArea"):
                widget.cursor_blink = False  # type: ignore[attr-defined]

    # -- opening plans ---------------------------------------------------------

    def open_plan(self, path: Path, step: str | None = None) -> None:
        from planwizard.checklist import step_reached
        from planwizard.session import Session
        from planwizard.storage import PlanError
        from planwizard.tui.screens.steps import make_step_screen

        try:
            session = Session.open(path)
        except PlanError as exc:
            self.notify(one_line(exc.render(), 300), title=_("Cannot open"), severity="error")
            return
        self.push_screen(make_step_screen(step or step_reached(session.plan), session))

    def _start_session(self, plan: object) -> None:
        from planwizard.model import Plan
        from planwizard.session import Session, new_plan_path
        from planwizard.storage import PlanError
        from planwizard.tui.screens.steps import make_step_screen

        assert isinstance(plan, Plan)
        try:
            self.plans_dir.mkdir(parents=True, exist_ok=True)
            session = Session.create(new_plan_path(self.plans_dir, plan.title), plan)
        except (PlanError, OSError) as exc:
            message = exc.render() if isinstance(exc, PlanError) else str(exc)
            self.notify(one_line(message, 300), title=_("Not created"), severity="error")
            return
        self.push_screen(make_step_screen("problem", session))

    def new_plan(self) -> None:
        from planwizard.model import Plan
        from planwizard.tui.screens.new_plan import NewPlanScreen

        def chosen(choice: tuple[str, Plan | None] | None) -> None:
            if choice is None:
                return
            from planwizard.model import new_plan
            from planwizard.templates import plan_from_template

            title, start = choice
            today = clock.today()
            if start is None:
                plan = new_plan(title, created=today)
            else:
                plan = plan_from_template(start, created=today, title=title)
            plan.workshop.date = today
            self._start_session(plan)

        self.push_screen(NewPlanScreen(), chosen)

    def duplicate_plan(self, path: Path, title: str) -> None:
        """A new plan from an old one, for the next workshop on a similar problem."""
        from planwizard.storage import PlanError, load_plan
        from planwizard.templates import plan_from_template
        from planwizard.tui.screens.dialogs import TitlePrompt

        try:
            source = load_plan(path)
        except PlanError as exc:
            self.notify(one_line(exc.render(), 300), severity="error")
            return

        def got_title(new_title: str | None) -> None:
            if new_title:
                copy = plan_from_template(source, created=clock.today(), title=new_title)
                self._start_session(copy)

        question = _("Title of the new plan (a copy of “{title}”, without its reviews)").format(
            title=one_line(title, 60)
        )
        self.push_screen(TitlePrompt(question, _("{title} (copy)").format(title=title)), got_title)

    # -- help, palette, quitting -----------------------------------------------

    def action_help(self) -> None:
        from planwizard.tui.screens.help import HelpScreen, home_help, step_help
        from planwizard.tui.screens.steps import StepScreen

        screen = self.screen
        if isinstance(screen, StepScreen):
            from planwizard.method import step_title

            title, text = step_title(screen.STEP), step_help()
        elif isinstance(screen, HomeScreen):
            title, text = _("Plans"), home_help()
        else:
            return
        keys = [
            (b.binding.key_display or self.get_key_display(b.binding), b.binding.description)
            for b in screen.active_bindings.values()
            if b.binding.description
        ]
        self.push_screen(HelpScreen(title, text, keys))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Every key of the current screen is also a command, so nothing is key-only.
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            key = binding.key_display or self.get_key_display(binding)
            yield SystemCommand(
                binding.description,
                _("Key: {key}").format(key=key),
                partial(self.run_action, binding.action, active.node),
            )
        yield from theme_commands(self)
        yield from super().get_system_commands(screen)

    async def action_quit(self) -> None:
        from planwizard.tui.screens.steps import StepScreen

        for screen in self.screen_stack:
            if isinstance(screen, StepScreen):
                screen.save_pending()
                screen.leave_step(carry=False)
        self.exit(0)


def make_app(
    plans_dir: Path,
    open_path: Path | None = None,
    start: str = "home",
    *,
    blink: bool = True,
    monotonic: Clock = time.monotonic,
) -> PlanWizardApp:
    """The app as the CLI runs it and the tests drive it.

    Tests turn the cursor blink off and pass a clock they move by hand for the timers.
    """
    return PlanWizardApp(
        plans_dir=plans_dir, open_path=open_path, start=start, blink=blink, monotonic=monotonic
    )


def run_app(plans_dir: Path, open_path: Path | None = None, start: str = "home") -> int:
    result = make_app(plans_dir, open_path, start).run()
    return result or 0
