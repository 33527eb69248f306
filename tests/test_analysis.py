"""Tests of ``cchc_data.analysis``: one class per public function.

Expected values come from the CSV files read with the ``csv`` module, or from small data folders the tests
write (a copy of the bundled folder whose facts, and sometimes vocabularies, are replaced; helpers in
``datafolder.py``), so that reading the bundled folder instead of ``data_dir``, dropping a filter or a fill
value, or leaking a pandas index makes a test fail. Many of these tests were written for the mutants that
survived the first mutation run, or for the known holes of issue 14 (``tests/MUTATION.md`` tells which).
"""

import csv
import re
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from datafolder import (
    HEADER,  # the columns of indicators.csv, read from datapackage.json
    csv_rows,
    edit_csv,
    expected_summary,
    fact,
    schema_kinds,
    write_facts,
)

import cchc_data as cd
from cchc_data import analysis as an
from cchc_data import load_indicators


@pytest.fixture
def tiny(data_copy):
    """The bundled vocabularies with a small hand-built set of facts."""
    rows = [
        # Hà Giang 2017: certificates, a part/whole pair, an e-doc share
        (
            "hg-2018-article-001",
            "ha-giang",
            "digital_certificates_issued",
            "2017",
            "actual",
            "2725",
            "none",
            "",
            "hg-2018-article",
            "2.725 Chứng thư số",
            "",
            "",
        ),
        (
            "hg-2018-article-002",
            "ha-giang",
            "admin_units_with_video_conference",
            "2017",
            "actual",
            "191",
            "none",
            "level:commune",
            "hg-2018-article",
            "191/195 xã",
            "",
            "",
        ),
        (
            "hg-2018-article-003",
            "ha-giang",
            "admin_units_total",
            "2017",
            "actual",
            "195",
            "none",
            "level:commune",
            "hg-2018-article",
            "191/195 xã",
            "",
            "",
        ),
        (
            "hg-2018-article-004",
            "ha-giang",
            "official_email_mailboxes",
            "2017",
            "actual",
            "14000",
            "more_than",
            "",
            "hg-2018-article",
            "trên 14 nghìn hộp thư",
            "",
            "",
        ),
        # Khánh Hòa: certificates in 2021-Q1; e-mail in 2019; a target with and one without an actual
        (
            "kh-2021q1-report-001",
            "khanh-hoa",
            "digital_certificates_integrated",
            "2021-Q1",
            "actual",
            "3436",
            "none",
            "",
            "kh-2021q1-report",
            "3.436 chứng thư số",
            "",
            "",
        ),
        (
            "kh-2019-article-001",
            "khanh-hoa",
            "official_email_accounts",
            "2019",
            "actual",
            "4600",
            "none",
            "",
            "kh-2019-article",
            "4.600 tài khoản",
            "",
            "",
        ),
        (
            "kh-2019-article-002",
            "khanh-hoa",
            "digital_certificates_integrated",
            "2019",
            "actual",
            "1000",
            "none",
            "",
            "kh-2019-article",
            "1.000 chứng thư",
            "",
            "",
        ),
        (
            "kh-2022-programme-001",
            "khanh-hoa",
            "online_payment_transactions_share",
            "2025",
            "target",
            "30",
            "at_least",
            "",
            "kh-2022-programme",
            "từ 30% trở lên",
            "",
            "",
        ),
        (
            "kh-2022-programme-002",
            "khanh-hoa",
            "dossiers_online_share",
            "2025",
            "target",
            "20",
            "at_least",
            "",
            "kh-2022-programme",
            "từ 20% trở lên",
            "",
            "",
        ),
        (
            "kh-2021q1-report-002",
            "khanh-hoa",
            "dossiers_online_share",
            "2021-Q1",
            "actual",
            "21.65",
            "none",
            "",
            "kh-2021q1-report",
            "21,65%",
            "",
            "",
        ),
        (
            "kh-2021q1-report-003",
            "khanh-hoa",
            "dossiers_on_time_share",
            "2021-Q1",
            "actual",
            "98.63",
            "none",
            "",
            "kh-2021q1-report",
            "98,63%",
            "",
            "",
        ),
        (
            "kh-2021q1-report-004",
            "khanh-hoa",
            "dossiers_on_time_share",
            "2021-Q1",
            "actual",
            "91.58",
            "none",
            "level:district",
            "kh-2021q1-report",
            "91,58%",
            "",
            "",
        ),
        (
            "kh-2021q1-report-005",
            "khanh-hoa",
            "dossiers_on_time_share",
            "2021-Q1",
            "actual",
            "86.84",
            "none",
            "sector:investment",
            "kh-2021q1-report",
            "86,84%",
            "",
            "",
        ),
    ]
    with open(data_copy / "indicators.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(row + ("",) for row in rows)  # note_vi empty: no row is flagged
    return data_copy


# --- comparability model (issue 11) -----------------------------------------------------------------


def _write_catalog_grades(folder, grades: dict[str, tuple[str, str, str]]) -> None:
    """Overwrite the comparability columns of some catalog rows of a data copy."""
    path = folder / "catalog.csv"
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["indicator"] in grades:
            g, vi, en = grades[row["indicator"]]
            row.update(comparability=g, comparability_note_vi=vi, comparability_note_en=en)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


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


def _write_table(folder, table, rows):
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        fields = next(csv.reader(f))
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows({col: row.get(col, "") for col in fields} for row in rows)


def _edit(folder, table, key_col, key, **changes):
    """Change some fields of the row of ``table`` whose ``key_col`` is ``key``."""
    rows = csv_rows(folder, table)
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
    return {r["breakdown"]: (r["dimension"], r["label_vi"], r["label_en"]) for r in csv_rows(folder, "breakdowns")}


PER_CAPITA_MESSAGE = "per_capita() needs a frame with province, value and unit columns (e.g. from compare())"


# --- helpers: read and rewrite the CSV tables of a data folder with the csv module -----------------------


def _set(key, column, value, *, by):
    def change(row):
        if row[by] == key:
            row[column] = value

    return change


# --- progress_to_target ------------------------------------------------------------------------------------

TARGET_COLUMNS = [
    "indicator", "label_vi", "label_en", "domain", "breakdown", "unit", "target_period", "target",
    "target_qualifier", "actual_period", "actual", "actual_qualifier", "matched_by", "gap", "status",
    "source_id", "evidence", "flag", "fact_id", "actual_source_id", "actual_evidence", "actual_flag",
    "actual_fact_id",
]  # fmt: skip


@pytest.fixture
def targets_folder(data_copy):
    """Two Khánh Hòa targets (one with actuals, one without), a Hà Giang target, a Đắk Lắk actual, an alias.

    The older actual comes first in the file, after a target, so that taking the first actual in file order
    (or misaligning the actuals' rows) picks the wrong one.
    """
    write_facts(
        data_copy,
        [
            fact(1, "vertical_agency_dossiers_late", "2025", "target", "5", qualifier="at_most",
                  evidence="T late 5", flag="contradiction", note="test note", note_vi="ghi chú thử"),
            fact(1, "vertical_agency_dossiers_late", "2019", "actual", "30", source="kh-2019-article",
                  evidence="A late 30"),
            fact(1, "vertical_agency_dossiers_late", "2021", "actual", "12", source="kh-2021q1-report",
                  evidence="A late 12", flag="sum_mismatch", note="test note", note_vi="ghi chú thử"),
            fact(2, "edocs_sent_share", "2025", "target", "90", qualifier="at_least", evidence="T edocs 90"),
            fact(1, "admin_units_total", "2025", "target", "200", province="ha-giang", source="hg-2018-article"),
            fact(1, "vertical_agency_dossiers_late", "2023", "actual", "3", province="dak-lak", source="dl-2023-interview"),
        ],
    )  # fmt: skip
    edit_csv(data_copy, "provinces", _set("khanh-hoa", "aliases", "Xứ Trầm Hương", by="slug"))
    return data_copy


def _catalog_entry(folder, indicator):
    (entry,) = [r for r in csv_rows(folder, "catalog") if r["indicator"] == indicator]
    return entry


# --- part_whole_shares ---------------------------------------------------------------------------------------

SHARE_COLUMNS = [
    "province", "province_name", "indicator", "label_vi", "label_en", "whole_indicator", "whole_label_vi",
    "whole_label_en", "period", "whole_period", "kind", "breakdown", "part", "whole", "share", "origin", "printed_share", "printed_fact_id",
    "qualifier", "source_id", "evidence", "flag", "fact_id", "whole_fact_id",
]  # fmt: skip


@pytest.fixture
def shares_folder(data_copy):
    """A Hà Giang part of a whole of 1 and a Khánh Hòa part of 10; the whole's labels renamed in the catalog."""
    hg = {"breakdown": "level:commune", "province": "ha-giang", "source": "hg-2018-article"}
    write_facts(
        data_copy,
        [
            fact(1, "admin_units_with_video_conference", "2017", "actual", "1", **hg),
            fact(2, "admin_units_total", "2017", "actual", "1", **hg),
            fact(1, "admin_agencies_with_autonomy", "2019", "actual", "4", source="kh-2019-article"),
            fact(2, "admin_agencies_autonomy_eligible", "2019", "actual", "10", source="kh-2019-article"),
        ],
    )
    edit_csv(data_copy, "catalog", _set("admin_units_total", "label_vi", "Đơn vị hành chính (thử)", by="indicator"))
    edit_csv(data_copy, "catalog", _set("admin_units_total", "label_en", "Units (test)", by="indicator"))
    return data_copy


# --- profile -------------------------------------------------------------------------------------------------

PROFILE_COLUMNS = [
    "domain", "domain_label_vi", "domain_label_en", "fact_id", "indicator", "label_vi", "label_en", "period",
    "kind", "value", "unit", "qualifier", "breakdown", "source_id", "evidence", "flag", "note", "note_vi",
]  # fmt: skip


class TestCompare:
    def test_compare_latest_per_province_keeps_period_qualifier_and_source(self, tiny):
        got = an.compare("digital_certificates", data_dir=tiny)
        assert got[["province", "period", "value", "source_id"]].values.tolist() == [
            ["khanh-hoa", "2021-Q1", 3436.0, "kh-2021q1-report"],
            ["ha-giang", "2017", 2725.0, "hg-2018-article"],
        ]
        assert got["comparability"].ne("").all() and set(got["unit"]) == {"count"}
        email = an.compare("official_email_accounts", data_dir=tiny).set_index("province")
        assert email.at["ha-giang", "qualifier"] == "more_than"

    def test_compare_chosen_period(self, tiny):
        got = an.compare("digital_certificates", period={"Khánh Hòa": "2019"}, data_dir=tiny)
        assert got.set_index("province")["period"].to_dict() == {"khanh-hoa": "2019", "ha-giang": "2017"}
        only_2017 = an.compare("digital_certificates", period="2017", data_dir=tiny)
        assert only_2017["province"].tolist() == ["ha-giang"]
        with pytest.raises(ValueError, match="'fibre' is not a known concept"):
            an.compare("fibre", data_dir=tiny)

    def test_compare_carries_grade_and_both_notes(self, tiny):
        got = an.compare("digital_certificates", data_dir=tiny).set_index("province")
        assert set(got["comparability"]) <= {"same", "caveat"}
        for col in ("comparability_note_vi", "comparability_note_en", "concept_definition_vi", "concept_definition_en"):
            assert got[col].ne("").all(), col
        assert "E-office" in got.at["khanh-hoa", "comparability_note_en"]
        assert "E-office" in got.at["khanh-hoa", "comparability_note_vi"]
        assert got.at["khanh-hoa", "comparability_note_vi"] != got.at["khanh-hoa", "comparability_note_en"]
        assert {"fact_id", "kind"} <= set(got.columns)
        vi = an.in_language(got.reset_index(), "vi")
        assert "comparability_note" in vi.columns and "comparability_note_en" not in vi.columns

    def test_strict_keeps_only_same_on_a_hand_built_catalog(self, tiny):
        _write_catalog_grades(tiny, {"digital_certificates_issued": ("same", "như định nghĩa", "as defined")})
        loose = an.compare("digital_certificates", data_dir=tiny)
        strict = an.compare("digital_certificates", strict=True, data_dir=tiny)
        assert sorted(loose["province"]) == ["ha-giang", "khanh-hoa"]
        assert strict[["province", "indicator", "comparability"]].values.tolist() == [
            ["ha-giang", "digital_certificates_issued", "same"]
        ]
        # strict reading picks each province's latest *same* fact, not its latest fact
        assert an.comparable_concepts(strict=True, data_dir=tiny) == []
        assert an.comparable_concepts(strict=True, min_provinces=1, data_dir=tiny) == ["digital_certificates"]

    def test_strict_on_the_real_data(self):
        # three scopes of "documents sent electronically": only Khánh Hòa 2021-Q1 measures the definition
        got = an.compare("edocs_sent_share", strict=True)
        assert got[["province", "period", "indicator", "value"]].values.tolist() == [
            ["khanh-hoa", "2021-Q1", "edocs_sent_share", 98.0]
        ]
        loose = an.compare("edocs_sent_share").set_index("province")
        assert loose.at["ha-giang", "comparability"] == "caveat"
        assert "between state agencies" in loose.at["ha-giang", "comparability_note_en"]
        assert an.comparable_concepts(strict=True) == []  # no concept has two provinces measuring it exactly

    # --- _with_comparability, through compare() -------------------------------------------------------------

    def test_compare_carries_the_concepts_labels_and_definitions_of_concepts_csv(self):
        con = {r["concept"]: r for r in csv_rows(cd.data_dir(), "concepts")}
        c = an.compare("digital_certificates")
        assert len(c)
        for row in c.to_dict("records"):
            expected = con[row["concept"]]
            assert row["concept_label_vi"] == expected["label_vi"]
            assert row["concept_label_en"] == expected["label_en"]
            assert row["concept_definition_vi"] == expected["definition_vi"]
            assert row["concept_definition_en"] == expected["definition_en"]

    def test_compare_returns_exactly_its_documented_columns_with_a_fresh_index(self):
        c = an.compare("digital_certificates")
        assert c.columns.tolist() == COMPARE_COLUMNS, "no leftover 'index' column"
        assert c.index.tolist() == list(range(len(c)))

    def test_compare_reads_concepts_catalog_and_provinces_of_data_dir(self, edited_vocabularies):
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

    def test_compare_period_dict_resolves_provinces_in_data_dir(self, edited_vocabularies):
        d = edited_vocabularies
        facts = [r for r in csv_rows(d, "indicators") if r["province"] == "khanh-hoa" and r["breakdown"] == ""]
        ind = {r["indicator"]: r["concept"] for r in csv_rows(d, "catalog")}
        kh_periods = sorted({r["period"] for r in facts if ind[r["indicator"]] == "digital_certificates"})
        c = an.compare("digital_certificates", period={"Xứ Trầm Hương": kh_periods[0]}, data_dir=d)
        assert c.loc[c["province"] == "khanh-hoa", "period"].tolist() == [kh_periods[0]]

    # --- compare(kind=) ---------------------------------------------------------------------------------------

    def test_compare_kind_chooses_targets_or_actuals(self, data_copy):
        write_facts(
            data_copy,
            [
                fact(1, "digital_certificates_issued", "2021", "actual", "1200"),
                fact(2, "digital_certificates_issued", "2025", "target", "3000"),
                fact(3, "digital_certificates_issued", "2022", "plan", "1800"),
                fact(
                    1,
                    "digital_certificates_issued",
                    "2017",
                    "actual",
                    "2725",
                    province="ha-giang",
                    source="hg-2018-article",
                ),
            ],
        )
        actual = an.compare("digital_certificates", data_dir=data_copy).set_index("province")
        assert actual["value"].to_dict() == {"ha-giang": 2725.0, "khanh-hoa": 1200.0}
        assert actual.at["khanh-hoa", "period"] == "2021"
        target = an.compare("digital_certificates", kind="target", data_dir=data_copy)
        assert target[["province", "period", "value"]].values.tolist() == [["khanh-hoa", "2025", 3000.0]]
        plan = an.compare("digital_certificates", kind="plan", data_dir=data_copy)
        assert plan[["province", "period", "kind", "value"]].values.tolist() == [["khanh-hoa", "2022", "plan", 1800.0]]
        listed = ", ".join(map(repr, schema_kinds(data_copy)))
        with pytest.raises(ValueError) as info:
            an.compare("digital_certificates", kind="goal", data_dir=data_copy)
        assert str(info.value) == f"'goal' is not a known kind; use one of {listed}"

    def test_compare_filters_provinces_and_adds_successors(self, data_copy):
        write_facts(
            data_copy,
            [
                fact(1, "digital_certificates_issued", "2021", "actual", "1200"),
                fact(2, "edocs_sent_share", "2021", "actual", "80"),
                fact(
                    1,
                    "digital_certificates_issued",
                    "2017",
                    "actual",
                    "2725",
                    province="ha-giang",
                    source="hg-2018-article",
                ),
                fact(2, "edocs_sent_share", "2017", "actual", "95", province="ha-giang", source="hg-2018-article"),
                fact(
                    1,
                    "digital_certificates_issued",
                    "2022",
                    "actual",
                    "900",
                    province="dak-lak",
                    source="dl-2023-interview",
                ),
            ],
        )
        one = an.compare("digital_certificates", provinces="Hà Giang", data_dir=data_copy)
        assert one[["province", "value"]].values.tolist() == [["ha-giang", 2725.0]]
        two = an.compare("digital_certificates", provinces=["56", "Đắk Lắk"], data_dir=data_copy)
        assert two[["province", "value"]].values.tolist() == [["khanh-hoa", 1200.0], ["dak-lak", 900.0]]
        assert "successor" not in two.columns
        both = an.compare(["edocs_sent_share", "digital_certificates"], successors=True, data_dir=data_copy)
        assert both[["concept", "province", "value"]].values.tolist() == [
            ["digital_certificates", "ha-giang", 2725.0],
            ["digital_certificates", "khanh-hoa", 1200.0],
            ["digital_certificates", "dak-lak", 900.0],
            ["edocs_sent_share", "ha-giang", 95.0],
            ["edocs_sent_share", "khanh-hoa", 80.0],
        ]
        assert both["display_name"].tolist()[:3] == ["Hà Giang → Tuyên Quang", "Khánh Hòa", "Đắk Lắk"]
        assert both.index.tolist() == list(range(5))
        concepts = {r["concept"]: r for r in csv_rows(data_copy, "concepts")}
        assert both["concept_label_en"].tolist() == [concepts[c]["label_en"] for c in both["concept"]]
        assert both["concept_label_vi"].tolist() == [concepts[c]["label_vi"] for c in both["concept"]]


class TestCoverage:
    def test_coverage_matrix(self, tiny):
        m = an.coverage(data_dir=tiny)
        expected = pd.DataFrame(
            {"ha-giang": [1, 1], "khanh-hoa": [2, 1]},
            index=pd.Index(["digital_certificates", "official_email_accounts"], name="concept"),
        ).rename_axis(columns="province")
        pd.testing.assert_frame_equal(m, expected)
        periods = an.coverage(values="periods", data_dir=tiny)
        assert periods.at["digital_certificates", "khanh-hoa"] == "2019, 2021-Q1"
        with pytest.raises(
            ValueError, match="'region' is not a known grouping; use one of 'concept', 'indicator', 'domain'"
        ):
            an.coverage(by="region", data_dir=tiny)

    # --- coverage -------------------------------------------------------------------------------------------

    def test_coverage_rejects_an_unknown_value_kind_by_name(self):
        with pytest.raises(ValueError, match=r"^'share' is not a known coverage value; use one of 'count', 'periods'$"):
            an.coverage(values="share")

    def test_coverage_counts_keep_every_province_with_facts(self, coverage_world):
        m = an.coverage(data_dir=coverage_world)
        assert m.columns.tolist() == ["dak-lak", "ha-giang", "khanh-hoa"]
        assert m.index.tolist() == ["edocs_sent_share", "eoffice_agencies"]
        assert m.to_dict("index") == {
            "edocs_sent_share": {"dak-lak": 0, "ha-giang": 0, "khanh-hoa": 2},
            "eoffice_agencies": {"dak-lak": 1, "ha-giang": 0, "khanh-hoa": 0},
        }
        assert all(dtype.kind == "i" for dtype in m.dtypes)

    def test_coverage_periods_oldest_first_and_empty_where_none(self, coverage_world):
        m = an.coverage(values="periods", data_dir=coverage_world)
        assert m.columns.tolist() == ["dak-lak", "ha-giang", "khanh-hoa"]
        assert m.to_dict("index") == {
            "edocs_sent_share": {"dak-lak": "", "ha-giang": "", "khanh-hoa": "2021-Q1, 2021"},
            "eoffice_agencies": {"dak-lak": "2023-Q1", "ha-giang": "", "khanh-hoa": ""},
        }

    def test_coverage_domains_in_the_frameworks_order(self, coverage_world):
        order = [r["domain"] for r in sorted(csv_rows(coverage_world, "domains"), key=lambda r: int(r["order"]))]
        expected = [d for d in order if d in {"digital_government", "public_finance"}]
        assert expected == ["public_finance", "digital_government"], "not alphabetical, so the order is tested"
        for values in ("count", "periods"):
            assert an.coverage(by="domain", values=values, data_dir=coverage_world).index.tolist() == expected

    def test_coverage_domain_order_read_from_data_dir(self, coverage_world):
        _edit(coverage_world, "domains", "domain", "public_finance", order="7")
        _edit(coverage_world, "domains", "domain", "digital_government", order="6")
        m = an.coverage(by="domain", data_dir=coverage_world)
        assert m.index.tolist() == ["digital_government", "public_finance"]

    def test_coverage_of_a_given_frame_covers_only_that_frame(self, coverage_world):
        frame = cd.load_indicators(province="khanh-hoa", data_dir=coverage_world)
        m = an.coverage(frame, data_dir=coverage_world)
        assert m.columns.tolist() == ["khanh-hoa"]
        assert m.to_dict("index") == {"edocs_sent_share": {"khanh-hoa": 2}}

    # --- coverage(by="domain") -----------------------------------------------------------------------------------

    def test_coverage_by_domain_counts_match_the_csv(self):
        folder = cd.data_dir()
        domain_of = {r["indicator"]: r["domain"] for r in csv_rows(folder, "catalog")}
        counts = Counter((domain_of[r["indicator"]], r["province"]) for r in csv_rows(folder, "indicators"))
        order = [r["domain"] for r in sorted(csv_rows(folder, "domains"), key=lambda r: int(r["order"]))]
        used = {d for d, _ in counts}
        m = an.coverage(by="domain")
        assert m.index.tolist() == [d for d in order if d in used]
        assert m.columns.tolist() == sorted({p for _, p in counts})
        assert {(d, p): int(m.at[d, p]) for d in m.index for p in m.columns if m.at[d, p]} == dict(counts)


class TestPartWholeShares:
    def test_a_share_the_source_prints_is_named_by_its_fact_and_no_other_share_is(self):
        """``printed_fact_id``/``printed_share`` come from the catalog's ``printed_share`` indicator (read with csv)."""
        printed_by = {
            r["indicator"]: r["printed_share"] for r in csv_rows(cd.data_dir(), "catalog") if r["printed_share"]
        }
        facts = csv_rows(cd.data_dir(), "indicators")
        key = ("indicator", "province", "period", "kind", "breakdown", "source_id")
        by_key = {tuple(f[k] for k in key): f for f in facts}
        shares = an.part_whole_shares()
        assert printed_by and (shares["printed_fact_id"] != "").any() and (shares["printed_fact_id"] == "").any()
        for row in shares.itertuples():
            printed = by_key.get((printed_by.get(row.indicator, ""), row.province, row.period, row.kind,
                                  row.breakdown, row.source_id))  # fmt: skip
            assert row.printed_fact_id == (printed["fact_id"] if printed else ""), row
            assert row.origin == ("printed" if printed else "derived")
            if printed:
                assert row.printed_share == float(printed["value"])
            else:
                assert pd.isna(row.printed_share)

    def test_part_whole_share_is_derived(self, tiny):
        s = an.part_whole_shares(data_dir=tiny)
        assert len(s) == 1
        row = s.iloc[0]
        assert (row["part"], row["whole"], row["origin"]) == (191, 195, "derived")
        assert row["share"] == pytest.approx(97.948717, rel=1e-6)

    def test_part_whole_shares_of_a_given_frame_use_only_its_facts_and_the_folder_catalog(self, shares_folder):
        frame = load_indicators(province="ha-giang", data_dir=shares_folder)
        s = an.part_whole_shares(frame, data_dir=shares_folder)
        assert list(s.columns) == SHARE_COLUMNS
        assert len(s) == 1  # the Khánh Hòa pair is not in the frame
        row = s.iloc[0]
        whole = _catalog_entry(shares_folder, "admin_units_total")
        assert (row["whole_label_vi"], row["whole_label_en"]) == (whole["label_vi"], whole["label_en"])
        assert (row["part"], row["whole"], row["share"]) == (1.0, 1.0, 100.0)  # a whole of 1 is a whole
        assert (row["fact_id"], row["whole_fact_id"]) == ("hg-2018-article-001", "hg-2018-article-002")

    def test_part_whole_shares_without_a_frame_take_every_fact(self, shares_folder):
        s = an.part_whole_shares(data_dir=shares_folder)
        assert list(s.columns) == SHARE_COLUMNS
        assert s[["province", "share"]].values.tolist() == [["ha-giang", 100.0], ["khanh-hoa", 40.0]]

    # --- part/whole shares: a flag on either side reaches the derived share -----------------------------------

    @pytest.mark.parametrize(
        ("part_flag", "whole_flag", "expected"),
        [
            ("", "", ""),
            ("", "sum_mismatch", "sum_mismatch"),
            ("contradiction", "", "contradiction"),
            ("contradiction", "sum_mismatch", "contradiction"),
        ],
    )
    def test_part_whole_share_inherits_flags(self, data_copy, part_flag, whole_flag, expected):
        common = {"breakdown": "level:commune", "province": "ha-giang", "source": "hg-2018-article"}
        write_facts(
            data_copy,
            [
                fact(1, "admin_units_with_video_conference", "2017", "actual", "191", flag=part_flag, **common),
                fact(2, "admin_units_total", "2017", "actual", "195", flag=whole_flag, **common),
            ],
        )
        s = an.part_whole_shares(data_dir=data_copy)
        assert len(s) == 1
        row = s.iloc[0]
        assert row["flag"] == expected
        assert (row["part"], row["whole"]) == (191.0, 195.0)
        assert row["share"] == pytest.approx(100 * 191 / 195)

    def test_part_whole_share_of_a_zero_whole_is_missing(self, data_copy):
        common = {"breakdown": "level:commune", "province": "ha-giang", "source": "hg-2018-article"}
        write_facts(
            data_copy,
            [
                fact(1, "admin_units_with_video_conference", "2017", "actual", "0", **common),
                fact(2, "admin_units_total", "2017", "actual", "0", **common),
            ],
        )
        assert np.isnan(an.part_whole_shares(data_dir=data_copy).at[0, "share"])


class TestProgressToTarget:
    def test_progress_to_target(self, tiny):
        p = an.progress_to_target("khanh-hoa", as_of="2024", data_dir=tiny).set_index("indicator")
        met = p.loc["dossiers_online_share"]
        assert (met["actual"], met["actual_period"], met["status"]) == (21.65, "2021-Q1", "met")
        assert met["gap"] == pytest.approx(1.65)
        none = p.loc["online_payment_transactions_share"]
        assert none["status"] == "no actual yet" and np.isnan(none["actual"]) and np.isnan(none["gap"])
        late = an.progress_to_target("khanh-hoa", as_of="2026", data_dir=tiny).set_index("indicator")
        assert late.at["online_payment_transactions_share", "status"] == "cannot tell"  # 2025 passed, no actual

    def test_progress_to_target_rows_are_the_written_facts(self, targets_folder):
        p = an.progress_to_target("Xứ Trầm Hương", as_of="2024", data_dir=targets_folder)
        assert list(p.columns) == TARGET_COLUMNS
        assert p["actual"].dtype == "float64" and p["gap"].dtype == "float64"
        late, edocs = (
            _catalog_entry(targets_folder, "vertical_agency_dossiers_late"),
            _catalog_entry(targets_folder, "edocs_sent_share"),
        )
        expected_order = sorted(
            [("2025", late["domain"], late["indicator"]), ("2025", edocs["domain"], edocs["indicator"])]
        )
        assert list(p["indicator"]) == [indicator for _, _, indicator in expected_order]  # no Hà Giang target

        met = p.set_index("indicator").loc["vertical_agency_dossiers_late"].to_dict()
        assert met == {
            "label_vi": late["label_vi"], "label_en": late["label_en"], "domain": late["domain"], "breakdown": "",
            "unit": late["unit"], "target_period": "2025", "target": 5.0, "target_qualifier": "at_most",
            "actual_period": "2021", "actual": 12.0, "actual_qualifier": "none", "matched_by": "indicator",
            "gap": 7.0, "status": "not met yet", "source_id": "kh-2022-programme", "evidence": "T late 5",
            "flag": "contradiction", "fact_id": "kh-2022-programme-001", "actual_source_id": "kh-2021q1-report",
            "actual_evidence": "A late 12", "actual_flag": "sum_mismatch", "actual_fact_id": "kh-2021q1-report-001",
        }  # fmt: skip

        none = p.set_index("indicator").loc["edocs_sent_share"].to_dict()
        assert pd.isna(none.pop("actual")) and pd.isna(none.pop("gap"))
        assert none == {
            "label_vi": edocs["label_vi"], "label_en": edocs["label_en"], "domain": edocs["domain"], "breakdown": "",
            "unit": edocs["unit"], "target_period": "2025", "target": 90.0, "target_qualifier": "at_least",
            "actual_period": "", "actual_qualifier": "", "matched_by": "", "status": "no actual yet",
            "source_id": "kh-2022-programme", "evidence": "T edocs 90", "flag": "", "fact_id": "kh-2022-programme-002",
            "actual_source_id": "", "actual_evidence": "", "actual_flag": "", "actual_fact_id": "",
        }  # fmt: skip

    def test_progress_to_target_of_a_province_without_targets_has_the_columns_and_no_rows(self, targets_folder):
        p = an.progress_to_target("Đắk Lắk", data_dir=targets_folder)
        assert list(p.columns) == TARGET_COLUMNS
        assert p.empty

    # --- progress_to_target: targets that are ceilings ------------------------------------------------------

    @pytest.mark.parametrize(
        ("qualifier", "target", "actual", "status"),
        [
            ("at_most", "10", "4", "met"),
            ("at_most", "10", "10", "met"),
            ("at_most", "10", "12", "not met yet"),
            ("less_than", "10", "3", "met"),
            ("less_than", "10", "15", "not met yet"),
            ("less_than", "10", "10", "not met yet"),  # "less than 10" is not met by 10
            ("none", "10", "12", "met"),
            ("none", "10", "10", "met"),
            ("none", "10", "4", "not met yet"),
            ("at_least", "10", "4", "not met yet"),
            ("more_than", "10", "15", "met"),
            ("more_than", "10", "10", "not met yet"),  # "more than 10" is not met by 10
            ("at_least", "10", "10", "met"),
        ],
    )
    def test_progress_to_target_reads_ceilings_and_floors(self, data_copy, qualifier, target, actual, status):
        write_facts(
            data_copy,
            [
                fact(1, "vertical_agency_dossiers_late", "2021", "actual", actual),
                fact(2, "vertical_agency_dossiers_late", "2025", "target", target, qualifier=qualifier),
            ],
        )
        p = an.progress_to_target("Khánh Hòa", as_of="2024", data_dir=data_copy)
        assert len(p) == 1
        row = p.iloc[0]
        assert (row["status"], row["target_qualifier"], row["matched_by"]) == (status, qualifier, "indicator")
        assert row["gap"] == float(actual) - float(target)
        (entry,) = [r for r in csv_rows(data_copy, "catalog") if r["indicator"] == "vertical_agency_dossiers_late"]
        assert (row["unit"], row["label_vi"], row["label_en"]) == (entry["unit"], entry["label_vi"], entry["label_en"])

    def test_progress_to_target_falls_back_to_the_concept(self, data_copy):
        write_facts(
            data_copy,
            [
                fact(1, "edocs_sent_received_online_share", "2021", "actual", "92"),
                fact(2, "edocs_sent_share", "2025", "target", "90", qualifier="at_least"),
            ],
        )
        row = an.progress_to_target("khanh-hoa", data_dir=data_copy).iloc[0]
        assert (row["matched_by"], row["actual"], row["status"]) == ("concept", 92.0, "met")
        assert row["gap"] == pytest.approx(2.0)

    def test_progress_to_target_says_when_a_qualified_actual_cannot_decide(self, data_copy):
        write_facts(
            data_copy,
            [
                fact(1, "vertical_agency_dossiers_late", "2021", "actual", "60", qualifier="more_than"),
                fact(2, "vertical_agency_dossiers_late", "2025", "target", "80", qualifier="at_least"),
            ],
        )
        row = an.progress_to_target("Khánh Hòa", data_dir=data_copy).iloc[0]
        assert (row["status"], row["actual_qualifier"], row["target_qualifier"]) == (
            "cannot tell",
            "more_than",
            "at_least",
        )


class TestPerCapita:
    @pytest.mark.parametrize(("lang", "text"), [("vi", "trên 1.638,0"), ("en", "more than 1,638.0")])
    def test_per_capita_keeps_the_qualifier_the_period_and_says_the_population_year(self, lang, text):
        from cchc_data import i18n, tables

        c = an.per_capita(an.compare("official_email_accounts"))
        row = c.set_index("province").loc["ha-giang"]
        assert (row["qualifier"], row["period"], row["population_year"]) == ("more_than", "2017", 2019)
        shown = tables.show_table(c, lang, columns=["province_name", "period", "value_per_capita", "comparability"])
        cells = shown.frame.set_index(shown.frame.columns[0])
        per_capita = cells.loc["Hà Giang", cells.columns[1]]
        assert per_capita == text  # not a flat 1,638.0
        assert "2019" in cells.columns[1] and cells.loc["Hà Giang", cells.columns[0]] == "2017"
        assert cells.loc["Hà Giang", cells.columns[2]] == i18n.value_label("comparability", "caveat", lang)

    def test_per_capita_only_for_counts_with_known_population(self, tiny):
        c = an.per_capita(an.compare("digital_certificates", data_dir=tiny), data_dir=tiny).set_index("province")
        assert c.at["ha-giang", "value_per_capita"] == pytest.approx(2725 / 854_679 * 100_000)
        shares = an.per_capita(cd.load_indicators(indicator="dossiers_on_time_share", data_dir=tiny), data_dir=tiny)
        assert shares["value_per_capita"].isna().all()
        with pytest.raises(ValueError, match="needs a frame with province, value and unit"):
            an.per_capita(pd.DataFrame({"x": [1]}))

    @pytest.mark.parametrize("missing", ["province", "value", "unit"])
    def test_per_capita_refuses_a_frame_without_one_of_its_columns(self, missing):
        frame = pd.DataFrame({"province": ["khanh-hoa"], "value": [1.0], "unit": ["count"]}).drop(columns=missing)
        with pytest.raises(ValueError, match=f"^{re.escape(PER_CAPITA_MESSAGE)}$"):
            an.per_capita(frame)

    # --- per_capita ----------------------------------------------------------------------------------------------

    def test_per_capita_uses_the_folder_population_and_keeps_money_and_missing_populations(self, data_copy):
        edit_csv(data_copy, "provinces", _set("khanh-hoa", "population_2019", "1000000", by="slug"))
        (no_population,) = [r["slug"] for r in csv_rows(data_copy, "provinces") if r["population_2019"] == ""][:1]
        frame = pd.DataFrame(
            {
                "province": ["khanh-hoa", "khanh-hoa", "khanh-hoa", no_population],
                "value": [50.0, 2_000_000.0, 40.0, 10.0],
                "unit": ["count", "vnd", "percent", "count"],
            }
        )
        c = an.per_capita(frame, per=1000, data_dir=data_copy)
        assert str(c["population_2019"].dtype) == "Int64"
        assert c["population_2019"].tolist()[:3] == [1_000_000] * 3 and pd.isna(c.at[3, "population_2019"])
        assert c["value_per_capita"].tolist()[:2] == [50 / 1_000_000 * 1000, 2_000_000 / 1_000_000 * 1000]
        assert c["value_per_capita"].iloc[2:].isna().all()  # a percentage; a province without population
        assert c["per"].tolist() == [1000] * 4


class TestSuccessorView:
    def test_successor_view(self, tiny):
        v = an.successor_view(an.compare("digital_certificates", data_dir=tiny), data_dir=tiny).set_index("province")
        assert v.at["ha-giang", "successor"] == "tuyen-quang"
        assert v.at["ha-giang", "display_name"] == "Hà Giang → Tuyên Quang"
        assert v.at["khanh-hoa", "display_name"] == "Khánh Hòa"

    # --- successor_view ------------------------------------------------------------------------------------------

    def test_successor_view_takes_names_from_the_folder(self, data_copy):
        edit_csv(data_copy, "provinces", _set("tuyen-quang", "name_vi", "Tuyên Quang (thử)", by="slug"))
        reg = {r["slug"]: r for r in csv_rows(data_copy, "provinces")}
        v = an.successor_view(pd.DataFrame({"province": ["ha-giang", "khanh-hoa"]}), data_dir=data_copy)
        hg, kh = reg["ha-giang"], reg["khanh-hoa"]
        assert v["successor"].tolist() == [hg["successor"], kh["successor"]]
        assert v["display_name"].tolist() == [f"{hg['name_vi']} → {reg[hg['successor']]['name_vi']}", kh["name_vi"]]


class TestProfile:
    def test_profile_groups_by_domain_in_framework_order(self, tiny):
        p = an.profile("Khánh Hòa", data_dir=tiny)
        order = cd.domains()["domain"].tolist()
        positions = [order.index(d) for d in p["domain"].astype(str)]
        assert positions == sorted(positions)
        assert {"period", "kind", "value", "unit"} <= set(p.columns)

    def test_profile_reads_facts_and_domain_labels_of_the_folder(self, targets_folder):
        edit_csv(targets_folder, "domains", _set("procedures", "label_vi", "Thủ tục (thử)", by="domain"))
        edit_csv(targets_folder, "domains", _set("procedures", "label_en", "Procedures (test)", by="domain"))
        labels = {r["domain"]: (r["label_vi"], r["label_en"]) for r in csv_rows(targets_folder, "domains")}
        facts = [r for r in csv_rows(targets_folder, "indicators") if r["province"] == "khanh-hoa"]
        p = an.profile("khanh-hoa", data_dir=targets_folder)
        assert list(p.columns) == PROFILE_COLUMNS
        assert sorted(p["fact_id"]) == sorted(r["fact_id"] for r in facts)
        for row in p.itertuples():
            assert (row.domain_label_vi, row.domain_label_en) == labels[row.domain]


class TestBreakdownTable:
    def test_breakdown_table(self, tiny):
        t = an.breakdown_table("Khánh Hòa", "dossiers_on_time_share", data_dir=tiny)
        assert t[["breakdown", "value"]].values.tolist() == [
            ["", 98.63],
            ["level:district", 91.58],
            ["sector:investment", 86.84],
        ]
        assert t["breakdown_label_en"].tolist() == ["Total", "District level", "Investment"]
        with pytest.raises(ValueError, match="'digital_certificates_issued' has no breakdown"):
            an.breakdown_table("Hà Giang", "digital_certificates_issued", data_dir=tiny)

    def test_breakdown_table_latest_period_of_the_province(self, breakdown_world):
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

    def test_breakdown_table_parts_in_the_breakdowns_order(self, breakdown_world):
        labels = _labels(breakdown_world)
        t = an.breakdown_table("Khánh Hòa", "dossiers_on_time_share", period="2020", data_dir=breakdown_world)
        assert t[["breakdown", "dimension", "breakdown_label_vi", "breakdown_label_en", "value"]].values.tolist() == [
            ["", "", "Tổng", "Total", 85.0],
            ["level:province", *labels["level:province"], 92.0],
            ["level:district", *labels["level:district"], 70.0],
        ]

    def test_breakdown_table_message_names_the_province(self, breakdown_world):
        with pytest.raises(ValueError, match=r"^'edocs_sent_share' has no breakdown for Khánh Hòa$"):
            an.breakdown_table("khanh-hoa", "edocs_sent_share", data_dir=breakdown_world)
        with pytest.raises(ValueError, match=r"^'admin_agencies_autonomy_eligible' has no breakdown for Khánh Hòa$"):
            an.breakdown_table("Khánh Hòa", "admin_agencies_autonomy_eligible", data_dir=breakdown_world)

    def test_breakdown_table_period_without_parts_is_refused_with_the_periods_that_have_some(self, breakdown_world):
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


class TestComparableConcepts:
    def test_comparable_concepts_on_real_data(self):
        concepts = an.comparable_concepts()
        assert {
            "digital_certificates",
            "edocs_sent_share",
            "edocs_fully_electronic_share",
            "official_email_accounts",
        } <= set(concepts)
        for concept in concepts:
            got = an.compare(concept)
            assert got["province"].nunique() >= 2
            assert got["period"].ne("").all() and got["source_id"].ne("").all()

    def test_comparable_concepts_table_says_strict_or_caveats(self):
        t = an.comparable_concepts(as_frame=True).set_index("concept")
        assert set(t["reading"]) <= {"strict", "caveats", "single"}
        assert t.loc["digital_certificates", "reading"] == "caveats"
        assert t.loc["fibre_commune_share", "reading"] == "single"
        assert (t["provinces_strict"] <= t["provinces"]).all()
        caveats = set(t.index[t["reading"] == "caveats"])
        assert caveats == set(an.comparable_concepts()) - set(an.comparable_concepts(strict=True))

    def test_comparable_concepts_labels_come_from_data_dir(self, edited_vocabularies):
        t = an.comparable_concepts(as_frame=True, data_dir=edited_vocabularies).set_index("concept")
        assert (t.at["digital_certificates", "label_vi"], t.at["digital_certificates", "label_en"]) == (
            "Chứng thư số (thử)",
            "Test",
        )

    def test_comparable_concepts_table_counts_totals_of_the_kind(self, concepts_world):
        t = an.comparable_concepts(as_frame=True, data_dir=concepts_world)
        assert t.columns.tolist() == ["concept", "label_vi", "label_en", "provinces", "provinces_strict", "reading"]
        assert t.index.tolist() == list(range(len(t)))
        assert t["concept"].tolist() == sorted(r["concept"] for r in csv_rows(concepts_world, "concepts"))
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

    def test_comparable_concepts_lists_by_kind_and_threshold(self, concepts_world):
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


class TestBundledData:
    def test_q1_2021_dossier_section_is_complete(self):
        """The report's dossier figures are all there (issue: curation done-when)."""
        df = cd.load_indicators(province="Khánh Hòa", period="2021-Q1")
        values = set(df["value"])
        for v in [
            130729,
            113375,
            111824,
            98.63,
            99.76,
            91.58,
            99.19,
            86.84,
            97.16,
            99.62,
            362428,
            362425,
            99.99,
            3,
            0.01,
            28301,
            21.65,
            1800,
            100210000,
            170397,
            82.06,
            7021,
            99.56,
            27253,
            84.53,
            90621,
            78.49,
            1000,
        ]:
            assert v in values, v

    def test_every_mapped_indicator_has_a_grade_and_notes_and_every_concept_a_definition(self):
        cat = cd.catalog()
        mapped = cat[cat["concept"] != ""]
        assert set(mapped["comparability"]) <= {"same", "caveat"} and len(mapped) > 0
        caveats = mapped[mapped["comparability"] == "caveat"]
        assert caveats["comparability_note_vi"].ne("").all() and caveats["comparability_note_en"].ne("").all()
        # notes are specific, not a generic "definitions differ"
        assert caveats["comparability_note_en"].is_unique or caveats["comparability_note_en"].duplicated().sum() <= 1
        assert not mapped["comparability_note_en"].str.contains("definitions differ", case=False).any()
        unmapped = cat[cat["concept"] == ""]
        assert unmapped[["comparability", "comparability_note_vi", "comparability_note_en"]].eq("").all().all()
        con = cd.concepts()
        assert con["definition_vi"].ne("").all() and con["definition_en"].ne("").all()


class TestConceptSeries:
    def test_concept_series_joins_only_the_same_definition(self):
        s = an.concept_series("eoffice_agencies", "Khánh Hòa")
        assert s[["period", "value", "line", "joined"]].values.tolist() == [
            ["2019", 198.0, "same", False],
            ["2021-Q1", 190.0, "eoffice_agencies", False],
        ]
        edocs = an.concept_series("edocs_sent_share", "khanh-hoa")
        assert edocs["period"].tolist() == ["2019", "2021-Q1"] and not edocs["joined"].any()

    def test_concept_series_joins_points_of_one_definition(self, tiny):
        s = an.concept_series("digital_certificates", "Khánh Hòa", data_dir=tiny)
        # both Khánh Hòa facts of the tiny set are the same (caveated) indicator: one line, joined
        assert s["line"].nunique() == 1 and s["joined"].tolist() == [False, True]
        assert s["period"].tolist() == ["2019", "2021-Q1"]

    def test_concept_series_reads_provinces_and_catalog_of_data_dir(self, edited_vocabularies):
        s = an.concept_series("digital_certificates", "Xứ Trầm Hương", data_dir=edited_vocabularies)
        assert set(s["province"]) == {"khanh-hoa"}
        s = an.concept_series("digital_certificates", "ha-giang", data_dir=edited_vocabularies)
        assert s["comparability"].tolist() == ["same"] * len(s) and len(s)
        assert set(s["line"]) == {"same"}

    def test_concept_series_orders_by_start_then_end_and_keeps_the_kind(self, series_world):
        s = an.concept_series("eoffice_agencies", "Khánh Hòa", data_dir=series_world)
        assert s.columns.tolist() == [*COMPARE_COLUMNS, "line", "joined"]
        assert s.index.tolist() == list(range(len(s)))
        # starts 2016, 2019, 2021-01-01 (ends March), 2021-01-01 (ends December)
        assert s["period"].tolist() == ["2016-2020", "2019", "2021-Q1", "2021"]
        assert s["value"].tolist() == [1.0, 2.0, 3.0, 4.0]
        assert s["joined"].tolist() == [False, True, True, True]
        t = an.concept_series("eoffice_agencies", "Khánh Hòa", kind="target", data_dir=series_world)
        assert t[["period", "kind", "value"]].values.tolist() == [["2030", "target", 9.0]]


class TestAcrossFunctions:
    def test_kind_plan_is_a_kind_and_bad_kinds_are_named(self):
        plans = cd.load_indicators(kind="plan")
        assert {"kh-2021q1-report-088", "kh-2021q1-report-089"} <= set(plans["fact_id"])
        assert "plan" in an.summary().columns
        with pytest.raises(
            ValueError,
            match=r"'plans' is not a known kind \(did you mean 'plan'\?\); use one of 'actual', 'plan', 'target'",
        ):
            an.compare("digital_certificates", kind="plans")

    # --- no warnings for the user ---------------------------------------------------------------------------

    @pytest.mark.filterwarnings("error")
    def test_comparison_functions_emit_no_warnings(self):
        """A notebook user sees every warning: grouping the categorical ``province`` column without
        ``observed=`` makes pandas warn (FutureWarning) on each call."""
        assert len(an.compare("digital_certificates"))
        assert len(an.compare(["digital_certificates", "edocs_sent_share"], period={"Khánh Hòa": "2021-Q1"}))
        assert len(an.comparable_concepts(as_frame=True))
        assert len(an.concept_series("eoffice_agencies", "Khánh Hòa"))
        assert len(an.coverage(values="periods")) and len(an.coverage(by="domain"))
        assert len(an.breakdown_table("Khánh Hòa", "dossiers_on_time_share"))


class TestInLanguage:
    def test_fact_frames_carry_the_vietnamese_note_and_in_language_picks_it(self):
        parts = an.breakdown_table("Khánh Hòa", "vertical_agency_dossiers_online", period="2021-Q1")
        police = parts.set_index("breakdown").loc["agency:police"]
        assert police["flag"] == "total_equals_part" and "295.292" in police["note_vi"]
        vi, en = an.in_language(parts, "vi"), an.in_language(parts, "en")
        assert list(vi.columns).count("note") == 1 and "note_vi" not in vi.columns and "note_vi" not in en.columns
        assert vi["note"].tolist() == parts["note_vi"].tolist() and en["note"].tolist() == parts["note"].tolist()
        assert "note_vi" in an.compare(an.comparable_concepts()[0]).columns


class TestSummary:
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_the_summary_sentence_counts_every_kind_and_keeps_plans_apart_from_targets(self, lang):
        from cchc_data import i18n

        totals = an.summary()[["actual", "plan", "target", "facts"]].sum()
        assert totals["plan"] > 0 and totals["actual"] + totals["plan"] + totals["target"] == totals["facts"]
        text = i18n.t("validation_ok", lang, version="x", errors=0, warnings=0, facts=totals["facts"],
                      actual=totals["actual"], plan=totals["plan"], target=totals["target"])  # fmt: skip
        plan_word = "nội dung kế hoạch" if lang == "vi" else "planned"
        assert f"{totals['plan']} {plan_word}" in text and f"{totals['facts']} " in text

    # --- summary() and `cchc summary` -------------------------------------------------------------------------

    def test_summary_counts_match_the_csv(self):
        folder = cd.data_dir()
        kinds = schema_kinds(folder)
        expected = expected_summary(folder)
        s = an.summary()
        assert list(s.columns) == ["province", "domain", "source_id", *kinds, "facts"]
        got = {
            (r["province"], r["domain"], r["source_id"]): tuple(int(r[c]) for c in [*kinds, "facts"])
            for r in s.astype({"province": str, "domain": str, "source_id": str}).to_dict("records")
        }
        assert got == expected
        assert len(s) == len(expected)
        rows = csv_rows(folder, "indicators")
        assert s["facts"].sum() == len(rows)
        for kind in kinds:
            assert s[kind].sum() == sum(r["kind"] == kind for r in rows), kind

    def test_summary_counts_targets_and_actuals_apart(self, data_copy):
        write_facts(
            data_copy,
            [
                fact(1, "dossiers_online_share", "2021", "actual", "20"),
                fact(2, "dossiers_online_share", "2025", "target", "50"),
                fact(3, "dossiers_online_share", "2030", "target", "80"),
                fact(4, "dossiers_online_share", "2022", "plan", "30"),
                fact(
                    1,
                    "digital_certificates_issued",
                    "2017",
                    "actual",
                    "5",
                    province="ha-giang",
                    source="hg-2018-article",
                ),
            ],
        )
        s = an.summary(data_dir=data_copy).astype({"province": str, "source_id": str})
        by_province = s.set_index("province")
        assert by_province.loc["khanh-hoa", ["actual", "plan", "target", "facts"]].tolist() == [1, 1, 2, 4]
        assert by_province.loc["ha-giang", ["actual", "plan", "target", "facts"]].tolist() == [1, 0, 0, 1]


class TestIndicatorsWithBreakdowns:
    def test_indicators_with_breakdowns_of_data_dir(self, breakdown_world):
        assert an.indicators_with_breakdowns("khanh-hoa", data_dir=breakdown_world) == ["dossiers_on_time_share"]
        assert an.indicators_with_breakdowns("Hà Giang", data_dir=breakdown_world) == ["dossiers_on_time_share"]

    @pytest.mark.parametrize("province", ["khanh-hoa", "ha-giang", "dak-lak"])
    def test_indicators_with_breakdowns_per_province_match_the_csv(self, province):
        rows = [r for r in csv_rows(cd.data_dir(), "indicators") if r["province"] == province]
        parts = {r["indicator"] for r in rows if r["breakdown"]}
        totals = {r["indicator"] for r in rows if not r["breakdown"]}
        assert an.indicators_with_breakdowns(province) == sorted(parts & totals)


class TestTargetStatus:
    @pytest.mark.parametrize(
        ("actual", "actual_qualifier", "target", "target_qualifier", "status"),
        [
            (60, "more_than", 80, "at_least", "cannot tell"),  # "more than 60%" may or may not reach 80%
            (80, "more_than", 80, "at_least", "met"),  # every value above 80 is at least 80
            (80, "at_least", 80, "more_than", "cannot tell"),  # 80 itself is not more than 80
            (90, "more_than", 80, "none", "met"),
            (70, "less_than", 80, "at_least", "not met yet"),
            (80, "less_than", 80, "at_least", "not met yet"),
            (80, "at_most", 80, "at_least", "cannot tell"),
            (5, "at_most", 10, "less_than", "met"),
            (10, "at_most", 10, "less_than", "cannot tell"),
            (10, "at_least", 10, "at_most", "cannot tell"),
            (10, "more_than", 10, "at_most", "not met yet"),
            (12, "about", 10, "at_most", "not met yet"),
        ],
    )
    def test_target_status_reads_qualified_actuals_as_ranges(
        self, actual, actual_qualifier, target, target_qualifier, status
    ):
        assert an.target_status(actual, actual_qualifier, target, target_qualifier) == status
