"""`planwizard export`: a file in exports/ beside the plan, or standard output, never a
traceback."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import icalendar
import pytest

from planwizard.cli import main
from planwizard.storage import save_plan
from tests.export_samples import CONTRACT_EXAMPLE, hostile_plan


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    target = tmp_path / "orientation.toml"
    shutil.copy(CONTRACT_EXAMPLE, target)
    return target


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ([], "orientation.md"),
        (["--format", "html"], "orientation.html"),
        (["--format", "ics"], "orientation.ics"),
        (["--format", "csv"], "orientation.csv"),
        (["--format", "csv", "--what", "indicators"], "orientation-indicators.csv"),
    ],
)
def test_default_output_goes_to_exports_beside_the_plan(
    plan_file: Path, args: list[str], name: str
) -> None:
    out = io.StringIO()
    assert main(["export", str(plan_file), *args], out=out) == 0
    written = plan_file.parent / "exports" / name
    assert written.exists()
    assert str(written) in out.getvalue()
    assert "Orientation des victimes" in written.read_bytes().decode("utf-8-sig")


def test_output_option_names_the_file(plan_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "for-the-donor.csv"
    assert (
        main(["export", str(plan_file), "--format", "csv", "-o", str(target)], io.StringIO()) == 0
    )
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    # A French plan: `;` between fields, as a French spreadsheet expects.
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) == 1 + 3  # header and the example's three actions
    assert rows[0][:3] == ["Plan", "Identifiant du plan", "Identifiant de l’action"]


def test_dash_writes_to_standard_output(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(plan_file), "--format", "ics", "-o", "-"]) == 0
    printed = capsys.readouterr().out
    calendar = icalendar.Calendar.from_ical(printed)
    assert len(calendar.walk("VEVENT")) == 5
    assert not list(plan_file.parent.glob("*.ics"))


def test_dash_with_a_text_stream(plan_file: Path) -> None:
    out = io.StringIO()
    args = ["export", str(plan_file), "--format", "csv", "--lang", "en", "-o", "-"]
    assert main(args, out=out) == 0
    assert out.getvalue().startswith("\ufeffPlan,Plan id,")


def test_csv_to_standard_output_keeps_its_bytes(
    plan_file: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["export", str(plan_file), "--format", "csv", "-o", "-"]) == 0
    data = capsysbinary.readouterr().out
    assert data.startswith(b"\xef\xbb\xbfPlan;") and b"\r\n" in data  # a French plan


def test_today_option_dates_the_calendar_stamp(plan_file: Path) -> None:
    out = io.StringIO()
    main(["export", str(plan_file), "--format", "ics", "-o", "-", "--today", "2027-02-01"], out)
    assert "DTSTAMP:20270201T000000Z" in out.getvalue()


def test_missing_file_is_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.toml"
    assert main(["export", str(missing)]) == 1
    captured = capsys.readouterr()
    assert f"{missing}: no such file" in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_broken_plan_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('schema_version = 1\ntitle = "x"\n[[actions]]\nstatus = "maybe"\n')
    assert main(["export", str(broken), "--format", "html"]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:4:" in err
    assert not broken.with_suffix(".html").exists()


def test_indicators_only_as_csv(plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(plan_file), "--format", "md", "--what", "indicators"]) == 2
    assert "csv" in capsys.readouterr().err
    assert not plan_file.with_suffix(".md").exists()


def test_never_overwrites_the_plan_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_md = tmp_path / "plan.md"
    shutil.copy(CONTRACT_EXAMPLE, plan_md)
    before = plan_md.read_bytes()
    assert main(["export", str(plan_md), "--format", "md", "-o", str(plan_md)]) == 1
    assert "plan itself" in capsys.readouterr().err
    assert plan_md.read_bytes() == before


def test_unwritable_output_is_a_clear_message(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "out.md"
    assert main(["export", str(plan_file), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert str(target) in err and "cannot write the export" in err


def test_hostile_plan_to_the_terminal_carries_no_escape_sequence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.toml"
    save_plan(hostile_plan(), path)
    for fmt in ("md", "html", "csv", "ics"):
        assert main(["export", str(path), "--format", fmt, "-o", "-"]) == 0
        printed = capsys.readouterr().out
        assert "\x1b" not in printed and "\x07" not in printed, fmt


def test_a_french_plan_exports_in_french_unless_lang_says_otherwise(plan_file: Path) -> None:
    out = io.StringIO()
    assert main(["export", str(plan_file), "-o", "-"], out=out) == 0
    assert "Analyse du problème" in out.getvalue() and "Problem analysis" not in out.getvalue()
    out = io.StringIO()
    assert main(["export", str(plan_file), "--lang", "en", "-o", "-"], out=out) == 0
    assert "Problem analysis" in out.getvalue() and "Analyse du problème" not in out.getvalue()


def test_audience_partners_by_default_and_team_on_request(plan_file: Path) -> None:
    out = io.StringIO()
    assert main(["export", str(plan_file), "--lang", "en"], out=out) == 0
    partners = (plan_file.parent / "exports" / "orientation.md").read_text(encoding="utf-8")
    assert "Partners version" in partners and "Commissaire adjointe Mbaye" not in partners
    assert main(["export", str(plan_file), "--audience", "team"], out=out) == 0
    team = (plan_file.parent / "exports" / "orientation-team.md").read_text(encoding="utf-8")
    assert "Version de l’équipe" in team and "Commissaire adjointe Mbaye" in team
