"""Sharing plans over git as a team does (issue 12): a bare repository as the server, two
clones, the installed driver; each scenario an edit that used to be lost."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from planwizard.cli import main
from planwizard.model import Plan
from planwizard.storage import dumps_plan, load_plan, save_plan

CANONICAL = Path(__file__).resolve().parents[1] / "data" / "plan-format-example.canonical.toml"
CONTRACT = Path(__file__).resolve().parents[1] / "data" / "plan-format-example.toml"
PLAN = "plans/referral.toml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def run(*argv: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(a) for a in argv], out=out)
    return code, out.getvalue()


def git(
    repo: Path, *args: str, check: bool = True, author: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if author:
        env.update(GIT_AUTHOR_NAME=author, GIT_COMMITTER_NAME=author)
    done = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=False, timeout=60, env=env
    )
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {done.stdout}{done.stderr}")
    return done


@pytest.fixture
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    for key, value in {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Awa",
        "GIT_AUTHOR_EMAIL": "awa@example.org",
        "GIT_COMMITTER_NAME": "Awa",
        "GIT_COMMITTER_EMAIL": "awa@example.org",
        "PLANWIZARD_LANG": "en",
    }.items():
        monkeypatch.setenv(key, value)
    return tmp_path


class Clone:
    """One facilitator's laptop: a clone of the server with the driver installed."""

    def __init__(self, root: Path, name: str) -> None:
        self.root = root
        self.name = name

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return git(self.root, *args, check=check, author=self.name)

    @property
    def plan_path(self) -> Path:
        return self.root / PLAN

    def plan(self) -> Plan:
        return load_plan(self.plan_path)

    def change(self, edit: Callable[[Plan], None], message: str = "edit") -> None:
        plan = self.plan()
        edit(plan)
        save_plan(plan, self.plan_path)
        self.commit(message)

    def write(self, text: str, path: str = PLAN, message: str = "edit") -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self.commit(message)

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        # --no-verify: these scenarios are about the driver, and a partner may commit a
        # recorded conflict from a clone without the commit guard (tests/cli/test_sync.py
        # and the guard's own tests cover the guard).
        self.git("commit", "--no-verify", "-qm", message)

    def pull(self) -> subprocess.CompletedProcess[str]:
        return self.git("pull", "--no-rebase", "--no-edit", "-q", check=False)

    def push(self) -> None:
        self.git("push", "-q")


def make_team(base: Path, text: str, count: int = 2) -> list[Clone]:
    """A bare server holding `text` as PLAN and `count` clones with the driver set up."""
    server = base / "server.git"
    git(base, "-c", "init.defaultBranch=main", "init", "-q", "--bare", str(server))
    first = base / "clone0"
    git(base, "clone", "-q", str(server), str(first))
    (first / "plans").mkdir()
    (first / PLAN).write_text(text, encoding="utf-8")
    assert run("git-setup", first)[0] == 0
    git(first, "add", "-A")
    git(first, "commit", "-qm", "A plan, merged by planwizard")
    git(first, "push", "-q", "origin", "HEAD:main")
    clones = [Clone(first, "Awa")]
    for n in range(1, count):
        root = base / f"clone{n}"
        git(base, "clone", "-q", str(server), str(root))
        assert run("git-setup", root)[0] == 0
        clones.append(Clone(root, ["Awa", "Ben", "Chloé"][n % 3]))
    return clones


@pytest.fixture
def team(isolated_git: Path) -> list[Clone]:
    return make_team(isolated_git, CANONICAL.read_text(encoding="utf-8"))


def action_ids(plan: Plan) -> list[str]:
    return [a.id for a in plan.actions]


# ----------------------------------------------------------------------- scenarios


def test_a_reorder_pushed_by_one_survives_a_partners_pull(team: list[Clone]) -> None:
    awa, ben = team

    def move_last_to_top(plan: Plan) -> None:
        plan.actions.insert(0, plan.actions.pop())

    awa.change(move_last_to_top, "a-f412 first")
    awa.push()

    def strategy(plan: Plan) -> None:
        plan.actions[0].strategy = "Start with the chief"

    ben.change(strategy)
    assert ben.pull().returncode == 0
    plan = ben.plan()
    assert action_ids(plan) == ["a-f412", "a-3c9e", "a-81d0"]
    assert plan.action("a-3c9e").strategy == "Start with the chief"  # type: ignore[union-attr]


def test_one_conflict_settled_two_ways_on_two_laptops_conflicts_again(
    team: list[Clone],
) -> None:
    awa, ben = team

    def owner(name: str) -> Callable[[Plan], None]:
        def edit(plan: Plan) -> None:
            plan.actions[1].owner = name

        return edit

    awa.change(owner("Police"))
    awa.push()
    ben.change(owner("Health centre"))
    assert ben.pull().returncode != 0  # a recorded conflict
    assert [c.path for c in ben.plan().conflicts] == ["actions.a-81d0.owner"]
    ben.commit("merged, conflict left for later")
    ben.push()
    assert awa.pull().returncode == 0

    def settle(keep: str) -> Callable[[Plan], None]:
        def edit(plan: Plan) -> None:
            plan.actions[1].owner = keep
            plan.conflicts = []

        return edit

    held = ben.plan().actions[1].owner
    other = "Police" if held == "Health centre" else "Health centre"
    awa.change(settle(held), "keep the value the plan held")
    awa.push()
    ben.change(settle(other), "keep the other value")
    pulled = ben.pull()
    assert pulled.returncode != 0, pulled.stdout + pulled.stderr
    assert "unresolved merge conflict at actions.a-81d0.owner" in pulled.stdout + pulled.stderr
    conflict = ben.plan().conflicts[0]
    assert {conflict.value("ours"), conflict.value("theirs")} == {held, other}


def test_a_criss_cross_merge_of_two_settlements_conflicts_again(isolated_git: Path) -> None:
    (awa,) = make_team(isolated_git, CANONICAL.read_text(encoding="utf-8"), count=1)

    def due(day: int) -> Callable[[Plan], None]:
        def edit(plan: Plan) -> None:
            plan.actions[0].due = dt.date(2027, 5, day)
            plan.conflicts = []

        return edit

    awa.git("checkout", "-q", "-b", "long")
    awa.change(due(2), "long: due on the 2nd")
    awa.git("checkout", "-q", "main")
    awa.change(due(1), "main: due on the 1st")
    main1, long1 = (awa.git("rev-parse", ref).stdout.strip() for ref in ("main", "long"))
    # Both branches merge each other: two merge commits with the conflict recorded.
    assert awa.git("merge", "-q", "--no-edit", long1, check=False).returncode != 0
    awa.commit("main: merged long, conflict left")
    awa.git("checkout", "-q", "long")
    assert awa.git("merge", "-q", "--no-edit", main1, check=False).returncode != 0
    awa.commit("long: merged main, conflict left")
    awa.change(due(2), "long settles on the 2nd")
    awa.git("checkout", "-q", "main")
    awa.change(due(1), "main settles on the 1st")
    merged = awa.git("merge", "--no-edit", "-s", "recursive", "long", check=False)
    assert merged.returncode != 0, merged.stdout + merged.stderr
    paths = [c.path for c in awa.plan().conflicts]
    assert "actions.a-3c9e.due" in paths


def test_a_copy_without_schema_version_never_merges_silently(team: list[Clone]) -> None:
    awa, ben = team
    awa.write(awa.plan_path.read_text().replace("schema_version = 1\n", ""), message="oops")
    awa.push()

    def edit(plan: Plan) -> None:
        plan.title = "Referral, revised"

    ben.change(edit)
    pulled = ben.pull()
    assert pulled.returncode != 0
    assert "`schema_version` is missing" in pulled.stdout + pulled.stderr
    assert "Unmerged" in ben.git("status").stdout or ben.git("ls-files", "-u").stdout


def test_two_new_plans_with_one_title_get_two_files(team: list[Clone]) -> None:
    awa, ben = team
    names = []
    for clone in (awa, ben):
        from planwizard.model import new_plan
        from planwizard.session import new_plan_path

        plan = new_plan("Cellules de garde à vue")
        path = new_plan_path(clone.root / "plans", plan.title, plan.id)
        save_plan(plan, path)
        clone.commit("a new plan")
        names.append(path.name)
    awa.push()
    assert ben.pull().returncode == 0
    assert names[0] != names[1]
    assert {p.name for p in (ben.root / "plans").glob("cellules-*.toml")} == set(names)


def test_two_plans_written_to_one_file_name_are_not_fused(team: list[Clone]) -> None:
    awa, ben = team
    for clone, plan_id in ((awa, "plan-aaaaaa"), (ben, "plan-bbbbbb")):
        text = f'schema_version = 1\nid = "{plan_id}"\ntitle = "Cells"\n'
        clone.write(text, "plans/cells.toml", "a new plan")
    awa.push()
    pulled = ben.pull()
    assert pulled.returncode != 0
    assert "two different plans" in pulled.stdout + pulled.stderr
    text = (ben.root / "plans/cells.toml").read_text()
    assert "plan-aaaaaa" in text and "plan-bbbbbb" in text


def test_a_partners_comment_is_kept(isolated_git: Path) -> None:
    awa, ben = make_team(isolated_git, CONTRACT.read_text(encoding="utf-8"))
    text = awa.plan_path.read_text()
    awa.write(text.replace("[workshop]", "# Ask Awa before changing the date\n[workshop]"))
    awa.push()
    ben.write(ben.plan_path.read_text().replace("target = 80", "target = 90"))
    assert ben.pull().returncode == 0
    merged = ben.plan_path.read_text()
    assert "# Ask Awa before changing the date" in merged and "target = 90" in merged


HAND_WRITTEN = (
    'schema_version = 1\ntitle = "Referral"\n\n'
    '[problem]\nstatement = """\nVictims wait.\nNobody owns the referral.\n'
    'The form is lost.\n"""\n\n'
    '[[actions]]\ntitle = "Draft the form"\n\n'
    '[[actions]]\ntitle = "Train the desk"\n'
)


def test_a_hand_written_plan_formatted_on_one_laptop_does_not_double(
    isolated_git: Path,
) -> None:
    awa, ben = make_team(isolated_git, HAND_WRITTEN)
    assert run("fmt", awa.plan_path)[0] == 0
    awa.commit("fmt")
    awa.push()
    ben.write(
        HAND_WRITTEN.replace(
            'title = "Train the desk"', 'title = "Train the desk"\nowner = "Police"'
        )
    )
    assert ben.pull().returncode == 0
    plan = ben.plan()
    assert [(a.title, a.owner) for a in plan.actions] == [
        ("Draft the form", ""),
        ("Train the desk", "Police"),
    ]


def test_different_lines_of_the_statement_edited_on_two_laptops_merge(
    isolated_git: Path,
) -> None:
    awa, ben = make_team(isolated_git, dumps_plan(load_plan_text(HAND_WRITTEN)))

    def line(old: str, new: str) -> Callable[[Plan], None]:
        def edit(plan: Plan) -> None:
            plan.problem.statement = plan.problem.statement.replace(old, new)

        return edit

    awa.change(line("Victims wait.", "Victims wait for hours."))
    awa.push()
    ben.change(line("The form is lost.", "The form is lost or late."))
    assert ben.pull().returncode == 0
    assert ben.plan().problem.statement == (
        "Victims wait for hours.\nNobody owns the referral.\nThe form is lost or late.\n"
    )


def load_plan_text(text: str) -> Plan:
    from planwizard.storage import parse_plan_text

    return parse_plan_text(text)


def test_conflicts_name_the_people_whether_merging_or_rebasing(team: list[Clone]) -> None:
    awa, ben = team

    def owner(name: str) -> Callable[[Plan], None]:
        def edit(plan: Plan) -> None:
            plan.actions[1].owner = name

        return edit

    awa.change(owner("Police"))
    awa.push()
    ben.change(owner("Health centre"))
    head = ben.git("rev-parse", "HEAD").stdout.strip()
    # A merge: ours is Ben's work, theirs Awa's.
    assert ben.pull().returncode != 0
    conflict = ben.plan().conflicts[0]
    assert (conflict.by("ours"), conflict.by("theirs")) == ("Ben", "Awa")
    assert (conflict.value("ours"), conflict.value("theirs")) == ("Health centre", "Police")
    code, output = run("check", ben.plan_path)
    assert code == 1
    assert 'Ben (ours) "Health centre", Awa (theirs) "Police"' in output
    # A rebase swaps the words, not the people: ours is Awa's work, theirs Ben's.
    ben.git("merge", "--abort")
    ben.git("reset", "-q", "--hard", head)
    rebased = ben.git("pull", "--rebase", "-q", check=False)
    assert rebased.returncode != 0
    conflict = ben.plan().conflicts[0]
    assert (conflict.by("ours"), conflict.by("theirs")) == ("Awa", "Ben")
    assert (conflict.value("ours"), conflict.value("theirs")) == ("Police", "Health centre")
    ben.git("rebase", "--abort")
    # A stash popped over the partner's work: theirs is this laptop's own stashed edit.
    ben.git("reset", "-q", "--hard", "HEAD~1")
    plan = ben.plan()
    plan.actions[1].owner = "Social worker"
    save_plan(plan, ben.plan_path)
    ben.git("stash", "-q")
    assert ben.pull().returncode == 0
    assert ben.git("stash", "pop", check=False).returncode != 0
    conflict = ben.plan().conflicts[0]
    assert (conflict.by("ours"), conflict.by("theirs")) == ("Awa", "Ben")
    assert (conflict.value("ours"), conflict.value("theirs")) == ("Police", "Social worker")
