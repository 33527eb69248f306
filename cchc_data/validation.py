"""Validating a data folder: the data contract of :mod:`cchc_data.schema`, then the cross-row rules.

The contract (types, keys, foreign keys, encodings; see :mod:`cchc_data.schema`) is checked by our
vectorised checker, or by the reference implementation ``frictionless`` (``engine="frictionless"``) plus
the checks the Table Schema cannot express. The cross-row rules are small functions in :data:`RULES`;
adding a rule is adding a function and naming it in that list.
"""

from __future__ import annotations

import copy
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import i18n
from ._checks import check_argument
from ._docstrings import share_docs_in
from ._text import collapse_ws
from .datadir import PACKAGE_FILE, DataError, _read_bytes, identity, read_raw, resource_file
from .datadir import data_dir as _data_dir
from .numbers import numbers_in
from .periods import parse_period
from .schema import (
    MAX_EVIDENCE_CHARS,
    MAX_EVIDENCE_WORDS,
    Issue,
    check_folder,
    contract_issues,
    descriptor_issues,
    folder_issues,
    schema_issues,
)

__all__ = [
    "Issue", "ValidationReport", "validate", "verify_evidence", "check_national", "data_warning", "SOURCES_DIR_ENV",
    "RULES", "NATIONAL_RULES",
]  # fmt: skip

SOURCES_DIR_ENV = "CCHC_SOURCES_DIR"
_SUM_TOLERANCE = 1e-6


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`: a list of issues, errors first.

    Parameters
    ----------
    data_dir : pathlib.Path
        The folder that was checked.
    issues : list of Issue, optional
        What was found, errors first. Default: none.

    Attributes
    ----------
    errors, warnings : list of Issue
        The issues of each level.
    ok : bool
        True when there is no error (warnings are allowed).

    Examples
    --------
    >>> report = ValidationReport(Path("data"), [Issue("error", "units.csv", 3, "unit", "duplicate")])
    >>> report.ok, len(report.errors), len(report.warnings)
    (False, 1, 0)
    >>> print(report)
    error: units.csv:3 [unit]: duplicate
    data: INVALID (1 errors, 0 warnings)
    """

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


def _frictionless_issues(folder: Path, package: dict) -> list[Issue]:
    from frictionless import Package  # imported here: it is slow to import and only validation needs it

    issues = []
    # Patterns come from the data: frictionless runs them with Python's backtracking engine, which a pattern
    # such as ^(([a-z0-9]+-?)+)+$ makes hang. Our checker runs them in linear time (RE2) and reports them.
    descriptor = copy.deepcopy(package)
    for res in descriptor["resources"]:
        for f in res["schema"]["fields"]:
            (f.get("constraints") or {}).pop("pattern", None)
    try:
        report = Package(descriptor, basepath=str(folder)).validate()

    except Exception as exc:  # noqa: BLE001 - the reference engine's own failure becomes one issue
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return [Issue("error", PACKAGE_FILE, None, None, f"frictionless cannot check the package: {first}")]
    for err in report.errors:
        issues.append(Issue("error", PACKAGE_FILE, None, None, err.message))
    for task in report.tasks:
        for err in task.errors:
            row = getattr(err, "row_number", None)
            fld = getattr(err, "field_name", None) or ", ".join(getattr(err, "field_names", None) or []) or None
            if err.type == "primary-key":  # frictionless names no field; the key's are ours to name
                key = next(
                    (r["schema"].get("primaryKey") for r in package["resources"] if r["name"] == task.name), None
                )
                fld = ", ".join([key] if isinstance(key, str) else key or []) or fld
            note = getattr(err, "note", "") or ""
            cell = getattr(err, "cell", None)
            kind = err.type.removesuffix("-error").replace("-", " ") + " error"
            msg = f"{kind}: {note}" if note else err.message
            if cell is not None and cell != "":
                msg = f"{cell!r}: {msg}"
            issues.append(Issue("error", Path(task.place).name, row, fld, msg))
    return issues


#: Checks of our schema checker that frictionless does not make (it follows the Table Schema, which
#: allows ``NaN``, ``INF`` and ``1_514`` as numbers and does not check ``uniqueKeys``); the frictionless
#: engine adds them, so both engines refuse the same data.
_BEYOND_TABLE_SCHEMA = (
    "type error", "unique key error", "NUL byte", "differs from the schema's fields", "does not match",
    "cannot be run in linear time",
)  # fmt: skip


def _beyond_frictionless(ours: list[Issue], theirs: list[Issue]) -> list[Issue]:
    seen = {(i.file, i.row, i.field) for i in theirs}
    seen |= {(i.file, 1, None) for i in theirs if i.row is None and i.field is None}  # frictionless's header error
    return [
        i for i in ours if (i.file, i.row, i.field) not in seen and any(k in i.message for k in _BEYOND_TABLE_SCHEMA)
    ]


def _nfc_issues(folder: Path, package: dict) -> list[Issue]:
    """Lines of the package's tables that are not in Unicode NFC form (the loader normalises them)."""
    issues = []
    for res in package["resources"]:
        try:
            text = _read_bytes(resource_file(folder, res), res["path"]).decode("utf-8-sig")
        except (DataError, OSError, UnicodeDecodeError):
            continue  # reported when the table was read
        if unicodedata.is_normalized("NFC", text):
            continue
        for n, line in enumerate(text.splitlines(), start=1):
            if not unicodedata.is_normalized("NFC", line):
                issues.append(Issue("error", res["path"], n, None, "text is not in Unicode NFC form; normalise it"))
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
    return any(abs(n - value) <= tolerance for n in numbers_in(evidence, words=True))


# --- The cross-row rules ------------------------------------------------------------------------------
# Each rule is a function of the checked tables (a ``Tables``) returning issues, listed in ``RULES`` below.
# A violation on a fact whose ``flag`` records the source's own inconsistency is a warning, else an error.


class Tables:
    """The tables of a data folder that meets its schema, with the lookups the rules share."""

    def __init__(self, tables: dict[str, pd.DataFrame]):
        self.tables = tables
        self.cat_rows = tables["catalog"]
        self.cat = self.cat_rows.drop_duplicates("indicator").set_index("indicator")
        self.concepts = tables["concepts"].drop_duplicates("concept").set_index("concept")
        self.srcs = tables["sources"].drop_duplicates("source_id").set_index("source_id")
        facts = tables["indicators"]
        self.facts = facts.assign(
            _value=pd.to_numeric(facts["value"], errors="coerce"),
            _flagged=facts["flag"] != "",
            _unit=facts["indicator"].map(self.cat["unit"]),
        )

    @cached_property
    def period_ends(self) -> dict[str, int | None]:
        """Last month of every period label of the facts and sources (``None`` if it is not a period)."""
        ends = {}
        labels = set(self.facts["period"]) | set(self.srcs["reference_period"]) | set(self.srcs["period_covered"])
        for label in labels:
            try:
                ends[label] = parse_period(label).end
            except ValueError:
                ends[label] = None
        return ends

    def issues(self, level, rows, fld, message, file="indicators.csv") -> list[Issue]:
        """One issue per row of ``rows`` (a boolean mask of the facts, or a frame indexed by line).

        ``level`` and ``message`` are text or functions of a row (a dict).
        """
        if isinstance(rows, pd.Series):
            rows = self.facts[rows]
        if rows.empty:  # the common case: no frame to turn into dicts
            return []
        out = []
        for line, row in zip(rows.index, rows.to_dict("records"), strict=True):  # plain dicts: fast
            lvl = level(row) if callable(level) else level
            said = message(row)  # a text (English only) or (key, fields) of the strings catalogue
            if isinstance(said, tuple):
                out.append(Issue.said(lvl, file, int(line), fld, said[0], **said[1]))
            else:
                out.append(Issue(lvl, file, int(line), fld, said))
        return out

    @cached_property
    def has_national(self) -> bool:
        """Whether the folder has the national index tables (values, catalog and pages)."""
        return all(name in self.tables for name in _NATIONAL_TABLES)

    @cached_property
    def national(self) -> pd.DataFrame:
        """The national index values, with the number read (``_v``), flagged rows and their page's convention."""
        v = self.tables["national_indices"]
        pages = self.tables["national_index_sources"].drop_duplicates("source_id").set_index("source_id")
        convention = v["source_id"].map(pages["language"]).fillna("vi").map(lambda lang: "en" if lang == "en" else "vi")
        return v.assign(_v=pd.to_numeric(v["value"], errors="coerce"), _flagged=v["flag"] != "", _line=v.index,
                        _convention=convention)  # fmt: skip

    @cached_property
    def index_cat(self) -> pd.DataFrame:
        """The national index catalog by index code."""
        return self.tables["national_index_catalog"].drop_duplicates("index").set_index("index")

    def national_issues(self, level, rows, fld, message) -> list[Issue]:
        """:meth:`issues` of ``national_indices.csv`` (``rows``: a boolean mask of :attr:`national`)."""
        return self.issues(level, self.national[rows], fld, message, file=_NATIONAL_FILE)


def _g(number: float) -> dict:
    """A number as ``:g`` writes it, in each language's decimal mark (a message field of :meth:`Issue.said`)."""
    return {lang: _plain(number, lang) for lang in i18n.LANGS}


def _flagged_level(r) -> str:
    return "warning" if r["_flagged"] else "error"


def concept_has_one_unit(t: Tables) -> list[Issue]:
    """An indicator has the unit of its concept."""
    rows, concepts = t.cat_rows, t.concepts
    unit = rows["concept"].map(concepts["unit"])
    return t.issues(
        "error",
        rows[unit.notna() & (unit != rows["unit"])],
        "unit",
        lambda r: (
            "unit_differs_from_concept",
            {
                "indicator": r["indicator"],
                "unit": repr(r["unit"]),
                "concept": repr(r["concept"]),
                "concept_unit": repr(concepts.at[r["concept"], "unit"]),
            },
        ),  # fmt: skip
        file="catalog.csv",
    )


def whole_is_another_indicator(t: Tables) -> list[Issue]:
    """An indicator is not its own whole."""
    rows = t.cat_rows
    return t.issues(
        "error",
        rows[rows["whole"] == rows["indicator"]],
        "whole",
        lambda r: ("own_whole", {"indicator": r["indicator"]}),
        file="catalog.csv",
    )


def whole_has_the_same_unit(t: Tables) -> list[Issue]:
    """A part and its whole have the same unit."""
    rows, cat = t.cat_rows, t.cat
    unit = rows["whole"].map(cat["unit"])
    bad = unit.notna() & (unit != rows["unit"]) & (rows["whole"] != rows["indicator"])
    return t.issues(
        "error",
        rows[bad],
        "whole",
        lambda r: (
            "whole_unit_differs",
            {
                "indicator": r["indicator"],
                "unit": r["unit"],
                "whole": r["whole"],
                "whole_unit": cat.at[r["whole"], "unit"],
            },
        ),
        file="catalog.csv",
    )


def printed_share_is_a_percentage_of_a_part(t: Tables) -> list[Issue]:
    """A printed share names a percentage indicator, and only a part (an indicator with a whole) has one."""
    rows, cat = t.cat_rows, t.cat
    named = rows[rows["printed_share"] != ""]
    unit = named["printed_share"].map(cat["unit"])
    bad = (unit != "percent") | (named["whole"] == "")
    return t.issues(
        "error",
        named[bad],
        "printed_share",
        lambda r: ("printed_share_not_a_share", {"indicator": r["indicator"], "share": repr(r["printed_share"])}),
        file="catalog.csv",
    )


def fact_id_names_its_source(t: Tables) -> list[Issue]:
    """A fact id starts with its source id."""
    f = t.facts
    ok = [fid.startswith(sid + "-") for fid, sid in zip(f["fact_id"], f["source_id"], strict=True)]
    bad = (f["source_id"] != "") & ~pd.Series(ok, index=f.index, dtype=bool)
    return t.issues(
        "error",
        bad,
        "fact_id",
        lambda r: ("id_names_its_source", {"id": repr(r["fact_id"]), "source": repr(r["source_id"])}),
    )


def province_is_the_sources(t: Tables) -> list[Issue]:
    """A fact is about the province its source is about."""
    f, srcs = t.facts, t.srcs
    src_province = f["source_id"].map(srcs["province"])
    return t.issues(
        "error",
        src_province.notna() & (src_province != f["province"]),
        "province",
        lambda r: (
            "province_not_the_sources",
            {
                "province": repr(r["province"]),
                "source": r["source_id"],
                "source_province": repr(srcs.at[r["source_id"], "province"]),
            },
        ),  # fmt: skip
    )


def _too_long(evidence: pd.Series) -> pd.Series:
    """Which evidence fragments have more than ``MAX_EVIDENCE_WORDS`` words."""
    return pd.Series([len(e.split()) > MAX_EVIDENCE_WORDS for e in evidence], index=evidence.index, dtype=bool)


def _too_long_message(r) -> tuple:
    return "evidence_too_many_words", {"words": str(len(r["evidence"].split())), "max": str(MAX_EVIDENCE_WORDS)}


def evidence_is_short(t: Tables) -> list[Issue]:
    """Evidence is a citation (at most ``MAX_EVIDENCE_WORDS`` words and ``MAX_EVIDENCE_CHARS`` characters)."""
    f = t.facts
    words = _too_long(f["evidence"])
    out = t.issues("error", words, "evidence", _too_long_message)
    long = (f["evidence"].str.len() > MAX_EVIDENCE_CHARS) & ~words
    out += t.issues("error", long, "evidence", _too_many_characters)
    return out


def _too_many_characters(r) -> tuple:
    n = len(r["evidence"])
    return "evidence_too_many_characters", {
        "chars": {"en": f"{n:,}", "vi": f"{n:,}".replace(",", ".")},
        "max_words": str(MAX_EVIDENCE_WORDS),
        "max_chars": str(MAX_EVIDENCE_CHARS),
    }


def evidence_prints_the_value(t: Tables) -> list[Issue]:
    """The evidence contains the value as printed, in numerals or in words (``không có đơn vị`` is 0).

    Evidence too long to be a citation is reported by :func:`evidence_is_short` and not read again.
    """
    f = t.facts
    ok = pd.Series(
        [len(e) > MAX_EVIDENCE_CHARS or _prints(e, v) for e, v in zip(f["evidence"], f["_value"], strict=True)],
        index=f.index,
        dtype=bool,
    )
    return t.issues(
        "error",
        ~ok,
        "evidence",
        lambda r: ("evidence_lacks_printed_value", {"value": _g(r["_value"]), "found": _found(r["evidence"])}),
    )


def _found(evidence: str) -> dict:
    """The numbers an evidence fragment prints (numerals and words), in each language; "none" if none."""
    found = numbers_in(evidence, words=True)
    if not found:
        return {lang: i18n.t("validation.no_numbers", lang) for lang in i18n.LANGS}
    return {lang: ", ".join(_plain(n, lang) for n in found) for lang in i18n.LANGS}


def percent_within_0_100(t: Tables) -> list[Issue]:
    """A percentage lies within 0-100."""
    f = t.facts
    bad = (f["_unit"] == "percent") & ((f["_value"] < 0) | (f["_value"] > 100))
    return t.issues(
        _flagged_level,
        bad,
        "value",
        lambda r: (
            "percent_outside_flagged" if r["_flagged"] else "percent_outside_unflagged",
            {"value": _g(r["_value"])},
        ),
    )


#: What a negative value of a unit is called in a message.
_NEGATIVE = {"count": {"en": "count", "vi": "số đếm"}, "minute": {"en": "duration", "vi": "thời lượng"}}


def count_not_negative(t: Tables) -> list[Issue]:
    """A count or a duration is not negative."""
    f = t.facts
    bad = f["_unit"].isin(["count", "minute"]) & (f["_value"] < 0)
    return t.issues(
        _flagged_level,
        bad,
        "value",
        lambda r: (
            "negative_flagged" if r["_flagged"] else "negative_unflagged",
            {"value": _g(r["_value"]), "what": _NEGATIVE[r["_unit"]]},
        ),
    )


def period_runs_forwards(t: Tables) -> list[Issue]:
    """Every period of the facts and sources parses (a span runs from an earlier to a later year)."""
    bad = {label for label, end in t.period_ends.items() if end is None and label != ""}
    if not bad:
        return []

    def why(label):
        try:
            parse_period(label)
        except ValueError as exc:
            return str(exc)
        return ""  # pragma: no cover

    out = t.issues("error", t.facts["period"].isin(bad), "period", lambda r: why(r["period"]))
    for column in ("reference_period", "period_covered"):
        srcs = t.tables["sources"]
        out += t.issues(
            "error", srcs[srcs[column].isin(bad)], column, lambda r, c=column: why(r[c]), file="sources.csv"
        )
    return out


def source_url_matches_its_status(t: Tables) -> list[Issue]:
    """A source's ``url`` is given exactly when ``url_status`` is ``found`` (else the search found none)."""
    srcs = t.tables["sources"]
    if "url_status" not in srcs.columns:  # an older folder without the source fields
        return []
    has_url = srcs["url"].fillna("").astype(str) != ""
    found = srcs["url_status"] == "found"
    return t.issues(
        "error",
        srcs[has_url != found],
        "url",
        lambda r: (
            ("url_missing", {"source": r["source_id"]})
            if r["url_status"] == "found"
            else ("url_not_found", {"source": r["source_id"], "status": repr(r["url_status"])})
        ),
        file="sources.csv",
    )


#: A source's names with an English counterpart shown on English pages: set exactly when the name is set.
_ENGLISH_NAMES = ("publisher", "issuer", "issue")


def publisher_named_in_english(t: Tables) -> list[Issue]:
    """A source's ``publisher_en``, ``issuer_en`` and ``issue_en`` (English names) are set exactly when its
    ``publisher``, ``issuer`` and ``issue`` are; a folder without one of these columns shows the name as printed."""
    srcs = t.tables["sources"]
    found = []
    for column in _ENGLISH_NAMES:
        english = f"{column}_en"
        if column not in srcs.columns or english not in srcs.columns:  # an older folder without the English names
            continue
        named = srcs[column].fillna("").astype(str).str.strip() != ""
        named_en = srcs[english].fillna("").astype(str).str.strip() != ""
        found += t.issues(
            "error",
            srcs[named != named_en],
            english,
            lambda r, column=column, english=english: (
                (f"{english}_missing", {"source": r["source_id"], column: r[column]})
                if str(r[column]).strip()
                else (f"{english}_alone", {"source": r["source_id"], english: r[english]})
            ),
            file="sources.csv",
        )
    return found


#: A date in a title: day/month/year or month/year (``14/04/2025``, ``04/2023``).
_TITLE_DATE = re.compile(r"(?<![\d/])(?:(\d{1,2})/)?(\d{1,2})/(\d{4})\b")


def _zero_padded_dates(titles: pd.Series) -> pd.DataFrame:
    """Each title's first date written with a leading zero, and that date as the pages write it (``""`` if none).

    The pages write ``14/4/2025`` (day/month/year, no zeros) and ``tháng 4/2023`` (a month alone).
    """

    def first(title: str) -> tuple[str, str]:
        for m in _TITLE_DATE.finditer(title):
            day, month, year = m.groups()
            if (day or "").startswith("0") or month.startswith("0"):
                plain = f"{int(day)}/{int(month)}/{year}" if day else f"tháng {int(month)}/{year}"
                return m.group(0), plain
        return "", ""

    found = titles.fillna("").astype(str).map(first)
    return pd.DataFrame(found.tolist(), index=titles.index, columns=["_date", "_plain"])


def short_title_writes_dates_as_the_pages(t: Tables) -> list[Issue]:
    """A Vietnamese short title writes a date as the pages do, without leading zeros (7/4/2025, tháng 4/2023)."""
    out = []
    for name in ("sources", "national_index_sources"):
        srcs = t.tables.get(name)
        if srcs is None or "short_title_vi" not in srcs.columns:  # an older folder, or no national tables
            continue
        dates = _zero_padded_dates(srcs["short_title_vi"])
        out += t.issues(
            "error",
            srcs.join(dates)[dates["_date"] != ""],
            "short_title_vi",
            lambda r: (
                "short_title_date_padded",
                {"source": r["source_id"], "date": r["_date"], "plain": r["_plain"]},
            ),
            file=f"{name}.csv",
        )
    return out


def target_not_before_its_source(t: Tables) -> list[Issue]:
    """A target's period does not end before the period its source reports on."""
    f, ends = t.facts, t.period_ends
    ref = f["source_id"].map(t.srcs["reference_period"])
    target_end = f["period"].map(ends)
    ref_end = ref.map(ends)
    early = (f["kind"] == "target") & target_end.notna() & ref_end.notna()
    early &= target_end.astype(float) < ref_end.astype(float)
    return t.issues(
        _flagged_level,
        f[early].assign(_ref=ref[early]),
        "period",
        lambda r: ("target_before_source", {"period": _period(r["period"]), "reference": _period(r["_ref"])}),
    )


_PAIR_KEY = ["province", "kind", "breakdown", "source_id"]


#: The columns of indicators.csv a message names, in Vietnamese (English messages name the columns themselves).
_COLUMNS_VI = {"indicator": "chỉ tiêu", "province": "tỉnh", "period": "kỳ", "kind": "loại", "breakdown": "phân tổ",
               "source_id": "nguồn"}  # fmt: skip


def _columns(names: list[str]) -> dict:
    """Column names listed in a message: the names themselves in English, in words in Vietnamese."""
    return {"en": ", ".join(names), "vi": ", ".join(_COLUMNS_VI[n] for n in names)}


def _period(label: str) -> dict:
    """A period label as each language's readers write it (``quý I/2021``, ``Q1 2021``)."""
    return {lang: i18n.format_period(label, lang) for lang in i18n.LANGS}


def _period_end(label) -> int | None:
    try:
        return parse_period(label).end
    except ValueError:
        return None


def pair_parts_with_wholes(parts: pd.DataFrame, wholes: pd.DataFrame) -> pd.DataFrame:
    """Join each part to its whole: the rule of *parts and wholes* in ``data/README.md``.

    A part (a row of ``parts`` with the whole's indicator in ``_whole``) pairs with the ``wholes`` row of
    that indicator and the same province, kind, breakdown and source, and the same period — or, where the
    source prints the two together (the same evidence, ``11/11 … đã khắc phục``) and says the whole is of an
    earlier period (the 2022 inspection), with that whole at its own period, ending no later than the
    part's. ``wholes`` has ``_whole``, ``_wperiod``, ``_wevidence`` and the key columns; the result keeps
    ``parts``' index and order and has the whole's columns empty where there is none.
    """
    candidates = parts[["_whole", "period", "evidence", *_PAIR_KEY]].reset_index(names="_pline")
    candidates = candidates.merge(wholes, on=["_whole", *_PAIR_KEY])
    same = candidates["period"] == candidates["_wperiod"]
    ends = {label: _period_end(label) for label in set(candidates["period"]) | set(candidates["_wperiod"])}
    part_end = candidates["period"].map(ends).astype("float64")
    whole_end = candidates["_wperiod"].map(ends).astype("float64")
    together = (candidates["evidence"] == candidates["_wevidence"]) & (whole_end <= part_end)
    candidates = candidates[same | together].assign(_same=same[same | together])
    best = candidates.sort_values("_same", ascending=False, kind="stable").drop_duplicates("_pline")
    best = best.drop(columns=["_whole", "period", "evidence", "_same", *_PAIR_KEY]).set_index("_pline")
    return parts.join(best, how="left")


def part_within_its_whole(t: Tables) -> list[Issue]:
    """Every part has its whole (same province, period, kind, breakdown, source) and is not larger.

    A whole printed together with its part (the same evidence) may be of an earlier period when the source
    says so (:func:`pair_parts_with_wholes`).
    """
    f, cat = t.facts, t.cat
    key = ["province", "period", "kind", "breakdown", "source_id"]
    whole_code = f["indicator"].map(cat["whole"]).fillna("")
    parts = f[whole_code != ""].assign(_whole=whole_code[whole_code != ""])
    wholes = f[["indicator", *_PAIR_KEY, "period", "evidence", "_value", "_flagged"]].assign(_wline=f.index)
    # a repeated fact (one_fact_per_key) must not multiply the rows of the join
    wholes = wholes.drop_duplicates(["indicator", *_PAIR_KEY, "period", "evidence"])
    wholes = wholes.rename(
        columns={
            "indicator": "_whole",
            "period": "_wperiod",
            "evidence": "_wevidence",
            "_value": "_whole_value",
            "_flagged": "_whole_flagged",
        }
    )
    paired = pair_parts_with_wholes(parts, wholes)
    out = t.issues(
        "error",
        paired[paired["_wline"].isna()],
        "indicator",
        lambda r: ("part_without_whole", {"indicator": r["indicator"], "whole": r["_whole"], "columns": _columns(key)}),
    )

    def flagged(r):
        return r["_flagged"] or r["_whole_flagged"]

    over = paired[paired["_value"] > paired["_whole_value"] + _SUM_TOLERANCE]
    out += t.issues(
        lambda r: "warning" if flagged(r) else "error",
        over,
        "value",
        lambda r: (
            "part_exceeds_whole" if flagged(r) else "part_exceeds_whole_unflagged",
            {
                "indicator": r["indicator"],
                "value": _g(r["_value"]),
                "whole": r["_whole"],
                "whole_value": _g(r["_whole_value"]),
                "line": str(int(r["_wline"])),
            },
        ),  # fmt: skip
    )
    return out


def count_parts_within_total(t: Tables) -> list[Issue]:
    """The count parts of one breakdown dimension don't add up to more than their total."""
    f = t.facts
    counts = f[(f["_unit"] == "count") & f["_value"].notna()]
    group_key = ["indicator", "province", "period", "kind", "source_id"]
    totals = counts[counts["breakdown"] == ""].drop_duplicates(group_key).assign(_tline=lambda d: d.index)
    members = counts[counts["breakdown"] != ""]
    members = members.assign(_dim=[b.split(":")[0] for b in members["breakdown"]])
    members = members.drop_duplicates([*group_key, "breakdown"])
    sums = (
        members.groupby([*group_key, "_dim"]).agg(_sum=("_value", "sum"), _any_flag=("_flagged", "any")).reset_index()
    )
    sums = sums.merge(totals[[*group_key, "_value", "_flagged", "_tline"]], on=group_key)
    sums = sums[sums["_sum"] > sums["_value"] + _SUM_TOLERANCE].set_index("_tline")
    return t.issues(
        lambda r: "warning" if (r["_any_flag"] or r["_flagged"]) else "error",
        sums,
        "value",
        lambda r: (
            "parts_exceed_total",
            {
                "indicator": r["indicator"],
                "dimension": {lang: i18n.value_label("dimension", r["_dim"], lang).lower() for lang in ("vi", "en")},
                "parts": {lang: i18n.format_number(r["_sum"], lang, max_decimals=6) for lang in ("vi", "en")},
                "total": {lang: i18n.format_number(r["_value"], lang, max_decimals=6) for lang in ("vi", "en")},
            },
        ),
    )


#: Characters that draw nothing although Unicode does not call them spaces (Hangul fillers, braille blank).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _visible(text: str) -> bool:
    """Whether ``text`` draws anything: not only spaces, zero-width and other format or control characters."""
    return any(
        not (c.isspace() or c in _BLANK_LETTERS or unicodedata.category(c) in {"Cf", "Cc", "Co", "Cn", "Mn", "Me"})
        for c in text
    )


def flag_is_explained_in_vietnamese(t: Tables) -> list[Issue]:
    """A flagged fact explains its flag in Vietnamese in ``note_vi``, in visible text (Vietnamese pages show it)."""
    f = t.facts
    blank = pd.Series([not _visible(n) for n in f["note_vi"]], index=f.index, dtype=bool)
    return t.issues(
        "error",
        f["_flagged"] & blank,
        "note_vi",
        lambda r: (
            "flag_unexplained_invisible" if r["note_vi"] else "flag_unexplained",
            {"id": r["fact_id"], "flag": repr(r["flag"])},
        ),
    )


# --- The rules of the national index tables (national_indices.csv, its catalog and its pages) -------------
# Each returns no issue when the folder has no national index tables. A violation on a flagged row is a warning
# (except a missing note_vi), else an error.

_NATIONAL_TABLES = ("national_indices", "national_index_catalog", "national_index_sources")
_NATIONAL_FILE = "national_indices.csv"


def _prints_in(evidence: str, value: float, convention: str) -> bool:
    """Whether ``evidence``, read in ``convention``, prints ``value``."""
    return any(abs(n - value) <= 1e-9 * max(1.0, abs(value)) for n in numbers_in(evidence, convention=convention))


def _other(convention: str) -> str:
    return "vi" if convention == "en" else "en"


def national_id_names_its_source(t: Tables) -> list[Issue]:
    """A national index value's id starts with its source id."""
    if not t.has_national:
        return []
    v = t.national
    ok = pd.Series([i.startswith(s + "-") for i, s in zip(v["id"], v["source_id"], strict=True)], index=v.index)
    return t.national_issues(
        "error",
        ~ok.astype(bool),
        "id",
        lambda r: ("id_names_its_source", {"id": repr(r["id"]), "source": repr(r["source_id"])}),
    )


def national_province_matches_scope(t: Tables) -> list[Issue]:
    """A province row names its province; a national row leaves it empty."""
    if not t.has_national:
        return []
    v = t.national

    def message(r):
        key = "scope_names_province" if r["scope"] == "province" else "scope_leaves_province_empty"
        return key, {"scope": r["scope"], "province": repr(r["province"])}

    return t.national_issues("error", (v["scope"] == "province") != (v["province"] != ""), "province", message)


def _plain(number: float, lang: str) -> str:
    """A number without digit grouping (42269, 42.269 / 42,269): a message about number formats stays unambiguous."""
    text = f"{number:.12g}"
    return text.replace(".", ",") if lang == "vi" else text


def national_evidence_prints_the_value(t: Tables) -> list[Issue]:
    """The evidence prints the value in its page's number format (a ``format_anomaly`` allows the other one)."""
    if not t.has_national:
        return []
    v = t.national
    bad = []
    for value, evidence, convention, flag in zip(v["_v"], v["evidence"], v["_convention"], v["flag"], strict=True):
        other = flag == "format_anomaly" and _prints_in(evidence, value, _other(convention))
        bad.append(value == value and not _prints_in(evidence, value, convention) and not other)

    def message(r):
        found = numbers_in(r["evidence"], convention=r["_convention"])
        shown = {lang: ", ".join(_plain(n, lang) for n in found) for lang in i18n.LANGS}
        if not found:
            shown = {lang: i18n.t("validation.no_numbers", lang) for lang in i18n.LANGS}
        return "evidence_lacks_value", {"value": {lang: _plain(r["_v"], lang) for lang in i18n.LANGS}, "found": shown}

    return t.national_issues(_flagged_level, pd.Series(bad, index=v.index, dtype=bool), "evidence", message)


def national_evidence_is_short(t: Tables) -> list[Issue]:
    """A national index value's evidence is a citation (at most ``MAX_EVIDENCE_WORDS`` words), not prose."""
    if not t.has_national:
        return []
    return t.national_issues("error", _too_long(t.national["evidence"]), "evidence", _too_long_message)


def _expected_unit(r, cat: pd.DataFrame) -> str | None:
    if r["scope"] == "provinces_ranked":
        return "count"
    if r["measure"] == "rank":
        return "rank"
    if r["index"] in cat.index:
        return cat.at[r["index"], "unit"]
    return None


def national_unit_matches_its_measure(t: Tables) -> list[Issue]:
    """A number of provinces ranked is a count, a rank a rank, a score in its index's unit."""
    if not t.has_national:
        return []
    v, cat = t.national, t.index_cat
    expected = pd.Series([_expected_unit(r, cat) for r in v.to_dict("records")], index=v.index, dtype=object)
    bad = expected.notna() & (expected != v["unit"])
    return t.national_issues(
        "error",
        bad,
        "unit",
        lambda r: (
            "national_unit",
            {
                "measure": r["measure"],
                "index": r["index"],
                "scope": r["scope"],
                "expected": repr(_expected_unit(r, cat)),
                "unit": repr(r["unit"]),
            },
        ),  # fmt: skip
    )


def national_percent_within_0_100(t: Tables) -> list[Issue]:
    """A national index percentage lies within 0-100."""
    if not t.has_national:
        return []
    v = t.national
    bad = (v["unit"] == "percent") & ((v["_v"] < 0) | (v["_v"] > 100))
    return t.national_issues(_flagged_level, bad, "value", lambda r: ("percent_outside", {"value": _g(r["_v"])}))


def national_flag_is_explained_in_vietnamese(t: Tables) -> list[Issue]:
    """A flagged national index value explains its flag in Vietnamese in ``note_vi``."""
    if not t.has_national:
        return []
    v = t.national
    return t.national_issues(
        "error",
        v["_flagged"] & pd.Series([not _visible(n) for n in v["note_vi"]], index=v.index, dtype=bool),
        "note_vi",
        lambda r: ("flag_unexplained", {"id": r["id"], "flag": repr(r["flag"])}),
    )


def national_period_not_before_first_year(t: Tables) -> list[Issue]:
    """A value is not for a year before its index was first published."""
    if not t.has_national:
        return []
    v, cat = t.national, t.index_cat
    first = pd.to_numeric(v["index"].map(cat["first_year"]), errors="coerce")
    year = pd.to_numeric(v["period"].where(v["period"].str.isdigit()), errors="coerce")
    return t.national_issues(
        "error",
        year < first,
        "period",
        lambda r: (
            "before_first_year",
            {"index": r["index"], "first": str(cat.at[r["index"], "first_year"]), "period": _period(r["period"])},
        ),
    )


_BOUND_HOLDS = {
    "more_than": lambda exact, bound: exact > bound,
    "at_least": lambda exact, bound: exact >= bound,
    "less_than": lambda exact, bound: exact < bound,
    "at_most": lambda exact, bound: exact <= bound,
}


def _bounds_agree(group: pd.DataFrame) -> bool:
    """Whether the rows differ only as bounds that their one exact value satisfies."""
    bounds = group[group["qualifier"].isin(list(_BOUND_HOLDS))]
    exact = group.loc[~group.index.isin(bounds.index), "_v"]
    if bounds.empty or exact.nunique() != 1:
        return False
    value = float(exact.iloc[0])
    return all(_BOUND_HOLDS[q](value, b) for q, b in zip(bounds["qualifier"], bounds["_v"], strict=True))


def national_sources_agree(t: Tables) -> list[Issue]:
    """Two values of the same index, province, year, measure and scope agree, unless flagged ``contradiction``.

    A bound (qualifier ``more_than``, ``at_least``, ``less_than``, ``at_most``) agrees with an exact value
    that satisfies it ("the leaders scored above 46,6" and a top score of 46,74); ``about`` is compared as
    a value.
    """
    if not t.has_national:
        return []
    out = []
    key = ["index", "province", "period", "measure", "scope"]
    v = t.national
    disagree = v[v.groupby(key)["_v"].transform("nunique") > 1]  # one pass; then only the groups that disagree
    for _, group in disagree.groupby(key):
        if group["_v"].nunique() > 1 and not _bounds_agree(group):
            shown = {
                lang: "; ".join(
                    i18n.t(
                        "validation.value_at", lang, value=i18n.format_number(v, lang, max_decimals=6), source=s, line=n
                    )
                    for v, s, n in zip(group["_v"], group["source_id"], group["_line"], strict=True)
                )
                for lang in i18n.LANGS
            }
            out += t.issues(
                lambda r: "warning" if r["flag"] == "contradiction" else "error",
                group,
                "value",
                lambda r, shown=shown: (
                    "sources_disagree" if r["flag"] == "contradiction" else "sources_disagree_unflagged",
                    {"shown": shown},
                ),
                file=_NATIONAL_FILE,
            )
    return out


def national_rank_within_ranked(t: Tables) -> list[Issue]:
    """A province's rank is not beyond the number of provinces ranked that year."""
    if not t.has_national:
        return []
    v = t.national
    ranked = v[v["scope"] == "provinces_ranked"].groupby(["index", "period"])["_v"].max()
    limit = pd.Series([ranked.get(k) for k in zip(v["index"], v["period"], strict=True)], index=v.index, dtype=float)
    bad = (v["scope"] == "province") & (v["measure"] == "rank") & (v["_v"] > limit)
    return t.national_issues(
        _flagged_level,
        bad,
        "value",
        lambda r: (
            "rank_beyond_ranked",
            {"rank": _g(r["_v"]), "ranked": _g(ranked[(r["index"], r["period"])]), "period": _period(r["period"])},
        ),
    )


def national_score_within_bounds(t: Tables) -> list[Issue]:
    """A province's exact score lies between the national bottom and top scores of its year."""
    if not t.has_national:
        return []
    v = t.national
    scores = v[v["measure"] == "score"]
    bounds = scores.pivot_table(index=["index", "period"], columns="scope", values="_v", aggfunc="first")
    exact_top = set(zip(*[scores.loc[(scores["scope"] == "national_max") & (scores["qualifier"] == "none"), c]
                          for c in ("index", "period")], strict=True))  # fmt: skip
    out = []
    own = v[(v["scope"] == "province") & (v["measure"] == "score") & (v["qualifier"] == "none")]
    for line, r in own.iterrows():
        if (r["index"], r["period"]) not in bounds.index:
            continue
        b = bounds.loc[(r["index"], r["period"])]
        bottom, top = b.get("national_min", np.nan), b.get("national_max", np.nan)
        level = "warning" if r["_flagged"] else "error"
        if bottom == bottom and r["_v"] < bottom - 1e-9:
            fields = {"score": _g(r["_v"]), "bound": _g(bottom), "period": _period(r["period"])}
            out.append(Issue.said(level, _NATIONAL_FILE, int(line), "value", "score_below_bottom", **fields))
        if top == top and (r["index"], r["period"]) in exact_top and r["_v"] > top + 1e-9:
            fields = {"score": _g(r["_v"]), "bound": _g(top), "period": _period(r["period"])}
            out.append(Issue.said(level, _NATIONAL_FILE, int(line), "value", "score_above_top", **fields))
    return out


_KEY_OF_A_FACT = ["indicator", "province", "period", "kind", "breakdown", "source_id"]
_LISTED = 20  # rows listed per rule that can hit every row of a large table


def one_fact_per_key(t: Tables) -> list[Issue]:
    """One fact per indicator, province, period, kind, breakdown and source, else a warning (before any join).

    A source may print two values for one thing; unless the repeat is flagged, the curator hears of it.
    """
    f = t.facts
    dup = f.duplicated(_KEY_OF_A_FACT, keep="first") & ~f["_flagged"]
    if not dup.any():
        return []
    lines = dup[dup].index
    firsts = f.drop_duplicates(_KEY_OF_A_FACT).reset_index().set_index(_KEY_OF_A_FACT)["index"]
    shown = f.loc[lines[:_LISTED]]
    first_line = firsts.reindex(pd.MultiIndex.from_frame(shown[_KEY_OF_A_FACT])).to_numpy()
    out = t.issues(
        "warning",
        shown.assign(_first=first_line),
        "indicator",
        lambda r: (
            "repeated_fact",
            {"id": r["fact_id"], "line": str(int(r["_first"])), "columns": _columns(_KEY_OF_A_FACT)},
        ),
    )
    if len(lines) > _LISTED:
        n = len(lines) - _LISTED
        more = {"en": f"{n:,}", "vi": f"{n:,}".replace(",", ".")}
        out.append(Issue.said("warning", "indicators.csv", None, "indicator", "more_repeated_facts", n=more))
    return out


def _cycles(links: dict[str, str]) -> list[list[str]]:
    """The cycles of a graph where each node has at most one successor (a link to itself is not one)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    found = []
    for start in links:
        path, node = [], start
        while node in links and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = links[node]
        if node in links and state.get(node) == 1 and links[node] != node:
            found.append(path[path.index(node) :])
        for n in path:
            state[n] = 2
    return found


def whole_links_end(t: Tables) -> list[Issue]:
    """Following ``whole`` from any indicator ends (no cycle: a whole is not a part of its own part)."""
    rows = t.cat_rows
    links = {i: w for i, w in zip(rows["indicator"], rows["whole"], strict=True) if w}
    out = []
    line = {ind: n for n, ind in zip(rows.index, rows["indicator"], strict=True)}
    for cycle in _cycles(links):
        chain = " -> ".join([*cycle, cycle[0]])
        for ind in cycle:
            out.append(Issue.said("error", "catalog.csv", int(line[ind]), "whole", "whole_links_circle", chain=chain))
    return out


def successor_links_end(t: Tables) -> list[Issue]:
    """Following ``successor`` from any province ends at a unit that continues itself (no cycle)."""
    rows = t.tables["provinces"]
    links = dict(zip(rows["slug"], rows["successor"], strict=True))
    line = {slug: n for n, slug in zip(rows.index, rows["slug"], strict=True)}
    out = []
    for cycle in _cycles(links):
        chain = " -> ".join([*cycle, cycle[0]])
        for slug in cycle:
            out.append(
                Issue.said(
                    "error", "provinces.csv", int(line[slug]), "successor", "successor_links_circle", chain=chain
                )
            )
    return out


def population_is_positive(t: Tables) -> list[Issue]:
    """A 2019 population, when given, is more than 0 (per-capita values divide by it)."""
    rows = t.tables["provinces"]
    pop = pd.to_numeric(rows["population_2019"], errors="coerce")
    return t.issues(
        "error",
        rows[pop == 0],
        "population_2019",
        lambda r: ("population_zero", {"slug": r["slug"]}),
        file="provinces.csv",
    )


def domain_order_is_unique(t: Tables) -> list[Issue]:
    """No two domains share an ``order`` (pages and charts list the domains in that order)."""
    rows = t.tables["domains"]
    dup = rows["order"].duplicated(keep="first")
    first = {o: n for n, o in zip(reversed(rows.index), reversed(rows["order"].tolist()), strict=True)}
    return t.issues(
        "error",
        rows[dup],
        "order",
        lambda r: (
            "domain_order_repeated",
            {"domain": r["domain"], "order": str(r["order"]), "line": str(first[r["order"]])},
        ),
        file="domains.csv",
    )


def aliases_name_one_province(t: Tables) -> list[Issue]:
    """A province's alias is not another province's name, code or alias (a name must find one province)."""
    from .province_registry import _key

    rows = t.tables["provinces"]
    own: dict[str, str] = {}
    for slug, code, vi, ascii_ in zip(rows["slug"], rows["gso_code"], rows["name_vi"], rows["name_ascii"], strict=True):
        for name in (slug, code, vi, ascii_):
            own.setdefault(_key(name), slug)
    seen: dict[str, str] = {}
    out = []
    for line, slug, aliases in zip(rows.index, rows["slug"], rows["aliases"], strict=True):
        for alias in filter(None, aliases.split("|")):
            key = _key(alias)
            other = own.get(key) if own.get(key) != slug else None
            other = other or (seen.get(key) if seen.get(key) not in (None, slug) else None)
            if other:
                out.append(
                    Issue.said(
                        "error",
                        "provinces.csv",
                        int(line),
                        "aliases",
                        "alias_names_another",
                        slug=slug,
                        alias=repr(alias),
                        other=other,
                    )  # fmt: skip
                )
            seen.setdefault(key, slug)
    return out


#: The rules of the national index tables, in the order they run (also :func:`check_national`'s).
NATIONAL_RULES: list[Callable[[Tables], list[Issue]]] = [
    national_id_names_its_source,
    national_province_matches_scope,
    national_evidence_prints_the_value,
    national_evidence_is_short,
    national_unit_matches_its_measure,
    national_percent_within_0_100,
    national_flag_is_explained_in_vietnamese,
    national_period_not_before_first_year,
    national_sources_agree,
    national_rank_within_ranked,
    national_score_within_bounds,
]

#: The cross-row rules, in the order they run. Each takes the typed tables (a ``Tables``) and returns a
#: list of :class:`Issue`; its docstring states the rule in one line. To add a rule, write the function and list it.
RULES: list[Callable[[Tables], list[Issue]]] = [
    one_fact_per_key,
    concept_has_one_unit,
    whole_is_another_indicator,
    whole_links_end,
    whole_has_the_same_unit,
    printed_share_is_a_percentage_of_a_part,
    fact_id_names_its_source,
    province_is_the_sources,
    evidence_is_short,
    evidence_prints_the_value,
    percent_within_0_100,
    count_not_negative,
    period_runs_forwards,
    source_url_matches_its_status,
    publisher_named_in_english,
    short_title_writes_dates_as_the_pages,
    target_not_before_its_source,
    part_within_its_whole,
    count_parts_within_total,
    flag_is_explained_in_vietnamese,
    successor_links_end,
    population_is_positive,
    domain_order_is_unique,
    aliases_name_one_province,
    *NATIONAL_RULES,
]


def _rule_issues(tables: dict[str, pd.DataFrame]) -> list[Issue]:
    t = Tables(tables)
    return [issue for check in RULES for issue in check(t)]


def validate(data_dir: str | os.PathLike | None = None, *, engine: str = "fast") -> ValidationReport:
    """Validate a data folder: the data contract (schema, types, keys, encodings), then the cross-row rules.

    The contract: the folder's ``datapackage.json`` declares the tables and fields ``cchc_data`` needs,
    each resource path stays inside the folder, every table is UTF-8 CSV in NFC form whose cells meet
    their schema (types, required, enum, pattern, minimum; numbers finite and written plainly; no NUL
    byte), with primary, unique and foreign keys. The cross-row rules (:data:`RULES`): a concept has one
    unit; a part has a whole with the same unit, is not larger than it, and count parts don't exceed
    their total; a fact id starts with its source id and its province is its source's; the evidence is
    short and contains the value as printed; percentages lie within 0-100; counts are not negative;
    periods run forwards; a target's period is not earlier than the period its source reports on; a
    flagged fact explains its flag in Vietnamese (``note_vi``). A rule violated by a row whose ``flag``
    records the source's own inconsistency is a warning; otherwise it is an error. The rules run only
    when the contract holds.

    Parameters
    ----------
    data_dir : str or pathlib.Path, optional
        The folder to check. Default ``None``: the data in use (see :func:`cchc_data.data_dir`).
    engine : {"fast", "frictionless"}, default "fast"
        Who checks the Table Schema: the vectorised checker of :mod:`cchc_data.schema` (default), or the
        reference implementation, ``frictionless`` (about 50 times slower on 100,000 facts), plus the
        checks it does not make (see the README).

    Returns
    -------
    ValidationReport
        The issues, errors first; ``report.ok`` is true when there is no error.

    Raises
    ------
    DataError
        If the folder or its ``datapackage.json`` cannot be read at all (not a data folder, not JSON,
        no resources); the message names the file.

    Examples
    --------
    >>> report = validate()
    >>> report.ok, len(report.errors)
    (True, 0)
    >>> print(str(report).splitlines()[-1])  # doctest: +ELLIPSIS
    /.../data: valid (0 errors, ... warnings)
    """
    check_argument("engine", engine, ("fast", "frictionless"))
    folder = _data_dir(data_dir)
    try:  # the same files, the same rules: the same report (loading after validating does not validate again)
        key = (str(folder), identity(folder), engine, tuple(RULES))
    except DataError:  # a table missing or out of the folder: reported below, not cached
        key = None
    if key is not None and key in _REPORTS:
        return ValidationReport(folder, list(_REPORTS[key]))
    report = _validate(folder, engine)
    if key is not None:
        if len(_REPORTS) >= 8:
            _REPORTS.clear()
        _REPORTS[key] = tuple(report.issues)
    return report


_REPORTS: dict[tuple, tuple[Issue, ...]] = {}  # the last reports of validate, by folder version, engine and rules


def _validate(folder: Path, engine: str) -> ValidationReport:
    report = ValidationReport(folder)
    if engine == "fast":
        package, tables, issues = folder_issues(folder)
        issues = list(issues)
    else:
        package, tables, issues = folder_issues(folder, schema=False)
        contract = contract_issues(package, folder)
        ours = schema_issues(package, tables)
        if issues or contract:  # a table unreadable, out of the folder or missing: never handed over
            issues += contract + ours
        else:
            theirs = _frictionless_issues(folder, package)
            issues += theirs + _beyond_frictionless(ours, theirs)
            if not any(i.file == PACKAGE_FILE for i in theirs):  # what frictionless accepts and we cannot read
                issues += descriptor_issues(package)  # (e.g. a table declared in another encoding than UTF-8)
    issues += _nfc_issues(folder, package)
    report.issues = issues
    if not report.errors:  # the cross-row rules need complete, well-typed tables
        report.issues += _rule_issues(tables)
    report.issues.sort(key=lambda i: (i.level != "error", i.file, i.row or 0))
    return report


def check_national(data_dir=None) -> list[Issue]:
    """The cross-row rules of the national index tables alone (:data:`NATIONAL_RULES`; ``validate`` runs them too).

    Each value's evidence prints it (read in its page's number format; a ``format_anomaly`` flag
    allows the other format) and is short; the ``id`` starts with its ``source_id``; a province row
    names a province and a national row does not; units match the measure and the index; percentages
    lie within 0-100; a rank is not beyond the number of provinces ranked; a province's score lies
    between the national bottom and top scores of its year; two rows for the same index, province,
    year, measure and scope agree, unless flagged ``contradiction``; a flagged row explains its flag
    in Vietnamese (``note_vi``). A violation on a flagged row is a warning (except a missing
    ``note_vi``); otherwise it is an error.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    list of Issue
        The problems, errors first, then by line; empty when all is well.

    Raises
    ------
    ContractError
        If the folder does not meet the data contract (``cchc validate`` lists every problem).

    Examples
    --------
    >>> problems = check_national()
    >>> [p for p in problems if p.level == "error"]
    []
    >>> print(problems[0])  # doctest: +ELLIPSIS
    warning: national_indices.csv:...: sources disagree: 61 (baokhanhhoa-2024-papi, line ...); 63 (baonghean-en-2023-papi, line ...)
    """
    folder = check_folder(data_dir)
    _, tables, _ = folder_issues(folder)
    t = Tables(tables)
    out = [issue for rule in NATIONAL_RULES for issue in rule(t)]
    out.sort(key=lambda p: (p.level != "error", p.row or 0))
    return out


@lru_cache(maxsize=8)
def _rules_verdict(folder: str, _identity: tuple, lang: str = "en") -> str:
    report = validate(folder)
    if report.ok:
        return ""
    first = report.errors[0]
    where = first.file + (f":{first.row}" if first.row else "") + (f" [{first.field}]" if first.field else "")
    return i18n.t("validation.data_warning", lang, folder=folder, n=len(report.errors),
                  first=f"{where}: {first.text(lang)}")  # fmt: skip


def data_warning(data_dir: str | os.PathLike | None = None, *, lang: str = "en") -> str:
    """Why the data, which loads, should not be published: the count of validation errors and the first; or "".

    Computed once per version of the files (``load_indicators`` warns with it in English; the explorer shows it
    in the reader's language).

    Parameters
    ----------
    {data_dir}
    lang : {"en", "vi"}, default "en"
        The language of the warning and of the first error (the strings catalogue's words for it).

    Returns
    -------
    str
        The warning, naming the number of errors, the first one and ``cchc validate``; ``""`` when the data
        validates.

    Examples
    --------
    >>> data_warning()
    ''
    """
    folder = _data_dir(data_dir)
    return _rules_verdict(str(folder), identity(folder), i18n.check_lang(lang))


def verify_evidence(sources_dir: str | os.PathLike | None = None, *, data_dir=None) -> list[Issue]:
    """Check that every evidence fragment occurs verbatim in its source text (whitespace-normalised).

    Parameters
    ----------
    sources_dir : str or pathlib.Path, optional
        The folder of source texts (the files named in ``sources.csv``'s ``text_file``). Default ``None``:
        the folder named by the ``CCHC_SOURCES_DIR`` environment variable.
    {data_dir}

    Returns
    -------
    list of Issue
        A missing text file, or a fragment not found in its text (naming the fact); empty when every
        fragment is found.

    Raises
    ------
    ValueError
        If no folder is given and ``CCHC_SOURCES_DIR`` is not set.

    See Also
    --------
    validate : Checks that do not need the source texts.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as empty:  # a folder without the texts
    ...     issues = verify_evidence(empty)
    >>> len(issues), issues[0].file, issues[0].field
    (5, 'sources.csv', 'text_file')
    """
    sources_dir = sources_dir or os.environ.get(SOURCES_DIR_ENV)
    if not sources_dir:
        raise ValueError(f"give the folder of source texts, or set {SOURCES_DIR_ENV}")
    folder = _data_dir(data_dir)
    facts = read_raw("indicators", folder)
    srcs = read_raw("sources", folder).set_index("source_id")
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


share_docs_in(globals())
