"""The CSV exports: one row per action, one per reading, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from planwizard.exports import export_plan
from planwizard.exports.csv_export import text_cell
from planwizard.model import Plan
from planwizard.text import strip_control
from tests.export_samples import HOSTILE, all_plans, hostile_plan, rich_plan

BOM = b"\xef\xbb\xbf"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def rows_of(data: str | bytes) -> list[dict[str, str]]:
    assert isinstance(data, bytes)
    assert data.startswith(BOM)
    text = data[len(BOM) :].decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def as_spreadsheet_shows(text: str) -> str:
    cleaned = strip_control(text)
    return "'" + cleaned if cleaned.startswith(FORMULA_STARTS) else cleaned


@pytest.mark.parametrize(
    ("name", "plan"), all_plans(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_one_row_per_action_with_plan_title_and_id(name: str, plan: Plan) -> None:
    rows = rows_of(export_plan(plan, "csv", lang="en"))
    assert [r["Action id"] for r in rows] == [a.id for a in plan.actions]
    assert [r["Action"] for r in rows] == [as_spreadsheet_shows(a.title) for a in plan.actions]
    assert {r["Plan"] for r in rows} <= {as_spreadsheet_shows(plan.title)}
    assert {r["Plan id"] for r in rows} <= {plan.id}


def test_records_end_with_crlf_and_accents_survive() -> None:
    data = export_plan(rich_plan(), "csv", lang="en")
    assert isinstance(data, bytes)
    assert data.count(b"\r\n") == len(rich_plan().actions) + 1
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert "Référentiel d'orientation — été 2027" in data.decode("utf-8")
    row = rows_of(data)[0]
    assert row["Owner"] == "Foyer Étoile"


def test_every_action_field_and_its_latest_review_update() -> None:
    rows = {
        r["Action id"]: r
        for r in rows_of(export_plan(rich_plan(), "csv", lang="en", audience="team"))
    }
    training = rows["a-0002"]
    assert training["Due"] == "2027-02-28"
    assert training["Status"] == "in progress"
    assert training["Kind"] == "systemic"
    assert training["Level"] == "regional"
    # Fields this planwizard does not know are kept in their own columns.
    assert training["budget"] == "1200"
    assert training["tags"] == "formation; accueil"
    # The latest of the two reviews that mention it, not the first.
    assert training["Last review"] == "2027-01-12"
    assert training["Status at last review"] == "in progress"
    assert training["Not done"] == "Deuxième session"
    assert training["Why"] == "Formateur absent"
    assert training["Review note"] == "Reprogrammée en février"
    never_reviewed = rows["a-0004"]
    assert never_reviewed["Due"] == "" and never_reviewed["Last review"] == ""
    assert never_reviewed["budget"] == ""


def test_indicators_one_row_per_reading_and_one_for_an_indicator_never_read() -> None:
    plan = rich_plan()
    rows = rows_of(export_plan(plan, "csv", "indicators", lang="en"))
    assert [(r["Indicator id"], r["Review date"], r["Value"]) for r in rows] == [
        ("i-delai", "2026-11-15", "60"),
        ("i-delai", "2027-01-12", "48"),
        ("i-part", "2027-01-12", "32.5"),
        ("i-libre", "2027-01-12", "17"),
        ("i-jamais", "", ""),
    ]
    first = rows[0]
    assert first["Plan"] == plan.title and first["Plan id"] == plan.id
    assert (first["Unit"], first["Baseline"], first["Target"]) == ("heures", "72", "24")
    assert first["Progress (%)"] == "25"  # 72 -> 60, a quarter of the way down to 24
    assert rows[1]["Note"] == "Relevé de décembre"
    assert rows[3]["Progress (%)"] == ""  # no target, no progress


def test_contract_example_readings() -> None:
    plan = all_plans()[0][1]
    rows = rows_of(export_plan(plan, "csv", "indicators", lang="en"))
    assert [(r["Indicator id"], r["Value"], r["Progress (%)"]) for r in rows] == [
        ("i-orient", "15", "7"),
        ("i-formes", "", ""),
    ]


def test_hostile_cells_cannot_run_as_formulas_and_stay_in_their_cells() -> None:
    plan = hostile_plan()
    for what in ("actions", "indicators"):
        data = export_plan(plan, "csv", what, lang="en")
        assert isinstance(data, bytes)
        assert b"\x1b" not in data and b"\x07" not in data
        rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
        assert len({len(row) for row in rows}) == 1  # no separator broke a row
        for row in rows:
            for value in row:
                assert not value.startswith(FORMULA_STARTS), value
    actions = rows_of(export_plan(plan, "csv", lang="en"))
    assert [r["Action"] for r in actions] == [as_spreadsheet_shows(t) for t in HOSTILE]
    assert actions[0]["Action"] == '\'=HYPERLINK("http://evil.example/x","clic")'
    assert actions[10]["Action"] == "a;b,c;d, e"
    assert actions[9]["Action"] == "first line\nsecond line\n# not a heading"


@given(st.text())
@example("=1+1")
@example("\t=1")
@example('"a","b"\r\n"c"')
def test_any_text_reads_back_as_written(text: str) -> None:
    plan = rich_plan()
    plan.actions[0].strategy = text
    row = rows_of(export_plan(plan, "csv", lang="en"))[0]
    assert row["Strategy"] == as_spreadsheet_shows(text)
    assert row["Strategy"] == text_cell(text)


@pytest.mark.parametrize(
    ("lang", "separator", "figure"), [("fr", ";", "32,5"), ("en", ",", "32.5")]
)
def test_the_separator_and_decimal_mark_a_spreadsheet_of_that_language_expects(
    lang: str, separator: str, figure: str
) -> None:
    data = export_plan(rich_plan(), "csv", "indicators", lang=lang)
    assert isinstance(data, bytes) and data.startswith(BOM)
    text = data[len(BOM) :].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    width = len(rows[0])
    assert width > 5 and all(len(row) == width for row in rows)
    assert any(figure in row for row in rows)
