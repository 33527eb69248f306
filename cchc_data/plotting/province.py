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

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .. import analysis, i18n
from .._checks import check_argument
from .._docstrings import share_docs_in
from ..indicators import load_indicators
from ..province_registry import resolve_province
from ..vocabularies import catalog, concepts, domains
from ._furniture import (
    _FLAG_RED,
    _FONT,
    _MISSING,
    _PALETTE,
    SOURCE_COLUMNS,
    _attach_values,
    _fmt_number,
    _fmt_value,
    _footer,
    _header,
    _kind_style,
    _legend,
    _mark_text,
    _new_axes,
    _number_axis,
    _province_name,
    _rows_axis,
    _scatter_by_style,
    _severity,
    _share_decimals,
    _subtitle,  # noqa: F401  (its docstring examples use it)
    _unit_word,
    _value_labels,
    _wrap,
    chart_frame,
    province_colors,
)

__all__ = [
    "draw_compare",
    "draw_series",
    "draw_coverage",
    "draw_breakdown",
    "draw_progress",
    "draw_part_whole",
    "draw_profile",
    "compare_chart",
    "concept_series_chart",
    "coverage_heatmap",
    "breakdown_chart",
    "progress_chart",
    "part_whole_chart",
    "profile_chart",
]

_DIMENSION_ORDER = ["level", "sector", "agency", "rating", "area"]


def _row_words(row, lang: str) -> str:
    """A row's label with its breakdown in words (:func:`chart_frame`'s ``breakdown_word_*``, else the code)."""
    label, breakdown = getattr(row, f"label_{lang}"), str(row.breakdown)
    if not breakdown:
        return str(label)
    return f"{label} – {getattr(row, f'breakdown_word_{lang}', breakdown) or breakdown}"


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
            who = ", ".join(f"{names[p]} ({i18n.format_period(df.iloc[p]['period'], lang)})" for p in positions)
        else:
            who = i18n.t("chart.n_provinces", lang, n=len(positions))
        notes.append(_wrap(f"[{n}] {who}: {first[f'comparability_note_{lang}']}", 95))
        numbers.update(dict.fromkeys(positions, n))
    return notes, numbers


# --- public API ---------------------------------------------------------------------------------


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
    [1] Hà Giang (2017): Hộp thư của cán bộ các cấp ("các cấp": có lẽ gồm cấp xã), tổng số sau rà
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
    unit = str(known.set_index("concept").at[concept, "unit"])
    return draw_compare(
        chart_frame(df, data_dir=data_dir), lang=lang, ax=ax, unit=unit, latest=period == "latest",
        successors=successors, palette=province_colors(data_dir=data_dir),
    )  # fmt: skip


def draw_compare(frame, *, lang="vi", ax=None, unit=None, latest=False, successors=False, palette=None) -> Axes:
    """Draw a frame of :func:`cchc_data.analysis.compare` as :func:`compare_chart` does (a ranked dot plot).

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows of one concept as :func:`cchc_data.analysis.compare` returns them, best passed through
        :func:`chart_frame` first (the footer and the CSV cite the sources it describes).
    {lang}
    {ax}
    unit : str, optional
        The concept's unit. Default ``None``: the unit of the frame's first row.
    latest : bool, default False
        Say in the note that each province shows its latest period.
    successors : bool, default False
        Label rows with the frame's ``display_name`` (province → its successor after the 2025 merger).
    palette : dict of str to str, optional
        Colour per province slug. Default ``None``: :func:`province_colors`.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` holds the values drawn.

    Examples
    --------
    >>> from cchc_data import analysis
    >>> frame = chart_frame(analysis.compare("digital_certificates"))
    >>> ax = draw_compare(frame.head(1), lang="en")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Khánh Hòa']
    >>> plt.close(ax.figure)
    """
    i18n.check_lang(lang)
    if len(frame) == 0:
        raise ValueError("draw_compare needs at least one row to draw")
    df = frame.reset_index(drop=True)
    concept = str(df["concept"].iloc[0])
    unit = str(df["unit"].iloc[0]) if unit is None else str(unit)
    n = len(df)
    ax = _new_axes(ax, n, width=10.5)
    names = df["display_name" if successors else "province_name"].astype(str).tolist()
    several = df["province"].astype(str).duplicated(keep=False)
    colours = province_colors() if palette is None else palette
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
        text = f"{_fmt_value(row.value, unit, row.qualifier, lang)} ({i18n.format_period(row.period, lang)})"
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
    label = df[f"concept_label_{lang}"].iloc[0] if f"concept_label_{lang}" in df else concept
    ax.set_xlabel(f"{label} ({_unit_word(df, unit, lang)})")
    notes = [f"{i18n.t('chart.compare_subtitle', lang)}" + (f" – {i18n.t('chart.latest', lang)}" if latest else "")]
    if f"concept_definition_{lang}" in df:
        notes.append(_wrap(f"{i18n.t('chart.definition', lang)}: {df[f'concept_definition_{lang}'].iloc[0]}", 95))
    if df["period"].nunique() > 1:
        notes.append(i18n.t("chart.periods_differ", lang))
    notes.extend(caveat_notes)
    _legend(ax, lang, kinds=kinds, flags=flags, caveat=bool(ringed), qualifier=(df["qualifier"] != "none").any())
    _header(ax, label, notes)
    _footer(ax.figure, frame, lang)
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
    ['198 (2019)', '190 (Q1 2021) [1]']
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
    unit = str(known.set_index("concept").at[concept, "unit"])
    colour = province_colors(data_dir=data_dir).get(resolve_province(province, data_dir=data_dir), "0.3")
    return draw_series(chart_frame(df, data_dir=data_dir), lang=lang, ax=ax, unit=unit, color=colour)


def draw_series(frame, *, lang="vi", ax=None, unit=None, color=None) -> Axes:
    """Draw a frame of :func:`cchc_data.analysis.concept_series` as :func:`concept_series_chart` does.

    Parameters
    ----------
    frame : pandas.DataFrame
        One province's values of one concept, in time order, with the ``line`` of each (as
        :func:`cchc_data.analysis.concept_series` returns them), best passed through :func:`chart_frame`.
    {lang}
    {ax}
    unit : str, optional
        The concept's unit. Default ``None``: the unit of the frame's first row.
    color : str, optional
        The province's colour. Default ``None``: its colour in :func:`province_colors`.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` holds the values drawn.

    Examples
    --------
    >>> from cchc_data import analysis
    >>> ax = draw_series(chart_frame(analysis.concept_series("eoffice_agencies", "Khánh Hòa")), lang="en")
    >>> ax.get_xticklabels()[0].get_text()
    '2019'
    >>> plt.close(ax.figure)
    """
    i18n.check_lang(lang)
    if len(frame) == 0:
        raise ValueError("draw_series needs at least one row to draw")
    df = frame.reset_index(drop=True)
    concept = str(df["concept"].iloc[0])
    unit = str(df["unit"].iloc[0]) if unit is None else str(unit)
    name = str(df["province_name"].iloc[0])
    if ax is None:
        fig = plt.figure(figsize=(10.5, 4.6), layout="constrained")
        ax = fig.add_subplot()
    periods = list(dict.fromkeys(df["period"]))
    xs = [periods.index(p) for p in df["period"]]
    values = df["value"].to_numpy(dtype=float)
    colour = province_colors().get(str(df["province"].iloc[0]), "0.3") if color is None else color
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
        text = f"{_fmt_value(row.value, unit, row.qualifier, lang)} ({i18n.format_period(row.period, lang)})"
        if pos in numbers:
            text += f" [{numbers[pos]}]"
        texts.append(_mark_text(text, row.flag))
        ax.annotate(texts[-1], xy=(xs[pos], values[pos]), xytext=(0, 10), textcoords="offset points", ha="center",
                    va="bottom", fontsize=8)  # fmt: skip
    ax.set_xticks(range(len(periods)), [i18n.format_period(p, lang) for p in periods])
    ax.set_xlim(-0.5, len(periods) - 0.5)
    top = 112.0 if unit == "percent" else float(np.nanmax(values)) * 1.2 or 1.0  # room for the labels
    ax.set_ylim(0, top)
    if unit == "percent":
        ax.set_yticks(range(0, 101, 20))
    _number_axis(ax.yaxis, lang)
    label = df[f"concept_label_{lang}"].iloc[0] if f"concept_label_{lang}" in df else concept
    ax.set_ylabel(_unit_word(df, unit, lang))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="0.9", lw=0.8)
    notes = [f"{i18n.t('chart.series_title', lang)} – {name}. {i18n.t('chart.series_note', lang)}"]
    if f"concept_definition_{lang}" in df:
        notes.append(_wrap(f"{i18n.t('chart.definition', lang)}: {df[f'concept_definition_{lang}'].iloc[0]}", 95))
    notes.extend(caveat_notes)
    _legend(ax, lang, kinds=kinds, flags=flags, caveat=bool(ringed), qualifier=(df["qualifier"] != "none").any())
    _header(ax, f"{label} – {name}", notes)
    _footer(ax.figure, frame, lang)
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
    facts = chart_frame(facts.assign(row=facts[by].astype(str)), data_dir=data_dir)
    if by == "concept":
        names = concepts(data_dir=data_dir).set_index("concept")[f"label_{lang}"]
    elif by == "indicator":
        names = catalog(data_dir=data_dir).set_index("indicator")[f"label_{lang}"]
    else:
        names = domains(data_dir=data_dir).set_index("domain")[f"label_{lang}"]
    return draw_coverage(matrix, facts, lang=lang, ax=ax, labels=names.to_dict())


def draw_coverage(matrix, facts, *, lang="vi", ax=None, labels=None) -> Axes:
    """Draw a coverage table (:func:`cchc_data.analysis.coverage`) as :func:`coverage_heatmap` does.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Facts per row (concept, indicator or domain: the index's name) and province slug, as
        :func:`cchc_data.analysis.coverage` returns it.
    facts : pandas.DataFrame
        The facts behind it, with their ``row`` (the code of the matrix row each counts in, ``""`` for none),
        best passed through :func:`chart_frame`: they mark flagged cells, name the provinces and the sources.
    {lang}
    {ax}
    labels : dict of str to str, optional
        A row's name in ``lang`` by its code. Default ``None``: the codes.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` holds the facts counted, with their ``row``.

    Examples
    --------
    >>> from cchc_data import analysis, load_indicators
    >>> facts = load_indicators()
    >>> ax = draw_coverage(analysis.coverage(by="domain"), chart_frame(facts.assign(row=facts["domain"])))
    >>> ax.get_yticklabels()[0].get_text()
    'direction'
    >>> plt.close(ax.figure)
    """
    i18n.check_lang(lang)
    by = str(matrix.index.name or "concept")
    counted = facts[facts["row"] != ""]
    contradicted = counted["flag"].map(_severity) == "contradiction"  # a printing slip is not drawn as one
    flagged_cells = set(
        zip(
            counted.loc[contradicted, "row"],
            counted.loc[contradicted, "province"].astype(str),
            strict=True,
        )
    )
    names = labels or {}
    rows = [str(names.get(r, r)) for r in matrix.index]
    reg = dict(zip(facts["province"].astype(str), facts["province_name"].astype(str), strict=True))
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
    bar.set_label(i18n.t("chart.facts", lang))
    bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _number_axis(bar.ax.yaxis, lang)
    ax.set_xticks(np.arange(len(cols) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(rows) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", lw=1.5)
    ax.tick_params(which="minor", length=0)
    title = f"{i18n.t('chart.coverage_title', lang)} {i18n.t(f'chart.coverage_rows.{by}', lang)}"
    notes = [i18n.t("chart.coverage_missing", lang)]
    if flagged_cells:
        kinds = sorted(set(counted.loc[contradicted, "flag"]))
        meanings = "; ".join(i18n.value_label("flag", f, lang) for f in kinds)
        notes.append(_wrap(f"{i18n.t('chart.flag_cell', lang)} ({meanings})", 120))
    _header(ax, title, notes, reserve=18 if len(cols) <= 6 else 0)
    _footer(ax.figure, facts, lang)
    _attach_values(ax.figure, counted)
    ax.figure.cchc_counted = True  # its values are facts counted, not drawn (the alt sentence says so)
    ax.cchc_columns = cols if len(cols) <= 6 else None  # names over the columns (more are slanted under them)
    ax.cchc_colorbar = bar
    ax.figure.cchc_phone_layout = _coverage_phone_layout
    return ax


def _coverage_phone_layout(fig) -> None:
    """Lay a coverage chart out for its phone rendering: the provinces' names over the columns one word a line
    (at phone width "Đắk Lắk Hà Giang" would run together), the title and its notes moved up by the lines gained;
    the colour bar's numbers and label smaller (with the Vietnamese domains' long names it left the plot too
    narrow for a phone)."""
    for ax in fig.axes:
        bar = getattr(ax, "cchc_colorbar", None)
        if bar is not None:
            bar.ax.yaxis.label.set_fontsize(8)
            bar.ax.tick_params(labelsize=8)
        cols = getattr(ax, "cchc_columns", None)
        if not cols:
            continue
        wrapped = ["\n".join(c.split()) for c in cols]
        gained = max(w.count("\n") for w in wrapped)
        if not gained:
            continue
        ax.set_xticks(range(len(cols)), wrapped, rotation=0, ha="center")
        more = gained * ax.get_xticklabels()[0].get_fontsize() * 1.2  # points
        for note in ax.texts:
            if note.get_gid() == "cchc-subtitle":
                note.xyann = (note.xyann[0], note.xyann[1] + more)
                note.cchc_title_pad += more
                ax._set_title_offset_trans(note.cchc_title_pad)


_HEADER_GAP = 0.6  # rows between a group's header label and its first bar (and the previous group's last)


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
    facts = load_indicators(province=province, indicator=indicator, data_dir=data_dir)
    with_parts = facts.loc[facts["breakdown"] != "", "period"].astype(str)
    others = [p for p in dict.fromkeys(with_parts) if p != str(table["period"].iloc[0])]
    colour = province_colors(data_dir=data_dir).get(str(table["province"].iloc[0]), _PALETTE[0])
    return draw_breakdown(chart_frame(table, data_dir=data_dir), lang=lang, ax=ax, other_periods=others, color=colour)


def draw_breakdown(frame, *, lang="vi", ax=None, other_periods=(), color=None) -> Axes:
    """Draw a frame of :func:`cchc_data.analysis.breakdown_table` as :func:`breakdown_chart` does.

    Parameters
    ----------
    frame : pandas.DataFrame
        One indicator's total and parts for one province and period, as
        :func:`cchc_data.analysis.breakdown_table` returns them, best passed through :func:`chart_frame`.
    {lang}
    {ax}
    other_periods : sequence of str, default ()
        The other periods with a breakdown of the indicator, not drawn: the note under the title says
        which period is drawn and that these are in the table.
    color : str, optional
        The province's colour. Default ``None``: its colour in :func:`province_colors`.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` holds the values drawn.

    Examples
    --------
    >>> from cchc_data import analysis
    >>> table = analysis.breakdown_table("Khánh Hòa", "dossiers_on_time_share")
    >>> ax = draw_breakdown(chart_frame(table), lang="en")
    >>> [round(float(p.get_width()), 2) for p in ax.patches][:3]
    [99.76, 91.58, 99.19]
    >>> plt.close(ax.figure)
    """
    i18n.check_lang(lang)
    if len(frame) == 0:
        raise ValueError("draw_breakdown needs at least one row to draw")
    table = frame
    unit = str(table["unit"].iloc[0])
    total = table[table["breakdown"] == ""]
    parts = table[table["breakdown"] != ""]
    dims = sorted(parts["dimension"].unique(), key=lambda d: (_DIMENSION_ORDER + [d]).index(d))
    # every group in the province's own colour (another colour would read as another province); a group's
    # header is a label between its bars and the previous group's, not an empty bar slot
    colour = province_colors().get(str(table["province"].iloc[0]), _PALETTE[0]) if color is None else color
    labels, headers, rows, positions, y = [], [], [], [], -_HEADER_GAP
    for dim in dims:
        y += _HEADER_GAP
        headers.append(len(labels))
        labels.append(i18n.value_label("dimension", dim, lang))
        positions.append(y)
        y += _HEADER_GAP
        for row in parts[parts["dimension"] == dim].itertuples():
            rows.append((y, row, colour))
            labels.append("   " + str(getattr(row, f"breakdown_label_{lang}")))
            positions.append(y)
            y += 1
        y -= 1
    ax = _new_axes(ax, len(rows) + len(dims), width=10.5)
    texts = []
    for y, row, colour in rows:
        style = _kind_style(row.kind, colour, flag=row.flag, bar=True)
        ax.barh([y], [float(row.value)], height=0.65, zorder=2, gid=f"bar:{row.breakdown}", **style)
        text = _fmt_value(row.value, unit, row.qualifier, lang)
        if str(row.kind) != "actual":
            text = f"{i18n.value_label('kind_mark', row.kind, lang)} {text}"
        texts.append(_mark_text(text, row.flag))
    values = [float(r.value) for _, r, _ in rows]
    top = max(values + list(total["value"]) + [0.0])
    xmax = 100.0 if unit == "percent" and top <= 100 else top * 1.08 or 1.0
    _value_labels(ax, values, [y for y, _, _ in rows], texts, xmax=xmax)
    _rows_axis(ax, labels, positions)
    for i in headers:
        ax.get_yticklabels()[i].set_fontweight("bold")
    ax.set_xlim(0, xmax)
    _number_axis(ax.xaxis, lang)
    notes = []
    if len(total):
        t = total.iloc[0]
        is_target = str(t["kind"]) == "target"
        red = _severity(t["flag"]) == "contradiction"
        ax.axvline(t["value"], color=_FLAG_RED if red else "black", ls=":" if is_target else "--", lw=1.4,
                   zorder=3, gid="total-flagged" if red else "total")  # fmt: skip
        line = i18n.t("chart.target_total" if is_target else "chart.total_line", lang)
        text = f"{line} {_fmt_value(t['value'], unit, t['qualifier'], lang)}"
        if t["flag"]:
            text += f" ({i18n.value_label('flag', t['flag'], lang)}"
            if unit == "count" and parts["dimension"].nunique() == 1:
                text += f"; {i18n.t('chart.parts_sum', lang)} {_fmt_value(parts['value'].sum(), unit, 'none', lang)}"
            text += ")"
        notes.append(_mark_text(text, t["flag"]))
    else:
        notes.append(i18n.t("chart.no_total", lang))
    first = table.iloc[0]
    if len(other_periods):
        kind = i18n.value_label("kind", str(first["kind"]), lang)
        notes.append(i18n.t("chart.breakdown_one_period", lang, period=i18n.format_period(first["period"], lang),
                            kind=kind, others=", ".join(i18n.format_period(p, lang) for p in other_periods)))  # fmt: skip
    label = first[f"label_{lang}"]
    ax.set_xlabel(f"{label} ({_unit_word(table, unit, lang)})")
    _legend(ax, lang, kinds=table["kind"].astype(str), flags=table["flag"], bar=True,
            qualifier=(table["qualifier"] != "none").any())  # fmt: skip
    _header(ax, f"{label} – {first['province_name']}, {i18n.format_period(first['period'], lang)}", notes)
    _footer(ax.figure, table, lang)
    drawn = table.assign(label="")
    drawn.loc[parts.index, "label"] = texts
    drawn["drawn_as"] = ["line" if b == "" else "bar" for b in drawn["breakdown"]]
    _attach_values(ax.figure, drawn)
    return ax


def progress_chart(province, *, as_of=None, lang="vi", ax=None, data_dir=None) -> Axes:
    """A province's targets and the latest actual value beside each (:func:`~cchc_data.analysis.progress_to_target`).

    One row per target (label, breakdown and target period), one panel per unit: percentages on a
    0–100 axis, counts (and any other unit) on their own axis. The target is a hollow diamond, the
    latest actual of the same indicator and breakdown a solid dot in the province's colour, joined by a
    grey line; the words right of the panel give the target with its qualifier (``≥ 90%``), the actual
    with its period and the status (met, not met, not met yet, cannot tell, no actual yet; see
    :func:`cchc_data.analysis.progress_to_target`). A row without an actual has no dot: never a zero.
    A flagged fact has a red edge and ``⚠``; the legend says what each mark means. A province without
    targets gets an empty chart saying so. ``fig.cchc_values`` holds the targets and actuals drawn.

    Parameters
    ----------
    {province}
    as_of : datetime.date or str, optional
        The day (or period) deadlines are judged at. Default ``None``: today.
    {lang}
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (divided into one panel per unit). Default ``None``: a new figure.
    {data_dir}

    Returns
    -------
    matplotlib.axes.Axes
        The first panel; ``ax.figure.cchc_values`` holds the values drawn.

    See Also
    --------
    cchc_data.analysis.progress_to_target : The rows drawn.

    Examples
    --------
    >>> ax = progress_chart("Khánh Hòa", lang="en", as_of="2026")
    >>> drawn = ax.figure.cchc_values
    >>> drawn.loc[drawn["kind"] == "actual", ["indicator", "value", "period"]].values.tolist()[0]
    ['iso_qms_converted', 69.0, '2020']
    >>> plt.close(ax.figure)
    """
    lang = i18n.check_lang(lang)
    table = analysis.progress_to_target(province, as_of=as_of, data_dir=data_dir)
    name = _province_name(province, data_dir)
    slug = resolve_province(province, data_dir=data_dir)
    table = table.assign(province=slug, province_name=name)
    colour = province_colors(data_dir=data_dir).get(slug, "0.3")
    return draw_progress(chart_frame(table, data_dir=data_dir), lang=lang, ax=ax, name=name, color=colour)


def _split_axes(ax, ratios, *, width=10.5):
    """One axes per panel: a new figure, or ``ax``'s place divided (``ax`` itself is the first panel)."""
    if ax is None:
        fig = plt.figure(figsize=(width, max(3.2, 0.32 * sum(ratios) + 1.0 * len(ratios) + 2.0)), layout="constrained")
        return list(fig.subplots(len(ratios), 1, height_ratios=ratios, squeeze=False)[:, 0])
    if len(ratios) == 1:
        return [ax]
    spec = ax.get_subplotspec()
    if spec is None:
        raise ValueError("this chart draws one panel per unit: pass an axes made by fig.add_subplot() (or ax=None)")
    grid = spec.subgridspec(len(ratios), 1, height_ratios=ratios)
    ax.set_subplotspec(grid[0])
    return [ax] + [ax.figure.add_subplot(grid[i]) for i in range(1, len(ratios))]


def draw_progress(frame, *, lang="vi", ax=None, name=None, color=None) -> Axes:
    """Draw a frame of :func:`cchc_data.analysis.progress_to_target` as :func:`progress_chart` does.

    Parameters
    ----------
    frame : pandas.DataFrame
        One province's targets with the actual beside each, as :func:`cchc_data.analysis.progress_to_target`
        returns them, with the province's ``province`` slug and ``province_name`` added, best passed through
        :func:`chart_frame`.
    {lang}
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (its place is divided when the targets have several units). Default ``None``: a
        new figure.
    name : str, optional
        The province's name in the title. Default ``None``: the frame's ``province_name``.
    color : str, optional
        The province's colour. Default ``None``: its colour in :func:`province_colors`.

    Returns
    -------
    matplotlib.axes.Axes
        The first panel; ``ax.figure.cchc_values`` holds the values drawn (with each one's ``status``
        and ``panel``).

    Examples
    --------
    >>> from cchc_data import analysis
    >>> table = analysis.progress_to_target("Khánh Hòa").assign(province="khanh-hoa", province_name="Khánh Hòa")
    >>> ax = draw_progress(chart_frame(table), lang="en")
    >>> ax.get_title(loc="left")
    'Progress towards targets – Khánh Hòa'
    >>> plt.close(ax.figure)
    """
    import pandas as pd

    i18n.check_lang(lang)
    table = frame.reset_index(drop=True)
    if name is None:
        name = str(table["province_name"].iloc[0]) if len(table) else ""
    slug = str(table["province"].iloc[0]) if len(table) and "province" in table else ""
    title = f"{i18n.t('chart.progress_title', lang)} – {name}"
    if table.empty:
        ax = _new_axes(ax, 0, width=10)
        ax.text(0.5, 0.5, i18n.t("chart.no_targets", lang, name=name), ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        _header(ax, title, [])
        _footer(ax.figure, table, lang)
        _attach_values(ax.figure, table.iloc[0:0])
        return ax
    colour = province_colors().get(slug, "0.3") if color is None else color
    units = sorted(table["unit"].astype(str).unique(), key=lambda u: (u != "percent", u))
    groups = [table[table["unit"].astype(str) == u] for u in units]
    axes = _split_axes(ax, [len(g) + 1.5 for g in groups], width=13)
    marks = []
    for k, (axis, unit, group) in enumerate(zip(axes, units, groups, strict=True)):
        labels, texts, ys = [], [], []
        for y, row in enumerate(group.itertuples()):
            labels.append(_wrap(f"{_row_words(row, lang)} ({i18n.format_period(row.target_period, lang)})", 55))
            has_actual = not math.isnan(row.actual)
            target = _mark_text(f"{i18n.value_label('kind', 'target', lang)} "
                                f"{_fmt_value(row.target, unit, row.target_qualifier, lang)}", row.flag)  # fmt: skip
            actual = (
                _mark_text(
                    f"{i18n.value_label('kind', 'actual', lang)} "
                    f"{_fmt_value(row.actual, unit, row.actual_qualifier, lang)} ({i18n.format_period(row.actual_period, lang)})",
                    row.actual_flag,
                )  # fmt: skip
                if has_actual
                else ""
            )
            status = i18n.value_label("status", row.status, lang)
            texts.append(" · ".join(t for t in (target, actual, f"→ {status}") if t))
            ys.append(y)
            common = {"province": slug, "indicator": row.indicator, "unit": unit, "row": y, "panel": k,
                      "status": row.status, "breakdown": row.breakdown, "label": texts[-1]}  # fmt: skip
            marks.append({"fact_id": row.fact_id, "period": row.target_period, "kind": "target", "value": row.target,
                          "qualifier": row.target_qualifier, "flag": row.flag, "source_id": row.source_id,
                          "evidence": row.evidence, **common,
                          **{c: getattr(row, c) for c in SOURCE_COLUMNS if c in table}})  # fmt: skip
            if has_actual:
                axis.plot([row.actual, row.target], [y, y], color="0.75", lw=2, zorder=1, gid="gap")
                marks.append({"fact_id": row.actual_fact_id, "period": row.actual_period, "kind": "actual",
                              "value": row.actual, "qualifier": row.actual_qualifier, "flag": row.actual_flag,
                              "source_id": row.actual_source_id, "evidence": row.actual_evidence, **common,
                              **{c: getattr(row, f"actual_{c}") for c in SOURCE_COLUMNS if f"actual_{c}" in table}})  # fmt: skip
        drawn = pd.DataFrame([m for m in marks if m["panel"] == k])
        for kind in ("target", "actual"):
            sub = drawn[drawn["kind"] == kind]
            _scatter_by_style(axis, sub["value"].tolist(), sub["row"].tolist(), sub["kind"].tolist(),
                              sub["flag"].tolist(), ["black" if kind == "target" else colour] * len(sub), gid=kind,
                              s=45 if kind == "target" else 55)  # fmt: skip
        top = 100.0 if unit == "percent" else float(np.nanmax(drawn["value"].to_numpy(dtype=float))) * 1.1 or 1.0
        for y, text in zip(ys, texts, strict=True):  # a column of words right of the axis, never over a mark
            axis.annotate(text, xy=(1.04, y), xycoords=("axes fraction", "data"), ha="left", va="center",
                          fontsize=8, gid="progress-text")  # fmt: skip
        _rows_axis(axis, labels)
        axis.set_xlim(0, top)
        _number_axis(axis.xaxis, lang)
        axis.set_xlabel(i18n.t("chart.share_axis", lang) if unit == "percent" else _unit_word(table, unit, lang))
        panel_title = (
            title if k == 0 else f"{i18n.t('chart.progress_unit_panel', lang)}: {_unit_word(table, unit, lang)}"
        )
        _header(axis, panel_title, [_wrap(i18n.t("chart.progress_note", lang), 110)] if k == 0 else [])
    everything = pd.DataFrame(marks)
    _legend(axes[-1], lang, kinds=everything["kind"], flags=everything["flag"],
            qualifier=(everything["qualifier"].astype(str) != "none").any(),
            loc={"loc": "upper left", "bbox_to_anchor": (0.0, -0.35 if len(groups[-1]) < 4 else -0.12), "ncols": 3})  # fmt: skip
    _footer(axes[0].figure, table, lang)
    _attach_values(axes[0].figure, everything)
    if ax is None:  # a figure of its own: it can lay itself out for a phone
        axes[0].figure.cchc_phone_layout = _progress_phone_layout
    return axes[0]


#: Characters a row label of :func:`draw_progress` is estimated to wrap at in its phone rendering.
_PROGRESS_PHONE_CHARS = 28


def _words_into_labels(ax, gid: str, sep: str) -> float | None:
    """Move each row's words (the axes' texts with ``gid``) to the end of its tick label, after ``sep``.

    For a phone rendering, which has no room for words beside the plot. Returns the height in inches the
    panel then needs (rows are evenly spaced: each as tall as the tallest label), or None when there are no
    such words.
    """
    words = {round(t.xy[1]): t for t in ax.texts if t.get_gid() == gid and t.get_text()}
    if not words:
        return None
    labels = []
    for y, label in zip(ax.get_yticks(), ax.get_yticklabels(), strict=True):
        note = words.get(round(y))
        text = " ".join(label.get_text().split())
        if note is not None:
            text += sep + note.get_text()
            note.set_text("")  # said in the label now
        labels.append(text)
    ax.set_yticks(ax.get_yticks(), labels, fontsize=_FONT)
    lines = max(len(label) // _PROGRESS_PHONE_CHARS + 1 for label in labels)
    return len(labels) * (0.1 + 0.17 * lines) + 0.8


def _progress_phone_layout(fig) -> None:
    """Lay a progress chart out for its phone rendering: each row's words (target, actual, status) follow its
    label instead of standing in a column right of the plot, which a phone has no room for; each panel as tall
    as its labels then need."""
    ratios = [h for ax in fig.axes if (h := _words_into_labels(ax, "progress-text", " ")) is not None]
    if ratios and len(ratios) == len(fig.axes[0].get_gridspec().get_height_ratios() or ratios):
        fig.axes[0].get_gridspec().set_height_ratios(ratios)
    if ratios:  # inches: the panels, then the title, notes, legend and footer (the phone rendering adds 15 %)
        fig.set_size_inches(fig.get_figwidth(), (sum(ratios) + 3.0) / 1.15)


def part_whole_chart(province=None, *, lang="vi", ax=None, data_dir=None) -> Axes:
    """Bars (0–100 %) of parts of a whole (:func:`~cchc_data.analysis.part_whole_shares`), titled for what they show.

    Only parts the catalog declares as part of a whole are drawn. Each bar is labelled with both counts
    and the share: as the source prints it (``362.425/362.428 · theo nguồn 99,99%``) where it does, else
    derived and marked so (``191/195 · 97,9% (tính toán) (2017)``); the note under the title says which is
    which, and says when the rows (or a part and its whole) come from different periods. With ``province=None`` every province is shown (rows name the province).
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
    ['191/195 · 97.9% (derived) (2017)']
    >>> plt.close(ax.figure)
    """
    lang = i18n.check_lang(lang)
    frame = None if province is None else load_indicators(province=province, data_dir=data_dir)
    table = analysis.part_whole_shares(frame, data_dir=data_dir)
    name = _province_name(province, data_dir) if province is not None else None
    return draw_part_whole(
        chart_frame(table, data_dir=data_dir), lang=lang, ax=ax, name=name, palette=province_colors(data_dir=data_dir)
    )


def draw_part_whole(frame, *, lang="vi", ax=None, name=None, palette=None) -> Axes:
    """Draw a frame of :func:`cchc_data.analysis.part_whole_shares` as :func:`part_whole_chart` does.

    Parameters
    ----------
    frame : pandas.DataFrame
        Part/whole pairs as :func:`cchc_data.analysis.part_whole_shares` returns them, best passed through
        :func:`chart_frame`.
    {lang}
    {ax}
    name : str, optional
        The one province the frame is about, named in the title. Default ``None``: all provinces, each
        row labelled with its province.
    palette : dict of str to str, optional
        Colour per province slug. Default ``None``: :func:`province_colors`.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure.cchc_values`` holds the values drawn.

    Examples
    --------
    >>> from cchc_data import analysis, load_indicators
    >>> table = analysis.part_whole_shares(load_indicators(province="Hà Giang"))
    >>> ax = draw_part_whole(chart_frame(table), lang="en", name="Hà Giang")
    >>> [t.get_text() for t in ax.texts if t.get_text().startswith("191/")]
    ['191/195 · 97.9% (derived) (2017)']
    >>> plt.close(ax.figure)
    """
    i18n.check_lang(lang)
    table = frame
    where = name if name is not None else i18n.t("chart.all_provinces", lang)
    ax = _new_axes(ax, len(table), width=11)
    title = f"{i18n.t('chart.part_whole_title', lang)} – {where}"
    if table.empty:
        ax.text(0.5, 0.5, i18n.t("chart.no_pairs", lang, name=where), ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        _header(ax, title, [i18n.t("chart.derived", lang)])
        _footer(ax.figure, table, lang)
        _attach_values(ax.figure, table.iloc[0:0])
        return ax
    colours = province_colors() if palette is None else palette
    printed = table["printed_share"].notna().to_numpy() if "printed_share" in table else np.zeros(len(table), bool)
    labels, texts = [], []
    for row in table.itertuples():
        label = _row_words(row, lang)
        if name is None:
            label = f"{row.province_name}: {label}"
        labels.append(_wrap(label, 60))
        symbol = i18n.value_label("qualifier_symbol", str(row.qualifier), lang)
        counts = f"{_fmt_number(row.part, lang)}/{_fmt_number(row.whole, lang)}"
        if printed[len(texts)]:
            share = f"{i18n.t('chart.share_printed', lang)} {_fmt_value(row.printed_share, 'percent', 'none', lang)}"
        else:
            derived = _fmt_value(row.share, "percent", "none", lang, decimals=_share_decimals(row.share))
            share = f"{derived} ({i18n.t('chart.share_derived', lang)})"
        prefix = f"{i18n.value_label('kind_mark', row.kind, lang)} " if str(row.kind) != "actual" else ""
        period = i18n.format_period(row.period, lang)
        if str(row.whole_period) != str(row.period):
            whole = i18n.format_period(row.whole_period, lang)
            period += f"; {i18n.t('chart.whole_period', lang, period=whole)}"
        texts.append(_mark_text(f"{prefix}{symbol + ' ' if symbol else ''}{counts} · {share} ({period})", row.flag))
    ys = np.arange(len(table))
    shares = np.where(printed, table["printed_share"].to_numpy(dtype=float), table["share"].to_numpy(dtype=float))
    for y, row, share in zip(ys, table.itertuples(), shares, strict=True):
        if math.isnan(share):
            continue
        style = _kind_style(row.kind, colours.get(str(row.province), "0.5"), flag=row.flag, bar=True)
        ax.barh([y], [share], height=0.65, zorder=2, gid=f"bar:{row.fact_id}", **style)
    _value_labels(ax, list(shares), list(ys), texts, xmax=100.0, inside_from=0.6, gid="part-whole-text")
    _rows_axis(ax, labels)
    ax.set_xlim(0, 100)
    ax.set_xlabel(i18n.t("chart.share_axis", lang))
    _legend(ax, lang, kinds=table["kind"].astype(str), flags=table["flag"], bar=True,
            qualifier=(table["qualifier"].astype(str) != "none").any())  # fmt: skip
    notes = [_wrap(i18n.t("chart.derived", lang), 110)]
    periods = sorted(set(table["period"].astype(str)) | set(table["whole_period"].astype(str)))
    if len(periods) > 1:
        notes.append(
            _wrap(
                i18n.t(
                    "chart.periods_differ_rows", lang, periods=", ".join(i18n.format_period(p, lang) for p in periods)
                ),
                110,
            )
        )
    _header(ax, title, notes)
    _footer(ax.figure, table, lang)
    _attach_values(ax.figure, table.assign(value=shares, unit="percent", label=texts,
                                           value_origin=np.where(printed, "printed", "derived")))  # fmt: skip
    if len(ax.figure.axes) == 1:  # a figure of its own: it can lay itself out for a phone
        ax.figure.cchc_phone_layout = _part_whole_phone_layout
    return ax


def _part_whole_phone_layout(fig) -> None:
    """Lay a parts-of-a-whole chart out for its phone rendering: each row's words (counts, share, period)
    follow its label instead of standing beside its bar, where a phone has no room for them; the chart as tall
    as its labels then need."""
    height = _words_into_labels(fig.axes[0], "part-whole-text", " — ")
    if height is not None:  # and the title, notes, legend and footer (the phone rendering adds 15 %)
        fig.set_size_inches(fig.get_figwidth(), (height + 3.0) / 1.15)


def profile_chart(province, *, units=None, lang="vi", fig=None, data_dir=None) -> Figure:
    """Small multiples of a province's facts: one panel per domain and unit (:func:`~cchc_data.analysis.profile`).

    Every total (no breakdown) in ``units`` is drawn, in the panel of its domain and unit: percentages on
    a 0–100 axis, counts and every other unit on their own axis, never mixed. Marks follow the visual language
    of every chart (solid dot: achieved; hatched square: plan contents; hollow diamond: target; red edge
    and ``⚠``: inconsistent source), each labelled with its value; the row label names the indicator,
    its breakdown and its period, so no two rows read alike. A domain without totals has no panel. One
    sentence under the chart says how many breakdown rows (and totals in other units) are left to the
    table. ``fig.cchc_values`` holds the values drawn.

    Parameters
    ----------
    {province}
    units : list of str, optional
        Only the totals in these units (e.g. ``["percent"]``: the shares, on one 0–100 scale, as the profile
        page draws them; a province's counts span 1 to millions and read better in its table). Default
        ``None``: every unit.
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
    >>> [a.get_title(loc="left").split(" (")[0] for a in fig.axes]
    ['Direction and management of PAR – count', 'E-government and digital government – %', 'E-government and digital government – count']
    >>> [a.get_title(loc="left").split(" (")[0] for a in profile_chart("Đắk Lắk", units=["percent"], lang="en").axes]
    ['E-government and digital government – %']
    >>> plt.close("all")
    """
    lang = i18n.check_lang(lang)
    table = analysis.profile(province, data_dir=data_dir)
    name = _province_name(province, data_dir)
    slug = resolve_province(province, data_dir=data_dir)
    colour = province_colors(data_dir=data_dir).get(slug, "0.3")
    table = chart_frame(table.assign(province=slug, province_name=name), data_dir=data_dir)
    return draw_profile(table, units=units, lang=lang, fig=fig, name=name, color=colour)


def _profile_labels(drawn, lang: str, wrap: int) -> list[str]:
    """Row labels that tell rows apart: label, breakdown in words and period; the kind where still alike."""
    base = [f"{_row_words(row, lang)} ({i18n.format_period(row.period, lang)})" for row in drawn.itertuples()]
    seen = {b for b in base if base.count(b) > 1}
    out = [
        f"{b} – {i18n.value_label('kind', row.kind, lang)}" if b in seen else b
        for b, row in zip(base, drawn.itertuples(), strict=True)
    ]
    return [_wrap_keeping_period(label, wrap) for label in out]


def _wrap_keeping_period(label: str, width: int) -> str:
    """``label`` wrapped at ``width`` characters, never inside its last bracket (the period: "(quý I/2021)")."""
    head, bracket, tail = label.rpartition("(")
    if not bracket:
        return _wrap(label, width)
    return _wrap(head + bracket + tail.replace(" ", "\u00a0"), width).replace("\u00a0", " ")


def draw_profile(frame, *, units=None, lang="vi", fig=None, name=None, color=None) -> Figure:
    """Draw a frame of :func:`cchc_data.analysis.profile` as :func:`profile_chart` does (small multiples).

    Parameters
    ----------
    frame : pandas.DataFrame
        One province's facts by domain, as :func:`cchc_data.analysis.profile` returns them, with the
        province's ``province`` slug and ``province_name`` added, best passed through :func:`chart_frame`.
    units : list of str, optional
        Only the totals in these units. Default ``None``: every unit.
    {lang}
    {fig}
    name : str, optional
        The province's name in the title. Default ``None``: the frame's ``province_name``.
    color : str, optional
        The province's colour. Default ``None``: its colour in :func:`province_colors`.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on, one axes per panel (domain and unit); ``fig.cchc_values`` holds the values drawn.

    Examples
    --------
    >>> from cchc_data import analysis
    >>> table = analysis.profile("Đắk Lắk").assign(province="dak-lak", province_name="Đắk Lắk")
    >>> fig = draw_profile(chart_frame(table), lang="en")
    >>> fig.get_suptitle()
    'PAR results – Đắk Lắk'
    >>> plt.close(fig)
    """
    import pandas as pd

    i18n.check_lang(lang)
    table = frame
    if name is None:
        name = str(table["province_name"].iloc[0]) if len(table) else ""
    slug = str(table["province"].iloc[0]) if len(table) and "province" in table else ""
    colour = province_colors().get(slug, "0.3") if color is None else color
    totals = table[table["breakdown"] == ""]
    other_units = 0
    if units is not None:
        keep = totals["unit"].astype(str).isin([str(u) for u in units])
        other_units, totals = int((~keep).sum()), totals[keep]
    panels = []
    for _dom, group in totals.groupby("domain", observed=True, sort=True):
        units = sorted(group["unit"].astype(str).unique(), key=lambda u: (u != "percent", u != "count", u))
        panels.extend(group[group["unit"].astype(str) == u] for u in units)
    wrap = 56
    labels_of = [_profile_labels(d, lang, wrap) for d in panels]
    ratios = [sum(0.27 + 0.17 * label.count("\n") for label in labels) + 0.65 for labels in labels_of]
    if fig is None:
        fig = plt.figure(figsize=(10.5, sum(ratios) + 0.25 * len(panels) + 1.6), layout="constrained")
    elif fig.get_layout_engine() is None:
        fig.set_layout_engine("constrained")
    all_drawn = []
    if panels:
        axes = fig.subplots(len(panels), 1, height_ratios=ratios, squeeze=False)[:, 0]
    for axis, drawn, labels in zip(axes if panels else [], panels, labels_of, strict=True):
        unit = str(drawn["unit"].iloc[0])
        ys = np.arange(len(drawn))
        kinds = drawn["kind"].astype(str).tolist()
        values = drawn["value"].to_numpy(dtype=float)
        achieved = np.array([k == "actual" for k in kinds])
        axis.hlines(ys[achieved], 0, values[achieved], color="0.85", lw=1, zorder=1)
        _scatter_by_style(axis, list(values), list(ys), kinds, drawn["flag"].tolist(),
                          ["black" if k == "target" else colour for k in kinds], gid=None, s=45)  # fmt: skip
        texts = []
        for row in drawn.itertuples():
            prefix = f"{i18n.value_label('kind_mark', row.kind, lang)} " if str(row.kind) != "actual" else ""
            texts.append(_mark_text(f"{prefix}{_fmt_value(row.value, unit, row.qualifier, lang)}", row.flag))
        top = 100.0 if unit == "percent" and np.nanmax(values) <= 100 else float(np.nanmax(values)) * 1.1 or 1.0
        _value_labels(axis, list(values), list(ys), texts, xmax=top, inside_from=0.55)
        _rows_axis(axis, labels)
        axis.set_xlim(min(0.0, float(np.nanmin(values)) * 1.1), top)
        _number_axis(axis.xaxis, lang)
        unit_word = _unit_word(table, unit, lang)
        axis.set_xlabel(unit_word, fontsize=8, labelpad=1)
        axis.tick_params(axis="x", labelsize=8)
        facts = i18n.t("chart.n_fact" if len(drawn) == 1 else "chart.n_facts", lang, n=len(drawn))
        _header(axis, f"{drawn[f'domain_label_{lang}'].iloc[0]} – {unit_word} ({facts})", [])
        all_drawn.append(drawn.assign(province=slug, label=texts, row_label=labels))
    drawn_all = pd.concat(all_drawn, ignore_index=True) if all_drawn else table.iloc[0:0].assign(province=slug)
    if panels:  # one legend for every panel, beside the first (a phone rendering moves it above the chart)
        _legend(axes[0], lang, kinds=drawn_all["kind"].astype(str), flags=drawn_all["flag"],
                qualifier=(drawn_all["qualifier"].astype(str) != "none").any())  # fmt: skip
    fig.cchc_phone_layout = _profile_phone_layout
    fig.suptitle(f"{i18n.t('chart.profile_title', lang)} – {name}", x=0.01, ha="left", fontsize=13, fontweight="bold")
    left = int((table["breakdown"] != "").sum())
    note = i18n.t("chart.profile_note" if units is None else "chart.profile_note_units", lang)
    if left:
        note += " " + i18n.t("chart.profile_left_to_table", lang, n=left)
    if other_units:
        note += " " + i18n.t("chart.profile_units_left", lang, n=other_units)
    _footer(fig, table if units is None else drawn_all, lang, note=note)
    _attach_values(fig, drawn_all)
    return fig


#: Characters a row label of :func:`draw_profile` wraps at in its phone rendering.
_PROFILE_PHONE_WRAP = 30


def _profile_phone_layout(fig) -> None:
    """Lay a profile chart out for its phone rendering: row labels wrapped narrower, each panel as tall as its
    labels now need, the legend above them, titled with the chart's title (two figure-wide texts at the top
    would overlap)."""
    ratios = []
    for ax in fig.axes:
        labels = [
            _wrap_keeping_period(" ".join(t.get_text().split()), _PROFILE_PHONE_WRAP) for t in ax.get_yticklabels()
        ]
        ax.set_yticks(ax.get_yticks(), labels, fontsize=_FONT)
        ratios.append(sum(0.3 + 0.17 * label.count("\n") for label in labels) + 0.9)
        legend = ax.get_legend()
        if legend is not None:  # above the panels, under the chart's title (a figure legend titled with it)
            handles, texts = legend.legend_handles, [t.get_text() for t in legend.get_texts()]
            legend.remove()
            title = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) is not None else ""
            if title:
                fig._suptitle.remove()
                fig._suptitle = None
            fig.legend(handles, texts, loc="outside upper left", frameon=False, fontsize=7.5, handlelength=1.6,
                       ncols=2, title=title, alignment="left",
                       title_fontproperties={"weight": "bold", "size": 12}).set_gid("cchc-legend")  # fmt: skip
    if ratios:
        fig.axes[0].get_gridspec().set_height_ratios(ratios)
        fig.set_size_inches(fig.get_figwidth(), (sum(ratios) + 0.3 * len(ratios) + 3.0) / 1.15)


share_docs_in(globals())
