"""A whole cohort cycle on the sample roster, start to finish, with the `planet` commands.

New cohort from data/sample-cohort/roster.csv -> release (zip and exchange) -> hand-ins both
ways (three through nbgrader's exchange, four e-mailed in a zip with a stray file and a late
one) -> grading -> hand-marking through the API and the command -> feedback -> grades export
with group aggregates. A second cohort next to the first reuses the kit's seminar and leaves
the first one's grades alone. The cycle runs once (module fixture); each test checks a step.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import os
import zipfile
from pathlib import Path

import nbformat
import pytest
from test_cohort_kit import (FULL_ANSWER, PARTIAL_ANSWER, SAMPLE_ROSTER, SECRETS, SEMINAR, WRONG_ANSWER, cell,
                             make_kit, released, with_answer, write_hand_in)

from planet_lib import course
from planet_lib.cli import main
from planet_lib.cohort_ops.grades import set_manual_grade
from planet_lib.cohort_ops.layout import CohortCourse

pytestmark = [pytest.mark.filterwarnings("ignore:Object of type .* not in session"),
              pytest.mark.filterwarnings("ignore:Cell is missing an id field"),
              pytest.mark.filterwarnings("ignore:Passing unrecognized arguments"),  # nbgrader's own typo
              pytest.mark.xdist_group(name="cohort-cycle")]  # one worker runs the cycle once

WRITTEN = "Losing young people is what every partner town reports; jobs and buses cause it."
BY_EXCHANGE = {"p01": (FULL_ANSWER, WRITTEN), "p02": (PARTIAL_ANSWER, None), "p08": (None, None)}
BY_MAIL = {"p03.ipynb": FULL_ANSWER, "p04_demo.ipynb": WRONG_ANSWER, "P05-demo.ipynb": FULL_ANSWER,
           "p06/demo.ipynb": PARTIAL_ANSWER}
AUTO_POINTS = {"p01": 2, "p02": 1, "p08": 0, "p03": 2, "p04": 0, "p05": 2, "p06": 1}


def planet(*args: str) -> tuple[int, str, str]:
    """The `planet` command in this process (the same code as the installed command)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def participant_hands_in(base: Path, cohort: CohortCourse, student: str, answer: str | None, written: str | None):
    """A participant on the shared machine: fetch in JupyterLab, answer, submit (nbgrader's exchange)."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeSubmit
    from traitlets.config import Config

    home = base / "homes" / student
    home.mkdir(parents=True)
    cfg = Config()
    cfg.Exchange.root = cohort.exchange
    cfg.Exchange.assignment_dir = str(home)
    cfg.Exchange.cache = str(base / "nbgrader_cache")
    cfg.CourseDirectory.course_id = cohort.info.course_id
    coursedir = CourseDirectory(config=cfg)
    coursedir.assignment_id, coursedir.student_id = SEMINAR, student
    auth = Authenticator(config=cfg)
    ExchangeFetchAssignment(coursedir=coursedir, authenticator=auth, config=cfg).start()
    path = home / SEMINAR / "demo.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    if answer is not None:
        nb = with_answer(nb, answer, written)
    nbformat.write(nb, str(path))
    ExchangeSubmit(coursedir=coursedir, authenticator=auth, config=cfg).start()


def mail_zip(base: Path, cohort: CohortCourse, due: dt.datetime) -> Path:
    """What the trainer saved from the mail: notebooks named by id, a stray file, one late."""
    rel = released(cohort)
    archive = base / "mail.zip"
    on_time = (due - dt.timedelta(days=2)).timetuple()[:6]
    late = (due + dt.timedelta(days=2)).timetuple()[:6]
    with zipfile.ZipFile(archive, "w") as packed:
        for name, answer in BY_MAIL.items():
            info = zipfile.ZipInfo(f"inbox/{name}", date_time=late if name.startswith("P05") else on_time)
            packed.writestr(info, nbformat.writes(with_answer(rel, answer)))
        packed.writestr(zipfile.ZipInfo("inbox/unknown-person.ipynb", date_time=on_time),
                        nbformat.writes(with_answer(rel, FULL_ANSWER)))
        packed.writestr(zipfile.ZipInfo("inbox/notes.txt", date_time=on_time), "see you in Rome")
    return archive


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    base = tmp_path_factory.mktemp("cycle")
    kit = make_kit(base / "kit")
    kit_hash = hashlib.sha256((kit / "seminars" / SEMINAR / "demo.ipynb").read_bytes()).hexdigest()
    due = (dt.datetime.now() + dt.timedelta(days=1)).replace(microsecond=0, second=0)
    steps = {}
    steps["new"] = planet("cohort", "new", str(SAMPLE_ROSTER), "--name", "PLANET 2012-2013 test",
                          "--out", str(base / "A"), "--programme", "efc-2007-2013-m1-2",
                          "--due", f"{SEMINAR}={due:%Y-%m-%d %H:%M}", "--seminars-from", str(kit),
                          "--exchange", str(base / "exchange"))
    cohort = CohortCourse.load(base / "A")
    steps["release"] = planet("cohort", "release", SEMINAR, "--cohort", str(cohort.folder), "--exchange")
    for student, (answer, written) in BY_EXCHANGE.items():
        participant_hands_in(base, cohort, student, answer, written)
    steps["collect_exchange"] = planet("cohort", "collect", SEMINAR, "--cohort", str(cohort.folder), "--exchange")
    steps["collect_mail"] = planet("cohort", "collect", SEMINAR, "--cohort", str(cohort.folder),
                                   "--from", str(mail_zip(base, cohort, cohort.due(SEMINAR) + _utc_offset())))
    steps["grade"] = planet("grade", SEMINAR, "--cohort", str(cohort.folder), "--jobs", "2")
    steps["api_scores"] = [set_manual_grade(cohort, SEMINAR, "p01", "why_core", 2, "Clear reasoning."),
                           set_manual_grade(cohort, SEMINAR, "p03", "why_core", 1)]
    steps["set"] = planet("grades", "set", SEMINAR, "p02", "why_core", "1", "--cohort", str(cohort.folder))
    steps["feedback"] = planet("feedback", SEMINAR, "--cohort", str(cohort.folder), "--exchange")
    steps["export"] = planet("grades", "export", "--cohort", str(cohort.folder), "--xlsx")
    return base, kit, kit_hash, cohort, steps


def _utc_offset() -> dt.timedelta:
    """Due dates are kept in UTC; zip times are local."""
    return dt.datetime.now().astimezone().utcoffset() or dt.timedelta(0)


def test_a_new_cohort_from_the_sample_roster(cycle):
    _, _, _, cohort, steps = cycle
    code, out, err = steps["new"]
    assert code == 0, err
    assert "35 participants registered" in out
    assert "group g1-green-towns: Borgo San Lorenzo (lead), Cittadella" in out
    assert sorted(p.name for p in (cohort.folder / "groups").iterdir()) == [
        "g1-green-towns", "g2-generations", "g3-young-voices", "g4-citizens-at-home", "g5-shared-memory"]


def test_release_makes_a_zip_for_e_mail_and_an_exchange_copy_without_answers(cycle):
    base, _, _, cohort, steps = cycle
    code, out, err = steps["release"]
    assert code == 0, err
    with zipfile.ZipFile(cohort.outbox / f"{SEMINAR}.zip") as packed:
        names = packed.namelist()
        text = "".join(packed.read(n).decode("utf-8") for n in names)
    assert sorted(names) == [f"{SEMINAR}/READ-ME.txt", f"{SEMINAR}/demo.ipynb"]
    assert "p01.ipynb" in text and not any(secret in text for secret in SECRETS)
    outbound = base / "exchange" / cohort.info.course_id / "outbound" / SEMINAR / "demo.ipynb"
    assert outbound.is_file() and not any(secret in outbound.read_text() for secret in SECRETS)


def test_collecting_both_ways_reports_strays_late_hand_ins_and_who_is_missing(cycle):
    _, _, _, cohort, steps = cycle
    code, out, err = steps["collect_exchange"]
    assert code == 0, err
    assert "Collected 3 hand-in(s)" in out
    code, out, err = steps["collect_mail"]
    assert code == 1, err  # some files matched nobody
    assert "Collected 4 hand-in(s)" in out and "7 of 35 participants have handed in" in out
    assert "inbox/unknown-person.ipynb: the name matches no participant id" in out
    assert "inbox/notes.txt: not a notebook" in out
    assert "Late: p05" in out
    assert "Nothing handed in (28)" in out and "p07" in out
    assert sorted(p.parent.name for p in cohort.submitted().glob(f"*/{SEMINAR}")) == sorted(AUTO_POINTS)


def test_grading_scores_every_hand_in_and_reports_missing_and_late(cycle):
    _, _, _, cohort, steps = cycle
    code, out, err = steps["grade"]
    assert code == 0, out + err
    assert f"{SEMINAR}: 7 graded, 0 failed, 28 missing, 1 late" in out
    for student, points in AUTO_POINTS.items():
        assert course.autograded_score(SEMINAR, student, cohort.course_root, config=cohort.config) == (points, 2)


def test_each_grade_is_in_the_gradebook_once(cycle):
    from nbgrader.api import Grade, SubmittedAssignment

    cohort = cycle[3]
    with cohort.gradebook() as gb:
        subs = gb.db.query(SubmittedAssignment).all()
        assert sorted(s.student.id for s in subs) == sorted(AUTO_POINTS)
        assert gb.db.query(Grade).count() == 3 * len(AUTO_POINTS)  # two tests and one written answer each


def test_hand_marks_entered_through_the_api_and_the_command_count(cycle):
    _, _, _, cohort, steps = cycle
    assert steps["api_scores"] == [(4.0, 4.0), (3.0, 4.0)]
    code, out, err = steps["set"]
    assert code == 0, err and "now scores 2 of 4" in out
    assert course.score(SEMINAR, "p02", cohort.course_root, config=cohort.config) == (2.0, 4.0)


def test_a_manual_grade_out_of_range_or_for_an_unknown_cell_is_refused(cycle):
    cohort = cycle[3]
    code, _, err = planet("grades", "set", SEMINAR, "p03", "why_core", "7", "--cohort", str(cohort.folder))
    assert code == 2 and "0 to 2 points" in err
    code, _, err = planet("grades", "set", SEMINAR, "p03", "why_not", "1", "--cohort", str(cohort.folder))
    assert code == 2 and "why_core" in err
    code, _, err = planet("grades", "set", SEMINAR, "p09", "why_core", "1", "--cohort", str(cohort.folder))
    assert code == 2 and "p09 has handed in nothing" in err


def test_feedback_pages_are_ready_to_mail_and_released_to_the_exchange(cycle):
    base, _, _, cohort, steps = cycle
    code, out, err = steps["feedback"]
    assert code == 0, err
    pages = cohort.outbox / "feedback" / SEMINAR
    assert sorted(p.stem for p in pages.glob("*.html")) == sorted(AUTO_POINTS)
    p01 = (pages / "p01.html").read_text(encoding="utf-8")
    assert "Clear reasoning." in p01 and WRITTEN in p01
    for page in pages.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not any(secret in text for secret in SECRETS) and "BEGIN HIDDEN TESTS" not in text
    assert len(list((base / "exchange" / cohort.info.course_id / "feedback").glob("*.html"))) == 3
    assert "In the exchange for 3 participant(s)" in out
    assert "to send by e-mail (handed in by e-mail): p03, p04, p05, p06" in out


def _read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_export_tells_not_submitted_from_scored_zero(cycle):
    cohort = cycle[3]
    code, out, err = cycle[4]["export"]
    assert code == 0, err
    rows = {r["participant_id"]: r for r in _read_csv(cohort.folder / "grades" / "grades.csv")}
    assert len(rows) == 35
    assert (rows["p09"]["status"], rows["p09"]["score"]) == ("not submitted", "")
    assert (rows["p04"]["status"], rows["p04"]["score"]) == ("graded", "0.0")
    assert (rows["p01"]["status"], rows["p01"]["score"]) == ("graded", "4.0")
    assert float(rows["p05"]["late_hours"]) > 0 and float(rows["p03"]["late_hours"]) == 0
    assert rows["p29"]["first_name"] == "Ștefan"


def test_the_export_aggregates_per_working_group(cycle):
    cohort = cycle[3]
    groups = {r["group"]: r for r in _read_csv(cohort.folder / "grades" / "grades-by-group.csv")}
    g1 = groups["g1-green-towns"]  # p01 (4 points), p02 (2) and p08 (0) handed in; 4 did not
    assert (g1["members"], g1["handed_in"], g1["not_submitted"]) == ("7", "3", "4")
    assert float(g1["mean_score"]) == pytest.approx(2.0) and g1["lowest"] == "0.0" and g1["highest"] == "4.0"
    g5 = groups["g5-shared-memory"]  # only p06 handed in (1 point)
    assert (g5["handed_in"], g5["not_submitted"], g5["mean_score"]) == ("1", "6", "1.0")


def test_the_spreadsheet_has_people_grades_and_groups(cycle):
    from openpyxl import load_workbook

    book = load_workbook(cycle[3].folder / "grades" / "grades.xlsx")
    assert book.sheetnames == ["Participants", "Grades", "Groups"]
    people = {row[0]: row for row in book["Participants"].iter_rows(min_row=2, values_only=True)}
    assert people["p09"][4:6] == (None, "not submitted") and people["p04"][4:6] == (0, "graded")


def test_a_second_cohort_reuses_the_seminar_and_leaves_the_first_ones_grades_alone(cycle, tmp_path):
    base, kit, kit_hash, first, _ = cycle
    before = _all_grades(first)
    roster = tmp_path / "roster.csv"
    roster.write_text("participant_id,first_name,last_name,email,municipality,country,group\n"
                      "p01,Zofia,Nowak,z@example.org,Płońsk,PL,g1\n", encoding="utf-8")
    code, _, err = planet("cohort", "new", str(roster), "--name", "PLANET 2014", "--out", str(base / "B"),
                          "--seminars-from", str(kit))
    assert code == 0, err
    second = CohortCourse.load(base / "B")
    assert planet("cohort", "release", SEMINAR, "--cohort", str(second.folder))[0] == 0
    hand_in = write_hand_in(tmp_path / "mail", with_answer(released(second), WRONG_ANSWER))
    course.place_submission(SEMINAR, "p01", [hand_in], second.course_root, config=second.config)
    assert planet("grade", SEMINAR, "--cohort", str(second.folder))[0] == 0
    assert course.autograded_score(SEMINAR, "p01", second.course_root, config=second.config) == (0, 2)
    assert _all_grades(first) == before
    assert course.score(SEMINAR, "p01", first.course_root, config=first.config) == (4.0, 4.0)
    assert second.gradebook_url != first.gradebook_url
    for cohort in (first, second):
        copy = cohort.course_root / "seminars" / SEMINAR / "demo.ipynb"
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == kit_hash
    assert hashlib.sha256((kit / "seminars" / SEMINAR / "demo.ipynb").read_bytes()).hexdigest() == kit_hash


def _all_grades(cohort) -> list[tuple]:
    from nbgrader.api import Grade

    with cohort.gradebook() as gb:
        return sorted((g.student.id, g.name, g.auto_score, g.manual_score) for g in gb.db.query(Grade).all())


def test_releasing_again_after_hand_ins_needs_force(cycle):
    cohort = cycle[3]
    code, _, err = planet("cohort", "release", SEMINAR, "--cohort", str(cohort.folder))
    assert code == 2 and "already handed in" in err and "--force" in err


def test_a_cell_of_the_graded_copy_was_restored_from_the_gradebook(cycle):
    cohort = cycle[3]
    graded = nbformat.read(str(cohort.course_root / "autograded" / "p02" / SEMINAR / "demo.ipynb"), as_version=4)
    assert "BEGIN HIDDEN TESTS" in cell(graded, "cards_links").source
    assert os.stat(cohort.folder).st_mode & 0o077 == 0


def test_nbgrader_started_in_the_course_folder_sees_this_cohort_for_the_formgrader(cycle):
    """The formgrader ('jupyter lab' in course/) reads course/nbgrader_config.py like any nbgrader tool."""
    import subprocess
    import sys

    cohort = cycle[3]
    nbgrader = Path(sys.executable).with_name("nbgrader")
    done = subprocess.run([str(nbgrader), "db", "student", "list"], cwd=cohort.course_root, capture_output=True,
                          text=True, timeout=600, env={k: v for k, v in os.environ.items() if not k.startswith("PLANET_")})
    assert done.returncode == 0, done.stderr
    assert "There are 35 students in the database" in done.stdout
    assert "p29 (Ionescu, Ștefan)" in done.stdout


def test_notebooks_saved_in_a_folder_are_collected_by_id_in_any_case(cycle, tmp_path):
    cohort = cycle[3]
    folder = tmp_path / "saved from mail"
    write_hand_in(folder / "P07", with_answer(released(cohort), FULL_ANSWER))  # P07/demo.ipynb
    (folder / "p09.ipynb").write_text(nbformat.writes(with_answer(released(cohort), FULL_ANSWER)))
    code, out, _ = planet("cohort", "collect", SEMINAR, "--cohort", str(cohort.folder), "--from", str(folder))
    assert code == 0 and "Collected 2 hand-in(s)" in out and "9 of 35 participants have handed in" in out
    assert (cohort.submitted(SEMINAR, "p07") / "demo.ipynb").is_file()
    assert (cohort.submitted(SEMINAR, "p09") / "timestamp.txt").is_file()
