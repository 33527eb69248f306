"""Validating a data folder: the Table Schema (via frictionless) plus the rules a schema can't express."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ._text import collapse_ws
from .datadir import DataError
from .datadir import data_dir as _data_dir
from .numbers import numbers_in
from .periods import parse_period

__all__ = ["Issue", "ValidationReport", "validate", "verify_evidence", "SOURCES_DIR_ENV"]

SOURCES_DIR_ENV = "CCHC_SOURCES_DIR"
MAX_EVIDENCE_WORDS = 25
_SUM_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Issue:
    """One problem found in the data: where it is and what is wrong."""

    level: str  # "error" or "warning"
    file: str
    row: int | None  # line number in the CSV file (the header is line 1)
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.row}" if self.row else "")
        what = f" [{self.field}]" if self.field else ""
        return f"{self.level}: {where}{what}: {self.message}"


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`: a list of issues, errors first."""

    data_dir: Path
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "warning"]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings are allowed)."""
        return not self.errors

    def __str__(self) -> str:
        lines = [str(i) for i in self.errors + self.warnings]
        verdict = "valid" if self.ok else "INVALID"
        lines.append(f"{self.data_dir}: {verdict} ({len(self.errors)} errors, {len(self.warnings)} warnings)")
        return "\n".join(lines)


def _schema_issues(folder: Path) -> list[Issue]:
    from frictionless import Package  # imported here: it is slow to import and only validation needs it

    issues = []
    report = Package(str(folder / "datapackage.json")).validate()
    for err in report.errors:
        issues.append(Issue("error", "datapackage.json", None, None, err.message))
    for task in report.tasks:
        for err in task.errors:
            row = getattr(err, "row_number", None)
            fld = getattr(err, "field_name", None) or ", ".join(getattr(err, "field_names", None) or []) or None
            if err.type == "primary-key":
                fld = "fact_id" if task.name == "indicators" else fld
            note = getattr(err, "note", "") or ""
            cell = getattr(err, "cell", None)
            kind = err.type.removesuffix("-error").replace("-", " ") + " error"
            msg = f"{kind}: {note}" if note else err.message
            if cell is not None and cell != "":
                msg = f"{cell!r}: {msg}"
            issues.append(Issue("error", Path(task.place).name, row, fld, msg))
    return issues


def _read(folder: Path, name: str) -> pd.DataFrame:
    frame = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8")
    frame.index = frame.index + 2  # line numbers
    return frame


def _nfc_issues(folder: Path) -> list[Issue]:
    issues = []
    for file in sorted(folder.glob("*.csv")):
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not unicodedata.is_normalized("NFC", line):
                issues.append(Issue("error", file.name, n, None, "text is not in Unicode NFC form; normalise it"))
    return issues


def _rule_issues(folder: Path) -> list[Issue]:
    facts = _read(folder, "indicators")
    cat_rows = _read(folder, "catalog")
    cat = cat_rows.drop_duplicates("indicator").set_index("indicator")
    concepts = _read(folder, "concepts").drop_duplicates("concept").set_index("concept")
    srcs = _read(folder, "sources").drop_duplicates("source_id").set_index("source_id")
    issues: list[Issue] = []
    F = "indicators.csv"

    def add(level, row, fld, msg):
        issues.append(Issue(level, F, row, fld, msg))

    value = pd.to_numeric(facts["value"], errors="coerce")
    flagged = facts["flag"] != ""
    unit = facts["indicator"].map(cat["unit"])

    # Catalog: a concept has one unit; a whole is another indicator with the same unit.
    for line, row in cat_rows.iterrows():
        code = row["indicator"]
        if row["concept"] and row["concept"] in concepts.index and concepts.at[row["concept"], "unit"] != row["unit"]:
            issues.append(
                Issue(
                    "error",
                    "catalog.csv",
                    line,
                    "unit",
                    f"{code}: unit {row['unit']!r} differs from its concept {row['concept']!r} ({concepts.at[row['concept'], 'unit']!r})",
                )
            )
        if row["whole"] == code:
            issues.append(Issue("error", "catalog.csv", line, "whole", f"{code} cannot be its own whole"))
        elif row["whole"] in cat.index and cat.at[row["whole"], "unit"] != row["unit"]:
            issues.append(
                Issue(
                    "error",
                    "catalog.csv",
                    line,
                    "whole",
                    f"{code} ({row['unit']}) and its whole {row['whole']} ({cat.at[row['whole'], 'unit']}) have different units",
                )
            )

    for line, row in facts.iterrows():
        v = value[line]
        # fact_id names its source
        if row["source_id"] and not row["fact_id"].startswith(row["source_id"] + "-"):
            add("error", line, "fact_id", f"{row['fact_id']!r} should start with its source_id {row['source_id']!r}")
        # province agrees with the source
        if row["source_id"] in srcs.index and srcs.at[row["source_id"], "province"] != row["province"]:
            add(
                "error",
                line,
                "province",
                f"{row['province']!r} but source {row['source_id']} is about {srcs.at[row['source_id'], 'province']!r}",
            )
        # evidence contains the value as printed
        words = len(row["evidence"].split())
        if words > MAX_EVIDENCE_WORDS:
            add("error", line, "evidence", f"{words} words; quote at most ~15 (a citation, not prose)")
        if pd.notna(v) and row["evidence"]:
            found = numbers_in(row["evidence"])
            if not any(abs(n - v) <= 1e-9 * max(1, abs(v)) for n in found):
                printed = ", ".join(f"{n:g}" for n in found) or "none"
                add(
                    "error", line, "evidence", f"does not contain the value {v:g} as printed (numbers in it: {printed})"
                )
        # percent within 0-100
        if pd.notna(v) and unit[line] == "percent" and not 0 <= v <= 100:
            add(
                "warning" if flagged[line] else "error",
                line,
                "value",
                f"{v:g} % is outside 0-100"
                + (" (flagged in the source)" if flagged[line] else "; flag it with a note if the source prints it"),
            )
        # a target is not earlier than what its source reports on
        if row["kind"] == "target" and row["source_id"] in srcs.index:
            try:
                target, ref = parse_period(row["period"]), parse_period(srcs.at[row["source_id"], "reference_period"])
            except ValueError:
                continue
            if target.end < ref.end:
                add(
                    "warning" if flagged[line] else "error",
                    line,
                    "period",
                    f"target period {row['period']} is earlier than the period its source reports on ({ref.label})",
                )

    # part <= whole, and every part has its whole
    key = ["province", "period", "kind", "breakdown", "source_id"]
    facts_v = facts.assign(_value=value, _line=facts.index)
    parts = facts_v[facts_v["indicator"].map(cat["whole"]).fillna("") != ""]
    for line, row in parts.iterrows():
        whole_code = cat.at[row["indicator"], "whole"]
        match = facts_v[(facts_v["indicator"] == whole_code) & (facts_v[key] == row[key]).all(axis=1)]
        if match.empty:
            add(
                "error",
                line,
                "indicator",
                f"{row['indicator']} is a part of {whole_code}, but no {whole_code} fact has the same {', '.join(key)}",
            )
            continue
        for wline, whole in match.iterrows():
            if (
                pd.notna(row["_value"])
                and pd.notna(whole["_value"])
                and row["_value"] > whole["_value"] + _SUM_TOLERANCE
            ):
                is_flagged = bool(row["flag"] or whole["flag"])
                add(
                    "warning" if is_flagged else "error",
                    line,
                    "value",
                    f"part {row['indicator']} = {row['_value']:g} exceeds its whole {whole_code} = {whole['_value']:g} (line {wline})"
                    + ("" if is_flagged else "; if the source prints it so, flag both rows"),
                )

    # counts: parts of one breakdown dimension don't add up to more than the total
    counts = facts_v[(unit == "count") & facts_v["_value"].notna()]
    counts = counts.assign(_dim=counts["breakdown"].str.split(":").str[0])
    group_key = ["indicator", "province", "period", "kind", "source_id"]
    for _, group in counts.groupby(group_key, sort=False):
        totals = group[group["breakdown"] == ""]
        if totals.empty:
            continue
        for dim, members in group[group["breakdown"] != ""].groupby("_dim"):
            total = totals["_value"].iloc[0]
            if members["breakdown"].duplicated().any() or members["_value"].sum() <= total + _SUM_TOLERANCE:
                continue
            is_flagged = bool((members["flag"] != "").any() or (totals["flag"] != "").any())
            add(
                "warning" if is_flagged else "error",
                int(totals.index[0]),
                "value",
                f"{group['indicator'].iloc[0]}: parts by {dim} add up to {members['_value'].sum():g}, more than the total {total:g}",
            )
    return issues


def validate(data_dir: str | os.PathLike | None = None) -> ValidationReport:
    """Validate a data folder: schema, types, enums, keys and foreign keys, then the cross-row rules.

    Cross-row rules: a part is not larger than its whole and has one; count parts don't exceed their
    total; percentages lie within 0-100; the evidence contains the value as printed and is short; a
    target's period is not earlier than the period its source reports on; a fact's province is its
    source's; a concept has one unit. A violation on a row whose ``flag`` records the source's own
    inconsistency is a warning; otherwise it is an error.

    Examples
    --------
    >>> report = validate()
    >>> report.ok
    True
    """
    folder = _data_dir(data_dir)
    report = ValidationReport(folder)
    report.issues += _schema_issues(folder)
    report.issues += _nfc_issues(folder)
    try:
        report.issues += _rule_issues(folder)
    except (KeyError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        # A table too broken for the cross-row rules: the schema errors above already say why.
        if not report.errors:
            raise DataError(f"cannot apply the cross-row rules to {folder}: {exc}") from None
    report.issues.sort(key=lambda i: (i.level != "error", i.file, i.row or 0))
    return report


def verify_evidence(sources_dir: str | os.PathLike | None = None, *, data_dir=None) -> list[Issue]:
    """Check that every evidence fragment occurs verbatim in its source text (whitespace-normalised).

    ``sources_dir`` defaults to the ``CCHC_SOURCES_DIR`` environment variable. Returns the problems
    found (an empty list when every fragment is found).
    """
    sources_dir = sources_dir or os.environ.get(SOURCES_DIR_ENV)
    if not sources_dir:
        raise ValueError(f"give the folder of source texts, or set {SOURCES_DIR_ENV}")
    folder = _data_dir(data_dir)
    facts = _read(folder, "indicators")
    srcs = _read(folder, "sources").set_index("source_id")
    texts: dict[str, str] = {}
    issues = []
    for sid, row in srcs.iterrows():
        path = Path(sources_dir) / row["text_file"]
        if path.is_file():
            texts[sid] = collapse_ws(path.read_text(encoding="utf-8"))
        else:
            issues.append(Issue("error", "sources.csv", None, "text_file", f"{path} not found for source {sid}"))
    for line, row in facts.iterrows():
        text = texts.get(row["source_id"])
        if text is not None and collapse_ws(row["evidence"]) not in text:
            issues.append(
                Issue(
                    "error",
                    "indicators.csv",
                    line,
                    "evidence",
                    f"{row['fact_id']}: {row['evidence']!r} does not occur in {srcs.at[row['source_id'], 'text_file']}",
                )
            )
    return issues
