"""Keeping the screen steady: cursors that blink only when the app wants, and a footer
that is rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen


def settle_cursors(screen: Any) -> None:
    settle = getattr(screen.app, "settle_cursors", None)
    if settle is not None:
        settle(screen)


class SteadyKeysScreen(Screen[None]):
    """A screen whose footer is rebuilt only when the keys it would show change.

    Textual's footer rebuilds every key each time a screen asks it to, and screens ask
    often: focus moving, a table refilled, each change saved. With eight keys that is a
    noticeable part of every Enter in the room. The asks of one moment are gathered, and
    the footer is told only if the keys, their labels or whether they are enabled moved.
    """

    _keys_refresh_pending = False
    _keys_shown: tuple[object, ...] | None = None

    def refresh_bindings(self) -> None:
        if not self._keys_refresh_pending:
            self._keys_refresh_pending = True
            self.call_later(self._publish_keys_if_changed)

    def _publish_keys_if_changed(self) -> None:
        self._keys_refresh_pending = False
        if not (self.is_attached and self in self.app.screen_stack):
            return  # the screen left, or the app is closing
        shown = (
            self.app.app_focus,  # the footer waits for the app to have focus
            *(
                (key, b.binding.action, b.binding.description, b.binding.show, b.enabled)
                for key, b in self.active_bindings.items()
            ),
        )
        if shown != self._keys_shown:
            self._keys_shown = shown
            super().refresh_bindings()
