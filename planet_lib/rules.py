"""Programme rule sets: what a network must meet to apply, kept as data, one YAML file each.

Programmes change from one period and call to the next, and trainers know them better than
programmers do.  So each programme's rules live in `data/rulesets/<id>.yaml` (its sources,
its version date, and the facts the sources leave open marked ``uncertain: true``), and a
trainer adds a programme by writing one file: `available_rulesets()` scans the folder.
Set the folder with the PLANET_RULESETS environment variable or the ``folder=`` parameter.

Which countries are EU Member States is also data (`eu-membership.yaml`, with accession and
withdrawal dates), because it depends on the date: Member States are counted at the
project's start month.

`check_eligibility` compares a network, its activities and its grant with a rule set and
returns one finding per rule that fails (code ``rules.<rule name>``), naming the value found
and the limit.  A rule that a note marks as uncertain fails as a warning, not an error.

Invited participants: "at least 30 invited participants" is read as a total for the whole
project (the sum of the ``participants`` column over all events), because the sources state
it next to the other whole-project conditions.  The kit cannot tell whether the same people
attend several events; a rule set can ask for a number per event with
``min_participants_per_event`` instead.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .errors import InputProblem, ProblemList, WorkbookError
from .findings import Finding, error, warning
from .workbook.fields import Field, Unusable, amount, country_code, ident, text, whole_number, yes_no
from .workbook.mapping import read_fields, read_list, read_text_list, scalar_text

if TYPE_CHECKING:
    from .network import Network
    from .schedule import Activity

ENV_VAR = "PLANET_RULESETS"
MEMBERSHIP_FILE = "eu-membership.yaml"
SUFFIXES = (".yaml", ".yml")

# The rules the kit can check: name -> what is counted (for messages about the rule set).
RULES = {
    "min_partners": "partner municipalities",
    "min_countries": "partner countries",
    "min_member_states": "partner countries that are EU Member States at the start",
    "min_duration_months": "months of project duration (minimum)",
    "max_duration_months": "months of project duration (maximum)",
    "min_events": "events",
    "min_participants": "invited participants, all events together",
    "min_participants_per_event": "invited participants at each event",
    "max_event_days": "days per event",
    "min_event_countries": "countries where events are held",
    "grant_min": "grant amount (minimum)",
    "grant_max": "grant amount (maximum)",
}
AMOUNT_RULES = ("grant_min", "grant_max")
LIMIT_PAIRS = (("min_duration_months", "max_duration_months"), ("grant_min", "grant_max"))


# the rule set ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    id: str
    title: str


@dataclass(frozen=True)
class Priority:
    """A theme the programme favours; a network's theme should match one."""

    id: str
    title: str
    kind: str = ""  # permanent | annual | european-year ...
    year: int | None = None
    uncertain: bool = False
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Note:
    """A remark on the rules; ``uncertain`` when the sources do not settle the fact."""

    text: str
    uncertain: bool = False
    rule: str = ""  # the rule it qualifies, if any
    sources: tuple[str, ...] = ()


@dataclass
class RuleSet:
    id: str
    title: str
    programme: str
    version: str  # YYYY-MM-DD: when the facts were last compared with the sources
    sources: list[Source]
    rules: dict[str, float | int]
    priorities: list[Priority] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    period: str = ""
    currency: str = "EUR"
    applicant_types: list[str] = field(default_factory=list)
    path: Path | None = None
    extra: dict = field(default_factory=dict)

    def uncertain_note(self, rule: str) -> Note | None:
        """The note that marks `rule` as uncertain, if there is one."""
        return next((n for n in self.notes if n.uncertain and n.rule == rule), None)

    @property
    def uncertain_notes(self) -> list[Note]:
        return [n for n in self.notes if n.uncertain]

    def priority_for(self, theme: str) -> Priority | None:
        """The priority a theme names, by id or title, ignoring case and surrounding spaces."""
        wanted = theme.strip().casefold()
        return next((p for p in self.priorities
                     if wanted in (p.id.casefold(), p.title.strip().casefold())), None)


# finding and loading rule-set files ------------------------------------------------------
def rulesets_folder(folder: str | Path | None = None) -> Path:
    """`folder` if given, else $PLANET_RULESETS, else the kit's `data/rulesets`."""
    if folder is not None:
        return Path(folder)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    from .sample import data_dir

    return data_dir() / "rulesets"


def available_rulesets(folder: str | Path | None = None) -> list[str]:
    """The ids of the rule sets in the folder (one file each, named after the id)."""
    base = rulesets_folder(folder)
    if not base.is_dir():
        return []
    return sorted(p.stem for p in base.iterdir()
                  if p.suffix in SUFFIXES and p.name != MEMBERSHIP_FILE and not p.name.startswith("."))


def load_ruleset(id_or_path: str | Path, folder: str | Path | None = None) -> RuleSet:
    """A rule set by id (looked up in the folder) or by the path of its file."""
    path = _ruleset_path(id_or_path, folder)
    from .workbook.yamlfile import read

    data, _text, _fmt = read(path, str(path))
    return ruleset_from_data(data, str(path), expected_id=path.stem, path=path)


def _ruleset_path(id_or_path: str | Path, folder: str | Path | None) -> Path:
    given = Path(id_or_path)
    if isinstance(id_or_path, Path) or given.suffix in SUFFIXES or len(given.parts) > 1:
        if not given.is_file():
            raise WorkbookError([InputProblem(str(given), None, None, None, "this rule-set file does not exist")])
        return given
    base = rulesets_folder(folder)
    for suffix in SUFFIXES:
        if (base / f"{id_or_path}{suffix}").is_file():
            return base / f"{id_or_path}{suffix}"
    known = ", ".join(available_rulesets(folder)) or "none"
    raise WorkbookError([InputProblem(str(base), None, "programme", str(id_or_path),
                                      f"the id of a rule set in this folder: {known}")])


_TOP_FIELDS = (
    Field("id", ident, required=True),
    Field("title", text, required=True),
    Field("programme", text, required=True),
    Field("period", text, default=""),
    Field("currency", text, default="EUR"),
)


def _iso_date(raw: str) -> str:
    try:
        return dt.date.fromisoformat(raw.strip()).isoformat()
    except ValueError:
        raise Unusable("a date written YYYY-MM-DD, e.g. 2026-11-27") from None


_VERSION = Field("version", _iso_date, required=True)
_SOURCE_FIELDS = (Field("id", ident, required=True), Field("title", text, required=True))
_PRIORITY_FIELDS = (Field("id", ident, required=True), Field("title", text, required=True),
                    Field("kind", text, default=""), Field("year", whole_number(1950, 2100)),
                    Field("uncertain", yes_no, default=False))
_NOTE_FIELDS = (Field("text", text, required=True), Field("uncertain", yes_no, default=False),
                Field("rule", text, default=""))
_KNOWN_KEYS = {"id", "title", "programme", "period", "currency", "version", "sources", "rules",
               "priorities", "deadlines", "notes", "applicant_types"}


def ruleset_from_data(data: Any, shown: str, expected_id: str | None = None,
                      path: Path | None = None) -> RuleSet:
    """Read and check a rule set's data; every problem is reported at once (WorkbookError)."""
    problems = ProblemList(shown)
    data = data if data is not None else {}
    values, _ = read_fields(data, _TOP_FIELDS + (_VERSION,), problems, "")
    data = data if isinstance(data, dict) else {}
    if expected_id and values["id"] and values["id"] != expected_id:
        problems.add(None, "id", values["id"], f"the same id as the file name: {expected_id}")
    sources = _read_sources(data.get("sources"), problems)
    source_ids = {s.id for s in sources}
    rules = _read_rules(data.get("rules"), problems)
    priorities = [_read_priority(item, source_ids, problems, f"priorities[{i}]")
                  for i, item in enumerate(read_list(data.get("priorities"), problems, "priorities"), start=1)]
    notes = [_read_note(item, source_ids, problems, f"notes[{i}]")
             for i, item in enumerate(read_list(data.get("notes"), problems, "notes"), start=1)]
    deadlines = read_text_list(data.get("deadlines"), problems, "deadlines")
    applicant_types = read_text_list(data.get("applicant_types"), problems, "applicant_types")
    problems.raise_if_any()
    extra = {k: v for k, v in data.items() if k not in _KNOWN_KEYS}
    return RuleSet(values["id"], values["title"], values["programme"], values["version"], sources, rules,
                   priorities, deadlines, notes, values["period"] or "", values["currency"] or "EUR",
                   applicant_types, path, extra)


def _read_sources(data: Any, problems: ProblemList) -> list[Source]:
    items = read_list(data, problems, "sources", required=True)
    if data is not None and not items:
        problems.add(None, "sources", None,
                     "at least one source {id, title}: a rule set must say where its facts come from")
    sources = []
    for i, item in enumerate(items, start=1):
        values, _ = read_fields(item, _SOURCE_FIELDS, problems, f"sources[{i}]")
        sources.append(Source(values["id"] or "", values["title"] or ""))
    return sources


def _source_refs(item: Any, known: set[str], problems: ProblemList, where: str) -> tuple[str, ...]:
    """The source ids an entry cites; each must be listed under `sources`."""
    raw = item.get("sources") if isinstance(item, dict) else None
    refs = tuple(scalar_text(r) for r in read_list(raw, problems, f"{where}.sources"))
    for ref in refs:
        if ref not in known:
            problems.add(None, f"{where}.sources", ref,
                         f"one of the source ids listed under 'sources': {', '.join(sorted(known)) or 'none yet'}")
    return refs


def _read_priority(item: Any, sources: set[str], problems: ProblemList, where: str) -> Priority:
    values, _ = read_fields(item, _PRIORITY_FIELDS, problems, where)
    return Priority(values["id"] or "", values["title"] or "", values["kind"] or "", values["year"],
                    bool(values["uncertain"]), _source_refs(item, sources, problems, where))


def _read_note(item: Any, sources: set[str], problems: ProblemList, where: str) -> Note:
    if not isinstance(item, dict):  # a plain sentence is a settled remark
        return Note(scalar_text(item).strip())
    values, _ = read_fields(item, _NOTE_FIELDS, problems, where)
    rule = values["rule"] or ""
    if rule and rule not in RULES:
        problems.add(None, f"{where}.rule", rule, f"one of the rules the kit knows: {', '.join(RULES)}")
    return Note(values["text"] or "", bool(values["uncertain"]), rule, _source_refs(item, sources, problems, where))


def _read_rules(data: Any, problems: ProblemList) -> dict[str, float | int]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.add(None, "rules", scalar_text(data)[:60], "a block of 'rule: number' lines")
        return {}
    rules: dict[str, float | int] = {}
    for key, value in data.items():
        key = str(key)
        if key not in RULES:
            problems.add(None, "rules", key, f"one of the rules the kit knows: {', '.join(RULES)}")
            continue
        parse = amount if key in AMOUNT_RULES else whole_number(0, blank_ok=False)
        try:
            number = parse(scalar_text(value)) if not isinstance(value, (dict, list)) else None
            if number is None:
                raise Unusable("a number (remove the line to leave the rule out)")
        except Unusable as exc:
            problems.add(None, f"rules.{key}", scalar_text(value), f"expected {exc}")
            continue
        rules[key] = number
    for low, high in LIMIT_PAIRS:
        if low in rules and high in rules and rules[low] > rules[high]:
            problems.add(None, f"rules.{low}", scalar_text(data[low]),
                         f"a value no larger than {high} ({scalar_text(data[high])})")
    return rules


# EU membership -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Membership:
    code: str
    name: str
    joined: dt.date
    left: dt.date | None = None
    aliases: tuple[str, ...] = ()

    def on(self, day: dt.date) -> bool:
        return self.joined <= day and (self.left is None or day < self.left)


def as_date(value: str | dt.date) -> dt.date:
    """A date from a date, 'YYYY-MM-DD' or 'YYYY-MM' (read as the first day of the month)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text_ = str(value).strip()
    try:
        if len(text_) <= 7:
            year, month = text_.split("-")
            return dt.date(int(year), int(month), 1)
        return dt.date.fromisoformat(text_)
    except ValueError:
        raise ValueError(f"{value!r} is not a date; write YYYY-MM or YYYY-MM-DD") from None


def membership_file(folder: str | Path | None = None) -> Path:
    """The membership data of the rule-set folder, else the kit's own."""
    own = rulesets_folder(folder) / MEMBERSHIP_FILE
    if own.is_file():
        return own
    from .sample import data_dir

    return data_dir() / "rulesets" / MEMBERSHIP_FILE


def load_membership(folder: str | Path | None = None) -> dict[str, Membership]:
    """Member-state records by country code (aliases such as UK and EL included)."""
    path = membership_file(folder)
    if not path.is_file():
        raise WorkbookError([InputProblem(str(path), None, None, None, "the EU membership file is missing")])
    return _membership(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _membership(path: str, _stamp: int) -> dict[str, Membership]:
    from .workbook.yamlfile import read

    data, _text, _fmt = read(Path(path), path)
    problems = ProblemList(path)
    fields = (Field("code", country_code, required=True), Field("name", text, default=""),
              Field("joined", _iso_date, required=True), Field("left", lambda r: _iso_date(r) if r.strip() else None))
    raw = read_list(data.get("members") if isinstance(data, dict) else None, problems, "members", required=True)
    table: dict[str, Membership] = {}
    for i, item in enumerate(raw, start=1):
        values, _ = read_fields(item, fields, problems, f"members[{i}]")
        aliases = tuple(scalar_text(a).upper() for a in read_list(
            item.get("aliases") if isinstance(item, dict) else None, problems, f"members[{i}].aliases"))
        if values["code"] and values["joined"]:
            left = dt.date.fromisoformat(values["left"]) if values["left"] else None
            record = Membership(values["code"], values["name"], dt.date.fromisoformat(values["joined"]), left, aliases)
            for code in (record.code, *aliases):
                table[code] = record
    problems.raise_if_any()
    return table


def is_member_state(code: str, on_date: str | dt.date, folder: str | Path | None = None) -> bool:
    """Whether the country was an EU Member State on that date (a YYYY-MM month: its first day)."""
    record = load_membership(folder).get(code.strip().upper())
    return record is not None and record.on(as_date(on_date))


# eligibility ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Case:
    """Everything the rules look at, gathered once."""

    network: "Network"
    events: list["Activity"] | None  # None: the activity schedule is not there yet
    grant: float | None
    ruleset: RuleSet
    grant_comparable: bool  # the budget is in the rule set's currency


def check_eligibility(network: "Network", activities: list["Activity"] | None, ruleset: RuleSet,
                      grant: float | None = None, currency: str | None = None) -> list[Finding]:
    """One finding per rule of the rule set that the network, its events or its grant fail.

    Activities or grant may be None (stage not reached): their rules are then not checked.
    `currency` is the budget's currency; grant rules are only checked in the rule set's one.
    """
    events = None if activities is None else [a for a in activities if a.kind == "event"]
    comparable = currency is None or currency.strip().upper() == ruleset.currency.upper()
    case = _Case(network, events, grant, ruleset, comparable)
    found: list[Finding] = []
    for name, limit in ruleset.rules.items():
        stage, check = _CHECKS[name]
        if stage == "activities" and events is None or stage == "budget" and grant is None:
            continue
        found.extend(check(case, name, limit))
    return found


def _fail(case: _Case, rule: str, file: str, item: object, found: str, limit: float, hint: str) -> Finding:
    """An error naming what was found and the limit; a warning if the rule set marks the rule uncertain."""
    bound = "at least" if rule.startswith("min") or rule == "grant_min" else "at most"
    message = f"{found}; {case.ruleset.title} asks for {bound} {_LIMIT_WORDS[rule](limit, case.ruleset)} (rule {rule})"
    note = case.ruleset.uncertain_note(rule)
    if note is None:
        return error(f"rules.{rule}", file, item, message + ".", hint)
    return warning(f"rules.{rule}", file, item, f"{message}. The rule set marks this rule as uncertain: {note.text}",
                   hint + " Check the call text to be sure.")


def _words(many: str) -> Callable[[float, RuleSet], str]:
    return lambda limit, _ruleset: f"{_number(limit)} {many}"


_LIMIT_WORDS = {
    "min_partners": _words("partner municipalities"), "min_countries": _words("countries"),
    "min_member_states": _words("EU Member States"), "min_duration_months": _words("months"),
    "max_duration_months": _words("months"), "min_events": _words("events"),
    "min_participants": _words("invited participants in all"),
    "min_participants_per_event": _words("invited participants per event"),
    "max_event_days": _words("days per event"), "min_event_countries": _words("countries with events"),
    "grant_min": lambda limit, rs: f"{rs.currency} {_number(limit)}",
    "grant_max": lambda limit, rs: f"{rs.currency} {_number(limit)}",
}


def _not_checkable(rule: str, file: str, missing: str, hint: str) -> Finding:
    return warning("rules.not_checkable", file, rule, f"The programme rule {rule} cannot be checked: {missing}.", hint)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _listed(codes: list[str]) -> str:
    return f" ({', '.join(codes)})" if codes else ""


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _min_partners(case: _Case, rule: str, limit: int) -> list[Finding]:
    n = len(case.network.partners)
    if n >= limit:
        return []
    return [_fail(case, rule, "group.yaml", None,
                  f"The network has {_count(n, 'partner municipality', 'partner municipalities')}", limit,
                  "Add partner municipalities to the partners list in group.yaml.")]


def _min_countries(case: _Case, rule: str, limit: int) -> list[Finding]:
    countries = case.network.countries
    if len(countries) >= limit:
        return []
    return [_fail(case, rule, "group.yaml", None,
                  f"The partners come from {_count(len(countries), 'country', 'countries')}{_listed(countries)}", limit,
                  "Add a partner town from another country to group.yaml, or check the country codes.")]


def _min_member_states(case: _Case, rule: str, limit: int) -> list[Finding]:
    start = case.network.start
    if not start:
        return [_not_checkable(rule, "group.yaml", "group.yaml gives no start month, and Member States are counted "
                               "at the start", "Add start: YYYY-MM (e.g. 2013-03) to group.yaml.")]
    folder = case.ruleset.path.parent if case.ruleset.path else None
    members = [c for c in case.network.countries if is_member_state(c, start, folder)]
    if len(members) >= limit:
        return []
    states = _count(len(members), "EU Member State", "EU Member States")
    found = f"At the start ({start}) the partners come from {states}"
    return [_fail(case, rule, "group.yaml", None, found + _listed(members), limit,
                  "Add a partner from an EU Member State, or check the country codes and the start month.")]


def _duration(case: _Case, rule: str, limit: int) -> list[Finding]:
    months = case.network.duration_months
    if months is None:
        return [_not_checkable(rule, "group.yaml", "group.yaml gives no duration_months",
                               "Add duration_months (a whole number of months) to group.yaml.")]
    if months < limit if rule.startswith("min") else months > limit:
        change = "longer" if rule.startswith("min") else "shorter"
        return [_fail(case, rule, "group.yaml", None, f"The project lasts {_count(months, 'month', 'months')}", limit,
                      f"Plan a {change} project: change duration_months in group.yaml and the activity schedule.")]
    return []


def _min_events(case: _Case, rule: str, limit: int) -> list[Finding]:
    n = len(case.events)
    if n >= limit:
        return []
    return [_fail(case, rule, "activities.csv", None,
                  f"activities.csv has {_count(n, 'event', 'events')} (rows with kind 'event')", limit,
                  "Plan more events, and write 'event' in the kind column of every meeting, seminar or conference.")]


def _min_participants(case: _Case, rule: str, limit: int) -> list[Finding]:
    total = sum(e.participants or 0 for e in case.events)
    if total >= limit:
        return []
    blank = [e.id for e in case.events if e.participants is None]
    found = f"The events invite {total} participants in all"
    if blank:
        found += f", and {_count(len(blank), 'event has', 'events have')} no number of participants{_listed(blank)}"
    return [_fail(case, rule, "activities.csv", None, found, limit,
                  "Invite more participants, and fill in the participants column of every event.")]


def _min_participants_per_event(case: _Case, rule: str, limit: int) -> list[Finding]:
    return [_fail(case, rule, "activities.csv", e.id, f"Event {e.id} invites {e.participants} participants", limit,
                  "Invite more participants to this event (participants column).")
            for e in case.events if e.participants is not None and e.participants < limit]


def _max_event_days(case: _Case, rule: str, limit: int) -> list[Finding]:
    return [_fail(case, rule, "activities.csv", e.id, f"Event {e.id} lasts {_count(e.days, 'day', 'days')}", limit,
                  "Shorten the event or split it into two events (days column).")
            for e in case.events if e.days is not None and e.days > limit]


def _min_event_countries(case: _Case, rule: str, limit: int) -> list[Finding]:
    countries = list(dict.fromkeys(e.country for e in case.events if e.country))
    if len(countries) >= limit:
        return []
    return [_fail(case, rule, "activities.csv", None,
                  f"The events are held in {_count(len(countries), 'country', 'countries')}{_listed(countries)}", limit,
                  "Hold events in more partner countries, and fill in the country column of each event.")]


def _grant(case: _Case, rule: str, limit: float) -> list[Finding]:
    currency = case.ruleset.currency
    if not case.grant_comparable:
        return [_not_checkable(rule, "budget.csv", f"the budget is not in {currency}",
                               f"Convert the budget total to {currency} by hand to compare it with the grant range.")]
    if case.grant < limit if rule == "grant_min" else case.grant > limit:
        hint = ("Check that every cost line has a quantity and a unit cost; the project may be too small for "
                "this programme." if rule == "grant_min" else
                "Reduce costs in budget.csv, or plan for the partners to pay the difference themselves.")
        return [_fail(case, rule, "budget.csv", None, f"The budget total is {currency} {_number(case.grant)}", limit,
                      hint)]
    return []


_CHECKS: dict[str, tuple[str, Callable[[_Case, str, Any], list[Finding]]]] = {
    "min_partners": ("network", _min_partners),
    "min_countries": ("network", _min_countries),
    "min_member_states": ("network", _min_member_states),
    "min_duration_months": ("network", _duration),
    "max_duration_months": ("network", _duration),
    "min_events": ("activities", _min_events),
    "min_participants": ("activities", _min_participants),
    "min_participants_per_event": ("activities", _min_participants_per_event),
    "max_event_days": ("activities", _max_event_days),
    "min_event_countries": ("activities", _min_event_countries),
    "grant_min": ("budget", _grant),
    "grant_max": ("budget", _grant),
}
