"""Checking a network, its events and its grant against a programme rule set.

`check_eligibility` returns one finding per rule that fails (code ``rules.<rule name>``),
naming the value found and the limit.  A rule that a note of the rule set marks as uncertain
fails as a warning, not an error.

Invited participants: "at least 30 invited participants" is read as a total for the whole
project (the sum of the ``participants`` column over all events), because the sources state
it next to the other whole-project conditions.  The kit cannot tell whether the same people
attend several events; a rule set can ask for a number per event with
``min_participants_per_event`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from .findings import Finding, error, warning
from .membership import is_member_state
from .rules import RuleSet

if TYPE_CHECKING:
    from .network import Network
    from .schedule import Activity

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


def rule_stage(rule: str) -> str:
    """Which artefact a programme rule looks at: "network", "activities" or "budget"."""
    return _CHECKS[rule][0] if rule in _CHECKS else "network"
