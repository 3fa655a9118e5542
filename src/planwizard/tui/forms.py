"""Item forms built from the field catalogue (planwizard.fields).

An item form (add or edit an action, a stakeholder, an indicator, a recommendation, a
team role, a dialogue entry) shows its table's FORM fields, in the catalogue's form
order (`Table.form_fields`), each under its form label, with its placeholder; the kind
of value chooses the widget (a date, a choice of the vocabulary, ticks of the plan's
items a link names, a figure, a line of text). A field added to the catalogue with
FORM in its places is in the form at once.

What the catalogue cannot say (suggestions from the plan, a choice that must be
made, the day a review counts dates from, a field shown only when the plan uses it) is
a small hook on one field: `Hook` functions, given by each kind of item for its table
(`hooks`) and by the place that opens the form (`adjust`), rather than lists kept beside
the catalogue. `omit` leaves out fields a place does not show (the review's action form
has no status).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from planwizard import method, model
from planwizard.fieldspec import Field, Table
from planwizard.model import Plan, Recommendation
from planwizard.text import one_line, strip_control
from planwizard.tui.dialogs import FormField

#: A special case of one form field: the field as the catalogue makes it, the item
#: edited (None: a new one) and the plan → the field to show, or None to leave it out.
Hook = Callable[[FormField, Any, Plan], FormField | None]

#: The item form's widget for each kind of value (planwizard.fieldspec.VALUE_KINDS).
FORM_KINDS = {
    "line": "text",
    "text": "text",
    "date": "date",
    "number": "number",
    "choice": "choice",
    "choices": "multi",
    "links": "multi",
}

#: A new item's value where the model gives none.
_EMPTY: dict[str, Any] = {"line": "", "text": "", "choices": [], "links": []}


# ------------------------------------------------------------------ words


def recommendation_label(rec: Recommendation, limit: int = 50) -> str:
    """A recommendation in a few words: `§ 14 — Garantir un examen…` (its id when empty)."""
    reference = " ".join(one_line(rec.reference).split())
    text = one_line(rec.text, limit)
    if reference and text:
        return f"{reference} — {text}"
    return reference or text or rec.id


def vocabulary_choices(name: str, value: Any = None) -> list[tuple[str, str]]:
    """(label, value) of a vocabulary; a value from a newer planwizard, unknown here, is
    still offered so that it is kept."""
    choices = [(label, code) for code, label in method.labels(name).items()]
    if isinstance(value, str) and all(value != code for _label, code in choices):
        choices.append((strip_control(value), value))
    return choices


def link_choices(links: str, plan: Plan, named: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(label, id) of the plan's items a link names (stakeholders by name,
    recommendations in a few words), then any id named that is not one of them."""
    if links == "recommendations":
        choices = [(recommendation_label(rec, 40), rec.id) for rec in plan.recommendations]
    elif links == "actions":
        choices = [(one_line(a.title) or a.id, a.id) for a in plan.actions]
    else:
        items = getattr(plan, links)
        choices = [(one_line(item.name) or item.id, item.id) for item in items]
    known = {code for _label, code in choices}
    choices += [(code, code) for code in named if code not in known]
    return choices


# ------------------------------------------------------------------ the builder


def _new_value(table: Table, entry: Field) -> Any:
    """A new item's value: the model's default (an action is planned), else empty."""
    cls = getattr(model, table.model, None)
    info = cls.model_fields.get(entry.name) if cls is not None else None
    if info is not None and not info.is_required():
        return info.get_default(call_default_factory=True)
    return _EMPTY.get(entry.value)


def form_field(table: Table, entry: Field, item: Any, plan: Plan) -> FormField:
    """One catalogue field as an item form shows it, before its hooks."""
    kind = FORM_KINDS.get(entry.value)
    if kind is None:
        raise ValueError(f"{table.name}.{entry.name}: no form widget for {entry.value!r}")
    value = _new_value(table, entry) if item is None else getattr(item, entry.name)
    choices: Sequence[tuple[str, str]] = ()
    if isinstance(value, list):
        value = list(value)
    if entry.value in ("choice", "choices"):
        choices = vocabulary_choices(entry.vocabulary, value)
    elif entry.value == "links":
        choices = link_choices(entry.links, plan, value or ())
    return FormField(
        entry.file_key,
        entry.form_title(),
        kind,
        value=value,
        choices=choices,
        placeholder=entry.hint(),
    )


def item_form(
    table: Table,
    item: Any,
    plan: Plan,
    *,
    hooks: Mapping[str, Hook] | None = None,
    adjust: Mapping[str, Hook] | None = None,
    omit: Iterable[str] = (),
    extra: Sequence[FormField] = (),
) -> list[FormField]:
    """The form of `item` (None: a new one) of `table`: its FORM fields in form order.

    `hooks`: the kind of item's special cases, by field name; `adjust`: the opening
    place's, applied after them; `omit`: fields this place leaves out; `extra`: fields
    of the form that are not the item's (a written reply's position), at the end.
    """
    left_out = set(omit)
    found: list[FormField] = []
    for entry in table.form_fields():
        if entry.name in left_out:
            continue
        spec: FormField | None = form_field(table, entry, item, plan)
        for found_hooks in (hooks or {}, adjust or {}):
            hook = found_hooks.get(entry.name)
            if spec is not None and hook is not None:
                spec = hook(spec, item, plan)
        if spec is not None:
            found.append(spec)
    return [*found, *extra]


# ------------------------------------------------------------------ hooks


def suggest(names: Callable[[Plan], list[str]]) -> Hook:
    """Suggest what the plan already names (Tab or → accepts one)."""

    def hook(spec: FormField, item: Any, plan: Plan) -> FormField:
        return dataclasses.replace(spec, suggestions=names(plan))

    return hook


def required(spec: FormField, item: Any, plan: Plan) -> FormField:
    """A choice that cannot be left "not decided"."""
    return dataclasses.replace(spec, blank=False)


def changed(**changes: Any) -> Hook:
    """The field with some of its parts given (a base date, no placeholder...)."""

    def hook(spec: FormField, item: Any, plan: Plan) -> FormField:
        return dataclasses.replace(spec, **changes)

    return hook


def new_value(value: Callable[[], Any]) -> Hook:
    """A new item's value when the model has none to give (a dialogue entry's day)."""

    def hook(spec: FormField, item: Any, plan: Plan) -> FormField:
        return spec if item is not None else dataclasses.replace(spec, value=value())

    return hook


def when_used(spec: FormField, item: Any, plan: Plan) -> FormField | None:
    """A pick list shown only when there is something to pick or something picked
    (so that forms of plans that do not use it are as they were)."""
    return spec if spec.choices else None
