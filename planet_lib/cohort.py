"""The cohort: one run of the course (`cohort.yaml`) and its participants (`roster.csv`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .workbook.fields import Field, country_code, email, ident, text

FILE = "cohort.yaml"
ROSTER_FILE = "roster.csv"


@dataclass
class Seminar:
    id: str
    title: str = ""
    place: str = ""
    date: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Participant:
    participant_id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    municipality: str = ""
    country: str = ""
    group: str = ""
    line: int | None = None


@dataclass
class CohortInfo:
    name: str
    course_id: str = ""
    programme: str = ""
    currency: str = "EUR"
    seminars: list[Seminar] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


COHORT_FIELDS = (
    Field("name", text, required=True),
    Field("course_id", ident),
    Field("programme", ident),
    Field("currency", text, default="EUR"),
)

SEMINAR_FIELDS = (
    Field("id", ident, required=True),
    Field("title", text),
    Field("place", text),
    Field("date", text),
)

ROSTER_SCHEMA = (
    Field("participant_id", ident, required=True),
    Field("first_name", text),
    Field("last_name", text),
    Field("email", email),
    Field("municipality", text),
    Field("country", country_code, required=True),
    Field("group", ident),
)
