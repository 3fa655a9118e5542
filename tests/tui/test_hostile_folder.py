"""The app on a folder holding hostile files: it starts, lists them, and opens none."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from textual.widgets import DataTable

from planwizard.tui.screens.home import HomeScreen
from tests.conftest import CONTRACT_EXAMPLE
from tests.tui.tui_helpers import screen_text, settle, steady_app

HEAD = 'schema_version = 1\ntitle = "Hostile"\n'


async def test_the_app_starts_on_a_folder_of_hostile_files(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(CONTRACT_EXAMPLE, folder / "good.toml")
    (folder / "nested.toml").write_text(HEAD + "x = " + "[" * 500 + "]" * 500 + "\n")
    (folder / "huge-number.toml").write_text(HEAD + "x = " + "9" * 5000 + "\n")
    (folder / "deep-header.toml").write_text(HEAD + "[" + ".".join("x" * 1000) + "]\n")
    os.mkfifo(folder / "pipe.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    app = steady_app(folder)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.query_one("#plans", DataTable).row_count == 6
        assert "5 unreadable" in screen_text(app)
        app.open_plan(folder / "pipe.toml")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # told why, still on the list
        app.open_plan(folder / "good.toml")
        await settle(pilot)
        assert not isinstance(app.screen, HomeScreen)
        assert app.is_running
