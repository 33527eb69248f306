"""Analysis on the tidy frame: pure functions that take and return tidy DataFrames.

Nothing here plots or writes files; :mod:`cchc_data.plotting` and :mod:`cchc_data.export` build on it.
"""

from __future__ import annotations

import math

import pandas as pd

from . import i18n
from ._checks import check_argument
from ._docstrings import share_docs_in
from .indicators import load_indicators
from .periods import parse_period
from .province_registry import provinces, resolve_province
from .validation import pair_parts_with_wholes
from .vocabularies import catalog, concepts, domains

__all__ = [
    "summary",
    "comparable_concepts",
    "compare",
    "concept_series",
    "coverage",
    "part_whole_shares",
    "progress_to_target",
    "target_status",
    "per_capita",
    "successor_view",
    "profile",
    "breakdown_table",
    "indicators_with_breakdowns",
    "in_language",
]


#: The kinds of fact, in display order: achieved results, contents of adopted plans, goals for the future.
KINDS = ("actual", "plan", "target")
#: Comparability grades of an indicator against its concept's definition.
GRADES = ("same", "caveat")


def _facts(frame, data_dir) -> pd.DataFrame:
    return load_indicators(data_dir=data_dir) if frame is None else frame


def _latest_first(frame: pd.DataFrame) -> pd.DataFrame:
    """Sort so that, within any group, the most recent period comes first (by end, then start)."""
    bounds = frame["period"].map(lambda p: (parse_period(p).end, parse_period(p).start))
    order = pd.DataFrame(bounds.tolist(), index=frame.index, columns=["_end", "_start"]) if len(frame) else None
    if order is None:
        return frame
    return (
        frame.join(order)
        .sort_values(["_end", "_start"], ascending=False, kind="stable")
        .drop(columns=["_end", "_start"])
    )


def summary(*, data_dir=None) -> pd.DataFrame:
    """Number of facts per province, domain and source, by kind (actual, plan, target).

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        Columns ``province``, ``domain``, ``source_id``, one count column per kind (``actual``, ``plan``,
        ``target``, 0 where none) and their sum ``facts``; only combinations with facts.

    Examples
    --------
    >>> s = summary()
    >>> list(s.columns)
    ['province', 'domain', 'source_id', 'actual', 'plan', 'target', 'facts']
    >>> s.groupby("province", observed=True)["facts"].sum().to_dict()
    {'dak-lak': 10, 'ha-giang': 32, 'khanh-hoa': 170}
    """
    df = load_indicators(data_dir=data_dir)
    table = (
        df.groupby(["province", "domain", "source_id", "kind"], observed=True)
        .size()
        .unstack("kind", fill_value=0)
        .reindex(columns=list(KINDS), fill_value=0)
    )
    table["facts"] = table.sum(axis=1)
    return table.reset_index().rename_axis(columns=None)


def _check_kind(kind) -> str:
    return check_argument("kind", kind, KINDS)


def _with_comparability(df: pd.DataFrame, data_dir) -> pd.DataFrame:
    """Add each fact's comparability grade and notes (from the catalog) and its concept's labels and definition."""
    cat = catalog(data_dir=data_dir).set_index("indicator")
    con = concepts(data_dir=data_dir).set_index("concept")
    return df.assign(
        concept_label_vi=df["concept"].map(con["label_vi"]),
        concept_label_en=df["concept"].map(con["label_en"]),
        concept_definition_vi=df["concept"].map(con["definition_vi"]),
        concept_definition_en=df["concept"].map(con["definition_en"]),
        comparability=df["indicator"].map(cat["comparability"]),
        comparability_note_vi=df["indicator"].map(cat["comparability_note_vi"]),
        comparability_note_en=df["indicator"].map(cat["comparability_note_en"]),
    )


def comparable_concepts(
    *, min_provinces: int = 2, kind: str = "actual", strict: bool = False, as_frame: bool = False, data_dir=None
):
    """Concepts with facts (totals, not breakdowns) for at least ``min_provinces`` provinces.

    Parameters
    ----------
    min_provinces : int, default 2
        How many provinces must have a fact of the concept.
    {kind}
    strict : bool, default False
        Count only provinces whose indicator measures exactly the concept's quantity (grade ``"same"``).
    as_frame : bool, default False
        Return a table of every concept instead of a list: ``concept``, ``label_vi``, ``label_en``,
        ``provinces`` (with any fact), ``provinces_strict`` (with a ``"same"`` fact) and ``reading``:
        ``"strict"`` (comparable as defined), ``"caveats"`` (comparable only with the caveats shown) or
        ``"single"`` (fewer than ``min_provinces`` provinces).
    {data_dir}

    Returns
    -------
    list of str or pandas.DataFrame
        Concept codes, sorted; with ``as_frame=True`` the table described above.

    Raises
    ------
    ValueError
        If ``kind`` is not a known kind.

    See Also
    --------
    compare : Compare one of these concepts across provinces.

    Examples
    --------
    >>> comparable_concepts()
    ['digital_certificates', 'edocs_fully_electronic_share', 'edocs_sent_share', 'official_email_accounts']
    >>> comparable_concepts(strict=True)
    []
    >>> t = comparable_concepts(as_frame=True).set_index("concept")
    >>> row = t.loc["official_email_accounts"]
    >>> int(row["provinces"]), int(row["provinces_strict"]), row["reading"]
    (2, 0, 'caveats')
    """
    _check_kind(kind)
    df = load_indicators(kind=kind, data_dir=data_dir)
    df = _with_comparability(df[(df["concept"] != "") & (df["breakdown"] == "")], data_dir)
    con = concepts(data_dir=data_dir)
    table = con[["concept", "label_vi", "label_en"]].assign(
        provinces=con["concept"].map(df.groupby("concept")["province"].nunique()).fillna(0).astype(int),
        provinces_strict=con["concept"]
        .map(df[df["comparability"] == "same"].groupby("concept")["province"].nunique())
        .fillna(0)
        .astype(int),
    )
    table["reading"] = "single"
    table.loc[table["provinces"] >= min_provinces, "reading"] = "caveats"
    table.loc[table["provinces_strict"] >= min_provinces, "reading"] = "strict"
    if as_frame:
        return table.sort_values("concept", ignore_index=True)
    wanted = table["provinces_strict" if strict else "provinces"] >= min_provinces
    return sorted(table.loc[wanted, "concept"])


_COMPARE_COLUMNS = [
    "concept", "concept_label_vi", "concept_label_en", "concept_definition_vi", "concept_definition_en", "fact_id",
    "province", "province_name", "indicator", "label_vi", "label_en", "period", "year", "quarter", "kind", "value",
    "unit", "qualifier", "source_id", "evidence", "comparability", "comparability_note_vi", "comparability_note_en",
    "flag", "note", "note_vi",
]  # fmt: skip


def compare(
    concept,
    *,
    provinces=None,
    period="latest",
    kind: str = "actual",
    strict: bool = False,
    successors: bool = False,
    data_dir=None,
) -> pd.DataFrame:
    """Compare one concept (or several) across provinces, keeping what makes values differ.

    Parameters
    ----------
    concept : str or list of str
        Concept code(s) from :func:`cchc_data.concepts`.
    provinces : str or list, optional
        Provinces to include (names, slugs or codes); default ``None``: every province with a fact.
    period : "latest", str, or dict, default "latest"
        ``"latest"`` takes each province's most recent fact; a period label takes that period
        for every province; a dict maps province (any accepted form) to its period.
    {kind}
    strict : bool, default False
        Keep only indicators that measure exactly the concept's quantity (``comparability == "same"``);
        default: keep the caveated ones too, with their notes.
    successors : bool, default False
        Add the province's 2025 successor (see :func:`successor_view`).
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        One row per concept and province: ``concept``, ``concept_label_vi``/``_en``,
        ``concept_definition_vi``/``_en``, ``fact_id``, ``province``, ``province_name``, ``indicator``,
        ``label_vi``, ``label_en``, ``period``, ``year``, ``quarter``, ``kind``, ``value``, ``unit``,
        ``qualifier``, ``source_id``, ``evidence``, ``comparability`` (``"same"`` or ``"caveat"``),
        ``comparability_note_vi``/``_en`` (the specific difference from the definition), ``flag``,
        ``note``; sorted by concept, then value (largest first). Only totals (no breakdown rows). When one
        province has several indicators of the concept in its latest period, all of them are kept.

    Examples
    --------
    >>> c = compare("digital_certificates")
    >>> sorted(c["province"])
    ['ha-giang', 'khanh-hoa']
    >>> row = c.set_index("province").loc["ha-giang"]
    >>> row["period"], float(row["value"]), row["comparability"]
    ('2017', 2725.0, 'caveat')
    >>> row["comparability_note_en"]
    'Issued to officials with signing authority; unclear if a total or those issued in the year'
    >>> compare("edocs_sent_share", strict=True)["province"].tolist()
    ['khanh-hoa']
    """
    _check_kind(kind)
    concept_list = [concept] if isinstance(concept, str) else list(concept)
    df = load_indicators(concept=concept_list, kind=kind, data_dir=data_dir)
    df = df[df["breakdown"] == ""]
    if provinces is not None:
        wanted = [
            resolve_province(p, data_dir=data_dir) for p in ([provinces] if isinstance(provinces, str) else provinces)
        ]
        df = df[df["province"].isin(wanted)]
    df = _with_comparability(df, data_dir)
    if strict:
        df = df[df["comparability"] == "same"]
    if isinstance(period, dict):
        chosen = {resolve_province(p, data_dir=data_dir): parse_period(v).label for p, v in period.items()}
        df = df[df["province"].map(chosen).eq(df["period"]) | ~df["province"].isin(list(chosen))]
        period = "latest"
    if period == "latest":
        df = _latest_first(df)
        latest = df.groupby(["concept", "province"], observed=True)["period"].transform("first")
        df = df[df["period"] == latest]
    else:
        df = df[df["period"] == parse_period(period).label]
    out = df[_COMPARE_COLUMNS].sort_values(["concept", "value"], ascending=[True, False], kind="stable")
    out = out.reset_index(drop=True)
    if successors:
        out = successor_view(out, data_dir=data_dir)
    return out


def concept_series(concept, province, *, kind: str = "actual", data_dir=None) -> pd.DataFrame:
    """A concept's totals in one province over time, with the line each point may be joined on.

    Points are joined only where the definition is the same: all points graded ``"same"`` share one
    line; a caveated indicator has a line of its own (its points join each other, never a point of
    another definition). Khánh Hòa's E-Office counts of 2019 (198 state agencies) and 2021-Q1 (190
    agencies, units and localities, a different set) are therefore two separate points.

    Parameters
    ----------
    concept : str
        A concept code from :func:`cchc_data.concepts`.
    {province}
    {kind}
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`compare` plus ``line`` (``"same"`` or the caveated indicator's code) and
        ``joined`` (``True`` where the point is joined to the previous point of its line), oldest first.

    See Also
    --------
    compare : The same concept across provinces.

    Examples
    --------
    >>> s = concept_series("eoffice_agencies", "Khánh Hòa")
    >>> s[["period", "value", "comparability", "joined"]].values.tolist()
    [['2019', 198.0, 'same', False], ['2021-Q1', 190.0, 'caveat', False]]
    """
    _check_kind(kind)
    slug = resolve_province(province, data_dir=data_dir)
    df = load_indicators(concept=concept, province=slug, kind=kind, data_dir=data_dir)
    df = _with_comparability(df[df["breakdown"] == ""], data_dir)
    bounds = [(parse_period(p).start, parse_period(p).end) for p in df["period"]]
    out = df.assign(_start=[b[0] for b in bounds], _end=[b[1] for b in bounds])
    out = out.sort_values(["_start", "_end", "indicator"], kind="stable")[_COMPARE_COLUMNS].reset_index(drop=True)
    out["line"] = out["indicator"].where(out["comparability"] != "same", "same")
    out["joined"] = out.groupby("line").cumcount() > 0
    return out


def coverage(
    frame: pd.DataFrame | None = None, *, by: str = "concept", values: str = "count", data_dir=None
) -> pd.DataFrame:
    """Which facts exist: a matrix of concepts (or indicators, or domains) × provinces.

    Parameters
    ----------
    frame : pandas.DataFrame, optional
        Facts to cover, as from :func:`cchc_data.load_indicators`. Default ``None``: all facts.
    by : {"concept", "indicator", "domain"}, default "concept"
        Rows of the matrix. With ``"concept"``, indicators without a concept are left out.
    values : {"count", "periods"}, default "count"
        ``"count"``: number of facts per cell (0 where none). ``"periods"``: the period labels present,
        comma-separated, oldest first (``""`` where none).
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        One row per concept (indicator, domain), one column per province slug with facts in ``frame``.

    Raises
    ------
    ValueError
        If ``by`` or ``values`` is not one of the values above.

    Examples
    --------
    >>> m = coverage()
    >>> int(m.loc["digital_certificates", "ha-giang"]), int(m.loc["fibre_commune_share", "ha-giang"])
    (1, 0)
    >>> coverage(by="domain", values="periods").at["direction", "dak-lak"]
    '2020-2025, 2022, 2023-Q1'
    """
    check_argument("grouping", by, ("concept", "indicator", "domain"))
    check_argument("coverage value", values, ("count", "periods"))
    df = _facts(frame, data_dir)
    provinces_with_data = sorted(df["province"].astype(str).unique())
    df = df.assign(**{by: df[by].astype(str)})
    if by == "concept":
        df = df[df["concept"] != ""]
    rows = sorted(df[by].unique())
    if by == "domain":
        rows = [d for d in domains(data_dir=data_dir)["domain"] if d in set(rows)]
    if values == "count":
        table = pd.crosstab(df[by], df["province"].astype(str)).reindex(
            index=rows, columns=provinces_with_data, fill_value=0
        )
    else:
        periods = (
            _latest_first(df)
            .groupby([by, df["province"].astype(str)], observed=True)["period"]
            .agg(lambda s: ", ".join(sorted(set(s), key=lambda p: (parse_period(p).start, parse_period(p).end))))
        )
        table = periods.unstack(fill_value="").reindex(index=rows, columns=provinces_with_data, fill_value="")
    table.index.name, table.columns.name = by, "province"
    return table


def part_whole_shares(frame: pd.DataFrame | None = None, *, data_dir=None) -> pd.DataFrame:
    """Shares derived from a part and its whole (191 of 195 communes → 97.9 %), marked as derived.

    A part is a fact whose catalog row names a ``whole``; it is paired with the whole's fact of the
    same province, period, kind, breakdown and source, or printed with it for an earlier period
    (``whole_period``; see :func:`cchc_data.validation.pair_parts_with_wholes`). Printed percentages are
    not touched: the result has its own ``share`` column and ``origin = "derived"``.

    Parameters
    ----------
    frame : pandas.DataFrame, optional
        Facts as from :func:`cchc_data.load_indicators`. Default ``None``: all facts.
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        ``province``, ``province_name``, ``indicator``, ``label_vi``, ``label_en``, ``whole_indicator``,
        ``whole_label_vi``, ``whole_label_en``, ``period`` (of the part), ``whole_period`` (of the whole,
        the same unless the source says otherwise), ``kind``, ``breakdown``, ``part``, ``whole``,
        ``share`` (percent, 0–100), ``origin``, ``qualifier``, ``source_id``, ``evidence``, ``flag`` (of the
        part, else of the whole), ``fact_id`` (of the part) and ``whole_fact_id``.

    Examples
    --------
    >>> s = part_whole_shares()
    >>> row = s[(s["province"] == "ha-giang") & (s["breakdown"] == "level:commune")].iloc[0]
    >>> float(row["part"]), float(row["whole"]), round(float(row["share"]), 1), row["origin"]
    (191.0, 195.0, 97.9, 'derived')
    """
    df = _facts(frame, data_dir)
    cat = catalog(data_dir=data_dir).set_index("indicator")
    wholes_of = df["indicator"].map(cat["whole"]).fillna("")
    parts = df[wholes_of != ""].assign(whole_indicator=wholes_of[wholes_of != ""])
    key = ["province", "kind", "breakdown", "source_id"]
    wholes = df[["indicator", *key, "period", "evidence", "value", "flag", "fact_id"]].rename(
        columns={
            "indicator": "_whole",
            "period": "_wperiod",
            "evidence": "_wevidence",
            "value": "whole",
            "flag": "whole_flag",
            "fact_id": "whole_fact_id",
        }
    )
    parts = parts.rename(columns={"whole_indicator": "_whole"})
    for col in ("province", "kind", "source_id", "period"):  # merge on plain strings, not on categories
        parts[col] = parts[col].astype(str)
        wholes[col if col != "period" else "_wperiod"] = wholes[col if col != "period" else "_wperiod"].astype(str)
    out = pair_parts_with_wholes(parts, wholes).dropna(subset=["whole_fact_id"])
    out = out.rename(columns={"_whole": "whole_indicator", "_wperiod": "whole_period"})
    out = out.assign(
        part=out["value"],
        share=100 * out["value"] / out["whole"].where(out["whole"] != 0),
        origin="derived",
        whole_label_vi=out["whole_indicator"].map(cat["label_vi"]),
        whole_label_en=out["whole_indicator"].map(cat["label_en"]),
        flag=out["flag"].where(out["flag"] != "", out["whole_flag"]),
    )
    cols = [
        "province", "province_name", "indicator", "label_vi", "label_en", "whole_indicator", "whole_label_vi",
        "whole_label_en", "period", "whole_period", "kind", "breakdown", "part", "whole", "share", "origin",
        "qualifier", "source_id", "evidence", "flag", "fact_id", "whole_fact_id",
    ]  # fmt: skip
    return out[cols].sort_values(["province", "period", "indicator", "breakdown"], kind="stable").reset_index(drop=True)


#: The values a number printed with a qualifier stands for: (low, low included, high, high included).
#: ``"none"`` and ``"about"`` stand for the value itself.
_QUALIFIED_RANGE = {
    "more_than": lambda v: (v, False, math.inf, False),
    "at_least": lambda v: (v, True, math.inf, False),
    "less_than": lambda v: (-math.inf, False, v, False),
    "at_most": lambda v: (-math.inf, False, v, True),
}


def _qualified_range(value, qualifier):
    return _QUALIFIED_RANGE.get(qualifier, lambda v: (v, True, v, True))(value)


def target_status(actual, actual_qualifier, target, target_qualifier) -> str:
    """Whether an actual value meets a target, both as printed with their qualifiers.

    A target ``"less_than"`` or ``"at_most"`` is a ceiling; any other is a floor (``"none"`` and
    ``"about"`` mean "at least"). A qualified actual stands for a range (``"more_than" 60`` is any value
    above 60), so the status is ``"met"`` when every value of that range meets the target, ``"not met
    yet"`` when none does, and ``"cannot tell"`` when the printed figures do not decide it.

    Parameters
    ----------
    actual : float
        The achieved value.
    actual_qualifier : str
        Its qualifier (``"none"``, ``"about"``, ``"more_than"``, ``"at_least"``, ``"less_than"``,
        ``"at_most"``).
    target : float
        The target value.
    target_qualifier : str
        The target's qualifier, from the same list.

    Returns
    -------
    str
        ``"met"``, ``"not met yet"`` or ``"cannot tell"``.

    See Also
    --------
    progress_to_target : The status of every target of a province.

    Examples
    --------
    >>> target_status(10, "none", 10, "less_than"), target_status(10, "none", 10, "at_most")
    ('not met yet', 'met')
    >>> target_status(60, "more_than", 80, "at_least"), target_status(95, "more_than", 80, "none")
    ('cannot tell', 'met')
    """
    lo, lo_in, hi, hi_in = _qualified_range(actual, actual_qualifier)
    if target_qualifier not in {"less_than", "at_most"}:
        target_qualifier = target_qualifier if target_qualifier == "more_than" else "at_least"
    t_lo, t_lo_in, t_hi, t_hi_in = _qualified_range(target, target_qualifier)
    inside = (lo > t_lo or (lo == t_lo and (t_lo_in or not lo_in))) and (
        hi < t_hi or (hi == t_hi and (t_hi_in or not hi_in))
    )
    outside = (hi < t_lo or (hi == t_lo and not (hi_in and t_lo_in))) or (
        lo > t_hi or (lo == t_hi and not (lo_in and t_hi_in))
    )
    return "met" if inside else "not met yet" if outside else "cannot tell"


def progress_to_target(province, *, data_dir=None) -> pd.DataFrame:
    """A province's targets beside the latest actual value of the same indicator (or concept).

    The actual is the most recent ``actual`` fact of the same indicator and breakdown in the province;
    failing that, of the same concept. ``gap = actual - target`` (positive: above the target). Where no
    actual exists, ``status`` is ``"no actual yet"`` and actual/gap are missing (never zero).

    Parameters
    ----------
    {province}
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        ``indicator``, ``label_vi``, ``label_en``, ``domain``, ``breakdown``, ``unit``, ``target_period``,
        ``target``, ``target_qualifier``, ``actual_period``, ``actual``, ``actual_qualifier``,
        ``matched_by`` (``"indicator"``, ``"concept"`` or ``""``), ``gap``, ``status`` (``"met"``,
        ``"not met yet"``, ``"cannot tell"`` (see :func:`target_status`), ``"no actual yet"``), ``source_id``, ``evidence``, ``flag``, ``fact_id`` (of the
        target) and ``actual_source_id``, ``actual_evidence``, ``actual_flag``, ``actual_fact_id``.

    Examples
    --------
    >>> p = progress_to_target("Khánh Hòa")
    >>> p.loc[0, ["indicator", "target_period", "status"]].tolist(), float(p.at[0, "target"]), float(p.at[0, "actual"])
    (['iso_qms_converted', '2021', 'not met yet'], 184.0, 69.0)
    >>> p["status"].value_counts().to_dict()
    {'no actual yet': 15, 'not met yet': 2}
    """
    slug = resolve_province(province, data_dir=data_dir)
    df = load_indicators(province=slug, data_dir=data_dir)
    targets = df[df["kind"] == "target"]
    actuals = _latest_first(df[df["kind"] == "actual"])
    rows = []
    for t in targets.itertuples():
        match, how = actuals[(actuals["indicator"] == t.indicator) & (actuals["breakdown"] == t.breakdown)], "indicator"
        if match.empty and t.concept:
            match, how = actuals[(actuals["concept"] == t.concept) & (actuals["breakdown"] == t.breakdown)], "concept"
        a = match.iloc[0] if not match.empty else None
        actual = a["value"] if a is not None else float("nan")
        gap = actual - t.value
        status = "no actual yet" if a is None else target_status(actual, a["qualifier"], t.value, t.qualifier)
        rows.append({
            "indicator": t.indicator, "label_vi": t.label_vi, "label_en": t.label_en, "domain": t.domain,
            "breakdown": t.breakdown, "unit": t.unit, "target_period": t.period, "target": t.value,
            "target_qualifier": t.qualifier, "actual_period": a["period"] if a is not None else "",
            "actual": actual, "actual_qualifier": a["qualifier"] if a is not None else "",
            "matched_by": how if a is not None else "", "gap": gap, "status": status,
            "source_id": t.source_id, "evidence": t.evidence, "flag": t.flag, "fact_id": t.fact_id,
            "actual_source_id": a["source_id"] if a is not None else "",
            "actual_evidence": a["evidence"] if a is not None else "",
            "actual_flag": a["flag"] if a is not None else "",
            "actual_fact_id": a["fact_id"] if a is not None else "",
        })  # fmt: skip
    cols = [
        "indicator", "label_vi", "label_en", "domain", "breakdown", "unit", "target_period", "target",
        "target_qualifier", "actual_period", "actual", "actual_qualifier", "matched_by", "gap", "status",
        "source_id", "evidence", "flag", "fact_id", "actual_source_id", "actual_evidence", "actual_flag",
        "actual_fact_id",
    ]  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    out["actual"] = out["actual"].astype(float)
    out["gap"] = out["gap"].astype(float)
    return out.sort_values(["target_period", "domain", "indicator"], kind="stable").reset_index(drop=True)


def per_capita(frame: pd.DataFrame, *, per: int = 100_000, data_dir=None) -> pd.DataFrame:
    """Add the 2019 population and the value per ``per`` inhabitants (counts and money only).

    Percentages have no per-capita figure, and provinces without a verified population get a missing
    value, never a guess.

    Parameters
    ----------
    frame : pandas.DataFrame
        Facts with ``province``, ``value`` and ``unit`` columns, e.g. from :func:`compare`.
    per : int, default 100_000
        Inhabitants per which the value is given.
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        A copy of ``frame`` with ``population_2019``, ``value_per_capita`` and ``per`` (the ``per`` used) added.

    Raises
    ------
    ValueError
        If ``frame`` lacks the ``province``, ``value`` or ``unit`` column.

    Examples
    --------
    >>> c = per_capita(compare("digital_certificates"))
    >>> round(float(c.set_index("province").at["ha-giang", "value_per_capita"]), 1)
    318.8
    """
    if "province" not in frame or "value" not in frame or "unit" not in frame:
        raise ValueError("per_capita() needs a frame with province, value and unit columns (e.g. from compare())")
    pop = provinces(data_dir=data_dir).set_index("slug")["population_2019"]
    out = frame.copy()
    out["population_2019"] = out["province"].astype(str).map(pop).astype("Int64")
    scalable = out["unit"].astype(str).isin(["count", "vnd"])
    per_cap = out["value"] / out["population_2019"].astype(float) * per
    out["value_per_capita"] = per_cap.where(scalable)
    out["per"] = per
    return out


def successor_view(frame: pd.DataFrame, *, data_dir=None) -> pd.DataFrame:
    """Add the province that succeeds each pre-2025 province after 1 July 2025 (Resolution 202/2025/QH15).

    Adds ``successor``, ``successor_name`` and ``display_name`` (``"Hà Giang → Tuyên Quang"`` where the
    province merged into another, else its own name).

    Parameters
    ----------
    frame : pandas.DataFrame
        Facts with a ``province`` column of slugs, e.g. from :func:`compare`.
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        A copy of ``frame`` with ``successor``, ``successor_name`` and ``display_name`` added.

    See Also
    --------
    cchc_data.successor : The successor of one province.

    Examples
    --------
    >>> v = successor_view(compare("digital_certificates"))
    >>> v.set_index("province").at["ha-giang", "display_name"]
    'Hà Giang → Tuyên Quang'
    """
    reg = provinces(data_dir=data_dir).set_index("slug")
    out = frame.copy()
    slugs = out["province"].astype(str)
    out["successor"] = slugs.map(reg["successor"])
    out["successor_name"] = out["successor"].map(reg["name_vi"])
    own = slugs.map(reg["name_vi"])
    out["display_name"] = own.where(out["successor"] == slugs, own + " → " + out["successor_name"])
    return out


def profile(province, *, data_dir=None) -> pd.DataFrame:
    """A province's facts grouped by domain (in the national framework's order), with the period of each.

    Parameters
    ----------
    {province}
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        Columns ``domain``, ``domain_label_vi``, ``domain_label_en``, ``fact_id``, ``indicator``,
        ``label_vi``, ``label_en``, ``period``, ``kind``, ``value``, ``unit``, ``qualifier``, ``breakdown``,
        ``source_id``, ``evidence``, ``flag``, ``note``; domains in the framework's order.

    Raises
    ------
    ValueError
        If the province is unknown or has no curated data.

    Examples
    --------
    >>> p = profile("Hà Giang")
    >>> p["domain"].iloc[0], len(p)
    ('organization', 32)
    """
    df = load_indicators(province=province, data_dir=data_dir)
    dom = domains(data_dir=data_dir).set_index("domain")
    out = df.assign(
        domain_label_vi=df["domain"].map(dom["label_vi"]), domain_label_en=df["domain"].map(dom["label_en"])
    )
    cols = [
        "domain", "domain_label_vi", "domain_label_en", "fact_id", "indicator", "label_vi", "label_en", "period",
        "kind", "value", "unit", "qualifier", "breakdown", "source_id", "evidence", "flag", "note",
        "note_vi",
    ]  # fmt: skip
    out = out[cols].sort_values(["domain", "kind", "indicator", "breakdown"], kind="stable").reset_index(drop=True)
    for col in ("domain_label_vi", "domain_label_en"):
        out[col] = out[col].astype(str)
    return out


def breakdown_table(province, indicator, *, period=None, data_dir=None) -> pd.DataFrame:
    """The parts of one indicator by breakdown (government level, sector, agency…) beside its total.

    Parameters
    ----------
    {province}
    indicator : str
        An indicator code with parts by breakdown (see :func:`indicators_with_breakdowns`).
    period : str, optional
        A period label. Default ``None``: the latest period that has a breakdown.
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        The total first (``breakdown == ""``), then the parts in the breakdowns' order, with ``dimension``,
        ``breakdown_label_vi`` and ``breakdown_label_en`` (``"Tổng"`` / ``"Total"`` for the total) beside
        the fact columns.

    Raises
    ------
    ValueError
        If the indicator has no breakdown in that province, or none in ``period`` (the message lists the
        periods that have one, latest first).

    Examples
    --------
    >>> t = breakdown_table("Khánh Hòa", "dossiers_on_time_share")
    >>> t[["period", "breakdown", "value"]].head(3).values.tolist()
    [['2021-Q1', '', 98.63], ['2021-Q1', 'level:province', 99.76], ['2021-Q1', 'level:district', 91.58]]
    >>> breakdown_table("Khánh Hòa", "dossiers_on_time_share", period=2019)
    Traceback (most recent call last):
    ...
    ValueError: 'dossiers_on_time_share' has no breakdown for Khánh Hòa in 2019; periods with a breakdown: 2021-Q1
    """
    df = load_indicators(province=province, indicator=indicator, data_dir=data_dir)
    with_parts = df[df["breakdown"] != ""]
    if with_parts.empty:
        raise ValueError(f"{indicator!r} has no breakdown for {df['province_name'].iloc[0] if len(df) else province}")
    if period is None:
        period = _latest_first(with_parts)["period"].iloc[0]
    label = parse_period(period).label
    if not with_parts["period"].eq(label).any():
        have = ", ".join(_latest_first(with_parts)["period"].unique())
        name = with_parts["province_name"].iloc[0]
        raise ValueError(f"{indicator!r} has no breakdown for {name} in {label}; periods with a breakdown: {have}")
    df = df[df["period"] == label]
    from .vocabularies import breakdowns

    b = breakdowns(data_dir=data_dir).set_index("breakdown")
    out = df.assign(
        dimension=df["breakdown"].map(b["dimension"]).fillna(""),
        breakdown_label_vi=df["breakdown"].map(b["label_vi"]).fillna(i18n.t("total", "vi")),
        breakdown_label_en=df["breakdown"].map(b["label_en"]).fillna(i18n.t("total", "en")),
        _order=df["breakdown"].map(b["order"]).fillna(0),
    )
    out = out.sort_values(["dimension", "_order"], kind="stable").drop(columns="_order")
    cols = [
        "fact_id", "province", "province_name", "indicator", "label_vi", "label_en", "period", "kind", "breakdown",
        "dimension", "breakdown_label_vi", "breakdown_label_en", "value", "unit", "qualifier", "source_id",
        "evidence", "flag", "note", "note_vi",
    ]  # fmt: skip
    return out[cols].reset_index(drop=True)


def indicators_with_breakdowns(province, *, data_dir=None) -> list[str]:
    """Indicators of a province that have a total and at least one part by breakdown.

    Parameters
    ----------
    {province}
    {data_dir}

    Returns
    -------
    list of str
        Indicator codes, sorted.

    See Also
    --------
    breakdown_table : One of them, part by part.

    Examples
    --------
    >>> indicators_with_breakdowns("Khánh Hòa")[:3]
    ['agencies_using_eoffice', 'dossiers_on_time_share', 'iso_qms_agencies']
    """
    df = load_indicators(province=province, data_dir=data_dir)
    has_parts = set(df.loc[df["breakdown"] != "", "indicator"])
    has_total = set(df.loc[df["breakdown"] == "", "indicator"])
    return sorted(has_parts & has_total)


def in_language(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Keep the ``*_vi`` or ``*_en`` columns of ``frame`` for ``lang``, renamed without the suffix.

    ``note`` is the facts' English note: for ``"vi"``, ``note_vi`` takes its place (as ``note``).

    Parameters
    ----------
    frame : pandas.DataFrame
        Any frame with paired ``*_vi`` / ``*_en`` columns (e.g. from :func:`compare`).
    lang : {"vi", "en"}
        The language to keep.

    Returns
    -------
    pandas.DataFrame
        ``frame`` without the other language's columns, ``label_en`` renamed ``label`` and so on.

    Raises
    ------
    ValueError
        If ``lang`` is not ``"vi"`` or ``"en"``.

    Examples
    --------
    >>> f = pd.DataFrame({"label_vi": ["Số hồ sơ"], "label_en": ["Dossiers"], "value": [1.0]})
    >>> in_language(f, "en").columns.tolist()
    ['label', 'value']
    >>> f = pd.DataFrame({"flag": ["contradiction"], "note": ["Two totals"], "note_vi": ["Hai tổng số"]})
    >>> in_language(f, "vi")["note"].tolist(), in_language(f, "en")["note"].tolist()
    (['Hai tổng số'], ['Two totals'])
    """
    lang = i18n.check_lang(lang)
    other = "en" if lang == "vi" else "vi"
    replaced = {"note"} if lang == "vi" and "note_vi" in frame.columns else set()  # the English note
    keep = [c for c in frame.columns if not c.endswith(f"_{other}") and c not in replaced]
    return frame[keep].rename(columns={c: c.removesuffix(f"_{lang}") for c in keep if c.endswith(f"_{lang}")})


share_docs_in(globals())
