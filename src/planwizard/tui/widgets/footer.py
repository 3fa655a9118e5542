"""Textual's footer, whose keys are styled once instead of twice.

Textual's `FooterKey` starts compact (`compact = reactive(True)`), so each key, as it is
mounted, takes the `-compact` class and is styled; the footer's own `compact` (False)
then reaches it through `data_bind` and the key loses the class and is styled again.
Each rebuild of the footer (opening a plan, moving between steps) paid that second
styling for every key, a large part of the footer's cost. Here each key is given the
footer's value before it is mounted: it is styled once, and looks the same.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    """A `Footer` whose keys take the footer's `compact` before they are mounted
    (those that follow it: Textual binds each key to it, but the palette's)."""

    def compose(self) -> ComposeResult:
        compact = self.compact
        for widget in super().compose():
            # Only the keys bound to the footer's `compact`: the palette's key is not,
            # and stays compact, as Textual draws it.
            if isinstance(widget, FooterKey) and "compact" in (widget._reactive_connect or ()):
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget
