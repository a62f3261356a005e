"""A cohort's gradebook: made quickly, filled with the roster and the seminars.

nbgrader makes a new gradebook by running the ``alembic`` command to learn the database
version, which costs seconds (more on a busy machine). `create_gradebook` reads that version
from nbgrader's own migration files instead and writes the same tables and version mark;
when the files cannot be read that way it leaves the work to nbgrader.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path


def alembic_head() -> str | None:
    """The newest gradebook version nbgrader knows (the migration no other one follows)."""
    import nbgrader

    versions = Path(nbgrader.__file__).parent / "alembic" / "versions"
    revisions, parents = set(), set()
    for script in versions.glob("*.py"):
        text = script.read_text(encoding="utf-8")
        rev = re.search(r"^revision\s*=\s*['\"]([0-9a-f]+)['\"]", text, re.M)
        down = re.search(r"^down_revision\s*=\s*['\"]([0-9a-f]+)['\"]", text, re.M)
        if rev:
            revisions.add(rev.group(1))
        if down:
            parents.add(down.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def create_gradebook(db_url: str, course_id: str) -> None:
    """A new, empty gradebook at `db_url`, as nbgrader would make it."""
    from nbgrader.api import Base, Gradebook
    from sqlalchemy import create_engine, inspect, text

    from ..nbgrader_ext import ensure_scripts_on_path

    head = alembic_head()
    engine = create_engine(db_url)
    try:
        if head and not inspect(engine).get_table_names():
            Base.metadata.create_all(bind=engine)
            with engine.begin() as conn:
                conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
                conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": head})
    finally:
        engine.dispose()
    ensure_scripts_on_path()
    Gradebook(db_url, course_id).close()
    ensure_default_course(db_url)


def ensure_default_course(db_url: str) -> None:
    """nbgrader's grading steps open the gradebook without a course id, which adds a course
    "default_course" on first use; made here once, so grading workers only ever read."""
    from nbgrader.api import Gradebook

    Gradebook(db_url).close()


def register(gb, roster, seminars: dict[str, dt.datetime | None]) -> None:
    """Participants as nbgrader students, seminars as assignments with their due dates."""
    for p in roster.participants:
        gb.update_or_create_student(p.participant_id, first_name=p.first_name or None,
                                    last_name=p.last_name or None, email=p.email or None)
    for seminar, due in seminars.items():
        gb.update_or_create_assignment(seminar, duedate=due)


def submission_or_none(gb, seminar: str, student: str):
    from nbgrader.api import MissingEntry

    try:
        return gb.find_submission(seminar, student)
    except MissingEntry:
        return None
