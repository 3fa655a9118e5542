"""Plan text made safe to show: never parsed as markup, control characters removed.

Plans arrive over git from other laptops. Textual parses a plain `str` given to `Static`,
`Label` or a `DataTable` cell as markup: `[@click=app.quit]` would become a live link and
`[link=...]` can stop the app. Everything that came from a plan goes through here.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from planwizard.text import one_line, strip_control


def plain(text: str) -> Content:
    """Plan text as literal content, newlines kept."""
    return Content(strip_control(text))


def plain_line(text: str, limit: int | None = None) -> Content:
    return Content(one_line(text, limit))


def cell(text: str, style: str = "") -> Text:
    """A DataTable cell holding plan text, shown exactly as typed, on one line."""
    return Text(one_line(text), style=style, no_wrap=True, overflow="ellipsis")
