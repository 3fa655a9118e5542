"""Opening a plan styles its screen fewer times, and it looks and behaves the same: the
footer's keys, the breakpoint classes given before the first frame, the first field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from planwizard.tui.screens.steps import StepScreen
from planwizard.tui.widgets.footer import KeysFooter
from tests.tui.tui_helpers import screen_text, settle, steady_app


class _FooterApp(App[None]):
    BINDINGS = [  # noqa: RUF012
        Binding("f1", "help", "Help"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("escape", "home", "Plans"),
    ]

    def __init__(self, footer: Footer) -> None:
        super().__init__()
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield self.footer


async def _keys_of(footer: Footer) -> list[tuple[Any, ...]]:
    app = _FooterApp(footer)
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        await pilot.pause()
        return [
            (key.key, sorted(key.classes), key.compact, key.region, str(key.render()))
            for key in app.query(FooterKey)
        ]


async def test_the_keys_footer_shows_the_keys_as_textuals_footer() -> None:
    for compact in (False, True):
        ours = await _keys_of(KeysFooter(compact=compact))
        textual = await _keys_of(Footer(compact=compact))
        assert ours == textual
        assert len(ours) == 4  # three keys and the palette's


async def test_an_opened_plan_has_its_breakpoint_and_first_field(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    for width, wide in ((120, True), (80, False)):
        app = steady_app(plans_dir, open_path=path, start="open")
        async with app.run_test(size=(width, 30)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, StepScreen)
            assert screen.has_class("-wide") is wide
            assert screen.has_class("-narrow") is not wide
            assert app.focused is screen.query(StepScreen.FIRST_FIELD).first()
            await pilot.resize_terminal(80 if wide else 120, 30)
            await settle(pilot)
            assert screen.has_class("-wide") is not wide  # Textual still follows the size
            await pilot.press("f2")  # a step built at the new size
            await settle(pilot)
            assert app.screen.has_class("-wide") is not wide


async def test_an_opened_plans_footer_is_built_once_with_its_keys(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds: list[int] = []
    compose = KeysFooter.compose

    def counted(self: KeysFooter) -> ComposeResult:
        keys = list(compose(self))
        builds.append(len(keys))
        yield from keys

    monkeypatch.setattr(KeysFooter, "compose", counted)
    app = steady_app(plans_dir, open_path=plans_dir / "orientation.toml", start="open")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        # Built once, with the keys, not empty and then rebuilt after the first frame.
        assert len(builds) == 1 and builds[0] > 3
        assert "esc Plans" in screen_text(app)


class _ToggleApp(App[None]):
    """Undo is shown greyed out until there is something to undo (check_action)."""

    BINDINGS = [  # noqa: RUF012
        Binding("f1", "help", "Help"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("escape", "home", "Plans"),
    ]
    can_undo = False

    def __init__(self, footer: Footer) -> None:
        super().__init__()
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield self.footer

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return True if self.can_undo else None  # None: shown, disabled
        return True


async def _keys_after_toggle(footer: Footer) -> tuple[list[tuple[Any, ...]], bool]:
    """The keys drawn once Undo is enabled, and whether they are the widgets drawn before."""
    app = _ToggleApp(footer)
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        await pilot.pause()
        before = list(app.query(FooterKey))
        assert [k._disabled for k in before if k.action == "undo"] == [True]
        app.can_undo = True
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        after = list(app.query(FooterKey))
        keys = [
            (
                key.key,
                key._disabled,
                sorted(key.classes),
                key.tooltip,
                key.region,
                str(key.render()),
            )
            for key in after
        ]
        return keys, [id(k) for k in before] == [id(k) for k in after]


async def test_a_key_enabled_by_a_change_is_set_on_the_key_drawn() -> None:
    # Ctrl+Z becomes enabled with the first change of a plan: the footer sets that on the
    # key drawn, as the change's message is handled, and looks as Textual's footer looks
    # once it has rebuilt all its keys after the next frame (a frame of its own).
    ours, same_widgets = await _keys_after_toggle(KeysFooter())
    textual, textual_same = await _keys_after_toggle(Footer())
    assert ours == textual
    assert same_widgets
    assert not textual_same  # Textual's footer is rebuilt


class _TwoPlacesApp(App[None]):
    """Two places to type, each with its own keys (as a field and an item table)."""

    def __init__(self, footer: Footer) -> None:
        super().__init__()
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield _Place(_FEW, id="few")
        yield _Place(_MANY, id="many")
        yield self.footer


_FEW = [Binding("ctrl+z", "undo", "Undo"), Binding("escape", "home", "Plans")]
_MANY = [
    Binding("a", "add", "Add"),
    Binding("e", "edit", "Edit", tooltip="Edit the highlighted item"),
    Binding("delete", "delete", "Delete", key_display="Del"),
    Binding("escape", "home", "Plans"),
]


class _Place(Static, can_focus=True):
    def __init__(self, bindings: list[Binding], id: str) -> None:
        super().__init__(id, id=id)
        self._bindings = BindingsMap(bindings)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "undo" else True  # Undo shown, disabled


async def _keys_on_the_way(footer: Footer) -> tuple[list[list[tuple[Any, ...]]], list[int]]:
    """The keys shown with the focus on "many", "few", "many" again; and how many
    footer keys were made in all."""
    app = _TwoPlacesApp(footer)
    seen: list[list[tuple[Any, ...]]] = []
    made: set[int] = set()
    async with app.run_test(size=(100, 6)) as pilot:
        for place in ("many", "few", "many"):
            app.query_one(f"#{place}").focus()
            for _ in range(3):
                await pilot.pause()
            shown = [key for key in app.query(FooterKey) if key.display]
            made.update(id(key) for key in app.query(FooterKey))
            seen.append(
                [
                    (
                        key.key,
                        key.key_display,
                        key.description,
                        key.action,
                        key._disabled,
                        sorted(key.classes),
                        key.tooltip,
                        key.region,
                        str(key.render()),
                    )
                    for key in shown
                ]
            )
    return seen, [len(made)]


async def test_keys_of_another_place_are_set_on_the_keys_drawn() -> None:
    # From a table to a field and back: the footer shows what Textual's rebuilt footer
    # shows, in the widgets drawn (hidden when not needed), with no rebuild.
    ours, ours_made = await _keys_on_the_way(KeysFooter())
    textual, textual_made = await _keys_on_the_way(Footer())
    assert ours == textual
    assert [len(keys) for keys in ours] == [5, 3, 5]  # with the palette's key
    assert ours_made == [5]  # the keys drawn first, used again
    assert textual_made[0] > 5  # Textual's footer made new keys at each turn
