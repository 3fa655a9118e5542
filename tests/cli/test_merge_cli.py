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
        shutil.copy(CANONICAL, path)
    return paths


# The contract without its comments, as the app writes it: the driver keeps hand-written
# comments by merging line by line (issue 12), which the tests below are not about.
CANONICAL = Path(__file__).resolve().parents[1] / "data" / "plan-format-example.canonical.toml"


@pytest.fixture
def commented(tmp_path: Path) -> dict[str, Path]:
    """base, ours and theirs: three copies of the contract's example, comments and all."""
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
    assert output == ""
    plan = load_plan(sides["ours"])
    assert plan.action("a-3c9e").owner == "Centre de santé"  # type: ignore[union-attr]
    assert str(plan.action("a-81d0").due) == "2027-04-15"  # type: ignore[union-attr]
    assert plan.conflicts == []


def test_hand_written_comments_are_kept_by_a_clean_line_merge(
    commented: dict[str, Path],
) -> None:
    edit(commented["ours"], 'owner = "Foyer d\'hébergement"', 'owner = "Centre de santé"')
    edit(commented["theirs"], "due = 2027-03-15", "due = 2027-04-15")
    edit(commented["theirs"], "[workshop]", "# Added by the partner\n[workshop]")
    code, output = merge(commented)
    # Issue 12: comments are kept (git's line merge, clean and meaning the same as the
    # merge by meaning), where the driver used to drop them with a note.
    assert (code, output) == (0, "")
    text = commented["ours"].read_text(encoding="utf-8")
    assert "# Added by the partner\n[workshop]" in text
    assert text.count("#") == CONTRACT.read_text(encoding="utf-8").count("#") + 1
    plan = load_plan(commented["ours"])
    assert plan.action("a-3c9e").owner == "Centre de santé"  # type: ignore[union-attr]
    assert str(plan.action("a-81d0").due) == "2027-04-15"  # type: ignore[union-attr]


def test_comments_stay_in_place_beside_a_recorded_conflict(commented: dict[str, Path]) -> None:
    edit(commented["ours"], 'status = "in-progress"', 'status = "done"  # said Awa')
    edit(commented["theirs"], 'status = "in-progress"', 'status = "blocked"')
    code, output = merge(commented)
    assert code == 1
    assert 'unresolved merge conflict at actions.a-3c9e.status: ours "done"' in output
    text = commented["ours"].read_text(encoding="utf-8")
    # Each comment is kept where it belongs by meaning: ours' new one on its line, the
    # contract's own ones at their keys.
    assert 'status = "done"  # said Awa' in text
    assert 'cadence = "quarterly"  # monthly | quarterly | half-yearly | yearly' in text
    assert load_plan(commented["ours"]).conflicts[0].value("theirs") == "blocked"


def test_a_comment_without_a_reliable_place_falls_back_to_the_line_merge(
    commented: dict[str, Path],
) -> None:
    # A comment inside a list spread over lines has no key of its own.
    edit(
        commented["ours"],
        'facilitators = ["Awa Diallo"]',
        'facilitators = [\n  "Awa Diallo",  # until March\n]',
    )
    edit(commented["ours"], 'status = "in-progress"', 'status = "done"')
    edit(commented["theirs"], 'status = "in-progress"', 'status = "blocked"')
    code, output = merge(commented)
    assert code == 1
    assert "merged line by line to keep hand-written comments, with 1 conflict marked" in output
    text = commented["ours"].read_text(encoding="utf-8")
    assert '"Awa Diallo",  # until March' in text
    assert 'status = "done"' in text and 'status = "blocked"' in text
    assert run("check", commented["ours"])[0] == 1


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


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_a_side_without_its_schema_version_line_never_exits_0(
    sides: dict[str, Path], side: str
) -> None:
    edit(sides[side], "schema_version = 1\n", "")
    other = "theirs" if side == "ours" else "ours"
    edit(sides[other], "target = 80", "target = 90")
    code, output = merge(sides)
    assert code == 1
    assert f"plans/p.toml ({side}): `schema_version` is missing" in output
    assert "merged line by line instead: check the result, then `git add` the file" in output
    text = sides["ours"].read_text(encoding="utf-8")
    assert "target = 90" in text and "schema_version" not in text


def test_two_different_plans_under_one_file_name_are_never_fused(
    sides: dict[str, Path],
) -> None:
    # Two laptops each created a plan called "Referral" in the same file: git gives no base.
    sides["base"].unlink()
    edit(sides["ours"], 'id = "orientation-victimes-7f3a"', 'id = "plan-aaaaaa"')
    edit(sides["theirs"], 'id = "orientation-victimes-7f3a"', 'id = "plan-bbbbbb"')
    edit(sides["theirs"], "target = 80", "target = 90")
    code, output = merge(sides)
    assert code == 1
    assert "two different plans (ids plan-aaaaaa and plan-bbbbbb)" in output
    text = sides["ours"].read_text(encoding="utf-8")
    assert "<<<<<<<" in text and "plan-aaaaaa" in text and "plan-bbbbbb" in text
    assert run("check", sides["ours"])[0] == 1


MODULES_LOADED = """
import runpy, sys
sys.argv = ["planwizard", "merge", *sys.argv[1:]]
try:
    runpy.run_module("planwizard", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code
heavy = sorted(m for m in ("pydantic", "textual", "planwizard.model") if m in sys.modules)
print(code, ",".join(heavy) or "-", file=sys.stderr)
"""


def test_a_clean_merge_loads_neither_the_plan_model_nor_the_tui(sides: dict[str, Path]) -> None:
    import subprocess
    import sys

    edit(sides["ours"], 'owner = "Foyer d\'hébergement"', 'owner = "Centre de santé"')
    edit(sides["theirs"], "due = 2027-03-15", "due = 2027-04-15")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            MODULES_LOADED,
            *(str(sides[s]) for s in ("base", "ours", "theirs")),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.stderr.strip().splitlines()[-1] == "0 -"
    plan = load_plan(sides["ours"])
    assert plan.action("a-3c9e").owner == "Centre de santé"  # type: ignore[union-attr]
    assert str(plan.action("a-81d0").due) == "2027-04-15"  # type: ignore[union-attr]
    # The same bytes as a save by the app: canonical without the model.
    from planwizard.storage import dumps_plan

    assert sides["ours"].read_text(encoding="utf-8") == dumps_plan(plan)
    # A conflict is recorded and described without them too.
    edit(sides["theirs"], 'owner = "Foyer d\'hébergement"', 'owner = "Police"')
    sides["base"].write_text(CANONICAL.read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            MODULES_LOADED,
            *(str(sides[s]) for s in ("base", "ours", "theirs")),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.stderr.strip().splitlines()[-1] == "1 -"
    assert 'ours "Centre de santé", theirs "Police"' in done.stdout
    assert load_plan(sides["ours"]).conflicts[0].value("theirs") == "Police"
