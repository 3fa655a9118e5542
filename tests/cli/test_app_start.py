"""`planwizard` (the app): what the command line does before Textual loads."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from planwizard import clock
from planwizard.cli import main
from planwizard.home_index import FolderReading, read_rows
from tests.conftest import CONTRACT_EXAMPLE


def test_the_command_line_loads_neither_the_plan_model_nor_textual() -> None:
    # The app's start pays only for what it draws: the plan model loads in the helper
    # that reads the folder, Textual only once the app is asked for.
    code = (
        "import sys, planwizard.cli; "
        "print(sorted(m for m in ('pydantic', 'textual', 'planwizard.model') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_app_gets_the_folder_as_the_command_line_started_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(CONTRACT_EXAMPLE, folder / "orientation.toml")
    calls: list[dict[str, Any]] = []

    def fake_run_app(**kwargs: Any) -> int:
        calls.append(kwargs)
        return 0

    monkeypatch.setattr("planwizard.tui.app.run_app", fake_run_app)
    assert main(["--dir", str(folder)]) == 0
    [call] = calls
    reading = call["first_reading"]
    assert isinstance(reading, FolderReading)
    assert reading.folder == folder and call["plans_dir"] == folder
    assert reading.wait() == read_rows(folder, clock.today())


def test_the_collector_is_back_on_when_the_app_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The command line pauses garbage collection while the app loads; the app itself
    # must run with it on, and the process must get it back whatever happens.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    seen: list[bool] = []

    def fake_run(self: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr("planwizard.tui.app.PlanWizardApp.run", fake_run)
    try:
        assert main(["--dir", str(tmp_path)]) == 0
    finally:
        gc.unfreeze()  # run_app froze this test process's objects
    assert seen == [True] and gc.isenabled()

    def failing_run(**kwargs: Any) -> int:
        assert not gc.isenabled()  # paused while loading
        raise RuntimeError("boom")

    monkeypatch.setattr("planwizard.tui.app.run_app", failing_run)
    with pytest.raises(RuntimeError):
        main(["--dir", str(tmp_path)])
    assert gc.isenabled()
