"""`planet check` on generated cohorts of 10, 25 and 50 groups.

Target: a 50-group cohort in under 2 s beyond interpreter start-up, growing linearly.
The cohort is made of copies of the sample cohort's groups (every artefact present).
Run: .venv/bin/python benchmarks/check_cohort.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from _timing import python, run_seconds

from planet_lib.sample import sample_cohort

SIZES = (10, 25, 50)


def make_cohort(root: Path, n_groups: int) -> Path:
    source = sample_cohort()
    cohort = root / f"cohort-{n_groups}"
    (cohort / "groups").mkdir(parents=True)
    shutil.copy(source / "cohort.yaml", cohort / "cohort.yaml")
    templates = sorted(p for p in (source / "groups").iterdir() if p.is_dir())
    for i in range(n_groups):
        shutil.copytree(templates[i % len(templates)], cohort / "groups" / f"g{i + 1:03d}")
    return cohort


def main() -> None:
    bare = run_seconds(python("pass"))
    print(f"interpreter start-up (baseline, subtracted): {bare:.2f} s")
    per_group = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            cohort = make_cohort(Path(tmp), n)
            seconds = run_seconds([sys.executable, "-m", "planet_lib.cli", "check", str(cohort), "--json"],
                                  ok_codes=(0, 1)) - bare
            per_group.append(seconds / n)
            print(f"{n:3d} groups: {seconds:5.2f} s beyond start-up ({seconds / n * 1000:5.1f} ms per group)")
    print(f"target: 50 groups under 2 s -> {'met' if per_group[-1] * 50 < 2 else 'NOT met'}; "
          f"per-group time from 10 to 50 groups changes by {per_group[-1] / per_group[0] - 1:+.0%} "
          "(near 0 means linear)")


if __name__ == "__main__":
    main()
