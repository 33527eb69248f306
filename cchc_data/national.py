"""National indices that rank every province (PAR INDEX, SIPAS, PAPI, PCI): loading and trajectories.

These are the published national rankings, kept apart from the curated facts of the provinces' own
reports: a province's *internal* PAR ranking of its own departments and districts is an indicator in
``indicators.csv``, never a row here. Three tables of the data package hold them:

- ``national_index_catalog.csv``: one row per index (labels, publisher, scale, ``comparable_from``);
- ``national_index_sources.csv``: the published pages read, with address, date and language;
- ``national_indices.csv``: one row per printed number (a province's score, rank or component score,
  or a national reference value: average, top and bottom score, number of provinces ranked).

Their cross-row rules are in :mod:`cchc_data.validation` (:data:`~cchc_data.validation.NATIONAL_RULES`,
:func:`~cchc_data.validation.check_national`); the tables the pages show are in :mod:`cchc_data.tables`
(:func:`~cchc_data.tables.describe_indices`, :func:`~cchc_data.tables.standing_table`,
:func:`~cchc_data.tables.index_sources_table`). Those names are still importable from here.

Examples
--------
>>> t = index_trajectory("Khánh Hòa", "PAPI")
>>> t[["period", "score", "rank", "provinces_ranked"]].head(2).to_string(index=False)
' period  score  rank  provinces_ranked\\n   2019  42.16  49.0              63.0\\n   2020  39.14   NaN               NaN'
"""

from __future__ import annotations

import re
from importlib import import_module

import numpy as np
import pandas as pd

from ._checks import unknown_message
from ._docstrings import share_docs_in
from ._text import fold
from .datadir import DataError
from .province_registry import provinces, resolve_province

__all__ = [
    "INDICES",
    "SCOPES",
    "COLUMNS",
    "national_index_catalog",
    "national_index_sources",
    "national_indices",
    "check_index",
    "index_trajectory",
    "index_comparison",
    "latest_standing",
    "national_values",
    "provinces_with_values",
    "followed_provinces",
    "full_tables",
    "SOURCE_KINDS",
    "WEAK_KINDS",
    "comparison_year",
]

#: Index codes, in the order pages show them.
INDICES = ("par_index", "sipas", "papi", "pci")
#: What a row describes: the province itself, or a national reference value printed beside it.
SCOPES = ("province", "national_average", "national_median", "national_max", "national_min", "provinces_ranked")
#: What a cited page is, best first (the vocabulary of ``national_index_sources.csv``'s ``source_kind``).
SOURCE_KINDS = ("publisher", "government", "official_newspaper", "newspaper", "secondary", "mirror")
#: Kinds a reader should not rest a value on alone: pages mark values that only these carry.
WEAK_KINDS = ("secondary", "mirror")
#: Columns of :func:`national_indices`, in order.
COLUMNS = [
    "id",
    "index",
    "index_short",
    "index_label_vi",
    "index_label_en",
    "province",
    "province_name",
    "period",
    "measure",
    "scope",
    "value",
    "unit",
    "qualifier",
    "comparable",
    "source_id",
    "source_title",
    "source_publisher",
    "source_published",
    "source_url",
    "source_kind",
    "evidence",
    "flag",
    "note",
    "note_vi",
]
_FILES = {
    "catalog": "national_index_catalog.csv",
    "sources": "national_index_sources.csv",
    "values": "national_indices.csv",
}
# other ways users name the indices (folded: lower case, no accents, no spaces/dashes/underscores)
_ALIASES = {
    "par": "par_index",
    "parindex": "par_index",
    "chisocaicachhanhchinh": "par_index",
    "chisocchc": "par_index",
    "chisohailong": "sipas",
    "chisohieuquaquantrivahanhchinhcongcaptinh": "papi",
    "chisonangluccanhtranhcaptinh": "pci",
}


#: Names that moved to another module, importable from here as before (on first use, no import cycle).
_MOVED = {
    "check_national": ("validation", "check_national"),
    "describe_indices": ("tables", "describe_indices"),
    "standing_table": ("tables", "standing_table"),
    "sources_table": ("tables", "index_sources_table"),
}


def __getattr__(name: str):
    if name in _MOVED:
        module, attr = _MOVED[name]
        return getattr(import_module(f".{module}", __package__), attr)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _table(key: str, data_dir=None) -> pd.DataFrame:
    """One of the three tables through the data package's one reader (typed, checked, cached until it changes)."""
    from .schema import read_table

    return read_table(_FILES[key].removesuffix(".csv"), data_dir=data_dir)


def national_index_catalog(*, data_dir=None) -> pd.DataFrame:
    """One row per national index: labels, publisher, what it measures, scale and ``comparable_from``.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        Columns ``index`` (code), ``label_vi``/``_en``, ``short_vi``/``_en``, ``publisher_vi``/``_en``,
        ``measures_vi``/``_en``, ``unit``, ``scale_vi``/``_en``, ``higher_is_better``, ``first_year``,
        ``comparable_from`` (the first year comparable with the latest method), ``method_note_vi``/``_en``
        and ``method_source_id``.

    Examples
    --------
    >>> c = national_index_catalog().set_index("index")
    >>> c.loc["papi", ["short_en", "unit"]].tolist(), int(c.at["papi", "comparable_from"])
    (['PAPI', 'points'], 2018)
    """
    frame = _table("catalog", data_dir)
    for col in ("first_year", "comparable_from"):
        frame[col] = frame[col].astype(int)
    frame["higher_is_better"] = frame["higher_is_better"] == "true"
    return frame


def national_index_sources(*, data_dir=None) -> pd.DataFrame:
    """One row per published page read for the national indices (title, publisher, date, URL, language).

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        Columns ``source_id``, ``title``, ``title_en``, ``short_title_vi``, ``short_title_en``,
        ``publisher``, ``publisher_en`` (its English name), ``published`` (a date, ``NaT`` if the page gives none), ``url``, ``accessed`` and
        ``language``.

    Examples
    --------
    >>> s = national_index_sources().set_index("source_id")
    >>> str(s.at["baokhanhhoa-2024-papi", "published"].date())
    '2024-04-02'
    """
    return _table("sources", data_dir)


def check_index(index, *, data_dir=None) -> str:
    """The code of an index given as users type it (``"PAR INDEX"``, ``"Papi"``, ``"pci"``).

    Parameters
    ----------
    index : str
        The code, the short name in any case and spacing, or the Vietnamese or English name.
    {data_dir}

    Returns
    -------
    str
        ``"par_index"``, ``"sipas"``, ``"papi"`` or ``"pci"``.

    Raises
    ------
    ValueError
        If ``index`` is not a string or names no national index.

    Examples
    --------
    >>> check_index("PAR INDEX"), check_index("Sipas"), check_index("Chỉ số năng lực cạnh tranh cấp tỉnh")
    ('par_index', 'sipas', 'pci')
    >>> check_index("HDI")
    Traceback (most recent call last):
    ...
    ValueError: 'HDI' is not a known national index; use one of 'par_index', 'sipas', 'papi', 'pci' (or PAR INDEX, SIPAS, PAPI, PCI)
    """
    valid = ", ".join(repr(i) for i in INDICES)
    if not isinstance(index, str):
        raise ValueError(f"an index is named by a string, one of {valid}; got {index!r}")
    key = re.sub(r"[\s_\-().]+", "", fold(index))
    codes = {re.sub(r"_", "", code): code for code in INDICES}
    code = codes.get(key) or _ALIASES.get(key)
    if code is None:
        raise ValueError(unknown_message("national index", index, INDICES) + " (or PAR INDEX, SIPAS, PAPI, PCI)")
    return code


def national_indices(*, index=None, province=None, period=None, data_dir=None) -> pd.DataFrame:
    """The national index values as a tidy frame, one row per printed number, with labels and sources.

    Parameters
    ----------
    index : str, optional
        Keep one index (``"par_index"``, ``"PAR INDEX"``, ``"sipas"``, ``"papi"``, ``"pci"``).
    province : str, optional
        Keep one province's own rows (name, slug or GSO code); national reference values are dropped.
        Without it, every row is kept, national reference values (``province`` empty) included.
    period : int, optional
        Keep one year (the year the index is *for*). With ``index`` and without ``province`` this is
        the whole national table of that year as the stored pages print it (see :func:`full_tables`).
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`: ``period`` is the year the index is *for* (an integer), ``value`` a
        float, ``comparable`` is False before the index's ``comparable_from`` year (a method change),
        ``source_kind`` what the cited page is (:data:`SOURCE_KINDS`).

    Raises
    ------
    ValueError
        If the index or province is unknown, ``period`` is not a year, or the province has no value.

    Examples
    --------
    >>> df = national_indices(index="SIPAS", province="Khánh Hoà")
    >>> ranks = df.query("measure == 'rank'").drop_duplicates(["period", "value"])
    >>> dict(zip(ranks["period"], ranks["value"]))
    {2020: 51.0, 2021: 56.0, 2024: 30.0}
    >>> pci = national_indices(index="pci", period=2020)
    >>> pci.query("measure == 'rank' and scope == 'province'")["province"].nunique()
    63
    >>> national_indices(index="pci", period="last year")
    Traceback (most recent call last):
    ...
    ValueError: period is a year such as 2023, not 'last year'
    """
    out = _all_values(data_dir)
    keep = pd.Series(True, index=out.index)
    if index is not None:
        keep &= out["index"] == check_index(index, data_dir=data_dir)
    if province is not None:
        slug = resolve_province(province, data_dir=data_dir)
        known = provinces_with_values(data_dir=data_dir)
        if slug not in known:
            raise ValueError(f"no national index values for {slug!r}; provinces with values: {', '.join(known)}")
        keep &= out["province"] == slug
    if period is not None:
        keep &= out["period"] == _year(period)
    return out[keep].reset_index(drop=True)


#: The last data folder's values as :func:`national_indices` returns them unfiltered, by the folder's identity
#: (a notebook asks for one index and province at a time, dozens of times).
_ALL_VALUES: dict = {}


def _all_values(data_dir) -> pd.DataFrame:
    """Every national index value with labels and sources, in :data:`COLUMNS` order; made once per version
    of the data folder. Callers filter it (a copy) and never change it."""
    from .datadir import identity

    key = identity(data_dir)
    if key in _ALL_VALUES:
        return _ALL_VALUES[key]
    values = _table("values", data_dir)
    cat = national_index_catalog(data_dir=data_dir).set_index("index")
    srcs = national_index_sources(data_dir=data_dir).set_index("source_id")
    names = provinces(data_dir=data_dir).set_index("slug")["name_vi"]
    try:
        period = values["period"].astype(int)
        value = values["value"].astype(float)
    except ValueError as exc:
        raise DataError(f"{_FILES['values']} has a malformed period or value ({exc}); run `cchc validate`") from None
    out = values.assign(
        period=period,
        value=value,
        index_short=values["index"].map(cat["short_en"]),
        index_label_vi=values["index"].map(cat["label_vi"]),
        index_label_en=values["index"].map(cat["label_en"]),
        province_name=values["province"].map(names).fillna(""),
        comparable=period >= values["index"].map(cat["comparable_from"]).fillna(0).astype(int),
        source_title=values["source_id"].map(srcs["title"]),
        source_publisher=values["source_id"].map(srcs["publisher"]),
        source_published=values["source_id"].map(srcs["published"]),
        source_url=values["source_id"].map(srcs["url"]),
        source_kind=values["source_id"].map(srcs["source_kind"]),
    )
    order = {code: i for i, code in enumerate(INDICES)}
    out = out.assign(_o=out["index"].map(order)).sort_values(["_o", "province", "period", "measure", "scope"])
    _ALL_VALUES.clear()
    _ALL_VALUES[key] = out[COLUMNS].reset_index(drop=True)
    return _ALL_VALUES[key]


def _one_per_key(frame: pd.DataFrame) -> pd.DataFrame:
    """One value per (period, measure, scope): the first exact value (a bound only when none is printed),
    with ``disputed`` when sources differ."""
    key = ["period", "measure", "scope"]
    spread = frame.groupby(key)["value"].transform(lambda v: v.nunique() > 1)
    exact_first = frame.assign(_bound=frame["qualifier"] != "none").sort_values("_bound", kind="stable")
    firsts = exact_first.assign(disputed=spread.loc[exact_first.index]).drop_duplicates(key, keep="first")
    ids = frame.groupby(key)["source_id"].agg(lambda s: ";".join(dict.fromkeys(s)))
    return firsts.set_index(key).assign(source_ids=ids).reset_index()


def index_trajectory(province, index, *, data_dir=None) -> pd.DataFrame:
    """A province's score and rank on one index over the years, with the national values printed beside.

    Parameters
    ----------
    {province}
    index : str
        ``"par_index"``, ``"sipas"``, ``"papi"`` or ``"pci"``, or as users write them (see :func:`check_index`).
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        One row per year with any value: ``period``, ``score``, ``score_qualifier``, ``rank``,
        ``provinces_ranked``, ``national_average``, ``national_max`` (with ``national_max_qualifier``,
        e.g. ``more_than`` when a page only says the leaders scored above it), ``national_min``, ``unit``,
        ``comparable`` (False before the index's ``comparable_from``), ``disputed`` (True when two
        sources print different values for the year), ``flags`` and ``source_ids`` (``;``-joined).
        Missing values are NaN, never filled in.

    Examples
    --------
    >>> t = index_trajectory("dak-lak", "pci")
    >>> t[["period", "score", "rank"]].values.tolist()
    [[2015.0, 59.0, 23.0], [2016.0, 58.62, 28.0], [2020.0, 63.22, 35.0], [2021.0, 64.2, 34.0], [2022.0, 60.91, 60.0]]
    """
    from .datadir import identity

    code = check_index(index, data_dir=data_dir)
    key = (identity(data_dir), resolve_province(province, data_dir=data_dir), code)
    if key not in _TRAJECTORIES:  # a page draws each trajectory and describes it: computed once per data version
        if len(_TRAJECTORIES) > 256:
            _TRAJECTORIES.clear()
        _TRAJECTORIES[key] = _trajectory(province, code, data_dir)
    return _TRAJECTORIES[key].copy()


_TRAJECTORIES: dict = {}


def _trajectory(province, code: str, data_dir) -> pd.DataFrame:
    own = national_indices(index=code, province=province, data_dir=data_dir)
    every = national_indices(index=code, data_dir=data_dir)
    national = every[every["scope"] != "province"]
    cat = national_index_catalog(data_dir=data_dir).set_index("index")
    columns = ["period", "score", "score_qualifier", "rank", "provinces_ranked", "national_average",
               "national_max", "national_max_qualifier", "national_min", "unit", "comparable", "disputed", "flags",
               "source_ids"]  # fmt: skip
    rows = pd.concat([own[own["measure"].isin(["score", "rank"])], national], ignore_index=True)
    if own.empty or rows.empty:
        return pd.DataFrame(columns=columns)
    picked = _one_per_key(rows)
    years = sorted(own.loc[own["measure"].isin(["score", "rank"]), "period"].unique())
    out = pd.DataFrame({"period": years})

    def column(measure, scope):
        sel = picked[(picked["measure"] == measure) & (picked["scope"] == scope)].set_index("period")
        return sel

    score = column("score", "province")
    rank = column("rank", "province")
    out["score"] = out["period"].map(score["value"])
    out["score_qualifier"] = out["period"].map(score["qualifier"]).fillna("")
    out["rank"] = out["period"].map(rank["value"])
    out["provinces_ranked"] = out["period"].map(column("rank", "provinces_ranked")["value"])
    for scope in ("national_average", "national_max", "national_min"):
        out[scope] = out["period"].map(column("score", scope)["value"])
    out["national_max_qualifier"] = out["period"].map(column("score", "national_max")["qualifier"]).fillna("")
    out["unit"] = cat.at[code, "unit"]
    out["comparable"] = out["period"] >= cat.at[code, "comparable_from"]
    mine = picked[picked["scope"].isin(["province", "provinces_ranked"])]
    out["disputed"] = out["period"].map(mine.groupby("period")["disputed"].any()).fillna(False).astype(bool)
    year_rows = rows[rows["period"].isin(years)]
    out["flags"] = (
        out["period"]
        .map(year_rows[year_rows["flag"] != ""].groupby("period")["flag"].agg(lambda s: ";".join(sorted(set(s)))))
        .fillna("")
    )
    out["source_ids"] = out["period"].map(
        year_rows.groupby("period")["source_id"].agg(lambda s: ";".join(dict.fromkeys(s)))
    )
    for col in ("score", "rank", "provinces_ranked", "national_average", "national_max", "national_min"):
        out[col] = out[col].astype(float)
    return out[columns]


def _year(period) -> int:
    if isinstance(period, bool) or not isinstance(period, int | np.integer | str) or not str(period).isdigit():
        raise ValueError(f"period is a year such as 2023, not {period!r}")
    return int(period)


def _with_data(code: str, data_dir) -> list[str]:
    values = national_indices(index=code, data_dir=data_dir)
    followed = followed_provinces(data_dir=data_dir)
    return sorted(p for p in values["province"].unique() if p in followed)


def index_comparison(index, period=None, *, data_dir=None) -> pd.DataFrame:
    """The provinces side by side on one index for one year, national values beside them.

    Parameters
    ----------
    index : str
        The index (see :func:`check_index`).
    period : int, optional
        The year the index is for; default the latest year with a score or rank for any province.
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        One row per province with national index values (also those without a value that year:
        their score and rank are NaN), columns ``province``, ``province_name``, ``period`` and those
        of :func:`index_trajectory`.

    Raises
    ------
    ValueError
        If the index is unknown, ``period`` is not a year, or no province has a value that year (the
        message names the years with values).

    Examples
    --------
    >>> c = index_comparison("PAPI", 2017)
    >>> c[["province", "score", "rank"]].fillna(-1).values.tolist()
    [['dak-lak', 34.64, 55.0], ['ha-giang', -1.0, -1.0], ['khanh-hoa', -1.0, -1.0]]
    >>> index_comparison("papi", 1999)
    Traceback (most recent call last):
    ...
    ValueError: no PAPI value for any province in 1999; years with values: 2017, 2019, 2020, 2022, 2023, 2024
    """
    code = check_index(index, data_dir=data_dir)
    values = national_indices(index=code, data_dir=data_dir)
    own = values[(values["scope"] == "province") & values["measure"].isin(["score", "rank"])]
    years = sorted(own["period"].unique())
    short = national_index_catalog(data_dir=data_dir).set_index("index").at[code, "short_en"]
    if period is None:
        if not years:
            raise ValueError(f"no {short} value for any province yet")
        period = years[-1]
    period = _year(period)
    if period not in years:
        raise ValueError(
            f"no {short} value for any province in {period}; years with values: {', '.join(map(str, years))}"
        )
    names = provinces(data_dir=data_dir).set_index("slug")["name_vi"]
    rows = []
    with_data = _with_data(code, data_dir)
    # no followed province has a value on this index: each gets its row of NaN, shown as missing
    for slug in with_data or followed_provinces(data_dir=data_dir):
        t = index_trajectory(slug, code, data_dir=data_dir) if slug in with_data else pd.DataFrame()
        row = t[t["period"] == period] if not t.empty else t
        if row.empty:  # no value this year: a row of NaN, national values still shown
            row = pd.DataFrame({"period": [period]})
        rows.append(row.assign(province=slug, province_name=names[slug]))
    out = pd.concat(rows, ignore_index=True)
    national = national_values(code, period, data_dir=data_dir)
    for col, value in national.items():
        out[col] = value
    cat = national_index_catalog(data_dir=data_dir).set_index("index")
    out["unit"] = cat.at[code, "unit"]
    out["comparable"] = period >= cat.at[code, "comparable_from"]
    disputed = out["disputed"] if "disputed" in out else pd.Series(pd.NA, index=out.index)
    out["disputed"] = disputed.astype("boolean").fillna(False).astype(bool)
    for col in ("score_qualifier", "national_max_qualifier", "flags", "source_ids"):
        out[col] = out[col].fillna("") if col in out else ""
    cols = ["province", "province_name", "period", "score", "score_qualifier", "rank", "provinces_ranked",
            "national_average", "national_max", "national_max_qualifier", "national_min", "unit", "comparable", "disputed", "flags",
            "source_ids"]  # fmt: skip
    return out.reindex(columns=cols)


def national_values(index, period, *, data_dir=None) -> dict:
    """The national reference values printed for one index and year (NaN where none was found).

    Parameters
    ----------
    index : str
        ``"par_index"``, ``"sipas"``, ``"papi"`` or ``"pci"``, or as users write them (see :func:`check_index`).
    period : int
        The year the index is for.
    {data_dir}

    Returns
    -------
    dict
        ``provinces_ranked``, ``national_average``, ``national_median``, ``national_max``,
        ``national_min`` (floats, NaN where not printed) and ``national_max_qualifier`` (``"more_than"``
        when a page only says the leaders scored above the value; an exact value printed elsewhere wins).

    Examples
    --------
    >>> national_values("papi", 2021)["national_max"], national_values("pci", 2015)["national_median"]
    (48.059, 58.47)
    >>> national_values("papi", 2019)["national_max"], national_values("papi", 2019)["national_max_qualifier"]
    (46.74, 'none')
    """
    code = check_index(index, data_dir=data_dir)
    values = national_indices(index=code, data_dir=data_dir)
    values = values[(values["scope"] != "province") & (values["period"] == int(period))]
    values = values.assign(_bound=values["qualifier"] != "none").sort_values("_bound", kind="stable")
    first = values.drop_duplicates("scope").set_index("scope")
    scopes = ("provinces_ranked", "national_average", "national_median", "national_max", "national_min")
    out: dict = {s: float(first["value"].get(s, np.nan)) for s in scopes}
    out["national_max_qualifier"] = first["qualifier"].get("national_max", "")
    return out


def latest_standing(*, data_dir=None) -> pd.DataFrame:
    """Each province's latest rank (and score) on each index, with the year it is for.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        One row per index and province with national values: ``index``, ``index_short``, ``province``,
        ``province_name``, ``period`` (of the latest rank, or of the latest score when no rank was
        found), ``score``, ``rank``, ``provinces_ranked``, ``unit``, ``comparable``, ``disputed``.

    Examples
    --------
    >>> s = latest_standing().set_index(["index", "province"])
    >>> row = s.loc[("par_index", "khanh-hoa")]
    >>> int(row["period"]), float(row["rank"]), float(row["provinces_ranked"])
    (2024, 10.0, 63.0)
    """
    cat = national_index_catalog(data_dir=data_dir).set_index("index")
    names = provinces(data_dir=data_dir).set_index("slug")["name_vi"]
    rows = []
    for code in INDICES:
        for slug in _with_data(code, data_dir):
            t = index_trajectory(slug, code, data_dir=data_dir)
            if t.empty:  # only component values (no score, no rank): the province has no standing to show
                continue
            ranked = t[t["rank"].notna()]
            row = (ranked if not ranked.empty else t).iloc[-1]
            rows.append(
                {
                    "index": code,
                    "index_short": cat.at[code, "short_en"],
                    "province": slug,
                    "province_name": names[slug],
                    "period": int(row["period"]),
                    "score": row["score"],
                    "rank": row["rank"],
                    "provinces_ranked": row["provinces_ranked"],
                    "unit": row["unit"],
                    "comparable": bool(row["comparable"]),
                    "disputed": bool(row["disputed"]),
                }
            )
    return pd.DataFrame(rows)


def provinces_with_values(*, data_dir=None) -> list[str]:
    """Slugs of the provinces with at least one national index value.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    list of str
        Province slugs, sorted.

    See Also
    --------
    cchc_data.indicators.provinces_with_data : The provinces with curated facts of their own reports.

    Examples
    --------
    >>> len(provinces_with_values())  # VCCI's PCI 2020 table names every province
    63
    """
    values = _table("values", data_dir)
    return sorted(p for p in values["province"].unique() if p)


def followed_provinces(*, data_dir=None) -> list[str]:
    """The provinces this project follows (those with curated facts of their own) that have national values.

    The national tables hold every province of a full national table (VCCI's PCI 2020 ranking, for
    one); the pages follow these provinces through the years and show the others as the national
    distribution around them.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    list of str
        Province slugs, sorted.

    Examples
    --------
    >>> followed_provinces()
    ['dak-lak', 'ha-giang', 'khanh-hoa']
    """
    from .indicators import provinces_with_data

    try:
        curated = set(provinces_with_data(data_dir=data_dir))
    except (DataError, FileNotFoundError, ValueError):
        curated = set()
    with_values = provinces_with_values(data_dir=data_dir)
    return [p for p in with_values if p in curated] or with_values


def full_tables(*, data_dir=None) -> pd.DataFrame:
    """The index-years for which a stored page prints the whole national table (one row per ranked province).

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        One row per index and year: ``index``, ``period``, ``source_id``, ``provinces`` (provinces with
        a rank from that page) and ``provinces_ranked`` (the number the pages print).

    Examples
    --------
    >>> full_tables()[["index", "period", "source_id", "provinces"]].values.tolist()
    [['pci', 2020, 'pcivietnam-2020-ranking', 63]]
    """
    values = national_indices(data_dir=data_dir)
    ranks = values[(values["scope"] == "province") & (values["measure"] == "rank")]
    counts = ranks.groupby(["index", "period", "source_id"])["province"].nunique().rename("provinces").reset_index()
    ranked = values[values["scope"] == "provinces_ranked"].groupby(["index", "period"])["value"].max()
    counts["provinces_ranked"] = [
        ranked.get((i, p), np.nan) for i, p in zip(counts["index"], counts["period"], strict=True)
    ]
    full = counts[counts["provinces"] >= counts["provinces_ranked"]]
    return full.reset_index(drop=True)


def comparison_year(index, *, data_dir=None) -> int:
    """The year that puts the most provinces side by side on an index (the latest such year).

    Parameters
    ----------
    index : str
        ``"par_index"``, ``"sipas"``, ``"papi"`` or ``"pci"``, or as users write them (see :func:`check_index`).
    {data_dir}

    Returns
    -------
    int
        The year.

    Raises
    ------
    ValueError
        If the index is unknown or no province has a value on it.

    Examples
    --------
    >>> comparison_year("pci"), comparison_year("papi")
    (2020, 2024)
    """
    code = check_index(index, data_dir=data_dir)
    values = national_indices(index=code, data_dir=data_dir)
    own = values[(values["scope"] == "province") & values["measure"].isin(["score", "rank"])]
    if own.empty:
        raise ValueError(f"no {code} value for any province yet")
    counts = own.groupby("period")["province"].nunique()
    return int(counts[counts == counts.max()].index.max())


share_docs_in(globals())
