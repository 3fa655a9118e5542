"""Who is "ours" and who is "theirs" in the merge git is running now.

"Ours" and "theirs" are git's words for the two sides of a merge, and they swap meaning:
in `git pull` (a merge) ours is this laptop's work and theirs the partner's; in
`git pull --rebase` ours is the partner's work already on the server and theirs this
laptop's commit being replayed; in `git stash pop` theirs is this laptop's stashed
changes. A facilitator settling a conflict needs the person: the author of HEAD for
ours, and for theirs the author of the commit being merged, replayed or picked (see
`_their_commit`), or this clone's own user for a stash.

git 2.39 gives the driver no names (`%X`/`%Y` came later), so the driver asks git. git
runs it inside the repository; the git run here reads only, through planwizard.gitcmd
(no fsmonitor hook, pager or hooks) and without the variables of the operation that
started the driver (an index file, a trace...), so that nothing else runs or changes.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The refs that name the commit being brought in, in the order git's operations use them.
THEIR_REFS = ("MERGE_HEAD", "REBASE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD")
# Variables that locate the repository git is merging in: kept (gitcmd drops every other
# GIT_* variable of the operation that started the driver, an index file, a trace...).
_LOCATION = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_COMMON_DIR",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
)


def _git(args: list[str], cwd: str | None) -> str | None:
    # Through the project's one safe way to run git (no fsmonitor, pager, hooks, prompt).
    from planwizard.gitcmd import GitError, run_git

    try:
        done = run_git(args, Path(cwd or "."), keep=_LOCATION, timeout=20)
    except GitError:
        return None
    return done.stdout if done.returncode == 0 else None


def _their_commit(folder: str, cwd: str | None) -> str | None:
    """The commit being merged, replayed or picked, as far as git's state tells.

    While the driver runs, git has not written MERGE_HEAD or REBASE_HEAD yet (it does
    when it stops on a conflict), so: a MERGE_HEAD (or the like) already there, as when
    `git checkout -m FILE` merges again; the commit a rebase is replaying (the last line
    of its `done` list); the branch named by `git merge BRANCH` (GIT_REFLOG_ACTION); the
    fetched commit of a `git pull`.
    """
    for ref in THEIR_REFS:
        if os.path.exists(os.path.join(folder, ref)):
            return ref
    for state in ("rebase-merge", "rebase-apply"):
        try:
            with open(os.path.join(folder, state, "done"), encoding="utf-8") as handle:
                steps = [line.split() for line in handle if line.strip()]
        except OSError:
            continue
        if steps and len(steps[-1]) > 1:
            return steps[-1][1]
    action = os.environ.get("GIT_REFLOG_ACTION", "").split()
    if action[:1] == ["merge"] and len(action) > 1:
        return action[1]
    if action[:1] == ["pull"] and os.path.exists(os.path.join(folder, "FETCH_HEAD")):
        return "FETCH_HEAD"
    return None


def side_names(cwd: str | None = None) -> dict[str, str]:
    """{"ours": name, "theirs": name} as far as git can tell; {} outside a repository."""
    git_dir = _git(["rev-parse", "--absolute-git-dir"], cwd)
    if not git_dir:
        return {}
    folder = git_dir.strip()
    theirs = _their_commit(folder, cwd)
    refs = ["HEAD", *([theirs] if theirs else [])]
    shown = _git(["show", "-s", "--no-show-signature", "--format=%an", *refs, "--"], cwd)
    lines = shown.splitlines() if shown else []
    names: dict[str, str] = {}
    if lines and lines[0].strip():
        names["ours"] = lines[0].strip()
    if theirs and len(lines) > 1 and lines[1].strip():
        names["theirs"] = lines[1].strip()
    elif not theirs and not os.environ.get("GIT_REFLOG_ACTION"):
        # Nothing being merged by name: a `git stash pop` (theirs is this clone's own
        # stashed work) when there is a stash; a cherry-pick looks the same, and then
        # the name is left unknown rather than guessed.
        stash = _git(["rev-parse", "--verify", "-q", "refs/stash"], cwd)
        ident = _git(["var", "GIT_AUTHOR_IDENT"], cwd) if stash else None
        if ident and "<" in ident:
            names["theirs"] = ident.split("<", 1)[0].strip()
    return names
