"""A chart in one sentence, from the values it drew (``fig.cchc_values``): its ``alt`` text and caption.

What the chart shows (its title), where (the provinces), when (its periods), how many values of which kind
(achieved, plan, target), the lowest and the highest value, and how many are flagged as inconsistent in
their source. Screen readers read it instead of the image; the page shows it under the chart too.
"""

from __future__ import annotations

import pandas as pd

from .. import i18n
from .._docstrings import share_docs_in

__all__ = ["describe_chart"]

_KINDS = ("actual", "plan", "target")


def _title(fig) -> str:
    """The chart's title: the figure's suptitle, else the first axes' left or centre title, on one line (a title
    the charts wrapped as it was written; another's second line is a note, a sentence of its own)."""
    texts = [fig._suptitle] if getattr(fig, "_suptitle", None) is not None else []
    for ax in fig.axes:
        texts += [ax._left_title, ax.title]
    drawn = next((t for t in texts if t.get_text().strip()), None)
    if drawn is None:
        return ""
    if getattr(drawn, "cchc_unwrapped", None):
        return drawn.cchc_unwrapped.rstrip(".")
    title = drawn.get_text()
    lines = [" ".join(line.split()) for line in title.splitlines() if line.strip()]  # a second line is a note
    return ". ".join(line.rstrip(".") for line in lines)


def _label(row, lang: str, labels: dict) -> str:
    """The value's indicator in words, with its part of a breakdown (``… – Investment``) when it is one."""
    label = row.get(f"label_{lang}")
    if not (isinstance(label, str) and label):
        label = labels.get(str(row["indicator"]), str(row["indicator"]))
    part = row.get(f"breakdown_label_{lang}")
    return f"{label} – {part}" if isinstance(part, str) and part else label


def _where(values: pd.DataFrame, lang: str) -> str:
    from .._text import fold
    from ..province_registry import provinces

    names = provinces().set_index("slug")["name_vi"]
    slugs = [s for s in dict.fromkeys(values["province"].astype(str)) if s and s != "nan"]
    shown = sorted((str(names.get(s, s)) for s in slugs), key=fold)  # the site's one order: Đắk Lắk, Hà Giang…
    if not shown:
        return ""
    if len(shown) > 3:
        return i18n.t("chart.n_provinces", lang, n=i18n.format_number(len(shown), lang))
    return ", ".join(shown)


def _when(values: pd.DataFrame, lang: str) -> str:
    from ..periods import parse_period

    periods = [p for p in dict.fromkeys(values["period"].astype(str)) if p and p != "nan"]
    if not periods:
        return ""

    def key(p):
        try:
            parsed = parse_period(p)
            return (parsed.year, parsed.quarter or 0, parsed.year_end or parsed.year)
        except (ValueError, TypeError, AttributeError):
            return (9999, 0, 0)

    periods.sort(key=key)
    first, last = i18n.format_period(periods[0], lang), i18n.format_period(periods[-1], lang)
    return first if first == last else f"{first} … {last}"


def describe_chart(fig, lang: str) -> str:
    """The chart in one sentence, from ``fig.cchc_values``: what, where, when, how many, lowest and highest, flags.

    The lowest and highest are given only when the values compared are of one indicator (or one index), in
    the chart's most common unit, achieved values first when there are any: a chart of several indicators
    gets no lowest and highest, since they measure different things.

    Parameters
    ----------
    fig : matplotlib.figure.Figure or matplotlib.axes.Axes
        A chart drawn by :mod:`cchc_data.plotting` (an axes stands for its figure).
    lang : {"vi", "en"}
        Language of the sentence.

    Returns
    -------
    str
        The sentence; only the title when the chart carries no values.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from cchc_data.plotting import breakdown_chart, compare_chart
    >>> ax = breakdown_chart("khanh-hoa", "dossiers_on_time_share", lang="en")
    >>> print(describe_chart(ax, "en"))
    Share of dossiers resolved on time – Khánh Hòa, Q1 2021. Khánh Hòa, Q1 2021: 7 values drawn (7 achieved). Lowest: Share of dossiers resolved on time – Investment 86.84% (Khánh Hòa, Q1 2021); highest: Share of dossiers resolved on time – Provincial level 99.76% (Khánh Hòa, Q1 2021).
    >>> plt.close(ax.figure)

    Two indicators (certificates issued, certificates integrated) get no lowest and highest:

    >>> ax = compare_chart("digital_certificates", lang="en")
    >>> print(describe_chart(ax, "en"))
    Specialised digital certificates for state agencies. Hà Giang, Khánh Hòa, 2017 … Q1 2021: 2 values drawn (2 achieved).
    >>> plt.close(ax.figure)
    """
    from matplotlib.axes import Axes

    lang = i18n.check_lang(lang)
    if isinstance(fig, Axes):
        fig = fig.figure
    title = _title(fig)
    values = getattr(fig, "cchc_values", None)
    if not isinstance(values, pd.DataFrame) or values.empty:
        return f"{title}." if title else ""
    values = values.reset_index(drop=True)
    for column in ("province", "indicator", "period", "kind", "value", "unit", "qualifier", "flag"):
        if column not in values.columns:  # a hand-made frame may lack some of the chart contract's columns
            values[column] = ""
    from ..national import national_index_catalog
    from ..vocabularies import catalog

    labels = dict(zip(catalog()["indicator"], catalog()[f"label_{lang}"], strict=True))
    indices = national_index_catalog()
    labels.update(zip(indices["index"], indices[f"short_{lang}"], strict=True))
    where, when = _where(values, lang), _when(values, lang)
    place = ", ".join(p for p in (where, when) if p)
    kinds = values["kind"].astype(str)
    counts = [(k, int((kinds == k).sum())) for k in _KINDS if (kinds == k).any()]
    kind_words = ", ".join(
        i18n.t(f"alt_kind_{k}" + ("_one" if n == 1 and i18n.has(f"alt_kind_{k}_one") else ""), lang,
               n=i18n.format_number(n, lang))
        for k, n in counts
    )  # fmt: skip
    counted = getattr(fig, "cchc_counted", False)  # a chart of facts counted (coverage): their values are not drawn
    one = len(values) == 1
    key = ("alt_counted_one" if one else "alt_counted") if counted else ("alt_values_one" if one else "alt_values")
    core = i18n.t(key, lang, n=i18n.format_number(len(values), lang)) + (f" ({kind_words})" if kind_words else "")
    sentence = (f"{title}. " if title else "") + (f"{place}: {core}." if place else f"{core[:1].upper()}{core[1:]}.")
    numeric = values[pd.to_numeric(values["value"], errors="coerce").notna()].copy()
    if len(numeric) > 1 and not counted:  # no lowest and highest among values a chart only counts
        numeric["value"] = numeric["value"].astype(float)
        unit = numeric["unit"].astype(str).mode().iloc[0]
        pool = numeric[numeric["unit"].astype(str) == unit]
        if "scope" in pool.columns:  # national indices: the province's own scores, not the national references
            pool = numeric[numeric["scope"].astype(str).eq("province") & numeric["measure"].astype(str).eq("score")]
        if (pool["kind"].astype(str) == "actual").any():
            pool = pool[pool["kind"].astype(str) == "actual"]
        comparable = pool["indicator"].astype(str).nunique() == 1
        low = high = None
        if len(pool) > 1 and comparable:  # not across indicators or indices: they measure different things
            low, high = pool.loc[pool["value"].idxmin()], pool.loc[pool["value"].idxmax()]
        if low is not None and low["value"] != high["value"]:
            sentence += " " + i18n.t("alt_range", lang, low=_mark(low, lang, labels), high=_mark(high, lang, labels))
    flags = values["flag"].fillna("").astype(str)
    flagged = flags[flags != ""]
    if len(flagged):
        meanings = "; ".join(i18n.value_label("flag", f, lang) for f in dict.fromkeys(flagged.tolist()))
        key = "alt_flags_one" if len(flagged) == 1 else "alt_flags"
        sentence += " " + i18n.t(key, lang, n=i18n.format_number(len(flagged), lang), meanings=meanings)
    return sentence


def _mark(row, lang: str, labels: dict) -> str:
    """``<label> <value> (<province>, <period>)`` for one value."""
    from ..province_registry import provinces

    qualifier = row.get("qualifier", "none")
    qualifier = qualifier if isinstance(qualifier, str) and qualifier else "none"
    try:
        value = i18n.format_value(row["value"], str(row["unit"]), lang, qualifier=qualifier)
    except (KeyError, ValueError):
        value = i18n.format_number(row["value"], lang)
    names = provinces().set_index("slug")["name_vi"]
    where = [str(names.get(str(row["province"]), "")), i18n.format_period(str(row["period"]), lang)]
    return f"{_label(row, lang, labels)} {value} ({', '.join(w for w in where if w)})"


share_docs_in(globals())
