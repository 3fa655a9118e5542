"""What git's state says about a folder of plans: the files git lists as unmerged (a
merge not finished) and what each holds, git's own line merge to fall back on for files
that are not plans, and the app's cheap watch of the repository (a pull, a merge, a
checkout, a git-setup).

Installing the merge driver and the commit guard is :mod:`planwizard.gitsetup`'s part.
Every git call goes through :func:`planwizard.gitcmd.run_git`.
"""

from __future__ import annotations

import os
import shlex
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from planwizard.gitcmd import GitError, run_git
from planwizard.gitsetup import (
    _by_root,
    _git_path,
    common_dir,
    repo_root,
    unconfigured_repos,
)
from planwizard.i18n import _

__all__ = [
    "RepoState",
    "UnmergedFile",
    "git_stamp",
    "repo_state",
    "text_merge",
    "unmerged_among",
    "unmerged_files",
]


# ----------------------------------------------------------------------- unmerged files


@dataclass(frozen=True)
class UnmergedFile:
    """A file git lists as unmerged (`git ls-files -u`): a merge that is not finished.

    `state` says what the file in the folder holds: "conflicts" (planwizard merged it
    and recorded `[[conflicts]]` to settle), "markers" (git's line merge, with conflict
    markers), "missing" (deleted on one side), "ours" (only our side, as git leaves it
    when the merge driver did not run), "merged" (what planwizard's merge of git's three
    copies gives: only `git add` is left) or "edited" (something else: a clean line
    merge, or edits made since).
    """

    root: Path
    relative: str
    state: str
    #: git's copies of it: "1" the common ancestor, "2" ours, "3" theirs.
    stages: tuple[str, ...] = ()

    @property
    def path(self) -> Path:
        return self.root / self.relative

    def advice(self) -> str:
        """What to run, in plain words."""
        name = shlex.quote(self.relative)
        if self.state == "conflicts":
            return _(
                "git has not finished merging this file: settle its conflicts (in the app: "
                "open the plan, Ctrl+G), then `git add {name}` and `git commit`, or press "
                "Share in the app"
            ).format(name=name)
        if self.state == "missing":
            return _(
                "git has not finished merging this file: it was deleted on one side and "
                "changed on the other; `git checkout --theirs {name}` or `git checkout "
                "--ours {name}`, then `git add {name}` and `git commit`"
            ).format(name=name)
        if self.state == "markers":
            return _(
                "git merged this file line by line and left conflict markers: run "
                "`planwizard git-setup`, then `git checkout -m {name}` to merge it again by "
                "meaning, then `planwizard check`, then `git commit`"
            ).format(name=name)
        if self.state == "merged":
            return _(
                "merged by planwizard, but git has not been told yet: `git add {name}`, "
                "then `git commit` (or press Share in the app)"
            ).format(name=name)
        if self.state == "edited":
            return _(
                "git has not finished merging this file: planwizard did not merge it (the "
                "file holds git's line-by-line merge, or edits made since). Run `planwizard "
                "git-setup`, then `git checkout -m {name}` to merge it again by meaning (it "
                "replaces the file), then `planwizard check`, then `git commit`"
            ).format(name=name)
        return _(
            "git has not finished merging this file and it holds only your side: your "
            "partner's changes are not in it (the merge driver did not run). Run "
            "`planwizard git-setup`, then `git checkout -m {name}` to merge it again, then "
            "`planwizard check`, then `git commit`"
        ).format(name=name)


#: Larger than any plan: a file beyond it is not read (a link to /dev/zero, say).
READ_LIMIT = 10 * 1024 * 1024


def read_small_text(path: Path) -> str | None:
    """The text of a regular file of at most READ_LIMIT bytes, else None: never a FIFO,
    a device or a link to one, which could block or never end."""
    try:
        if not path.is_file() or path.stat().st_size > READ_LIMIT:
            return None
        with path.open("rb") as handle:
            return handle.read(READ_LIMIT + 1)[:READ_LIMIT].decode("utf-8", errors="replace")
    except OSError:
        return None


def _state(root: Path, name: str, stages: dict[str, str]) -> str:
    path = root / name
    if not path.exists() and not path.is_symlink():
        return "missing"
    text = read_small_text(path)
    if text is None:
        return "edited"
    lines = text.splitlines()
    if any(line.startswith(("<<<<<<< ", ">>>>>>> ")) for line in lines):
        return "markers"
    if any(line.replace(" ", "") == "[[conflicts]]" for line in lines):
        return "conflicts"
    if "2" not in stages or "3" not in stages:
        return "missing"
    try:
        done = run_git(["hash-object", "--no-filters", "--", name], root)
    except GitError:
        return "edited"
    if done.stdout.strip() == stages["2"]:
        return "ours"
    return "merged" if _merges_to(root, stages, text) else "edited"


def _merges_to(root: Path, stages: dict[str, str], text: str) -> bool:
    """Whether planwizard's merge of the three staged copies gives exactly `text`."""
    import io

    from planwizard.driver import run_merge

    with tempfile.TemporaryDirectory(prefix="planwizard-unmerged-") as scratch:
        files = {}
        for stage, label in (("1", "base"), ("2", "ours"), ("3", "theirs")):
            files[label] = Path(scratch) / f"{label}.toml"
            if stage not in stages:
                files[label].write_bytes(b"")
                continue
            try:
                blob = run_git(["cat-file", "blob", stages[stage]], root)
            except GitError:
                return False
            if blob.returncode != 0:
                return False
            files[label].write_text(blob.stdout, encoding="utf-8")
        try:
            exit_code = run_merge(files["base"], files["ours"], files["theirs"], "", io.StringIO())
            merged = files["ours"].read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        if exit_code == 2:  # nothing could be merged: ours was left as it was
            return False
    return merged == text


def unmerged_files(root: Path) -> list[UnmergedFile]:
    """The files of the repository at `root` that git lists as unmerged, in order."""
    try:
        done = run_git(["ls-files", "-u", "-z"], root)
    except GitError:
        return []
    if done.returncode != 0:
        return []
    stages: dict[str, dict[str, str]] = {}
    for entry in done.stdout.split("\0"):
        if "\t" not in entry:
            continue
        info, name = entry.split("\t", 1)
        fields = info.split()
        found = stages.setdefault(name, {})
        if len(fields) == 3:
            found[fields[2]] = fields[1]
    return [
        UnmergedFile(root, name, _state(root, name, found), tuple(sorted(found)))
        for name, found in stages.items()
    ]


def unmerged_among(paths: Iterable[Path], folders: Iterable[Path] = ()) -> list[UnmergedFile]:
    """Unmerged files that are among `paths` or directly inside one of `folders`."""
    files = {p.resolve() for p in paths}
    places = {f.resolve() for f in folders}
    roots = set(_by_root(files))
    for folder in places:
        root = repo_root(folder)
        if root is not None:
            roots.add(root.resolve())
    found: list[UnmergedFile] = []
    for root in sorted(roots):
        for item in unmerged_files(root):
            where = item.path.resolve()
            if where in files or where.parent in places:
                found.append(item)
    return found


def text_merge(base: Path, ours: Path, theirs: Path, name: str) -> int | None:
    """git's own line merge of the three files into `ours`, with conflict markers.

    The number of conflicting hunks (0 when clean), or None when git could not do it.
    A missing base is an empty one.
    """
    # Only ordinary files: git would wait forever on a pipe, or read /dev/zero for ever.
    if any(os.path.lexists(p) and not os.path.isfile(p) for p in (base, ours, theirs)):
        return None
    with tempfile.TemporaryDirectory() as scratch:
        if not base.is_file():
            base = Path(scratch) / "empty"
            base.write_bytes(b"")
        labels = [f"{name} (ours)", f"{name} (base)", f"{name} (theirs)"]
        args = ["merge-file", *(a for label in labels for a in ("-L", label))]
        files = [str(p.resolve()) for p in (ours, base, theirs)]
        try:
            done = run_git([*args, *files], ours.resolve().parent)
        except GitError:
            return None
    return done.returncode if done.returncode >= 0 and done.returncode < 128 else None


# ----------------------------------------------------------------------- the app's watch


@dataclass(frozen=True)
class RepoState:
    """What the app tells about the repository holding its plans folder."""

    root: Path
    #: Files whose time and size say whether git did something (a commit, a pull, a
    #: merge, a checkout, git-setup): looked at with `stat` alone, see `git_stamp`.
    watched: tuple[Path, ...]
    #: `.gitattributes` names planwizard's driver, this clone has none.
    unconfigured: bool
    unmerged: tuple[UnmergedFile, ...]
    #: The commit checked out: a pull or a merge moves it.
    head: str


def repo_state(folder: Path) -> RepoState | None:
    """The state of the repository holding `folder`, or None outside git (or no git)."""
    root = repo_root(folder)
    if root is None:
        return None
    try:
        git_dir = _git_path(root, ".")
        common = common_dir(root)
    except GitError:
        return None
    # A glob rather than storage.plan_paths: this runs while the app starts, and must
    # not load the plan model.
    plans = sorted(p for p in folder.glob("*.toml") if not p.name.startswith("."))
    plans = plans or [folder / "plan.toml"]
    watched = (
        git_dir / "index",
        git_dir / "HEAD",
        git_dir / "MERGE_HEAD",
        common / "config",
    )
    return RepoState(
        root=root,
        watched=watched,
        unconfigured=bool(unconfigured_repos(plans)),
        unmerged=tuple(unmerged_among([], [folder])),
        head=_head(root),
    )


def _head(root: Path) -> str:
    try:
        done = run_git(["rev-parse", "-q", "--verify", "HEAD"], root)
    except GitError:
        return ""
    return done.stdout.strip()


def git_stamp(paths: Iterable[Path]) -> tuple[tuple[int, int] | None, ...]:
    """The time and size of each path (None when missing): cheap enough for a timer."""
    stamps: list[tuple[int, int] | None] = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            stamps.append(None)
            continue
        stamps.append((info.st_mtime_ns, info.st_size))
    return tuple(stamps)
