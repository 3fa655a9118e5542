"""`planwizard review FILE [--date YYYY-MM-DD]`: the app opens on a review of that plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from planwizard import clock
from planwizard.cli import build_parser, main


def test_review_subcommand_parses() -> None:
    args = build_parser().parse_args(["review", "plans/orientation.toml", "--date", "2027-03-01"])
    assert (args.command, args.file, args.date) == (
        "review",
        "plans/orientation.toml",
        dt.date(2027, 3, 1),
    )
    args = build_parser().parse_args(["review", "plan.toml"])
    assert args.date is None and args.dir is None  # the file's own folder


def test_review_starts_the_app_on_the_plan_and_date(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[dict[str, Any]] = []

    def fake_run_app(**kwargs: Any) -> int:
        calls.append(kwargs)
        return 0

    monkeypatch.setattr("planwizard.tui.app.run_app", fake_run_app)
    plan = tmp_path / "p.toml"
    code = main(["review", str(plan), "--date", "2027-03-01", "--dir", str(tmp_path)])
    assert code == 0
    [call] = calls
    assert call["start"] == "review"
    assert call["open_path"] == plan
    assert call["plans_dir"] == tmp_path
    assert call["review_date"] == dt.date(2027, 3, 1)
    # Without --date the review is dated today (the app reads the clock, fixed by --today).
    main(["review", str(plan), "--today", "2027-02-02"])
    assert calls[-1]["review_date"] is None
    assert clock.today() == dt.date(2027, 2, 2)
    # Without --dir, leaving the review lands on the plan's own folder, not on plans/.
    assert calls[-1]["plans_dir"] == tmp_path
    main(["open", str(plan)])
    assert calls[-1]["plans_dir"] == tmp_path


def test_a_review_date_that_is_no_date_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["review", "plan.toml", "--date", "01/03/2027"])
    assert exit_info.value.code == 2
    assert "'01/03/2027' is not a date; write it as YYYY-MM-DD" in capsys.readouterr().err
