"""National indices that rank every province (PAR INDEX, SIPAS, PAPI, PCI): loading, trajectories, checks.

These are the published national rankings, kept apart from the curated facts of the provinces' own
reports: a province's *internal* PAR ranking of its own departments and districts is an indicator in
``indicators.csv``, never a row here. Three tables of the data package hold them:

- ``national_index_catalog.csv``: one row per index (labels, publisher, scale, ``comparable_from``);
- ``national_index_sources.csv``: the published pages read, with address, date and language;
- ``national_indices.csv``: one row per printed number (a province's score, rank or component score,
  or a national reference value: average, top and bottom score, number of provinces ranked).

Examples
--------
>>> t = index_trajectory("Khánh Hòa", "PAPI")
>>> t[["period", "score", "rank", "provinces_ranked"]].head(2).to_string(index=False)
' period  score  rank  provinces_ranked\\n   2019  42.16  49.0              63.0\\n   2020  39.14   NaN               NaN'
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from ._checks import unknown_message
from ._docstrings import share_docs_in
from ._text import fold
from .datadir import DataError
from .numbers import numbers_in
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
    "comparison_year",
    "describe_indices",
    "standing_table",
    "sources_table",
    "check_national",
]

#: Index codes, in the order pages show them.
INDICES = ("par_index", "sipas", "papi", "pci")
#: What a row describes: the province itself, or a national reference value printed beside it.
SCOPES = ("province", "national_average", "national_max", "national_min", "provinces_ranked")
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
_MAX_EVIDENCE_WORDS = 25
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
        ``publisher``, ``published`` (a date, ``NaT`` if the page gives none), ``url``, ``accessed`` and
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


def national_indices(*, index=None, province=None, data_dir=None) -> pd.DataFrame:
    """The national index values as a tidy frame, one row per printed number, with labels and sources.

    Parameters
    ----------
    index : str, optional
        Keep one index (``"par_index"``, ``"PAR INDEX"``, ``"sipas"``, ``"papi"``, ``"pci"``).
    province : str, optional
        Keep one province's own rows (name, slug or GSO code); national reference values are dropped.
        Without it, every row is kept, national reference values (``province`` empty) included.
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`: ``period`` is the year the index is *for* (an integer), ``value`` a
        float, ``comparable`` is False before the index's ``comparable_from`` year (a method change).

    Examples
    --------
    >>> df = national_indices(index="SIPAS", province="Khánh Hoà")
    >>> ranks = df.query("measure == 'rank'").drop_duplicates(["period", "value"])
    >>> dict(zip(ranks["period"], ranks["value"]))
    {2020: 51.0, 2021: 56.0, 2024: 30.0}
    >>> national_indices(province="Hà Nội")
    Traceback (most recent call last):
    ...
    ValueError: no national index values for 'ha-noi'; provinces with values: dak-lak, ha-giang, khanh-hoa
    """
    values = _table("values", data_dir)
    cat = national_index_catalog(data_dir=data_dir).set_index("index")
    srcs = national_index_sources(data_dir=data_dir).set_index("source_id")
    names = provinces(data_dir=data_dir).set_index("slug")["name_vi"]
    if index is not None:
        values = values[values["index"] == check_index(index, data_dir=data_dir)]
    if province is not None:
        slug = resolve_province(province, data_dir=data_dir)
        known = provinces_with_values(data_dir=data_dir)
        if slug not in known:
            raise ValueError(f"no national index values for {slug!r}; provinces with values: {', '.join(known)}")
        values = values[values["province"] == slug]
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
    )
    order = {code: i for i, code in enumerate(INDICES)}
    out = out.assign(_o=out["index"].map(order)).sort_values(["_o", "province", "period", "measure", "scope"])
    return out[COLUMNS].reset_index(drop=True)


def _one_per_key(frame: pd.DataFrame) -> pd.DataFrame:
    """One value per (period, measure, scope): the first source's, with ``disputed`` when sources differ."""
    key = ["period", "measure", "scope"]
    spread = frame.groupby(key)["value"].transform(lambda v: v.nunique() > 1)
    firsts = frame.assign(disputed=spread).drop_duplicates(key, keep="first")
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
    [[2016.0, 58.62, 28.0], [2020.0, 63.22, 35.0], [2021.0, 64.2, 34.0], [2022.0, 60.91, 60.0]]
    """
    code = check_index(index, data_dir=data_dir)
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


def _with_data(code: str, data_dir) -> list[str]:
    values = national_indices(index=code, data_dir=data_dir)
    return sorted(p for p in values["province"].unique() if p)


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
    if isinstance(period, bool) or not isinstance(period, int | np.integer | str) or not str(period).isdigit():
        raise ValueError(f"period is a year such as 2023, not {period!r}")
    period = int(period)
    if period not in years:
        raise ValueError(
            f"no {short} value for any province in {period}; years with values: {', '.join(map(str, years))}"
        )
    names = provinces(data_dir=data_dir).set_index("slug")["name_vi"]
    rows = []
    for slug in _with_data(code, data_dir):
        t = index_trajectory(slug, code, data_dir=data_dir)
        row = t[t["period"] == period]
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
    out["disputed"] = out["disputed"].astype("boolean").fillna(False).astype(bool)
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
        ``provinces_ranked``, ``national_average``, ``national_max``, ``national_min`` (floats, NaN where
        not printed) and ``national_max_qualifier`` (``"more_than"`` when a page only says the leaders
        scored above the value).

    Examples
    --------
    >>> national_values("papi", 2021)
    {'provinces_ranked': 63.0, 'national_average': 42.269, 'national_max': 48.059, 'national_min': 37.223, 'national_max_qualifier': 'none'}
    >>> national_values("papi", 2019)["national_max_qualifier"]
    'more_than'
    """
    code = check_index(index, data_dir=data_dir)
    values = national_indices(index=code, data_dir=data_dir)
    values = values[(values["scope"] != "province") & (values["period"] == int(period))]
    first = values.drop_duplicates("scope").set_index("scope")
    scopes = ("provinces_ranked", "national_average", "national_max", "national_min")
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


# --- checks -------------------------------------------------------------------------------------


_EN_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _numbers(text: str, *, english: bool) -> list[float]:
    """Numbers printed in ``text``: English format (``1,514.5``) or the Vietnamese one (``1.514,5``).

    >>> _numbers("reached 90.49%; ranking 10th out of 63", english=True)
    [90.49, 10.0, 63.0]
    >>> _numbers("đạt 42,16 điểm, xếp thứ 49/63", english=False)
    [42.16, 49.0, 63.0]
    """
    if english:
        return [float(t.replace(",", "")) for t in _EN_TOKEN.findall(text)]
    return numbers_in(text)


def _prints(evidence: str, value: float, *, english: bool) -> bool:
    return any(abs(n - value) <= 1e-9 * max(1.0, abs(value)) for n in _numbers(evidence, english=english))


def check_national(data_dir=None, *, issue=None) -> list:
    """Cross-row checks of the national index tables (the schema checks are ``cchc validate``'s).

    Each value's evidence prints it (read in its page's number format; a ``format_anomaly`` flag
    allows the other format) and is short; the ``id`` starts with its ``source_id``; a province row
    names a province and a national row does not; units match the measure and the index; percentages
    lie within 0-100; a rank is not beyond the number of provinces ranked; a province's score lies
    between the national bottom and top scores of its year; two rows for the same index, province,
    year, measure and scope agree, unless flagged ``contradiction``; a flagged row explains its flag
    in Vietnamese (``note_vi``). A violation on a flagged row is a warning (except a missing
    ``note_vi``); otherwise it is an error.

    Parameters
    ----------
    {data_dir}
    issue : callable, optional
        ``issue(level, file, row, field, message)`` makes one problem (pass
        :class:`cchc_data.validation.Issue` to mix them with ``cchc validate``'s). Default ``None``:
        :class:`cchc_data.schema.Issue` (the same class).

    Returns
    -------
    list
        The problems, errors first; empty when all is well.

    Examples
    --------
    >>> problems = check_national()
    >>> [p for p in problems if p.level == "error"]
    []
    >>> print(problems[0])  # doctest: +ELLIPSIS
    warning: national_indices.csv:...: sources disagree: 61 (baokhanhhoa-2024-papi, line ...); 63 (baonghean-en-2023-papi, line ...)
    """
    from .schema import Issue

    issue = issue or Issue
    values = _table("values", data_dir)
    values = values.set_axis(values.index + 2)  # CSV line numbers
    cat = _table("catalog", data_dir).set_index("index")
    lang = _table("sources", data_dir).set_index("source_id")["language"]
    file = _FILES["values"]
    out = []

    def add(row, fld, message, flagged=False):
        out.append(issue("warning" if flagged else "error", file, int(row), fld, message))

    num = pd.to_numeric(values["value"], errors="coerce")
    for line, r, v in zip(values.index, values.to_dict("records"), num.tolist(), strict=True):  # dicts: fast
        flagged = r["flag"] != ""
        if not r["id"].startswith(r["source_id"] + "-"):
            add(line, "id", f"{r['id']!r} should start with its source_id {r['source_id']!r}")
        if (r["scope"] == "province") != (r["province"] != ""):
            want = "names its province" if r["scope"] == "province" else "leaves province empty"
            add(line, "province", f"a {r['scope']} row {want} (province {r['province']!r})")
        english = lang.get(r["source_id"], "vi") == "en"
        if v == v and not _prints(r["evidence"], v, english=english):
            other = r["flag"] == "format_anomaly" and _prints(r["evidence"], v, english=not english)
            if not other:
                found = ", ".join(f"{n:g}" for n in _numbers(r["evidence"], english=english)) or "none"
                add(line, "evidence", f"does not print the value {v:g} (numbers in it: {found})", flagged)
        if len(r["evidence"].split()) > _MAX_EVIDENCE_WORDS:
            add(line, "evidence", f"{len(r['evidence'].split())} words; quote at most ~15 (a citation, not prose)")
        expected = _expected_unit(r, cat)
        if expected and r["unit"] != expected:
            add(line, "unit", f"{r['measure']} of {r['index']} ({r['scope']}) is in {expected!r}, not {r['unit']!r}")
        if r["unit"] == "percent" and v == v and not 0 <= v <= 100:
            add(line, "value", f"{v:g} % is outside 0-100", flagged)
        if flagged and not r["note_vi"].strip():
            add(line, "note_vi", f"{r['id']} is flagged {r['flag']!r}: explain the flag in Vietnamese in note_vi")
        if (
            r["index"] in cat.index
            and r["period"].isdigit()
            and int(r["period"]) < int(cat.at[r["index"], "first_year"])
        ):
            add(line, "period", f"{r['index']} was first published for {cat.at[r['index'], 'first_year']}, not {r['period']}")  # fmt: skip

    frame = values.assign(_v=num, _flagged=values["flag"] != "", _line=values.index)
    key = ["index", "province", "period", "measure", "scope"]
    distinct = frame.groupby(key)["_v"].transform("nunique")  # one pass; then only the groups that disagree
    for _, group in frame[distinct > 1].groupby(key):
        if group["_v"].nunique() > 1:
            shown = "; ".join(f"{v:g} ({s}, line {n})" for v, s, n in zip(group["_v"], group["source_id"], group["_line"], strict=True))  # fmt: skip
            for line, flag in zip(group["_line"], group["flag"], strict=True):
                add(line, "value", f"sources disagree: {shown}" + ("" if flag == "contradiction" else "; keep both and flag them 'contradiction'"), flag == "contradiction")  # fmt: skip

    ranked = frame[frame["scope"] == "provinces_ranked"].groupby(["index", "period"])["_v"].max()
    ranks = frame[(frame["scope"] == "province") & (frame["measure"] == "rank")]
    for line, r in zip(ranks.index, ranks.to_dict("records"), strict=True):
        limit = ranked.get((r["index"], r["period"]))
        if limit is not None and r["_v"] > limit:
            add(
                line,
                "value",
                f"rank {r['_v']:g} is beyond the {limit:g} provinces ranked in {r['period']}",
                r["_flagged"],
            )

    bounds = frame[frame["measure"] == "score"].pivot_table(index=["index", "period"], columns="scope", values="_v", aggfunc="first")  # fmt: skip
    scores = frame[(frame["scope"] == "province") & (frame["measure"] == "score") & (frame["qualifier"] == "none")]
    exact_tops = frame[(frame["scope"] == "national_max") & (frame["qualifier"] == "none")]
    exact_tops = set(zip(exact_tops["index"], exact_tops["period"], strict=True))
    limits = {key: (b.get("national_min", np.nan), b.get("national_max", np.nan)) for key, b in bounds.iterrows()}
    for line, r in zip(scores.index, scores.to_dict("records"), strict=True):
        if (r["index"], r["period"]) not in limits:
            continue
        bottom, top = limits[(r["index"], r["period"])]
        top_exact = (r["index"], r["period"]) in exact_tops
        if bottom == bottom and r["_v"] < bottom - 1e-9:
            add(line, "value", f"score {r['_v']:g} is below the national bottom score {bottom:g} of {r['period']}", r["_flagged"])  # fmt: skip
        if top == top and top_exact and r["_v"] > top + 1e-9:
            add(line, "value", f"score {r['_v']:g} is above the national top score {top:g} of {r['period']}", r["_flagged"])  # fmt: skip
    out.sort(key=lambda p: (p.level != "error", p.row or 0))
    return out


def _expected_unit(row, cat: pd.DataFrame) -> str | None:
    if row["scope"] == "provinces_ranked":
        return "count"
    if row["measure"] == "rank":
        return "rank"
    if row["index"] in cat.index:
        return cat.at[row["index"], "unit"]
    return None


# --- tables for pages ---------------------------------------------------------------------------

_HEADERS = {
    "index": {"vi": "Chỉ số", "en": "Index"},
    "publisher": {"vi": "Cơ quan công bố", "en": "Published by"},
    "measures": {"vi": "Đo lường gì", "en": "What it measures"},
    "scale": {"vi": "Thang điểm", "en": "Scale"},
    "comparable_from": {"vi": "So sánh được từ năm", "en": "Comparable from"},
    "method_note": {"vi": "Thay đổi phương pháp", "en": "Method changes"},
    "province": {"vi": "Tỉnh", "en": "Province"},
    "period": {"vi": "Năm", "en": "Year"},
    "score": {"vi": "Điểm", "en": "Score"},
    "rank": {"vi": "Thứ hạng", "en": "Rank"},
    "remark": {"vi": "Ghi chú", "en": "Remarks"},
    "source": {"vi": "Mã nguồn", "en": "Source id"},
    "title": {"vi": "Tiêu đề", "en": "Title"},
    "published": {"vi": "Ngày đăng", "en": "Published"},
    "url": {"vi": "Địa chỉ", "en": "Address"},
}
_REMARKS = {
    "not_comparable": {"vi": "phương pháp cũ", "en": "earlier method"},
    "disputed": {"vi": "các nguồn khác nhau", "en": "sources disagree"},
    "no_rank": {"vi": "không tìm thấy thứ hạng", "en": "no rank found"},
    "undated": {"vi": "không ghi ngày", "en": "undated"},
}


def _lang(lang) -> str:
    if not isinstance(lang, str) or lang.strip().lower() not in ("vi", "en"):
        raise ValueError(f"{lang!r} is not a supported language; use 'vi' or 'en'")
    return lang.strip().lower()


def _num(value, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4f}".rstrip("0")
    return text.translate(str.maketrans({",": ".", ".": ","})) if lang == "vi" else text


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
    >>> provinces_with_values()
    ['dak-lak', 'ha-giang', 'khanh-hoa']
    """
    values = _table("values", data_dir)
    return sorted(p for p in values["province"].unique() if p)


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


def describe_indices(lang="vi", *, data_dir=None) -> pd.DataFrame:
    """What each index measures, who publishes it, its scale and method changes, in one language.

    Parameters
    ----------
    {lang}
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        One row per index; columns headed in ``lang``: index, publisher, what it measures, scale,
        comparable from, method changes.

    Raises
    ------
    ValueError
        If ``lang`` is not ``"vi"`` or ``"en"``.

    Examples
    --------
    >>> describe_indices("en").iloc[0, :2].tolist()
    ['PAR INDEX', 'Ministry of Home Affairs (Government Steering Committee for Administrative Reform)']
    """
    lang = _lang(lang)
    cat = national_index_catalog(data_dir=data_dir)
    cols = {f"short_{lang}": "index", f"publisher_{lang}": "publisher", f"measures_{lang}": "measures",
            f"scale_{lang}": "scale", "comparable_from": "comparable_from", f"method_note_{lang}": "method_note"}  # fmt: skip
    out = cat[list(cols)].rename(columns=cols)
    out["comparable_from"] = out["comparable_from"].astype(str)  # a year, not a quantity: no 2,024
    return out.rename(columns={k: v[lang] for k, v in _HEADERS.items()}).reset_index(drop=True)


def standing_table(lang="vi", *, data_dir=None) -> pd.DataFrame:
    """The latest standing of each province on each index, as a page shows it (rank as ``10/63``).

    Parameters
    ----------
    {lang}
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        Columns headed in ``lang``: index, province, year, score and rank as text in ``lang``'s number
        format, and remarks (earlier method, sources disagree, no rank found, and the note in ``lang``
        of a flagged value behind the score or rank: ``note_vi`` or ``note``).

    Raises
    ------
    ValueError
        If ``lang`` is not ``"vi"`` or ``"en"``.

    See Also
    --------
    latest_standing : The same values as numbers.

    Examples
    --------
    >>> t = standing_table("en").set_index(["Index", "Province"])
    >>> t.loc[("PAR INDEX", "Khánh Hòa"), ["Score", "Rank", "Remarks"]].tolist()
    ['90.49%', '10/63', '']
    """
    lang = _lang(lang)
    s = latest_standing(data_dir=data_dir)
    cat = national_index_catalog(data_dir=data_dir).set_index("index")
    values = _table("values", data_dir)
    flagged = values[values["flag"] != ""].assign(period=lambda v: v["period"].astype(int))
    note = "note_vi" if lang == "vi" else "note"

    def rank(r):
        if math.isnan(r["rank"]):
            return "–"
        of = "" if math.isnan(r["provinces_ranked"]) else "/" + _num(r["provinces_ranked"], lang)
        return _num(r["rank"], lang) + of

    remarks = []
    for _, r in s.iterrows():
        notes = [key for key, on in (("not_comparable", not r["comparable"]), ("disputed", r["disputed"]),
                                     ("no_rank", math.isnan(r["rank"]))) if on]  # fmt: skip
        behind = flagged[(flagged["index"] == r["index"]) & (flagged["period"] == r["period"])
                         & flagged["province"].isin([r["province"], ""]) & flagged["scope"].isin(["province", "provinces_ranked"])]  # fmt: skip
        explained = [n for n in dict.fromkeys(behind[note]) if n]  # the flags of the values shown, explained
        remarks.append("; ".join([*(_REMARKS[k][lang] for k in notes), *explained]))
    out = pd.DataFrame(
        {
            "index": s["index"].map(cat[f"short_{lang}"]),
            "province": s["province_name"],
            "period": s["period"].astype(str),  # a year, not a quantity: no 2,024
            "score": [
                _num(v, lang) + ("%" if u == "percent" and v == v else "")
                for v, u in zip(s["score"], s["unit"], strict=True)
            ],  # fmt: skip
            "rank": [rank(r) for _, r in s.iterrows()],
            "remark": remarks,
        }
    )
    return out.rename(columns={k: v[lang] for k, v in _HEADERS.items()})


def sources_table(lang="vi", *, data_dir=None) -> pd.DataFrame:
    """The published pages behind the national index values: id, title, publisher, date and address.

    Parameters
    ----------
    {lang}
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        One row per page, columns headed in ``lang``; titles in ``lang``, undated pages marked so.

    Raises
    ------
    ValueError
        If ``lang`` is not ``"vi"`` or ``"en"``.

    Examples
    --------
    >>> t = sources_table("en")
    >>> list(t.columns)
    ['Source id', 'Title', 'Published by', 'Published', 'Address']
    >>> t.iloc[0, :2].tolist()
    ['vnvn-kh-2025-par-sipas', 'People are increasingly satisfied with the service']
    """
    lang = _lang(lang)
    src = national_index_sources(data_dir=data_dir)
    title = src["title"] if lang == "vi" else src["title_en"]
    out = pd.DataFrame(
        {
            "source": src["source_id"],
            "title": title,
            "publisher": src["publisher"],
            "published": src["published"].replace("", _REMARKS["undated"][lang]),
            "url": src["url"],
        }
    )
    return out.rename(columns={k: v[lang] for k, v in _HEADERS.items()})


share_docs_in(globals())
