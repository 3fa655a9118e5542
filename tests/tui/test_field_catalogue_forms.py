"""The step forms say what planwizard.fields says (same labels, same placeholders, no
field it does not know), and the item tables built from it show its table columns. The
item forms are built from it: tests/tui/test_forms_from_catalogue.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Label

from planwizard import fields
from planwizard.fields import FORM, TABLE
from planwizard.method import STEPS
from planwizard.tui.item_kinds import ITEM_KINDS, ItemKind
from planwizard.tui.screens.steps import StepScreen
from tests.tui.tui_helpers import settle, steady_app

#: The item tables whose columns come from the catalogue (catalogue_columns).
FROM_CATALOGUE = ("actions", "stakeholders", "indicators")


@pytest.mark.parametrize("kind", [ITEM_KINDS[k] for k in FROM_CATALOGUE], ids=FROM_CATALOGUE)
def test_item_tables_show_the_catalogues_table_columns(kind: ItemKind) -> None:
    table = fields.ITEMS[kind.attribute]
    headers = [h for h in kind.columns() if h]  # the actions' status mark has none
    assert headers == fields.headers(table, TABLE)


async def test_step_forms_show_the_catalogues_plain_fields_under_its_labels(
    plans_dir: Path,
) -> None:
    app = steady_app(plans_dir, open_path=plans_dir / "orientation.toml", start="open")
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        for step in STEPS:
            app.screen.action_go(step)  # type: ignore[attr-defined]
            await settle(pilot)
            assert isinstance(app.screen, StepScreen) and step == app.screen.STEP
            shown: dict[str, tuple[str, str]] = {}
            for row in app.screen.query(".field-row"):
                label = str(row.query_one(".field-label", Label).render())
                widget = next(w for w in row.query("*") if hasattr(w, "path"))
                shown[widget.path] = (label, str(getattr(widget, "placeholder", "") or ""))
            expected = {
                (f"{table.name}.{f.name}" if table is not fields.PLAN else f.name): f
                for table in ((fields.PLAN,) if step == "problem" else ())
                + fields.STEP_TABLES[step]
                for f in table.shown(FORM)
                if f.table is None
            }
            assert set(shown) == set(expected), step
            for path, (label, placeholder) in shown.items():
                assert label == expected[path].form_title(), path
                if expected[path].placeholder:
                    assert placeholder == expected[path].hint(), path
