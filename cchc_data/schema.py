"""Vectorised Table Schema checks for the data package, read from ``datapackage.json``.

It covers what our ``datapackage.json`` uses (types string/number/integer/date; constraints required,
enum, pattern, minimum; primary, unique and foreign keys) and reports the same problems as the
reference implementation, ``frictionless``, in a fraction of the time: frictionless validates row by
row in Python and needs ~24 s for 130,000 facts, this needs well under a second. ``validate(...,
engine="frictionless")`` runs frictionless instead, and the tests check that both agree.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .datadir import DataError, _read_cached, _stamp

__all__ = ["read_tables", "schema_issues"]

_TYPE_CHECKS = {
    "number": lambda s: pd.to_numeric(s, errors="coerce").notna(),
    "integer": lambda s: s.str.fullmatch(r"[+-]?\d+"),
    "date": lambda s: pd.to_datetime(s, format="%Y-%m-%d", errors="coerce").notna(),
}


def table_by_line(path: Path) -> pd.DataFrame:
    """A table as strings, indexed by CSV line number.

    It is the loader's cached parse (NFC-normalised; validation checks NFC on the raw files separately),
    so loading after validating doesn't parse the files again.
    """
    frame = _read_cached(*_stamp(path))
    return frame.set_axis(frame.index + 2)  # CSV line numbers (the header is line 1)


def _fullmatch(col: pd.Series, pattern: str) -> pd.Series:
    """Whether each value matches ``pattern``, testing each distinct value once."""
    regex = re.compile(pattern)
    codes, values = pd.factorize(col)
    verdict = np.array([regex.fullmatch(value) is not None for value in values], dtype=bool)
    return pd.Series(verdict[codes], index=col.index)


def _first_rows(mask: pd.Series, limit: int = 20) -> list[int]:
    return [int(i) for i in mask[mask].index[:limit]]


def read_tables(folder: Path, issue) -> tuple[dict, dict[str, pd.DataFrame], list]:
    """Read ``datapackage.json`` and every table it names: ``(package, tables, issues)``.

    Tables are strings (empty cells ``""``) indexed by CSV line number; unreadable ones are reported.
    """
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    tables, out = {}, []
    for res in package["resources"]:
        file = res["path"]
        try:
            tables[res["name"]] = table_by_line(folder / res["path"])
        except DataError as exc:  # missing, not UTF-8, or not well-formed CSV
            out.append(issue("error", file, None, None, str(exc)))
    return package, tables, out


def schema_issues(package: dict, tables: dict[str, pd.DataFrame], issue) -> list:
    """Check every table against its schema; ``issue(level, file, row, field, message)`` makes an issue."""
    resources = {r["name"]: r for r in package["resources"]}
    out = []
    for name, res in resources.items():
        file = res["path"]
        if name not in tables:
            continue
        frame = tables[name]
        fields = res["schema"]["fields"]
        names = [f["name"] for f in fields]
        if list(frame.columns) != names:
            out.append(
                issue("error", file, 1, None, f"header {list(frame.columns)} differs from the schema's fields {names}")
            )
            continue
        for f in fields:
            col, cons = frame[f["name"]], f.get("constraints", {})
            present = col != ""
            if cons.get("required"):
                for row in _first_rows(~present):
                    out.append(issue("error", file, row, f["name"], "constraint error: a value is required"))
            checker = _TYPE_CHECKS.get(f["type"])
            if checker is not None:
                bad = present & ~checker(col).fillna(False).astype(bool)
                for row in _first_rows(bad):
                    out.append(issue("error", file, row, f["name"], f"{col[row]!r}: type error: not a {f['type']}"))
            if "enum" in cons:
                bad = present & ~col.isin(cons["enum"])
                for row in _first_rows(bad):
                    out.append(
                        issue(
                            "error", file, row, f["name"], f"{col[row]!r}: constraint error: not one of {cons['enum']}"
                        )
                    )
            if "pattern" in cons:
                bad = present & ~_fullmatch(col, cons["pattern"])
                for row in _first_rows(bad):
                    out.append(
                        issue(
                            "error",
                            file,
                            row,
                            f["name"],
                            f"{col[row]!r}: constraint error: does not match {cons['pattern']}",
                        )
                    )
            if "minimum" in cons:
                bad = present & (pd.to_numeric(col, errors="coerce") < cons["minimum"])
                for row in _first_rows(bad):
                    out.append(
                        issue("error", file, row, f["name"], f"{col[row]!r}: constraint error: below {cons['minimum']}")
                    )
        keys = [("primary key", res["schema"].get("primaryKey", []))]
        keys += [("unique key", k) for k in res["schema"].get("uniqueKeys", [])]
        for what, key in keys:
            if key:
                dup = frame.duplicated(key, keep="first")
                for row in _first_rows(dup):
                    first = int(frame.index[(frame[key] == frame.loc[row, key]).all(axis=1)][0])
                    out.append(
                        issue(
                            "error",
                            file,
                            row,
                            ", ".join(key),
                            f"{what} error: {frame.loc[row, key].tolist()} repeats line {first}",
                        )
                    )
    for name, res in resources.items():
        if name not in tables:
            continue
        frame = tables[name]
        for fk in res["schema"].get("foreignKeys", []):
            ref = fk["reference"]
            target = tables.get(ref["resource"] or name)
            if target is None:
                continue
            here, there = frame[fk["fields"]], target[ref["fields"]]
            present = (here != "").all(axis=1)
            known = pd.MultiIndex.from_frame(there) if len(fk["fields"]) > 1 else pd.Index(there.iloc[:, 0])
            values = pd.MultiIndex.from_frame(here) if len(fk["fields"]) > 1 else pd.Index(here.iloc[:, 0])
            bad = present & ~pd.Series(values.isin(known), index=frame.index)
            for row in _first_rows(bad):
                out.append(issue(
                    "error", res["path"], row, ", ".join(fk["fields"]),
                    f"foreign key error: {here.loc[row].tolist()} not found in {ref['resource'] or name}.{', '.join(ref['fields'])}",
                ))  # fmt: skip
    return out
