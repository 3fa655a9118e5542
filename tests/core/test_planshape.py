"""planshape, the model-free check and canonical form the merge driver uses, agrees with
the plan model: what it accepts loads, and its canonical form is what a save writes."""

from __future__ import annotations

import copy
import datetime as dt
import types
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from planwizard import model, planshape
from planwizard.ids import fill_ids
from planwizard.storage import PlanError, load_plan, plan_from_data, plan_to_data
from tests.conftest import CONTRACT_EXAMPLE
from tests.core.test_merge_properties import base_plans, edits

RECOMMENDATIONS_EXAMPLE = CONTRACT_EXAMPLE.with_name("plan-format-recommendations.toml")

PROPERTY = settings(max_examples=150, deadline=None)


def _kind_of(annotation: Any) -> Any:
    """The planshape kind for a model field's annotation."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _kind_of(args[0])
    if annotation is str:
        return "str"
    if annotation is bool:
        return "bool"
    if annotation is int:
        return "int"
    if annotation is dt.date:
        return "date"
    if annotation == model.Number or (origin in (typing.Union, types.UnionType) and int in args):
        return "number"
    if origin is typing.Literal:
        return ("word", typing.get_args(annotation))
    if origin is list:
        (item,) = typing.get_args(annotation)
        if item is str:
            return "strs"
        if typing.get_origin(item) is typing.Literal:
            return ("words", typing.get_args(item))
        return ("items", item)
    if origin is dict:
        return "seconds"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("table", annotation)
    raise AssertionError(f"no planshape kind for {annotation!r}")


def _same_fields(model_class: type[BaseModel], fields: list[planshape.Field]) -> None:
    declared = list(model_class.model_fields.items())
    # A field's name in the file is its alias where it has one (`with`, a Python keyword).
    assert [spec.alias or name for name, spec in declared] == [f[0] for f in fields], model_class
    for (name, spec), (_name, kind, required, default) in zip(declared, fields, strict=True):
        assert spec.is_required() == required, (model_class, name)
        if name == "schema_version":
            assert kind == "version"
            continue
        expected = _kind_of(spec.annotation)
        if isinstance(expected, tuple) and expected[0] in ("table", "items"):
            assert kind[0] == expected[0], (model_class, name)
            _same_fields(expected[1], kind[1])
            continue
        assert kind == expected, (model_class, name)
        simple_default = spec.default if spec.default_factory is None else None
        if simple_default not in (None, "", [], {}) and not spec.is_required():
            assert default == simple_default, (model_class, name)


def test_the_shape_follows_the_model_field_by_field() -> None:
    assert planshape.SCHEMA_VERSION == model.SCHEMA_VERSION
    _same_fields(model.Plan, planshape.PLAN)


@pytest.mark.parametrize("example", [CONTRACT_EXAMPLE, RECOMMENDATIONS_EXAMPLE])
def test_the_contract_examples_are_surely_valid_and_canonical_as_a_save_writes_them(
    example: Path,
) -> None:
    import tomllib

    data = fill_ids(tomllib.loads(example.read_text(encoding="utf-8")))
    assert planshape.surely_valid(data)
    assert planshape.canonical(data) == plan_to_data(load_plan(example))


def test_a_link_to_nothing_is_not_surely_valid() -> None:
    import tomllib

    data = fill_ids(tomllib.loads(RECOMMENDATIONS_EXAMPLE.read_text(encoding="utf-8")))
    data["actions"][0]["recommendations"] = ["nowhere"]
    assert not planshape.surely_valid(data)


ODD_VALUES = st.one_of(
    st.integers(-2, 2),
    st.booleans(),
    st.floats(allow_nan=True),
    st.sampled_from(["", "x", "planned", "done", "2027-01-01", "monthly"]),
    st.dates(),
    st.datetimes(),
    st.lists(st.sampled_from(["a", "training"]), max_size=2),
    st.just({}),
)


@st.composite
def damaged(draw: st.DrawFn) -> dict[str, Any]:
    """A valid plan, maybe with one value anywhere replaced by an odd one."""
    plan = copy.deepcopy(draw(edits(draw(base_plans()), "z")))
    nodes: list[dict[str, Any]] = [plan]
    for value in plan.values():
        if isinstance(value, dict):
            nodes.append(value)
        elif isinstance(value, list):
            nodes.extend(v for v in value if isinstance(v, dict))
    for review in plan.get("reviews", []):
        nodes.extend(review.get("updates", []) + review.get("measurements", []))
    if draw(st.booleans()):
        node = draw(st.sampled_from(nodes))
        key = draw(st.sampled_from([*node, "status", "due", "title", "date", "value", "id"]))
        if draw(st.booleans()) or not node:
            node[key] = draw(ODD_VALUES)
        else:
            node.pop(key, None)
    return plan


@PROPERTY
@given(damaged())
def test_what_the_quick_check_accepts_loads_and_its_canonical_form_is_the_saved_one(
    data: dict[str, Any],
) -> None:
    data = fill_ids(data)
    if not planshape.surely_valid(data):
        return  # the driver asks the model then
    try:
        plan = plan_from_data(copy.deepcopy(data), "", "<plan>")
    except PlanError as exc:
        raise AssertionError(f"accepted but does not load: {exc}") from None
    assert planshape.canonical(data) == plan_to_data(plan)


LEAVES = (
    st.text(max_size=3)
    | st.booleans()
    | st.integers(min_value=-(2**64), max_value=2**64)
    | st.floats()
    | st.dates()
    | st.datetimes()
    | st.times()
)


def _nested(depth: int) -> Any:
    """Values nested `depth` deep around random leaves, as TOML can write them."""
    inner = st.recursive(
        LEAVES,
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(st.text(max_size=2), children, max_size=3)
        ),
        max_leaves=8,
    )
    wrap: Any = inner
    for _ in range(depth):
        wrap = st.one_of(st.lists(wrap, min_size=1, max_size=1), st.fixed_dictionaries({"k": wrap}))
    return wrap


@settings(max_examples=100, deadline=None)
@given(st.integers(0, planshape.MAX_DEPTH + 2).flatmap(_nested))
def test_the_quick_look_at_values_finds_what_the_full_look_finds(value: Any) -> None:
    data = {"top": value}
    assert planshape.value_issue(data) == planshape._find_value_issue(data)
