"""Command-line output never carries a plan's terminal control characters.

`check` and `fmt` run from pre-commit hooks on files from other people's laptops: an
OSC 52 in a title would write the clipboard, ESC [2J clear the screen.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from planwizard.cli import main
from tests.conftest import CONTRACT_EXAMPLE

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
CLEAR = "\x1b[2J"
HOSTILE = f"Plan {OSC52}{CLEAR}\u009b31m"


def run(*argv: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue(), ""


def assert_clean(output: str) -> None:
    assert "\x1b" not in output and "\x07" not in output and "\u009b" not in output


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    plans = tmp_path / f"plans{CLEAR}"
    plans.mkdir()
    title = HOSTILE.replace("\x1b", "\\u001b").replace("\x07", "\\u0007")
    title = title.replace("\u009b", "\\u009b")
    (plans / f"draft{OSC52}.toml").write_text(
        f'schema_version = 1\ntitle = "{title}"\n\n[[actions]]\nid = "a-{title}"\n'
        f'title = "{title}"\n',
        encoding="utf-8",
    )
    (plans / f"broken{CLEAR}.toml").write_text(
        f'schema_version = 1\ntitle = "{title}"\n[problem]\norigin = "{title}"\n',
        encoding="utf-8",
    )
    shutil.copy(CONTRACT_EXAMPLE, plans / f"commented{OSC52}.toml")
    return plans


def test_check_fmt_status_and_export_print_no_control_characters(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output, _ = run("check", str(folder))
    assert code == 1 and "has no owner" in output and "is not allowed" in output
    assert "Plan ]52;c;cm0gLXJmIH4=[2J31m" in output  # the text stays, the controls go
    assert_clean(output)
    for argv in (["fmt", "--check"], ["fmt"], ["status"]):
        code, output, _ = run(*argv, str(folder))
        assert output and "draft" in output
        assert_clean(output)
    code, output, _ = run("export", "--format", "md", str(folder / f"draft{OSC52}.toml"))
    assert code == 0 and "exported to" in output
    assert_clean(output)
    code, output, _ = run("export", "--format", "md", str(folder / f"broken{CLEAR}.toml"))
    assert code == 1
    assert_clean(capsys.readouterr().err)


def test_merge_messages_print_no_control_characters(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / f"{side}.toml" for side in ("base", "ours", "theirs"))
    for path in (base, ours, theirs):
        shutil.copy(CONTRACT_EXAMPLE, path)
    theirs.write_text("not = [toml", encoding="utf-8")
    name = f"plans/{OSC52}x.toml"
    _code, output, _ = run("merge", str(base), str(ours), str(theirs), "--name", name)
    assert "x.toml (theirs)" in output, output
    assert_clean(output)
