"""Problem analysis (`problems.csv`): cards linked cause -> effect around one core problem."""

from __future__ import annotations

from dataclasses import dataclass

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
