"""Valid but extreme readings (1e307 against a target of 1) never crash a report."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from planwizard import monitoring
from planwizard.exports import FORMATS, export_bytes
from planwizard.i18n import format_percent
from planwizard.model import Action, Indicator, Measurement, Review, new_plan
from planwizard.model import Plan as PlanModel
from planwizard.storage import parse_plan_text, save_plan
from planwizard.tui.dialogs import parse_number
from planwizard.tui.widgets.review_bits import progress_bar, sparkline

TODAY = dt.date(2027, 1, 15)


def extreme_plan() -> PlanModel:
    plan = new_plan("Extreme")
    plan.actions = [Action(id="a-1", title="Call", owner="Ana", due=dt.date(2027, 3, 1))]
    plan.indicators = [
        Indicator(id="i-1", name="Calls", baseline=0, target=1),
        Indicator(id="i-2", name="Wide", baseline=-1e308, target=1e308),
    ]
    plan.reviews = [
        Review(
            id="r-1",
            date=dt.date(2027, 1, 10),
            measurements=[
                Measurement(indicator="i-1", value=1e307),
                Measurement(indicator="i-2", value=1.7e308),
            ],
        ),
        Review(
            id="r-2",
            date=dt.date(2027, 1, 12),
            measurements=[
                Measurement(indicator="i-1", value=-1.7e308),
                Measurement(indicator="i-2", value=-1.7e308),
            ],
        ),
    ]
    return plan


def test_progress_is_finite_and_said_to_be_out_of_range() -> None:
    plan = extreme_plan()
    calls = plan.indicators[0]
    assert monitoring.progress(calls, 1e307) == monitoring.PROGRESS_LIMIT
    assert monitoring.progress(calls, -1.7e308) == -monitoring.PROGRESS_LIMIT
    assert format_percent(monitoring.progress(calls, 1e307)) == ">100000%"
    assert format_percent(monitoring.progress(calls, -1.7e308)) == "<-100000%"
    assert format_percent(float("inf")) == ">100000%" and format_percent(0.5) == "50%"
    summary = monitoring.summarize(plan, TODAY)
    assert summary.actions_total == 1
    assert monitoring.off_track_details(plan, TODAY) is not None


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_of_extreme_readings(fmt: str, tmp_path: Path) -> None:
    plan = extreme_plan()
    save_plan(plan, tmp_path / "extreme.toml")  # and it saves
    data = export_bytes(plan, fmt, today=TODAY).decode("utf-8")
    if fmt in ("md", "html"):
        assert "100000%" in data and "1e+307" in data
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(export_bytes(plan, "csv", "indicators").decode())))
        progress = rows[0].index("Progress (%)")
        assert [row[progress] for row in rows[1:3]] == [">100000", "<-100000"]


def test_the_app_shows_extreme_readings() -> None:
    assert sparkline([1e307, -1.7e308, 1.7e308], 0, 1) == "▅▁█"
    assert sparkline([1e307], -1e308, 1e308)
    assert ">100000%" in progress_bar(monitoring.PROGRESS_LIMIT).plain
    assert parse_number("1e307") == 1e307 and isinstance(parse_number("1e307"), float)
    assert parse_number("12") == 12 and isinstance(parse_number("12"), int)


def test_a_csv_header_from_an_unknown_field_is_escaped_like_a_cell() -> None:
    plan = parse_plan_text(
        'schema_version = 1\ntitle = "t"\n[[actions]]\nid = "a-1"\n'
        '"=HYPERLINK(\\"http://x\\")" = "=1+1"\n'
    )
    rows = list(csv.reader(io.StringIO(export_bytes(plan, "csv").decode("utf-8-sig"))))
    assert '\'=HYPERLINK("http://x")' in rows[0]
    assert not any(cell.startswith("=") for row in rows for cell in row)
