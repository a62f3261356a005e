"""Start one grading kernel: limits first, then the unprivileged account, then the kernel.

The grading worker (running as root, or as the trainer) starts this script as the kernel's
command, with ``python -I -S``: nothing from the environment or the user's site folders is
read before the limits and the account switch are in place. It uses the standard library
only, so it never imports the kit while it still has the trainer's rights.

Arguments: ``SPEC_JSON KERNEL_ARGS...`` where SPEC_JSON holds
- ``limits``: {"AS": bytes, "CPU": [soft, hard] seconds, "NPROC": n, ...} (resource.RLIMIT_*)
- ``account``: {"uid": n, "gid": n} or null (no switch: limits only)
- ``connection_file``: handed to the account before the switch (the kernel must read it)
- ``site_dirs``: the kit's package folders, added with ``site.addsitedir``
- ``probe``: true to only check that a kernel could start here (imports, a thread) and exit
and KERNEL_ARGS are the arguments of ``ipykernel_launcher`` (``-f <connection file> ...``).

The kernel then runs in this same process (not ``exec``), so the interpreter that runs it is
one the account may run and the package folders are the kit's.
"""

import json
import os
import resource
import sys


def apply_limits(limits: dict) -> None:
    for name, value in limits.items():
        soft, hard = value if isinstance(value, list) else (value, value)
        resource.setrlimit(getattr(resource, "RLIMIT_" + name), (soft, hard))


def become(account: dict, connection_file: str) -> None:
    """Switch to the grading account for good; stop if the switch did not hold."""
    uid, gid = account["uid"], account["gid"]
    if connection_file and os.path.exists(connection_file):
        os.chown(connection_file, uid, gid)
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
    if os.getuid() != uid or os.geteuid() != uid or os.getgid() != gid:
        sys.exit("planet grading kernel: could not switch to the grading account")
    try:
        os.setuid(0)
    except PermissionError:
        return
    sys.exit("planet grading kernel: the grading account can still become root; stopping")


def probe() -> None:
    """What a kernel needs at start: its packages, a thread, a socket."""
    import threading

    worker = threading.Thread(target=lambda: None)
    worker.start()
    worker.join()
    import ipykernel.kernelapp  # noqa: F401
    import zmq

    zmq.Context().socket(zmq.REP).close()
    print("planet grading kernel: ok")


def main(argv: list) -> None:
    spec = json.loads(argv[1])
    apply_limits(spec.get("limits", {}))
    if spec.get("account"):
        become(spec["account"], spec.get("connection_file"))
    os.umask(0o077)
    import site

    for folder in spec.get("site_dirs", []):
        site.addsitedir(folder)
    if spec.get("probe"):
        probe()
        return
    sys.argv = ["ipykernel_launcher", *argv[2:]]
    import runpy

    runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv)
