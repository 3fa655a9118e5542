"""planwizard's one way to run git: a command talking to a server can be stopped."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from planwizard import gitcmd
from planwizard.gitcmd import run_git, stop_network
from tests.git_helpers import git, isolate_git, make_repo, needs_git

pytestmark = needs_git


def test_a_fetch_waiting_on_a_server_is_stopped_with_the_programs_it_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(tmp_path / "home", monkeypatch)
    repo = make_repo(tmp_path / "repo")
    git(repo, "remote", "add", "origin", "ssh://server.invalid/plans.git")
    # An ssh that never answers, as on a network that drops everything.
    monkeypatch.setenv("GIT_SSH_COMMAND", "sh -c 'sleep 600' --")
    done: list[int] = []
    fetch = threading.Thread(
        target=lambda: done.append(run_git(["fetch", "origin"], repo, network=True).returncode)
    )
    fetch.start()
    while fetch.is_alive() and not gitcmd._network:
        time.sleep(0.01)  # until git has started (not a timed assertion)
    assert stop_network() == 1
    fetch.join(timeout=60)  # a bound, should stopping fail: not a measure
    assert not fetch.is_alive()
    assert done and done[0] != 0
    assert stop_network() == 0
