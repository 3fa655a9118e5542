"""Share: the team's plans exchanged over git, for people who do not know git.

One call, :func:`share`, does what a facilitator would otherwise type, and says what
happened in plain words:

1. makes sure this clone merges plans with planwizard (runs git-setup when it never
   ran or recorded another command);
2. finishes a merge git left half done when it can do so without losing anything
   (a plan merged by planwizard: `git add`; a plan git left with only our side and
   untouched since: merged again with the driver);
3. commits this laptop's saved changes to plan files, first: autosave keeps the tree
   dirty, and nothing is stashed, so no typed word can be lost on the way. The message
   names the plans and the author (`git config user.name`, else the computer's user);
4. fetches from the server and merges (`git pull --no-rebase`, in two steps) with the
   driver. A merge that records `[[conflicts]]` is committed (the plans still load and
   the app's resolve screen settles them); a merge git cannot finish (a plan that does
   not load on one side, a plan deleted on one side and edited on the other) is undone
   and explained: this laptop's commit stays;
5. sends (push) — unless some plan still has points to settle: those are settled here
   first (open the plan, Ctrl+G), then Share again sends everything. Offline, the
   commit stays here and is sent next time.

Every git call goes through :func:`planwizard.gitcmd.run_git`.
"""

from __future__ import annotations

import getpass
import socket
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from planwizard.gitcmd import GitError, run_git
from planwizard.gitsetup import (
    DRIVER_KEY,
    RUNNER,
    common_dir,
    config_get,
    driver_is_current,
    repo_root,
    runner_is_current,
    setup_repository,
)
from planwizard.gitstate import UnmergedFile, read_small_text, unmerged_files
from planwizard.i18n import _
from planwizard.text import one_line

#: Seconds given to the network (fetch, push) before calling the server unreachable.
NETWORK_TIMEOUT = 120.0
#: Files git-setup writes, committed by Share with the plans.
SETUP_FILES = (".gitattributes", ".gitignore")


class ShareError(Exception):
    """Share cannot start here; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass
class ShareReport:
    """What Share did, for :meth:`lines`."""

    #: Titles of the plans committed from this laptop.
    committed: list[str] = field(default_factory=list)
    #: Titles of the plans brought by the merge, by the author of the commits.
    updated: dict[str, list[str]] = field(default_factory=dict)
    #: Plans with points to settle: (title, how many).
    to_settle: list[tuple[str, int]] = field(default_factory=list)
    #: Files git could not merge, with what to do.
    not_merged: list[str] = field(default_factory=list)
    #: Plans deleted on one side and changed on the other, kept with their changes:
    #: (title, True when the changes are ours).
    kept: list[tuple[str, bool]] = field(default_factory=list)
    #: What git-setup did first, when it had to run.
    setup: list[str] = field(default_factory=list)
    sent: bool = False
    first_send: bool = False
    #: Why the server could not be reached (None: it could, or there is none).
    offline: str | None = None
    #: Why the server refused what was sent (a protected branch, a hook of its own).
    refused: str | None = None
    #: The repository has no server to share with (no remote).
    no_remote: bool = False
    #: Commits here that the server does not have yet (after this Share).
    waiting: int = 0

    @property
    def finished(self) -> bool:
        """Everything is on the server and nothing is left to do here."""
        left = self.to_settle or self.not_merged or self.offline or self.refused
        return not (left or self.waiting or self.no_remote)

    @property
    def nothing_new(self) -> bool:
        """Nothing came, nothing went, nothing is left to do."""
        return not (
            self.committed
            or self.updated
            or self.kept
            or self.sent
            or self.to_settle
            or self.not_merged
            or self.offline is not None
            or self.refused is not None
            or self.no_remote
            or self.waiting
        )

    def headline(self) -> str:
        if self.not_merged:
            return _("Share stopped: a merge needs you")
        if self.to_settle:
            return _("Shared partly: points to settle")
        if self.offline is not None:
            return _("Offline: kept here")
        if self.refused is not None:
            return _("Not sent: the server refused")
        if self.no_remote:
            return _("Committed here: no server")
        if self.nothing_new:
            return _("Nothing new")
        return _("Shared")

    def lines(self) -> list[str]:
        """What happened, in plain words, one line each."""
        said: list[str] = []
        if self.committed:
            said.append(
                _("Your changes are committed: {plans}.").format(plans=_names(self.committed))
            )
        for author, plans in self.updated.items():
            if len(plans) == 1:
                message = _("1 plan updated by {author}: {plans}.")
            else:
                message = _("{count} plans updated by {author}: {plans}.")
            said.append(
                message.format(count=len(plans), author=one_line(author, 60), plans=_names(plans))
            )
        for title, count in self.to_settle:
            if count == 1:
                message = _("1 point to settle in “{plan}”: open it and press Ctrl+G.")
            else:
                message = _("{count} points to settle in “{plan}”: open it and press Ctrl+G.")
            said.append(message.format(count=count, plan=one_line(title, 60)))
        for title, ours in self.kept:
            if ours:
                message = _(
                    "“{plan}” was deleted on the server and changed here: it is kept, with "
                    "your changes. Delete it again (F8 on the home screen) if it should go."
                )
            else:
                message = _(
                    "“{plan}” was deleted here and changed by a partner: it is kept, with "
                    "their changes. Delete it again (F8 on the home screen) if it should go."
                )
            said.append(message.format(plan=one_line(title, 60)))
        said.extend(self.not_merged)
        if self.offline is not None:
            said.append(
                _(
                    "Offline (the server cannot be reached: {reason}): your changes are "
                    "committed here and will be sent next time."
                ).format(reason=one_line(self.offline, 160))
            )
        elif self.refused is not None:
            said.append(
                _(
                    "The server refused your changes ({reason}): they are committed here; "
                    "ask whoever keeps the server."
                ).format(reason=one_line(self.refused, 200))
            )
        elif self.no_remote:
            said.append(
                _(
                    "This repository has no server to share with (no git remote): your "
                    "changes are committed here only."
                )
            )
        elif self.sent:
            said.append(
                _("Sent to the server for the first time.")
                if self.first_send
                else _("Sent to the server.")
            )
        elif (self.to_settle or self.not_merged) and self.waiting:
            said.append(_("Nothing was sent yet: once that is done, press Share again to send it."))
        if not said:
            said.append(_("Nothing new: the plans here and on the server are the same."))
        return said


def _names(titles: Sequence[str]) -> str:
    shown = [_("“{title}”").format(title=one_line(t, 50)) for t in titles[:4]]
    if len(titles) > 4:
        shown.append(_("{count} more").format(count=len(titles) - 4))
    return ", ".join(shown)


# ----------------------------------------------------------------------- git steps


def _git(root: Path, *args: str, timeout: float = 60.0) -> tuple[int, str]:
    """Run git; its exit code and what it said (stdout and stderr together)."""
    done = run_git(list(args), root, timeout=timeout)
    return done.returncode, (done.stdout + done.stderr).strip()


def _out(root: Path, *args: str) -> str | None:
    done = run_git(list(args), root)
    return done.stdout.strip() if done.returncode == 0 else None


def _lines(text: str, count: int = 4) -> str:
    """git's first few lines of message, on one line, without its hints."""
    kept = [
        line.strip().removeprefix("fatal: ").removeprefix("error: ")
        for line in text.splitlines()
        if line.strip() and not line.strip().startswith("hint:")
    ]
    return " ".join(kept[:count])


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("hint:"):
            return line.removeprefix("fatal: ").removeprefix("error: ")
    return text.strip()


def author_name(root: Path) -> tuple[str, dict[str, str]]:
    """Who commits: git's own idea (`user.name`, the environment), else the computer's user.

    Also the environment to give git when git has no name of its own.
    """
    ident = _out(root, "var", "GIT_AUTHOR_IDENT")
    if ident and "<" in ident:
        return ident.split("<", 1)[0].strip(), {}
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "planwizard"
    email = f"{user}@{socket.gethostname() or 'localhost'}"
    env = {
        "GIT_AUTHOR_NAME": user,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": user,
        "GIT_COMMITTER_EMAIL": email,
    }
    return user, env


def plan_title(path: Path) -> str:
    """A plan's title for messages (its file name when it has none or does not load)."""
    data = _plan_data(path)
    title = data.get("title") if data else None
    return title if isinstance(title, str) and title.strip() else path.name


def _plan_data(path: Path) -> dict[str, object] | None:
    text = read_small_text(path)  # never a FIFO, a device, a huge file
    if text is None:
        return None
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return None


def points_to_settle(path: Path) -> int:
    data = _plan_data(path)
    conflicts = data.get("conflicts") if data else None
    return len(conflicts) if isinstance(conflicts, list) else 0


def _is_plan_name(relative: str, folder: str) -> bool:
    name = relative.rsplit("/", 1)[-1]
    inside = not folder or relative.startswith(folder + "/")
    return inside and name.endswith(".toml") and not name.startswith(".")


def _changed_files(root: Path, folder: str) -> list[str]:
    """Plan files of `folder` (relative to `root`) that differ from the last commit,
    new or deleted ones included; and git-setup's files."""
    where = [folder or ".", *SETUP_FILES]
    done = run_git(
        ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", *where],
        root,
    )
    if done.returncode != 0:
        raise ShareError(_first_line(done.stderr))
    changed: list[str] = []
    for entry in done.stdout.split("\0"):
        if len(entry) < 4:
            continue
        status, name = entry[:2], entry[3:]
        if "U" in status or status in ("AA", "DD"):
            continue  # unmerged: handled apart
        path = root / name
        if path.is_symlink() or (path.exists() and not path.is_file()):
            continue  # planwizard saves regular files: a link is not a saved plan
        if name in SETUP_FILES or _is_plan_name(name, folder):
            changed.append(name)
    return changed


def _in_progress(root: Path) -> str | None:
    """A git operation left half done that Share must not step into, by name."""
    for name, what in (
        ("rebase-merge", "rebase"),
        ("rebase-apply", "rebase"),
        ("CHERRY_PICK_HEAD", "cherry-pick"),
        ("REVERT_HEAD", "revert"),
        ("BISECT_LOG", "bisect"),
    ):
        path = _out(root, "rev-parse", "--git-path", name)
        if path and (root / path).exists():
            return what
    return None


def _merging(root: Path) -> bool:
    path = _out(root, "rev-parse", "--git-path", "MERGE_HEAD")
    return bool(path) and (root / str(path)).exists()


def _ensure_setup(root: Path) -> list[str]:
    """Run git-setup when this clone's driver is missing or another command."""
    runner = common_dir(root) / RUNNER
    try:
        current_runner = runner.read_text(encoding="utf-8")
    except OSError:
        current_runner = ""
    if driver_is_current(config_get(root, DRIVER_KEY)) and runner_is_current(
        current_runner, sys.executable
    ):
        return []
    try:
        return setup_repository(root)
    except GitError as exc:
        raise ShareError(
            _("planwizard cannot merge plans in this clone, so Share stops: {reason}").format(
                reason=exc.message
            )
        ) from None


def _finish_unmerged(
    root: Path, report: ShareReport, *, own_merge: bool = False
) -> list[UnmergedFile]:
    """Take in the files a merge left unmerged when nothing can be lost; say what is left.

    A plan planwizard merged (with or without points to settle) is added as it is. A
    plan git left with only our side, untouched since, is merged again with the driver
    first (`git checkout -m`). A plan deleted on one side and changed on the other is
    kept with its changes (deleting it again is one key on the home screen; an edit
    lost is lost for good). Anything else stays for a person: the list returned, each
    said in `report.not_merged` (for Share's own merge, which is then undone, in words
    that fit; else with what to run).
    """
    left: list[UnmergedFile] = []
    for item in unmerged_files(root):
        is_plan = item.relative.endswith(".toml")
        if is_plan and item.state == "ours":
            _git(root, "checkout", "-m", "--", item.relative)
            again = [u for u in unmerged_files(root) if u.relative == item.relative]
            item = again[0] if again else item
        one_side = is_plan and item.path.is_file() and not {"2", "3"} <= set(item.stages)
        if (is_plan and item.state in ("conflicts", "merged")) or one_side:
            code, _said = _git(root, "add", "--", item.relative)
            if code == 0:
                if one_side:
                    report.kept.append((plan_title(item.path), "2" in item.stages))
                continue
        left.append(item)
    for item in left:
        if not own_merge:
            report.not_merged.append(f"{one_line(item.relative)}: {item.advice()}")
        elif item.relative.endswith(".toml"):
            report.not_merged.append(
                _(
                    "{file}: one of the two copies does not load as a plan, so it cannot be "
                    "merged by meaning (`planwizard check` names the line to fix, on the "
                    "laptop that changed it last)."
                ).format(file=one_line(item.relative))
            )
        else:
            report.not_merged.append(
                _(
                    "{file} is not a plan, and git could not merge it: someone who knows git "
                    "must merge the server's changes here (`git pull`)."
                ).format(file=one_line(item.relative))
            )
    return left


def _commit(
    root: Path, files: list[str], message: str, env: dict[str, str], *, merging: bool
) -> None:
    if files:
        code, said = _git(root, "add", "-A", "--", *files)
        if code != 0:
            raise ShareError(_("git could not take the changes: {reason}").format(reason=said))
    if merging:
        args = ["commit", "--no-verify", "-q", "--no-edit"]
    else:
        args = ["commit", "--no-verify", "-q", "-m", message, "--", *files]
    done = run_git(args, root, extra_env=env)
    if done.returncode != 0:
        said = _first_line(done.stdout + done.stderr)
        raise ShareError(_("git could not commit your changes: {reason}").format(reason=said))


def _commit_message(titles: list[str], author: str, files: list[str]) -> str:
    if not titles:
        subject = _("Sharing of plans set up by {author}").format(author=one_line(author, 60))
        return f"{subject}\n\n" + "\n".join(f"- {name}" for name in files) + "\n"
    subject = _("Plans updated by {author}: {plans}").format(
        author=one_line(author, 60), plans=", ".join(one_line(t, 40) for t in titles[:3])
    )
    if len(titles) > 3:
        subject += " " + _("and {count} more").format(count=len(titles) - 3)
    body = "\n".join(f"- {name}" for name in files)
    return f"{subject}\n\n{_('Shared with planwizard:')}\n{body}\n"


@dataclass
class _Upstream:
    remote: str
    branch: str

    @property
    def tracking(self) -> str:
        return f"refs/remotes/{self.remote}/{self.branch}"


def _upstream(root: Path, branch: str) -> _Upstream | None:
    remotes = (_out(root, "remote") or "").split()
    remote = _out(root, "config", f"branch.{branch}.remote")
    if remote not in remotes:
        remote = "origin" if "origin" in remotes else (remotes[0] if remotes else None)
    if remote is None:
        return None
    merge = _out(root, "config", f"branch.{branch}.merge") or ""
    return _Upstream(remote, merge.removeprefix("refs/heads/") or branch)


def _rev(root: Path, ref: str) -> str | None:
    return _out(root, "rev-parse", "-q", "--verify", f"{ref}^{{commit}}")


def _incoming(root: Path, old: str | None, new: str, folder: str) -> dict[str, list[str]]:
    """Plans the merge brought, by author of the commits that changed them."""
    span = f"{old}..{new}" if old else new
    done = run_git(
        ["log", "--no-merges", "--format=%x00%an", "--name-only", span, "--", folder or "."],
        root,
    )
    by_author: dict[str, list[str]] = {}
    for block in done.stdout.split("\0")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        author, names = lines[0], lines[1:]
        for name in names:
            if _is_plan_name(name, folder) and (root / name).is_file():
                title = plan_title(root / name)
                titles = by_author.setdefault(author, [])
                if title not in titles:
                    titles.append(title)
    return by_author


def _merge(
    root: Path,
    upstream: _Upstream,
    author: str,
    env: dict[str, str],
    folder: str,
    report: ShareReport,
) -> bool:
    """Merge what the server has; False when git could not finish (then undone)."""
    before = _rev(root, "HEAD")
    theirs = _rev(root, upstream.tracking)
    if theirs is None or theirs == before:
        return True
    # Unrelated histories too: a clone of a server that was empty when it was made has
    # its own first commit (git-setup's files); merging by meaning loses nothing.
    message = _("The team's plans from the server, merged by {author}").format(
        author=one_line(author, 60)
    )
    args = ["merge", "-q", "--allow-unrelated-histories", "-m", message, upstream.tracking]
    done = run_git(args, root, extra_env=env)
    if done.returncode != 0:
        left = _finish_unmerged(root, report, own_merge=True) if _merging(root) else None
        if left is None:
            reason = _lines(done.stdout + done.stderr)
            report.not_merged.append(
                _("git could not merge the server's changes: {reason}").format(reason=reason)
            )
            return False
        if left:
            _git(root, "merge", "--abort")
            report.not_merged.append(
                _(
                    "Nothing from the server was taken in, so that nothing is lost; your "
                    "own changes are committed here."
                )
            )
            return False
        _commit(root, [], "", env, merging=True)
    for author, titles in _incoming(root, before, theirs, folder).items():
        report.updated.setdefault(author, []).extend(titles)
    return True


def _fetch(root: Path, upstream: _Upstream, report: ShareReport) -> bool:
    args = ["fetch", "-q", "--no-tags", upstream.remote]
    done = run_git(args, root, timeout=NETWORK_TIMEOUT, network=True)
    if done.returncode != 0:
        report.offline = _first_line(done.stderr or done.stdout)
        return False
    return True


def _settle_list(root: Path, folder: str) -> list[tuple[str, int]]:
    base = root / folder if folder else root
    found = []
    for path in sorted(base.glob("*.toml")):
        if path.name.startswith(".") or not path.is_file():
            continue
        count = points_to_settle(path)
        if count:
            found.append((plan_title(path), count))
    return found


def _commit_local(
    root: Path, relative: str, author: str, env: dict[str, str], report: ShareReport
) -> None:
    merging = _merging(root)
    files = _changed_files(root, relative)
    if not (files or merging):
        return
    plans = [name for name in files if name not in SETUP_FILES]
    titles = [plan_title(root / name) if (root / name).exists() else name for name in plans]
    _commit(root, files, _commit_message(titles, author, files), env, merging=merging)
    report.committed.extend(t for t in titles if t not in report.committed)


def share(folder: Path) -> ShareReport:
    """Commit this laptop's saved plans, take in the server's, send; see the module."""
    folder = folder.resolve()
    root = repo_root(folder)
    if root is None:
        raise ShareError(
            _(
                "{path} is not in a git repository, so there is nothing to share it with. "
                "Ask whoever keeps the team's plans for the repository to clone."
            ).format(path=folder)
        )
    root = root.resolve()
    relative = "" if folder == root else folder.relative_to(root).as_posix()
    report = ShareReport()
    operation = _in_progress(root)
    if operation is not None:
        raise ShareError(
            _(
                "git is in the middle of a {operation} in {path}: finish it or abort it "
                "with git first (`git {operation} --continue` or `git {operation} --abort`)."
            ).format(operation=operation, path=root)
        )
    branch = _out(root, "symbolic-ref", "--short", "-q", "HEAD")
    if not branch:
        raise ShareError(
            _(
                "{path} is not on a branch (git's detached HEAD): `git switch main` (or the "
                "team's branch) first."
            ).format(path=root)
        )
    report.setup = _ensure_setup(root)
    author, env = author_name(root)

    # 1. This laptop's saved changes, committed first: nothing typed can be lost.
    if _merging(root) and _finish_unmerged(root, report):
        return report
    _commit_local(root, relative, author, env, report)

    # 2. The server's changes, merged by meaning; 3. ours sent.
    upstream = _upstream(root, branch)
    if upstream is None:
        report.no_remote = True
        report.to_settle = _settle_list(root, relative)
        return report
    for _attempt in range(3):
        if not _fetch(root, upstream, report):
            break
        _commit_local(root, relative, author, env, report)  # saved meanwhile
        if not _merge(root, upstream, author, env, relative, report):
            break
        report.to_settle = _settle_list(root, relative)
        theirs = _rev(root, upstream.tracking)
        ahead = _out(root, "rev-list", "--count", f"{theirs}..HEAD" if theirs else "HEAD")
        report.waiting = int(ahead or 0)
        if report.to_settle or not report.waiting:
            break
        args = ["push", "-q", upstream.remote, f"HEAD:refs/heads/{upstream.branch}"]
        if theirs is None:
            args.insert(2, "--set-upstream")
        done = run_git(args, root, timeout=NETWORK_TIMEOUT, network=True)
        if done.returncode == 0:
            report.sent = True
            report.first_send = theirs is None
            report.waiting = 0
            break
        said = done.stdout + done.stderr
        if "[remote rejected]" in said or "declined" in said:
            report.refused = _lines(said)
            break
        if "[rejected]" not in said:
            report.offline = _first_line(said)
            break
        # Someone sent meanwhile (git says "fetch first"): take it in and try again.
    if not report.sent:  # stopped on the way: say what stays here
        theirs = _rev(root, upstream.tracking)
        ahead = _out(root, "rev-list", "--count", f"{theirs}..HEAD" if theirs else "HEAD")
        report.waiting = int(ahead or 0)
        report.to_settle = _settle_list(root, relative)
    return report
