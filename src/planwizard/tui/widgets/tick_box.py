"""A box ticked [x] or not [ ], as every tick in the app is drawn."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """Textual's Checkbox drawn [x] ticked, [ ] not (not ▐X▌), so that the two differ by
    more than a colour (a projector's washed-out colours, those who do not see them) and
    read as the step forms' ticks do."""

    @property
    def _button(self) -> Content:
        if self.value:
            return Content.assemble(("[x]", "bold"))
        return Content.assemble(("[ ]", "dim"))

    def render(self) -> Content:
        label = self._label.stylize_before(self.get_visual_style("toggle--label"))
        return Content.assemble(self._button, " ", label)
