"""Cache keys: what a run's pages depend on, so an unchanged run is reused instead of executed.

A run's key hashes its notebook's bytes, its parameters, the data it reads, the package's code and the
locked environment. The data part is as narrow as is sound: a run scoped to one province
(:attr:`Run.data_scope <cchc_data.report.runs.Run>`) depends on that province's rows of ``indicators.csv``
plus every other file of the data folder (the shared tables); any other run depends on the whole folder.
Changing one Hà Giang fact therefore re-executes the Hà Giang runs and the cross-province ones only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "CACHE_VERSION",
    "DataChecksums",
    "code_checksum",
    "data_checksum",
    "environment_checksum",
    "file_hash",
    "run_key",
]

CACHE_VERSION = 1
"""Bumped when the layout of a run's output changes, so that older suites are never reused."""

_PACKAGE = Path(__file__).resolve().parent.parent


def _sha(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
        digest.update(b"\0")
    return "sha256:" + digest.hexdigest()


def _files(root: Path, *, exclude=()) -> list[Path]:
    found = (p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    files = [p for p in found if p.relative_to(root).as_posix() not in exclude]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def _tree_hash(root: Path, *, exclude=()) -> str:
    parts = []
    for file in _files(root, exclude=exclude):
        parts += [file.relative_to(root).as_posix().encode(), file.read_bytes()]
    return _sha(*parts)


def data_checksum(path=None) -> str:
    """``sha256:<hex>`` over the data folder: each file's relative path and bytes, in sorted path order.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A data folder holding a ``datapackage.json``. Default ``None``: the data in use (see
        :func:`cchc_data.data_dir`).

    Returns
    -------
    str
        ``"sha256:"`` and 64 hex digits.

    Examples
    --------
    >>> key = data_checksum()
    >>> key[:7], len(key)
    ('sha256:', 71)
    """
    from ..datadir import data_dir

    return _tree_hash(data_dir(path))


@lru_cache(maxsize=1)
def code_checksum() -> str:
    """A hash of the ``cchc_data`` package's source files (``*.py``), not just its version string.

    Computed once per process.

    Returns
    -------
    str
        ``"sha256:"`` and 64 hex digits; any edit of a module changes it.

    Examples
    --------
    >>> code_checksum()[:7]
    'sha256:'
    """
    parts = []
    for file in sorted(_PACKAGE.rglob("*.py")):
        if "__pycache__" not in file.parts and not file.relative_to(_PACKAGE).parts[0] == "data":
            parts += [file.relative_to(_PACKAGE).as_posix().encode(), file.read_bytes()]
    return _sha(*parts)


@lru_cache(maxsize=1)
def environment_checksum() -> str:
    """A hash of the locked environment: ``requirements.lock`` beside the package's checkout, or else (an installed
    wheel) the name and version of every installed distribution, plus the Python version.

    Computed once per process.

    Returns
    -------
    str
        ``"sha256:"`` and 64 hex digits.

    Examples
    --------
    >>> len(environment_checksum())
    71
    """
    import sys

    lock = _PACKAGE.parent / "requirements.lock"
    if lock.is_file():
        return _sha(b"lock", lock.read_bytes(), sys.version.encode())
    from importlib.metadata import distributions

    names = sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions())
    return _sha(b"installed", "\n".join(names).encode(), sys.version.encode())


@dataclass(frozen=True)
class DataChecksums:
    """Checksums of one data folder: the whole, the shared tables, and each province's facts.

    Build it with :meth:`of`; :meth:`for_scope` gives what one run depends on.

    Parameters
    ----------
    whole : str
        Checksum of every file of the folder (see :func:`data_checksum`).
    shared : str
        Checksum of every file except ``indicators.csv``.
    provinces : dict of str to str
        Province slug to the checksum of its rows of ``indicators.csv``.

    Examples
    --------
    >>> sums = DataChecksums("sha256:a", "sha256:b", {"ha-giang": "sha256:c"})
    >>> sums.for_scope(None)
    'sha256:a'
    >>> sums.for_scope("ha-giang")[:7]
    'sha256:'
    """

    whole: str
    shared: str
    provinces: dict

    def for_scope(self, scope: str | None) -> str:
        """What a run scoped to ``scope`` (a province slug, or ``None`` for all data) depends on."""
        if scope is None:
            return self.whole
        return _sha(b"province", scope.encode(), self.shared.encode(), self.provinces.get(scope, "none").encode())

    @classmethod
    def of(cls, path=None) -> DataChecksums:
        """Checksums of the data folder ``path`` (default: the data in use).

        Examples
        --------
        >>> sums = DataChecksums.of()
        >>> sorted(sums.provinces)
        ['dak-lak', 'ha-giang', 'khanh-hoa']
        >>> sums.for_scope("ha-giang") != sums.for_scope("khanh-hoa") and sums.for_scope(None) == sums.whole
        True
        """
        import pandas as pd

        from ..datadir import data_dir, read_raw

        root = data_dir(path)
        facts = read_raw("indicators", root)
        rows = pd.util.hash_pandas_object(facts, index=False).to_numpy()
        header = "\0".join(facts.columns).encode()
        provinces = {
            str(p): _sha(header, rows[positions].tobytes())
            for p, positions in facts.groupby("province", sort=True).indices.items()
        }
        return cls(_tree_hash(root), _tree_hash(root, exclude={"indicators.csv"}), provinces)


def run_key(run, *, notebook_hash: str, data: DataChecksums, kernel: str, timeout) -> str:
    """The cache key of one run (``sha256:<hex>``).

    It hashes :data:`CACHE_VERSION`, the notebook, the run's parameters and data scope, the data that
    scope depends on, :func:`code_checksum`, :func:`environment_checksum`, the kernel and the timeout.

    Parameters
    ----------
    run : cchc_data.report.runs.Run
        The planned run.
    notebook_hash : str
        :func:`file_hash` of the run's notebook.
    data : DataChecksums
        Checksums of the data folder the run reads.
    kernel : str
        Name of the Jupyter kernel that executes the notebook.
    timeout : int or None
        Seconds a cell may run (``None``: no limit).

    Returns
    -------
    str
        ``"sha256:"`` and 64 hex digits; equal keys mean the run's pages can be reused.

    Examples
    --------
    >>> from cchc_data.report.runs import Run
    >>> run = Run("01_province_profile.ipynb", {"province": "ha-giang", "lang": "en"}, "ha-giang")
    >>> sums = DataChecksums("sha256:a", "sha256:b", {"ha-giang": "sha256:c"})
    >>> key = run_key(run, notebook_hash="sha256:n", data=sums, kernel="python3", timeout=600)
    >>> key[:7], key == run_key(run, notebook_hash="sha256:m", data=sums, kernel="python3", timeout=600)
    ('sha256:', False)
    """
    what = {
        "version": CACHE_VERSION,
        "notebook": notebook_hash,
        "parameters": run.parameters,
        "scope": run.data_scope,
        "data": data.for_scope(run.data_scope),
        "code": code_checksum(),
        "environment": environment_checksum(),
        "kernel": kernel,
        "timeout": timeout,
    }
    return _sha(json.dumps(what, sort_keys=True, ensure_ascii=False).encode())


def file_hash(path) -> str:
    """``sha256:<hex>`` of one file's bytes.

    Parameters
    ----------
    path : str or pathlib.Path
        The file.

    Returns
    -------
    str
        ``"sha256:"`` and 64 hex digits.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = file.write_bytes(b"abc")
    >>> file_hash(file)[:15]
    'sha256:dc1114cd'
    """
    return _sha(Path(path).read_bytes())
