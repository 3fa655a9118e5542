"""`planwizard check` and `planwizard fmt`, as a facilitator or a pre-commit hook runs them."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planwizard.cli import main
from planwizard.storage import load_plan
from tests.conftest import CONTRACT_EXAMPLE, EXAMPLE_PLANS


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for plan in EXAMPLE_PLANS.glob("*.toml"):
        shutil.copy(plan, tmp_path / plan.name)
    return tmp_path


def test_check_passes_on_the_shipped_plans() -> None:
    code, output = run("check", str(EXAMPLE_PLANS))
    assert code == 0
    assert "4 plans checked: 0 errors, " in output


def test_check_reports_each_problem_as_path_line_message(folder: Path) -> None:
    broken = folder / "broken.toml"
    broken.write_text('schema_version = 1\ntitle = "x"\n[problem]\norigin = "both"\n')
    code, output = run("check", str(folder))
    assert code == 1
    assert (
        f"{broken}:4: problem origin: 'both' is not allowed; use one of: single-case, systemic"
        in (output)
    )
    assert "5 plans checked: 1 error, " in output


def test_check_warns_about_incomplete_plans_without_failing(tmp_path: Path) -> None:
    plan = tmp_path / "draft.toml"
    plan.write_text(
        'schema_version = 1\ntitle = "Draft"\n\n[[actions]]\nid = "a-000001"\ntitle = "Call"\n'
    )
    code, output = run("check", str(plan))
    assert code == 0
    assert f"{plan}:5: warning: action “Call” has no owner" in output
    assert f"{plan}: warning: no success indicator yet" in output


def test_check_names_a_missing_file(tmp_path: Path) -> None:
    code, output = run("check", str(tmp_path / "absent.toml"))
    assert code == 1
    assert f"{tmp_path / 'absent.toml'}: no such file or folder" in output


def test_check_in_a_real_process_never_prints_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "bin.toml").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin.toml").write_bytes('title = "é"'.encode("latin-1"))
    result = subprocess.run(
        [sys.executable, "-m", "planwizard", "check", str(tmp_path), str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "binary file" in result.stdout and "not UTF-8" in result.stdout


def test_fmt_check_flags_a_non_canonical_plan_and_changes_nothing(folder: Path) -> None:
    messy = folder / "messy.toml"
    messy.write_text('title = "Messy"\nschema_version = 1\n')
    before = messy.read_bytes()
    code, output = run("fmt", "--check", str(folder))
    assert code == 1
    assert f"{messy}: not in canonical form" in output
    assert messy.read_bytes() == before


def test_fmt_rewrites_canonically_then_check_passes(folder: Path) -> None:
    messy = folder / "messy.toml"
    messy.write_text('title = "Messy"\nschema_version = 1\nlegacy_field = "kept"\n')
    code, output = run("fmt", str(folder))
    assert code == 0
    assert f"{messy}: formatted" in output
    assert messy.read_text().startswith('schema_version = 1\nid = "plan-')
    assert 'legacy_field = "kept"' in messy.read_text()
    assert run("fmt", "--check", str(folder))[0] == 0


def test_fmt_does_not_drop_comments_without_asking(tmp_path: Path) -> None:
    plan = tmp_path / "commented.toml"
    shutil.copy(CONTRACT_EXAMPLE, plan)
    before = plan.read_bytes()
    code, output = run("fmt", str(plan))
    assert code == 1
    assert "--drop-comments" in output
    assert plan.read_bytes() == before
    assert run("fmt", "--drop-comments", str(plan))[0] == 0
    assert "#" not in plan.read_text()


def test_fmt_refuses_a_newer_format_without_touching_it(tmp_path: Path) -> None:
    plan = tmp_path / "future.toml"
    plan.write_text('schema_version = 3\ntitle = "Future"\nhologram = true\n')
    before = plan.read_bytes()
    code, output = run("fmt", str(plan))
    assert code == 1
    assert "newer" in output
    assert plan.read_bytes() == before


@pytest.mark.parametrize(
    "argv",
    [
        ["--today", "2030-06-01", "check", str(EXAMPLE_PLANS)],
        ["check", "--today", "2030-06-01", str(EXAMPLE_PLANS)],
    ],
)
def test_today_is_taken_before_or_after_the_subcommand(argv: list[str]) -> None:
    from planwizard import clock

    assert run(*argv)[0] == 0
    assert clock.today().isoformat() == "2030-06-01"


def test_a_bad_today_is_a_clear_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--today", "tomorrow", "check"])
    assert caught.value.code == 2
    assert "'tomorrow' is not a date" in capsys.readouterr().err


# ----------------------------------------------------------------------- ids (issue 12)

HAND_WRITTEN = (
    'schema_version = 1\ntitle = "Referral"\n\n'
    '[[actions]]\ntitle = "Draft the form"\nowner = "Shelter"\n\n'
    '[[actions]]\nid = ""\ntitle = "Train the desk"\n\n'
    '[[actions]]\ntitle = "Draft the form"\n\n'
    '[[indicators]]\nname = "Referrals"\n\n'
    '[[stakeholders]]\nname = "Police"\n'
)


def test_fmt_gives_hand_written_items_ids_that_settle_and_match_on_every_machine(
    tmp_path: Path,
) -> None:
    laptops = [tmp_path / "awa" / "p.toml", tmp_path / "ben" / "p.toml"]
    for path in laptops:
        path.parent.mkdir()
        path.write_text(HAND_WRITTEN, encoding="utf-8")
        assert run("fmt", str(path))[0] == 0
    first = laptops[0].read_bytes()
    assert laptops[1].read_bytes() == first  # two laptops, the same ids
    assert run("fmt", str(laptops[0]))[0] == 0
    assert laptops[0].read_bytes() == first  # fmt settles
    plan = load_plan(laptops[0])
    ids = [a.id for a in plan.actions]
    assert len(set(ids)) == 3 and all(i.startswith("a-") and len(i) == 8 for i in ids)
    assert plan.id.startswith("plan-")
    assert plan.indicators[0].id.startswith("i-") and plan.stakeholders[0].id.startswith("s-")


def test_copies_formatted_apart_then_merged_do_not_double_items(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / f"{n}.toml" for n in ("base", "ours", "theirs"))
    for path in (base, ours, theirs):
        path.write_text(HAND_WRITTEN, encoding="utf-8")
    # Ours ran fmt and then edited; theirs edited the hand-written text and never ran fmt.
    assert run("fmt", str(ours))[0] == 0
    ours.write_text(ours.read_text().replace('owner = "Shelter"', 'owner = "Police"'))
    theirs.write_text(
        theirs.read_text().replace('name = "Referrals"', 'name = "Referrals"\nunit = "%"')
    )
    code, output = run("merge", str(base), str(ours), str(theirs))
    assert (code, output) == (0, "")
    plan = load_plan(ours)
    assert [a.title for a in plan.actions] == ["Draft the form", "Train the desk", "Draft the form"]
    assert plan.actions[0].owner == "Police"
    assert [(i.name, i.unit) for i in plan.indicators] == [("Referrals", "%")]


def test_check_points_each_of_many_warnings_at_its_action(tmp_path: Path) -> None:
    """200 actions without owner or date: 400 warnings, each at its own action's line."""
    lines = ["schema_version = 1", 'title = "Many gaps"']
    expected = []
    plan = tmp_path / "gaps.toml"
    for n in range(200):
        lines += ["", "[[actions]]", f'id = "a-{n:06x}"', f'title = "Call {n}"']
        where = f"{plan}:{len(lines) - 1}: warning: action “Call {n}”"
        expected += [f"{where} has no owner", f"{where} has no due date"]
    plan.write_text("\n".join(lines) + "\n")
    code, output = run("check", str(plan))
    assert code == 0
    assert [line for line in output.splitlines() if "action “" in line] == expected
    assert "1 plan checked: 0 errors, " in output
