"""Themes for the room: dark, light, high contrast, and the projector's own.

A projector washes colours out: the room view uses pure black on white (or white on
black when the app is dark) with saturated accents. The high-contrast theme is the same
palette for everyday use; all three everyday themes are in the command palette.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.theme import Theme

from planwizard.i18n import _

DARK = "textual-dark"
LIGHT = "textual-light"
HIGH_CONTRAST = "planwizard-high-contrast"
PROJECTOR_DARK = "planwizard-projector"
PROJECTOR_LIGHT = "planwizard-projector-light"


def _on_black(name: str) -> Theme:
    return Theme(
        name=name,
        primary="#FFD700",
        secondary="#00C8FF",
        accent="#FFD700",
        warning="#FFB000",
        error="#FF3B3B",
        success="#3BFF6B",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#1C1C1C",
        boost="#FFFFFF14",
        dark=True,
        text_alpha=1.0,
        variables={"text-muted": "#E0E0E0", "footer-key-foreground": "#FFD700"},
    )


def _on_white(name: str) -> Theme:
    return Theme(
        name=name,
        primary="#0030A0",
        secondary="#005A9E",
        accent="#0030A0",
        warning="#A04000",
        error="#B00000",
        success="#006B1B",
        foreground="#000000",
        background="#FFFFFF",
        surface="#FFFFFF",
        panel="#E6E6E6",
        boost="#0000000F",
        dark=False,
        text_alpha=1.0,
        variables={"text-muted": "#202020", "footer-key-foreground": "#0030A0"},
    )


def register_themes(app: App[Any]) -> None:
    for theme in (_on_black(HIGH_CONTRAST), _on_black(PROJECTOR_DARK), _on_white(PROJECTOR_LIGHT)):
        app.register_theme(theme)


def projector_theme(app: App[Any]) -> str:
    """The room view's theme: dark or light like the theme in use."""
    return PROJECTOR_DARK if app.current_theme.dark else PROJECTOR_LIGHT


def theme_commands(app: App[Any]) -> Iterable[SystemCommand]:
    """Palette commands for the three everyday themes."""
    for name, title, help_text in (
        (DARK, _("Theme: dark"), _("Light text on a dark background")),
        (LIGHT, _("Theme: light"), _("Dark text on a light background")),
        (HIGH_CONTRAST, _("Theme: high contrast"), _("White on black, for a projector")),
    ):
        yield SystemCommand(title, help_text, partial(setattr, app, "theme", name))
