"""Strategy analysis (`strategy.yaml`): options (clusters of objectives) scored on weighted criteria.

Each option (a cluster or branch of the objective tree) gets a score from 1 to 5 on each
criterion; an option's weighted total is the sum of weight x score.  The group selects one
option; if it is not the best-scoring one, the group says why in `justification`, because
criteria never capture everything (a risk, a partner's condition, a political commitment).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .findings import Finding, error, warning
from .workbook.fields import Field, ident, text, whole_number, amount

FILE = "strategy.yaml"


@dataclass
class Criterion:
    id: str
    weight: float = 1.0
    name: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Option:
    id: str
    name: str = ""
    objectives: list[str] = field(default_factory=list)
    scores: dict[str, int | None] = field(default_factory=dict)  # criterion id -> 1-5
    extra: dict = field(default_factory=dict)


@dataclass
class Strategy:
    criteria: list[Criterion] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    selected: str = ""
    justification: str = ""
    extra: dict = field(default_factory=dict)


STRATEGY_FIELDS = (Field("selected", ident, default=""), Field("justification", text, default=""))
CRITERION_FIELDS = (Field("id", ident, required=True), Field("weight", amount, default=1.0),
                    Field("name", text, default=""))
OPTION_FIELDS = (Field("id", ident, required=True), Field("name", text, default=""))
SCORE = whole_number(1, 5)


# scoring -----------------------------------------------------------------------------------
# A missing score counts as nothing in the total until it is given (the check reports it).
TOTAL = "weighted total"
NAME = "option name"


def contributions(strategy: Strategy) -> dict[str, dict[str, float]]:
    """Weight x score per option and criterion: what each criterion adds to an option's total."""
    return {o.id: {c.id: (c.weight or 0) * (o.scores.get(c.id) or 0) for c in strategy.criteria}
            for o in strategy.options}


def totals(strategy: Strategy) -> dict[str, float]:
    """The weighted total of each option: the sum over criteria of weight x score."""
    return {option: sum(parts.values()) for option, parts in contributions(strategy).items()}


def score_table(strategy: Strategy):
    """Options (rows) x criteria (columns) scores, with each option's name and weighted total."""
    import pandas as pd

    total = totals(strategy)
    rows = [{NAME: o.name, **{c.id: o.scores.get(c.id) for c in strategy.criteria}, TOTAL: total[o.id]}
            for o in strategy.options]
    frame = pd.DataFrame(rows, columns=[NAME, *[c.id for c in strategy.criteria], TOTAL],
                         index=pd.Index([o.id for o in strategy.options], name="option"))
    for c in strategy.criteria:
        frame[c.id] = frame[c.id].astype("Int64")
    frame[TOTAL] = frame[TOTAL].astype(float)
    return frame


def ranking(strategy: Strategy) -> list[Option]:
    """Options best first; options with equal totals keep the order of strategy.yaml."""
    total = totals(strategy)
    return sorted(strategy.options, key=lambda o: -total[o.id])


def selected_option(strategy: Strategy) -> Option | None:
    """The option the group chose, or None if none (or an unknown one) is chosen."""
    return next((o for o in strategy.options if o.id == strategy.selected), None) if strategy.selected else None


# checks ------------------------------------------------------------------------------------
def findings(group) -> list[Finding]:
    """The strategy checks for a group (objectives are compared once objectives.csv exists)."""
    if group.strategy is None:
        return []
    return check_strategy(group.strategy, group.objectives)


def check_strategy(strategy: Strategy, objectives: list | None = None) -> list[Finding]:
    """Is the comparison complete and consistent, and is the choice explained?

    `objectives` is the list from objectives.csv, or None when the group has none yet.
    """
    out = option_count_findings(strategy) + criteria_findings(strategy) + score_findings(strategy)
    out += selection_findings(strategy)
    if objectives is not None:
        out += objective_findings(strategy, objectives)
    return out


def option_count_findings(strategy: Strategy) -> list[Finding]:
    out = _duplicates(strategy.options, "option")
    if len(strategy.options) < 2:
        out.append(warning("strategy.few_options", FILE, None,
                           f"There {'is' if len(strategy.options) == 1 else 'are'} only {len(strategy.options)} "
                           "option(s) to compare; strategy analysis compares alternatives.",
                           "Describe at least two options (clusters of the objective tree) and score each of them."))
    return out


def criteria_findings(strategy: Strategy) -> list[Finding]:
    if not strategy.criteria:
        return [error("strategy.no_criteria", FILE, None, "No criteria are given, so the options cannot be compared.",
                      "List the criteria under criteria: with an id and a weight (e.g. cost, feasibility, relevance).")]
    out = _duplicates(strategy.criteria, "criterion")
    for c in strategy.criteria:
        if c.weight is None or c.weight <= 0:
            out.append(error("strategy.weight_not_positive", FILE, c.id,
                             f"Criterion {c.id} has weight {c.weight or 0:g}; weights must be more than 0.",
                             "Give the criterion a positive weight (e.g. 1, 2 or 3), or remove it."))
    return out


def score_findings(strategy: Strategy) -> list[Finding]:
    """Every option scored on every criterion, and no score for a criterion that is not listed."""
    criteria = [c.id for c in strategy.criteria]
    out = []
    for o in strategy.options:
        for c in criteria:
            if o.scores.get(c) is None:
                out.append(error("strategy.missing_score", FILE, o.id, f"Option {o.id} has no score for criterion {c}.",
                                 f"Add a score from 1 to 5 for {c} under the scores of option {o.id}."))
        for c in o.scores:
            if c not in criteria:
                out.append(warning("strategy.unknown_criterion", FILE, o.id,
                                   f"Option {o.id} has a score for {c}, which is not one of the criteria "
                                   f"({', '.join(criteria) or 'none'}); it is not counted.",
                                   "Correct the criterion id, or add the criterion to the criteria list."))
    return out


def selection_findings(strategy: Strategy) -> list[Finding]:
    """A known option is chosen; choosing one that scores lower needs a justification."""
    if not strategy.selected:
        return [warning("strategy.no_selection", FILE, None, "No option is selected yet.",
                        "Choose one option and write its id as selected: in strategy.yaml.")]
    chosen = selected_option(strategy)
    if chosen is None:
        known = ", ".join(o.id for o in strategy.options) or "none"
        return [error("strategy.unknown_selection", FILE, strategy.selected,
                      f"The selected option {strategy.selected!r} is not one of the options ({known}).",
                      "Write the id of one of the options as selected:.")]
    total = totals(strategy)
    best = ranking(strategy)[0]
    if total[chosen.id] < total[best.id] and not strategy.justification.strip():
        return [warning("strategy.selection_not_best", FILE, chosen.id,
                        f"The selected option {chosen.id} scores {total[chosen.id]:g}, less than {best.id} "
                        f"({total[best.id]:g}), and no justification is given.",
                        "Explain why you chose it in justification: (e.g. a risk or a condition the criteria "
                        "do not show), or select the best-scoring option.")]
    return []


def objective_findings(strategy: Strategy, objectives: list) -> list[Finding]:
    """Options list objectives that exist, and agree with their cluster in objectives.csv."""
    cluster = {o.id: o.cluster for o in objectives}
    out = []
    for option in strategy.options:
        for ref in option.objectives:
            if ref not in cluster:
                out.append(error("strategy.unknown_objective", FILE, option.id,
                                 f"Option {option.id} lists objective {ref}, which is not in objectives.csv.",
                                 "Correct the objective id, or add the objective to objectives.csv."))
            elif cluster[ref] and cluster[ref] != option.id:
                out.append(warning("strategy.cluster_mismatch", FILE, option.id,
                                   f"Option {option.id} lists objective {ref}, but objectives.csv puts it in "
                                   f"cluster {cluster[ref]}.",
                                   "Make the cluster column of objectives.csv agree with the objectives of "
                                   "the options."))
    return out


def _duplicates(items: list, what: str) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.id in seen:
            out.append(error("strategy.duplicate_id", FILE, item.id, f"Two {what}s have the id {item.id}.",
                             f"Give each {what} its own id."))
        seen.add(item.id)
    return out


# figure ------------------------------------------------------------------------------------
def figure(strategy: Strategy):
    """The options' weighted totals as horizontal bars, best on top, split by criterion.

    Each coloured segment is what one criterion adds (weight x score); the selected option is
    outlined and its label written in bold.
    """
    from matplotlib.figure import Figure

    options = ranking(strategy)
    fig = Figure(figsize=(8, 1.6 + 0.6 * max(len(options), 1)), layout="constrained")
    ax = fig.add_subplot()
    if not options or not strategy.criteria:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No options or criteria to compare yet.", ha="center", va="center", transform=ax.transAxes)
        return fig
    parts = contributions(strategy)
    rows = list(range(len(options)))[::-1]  # the best option on top
    left = [0.0] * len(options)
    for i, c in enumerate(strategy.criteria):
        widths = [parts[o.id][c.id] for o in options]
        ax.barh(rows, widths, left=left, color=f"C{i % 10}", label=_criterion_label(c), edgecolor="white")
        left = [a + b for a, b in zip(left, widths)]
    _highlight(ax, options, rows, left, strategy.selected)
    ax.set_yticks(rows, [_option_label(o, strategy.selected) for o in options])
    for tick, option in zip(ax.get_yticklabels(), options):
        tick.set_fontweight("bold" if option.id == strategy.selected else "normal")
    for row, total in zip(rows, left):
        ax.text(total, row, f" {total:g}", va="center", ha="left")
    ax.set_xlim(0, max(left + [1]) * 1.12)
    ax.set_xlabel("weighted total (sum of weight x score)")
    ax.set_title("Strategy options compared")
    fig.legend(title="criterion (weight)", loc="outside lower center", ncols=min(len(strategy.criteria), 4),
               frameon=False)
    return fig


def _highlight(ax, options: list[Option], rows: list[int], totals_: list[float], selected: str) -> None:
    """Outline the whole bar of the selected option."""
    for option, row, total in zip(options, rows, totals_):
        if option.id == selected:
            ax.barh([row], [total], fill=False, edgecolor="black", linewidth=2.5, label="_selected")


def _option_label(option: Option, selected: str) -> str:
    name = f"{option.id}: {option.name}" if option.name else option.id
    return f"{name} (selected)" if option.id == selected else name


def _criterion_label(criterion: Criterion) -> str:
    label = criterion.name or criterion.id
    return f"{label} (x{criterion.weight or 0:g})"
