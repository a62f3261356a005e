"""Saving a YAML file never writes in what the person left out because the kit assumes it anyway.

The contract reads a partner without `role` as a partner; a criterion without `weight` as weight
1; a logframe without `template` as ec-2004.  Saving one change must not spell those defaults out
in every other entry, nor retype what the person wrote (`21` into '21', `yes` into `true`).
"""

from __future__ import annotations

from pathlib import Path

from planet_lib import Group
from planet_lib.network import Network, Partner
from planet_lib.workbook import convert, yamlfile

GROUP_YAML = """\
# The network of the test group
id: t1
name: Test network
theme:            # to be chosen at seminar 2
partners:
  - {municipality: Lucca, country: IT, role: lead}
  - municipality: Kraków   # joined in 2012
    country: PL
  - municipality: Västerås
    country: SE
"""


def write_group(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "t1"
    folder.mkdir()
    for name, text in {"group.yaml": GROUP_YAML, **files}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def saved(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


# group.yaml: partners' roles ---------------------------------------------------------------
def test_partner_without_role_stays_without_role_when_a_town_is_renamed(tmp_path):
    folder = write_group(tmp_path, {})
    group = Group.load(folder)
    group.network.partners[2].municipality = "Vasteras"
    group.save("network")
    assert saved(folder, "group.yaml") == GROUP_YAML.replace("Västerås", "Vasteras")
    assert [p.role for p in Group.load(folder).network.partners] == ["lead", "partner", "partner"]


def test_new_partner_follows_a_file_that_leaves_the_default_role_out(tmp_path):
    folder = write_group(tmp_path, {})
    group = Group.load(folder)
    group.network.partners.append(Partner("Graz", "AT"))
    group.save("network")
    assert saved(folder, "group.yaml") == GROUP_YAML + "  - municipality: Graz\n    country: AT\n"
    assert Group.load(folder).network.partners[3] == Partner("Graz", "AT", "partner")


def test_new_partner_follows_a_file_that_writes_every_role(tmp_path):
    text = ("id: t1\nname: Test network\npartners:\n"
            "  - {municipality: Lucca, country: IT, role: lead}\n"
            "  - {municipality: Kraków, country: PL, role: partner}\n")
    folder = write_group(tmp_path, {"group.yaml": text})
    group = Group.load(folder)
    group.network.partners.append(Partner("Graz", "AT"))
    group.save("network")
    assert saved(folder, "group.yaml") == text + "  - municipality: Graz\n    country: AT\n    role: partner\n"


def test_lead_and_a_written_partner_role_are_kept(tmp_path):
    text = ("id: t1\nname: Test network\npartners:\n"
            "  - {municipality: Lucca, country: IT, role: lead}\n"
            "  - municipality: Kraków\n    country: PL\n    role: partner   # confirmed\n"
            "  - municipality: Västerås\n    country: SE\n    role:\n")
    folder = write_group(tmp_path, {"group.yaml": text})
    group = Group.load(folder)
    group.network.name = "Renamed network"
    group.save("network")
    assert saved(folder, "group.yaml") == text.replace("Test network", "Renamed network")


def test_a_partner_made_lead_gets_its_role_written(tmp_path):
    folder = write_group(tmp_path, {})
    group = Group.load(folder)
    group.network.partners[0].role = "partner"
    group.network.partners[1].role = "lead"
    group.save("network")
    text = saved(folder, "group.yaml")
    assert "  - {municipality: Lucca, country: IT, role: partner}\n" in text
    assert "  - municipality: Kraków   # joined in 2012\n    country: PL\n    role: lead\n" in text
    assert "Västerås\n    country: SE\n" in text and text.count("role:") == 2
    assert Group.load(folder).network.lead.municipality == "Kraków"


def test_a_new_group_yaml_spells_out_every_role(tmp_path):
    network = Network("t2", "New network", partners=[Partner("Lucca", "IT", "lead"), Partner("Graz", "AT")])
    text = yamlfile.dump(convert.network_to_data(network))
    assert text == ("id: t2\nname: New network\npartners:\n"
                    "  - municipality: Lucca\n    country: IT\n    role: lead\n"
                    "  - municipality: Graz\n    country: AT\n    role: partner\n")


# strategy.yaml ------------------------------------------------------------------------------
STRATEGY_YAML = """\
criteria:
  - id: cost
  - id: reach
    weight: 2
options:
  - id: A
    objectives: [O1]
  - id: B
    scores: {cost: 3}
"""


def test_strategy_keeps_weights_and_scores_out_where_the_person_left_them_out(tmp_path):
    folder = write_group(tmp_path, {"strategy.yaml": STRATEGY_YAML})
    group = Group.load(folder)
    group.strategy.selected = "B"
    group.save("strategy")
    assert saved(folder, "strategy.yaml") == STRATEGY_YAML + "selected: B\n"
    assert [c.weight for c in Group.load(folder).strategy.criteria] == [1.0, 2.0]


# logframe.yaml ------------------------------------------------------------------------------
LOGFRAME_YAML = """\
components: yes
specific_objectives:
  - id: SO1
    text: Citizens take part
    indicators:
      - {text: Meetings held, target: 21}
      - Residents attend the meetings
    assumptions:
      - {text: Mayors agree, important: yes}
"""


def test_logframe_gets_no_template_no_empty_levels_and_keeps_values_as_typed(tmp_path):
    folder = write_group(tmp_path, {"logframe.yaml": LOGFRAME_YAML})
    group = Group.load(folder)
    group.logframe.preconditions.append("The grant is awarded")
    group.save("logframe")
    assert saved(folder, "logframe.yaml") == LOGFRAME_YAML + "preconditions:\n  - The grant is awarded\n"
    frame = Group.load(folder).logframe
    assert frame.template == "ec-2004" and frame.components is True
    assert [i.target for i in frame.specific_objectives[0].indicators] == ["21", ""]


def test_a_changed_value_is_still_written(tmp_path):
    folder = write_group(tmp_path, {"logframe.yaml": LOGFRAME_YAML})
    group = Group.load(folder)
    group.logframe.specific_objectives[0].indicators[0].target = "25"
    group.logframe.specific_objectives[0].indicators[1].target = "300"
    group.save("logframe")
    text = saved(folder, "logframe.yaml")
    assert "- {text: Meetings held, target: '25'}" in text
    assert "- text: Residents attend the meetings\n        target: '300'\n" in text


# programming.yaml and dissemination.yaml (their converters are not marked: the empties rule) ----
def test_programming_gets_no_empty_swot_quadrants_and_keeps_a_one_line_theme(tmp_path):
    text = ("municipalities:\n  - municipality: Lucca\n    country: IT\n"
            "swot:\n  strengths: [Old town]\ntheme: active-citizenship\n")
    folder = write_group(tmp_path, {"programming.yaml": text})
    group = Group.load(folder)
    group.programming.municipalities[0].main_issue = "Traffic"
    group.save("programming")
    assert saved(folder, "programming.yaml") == text.replace("IT\n", "IT\n    main_issue: Traffic\n")


def test_dissemination_keeps_one_line_channels_and_adds_no_empty_name(tmp_path):
    text = "audiences:\n  - id: residents\n    message: Come\n    channels:\n      - Town websites\n"
    folder = write_group(tmp_path, {"dissemination.yaml": text})
    group = Group.load(folder)
    group.dissemination.audiences[0].message = "Come to the meetings"
    group.save("dissemination")
    assert saved(folder, "dissemination.yaml") == text.replace("Come", "Come to the meetings")
