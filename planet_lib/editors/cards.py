"""The live card editors: the problem tree (`problems.csv`) and the objective tree (`objectives.csv`).

One card at a time: its id, its statement, the ids of the cards it leads to (cause -> effect for
problems, means -> end for objectives, separated by ';').  A link to a card that does not
exist is refused; everything else the checks may question (cycles, orphans, wording) is
saved and shown as a finding next to the card, because a tree is built step by step.

The tree is shown at a readable size, always: its card text is rendered 16 px high (22 px
with ``large_text=True``) and the picture sits in a box that scrolls sideways (and downwards
past most of the screen's height) instead of being shrunk to the width of the notebook, where a
tree of 30 cards would become unreadable.  Always, not only for wide trees, because the kernel
cannot know how wide the notebook is on the projector; a small tree is not enlarged to fill the
page, it just needs no scrolling.  See `planet_lib.figure_view`.

The wording checks read English only (see `planet_lib.problems`).
"""

from __future__ import annotations

import dataclasses

from .. import objectives as obj
from .. import problems as prob
from .base import Refused, unknown_ids
from .look import button
from .rows import FormField, RowEditor

LINK_HELP = "ids separated by ';', e.g. P2;P5"


def _without_links_to(cards: list, removed_id: str) -> list:
    """The cards with every link to a removed card taken out, so no link points to nothing."""
    return [dataclasses.replace(c, leads_to=tuple(t for t in c.leads_to if t != removed_id))
            if removed_id in c.leads_to else c for c in cards]


class ProblemEditor(RowEditor):
    """Problem cards: add, reword, link cause -> effect, mark the core problem, remove.

    The tree (`ProblemTree.draw`) and the findings of `check_problems` redraw after each change.
    """

    ARTEFACT = "problems"
    TITLE = "Problem tree"
    KIND = "problem"
    SCROLLING_PICTURE = True
    MODULE = prob
    MODEL = prob.Problem
    NOUN = "problem card"
    ID_PREFIX = "P"
    FIELDS = (
        FormField("id", "Id"),
        FormField("statement", "Problem", "long", "an existing negative situation, e.g. 'Few young people vote'"),
        FormField("leads_to", "Leads to (effects)", placeholder=LINK_HELP),
        FormField("core", "This is the core problem", "check"),
    )

    def _validate(self, card, cards: list, group) -> None:
        unknown_ids(card.leads_to, [c.id for c in cards], "problem card", self._labels()["leads_to"])

    def _adjust(self, cards: list, changed) -> list:
        """One core problem: marking a card as core unmarks the card that was core before."""
        if not changed.core:
            return cards
        return [dataclasses.replace(c, core=False) if c.core and c.id != changed.id else c for c in cards]

    def _removed(self, cards: list, removed_id: str) -> list:
        return _without_links_to(cards, removed_id)

    def _findings(self):
        return prob.check_problems(self.rows(self.group))

    def _draw(self):
        cards = self.rows(self.group)
        return (prob.ProblemTree(cards).draw(large_text=self.large_text),
                f"Problem tree of {len(cards)} cards")

    def _preview(self, typed: dict[str, str]):
        """The wording findings of the statement being typed (`check_statement`), before it is added."""
        statement = typed.get("statement", "").strip()
        codes = set(prob.check_statement(statement)) if statement else set()
        card = prob.Problem(typed.get("id", "").strip() or "new", statement)
        return [f for f in prob.check_problems([card]) if f.code in codes]

    def _label(self, row) -> str:
        return super()._label(row) + ("  [core]" if row.core else "")


# Wording codes of `check_objectives` that are about one statement alone.
OBJECTIVE_WORDING = ("objectives.to_reword", "objectives.negative_wording")


class ObjectiveEditor(RowEditor):
    """Objective cards: add, reword, link means -> end, say which problem each rewords, remove.

    The tree (`ObjectiveTree.draw`) and the findings of `check_objectives` (read against the
    problem tree when there is one) redraw after each change.  With no objectives yet, the
    "Start from the problem tree" button writes `mirror(problems)` as a first draft.
    """

    ARTEFACT = "objectives"
    READS = ("problems",)
    TITLE = "Objective tree"
    KIND = "objective"
    SCROLLING_PICTURE = True
    MODULE = obj
    MODEL = obj.Objective
    NOUN = "objective"
    ID_PREFIX = "O"
    FIELDS = (
        FormField("id", "Id"),
        FormField("statement", "Objective", "long", "a positive situation achieved, e.g. 'More young people vote'"),
        FormField("leads_to", "Leads to (ends)", placeholder="ids separated by ';', e.g. O2;O5"),
        FormField("from_problem", "Rewords problem", placeholder="the id of the problem card, e.g. P4"),
        FormField("cluster", "Strategy option", placeholder="e.g. opt-a"),
        FormField("intermediate", "New intermediate objective (no problem behind it)", "check"),
    )

    def _form(self) -> list:
        self.mirror_button = button("Start from the problem tree", "mirror", self.start_from_problems)
        return [*super()._form(), self.mirror_button]

    def start_from_problems(self) -> bool:
        """Write a first draft: one objective per problem, same links, each marked 'TO REWORD:'."""
        def change(group):
            if self.rows(group):
                raise Refused("objectives.csv already has objectives; the draft is only for an empty tree.")
            if not group.problems:
                raise Refused("there is no problem tree yet (problems.csv); build it first.")
            return obj.mirror(group.problems)

        return self.commit("a first draft of every objective from the problem tree", change)

    def _validate(self, card, cards: list, group) -> None:
        unknown_ids(card.leads_to, [c.id for c in cards], "objective", self._labels()["leads_to"])
        if card.from_problem:
            if group.problems is None:
                raise Refused("'Rewords problem': there is no problems.csv yet, so no problem to reword; leave "
                              "it empty and tick 'new intermediate objective'.")
            unknown_ids([card.from_problem], [p.id for p in group.problems], "problem card",
                        self._labels()["from_problem"])

    def _removed(self, cards: list, removed_id: str) -> list:
        return _without_links_to(cards, removed_id)

    def _findings(self):
        return obj.check_objectives(self.rows(self.group), self.group.problems)

    def _draw(self):
        cards = self.rows(self.group)
        return (obj.ObjectiveTree(cards, self.group.problems).draw(large_text=self.large_text),
                f"Objective tree of {len(cards)} cards")

    def _preview(self, typed: dict[str, str]):
        statement = typed.get("statement", "").strip()
        if not statement:
            return []
        card = obj.Objective(typed.get("id", "").strip() or "new", statement, intermediate=True)
        return [f for f in obj.check_objectives([card]) if f.code in OBJECTIVE_WORDING]

    def _show(self) -> None:
        super()._show()
        self.mirror_button.disabled = not (self.group and self.group.problems and not self.rows(self.group))
