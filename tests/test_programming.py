"""Indicative programming (programming.yaml): reading and writing, tables, theme, figures and checks."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from planet_lib import programming as prog
from planet_lib.errors import ProblemList, WorkbookError
from planet_lib.findings import codes
from planet_lib.network import Network, Partner
from planet_lib.programming import MunicipalityProfile, Programming, Swot, ThemeChoice
from planet_lib.rules import load_ruleset
from planet_lib.workbook.group import Group
from planet_lib.workbook.yamlfile import parse

RULESET = """\
id: test-call
title: Test programme
programme: Test
version: 2026-01-15
sources:
  - {id: T1, title: The test call}
  - {id: T2, title: A second source}
rules:
  min_countries: 3
  max_duration_months: 24
  grant_max: 150000
priorities:
  - {id: green-towns, title: Greener towns for all, kind: permanent, sources: [T1]}
  - {id: young-voices, title: Young people in local democracy, kind: annual, year: 2013}
  - {id: memory, title: Remembrance, uncertain: true}
notes:
  - {text: The grant ceiling may differ per call., uncertain: true, rule: grant_max, sources: [T2]}
"""

GROUP_YAML = """\
id: t1
name: Test network
theme: green-towns
programme: test-call
start: 2013-03
duration_months: 18
partners:
  - {municipality: Lucca, country: IT, role: lead}
  - {municipality: Kraków, country: PL}
  - {municipality: Ystad, country: SE}
"""

PROGRAMMING_YAML = """\
# our programming
municipalities:
  - municipality: Lucca
    country: IT
    population: 89 000
    main_issue: Traffic in the walled centre
    priorities: [Cleaner air, Residents decide on parks]
    twinning_links: [Kraków]
    local_partners: Legambiente; Pro Loco
    resources: Two officers
    alignment: {green-towns: 2, young-voices: 1}
  - municipality: Kraków
    country: PL
    population: 760000
    main_issue: Smog in winter
    priorities: [Clean heating]
    twinning_links: [Lucca, Ystad]
    local_partners: [Polish Ecological Club]
    resources: A climate office
    alignment: {green-towns: 2}
  - municipality: Ystad
    country: SE
    population: "18,400"
    main_issue: Coastal erosion
    priorities: [Climate plan with residents]
    twinning_links: [Kraków]
    local_partners: [Sailing club]
    resources: A climate strategist
    alignment: {Greener towns for all: 1, memory: 1}
swot:
  strengths: [Committees in every town, Environment offices asked for training]
  weaknesses: [Few officers speak a second language, Meetings attract mainly retired people]
  opportunities: [The European Year of Citizens draws attention, Regional agencies fund local schemes]
  threats: [Local elections may change councils, Low trust in public institutions]
theme:
  priority: green-towns
  why: Every town scores it highest.
"""


@pytest.fixture
def ruleset(tmp_path, monkeypatch):
    """A rule-set folder of our own with one programme, `test-call`."""
    folder = tmp_path / "rulesets"
    folder.mkdir()
    (folder / "test-call.yaml").write_text(RULESET, encoding="utf-8")
    monkeypatch.setenv("PLANET_RULESETS", str(folder))
    return load_ruleset("test-call")


@pytest.fixture
def folder(tmp_path, ruleset) -> Path:
    group = tmp_path / "t1"
    group.mkdir()
    (group / "group.yaml").write_text(GROUP_YAML, encoding="utf-8")
    (group / "programming.yaml").write_text(PROGRAMMING_YAML, encoding="utf-8")
    return group


def network() -> Network:
    return Network("t1", "Test", theme="green-towns", programme="test-call", start="2013-03", duration_months=18,
                   partners=[Partner("Lucca", "IT", "lead"), Partner("Kraków", "PL"), Partner("Ystad", "SE")])


def town(name: str = "Lucca", **changes) -> MunicipalityProfile:
    base = MunicipalityProfile(name, "IT", ["Cleaner air"], 89000, "Traffic", ["Kraków"], ["Legambiente"],
                               "Two officers", {"green-towns": 2})
    return dataclasses.replace(base, **changes)


def sound_swot(**changes) -> Swot:
    base = Swot(["Committees in every town", "Environment offices asked for training"],
                ["Few officers speak a second language", "Meetings attract mainly retired people"],
                ["The European Year of Citizens draws attention", "Regional agencies fund local schemes"],
                ["Local elections may change councils", "Low trust in public institutions"])
    return dataclasses.replace(base, **changes)


def sound(**changes) -> Programming:
    base = Programming([town("Lucca"), town("Kraków", country="PL"), town("Ystad", country="SE")], sound_swot(),
                       ThemeChoice("green-towns", "Every town scores it highest."))
    return dataclasses.replace(base, **changes)


def found(p: Programming, net=None, rs=None) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in prog.check_programming(p, net, rs):
        out.setdefault(f.code, []).append(f)
    return out


def read(text: str) -> tuple[Programming, ProblemList]:
    problems = ProblemList("programming.yaml")
    return prog.from_data(parse(text, "programming.yaml"), problems), problems


# reading and writing ----------------------------------------------------------------------------
def test_the_file_is_read_into_towns_swot_and_theme(folder):
    p = Group.load(folder).programming
    lucca, krakow, ystad = p.municipalities
    assert (lucca.municipality, lucca.country, lucca.population) == ("Lucca", "IT", 89000)
    assert lucca.local_partners == ["Legambiente", "Pro Loco"]  # one line separated by ';'
    assert krakow.twinning_links == ["Lucca", "Ystad"] and ystad.population == 18400
    assert lucca.alignment == {"green-towns": 2, "young-voices": 1}
    assert p.swot.threats == ["Local elections may change councils", "Low trust in public institutions"]
    assert (p.theme.priority, p.theme.why) == ("green-towns", "Every town scores it highest.")


def test_a_theme_on_one_line_is_read_as_the_priority():
    p, problems = read("theme: green-towns\n")
    assert not problems and p.theme == ThemeChoice("green-towns", "")


@pytest.mark.parametrize("raw, expected", [("18000", 18000), ("18 000", 18000), ("18.000", 18000),
                                           ("18,000", 18000), ("18'000", 18000), ("1234567", 1234567)])
def test_population_is_read_as_people_write_it(raw, expected):
    assert prog.population(raw) == expected


@pytest.mark.parametrize("raw", ["18.5", "about 18000", "1,5", "0"])
def test_population_that_is_no_whole_number_is_refused(raw):
    with pytest.raises(ValueError):
        prog.population(raw)


def test_unusable_values_are_reported_with_file_key_value_and_expectation(folder):
    text = PROGRAMMING_YAML.replace("{green-towns: 2}", "{green-towns: 3}").replace("89 000", "lots")
    (folder / "programming.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        Group.load(folder)
    problems = {(p.file, p.field, p.seen): p.expected for p in caught.value.problems}
    assert "0 to 2" in problems[("programming.yaml", "municipalities[2].alignment.green-towns", "3")]
    assert "inhabitants" in problems[("programming.yaml", "municipalities[1].population", "lots")]


@pytest.mark.parametrize("text, field", [
    ("municipalities: Lucca\n", "municipalities"),
    ("municipalities:\n  - municipality: Lucca\n    alignment: [green-towns]\n", "municipalities[1].alignment"),
    ("swot: [a, b]\n", "swot"),
    ("swot:\n  strengths:\n    - {a: 1}\n", "swot.strengths[1]"),
    ("municipalities:\n  - country: IT\n", "municipalities[1].municipality"),
])
def test_wrong_shapes_are_problems_not_crashes(text, field):
    _p, problems = read(text)
    assert [p.field for p in problems.items] == [field]


def test_an_empty_file_is_an_empty_programming():
    p, problems = read("")
    assert not problems and p == Programming()


def test_saving_round_trips_and_keeps_the_comment(folder):
    group = Group.load(folder)
    group.programming.swot.threats.append("Budget cuts")
    group.programming.put(town("Ystad", country="SE", population=18500))
    group.save("programming")
    text = (folder / "programming.yaml").read_text(encoding="utf-8")
    assert text.startswith("# our programming")
    again = Group.load(folder).programming
    assert again == group.programming
    assert again.municipality(" ystad ").population == 18500 and len(again.municipalities) == 3


def test_to_data_and_from_data_agree():
    p = sound()
    assert prog.from_data(prog.to_data(p), ProblemList("x")) == p


def test_values_the_file_cannot_hold_are_found_before_saving():
    p = sound(municipalities=[town(alignment={"green-towns": 3}, population="about 18000")])
    assert [x.field for x in prog.unreadable(p)] == ["municipalities[1].population",
                                                     "municipalities[1].alignment.green-towns"]
    assert prog.unreadable(sound()) == []


# tables and the theme ----------------------------------------------------------------------------
def test_alignment_matrix_has_every_priority_and_counts_missing_as_zero(folder, ruleset):
    frame = prog.alignment_matrix(Group.load(folder).programming, ruleset)
    assert list(frame.columns) == ["green-towns", "young-voices", "memory"]
    assert frame.loc["Lucca"].tolist() == [2, 1, 0]
    assert frame.loc["Ystad"].tolist() == [1, 0, 1]  # scored by title, too
    assert frame.sum().tolist() == [5, 1, 1]


def test_unknown_keys_are_left_out_of_the_matrix(ruleset):
    p = sound(municipalities=[town(alignment={"cycling": 2, "memory": 1})])
    assert prog.alignment_matrix(p, ruleset).loc["Lucca"].tolist() == [0, 0, 1]


def test_suggest_theme_takes_the_highest_total(ruleset):
    p = sound(municipalities=[town("A", alignment={"young-voices": 2, "green-towns": 1}),
                              town("B", alignment={"young-voices": 1, "memory": 2})])
    assert prog.suggest_theme(p, ruleset).id == "young-voices"


def test_suggest_theme_breaks_ties_in_rule_set_order_and_needs_scores(ruleset):
    tie = sound(municipalities=[town("A", alignment={"memory": 2}), town("B", alignment={"green-towns": 2})])
    assert prog.suggest_theme(tie, ruleset).id == "green-towns"
    assert prog.suggest_theme(sound(municipalities=[town(alignment={})]), ruleset) is None


def test_context_table_has_one_row_per_town(folder):
    table = prog.context_table(Group.load(folder).programming)
    assert list(table.index) == ["Lucca", "Kraków", "Ystad"]
    assert table.loc["Kraków", "twinning links"] == "Lucca, Ystad" and table.loc["Ystad", "population"] == 18400


def test_programme_tables_come_from_the_rule_set(ruleset):
    rules = prog.rules_table(ruleset).set_index("rule")
    assert list(rules.index) == ["min_countries", "max_duration_months", "grant_max"]
    assert rules.loc["min_countries", "limit"] == "at least 3"
    assert rules.loc["grant_max", "limit"] == "at most EUR 150,000"
    assert rules.loc["grant_max", "settled?"].startswith("uncertain: The grant ceiling")
    assert rules.loc["grant_max", "sources"] == "T2" and rules.loc["min_countries", "settled?"] == "yes"
    priorities = prog.priorities_table(ruleset).set_index("id")
    assert priorities.loc["memory", "settled?"] == "uncertain" and priorities.loc["green-towns", "sources"] == "T1"
    assert prog.sources_table(ruleset)["id"].tolist() == ["T1", "T2"]


# checks: towns -------------------------------------------------------------------------------------
def test_a_sound_programming_has_no_findings(ruleset):
    assert prog.check_programming(sound(), network(), ruleset) == []


def test_the_sample_file_has_no_findings(folder, ruleset):
    group = Group.load(folder)
    assert prog.findings(group) == []


def test_no_programming_no_findings(tmp_path):
    assert prog.findings(Group(tmp_path)) == []


def test_no_towns_at_all_is_one_finding(ruleset):
    assert set(found(sound(municipalities=[]), network(), ruleset)) == {"programming.no_municipalities"}


def test_every_partner_needs_a_profile(ruleset):
    p = sound(municipalities=[town("Lucca"), town(" kraków ", country="PL")])
    f = found(p, network(), ruleset)["programming.missing_municipality"]
    assert [(x.severity, x.item) for x in f] == [("warning", "Ystad")]


def test_a_town_that_is_no_partner_is_flagged_with_the_partners(ruleset):
    p = sound(municipalities=sound().municipalities + [town("Lucka")])
    f = found(p, network(), ruleset)["programming.unknown_municipality"][0]
    assert f.item == "Lucka" and "Lucca, Kraków, Ystad" in f.hint


def test_a_town_described_twice_is_flagged(ruleset):
    p = sound(municipalities=sound().municipalities + [town("LUCCA")])
    assert [f.item for f in found(p, network(), ruleset)["programming.duplicate_municipality"]] == ["LUCCA"]


def test_a_town_needs_local_priorities():
    f = found(sound(municipalities=[town(priorities=[])]))["programming.no_priorities"][0]
    assert (f.severity, f.item) == ("warning", "Lucca")


def test_missing_context_names_each_missing_part():
    f = found(sound(municipalities=[town(population=None, resources="", twinning_links=[])]))
    message = f["programming.missing_context"][0].message
    assert "population" in message and "twinning links" in message and "resources" in message
    assert "main local issue" not in message


def test_a_town_without_a_name_is_flagged_once(ruleset):
    f = found(sound(municipalities=sound().municipalities + [town(" ")]), network(), ruleset)
    assert [x.item for x in f["programming.unnamed_municipality"]] == [None]
    assert "programming.unknown_municipality" not in f and "programming.missing_context" not in f


def test_blank_entries_left_from_a_template_do_not_count():
    p = sound(municipalities=[town(priorities=["", " "], local_partners=[""], main_issue="  ")],
              swot=sound_swot(threats=["Elections", ""]))
    f = found(p)
    assert {"programming.no_priorities", "programming.missing_context", "programming.swot_thin"} <= set(f)
    assert "local partners" in f["programming.missing_context"][0].message
    assert "programming.swot_repeated" not in found(sound(swot=sound_swot(threats=["", "", "A", "B"])))


def test_swot_and_theme_can_be_checked_alone(ruleset):
    assert [f.code for f in prog.check_swot(sound_swot(threats=[]))] == ["programming.swot_thin"]
    assert [f.code for f in prog.check_theme(sound(theme=ThemeChoice("cycling", "x")), network(), ruleset)] == [
        "programming.unknown_theme"]
    assert prog.check_theme(sound(), network(), ruleset) == []


# checks: alignment -----------------------------------------------------------------------------------
def test_a_town_without_scores_is_flagged():
    assert [f.item for f in found(sound(municipalities=[town(alignment={})]))["programming.not_aligned"]] == ["Lucca"]


@pytest.mark.parametrize("score", [3, -1, 1.5])
def test_a_score_outside_0_to_2_set_in_code_is_an_error(score):
    f = found(sound(municipalities=[town(alignment={"green-towns": score})]))["programming.bad_score"][0]
    assert f.severity == "error"


def test_a_score_for_something_that_is_no_priority_is_flagged(ruleset):
    p = sound(municipalities=[town(alignment={"green-towns": 2, "cycling": 1})])
    f = found(p, None, ruleset)["programming.unknown_priority"][0]
    assert "'cycling'" in f.message and "green-towns, young-voices, memory" in f.hint
    assert "programming.unknown_priority" not in found(p)  # without the rule set nothing to compare


# checks: SWOT --------------------------------------------------------------------------------------
def test_each_quadrant_needs_two_entries():
    f = found(sound(swot=sound_swot(threats=["Elections"], opportunities=[])))["programming.swot_thin"]
    assert [(x.item, x.severity) for x in f] == [("opportunities", "warning"), ("threats", "warning")]


def test_an_entry_written_twice_is_flagged():
    swot = sound_swot(threats=["Local elections may change councils", "committees in every town."])
    assert [f.item for f in found(sound(swot=swot))["programming.swot_repeated"]] == ["threats 2"]


@pytest.mark.parametrize("entry", ["We have motivated youth workers", "Our staff know three languages",
                                   "Our small towns are close to each other", "our own meeting rooms"])
def test_an_opportunity_about_the_network_itself_is_probably_internal(entry):
    swot = sound_swot(opportunities=[entry, "Regional agencies fund local schemes"])
    f = found(sound(swot=swot))["programming.swot_internal_as_external"][0]
    assert (f.item, f.severity) == ("opportunities 1", "warning")


@pytest.mark.parametrize("entry", ["EU funding for youth exchanges is easy to get", "The new national law on waste",
                                   "The programme favours small towns", "The economic crisis hits firms"])
def test_a_strength_or_weakness_about_outside_forces_is_probably_external(entry):
    swot = sound_swot(weaknesses=["Few officers speak a second language", entry])
    f = found(sound(swot=swot))["programming.swot_external_as_internal"][0]
    assert (f.item, f.severity) == ("weaknesses 2", "warning")


@pytest.mark.parametrize("quadrant, entry", [
    ("weaknesses", "Our staff have little experience of EU grants"),  # both kinds of words: left alone
    ("opportunities", "EU funding lets our towns hire young staff"),
    ("threats", "Budget cuts by national governments"),  # external, where it belongs
    ("strengths", "We know each other well"),  # internal, where it belongs
    ("opportunities", "Nuestros técnicos hablan inglés"),  # not English: never flagged
    ("opportunities", "Tourists will help us"),  # 'us' alone is not a sign
])
def test_entries_on_their_right_side_or_mixed_are_not_flagged(quadrant, entry):
    swot = sound_swot(**{quadrant: [entry, "Something else entirely"]})
    assert not {"programming.swot_internal_as_external", "programming.swot_external_as_internal"} & set(
        found(sound(swot=swot)))


# checks: theme -----------------------------------------------------------------------------------------
def test_a_theme_must_be_chosen():
    assert found(sound(theme=ThemeChoice()))["programming.no_theme"][0].severity == "warning"


def test_a_theme_that_is_no_priority_is_an_error_listing_the_priorities(ruleset):
    f = found(sound(theme=ThemeChoice("youth participation", "Why not")), None, ruleset)
    error = f["programming.unknown_theme"][0]
    assert error.severity == "error" and "young-voices (Young people in local democracy)" in error.hint


def test_a_theme_may_be_named_by_title(ruleset):
    assert found(sound(theme=ThemeChoice("greener towns for all", "Best fit")), network(), ruleset) == {}


def test_a_theme_needs_a_reason(ruleset):
    assert "programming.no_theme_reason" in found(sound(theme=ThemeChoice("green-towns", " ")), None, ruleset)


def test_a_theme_that_differs_from_group_yaml_is_flagged(ruleset):
    other = dataclasses.replace(network(), theme="Young people in local democracy")
    f = found(sound(), other, ruleset)["programming.theme_differs"][0]
    assert "green-towns" in f.message and "young-voices" in f.message


def test_theme_agreement_without_rule_set_compares_the_words():
    assert "programming.theme_differs" in found(sound(), dataclasses.replace(network(), theme="Memory"))
    assert "programming.theme_differs" not in found(sound(), dataclasses.replace(network(), theme=" Green-Towns"))


def test_a_theme_less_aligned_than_another_is_noted(ruleset):
    p = sound(theme=ThemeChoice("memory", "Our history matters"))
    f = found(p, None, ruleset)["programming.theme_not_best_aligned"][0]
    assert f.severity == "info" and "6 for green-towns" in f.message


def test_findings_of_a_group_use_its_network_and_programme(folder, ruleset):
    (folder / "programming.yaml").write_text(PROGRAMMING_YAML.replace("priority: green-towns", "priority: cycling"),
                                             encoding="utf-8")
    assert "programming.unknown_theme" in codes(prog.findings(Group.load(folder)))


# figures --------------------------------------------------------------------------------------------
def _extent(fig, artist):
    return artist.get_window_extent(fig.canvas.get_renderer())


def _by_gid(fig) -> dict:
    ax = fig.axes[0]
    return {a.get_gid(): a for a in [*ax.texts, *ax.patches] if a.get_gid()}


def _inside(inner, outer, slack=1.0) -> bool:
    return (inner.x0 >= outer.x0 - slack and inner.x1 <= outer.x1 + slack
            and inner.y0 >= outer.y0 - slack and inner.y1 <= outer.y1 + slack)


def _figure_box(fig):
    from matplotlib.transforms import Bbox

    return Bbox.from_bounds(0, 0, fig.get_figwidth() * fig.dpi, fig.get_figheight() * fig.dpi)


LONG = ("The twinning committees of all seven towns have hosted visits for twenty years and know the families "
        "who put up guests, which keeps the cost of every seminar low")


@pytest.mark.parametrize("large_text", [False, True])
def test_swot_texts_stay_inside_their_quadrants(large_text):
    swot = sound_swot(strengths=[LONG, LONG, "Short"], threats=[])
    fig = prog.swot_figure(sound(swot=swot), large_text=large_text)
    parts = _by_gid(fig)
    boxes = [_extent(fig, parts[f"swot-box-{q}"]) for q in prog.SWOT_QUADRANTS]
    for q, box in zip(prog.SWOT_QUADRANTS, boxes):
        for kind in ("title", "text"):
            assert _inside(_extent(fig, parts[f"swot-{kind}-{q}"]), box), (q, kind)
    texts = [_extent(fig, t) for t in fig.axes[0].texts if t.get_text()]
    assert not any(a.overlaps(b) for i, a in enumerate(texts) for b in texts[i + 1:])
    assert all(_inside(t, _figure_box(fig)) for t in texts)
    assert "Short" in parts["swot-text-strengths"].get_text()
    assert parts["swot-text-threats"].get_text() == "(nothing yet)"


def test_swot_rows_grow_with_their_text():
    short = prog.swot_figure(sound())
    long = prog.swot_figure(sound(swot=sound_swot(weaknesses=[LONG] * 4)))
    assert long.get_figheight() > short.get_figheight() + 1


def test_alignment_figure_shows_every_score_totals_and_frames_the_suggestion(ruleset):
    p = sound(municipalities=[town("A", alignment={"young-voices": 2}), town("B", alignment={"young-voices": 1}),
                              town("C", alignment={"green-towns": 2})])
    fig = prog.alignment_figure(p, ruleset)
    parts = _by_gid(fig)
    scores = {k: v.get_text() for k, v in parts.items() if k.startswith("score-")}
    assert len(scores) == 3 * 3 and scores["score-0-1"] == "2" and scores["score-2-0"] == "2"
    assert [parts[f"total-{c}"].get_text() for c in range(3)] == ["2", "3", "0"]
    frame, column = _extent(fig, parts["suggested"]), _extent(fig, parts["cell-0-1"])
    assert frame.x0 == pytest.approx(column.x0, abs=1) and frame.x1 == pytest.approx(column.x1, abs=1)
    labels = [_extent(fig, parts[f"col-{c}"]) for c in range(3)] + [_extent(fig, parts[f"row-{r}"]) for r in range(3)]
    assert not any(a.overlaps(b) for i, a in enumerate(labels) for b in labels[i + 1:])
    assert all(_inside(t, _figure_box(fig)) for t in labels)


def test_alignment_figure_without_scores_frames_nothing(ruleset):
    fig = prog.alignment_figure(sound(municipalities=[town(alignment={})]), ruleset)
    assert "suggested" not in _by_gid(fig)
    fig = prog.alignment_figure(Programming(), ruleset)
    assert [t.get_text() for t in fig.axes[0].texts] == ["No town has alignment scores yet."]


def test_cycle_figure_shows_five_phases_in_boxes_without_overlap():
    fig = prog.cycle_figure("Identification")
    parts = _by_gid(fig)
    names = [parts[f"phase-{n}"] for n in range(5)]
    assert [t.get_text() for t in names] == list(prog.PCM_PHASES)
    boxes = [_extent(fig, parts[f"phase-box-{n}"]) for n in range(5)]
    for name, box in zip(names, boxes):
        assert _inside(_extent(fig, name), box)
    stages = [_extent(fig, parts[f"stage-{n}"]) for n in range(5)]
    things = boxes + stages + [_extent(fig, parts["cycle-title"])]
    assert not any(a.overlaps(b) for i, a in enumerate(things) for b in things[i + 1:])
    assert all(_inside(t, _figure_box(fig)) for t in things)
    colours = [parts[f"phase-box-{n}"].get_facecolor() for n in range(5)]
    assert colours[1] != colours[0] and len({tuple(c) for c in colours}) == 2  # only the current one stands out
    assert parts["stage-0"].get_text() == "Seminar 1"
