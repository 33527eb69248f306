"""The suite on disk: the lock, the build folder, reuse from earlier suites, the manifest, publishing, pruning.

Layout of an output folder::

    reports/
      .lock                          flock: one suite at a time in this folder
      latest -> 20250101T120000Z     the last good full suite (relative symlink)
      20250101T120000Z/              a published suite (the newest ``keep`` are kept)
        index.html  manifest.json
        data/                        the suite's snapshot of the data folder: what its kernels read
        downloads/                   the data as CSV and Excel files
        01_province_profile/province=khanh-hoa,lang=vi/
          01_province_profile.ipynb  01_province_profile.html  figures/  [run.log]
      partial-20250101T130000Z/      a good suite with fewer runs than latest (--only): published beside it
      failed-20250102T060000Z/       a suite with a failed run, kept for diagnosis, never published
      .build-<stamp>-<pid>/          the suite being built (a dead suite's is removed by the next one)
    figures/01_province_profile/province=khanh-hoa,lang=vi/*.png   copied after each publish
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import filecmp
import json
import os
import re
import shutil
import signal
from pathlib import Path

from ._execute import SUITE_ENV, start_time

__all__ = [
    "SNAPSHOT",
    "SuiteLocked",
    "copy_figures",
    "end_orphans",
    "end_processes_of",
    "fuller_latest",
    "latest_target",
    "list_files",
    "build_folder",
    "previous_runs",
    "prune",
    "publish",
    "remove_stale_builds",
    "reuse_run",
    "snapshot_data",
    "suite_lock",
    "switch_latest",
    "write_downloads",
    "write_manifest",
]

SNAPSHOT = "data"
"""The folder of a suite that holds its snapshot of the data (relative to the suite)."""

_STAMP_RE = re.compile(r"^\d{8}T\d{6}Z(?:-(\d+))?$")
_PARTIAL_RE = re.compile(r"^partial-\d{8}T\d{6}Z(?:-(\d+))?$")
_FAILED_RE = re.compile(r"^failed-\d{8}T\d{6}Z(?:-(\d+))?$")


class SuiteLocked(RuntimeError):
    """Another suite is running in the same output folder (raised by :func:`suite_lock`).

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> with suite_lock(root), suite_lock(root):
    ...     pass  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cchc_data.report._suite.SuiteLocked: another report suite is already running in ... held by process ...); wait for it to finish, then try again
    """


@contextlib.contextmanager
def suite_lock(root: Path):
    """Hold ``<root>/.lock`` (flock, released by the kernel when the process dies, even by SIGKILL).

    The lock file holds the holder's pid while it is held.

    Parameters
    ----------
    root : pathlib.Path
        The output folder of the suites (it must exist).

    Yields
    ------
    int
        The lock's file descriptor (workers close their copy, see :func:`cchc_data.report._execute.local_pool`).

    Raises
    ------
    SuiteLocked
        If another process holds the lock (the message names its pid).

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> with suite_lock(root):
    ...     int((root / ".lock").read_text()) == os.getpid()
    True
    >>> (root / ".lock").read_text()
    ''
    """
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


def _marker_of(pid: str) -> str | None:
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:  # gone, or not ours
        return None
    prefix = SUITE_ENV.encode() + b"="
    for item in environ.split(b"\0"):
        if item.startswith(prefix):
            return item[len(prefix) :].decode(errors="replace")
    return None


def end_orphans(root: Path, *, current: str) -> list[int]:
    """SIGKILL the workers and kernels of dead suites of ``root``; call only while holding its lock.

    Holding the lock means no other suite of ``root`` is alive, so what belongs to another suite of ``root``
    is an orphan of a suite that was killed. Workers, their zygotes and the kernels forked from them are the
    ones listed in the stale build folders' ``.workers/`` (pid and start time, so a reused pid is never hit);
    kernels started as new programs are found by the marker in their environment
    (``CCHC_REPORT_SUITE=<root>/.build-…``).

    Parameters
    ----------
    root : pathlib.Path
        The output folder of the suites.
    current : str
        This suite's build folder (its marker), whose processes are spared.

    Returns
    -------
    list of int
        The pids signalled (always empty where there is no ``/proc``).

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> end_orphans(root, current=str(root / ".build-x"))
    []
    """
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    mine = {os.getpid(), os.getppid()}
    records = [r for r in root.glob(".build-*/.workers/*-*") if str(r.parent.parent) != current]
    killed = _kill_listed(records, spare=mine)
    killed += _kill_marked(lambda marker: marker.startswith(f"{root}/") and marker != current, spare=mine)
    return killed


def _kill_listed(records, *, spare) -> list[int]:
    """SIGKILL the processes named by ``.workers/<pid>-<start time>`` records that still run (same start time)."""
    killed = []
    for record in records:
        pid, _, started = record.name.partition("-")
        if pid.isdigit() and int(pid) not in spare and start_time(int(pid)) == started:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(int(pid), signal.SIGKILL)
                killed.append(int(pid))
    return killed


def end_processes_of(build: Path) -> list[int]:
    """SIGKILL the processes still running for this suite (after its workers were stopped: interrupt, SIGTERM).

    A kernel busy in a long computation may not notice for a while that its worker is gone.

    Parameters
    ----------
    build : pathlib.Path
        The suite's build folder (the marker its kernels carry).

    Returns
    -------
    list of int
        The pids signalled (always empty where there is no ``/proc``).

    Examples
    --------
    >>> end_processes_of(Path("/nonexistent/.build-x"))
    []
    """
    if not Path("/proc").is_dir():
        return []
    mine = {os.getpid(), os.getppid()}
    killed = _kill_listed(build.glob(".workers/*-*"), spare=mine)  # workers, zygotes and the kernels they forked
    return killed + _kill_marked(lambda marker: marker == str(build), spare=mine)


def _kill_marked(wanted, *, spare) -> list[int]:
    killed = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) in spare:
            continue
        marker = _marker_of(entry.name)
        if marker and wanted(marker):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(int(entry.name), signal.SIGKILL)
                killed.append(int(entry.name))
    return killed


def remove_stale_builds(root: Path) -> list[Path]:
    """Remove ``.build-*`` folders left by killed suites; call only while holding the lock (none is alive).

    Parameters
    ----------
    root : pathlib.Path
        The output folder of the suites.

    Returns
    -------
    list of pathlib.Path
        The folders removed.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / ".build-20250101T120000Z-123").mkdir()
    >>> [p.name for p in remove_stale_builds(root)], list(root.iterdir())
    (['.build-20250101T120000Z-123'], [])
    """
    stale = sorted(root.glob(".build-*"))
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
    return stale


def build_folder(root: Path, started: dt.datetime) -> Path:
    """The (not yet created) folder this suite builds in: ``.build-<stamp>-<pid>``.

    Parameters
    ----------
    root : pathlib.Path
        The output folder of the suites.
    started : datetime.datetime
        When the suite started (UTC).

    Returns
    -------
    pathlib.Path
        ``<root>/.build-<YYYYmmddTHHMMSSZ>-<pid>``.

    Examples
    --------
    >>> folder = build_folder(Path("reports"), dt.datetime(2025, 1, 1, 12, 0, tzinfo=dt.UTC))
    >>> folder.name.removesuffix(f"-{os.getpid()}")
    '.build-20250101T120000Z'
    """
    return root / f".build-{started.strftime('%Y%m%dT%H%M%SZ')}-{os.getpid()}"


def _suite_dirs(root: Path, pattern: re.Pattern) -> list[Path]:
    def key(path: Path):
        m = pattern.match(path.name)
        return (path.name[: m.start(1) - 1], int(m.group(1))) if m.group(1) else (path.name, 0)

    found = [p for p in root.iterdir() if p.is_dir() and not p.is_symlink() and pattern.match(p.name)]
    return sorted(found, key=key)


def latest_target(root: Path) -> Path | None:
    """The suite folder ``<root>/latest`` points to, resolved; ``None`` without that symlink.

    Parameters
    ----------
    root : pathlib.Path
        The output folder of the suites.

    Returns
    -------
    pathlib.Path or None
        The absolute path of the latest good full suite.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> latest_target(root) is None
    True
    >>> (root / "20250101T120000Z").mkdir()
    >>> latest_target(switch_latest(root, root / "20250101T120000Z").parent).name
    '20250101T120000Z'
    """
    link = root / "latest"
    return (root / os.readlink(link)).resolve() if link.is_symlink() else None


def _manifest_of(suite: Path) -> dict | None:
    try:
        return json.loads((suite / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def previous_runs(root: Path) -> dict[str, tuple[Path, dict]]:
    """Successful runs of the kept published suites by cache key, the newest suite winning: key -> (suite, run).

    Published and partial suites count; failed ones and runs whose folder is gone do not.

    Parameters
    ----------
    root : pathlib.Path
        The output folder of the suites.

    Returns
    -------
    dict of str to (pathlib.Path, dict)
        Cache key to the suite folder and the run's entry of its ``manifest.json``.

    Examples
    --------
    >>> import json, tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> run = {"folder": "04_data_audit/lang=en", "status": "ok", "cache": {"key": "sha256:k"}}
    >>> (root / "20250101T120000Z" / run["folder"]).mkdir(parents=True)
    >>> _ = (root / "20250101T120000Z" / "manifest.json").write_text(json.dumps({"runs": [run]}))
    >>> {key: suite.name for key, (suite, _) in previous_runs(root).items()}
    {'sha256:k': '20250101T120000Z'}
    """
    suites = _suite_dirs(root, _STAMP_RE) + _suite_dirs(root, _PARTIAL_RE)
    suites.sort(key=lambda p: p.name.removeprefix("partial-"))
    found: dict[str, tuple[Path, dict]] = {}
    for suite in suites:  # oldest first: newer ones overwrite
        manifest = _manifest_of(suite) or {}
        for run in manifest.get("runs", []):
            key = (run.get("cache") or {}).get("key")
            if key and run.get("status") == "ok" and (suite / run.get("folder", "")).is_dir():
                found[key] = (suite, run)
    return found


def _link_or_copy(src, dst) -> None:
    try:
        os.link(src, dst)  # published suites are never modified in place: sharing the bytes is safe and instant
    except OSError:  # another file system, or links not supported
        shutil.copy2(src, dst)


def reuse_run(source: Path, folder: str, build: Path) -> None:
    """Put one run's folder from an earlier suite into the build, byte for byte (hard links where possible).

    Parameters
    ----------
    source : pathlib.Path
        The earlier suite's folder.
    folder : str
        The run's folder, relative to the suite.
    build : pathlib.Path
        The build folder; the run's folder must not exist there yet.

    Returns
    -------
    None
        ``<build>/<folder>`` now holds the same files.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "old" / "run").mkdir(parents=True)
    >>> _ = (root / "old" / "run" / "page.html").write_text("<p>hi</p>")
    >>> reuse_run(root / "old", "run", root / "build")
    >>> (root / "build" / "run" / "page.html").read_text()
    '<p>hi</p>'
    """
    shutil.copytree(source / folder, build / folder, copy_function=_link_or_copy)


def list_files(suite: Path, folder: str) -> list[str]:
    """The files of one run's folder, relative to the suite, sorted (for the manifest).

    Parameters
    ----------
    suite : pathlib.Path
        The suite (or build) folder.
    folder : str
        The run's folder, relative to the suite.

    Returns
    -------
    list of str
        POSIX paths relative to ``suite``; empty if the folder does not exist.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "run" / "figures").mkdir(parents=True)
    >>> for name in ("run/page.html", "run/figures/a.png"):
    ...     _ = (root / name).write_text("x")
    >>> list_files(root, "run"), list_files(root, "missing")
    (['run/figures/a.png', 'run/page.html'], [])
    """
    where = suite / folder
    if not where.is_dir():
        return []
    return sorted(p.relative_to(suite).as_posix() for p in where.rglob("*") if p.is_file())


def write_manifest(build: Path, manifest: dict) -> None:
    """``manifest.json`` and ``index.html`` of the suite (the index is :func:`cchc_data.report.pages.index_html`).

    Parameters
    ----------
    build : pathlib.Path
        The suite's build folder.
    manifest : dict
        The manifest, as :func:`cchc_data.report.pages.index_html` reads it.

    Returns
    -------
    None
        Both files are written (UTF-8).

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> write_manifest(root, {"runs": [], "started": "2026-01-02T10:00", "finished": "2026-01-02T10:01",
    ...                       "duration_s": 60.0, "jobs": 2, "package_version": "0.1.0", "data_checksum": "sha256:abc"})
    >>> sorted(p.name for p in root.iterdir())
    ['index.html', 'manifest.json']
    """
    from .pages import index_html

    (build / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (build / "index.html").write_text(index_html(manifest), encoding="utf-8")


def snapshot_data(source: Path, dest: Path) -> Path:
    """Copy the data folder into ``dest``, each file read once: the suite's kernels read this copy only.

    Regular files are copied (a symlinked table through its target); hidden files (``.*``: locks, staged
    tables of a curation in progress) and anything that is not a regular file are not.

    Parameters
    ----------
    source : pathlib.Path
        The data folder.
    dest : pathlib.Path
        The snapshot's folder (created; must not exist).

    Returns
    -------
    pathlib.Path
        ``dest``.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "data").mkdir()
    >>> _ = (root / "data" / "a.csv").write_text("x")
    >>> _ = (root / "data" / ".lock").write_text("")
    >>> sorted(p.name for p in snapshot_data(root / "data", root / "snap").iterdir())
    ['a.csv']
    """
    dest.mkdir(parents=True)
    for file in sorted(source.rglob("*")):
        rel = file.relative_to(source)
        if any(part.startswith(".") for part in rel.parts) or not file.is_file():
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.read_bytes())
        target.chmod(0o644)
    return dest


def write_downloads(build: Path, root: Path, *, data_dir: str, key: str) -> None:
    """The suite's data downloads (facts and sources as CSV, the Excel workbooks) and the index that links them.

    When the suite ``latest`` points to has downloads of the same key (same data snapshot, same runner code
    and environment: :func:`cchc_data.report._cache.downloads_key`), its files are hard-linked (byte-identical,
    no export); otherwise :func:`cchc_data.report.pages.write_downloads` writes them.

    Parameters
    ----------
    build : pathlib.Path
        The suite's build folder (with its ``manifest.json`` and ``index.html``).
    root : pathlib.Path
        The output folder of the suites.
    data_dir : str
        The data folder (the suite's snapshot), as an absolute path.
    key : str
        The downloads' cache key.

    Returns
    -------
    None
        The files are under ``<build>/downloads/`` and the index links them.

    Examples
    --------
    >>> from cchc_data import data_dir
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> write_downloads(root, root, data_dir=str(data_dir()), key="sha256:k")
    >>> sorted(p.name for p in (root / "downloads").iterdir())[:2]
    ['cchc-facts-en.xlsx', 'cchc-facts-vi.xlsx']
    """
    from .pages import DOWNLOADS, index_html
    from .pages import write_downloads as render

    previous = latest_target(root)
    names = [path for path, _ in DOWNLOADS.values()]
    try:
        same = json.loads((previous / "manifest.json").read_text(encoding="utf-8"))["downloads"]["key"] == key
    except (TypeError, OSError, ValueError, KeyError):
        same = False
    if not same or not all((previous / name).is_file() for name in names):
        render(build, data_dir=data_dir)
        return
    (build / "downloads").mkdir(exist_ok=True)
    for name in names:
        os.link(previous / name, build / name)
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    (build / "index.html").write_text(index_html(manifest, downloads=names), encoding="utf-8")


def _free_name(root: Path, base: str) -> Path:
    candidate, n = root / base, 1
    while candidate.exists() or candidate.is_symlink():
        candidate, n = root / f"{base}-{n}", n + 1
    return candidate


def switch_latest(root: Path, target: Path) -> Path:
    """Point ``<root>/latest`` at ``target`` atomically (readers see the old suite or the new one, never neither).

    Parameters
    ----------
    root : pathlib.Path
        The output folder of the suites.
    target : pathlib.Path
        A suite folder directly under ``root``; the link is relative (its name).

    Returns
    -------
    pathlib.Path
        The ``latest`` symlink.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "20250101T120000Z").mkdir()
    >>> os.readlink(switch_latest(root, root / "20250101T120000Z"))
    '20250101T120000Z'
    """
    link = root / "latest"
    tmp = root / f".latest-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(target.name, tmp)
    os.replace(tmp, link)  # atomic: readers see the old suite or the new one, never neither
    return link


def fuller_latest(root: Path, folders) -> list[str]:
    """Run folders of the suite ``latest`` points to that ``folders`` lacks (``--only`` must not replace it).

    Parameters
    ----------
    root : pathlib.Path
        The output folder of the suites.
    folders : iterable of str
        The run folders of the new suite.

    Returns
    -------
    list of str
        The folders only ``latest`` has; empty without a ``latest`` or when the new suite has them all.

    Examples
    --------
    >>> import json, tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "20250101T120000Z").mkdir()
    >>> runs = [{"folder": "04_data_audit/lang=vi"}, {"folder": "04_data_audit/lang=en"}]
    >>> _ = (root / "20250101T120000Z" / "manifest.json").write_text(json.dumps({"runs": runs}))
    >>> _ = switch_latest(root, root / "20250101T120000Z")
    >>> fuller_latest(root, ["04_data_audit/lang=en"])
    ['04_data_audit/lang=vi']
    """
    target = latest_target(root)
    manifest = _manifest_of(target) if target else None
    if not manifest:
        return []
    have = set(folders)
    return [r["folder"] for r in manifest.get("runs", []) if r.get("folder") not in have]


def publish(root: Path, build: Path, stamp: str, *, ok: bool, beside: bool) -> Path:
    """Rename the build to its final name; switch ``latest`` to it when it is a good full suite.

    Parameters
    ----------
    root : pathlib.Path
        The output folder of the suites.
    build : pathlib.Path
        The suite's build folder.
    stamp : str
        The suite's time stamp, ``YYYYmmddTHHMMSSZ``.
    ok : bool
        Whether every run succeeded (else the suite becomes ``failed-<stamp>``).
    beside : bool
        Whether a good suite is partial and goes beside ``latest`` (``partial-<stamp>``).

    Returns
    -------
    pathlib.Path
        The suite's final folder (``-1``, ``-2`` … added if the name is taken).

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / ".build-x").mkdir()
    >>> publish(root, root / ".build-x", "20250101T120000Z", ok=True, beside=False).name, os.readlink(root / "latest")
    ('20250101T120000Z', '20250101T120000Z')
    >>> (root / ".build-y").mkdir()
    >>> publish(root, root / ".build-y", "20250101T130000Z", ok=False, beside=False).name
    'failed-20250101T130000Z'
    """
    base = stamp if ok and not beside else f"partial-{stamp}" if ok else f"failed-{stamp}"
    shutil.rmtree(build / ".workers", ignore_errors=True)
    final = _free_name(root, base)
    os.rename(build, final)
    if ok and not beside:
        switch_latest(root, final)
    return final


def prune(root: Path, keep: int) -> list[Path]:
    """Keep the newest ``keep`` suites of each kind (published, partial, failed); never the one ``latest`` names.

    Parameters
    ----------
    root : pathlib.Path
        The output folder of the suites.
    keep : int
        How many suites of each kind to keep.

    Returns
    -------
    list of pathlib.Path
        The suite folders removed.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("20250101T120000Z", "20250102T120000Z", "failed-20250103T120000Z"):
    ...     (root / name).mkdir()
    >>> _ = switch_latest(root, root / "20250101T120000Z")
    >>> prune(root, 1)
    []
    >>> _ = switch_latest(root, root / "20250102T120000Z")
    >>> [p.name for p in prune(root, 1)]
    ['20250101T120000Z']
    """
    protected = latest_target(root)
    removed = []
    for pattern in (_STAMP_RE, _PARTIAL_RE, _FAILED_RE):
        dirs = _suite_dirs(root, pattern)
        for old in dirs[: max(0, len(dirs) - keep)]:
            if protected is not None and old.resolve() == protected:
                continue
            shutil.rmtree(old, ignore_errors=True)
            removed.append(old)
    return removed


def _atomic_copy_tree(src: Path, dest: Path) -> None:
    """Copy ``src`` over ``dest`` file by file, each through a temporary name and an atomic rename.

    A concurrent suite copying the same run sees every file whole (one suite's or the other's); files of
    ``dest`` that ``src`` lacks are removed afterwards.
    """
    tag = f".tmp-{os.getpid()}"
    wanted = set()
    for file in sorted(src.rglob("*")):
        if not file.is_file():
            continue
        rel = file.relative_to(src)
        wanted.add(rel)
        target = dest / rel
        if target.is_file() and filecmp.cmp(file, target, shallow=False):
            continue  # already there, byte for byte (the usual case after an unchanged suite)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + tag)
        shutil.copy2(file, tmp)
        os.replace(tmp, target)
    for old in sorted(dest.rglob("*"), reverse=True):
        if old.is_file() and old.relative_to(dest) not in wanted and ".tmp-" not in old.name:
            with contextlib.suppress(FileNotFoundError):
                old.unlink()


def copy_figures(suite: Path, folders, figures_root: Path) -> None:
    """Copy each run's ``figures/`` to ``<figures_root>/<run folder>/`` (safe against a concurrent suite).

    Each file goes through a temporary name and an atomic rename; files the run no longer has are removed.

    Parameters
    ----------
    suite : pathlib.Path
        The published suite's folder.
    folders : iterable of str
        The run folders, relative to the suite.
    figures_root : pathlib.Path
        The project's ``figures/`` folder.

    Returns
    -------
    None
        ``<figures_root>/<folder>/`` mirrors each run's ``figures/``.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "suite" / "run" / "figures").mkdir(parents=True)
    >>> _ = (root / "suite" / "run" / "figures" / "a.png").write_bytes(b"png")
    >>> copy_figures(root / "suite", ["run"], root / "figures")
    >>> [p.name for p in (root / "figures" / "run").iterdir()]
    ['a.png']
    """
    for folder in folders:
        src = suite / folder / "figures"
        if src.is_dir() and any(src.iterdir()):
            _atomic_copy_tree(src, figures_root / folder)
