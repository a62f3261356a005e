"""The logical framework (`logframe.yaml`): intervention logic, indicators, sources, assumptions.

Two EC templates are supported: `ec-2004` (overall objectives / specific objective /
results / activities, with means and costs on the activities row and pre-conditions) and
`ec-2016` (impact / outcome / outputs / activities, indicators with baseline and target and
their years).  The activities row is not written here: it is derived from `activities.csv`
(means) and `budget.csv` (costs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .workbook.fields import Field, choice, ident, text, whole_number, year_month, yes_no, format_yes_no

FILE = "logframe.yaml"
TEMPLATES = ("ec-2004", "ec-2016")
LEVELS = ("overall_objectives", "specific_objectives", "results")
LIKELIHOODS = ("certain", "possible", "unlikely")  # Guidelines Figure 30: almost certainly / possibly / very unlikely


@dataclass
class Indicator:
    text: str
    unit: str = ""
    baseline: str = ""
    target: str = ""
    by: str | None = None  # YYYY-MM: when the target is reached
    source: str = ""  # source of verification
    baseline_year: int | None = None
    target_year: int | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Assumption:
    text: str
    important: bool | None = None
    likelihood: str | None = None  # certain | possible | unlikely
    can_redesign: bool | None = None
    extra: dict = field(default_factory=dict)

    @property
    def rated(self) -> bool:
        return self.important is not None or self.likelihood is not None


@dataclass
class Statement:
    """One entry of a logframe level: an objective or a result, with its indicators."""

    id: str
    text: str
    indicators: list[Indicator] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@dataclass
class Logframe:
    template: str = "ec-2004"
    overall_objectives: list[Statement] = field(default_factory=list)
    specific_objectives: list[Statement] = field(default_factory=list)
    results: list[Statement] = field(default_factory=list)
    preconditions: list[str] = field(default_factory=list)
    components: bool = False  # several specific objectives are declared as components
    extra: dict = field(default_factory=dict)

    def level(self, name: str) -> list[Statement]:
        return getattr(self, name)


LOGFRAME_FIELDS = (
    Field("template", choice(*TEMPLATES, blank="ec-2004")),
    Field("components", yes_no, format_yes_no, default=False),
)
STATEMENT_FIELDS = (Field("id", ident, required=True), Field("text", text, required=True))
INDICATOR_FIELDS = (
    Field("text", text, required=True),
    Field("unit", text, default=""),
    Field("baseline", text, default=""),
    Field("target", text, default=""),
    Field("by", year_month),
    Field("source", text, default=""),
    Field("baseline_year", whole_number(1990, 2100)),
    Field("target_year", whole_number(1990, 2100)),
)


def _optional_yes_no(raw: str) -> bool | None:
    return None if not raw.strip() else yes_no(raw)


ASSUMPTION_FIELDS = (
    Field("text", text, required=True),
    Field("important", _optional_yes_no),
    Field("likelihood", choice(*LIKELIHOODS, blank="")),
    Field("can_redesign", _optional_yes_no),
)
