"""What opening and leaving a plan leaves in memory: a facilitator opens and leaves plans
all day on one laptop, so what one visit keeps adds up.

A visit: Enter on the home list opens the plan, F4 goes to step 3, Escape goes back home
(the screens left are dropped half a second later). The app runs as `run_app` runs it
(screens built ahead and kept, writes later, the heap managed). Measured with
tracemalloc, after two visits (which load what lives as long as the app):

- ours: what the heap holds at home after a visit, less what it held before it;
- baseline, in the same visit: what the heap holds while the plan is open at step 3, less
  what it held at home before. The ratio is the share of an open plan a visit keeps.

Textual 8.2's text areas kept themselves alive through their watch of the theme, and an
lru_cache kept the styles caches of widgets gone: 2.5 MiB kept per visit, whatever the
plan's size, until tui/textual_leaks.py. tests/tui/test_memory_after_leaving.py also
checks a look at the help and at the reviews history, which kept 4,000 and 1,800
objects each.

    .venv/bin/python bench/bench_memory.py [--full] [--visits 4]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import tempfile
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import Sample, big_plan_text, figure, report, sizes, started_as_run_app

from planwizard.tui.app import make_app
from planwizard.tui.screens.home import HomeScreen

SIZE = (120, 40)


def _heap() -> int:
    """Traced bytes once every garbage is collected (frozen objects too)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    return tracemalloc.get_traced_memory()[0]


async def measure(actions: int, visits: int) -> tuple[list[Sample], list[Sample]]:
    kept: list[Sample] = []
    held: list[Sample] = []
    with tempfile.TemporaryDirectory(prefix="pw-bench-memory-") as tmp:
        folder = Path(tmp)
        (folder / "plan.toml").write_text(big_plan_text(actions), encoding="utf-8")
        app = make_app(folder, start="home", blink=False, watch_interval=None)
        app.write_later = app.prebuild_steps = app.open_ahead = app.manage_heap = True
        with started_as_run_app():
            async with app.run_test(size=SIZE) as pilot:

                async def settle() -> None:
                    for _ in range(60):
                        await pilot.pause(0.05)
                        if not app._drops_pending and not app.workers._workers:
                            break
                    await pilot.pause(0.3)

                async def visit() -> tuple[int, int]:
                    await pilot.press("enter")
                    await settle()
                    await pilot.press("f4")
                    await settle()
                    open_heap = _heap()
                    await pilot.press("escape")
                    await pilot.pause(0.6)  # the screens left are dropped after 0.5 s
                    await settle()
                    assert isinstance(app.screen, HomeScreen), app.screen
                    return open_heap, _heap()

                await settle()
                # Traced from the start: an object made before would not count when it
                # is replaced by one made during a visit.
                tracemalloc.start()
                try:
                    # The first visits load what lives as long as the app (modules,
                    # styles, the home screen's plan built ahead for the next Enter).
                    await visit()
                    await visit()
                    home = _heap()
                    for _ in range(visits):
                        open_heap, after = await visit()
                        kept.append(Sample(after - home))
                        held.append(Sample(open_heap - home))
                        home = after
                finally:
                    tracemalloc.stop()
    return kept, held


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=4)
    parser.add_argument("--full", action="store_true", help="also 1,000 actions")
    options = parser.parse_args()
    figures = []
    for actions in sizes([5], [5, 1000]):
        kept, held = asyncio.run(measure(actions, options.visits))
        figures.append(
            figure(
                f"memory a visit keeps (open, F4, home), {actions} actions",
                kept,
                held,
                "<= 0.05x",
                unit="B",
                limit=0.05,
                note="what the plan open at step 3 holds, in the same visit",
            )
        )
    report(figures, "== memory: what opening and leaving a plan keeps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
