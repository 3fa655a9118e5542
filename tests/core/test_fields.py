"""The field catalogue (planwizard.fields) describes every field of the model, agrees with
the merge driver's model-free shape (planshape) and with docs/plan-format.md, and the CSV
export lists every field it declares: a field added to the model alone fails here."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from planwizard import fields, method, model, planshape
from planwizard.fields import CSV, FORM, PLACES, VALUE_KINDS
from planwizard.i18n import catalogue
from tests.core.test_planshape import _kind_of
from tests.export_samples import rich_plan

ROOT = Path(__file__).resolve().parents[2]

#: The planshape kind each catalogue kind of value is written as in the file.
SHAPES = {
    "line": "str",
    "text": "str",
    "id": "str",
    "link": "str",
    "lines": "strs",
    "links": "strs",
    "date": "date",
    "number": "number",
    "flag": "bool",
    "version": "version",
    "seconds": "seconds",
}


def _walk(model_class: type[BaseModel], table: fields.Table) -> None:
    declared = list(model_class.model_fields.items())
    assert table.model == model_class.__name__
    assert [f.name for f in table.fields] == [name for name, _spec in declared], table.name
    for (name, spec), entry in zip(declared, table.fields, strict=True):
        assert entry.file_key == (spec.alias or name), (table.name, name)
        assert entry.value in VALUE_KINDS and entry.places <= set(PLACES), (table.name, name)
        kind = _kind_of(spec.annotation) if name != "schema_version" else "version"
        if isinstance(kind, tuple) and kind[0] in ("table", "items"):
            assert entry.value == kind[0] and entry.table is not None, (table.name, name)
            _walk(kind[1], entry.table)


def test_every_model_field_has_its_entry_in_the_models_order() -> None:
    _walk(model.Plan, fields.PLAN)


def _shape_walk(shape: list[planshape.Field], table: fields.Table) -> None:
    assert [f[0] for f in shape] == [f.file_key for f in table.fields], table.name
    for (name, kind, _required, _default), entry in zip(shape, table.fields, strict=True):
        if entry.value in ("table", "items"):
            assert kind[0] == entry.value and entry.table is not None
            _shape_walk(kind[1], entry.table)
        elif entry.value in ("choice", "choices"):
            assert kind[0] == ("word" if entry.value == "choice" else "words"), name
            if entry.vocabulary:  # its words are the file's codes, in the same order
                assert tuple(method.labels(entry.vocabulary)) == kind[1], name
        else:
            assert SHAPES[entry.value] == kind, (table.name, name)


def test_the_catalogue_agrees_with_the_merge_drivers_shape() -> None:
    _shape_walk(planshape.PLAN, fields.PLAN)


def test_labels_and_placeholders_are_translated_into_french() -> None:
    french = catalogue("fr")
    for table in fields.tables():
        for entry in table.fields:
            for message in (entry.label, entry.form_label, entry.placeholder):
                if message:
                    assert french.get(message), message


def _documented(markdown: str) -> dict[str, set[str]]:
    """Each table of docs/plan-format.md (by the name in its heading) -> its field names."""
    found: dict[str, set[str]] = {}
    current: set[str] | None = None
    for line in markdown.splitlines():
        if line.startswith("#"):
            heading = re.search(r"`\[+([\w.]+)\]+`", line)
            name = heading.group(1) if heading else ("" if "Top level" in line else None)
            current = found.setdefault(name, set()) if name is not None else None
        elif current is not None and line.startswith("| `"):
            for cell in re.findall(r"`\[*([\w.]+)\]*`", line.split("|")[1]):
                current.add(cell.rsplit(".", 1)[-1])
    return found


def test_docs_plan_format_lists_every_field() -> None:
    documented = _documented((ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8"))
    for table in fields.tables():
        missing = [f.file_key for f in table.fields if f.file_key not in documented[table.name]]
        assert not missing, f"docs/plan-format.md, [{table.name or 'top level'}]: {missing}"


@pytest.mark.parametrize(
    ("table", "what"),
    [
        (fields.ACTIONS, "actions"),
        (fields.INDICATORS, "indicators"),
        (fields.RECOMMENDATIONS, "recommendations"),
    ],
    ids=["actions", "indicators", "recommendations"],
)
def test_the_csv_export_never_drops_a_declared_field(table: fields.Table, what: str) -> None:
    import csv
    import io

    from planwizard.exports import export_plan

    assert all(CSV in f.places for f in table.fields), "an item exported as CSV, field by field"
    data = export_plan(rich_plan(), "csv", what, lang="en", audience="team")
    assert isinstance(data, bytes)
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [h for h in header if h in fields.headers(table, CSV)] == fields.headers(table, CSV)


def test_kind_comes_before_level_wherever_both_show() -> None:
    for place in PLACES:
        names = [f.name for f in fields.ACTIONS.shown(place)]
        if "kind" in names and "level" in names:
            assert names.index("kind") < names.index("level"), place


def test_a_dropped_indicators_name_says_so_where_it_is_listed_with_others() -> None:
    plan = rich_plan()
    indicator = plan.indicators[0].model_copy(update={"dropped": dt.date(2027, 1, 2)})
    name = fields.INDICATORS.field("name")
    assert fields.show(name, indicator, fields.TABLE).startswith("(dropped) ")
    assert "no longer measured since 2 Jan 2027" in fields.show(name, indicator, fields.REPORT)
    assert fields.show(name, indicator, CSV) == indicator.name


def test_values_read_in_words_for_people_and_as_codes_for_machines() -> None:
    plan = rich_plan()
    action = plan.actions[1]
    table = fields.ACTIONS
    assert fields.show(table.field("status"), action, fields.REPORT) == "in progress"
    assert fields.show(table.field("due"), action, CSV) == "2027-02-28"
    assert fields.show(table.field("due"), action, fields.REPORT) == "28 Feb 2027"
    rec_links = fields.RECOMMENDATIONS.field("addressed_to")
    rec = model.Recommendation(addressed_to=["s-pol", "gone"])
    assert fields.show(rec_links, rec, CSV, plan) == "Police; gone"
    assert fields.show(rec_links, rec, fields.CALENDAR, plan) == "Police, gone"
    assert FORM in table.field("level").places


def test_links_read_as_the_names_of_the_items_they_name() -> None:
    plan = rich_plan()
    update = model.ActionUpdate(action="a-0002", status="done")
    gone = model.ActionUpdate(action="a-gone")
    action = fields.ACTION_UPDATES.field("action")
    assert fields.show(action, update, fields.REPORT, plan) == "Former l'accueil"
    assert fields.show(action, gone, fields.REPORT, plan) == "a-gone"
    assert fields.show(action, update, fields.REPORT) == "a-0002"  # no plan at hand
