"""`planet feedback`: per-participant feedback pages, free of hidden tests and answers."""

from __future__ import annotations

import argparse

from .cohort import add_cohort_option


def register(sub) -> None:
    feedback = sub.add_parser("feedback", help="write each graded participant's feedback page",
                              description="Write one feedback page per graded participant in "
                                          "outbox/feedback/<seminar>/<participant id>.html, ready to send by "
                                          "e-mail (and with --exchange, for participants to fetch in JupyterLab). "
                                          "Pages never show hidden tests, mark schemes, trainer notes or what a "
                                          "submission printed. Exit status: 0 written, 1 some pages withheld.")
    feedback.add_argument("seminar", help="the seminar id")
    add_cohort_option(feedback)
    feedback.add_argument("--exchange", nargs="?", const="", metavar="DIR",
                          help="also put the pages in nbgrader's exchange")
    feedback.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..cohort_ops.feedback import write_feedback
    from ..cohort_ops.layout import find_cohort

    cohort = find_cohort(args.cohort)
    if args.exchange:
        cohort.use_exchange(args.exchange)
    done = write_feedback(cohort, args.seminar, exchange=args.exchange is not None)
    if not done.pages and not done.withheld:
        print(f"No graded hand-ins of {args.seminar} yet: run 'planet grade {args.seminar}' first.")
        return 0
    folder = next(iter(done.pages.values())).parent if done.pages else None
    print(f"Wrote {len(done.pages)} feedback page(s) for {args.seminar}" + (f" in {folder}" if folder else "") + ".")
    if args.exchange is not None:
        by_mail = sorted(set(done.pages) - set(done.exchange))
        print(f"  In the exchange for {len(done.exchange)} participant(s) (they fetch it in JupyterLab)"
              + (f"; to send by e-mail (handed in by e-mail): {', '.join(by_mail)}" if by_mail else "") + ".")
    for student, why in sorted(done.withheld.items()):
        print(f"  {student}: no page: {why}")
    return 1 if done.withheld else 0
