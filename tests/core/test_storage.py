"""Reading and writing plan files: every bad input named with its line, nothing lost."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path

import pytest

from planwizard import PlanError, dumps_plan, load_plan, new_plan, save_plan
from planwizard.model import Action, Review, new_id
from planwizard.storage import comment_lines, load_folder, write_atomically
from tests.conftest import CONTRACT_EXAMPLE, EXAMPLE_PLANS


def write(tmp_path: Path, text: str | bytes, name: str = "plan.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> PlanError:
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    return caught.value


# ------------------------------------------------------------------- the contract


def test_contract_example_loads_with_every_field() -> None:
    plan = load_plan(CONTRACT_EXAMPLE)
    assert plan.id == "orientation-victimes-7f3a"
    assert plan.created == dt.date(2026, 11, 24)
    assert plan.workshop.participants[-1] == "Association des juristes"
    assert plan.problem.origin == "systemic"
    assert plan.problem.concerns == ["referral", "information-flow", "training"]
    assert plan.problem.scope == "higher-authority"
    assert plan.stakeholders[0].focal_point == "Brigade des mineurs et de la famille"
    assert [a.level for a in plan.actions] == ["local", "regional", "ministerial"]
    assert plan.actions[0].due == dt.date(2027, 1, 31)
    assert plan.documentation.audience == [
        "Partenaires signataires",
        "Direction régionale de la santé",
    ]
    assert plan.indicators[0].baseline == 10 and plan.indicators[0].target == 80
    assert plan.monitoring.cadence == "quarterly"
    review = plan.reviews[0]
    assert review.updates[0].action == "a-3c9e"
    assert review.measurements[0].value == 15


def test_contract_example_saves_every_value(tmp_path: Path) -> None:
    plan = load_plan(CONTRACT_EXAMPLE)
    out = tmp_path / "out.toml"
    save_plan(plan, out)
    original = tomllib.loads(CONTRACT_EXAMPLE.read_text(encoding="utf-8"))
    saved = tomllib.loads(out.read_text(encoding="utf-8"))
    # Only the empty optional values (not_done = "", why = "") are left out.
    del original["reviews"][0]["updates"][0]["not_done"]
    del original["reviews"][0]["updates"][0]["why"]
    assert saved == original


@pytest.mark.parametrize("path", sorted(EXAMPLE_PLANS.glob("*.toml")), ids=lambda p: p.name)
def test_shipped_plans_load_and_are_canonical(path: Path) -> None:
    plan = load_plan(path)
    assert plan.stakeholders and plan.indicators and plan.reviews
    assert len({a.level for a in plan.actions}) >= 3
    assert dumps_plan(plan) == path.read_text(encoding="utf-8")


def test_shipped_plans_cover_both_languages() -> None:
    languages = {load_plan(p).language for p in EXAMPLE_PLANS.glob("*.toml")}
    assert {"fr", "en"} <= languages


# ------------------------------------------------------------------- bad input


def test_missing_file(tmp_path: Path) -> None:
    error = error_of(tmp_path / "nope.toml")
    assert "no such file" in error.render()
    assert error.render().startswith(str(tmp_path / "nope.toml"))


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'schema_version = 1\ntitle = "x"\nowner = = "y"\n')
    error = error_of(path)
    assert error.line == 3
    assert error.render().startswith(f"{path}:3: invalid TOML")


def test_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, 'schema_version = 1\ntitle = "caf\xe9"\n'.encode("latin-1"))
    error = error_of(path)
    assert "not UTF-8" in error.message and error.line == 2


def test_binary_file(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00"))
    assert "binary" in error.message


@pytest.mark.parametrize("text", ["", "   \n\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    assert "empty" in error_of(write(tmp_path, text)).message


def test_git_conflict_markers_are_called_a_merge_conflict(tmp_path: Path) -> None:
    text = (
        'schema_version = 1\ntitle = "x"\n\n[[actions]]\nid = "a-1"\n'
        '<<<<<<< HEAD\ntitle = "ours"\n=======\ntitle = "theirs"\n>>>>>>> branch\n'
    )
    error = error_of(write(tmp_path, text))
    assert error.kind == "git-conflict"
    assert error.line == 6
    assert "merge conflict" in error.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('title = "x"\n', "schema_version"),
        ("schema_version = 1\n", "title is required"),
    ],
)
def test_missing_required_fields(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in error_of(write(tmp_path, text)).message


def test_value_outside_vocabulary_lists_allowed_values(tmp_path: Path) -> None:
    text = CONTRACT_EXAMPLE.read_text(encoding="utf-8").replace(
        'status = "planned"', 'status = "finished"', 1
    )
    path = write(tmp_path, text)
    error = error_of(path)
    expected_line = text.splitlines().index('status = "finished"') + 1
    assert error.line == expected_line
    assert "'finished' is not allowed" in error.message
    assert "planned, in-progress, done, blocked, dropped" in error.message
    assert "a-81d0" in error.message


def test_concern_outside_vocabulary(tmp_path: Path) -> None:
    text = CONTRACT_EXAMPLE.read_text(encoding="utf-8").replace('"training"]', '"budget"]')
    error = error_of(write(tmp_path, text))
    assert "'budget' is not allowed" in error.message
    assert "referral" in error.message
    assert error.line == 21


def test_date_that_is_not_a_date(tmp_path: Path) -> None:
    text = CONTRACT_EXAMPLE.read_text(encoding="utf-8").replace(
        "due = 2027-03-15", 'due = "next spring"'
    )
    error = error_of(write(tmp_path, text))
    assert "'next spring' is not a date" in error.message
    assert error.line == text.splitlines().index('due = "next spring"') + 1


def test_impossible_date_in_toml_syntax(tmp_path: Path) -> None:
    text = CONTRACT_EXAMPLE.read_text(encoding="utf-8").replace(
        "due = 2027-03-15", "due = 2027-02-30"
    )
    error = error_of(write(tmp_path, text))
    assert error.line == text.splitlines().index("due = 2027-02-30") + 1


def test_duplicate_ids(tmp_path: Path) -> None:
    text = CONTRACT_EXAMPLE.read_text(encoding="utf-8").replace('id = "a-81d0"', 'id = "a-3c9e"')
    error = error_of(write(tmp_path, text))
    assert "duplicate id 'a-3c9e'" in error.message
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line == 'id = "a-3c9e"']
    assert error.line == lines[1]  # the second one is the duplicate


def test_review_referring_to_missing_action(tmp_path: Path) -> None:
    text = CONTRACT_EXAMPLE.read_text(encoding="utf-8").replace(
        'action = "a-3c9e"', 'action = "a-gone"'
    )
    error = error_of(write(tmp_path, text))
    assert "action 'a-gone', which is not in the plan" in error.message
    assert error.line == text.splitlines().index('action = "a-gone"') + 1


def test_review_referring_to_missing_indicator(tmp_path: Path) -> None:
    text = CONTRACT_EXAMPLE.read_text(encoding="utf-8").replace(
        'indicator = "i-orient"', 'indicator = "i-gone"'
    )
    error = error_of(write(tmp_path, text))
    assert "indicator 'i-gone'" in error.message


def test_newer_schema_version_is_refused_and_never_rewritten(tmp_path: Path) -> None:
    text = 'schema_version = 2\ntitle = "From the future"\n[shiny]\nnew = true\n'
    path = write(tmp_path, text)
    error = error_of(path)
    assert error.kind == "newer-version"
    assert "newer" in error.message and "update planwizard" in error.message
    assert error.line == 1
    assert path.read_text(encoding="utf-8") == text


def test_every_problem_is_listed(tmp_path: Path) -> None:
    text = CONTRACT_EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('status = "planned"', 'status = "later"').replace(
        'cadence = "quarterly"', 'cadence = "weekly"'
    )
    error = error_of(write(tmp_path, text))
    assert len(error.findings) == 3  # two statuses and the cadence
    assert all(f.line for f in error.findings)


# ------------------------------------------------------------------- unknown fields


def test_unknown_fields_survive_a_save_everywhere(tmp_path: Path) -> None:
    text = (
        CONTRACT_EXAMPLE.read_text(encoding="utf-8")
        .replace("created = 2026-11-24", 'created = 2026-11-24\nsponsor = "UNDP"', 1)
        .replace(
            'owner = "Foyer d\'hébergement"\ndue',
            'owner = "Foyer d\'hébergement"\nbudget = 1200.5\ndue',
            1,
        )
        .replace('note = "Relevé de novembre"', 'note = "Relevé de novembre"\nverified = true')
    )
    text += '\n[[risks_register]]\nid = "k-1"\ntext = "Turnover"\n\n[future.table]\nx = [1, 2]\n'
    path = write(tmp_path, text)
    plan = load_plan(path)
    save_plan(plan, path, drop_comments=True)
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["sponsor"] == "UNDP"
    assert saved["actions"][0]["budget"] == 1200.5
    assert saved["reviews"][0]["measurements"][0]["verified"] is True
    assert saved["risks_register"] == [{"id": "k-1", "text": "Turnover"}]
    assert saved["future"] == {"table": {"x": [1, 2]}}


# ------------------------------------------------------------------- writing


def test_save_is_canonical_and_byte_identical(tmp_path: Path) -> None:
    plan = load_plan(CONTRACT_EXAMPLE)
    first = tmp_path / "a.toml"
    save_plan(plan, first)
    again = load_plan(first)
    second = tmp_path / "b.toml"
    save_plan(again, second)
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8")
    # Dates stay TOML dates, every item is its own table, long text stays multi-line.
    assert "due = 2027-01-31\n" in text
    assert text.count("[[actions]]") == 3
    assert text.count("[[reviews.measurements]]") == 1
    assert 'statement = """\nLes femmes' in text
    assert "not_done" not in text  # empty optional values are left out


def test_keys_follow_the_contract_order(tmp_path: Path) -> None:
    plan = load_plan(CONTRACT_EXAMPLE)
    text = dumps_plan(plan)
    headers = [line for line in text.splitlines() if line.startswith("[")]
    order = [
        "[workshop]",
        "[problem]",
        "[[stakeholders]]",
        "[vision]",
        "[[actions]]",
        "[documentation]",
        "[[indicators]]",
        "[monitoring]",
        "[[reviews]]",
    ]
    firsts = [headers.index(h) for h in order]
    assert firsts == sorted(firsts)
    assert text.splitlines()[:5] == [
        "schema_version = 1",
        'id = "orientation-victimes-7f3a"',
        'title = "Orientation des victimes d\'agression vers les services de soutien"',
        'language = "fr"',
        "created = 2026-11-24",
    ]


def test_new_items_get_distinct_short_ids() -> None:
    # Random ids can meet by chance (24 bits: about 1 in 130 for 500 ids), so a new id
    # is drawn again until it is not among those the plan already has.
    ids: list[str] = []
    for _ in range(500):
        ids.append(new_id("action", ids))
    assert len(set(ids)) == 500
    assert all(i.startswith("a-") and len(i) == 8 for i in ids)
    assert new_id("review").startswith("r-")


def test_new_plan_round_trips(tmp_path: Path) -> None:
    plan = new_plan("Atelier", language="fr", created=dt.date(2027, 1, 15))
    plan.actions.append(Action(title="Écrire la fiche", owner="Foyer", due=dt.date(2027, 2, 1)))
    plan.reviews.append(Review(id=new_id("review"), date=dt.date(2027, 3, 1)))
    path = tmp_path / "new.toml"
    save_plan(plan, path)
    assert load_plan(path) == plan


def test_save_refuses_a_plan_that_would_not_load(tmp_path: Path) -> None:
    plan = load_plan(CONTRACT_EXAMPLE)
    plan.actions[1].id = plan.actions[0].id  # duplicate: would not load again
    path = tmp_path / "plan.toml"
    path.write_text("precious", encoding="utf-8")
    with pytest.raises(PlanError, match="would not load again"):
        save_plan(plan, path)
    assert path.read_text(encoding="utf-8") == "precious"


def test_comments_are_never_dropped_silently(tmp_path: Path) -> None:
    path = tmp_path / "commented.toml"
    path.write_text(CONTRACT_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    plan = load_plan(path)
    plan.title = "Nouveau titre"
    with pytest.raises(PlanError) as caught:
        save_plan(plan, path)
    assert caught.value.kind == "comments"
    assert "comments" in caught.value.message
    assert load_plan(path).title != "Nouveau titre"
    save_plan(plan, path, drop_comments=True)
    assert load_plan(path).title == "Nouveau titre"


def test_comment_scan_ignores_hashes_inside_strings() -> None:
    text = (
        'title = "Plan #3"\nnote = \'#x\'\nx = """\n# not a comment\n"""\n'
        "y = 1 # a comment\n# another\n"
    )
    assert comment_lines(text) == [6, 7]


def test_failed_write_leaves_the_old_plan_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.toml"
    save_plan(load_plan(CONTRACT_EXAMPLE), path)
    before = path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    plan = load_plan(path)
    plan.title = "Changed"
    with pytest.raises(PlanError, match="No space left on device"):
        save_plan(plan, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.toml"]  # no temp file left


def test_crash_during_replace_leaves_old_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.toml"
    path.write_text("old", encoding="utf-8")

    def crash(src: str, dst: str) -> None:
        raise KeyboardInterrupt  # the process is interrupted at the worst moment

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.toml"]


def test_save_keeps_file_permissions(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    save_plan(load_plan(CONTRACT_EXAMPLE), path)
    path.chmod(0o640)
    save_plan(load_plan(path), path)
    assert path.stat().st_mode & 0o777 == 0o640


# ------------------------------------------------------------------- folders


def test_a_broken_file_does_not_stop_the_folder(tmp_path: Path) -> None:
    save_plan(load_plan(CONTRACT_EXAMPLE), tmp_path / "good.toml")
    (tmp_path / "broken.toml").write_text("title = ", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a plan", encoding="utf-8")
    loaded = {item.path.name: item for item in load_folder(tmp_path)}
    assert set(loaded) == {"good.toml", "broken.toml"}
    assert loaded["good.toml"].plan is not None
    broken = loaded["broken.toml"]
    assert broken.plan is None and broken.error is not None
    assert broken.error.line == 1


SAVE_LOOP = """
import sys
from planwizard import load_plan, save_plan
first = load_plan(sys.argv[1])
second = first.model_copy(deep=True)
second.title = "Second version " + "x" * 5000
target = sys.argv[2]
n = 0
while True:
    save_plan(second if n % 2 else first, target)
    n += 1
    print(n, flush=True)
"""


def test_killing_a_saving_process_leaves_one_whole_plan(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    target = tmp_path / "plan.toml"
    save_plan(load_plan(CONTRACT_EXAMPLE), target)
    first_text = target.read_text(encoding="utf-8")
    for stop_after in (3, 17, 40):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVE_LOOP, str(CONTRACT_EXAMPLE), str(target)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        for _ in range(stop_after):
            child.stdout.readline()
        child.send_signal(signal.SIGKILL)  # no cleanup, as in a power cut of the process
        child.wait()
        plan = load_plan(target)
        assert plan.title.startswith(("Second version", "Orientation"))
        if plan.title.startswith("Orientation"):
            assert target.read_text(encoding="utf-8") == first_text


def test_save_refuses_text_that_would_not_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The writer's text for a table is read back before anything is written: text that
    # reads back as other values (here, a writer that drops an action's title) is refused,
    # even for a table written correctly before.
    import planwizard.plantext as plantext

    plan = load_plan(CONTRACT_EXAMPLE)
    path = tmp_path / "plan.toml"
    save_plan(plan, path)
    before = path.read_text(encoding="utf-8")
    real_dumps = plantext.dumps_literals

    def lossy(data: dict[str, object]) -> str:
        return real_dumps({k: v for k, v in data.items() if k != "title"})

    monkeypatch.setattr(plantext, "dumps_literals", lossy)
    plan.actions[0].title = "Changed"
    with pytest.raises(PlanError, match="does not read back the same"):
        save_plan(plan, path)
    assert path.read_text(encoding="utf-8") == before


def test_save_refuses_text_that_would_not_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planwizard.plantext as plantext

    plan = load_plan(CONTRACT_EXAMPLE)
    plan.actions[0].title = "Never written before"
    path = tmp_path / "plan.toml"
    path.write_text("precious", encoding="utf-8")
    monkeypatch.setattr(plantext, "dumps_literals", lambda data: "title = \n")
    with pytest.raises(PlanError, match="internal TOML error"):
        save_plan(plan, path)
    assert path.read_text(encoding="utf-8") == "precious"
