"""Defaults the command line's parser and the commands share, in a module of their own:
the commands never import the parser (cli.py imports them when one runs), and cli.py
loads neither pydantic nor the model, so this module imports nothing."""

from __future__ import annotations

from pathlib import Path

#: The folder of plans when none is named (`make run` opens the examples there).
DEFAULT_PLANS_DIR = Path("plans")
