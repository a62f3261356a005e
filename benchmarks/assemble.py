"""`planet assemble` against a plain sequential loop of `papermill` commands, in the same run.

For cohorts of 5 and 20 groups (copies of the sample cohort's groups), it times:
- the baseline: one `papermill` command per group report, then one for the showcase, one
  after the other (what a trainer would script by hand);
- `planet assemble --force` (parallel workers, warm kernels, plus the HTML export the
  baseline does not even do);
- a rerun of `planet assemble` with nothing changed (every group skipped).

Targets: assemble / baseline at most 0.4 on 2 cores; a no-change rerun under 2 s.
Run: .venv/bin/python benchmarks/assemble.py [--sizes 5 20]   (takes several minutes)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from planet_lib.assemble import default_jobs, templates_folder
from planet_lib.sample import sample_cohort

RATIO_TARGET, RERUN_TARGET = 0.4, 2.0


def make_cohort(root: Path, n_groups: int) -> Path:
    """A cohort of `n_groups` groups, copies of the sample cohort's five in turn."""
    source = sample_cohort()
    cohort = root / f"cohort-{n_groups}"
    (cohort / "groups").mkdir(parents=True)
    shutil.copy(source / "cohort.yaml", cohort / "cohort.yaml")
    templates = sorted(p for p in (source / "groups").iterdir() if p.is_dir())
    for i in range(n_groups):
        shutil.copytree(templates[i % len(templates)], cohort / "groups" / f"g{i + 1:03d}")
    return cohort


def seconds(args: list[str], ok: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    result = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in ok:
        sys.exit(f"benchmark command failed ({result.returncode}): {' '.join(args)}\n{result.stderr[-2000:]}")
    return elapsed


def baseline(cohort: Path, out: Path) -> float:
    """One papermill command per notebook, in sequence."""
    papermill = str(Path(sys.executable).with_name("papermill"))
    template = templates_folder()
    total = 0.0
    for group in sorted(p.name for p in (cohort / "groups").iterdir()):
        folder = out / group
        folder.mkdir(parents=True)
        total += seconds([papermill, "--no-progress-bar", str(template / "group_report.ipynb"),
                          str(folder / "report.ipynb"), "-p", "cohort", str(cohort), "-p", "group", group,
                          "-p", "output", str(folder)])
    total += seconds([papermill, "--no-progress-bar", str(template / "cohort_showcase.ipynb"),
                      str(out / "showcase.ipynb"), "-p", "cohort", str(cohort), "-p", "packs", str(out)])
    return total


def planet_assemble(cohort: Path, out: Path, *extra: str) -> float:
    planet = str(Path(sys.executable).with_name("planet"))
    return seconds([planet, "assemble", str(cohort), "--out", str(out), *extra])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 20])
    sizes = parser.parse_args().sizes
    print(f"{os.cpu_count()} cores; planet assemble runs {default_jobs()} workers")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            cohort = make_cohort(Path(tmp), n)
            plain = baseline(cohort, Path(tmp) / f"papermill-{n}")
            ours = planet_assemble(cohort, Path(tmp) / f"assemble-{n}", "--force")
            rerun = planet_assemble(cohort, Path(tmp) / f"assemble-{n}")
            rows.append((n, plain, ours, rerun))
            print(f"{n:3d} groups: papermill loop {plain:6.1f} s | planet assemble {ours:6.1f} s | "
                  f"ratio {ours / plain:.2f} (target <= {RATIO_TARGET}) | no-change rerun {rerun:.2f} s "
                  f"(target < {RERUN_TARGET:.0f} s)", flush=True)
    print()
    print("| groups | sequential papermill commands (baseline) | planet assemble | ratio | no-change rerun |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for n, plain, ours, rerun in rows:
        print(f"| {n} | {plain:.1f} s | {ours:.1f} s | {ours / plain:.2f} | {rerun:.2f} s |")
    met = all(ours / plain <= RATIO_TARGET for _n, plain, ours, _r in rows)
    fast = all(rerun < RERUN_TARGET for *_x, rerun in rows)
    print(f"ratio target (<= {RATIO_TARGET}): {'met' if met else 'NOT met'}; "
          f"rerun target (< {RERUN_TARGET:.0f} s): {'met' if fast else 'NOT met'}")


if __name__ == "__main__":
    main()
