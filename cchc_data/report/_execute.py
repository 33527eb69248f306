"""One run: check its parameter names, execute it with papermill, render its page; and the worker processes.

Everything here except :func:`check_declared` and :func:`local_pool` runs in a worker process (a local
pool's, or a Dask worker's): arguments are plain picklable values and absolute paths.

Workers and kernels die with the runner: a local pool's workers ask the kernel to kill them when the runner
dies (``PR_SET_PDEATHSIG``, even after a SIGKILL), and a kernel exits when its worker does (ipykernel's
parent poller). Every worker and kernel carries the suite's marker in its environment
(:data:`SUITE_ENV`), so the next suite in the same output folder can find and end any that survived
(:func:`cchc_data.report._suite.end_orphans`); a local pool's workers also list themselves in the build
folder's ``.workers/`` (pid and start time), as do the zygotes they start and the kernels forked from those
(:mod:`cchc_data.report._zygote`), whose environment in ``/proc`` does not show the marker.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
import os
import re
import signal
import sys
import tempfile
import time
from pathlib import Path

__all__ = [
    "KERNEL", "SUITE_ENV", "check_declared", "error_line", "execute_run", "kernel_variables", "local_pool",
    "stop_pool",
]  # fmt: skip

# jupyter_client picks a kernel's ports before the kernel binds them: two kernels starting at the same moment
# (parallel workers) can pick the same port, and one dies before it replies. On a busy machine a kernel can
# also take longer than a minute to answer. Such a start is retried (and may take up to _KERNEL_START_TIMEOUT
# seconds); a kernel that dies later, or any other error, fails the run as it is.
_KERNEL_START_FAILED = ("Kernel died before replying to kernel_info", "Kernel didn't respond in")
_KERNEL_START_RETRIES = 2
_KERNEL_START_TIMEOUT = 180

# jsonschema imports rfc3987_syntax, when installed (jupyter-events asks for it), only to check the "iri" string
# format; that import compiles 38 Lark grammars, 2.7 of papermill's 3 s import (python-jsonschema/jsonschema#1428).
# No notebook schema of nbformat uses that format, so papermill is imported with the module hidden.
_UNUSED_BY_NBFORMAT = "rfc3987_syntax"


def import_papermill():
    """papermill, imported in ~0.4 s instead of ~3 s: without jsonschema's IRI grammar (see above).

    The module is hidden only while papermill (and with it jsonschema) is first imported, and only if nobody
    imported it before; afterwards it imports normally. The one lasting effect is that jsonschema's format
    checker in this process does not check "iri" strings, which no notebook has.

    Returns
    -------
    module
        ``papermill``.

    Examples
    --------
    >>> import_papermill().__name__
    'papermill'
    """
    hide = "jsonschema" not in sys.modules and _UNUSED_BY_NBFORMAT not in sys.modules
    if hide:
        sys.modules[_UNUSED_BY_NBFORMAT] = None  # an ImportError for jsonschema's `with suppress(ImportError)`
    try:
        import papermill
    finally:
        if hide and sys.modules.get(_UNUSED_BY_NBFORMAT, False) is None:
            del sys.modules[_UNUSED_BY_NBFORMAT]
    return papermill


KERNEL = "python3"
SUITE_ENV = "CCHC_REPORT_SUITE"
"""Environment variable naming the suite (``<output root>/<build folder>``) a worker or kernel belongs to."""
ZYGOTE_ENV = "CCHC_REPORT_ZYGOTE"
"""Set to ``0`` to start every kernel as a fresh ``python -m ipykernel_launcher`` (see ``_zygote``)."""

_NOISE = (  # kernel chatter on stderr/stdout that is not an error of the run
    "Kernel is running over TCP without encryption",
    "KeyboardInterrupt caught in kernel",
    "Debugger warning: It seems that frozen modules are being used",
    "-Xfrozen_modules=off",
    "PYDEVD_DISABLE_FILE_VALIDATION",
    "to disable this validation",
)


def check_declared(runs) -> None:
    """Refuse a run whose parameter names its notebook does not declare (papermill's ``inspect_notebook``).

    Called before any kernel starts.

    Parameters
    ----------
    runs : iterable of cchc_data.report.runs.Run
        The runs to check; each notebook is read once.

    Returns
    -------
    None
        Nothing when every parameter name is declared.

    Raises
    ------
    ValueError
        Naming the run, the unknown name and the declared ones; or if a notebook's parameters cell cannot
        be read.

    Examples
    --------
    >>> from cchc_data.report.runs import Run
    >>> check_declared([Run("notebooks/03_targets.ipynb", {"province": "khanh-hoa", "lang": "en"})])
    >>> check_declared([Run("notebooks/03_targets.ipynb", {"provine": "khanh-hoa"})])
    Traceback (most recent call last):
    ...
    ValueError: 03_targets provine=khanh-hoa: 03_targets.ipynb declares no parameter 'provine'; its parameters: lang, province
    """
    papermill = import_papermill()

    declared: dict[Path, set] = {}
    for run in runs:
        path = run.notebook.resolve()
        if path not in declared:
            try:
                declared[path] = set(papermill.inspect_notebook(str(path)))
            except Exception as exc:
                raise ValueError(f"{run.notebook}: cannot read its parameters cell ({error_line(exc)})") from None
        unknown = [k for k in run.parameters if k not in declared[path]]
        if unknown:
            names = ", ".join(sorted(declared[path] - {"figures_dir"})) or "none"
            raise ValueError(
                f"{run.label}: {run.notebook.name} declares no parameter {unknown[0]!r}; its parameters: {names}"
            )


# --------------------------------------------------------------------------------------------------
# Worker processes


def _die_with_parent(parent: int) -> None:
    """Have Linux send this process SIGKILL when its parent dies (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def start_time(pid: int) -> str | None:
    """The start time of process ``pid`` (clock ticks since boot, ``/proc/<pid>/stat``): with the pid, its identity."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _init_worker(parent: int, lock_fd: int, marker: str) -> None:
    _die_with_parent(parent)
    with contextlib.suppress(OSError):  # a forked worker's /proc environ is its parent's: record it by pid instead
        workers = Path(marker) / ".workers"
        workers.mkdir(parents=True, exist_ok=True)
        (workers / f"{os.getpid()}-{start_time(os.getpid())}").touch()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.environ[SUITE_ENV] = marker  # inherited by the kernels this worker starts
    with contextlib.suppress(OSError):  # the lock belongs to the parent; don't outlive it holding a copy
        os.close(lock_fd)
    if os.environ.get(ZYGOTE_ENV, "1") != "0":  # the process the kernels are forked from (see _zygote)
        from . import _zygote

        _zygote.start(marker)


def local_pool(jobs: int, *, lock_fd: int, marker: str) -> cf.ProcessPoolExecutor:
    """The default executor: ``jobs`` forked worker processes that die with the runner.

    Each worker ignores Ctrl-C, closes its copy of the suite lock, records itself in ``<marker>/.workers/``
    and passes ``marker`` to its kernels in :data:`SUITE_ENV`.

    Parameters
    ----------
    jobs : int
        Number of worker processes.
    lock_fd : int
        File descriptor of the suite lock held by the runner (workers close their copy).
    marker : str
        The suite's build folder, as an absolute path.

    Returns
    -------
    concurrent.futures.ProcessPoolExecutor
        The pool; end it with :func:`stop_pool` or ``shutdown()``.

    Examples
    --------
    >>> import tempfile
    >>> pool = local_pool(1, lock_fd=-1, marker=tempfile.mkdtemp())
    >>> pool.submit(pow, 2, 5).result()
    32
    >>> stop_pool(pool)
    """
    ctx = multiprocessing.get_context("fork")  # workers inherit the imports (papermill ~3 s) and no __main__ re-import
    return cf.ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(os.getpid(), lock_fd, marker)
    )


def stop_pool(pool: cf.ProcessPoolExecutor) -> None:
    """Cancel what has not started and stop the workers now (their kernels exit when their worker does).

    Parameters
    ----------
    pool : concurrent.futures.ProcessPoolExecutor
        A pool from :func:`local_pool`.

    Returns
    -------
    None
        The workers have been terminated and joined (up to 5 s each).

    Examples
    --------
    >>> import tempfile
    >>> pool = local_pool(1, lock_fd=-1, marker=tempfile.mkdtemp())
    >>> pool.submit(pow, 2, 5).result()
    32
    >>> stop_pool(pool)
    >>> pool.submit(pow, 2, 5)  # a stopped pool takes no more work
    Traceback (most recent call last):
    ...
    RuntimeError: cannot schedule new futures after shutdown
    """
    workers = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them
    for proc in workers:
        with contextlib.suppress(Exception):
            proc.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in workers:
        with contextlib.suppress(Exception):
            proc.join(5)


# --------------------------------------------------------------------------------------------------
# One run


@contextlib.contextmanager
def _captured_output():
    """Send this process's stdout/stderr (and so the kernel's, which inherits them) to a temporary file."""
    sys.stdout.flush()
    sys.stderr.flush()
    with tempfile.TemporaryFile() as tmp:
        saved = os.dup(1), os.dup(2)
        os.dup2(tmp.fileno(), 1)
        os.dup2(tmp.fileno(), 2)
        text = []
        try:
            yield text
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
            tmp.seek(0)
            text.append(tmp.read().decode("utf-8", "replace"))


def _filter_noise(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.strip() and not any(n in line for n in _NOISE))


def error_line(exc: BaseException) -> str:
    """One line saying what went wrong (a notebook's exception as ``ename: evalue``).

    Parameters
    ----------
    exc : BaseException
        The exception, e.g. papermill's ``PapermillExecutionError``; colour codes and line breaks are removed.

    Returns
    -------
    str
        ``"<type>: <last line of the message>"``.

    Examples
    --------
    >>> error_line(ValueError("papermill says:   the cell failed\x1b[0m"))
    'ValueError: papermill says: the cell failed'
    """
    if hasattr(exc, "ename") and hasattr(exc, "evalue"):  # papermill.PapermillExecutionError
        text = f"{exc.ename}: {exc.evalue}"
    else:
        lines = [line for line in str(exc).splitlines() if line.strip()]
        text = f"{type(exc).__name__}: {lines[-1] if lines else ''}".rstrip(": ")
    return re.sub(r"\x1b\[[0-9;]*m", "", " ".join(text.split()))


def kernel_variables(*, data_dir: str | None, marker: str | None) -> dict:
    """The environment variables the runner sets for every kernel: inline charts, the data folder, the marker.

    A server or a test often sets ``MPLBACKEND=Agg``; a kernel started with it shows no chart at all, and the
    report would silently have none.

    Examples
    --------
    >>> kernel_variables(data_dir=None, marker=None)
    {'MPLBACKEND': 'module://matplotlib_inline.backend_inline'}
    """
    wanted = {"MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    if data_dir is not None:
        wanted["CCHC_DATA_DIR"] = data_dir
    if marker is not None:
        wanted[SUITE_ENV] = marker
    return wanted


@contextlib.contextmanager
def _kernel_environment(data_dir: str | None, marker: str | None):
    """What the kernel inherits: :func:`kernel_variables` set for the time of one run."""
    wanted = kernel_variables(data_dir=data_dir, marker=marker)
    before = {key: os.environ.get(key) for key in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def execute_run(
    notebook: str,
    out_dir: str,
    parameters: dict,
    title: str,
    kernel: str = KERNEL,
    timeout=None,
    data_dir: str | None = None,
    marker: str | None = None,
) -> dict:
    """Execute one run into ``out_dir`` (notebook, HTML page, ``figures/``, ``run.log``) and render it.

    Never raises for a failure of the run itself: returns ``status`` (``"ok"`` or ``"failed"``), ``error``,
    ``log``, ``duration`` and ``cpu``. Paths must be absolute (a kernel's working directory is the notebook's folder).

    Parameters
    ----------
    notebook : str
        The notebook to execute.
    out_dir : str
        The run's output folder, created if needed.
    parameters : dict
        The run's parameters; ``figures_dir`` is set to ``<out_dir>/figures``.
    title : str
        Title of the HTML page.
    kernel : str, default KERNEL
        Jupyter kernel to execute with.
    timeout : int, optional
        Seconds a cell may run. Default ``None``: no limit.
    data_dir : str, optional
        Data folder the kernel reads (``CCHC_DATA_DIR``). Default ``None``: the kernel's own default.
    marker : str, optional
        The suite's marker for :data:`SUITE_ENV`. Default ``None``: none set.

    Returns
    -------
    dict
        ``status`` (``"ok"`` or ``"failed"``), ``error`` (one line, ``""`` if ok), ``log`` (kernel output
        without noise), ``duration`` (seconds) and ``cpu`` (CPU seconds of this process and of the kernel it
        started and ended: less sensitive to a busy machine than ``duration``).

    Examples
    --------
    A missing notebook fails the run with a message, not a traceback:

    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> result = execute_run(f"{out}/missing.ipynb", f"{out}/run", {"lang": "en"}, "Missing")
    >>> result["status"], result["error"].split(":")[0]
    ('failed', 'FileNotFoundError')
    """
    from . import _zygote
    from .pages import notebook_to_html, slim_notebook

    zygote = _zygote.current()  # a local pool's worker forks its kernels from a warm process
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    kernel_cpu_start = zygote.kernel_cpu if zygote else 0.0
    out = Path(out_dir).resolve()
    notebook = str(Path(notebook).resolve())
    figures = out / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    executed = out / f"{Path(notebook).stem}.ipynb"
    status, error = "ok", ""
    with _captured_output() as captured:
        try:
            papermill = import_papermill()

            extra = {} if timeout is None else {"execution_timeout": timeout}
            if zygote is not None:
                extra["kernel_manager_class"] = _zygote.kernel_manager_class()
            for attempt in range(1 + _KERNEL_START_RETRIES):
                try:
                    with _kernel_environment(data_dir, marker):
                        papermill.execute_notebook(
                            notebook,
                            str(executed),
                            parameters={**parameters, "figures_dir": str(figures)},
                            kernel_name=kernel,
                            progress_bar=False,
                            cwd=str(Path(notebook).parent),
                            start_timeout=_KERNEL_START_TIMEOUT,
                            **extra,
                        )
                    break
                except RuntimeError as exc:  # a kernel that did not start (see _KERNEL_START_FAILED)
                    if not any(m in str(exc) for m in _KERNEL_START_FAILED) or attempt == _KERNEL_START_RETRIES:
                        raise
        except Exception as exc:
            status, error = "failed", error_line(exc)
        if executed.is_file():
            try:
                notebook_to_html(
                    executed, out / f"{Path(notebook).stem}.html", lang=parameters.get("lang"), title=title
                )
                slim_notebook(executed)  # the charts once, in figures/ (the page embeds its own copy)
            except Exception as exc:
                if status == "ok":
                    status, error = "failed", f"HTML export: {error_line(exc)}"
    log = _filter_noise(captured[0])
    if log:
        (out / "run.log").write_text(log + "\n", encoding="utf-8")
    duration, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    if zygote is not None:  # its kernels are the zygote's children, not this process's
        cpu += zygote.kernel_cpu - kernel_cpu_start
    return {"status": status, "error": error, "log": log, "duration": duration, "cpu": cpu}


def _cpu_seconds() -> float:
    """User + system CPU seconds of this process and of its children that have ended (the kernels)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
