"""`planet check`: every finding for a group or a whole cohort, with what to do about it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub) -> None:
    check = sub.add_parser("check", help="check a group or a whole cohort and list what to fix",
                           description="Check a group folder or a cohort folder and list every finding "
                                       "(errors, warnings, information) with a hint on how to fix it. "
                                       "Exit status: 0 no errors, 1 errors found, 2 files could not be read.")
    check.add_argument("path", nargs="?", type=Path,
                       help="a group folder or a cohort folder (default: the sample cohort)")
    check.add_argument("--json", action="store_true", help="print the findings as JSON (a list)")
    check.add_argument("--quiet", "-q", action="store_true", help="list errors only")
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..check import check_group
    from ..sample import sample_cohort
    from ..workbook.group import Cohort, Group, is_cohort

    path = args.path or sample_cohort()
    if not path.exists():
        print(f"planet check: {path} does not exist. Give a group folder or a cohort folder.", file=sys.stderr)
        return 2
    if is_cohort(path):
        groups = Cohort.load(path).groups
        prefix = True
        if not groups:
            inside = sorted(p.name for p in path.iterdir() if (p / "group.yaml").is_file())
            where = (f" To check one group, give its folder, e.g. planet check {path / inside[0]}"
                     if inside else "")
            print(f"planet check: {path} has no group folders under groups/.{where}", file=sys.stderr)
            return 2
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


