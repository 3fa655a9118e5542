"""The command line in French: `--lang fr`, or `PLANWIZARD_LANG=fr` in the environment."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from planwizard.cli import main
from tests.conftest import CONTRACT_EXAMPLE

NBSP = "\u00a0"

# Loads as TOML but not as a plan: an unknown status on line 6, a date in words on line 7.
BROKEN = """\
schema_version = 1
title = "Cassé"

[[actions]]
id = "a-9"
status = "finished"
due = "demain"
"""

# Loads, with gaps: the action on line 8 has no owner; no vision, no indicator.
INCOMPLETE = """\
schema_version = 1
title = "Esquisse"

[problem]
statement = "Les victimes repartent sans orientation."

[[actions]]
id = "a-1"
title = "Appeler le foyer"
due = 2027-01-20
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "casse.toml").write_text(BROKEN, encoding="utf-8")
    (plans / "esquisse.toml").write_text(INCOMPLETE, encoding="utf-8")
    return plans


@pytest.fixture
def no_language_in_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """An English system, so that only what a test sets chooses French."""
    for name in ("PLANWIZARD_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    return monkeypatch


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def assert_french_check(output: str, folder: Path) -> None:
    broken, sketch = folder / "casse.toml", folder / "esquisse.toml"
    lines = output.splitlines()
    assert (
        f"{broken}:6: actions #1 (a-9) status{NBSP}: 'finished' n’est pas une valeur autorisée"
        f"{NBSP}; utilisez l’une des valeurs suivantes{NBSP}: "
        "planned, in-progress, done, blocked, dropped"
    ) in lines
    assert (
        f"{broken}:7: actions #1 (a-9) due{NBSP}: 'demain' n’est pas une date{NBSP}; "
        "écrivez-la sous la forme AAAA-MM-JJ"
    ) in lines
    assert (
        f"{sketch}:8: avertissement{NBSP}: "
        f"l’action «{NBSP}Appeler le foyer{NBSP}» n’a pas de responsable"
    ) in lines
    assert f"{sketch}: avertissement{NBSP}: pas encore de vision du changement" in lines
    assert f"{sketch}: avertissement{NBSP}: pas encore d’indicateur de réussite" in lines
    warnings = sum(1 for line in lines if f": avertissement{NBSP}: " in line)
    assert lines[-1] == (f"2 plans vérifiés{NBSP}: 2 erreurs, {warnings} avertissements")
    for english in ("warning", "is not allowed", "has no owner", "checked"):
        assert english not in output


def test_check_speaks_french_with_lang(
    folder: Path, no_language_in_environment: pytest.MonkeyPatch
) -> None:
    code, output = run("--lang", "fr", "check", str(folder))
    assert code == 1  # a plan does not load
    assert_french_check(output, folder)


def test_lang_after_the_command_and_with_equals(
    folder: Path, no_language_in_environment: pytest.MonkeyPatch
) -> None:
    _code, output = run("check", "--lang=fr", str(folder))
    assert_french_check(output, folder)


def test_check_speaks_french_from_the_environment(
    folder: Path, no_language_in_environment: pytest.MonkeyPatch
) -> None:
    no_language_in_environment.setenv("PLANWIZARD_LANG", "fr")
    code, output = run("check", str(folder))
    assert code == 1
    assert_french_check(output, folder)


def test_lang_wins_over_the_environment(
    folder: Path, no_language_in_environment: pytest.MonkeyPatch
) -> None:
    no_language_in_environment.setenv("PLANWIZARD_LANG", "fr")
    _code, output = run("--lang", "en", "check", str(folder))
    assert "warning: action “Appeler le foyer” has no owner" in output
    assert "avertissement" not in output


def test_a_missing_path_in_french(
    tmp_path: Path, no_language_in_environment: pytest.MonkeyPatch
) -> None:
    code, output = run("--lang", "fr", "check", str(tmp_path / "absent.toml"))
    assert code == 1
    assert f"{tmp_path / 'absent.toml'}: fichier ou dossier introuvable" in output


def test_help_in_french(
    capsys: pytest.CaptureFixture[str], no_language_in_environment: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "fr", "--help"])
    text = capsys.readouterr().out
    assert "valider les plans" in text and "langue de l’interface" in text


def test_status_in_french(folder: Path, no_language_in_environment: pytest.MonkeyPatch) -> None:
    shutil.copy(CONTRACT_EXAMPLE, folder / "orientation.toml")
    no_language_in_environment.setenv("COLUMNS", "200")  # one line per row
    code, output = run("--lang", "fr", "status", str(folder))
    assert code == 0
    lines = output.splitlines()
    assert lines[0].split() == ["Plan", "Statut", "Élément", "Date", "Détail"]
    [broken] = [line for line in lines if line.startswith("casse.toml")]
    assert "illisible" in broken
    # Our no-break spaces survive the one-line cell.
    assert (
        f"ligne 7{NBSP}: actions #1 (a-9) due{NBSP}: 'demain' n’est pas une date{NBSP};" in broken
    )
    [sketch] = [line for line in lines if line.startswith("esquisse.toml")]
    assert "échéance proche" in sketch
    assert "20 janv. 2027" in sketch and "dans 5 jours" in sketch
    orientation = [line for line in lines if line.startswith("orientation.toml")]
    assert any("hors trajectoire" in line for line in orientation)
    assert any("aucun relevé lors de la dernière revue" in line for line in orientation)
    assert lines[-1] == (
        f"3 plans{NBSP}: 0 en retard, 2 à échéance proche, 0 revue à faire, "
        "2 indicateurs hors trajectoire, 1 illisible"
    )


def test_markdown_export_in_french(
    tmp_path: Path, no_language_in_environment: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "orientation.toml"
    shutil.copy(CONTRACT_EXAMPLE, plan)
    code, report = run("--lang", "fr", "export", str(plan), "--format", "md", "-o", "-")
    assert code == 0
    headings = [line for line in report.splitlines() if line.startswith("#")]
    for heading in (
        "## Analyse du problème",
        "### Parties prenantes",
        "## Visualisation du changement",
        "## Élaboration d’un plan",
        "## Suivi",
        "### Historique des revues",
        "#### Revue du 15 décembre 2026",
    ):
        assert heading in headings
    assert f"- **Prochaine revue{NBSP}:** 1er mars 2027" in report
    assert f"- **Cas isolé ou problème systémique{NBSP}?** systémique" in report
    assert "Problem analysis" not in report and "Next review" not in report


def test_argparse_speaks_french_too(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--lang", "fr", "export"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"utilisation{NBSP}: planwizard export" in err
    assert (
        f"planwizard export{NBSP}: erreur{NBSP}: ces arguments sont obligatoires{NBSP}: file" in err
    )
    with pytest.raises(SystemExit):
        main(["--lang", "fr", "check", "--help"])
    out = capsys.readouterr().out
    assert "arguments positionnels" in out and "afficher cette aide et quitter" in out
    # And back in English for the next command in English.
    with pytest.raises(SystemExit):
        main(["--lang", "en", "export"])
    assert "the following arguments are required: file" in capsys.readouterr().err
