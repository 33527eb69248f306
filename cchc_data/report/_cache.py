"""Cache keys: what a run's pages depend on, so an unchanged run is reused instead of executed.

A run's key hashes its notebook's bytes, its parameters, the data it reads (the suite's snapshot of the data
folder, which is what its kernel reads), the package's code and what the kernel actually runs: the
kernelspec as resolved now, the installed distributions of the kernel's interpreter, the ``cchc_data`` code
it imports, its ``matplotlibrc`` and IPython profile, and the environment variables that change output
(:func:`kernel_environment`). The suite's downloads are keyed by the snapshot and the runner's own
environment and code (:func:`downloads_key`). The data part is as narrow as is sound: a run scoped to one province
(:attr:`Run.data_scope <cchc_data.report.runs.Run>`) depends on that province's rows of ``indicators.csv``
plus every other file of the data folder (the shared tables); any other run depends on the whole folder.
Changing one Hà Giang fact therefore re-executes the Hà Giang runs and the cross-province ones only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CACHE_VERSION",
    "OUTPUT_VARIABLES",
    "DataChecksums",
    "KernelUnavailable",
    "code_checksum",
    "data_checksum",
    "downloads_key",
    "environment_checksum",
    "file_hash",
    "kernel_environment",
    "run_key",
    "runner_checksum",
]

CACHE_VERSION = 2
"""Bumped when the layout of a run's output changes, so that older suites are never reused."""

_PACKAGE = Path(__file__).resolve().parent.parent


def _sha(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
        digest.update(b"\0")
    return "sha256:" + digest.hexdigest()


def _files(root: Path, *, exclude=()) -> list[Path]:
    """Regular files under ``root``, sorted; not ``__pycache__`` nor hidden ones (``.*``: locks, staged tables)."""
    found = (
        p
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )  # fmt: skip
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


def code_checksum(package=None) -> str:
    """A hash of a ``cchc_data`` package's source files (``*.py`` and the data files shipped in it).

    Computed on each call (a few milliseconds), so an edit between two suites of one process is seen.

    Parameters
    ----------
    package : str or pathlib.Path, optional
        The package folder. Default ``None``: this package (the one the runner imports).

    Returns
    -------
    str
        ``"sha256:"`` and 64 hex digits; any edit of a module changes it.

    Examples
    --------
    >>> code_checksum()[:7], code_checksum() == code_checksum(_PACKAGE)
    ('sha256:', True)
    """
    root = Path(package) if package is not None else _PACKAGE
    parts = []
    for file in _files(root):
        if file.suffix in (".py", ".csv", ".json") and file.relative_to(root).parts[0] != "data":
            parts += [file.relative_to(root).as_posix().encode(), file.read_bytes()]
    return _sha(*parts)


#: Environment variables that change what a kernel draws or prints; with every ``LC_*`` one. ``CCHC_DATA_DIR``
#: and ``CCHC_REPORT_SUITE`` are not among them: the runner sets both for each kernel.
OUTPUT_VARIABLES = (
    "MPLCONFIGDIR", "MATPLOTLIBRC", "MPLBACKEND", "JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR",
    "IPYTHONDIR", "PYTHONPATH", "PYTHONHOME", "PYTHONHASHSEED", "PYTHONIOENCODING", "PYTHONUTF8", "PYTHONWARNINGS",
    "PYTHONSTARTUP", "LANG", "LANGUAGE", "TZ", "HOME",
)  # fmt: skip

# Run by the kernel's own interpreter: what it would import.
_PROBE = """
import importlib.metadata as md, importlib.util, json, os, sys
names = sorted({(d.metadata["Name"] or "?") + "==" + d.version for d in md.distributions()})
spec = importlib.util.find_spec("cchc_data")
rc = None
try:
    import matplotlib
    rc = matplotlib.matplotlib_fname()
except Exception as exc:
    rc = "unavailable: " + type(exc).__name__
print(json.dumps({"python": sys.version, "executable": sys.executable, "prefix": sys.prefix,
                  "distributions": names, "matplotlibrc": rc,
                  "package": os.path.dirname(spec.origin) if spec and spec.origin else None}))
"""


class KernelUnavailable(ValueError):
    """The kernel named for a suite cannot be found or its interpreter cannot run; nothing was run.

    Examples
    --------
    >>> str(KernelUnavailable("no kernel 'x'"))
    "no kernel 'x'"
    """


def kernel_environment(kernel: str, *, extra_env=None) -> dict:
    """What a kernel actually runs, as plain data: the kernelspec, its interpreter's distributions, the variables.

    The kernelspec is resolved as Jupyter resolves it now (``JUPYTER_PATH`` honoured); its interpreter is asked
    (a short subprocess) for its Python version, every installed distribution and version, the ``cchc_data``
    package it imports (hashed with :func:`code_checksum`) and the ``matplotlibrc`` it reads (hashed by
    content). The environment variables of :data:`OUTPUT_VARIABLES` and ``LC_*`` are taken as the kernel will
    inherit them (the runner's environment, then the kernelspec's ``env``, then ``extra_env``), and the files of
    the IPython profile (startup scripts, kernel configuration).

    Parameters
    ----------
    kernel : str
        The kernel's name (``"python3"``).
    extra_env : dict, optional
        Variables the runner sets for every kernel. Default: none.

    Returns
    -------
    dict
        JSON-serialisable; :func:`environment_checksum` hashes it.

    Raises
    ------
    KernelUnavailable
        If no kernelspec has that name or its interpreter does not answer.

    Examples
    --------
    >>> env = kernel_environment("python3")
    >>> sorted(env)
    ['code', 'distributions', 'ipython_profile', 'kernelspec', 'matplotlibrc', 'python', 'variables']
    >>> kernel_environment("no-such-kernel")
    Traceback (most recent call last):
    ...
    cchc_data.report._cache.KernelUnavailable: no Jupyter kernel named 'no-such-kernel' ...
    """
    import os
    import shutil
    import subprocess

    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(kernel)
    except NoSuchKernel:
        raise KernelUnavailable(
            f"no Jupyter kernel named {kernel!r} (searched the kernelspec folders of JUPYTER_PATH and the "
            "environment); list them with `jupyter kernelspec list`"
        ) from None
    env = {**os.environ, **(spec.env or {}), **(extra_env or {})}
    argv0 = shutil.which(spec.argv[0], path=env.get("PATH")) or spec.argv[0]
    try:
        started = _STARTED.pop((argv0, tuple(sorted(env.items()))), None)
        if started is not None:  # asked early (start_probe): the same interpreter with the same variables
            answer, _ = started.communicate(timeout=120)
            if started.returncode:
                raise subprocess.CalledProcessError(started.returncode, argv0)
        else:
            answer = subprocess.run(
                [argv0, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=120, check=True
            ).stdout
        probe = json.loads(answer.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError) as exc:
        raise KernelUnavailable(
            f"the interpreter of kernel {kernel!r} ({argv0}) does not run: {type(exc).__name__}: {exc}; "
            "check its kernel.json (`jupyter kernelspec list`)"
        ) from None
    variables = {k: v for k, v in sorted(env.items()) if k in OUTPUT_VARIABLES or k.startswith("LC_")}
    rc = probe["matplotlibrc"]
    rc_hash = file_hash(rc) if rc and Path(rc).is_file() else rc
    profile = Path(env.get("IPYTHONDIR") or Path(env.get("HOME", "~")).expanduser() / ".ipython") / "profile_default"
    return {
        "kernelspec": {"argv": [argv0, *spec.argv[1:]], "env": spec.env or {}, "language": spec.language,
                       "interrupt_mode": spec.interrupt_mode, "metadata": spec.metadata or {}},
        "python": probe["python"],
        "distributions": probe["distributions"],
        "code": code_checksum(probe["package"]) if probe["package"] else None,
        "matplotlibrc": rc_hash,
        "ipython_profile": _profile_hash(profile),
        "variables": variables,
    }  # fmt: skip


_STARTED: dict = {}  # (interpreter, variables) -> the probe started by start_probe, not yet read


def start_probe(kernel: str = "python3", *, extra_env=None) -> None:
    """Start asking the kernel's interpreter what it runs, so that :func:`kernel_environment` finds it answered.

    ``cchc report`` calls this first: the probe (~0.5 s, a separate process) then runs while the data is
    validated. :func:`kernel_environment` uses the answer only if the interpreter and every variable are the
    same when it is called; otherwise it asks again. Does nothing if the kernel is unknown (the suite says so).

    Parameters
    ----------
    kernel : str, default "python3"
        The kernel's name.
    extra_env : dict, optional
        The variables the runner sets for every kernel (as passed to :func:`kernel_environment`).

    Returns
    -------
    None

    Examples
    --------
    >>> start_probe("python3")
    >>> sorted(kernel_environment("python3"))[:2]
    ['code', 'distributions']
    >>> start_probe("no-such-kernel")
    """
    import os
    import shutil
    import subprocess

    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(kernel)
    except NoSuchKernel:
        return
    env = {**os.environ, **(spec.env or {}), **(extra_env or {})}
    argv0 = shutil.which(spec.argv[0], path=env.get("PATH")) or spec.argv[0]
    key = (argv0, tuple(sorted(env.items())))
    if key in _STARTED:
        return
    try:
        _STARTED[key] = subprocess.Popen(
            [argv0, "-c", _PROBE], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    except OSError:
        return


def _profile_hash(profile: Path) -> str | None:
    """The IPython profile's configuration and startup scripts (``*.py``), not its history, logs or pids."""
    if not profile.is_dir():
        return None
    parts = []
    for file in _files(profile):
        if file.suffix == ".py":
            parts += [file.relative_to(profile).as_posix().encode(), file.read_bytes()]
    return _sha(*parts)


def environment_checksum(kernel: str = "python3", *, extra_env=None) -> str:
    """A hash of what a kernel actually runs (:func:`kernel_environment`).

    Computed on each call (about half a second: it asks the kernel's interpreter), so a package upgraded
    between two suites, another kernelspec or a changed ``MPLCONFIGDIR`` gives another key.

    Parameters
    ----------
    kernel : str, default "python3"
        The kernel's name.
    extra_env : dict, optional
        Variables the runner sets for every kernel.

    Returns
    -------
    str
        ``"sha256:"`` and 64 hex digits.

    Examples
    --------
    >>> len(environment_checksum())
    71
    """
    description = kernel_environment(kernel, extra_env=extra_env)
    return _sha(json.dumps(description, sort_keys=True, ensure_ascii=False).encode())


def runner_checksum() -> str:
    """A hash of what the runner's own process runs: its Python, installed distributions and package code.

    The downloads (CSV files and workbooks) are written by the runner, not by a kernel.

    Returns
    -------
    str
        ``"sha256:"`` and 64 hex digits.

    Examples
    --------
    >>> runner_checksum()[:7]
    'sha256:'
    """
    import sys
    from importlib.metadata import distributions

    names = sorted({f"{d.metadata['Name']}=={d.version}" for d in distributions()})
    return _sha(b"runner", "\n".join(names).encode(), sys.version.encode(), code_checksum().encode())


def downloads_key(data: str) -> str:
    """The cache key of a suite's downloads: the data snapshot's checksum and :func:`runner_checksum`.

    Parameters
    ----------
    data : str
        The checksum of the whole data snapshot (:attr:`DataChecksums.whole`).

    Returns
    -------
    str
        ``"sha256:"`` and 64 hex digits.

    Examples
    --------
    >>> downloads_key("sha256:a") == downloads_key("sha256:a") != downloads_key("sha256:b")
    True
    """
    return _sha(b"downloads", str(CACHE_VERSION).encode(), data.encode(), runner_checksum().encode())


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


def run_key(run, *, notebook_hash: str, data: DataChecksums, kernel: str, timeout, environment: str = "") -> str:
    """The cache key of one run (``sha256:<hex>``).

    It hashes :data:`CACHE_VERSION`, the notebook, the run's parameters and data scope, the data that
    scope depends on, :func:`code_checksum`, the kernel's environment, the kernel and the timeout.

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
    environment : str, default ""
        :func:`environment_checksum` of the kernel.

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
        "environment": environment,
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
