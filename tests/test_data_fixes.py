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
    dl = facts[(facts["province"] == "dak-lak") & (facts["kind"] == "actual")]
    wholes_of_2022 = ["dl-2023-interview-007", "dl-2023-interview-009"]  # the size of the 2022 inspection
    assert set(dl["period"].drop(wholes_of_2022)) == {"2023-Q1"}
    assert set(dl.loc[wholes_of_2022, "period"]) == {"2022"}
    assert all("a 2022 figure" in note for note in dl.loc[wholes_of_2022, "note"])
    assert "quarter in which the source" in (cd.data_dir() / "README.md").read_text(encoding="utf-8")


def test_a_period_query_does_not_put_the_2022_inspection_in_2023():
    q1 = cd.load_indicators(province="dak-lak", period="2023-Q1")
    assert not {"inspected_units", "inspection_findings"} & set(q1["indicator"])
    assert set(cd.load_indicators(province="dak-lak", period="2022")["indicator"]) == {
        "inspected_units",
        "inspection_findings",
    }


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
    assert "kh-2021q1-report-129" in note  # the zero is a row now


# --- Numbers written in words (issue 23): facts the numerals-only evidence rule used to leave out ---------


@pytest.mark.parametrize(
    ("fact_id", "indicator", "period", "kind", "value", "breakdown", "words"),
    [
        ("kh-2021q1-report-129", "par_assessed_units", "2020", "actual", 0, "rating:weak", "không có đơn vị"),
        ("kh-2019-article-027", "eoffice_network_levels", "2019", "actual", 3, "", "cả ba cấp"),
        ("dl-2023-interview-010", "party_congress_breakthroughs", "2020-2025", "plan", 3, "", "một trong ba"),
    ],
)
def test_numbers_in_words_are_curated(facts, fact_id, indicator, period, kind, value, breakdown, words):
    row = facts.loc[fact_id]
    assert (row["indicator"], row["period"], row["kind"], row["value"], row["breakdown"]) == (
        indicator,
        period,
        kind,
        value,
        breakdown,
    )
    assert words in row["evidence"] and value in cd.numbers_in(row["evidence"], words=True)
    assert not cd.numbers_in(row["evidence"])  # no numeral in it: the value is printed in words only
    assert "in words" in row["note"]


def test_the_weak_zero_keeps_the_rating_flag(facts):
    rating = facts[(facts["indicator"] == "par_assessed_units") & facts["breakdown"].str.startswith("rating:")]
    assert sorted(rating["value"]) == [0, 3, 11, 29]
    assert set(rating["flag"]) == {"sum_mismatch"} and rating["note_vi"].ne("").all()


def test_index_change_is_in_percentage_points(facts):
    row = facts.loc["kh-2021q1-report-011"]
    assert row["unit"] == "percentage_point" and row["value"] == 2.03 and "2,03%" in row["evidence"]
    assert "percentage_point" in set(cd.units()["unit"])


def test_comparability_notes_are_short_enough_for_a_chart():
    cat = cd.catalog()
    mapped = cat[cat["concept"] != ""]
    for col in ("comparability_note_vi", "comparability_note_en"):
        assert mapped[col].str.len().max() <= 120, mapped.loc[mapped[col].str.len().idxmax(), "indicator"]
