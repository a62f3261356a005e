"""`planet grades`: enter a trainer's points, export the cohort's grades."""

from __future__ import annotations

import argparse

from .cohort import add_cohort_option, problem


def register(sub) -> None:
    grades = sub.add_parser("grades", help="enter hand-marked points; export grades (CSV, Excel)",
                            description="Marks of a cohort: enter the points of a hand-marked answer, or export "
                                        "every participant's and every working group's grades.")
    steps = grades.add_subparsers(title="steps", metavar="STEP")
    grades.set_defaults(run=lambda _args: grades.print_help() or 2)

    export = steps.add_parser("export", help="write grades.csv, grades-by-group.csv (and grades.xlsx)",
                              description="Write the grades per participant and seminar (grades.csv) and per "
                                          "working group and seminar (grades-by-group.csv); 'not submitted' is "
                                          "never shown as 0. Exit status: 0 written.")
    add_cohort_option(export)
    export.add_argument("--xlsx", action="store_true", help="also write grades.xlsx (one sheet per view)")
    export.add_argument("--out", metavar="DIR", help="where to write (default: <cohort>/grades)")
    export.set_defaults(run=run_export)

    put = steps.add_parser("set", help="give points for a hand-marked answer",
                           description="Give the points of one hand-marked answer (the cell's id, as shown in "
                                       "the formgrader), with an optional comment for the participant. "
                                       "Exit status: 0 entered, 2 unknown seminar, participant or cell.")
    put.add_argument("seminar", help="the seminar id")
    put.add_argument("participant", help="the participant id")
    put.add_argument("cell", help="the hand-marked cell's id as the formgrader shows it, "
                                  "e.g. reflection_answer (seminar 1)")
    put.add_argument("points", type=float, help="the points given")
    put.add_argument("--comment", help="a comment the participant sees in the feedback")
    add_cohort_option(put)
    put.set_defaults(run=run_set)


def run_export(args: argparse.Namespace) -> int:
    from ..cohort_ops.grades import export
    from ..cohort_ops.layout import find_cohort

    written = export(find_cohort(args.cohort), args.out, xlsx=args.xlsx)
    for path in written:
        print(f"Wrote {path}")
    return 0


def run_set(args: argparse.Namespace) -> int:
    from ..cohort_ops.grades import GradeEntryError, set_manual_grade
    from ..cohort_ops.layout import find_cohort

    cohort = find_cohort(args.cohort)
    cohort.seminar(args.seminar)
    try:
        score, maximum = set_manual_grade(cohort, args.seminar, args.participant, args.cell, args.points,
                                          args.comment)
    except GradeEntryError as exc:
        return problem(f"planet grades set: {exc}")
    print(f"{args.participant}, {args.seminar}: {args.cell} = {args.points:g}; "
          f"the hand-in now scores {score:g} of {maximum:g}.")
    return 0
