"""Where the curated data lives, and reading its tables (the bottom layer of the package)."""

from __future__ import annotations

import io
import json
import os
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

__all__ = ["DATA_DIR_ENV", "DataError", "data_dir", "read_table", "data_version"]

DATA_DIR_ENV = "CCHC_DATA_DIR"
_TABLES = ("indicators", "catalog", "concepts", "domains", "breakdowns", "units", "sources", "provinces")


class DataError(ValueError):
    """The data folder or one of its files is missing or malformed."""


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """Return the data folder in use.

    In order: ``path`` if given, else the ``CCHC_DATA_DIR`` environment variable, else the data shipped
    inside the installed package, else the ``data/`` folder of a source checkout.

    Examples
    --------
    >>> (data_dir() / "datapackage.json").is_file()
    True
    """
    if path is None:
        path = os.environ.get(DATA_DIR_ENV) or None
    if path is None:
        bundled = Path(str(resources.files("cchc_data"))) / "data"
        path = bundled if (bundled / "datapackage.json").is_file() else Path(__file__).parent.parent / "data"
    path = Path(path).expanduser().resolve()
    if not (path / "datapackage.json").is_file():
        raise DataError(
            f"{path} is not a cchc data folder (no datapackage.json); point {DATA_DIR_ENV} or data_dir= "
            "at a folder like the project's data/"
        )
    return path


def _stamp(path: Path) -> tuple:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DataError(f"{path} is missing; every table of datapackage.json must be present") from None
    return (str(path), st.st_mtime_ns, st.st_size)


def read_table(name: str, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read one table of the data package as strings (empty cells are ``""``), NFC-normalised.

    The result is cached until the file changes; callers get a copy.
    """
    if name not in _TABLES:
        raise ValueError(f"{name!r} is not a table of the data package; tables: {', '.join(_TABLES)}")
    file = data_dir(path) / f"{name}.csv"
    return _read_cached(*_stamp(file)).copy()


@lru_cache(maxsize=64)
def _read_cached(file: str, mtime: int, size: int) -> pd.DataFrame:
    try:
        text = Path(file).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{file} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"{file} is not a well-formed CSV file: {exc}; run `cchc validate` for details") from None


def data_version(path: str | os.PathLike | None = None) -> str:
    """The data package's version (``datapackage.json``), shown in chart footers and reports."""
    file = data_dir(path) / "datapackage.json"
    return json.loads(file.read_text(encoding="utf-8")).get("version", "unversioned")
