"""The warning that git would merge this folder's plans line by line.

Kept apart from the rest of the TUI and light to import: it runs at every start, in a
thread, while the home screen draws.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from textual.app import App

from planwizard.i18n import _
from planwizard.text import one_line


def warn_about_git_setup(app: App[Any], folder: Path) -> None:
    """In a worker thread: warn when git would merge this folder's plans line by line.

    `.gitattributes` is committed and names planwizard's merge driver, but the driver
    itself lives in each clone's own config: a fresh clone lacks it until `planwizard
    git-setup` is run there, and git then merges plans as text without a word.
    """
    from planwizard.gitsetup import unconfigured_repos
    from planwizard.home_index import plan_files

    paths = plan_files(folder) or [folder / "plan.toml"]
    for repo in unconfigured_repos(paths):
        message = _(
            "git merges the plans in {repo} line by line: this clone lacks planwizard's "
            "merge driver. Run `planwizard git-setup` there once."
        ).format(repo=one_line(str(repo)))
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            app.call_from_thread(
                app.notify,
                message,
                title=_("git-setup needed"),
                severity="warning",
                timeout=20,
                markup=False,
            )
