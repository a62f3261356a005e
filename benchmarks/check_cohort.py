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
    seconds = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            cohort = make_cohort(Path(tmp), n)
            seconds[n] = run_seconds([sys.executable, "-m", "planet_lib.cli", "check", str(cohort), "--json"],
                                     ok_codes=(0, 1)) - bare
            print(f"{n:3d} groups: {seconds[n]:5.2f} s beyond start-up")
    low, mid, high = SIZES
    first = (seconds[mid] - seconds[low]) / (mid - low)
    second = (seconds[high] - seconds[mid]) / (high - mid)
    print(f"each extra group costs {first * 1000:.1f} ms from {low} to {mid} groups and "
          f"{second * 1000:.1f} ms from {mid} to {high} (equal costs mean linear growth)")
    print(f"target: 50 groups under 2 s -> {'met' if seconds[high] < 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
