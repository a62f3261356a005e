"""The project keeps its promises: same dependencies everywhere, README commands true, API complete."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from ruamel.yaml import YAML

import planet_lib

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_environment_yml_installs_the_same_dependencies_as_pyproject():
    pyproject = {_name(r): r for r in _pyproject()["project"]["dependencies"]}
    env = YAML(typ="safe").load(ROOT / "environment.yml")
    conda = {_name(d): d for d in env["dependencies"] if isinstance(d, str) and _name(d) not in ("python", "pip")}
    assert set(conda) == set(pyproject)
    for name, requirement in pyproject.items():
        assert requirement.replace(" ", "") == conda[name].replace(" ", ""), name


def test_readme_opens_with_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", readme, flags=re.S)
    first_two = [b.strip() for b in blocks[:2]]
    assert len(first_two) == 2 and all("\n" not in b for b in first_two)
    assert "planet" in first_two[0] and "pytest" in first_two[1]
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert first_two[1] in ci


def test_design_layout_exists():
    for folder in ("seminars/01_programming", "seminars/02_identification", "seminars/03_formulation",
                   "dissemination", "data", "planet_lib", "tests", "benchmarks"):
        assert (ROOT / folder).is_dir(), folder


def test_every_public_name_resolves():
    for name in planet_lib.__all__:
        assert getattr(planet_lib, name) is not None, name


def test_import_does_not_load_heavy_modules():
    code = ("import sys, planet_lib; heavy = [m for m in ('pandas', 'matplotlib', 'openpyxl', 'nbgrader',"
            " 'papermill', 'ruamel.yaml') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
