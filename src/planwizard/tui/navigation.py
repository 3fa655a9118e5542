"""Going from screen to screen: the app's navigation, one method per way.

A mixin of the app (PlanWizardApp). Screens never import each other: they call these
methods through `tui/wizard.py`'s typed accessor, and only this module and app.py (which
keeps `open_plan` and `show_recommendations`) know the screen classes, each imported
when it is first opened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from planwizard import clock
from planwizard.i18n import _
from planwizard.text import one_line
from planwizard.tui.step_screens import KeepsStepScreens

if TYPE_CHECKING:
    from planwizard.drafts import FormDraft
    from planwizard.model import Plan
    from planwizard.session import Session
    from planwizard.tui.room_screen import RoomScreen


class Navigation(KeepsStepScreens):
    """Every way from one screen to another."""

    plans_dir: Path

    # -- from the plans --------------------------------------------------------

    def _open_session(self, path: Path) -> Session | None:
        """An editing session on the plan in `path`, or None, said, when it does not load."""
        from planwizard.session import Session
        from planwizard.storage import PlanError

        try:
            return Session.open(path)
        except PlanError as exc:
            self.notify(one_line(exc.render(), 300), title=_("Cannot open"), severity="error")
            return None

    def _start_session(self, plan: object) -> None:
        from planwizard.model import Plan
        from planwizard.session import Session, new_plan_path
        from planwizard.storage import PlanError

        assert isinstance(plan, Plan)
        try:
            self.plans_dir.mkdir(parents=True, exist_ok=True)
            session = Session.create(new_plan_path(self.plans_dir, plan.title, plan.id), plan)
        except (PlanError, OSError) as exc:
            message = exc.render() if isinstance(exc, PlanError) else str(exc)
            self.notify(one_line(message, 300), title=_("Not created"), severity="error")
            return
        self.push_screen(self.step_screen("problem", session))

    def new_plan(self) -> None:
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
        from planwizard.tui.dialogs import TitlePrompt

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

    def review_plan(
        self, path: Path, date: dt.date | None = None, *, session: Session | None = None
    ) -> None:
        """A review of the plan in `path`: on `date`, or on a date asked for first.

        `session`: the plan's editing session when it is open in the wizard. A draft left
        by a review that was never saved (a killed terminal) is offered first.
        """
        from planwizard.review_draft import discard_draft, read_draft
        from planwizard.tui.parts.review_start import ResumeReviewPrompt, ReviewDatePrompt
        from planwizard.tui.screens.review import ReviewScreen

        if session is None:
            session = self._open_session(path)
            if session is None:
                return
        opened = session

        def start() -> None:
            if date is not None:
                self.push_screen(ReviewScreen(opened, date))
                return

            def got_date(day: dt.date | None) -> None:
                if day is not None:
                    self.push_screen(ReviewScreen(opened, day))

            self.push_screen(ReviewDatePrompt(opened.plan.title), got_date)

        saved = read_draft(path)
        if saved is None or saved.plan_id != opened.plan.id:
            start()
            return

        def answered(answer: str | None) -> None:
            if answer == "resume":
                self.push_screen(ReviewScreen(opened, saved.date, resumed=saved))
            elif answer == "discard":
                discard_draft(path)
                start()

        self.push_screen(ResumeReviewPrompt(saved, opened.plan.title), answered)

    def show_history(self, path: Path) -> None:
        """The review history of the plan in `path` (from the home screen)."""
        session = self._open_session(path)
        if session is not None:
            self.open_history(session)

    def show_dialogue(self, path: Path) -> None:
        """The dialogue log of the plan in `path` (from the home screen)."""
        session = self._open_session(path)
        if session is not None:
            self.open_dialogue(session)

    def reload_plans(self) -> None:
        """The plans on disk changed (a pull, a Share): the list of plans reads them again."""
        from planwizard.tui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.reload()

    # -- within an open plan ----------------------------------------------------

    def go_to_step(self, session: Session, step: str, restore: FormDraft | None = None) -> None:
        """Switch to the screen of `step` (`restore`: then open that form's draft there)."""
        screen = self.step_screen(step, session)
        screen.form_to_restore = restore
        screen.prebuilt = False  # shown now: it arrives as any step does
        if screen.is_mounted:
            screen.arriving = True  # kept from an earlier visit: arrives as it resumes
        self.switch_screen(screen)

    def fresh_step_screen(self, session: Session, step: str) -> Screen[Any]:
        """A new screen of `step`, in the current interface language (the screens kept
        for the other steps, in the old one, go)."""
        self.forget_steps(session)
        return self.step_screen(step, session)

    def open_history(self, session: Session) -> None:
        from planwizard.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(session))

    def open_dialogue(self, session: Session, restore: FormDraft | None = None) -> None:
        from planwizard.tui.screens.dialogue import DialogueScreen

        screen = DialogueScreen(session)
        screen.form_to_restore = restore
        self.push_screen(screen)

    def offer_dialogue_draft(self, session: Session, saved: FormDraft) -> None:
        """A dialogue entry's form left before Save: offered back (see dialogue.py)."""
        from planwizard.tui.screens.dialogue import offer_dialogue_draft

        offer_dialogue_draft(self, session, saved)

    def open_resolve(self, session: Session, back: Callable[[], None]) -> None:
        """The resolve screen, when the plan has conflicts; `back` once it is left (if it
        is already showing, it shows the new conflicts)."""
        from planwizard.tui.screens.resolve import ResolveScreen

        if isinstance(self.screen, ResolveScreen):
            self.screen.show_conflicts()
            return
        if not session.plan.conflicts:
            return
        self.push_screen(ResolveScreen(session), lambda _result: back())

    def review_saved(self, session: Session, *, revisit: bool) -> None:
        """After a review's save: step 1 when the group goes back to the problem, else
        the history."""
        from planwizard.tui.screens.history import HistoryScreen
        from planwizard.tui.screens.steps import make_step_screen

        if revisit:
            self.switch_screen(make_step_screen("problem", session))
            self.notify(
                _("Review saved. Step 1 is open to revisit the problem; Ctrl+Z undoes the review."),
                timeout=6,
            )
            return
        self.switch_screen(HistoryScreen(session, just_saved=True))

    def open_room_view(self, screen: RoomScreen) -> None:
        from planwizard.tui.screens.projector import ProjectorScreen

        self.push_screen(ProjectorScreen(screen))

    def open_parking(self, screen: RoomScreen) -> None:
        from planwizard.tui.screens.parking import ParkingScreen

        self.push_screen(ParkingScreen(screen))

    def leave_plan(self, session: Session) -> None:
        """Back from the plan's steps to the plans, once it is on disk (or copied and the
        user agreed); the list shows the plan's row at once."""
        from planwizard.tui.screens.home import plan_left
        from planwizard.tui.unsaved import leave_safely

        def leave() -> None:
            self.forget_steps(session)
            plan_left(self, session)
            self.pop_screen()

        leave_safely(self, session, leave)

    def close_plan_screen(self, session: Session) -> None:
        """Leave a screen of the plan (history, dialogue log): back to the plan's steps,
        still open, or to the plans, once the plan is on disk (or copied)."""
        from planwizard.tui.screens.home import HomeScreen
        from planwizard.tui.unsaved import leave_safely

        below = self.screen_stack[-2] if len(self.screen_stack) > 1 else None
        if isinstance(below, HomeScreen):
            # Back to the plans: the plan is closed, so it must be on disk (or copied).
            leave_safely(self, session, self.pop_screen)
        else:
            self.pop_screen()  # back to the step or the review, on the same session
