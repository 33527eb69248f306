"""The data contract: Table Schema checks of a data folder, and the checked, typed reader of its tables.

Every entry point reads tables through :func:`read_table` (or, to report rather than raise, through
:func:`folder_issues`), so the loader, the validator and the exporter read the same bytes: the files that
``datapackage.json`` names, inside the data folder. The checks cover what our ``datapackage.json`` uses
(types string/number/integer/date; constraints required, enum, pattern, minimum; primary, unique and
foreign keys) plus what the Table Schema cannot say: the folder declares at least the tables and fields
of the package shipped with ``cchc_data``, numbers are finite and written plainly (``1514``, ``65.91``),
and no cell holds a NUL byte. They work on the distinct values of a column, so they cost a few
milliseconds on the bundled data and well under a second on 130,000 facts.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ._docstrings import share_docs_in
from .datadir import PACKAGE_FILE, ContractError, DataError, bundled_dir, identity, package, read_raw, resource_file
from .datadir import data_dir as _data_dir

__all__ = [
    "Issue",
    "read_table",
    "folder_issues",
    "schema_issues",
    "contract_issues",
    "descriptor_issues",
    "check_folder",
    "MAX_EVIDENCE_WORDS",
    "MAX_EVIDENCE_CHARS",
]

#: The longest evidence fragment, in words (split on white space): a citation of the source, not its prose.
#: Part of the data contract (stated in data/README.md); every rule, message and the extractor read it here.
MAX_EVIDENCE_WORDS = 15
#: The longest evidence fragment in characters: without spaces, a pasted page is one "word".
MAX_EVIDENCE_CHARS = 250

# ASCII digits only: Python's \d also matches full-width (２０１７) and Arabic-Indic (٤) digits.
_NUMBER_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_INTEGER_RE = re.compile(r"[+-]?[0-9]+")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SHOWN = 60  # characters of a bad value quoted in a message


@dataclass(frozen=True)
class Issue:
    """One problem found in the data: where it is and what is wrong.

    Parameters
    ----------
    level : {"error", "warning"}
        An error makes the folder invalid; a warning records an inconsistency the data has flagged.
    file : str
        The file, relative to the data folder (``"indicators.csv"``, ``"datapackage.json"``).
    row : int or None
        The line in the file (the CSV header is line 1), ``None`` for the whole file.
    field : str or None
        The column, ``None`` for the whole row or file.
    message : str
        What is wrong and, where it helps, how to fix it.
    key : str, default ""
        The message's row in the strings catalogue (``validation.<key>``), so that :meth:`text` can say it in
        either language; ``""`` for a message that exists in English only.
    fields : dict, default {}
        The values filled into that row (numbers, texts, or ``{"vi": …, "en": …}`` pairs).

    Examples
    --------
    >>> str(Issue("error", "indicators.csv", 7, "value", "'abc': type error: not a number"))
    "error: indicators.csv:7 [value]: 'abc': type error: not a number"
    """

    level: str  # "error" or "warning"
    file: str
    row: int | None  # line number in the CSV file (the header is line 1)
    field: str | None
    message: str
    #: The message's row in the strings catalogue (``validation.<key>``) and its fields, for readers of either
    #: language (:meth:`text`); empty for a message that exists in English only.
    key: str = dataclasses.field(default="", compare=False)
    fields: dict = dataclasses.field(default_factory=dict, compare=False)

    @classmethod
    def said(cls, level: str, file: str, row: int | None, field: str | None, key: str, **fields) -> Issue:
        """An issue whose message is the catalogue's ``validation.<key>``, in English as :attr:`message`.

        A field is a number (written in the reader's convention), a text, or a ``{"vi": …, "en": …}`` pair.
        """
        issue = cls(level, file, row, field, "", key, fields)
        object.__setattr__(issue, "message", issue.text("en"))
        return issue

    def text(self, lang: str) -> str:
        """The message in ``lang``: the catalogue's words for a keyed issue, else :attr:`message` as written.

        Examples
        --------
        >>> i = Issue.said("warning", "indicators.csv", 9, "value", "parts_exceed_total", indicator="x",
        ...                dimension={"vi": "cơ quan", "en": "agency"}, parts=295292, total=170397)
        >>> i.message
        'x: parts by agency add up to 295,292, more than the total 170,397'
        >>> i.text("vi")
        'x: tổng các thành phần theo cơ quan là 295.292, lớn hơn tổng số 170.397'
        """
        from . import i18n

        if not self.key:
            return self.message
        values = {
            name: value[lang]
            if isinstance(value, dict)
            else i18n.format_number(value, lang, max_decimals=6)
            if isinstance(value, int | float) and not isinstance(value, bool)
            else value
            for name, value in self.fields.items()
        }
        return i18n.t(f"validation.{self.key}", lang, **values)

    def __str__(self) -> str:
        where = self.file + (f":{self.row}" if self.row else "")
        what = f" [{self.field}]" if self.field else ""
        return f"{self.level}: {where}{what}: {self.message}"


def _show(value: str) -> str:
    return repr(value if len(value) <= _SHOWN else value[:_SHOWN] + "…")


def _other_digits(text: str) -> str:
    """A hint when ``text`` has digits other than 0-9 (full-width ``４``, Arabic-Indic ``٤``)."""
    if any(c.isdigit() and not c.isascii() for c in text):
        return "; it has digits other than 0-9 (full-width or Arabic-Indic): retype them as 0-9"
    return ""


class PatternError(ValueError):
    """A ``pattern`` of ``datapackage.json`` that the linear-time engine (RE2) cannot run."""


@lru_cache(maxsize=256)
def _pattern(pattern: str):
    """``pattern`` compiled by RE2, which runs in time linear in the text (no catastrophic backtracking).

    Patterns come from the data folder's ``datapackage.json``: Python's ``re`` would hang on one such as
    ``^(([a-z0-9]+-?)+)+$``. The patterns of the bundled package (reviewed with the code) run in Python's
    engine with ASCII classes, which costs less per value. RE2's ``\\d`` is ASCII, so a full-width year does not pass ``^\\d{4}$``.
    """
    if pattern in _bundled_patterns():  # the project's own: reviewed, and Python's engine is faster per call
        return re.compile(pattern, re.ASCII)
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print its own complaint on stderr
    try:
        return re2.compile(pattern, options=options)
    except Exception as exc:  # noqa: BLE001 - re2.error, its message as bytes
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(
            f"pattern {pattern!r} cannot be run in linear time ({reason}); write it without backreferences or "
            "lookarounds"
        ) from None


@lru_cache(maxsize=1)
def _bundled_patterns() -> frozenset:
    """The patterns of the package shipped with ``cchc_data``."""
    return frozenset(
        f["constraints"]["pattern"]
        for res in _bundled_package()["resources"]
        for f in res["schema"]["fields"]
        if "pattern" in (f.get("constraints") or {})
    )


def _is_number(text: str) -> bool:
    return _NUMBER_RE.fullmatch(text) is not None and math.isfinite(float(text))


def _is_date(text: str) -> bool:
    if not _DATE_RE.fullmatch(text):
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


#: Per type: whether a (non-empty) value is valid, and what to say when it is not.
_TYPES = {
    "number": (_is_number, "not a number (write 1514 or 65.91: digits, '.' as decimal mark, finite)"),
    "integer": (lambda s: _INTEGER_RE.fullmatch(s) is not None, "not an integer (digits only)"),
    "date": (_is_date, "not a date (YYYY-MM-DD)"),
}


_NONE = pd.Series([], dtype=bool)


def _bad_values(col: pd.Series, ok, values: set) -> pd.Series:
    """Rows whose non-empty value fails ``ok``, testing each distinct value (``values``) once."""
    bad = {v for v in values if v != "" and not ok(v)}
    if not bad:
        return _NONE  # the common case costs no pandas operation
    return col.isin(bad)


_LIMIT = 20  # rows listed per problem, per field


def _first_rows(mask: pd.Series, out: list, file: str, field: str | None) -> list[int]:
    """The first rows of ``mask``; when there are more, ``out`` gets one issue saying how many."""
    if mask is _NONE:
        return []
    rows = mask[mask].index
    if len(rows) > _LIMIT:
        out.append(Issue("error", file, None, field, f"{len(rows) - _LIMIT:,} more rows with the problem "
                         f"of line {int(rows[0])} are not listed"))  # fmt: skip
    return [int(i) for i in rows[:_LIMIT]]


def _field_issues(file: str, f: dict, col: pd.Series) -> list:
    out = []
    name, cons = f["name"], f.get("constraints") or {}
    values = set(col.tolist())
    if cons.get("required") and "" in values:
        for row in _first_rows(col == "", out, file, name):
            out.append(Issue("error", file, row, name, "constraint error: a value is required"))
    if any("\x00" in v for v in values):
        for row in _first_rows(col.str.contains("\x00", regex=False), out, file, name):
            at = col[row].index("\x00")
            out.append(Issue("error", file, row, name, f"contains a NUL byte at character {at + 1}; remove it"))
    typed = _TYPES.get(f.get("type", "string"))
    if typed is not None:
        ok, why = typed
        for row in _first_rows(_bad_values(col, ok, values), out, file, name):
            out.append(
                Issue("error", file, row, name, f"{_show(col[row])}: type error: {why}{_other_digits(col[row])}")
            )
    if "enum" in cons:
        allowed = set(cons["enum"])
        for row in _first_rows(_bad_values(col, allowed.__contains__, values), out, file, name):
            out.append(
                Issue("error", file, row, name, f"{_show(col[row])}: constraint error: not one of {cons['enum']}")
            )
    if "pattern" in cons:
        try:
            regex = _pattern(str(cons["pattern"]))
        except PatternError as exc:
            out.append(Issue("error", PACKAGE_FILE, None, name, f"field {name!r} of {file}: {exc}"))
            regex = None
        bad = _NONE if regex is None else _bad_values(col, lambda v: regex.fullmatch(v) is not None, values)
        for row in _first_rows(bad, out, file, name):
            out.append(
                Issue(
                    "error",
                    file,
                    row,
                    name,
                    f"{_show(col[row])}: constraint error: does not match {cons['pattern']}{_other_digits(col[row])}",
                )
            )
    if "minimum" in cons:
        low = cons["minimum"]
        below = _bad_values(col, lambda v: not _is_number(v) or float(v) >= low, values)
        for row in _first_rows(below, out, file, name):
            out.append(Issue("error", file, row, name, f"{_show(col[row])}: constraint error: below {low}"))
    return out


def _key_issues(file: str, frame: pd.DataFrame, schema: dict) -> list:
    out = []
    keys = [("primary key", schema.get("primaryKey") or [])]
    keys += [("unique key", k) for k in schema.get("uniqueKeys") or []]
    for what, key in keys:
        key = [key] if isinstance(key, str) else list(key)
        if not key or not set(key) <= set(frame.columns):
            continue
        if len(key) == 1:
            col = frame[key[0]]
            if len(set(col.tolist())) == len(col):
                continue  # the common case: no duplicate, no pandas operation
            dup = col.duplicated(keep="first")
        else:
            dup = frame.duplicated(key, keep="first")
        for row in _first_rows(dup, out, file, ", ".join(key)):
            first = int(frame.index[(frame[key] == frame.loc[row, key]).all(axis=1)][0])
            values = [_show(v) for v in frame.loc[row, key].tolist()]
            out.append(
                Issue("error", file, row, ", ".join(key), f"{what} error: [{', '.join(values)}] repeats line {first}")
            )
    return out


def _foreign_key_issues(file: str, name: str, frame: pd.DataFrame, schema: dict, tables: dict) -> list:
    out = []
    for fk in schema.get("foreignKeys") or []:
        ref = fk.get("reference") or {}
        fields = [fk["fields"]] if isinstance(fk.get("fields"), str) else list(fk.get("fields") or [])
        there_fields = [ref["fields"]] if isinstance(ref.get("fields"), str) else list(ref.get("fields") or [])
        target = tables.get(ref.get("resource") or name)
        if target is None or not set(fields) <= set(frame.columns) or not set(there_fields) <= set(target.columns):
            continue
        if len(fields) == 1:
            known = set(target[there_fields[0]].tolist())
            if not (set(frame[fields[0]].tolist()) - known - {""}):
                continue  # the common case: every value found, no frame is built
        here = frame[fields]
        present = (here != "").all(axis=1)
        if len(fields) > 1:
            known = set(map(tuple, target[there_fields].itertuples(index=False)))
            found = pd.Series([tuple(r) in known for r in here.itertuples(index=False)], index=frame.index)
        else:
            found = here.iloc[:, 0].isin(set(target[there_fields[0]]))
        for row in _first_rows(present & ~found, out, file, ", ".join(fields)):
            out.append(
                Issue(
                    "error",
                    file,
                    row,
                    ", ".join(fields),
                    f"foreign key error: [{', '.join(_show(v) for v in here.loc[row].tolist())}] not found in "
                    f"{ref.get('resource') or name}.{', '.join(there_fields)}",
                )
            )
    return out


def schema_issues(package: dict, tables: dict[str, pd.DataFrame]) -> list[Issue]:
    """Check every table against its schema: types, constraints, header, primary, unique and foreign keys.

    Parameters
    ----------
    package : dict
        The folder's ``datapackage.json``, as from :func:`cchc_data.datadir.package`.
    tables : dict of str to pandas.DataFrame
        The tables as strings, indexed by CSV line, as from :func:`folder_issues` (``schema=False``).

    Returns
    -------
    list of Issue
        Errors, a few per field and kind of problem; empty when every table meets its schema.

    Examples
    --------
    >>> package, tables, _ = folder_issues(check_folder())
    >>> bad = dict(tables, domains=tables["domains"].assign(order="first"))
    >>> print(schema_issues(package, bad)[0])
    error: domains.csv:2 [order]: 'first': type error: not an integer (digits only)
    """
    out = []
    for res in package["resources"]:
        frame = tables.get(res["name"])
        if frame is None:
            continue
        file, schema = res["path"], res["schema"]
        names = [f["name"] for f in schema["fields"]]
        if list(frame.columns) != names:
            missing = [n for n in names if n not in frame.columns]
            extra = [c for c in frame.columns if c not in names]
            detail = "; ".join(
                filter(None, [f"missing {missing}" if missing else "", f"not in the schema {extra}" if extra else ""])
            )
            out.append(
                Issue(
                    "error",
                    file,
                    1,
                    None,
                    f"header {list(frame.columns)} differs from the schema's fields "
                    f"{names} ({detail or 'another order'})",
                )
            )
            continue
        for f in schema["fields"]:
            out += _field_issues(file, f, frame[f["name"]])
        out += _key_issues(file, frame, schema)
    for res in package["resources"]:
        frame = tables.get(res["name"])
        if frame is not None and list(frame.columns) == [f["name"] for f in res["schema"]["fields"]]:
            out += _foreign_key_issues(res["path"], res["name"], frame, res["schema"], tables)
    return out


#: The field types of Table Schema (https://specs.frictionlessdata.io/table-schema/#types-and-formats).
TABLE_SCHEMA_TYPES = (
    "string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year",
    "yearmonth", "duration", "geopoint", "geojson", "any",
)  # fmt: skip
_PACKAGE_NAME = re.compile(r"^([-a-z0-9._/])+$")


def descriptor_issues(package: dict) -> list[Issue]:
    """What is wrong with ``datapackage.json`` itself, as the Data Package specification reads it.

    The package ``name`` is lower-case letters, digits and ``-._/``; ``licenses`` is a list; each field
    has a Table Schema type; and a table that declares an ``encoding`` declares UTF-8, the only one
    ``cchc_data`` reads. (The reference engine, ``validate(engine="frictionless")``, refuses the same.)

    Parameters
    ----------
    package : dict
        The folder's ``datapackage.json``.

    Returns
    -------
    list of Issue
        Errors on ``datapackage.json``, each naming the property and what is valid; empty if none.

    Examples
    --------
    >>> package = {"name": "My Data", "resources": [{"name": "t", "path": "t.csv", "encoding": "latin-1",
    ...            "schema": {"fields": [{"name": "x", "type": "text"}]}}]}
    >>> for issue in descriptor_issues(package):
    ...     print(issue)
    error: datapackage.json [name]: 'My Data' is not a package name; use lower-case letters, digits and -._/
    error: datapackage.json [encoding]: table 't' declares encoding 'latin-1'; save it as UTF-8 and declare 'utf-8' (or nothing)
    error: datapackage.json [type]: field 'x' of table 't' has type 'text'; use one of 'string', 'number', 'integer', 'boolean', 'object', 'array', 'date', 'time', 'datetime', 'year', 'yearmonth', 'duration', 'geopoint', 'geojson', 'any'
    """
    out = []

    def issue(field, message):
        out.append(Issue("error", PACKAGE_FILE, None, field, message))

    name = package.get("name")
    if name is not None and not (isinstance(name, str) and _PACKAGE_NAME.fullmatch(name)):
        issue("name", f"{name!r} is not a package name; use lower-case letters, digits and -._/")
    if "licenses" in package and not isinstance(package["licenses"], list):
        issue("licenses", 'must be a list of licenses, e.g. [{"name": "CC-BY-4.0"}]')
    types = ", ".join(map(repr, TABLE_SCHEMA_TYPES))
    for res in package.get("resources", []):
        encoding = res.get("encoding")
        if encoding is not None and str(encoding).lower().replace("_", "-") not in {"utf-8", "utf8", "utf-8-sig"}:
            issue(
                "encoding",
                f"table {res.get('name')!r} declares encoding {encoding!r}; save it as UTF-8 and declare 'utf-8' "
                "(or nothing)",
            )
        for f in (res.get("schema") or {}).get("fields", []):
            kind = f.get("type", "string")
            if kind not in TABLE_SCHEMA_TYPES:
                issue(
                    "type",
                    f"field {f.get('name')!r} of table {res.get('name')!r} has type {kind!r}; use one of {types}",
                )
    return out


def contract_issues(package: dict, folder: Path) -> list:
    """What ``cchc_data`` needs and the folder's ``datapackage.json`` lacks: tables, fields, their types.

    The package shipped with ``cchc_data`` is the contract; a folder may add tables and fields.

    Parameters
    ----------
    package : dict
        The folder's ``datapackage.json``.
    folder : pathlib.Path
        The folder (its resource paths must stay inside it); the bundled folder is the contract itself.

    Returns
    -------
    list of Issue
        Errors on ``datapackage.json``; empty when the folder offers everything ``cchc_data`` needs.

    Examples
    --------
    >>> import copy
    >>> from pathlib import Path
    >>> package, _, _ = folder_issues(check_folder())
    >>> lean = copy.deepcopy(package)
    >>> lean["resources"] = [r for r in lean["resources"] if r["name"] != "units"]
    >>> print(contract_issues(lean, Path("elsewhere"))[0])
    error: datapackage.json: table 'units' is missing; cchc_data needs it (like the project's data/)
    """
    bundled = bundled_dir()
    if folder == bundled:
        return []
    ours = {r["name"]: r for r in package["resources"]}
    out = []
    for res in _bundled_package()["resources"]:
        theirs = ours.get(res["name"])
        if theirs is None:
            out.append(
                Issue(
                    "error",
                    PACKAGE_FILE,
                    None,
                    None,
                    f"table {res['name']!r} is missing; cchc_data needs it (like the project's data/)",
                )
            )
            continue
        schema = theirs["schema"]
        if res["schema"].get("primaryKey") and schema.get("primaryKey") != res["schema"]["primaryKey"]:
            out.append(
                Issue(
                    "error",
                    PACKAGE_FILE,
                    None,
                    None,
                    f"table {res['name']!r} must have the primary key {res['schema']['primaryKey']}",
                )
            )
        for fk in res["schema"].get("foreignKeys") or []:
            if fk not in (schema.get("foreignKeys") or []):
                out.append(
                    Issue(
                        "error",
                        PACKAGE_FILE,
                        None,
                        None,
                        f"table {res['name']!r} lacks the foreign key {fk['fields']} -> "
                        f"{fk['reference']['resource']}.{fk['reference']['fields']}; cchc_data needs it",
                    )
                )
        fields = {f["name"]: f for f in schema["fields"]}
        for f in res["schema"]["fields"]:
            have = fields.get(f["name"])
            if have is None and (res["name"], f["name"]) in OPTIONAL_FIELDS:
                continue
            if have is None:
                out.append(
                    Issue(
                        "error",
                        PACKAGE_FILE,
                        None,
                        f["name"],
                        f"table {res['name']!r} does not declare field {f['name']!r}; cchc_data needs it",
                    )
                )
            elif have.get("type", "string") != f.get("type", "string"):
                out.append(
                    Issue(
                        "error",
                        PACKAGE_FILE,
                        None,
                        f["name"],
                        f"field {f['name']!r} of table {res['name']!r} is declared {have.get('type', 'string')!r}; "
                        f"cchc_data needs {f.get('type', 'string')!r}",
                    )
                )
    return out


#: Fields of the bundled tables another data folder may leave out: the English names of a source's issuer and
#: issue (English pages then give the Vietnamese name alone, as printed).
OPTIONAL_FIELDS = frozenset({("sources", "issuer_en"), ("sources", "issue_en")})


def _bundled_package() -> dict:
    return package(bundled_dir())


def folder_issues(folder: Path, *, schema: bool = True) -> tuple[dict, dict[str, pd.DataFrame], list[Issue]]:
    """Read ``datapackage.json`` and every table it names: ``(package, tables, issues)``.

    Tables are strings (empty cells ``""``) indexed by CSV line number; a table that cannot be read
    (path outside the folder, missing, not UTF-8, not CSV) is reported and left out. With ``schema``,
    the tables are also checked against the contract and their schemas; that result is cached until a
    file changes, so loading after validating does not check again.

    Parameters
    ----------
    folder : pathlib.Path
        The data folder.
    schema : bool, default True
        Also check the contract and the schemas (else only reading problems are reported).

    Returns
    -------
    tuple of (dict, dict of str to pandas.DataFrame, list of Issue)
        The package, the readable tables by resource name, and the issues found.

    Raises
    ------
    DataError
        If ``datapackage.json`` itself cannot be read (see :func:`cchc_data.datadir.package`).

    Examples
    --------
    >>> package, tables, issues = folder_issues(check_folder())
    >>> tables["domains"].loc[2, "domain"], issues
    ('direction', [])
    """
    folder = Path(folder)
    if schema:
        try:
            key = identity(folder)
        except DataError:  # a table is missing or out of the folder: reported below, not cached
            return _folder_issues(folder, schema=True)
        return _folder_issues_cached(str(folder), key)
    return _folder_issues(folder, schema=False)


@lru_cache(maxsize=8)
def _folder_issues_cached(folder: str, _identity: tuple) -> tuple[dict, dict[str, pd.DataFrame], list[Issue]]:
    return _folder_issues(Path(folder), schema=True)


def _folder_issues(folder: Path, *, schema: bool) -> tuple[dict, dict[str, pd.DataFrame], list[Issue]]:
    desc = package(folder)
    tables, out = {}, []
    for res in desc["resources"]:
        try:
            resource_file(folder, res)  # refuse a path out of the folder before anything reads it
        except DataError as exc:
            out.append(Issue("error", PACKAGE_FILE, None, None, str(exc).removeprefix(f"{PACKAGE_FILE}: ")))
            continue
        try:
            tables[res["name"]] = read_raw(res["name"], folder)
        except DataError as exc:
            out.append(Issue("error", res["path"], None, None, str(exc).removeprefix(f"{res['path']} ")))
    if schema:
        out += descriptor_issues(desc)
        out += contract_issues(desc, folder)
        out += schema_issues(desc, tables)
    return desc, tables, out


def _contract_message(folder, first: Issue, count: int) -> str:
    """The loader's error: the validator's first message, where, and how to see every problem."""
    more = f", and {count - 1} more problems" if count > 1 else ""
    return (
        f"{str(first).removeprefix('error: ')} (data folder {folder}{more}); "
        f"run `cchc validate {folder}` to see every problem"
    )


@lru_cache(maxsize=8)
def _checked(folder: str, _identity: tuple) -> tuple[dict, dict[str, pd.DataFrame]]:
    desc, tables, issues = folder_issues(Path(folder))
    errors = [i for i in issues if i.level == "error"]
    if errors:
        raise ContractError(_contract_message(folder, errors[0], len(errors)))
    typed = {res["name"]: _cast(tables[res["name"]], res["schema"]) for res in desc["resources"]}
    return desc, typed


def _typed_tables(folder: Path) -> dict[str, pd.DataFrame]:
    package(folder)  # an unreadable datapackage.json is a DataError, not a contract violation
    try:
        key = identity(folder)
    except DataError:  # a table missing or out of the folder: say it as the validator does
        _, _, issues = folder_issues(folder)
        errors = [i for i in issues if i.level == "error"]
        raise ContractError(_contract_message(folder, errors[0], len(errors))) from None
    return _checked(str(folder), key)[1]


def check_folder(data_dir: str | os.PathLike | None = None) -> Path:
    """Check a data folder against the contract (cheap: schema, keys, foreign keys, encodings); return it.

    Done once per version of the files; :func:`read_table` calls it.

    Parameters
    ----------
    data_dir : str or pathlib.Path, optional
        The folder to check. Default ``None``: the data in use (see :func:`cchc_data.data_dir`).

    Returns
    -------
    pathlib.Path
        The folder, resolved.

    Raises
    ------
    ContractError
        Naming the first problem's file, line and field, and how many more there are.
    DataError
        If the folder or its ``datapackage.json`` cannot be read.

    Examples
    --------
    >>> check_folder().name
    'data'
    """
    folder = _data_dir(data_dir)
    _typed_tables(folder)
    return folder


def _cast(frame: pd.DataFrame, schema: dict) -> pd.DataFrame:
    """Types from the schema: number → float, integer → nullable Int64, date → datetime64; strings stay."""
    out = frame.reset_index(drop=True)
    for f in schema["fields"]:
        kind = f.get("type", "string")
        col = out[f["name"]]
        if kind == "number":  # checked: plain finite decimals, or empty
            out[f["name"]] = np.array([v or "nan" for v in col.tolist()], dtype=float)
        elif kind == "integer":
            out[f["name"]] = pd.array([int(v) if v else None for v in col.tolist()], dtype="Int64")
        elif kind == "date":  # checked: YYYY-MM-DD, or empty
            days = np.array([v or "NaT" for v in col.tolist()], dtype="datetime64[D]")
            out[f["name"]] = days.astype("datetime64[ns]")
    return out


def read_table(name: str, *, data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """One table of the data package, checked against the contract and typed from its schema.

    Empty text cells are ``""``; ``number`` columns are float, ``integer`` nullable ``Int64``,
    ``date`` datetime64 (missing: ``NaT``). The result is a copy, cached until a file changes.

    Parameters
    ----------
    name : str
        The resource name in ``datapackage.json`` (``"indicators"``, ``"catalog"``, ``"sources"`` …).
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        The table, indexed from 0.

    Raises
    ------
    ContractError
        If the folder does not meet the contract (see :func:`check_folder`).
    DataError
        If the folder or its ``datapackage.json`` cannot be read, or it has no table ``name``.

    Examples
    --------
    >>> read_table("domains")["order"].dtype
    Int64Dtype()
    >>> read_table("sources")["published"].dtype
    dtype('<M8[ns]')
    >>> read_table("facts")
    Traceback (most recent call last):
    ...
    cchc_data.datadir.DataError: 'facts' is not a table of the data package; tables: indicators, catalog, concepts, domains, breakdowns, units, flags, sources, provinces, national_index_catalog, national_index_sources, national_indices
    """
    folder = _data_dir(data_dir)
    typed = _typed_tables(folder)
    if name not in typed:
        raise DataError(f"{name!r} is not a table of the data package; tables: {', '.join(typed)}")
    return typed[name].copy()


share_docs_in(globals())
