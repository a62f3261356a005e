"""The budget (`budget.csv`): cost lines per activity, amounts = quantity x unit cost."""

from __future__ import annotations

from dataclasses import dataclass

from .workbook.fields import Field, amount, format_number, ident, text

FILE = "budget.csv"


@dataclass
class BudgetLine:
    activity: str
    item: str = ""
    category: str = ""
    quantity: float | None = None
    unit_cost: float | None = None
    line: int | None = None

    @property
    def amount(self) -> float:
        return (self.quantity or 0) * (self.unit_cost or 0)


SCHEMA = (
    Field("activity", ident, required=True),
    Field("item", text, default=""),
    Field("category", text, default=""),
    Field("quantity", amount, format_number),
    Field("unit_cost", amount, format_number),
)
