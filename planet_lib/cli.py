"""The `planet` command: a thin layer over the library.

Exit status: 0 all is well, 1 errors were found, 2 the input could not be used (bad
files or a bad command line).  Errors a person can cause are printed as plain messages,
never as tracebacks.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import WorkbookError


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except WorkbookError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="planet", description="PLANET course kit: Project Cycle Management for networks of twinned towns.")
    parser.add_argument("--version", action="version", version=f"planet {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = sub.add_parser("check", help="check a group or a whole cohort and list what to fix",
                           description="Check a group folder or a cohort folder and list every finding "
                                       "(errors, warnings, information) with a hint on how to fix it. "
                                       "Exit status: 0 no errors, 1 errors found, 2 files could not be read.")
    check.add_argument("path", nargs="?", type=Path,
                       help="a group folder or a cohort folder (default: the sample cohort)")
    check.add_argument("--json", action="store_true", help="print the findings as JSON (a list)")
    check.add_argument("--quiet", "-q", action="store_true", help="list errors only")
    check.set_defaults(run=_run_check)
    return parser


def _run_check(args: argparse.Namespace) -> int:
    from .check import check_group
    from .sample import sample_cohort
    from .workbook.group import Cohort, Group, is_cohort

    path = args.path or sample_cohort()
    if not path.exists():
        print(f"planet check: {path} does not exist. Give a group folder or a cohort folder.", file=sys.stderr)
        return 2
    if is_cohort(path):
        groups = Cohort.load(path).groups
        prefix = True
    else:
        groups = [Group.load(path)]
        prefix = False
    results = [(g, check_group(g)) for g in groups]
    if args.json:
        out = []
        for g, findings in results:
            for f in findings:
                row = f.to_dict()
                if prefix:
                    row = {"group": g.folder.name, **row}
                out.append(row)
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        _print_report(results, prefix, args.quiet)
    return 1 if any(f.severity == "error" for _g, fs in results for f in fs) else 0


def _print_report(results, prefix: bool, quiet: bool) -> None:
    for group, findings in results:
        shown = [f for f in findings if not quiet or f.severity == "error"]
        n_err = sum(f.severity == "error" for f in findings)
        n_warn = sum(f.severity == "warning" for f in findings)
        title = f"{group.folder.name}" + (f" - {group.network.name}" if group.network else "")
        print(f"{title}: {n_err} error(s), {n_warn} warning(s)")
        by_file: dict[str, list] = {}
        for f in shown:
            by_file.setdefault(f.file, []).append(f)
        for file, items in by_file.items():
            print(f"  {file}")
            for f in items:
                item = f" [{f.item}]" if f.item else ""
                print(f"    {f.severity:<7} {f.code}{item}: {f.message}")
                print(f"            -> {f.hint}")
        if prefix:
            print()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
