"""Stakeholder analysis (`stakeholders.csv`): who is involved, how, and what to do about them.

The EC-style matrix has four analysis columns (characteristics, interests, capacity and
motivation, possible actions); the importance/influence grid sorts stakeholders into
quadrants A-D, each calling for a different way of working with them.

Here: the model and file schema; `quadrant` and `QUADRANTS` for the grid; `matrix` and
`styled_matrix` for the four-column table; `grid_figure` for the grid (drawn by
`stakeholder_grid`); `check_stakeholders` / `findings` for the checks of the domain reference
(section 5, item 14), plus a warning for very short lists and for an empty box A.

Limit: the checks do not read the text.  They only see whether a cell is filled, and treat a
few English placeholders ("n/a", "none", "tbd", "-") as empty; a placeholder in another
language counts as filled.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding, warning
from .workbook.fields import Field, format_number, ident, text, whole_number

FILE = "stakeholders.csv"


@dataclass
class Stakeholder:
    id: str
    name: str
    category: str = ""
    characteristics: str = ""
    interests: str = ""
    capacity: str = ""
    motivation: str = ""
    importance: int | None = None  # 1-5
    influence: int | None = None  # 1-5
    actions: str = ""
    line: int | None = None  # line in the file, None when not saved yet


SCHEMA = (
    Field("id", ident, required=True),
    Field("name", text, required=True),
    Field("category", text),
    Field("characteristics", text),
    Field("interests", text),
    Field("capacity", text),
    Field("motivation", text),
    Field("importance", whole_number(1, 5), format_number),
    Field("influence", whole_number(1, 5), format_number),
    Field("actions", text),
)


# The importance/influence grid ------------------------------------------------------------
HIGH = 3
"""The lowest score (1-5) that counts as *high* importance or influence.

The grid (ODA 1995) has two halves per axis, but participants score on a 1-5 scale.  The middle
score 3 counts as high on purpose: a stakeholder the group was unsure about then lands in a box
that asks for action (A, B or C) instead of "little attention" (D), because leaving stakeholders
out is one of the commonest mistakes in PCM workshops.
"""

QUADRANTS = {
    "A": "close working relationship",
    "B": "special measures to protect their interests",
    "C": "a risk: monitor them",
    "D": "little attention",
}
"""What each box of the grid asks the project to do (A: high importance and influence; B: high
importance, low influence; C: high influence, low importance; D: low and low)."""


def quadrant(stakeholder: Stakeholder) -> str | None:
    """The box (A-D) a stakeholder falls in, or None until both scores are given."""
    if stakeholder.importance is None or stakeholder.influence is None:
        return None
    important = stakeholder.importance >= HIGH
    influential = stakeholder.influence >= HIGH
    if important:
        return "A" if influential else "B"
    return "C" if influential else "D"


def by_quadrant(stakeholders: list[Stakeholder]) -> dict[str | None, list[Stakeholder]]:
    """Stakeholders sorted into boxes A-D (key None: not placed yet), keeping their order."""
    boxes: dict[str | None, list[Stakeholder]] = {box: [] for box in (*QUADRANTS, None)}
    for s in stakeholders:
        boxes[quadrant(s)].append(s)
    return boxes


# The stakeholder analysis matrix -------------------------------------------------------------
MATRIX_COLUMNS = (
    "Stakeholder and basic characteristics",
    "Interests and how affected by the problem(s)",
    "Capacity and motivation to bring about change",
    "Possible actions to address their interests",
)
"""The four columns of the EC-style matrix (headings as in third-party copies of the 2004
Guidelines; the exact original wording is uncertain)."""


def matrix(stakeholders: list[Stakeholder]):
    """The EC four-column stakeholder analysis matrix as a DataFrame, one row per stakeholder."""
    import pandas as pd

    rows = [_matrix_row(s) for s in stakeholders]
    index = pd.Index([s.name for s in stakeholders], name="Stakeholder", dtype=object)
    return pd.DataFrame(rows, index=index, columns=list(MATRIX_COLUMNS), dtype=object)


def _matrix_row(s: Stakeholder) -> list[str]:
    characteristics = "\n".join(part for part in (s.category, s.characteristics) if part)
    capacity = "\n".join(f"{label}: {value}" for label, value in
                         (("Capacity", s.capacity), ("Motivation", s.motivation)) if value)
    return [characteristics, s.interests, capacity, s.actions]


_MATRIX_FONT = "18px"  # readable from the back of a seminar room
_EMPTY_CELL = "background-color: #fff1b8;"  # a gap the group still has to fill
_MATRIX_STYLES = [
    {"selector": "", "props": f"border-collapse: collapse; font-size: {_MATRIX_FONT}; line-height: 1.35;"},
    {"selector": "caption", "props": "caption-side: top; font-weight: bold; text-align: left; padding: 0.3em 0;"},
    {"selector": "th, td", "props": "border: 1px solid #888; padding: 0.4em 0.6em; vertical-align: top;"
                                    " text-align: left; white-space: pre-wrap; overflow-wrap: anywhere;"},
    {"selector": "thead th", "props": "background-color: #dbe4f0; font-weight: bold;"},
    {"selector": "tbody th", "props": "font-weight: bold; min-width: 8em; max-width: 14em;"},
]


def styled_matrix(stakeholders: list[Stakeholder]):
    """The matrix as a pandas Styler: wrapped text, large type, empty cells shaded yellow.

    Everything participants typed is HTML-escaped, so a stray '<' cannot break the page.
    """
    frame = matrix(stakeholders)
    return (frame.style
            .format(escape="html")
            .format_index(escape="html", axis=0)
            .set_caption("Stakeholder analysis matrix")
            .set_table_styles(_MATRIX_STYLES)
            .set_properties(**{"min-width": "12em", "max-width": "24em"})
            .map(lambda value: "" if filled(value) else _EMPTY_CELL))


# The grid figure ---------------------------------------------------------------------------
def grid_figure(stakeholders: list[Stakeholder], large_text: bool = False):
    """The importance/influence grid as a matplotlib Figure: influence across, importance up.

    Boxes A-D are shaded and labelled with what they ask of the project; each stakeholder is a
    labelled point, stacked under the others sharing its cell; stakeholders not yet placed are
    listed under the plot.  `large_text=True` for a projector.  Drawn by `stakeholder_grid`.
    """
    from .stakeholder_grid import grid_figure as draw

    return draw(stakeholders, large_text)


# Checks (domain reference, section 5 item 14) ------------------------------------------------
PLACEHOLDERS = frozenset({"", "-", "--", "–", "—", "?", "x", "/", "n/a", "na", "none", "tbd", "todo", "to do"})
"""Cell contents that only hold a place, and so count as empty (English fillers only)."""

ANALYSIS_FIELDS = (
    ("characteristics", ("characteristics",),
     "what kind of organisation or group they are, its size, whom it represents"),
    ("interests", ("interests",), "what they want and how the problem affects them"),
    ("capacity or motivation", ("capacity", "motivation"),
     "what their skills, money and powers let them do, and how keen they are to change things"),
    ("actions", ("actions",), "what the project will do to address their interests"),
)
"""The four analysis fields of the matrix: (name, columns of which one must be filled, question)."""

MIN_STAKEHOLDERS = 3


def findings(group) -> list[Finding]:
    """The stakeholder checks for a group (nothing when it has no stakeholders.csv yet)."""
    return [] if group.stakeholders is None else check_stakeholders(group.stakeholders)


def check_stakeholders(stakeholders: list[Stakeholder]) -> list[Finding]:
    """Every stakeholder check: the list as a whole first, then each stakeholder in file order."""
    out = _check_count(stakeholders) + _check_box_a(stakeholders)
    for s in stakeholders:
        out += _check_fields(s) + _check_placed(s) + _check_box_b_action(s)
    return out


def filled(value: str) -> bool:
    """True when a cell says something, not just a placeholder such as '-' or 'n/a'."""
    return value.strip().lower().rstrip(".") not in PLACEHOLDERS


def _who(s: Stakeholder) -> str:
    name = f"{s.id} ({s.name})" if s.name and s.name != s.id else s.id
    return f"{name}, line {s.line}," if s.line else name


def _check_count(stakeholders: list[Stakeholder]) -> list[Finding]:
    if len(stakeholders) >= MIN_STAKEHOLDERS:
        return []
    count = len(stakeholders)
    said = "no stakeholders" if count == 0 else f"only {count} stakeholder{'s' if count > 1 else ''}"
    return [warning(
        "stakeholders.too_few", FILE, None,
        f"The stakeholder analysis lists {said}; a twinning network usually has many more.",
        "Add one row per group or organisation that is affected by the problem or can influence the "
        "project: partner municipalities, citizens' associations, schools, local media, ... "
        "Leaving stakeholders out is a common mistake.")]


def _check_box_a(stakeholders: list[Stakeholder]) -> list[Finding]:
    boxes = by_quadrant(stakeholders)
    if boxes["A"] or not any(boxes[box] for box in QUADRANTS):
        return []  # nobody placed yet: `stakeholders.not_placed` already says so
    return [warning(
        "stakeholders.no_box_a", FILE, None,
        "No stakeholder is in box A (high importance and high influence), so nobody is marked for a "
        "close working relationship.",
        f"Check the scores: the partner municipalities usually belong in box A (importance and influence "
        f"{HIGH} or more). If none really does, ask who will carry the project with you.")]


def _check_fields(s: Stakeholder) -> list[Finding]:
    missing = [(name, columns, question) for name, columns, question in ANALYSIS_FIELDS
               if not any(filled(getattr(s, c)) for c in columns)
               and not (name == "actions" and quadrant(s) == "B")]  # box B has its own finding
    if not missing:
        return []
    names = _and(["'" + name + "'" for name, _c, _q in missing])
    where = f"line {s.line} of {FILE}" if s.line else FILE
    questions = "; ".join(f"{name} ({question})" for name, _c, question in missing)
    return [warning(
        "stakeholders.missing_field", FILE, s.id,
        f"Stakeholder {_who(s)} has no {names} in the analysis matrix.",
        f"Fill in on {where}: {questions}.")]


def _check_placed(s: Stakeholder) -> list[Finding]:
    missing = [name for name in ("importance", "influence") if getattr(s, name) is None]
    if not missing:
        return []
    return [warning(
        "stakeholders.not_placed", FILE, s.id,
        f"Stakeholder {_who(s)} is not on the importance/influence grid: {_and(missing)} "
        f"{'is' if len(missing) == 1 else 'are'} empty.",
        f"Give {_and(missing)} a score from 1 (low) to 5 (high) in {FILE}, so the stakeholder "
        "falls in box A, B, C or D.")]


def _check_box_b_action(s: Stakeholder) -> list[Finding]:
    if quadrant(s) != "B" or filled(s.actions):
        return []
    return [warning(
        "stakeholders.box_b_without_action", FILE, s.id,
        f"Stakeholder {_who(s)} is in box B (important to the project but with little influence), "
        "but no action is planned for them.",
        "Box B stakeholders need special measures to protect their interests: write in the 'actions' "
        "column what the project will do for them (for example invite and fund their participation, "
        "consult them before each event).")]


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
