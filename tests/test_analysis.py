import csv

import numpy as np
import pandas as pd
import pytest

import cchc_data as cd
from cchc_data import analysis as an

HEADER = "fact_id,province,indicator,period,kind,value,qualifier,breakdown,source_id,evidence,flag,note,note_vi".split(
    ","
)


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


def test_compare_latest_per_province_keeps_period_qualifier_and_source(tiny):
    got = an.compare("digital_certificates", data_dir=tiny)
    assert got[["province", "period", "value", "source_id"]].values.tolist() == [
        ["khanh-hoa", "2021-Q1", 3436.0, "kh-2021q1-report"],
        ["ha-giang", "2017", 2725.0, "hg-2018-article"],
    ]
    assert got["comparability"].ne("").all() and set(got["unit"]) == {"count"}
    email = an.compare("official_email_accounts", data_dir=tiny).set_index("province")
    assert email.at["ha-giang", "qualifier"] == "more_than"


def test_compare_chosen_period(tiny):
    got = an.compare("digital_certificates", period={"Khánh Hòa": "2019"}, data_dir=tiny)
    assert got.set_index("province")["period"].to_dict() == {"khanh-hoa": "2019", "ha-giang": "2017"}
    only_2017 = an.compare("digital_certificates", period="2017", data_dir=tiny)
    assert only_2017["province"].tolist() == ["ha-giang"]
    with pytest.raises(ValueError, match="'fibre' is not a known concept"):
        an.compare("fibre", data_dir=tiny)


def test_coverage_matrix(tiny):
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


def test_part_whole_share_is_derived(tiny):
    s = an.part_whole_shares(data_dir=tiny)
    assert len(s) == 1
    row = s.iloc[0]
    assert (row["part"], row["whole"], row["origin"]) == (191, 195, "derived")
    assert row["share"] == pytest.approx(97.948717, rel=1e-6)


def test_progress_to_target(tiny):
    p = an.progress_to_target("khanh-hoa", as_of="2024", data_dir=tiny).set_index("indicator")
    met = p.loc["dossiers_online_share"]
    assert (met["actual"], met["actual_period"], met["status"]) == (21.65, "2021-Q1", "met")
    assert met["gap"] == pytest.approx(1.65)
    none = p.loc["online_payment_transactions_share"]
    assert none["status"] == "no actual yet" and np.isnan(none["actual"]) and np.isnan(none["gap"])
    late = an.progress_to_target("khanh-hoa", as_of="2026", data_dir=tiny).set_index("indicator")
    assert late.at["online_payment_transactions_share", "status"] == "cannot tell"  # 2025 passed, no actual


@pytest.mark.parametrize(("lang", "text"), [("vi", "trên 1.638,0"), ("en", "more than 1,638.0")])
def test_per_capita_keeps_the_qualifier_the_period_and_says_the_population_year(lang, text):
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


def test_per_capita_only_for_counts_with_known_population(tiny):
    c = an.per_capita(an.compare("digital_certificates", data_dir=tiny), data_dir=tiny).set_index("province")
    assert c.at["ha-giang", "value_per_capita"] == pytest.approx(2725 / 854_679 * 100_000)
    shares = an.per_capita(cd.load_indicators(indicator="dossiers_on_time_share", data_dir=tiny), data_dir=tiny)
    assert shares["value_per_capita"].isna().all()
    with pytest.raises(ValueError, match="needs a frame with province, value and unit"):
        an.per_capita(pd.DataFrame({"x": [1]}))


def test_successor_view(tiny):
    v = an.successor_view(an.compare("digital_certificates", data_dir=tiny), data_dir=tiny).set_index("province")
    assert v.at["ha-giang", "successor"] == "tuyen-quang"
    assert v.at["ha-giang", "display_name"] == "Hà Giang → Tuyên Quang"
    assert v.at["khanh-hoa", "display_name"] == "Khánh Hòa"


def test_profile_groups_by_domain_in_framework_order(tiny):
    p = an.profile("Khánh Hòa", data_dir=tiny)
    order = cd.domains()["domain"].tolist()
    positions = [order.index(d) for d in p["domain"].astype(str)]
    assert positions == sorted(positions)
    assert {"period", "kind", "value", "unit"} <= set(p.columns)


def test_breakdown_table(tiny):
    t = an.breakdown_table("Khánh Hòa", "dossiers_on_time_share", data_dir=tiny)
    assert t[["breakdown", "value"]].values.tolist() == [
        ["", 98.63],
        ["level:district", 91.58],
        ["sector:investment", 86.84],
    ]
    assert t["breakdown_label_en"].tolist() == ["Total", "District level", "Investment"]
    with pytest.raises(ValueError, match="'digital_certificates_issued' has no breakdown"):
        an.breakdown_table("Hà Giang", "digital_certificates_issued", data_dir=tiny)


def test_comparable_concepts_on_real_data():
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


def test_q1_2021_dossier_section_is_complete():
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


def test_compare_carries_grade_and_both_notes(tiny):
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


def test_strict_keeps_only_same_on_a_hand_built_catalog(tiny):
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


def test_strict_on_the_real_data():
    # three scopes of "documents sent electronically": only Khánh Hòa 2021-Q1 measures the definition
    got = an.compare("edocs_sent_share", strict=True)
    assert got[["province", "period", "indicator", "value"]].values.tolist() == [
        ["khanh-hoa", "2021-Q1", "edocs_sent_share", 98.0]
    ]
    loose = an.compare("edocs_sent_share").set_index("province")
    assert loose.at["ha-giang", "comparability"] == "caveat"
    assert "between state agencies" in loose.at["ha-giang", "comparability_note_en"]
    assert an.comparable_concepts(strict=True) == []  # no concept has two provinces measuring it exactly


def test_comparable_concepts_table_says_strict_or_caveats():
    t = an.comparable_concepts(as_frame=True).set_index("concept")
    assert set(t["reading"]) <= {"strict", "caveats", "single"}
    assert t.loc["digital_certificates", "reading"] == "caveats"
    assert t.loc["fibre_commune_share", "reading"] == "single"
    assert (t["provinces_strict"] <= t["provinces"]).all()
    caveats = set(t.index[t["reading"] == "caveats"])
    assert caveats == set(an.comparable_concepts()) - set(an.comparable_concepts(strict=True))


def test_every_mapped_indicator_has_a_grade_and_notes_and_every_concept_a_definition():
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


def test_concept_series_joins_only_the_same_definition():
    s = an.concept_series("eoffice_agencies", "Khánh Hòa")
    assert s[["period", "value", "line", "joined"]].values.tolist() == [
        ["2019", 198.0, "same", False],
        ["2021-Q1", 190.0, "eoffice_agencies", False],
    ]
    edocs = an.concept_series("edocs_sent_share", "khanh-hoa")
    assert edocs["period"].tolist() == ["2019", "2021-Q1"] and not edocs["joined"].any()


def test_concept_series_joins_points_of_one_definition(tiny):
    s = an.concept_series("digital_certificates", "Khánh Hòa", data_dir=tiny)
    # both Khánh Hòa facts of the tiny set are the same (caveated) indicator: one line, joined
    assert s["line"].nunique() == 1 and s["joined"].tolist() == [False, True]
    assert s["period"].tolist() == ["2019", "2021-Q1"]


def test_kind_plan_is_a_kind_and_bad_kinds_are_named():
    plans = cd.load_indicators(kind="plan")
    assert {"kh-2021q1-report-088", "kh-2021q1-report-089"} <= set(plans["fact_id"])
    assert "plan" in an.summary().columns
    with pytest.raises(
        ValueError,
        match=r"'plans' is not a known kind \(did you mean 'plan'\?\); use one of 'actual', 'plan', 'target'",
    ):
        an.compare("digital_certificates", kind="plans")


def test_fact_frames_carry_the_vietnamese_note_and_in_language_picks_it():
    parts = an.breakdown_table("Khánh Hòa", "vertical_agency_dossiers_online", period="2021-Q1")
    police = parts.set_index("breakdown").loc["agency:police"]
    assert police["flag"] == "total_equals_part" and "295.292" in police["note_vi"]
    vi, en = an.in_language(parts, "vi"), an.in_language(parts, "en")
    assert list(vi.columns).count("note") == 1 and "note_vi" not in vi.columns and "note_vi" not in en.columns
    assert vi["note"].tolist() == parts["note_vi"].tolist() and en["note"].tolist() == parts["note"].tolist()
    assert "note_vi" in an.compare(an.comparable_concepts()[0]).columns


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_summary_sentence_counts_every_kind_and_keeps_plans_apart_from_targets(lang):
    from cchc_data import i18n

    totals = an.summary()[["actual", "plan", "target", "facts"]].sum()
    assert totals["plan"] > 0 and totals["actual"] + totals["plan"] + totals["target"] == totals["facts"]
    text = i18n.t("validation_ok", lang, version="x", errors=0, warnings=0, facts=totals["facts"],
                  actual=totals["actual"], plan=totals["plan"], target=totals["target"])  # fmt: skip
    plan_word = "kế hoạch" if lang == "vi" else "plans"
    assert f"{totals['plan']} {plan_word}" in text and f"{totals['facts']} " in text
