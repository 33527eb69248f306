"""The report runner: execute the parameterised notebooks, render them as offline HTML, publish the suite.

A *run* is one notebook with one set of parameters. :func:`run_suite` executes a list of runs in parallel
with papermill (each in its own worker process, kernel ``python3``, working directory = the notebook's
folder), writes per run the executed notebook, a self-contained HTML page and the figures, then an
``index.html`` and a ``manifest.json`` for the whole suite. The suite is built in a hidden folder and
published by atomically switching the ``latest`` symlink, only if every run succeeded::

    reports/
      .lock                          flock: one suite at a time
      latest -> 20250101T120000Z     the last good suite (relative symlink)
      20250101T120000Z/              a published suite (the newest ``keep`` are kept)
        index.html  manifest.json
        01_province_profile/province=khanh-hoa,lang=vi/
          01_province_profile.ipynb  01_province_profile.html  figures/  [run.log]
      failed-20250102T060000Z/       a suite with a failed run, kept for diagnosis, never published
    figures/01_province_profile/province=khanh-hoa,lang=vi/*.png   copied after each publish

Executed notebooks record the build folder (``reports/.build-…``) as their ``figures_dir``: the suite is
renamed to its timestamp when published.

:func:`default_runs` builds the project's grid (profile and targets per province with data, comparison
and data audit once, each in every language); ``cchc report`` is the command-line face of both.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import datetime as dt
import fcntl
import fnmatch
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ._text import fold
from .pages import _show, external_references, index_html, notebook_to_html

__all__ = [
    "LANGS",
    "NOTEBOOKS",
    "Run",
    "RunResult",
    "SuiteFailed",
    "SuiteLocked",
    "SuiteResult",
    "data_checksum",
    "default_runs",
    "external_references",
    "notebook_to_html",
    "parse_langs",
    "run_folder",
    "run_suite",
    "select_runs",
]

LANGS = ("vi", "en")
"""Languages the notebooks can be rendered in."""

NOTEBOOKS = ("01_province_profile.ipynb", "02_comparison.ipynb", "03_targets.ipynb", "04_data_audit.ipynb")
"""The notebooks of the default suite, in the order they run."""

KERNEL = "python3"
_NOISE = (  # kernel chatter on stderr/stdout that is not an error of the run
    "Kernel is running over TCP without encryption",
    "KeyboardInterrupt caught in kernel",
    "Debugger warning: It seems that frozen modules are being used",
    "-Xfrozen_modules=off",
    "PYDEVD_DISABLE_FILE_VALIDATION",
    "to disable this validation",
)
_STAMP_RE = re.compile(r"^\d{8}T\d{6}Z(?:-(\d+))?$")
_FAILED_RE = re.compile(r"^failed-\d{8}T\d{6}Z(?:-(\d+))?$")


class SuiteLocked(RuntimeError):
    """Another suite is running in the same output folder."""


class SuiteFailed(RuntimeError):
    """At least one run of the suite failed; the suite was kept as ``failed-<timestamp>`` and not published.

    ``result`` holds the :class:`SuiteResult`.
    """

    def __init__(self, message: str, result: SuiteResult):
        super().__init__(message)
        self.result = result


# --------------------------------------------------------------------------------------------------
# Runs and their output folders


def _slug(value, *, limit: int = 40) -> str:
    """ASCII folder-name part for one parameter value (lossy; see :func:`run_folder`)."""
    if isinstance(value, list | tuple):
        return "+".join(_slug(v, limit=limit) for v in value) if value else "all"
    if value is None or isinstance(value, bool):
        return str(value).lower()
    text = str(value)
    slug = re.sub(r"[^a-z0-9._-]+", "-", fold(text)).strip("-.") or "empty"
    if len(slug) > limit:  # keep names short and still distinct
        slug = slug[: limit - 8].rstrip("-.") + "-" + hashlib.sha256(text.encode()).hexdigest()[:7]
    return slug


def run_folder(notebook, parameters: dict) -> str:
    """The output folder of one run, relative to the suite, as a POSIX path.

    Deterministic: the notebook's stem, then ``key=value`` pairs in the parameters' order, with values
    folded to ASCII (lower case, no diacritics, ``đ`` → ``d``, other characters → ``-``). An empty list
    is ``all``; a long value is shortened and given a hash of the full value.

    Examples
    --------
    >>> run_folder("notebooks/01_province_profile.ipynb", {"province": "Khánh Hòa", "lang": "vi"})
    '01_province_profile/province=khanh-hoa,lang=vi'
    >>> run_folder("02_comparison.ipynb", {"provinces": [], "concepts": ["a", "b"], "lang": "en"})
    '02_comparison/provinces=all,concepts=a+b,lang=en'
    >>> run_folder("04_data_audit.ipynb", {})
    '04_data_audit/default'
    """
    stem = _slug(Path(notebook).stem, limit=80)
    pairs = ",".join(f"{_slug(k)}={_slug(v)}" for k, v in parameters.items())
    return f"{stem}/{pairs or 'default'}"


@dataclass
class Run:
    """One notebook with one set of parameters (values: str, int, float, bool, None, or lists of them).

    ``figures_dir`` is not a parameter you give: the runner sets it to the run's own ``figures/`` folder.
    """

    notebook: Path
    parameters: dict = field(default_factory=dict)

    def __post_init__(self):
        self.notebook = Path(self.notebook)
        self.parameters = dict(self.parameters)

    @property
    def name(self) -> str:
        """The notebook's stem (``01_province_profile``)."""
        return self.notebook.stem

    @property
    def label(self) -> str:
        """``01_province_profile province=khanh-hoa lang=vi``: how progress lines and errors name the run."""
        return " ".join([self.name, *(f"{k}={_show(v)}" for k, v in self.parameters.items())])

    @property
    def folder(self) -> str:
        """Output folder relative to the suite (see :func:`run_folder`)."""
        return run_folder(self.notebook, self.parameters)


def _as_run(item) -> Run:
    if isinstance(item, Run):
        return item
    if isinstance(item, str | os.PathLike):
        return Run(item)
    try:
        notebook, parameters = item
    except (TypeError, ValueError):
        raise ValueError(f"{item!r} is not a run; give Run objects or (notebook path, parameter dict) pairs") from None
    return Run(notebook, parameters or {})


def _check_value(run: Run, key: str, value) -> None:
    ok = (str, int, float, bool, type(None))
    if isinstance(value, ok) or (isinstance(value, list | tuple) and all(isinstance(v, ok) for v in value)):
        return
    raise ValueError(
        f"{run.label}: parameter {key}={value!r} has type {type(value).__name__}; parameters must be str, int, "
        "float, bool, None or lists of them"
    )


def parse_langs(text) -> tuple[str, ...]:
    """Languages from ``"vi,en"`` (or a list), checked against :data:`LANGS`.

    Examples
    --------
    >>> parse_langs("en, vi")
    ('en', 'vi')
    >>> parse_langs("fr")
    Traceback (most recent call last):
    ...
    ValueError: 'fr' is not a supported language; use vi or en
    """
    items = text.split(",") if isinstance(text, str) else list(text)
    langs: list[str] = []
    for item in items:
        lang = str(item).strip().lower()
        if lang not in LANGS:
            raise ValueError(f"{str(item).strip()!r} is not a supported language; use {' or '.join(LANGS)}")
        if lang not in langs:
            langs.append(lang)
    if not langs:
        raise ValueError(f"no language given; use {' or '.join(LANGS)} (or both: {','.join(LANGS)})")
    return tuple(langs)


def default_runs(notebooks_dir="notebooks", *, langs=LANGS, data_dir=None) -> list[Run]:
    """The project's suite: profile and targets per province with data, comparison and audit once; each per language.

    Parameters
    ----------
    notebooks_dir : path
        Folder holding the notebooks of :data:`NOTEBOOKS`.
    langs : str or sequence of str
        ``"vi,en"``, ``["vi"]``…
    data_dir : path, optional
        Data folder whose provinces make the grid (default: the data in use).

    Raises
    ------
    FileNotFoundError
        If a notebook of the suite is missing (the message names it).
    """
    from .indicators import load_indicators

    langs = parse_langs(langs)
    folder = Path(notebooks_dir)
    missing = [name for name in NOTEBOOKS if not (folder / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{folder} lacks {', '.join(missing)}; point --notebooks (notebooks_dir=) at the folder holding "
            f"the suite's notebooks: {', '.join(NOTEBOOKS)}"
        )
    provinces = sorted(load_indicators(data_dir=data_dir)["province"].astype(str).unique())
    profile, comparison, targets, audit = (folder / name for name in NOTEBOOKS)
    runs = [Run(profile, {"province": p, "lang": lang}) for p in provinces for lang in langs]
    runs += [Run(comparison, {"provinces": [], "concepts": [], "lang": lang}) for lang in langs]
    runs += [Run(targets, {"province": p, "lang": lang}) for p in provinces for lang in langs]
    runs += [Run(audit, {"lang": lang}) for lang in langs]
    return runs


def select_runs(runs, pattern: str) -> list[Run]:
    """The runs whose label or folder matches ``pattern``.

    A pattern with ``*``, ``?`` or ``[`` is a glob over the whole label (``01_*``, ``*khanh-hoa*vi``); any
    other pattern matches as a substring (``targets``, ``lang=en``). Case and diacritics are ignored
    (``Khánh Hòa`` finds ``khanh-hoa``).

    Examples
    --------
    >>> runs = [Run("01_province_profile.ipynb", {"province": "khanh-hoa", "lang": l}) for l in ("vi", "en")]
    >>> [r.label for r in select_runs(runs, "lang=en")]
    ['01_province_profile province=khanh-hoa lang=en']
    >>> len(select_runs(runs, "01_*"))
    2
    """
    runs = [_as_run(r) for r in runs]
    pat = fold(pattern)
    glob = any(c in pat for c in "*?[")

    def matches(run: Run) -> bool:
        keys = [fold(run.label), fold(run.folder), fold(run.label.replace(" ", "-"))]
        if glob:
            return any(fnmatch.fnmatchcase(k, pat) for k in keys)
        return any(pat in k or pat.replace(" ", "-") in k for k in keys)

    chosen = [r for r in runs if matches(r)]
    if not chosen:
        example = runs[0].label if runs else "(no runs)"
        raise ValueError(f"--only {pattern!r} matches none of the {len(runs)} runs; runs look like {example!r}")
    return chosen


# --------------------------------------------------------------------------------------------------
# Worker side (runs in the pool's processes)


def _init_worker(lock_fd: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError):  # the lock belongs to the parent; don't outlive it holding a copy
        os.close(lock_fd)


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


def _error_line(exc: BaseException) -> str:
    if hasattr(exc, "ename") and hasattr(exc, "evalue"):  # papermill.PapermillExecutionError
        text = f"{exc.ename}: {exc.evalue}"
    else:
        lines = [line for line in str(exc).splitlines() if line.strip()]
        text = f"{type(exc).__name__}: {lines[-1] if lines else ''}".rstrip(": ")
    return re.sub(r"\x1b\[[0-9;]*m", "", " ".join(text.split()))


@contextlib.contextmanager
def _inline_charts():
    """Kernels inherit the environment: make sure they draw charts inline into the notebook.

    A server or a test often sets ``MPLBACKEND=Agg``; a kernel started with it shows no chart at all, and
    the report would silently have none.
    """
    key, inline = "MPLBACKEND", "module://matplotlib_inline.backend_inline"
    before = os.environ.get(key)
    os.environ[key] = inline
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = before


def _execute(notebook: str, out_dir: str, parameters: dict, title: str, kernel: str, timeout) -> dict:
    """Execute one run and render it; never raises for a failure of the run itself."""
    start = time.perf_counter()
    out = Path(out_dir).resolve()
    notebook = str(Path(notebook).resolve())
    figures = out / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    executed = out / f"{Path(notebook).stem}.ipynb"
    status, error = "ok", ""
    with _captured_output() as captured:
        try:
            import papermill

            extra = {} if timeout is None else {"execution_timeout": timeout}
            with _inline_charts():
                papermill.execute_notebook(
                    notebook,
                    str(executed),
                    parameters={**parameters, "figures_dir": str(figures)},
                    kernel_name=kernel,
                    progress_bar=False,
                    cwd=str(Path(notebook).parent),
                    **extra,
                )
        except Exception as exc:
            status, error = "failed", _error_line(exc)
        if executed.is_file():
            try:
                notebook_to_html(
                    executed, out / f"{Path(notebook).stem}.html", lang=parameters.get("lang"), title=title
                )
            except Exception as exc:
                if status == "ok":
                    status, error = "failed", f"HTML export: {_error_line(exc)}"
    log = _filter_noise(captured[0])
    if log:
        (out / "run.log").write_text(log + "\n", encoding="utf-8")
    return {"status": status, "error": error, "log": log, "duration": time.perf_counter() - start}


# --------------------------------------------------------------------------------------------------
# Suite side


@dataclass
class RunResult:
    """What one run produced; paths are relative to the suite folder."""

    run: Run
    status: str  # "ok", "failed" or "not run"
    duration: float = 0.0
    error: str = ""
    log: str = ""
    files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict:
        return {
            "notebook": self.run.notebook.name,
            "notebook_path": str(self.run.notebook),
            "parameters": self.run.parameters,
            "label": self.run.label,
            "folder": self.run.folder,
            "status": self.status,
            "duration_s": round(self.duration, 2),
            "error": self.error,
            "log": self.log,
            "files": self.files,
        }


@dataclass
class SuiteResult:
    """The outcome of :func:`run_suite`: ``path`` is the published (or failed) suite folder."""

    ok: bool
    path: Path
    results: list[RunResult]
    started: str
    finished: str
    duration: float
    jobs: int
    latest: Path | None = None

    @property
    def failed(self) -> list[RunResult]:
        return [r for r in self.results if not r.ok]

    def summary(self) -> str:
        """A plain-text table: status, duration and label of every run, then the totals."""
        lines = [f"{'status':<7} {'duration':>8}  run"]
        for r in self.results:
            lines.append(f"{_status_word(r):<7} {r.duration:>6.1f} s  {r.run.label}")
        failed = len(self.failed)
        lines.append(
            f"{len(self.results)} runs: {len(self.results) - failed} ok, {failed} failed; "
            f"{self.duration:.1f} s with {self.jobs} job{'s' if self.jobs != 1 else ''}"
        )
        return "\n".join(lines)


def _status_word(r: RunResult) -> str:
    return "ok" if r.ok else ("FAILED" if r.status == "failed" else r.status)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(t: dt.datetime) -> str:
    return t.isoformat(timespec="seconds").replace("+00:00", "Z")


def data_checksum(path=None) -> str:
    """``sha256:<hex>`` over the data folder: each file's relative path and bytes, in sorted path order.

    Examples
    --------
    >>> data_checksum().startswith("sha256:")
    True
    """
    from .datadir import data_dir

    root = data_dir(path)
    digest = hashlib.sha256()
    for file in sorted(
        (p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts),
        key=lambda p: p.relative_to(root).as_posix(),
    ):
        digest.update(file.relative_to(root).as_posix().encode() + b"\0")
        digest.update(file.read_bytes())
        digest.update(b"\0")
    return "sha256:" + digest.hexdigest()


@contextlib.contextmanager
def _suite_lock(root: Path):
    lock_path = root / ".lock"
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip()
            who = f" by process {holder}" if holder.isdigit() else ""
            raise SuiteLocked(
                f"another report suite is already running in {root} (lock {lock_path} held{who}); "
                "wait for it to finish, then try again"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield fd
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _sigterm_as_interrupt():
    """Turn SIGTERM into KeyboardInterrupt so a scheduler's stop cleans up like Ctrl-C."""

    def handler(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not in the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _free_name(root: Path, base: str) -> Path:
    candidate, n = root / base, 1
    while candidate.exists() or candidate.is_symlink():
        candidate, n = root / f"{base}-{n}", n + 1
    return candidate


def _suite_dirs(root: Path, pattern: re.Pattern) -> list[Path]:
    def key(path: Path):
        m = pattern.match(path.name)
        return (path.name[: m.start(1) - 1], int(m.group(1))) if m.group(1) else (path.name, 0)

    found = [p for p in root.iterdir() if p.is_dir() and not p.is_symlink() and pattern.match(p.name)]
    return sorted(found, key=key)


def _latest_target(root: Path) -> Path | None:
    link = root / "latest"
    return (root / os.readlink(link)).resolve() if link.is_symlink() else None


def _prune(root: Path, keep: int) -> list[Path]:
    protected = _latest_target(root)
    removed = []
    for pattern in (_STAMP_RE, _FAILED_RE):
        dirs = _suite_dirs(root, pattern)
        for old in dirs[: max(0, len(dirs) - keep)]:
            if protected is not None and old.resolve() == protected:
                continue
            shutil.rmtree(old, ignore_errors=True)
            removed.append(old)
    return removed


def _switch_latest(root: Path, target: Path) -> Path:
    link = root / "latest"
    tmp = root / f".latest-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(target.name, tmp)
    os.replace(tmp, link)  # atomic: readers see the old suite or the new one, never neither
    return link


def _default_figures_root(run: Run) -> Path:
    return run.notebook.resolve().parent.parent / "figures"


def _copy_figures(suite: Path, results: list[RunResult], figures_root) -> None:
    for r in results:
        src = suite / r.run.folder / "figures"
        if not src.is_dir() or not any(src.iterdir()):
            continue
        dest = (Path(figures_root) if figures_root is not None else _default_figures_root(r.run)) / r.run.folder
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(src, dest)


def _list_files(suite: Path, run: Run) -> list[str]:
    folder = suite / run.folder
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(suite).as_posix() for p in folder.rglob("*") if p.is_file())


def _progress_line(done: int, total: int, r: RunResult) -> str:
    line = f"[{done}/{total}] {_status_word(r):<6} {r.run.label}  {r.duration:.1f} s"
    if not r.ok and r.error:
        error = r.error if len(r.error) <= 200 else r.error[:197] + "..."
        line += f"  {error}"
    return line


def _stop(pool: cf.ProcessPoolExecutor) -> None:
    """Cancel what has not started and stop the workers now (their kernels exit when their parent does)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them
    for proc in workers:
        with contextlib.suppress(Exception):
            proc.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in workers:
        with contextlib.suppress(Exception):
            proc.join(5)


def _execute_all(runs, build: Path, jobs: int, progress: bool, kernel: str, timeout, lock_fd: int) -> list[RunResult]:
    import papermill  # noqa: F401  (imported once here, ~3 s, and inherited by the forked workers)

    results: dict[int, RunResult] = {}
    # fork: workers inherit the imports and need no re-import of the caller's __main__ (spawn/forkserver would)
    ctx = multiprocessing.get_context("fork")
    pool = cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(lock_fd,))
    try:
        futures = {}
        for i, run in enumerate(runs):
            args = (str(run.notebook.resolve()), str(build / run.folder), run.parameters, run.label, kernel, timeout)
            futures[pool.submit(_execute, *args)] = i
        for done, future in enumerate(cf.as_completed(futures), 1):
            i = futures[future]
            try:
                out = future.result()
                r = RunResult(runs[i], out["status"], out["duration"], out["error"], out["log"])
            except Exception as exc:  # the worker itself died
                r = RunResult(runs[i], "failed", 0.0, f"worker crashed: {_error_line(exc)}")
            r.files = _list_files(build, runs[i])
            results[i] = r
            if progress:
                print(_progress_line(done, len(runs), r), flush=True)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return [results[i] for i in range(len(runs))]


def _manifest(suite_ok, results, started, finished, duration, jobs, kernel) -> dict:
    from . import __version__
    from .datadir import data_dir, data_version

    return {
        "status": "ok" if suite_ok else "failed",
        "started": _iso(started),
        "finished": _iso(finished),
        "duration_s": round(duration, 2),
        "jobs": jobs,
        "kernel": kernel,
        "package_version": __version__,
        "data_version": data_version(),
        "data_dir": str(data_dir()),
        "data_checksum": data_checksum(),
        "python": sys.version.split()[0],
        "runs": [r.to_dict() for r in results],
    }


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
) -> SuiteResult:
    """Execute runs in parallel, render them, and publish the suite as ``<output_root>/latest``.

    Parameters
    ----------
    runs : list of Run or (notebook, parameters) pairs
        Parameters go to papermill as values (never formatted into code); ``figures_dir`` is added by the
        runner and points to the run's own ``figures/`` folder.
    output_root : path
        Folder of the suites, created if needed (see the module docstring for the layout).
    jobs : int, optional
        Worker processes (default: ``os.cpu_count()``, never more than the runs).
    progress : bool
        Print one line per finished run, then the summary table.
    keep : int
        Published suites to keep (and as many failed ones); older ones are removed, never the one
        ``latest`` points to.
    figures_root : path, optional
        After a successful publish, every run's figures are copied to ``<figures_root>/<run folder>/``
        (default: ``figures/`` beside the notebooks' folder, i.e. the project's ``figures/``).
    kernel : str
        Jupyter kernel name.
    timeout : float, optional
        Per-cell execution timeout in seconds (default: none).

    Returns
    -------
    SuiteResult
        With ``ok=True``, ``path`` the published ``<output_root>/<timestamp>`` and ``latest`` the symlink.

    Raises
    ------
    SuiteFailed
        If any run failed: nothing is published, ``latest`` is untouched, the build is kept as
        ``<output_root>/failed-<timestamp>`` (with partial notebooks, index and manifest), and the message
        names the failed runs. Every run is attempted, whatever the others do.
    SuiteLocked
        If another suite is running in ``output_root``.
    ValueError, FileNotFoundError
        For bad arguments (no runs, unknown notebook, bad parameter types, two runs with one folder).
    KeyboardInterrupt
        On Ctrl-C or SIGTERM: the build is removed and ``latest`` is untouched.
    """
    runs = [_as_run(r) for r in runs]
    if not runs:
        raise ValueError("no runs to do")
    if jobs is None:
        jobs = os.cpu_count() or 1
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise ValueError(f"jobs={jobs!r} is not a number of worker processes; use an integer >= 1")
    if not isinstance(keep, int) or isinstance(keep, bool) or keep < 1:
        raise ValueError(f"keep={keep!r} is not a number of suites to keep; use an integer >= 1")
    jobs = min(jobs, len(runs))
    folders: dict[str, Run] = {}
    for run in runs:
        if not run.notebook.is_file():
            raise FileNotFoundError(f"{run.notebook} not found (run {run.label})")
        if "figures_dir" in run.parameters:
            raise ValueError(f"{run.label}: don't pass figures_dir; the runner sets it to the run's figures/ folder")
        for key, value in run.parameters.items():
            _check_value(run, key, value)
        if run.folder in folders:
            raise ValueError(f"runs {folders[run.folder].label!r} and {run.label!r} would both write to {run.folder}/")
        folders[run.folder] = run
    # Absolute paths only from here on: workers and kernels run elsewhere (a kernel's working directory
    # is the notebook's folder), and a relative path would be resolved against it.
    root = Path(output_root).expanduser().resolve()
    root.mkdir(parents=True, exist_ok=True)
    if figures_root is not None:
        figures_root = Path(figures_root).expanduser().resolve()
    link = root / "latest"
    if link.exists() and not link.is_symlink():
        raise FileExistsError(f"{link} exists and is not a symlink; move it away so the runner can manage it")

    with _suite_lock(root) as lock_fd, _sigterm_as_interrupt():
        for stale in root.glob(".build-*"):  # left by a killed run; we hold the lock, so nobody is using it
            shutil.rmtree(stale, ignore_errors=True)
        started = _now()
        stamp = started.strftime("%Y%m%dT%H%M%SZ")
        build = root / f".build-{stamp}-{os.getpid()}"
        build.mkdir()
        t0 = time.perf_counter()
        try:
            results = _execute_all(runs, build, jobs, progress, kernel, timeout, lock_fd)
            finished = _now()
            duration = time.perf_counter() - t0
            suite_ok = all(r.ok for r in results)
            manifest = _manifest(suite_ok, results, started, finished, duration, jobs, kernel)
            (build / "manifest.json").write_text(
                json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            (build / "index.html").write_text(index_html(manifest), encoding="utf-8")
        except BaseException:
            shutil.rmtree(build, ignore_errors=True)
            raise
        result = SuiteResult(suite_ok, build, results, manifest["started"], manifest["finished"], duration, jobs)
        if progress:
            print(result.summary(), flush=True)
        if suite_ok:
            final = _free_name(root, stamp)
            os.rename(build, final)
            result.path = final
            result.latest = _switch_latest(root, final)
            _prune(root, keep)
            _copy_figures(final, results, figures_root)
            return result
        final = _free_name(root, f"failed-{stamp}")
        os.rename(build, final)
        result.path = final
        _prune(root, keep)
        previous = _latest_target(root)
        failed = result.failed
        names = "; ".join(f"{r.run.label} ({r.error or r.status})" for r in failed)
        raise SuiteFailed(
            f"{len(failed)} of {len(results)} runs failed: {names}. Not published: "
            + (f"{link} still points to {previous.name}" if previous else f"{link} was not created")
            + f"; the failed suite is kept in {final}",
            result,
        )
