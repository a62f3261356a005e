"""An editor for a workbook file made of rows with ids: stakeholders, problem cards, objective cards.

The form shows one row at a time.  Pick a row in the list and change a box: the change is
saved when the person leaves the box.  Pick "new" and fill the boxes: the row is saved with
the Add button.  Every value goes through the file's own schema (`SCHEMA` of the model's
module), so the editor accepts exactly what the file accepts.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import ipywidgets as w

from ..findings import Finding
from .base import NEW, Editor, Refused, next_id, parse_fields, short
from .look import about, button, choice_box, count_line, findings_html, text_box


@dataclass(frozen=True)
class FormField:
    """One box of the form: a column of the file, how it is shown, and its label."""

    name: str
    label: str
    kind: str = "text"  # text | long (several lines) | score (1-5) | check (yes/no)
    placeholder: str = ""


SCORE_OPTIONS = [("– not scored yet", ""), ("1 (low)", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5 (high)", "5")]


def _as_text(value) -> str:
    if value is True:
        return "yes"
    return "" if value in (None, False) else str(value)


class RowEditor(Editor):
    """The common form of the row editors; a subclass names its file, fields and pictures."""

    MODULE = None  # the library module of the file: FILE, SCHEMA and the model class
    MODEL = None
    FIELDS: tuple[FormField, ...] = ()
    NOUN = "row"  # "stakeholder", "problem card", ...
    ID_PREFIX = ""

    # the scripting side: what the buttons do, usable from a cell too ---------------------------
    def add(self, **typed) -> bool:
        """Add a row from typed values, e.g. ``add(id="S12", name="Local libraries", importance="4")``."""
        typed = {k: _as_text(v) for k, v in typed.items()}
        new_id = typed.get("id", "").strip()
        if not self._known_columns(typed):
            return False

        def change(group):
            row = self.MODEL(**parse_fields(self.MODULE.SCHEMA, {f.name: typed.get(f.name, "")
                                                                 for f in self.MODULE.SCHEMA}, self._labels()))
            rows = self.rows(group)
            if any(r.id == row.id for r in rows):
                raise Refused(f"the id {row.id} is already used by another {self.NOUN}; give this one a new id "
                              f"such as {next_id(self.ID_PREFIX, [r.id for r in rows])}.")
            self._validate(row, [*rows, row], group)
            return self._adjust([*rows, row], row)

        return self.commit(f"added {self.NOUN} {new_id}", change, show=new_id)

    def edit(self, row_id: str, **typed) -> bool:
        """Change some fields of one row, e.g. ``edit("P4", statement="...")``."""
        typed = {k: _as_text(v) for k, v in typed.items()}
        if not self._known_columns(typed):
            return False
        if "id" in typed and typed["id"].strip() != row_id:
            self.say("refused", f"Not saved: the id of a {self.NOUN} cannot be changed here. Remove it and add "
                                f"it again with the new id, or change the id in {self.book.file}.")
            return False
        labels = self._labels()
        shown = ", ".join(f"{labels.get(k, k).lower()} = '{short(v, 40)}'" for k, v in typed.items())

        def change(group):
            values = parse_fields(self.MODULE.SCHEMA, typed, labels)
            old = self._find(group, row_id)
            new = dataclasses.replace(old, **values)
            rows = [new if r is old else r for r in self.rows(group)]
            self._validate(new, rows, group)
            return self._adjust(rows, new)

        return self.commit(f"{row_id}: {shown}", change)

    def remove(self, row_id: str) -> bool:
        """Remove one row (and, for cards, the links other cards had to it)."""
        def change(group):
            old = self._find(group, row_id)
            return self._removed([r for r in self.rows(group) if r is not old], row_id)

        return self.commit(f"removed {self.NOUN} {row_id}", change, show=NEW)

    def select(self, row_id: str) -> None:
        """Show one row in the form."""
        if row_id in [value for _label, value in self.choice.options]:
            self.choice.value = row_id

    def start_new(self) -> None:
        """An empty form for a new row (with the next free id filled in)."""
        with self.filling():
            self.choice.value = NEW
            for box in self.fields.values():
                box.value = False if isinstance(box.value, bool) else ""
            self._shown = None
        self.refresh()

    def _known_columns(self, typed: dict) -> bool:
        unknown = sorted(set(typed) - {f.name for f in self.MODULE.SCHEMA})
        if unknown:
            columns = ", ".join(f.name for f in self.MODULE.SCHEMA)
            self.say("refused", f"Not saved: {self.book.file} has no column {', '.join(unknown)} "
                                f"(its columns are {columns}).")
        return not unknown

    # hooks for subclasses --------------------------------------------------------------------
    def rows(self, group) -> list:
        return list(getattr(group, self.ARTEFACT) or []) if group is not None else []

    def _validate(self, row, rows: list, group) -> None:
        """Refuse a row that the file could hold but that makes no sense (a link to nothing)."""

    def _adjust(self, rows: list, changed) -> list:
        """The rows after a change (e.g. only one core problem)."""
        return rows

    def _removed(self, rows: list, removed_id: str) -> list:
        return rows

    def _findings(self) -> list[Finding]:
        raise NotImplementedError

    def _draw(self):
        """The Figure to show and a one-line description of it."""
        raise NotImplementedError

    def _preview(self, typed: dict[str, str]) -> list[Finding]:
        """Findings about a new row before it is added (the wording checks of a card)."""
        return []

    # the form --------------------------------------------------------------------------------
    def _labels(self) -> dict[str, str]:
        return {f.name: f.label for f in self.FIELDS}

    def _form(self) -> list:
        self._shown: str | None = None  # the id the form shows, None for a new row
        self.choice = choice_box(self.NOUN.capitalize(), "choice")
        self.choice.observe(self._on_choice, "value")
        self.fields = {f.name: self._box(f) for f in self.FIELDS}
        for name, box in self.fields.items():
            box.observe(lambda change, name=name: self._on_field(name, change["new"]), "value")
        self.new_button = button(f"New {self.NOUN}", "new", self.start_new)
        self.add_button = button(f"Add {self.NOUN}", "add", self._on_add, "success")
        self.remove_button = button("Remove", "remove", self._on_remove, "danger")
        return [self.choice, *self.fields.values(), w.HBox([self.new_button, self.add_button, self.remove_button])]

    @staticmethod
    def _box(f: FormField):
        if f.kind == "score":
            return choice_box(f.label, f"field-{f.name}", SCORE_OPTIONS)
        if f.kind == "check":
            box = w.Checkbox(description=f.label, indent=False)
            box.add_class(f"planet-field-{f.name}")
            return box
        return text_box(f.label, f.name, f.kind == "long", f.placeholder)

    def _typed(self) -> dict[str, str]:
        return {name: _as_text(box.value) for name, box in self.fields.items()}

    def _find(self, group, row_id: str):
        found = next((r for r in self.rows(group) if r.id == row_id), None)
        if found is None:
            raise Refused(f"there is no {self.NOUN} {row_id} in {self.book.file} any more.")
        return found

    # widget events ---------------------------------------------------------------------------
    def _on_choice(self, _change) -> None:
        if self._filling:
            return
        self._armed = None
        if not self.pick_up_outside_edits():
            self.refresh()

    def _on_field(self, name: str, value) -> None:
        if self._filling:
            return
        if self.choice.value != NEW:
            self.edit(self.choice.value, **{name: value})
            return
        preview = self._preview(self._typed())
        self.card_findings.value = findings_html(preview, f"About the new {self.NOUN}")
        self.say("notice", f"Not saved yet: press 'Add {self.NOUN}' when the new {self.NOUN} is ready.")

    def _on_add(self) -> None:
        self.add(**self._typed())

    def _on_remove(self) -> None:
        chosen = self.choice.value
        if chosen != NEW and self.confirm_remove(chosen, self.remove_button):
            self.remove(chosen)

    # showing ---------------------------------------------------------------------------------
    def _show(self) -> None:
        rows = self.rows(self.group)
        ids = [r.id for r in rows]
        chosen = self._wanted or self.choice.value
        self.choice.options = [(f"+ new {self.NOUN}", NEW)] + [(self._label(r), r.id) for r in rows]
        self.choice.value = chosen if chosen in ids else NEW
        current = next((r for r in rows if r.id == self.choice.value), None)
        self._fill_form(current, next_id(self.ID_PREFIX, ids))
        editable = self.group is not None
        self.add_button.disabled = not editable or current is not None
        self.remove_button.disabled = not editable or current is None
        self.remove_button.description = "Remove"
        if not editable:  # the message says why; show nothing that may be out of date
            self.card_findings.value = ""
            self.picture.outputs = ()
            return
        found = self._findings()
        heading = f"About {current.id}" if current else f"About {self.book.file}"
        self.card_findings.value = (f"<p>{count_line(found, self.book.file)}</p>"
                                    + findings_html(about(found, current.id if current else None), heading))
        self.show_figure(*self._draw())

    def _label(self, row) -> str:
        text = getattr(row, "name", "") or getattr(row, "statement", "")
        return f"{row.id}: {short(text, 50)}"

    def _fill_form(self, current, suggested_id: str) -> None:
        """Show `current`; for a new row keep what was typed so far (a refused Add loses nothing)."""
        keep_typed = current is None and self._shown is None
        self._shown = current.id if current is not None else None
        schema = {f.name: f for f in self.MODULE.SCHEMA}
        for name, box in self.fields.items():
            if keep_typed:
                continue
            if current is None:
                box.value = False if isinstance(box.value, bool) else ""
                continue
            value = getattr(current, name)
            if isinstance(box.value, bool):
                box.value = bool(value)
            else:
                box.value = "" if value is None else schema[name].format(value)
        if current is None and not self.fields["id"].value.strip():
            self.fields["id"].value = suggested_id
        self.fields["id"].disabled = current is not None
