"""Programme rule sets as data, EU membership by date, and the eligibility checks."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from planet_lib.errors import WorkbookError
from planet_lib.network import Network, Partner
from planet_lib.eligibility import check_eligibility
from planet_lib.membership import is_member_state
from planet_lib.rules import RULES, Note, RuleSet, Source, available_rulesets, load_ruleset, rulesets_folder
from planet_lib.schedule import Activity

SHIPPED = ("cerv-2025-nt", "efc-2007-2013-m1-2", "efc-2014-2020-nt")

MINIMAL = """\
id: {id}
title: Test programme
programme: Test
version: 2026-01-15
sources:
  - {{id: T1, title: The test call}}
rules:
  min_countries: 2
"""


def write_ruleset(folder: Path, rid: str, text: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{rid}.yaml"
    path.write_text(text if text is not None else MINIMAL.format(id=rid), encoding="utf-8")
    return path


def problems_of(exc: pytest.ExceptionInfo) -> list:
    return exc.value.problems


# the shipped rule sets ----------------------------------------------------------------------
def test_shipped_rule_sets_are_listed_without_the_membership_file(monkeypatch):
    monkeypatch.delenv("PLANET_RULESETS", raising=False)
    assert set(SHIPPED) <= set(available_rulesets())
    assert "eu-membership" not in available_rulesets()


@pytest.mark.parametrize("rid", SHIPPED)
def test_shipped_rule_sets_are_version_stamped_sourced_and_mark_uncertain_facts(rid):
    rs = load_ruleset(rid)
    assert rs.id == rid
    dt.date.fromisoformat(rs.version)
    assert rs.sources and all(s.id and s.title for s in rs.sources)
    assert rs.uncertain_notes, "every shipped rule set records what its sources leave open"
    assert set(rs.rules) <= set(RULES)


def test_measure_1_2_rules_are_those_of_the_2013_deadlines():
    rs = load_ruleset("efc-2007-2013-m1-2")
    assert rs.rules == {"min_countries": 4, "min_member_states": 1, "min_participants": 30, "min_events": 3,
                        "max_duration_months": 24, "max_event_days": 21, "grant_min": 10000, "grant_max": 150000}
    assert rs.deadlines == ["1 February", "1 September"]
    ids = {p.id for p in rs.priorities}
    assert {"future-of-eu", "active-citizenship", "year-of-citizens-2013", "active-ageing-2012"} <= ids
    assert {p.id for p in rs.priorities if p.uncertain} == {"intercultural-dialogue", "wellbeing", "eu-policies-impact"}
    assert rs.uncertain_note("min_participants") is not None


def test_networks_of_towns_2014_2020_and_cerv_2025_rules():
    nt = load_ruleset("efc-2014-2020-nt")
    assert nt.rules["min_events"] == 4 and nt.rules["min_member_states"] == 2 and nt.rules["grant_max"] == 150000
    cerv = load_ruleset("cerv-2025-nt")
    assert cerv.rules == {"min_partners": 4, "min_countries": 4, "min_member_states": 2, "min_event_countries": 2,
                          "min_duration_months": 12, "max_duration_months": 24}
    assert "grant_min" not in cerv.rules and "min_events" not in cerv.rules  # unknown: not checked
    assert any("lump" in n.text.lower() and n.uncertain for n in cerv.notes)


# adding a rule set is writing a file -----------------------------------------------------------
def test_a_new_file_in_the_folder_is_a_new_rule_set(tmp_path):
    folder = tmp_path / "rulesets"
    write_ruleset(folder, "my-call-2027")
    assert available_rulesets(folder) == ["my-call-2027"]
    rs = load_ruleset("my-call-2027", folder=folder)
    assert rs.rules == {"min_countries": 2} and rs.sources == [Source("T1", "The test call")]
    assert rs.path == folder / "my-call-2027.yaml"


def test_the_folder_can_be_set_with_planet_rulesets(tmp_path, monkeypatch):
    folder = tmp_path / "elsewhere"
    write_ruleset(folder, "town-call")
    monkeypatch.setenv("PLANET_RULESETS", str(folder))
    assert rulesets_folder() == folder
    assert available_rulesets() == ["town-call"]
    assert load_ruleset("town-call").title == "Test programme"


def test_a_rule_set_can_be_loaded_by_path(tmp_path):
    path = write_ruleset(tmp_path, "by-path")
    assert load_ruleset(path).id == "by-path"
    assert load_ruleset(str(path)).id == "by-path"


def test_an_unknown_id_names_the_rule_sets_available(tmp_path):
    write_ruleset(tmp_path, "known-one")
    with pytest.raises(WorkbookError) as exc:
        load_ruleset("not-there", folder=tmp_path)
    problem = problems_of(exc)[0]
    assert problem.seen == "not-there" and "known-one" in problem.expected


# malformed rule sets ------------------------------------------------------------------------
@pytest.mark.parametrize("change, key, seen, expected_words", [
    (("min_countries: 2", "min_contries: 2"), "rules", "min_contries", "rules the kit knows"),
    (("min_countries: 2", "min_countries: four"), "rules.min_countries", "four", "whole number"),
    (("min_countries: 2", "min_countries:"), "rules.min_countries", "", "number"),
    (("min_countries: 2", "grant_min: 5000\n  grant_max: 1000"), "rules.grant_min", "5000", "no larger than"),
    (("version: 2026-01-15", "version: spring"), "version", "spring", "YYYY-MM-DD"),
    (("id: {id}", "id: other-id"), "id", "other-id", "file name"),
    (("rules:", "notes:\n  - text: x\n    uncertain: true\n    rule: min_moons\nrules:"), "notes[1].rule", "min_moons",
     "rules the kit knows"),
    (("rules:", "notes:\n  - text: x\n    sources: [T9]\nrules:"), "notes[1].sources", "T9", "T1"),
])
def test_a_malformed_rule_set_names_file_key_value_and_what_is_expected(tmp_path, change, key, seen, expected_words):
    text = MINIMAL.replace(*change).format(id="bad")
    path = write_ruleset(tmp_path, "bad", text)
    with pytest.raises(WorkbookError) as exc:
        load_ruleset("bad", folder=tmp_path)
    problem = next(p for p in problems_of(exc) if p.field == key)
    assert problem.file == str(path)
    assert problem.seen == seen
    assert expected_words in problem.expected


def test_a_rule_set_without_sources_is_refused(tmp_path):
    text = MINIMAL.format(id="nosrc").replace("sources:\n  - {id: T1, title: The test call}\n", "")
    write_ruleset(tmp_path, "nosrc", text)
    with pytest.raises(WorkbookError) as exc:
        load_ruleset("nosrc", folder=tmp_path)
    assert [p.field for p in problems_of(exc)] == ["sources"]


def test_every_problem_of_a_rule_set_is_reported_at_once(tmp_path):
    text = MINIMAL.format(id="many").replace("min_countries: 2", "min_countries: x\n  max_event_days: y")
    write_ruleset(tmp_path, "many", text)
    with pytest.raises(WorkbookError) as exc:
        load_ruleset("many", folder=tmp_path)
    assert {p.field for p in problems_of(exc)} == {"rules.min_countries", "rules.max_event_days"}


def test_a_rule_set_that_is_not_yaml_is_a_workbook_error(tmp_path):
    write_ruleset(tmp_path, "broken", "id: broken\nrules: [unclosed\n")
    with pytest.raises(WorkbookError):
        load_ruleset("broken", folder=tmp_path)


# EU membership by date ------------------------------------------------------------------------
@pytest.mark.parametrize("code, when, member", [
    ("HR", "2013-06", False), ("HR", "2013-07", True),
    ("PL", "2004-04", False), ("PL", "2004-05", True),
    ("GB", "2020-01", True), ("GB", "2020-02", False), ("UK", "2019-12", True),
    ("GR", "1980-12", False), ("EL", "1981-01", True),
    ("IT", "1958-01", True), ("NO", "2013-03", False), ("RS", "2025-01", False),
    ("ro", dt.date(2007, 1, 1), True), ("RO", "2006-12-31", False),
])
def test_member_states_are_counted_on_the_date(code, when, member):
    assert is_member_state(code, when) is member


def test_a_bad_date_says_how_to_write_it():
    with pytest.raises(ValueError, match="YYYY-MM"):
        is_member_state("IT", "March 2013")


def test_a_rule_set_folder_without_membership_uses_the_kits_own(tmp_path):
    assert is_member_state("HR", "2014-01", folder=tmp_path) is True


def test_membership_is_data_a_trainer_can_change(tmp_path):
    (tmp_path / "eu-membership.yaml").write_text(
        "id: eu-membership\nmembers:\n  - {code: IS, name: Iceland, joined: 2030-01-01}\n", encoding="utf-8")
    assert is_member_state("IS", "2030-01", folder=tmp_path) is True
    assert is_member_state("IT", "2030-01", folder=tmp_path) is False


# eligibility: boundaries -----------------------------------------------------------------------
LIMITS = {"min_partners": 4, "min_countries": 4, "min_member_states": 2, "min_duration_months": 12,
          "max_duration_months": 24, "min_events": 3, "min_participants": 30, "min_participants_per_event": 10,
          "max_event_days": 21, "min_event_countries": 2, "grant_min": 10000, "grant_max": 150000}


def ruleset(rules: dict | None = None, notes: list[Note] | None = None) -> RuleSet:
    return RuleSet("test", "Test programme", "Test", "2026-01-15", [Source("T1", "t")],
                   dict(LIMITS if rules is None else rules), notes=notes or [])


def network(**changes) -> Network:
    """Exactly at every limit: 4 partners, 4 countries, 2 Member States in 2013-03, 12 months."""
    partners = [Partner("Lucca", "IT", "lead"), Partner("Kraków", "PL"), Partner("Split", "HR"), Partner("Niš", "RS")]
    base = Network("t1", "Test", theme="x", programme="test", start="2013-03", duration_months=12, partners=partners)
    return dataclasses.replace(base, **changes)


def events(**changes) -> list[Activity]:
    """Exactly at every limit: 3 events, 10 + 10 + 10 participants, 21 days, in 2 countries."""
    rows = [Activity("E1", kind="event", country="IT", days=21, participants=10),
            Activity("E2", kind="event", country="PL", days=2, participants=10),
            Activity("E3", kind="event", country="IT", days=1, participants=10),
            Activity("T1", kind="task", country="HR", days=99, participants=0)]
    return [dataclasses.replace(a, **changes.get(a.id, {})) for a in rows]


def codes(found) -> list[str]:
    return [f.code for f in found]


def test_exactly_at_every_limit_passes():
    assert check_eligibility(network(), events(), ruleset(), grant=10000) == []
    assert check_eligibility(network(duration_months=24), events(), ruleset(), grant=150000) == []


@pytest.mark.parametrize("rule, net_changes, event_changes, grant", [
    # three partners: the only way one partner fewer does not also mean one country fewer is a lower min_countries
    ("min_partners", {"partners": network().partners[:3]}, {}, 10000),
    ("min_countries", {"partners": network().partners[:3] + [Partner("Zadar", "HR")]}, {}, 10000),
    ("min_member_states", {"partners": network().partners[:1] + [Partner("Bergen", "NO"), Partner("Split", "HR"),
                                                                 Partner("Niš", "RS")]}, {}, 10000),
    ("min_duration_months", {"duration_months": 11}, {}, 10000),
    ("max_duration_months", {"duration_months": 25}, {}, 10000),
    ("min_events", {}, {"E3": {"kind": "task"}, "E1": {"participants": 20}}, 10000),
    ("min_participants", {}, {"E2": {"participants": 9}}, 10000),
    ("max_event_days", {}, {"E1": {"days": 22}}, 10000),
    ("min_event_countries", {}, {"E2": {"country": "IT"}}, 10000),
    ("grant_min", {}, {}, 9999.99),
    ("grant_max", {}, {}, 150000.01),
])
def test_one_beyond_a_limit_fails_that_rule_only(rule, net_changes, event_changes, grant):
    rules = dict(LIMITS, min_participants_per_event=0)
    if rule == "min_partners":
        rules.update(min_countries=3)
    found = check_eligibility(network(**net_changes), events(**event_changes), ruleset(rules), grant=grant)
    assert codes(found) == [f"rules.{rule}"]
    assert found[0].severity == "error"


def test_participants_per_event_names_the_event():
    found = check_eligibility(network(), events(E2={"participants": 9}, E3={"participants": 11}),
                              ruleset({"min_participants_per_event": 10}))
    assert [(f.code, f.file, f.item) for f in found] == [("rules.min_participants_per_event", "activities.csv", "E2")]


def test_findings_name_the_rule_the_value_found_and_the_limit():
    found = check_eligibility(network(duration_months=30), events(E1={"days": 25}), ruleset(), grant=160000)
    by_code = {f.code: f for f in found}
    duration = by_code["rules.max_duration_months"]
    assert duration.file == "group.yaml" and "30 months" in duration.message and "24" in duration.message
    assert "max_duration_months" in duration.message
    days = by_code["rules.max_event_days"]
    assert (days.file, days.item) == ("activities.csv", "E1") and "25 days" in days.message and "21" in days.message
    grant = by_code["rules.grant_max"]
    assert grant.file == "budget.csv" and "160,000" in grant.message and "150,000" in grant.message


def test_member_states_are_counted_at_the_project_start():
    # IT and HR are the only Member States among the partners once Croatia has joined (July 2013).
    rules = ruleset({"min_member_states": 2})
    partners = [Partner("Lucca", "IT", "lead"), Partner("Split", "HR"), Partner("Niš", "RS"), Partner("Bar", "ME")]
    before = check_eligibility(network(partners=partners, start="2013-06"), None, rules)
    after = check_eligibility(network(partners=partners, start="2013-07"), None, rules)
    assert codes(before) == ["rules.min_member_states"] and "(IT)" in before[0].message
    assert after == []


def test_without_a_start_month_member_states_cannot_be_checked():
    found = check_eligibility(network(start=None), None, ruleset({"min_member_states": 1}))
    assert [(f.code, f.severity, f.item) for f in found] == [("rules.not_checkable", "warning", "min_member_states")]


def test_without_a_duration_the_duration_rules_cannot_be_checked():
    found = check_eligibility(network(duration_months=None), None, ruleset({"max_duration_months": 24}))
    assert codes(found) == ["rules.not_checkable"]


def test_activities_and_grant_not_yet_there_are_not_checked():
    found = check_eligibility(network(partners=network().partners[:1]), None, ruleset(), grant=None)
    assert set(codes(found)) == {"rules.min_partners", "rules.min_countries", "rules.min_member_states"}


def test_tasks_and_milestones_are_not_events():
    only_tasks = [dataclasses.replace(a, kind="task") for a in events()]
    found = check_eligibility(network(), only_tasks, ruleset({"min_events": 1, "max_event_days": 21}))
    assert codes(found) == ["rules.min_events"]


def test_invited_participants_are_added_up_over_events():
    rules = ruleset({"min_participants": 30})
    assert check_eligibility(network(), events(E1={"participants": 25}, E2={"participants": 5},
                                               E3={"participants": None}), rules) == []
    found = check_eligibility(network(), events(E1={"participants": 25}, E3={"participants": None},
                                                E2={"participants": 4}), rules)
    assert codes(found) == ["rules.min_participants"] and "29" in found[0].message and "E3" in found[0].message


def test_an_uncertain_rule_fails_as_a_warning_that_says_so():
    note = Note("The sources disagree on this.", uncertain=True, rule="min_events")
    found = check_eligibility(network(), events(E3={"kind": "task"}), ruleset({"min_events": 3}, [note]))
    assert [(f.code, f.severity) for f in found] == [("rules.min_events", "warning")]
    assert "uncertain" in found[0].message and "The sources disagree" in found[0].message


def test_a_settled_note_does_not_soften_the_rule():
    note = Note("Say more.", uncertain=False, rule="min_events")
    found = check_eligibility(network(), events(E3={"kind": "task"}), ruleset({"min_events": 3}, [note]))
    assert found[0].severity == "error"


def test_grant_rules_need_the_budget_in_the_rule_sets_currency():
    found = check_eligibility(network(), events(), ruleset({"grant_min": 10000}), grant=5000, currency="PLN")
    assert [(f.code, f.item) for f in found] == [("rules.not_checkable", "grant_min")]
    assert codes(check_eligibility(network(), events(), ruleset({"grant_min": 10000}), grant=5000,
                                   currency="eur")) == ["rules.grant_min"]


def test_the_shipped_measure_1_2_rules_accept_a_network_at_its_limits():
    rs = load_ruleset("efc-2007-2013-m1-2")
    net = network(duration_months=24, partners=[Partner("Lucca", "IT", "lead"), Partner("Niš", "RS"),
                                                Partner("Bar", "ME"), Partner("Tirana", "AL")])
    assert check_eligibility(net, events(), rs, grant=150000) == []
    three = network(partners=net.partners[:3])
    assert codes(check_eligibility(three, events(), rs, grant=150000)) == ["rules.min_countries"]
