"""Fuzz planwizard with broken plans: mutated copies of the example plans.

A shared folder's files come from other people's laptops: whatever they hold, reading a
plan must end in a plan or a PlanError, and a plan that `check` accepts must format,
save, merge and export. This script mutates the example plans (their text, and their
values through TOML) and runs every entry point on each mutant:

    .venv/bin/python -m scripts.fuzz_plans --minutes 60

Each failure is written to the output folder (`fuzz-failures/` by default) as the file
that caused it, with the traceback beside it, and the run ends with exit code 1. The
test suite runs the same check for a few seconds (tests/core/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import random
import sys
import tempfile
import time
import tomllib
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [
    *sorted((ROOT / "plans").glob("*.toml")),
    ROOT / "tests" / "data" / "plan-format-example.toml",
]

#: Bits of TOML (and of what breaks it) inserted into the text.
TOKENS = [
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    ".",
    "#",
    "# note\n",
    '"',
    "'",
    '"""',
    "'''",
    '""""',
    '\\"""',
    "\\",
    "\n",
    "\r\n",
    "\t",
    " ",
    "\x00",
    "\x1b[2J",
    "\u202e",
    "é",
    "nan",
    "inf",
    "-inf",
    "1e307",
    "-1.7e308",
    "1e400",
    "9223372036854775808",
    "0x7f",
    "9" * 5000,
    "true",
    "false",
    "2027-02-30",
    "2027-01-15",
    "2027-01-15T10:00:00Z",
    "10:00:00",
    "[actions]",
    "[[actions]]",
    "[[reviews]]",
    "[[reviews.updates]]",
    "[problem]",
    "[" * 300,
    "{a=" * 60,
    "x." * 80 + "y = 1",
    'id = ""',
    'id = "a-3c9e"',
    'status = "done"',
    "schema_version = 2",
    'value = "1"',
    "due = 0",
]

TEXTS = [
    "",
    'a "quoted" word',
    "it's",
    '"""',
    "'''",
    "#",
    "\\",
    "line\nbreak",
    "\r\n",
    "\x1b]52;c;eA==\x07",
    '=HYPERLINK("x")',
    "\u2028",
    "plan-1",
    "a-3c9e",
    " " * 3,
]


def random_value(rng: random.Random, depth: int = 0) -> Any:
    """A TOML value, often an extreme one."""
    pick = rng.randrange(14 if depth < 60 else 10)
    if pick == 0:
        return rng.choice(TEXTS) + rng.choice(TEXTS)
    if pick == 1:
        return rng.choice([0, -1, 1, 2**63 - 1, -(2**63), 2**63, 10**400, 12])
    if pick == 2:
        return rng.choice([0.5, 1e307, -1.7e308, 5e-324, -0.0, float("nan"), float("inf")])
    if pick == 3:
        return rng.choice([True, False])
    if pick == 4:
        return dt.date(rng.randrange(1, 9999), rng.randrange(1, 13), rng.randrange(1, 29))
    if pick == 5:
        return dt.datetime(2027, 1, 15, 10, 30, tzinfo=rng.choice([None, dt.UTC]))
    if pick == 6:
        return dt.time(10, 30)
    if pick in (7, 8, 9):
        return rng.choice(["planned", "done", "systemic", "quarterly", "", "a-3c9e", "i-7d21"])
    if pick in (10, 11):
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = ["id", "title", "status", "due", "value", "x", rng.choice(TEXTS)]
    return {rng.choice(keys): random_value(rng, depth + 1) for _ in range(rng.randrange(4))}


def _containers(node: Any, found: list[Any]) -> None:
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            _containers(value, found)
    elif isinstance(node, list):
        found.append(node)
        for value in node:
            _containers(value, found)


def mutate_data(text: str, rng: random.Random) -> str:
    """Change, add or remove a value anywhere in the plan, written back as TOML."""
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return text
    found: list[Any] = []
    _containers(data, found)
    for _ in range(rng.randrange(1, 4)):
        node = rng.choice(found)
        if isinstance(node, dict):
            keys = [*node, "id", "title", "status", "due", "value", "notes", "x-unknown"]
            key = rng.choice(keys)
            if node and rng.random() < 0.2:
                node.pop(rng.choice(list(node)), None)
            else:
                node[key] = random_value(rng)
        elif node and rng.random() < 0.5:
            node[rng.randrange(len(node))] = random_value(rng)
        else:
            node.append(random_value(rng))
    try:
        return tomli_w.dumps(data, multiline_strings=rng.random() < 0.5)
    except (ValueError, TypeError, RecursionError):
        return text


def mutate_text(text: str, rng: random.Random) -> str:
    """One to three edits of the text itself: the damage of a bad merge or a bad tool."""
    for _ in range(rng.randrange(1, 4)):
        lines = text.split("\n")
        where = rng.randrange(len(text) + 1)
        kind = rng.randrange(6)
        if kind == 0:
            text = text[:where] + rng.choice(TOKENS) + text[where:]
        elif kind == 1:
            text = text[:where] + text[where + rng.randrange(1, 20) :]
        elif kind == 2 and lines:
            line = rng.randrange(len(lines))
            lines.insert(line, lines[line])
            text = "\n".join(lines)
        elif kind == 3 and lines:
            line = rng.randrange(len(lines))
            if " = " in lines[line]:
                key = lines[line].split(" = ", 1)[0]
                lines[line] = f"{key} = {rng.choice(TOKENS)}"
                text = "\n".join(lines)
        elif kind == 4 and len(lines) > 1:
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        else:
            text = text[:where]
    return text


def mutant(rng: random.Random, seeds: list[str]) -> str:
    text = rng.choice(seeds)
    if rng.random() < 0.5:
        text = mutate_data(text, rng)
    if rng.random() < 0.7:
        text = mutate_text(text, rng)
    return text


def exercise(text: str, folder: Path) -> str:
    """Every entry point on one mutant; "refused" or "accepted", or an exception escapes.

    Only PlanError may come out of reading; a plan that `check` accepts must format (and
    stay formatted), save, merge with the file it came from, and export in every format.
    """
    from planwizard.cli import main
    from planwizard.exports import FORMATS, export_bytes
    from planwizard.session import Session
    from planwizard.storage import LineFinder, PlanError, comment_lines, load_plan, save_plan

    path = folder / "mutant.toml"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    comment_lines(text)
    LineFinder(text).line(("actions", 0, "title"))
    out = io.StringIO()
    if main(["--today", "2027-01-15", "check", str(path)], out=out) != 0:
        with contextlib.suppress(PlanError):
            load_plan(path)  # refused by check: reading it may fail, but only so
        return "refused"
    plan = load_plan(path)
    for fmt in FORMATS:
        export_bytes(plan, fmt, today=dt.date(2027, 1, 15))
    export_bytes(plan, "csv", "indicators")
    export_bytes(plan, "csv", "recommendations")
    session = Session.open(path)
    outcome = session.apply(lambda p: setattr(p, "title", p.title + " (edited)"))
    if outcome.error is not None and outcome.error.kind != "comments":
        raise AssertionError(f"a plan that check accepts does not save: {outcome.error}")
    session.consent_to_drop_comments(True)
    if session.error is not None:
        raise AssertionError(f"a plan that check accepts does not save: {session.error}")
    code = main(["fmt", "--drop-comments", str(path)], out=io.StringIO())
    if code != 0 or main(["fmt", "--check", str(path)], out=io.StringIO()) != 0:
        raise AssertionError("a plan that check accepts does not format, or not for good")
    base, theirs = folder / "base.toml", folder / "theirs.toml"
    base.write_text(text, encoding="utf-8", errors="surrogateescape")
    save_plan(load_plan(path), theirs)
    # git's merge driver, as git runs it: any exit code, but never an exception.
    main(["merge", str(base), str(path), str(theirs)], out=io.StringIO())
    return "accepted"


def run(
    seconds: float, seed: int, report: Callable[[str, str], None] | None = None
) -> tuple[int, int, list[tuple[str, str]]]:
    """Fuzz for `seconds`: (mutants tried, accepted, failures as (text, traceback))."""
    rng = random.Random(seed)
    seeds = [path.read_text(encoding="utf-8") for path in SEEDS]
    failures: list[tuple[str, str]] = []
    tried = accepted = 0
    deadline = time.monotonic() + seconds
    with tempfile.TemporaryDirectory(prefix="planwizard-fuzz-") as workdir:
        while time.monotonic() < deadline:
            text = mutant(rng, seeds)
            folder = Path(workdir) / str(tried)
            folder.mkdir()
            tried += 1
            try:
                accepted += exercise(text, folder) == "accepted"
            except Exception:
                failures.append((text, traceback.format_exc()))
                if report is not None:
                    report(text, failures[-1][1])
            for leftover in folder.iterdir():
                leftover.unlink()
            folder.rmdir()
    return tried, accepted, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=None, help="default: a new one each run")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    print(f"fuzzing for {args.minutes:g} minute(s), seed {seed}", flush=True)

    def report(text: str, trace: str) -> None:
        args.out.mkdir(parents=True, exist_ok=True)
        number = len(list(args.out.glob("*.toml"))) + 1
        target = args.out / f"failure-{seed}-{number}.toml"
        target.write_text(text, encoding="utf-8", errors="surrogateescape")
        target.with_suffix(".txt").write_text(trace, encoding="utf-8")
        print(f"FAILURE written to {target}: {trace.strip().splitlines()[-1]}", flush=True)

    tried, accepted, failures = run(args.minutes * 60, seed, report)
    print(f"{tried} mutant(s): {accepted} accepted, {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
