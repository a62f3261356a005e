"""Saving a YAML file changes only the lines a change needs, and comments stay with their entry.

A person's file is never rewritten, reordered or renamed beyond the change: a timing written
`2; 9` stays on one line, `audience:` is not renamed `name:`, a blank `reach:` or `population:`
stays, and the entries of a list are matched by what names them (a partner by its town), so
removing one removes its lines and its comments, and the others keep theirs and their order.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_yaml_defaults_kept_out import write_group as write_files

from planet_lib import Group
from planet_lib import logframe as lf
from planet_lib.dissemination import ChannelUse, Reach
from planet_lib.network import Partner
from planet_lib.programming import MunicipalityProfile

GROUP_YAML = """\
# The network of the test group
id: t1
name: Test network
start: 2013-09
duration_months: 24
partners:
  # Lucca started the network
  - municipality: Lucca   # the coordinator
    country: IT
    role: lead
  - {municipality: Kraków, country: PL}   # joined in 2012

  # Västerås joined last
  - municipality: Västerås
    country: SE
# the programme is chosen at seminar 1
programme: efc-2007-2013
"""


def write_group(folder: Path, files: dict[str, str]) -> Path:
    return write_files(folder, {"group.yaml": GROUP_YAML, **files})


def saved_after(folder: Path, attr: str, change) -> str:
    """The text of the artefact's file after `change(model)` and a save; the file must still read."""
    group = Group.load(folder)
    change(getattr(group, attr))
    group.save(attr)
    expected = getattr(group, attr)
    assert getattr(Group.load(folder), attr) == expected
    file = {"network": "group.yaml"}.get(attr, f"{attr}.yaml")
    return (folder / file).read_text(encoding="utf-8")


# dissemination.yaml -------------------------------------------------------------------------
DISSEMINATION_YAML = """\
audiences:
  # the people living in the towns
  - id: residents
    audience: Residents of the towns
    message: Come
    channels:
      - {name: Posters, timing: "2; 9"}   # printed by each town
      - channel: Local newspapers
        when: 2; 9
      - channel: Town websites
        when: A2.2
    reach:
  - id: councillors
    message: Vote
    channels:
      - Council meetings
    reach: {indicator: Councillors at the seminar, target: 20}
"""


def test_timings_on_one_line_other_key_names_and_a_blank_reach_are_kept(tmp_path):
    folder = write_group(tmp_path, {"dissemination.yaml": DISSEMINATION_YAML})
    text = saved_after(folder, "dissemination", lambda p: setattr(p.audiences[0], "message", "Come along"))
    assert text == DISSEMINATION_YAML.replace("message: Come\n", "message: Come along\n")


def test_a_renamed_audience_keeps_the_key_name_the_person_wrote_in_its_place(tmp_path):
    folder = write_group(tmp_path, {"dissemination.yaml": DISSEMINATION_YAML})
    text = saved_after(folder, "dissemination", lambda p: setattr(p.audiences[0], "name", "Residents"))
    assert text == DISSEMINATION_YAML.replace("audience: Residents of the towns", "audience: Residents")


def test_a_changed_timing_stays_on_one_line_under_its_key_name(tmp_path):
    folder = write_group(tmp_path, {"dissemination.yaml": DISSEMINATION_YAML})

    def change(plan):
        plan.audiences[0].channels[0].when = (2, 9, 19)
        plan.audiences[0].channels[1].when = (3,)

    text = saved_after(folder, "dissemination", change)
    assert '  - {name: Posters, timing: "2; 9; 19"} # printed by each town\n' in text
    assert "      - channel: Local newspapers\n        when: 3\n" in text
    assert "when: A2.2\n" in text and "name:" not in text.replace("{name:", "")


def test_a_renamed_channel_keeps_its_place_comment_and_timing_as_written(tmp_path):
    folder = write_group(tmp_path, {"dissemination.yaml": DISSEMINATION_YAML})
    text = saved_after(folder, "dissemination",
                       lambda p: setattr(p.audiences[0].channels[0], "channel", "Posters in each town"))
    assert text == DISSEMINATION_YAML.replace('{name: Posters, timing: "2; 9"}   #',
                                              '{name: Posters in each town, timing: "2; 9"} #')


def test_a_new_channel_is_named_like_its_neighbours(tmp_path):
    text = "audiences:\n  - id: residents\n    channels:\n      - {name: Posters, timing: 2}\n"
    folder = write_group(tmp_path, {"dissemination.yaml": text})
    saved = saved_after(folder, "dissemination",
                        lambda p: p.audiences[0].channels.append(ChannelUse("Radio", (5,))))
    assert saved.startswith(text + "      - name: Radio\n        timing:\n")


def test_a_reach_filled_in_goes_under_the_blank_reach_key(tmp_path):
    folder = write_group(tmp_path, {"dissemination.yaml": DISSEMINATION_YAML})
    text = saved_after(folder, "dissemination", lambda p: setattr(
        p.audiences[0], "reach", [Reach("Residents at the meetings", "700", "residents")]))
    assert ("        when: A2.2\n    reach:\n      indicator: Residents at the meetings\n"
            "      target: '700'\n      unit: residents\n  - id: councillors\n") in text


def test_removing_an_audience_takes_its_comment_and_leaves_the_others_as_they_were(tmp_path):
    folder = write_group(tmp_path, {"dissemination.yaml": DISSEMINATION_YAML})
    text = saved_after(folder, "dissemination", lambda p: p.audiences.pop(0))
    assert text == "audiences:\n" + DISSEMINATION_YAML.split("    reach:\n", 1)[1]


# programming.yaml -------------------------------------------------------------------------------
PROGRAMMING_YAML = """\
municipalities:
  - municipality: Lucca   # the lead town
    country: IT
    population: 18 000
    priorities: Traffic; Schools
    resources:
  # Kraków's figures are from its 2012 census
  - municipality: Kraków
    country: PL
    population:
    main_issue: Housing
swot:
  strengths: [Old town]
theme:
  id: active-citizenship
  why: All towns score it 2
"""


def test_theme_id_blank_lines_and_values_written_the_persons_way_are_kept(tmp_path):
    folder = write_group(tmp_path, {"programming.yaml": PROGRAMMING_YAML})
    text = saved_after(folder, "programming", lambda p: setattr(p.theme, "why", "Every town scores it 2"))
    assert text == PROGRAMMING_YAML.replace("All towns score it 2", "Every town scores it 2")


def test_a_changed_theme_stays_under_id(tmp_path):
    folder = write_group(tmp_path, {"programming.yaml": PROGRAMMING_YAML})
    text = saved_after(folder, "programming", lambda p: setattr(p.theme, "priority", "democratic-engagement"))
    assert text == PROGRAMMING_YAML.replace("id: active-citizenship", "id: democratic-engagement")


def test_a_priority_added_to_a_list_on_one_line_stays_on_that_line(tmp_path):
    folder = write_group(tmp_path, {"programming.yaml": PROGRAMMING_YAML})
    text = saved_after(folder, "programming", lambda p: p.municipalities[0].priorities.append("Parks"))
    assert text == PROGRAMMING_YAML.replace("Traffic; Schools", "Traffic; Schools; Parks")


def test_a_key_added_to_a_town_goes_above_the_comment_on_the_next_town(tmp_path):
    folder = write_group(tmp_path, {"programming.yaml": PROGRAMMING_YAML})
    text = saved_after(folder, "programming", lambda p: setattr(p.municipalities[0], "main_issue", "Traffic"))
    assert text == PROGRAMMING_YAML.replace("    resources:\n", "    resources:\n    main_issue: Traffic\n")


def test_removing_a_town_takes_its_comment_and_a_new_town_goes_last(tmp_path):
    folder = write_group(tmp_path, {"programming.yaml": PROGRAMMING_YAML})

    def change(p):
        p.municipalities.pop(1)
        p.put(MunicipalityProfile("Graz", "AT", population=290000))

    text = saved_after(folder, "programming", change)
    head, tail = PROGRAMMING_YAML.split("  # Kraków", 1)
    assert text == head + "  - municipality: Graz\n    country: AT\n    population: 290000\n" + \
        tail[tail.index("swot:"):]


# group.yaml: partners matched by municipality ------------------------------------------------
def test_removing_the_first_partner_removes_its_lines_and_comments_only(tmp_path):
    folder = write_group(tmp_path, {})
    text = saved_after(folder, "network", lambda n: n.partners.pop(0))
    assert text == GROUP_YAML.replace(
        "  # Lucca started the network\n  - municipality: Lucca   # the coordinator\n    country: IT\n    role: lead\n",
        "")


def test_removing_the_lead_and_making_the_next_partner_lead_writes_the_role_there(tmp_path):
    folder = write_group(tmp_path, {})

    def change(n):
        n.partners.pop(0)
        n.partners[0].role = "lead"

    text = saved_after(folder, "network", change)
    assert "partners:\n  - {municipality: Kraków, country: PL, role: lead} # joined in 2012\n\n" \
           "  # Västerås joined last\n" in text
    assert "the coordinator" not in text and "started the network" not in text and text.count("role:") == 1


def test_removing_the_middle_partner_keeps_the_others_comments(tmp_path):
    folder = write_group(tmp_path, {})
    text = saved_after(folder, "network", lambda n: n.partners.pop(1))
    assert text == GROUP_YAML.replace("  - {municipality: Kraków, country: PL}   # joined in 2012\n", "")


def test_removing_the_last_partner_keeps_the_comment_on_the_next_key(tmp_path):
    folder = write_group(tmp_path, {})
    text = saved_after(folder, "network", lambda n: n.partners.pop(2))
    removed = "\n  # Västerås joined last\n  - municipality: Västerås\n    country: SE\n"
    assert text == GROUP_YAML.replace(removed, "")


def test_a_renamed_partner_keeps_its_place_and_comment(tmp_path):
    folder = write_group(tmp_path, {})
    text = saved_after(folder, "network", lambda n: setattr(n.partners[1], "municipality", "Krakow"))
    assert text == GROUP_YAML.replace("Kraków", "Krakow")


def test_partners_reordered_in_the_model_keep_the_order_of_the_file(tmp_path):
    folder = write_group(tmp_path, {})
    group = Group.load(folder)
    group.network.partners.reverse()
    group.network.name = "Renamed network"
    group.save("network")
    assert (folder / "group.yaml").read_text(encoding="utf-8") == GROUP_YAML.replace("Test network", "Renamed network")


def test_a_new_partner_goes_after_the_last_and_before_the_comment_on_the_next_key(tmp_path):
    folder = write_group(tmp_path, {})
    text = saved_after(folder, "network", lambda n: n.partners.append(Partner("Graz", "AT")))
    assert text == GROUP_YAML.replace("    country: SE\n", "    country: SE\n  - municipality: Graz\n    country: AT\n")


def test_removing_every_partner_keeps_the_file_readable_and_the_next_comment(tmp_path):
    folder = write_group(tmp_path, {})
    text = saved_after(folder, "network", lambda n: n.partners.clear())
    assert "partners: []\n# the programme is chosen at seminar 1\nprogramme: efc-2007-2013\n" in text


def test_a_comment_above_a_one_line_first_partner_does_not_join_the_next_lines(tmp_path):
    """ruamel.yaml 0.19 wrote `- municipality: Kraków country: PL` here, which no longer reads."""
    text = ("id: t1\nname: Test network\npartners:\n  # Lucca started the network\n"
            "  - {municipality: Lucca, country: IT, role: lead}   # the coordinator\n"
            "  - municipality: Kraków\n    country: PL\n")
    folder = write_group(tmp_path, {"group.yaml": text})
    saved = saved_after(folder, "network", lambda n: setattr(n, "name", "Renamed network"))
    assert saved == text.replace("Test network", "Renamed network")


# strategy.yaml and logframe.yaml ---------------------------------------------------------------
def test_removing_a_criterion_by_id_takes_its_comment(tmp_path):
    text = "criteria:\n  - id: cost   # cheapest first\n  - id: reach\n    weight: 2\noptions: []\n"
    folder = write_group(tmp_path, {"strategy.yaml": text})
    saved = saved_after(folder, "strategy", lambda s: s.criteria.pop(0))
    assert saved == "criteria:\n  - id: reach\n    weight: 2\noptions: []\n"


LOGFRAME_YAML = """\
specific_objectives:
  - id: SO1
    text: Citizens take part
    indicators:
      # counted by the town halls
      - {text: Meetings held, target: 21}   # one per town and year
      - Residents attend the meetings   # from attendance lists
    # checked at seminar 3
    assumptions:
      - Mayors agree
results:
  - id: R1
    text: Meetings run   # the first result
  # R2 depends on R1
  - id: R2
    text: Proposals written
"""


def test_indicators_follow_the_models_order_with_their_comments(tmp_path):
    folder = write_group(tmp_path, {"logframe.yaml": LOGFRAME_YAML})
    text = saved_after(folder, "logframe", lambda f: f.specific_objectives[0].indicators.reverse())
    assert text == LOGFRAME_YAML.replace(
        "      # counted by the town halls\n      - {text: Meetings held, target: 21}   # one per town and year\n"
        "      - Residents attend the meetings   # from attendance lists\n",
        "      - Residents attend the meetings   # from attendance lists\n      # counted by the town halls\n"
        "      - {text: Meetings held, target: 21}   # one per town and year\n")


def test_a_reworded_indicator_keeps_its_comment_and_a_removed_result_takes_its_own(tmp_path):
    folder = write_group(tmp_path, {"logframe.yaml": LOGFRAME_YAML})

    def change(frame):
        frame.specific_objectives[0].indicators[1].text = "Residents attend the evening meetings"
        frame.results.pop(1)

    text = saved_after(folder, "logframe", change)
    assert text == LOGFRAME_YAML.replace("attend the meetings   #", "attend the evening meetings #").split(
        "  # R2 depends")[0]


def test_a_result_inserted_by_the_model_goes_where_the_model_puts_it(tmp_path):
    folder = write_group(tmp_path, {"logframe.yaml": LOGFRAME_YAML})
    text = saved_after(folder, "logframe", lambda f: f.results.insert(1, lf.Statement("R3", "Network set up")))
    assert text.endswith("    text: Meetings run   # the first result\n  - id: R3\n    text: Network set up\n"
                         "  # R2 depends on R1\n  - id: R2\n    text: Proposals written\n")


# any mix of removals, additions and moves -----------------------------------------------------------
TOWNS = ["Lucca", "Kraków", "Graz", "Turku", "Aarhus"]


def commented_group(towns: list[str]) -> str:
    """group.yaml with a comment line above and a comment after each partner, naming the partner."""
    lines = ["id: t1", "name: Test network", "partners:"]
    for i, town in enumerate(towns):
        lines.append(f"  # above {town}")
        if i % 2:
            lines.append(f"  - {{municipality: {town}, country: IT}}   # beside {town}")
        else:
            lines += [f"  - municipality: {town}   # beside {town}", "    country: IT"]
    return "\n".join(lines + ["# after the partners", "programme: efc-2007-2013", ""])


edits = st.lists(st.one_of(st.tuples(st.just("remove"), st.integers(0, 9)),
                           st.tuples(st.just("add"), st.sampled_from(["Oulu", "Bern", "Riga"])),
                           st.tuples(st.just("swap"), st.integers(0, 9))), max_size=5)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(1, 5), changes=edits)
def test_every_partner_keeps_its_own_comments_through_any_edit(tmp_path_factory, count, changes):
    folder = write_group(tmp_path_factory.mktemp("g"), {"group.yaml": commented_group(TOWNS[:count])})
    group = Group.load(folder)
    partners = group.network.partners
    for what, value in changes:
        if what == "remove" and partners:
            partners.pop(value % len(partners))
        elif what == "add" and value not in [p.municipality for p in partners]:
            partners.append(Partner(value, "AT"))
        elif what == "swap" and len(partners) > 1:
            k = value % (len(partners) - 1)
            partners[k], partners[k + 1] = partners[k + 1], partners[k]
    group.network.name = "Edited"
    group.save("network")
    text = (folder / "group.yaml").read_text(encoding="utf-8")
    assert Group.load(folder).network.partners == sorted(
        partners, key=lambda p: TOWNS.index(p.municipality) if p.municipality in TOWNS else len(TOWNS))
    kept = [p.municipality for p in partners]
    for town in TOWNS[:count]:
        if town in kept:
            assert re.search(rf"  # above {town}\n  - .*{town}.*# beside {town}\n", text), text
        else:
            assert town not in text, text
    assert text.endswith("# after the partners\nprogramme: efc-2007-2013\n")
