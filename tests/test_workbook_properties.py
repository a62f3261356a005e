"""Random and corrupted workbook files only ever give a WorkbookError, and are never changed.

Whatever a spreadsheet program, a text editor or a careless copy produces, the kit must
answer with one clear message (or read the file), never crash with another exception, and
never touch the file.  Files that load must also survive every check.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planet_lib import Group, WorkbookError, check_group
from planet_lib.workbook.group import Cohort

VALID = {
    "group.yaml": (
        "id: t1\nname: Test network\ntheme: Environment\nprogramme: efc-2007-2013-m1-2\nstart: 2013-03\n"
        "duration_months: 18\npartners:\n  - {municipality: Lucca, country: IT, role: lead}\n"
        "  - {municipality: Kraków, country: PL}\n  - {municipality: Västerås, country: SE}\n"
        "  - {municipality: Cluj-Napoca, country: RO}\n"),
    "stakeholders.csv": (
        "id,name,category,characteristics,interests,capacity,motivation,importance,influence,actions\n"
        "S1,Mayor of Lucca,public,Elected,Re-election,High,+,5,5,Involve in steering group\n"
        "S2,Youth council,civil society,Volunteers,Jobs,Low,+,4,2,Fund travel\n"),
    "problems.csv": (
        "id,statement,leads_to,core\nP1,Young people leave the towns,,\nP2,Youth unemployment is high,P1,yes\n"
        "P3,Local firms hire few apprentices,P2,\n"),
    "objectives.csv": (
        "id,statement,leads_to,from_problem,cluster\nO1,Young people stay in the towns,,P1,\n"
        "O2,Youth unemployment is reduced,O1,P2,S1\nO3,Local firms hire more apprentices,O2,P3,S1\n"),
    "strategy.yaml": (
        "criteria:\n  - {id: cost, weight: 2}\n  - {id: impact, weight: 3}\noptions:\n"
        "  - {id: S1, name: Apprenticeships, objectives: [O2, O3], scores: {cost: 3, impact: 4}}\n"
        "  - {id: S2, name: Youth centres, objectives: [O1], scores: {cost: 2, impact: 2}}\nselected: S1\n"),
    "logframe.yaml": (
        "template: ec-2004\noverall_objectives:\n  - id: OO1\n    text: Young people stay in the towns\n"
        "specific_objectives:\n  - id: SO1\n    text: Youth unemployment is reduced\n    indicators:\n"
        "      - {text: Unemployment rate of 18-25 year olds, unit: '%', baseline: '24', target: '20', by: 2014-12,"
        " source: National statistics office}\n    assumptions: [Regional labour market stays stable]\n"
        "results:\n  - id: R1\n    text: Firms in 7 towns run apprenticeship schemes\npreconditions: [Councils approve the network]\n"),
    "activities.csv": (
        "id,result,title,start_month,end_month,kind,lead,country,days,participants,means\n"
        "A1,R1,Hold a kick-off seminar,2,2,event,Lucca,IT,3,40,Venue\nA2,R1,Write the guide,3,8,task,Kraków,PL,,,Staff\n"
        "M1,R1,Guide published,8,8,milestone,,,,,\n"),
    "budget.csv": "activity,item,category,quantity,unit_cost\nA1,Hotel nights,accommodation,80,65\nA2,Editor,staff,20,\"150,00\"\n",
}

NAMES = sorted(VALID)


def _write_group(root: Path, files: dict[str, bytes]) -> Path:
    folder = root / "t1"
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def _load_and_check(files: dict[str, bytes]) -> None:
    root = Path(tempfile.mkdtemp())
    try:
        folder = _write_group(root, files)
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        try:
            group = Group.load(folder)
        except WorkbookError as exc:
            assert exc.problems and str(exc)
        else:
            check_group(group)
        after = {p.name: p.read_bytes() for p in folder.iterdir()}
        assert after == before
    finally:
        shutil.rmtree(root)


def _mutate(data: bytes, position: int, junk: bytes, cut: int) -> bytes:
    position %= len(data) + 1
    return data[:position] + junk + data[position + cut:]


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(name=st.sampled_from(NAMES), position=st.integers(0, 10_000), junk=st.binary(max_size=12),
       cut=st.integers(0, 20))
def test_corrupted_bytes_give_only_workbook_errors(name, position, junk, cut):
    files = {n: t.encode("utf-8") for n, t in VALID.items()}
    files[name] = _mutate(files[name], position, junk, cut)
    _load_and_check(files)


TEXT_JUNK = st.lists(st.sampled_from(list(',;\t"\'\n\r:-[]{}#&*!|>%@ abc12.5éąș\u00a0~') + ["yes", "NO", "- ", ": "]),
                     max_size=15).map("".join)


@SETTINGS
@given(name=st.sampled_from(NAMES), position=st.integers(0, 10_000), junk=TEXT_JUNK, cut=st.integers(0, 10),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1250", "cp1252"]))
def test_corrupted_text_in_any_encoding_gives_only_workbook_errors(name, position, junk, cut, encoding):
    files = {n: t.encode("utf-8") for n, t in VALID.items()}
    text = _mutate(VALID[name].encode("utf-8"), position, junk.encode("utf-8"), cut).decode("utf-8", "replace")
    files[name] = text.encode(encoding, errors="replace")
    _load_and_check(files)


@SETTINGS
@given(name=st.sampled_from(NAMES), content=st.binary(max_size=300))
def test_random_files_give_only_workbook_errors(name, content):
    files = {n: t.encode("utf-8") for n, t in VALID.items()}
    files[name] = content
    _load_and_check(files)


@settings(max_examples=60, deadline=None)
@given(roster=st.binary(max_size=200), cohort=TEXT_JUNK)
def test_random_cohort_files_give_only_workbook_errors(roster, cohort):
    root = Path(tempfile.mkdtemp())
    try:
        (root / "cohort.yaml").write_text("name: Test\nprogramme: efc-2007-2013-m1-2\n" + cohort, encoding="utf-8")
        (root / "roster.csv").write_bytes(roster)
        _write_group(root / "groups", {n: t.encode() for n, t in VALID.items()})
        before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
        try:
            Cohort.load(root)
        except WorkbookError as exc:
            assert exc.problems
        assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before
    finally:
        shutil.rmtree(root)


def test_the_valid_files_load():
    root = Path(tempfile.mkdtemp())
    try:
        folder = _write_group(root, {n: t.encode() for n, t in VALID.items()})
        group = Group.load(folder)
        assert len(group.problems) == 3 and group.budget[1].unit_cost == 150
        assert group.logframe.specific_objectives[0].indicators[0].by == "2014-12"
    finally:
        shutil.rmtree(root)
