"""Where the curated data lives, its package descriptor, and the raw bytes of its tables (the bottom layer).

``datapackage.json`` drives everything: the tables are the resources it names, at the paths it gives
(always inside the data folder), with the columns its schemas declare. The package shipped with
``cchc_data`` is the contract: another data folder must declare at least its tables and fields, with
the same types. :func:`cchc_data.schema.read_table` checks and casts what this module reads.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath

import pandas as pd

from ._docstrings import share_docs_in

__all__ = [
    "DATA_DIR_ENV",
    "PACKAGE_FILE",
    "DataError",
    "ContractError",
    "DataWarning",
    "data_dir",
    "bundled_dir",
    "package",
    "table_names",
    "resource_file",
    "read_raw",
    "identity",
    "checksum",
    "data_version",
    "NUL_MARK",
]

DATA_DIR_ENV = "CCHC_DATA_DIR"
PACKAGE_FILE = "datapackage.json"
#: What a NUL byte in a table becomes while pandas parses it (pandas' parser would cut the cell there);
#: it is turned back into ``"\x00"`` in the cells, where the schema check reports it.
NUL_MARK = "\ue000"


class DataError(ValueError):
    """The data folder or one of its files is missing or malformed.

    A ``ValueError``, so ``except ValueError`` catches it too; the message names the file and the fix.

    Examples
    --------
    >>> try:
    ...     data_dir("/nowhere")
    ... except DataError as exc:
    ...     str(exc).split(";")[0]
    '/nowhere is not a cchc data folder (no datapackage.json)'
    """


class ContractError(DataError):
    """The data folder can be read, but its tables break the data contract (``cchc validate`` lists why).

    Raised by every loader (:func:`cchc_data.schema.read_table` and all that build on it); the message
    names the first problem's file, line and field, and how many more there are.

    Examples
    --------
    >>> issubclass(ContractError, DataError), ContractError.__mro__[2].__name__
    (True, 'ValueError')
    """


class DataWarning(UserWarning):
    """The data meets its contract and loads, but breaks rules ``cchc validate`` checks (warned once per version).

    Examples
    --------
    >>> DataWarning.__mro__[1].__name__
    'UserWarning'
    """


@lru_cache(maxsize=1)
def bundled_dir() -> Path:
    """The data shipped with the package (or the ``data/`` folder of a source checkout).

    Returns
    -------
    pathlib.Path
        The folder holding the bundled ``datapackage.json``.

    Examples
    --------
    >>> bundled_dir().name
    'data'
    """
    bundled = Path(str(resources.files("cchc_data"))) / "data"
    if (bundled / PACKAGE_FILE).is_file():
        return bundled.resolve()
    return (Path(__file__).parent.parent / "data").resolve()


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """Return the data folder in use.

    In order: ``path`` if given, else the ``CCHC_DATA_DIR`` environment variable, else the data shipped
    inside the installed package, else the ``data/`` folder of a source checkout.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A data folder holding a ``datapackage.json``. Default ``None``: the folder named by the
        ``CCHC_DATA_DIR`` environment variable, else the data shipped with the package.

    Returns
    -------
    pathlib.Path
        The folder, absolute, links resolved.

    Raises
    ------
    DataError
        If ``path`` is not a folder path or holds no ``datapackage.json``.

    Examples
    --------
    >>> data_dir().name, sorted(p.name for p in data_dir().glob("datapackage.json"))
    ('data', ['datapackage.json'])
    >>> data_dir("/nowhere")
    Traceback (most recent call last):
    ...
    cchc_data.datadir.DataError: /nowhere is not a cchc data folder (no datapackage.json); point CCHC_DATA_DIR or data_dir= at a folder like the project's data/
    """
    if path is None:
        path = os.environ.get(DATA_DIR_ENV) or None
    if path is None:
        return bundled_dir()
    if not isinstance(path, str | os.PathLike):
        raise DataError(f"data_dir must be a folder path, got {path!r}")
    path = _real(os.fspath(path))
    if not (path / PACKAGE_FILE).is_file():
        raise DataError(
            f"{path} is not a cchc data folder (no {PACKAGE_FILE}); point {DATA_DIR_ENV} or data_dir= "
            "at a folder like the project's data/"
        )
    return path


_resolve = data_dir  # the functions below take a parameter named data_dir


@lru_cache(maxsize=64)
def _real(path: str) -> Path:
    """``path`` made absolute, ``~`` and links resolved (once per spelling: loads call this often)."""
    return Path(path).expanduser().resolve()


def _stat_key(file: Path) -> tuple:
    """The identity of a file: a replacement of the same size and modification time still changes it."""
    try:
        st = file.stat()
    except FileNotFoundError:
        raise DataError(f"{file.name} is missing from {file.parent}; datapackage.json names it") from None
    except OSError as exc:
        raise DataError(f"{file.name} cannot be read: {exc.strerror or type(exc).__name__}") from None
    return (str(file), st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _read_bytes(file: Path, shown: str) -> bytes:
    """The bytes of a regular file; a FIFO, socket or device is refused before it can block the reader."""
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # opening a FIFO must not wait
    except OSError as exc:  # a folder, no permission, an I/O error
        raise DataError(f"{shown} cannot be read: {exc.strerror or type(exc).__name__}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise DataError(f"{shown} cannot be read: Is a directory")
        raise DataError(
            f"{shown} cannot be read: it is not a regular file (a FIFO, socket or device); put the table itself there"
        )
    with os.fdopen(fd, "rb") as f:
        try:
            return f.read()
        except OSError as exc:
            raise DataError(f"{shown} cannot be read: {exc.strerror or type(exc).__name__}") from None


def _decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8-sig")  # a UTF-8 byte-order mark (Excel writes one) is accepted
    except UnicodeDecodeError as exc:
        hint = " (it looks like UTF-16)" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise DataError(f"{name} is not UTF-8 text{hint}: {exc.reason} at byte {exc.start}; save it as UTF-8") from None
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


@lru_cache(maxsize=16)
def _package_cached(key: tuple) -> dict:
    file = Path(key[0])
    text = _decode(_read_bytes(file, PACKAGE_FILE), PACKAGE_FILE)
    try:
        desc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"{PACKAGE_FILE} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise DataError(
            f"{PACKAGE_FILE} is nested too deeply to be a data package descriptor (lists or objects inside each "
            "other thousands of levels deep); a descriptor like the project's data/ is a few levels deep"
        ) from None
    _check_descriptor(desc)
    return desc


def _check_descriptor(desc) -> None:
    """The package lists resources, each with a name, a path and a schema with fields."""
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list) or not desc["resources"]:
        raise DataError(f'{PACKAGE_FILE} lists no resources; it needs a "resources" list like the project\'s data/')
    names = set()
    for i, res in enumerate(desc["resources"]):
        name = res.get("name") if isinstance(res, dict) else None
        if not isinstance(name, str) or not name:
            raise DataError(f"{PACKAGE_FILE}: resource {i + 1} has no name")
        if name in names:
            raise DataError(f"{PACKAGE_FILE}: resource {name!r} is listed twice")
        names.add(name)
        if not isinstance(res.get("path"), str):
            raise DataError(f"{PACKAGE_FILE}: resource {name!r} has no path (a file name such as {name}.csv)")
        schema = res.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not all(
            isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields
        ):
            raise DataError(f"{PACKAGE_FILE}: resource {name!r} has no schema with named fields")


def package(data_dir: str | os.PathLike | None = None) -> dict:
    """The data folder's ``datapackage.json``, read once per version of the file.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    dict
        The descriptor, as JSON; callers must not modify it (it is cached).

    Raises
    ------
    DataError
        If it is not UTF-8, not JSON, or lists no resources with names, paths and schemas; the message
        names the file.

    Examples
    --------
    >>> [r["name"] for r in package()["resources"]][:2]
    ['indicators', 'catalog']
    """
    folder = _resolve(data_dir)
    return _package_cached(_stat_key(folder / PACKAGE_FILE))


def table_names(data_dir: str | os.PathLike | None = None) -> list[str]:
    """The tables of the data package, in its order.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    list of str
        The resource names of ``datapackage.json``.

    Examples
    --------
    >>> table_names()
    ['indicators', 'catalog', 'concepts', 'domains', 'breakdowns', 'units', 'sources', 'provinces', 'national_index_catalog', 'national_index_sources', 'national_indices']
    """
    return [r["name"] for r in package(data_dir)["resources"]]


def resource_file(folder: Path, res: dict) -> Path:
    """The file of resource ``res``, which must lie inside ``folder``.

    A URL, an absolute path or a path with ``..`` is refused without being read or printed.

    Parameters
    ----------
    folder : pathlib.Path
        The data folder.
    res : dict
        One resource of ``datapackage.json``, with ``name`` and ``path``.

    Returns
    -------
    pathlib.Path
        ``folder / res["path"]``.

    Raises
    ------
    DataError
        If the path leaves the folder or is not a plain relative path.

    Examples
    --------
    >>> resource_file(Path("/data"), {"name": "units", "path": "units.csv"})
    PosixPath('/data/units.csv')
    >>> resource_file(Path("/data"), {"name": "units", "path": "../../etc/passwd"})
    Traceback (most recent call last):
    ...
    cchc_data.datadir.DataError: datapackage.json: the path of resource 'units' leaves the data folder; give a file name inside it, such as units.csv
    """
    return _resource_file(str(folder), res["name"], res["path"])


@lru_cache(maxsize=256)
def _resource_file(folder_text: str, name: str, path: str) -> Path:
    folder = Path(folder_text)
    if "\x00" in path:
        raise DataError(
            f"{PACKAGE_FILE}: the path of resource {name!r} ({path!r}) contains a NUL byte; give a file name "
            f"inside the data folder, such as {name}.csv"
        )
    if "://" in path or path.startswith(("http:", "https:", "ftp:", "file:", "data:")):
        raise DataError(
            f"{PACKAGE_FILE}: resource {name!r} points to a URL; only files inside the data folder are read "
            f"(such as {name}.csv)"
        )
    parts = PurePosixPath(path.replace("\\", "/"))
    if parts.is_absolute() or ".." in parts.parts or not parts.parts or Path(path).is_absolute():
        raise DataError(
            f"{PACKAGE_FILE}: the path of resource {name!r} leaves the data folder; give a file name inside "
            f"it, such as {name}.csv"
        )
    file = folder / Path(*parts.parts)
    try:
        inside = file.resolve().is_relative_to(folder.resolve())
    except OSError:
        inside = False
    if not inside:  # a symbolic link out of the folder
        raise DataError(
            f"{PACKAGE_FILE}: the file of resource {name!r} leaves the data folder (a link?); keep the tables inside it"
        )
    return file


def _resource(desc: dict, name: str) -> dict:
    for res in desc["resources"]:
        if res["name"] == name:
            return res
    names = ", ".join(r["name"] for r in desc["resources"])
    raise DataError(f"{name!r} is not a table of the data package; tables: {names}")


def identity(data_dir: str | os.PathLike | None = None) -> tuple:
    """A key that changes whenever the package or any of its tables is replaced or edited.

    Caches of tables and checks are keyed on it, so an edited file is read again.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    tuple
        One entry per file (``datapackage.json`` first, then each table): its path, size, modification
        and change times.

    Examples
    --------
    >>> key = identity()
    >>> len(key) == 1 + len(table_names()), key[0][0].endswith("datapackage.json")
    (True, True)
    >>> len(key)
    12
    """
    folder = _resolve(data_dir)
    desc = package(folder)
    keys = [_stat_key(folder / PACKAGE_FILE)]
    keys += [_stat_key(resource_file(folder, res)) for res in desc["resources"]]
    return tuple(keys)


def read_raw(name: str, data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read one table of the package as strings, unchecked: empty cells ``""``, NFC, bytes kept.

    Rows are indexed by their CSV line number (the header is line 1). A carriage return inside a
    quoted cell is kept; a NUL byte is kept (the schema check reports it). The parse is cached until
    the file is replaced or edited (same size and time included); callers must not modify it.

    Parameters
    ----------
    name : str
        The resource name in ``datapackage.json``.
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        The table's cells as strings, indexed by CSV line number.

    Raises
    ------
    DataError
        If the file is missing, not UTF-8 or not a well-formed CSV file; the message names it.

    See Also
    --------
    cchc_data.schema.read_table : The same table, checked and typed.

    Examples
    --------
    >>> read_raw("units").loc[3, ["unit", "symbol"]].tolist()
    ['percent', '%']
    """
    folder = _resolve(data_dir)
    res = _resource(package(folder), name)
    return _read_cached(_stat_key(resource_file(folder, res)), res["path"])


@lru_cache(maxsize=64)
def _read_cached(key: tuple, shown: str) -> pd.DataFrame:
    text = _decode(_read_bytes(Path(key[0]), shown), shown)
    has_nul = "\x00" in text
    if has_nul:
        text = text.replace("\x00", NUL_MARK)
    if not text.strip():
        raise DataError(f"{shown} is empty; it needs at least its header row")
    try:
        frame = pd.read_csv(io.StringIO(text, newline=""), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"{shown} is not a well-formed CSV file: {_csv_error(exc)}") from None
    if has_nul:
        frame = frame.replace(NUL_MARK, "\x00", regex=True)
    frame.columns = [str(c).replace(NUL_MARK, "\x00") for c in frame.columns]
    return frame.set_axis(frame.index + 2)


def _csv_error(exc: Exception) -> str:
    """pandas' parser message, with its 0-based row turned into a line number and its jargon dropped."""
    text = str(exc).strip().removeprefix("Error tokenizing data. C error: ")
    m = re.fullmatch(r"EOF inside string starting at row (\d+)", text)
    if m:
        return f"a quoted cell starting on line {int(m[1]) + 1} is never closed (a missing '\"')"
    return text


def checksum(data_dir: str | os.PathLike | None = None) -> str:
    """``sha256:<hex>`` over ``datapackage.json`` and the tables it names (each name and its bytes).

    Only what the package names counts (not a README or a stray file), read from inside the folder.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    str
        ``"sha256:"`` and 64 hexadecimal digits.

    Examples
    --------
    >>> checksum()[:7], len(checksum())
    ('sha256:', 71)
    """
    folder = _resolve(data_dir)
    digest = hashlib.sha256()
    files = [(PACKAGE_FILE, folder / PACKAGE_FILE)]
    files += [(res["path"], resource_file(folder, res)) for res in package(folder)["resources"]]
    for name, file in files:
        digest.update(name.encode() + b"\0" + _read_bytes(file, name) + b"\0")
    return "sha256:" + digest.hexdigest()


def data_version(path: str | os.PathLike | None = None) -> str:
    """The data package's version (``datapackage.json``), shown in chart footers and reports.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A data folder holding a ``datapackage.json``. Default ``None``: the folder named by the
        ``CCHC_DATA_DIR`` environment variable, else the data shipped with the package.

    Returns
    -------
    str
        The ``version`` of ``datapackage.json``, or ``"unversioned"``.

    Examples
    --------
    >>> data_version().count(".")  # e.g. 0.1.0
    2
    """
    return str(package(path).get("version", "unversioned"))


share_docs_in(globals())
