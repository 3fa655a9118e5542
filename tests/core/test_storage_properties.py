"""Properties of reading and writing: any valid plan survives a save, and nothing but a
plan or a PlanError ever comes out of `load_plan`."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwizard import PlanError, dumps_plan, load_plan, save_plan
from planwizard.model import (
    ACTION_KINDS,
    CADENCES,
    CONCERNS,
    LEVELS,
    ORIGINS,
    PARKING_STATUSES,
    SCOPES,
    STATUSES,
    Action,
    ActionUpdate,
    Documentation,
    Indicator,
    Measurement,
    Monitoring,
    ParkingItem,
    Plan,
    Problem,
    Review,
    Stakeholder,
    Vision,
    Workshop,
)
from planwizard.storage import parse_plan_bytes, plan_to_data

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

text = st.text(max_size=40)
long_text = st.text(max_size=120)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
numbers = st.one_of(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
)
ids = st.from_regex(r"[a-z]-[0-9a-f]{6}", fullmatch=True)
extra_keys = st.from_regex(r"x_[a-z]{1,8}", fullmatch=True)
extra_values: st.SearchStrategy[Any] = st.one_of(
    text,
    st.integers(min_value=-100, max_value=100),
    st.booleans(),
    dates,
    st.lists(text, max_size=3),
)
extras = st.dictionaries(extra_keys, extra_values, max_size=2)


def with_extras(model: type[Any], **fields: Any) -> st.SearchStrategy[Any]:
    return st.builds(lambda extra, **kw: model(**kw, **extra), extras, **fields)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    action_ids = draw(st.lists(ids, max_size=4, unique=True))
    indicator_ids = draw(
        st.lists(ids.filter(lambda i: i not in action_ids), max_size=3, unique=True)
    )
    actions = [
        draw(
            with_extras(
                Action,
                id=st.just(action_id),
                title=text,
                owner=text,
                due=st.none() | dates,
                status=st.sampled_from(STATUSES),
                kind=st.none() | st.sampled_from(ACTION_KINDS),
                level=st.none() | st.sampled_from(LEVELS),
                strategy=long_text,
            )
        )
        for action_id in action_ids
    ]
    indicators = [
        draw(
            with_extras(
                Indicator,
                id=st.just(indicator_id),
                name=text,
                unit=text,
                baseline=st.none() | numbers,
                target=st.none() | numbers,
                source=text,
                owner=text,
            )
        )
        for indicator_id in indicator_ids
    ]
    updates = (
        st.lists(
            st.builds(
                ActionUpdate,
                action=st.sampled_from(action_ids),
                status=st.none() | st.sampled_from(STATUSES),
                done=text,
                not_done=text,
                why=text,
                note=long_text,
            ),
            max_size=3,
        )
        if action_ids
        else st.just([])
    )
    measurements = (
        st.lists(
            st.builds(
                Measurement, indicator=st.sampled_from(indicator_ids), value=numbers, note=text
            ),
            max_size=3,
        )
        if indicator_ids
        else st.just([])
    )
    review_ids = draw(st.lists(ids.map(lambda i: "r" + i[1:]), max_size=2, unique=True))
    reviews = [
        draw(
            st.builds(
                Review,
                id=st.just(review_id),
                date=dates,
                facilitator=text,
                summary=long_text,
                revisit_problem=st.booleans(),
                updates=updates,
                measurements=measurements,
            )
        )
        for review_id in review_ids
    ]
    return Plan(
        schema_version=1,
        id=draw(ids),
        title=draw(text),
        language=draw(st.sampled_from(["", "fr", "en"])),
        created=draw(st.none() | dates),
        workshop=draw(
            with_extras(
                Workshop,
                date=st.none() | dates,
                place=text,
                facilitators=st.lists(text, max_size=3),
                participants=st.lists(text, max_size=4),
                seconds_spent=st.dictionaries(
                    st.sampled_from(["problem", "vision", "planning", "monitoring"]),
                    st.integers(min_value=0, max_value=10**6),
                    max_size=4,
                ),
            )
        ),
        problem=draw(
            with_extras(
                Problem,
                statement=long_text,
                origin=st.none() | st.sampled_from(ORIGINS),
                concerns=st.lists(st.sampled_from(CONCERNS), max_size=5),
                scope=st.none() | st.sampled_from(SCOPES),
                notes=long_text,
            )
        ),
        stakeholders=draw(
            st.lists(
                st.builds(
                    Stakeholder,
                    id=ids.map(lambda i: "s" + i[1:]),
                    name=text,
                    role=text,
                    trust=text,
                    relationships=text,
                    risks=text,
                    champion=text,
                    focal_point=text,
                ),
                max_size=3,
                unique_by=lambda s: s.id,
            )
        ),
        vision=draw(st.builds(Vision, statement=long_text, outcomes=st.lists(text, max_size=3))),
        actions=actions,
        documentation=draw(
            st.builds(Documentation, owner=text, method=text, audience=st.lists(text, max_size=3))
        ),
        indicators=indicators,
        monitoring=draw(
            st.builds(
                Monitoring,
                cadence=st.none() | st.sampled_from(CADENCES),
                next_review=st.none() | dates,
            )
        ),
        reviews=reviews,
        parking_lot=draw(
            st.lists(
                st.builds(
                    ParkingItem,
                    id=ids.map(lambda i: "p" + i[1:]),
                    text=text,
                    step=st.sampled_from(["problem", "planning"]),
                    status=st.sampled_from(PARKING_STATUSES),
                ),
                max_size=2,
                unique_by=lambda p: p.id,
            )
        ),
        **draw(extras),
    )


@SETTINGS
@given(plans())
def test_any_valid_plan_survives_save_and_load(plan: Plan) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        save_plan(plan, path)
        first = path.read_bytes()
        loaded = load_plan(path)
        assert loaded == plan
        save_plan(loaded, path)
        assert path.read_bytes() == first  # saving is idempotent, byte for byte


@SETTINGS
@given(plans())
def test_canonical_text_is_deterministic(plan: Plan) -> None:
    assert dumps_plan(plan) == dumps_plan(plan.model_copy(deep=True))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_load_of_arbitrary_bytes_returns_a_plan_or_a_plan_error(raw: bytes) -> None:
    try:
        parse_plan_bytes(raw, "fuzz.toml")
    except PlanError as error:
        assert error.message
        assert error.render().startswith("fuzz.toml")


toml_scalars = st.one_of(
    st.text(max_size=10),
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(),
    st.datetimes(),
)
toml_values = st.recursive(
    toml_scalars,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(min_size=1, max_size=8), children, max_size=3)
    ),
    max_leaves=12,
)
plan_keys = st.sampled_from(
    [
        "schema_version",
        "title",
        "id",
        "created",
        "workshop",
        "problem",
        "stakeholders",
        "actions",
        "indicators",
        "monitoring",
        "reviews",
        "vision",
        "documentation",
        "language",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(plan_keys | st.text(max_size=6), toml_values, max_size=8),
    st.sampled_from([None, 0, 1, 2, "1"]),
)
def test_load_of_arbitrary_toml_returns_a_plan_or_a_plan_error(
    document: dict[str, Any], version: Any
) -> None:
    if version is not None:
        document["schema_version"] = version
    raw = tomli_w.dumps(document).encode()
    try:
        plan = parse_plan_bytes(raw, "fuzz.toml")
    except PlanError as error:
        assert error.message
    else:
        assert plan.schema_version == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.lists(st.tuples(st.integers(min_value=0), text), min_size=1, max_size=4))
def test_saves_after_edits_load_back_equal(plan: Plan, edits: list[tuple[int, str]]) -> None:
    # Tables already read back once are not read back again: after each edit, what save
    # writes is still the canonical text, and it loads back as the plan edited.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        save_plan(plan, path)
        for index, title in edits:
            if plan.actions:
                plan.actions[index % len(plan.actions)].title = title
            else:
                plan.title = title or "Plan"
            written = save_plan(plan, path)
            assert written == dumps_plan(plan)
            assert load_plan(path) == plan


literal_values: st.SearchStrategy[Any] = st.one_of(
    st.text(max_size=20),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=10),
    st.integers(),
    st.booleans(),
    dates,
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.floats(allow_nan=False),
    st.lists(st.text(max_size=5), max_size=3),
    st.lists(st.integers(), max_size=2),
    # What the writer escapes: quotes, backslashes, control characters, line ends.
    st.text(alphabet=st.sampled_from('ab"\\\t\n\r\x00\x08\x0c\x1b\x7f\u00a0é'), max_size=12),
    st.lists(
        st.one_of(
            st.text(alphabet=st.sampled_from('a"\\\n\r\x01'), max_size=6),
            st.booleans(),
            st.floats(allow_nan=False),
            dates,
            st.lists(st.one_of(st.integers(), st.text(max_size=3)), max_size=2),
        ),
        max_size=3,
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.one_of(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), text), literal_values, max_size=6
    )
)
def test_the_fast_table_writer_writes_what_tomli_w_writes(literals: dict[str, Any]) -> None:
    from planwizard.plantext import _has_carriage_return, dumps_literals

    expected = tomli_w.dumps(literals, multiline_strings=not _has_carriage_return(literals))
    assert dumps_literals(literals) == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plans(),
    st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), literal_values, max_size=4),
)
def test_the_fast_document_writer_writes_what_the_table_by_table_one_writes(
    plan: Plan, extra: dict[str, Any]
) -> None:
    # dumps_data lays tables out on its own fast path; the reference is the writer the
    # read-back uses (_emit_table), and both must give the same bytes, unknown fields too.
    from planwizard.plantext import _emit_table, dumps_data, dumps_data_verified

    data = plan_to_data(plan)
    data["workshop"] = {**data.get("workshop", {}), **extra}
    reference: list[str] = []
    _emit_table(data, (), False, reference, None)
    assert dumps_data(data) == "\n".join(reference)
    try:
        verified = dumps_data_verified(data)
    except ValueError:
        return  # a value tomllib reads back otherwise (a float's text): not written
    assert dumps_data(data) == verified
