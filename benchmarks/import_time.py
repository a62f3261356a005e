"""How much `import planet_lib` costs, against `import pandas`, measured in the same run.

Target: planet_lib adds at most 50% on top of pandas (heavy modules load lazily).
Each figure is the median of fresh interpreter starts, minus a bare interpreter start.
Run: .venv/bin/python benchmarks/import_time.py
"""

from __future__ import annotations

from _timing import python, run_seconds

REPEAT = 9


def main() -> None:
    bare = run_seconds(python("pass"), REPEAT)
    pandas = run_seconds(python("import pandas"), REPEAT) - bare
    planet = run_seconds(python("import planet_lib"), REPEAT) - bare
    loaded = run_seconds(python(
        "import planet_lib; planet_lib.Group.load(planet_lib.worked_example())"), REPEAT) - bare
    both = run_seconds(python("import pandas, planet_lib"), REPEAT) - bare
    print(f"interpreter start-up            {bare * 1000:7.0f} ms (subtracted below)")
    print(f"import pandas (baseline)        {pandas * 1000:7.0f} ms")
    print(f"import planet_lib               {planet * 1000:7.0f} ms  ({planet / pandas:.0%} of pandas)")
    print(f"import pandas, planet_lib       {both * 1000:7.0f} ms  (adds {(both - pandas) / pandas:+.0%} on pandas)")
    print(f"import planet_lib + load group  {loaded * 1000:7.0f} ms  ({loaded / pandas:.0%} of pandas)")
    print("target: planet_lib adds at most 50% on top of pandas ->",
          "met" if both - pandas <= 0.5 * pandas else "NOT met")


if __name__ == "__main__":
    main()
