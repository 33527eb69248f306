"""Analysis on the tidy frame: pure functions that take and return tidy DataFrames.

Nothing here plots or writes files; :mod:`cchc_data.plotting` and :mod:`cchc_data.export` build on it.
"""

from __future__ import annotations

import pandas as pd

from .catalog import catalog, concepts, domains
from .indicators import load_indicators
from .periods import parse_period
from .provinces import provinces, resolve_province

__all__ = [
    "summary",
    "comparable_concepts",
    "compare",
    "coverage",
    "part_whole_shares",
    "progress_to_target",
    "per_capita",
    "successor_view",
    "profile",
    "breakdown_table",
    "indicators_with_breakdowns",
    "in_language",
]


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
    """Number of facts per province, domain and source (actuals and targets).

    Examples
    --------
    >>> s = summary()
    >>> list(s.columns)
    ['province', 'domain', 'source_id', 'actual', 'target', 'facts']
    """
    df = load_indicators(data_dir=data_dir)
    table = (
        df.groupby(["province", "domain", "source_id", "kind"], observed=True)
        .size()
        .unstack("kind", fill_value=0)
        .reindex(columns=["actual", "target"], fill_value=0)
    )
    table["facts"] = table.sum(axis=1)
    return table.reset_index().rename_axis(columns=None)


def comparable_concepts(*, min_provinces: int = 2, kind: str = "actual", data_dir=None) -> list[str]:
    """Concepts with facts (totals, not breakdowns) for at least ``min_provinces`` provinces.

    Examples
    --------
    >>> "digital_certificates" in comparable_concepts()
    True
    """
    df = load_indicators(kind=kind, data_dir=data_dir)
    df = df[(df["concept"] != "") & (df["breakdown"] == "")]
    counts = df.groupby("concept")["province"].nunique()
    return sorted(counts[counts >= min_provinces].index)


def compare(
    concept, *, provinces=None, period="latest", kind: str = "actual", successors: bool = False, data_dir=None
) -> pd.DataFrame:
    """Compare one concept (or several) across provinces, keeping what makes values differ.

    Parameters
    ----------
    concept : str or list of str
        Concept code(s) from :func:`cchc_data.concepts`.
    provinces : str or list, optional
        Provinces to include (names, slugs or codes); default: every province with a fact.
    period : "latest", str, or dict
        ``"latest"`` (default) takes each province's most recent fact; a period label takes that period
        for every province; a dict maps province (any accepted form) to its period.
    kind : {"actual", "target"}
    successors : bool
        Add the province's 2025 successor (see :func:`successor_view`).

    Returns
    -------
    pandas.DataFrame
        One row per concept and province: ``concept``, ``concept_label_vi``, ``concept_label_en``,
        ``province``, ``province_name``, ``indicator``, ``label_vi``, ``label_en``, ``period``,
        ``year``, ``quarter``, ``value``, ``unit``, ``qualifier``, ``source_id``, ``evidence``,
        ``comparability``, ``flag``, ``note``; sorted by concept, then value (largest first). Only
        totals (no breakdown rows). When one province has several indicators of the concept in its
        latest period, all of them are kept (their definitions differ: see ``comparability``).

    Examples
    --------
    >>> c = compare("digital_certificates")
    >>> sorted(c["province"])
    ['ha-giang', 'khanh-hoa']
    >>> row = c.set_index("province").loc["ha-giang"]
    >>> row["period"], float(row["value"])
    ('2017', 2725.0)
    """
    concept_list = [concept] if isinstance(concept, str) else list(concept)
    df = load_indicators(concept=concept_list, kind=kind, data_dir=data_dir)
    df = df[df["breakdown"] == ""]
    if provinces is not None:
        wanted = [
            resolve_province(p, data_dir=data_dir) for p in ([provinces] if isinstance(provinces, str) else provinces)
        ]
        df = df[df["province"].isin(wanted)]
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
    cat = catalog(data_dir=data_dir).set_index("indicator")
    con = concepts(data_dir=data_dir).set_index("concept")
    out = df.assign(
        concept_label_vi=df["concept"].map(con["label_vi"]),
        concept_label_en=df["concept"].map(con["label_en"]),
        comparability=df["indicator"].map(cat["comparability"]),
    )
    cols = [
        "concept", "concept_label_vi", "concept_label_en", "province", "province_name", "indicator", "label_vi",
        "label_en", "period", "year", "quarter", "value", "unit", "qualifier", "source_id", "evidence",
        "comparability", "flag", "note",
    ]  # fmt: skip
    out = out[cols].sort_values(["concept", "value"], ascending=[True, False], kind="stable").reset_index(drop=True)
    if successors:
        out = successor_view(out, data_dir=data_dir)
    return out


def coverage(
    frame: pd.DataFrame | None = None, *, by: str = "concept", values: str = "count", data_dir=None
) -> pd.DataFrame:
    """Which facts exist: a matrix of concepts (or indicators, or domains) × provinces.

    Parameters
    ----------
    frame : DataFrame, optional
        Facts to cover (default: all).
    by : {"concept", "indicator", "domain"}
        Rows of the matrix. With ``"concept"``, indicators without a concept are left out.
    values : {"count", "periods"}
        ``"count"``: number of facts per cell (0 where none). ``"periods"``: the period labels present,
        comma-separated, oldest first (``""`` where none).

    Examples
    --------
    >>> m = coverage()
    >>> int(m.loc["digital_certificates", "ha-giang"]), int(m.loc["fibre_commune_share", "ha-giang"])
    (1, 0)
    """
    if by not in {"concept", "indicator", "domain"}:
        raise ValueError(f"by={by!r} is not supported; use 'concept', 'indicator' or 'domain'")
    if values not in {"count", "periods"}:
        raise ValueError(f"values={values!r} is not supported; use 'count' or 'periods'")
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
    same province, period, kind, breakdown and source. Printed percentages are not touched: the result
    has its own ``share`` column and ``origin = "derived"``.

    Returns
    -------
    pandas.DataFrame
        ``province``, ``province_name``, ``indicator``, ``label_vi``, ``label_en``, ``whole_indicator``,
        ``whole_label_vi``, ``whole_label_en``, ``period``, ``kind``, ``breakdown``, ``part``, ``whole``,
        ``share`` (percent, 0–100), ``origin``, ``qualifier``, ``source_id``, ``evidence``, ``flag``.

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
    key = ["province", "period", "kind", "breakdown", "source_id"]
    wholes = df[["indicator", *key, "value", "flag"]].rename(
        columns={"indicator": "whole_indicator", "value": "whole", "flag": "whole_flag"}
    )
    for col in ("province", "kind", "source_id"):  # merge on plain strings, not on categories
        parts[col], wholes[col] = parts[col].astype(str), wholes[col].astype(str)
    out = parts.merge(wholes, on=["whole_indicator", *key], how="inner")
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
        "whole_label_en", "period", "kind", "breakdown", "part", "whole", "share", "origin", "qualifier",
        "source_id", "evidence", "flag",
    ]  # fmt: skip
    return out[cols].sort_values(["province", "period", "indicator", "breakdown"], kind="stable").reset_index(drop=True)


def progress_to_target(province, *, data_dir=None) -> pd.DataFrame:
    """A province's targets beside the latest actual value of the same indicator (or concept).

    The actual is the most recent ``actual`` fact of the same indicator and breakdown in the province;
    failing that, of the same concept. ``gap = actual - target`` (positive: above the target). Where no
    actual exists, ``status`` is ``"no actual yet"`` and actual/gap are missing (never zero).

    Returns
    -------
    pandas.DataFrame
        ``indicator``, ``label_vi``, ``label_en``, ``domain``, ``breakdown``, ``unit``, ``target_period``,
        ``target``, ``target_qualifier``, ``actual_period``, ``actual``, ``actual_qualifier``,
        ``matched_by`` (``"indicator"``, ``"concept"`` or ``""``), ``gap``, ``status`` (``"met"``,
        ``"not met yet"``, ``"no actual yet"``), ``source_id``, ``evidence`` (of the target) and
        ``actual_source_id``.

    Examples
    --------
    >>> p = progress_to_target("Khánh Hòa")
    >>> set(p["status"]) <= {"met", "not met yet", "no actual yet"}
    True
    >>> bool((p["status"] == "no actual yet").eq(p["actual"].isna()).all())
    True
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
        if a is None:
            status = "no actual yet"
        elif (t.qualifier in {"at_most", "less_than"} and actual <= t.value) or (
            t.qualifier not in {"at_most", "less_than"} and actual >= t.value
        ):
            status = "met"
        else:
            status = "not met yet"
        rows.append({
            "indicator": t.indicator, "label_vi": t.label_vi, "label_en": t.label_en, "domain": t.domain,
            "breakdown": t.breakdown, "unit": t.unit, "target_period": t.period, "target": t.value,
            "target_qualifier": t.qualifier, "actual_period": a["period"] if a is not None else "",
            "actual": actual, "actual_qualifier": a["qualifier"] if a is not None else "",
            "matched_by": how if a is not None else "", "gap": gap, "status": status,
            "source_id": t.source_id, "evidence": t.evidence,
            "actual_source_id": a["source_id"] if a is not None else "",
        })  # fmt: skip
    cols = [
        "indicator", "label_vi", "label_en", "domain", "breakdown", "unit", "target_period", "target",
        "target_qualifier", "actual_period", "actual", "actual_qualifier", "matched_by", "gap", "status",
        "source_id", "evidence", "actual_source_id",
    ]  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    out["actual"] = out["actual"].astype(float)
    out["gap"] = out["gap"].astype(float)
    return out.sort_values(["target_period", "domain", "indicator"], kind="stable").reset_index(drop=True)


def per_capita(frame: pd.DataFrame, *, per: int = 100_000, data_dir=None) -> pd.DataFrame:
    """Add the 2019 population and the value per ``per`` inhabitants (counts and money only).

    Percentages have no per-capita figure, and provinces without a verified population get a missing
    value, never a guess.

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

    Examples
    --------
    >>> p = profile("Hà Giang")
    >>> p["domain"].iloc[0] in {"direction", "institutions", "procedures", "organization"}
    True
    """
    df = load_indicators(province=province, data_dir=data_dir)
    dom = domains(data_dir=data_dir).set_index("domain")
    out = df.assign(
        domain_label_vi=df["domain"].map(dom["label_vi"]), domain_label_en=df["domain"].map(dom["label_en"])
    )
    cols = [
        "domain", "domain_label_vi", "domain_label_en", "indicator", "label_vi", "label_en", "period", "kind",
        "value", "unit", "qualifier", "breakdown", "source_id", "evidence", "flag", "note",
    ]  # fmt: skip
    out = out[cols].sort_values(["domain", "kind", "indicator", "breakdown"], kind="stable").reset_index(drop=True)
    for col in ("domain_label_vi", "domain_label_en"):
        out[col] = out[col].astype(str)
    return out


def breakdown_table(province, indicator, *, period=None, data_dir=None) -> pd.DataFrame:
    """The parts of one indicator by breakdown (government level, sector, agency…) beside its total.

    Parameters
    ----------
    province : str
    indicator : str
    period : str, optional
        Default: the latest period that has a breakdown.

    Examples
    --------
    >>> t = breakdown_table("Khánh Hòa", "dossiers_on_time_share")
    >>> t["breakdown"].iloc[0]
    ''
    """
    df = load_indicators(province=province, indicator=indicator, data_dir=data_dir)
    with_parts = df[df["breakdown"] != ""]
    if with_parts.empty:
        raise ValueError(f"{indicator!r} has no breakdown for {df['province_name'].iloc[0] if len(df) else province}")
    if period is None:
        period = _latest_first(with_parts)["period"].iloc[0]
    df = df[df["period"] == parse_period(period).label]
    from .catalog import breakdowns

    b = breakdowns(data_dir=data_dir).set_index("breakdown")
    out = df.assign(
        dimension=df["breakdown"].map(b["dimension"]).fillna(""),
        breakdown_label_vi=df["breakdown"].map(b["label_vi"]).fillna("Tổng"),
        breakdown_label_en=df["breakdown"].map(b["label_en"]).fillna("Total"),
        _order=df["breakdown"].map(b["order"]).fillna(0),
    )
    out = out.sort_values(["dimension", "_order"], kind="stable").drop(columns="_order")
    cols = [
        "province", "province_name", "indicator", "label_vi", "label_en", "period", "breakdown", "dimension",
        "breakdown_label_vi", "breakdown_label_en", "value", "unit", "qualifier", "source_id", "evidence", "flag",
    ]  # fmt: skip
    return out[cols].reset_index(drop=True)


def indicators_with_breakdowns(province, *, data_dir=None) -> list[str]:
    """Indicators of a province that have a total and at least one part by breakdown.

    Examples
    --------
    >>> "dossiers_on_time_share" in indicators_with_breakdowns("Khánh Hòa")
    True
    """
    df = load_indicators(province=province, data_dir=data_dir)
    has_parts = set(df.loc[df["breakdown"] != "", "indicator"])
    has_total = set(df.loc[df["breakdown"] == "", "indicator"])
    return sorted(has_parts & has_total)


def in_language(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Keep the ``*_vi`` or ``*_en`` columns of ``frame`` for ``lang``, renamed without the suffix.

    Examples
    --------
    >>> f = pd.DataFrame({"label_vi": ["Số hồ sơ"], "label_en": ["Dossiers"], "value": [1.0]})
    >>> in_language(f, "en").columns.tolist()
    ['label', 'value']
    """
    if lang not in ("vi", "en"):
        raise ValueError(f"{lang!r} is not a supported language; use 'vi' or 'en'")
    other = "en" if lang == "vi" else "vi"
    keep = [c for c in frame.columns if not c.endswith(f"_{other}")]
    return frame[keep].rename(columns={c: c.removesuffix(f"_{lang}") for c in keep if c.endswith(f"_{lang}")})
