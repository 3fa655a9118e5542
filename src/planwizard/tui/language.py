"""Switching the interface language while the app runs, without losing what was typed.

Key labels are translated when their screen classes are defined, and screens translate
their texts when they compose. A switch therefore (1) saves the field being typed in and
notes the raw text of every field, (2) re-translates the key labels of every planwizard
class, (3) rebuilds each screen of the stack from its state (a screen that can be rebuilt
has a `rebuilt()` method), and (4) puts the raw text back into the new fields, so that even
a half-typed date survives.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

from planwizard.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    _,
    catalogue,
    current_language,
    language_name,
    set_language,
)

if TYPE_CHECKING:
    from textual.app import App
    from textual.widgets import TextArea

#: What each language is called in itself, for the palette (from its catalogue's header).
LANGUAGE_NAMES = {language: language_name(language) for language in LANGUAGES}


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@cache
def _reverse_catalogue() -> dict[str, str]:
    reverse: dict[str, str] = {}
    for language in LANGUAGES:
        if language != DEFAULT_LANGUAGE:
            for msgid, translated in catalogue(language).items():
                reverse.setdefault(translated, msgid)
    return reverse


def _to_msgid(text: str) -> str:
    """The English message id of a label, whatever language it was translated into."""
    msgid = getattr(text, "msgid", None)
    if msgid is not None:
        return str(msgid)
    from planwizard.tui.textual_words import textual_words

    if text in textual_words():
        return text  # Textual's own English word: no catalogue to read for it
    if text in catalogue(DEFAULT_LANGUAGE):
        return text  # already a message id (a French word may equal another English one)
    return _reverse_catalogue().get(text, text)


def _as_binding(binding: Any) -> Any:
    # Textual also accepts (key, action, description) tuples in BINDINGS.
    if isinstance(binding, tuple) and len(binding) == 3:
        return Binding(*binding)
    return binding


def _retranslated(binding: Any) -> Any:
    binding = _as_binding(binding)
    if isinstance(binding, Binding) and binding.description:
        return dataclasses.replace(binding, description=_(_to_msgid(binding.description)))
    return binding


def key_label(description: str) -> str:
    """A key's description in the current language: ours, and Textual's own words
    (`Cursor up`, `Page down`) that our catalogues translate; any other as it is."""
    msgid = _to_msgid(description)
    return _(msgid) if msgid in catalogue(DEFAULT_LANGUAGE) else description


#: Whether Textual's classes hold words of another language than English just now.
_textual_translated = False


def _textual_word(binding: Any) -> bool:
    from planwizard.tui.textual_words import textual_words

    binding = _as_binding(binding)
    if not isinstance(binding, Binding):
        return False
    return str(getattr(binding.description, "msgid", binding.description)) in textual_words()


def _speaks_textual(cls: type) -> bool:
    """A Textual class whose own bindings have descriptions our catalogues translate."""
    return any(_textual_word(b) for b in cls.__dict__.get("BINDINGS", ()))


def retranslate_classes() -> None:
    """Key labels of planwizard's and Textual's screen and widget classes, in the current
    language.

    Labels are translated when a class is defined; an app started (or a language chosen)
    after that calls this so that the footer, the help and the palette follow. Textual's
    own words (its widgets' keys) are translated too; a Textual module imported later
    keeps English in the footer until the next switch, but F1 and the palette translate
    through :func:`key_label` when they show them.
    """
    global _textual_translated
    everything = list(_subclasses(DOMNode))
    ours = [c for c in everything if c.__module__.startswith("planwizard.")]
    textual: list[type] = []
    # Textual already speaks English: an English start leaves its classes alone.
    if _textual_translated or current_language() != DEFAULT_LANGUAGE:
        textual = [
            c for c in everything if c.__module__.startswith("textual.") and _speaks_textual(c)
        ]
        _textual_translated = current_language() != DEFAULT_LANGUAGE
    for cls in ours:
        bindings = cls.__dict__.get("BINDINGS")
        if bindings:
            cls.BINDINGS = [_retranslated(b) for b in bindings]  # type: ignore[attr-defined]
    for cls in textual:
        # Only the words we translate; any other stays as Textual wrote it.
        cls.BINDINGS = [  # type: ignore[attr-defined]
            _retranslated(b) if _textual_word(b) else b for b in cls.__dict__["BINDINGS"]
        ]
    changed = set(textual)
    node: Any
    for node in everything:
        stale = node in changed or node.__module__.startswith("planwizard.")
        if stale or (
            node._merged_bindings is not None and any(base in changed for base in node.__mro__)
        ):
            node._merged_bindings = node._merge_bindings()


def retranslate_live(node: DOMNode) -> None:
    """Key labels of a node that already exists, in place."""
    live = node._bindings
    live.key_to_bindings = {
        key: [_retranslated(b) for b in bindings] for key, bindings in live.key_to_bindings.items()
    }


def _fields_by_key(screen: Screen[Any]) -> dict[str, Input | TextArea]:
    """Every text field of a screen under a key that is the same on a rebuilt copy.

    The key is the id of the field or of its nearest named ancestor, with the field's
    position inside that ancestor (a date field's inner input has no id of its own).
    """
    from textual.widgets import TextArea  # loads only for a switch, not at every start

    found: dict[str, Input | TextArea] = {}
    counts: dict[str, int] = {}
    for field in screen.query("Input, TextArea"):
        if not isinstance(field, Input | TextArea):
            continue
        anchor = next((n for n in field.ancestors_with_self if n.id), None)
        if anchor is None or anchor is screen:
            continue
        assert anchor.id is not None
        position = counts.get(anchor.id, 0)
        counts[anchor.id] = position + 1
        found[f"{anchor.id}/{position}"] = field
    return found


def typed_values(screen: Screen[Any]) -> dict[str, str]:
    """The raw text of every text field on a screen, as typed."""
    return {
        key: field.value if isinstance(field, Input) else field.text
        for key, field in _fields_by_key(screen).items()
    }


def restore_values(screen: Screen[Any], values: dict[str, str]) -> None:
    """Put raw text back where a rebuilt screen shows something else (a half-typed date)."""
    from textual.widgets import TextArea

    for key, field in _fields_by_key(screen).items():
        value = values.get(key)
        if value is None:
            continue
        if isinstance(field, Input) and field.value != value:
            field.value = value
        elif isinstance(field, TextArea) and field.text != value:
            field.text = value


@runtime_checkable
class Rebuilds(Protocol):
    """A screen that can be built again in the new language (the steps, the dialogue
    log, the recommendations)."""

    def rebuilt(self) -> Screen[Any]: ...


async def switch_language(app: App[Any], language: str) -> bool:
    """Switch the interface language; False (and a message) when a screen cannot follow.

    The bottom screen (home) is re-composed in place, since Textual's default screen
    cannot be swapped; the screens above it are replaced by rebuilt copies.
    """
    stack = list(app.screen_stack)
    base, above = stack[0], stack[1:]
    if not hasattr(base, "recompose_in_language") or any(
        isinstance(s, ModalScreen) or not isinstance(s, Rebuilds) for s in above
    ):
        app.notify(_("Close the open dialog first, then switch the language."), severity="warning")
        return False
    typed: list[dict[str, str]] = []
    for screen in stack:
        save_pending = getattr(screen, "save_pending", None)
        if save_pending is not None:
            save_pending()
        typed.append(typed_values(screen))
    set_language(language)
    retranslate_classes()
    # The app's own map also holds bindings Textual added at start (the palette's key).
    retranslate_live(app)
    rebuilt = [screen.rebuilt() for screen in above if isinstance(screen, Rebuilds)]
    while len(app.screen_stack) > 1:
        app.pop_screen()
    await base.recompose_in_language()
    base._bindings = type(base)._merged_bindings.copy()  # type: ignore[union-attr]
    for screen in rebuilt:
        await app.push_screen(screen)
    for screen, values in zip([base, *rebuilt], typed, strict=True):
        screen.call_after_refresh(restore_values, screen, values)
    app.screen.refresh_bindings()
    app.notify(
        _("Interface language: {name}").format(name=LANGUAGE_NAMES.get(language, language)),
        timeout=3,
    )
    return True
