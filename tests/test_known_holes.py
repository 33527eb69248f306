"""Known holes of issue 14 in cchc_data/analysis.py: behaviours no test pinned, checked independently.

Expectations come from the CSV files read with the ``csv`` module (not through ``cchc_data``), or from
small hand-built data folders, so that a function returning nothing, or the wrong branch, fails here.
These tests belong in test_analysis.py (being edited on another branch); the rest of this file moved to
test_indicators.py, test_cli.py and test_validation.py.
"""

from collections import Counter

import numpy as np
import pytest
from datafolder import csv_rows, expected_summary, fact, schema_kinds, write_facts

import cchc_data as cd
from cchc_data import analysis as an

# --- summary() and `cchc summary` -------------------------------------------------------------------------


def test_summary_counts_match_the_csv():
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


def test_summary_counts_targets_and_actuals_apart(data_copy):
    write_facts(
        data_copy,
        [
            fact(1, "dossiers_online_share", "2021", "actual", "20"),
            fact(2, "dossiers_online_share", "2025", "target", "50"),
            fact(3, "dossiers_online_share", "2030", "target", "80"),
            fact(4, "dossiers_online_share", "2022", "plan", "30"),
            fact(
                1, "digital_certificates_issued", "2017", "actual", "5", province="ha-giang", source="hg-2018-article"
            ),
        ],
    )
    s = an.summary(data_dir=data_copy).astype({"province": str, "source_id": str})
    by_province = s.set_index("province")
    assert by_province.loc["khanh-hoa", ["actual", "plan", "target", "facts"]].tolist() == [1, 1, 2, 4]
    assert by_province.loc["ha-giang", ["actual", "plan", "target", "facts"]].tolist() == [1, 0, 0, 1]


# --- compare(kind=) ---------------------------------------------------------------------------------------


def test_compare_kind_chooses_targets_or_actuals(data_copy):
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
def test_progress_to_target_reads_ceilings_and_floors(data_copy, qualifier, target, actual, status):
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


def test_progress_to_target_falls_back_to_the_concept(data_copy):
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
def test_part_whole_share_inherits_flags(data_copy, part_flag, whole_flag, expected):
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


def test_part_whole_share_of_a_zero_whole_is_missing(data_copy):
    common = {"breakdown": "level:commune", "province": "ha-giang", "source": "hg-2018-article"}
    write_facts(
        data_copy,
        [
            fact(1, "admin_units_with_video_conference", "2017", "actual", "0", **common),
            fact(2, "admin_units_total", "2017", "actual", "0", **common),
        ],
    )
    assert np.isnan(an.part_whole_shares(data_dir=data_copy).at[0, "share"])


# --- coverage(by="domain") -----------------------------------------------------------------------------------


def test_coverage_by_domain_counts_match_the_csv():
    folder = cd.data_dir()
    domain_of = {r["indicator"]: r["domain"] for r in csv_rows(folder, "catalog")}
    counts = Counter((domain_of[r["indicator"]], r["province"]) for r in csv_rows(folder, "indicators"))
    order = [r["domain"] for r in sorted(csv_rows(folder, "domains"), key=lambda r: int(r["order"]))]
    used = {d for d, _ in counts}
    m = an.coverage(by="domain")
    assert m.index.tolist() == [d for d in order if d in used]
    assert m.columns.tolist() == sorted({p for _, p in counts})
    assert {(d, p): int(m.at[d, p]) for d in m.index for p in m.columns if m.at[d, p]} == dict(counts)


def test_compare_filters_provinces_and_adds_successors(data_copy):
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
def test_target_status_reads_qualified_actuals_as_ranges(actual, actual_qualifier, target, target_qualifier, status):
    assert an.target_status(actual, actual_qualifier, target, target_qualifier) == status


def test_progress_to_target_says_when_a_qualified_actual_cannot_decide(data_copy):
    write_facts(
        data_copy,
        [
            fact(1, "vertical_agency_dossiers_late", "2021", "actual", "60", qualifier="more_than"),
            fact(2, "vertical_agency_dossiers_late", "2025", "target", "80", qualifier="at_least"),
        ],
    )
    row = an.progress_to_target("Khánh Hòa", data_dir=data_copy).iloc[0]
    assert (row["status"], row["actual_qualifier"], row["target_qualifier"]) == ("cannot tell", "more_than", "at_least")
