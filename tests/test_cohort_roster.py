"""A cohort from its roster: every unusable row reported at once, nothing made until usable."""

from __future__ import annotations

import stat

import pytest
from test_cohort_kit import SAMPLE_ROSTER, make_kit, planet

from planet_lib.cohort_ops.create import new_cohort
from planet_lib.cohort_ops.roster import read_roster, suggest_id
from planet_lib.errors import WorkbookError
from planet_lib.workbook import yamlfile

HEADER = "participant_id,first_name,last_name,email,municipality,country,group,role\n"


def roster(tmp_path, *rows: str, name="roster.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def problems_of(path) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        read_roster(path)
    return [str(p) for p in caught.value.problems]


# --- reading -------------------------------------------------------------------------------

def test_the_sample_roster_is_usable_with_accents_and_five_groups():
    found = read_roster(SAMPLE_ROSTER)
    assert len(found.participants) == 35 and found.notes == []
    assert found.participants[0].first_name == "Niccolò"
    assert sorted(found.by_group()) == ["g1-green-towns", "g2-generations", "g3-young-voices",
                                        "g4-citizens-at-home", "g5-shared-memory"]


def test_every_unusable_row_is_reported_at_once_with_its_line_and_a_fix(tmp_path):
    path = roster(tmp_path,
                  "p01,Niccolò,Cantù,niccolo@example.org,Borgo San Lorenzo,IT,g1,",
                  "anna maria,Anna,Maria,anna@example.org,Cittadella,IT,g1,",
                  ",Łukasz,Wójcik,lukasz@example.org,Sandomierz,PL,g1,",
                  "p04,José,Martínez,jose@example,Llíria,ES,g2,",
                  "P01,Åsa,Lindström,asa@example.org,Ystad,SE,g2,",
                  "p06,Björn,Åkesson,bjorn@example.con,Mariestad,SE,g2,")
    found = problems_of(path)
    assert len(found) == 5
    assert "line 3" in found[0] and "'anna maria'" in found[0] and "'anna-maria'" in found[0]
    assert "line 4" in found[1] and "needs an id" in found[1] and "'lukasz-wojcik'" in found[1]
    assert "line 5" in found[2] and "'email'" in found[2] and "name@example.org" in found[2]
    assert "line 6" in found[3] and "upper/lower case" in found[3] and "line 2" in found[3]
    assert "line 7" in found[4] and "did you mean 'bjorn@example.com'" in found[4]


def test_an_id_used_twice_is_reported_with_the_first_line_and_a_free_id(tmp_path):
    path = roster(tmp_path, "p01,A,B,a@example.org,X,IT,g1,", "p01,C,D,c@example.org,Y,IT,g1,")
    [found] = problems_of(path)
    assert "line 3" in found and "also on line 2" in found and "'p01-2'" in found


@pytest.mark.parametrize("good", ["p01", "anna-maria", "P_07", "12345"])
def test_ids_nbgrader_accepts_are_read(tmp_path, good):
    assert read_roster(roster(tmp_path, f"{good},A,B,a@example.org,X,IT,g1,")).ids == [good]


def test_a_numeric_id_is_accepted_with_a_note_on_quoting(tmp_path):
    found = read_roster(roster(tmp_path, "12345,A,B,a@example.org,X,IT,g1,"))
    assert any("quotes" in note for note in found.notes)


@pytest.mark.parametrize("bad", ["p.01", "józef", "a b", "p01/x"])
def test_ids_nbgrader_cannot_use_are_refused(tmp_path, bad):
    [found] = problems_of(roster(tmp_path, f"{bad},A,B,a@example.org,X,IT,g1,"))
    assert "letters A-Z and a-z, digits, '_' and '-' only" in found


def test_suggested_ids_drop_accents_and_spaces():
    assert suggest_id("Małgorzata Dąbrowska") == "malgorzata-dabrowska"
    assert suggest_id("  Ștefan Ionescu ") == "stefan-ionescu"


def test_two_lead_municipalities_in_one_group_are_refused(tmp_path):
    path = roster(tmp_path, "p01,A,B,a@example.org,Ystad,SE,g1,lead", "p02,C,D,c@example.org,Olot,ES,g1,lead")
    [found] = problems_of(path)
    assert "lines 2, 3" in found and "more than one lead" in found


def test_rows_to_look_at_are_notes_not_errors(tmp_path):
    found = read_roster(roster(tmp_path, "p01,A,B,,Ystad,SE,g1,", "p02,C,D,c@example.org,Olot,ES,,",
                               "p03,E,F,c@example.org,Jaca,ES,g1,"))
    assert found.ids == ["p01", "p02", "p03"]
    assert any("line 2 (p01): no e-mail" in n for n in found.notes)
    assert any("line 3 (p02): no group" in n for n in found.notes)
    assert any("line 4 (p03): the same e-mail address as p02" in n for n in found.notes)


def test_a_semicolon_roster_saved_by_a_spreadsheet_is_read(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("\ufeffparticipant_id;first_name;last_name;email;municipality;country;group\r\n"
                     "p09;Małgorzata;Dąbrowska;m@example.org;Kłodzko;PL;g2\r\n".encode("utf-8"))
    [person] = read_roster(path).participants
    assert (person.first_name, person.municipality) == ("Małgorzata", "Kłodzko")


# --- making the cohort ---------------------------------------------------------------------

def test_nothing_is_made_while_the_roster_or_options_are_unusable(tmp_path):
    kit = make_kit(tmp_path / "kit")
    bad = roster(tmp_path, "p01,A,B,a@example,X,IT,g1,")
    with pytest.raises(WorkbookError) as caught:
        new_cohort(bad, "PLANET test", tmp_path / "cohort", kit_root=kit, due={"09_nothing": "2013-13-01"})
    text = str(caught.value)
    assert "line 2" in text and "--due" in text and "09_nothing" in text
    assert not (tmp_path / "cohort").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kit", "roster.csv"]


def test_the_command_reports_the_lines_and_exits_2_without_making_anything(tmp_path):
    bad = roster(tmp_path, "anna maria,A,B,a@example.org,X,IT,g1,", ",C,D,c@example.org,Y,IT,g1,")
    done = planet("cohort", "new", str(bad), "--name", "PLANET test", "--out", str(tmp_path / "cohort"))
    assert done.returncode == 2, done.stderr
    assert "line 2" in done.stderr and "line 3" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "cohort").exists()


def test_a_new_cohort_has_its_groups_leads_gradebook_and_due_dates(tmp_path):
    kit = make_kit(tmp_path / "kit")
    path = roster(tmp_path, "p01,Niccolò,Cantù,n@example.org,Borgo San Lorenzo,IT,g1,",
                  "p02,Łukasz,Wójcik,l@example.org,Sandomierz,PL,g1,lead",
                  "p03,Åsa,Lindström,a@example.org,Ystad,SE,g1,",
                  "p04,Ana,Núñez,ana@example.org,Ystad,SE,g1,",
                  "p05,José,Martínez,j@example.org,Llíria,ES,g2,")
    made = new_cohort(path, "PLANET 2013 Rome", tmp_path / "cohort", kit_root=kit, programme="efc-2007-2013-m1-2",
                      due={"00_demo": "2013-03-01"})
    cohort = made.cohort
    assert cohort.info.course_id == "planet-2013-rome"
    assert stat.S_IMODE(cohort.folder.stat().st_mode) == 0o700
    g1, _, _ = yamlfile.read(cohort.folder / "groups" / "g1" / "group.yaml", "group.yaml")
    assert [(p["municipality"], p["role"]) for p in g1["partners"]] == [
        ("Borgo San Lorenzo", "partner"), ("Sandomierz", "lead"), ("Ystad", "partner")]
    g2, _, _ = yamlfile.read(cohort.folder / "groups" / "g2" / "group.yaml", "group.yaml")
    assert g2["partners"] == [{"municipality": "Llíria", "country": "ES", "role": "lead"}]
    assert (cohort.folder / "roster.csv").read_bytes() == path.read_bytes()
    with cohort.gradebook() as gb:
        assert sorted(s.id for s in gb.students) == ["p01", "p02", "p03", "p04", "p05"]
        assert gb.find_student("p02").first_name == "Łukasz"
        assert gb.find_assignment("00_demo").duedate == cohort.due("00_demo")
    assert cohort.due("00_demo").strftime("%Y-%m-%d") in ("2013-03-01", "2013-03-02")
    from planet_lib.cohort_ops.grades import group_rows, grade_rows

    rows = grade_rows(cohort)  # nothing released yet: nobody is "not submitted"
    assert {r.status for r in rows} == {"not released yet"} and len(rows) == 5
    g1 = next(g for g in group_rows(rows) if g["group"] == "g1")
    assert (g1["members"], g1["handed_in"], g1["not_submitted"]) == (4, 0, 0)


def test_a_cohort_is_never_made_over_another(tmp_path):
    kit = make_kit(tmp_path / "kit")
    (tmp_path / "cohort").mkdir()
    (tmp_path / "cohort" / "cohort.yaml").write_text("name: old\n")
    with pytest.raises(WorkbookError, match="must be new"):
        new_cohort(roster(tmp_path, "p01,A,B,a@example.org,X,IT,g1,"), "x", tmp_path / "cohort", kit_root=kit)
    assert (tmp_path / "cohort" / "cohort.yaml").read_text() == "name: old\n"
