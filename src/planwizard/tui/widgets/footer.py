"""Textual's footer, drawn with fewer rebuilds and its keys styled once.

- Textual's `FooterKey` starts compact (`compact = reactive(True)`), so each key, as it
  is mounted, takes the `-compact` class and is styled; the footer's own `compact`
  (False) then reaches it through `data_bind` and the key loses the class and is styled
  again. Here each key bound to the footer is given the footer's value before it is
  mounted: it is styled once, and looks the same.
- Textual's footer is empty at first and rebuilt once the screen says its keys are
  ready, after the first frame: a plan opened drew its screen twice. Here, when the app
  has the focus (when Textual would show the keys at once), the first build shows the
  screen's keys. Each later "keys changed" is heard at once (not once the footer's
  messages come round) and sets the new keys on the keys drawn (words, action, enabled,
  tip), hiding those not needed and adding those missing: moving from a field to a
  table, or a first change that enables Ctrl+Z, draws two frames rather than four.
  Textual's rebuild is left for grouped keys.
"""

from __future__ import annotations

from dataclasses import dataclass
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

    def on_mount(self) -> None:
        # Once Footer.on_mount has subscribed (its handler runs after this one).
        self.call_next(self._hear_keys_at_once)

    def _hear_keys_at_once(self) -> None:
        """Hear of new keys as the screen says so, not once this footer's messages come
        round: a focus moved by a key sets the keys drawn before the frame that answers
        the key (see _set_keys_in_place)."""
        signal = self.screen.bindings_updated_signal
        signal.unsubscribe(self)
        signal.subscribe(self, self.bindings_changed, immediate=True)

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
            if now[:3] == self._keys_shown[:3] and self._set_keys_in_place():
                self._keys_shown = now
                return
        # Textual's rebuild, from this footer's own messages as Footer subscribes (heard
        # at once, the screen saying so would be taken for the keys' parent).
        self.call_next(super().bindings_changed, screen)

    def _wanted(self) -> tuple[list[_Key], _Key | None] | None:
        """The keys `Footer.compose` would make now, in its order, and the palette's;
        None when some are grouped (left to Textual's rebuild)."""
        app = self.app
        active = self.screen.active_bindings
        by_action: dict[str, tuple[Any, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                by_action.setdefault(binding.action, (binding, enabled, tooltip))
        if any(binding.group is not None for binding, _e, _t in by_action.values()):
            return None
        keys = [
            _Key(b.key, app.get_key_display(b), b.description, b.action, not enabled, tip)
            for b, enabled, tip in by_action.values()
        ]
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, b, enabled, _tip = found
                tip = b.tooltip or b.description
                palette = _Key(
                    b.key, app.get_key_display(b), b.description, b.action, not enabled, tip
                )
        return keys, palette

    def _set_keys_in_place(self) -> bool:
        """Give the keys drawn the screen's keys now, as Textual's footer would rebuild
        them, but at once and in the same widgets: moving from a field to a table (other
        keys) or making a first change (Ctrl+Z enabled) draws one frame with the new
        keys, not a frame with the old keys and two more as new ones are mounted and
        laid out after it. Keys drawn beyond those needed are hidden, for a later turn
        that needs more; keys needed beyond those drawn are added. False (Textual
        rebuilds) when keys are grouped."""
        wanted = self._wanted()
        if wanted is None:
            return False
        keys, palette = wanted
        drawn = [child for child in self.children if isinstance(child, FooterKey)]
        if len(drawn) != len(self.children) or any(k.has_class("-grouped") for k in drawn):
            return False
        palettes = [key for key in drawn if key.has_class("-command-palette")]
        plain = [key for key in drawn if not key.has_class("-command-palette")]
        if len(palettes) != (palette is not None):
            return False
        for widget, key in zip(plain, keys, strict=False):
            key.set_on(widget)
        for widget in plain[len(keys) :]:
            widget.display = False
        if palette is not None:
            palette.set_on(palettes[0])
        if len(keys) > len(plain):
            added = [key.made(self.compact) for key in keys[len(plain) :]]
            self.mount_all(added, before=palettes[0] if palettes else None)
        return True


@dataclass(frozen=True)
class _Key:
    """One key of the footer, as `Footer.compose` makes its `FooterKey`."""

    key: str
    key_display: str
    description: str
    action: str
    disabled: bool
    tooltip: str

    def set_on(self, widget: FooterKey) -> None:
        words = (self.key, self.key_display, self.description)
        if (widget.key, widget.key_display, widget.description) != words or not widget.display:
            widget.key, widget.key_display, widget.description = words
            widget.display = True
            widget.refresh(layout=True)  # its width follows its words
        widget.action = self.action
        # As FooterKey's constructor marks a key disabled (not Widget.disabled).
        widget._disabled = self.disabled
        widget.set_class(self.disabled, "-disabled")
        widget.tooltip = self.tooltip or None

    def made(self, compact: bool) -> FooterKey:
        """A new key, as `Footer.compose` makes one (compact given, not bound: a footer
        whose `compact` changes is rebuilt, see `_keys_now`)."""
        widget = FooterKey(
            self.key,
            self.key_display,
            self.description,
            self.action,
            disabled=self.disabled,
            tooltip=self.tooltip,
        )
        widget.set_reactive(FooterKey.compact, compact)
        widget.set_class(compact, "-compact", update=False)
        return widget
