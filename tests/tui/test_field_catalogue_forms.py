"""Until the step screens are built from the field catalogue (issue 16, stage 2), their
item forms and tables say what planwizard.fields says: same labels, same placeholders,
fields in the catalogue's order, columns the catalogue places in the table."""

from __future__ import annotations

import pytest

from planwizard import fields
from planwizard.fields import FORM, TABLE
from planwizard.tui.screens.steps import ITEM_KINDS, ItemKind
from tests.export_samples import rich_plan


@pytest.mark.parametrize("kind", list(ITEM_KINDS.values()), ids=list(ITEM_KINDS))
def test_item_forms_say_what_the_catalogue_says(kind: ItemKind) -> None:
    table = fields.ITEMS[kind.attribute]
    form = kind.form(None, rich_plan())
    in_form = [f.name for f in table.shown(FORM)]
    names = [f.name for f in form]
    # Every field of the form is a form field of the catalogue, in its order.
    assert names == [name for name in in_form if name in names]
    for form_field in form:
        entry = table.field(form_field.name)
        assert form_field.label == entry.form_title(), entry.name
        assert form_field.placeholder == entry.hint(), entry.name


@pytest.mark.parametrize("kind", list(ITEM_KINDS.values()), ids=list(ITEM_KINDS))
def test_item_tables_show_the_catalogues_table_columns(kind: ItemKind) -> None:
    table = fields.ITEMS[kind.attribute]
    headers = [h for h in kind.columns() if h]  # the actions' status mark has none
    assert headers == fields.headers(table, TABLE)
