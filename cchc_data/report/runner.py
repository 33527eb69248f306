"""``run_suite``: validate the data, plan what to execute and what to reuse, run, write, publish.

Each step is a function of :mod:`~cchc_data.report.runs` (which runs), :mod:`~cchc_data.report._cache`
(keys), :mod:`~cchc_data.report._execute` (one run) or :mod:`~cchc_data.report._suite` (the suite on disk);
:func:`run_suite` is their sequence.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import datetime as dt
import os
import shutil
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .._docstrings import share_docs_in
from . import _suite as disk
from ._cache import DataChecksums, downloads_key, environment_checksum, file_hash, run_key
from ._execute import KERNEL, check_declared, error_line, execute_run, kernel_variables, local_pool, stop_pool
from .runs import Run, as_run, check_parameters

__all__ = ["DataInvalid", "RunResult", "SuiteFailed", "SuiteResult", "SuiteSettings", "run_suite"]


class DataInvalid(ValueError):
    """The data folder does not validate: nothing was run or published. ``report`` is the validation report.

    Parameters
    ----------
    message : str
        What is wrong, for people.
    report : cchc_data.ValidationReport, optional
        The validation report, kept as the attribute ``report``. Default ``None``.

    Examples
    --------
    >>> err = DataInvalid("indicators.csv: 2 errors")
    >>> str(err), err.report
    ('indicators.csv: 2 errors', None)
    """

    def __init__(self, message: str, report=None):
        super().__init__(message)
        self.report = report


class SuiteFailed(RuntimeError):
    """At least one run of the suite failed; the suite was kept as ``failed-<timestamp>`` and not published.

    Parameters
    ----------
    message : str
        Names the failed runs and where the failed suite was kept.
    result : SuiteResult
        The suite's outcome, kept as the attribute ``result``.

    Examples
    --------
    >>> result = SuiteResult(False, Path("reports/failed-x"), [], "2026-01-02T10:00:00Z", "2026-01-02T10:01:00Z", 60.0, 2)
    >>> SuiteFailed("1 run failed", result).result.path.name
    'failed-x'
    """

    def __init__(self, message: str, result: SuiteResult):
        super().__init__(message)
        self.result = result


@dataclass
class RunResult:
    """What one run produced; paths are relative to the suite folder. ``cache`` is ``"executed"`` or ``"reused"``.

    Parameters
    ----------
    run : cchc_data.report.runs.Run
        The run.
    status : {"ok", "failed"}
        Whether it produced its page.
    duration : float, default 0.0
        Seconds it took.
    error : str, default ""
        One line saying what went wrong.
    log : str, default ""
        The kernel's output, without noise.
    files : list of str, optional
        Files it wrote, relative to the suite folder. Default: none.
    cache : {"executed", "reused"}, default "executed"
        Whether it ran now or was copied from an earlier suite.
    key : str, default ""
        Its cache key (:func:`cchc_data.report._cache.run_key`).
    cpu : float, default 0.0
        CPU seconds it took (its worker and its kernel); 0.0 when reused.

    Examples
    --------
    >>> r = RunResult(Run("03_targets.ipynb", {"lang": "en"}), "ok", duration=4.2, cache="reused")
    >>> r.ok, r.to_dict()["cache"]
    (True, {'status': 'reused', 'key': ''})
    """

    run: Run
    status: str  # "ok" or "failed"
    duration: float = 0.0
    error: str = ""
    log: str = ""
    files: list[str] = field(default_factory=list)
    cache: str = "executed"
    key: str = ""
    cpu: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict:
        return {
            "notebook": self.run.notebook.name,
            "parameters": self.run.parameters,
            "label": self.run.label,
            "folder": self.run.folder,
            "data_scope": self.run.data_scope,
            "status": self.status,
            "duration_s": round(self.duration, 2),
            "cpu_s": round(self.cpu, 2),
            "error": self.error,
            "log": self.log,
            "files": self.files,
            "cache": {"status": self.cache, "key": self.key},
        }


def _status_word(r: RunResult) -> str:
    return "ok" if r.ok else ("FAILED" if r.status == "failed" else r.status)


@dataclass
class SuiteResult:
    """The outcome of :func:`run_suite`: ``path`` is the published (or failed) suite folder.

    ``latest`` is the ``latest`` symlink when this suite became it, else ``None`` (a failed suite, or a
    partial one published beside a fuller ``latest``).

    Parameters
    ----------
    ok : bool
        Whether every run succeeded.
    path : pathlib.Path
        The suite folder.
    results : list of RunResult
        One per run, in the runs' order.
    started, finished : str
        ISO 8601 times (UTC).
    duration : float
        Seconds the suite took.
    jobs : int
        Worker processes used.
    latest : pathlib.Path, optional
        The ``latest`` symlink if this suite became it. Default ``None``.
    validation : dict, optional
        The data validation summary. Default: empty.

    Examples
    --------
    >>> r = RunResult(Run("04_data_audit.ipynb", {"lang": "en"}), "ok", duration=4.2)
    >>> suite = SuiteResult(True, Path("reports/x"), [r], "2026-01-02T10:00:00Z", "2026-01-02T10:00:05Z", 5.0, 1)
    >>> print(suite.summary())
    status  duration  cache     run
    ok         4.2 s  executed  04_data_audit lang=en
    1 runs: 1 ok, 0 failed; 1 executed, 0 reused; 5.0 s with 1 job
    """

    ok: bool
    path: Path
    results: list[RunResult]
    started: str
    finished: str
    duration: float
    jobs: int
    latest: Path | None = None
    validation: dict = field(default_factory=dict)

    @property
    def failed(self) -> list[RunResult]:
        return [r for r in self.results if not r.ok]

    @property
    def executed(self) -> list[RunResult]:
        return [r for r in self.results if r.cache == "executed"]

    def summary(self) -> str:
        """A plain-text table: status, duration, cache and label of every run, then the totals."""
        lines = [f"{'status':<7} {'duration':>8}  {'cache':<8}  run"]
        for r in self.results:
            lines.append(f"{_status_word(r):<7} {r.duration:>6.1f} s  {r.cache:<8}  {r.run.label}")
        failed, executed = len(self.failed), len(self.executed)
        lines.append(
            f"{len(self.results)} runs: {len(self.results) - failed} ok, {failed} failed; {executed} executed, "
            f"{len(self.results) - executed} reused; {self.duration:.1f} s with {self.jobs} "
            f"job{'s' if self.jobs != 1 else ''}"
        )
        return "\n".join(lines)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(t: dt.datetime) -> str:
    return t.isoformat(timespec="seconds").replace("+00:00", "Z")


def _positive(name: str, value, what: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name}={value!r} is not a number of {what}; use an integer >= 1")


@dataclass(frozen=True)
class SuiteSettings:
    """What the steps of one suite share, checked and made absolute once by :func:`run_suite`.

    Parameters
    ----------
    root : pathlib.Path
        The output folder of the suites.
    data_dir : str
        The data folder given (each suite reads its own snapshot of it).
    figures_root : pathlib.Path
        Where the charts are copied after a publish.
    kernel : str
        The Jupyter kernel's name.
    timeout : float or None
        Seconds a cell may run.
    jobs : int
        Worker processes of the local pool.
    keep : int
        Suites of each kind to keep.
    force : bool
        Execute every run (reuse nothing).
    progress : bool
        Print a line per finished run and the summary.
    executor : concurrent.futures.Executor or None
        The caller's executor, or ``None`` for a local pool.
    environment : str
        The kernel's environment checksum (:func:`cchc_data.report._cache.environment_checksum`).

    Examples
    --------
    >>> settings = SuiteSettings(Path("/r"), "/data", Path("/f"), "python3", None, 2, 5, False, False, None, "sha256:e")
    >>> settings.executor_name
    'local process pool (2 jobs)'
    """

    root: Path
    data_dir: str
    figures_root: Path
    kernel: str
    timeout: float | None
    jobs: int
    keep: int
    force: bool
    progress: bool
    executor: cf.Executor | None
    environment: str

    @property
    def executor_name(self) -> str:
        """How the runs execute, in words (for the manifest)."""
        if self.executor is not None:
            return type(self.executor).__name__
        return f"local process pool ({self.jobs} jobs)"


# --------------------------------------------------------------------------------------------------
# The steps


def check_runs(runs) -> list[Run]:
    """Runs from the caller's items; refuse missing notebooks, bad parameters and two runs with one folder."""
    runs = [as_run(r) for r in runs]
    if not runs:
        raise ValueError("no runs to do")
    folders: dict[str, Run] = {}
    for run in runs:
        if not run.notebook.is_file():
            raise FileNotFoundError(f"{run.notebook} not found (run {run.label})")
        check_parameters(run)
        if run.folder in folders:
            raise ValueError(f"runs {folders[run.folder].label!r} and {run.label!r} would both write to {run.folder}/")
        folders[run.folder] = run
        run.notebook = run.notebook.resolve()
    return runs


_VALIDATED: dict[tuple, dict] = {}  # the content of a data folder that passed -> its summary


def _identity(folder: Path) -> tuple:
    """What the folder holds now: each entry's name and, for a file, a hash of its bytes (recursively).

    By content, not by path: the suite's snapshot (a copy of the folder taken after ``cchc report`` validated
    it) is the same data when every byte is the same, and is not validated a second time.
    """
    import hashlib

    entries = []
    for entry in sorted(folder.iterdir()):
        with contextlib.suppress(OSError):
            if entry.is_dir():
                entries.append((entry.name, _identity(entry)[1:]))
            elif entry.is_file():
                entries.append((entry.name, hashlib.sha256(entry.read_bytes()).hexdigest()))
            else:  # a FIFO, socket or device: never opened here (it would block); validation refuses it
                entries.append((entry.name, "not a regular file"))
    return ("content", *entries)


def validate_data(data_dir) -> dict:
    """Validate the data folder (fast engine); raise :class:`DataInvalid` on errors, else return a summary.

    A folder whose content passed in this process is not validated again (``cchc report`` validates before
    reading the grid, then :func:`run_suite` checks the data folder and the suite's snapshot of it).
    """
    from ..datadir import DataError
    from ..datadir import data_dir as resolve
    from ..validation import validate

    try:
        folder = resolve(data_dir)
        identity = _identity(folder)
    except DataError as exc:
        raise DataInvalid(f"cannot read the data folder: {exc}") from None
    if identity in _VALIDATED:
        return {**_VALIDATED[identity], "data_dir": str(folder)}

    try:
        report = validate(data_dir)
    except DataError as exc:
        raise DataInvalid(f"cannot read the data folder: {exc}") from None
    except Exception as exc:  # the validator itself failed on this input: still no run, no traceback
        raise DataInvalid(
            f"cannot validate {data_dir} ({error_line(exc)}); nothing was run or published; check it with "
            f"`cchc validate {data_dir}`"
        ) from None
    summary = {
        "ok": report.ok,
        "engine": "fast",
        "data_dir": str(report.data_dir),
        "errors": len(report.errors),
        "warnings": len(report.warnings),
    }
    if not report.ok:
        raise DataInvalid(
            f"{report.data_dir} does not validate ({len(report.errors)} errors; the first: {report.errors[0]}); "
            f"nothing was run or published; `cchc validate {report.data_dir}` lists every problem",
            report,
        )
    _VALIDATED[identity] = summary
    return dict(summary)


def cache_keys(runs: list[Run], data: DataChecksums, settings: SuiteSettings) -> list[str]:
    """Each run's cache key (see :mod:`cchc_data.report._cache`)."""
    notebooks = {run.notebook: file_hash(run.notebook) for run in runs}
    return [
        run_key(
            r,
            notebook_hash=notebooks[r.notebook],
            data=data,
            kernel=settings.kernel,
            timeout=settings.timeout,
            environment=settings.environment,
        )
        for r in runs
    ]


def start_build(settings: SuiteSettings, started: dt.datetime) -> Path:
    """End the orphans and remove the build folders of dead suites (we hold the lock), then create ours."""
    root = settings.root
    build = disk.build_folder(root, started)
    orphans = disk.end_orphans(root, current=str(build))
    stale = disk.remove_stale_builds(root)
    if settings.progress and (orphans or stale):
        print(f"cleaned up after a killed suite: {len(orphans)} processes ended, {len(stale)} build folders removed")
    build.mkdir()
    return build


def _progress(total: int, progress: bool):
    done = [0]

    def report(r: RunResult) -> None:
        done[0] += 1
        if progress:
            print(_progress_line(done[0], total, r), flush=True)

    return report


def reuse_unchanged(runs, keys, build: Path, settings: SuiteSettings, *, report) -> dict[int, RunResult]:
    """Copy the runs whose key an earlier published suite already has; return their results by position."""
    if settings.force:
        return {}
    earlier = disk.previous_runs(settings.root)
    reused = {}
    for i, (run, key) in enumerate(zip(runs, keys, strict=True)):
        if key in earlier:
            source, old = earlier[key]
            disk.reuse_run(source, old["folder"], build)
            reused[i] = RunResult(run, "ok", old.get("duration_s", 0.0), "", old.get("log", ""), cache="reused")
            report(reused[i])
    return reused


def _progress_line(done: int, total: int, r: RunResult) -> str:
    line = f"[{done}/{total}] {_status_word(r):<6} {r.run.label}  {r.duration:.1f} s"
    if r.cache == "reused":
        line += "  (reused)"
    if not r.ok and r.error:
        error = r.error if len(r.error) <= 200 else r.error[:197] + "..."
        line += f"  {error}"
    return line


def execute_runs(runs, indices, build: Path, settings: SuiteSettings, *, lock_fd, data_dir, report) -> dict:
    """Execute ``runs[i]`` for each ``i`` in ``indices``; call ``report(result)`` as each ends.

    On ``settings.executor``, or else on a local pool of ``settings.jobs`` processes that this function starts
    and stops (at once, with their kernels, on an exception or interrupt). Parameter names are checked first,
    before any kernel starts. The kernels read ``data_dir`` (the suite's snapshot).
    """
    if not indices:
        return {}
    executor, jobs, kernel, timeout = settings.executor, settings.jobs, settings.kernel, settings.timeout
    check_declared([runs[i] for i in indices])
    marker = str(build)
    pool = executor or local_pool(min(jobs, len(indices)), lock_fd=lock_fd, marker=marker)
    try:
        futures = {}
        for i in indices:
            run = runs[i]
            args = (str(run.notebook), str(build / run.folder), run.parameters, run.label, kernel, timeout)
            futures[pool.submit(execute_run, *args, data_dir, marker)] = i
        results = {}
        for future in cf.as_completed(futures):
            i = futures[future]
            try:
                out = future.result()
                r = RunResult(
                    runs[i], out["status"], out["duration"], out["error"], out["log"], cpu=out.get("cpu", 0.0)
                )
            except Exception as exc:  # the worker itself died
                r = RunResult(runs[i], "failed", 0.0, f"worker crashed: {error_line(exc)}")
            results[i] = r
            report(r)
    except BaseException:
        if executor is None:
            stop_pool(pool)
        else:
            for future in futures:
                future.cancel()
        raise
    if executor is None:
        pool.shutdown(wait=True)
    return results


def manifest(results, settings: SuiteSettings, *, ok, started, finished, duration, validation, snapshot, checksum,
             downloads) -> dict:  # fmt: skip
    """The suite's ``manifest.json``: no machine paths (the data is the suite's own snapshot, ``data/``)."""
    from .._version import __version__
    from ..datadir import data_version

    return {
        "status": "ok" if ok else "failed",
        "started": _iso(started),
        "finished": _iso(finished),
        "duration_s": round(duration, 2),
        "jobs": settings.jobs,
        "executor": settings.executor_name,
        "kernel": settings.kernel,
        "package_version": __version__,
        "data_version": data_version(snapshot),
        "data_dir": disk.SNAPSHOT,
        "data_checksum": checksum,
        "downloads": {"key": downloads},
        "validation": validation,
        "python": sys.version.split()[0],
        "executed": sum(1 for r in results if r.cache == "executed"),
        "reused": sum(1 for r in results if r.cache == "reused"),
        "runs": [r.to_dict() for r in results],
    }


@contextlib.contextmanager
def _sigterm_as_interrupt():
    """Turn SIGTERM (and SIGHUP) into KeyboardInterrupt so a scheduler's stop cleans up like Ctrl-C."""

    def handler(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    try:
        previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGHUP)}
    except ValueError:  # not in the main thread
        yield
        return
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def _failure_message(result: SuiteResult, root: Path) -> str:
    failed = result.failed
    names = "; ".join(f"{r.run.label} ({r.error or r.status})" for r in failed)
    previous = disk.latest_target(root)
    link = root / "latest"
    return (
        f"{len(failed)} of {len(result.results)} runs failed: {names}. Not published: "
        + (f"{link} still points to {previous.name}" if previous else f"{link} was not created")
        + f"; the failed suite is kept in {result.path}"
    )


# --------------------------------------------------------------------------------------------------


def run_suite(
    runs,
    *,
    output_root="reports",
    jobs: int | None = None,
    progress: bool = True,
    keep: int = 5,
    figures_root=None,
    kernel: str = KERNEL,
    timeout: float | None = None,
    executor: cf.Executor | None = None,
    data_dir=None,
    force: bool = False,
) -> SuiteResult:
    """Validate the data, execute the changed runs in parallel, reuse the others, publish the suite.

    Parameters
    ----------
    runs : list of Run or (notebook, parameters) pairs
        Parameters go to papermill as values (never formatted into code); their names must be ones the
        notebook declares. ``figures_dir`` is added by the runner: the run's own ``figures/`` folder.
    output_root : str or pathlib.Path, default "reports"
        Folder of the suites, created if needed (layout: :mod:`cchc_data.report._suite`).
    jobs : int, optional
        Worker processes of the local pool (default: ``os.cpu_count()``, never more than the runs to execute).
    progress : bool, default True
        Print one line per finished run, then the summary table.
    keep : int, default 5
        Suites of each kind to keep; older ones are removed, never the one ``latest`` points to.
    figures_root : path, optional
        After a successful publish, every run's figures are copied to ``<figures_root>/<run folder>/``
        (default: ``figures/`` beside the notebooks' folder, i.e. the project's ``figures/``).
    kernel : str, default KERNEL
        Jupyter kernel name (``"python3"``).
    timeout : float, optional
        Per-cell execution timeout in seconds (default: none).
    executor : concurrent.futures.Executor, optional
        Where runs execute (e.g. a Dask ``Client(address).get_executor()``); the caller keeps it and shuts it
        down. Its workers must see the same paths (a shared checkout or data folder). Default: a local pool
        of ``jobs`` processes that die with this one.
    {data_dir}
        The kernels get it as ``CCHC_DATA_DIR``.
    force : bool, default False
        Execute every run, even those an earlier published suite already holds with the same cache key.

    Returns
    -------
    SuiteResult
        ``ok=True``; ``path`` is ``<output_root>/<timestamp>`` and ``latest`` the symlink, or, when the runs are
        fewer than those of the current ``latest`` (``--only``), ``<output_root>/partial-<timestamp>`` beside it.

    Raises
    ------
    DataInvalid
        If the data has validation errors: nothing is run, written or published.
    SuiteFailed
        If any run failed: nothing is published, ``latest`` is untouched, the build is kept as
        ``<output_root>/failed-<timestamp>``, and the message names the failed runs.
    SuiteLocked
        If another suite is running in ``output_root``.
    ValueError, FileNotFoundError
        For bad arguments (no runs, unknown notebook, a parameter name the notebook does not declare, bad
        parameter types, two runs with one folder).
    KeyboardInterrupt
        On Ctrl-C, SIGTERM or SIGHUP: the build is removed and ``latest`` is untouched.

    See Also
    --------
    cchc_data.report.runs.plan_runs : The default grid of runs.

    Examples
    --------
    Bad arguments are refused before any kernel starts:

    >>> from cchc_data.report.runs import plan_runs
    >>> runs = plan_runs(langs="en").runs
    >>> runs[0].label
    '01_province_profile province=dak-lak lang=en'
    >>> run_suite(runs, jobs=0)
    Traceback (most recent call last):
    ...
    ValueError: jobs=0 is not a number of worker processes; use an integer >= 1
    """
    from ..datadir import data_dir as resolve_data_dir

    runs = check_runs(runs)
    if jobs is None:
        jobs = os.cpu_count() or 1
    _positive("jobs", jobs, "worker processes")
    _positive("keep", keep, "suites to keep")
    jobs = min(jobs, len(runs))
    # Absolute paths only from here on: workers and kernels run elsewhere (a kernel's working directory is
    # the notebook's folder), and a relative path would be resolved against it.
    data_dir = str(resolve_data_dir(data_dir))
    root = Path(output_root).expanduser().resolve()
    figures_root = (
        Path(figures_root).expanduser().resolve() if figures_root else runs[0].notebook.parent.parent / "figures"
    )
    if figures_root.exists() and not figures_root.is_dir():
        raise ValueError(f"figures_root={str(figures_root)!r} is not a folder; give a folder (created if needed)")
    if root == Path(data_dir) or Path(data_dir) in root.parents:
        raise ValueError(
            f"output_root={str(root)!r} is inside the data folder {data_dir}: every suite would change the data it "
            "reads; choose a folder outside it"
        )
    validate_data(data_dir)  # refuse bad data before the output folder is touched (the snapshot is checked again)
    settings = SuiteSettings(
        root=root, data_dir=data_dir, figures_root=figures_root, kernel=kernel, timeout=timeout, jobs=jobs, keep=keep,
        force=force, progress=progress, executor=executor,
        environment=environment_checksum(kernel, extra_env=kernel_variables(data_dir=None, marker=None)),
    )  # fmt: skip
    root.mkdir(parents=True, exist_ok=True)
    if (root / "latest").exists() and not (root / "latest").is_symlink():
        raise FileExistsError(
            f"{root / 'latest'} exists and is not a symlink; move it away so the runner can manage it"
        )

    with disk.suite_lock(root) as lock_fd, _sigterm_as_interrupt():
        started = _now()
        build = start_build(settings, started)
        t0 = time.perf_counter()
        report = _progress(len(runs), progress)
        try:
            # One snapshot of the data per suite: the kernels read it, the keys and the manifest describe it,
            # so an edit of the data folder while the suite runs never reaches a page filed under another key.
            snapshot = disk.snapshot_data(Path(data_dir), build / disk.SNAPSHOT)
            try:
                validation = {**validate_data(snapshot), "data_dir": disk.SNAPSHOT}
            except DataInvalid as exc:
                first = exc.report.errors[0] if exc.report is not None and exc.report.errors else exc
                raise DataInvalid(
                    f"{data_dir} changed as the suite started and no longer validates (the first error: {first}); "
                    f"nothing was run or published; `cchc validate {data_dir}` lists every problem",
                    exc.report,
                ) from None
            checksums = DataChecksums.of(snapshot)
            keys = cache_keys(runs, checksums, settings)
            results = reuse_unchanged(runs, keys, build, settings, report=report)
            todo = [i for i in range(len(runs)) if i not in results]
            results |= execute_runs(runs, todo, build, settings, lock_fd=lock_fd, data_dir=str(snapshot), report=report)
            ordered = [results[i] for i in range(len(runs))]
            for r, key in zip(ordered, keys, strict=True):
                r.key, r.files = key, disk.list_files(build, r.run.folder)
            finished, duration = _now(), time.perf_counter() - t0
            suite_ok = all(r.ok for r in ordered)
            downloads = downloads_key(checksums.whole)
            disk.write_manifest(
                build,
                manifest(ordered, settings, ok=suite_ok, started=started, finished=finished, duration=duration,
                         validation=validation, snapshot=snapshot, checksum=checksums.whole, downloads=downloads),
            )  # fmt: skip
            if suite_ok:
                disk.write_downloads(build, root, data_dir=str(snapshot), key=downloads)
        except BaseException:
            disk.end_processes_of(build)
            shutil.rmtree(build, ignore_errors=True)
            raise
        result = SuiteResult(suite_ok, build, ordered, _iso(started), _iso(finished), duration, jobs, None, validation)
        if progress:
            print(result.summary(), flush=True)
        folders = [r.run.folder for r in ordered]
        beside = bool(disk.fuller_latest(root, folders))
        result.path = disk.publish(root, build, started.strftime("%Y%m%dT%H%M%SZ"), ok=suite_ok, beside=beside)
        disk.prune(root, keep)
        if not suite_ok:
            raise SuiteFailed(_failure_message(result, root), result)
        result.latest = None if beside else root / "latest"
        disk.copy_figures(result.path, folders, figures_root)
        return result


share_docs_in(globals())
