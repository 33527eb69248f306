"""Excel export of the curated facts: one sheet per group, plus sources, catalog and an about sheet.

Layout of the workbook written by :func:`export_excel`:

- one *fact sheet* per group (domain, province or source, or a single sheet), row 1 the column
  names in the chosen language; each header cell carries a comment with the column code and its
  name in the other language (:func:`header`; the words are rows ``export.header.…`` of the strings
  catalogue);
- ``Nguồn``/``Sources`` and ``Danh mục``/``Catalog``: the source documents and catalog rows that the
  exported facts use; ``Giới thiệu``/``About``: data version, grouping, filters and reading notes.

Values are written as they are stored: percentages stay 0–100 numbers shown with ``0.00`` (never
divided by 100), so a cell reads back exactly. Text is always written as text, never as a formula.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import os
import re
import warnings
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from . import i18n
from ._checks import check_argument
from ._csvfile import FORMULA_START
from ._docstrings import share_docs_in
from ._text import fold
from .datadir import data_version
from .indicators import load_indicators, sources
from .vocabularies import catalog, domains, units

__all__ = ["export_excel", "ExportWarning", "header", "FACT_COLUMNS", "GROUP_BY", "MAX_CELL_CHARS"]

#: The most characters an Excel cell holds; longer text is cut there, with an :class:`ExportWarning`.
MAX_CELL_CHARS = 32_767


class ExportWarning(UserWarning):
    """Something could not be written exactly as it is in the data (the message says where).

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("error", ExportWarning)
    ...     try:
    ...         warnings.warn("Facts!H2: text cut to 32767 characters", ExportWarning)
    ...     except ExportWarning as exc:
    ...         caught = str(exc)
    >>> caught
    'Facts!H2: text cut to 32767 characters'
    """


#: Accepted values of ``group_by`` (``None``: a single sheet).
GROUP_BY = ("domain", "province", "source_id", None)
#: Columns of a fact sheet, in order; ``label_<lang>`` comes before the other label, and the note in
#: ``lang`` (``note_vi`` in Vietnamese, ``note`` in English) before the other one.
FACT_COLUMNS = [
    "fact_id",
    "province_name",
    "domain",
    "indicator",
    "label_vi",
    "label_en",
    "period",
    "kind",
    "value",
    "unit",
    "qualifier",
    "breakdown",
    "source_id",
    "evidence",
    "flag",
    "note",
    "note_vi",
]

#: Sheet kinds and the string key of each sheet's name (the facts sheet's name serves when there is one).
_SHEETS = {
    "facts": "export.sheet.facts",
    "sources": "sources",
    "catalog": "export.sheet.catalog",
    "about": "export.sheet.about",
}
#: The about sheet's reading notes, in order: ``export.about.<name>`` beside ``export.about_value.<name>``.
_ABOUT_NOTES = ("headers", "values", "evidence")


def header(sheet: str, column: str, lang: str) -> str:
    """The header of ``column`` on a ``sheet`` of the workbook (``"facts"``, ``"sources"`` or ``"catalog"``).

    The words come from the strings catalogue: the sheet's own row (``export.header.<sheet>.<column>``),
    else the workbook's (``export.header.<column>``), else the pages' column header
    (:func:`cchc_data.i18n.column_label`); a column with none of these is headed by its code.

    Parameters
    ----------
    sheet : {"facts", "sources", "catalog"}
        The kind of sheet.
    column : str
        The column's code.
    {lang}

    Returns
    -------
    str
        The header in ``lang``.

    Examples
    --------
    >>> header("facts", "kind", "en"), header("catalog", "unit", "en"), header("facts", "province_name", "vi")
    ('Kind (actual/target)', 'Unit type', 'Tỉnh')
    """
    for key in (f"export.header.{sheet}.{column}", f"export.header.{column}"):
        if i18n.has(key):
            return i18n.t(key, lang)
    return i18n.column_label(column, lang)


#: Fixed document timestamps, so that two exports of the same data are identical.
_FIXED_TIME = _dt.datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="FFDDEBF7", end_color="FFDDEBF7")
_FORMULA_START = FORMULA_START  # one rule with the CSV files (cchc_data._csvfile)
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_MAX_TITLE = 31
_MIN_WIDTH, _MAX_WIDTH = 8, 60


def _check_path(path) -> Path:
    try:
        out = Path(os.fspath(path)).expanduser()
    except TypeError:
        raise TypeError(f"path must be a file name ending in .xlsx, got {path!r}") from None
    if out.suffix.lower() != ".xlsx":
        raise ValueError(f"{str(out)!r} does not end in .xlsx; Excel only opens workbooks named *.xlsx")
    if out.is_dir():
        raise ValueError(f"{str(out)!r} is a folder; give a file name ending in .xlsx")
    if not out.parent.is_dir():
        raise FileNotFoundError(
            f"cannot write {str(out)!r}: folder {str(out.parent)!r} does not exist; create it first"
        )
    return out.resolve()


def _text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)


def _fit(ws, row: int, col: int, value: str) -> str:
    """Text cut to what an Excel cell holds, with a warning naming the sheet and cell."""
    if len(value) <= MAX_CELL_CHARS:
        return value
    cut = f"… [{len(value):,} characters in the data; cut at {MAX_CELL_CHARS:,}, Excel's cell limit]"
    warnings.warn(
        f"sheet {ws.title!r}, cell {get_column_letter(col)}{row}: text of {len(value):,} characters cut to "
        f"{MAX_CELL_CHARS:,} (Excel's limit); the full text is in the data",
        ExportWarning,
        stacklevel=2,
    )
    return value[: MAX_CELL_CHARS - len(cut)] + cut


def _put(ws, row: int, col: int, value, number_format: str | None = None):
    """Write one cell: ``None``/``""``/NaN leave it empty, text is always text (never a formula)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        if not value:
            return None
        cell = ws.cell(row=row, column=col, value=_fit(ws, row, col, _text(value)))
        if value.startswith(_FORMULA_START):
            cell.data_type = "s"  # openpyxl made it a formula ("=") or Excel would on editing
            cell.quotePrefix = True
        return cell
    if isinstance(value, bool):
        return ws.cell(row=row, column=col, value=value)
    if isinstance(value, _dt.date):  # sources.published (a datetime64 column: midnight timestamps)
        day = value.date() if isinstance(value, _dt.datetime) else value
        cell = ws.cell(row=row, column=col, value=day)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(
                f"sheet {ws.title!r}, cell {get_column_letter(col)}{row}: {value} is not a finite number and "
                "Excel cannot store it; drop or fix that row"
            )
        cell = ws.cell(row=row, column=col, value=value)
        if number_format:
            cell.number_format = number_format
        return cell
    return _put(ws, row, col, str(value))


def _value_format(unit: str, value, symbols: Mapping[str, str]) -> str:
    """Number format of a value: percentages ``0.00`` (0-100, never scaled); others grouped, with the
    unit's symbol from ``units.csv`` if it has one (``#,##0 "₫"``)."""
    if unit == "percent":
        return "0.00"
    whole = isinstance(value, int | float) and math.isfinite(value) and float(value).is_integer()
    number = "#,##0" if whole else "#,##0.00"
    symbol = symbols.get(unit, "").replace('"', "")
    return f'{number} "{symbol}"' if symbol else number


def _plain(column: pd.Series) -> list:
    """Python values of a column: categoricals as their values, missing as ``None``."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype(object)
    return [None if v is None or (not isinstance(v, str) and pd.isna(v)) else v for v in column.tolist()]


def _write_table(ws, table: pd.DataFrame, sheet: str, lang: str, *, formats: list | None = None) -> None:
    """Header row with comments, then the rows; frozen header, auto-filter and column widths."""
    other = i18n.other_lang(lang)
    widths = []
    for j, code in enumerate(table.columns, start=1):
        cell = _put(ws, 1, j, header(sheet, code, lang))
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        note = f"{code}\n{i18n.t('other_language', lang)}: {header(sheet, code, other)}"
        cell.comment = Comment(note, "cchc_data", width=260, height=60)
        widths.append(len(cell.value) + 3)  # room for the filter button
    for j, code in enumerate(table.columns, start=1):
        values = _plain(table[code])
        for i, value in enumerate(values, start=2):
            fmt = formats[i - 2] if formats is not None and code == "value" else None
            _put(ws, i, j, value, fmt)
            if value is not None:
                shown = f"{value:,.2f}" if isinstance(value, float) else str(value)
                widths[j - 1] = max(widths[j - 1], len(shown) + 1)
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(width, _MIN_WIDTH), _MAX_WIDTH)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table) + 1}"


def _sheet_titles(labels: list[str], reserved: list[str]) -> list[str]:
    """Excel-safe, unique (case-insensitively) sheet titles for ``labels``, avoiding ``reserved``."""
    taken = {t.casefold() for t in [*reserved, "History"]}
    out = []
    for label in labels:
        base = _FORBIDDEN.sub("_", " ".join(str(label).split())).strip("'") or "_"
        title = base if len(base) <= _MAX_TITLE else base[: _MAX_TITLE - 1].rstrip(" ,.;-") + "…"
        n = 1
        while title.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            head = base if len(base) + len(suffix) <= _MAX_TITLE else base[: _MAX_TITLE - len(suffix) - 1] + "…"
            title = head + suffix
        taken.add(title.casefold())
        out.append(title)
    return out


def _groups(frame: pd.DataFrame, group_by, lang: str, data_dir) -> list[tuple[str, pd.DataFrame]]:
    """``(label, rows)`` per group, in display order; rows keep the frame's order."""
    if group_by is None:
        return [(i18n.t(_SHEETS["facts"], lang), frame)]
    column = "province_name" if group_by == "province" else group_by
    keys = pd.Series(_plain(frame[column]), index=frame.index).fillna("")
    present = list(dict.fromkeys(keys))
    if group_by == "domain":
        doms = domains(data_dir=data_dir)
        order = {d: i for i, d in enumerate(doms["domain"])}
        labels = dict(zip(doms["domain"], doms[f"label_{lang}"], strict=True))
        present.sort(key=lambda d: (order.get(d, len(order)), d))
    else:
        labels = {}
        present.sort(key=lambda k: (fold(k), k))
    return [(labels.get(k) or k or "_", frame[keys == k]) for k in present]


def _describe_filters(filters, frame_given: bool, lang: str) -> str:
    if filters:  # e.g. {"province": ["Hà Giang"], "domain": None}
        parts = []
        for key, value in filters.items():
            if value is None or (isinstance(value, list | tuple) and not value):
                continue
            shown = ", ".join(map(str, value)) if isinstance(value, list | tuple | set) else str(value)
            parts.append(f"{key}={shown}")
        if parts:
            return "; ".join(parts)
    if filters is not None or not frame_given:
        return i18n.t("export.about_value.all", lang)
    return i18n.t("export.about_value.unrecorded", lang)


def export_excel(path, frame=None, *, group_by="domain", lang="vi", filters=None, data_dir=None) -> Path:
    """Write the facts to an Excel workbook (``.xlsx``) for reading in Excel or LibreOffice.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write (``*.xlsx``); its folder must exist. An existing file is replaced.
    frame : pandas.DataFrame, optional
        Facts from :func:`cchc_data.load_indicators` (filtered or sorted as you like; rows keep their
        order within a sheet). Default ``None``: every fact.
    group_by : {"domain", "province", "source_id", None}, default "domain"
        One sheet per CCHC domain (in the domains' display order), per province or per source
        (alphabetical), or ``None`` for a single ``Số liệu``/``Facts`` sheet. Sheet names are the
        group's label in ``lang``, made Excel-safe: ``[]:*?/\\`` become ``_``, cut to 31 characters
        with ``…``, made unique with `` (2)``.
    lang : {"vi", "en"}, default "vi"
        Language of sheet names, headers and the about sheet. Both indicator labels are always written.
    filters : mapping, optional
        The filters that produced ``frame`` (e.g. ``{"province": ["Hà Giang"]}``), recorded on the
        about sheet. Default ``None``: none recorded.
    {data_dir}

    Returns
    -------
    pathlib.Path
        The absolute path written.

    Raises
    ------
    ValueError
        If ``path`` does not end in ``.xlsx`` or is a folder, ``group_by`` or ``lang`` is not one of the
        values above, ``frame`` lacks fact columns or has no rows, or a value is not a finite number.

    See Also
    --------
    cchc_data.load_indicators : The facts to export, filtered.

    Notes
    -----
    Fact sheets have the columns :data:`FACT_COLUMNS`, headed in ``lang`` with a comment giving the
    code and the other language's name (:func:`header`). ``unit`` shows the indicator's unit in
    ``lang`` as in the catalog (``%``, ``hồ sơ``/``dossiers``, ``đồng``/``VND``). ``value`` is the
    stored number: percentages 0–100 with format ``0.00`` (never divided by 100), other units
    ``#,##0`` followed by the unit's symbol in ``units.csv``, if any (VND ``#,##0 "₫"``). A value that is
    not a finite number is refused (``ValueError``); a text longer than an Excel cell holds
    (:data:`MAX_CELL_CHARS`) is cut there with an :class:`ExportWarning` naming the sheet and cell. Text starting with ``=``, ``+``, ``-`` or ``@`` is stored as text with
    a quote prefix, never as a formula. The ``Nguồn``/``Sources`` and ``Danh mục``/``Catalog`` sheets
    hold the sources and catalog rows the facts use; ``Giới thiệu``/``About`` the data version and
    filters, but no export date: document times are fixed, so exporting the same facts twice gives
    the same bytes.

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> from cchc_data import load_indicators
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = export_excel(Path(tmp) / "hg.xlsx", load_indicators(province="Hà Giang"), group_by=None, lang="en")
    ...     openpyxl.load_workbook(out).sheetnames
    ['Facts', 'Sources', 'Catalog', 'About']
    >>> export_excel("x.xlsx", group_by="year")
    Traceback (most recent call last):
    ...
    ValueError: 'year' is not a known grouping; use one of 'domain', 'province', 'source_id', None
    """
    check_argument("grouping", group_by, GROUP_BY)
    lang = i18n.check_lang(lang)
    out = _check_path(path)
    frame_given = frame is not None
    if frame is None:
        frame = load_indicators(data_dir=data_dir)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a DataFrame from cchc_data.load_indicators(), got {type(frame).__name__}")
    missing = [c for c in FACT_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"frame lacks the columns {', '.join(missing)}; pass a frame from cchc_data.load_indicators()")
    if frame.empty:
        raise ValueError("nothing to export: the frame has no facts (check the filters)")
    values = pd.to_numeric(frame["value"], errors="coerce")
    bad = ~values.map(lambda v: isinstance(v, float) and math.isfinite(v))
    if bad.any():
        row = frame[bad].iloc[0]
        raise ValueError(
            f"fact {row['fact_id']!r}: value {row['value']} is not a finite number; Excel cannot store it "
            f"({int(bad.sum())} such facts); drop or fix them"
        )

    cat = catalog(data_dir=data_dir)
    unit_names = dict(zip(cat["indicator"], cat[f"unit_{lang}"], strict=True))
    symbols = units(data_dir=data_dir).set_index("unit")["symbol"].to_dict()
    other = "en" if lang == "vi" else "vi"
    columns = [c for c in FACT_COLUMNS if c != f"label_{other}"]
    columns.insert(columns.index(f"label_{lang}") + 1, f"label_{other}")
    if lang == "vi":  # the Vietnamese note first, headed "Ghi chú"; the English one beside it
        columns.remove("note_vi")
        columns.insert(columns.index("note"), "note_vi")

    wb = Workbook()
    wb.remove(wb.active)
    reserved = [i18n.t(_SHEETS[k], lang) for k in ("sources", "catalog", "about")]
    groups = _groups(frame, group_by, lang, data_dir)
    titles = _sheet_titles([label for label, _ in groups], reserved)
    for title, (_, rows) in zip(titles, groups, strict=True):
        unit_codes = _plain(rows["unit"])
        table = rows[columns].copy()
        table["unit"] = [
            unit_names.get(ind) or code for ind, code in zip(_plain(rows["indicator"]), unit_codes, strict=True)
        ]
        formats = [_value_format(u, v, symbols) for u, v in zip(unit_codes, _plain(rows["value"]), strict=True)]
        _write_table(wb.create_sheet(title), table, "facts", lang, formats=formats)

    used_sources = set(_plain(frame["source_id"]))
    src = sources(data_dir=data_dir)
    if lang == "en":  # "English name (Vietnamese name)", "Xuân 2018 (Spring 2018 issue)", as English pages say
        from .tables import issue_name, publisher_name

        for column in ("publisher", "issuer", "issue"):
            if column in src.columns and f"{column}_en" in src.columns:  # an older folder: as printed
                named = issue_name if column == "issue" else publisher_name
                pairs = zip(src[column], src[f"{column}_en"], strict=True)
                src = src.assign(**{column: [named(vi, en, lang) for vi, en in pairs]}).drop(columns=[f"{column}_en"])
    _write_table(
        wb.create_sheet(reserved[0]),
        src[src["source_id"].isin(used_sources)].drop(columns=["text_file"]).reset_index(drop=True),  # internal
        "sources",
        lang,
    )
    used = set(_plain(frame["indicator"]))
    _write_table(wb.create_sheet(reserved[1]), cat[cat["indicator"].isin(used)].reset_index(drop=True), "catalog", lang)
    _write_about(wb.create_sheet(reserved[2]), frame, group_by, lang, filters, frame_given, data_dir)

    from ._version import __version__

    wb.properties.creator = wb.properties.lastModifiedBy = f"cchc_data {__version__}"
    wb.properties.title = i18n.t("export.about.title", lang)
    wb.properties.language = lang
    wb.properties.created = wb.properties.modified = _FIXED_TIME
    _save(wb, out)
    return out


def _write_about(ws, frame, group_by, lang, filters, frame_given, data_dir) -> None:
    from ._version import __version__

    provinces = sorted(set(_plain(frame["province_name"])), key=fold)
    periods = sorted(set(_plain(frame["period"])))
    grouping = i18n.t(f"export.group.{group_by}" if group_by else "export.about_value.none_group", lang)
    rows = [
        (i18n.t("export.about.title", lang), None),
        (None, None),
        (i18n.t("data_version", lang), data_version(data_dir)),
        (i18n.t("export.about.package", lang), __version__),
        (i18n.t("export.about.facts", lang), len(frame)),
        (i18n.t("export.about.group_by", lang), grouping),
        (i18n.t("export.about.filters", lang), _describe_filters(filters, frame_given, lang)),
        (i18n.t("provinces", lang), ", ".join(provinces)),
        (i18n.t("export.about.periods", lang), ", ".join(periods)),
        *[(i18n.t(f"export.about.{key}", lang), i18n.t(f"export.about_value.{key}", lang)) for key in _ABOUT_NOTES],
    ]
    for i, (key, value) in enumerate(rows, start=1):
        cell = _put(ws, i, 1, key)
        if cell is not None:
            cell.font = _HEADER_FONT
        _put(ws, i, 2, value)
    ws["A1"].font = Font(bold=True, size=13)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 100


def _save(wb: Workbook, out: Path) -> None:
    """Save with openpyxl, then rewrite the zip with fixed entry times (same facts, same bytes)."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()  # unlike Workbook.save, keeps properties.modified as set
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    out.write_bytes(fixed.getvalue())


share_docs_in(globals())
