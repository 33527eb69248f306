"""Charts of the national indices (PAR INDEX, SIPAS, PAPI, PCI), in Vietnamese or English.

Same conventions as :mod:`cchc_data.plotting`: ``lang`` is ``"vi"`` or ``"en"``; chart functions take
``ax=`` (figure-level ones ``fig=``), return what they drew, and name their sources and the data version
in a footer. Each figure carries ``fig.cchc_values``: the frame of exactly the values drawn (one row
per number, with its source and evidence).

Examples
--------
>>> ax = trajectory_chart("Khánh Hòa", "papi", lang="en")
>>> ax.figure.cchc_values.query("scope == 'province' and measure == 'score'")["value"].tolist()
[42.16, 39.14, 43.4369, 44.9419]
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import i18n, national
from .._docstrings import share_docs_in
from ..province_registry import provinces, resolve_province
from ._furniture import SOURCE_COLUMNS, _fmt_number, _footer, _header, chart_frame, province_colors

__all__ = [
    "trajectory_chart", "province_trajectories", "comparison_chart", "draw_trajectory", "draw_index_comparison",
    "VALUE_COLUMNS",
]  # fmt: skip

#: Columns of ``fig.cchc_values`` (the shared chart contract), then the chart-specific ones.
VALUE_COLUMNS = [
    "fact_id", "province", "indicator", "period", "kind", "value", "unit", "qualifier", "flag", "source_id",
    "evidence", "measure", "scope", "comparable", "source_url",
]  # fmt: skip

_GREY = "0.45"
_REF_SHIFT = 0.12  # years: national reference marks sit just left of the province's point


def _score_text(value, unit: str, lang: str) -> str:
    text = _fmt_number(value, lang)
    return text + "%" if unit == "percent" and text != "–" else text


def _rank_text(rank, of, lang: str) -> str:
    if rank is None or (isinstance(rank, float) and math.isnan(rank)):
        return ""
    r = _fmt_number(rank, lang)
    if of is None or (isinstance(of, float) and math.isnan(of)):
        return i18n.t("chart_national.rank_label", lang, rank=r)
    return i18n.t("chart_national.rank_of", lang, rank=r, of=_fmt_number(of, lang))


def _values_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """The national index rows drawn, in the shared ``cchc_values`` shape."""
    out = pd.DataFrame(
        {
            "fact_id": rows["id"],
            "province": rows["province"],
            "indicator": rows["index"],
            "period": rows["period"].astype(str),
            "kind": "actual",
            "value": rows["value"],
            "unit": rows["unit"],
            "qualifier": rows["qualifier"],
            "flag": rows["flag"],
            "source_id": rows["source_id"],
            "evidence": rows["evidence"],
            "measure": rows["measure"],
            "scope": rows["scope"],
            "comparable": rows["comparable"],
            "source_url": rows["source_url"],
        }
    )
    for col in SOURCE_COLUMNS:  # described by chart_frame: written beside source_id in the chart's CSV
        if col in rows:
            out[col] = rows[col]
    return out[VALUE_COLUMNS + [c for c in SOURCE_COLUMNS if c in out]].reset_index(drop=True)


def _attach(fig: Figure, frame: pd.DataFrame) -> None:
    """Add the values drawn to ``fig.cchc_values`` (charts sharing a figure add up)."""
    before = getattr(fig, "cchc_values", None)
    fig.cchc_values = frame if before is None else pd.concat([before, frame], ignore_index=True)


def _drawn_rows(index: str, province: str, years, data_dir) -> pd.DataFrame:
    """The rows behind a trajectory: the province's scores and ranks, the national values of its years."""
    every = national.national_indices(index=index, data_dir=data_dir)
    own = (every["province"] == province) & every["measure"].isin(["score", "rank"])
    ref = (every["scope"] != "province") & every["period"].isin(list(years))
    return every[own | ref]


def _new_ax(ax):
    if ax is not None:
        return ax
    fig = plt.figure(figsize=(7.5, 4.6), layout="constrained")
    return fig.add_subplot()


def trajectory_chart(province, index, *, lang="vi", ax=None, data_dir=None) -> Axes:
    """A province's score on one national index over the years, rank written beside each point.

    The national average (where a source prints it) is drawn as grey crosses, the national lowest to
    highest score as a grey bar; years before the index's ``comparable_from`` have hollow marks. Missing
    years are gaps, never filled in; a province without any value gets an empty panel saying so.

    Parameters
    ----------
    {province}
    index : str
        ``"par_index"``, ``"sipas"``, ``"papi"`` or ``"pci"``, or as users write them (see
        :func:`cchc_data.national.check_index`).
    {lang}
    {ax}
    {data_dir}

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` lists the values drawn.

    Examples
    --------
    >>> ax = trajectory_chart("dak-lak", "PCI", lang="vi")
    >>> ax.get_title(loc="left")
    'Đắk Lắk – PCI'
    >>> sorted(ax.figure.cchc_values["fact_id"])[:2]
    ['baonghean-en-2023-pci-001', 'daklakipc-pci-2016-001']
    >>> plt.close(ax.figure)
    """
    lang = i18n.check_lang(lang)
    code = national.check_index(index, data_dir=data_dir)
    slug = resolve_province(province, data_dir=data_dir)
    name = provinces(data_dir=data_dir).set_index("slug").at[slug, "name_vi"]
    cat = national.national_index_catalog(data_dir=data_dir).set_index("index").loc[code]
    try:
        t = national.index_trajectory(slug, code, data_dir=data_dir)
    except ValueError:  # the province has no national index value at all
        t = pd.DataFrame()
    years = t["period"].astype(int).tolist() if len(t) else []
    rows = chart_frame(_drawn_rows(code, slug, years, data_dir), data_dir=data_dir)
    color = province_colors(data_dir=data_dir)[slug]
    return draw_trajectory(t, rows, index=cat, lang=lang, ax=ax, name=name, color=color)


def draw_trajectory(frame, values, *, index, lang="vi", ax=None, name="", color="0.3") -> Axes:
    """Draw a trajectory (:func:`cchc_data.national.index_trajectory`) as :func:`trajectory_chart` does.

    Parameters
    ----------
    frame : pandas.DataFrame
        One province's years on one index, as :func:`cchc_data.national.index_trajectory` returns them;
        empty for a province without any value (the panel says so).
    values : pandas.DataFrame
        The rows of :func:`cchc_data.national_indices` behind it, best passed through
        :func:`cchc_data.plotting.chart_frame`: ``fig.cchc_values`` and the footer's sources.
    index : pandas.Series or dict
        The index's row of :func:`cchc_data.national.national_index_catalog` (``short_vi``, ``short_en``,
        ``unit``, ``comparable_from``).
    {lang}
    {ax}
    name : str, default ""
        The province's name, in the title.
    color : str, default "0.3"
        The province's colour.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` lists the values drawn.

    Examples
    --------
    >>> from cchc_data import national
    >>> from cchc_data.plotting import chart_frame
    >>> t = national.index_trajectory("khanh-hoa", "papi")
    >>> info = national.national_index_catalog().set_index("index").loc["papi"]
    >>> ax = draw_trajectory(t, chart_frame(national.national_indices(index="papi").iloc[0:0]), index=info,
    ...                      name="Khánh Hòa", lang="en")
    >>> ax.get_title(loc="left")
    'Khánh Hòa – PAPI'
    >>> plt.close(ax.figure)
    """
    lang = i18n.check_lang(lang)
    t, cat = frame, index
    short = cat["short_vi" if lang == "vi" else "short_en"]
    ax = _new_ax(ax)
    fig = ax.figure
    title = f"{name} – {short}"
    if t.empty:
        ax.set_axis_off()
        _header(ax, title, [])
        ax.text(0.5, 0.5, i18n.t("chart_national.no_data", lang, name=name, index=short), ha="center", va="center",
                transform=ax.transAxes, color=_GREY, fontsize=9, wrap=True)  # fmt: skip
        _attach(fig, _values_frame(values.iloc[0:0]))
        _footer(fig, values.iloc[0:0], lang)
        return ax
    unit = cat["unit"]
    years = t["period"].astype(int).tolist()
    has = t["score"].notna()
    ax.plot(t.loc[has, "period"], t.loc[has, "score"], color=color, lw=1.6, zorder=2)
    for _, r in t.iterrows():
        year = int(r["period"])
        ref = year - _REF_SHIFT  # national values just left of the province's point
        if not math.isnan(r["national_min"]) and not math.isnan(r["national_max"]):
            ax.vlines(ref, r["national_min"], r["national_max"], color="0.8", lw=5, zorder=1)
        elif not math.isnan(r["national_max"]):
            ax.plot(ref, r["national_max"], marker="v", color="0.6", ms=6, lw=0, zorder=1)
        elif not math.isnan(r["national_min"]):
            ax.plot(ref, r["national_min"], marker="^", color="0.6", ms=6, lw=0, zorder=1)
        q = i18n.value_label("qualifier_symbol", r["national_max_qualifier"], lang)
        if q and not math.isnan(r["national_max"]):  # e.g. "the leaders scored above 46.6"
            ax.annotate(f"{q} {_fmt_number(r['national_max'], lang)}", xy=(ref, r["national_max"]), xytext=(0, 3),
                        textcoords="offset points", ha="center", va="bottom", fontsize=6.5, color=_GREY)  # fmt: skip
        if not math.isnan(r["national_average"]):
            ax.plot(ref, r["national_average"], marker="x", color=_GREY, ms=7, mew=1.5, zorder=3)
        label = _rank_text(r["rank"], r["provinces_ranked"], lang)
        if math.isnan(r["score"]):
            if label:
                ax.plot(
                    year, 0, marker="|", ms=10, mew=2, color=color, transform=ax.get_xaxis_transform(), clip_on=False
                )
                ax.annotate(i18n.t("chart_national.rank_only", lang, year=year, rank=label), xy=(year, 0), xycoords=("data", "axes fraction"),
                            xytext=(4, 6), textcoords="offset points", ha="left", fontsize=7.5, color=color)  # fmt: skip
            continue
        face = color if r["comparable"] else "white"
        ax.plot(year, r["score"], marker="o", ms=7, mfc=face, mec=color, mew=1.5, zorder=4)
        text = _score_text(r["score"], unit, lang) + (f"\n{label}" if label else "")
        ax.annotate(text, xy=(year, r["score"]), xytext=(7, 0), textcoords="offset points", ha="left",
                    va="center", fontsize=7.5, color="0.15", zorder=5)  # fmt: skip
    ax.set_xticks(years, [str(y) for y in years])
    lo = np.nanmin(t[["score", "national_min", "national_average"]].to_numpy(dtype=float))
    hi = np.nanmax(t[["score", "national_max", "national_average"]].to_numpy(dtype=float))
    pad = max(2.0, (hi - lo) * 0.35)
    ax.set_ylim(lo - pad, hi + pad * 1.3)
    if len(years) == 1:
        ax.set_xlim(years[0] - 1, years[0] + 1.3)
    else:
        span = years[-1] - years[0]
        ax.set_xlim(years[0] - max(0.6, span * 0.08), years[-1] + max(0.9, span * 0.22))
    ax.set_ylabel(i18n.t("national.column.score", lang) + (" (%)" if unit == "percent" else ""))
    ax.set_xlabel(i18n.t("chart_national.year", lang), fontsize=8)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: _fmt_number(v, lang)))
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="0.92")
    ax.tick_params(labelsize=8)
    notes = [i18n.t("chart_national.trajectory_note", lang)]
    if not t["comparable"].all():
        notes.append(i18n.t("chart_national.not_comparable", lang, year=int(cat["comparable_from"])))
    if t["disputed"].any():
        notes.append(
            i18n.t(
                "chart_national.disputed", lang, years=", ".join(str(int(y)) for y in t.loc[t["disputed"], "period"])
            )
        )
    odd = t["flags"].str.contains("format_anomaly")
    if odd.any():
        notes.append(i18n.t("chart_national.flagged", lang, years=", ".join(str(int(y)) for y in t.loc[odd, "period"])))
    _header(ax, title, notes)
    legend = []
    if t["national_average"].notna().any():
        legend.append(
            Line2D([], [], marker="x", color=_GREY, lw=0, mew=1.5, label=i18n.t("chart_national.average", lang))
        )
    both = t["national_max"].notna() & t["national_min"].notna()
    if both.any():
        legend.append(Line2D([], [], color="0.8", lw=5, label=i18n.t("chart_national.range", lang)))
    if (t["national_max"].notna() & ~both).any():
        legend.append(Line2D([], [], marker="v", color="0.6", lw=0, label=i18n.t("chart_national.top", lang)))
    if (t["national_min"].notna() & ~both).any():
        legend.append(Line2D([], [], marker="^", color="0.6", lw=0, label=i18n.t("chart_national.bottom", lang)))
    if legend:
        ax.legend(handles=legend, loc="lower right", fontsize=7, frameon=False)
    _attach(fig, _values_frame(values))
    _footer(fig, values, lang)
    return ax


def province_trajectories(province, *, lang="vi", fig=None, data_dir=None) -> Figure:
    """The four national indices of one province, one panel each (empty panels say what is missing).

    Each panel is a :func:`trajectory_chart`.

    Parameters
    ----------
    {province}
    {lang}
    {fig}
    {data_dir}

    Returns
    -------
    matplotlib.figure.Figure
        The figure, four axes in the order PAR INDEX, SIPAS, PAPI, PCI; ``fig.cchc_values`` lists the
        values drawn.

    Raises
    ------
    ValueError
        If the province is unknown or ``lang`` is not ``"vi"`` or ``"en"``.

    Examples
    --------
    >>> fig = province_trajectories("Hà Giang", lang="en")
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['Hà Giang – PAR INDEX', 'Hà Giang – SIPAS', 'Hà Giang – PAPI', 'Hà Giang – PCI']
    >>> sorted(fig.cchc_values["indicator"].unique())
    ['papi', 'pci']
    >>> plt.close(fig)
    """
    lang = i18n.check_lang(lang)
    slug = resolve_province(province, data_dir=data_dir)
    if fig is None:
        fig = plt.figure(figsize=(12, 9), layout="constrained")
    axes = fig.subplots(2, 2).ravel()
    for ax, code in zip(axes, national.INDICES, strict=True):
        trajectory_chart(slug, code, lang=lang, ax=ax, data_dir=data_dir)
    name = provinces(data_dir=data_dir).set_index("slug").at[slug, "name_vi"]
    fig.suptitle(
        i18n.t("chart_national.trajectories_title", lang, name=name), x=0.01, ha="left", fontweight="bold", fontsize=12
    )
    return fig


def comparison_chart(index, period=None, *, lang="vi", ax=None, data_dir=None) -> Axes:
    """The provinces side by side on one index for one year: bars of scores, ranks in the labels.

    A province without a value that year gets an empty row saying so; the national average (dashed)
    and lowest/highest scores (dotted) are drawn where a source prints them.

    Parameters
    ----------
    index : str
        The index (see :func:`cchc_data.national.check_index`).
    period : int, optional
        The year the index is for. Default ``None``: the latest year with any province's value.
    {lang}
    {ax}
    {data_dir}

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` lists the values drawn.

    Raises
    ------
    ValueError
        If the index is unknown, no province has a value that year, or ``lang`` is not ``"vi"`` or ``"en"``.

    See Also
    --------
    cchc_data.national.index_comparison : The values drawn, as a table.

    Examples
    --------
    >>> ax = comparison_chart("pci", 2022, lang="en")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Đắk Lắk', 'Hà Giang', 'Khánh Hòa']
    >>> ax.figure.cchc_values.query("scope == 'province'")[["province", "measure", "value"]].values.tolist()
    [['dak-lak', 'rank', 60.0], ['dak-lak', 'score', 60.91], ['ha-giang', 'rank', 41.0], ['ha-giang', 'score', 64.39]]
    >>> plt.close(ax.figure)
    """
    lang = i18n.check_lang(lang)
    code = national.check_index(index, data_dir=data_dir)
    c = national.index_comparison(code, period, data_dir=data_dir)
    year = int(c["period"].iloc[0])
    cat = national.national_index_catalog(data_dir=data_dir).set_index("index").loc[code]
    every = national.national_indices(index=code, data_dir=data_dir)
    drawn = every[
        (every["period"] == year) & ((every["scope"] != "province") | every["measure"].isin(["score", "rank"]))
    ]
    drawn = drawn[(drawn["scope"] != "province") | drawn["province"].isin(c["province"])]
    return draw_index_comparison(
        c,
        chart_frame(drawn, data_dir=data_dir),
        index=cat,
        lang=lang,
        ax=ax,
        palette=province_colors(data_dir=data_dir),
    )


def draw_index_comparison(frame, values, *, index, lang="vi", ax=None, palette=None) -> Axes:
    """Draw a comparison (:func:`cchc_data.national.index_comparison`) as :func:`comparison_chart` does.

    Parameters
    ----------
    frame : pandas.DataFrame
        The provinces on one index for one year, as :func:`cchc_data.national.index_comparison` returns them.
    values : pandas.DataFrame
        The rows of :func:`cchc_data.national_indices` behind it, best passed through
        :func:`cchc_data.plotting.chart_frame`: ``fig.cchc_values`` and the footer's sources.
    index : pandas.Series or dict
        The index's row of :func:`cchc_data.national.national_index_catalog` (``short_*``, ``unit``,
        ``scale_*``, ``comparable_from``).
    {lang}
    {ax}
    palette : dict of str to str, optional
        Colour per province slug. Default ``None``: :func:`cchc_data.plotting.province_colors`.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` lists the values drawn.

    Examples
    --------
    >>> from cchc_data import national
    >>> c = national.index_comparison("pci", 2022)
    >>> info = national.national_index_catalog().set_index("index").loc["pci"]
    >>> ax = draw_index_comparison(c, national.national_indices(index="pci").iloc[0:0], index=info, lang="en")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Đắk Lắk', 'Hà Giang', 'Khánh Hòa']
    >>> plt.close(ax.figure)
    """
    lang = i18n.check_lang(lang)
    c, cat = frame, index
    year = int(c["period"].iloc[0])
    short = cat["short_vi" if lang == "vi" else "short_en"]
    unit = cat["unit"]
    colors = province_colors() if palette is None else palette
    if ax is None:
        fig = plt.figure(figsize=(7.5, 1.2 + 0.55 * len(c) + 1.4), layout="constrained")
        ax = fig.add_subplot()
    fig = ax.figure
    ys = np.arange(len(c))[::-1]
    top = np.nanmax(c[["score", "national_max"]].to_numpy(dtype=float)) if c["score"].notna().any() else 100.0
    for y, (_, r) in zip(ys, c.iterrows(), strict=True):
        if math.isnan(r["score"]):
            ax.text(0, y, "  " + i18n.t("chart_national.no_value", lang), va="center", fontsize=8, color=_GREY)
            continue
        ax.barh(y, r["score"], color=colors[r["province"]], height=0.5,
                hatch=None if r["comparable"] else "//", edgecolor="white")  # fmt: skip
        label = _score_text(r["score"], unit, lang)
        rank = _rank_text(r["rank"], r["provinces_ranked"], lang)
        ax.text(r["score"] + top * 0.01, y, f"{label}  {rank}".strip(), va="center", fontsize=8)
    first = c.iloc[0]
    handles = []
    if not math.isnan(first["national_average"]):
        ax.axvline(first["national_average"], color=_GREY, ls="--", lw=1)
        handles.append(Line2D([], [], color=_GREY, ls="--", label=f"{i18n.t('chart_national.average', lang)}: {_score_text(first['national_average'], unit, lang)}"))  # fmt: skip
    for col in ("national_min", "national_max"):
        if not math.isnan(first[col]):
            ax.axvline(first[col], color="0.7", ls=":", lw=1)
    if not (math.isnan(first["national_min"]) and math.isnan(first["national_max"])):
        lo = _score_text(first["national_min"], unit, lang)
        hi = _score_text(first["national_max"], unit, lang)
        q = i18n.value_label("qualifier_symbol", first.get("national_max_qualifier", ""), lang)
        hi = i18n.t("chart_national.bounded", lang, q=q, value=hi) if q else hi
        handles.append(
            Line2D([], [], color="0.7", ls=":", label=f"{i18n.t('chart_national.range', lang)}: {lo} – {hi}")
        )
    ax.set_yticks(ys, c["province_name"].tolist())
    ax.set_ylim(-0.6, len(c) - 0.4)
    ax.set_xlim(0, top * 1.3)
    ax.set_xlabel(i18n.t("national.column.score", lang) + (" (%)" if unit == "percent" else ""))
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: _fmt_number(v, lang)))
    ax.spines[["top", "right"]].set_visible(False)
    notes = [
        i18n.t("chart_national.comparison_note", lang, year=year),
        i18n.t("chart_national.scale", lang, scale=cat["scale_vi" if lang == "vi" else "scale_en"]),
    ]
    if not bool(first["comparable"]):
        notes.append(i18n.t("chart_national.not_comparable_bar", lang, year=int(cat["comparable_from"])))
    _header(ax, i18n.t("chart_national.comparison_title", lang, index=short, year=year), notes)
    if handles:
        ax.legend(handles=handles, loc="lower right", fontsize=7, frameon=False)
    _attach(fig, _values_frame(values))
    _footer(fig, values, lang)
    return ax


share_docs_in(globals())
