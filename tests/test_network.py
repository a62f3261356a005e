"""The network checks (group.yaml): lead, partners, theme, programme and its eligibility rules."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from planet_lib import network as net
from planet_lib.budget import BudgetLine
from planet_lib.cohort import CohortInfo
from planet_lib.errors import WorkbookError
from planet_lib.network import Network, Partner, partner_table
from planet_lib.schedule import Activity
from planet_lib.workbook.group import Group

RULESET = """\
id: {id}
title: Test programme
programme: Test
version: 2026-01-15
sources:
  - {{id: T1, title: The test call}}
rules:
  min_countries: 3
  min_events: 2
  max_event_days: 5
  grant_max: 1000
priorities:
  - {{id: green-towns, title: Greener towns for all}}
  - {{id: maybe, title: A doubtful priority, uncertain: true}}
"""


@pytest.fixture
def rulesets(tmp_path, monkeypatch) -> Path:
    """A rule-set folder of our own, with one programme: `test-call`."""
    folder = tmp_path / "rulesets"
    folder.mkdir()
    (folder / "test-call.yaml").write_text(RULESET.format(id="test-call"), encoding="utf-8")
    monkeypatch.setenv("PLANET_RULESETS", str(folder))
    return folder


def network(**changes) -> Network:
    partners = [Partner("Lucca", "IT", "lead"), Partner("Kraków", "PL"), Partner("Västerås", "SE")]
    base = Network("t1", "Test", theme="green-towns", programme="test-call", start="2013-03", duration_months=18,
                   partners=partners)
    return dataclasses.replace(base, **changes)


def group(tmp_path: Path, cohort: CohortInfo | None = None, **artefacts) -> Group:
    artefacts.setdefault("network", network())
    return Group(tmp_path, cohort=cohort, **artefacts)


def found(g: Group) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in net.findings(g):
        out.setdefault(f.code, []).append(f)
    return out


def test_a_sound_network_has_no_findings(tmp_path, rulesets):
    assert net.findings(group(tmp_path)) == []


def test_no_network_no_findings(tmp_path, rulesets):
    assert net.findings(Group(tmp_path)) == []


# lead and partners ----------------------------------------------------------------------------
def test_a_network_needs_a_lead(tmp_path, rulesets):
    partners = [dataclasses.replace(p, role="partner") for p in network().partners]
    f = found(group(tmp_path, network=network(partners=partners)))["network.no_lead"][0]
    assert (f.severity, f.file) == ("error", "group.yaml")


def test_a_network_has_only_one_lead(tmp_path, rulesets):
    partners = [dataclasses.replace(p, role="lead") for p in network().partners[:2]] + network().partners[2:]
    f = found(group(tmp_path, network=network(partners=partners)))["network.several_leads"][0]
    assert f.severity == "error" and "Lucca" in f.message and "Kraków" in f.message


def test_a_municipality_listed_twice_is_flagged(tmp_path, rulesets):
    partners = network().partners + [Partner("  kraków ", "PL")]
    f = found(group(tmp_path, network=network(partners=partners)))["network.duplicate_partner"]
    assert [(x.severity, x.item) for x in f] == [("warning", "  kraków ")]


def test_same_name_in_another_country_is_not_a_duplicate(tmp_path, rulesets):
    partners = network().partners + [Partner("Lucca", "PL")]
    assert "network.duplicate_partner" not in found(group(tmp_path, network=network(partners=partners)))


# theme and programme ---------------------------------------------------------------------------
@pytest.mark.parametrize("theme", ["green-towns", "GREEN-TOWNS", "greener towns for all", "  Greener Towns for All "])
def test_the_theme_may_name_a_priority_by_id_or_title(tmp_path, rulesets, theme):
    assert found(group(tmp_path, network=network(theme=theme))) == {}


def test_a_theme_that_is_no_priority_is_flagged_with_the_priorities(tmp_path, rulesets):
    f = found(group(tmp_path, network=network(theme="Cycling")))["network.theme_not_priority"][0]
    assert f.severity == "warning" and "green-towns" in f.hint and "Greener towns for all" in f.hint


def test_a_missing_theme_is_flagged(tmp_path, rulesets):
    assert found(group(tmp_path, network=network(theme=" ")))["network.no_theme"][0].severity == "warning"


def test_an_uncertain_priority_is_noted(tmp_path, rulesets):
    f = found(group(tmp_path, network=network(theme="maybe")))["network.theme_priority_uncertain"][0]
    assert (f.severity, f.item) == ("info", "maybe")


def test_a_rule_set_without_priorities_does_not_judge_the_theme(tmp_path, rulesets):
    text = RULESET.format(id="no-themes").split("priorities:")[0]
    (rulesets / "no-themes.yaml").write_text(text, encoding="utf-8")
    assert found(group(tmp_path, network=network(theme="Anything", programme="no-themes"))) == {}


def test_an_unknown_programme_names_the_available_ones(tmp_path, rulesets):
    f = found(group(tmp_path, network=network(programme="efc-2099")))["network.unknown_programme"][0]
    assert (f.severity, f.item) == ("error", "efc-2099") and "test-call" in f.hint


def test_no_programme_is_a_warning(tmp_path, rulesets):
    f = found(group(tmp_path, network=network(programme="")))["network.no_programme"][0]
    assert f.severity == "warning" and "test-call" in f.hint


def test_the_cohorts_programme_applies_when_the_group_gives_none(tmp_path, rulesets):
    cohort = CohortInfo("Course", programme="test-call")
    partners = network().partners[:2]
    codes = found(group(tmp_path, cohort=cohort, network=network(programme="", partners=partners)))
    assert list(codes) == ["rules.min_countries"]
    cohort = CohortInfo("Course", programme="nope")
    f = found(group(tmp_path, cohort=cohort, network=network(programme="")))["network.unknown_programme"][0]
    assert "cohort.yaml" in f.message


def test_a_malformed_rule_set_stops_the_check_with_a_workbook_error(tmp_path, rulesets):
    (rulesets / "test-call.yaml").write_text(RULESET.format(id="test-call").replace("min_events: 2", "min_events: two"),
                                             encoding="utf-8")
    with pytest.raises(WorkbookError, match="min_events"):
        net.findings(group(tmp_path))


# the programme's rules through the group ----------------------------------------------------
def test_programme_rules_cover_network_events_and_budget(tmp_path, rulesets):
    activities = [Activity("E1", kind="event", days=6), Activity("T1", kind="task", days=30)]
    budget = [BudgetLine("E1", quantity=2, unit_cost=400), BudgetLine("T1", quantity=1, unit_cost=201)]
    g = group(tmp_path, network=network(partners=network().partners[:2]), activities=activities, budget=budget)
    codes = found(g)
    assert set(codes) == {"rules.min_countries", "rules.min_events", "rules.max_event_days", "rules.grant_max"}
    assert codes["rules.min_countries"][0].file == "group.yaml"
    assert (codes["rules.max_event_days"][0].file, codes["rules.max_event_days"][0].item) == ("activities.csv", "E1")
    assert "1,001" in codes["rules.grant_max"][0].message


def test_rules_of_stages_not_reached_are_not_checked(tmp_path, rulesets):
    assert found(group(tmp_path, activities=None, budget=None)) == {}


def test_a_budget_in_another_currency_is_not_compared_with_the_grant(tmp_path, rulesets):
    budget = [BudgetLine("E1", quantity=1, unit_cost=5000)]
    g = group(tmp_path, cohort=CohortInfo("Course", currency="PLN"), budget=budget)
    assert [(f.code, f.item) for f in net.findings(g)] == [("rules.not_checkable", "grant_max")]


def test_the_shipped_rule_set_is_used_for_a_loaded_group(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANET_RULESETS", raising=False)
    folder = tmp_path / "g1"
    folder.mkdir()
    (folder / "group.yaml").write_text(
        "id: g1\nname: Green\ntheme: European Year of Citizens\nprogramme: efc-2007-2013-m1-2\n"
        "start: 2013-03\nduration_months: 24\npartners:\n"
        "  - {municipality: Lucca, country: IT, role: lead}\n  - {municipality: Kraków, country: PL}\n"
        "  - {municipality: Split, country: HR}\n", encoding="utf-8")
    (folder / "activities.csv").write_text(
        "id,title,kind,days,participants,country\nE1,Kick-off,event,3,40,IT\nE2,Seminar,event,22,20,PL\n",
        encoding="utf-8")
    codes = found(Group.load(folder))
    assert set(codes) == {"rules.min_countries", "rules.min_events", "rules.max_event_days"}
    assert codes["rules.max_event_days"][0].item == "E2"


# the partner table ------------------------------------------------------------------------------
def test_partner_table_shows_eu_membership_at_the_start():
    partners = [Partner("Lucca", "IT", "lead"), Partner("Split", "HR"), Partner("Niš", "RS")]
    n = network(start="2013-06", partners=partners)
    table = partner_table(n)
    assert list(table.columns) == ["municipality", "country", "role", "eu_member"]
    assert table["eu_member"].tolist() == [True, False, False]
    assert partner_table(n, on_date="2013-07")["eu_member"].tolist() == [True, True, False]
    assert table["role"].tolist() == ["lead", "partner", "partner"]


def test_partner_table_leaves_membership_empty_without_a_date():
    table = partner_table(network(start=None))
    assert table["eu_member"].isna().all() and len(table) == 3
