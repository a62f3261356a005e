"""Stakeholder analysis (`stakeholders.csv`): who is involved, how, and what to do about them.

The EC-style matrix has four analysis columns (characteristics, interests, capacity and
motivation, possible actions); the importance/influence grid sorts stakeholders into
quadrants A-D, each calling for a different way of working with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .workbook.fields import Field, format_number, ident, text, whole_number

FILE = "stakeholders.csv"


@dataclass
class Stakeholder:
    id: str
    name: str
    category: str = ""
    characteristics: str = ""
    interests: str = ""
    capacity: str = ""
    motivation: str = ""
    importance: int | None = None  # 1-5
    influence: int | None = None  # 1-5
    actions: str = ""
    line: int | None = None  # line in the file, None when not saved yet


SCHEMA = (
    Field("id", ident, required=True),
    Field("name", text, required=True),
    Field("category", text),
    Field("characteristics", text),
    Field("interests", text),
    Field("capacity", text),
    Field("motivation", text),
    Field("importance", whole_number(1, 5), format_number),
    Field("influence", whole_number(1, 5), format_number),
    Field("actions", text),
)
