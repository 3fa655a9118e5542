"""Load and save speed of a large plan, as ratios to bare tomllib / tomli-w in the same run.

A plan with 1,000 actions, 50 indicators and 100 reviews of 20 updates each is loaded
and saved several times; each figure is the median of the repeats. Ratios, not seconds,
so that the figure means the same on any machine:

- load / bare `tomllib.loads` of the same text;
- save / (bare `tomli_w.dumps` + bare `tomllib.loads`), the floor of a save that re-reads
  what it writes.

Target: both at most 1.5. Run: `make bench` or `.venv/bin/python bench/bench_storage.py`.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import tomli_w

from planwizard import load_plan, save_plan
from planwizard.model import (
    Action,
    ActionUpdate,
    Indicator,
    Measurement,
    Plan,
    Review,
    new_plan,
)
from planwizard.storage import plan_to_data

REPEATS = 7


def big_plan() -> Plan:
    plan = new_plan("Benchmark plan", language="en", created=dt.date(2026, 1, 1))
    start = dt.date(2026, 1, 1)
    for n in range(1000):
        plan.actions.append(
            Action(
                id=f"a-{n:06x}",
                title=f"Action number {n} with a realistic length of title",
                owner=f"Partner {n % 17}",
                due=start + dt.timedelta(days=n % 700),
                status=("planned", "in-progress", "done", "blocked")[n % 4],
                kind=("practical", "systemic")[n % 2],
                level=("local", "regional", "provincial", "ministerial")[n % 4],
                strategy="Meet the focal point, then send a written request with a deadline",
            )
        )
    for n in range(50):
        plan.indicators.append(
            Indicator(
                id=f"i-{n:06x}",
                name=f"Indicator {n}",
                unit="%",
                baseline=n,
                target=100,
                source="Register",
            )
        )
    for r in range(100):
        plan.reviews.append(
            Review(
                id=f"r-{r:06x}",
                date=start + dt.timedelta(days=7 * r),
                facilitator="Facilitator",
                summary=f"Review {r}\nwhat was done and what was not, and why.",
                updates=[
                    ActionUpdate(
                        action=f"a-{(r * 20 + u) % 1000:06x}",
                        status="in-progress",
                        done="Letter sent",
                        not_done="No reply yet",
                        why="Focal point changed",
                    )
                    for u in range(20)
                ],
                measurements=[
                    Measurement(indicator=f"i-{m:06x}", value=m + r / 10) for m in range(5)
                ],
            )
        )
    return plan


def median_seconds(action: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    plan = big_plan()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.toml"
        save_plan(plan, path)
        text = path.read_text(encoding="utf-8")
        data = plan_to_data(plan)

        bare_load = median_seconds(lambda: tomllib.loads(text))
        our_load = median_seconds(lambda: load_plan(path))
        bare_save = median_seconds(lambda: tomllib.loads(tomli_w.dumps(data)))
        our_save = median_seconds(lambda: save_plan(plan, path))

    print(
        f"plan: {len(plan.actions)} actions, {len(plan.indicators)} indicators, "
        f"{len(plan.reviews)} reviews x 20 updates; {len(text) // 1024} KiB of TOML"
    )
    print(f"load / bare tomllib.loads          : {our_load / bare_load:.2f}  (target <= 1.5)")
    print(f"save / bare tomli_w.dumps + loads  : {our_save / bare_save:.2f}  (target <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
