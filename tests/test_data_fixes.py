"""The fourteen fixes of the second reading (issue 11), each checked on the bundled data."""

import pytest

import cchc_data as cd


@pytest.fixture(scope="module")
def facts():
    return cd.load_indicators().set_index("fact_id")


def test_plan_contents_are_kind_plan(facts):
    restructuring = [f"kh-2021q1-report-{n:03d}" for n in range(83, 95)]
    assert (facts.loc[restructuring, "kind"] == "plan").all()
    # Hà Giang's reductions were achieved in 2017
    assert (facts.loc[["hg-2018-article-024", "hg-2018-article-025"], "kind"] == "actual").all()
    # plan sizes are plan contents too
    assert facts.at["kh-2022-programme-017", "kind"] == "plan"


def test_units_cut_by_the_plan_are_a_part_not_a_total(facts):
    row = facts.loc["kh-2021q1-report-088"]
    assert row["breakdown"] == "level:province" and "two provincial departments" in row["note"]
    assert "project management boards" in row["note"]
    assert "public_service_units_cut" not in set(cd.concepts()["concept"])


def test_autonomy_counts_are_agencies(facts):
    assert facts.loc[["kh-2021q1-report-106", "kh-2021q1-report-107"], "indicator"].tolist() == [
        "admin_agencies_with_autonomy",
        "admin_agencies_autonomy_eligible",
    ]
    assert facts.loc[["kh-2021q1-report-106", "kh-2021q1-report-107"], "label_en"].str.contains("agencies").all()


def test_to_date_stocks_follow_the_period_rule(facts):
    dl = facts[facts["province"] == "dak-lak"]
    assert set(dl["period"]) == {"2023-Q1"}
    assert "quarter in which the source" in (cd.data_dir() / "README.md").read_text(encoding="utf-8")


def test_no_economic_zones_or_programmes():
    assert not {"key_economic_zones", "key_socioeconomic_programmes"} & set(cd.catalog()["indicator"])


def test_iso_activity_is_not_a_completion(facts):
    row = facts.loc["kh-2021q1-report-126"]
    assert row["indicator"] == "iso_qms_documentation_conversion_guided" and "guided" in row["label_en"]


def test_ambiguous_base_is_noted(facts):
    assert "98%" in facts.at["kh-2021q1-report-119", "note"]


def test_rounding_is_not_a_share_mismatch(facts):
    assert facts.loc[["kh-2021q1-report-060", "kh-2021q1-report-062"], "flag"].eq("").all()


def test_zero_weak_units_is_answered_in_the_notes(facts):
    note = facts.at["kh-2021q1-report-009", "note"]
    assert "no unit was rated weak" in note and "29 + 11 + 3 + 0 = 43" in note


def test_index_change_is_in_percentage_points(facts):
    row = facts.loc["kh-2021q1-report-011"]
    assert row["unit"] == "percentage_point" and row["value"] == 2.03 and "2,03%" in row["evidence"]
    assert "percentage_point" in set(cd.units()["unit"])


def test_comparability_notes_are_short_enough_for_a_chart():
    cat = cd.catalog()
    mapped = cat[cat["concept"] != ""]
    for col in ("comparability_note_vi", "comparability_note_en"):
        assert mapped[col].str.len().max() <= 120, mapped.loc[mapped[col].str.len().idxmax(), "indicator"]
