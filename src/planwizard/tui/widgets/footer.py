"""Textual's footer, drawn with fewer rebuilds and its keys styled once.

- Textual's `FooterKey` starts compact (`compact = reactive(True)`), so each key, as it
  is mounted, takes the `-compact` class and is styled; the footer's own `compact`
  (False) then reaches it through `data_bind` and the key loses the class and is styled
  again. Here each key bound to the footer is given the footer's value before it is
  mounted: it is styled once, and looks the same.
- Textual's footer is empty at first and rebuilt once the screen says its keys are
  ready, after the first frame: a plan opened drew its screen twice. Here, when the app
  has the focus (when Textual would show the keys at once), the first build shows the
  screen's keys; each later "keys changed" rebuilds only if the keys shown would differ.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    """A `Footer` built with the screen's keys, rebuilt only when they change."""

    _keys_shown: tuple[Any, ...] | None = None

    def _keys_now(self) -> tuple[Any, ...]:
        """What the footer draws: the keys shown, their words, whether enabled."""
        app = self.app
        shown = [
            (key, binding.action, binding.description, binding.key_display, binding.group)
            for key, (_node, binding, _enabled, _tip) in self.screen.active_bindings.items()
            if binding.show
        ]
        states = [
            (enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        ]
        return (self.compact, self.show_command_palette, app.ENABLE_COMMAND_PALETTE, shown, states)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready and self.app.app_focus:
            self.set_reactive(Footer._bindings_ready, True)
        self._keys_shown = self._keys_now() if self._bindings_ready else None
        compact = self.compact
        for widget in super().compose():
            # Only the keys bound to the footer's `compact`: the palette's key is not,
            # and stays compact, as Textual draws it.
            if isinstance(widget, FooterKey) and "compact" in (widget._reactive_connect or ()):
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if (
            self._keys_shown is not None
            and screen is self.screen
            and self.is_attached
            and screen.app.app_focus
            and self._keys_now() == self._keys_shown
        ):
            return  # these are the keys shown: nothing to rebuild
        super().bindings_changed(screen)
