"""Regenerate the README's screenshots (SVG) from the example plans, on a fixed day.

.venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from planwizard import clock
from planwizard.tui.app import make_app

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"


async def shoot() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CACHE_HOME"] = str(Path(folder) / "cache")
        shutil.copytree(ROOT / "plans", Path(folder) / "plans")
        # Shown as `plans`, as after `make run`, not as a temporary folder's path.
        os.chdir(folder)
        plans = Path("plans")
        app = make_app(plans, blink=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.save_screenshot("home.svg", path=str(IMAGES))
            app.open_plan(plans / "orientation-victimes.toml", step="planning")
            await pilot.pause()
            await pilot.pause()
            app.save_screenshot("planning.svg", path=str(IMAGES))


def main() -> None:
    clock.set_today(dt.date(2027, 1, 15))
    IMAGES.mkdir(parents=True, exist_ok=True)
    here = Path.cwd()
    try:
        asyncio.run(shoot())
    finally:
        os.chdir(here)
    print(f"screenshots written to {IMAGES.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
