"""The step's status lines redraw only when their words change: the checklist (and its
words in each language), so that a change that leaves them as they were does not lay the
step screen out again (issue 15)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planwizard.i18n import set_language
from planwizard.model import Action, new_plan
from planwizard.storage import save_plan
from planwizard.tui.screens.steps import PlanningScreen
from planwizard.tui.widgets.checklist import Checklist
from tests.tui.tui_helpers import settle, steady_app


def plan_file(tmp_path: Path) -> Path:
    plan = new_plan("Referral of victims", created=dt.date(2027, 1, 15))
    plan.problem.statement = "Victims are not referred"
    plan.actions = [Action(id="a-1", title="Draft a referral form")]
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "referral.toml"
    save_plan(plan, path)
    return path


async def test_the_checklist_redraws_only_when_its_words_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plan_file(tmp_path)
    app = steady_app(path.parent, open_path=path, start="open", watch_interval=None)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        step = app.screen
        assert isinstance(step, PlanningScreen)
        checklist = step.query_one(Checklist)
        assert "owner" in str(checklist.render())
        updates: list[str] = []
        update = Checklist.update

        def counted(self: Checklist, *args: object, **kwargs: object) -> None:
            updates.append(str(args[0]))
            update(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Checklist, "update", counted)
        # A change that leaves the step's gaps as they were: the line is not drawn again.
        step.change(lambda plan: setattr(plan.documentation, "method", "Shared minutes"))
        await settle(pilot)
        assert updates == []
        # A change that closes a gap: the line follows at once.
        step.change(lambda plan: setattr(plan.actions[0], "owner", "Shelter"))
        await settle(pilot)
        assert len(updates) == 1 and "owner" not in updates[0]
        assert str(checklist.render()) == updates[0]


async def test_each_step_screens_checklist_shows_its_words_in_french(tmp_path: Path) -> None:
    # A new screen (a language switch, a step built ahead) never takes another widget's
    # words for its own: each shows its line from the start, in the language of the time.
    path = plan_file(tmp_path)
    shown: dict[str, str] = {}
    for language in ("en", "fr", "fr"):
        set_language(language)
        app = steady_app(path.parent, open_path=path, start="open", watch_interval=None)
        async with app.run_test(size=(110, 34)) as pilot:
            await settle(pilot)
            for key in ("f2", "f3", "f5", "f4"):
                await pilot.press(key)
                await settle(pilot)
                line = str(app.screen.query_one(Checklist).render())
                assert line.strip()
                assert shown.setdefault(f"{language}{key}", line) == line
    set_language("en")
    assert shown["frf4"] != shown["enf4"]
