"""Strategy analysis (`strategy.yaml`): options (clusters of objectives) scored on weighted criteria."""

from __future__ import annotations

from dataclasses import dataclass, field

from .workbook.fields import Field, ident, text, whole_number, amount

FILE = "strategy.yaml"


@dataclass
class Criterion:
    id: str
    weight: float = 1.0
    name: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Option:
    id: str
    name: str = ""
    objectives: list[str] = field(default_factory=list)
    scores: dict[str, int | None] = field(default_factory=dict)  # criterion id -> 1-5
    extra: dict = field(default_factory=dict)


@dataclass
class Strategy:
    criteria: list[Criterion] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    selected: str = ""
    justification: str = ""
    extra: dict = field(default_factory=dict)


STRATEGY_FIELDS = (Field("selected", ident, default=""), Field("justification", text, default=""))
CRITERION_FIELDS = (Field("id", ident, required=True), Field("weight", amount, default=1.0),
                    Field("name", text, default=""))
OPTION_FIELDS = (Field("id", ident, required=True), Field("name", text, default=""))
SCORE = whole_number(1, 5)
