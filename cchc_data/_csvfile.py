"""CSV files people open in a spreadsheet: every valid cell round-trips, formula-like text is protected.

One rule for every CSV the project writes for people (the suite's downloads, the review file of
``cchc extract``), consistent with the Excel workbooks (:mod:`cchc_data.export`), which store such text as
text with Excel's quote prefix:

- text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (:data:`FORMULA_START`) would be
  run as a formula by a spreadsheet; it is written with a leading apostrophe, Excel's own mark for "this is
  text". Text that already begins with an apostrophe gets one more, so :func:`unprotect` gives back exactly
  what was written. Numbers (a negative value) are numbers, never protected;
- every text cell is quoted (``csv.QUOTE_NONNUMERIC``), so a line break or a lone carriage return inside a cell
  never splits a row.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

__all__ = ["FORMULA_START", "csv_text", "protect", "read_csv", "unprotect", "write_csv"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""Text starting with one of these is a formula (or becomes one on editing) in a spreadsheet."""


def protect(value):
    """``value`` with a leading apostrophe if it is text a spreadsheet would run as a formula (or starts with one).

    Parameters
    ----------
    value : object
        A cell; anything but text is returned as it is.

    Returns
    -------
    object
        The cell as written to the CSV file.

    Examples
    --------
    >>> protect("=1+1"), protect("+7 hồ sơ"), protect("'a"), protect("7 hồ sơ"), protect(-3.0)
    ("'=1+1", "'+7 hồ sơ", "''a", '7 hồ sơ', -3.0)
    """
    if isinstance(value, str) and value.startswith((*FORMULA_START, "'")):
        return "'" + value
    return value


def unprotect(value):
    """The cell :func:`protect` was given: one leading apostrophe removed.

    Parameters
    ----------
    value : object
        A cell as read from the CSV file.

    Returns
    -------
    object
        The cell as it was before :func:`protect`.

    Examples
    --------
    >>> all(unprotect(protect(s)) == s for s in ("=1", "'a", "''b", "text", "-2"))
    True
    """
    if isinstance(value, str) and value.startswith("'"):
        return value[1:]
    return value


def write_csv(frame: pd.DataFrame, path: str | os.PathLike) -> None:
    """Write ``frame`` as UTF-8 CSV with a byte-order mark (Excel reads the Vietnamese letters), protected.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows; its index is not written.
    path : str or os.PathLike
        The file (replaced if it exists).

    Returns
    -------
    None
        The file is written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> frame = pd.DataFrame({"note": ["a\\rb", "=1+1"], "value": [1.5, -2.0]})
    >>> write_csv(frame, path)
    >>> read_csv(path).values.tolist()
    [['a\\rb', '1.5'], ['=1+1', '-2.0']]
    """
    Path(path).write_bytes(csv_text(frame).encode("utf-8-sig"))


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text (no byte-order mark), every text cell quoted and protected (see :func:`write_csv`).

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows; its index is not written.

    Returns
    -------
    str
        The CSV text, lines ending in ``\\n``.

    Examples
    --------
    >>> csv_text(pd.DataFrame({"note": ["+7"], "value": [-1.5]}))
    '"note","value"\\n"\\'+7",-1.5\\n'
    """
    out = frame.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].astype(object).map(protect)
    return out.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")


def read_csv(path: str | os.PathLike) -> pd.DataFrame:
    """Read a file :func:`write_csv` wrote: every cell as text, empty cells as ``""``, protection removed.

    Parameters
    ----------
    path : str or os.PathLike
        The CSV file.

    Returns
    -------
    pandas.DataFrame
        All columns as text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> write_csv(pd.DataFrame({"a": ["@x"]}), path)
    >>> path.read_text(encoding="utf-8-sig"), read_csv(path)["a"].tolist()
    ('"a"\\n"\\'@x"\\n', ['@x'])
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return frame.map(unprotect)
