"""The sample cohort in data/sample-cohort: the kit's default for `planet check`, the notebooks and the graders.

These tests keep it realistic and consistent with the workbook contract: 35 participants from
35 towns in 5 countries, 5 working groups of 7 whose networks are their members' towns, and a
worked example (g1-green-towns) with every artefact done well.  The last section runs the whole
check pipeline: the worked example must have no error, and every other group must show the
mistakes planted in it (listed in data/sample-cohort/README.md).
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from pathlib import Path

import pytest

from planet_lib import Cohort, Group, check_group
from planet_lib.sample import WORKED_EXAMPLE, sample_cohort, worked_example

COUNTRIES = {"IT", "PL", "ES", "SE", "RO"}
PROGRAMME = "efc-2007-2013-m1-2"
GROUPS = ("g1-green-towns", "g2-generations", "g3-young-voices", "g4-citizens-at-home", "g5-shared-memory")
ARTEFACTS = ("network", "programming", "stakeholders", "problems", "objectives", "strategy", "logframe", "activities",
             "budget", "dissemination")

# Measure 1.2 (2013 deadlines): the worked example must meet these with room to spare.
MAX_EVENT_DAYS, MIN_INVITED, GRANT_MIN, GRANT_MAX = 21, 30, 10_000, 150_000


@pytest.fixture(scope="module")
def cohort() -> Cohort:
    return Cohort.load(sample_cohort())


@pytest.fixture(scope="module")
def g1(cohort) -> Group:
    return cohort.group(WORKED_EXAMPLE)


def members(cohort: Cohort, group_id: str) -> list:
    return [p for p in cohort.participants if p.group == group_id]


# the cohort and its roster ---------------------------------------------------------------------
def test_cohort_settings_name_the_programme_and_four_seminars(cohort):
    info = cohort.info
    assert info.name and info.course_id == "planet-2013"
    assert info.programme == PROGRAMME and info.currency == "EUR"
    assert [s.id for s in info.seminars] == ["01_programming", "02_identification", "03_formulation",
                                             "04_dissemination"]
    dates = [s.date for s in info.seminars]
    assert all(re.fullmatch(r"201[23]-\d\d-\d\d", d) for d in dates) and dates == sorted(dates)
    places = [re.search(r"\(([A-Z]{2})\)$", s.place).group(1) for s in info.seminars]
    assert len(set(places)) == 4 and set(places) <= COUNTRIES


def test_roster_has_35_participants_from_35_towns_7_per_country(cohort):
    people = cohort.participants
    assert len(people) == 35
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", p.participant_id) for p in people)
    assert len({p.participant_id for p in people}) == 35
    assert len({p.municipality for p in people}) == 35
    assert Counter(p.country for p in people) == {c: 7 for c in COUNTRIES}


def test_roster_people_are_fictional_with_the_accents_of_their_countries(cohort):
    people = cohort.participants
    assert all(p.email.endswith("@example.org") for p in people)
    assert len({p.email for p in people}) == 35
    assert all(p.first_name and p.last_name for p in people)
    for country in COUNTRIES:
        names = " ".join(f"{p.first_name} {p.last_name}" for p in people if p.country == country)
        assert not names.isascii(), f"no accented name for {country}"


def test_five_working_groups_of_seven_each_with_a_folder(cohort):
    sizes = Counter(p.group for p in cohort.participants)
    assert sizes == {g: 7 for g in GROUPS}
    assert [g.folder.name for g in cohort.groups] == list(GROUPS)


@pytest.mark.parametrize("group_id", GROUPS)
def test_each_network_is_its_members_towns_with_one_lead(cohort, group_id):
    group = cohort.group(group_id)
    partners = {(p.municipality, p.country) for p in group.network.partners}
    assert partners == {(p.municipality, p.country) for p in members(cohort, group_id)}
    assert len(group.network.partners) == 7
    assert [p.role for p in group.network.partners].count("lead") == 1
    assert group.network.id == group_id and group.programme == PROGRAMME


def test_every_network_spans_four_countries_except_the_planted_one(cohort):
    countries = {g.folder.name: set(g.network.countries) for g in cohort.groups}
    assert countries.pop("g5-shared-memory") == {"PL", "IT", "RO"}
    assert all(len(c) >= 4 for c in countries.values())


def test_groups_stop_at_different_stages(cohort):
    reached = {g.folder.name: [a for a in ARTEFACTS if getattr(g, a) is not None] for g in cohort.groups}
    assert reached == {
        "g1-green-towns": list(ARTEFACTS),
        "g2-generations": list(ARTEFACTS[:6]),
        "g3-young-voices": list(ARTEFACTS[:4]),
        "g4-citizens-at-home": list(ARTEFACTS[:-1]),
        "g5-shared-memory": list(ARTEFACTS[:3]),
    }


def test_files_keep_the_habits_of_real_spreadsheets():
    """The readers must cope with these, so they stay in the sample (see the cohort README)."""
    base = sample_cohort()
    raw = {name: (base / name).read_bytes() for name in (
        "roster.csv", "groups/g2-generations/objectives.csv", "groups/g4-citizens-at-home/budget.csv",
        "groups/g5-shared-memory/stakeholders.csv")}
    for data in raw.values():
        data.decode("utf-8-sig")  # every file is UTF-8
    assert raw["roster.csv"].count(b"\r\n") == 36
    assert b"\r\n" in raw["groups/g2-generations/objectives.csv"]
    budget = raw["groups/g4-citizens-at-home/budget.csv"]
    assert budget.startswith(codecs.BOM_UTF8) and budget[3:].startswith(b"activity;item;category;")
    assert b";72,50\r\n" in budget and b";2.400,00\r\n" in budget
    assert raw["groups/g5-shared-memory/stakeholders.csv"].startswith(b"id;name;")


def test_italian_budget_amounts_are_read_with_decimal_commas(cohort):
    lines = cohort.group("g4-citizens-at-home").budget
    assert {(b.activity, b.unit_cost) for b in lines} >= {("A1.2", 72.5), ("A3.1", 2400.0), ("A3.3", 1.85)}


# the worked example ------------------------------------------------------------------------------
def test_worked_example_is_the_complete_g1_folder(cohort, g1):
    assert worked_example() == Path(sample_cohort()) / "groups" / WORKED_EXAMPLE
    alone = Group.load(worked_example())
    assert all(getattr(alone, a) is not None for a in ARTEFACTS)
    assert g1.network.lead.municipality == "Borgo San Lorenzo"
    assert g1.network.start == "2013-09" and g1.network.duration_months == 20


def test_worked_example_programming_describes_every_town_and_picks_the_best_aligned_theme(g1):
    plan = g1.programming
    towns = {m.municipality for m in plan.municipalities}
    assert towns == {p.municipality for p in g1.network.partners}
    for m in plan.municipalities:
        assert all((m.priorities, m.population, m.main_issue, m.local_partners, m.resources, m.alignment)), m.municipality
        assert m.twinning_links and set(m.twinning_links) <= towns - {m.municipality}
    assert all(len(plan.swot.quadrant(q)) >= 2 for q in ("strengths", "weaknesses", "opportunities", "threats"))
    totals = Counter()
    for m in plan.municipalities:
        totals.update(m.alignment)
    assert plan.theme.priority == g1.network.theme == max(totals, key=totals.get) and plan.theme.why


def test_worked_example_dissemination_reaches_each_audience_inside_the_project(g1):
    activities = {a.id for a in g1.activities}
    audiences = g1.dissemination.audiences
    assert len(audiences) >= 3 and len({a.id for a in audiences}) == len(audiences)
    for audience in audiences:
        assert audience.message and audience.channels, audience.id
        assert audience.reach and all(re.search(r"\d", r.target) and r.source for r in audience.reach)
        for channel in audience.channels:
            assert channel.when, (audience.id, channel.channel)
            for when in channel.when:
                assert when in activities if isinstance(when, str) else 1 <= when <= g1.network.duration_months


def test_worked_example_stakeholders_are_fully_analysed(g1):
    assert 8 <= len(g1.stakeholders) <= 12
    for s in g1.stakeholders:
        assert all((s.characteristics, s.interests, s.capacity, s.motivation, s.actions)), s.id
        assert 1 <= s.importance <= 5 and 1 <= s.influence <= 5
    assert any(s.importance >= 4 and s.influence >= 4 for s in g1.stakeholders)  # box A
    assert any(s.importance >= 4 and s.influence <= 2 for s in g1.stakeholders)  # box B


def test_worked_example_problem_tree_has_one_core_with_causes_and_effects(g1):
    cards = {p.id: p for p in g1.problems}
    assert 12 <= len(cards) <= 18
    cores = [p for p in g1.problems if p.core]
    assert len(cores) == 1
    core = cores[0]
    causes = [p for p in g1.problems if core.id in p.leads_to]
    assert core.leads_to and len(causes) >= 2
    assert all(t in cards for p in g1.problems for t in p.leads_to)
    assert any(len(p.leads_to) > 1 for p in g1.problems if p is not core)  # a card with two effects
    for p in g1.problems:
        assert not re.match(r"(lack of|no|insufficient)\b", p.statement, re.I), p.statement


def test_worked_example_objectives_follow_the_problem_tree(g1):
    problems = {p.id: p for p in g1.problems}
    objectives = {o.id: o for o in g1.objectives}
    rewords = {o.from_problem: o.id for o in g1.objectives if o.from_problem}
    assert any(o.intermediate and not o.from_problem for o in g1.objectives)
    for o in g1.objectives:
        assert o.intermediate or o.from_problem in problems, o.id
        if o.from_problem:
            assert o.statement != problems[o.from_problem].statement, o.id
        for end in o.leads_to:
            assert end in objectives
            if o.from_problem and objectives[end].from_problem:
                assert objectives[end].from_problem in problems[o.from_problem].leads_to, (o.id, end)
    for p in g1.problems:
        for effect in p.leads_to:
            if p.id in rewords and effect in rewords:
                assert rewords[effect] in objectives[rewords[p.id]].leads_to, (p.id, effect)


def test_worked_example_strategy_selects_the_best_weighted_option(g1):
    strategy = g1.strategy
    weights = {c.id: c.weight for c in strategy.criteria}
    assert len(weights) == 3 and 2 <= len(strategy.options) <= 3

    def total(option):
        assert set(option.scores) == set(weights) and all(1 <= s <= 5 for s in option.scores.values())
        return sum(weights[c] * s for c, s in option.scores.items())

    best = max(strategy.options, key=total)
    assert strategy.selected == best.id and strategy.justification
    clusters = {o.id: o.cluster for o in g1.objectives}
    for option in strategy.options:
        assert all(clusters[oid] == option.id for oid in option.objectives)


def test_worked_example_logframe_has_complete_indicators(g1):
    frame = g1.logframe
    assert frame.template == "ec-2004"
    assert len(frame.overall_objectives) == 1 and len(frame.specific_objectives) == 1
    assert 3 <= len(frame.results) <= 4 and len(frame.preconditions) == 2
    statements = frame.overall_objectives + frame.specific_objectives + frame.results
    for s in statements:
        assert s.indicators, s.id
        for i in s.indicators:
            assert all((i.text, i.unit, i.baseline, i.target, i.source)), (s.id, i.text)
            assert re.fullmatch(r"20\d\d-\d\d", i.by) and "project report" not in i.source.lower()
    for s in frame.specific_objectives + frame.results:
        assert s.assumptions and not any("partner" in a.text.lower() for a in s.assumptions)


def test_worked_example_schedule_meets_the_programme_rules(g1):
    acts = g1.activities
    results = {r.id for r in g1.logframe.results}
    assert 10 <= len(acts) <= 16
    for a in acts:
        assert re.fullmatch(r"A\d+\.\d+", a.id) and a.result in results
        assert 1 <= a.start_month <= a.end_month <= g1.network.duration_months
    events = [a for a in acts if a.kind == "event"]
    assert len(events) >= 4 and len({e.country for e in events}) == len(events)
    assert all(e.days <= MAX_EVENT_DAYS and e.participants >= MIN_INVITED for e in events)
    milestones = [a for a in acts if a.kind == "milestone"]
    assert 2 <= len(milestones) <= 3 and all(m.start_month == m.end_month for m in milestones)


def test_worked_example_budget_costs_every_event_and_task(g1):
    costed = {b.activity for b in g1.budget}
    ids = {a.id for a in g1.activities}
    assert costed == {a.id for a in g1.activities if a.kind != "milestone"}
    assert costed <= ids
    assert all(b.category and b.quantity and b.unit_cost for b in g1.budget)
    total = sum(b.amount for b in g1.budget)
    assert GRANT_MIN <= total <= GRANT_MAX
    assert total == pytest.approx(99_150)


# the whole check pipeline ------------------------------------------------------------------------
# These tests run every check of the kit (planet_lib.check_group) on the sample, so they change
# when a check changes. The expected findings are the mistakes planted in each group; keep this
# table and data/sample-cohort/README.md in step.
PLANTED = {
    "g2-generations": {
        ("objectives.mirrored", None), ("objectives.negative_wording", "O2"),
        ("objectives.link_not_in_problems", "O10"), ("strategy.selection_not_best", "opt-3"),
        ("strategy.unknown_objective", "opt-1"),
    },
    "g3-young-voices": {
        ("problems.no_core", None), ("problems.lack_of", "P4"), ("problems.lack_of", "P5"),
        ("problems.two_problems", "P2"), ("problems.orphan", "P12"),
    },
    "g4-citizens-at-home": {
        ("logframe.result_is_activity", "R1"), ("logframe.indicator_not_qqt", "SO1 indicator 1"),
        ("logframe.indicator_not_qqt", "R1 indicator 1"), ("logframe.vague_source", "SO1 indicator 1"),
        ("logframe.vague_source", "R1 indicator 1"), ("logframe.assumption_own_action", "SO1 assumption 1"),
        ("logframe.assumption_generic", "SO1 assumption 2"), ("rules.max_event_days", "A1.3"),
        ("budget.no_cost_lines", "A2.3"), ("schedule.outside_project", "A3.3"),
    },
    "g5-shared-memory": {
        ("rules.min_countries", None), ("stakeholders.missing_field", "S4"),
        ("stakeholders.missing_field", "S6"), ("stakeholders.box_b_without_action", "S3"),
        ("stakeholders.not_placed", "S7"), ("programming.missing_municipality", "Caracal"),
        ("programming.swot_internal_as_external", "threats 1"), ("programming.swot_thin", "opportunities"),
    },
}


def test_pipeline_worked_example_has_no_error(g1):
    errors = [str(f) for f in check_group(g1) if f.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("group_id", sorted(PLANTED))
def test_pipeline_finds_the_mistakes_planted_in_each_group(cohort, group_id):
    findings = check_group(cohort.group(group_id))
    assert any(f.severity == "error" for f in findings)
    assert PLANTED[group_id] <= {(f.code, f.item) for f in findings}
