"""Small pieces of the review screen and the history view: status keys, bars, sparklines.

The bar and the sparkline are plain text built here rather than Textual's `ProgressBar`
and `Sparkline`: those animate and stretch a few readings over the whole width, while a
review has two or three readings that the room must read exactly, on a projector and in
a snapshot alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from planwizard import method
from planwizard.i18n import _, current_language, format_number, format_percent
from planwizard.model import STATUSES, Number
from planwizard.monitoring import position

#: One key per status, typed while the status line has focus (and digits 1 to 5): the
#: initial of the status in the interface language, shown beside it. Every language's
#: keys work whatever the language, so a bilingual team's habits carry over; a new
#: language's keys must not give another status a key it already has.
STATUS_KEYS: dict[str, dict[str, str]] = {
    "en": {"planned": "p", "in-progress": "i", "done": "d", "blocked": "b", "dropped": "x"},
    "fr": {"planned": "p", "in-progress": "e", "done": "r", "blocked": "b", "dropped": "a"},
}


def status_keys() -> dict[str, str]:
    """The key shown for each status, in the interface language (English otherwise)."""
    return STATUS_KEYS.get(current_language(), STATUS_KEYS["en"])


def status_for_key(key: str, taken: frozenset[str] = frozenset()) -> str | None:
    """The status a key gives (any language's initial, or 1 to 5), unless `taken`."""
    if key in taken:
        return None
    if key.isdigit() and 1 <= int(key) <= len(STATUSES):
        return STATUSES[int(key) - 1]
    for keys in STATUS_KEYS.values():
        for status, letter in keys.items():
            if letter == key:
                return status
    return None


def _keys_for(status: str) -> str:
    # Every language's key for `status`, once each, in a Binding's "a,b" form.
    keys = dict.fromkeys(keys[status] for keys in STATUS_KEYS.values())
    return ",".join(keys)


_LEVELS = "▁▂▃▄▅▆▇█"


def progress_bar(share: float | None, width: int = 20) -> Content:
    """A bar from baseline (empty) to target (full), with the percentage after it.

    Beyond the target the bar is full and the figure says how far beyond; worse than the
    baseline the bar is empty and the figure is negative, in the error colour.
    """
    if share is None:
        return Content.assemble(("░" * width, "$text-disabled"), " ", (_("no progress yet"), "dim"))
    filled = round(min(max(share, 0.0), 1.0) * width)
    colour = "$text-error" if share < 0 else "$text-success" if share >= 1 else "$text-primary"
    return Content.assemble(
        ("█" * filled, colour),
        ("░" * (width - filled), "$text-disabled"),
        " ",
        (format_percent(share), "bold"),
    )


def sparkline(
    values: Sequence[Number], low: Number | None = None, high: Number | None = None
) -> str:
    """One block per reading, its height between `low` and `high` (default: the values').

    Baseline and target are passed as the range, so that a flat line near the bottom
    reads "far from the target" rather than filling the height on its own.
    """
    if not values:
        return ""
    floor = min(v for v in (*values, low) if v is not None)
    ceiling = max(v for v in (*values, high) if v is not None)
    if ceiling == floor:
        return _LEVELS[len(_LEVELS) // 2] * len(values)
    top = len(_LEVELS) - 1
    return "".join(_LEVELS[round(position(v, floor, ceiling) * top)] for v in values)


def number_text(value: Number | None) -> str:
    """A figure in the interface language (`12,5` in French), ungrouped: it is also what
    a reading's field shows, and parse_number must read it back as it was."""
    return format_number(value, grouping=False)


class StatusPicker(Widget, can_focus=True):
    """An action's new status in one key (see STATUS_KEYS, or 1 to 5); space for no change.

    Picking a status moves on to the next field, so that a whole action is one key and
    a few words.
    """

    DEFAULT_CSS = """
    StatusPicker { height: auto; width: 1fr; }
    StatusPicker:focus { background: $primary 25%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(f"{_keys_for(status)},{number}", f"pick('{status}')", show=False)
            for number, status in enumerate(STATUSES, start=1)
        ),
        Binding("space,backspace,0", "pick('')", _("No change"), show=False),
        Binding("right", "cycle(1)", show=False),
        Binding("left", "cycle(-1)", show=False),
        Binding("enter", "app.focus_next", show=False),
    ]

    status: reactive[str | None] = reactive(None, layout=True)

    class Picked(Message):
        """The group gave a status (or took it back: None)."""

        def __init__(self, picker: StatusPicker, status: str | None) -> None:
            super().__init__()
            self.picker = picker
            self.status = status

    def __init__(self, current: str, status: str | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The action's status before the review, named when nothing is picked.
        self.current = current
        self.set_reactive(StatusPicker.status, status)

    def render(self) -> Content:
        # Nothing picked: the status the action already has is underlined ("no change").
        parts: list[str | tuple[str, str]] = []
        shown = status_keys()
        for status in STATUSES:
            key = shown.get(status, "")
            words = method.label("status", status)
            if status == self.status:
                parts.extend([(f"{key} {words}", "reverse bold"), "  "])
            else:
                style = "underline" if self.status is None and status == self.current else ""
                parts.extend([(key, "bold $text-accent"), " ", (words, style), "  "])
        return Content.assemble(*parts)

    def action_pick(self, status: str) -> None:
        self.status = status or None
        self.post_message(self.Picked(self, self.status))
        if status:
            self.screen.focus_next()

    def action_cycle(self, offset: int) -> None:
        options: list[str | None] = [None, *STATUSES]
        index = options.index(self.status) if self.status in options else 0
        self.status = options[(index + offset) % len(options)]
        self.post_message(self.Picked(self, self.status))
