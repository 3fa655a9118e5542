"""`planwizard status`: what needs attention across a folder of plans."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from planwizard.cli import main
from tests.conftest import CONTRACT_EXAMPLE, EXAMPLE_PLANS

# An incomplete plan whose text tries markup and a terminal escape (set the window title).
INCOMPLETE = """\
schema_version = 1
title = "Esquisse"

[[actions]]
id = "a-1"
title = "Appeler [bold]le foyer[/bold] \\u001b]0;pwn\\u0007 vite"
owner = "Centre de santé"
due = 2027-01-20

[[actions]]
id = "a-2"
title = "Sans date"
"""

# A plan that does not load: an unknown status on line 6.
BROKEN = """\
schema_version = 1
title = "Cassé"

[[actions]]
id = "a-9"
status = "finished"
"""


@pytest.fixture(autouse=True)
def wide_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pipe that says it is wide (COLUMNS): one line per row, the plan named on each.
    The 80-column layout has its own snapshots below."""
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(CONTRACT_EXAMPLE, plans / "orientation.toml")
    (plans / "esquisse.toml").write_text(INCOMPLETE, encoding="utf-8")
    (plans / "casse.toml").write_text(BROKEN, encoding="utf-8")
    return plans


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(*argv: str, out: io.StringIO | None = None) -> tuple[int, str]:
    stream = out if out is not None else io.StringIO()
    code = main(list(argv), out=stream)
    return code, stream.getvalue()


def lines_of(output: str, name: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(name)]


def test_plain_text_when_piped(folder: Path) -> None:
    code, output = run("status", str(folder))
    assert code == 0
    assert "\x1b" not in output  # no colours or escapes in a pipe
    header = output.splitlines()[0].split()
    assert header == ["Plan", "Status", "Item", "Date", "Detail"]

    [broken] = lines_of(output, "casse.toml")
    assert "unreadable" in broken
    assert "line 6" in broken and "'finished' is not allowed" in broken

    # On 2027-01-15 the incomplete plan's action is due in 5 days.
    [sketch] = lines_of(output, "esquisse.toml")
    assert "due soon" in sketch and "20 Jan 2027" in sketch and "in 5 days" in sketch
    assert "Centre de santé" in sketch

    orientation = lines_of(output, "orientation.toml")
    assert any("due soon" in line and "31 Jan 2027" in line for line in orientation)
    assert any("off track" in line and "Agents d'accueil formés" in line for line in orientation)
    assert any("no reading at the last review" in line for line in orientation)
    assert not any("overdue" in line for line in orientation)
    assert output.splitlines()[-1] == (
        "3 plans: 0 overdue, 2 due soon, 0 reviews due, 2 indicators off track, 1 unreadable"
    )


def test_plain_columns_are_aligned(folder: Path) -> None:
    _code, output = run("status", str(folder))
    lines = output.splitlines()[:-1]
    status_column = lines[0].index("Status")
    for line in lines[1:]:
        assert line[status_column - 2 : status_column] == "  "
        if not line.startswith(" "):  # a row's first line; the next ones wrap its text
            assert line[status_column] != " "


def test_plan_text_is_shown_as_text(folder: Path) -> None:
    _code, output = run("status", str(folder))
    [sketch] = lines_of(output, "esquisse.toml")
    assert "Appeler [bold]le foyer[/bold] ]0;pwn vite" in sketch
    assert "\x07" not in output


def test_rich_table_on_a_terminal(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("LINES", "50")
    code, output = run("status", str(folder), out=FakeTerminal())
    assert code == 0
    assert "\x1b[" in output  # styled by rich
    for expected in ("casse.toml", "esquisse.toml", "orientation.toml", "unreadable", "due soon"):
        assert expected in output
    # Markup in a plan is printed, not obeyed; the escape sequence is gone.
    assert "[bold]le foyer[/bold]" in output
    assert "\x1b]" not in output and "\x07" not in output


def test_json_for_scripts(folder: Path) -> None:
    code, output = run("status", str(folder), "--json")
    assert code == 0
    report = json.loads(output)
    assert report["today"] == "2027-01-15"
    assert report["within"] == 30
    plans: dict[str, Any] = {Path(p["path"]).name: p for p in report["plans"]}
    assert set(plans) == {"casse.toml", "esquisse.toml", "orientation.toml"}

    broken = plans["casse.toml"]["error"]
    assert broken["line"] == 6 and "finished" in broken["message"]

    sketch = plans["esquisse.toml"]
    assert sketch["error"] is None
    assert [a["id"] for a in sketch["due_soon"]] == ["a-1"]
    assert sketch["due_soon"][0]["due"] == "2027-01-20"
    assert "\x1b" not in sketch["due_soon"][0]["title"]
    assert sketch["next_review"] is None and sketch["review_due"] is False
    assert sketch["gaps"] > 0

    orientation = plans["orientation.toml"]
    assert orientation["next_review"] == "2027-03-01"
    assert orientation["last_review"] == "2026-12-15"
    assert orientation["title"].startswith("Orientation des victimes")
    reasons = {item["id"]: item["reason"] for item in orientation["off_track"]}
    assert reasons == {"i-orient": "behind", "i-formes": "no-reading"}
    assert 0 <= orientation["off_track"][0]["progress"] < orientation["off_track"][0]["elapsed"]


def test_within_changes_what_is_due_soon(folder: Path) -> None:
    # From 2027-01-15: esquisse a-1 is due in 5 days, orientation a-3c9e in 16.
    def due_soon(*extra: str) -> set[str]:
        _code, output = run("status", str(folder), "--json", *extra)
        return {a["id"] for p in json.loads(output)["plans"] for a in p.get("due_soon", [])}

    assert due_soon() == {"a-1", "a-3c9e"}
    assert due_soon("--within", "10") == {"a-1"}
    assert due_soon("--within", "4") == set()
    assert due_soon("--within", "59") == {"a-1", "a-3c9e", "a-81d0"}
    _code, output = run("status", str(folder), "--within", "10")
    assert not any("due soon" in line for line in lines_of(output, "orientation.toml"))


def test_today_moves_the_report(folder: Path) -> None:
    code, output = run("status", str(folder), "--today", "2027-03-05")
    assert code == 0
    orientation = lines_of(output, "orientation.toml")
    assert any("overdue" in line and "33 days late" in line for line in orientation)
    assert any("review due" in line and "4 days ago" in line for line in orientation)
    [sketch] = [line for line in lines_of(output, "esquisse.toml") if "overdue" in line]
    assert "44 days late" in sketch


def test_today_given_before_the_command(folder: Path) -> None:
    _code, output = run("--today", "2027-03-05", "status", str(folder), "--json")
    assert json.loads(output)["today"] == "2027-03-05"


def test_a_plan_with_nothing_due(tmp_path: Path) -> None:
    (tmp_path / "calme.toml").write_text(
        'schema_version = 1\ntitle = "Calme"\n[monitoring]\nnext_review = 2027-06-01\n',
        encoding="utf-8",
    )
    code, output = run("status", str(tmp_path))
    assert code == 0
    [line] = lines_of(output, "calme.toml")
    assert "nothing due" in line and "1 Jun 2027" in line and "see `planwizard check`" in line


def test_the_default_folder_is_plans(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder.parent)
    code, output = run("status")
    assert code == 0 and lines_of(output, "orientation.toml")


def test_an_empty_folder(tmp_path: Path) -> None:
    code, output = run("status", str(tmp_path))
    assert code == 0
    assert output.strip() == f"no plans in {tmp_path}"
    code, output = run("status", str(tmp_path), "--json")
    assert json.loads(output)["plans"] == []


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    code, output = run("status", str(tmp_path / "nowhere"))
    assert code == 1
    assert "no such file or folder" in output


@pytest.mark.parametrize("days", ["-1", "soon"])
def test_within_must_be_a_number_of_days(
    folder: Path, days: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        run("status", str(folder), "--within", days)
    assert exited.value.code == 2
    assert "is not a number of days" in capsys.readouterr().err


SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_status_at_80_columns(lang: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Piped with no COLUMNS, status fits 80 columns: each plan heads its rows, words wrap
    whole (no « hors trajectoi »), dates whole, blocked actions listed. The expected text
    is in tests/cli/snapshots/; rewrite it with PLANWIZARD_UPDATE_SNAPSHOTS=1."""
    import os

    monkeypatch.delenv("COLUMNS")
    for name in ("detention-recommendations-follow-up.toml", "orientation-victimes.toml"):
        shutil.copy(EXAMPLE_PLANS / name, folder)
    _code, output = run("status", str(folder), "--lang", lang, "--today", "2027-02-15")
    output = output.replace(str(folder), "PLANS")
    assert max(len(line) for line in output.splitlines()) <= 80
    expected = SNAPSHOTS / f"status-80-{lang}.txt"
    if os.environ.get("PLANWIZARD_UPDATE_SNAPSHOTS"):
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(output, encoding="utf-8")
    assert output == expected.read_text(encoding="utf-8")
    assert ("blocked" if lang == "en" else "bloquée") in output
