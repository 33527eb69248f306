"""Chart furniture shared by every chart: axes, header, footer, legend, value labels, colours, number formats.

Nothing here knows which data a chart draws; the chart modules (:mod:`cchc_data.plotting.province`,
:mod:`cchc_data.plotting.national`) call these helpers so that all charts speak one visual language:
solid = achieved, hatched = plan contents, hollow = target, red edge and ``⚠`` = inconsistent source.
"""

from __future__ import annotations

import math
import re
import textwrap

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter

from .. import i18n
from .._docstrings import share_docs_in
from .._text import fold
from ..datadir import DataError, data_version
from ..province_registry import provinces, resolve_province
from ..vocabularies import flag_severities, units

__all__ = ["VALUE_COLUMNS", "SOURCE_COLUMNS", "chart_frame", "province_colors", "footer_text", "legend_texts"]


# Paul Tol's colour-blind-safe "muted" palette, ordered so that neighbouring provinces by GSO code
# (and the three curated so far: Hà Giang, Khánh Hòa, Đắk Lắk) get clearly different hues.
_PALETTE = ["#CC6677", "#332288", "#DDCC77", "#999933", "#88CCEE", "#117733", "#44AA99", "#882255", "#AA4499"]
_MISSING = "#e3e3e3"
_ROW_IN = 0.32  # inches per chart row
_FONT = 9


# --- small pure helpers -------------------------------------------------------------------------


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
    symbol = i18n.value_label("qualifier_symbol", str(qualifier), lang)
    number = _fmt_number(value, lang, decimals=decimals)
    if number != "–" and str(unit) == "percent":
        number += "%"
    elif number != "–" and i18n.has(f"chart.unit_suffix.{unit}"):
        number += i18n.t(f"chart.unit_suffix.{unit}", lang)
    return f"{symbol} {number}" if symbol else number


def _unit_word(frame, unit: str, lang: str) -> str:
    """The unit as a chart's frame names it (:func:`chart_frame`'s ``unit_word_*``), else its code."""
    if unit == "percent":
        return "%"
    col = f"unit_word_{lang}"
    if col in frame and (frame["unit"].astype(str) == unit).any():
        return str(frame.loc[frame["unit"].astype(str) == unit, col].iloc[0])
    return unit


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
    # each note wrapped to the width of its axes (DejaVu Sans: about 0.55 em a character), so a long note
    # never pushes a panel's neighbours aside and collapses the layout
    inches = ax.get_position().width * ax.figure.get_figwidth()
    width = max(40, int(inches * 72 / (fs * 0.55)))
    note = "\n".join(_wrap(line, width) for n in notes if n for line in str(n).split("\n"))
    lines = note.count("\n") + 1 if note else 0
    pad = reserve + 8 + lines * fs * 1.45
    if note:
        annotation = ax.annotate(
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
        # unwrapped, and the title's pad: the phone rendering wraps the notes narrower and moves the title up
        annotation.cchc_paragraphs = [" ".join(str(n).split()) for n in notes if n]  # a note's breaks are wraps
        annotation.cchc_title_pad = pad
    drawn = ax.set_title(_wrap(title, 80), loc="left", fontweight="bold", fontsize=11, pad=pad)
    drawn.cchc_unwrapped = " ".join(str(title).split())  # as written: its line breaks are wraps, not sentences


def _subtitle(ax: Axes) -> str:
    """The note lines under a chart's title (for tests and callers)."""
    texts = [t.get_text() for t in ax.texts if t.get_gid() == "cchc-subtitle"]
    return "\n".join(texts)


def _footer(fig: Figure, frame, lang: str, *, note: str = "") -> None:
    """Footer: the note (if any), then the sources of the chart's frame cited short and its data version;
    charts sharing a figure add up their sources.

    The citations are the frame's ``source_cite_<lang>`` (by ``source_id`` when it has none) and the version
    its ``attrs["data_version"]`` (see :func:`chart_frame`): nothing is looked up in a data folder here.
    """
    cited = dict(getattr(fig, "_cchc_sources", {}))
    for prefix in _SOURCE_PREFIXES:
        key, cite = f"{prefix}source_id", f"{prefix}source_cite_{lang}"
        if key not in frame:
            continue
        texts = frame[cite] if cite in frame else frame[key]
        for sid, text in zip(frame[key].astype(str), texts.astype(str), strict=True):
            if sid:
                cited.setdefault(sid, text if text and text != "nan" else sid)
    fig._cchc_sources = cited
    version = frame.attrs.get("data_version") or getattr(fig, "_cchc_version", "") or "–"
    fig._cchc_version = version
    names = "; ".join(cited[i] for i in sorted(cited)) or "–"
    cited_line = f"{i18n.t('sources', lang)}: {names} · {i18n.t('data_version', lang)} {version}"
    width = max(60, int(fig.get_figwidth() * 15))
    paragraphs = [line for line in (note, cited_line) if line]
    footer = fig.supxlabel("\n".join(_wrap(line, width) for line in paragraphs), x=0.01, ha="left", fontsize=7.5,
                           color="0.35")  # fmt: skip
    footer.cchc_paragraphs = paragraphs  # unwrapped: the phone rendering wraps them narrower
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
    >>> from cchc_data.plotting import compare_chart
    >>> ax = compare_chart("digital_certificates", lang="en")
    >>> print(footer_text(ax.figure))  # doctest: +NORMALIZE_WHITESPACE
    Sources: Hà Giang Newspaper (Báo Hà Giang): PAR results 2017 (undated, figures for 2017); Khánh Hòa People's
    Committee: PAR report for Q1 2021 (undated, figures for Q1 2021) · Data version 0.1.0
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


def _rows_axis(ax: Axes, labels: list[str], positions=None) -> None:
    """Row labels top to bottom, at ``positions`` (default: one row each, 0, 1, 2…)."""
    positions = list(range(len(labels))) if positions is None else list(positions)
    ax.set_yticks(positions, labels, fontsize=_FONT)
    ax.set_ylim(max(positions, default=0) + 0.5, min(positions, default=0) - 0.5)  # first row at the top
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
    severity = _severity(flag)
    edge = {"contradiction": _FLAG_RED, "print_slip": _SLIP_GREY}.get(severity, colour)
    face = colour if kind == "actual" else "white"
    width = 2.0 if severity else (1.2 if bar else 1.6)
    if bar:
        style = {"color": face, "edgecolor": edge, "linewidth": width}
        if kind == "plan":
            style["hatch"] = _HATCH
            style["edgecolor"] = edge if severity else colour
        return style
    marker = {"actual": "o", "plan": "s", "target": "D"}.get(kind, "o")
    style = {"marker": marker, "facecolors": face, "edgecolors": edge, "linewidths": width}
    if kind == "plan":
        style["hatch"] = _HATCH
    return style


_SLIP_GREY = "#6f6f6f"


def _severity(flag) -> str:
    """A flag's severity (``data/flags.csv``): ``"contradiction"``, ``"print_slip"``, or ``""`` for none.

    >>> _severity("sum_mismatch"), _severity("period_typo"), _severity("")
    ('contradiction', 'print_slip', '')
    """
    if not flag or (isinstance(flag, float) and math.isnan(flag)):
        return ""
    return flag_severities().get(str(flag), "contradiction")  # an unknown flag is never played down


def _mark_text(text: str, flag: str) -> str:
    """A value label: ⚠ in front for a contradiction in the source, † after it for a printing slip."""
    severity = _severity(flag)
    return f"⚠ {text}" if severity == "contradiction" else f"{text} †" if severity == "print_slip" else text


def _scatter_by_style(ax: Axes, xs, ys, kinds, flags, colours, *, gid: str | None, s: float = 60, **kw) -> list:
    """One scatter per (kind, flag, colour) group, each with ``gid`` (the kind if ``None``), ``-flagged`` added."""
    drawn = []
    groups: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(kinds, [_severity(f) for f in flags], colours, strict=True)):
        groups.setdefault(key, []).append(i)
    for (kind, severity, colour), idx in groups.items():
        style = _kind_style(
            kind, colour, flag={"contradiction": "contradiction", "print_slip": "format_anomaly"}.get(severity, "")
        )
        name = gid or kind
        suffix = {"contradiction": "-flagged", "print_slip": "-slip"}.get(severity, "")
        coll = ax.scatter([xs[i] for i in idx], [ys[i] for i in idx], s=s, zorder=3, clip_on=False,
                          gid=f"{name}{suffix}", **style, **kw)  # fmt: skip
        coll.cchc_kind = kind
        drawn.append(coll)
    return drawn


def _ring_swatch(legend, orig_handle, xdescent, ydescent, width, height, fontsize):
    from matplotlib.patches import Circle

    """A legend swatch drawn as a ring (a circle in the middle of the swatch), keeping the handle's line style."""
    r = min(width, height) / 2 + 1
    return Circle((width / 2 - xdescent, height / 2 - ydescent), r)


def _legend(ax: Axes, lang: str, *, kinds=(), flags=(), caveat=False, qualifier=False, bar=False, loc=None):
    """The chart's legend: only the encodings it uses, in the chart's language; returns the Legend."""
    from matplotlib.legend_handler import HandlerPatch
    from matplotlib.patches import Circle, Patch

    handles = []
    for kind in ("actual", "plan", "target"):
        if kind not in {str(k) for k in kinds}:
            continue
        style = _kind_style(kind, "0.35", bar=True)
        label = _wrap(i18n.t(f"chart.legend_{kind}", lang), 30)
        if bar:
            handles.append(Patch(facecolor=style["color"], edgecolor=style["edgecolor"], hatch=style.get("hatch"),
                                 label=label))  # fmt: skip
        else:
            m = _kind_style(kind, "0.35")
            handles.append(Line2D([], [], ls="", marker=m["marker"], markersize=7, mfc=m["facecolors"],
                                  mec=m["edgecolors"], mew=1.4, label=label))  # fmt: skip
    handler_map = {}
    if caveat:  # drawn as the chart draws it: a dotted ring
        ring = Circle((0, 0), 1, facecolor="none", edgecolor="0.35", linewidth=1.2, linestyle=":",
                      label=_wrap(i18n.t("chart.legend_caveat", lang), 30))  # fmt: skip
        handles.append(ring)
        handler_map[ring] = HandlerPatch(patch_func=_ring_swatch)
    kinds_flagged = sorted({str(f) for f in flags if str(f)})
    for severity, key, edge in (("contradiction", "chart.legend_flag", _FLAG_RED),
                                ("print_slip", "chart.legend_slip", _SLIP_GREY)):  # fmt: skip
        same = [f for f in kinds_flagged if _severity(f) == severity]
        if same:  # one swatch per severity (as drawn), every meaning on it
            meaning = "; ".join(i18n.value_label("flag", flag, lang) for flag in same)
            handles.append(Patch(facecolor="white", edgecolor=edge, linewidth=2,
                                 label=_wrap(i18n.t(key, lang, meaning=meaning), 30)))  # fmt: skip
    if qualifier:
        handles.append(Line2D([], [], ls="", marker="", label=_wrap(i18n.t("chart.legend_qualifier", lang), 30)))
    if not handles:
        return None
    kw = loc or {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0)}
    legend = ax.legend(handles=handles, frameon=False, fontsize=7.5, borderaxespad=0.2, handlelength=1.6,
                       handler_map=handler_map, **kw)  # fmt: skip
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
    >>> from cchc_data.plotting import compare_chart
    >>> ax = compare_chart("official_email_accounts", lang="en")
    >>> legend_texts(ax)[0]
    'Achieved (actual)'
    >>> plt.close(ax.figure)
    """
    if isinstance(ax, Figure):
        return [t.get_text() for a in ax.axes for t in (a.get_legend().get_texts() if a.get_legend() else [])]
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


#: A frame's source columns: ``source_id``, and ``actual_source_id`` beside a target (progress to target).
_SOURCE_PREFIXES = ("", "actual_")


def chart_frame(frame, *, data_dir=None):
    """A frame as the ``draw_*`` functions draw it: ``frame`` with its sources, units and breakdowns in words.

    Adds, for each row, its source's issuer, title (Vietnamese and English), publisher and date
    (:data:`SOURCE_COLUMNS`) and short citation in each language (``source_cite_vi``, ``source_cite_en``,
    for the footer; the same with ``actual_`` in front for an ``actual_source_id``), its unit and breakdown in words (``unit_word_vi`` … ``breakdown_word_en``), and the data
    version as ``attrs["data_version"]``. A chart drawn from it, and the CSV saved beside the chart, cite
    exactly these: neither looks anything up in a data folder.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows with ``source_id`` (facts, or national index values), and ``unit`` / ``breakdown`` if any.
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        A copy of ``frame`` with those columns added (replaced if they were there).

    Examples
    --------
    >>> from cchc_data import analysis
    >>> f = chart_frame(analysis.compare("digital_certificates"))
    >>> f[["source_id", "source_cite_en"]].iloc[0].tolist()
    ['kh-2021q1-report', "Khánh Hòa People's Committee: PAR report for Q1 2021 (undated, figures for Q1 2021)"]
    >>> f.attrs["data_version"]
    '0.1.0'
    """
    import pandas as pd

    from ..indicators import sources
    from ..national import national_index_sources
    from ..tables import cite_source
    from ..vocabularies import breakdowns

    out = pd.DataFrame(frame).copy()
    keys = [f"{prefix}source_id" for prefix in _SOURCE_PREFIXES if f"{prefix}source_id" in out]
    ids = sorted({str(i) for key in keys for i in out[key] if str(i)})
    tables = [sources(data_dir=data_dir)]
    try:
        tables.append(national_index_sources(data_dir=data_dir))
    except DataError:  # a data folder without the national index tables
        pass
    table = pd.concat(tables, ignore_index=True).drop_duplicates("source_id")
    described_by = ["source_id", "issuer", "issuer_en", "title", "title_en", "publisher", "publisher_en", "published"]
    table = table[table["source_id"].isin(ids)][[c for c in described_by if c in table.columns]]
    table = table.rename(columns={c: f"source_{c}" for c in table.columns if c != "source_id"})
    for lang in i18n.LANGS:
        table[f"source_cite_{lang}"] = [cite_source(i, lang, short=True, data_dir=data_dir) for i in table["source_id"]]
    for key in keys:
        prefix = key.removesuffix("source_id")
        described = table.rename(columns={c: prefix + c for c in table.columns})
        out = out.drop(columns=[c for c in described.columns if c != key and c in out])
        index = out.index
        out = out.merge(described, on=key, how="left").set_axis(index)
    labels = {"unit": units(data_dir=data_dir), "breakdown": breakdowns(data_dir=data_dir)}
    for col, vocab in labels.items():
        if col in out:
            for lang in i18n.LANGS:
                names = vocab.set_index(col)[f"label_{lang}"]
                out[f"{col}_word_{lang}"] = [names.get(str(v), str(v)) if str(v) else "" for v in out[col]]
    out.attrs["data_version"] = data_version(data_dir)
    return out


#: Columns :func:`chart_frame` adds about a value's source; the CSV beside a chart writes them after ``source_id``.
SOURCE_COLUMNS = [
    "source_issuer", "source_issuer_en", "source_title", "source_title_en", "source_publisher", "source_publisher_en",
    "source_published",
]  # fmt: skip
#: Columns a chart reads for its words (footer, axis) and leaves out of ``fig.cchc_values``.
_WORD_COLUMNS = [
    f"{c}_{lang}" for c in ("source_cite", "actual_source_cite", "unit_word", "breakdown_word") for lang in i18n.LANGS
]  # fmt: skip


def _attach_values(fig: Figure, frame, **extra) -> None:
    """Attach the exact values a chart drew as ``fig.cchc_values`` (appended when charts share a figure)."""
    import pandas as pd

    out = pd.DataFrame(frame).drop(columns=_WORD_COLUMNS, errors="ignore").copy()
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


share_docs_in(globals())
