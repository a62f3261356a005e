"""One report pack, built in a worker process: run the notebook, export the HTML, publish the folder.

`planet_lib.assemble` sends `Job`s to worker processes; each worker runs `run_job`, which
executes a template notebook with papermill (on a kernel kept warm between reports), exports
the executed notebook to HTML for readers, writes the pack's manifest last and renames the
finished folder into place (`publish`), so that no reader ever sees half a pack.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .report import SUMMARY_FILE
from .report_html import write_json
from .showcase import GROUP_MANIFEST, PACKS_DIR, REPORT_HTML, REPORT_NOTEBOOK

SHOWCASE_HTML = "showcase.html"
SHOWCASE_NOTEBOOK = "showcase.ipynb"
HTML_TEMPLATE = "planet_report"  # dissemination/templates/planet_report: offline, printable
KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds per cell: a stuck cell fails its group instead of hanging the run
TEMP_PREFIX, OLD_PREFIX = ".tmp-", ".old-"


def templates_folder() -> Path:
    """The kit's `dissemination/` folder, where the report templates live."""
    return Path(__file__).resolve().parents[1] / "dissemination"



# one job, in a worker process --------------------------------------------------------------
@dataclass(frozen=True)
class Job:
    """A notebook to run: one group's report, or the showcase."""

    kind: str  # group | showcase
    name: str  # the group folder name, or 'showcase'
    cohort: str
    out: str  # the assembly output folder
    template: str
    inputs: str  # digest of the inputs
    kernel: str = KERNEL


@dataclass
class Outcome:
    name: str
    status: str  # built | skipped | failed
    path: str = ""  # the pack folder, or the showcase HTML
    error: dict | None = None  # ename, evalue, cell (failed only)
    seconds: float = 0.0


def ignore_interrupts() -> None:
    """Worker start-up: Ctrl-C is for the main process, which ends the workers itself."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_job(job: Job) -> Outcome:
    """Run one job and publish its result; never raises for a failing notebook."""
    started = time.perf_counter()
    if job.kind == "group":
        outcome = _build_group(job)
    else:
        outcome = _build_showcase(job)
    outcome.seconds = round(time.perf_counter() - started, 2)
    return outcome


def _build_group(job: Job) -> Outcome:
    packs = Path(job.out) / PACKS_DIR
    final = packs / job.name
    tmp = packs / f"{TEMP_PREFIX}{job.name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    notebook = tmp / REPORT_NOTEBOOK
    log = tmp / "log.txt"
    with _stderr_to(log):
        error = _execute(job, notebook, {"cohort": job.cohort, "group": job.name, "output": str(tmp)})
        if error is None:
            error = _html_or_error(notebook, tmp / REPORT_HTML, _title(tmp, job.name))
    if error is None or log.stat().st_size == 0:
        log.unlink()
    files = sorted(p.name for p in tmp.iterdir() if p.is_file())
    manifest = {"group": job.name, "status": "ok" if error is None else "failed", "inputs": job.inputs,
                "files": files, "error": error, "finished": time.strftime("%Y-%m-%dT%H:%M:%S")}
    write_json(tmp / GROUP_MANIFEST, manifest)  # last: the pack is complete
    publish(tmp, final)
    return Outcome(job.name, "built" if error is None else "failed", str(final), error)


def _build_showcase(job: Job) -> Outcome:
    out = Path(job.out)
    tag = f"{TEMP_PREFIX}showcase-{uuid.uuid4().hex[:8]}"
    notebook, html = out / f"{tag}.ipynb", out / f"{tag}.html"
    with _stderr_to(out / f"{tag}.log"):
        error = _execute(job, notebook, {"cohort": job.cohort, "packs": job.out})
        if error is None:
            error = _html_or_error(notebook, html, "Cohort showcase")
    (out / f"{tag}.log").unlink(missing_ok=True)
    if error is not None:
        if notebook.exists():  # the executed notebook shows the error
            os.replace(notebook, out / SHOWCASE_NOTEBOOK)
        html.unlink(missing_ok=True)
        return Outcome("showcase", "failed", str(out / SHOWCASE_NOTEBOOK), error)
    os.replace(notebook, out / SHOWCASE_NOTEBOOK)
    os.replace(html, out / SHOWCASE_HTML)
    return Outcome("showcase", "built", str(out / SHOWCASE_HTML))


def _execute(job: Job, notebook: Path, parameters: dict) -> dict | None:
    """Run the template with papermill; the error (cell, ename, evalue) if it failed, else None.

    A kernel that dies or never starts is replaced and the report run once more: a kernel can
    lose its port to another program starting at the same moment ("Address already in use").
    A second failure fails the group; the others go on.
    """
    from papermill.exceptions import PapermillExecutionError

    for attempt in (1, 2):
        try:
            _run_template(job, notebook, parameters)
        except PapermillExecutionError as exc:
            return {"cell": exc.exec_count, "ename": exc.ename, "evalue": first_line(exc.evalue)}
        except Exception as exc:  # noqa: BLE001  (the kernel's trouble, not the report's)
            _forget_kernel(job.kernel)
            if attempt == 2:
                return {"cell": None, "ename": type(exc).__name__, "evalue": first_line(str(exc))}
        else:
            return None
    return None


def _run_template(job: Job, notebook: Path, parameters: dict) -> None:
    import papermill

    papermill.execute_notebook(job.template, str(notebook), parameters=parameters, kernel_name=job.kernel,
                               progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                               execution_timeout=CELL_TIMEOUT, start_timeout=120, km=warm_kernel(job.kernel))


def _forget_kernel(name: str) -> None:
    """Stop and drop this worker's kernel, so the next report starts a fresh one."""
    km = _WARM.pop(name, None)
    if km is not None:
        _shutdown(km)


# One kernel per worker process, kept warm from one report to the next: starting a kernel and
# importing pandas and matplotlib in it costs more than most reports.  Each report starts from
# an empty namespace (IPython's %reset), and a kernel that died is replaced.
_WARM: dict = {}
_RESET = "get_ipython().run_line_magic('reset', '-f')"


def warm_kernel(name: str):
    """This worker's kernel manager for `name`: papermill starts its kernel on first use."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    km = _WARM.get(name)
    if km is not None and km.has_kernel:
        if run_sync(km.is_alive)():
            _reset_namespace(km, name)
            return km
        _shutdown(km)
        km = None
    if km is None:
        import multiprocessing.util

        km = _WARM[name] = AsyncKernelManager(kernel_name=name)
        multiprocessing.util.Finalize(km, _shutdown, args=(km,), exitpriority=10)
    return km


def _reset_namespace(km, name: str) -> None:
    """Forget the previous report's variables, so each report runs as in a fresh kernel."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(_RESET)])
    NotebookClient(nb, km=km, kernel_name=name, timeout=60).execute()


def _shutdown(km) -> None:
    from jupyter_core.utils import run_sync

    try:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    except Exception:  # already gone: nothing to stop
        pass


def first_line(text: str) -> str:
    lines = [line for line in str(text).splitlines() if line.strip()]
    return (lines[0] if lines else "")[:500]


def _title(pack: Path, fallback: str) -> str:
    try:
        return json.loads((pack / SUMMARY_FILE).read_text(encoding="utf-8")).get("network") or fallback
    except (OSError, ValueError):
        return fallback


def _html_or_error(notebook: Path, html: Path, title: str) -> dict | None:
    try:
        export_html(notebook, html, title)
    except Exception as exc:  # the notebook ran; say why its HTML could not be made
        return {"cell": None, "ename": type(exc).__name__, "evalue": f"HTML export failed: {first_line(str(exc))}"}
    return None


def export_html(notebook: Path, html: Path, title: str) -> Path:
    """The executed notebook as an HTML page for readers: no code, no parameters, no warnings."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    nb.metadata["title"] = title  # the page title: the network's name
    nb.cells = [c for c in nb.cells if not {"parameters", "injected-parameters"} & set(c.metadata.get("tags", []))]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.get("name") == "stderr")]
    body, _resources = _exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    tmp = html.with_name(f".{html.name}.tmp")
    tmp.write_text(body, encoding="utf-8")
    os.replace(tmp, html)
    return html


_EXPORTER = None


def _exporter():
    """One nbconvert HTMLExporter per process (building it loads the templates)."""
    global _EXPORTER
    if _EXPORTER is None:
        from nbconvert import HTMLExporter

        _EXPORTER = HTMLExporter(template_name=HTML_TEMPLATE,
                                 extra_template_basedirs=[str(templates_folder() / "templates")],
                                 exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                                 exclude_anchor_links=True)
    return _EXPORTER


@contextmanager
def _stderr_to(path: Path):
    """Send this process's stderr (and the kernel's, which inherits it) to a log file."""
    sys.stderr.flush()
    saved = os.dup(2)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.dup2(fd, 2)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        os.close(fd)


def publish(tmp: Path, final: Path) -> None:
    """Put a finished folder in place of the old one: either stays complete, whenever we stop."""
    old = None
    if final.exists():
        old = final.with_name(f"{OLD_PREFIX}{final.name}-{uuid.uuid4().hex[:8]}")
        os.rename(final, old)
    os.rename(tmp, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def clean_leftovers(out: Path) -> None:
    """Remove what an interrupted run left half done (temporary and replaced folders)."""
    for folder in (out, out / PACKS_DIR):
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            if p.name.startswith((TEMP_PREFIX, OLD_PREFIX)):
                shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
