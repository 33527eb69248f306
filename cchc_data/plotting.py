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
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from . import analysis, i18n
from ._checks import check_argument
from ._docstrings import share_docs_in
from ._text import fold
from .datadir import data_version
from .indicators import load_indicators
from .province_registry import provinces, resolve_province
from .vocabularies import breakdowns, catalog, concepts, domains, units

__all__ = [
    "UI",
    "province_colors",
    "compare_chart",
    "concept_series_chart",
    "coverage_heatmap",
    "breakdown_chart",
    "progress_chart",
    "part_whole_chart",
    "profile_chart",
    "save_figure",
    "show_figure",
    "footer_text",
    "legend_texts",
    "VALUE_COLUMNS",
]

UI = i18n.CHARTS  # the charts' strings live with every other string, in cchc_data.i18n

LANGS = i18n.LANGS
_DIMENSION_ORDER = ["level", "sector", "agency", "rating", "area"]
# Paul Tol's colour-blind-safe "muted" palette, ordered so that neighbouring provinces by GSO code
# (and the three curated so far: Hà Giang, Khánh Hòa, Đắk Lắk) get clearly different hues.
_PALETTE = ["#CC6677", "#332288", "#DDCC77", "#999933", "#88CCEE", "#117733", "#44AA99", "#882255", "#AA4499"]
_MISSING = "#e3e3e3"
_ROW_IN = 0.32  # inches per chart row
_FONT = 9


# --- small pure helpers -------------------------------------------------------------------------


def _t(key: str, lang: str, **fmt) -> str:
    return i18n.chart_text(key, lang, **fmt)


def _fmt_number(value, lang: str, *, decimals: int | None = None) -> str:
    """A number in the language's convention (:func:`cchc_data.i18n.format_number`); ``"–"`` when missing.

    >>> _fmt_number(14000, "vi"), _fmt_number(14000, "en"), _fmt_number(98.63, "vi"), _fmt_number(float("nan"), "en")
    ('14.000', '14,000', '98,63', '–')
    """
    return i18n.format_number(value, lang, decimals=decimals)


def _fmt_value(value, unit: str, qualifier: str, lang: str, *, decimals: int | None = None) -> str:
    """A value as printed on a chart: qualifier symbol, number, ``%`` for percentages.

    >>> _fmt_value(14000, "count", "more_than", "vi"), _fmt_value(98.63, "percent", "none", "en")
    ('> 14.000', '98.63%')
    >>> _fmt_value(2.03, "percentage_point", "none", "vi"), _fmt_value(2.03, "percentage_point", "none", "en")
    ('2,03 điểm %', '2.03 pp')
    """
    symbol = UI["qualifiers"].get(str(qualifier), "")
    number = _fmt_number(value, lang, decimals=decimals)
    if number != "–" and str(unit) == "percent":
        number += "%"
    elif number != "–" and str(unit) in UI["units_suffix"]:
        number += UI["units_suffix"][str(unit)][lang]
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
    ax.set_title(_wrap(title, 80), loc="left", fontweight="bold", fontsize=11, pad=reserve + 8 + lines * fs * 1.45)


def _subtitle(ax: Axes) -> str:
    """The note lines under a chart's title (for tests and callers)."""
    texts = [t.get_text() for t in ax.texts if t.get_gid() == "cchc-subtitle"]
    return "\n".join(texts)


def _footer(fig: Figure, source_ids, lang: str, data_dir=None, *, note: str = "") -> None:
    """Footer naming the sources and the data version; charts sharing a figure add up their sources."""
    from .tables import cite_source

    ids = set(getattr(fig, "_cchc_sources", set())) | {str(s) for s in source_ids if str(s)}
    fig._cchc_sources = ids
    names = "; ".join(cite_source(i, lang, short=True, data_dir=data_dir) for i in sorted(ids)) or "–"
    text = f"{_t('sources', lang)}: {names} · {_t('data_version', lang)} {data_version(data_dir)}"
    width = max(60, int(fig.get_figwidth() * 15))
    text = "\n".join(_wrap(line, width) for line in (note, text) if line)
    fig.supxlabel(text, x=0.01, ha="left", fontsize=7.5, color="0.35")
    _as_written(fig)


def _as_written(fig: Figure) -> None:
    """Every text of the figure drawn as written: ``$5 to $10`` is not math (matplotlib would parse it).

    Called by :func:`_footer`, the last piece of furniture every chart adds, and again before a figure is saved.
    """
    for text in fig.findobj(Text):
        text.set_parse_math(False)


def footer_text(fig: Figure) -> str:
    """The footer of a chart's figure: its sources by short title and date, and the data version.

    Parameters
    ----------
    fig : matplotlib.figure.Figure or matplotlib.axes.Axes
        A figure drawn by a chart function of this module, or one of its axes.

    Returns
    -------
    str
        The footer's text; ``""`` for a figure without one.

    Examples
    --------
    >>> ax = compare_chart("digital_certificates", lang="en")
    >>> print(footer_text(ax.figure))  # doctest: +NORMALIZE_WHITESPACE
    Sources: Hà Giang newspaper: PAR results 2017 (undated, figures for 2017); Khánh Hòa People's Committee: PAR
    report Q1/2021 (undated, figures for Q1 2021) · Data version 0.1.0
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


# --- one visual language: kind by fill, flags in red, caveats ringed --------------------------------

_FLAG_RED = "#C00000"
_HATCH = "////"
#: Columns every ``fig.cchc_values`` frame has (the exact values a chart drew), in this order.
VALUE_COLUMNS = [
    "fact_id", "province", "indicator", "period", "kind", "value", "unit", "qualifier", "flag", "source_id", "evidence",
]  # fmt: skip


def _kind_style(kind: str, colour: str, *, flag: str = "", bar: bool = False) -> dict:
    """Matplotlib style of a mark (``bar=False``: scatter keywords) or bar for a fact's kind and flag.

    Solid: achieved (``actual``); hatched: content of an approved ``plan``; hollow: ``target``. A
    flagged fact gets a red edge, whatever its kind.

    >>> _kind_style("target", "#123456")["facecolors"], _kind_style("plan", "#123456", bar=True)["hatch"]
    ('white', '////')
    >>> _kind_style("actual", "#123456", flag="sum_mismatch", bar=True)["edgecolor"]
    '#C00000'
    """
    kind = str(kind)
    edge = _FLAG_RED if flag else colour
    face = colour if kind == "actual" else "white"
    width = 2.0 if flag else (1.2 if bar else 1.6)
    if bar:
        style = {"color": face, "edgecolor": edge, "linewidth": width}
        if kind == "plan":
            style["hatch"] = _HATCH
            style["edgecolor"] = edge if flag else colour
        return style
    marker = {"actual": "o", "plan": "s", "target": "D"}.get(kind, "o")
    style = {"marker": marker, "facecolors": face, "edgecolors": edge, "linewidths": width}
    if kind == "plan":
        style["hatch"] = _HATCH
    return style


def _mark_text(text: str, flag: str) -> str:
    """A value label, with ⚠ in front when the source of the fact is inconsistent."""
    return f"⚠ {text}" if flag else text


def _scatter_by_style(ax: Axes, xs, ys, kinds, flags, colours, *, gid: str | None, s: float = 60, **kw) -> list:
    """One scatter per (kind, flag, colour) group, each with ``gid`` (the kind if ``None``), ``-flagged`` added."""
    drawn = []
    groups: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(kinds, [bool(f) for f in flags], colours, strict=True)):
        groups.setdefault(key, []).append(i)
    for (kind, flagged, colour), idx in groups.items():
        style = _kind_style(kind, colour, flag="x" if flagged else "")
        name = gid or kind
        coll = ax.scatter([xs[i] for i in idx], [ys[i] for i in idx], s=s, zorder=3, clip_on=False,
                          gid=f"{name}-flagged" if flagged else name, **style, **kw)  # fmt: skip
        coll.cchc_kind = kind
        drawn.append(coll)
    return drawn


def _legend(ax: Axes, lang: str, *, kinds=(), flags=(), caveat=False, qualifier=False, bar=False, loc=None):
    """The chart's legend: only the encodings it uses, in the chart's language; returns the Legend."""
    from matplotlib.patches import Patch

    handles = []
    for kind in ("actual", "plan", "target"):
        if kind not in {str(k) for k in kinds}:
            continue
        style = _kind_style(kind, "0.35", bar=True)
        label = _wrap(_t(f"legend_{kind}", lang), 30)
        if bar:
            handles.append(Patch(facecolor=style["color"], edgecolor=style["edgecolor"], hatch=style.get("hatch"),
                                 label=label))  # fmt: skip
        else:
            m = _kind_style(kind, "0.35")
            handles.append(Line2D([], [], ls="", marker=m["marker"], markersize=7, mfc=m["facecolors"],
                                  mec=m["edgecolors"], mew=1.4, label=label))  # fmt: skip
    if caveat:
        handles.append(Line2D([], [], ls="", marker="o", markersize=12, mfc="none", mec="0.35", mew=1.2,
                              label=_wrap(_t("legend_caveat", lang), 30)))  # fmt: skip
    for flag in sorted({str(f) for f in flags if str(f)}):
        meaning = UI["flags"].get(flag, {}).get(lang, flag)
        handles.append(Patch(facecolor="white", edgecolor=_FLAG_RED, linewidth=2,
                             label=_wrap(_t("legend_flag", lang, meaning=meaning), 30)))  # fmt: skip
    if qualifier:
        handles.append(Line2D([], [], ls="", marker="", label=_wrap(_t("legend_qualifier", lang), 30)))
    if not handles:
        return None
    kw = loc or {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0)}
    legend = ax.legend(handles=handles, frameon=False, fontsize=7.5, borderaxespad=0.2, handlelength=1.6, **kw)
    legend.set_gid("cchc-legend")
    return legend


def legend_texts(ax) -> list[str]:
    """The texts of a chart's legend (for tests and callers); ``[]`` without one.

    Parameters
    ----------
    ax : matplotlib.axes.Axes or matplotlib.figure.Figure
        Axes drawn by a chart function of this module, or its figure.

    Returns
    -------
    list of str
        The legend's entries, top to bottom.

    Examples
    --------
    >>> ax = compare_chart("official_email_accounts", lang="en")
    >>> legend_texts(ax)[0]
    'Achieved (actual)'
    >>> plt.close(ax.figure)
    """
    if isinstance(ax, Figure):
        return [t.get_text() for a in ax.axes for t in (a.get_legend().get_texts() if a.get_legend() else [])]
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


def _attach_values(fig: Figure, frame, **extra) -> None:
    """Attach the exact values a chart drew as ``fig.cchc_values`` (appended when charts share a figure)."""
    import pandas as pd

    out = pd.DataFrame(frame).copy()
    for col, value in extra.items():
        out[col] = value
    for col in VALUE_COLUMNS:
        if col not in out:
            out[col] = ""
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(str)
    out = out[VALUE_COLUMNS + [c for c in out.columns if c not in VALUE_COLUMNS]].reset_index(drop=True)
    previous = getattr(fig, "cchc_values", None)
    fig.cchc_values = out if previous is None else pd.concat([previous, out], ignore_index=True)


def _caveat_notes(df, lang: str, names) -> tuple[list[str], dict[int, int]]:
    """Numbered notes for the caveated rows, one per indicator; maps row position to its number.

    A note names its provinces and periods (``[1] Hà Giang (2017): …``), or their number when more
    than three provinces share it, so 63 provinces never make 63 lines.
    """
    by_indicator: dict[str, list[int]] = {}
    for pos, row in enumerate(df.itertuples()):
        if row.comparability == "caveat":
            by_indicator.setdefault(row.indicator, []).append(pos)
    notes, numbers = [], {}
    for n, (_indicator, positions) in enumerate(by_indicator.items(), start=1):
        first = df.iloc[positions[0]]
        if len(positions) <= 3:
            who = ", ".join(f"{names[p]} ({df.iloc[p]['period']})" for p in positions)
        else:
            who = _t("n_provinces", lang, n=len(positions))
        notes.append(_wrap(f"[{n}] {who}: {first[f'comparability_note_{lang}']}", 95))
        numbers.update(dict.fromkeys(positions, n))
    return notes, numbers


# --- public API ---------------------------------------------------------------------------------


def province_colors(*, data_dir=None) -> dict[str, str]:
    """A fixed colour per province slug, the same in every chart.

    The colour-blind-safe palette cycles over the provinces sorted by GSO code, so a province's colour
    depends only on the registry, not on which provinces a chart shows.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    dict of str to str
        Province slug to a hex colour, for every province of the registry.

    Examples
    --------
    >>> c = province_colors()
    >>> len(c), len({c["khanh-hoa"], c["ha-giang"], c["dak-lak"]})
    (63, 3)
    """
    reg = provinces(data_dir=data_dir).sort_values("gso_code", kind="stable")
    return {slug: _PALETTE[i % len(_PALETTE)] for i, slug in enumerate(reg["slug"])}


def compare_chart(
    concept,
    *,
    provinces=None,
    period="latest",
    kind="actual",
    strict=False,
    lang="vi",
    successors=False,
    ax=None,
    data_dir=None,
) -> Axes:
    """Ranked dot plot of one concept across provinces (:func:`cchc_data.analysis.compare`).

    One row per row of ``compare()`` (largest value at the top). Each mark is labelled with the value,
    its qualifier symbol and its period (``> 14.000 (2017)``). The note under the title gives the
    concept's definition and, numbered, the specific caveat of every province whose indicator differs
    from it; those marks get a dotted ring and their number. Marks are solid for achieved values,
    hatched for plan contents, hollow for targets; a fact whose source is inconsistent has a red edge
    and ``⚠``. The legend (right) explains the encodings used. When a province has several indicators
    of the concept, each is its own row, labelled by indicator. The figure grows with the number of
    rows, so 34 or 63 provinces stay readable. ``fig.cchc_values`` holds the values drawn.

    Parameters
    ----------
    concept : str
        One concept code of :func:`cchc_data.concepts`.
    {provinces}
    period : str, default "latest"
        ``"latest"``: each province's latest period; or a period as :func:`cchc_data.parse_period` reads it.
    {kind}
    strict : bool, default False
        Draw only indicators that measure exactly the concept's definition.
    {lang}
    successors : bool, default False
        Label rows with the province that succeeds each after the 2025 merger (``"Hà Giang → Tuyên Quang"``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on. Default ``None``: a new figure sized to the rows.
    {data_dir}

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` holds the values drawn.

    Raises
    ------
    ValueError
        If ``concept``, a province, ``kind`` or ``lang`` is unknown (the message names the valid values).

    See Also
    --------
    cchc_data.analysis.compare : The rows drawn.

    Examples
    --------
    >>> ax = compare_chart("official_email_accounts", lang="vi")
    >>> ax.get_title(loc="left")
    'Số tài khoản thư điện tử công vụ'
    >>> sorted(t.get_text() for t in ax.texts if t.get_text().endswith("(2017) [1]"))
    ['> 14.000 (2017) [1]']
    >>> print(next(line for line in _subtitle(ax).splitlines() if line.startswith("[1]")))
    [1] Hà Giang (2017): Hộp thư của cán bộ, công chức các cấp (cả cấp xã), tổng số sau rà soát và
    >>> plt.close(ax.figure)
    """
    lang = i18n.check_lang(lang)
    if not isinstance(concept, str):
        raise TypeError(f"concept must be one concept code (one concept per chart), got {concept!r}")
    known = concepts(data_dir=data_dir)
    check_argument("concept", concept, known["concept"], hint="cchc_data.concepts()")
    df = analysis.compare(
        concept, provinces=provinces, period=period, kind=kind, strict=strict, successors=successors,
        data_dir=data_dir,
    )  # fmt: skip
    if df.empty:
        reading = " with strict=True (no indicator measures exactly its definition)" if strict else ""
        raise ValueError(f"no facts of concept {concept!r} for provinces={provinces!r}, period={period!r}{reading}")
    con = known.set_index("concept")
    unit = str(con.at[concept, "unit"])
    n = len(df)
    ax = _new_axes(ax, n, width=10.5)
    names = df["display_name" if successors else "province_name"].astype(str).tolist()
    several = df["province"].astype(str).duplicated(keep=False)
    colours = province_colors(data_dir=data_dir)
    colour = [colours.get(str(p), "0.3") for p in df["province"]]
    ys = np.arange(n)
    values = df["value"].to_numpy(dtype=float)
    kinds, flags = df["kind"].astype(str).tolist(), df["flag"].astype(str).tolist()
    ax.hlines(ys, 0, values, color="0.8", lw=1, zorder=1)
    _scatter_by_style(ax, list(values), list(ys), kinds, flags, colour, gid="values")
    caveat_notes, numbers = _caveat_notes(df, lang, names)
    ringed = sorted(numbers)
    if ringed:
        ax.scatter(values[ringed], ys[ringed], s=260, facecolors="none", edgecolors="0.35", linewidths=1.2,
                   linestyles=":", zorder=2, gid="caveat", clip_on=False)  # fmt: skip
    texts = []
    for pos, (row, multi) in enumerate(zip(df.itertuples(), several, strict=True)):
        text = f"{_fmt_value(row.value, unit, row.qualifier, lang)} ({row.period})"
        if pos in numbers:
            text += f" [{numbers[pos]}]"
        if multi:
            text += f" · {_wrap(getattr(row, f'label_{lang}'), 40)}"
        texts.append(_mark_text(text, row.flag))
    xmax = 100.0 if unit == "percent" else float(np.nanmax(values)) * 1.05 or 1.0
    _value_labels(ax, values, ys, texts, xmax=xmax)
    _rows_axis(ax, names)
    ax.set_xlim(0, xmax)
    _number_axis(ax.xaxis, lang)
    label = con.at[concept, f"label_{lang}"]
    ax.set_xlabel(f"{label} ({_unit_label(unit, lang, data_dir=data_dir)})")
    notes = [f"{_t('compare_subtitle', lang)}" + (f" – {_t('latest', lang)}" if period == "latest" else "")]
    notes.append(_wrap(f"{_t('definition', lang)}: {con.at[concept, f'definition_{lang}']}", 95))
    if df["period"].nunique() > 1:
        notes.append(_t("periods_differ", lang))
    notes.extend(caveat_notes)
    _legend(ax, lang, kinds=kinds, flags=flags, caveat=bool(ringed), qualifier=(df["qualifier"] != "none").any())
    _header(ax, label, notes)
    _footer(ax.figure, df["source_id"].unique(), lang, data_dir)
    _attach_values(
        ax.figure, df.assign(province_label=names, label=texts, caveat_number=[numbers.get(i, 0) for i in range(n)])
    )
    return ax


def concept_series_chart(concept, province, *, kind="actual", lang="vi", ax=None, data_dir=None) -> Axes:
    """A concept's values in one province over time (:func:`~cchc_data.analysis.concept_series`).

    Periods run left to right in time order; every mark is labelled with its value and period. Points
    are joined by a line only where the definition is the same; a caveated point gets a dotted ring,
    its number and its specific note under the title, so Khánh Hòa's 198 (2019) and 190 (2021-Q1)
    E-Office counts, which count different sets, are never read as a decline. ``fig.cchc_values``
    holds the values drawn.

    Parameters
    ----------
    concept : str
        One concept code of :func:`cchc_data.concepts`.
    {province}
    {kind}
    {lang}
    {ax}
    {data_dir}

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` holds the values drawn.

    Raises
    ------
    ValueError
        If the province has no facts of that kind for the concept (or an argument is unknown).

    See Also
    --------
    cchc_data.analysis.concept_series : The values drawn.

    Examples
    --------
    >>> ax = concept_series_chart("eoffice_agencies", "Khánh Hòa", lang="en")
    >>> [t.get_text() for t in ax.texts if t.get_gid() != "cchc-subtitle"]
    ['198 (2019)', '190 (2021-Q1) [1]']
    >>> [l.get_gid() for l in ax.lines]
    []
    >>> plt.close(ax.figure)
    """
    lang = i18n.check_lang(lang)
    if not isinstance(concept, str):
        raise TypeError(f"concept must be one concept code (one concept per chart), got {concept!r}")
    known = concepts(data_dir=data_dir)
    check_argument("concept", concept, known["concept"], hint="cchc_data.concepts()")
    df = analysis.concept_series(concept, province, kind=kind, data_dir=data_dir)
    name = _province_name(province, data_dir)
    if df.empty:
        raise ValueError(f"{name} has no {kind} facts of concept {concept!r}")
    con = known.set_index("concept")
    unit = str(con.at[concept, "unit"])
    if ax is None:
        fig = plt.figure(figsize=(10.5, 4.6), layout="constrained")
        ax = fig.add_subplot()
    periods = list(dict.fromkeys(df["period"]))
    xs = [periods.index(p) for p in df["period"]]
    values = df["value"].to_numpy(dtype=float)
    colour = province_colors(data_dir=data_dir).get(resolve_province(province, data_dir=data_dir), "0.3")
    for line, group in df.groupby("line", sort=False):
        if len(group) > 1:
            ax.plot(
                [xs[i] for i in group.index], values[group.index], color=colour, lw=1.6, zorder=2, gid=f"line:{line}"
            )
    kinds, flags = df["kind"].astype(str).tolist(), df["flag"].astype(str).tolist()
    _scatter_by_style(ax, xs, list(values), kinds, flags, [colour] * len(df), gid="values")
    caveat_notes, numbers = _caveat_notes(df, lang, [name] * len(df))
    ringed = sorted(numbers)
    if ringed:
        ax.scatter([xs[i] for i in ringed], values[ringed], s=260, facecolors="none", edgecolors="0.35",
                   linewidths=1.2, linestyles=":", zorder=2, gid="caveat", clip_on=False)  # fmt: skip
    texts = []
    for pos, row in enumerate(df.itertuples()):
        text = f"{_fmt_value(row.value, unit, row.qualifier, lang)} ({row.period})"
        if pos in numbers:
            text += f" [{numbers[pos]}]"
        texts.append(_mark_text(text, row.flag))
        ax.annotate(texts[-1], xy=(xs[pos], values[pos]), xytext=(0, 10), textcoords="offset points", ha="center",
                    va="bottom", fontsize=8)  # fmt: skip
    ax.set_xticks(range(len(periods)), periods)
    ax.set_xlim(-0.5, len(periods) - 0.5)
    top = 112.0 if unit == "percent" else float(np.nanmax(values)) * 1.2 or 1.0  # room for the labels
    ax.set_ylim(0, top)
    if unit == "percent":
        ax.set_yticks(range(0, 101, 20))
    _number_axis(ax.yaxis, lang)
    label = con.at[concept, f"label_{lang}"]
    ax.set_ylabel(f"{_unit_label(unit, lang, data_dir=data_dir)}")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="0.9", lw=0.8)
    notes = [f"{_t('series_title', lang)} – {name}. {_t('series_note', lang)}"]
    notes.append(_wrap(f"{_t('definition', lang)}: {con.at[concept, f'definition_{lang}']}", 95))
    notes.extend(caveat_notes)
    _legend(ax, lang, kinds=kinds, flags=flags, caveat=bool(ringed), qualifier=(df["qualifier"] != "none").any())
    _header(ax, f"{label} – {name}", notes)
    _footer(ax.figure, df["source_id"].unique(), lang, data_dir)
    _attach_values(ax.figure, df.assign(x=xs, label=texts, caveat_number=[numbers.get(i, 0) for i in range(len(df))]))
    return ax


def coverage_heatmap(*, by="concept", lang="vi", ax=None, data_dir=None) -> Axes:
    """Heatmap of how many facts exist per concept (or indicator, or domain) and province.

    Cells without facts are light grey with a "–" (masked in the image), so they never read as a value.
    A cell that counts a fact whose source is inconsistent says so with ``⚠`` after its count (and a
    red frame), explained in the note under the title. ``fig.cchc_values`` holds the facts counted,
    with the chart's ``row`` of each (a cell's count is the number of facts of its row and province).

    Parameters
    ----------
    by : {"concept", "indicator", "domain"}, default "concept"
        What a row counts facts of.
    {lang}
    {ax}
    {data_dir}

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` holds the values drawn.

    Examples
    --------
    >>> ax = coverage_heatmap(by="domain", lang="en")
    >>> ax.get_xticklabels()[0].get_text(), ax.get_yticklabels()[0].get_text()
    ('Đắk Lắk', 'Direction and management of PAR')
    >>> plt.close(ax.figure)
    """
    lang = i18n.check_lang(lang)
    matrix = analysis.coverage(by=by, data_dir=data_dir)
    facts = load_indicators(data_dir=data_dir)
    counted = facts[facts["concept"] != ""] if by == "concept" else facts
    counted = counted.assign(row=counted[by].astype(str))
    flagged_cells = set(
        zip(
            counted.loc[counted["flag"] != "", "row"],
            counted.loc[counted["flag"] != "", "province"].astype(str),
            strict=True,
        )
    )
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
        flagged = (str(matrix.index[i]), str(matrix.columns[j])) in flagged_cells
        text = (_fmt_number(value, lang) + (" ⚠" if flagged else "")) if value > 0 else "–"
        ax.text(j, i, text, ha="center", va="center", fontsize=8, gid="flagged-cell" if flagged else None,
                color="white" if dark else ("0.45" if value == 0 else "black"))  # fmt: skip
        if flagged:
            ax.add_patch(plt.Rectangle((j - 0.45, i - 0.45), 0.9, 0.9, fill=False, ec=_FLAG_RED, lw=1.5, zorder=3,
                                       gid="flagged-cell"))  # fmt: skip
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
    notes = [_t("coverage_missing", lang)]
    if flagged_cells:
        kinds = sorted(set(counted.loc[counted["flag"] != "", "flag"]))
        meanings = "; ".join(UI["flags"].get(f, {}).get(lang, f) for f in kinds)
        notes.append(_wrap(f"{_t('flag_cell', lang)} ({meanings})", 120))
    _header(ax, title, notes, reserve=18 if len(cols) <= 6 else 0)
    used = facts["source_id"].astype(str).unique()
    _footer(ax.figure, used, lang, data_dir)
    _attach_values(ax.figure, counted)
    return ax


def breakdown_chart(province, indicator, *, period=None, lang="vi", ax=None, data_dir=None) -> Axes:
    """Bars of one indicator's parts (by government level, sector, agency…) with its total as a line.

    Draws :func:`cchc_data.analysis.breakdown_table`; parts are grouped by dimension under a bold
    header row, the total is a vertical line (dashed; dotted for a target) named in the note under the
    title. Bars are solid for achieved values, hatched for plan contents, hollow for targets; a fact
    whose source is inconsistent has a red edge (a red total line) and ``⚠``, and the legend states
    what is inconsistent. ``fig.cchc_values`` holds the values drawn.

    Parameters
    ----------
    {province}
    indicator : str
        An indicator code of :func:`cchc_data.catalog` that has a breakdown in this province.
    period : str, optional
        A period label. Default ``None``: the latest period that has a breakdown.
    {lang}
    {ax}
    {data_dir}

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` holds the values drawn.

    See Also
    --------
    cchc_data.analysis.breakdown_table : The values drawn.

    Examples
    --------
    >>> ax = breakdown_chart("Khánh Hòa", "dossiers_on_time_share", lang="en")
    >>> [round(float(p.get_width()), 2) for p in ax.patches][:3]
    [99.76, 91.58, 99.19]
    >>> plt.close(ax.figure)
    """
    lang = i18n.check_lang(lang)
    table = analysis.breakdown_table(province, indicator, period=period, data_dir=data_dir)
    unit = str(table["unit"].iloc[0])
    total = table[table["breakdown"] == ""]
    parts = table[table["breakdown"] != ""]
    dims = sorted(parts["dimension"].unique(), key=lambda d: (_DIMENSION_ORDER + [d]).index(d))
    labels, headers, rows = [], [], []
    for k, dim in enumerate(dims):
        headers.append(len(labels))
        labels.append(UI["dimensions"].get(dim, {}).get(lang, dim))
        for row in parts[parts["dimension"] == dim].itertuples():
            rows.append((len(labels), row, _PALETTE[k % len(_PALETTE)]))
            labels.append("   " + str(getattr(row, f"breakdown_label_{lang}")))
    ax = _new_axes(ax, len(labels), width=10.5)
    texts = []
    for y, row, colour in rows:
        style = _kind_style(row.kind, colour, flag=row.flag, bar=True)
        ax.barh([y], [float(row.value)], height=0.65, zorder=2, gid=f"bar:{row.breakdown}", **style)
        text = _fmt_value(row.value, unit, row.qualifier, lang)
        if str(row.kind) != "actual":
            text = f"{_t(str(row.kind), lang)} {text}"
        texts.append(_mark_text(text, row.flag))
    values = [float(r.value) for _, r, _ in rows]
    top = max(values + list(total["value"]) + [0.0])
    xmax = 100.0 if unit == "percent" and top <= 100 else top * 1.08 or 1.0
    _value_labels(ax, values, [y for y, _, _ in rows], texts, xmax=xmax)
    _rows_axis(ax, labels)
    for i in headers:
        ax.get_yticklabels()[i].set_fontweight("bold")
    ax.set_xlim(0, xmax)
    _number_axis(ax.xaxis, lang)
    notes = []
    if len(total):
        t = total.iloc[0]
        is_target = str(t["kind"]) == "target"
        ax.axvline(t["value"], color=_FLAG_RED if t["flag"] else "black", ls=":" if is_target else "--", lw=1.4,
                   zorder=3, gid="total-flagged" if t["flag"] else "total")  # fmt: skip
        line = _t("target_total" if is_target else "total_line", lang)
        text = f"{line} {_fmt_value(t['value'], unit, t['qualifier'], lang)}"
        if t["flag"]:
            text += f" ({UI['flags'].get(t['flag'], {}).get(lang, t['flag'])}"
            if unit == "count" and parts["dimension"].nunique() == 1:
                text += f"; {_t('parts_sum', lang)} {_fmt_value(parts['value'].sum(), unit, 'none', lang)}"
            text += ")"
        notes.append(_mark_text(text, t["flag"]))
    else:
        notes.append(_t("no_total", lang))
    first = table.iloc[0]
    label = first[f"label_{lang}"]
    ax.set_xlabel(f"{label} ({_unit_label(unit, lang, data_dir=data_dir)})")
    _legend(ax, lang, kinds=table["kind"].astype(str), flags=table["flag"], bar=True,
            qualifier=(table["qualifier"] != "none").any())  # fmt: skip
    _header(ax, f"{label} – {first['province_name']}, {first['period']}", notes)
    _footer(ax.figure, table["source_id"].astype(str).unique(), lang, data_dir)
    drawn = table.assign(label="")
    drawn.loc[parts.index, "label"] = texts
    drawn["drawn_as"] = ["line" if b == "" else "bar" for b in drawn["breakdown"]]
    _attach_values(ax.figure, drawn)
    return ax


def progress_chart(province, *, lang="vi", ax=None, data_dir=None) -> Axes:
    """A province's targets and the latest actual value beside each (:func:`~cchc_data.analysis.progress_to_target`).

    One row per target (label and target period). Percentage targets are drawn on one 0–100 axis:
    the target as a hollow diamond labelled with its qualifier (``≥ 90%``), the actual as a solid dot in
    the province's colour with its period (the visual language of every chart: solid = achieved,
    hollow = target, red edge and ``⚠`` = inconsistent source). Targets in other units (counts, money)
    share no axis with percentages, so their row states the target in words instead of drawing it. A
    row without an actual says "no actual yet" and has no mark: never a zero. A province without
    targets gets an empty chart saying so. ``fig.cchc_values`` holds the targets and actuals.

    Parameters
    ----------
    {province}
    {lang}
    {ax}
    {data_dir}

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` holds the values drawn.

    See Also
    --------
    cchc_data.analysis.progress_to_target : The rows drawn.

    Examples
    --------
    >>> ax = progress_chart("Khánh Hòa", lang="en")
    >>> table = analysis.progress_to_target("Khánh Hòa")
    >>> sum("no actual yet" in t.get_text() for t in ax.texts) == int(table["actual"].isna().sum())
    True
    >>> ax.figure.cchc_values["kind"].unique().tolist()
    ['target', 'actual']
    >>> plt.close(ax.figure)
    """
    lang = i18n.check_lang(lang)
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
        _attach_values(ax.figure, table.iloc[0:0])
        return ax
    colour = province_colors(data_dir=data_dir).get(slug, "0.3")
    labels, notes_right, marks = [], [], []
    for i, row in enumerate(table.itertuples()):
        label = _row_label(getattr(row, f"label_{lang}"), row.breakdown, lang, data_dir)
        labels.append(_wrap(f"{label} ({row.target_period})", 55))
        target = _mark_text(f"{_t('target', lang)} {_fmt_value(row.target, row.unit, row.target_qualifier, lang)}",
                            row.flag)  # fmt: skip
        has_actual = not math.isnan(row.actual)
        actual = (
            _mark_text(
                f"{_t('actual', lang)} {_fmt_value(row.actual, row.unit, row.actual_qualifier, lang)} "
                f"({row.actual_period})",
                row.actual_flag,
            )  # fmt: skip
            if has_actual
            else _t("no_actual", lang)
        )
        on_axis = row.unit == "percent"
        marks.append({"fact_id": row.fact_id, "province": slug, "indicator": row.indicator, "period": row.target_period,
                      "kind": "target", "value": row.target, "unit": row.unit, "qualifier": row.target_qualifier,
                      "flag": row.flag, "source_id": row.source_id, "evidence": row.evidence, "row": i,
                      "drawn_as": "mark" if on_axis else "text"})  # fmt: skip
        if has_actual:
            marks.append({"fact_id": row.actual_fact_id, "province": slug, "indicator": row.indicator,
                          "period": row.actual_period, "kind": "actual", "value": row.actual, "unit": row.unit,
                          "qualifier": row.actual_qualifier, "flag": row.actual_flag,
                          "source_id": row.actual_source_id, "evidence": row.actual_evidence, "row": i,
                          "drawn_as": "mark" if on_axis else "text"})  # fmt: skip
        if on_axis:
            if has_actual:
                ax.plot([row.actual, row.target], [i, i], color="0.75", lw=2, zorder=1)
            notes_right.append((row.target, i, f"{target} · {actual}"))
        else:
            unit = _unit_label(row.unit, lang, data_dir=data_dir)
            notes_right.append((0.0, i, f"{target} · {actual}\n{_t('not_on_axis', lang, unit=unit)}"))
    import pandas as pd

    drawn = pd.DataFrame(marks)
    on = drawn[drawn["drawn_as"] == "mark"]
    for kind, gid in (("target", "target"), ("actual", "actual")):
        sub = on[on["kind"] == kind]
        _scatter_by_style(ax, sub["value"].tolist(), sub["row"].tolist(), sub["kind"].tolist(), sub["flag"].tolist(),
                          ["black" if kind == "target" else colour] * len(sub), gid=gid, s=45 if kind == "target" else 55)  # fmt: skip
    xs, ys, texts = zip(*notes_right, strict=True)
    _value_labels(ax, list(xs), list(ys), list(texts), xmax=100.0, inside_from=0.5)
    _rows_axis(ax, labels)
    ax.set_xlim(0, 100)
    ax.set_xlabel(_t("share_axis", lang))
    _legend(ax, lang, kinds=["actual", "target"], flags=drawn["flag"],
            qualifier=(drawn["qualifier"] != "none").any())  # fmt: skip
    _header(ax, title, [_t("percent_axis_note", lang)])
    used = [s for s in dict.fromkeys([*table["source_id"], *table["actual_source_id"]]) if s]
    _footer(ax.figure, used, lang, data_dir)
    _attach_values(ax.figure, drawn)
    return ax


def part_whole_chart(province=None, *, lang="vi", ax=None, data_dir=None) -> Axes:
    """Completion bars (0–100 %) derived from a part and its whole (:func:`~cchc_data.analysis.part_whole_shares`).

    Each bar is labelled ``191/195 = 97,9% (2017)``; the note under the title says the share is
    derived, not printed. With ``province=None`` every province is shown (rows name the province).
    Bars follow the visual language of every chart: solid = achieved, hatched = plan contents (e.g. 45
    of 120 bodies to cut), hollow = target, red edge and ``⚠`` = inconsistent source.
    ``fig.cchc_values`` holds the derived shares (``value``, percent) with ``part``, ``whole`` and both
    fact ids.

    Parameters
    ----------
    province : str or int, optional
        A province as :func:`cchc_data.resolve_province` accepts it. Default ``None``: every province.
    {lang}
    {ax}
    {data_dir}

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` holds the values drawn.

    Examples
    --------
    >>> ax = part_whole_chart("Hà Giang", lang="en")
    >>> [t.get_text() for t in ax.texts if t.get_text().startswith("191/")]
    ['191/195 = 97.9% (2017)']
    >>> plt.close(ax.figure)
    """
    lang = i18n.check_lang(lang)
    frame = None if province is None else load_indicators(province=province, data_dir=data_dir)
    table = analysis.part_whole_shares(frame, data_dir=data_dir)
    where = _province_name(province, data_dir) if province is not None else _t("all_provinces", lang)
    ax = _new_axes(ax, len(table), width=11)
    title = f"{_t('part_whole_title', lang)} – {where}"
    if table.empty:
        ax.text(0.5, 0.5, _t("no_pairs", lang, name=where), ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        _header(ax, title, [_t("derived", lang)])
        _footer(ax.figure, [], lang, data_dir)
        _attach_values(ax.figure, table.iloc[0:0])
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
        prefix = f"{_t(str(row.kind), lang)} " if str(row.kind) != "actual" else ""
        texts.append(_mark_text(f"{prefix}{symbol + ' ' if symbol else ''}{counts} = {share} ({row.period})", row.flag))
    ys = np.arange(len(table))
    shares = table["share"].to_numpy(dtype=float)
    for y, row, share in zip(ys, table.itertuples(), shares, strict=True):
        if math.isnan(share):
            continue
        style = _kind_style(row.kind, colours.get(str(row.province), "0.5"), flag=row.flag, bar=True)
        ax.barh([y], [share], height=0.65, zorder=2, gid=f"bar:{row.fact_id}", **style)
    _value_labels(ax, list(shares), list(ys), texts, xmax=100.0, inside_from=0.6)
    _rows_axis(ax, labels)
    ax.set_xlim(0, 100)
    ax.set_xlabel(_t("share_axis", lang))
    _legend(ax, lang, kinds=table["kind"].astype(str), flags=table["flag"], bar=True,
            qualifier=(table["qualifier"].astype(str) != "none").any())  # fmt: skip
    _header(ax, title, [_t("derived", lang)])
    _footer(ax.figure, table["source_id"].astype(str).unique(), lang, data_dir)
    _attach_values(ax.figure, table.assign(value=table["share"], unit="percent", label=texts))
    return ax


def profile_chart(province, *, lang="vi", fig=None, data_dir=None) -> Figure:
    """Small multiples of a province's facts, one panel per domain that has facts (:func:`~cchc_data.analysis.profile`).

    Counts of different indicators share no scale, so each panel draws the domain's percentage facts
    (totals) as marks on a 0–100 axis in the visual language of every chart (solid dot: achieved;
    hatched square: plan contents; hollow diamond: target; red edge and ``⚠``: inconsistent source),
    each labelled with its value and period, and its title says how many facts the domain has and which
    were not drawn (other units, breakdown rows). A domain with no percentage total is a panel with
    that note only. ``fig.cchc_values`` holds the values drawn.

    Parameters
    ----------
    {province}
    {lang}
    {fig}
    {data_dir}

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on, one axes per panel; ``fig.cchc_values`` holds the values drawn.

    See Also
    --------
    cchc_data.analysis.profile : The facts drawn.

    Examples
    --------
    >>> fig = profile_chart("Đắk Lắk", lang="en")
    >>> [a.get_title(loc="left").split(" – ")[0] for a in fig.axes]
    ['Direction and management of PAR', 'E-government and digital government']
    >>> plt.close(fig)
    """
    lang = i18n.check_lang(lang)
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
        fig = plt.figure(figsize=(12, sum(ratios) + 0.45 * len(panels) + 1.6), layout="constrained")
    elif fig.get_layout_engine() is None:
        fig.set_layout_engine("constrained")
    axes = fig.subplots(len(panels), 1, height_ratios=ratios, squeeze=False)[:, 0]
    all_drawn = []
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
        kinds = drawn["kind"].astype(str).tolist()
        values = drawn["value"].to_numpy(dtype=float)
        achieved = np.array([k == "actual" for k in kinds])
        axis.hlines(ys[achieved], 0, values[achieved], color="0.85", lw=1, zorder=1)
        _scatter_by_style(axis, list(values), list(ys), kinds, drawn["flag"].tolist(),
                          [colour if k == "actual" else ("black" if k == "target" else colour) for k in kinds],
                          gid=None, s=45)  # fmt: skip
        texts = []
        for row in drawn.itertuples():
            prefix = f"{_t(str(row.kind), lang)} " if str(row.kind) != "actual" else ""
            texts.append(_mark_text(f"{prefix}{_fmt_value(row.value, 'percent', row.qualifier, lang)} ({row.period})",
                                    row.flag))  # fmt: skip
        _value_labels(axis, list(values), list(ys), texts, xmax=100.0, inside_from=0.55)
        _rows_axis(axis, [_wrap(label, wrap) for label in drawn[f"label_{lang}"]])
        axis.set_xlim(0, 100)
        axis.set_xlabel("%", fontsize=8, labelpad=1)
        axis.tick_params(axis="x", labelsize=8)
        _legend(
            axis, lang, kinds=kinds, flags=drawn["flag"], qualifier=(drawn["qualifier"].astype(str) != "none").any()
        )
        _header(axis, title, [note])
        all_drawn.append(drawn.assign(province=slug, label=texts))
    fig.suptitle(f"{_t('profile_title', lang)} – {name}", x=0.01, ha="left", fontsize=13, fontweight="bold")
    _footer(fig, table["source_id"].astype(str).unique(), lang, data_dir, note=_t("profile_note", lang))
    import pandas as pd

    _attach_values(fig, pd.concat(all_drawn, ignore_index=True) if all_drawn else table.iloc[0:0].assign(province=slug))
    return fig


_PNG_DPI = 150


def save_figure(fig, name, *, figures_dir="figures") -> list[Path]:
    """Write ``<figures_dir>/<slug>.png`` and ``.svg`` (byte-identical from run to run), and ``<slug>.csv``
    of exactly the values drawn when the chart carries them (``fig.cchc_values``).

    The name is ASCII-slugified (``"So sánh Khánh Hòa"`` → ``so-sanh-khanh-hoa``) and the folder created.
    The SVG gets a fixed hash salt (stable clip-path ids) and no date; the PNG no software/date stamp. The
    CSV (UTF-8 with a BOM, for spreadsheets) keeps every column of ``fig.cchc_values`` and adds the source's
    title, publisher and date beside ``source_id``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure or matplotlib.axes.Axes
        The chart to save (an axes stands for its figure).
    name : str
        The file name without extension, in any script; it is slugified.
    figures_dir : str or pathlib.Path, default "figures"
        The folder to write to, created if needed.

    Returns
    -------
    list of pathlib.Path
        The files written: PNG, SVG and, when the chart carries ``cchc_values``, CSV.

    See Also
    --------
    show_figure : Save, close and show a chart in a notebook.

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
    _as_written(fig)
    with plt.rc_context({"svg.hashsalt": "cchc-analysis", "svg.fonttype": "path", "text.parse_math": False}):
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

    Parameters
    ----------
    fig : matplotlib.figure.Figure or matplotlib.axes.Axes
        The chart to save and show (an axes stands for its figure).
    name : str
        The file name without extension, as :func:`save_figure` takes it.
    figures_dir : str or pathlib.Path, default "figures"
        The folder to write to, created if needed.
    dpi : int, default 100
        Resolution of the shown PNG.
    {lang}

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


share_docs_in(globals())
