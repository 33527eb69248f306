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
    assert "recorded as its own figure: units rated weak in 2020" in note  # the zero is a row now, named in words


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


# --- Periods, labels and notes (issue 23, item 2) -----------------------------------------------------------


def test_computers_per_official_is_a_ratio_per_100(facts):
    row = facts.loc["hg-2018-article-010"]
    assert (row["unit"], row["value"], row["label_en"]) == ("per_100", 93, "Computers per 100 officials")
    assert "93%" in row["evidence"] and "not a share" in row["note"]
    assert cd.units().set_index("unit").at["per_100", "label_en"] == "per 100"


def test_procedure_targets_sit_in_the_procedures_domain(facts):
    ids = [f"kh-2022-programme-{n:03d}" for n in (2, 3, 6, 7)]
    assert set(facts.loc[ids, "domain"]) == {"procedures"}


def test_admin_units_total_is_a_generic_whole():
    cat = cd.catalog().set_index("indicator")
    assert cat.at["admin_units_total", "domain"] == "general"
    assert "general" in set(cd.domains()["domain"])
    parts = cat[cat["whole"] == "admin_units_total"]
    assert len(parts)  # still the whole of its coverage counts


def test_restructuring_plan_labels_read_as_plans(facts):
    ids = [f"kh-2021q1-report-{n:03d}" for n in (83, 84, 85, 86, 88, 91, 93, 94)]
    for fact_id, label in facts.loc[ids, "label_en"].items():
        assert "to be" in label or "plan" in label, (fact_id, label)
    assert facts.at["kh-2021q1-report-083", "label_en"] != "Departments with fewer internal units"


def test_digital_certificates_concept_fits_both_members():
    con = cd.concepts().set_index("concept").loc["digital_certificates"]
    assert "held by officials" not in con["label_en"] and "as a stock" not in con["definition_en"]
    assert "issued" in con["definition_en"] and "integrated" in con["definition_en"]
    assert "được cấp" in con["definition_vi"] and "tích hợp" in con["definition_vi"]


def test_notes_say_no_more_than_the_source():
    cat = cd.catalog().set_index("indicator")
    eoffice = cat.loc["eoffice_agencies"]
    assert "cannot be read as a change" in eoffice["comparability_note_en"]
    assert "không đọc được là thay đổi" in eoffice["comparability_note_vi"]
    assert "not a decline" not in eoffice["comparability_note_en"]
    mail = cat.loc["official_email_mailboxes"]
    assert "presumably" in mail["comparability_note_en"] and "các cấp" in mail["comparability_note_en"]
    assert "có lẽ" in mail["comparability_note_vi"]


def test_the_iso_contradiction_notes_point_to_227(facts):
    for fact_id in ("kh-2019-article-016", "kh-2019-article-017", "kh-2019-article-024", "kh-2019-article-025"):
        assert "108 + 168 = 276" in facts.at[fact_id, "note"] and "227 as the odd figure" in facts.at[fact_id, "note"]
        assert "108 + 168 = 276" in facts.at[fact_id, "note_vi"] and "227" in facts.at[fact_id, "note_vi"]


def test_the_rating_notes_name_the_portal_that_counts_4_average_units(facts):
    rating = facts[(facts["indicator"] == "par_assessed_units") & facts["breakdown"].str.startswith("rating:")]
    assert rating["note"].str.contains("29 + 11 + 4 = 44", regex=False).all()
    assert rating["note_vi"].str.contains("141/QĐ-UBND", regex=False).all()
    assert facts.at["kh-2021q1-report-009", "value"] == 3  # recorded as printed


def test_no_note_cites_a_fact_id():
    """Notes are read on the pages: another fact is named in words (its source, period or indicator), never by id."""
    import re

    ids = re.compile(r"\b[a-z]{2}-\d{4}[a-z0-9]*-[a-z0-9-]*\d{3}\b")  # kh-2021q1-report-127, hg-2018-article-001
    for frame in (cd.load_indicators(), cd.national_indices()):
        for column in [c for c in frame.columns if c.startswith("note")]:
            cited = frame.loc[frame[column].fillna("").str.contains(ids), column]
            assert cited.empty, cited.head(3).tolist()
