"""The one entry point the command line and the app call: formats, output names, language."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwizard.exports import (
    ExportError,
    default_output_path,
    export_bytes,
    export_plan,
    write_export,
)
from planwizard.exports.labels import format_date, format_number, iso_date
from planwizard.i18n import current_language, format_percent, set_language
from tests.export_samples import rich_plan


@pytest.mark.parametrize(
    ("fmt", "what", "name"),
    [
        ("md", "actions", "plan.md"),
        ("html", "actions", "plan.html"),
        ("csv", "actions", "plan.csv"),
        ("csv", "indicators", "plan-indicators.csv"),
        ("ics", "actions", "plan.ics"),
    ],
)
def test_default_output_is_the_exports_folder_beside_the_plan(
    fmt: str, what: str, name: str
) -> None:
    expected = Path("plans/sub/exports") / name
    assert default_output_path(Path("plans/sub/plan.toml"), fmt, what) == expected


def test_text_formats_give_text_and_csv_gives_bytes() -> None:
    plan = rich_plan()
    assert isinstance(export_plan(plan, "md", lang="en"), str)
    assert isinstance(export_plan(plan, "html", lang="en"), str)
    assert isinstance(export_plan(plan, "ics", lang="en"), str)
    assert isinstance(export_plan(plan, "csv", lang="en"), bytes)
    assert export_bytes(plan, "md", lang="en") == str(export_plan(plan, "md", lang="en")).encode(
        "utf-8"
    )


@pytest.mark.parametrize(("fmt", "what"), [("pdf", "actions"), ("md", "indicators"), ("csv", "x")])
def test_an_impossible_request_is_refused_in_plain_words(fmt: str, what: str) -> None:
    with pytest.raises(ExportError) as caught:
        export_plan(rich_plan(), fmt, what, lang="en")
    assert fmt in str(caught.value) or what in str(caught.value)


def test_language_switch_is_undone_even_when_the_export_fails() -> None:
    with pytest.raises(ExportError):
        export_plan(rich_plan(), "nope", lang="fr")
    export_plan(rich_plan(), "md", lang="fr")
    assert current_language() == "en"


def test_figures_and_dates_are_written_one_way() -> None:
    import datetime as dt

    assert format_date(dt.date(2027, 3, 15)) == "15 Mar 2027"
    assert format_date(None) == ""
    assert iso_date(dt.date(2027, 3, 15)) == "2027-03-15"
    assert (format_number(15.0), format_number(12.5), format_number(None)) == ("15", "12.5", "")
    assert (format_percent(0.071), format_percent(1.25), format_percent(None)) == ("7%", "125%", "")


def test_write_export_makes_the_exports_folder(tmp_path: Path) -> None:
    plan_path = tmp_path / "plan.toml"
    written = write_export(rich_plan(), plan_path, "csv", "indicators", lang="en")
    assert written == tmp_path / "exports" / "plan-indicators.csv"
    assert write_export(rich_plan(), plan_path, "md") == tmp_path / "exports" / "plan.md"
    assert written.read_bytes() == export_bytes(rich_plan(), "csv", "indicators", lang="en")


def test_write_export_never_replaces_the_plan(tmp_path: Path) -> None:
    plan_path = tmp_path / "plan.md"
    plan_path.write_text("the plan")
    with pytest.raises(ExportError, match="plan itself"):
        write_export(rich_plan(), plan_path, "md", output=plan_path, lang="en")
    with pytest.raises(ExportError, match="plan itself"):
        write_export(rich_plan(), plan_path, "html", output=tmp_path / "." / "plan.md", lang="en")
    assert plan_path.read_text() == "the plan"


def test_write_export_failure_names_the_file(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "out.ics"
    with pytest.raises(ExportError) as caught:
        write_export(rich_plan(), tmp_path / "plan.toml", "ics", output=target, lang="en")
    assert str(target) in str(caught.value)
    assert not target.exists()


def test_readers_get_dates_in_their_language_and_machines_get_iso() -> None:
    import datetime as dt

    set_language("fr")
    assert format_date(dt.date(2027, 3, 15)) == "15 mars 2027"
    assert iso_date(dt.date(2027, 3, 15)) == "2027-03-15"
    plan = rich_plan()
    report = str(export_plan(plan, "md", lang="fr"))
    assert "Revue du 15 décembre 2026" in report
    # Spreadsheet cells and calendar UIDs stay ISO whatever the language.
    spreadsheet = bytes(export_plan(plan, "csv", lang="fr")).decode("utf-8-sig")
    assert "2027-01-10" in spreadsheet and "janv" not in spreadsheet
    assert "UID:review-2026-11-15.plan-rich-01@planwizard" in str(
        export_plan(plan, "ics", lang="fr")
    )


def test_exports_never_go_through_a_symbolic_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "exports").symlink_to(elsewhere)
    with pytest.raises(ExportError, match="symbolic link"):
        write_export(rich_plan(), plans / "plan.toml", "md")
    assert not list(elsewhere.iterdir())
    (plans / "exports").unlink()
    (plans / "exports").write_text("a file, not a folder")
    with pytest.raises(ExportError, match="exports"):
        write_export(rich_plan(), plans / "plan.toml", "md")
