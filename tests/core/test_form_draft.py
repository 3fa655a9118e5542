"""An item form being typed survives on disk, apart from the plan, and comes back as typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwizard.drafts import (
    FormDraft,
    discard_form_draft,
    form_draft_path,
    read_form_draft,
    save_form_draft,
)
from planwizard.review_draft import draft_path


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def test_an_add_and_an_edit_come_back_as_typed(tmp_path: Path, data_home: Path) -> None:
    plan_path = tmp_path / "plans" / "orientation.toml"
    typed = {"title": "Rédiger la fiche « accueil »", "owner": "Foyer", "due": "+2w", "kind": ""}
    save_form_draft(FormDraft("plan-1", "actions", None, typed), plan_path)
    back = read_form_draft(plan_path)
    assert back == FormDraft("plan-1", "actions", None, typed)
    assert not back.is_edit
    # In the user's data folder, never beside the plan; apart from the review's draft.
    assert form_draft_path(plan_path).is_relative_to(data_home)
    assert not (tmp_path / "plans").exists()
    assert form_draft_path(plan_path) != draft_path(plan_path)

    save_form_draft(FormDraft("plan-1", "stakeholders", "s-1", {"name": "Mairie"}), plan_path)
    edit = read_form_draft(plan_path)
    assert edit is not None and edit.is_edit and edit.item_id == "s-1"
    assert edit.as_new() == FormDraft("plan-1", "stakeholders", None, {"name": "Mairie"})


def test_one_draft_per_plan_file_and_save_or_cancel_deletes_it(tmp_path: Path) -> None:
    one, other = tmp_path / "a" / "plan.toml", tmp_path / "b" / "plan.toml"
    save_form_draft(FormDraft("p", "indicators", None, {"name": "Taux"}), one)
    assert read_form_draft(other) is None  # same name, another folder: another plan
    discard_form_draft(one)
    assert read_form_draft(one) is None
    discard_form_draft(one)  # nothing left to delete: no error


@pytest.mark.parametrize(
    "content",
    [
        b'draft_version = 1\nplan_id = "p"\ntable = "actions"\nmode = "add"\n[values\n',
        b'draft_version = 99\nplan_id = "p"\ntable = "actions"\nmode = "add"\n',
        b'draft_version = 1\nplan_id = "p"\ntable = "reviews"\nmode = "add"\n[values]\n',
        b'draft_version = 1\nplan_id = "p"\ntable = "actions"\nmode = "edit"\n[values]\n',
        b'draft_version = 1\ntable = "actions"\nmode = "add"\n[values]\ntitle = 3\n',
        b"\xff\xfe",
    ],
)
def test_a_draft_that_does_not_read_is_set_aside_not_overwritten(
    tmp_path: Path, content: bytes
) -> None:
    plan_path = tmp_path / "plan.toml"
    target = form_draft_path(plan_path)
    target.parent.mkdir(parents=True)
    target.write_bytes(content)
    assert read_form_draft(plan_path) is None
    aside = target.with_suffix(".unreadable.toml")
    assert aside.read_bytes() == content
    save_form_draft(FormDraft("p", "actions", None, {"title": "Nouvelle"}), plan_path)
    assert aside.read_bytes() == content  # the next draft did not overwrite it
    assert read_form_draft(plan_path) is not None


@settings(max_examples=30, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "owner", "due", "name"]), st.text(max_size=40)))
def test_any_typed_text_comes_back_exactly(values: dict[str, str]) -> None:
    plan_path = Path("/nowhere/plans/p.toml")
    save_form_draft(FormDraft("p", "actions", "a-1", values), plan_path)
    back = read_form_draft(plan_path)
    assert back is not None and back.values == values
