"""`planwizard merge BASE OURS THEIRS` on files, and `check` on a merged plan."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from planwizard.cli import main
from planwizard.storage import load_plan

CONTRACT = Path(__file__).resolve().parents[1] / "data" / "plan-format-example.toml"


def run(*argv: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(a) for a in argv], out=out)
    return code, out.getvalue()


@pytest.fixture
def sides(tmp_path: Path) -> dict[str, Path]:
    """base, ours and theirs: three copies of the contract's example plan."""
    paths = {side: tmp_path / f"{side}.toml" for side in ("base", "ours", "theirs")}
    for path in paths.values():
        shutil.copy(CONTRACT, path)
    return paths


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def merge(sides: dict[str, Path]) -> tuple[int, str]:
    return run("merge", sides["base"], sides["ours"], sides["theirs"], "--name", "plans/p.toml")


def test_a_clean_merge_writes_both_edits_into_ours_and_exits_0(sides: dict[str, Path]) -> None:
    edit(sides["ours"], 'owner = "Foyer d\'hébergement"', 'owner = "Centre de santé"')
    edit(sides["theirs"], "due = 2027-03-15", "due = 2027-04-15")
    code, output = merge(sides)
    assert code == 0
    # The contract's comments cannot survive a canonical write: the user is told.
    assert output == "plans/p.toml: hand-written comments in our copy are not kept by a merge\n"
    plan = load_plan(sides["ours"])
    assert plan.action("a-3c9e").owner == "Centre de santé"  # type: ignore[union-attr]
    assert str(plan.action("a-81d0").due) == "2027-04-15"  # type: ignore[union-attr]
    assert plan.conflicts == []


def test_the_same_field_edited_on_both_sides_exits_1_and_check_names_it(
    sides: dict[str, Path],
) -> None:
    edit(sides["ours"], 'status = "in-progress"', 'status = "done"')
    edit(sides["theirs"], 'status = "in-progress"', 'status = "blocked"')
    code, output = merge(sides)
    assert code == 1
    message = 'unresolved merge conflict at actions.a-3c9e.status: ours "done", theirs "blocked"'
    assert f"plans/p.toml: {message}" in output
    plan = load_plan(sides["ours"])
    assert plan.action("a-3c9e").status == "done"  # type: ignore[union-attr]
    assert (plan.conflicts[0].value("ours"), plan.conflicts[0].value("theirs")) == (
        "done",
        "blocked",
    )
    code, output = run("check", sides["ours"])
    assert code == 1
    lines = sides["ours"].read_text().splitlines()
    reported = next(line for line in output.splitlines() if "unresolved merge conflict" in line)
    where, _sep, said = reported.partition(": ")
    assert said == message
    line_number = int(where.rsplit(":", 1)[1])
    assert lines[line_number - 1] == 'path = "actions.a-3c9e.status"'


@pytest.mark.parametrize("base_content", [None, b"", b"\n  \n"])
def test_a_missing_or_empty_base_is_an_empty_plan(
    sides: dict[str, Path], base_content: bytes | None
) -> None:
    if base_content is None:
        sides["base"].unlink()
    else:
        sides["base"].write_bytes(base_content)
    edit(sides["theirs"], 'name = "Agents', 'name = "Tous les agents')
    code, output = merge(sides)
    assert code == 1
    assert "unresolved merge conflict at indicators.i-formes.name" in output
    plan = load_plan(sides["ours"])
    assert [a.id for a in plan.actions] == ["a-3c9e", "a-81d0", "a-f412"]


def test_a_base_that_does_not_load_is_merged_as_empty_with_a_note(sides: dict[str, Path]) -> None:
    sides["base"].write_text("this is [not toml\n")
    edit(sides["theirs"], "target = 80", "target = 90")
    code, output = merge(sides)
    assert code == 1
    assert "the common ancestor does not load" in output
    assert load_plan(sides["ours"]).indicator("i-orient").target == 80  # type: ignore[union-attr]


def test_a_side_that_is_not_a_plan_is_named_and_merged_line_by_line(
    sides: dict[str, Path],
) -> None:
    edit(sides["ours"], 'status = "in-progress"', 'status = "done"')
    edit(sides["theirs"], 'status = "in-progress"', 'status = "finished"')  # not allowed
    code, output = merge(sides)
    assert code == 1
    first = output.splitlines()[0]
    assert first.startswith("plans/p.toml (theirs):")
    assert "'finished' is not allowed" in first
    assert "merged line by line instead, with 1 conflict marked in the file" in output
    code, output = run("check", sides["ours"])
    assert code == 1
    assert "unresolved git merge conflict" in output


def test_a_toml_file_that_is_not_a_plan_gets_the_usual_line_merge(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / f"{n}.toml" for n in ("base", "ours", "theirs"))
    base.write_text('[tool]\nname = "x"\n\n\n\nversion = "1"\n')
    ours.write_text('[tool]\nname = "y"\n\n\n\nversion = "1"\n')
    theirs.write_text('[tool]\nname = "x"\n\n\n\nversion = "2"\n')
    code, _output = run("merge", base, ours, theirs)
    assert code == 0
    assert ours.read_text() == '[tool]\nname = "y"\n\n\n\nversion = "2"\n'


def test_when_nothing_can_be_merged_ours_is_left_as_it_was(
    sides: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(sides["base"].parent / "no-git-here"))
    sides["theirs"].write_bytes(b"\x00binary")
    before = sides["ours"].read_bytes()
    code, output = merge(sides)
    assert code == 2
    assert "plans/p.toml (theirs): this is a binary file, not a TOML plan" in output
    assert "not merged; our copy is left as it was" in output
    assert sides["ours"].read_bytes() == before


def test_a_conflict_left_in_a_plan_merges_again_without_being_lost(
    sides: dict[str, Path],
) -> None:
    edit(sides["ours"], "target = 80", "target = 85")
    edit(sides["theirs"], "target = 80", "target = 90")
    assert merge(sides)[0] == 1
    # ours, with its recorded conflict, is merged again with an unrelated edit.
    shutil.copy(CONTRACT, sides["base"])
    shutil.copy(CONTRACT, sides["theirs"])
    edit(sides["theirs"], "baseline = 0", "baseline = 2")
    assert merge(sides)[0] == 0
    plan = load_plan(sides["ours"])
    assert plan.indicator("i-formes").baseline == 2  # type: ignore[union-attr]
    assert [(c.path, c.value("theirs")) for c in plan.conflicts] == [
        ("indicators.i-orient.target", 90)
    ]


def test_a_merge_that_would_not_load_writes_nothing_by_meaning_and_says_why(
    sides: dict[str, Path],
) -> None:
    # Ours adds an action, theirs an indicator, with the same id: the two cannot share it.
    edit(
        sides["ours"], "[documentation]", '[[actions]]\nid = "x-1"\ntitle = "A"\n\n[documentation]'
    )
    edit(sides["theirs"], "[monitoring]", '[[indicators]]\nid = "x-1"\nname = "B"\n\n[monitoring]')
    code, output = merge(sides)
    assert code == 1
    first, second = output.splitlines()[:2]
    assert first.startswith("plans/p.toml: the merged plan would not load (duplicate id 'x-1'")
    assert second.startswith("plans/p.toml:") and "duplicate id 'x-1'" in second
    # The line merge kept both additions; check points at the clash.
    code, output = run("check", sides["ours"])
    assert code == 1
    assert "duplicate id 'x-1'" in output
