"""planwizard and git: installing the merge driver, noticing when it is missing, and
git's own line merge to fall back on for files that are not plans.

Git learns about a merge driver in two places. `.gitattributes` says which files use
it; it is committed, so every clone has it. The command to run lives in the clone's
local config, which git never commits or pushes, so every clone runs
`planwizard git-setup` once. When a clone has the first and not the second, git falls
back to a line merge without a word: `check` and the TUI ask :func:`unconfigured_repos`
to say so.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from planwizard.i18n import _

DRIVER = "planwizard"
#: What git-setup writes to `.gitattributes`. Every `.toml` file: plans live wherever a
#: group keeps them, and a TOML file that is not a plan gets git's usual line merge
#: from the driver itself (see `commands.cmd_merge`).
ATTRIBUTES_LINE = f"*.toml merge={DRIVER}"
DRIVER_KEY = f"merge.{DRIVER}.driver"
NAME_KEY = f"merge.{DRIVER}.name"
DRIVER_NAME = "planwizard: merge plans by meaning, item by item"


class GitError(Exception):
    """git is missing, or the folder is not in a repository; the message says which."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise GitError(_("git is not installed, or not on the PATH")) from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(_("git could not run: {reason}").format(reason=exc)) from None


def repo_root(path: Path) -> Path | None:
    """The top folder of the git repository holding `path`, or None."""
    folder = path if path.is_dir() else path.parent
    if not folder.is_dir():
        return None
    try:
        done = _git(["rev-parse", "--show-toplevel"], folder)
    except GitError:
        return None
    if done.returncode != 0 or not done.stdout.strip():
        return None
    return Path(done.stdout.strip())


def driver_command(executable: str | None = None) -> str:
    """The command git runs to merge a plan.

    The absolute path of the Python running planwizard now, rather than `planwizard`:
    git runs drivers from a plain shell, where a virtual environment is often not
    activated. Re-run `git-setup` after moving or re-creating that environment.
    `%P` (the plan's path in the repository) is only used in messages.
    """
    python = shlex.quote(executable or sys.executable)
    return f"{python} -m planwizard merge %O %A %B --name %P"


def _config_get(root: Path, key: str) -> str | None:
    done = _git(["config", "--local", "--get", key], root)
    return done.stdout.strip() if done.returncode == 0 else None


def _config_set(root: Path, key: str, value: str) -> None:
    done = _git(["config", "--local", key, value], root)
    if done.returncode != 0:
        raise GitError(
            _("git config {key} failed: {reason}").format(key=key, reason=done.stderr.strip())
        )


def _names_driver(line: str) -> bool:
    tokens = line.split()
    return bool(tokens) and not tokens[0].startswith("#") and f"merge={DRIVER}" in tokens[1:]


def setup_repository(repo: Path, command: str | None = None) -> list[str]:
    """Install the merge driver in the repository holding `repo`; say what was done.

    Idempotent: what is already in place is left alone (and said so); other lines of
    `.gitattributes` are kept as they are.
    """
    root = repo_root(repo)
    if root is None:
        if not repo.exists():
            raise GitError(_("{path}: no such folder").format(path=repo))
        raise GitError(
            _("{path} is not in a git repository (run `git init` there first)").format(path=repo)
        )
    done: list[str] = []
    attributes = root / ".gitattributes"
    try:
        text = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise GitError(
            _("cannot read {path}: {reason}").format(path=attributes, reason=exc)
        ) from None
    if any(_names_driver(line) for line in text.splitlines()):
        done.append(
            _("{path} already sends plan files to planwizard's merge").format(path=attributes)
        )
    else:
        separator = "" if not text or text.endswith("\n") else "\n"
        try:
            attributes.write_text(f"{text}{separator}{ATTRIBUTES_LINE}\n", encoding="utf-8")
        except OSError as exc:
            raise GitError(
                _("cannot write {path}: {reason}").format(path=attributes, reason=exc.strerror)
            ) from None
        done.append(
            _(
                "added `{line}` to {path}: commit it, so that your partners' clones use it too"
            ).format(line=ATTRIBUTES_LINE, path=attributes)
        )
    wanted = command or driver_command()
    current = _config_get(root, DRIVER_KEY)
    if current == wanted:
        done.append(_("git config {key} is already set").format(key=DRIVER_KEY))
    else:
        _config_set(root, DRIVER_KEY, wanted)
        done.append(
            _(
                "set git config {key} = {command} (this clone only: git never shares its "
                "config, so each clone runs `planwizard git-setup` once)"
            ).format(key=DRIVER_KEY, command=wanted)
        )
    if _config_get(root, NAME_KEY) != DRIVER_NAME:
        _config_set(root, NAME_KEY, DRIVER_NAME)
    return done


def unconfigured_repos(paths: Iterable[Path]) -> list[Path]:
    """Repositories whose `.gitattributes` sends some of `paths` to planwizard's merge
    while this clone's config has no such driver, so git would merge them line by line.
    """
    by_folder: dict[Path, list[Path]] = {}
    for path in paths:
        resolved = path.resolve()
        by_folder.setdefault(resolved.parent, []).append(resolved)
    by_root: dict[Path, list[Path]] = {}
    for folder, files in by_folder.items():
        root = repo_root(folder)
        if root is not None:
            by_root.setdefault(root, []).extend(files)
    missing: list[Path] = []
    for root, files in by_root.items():
        try:
            if _config_get(root, DRIVER_KEY):
                continue
            relative = [str(f.relative_to(root)) for f in files if f.is_relative_to(root)]
            done = _git(["check-attr", "merge", "--", *relative], root)
        except GitError:
            continue
        if any(line.endswith(f": merge: {DRIVER}") for line in done.stdout.splitlines()):
            missing.append(root)
    return missing


def text_merge(base: Path, ours: Path, theirs: Path, name: str) -> int | None:
    """git's own line merge of the three files into `ours`, with conflict markers.

    The number of conflicting hunks (0 when clean), or None when git could not do it.
    A missing base is an empty one.
    """
    with tempfile.TemporaryDirectory() as scratch:
        if not base.is_file():
            base = Path(scratch) / "empty"
            base.write_bytes(b"")
        labels = [f"{name} (ours)", f"{name} (base)", f"{name} (theirs)"]
        args = ["merge-file", *(a for label in labels for a in ("-L", label))]
        files = [str(p.resolve()) for p in (ours, base, theirs)]
        try:
            done = _git([*args, *files], ours.resolve().parent)
        except GitError:
            return None
    return done.returncode if done.returncode >= 0 and done.returncode < 128 else None
