"""A change written on the session's thread, taken in on the app's: the title bar goes
from "saving…" to "saved", or says why not (see Session.apply's `later`)."""

from __future__ import annotations

from typing import Any

from planwizard.session import Session


def written(app: Any, session: Session) -> None:
    from planwizard.tui.screens.steps import StepScreen
    from planwizard.tui.widgets.title_bar import TitleBar

    outcome = session.collect()
    stack = app.screen_stack
    screen = stack[-1] if stack else None
    if not isinstance(screen, StepScreen) or screen.session is not session:
        return  # the step screen shows the state when it is shown again
    if not screen.query(TitleBar):
        return  # the app is closing (its screens already emptied): nothing to say
    if outcome is None or (outcome.error is None and not session.news):
        screen.show_save_state()
    else:
        screen.after_save(outcome)  # an error to say, or someone else's edit merged
