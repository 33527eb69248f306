"""Kernels forked from a warm process: a local pool's worker starts each run's kernel without re-importing.

A kernel started the usual way (``python -m ipykernel_launcher``) spends ~1.4 s of CPU importing ipykernel,
IPython, pandas, matplotlib and ``cchc_data`` before the notebook's first cell runs; a suite of 14 runs pays it
14 times. A local pool's worker therefore starts, when it starts, a *zygote*: a new interpreter (not a fork
of the runner, whose imports and settings must not reach a kernel) that imports all that once and then, for
each run, forks a kernel that runs ipykernel's
own ``IPKernelApp`` with the run's command line, environment, working directory and output. Every run still
gets a fresh process of its own (the zygote never runs notebook code, so nothing of one run reaches another),
and jupyter_client manages it as it manages any kernel: interrupt, timeout,
shutdown and kill are signals to the kernel's process group, its exit is reported by the zygote, which reaps it
(:func:`kernel_manager_class`).

A kernel dies with its zygote and a zygote with its worker (``PR_SET_PDEATHSIG``); both record themselves in
the build folder's ``.workers/`` (pid and start time), so a later suite ends any that survived. A kernel
command that is not this interpreter's ``-m ipykernel_launcher`` (another kernel) is started as usual.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import socket
import sys
from pathlib import Path

__all__ = ["Zygote", "current", "kernel_manager_class", "start"]

# What a kernel imports on its way to the notebook's first cell: imported once, in the zygote.
PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "pandas",
    "matplotlib.pyplot",
    "cchc_data",
    "cchc_data.analysis",
    "cchc_data.params",
    "cchc_data.plotting",
    "cchc_data.tables",
    "cchc_data.i18n",
    "cchc_data.national",
)
# Not matplotlib_inline.backend_inline: it hooks itself into the IPython shell that exists when it is imported,
# so it must be imported in the kernel (by pyplot's first figure), as in a kernel started the usual way.
INLINE = "module://matplotlib_inline.backend_inline"
_MAX_MESSAGE = 1 << 20

_current: Zygote | None = None


def current() -> Zygote | None:
    """The zygote of this worker process, if it started one (:func:`start`) and it is alive."""
    if _current is not None and _current.pid_of_owner == os.getpid() and _current.alive():
        return _current
    return None


def start(marker: str | None = None) -> Zygote | None:
    """Start this process's zygote (a pool worker's initializer calls it); ``None`` off Linux."""
    global _current
    if not sys.platform.startswith("linux") or not hasattr(socket, "send_fds"):
        return None
    _current = Zygote(marker)
    from multiprocessing import util

    util.Finalize(_current, _current.close, exitpriority=10)  # a pool worker that ends lets it go and reaps it
    return _current


def _die_with_parent() -> None:
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


def _record(marker: str | None) -> None:
    """List this process in ``<marker>/.workers/`` (pid and start time) so that a later suite can end it."""
    if not marker:
        return
    from ._execute import start_time

    with contextlib.suppress(OSError):
        workers = Path(marker) / ".workers"
        workers.mkdir(parents=True, exist_ok=True)
        (workers / f"{os.getpid()}-{start_time(os.getpid())}").touch()


class Zygote:
    """The worker's side of a zygote: ask it for kernels, learn when they end and the CPU time they used.

    Parameters
    ----------
    marker : str, optional
        The suite's build folder: the zygote and its kernels list themselves in its ``.workers/``.
    """

    def __init__(self, marker: str | None = None):
        import subprocess

        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        # A new interpreter, not a fork of this process: nothing of the runner's state (modules it imported,
        # matplotlib settings it changed, threads) reaches the kernels, only the imports the zygote makes.
        env = {**os.environ, "MPLBACKEND": INLINE}  # what a kernel's matplotlib reads at import (ipykernel's default)
        args = [sys.executable, "-m", __name__, str(theirs.fileno()), str(os.getpid()), marker or ""]
        self._proc = subprocess.Popen(args, pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=env)
        theirs.close()
        self.pid, self.pid_of_owner, self._sock = self._proc.pid, os.getpid(), ours
        self._ended: dict[int, tuple[int, float]] = {}  # kernel pid -> (exit code, CPU seconds)
        self.kernel_cpu = 0.0  # CPU seconds of the kernels reaped so far

    def alive(self) -> bool:
        """Whether the zygote still runs."""
        return self._proc.poll() is None

    def fork_kernel(self, cmd: list[str], *, env: dict, cwd: str | None) -> ForkedKernel:
        """Start a kernel as ``cmd`` would, with ``env`` and ``cwd``, writing to this process's stdout/stderr."""
        request = json.dumps({"argv": cmd, "env": env, "cwd": cwd}).encode()
        socket.send_fds(self._sock, [request], [0, 1, 2])
        reply = self._receive(timeout=None)
        if reply is None or "pid" not in reply or "status" in reply:
            raise RuntimeError(f"the kernel zygote did not start a kernel ({reply})")
        return ForkedKernel(reply["pid"], self)

    def _read(self) -> dict:
        data = self._sock.recv(_MAX_MESSAGE)
        if not data:
            raise RuntimeError("the kernel zygote died")
        message = json.loads(data)
        if "status" in message:  # a kernel ended: file its exit code and CPU time
            self._ended[message["pid"]] = (message["status"], message["cpu"])
            self.kernel_cpu += message["cpu"]
        return message

    def _receive(self, timeout: float | None) -> dict | None:
        """The zygote's next reply to a request (exit reports on the way are filed); ``None`` after ``timeout``."""
        while True:
            ready, _, _ = select.select([self._sock], [], [], timeout)
            if not ready:
                return None
            message = self._read()
            if "status" not in message:
                return message

    def ended(self, pid: int, *, timeout: float | None = 0) -> tuple[int, float] | None:
        """``(exit code, CPU seconds)`` of kernel ``pid`` once the zygote has reaped it, else ``None``."""
        with contextlib.suppress(RuntimeError, OSError):
            while pid not in self._ended:
                ready, _, _ = select.select([self._sock], [], [], timeout)
                if not ready:
                    break
                self._read()
        return self._ended.get(pid)

    def close(self) -> None:
        """Let the zygote exit (its kernels are already gone when a run has ended)."""
        with contextlib.suppress(OSError):
            self._sock.close()
        with contextlib.suppress(OSError):
            self._proc.wait()


class ForkedKernel:
    """What jupyter_client's local provisioner needs of a ``subprocess.Popen``, for a kernel the zygote forked."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, zygote: Zygote):
        self.pid, self._zygote, self.returncode, self.cpu = pid, zygote, None, 0.0
        self._pidfd = os.pidfd_open(pid)  # signals reach this process, never a later one with the same pid

    def _settle(self, ended) -> int | None:
        if ended is not None and self.returncode is None:
            self.returncode, self.cpu = ended
            with contextlib.suppress(OSError):
                os.close(self._pidfd)
        return self.returncode

    def poll(self) -> int | None:
        if self.returncode is None:
            return self._settle(self._zygote.ended(self.pid, timeout=0))
        return self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        if self.returncode is None:
            return self._settle(self._zygote.ended(self.pid, timeout=timeout))
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError, OSError):
                signal.pidfd_send_signal(self._pidfd, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def _forkable(cmd: list[str]) -> bool:
    """Whether ``cmd`` starts this interpreter's ipykernel (``python [-X…] -m ipykernel_launcher -f FILE``)."""
    try:
        at = cmd.index("-m")
    except ValueError:
        return False
    same_python = os.path.realpath(cmd[0]) == os.path.realpath(sys.executable)
    return same_python and cmd[at + 1 : at + 2] == ["ipykernel_launcher"] and all(a.startswith("-X") for a in cmd[1:at])


_manager: list = []


def kernel_manager_class() -> type:
    """The kernel manager that takes its kernels from this worker's zygote (papermill's ``kernel_manager_class``).

    An ``AsyncKernelManager`` whose ``LocalProvisioner`` gets a :class:`ForkedKernel` instead of a
    ``subprocess.Popen``; without a zygote, or for another kernel command, it starts the kernel as usual.

    Returns
    -------
    type
        A subclass of ``jupyter_client.AsyncKernelManager`` (one per process).

    Examples
    --------
    >>> from jupyter_client import AsyncKernelManager
    >>> issubclass(kernel_manager_class(), AsyncKernelManager), kernel_manager_class() is kernel_manager_class()
    (True, True)
    """
    if _manager:
        return _manager[0]
    from jupyter_client import AsyncKernelManager

    class ForkingKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            zygote = current()
            provisioner = self.provisioner
            if zygote is None or not _forkable(kernel_cmd) or type(provisioner).__name__ != "LocalProvisioner":
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            env = kw.get("env") or dict(os.environ)
            cwd = str(kw.get("cwd") or os.getcwd())
            provisioner.process = zygote.fork_kernel(list(kernel_cmd), env=dict(env), cwd=cwd)
            provisioner.pid = provisioner.pgid = provisioner.process.pid  # the kernel leads its own session
            provisioner.cwd = cwd
            self._reconcile_connection_info(provisioner.connection_info)

    _manager.append(ForkingKernelManager)
    return ForkingKernelManager


# --------------------------------------------------------------------------------------------------
# In the zygote


def _main(argv: list[str]) -> int:
    """The zygote's program: ``python -m cchc_data.report._zygote SOCKET_FD PARENT_PID [MARKER]``."""
    fd, parent, marker = int(argv[0]), int(argv[1]), (argv[2] if len(argv) > 2 else "")
    _die_with_parent()
    if os.getppid() != parent:  # the worker died before prctl took effect
        return 1
    _record(marker or None)
    return _serve(socket.socket(fileno=fd))


def _serve(sock: socket.socket) -> int:
    """Import what kernels import, then fork one kernel per request and report each one's end; 0 at EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import importlib

    for name in PRELOAD:
        with contextlib.suppress(Exception):  # a kernel that needs it imports it and reports the error
            importlib.import_module(name)
    import gc

    gc.freeze()  # the imported modules live as long as any kernel: its full collections skip them (and copy no page)
    children: dict[int, int] = {}  # pidfd -> pid
    while True:
        ready, _, _ = select.select([sock, *children], [], [])
        for fd in ready:
            if fd in children:
                pid = children.pop(fd)
                os.close(fd)
                _, status, usage = os.wait4(pid, 0)
                cpu = usage.ru_utime + usage.ru_stime
                message = {"pid": pid, "status": os.waitstatus_to_exitcode(status), "cpu": cpu}
                with contextlib.suppress(OSError):
                    sock.send(json.dumps(message).encode())
                continue
            try:
                data, fds, _, _ = socket.recv_fds(sock, _MAX_MESSAGE, 3)
            except OSError:
                return 0
            if not data:
                return 0
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    sock.close()
                    for other in children:
                        os.close(other)
                    code = _kernel(json.loads(data), fds)
                finally:
                    os._exit(code)
            for passed in fds:
                os.close(passed)
            children[os.pidfd_open(pid)] = pid
            sock.send(json.dumps({"pid": pid}).encode())


def _kernel(request: dict, fds: list[int]) -> int:
    """Become the kernel ``request["argv"]`` describes; return its exit code."""
    import atexit

    os.setsid()  # its own process group, as jupyter_client starts kernels
    zygote = os.getppid()
    _die_with_parent()
    if os.getppid() != zygote:
        return 1
    for target, fd in enumerate(fds[:3]):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    atexit._clear()  # the runner's exit handlers are not the kernel's
    env = dict(request["env"])
    env["JPY_PARENT_PID"] = str(zygote)  # ipykernel's parent poller watches the zygote, its real parent
    os.environ.clear()
    os.environ.update(env)
    _record(env.get("CCHC_REPORT_SUITE"))
    import matplotlib

    backend = env.get("MPLBACKEND") or INLINE
    if backend != INLINE:
        matplotlib.rcParams["backend"] = backend
    cwd = request["cwd"]
    if cwd:
        os.chdir(cwd)
    argv = request["argv"]
    import importlib.util

    launcher = importlib.util.find_spec("ipykernel_launcher")
    sys.argv = [launcher.origin if launcher else "ipykernel_launcher", *argv[argv.index("-m") + 2 :]]
    sys.argv.append(f"--IPKernelApp.parent_handle={zygote}")  # read from JPY_PARENT_PID at import, in the zygote
    if sys.path:
        sys.path[0] = os.getcwd()  # as `python -m` sets it
    from ipykernel import kernelapp

    code = 0
    try:
        kernelapp.launch_new_instance()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        with contextlib.suppress(Exception):
            atexit._run_exitfuncs()
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
    return code


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
