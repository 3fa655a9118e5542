"""Step 1's recommendations and team roles, and step 3's link to them (issue 18)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Select, Static, TextArea

from planwizard.drafts import read_form_draft
from planwizard.i18n import set_language
from planwizard.model import Action, Recommendation
from planwizard.storage import load_plan, save_plan
from planwizard.tui.app import PlanWizardApp
from planwizard.tui.dialogs import ConfirmScreen, ItemForm
from planwizard.tui.help import HelpScreen
from planwizard.tui.parts.paste_recommendations import PasteRecommendations
from planwizard.tui.parts.step_recommendations import FoldedRecommendations
from planwizard.tui.screens.steps import PlanningScreen, ProblemScreen
from planwizard.tui.widgets.checklist import Checklist
from planwizard.tui.widgets.fields import MultiChoiceField
from planwizard.tui.widgets.guide import Guide
from planwizard.tui.widgets.items_table import ItemsTable
from tests.conftest import EXAMPLE_PLANS
from tests.tui.tui_helpers import screen_text, settle, steady_app

RECS_EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "plan-format-recommendations.toml"
NPM_PLAN = EXAMPLE_PLANS / "npm-recommendations-follow-up.toml"
FRENCH_PLAN = EXAMPLE_PLANS / "suivi-recommandations-mnp.toml"

SnapCompare = Callable[..., bool]


@pytest.fixture
def recs_dir(tmp_path: Path) -> Path:
    """A folder holding the English recommendations plan as `plan.toml`."""
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(NPM_PLAN, folder / "plan.toml")
    return folder


@pytest.fixture
def french() -> Iterator[None]:
    set_language("fr")
    yield


async def open_step_1(app: PlanWizardApp, pilot: Pilot[int]) -> ProblemScreen:
    await settle(pilot)
    await pilot.press("f2")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ProblemScreen)
    screen.session.drop_comments = True  # the comments question has its own tests
    return screen


def table_keys(screen: ProblemScreen, table_id: str = "#recommendations") -> list[str]:
    table = screen.query_one(table_id, ItemsTable)
    return [str(row.key.value) for row in table.ordered_rows]  # as shown, not as added


# ------------------------------------------------------------------ adding


async def test_a_recommendation_added_through_the_form(recs_dir: Path) -> None:
    path = recs_dir / "plan.toml"
    app = steady_app(recs_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_step_1(app, pilot)
        screen.query_one("#recommendations", ItemsTable).focus()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        await pilot.press(*"Close the cells", "tab", *"para. 30", "tab", *"NPM", "tab", "tab")
        ticks = form.query_one("#field-addressed_to", MultiChoiceField)
        assert ticks.has_focus
        await pilot.press("space", "enter")  # ticks, then goes on as in other fields
        assert form.query_one("#field-position", Select).has_focus
        await pilot.press("tab", *"+60d", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)

    added = load_plan(path).recommendations[-1]
    assert (added.text, added.reference, added.source) == ("Close the cells", "para. 30", "NPM")
    assert added.addressed_to == ["min-interior"]
    assert added.position == "no-reply"  # a position is always given
    assert added.reply_due == dt.date(2027, 3, 16)  # +60d from the fixed today


async def test_three_pasted_are_shown_before_they_are_added(recs_dir: Path) -> None:
    path = recs_dir / "plan.toml"
    app = steady_app(recs_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_step_1(app, pilot)
        table = screen.query_one("#recommendations", ItemsTable)
        table.focus()
        # A list pasted on the table (the terminal's paste) opens the dialog with it.
        table.post_message(events.Paste("14. One\n15. Two"))
        await pilot.pause()
        assert isinstance(app.screen, PasteRecommendations)
        assert "2 recommendations will be added" in screen_text(app)
        await pilot.press("escape")  # cancelled: nothing added
        await pilot.pause()
        assert len(load_plan(path).recommendations) == 2

        await pilot.press("v")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PasteRecommendations)
        dialog.query_one("#paste-text", TextArea).insert(
            "§ 31 Record every use of force.\n\n32. Train the custody staff.\n"
            "para. 33 – Publish the register."
        )
        await pilot.pause()
        shown = screen_text(app)
        assert "3 recommendations will be added" in shown
        assert "§ 31 — Record every use of force." in shown
        assert len(load_plan(path).recommendations) == 2  # nothing added before Ctrl+S
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        keys = table_keys(screen)
        assert len(keys) == 5
        await pilot.press("[")  # the first pasted, under the cursor, moves up
        await pilot.pause()
        assert table_keys(screen) == [keys[0], keys[2], keys[1], *keys[3:]]

    saved = load_plan(path).recommendations
    assert [(r.reference, r.text) for r in saved if r.id not in ("r-2026-14", "r-2026-21")] == [
        ("§ 31", "Record every use of force."),
        ("32", "Train the custody staff."),
        ("para. 33", "Publish the register."),
    ]
    assert [r.reference for r in saved] == ["para. 14", "§ 31", "para. 21", "32", "para. 33"]


async def test_a_recommendation_form_left_before_save_is_kept_as_a_draft(
    recs_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = recs_dir / "plan.toml"
    app = steady_app(recs_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_step_1(app, pilot)
        screen.query_one("#recommendations", ItemsTable).focus()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        await pilot.press(*"Half typed", "tab", "tab", "tab", "tab", "space")
        await pilot.pause()
        form.write_draft()
    draft = read_form_draft(path)
    assert draft is not None and draft.table == "recommendations"
    assert draft.values["text"] == "Half typed"
    assert draft.values["addressed_to"] == "min-interior"

    again = steady_app(recs_dir, open_path=path, start="open")
    async with again.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")  # restore
        await settle(pilot)
        form = again.screen
        assert isinstance(form, ItemForm)
        assert isinstance(again.screen_stack[-2], ProblemScreen)
        ticks = form.query_one("#field-addressed_to", MultiChoiceField)
        assert ticks.parsed() == ["min-interior"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    added = load_plan(path).recommendations[-1]
    assert (added.text, added.addressed_to) == ("Half typed", ["min-interior"])


async def test_a_plan_without_recommendations_shows_one_folded_line(plans_dir: Path) -> None:
    path = plans_dir / "orientation.toml"
    app = steady_app(plans_dir, open_path=path, start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_step_1(app, pilot)
        folded = screen.query_one(FoldedRecommendations)
        assert folded.display
        assert not screen.query_one("#recommendations", ItemsTable).display
        assert not screen.query_one("#team-roles", ItemsTable).display
        guide = screen.query_one(Guide)
        assert "Following up recommendations" not in str(guide.guidances)
        folded.focus()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        await pilot.press(*"Open a register", "ctrl+s")
        await pilot.pause()
        # The section opens with the first one, and the method's questions come with it.
        assert screen.query_one("#recommendations", ItemsTable).display
        assert screen.query_one("#recommendations", ItemsTable).has_focus
        assert any(
            g.title == "Following up recommendations with the authorities"
            for g in screen.query_one(Guide).guidances
        )
    assert [r.text for r in load_plan(path).recommendations] == ["Open a register"]


# ------------------------------------------------------------------ editing


async def test_the_position_is_changed_in_the_form(recs_dir: Path) -> None:
    path = recs_dir / "plan.toml"
    app = steady_app(recs_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_step_1(app, pilot)
        table = screen.query_one("#recommendations", ItemsTable)
        table.focus()
        detail = screen.query_one("#recommendation-detail", Static)
        # The highlighted one's authorities and source, under the table.
        assert str(detail.render()) == (
            "Addressed to Ministry of the Interior, Ministry of Health · NPM annual report 2026"
        )
        await pilot.press("down")
        assert str(detail.render()).startswith("Addressed to Ministry of the Interior · ")
        await pilot.press("enter")  # the second one: no reply yet
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        position = form.query_one("#field-position", Select)
        position.focus()
        await pilot.press("enter")
        await pilot.pause()
        # The list opens on "no reply yet": four down is "rejected".
        await pilot.press("down", "down", "down", "down", "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        assert "rejected" in screen_text(app)
    plan = load_plan(path)
    assert plan.recommendation("r-2026-21") is not None
    assert plan.recommendations[1].position == "rejected"
    assert plan.recommendations[0].position == "accepted"


async def test_a_team_role_is_added_edited_and_deleted(recs_dir: Path) -> None:
    path = recs_dir / "plan.toml"
    app = steady_app(recs_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_step_1(app, pilot)
        roles = screen.query_one("#team-roles", ItemsTable)
        roles.focus()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Legal adviser", "tab", *"Technical", "tab", "down", "space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        added = load_plan(path).team_roles[-1]
        assert (added.person, added.role, added.stakeholders) == (
            "Legal adviser",
            "Technical",
            ["min-health"],
        )
        assert table_keys(screen, "#team-roles") == ["0", "1", "2"]
        await pilot.press("[")  # moved up, the cursor with it
        await pilot.pause()
        assert load_plan(path).team_roles[1].person == "Legal adviser"
        await pilot.press("e", "tab", "ctrl+u", *"High-level", "ctrl+s")
        await pilot.pause()
        assert load_plan(path).team_roles[1].role == "High-level"
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    assert [r.person for r in load_plan(path).team_roles] == ["Miriam Osei", "Follow-up team"]


# ------------------------------------------------------------------ step 3


async def test_an_action_names_the_recommendations_it_implements(recs_dir: Path) -> None:
    path = recs_dir / "plan.toml"
    plan = load_plan(path)
    plan.actions.append(Action(id="a-new", title="Brief the new minister"))
    save_plan(plan, path)
    app = steady_app(recs_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        table = screen.query_one("#actions", ItemsTable)
        table.focus()
        table.move_cursor(row=len(plan.actions) - 1)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        picks = form.query_one("#field-recommendations", MultiChoiceField)
        labels = [str(picks.get_option_at_index(n).prompt) for n in range(picks.option_count)]
        assert labels[0].startswith("para. 14 — Guarantee a medical examination")
        picks.focus()
        await pilot.press("down", "space", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlanningScreen)
    assert load_plan(path).action("a-new").recommendations == ["r-2026-21"]  # type: ignore[union-attr]


async def test_step_3_warns_of_a_recommendation_without_action_and_a_rejected_one(
    recs_dir: Path,
) -> None:
    path = recs_dir / "plan.toml"
    plan = load_plan(path)
    plan.reviews = []
    plan.recommendations.append(Recommendation(id="rec-new", text="Lonely", reference="§ 40"))
    plan.recommendations[1].position = "rejected"
    save_plan(plan, path)
    app = steady_app(recs_dir, open_path=path, start="open")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, PlanningScreen)
        line = str(app.screen.query_one(Checklist).render())
        assert "recommendation rec-new (§ 40) has no action yet" in line
        assert "which the authorities rejected" in line
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = screen_text(app)
        assert "recommendation rec-new (§ 40) has no action yet" in listed
        assert "which the authorities rejected" in listed


# ------------------------------------------------------------------ deleting


async def test_deleting_a_linked_one_asks_and_leaves_no_link(recs_dir: Path) -> None:
    path = recs_dir / "plan.toml"
    plan = load_plan(path)
    plan.reviews = []  # a reviewed one is kept: see below
    save_plan(plan, path)
    linked = [a.id for a in plan.actions if "r-2026-14" in a.recommendations]
    assert linked
    app = steady_app(recs_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_step_1(app, pilot)
        screen.query_one("#recommendations", ItemsTable).focus()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert f"is named by {len(linked)} actions and 2 dialogue entries" in question
        assert "Delete it, and take it out of them?" in question
        await pilot.press("n")
        await pilot.pause()
        assert load_plan(path).recommendation("r-2026-14") is not None
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert table_keys(screen) == ["r-2026-21"]
    saved = load_plan(path)  # loads: no link points nowhere
    assert saved.recommendation("r-2026-14") is None
    assert all("r-2026-14" not in a.recommendations for a in saved.actions)
    assert all("r-2026-14" not in e.recommendations for e in saved.dialogue)
    assert [a.id for a in saved.actions] == [a.id for a in plan.actions]


async def test_a_reviewed_one_is_kept_with_its_history(recs_dir: Path) -> None:
    path = recs_dir / "plan.toml"
    app = steady_app(recs_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_step_1(app, pilot)
        screen.query_one("#recommendations", ItemsTable).focus()
        await pilot.press("delete")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)  # kept, without a question
        assert any(
            "it is kept, with its implementation history" in str(n.message)
            for n in app._notifications
        )
        assert load_plan(path).recommendation("r-2026-14") is not None

        # A review that arrives while the deletion is asked about keeps it too.
        reviews = screen.session.plan.reviews
        screen.change(lambda plan: setattr(plan, "reviews", []))
        app._notifications.clear()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        screen.session.plan.reviews = reviews  # a partner's review, merged in meanwhile
        await pilot.press("y")
        await pilot.pause()
        assert screen.session.plan.recommendation("r-2026-14") is not None
        assert any("it is kept" in str(n.message) for n in app._notifications)


# ------------------------------------------------------------------ French, untrusted


@pytest.mark.usefixtures("french")
async def test_the_section_and_its_form_in_french(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(FRENCH_PLAN, folder / "plan.toml")
    app = steady_app(folder, open_path=folder / "plan.toml", start="open")
    async with app.run_test(size=(120, 60)) as pilot:
        screen = await open_step_1(app, pilot)
        screen.query_one("#recommendations", ItemsTable).focus()
        await pilot.pause()
        shown = screen_text(app)
        assert "Recommandations" in shown
        assert "Notre équipe dans le dialogue" in shown
        assert "v coller" in shown
        titles = [g.title for g in screen.query_one(Guide).guidances]  # F6's questions
        assert "Suivi des recommandations avec les autorités" in titles
        await pilot.press("e")
        await pilot.pause()
        form = screen_text(app)
        for label in ("Modifier la recommandation", "Autorités", "Échéance"):
            assert label in form
        assert "Reply" not in form and "Received" not in form


async def test_plan_text_is_shown_literally(recs_dir: Path) -> None:
    path = recs_dir / "plan.toml"
    plan = load_plan(path)
    plan.recommendations[0].text = "[b]Bold[/b] [@click=app.quit]quit\x1b[31m"
    plan.recommendations[0].reference = "[red]§ 1"
    plan.reviews = []
    save_plan(plan, path)
    app = steady_app(recs_dir, open_path=path, start="open")
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_step_1(app, pilot)
        screen.query_one("#recommendations", ItemsTable).focus()
        await settle(pilot)  # the form scrolled to the table (once the screen is drawn)
        shown = screen_text(app)
        assert "[red]§ 1 [b]Bold[/b]" in shown  # the title wraps after it
        assert "[@click=app.quit]quit" in shown
        assert "\x1b" not in shown
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "“[red]§ 1 — [b]Bold[/b] [@click=app.quit]quit[31m”" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running


# ------------------------------------------------------------------ snapshots


@pytest.fixture
def snap_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(FRENCH_PLAN, folder / "suivi.toml")
    shutil.copy(NPM_PLAN, folder / "follow-up.toml")
    monkeypatch.chdir(tmp_path)
    return Path("plans")


def _at_recommendations(pilot_app: PlanWizardApp) -> Callable[[Pilot[int]], object]:
    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        pilot.app.screen.query_one("#recommendations", ItemsTable).focus()
        await settle(pilot)

    return run_before


@pytest.mark.usefixtures("french")
def test_step_1_with_recommendations_in_french_80x24(
    snap_compare: SnapCompare, snap_folder: Path
) -> None:
    app = steady_app(snap_folder, open_path=snap_folder / "suivi.toml", start="open")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_at_recommendations(app))


def test_step_1_with_recommendations_120x40(snap_compare: SnapCompare, snap_folder: Path) -> None:
    app = steady_app(snap_folder, open_path=snap_folder / "follow-up.toml", start="open")
    assert snap_compare(app, terminal_size=(120, 40), run_before=_at_recommendations(app))


# ------------------------------------------------------------------ reply requests


async def test_w_writes_the_request_for_a_written_reply_to_each_authority(recs_dir: Path) -> None:
    path = recs_dir / "plan.toml"
    app = steady_app(recs_dir, open_path=path, start="open")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_step_1(app, pilot)
        hints = [
            str(hint.render()) for hint in screen.query("#recommendations-section .table-hint")
        ]
        assert any("w ask for a reply" in hint for hint in hints)
        plan = screen.plan
        both = next(r for r in plan.recommendations if len(r.addressed_to) == 2)
        assert screen.focus_item("recommendations", both.id)
        await pilot.press("w")
        await pilot.pause()
        exports = recs_dir / "exports"
        written = sorted(p.name for p in exports.iterdir())
        assert written == sorted(
            f"plan-reply-request-{authority}.{ext}"
            for authority in both.addressed_to
            for ext in ("md", "html")
        )
        request = (exports / f"plan-reply-request-{both.addressed_to[0]}.md").read_text()
        assert both.reference in request and both.text.split()[0] in request
        assert any("plan-reply-request-" in str(n.message) for n in app._notifications)

        # Addressed to no one yet: nothing written, and the message says what to do.
        screen.change(lambda p: setattr(p.recommendation(both.id), "addressed_to", []))
        shutil.rmtree(exports)
        await pilot.press("w")
        await pilot.pause()
        assert not exports.exists()
        assert any(
            "Say first whom it is addressed to" in str(n.message) for n in app._notifications
        )
