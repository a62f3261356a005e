"""Objective analysis (`objectives.csv`): the problem tree reworded as achieved, positive states."""

from __future__ import annotations

from dataclasses import dataclass

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
