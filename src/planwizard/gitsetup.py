"""planwizard and git: installing the merge driver and the commit guard, and noticing
when git could not use them. What git's state says (unmerged files, git's own line merge
to fall back on for files that are not plans, the app's watch) is in
:mod:`planwizard.gitstate`.

Git learns about a merge driver in two places. `.gitattributes` says which files use
it; it is committed, so every clone has it. The command to run lives in the clone's
local config, which git never commits or pushes, so every clone runs
`planwizard git-setup` once. When a clone has the first and not the second, git falls
back to a line merge without a word: `check` and the app ask :func:`unconfigured_repos`
to say so.

The command recorded in the config does not name a Python or a virtual environment,
which move and get re-created: it runs a small script kept in the clone's git folder
(`.git/planwizard-run`, see :func:`runner_script`) that looks for planwizard where it
can be on this laptop, and when it finds none, says so and fails, so that git reports a
conflict and keeps the file unmerged rather than keeping our side without a word.
Files git lists as unmerged are what :func:`planwizard.gitstate.unmerged_files` finds,
for `check` and the app.

Every git call goes through :func:`planwizard.gitcmd.run_git`.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from planwizard.gitcmd import GitError, git_environment, run_git
from planwizard.i18n import _

__all__ = [
    "ATTRIBUTES_LINE",
    "DRIVER",
    "GitError",
    "driver_command",
    "repo_root",
    "setup_repository",
    "unconfigured_repos",
]

DRIVER = "planwizard"
#: What git-setup writes to `.gitattributes`. Every `.toml` file: plans live wherever a
#: group keeps them, and a TOML file that is not a plan gets git's usual line merge
#: from the driver itself (see `commands.cmd_merge`).
ATTRIBUTES_LINE = f"*.toml merge={DRIVER}"
#: What git-setup writes to `.gitignore` (committed, so that every clone ignores them,
#: also one that never ran git-setup): the temp files of a save that was killed
#: (`.plan.toml.XXXX.tmp`, see `storage.write_atomically`) and the exports folder.
IGNORE_LINES = (".*.tmp", "exports/")
DRIVER_KEY = f"merge.{DRIVER}.driver"
NAME_KEY = f"merge.{DRIVER}.name"
DRIVER_NAME = "planwizard: merge plans by meaning, item by item"
#: The script in the clone's git folder that finds and runs planwizard for git.
RUNNER = "planwizard-run"
#: The first lines of the scripts git-setup writes: how it knows they are its own.
#: (The runner's mark names its version: a runner of another version is rewritten.)
RUNNER_MARK = "# planwizard-run 2: written by `planwizard git-setup`"
HOOK_MARK = "# planwizard commit guard: written by `planwizard git-setup`"
#: The commit guard, beside the runner; the pre-commit hook is a copy of it.
GUARD = "planwizard-guard"
#: The line that runs the guard from a pre-commit hook of one's own.
GUARD_LINE = f'sh "$(git rev-parse --git-common-dir)/{GUARD}" || exit 1'
#: The exit code of the runner when no planwizard could be found.
NOT_FOUND = 97


def repo_root(path: Path) -> Path | None:
    """The top folder of the git repository holding `path`, or None."""
    folder = path if path.is_dir() else path.parent
    if not folder.is_dir() or not _may_be_in_a_clone(folder):
        return None
    try:
        done = run_git(["rev-parse", "--show-toplevel"], folder)
    except GitError:
        return None
    if done.returncode != 0 or not done.stdout.strip():
        return None
    return Path(done.stdout.strip())


def _may_be_in_a_clone(folder: Path) -> bool:
    """False when git would find no work tree here: no `.git` in the folder or above
    it, and no GIT_DIR or GIT_WORK_TREE saying where one is. Asking git costs a process
    (`check` on a plan outside any clone paid more for it than for reading the plan)."""
    if os.environ.get("GIT_DIR") or os.environ.get("GIT_WORK_TREE"):
        return True
    try:
        here = folder.resolve()
    except (OSError, RuntimeError):
        return True
    return any(os.path.lexists(place / ".git") for place in (here, *here.parents))


def _git_path(root: Path, name: str) -> Path:
    """Where git keeps `name` for this clone (`--git-path`: hooks follow core.hooksPath)."""
    # hooks=True: where the clone's own hooks are (core.hooksPath), for git-setup to
    # install the commit guard there; `rev-parse` itself runs none.
    done = run_git(["rev-parse", "--git-path", name], root, hooks=True)
    if done.returncode != 0 or not done.stdout.strip():
        raise GitError(
            _("git cannot find this clone's git folder: {reason}").format(
                reason=done.stderr.strip()
            )
        )
    return root / done.stdout.strip()


def common_dir(root: Path) -> Path:
    done = run_git(["rev-parse", "--git-common-dir"], root)
    if done.returncode != 0 or not done.stdout.strip():
        raise GitError(
            _("git cannot find this clone's git folder: {reason}").format(
                reason=done.stderr.strip()
            )
        )
    return root / done.stdout.strip()


_DRIVER_START = f'r="$(git rev-parse --git-common-dir)/{RUNNER}"; '
_DRIVER_END = 'sh "$r" merge %O %A %B --name %P'


def driver_command() -> str:
    """The command git runs to merge a plan: the runner in the clone's git folder.

    git runs it from the top of the work tree, through `sh`; the runner is found
    through git itself, so the command survives a moved repository, a linked worktree,
    and a virtual environment that moved or was re-created. A runner that is gone is
    said, and the merge fails (git keeps the file unmerged). `%P` (the plan's path in
    the repository, quoted by git) is only used in messages.
    """
    missing = _("planwizard: {runner} is missing: run `planwizard git-setup` again")
    say = _sh_say(missing, {"runner": "r"}).replace(" >&2; echo >&2", " >&2")
    return f'{_DRIVER_START}[ -f "$r" ] || {{ {say}; echo >&2; exit 2; }}; {_DRIVER_END}'


def driver_is_current(command: str | None) -> bool:
    """Whether a recorded driver command is this version's (in any language)."""
    if not command:
        return False
    return command.startswith(_DRIVER_START) and command.endswith(_DRIVER_END)


def _sh_say(template: str, shown: dict[str, str] | None = None) -> str:
    """A shell command printing `template` to stderr, each `{name}` replaced by the
    shell variable `$name` (or the one `shown` names for it): no quoting or `sed`
    trouble whatever a path holds."""
    parts: list[str] = []
    for index, piece in enumerate(re.split(r"\{(\w+)\}", template)):
        if index % 2:
            parts.append(f'"${(shown or {}).get(piece, piece)}"')
        elif piece:
            parts.append(shlex.quote(piece))
    return f"printf '%s' {' '.join(parts)} >&2; echo >&2"


_BOOT = """\
import sys
sys.path[:] = [p for p in sys.path if p not in ("", ".")]  # never code from the repository
try:
    from planwizard.cli import main
except ImportError as exc:
    if exc.name != "planwizard":
        print("planwizard:", exc, file=sys.stderr)
    sys.exit(97)
sys.argv[0] = "planwizard"
sys.exit(main())
"""


def runner_script(python: str) -> str:
    """The runner: planwizard's arguments in, planwizard run by the first Python that has it.

    It tries, in order: the Python that ran git-setup (`python`), the one behind a
    `planwizard` command on the PATH, the repository's `.venv` and `venv`, then
    `python3` and `python`. A Python without planwizard is skipped (exit 97 from the
    small start-up program, which never imports from the current folder: git runs
    drivers at the top of the repository, whose files are other people's). When none
    has it, for a merge it leaves git's line merge in the file (conflict markers, both
    sides' text) and exits 2, so git reports a
    conflict and keeps the file unmerged; for anything else it exits 97. Either way it
    says what to do.
    """
    q = shlex.quote
    not_merged = _(
        "{name}: NOT merged by meaning: planwizard cannot be found on this computer "
        "(tried: {tried}). The file holds git's line-by-line merge and git keeps it "
        "unmerged."
    )
    how_to_fix = _(
        "Install planwizard again, or run `planwizard git-setup` with the one you use, "
        "then run `git checkout -m {name}` to merge it again, then `planwizard check`."
    )
    missing = _(
        "planwizard cannot be found on this computer (tried: {tried}). Install it "
        "again, or run `planwizard git-setup` with the one you use."
    )
    return f"""#!/bin/sh
{RUNNER_MARK}; run it again to update.
# Runs planwizard for git (the merge driver, the commit guard) with the first Python
# on this laptop that has it, so that a moved or re-created environment does not stop
# plans from merging. When none has it, it fails and says so: never a silent merge.
recorded={q(python)}
boot={q(_BOOT)}
tried=""
attempt() {{
    py=$1
    shift
    [ -n "$py" ] || return {NOT_FOUND}
    tried="${{tried:+$tried }}$py"
    command -v "$py" >/dev/null 2>&1 || return {NOT_FOUND}
    "$py" -c "$boot" "$@"
}}
attempt "$recorded" "$@"; code=$?; [ "$code" -eq {NOT_FOUND} ] || exit "$code"
script=$(command -v planwizard 2>/dev/null) && IFS= read -r first < "$script" || first=""
case "$first" in
    '#!'*) interpreter=${{first#??}} ;;
    *) interpreter="" ;;
esac
case "${{interpreter##*/}}" in
    python*) attempt "$interpreter" "$@"; code=$?; [ "$code" -eq {NOT_FOUND} ] || exit "$code" ;;
esac
top=$(git rev-parse --show-toplevel 2>/dev/null)
if [ -n "$top" ]; then
    for venv in .venv venv; do
        attempt "$top/$venv/bin/python" "$@"; code=$?; [ "$code" -eq {NOT_FOUND} ] || exit "$code"
    done
fi
for py in python3 python; do
    attempt "$py" "$@"; code=$?; [ "$code" -eq {NOT_FOUND} ] || exit "$code"
done
if [ "$1" = merge ] && [ "$#" -ge 4 ]; then
    # The path as git gives it, without terminal control characters: it is shown.
    name=$(printf '%s' "${{6:-$3}}" | tr -d '\\001-\\037\\177')
    git merge-file -L "$name (ours)" -L "$name (base)" -L "$name (theirs)" \\
        "$3" "$2" "$4" >/dev/null 2>&1
    {_sh_say(not_merged)}
    {_sh_say(how_to_fix)}
    exit 2
fi
{_sh_say(missing)}
exit {NOT_FOUND}
"""


def runner_is_current(text: str, python: str) -> bool:
    """Whether a runner's text is this version's, recording `python` (in any language)."""
    return RUNNER_MARK in text and f"\nrecorded={shlex.quote(python)}\n" in text


def hook_script() -> str:
    """The pre-commit hook: refuse staged plans with conflict markers or `[[conflicts]]`,
    then run `planwizard check` on the staged copies of the plans (through the runner).

    It reads what is staged (`git show :FILE`, in the index git gives the hook), not the
    files in the folder, which may hold more.
    """
    markers = _(
        "{path}:{line}: git conflict markers: finish the merge before committing "
        "(`planwizard git-setup`, then `git checkout -m {path}`)"
    )
    conflicts = _(
        "{path}:{line}: unresolved merge conflict: settle it first (in the app: open "
        "the plan, Ctrl+G), or press Share in the app"
    )
    unreadable = _(
        "{path}: the staged copy cannot be read back (a file name with a line break?); rename it"
    )
    dropped = _(
        "{path}: this merge keeps only your side of the plan, and your partner's changes "
        "would be lost (git's merge driver did not run?). Run `planwizard git-setup`, "
        "then `git checkout -m {path}` to merge it again"
    )
    refused = _(
        "planwizard: commit refused. Fix the plans above, `git add` them, and commit "
        "again (`git commit --no-verify` commits anyway)."
    )
    return f"""#!/bin/sh
{HOOK_MARK}; run it again to update.
# Refuses a commit whose staged plans hold git conflict markers or unresolved
# [[conflicts]], and runs `planwizard check` on the staged copies of the plans.
failed=0
scratch=$(mktemp -d) || exit 1
trap 'rm -rf "$scratch"' EXIT
plans=""
# Names NUL-separated, as they are (git quotes unusual ones otherwise); a name that
# cannot be read back is refused rather than skipped.
git diff --cached --name-only -z --diff-filter=ACMR -- '*.toml' \\
    | tr '\\000' '\\n' > "$scratch/.staged" || exit 1
while IFS= read -r path; do
    [ -n "$path" ] || continue
    shown=$(printf '%s' "$path" | tr -d '\\001-\\037\\177')
    mkdir -p "$scratch/$(dirname "$path")"
    if ! git show ":$path" > "$scratch/$path" 2>/dev/null; then
        {_sh_say(unreadable, {"path": "shown"})}
        failed=1
        continue
    fi
    line=$(grep -n -E '^(<<<<<<<|>>>>>>>)( |$)' "$scratch/$path" | head -n 1 | cut -d: -f1)
    if [ -n "$line" ]; then
        {_sh_say(markers, {"path": "shown"})}
        failed=1
    fi
    line=$(grep -n -E '^[[:space:]]*\\[\\[[[:space:]]*conflicts[[:space:]]*\\]\\]' \\
        "$scratch/$path" | head -n 1 | cut -d: -f1)
    if [ -n "$line" ]; then
        {_sh_say(conflicts, {"path": "shown"})}
        failed=1
    fi
    if grep -q -E '^schema_version[[:space:]]*=' "$scratch/$path"; then
        plans="$plans$path
"
    fi
done < "$scratch/.staged"
# A merge commit that keeps only our side of a plan the other side changed: the
# partner's edit would be lost without a word (a merge driver that did not run).
if git rev-parse -q --verify MERGE_HEAD >/dev/null 2>&1; then
    base=$(git merge-base HEAD MERGE_HEAD 2>/dev/null)
    if [ -n "$base" ]; then
        git diff --no-ext-diff --no-textconv --name-only -z "$base" MERGE_HEAD \\
            -- '*.toml' 2>/dev/null | tr '\\000' '\\n' > "$scratch/.theirs"
        while IFS= read -r path; do
            [ -n "$path" ] || continue
            theirs=$(git rev-parse -q --verify "MERGE_HEAD:$path" 2>/dev/null) || continue
            ours=$(git rev-parse -q --verify "HEAD:$path" 2>/dev/null) || continue
            staged=$(git rev-parse -q --verify ":$path" 2>/dev/null) || continue
            if [ "$theirs" != "$ours" ] && [ "$staged" = "$ours" ]; then
                shown=$(printf '%s' "$path" | tr -d '\\001-\\037\\177')
                {_sh_say(dropped, {"path": "shown"})}
                failed=1
            fi
        done < "$scratch/.theirs"
    fi
fi
if [ "$failed" -eq 0 ] && [ -n "$plans" ]; then
    runner="$(git rev-parse --git-common-dir)/{RUNNER}"
    case "$runner" in /*) ;; *) runner="$PWD/$runner" ;; esac
    # One argument per plan; paths relative to the scratch copy, as in the repository.
    said=$(printf '%s' "$plans" | (cd "$scratch" && tr '\\n' '\\0' | \\
        xargs -0 sh "$runner" check 2>&1)) || {{ printf '%s\\n' "$said" >&2; failed=1; }}
fi
if [ "$failed" -ne 0 ]; then
    {_sh_say(refused)}
    exit 1
fi
exit 0
"""


def config_get(root: Path, key: str) -> str | None:
    done = run_git(["config", "--local", "--get", key], root)
    return done.stdout.strip() if done.returncode == 0 else None


def _config_set(root: Path, key: str, value: str) -> None:
    done = run_git(["config", "--local", key, value], root)
    if done.returncode != 0:
        raise GitError(
            _("git config {key} failed: {reason}").format(key=key, reason=done.stderr.strip())
        )


def _names_driver(line: str) -> bool:
    tokens = line.split()
    return bool(tokens) and not tokens[0].startswith("#") and f"merge={DRIVER}" in tokens[1:]


def _read_own_file(path: Path) -> str:
    """The text of a file git-setup is about to rewrite; never through a symlink."""
    if path.is_symlink():
        raise GitError(
            _(
                "{path} is a symbolic link: git-setup does not write through it (it could "
                "point outside the repository). Replace it with a regular file and run "
                "git-setup again."
            ).format(path=path)
        )
    if path.exists() and not path.is_file():
        raise GitError(_("{path} is not a regular file").format(path=path))
    try:
        return path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise GitError(_("cannot read {path}: {reason}").format(path=path, reason=exc)) from None


def replace_file(path: Path, text: str, mode: int = 0o644) -> None:
    """Write `text` to a temp file beside `path` and rename it over `path` itself.

    The rename replaces the name, never what a symlink there points to.
    """
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise GitError(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise GitError(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from None


def _add_lines(path: Path, lines: Iterable[str]) -> list[str]:
    """Append the `lines` `path` lacks (other lines are kept); the ones added."""
    text = _read_own_file(path)
    have = {line.strip() for line in text.splitlines()}
    missing = [line for line in lines if line not in have]
    if missing:
        separator = "" if not text or text.endswith("\n") else "\n"
        replace_file(path, text + separator + "".join(f"{line}\n" for line in missing))
    return missing


def setup_repository(repo: Path, python: str | None = None, *, verify: bool = True) -> list[str]:
    """Install the merge driver and the commit guard in the repository holding `repo`;
    say what was done.

    Idempotent: what is already in place is left alone (and said so), an older
    recorded command is replaced; other lines of `.gitattributes` and `.gitignore` are
    kept. With `verify`, the driver then merges three small plans as git would, and a
    driver that does not run is an error.
    """
    root = repo_root(repo)
    if root is None:
        if not repo.exists():
            raise GitError(_("{path}: no such folder").format(path=repo))
        raise GitError(
            _("{path} is not in a git repository (run `git init` there first)").format(path=repo)
        )
    attributes = root / ".gitattributes"
    ignore = root / ".gitignore"
    for path in (attributes, ignore):
        _read_own_file(path)  # refuse a symlink before changing anything
    done: list[str] = []
    named = [line for line in _read_own_file(attributes).splitlines() if _names_driver(line)]
    if named:
        done.append(
            _("{path} already sends plan files to planwizard's merge").format(path=attributes)
        )
    else:
        _add_lines(attributes, [ATTRIBUTES_LINE])
        done.append(
            _(
                "added `{line}` to {path}: commit it, so that your partners' clones use it too"
            ).format(line=ATTRIBUTES_LINE, path=attributes)
        )
    added = _add_lines(ignore, IGNORE_LINES)
    if added:
        done.append(
            _(
                "added {lines} to {path} (temp files of an interrupted save, exports): "
                "commit it too"
            ).format(lines=", ".join(f"`{line}`" for line in added), path=ignore)
        )
    runner = common_dir(root) / RUNNER
    wanted_runner = runner_script(python or sys.executable)
    if _read_own_file(runner) != wanted_runner:
        replace_file(runner, wanted_runner, 0o755)
        done.append(_("wrote {path}, which finds planwizard for git").format(path=runner))
    wanted = driver_command()
    current = config_get(root, DRIVER_KEY)
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
    if config_get(root, NAME_KEY) != DRIVER_NAME:
        _config_set(root, NAME_KEY, DRIVER_NAME)
    done.append(_install_hook(root))
    if verify:
        verify_driver(root)
        done.append(_("checked: git's merge of plans runs planwizard on this computer"))
    return done


def _install_hook(root: Path) -> str:
    """The commit guard: `planwizard-guard` beside the runner, and the pre-commit hook
    running it, unless the clone already has a hook of its own (left alone, and said)."""
    guard = common_dir(root) / GUARD
    wanted = hook_script()
    if _read_own_file(guard) != wanted:
        replace_file(guard, wanted, 0o755)
    hook = _git_path(root, "hooks/pre-commit")
    if hook.is_symlink() or (hook.exists() and HOOK_MARK not in _read_hook(hook)):
        return _(
            "{path} already exists and is not planwizard's: left as it is, so commits are "
            "not yet guarded against unresolved conflicts. To guard them, add this line "
            "to that hook: {line}"
        ).format(path=hook, line=GUARD_LINE)
    if hook.exists() and _read_hook(hook) == wanted:
        return _("the commit guard {path} is already installed").format(path=hook)
    hook.parent.mkdir(parents=True, exist_ok=True)
    replace_file(hook, wanted, 0o755)
    return _(
        "installed the commit guard {path}: a commit of a plan with conflict markers or "
        "unresolved conflicts is refused"
    ).format(path=hook)


def _read_hook(hook: Path) -> str:
    try:
        return hook.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def verify_driver(root: Path) -> None:
    """Merge three small plans with the recorded command, as git would; raise if it fails."""
    from planwizard.model import new_plan
    from planwizard.storage import PlanError, dumps_plan, parse_plan_text

    command = config_get(root, DRIVER_KEY) or driver_command()
    base = new_plan("git-setup")
    ours = base.model_copy(deep=True)
    ours.workshop.place = "ours"
    theirs = base.model_copy(deep=True)
    theirs.problem.statement = "theirs"
    failure = _("the merge driver does not work on this computer: {reason}")
    with tempfile.TemporaryDirectory(prefix="planwizard-git-setup-") as scratch:
        files = {}
        for name, plan in (("base", base), ("ours", ours), ("theirs", theirs)):
            files[name] = Path(scratch) / f"{name}.toml"
            files[name].write_text(dumps_plan(plan), encoding="utf-8")
        expanded = (
            command.replace("%O", shlex.quote(str(files["base"])))
            .replace("%A", shlex.quote(str(files["ours"])))
            .replace("%B", shlex.quote(str(files["theirs"])))
            .replace("%P", shlex.quote("git-setup-check.toml"))
        )
        import subprocess

        try:
            ran = subprocess.run(
                ["sh", "-c", expanded],
                cwd=root,
                env=git_environment(),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                errors="replace",
                timeout=120,
                check=False,
                start_new_session=True,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise GitError(failure.format(reason=exc)) from None
        said = " ".join((ran.stderr + ran.stdout).split())
        if ran.returncode != 0:
            raise GitError(failure.format(reason=said or f"exit {ran.returncode}"))
        try:
            merged = parse_plan_text(files["ours"].read_text(encoding="utf-8"))
        except (PlanError, OSError, UnicodeDecodeError) as exc:
            raise GitError(failure.format(reason=exc)) from None
        if (merged.workshop.place, merged.problem.statement) != ("ours", "theirs"):
            raise GitError(failure.format(reason=_("the merged plan lacks one side's edit")))


def unconfigured_repos(paths: Iterable[Path]) -> list[Path]:
    """Repositories whose `.gitattributes` sends some of `paths` to planwizard's merge
    while this clone's config has no such driver, so git would merge them line by line.
    """
    by_root = _by_root(paths)
    missing: list[Path] = []
    for root, files in by_root.items():
        try:
            if config_get(root, DRIVER_KEY):
                continue
            relative = [str(f.relative_to(root)) for f in files if f.is_relative_to(root)]
            done = run_git(["check-attr", "merge", "--", *relative], root)
        except GitError:
            continue
        if any(line.endswith(f": merge: {DRIVER}") for line in done.stdout.splitlines()):
            missing.append(root)
    return missing


def _by_root(paths: Iterable[Path]) -> dict[Path, list[Path]]:
    by_folder: dict[Path, list[Path]] = {}
    for path in paths:
        resolved = path.resolve()
        by_folder.setdefault(resolved.parent, []).append(resolved)
    by_root: dict[Path, list[Path]] = {}
    for folder, files in by_folder.items():
        root = repo_root(folder)
        if root is not None:
            by_root.setdefault(root.resolve(), []).extend(files)
    return by_root
