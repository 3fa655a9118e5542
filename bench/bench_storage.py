"""Loading and saving a big plan, and the memory undo keeps per change, against floors
measured in the same run.

- load: `load_plan` / reading the file + bare `tomllib.loads`;
- save: `save_plan` / bare `tomli_w.dumps` of the same data + write + fsync (the floor of
  any save that reaches the disk); ours and the floor interleaved run by run;
- undo memory: what one change adds to the traced heap (tracemalloc) of a session on the
  plan, after garbage collection / the plan's text (one copy of the file per change).

The plan is the example plan grown to N actions (load and save: quick 500, --full 1,000
and 5,000; undo memory: 1,000, --full also 5,000).

    .venv/bin/python bench/bench_storage.py [--full] [--runs 7]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import tomllib
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import tomli_w

sys.path.insert(0, str(Path(__file__).parent))

from common import Figure, Sample, big_plan_text, figure, interleave, report, sizes, timed

from planwizard import load_plan, save_plan
from planwizard.model import Plan
from planwizard.session import Session
from planwizard.storage import plan_to_data


def write_and_sync(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())


def load_and_save(folder: Path, actions: int, runs: int) -> list[Figure]:
    path, floor_path = folder / "big.toml", folder / "floor.toml"
    path.write_text(big_plan_text(actions), encoding="utf-8")
    plan = load_plan(path)
    data = plan_to_data(plan)
    loads = interleave(
        runs,
        {
            "ours": lambda: timed(lambda: load_plan(path)),
            "floor": lambda: timed(lambda: tomllib.loads(path.read_text(encoding="utf-8"))),
        },
    )
    saves = interleave(
        runs,
        {
            "ours": lambda: timed(lambda: save_plan(plan, path)),
            "floor": lambda: timed(lambda: write_and_sync(floor_path, tomli_w.dumps(data))),
        },
    )
    return [
        figure(
            f"load_plan, {actions} actions",
            loads["ours"],
            loads["floor"],
            "<= 1.5x",
            limit=1.5,
            note="read + tomllib.loads",
        ),
        figure(
            f"save_plan, {actions} actions",
            saves["ours"],
            saves["floor"],
            "<= 1.5x",
            limit=1.5,
            note="tomli_w.dumps + write + fsync",
        ),
    ]


def retitle(n: int) -> Callable[[Plan], None]:
    def change(plan: Plan) -> None:
        plan.actions[n % len(plan.actions)].title = f"Retitled {n}"

    return change


def undo_memory(folder: Path, actions: int, changes: int) -> Figure:
    path = folder / "undo.toml"
    text = big_plan_text(actions)
    path.write_text(text, encoding="utf-8")
    session = Session.open(path)
    session.apply(retitle(-1))  # the first change may set up what every change shares
    per_change: list[Sample] = []
    tracemalloc.start()
    try:
        for n in range(changes):
            gc.collect()
            before = tracemalloc.get_traced_memory()[0]
            session.apply(retitle(n))
            gc.collect()
            per_change.append(Sample(tracemalloc.get_traced_memory()[0] - before))
    finally:
        tracemalloc.stop()
    size = [Sample(len(text.encode("utf-8")))]
    return figure(
        f"undo memory per change, {actions} actions",
        per_change,
        size,
        "<= 1x (one text copy)",
        unit="B",
        limit=1.0,
        note="the plan's text (bytes of the file)",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--changes", type=int, default=5)
    parser.add_argument("--full", action="store_true", help="1,000 and 5,000 actions")
    options = parser.parse_args()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="pw-bench-storage-") as tmp:
        for actions in sizes([500], [1000, 5000]):
            figures += load_and_save(Path(tmp), actions, options.runs)
        for actions in sizes([1000], [1000, 5000]):
            figures.append(undo_memory(Path(tmp), actions, options.changes))
    report(figures, "== storage: load, save, undo memory")
    return 0


if __name__ == "__main__":
    sys.exit(main())
