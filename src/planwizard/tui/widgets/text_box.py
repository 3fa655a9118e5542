"""Textual's TextArea, letting go of the app once it is removed (tui/textual_leaks.py).

Every text area of planwizard is a TextBox (tests/tui/test_memory_after_leaving.py
holds the rule): a dialog opened and closed a hundred times in a workshop leaves
nothing behind.
"""

from __future__ import annotations

from textual.widgets import TextArea

from planwizard.tui.textual_leaks import forget_watchers_of


class TextBox(TextArea):
    """A TextArea whose watch of `app.theme` ends with it."""

    def _on_unmount(self) -> None:
        # Textual calls each class's own handler: Widget's runs as well.
        forget_watchers_of(self, self.app)
