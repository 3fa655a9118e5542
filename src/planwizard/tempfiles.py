"""The temp files that saves and exports write beside their target, and their sweeping.

A save writes `.{name}.{random}.tmp` in the plan's folder and renames it over the plan
(planwizard.storage.replace_file). A save killed half-way (a power cut, `kill -9`)
leaves that file behind: a hidden full copy of the plan that nothing else removes. The
app sweeps such leftovers when it reads a folder and when it first saves in one.

This module imports nothing of the plan model, so that the app's start can sweep too.
"""

from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path

#: How the temp files of a write are named: `.{name}.{random}.tmp`, beside the file.
TEMP_PREFIX, TEMP_SUFFIX = ".", ".tmp"
#: A temp file of ours: `.` the name, `.`, eight random characters (tempfile's), `.tmp`.
_TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp", re.ASCII)
#: A write takes milliseconds: a temp file this old was left by a save that was killed.
STALE_TEMP_SECONDS = 10 * 60
_swept: set[Path] = set()
#: This user: only their own leftovers are removed (anyone's where there are no uids).
_ME = {os.getuid()} if hasattr(os, "getuid") else range(2**32)


def remove_stale_temp_files(folder: Path, *, once: bool = False) -> list[Path]:
    """Delete the temp files that killed saves left in `folder`; return those deleted.

    Only ordinary files named as this module names its temp files, belonging to this
    user and untouched for STALE_TEMP_SECONDS: a save under way in another process is
    never disturbed. With `once`, a folder already swept by this process is left alone.
    Never fails: a file that cannot be deleted is left for the next time.
    """
    if once:
        if folder in _swept:
            return []
        _swept.add(folder)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not _TEMP_NAME.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if (
                stat.S_ISREG(info.st_mode)
                and info.st_uid in _ME
                and now - info.st_mtime > STALE_TEMP_SECONDS
            ):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed
