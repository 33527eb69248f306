"""Charts of the analysis results, in Vietnamese or English, with sources and data version in a footer.

Every chart calls a function of :mod:`cchc_data.analysis` and draws its result; nothing is computed
here except layout. Conventions shared by all charts:

- ``lang`` is ``"vi"`` or ``"en"``; every title, axis label, note and footer is in that language
  (province names stay Vietnamese).
- Numbers are written the Vietnamese way (``14.000``, ``98,63``) for ``"vi"`` and the English way
  (``14,000``, ``98.63``) for ``"en"``, with the qualifier symbol of the source (``≈ > ≥ < ≤``).
- Missing data is shown as missing (a grey "–", a "no actual yet" note), never as a zero.
- The unit comes from the catalog: ``%`` for percentages, the unit's label otherwise.
- A footer names the source documents (their ``source_id``) and :func:`cchc_data.data_version`.
- Each province has one colour in every chart (:func:`province_colors`).

Examples
--------
>>> ax = compare_chart("digital_certificates", lang="en")
>>> [t.get_text() for t in ax.get_yticklabels()]
['Khánh Hòa', 'Hà Giang']
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import math
import re
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from . import analysis
from ._text import fold
from .catalog import breakdowns, catalog, concepts, domains, units
from .datadir import data_version
from .indicators import load_indicators
from .provinces import provinces, resolve_province

__all__ = [
    "UI",
    "province_colors",
    "compare_chart",
    "coverage_heatmap",
    "breakdown_chart",
    "progress_chart",
    "part_whole_chart",
    "profile_chart",
    "save_figure",
    "footer_text",
]

#: Every user-facing string of the charts, by key and language; ``"qualifiers"`` maps a qualifier to
#: its symbol and ``"dimensions"`` a breakdown dimension to its label.
UI = {
    "compare_subtitle": {"vi": "So sánh giữa các tỉnh", "en": "Comparison across provinces"},
    "latest": {"vi": "số liệu mới nhất của mỗi tỉnh", "en": "latest figure of each province"},
    "periods_differ": {"vi": "Các kỳ khác nhau", "en": "Periods differ"},
    "definitions_differ": {
        "vi": "Định nghĩa chỉ tiêu khác nhau giữa các tỉnh",
        "en": "Indicator definitions differ between provinces",
    },
    "hollow": {
        "vi": "Điểm rỗng: số gần đúng hoặc giới hạn (≈ > ≥ < ≤)",
        "en": "Hollow marks: approximate or bounded figures (≈ > ≥ < ≤)",
    },
    "coverage_title": {"vi": "Mức độ có số liệu", "en": "Data coverage"},
    "coverage_rows": {
        "concept": {"vi": "theo khái niệm so sánh", "en": "by comparable concept"},
        "indicator": {"vi": "theo chỉ tiêu", "en": "by indicator"},
        "domain": {"vi": "theo lĩnh vực CCHC", "en": "by reform domain"},
    },
    "coverage_missing": {
        "vi": "Ô xám “–”: chưa có số liệu (không phải số 0)",
        "en": "Grey “–”: no facts (not a zero)",
    },
    "facts": {"vi": "Số số liệu", "en": "Number of facts"},
    "total": {"vi": "Tổng", "en": "Total"},
    "total_line": {"vi": "Đường đứt nét: tổng", "en": "Dashed line: total"},
    "no_total": {"vi": "Nguồn không in số tổng", "en": "The source prints no total"},
    "progress_title": {"vi": "Tiến độ so với mục tiêu", "en": "Progress towards targets"},
    "target": {"vi": "mục tiêu", "en": "target"},
    "target_marker": {"vi": "Mục tiêu", "en": "Target"},
    "actual_marker": {"vi": "Thực hiện (mới nhất)", "en": "Actual (latest)"},
    "no_actual": {"vi": "chưa có số liệu thực hiện", "en": "no actual yet"},
    "actual": {"vi": "thực hiện", "en": "actual"},
    "not_on_axis": {"vi": "không vẽ ({unit}; trục chỉ dành cho %)", "en": "not drawn ({unit}; the axis is for %)"},
    "percent_axis_note": {
        "vi": "Chỉ tiêu tính bằng % được vẽ trên trục 0–100; chỉ tiêu đơn vị khác ghi bằng chữ",
        "en": "Percentage targets are drawn on a 0–100 axis; targets in other units are written out",
    },
    "no_targets": {"vi": "Chưa ghi nhận mục tiêu nào cho {name}", "en": "No targets recorded for {name}"},
    "share_axis": {"vi": "Tỷ lệ (%)", "en": "Share (%)"},
    "part_whole_title": {"vi": "Tỷ lệ hoàn thành", "en": "Completion shares"},
    "derived": {
        "vi": "Tỷ lệ tính từ số liệu gốc (phần/tổng), không phải số in trong nguồn",
        "en": "Share derived from the printed counts (part/whole), not printed in the source",
    },
    "no_pairs": {"vi": "Không có cặp phần/tổng cho {name}", "en": "No part/whole pairs for {name}"},
    "all_provinces": {"vi": "các tỉnh", "en": "all provinces"},
    "profile_title": {"vi": "Hồ sơ CCHC", "en": "PAR profile"},
    "profile_note": {
        "vi": "Số liệu % (tổng, không chi tiết) trên trục 0–100; ◆ rỗng: mục tiêu",
        "en": "Percentage figures (totals, no breakdowns) on a 0–100 axis; hollow ◆: target",
    },
    "n_facts": {"vi": "{n} số liệu", "en": "{n} facts"},
    "n_fact": {"vi": "{n} số liệu", "en": "{n} fact"},
    "not_drawn": {"vi": "Không vẽ", "en": "Not drawn"},
    "breakdown_rows": {"vi": "dòng chi tiết", "en": "breakdown rows"},
    "sources": {"vi": "Nguồn", "en": "Sources"},
    "data_version": {"vi": "Phiên bản dữ liệu", "en": "Data version"},
    "qualifiers": {"none": "", "about": "≈", "more_than": ">", "at_least": "≥", "less_than": "<", "at_most": "≤"},
    "dimensions": {
        "level": {"vi": "Cấp chính quyền", "en": "Government level"},
        "sector": {"vi": "Lĩnh vực", "en": "Sector"},
        "agency": {"vi": "Cơ quan", "en": "Agency"},
        "rating": {"vi": "Xếp loại", "en": "Rating"},
        "area": {"vi": "Khu vực", "en": "Area"},
    },
}

LANGS = ("vi", "en")
_DIMENSION_ORDER = ["level", "sector", "agency", "rating", "area"]
# Paul Tol's colour-blind-safe "muted" palette, ordered so that neighbouring provinces by GSO code
# (and the three curated so far: Hà Giang, Khánh Hòa, Đắk Lắk) get clearly different hues.
_PALETTE = ["#CC6677", "#332288", "#DDCC77", "#999933", "#88CCEE", "#117733", "#44AA99", "#882255", "#AA4499"]
_MISSING = "#e3e3e3"
_ROW_IN = 0.32  # inches per chart row
_FONT = 9


# --- small pure helpers -------------------------------------------------------------------------


def _check_lang(lang) -> str:
    if lang not in LANGS:
        raise ValueError(f"{lang!r} is not a supported language; use 'vi' or 'en'")
    return lang


def _t(key: str, lang: str, **fmt) -> str:
    text = UI[key][lang]
    return text.format(**fmt) if fmt else text


def _fmt_number(value, lang: str, *, decimals: int | None = None) -> str:
    """Format a number with the language's separators; ``"–"`` for a missing value.

    >>> _fmt_number(14000, "vi"), _fmt_number(14000, "en"), _fmt_number(98.63, "vi"), _fmt_number(float("nan"), "en")
    ('14.000', '14,000', '98,63', '–')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    value = float(value)
    if decimals is None:  # as printed: no decimals for whole numbers, at most two otherwise
        text = f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    if lang == "vi":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return text


def _fmt_value(value, unit: str, qualifier: str, lang: str, *, decimals: int | None = None) -> str:
    """A value as printed on a chart: qualifier symbol, number, ``%`` for percentages.

    >>> _fmt_value(14000, "count", "more_than", "vi"), _fmt_value(98.63, "percent", "none", "en")
    ('> 14.000', '98.63%')
    """
    symbol = UI["qualifiers"].get(str(qualifier), "")
    number = _fmt_number(value, lang, decimals=decimals)
    if number != "–" and str(unit) == "percent":
        number += "%"
    return f"{symbol} {number}" if symbol else number


def _unit_label(unit: str, lang: str, *, data_dir=None) -> str:
    """The axis unit: ``%`` for percentages, else the catalog's unit label in ``lang``."""
    if unit == "percent":
        return "%"
    table = units(data_dir=data_dir).set_index("unit")
    return table.at[unit, f"label_{lang}"] if unit in table.index else unit


def _share_decimals(share: float) -> int:
    """One decimal, more for tiny shares so that 3 of 362 428 does not read as zero.

    >>> _share_decimals(97.95), _share_decimals(0.000828), _share_decimals(0.0)
    (1, 4, 1)
    """
    if not share or math.isnan(share) or share >= 0.1:
        return 1
    return max(1, -math.floor(math.log10(share)))


def _slugify(name: str) -> str:
    """ASCII file-name slug.

    >>> _slugify("So sánh Khánh Hòa"), _slugify("  Đắk Lắk / 2022 ")
    ('so-sanh-khanh-hoa', 'dak-lak-2022')
    """
    slug = re.sub(r"[^a-z0-9]+", "-", fold(str(name))).strip("-")
    if not slug:
        raise ValueError(f"{name!r} gives an empty file name; use letters or digits")
    return slug


def _wrap(text: str, width: int = 48) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _breakdown_labels(lang: str, data_dir=None) -> dict[str, str]:
    return breakdowns(data_dir=data_dir).set_index("breakdown")[f"label_{lang}"].to_dict()


def _row_label(label: str, breakdown: str, lang: str, data_dir=None) -> str:
    if not breakdown:
        return str(label)
    return f"{label} – {_breakdown_labels(lang, data_dir).get(breakdown, breakdown)}"


def _province_name(province, data_dir=None) -> str:
    slug = resolve_province(province, data_dir=data_dir)
    return provinces(data_dir=data_dir).set_index("slug").at[slug, "name_vi"]


# --- figure furniture ---------------------------------------------------------------------------


def _new_axes(ax, n_rows: int, *, width: float = 9.0, extra: float = 2.2) -> Axes:
    if ax is not None:
        return ax
    height = max(3.2, _ROW_IN * n_rows + extra)
    fig = plt.figure(figsize=(width, height), layout="constrained")
    return fig.add_subplot()


def _header(ax: Axes, title: str, notes: list[str], *, reserve: float = 0.0) -> None:
    """Bold title at the top left, grey note lines under it, ``reserve`` points free above the axes."""
    fs = 8.5
    note = "\n".join(n for n in notes if n)
    lines = note.count("\n") + 1 if note else 0
    if note:
        ax.annotate(
            note,
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, reserve + 4),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=fs,
            color="0.3",
            gid="cchc-subtitle",
        )
    ax.set_title(_wrap(title, 80), loc="left", fontweight="bold", fontsize=11, pad=reserve + 6 + lines * fs * 1.3)


def _subtitle(ax: Axes) -> str:
    """The note lines under a chart's title (for tests and callers)."""
    texts = [t.get_text() for t in ax.texts if t.get_gid() == "cchc-subtitle"]
    return "\n".join(texts)


def _footer(fig: Figure, source_ids, lang: str, data_dir=None, *, note: str = "") -> None:
    """Footer naming the sources and the data version; charts sharing a figure add up their sources."""
    ids = set(getattr(fig, "_cchc_sources", set())) | {str(s) for s in source_ids if str(s)}
    fig._cchc_sources = ids
    text = (
        f"{_t('sources', lang)}: {', '.join(sorted(ids)) or '–'} · {_t('data_version', lang)} {data_version(data_dir)}"
    )
    width = max(60, int(fig.get_figwidth() * 15))
    text = "\n".join(_wrap(line, width) for line in (note, text) if line)
    fig.supxlabel(text, x=0.01, ha="left", fontsize=7.5, color="0.35")


def footer_text(fig: Figure) -> str:
    """The footer of a chart's figure (sources and data version).

    >>> ax = compare_chart("digital_certificates", lang="en")
    >>> footer_text(ax.figure)
    'Sources: hg-2018-article, kh-2021q1-report · Data version 0.1.0'
    >>> plt.close(ax.figure)
    """
    if isinstance(fig, Axes):
        fig = fig.figure
    return fig.get_supxlabel()


def _number_axis(axis, lang: str) -> None:
    """Tick labels with the language's separators (``14.000`` / ``14,000``)."""
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: _fmt_number(v, lang)))


def _value_labels(ax: Axes, xs, ys, texts, *, xmax: float, inside_from: float = 0.62, **kw) -> None:
    """Write each text beside its point: right of it, or left of it when the point is far right."""
    for x, y, text in zip(xs, ys, texts, strict=True):
        x0 = 0.0 if (x is None or (isinstance(x, float) and math.isnan(x))) else float(x)
        left = x0 > inside_from * xmax
        ax.annotate(
            text,
            xy=(x0, y),
            xytext=(-8 if left else 8, 0),
            textcoords="offset points",
            ha="right" if left else "left",
            va="center",
            fontsize=8,
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8},
            **kw,
        )


def _rows_axis(ax: Axes, labels: list[str]) -> None:
    ax.set_yticks(range(len(labels)), labels, fontsize=_FONT)
    ax.set_ylim(len(labels) - 0.5, -0.5)  # first row at the top
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="0.9", lw=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


# --- public API ---------------------------------------------------------------------------------


def province_colors(*, data_dir=None) -> dict[str, str]:
    """A fixed colour per province slug, the same in every chart.

    The colour-blind-safe palette cycles over the provinces sorted by GSO code, so a province's colour
    depends only on the registry, not on which provinces a chart shows.

    Examples
    --------
    >>> c = province_colors()
    >>> len(c), len({c["khanh-hoa"], c["ha-giang"], c["dak-lak"]})
    (63, 3)
    """
    reg = provinces(data_dir=data_dir).sort_values("gso_code", kind="stable")
    return {slug: _PALETTE[i % len(_PALETTE)] for i, slug in enumerate(reg["slug"])}


def compare_chart(
    concept, *, provinces=None, period="latest", lang="vi", successors=False, ax=None, data_dir=None
) -> Axes:
    """Ranked dot plot of one concept across provinces (:func:`cchc_data.analysis.compare`).

    One row per row of ``compare()`` (largest value at the top). Each mark is labelled with the value,
    its qualifier symbol and its period (``> 14.000 (2017)``); qualified values are hollow. When a
    province has several indicators of the concept, each is its own row, labelled by indicator. The
    figure grows with the number of rows, so 34 or 63 provinces stay readable.

    Parameters
    ----------
    concept : str
        One concept code of :func:`cchc_data.concepts`.
    provinces, period, successors
        Passed to :func:`~cchc_data.analysis.compare`; with ``successors=True`` rows read
        ``"Hà Giang → Tuyên Quang"``.
    lang : {"vi", "en"}
    ax : matplotlib Axes, optional
        Draw there; default: a new figure sized to the rows.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> ax = compare_chart("official_email_accounts", lang="vi")
    >>> ax.get_title(loc="left")
    'Số hộp thư điện tử công vụ'
    >>> sorted(t.get_text() for t in ax.texts if "(2017)" in t.get_text())
    ['> 14.000 (2017)']
    >>> plt.close(ax.figure)
    """
    _check_lang(lang)
    known = concepts(data_dir=data_dir)
    if not isinstance(concept, str) or concept not in set(known["concept"]):
        valid = ", ".join(repr(c) for c in known["concept"])
        raise ValueError(f"{concept!r} is not a known concept; use one of {valid} (one concept per chart)")
    df = analysis.compare(concept, provinces=provinces, period=period, successors=successors, data_dir=data_dir)
    if df.empty:
        raise ValueError(f"no facts of concept {concept!r} for provinces={provinces!r}, period={period!r}")
    unit = str(known.set_index("concept").at[concept, "unit"])
    n = len(df)
    ax = _new_axes(ax, n)
    names = df["display_name" if successors else "province_name"].astype(str).tolist()
    several = df["province"].astype(str).duplicated(keep=False)
    colours = province_colors(data_dir=data_dir)
    edge = [colours.get(str(p), "0.3") for p in df["province"]]
    face = [c if q == "none" else "white" for c, q in zip(edge, df["qualifier"].astype(str), strict=True)]
    ys = np.arange(n)
    values = df["value"].to_numpy(dtype=float)
    ax.hlines(ys, 0, values, color="0.8", lw=1, zorder=1)
    ax.scatter(
        values, ys, s=60, facecolors=face, edgecolors=edge, linewidths=1.8, zorder=3, gid="values", clip_on=False
    )
    texts = []
    for row, multi in zip(df.itertuples(), several, strict=True):
        text = f"{_fmt_value(row.value, unit, row.qualifier, lang)} ({row.period})"
        if multi:
            text += f" · {_wrap(getattr(row, f'label_{lang}'), 40)}"
        texts.append(text)
    xmax = 100.0 if unit == "percent" else float(np.nanmax(values)) * 1.05 or 1.0
    _value_labels(ax, values, ys, texts, xmax=xmax)
    _rows_axis(ax, names)
    ax.set_xlim(0, xmax)
    _number_axis(ax.xaxis, lang)
    label = known.set_index("concept").at[concept, f"label_{lang}"]
    ax.set_xlabel(f"{label} ({_unit_label(unit, lang, data_dir=data_dir)})")
    notes = [f"{_t('compare_subtitle', lang)}" + (f" – {_t('latest', lang)}" if period == "latest" else "")]
    if df["period"].nunique() > 1:
        notes.append(_t("periods_differ", lang))
    if df["indicator"].nunique() > 1:
        notes.append(_t("definitions_differ", lang))
    if (df["qualifier"].astype(str) != "none").any():
        notes.append(_t("hollow", lang))
    _header(ax, label, notes)
    _footer(ax.figure, df["source_id"].unique(), lang, data_dir)
    return ax


def coverage_heatmap(*, by="concept", lang="vi", ax=None, data_dir=None) -> Axes:
    """Heatmap of how many facts exist per concept (or indicator, or domain) and province.

    Cells without facts are light grey with a "–" (masked in the image), so they never read as a value.

    Examples
    --------
    >>> ax = coverage_heatmap(by="domain", lang="en")
    >>> ax.get_xticklabels()[0].get_text(), ax.get_yticklabels()[0].get_text()
    ('Đắk Lắk', 'Direction and management of PAR')
    >>> plt.close(ax.figure)
    """
    _check_lang(lang)
    matrix = analysis.coverage(by=by, data_dir=data_dir)
    if by == "concept":
        names = concepts(data_dir=data_dir).set_index("concept")[f"label_{lang}"]
    elif by == "indicator":
        names = catalog(data_dir=data_dir).set_index("indicator")[f"label_{lang}"]
    else:
        names = domains(data_dir=data_dir).set_index("domain")[f"label_{lang}"]
    rows = [str(names.get(r, r)) for r in matrix.index]
    reg = provinces(data_dir=data_dir).set_index("slug")["name_vi"]
    cols = [str(reg.get(c, c)) for c in matrix.columns]
    counts = matrix.to_numpy(dtype=float)
    masked = np.ma.masked_where(counts == 0, counts)
    if ax is None:
        width = min(16.0, 5.5 + 0.9 * len(cols) + 0.055 * max(map(len, rows), default=10))
        fig = plt.figure(figsize=(width, max(3.2, 0.26 * len(rows) + 2.4)), layout="constrained")
        ax = fig.add_subplot()
    cmap = LinearSegmentedColormap.from_list("cchc_blues", ["#c6dbef", "#08306b"]).with_extremes(bad=_MISSING)
    top = max(1.0, float(np.nanmax(counts)) if counts.size else 1.0)
    image = ax.imshow(masked, cmap=cmap, vmin=1, vmax=top, aspect="auto", interpolation="nearest")
    for (i, j), value in np.ndenumerate(counts):
        dark = value > 0 and (value - 1) / max(top - 1, 1) > 0.45
        ax.text(j, i, _fmt_number(value, lang) if value > 0 else "–", ha="center", va="center", fontsize=8,
                color="white" if dark else ("0.45" if value == 0 else "black"))  # fmt: skip
    ax.set_xticks(
        range(len(cols)), cols, rotation=45 if len(cols) > 6 else 0, ha="right" if len(cols) > 6 else "center"
    )
    ax.set_yticks(range(len(rows)), rows, fontsize=8 if len(rows) > 30 else _FONT)
    ax.tick_params(length=0)
    if len(cols) <= 6:  # few provinces: names on top, read like a table
        ax.xaxis.tick_top()
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = ax.figure.colorbar(image, ax=ax, shrink=min(1.0, 6 / max(len(rows), 1) + 0.3), pad=0.02)
    bar.set_label(_t("facts", lang))
    bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _number_axis(bar.ax.yaxis, lang)
    ax.set_xticks(np.arange(len(cols) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(rows) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", lw=1.5)
    ax.tick_params(which="minor", length=0)
    title = f"{_t('coverage_title', lang)} {UI['coverage_rows'][by][lang]}"
    _header(ax, title, [_t("coverage_missing", lang)], reserve=18 if len(cols) <= 6 else 0)
    used = load_indicators(data_dir=data_dir)["source_id"].astype(str).unique()
    _footer(ax.figure, used, lang, data_dir)
    return ax


def breakdown_chart(province, indicator, *, period=None, lang="vi", ax=None, data_dir=None) -> Axes:
    """Bars of one indicator's parts (by government level, sector, agency…) with its total as a line.

    Draws :func:`cchc_data.analysis.breakdown_table`; parts are grouped by dimension under a bold
    header row, the total is a dashed vertical line (and named in the note under the title).

    Examples
    --------
    >>> ax = breakdown_chart("Khánh Hòa", "dossiers_on_time_share", lang="en")
    >>> [round(float(p.get_width()), 2) for p in ax.patches][:3]
    [99.76, 91.58, 99.19]
    >>> plt.close(ax.figure)
    """
    _check_lang(lang)
    table = analysis.breakdown_table(province, indicator, period=period, data_dir=data_dir)
    unit = str(table["unit"].iloc[0])
    total = table[table["breakdown"] == ""]
    parts = table[table["breakdown"] != ""]
    dims = sorted(parts["dimension"].unique(), key=lambda d: (_DIMENSION_ORDER + [d]).index(d))
    labels, values, texts, colours, headers = [], [], [], [], []
    for k, dim in enumerate(dims):
        headers.append(len(labels))
        labels.append(UI["dimensions"].get(dim, {}).get(lang, dim))
        values.append(np.nan)
        texts.append("")
        colours.append("none")
        for row in parts[parts["dimension"] == dim].itertuples():
            labels.append("   " + str(getattr(row, f"breakdown_label_{lang}")))
            values.append(float(row.value))
            texts.append(_fmt_value(row.value, unit, row.qualifier, lang))
            colours.append(_PALETTE[k % len(_PALETTE)])
    ax = _new_axes(ax, len(labels))
    ys = np.arange(len(labels))
    bar_rows = [i for i in ys if i not in headers]
    ax.barh(bar_rows, [values[i] for i in bar_rows], color=[colours[i] for i in bar_rows], height=0.65, zorder=2)
    top = max([v for v in values if not math.isnan(v)] + list(total["value"]) + [0.0])
    xmax = 100.0 if unit == "percent" and top <= 100 else top * 1.08 or 1.0
    _value_labels(ax, [values[i] for i in bar_rows], bar_rows, [texts[i] for i in bar_rows], xmax=xmax)
    _rows_axis(ax, labels)
    for i in headers:
        ax.get_yticklabels()[i].set_fontweight("bold")
    ax.set_xlim(0, xmax)
    notes = []
    if len(total):
        t = total.iloc[0]
        ax.axvline(t["value"], color="black", ls="--", lw=1.2, zorder=3, gid="total")
        notes.append(f"{_t('total_line', lang)} {_fmt_value(t['value'], unit, t['qualifier'], lang)}")
    else:
        notes.append(_t("no_total", lang))
    first = table.iloc[0]
    label = first[f"label_{lang}"]
    ax.set_xlabel(f"{label} ({_unit_label(unit, lang, data_dir=data_dir)})")
    _header(ax, f"{label} – {first['province_name']}, {first['period']}", notes)
    _footer(ax.figure, table["source_id"].astype(str).unique(), lang, data_dir)
    return ax


def progress_chart(province, *, lang="vi", ax=None, data_dir=None) -> Axes:
    """A province's targets and the latest actual value beside each (:func:`~cchc_data.analysis.progress_to_target`).

    One row per target (label and target period). Percentage targets are drawn on one 0–100 axis:
    the target as a black diamond labelled with its qualifier (``≥ 90%``), the actual as a dot in the
    province's colour with its period. Targets in other units (counts, money) share no axis with
    percentages, so their row states the target in words instead of drawing it. A row without an
    actual says "no actual yet" and has no mark: never a zero. A province without targets gets an
    empty chart saying so.

    Examples
    --------
    >>> ax = progress_chart("Khánh Hòa", lang="en")
    >>> table = analysis.progress_to_target("Khánh Hòa")
    >>> sum("no actual yet" in t.get_text() for t in ax.texts) == int(table["actual"].isna().sum())
    True
    >>> plt.close(ax.figure)
    """
    _check_lang(lang)
    table = analysis.progress_to_target(province, data_dir=data_dir)
    name = _province_name(province, data_dir)
    slug = resolve_province(province, data_dir=data_dir)
    ax = _new_axes(ax, len(table), width=10)
    title = f"{_t('progress_title', lang)} – {name}"
    if table.empty:
        ax.text(0.5, 0.5, _t("no_targets", lang, name=name), ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        _header(ax, title, [])
        _footer(ax.figure, [], lang, data_dir)
        return ax
    labels, tx, ty, actual_x, actual_y, notes_right = [], [], [], [], [], []
    for i, row in enumerate(table.itertuples()):
        label = _row_label(getattr(row, f"label_{lang}"), row.breakdown, lang, data_dir)
        labels.append(_wrap(f"{label} ({row.target_period})", 55))
        target = f"{_t('target', lang)} {_fmt_value(row.target, row.unit, row.target_qualifier, lang)}"
        has_actual = not math.isnan(row.actual)
        actual = (
            f"{_t('actual', lang)} {_fmt_value(row.actual, row.unit, row.actual_qualifier, lang)} ({row.actual_period})"
            if has_actual
            else _t("no_actual", lang)
        )
        if row.unit == "percent":
            tx.append(row.target)
            ty.append(i)
            if has_actual:
                actual_x.append(row.actual)
                actual_y.append(i)
                ax.plot([row.actual, row.target], [i, i], color="0.75", lw=2, zorder=1)
            notes_right.append((row.target, i, f"{target} · {actual}"))
        else:
            unit = _unit_label(row.unit, lang, data_dir=data_dir)
            notes_right.append((0.0, i, f"{target} · {actual} – {_t('not_on_axis', lang, unit=unit)}"))
    colour = province_colors(data_dir=data_dir).get(slug, "0.3")
    kw = {"zorder": 3, "clip_on": False}
    ax.scatter(tx, ty, marker="D", s=45, facecolors="white", edgecolors="black", linewidths=1.5, gid="target", **kw)
    ax.scatter(actual_x, actual_y, marker="o", s=55, color=colour, gid="actual", **kw)
    xs, ys, texts = zip(*notes_right, strict=True)
    _value_labels(ax, list(xs), list(ys), list(texts), xmax=100.0, inside_from=0.5)
    _rows_axis(ax, labels)
    ax.set_xlim(0, 100)
    ax.set_xlabel(_t("share_axis", lang))
    handles = [
        Line2D([], [], marker="D", ls="", mfc="white", mec="black", mew=1.5, label=_t("target_marker", lang)),
        Line2D([], [], marker="o", ls="", color=colour, label=_t("actual_marker", lang)),
    ]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, frameon=False, fontsize=8,
              borderaxespad=0.2)  # fmt: skip
    _header(ax, title, [_t("percent_axis_note", lang)], reserve=20)
    used = [s for s in dict.fromkeys([*table["source_id"], *table["actual_source_id"]]) if s]
    _footer(ax.figure, used, lang, data_dir)
    return ax


def part_whole_chart(province=None, *, lang="vi", ax=None, data_dir=None) -> Axes:
    """Completion bars (0–100 %) derived from a part and its whole (:func:`~cchc_data.analysis.part_whole_shares`).

    Each bar is labelled ``191/195 = 97,9% (2017)``; the note under the title says the share is
    derived, not printed. With ``province=None`` every province is shown (rows name the province).

    Examples
    --------
    >>> ax = part_whole_chart("Hà Giang", lang="en")
    >>> [t.get_text() for t in ax.texts if t.get_text().startswith("191/")]
    ['191/195 = 97.9% (2017)']
    >>> plt.close(ax.figure)
    """
    _check_lang(lang)
    frame = None if province is None else load_indicators(province=province, data_dir=data_dir)
    table = analysis.part_whole_shares(frame, data_dir=data_dir)
    where = _province_name(province, data_dir) if province is not None else _t("all_provinces", lang)
    ax = _new_axes(ax, len(table), width=10)
    title = f"{_t('part_whole_title', lang)} – {where}"
    if table.empty:
        ax.text(0.5, 0.5, _t("no_pairs", lang, name=where), ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        _header(ax, title, [_t("derived", lang)])
        _footer(ax.figure, [], lang, data_dir)
        return ax
    colours = province_colors(data_dir=data_dir)
    labels, texts = [], []
    for row in table.itertuples():
        label = _row_label(getattr(row, f"label_{lang}"), row.breakdown, lang, data_dir)
        if province is None:
            label = f"{row.province_name}: {label}"
        labels.append(_wrap(label, 60))
        symbol = UI["qualifiers"].get(str(row.qualifier), "")
        counts = f"{_fmt_number(row.part, lang)}/{_fmt_number(row.whole, lang)}"
        share = _fmt_value(row.share, "percent", "none", lang, decimals=_share_decimals(row.share))
        texts.append(f"{symbol + ' ' if symbol else ''}{counts} = {share} ({row.period})")
    ys = np.arange(len(table))
    shares = table["share"].to_numpy(dtype=float)
    drawn = ~np.isnan(shares)
    ax.barh(ys[drawn], shares[drawn], color=[colours.get(str(p), "0.5") for p in table["province"][drawn]],
            height=0.65, zorder=2, label=_t("derived", lang))  # fmt: skip
    _value_labels(ax, list(shares), list(ys), texts, xmax=100.0, inside_from=0.6)
    _rows_axis(ax, labels)
    ax.set_xlim(0, 100)
    ax.set_xlabel(_t("share_axis", lang))
    _header(ax, title, [_t("derived", lang)])
    _footer(ax.figure, table["source_id"].astype(str).unique(), lang, data_dir)
    return ax


def profile_chart(province, *, lang="vi", fig=None, data_dir=None) -> Figure:
    """Small multiples of a province's facts, one panel per domain that has facts (:func:`~cchc_data.analysis.profile`).

    Counts of different indicators share no scale, so each panel draws the domain's percentage facts
    (totals) as dots on a 0–100 axis (actual: filled dot; target: hollow diamond), each labelled with
    its value and period, and its title says how many facts the domain has and which were not drawn
    (other units, breakdown rows). A domain with no percentage total is a panel with that note only.

    Examples
    --------
    >>> fig = profile_chart("Đắk Lắk", lang="en")
    >>> [a.get_title(loc="left").split(" – ")[0] for a in fig.axes]
    ['Direction and management of PAR', 'E-government and digital government']
    >>> plt.close(fig)
    """
    _check_lang(lang)
    table = analysis.profile(province, data_dir=data_dir)
    name = _province_name(province, data_dir)
    slug = resolve_province(province, data_dir=data_dir)
    colour = province_colors(data_dir=data_dir).get(slug, "0.3")
    panels = []
    for dom, group in table.groupby("domain", observed=True, sort=True):
        drawn = group[(group["unit"].astype(str) == "percent") & (group["breakdown"] == "")]
        panels.append((dom, group, drawn))
    wrap = 60
    ratios = [
        sum(0.1 + 0.2 * _wrap(label, wrap).count("\n") + 0.2 for label in d[f"label_{lang}"]) + 0.75 if len(d) else 0.3
        for _, _, d in panels
    ]
    if fig is None:
        fig = plt.figure(figsize=(11, sum(ratios) + 0.45 * len(panels) + 1.2), layout="constrained")
    elif fig.get_layout_engine() is None:
        fig.set_layout_engine("constrained")
    axes = fig.subplots(len(panels), 1, height_ratios=ratios, squeeze=False)[:, 0]
    for axis, (_domain, group, drawn) in zip(axes, panels, strict=True):
        skipped = group.drop(drawn.index)
        parts = []
        for unit, n in skipped[skipped["breakdown"] == ""]["unit"].astype(str).value_counts().sort_index().items():
            parts.append(f"{_unit_label(unit, lang, data_dir=data_dir)}: {n}")
        if (skipped["breakdown"] != "").any():
            parts.append(f"{_t('breakdown_rows', lang)}: {int((skipped['breakdown'] != '').sum())}")
        note = f"{_t('not_drawn', lang)}: {', '.join(parts)}" if parts else ""
        facts = _t("n_fact" if len(group) == 1 else "n_facts", lang, n=len(group))
        title = f"{group[f'domain_label_{lang}'].iloc[0]} – {facts}"
        if drawn.empty:
            axis.set_axis_off()
            _header(axis, title, [note])
            continue
        ys = np.arange(len(drawn))
        is_target = (drawn["kind"].astype(str) == "target").to_numpy()
        values = drawn["value"].to_numpy(dtype=float)
        axis.hlines(ys[~is_target], 0, values[~is_target], color="0.85", lw=1, zorder=1)
        kw = {"s": 45, "zorder": 3, "clip_on": False}
        axis.scatter(values[~is_target], ys[~is_target], color=colour, gid="actual", **kw)
        axis.scatter(values[is_target], ys[is_target], marker="D", facecolors="white", edgecolors="black",
                     linewidths=1.4, gid="target", **kw)  # fmt: skip
        texts = []
        for row in drawn.itertuples():
            prefix = f"{_t('target', lang)} " if row.kind == "target" else ""
            texts.append(f"{prefix}{_fmt_value(row.value, 'percent', row.qualifier, lang)} ({row.period})")
        _value_labels(axis, list(values), list(ys), texts, xmax=100.0, inside_from=0.55)
        _rows_axis(axis, [_wrap(label, wrap) for label in drawn[f"label_{lang}"]])
        axis.set_xlim(0, 100)
        axis.set_xlabel("%", fontsize=8, labelpad=1)
        axis.tick_params(axis="x", labelsize=8)
        _header(axis, title, [note])
    fig.suptitle(f"{_t('profile_title', lang)} – {name}", x=0.01, ha="left", fontsize=13, fontweight="bold")
    _footer(fig, table["source_id"].astype(str).unique(), lang, data_dir, note=_t("profile_note", lang))
    return fig


_PNG_DPI = 150


def save_figure(fig, name, *, figures_dir="figures") -> list[Path]:
    """Write ``<figures_dir>/<slug>.png`` and ``.svg`` (byte-identical from run to run), and ``<slug>.csv``
    of exactly the values drawn when the chart carries them (``fig.cchc_values``).

    The name is ASCII-slugified (``"So sánh Khánh Hòa"`` → ``so-sanh-khanh-hoa``) and the folder created.
    The SVG gets a fixed hash salt (stable clip-path ids) and no date; the PNG no software/date stamp. The
    CSV (UTF-8 with a BOM, for spreadsheets) keeps every column of ``fig.cchc_values`` and adds the source's
    title, publisher and date beside ``source_id``.

    Examples
    --------
    >>> import tempfile
    >>> ax = compare_chart("digital_certificates")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     [p.name for p in save_figure(ax.figure, "So sánh Khánh Hòa", figures_dir=d)][:2]
    ['so-sanh-khanh-hoa.png', 'so-sanh-khanh-hoa.svg']
    >>> plt.close(ax.figure)
    """
    if isinstance(fig, Axes):
        fig = fig.figure
    folder = Path(figures_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stem = _slugify(name)
    png, svg = folder / f"{stem}.png", folder / f"{stem}.svg"
    with plt.rc_context({"svg.hashsalt": "cchc-analysis", "svg.fonttype": "path"}):
        fig.savefig(png, dpi=_PNG_DPI, metadata={"Software": None}, facecolor="white", bbox_inches="tight")
        fig.savefig(svg, metadata={"Date": None, "Creator": None}, facecolor="white", bbox_inches="tight")
    paths = [png, svg]
    import pandas as pd

    values = getattr(fig, "cchc_values", None)
    if isinstance(values, pd.DataFrame):
        csv = folder / f"{stem}.csv"
        _values_with_sources(values).to_csv(csv, index=False, encoding="utf-8-sig")
        paths.append(csv)
    return paths


def _values_with_sources(values):
    """``values`` with the source's title (vi, en), publisher and date after ``source_id``."""
    if "source_id" not in values.columns:
        return values
    from .indicators import sources

    cite = sources()[["source_id", "title", "title_en", "publisher", "published"]]
    cite = cite.rename(columns={c: f"source_{c}" for c in cite.columns if c != "source_id"})
    cite = cite[[c for c in cite.columns if c == "source_id" or c not in values.columns]]
    out = values.merge(cite, on="source_id", how="left")
    order = list(values.columns)
    at = order.index("source_id") + 1
    extra = [c for c in cite.columns if c != "source_id"]
    return out[order[:at] + extra + order[at:]]


class _Chart:
    """A saved chart as a notebook shows it: the PNG, and links to its SVG, PNG and CSV below it."""

    def __init__(self, png: bytes, width: int, paths: list[Path], lang: str):
        self.data, self.width, self.paths, self.lang = png, width, paths, lang

    def _repr_png_(self):
        return self.data, {"width": self.width}

    def _repr_html_(self) -> str:
        import base64
        import html
        import os

        from . import i18n

        links = []
        for path in self.paths:
            suffix = path.suffix.lstrip(".")
            word = i18n.t("chart_csv", self.lang) if suffix == "csv" else suffix.upper()
            try:
                rel = Path(os.path.relpath(path.resolve(), Path.cwd())).as_posix()
            except ValueError:  # another drive (Windows)
                rel = path.resolve().as_uri()
            links.append(
                f'<a href="{html.escape(rel)}" data-cchc-path="{html.escape(str(path.resolve()))}" '
                f'download="{html.escape(path.name)}">{html.escape(word)}</a>'
            )
        img = base64.b64encode(self.data).decode("ascii")
        return (
            f'<figure class="cchc-chart"><img src="data:image/png;base64,{img}" width="{self.width}" '
            f'alt="{html.escape(self.paths[0].stem)}"><figcaption class="cchc-chart-links">'
            f"{html.escape(i18n.t('chart_files', self.lang))}: {' '.join(links)}</figcaption></figure>"
        )

    def __repr__(self) -> str:
        return f"<chart {self.paths[0].stem}: " + ", ".join(p.name for p in self.paths) + ">"


def show_figure(fig, name, *, figures_dir="figures", dpi: int = 100, lang: str = "vi"):
    """Save a chart with :func:`save_figure`, close it, and show the saved PNG with download links.

    One call per chart in the notebooks: the chart is drawn once for the PNG, once for the SVG, and the
    notebook shows that PNG instead of drawing it a third time (``plt.show()`` would). Below it, links to the
    SVG, PNG and (when the chart carries ``cchc_values``) the CSV of the values drawn, labelled in ``lang``;
    the links are relative to the working directory, and the report pages rewrite them relative to the page.

    Returns
    -------
    object
        Shown as the cell's result (HTML with the PNG and links; PNG alone elsewhere); its ``paths``
        attribute lists the files written and ``width`` the shown width in pixels.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     image = show_figure(compare_chart("digital_certificates"), "cert", figures_dir=d, lang="en")
    ...     [p.name for p in image.paths][:2], image.width > 0, "Download chart" in image._repr_html_()
    (['cert.png', 'cert.svg'], True, True)
    """
    from . import i18n

    lang = i18n.check_lang(lang)
    if isinstance(fig, Axes):
        fig = fig.figure
    paths = save_figure(fig, name, figures_dir=figures_dir)
    plt.close(fig)
    data = paths[0].read_bytes()
    width = int.from_bytes(data[16:20], "big")  # PNG header: IHDR width in pixels, at _PNG_DPI
    return _Chart(data, round(width * dpi / _PNG_DPI), paths, lang)
