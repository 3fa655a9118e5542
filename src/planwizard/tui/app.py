"""The planwizard App and the one factory that builds it for the CLI and the tests.

Screens are opened by the app's navigation (`tui/navigation.py`, a mixin of the app):
screens never import each other, they call it through `tui/wizard.py`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import sys
import threading
import time
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from planwizard import clock
from planwizard.i18n import _
from planwizard.text import one_line, strip_control
from planwizard.timebox import Clock
from planwizard.tui.navigation import Navigation
from planwizard.tui.open_ahead import OpensPlansAhead
from planwizard.tui.room import Room, tick
from planwizard.tui.screen_css import ScreenStylesParsedAlone
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.textual_leaks import unpin_styles_caches
from planwizard.tui.themes import register_themes, theme_commands

if TYPE_CHECKING:
    from rich.console import RenderableType

    from planwizard.home_index import FolderReading
    from planwizard.model import Plan
    from planwizard.share import ShareReport
    from planwizard.tui.wizard import PlanwizardApp


#: Seconds between looks at the open plan's file: one `stat` when nothing changed.
WATCH_SECONDS = 1.5


#: Seconds of quiet after typing before the field being typed in is saved.
SAVE_PAUSE = 1.0


class PlanWizardApp(Navigation, OpensPlansAhead, ScreenStylesParsedAlone, App[int]):
    # With the home screen's own: it is the first screen, and its table measures its
    # columns (scrollbar gutter included) before a screen's file would be read.
    CSS_PATH = ["app.tcss", "screens/home.tcss"]  # noqa: RUF012  (as Textual declares it)
    TITLE = "planwizard"
    ENABLE_COMMAND_PALETTE = True
    #: Seconds after the start before asking git about the folder (0: at once, in tests).
    git_check_delay = 1.0
    #: Seconds a quit may take before the process ends anyway (None: never, in tests).
    exit_deadline: float | None = None
    #: Changes are written on the session's thread, the screen answering first (the real
    #: app; tests that read the file right after a key keep writing at once).
    write_later = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", _("Help"), show=False),
        Binding("ctrl+q", "quit", _("Quit"), show=False),
        # Priority, so that the focus moves as Tab is read, in order with the keys around
        # it: as Textual's usual binding, it moved only once Tab had gone back up from the
        # field, behind the keys typed after it, which then went to the field being left
        # (text typed fast after Tab was lost).
        Binding("tab", "focus_in_order(1)", _("Focus Next"), show=False, priority=True),
        Binding("shift+tab", "focus_in_order(-1)", _("Focus Previous"), show=False, priority=True),
        # The same for Enter in a field where it means "next field" (`enter_moves_on`).
        Binding("enter", "enter_moves_on", show=False, priority=True),
        # Textual's own palette key, with its word in our catalogues (« palette » too).
        Binding("ctrl+p", "command_palette", _("palette"), show=False, priority=True),
    ]

    def __init__(
        self,
        plans_dir: Path,
        open_path: Path | None = None,
        start: str = "home",
        *,
        blink: bool = True,
        cache_dir: Path | None = None,
        review_date: dt.date | None = None,
        watch_interval: float | None = None,
        monotonic: Clock = time.monotonic,
        first_reading: FolderReading | None = None,
        save_pause: float | None = SAVE_PAUSE,
    ) -> None:
        from planwizard.tui.language import retranslate_classes

        # Key labels in the language chosen now, even if a screen module was imported
        # while another one was current (tests, or an app started twice in one process).
        retranslate_classes()
        # Screens and widgets gone are not kept alive by Textual's cache of two colours.
        unpin_styles_caches()
        super().__init__()
        self.review_date = review_date
        #: Seconds of quiet after typing before a field is saved (None: only on leaving,
        #: and when a test says the pause is over).
        self.save_pause = save_pause
        register_themes(self)
        #: The room's timers, over a clock tests move by hand.
        self.room = Room(monotonic)
        self.blink = blink
        #: Seconds between looks at the open plan's file (None: only when asked, in tests).
        self.watch_interval = watch_interval
        self.cache_dir = cache_dir
        self.plans_dir = plans_dir
        self.first_reading = first_reading
        self.open_path = open_path
        self.start = start
        #: A Share is running in its thread.
        self.sharing = False
        from planwizard.tui.git_warning import GitWatch

        #: What git did to the plans' repository, told as it happens.
        self.git_watch = GitWatch(self, plans_dir)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: messages carry file names and plan text,
        which must never be read as markup (a `[link=...]` in a file name)."""
        super().notify(
            strip_control(message),
            title=strip_control(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def exit(
        self,
        result: int | None = None,
        return_code: int = 0,
        message: RenderableType | None = None,
    ) -> None:
        """Quit; with `exit_deadline` set (the real app), the process ends within it.

        Python waits for every worker thread before the process ends: a thread stuck
        on a file (a network folder that stopped answering) would keep the app alive
        after the terminal is given back. So a last thread ends the process anyway.
        """
        super().exit(result, return_code, message)
        if self.exit_deadline is not None:
            code = result if result is not None else return_code
            timer = threading.Timer(self.exit_deadline, _end_process, (code,))
            timer.daemon = True  # it never keeps the process alive itself
            timer.start()
        self.finish_writes()

    def finish_writes(self) -> None:
        """Wait for the changes still being written on the sessions' threads (a quit
        that came right after a key): once the app has run, every change is on disk,
        whatever called `exit`. Within the exit deadline, started just before."""
        from planwizard.tui.plan_screen import PlanScreen

        sessions = {
            id(s.session): s.session for s in self.screen_stack if isinstance(s, PlanScreen)
        }
        for session, _step in self._steps_kept:
            sessions.setdefault(id(session), session)
        for session in sessions.values():
            session.flush()

    def get_default_screen(self) -> Screen[None]:
        return HomeScreen(self.plans_dir, self.cache_dir, self.first_reading)

    def on_mount(self) -> None:
        if self.watch_interval:
            self.set_interval(self.watch_interval, self.check_disk, name="watch-plan-file")
        if self.watch_interval:
            self.set_interval(self.watch_interval, self.check_repo, name="watch-repository")
        if self.git_check_delay:
            self.set_timer(self.git_check_delay, self.check_git_setup)  # after the first frames
        else:
            self.check_git_setup()
        self.set_interval(1.0, self.tick_room, name="room clock")
        if self.start == "open" and self.open_path is not None:
            self.open_plan(self.open_path)
        elif self.start == "new":
            self.new_plan()
        elif self.start == "review" and self.open_path is not None:
            self.review_plan(self.open_path, self.review_date or clock.today())
        self.look_ahead()  # the highlighted plan's screen, once the plans show (open_ahead)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_in_order":
            # A text area that indents with Tab keeps it.
            return getattr(self.focused, "tab_behavior", None) != "indent"
        if action == "enter_moves_on":
            # Only from a field that says so; elsewhere Enter is the widget's own.
            return bool(getattr(self.focused, "enter_moves_on", False))
        return True

    def action_enter_moves_on(self) -> None:
        """Enter in a one-line field: the next field, at once (as Tab); the field left
        saves its text as it loses focus, once the keys typed into it are in."""
        self.screen.focus_next()

    def action_focus_in_order(self, step: int) -> None:
        if step > 0:
            self.screen.focus_next()
        else:
            self.screen.focus_previous()

    def tick_room(self) -> None:
        """Redraw the timers; tests call it after moving their clock."""
        tick(self)

    def settle_cursors(self, screen: Screen[object]) -> None:
        """Apply the blink setting to a new screen's text fields (steady for snapshots)."""
        if not self.blink:
            for widget in screen.query("Input, TextArea"):
                widget.cursor_blink = False  # type: ignore[attr-defined]

    # -- opening plans ---------------------------------------------------------

    def open_plan(
        self, path: Path, step: str | None = None, focus: tuple[str, str] | None = None
    ) -> None:
        """Open the plan at `step` (default: the step it has reached); `focus`, an
        (attribute, item id), puts the cursor on that item (StepScreen.focus_item)."""
        from planwizard.checklist import step_reached
        from planwizard.session import Session
        from planwizard.storage import PlanError

        ahead = self.opened_ahead(path, step)  # built while its row was highlighted
        if ahead is not None:
            session, screen = ahead
        else:
            try:
                session = Session.open(path)
            except PlanError as exc:
                self.notify(one_line(exc.render(), 300), title=_("Cannot open"), severity="error")
                return
            screen = self.step_screen(step or step_reached(session.plan), session)
        screen.focus_on = focus
        screen.prebuilt = False  # shown now
        if screen.is_mounted:
            screen.arriving = True  # built ahead: it arrives as it is shown
        self.push_screen(screen)
        if session.plan.conflicts:
            screen.action_resolve()  # a merge left values to decide: that comes first
        else:
            screen.offer_form_draft()  # an item form left before Save, if any

    def show_recommendations(self) -> None:
        """Every recommendation of the folder's plans (Ctrl+K on home)."""
        from planwizard.tui.screens.recommendations_view import RecommendationsScreen

        self.push_screen(RecommendationsScreen(self.plans_dir))

    def check_git_setup(self) -> None:
        """Ask git, from a thread, about the plans' repository, and tell what is new: a
        clone that would merge plans line by line, files git has not finished merging."""
        self.run_worker(
            self.git_watch.look,
            thread=True,
            group="git-setup",
            exclusive=True,
            exit_on_error=False,
        )

    def check_repo(self) -> None:
        """Ask git again when it touched the repository (the timer asks; so can a test)."""
        if self.git_watch.changed():
            self.check_git_setup()

    def on_app_focus(self) -> None:
        # Back from another window, where a `git pull` may have been typed.
        self.check_git_setup()

    def check_disk(self) -> None:
        """Whether the open plan's file changed on disk (the timer asks; so can a test)."""
        if not self.screen_stack:
            return  # the app is closing: its screens are already gone
        from planwizard.tui.plan_screen import PlanScreen

        if isinstance(self.screen, PlanScreen):
            self.screen.check_disk()

    # -- Share -----------------------------------------------------------------

    def action_share(self) -> None:
        """Share: commit this laptop's saved plans, merge the team's, send (in a thread)."""
        from planwizard.tui.screens.steps import StepScreen

        if self.sharing:
            self.notify(_("Share is already under way."), title=_("Share"), timeout=4)
            return
        folder = self.plans_dir
        for screen in self.screen_stack:
            if isinstance(screen, StepScreen):
                screen.save_pending()  # what is being typed goes to disk, then to git
                screen.session.flush()
                folder = screen.session.path.parent
        unsaved = [
            one_line(screen.session.path.name)
            for screen in self.screen_stack
            if isinstance(screen, StepScreen) and screen.session.unsaved
        ]
        if unsaved:
            self.notify(
                _(
                    "{plans}: the last changes are not saved yet (NOT SAVED), so they are "
                    "not shared; they stay here."
                ).format(plans=", ".join(unsaved)),
                title=_("Share"),
                severity="warning",
                timeout=15,
            )
        self.sharing = True
        self.notify(_("Sharing the plans…"), title=_("Share"), timeout=4)
        self._share(folder)

    @work(thread=True, exclusive=True, group="share", exit_on_error=False)
    def _share(self, folder: Path) -> None:
        from planwizard.gitcmd import GitError
        from planwizard.share import ShareError, share

        try:
            report: ShareReport | None = share(folder)
            problem = None
        except (ShareError, GitError) as exc:
            report, problem = None, exc.message
        except Exception as exc:  # the app must stay up, and say what happened
            report, problem = None, _("Share failed: {reason}").format(reason=exc)
        with contextlib.suppress(RuntimeError):  # the app quit meanwhile
            self.call_from_thread(self._shared, report, problem)

    def _shared(self, report: ShareReport | None, problem: str | None) -> None:
        from planwizard.tui.screens.steps import StepScreen

        self.sharing = False
        if report is None:
            self.notify(problem or "", title=_("Share"), severity="error", timeout=30)
            return
        self.notify(
            "\n".join(report.lines()),
            title=report.headline(),
            severity="information" if report.finished or report.nothing_new else "warning",
            timeout=30,
        )
        # Take in what came from the team: the open plans, the list of plans.
        for screen in self.screen_stack:
            if isinstance(screen, StepScreen):
                screen.check_disk()
        self.reload_plans()
        self.check_git_setup()

    # -- help, palette, quitting -----------------------------------------------

    def action_help(self) -> None:
        from planwizard.tui.help import HelpScreen, home_help, step_help
        from planwizard.tui.screens.steps import StepScreen

        screen = self.screen
        if isinstance(screen, StepScreen):
            from planwizard.method import step_title

            title, text = step_title(screen.STEP), step_help()
        elif isinstance(screen, HomeScreen):
            title, text = _("Plans"), home_help()
        elif hasattr(screen, "help_text"):
            title, text = screen.help_text()
        else:
            # Later screens (reviews, ...) say what they are for themselves.
            help_for = getattr(screen, "help_text", None)
            if help_for is None:
                return
            title, text = help_for()
        from planwizard.tui.language import key_label

        keys: list[tuple[str, str]] = []
        for active in screen.active_bindings.values():
            if active.binding.description:
                key = active.binding.key_display or self.get_key_display(active.binding)
                shown = (key, key_label(active.binding.description))
                if shown not in keys:  # two bindings of one key saying the same thing
                    keys.append(shown)
        self.push_screen(HelpScreen(title, text, keys))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from planwizard.tui.language import key_label

        # Every key of the current screen is also a command, so nothing is key-only.
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            key = binding.key_display or self.get_key_display(binding)
            yield SystemCommand(
                key_label(binding.description),
                _("Key: {key}").format(key=key),
                partial(self.run_action, binding.action, active.node),
            )
        yield from self._export_commands(screen)
        yield from self._language_commands()
        yield from theme_commands(self)
        for command in super().get_system_commands(screen):
            # Textual's own commands (Theme, Keys, Screenshot...) in the interface language.
            yield command._replace(title=key_label(command.title), help=key_label(command.help))

    def action_command_palette(self) -> None:
        """The palette, its search field's placeholder in the interface language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
            )

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies in a field): say which key does, in plain text."""
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                key = active.binding.key_display or self.get_key_display(active.binding)
                self.notify(
                    _("Press {key} to quit the app.").format(key=key),
                    title=_("Do you want to quit?"),
                    markup=False,
                )
                return

    # -- language and exports, from the palette ----------------------------------

    def _language_commands(self) -> Iterable[SystemCommand]:
        from planwizard.i18n import LANGUAGES, current_language
        from planwizard.tui.language import LANGUAGE_NAMES

        for language in LANGUAGES:
            if language != current_language():
                name = LANGUAGE_NAMES[language]
                yield SystemCommand(
                    _("Interface language: {name}").format(name=name),
                    _("Switch the app's own words; nothing typed is lost"),
                    partial(self.switch_language, language),
                )

    async def switch_language(self, language: str) -> None:
        from planwizard.tui.language import switch_language

        await switch_language(self, language)

    def _export_target(self, screen: Screen[object]) -> Path | None:
        from planwizard.tui.screens.steps import StepScreen

        if isinstance(screen, StepScreen):
            return screen.session.path
        if isinstance(screen, HomeScreen):
            return screen.current_path()
        return None

    def _export_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        path = self._export_target(screen)
        if path is None:
            return
        choices = [
            ("md", "actions", _("Export: report (Markdown)")),
            ("html", "actions", _("Export: report to print (HTML, A4)")),
            ("csv", "actions", _("Export: actions spreadsheet (CSV)")),
            ("csv", "indicators", _("Export: indicator readings (CSV)")),
            ("ics", "actions", _("Export: calendar of due dates and reviews (.ics)")),
        ]
        for fmt, what, title in choices:
            yield SystemCommand(
                title,
                _("Written to exports/, beside {name}").format(name=path.name),
                partial(self.export_plan, path, fmt, what),
            )

    def export_plan(
        self, path: Path, fmt: str, what: str = "actions", audience: str | None = None
    ) -> None:
        """Write an export in exports/ beside the plan; the open plan is exported as it is
        in memory.

        A report or the actions spreadsheet first asks who it is for (partners or the
        team), unless `audience` says.
        """
        from planwizard.exports import depends_on_audience
        from planwizard.tui.dialogs import AudienceScreen
        from planwizard.tui.screens.steps import StepScreen

        if audience is None and depends_on_audience(fmt, what):

            def chosen(answer: str | None) -> None:
                if answer is not None:
                    self.export_plan(path, fmt, what, answer)

            self.push_screen(AudienceScreen(), chosen)
            return
        screen = self.screen
        plan = None
        if isinstance(screen, StepScreen) and screen.session.path == path:
            screen.save_pending()
            plan = screen.session.plan.model_copy(deep=True)  # copied here, not in the thread
        self._write_export(path, plan, fmt, what, audience or "partners", clock.today())

    @work(thread=True, exclusive=True, group="export")
    def _write_export(
        self, path: Path, plan: Plan | None, fmt: str, what: str, audience: str, today: dt.date
    ) -> None:
        from planwizard.exports import ExportError, write_export
        from planwizard.storage import PlanError, load_plan

        try:
            target = write_export(
                plan or load_plan(path), path, fmt, what, today=today, audience=audience
            )
        except (ExportError, PlanError) as exc:
            message = exc.render() if isinstance(exc, PlanError) else str(exc)
            self.call_from_thread(self.notify, one_line(message, 300), severity="error")
            return
        self.call_from_thread(
            self.notify, _("Exported to {path}").format(path=target), title=_("Export")
        )

    async def action_quit(self) -> None:
        from planwizard.tui.plan_screen import PlanScreen

        if isinstance(self.screen, PlanScreen):
            # A review holds what was typed in memory until it is saved: it asks first.
            self.screen.confirm_leaving(self.quit_safely)
            return
        self.quit_safely()

    def quit_safely(self) -> None:
        """Quit once the open plan is on disk, or copied and the user agreed to go."""
        from planwizard.tui.plan_screen import PlanScreen
        from planwizard.tui.screens.steps import StepScreen
        from planwizard.tui.unsaved import leave_safely

        for screen in self.screen_stack:
            if isinstance(screen, StepScreen):
                screen.save_pending()
                screen.leave_step(carry=False)
                screen.session.flush()
        if self.sharing:
            # A Share waiting on the server ends now, as if offline: its commit is made.
            from planwizard.gitcmd import stop_network

            stop_network()
        sessions = [s.session for s in reversed(self.screen_stack) if isinstance(s, PlanScreen)]
        unsaved = next((session for session in sessions if session.unsaved), None)
        if unsaved is None:
            self.exit(0)
            return
        leave_safely(self, unsaved, lambda: self.exit(0))


def make_app(
    plans_dir: Path,
    open_path: Path | None = None,
    start: str = "home",
    *,
    blink: bool = True,
    review_date: dt.date | None = None,
    watch_interval: float | None = WATCH_SECONDS,
    monotonic: Clock = time.monotonic,
    first_reading: FolderReading | None = None,
    save_pause: float | None = SAVE_PAUSE,
) -> PlanWizardApp:
    """The app as the CLI runs it and the tests drive it.

    Tests turn the cursor blink off, look at the plan's file themselves with
    `check_disk` rather than wait, and pass a clock they move by hand for the timers.
    """
    return PlanWizardApp(
        plans_dir=plans_dir,
        open_path=open_path,
        start=start,
        blink=blink,
        review_date=review_date,
        watch_interval=watch_interval,
        monotonic=monotonic,
        first_reading=first_reading,
        save_pause=save_pause,
    )


def run_app(
    plans_dir: Path,
    open_path: Path | None = None,
    start: str = "home",
    *,
    review_date: dt.date | None = None,
    first_reading: FolderReading | None = None,
) -> int:
    app = make_app(
        plans_dir, open_path, start, review_date=review_date, first_reading=first_reading
    )
    # Everything loaded so far (modules, classes, styles) lives as long as the app: kept
    # out of the garbage collector's passes, which no longer stall the first frames.
    # The collector runs again from here (the command line paused it while loading).
    gc.freeze()
    gc.enable()
    app.exit_deadline = EXIT_DEADLINE
    app.write_later = True
    app.prebuild_steps = True
    app.open_ahead = True
    app.manage_heap = True
    result = app.run()
    return result or 0


#: Seconds between a quit and the end of the process, whatever a thread is waiting on.
EXIT_DEADLINE = 5.0


def _end_process(code: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if TYPE_CHECKING:

    def _is_what_screens_ask_for(app: PlanWizardApp) -> PlanwizardApp:
        """mypy checks here that the app is what `tui/wizard.py` promises the screens."""
        return app
