"""Writing tables of a data folder without losing anything: a lock, a re-check, a journaled replace.

Used by ``cchc curate check --apply`` (:func:`cchc_data.curate.check`). Everything it keeps lives beside the
data, never in ``$TMPDIR``::

    data/
      .cchc-curate.lock        flock: one writer at a time (released by the kernel when the process dies)
      .cchc-curate/            the work folder, removed after each command
        check-<pid>/           copies of the data being validated
        journal.json           written once every new table is staged: the point of no return
      .indicators.csv.cchc-new a staged table, beside the file it replaces (beside a symlink's target)

A replace of several tables is one step: each new table is staged and synced, then the journal is written
(atomically), then each staged table is renamed over its file, then the journal is removed. A process killed
before the journal leaves staged files that the next command removes (the old data stays); killed after it,
the next command finishes the renames (the new data). :func:`data_lock` does that recovery.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["TablesChanged", "WriteRefused", "data_lock", "digest", "replace_tables", "workspace"]

LOCK = ".cchc-curate.lock"
WORK = ".cchc-curate"
STAGED = ".cchc-new"
JOURNAL = "journal.json"
LOCK_WAIT = 120
"""Seconds a command waits for another one writing to the same data folder."""


class WriteRefused(ValueError):
    """Nothing was written: the message says why and what to do.

    Examples
    --------
    >>> str(WriteRefused("indicators.csv is read-only"))
    'indicators.csv is read-only'
    """


class TablesChanged(WriteRefused):
    """A table changed between reading it and replacing it (another writer, or an edit by hand)."""


def digest(data: bytes) -> str:
    """``sha256:<hex>`` of bytes.

    Examples
    --------
    >>> digest(b"abc")[:15]
    'sha256:ba7816bf'
    """
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _pause(point: str) -> None:
    """A fault-injection point for the tests: with ``CCHC_CURATE_PAUSE_AT=<point>`` the process says so and
    waits there (a test kills it)."""
    if os.environ.get("CCHC_CURATE_PAUSE_AT") == point:
        print(f"paused at {point}", file=sys.stderr, flush=True)
        time.sleep(600)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_synced(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, mode)
    try:
        view = memoryview(data)
        while view:  # os.write may write less than asked
            view = view[os.write(fd, view) :]
        os.fchmod(fd, mode)
        os.fsync(fd)
    finally:
        os.close(fd)


def _complete(journal: Path) -> list[str]:
    """Rename every staged table the journal lists over its file; return the files replaced."""
    entries = json.loads(journal.read_text(encoding="utf-8"))["replace"]
    done = []
    for n, (staged, target) in enumerate(entries):
        if os.path.exists(staged):
            os.replace(staged, target)
            _fsync_dir(Path(target).parent)
            done.append(Path(target).name)
        if n == 0:
            _pause("between-replacements")
    journal.unlink()
    _fsync_dir(journal.parent)
    return done


def recover(folder: Path, tables) -> list[str]:
    """Finish or roll back a write that a killed process left; remove its work files. Call holding the lock.

    Parameters
    ----------
    folder : pathlib.Path
        The data folder.
    tables : iterable of pathlib.Path
        The tables a write may replace (their staged files are looked for beside their real files).

    Returns
    -------
    list of str
        What was done, for people (empty when there was nothing to do).
    """
    said = []
    journal = folder / WORK / JOURNAL
    if journal.is_file():
        done = _complete(journal)
        said.append(f"an interrupted apply was completed ({', '.join(done) or 'nothing left to rename'})")
    for table in tables:
        real = Path(os.path.realpath(table))
        staged = real.with_name(f".{real.name}{STAGED}")
        if staged.exists():
            staged.unlink()
            said.append(f"an interrupted apply was rolled back (the staged {real.name} removed; the data is as before)")
    work = folder / WORK
    if work.is_dir():
        shutil.rmtree(work, ignore_errors=True)
    return said


@contextlib.contextmanager
def data_lock(folder: Path, tables, *, required: bool, wait: float = LOCK_WAIT):
    """Hold the data folder's lock (waiting up to ``wait`` seconds for another writer), recover, yield.

    Parameters
    ----------
    folder : pathlib.Path
        The data folder.
    tables : iterable of pathlib.Path
        The tables a write may replace (for :func:`recover`).
    required : bool
        Whether the caller will write: then a lock that cannot be taken is an error; else (a check of a
        read-only folder) the caller goes on without it.
    wait : float, default LOCK_WAIT
        Seconds to wait for another writer.

    Yields
    ------
    list of str
        What the recovery did (see :func:`recover`).

    Raises
    ------
    WriteRefused
        If another process keeps the lock longer than ``wait``, or (``required``) the folder is not writable.
    """
    try:
        fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if required:
            raise WriteRefused(
                f"cannot lock the data folder {folder} ({exc.strerror}); nothing written; make it writable and "
                "try again"
            ) from None
        yield []
        return
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
                    raise WriteRefused(
                        f"another `cchc curate check --apply` (process {holder or '?'}) has been writing to {folder} "
                        f"for over {wait:.0f} s; nothing written; try again when it has finished"
                    ) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield recover(folder, tables)
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextlib.contextmanager
def workspace(folder: Path):
    """A scratch folder for copies of the data: beside it (``.cchc-curate/check-<pid>``), removed afterwards.

    Falls back to a temporary folder only when the data folder is not writable (a check of read-only data).
    """
    try:
        work = folder / WORK / f"check-{os.getpid()}-{time.monotonic_ns()}"
        work.mkdir(parents=True)
    except OSError:
        with tempfile.TemporaryDirectory(prefix="cchc-curate-") as tmp:
            yield Path(tmp)
        return
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)
        with contextlib.suppress(OSError):
            (folder / WORK).rmdir()


def replace_tables(folder: Path, new: dict, *, seen: dict) -> None:
    """Replace several tables of ``folder`` as one step (call holding :func:`data_lock`).

    Parameters
    ----------
    folder : pathlib.Path
        The data folder.
    new : dict of pathlib.Path to bytes
        Each table's new content, in the order to rename them (a file a symlink names is written through
        to its target, so the link stays a link).
    seen : dict of pathlib.Path to str
        Each table's :func:`digest` when it was read: a table that changed since is not overwritten.

    Raises
    ------
    TablesChanged
        If a table changed since it was read (nothing is written).
    WriteRefused
        If a table is read-only (nothing is written).
    """
    for path, expected in seen.items():
        if digest(Path(path).read_bytes()) != expected:
            raise TablesChanged(
                f"{Path(path).name} changed while the review was checked (another `cchc curate check --apply`, or "
                "an edit); nothing written; try again"
            )
    targets = {}
    for path in new:
        real = Path(os.path.realpath(path))
        mode = stat.S_IMODE(real.stat().st_mode)
        if not mode & stat.S_IWUSR:
            raise WriteRefused(
                f"{Path(path).name} is read-only (mode {mode:o}); nothing written; make it writable "
                f"(`chmod u+w {real}`) and try again"
            )
        targets[path] = (real, mode)
    staged = []
    try:
        for path, data in new.items():
            real, mode = targets[path]
            tmp = real.with_name(f".{real.name}{STAGED}")
            _write_synced(tmp, data, mode)
            staged.append([str(tmp), str(real)])
        _pause("staged")
        work = folder / WORK
        work.mkdir(exist_ok=True)
        journal = work / JOURNAL
        _write_synced(work / f"{JOURNAL}.tmp", json.dumps({"replace": staged}).encode(), 0o644)
        os.replace(work / f"{JOURNAL}.tmp", journal)  # the point of no return
        _fsync_dir(work)
    except BaseException:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    _complete(journal)
    with contextlib.suppress(OSError):
        work.rmdir()
