"""`planet cohort`: start a cohort from its roster, release seminars, collect hand-ins."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_cohort_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cohort", type=Path, metavar="DIR",
                        help="the cohort folder made by 'planet cohort new' (default: the current folder)")


def problem(message: str) -> int:
    """A problem the person can fix: a plain message and exit status 2."""
    print(message, file=sys.stderr)
    return 2


def register(sub) -> None:
    cohort = sub.add_parser("cohort", help="start a cohort, release seminars, collect hand-ins",
                            description="Run a cohort of the course with nbgrader: make the cohort from its "
                                        "roster, release each seminar, collect what participants hand in.")
    steps = cohort.add_subparsers(title="steps", metavar="STEP")
    cohort.set_defaults(run=lambda _args: cohort.print_help() or 2)

    new = steps.add_parser("new", help="make a cohort folder, its groups and gradebook from a roster",
                           description="Make a cohort folder from a roster file (roster.csv columns: "
                                       "participant_id, first_name, last_name, email, municipality, country, "
                                       "group, and optionally role = lead). Every unusable row is reported at "
                                       "once and nothing is made until the roster is usable. Exit status: 0 made, "
                                       "2 unusable roster or options.")
    new.add_argument("roster", type=Path, help="the roster file (CSV)")
    new.add_argument("--name", required=True, help="the cohort's name, e.g. \"PLANET 2013 Rome\"")
    new.add_argument("--out", required=True, type=Path, metavar="COHORT_DIR", help="the new cohort folder")
    new.add_argument("--programme", default="", help="the programme rule set id, e.g. efc-2007-2013-m1-2")
    new.add_argument("--course-id", default="", help="nbgrader course id (default: made from --name)")
    new.add_argument("--due", action="append", default=[], metavar="SEMINAR=DATE",
                     help="a seminar's due date, e.g. 01_programming=2013-03-01 (the end of that day) "
                          "or 01_programming=\"2013-03-01 12:00\"; repeat for each seminar")
    new.add_argument("--exchange", metavar="DIR", help="nbgrader exchange folder of a shared machine or hub")
    new.add_argument("--seminars-from", type=Path, metavar="KIT_DIR",
                     help="the folder holding seminars/ (default: this kit)")
    new.set_defaults(run=run_new)

    rel = steps.add_parser("release", help="make the participants' copies of a seminar (zip and/or exchange)",
                           description="Make the participants' copies of a seminar: outbox/<seminar>.zip to send, "
                                       "and with --exchange the copy participants fetch in JupyterLab. "
                                       "Exit status: 0 released, 1 a copy would show answers (not released), "
                                       "2 unusable input.")
    rel.add_argument("seminar", help="the seminar id, e.g. 01_programming")
    add_cohort_option(rel)
    rel.add_argument("--exchange", nargs="?", const="", metavar="DIR",
                     help="also put it in nbgrader's exchange (the cohort's, or DIR)")
    rel.add_argument("--force", action="store_true",
                     help="release again although participants have already handed in")
    rel.set_defaults(run=run_release)

    col = steps.add_parser("collect", help="take in hand-ins from the exchange or from e-mailed notebooks",
                           description="Take in what participants handed in: from nbgrader's exchange "
                                       "(--exchange) or from a folder or zip of e-mailed notebooks named by "
                                       "participant id (--from), e.g. p07.ipynb, p07_<notebook>.ipynb or "
                                       "p07/<notebook>.ipynb. Reports files that match nobody, late hand-ins "
                                       "and who has handed in nothing. Exit status: 0 all matched, 1 some "
                                       "files matched nobody, 2 unusable input.")
    col.add_argument("seminar", help="the seminar id")
    add_cohort_option(col)
    how = col.add_mutually_exclusive_group(required=True)
    how.add_argument("--exchange", nargs="?", const="", metavar="DIR", help="collect from nbgrader's exchange")
    how.add_argument("--from", dest="source", type=Path, metavar="PATH",
                     help="a folder or zip of e-mailed notebooks")
    col.add_argument("--groups-from", metavar="DIR",
                     help="where the groups' folders are, when not in the cohort folder (e.g. a shared folder "
                          "on the hub): the first collection keeps a copy of them for grading")
    col.set_defaults(run=run_collect)


def _due(values: list[str]) -> dict[str, str] | str:
    out = {}
    for value in values:
        seminar, sep, date = value.partition("=")
        if not sep or not seminar.strip() or not date.strip():
            return f"planet cohort new: --due {value!r} must look like 01_programming=2013-03-01."
        out[seminar.strip()] = date.strip()
    return out


def run_new(args: argparse.Namespace) -> int:
    from ..cohort_ops.create import new_cohort

    due = _due(args.due)
    if isinstance(due, str):
        return problem(due)
    made = new_cohort(args.roster, args.name, args.out, programme=args.programme, due=due,
                      course_id=args.course_id, kit_root=args.seminars_from, exchange=args.exchange)
    cohort = made.cohort
    print(f"Made the cohort '{cohort.info.name}' in {cohort.folder} (course id {cohort.info.course_id}).")
    print(f"  {len(made.roster.participants)} participants registered in the gradebook "
          f"({cohort.course_root / 'gradebook.db'}).")
    for seminar in cohort.info.seminars:
        due_text = seminar.extra.get("due")
        print(f"  seminar {seminar.id}: " + (f"due {due_text}" if due_text else "no due date"))
    for group, partners in made.groups.items():
        print(f"  group {group}: {', '.join(partners)}")
    if made.notes:
        print("To look at in the roster:")
        for note in made.notes:
            print(f"  - {note}")
    print(f"Next: planet cohort release <seminar> --cohort {cohort.folder}")
    return 0


def _cohort(args):
    from ..cohort_ops.layout import find_cohort

    cohort = find_cohort(args.cohort)
    if getattr(args, "exchange", None):
        cohort.use_exchange(args.exchange)
    return cohort


def run_release(args: argparse.Namespace) -> int:
    from ..cohort_ops.release import ReleaseRefused, release
    from ..course import CourseError

    cohort = _cohort(args)
    try:
        done = release(cohort, args.seminar, exchange=args.exchange is not None, force=args.force)
    except (ReleaseRefused, CourseError) as exc:
        return problem(f"planet cohort release: {exc}")
    if done.warnings:
        print(f"{args.seminar} was NOT released: the participants' copy would show answers or notes.")
        for warning in done.warnings:
            print(f"  - {warning}")
        return 1
    print(f"Released {args.seminar}: {len(done.notebooks)} notebook(s) ({', '.join(done.notebooks)}).")
    print(f"  To send: {done.archive}")
    if done.exchange:
        print(f"  In the exchange {done.exchange} as course {cohort.info.course_id}: participants fetch it "
              "in JupyterLab (Assignments tab).")
        if not cohort.exchange_in_file:
            cohort.remember_exchange(done.exchange)
            print(f"  Kept in cohort.yaml (exchange: {done.exchange}): 'collect --exchange' finds it.")
        elif done.exchange != cohort.exchange_in_file:
            print(f"  cohort.yaml names another exchange ({cohort.exchange_in_file}), left as it is: give "
                  f"--exchange {done.exchange} again when you collect.")
    return 0


def run_collect(args: argparse.Namespace) -> int:
    from ..cohort_ops.collect import collect_exchange, collect_files
    from ..course import CourseError

    cohort = _cohort(args)
    try:
        done = collect_files(cohort, args.seminar, args.source, args.groups_from) if args.source else \
            collect_exchange(cohort, args.seminar, args.groups_from)
    except CourseError as exc:
        return problem(f"planet cohort collect: {exc}")
    print(f"Collected {len(done.collected)} hand-in(s) of {args.seminar}; "
          f"{len(done.handed_in)} of {len(cohort.roster.ids)} participants have handed in.")
    if done.groups_kept:
        print(f"Kept a copy of the groups' folders as they are now, for grading: {done.groups_kept}")
    print_attention(done.unmatched, done.late, done.missing)
    return 1 if done.unmatched else 0


def print_attention(unmatched, late: dict, missing: list) -> None:
    if unmatched:
        print("Matched nobody (not taken in):")
        for line in unmatched:
            print(f"  - {line}")
    if late:
        print("Late: " + ", ".join(f"{pid} ({hours:.1f} h)" for pid, hours in sorted(late.items())))
    if missing:
        print(f"Nothing handed in ({len(missing)}): {', '.join(missing)}")
