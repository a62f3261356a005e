"""The `planet` command as a trainer uses it: real processes, real exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from planet_lib.cli import main
from planet_lib.sample import sample_cohort, worked_example

GROUP_YAML = "id: t1\nname: Test\npartners:\n  - {municipality: Lucca, country: IT, role: lead}\n"


def planet(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planet_lib.cli", *args], capture_output=True, text=True,
                          timeout=120)


def test_every_subcommand_has_help():
    for args in (["--help"], ["check", "--help"]):
        result = planet(*args)
        assert result.returncode == 0 and "usage: planet" in result.stdout


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "commands" in capsys.readouterr().out


def test_unreadable_files_exit_2_with_a_message_and_no_traceback(tmp_path):
    folder = tmp_path / "t1"
    folder.mkdir()
    (folder / "group.yaml").write_text(GROUP_YAML)
    (folder / "stakeholders.csv").write_text("id,name,importance\nS1,Mayor,nine\n")
    before = (folder / "stakeholders.csv").read_bytes()
    result = planet("check", str(folder))
    assert result.returncode == 2
    assert "stakeholders.csv, line 2, 'importance': found 'nine'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert (folder / "stakeholders.csv").read_bytes() == before


def test_missing_path_exits_2(tmp_path):
    result = planet("check", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_json_findings_follow_the_contract(tmp_path):
    folder = tmp_path / "t1"
    folder.mkdir()
    (folder / "group.yaml").write_text(GROUP_YAML)
    (folder / "problems.csv").write_text("id,statement,leads_to,core\nP1,Lack of a youth centre,P9,\n")
    result = planet("check", str(folder), "--json")
    findings = json.loads(result.stdout)
    assert findings, result.stderr
    for f in findings:
        assert {"severity", "code", "file", "item", "message", "hint"} <= set(f)
        assert f["severity"] in ("error", "warning", "info")
    assert result.returncode == (1 if any(f["severity"] == "error" for f in findings) else 0)
    assert any(f["file"] == "problems.csv" and f["severity"] == "error" for f in findings)


@pytest.mark.skipif(not sample_cohort().exists(), reason="the sample cohort is not in data/ yet")
def test_worked_example_exits_0_and_the_cohort_exits_1():
    assert planet("check", str(worked_example())).returncode == 0
    whole = planet("check", "--json")
    assert whole.returncode == 1
    groups = {f["group"] for f in json.loads(whole.stdout)}
    assert len(groups) == 5


def test_console_script_is_installed_next_to_python():
    script = Path(sys.executable).parent / "planet"
    assert script.exists(), "pip install -e . should install the planet command"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("planet ")


def test_a_working_folder_of_copied_groups_says_how_to_check_one(tmp_path):
    (tmp_path / "cohort.yaml").write_text("name: Test\n")
    (tmp_path / "t1").mkdir()
    (tmp_path / "t1" / "group.yaml").write_text(GROUP_YAML)
    result = planet("check", str(tmp_path))
    assert result.returncode == 2 and "planet check" in result.stderr and "t1" in result.stderr
