"""Hand-written comments carried through a merge by meaning (planwizard.comments)."""

from __future__ import annotations

import tomllib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planwizard.comments import anchored, place_comments
from planwizard.ids import fill_ids
from planwizard.planshape import canonical
from planwizard.plantext import dumps_data
from planwizard.threeway import merge_data
from tests.core.test_merge_properties import base_plans, edits

PLAN = """schema_version = 1
title = "Referral"

# The first action: ask Awa before changing it
[[actions]]
id = "a-1"
title = "Draft the form"
owner = "Shelter"  # until March

[[actions]]
id = "a-2"
title = "Train the desk"
"""


def data_of(text: str) -> dict[str, Any]:
    return canonical(fill_ids(tomllib.loads(text)))


def merged(base: str, ours: str, theirs: str) -> str | None:
    datas = (data_of(base), data_of(ours), data_of(theirs))
    result, _conflicts = merge_data(*datas)
    data = canonical(result)
    return place_comments((base, ours, theirs), datas, dumps_data(data), data)


def test_a_comment_moves_with_its_action_when_the_partner_moves_it() -> None:
    moved = PLAN.replace('[[actions]]\nid = "a-2"\ntitle = "Train the desk"\n', "").replace(
        "# The first", '[[actions]]\nid = "a-2"\ntitle = "Train the desk"\n\n# The first'
    )
    assert data_of(moved)["actions"][0]["id"] == "a-2"
    ours = PLAN.replace('title = "Referral"', 'title = "Referral of victims"')
    text = merged(PLAN, ours, moved)
    assert text is not None
    lines = text.splitlines()
    header = lines.index("# The first action: ask Awa before changing it")
    assert lines[header + 1 : header + 3] == ["[[actions]]", 'id = "a-1"']
    assert 'owner = "Shelter"  # until March' in lines
    assert lines.index('id = "a-2"') < header  # a-2 first, as the partner put it
    assert 'title = "Referral of victims"' in lines


def test_comments_merge_like_words_one_side_removes_the_other_adds() -> None:
    ours = PLAN.replace("  # until March", "")
    theirs = PLAN.replace('title = "Train the desk"', 'title = "Train the desk"  # Ben')
    text = merged(PLAN, ours, theirs)
    assert text is not None
    assert "# until March" not in text
    assert 'title = "Train the desk"  # Ben' in text
    assert text.count("# The first action") == 1


def test_a_comment_whose_key_is_gone_has_no_reliable_place() -> None:
    ours = PLAN.replace('owner = "Shelter"  # until March\n', "")
    theirs = PLAN.replace("  # until March", "  # until April")
    assert merged(PLAN, ours, theirs) is None


COMMENT = st.sampled_from(["# note", "# à revoir", "#x", "# [not a table]", '# "quoted"'])


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_comments_put_on_any_line_come_back_at_the_same_lines(data: st.DataObject) -> None:
    plan = canonical(data.draw(edits(data.draw(base_plans()), "c")))
    lines = dumps_data(plan).splitlines()
    commented: list[str] = []
    in_string = in_array = False
    for line in lines:
        starts = line.count('"""') % 2 == 1
        outside = not in_string and not in_array
        if outside and line.strip() and data.draw(st.booleans()):
            commented.append(data.draw(COMMENT))
        opens = "=" in line and line.rstrip().endswith("[")
        single = outside and not starts and "=" in line and not opens
        if single and data.draw(st.booleans()):
            line = f"{line}  {data.draw(COMMENT)}"
        commented.append(line)
        in_string = in_string != starts
        in_array = (in_array or (outside and opens)) and line.strip() != "]"
    text = "\n".join(commented) + "\n"
    assert tomllib.loads(text) == plan
    result = place_comments((text, text, text), (plan, plan, plan), dumps_data(plan), plan)
    assert result is not None
    assert tomllib.loads(result) == plan
    assert anchored(result, plan) == anchored(text, plan)
