"""Tests that kill the surviving mutants of the comparison side of ``cchc_data.analysis``.

They cover ``compare``, ``comparable_concepts``, ``concept_series``, ``coverage``, ``breakdown_table``,
``indicators_with_breakdowns`` and ``_with_comparability``: behaviours that a mutmut run showed no test
pinned (see ``tests/MUTATION.md``). Expected values come from the CSV files read with the ``csv`` module,
or from small data folders the tests write (a copy of the bundled folder whose facts, and sometimes
vocabularies, are replaced), so that reading the bundled folder instead of ``data_dir``, dropping a filter
or a fill value, or leaking a pandas index makes a test fail.
"""

import csv

import pytest

import cchc_data as cd
from cchc_data import analysis as an

SOURCE = {"khanh-hoa": "kh-2022-programme", "ha-giang": "hg-2018-article", "dak-lak": "dl-2023-interview"}
#: The columns of compare(), as its docstring lists them.
COMPARE_COLUMNS = [
    "concept", "concept_label_vi", "concept_label_en", "concept_definition_vi", "concept_definition_en", "fact_id",
    "province", "province_name", "indicator", "label_vi", "label_en", "period", "year", "quarter", "kind", "value",
    "unit", "qualifier", "source_id", "evidence", "comparability", "comparability_note_vi", "comparability_note_en",
    "flag", "note", "note_vi",
]  # fmt: skip
BREAKDOWN_COLUMNS = [
    "fact_id", "province", "province_name", "indicator", "label_vi", "label_en", "period", "kind", "breakdown",
    "dimension", "breakdown_label_vi", "breakdown_label_en", "value", "unit", "qualifier", "source_id",
    "evidence", "flag", "note", "note_vi",
]  # fmt: skip


def _rows(folder, table):
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write_table(folder, table, rows):
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        fields = next(csv.reader(f))
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows({col: row.get(col, "") for col in fields} for row in rows)


def _edit(folder, table, key_col, key, **changes):
    """Change some fields of the row of ``table`` whose ``key_col`` is ``key``."""
    rows = _rows(folder, table)
    (row,) = [r for r in rows if r[key_col] == key]
    row.update(changes)
    _write_table(folder, table, rows)


_counter = iter(range(1, 10_000))


def _fact(province, indicator, period, value, *, kind="actual", breakdown=""):
    source = SOURCE[province]
    return {
        "fact_id": f"{source}-{next(_counter):03d}",
        "province": province,
        "indicator": indicator,
        "period": period,
        "kind": kind,
        "value": str(value),
        "qualifier": "none",
        "breakdown": breakdown,
        "source_id": source,
        "evidence": str(value),
    }


def _facts_folder(folder, facts):
    _write_table(folder, "indicators", facts)
    return folder


# --- _with_comparability, through compare() -------------------------------------------------------------


def test_compare_carries_the_concepts_labels_and_definitions_of_concepts_csv():
    con = {r["concept"]: r for r in _rows(cd.data_dir(), "concepts")}
    c = an.compare("digital_certificates")
    assert len(c)
    for row in c.to_dict("records"):
        expected = con[row["concept"]]
        assert row["concept_label_vi"] == expected["label_vi"]
        assert row["concept_label_en"] == expected["label_en"]
        assert row["concept_definition_vi"] == expected["definition_vi"]
        assert row["concept_definition_en"] == expected["definition_en"]


def test_compare_returns_exactly_its_documented_columns_with_a_fresh_index():
    c = an.compare("digital_certificates")
    assert c.columns.tolist() == COMPARE_COLUMNS, "no leftover 'index' column"
    assert c.index.tolist() == list(range(len(c)))


# --- every vocabulary read from data_dir ----------------------------------------------------------------


@pytest.fixture
def edited_vocabularies(data_copy):
    """The bundled facts with vocabularies that differ from the bundled ones, in ways a reader would see."""
    _edit(data_copy, "concepts", "concept", "digital_certificates", label_vi="Chứng thư số (thử)", label_en="Test")
    _edit(data_copy, "catalog", "indicator", "digital_certificates_issued", comparability="same")
    _edit(data_copy, "catalog", "indicator", "digital_certificates_issued", comparability_note_vi="")
    _edit(data_copy, "catalog", "indicator", "digital_certificates_issued", comparability_note_en="")
    _edit(data_copy, "provinces", "slug", "khanh-hoa", aliases="Xứ Trầm Hương")
    _edit(data_copy, "provinces", "slug", "tuyen-quang", name_vi="Tuyên Quang (thử)")
    return data_copy


def test_compare_reads_concepts_catalog_and_provinces_of_data_dir(edited_vocabularies):
    d = edited_vocabularies
    c = an.compare(
        "digital_certificates", provinces=["Xứ Trầm Hương", "ha-giang"], successors=True, data_dir=d
    ).set_index("province")
    assert sorted(c.index) == ["ha-giang", "khanh-hoa"]
    assert set(c["concept_label_vi"]) == {"Chứng thư số (thử)"}
    assert set(c["concept_label_en"]) == {"Test"}
    assert c.at["ha-giang", "comparability"] == "same"
    assert c.at["ha-giang", "comparability_note_en"] == ""
    assert c.at["ha-giang", "successor_name"] == "Tuyên Quang (thử)"
    assert c.at["ha-giang", "display_name"] == "Hà Giang → Tuyên Quang (thử)"


def test_compare_period_dict_resolves_provinces_in_data_dir(edited_vocabularies):
    d = edited_vocabularies
    facts = [r for r in _rows(d, "indicators") if r["province"] == "khanh-hoa" and r["breakdown"] == ""]
    ind = {r["indicator"]: r["concept"] for r in _rows(d, "catalog")}
    kh_periods = sorted({r["period"] for r in facts if ind[r["indicator"]] == "digital_certificates"})
    c = an.compare("digital_certificates", period={"Xứ Trầm Hương": kh_periods[0]}, data_dir=d)
    assert c.loc[c["province"] == "khanh-hoa", "period"].tolist() == [kh_periods[0]]


def test_concept_series_reads_provinces_and_catalog_of_data_dir(edited_vocabularies):
    s = an.concept_series("digital_certificates", "Xứ Trầm Hương", data_dir=edited_vocabularies)
    assert set(s["province"]) == {"khanh-hoa"}
    s = an.concept_series("digital_certificates", "ha-giang", data_dir=edited_vocabularies)
    assert s["comparability"].tolist() == ["same"] * len(s) and len(s)
    assert set(s["line"]) == {"same"}


def test_comparable_concepts_labels_come_from_data_dir(edited_vocabularies):
    t = an.comparable_concepts(as_frame=True, data_dir=edited_vocabularies).set_index("concept")
    assert (t.at["digital_certificates", "label_vi"], t.at["digital_certificates", "label_en"]) == (
        "Chứng thư số (thử)",
        "Test",
    )


# --- comparable_concepts --------------------------------------------------------------------------------


@pytest.fixture
def concepts_world(data_copy):
    """edocs_sent_share graded "same" in two provinces; digital certificates actual in one, a target in
    another; official e-mail accounts a total in one province and only a part in another; the other
    concepts without facts."""
    return _facts_folder(
        data_copy,
        [
            _fact("khanh-hoa", "edocs_sent_share", "2021", 90),
            _fact("ha-giang", "edocs_sent_share", "2017", 40),
            _fact("khanh-hoa", "digital_certificates_issued", "2021", 100),
            _fact("ha-giang", "digital_certificates_issued", "2025", 500, kind="target"),
            _fact("khanh-hoa", "official_email_accounts", "2021", 300),
            _fact("ha-giang", "official_email_accounts", "2017", 30, breakdown="level:province"),
        ],
    )


def test_comparable_concepts_table_counts_totals_of_the_kind(concepts_world):
    t = an.comparable_concepts(as_frame=True, data_dir=concepts_world)
    assert t.columns.tolist() == ["concept", "label_vi", "label_en", "provinces", "provinces_strict", "reading"]
    assert t.index.tolist() == list(range(len(t)))
    assert t["concept"].tolist() == sorted(r["concept"] for r in _rows(concepts_world, "concepts"))
    assert t["provinces"].dtype.kind == "i" and t["provinces_strict"].dtype.kind == "i"
    got = {r["concept"]: (r["provinces"], r["provinces_strict"], r["reading"]) for r in t.to_dict("records")}
    assert got == {
        "edocs_sent_share": (2, 2, "strict"),
        "digital_certificates": (1, 0, "single"),
        "official_email_accounts": (1, 0, "single"),
        "edocs_fully_electronic_share": (0, 0, "single"),
        "fibre_commune_share": (0, 0, "single"),
        "eoffice_agencies": (0, 0, "single"),
    }


def test_comparable_concepts_lists_by_kind_and_threshold(concepts_world):
    d = concepts_world
    assert an.comparable_concepts(data_dir=d) == ["edocs_sent_share"]
    assert an.comparable_concepts(strict=True, data_dir=d) == ["edocs_sent_share"]
    assert an.comparable_concepts(min_provinces=1, data_dir=d) == [
        "digital_certificates",
        "edocs_sent_share",
        "official_email_accounts",
    ]
    assert an.comparable_concepts(min_provinces=1, kind="target", data_dir=d) == ["digital_certificates"]
    assert an.comparable_concepts(min_provinces=3, data_dir=d) == []
    t = an.comparable_concepts(as_frame=True, min_provinces=3, data_dir=d)
    assert set(t["reading"]) == {"single"}


# --- concept_series -------------------------------------------------------------------------------------


@pytest.fixture
def series_world(data_copy):
    """E-Office counts of Khánh Hòa: a five-year span, a year, a year's first quarter written after the
    year itself, and a target."""
    return _facts_folder(
        data_copy,
        [
            _fact("khanh-hoa", "agencies_using_eoffice", "2019", 2),
            _fact("khanh-hoa", "agencies_using_eoffice", "2021", 4),
            _fact("khanh-hoa", "agencies_using_eoffice", "2021-Q1", 3),
            _fact("khanh-hoa", "agencies_using_eoffice", "2016-2020", 1),
            _fact("khanh-hoa", "agencies_using_eoffice", "2030", 9, kind="target"),
        ],
    )


def test_concept_series_orders_by_start_then_end_and_keeps_the_kind(series_world):
    s = an.concept_series("eoffice_agencies", "Khánh Hòa", data_dir=series_world)
    assert s.columns.tolist() == [*COMPARE_COLUMNS, "line", "joined"]
    assert s.index.tolist() == list(range(len(s)))
    # starts 2016, 2019, 2021-01-01 (ends March), 2021-01-01 (ends December)
    assert s["period"].tolist() == ["2016-2020", "2019", "2021-Q1", "2021"]
    assert s["value"].tolist() == [1.0, 2.0, 3.0, 4.0]
    assert s["joined"].tolist() == [False, True, True, True]
    t = an.concept_series("eoffice_agencies", "Khánh Hòa", kind="target", data_dir=series_world)
    assert t[["period", "kind", "value"]].values.tolist() == [["2030", "target", 9.0]]


# --- coverage -------------------------------------------------------------------------------------------


def test_coverage_rejects_an_unknown_value_kind_by_name():
    with pytest.raises(ValueError, match=r"^'share' is not a known coverage value; use one of 'count', 'periods'$"):
        an.coverage(values="share")


@pytest.fixture
def coverage_world(data_copy):
    """Khánh Hòa: one concept in two periods; Hà Giang: only a fact without a concept; Đắk Lắk: another concept."""
    return _facts_folder(
        data_copy,
        [
            _fact("khanh-hoa", "edocs_sent_share", "2021", 90),
            _fact("khanh-hoa", "edocs_sent_share", "2021-Q1", 80),
            _fact("ha-giang", "admin_agencies_autonomy_eligible", "2017", 12),
            _fact("dak-lak", "agencies_using_eoffice", "2023-Q1", 50),
        ],
    )


def test_coverage_counts_keep_every_province_with_facts(coverage_world):
    m = an.coverage(data_dir=coverage_world)
    assert m.columns.tolist() == ["dak-lak", "ha-giang", "khanh-hoa"]
    assert m.index.tolist() == ["edocs_sent_share", "eoffice_agencies"]
    assert m.to_dict("index") == {
        "edocs_sent_share": {"dak-lak": 0, "ha-giang": 0, "khanh-hoa": 2},
        "eoffice_agencies": {"dak-lak": 1, "ha-giang": 0, "khanh-hoa": 0},
    }
    assert all(dtype.kind == "i" for dtype in m.dtypes)


def test_coverage_periods_oldest_first_and_empty_where_none(coverage_world):
    m = an.coverage(values="periods", data_dir=coverage_world)
    assert m.columns.tolist() == ["dak-lak", "ha-giang", "khanh-hoa"]
    assert m.to_dict("index") == {
        "edocs_sent_share": {"dak-lak": "", "ha-giang": "", "khanh-hoa": "2021-Q1, 2021"},
        "eoffice_agencies": {"dak-lak": "2023-Q1", "ha-giang": "", "khanh-hoa": ""},
    }


def test_coverage_domains_in_the_frameworks_order(coverage_world):
    order = [r["domain"] for r in sorted(_rows(coverage_world, "domains"), key=lambda r: int(r["order"]))]
    expected = [d for d in order if d in {"digital_government", "public_finance"}]
    assert expected == ["public_finance", "digital_government"], "not alphabetical, so the order is tested"
    for values in ("count", "periods"):
        assert an.coverage(by="domain", values=values, data_dir=coverage_world).index.tolist() == expected


def test_coverage_domain_order_read_from_data_dir(coverage_world):
    _edit(coverage_world, "domains", "domain", "public_finance", order="7")
    _edit(coverage_world, "domains", "domain", "digital_government", order="6")
    m = an.coverage(by="domain", data_dir=coverage_world)
    assert m.index.tolist() == ["digital_government", "public_finance"]


def test_coverage_of_a_given_frame_covers_only_that_frame(coverage_world):
    frame = cd.load_indicators(province="khanh-hoa", data_dir=coverage_world)
    m = an.coverage(frame, data_dir=coverage_world)
    assert m.columns.tolist() == ["khanh-hoa"]
    assert m.to_dict("index") == {"edocs_sent_share": {"khanh-hoa": 2}}


# --- breakdown_table and indicators_with_breakdowns -----------------------------------------------------


@pytest.fixture
def breakdown_world(data_copy):
    """Khánh Hòa's on-time share: 2020 with two parts (district written first), 2021 with one part, 2022 a
    total only; Hà
    Giang's in a later year; edocs_sent_share a total only. A district label that differs from the bundled."""
    _edit(data_copy, "breakdowns", "breakdown", "level:district", label_en="District tier (test)")
    return _facts_folder(
        data_copy,
        [
            _fact("khanh-hoa", "dossiers_on_time_share", "2020", 85),
            _fact("khanh-hoa", "dossiers_on_time_share", "2020", 70, breakdown="level:district"),
            _fact("khanh-hoa", "dossiers_on_time_share", "2020", 92, breakdown="level:province"),
            _fact("khanh-hoa", "dossiers_on_time_share", "2021", 90),
            _fact("khanh-hoa", "dossiers_on_time_share", "2021", 80, breakdown="level:district"),
            _fact("khanh-hoa", "dossiers_on_time_share", "2022", 95),
            _fact("ha-giang", "dossiers_on_time_share", "2022", 50),
            _fact("ha-giang", "dossiers_on_time_share", "2022", 60, breakdown="level:province"),
            _fact("khanh-hoa", "edocs_sent_share", "2021", 70),
            _fact("ha-giang", "admin_agencies_autonomy_eligible", "2017", 12),
        ],
    )


def _labels(folder):
    return {r["breakdown"]: (r["dimension"], r["label_vi"], r["label_en"]) for r in _rows(folder, "breakdowns")}


def test_breakdown_table_latest_period_of_the_province(breakdown_world):
    labels = _labels(breakdown_world)
    t = an.breakdown_table("khanh-hoa", "dossiers_on_time_share", data_dir=breakdown_world)
    assert t.columns.tolist() == BREAKDOWN_COLUMNS
    assert t.index.tolist() == list(range(len(t)))
    got = t[["province", "period", "breakdown", "dimension", "breakdown_label_vi", "breakdown_label_en", "value"]]
    assert got.values.tolist() == [
        ["khanh-hoa", "2021", "", "", "Tổng", "Total", 90.0],
        ["khanh-hoa", "2021", "level:district", *labels["level:district"], 80.0],
    ]
    assert labels["level:district"][2] == "District tier (test)"


def test_breakdown_table_parts_in_the_breakdowns_order(breakdown_world):
    labels = _labels(breakdown_world)
    t = an.breakdown_table("Khánh Hòa", "dossiers_on_time_share", period="2020", data_dir=breakdown_world)
    assert t[["breakdown", "dimension", "breakdown_label_vi", "breakdown_label_en", "value"]].values.tolist() == [
        ["", "", "Tổng", "Total", 85.0],
        ["level:province", *labels["level:province"], 92.0],
        ["level:district", *labels["level:district"], 70.0],
    ]


def test_breakdown_table_message_names_the_province(breakdown_world):
    with pytest.raises(ValueError, match=r"^'edocs_sent_share' has no breakdown for Khánh Hòa$"):
        an.breakdown_table("khanh-hoa", "edocs_sent_share", data_dir=breakdown_world)
    with pytest.raises(ValueError, match=r"^'admin_agencies_autonomy_eligible' has no breakdown for Khánh Hòa$"):
        an.breakdown_table("Khánh Hòa", "admin_agencies_autonomy_eligible", data_dir=breakdown_world)


def test_breakdown_table_period_without_parts_is_refused_with_the_periods_that_have_some(breakdown_world):
    """It used to return an empty table (or the total alone), and breakdown_chart then failed with an
    IndexError from inside pandas."""
    for period in ("2022", "2019"):
        with pytest.raises(
            ValueError,
            match=rf"^'dossiers_on_time_share' has no breakdown for Khánh Hòa in {period}; "
            r"periods with a breakdown: 2021, 2020$",
        ):
            an.breakdown_table("khanh-hoa", "dossiers_on_time_share", period=period, data_dir=breakdown_world)
    with pytest.raises(
        ValueError,
        match=r"^'dossiers_on_time_share' has no breakdown for Hà Giang in 2021; periods with a breakdown: 2022$",
    ):
        an.breakdown_table("ha-giang", "dossiers_on_time_share", period="2021", data_dir=breakdown_world)


def test_indicators_with_breakdowns_of_data_dir(breakdown_world):
    assert an.indicators_with_breakdowns("khanh-hoa", data_dir=breakdown_world) == ["dossiers_on_time_share"]
    assert an.indicators_with_breakdowns("Hà Giang", data_dir=breakdown_world) == ["dossiers_on_time_share"]


@pytest.mark.parametrize("province", ["khanh-hoa", "ha-giang", "dak-lak"])
def test_indicators_with_breakdowns_per_province_match_the_csv(province):
    rows = [r for r in _rows(cd.data_dir(), "indicators") if r["province"] == province]
    parts = {r["indicator"] for r in rows if r["breakdown"]}
    totals = {r["indicator"] for r in rows if not r["breakdown"]}
    assert an.indicators_with_breakdowns(province) == sorted(parts & totals)


# --- no warnings for the user ---------------------------------------------------------------------------


@pytest.mark.filterwarnings("error")
def test_comparison_functions_emit_no_warnings():
    """A notebook user sees every warning: grouping the categorical ``province`` column without
    ``observed=`` makes pandas warn (FutureWarning) on each call."""
    assert len(an.compare("digital_certificates"))
    assert len(an.compare(["digital_certificates", "edocs_sent_share"], period={"Khánh Hòa": "2021-Q1"}))
    assert len(an.comparable_concepts(as_frame=True))
    assert len(an.concept_series("eoffice_agencies", "Khánh Hòa"))
    assert len(an.coverage(values="periods")) and len(an.coverage(by="domain"))
    assert len(an.breakdown_table("Khánh Hòa", "dossiers_on_time_share"))
