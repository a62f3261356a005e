"""Objective analysis (`objectives.csv`): the problem tree reworded as achieved, positive states.

`mirror` gives a group a first draft: one objective per problem, with the same links, each
statement marked "TO REWORD:" for the group to rewrite.  `ObjectiveTree` draws the tree and
`check_objectives` runs the checks of the PCM domain reference (section 5, items 2 and 3):
every objective rewords a problem or is marked as a new intermediate objective; no negative
problem wording is left; the means-ends links follow the problem tree; no cycles and no links to
objectives that do not exist; and the share of objectives that only copy their problem.

Copying every problem one-for-one into an objective is a typical mistake: objective analysis
also drops unrealistic objectives and adds intermediate ones.  An objective counts as copied when
its words are more than 80% the same as its problem's (`MIRROR_SIMILARITY`), or when the whole
tree is a blanket copy (every problem became exactly one objective with the same links and no
intermediate objective was added).  The share is reported as a note, and as a warning above half
of the objectives (`MIRROR_SHARE_WARNING`).

Wording checks read English only: they look for the English words listed in `problems.py`
(low, poor, lack, not, ...) and do not understand grammar or other languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from . import trees
from .findings import Finding, error, info, warning
from .problems import Problem, negative_qualifiers, words
from .workbook.fields import Field, format_ident_list, format_yes_no, ident, ident_list, text, yes_no

FILE = "objectives.csv"


@dataclass
class Objective:
    id: str
    statement: str
    leads_to: tuple[str, ...] = ()  # means -> end
    from_problem: str = ""  # the problem this objective rewords
    cluster: str = ""  # the strategy option it belongs to
    intermediate: bool = False  # a new objective with no problem behind it
    line: int | None = None


SCHEMA = (
    Field("id", ident, required=True),
    Field("statement", text, required=True),
    Field("leads_to", ident_list, format_ident_list, default=()),
    Field("from_problem", ident, default=""),
    Field("cluster", ident, default=""),
    Field("intermediate", yes_no, format_yes_no, default=False),
)

REWORD_MARK = "TO REWORD:"
MIRROR_SIMILARITY = 0.8  # share of words kept in order, above which an objective only copies its problem
MIRROR_SHARE_WARNING = 0.5  # above this share of copied objectives the note becomes a warning


# the draft and the tree -----------------------------------------------------------------

def mirror(problems: Iterable[Problem]) -> list[Objective]:
    """A first draft of the objective tree: each problem as an objective to reword, same links.

    The statements keep the problem's words behind a "TO REWORD:" mark, which the checks report
    as an error until the group has rewritten each one as a positive, achieved situation.
    """
    ids: dict[str, str] = {}
    originals = []
    for p in problems:
        if p.id not in ids:  # a repeated problem id is drafted once
            ids[p.id] = _objective_id(p.id, set(ids.values()))
            originals.append(p)
    return [Objective(id=ids[p.id], statement=f"{REWORD_MARK} {p.statement}",
                      leads_to=tuple(dict.fromkeys(ids[t] for t in p.leads_to if t in ids)), from_problem=p.id)
            for p in originals]


def _objective_id(problem_id: str, taken: set[str]) -> str:
    """O3 for P3; O-<id> for other ids; a suffix if that is taken."""
    base = "O" + problem_id[1:] if len(problem_id) > 1 and problem_id[0] in "Pp" else "O-" + problem_id
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class ObjectiveTree:
    """The objective cards of one group, read against its problem tree when one is given."""

    def __init__(self, objectives: Iterable[Objective], problems: Iterable[Problem] | None = None):
        self.objectives = list(objectives)
        self.problems = list(problems) if problems is not None else None

    def __iter__(self):
        return iter(self.objectives)

    def __len__(self) -> int:
        return len(self.objectives)

    @property
    def core(self) -> Objective | None:
        """The objective that rewords the core problem (the first, if several do)."""
        found = self.core_objectives()
        return found[0] if found else None

    def core_objectives(self) -> list[Objective]:
        cores = [p.id for p in self.problems or () if p.core]
        return [o for o in self.objectives if len(cores) == 1 and o.from_problem == cores[0]]

    def check(self) -> list[Finding]:
        return check_objectives(self.objectives, self.problems)

    def draw(self, large_text: bool = False, title: str = "Objective tree", highlight: Iterable[str] | None = None,
             highlight_label: str = "the objectives of the selected strategy"):
        """The tree as a matplotlib Figure: means below, ends above, the core problem's objective in amber.

        `highlight` puts other objectives in amber instead, e.g. those of the selected strategy
        (`levels.selected_objectives`); `highlight_label` says in the caption what they are.  The
        tree stays anchored on the core objective either way.  New intermediate objectives have a
        dashed border.  Use large_text=True to project it.
        """
        cores = [o.id for o in self.core_objectives()]
        amber, meaning = (cores, "the objective of the core problem") if highlight is None else (
            list(highlight), highlight_label)
        return trees.draw_tree(self.objectives, anchor=cores[0] if cores else None, highlight=amber,
                               dashed=[o.id for o in self.objectives if o.intermediate], title=title,
                               large_text=large_text,
                               caption=f"Arrows point from means to end. Amber: {meaning}. "
                                       "Dashed: new intermediate objectives.")


# the checks -----------------------------------------------------------------------------

def findings(group) -> list[Finding]:
    """The objective-tree findings of a group, read against its problem tree when it has one."""
    if group.objectives is None:
        return []
    return check_objectives(group.objectives, group.problems)


def check_objectives(objectives: Iterable[Objective], problems: Iterable[Problem] | None = None) -> list[Finding]:
    """Every finding about an objective tree; the checks against problems run only when given."""
    objectives = list(objectives)
    if not objectives:
        return [warning("objectives.empty", FILE, None, "objectives.csv has no objectives yet.",
                        "Start from your problem tree: reword each problem as a positive situation "
                        "achieved in the future (mirror(problems) gives a draft).")]
    out = _duplicates(objectives) + _unknown_links(objectives) + _cycles(objectives) + _orphans(objectives)
    for o in objectives:
        out += _wording(o) + _origin(o)
    if problems is not None:
        problems = list(problems)
        out += _unknown_problems(objectives, problems) + _core_objective(objectives, problems)
        out += _links_follow_problems(objectives, problems) + _mirrored(objectives, problems)
    return out


def _duplicates(objectives: list[Objective]) -> list[Finding]:
    return [error("objectives.duplicate_id", FILE, oid, f"Two or more objectives use the id {oid}.",
                  "Give every objective its own id, then check which one each leads_to means.")
            for oid in trees.duplicate_ids(objectives)]


def _unknown_links(objectives: list[Objective]) -> list[Finding]:
    return [error("objectives.unknown_link", FILE, oid,
                  f"Objective {oid} leads to '{target}', but there is no objective with the id {target}.",
                  f"In the leads_to column of {oid}, correct the id (ids are separated by ';'), "
                  "or add the missing objective.")
            for oid, target in trees.unknown_links(objectives)]


def _cycles(objectives: list[Objective]) -> list[Finding]:
    out = []
    for cycle in trees.find_cycles(trees.link_map(objectives)):
        if len(cycle) == 1:
            out.append(error("objectives.cycle", FILE, cycle[0], f"Objective {cycle[0]} leads to itself.",
                             f"Remove {cycle[0]} from its own leads_to column."))
            continue
        loop = " -> ".join(cycle + cycle[:1])
        out.append(error("objectives.cycle", FILE, cycle[0],
                         f"These objectives lead in a circle: {loop}. An end cannot also be a means "
                         "to its own means.",
                         "For each link ask 'if we achieve this, does it help achieve that?' and remove "
                         "the link of the circle that does not hold."))
    return out


def _orphans(objectives: list[Objective]) -> list[Finding]:
    """Objectives linked to nothing: a warning, as for problems (work in progress, breaks no chain)."""
    if len(objectives) < 2:
        return []
    tried = {oid for oid, _ in trees.unknown_links(objectives)}
    return [warning("objectives.orphan", FILE, oid, f"Objective {oid} is not linked to any other objective.",
                    "Link it as a means to the end it serves, or drop it if it does not fit the tree.")
            for oid in trees.orphans(trees.link_map(objectives)) if oid not in tried]


def _wording(o: Objective) -> list[Finding]:
    if REWORD_MARK.rstrip(":").lower() in o.statement.lower():
        return [error("objectives.to_reword", FILE, o.id, f"Objective {o.id} is still marked '{REWORD_MARK}'.",
                      "Rewrite it as the positive situation reached when the problem is solved, "
                      "and delete the 'TO REWORD:' mark.")]
    negative = negative_qualifiers(o.statement)
    if negative:
        return [warning("objectives.negative_wording", FILE, o.id,
                        f'Objective {o.id} "{o.statement}" keeps problem wording: {", ".join(negative)}.',
                        "Describe the situation achieved, in positive words (e.g. 'Low turnout of young "
                        "voters' becomes 'Young voters' turnout has risen').")]
    return []


def _origin(o: Objective) -> list[Finding]:
    if o.from_problem or o.intermediate:
        return []
    return [warning("objectives.no_problem", FILE, o.id,
                    f"Objective {o.id} does not say which problem it rewords, and is not marked intermediate.",
                    "Write the problem's id in from_problem, or 'yes' in the intermediate column if it is "
                    "a new objective added to complete the means-ends chain.")]


def _unknown_problems(objectives: list[Objective], problems: list[Problem]) -> list[Finding]:
    ids = {p.id for p in problems}
    return [error("objectives.unknown_problem", FILE, o.id,
                  f"Objective {o.id} rewords problem '{o.from_problem}', but problems.csv has no card "
                  f"with that id.",
                  "Correct the id in from_problem, or leave it empty and mark the objective intermediate.")
            for o in objectives if o.from_problem and o.from_problem not in ids]


def _core_objective(objectives: list[Objective], problems: list[Problem]) -> list[Finding]:
    cores = [p.id for p in problems if p.core]
    if len(cores) != 1 or any(o.from_problem == cores[0] for o in objectives):
        return []
    return [warning("objectives.no_core_objective", FILE, None,
                    f"No objective rewords the core problem {cores[0]}.",
                    f"Add the objective that states {cores[0]} solved: it usually becomes the project's "
                    "purpose (specific objective).")]


def _links_follow_problems(objectives: list[Objective], problems: list[Problem]) -> list[Finding]:
    """A means-ends link X -> Y should follow a cause-effect path P -> ... -> Q of their problems.

    A path through other problems is accepted: the objectives in between may have been dropped.
    Links to or from intermediate objectives, or objectives without a known problem, are not judged.
    """
    problem_links = trees.link_map(problems)
    by_id: dict[str, Objective] = {}
    for o in objectives:
        by_id.setdefault(o.id, o)
    out = []
    for o in objectives:
        for t in dict.fromkeys(o.leads_to):
            end = by_id.get(t)
            if end is None or o.intermediate or end.intermediate:
                continue
            p, q = o.from_problem, end.from_problem
            if p in problem_links and q in problem_links and p != q and q not in trees.reachable(problem_links, p):
                out.append(warning("objectives.link_not_in_problems", FILE, o.id,
                                   f"Objective {o.id} leads to {t}, but their problems do not: {p} does not "
                                   f"lead to {q} in problems.csv, directly or through other cards.",
                                   f"Check this means-ends link: if achieving {o.id} really helps achieve {t}, "
                                   f"add the link {p} -> {q} to the problem tree too; otherwise remove {t} "
                                   f"from the leads_to of {o.id}."))
    return out


def _mirrored(objectives: list[Objective], problems: list[Problem]) -> list[Finding]:
    """The share of objectives that only copy their problem: a note, a warning above the threshold."""
    statements = {p.id: p.statement for p in problems}
    copied = [o.id for o in objectives
              if o.from_problem in statements and _copies(o.statement, statements[o.from_problem])]
    blanket = _blanket_mirror(objectives, problems)
    share = 1.0 if blanket else len(copied) / len(objectives)
    if blanket:
        what = ("The objective tree is a one-for-one copy of the problem tree: every problem became exactly "
                "one objective with the same links, no objective was dropped and none was added.")
    else:
        listed = f" ({', '.join(copied)})" if copied else ""
        what = (f"{len(copied)} of {len(objectives)} objectives ({share:.0%}) repeat their problem's words "
                f"almost unchanged{listed}.")
    hint = ("Objective analysis is more than turning each card round: reword each objective as a real "
            "achieved situation, drop the ones the network cannot achieve, and add intermediate objectives "
            "where a means-ends step is missing.")
    make = warning if share > MIRROR_SHARE_WARNING else info
    return [make("objectives.mirrored", FILE, None, what, hint)]


def _copies(objective: str, problem: str) -> bool:
    """True when the objective keeps more than MIRROR_SIMILARITY of the problem's words, in order."""
    from difflib import SequenceMatcher

    objective = objective.replace(REWORD_MARK, " ")
    return SequenceMatcher(None, words(objective), words(problem), autojunk=False).ratio() > MIRROR_SIMILARITY


def _blanket_mirror(objectives: list[Objective], problems: list[Problem]) -> bool:
    origin = {o.id: o.from_problem for o in objectives}
    if any(o.intermediate for o in objectives) or sorted(origin.values()) != sorted(p.id for p in problems):
        return False
    if len(origin) != len(objectives):
        return False
    problem_links = trees.link_map(problems)
    return all({origin.get(t) for t in o.leads_to} == set(problem_links[o.from_problem]) for o in objectives)
