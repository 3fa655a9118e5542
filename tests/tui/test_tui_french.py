"""The terminal interface in French: home, the four steps, help, and how they look at 80x24.

The guiding questions are checked against the method's French source text
(`shared/seeds/003_*.txt`), whose words the catalogue gives back to the facilitator.

Key labels: screens and widgets pass their `BINDINGS` descriptions through `_()` in the
class body, so a label is first translated in the language current when its module is
imported; the app re-translates every planwizard class's labels when it starts and when
the language is switched (tui/language.py). `test_key_labels_follow_set_language_after_import`
checks that a French app started after an English import shows French keys.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

import planwizard.tui
from planwizard.i18n import set_language
from planwizard.model import Action
from planwizard.storage import load_plan, save_plan
from planwizard.tui.widgets.date_input import DateField
from planwizard.tui.widgets.guide import Guide
from planwizard.tui.widgets.review_bits import StatusPicker
from tests.tui.tui_helpers import screen_text, settle, steady_app

# Every TUI module, imported now (at collection, in English) rather than first inside a
# French test: a module first imported under French would keep French key labels for
# the English tests that run after it.
TUI_MODULES = [
    importlib.import_module(found.name)
    for found in pkgutil.walk_packages(planwizard.tui.__path__, "planwizard.tui.")
]

SnapCompare = Callable[..., bool]
STEP_KEYS = {"problem": "f2", "vision": "f3", "planning": "f4", "monitoring": "f5"}


@pytest.fixture
def french() -> Iterator[None]:
    """French interface, as `planwizard --lang fr` shows it (the conftest puts English back)."""
    set_language("fr")
    yield


@pytest.fixture
def in_folder(plans_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The contract's plan and a broken file, seen from the folder above plans/."""
    (plans_dir / "broken.toml").write_text('schema_version = 1\ntitle = "x\n', encoding="utf-8")
    monkeypatch.chdir(plans_dir.parent)
    return Path("plans")


def footer_line(text: str) -> str:
    return text.rstrip("\n").splitlines()[-1]


def guide_text(guide: Guide) -> str:
    """The guide's questions as one text, whatever the wrapping on screen."""
    return "\n".join(str(static.render()) for static in guide.query(Static))


# ------------------------------------------------------------------ home


@pytest.mark.usefixtures("french")
async def test_home_in_french(in_folder: Path) -> None:
    app = steady_app(in_folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "planwizard · plans dans plans" in text
        assert "Tapez pour filtrer · ↑↓ pour choisir · Entrée pour ouvrir" in text
        for heading in ("Étape", "Actions", "Échéance", "Retard", "Revue"):
            assert heading in text.splitlines()[2], heading
        assert "4·Suivi" in text
        assert "1 illisible" in text and "illisible" in text
        footer = footer_line(text)
        # Every key the home footer shows fits at 80 columns (Sort is a click on a column
        # header, its key only in F1 and the palette; Delete, in F1, is not advertised).
        for key in (
            "f1 Aide",
            "^n Nouveau",
            "^r Revue",
            "^t Modèle",
            "^q Quitter",
        ):
            assert key in footer, (key, footer)
        assert "Trier" not in footer and "Supprimer" not in footer


@pytest.mark.usefixtures("french")
async def test_a_french_room_answers_oui_with_o(in_folder: Path) -> None:
    app = steady_app(in_folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"broken", "delete")
        await pilot.pause()
        assert "Supprimer" in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
    assert not (in_folder / "broken.toml").exists()
    assert (in_folder / "orientation.toml").exists()


@pytest.mark.usefixtures("french")
async def test_home_help_and_new_plan_prompt_in_french(in_folder: Path) -> None:
    app = steady_app(in_folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert "Tous les plans du dossier, un par ligne" in text
        assert "Échap ou F1 ferme cette aide." in text
        await pilot.press("escape", "ctrl+n")
        await pilot.pause()
        text = screen_text(app)
        assert "Titre du nouveau plan" in text
        assert "Entrée pour valider, Échap pour annuler" in text
        await pilot.press("enter")
        await pilot.pause()
        assert "un titre est nécessaire" in screen_text(app)


# ------------------------------------------------------------------ the four steps

#: Per step: its title, and one line of the method's French source, in its own words.
STEP_TEXTS = {
    "problem": (
        "Analyse du problème",
        "Cette préoccupation indique-t-elle la nécessité d’une formation complémentaire\u00a0?",
    ),
    "vision": (
        "Visualisation du changement",
        "La visualisation exige un effort axé sur les objectifs et des discussions "
        "conjointes sur le résultat optimal.",
    ),
    "planning": (
        "Élaboration d’un plan",
        "Qui documentera le problème, les pratiques optimales et le plan\u00a0?",
    ),
    "monitoring": (
        "Suivi",
        "Ne vous découragez pas si le problème initial doit être réexaminé plusieurs fois "
        "avant d’obtenir le succès envisagé.",
    ),
}

#: Per step: words of the form that show at the top of the screen at 80x24.
STEP_FIELDS = {
    "problem": ("Atelier", "Titre", "Date", "Lieu", "Animation", "Participants"),
    "vision": ("Vision", "Exemple\u00a0: «\u00a0Toutes les femmes", "Résultats"),
    "planning": ("Actions", "Responsable", "Échéance", "Documentation", "Qui documente"),
    "monitoring": ("Indicateurs de réussite", "Référence", "Cible", "Revues", "Fréquence"),
}


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize("step", list(STEP_KEYS))
async def test_each_step_in_french(in_folder: Path, step: str) -> None:
    app = steady_app(in_folder, open_path=in_folder / "orientation.toml", start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(STEP_KEYS[step])
        await settle(pilot)
        text = screen_text(app)
        title, source_words = STEP_TEXTS[step]
        # The whole stepper, then the step's timebox, on one line at 80 columns.
        stepper = text.splitlines()[1]
        assert "F2 1·Problème  ›  F3 2·Vision  ›  F4 3·Plan  ›  F5 4·Suivi" in stepper
        assert "F8 ○ " in stepper, stepper
        questions = guide_text(app.screen.query_one(Guide))
        assert questions.startswith(title)
        assert source_words in questions
        for words in STEP_FIELDS[step]:
            assert words in text, words
        assert "✓ Rien ne manque à cette étape." in text
        # With a text field focused, every key the step shows fits at 80 columns (Save,
        # needless as fields save when left, is only in F1 and the palette).
        app.screen.query("#form Input, #form TextArea").exclude("QuickAddInput").first().focus()
        await pilot.pause()
        footer = footer_line(screen_text(app))
        for key in ("f9 Vue salle", "f1 Aide", "^n Suite", "^b Retour", "^z Annuler", "esc Plans"):
            assert key in footer, (key, footer)


@pytest.mark.usefixtures("french")
async def test_problem_step_asks_about_partners_in_the_sources_words(in_folder: Path) -> None:
    app = steady_app(in_folder, open_path=in_folder / "orientation.toml", start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        questions = guide_text(app.screen.query_one(Guide))
        assert "Partenaires et parties prenantes" in questions
        assert (
            "Y a-t-il un dirigeant ou une personnalité en vue (au niveau national, "
            "institutionnel ou local) qui puisse apporter un soutien appréciable"
        ) in questions
        assert "«\u00a0champions\u00a0»" in questions


@pytest.mark.usefixtures("french")
async def test_dates_are_described_in_french(in_folder: Path) -> None:
    app = steady_app(in_folder, open_path=in_folder / "orientation.toml", start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        field = app.screen.query_one("#next-review", DateField)
        # Today is 2027-01-15; the contract's next review is Monday 1 March 2027.
        assert "lundi 1er mars 2027 · dans 45 jours" in str(
            field.query_one(".date-feedback", Static).render()
        )
        field.input.focus()
        field.input.value = "+2s"
        assert field.confirm()
        assert field.date is not None and field.date.isoformat() == "2027-01-29"
        assert "vendredi 29 janvier 2027 · dans 14 jours" in str(
            field.query_one(".date-feedback", Static).render()
        )
        field.input.value = "mardi"
        assert not field.confirm()
        assert field.error is not None
        assert field.error.startswith("'mardi' n’est pas une date\u00a0; tapez")
        assert "+2s" in field.error and "aujourd’hui" in field.error


@pytest.mark.usefixtures("french")
async def test_step_help_and_item_form_in_french(in_folder: Path) -> None:
    # Without the contract's comments, the quick add saves at once (no question first).
    save_plan(
        load_plan(in_folder / "orientation.toml"),
        in_folder / "orientation.toml",
        drop_comments=True,
    )
    app = steady_app(in_folder, open_path=in_folder / "orientation.toml", start="open")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert "Les quatre étapes de la méthode." in text
        assert "+10j, +2s, +3m, +1a ou aujourd’hui" in text
        await pilot.press("escape")
        app.screen.query_one("#actions").focus()
        # `a` opens the quick-add line: a title, Enter, and Escape stops after it.
        await pilot.press("a")
        await pilot.pause()
        text = screen_text(app)
        assert "Nouvelle action\u00a0:" in text and "Échap arrête" in text
        assert "titre @responsable +2s" in text and "Entrée l’ajoute" in text
        await pilot.press(*"Charte locale", "enter", "escape")
        await pilot.pause()
        text = screen_text(app)
        assert "Charte locale" in text and "enregistré" in text
        assert "Nouvelle action\u00a0:" not in text
        # `e` on the new row opens the whole form.
        await pilot.press("e")
        await pilot.pause()
        text = screen_text(app)
        assert "Modifier l’action" in text
        assert "Charte locale" in text
        assert "qui agira (→ accepte une suggestion)" in text
        assert "(non décidé)" in text
        assert "Enregistrer" in text and "Annuler" in text


@pytest.mark.usefixtures("french")
async def test_new_plan_starts_in_french(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    app = steady_app(folder, start="new")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Accueil des victimes", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "enregistré" in text
        assert "Reste à discuter\u00a0: pas encore d’énoncé du problème" in text
        # The workshop date is today, Friday 15 January 2027.
        date = app.screen.query_one("#workshop-date", DateField)
        assert str(date.query_one(".date-feedback", Static).render()) == (
            "vendredi 15 janvier 2027 · aujourd’hui"
        )


# ------------------------------------------------------------------ language switch and widths


async def test_key_labels_follow_set_language_after_import(plans_dir: Path) -> None:
    set_language("fr")
    app = steady_app(plans_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "f1 Aide" in footer_line(screen_text(app))


@pytest.mark.usefixtures("french")
async def test_home_keeps_every_column_for_a_plan_at_the_planning_step(in_folder: Path) -> None:
    plan = load_plan(in_folder / "orientation.toml")
    plan.reviews.clear()
    plan.indicators.clear()
    plan.monitoring.cadence = None
    plan.monitoring.next_review = None
    plan.actions.append(Action(title="Former les agents"))
    save_plan(plan, in_folder / "orientation.toml", drop_comments=True)
    app = steady_app(in_folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = screen_text(app).splitlines()[2]
        # The step's short label (its own message), not the method's long title.
        assert "3·Plan " in screen_text(app)
        assert header.rstrip().endswith("Revue"), header


# ------------------------------------------------------------------ snapshots


@pytest.mark.usefixtures("french")
def test_home_snapshot_in_french(snap_compare: SnapCompare, in_folder: Path) -> None:
    assert snap_compare(steady_app(in_folder), terminal_size=(80, 24), run_before=settle)


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize("step", list(STEP_KEYS))
def test_step_snapshot_in_french(snap_compare: SnapCompare, in_folder: Path, step: str) -> None:
    app = steady_app(in_folder, open_path=in_folder / "orientation.toml", start="open")

    async def go_to_step(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press(STEP_KEYS[step])
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=go_to_step)


@pytest.mark.usefixtures("french")
async def test_review_status_keys_are_french_initials_and_english_ones_still_work(
    plans_dir: Path,
) -> None:
    app = steady_app(
        plans_dir,
        open_path=plans_dir / "orientation.toml",
        start="review",
        review_date=dt.date(2027, 3, 1),
    )
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        picker = app.focused
        assert isinstance(picker, StatusPicker)
        line = str(picker.render())
        for shown in ("p prévue", "e en cours", "r réalisée", "b bloquée", "a abandonnée"):
            assert shown in line, (shown, line)
        await pilot.press("r")
        assert picker.status == "done"
        picker.focus()
        await pilot.press("x")  # the English key for dropped works too
        assert picker.status == "dropped"


@pytest.mark.usefixtures("french")
async def test_the_french_room_view_never_leaves_a_lone_question_mark(plans_dir: Path) -> None:
    app = steady_app(plans_dir, open_path=plans_dir / "orientation.toml", start="open")
    # 74 columns: where the first question's « ? » falls at a line's end (72 and 68 too).
    async with app.run_test(size=(74, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2", "f9")
        await pilot.pause()
        for _question in range(13):  # every question of step 1, partners' included
            for line in screen_text(app).splitlines():
                shown = line.strip(" ▌▐█│")
                assert not shown.startswith(("?", "»", ":", ";", "!")), line
            await pilot.press("right")
            await pilot.pause()


def french_texts() -> set[str]:
    import polib

    from planwizard.i18n import LOCALE_DIR

    found: set[str] = set()
    for entry in polib.pofile(str(LOCALE_DIR / "fr.po")):
        found.add(entry.msgstr)
        found.update(entry.msgstr_plural.values())
    return found - {""}


async def test_no_english_left_in_help_keys_palette_or_the_quit_toast(
    french: None, plans_dir: Path
) -> None:
    """F1 lists every key of the screen and of the focused widget, Textual's own keys
    (Cursor up, Page down, Focus Next...) included: each in French, once, typeset."""
    from textual.command import CommandPalette
    from textual.widgets import Input

    from planwizard.tui.help import HelpScreen
    from tests.core.test_catalogues import french_typography_problems

    known = french_texts()
    app = steady_app(plans_dir)
    seen: dict[tuple[str, str], str] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        async def help_keys(where: str) -> None:
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen), where
            keys = list(app.screen.keys)
            assert len(keys) == len(set(keys)), f"{where}: a key listed twice: {keys}"
            for key in keys:
                seen.setdefault(key, where)
            await pilot.press("escape")
            await pilot.pause()

        await help_keys("home")
        await pilot.press("enter")
        await pilot.pause()
        for step_key in STEP_KEYS.values():
            await pilot.press(step_key)
            await pilot.pause()
            for _field in range(8):
                await help_keys(f"{step_key} {type(app.focused).__name__}")
                await pilot.press("tab")
                await pilot.pause()
        english = {key: where for key, where in seen.items() if key[1] not in known}
        assert not english, f"untranslated keys in F1: {english}"
        wrong = {d: p for _k, d in seen if (p := french_typography_problems(d))}
        assert not wrong, wrong
        # Textual's own words were there to translate.
        assert ("↑", "Curseur vers le haut") in seen and ("tab", "Champ suivant") in seen

        titles = [command.title for command in app.get_system_commands(app.screen)]
        # Every command in French (the language offered is named in itself).
        assert not [t for t in titles if t not in known and not t.startswith("Langue de l")]
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "Rechercher une commande…"
        await pilot.press("escape")
        await pilot.pause()

        app.action_help_quit()
        await pilot.pause()
        toast = list(app._notifications)[-1]
        assert toast.message == "Appuyez sur ^q pour quitter l’application."
        assert toast.title == "Voulez-vous quitter\u00a0?" and not toast.markup
