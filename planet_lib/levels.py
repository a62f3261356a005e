"""From the selected strategy to the intervention logic: objectives placed at logframe levels.

In seminar 3 a group takes the first column of its logframe from its objective tree (PCM
Guidelines 2004, section 5.3): the core objective becomes the specific objective (one per
project), the ends above it the overall objectives, and the objectives of the selected strategy
below it the results.  A group writes its choice as a mapping from each level of
`logframe.yaml` to objective ids::

    {"overall_objectives": ["O2", "O3"], "specific_objectives": ["O4"], "results": ["O8", "O9"]}

`check_levels` compares that choice with the objective tree and the selected strategy, and
`draft_logframe` turns an accepted choice into a first logframe to reword and measure.  The
checks work on ids and links only, never on wording, so they hold for any language.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from . import trees
from .findings import Finding, error
from .logframe import LEVELS, Logframe, Statement
from .objectives import FILE as OBJECTIVES_FILE
from .objectives import Objective, ObjectiveTree
from .strategy import FILE as STRATEGY_FILE
from .strategy import Strategy, selected_option

Levels = Mapping[str, Iterable[str]]

# How a first draft numbers the statements of each level.
DRAFT_PREFIXES = {"overall_objectives": "OO", "specific_objectives": "SO", "results": "R"}


def ends_of(objectives: Iterable[Objective], start: str) -> set[str]:
    """Every objective that `start` leads to, directly or through others: the ends above it."""
    return trees.reachable(trees.link_map(objectives), start)


def selected_objectives(strategy: Strategy | None, objectives: Iterable[Objective]) -> set[str]:
    """The objectives of the selected strategy option: those it lists and those in its cluster.

    Empty when no option is selected.  The notebooks draw these in amber.
    """
    option = selected_option(strategy) if strategy is not None else None
    if option is None:
        return set()
    return set(option.objectives) | {o.id for o in objectives if o.cluster == option.id}


def check_levels(levels: Levels, objectives: Iterable[Objective] | None, strategy: Strategy | None,
                 problems: Iterable | None = None) -> list[Finding]:
    """Do the chosen objectives sit where the objective tree and the selected strategy put them?

    The specific objective is the core objective (the one that rewords the core problem of
    `problems`), or an objective of the selected strategy that leads to it; overall objectives
    are ends above it; results are objectives of the selected strategy below it.  Every finding
    is an error: a logframe drafted from such a choice would break its own vertical logic.
    """
    objectives = list(objectives or [])
    option = selected_option(strategy) if strategy is not None else None
    if not objectives or option is None:
        return [error("levels.not_ready", STRATEGY_FILE, None,
                      "The workbook has no objective tree (objectives.csv) or no selected strategy (strategy.yaml).",
                      "Finish the objective tree and select a strategy option (seminar 2) first.")]
    known = {o.id for o in objectives}
    found, placed = _placement_findings(levels, known)
    purposes = [oid for oid in levels.get("specific_objectives", []) if oid in known]
    if len(list(levels.get("specific_objectives", []))) > 1:
        found.append(error("levels.one_purpose", OBJECTIVES_FILE, "specific_objectives",
                           "More than one objective is placed as specific objective; a project has one.",
                           "Keep the one that is the benefit for your target group; move the others up or down."))
    if len(purposes) != 1:
        return found + [error("levels.purpose_unclear", OBJECTIVES_FILE, level,
                              f"The {level.replace('_', ' ')} are placed in relation to the specific objective, "
                              "and there is not exactly one yet.",
                              "Choose one specific objective first; then this check can run.")
                        for level in ("overall_objectives", "results")]
    purpose = purposes[0]
    chosen = selected_objectives(strategy, objectives)
    core = ObjectiveTree(objectives, problems).core
    found += _purpose_findings(purpose, core, chosen, ends_of(objectives, purpose))
    found += _overall_findings(levels, known, purpose, ends_of(objectives, purpose))
    found += _result_findings(levels, known, placed, purpose, objectives, chosen, option.name)
    return found


def _placement_findings(levels: Levels, known: set[str]) -> tuple[list[Finding], dict[str, str]]:
    """Every level has objectives, every id is one of the tree, each objective sits at one level."""
    found: list[Finding] = []
    placed: dict[str, str] = {}
    for level in LEVELS:
        ids = list(levels.get(level, []))
        if not ids:
            found.append(error("levels.empty", OBJECTIVES_FILE, level, f"No objective is placed under {level}.",
                               f"Put the ids of the objectives that belong there in the list for '{level}'."))
        for oid in ids:
            if oid not in known:
                found.append(error("levels.unknown", OBJECTIVES_FILE, oid,
                                   f"{oid} (under {level}) is not an objective of your tree.",
                                   "Use the ids of objectives.csv, as the tree above shows them (O1, O2, ...)."))
            elif oid in placed:
                found.append(error("levels.twice", OBJECTIVES_FILE, oid,
                                   f"{oid} is placed under {placed[oid]} and under {level}.",
                                   "Put each objective at one level only."))
            placed.setdefault(oid, level)
    return found, placed


def _purpose_findings(purpose: str, core: Objective | None, chosen: set[str], above: set[str]) -> list[Finding]:
    """The specific objective is the core objective, unless the strategy aims at a means of it."""
    if core is None or purpose == core.id or (purpose in chosen and core.id in above):
        return []
    return [error("levels.purpose_off_strategy", OBJECTIVES_FILE, purpose,
                  f"{purpose} is neither the core objective ({core.id}) nor an objective of the selected "
                  f"strategy that leads to it.",
                  f"Take the core objective {core.id} as specific objective, unless your strategy aims lower.")]


def _overall_findings(levels: Levels, known: set[str], purpose: str, above: set[str]) -> list[Finding]:
    return [error("levels.overall_not_above", OBJECTIVES_FILE, oid,
                  f"{oid} is not above the specific objective {purpose} in the tree.",
                  f"Overall objectives are ends that {purpose} leads to: follow its arrows upwards.")
            for oid in levels.get("overall_objectives", []) if oid in known and oid not in above]


def _result_findings(levels: Levels, known: set[str], placed: dict[str, str], purpose: str,
                     objectives: list[Objective], chosen: set[str], option_name: str) -> list[Finding]:
    """Results lead up to the specific objective and belong to the selected strategy."""
    found = []
    for oid in levels.get("results", []):
        if oid not in known or placed.get(oid) != "results":
            continue  # already reported as unknown, or placed at another level first
        if purpose not in ends_of(objectives, oid):
            found.append(error("levels.result_not_below", OBJECTIVES_FILE, oid,
                               f"{oid} does not lead to the specific objective {purpose}.",
                               f"Results are means below {purpose}: objectives whose arrows lead up to it."))
        elif oid not in chosen:
            found.append(error("levels.result_not_selected", OBJECTIVES_FILE, oid,
                               f"{oid} is not part of the selected strategy ({option_name}).",
                               "Take results from the selected strategy (amber in the tree); leave the others out, "
                               "or turn what you need from them into assumptions."))
    return found


def draft_logframe(levels: Levels, objectives: Iterable[Objective], template: str = "ec-2004") -> Logframe:
    """A first logframe: each placed objective's statement at its level, to be reworded and measured.

    Statements are numbered per level (OO1, SO1, R1, ...) in the order given.  Check the levels
    with `check_levels` first: an id that is not in `objectives` raises KeyError.
    """
    texts = {o.id: o.statement for o in objectives}
    frame = Logframe(template=template)
    for level, prefix in DRAFT_PREFIXES.items():
        for n, oid in enumerate(levels.get(level, []), start=1):
            frame.level(level).append(Statement(f"{prefix}{n}", texts[oid]))
    return frame
