"""Fuzzing in the suite: mutated example plans never crash anything (a few seconds).

The same mutator runs for an hour with `python -m scripts.fuzz_plans --minutes 60`.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from scripts import fuzz_plans


@pytest.mark.parametrize("seed", [1, 2])
def test_mutated_plans_are_refused_or_work_everywhere(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    seeds = [path.read_text(encoding="utf-8") for path in fuzz_plans.SEEDS]
    outcomes: dict[str, int] = {"refused": 0, "accepted": 0}
    for number in range(40):
        text = fuzz_plans.mutant(rng, seeds)
        folder = tmp_path / str(number)
        folder.mkdir()
        try:
            outcomes[fuzz_plans.exercise(text, folder)] += 1
        except Exception as exc:  # pragma: no cover - the failure is the report
            raise AssertionError(f"mutant {number} of seed {seed}:\n{text}") from exc
    assert outcomes["refused"] and outcomes["accepted"]  # both paths were exercised


def test_the_long_run_reports_failures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, folder: Path) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(fuzz_plans, "exercise", broken)
    code = fuzz_plans.main(["--minutes", "0.001", "--seed", "3", "--out", str(tmp_path)])
    assert code == 1
    assert list(tmp_path.glob("failure-3-*.toml")) and list(tmp_path.glob("failure-3-*.txt"))
