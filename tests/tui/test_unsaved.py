"""Leaving a plan whose changes could not be saved: a copy is kept and the user is asked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planwizard import load_plan, session
from planwizard.storage import PlanError
from planwizard.tui.dialogs import ConfirmScreen
from planwizard.tui.screens.history import HistoryScreen
from planwizard.tui.screens.home import HomeScreen
from planwizard.tui.screens.review import ReviewScreen
from planwizard.tui.screens.steps import ProblemScreen
from tests.tui.tui_helpers import edit_title_and_keep_comments, screen_text, settle, steady_app


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder / "planwizard" / "unsaved"


def break_saving(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Saving to `path` fails as on a full disk; other files still save."""
    real = session.save_plan

    def failing(plan: object, target: Path | str, **kwargs: bool) -> str:
        if Path(target) == path:
            raise PlanError(path, "no space left on device")
        return real(plan, target, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(session, "save_plan", failing)


async def test_leaving_a_plan_that_cannot_be_saved_keeps_a_copy_and_asks(
    plans_dir: Path, data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plans_dir / "orientation.toml"
    before = path.read_bytes()
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        break_saving(monkeypatch, path)
        await pilot.press("ctrl+u", *"Kept", "tab")
        await pilot.pause()
        assert "NOT SAVED" in screen_text(app)

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        [copy] = data_home.iterdir()
        assert copy.name == "orientation-2027-01-15.toml"
        assert load_plan(copy).title == "Kept"  # what the group typed is on disk
        question = app.screen.question
        assert "orientation.toml is not saved (no space left on device)" in question
        assert f"written to {copy}: nothing is lost if you leave" in question

        await pilot.press("n")  # stay: maybe the disk can be freed
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        monkeypatch.undo()  # space freed
        monkeypatch.setenv("XDG_DATA_HOME", str(data_home.parent.parent))
        await pilot.press("escape")  # saves now, once the file's comments may go
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "hand-written comments" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert load_plan(path).title == "Kept"
    assert path.read_bytes() != before
    assert len(list(data_home.iterdir())) == 1  # asking twice made no second copy


async def test_quitting_with_kept_comments_copies_the_plan_first(
    plans_dir: Path, data_home: Path
) -> None:
    path = plans_dir / "orientation.toml"
    before = path.read_bytes()
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await edit_title_and_keep_comments(pilot)  # changes in memory only
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        [copy] = data_home.iterdir()
        assert load_plan(copy).title.endswith("!")
        assert "(its hand-written comments were kept)" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert path.read_bytes() == before  # the comments were kept, as chosen


async def test_a_saved_plan_leaves_at_once(plans_dir: Path, data_home: Path) -> None:
    app = steady_app(plans_dir, open_path=plans_dir / "orientation.toml", start="open")
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert not data_home.exists()


async def test_a_review_that_could_not_be_saved_survives_leaving_the_history(
    plans_dir: Path, data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="review", review_date=dt.date(2027, 3, 1))
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        break_saving(monkeypatch, path)
        await pilot.press("d", *"Fiche", "enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)  # the review, in memory only
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        [copy] = data_home.iterdir()
        kept = load_plan(copy)
        assert len(kept.reviews) == 2 and kept.reviews[1].date == dt.date(2027, 3, 1)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert len(load_plan(path).reviews) == 1  # the plan's own file was never half-written
