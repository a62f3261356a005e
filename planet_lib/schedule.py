"""The activity schedule (`activities.csv`): what the network does, when, where and with whom."""

from __future__ import annotations

from dataclasses import dataclass

from .workbook.fields import Field, choice, country_code, format_number, ident, text, whole_number

FILE = "activities.csv"
KINDS = ("event", "task", "milestone")


def _optional_country(raw: str) -> str:
    return country_code(raw) if raw.strip() else ""


@dataclass
class Activity:
    id: str
    result: str = ""  # the logframe result it serves
    title: str = ""
    start_month: int | None = None  # 1 = first month of the project
    end_month: int | None = None
    kind: str = "task"  # event | task | milestone
    lead: str = ""
    country: str = ""
    days: int | None = None
    participants: int | None = None  # invited participants, for events
    means: str = ""
    line: int | None = None


SCHEMA = (
    Field("id", ident, required=True),
    Field("result", ident, default=""),
    Field("title", text, required=True),
    Field("start_month", whole_number(1, 120), format_number),
    Field("end_month", whole_number(1, 120), format_number),
    Field("kind", choice(*KINDS, blank="task"), default="task"),
    Field("lead", text, default=""),
    Field("country", _optional_country, default=""),
    Field("days", whole_number(0), format_number),
    Field("participants", whole_number(0), format_number),
    Field("means", text, default=""),
)
