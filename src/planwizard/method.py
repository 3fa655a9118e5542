"""The method itself: the guiding questions of each step, and the words for each choice.

Written from the method's source (`shared/seeds/003_*.txt`, "Illustrative example: steps
in drawing up an action plan" and "how to build partnerships"). The source speaks of
survivors of violence against women; by default the questions are kept as written, with
"those affected" where the source names survivors, because the same workshop serves
other groups (detention, health, justice). A plan whose `workshop.questions` is
"violence-against-women" (the built-in starting point of that name) gets the source's
own words instead: women's safety, the perpetrator, survivors' trust. English text is
the message id; the French catalogue gives the facilitator the source's words back.

Functions, not constants: `_()` must run when the text is shown, in the language then
chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planwizard.i18n import _


@dataclass(frozen=True)
class Guidance:
    """What the facilitator reads out at one step: a title, a lead-in and the questions."""

    title: str
    intro: str
    questions: tuple[str, ...]
    hint: str = ""


#: The four steps of the method, in order: their ids in the plan file (`workshop.step`).
STEPS: tuple[str, ...] = ("problem", "vision", "planning", "monitoring")


def step_title(step: str) -> str:
    titles = {
        "problem": _("Problem analysis"),
        "vision": _("Visualising the change"),
        "planning": _("Planning"),
        "monitoring": _("Monitoring"),
    }
    return titles[step]


def step_label(step: str) -> str:
    """The step's number and name in a few letters, for the stepper and the home table.

    Its own messages, not `step_title`'s: a full title can be long in another language
    (step 3 is « Élaboration d’un plan » in French) and these must fit at 80 columns.
    """
    labels = {
        "problem": _("1·Problem"),
        "vision": _("2·Vision"),
        "planning": _("3·Planning"),
        "monitoring": _("4·Monitoring"),
    }
    return labels[step]


def step_number(step: str) -> int:
    return STEPS.index(step) + 1


def vision_example() -> str:
    """The source's example of a vision stated concretely, shown as a hint."""
    return _(
        "All women victims of assault are referred promptly, sensitively and appropriately "
        "to an agency that informs them of their rights and their options for support."
    )


#: The wording of the method source itself (seed 003), for `workshop.questions`.
VIOLENCE_AGAINST_WOMEN = "violence-against-women"
#: The wordings a plan can ask for; any other value gets the neutral one (and is kept).
WORDINGS = ("", VIOLENCE_AGAINST_WOMEN)


def step_guidance(step: str, wording: str = "") -> Guidance:
    """The step's questions, in the neutral wording or the source's own (`wording`)."""
    source = wording == VIOLENCE_AGAINST_WOMEN
    if step == "problem":
        return _problem(source)
    builders: dict[str, Callable[[], Guidance]] = {
        "vision": _vision,
        "planning": _planning,
        "monitoring": _monitoring,
    }
    return builders[step]()


def _problem(source: bool = False) -> Guidance:
    if source:
        first = _(
            "What practical problems are causing your concern? (How do they stand in the "
            "way of women's safety, or of holding the perpetrator accountable?)"
        )
        belief = _(
            "Is this concern driven by an attitude, an assumption or a belief about "
            "violence against women?"
        )
    else:
        first = _(
            "What practical problems are causing your concern? (How do they stand in the "
            "way of the safety of those affected, or of holding those responsible to account?)"
        )
        belief = _(
            "Is this concern driven by an attitude, an assumption or a belief about the "
            "violence or the people affected?"
        )
    return Guidance(
        title=_("Problem analysis"),
        intro=_("Reflect on the following questions during the discussion:"),
        questions=(
            first,
            _(
                "Does this concern come from a single case or event, or is it a systemic "
                "problem (the same problem arising again and again)?"
            ),
            _("Does this concern relate to an administrative process, an information flow, etc.?"),
            _("Does this concern point to a need for further training?"),
            belief,
            _("Does the concern or problem come from gaps in referral?"),
            _(
                "Can the concern be answered, or the problem solved, locally, or does it need "
                "authorities at a higher level to step in?"
            ),
        ),
    )


def partner_guidance(wording: str = "") -> Guidance:
    """How to choose partners and allies, from the stakeholder analysis."""
    if wording == VIOLENCE_AGAINST_WOMEN:
        trust = _("Do survivors trust them?")
        respected = _(
            "Are they on good terms with, and respected by, the organisations working with "
            "survivors (at the policy, advocacy, institutional or community level, as "
            "appropriate)?"
        )
    else:
        trust = _("Do those affected trust them?")
        respected = _(
            "Are they on good terms with, and respected by, the organisations working with "
            "those affected (at the policy, advocacy, institutional or community level)?"
        )
    return Guidance(
        title=_("Partners and stakeholders"),
        intro=_(
            "Building on the stakeholder analysis, look at each institution, organisation "
            "and actor and ask whether they are suitable partners:"
        ),
        questions=(
            trust,
            respected,
            _(
                "Are there particular risks to consider (for example a bad reputation, or a "
                "lack of experience with these problems)?"
            ),
            _(
                "Who is in a position to advocate for the change (at the political, "
                "institutional or community level)?"
            ),
            _(
                "Are there people who champion the change inside the police, the armed forces "
                "or the ministries, who are respected by their colleagues and can influence "
                "them informally?"
            ),
            _(
                "Is there a leader or a well-known figure (national, institutional or local) "
                "who could give valuable support if obstacles arise along the way?"
            ),
        ),
    )


def recommendations_guidance() -> Guidance:
    """Following up recommendations with the authorities (issue 18).

    From `shared/seeds/000_*.txt`: how monitoring bodies hold the dialogue with the
    authorities on their recommendations (forms of dialogue, written replies with a
    deadline, focal points, yearly reviews, roles inside the team).
    """
    return Guidance(
        title=_("Following up recommendations with the authorities"),
        intro=_(
            "Dialogue can take different forms: with one institution at a time, or with "
            "several at once, for example round tables between institutions on an issue "
            "that involves different authorities. For the dialogue to be meaningful and "
            "effective, target the relevant institutions and the key people within them, "
            "and engage regularly over time."
        ),
        questions=(
            _(
                "Which institutions do the recommendations concern, and who are the key "
                "people within them?"
            ),
            _(
                "Have the draft recommendations been discussed with the authorities, so that "
                "they support them from an early stage?"
            ),
            _(
                "Is there a focal point in each ministry or institution concerned, with whom "
                "to have more informal and regular exchanges?"
            ),
            _(
                "Have the authorities been asked for a written reply on the implementation "
                "of each recommendation, with a deadline?"
            ),
            _(
                "Besides written, formal exchanges, which closed meetings (face to face or "
                "online) and informal exchanges (by telephone or messaging) will build "
                "trust, overcome resistance, show the authorities' constraints and "
                "challenges, and lead to agreements?"
            ),
            _(
                "Who in our team is responsible for the dialogue with each authority, at "
                "which level (high-level authorities or technical staff)? Decide it clearly "
                "in advance."
            ),
            _(
                "When will the yearly meeting with the focal points review the implementation "
                "of the recommendations: what was done, what was not, and why?"
            ),
        ),
        hint=_(
            "There is no single model: what matters is that responsibilities for the "
            "dialogue are clear within the team before it starts."
        ),
    )


def _vision() -> Guidance:
    return Guidance(
        title=_("Visualising the change"),
        intro=_(
            "Visualising takes an effort focused on goals and a joint discussion of the best "
            "outcome. As a group, ask what the best solution would be, and define it in "
            "concrete terms."
        ),
        questions=(
            _("What would the best outcome look like, concretely?"),
            _("What would show that it has been reached?"),
        ),
        hint=vision_example(),
    )


def _planning() -> Guidance:
    return Guidance(
        title=_("Planning"),
        intro=_(
            "Once the problem is understood and the vision of change defined, the action plan "
            "can be drawn up. These questions can guide the discussion:"
        ),
        questions=(
            _(
                "Practical problems: what can be done now (or what has been done) to remedy "
                "the situation? Who will be responsible for acting? By what date? What is the "
                "agreed strategy?"
            ),
            _(
                "Systemic problems behind it: what lasting improvements can be made locally "
                "to tackle the problem?"
            ),
            _(
                "Does solving the problem require a change at another level of authority? "
                "Is it a matter for a regional authority (police commission, district "
                "authority)?"
            ),
            _("Does solving the problem require action at the provincial or ministerial level?"),
            _(
                "Who will document the problem, the good practices and the plan? How, and to "
                "whom, will the documentation be communicated?"
            ),
        ),
    )


def _monitoring() -> Guidance:
    return Guidance(
        title=_("Monitoring"),
        intro=_("It helps to decide from the start what the signs of success will be."),
        questions=(
            _("What signs will tell us that the change is happening?"),
            _(
                "How will progress be assessed, and when? If needed, the initiative is "
                "adjusted along the way."
            ),
            _(
                "Do not be discouraged if the original problem has to be revisited several "
                "times before the success you envisaged."
            ),
            _(
                "A monitoring and evaluation mechanism is essential to any real change; it "
                "may need refining as you go, to overcome obstacles."
            ),
            _(
                "Hold regular consultations between partners, to make sure the joint "
                "strategies and action plans are carried out."
            ),
        ),
    )


# ------------------------------------------------------------- words for each choice


def _origin_labels() -> dict[str, str]:
    return {"single-case": _("a single case or event"), "systemic": _("systemic (recurring)")}


def _concern_labels() -> dict[str, str]:
    return {
        "administrative-process": _("an administrative process"),
        "information-flow": _("an information flow"),
        "training": _("a need for training"),
        "attitude": _("an attitude, assumption or belief"),
        "referral": _("gaps in referral"),
    }


def _scope_labels() -> dict[str, str]:
    return {"local": _("can be solved locally"), "higher-authority": _("needs a higher authority")}


def _status_labels() -> dict[str, str]:
    return {
        "planned": _("planned"),
        "in-progress": _("in progress"),
        "done": _("done"),
        "blocked": _("blocked"),
        "dropped": _("dropped"),
    }


def _kind_labels() -> dict[str, str]:
    return {"practical": _("practical"), "systemic": _("systemic")}


def _level_labels() -> dict[str, str]:
    return {
        "local": _("local"),
        "regional": _("regional"),
        "provincial": _("provincial"),
        "ministerial": _("ministerial"),
    }


def _cadence_labels() -> dict[str, str]:
    return {
        "monthly": _("monthly"),
        "quarterly": _("quarterly"),
        "half-yearly": _("half-yearly"),
        "yearly": _("yearly"),
    }


# Following up recommendations (issue 18): a recommendation's position, priority and kind
# of indicator; the forms of the dialogue; implementation and its reasons at a review.


def _position_labels() -> dict[str, str]:
    return {
        "no-reply": _("no reply yet"),
        "accepted": _("accepted"),
        "partially-accepted": _("partially accepted"),
        "noted": _("noted"),
        "rejected": _("rejected"),
    }


def _priority_labels() -> dict[str, str]:
    return {"high": _("high priority"), "medium": _("medium priority"), "low": _("low priority")}


def _indicator_type_labels() -> dict[str, str]:
    return {
        "structural": _("structural (laws, institutions)"),
        "process": _("process (measures taken)"),
        "outcome": _("outcome (change for the people)"),
    }


def _dialogue_form_labels() -> dict[str, str]:
    return {
        "written-reply": _("written reply"),
        "letter": _("letter"),
        "meeting": _("meeting"),
        "round-table": _("round table"),
        "informal": _("informal exchange"),
        "visit": _("visit"),
    }


def _implementation_labels() -> dict[str, str]:
    return {
        "not-started": _("not started"),
        "partially": _("partially implemented"),
        "fully": _("fully implemented"),
        "no-longer-relevant": _("no longer relevant"),
    }


def _reason_labels() -> dict[str, str]:
    return {
        "not-understood": _("not understood"),
        "budget": _("budget"),
        "resistance": _("resistance"),
        "legal-obstacle": _("legal obstacle"),
        "capacity": _("capacity"),
        "other": _("other reason"),
    }


_VOCABULARIES: dict[str, Callable[[], dict[str, str]]] = {
    "origin": _origin_labels,
    "concerns": _concern_labels,
    "scope": _scope_labels,
    "status": _status_labels,
    "kind": _kind_labels,
    "level": _level_labels,
    "cadence": _cadence_labels,
    "position": _position_labels,
    "priority": _priority_labels,
    "indicator_type": _indicator_type_labels,
    "form": _dialogue_form_labels,
    "implementation": _implementation_labels,
    "why": _reason_labels,
}


def labels(vocabulary: str) -> dict[str, str]:
    """value -> words shown for it, in the vocabulary's order (origin, status, level, ...)."""
    return _VOCABULARIES[vocabulary]()


def label(vocabulary: str, value: str | None) -> str:
    """Words for one value; an unknown value (from a newer planwizard) is shown as written."""
    if value is None:
        return ""
    return labels(vocabulary).get(value, value)
