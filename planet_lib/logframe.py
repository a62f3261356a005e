"""The logical framework (`logframe.yaml`): intervention logic, indicators, sources, assumptions.

Two EC templates are supported: `ec-2004` (overall objectives / specific objective /
results / activities, with means and costs on the activities row and pre-conditions) and
`ec-2016` (impact / outcome / outputs / activities, indicators with baseline and target and
their years).  The activities row is not written here: it is derived from `activities.csv`
(means) and `budget.csv` (costs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .workbook.fields import Field, choice, ident, text, whole_number, year_month, yes_no, format_yes_no

FILE = "logframe.yaml"
TEMPLATES = ("ec-2004", "ec-2016")
LEVELS = ("overall_objectives", "specific_objectives", "results")
LIKELIHOODS = ("certain", "possible", "unlikely")  # Guidelines Figure 30: almost certainly / possibly / very unlikely


@dataclass
class Indicator:
    text: str
    unit: str = ""
    baseline: str = ""
    target: str = ""
    by: str | None = None  # YYYY-MM: when the target is reached
    source: str = ""  # source of verification
    baseline_year: int | None = None
    target_year: int | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Assumption:
    text: str
    important: bool | None = None
    likelihood: str | None = None  # certain | possible | unlikely
    can_redesign: bool | None = None
    extra: dict = field(default_factory=dict)

    @property
    def rated(self) -> bool:
        return self.important is not None or self.likelihood is not None


@dataclass
class Statement:
    """One entry of a logframe level: an objective or a result, with its indicators."""

    id: str
    text: str
    indicators: list[Indicator] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@dataclass
class Logframe:
    template: str = "ec-2004"
    overall_objectives: list[Statement] = field(default_factory=list)
    specific_objectives: list[Statement] = field(default_factory=list)
    results: list[Statement] = field(default_factory=list)
    preconditions: list[str] = field(default_factory=list)
    components: bool = False  # several specific objectives are declared as components
    extra: dict = field(default_factory=dict)

    def level(self, name: str) -> list[Statement]:
        return getattr(self, name)


LOGFRAME_FIELDS = (
    Field("template", choice(*TEMPLATES, blank="ec-2004")),
    Field("components", yes_no, format_yes_no, default=False),
)
STATEMENT_FIELDS = (Field("id", ident, required=True), Field("text", text, required=True))
INDICATOR_FIELDS = (
    Field("text", text, required=True),
    Field("unit", text, default=""),
    Field("baseline", text, default=""),
    Field("target", text, default=""),
    Field("by", year_month),
    Field("source", text, default=""),
    Field("baseline_year", whole_number(1990, 2100)),
    Field("target_year", whole_number(1990, 2100)),
)


def _optional_yes_no(raw: str) -> bool | None:
    return None if not raw.strip() else yes_no(raw)


ASSUMPTION_FIELDS = (
    Field("text", text, required=True),
    Field("important", _optional_yes_no),
    Field("likelihood", choice(*LIKELIHOODS, blank="")),
    Field("can_redesign", _optional_yes_no),
)


# The matrix as the EC templates lay it out ---------------------------------------------------
# Level keys in the order of the matrix rows; "activities" is derived, not stored in logframe.yaml.
MATRIX_LEVELS = LEVELS + ("activities",)
LEVEL_LABELS = {
    "ec-2004": {"overall_objectives": "Overall objectives", "specific_objectives": "Specific objective (purpose)",
                "results": "Results", "activities": "Activities"},
    "ec-2016": {"overall_objectives": "Impact", "specific_objectives": "Outcome(s)", "results": "Outputs",
                "activities": "Activities"},
}
# One entry of a level, as a trainer says it in a sentence ("the output R2 has no indicator").
LEVEL_NAMES = {
    "ec-2004": {"overall_objectives": "overall objective", "specific_objectives": "specific objective",
                "results": "result", "activities": "activity"},
    "ec-2016": {"overall_objectives": "impact", "specific_objectives": "outcome", "results": "output",
                "activities": "activity"},
}
COLUMNS = {
    "ec-2004": ("Level", "Intervention logic", "Objectively verifiable indicators", "Sources of verification",
                "Assumptions"),
    "ec-2016": ("Level", "Intervention logic", "Indicators", "Baseline (year)", "Target (year)",
                "Sources and means of verification", "Assumptions"),
}
PRECONDITIONS_LABEL = "Pre-conditions"
_NONE_GIVEN = "–"  # shown where one indicator of several has no value, to keep the numbering aligned


def assess_assumption(important: bool | None, likelihood: str, can_redesign: bool | None = None) -> str:
    """The assumption assessment of the 2004 Guidelines (Figure 30), as one decision.

    Returns ``"exclude"`` (leave it out of the logframe), ``"include"`` (keep it as an
    assumption and monitor it), ``"redesign"`` (add activities or results, or reword the
    purpose, so that the project influences it) or ``"not_feasible"`` (the project may not be
    feasible).  `important=None` counts as important: the group wrote the assumption down.
    """
    if important is False:
        return "exclude"
    if likelihood not in LIKELIHOODS:
        raise ValueError(f"likelihood must be one of {', '.join(LIKELIHOODS)}, not {likelihood!r}")
    if likelihood == "certain":
        return "exclude"
    if likelihood == "possible":
        return "include"
    return "redesign" if can_redesign else "not_feasible"


def check_logframe(logframe: Logframe, activities: list | None = None, budget: list | None = None) -> list:
    """Every check of the logframe (see `logframe_checks`); None means that file does not exist yet."""
    from . import logframe_checks

    return logframe_checks.check_logframe(logframe, activities, budget)


def findings(group) -> list:
    """The logframe findings of a group, for the `planet check` pipeline."""
    from . import logframe_checks

    return logframe_checks.findings(group)


@dataclass
class ActivityLine:
    """One activity as the Activities row shows it: what it needs (means) and what it costs."""

    id: str
    result: str
    title: str
    means: str
    cost: float | None  # None when there is no budget yet
    cost_lines: int = 0


@dataclass
class ActivitiesRow:
    """The Activities row of the matrix, derived from activities.csv and budget.csv."""

    lines: list[ActivityLine]
    total: float | None  # every budget line, including those of unknown activities
    unassigned: float = 0.0  # cost of budget lines whose activity is not in activities.csv


def activities_row(activities: list | None, budget: list | None) -> ActivitiesRow:
    """Means and cost per activity, and the total, so that the logframe never repeats the budget."""
    activities = activities or []
    ids = {a.id for a in activities}
    cost: dict[str, float] = {}
    count: dict[str, int] = {}
    for line in budget or []:
        cost[line.activity] = cost.get(line.activity, 0.0) + line.amount
        count[line.activity] = count.get(line.activity, 0) + 1
    lines = [ActivityLine(a.id, a.result, a.title, a.means,
                          None if budget is None else cost.get(a.id, 0.0), count.get(a.id, 0))
             for a in activities]
    if budget is None:
        return ActivitiesRow(lines, None)
    unassigned = sum(v for k, v in cost.items() if k not in ids)
    return ActivitiesRow(lines, sum(cost.values()), unassigned)


def from_group(group) -> tuple[Logframe | None, list | None, list | None]:
    """The three inputs of the matrix and of the checks, taken from a loaded `Group`."""
    return group.logframe, group.activities, group.budget


def matrix(logframe: Logframe, activities: list | None = None, budget: list | None = None):
    """The logframe as a pandas DataFrame laid out like the chosen EC template.

    One row per objective, result or activity, the level label in the first column; an
    empty level still gets one (empty) row so the matrix always shows all four levels.
    """
    import pandas as pd

    template = logframe.template
    columns = COLUMNS[template]
    rows: list[tuple] = []
    for level in LEVELS:
        label = LEVEL_LABELS[template][level]
        entries = [(label, *_statement_cells(s, template)) for s in logframe.level(level)]
        rows += entries or [_empty_row(label, columns)]
    rows += _activity_rows(activities_row(activities, budget), template, columns)
    if logframe.preconditions or template == "ec-2004":
        rows.append(_preconditions_row(logframe, columns))
    return pd.DataFrame(rows, columns=list(columns))


def _empty_row(label: str, columns: tuple) -> tuple:
    return (label,) + ("",) * (len(columns) - 1)


def _statement_cells(s: Statement, template: str) -> tuple:
    logic = f"{s.id}: {s.text}"
    sources = _numbered([i.source or _NONE_GIVEN for i in s.indicators])
    assumptions = "\n".join(f"• {a.text}" for a in s.assumptions)
    if template == "ec-2004":
        return logic, _numbered([_indicator_2004(i) for i in s.indicators]), sources, assumptions
    return (logic, _numbered([i.text for i in s.indicators]),
            _numbered([_value_with_year(i.baseline, i.unit, _baseline_year(i)) for i in s.indicators]),
            _numbered([_value_with_year(i.target, i.unit, _target_when(i)) for i in s.indicators]),
            sources, assumptions)


def _numbered(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))


def _indicator_2004(i: Indicator) -> str:
    """Indicator, target and baseline in one sentence: the 2004 template has one cell for them."""
    text = i.text
    if i.target:
        text += f": target {_with_unit(i.target, i.unit)}"
        when = _target_when(i)
        text += f" by {when}" if when else ""
    if i.baseline:
        year = f" in {i.baseline_year}" if i.baseline_year else ""
        text += f" (baseline {_with_unit(i.baseline, i.unit)}{year})"
    return text


def _with_unit(value: str, unit: str) -> str:
    if not unit or unit.lower() in value.lower():
        return value
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}"


def _value_with_year(value: str, unit: str, year: str) -> str:
    if not value:
        return _NONE_GIVEN
    shown = _with_unit(value, unit)
    return f"{shown} ({year})" if year and year not in shown else shown


def _baseline_year(i: Indicator) -> str:
    return str(i.baseline_year) if i.baseline_year else ""


def _target_when(i: Indicator) -> str:
    if i.by:
        return i.by
    return str(i.target_year) if i.target_year else ""


def _activity_rows(row: ActivitiesRow, template: str, columns: tuple) -> list[tuple]:
    """Means in the indicators cell, costs in the sources cell, as both EC templates do."""
    label = LEVEL_LABELS[template]["activities"]
    means_at, costs_at = 2, len(columns) - 2  # the indicators column; the sources column
    rows = []
    for line in row.lines:
        cells = ["" for _ in columns]
        cells[0] = label
        cells[1] = f"{line.id}: {line.title}" + (f" (for {line.result})" if line.result else "")
        cells[means_at] = f"Means: {line.means}" if line.means else ""
        cells[costs_at] = "" if line.cost is None else f"Costs: {format_money(line.cost)}"
        rows.append(tuple(cells))
    if not rows:
        return [_empty_row(label, columns)]
    if row.total is not None:
        cells = ["" for _ in columns]
        cells[0], cells[1] = label, "Total of all activities"
        cells[costs_at] = f"Costs: {format_money(row.total)}"
        if row.unassigned:
            cells[costs_at] += f"\n(of which {format_money(row.unassigned)} for activities not in activities.csv)"
        rows.append(tuple(cells))
    return rows


def _preconditions_row(logframe: Logframe, columns: tuple) -> tuple:
    """Pre-conditions sit in the bottom cell of the Assumptions column."""
    cells = _empty_row(PRECONDITIONS_LABEL, columns)
    return cells[:-1] + ("\n".join(f"• {p}" for p in logframe.preconditions),)


def format_money(amount: float) -> str:
    """1200 -> '1,200'; 1200.5 -> '1,200.50' (no currency: the cohort sets it)."""
    return f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"


# Showing the matrix: a styled table for notebooks and reports, and an image -------------------
LEVEL_COLOURS = {"overall_objectives": "#dbe8f5", "specific_objectives": "#e2efd9", "results": "#fff2cc",
                 "activities": "#fbe4d5", "preconditions": "#ededed"}
HEADER_COLOUR = "#d0d0d0"
# Characters per line in each column of the image, chosen so that a matrix fits a landscape page.
WRAP_WIDTHS = {"ec-2004": (16, 40, 36, 26, 32), "ec-2016": (12, 34, 28, 14, 14, 22, 28)}


def _label_colours(template: str) -> dict[str, str]:
    colours = {LEVEL_LABELS[template][level]: LEVEL_COLOURS[level] for level in MATRIX_LEVELS}
    colours[PRECONDITIONS_LABEL] = LEVEL_COLOURS["preconditions"]
    return colours


def styled_matrix(logframe: Logframe, activities: list | None = None, budget: list | None = None):
    """The matrix as a pandas Styler: wrapped text, one merged and coloured cell per level.

    ``styled_matrix(...).to_html()`` gives the table for a report; in a notebook the Styler
    displays itself.
    """
    import pandas as pd

    frame = matrix(logframe, activities, budget)
    within = frame.groupby("Level", sort=False).cumcount() + 1
    shown = frame.drop(columns="Level")
    # Repeated first-level index values are merged (rowspan) by the Styler: one cell per level.
    shown.index = pd.MultiIndex.from_arrays([frame["Level"], within.astype(str)], names=[None, None])
    colours = _label_colours(logframe.template)
    group_start = list(within == 1)
    styler = shown.style.hide(axis="index", level=1).format(escape="html").format_index(escape="html")
    styler = styler.map_index(lambda label: f"background-color: {colours.get(label, 'white')}; font-weight: bold;"
                              " border-top: 2px solid #444;", axis="index", level=0)
    styler = styler.apply(lambda data: pd.DataFrame(
        [["border-top: 2px solid #444;" if start else "" for _ in data.columns] for start in group_start],
        index=data.index, columns=data.columns), axis=None)
    return styler.set_table_styles([
        {"selector": "", "props": "border-collapse: collapse; font-family: sans-serif; font-size: 0.9em;"},
        {"selector": "th, td", "props": "border: 1px solid #888; padding: 4px 6px; vertical-align: top;"
                                        " text-align: left; white-space: pre-wrap; max-width: 24em;"},
        {"selector": "thead th", "props": f"background-color: {HEADER_COLOUR};"},
    ])


def matrix_figure(logframe: Logframe, activities: list | None = None, budget: list | None = None,
                  font_size: float = 8.0):
    """The matrix as a matplotlib Figure: a grid of wrapped text, sized to what it holds.

    Column widths and row heights are measured from the rendered text, so no text leaves its
    cell.  Cells carry ids (``gid``) ``cell-<row>-<col>`` and ``text-<row>-<col>``; row 0 is
    the header.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    frame = matrix(logframe, activities, budget)
    widths = WRAP_WIDTHS[logframe.template]
    labels = list(frame["Level"])
    starts = [r for r in range(len(labels)) if r == 0 or labels[r] != labels[r - 1]]
    grid = [[_wrap(c, w) for c, w in zip(frame.columns, widths)]]
    for r, row in enumerate(frame.itertuples(index=False)):
        cells = [_wrap(str(v), w) for v, w in zip(row, widths)]
        cells[0] = cells[0] if r in starts else ""  # the level label once, at the top of its group
        grid.append(cells)

    fig = Figure(dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    texts = {(r, c): ax.text(0, 0, value, fontsize=font_size, fontweight="bold" if r == 0 or c == 0 else "normal",
                             va="top", ha="left", linespacing=1.3, parse_math=False, gid=f"text-{r}-{c}")
             for r, cells in enumerate(grid) for c, value in enumerate(cells) if value}
    col_w, row_h = _measure(fig, texts, len(grid), len(widths), pad=font_size / 72 * 0.6)
    _lay_out(fig, ax, texts, col_w, row_h, [s + 1 for s in starts], labels, logframe.template,
             pad=font_size / 72 * 0.6)
    return fig


def _wrap(text: str, width: int) -> str:
    """Wrap each line, indenting the continuation of numbered and bulleted lines."""
    import re
    import textwrap

    out = []
    for line in text.split("\n"):
        mark = re.match(r"^(\d+\. |• )", line)
        indent = " " * len(mark.group(1)) if mark else ""
        out += textwrap.wrap(line, width, subsequent_indent=indent) or [""]
    return "\n".join(out)


def _measure(fig, texts: dict, rows: int, cols: int, pad: float) -> tuple[list[float], list[float]]:
    """Column widths and row heights in inches, from the rendered size of each text."""
    renderer = fig.canvas.get_renderer()
    col_w = [0.3] * cols
    row_h = [0.0] * rows
    for (r, c), t in texts.items():
        box = t.get_window_extent(renderer)
        col_w[c] = max(col_w[c], box.width / fig.dpi + 2 * pad)
        row_h[r] = max(row_h[r], box.height / fig.dpi + 2 * pad)
    return col_w, [h or 2 * pad + 0.12 for h in row_h]


def _lay_out(fig, ax, texts: dict, col_w: list[float], row_h: list[float], group_rows: list[int],
             labels: list[str], template: str, pad: float, margin: float = 0.15) -> None:
    """Size the figure to the grid, draw the cells (level cells spanning their group), place the texts."""
    from matplotlib.patches import Rectangle

    width, height = sum(col_w) + 2 * margin, sum(row_h) + 2 * margin
    fig.set_size_inches(width, height)
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)  # y grows downwards, in inches, like a page
    xs = [margin + sum(col_w[:c]) for c in range(len(col_w) + 1)]
    ys = [margin + sum(row_h[:r]) for r in range(len(row_h) + 1)]
    colours = _label_colours(template)
    ends = group_rows[1:] + [len(row_h)]
    for r in range(len(row_h)):
        for c in range(len(col_w)):
            if c == 0 and r > 0 and r not in group_rows:
                continue  # covered by the level cell above
            bottom = ends[group_rows.index(r)] if c == 0 and r > 0 else r + 1
            colour = HEADER_COLOUR if r == 0 else colours.get(labels[r - 1], "white") if c == 0 else "white"
            ax.add_patch(Rectangle((xs[c], ys[r]), col_w[c], ys[bottom] - ys[r], facecolor=colour,
                                   edgecolor="#555", linewidth=0.6, gid=f"cell-{r}-{c}"))
    for r in group_rows:
        ax.plot([xs[0], xs[-1]], [ys[r], ys[r]], color="#222", linewidth=1.6)
    for (r, c), t in texts.items():
        t.set_position((xs[c] + pad, ys[r] + pad))
        t.set_zorder(3)
