"""Text that came from a plan file, made safe to show in a terminal.

Plans travel between laptops over git: their text is untrusted. Terminal control
characters (escape sequences that move the cursor, change the title or ring the bell)
are removed before display; newlines and tabs are kept.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def strip_control(text: str) -> str:
    """Remove terminal control characters (and bidi overrides, and a stray byte-order mark,
    which a calendar drops on import), keep newlines and tabs."""
    return _CONTROL.sub("", text)


# Runs of whitespace, line breaks included, except the no-break spaces that French
# typography puts before : ; ? ! and inside « »: those must stay unbreakable.
_BREAKABLE_SPACE = re.compile(r"[^\S\u00a0\u202f]+")


def one_line(text: str, limit: int | None = None) -> str:
    """A plan's text on one line, for a table cell or a terminal row."""
    flat = _BREAKABLE_SPACE.sub(" ", strip_control(text)).strip(" ")
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)] + "…"
    return flat
