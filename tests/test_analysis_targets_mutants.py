"""Tests that kill the surviving mutants of the target, share, per-capita and profile functions of analysis.

Written for issue 14 (mutation testing): each test fails on at least one mutant that survived the lead's run
of ``cchc_data/analysis.py`` (``progress_to_target``, ``part_whole_shares``, ``per_capita``, ``profile``,
``successor_view`` and their helpers ``_latest_first`` and ``_facts``). Expectations come from the rows the
test writes into a copy of the data folder, or from its CSV files read with the ``csv`` module.
"""

import csv
import re

import pandas as pd
import pytest
from datafolder import fact as _fact  # the data-folder helpers of the tests
from datafolder import write_facts as _write_facts

from cchc_data import analysis as an
from cchc_data import load_indicators

PER_CAPITA_MESSAGE = "per_capita() needs a frame with province, value and unit columns (e.g. from compare())"


@pytest.mark.parametrize("missing", ["province", "value", "unit"])
def test_per_capita_refuses_a_frame_without_one_of_its_columns(missing):
    frame = pd.DataFrame({"province": ["khanh-hoa"], "value": [1.0], "unit": ["count"]}).drop(columns=missing)
    with pytest.raises(ValueError, match=f"^{re.escape(PER_CAPITA_MESSAGE)}$"):
        an.per_capita(frame)


# --- helpers: read and rewrite the CSV tables of a data folder with the csv module -----------------------


def _rows(folder, table):
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _rewrite(folder, table, change):
    """Rewrite ``table.csv`` of ``folder`` with ``change(row)`` applied to every row (in place)."""
    rows = _rows(folder, table)
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    for row in rows:
        change(row)
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


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
    _write_facts(
        data_copy,
        [
            _fact(1, "vertical_agency_dossiers_late", "2025", "target", "5", qualifier="at_most",
                  evidence="T late 5", flag="contradiction", note="test note", note_vi="ghi chú thử"),
            _fact(1, "vertical_agency_dossiers_late", "2019", "actual", "30", source="kh-2019-article",
                  evidence="A late 30"),
            _fact(1, "vertical_agency_dossiers_late", "2021", "actual", "12", source="kh-2021q1-report",
                  evidence="A late 12", flag="sum_mismatch", note="test note", note_vi="ghi chú thử"),
            _fact(2, "edocs_sent_share", "2025", "target", "90", qualifier="at_least", evidence="T edocs 90"),
            _fact(1, "admin_units_total", "2025", "target", "200", province="ha-giang", source="hg-2018-article"),
            _fact(1, "vertical_agency_dossiers_late", "2023", "actual", "3", province="dak-lak", source="dl-2023-interview"),
        ],
    )  # fmt: skip
    _rewrite(data_copy, "provinces", _set("khanh-hoa", "aliases", "Xứ Trầm Hương", by="slug"))
    return data_copy


def _catalog_entry(folder, indicator):
    (entry,) = [r for r in _rows(folder, "catalog") if r["indicator"] == indicator]
    return entry


def test_progress_to_target_rows_are_the_written_facts(targets_folder):
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


def test_progress_to_target_of_a_province_without_targets_has_the_columns_and_no_rows(targets_folder):
    p = an.progress_to_target("Đắk Lắk", data_dir=targets_folder)
    assert list(p.columns) == TARGET_COLUMNS
    assert p.empty


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
    _write_facts(
        data_copy,
        [
            _fact(1, "admin_units_with_video_conference", "2017", "actual", "1", **hg),
            _fact(2, "admin_units_total", "2017", "actual", "1", **hg),
            _fact(1, "admin_agencies_with_autonomy", "2019", "actual", "4", source="kh-2019-article"),
            _fact(2, "admin_agencies_autonomy_eligible", "2019", "actual", "10", source="kh-2019-article"),
        ],
    )
    _rewrite(data_copy, "catalog", _set("admin_units_total", "label_vi", "Đơn vị hành chính (thử)", by="indicator"))
    _rewrite(data_copy, "catalog", _set("admin_units_total", "label_en", "Units (test)", by="indicator"))
    return data_copy


def test_part_whole_shares_of_a_given_frame_use_only_its_facts_and_the_folder_catalog(shares_folder):
    frame = load_indicators(province="ha-giang", data_dir=shares_folder)
    s = an.part_whole_shares(frame, data_dir=shares_folder)
    assert list(s.columns) == SHARE_COLUMNS
    assert len(s) == 1  # the Khánh Hòa pair is not in the frame
    row = s.iloc[0]
    whole = _catalog_entry(shares_folder, "admin_units_total")
    assert (row["whole_label_vi"], row["whole_label_en"]) == (whole["label_vi"], whole["label_en"])
    assert (row["part"], row["whole"], row["share"]) == (1.0, 1.0, 100.0)  # a whole of 1 is a whole
    assert (row["fact_id"], row["whole_fact_id"]) == ("hg-2018-article-001", "hg-2018-article-002")


def test_part_whole_shares_without_a_frame_take_every_fact(shares_folder):
    s = an.part_whole_shares(data_dir=shares_folder)
    assert list(s.columns) == SHARE_COLUMNS
    assert s[["province", "share"]].values.tolist() == [["ha-giang", 100.0], ["khanh-hoa", 40.0]]


# --- per_capita ----------------------------------------------------------------------------------------------


def test_per_capita_uses_the_folder_population_and_keeps_money_and_missing_populations(data_copy):
    _rewrite(data_copy, "provinces", _set("khanh-hoa", "population_2019", "1000000", by="slug"))
    (no_population,) = [r["slug"] for r in _rows(data_copy, "provinces") if r["population_2019"] == ""][:1]
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


# --- successor_view ------------------------------------------------------------------------------------------


def test_successor_view_takes_names_from_the_folder(data_copy):
    _rewrite(data_copy, "provinces", _set("tuyen-quang", "name_vi", "Tuyên Quang (thử)", by="slug"))
    reg = {r["slug"]: r for r in _rows(data_copy, "provinces")}
    v = an.successor_view(pd.DataFrame({"province": ["ha-giang", "khanh-hoa"]}), data_dir=data_copy)
    hg, kh = reg["ha-giang"], reg["khanh-hoa"]
    assert v["successor"].tolist() == [hg["successor"], kh["successor"]]
    assert v["display_name"].tolist() == [f"{hg['name_vi']} → {reg[hg['successor']]['name_vi']}", kh["name_vi"]]


# --- profile -------------------------------------------------------------------------------------------------

PROFILE_COLUMNS = [
    "domain", "domain_label_vi", "domain_label_en", "fact_id", "indicator", "label_vi", "label_en", "period",
    "kind", "value", "unit", "qualifier", "breakdown", "source_id", "evidence", "flag", "note", "note_vi",
]  # fmt: skip


def test_profile_reads_facts_and_domain_labels_of_the_folder(targets_folder):
    _rewrite(targets_folder, "domains", _set("procedures", "label_vi", "Thủ tục (thử)", by="domain"))
    _rewrite(targets_folder, "domains", _set("procedures", "label_en", "Procedures (test)", by="domain"))
    labels = {r["domain"]: (r["label_vi"], r["label_en"]) for r in _rows(targets_folder, "domains")}
    facts = [r for r in _rows(targets_folder, "indicators") if r["province"] == "khanh-hoa"]
    p = an.profile("khanh-hoa", data_dir=targets_folder)
    assert list(p.columns) == PROFILE_COLUMNS
    assert sorted(p["fact_id"]) == sorted(r["fact_id"] for r in facts)
    for row in p.itertuples():
        assert (row.domain_label_vi, row.domain_label_en) == labels[row.domain]
