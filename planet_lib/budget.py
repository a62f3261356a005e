"""The budget (`budget.csv`): cost lines per activity, amounts = quantity x unit cost.

Totals per activity, result and category, the share of each category, the cost per participant
of each event, a summary table and a figure; and the checks that every scheduled task and event
is costed and that every cost line is complete.  Amounts are in the cohort currency; a missing
quantity or unit cost counts as 0 in the totals (and is reported by the checks).
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding, error, warning
from .workbook.fields import Field, amount, format_number, ident, text

FILE = "budget.csv"


@dataclass
class BudgetLine:
    activity: str
    item: str = ""
    category: str = ""
    quantity: float | None = None
    unit_cost: float | None = None
    line: int | None = None

    @property
    def amount(self) -> float:
        return (self.quantity or 0) * (self.unit_cost or 0)


SCHEMA = (
    Field("activity", ident, required=True),
    Field("item", text, default=""),
    Field("category", text, default=""),
    Field("quantity", amount, format_number),
    Field("unit_cost", amount, format_number),
)


NO_CATEGORY = "(no category)"
NO_RESULT = "(no result)"
UNKNOWN_ACTIVITY = "(unknown activity)"
COSTED_KINDS = ("task", "event")  # milestones are moments, they cost nothing themselves


# totals --------------------------------------------------------------------------------
def _add(totals: dict[str, float], key: str, value: float) -> None:
    totals[key] = totals.get(key, 0.0) + value


def total(lines: list[BudgetLine]) -> float:
    """The whole budget."""
    return sum(line.amount for line in lines)


def totals_by_activity(lines: list[BudgetLine]) -> dict[str, float]:
    """Cost per activity id, in the order activities first appear in budget.csv."""
    totals: dict[str, float] = {}
    for line in lines:
        _add(totals, line.activity, line.amount)
    return totals


def totals_by_category(lines: list[BudgetLine]) -> dict[str, float]:
    """Cost per category, largest first; lines without a category are grouped as '(no category)'."""
    totals: dict[str, float] = {}
    for line in lines:
        _add(totals, line.category or NO_CATEGORY, line.amount)
    return dict(sorted(totals.items(), key=lambda kv: -kv[1]))


def result_of(activities) -> dict[str, str]:
    """Activity id -> the result it serves ('(no result)' when none is given)."""
    return {a.id: a.result or NO_RESULT for a in activities}


def totals_by_result(lines: list[BudgetLine], activities) -> dict[str, float]:
    """Cost per logframe result, through each line's activity; results in schedule order.

    Lines whose activity is not in the schedule are grouped as '(unknown activity)'.
    """
    results = result_of(activities)
    totals: dict[str, float] = {r: 0.0 for r in dict.fromkeys(results.values())}
    for line in lines:
        _add(totals, results.get(line.activity, UNKNOWN_ACTIVITY), line.amount)
    return {k: v for k, v in totals.items() if v or k != UNKNOWN_ACTIVITY}


def shares(lines: list[BudgetLine], activities=None, by: str = "category") -> dict[str, float]:
    """Percent of the total per category (or per 'result' or 'activity'); all 0 when the budget is 0."""
    totals = _totals(lines, activities, by)
    whole = sum(totals.values())
    return {k: (100.0 * v / whole if whole else 0.0) for k, v in totals.items()}


def _totals(lines: list[BudgetLine], activities, by: str) -> dict[str, float]:
    if by == "category":
        return totals_by_category(lines)
    if by == "activity":
        return totals_by_activity(lines)
    if by == "result":
        if activities is None:
            raise ValueError("totals by result need the activities, to know which result each one serves")
        return totals_by_result(lines, activities)
    raise ValueError(f"by must be 'category', 'result' or 'activity', not {by!r}")


@dataclass
class EventCost:
    """What one event costs, in total and per invited participant."""

    activity: str
    title: str
    cost: float
    participants: int | None

    @property
    def per_participant(self) -> float | None:
        return self.cost / self.participants if self.participants else None


def event_costs(lines: list[BudgetLine], activities) -> list[EventCost]:
    """Each event's cost and cost per participant (None when participants are not given)."""
    costs = totals_by_activity(lines)
    return [EventCost(a.id, a.title, costs.get(a.id, 0.0), a.participants)
            for a in activities if a.kind == "event"]


def format_money(value: float, currency: str = "EUR") -> str:
    """'EUR 12,500' or 'EUR 12,500.50': English separators, cents only when there are any."""
    digits = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{currency} {digits}"


# the table -------------------------------------------------------------------------------
def summary_frame(lines: list[BudgetLine], activities=None, by: str | None = None, currency: str = "EUR"):
    """Costs per result (or per activity) and category, with row totals, shares and a Total row.

    `by` is 'result' (the default when activities are given) or 'activity'.
    """
    import pandas as pd

    by = by or ("result" if activities is not None else "activity")
    if by == "result" and activities is None:
        raise ValueError("a summary by result needs the activities, to know which result each one serves")
    key = _key(by, activities)
    categories = list(totals_by_category(lines))
    order = list(_totals(lines, activities, by))
    if by == "activity" and activities is not None:
        order = [a.id for a in activities if a.kind in COSTED_KINDS] + order
    rows: dict[str, dict[str, float]] = {k: {} for k in order}
    for line in lines:
        row = rows.setdefault(key(line), {})
        _add(row, line.category or NO_CATEGORY, line.amount)
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=categories).fillna(0.0)
    frame["total"] = frame.sum(axis=1)
    whole = frame["total"].sum()
    frame["share_%"] = (100 * frame["total"] / whole) if whole else 0.0
    frame.loc["Total"] = frame.sum(axis=0)
    frame.index.name = by
    frame.attrs["currency"] = currency
    return frame


def _key(by: str, activities):
    if by == "activity":
        return lambda line: line.activity
    results = result_of(activities)
    return lambda line: results.get(line.activity, UNKNOWN_ACTIVITY)


# checks ----------------------------------------------------------------------------------
def _where(line: BudgetLine) -> str:
    """The row a person looks for: 'line 7' of budget.csv, or the activity id for unsaved lines."""
    return f"line {line.line}" if line.line and line.line > 0 else line.activity


def _described(line: BudgetLine) -> str:
    what = f" ({line.item})" if line.item else ""
    return f"The cost line for {line.activity or 'no activity'}{what}"


def _missing_numbers(line: BudgetLine) -> list[Finding]:
    missing = [name for name in ("quantity", "unit_cost") if getattr(line, name) is None]
    if not missing:
        return []
    return [error("budget.missing_amount", FILE, _where(line),
                  f"{_described(line)} has no {' and no '.join(missing)}, so its amount cannot be worked out.",
                  "Fill in both 'quantity' and 'unit_cost' (amount = quantity x unit cost).")]


def _zero_amount(line: BudgetLine) -> list[Finding]:
    if line.quantity is None or line.unit_cost is None or line.amount != 0:
        return []
    return [warning("budget.zero_amount", FILE, _where(line),
                    f"{_described(line)} comes to 0 (quantity {line.quantity:g} x unit cost {line.unit_cost:g}).",
                    "Give the real quantity and unit cost, or delete the line if the item costs nothing.")]


def _no_category(line: BudgetLine) -> list[Finding]:
    if line.category:
        return []
    return [warning("budget.no_category", FILE, _where(line),
                    f"{_described(line)} has no category.",
                    "Write a cost category (e.g. travel, accommodation, staff, venue) so that totals per "
                    "category add up.")]


LINE_CHECKS = (_missing_numbers, _zero_amount, _no_category)


def _unknown_activity(line: BudgetLine, known: set[str]) -> list[Finding]:
    if line.activity in known:
        return []
    where = f" on line {line.line}" if line.line and line.line > 0 else ""
    if not line.activity:
        message = f"A cost line{where} is not linked to any activity."
    else:
        message = f"A cost line{where} is for activity {line.activity!r}, which is not in activities.csv."
    return [error("budget.unknown_activity", FILE, line.activity or _where(line), message,
                  "Write the id of an activity from activities.csv in the 'activity' column "
                  "(check the spelling), or add the activity to the schedule.")]


def _uncosted(activities, lines: list[BudgetLine]) -> list[Finding]:
    costed = {line.activity for line in lines}
    return [error("budget.no_cost_lines", FILE, a.id,
                  f"{a.kind.capitalize()} {a.id} ({a.title}) has no cost line in budget.csv.",
                  "Add at least one line for it in budget.csv: activity, item, category, quantity, unit cost. "
                  "Every activity of the schedule is a line of the means and cost schedule.")
            for a in activities if a.kind in COSTED_KINDS and a.id not in costed]


def check_budget(lines: list[BudgetLine], activities=None) -> list[Finding]:
    """Every budget finding; the links to activities are checked only when the schedule is given."""
    if not lines:
        out = [warning("budget.empty", FILE, None, "budget.csv has no cost lines.",
                       "Add one line per cost: activity, item, category, quantity, unit cost.")]
    else:
        out = []
    if activities is not None:
        known = {a.id for a in activities}
        for line in lines:
            out += _unknown_activity(line, known)
        out += _uncosted(activities, lines)
    for line in lines:
        for check in LINE_CHECKS:
            out += check(line)
    return out


def findings(group) -> list[Finding]:
    """The budget checks for a loaded `Group` (pipeline entry point)."""
    return check_budget(group.budget or [], group.activities)


def currency_of(group) -> str:
    """The cohort currency, EUR when the group was loaded on its own."""
    return group.cohort.currency if group.cohort is not None and group.cohort.currency else "EUR"


# the figure ------------------------------------------------------------------------------
MAIN_SHARE = 0.7  # of the figure's width: the bars per result; the rest shows the shares
LABEL_LINES = 3  # lines of a result's text under its bar
LABEL_MAX_WIDTH = 40  # characters per line, for reading comfort when there is room for more
LABEL_MIN_WIDTH = 12  # below this, labels stand upright with a short text
Y_AXIS_INCHES = 1.0  # taken by the cost axis, its numbers and its label


def figure(lines: list[BudgetLine], activities=None, currency: str = "EUR", results=None, large_text: bool = False):
    """The budget at a glance: a bar per result (per activity without a schedule) stacked by
    category with its total on top, and beside it each category's share of the whole.

    The share chart doubles as the colour key.  Each bar segment has the `gid`
    '<category>@<result or activity>', each total label 'total:<result or activity>'.
    `results` (logframe Statements) add each result's text under its id, wrapped to the room
    under its bar (up to three lines; upright and shortened when there are many bars).
    """
    from matplotlib.figure import Figure

    size = 13 if large_text else 9
    fig = Figure(figsize=(14 if large_text else 11, 7 if large_text else 5), layout="constrained")
    if not lines:
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No cost lines yet", ha="center", va="center", fontsize=size + 2, transform=ax.transAxes)
        return fig
    main, side = fig.subplots(1, 2, width_ratios=[MAIN_SHARE, 1 - MAIN_SHARE])
    colours = _colours(list(totals_by_category(lines)))
    by = "result" if activities is not None else "activity"
    frame = summary_frame(lines, activities, by=by)
    label_width = _label_width(fig.get_figwidth() * MAIN_SHARE, len(frame.index) - 1, size)
    _stacked_bars(main, frame, colours, currency, results, size, label_width)
    _share_bars(side, shares(lines), colours, size)
    fig.suptitle(f"Budget: {format_money(total(lines), currency)} in total", fontsize=size + 3)
    return fig


def _colours(categories: list[str]) -> dict[str, tuple]:
    from matplotlib import colormaps

    cmap = colormaps["tab10" if len(categories) <= 10 else "tab20"]
    return {c: cmap(i % cmap.N) for i, c in enumerate(categories)}


def _stacked_bars(ax, frame, colours: dict, currency: str, results, size: int, label_width: int) -> None:
    from matplotlib.ticker import FuncFormatter

    frame = frame.drop(index="Total")
    groups = list(frame.index)
    x = range(len(groups))
    bottom = [0.0] * len(groups)
    for category, colour in colours.items():
        heights = list(frame[category])
        bars = ax.bar(x, heights, bottom=bottom, color=colour, width=0.6)
        for bar, group in zip(bars, groups):
            bar.set_gid(f"{category}@{group}")
        bottom = [b + h for b, h in zip(bottom, heights)]
    many = len(groups) > 8  # then totals stand upright, so that neighbours do not collide
    for i, (group, value) in enumerate(zip(groups, frame["total"])):
        ax.text(i, value, " " + format_money(round(value), currency), ha="center", va="bottom",
                fontsize=size - 1, rotation=90 if many else 0, gid=f"total:{group}")
    ax.set_ylim(0, max(max(frame["total"]) * (1.4 if many else 1.15), 1))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    ax.set_ylabel(f"Cost ({currency})", fontsize=size)
    texts = {r.id: r.text for r in (results or [])}
    upright = len(groups) > 10 or label_width < LABEL_MIN_WIDTH  # no room: labels stand upright, short
    shown = (lambda t: _short(t, 10)) if upright else (lambda t: _wrapped(t, label_width))
    labels = [f"{g}\n{shown(texts[g])}" if g in texts else g for g in groups]
    ax.set_xticks(list(x), labels, fontsize=size, rotation=90 if upright else 0)
    ax.set_title(f"Cost per {frame.index.name}, by category", fontsize=size + 1, loc="left")
    ax.spines[["top", "right"]].set_visible(False)


def _label_width(axes_inches: float, groups: int, size: int) -> int:
    """How many characters of a result's text fit on one line under its bar.

    A character takes about 0.6 of the font size; the y axis takes its share of the width, and
    15% of each bar's slot is kept free so that neighbouring labels never touch.
    """
    slot_points = (axes_inches - Y_AXIS_INCHES) * 72 * 0.85 / max(groups, 1)
    return min(LABEL_MAX_WIDTH, int(slot_points / (0.6 * size)))


def _wrapped(text: str, width: int, lines: int = LABEL_LINES) -> str:
    """The text on up to `lines` lines of `width` characters, cut with an ellipsis if longer."""
    import textwrap

    wrapped = textwrap.wrap(" ".join(text.split()), width)
    if len(wrapped) > lines:
        wrapped = wrapped[: lines - 1] + [_short(" ".join(wrapped[lines - 1:]), width)]
    return "\n".join(wrapped)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _share_bars(ax, percent: dict[str, float], colours: dict, size: int) -> None:
    categories = list(percent)
    ax.barh(range(len(categories)), list(percent.values()), color=[colours[c] for c in categories], height=0.6)
    for y, value in enumerate(percent.values()):
        ax.text(value + 1, y, f"{value:.0f}%", va="center", fontsize=size - 1, gid=f"share:{categories[y]}")
    ax.set_yticks(range(len(categories)), categories, fontsize=size)
    ax.set_ylim(len(categories) - 0.5, -0.5)
    ax.set_xlim(0, max(max(percent.values()) * 1.35, 10))
    ax.set_xticks([])
    ax.set_title("Share by category", fontsize=size + 1, loc="left")
    ax.spines[["top", "right", "bottom"]].set_visible(False)
