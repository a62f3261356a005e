"""`planet grade`: grade every hand-in of a seminar, in parallel, each grade recorded once."""

from __future__ import annotations

import argparse
import os
import sys

from .cohort import add_cohort_option, problem

LOUD = "!" * 78


def register(sub) -> None:
    grade = sub.add_parser("grade", help="grade every hand-in of a seminar (in parallel)",
                           description="Grade every hand-in of a seminar with nbgrader, several at a time, each "
                                       "in a walled-off kernel (time, memory and process limits; a separate "
                                       "account when run as root). Hand-ins already graded are skipped, so after "
                                       "an interruption run the same command again. Exit status: 0 all graded, "
                                       "1 some could not be graded, 2 unusable input, 130 interrupted.")
    grade.add_argument("seminar", help="the seminar id, e.g. 01_programming")
    add_cohort_option(grade)
    grade.add_argument("--jobs", "-j", type=int, default=None,
                       help=f"hand-ins graded at the same time (default: the number of cores, {os.cpu_count()})")
    grade.add_argument("--only", nargs="+", metavar="ID", help="grade only these participants")
    grade.add_argument("--force", action="store_true", help="grade again hand-ins already graded")
    grade.add_argument("--timeout", type=int, metavar="SECONDS",
                       help="seconds one cell may run (default: Execute.timeout of nbgrader_config.py)")
    grade.add_argument("--memory", type=int, default=2048, metavar="MB", help="memory per kernel (default 2048)")
    grade.add_argument("--no-account", action="store_true",
                       help="run kernels under your own account, with limits only (refused as root)")
    grade.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..cohort_ops.grade import GradingInterrupted, NotReleased, RootRefused, grade_seminar
    from ..cohort_ops.isolation import Limits
    from ..cohort_ops.layout import find_cohort

    if args.jobs is not None and args.jobs < 1:
        return problem("planet grade: --jobs must be 1 or more.")
    cohort = find_cohort(args.cohort)
    try:
        done = grade_seminar(cohort, args.seminar, jobs=args.jobs, force=args.force, only=args.only,
                             limits=Limits(memory_mb=args.memory), timeout=args.timeout,
                             use_accounts=not args.no_account, progress=True)
    except (NotReleased, RootRefused) as exc:
        return problem(f"planet grade: {exc}")
    except GradingInterrupted as exc:
        print_summary(exc.run)
        print("Interrupted. The grades above are recorded; run the same command again to grade the rest.",
              file=sys.stderr)
        return 130
    print_summary(done)
    return 1 if done.count("failed") else 0


def print_summary(done) -> None:
    iso = done.isolation
    if iso is not None and not iso.with_accounts:
        print(f"{LOUD}\nWARNING: participants' code ran under YOUR account, with limits only: it could read "
              f"whatever you can read.\nWhy: {iso.reason}.\nGrade as root (an unprivileged account is then "
              f"used) or in a container: see docs/trainer-guide-cohort.md.\n{LOUD}")
    if iso is not None:
        for change in iso.changes:
            print(f"Closed to the grading account: {change}")
        for still in iso.exposed:
            print(f"{LOUD}\nWARNING: answers may be readable by participants' code: {still}\n{LOUD}")
    graded = [r for r in done.results.values() if r.status == "graded"]
    skipped = [r for r in done.results.values() if r.status == "skipped"]
    failed = [r for r in done.results.values() if r.status == "failed"]
    print(f"{done.seminar}: {len(graded)} graded, {len(failed)} failed, {len(done.missing)} missing, "
          f"{len(done.late)} late" + (f", {len(skipped)} already graded (skipped)" if skipped else "")
          + (f" ({done.jobs} at a time)" if done.jobs else ""))
    for r in sorted(graded, key=lambda r: r.student):
        if r.notes or r.late_hours > 0:
            extra = [f"{r.late_hours:.1f} h late"] if r.late_hours > 0 else []
            print(f"  {r.student}: {r.score:g} of {r.max_score:g} points; " + "; ".join(extra + r.notes))
    for r in sorted(failed, key=lambda r: r.student):
        print(f"  {r.student}: NOT graded: " + "; ".join(r.notes))
    if done.missing:
        print(f"  Nothing handed in: {', '.join(done.missing)}")
    for stranger in done.strangers:
        print(f"  Not on the roster, not graded: {stranger}")
