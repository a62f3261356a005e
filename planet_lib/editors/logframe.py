"""The live logframe editor: objectives, results, their indicators and assumptions (`logframe.yaml`).

Choose a level (overall objectives, specific objective, results; the labels follow the
group's EC template) and a statement in it; change its text; add, change or remove its
indicators (text, unit, baseline, target, by YYYY-MM, source of verification) and its
assumptions.  Each change to something already in the file is saved when the person leaves
the box; new things are saved with their Add button.  The matrix (`styled_matrix`) and the
findings of `check_logframe` are shown side by side and redrawn after every change.

The Activities row is not edited here: it comes from `activities.csv` and `budget.csv`.
"""

from __future__ import annotations

import copy
import dataclasses
import html

import ipywidgets as w

from .. import logframe as lf
from .base import NEW, Editor, Refused, next_id, parse_fields, short
from .look import about, button, choice_box, count_line, findings_html, text_box

ID_PREFIXES = {"overall_objectives": "OO", "specific_objectives": "SO", "results": "R"}
INDICATOR_BOXES = (("text", "Indicator", True, ""), ("unit", "Unit", False, "e.g. residents, % of households"),
                   ("baseline", "Baseline", False, "e.g. 420 (2012)"), ("target", "Target", False, "e.g. 1200"),
                   ("by", "Target by", False, "YYYY-MM, e.g. 2015-04"),
                   ("source", "Source of verification", True, "who records it, where"))
LABELS = {"id": "Id", "text": "Text"} | {name: label for name, label, _long, _ph in INDICATOR_BOXES}


class LogframeEditor(Editor):
    """Edit the intervention logic, indicators and assumptions; the checks show beside the matrix."""

    ARTEFACT = "logframe"
    READS = ("activities", "budget")
    TITLE = "Logical framework"
    KIND = "logframe"

    # the scripting side: what the buttons do, usable from a cell too ---------------------------
    def add_statement(self, level: str, statement_id: str, text: str) -> bool:
        """Add an objective or result, e.g. ``add_statement("results", "R4", "...")``."""
        def change(group):
            values = parse_fields(lf.STATEMENT_FIELDS, {"id": statement_id, "text": text}, LABELS)
            frame = self._copy(group)
            taken = [s.id for name in lf.LEVELS for s in frame.level(name)]
            if values["id"] in taken:
                raise Refused(f"the id {values['id']} is already used in the logframe; give this one a new id "
                              f"such as {next_id(ID_PREFIXES[level], taken)}.")
            frame.level(level).append(lf.Statement(values["id"], values["text"]))
            return frame

        if self.commit(f"added {self._noun(level)} {statement_id.strip()}", change):
            self.select(level, statement_id.strip())
            return True
        return False

    def edit_statement(self, level: str, statement_id: str, text: str) -> bool:
        def change(group):
            values = parse_fields(lf.STATEMENT_FIELDS, {"text": text}, LABELS)
            frame = self._copy(group)
            self._statement(frame, level, statement_id).text = values["text"]
            return frame

        return self.commit(f"{statement_id}: text = '{short(text, 40)}'", change)

    def remove_statement(self, level: str, statement_id: str) -> bool:
        def change(group):
            frame = self._copy(group)
            frame.level(level).remove(self._statement(frame, level, statement_id))
            return frame

        if self.commit(f"removed {self._noun(level)} {statement_id}", change):
            self.select(level, NEW)
            return True
        return False

    def add_indicator(self, level: str, statement_id: str, **typed: str) -> bool:
        """Add an indicator, e.g. ``add_indicator("results", "R1", text=..., target="28", by="2014-12")``."""
        def change(group):
            values = parse_fields(lf.INDICATOR_FIELDS, {name: typed.get(name, "") for name, *_ in INDICATOR_BOXES},
                                  LABELS)
            frame = self._copy(group)
            self._statement(frame, level, statement_id).indicators.append(lf.Indicator(**values))
            return frame

        if self.commit(f"added an indicator to {statement_id}", change):
            self.indicator_choice.value = len(self._current_statement().indicators)
            return True
        return False

    def edit_indicator(self, level: str, statement_id: str, number: int, **typed: str) -> bool:
        """Change fields of indicator `number` (1 = the first) of a statement."""
        shown = ", ".join(f"{LABELS.get(k, k).lower()} = '{short(str(v), 40)}'" for k, v in typed.items())

        def change(group):
            values = parse_fields(lf.INDICATOR_FIELDS, typed, LABELS)
            frame = self._copy(group)
            indicators = self._statement(frame, level, statement_id).indicators
            old = self._numbered(indicators, number, "indicator", statement_id)
            indicators[number - 1] = dataclasses.replace(old, **values)
            return frame

        return self.commit(f"{statement_id} indicator {number}: {shown}", change)

    def remove_indicator(self, level: str, statement_id: str, number: int) -> bool:
        def change(group):
            frame = self._copy(group)
            indicators = self._statement(frame, level, statement_id).indicators
            indicators.remove(self._numbered(indicators, number, "indicator", statement_id))
            return frame

        return self.commit(f"removed indicator {number} of {statement_id}", change)

    def add_assumption(self, level: str, statement_id: str, text: str) -> bool:
        def change(group):
            values = parse_fields(lf.ASSUMPTION_FIELDS, {"text": text}, {"text": "Assumption"})
            frame = self._copy(group)
            self._statement(frame, level, statement_id).assumptions.append(lf.Assumption(values["text"]))
            return frame

        if self.commit(f"added an assumption to {statement_id}", change):
            self.assumption_choice.value = len(self._current_statement().assumptions)
            return True
        return False

    def edit_assumption(self, level: str, statement_id: str, number: int, text: str) -> bool:
        def change(group):
            values = parse_fields(lf.ASSUMPTION_FIELDS, {"text": text}, {"text": "Assumption"})
            frame = self._copy(group)
            assumptions = self._statement(frame, level, statement_id).assumptions
            old = self._numbered(assumptions, number, "assumption", statement_id)
            assumptions[number - 1] = dataclasses.replace(old, text=values["text"])
            return frame

        return self.commit(f"{statement_id} assumption {number}: '{short(text, 40)}'", change)

    def remove_assumption(self, level: str, statement_id: str, number: int) -> bool:
        def change(group):
            frame = self._copy(group)
            assumptions = self._statement(frame, level, statement_id).assumptions
            assumptions.remove(self._numbered(assumptions, number, "assumption", statement_id))
            return frame

        return self.commit(f"removed assumption {number} of {statement_id}", change)

    def select(self, level: str, statement_id: str = NEW) -> None:
        """Show one statement (NEW: a blank one) of a level in the form."""
        with self.filling():
            self.level_choice.value = level
            self._statement_options()
            ids = [v for _label, v in self.statement_choice.options]
            self.statement_choice.value = statement_id if statement_id in ids else NEW
        self._armed = None
        self.refresh()

    # finding things in a copy of the logframe ------------------------------------------------
    @staticmethod
    def _copy(group) -> lf.Logframe:
        """A copy to change, so a refused change leaves the loaded logframe as it was."""
        return copy.deepcopy(group.logframe) if group.logframe is not None else lf.Logframe()

    def _statement(self, frame: lf.Logframe, level: str, statement_id: str) -> lf.Statement:
        found = next((s for s in frame.level(level) if s.id == statement_id), None)
        if found is None:
            raise Refused(f"there is no {self._noun(level)} {statement_id} in logframe.yaml any more.")
        return found

    @staticmethod
    def _numbered(items: list, number: int, what: str, statement_id: str):
        if not 1 <= number <= len(items):
            raise Refused(f"{statement_id} has no {what} {number} any more.")
        return items[number - 1]

    def _frame(self) -> lf.Logframe:
        if self.group is None or self.group.logframe is None:
            return lf.Logframe()
        return self.group.logframe

    def _noun(self, level: str) -> str:
        return lf.LEVEL_NAMES[self._frame().template][level]

    def _current_statement(self) -> lf.Statement | None:
        chosen = self.statement_choice.value
        return next((s for s in self._frame().level(self.level_choice.value) if s.id == chosen), None)

    # the form --------------------------------------------------------------------------------
    def _form(self) -> list:
        self._shown: tuple = ()  # (level, statement id) the form shows
        self._indicator_shown: tuple = ()  # (statement id, indicator number), 0 for a new one
        self._assumption_shown: tuple = ()
        self.level_choice = choice_box("Level", "level-choice", [(k, k) for k in lf.LEVELS])
        self.statement_choice = choice_box("Statement", "statement-choice", [("+ new", NEW)])
        self.statement_fields = {"id": text_box("Id", "id"), "text": text_box("Text", "text", long=True)}
        self.new_statement_button = button("New statement", "new", lambda: self.select(self.level_choice.value))
        self.add_statement_button = button("Add statement", "add", self._on_add_statement, "success")
        self.remove_statement_button = button("Remove", "remove", self._on_remove_statement, "danger")
        self.indicator_choice = choice_box("Indicator", "indicator-choice", [("+ new indicator", 0)])
        self.indicator_fields = {name: text_box(label, f"indicator-{name}", long, ph)
                                 for name, label, long, ph in INDICATOR_BOXES}
        self.add_indicator_button = button("Add indicator", "add-indicator", self._on_add_indicator, "success")
        self.remove_indicator_button = button("Remove indicator", "remove-indicator", self._on_remove_indicator,
                                              "danger")
        self.assumption_choice = choice_box("Assumption", "assumption-choice", [("+ new assumption", 0)])
        self.assumption_text = text_box("Assumption", "assumption-text", long=True,
                                        placeholder="a condition outside the project's control")
        self.add_assumption_button = button("Add assumption", "add-assumption", self._on_add_assumption, "success")
        self.remove_assumption_button = button("Remove assumption", "remove-assumption",
                                               self._on_remove_assumption, "danger")
        for box in (self.level_choice, self.statement_choice, self.indicator_choice, self.assumption_choice):
            box.observe(self._on_choice, "value")
        self.statement_fields["text"].observe(self._on_statement_text, "value")
        for name, box in self.indicator_fields.items():
            box.observe(lambda change, name=name: self._on_indicator_field(name, change["new"]), "value")
        self.assumption_text.observe(self._on_assumption_text, "value")
        return [self.level_choice, self.statement_choice, *self.statement_fields.values(),
                w.HBox([self.new_statement_button, self.add_statement_button, self.remove_statement_button]),
                w.HTML("<b>Indicators</b>"), self.indicator_choice, *self.indicator_fields.values(),
                w.HBox([self.add_indicator_button, self.remove_indicator_button]),
                w.HTML("<b>Assumptions</b>"), self.assumption_choice, self.assumption_text,
                w.HBox([self.add_assumption_button, self.remove_assumption_button])]

    def _below(self) -> list:
        self.matrix = w.HTML(layout=w.Layout(width="62%", min_width="24em"))
        self.matrix.add_class("planet-matrix")
        self.all_findings = w.HTML(layout=w.Layout(width="36%", min_width="16em"))
        self.all_findings.add_class("planet-findings")
        return [w.HBox([self.matrix, self.all_findings], layout=w.Layout(flex_flow="row wrap", width="100%"))]

    # widget events ---------------------------------------------------------------------------
    def _where(self) -> tuple[str, str]:
        return self.level_choice.value, self.statement_choice.value

    def _on_choice(self, _change) -> None:
        if self._filling:
            return
        self._armed = None
        if not self.pick_up_outside_edits():
            self.refresh()

    def _on_statement_text(self, change) -> None:
        if not self._filling and self.statement_choice.value != NEW:
            self.edit_statement(*self._where(), change["new"])

    def _on_indicator_field(self, name: str, value: str) -> None:
        if not self._filling and self.statement_choice.value != NEW and self.indicator_choice.value:
            self.edit_indicator(*self._where(), self.indicator_choice.value, **{name: value})

    def _on_assumption_text(self, change) -> None:
        if not self._filling and self.statement_choice.value != NEW and self.assumption_choice.value:
            self.edit_assumption(*self._where(), self.assumption_choice.value, change["new"])

    def _on_add_statement(self) -> None:
        self.add_statement(self.level_choice.value, self.statement_fields["id"].value,
                           self.statement_fields["text"].value)

    def _on_remove_statement(self) -> None:
        level, chosen = self._where()
        if chosen != NEW and self.confirm_remove(chosen, self.remove_statement_button):
            self.remove_statement(level, chosen)

    def _on_add_indicator(self) -> None:
        self.add_indicator(*self._where(), **{name: box.value for name, box in self.indicator_fields.items()})

    def _on_remove_indicator(self) -> None:
        level, chosen = self._where()
        number = self.indicator_choice.value
        if number and self.confirm_remove(f"{chosen} indicator {number}", self.remove_indicator_button):
            self.remove_indicator(level, chosen, number)

    def _on_add_assumption(self) -> None:
        self.add_assumption(*self._where(), self.assumption_text.value)

    def _on_remove_assumption(self) -> None:
        level, chosen = self._where()
        number = self.assumption_choice.value
        if number and self.confirm_remove(f"{chosen} assumption {number}", self.remove_assumption_button):
            self.remove_assumption(level, chosen, number)

    # showing ---------------------------------------------------------------------------------
    def _statement_options(self) -> None:
        frame, level = self._frame(), self.level_choice.value
        chosen = self.statement_choice.value
        self.level_choice.options = [(lf.LEVEL_LABELS[frame.template][k], k) for k in lf.LEVELS]
        self.level_choice.value = level
        statements = frame.level(level)
        self.statement_choice.options = ([(f"+ new {self._noun(level)}", NEW)]
                                         + [(f"{s.id}: {short(s.text, 50)}", s.id) for s in statements])
        self.statement_choice.value = chosen if chosen in [s.id for s in statements] else NEW

    def _show(self) -> None:
        self._statement_options()
        frame, (level, chosen) = self._frame(), self._where()
        current = self._current_statement()
        taken = [s.id for name in lf.LEVELS for s in frame.level(name)]
        keep_typed = self._shown == (level, NEW) and current is None  # a refused Add loses nothing
        self._shown = (level, chosen)
        if not keep_typed:
            self.statement_fields["id"].value = current.id if current else next_id(ID_PREFIXES[level], taken)
            self.statement_fields["text"].value = current.text if current else ""
        self.statement_fields["id"].disabled = current is not None
        self._show_indicators(current)
        self._show_assumptions(current)
        editable = self.group is not None
        self.add_statement_button.disabled = not editable or current is not None
        for b in (self.remove_statement_button, self.remove_indicator_button, self.remove_assumption_button):
            b.disabled = not editable or current is None
        self.remove_statement_button.description = "Remove"
        self.remove_indicator_button.description = "Remove indicator"
        self.remove_assumption_button.description = "Remove assumption"
        if editable:
            self._show_matrix_and_findings(current)
        else:  # the message says why; show nothing that may be out of date
            self.card_findings.value = self.all_findings.value = self.matrix.value = ""

    def _show_indicators(self, statement: lf.Statement | None) -> None:
        indicators = statement.indicators if statement else []
        chosen = self.indicator_choice.value
        self.indicator_choice.options = [("+ new indicator", 0)] + [
            (f"{n}. {short(i.text, 50)}", n) for n, i in enumerate(indicators, start=1)]
        self.indicator_choice.value = chosen if 0 < chosen <= len(indicators) else 0
        current = indicators[self.indicator_choice.value - 1] if self.indicator_choice.value else None
        where = (statement.id if statement else None, self.indicator_choice.value)
        if not (current is None and self._indicator_shown == where):  # keep a new indicator's typing
            for name, box in self.indicator_fields.items():
                value = getattr(current, name) if current else ""
                box.value = "" if value is None else str(value)
        self._indicator_shown = where
        for box in self.indicator_fields.values():
            box.disabled = statement is None
        self.indicator_choice.disabled = statement is None
        self.add_indicator_button.disabled = statement is None or current is not None
        self.remove_indicator_button.disabled = current is None

    def _show_assumptions(self, statement: lf.Statement | None) -> None:
        assumptions = statement.assumptions if statement else []
        chosen = self.assumption_choice.value
        self.assumption_choice.options = [("+ new assumption", 0)] + [
            (f"{n}. {short(a.text, 50)}", n) for n, a in enumerate(assumptions, start=1)]
        self.assumption_choice.value = chosen if 0 < chosen <= len(assumptions) else 0
        current = assumptions[self.assumption_choice.value - 1] if self.assumption_choice.value else None
        where = (statement.id if statement else None, self.assumption_choice.value)
        if not (current is None and self._assumption_shown == where):
            self.assumption_text.value = current.text if current else ""
        self._assumption_shown = where
        self.assumption_text.disabled = self.assumption_choice.disabled = statement is None
        self.add_assumption_button.disabled = statement is None or current is not None
        self.remove_assumption_button.disabled = current is None

    def _show_matrix_and_findings(self, current: lf.Statement | None) -> None:
        frame, group = self._frame(), self.group
        found = lf.check_logframe(frame, group.activities, group.budget)
        heading = f"About {current.id}" if current else "About logframe.yaml"
        self.card_findings.value = findings_html(about(found, current.id if current else None), heading)
        self.all_findings.value = f"<p>{html.escape(count_line(found, 'the logframe'))}</p>" + findings_html(
            found, "Every finding of the logframe checks")
        size = "20px" if self.large_text else "14px"
        table = lf.styled_matrix(frame, group.activities, group.budget).to_html()
        self.matrix.value = f"<div style='font-size: {size}; overflow-x: auto;'>{table}</div>"
