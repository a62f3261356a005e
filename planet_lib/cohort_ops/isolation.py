"""Running participants' code without letting it see the answers or harm the grading.

Grading runs every submitted notebook, so it runs whatever a participant wrote. Three walls
stand between that code and what it must not touch:

1. **Limits** (always): each kernel gets `resource.setrlimit` limits set before it starts:
   memory (RLIMIT_AS), CPU seconds (RLIMIT_CPU, a backstop far above the per-cell timeout),
   file size (RLIMIT_FSIZE) and no core dumps; with an account also the number of
   processes (RLIMIT_NPROC, which counts per account). Its working folder is an empty
   temporary folder and its HOME is another; the notebook it runs is sent from memory, never
   written where the kernel can read it (the graded copy holds the hidden tests).
2. **An unprivileged account** (when grading runs as root): one system account per parallel
   kernel (``planet-grader``, ``planet-grader-2``, ...), made with ``useradd`` on first use and
   reserved by a lock for the run, so two grading runs at once never share one.
   A kernel cannot read, signal or trace the grader or another participant's kernel, and
   after each notebook every process left by that account is stopped.
3. **Closed folders**: everything that holds answers or marks is made unreadable to those
   accounts before grading starts (the cohort folder, the kit's ``seminars/``, ``tests/``
   and ``.git/``, a gradebook or course folders inside the kit). What the kernel needs stays
   readable: Python, the kit's packages and the public teaching data in ``data/``.

Without root, or without ``useradd``, only wall 1 stands: the command says so loudly.
File permissions are read from the mode bits (POSIX ACLs are not considered). Full
isolation (no network, a read-only system) needs a container: see
docs/trainer-guide-cohort.md.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import stat
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ACCOUNT = "planet-grader"
LAUNCHER = Path(__file__).with_name("_kernel_launcher.py")
MiB = 1024 * 1024

# Folders of the kit that hold answers or marks (relative to the kit's root).
PRIVATE_IN_KIT = ("seminars", "tests", ".git", "nbgrader_config_local.py", "gradebook.db",
                  "release", "submitted", "autograded", "feedback")


@dataclass(frozen=True)
class Account:
    name: str
    uid: int
    gid: int

    @property
    def groups(self) -> set[int]:
        import grp

        return {self.gid} | {g.gr_gid for g in grp.getgrall() if self.name in g.gr_mem}


@dataclass(frozen=True)
class Limits:
    """What one kernel may use. CPU is a backstop: the per-cell timeout acts first."""

    memory_mb: int = 2048
    cpu_seconds: int = 600
    file_mb: int = 100
    processes: int = 64

    def rlimits(self, with_account: bool) -> dict:
        out = {"AS": self.memory_mb * MiB, "CPU": [self.cpu_seconds, self.cpu_seconds + 5],
               "FSIZE": self.file_mb * MiB, "CORE": 0}
        if with_account:  # counts per account: meaningless (and harmful) for the trainer's own
            out["NPROC"] = self.processes
        return out


@dataclass
class Isolation:
    """How kernels will run on this machine, decided once per grading run."""

    accounts: list[Account]  # one per parallel kernel; empty = limits only
    python: str  # the interpreter that runs the kernels
    site_dirs: list[str]
    reason: str = ""  # why there is no account, when there is none
    changes: list[str] = field(default_factory=list)  # permissions tightened
    exposed: list[str] = field(default_factory=list)  # still readable by an account
    locks: list = field(default_factory=list, repr=False)  # keep the accounts ours during the run

    @property
    def with_accounts(self) -> bool:
        return bool(self.accounts)

    def release(self) -> None:
        """Give the accounts back (the run is over)."""
        for handle in self.locks:
            handle.close()
        self.locks = []


# --- accounts ------------------------------------------------------------------------------

def account_names(n: int) -> list[str]:
    return [ACCOUNT if i == 1 else f"{ACCOUNT}-{i}" for i in range(1, n + 1)]


def find_account(name: str) -> Account | None:
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    return Account(name, entry.pw_uid, entry.pw_gid)


def ensure_account(name: str) -> Account:
    """The grading account `name`, made with useradd when missing (root only)."""
    account = find_account(name)
    if account is None:
        done = subprocess.run(["useradd", "--system", "--user-group", "--no-create-home",
                               "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
                               "--comment", "PLANET grading - runs participants notebooks", name],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"useradd could not make the grading account {name}: {done.stderr.strip()}")
        account = find_account(name)
    if account is None or account.uid == 0:
        raise RuntimeError(f"the grading account {name} could not be made")
    return account


def ensure_accounts(n: int) -> list[Account]:
    return [ensure_account(name) for name in account_names(n)]


def reserve_accounts(n: int, most: int = 64) -> tuple[list[Account], list]:
    """n grading accounts no other grading run is using, and the locks that keep them ours.

    Two runs at the same time (two cohorts, two trainers) must not share an account: after
    each notebook every process of the account is stopped. A lock file per account, held
    for the whole run, tells runs apart; accounts in use are skipped and more are made.
    """
    import fcntl

    folder = Path("/run/lock") / ACCOUNT if Path("/run/lock").is_dir() else Path(tempfile.gettempdir()) / ACCOUNT
    folder.mkdir(mode=0o700, exist_ok=True)
    accounts, locks = [], []
    for name in account_names(most):
        if len(accounts) == n:
            break
        handle = open(folder / f"{name}.lock", "a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        accounts.append(ensure_account(name))
        locks.append(handle)
    if len(accounts) < n:
        for handle in locks:
            handle.close()
        raise RuntimeError(f"all {most} grading accounts are in use by other grading runs")
    return accounts, locks


def as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def why_no_accounts() -> str:
    """'' when accounts can be used here, else the reason in plain words."""
    if not as_root():
        return ("grading is not running as root, so participants' code cannot be run under a "
                "separate account")
    if shutil.which("useradd") is None and find_account(ACCOUNT) is None:
        return "the useradd command is missing, so the grading account cannot be made"
    return ""


# --- who may read what ---------------------------------------------------------------------

def _permits(st: os.stat_result, account: Account, groups: set[int], want: int) -> bool:
    """want: a mix of 4 (read), 2 (write), 1 (execute/enter), as in chmod."""
    if st.st_uid == account.uid:
        bits = (st.st_mode >> 6) & 7
    elif st.st_gid in groups:
        bits = (st.st_mode >> 3) & 7
    else:
        bits = st.st_mode & 7
    return bits & want == want


def can_reach(account: Account, path: str | Path, want: int = 4, groups: set[int] | None = None) -> bool:
    """Could `account` open `path` (read=4, execute=1, ...), walking down from '/'."""
    groups = account.groups if groups is None else groups
    real = Path(os.path.realpath(path))
    try:
        for folder in reversed(real.parents):
            if not _permits(os.stat(folder), account, groups, 1):
                return False
        st = os.stat(real)
    except OSError:
        return False
    if stat.S_ISDIR(st.st_mode) and want & 4:
        want |= 1  # reading a folder's files needs entering it
    return _permits(st, account, groups, want)


def private_paths(kit_root: Path, folders: list[Path]) -> list[Path]:
    """What must be closed to the grading accounts: `folders` and the kit's answer folders."""
    out = [Path(f) for f in folders]
    out += [Path(kit_root) / name for name in PRIVATE_IN_KIT]
    return [p for p in out if p.exists() or p.is_symlink()]


def close_to(accounts: list[Account], paths: list[Path]) -> tuple[list[str], list[str]]:
    """Remove others' (and a grading group's) access to `paths`; returns (changes, still open)."""
    changes, still_open = [], []
    account_groups = {a.gid for a in accounts}
    for path in paths:
        if not any(can_reach(a, path) for a in accounts):
            continue
        st = os.stat(path)
        mode = st.st_mode & 0o7777
        new = mode & ~0o007
        if st.st_gid in account_groups:
            new &= ~0o070
        try:
            os.chmod(path, new)
            changes.append(f"{path}: was readable by every account on this machine; now only by its "
                           f"owner (permissions {mode:o} -> {new:o})")
        except OSError as exc:
            still_open.append(f"{path}: could not close it ({exc.strerror})")
            continue
        if any(can_reach(a, path) for a in accounts):
            still_open.append(f"{path}: still readable by the grading account")
    return changes, still_open


# --- the interpreter and packages the kernels use ------------------------------------------

def site_dirs() -> list[str]:
    """The package folders of the kit's environment (the venv's site-packages)."""
    paths = [sysconfig.get_path("purelib"), sysconfig.get_path("platlib")]
    return list(dict.fromkeys(p for p in paths if p and os.path.isdir(p)))


def kernel_pythons(account: Account | None) -> list[str]:
    """Interpreters `account` may run, of the same Python version as this one, best first.

    Normally the kit's own (``sys.executable``). When that lives in a folder closed to other
    accounts (a Python built under /root), a system Python of the same version runs the
    kernel with the kit's packages added (compiled packages match by version).
    """
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    candidates = [sys.executable, f"/usr/bin/{version}", f"/usr/local/bin/{version}", f"/bin/{version}"]
    found = []
    for candidate in candidates:
        if not os.path.exists(candidate):
            continue
        if account is None or can_reach(account, candidate, 5):
            chosen = candidate if candidate == sys.executable else os.path.realpath(candidate)
            if chosen not in found:
                found.append(chosen)
    return found


def plan(n_kernels: int, kit_root: Path, private: list[Path], use_accounts: bool = True,
         limits: Limits | None = None) -> Isolation:
    """Decide how kernels run: accounts when they work here, and close the private folders to them."""
    reason = why_no_accounts() if use_accounts else "accounts were switched off for this run"
    dirs = site_dirs()
    if reason:
        return Isolation([], sys.executable, dirs, reason)
    try:
        accounts, locks = reserve_accounts(n_kernels)
    except (RuntimeError, OSError) as exc:
        return Isolation([], sys.executable, dirs, str(exc))
    python, problem = _working_python(accounts, dirs, limits or Limits())
    if python is None:
        for handle in locks:
            handle.close()
        return Isolation([], sys.executable, dirs, f"a kernel cannot start under the grading account: {problem}")
    changes, still_open = close_to(accounts, private_paths(kit_root, private))
    return Isolation(accounts, python, dirs, "", changes, still_open, locks)


def _working_python(accounts: list[Account], dirs: list[str], limits: Limits) -> tuple[str | None, str]:
    """The first interpreter with which every account can start a kernel, and else why not."""
    unreadable = [d for d in dirs if not can_reach(accounts[0], d, 5)]
    if unreadable:
        return None, f"it cannot read the kit's packages in {', '.join(unreadable)}"
    problem = f"no Python {sys.version_info.major}.{sys.version_info.minor} it may run"
    for python in kernel_pythons(accounts[0]):
        problems = [probe_kernel(account, python, dirs, limits) for account in accounts]
        if not any(problems):
            return python, ""
        problem = next(p for p in problems if p)
    return None, problem


def probe_kernel(account: Account, python: str, dirs: list[str], limits: Limits) -> str:
    """'' when a kernel can start under `account` with `python`; else what went wrong."""
    stop_processes_of(account)
    box = make_sandbox(account)
    spec = {"limits": limits.rlimits(True), "account": {"uid": account.uid, "gid": account.gid},
            "site_dirs": dirs, "probe": True}
    try:
        done = subprocess.run([python, "-I", "-S", str(LAUNCHER), json.dumps(spec)], env=kernel_env(box),
                              cwd=box.work, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{python}: {exc}"
    finally:
        stop_processes_of(account)
        remove_sandbox(box)
    if done.returncode == 0 and "ok" in done.stdout:
        return ""
    tail = " | ".join(line for line in done.stderr.strip().splitlines()[-3:])
    return f"{python} as {account.name}: {tail[:400] or f'exit status {done.returncode}'}"


# --- one kernel's folder -------------------------------------------------------------------

@dataclass
class Sandbox:
    """The temporary folder one kernel lives in: HOME, an empty working folder, its tmp."""

    root: Path
    account: Account | None

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def work(self) -> Path:
        return self.root / "work"

    @property
    def tmp(self) -> Path:
        return self.root / "tmp"

    @property
    def connection_file(self) -> Path:
        return self.root / "kernel.json"


def make_sandbox(account: Account | None, base: str | None = None) -> Sandbox:
    """A fresh private folder for one kernel, owned by its account."""
    root = Path(tempfile.mkdtemp(prefix="planet-grade-", dir=base or sandbox_base(account)))
    box = Sandbox(root, account)
    for folder in (box.home, box.work, box.tmp, box.home / ".config" / "matplotlib"):
        folder.mkdir(parents=True, exist_ok=True)
    give_to(box.root, account)
    return box


def give_to(root: Path, account: Account | None) -> None:
    """Hand a folder and all it holds to `account`, private to it."""
    if account is None:
        return
    for folder, dirs, files in os.walk(root):
        for name in [folder, *(os.path.join(folder, d) for d in dirs), *(os.path.join(folder, f) for f in files)]:
            os.lchown(name, account.uid, account.gid)
    os.chmod(root, 0o700)


def sandbox_base(account: Account | None) -> str:
    """A temporary folder the account can enter (the default one, else /tmp or /var/tmp)."""
    for base in (tempfile.gettempdir(), "/tmp", "/var/tmp"):
        if os.path.isdir(base) and (account is None or can_reach(account, base, 1)):
            return base
    raise RuntimeError("no temporary folder the grading account can use (/tmp, /var/tmp)")


def remove_sandbox(box: Sandbox) -> None:
    shutil.rmtree(box.root, ignore_errors=True)


def kernel_env(box: Sandbox, extra: dict | None = None) -> dict:
    """A small, known environment: none of the trainer's variables (tokens, database URLs)."""
    bindir = os.path.dirname(sys.executable)
    env = {
        "HOME": str(box.home), "TMPDIR": str(box.tmp), "PATH": f"{bindir}:/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        "MPLCONFIGDIR": str(box.home / ".config" / "matplotlib"),
        "IPYTHONDIR": str(box.home / ".ipython"), "JUPYTER_RUNTIME_DIR": str(box.tmp),
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "NBGRADER_EXECUTION": "autograde", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    for name in ("TZ", "PLANET_DATA"):
        if os.environ.get(name):
            env[name] = os.environ[name]
    env.update(extra or {})
    return env


def processes_of(account: Account) -> list[int]:
    """The process ids running under an account."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and entry.stat().st_uid == account.uid:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def stop_processes_of(account: Account | None) -> int:
    """Stop every process left running under a grading account (reserved by this run);
    returns how many."""
    if account is None:
        return 0
    stopped = 0
    for pid in processes_of(account):
        try:
            os.kill(pid, signal.SIGKILL)
            stopped += 1
        except OSError:
            continue
    return stopped
