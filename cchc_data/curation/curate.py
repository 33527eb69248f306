"""Check a reviewed candidates file (from :func:`cchc_data.extract.extract`) and add its kept rows to the data.

The review file has the columns of ``indicators.csv`` plus review columns (see
:data:`cchc_data.extract.REVIEW_COLUMNS`). The reviewer writes ``yes`` in ``keep`` for every row to add
(``no`` or empty: left out), corrects the fact columns, and, for an indicator that is not in the catalog
yet, fills the ``catalog_*`` columns of (at least) its first row: ``catalog_label_vi``,
``catalog_label_en``, ``catalog_unit_vi``, ``catalog_unit_en``, ``catalog_domain`` and
``catalog_description`` are required, ``catalog_concept``, ``catalog_whole``, ``catalog_comparability``
(``same`` or ``caveat``) and ``catalog_comparability_note_vi``/``_en`` optional; the catalog's ``unit`` is the row's ``unit`` column.

:func:`check` validates the kept rows with the rules of ``cchc validate`` by validating a temporary copy
of the data folder with them appended (through the public :func:`cchc_data.validate`), and names each
problem by the review file's row and field. With ``apply=True`` and no error it appends the rows to the
data folder, numbering their ``fact_id`` in reading order (the ``position`` column) after the source's
last fact.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from .._csvfile import unprotect
from .._text import nfc
from ..datadir import NUL_MARK, DataError
from ..datadir import data_dir as _data_dir
from ._write import WriteRefused, data_lock, digest, replace_tables, workspace
from .extract import CATALOG_COLUMNS, FACT_COLUMNS, format_value

__all__ = ["CurationReport", "ReviewIssue", "check", "KEEP_VALUES"]

KEEP_VALUES = ("yes", "no", "")
FIELD_HINTS = {
    "source_id": "; add the document to sources.csv first",
    "indicator": "; use a catalog indicator or define a new one in the catalog_* columns",
    "breakdown": "; use a code of breakdowns.csv (level:district, sector:land, agency:police …)",
    "province": "; use a province slug of provinces.csv (khanh-hoa)",
}
REQUIRED_COLUMNS = [c for c in FACT_COLUMNS if c not in ("fact_id", "note_vi")] + ["keep"]  # older files lack note_vi
WRITTEN_TABLES = ("indicators", "catalog")
"""Resources of ``datapackage.json`` that an apply adds rows to."""
CATALOG_REQUIRED = ["label_vi", "label_en", "unit_vi", "unit_en", "domain", "description"]
CATALOG_FIELDS = ["indicator", "label_vi", "label_en", "unit", "unit_vi", "unit_en", "domain", "concept", "whole",
                  "description", "comparability", "comparability_note_vi", "comparability_note_en"]  # fmt: skip


@dataclass(frozen=True)
class ReviewIssue:
    """One problem of the review file: its row (the spreadsheet's row number, the header is row 1).

    Parameters
    ----------
    level : {"error", "warning"}
        An error stops :func:`check` from applying the file.
    row : int or None
        The row in the review file (the header is row 1), ``None`` for the whole file.
    field : str or None
        The column, ``None`` for the whole row.
    message : str
        What is wrong and how to fix it.
    file : str, default "review"
        The file the problem is in, as shown.

    Examples
    --------
    >>> str(ReviewIssue("error", 3, "value", "'65,91' is written the Vietnamese way; write 65.91"))
    "error: review:3 [value]: '65,91' is written the Vietnamese way; write 65.91"
    """

    level: str  # "error" or "warning"
    row: int | None
    field: str | None
    message: str
    file: str = "review"

    def __str__(self) -> str:
        where = self.file + (f":{self.row}" if self.row else "")
        what = f" [{self.field}]" if self.field else ""
        return f"{self.level}: {where}{what}: {self.message}"


@dataclass
class CurationReport:
    """What :func:`check` found and did.

    Parameters
    ----------
    review : pathlib.Path
        The review file checked.
    data_dir : pathlib.Path
        The data folder checked against (and added to, if applied).
    issues : list of ReviewIssue, optional
        The problems found, errors first. Default: none.
    facts : pandas.DataFrame, optional
        The rows to add to ``indicators.csv`` (or added), with their ``fact_id``.
    catalog_rows : pandas.DataFrame, optional
        The new rows of ``catalog.csv``.
    kept, skipped : int, default 0
        Rows marked ``keep = yes``, and the others.
    applied : bool, default False
        Whether the rows were written to the data folder.

    Attributes
    ----------
    errors : list of ReviewIssue
        The issues of level ``"error"``.
    ok : bool
        True when there is no error.

    Examples
    --------
    >>> from pathlib import Path
    >>> report = CurationReport(Path("review.csv"), Path("data"), kept=2, skipped=5)
    >>> report.ok, report.summary()
    (True, 'review.csv: valid: 2 rows kept, 5 not; 0 facts to add, 0 new catalog rows; 0 errors, 0 warnings')
    """

    review: Path
    data_dir: Path
    issues: list[ReviewIssue] = field(default_factory=list)
    facts: pd.DataFrame = field(default_factory=pd.DataFrame)  # the rows to add, with their fact_id
    catalog_rows: pd.DataFrame = field(default_factory=pd.DataFrame)  # new catalog rows
    kept: int = 0  # rows marked keep=yes
    skipped: int = 0  # rows not marked keep=yes
    applied: bool = False

    @property
    def errors(self) -> list[ReviewIssue]:
        return [i for i in self.issues if i.level == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        verdict = "applied" if self.applied else ("valid" if self.ok else "INVALID")
        ids = f" as {self.facts['fact_id'].iat[0]} … {self.facts['fact_id'].iat[-1]}" if len(self.facts) else ""
        added = "added" if self.applied else "to add"
        return (
            f"{self.review}: {verdict}: {self.kept} rows kept, {self.skipped} not; {len(self.facts)} facts {added}{ids}, "
            f"{len(self.catalog_rows)} new catalog rows; {len(self.errors)} errors, "
            f"{len(self.issues) - len(self.errors)} warnings"
        )

    def __str__(self) -> str:
        return "\n".join([*map(str, self.issues), self.summary()])


def _read_review(path: Path) -> pd.DataFrame:
    try:
        text = path.read_bytes().decode("utf-8-sig")  # not read_text: it turns a CR inside a cell into a LF
    except FileNotFoundError:
        raise FileNotFoundError(f"{path} not found; write it with `cchc extract`") from None
    except UnicodeDecodeError as exc:
        raise DataError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start}); save it as CSV UTF-8") from None
    try:  # pandas' parser would cut a cell at a NUL byte: mark it, parse, refuse it by row and column
        frame = pd.read_csv(io.StringIO(nfc(text).replace("\x00", NUL_MARK)), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"{path} is not a well-formed CSV file: {exc}") from None
    frame.columns = [c.strip() for c in frame.columns]
    frame = frame.set_axis(frame.index + 2).map(unprotect)  # spreadsheet row numbers (the header is row 1)
    if NUL_MARK in text or "\x00" in text:
        for col in frame.columns:
            hit = frame[col].str.contains(NUL_MARK, regex=False)
            if hit.any():
                row = hit.idxmax()
                at = frame.at[row, col].index(NUL_MARK) + 1
                raise DataError(
                    f"{path.name}:{row} [{col}]: contains a NUL byte at character {at}; remove it (nothing was "
                    "checked or written)"
                )
        raise DataError(f"{path.name}: its header contains a NUL byte; remove it (nothing was checked or written)")
    return frame


def _value_issues(frame: pd.DataFrame) -> list[ReviewIssue]:
    """Values typed the Vietnamese way would be read as other numbers: catch them before validation."""
    out = []
    for row, value, evidence in zip(frame.index, frame["value"], frame["evidence"], strict=True):
        v = value.strip()
        if re.fullmatch(r"-?\d+,\d+", v):
            out.append(
                ReviewIssue("error", row, "value", f"{v!r}: write the decimal mark as '.' ({v.replace(',', '.')})")
            )
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+", v) and v in evidence:
            out.append(
                ReviewIssue(
                    "error", row, "value", f"{v!r} is printed with '.' grouping thousands; write {v.replace('.', '')}"
                )
            )
    return out


def _new_catalog(kept: pd.DataFrame, known: set[str], issues: list[ReviewIssue]) -> pd.DataFrame:
    """Catalog rows for indicators not in the catalog, from the ``catalog_*`` columns of their rows."""
    rows = []
    for code, group in kept[~kept["indicator"].isin(known) & (kept["indicator"] != "")].groupby(
        "indicator", sort=False
    ):
        defined = group[(group[CATALOG_COLUMNS] != "").any(axis=1)]
        first = int(group.index[0])
        if defined.empty:
            issues.append(
                ReviewIssue(
                    "error",
                    first,
                    "indicator",
                    f"{code!r} is not in the catalog: use an existing indicator, or define it by filling "
                    + ", ".join(f"catalog_{c}" for c in CATALOG_REQUIRED)
                    + " on this row",
                )  # fmt: skip
            )
            continue
        entry = {"indicator": code, "unit": defined["unit"].iat[0] if "unit" in defined else ""}
        for col in CATALOG_FIELDS[1:]:
            if col == "unit":
                continue
            values = sorted(set(defined.get(f"catalog_{col}", pd.Series(dtype=str))) - {""})
            if len(values) > 1:
                issues.append(
                    ReviewIssue("error", int(defined.index[1]), f"catalog_{col}",
                                f"{code!r} is defined twice with different catalog_{col}: {' / '.join(values)}")
                )  # fmt: skip
            entry[col] = values[0] if values else ""
        for col in CATALOG_REQUIRED:
            if not entry[col]:
                issues.append(
                    ReviewIssue(
                        "error", int(defined.index[0]), f"catalog_{col}", f"required to add {code!r} to the catalog"
                    )
                )
        if not entry["unit"]:
            issues.append(
                ReviewIssue("error", int(defined.index[0]), "unit", f"required to add {code!r} to the catalog")
            )
        rows.append({**entry, "_row": int(defined.index[0])})
    return pd.DataFrame(rows, columns=[*CATALOG_FIELDS, "_row"])


def _number(facts: pd.DataFrame, kept: pd.DataFrame) -> pd.Series:
    """``fact_id`` in reading order (``position``), after each source's last fact."""
    order = kept.assign(_pos=pd.to_numeric(kept.get("position", ""), errors="coerce"), _line=kept.index)
    order = order.sort_values(["source_id", "_pos", "_line"], na_position="last", kind="stable")
    ids = pd.Series("", index=kept.index, dtype=object)
    for sid, group in order.groupby("source_id", sort=False):
        taken = facts.loc[facts["source_id"] == sid, "fact_id"].str.extract(r"-(\d+)$")[0].dropna().astype(int)
        start = int(taken.max()) if len(taken) else 0
        for n, line in enumerate(group["_line"], start=start + 1):
            ids[line] = f"{sid}-{n:03d}"
    return ids


def _append_csv(path: Path, rows: list[list[str]]) -> None:
    text = path.read_bytes().decode("utf-8")
    buf = io.StringIO()
    plain = csv.writer(buf, lineterminator="\n")
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)  # the csv module leaves a lone CR bare
    for row in rows:
        (quoted if any("\r" in str(cell) for cell in row) else plain).writerow(row)
    path.write_bytes((text + ("" if text.endswith("\n") or not text else "\n") + buf.getvalue()).encode("utf-8"))


def _tables(folder: Path) -> dict[str, Path]:
    """The files of the tables curation writes, named as ``datapackage.json`` names them."""
    from ..datadir import package, resource_file

    found = {r["name"]: resource_file(folder, r) for r in package(folder)["resources"]}
    missing = [name for name in WRITTEN_TABLES if name not in found]
    if missing:
        raise DataError(f"{folder / 'datapackage.json'} has no resource {missing[0]!r}; curation adds rows to it")
    return {name: found[name] for name in WRITTEN_TABLES}


def _staged_copy(folder: Path, dest: Path, kept: pd.DataFrame, new_cat: pd.DataFrame, *, tables, raw) -> Path:
    """A copy of the data folder with the kept rows (and new catalog rows) appended to the tables as read."""
    shutil.copytree(folder, dest, ignore=shutil.ignore_patterns("README.md", "staging", ".*"))
    for name, path in tables.items():
        (dest / path.relative_to(folder)).unlink(missing_ok=True)  # a symlink copied as a link: write a file
        (dest / path.relative_to(folder)).write_bytes(raw[name])
    _append_csv(dest / tables["indicators"].relative_to(folder), _in_header_order(kept, raw["indicators"]))
    if len(new_cat):
        _append_csv(dest / tables["catalog"].relative_to(folder), _in_header_order(new_cat, raw["catalog"]))
    return dest


def _in_header_order(rows: pd.DataFrame, table: bytes) -> list[list[str]]:
    """``rows`` as lists in the order of ``table``'s header; a column the rows do not have is left empty."""
    header = next(csv.reader(io.StringIO(table.decode("utf-8-sig").split("\n", 1)[0])))
    return [[str(row.get(col, "")) for col in header] for _, row in rows.iterrows()]


def _mapped_issues(result, before: set, kept: pd.DataFrame, new_cat: pd.DataFrame, n_facts: int, n_cat: int,
                   files=("indicators.csv", "catalog.csv")):  # fmt: skip
    """The validation issues of a staged copy that the review caused, on the review file's rows."""
    fact_rows = {n_facts + 2 + k: int(line) for k, line in enumerate(kept.index)}
    cat_rows = {n_cat + 2 + k: int(r) for k, r in enumerate(new_cat["_row"])}
    out = []
    for issue in result.issues:
        if (issue.file, issue.row, issue.field, issue.message) in before:
            continue  # the data had it already
        if issue.file == files[0] and issue.row in fact_rows:
            hint = "foreign key" in issue.message or "required" in issue.message
            message = issue.message + (FIELD_HINTS.get(issue.field, "") if hint else "")
            out.append(ReviewIssue(issue.level, fact_rows[issue.row], issue.field, message))
        elif issue.file == files[1] and issue.row in cat_rows:
            field_ = (
                f"catalog_{issue.field}" if issue.field and issue.field not in ("indicator", "unit") else issue.field
            )
            out.append(ReviewIssue(issue.level, cat_rows[issue.row], field_, issue.message))
        else:  # an existing row that the new ones upset (a total now smaller than its new parts …)
            where = f"{issue.file}:{issue.row}" if issue.row else issue.file
            out.append(ReviewIssue(issue.level, None, issue.field, f"{where}: {issue.message}"))
    return out


def check(review_csv, *, data_dir=None, apply: bool = False) -> CurationReport:
    """Validate a reviewed candidates file; with ``apply=True`` add its kept rows to the data folder.

    The kept rows (``keep`` = ``yes``) are checked with every rule of :func:`cchc_data.validate`
    (schema, foreign keys, evidence printing the value, part ≤ whole, target periods …) by validating a
    temporary copy of the data folder with them appended; each problem is reported on the review
    file's row and field. Values typed the Vietnamese way (``65,91``, ``1.514``) and kept rows already
    in the data are errors too. Nothing is written when there is any error.

    Parameters
    ----------
    review_csv : path
        The review file (CSV, UTF-8), as written by ``cchc extract`` and edited by the reviewer.
    data_dir : str or pathlib.Path, optional
        The data folder to check against and to add to. Default ``None``: the data in use (see
        :func:`cchc_data.data_dir`).
    apply : bool, default False
        Append the kept rows to ``indicators.csv`` (and new indicators to ``catalog.csv``).

    Returns
    -------
    CurationReport
        ``issues``, the ``facts`` and ``catalog_rows`` to add (or added), ``ok`` and ``applied``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from cchc_data.extract import extract, write_review
    >>> rows = extract("Toàn tỉnh có 152 trang thông tin điện tử của cơ quan nhà nước.", province="Khánh Hòa",
    ...                source_id="kh-2019-article")
    >>> path = write_review(rows.assign(keep="yes"), pathlib.Path(tempfile.mkdtemp()) / "review.csv")
    >>> report = check(path)  # without apply=True nothing is written
    >>> report.ok, report.facts[["fact_id", "indicator", "period", "value"]].values.tolist()
    (True, [['kh-2019-article-0...', 'public_websites', '2019', '152']])
    """
    folder = _data_dir(data_dir)
    tables = _tables(folder)
    # One writer at a time: an apply holds the lock from reading the tables to replacing them. The lock also
    # finishes (or rolls back) an apply that was killed, before anything is read.
    with data_lock(folder, tables.values(), required=apply) as recovered:
        report = _check(Path(review_csv), folder=folder, tables=tables, apply=apply)
    report.issues += [ReviewIssue("warning", None, None, f"{folder}: {said}") for said in recovered]
    report.issues = [replace(i, file=report.review.name) for i in report.issues]
    return report


#: What makes two facts the same fact: a row agreeing with another on all of these is a repeat.
SAME_FACT = ["source_id", "indicator", "period", "breakdown", "kind", "value"]


def _repeated_facts(kept: pd.DataFrame, facts: pd.DataFrame) -> list[ReviewIssue]:
    """Kept rows that repeat a fact already in ``indicators.csv`` (a review applied twice) or an earlier
    kept row of the same review file (a fact kept twice): same source, indicator, period, breakdown, kind and
    value (``98.6`` and ``98.60`` are one value), whatever their evidence."""

    def keys(frame: pd.DataFrame) -> list[tuple]:
        values = pd.to_numeric(frame["value"], errors="coerce")
        return [(*r, v) for r, v in zip(frame[SAME_FACT[:-1]].values.tolist(), values, strict=True)]

    known = dict(zip(keys(facts), facts["fact_id"], strict=True))
    issues, first = [], {}
    for row, key in zip(kept.index, keys(kept), strict=True):
        if key in known:
            issues.append(ReviewIssue("error", int(row), None, f"already in indicators.csv as {known[key]}"))
        elif key in first:
            issues.append(
                ReviewIssue(
                    "error", int(row), None,
                    f"the same fact as row {first[key]} (same source, indicator, period, breakdown, kind and value): "
                    "keep one of them (keep = no on the other)",
                )
            )  # fmt: skip
        else:
            first[key] = int(row)
    return issues


def _check(review: Path, *, folder: Path, tables: dict, apply: bool) -> CurationReport:
    from ..validation import validate  # the public check of a folder, not validation's internals

    frame = _read_review(review)
    report = CurationReport(review, folder)
    in_data = validate(folder)  # rows are added only to data that validates (and whose tables can be read)
    if not in_data.ok:
        first = str(in_data.errors[0]).removeprefix("error: ")
        report.issues.append(
            ReviewIssue(
                "error",
                None,
                None,
                f"the data folder {folder} does not validate ({len(in_data.errors)} errors; the "
                f"first: {first}); fix it before adding rows: `cchc validate {folder}` lists every problem",
            )  # fmt: skip
        )
        return report
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        hint = " (its columns are separated by ';': save it as CSV with ',')" if ";" in "".join(frame.columns) else ""
        report.issues.append(
            ReviewIssue(
                "error", 1, None, f"missing columns: {', '.join(missing)}{hint}; start from a file `cchc extract` wrote"
            )
        )
        return report
    for col in ["fact_id", "note_vi", "unit", "position", *CATALOG_COLUMNS]:
        if col not in frame.columns:
            frame[col] = ""
    keep = frame["keep"].str.strip().str.lower()
    for row in frame.index[~keep.isin(KEEP_VALUES)]:
        report.issues.append(
            ReviewIssue(
                "error", int(row), "keep", f"{frame.at[row, 'keep']!r}: write yes (add the row) or no (leave it out)"
            )
        )
    kept = frame[keep == "yes"].copy()
    report.kept, report.skipped = int((keep == "yes").sum()), int((keep != "yes").sum())
    if kept.empty and not report.issues:
        report.issues.append(ReviewIssue("error", None, "keep", "no row has keep = yes: nothing to add"))
    for col in FACT_COLUMNS:
        kept[col] = kept[col].str.strip()
    report.issues += _value_issues(kept)
    number = pd.to_numeric(kept["value"], errors="coerce")  # 1514.0 → 1514, as indicators.csv writes values
    kept.loc[number.notna(), "value"] = [format_value(v) for v in number[number.notna()]]

    raw = {name: path.read_bytes() for name, path in tables.items()}  # read once: checked, appended, re-checked
    facts = pd.read_csv(io.BytesIO(raw["indicators"]), dtype=str, keep_default_na=False)
    cat = pd.read_csv(io.BytesIO(raw["catalog"]), dtype=str, keep_default_na=False)
    new_cat = _new_catalog(kept, set(cat["indicator"]), report.issues)
    kept["fact_id"] = _number(facts, kept)

    repeats = _repeated_facts(kept, facts)
    report.issues += [i for i in repeats if i.message.startswith("already")]
    repeats = [i for i in repeats if not i.message.startswith("already")]  # reported with the other problems

    if report.errors:  # schema-level trouble first: validating the copy would only repeat it less clearly
        report.issues += repeats
        return report
    kept = kept.sort_values("fact_id", kind="stable")  # appended in reading order
    report.facts = kept[FACT_COLUMNS].reset_index(drop=True)
    report.catalog_rows = new_cat[CATALOG_FIELDS].reset_index(drop=True)
    existing = in_data.issues
    before = {(i.file, i.row, i.field, i.message) for i in existing}
    data_errors = [i for i in existing if i.level == "error"]
    with workspace(folder) as tmp:
        copy = _staged_copy(folder, Path(tmp) / "all", kept, new_cat, tables=tables, raw=raw)
        files = tuple(tables[n].relative_to(folder).as_posix() for n in WRITTEN_TABLES)
        found = _mapped_issues(validate(copy), before, kept, new_cat, len(facts), len(cat), files)
        bad = {i.row for i in found if i.level == "error" and i.row is not None}
        clean = kept[~kept.index.isin(bad)]
        if bad and len(clean):  # the cross-row rules run only on well-formed tables: check the other rows too
            again = _staged_copy(
                folder, Path(tmp) / "clean", clean, new_cat[~new_cat["_row"].isin(bad)], tables=tables, raw=raw
            )
            seen = {(i.row, i.field, i.message) for i in found}
            more = _mapped_issues(
                validate(again), before, clean, new_cat[~new_cat["_row"].isin(bad)], len(facts), len(cat), files
            )
            found += [i for i in more if (i.row, i.field, i.message) not in seen]
        report.issues += found + repeats
        if apply and report.ok and data_errors:  # rows added to broken data could not be checked as they will be
            report.issues.append(
                ReviewIssue("error", None, None,
                            f"nothing written: {folder} does not validate ({len(data_errors)} errors; the first: "
                            f"{data_errors[0]}); fix the data first (`cchc validate {folder}` lists every problem)")
            )  # fmt: skip
        elif apply and report.ok:
            # catalog first: a half-done apply never leaves a fact whose indicator is not in the catalog
            new = {tables[n]: (copy / tables[n].relative_to(folder)).read_bytes() for n in ("catalog", "indicators")}
            try:
                replace_tables(folder, new, seen={tables[n]: digest(raw[n]) for n in tables})
                report.applied = True
            except WriteRefused as exc:
                report.issues.append(ReviewIssue("error", None, None, str(exc)))
    report.issues.sort(key=lambda i: (i.level != "error", i.row or 0))
    return report
