"""The network of twinned towns a working group plans for (`group.yaml`).

A network is the applicant's unit: a lead municipality and its partners, a theme taken
from the programme's priorities, a start month and a duration.  Which countries count as EU
Member States, and what the programme requires, are rule-set data (see `rules`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .workbook.fields import Field, choice, country_code, ident, text, whole_number, year_month

FILE = "group.yaml"


@dataclass
class Partner:
    municipality: str
    country: str
    role: str = "partner"  # lead | partner
    extra: dict = field(default_factory=dict)


@dataclass
class Network:
    id: str
    name: str
    theme: str = ""
    programme: str = ""
    start: str | None = None  # YYYY-MM
    duration_months: int | None = None
    partners: list[Partner] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    @property
    def lead(self) -> Partner | None:
        return next((p for p in self.partners if p.role == "lead"), None)

    @property
    def countries(self) -> list[str]:
        """Distinct partner countries, in the order partners are listed."""
        return list(dict.fromkeys(p.country for p in self.partners if p.country))


NETWORK_FIELDS = (
    Field("id", ident, required=True),
    Field("name", text, required=True),
    Field("theme", text),
    Field("programme", ident),
    Field("start", year_month),
    Field("duration_months", whole_number(1, 120)),
)

PARTNER_FIELDS = (
    Field("municipality", text, required=True),
    Field("country", country_code, required=True),
    Field("role", choice("lead", "partner", blank="partner")),
)
