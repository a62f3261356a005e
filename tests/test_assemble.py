"""`planet assemble`: group reports from one papermill template, the cohort showcase, safe reruns.

The first half tests the report and showcase helpers on tiny workbooks written here.  The
second half assembles a copy of the sample cohort once (a module fixture, ~30-60 s on two
cores) and checks the packs, the HTML, the summaries, the showcase, reruns, a broken workbook
and an interrupted run against it or against copies of it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planet_lib import assemble as asm
from planet_lib import report_pack
from planet_lib.budget import total
from planet_lib.cli import main
from planet_lib.report import GroupReport, load_group
from planet_lib.sample import sample_cohort
from planet_lib.showcase import Showcase
from planet_lib.workbook.group import group_folders

COHORT_YAML = "name: Test cohort\ncourse_id: test\nprogramme: efc-2007-2013-m1-2\ncurrency: EUR\n"


def network_yaml(countries=("IT", "PL", "ES", "SE"), programme: str | None = None) -> str:
    partners = "\n".join(f"  - {{municipality: Town {c}, country: {c}{', role: lead' if i == 0 else ''}}}"
                         for i, c in enumerate(countries))
    extra = f"programme: {programme}\n" if programme is not None else ""
    return (f"id: net\nname: Test <Network>\ntheme: active-citizenship\nstart: 2013-03\nduration_months: 12\n"
            f"{extra}partners:\n{partners}\n")


ACTIVITIES = ("id,result,title,start_month,end_month,kind,lead,country,days,participants\n"
              "A1,R1,Seminar one,2,2,event,Town IT,IT,3,12\nA2,R1,Seminar two,5,5,event,Town PL,PL,3,12\n"
              "A3,R1,Seminar three,9,9,event,Town ES,ES,3,12\n")
BUDGET = "activity,item,category,quantity,unit_cost\nA1,Rooms,venue,1,5000\nA2,Rooms,venue,1,5000\nA3,Rooms,venue,1,5000\n"


def tiny_cohort(root: Path, **files: str) -> Path:
    """A cohort with one group 'g' holding group.yaml and the given files (name with '_' for '.')."""
    (root / "groups" / "g").mkdir(parents=True)
    (root / "cohort.yaml").write_text(COHORT_YAML, encoding="utf-8")
    files.setdefault("group_yaml", network_yaml())
    for name, text in files.items():
        (root / "groups" / "g" / name.replace("_", ".", 1) if name.count("_") == 1 else root / "groups" / "g" / name
         ).write_text(text, encoding="utf-8")
    return root


# the report helpers, on tiny workbooks ----------------------------------------------------------
def test_stages_not_reached_show_as_not_yet_done(tmp_path):
    report = GroupReport.load(tiny_cohort(tmp_path), "g")
    for section in (report.stakeholders, report.problem_tree, report.objective_tree, report.strategy,
                    report.logframe, report.work_plan, report.budget, report.dissemination, report.programming):
        html = section().html
        assert "Not yet done" in html and "planet-not-done" in html
    assert "Not yet done" not in report.network().html
    assert report.stages_done() == ["network"]


def test_network_section_shows_partners_and_every_rule(tmp_path):
    html = GroupReport.load(tiny_cohort(tmp_path), "g").network().html
    assert html.count("Town ") >= 4 and "Test &lt;Network&gt;" not in html  # name is in the header, escaped
    assert "Eligibility under Europe for Citizens 2007-2013" in html
    assert html.count("not yet checked") == 5  # the event and grant rules wait for later stages
    assert html.count("<strong>met</strong>") == 3  # countries, Member States, duration


def test_header_escapes_the_network_name(tmp_path):
    html = GroupReport.load(tiny_cohort(tmp_path), "g").header().html
    assert "<h1" in html and "Test &lt;Network&gt;" in html and "<Network>" not in html


@pytest.mark.parametrize("files, verdict, failures", [
    ({}, "open", []),
    ({"group_yaml": network_yaml(("IT", "PL", "ES"))}, "fail", ["min_countries"]),
    ({"activities_csv": ACTIVITIES, "budget_csv": BUDGET}, "pass", []),
    ({"group_yaml": network_yaml(programme="no-such-programme")}, "unknown", []),
])
def test_eligibility_verdict(tmp_path, files, verdict, failures):
    report = GroupReport.load(tiny_cohort(tmp_path, **files), "g")
    summary = report.summary()
    assert (summary["eligibility"], summary["eligibility_failures"]) == (verdict, failures)
    assert summary["eligible"] is {"pass": True, "fail": False}.get(verdict)


def test_findings_table_lists_open_findings_errors_first(tmp_path):
    report = GroupReport.load(tiny_cohort(tmp_path, group_yaml=network_yaml(("IT", "PL", "ES"))), "g")
    html = report.findings_table().html
    assert "rules.min_countries" in html and "stage.not_started" not in html
    if "<strong>warning</strong>" in html:
        assert html.index("<strong>error</strong>") < html.index("<strong>warning</strong>")
    clean = GroupReport.load(tiny_cohort(tmp_path / "clean"), "g")
    clean.findings = [f for f in clean.findings if f.code == "stage.not_started"]
    assert "Nothing is open" in clean.findings_table().html


def test_write_files_writes_the_summary_and_a_spreadsheet_once_there_is_a_plan(tmp_path):
    early = GroupReport.load(tiny_cohort(tmp_path / "early"), "g")
    early.write_files(tmp_path / "out-early")
    assert sorted(p.name for p in (tmp_path / "out-early").iterdir()) == ["summary.json"]
    late = GroupReport.load(tiny_cohort(tmp_path / "late", activities_csv=ACTIVITIES, budget_csv=BUDGET), "g")
    block = late.write_files(tmp_path / "out-late")
    assert sorted(p.name for p in (tmp_path / "out-late").iterdir()) == ["g.xlsx", "summary.json"]
    assert 'href="g.xlsx"' in block.html
    summary = json.loads((tmp_path / "out-late" / "summary.json").read_text(encoding="utf-8"))
    assert summary["budget_total"] == 15000 and summary["stages_done"] == ["network", "activities", "budget"]
    assert "no output folder" in late.write_files("").html.lower()


def test_a_broken_file_in_another_group_does_not_stop_this_report(tmp_path):
    cohort = tiny_cohort(tmp_path)
    (cohort / "groups" / "other").mkdir()
    (cohort / "groups" / "other" / "group.yaml").write_text("id: [not, an, id]\n", encoding="utf-8")
    assert load_group(cohort, "g").cohort.currency == "EUR"


# the showcase helpers, on packs written here ----------------------------------------------------------
def write_pack(out: Path, group: str, status: str, summary: dict | None = None, error: dict | None = None) -> None:
    pack = out / "groups" / group
    pack.mkdir(parents=True)
    (pack / "manifest.json").write_text(json.dumps({"status": status, "error": error}), encoding="utf-8")
    if summary is not None:
        (pack / "summary.json").write_text(json.dumps(summary), encoding="utf-8")


def test_showcase_marks_failed_and_missing_reports(tmp_path):
    cohort = tmp_path / "cohort"
    for g in ("a", "b", "c"):
        (cohort / "groups" / g).mkdir(parents=True)
    (cohort / "cohort.yaml").write_text(COHORT_YAML, encoding="utf-8")
    summary = {"network": "Alpha <Net>", "countries": ["IT", "NO"], "eu_member_states": ["IT"],
               "partners": [{"municipality": "Lucca", "country": "IT", "role": "lead"},
                            {"municipality": "Bergen", "country": "NO", "role": "partner"}],
               "budget_total": 1000.0, "currency": "EUR", "eligibility": "pass", "errors": 0, "warnings": 1,
               "stages_done": ["network"], "stages": ["network", "budget"], "theme_title": "Citizenship"}
    write_pack(tmp_path / "out", "a", "ok", summary)
    write_pack(tmp_path / "out", "b", "failed", error={"ename": "WorkbookError", "evalue": "bad file"})
    show = Showcase.load(cohort, tmp_path / "out")
    assert [e.status for e in show.entries] == ["ok", "failed", "missing"]
    expected = {"networks": 3, "built": 1, "failed": 2, "towns": 2, "countries": ["IT", "NO"],
                "eu_member_states": ["IT"], "budget_total": 1000.0, "ready": 1}
    assert {k: show.totals()[k] for k in expected} == expected
    cards = show.cards().html
    assert cards.count('class="planet-card"') == 1 and cards.count("planet-card-failed") == 2
    assert "WorkbookError: bad file" in cards and "groups/b/report.ipynb" in cards
    assert "Alpha &lt;Net&gt;" in cards and "<Net>" not in cards
    assert "2 report(s) could not be built" in show.header().html
    countries = show.countries().html
    assert "<td style" in countries and countries.count("<tr") == 3  # header + IT + NO
    assert "report failed" in show.overview().html


# digests, publishing and leftovers ------------------------------------------------------------------
def test_group_digest_changes_with_its_inputs_only(tmp_path, monkeypatch):
    rules = tmp_path / "rules"
    shutil.copytree(Path(sample_cohort()).parents[0] / "rulesets", rules)
    monkeypatch.setenv("PLANET_RULESETS", str(rules))
    cohort = tiny_cohort(tmp_path / "c")
    (cohort / "groups" / "h").mkdir()
    (cohort / "groups" / "h" / "group.yaml").write_text(network_yaml(), encoding="utf-8")
    template = tmp_path / "t.ipynb"
    template.write_text("{}", encoding="utf-8")
    group = cohort / "groups" / "g"

    def digest():
        return asm.group_digest(cohort, group, template)

    first = digest()
    assert digest() == first
    (cohort / "groups" / "h" / "group.yaml").write_text(network_yaml() + "# other group\n", encoding="utf-8")
    (rules / "cerv-2025-nt.yaml").write_text("# another programme's rules\n", encoding="utf-8")
    assert digest() == first
    changes = [lambda: (group / "group.yaml").write_text(network_yaml() + "# edited\n", encoding="utf-8"),
               lambda: (group / "budget.csv").write_text(BUDGET, encoding="utf-8"),
               lambda: template.write_text("{ }", encoding="utf-8"),
               lambda: (cohort / "cohort.yaml").write_text(COHORT_YAML + "# edited\n", encoding="utf-8"),
               lambda: (rules / "efc-2007-2013-m1-2.yaml").write_text(
                   (rules / "efc-2007-2013-m1-2.yaml").read_text(encoding="utf-8") + "# edited\n", encoding="utf-8"),
               lambda: (rules / "eu-membership.yaml").write_text(
                   (rules / "eu-membership.yaml").read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")]
    seen = {first}
    for change in changes:
        change()
        assert digest() not in seen
        seen.add(digest())


def test_publish_replaces_a_pack_whole_and_leftovers_are_cleaned(tmp_path):
    packs = tmp_path / "groups"
    (packs / "g").mkdir(parents=True)
    (packs / "g" / "old.txt").write_text("old", encoding="utf-8")
    new = packs / ".tmp-g-1234"
    new.mkdir()
    (new / "new.txt").write_text("new", encoding="utf-8")
    report_pack.publish(new, packs / "g")
    assert sorted(p.name for p in packs.iterdir()) == ["g"] and (packs / "g" / "new.txt").exists()
    (packs / ".tmp-g-9").mkdir()
    (packs / ".old-g-9").mkdir()
    (tmp_path / ".tmp-showcase-9.ipynb").write_text("{}", encoding="utf-8")
    report_pack.clean_leftovers(tmp_path)
    assert sorted(p.name for p in packs.iterdir()) == ["g"] and not list(tmp_path.glob(".tmp-*"))


def test_a_pack_is_current_only_when_complete_and_built_from_the_same_inputs(tmp_path):
    pack = tmp_path / "g"
    pack.mkdir()
    (pack / "report.html").write_text("x", encoding="utf-8")
    (pack / "manifest.json").write_text(json.dumps({"status": "ok", "inputs": "abc", "files": ["report.html"]}),
                                        encoding="utf-8")
    assert asm.is_current(pack, "abc") and not asm.is_current(pack, "abd")
    (pack / "report.html").unlink()
    assert not asm.is_current(pack, "abc")


def test_unusable_cohort_or_group_names_exit_with_status_2(tmp_path, capsys):
    assert main(["assemble", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "cohort folder" in capsys.readouterr().err
    cohort = tiny_cohort(tmp_path / "c")
    assert main(["assemble", str(cohort), "--groups", "nope", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "'nope'" in err and "Traceback" not in err and "g" in err
    assert main(["assemble", str(cohort), "--jobs", "0"]) == 2


# the sample cohort, assembled once --------------------------------------------------------------------
def copy_cohort(target: Path, groups: list[str] | None = None) -> Path:
    source = Path(sample_cohort())
    target.mkdir(parents=True)
    for name in ("cohort.yaml", "roster.csv"):
        shutil.copy(source / name, target / name)
    for folder in group_folders(source):
        if groups is None or folder.name in groups:
            shutil.copytree(folder, target / "groups" / folder.name)
    return target


def run_cli(*args: str) -> tuple[int, dict, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["assemble", *args, "--json"])
    return code, json.loads(out.getvalue()), err.getvalue()


@pytest.fixture(scope="module")
def assembled(tmp_path_factory):
    root = tmp_path_factory.mktemp("assembled")
    cohort = copy_cohort(root / "cohort")
    out = root / "out"
    code, result, err = run_cli(str(cohort), "--out", str(out), "--jobs", "2")
    return {"cohort": cohort, "out": out, "code": code, "result": result, "err": err,
            "groups": [f.name for f in group_folders(cohort)]}


def test_the_sample_cohort_assembles_into_five_packs_and_a_showcase(assembled):
    assert assembled["code"] == 0, assembled["result"]
    result, out = assembled["result"], assembled["out"]
    assert len(assembled["groups"]) == 5
    assert [(g["name"], g["status"]) for g in result["groups"]] == [(g, "built") for g in assembled["groups"]]
    assert result["showcase"]["status"] == "built" and result["failed"] == []
    for group in assembled["groups"]:
        pack = out / "groups" / group
        manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["status"] == "ok" and manifest["error"] is None
        assert {"report.ipynb", "report.html", "summary.json"} <= set(manifest["files"])
        assert sorted(manifest["files"]) == sorted(p.name for p in pack.iterdir() if p.name != "manifest.json")
        loaded = load_group(assembled["cohort"], group)
        has_plan = any(x is not None for x in (loaded.logframe, loaded.activities, loaded.budget))
        assert (pack / f"{group}.xlsx").exists() == has_plan
    top = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert top["complete"] is True and set(top["groups"]) == set(assembled["groups"])
    assert (out / "showcase.html").exists() and (out / "showcase.ipynb").exists()
    assert not list(out.rglob(".tmp-*")) and not list(out.rglob(".old-*"))


def test_html_reports_have_no_code_and_read_as_reports(assembled):
    for group in assembled["groups"]:
        html = (assembled["out"] / "groups" / group / "report.html").read_text(encoding="utf-8")
        loaded = load_group(assembled["cohort"], group)
        code_cells = html.count('class="jp-Cell jp-CodeCell')
        assert code_cells >= 12 and html.count("jp-CodeCell jp-Notebook-cell jp-mod-noInput") == code_cells
        assert 'class="highlight' not in html and 'class="jp-InputPrompt' not in html
        for code in ("GroupReport.load", "report.header()", "import ", "cohort = ", "report.write_files"):
            assert code not in html, (group, code)
        assert f"<title>{loaded.network.name}</title>" in html.replace("&#39;", "'")
        assert "<h1" in html and "1. The network" in html and "11. What is still open" in html
        assert "<script src=\"http" not in html  # readable offline
        assert "Traceback" not in html
        assert html.count("data:image/png;base64,") >= 1


def test_summary_json_matches_the_workbook(assembled):
    for group in assembled["groups"]:
        summary = json.loads((assembled["out"] / "groups" / group / "summary.json").read_text(encoding="utf-8"))
        expected = GroupReport(load_group(assembled["cohort"], group))
        network = expected.group.network
        assert summary["group"] == group and summary["network"] == network.name
        assert summary["countries"] == network.countries and summary["theme"] == network.theme
        assert set(summary["eu_member_states"]) <= set(network.countries) and summary["eu_member_states"]
        budget = expected.group.budget
        assert summary["budget_total"] == (None if budget is None else pytest.approx(total(budget)))
        assert summary["eligibility"] == expected.verdict and summary["eligibility"] in ("pass", "fail", "open")
        errors = sum(f.severity == "error" for f in expected.findings)
        assert (summary["errors"], summary["warnings"]) == (errors, sum(f.severity == "warning"
                                                                         for f in expected.findings))
        assert summary["stages_done"] == expected.stages_done() and "network" in summary["stages_done"]
    worked = json.loads((assembled["out"] / "groups" / "g1-green-towns" / "summary.json").read_text(encoding="utf-8"))
    assert worked["errors"] == 0 and worked["eligibility"] == "pass" and worked["budget_total"] == 99_150


def test_showcase_has_one_card_per_network(assembled):
    html = (assembled["out"] / "showcase.html").read_text(encoding="utf-8")
    assert html.count('class="planet-card"') == 5 and "planet-card-failed" not in html
    for group in assembled["groups"]:
        assert f'href="groups/{group}/report.html"' in html
    assert "Showcase.load" not in html and "<h1" in html


def test_a_rerun_without_change_skips_everything(assembled):
    out = assembled["out"]
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    code, result, _err = run_cli(str(assembled["cohort"]), "--out", str(out))
    assert code == 0
    assert {g["status"] for g in result["groups"]} == {"skipped"} and result["showcase"]["status"] == "skipped"
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps


def copy_assembly(assembled, target: Path) -> tuple[Path, Path]:
    shutil.copytree(assembled["cohort"], target / "cohort")
    shutil.copytree(assembled["out"], target / "out")
    return target / "cohort", target / "out"


def test_a_change_in_one_group_reruns_only_that_group(assembled, tmp_path):
    cohort, out = copy_assembly(assembled, tmp_path)
    changed = "g5-shared-memory"
    with open(cohort / "groups" / changed / "group.yaml", "a", encoding="utf-8") as f:
        f.write("# reviewed by the trainer\n")
    before = {g: (out / "groups" / g / "report.html").stat().st_mtime_ns for g in assembled["groups"]}
    code, result, _err = run_cli(str(cohort), "--out", str(out))
    assert code == 0
    assert {g["name"]: g["status"] for g in result["groups"]} == {
        g: "built" if g == changed else "skipped" for g in assembled["groups"]}
    assert result["showcase"]["status"] == "built"
    after = {g: (out / "groups" / g / "report.html").stat().st_mtime_ns for g in assembled["groups"]}
    assert [g for g in after if after[g] != before[g]] == [changed]


def test_a_broken_workbook_fails_only_its_group(assembled, tmp_path):
    cohort, out = copy_assembly(assembled, tmp_path)
    broken = "g3-young-voices"
    stakeholders = cohort / "groups" / broken / "stakeholders.csv"
    with open(stakeholders, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0]["importance"] = "high"  # a word where a score from 1 to 5 belongs
    with open(stakeholders, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    before = (out / "groups" / "g5-shared-memory" / "report.html").stat().st_mtime_ns
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["assemble", str(cohort), "--out", str(out), "--groups", broken, "g5-shared-memory", "--force"])
    assert code == 1
    assert "2 group report(s)" in stdout.getvalue() and "1 built, 0 unchanged, 1 failed" in stdout.getvalue()
    assert f"The report of {broken} failed: WorkbookError" in stderr.getvalue()
    assert f"groups/{broken}/report.ipynb" in stderr.getvalue() and "Traceback" not in stderr.getvalue()
    assert (out / "groups" / "g5-shared-memory" / "report.html").stat().st_mtime_ns != before  # rebuilt, complete
    pack = out / "groups" / broken
    manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "failed" and manifest["error"]["ename"] == "WorkbookError"
    assert not (pack / "report.html").exists() and not (pack / "summary.json").exists()
    notebook = json.loads((pack / "report.ipynb").read_text(encoding="utf-8"))
    assert notebook["metadata"]["papermill"]["exception"] is True
    errors = [o for c in notebook["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
              if o["output_type"] == "error"]
    assert errors and errors[0]["ename"] == "WorkbookError" and "'importance': found 'high'" in errors[0]["evalue"]
    showcase = (out / "showcase.html").read_text(encoding="utf-8")
    assert showcase.count("planet-card-failed") == 1 and showcase.count('class="planet-card"') == 4
    assert f"groups/{broken}/report.ipynb" in showcase
    top = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert top["groups"][broken]["status"] == "failed" and top["groups"]["g1-green-towns"]["status"] == "ok"


# an interrupted run -----------------------------------------------------------------------------------
def complete_looking_but_broken(out: Path) -> list[str]:
    """Every pack or file that looks finished but is not: what the design must never leave."""
    problems = []
    for pack in (out / "groups").iterdir() if (out / "groups").is_dir() else []:
        if pack.name.startswith("."):
            continue
        manifest = asm.read_manifest(pack / "manifest.json")
        if manifest is None:
            problems.append(f"{pack.name}: a pack without manifest")
            continue
        problems += [f"{pack.name}/{name} missing" for name in manifest["files"] if not (pack / name).is_file()]
        if manifest["status"] == "ok":
            for name in ("report.html", "summary.json"):
                if name not in manifest["files"]:
                    problems.append(f"{pack.name}: ok without {name}")
            json.loads((pack / "summary.json").read_text(encoding="utf-8"))
            if not (pack / "report.html").read_text(encoding="utf-8").rstrip().endswith("</html>"):
                problems.append(f"{pack.name}: truncated HTML")
    top = asm.read_manifest(out / "manifest.json")
    if top is not None:
        problems.append("a run manifest while the run did not finish")
    return problems


def start_and_stop(cohort: Path, out: Path, when, how: signal.Signals) -> int:
    """Start `planet assemble` in a new process group; send `how` to the group as soon as `when(out)` holds.

    Returns the exit status (a SIGINT is Ctrl-C in a terminal: the whole foreground group gets it).
    """
    process = subprocess.Popen([sys.executable, "-m", "planet_lib.cli", "assemble", str(cohort), "--out", str(out),
                                "--jobs", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not when(out):
            assert process.poll() is None, "the run finished before it could be interrupted"
            assert time.monotonic() < deadline, "the run never reached the point to interrupt it"
            assert complete_looking_but_broken(out) == []
            time.sleep(0.02)
        os.killpg(process.pid, how)
        _out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    if how == signal.SIGINT:
        assert "Traceback" not in err and "Interrupted." in err
    return process.returncode


def published(out: Path) -> bool:
    return any(p.is_dir() and not p.name.startswith(".") for p in (out / "groups").glob("*"))


def building(out: Path) -> bool:
    return any((out / "groups").glob(".tmp-*/report.ipynb")) or any((out / "groups").glob(".tmp-*"))


def test_an_interrupted_run_never_leaves_output_that_looks_complete(tmp_path):
    cohort = copy_cohort(tmp_path / "cohort", ["g3-young-voices", "g5-shared-memory"])
    out = tmp_path / "out"
    assert start_and_stop(cohort, out, building, signal.SIGINT) == 130  # Ctrl-C while the first report is built
    assert complete_looking_but_broken(out) == [] and not published(out)
    assert not (out / "showcase.html").exists()
    start_and_stop(cohort, out, published, signal.SIGKILL)  # killed just after the first pack was put in place
    assert complete_looking_but_broken(out) == []
    assert not (out / "showcase.html").exists() and not (out / "manifest.json").exists()
    first = next(p.name for p in (out / "groups").iterdir() if not p.name.startswith("."))
    code, result, _err = run_cli(str(cohort), "--out", str(out))
    assert code == 0
    assert {g["name"]: g["status"] for g in result["groups"]} == {
        g: "skipped" if g == first else "built" for g in ("g3-young-voices", "g5-shared-memory")}
    assert asm.read_manifest(out / "manifest.json")["complete"] is True
    assert not list(out.rglob(".tmp-*")) and not list(out.rglob(".old-*"))


# a real browser ---------------------------------------------------------------------------------------
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install -y chromium); "
                                             "the screenshot of a report in a real browser is skipped")
def test_a_report_renders_in_a_real_browser(assembled, tmp_path):
    import numpy as np
    from PIL import Image

    shot = tmp_path / "report.png"
    page = assembled["out"] / "groups" / "g1-green-towns" / "report.html"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                    "--window-size=1280,2000", f"--screenshot={shot}", page.as_uri()],
                   check=True, capture_output=True, timeout=180)
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 2000)
    pixels = np.asarray(image.resize((128, 200))).reshape(-1, 3).astype(int)
    not_white = (pixels.sum(axis=1) < 720).mean()
    assert not_white > 0.05, "the page looks blank"
    assert len({tuple(p) for p in pixels}) > 50, "the page has almost no colours: no figures or tables rendered"


def _kernelspec(folder: Path, name: str, fails: int) -> None:
    """A Python kernel whose first `fails` starts end at once (as when its port was taken)."""
    spec = folder / "kernels" / name
    spec.mkdir(parents=True)
    script = (f"import os, sys, runpy\ncount = {str(folder / (name + '.starts'))!r}\n"
              "n = int(open(count).read()) if os.path.exists(count) else 0\n"
              "open(count, 'w').write(str(n + 1))\n"
              f"if n < {fails}:\n    sys.exit(1)\n"
              "sys.argv = ['ipykernel_launcher', *sys.argv[1:]]\n"
              "runpy.run_module('ipykernel_launcher', run_name='__main__')\n")
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-c", script, "-f", "{connection_file}"],
        "display_name": name, "language": "python"}), encoding="utf-8")


@pytest.mark.parametrize("fails, built", [(1, True), (5, False)])
def test_a_kernel_that_cannot_start_is_replaced_once(tmp_path, monkeypatch, fails, built):
    import nbformat

    name = f"planet-test-flaky-{fails}"
    _kernelspec(tmp_path / "jupyter", name, fails)
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    template = tmp_path / "template.ipynb"
    nbformat.write(nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("print('report for', group)")],
        metadata={"kernelspec": {"name": name, "display_name": name, "language": "python"},
                  "language_info": {"name": "python"}}), str(template))
    job = report_pack.Job("group", "g1", "cohort", str(tmp_path), str(template), "digest", kernel=name)
    try:
        error = report_pack._execute(job, tmp_path / "out.ipynb", {"group": "g1"})
    finally:
        report_pack._forget_kernel(name)
    assert (tmp_path / "jupyter" / f"{name}.starts").exists(), error
    starts = int((tmp_path / "jupyter" / f"{name}.starts").read_text())
    if built:
        assert error is None and starts == 2
        assert "report for g1" in (tmp_path / "out.ipynb").read_text(encoding="utf-8")
    else:
        assert error is not None and error["cell"] is None and starts == 2  # tried twice, then the group fails
