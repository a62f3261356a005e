"""The live editors in a real JupyterLab, driven by clicking and typing in headless Chromium.

A JupyterLab server is started on the loopback interface, on a temporary copy of the sample
cohort and of docs/live-editors.ipynb (its `parameters` cell pointed at the copy, as papermill
would).  The test enters a stakeholder, a problem card with a link and an indicator through
the widgets, then checks the workbook files on disk and that the redrawn pictures are shown.
Screenshots are kept in test-artifacts/editors-browser/ (git-ignored).

Needs Debian's `chromium` (/usr/bin/chromium) and Playwright for Python (`pip install
playwright`; `playwright install` is not needed).  Skipped, with the reason, when either is
missing.
"""

from __future__ import annotations

import base64
import io
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from planet_lib.editors.base import next_id, short
from planet_lib.logframe import LEVEL_LABELS
from planet_lib.workbook.group import Group

KIT = Path(__file__).resolve().parents[1]
ARTIFACTS = KIT / "test-artifacts" / "editors-browser"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
WAIT_MS = 120_000  # generous: two shared cores, a kernel start and four editors drawing

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium not found (Debian: apt-get install chromium)"),
    pytest.mark.skipif(sync_playwright is None, reason="Playwright for Python not installed (pip install playwright)"),
]

# Lab settings for a quiet test browser: no news or update pop-up over the notebook, and every
# cell kept in the page (no windowing) so widgets further down are there to click.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(root: Path) -> Path:
    """Copy the sample cohort and the demo notebook, its parameters cell pointed at the copy."""
    cohort = root / "cohort"
    shutil.copytree(KIT / "data" / "sample-cohort", cohort)
    group = cohort / "groups" / "g1-green-towns"
    nb = nbformat.read(KIT / "docs" / "live-editors.ipynb", as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    injected = nbformat.v4.new_code_cell(f"GROUP = {str(group)!r}\nLARGE_TEXT = True",
                                         metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(at + 1, injected)
    nbformat.write(nb, root / "live-editors.ipynb")
    for name, values in LAB_SETTINGS.items():
        path = root / "lab-settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    return group


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server on 127.0.0.1 serving the prepared copy; yields (url, token, group folder)."""
    group = prepare(tmp_path)
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "lab-settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    args = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}",
            "--LabApp.expose_app_in_browser=True"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / "jupyterlab.log", "w", encoding="utf-8")
    server = subprocess.Popen(args, cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(url, token, server)
        yield url, token, group
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)
        log.close()


def wait_for_server(url: str, token: str, server: subprocess.Popen, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"JupyterLab stopped at start-up; see {ARTIFACTS / 'jupyterlab.log'}")
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"JupyterLab did not answer within {limit} s; see {ARTIFACTS / 'jupyterlab.log'}")


KERNEL_IDLE = """() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const kernel = panel && panel.sessionContext && panel.sessionContext.session
                   && panel.sessionContext.session.kernel;
    return !!kernel && kernel.status === 'idle';
}"""


def wait_idle(page) -> None:
    page.wait_for_function(KERNEL_IDLE, timeout=WAIT_MS)


def shot(page, name: str, editor=None) -> None:
    """The window as the trainer sees it, scrolled to the top of `editor` when given."""
    if editor is not None:
        editor.evaluate("element => element.scrollIntoView()")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def picture_src(editor) -> str:
    return editor.locator(".planet-picture img").first.get_attribute("src") or ""


def wait_new_picture(page, kind: str, before: str) -> str:
    """The picture's source once it differs from `before` (the image element may be replaced)."""
    selector = f".planet-{kind}-editor .planet-picture img"
    page.wait_for_function("([selector, before]) => { const img = document.querySelector(selector);"
                           " return !!img && !!img.src && img.src !== before; }",
                           arg=[selector, before], timeout=WAIT_MS)
    return page.locator(selector).first.get_attribute("src")


def png_of(fig, dpi: float | None = None) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", **({"dpi": dpi} if dpi else {}))
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def commit_text(editor, css: str, text: str, key: str = "Tab") -> None:
    """Type into a box and leave it (Tab), or press Enter in a one-line box: the typing counts as done."""
    box = editor.locator(f"{css} input, {css} textarea").first
    box.fill(text)
    box.press(key)


def test_a_group_builds_its_workbook_in_jupyterlab(lab):
    url, token, group = lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1800})
            page.set_default_timeout(WAIT_MS)
            page.goto(f"{url}/lab/tree/live-editors.ipynb?token={token}")
            page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=WAIT_MS)
            wait_idle(page)
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            for kind in ("stakeholder", "problem", "objective", "logframe"):
                page.wait_for_selector(f".planet-{kind}-editor", timeout=WAIT_MS)
            page.wait_for_selector(".planet-problem-editor .planet-picture img", timeout=WAIT_MS)
            wait_idle(page)
            shot(page, "01-editors-shown")
            assert_projector_type(page)

            add_stakeholder(page, group)
            add_problem_card(page, group)
            add_indicator(page, group)
        finally:
            browser.close()


def assert_projector_type(page) -> None:
    """LARGE_TEXT = True: the boxes, lists and buttons of every editor use 20 px type."""
    sizes = page.evaluate("""() => [...document.querySelectorAll(
        '.planet-editor input, .planet-editor select, .planet-editor button, .planet-editor .widget-label')]
        .map(e => getComputedStyle(e).fontSize + " " + e.tagName + "." + e.className)""")
    assert sizes and {s.split()[0] for s in sizes} == {"20px"}, sorted(set(s for s in sizes if not s.startswith("20px")))


def add_stakeholder(page, group: Path) -> None:
    editor = page.locator(".planet-stakeholder-editor")
    before = picture_src(editor)
    new_id = next_id("S", [s.id for s in Group.load(group).stakeholders])
    assert editor.locator(".planet-field-id input").input_value() == new_id  # the next free id, typed for you
    commit_text(editor, ".planet-field-name", "Public libraries of the seven towns")
    commit_text(editor, ".planet-field-interests", "Want more visitors; can host evening meetings")
    editor.locator(".planet-field-importance select").select_option(label="4")
    editor.locator(".planet-field-influence select").select_option(label="2")
    editor.locator("button.planet-add").click()
    expect(editor.locator(".planet-status")).to_contain_text(f"Saved in stakeholders.csv: added stakeholder {new_id}",
                                                             timeout=WAIT_MS)
    shown = wait_new_picture(page, "stakeholder", before)
    shot(page, "02-stakeholder-added", editor)

    saved = {s.id: s for s in Group.load(group).stakeholders}[new_id]
    assert (saved.name, saved.interests, saved.importance, saved.influence) == (
        "Public libraries of the seven towns", "Want more visitors; can host evening meetings", 4, 2)
    from planet_lib.stakeholders import grid_figure

    # the picture in the browser is the grid of the file on disk, the new stakeholder included
    assert shown == "data:image/png;base64," + png_of(grid_figure(Group.load(group).stakeholders, large_text=True))


def add_problem_card(page, group: Path) -> None:
    editor = page.locator(".planet-problem-editor")
    before = picture_src(editor)
    cards = Group.load(group).problems
    new_id, effect = next_id("P", [p.id for p in cards]), cards[1].id
    assert editor.locator(".planet-field-id input").input_value() == new_id
    commit_text(editor, ".planet-field-statement", "Lack of recycling bins")
    expect(editor.locator(".planet-findings")).to_contain_text("absence of a solution", timeout=WAIT_MS)
    commit_text(editor, ".planet-field-statement", "Residents' complaints about waste collection go unanswered")
    commit_text(editor, ".planet-field-leads_to", "P99")
    editor.locator("button.planet-add").click()
    expect(editor.locator(".planet-status")).to_contain_text("there is no problem card P99", timeout=WAIT_MS)
    assert "P99" not in (group / "problems.csv").read_text(encoding="utf-8")
    commit_text(editor, ".planet-field-leads_to", effect, key="Enter")
    expect(editor.locator(".planet-status")).to_contain_text("Not saved yet", timeout=WAIT_MS)  # Enter commits
    editor.locator("button.planet-add").click()
    expect(editor.locator(".planet-status")).to_contain_text(f"Saved in problems.csv: added problem card {new_id}",
                                                             timeout=WAIT_MS)
    shown = wait_new_picture(page, "problem", before)
    shot(page, "03-problem-card-added", editor)

    card = {p.id: p for p in Group.load(group).problems}[new_id]
    assert (card.statement, card.leads_to, card.core) == (
        "Residents' complaints about waste collection go unanswered", (effect,), False)
    from planet_lib.problems import ProblemTree

    from planet_lib.figure_view import PROJECTOR_TEXT_PX, readable_dpi

    from_disk = ProblemTree(Group.load(group).problems).draw(large_text=True)
    assert shown == "data:image/png;base64," + png_of(from_disk, readable_dpi(from_disk, PROJECTOR_TEXT_PX))
    # shown at its own size in a box that scrolls, not shrunk to the page
    natural, on_screen, box_scroll, box_width = editor.locator(".planet-picture img").first.evaluate(
        "i => [i.naturalWidth, i.clientWidth, i.closest('.planet-scroll-box').scrollWidth, "
        "i.closest('.planet-scroll-box').clientWidth]")
    assert natural == on_screen and box_scroll > box_width


def add_indicator(page, group: Path) -> None:
    editor = page.locator(".planet-logframe-editor")
    frame = Group.load(group).logframe
    r1 = frame.results[0]
    editor.locator(".planet-level-choice select").select_option(label=LEVEL_LABELS[frame.template]["results"])
    # waits until the kernel has filled the list with the results (an earlier list has other entries)
    editor.locator(".planet-statement-choice select").select_option(label=f"{r1.id}: {short(r1.text, 50)}")
    expect(editor.locator(".planet-field-text textarea")).to_have_value(r1.text, timeout=WAIT_MS)
    expect(editor.locator(".planet-indicator-choice select option")).to_have_count(len(r1.indicators) + 1,
                                                                                 timeout=WAIT_MS)
    wait_idle(page)
    values = {"text": "Residents borrowing the toolkit's guides from the public libraries", "unit": "loans",
              "baseline": "0 (2013)", "target": "300", "by": "2015-13",
              "source": "Loan records of the public libraries of the seven towns"}
    for name, value in values.items():
        commit_text(editor, f".planet-field-indicator-{name}", value)
    editor.locator("button.planet-add-indicator").click()
    expect(editor.locator(".planet-status")).to_contain_text("expected a month written YYYY-MM", timeout=WAIT_MS)
    assert "borrowing" not in (group / "logframe.yaml").read_text(encoding="utf-8")
    commit_text(editor, ".planet-field-indicator-by", "2015-3")
    editor.locator("button.planet-add-indicator").click()
    expect(editor.locator(".planet-status")).to_contain_text(f"Saved in logframe.yaml: added an indicator to {r1.id}",
                                                             timeout=WAIT_MS)
    expect(editor.locator(".planet-matrix")).to_contain_text(values["text"], timeout=WAIT_MS)
    expect(editor.locator(".planet-findings").last).to_contain_text("Every finding of the logframe checks")
    shot(page, "04-indicator-added", editor)

    added = Group.load(group).logframe.results[0].indicators[-1]
    assert (added.text, added.unit, added.baseline, added.target, added.by, added.source) == (
        values["text"], "loans", "0 (2013)", "300", "2015-03", values["source"])
