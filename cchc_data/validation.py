"""Validating a data folder: the Table Schema (via frictionless) plus the rules a schema can't express."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ._text import collapse_ws
from .datadir import data_dir as _data_dir
from .numbers import numbers_in
from .periods import parse_period
from .schema import read_tables, schema_issues, table_by_line

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


def _frictionless_issues(folder: Path) -> list[Issue]:
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


def _nfc_issues(folder: Path) -> list[Issue]:
    issues = []
    for file in sorted(folder.glob("*.csv")):
        text = file.read_text(encoding="utf-8")
        if unicodedata.is_normalized("NFC", text):
            continue
        for n, line in enumerate(text.splitlines(), start=1):
            if not unicodedata.is_normalized("NFC", line):
                issues.append(Issue("error", file.name, n, None, "text is not in Unicode NFC form; normalise it"))
    return issues


def _printed_forms(value: float) -> tuple[str, ...]:
    """How ``value`` is usually printed in Vietnamese (``1.514``, ``1514``, ``65,91``)."""
    if value == int(value):
        return (f"{int(value):,}".replace(",", "."), str(int(value)))
    return (repr(value).replace(".", ","),)


def _prints(evidence: str, value: float) -> bool:
    """Whether ``evidence`` prints ``value`` (a missing value or evidence is the schema's concern)."""
    if value != value or not evidence:
        return True
    for form in _printed_forms(value):  # fast path: the usual form, standing alone
        at = evidence.find(form)
        while at != -1:
            before = evidence[at - 1] if at else " "
            after = evidence[at + len(form) : at + len(form) + 2]
            if not (before.isdigit() or before in ".,") and not (
                after[:1].isdigit() or (after[:1] in ".," and after[1:2].isdigit())
            ):
                return True
            at = evidence.find(form, at + 1)
    tolerance = 1e-9 * max(1.0, abs(value))
    return any(abs(n - value) <= tolerance for n in numbers_in(evidence))


def _rule_issues(tables: dict[str, pd.DataFrame]) -> list[Issue]:
    facts = tables["indicators"]
    cat_rows = tables["catalog"]
    cat = cat_rows.drop_duplicates("indicator").set_index("indicator")
    concepts = tables["concepts"].drop_duplicates("concept").set_index("concept")
    srcs = tables["sources"].drop_duplicates("source_id").set_index("source_id")
    issues: list[Issue] = []

    def add(level, rows, fld, message, file="indicators.csv"):
        """One issue per row of ``rows`` (a boolean mask or a frame); ``message`` maps a row to text."""
        if isinstance(rows, pd.Series):
            rows = facts[rows]
        for line, row in zip(rows.index, rows.to_dict("records"), strict=True):  # plain dicts: fast
            lvl = level(row) if callable(level) else level
            issues.append(Issue(lvl, file, int(line), fld, message(row)))

    # Catalog: a concept has one unit; a whole is another indicator with the same unit.
    concept_unit = cat_rows["concept"].map(concepts["unit"])
    add("error", cat_rows[concept_unit.notna() & (concept_unit != cat_rows["unit"])], "unit",
        lambda r: f"{r['indicator']}: unit {r['unit']!r} differs from its concept {r['concept']!r} ({concepts.at[r['concept'], 'unit']!r})",
        file="catalog.csv")  # fmt: skip
    add("error", cat_rows[cat_rows["whole"] == cat_rows["indicator"]], "whole",
        lambda r: f"{r['indicator']} cannot be its own whole", file="catalog.csv")  # fmt: skip
    whole_unit = cat_rows["whole"].map(cat["unit"])
    add("error", cat_rows[whole_unit.notna() & (whole_unit != cat_rows["unit"]) & (cat_rows["whole"] != cat_rows["indicator"])],
        "whole", lambda r: f"{r['indicator']} ({r['unit']}) and its whole {r['whole']} ({cat.at[r['whole'], 'unit']}) have different units",
        file="catalog.csv")  # fmt: skip

    value = pd.to_numeric(facts["value"], errors="coerce")
    flagged = facts["flag"] != ""
    unit = facts["indicator"].map(cat["unit"])
    facts = facts.assign(_value=value, _flagged=flagged, _unit=unit)
    level = lambda r: "warning" if r["_flagged"] else "error"  # noqa: E731

    # the fact_id names its source; the province is the source's
    has_src = facts["source_id"] != ""
    prefix_ok = [f.startswith(sid + "-") for f, sid in zip(facts["fact_id"], facts["source_id"], strict=True)]
    add("error", has_src & ~pd.Series(prefix_ok, index=facts.index, dtype=bool), "fact_id",
        lambda r: f"{r['fact_id']!r} should start with its source_id {r['source_id']!r}")  # fmt: skip
    src_province = facts["source_id"].map(srcs["province"])
    add("error", src_province.notna() & (src_province != facts["province"]), "province",
        lambda r: f"{r['province']!r} but source {r['source_id']} is about {srcs.at[r['source_id'], 'province']!r}")  # fmt: skip

    # evidence: short, and contains the value as printed
    words = pd.Series([len(e.split()) for e in facts["evidence"]], index=facts.index, dtype=int)
    add("error", words > MAX_EVIDENCE_WORDS, "evidence",
        lambda r: f"{len(r['evidence'].split())} words; quote at most ~15 (a citation, not prose)")  # fmt: skip
    has_value = [_prints(e, v) for e, v in zip(facts["evidence"], facts["_value"], strict=True)]
    add("error", ~pd.Series(has_value, index=facts.index, dtype=bool), "evidence",
        lambda r: f"does not contain the value {r['_value']:g} as printed (numbers in it: "
        + (", ".join(f"{n:g}" for n in numbers_in(r["evidence"])) or "none") + ")")  # fmt: skip

    # percentages within 0-100
    add(level, (facts["_unit"] == "percent") & ((facts["_value"] < 0) | (facts["_value"] > 100)), "value",
        lambda r: f"{r['_value']:g} % is outside 0-100"
        + (" (flagged in the source)" if r["_flagged"] else "; flag it with a note if the source prints it"))  # fmt: skip

    # a target is not earlier than the period its source reports on
    ends = {}
    for label in set(facts["period"]) | set(srcs["reference_period"]):
        try:
            ends[label] = parse_period(label).end
        except ValueError:
            ends[label] = None
    ref = facts["source_id"].map(srcs["reference_period"])
    target_end = facts["period"].map(ends)
    ref_end = ref.map(ends)
    early = (facts["kind"] == "target") & target_end.notna() & ref_end.notna()
    early &= target_end.astype(float) < ref_end.astype(float)
    add(level, facts[early].assign(_ref=ref[early]), "period",
        lambda r: f"target period {r['period']} is earlier than the period its source reports on ({r['_ref']})")  # fmt: skip

    # part <= whole, and every part has its whole
    key = ["province", "period", "kind", "breakdown", "source_id"]
    whole_code = facts["indicator"].map(cat["whole"]).fillna("")
    parts = facts[whole_code != ""].assign(_whole=whole_code[whole_code != ""], _line=lambda f: f.index)
    wholes = facts[["indicator", *key, "_value", "_flagged"]].assign(_wline=facts.index)
    wholes = wholes.rename(columns={"indicator": "_whole", "_value": "_whole_value", "_flagged": "_whole_flagged"})
    paired = parts.merge(wholes, on=["_whole", *key], how="left").set_index("_line")
    orphan = paired[paired["_wline"].isna()]
    add("error", orphan, "indicator",
        lambda r: f"{r['indicator']} is a part of {r['_whole']}, but no {r['_whole']} fact has the same {', '.join(key)}")  # fmt: skip
    over = paired[paired["_value"] > paired["_whole_value"] + _SUM_TOLERANCE]
    add(lambda r: "warning" if (r["_flagged"] or r["_whole_flagged"]) else "error", over, "value",
        lambda r: f"part {r['indicator']} = {r['_value']:g} exceeds its whole {r['_whole']} = {r['_whole_value']:g} (line {int(r['_wline'])})"
        + ("" if (r["_flagged"] or r["_whole_flagged"]) else "; if the source prints it so, flag both rows"))  # fmt: skip

    # counts: the parts of one breakdown dimension don't add up to more than the total
    counts = facts[(facts["_unit"] == "count") & facts["_value"].notna()]
    group_key = ["indicator", "province", "period", "kind", "source_id"]
    totals = counts[counts["breakdown"] == ""].drop_duplicates(group_key).assign(_tline=lambda f: f.index)
    members = counts[counts["breakdown"] != ""]
    members = members.assign(_dim=[b.split(":")[0] for b in members["breakdown"]])
    members = members.drop_duplicates([*group_key, "breakdown"])
    sums = (
        members.groupby([*group_key, "_dim"]).agg(_sum=("_value", "sum"), _any_flag=("_flagged", "any")).reset_index()
    )
    sums = sums.merge(totals[[*group_key, "_value", "_flagged", "_tline"]], on=group_key)
    sums = sums[sums["_sum"] > sums["_value"] + _SUM_TOLERANCE].set_index("_tline")
    add(lambda r: "warning" if (r["_any_flag"] or r["_flagged"]) else "error", sums, "value",
        lambda r: f"{r['indicator']}: parts by {r['_dim']} add up to {r['_sum']:g}, more than the total {r['_value']:g}")  # fmt: skip
    return issues


def validate(data_dir: str | os.PathLike | None = None, *, engine: str = "fast") -> ValidationReport:
    """Validate a data folder: schema, types, enums, keys and foreign keys, then the cross-row rules.

    Cross-row rules: a part is not larger than its whole and has one; count parts don't exceed their
    total; percentages lie within 0-100; the evidence contains the value as printed and is short; a
    target's period is not earlier than the period its source reports on; a fact's province is its
    source's; a concept has one unit. A violation on a row whose ``flag`` records the source's own
    inconsistency is a warning; otherwise it is an error.

    Parameters
    ----------
    data_dir : path, optional
        The folder to check (default: the data in use, see :func:`cchc_data.data_dir`).
    engine : {"fast", "frictionless"}
        Who checks the Table Schema: the vectorised checker of :mod:`cchc_data.schema` (default), or the
        reference implementation, ``frictionless`` (about 50 times slower on 100,000 facts).

    Examples
    --------
    >>> report = validate()
    >>> report.ok
    True
    """
    if engine not in ("fast", "frictionless"):
        raise ValueError(f"engine={engine!r} is not supported; use 'fast' or 'frictionless'")
    folder = _data_dir(data_dir)
    report = ValidationReport(folder)
    package, tables, report.issues = read_tables(folder, Issue)
    if engine == "frictionless":
        report.issues = _frictionless_issues(folder)
    else:
        report.issues += schema_issues(package, tables, Issue)
    report.issues += _nfc_issues(folder)
    if not report.errors:  # the cross-row rules need complete, well-typed tables
        report.issues += _rule_issues(tables)
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
    facts = table_by_line(folder / "indicators.csv")
    srcs = table_by_line(folder / "sources.csv").set_index("source_id")
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
