"""Small helpers shared by the benchmark scripts: time a fresh process, several times."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def run_seconds(args: list[str], repeat: int = 5, ok_codes: tuple[int, ...] = (0,)) -> float:
    """Median wall time of running `args` as a fresh process."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode not in ok_codes:
            sys.exit(f"benchmark command failed ({result.returncode}): {' '.join(args)}\n{result.stderr}")
    return statistics.median(times)


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]
