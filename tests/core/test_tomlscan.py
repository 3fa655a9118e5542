"""The TOML scan: comments told from `#` in strings, as TOML reads them, in linear time."""

from __future__ import annotations

import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from planwizard.storage import comment_lines
from planwizard.tomlscan import LONG_NUMBER, scan

TRICKY = st.text(alphabet="\"'#\\\n ab", max_size=12)


def basic(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def multiline_basic(text: str) -> str:
    """Quotes left bare wherever TOML allows: two in a row, and two before the closing
    three (a string ending in four or five quotes); a third one is escaped."""
    out: list[str] = []
    run = 0
    for char in text:
        if char == '"':
            run += 1
            if run == 3:
                out.append('\\"')
                run = 0
                continue
        else:
            run = 0
        out.append("\\\\" if char == "\\" else char)
    return '"""' + "".join(out) + '"""'


def literal(text: str) -> str | None:
    return f"'{text}'" if "'" not in text and "\n" not in text else None


def multiline_literal(text: str) -> str | None:
    return f"'''{text}'''" if "'''" not in text and not text.startswith("'") else None


STYLES = (basic, multiline_basic, literal, multiline_literal)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, dict[str, str], list[int]]:
    """A TOML text of strings full of quotes, `#` and newlines, with comments placed."""
    lines: list[str] = []
    values: dict[str, str] = {}
    commented: list[int] = []
    for index in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            lines.append("# " + draw(st.text(alphabet="\"'# ab", max_size=8)))
            commented.append(len("\n".join(lines).splitlines()))
        value = draw(TRICKY)
        style = STYLES[draw(st.integers(0, len(STYLES) - 1))]
        written = style(value) or basic(value)
        if written.startswith(("'''", '"""')) and value.startswith("\n"):
            value = value[1:]  # TOML drops a newline right after the opening quotes
        values[f"k{index}"] = value
        line = f"k{index} = {written}"
        if draw(st.booleans()):
            line += " # " + draw(st.text(alphabet="\"'# ab", max_size=8))
            lines.append(line)
            commented.append(len("\n".join(lines).splitlines()))
        else:
            lines.append(line)
    return "\n".join(lines) + "\n", values, commented


@settings(max_examples=300, deadline=None)
@given(documents())
def test_the_comments_found_are_exactly_those_written(
    document: tuple[str, dict[str, str], list[int]],
) -> None:
    text, values, commented = document
    assert tomllib.loads(text) == values  # the generated text is TOML, as intended
    assert comment_lines(text) == commented


def test_strings_ending_in_four_quotes_or_holding_an_escaped_quote() -> None:
    text = (
        'a = """she said "yes""""\n'
        "# kept 1\n"
        'b = """x \\""" y"""  # kept 2\n'
        "c = '''it''s''''\n"
        "# kept 3\n"
    )
    assert tomllib.loads(text)["a"] == 'she said "yes"'
    assert comment_lines(text) == [2, 3, 5]


def test_an_unclosed_string_is_found_where_it_opens() -> None:
    assert scan('a = 1\nb = """\nnever closed\n# inside\n').unclosed_string == 2
    assert scan("a = 'open\nb = 2\n").unclosed_string == 1


def test_headers_and_keys_are_found_with_their_lines() -> None:
    found = scan('[a."b.c"]\nx.y = [\n  1, # one\n]\n[[d]]\nz = 1\n').statements
    assert [(s.line, s.keys) for s in found] == [
        (1, ("a", "b.c")),
        (2, ("x", "y")),
        (5, ("d",)),
        (6, ("z",)),
    ]


PIECES = st.sampled_from(
    [
        "k = ",
        "k=",
        "  key_2 = ",
        '"',
        "'",
        '"""',
        "\\",
        "\n",
        "\r\n",
        " ",
        "\t",
        "[",
        "]",
        "[[a]]",
        "[[a]",
        "[a]]",
        "[ab]",
        "[a.b]",
        "{",
        "}",
        ",",
        ".",
        "=",
        "#",
        "x",
        "2027-01-31",
        "1" * (LONG_NUMBER + 1),
        "true",
        '"t\\"e#xt"',
        "'lit'",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=30))
def test_whole_lines_in_one_step_find_what_the_tokens_find(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert scan(text) == scan(text, whole_lines=False)
    assert scan(text, depth_limit=1) == scan(text, depth_limit=1, whole_lines=False)
