"""Where a screen's styles live: in a `.tcss` file beside its module, with the same name
(`screens/review.py` → `screens/review.tcss`). Reusable widgets keep theirs in
`DEFAULT_CSS`; the app's own (title bar, dialogs, home) are in `app.tcss`.

A screen's file is read into the app's stylesheet the first time the screen shows and then
applies everywhere, so each rule starts with the screen's class name.
"""

from __future__ import annotations

from pathlib import Path


def beside(module_file: str) -> str:
    """The stylesheet of the module at `module_file` (pass `__file__`), as an absolute path:
    Textual reads a relative CSS_PATH from the subclass's module, wherever that is."""
    return str(Path(module_file).resolve().with_suffix(".tcss"))
