"""Canonical text read without TOML's parser (planwizard.canonical_read): what it reads
is what tomllib reads, or it reads nothing; `load_checked` loads as load_plan_and_text
does; `fmt --check` and `status` report what they reported."""

from __future__ import annotations

import io
import shutil
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwizard import canonical_read
from planwizard.canonical_read import load_checked, read_canonical
from planwizard.cli import main
from planwizard.model import Plan
from planwizard.plantext import dumps_data
from planwizard.storage import PlanError, dumps_plan, load_plan, load_plan_and_text, plan_paths
from tests.conftest import CONTRACT_EXAMPLE, EXAMPLE_PLANS
from tests.core.test_storage_properties import plans

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

EXAMPLES = [*sorted(EXAMPLE_PLANS.glob("*.toml")), *sorted(CONTRACT_EXAMPLE.parent.glob("*.toml"))]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_example_plans_saved_are_read_as_tomllib_reads_them(path: Path) -> None:
    text = dumps_plan(load_plan(path))
    assert read_canonical(text) == tomllib.loads(text)  # read here, not None


@PROPERTY
@given(plans())
def test_a_saved_plan_is_read_as_tomllib_reads_it(plan: Plan) -> None:
    text = dumps_plan(plan)
    data = read_canonical(text)
    assert data is None or data == tomllib.loads(text)


KEYS = st.from_regex(r"[A-Za-z0-9_-]{1,5}", fullmatch=True) | st.text(max_size=3)
SCALARS = (
    st.text(max_size=12)
    | st.sampled_from(['a"b', "a\\b", 'x"""y', "l1\nl2", "l1\r\nl2", "tab\there", "é «»", "\x7f"])
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.dates()
    | st.datetimes()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=12,
)


@PROPERTY
@given(st.dictionaries(KEYS, VALUES, max_size=5))
def test_any_data_written_canonically_is_read_as_tomllib_reads_it(data: dict[str, Any]) -> None:
    text = dumps_data(data)
    read = read_canonical(text)
    assert read is None or read == tomllib.loads(text)


PIECES = st.text(max_size=4) | st.sampled_from(
    ['"', "\\", "\n", "[", "]", "[[", " = ", '"""', "# note", "\t", "\r", "\n\n", "x = 1\n", "]]"]
)


@PROPERTY
@given(plans(), st.data())
def test_a_changed_canonical_text_is_read_as_tomllib_reads_it_or_not_at_all(
    plan: Plan, data: st.DataObject
) -> None:
    text = dumps_plan(plan)
    for _ in range(data.draw(st.integers(1, 3))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 6)))
        text = text[:start] + data.draw(PIECES) + text[end:]
    read = read_canonical(text)
    if read is not None:
        assert read == tomllib.loads(text)


def _texts() -> dict[str, bytes]:
    canonical = dumps_plan(load_plan(CONTRACT_EXAMPLE))
    body = canonical.split("\n", 1)[1]
    return {
        "canonical": canonical.encode(),
        "as-shipped": CONTRACT_EXAMPLE.read_bytes(),
        "bom": b"\xef\xbb\xbf" + canonical.encode(),
        "crlf": canonical.replace("\n", "\r\n").encode(),
        "comment": (canonical + "# a note\n").encode(),
        "blank-line": (canonical + "\n").encode(),
        "no-final-newline": canonical.rstrip("\n").encode(),
        "empty": b"",
        "blank": b"  \n",
        "binary": b"schema_version = 1\x00\n",
        "latin-1": 'schema_version = 1\ntitle = "é"\n'.encode("latin-1"),
        "conflict": f"{canonical}<<<<<<< ours\nx = 1\n=======\nx = 2\n>>>>>>> theirs\n".encode(),
        "marker-in-text": canonical.replace('"""\n', '"""\n<<<<<<< ours\n', 1).encode(),
        "invalid-toml": (canonical + 'x = "open\n').encode(),
        "bad-date": canonical.replace("2027-01-31", "2027-13-31", 1).encode(),
        "big-int": (canonical.split("\n[", 1)[0] + "\nx_big = 99999999999999999999\n").encode(),
        "no-version": body.encode(),
        "newer-version": canonical.replace("schema_version = 1", "schema_version = 9").encode(),
        "bad-status": canonical.replace('status = "planned"', 'status = "later"', 1).encode(),
        "table-twice": (canonical + "[monitoring]\n").encode(),
        "deep": ("schema_version = 1\n[" + ".".join(["a"] * 60) + "]\n").encode(),
        "no-ids": canonical.replace('id = "a-', 'x_was = "a-').encode(),
        "reordered": canonical.replace('schema_version = 1\nid = "', 'id = "', 1)
        .replace("\ntitle = ", "\nschema_version = 1\ntitle = ", 1)
        .encode(),
    }


def _as_before(path: Path) -> tuple[Any, ...]:
    """What load_plan_and_text and the canonical text say of a file."""
    try:
        plan, text = load_plan_and_text(path)
    except PlanError as exc:
        return ("error", exc.render())
    return (plan, text, dumps_plan(plan) == text)


def _now(path: Path) -> tuple[Any, ...]:
    try:
        return load_checked(path)
    except PlanError as exc:
        return ("error", exc.render())


def test_files_load_as_before_and_are_canonical_as_before(tmp_path: Path) -> None:
    texts = _texts()
    for name, raw in texts.items():
        (tmp_path / f"{name}.toml").write_bytes(raw)
    for name in texts:
        path = tmp_path / f"{name}.toml"
        assert _now(path) == _as_before(path), name
    assert _now(tmp_path / "canonical.toml")[2] is True
    assert _now(tmp_path / "missing.toml") == _as_before(tmp_path / "missing.toml")


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_fmt_check_and_status_report_what_they_reported(tmp_path: Path) -> None:
    for name, raw in _texts().items():
        (tmp_path / f"{name}.toml").write_bytes(raw)
    for plan in EXAMPLE_PLANS.glob("*.toml"):
        shutil.copy(plan, tmp_path / plan.name)
    expected: list[str] = []
    for path in plan_paths([tmp_path]):
        before = _as_before(path)
        if before[0] == "error":
            expected.append(before[1])
        elif not before[2]:
            expected.append(f"{path}: not in canonical form (run `planwizard fmt`)")
    code, output = _run("fmt", "--check", str(tmp_path))
    assert (code, output.splitlines()) == (1, expected)
    assert not any("canonical.toml:" in line for line in expected)


def test_status_reports_what_it_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, raw in _texts().items():
        (tmp_path / f"{name}.toml").write_bytes(raw)
    for plan in EXAMPLE_PLANS.glob("*.toml"):
        shutil.copy(plan, tmp_path / plan.name)
    now = [_run("status", str(tmp_path)), _run("status", "--json", str(tmp_path))]
    monkeypatch.setattr(
        canonical_read, "load_checked", lambda path: (*load_plan_and_text(path), False)
    )
    assert [_run("status", str(tmp_path)), _run("status", "--json", str(tmp_path))] == now


@PROPERTY
@given(plans(), st.data())
def test_a_saved_or_changed_plan_file_loads_as_before(plan: Plan, data: st.DataObject) -> None:
    text = dumps_plan(plan)
    if data.draw(st.booleans()):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 6)))
        text = text[:start] + data.draw(PIECES) + text[end:]
    lines = text.split("\n")
    if len(lines) > 2 and data.draw(st.booleans()):  # two lines the other way round
        at = data.draw(st.integers(0, len(lines) - 2))
        lines[at], lines[at + 1] = lines[at + 1], lines[at]
        text = "\n".join(lines)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        assert _now(path) == _as_before(path)
