"""`planet assemble`: every working group's report and the cohort showcase, from one template notebook."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub) -> None:
    cmd = sub.add_parser(
        "assemble", help="build every group's report (HTML, spreadsheet, summary) and the cohort showcase",
        description="Run the report notebook (dissemination/group_report.ipynb) once per working group with "
                    "papermill, in parallel, and then the cohort showcase (dissemination/cohort_showcase.ipynb). "
                    "Each group gets a folder with the executed notebook, the report as HTML without code, the "
                    "spreadsheet for partners and summary.json. Groups whose files did not change since the last "
                    "run are skipped. Exit status: 0 all reports built, 1 a report failed (the others are still "
                    "built, and its notebook shows the error), 2 the cohort folder cannot be used.")
    cmd.add_argument("cohort", nargs="?", type=Path, help="the cohort folder (default: the sample cohort)")
    cmd.add_argument("--groups", nargs="+", metavar="GROUP", help="only these groups (folder names)")
    cmd.add_argument("--out", type=Path, metavar="DIR",
                     help="the output folder (default: build/<cohort folder name> under the current folder)")
    cmd.add_argument("--jobs", "-j", type=int, metavar="N", help="reports built at the same time "
                                                                  "(default: the number of processor cores)")
    cmd.add_argument("--force", action="store_true", help="rebuild every report, even those that did not change")
    cmd.add_argument("--json", action="store_true", help="print what was done as JSON")
    cmd.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..assemble import assemble
    from ..sample import sample_cohort

    if args.jobs is not None and args.jobs < 1:
        print("planet assemble: --jobs must be 1 or more.", file=sys.stderr)
        return 2
    cohort = args.cohort or sample_cohort()
    result = assemble(cohort, args.out, args.groups, args.jobs, args.force, progress=not args.json)
    if args.json:
        json.dump(result.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        _print_summary(result)
    return 1 if result.failed else 0


def _print_summary(result) -> None:
    counts = {status: sum(o.status == status for o in result.groups) for status in ("built", "skipped", "failed")}
    print(f"{len(result.groups)} group report(s) in {_shown(result.out)}: {counts['built']} built, "
          f"{counts['skipped']} unchanged, {counts['failed']} failed ({result.seconds:.0f} s).")
    for o in result.failed:
        what = "The showcase" if o.name == "showcase" else f"The report of {o.name}"
        error = o.error or {}
        print(f"  {what} failed: {error.get('ename', '')}: {error.get('evalue', '')}".rstrip(": "), file=sys.stderr)
        if o.path:
            print(f"    The executed notebook with the error: {_shown(o.path)}"
                  + ("/report.ipynb" if o.name != "showcase" else ""), file=sys.stderr)
    if result.showcase and result.showcase.status != "failed":
        print(f"Showcase: {_shown(result.showcase.path)}")


def _shown(path: str) -> str:
    """A path relative to the current folder when it is below it (shorter to read)."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return str(path)
