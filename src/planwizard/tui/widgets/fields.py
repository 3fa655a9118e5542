"""Form fields bound to a place in the plan (`path` such as "problem.statement").

A field remembers the text it was loaded with; the screen saves only fields whose text
the user changed, so that a field merely visited never rewrites the file. A field is
saved when it is left or Enter is pressed, and also after a short pause in typing
(about a second, planwizard.tui.app.SAVE_PAUSE): a killed terminal or a closed laptop
then loses at most the last second of typing, and each pause is one undo step.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.suggester import Suggester, SuggestFromList
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from planwizard.i18n import _
from planwizard.text import strip_control
from planwizard.tui.widgets.text_box import TextBox


class FieldDone(Message):
    """A field was left or confirmed: time to save it if it changed."""

    def __init__(self, field: Any) -> None:
        super().__init__()
        self.field = field


class SavesOnPause:
    """Posts FieldDone once the typing pauses (about a second without a key).

    Mixed into the text fields below. The pause's length is the app's `save_pause`
    (planwizard.tui.app.SAVE_PAUSE; None: no timer, as in tests, which call `pause_over`
    to stand for the pause rather than wait for it).

    One timer per pause, not one per key: each key only notes its time, and a timer that
    rings before the pause is over waits again for the rest of it.
    """

    _pause_timer: Timer | None = None
    _waiting: bool = False
    _last_key: float = 0.0

    if TYPE_CHECKING:  # defined by each field below; declared for the type checker only

        @property
        def edited(self) -> bool: ...

    def typed(self) -> None:
        """The text changed: save it once the typing pauses (the last key counts)."""
        assert isinstance(self, Widget)
        self._waiting = self.edited
        pause = getattr(self.app, "save_pause", None)
        if not self._waiting or pause is None:
            self._stop_pause_timer()
            return
        self._last_key = time.monotonic()
        if self._pause_timer is None:
            self._pause_timer = self.set_timer(pause, self._pause_rang, name="save-pause")

    def _stop_pause_timer(self) -> None:
        if self._pause_timer is not None:
            self._pause_timer.stop()
            self._pause_timer = None

    def _pause_rang(self) -> None:
        assert isinstance(self, Widget)
        self._pause_timer = None
        pause = getattr(self.app, "save_pause", None)
        if pause is None or not self._waiting:
            return
        rest = self._last_key + pause - time.monotonic()
        if rest > 0.01:  # keys came meanwhile: the pause counts from the last one
            self._pause_timer = self.set_timer(rest, self._pause_rang, name="save-pause")
        else:
            self.pause_over()

    @property
    def pause_pending(self) -> bool:
        """Whether typed text waits for the pause (or for leaving) to be saved."""
        return self._waiting

    def pause_over(self) -> None:
        """The typing paused: ask the screen to save the field (one undo step)."""
        assert isinstance(self, Widget)
        self._stop_pause_timer()
        self._waiting = False
        if self.edited and self.is_attached:
            self.post_message(FieldDone(self))


class SteadyInput(Input):
    """An Input whose keys redraw the Input alone.

    At each change Input sets its virtual size to the text's width, and the virtual
    size is a reactive that lays the whole screen out again: a step's form has a few
    hundred widgets, laid out at every letter typed. An input whose width and height the
    CSS fixes takes no more room for a longer text (it scrolls within itself), so the
    size is set without a layout; an input sized by its content still has one.

    Typed at the end of a text longer than the input, each key scrolls it, and Input
    moves its horizontal scrollbar though the scrollbar takes no room and is never
    drawn: a widget off the screen that asks to be drawn has the whole screen laid
    out again. The scrollbar is left alone while it takes no room.

    Suggestions are worked out at once, in the key's own frame, where the suggester
    can (a `suggest_now` method, or Textual's SuggestFromList): Input runs every
    suggester in a worker, one per key, and its answer comes a frame later.
    """

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        if self.show_horizontal_scrollbar and self.styles.scrollbar_size_horizontal:
            self.horizontal_scrollbar.position = new_value
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)

    def _watch_value(self, value: str) -> None:
        if not self.styles.auto_dimensions:
            self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        suggester = self.suggester
        now = suggests_at_once(suggester)
        if now is None:
            super()._watch_value(value)
            return
        self.suggester = None  # Input's worker is not needed: answered below
        try:
            super()._watch_value(value)
        finally:
            self.suggester = suggester
        suggestion = now(value) if value else None
        if suggestion:
            self._suggestion = suggestion


def suggests_at_once(suggester: Suggester | None) -> Callable[[str], str | None] | None:
    """How `suggester` answers without waiting, if it can."""
    now: Callable[[str], str | None] | None = getattr(suggester, "suggest_now", None)
    if now is not None or not isinstance(suggester, SuggestFromList):
        return now
    names: list[str] = suggester._suggestions
    compared: list[str] = suggester._for_comparison
    folding = not suggester.case_sensitive

    def from_list(value: str) -> str | None:
        # As SuggestFromList.get_suggestion does.
        wanted = value.casefold() if folding else value
        for name, known in zip(names, compared, strict=True):
            if known.startswith(wanted):
                return name
        return None

    return from_list


class LineField(SavesOnPause, SteadyInput):
    """One line of plan text; Enter goes on to the next field (the app moves the focus
    as the key is read, see PlanWizardApp.action_enter_moves_on)."""

    enter_moves_on = True

    def __init__(
        self,
        path: str,
        value: str = "",
        *,
        placeholder: str = "",
        suggester: Suggester | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(
            value=strip_control(value),
            placeholder=placeholder,
            suggester=suggester,
            id=id,
            compact=True,
            select_on_focus=False,
        )
        self.path = path
        self.loaded = self.value

    def load(self, value: str) -> None:
        self.value = self.loaded = strip_control(value)
        self.cursor_position = len(self.value)

    @property
    def edited(self) -> bool:
        return self.value != self.loaded

    def parsed(self) -> Any:
        return self.value.strip()

    def mark_saved(self) -> None:
        self.loaded = self.value

    def on_input_changed(self, event: Input.Changed) -> None:
        self.typed()

    def on_input_blurred(self, event: Input.Blurred) -> None:
        self.post_message(FieldDone(self))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.post_message(FieldDone(self))
        self.screen.focus_next()


class TextField(SavesOnPause, TextBox):
    """Several lines of plan text (a statement, notes)."""

    def __init__(
        self, path: str, value: str = "", *, placeholder: str = "", id: str | None = None
    ) -> None:
        super().__init__(
            strip_control(value),
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            placeholder=placeholder,
            compact=True,
        )
        self.path = path
        self.loaded = self.text

    def load(self, value: Any) -> None:
        self.loaded = strip_control(value)
        self.load_text(self.loaded)

    def on_resize(self) -> None:
        # TextArea wraps its lines again at the new width but leaves the lines already
        # drawn on screen: a screen laid out twice (a scrollbar appearing once the tables
        # are filled) showed a paragraph cut at two widths. Draw it again.
        self.refresh()

    @property
    def edited(self) -> bool:
        return self.text != self.loaded

    def parsed(self) -> Any:
        return self.text.strip()

    def mark_saved(self) -> None:
        self.loaded = self.text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.typed()

    def on_blur(self, event: events.Blur) -> None:
        self.post_message(FieldDone(self))


class LinesField(TextField):
    """A list of short texts, one per line (outcomes, participants, audience)."""

    def __init__(
        self, path: str, value: list[str], *, placeholder: str = "", id: str | None = None
    ) -> None:
        super().__init__(path, "\n".join(value), placeholder=placeholder, id=id)

    def load(self, value: Any) -> None:
        super().load("\n".join(value))

    def parsed(self) -> Any:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


def holds_typed_text(widget: object) -> bool:
    """Whether `widget` is a text field holding typed text not saved yet: a key typed in
    it tells a screen that a field is being typed in, without looking at the others."""
    return isinstance(widget, LineField | TextField) and widget.edited


class ChoiceField(Select[str]):
    """One value of a vocabulary (origin, scope, cadence), or not decided yet."""

    def __init__(
        self, path: str, choices: dict[str, str], value: str | None, *, id: str | None = None
    ) -> None:
        options = [(Content(label), key) for key, label in choices.items()]
        # A value from a newer planwizard, unknown here, is still offered so it is kept.
        if value is not None and value not in choices:
            options.append((Content(strip_control(value)), value))
        super().__init__(
            options,
            value=value if value is not None else Select.NULL,
            allow_blank=True,
            prompt=_("(not decided)"),
            compact=True,
            id=id,
        )
        self.path = path

    def load(self, value: Any) -> None:
        self.value = value if value is not None else Select.NULL

    def parsed(self) -> Any:
        return None if self.is_blank() else self.value


class MultiChoiceField(SelectionList[str]):
    """Several values of a vocabulary (what the concern is about).

    Ticked and unticked boxes differ by more than a colour ([x] and [ ]), for a
    projector's washed-out colours and for those who do not see them.
    """

    def __init__(
        self, path: str, choices: dict[str, str], values: list[str], *, id: str | None = None
    ) -> None:
        options = [Selection(Content(label), key, key in values) for key, label in choices.items()]
        options += [
            Selection(Content(strip_control(v)), v, True) for v in values if v not in choices
        ]
        super().__init__(*options, id=id, compact=True)
        self.path = path
        self._order = [*choices, *(v for v in values if v not in choices)]

    def load(self, value: Any) -> None:
        self.deselect_all()
        for item in value:
            self.select(item)

    def parsed(self) -> Any:
        # In the vocabulary's order, whatever order they were ticked in.
        return [value for value in self._order if value in self.selected]

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        if len(segments) < 2 or index >= self.option_count:
            return strip
        ticked = self.get_option_at_index(index).value in self.selected
        # The first four cells are Textual's box and a space: drawn again, as text.
        prompt = strip.crop(4)
        first = next(iter(prompt), None)
        base = (first.style if first is not None else None) or Style()
        meta = Style(meta=(segments[1].style or Style()).meta)
        box = "[x]" if ticked else "[ ]"
        style = base + meta + (Style(bold=True) if ticked else Style(dim=True))
        return Strip([Segment(box, style), Segment(" ", base), *prompt])
