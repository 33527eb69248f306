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
from ..tables import publisher_name
from ._furniture import SOURCE_COLUMNS, _fmt_number, _footer, _header, chart_frame, province_colors
from ._labels import HANGING, LabelPlacer

__all__ = [
    "trajectory_chart", "province_trajectories", "comparison_chart", "distribution_chart", "draw_trajectory",
    "draw_index_comparison", "segments", "method_breaks", "method_of", "VALUE_COLUMNS",
]  # fmt: skip

#: Columns of ``fig.cchc_values`` (the shared chart contract), then the chart-specific ones.
VALUE_COLUMNS = [
    "fact_id", "province", "indicator", "period", "kind", "value", "unit", "qualifier", "flag", "source_id",
    "evidence", "measure", "scope", "comparable", "source_url", "source_kind",
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
            "source_kind": rows["source_kind"],
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


def method_breaks(cat_row) -> list[int]:
    """The years from which a new method applies (the catalog's ``method_breaks``), ascending.

    Parameters
    ----------
    cat_row : mapping
        One row of :func:`cchc_data.national.national_index_catalog` (a Series or a dict).

    Returns
    -------
    list of int
        The years, ascending; empty when the index never changed its method.

    Examples
    --------
    >>> method_breaks({"method_breaks": "2022;2024"})
    [2022, 2024]
    """
    text = cat_row.get("method_breaks", "") or ""
    return sorted(int(y) for y in str(text).split(";") if y.strip())


def method_of(year: int, breaks) -> int:
    """Which method measured ``year``: the number of method changes at or before it.

    Parameters
    ----------
    year : int
        The year the index is for.
    breaks : sequence of int
        The years from which a new method applies (:func:`method_breaks`).

    Returns
    -------
    int
        0 for the first method, 1 after the first change, and so on.

    Examples
    --------
    >>> [method_of(y, [2022, 2024]) for y in (2021, 2022, 2023, 2024)]
    [0, 1, 1, 2]
    """
    return sum(int(year) >= b for b in breaks)


def segments(periods, methods) -> list[tuple[int, int]]:
    """The pairs of years a line may join: consecutive years measured by the same method.

    Parameters
    ----------
    periods : sequence of int
        The years with a score, ascending.
    methods : sequence
        For each year, which method measured it (:func:`method_of`, or the ``comparable`` flag).

    Returns
    -------
    list of tuple
        ``(year, next_year)`` pairs; a gap or a method change between two years breaks the line.

    Examples
    --------
    >>> segments([2016, 2017, 2019, 2020], [False, True, True, True])
    [(2019, 2020)]
    """
    years = [int(y) for y in periods]
    same = list(methods)
    return [
        (a, b)
        for (a, b), (ca, cb) in zip(zip(years, years[1:], strict=False), zip(same, same[1:], strict=False), strict=True)
        if b == a + 1 and ca == cb
    ]


def _weak_years(values: pd.DataFrame) -> set[int]:
    """Years whose province score, among the rows drawn, rests only on secondary or mirror pages."""
    if values.empty or "source_kind" not in values:
        return set()
    scores = values[(values["scope"] == "province") & (values["measure"] == "score")]
    weak = scores.groupby("period")["source_kind"].agg(lambda k: set(k) <= set(national.WEAK_KINDS))
    return {int(y) for y, w in weak.items() if w}


def trajectory_chart(province, index, *, lang="vi", ax=None, data_dir=None) -> Axes:
    """A province's score on one national index over the years, rank written beside each point.

    The national average (where a source prints it) is drawn as grey crosses, the national lowest to
    highest score as a grey bar; years before the index's ``comparable_from`` have hollow marks and a
    rule marks the method change. A line joins two points only when the years are consecutive and the
    method is the same (:func:`segments`); missing years are gaps, never filled in. The score axis runs
    over the index's whole scale, or the chart says where its zoom starts. A score that only a
    secondary or mirror page prints carries a dagger (†). A province without any value gets a sentence
    instead of a chart.

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
    >>> {"daklakipc-pci-2016-001", "pcivietnam-2015-table-001"} <= set(ax.figure.cchc_values["fact_id"])
    True
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
    scored = t[has]
    by_year = scored.set_index(scored["period"].astype(int))["score"]
    breaks = method_breaks(cat)
    for a, b in segments(scored["period"], [method_of(y, breaks) for y in scored["period"].astype(int)]):
        ax.plot([a, b], [by_year[a], by_year[b]], color=color, lw=1.6, zorder=2, gid="trajectory-segment")
    weak = _weak_years(values)
    value_labels = []  # placed where they overlap nothing once the chart's size is known (close years, close scores)
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
        dagger = " †" if year in weak else ""
        text = _score_text(r["score"], unit, lang) + dagger + (f"\n{label}" if label else "")
        value_labels.append(ax.annotate(text, xy=(year, r["score"]), xytext=(7, 0), textcoords="offset points",
                                        ha="left", va="center", fontsize=7.5, color="0.15", zorder=5,
                                        gid="value-label"))  # fmt: skip
    ax.set_xticks(years, [str(y) for y in years])
    lo = np.nanmin(t[["score", "national_min", "national_average"]].to_numpy(dtype=float))
    hi = np.nanmax(t[["score", "national_max", "national_average"]].to_numpy(dtype=float))
    top = float(cat["scale_max"])
    pad = max(2.0, (hi - lo) * 0.35)
    bottom = max(0.0, math.floor((lo - pad) / 5) * 5)  # a round zoom, stated on the chart
    ax.set_ylim(bottom, min(top, hi + pad * 1.3))
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
    notes = [i18n.t("chart_national.trajectory_note", lang), i18n.t("chart_national.no_line", lang)]
    if bottom > 0:
        notes.append(i18n.t("chart_national.zoom", lang, lo=_fmt_number(bottom, lang), top=_fmt_number(top, lang)))
    change = int(cat["comparable_from"])
    if not t["comparable"].all():
        notes.append(i18n.t("chart_national.not_comparable", lang, year=change))
    labels_change = str(cat[f"method_change_{lang}"] or "").split(";")
    method_labels = []  # two changes close together: the second note hangs lower, or left of its line
    for b, label_change in zip(breaks, labels_change, strict=False):
        if not years[0] < b <= years[-1]:
            continue  # a method change is drawn only between two years on the chart
        ax.axvline(b - 0.5, color="0.5", lw=1, ls=(0, (4, 2)), zorder=1, gid="method-change")
        method_labels.append(ax.annotate(label_change.format(year=b), xy=(b - 0.5, 1), xycoords=("data", "axes fraction"), xytext=(3, -3),
                    textcoords="offset points", ha="left", va="top", fontsize=7, color="0.35", gid="method-label"))  # fmt: skip
    if weak & set(years):
        notes.append(i18n.t("chart_national.weak", lang, years=", ".join(str(y) for y in sorted(weak & set(years)))))
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
    LabelPlacer.attach(ax, value_labels, first=[(method_labels, HANGING)])
    _attach(fig, _values_frame(values))
    _footer(fig, values, lang)
    return ax


def province_trajectories(province, *, lang="vi", fig=None, data_dir=None) -> Figure:
    """The national indices of one province, one panel each for the indices with a published value.

    Each panel is a :func:`trajectory_chart`; the indices without any value found are named in one
    sentence, a note above the footer's sources, never drawn as empty panels.

    Parameters
    ----------
    {province}
    {lang}
    {fig}
    {data_dir}

    Returns
    -------
    matplotlib.figure.Figure
        The figure, one axes per index with values, in the order PAR INDEX, SIPAS, PAPI, PCI;
        ``fig.cchc_values`` lists the values drawn.

    Raises
    ------
    ValueError
        If the province is unknown or ``lang`` is not ``"vi"`` or ``"en"``.

    Examples
    --------
    >>> fig = province_trajectories("Hà Giang", lang="en")
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['Hà Giang – PAPI', 'Hà Giang – PCI']
    >>> sorted(fig.cchc_values["indicator"].unique())
    ['papi', 'pci']
    >>> plt.close(fig)
    """
    lang = i18n.check_lang(lang)
    slug = resolve_province(province, data_dir=data_dir)
    codes = [c for c in national.INDICES if not national.index_trajectory(slug, c, data_dir=data_dir).empty]
    missing = [c for c in national.INDICES if c not in codes]
    if fig is None:
        rows = max(1, math.ceil(len(codes) / 2))
        fig = plt.figure(figsize=(12, 1.2 + 4.3 * rows), layout="constrained")
    name = provinces(data_dir=data_dir).set_index("slug").at[slug, "name_vi"]
    cat = national.national_index_catalog(data_dir=data_dir).set_index("index")
    title = i18n.t("chart_national.trajectories_title", lang, name=name)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=12)
    if codes:
        axes = fig.subplots(max(1, math.ceil(len(codes) / 2)), 2 if len(codes) > 1 else 1, squeeze=False).ravel()
        for ax, code in zip(axes, codes, strict=False):
            trajectory_chart(slug, code, lang=lang, ax=ax, data_dir=data_dir)
        for ax in axes[len(codes) :]:
            fig.delaxes(ax)
    else:
        _attach(fig, _values_frame(national.national_indices(data_dir=data_dir).iloc[0:0]))
    if missing:  # a note in the footer, in the note's type: the title is the title
        shorts = ", ".join(cat.at[c, "short_vi" if lang == "vi" else "short_en"] for c in missing)
        none = chart_frame(national.national_indices(data_dir=data_dir).iloc[0:0], data_dir=data_dir)
        _footer(fig, none, lang, note=i18n.t("chart_national.none_for", lang, indices=shorts))
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
    [['dak-lak', 'rank', 60.0], ['dak-lak', 'score', 60.91], ['ha-giang', 'rank', 41.0], ['ha-giang', 'rank', 41.0], ['ha-giang', 'score', 64.39], ['ha-giang', 'score', 64.39], ['khanh-hoa', 'rank', 16.0], ['khanh-hoa', 'score', 67.74]]
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
    names = provinces(data_dir=data_dir).set_index("slug")["name_vi"]
    without = [names[p] for p in national.followed_provinces(data_dir=data_dir) if p not in set(c["province"])]
    return draw_index_comparison(
        c,
        chart_frame(drawn, data_dir=data_dir),
        index=cat,
        lang=lang,
        ax=ax,
        palette=province_colors(data_dir=data_dir),
        without=without,
    )


def draw_index_comparison(frame, values, *, index, lang="vi", ax=None, palette=None, without=()) -> Axes:
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
    without : sequence of str, default ()
        Names of the followed provinces with no value at all on the index: named under the title with
        those without a value that year.

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
    top = float(cat["scale_max"])  # bars on the index's whole scale
    for y, (_, r) in zip(ys, c.iterrows(), strict=True):
        if math.isnan(r["score"]):
            ax.text(0, y, "  " + i18n.t("chart_national.no_value", lang), va="center", fontsize=8, color=_GREY)
            continue
        ax.barh(y, r["score"], color=colors[r["province"]], height=0.5,
                hatch=None if r["comparable"] else "//", edgecolor="white")  # fmt: skip
        label = _score_text(r["score"], unit, lang)
        rank = _rank_text(r["rank"], r["provinces_ranked"], lang)
        ax.text(r["score"] + top * 0.01, y, f"{label}  {rank}".strip(), va="center", fontsize=8, clip_on=False)
    first = c.iloc[0]
    handles = []
    if not math.isnan(first["national_average"]):
        ax.axvline(first["national_average"], color=_GREY, ls="--", lw=1)
        handles.append(Line2D([], [], color=_GREY, ls="--", label=f"{i18n.t('chart_national.average', lang)}: {_score_text(first['national_average'], unit, lang)}"))  # fmt: skip
    for col in ("national_min", "national_max"):
        if not math.isnan(first[col]):
            ax.axvline(first[col], color="0.7", ls=":", lw=1)
    q = i18n.value_label("qualifier_symbol", first.get("national_max_qualifier", ""), lang)
    hi = _score_text(first["national_max"], unit, lang)
    hi = i18n.t("chart_national.bounded", lang, q=q, value=hi) if q else hi
    lo = _score_text(first["national_min"], unit, lang)
    has_lo, has_hi = not math.isnan(first["national_min"]), not math.isnan(first["national_max"])
    if has_lo and has_hi:
        handles.append(
            Line2D([], [], color="0.7", ls=":", label=f"{i18n.t('chart_national.range', lang)}: {lo} – {hi}")
        )
    elif has_hi:
        handles.append(Line2D([], [], color="0.7", ls=":", label=f"{i18n.t('chart_national.top', lang)}: {hi}"))
    elif has_lo:
        handles.append(Line2D([], [], color="0.7", ls=":", label=f"{i18n.t('chart_national.bottom', lang)}: {lo}"))
    ax.set_yticks(ys, c["province_name"].tolist())
    ax.set_ylim(-0.6, len(c) - 0.4)
    ax.set_xlim(0, top)
    ax.set_xlabel(i18n.t("national.column.score", lang) + (" (%)" if unit == "percent" else ""))
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: _fmt_number(v, lang)))
    ax.spines[["top", "right"]].set_visible(False)
    notes = [
        i18n.t("chart_national.comparison_note", lang, year=year),
        i18n.t("chart_national.scale", lang, scale=cat["scale_vi" if lang == "vi" else "scale_en"]),
    ]
    if not bool(first["comparable"]):
        notes.append(i18n.t("chart_national.not_comparable_bar", lang, year=int(cat["comparable_from"])))
    absent = c.loc[c["score"].isna(), "province_name"].tolist() + list(without)  # followed, no value that year
    if absent:
        notes.append(i18n.t("chart_national.missing_for", lang, year=year, names=", ".join(absent)))
    shown = c.loc[c["score"].notna(), "province_name"].tolist()
    _header(ax, i18n.t("chart_national.shown", lang, index=short, year=year, names=", ".join(shown)), notes)
    if handles:
        ax.legend(handles=handles, loc="lower right", fontsize=7, frameon=False)
    _attach(fig, _values_frame(values))
    _footer(fig, values, lang)
    return ax


def distribution_chart(index, period=None, *, lang="vi", ax=None, data_dir=None) -> Axes:
    """Every ranked province of one index-year as a dot, the followed provinces highlighted and labelled.

    Only a year for which a stored page prints the whole national table (see
    :func:`cchc_data.national.full_tables`) can be drawn. Dots sit at (rank, score); the median and the
    1st and 3rd quartiles of the table's scores are computed from the table and drawn as grey rules,
    said to be computed. A followed province is labelled with its name (and its successor after the
    2025 merger, where it has one).

    Parameters
    ----------
    index : str
        The index (see :func:`cchc_data.national.check_index`).
    period : int, optional
        The year the index is for. Default ``None``: the latest year with a full table.
    {lang}
    {ax}
    {data_dir}

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` lists the values drawn (every province's score and
        rank, with the table row as evidence).

    Raises
    ------
    ValueError
        If the index is unknown, no stored page prints that year's whole table (the message names the
        years that have one), or ``lang`` is not ``"vi"`` or ``"en"``.

    Examples
    --------
    >>> ax = distribution_chart("pci", 2020, lang="en")
    >>> drawn = ax.figure.cchc_values
    >>> drawn.query("measure == 'score' and scope == 'province'")["province"].nunique()
    63
    >>> sorted(t.get_text().split("\\n")[0].split(" (")[0] for t in ax.texts if t.get_gid() == "followed")
    ['Hà Giang', 'Khánh Hòa', 'Đắk Lắk']
    >>> plt.close(ax.figure)
    """
    lang = i18n.check_lang(lang)
    code = national.check_index(index, data_dir=data_dir)
    full = national.full_tables(data_dir=data_dir)
    full = full[full["index"] == code]
    cat = national.national_index_catalog(data_dir=data_dir).set_index("index").loc[code]
    short = cat["short_vi" if lang == "vi" else "short_en"]
    if period is None and not full.empty:
        period = int(full["period"].max())
    if period is None or int(period) not in set(full["period"]):
        years = ", ".join(str(y) for y in sorted(full["period"])) or "none"
        raise ValueError(f"no stored page prints the whole {short} table for {period}; years with one: {years}")
    year = int(period)
    source = full.loc[full["period"] == year, "source_id"].iloc[0]
    rows = national.national_indices(index=code, period=year, data_dir=data_dir)
    table = rows[(rows["source_id"] == source) & (rows["scope"] == "province")]
    wide = table.pivot_table(index="province", columns="measure", values="value", aggfunc="first").dropna(
        subset=["rank"]
    )
    wide = wide.sort_values("rank")
    unit = cat["unit"]
    reg = provinces(data_dir=data_dir).set_index("slug")
    followed = national.followed_provinces(data_dir=data_dir)
    colors = province_colors(data_dir=data_dir)
    ax = _new_ax(ax)
    fig = ax.figure
    others = wide[~wide.index.isin(followed)]
    ax.scatter(others["rank"], others["score"], s=18, color="0.7", zorder=2, gid="ranked-provinces")
    q1, q2, q3 = np.quantile(wide["score"].to_numpy(dtype=float), [0.25, 0.5, 0.75])
    ax.axhline(q2, color="0.35", lw=1.2, zorder=1, gid="median")
    for q in (q1, q3):
        ax.axhline(q, color="0.55", lw=0.9, ls=(0, (3, 2)), zorder=1, gid="quartile")
    for k, (slug, r) in enumerate(wide[wide.index.isin(followed)].iterrows()):
        ax.scatter([r["rank"]], [r["score"]], s=60, color=colors[slug], edgecolor="black", lw=0.6, zorder=4)
        name = reg.at[slug, "name_vi"]
        succ = reg.at[slug, "successor"]
        if succ and succ != slug:
            name = i18n.t("chart_national.successor", lang, name=name, successor=reg.at[succ, "name_vi"])
        text = f"{name}\n{_score_text(r['score'], unit, lang)}, {_rank_text(r['rank'], len(wide), lang)}"
        right = r["rank"] > len(wide) * 0.6  # labels of the last ranks sit to the left, inside the axes
        offset = (-8 if right else 8, 26 if k % 2 == 0 and not right else -34)  # alternate above and below
        ax.annotate(text, xy=(r["rank"], r["score"]), xytext=offset, textcoords="offset points", fontsize=7.5,
                    ha="right" if right else "left", color="0.1", gid="followed",
                    arrowprops={"arrowstyle": "-", "color": "0.5", "lw": 0.6})  # fmt: skip
    top = float(cat["scale_max"])
    lo, hi = float(wide["score"].min()), float(wide["score"].max())
    bottom = max(0.0, math.floor((lo - 2) / 5) * 5)
    ax.set_ylim(bottom, min(top, hi + 4))
    ax.set_xlim(0, len(wide) + 1)
    ax.set_xlabel(i18n.t("chart_national.rank_axis", lang), fontsize=8)
    ax.set_ylabel(i18n.t("national.column.score", lang) + (" (%)" if unit == "percent" else ""))
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: _fmt_number(v, lang)))
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    page = national.national_index_sources(data_dir=data_dir).set_index("source_id").loc[source]
    src = publisher_name(page["publisher"], page.get("publisher_en"), lang)
    fmt = lambda v: _score_text(v, unit, lang)  # noqa: E731
    notes = [
        i18n.t("chart_national.distribution_note", lang, source=src),
        i18n.t("chart_national.quartiles", lang, n=len(wide), q1=fmt(q1), q2=fmt(q2), q3=fmt(q3)),
    ]
    if bottom > 0:
        notes.append(i18n.t("chart_national.zoom", lang, lo=_fmt_number(bottom, lang), top=_fmt_number(top, lang)))
    _header(ax, i18n.t("chart_national.distribution_title", lang, index=short, year=year, n=len(wide)), notes)
    ax.legend(
        handles=[Line2D([], [], color="0.35", lw=1.2, label=i18n.t("chart_national.median", lang)),
                 Line2D([], [], color="0.55", lw=0.9, ls=(0, (3, 2)), label=i18n.t("chart_national.quartile", lang))],
        loc="lower left", fontsize=7, frameon=False,
    )  # fmt: skip
    drawn = chart_frame(
        table[table["province"].isin(wide.index) & table["measure"].isin(["score", "rank"])], data_dir=data_dir
    )
    _attach(fig, _values_frame(drawn))
    _footer(fig, drawn, lang)
    return ax


share_docs_in(globals())
