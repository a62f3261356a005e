"""The `planet` command: a thin layer over the library.

Exit status: 0 all is well, 1 errors were found, 2 the input could not be used (bad
files or a bad command line).  Errors a person can cause are printed as plain messages,
never as tracebacks.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .errors import UsageError, WorkbookError


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
    except UsageError as exc:
        print(f"planet: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130


# Each command lives in planet_lib/commands/<name>.py and offers `register(subparsers)`.
COMMANDS = ("check", "assemble", "cohort", "grade", "feedback", "grades")


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="planet", description="PLANET course kit: Project Cycle Management for networks of twinned towns.")
    parser.add_argument("--version", action="version", version=f"planet {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"planet_lib.commands.{name}").register(sub)
    return parser


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
