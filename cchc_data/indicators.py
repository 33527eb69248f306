"""Loading the curated facts as a tidy long DataFrame, with filters that accept names as users type them."""

from __future__ import annotations

import warnings
from functools import lru_cache

import numpy as np
import pandas as pd

from ._checks import check_argument
from ._docstrings import share_docs_in
from ._text import fold
from .datadir import ContractError, DataWarning, identity, package
from .periods import parse_period
from .province_registry import provinces, resolve_province
from .schema import Issue, _contract_message, check_folder, read_table
from .vocabularies import catalog, domains

__all__ = ["load_indicators", "sources", "flags", "kinds", "provinces_with_data", "COLUMNS"]

#: Columns of :func:`load_indicators`, in order.
COLUMNS = [
    "fact_id",
    "province",
    "province_name",
    "indicator",
    "label_vi",
    "label_en",
    "domain",
    "concept",
    "period",
    "year",
    "quarter",
    "year_end",
    "kind",
    "value",
    "unit",
    "qualifier",
    "breakdown",
    "source_id",
    "evidence",
    "flag",
    "note",
    "note_vi",
]
_CATEGORICAL = ["province", "province_name", "domain", "kind", "unit", "qualifier", "source_id"]


def sources(*, data_dir=None) -> pd.DataFrame:
    """One row per source document: id, province, title, kind, publisher, dates, periods, text file.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        Columns ``source_id`` (what each fact's ``source_id`` refers to), ``province``, ``title``, ``kind``,
        ``publisher`` (and ``publisher_en``, its English name), ``published``, ``reference_period``, ``period_covered``, ``language``, ``text_file``
        (the source text's file name in the sources folder), the titles for citations, ``url`` and
        ``accessed``, ``issuer``, ``document_number``, ``issue`` and ``url_status`` (see "Source fields" in
        ``data/README.md``).

    Examples
    --------
    >>> s = sources()
    >>> s.set_index("source_id").at["kh-2021q1-report", "text_file"]
    '003_45c1629c38c3d8e7.txt'
    """
    return read_table("sources", data_dir=data_dir)


def kinds(*, data_dir=None) -> list[str]:
    """The kinds of fact, from the ``enum`` of ``indicators.kind`` in ``datapackage.json``.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    list of str
        The kinds in the order the data package lists them (the kinds present in the facts, sorted, if the
        package declares none).

    Examples
    --------
    >>> kinds()
    ['actual', 'plan', 'target']
    """
    fields = next(r for r in package(data_dir)["resources"] if r["name"] == "indicators")["schema"]["fields"]
    kind = next(f for f in fields if f["name"] == "kind")
    enum = (kind.get("constraints") or {}).get("enum")
    return list(enum) if enum else sorted(set(read_table("indicators", data_dir=data_dir)["kind"]))


def provinces_with_data(*, data_dir=None) -> list[str]:
    """Slugs of the provinces that have curated facts, sorted.

    The one place that answers "which provinces can I ask for?"; use it rather than recomputing the set from
    :func:`load_indicators`.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    list of str
        Province slugs, sorted.

    See Also
    --------
    cchc_data.provinces : Every province-level unit, with or without data.

    Examples
    --------
    >>> provinces_with_data()
    ['dak-lak', 'ha-giang', 'khanh-hoa']
    """
    return sorted(_all_facts(data_dir)["province"].astype(str).unique())


_WARNED: set[tuple] = set()  # the data versions whose validation errors were warned about


def _all_facts(data_dir=None) -> pd.DataFrame:
    folder = check_folder(data_dir)  # the contract holds (raises ContractError naming file, row, field)
    key = identity(folder)
    frame = _build(str(folder), key)
    if key not in _WARNED:  # the cross-row rules: the frame loads, with one warning per data version
        from .validation import data_warning

        _WARNED.add(key)
        if message := data_warning(folder):
            warnings.warn(message, DataWarning, stacklevel=3)
    return frame


@lru_cache(maxsize=8)
def _build(folder: str, _identity: tuple) -> pd.DataFrame:
    # Vectorised over ~10^5 facts: each catalog, province and period value is looked up once (by
    # position), and the categorical columns are built from codes before the frame is assembled.
    # read_table has checked the folder against the contract (types, keys, foreign keys).
    facts = read_table("indicators", data_dir=folder)
    cat = catalog(data_dir=folder).set_index("indicator")
    names = provinces(data_dir=folder).set_index("slug")["name_vi"]

    def bad(mask, column, why):
        """Defensive: a folder whose package lacks the bundled keys can still reach here."""
        row = np.flatnonzero(mask)[0]
        where = Issue("error", "indicators.csv", row + 2, column, why(facts.at[row, column]))
        raise ContractError(_contract_message(folder, where, 1))

    value = facts["value"]
    ind = cat.index.get_indexer(facts["indicator"])  # catalog row of each fact, -1 if unknown
    if (ind < 0).any():
        bad(ind < 0, "indicator", lambda v: f"foreign key error: [{v!r}] not found in catalog.indicator")
    prov, slugs = pd.factorize(facts["province"], sort=True)
    where = names.index.get_indexer(slugs)
    if (where < 0).any():
        bad(
            np.isin(prov, np.flatnonzero(where < 0)),
            "province",
            lambda v: f"foreign key error: [{v!r}] not found in provinces.slug",
        )
    per, labels = pd.factorize(facts["period"])
    parsed = []
    for label in labels:
        try:
            parsed.append(parse_period(label))
        except ValueError as exc:
            bad(facts["period"] == label, "period", lambda _, why=str(exc): why)

    def from_catalog(column):
        return cat[column].to_numpy()[ind]

    def period_part(part):
        return pd.array([getattr(p, part) for p in parsed], dtype="Int64").take(per)

    def categorical(codes, categories, ordered=False):
        return pd.Categorical.from_codes(codes, categories=categories, ordered=ordered)

    def sorted_categorical(values):
        codes, uniques = pd.factorize(values, sort=True)
        return categorical(codes, uniques)

    order = domains(data_dir=folder)["domain"].tolist()
    units = pd.Categorical(cat["unit"])
    doms = pd.Categorical(cat["domain"], categories=order, ordered=True)
    out = pd.DataFrame(
        {
            "fact_id": facts["fact_id"],
            "province": categorical(prov, slugs),
            "province_name": sorted_categorical(names.to_numpy()[where][prov]),
            "indicator": facts["indicator"],
            "label_vi": from_catalog("label_vi"),
            "label_en": from_catalog("label_en"),
            "domain": categorical(doms.codes[ind], order, ordered=True),
            "concept": from_catalog("concept"),
            "period": facts["period"],
            "year": period_part("year"),
            "quarter": period_part("quarter"),
            "year_end": period_part("year_end"),
            "kind": sorted_categorical(facts["kind"]),
            "value": value.astype(float),
            "unit": categorical(units.codes[ind], units.categories).remove_unused_categories(),
            "qualifier": sorted_categorical(facts["qualifier"]),
            "breakdown": facts["breakdown"],
            "source_id": sorted_categorical(facts["source_id"]),
            "evidence": facts["evidence"],
            "flag": facts["flag"],
            "note": facts["note"],
            "note_vi": facts["note_vi"],
        }
    )
    return out


def _as_list(value) -> list:
    return list(value) if isinstance(value, (list, tuple, set, pd.Index, pd.Series)) else [value]


def _domain_key(name) -> str:
    """Matching key of a domain code or label: folded, ``_`` read as a space (``civil service`` = ``civil_service``)."""
    return fold(str(name)).replace("_", " ")


def _check_known(given, known, what, hint=None):
    for value in given:
        check_argument(what, value, known, hint=hint)


def load_indicators(
    *, province=None, domain=None, indicator=None, concept=None, period=None, kind=None, data_dir=None
) -> pd.DataFrame:
    """Load the curated facts as a tidy long DataFrame, one row per fact.

    Every filter takes one value or a list; ``None`` means all.

    Parameters
    ----------
    province : str or int or list, optional
        Province name, slug or GSO code, as accepted by :func:`resolve_province`. A known province
        without curated data raises ``ValueError`` rather than returning an empty frame. Default ``None``: all.
    domain : str or list, optional
        Domain code (``"procedures"``; ``"civil service"`` for ``"civil_service"``) or its Vietnamese/English
        label (diacritics optional). Default ``None``.
    indicator, concept : str or list, optional
        Codes from :func:`catalog` / :func:`concepts`. Default ``None``.
    period : str or int or list, optional
        A period label (``"2021-Q1"``, ``"2019"``, ``"2021-2030"``) or a form Vietnamese documents use
        (``"quý I/2021"``) matches that period; an ``int`` year matches every period that starts in that
        year. A period without facts raises ``ValueError`` naming the periods with data. Default ``None``.
    kind : {"actual", "plan", "target"} or list, optional
        Achieved results, plans or targets (see :func:`kinds`). Default ``None``: all kinds.
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`: ``value`` is float (percentages 0–100), ``year``/``quarter``/
        ``year_end`` nullable integers, ``province``, ``domain``, ``kind``, ``unit``, ``qualifier``,
        ``source_id`` categorical; ``breakdown``, ``concept``, ``flag``, ``note`` (English) and ``note_vi`` (the same explanation in
        Vietnamese, given for every flagged fact) are ``""`` when empty.

    Raises
    ------
    ValueError
        For an unknown province, domain, indicator, concept or kind (the message names close matches and
        the valid values or where to find them), a province without data, or a period without facts.
    cchc_data.ContractError
        If the data folder breaks its ``datapackage.json`` (the message names file, row and field).

    See Also
    --------
    flags : The facts whose source is inconsistent.
    cchc_data.search : Find indicator codes by words.

    Examples
    --------
    >>> df = load_indicators(province="Hà Giang")
    >>> df["province"].unique().tolist()
    ['ha-giang']
    >>> sorted(load_indicators(province="Khánh Hòa", period="quý I/2021")["period"].unique())
    ['2021-Q1']
    >>> load_indicators(period=2018)
    Traceback (most recent call last):
    ...
    ValueError: no facts for period 2018; periods with data: ...
    >>> load_indicators(province="Atlantis")
    Traceback (most recent call last):
    ...
    ValueError: 'Atlantis' is not a known province; see cchc_data.provinces() for the 63 known names
    """
    frame = _all_facts(data_dir)
    mask = pd.Series(True, index=frame.index)
    if province is not None:
        slugs = [resolve_province(p, data_dir=data_dir) for p in _as_list(province)]
        with_data = set(provinces_with_data(data_dir=data_dir))
        for slug in slugs:
            if slug not in with_data:
                names = provinces(data_dir=data_dir).set_index("slug")["name_vi"]
                have = ", ".join(sorted((names[s] for s in with_data), key=fold))
                raise ValueError(
                    f"{names[slug]} ({slug}) is a known province but has no curated data yet; "
                    f"provinces with data: {have}"
                )
        mask &= frame["province"].isin(slugs)
    if domain is not None:
        doms = domains(data_dir=data_dir)
        by_name = {}
        for row in doms.itertuples():
            for name in (row.domain, row.label_vi, row.label_en):
                by_name[_domain_key(name)] = row.domain
        wanted = []
        for d in _as_list(domain):
            code = by_name.get(_domain_key(d))
            if code is None:
                check_argument("domain", d, doms["domain"].tolist(), hint="cchc_data.domains()")
            wanted.append(code)
        mask &= frame["domain"].isin(wanted)
    if indicator is not None:
        given = _as_list(indicator)
        _check_known(
            given, catalog(data_dir=data_dir)["indicator"], "indicator", "cchc_data.catalog() or cchc_data.search()"
        )
        mask &= frame["indicator"].isin(given)
    if concept is not None:
        given = _as_list(concept)
        _check_known(given, read_table("concepts", data_dir=data_dir)["concept"], "concept", "cchc_data.concepts()")
        mask &= frame["concept"].isin(given)
    if period is not None:
        labels, years = [], []
        for p in _as_list(period):
            if isinstance(p, int) and not isinstance(p, bool):
                years.append(p)
            else:
                labels.append(parse_period(p).label)
        have_labels, have_years = set(frame["period"]), set(frame["year"].dropna().astype(int))
        missing = [str(p) for p in labels if p not in have_labels] + [str(y) for y in years if y not in have_years]
        if missing:
            known = ", ".join(sorted(have_labels))
            raise ValueError(f"no facts for period {missing[0]}; periods with data: {known}")
        mask &= frame["period"].isin(labels) | frame["year"].isin(years)
    if kind is not None:
        given = _as_list(kind)
        _check_known(given, kinds(data_dir=data_dir), "kind")
        mask &= frame["kind"].isin(given)
    out = frame[mask].reset_index(drop=True)
    for col in _CATEGORICAL:
        if col != "domain":
            out[col] = out[col].cat.remove_unused_categories()
    return out


def flags(*, data_dir=None) -> pd.DataFrame:
    """Facts whose source is inconsistent, with the kind of inconsistency and the explanatory notes.

    Parameters
    ----------
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        One row per flagged fact, columns ``fact_id``, ``province``, ``indicator``, ``period``, ``kind``,
        ``value``, ``breakdown``, ``source_id``, ``evidence``, ``flag`` (``contradiction``, ``sum_mismatch``,
        ``total_equals_part``, ``period_typo``, ``format_anomaly``), ``note`` (English) and ``note_vi``
        (Vietnamese): what contradicts what.

    Examples
    --------
    >>> f = flags()
    >>> f.loc[0, ["fact_id", "flag"]].tolist()
    ['kh-2019-article-016', 'contradiction']
    >>> sorted(f["flag"].unique())[:2]
    ['contradiction', 'format_anomaly']
    """
    frame = _all_facts(data_dir)
    cols = [
        "fact_id",
        "province",
        "indicator",
        "period",
        "kind",
        "value",
        "breakdown",
        "source_id",
        "evidence",
        "flag",
        "note",
        "note_vi",
    ]
    return frame.loc[frame["flag"] != "", cols].reset_index(drop=True)


share_docs_in(globals())
