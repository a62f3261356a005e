"""Reading and writing the group workbook: what people save comes in, and goes back unharmed."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from planet_lib import Group, Problem, Stakeholder, WorkbookError
from planet_lib.budget import BudgetLine
from planet_lib.workbook.fields import Unusable, amount

GROUP_YAML = """\
# The network of the test group
id: t1
name: Test network   # shown in reports
theme: Active European citizenship
start: 2013-03
duration_months: 18
partners:
  - {municipality: Lucca, country: IT, role: lead}
  - municipality: Kraków
    country: PL
  - municipality: Västerås
    country: SE
  - municipality: Cluj-Napoca
    country: RO
"""


def make_group(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    folder = tmp_path / "t1"
    folder.mkdir()
    files = {"group.yaml": GROUP_YAML, **files}
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# reading what spreadsheet programs save ------------------------------------------------
def test_reads_excel_italian_csv_with_bom_semicolons_and_crlf(tmp_path):
    text = "id;statement;leads_to;core\r\nP1;Città con traffico intenso;P2;sì\r\nP2;L'aria è inquinata;;\r\n"
    folder = make_group(tmp_path, {"problems.csv": codecs.BOM_UTF8 + text.encode("utf-8")})
    group = Group.load(folder)
    assert [p.statement for p in group.problems] == ["Città con traffico intenso", "L'aria è inquinata"]
    assert group.problems[0].core is True and group.problems[0].leads_to == ("P2",)


def test_reads_polish_windows_code_page_and_says_so(tmp_path):
    text = "id,name,importance,influence\nS1,Urząd Miasta Łódź i młodzież szkolna,4,5\n"
    folder = make_group(tmp_path, {"stakeholders.csv": text.encode("cp1250")})
    group = Group.load(folder)
    assert group.stakeholders[0].name == "Urząd Miasta Łódź i młodzież szkolna"
    assert any("cp1250" in note or "iso8859_2" in note for note in group.notes)


def test_reads_utf16_unicode_text_with_tabs(tmp_path):
    text = "id\tstatement\tleads_to\tcore\nP1\tŞomaj ridicat în oraș\t\tyes\n"
    folder = make_group(tmp_path, {"problems.csv": text.encode("utf-16")})
    assert Group.load(folder).problems[0].statement == "Şomaj ridicat în oraș"


def test_header_names_are_matched_loosely_but_kept_as_typed(tmp_path):
    folder = make_group(tmp_path, {"problems.csv": "ID,Statement ,Leads To,Core\nP1,Roads are unsafe,,yes\n"})
    group = Group.load(folder)
    assert group.problems[0].id == "P1"
    group.problems[0].statement = "Roads are unsafe at night"
    group.save("problems")
    assert (folder / "problems.csv").read_text().splitlines()[0] == "ID,Statement ,Leads To,Core"


@pytest.mark.parametrize("typed,value", [
    ("1500", 1500), ("1500.50", 1500.5), ("1500,50", 1500.5), ("1.500,50", 1500.5),
    ("1,500.50", 1500.5), ("1 500,50", 1500.5), ("1\u00a0500", 1500), ("1'500.50", 1500.5), ("", None),
])
def test_amounts_as_typed_in_partner_countries(typed, value):
    assert amount(typed) == value


@pytest.mark.parametrize("typed", ["1,500", "12 EUR", "abc", "-5", "1.2.3"])
def test_unusable_or_ambiguous_amounts_are_refused(typed):
    with pytest.raises(Unusable):
        amount(typed)


def test_country_code_no_is_not_turned_into_false(tmp_path):
    folder = make_group(tmp_path, {})
    (folder / "group.yaml").write_text(GROUP_YAML.replace("country: SE", "country: NO"))
    assert "NO" in Group.load(folder).network.countries


# every problem at once, with its place --------------------------------------------------
def test_every_problem_in_every_file_is_reported_at_once(tmp_path):
    folder = make_group(tmp_path, {
        "stakeholders.csv": "id,name,importance,influence\nS1,Mayor,7,3\nS1,Schools,high,2\n,Youth club,2,2\n",
        "problems.csv": 'id,statement,leads_to,core\nP1,"Unclosed quote,,yes\n',
        "budget.csv": "activity;item;quantity;unit_cost\nA1;Hotel;2;1,500\nA2;Bus;1;2,300,5\n",
    })
    before = snapshot(folder)
    with pytest.raises(WorkbookError) as info:
        Group.load(folder)
    text = str(info.value)
    problems = info.value.problems
    assert ("stakeholders.csv", "line 2", "importance", "7") in {(p.file, p.where, p.field, p.seen) for p in problems}
    assert any(p.field == "importance" and p.seen == "high" and "1 to 5" in p.expected for p in problems)
    assert any(p.field == "id" and p.where == "line 3" for p in problems)  # duplicate S1
    assert any(p.field == "id" and p.where == "line 4" for p in problems)  # missing id
    assert any(p.file == "problems.csv" and "quote" in p.expected for p in problems)
    assert any(p.file == "budget.csv" and p.field == "unit_cost" and p.seen == "1,500"
               and "1500 or 1.500" in p.expected for p in problems)
    assert any(p.file == "budget.csv" and p.where == "line 3" and p.field == "unit_cost" for p in problems)
    assert "Nothing was changed" in text
    assert snapshot(folder) == before


def test_yaml_problems_name_the_key_path(tmp_path):
    bad = GROUP_YAML.replace("country: PL", "country: Poland").replace("duration_months: 18", "duration_months: many")
    folder = make_group(tmp_path, {})
    (folder / "group.yaml").write_text(bad)
    with pytest.raises(WorkbookError) as info:
        Group.load(folder)
    fields = {p.field: p for p in info.value.problems}
    assert fields["partners[2].country"].seen == "Poland"
    assert "two-letter country code" in fields["partners[2].country"].expected
    assert fields["duration_months"].seen == "many"


def test_duplicate_yaml_key_is_refused_with_line(tmp_path):
    folder = make_group(tmp_path, {})
    (folder / "group.yaml").write_text(GROUP_YAML + "name: Second name\n")
    with pytest.raises(WorkbookError) as info:
        Group.load(folder)
    assert "twice" in str(info.value) and info.value.problems[0].where.startswith("line ")


def test_row_with_more_cells_than_columns_is_reported(tmp_path):
    folder = make_group(tmp_path, {"budget.csv": "activity,item,quantity,unit_cost\nA1,Hotel,2,1,500\n"})
    with pytest.raises(WorkbookError) as info:
        Group.load(folder)
    assert info.value.problems[0].where == "line 2" and "more cells" in info.value.problems[0].expected


def test_binary_file_is_refused_clearly(tmp_path):
    folder = make_group(tmp_path, {"problems.csv": b"PK\x03\x04\x00\x00binary"})
    with pytest.raises(WorkbookError) as info:
        Group.load(folder)
    assert "CSV UTF-8" in str(info.value)


def test_missing_group_yaml_is_reported(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    with pytest.raises(WorkbookError) as info:
        Group.load(folder)
    assert info.value.problems[0].file == "group.yaml"


# writing back without harm ------------------------------------------------------------
def test_saving_unchanged_artefacts_leaves_every_byte(tmp_path):
    folder = make_group(tmp_path, {
        "problems.csv": codecs.BOM_UTF8 + 'id;statement;leads_to;core;notes\r\n"P1";Roads unsafe;P2;yes;from Lucca\r\n\r\nP2;Accidents;;;\r\n'.encode(),
        "stakeholders.csv": "id,name,importance,influence\nS1,Mayor,4,5",  # no final newline
        "budget.csv": "activity,item,category,quantity,unit_cost\nA1,Hotel,accommodation,\"2,5\",\"1.500,00\"\n",
    })
    before = snapshot(folder)
    group = Group.load(folder)
    for attr in ("network", "problems", "stakeholders", "budget"):
        group.save(attr)
    assert snapshot(folder) == before


def test_editing_one_row_keeps_order_extra_columns_and_other_rows_verbatim(tmp_path):
    original = 'id;statement;leads_to;core;notes\r\n"P1";Roads unsafe;P2;yes;from Lucca\r\nP2;Accidents;;;ask police\r\n'
    folder = make_group(tmp_path, {"problems.csv": codecs.BOM_UTF8 + original.encode()})
    group = Group.load(folder)
    group.problems[1].statement = "Many road accidents"
    group.problems.insert(0, Problem("P3", "Drivers speed", ("P1",)))
    group.save("problems")
    data = (folder / "problems.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    lines = data[3:].decode().split("\r\n")
    assert lines[0] == "id;statement;leads_to;core;notes"
    assert lines[1] == '"P1";Roads unsafe;P2;yes;from Lucca'  # untouched, quotes kept
    assert lines[2] == "P2;Many road accidents;;;ask police"  # extra column kept
    assert lines[3] == "P3;Drivers speed;P1;;"  # new row appended, not reordered
    assert Group.load(folder).problems[2].statement == "Drivers speed"


def test_removing_a_row_removes_only_that_row(tmp_path):
    folder = make_group(tmp_path, {"stakeholders.csv": "id,name\nS1,Mayor\nS2,Schools\nS3,Youth club\n"})
    group = Group.load(folder)
    group.stakeholders = [s for s in group.stakeholders if s.id != "S2"]
    group.save("stakeholders")
    assert (folder / "stakeholders.csv").read_text() == "id,name\nS1,Mayor\nS3,Youth club\n"


def test_new_column_is_appended_when_a_value_needs_it(tmp_path):
    folder = make_group(tmp_path, {"stakeholders.csv": "id,name\nS1,Mayor\n"})
    group = Group.load(folder)
    group.stakeholders[0].importance = 4
    group.stakeholders.append(Stakeholder("S2", "Schools"))
    group.save("stakeholders")
    assert (folder / "stakeholders.csv").read_text() == "id,name,importance\nS1,Mayor,4\nS2,Schools,\n"


def test_letters_the_code_page_cannot_hold_switch_the_file_to_utf8(tmp_path):
    folder = make_group(tmp_path, {"stakeholders.csv": "id,name\nS1,Urząd Miasta Łódź\n".encode("cp1250")})
    group = Group.load(folder)
    group.stakeholders.append(Stakeholder("S2", "Primăria Cluj-Napoca, consiliul local și tinerii"))
    group.save("stakeholders")
    data = (folder / "stakeholders.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert [s.name for s in Group.load(folder).stakeholders] == [
        "Urząd Miasta Łódź", "Primăria Cluj-Napoca, consiliul local și tinerii"]


def test_budget_lines_without_ids_are_kept_in_place(tmp_path):
    folder = make_group(tmp_path, {"budget.csv": "activity,item,quantity,unit_cost\nA1,Hotel,2,100\nA1,Bus,1,300\n"})
    group = Group.load(folder)
    group.budget[0].quantity = 3
    group.budget.append(BudgetLine("A2", "Venue", "venue", 1, 500))
    group.save("budget")
    assert (folder / "budget.csv").read_text() == (
        "activity,item,quantity,unit_cost,category\nA1,Hotel,3,100,\nA1,Bus,1,300,\nA2,Venue,1,500,venue\n")


def test_yaml_save_keeps_comments_and_layout(tmp_path):
    folder = make_group(tmp_path, {})
    group = Group.load(folder)
    group.network.name = "Renamed network"
    group.save("network")
    text = (folder / "group.yaml").read_text()
    assert text.startswith("# The network of the test group\n")
    assert "name: Renamed network" in text and "# shown in reports" in text.splitlines()[2]
    assert "- {municipality: Lucca, country: IT, role: lead}" in text
    assert Group.load(folder).network.name == "Renamed network"


def test_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    folder = make_group(tmp_path, {"stakeholders.csv": "id,name\nS1,Mayor\n"})
    group = Group.load(folder)
    group.stakeholders[0].name = "Deputy mayor"

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("planet_lib.workbook.textfile.os.fsync", broken_fsync)
    with pytest.raises(OSError):
        group.save("stakeholders")
    assert (folder / "stakeholders.csv").read_text() == "id,name\nS1,Mayor\n"
    assert sorted(p.name for p in folder.iterdir()) == ["group.yaml", "stakeholders.csv"]


def test_adding_a_list_item_keeps_quoting_and_comments_of_the_others(tmp_path):
    from planet_lib import Indicator

    logframe = ("template: ec-2004\nspecific_objectives:\n  - id: SO1\n    text: Citizens take part\n"
                "    indicators:\n      - {text: Meetings held, baseline: \"0 (2013)\", target: '21'}  # agreed in Lucca\n")
    folder = make_group(tmp_path, {"logframe.yaml": logframe})
    group = Group.load(folder)
    group.logframe.specific_objectives[0].indicators.append(Indicator("Residents attending", target="1200"))
    group.save("logframe")
    text = (folder / "logframe.yaml").read_text()
    assert 'baseline: "0 (2013)"' in text and "# agreed in Lucca" in text
    assert [i.text for i in Group.load(folder).logframe.specific_objectives[0].indicators] == [
        "Meetings held", "Residents attending"]
