"""Problem analysis (`problems.csv`): cards linked cause -> effect around one core problem.

`ProblemTree` holds the cards and draws them; `check_problems` runs the checks of a problem
tree (PCM domain reference, section 5, items 1 and 2): one core problem with causes and effects,
no cycles, no cards left unlinked, no links to cards that do not exist, and one existing negative
situation per card (not the absence of a solution, not a positive state, not two problems).

Wording checks read English only.  They look for the English words and patterns listed in this
module and do not understand grammar, so they can miss a badly worded card or flag a good one:
every wording finding is a warning to think about, never an error.  Cards written in another
language are not flagged at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from . import trees
from .findings import Finding, error, warning
from .workbook.fields import Field, format_ident_list, format_yes_no, ident, ident_list, text, yes_no

FILE = "problems.csv"


@dataclass
class Problem:
    id: str
    statement: str
    leads_to: tuple[str, ...] = ()  # the effects this problem causes
    core: bool = False
    line: int | None = None


SCHEMA = (
    Field("id", ident, required=True),
    Field("statement", text, required=True),
    Field("leads_to", ident_list, format_ident_list, default=()),
    Field("core", yes_no, format_yes_no, default=False),
)


LACK_OF, POSITIVE, TWO_PROBLEMS = "problems.lack_of", "problems.positive_wording", "problems.two_problems"

# "the absence of a solution": each pattern with the words quoted back to the group
ABSENCE_PATTERNS = (
    r"\black(?:s|ing)?\b(?: of\b)?",
    r"\babsen(?:ce of|t)\b",
    r"\bnot enough\b",
    r"\binsufficient (?:number|amount|quantity|supply) of\b",
    r"\bthere (?:is|are) no\b",
    r"^missing\b",
    r"\bno\b(?!\s*(?:-\s*one|one|longer|more than|less than|matter)\b)",
)

# words that make a statement read as a bad state; used to tell a problem from an objective
NEGATIVE_QUALIFIERS = frozenset("""
lack lacks lacking absence absent no not never none nobody nothing without insufficient inadequate
poor poorly low weak bad worse worst limited few declining decline declined falling unable cannot can't
difficult difficulty difficulties problem problems isolated ignored neglected excluded missing shortage
deteriorating deteriorated unsafe unaware unreliable outdated inefficient ineffective uncoordinated
fragmented rarely seldom hardly barely
""".split())
BAD_THINGS = frozenset("""
unemployment unemployed pollution polluted crime poverty conflict conflicts congestion noise violence
discrimination corruption apathy distrust mistrust lonely loneliness isolation exclusion abandon abandoned
leave leaves leaving emigrate emigrating emigration dropout drop-out vandalism unhealthy obesity illiteracy
overcrowded decrease decreasing loss lose losing lost fail fails failed failing failure drop dropping dropped
fall falls damage risk risks threat threats suffer suffers
""".split())
POSITIVE_STARTS = frozenset("""
improved improve improving better more increased increase enhanced stronger strengthened greater good
successful effective efficient sufficient adequate
""".split())
POSITIVE_PHRASE = (r"\b(?:is|are|has been|have been|was|were) "
                   r"(?:improved|increased|strengthened|enhanced|established|ensured)\b")
# "between"/"both" before an "and", or a preposition among the two words before it, mean the "and"
# joins two nouns of one phrase ("distrust between the council and youth groups", "information on
# waste and energy"), not two problems
_PAIRING_WORDS = frozenset("between both".split())
_PREPOSITIONS = frozenset("among of with for by from to on in at about".split())


def words(text: str) -> list[str]:
    """The lower-case English words of a statement."""
    return re.findall(r"[a-z]+(?:['-][a-z]+)*", text.lower().replace("\u2019", "'"))


def negative_qualifiers(text: str) -> list[str]:
    """The words of `text` that describe a bad state (low, poor, lack, not, ...), each once."""
    return list(dict.fromkeys(w for w in words(text) if w in NEGATIVE_QUALIFIERS))


def check_statement(text: str) -> list[str]:
    """The wording codes one problem statement triggers (the live card editors use this)."""
    return [code for code, _ in _wording(text)]


def _wording(text: str) -> list[tuple[str, str]]:
    """(code, the words that triggered it) for each wording issue of one statement."""
    found = []
    absence = _absence_words(text)
    if absence:
        found.append((LACK_OF, absence))
    elif _positive_words(text):
        found.append((POSITIVE, _positive_words(text)))
    joint = _two_problem_words(text)
    if joint:
        found.append((TWO_PROBLEMS, joint))
    return found


def _absence_words(text: str) -> str:
    lower = text.strip().lower()
    for pattern in ABSENCE_PATTERNS:
        match = re.search(pattern, lower)
        if match:
            return match.group(0)
    return ""


def _positive_words(text: str) -> str:
    """The words that make a statement read as a good state, if no word in it describes a bad one."""
    all_words = words(text)
    if not all_words or any(w in NEGATIVE_QUALIFIERS or w in BAD_THINGS for w in all_words):
        return ""
    if all_words[0] in POSITIVE_STARTS:
        return all_words[0]
    match = re.search(POSITIVE_PHRASE, text.lower())
    return match.group(0) if match else ""


def _two_problem_words(text: str) -> str:
    lower = text.lower()
    if ";" in lower:
        return ";"
    if re.search(r"\bas well as\b", lower):
        return "as well as"
    parts = re.split(r"\s+and\s+", lower)
    for left, right in zip(parts, parts[1:]):
        left_words = words(left.split(",")[-1])
        right_words = words(right.split(",")[0])
        if len(left_words) < 3 or len(right_words) < 3:
            continue
        if not (_PAIRING_WORDS & set(left_words) or _PREPOSITIONS & set(left_words[-2:])):
            return "and"
    return ""


# the tree -------------------------------------------------------------------------------

class ProblemTree:
    """The problem cards of one group, with the questions a facilitator asks of the tree."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)

    def __iter__(self):
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    def get(self, problem_id: str) -> Problem | None:
        return next((p for p in self.problems if p.id == problem_id), None)

    @property
    def core(self) -> Problem | None:
        """The core (focal) problem, or None unless exactly one card is marked core."""
        cores = [p for p in self.problems if p.core]
        return cores[0] if len(cores) == 1 else None

    def causes(self, of: str | None = None, direct: bool = True) -> list[Problem]:
        """The cards leading to `of` (default: the core problem); with direct=False, all cards below it."""
        return self._related(of, reverse=True, direct=direct)

    def effects(self, of: str | None = None, direct: bool = True) -> list[Problem]:
        """The cards `of` leads to (default: the core problem); with direct=False, all cards above it."""
        return self._related(of, reverse=False, direct=direct)

    def _related(self, of: str | None, reverse: bool, direct: bool) -> list[Problem]:
        if of is None:
            of = self.core.id if self.core else None
        if of is None:
            return []
        links = trees.link_map(self.problems)
        if not direct:
            ids = trees.reachable(links, of, reverse=reverse)
        elif reverse:
            ids = {p for p, targets in links.items() if of in targets}
        else:
            ids = set(links.get(of, ()))
        return [p for p in self.problems if p.id in ids and p.id != of]

    def check(self) -> list[Finding]:
        return check_problems(self.problems)

    def draw(self, large_text: bool = False, title: str = "Problem tree"):
        """The tree as a matplotlib Figure: causes below, effects above, the core problem in amber.

        Use large_text=True to project it on a wall.
        """
        cores = [p.id for p in self.problems if p.core]
        return trees.draw_tree(self.problems, anchor=cores[0] if cores else None, highlight=cores,
                               title=title, large_text=large_text,
                               caption="Arrows point from cause to effect. Amber: the core problem.")


# the checks -----------------------------------------------------------------------------

def findings(group) -> list[Finding]:
    """The problem-tree findings of a group (none if it has no problems.csv yet)."""
    if group.problems is None:
        return []
    return check_problems(group.problems)


def check_problems(problems: Iterable[Problem]) -> list[Finding]:
    """Every finding about a problem tree: its shape first, then the wording of each card."""
    problems = list(problems)
    if not problems:
        return [warning("problems.empty", FILE, None, "problems.csv has no problem cards yet.",
                        "Write one problem per row: an id, the statement, the ids it leads to, and 'yes' "
                        "in the core column of the core problem.")]
    out = _duplicates(problems) + _unknown_links(problems) + _core(problems) + _cycles(problems)
    out += _unlinked(problems)
    for p in problems:
        out += _statement_findings(p)
    return out


def _duplicates(problems: list[Problem]) -> list[Finding]:
    return [error("problems.duplicate_id", FILE, pid, f"Two or more problem cards use the id {pid}.",
                  "Give every card its own id, then check which card each leads_to means.")
            for pid in trees.duplicate_ids(problems)]


def _unknown_links(problems: list[Problem]) -> list[Finding]:
    return [error("problems.unknown_link", FILE, pid,
                  f"Problem {pid} leads to '{target}', but there is no problem card with the id {target}.",
                  f"In the leads_to column of {pid}, correct the id (ids are separated by ';'), "
                  "or add the missing card.")
            for pid, target in trees.unknown_links(problems)]


def _core(problems: list[Problem]) -> list[Finding]:
    """Exactly one core problem, with at least one cause below it and one effect above it."""
    cores = [p.id for p in problems if p.core]
    if not cores:
        return [error("problems.no_core", FILE, None, "No card is marked as the core problem.",
                      "Agree as a group on the one problem at the centre of the tree and write 'yes' "
                      "in its core column.")]
    if len(cores) > 1:
        return [error("problems.several_cores", FILE, cores[1],
                      f"{len(cores)} cards are marked as the core problem: {', '.join(cores)}.",
                      "A tree has one core (focal) problem: keep 'yes' in the core column of one card only; "
                      "the others become its causes or effects.")]
    tree = ProblemTree(problems)
    out = []
    if not tree.causes():
        out.append(warning("problems.no_causes", FILE, cores[0], f"The core problem {cores[0]} has no causes.",
                           f"Ask 'why does this happen?' and add the answers as cards whose leads_to is {cores[0]}."))
    if not tree.effects():
        out.append(warning("problems.no_effects", FILE, cores[0], f"The core problem {cores[0]} has no effects.",
                           f"Ask 'what does this lead to?' and add the answers as cards, then put their ids "
                           f"in the leads_to of {cores[0]}."))
    return out


def _cycles(problems: list[Problem]) -> list[Finding]:
    out = []
    for cycle in trees.find_cycles(trees.link_map(problems)):
        if len(cycle) == 1:
            out.append(error("problems.cycle", FILE, cycle[0], f"Problem {cycle[0]} leads to itself.",
                             f"Remove {cycle[0]} from its own leads_to column."))
            continue
        loop = " -> ".join(cycle + cycle[:1])
        out.append(error("problems.cycle", FILE, cycle[0],
                         f"These problems lead in a circle: {loop}. A cause cannot also be an effect of "
                         "its own effect.",
                         "Decide which card is the real cause and remove one link of the circle "
                         "from a leads_to column."))
    return out


def _unlinked(problems: list[Problem]) -> list[Finding]:
    """Cards linked to nothing, and groups of cards not connected to the core problem.

    A warning, not an error: an unlinked card breaks no cause-effect chain of the rest of the
    tree and cannot by itself make a proposal fail.  It is usually work in progress (a card not
    yet placed) or a general constraint that should be set aside, so the group should look at it.
    """
    links = trees.link_map(problems)
    tried = {pid for pid, _ in trees.unknown_links(problems)}
    cores = [p.id for p in problems if p.core]
    out = [warning("problems.orphan", FILE, pid, f"Problem {pid} is not linked to any other card.",
                   "Place it in the tree (what does it cause? what causes it?) or, if it is a general "
                   "constraint outside the group's reach, remove it from the tree.")
           for pid in trees.orphans(links) if len(problems) > 1 and pid not in tried and pid not in cores]
    if len(cores) == 1:
        for group in trees.linked_groups(links):
            if len(group) > 1 and cores[0] not in group:
                out.append(warning("problems.detached", FILE, group[0],
                                   f"Problems {', '.join(group)} are linked to each other but not to the "
                                   f"core problem {cores[0]}.",
                                   "Link this branch into the tree, or remove it if it is a different problem."))
    return out


HINTS = {
    LACK_OF: ("Describe the negative situation that exists now, not a missing solution: instead of "
              "'Lack of a youth council', write what happens, e.g. 'Young people's views are not heard "
              "in town decisions'."),
    POSITIVE: ("A problem card states an existing negative situation. Write what is wrong today; the "
               "positive version belongs in the objective tree."),
    TWO_PROBLEMS: "Put one problem per card: split this card into two and link each one in the tree.",
}


def _statement_findings(problem: Problem) -> list[Finding]:
    out = []
    for code, trigger in _wording(problem.statement):
        what = {
            LACK_OF: f'reads as the absence of a solution ("{trigger}")',
            POSITIVE: f'reads as a good situation ("{trigger}"), not a problem',
            TWO_PROBLEMS: f'seems to hold two problems joined by "{trigger}"',
        }[code]
        out.append(warning(code, FILE, problem.id, f'Problem {problem.id} "{problem.statement}" {what}.', HINTS[code]))
    return out
