"""`planet cohort new`: a cohort folder, its groups and its gradebook, made from a roster.

Everything is checked first (the roster, the options, the target folder) and every problem
is reported at once; nothing is created until all is usable. The cohort is then built in a
hidden folder next to the target and renamed into place at the end, so an interruption
never leaves half a cohort behind.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import cohort as cohort_mod
from ..course import KIT_ROOT, seminar_ids, source_notebooks
from ..errors import InputProblem, WorkbookError
from ..network import Network, Partner
from ..workbook import convert, yamlfile
from ..workbook.group import GROUPS_DIR
from . import gradebook as gradebook_mod
from .layout import COURSE_DIR, CohortCourse, parse_due
from .roster import NBGRADER_ID, Roster, read_roster, suggest_id

OPTIONS = "command line"  # where option problems are reported


@dataclass
class NewCohort:
    """What `new_cohort` made, for the command to report."""

    cohort: CohortCourse
    roster: Roster
    groups: dict[str, list[str]] = field(default_factory=dict)  # group -> partner municipalities
    notes: list[str] = field(default_factory=list)


def new_cohort(roster_file: str | Path, name: str, out: str | Path, *, programme: str = "",
               due: dict[str, str] | None = None, course_id: str = "", kit_root: str | Path | None = None,
               exchange: str | None = None, currency: str = "EUR") -> NewCohort:
    """Make a cohort folder from a roster; see the module docstring."""
    kit = Path(kit_root or KIT_ROOT).resolve()
    out = Path(out).resolve()
    course_id = course_id or suggest_id(name)[:40]
    due = due or {}
    roster, problems = _read(roster_file)
    problems += _check_options(name, out, kit, due, course_id)
    if problems:
        raise WorkbookError(problems, "The roster and options")
    seminars = seminar_ids(kit)
    build = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        os.chmod(build, 0o700)
        info = {"name": name, "course_id": course_id, "programme": programme, "currency": currency,
                "kit": str(kit), **({"exchange": str(exchange)} if exchange else {}),
                "seminars": [_seminar_entry(kit, s, due.get(s)) for s in seminars]}
        _write_cohort_yaml(build, info)
        shutil.copy(roster_file, build / cohort_mod.ROSTER_FILE)
        groups = _write_groups(build, roster, programme)
        _make_course(build, course_id, roster, {s: parse_due(due[s]) if s in due else None for s in seminars})
        _write_course_config(build / COURSE_DIR, course_id, exchange)
        if out.exists():
            out.rmdir()  # empty, checked above
        os.replace(build, out)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    return NewCohort(CohortCourse.load(out), roster, groups, list(roster.notes))


# --- checks before anything is made --------------------------------------------------------

def _read(roster_file) -> tuple[Roster | None, list[InputProblem]]:
    path = Path(roster_file)
    if not path.is_file():
        return None, [InputProblem(str(path), None, None, None, "the roster file does not exist; check the path")]
    try:
        return read_roster(path, path.name), []
    except WorkbookError as exc:
        return None, exc.problems


def _check_options(name: str, out: Path, kit: Path, due: dict[str, str], course_id: str) -> list[InputProblem]:
    found = []

    def add(option, seen, expected):
        found.append(InputProblem(OPTIONS, None, option, seen, expected))

    if not name.strip():
        add("--name", None, "give the cohort a name, e.g. --name \"PLANET 2013 Rome\"")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        add("--out", str(out), "the cohort folder must be new (or empty): a cohort is never made over another")
    if not out.parent.is_dir():
        add("--out", str(out), "the folder that should hold the cohort folder does not exist")
    if not NBGRADER_ID.match(course_id):
        add("--course-id", course_id, "letters A-Z and a-z, digits, '_' and '-' only, e.g. planet-2013")
    seminars = seminar_ids(kit)
    if not seminars:
        add("--seminars-from", str(kit), "a folder holding seminars/<seminar>/ notebooks (the kit's folder)")
    for seminar, when in due.items():
        if seminar not in seminars:
            add("--due", f"{seminar}={when}", f"a seminar of the kit: {', '.join(seminars) or 'none found'}")
        try:
            parse_due(when)
        except ValueError as exc:
            add("--due", f"{seminar}={when}", str(exc))
    return found


# --- what is made --------------------------------------------------------------------------

def _seminar_entry(kit: Path, seminar: str, due: str | None) -> dict:
    entry = {"id": seminar, "title": _title(kit, seminar)}
    if due:
        entry["due"] = due
    return entry


def _title(kit: Path, seminar: str) -> str:
    """The first heading of the seminar's first notebook (e.g. '# Identification: ...')."""
    for notebook in source_notebooks(seminar, kit):
        try:
            cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue
        for cell in cells:
            if cell.get("cell_type") == "markdown":
                source = "".join(cell.get("source", ""))
                heading = re.search(r"^#+\s+(.+)$", source, re.M)
                if heading:
                    return heading.group(1).strip()
    return ""


def _write_cohort_yaml(folder: Path, info: dict) -> None:
    text = "# Made by 'planet cohort new'. Seminars come from the kit folder named under 'kit'.\n"
    text += yamlfile.dump(info)
    (folder / cohort_mod.FILE).write_text(text, encoding="utf-8")


def _write_groups(folder: Path, roster: Roster, programme: str) -> dict[str, list[str]]:
    """groups/<group>/group.yaml: the group's municipalities as partners, one of them the lead."""
    made = {}
    for group, members in roster.by_group().items():
        partners: list[Partner] = []
        seen = set()
        for p in members:
            key = (p.municipality.casefold(), p.country)
            if p.municipality and key not in seen:
                seen.add(key)
                partners.append(Partner(p.municipality, p.country, "partner"))
        lead = next((p for p in members if p.participant_id in roster.leads), None)
        lead_key = (lead.municipality.casefold(), lead.country) if lead else None
        for i, partner in enumerate(partners):
            if (lead_key is None and i == 0) or (partner.municipality.casefold(), partner.country) == lead_key:
                partner.role = "lead"
        network = Network(id=group, name=f"Working group {group}", programme=programme, partners=partners)
        target = folder / GROUPS_DIR / group
        target.mkdir(parents=True)
        text = ("# Made by 'planet cohort new' from the roster: write the network's name, theme, start\n"
                "# and duration; the lead is the roster's 'role: lead' municipality, else the first one.\n")
        (target / "group.yaml").write_text(text + yamlfile.dump(convert.network_to_data(network)), encoding="utf-8")
        made[group] = [p.municipality + (" (lead)" if p.role == "lead" else "") for p in partners]
    return made


COURSE_CONFIG = """\
# Made by 'planet cohort new': nbgrader's settings for this cohort's course folder. nbgrader's
# tools started in this folder read it, among them the formgrader for hand-marking
# ('jupyter lab' here, then Nbgrader > Formgrader). The kit's settings come first.
import os

c = get_config()  # noqa: F821
load_subconfig({kit_config!r})  # noqa: F821
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(c.CourseDirectory.root, "gradebook.db")
c.CourseDirectory.course_id = {course_id!r}
c.OverwriteCells.add_missing_cells = True
"""


def _write_course_config(root: Path, course_id: str, exchange: str | None) -> None:
    """course/nbgrader_config.py, so nbgrader run inside the course folder sees this cohort."""
    text = COURSE_CONFIG.format(kit_config=str(KIT_ROOT / "nbgrader_config.py"), course_id=course_id)
    if exchange:
        text += f"c.Exchange.root = {str(Path(exchange).resolve())!r}\n"
    (root / "nbgrader_config.py").write_text(text, encoding="utf-8")


def _make_course(folder: Path, course_id: str, roster: Roster, seminars: dict) -> None:
    """The nbgrader course folder with its gradebook: participants and seminars registered."""
    root = folder / COURSE_DIR
    root.mkdir(mode=0o700)
    url = f"sqlite:///{root / 'gradebook.db'}"
    gradebook_mod.create_gradebook(url, course_id)
    from nbgrader.api import Gradebook

    with Gradebook(url, course_id) as gb:
        gradebook_mod.register(gb, roster, seminars)
