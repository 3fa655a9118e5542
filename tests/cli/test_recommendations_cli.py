"""`planwizard recommendations`, and the overdue replies `status` counts (issue 18)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from planwizard.cli import main
from tests.conftest import CONTRACT_EXAMPLE

RECS_EXAMPLE = CONTRACT_EXAMPLE.with_name("plan-format-recommendations.toml")

# A plan whose text tries a terminal escape (set the window title) and markup, with a
# reply due in 10 days (from 2027-01-15) and a long recommendation to wrap.
SOON = """\
schema_version = 1
id = "soon"
title = "Bientôt"

[[stakeholders]]
id = "min-just"
name = "Ministère de la Justice \\u001b]0;pwn\\u0007"

[[recommendations]]
id = "r-7"
text = "LONG"
reference = "§ 7"
addressed_to = ["min-just"]
position = "no-reply"
reply_due = 2027-01-25
""".replace(
    "LONG",
    "Réduire la durée de la détention provisoire [bold]et[/bold] garantir l'accès à un "
    "avocat dès la première heure de garde à vue dans tous les commissariats du pays.",
)

BROKEN = """\
schema_version = 1
title = "Cassé"

[[recommendations]]
id = "r-1"
position = "supported"
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(RECS_EXAMPLE, plans / "suivi.toml")
    shutil.copy(CONTRACT_EXAMPLE, plans / "orientation.toml")  # no recommendations
    (plans / "bientot.toml").write_text(SOON, encoding="utf-8")
    (plans / "casse.toml").write_text(BROKEN, encoding="utf-8")
    return plans


def run(*argv: str) -> tuple[int, str]:
    stream = io.StringIO()
    code = main(list(argv), out=stream)
    return code, stream.getvalue()


def test_json_lists_every_recommendation_overdue_replies_first(folder: Path) -> None:
    code, output = run("recommendations", str(folder), "--json")
    assert code == 0
    report: dict[str, Any] = json.loads(output)
    assert (report["today"], report["within"], report["overdue"]) == ("2027-01-15", 30, 1)
    rows = [(Path(r["path"]).name, r["id"], r["reply"]) for r in report["recommendations"]]
    assert rows == [
        ("suivi.toml", "r-2026-21", "overdue"),
        ("bientot.toml", "r-7", "due-soon"),
        ("suivi.toml", "r-2026-14", "received"),
    ]
    overdue, soon, received = report["recommendations"]
    assert overdue["days_overdue"] == 300 and overdue["reply_due"] == "2026-03-21"
    assert overdue["addressed_to"] == [{"id": "min-int", "name": "Ministère de l'Intérieur"}]
    assert overdue["position"] == "no-reply" and overdue["reply_received"] is None
    assert (overdue["implementation"], overdue["last_review"]) == ("not-started", "2027-02-10")
    assert overdue["why"] == ["not-understood"]
    assert [a["id"] for a in overdue["actions"]] == ["a-2d8b"]
    assert "\x1b" not in soon["addressed_to"][0]["name"] and "\x07" not in output
    assert soon["implementation"] is None and soon["history"] == []
    assert received["reply_received"] == "2026-03-30" and received["position"] == "accepted"
    assert received["history"] == [
        {"date": "2027-02-10", "implementation": "partially", "why": ["budget", "resistance"]}
    ]
    assert received["plan_id"] == "suivi-mnp-2026-4b1e"
    [error] = report["errors"]
    assert Path(error["path"]).name == "casse.toml" and error["line"] == 6
    assert "'supported' is not allowed" in error["message"]


def test_within_and_today_move_the_replies(folder: Path) -> None:
    def replies(*extra: str) -> dict[str, str]:
        _code, output = run("recommendations", str(folder), "--json", *extra)
        return {r["id"]: r["reply"] for r in json.loads(output)["recommendations"]}

    assert replies("--within", "5")["r-7"] == "waiting"
    assert replies("--today", "2026-03-01")["r-2026-21"] == "due-soon"
    assert replies("--today", "2027-02-01")["r-7"] == "overdue"


def test_text_fits_80_columns_and_shows_plan_text_as_text(folder: Path) -> None:
    code, output = run("recommendations", str(folder))
    assert code == 0
    lines = output.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    assert "\x1b" not in output and "\x07" not in output
    assert lines[0] == "Written replies overdue"
    assert lines.index("Replies due within 30 days") < lines.index("Replies received")
    assert "r-2026-21 · § 21 · suivi.toml" in lines
    assert "    Reply due 21 Mar 2026, 300 days late · position: no reply yet" in lines
    assert "    To: Ministère de la Justice ]0;pwn" in lines
    assert any("[bold]et[/bold]" in line for line in lines)  # markup printed, not obeyed
    assert "    Reply due 25 Jan 2027, in 10 days · position: no reply yet" in lines
    assert any(line.startswith("    At the review of 10 Feb 2027: partially") for line in lines)
    assert "    Not reviewed yet · 0 actions" in lines
    assert any(line.startswith("casse.toml:6: recommendations #1 (r-1) position") for line in lines)
    assert " ".join(lines[-2:]) == (
        "3 recommendations in 4 plans: 1 written reply overdue, 1 due within 30 days, "
        "1 unreadable plan"
    )


def test_in_french(folder: Path) -> None:
    _code, output = run("--lang", "fr", "recommendations", str(folder))
    assert output.splitlines()[0] == "Réponses écrites en retard"
    text = " ".join(line.strip() for line in output.splitlines())
    assert "Réponse attendue le 21 mars 2026, 300 jours de retard" in text
    assert "position\u00a0: pas encore de réponse" in text
    assert all(cell_len(line) <= 80 for line in output.splitlines())


def test_a_folder_without_recommendations(tmp_path: Path) -> None:
    shutil.copy(CONTRACT_EXAMPLE, tmp_path / "orientation.toml")
    code, output = run("recommendations", str(tmp_path))
    assert code == 0 and output == f"no recommendations in the plans of {tmp_path}\n"
    code, output = run("recommendations", str(tmp_path / "missing"))
    assert code == 1 and "no such file or folder" in output


def test_status_counts_overdue_replies(folder: Path) -> None:
    _code, output = run("status", str(folder), "--json")
    plans = {Path(p["path"]).name: p for p in json.loads(output)["plans"]}
    assert plans["suivi.toml"]["overdue_replies"] == [
        {"id": "r-2026-21", "reference": "§ 21", "reply_due": "2026-03-21", "days_late": 300}
    ]
    assert plans["bientot.toml"]["overdue_replies"] == []
    _code, output = run("status", str(folder))
    assert output.splitlines()[-1].endswith("; 1 written reply overdue")
