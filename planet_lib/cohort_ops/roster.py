"""Reading a cohort's roster (`roster.csv`) strictly enough to register people in nbgrader.

Real rosters come from registration forms and spreadsheets: accented names, stray spaces,
ids that are missing or used twice, e-mail addresses with a typo. A roster is usable only
when every row is; every unusable row is reported at once, with its line, what is wrong and
a suggested fix, and nothing is created until then (`read_roster` raises `WorkbookError`).

Participant ids become nbgrader student ids, which nbgrader uses in folder names and
patterns: only letters A-Z and a-z, digits, ``_`` and ``-`` are allowed (no spaces, accents
or dots). Ids made only of digits work, but must be put in quotes when typed in an
``nbgrader`` command; the `planet` commands take them as they are.

Besides the contract's columns a roster may have a ``role`` column: ``lead`` marks the
municipality that leads its group's network (otherwise the group's first municipality does).

Lines that can be used but deserve a look (no e-mail, no group, the same e-mail twice) are
returned as notes.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .. import cohort as cohort_mod
from ..errors import ProblemList
from ..workbook.fields import Field, Unusable, choice
from ..workbook.table import Table

NBGRADER_ID = re.compile(r"^[A-Za-z0-9_-]+$")
ID_RULE = ("an id of letters A-Z and a-z, digits, '_' and '-' only (no spaces, accents or dots: "
           "nbgrader uses it in folder names)")
# Misspelt endings and mail providers seen in registration forms.
DOMAIN_TYPOS = {
    "con": "com", "cmo": "com", "ocm": "com", "comm": "com", "coom": "com", "vom": "com", "xom": "com",
    "ogr": "org", "orgg": "org", "nte": "net", "nett": "net",
    "gmial": "gmail", "gmai": "gmail", "gamil": "gmail", "gmal": "gmail", "gnail": "gmail",
    "hotmial": "hotmail", "hotmal": "hotmail", "yaho": "yahoo", "yahooo": "yahoo", "outlok": "outlook",
}


def participant_id(raw: str) -> str:
    """A participant id nbgrader can use (an empty value is checked separately)."""
    value = raw.strip()
    if value and not NBGRADER_ID.match(value):
        raise Unusable(f"{ID_RULE}, e.g. {suggest_id(value)!r}")
    return value


def email_address(raw: str) -> str:
    """The kit's e-mail rule, plus the typing mistakes of common endings and providers."""
    value = _KIT_EMAIL(raw)
    if value:
        parts = value.rsplit("@", 1)[1].lower().split(".")
        fixed = [DOMAIN_TYPOS.get(part, part) for part in parts]
        if fixed != parts:
            guess = value.rsplit("@", 1)[0] + "@" + ".".join(fixed)
            raise Unusable(f"an e-mail address without a typing mistake: did you mean {guess!r}?")
    return value


ROLE = Field("role", choice("lead", "partner", blank="partner"))
UNUSABLE = "\0"  # what an unusable id reads as, so it is not also reported as missing
_KIT_EMAIL = next(f.parse for f in cohort_mod.ROSTER_SCHEMA if f.name == "email")


def roster_schema() -> tuple[Field, ...]:
    """The kit's ROSTER_SCHEMA with nbgrader's rule for ids and the e-mail typo check."""
    fields = []
    for f in cohort_mod.ROSTER_SCHEMA:
        if f.name == "participant_id":
            f = dataclasses.replace(f, parse=participant_id, required=False, default=UNUSABLE)
        elif f.name == "email":
            f = dataclasses.replace(f, parse=email_address)
        fields.append(f)
    return (*fields, ROLE)


@dataclass
class Roster:
    """The usable roster: participants in file order, leads marked, and notes to look at."""

    participants: list[cohort_mod.Participant]
    leads: set[str] = field(default_factory=set)  # participant ids whose municipality leads
    notes: list[str] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        return [p.participant_id for p in self.participants]

    def by_group(self) -> dict[str, list[cohort_mod.Participant]]:
        groups: dict[str, list[cohort_mod.Participant]] = {}
        for p in self.participants:
            if p.group:
                groups.setdefault(p.group, []).append(p)
        return groups


def read_roster(path: str | Path, shown_as: str = cohort_mod.ROSTER_FILE) -> Roster:
    """Every participant of a roster file, or a `WorkbookError` listing every unusable row."""
    table = Table.read(Path(path), shown_as)
    problems = ProblemList(shown_as)
    records = table.records(roster_schema(), problems)
    _check_ids(records, problems)
    _check_leads(records, problems)
    problems.items.sort(key=_line_of)
    problems.raise_if_any()
    participants = [cohort_mod.Participant(**{k: r[k] for k in (
        "participant_id", "first_name", "last_name", "email", "municipality", "country", "group", "line")})
        for r in records]
    leads = {r["participant_id"] for r in records if r.get("role") == "lead"}
    return Roster(participants, leads, _notes(records))


def _line_of(problem) -> int:
    found = re.search(r"\d+", problem.where or "")
    return int(found.group()) if found else 0


def _check_ids(records: list[dict], problems: ProblemList) -> None:
    """Every row has an id, used once (also ignoring upper/lower case: folder names on
    Windows and macOS do not tell them apart)."""
    taken = {r["participant_id"].lower() for r in records if r["participant_id"]}
    first: dict[str, int] = {}
    for r in records:
        pid = r["participant_id"]
        if pid == UNUSABLE:
            continue
        if not pid:
            suggestion = _unique(suggest_id(f"{r['first_name']} {r['last_name']}".strip() or f"p{r['line']}"), taken)
            taken.add(suggestion.lower())
            problems.add(f"line {r['line']}", "participant_id", None,
                         f"every participant needs {ID_RULE}; e.g. {suggestion!r}")
            continue
        key = pid.lower()
        if key in first:
            suggestion = _unique(pid, taken)
            taken.add(suggestion.lower())
            same = "is also" if pid in {x["participant_id"] for x in records if x["line"] == first[key]} \
                else "differs only in upper/lower case from the id"
            problems.add(f"line {r['line']}", "participant_id", pid,
                         f"each participant id may be used once, but it {same} on line {first[key]}; "
                         f"give this participant another id, e.g. {suggestion!r}")
        else:
            first[key] = r["line"]


def _check_leads(records: list[dict], problems: ProblemList) -> None:
    """At most one lead municipality per group (the network's applicant)."""
    leads: dict[str, list[dict]] = {}
    for r in records:
        if r.get("role") == "lead":
            leads.setdefault(r["group"] or "", []).append(r)
    for group, rows in leads.items():
        municipalities = {(r["municipality"], r["country"]) for r in rows}
        if not group:
            for r in rows:
                problems.add(f"line {r['line']}", "role", "lead",
                             "a lead municipality must belong to a group; fill in 'group' or clear 'role'")
        elif len(municipalities) > 1:
            lines = ", ".join(str(r["line"]) for r in rows)
            problems.add(f"lines {lines}", "role", "lead",
                         f"group {group} has more than one lead municipality; keep 'lead' on one of them")


def _notes(records: list[dict]) -> list[str]:
    """Usable rows that deserve a look before the cohort starts."""
    notes = []
    seen: dict[str, str] = {}
    for r in records:
        who = f"line {r['line']} ({r['participant_id']})"
        if not r["email"]:
            notes.append(f"{who}: no e-mail address, so feedback cannot be mailed to this participant")
        elif r["email"].lower() in seen:
            notes.append(f"{who}: the same e-mail address as {seen[r['email'].lower()]}")
        else:
            seen[r["email"].lower()] = r["participant_id"]
        if not r["group"]:
            notes.append(f"{who}: no group, so this participant is in no working group")
        elif not r["municipality"]:
            notes.append(f"{who}: no municipality, so the group's network misses this partner")
        if r["participant_id"].isdigit():
            notes.append(f"{who}: an id of digits only works, but put it in quotes in nbgrader commands")
    return notes


# --- suggesting ids ------------------------------------------------------------------------

def suggest_id(text: str) -> str:
    """A portable id made from `text`: accents dropped, other characters turned into '-'."""
    plain = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L").replace("ß", "ss"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    plain = re.sub(r"[^A-Za-z0-9_-]+", "-", plain).strip("-_").lower()
    return plain or "participant"


def _unique(base: str, taken: set[str]) -> str:
    base = suggest_id(base)
    if base.lower() not in taken:
        return base
    n = 2
    while f"{base}-{n}".lower() in taken:
        n += 1
    return f"{base}-{n}"
