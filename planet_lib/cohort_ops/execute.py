"""The grading worker: run one participant's notebooks in fresh, walled-off kernels.

A worker process receives a `Job` (the notebooks as nbgrader restored them, in memory), runs
each one in its own kernel with nbgrader's own `Execute` preprocessor (same timeout,
interrupt and error handling as ``nbgrader autograde``) and returns the executed notebooks.
It never writes to the gradebook: the parent process does that (see grade.py).

What differs from nbgrader, and why:
- the kernel starts through `_kernel_launcher.py` (limits, the grading account, see
  isolation.py), in an empty temporary folder, from a notebook held in memory;
- a cell's outputs are capped while they arrive (`max_output_bytes`), so a cell printing
  without end cannot fill the worker's memory. Errors and the first stderr output are always
  kept, so a capped cell scores exactly what it would have scored;
- when Python stops (the kernel dies, e.g. ``os._exit`` or a crash), the cells that had run
  keep their results and every code cell from the one that was running onwards gets an
  error output, so its tests score 0. ``nbgrader autograde`` instead fails the whole
  submission; the difference only ever lowers a score to what the participant earned.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from dataclasses import dataclass, field
from pathlib import Path

from . import group_copy, isolation

OUTPUT_CAP_NOTE = "\n... [output cut by the grader: this cell printed more than {limit} kB] ...\n"
DEAD_KERNEL = "Python stopped while this cell was running (the notebook ended its own kernel, or it crashed)."
NOT_RUN = "Not run: Python had stopped in an earlier cell."
SEND_TIMEOUT_MS = 20_000  # a kernel that takes no message for this long is gone


@dataclass
class Job:
    """One participant's hand-in of a seminar, to restore and run."""

    student: str
    seminar: str
    notebooks: dict[str, str]  # notebook id -> the handed-in file
    release: str  # the seminar's release folder (to tell what the participant changed)
    files: dict[str, bytes] = field(default_factory=dict)  # public files for the working folder
    group_copies: dict[str, str] = field(default_factory=dict)  # notebook id -> its group's copy (group_copy.py)
    notes: list[str] = field(default_factory=list)  # for the trainer, found while preparing


@dataclass
class Settings:
    """What every worker needs; plain values so they cross process boundaries."""

    config: object  # the cohort's nbgrader configuration (traitlets Config)
    limits: isolation.Limits
    python: str
    site_dirs: list[str]
    max_output_bytes: int = 1_000_000
    font_cache: list[str] = field(default_factory=list)  # matplotlib's font list, copied in


@dataclass
class Outcome:
    """What happened to one notebook: the executed notebook and notes for the trainer."""

    notebook: dict
    notes: list[str] = field(default_factory=list)
    kernel_died: bool = False
    error: str = ""  # the notebook could not be restored or run at all


# --- worker process set-up -----------------------------------------------------------------

_SETTINGS: Settings | None = None
_ACCOUNT: isolation.Account | None = None


def init_worker(settings: Settings, slots, with_accounts: bool) -> None:
    """Run once in each worker: take a kernel account, let the parent handle Ctrl-C."""
    global _SETTINGS, _ACCOUNT
    _SETTINGS = settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_cleanly)
    _watch_parent(os.getppid())
    _adopt_orphans()
    if with_accounts:  # one account per worker, so no two running kernels share one
        _ACCOUNT = isolation.Account(*slots.get(timeout=60))


def _watch_parent(parent: int) -> None:
    """End this worker if the grading process is gone (killed), rather than wait forever."""
    import threading
    import time

    def watch():
        while os.getppid() == parent:
            time.sleep(2)
        isolation.stop_processes_of(_ACCOUNT)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="planet-parent-watch").start()


def _adopt_orphans() -> None:
    """Become the parent of what a kernel leaves behind, so it is reaped here.

    A stopped process stays listed until its parent collects it, and it still counts toward
    its account's process limit; a container's first process does not always collect them.
    """
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER (Linux)
    except (OSError, AttributeError):
        pass


def _reap() -> None:
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _exit_cleanly(signum, frame):
    raise SystemExit(128 + signum)


def run_job(job: Job) -> dict[str, Outcome]:
    """Restore and execute every notebook of a hand-in, each in its own kernel and folder."""
    return {name: _restore_and_run(job, name, Path(path)) for name, path in job.notebooks.items()}


def _restore_and_run(job: Job, name: str, path: Path) -> Outcome:
    from .restore import restore, what_was_put_back

    notes = what_was_put_back(path, Path(job.release) / path.name)
    try:
        nb = restore(path, _SETTINGS.config, job.seminar, job.student, name)
    except Exception as exc:  # noqa: BLE001  (a broken hand-in is reported, never raised)
        return Outcome({}, notes, error=f"{path.name} could not be read or restored ({type(exc).__name__}: {exc})")
    redirected = group_copy.redirect(nb, job.group_copies[name]) if name in job.group_copies else None
    outcome = run_notebook(nb, job.files, _SETTINGS, _ACCOUNT)
    group_copy.undo_redirect(outcome.notebook, redirected)
    outcome.notes = notes + [f"{path.name}: {note}" for note in outcome.notes]
    return outcome


# --- one notebook --------------------------------------------------------------------------

def run_notebook(nb, files: dict[str, bytes], settings: Settings,
                 account: isolation.Account | None) -> Outcome:
    """Run a restored notebook (a NotebookNode) in a fresh sandbox; never raises for its code."""
    isolation.stop_processes_of(account)
    box = isolation.make_sandbox(account)
    try:
        _furnish(box, files, settings.font_cache)
        return _execute(nb, box, settings)
    finally:
        isolation.stop_processes_of(account)
        _reap()
        isolation.remove_sandbox(box)


def _furnish(box: isolation.Sandbox, files: dict[str, bytes], font_cache: list[str]) -> None:
    """The public files of the seminar in the working folder; matplotlib's font list in HOME."""
    for rel, data in files.items():
        target = box.work / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for cached in font_cache:
        shutil.copy(cached, box.home / ".config" / "matplotlib" / os.path.basename(cached))
    isolation.give_to(box.root, box.account)


def _execute(nb, box: isolation.Sandbox, settings: Settings) -> Outcome:
    executor = _executor_class()(config=settings.config)
    executor.sandbox = box
    executor.settings = settings
    resources = {"metadata": {"path": str(box.work)}}
    outcome = Outcome(notebook={})
    try:
        nb, _ = executor.preprocess(nb, resources)
    except Exception as exc:  # noqa: BLE001  (any stop of the kernel is recorded, never raised)
        if executor.current_cell is None:  # the kernel never ran a cell: the grader's problem
            outcome.error = f"the kernel could not start ({type(exc).__name__}: {exc}){_log_tail(box)}"
            outcome.kernel_died = True  # so it is tried once more, on its own
            return outcome
        outcome.kernel_died = True
        outcome.notes.append(_stop_note(exc, executor.current_cell))
        nb = executor.nb if executor.nb is not None else nb
        _mark_not_run(nb, executor.current_cell, exc)
    if executor.capped_cells:
        cells = ", ".join(str(i + 1) for i in sorted(executor.capped_cells))
        outcome.notes.append(f"output cut to {settings.max_output_bytes // 1000} kB in cell(s) {cells}")
    if executor.timed_out_cells:
        cells = ", ".join(str(i + 1) for i in sorted(executor.timed_out_cells))
        outcome.notes.append(f"cell(s) {cells} ran longer than {executor.timeout} s and were stopped "
                             "(an endless loop?)")
    outcome.notebook = json.loads(json.dumps(nb))
    return outcome


def _log_tail(box: isolation.Sandbox) -> str:
    """The last lines the kernel wrote before it stopped (its start-up warning left out)."""
    try:
        lines = (box.root / "kernel.log").read_text(errors="replace").splitlines()
    except OSError:
        return ""
    lines = [line for line in lines if line.strip() and "without encryption" not in line]
    return f"; the kernel said: {' | '.join(lines[-3:])[:500]}" if lines else ""


def _stop_note(exc: Exception, index: int | None) -> str:
    where = f" in cell {index + 1}" if index is not None else ""
    kind = "Python stopped" if type(exc).__name__ == "DeadKernelError" else f"execution stopped ({type(exc).__name__})"
    return f"{kind}{where}: the cells from there on scored 0"


def _mark_not_run(nb, index: int | None, exc: Exception) -> None:
    """Every code cell from the stopped one onwards gets an error, so its tests score 0."""
    from nbformat.v4 import new_output

    start = index or 0
    for i, cell in enumerate(nb.cells[start:], start=start):
        if cell.cell_type != "code":
            continue
        message = DEAD_KERNEL if i == start else NOT_RUN
        cell.setdefault("outputs", []).append(
            new_output("error", ename=type(exc).__name__, evalue=message, traceback=[message]))


# --- nbgrader's Execute, in a sandbox, with capped outputs ---------------------------------

_CLASS = None


def _executor_class():
    """Built on first use: importing nbgrader and jupyter_client is slow."""
    global _CLASS
    if _CLASS is None:
        _CLASS = _build_executor_class()
    return _CLASS


def _build_executor_class():
    from jupyter_client.manager import AsyncKernelManager
    from nbformat.v4 import new_output
    from nbgrader.preprocessors import Execute

    class SandboxKernelManager(AsyncKernelManager):
        """Starts the kernel through the launcher, in the sandbox, with a known environment."""

        sandbox: isolation.Sandbox
        settings: Settings

        def format_kernel_cmd(self, extra_arguments=None):
            cmd = super().format_kernel_cmd(extra_arguments)
            if "ipykernel_launcher" not in cmd:
                raise RuntimeError("only Python notebooks can be graded (kernel command: "
                                   + " ".join(cmd) + ")")
            args = cmd[cmd.index("ipykernel_launcher") + 1:]
            box, account = self.sandbox, self.sandbox.account
            spec = {
                "limits": self.settings.limits.rlimits(account is not None),
                "account": {"uid": account.uid, "gid": account.gid} if account else None,
                "connection_file": str(box.connection_file),
                "site_dirs": self.settings.site_dirs,
            }
            return [self.settings.python, "-I", "-S", str(isolation.LAUNCHER), json.dumps(spec), *args]

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            # the kernel stops by itself if this worker dies (ipykernel watches this process)
            kw["env"] = isolation.kernel_env(self.sandbox, {"JPY_PARENT_PID": str(os.getpid())})
            kw["cwd"] = str(self.sandbox.work)
            with open(self.sandbox.root / "kernel.log", "wb") as log:  # the kernel's own log, for the trainer
                kw["stdout"] = kw["stderr"] = log
                return await super()._async_launch_kernel(kernel_cmd, **kw)

    class SandboxedExecute(Execute):
        """nbgrader's Execute with the kernel in a sandbox and a cap on each cell's output."""

        sandbox: isolation.Sandbox
        settings: Settings

        def __init__(self, **kw):
            super().__init__(**kw)
            # Once the notebook has run, the kernel is stopped at once: a polite shutdown
            # costs about a second per notebook and the kernel has nothing left to save.
            self.shutdown_kernel = "immediate"
            self.current_cell = None
            self.capped_cells: set[int] = set()
            self.timed_out_cells: set[int] = set()
            self._sizes: dict[int, int] = {}

        def create_kernel_manager(self):
            km = SandboxKernelManager(kernel_name=self._kernel_name(), config=self.config)
            km.sandbox, km.settings = self.sandbox, self.settings
            km.connection_file = str(self.sandbox.connection_file)
            self.km = km
            return km

        async def async_start_new_kernel_client(self):
            """The kernel client, with sends that give up after a while: when a kernel dies,
            a send to it would otherwise wait for ever (and no time limit could act)."""
            import zmq

            original = self.km.client

            def client(**kw):
                kc = original(**kw)
                start = kc.start_channels

                def start_channels(*args, **kwargs):
                    start(*args, **kwargs)
                    for channel in (kc.shell_channel, kc.control_channel, kc.stdin_channel):
                        if getattr(channel, "socket", None) is not None:
                            channel.socket.setsockopt(zmq.SNDTIMEO, SEND_TIMEOUT_MS)

                kc.start_channels = start_channels
                return kc

            self.km.client = client
            return await super().async_start_new_kernel_client()

        def _kernel_name(self):
            return self.kernel_name or self.nb.metadata.get("kernelspec", {}).get("name") or "python3"

        def preprocess_cell(self, cell, resources, index):
            self.current_cell = index
            cell, resources = super().preprocess_cell(cell, resources, index)
            if any(o.get("ename") == "CellTimeoutError" for o in cell.get("outputs", [])):
                self.timed_out_cells.add(index)
            return cell, resources

        def output(self, outs, msg, display_id, cell_index):
            size = len(json.dumps(msg.get("content", {})))
            used = self._sizes.get(cell_index, 0)
            self._sizes[cell_index] = used + size
            limit = self.settings.max_output_bytes
            if used + size <= limit:
                return super().output(outs, msg, display_id, cell_index)
            return self._over_cap(outs, msg, cell_index, limit)

        def _over_cap(self, outs, msg, cell_index, limit):
            """Past the cap keep only what decides a score: errors and a first stderr line."""
            kind, content = msg["msg_type"], msg.get("content", {})
            if cell_index not in self.capped_cells:
                self.capped_cells.add(cell_index)
                outs.append(new_output("stream", name="stdout", text=OUTPUT_CAP_NOTE.format(limit=limit // 1000)))
            if kind == "error":
                tb = [line[:2000] for line in content.get("traceback", [])[:50]]
                out = new_output("error", ename=content.get("ename", ""), evalue=content.get("evalue", "")[:2000],
                                 traceback=tb)
                outs.append(out)
                return out
            if kind == "execute_result":  # may carry partial credit: keep it, shortened
                text = content.get("data", {}).get("text/plain", "")[:1000]
                out = new_output("execute_result", data={"text/plain": text},
                                 execution_count=content.get("execution_count"))
                outs.append(out)
                return out
            if kind == "stream" and content.get("name") == "stderr" and not any(
                    o.get("output_type") == "stream" and o.get("name") == "stderr" for o in outs):
                out = new_output("stream", name="stderr", text=content.get("text", "")[:1000])
                outs.append(out)
                return out
            return None

    return SandboxedExecute


def font_cache_files() -> list[str]:
    """matplotlib's font list, so kernels with a fresh HOME do not rebuild it (and warn on stderr)."""
    try:
        import matplotlib
        from matplotlib import font_manager  # noqa: F401  (builds the list when missing)
    except ImportError:
        return []
    folder = Path(matplotlib.get_cachedir())
    return [str(p) for p in folder.glob("fontlist-*.json")]
