"""Plans for the export tests: the examples, a richer generated plan, a hostile plan.

Imported as `tests.export_samples` (the tests folders are packages).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planwizard.model import (
    SCHEMA_VERSION,
    Action,
    ActionUpdate,
    Documentation,
    Indicator,
    Measurement,
    Monitoring,
    Plan,
    Problem,
    Review,
    Stakeholder,
    Vision,
    Workshop,
)
from planwizard.storage import load_plan
from tests.conftest import CONTRACT_EXAMPLE

ROOT = Path(__file__).resolve().parent.parent


def example_paths() -> list[Path]:
    """The format contract and every example plan shipped in plans/."""
    return [CONTRACT_EXAMPLE, *sorted((ROOT / "plans").glob("*.toml"))]


def rich_plan() -> Plan:
    """Every vocabulary value, extra fields, several reviews, readings falling and rising."""
    return Plan(
        schema_version=SCHEMA_VERSION,
        id="plan-rich-01",
        title="Référentiel d'orientation — été 2027",
        language="fr",
        created=dt.date(2026, 9, 1),
        workshop=Workshop(
            date=dt.date(2026, 9, 2),
            place="Maison des associations, Évry",
            facilitators=["Awa Diallo", "Jean-Luc Pérez"],
            participants=["Police", "Hôpital", "Foyer Étoile"],
        ),
        problem=Problem(
            statement="Les victimes repartent sans orientation.\nDeuxième ligne.",
            origin="single-case",
            concerns=["administrative-process", "attitude"],
            scope="local",
            notes="Noté par l'équipe d'accueil.",
        ),
        stakeholders=[
            Stakeholder(id="s-pol", name="Police", role="Accueil", trust="moyenne"),
            Stakeholder(
                id="s-hop",
                name="Hôpital",
                role="Soins",
                relationships="Bonnes relations avec le foyer",
                champion="Dr Ngoma",
            ),
        ],
        vision=Vision(
            statement="Chaque victime est orientée le jour même.",
            outcomes=["Fiche commune utilisée", "Délai moyen sous 24 h"],
        ),
        actions=[
            Action(
                id="a-0001",
                title="Rédiger la fiche",
                owner="Foyer Étoile",
                due=dt.date(2027, 1, 10),
                status="done",
                kind="practical",
                level="local",
                strategy="Atelier d'écriture",
            ),
            Action(
                id="a-0002",
                title="Former l'accueil",
                owner="Police",
                due=dt.date(2027, 2, 28),
                status="in-progress",
                kind="systemic",
                level="regional",
                budget=1200,
                tags=["formation", "accueil"],
            ),
            Action(
                id="a-0003",
                title="Convention départementale",
                owner="Préfecture",
                due=dt.date(2027, 5, 1),
                status="blocked",
                kind="systemic",
                level="provincial",
            ),
            Action(
                id="a-0004",
                title="Circulaire ministérielle",
                owner="Ministère",
                status="planned",
                level="ministerial",
            ),
            Action(
                id="a-0005",
                title="Ligne téléphonique dédiée",
                owner="Hôpital",
                due=dt.date(2027, 3, 1),
                status="dropped",
            ),
        ],
        documentation=Documentation(
            owner="Jean-Luc Pérez", method="Compte rendu écrit", audience=["Préfecture", "Bailleur"]
        ),
        indicators=[
            Indicator(
                id="i-delai", name="Délai d'orientation", unit="heures", baseline=72, target=24
            ),
            Indicator(id="i-part", name="Part orientée", unit="%", baseline=10.5, target=80),
            Indicator(id="i-libre", name="Appels reçus", unit="appels"),
            Indicator(id="i-jamais", name="Plaintes déposées", baseline=3, target=9),
        ],
        monitoring=Monitoring(cadence="monthly", next_review=dt.date(2027, 2, 15)),
        reviews=[
            Review(
                id="r-0002",
                date=dt.date(2027, 1, 12),
                facilitator="Jean-Luc Pérez",
                summary="Fiche terminée, formation lancée.",
                revisit_problem=True,
                updates=[
                    ActionUpdate(action="a-0001", status="done", done="Fiche diffusée"),
                    ActionUpdate(
                        action="a-0002",
                        status="in-progress",
                        done="Première session",
                        not_done="Deuxième session",
                        why="Formateur absent",
                        note="Reprogrammée en février",
                    ),
                ],
                measurements=[
                    Measurement(indicator="i-delai", value=48, note="Relevé de décembre"),
                    Measurement(indicator="i-part", value=32.5),
                    Measurement(indicator="i-libre", value=17),
                ],
            ),
            Review(
                date=dt.date(2026, 11, 15),
                facilitator="Awa Diallo",
                summary="Premier point.",
                updates=[ActionUpdate(action="a-0002", status="planned", why="Pas commencé")],
                measurements=[Measurement(indicator="i-delai", value=60)],
            ),
            Review(id="r-0003", date=dt.date(2026, 12, 15), facilitator="Awa Diallo"),
        ],
    )


# Text that would do something if a format let it: spreadsheet formulas, HTML, terminal
# escapes, Textual/Rich markup, Markdown, iCalendar and CSV separators.
HOSTILE = [
    '=HYPERLINK("http://evil.example/x","clic")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTabbed start",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[bold]x[/]",
    "[link=https://evil.example]x[/link]",
    "first line\nsecond line\n# not a heading",
    "a;b,c;d, e",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07",
    '"""triple""" and "quote"',
    "back\\slash\\",
    "cell | with | pipes",
    "**bold** _italic_ `code` ~~strike~~",
    "[text](https://evil.example) ![img](https://evil.example/i.png)",
    "&lt;entity&gt; &amp;",
    "- list item",
    "1. ordered",
    "BEGIN:VEVENT\r\nEND:VCALENDAR",
]


def hostile_plan() -> Plan:
    """Every text field of every table holds hostile text."""

    def pick(i: int) -> str:
        return HOSTILE[i % len(HOSTILE)]

    return Plan(
        schema_version=SCHEMA_VERSION,
        id="plan-hostile",
        title="<script>alert('title')</script> =1+1 | [bold]x[/]",
        created=dt.date(2026, 10, 1),
        workshop=Workshop(
            date=dt.date(2026, 10, 1),
            place=pick(0),
            facilitators=[pick(1), pick(2)],
            participants=[pick(3), pick(4)],
        ),
        problem=Problem(statement=pick(9), notes=pick(5), concerns=["training"]),
        stakeholders=[
            Stakeholder(
                id=f"s-{n}",
                name=pick(n),
                role=pick(n + 1),
                trust=pick(n + 2),
                relationships=pick(n + 3),
                risks=pick(n + 4),
                champion=pick(n + 5),
                focal_point=pick(n + 6),
            )
            for n in range(3)
        ],
        vision=Vision(statement=pick(7), outcomes=list(HOSTILE)),
        actions=[
            Action(
                id=f"a-{n:04d}",
                title=text,
                owner=pick(n + 1),
                due=dt.date(2027, 1, 1) + dt.timedelta(days=n),
                strategy=pick(n + 2),
            )
            for n, text in enumerate(HOSTILE)
        ],
        documentation=Documentation(owner=pick(6), method=pick(9), audience=[pick(0), pick(8)]),
        indicators=[
            Indicator(id=f"i-{n:04d}", name=text, unit=pick(n + 3), source=pick(n + 4), target=10)
            for n, text in enumerate(HOSTILE)
        ],
        monitoring=Monitoring(next_review=dt.date(2027, 4, 1)),
        reviews=[
            Review(
                date=dt.date(2026, 12, 1),
                facilitator=pick(5),
                summary=pick(9),
                updates=[
                    ActionUpdate(
                        action=f"a-{n:04d}",
                        done=text,
                        not_done=pick(n + 1),
                        why=pick(n + 2),
                        note=pick(n + 3),
                    )
                    for n, text in enumerate(HOSTILE)
                ],
                measurements=[
                    Measurement(indicator=f"i-{n:04d}", value=n, note=text)
                    for n, text in enumerate(HOSTILE)
                ],
            )
        ],
    )


def all_plans() -> list[tuple[str, Plan]]:
    """Named plans every format is checked on."""
    named = [(path.name, load_plan(path)) for path in example_paths()]
    return [*named, ("rich", rich_plan()), ("hostile", hostile_plan())]
