"""The command line's checks, in process, against a bare tomllib read of the same files,
interleaved run by run:

- `planwizard check` on one plan whose every action lacks an owner (one warning each:
  1,000, --full also 5,000) / tomllib of that file;
- `planwizard status DIR` and `planwizard fmt --check DIR` over a folder of plans (quick
  200, --full 1,000) / a bare loop reading and parsing every file with tomllib.

    .venv/bin/python bench/bench_cli.py [--full] [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import Figure, big_plan_text, figure, interleave, report, sizes, timed, write_many_plans

from planwizard.cli import main as planwizard


def run(*argv: str) -> str:
    out = io.StringIO()
    planwizard(list(argv), out=out)
    return out.getvalue()


def parse_all(paths: list[Path]) -> None:
    for path in paths:
        tomllib.loads(path.read_text(encoding="utf-8"))


def check_many_warnings(folder: Path, actions: int, runs: int) -> Figure:
    path = folder / f"warnings-{actions}.toml"
    path.write_text(big_plan_text(actions, owners=False), encoding="utf-8")
    warnings = run("check", str(path)).count("has no owner")
    taken = interleave(
        runs,
        {
            "ours": lambda: timed(lambda: run("check", str(path))),
            "bare": lambda: timed(lambda: parse_all([path])),
        },
    )
    return figure(
        f"check, plan with {warnings} warnings",
        taken["ours"],
        taken["bare"],
        "linear, <= 2x",
        limit=2.0,
        note="tomllib of the file",
    )


def over_folder(folder: Path, plans: int, runs: int) -> list[Figure]:
    paths = write_many_plans(folder, plans)
    taken = interleave(
        runs,
        {
            "status": lambda: timed(lambda: run("status", str(folder))),
            "fmt": lambda: timed(lambda: run("fmt", "--check", str(folder))),
            "bare": lambda: timed(lambda: parse_all(paths)),
        },
    )
    note = "a bare loop: read + tomllib.loads of every file"
    return [
        figure(
            f"status over {plans} plans",
            taken["status"],
            taken["bare"],
            "<= 1.5x",
            limit=1.5,
            note=note,
        ),
        figure(
            f"fmt --check over {plans} plans",
            taken["fmt"],
            taken["bare"],
            "<= 1.5x",
            limit=1.5,
            note=note,
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--full", action="store_true", help="1,000 warnings, 1,000 plans")
    options = parser.parse_args()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="pw-bench-cli-") as tmp:
        for actions in sizes([1000], [1000, 5000]):
            figures.append(check_many_warnings(Path(tmp), actions, options.runs))
        for plans in sizes([200], [1000]):
            folder = Path(tmp) / f"plans-{plans}"
            folder.mkdir()
            figures += over_folder(folder, plans, options.runs)
    report(figures, "== command line: check, status, fmt --check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
