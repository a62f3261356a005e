"""The one error a person can cause by giving the kit files it cannot use.

Participants and trainers edit workbook files by hand, in spreadsheet programs and text
editors.  When something cannot be read, they need every problem at once (not one per run),
each with the place to look and what to type instead.  `WorkbookError` carries that list;
the `planet` command prints it without a traceback and exits with status 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class InputProblem:
    """One unusable value: where it is, what was seen, what was expected."""

    file: str
    where: str | None  # "line 4", "row 3", or None for the whole file
    field: str | None  # column or key
    seen: str | None
    expected: str

    def __str__(self) -> str:
        place = self.file
        if self.where:
            place += f", {self.where}"
        if self.field:
            place += f", {self.field!r}"
        if self.seen is None:
            return f"{place}: {self.expected}"
        seen = self.seen if len(self.seen) <= 60 else self.seen[:57] + "..."
        return f"{place}: found {seen!r}; {self.expected}"


class WorkbookError(Exception):
    """Input files that cannot be used, with every problem found in them."""

    def __init__(self, problems: list[InputProblem], subject: str = "The workbook"):
        if not problems:
            raise ValueError("WorkbookError needs at least one problem")
        self.problems = list(problems)
        self.subject = subject  # what cannot be used, as the person knows it ("The roster and options")
        super().__init__(self._text())

    def _text(self) -> str:
        n = len(self.problems)
        head = "1 problem" if n == 1 else f"{n} problems"
        lines = [f"{self.subject} cannot be used as it is ({head} found):"]
        lines += [f"  - {p}" for p in self.problems]
        lines.append("Nothing was changed. Fix the values above and run the command again.")
        return "\n".join(lines)


class UsageError(Exception):
    """Something typed on the command line names nothing that exists (a seminar, a participant).

    The message says what was typed, what exists, and the nearest match when there is one.
    """


class ProblemList:
    """Collects problems while reading, so all of them can be reported together."""

    def __init__(self, file: str | Path):
        self.file = str(file)
        self.items: list[InputProblem] = []

    def add(self, where: str | None, field: str | None, seen: object, expected: str) -> None:
        shown = None if seen is None else str(seen)
        self.items.append(InputProblem(self.file, where, field, shown, expected))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise WorkbookError(self.items)
