"""The one way planwizard runs git: safely, in a repository that may be untrusted.

Plans arrive over git from other laptops, and a repository folder may itself come from
elsewhere (a copy on a USB stick, an archive) with its own `.git/config`. That config can
name commands git runs on its own: `core.fsmonitor` on every status, a pager, an
external diff or a textconv filter. Every git call in the project goes through
:func:`run_git`, which

- turns those off on the command line (`-c core.fsmonitor=false -c core.pager=cat
  -c diff.external=`; callers that diff also pass `--no-ext-diff --no-textconv`), and
  the clone's hooks too (`core.hooksPath` pointed at nothing) unless the caller asks
  for them with `hooks=True`: a commit or a merge made by Share runs none;
- runs git in a clean environment: no `GIT_DIR`, `GIT_WORK_TREE`, `GIT_INDEX_FILE` or
  any other `GIT_*` variable leaks in from a surrounding git (planwizard runs as git's
  merge driver and from a hook) unless the caller says so with `keep`; the author's
  names, ssh settings and the choice of config files are kept;
- never asks anything: no terminal prompt (`GIT_TERMINAL_PROMPT=0`), no editor, no
  pager, standard input closed, and in a session of its own, so that neither git nor
  ssh can open the terminal the app is drawing on;
- speaks the C locale, so that its output can be read, and gives up after a timeout.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from planwizard.i18n import _

#: `-c` settings given to every git call; the command line wins over every config file.
SAFE_CONFIG = (
    "core.fsmonitor=false",
    "core.pager=cat",
    "diff.external=",
    "core.askPass=",
    "credential.interactive=false",
)

#: `GIT_*` variables that may pass from the user's environment: who commits, how ssh
#: connects, which config files to read. Everything else named `GIT_*` is dropped.
_KEPT = frozenset(
    {
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_AUTHOR_DATE",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "GIT_COMMITTER_DATE",
        "GIT_SSH",
        "GIT_SSH_COMMAND",
        "GIT_SSH_VARIANT",
        "GIT_CONFIG_NOSYSTEM",
        "GIT_CONFIG_GLOBAL",
        "GIT_CONFIG_SYSTEM",
        "GIT_CEILING_DIRECTORIES",
        "GIT_EXEC_PATH",
        "GIT_SSL_CAINFO",
        "GIT_SSL_NO_VERIFY",
        "GIT_PROXY_COMMAND",
        "GIT_HTTP_PROXY_AUTHMETHOD",
    }
)

#: Set for every call: nothing asks, nothing pages, nothing opens an editor.
_QUIET = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "GIT_EDITOR": "true",
    "GIT_MERGE_AUTOEDIT": "no",
    "GIT_OPTIONAL_LOCKS": "0",
    "LC_ALL": "C",
    "LANGUAGE": "C",
}

DEFAULT_TIMEOUT = 60.0


class GitError(Exception):
    """git is missing, or could not run; the message says which."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def git_environment(
    keep: Iterable[str] = (), extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment git runs in: the user's, without git's own redirections."""
    kept = _KEPT | set(keep)
    env = {
        name: value
        for name, value in os.environ.items()
        if not (name.startswith("GIT_") or name.startswith("GITHEAD_")) or name in kept
    }
    for name in ("SSH_ASKPASS", "DISPLAY_ASKPASS"):
        env.pop(name, None)
    env.update(_QUIET)
    if extra:
        env.update(extra)
    return env


#: The git commands talking to a server now (fetch, push), for :func:`stop_network`.
_network: set[subprocess.Popen[str]] = set()
_network_lock = threading.Lock()


def run_git(
    args: Sequence[str],
    cwd: Path,
    *,
    keep: Iterable[str] = (),
    extra_env: Mapping[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    hooks: bool = False,
    network: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run `git ARGS` in `cwd` as described in this module; never raises on git's exit.

    Raises :class:`GitError` when git is not installed, cannot start or times out (git
    and what it started, ssh included, are then stopped). A `network` command (fetch,
    push) can also be stopped from another thread by :func:`stop_network`. Output is
    text (UTF-8, undecodable bytes replaced).
    """
    command = ["git"]
    for setting in SAFE_CONFIG:
        command += ["-c", setting]
    if not hooks:
        command += ["-c", f"core.hooksPath={os.devnull}"]
    command += list(args)
    try:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=git_environment(keep, extra_env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,
        )
    except FileNotFoundError:
        raise GitError(_("git is not installed, or not on the PATH")) from None
    except OSError as exc:
        raise GitError(_("git could not run: {reason}").format(reason=exc)) from None
    if network:
        with _network_lock:
            _network.add(process)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        process.communicate()
        raise GitError(
            _("git did not answer within {seconds} seconds").format(seconds=int(timeout))
        ) from None
    finally:
        if network:
            with _network_lock:
                _network.discard(process)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _stop(process: subprocess.Popen[str]) -> None:
    # git runs in a session of its own: the whole group goes, ssh with it.
    with contextlib.suppress(OSError):
        os.killpg(process.pid, signal.SIGTERM)


def stop_network() -> int:
    """Stop every git command talking to a server now (the app is quitting): they end
    as if the server could not be reached. How many were stopped."""
    with _network_lock:
        running = list(_network)
    for process in running:
        _stop(process)
    return len(running)
