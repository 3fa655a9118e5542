"""Textual's footer, drawn with fewer rebuilds and its keys styled once.

- Textual's `FooterKey` starts compact (`compact = reactive(True)`), so each key, as it
  is mounted, takes the `-compact` class and is styled; the footer's own `compact`
  (False) then reaches it through `data_bind` and the key loses the class and is styled
  again. Here each key bound to the footer is given the footer's value before it is
  mounted: it is styled once, and looks the same.
- Textual's footer is empty at first and rebuilt once the screen says its keys are
  ready, after the first frame: a plan opened drew its screen twice. Here, when the app
  has the focus (when Textual would show the keys at once), the first build shows the
  screen's keys; each later "keys changed" rebuilds only if the keys shown would differ,
  and when only whether a key is enabled changed, sets that on the key drawn.
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
        ):
            now = self._keys_now()
            if now == self._keys_shown:
                return  # these are the keys shown: nothing to rebuild
            if now[:4] == self._keys_shown[:4] and self._set_states_in_place():
                self._keys_shown = now
                return
        super().bindings_changed(screen)

    def _set_states_in_place(self) -> bool:
        """When only whether keys are enabled (or their tips) changed, as Ctrl+Z once
        there is a change to undo: set that on the keys drawn, as the footer hears of it
        (as a rule before the next frame), rather than rebuild every key after the next
        frame (Textual's way: a frame of its own, tens of ms later on a step screen).
        False when a key drawn has no binding now."""
        active = self.screen.active_bindings
        first: dict[str, tuple[Any, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                first.setdefault(binding.action, (binding, enabled, tooltip))
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        updates: list[tuple[FooterKey, bool, str]] = []
        for key in self.query(FooterKey):
            if key.has_class("-command-palette"):
                if palette is None:
                    return False
                _node, binding, enabled, tooltip = palette
                updates.append((key, enabled, binding.tooltip or binding.description))
                continue
            found = first.get(key.action)
            if found is None:
                return False
            binding, enabled, tooltip = found
            # As Footer.compose gives them: a grouped key's tip falls back on its words.
            tip = (tooltip or binding.description) if key.has_class("-grouped") else tooltip
            updates.append((key, enabled, tip))
        for key, enabled, tip in updates:
            # As FooterKey's constructor marks a key disabled (not Widget.disabled).
            key._disabled = not enabled
            key.set_class(not enabled, "-disabled")
            key.tooltip = tip or None
        return True
