"""National indices (PAR INDEX, SIPAS, PAPI, PCI): loader, filters, trajectories, checks and charts."""

import csv
import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import cchc_data as cd
from cchc_data import national as nat
from cchc_data import plotting_national as pn
from cchc_data.numbers import numbers_in
from cchc_data.plotting import SOURCE_COLUMNS

FIELDS = ["id", "index", "province", "period", "measure", "scope", "value", "unit", "qualifier", "source_id",
          "evidence", "flag", "note", "note_vi"]  # fmt: skip


def write_values(folder, rows):
    """Replace national_indices.csv of a data copy by ``rows`` (dicts; missing fields are empty)."""
    with open(folder / "national_indices.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({f: r.get(f, "") for f in FIELDS})


def row(id_, index, province, period, measure, scope, value, unit, evidence, *, source="baokhanhhoa-2024-papi",
        qualifier="none", flag="", note_vi=""):  # fmt: skip
    return dict(id=f"{source}-{id_:03d}", index=index, province=province, period=str(period), measure=measure,
                scope=scope, value=str(value), unit=unit, qualifier=qualifier, source_id=source, evidence=evidence,
                flag=flag, note_vi=note_vi)  # fmt: skip


@pytest.fixture
def small(data_copy):
    """A data copy whose values are a hand-built PAPI history of Khánh Hòa (two sources for 2021)."""
    write_values(
        data_copy,
        [
            row(1, "papi", "khanh-hoa", 2019, "score", "province", 42.16, "points", "đạt 42,16 điểm, xếp thứ 49/63"),
            row(2, "papi", "khanh-hoa", 2019, "rank", "province", 49, "rank", "đạt 42,16 điểm, xếp thứ 49/63"),
            row(3, "papi", "", 2019, "rank", "provinces_ranked", 63, "count", "đạt 42,16 điểm, xếp thứ 49/63"),
            row(4, "papi", "", 2019, "score", "national_average", 43.61, "points", "năm 2019 được 43,61 điểm"),
            row(5, "papi", "khanh-hoa", 2021, "score", "province", 40.5, "points", "đạt 40,5 điểm"),
            row(
                1,
                "papi",
                "khanh-hoa",
                2021,
                "score",
                "province",
                40.5,
                "points",
                "reached 40.5 points",
                source="baohagiang-en-2025-papi",
            ),  # fmt: skip
            row(6, "papi", "dak-lak", 2021, "rank", "province", 30, "rank", "xếp thứ 30/63"),
        ],
    )
    return data_copy


# --- loading and filters ------------------------------------------------------------------------


def test_loader_columns_types_and_labels():
    df = cd.national_indices()
    assert list(df.columns) == nat.COLUMNS
    assert df["period"].dtype.kind == "i" and df["value"].dtype.kind == "f"
    assert set(df["index"]) == set(nat.INDICES)
    assert df["source_url"].str.startswith("http").all()
    kh = df[(df["province"] == "khanh-hoa") & (df["index"] == "papi")]
    assert set(kh["province_name"]) == {"Khánh Hòa"}
    assert set(kh["index_label_en"]) == {"Provincial Governance and Public Administration Performance Index (PAPI)"}
    national = df[df["scope"] != "province"]
    assert (national["province"] == "").all()  # national reference values name no province


def test_labels_keep_national_indices_apart_from_internal_rankings():
    cat = nat.national_index_catalog().set_index("index")
    assert "Bộ Nội vụ xếp hạng toàn quốc" in cat.at["par_index", "label_vi"]
    assert "Not the PAR index a province computes for its own" in cat.at["par_index", "measures_en"]
    # the Q1/2021 report's 85.70 % is Khánh Hòa's ranking of its own units: not a national value
    assert 85.7 not in cd.national_indices(index="par_index", province="khanh-hoa")["value"].tolist()


@pytest.mark.parametrize(
    ("typed", "code"),
    [("PAR INDEX", "par_index"), ("par-index", "par_index"), ("SIPAS", "sipas"), ("Papi", "papi"), ("pci", "pci"),
     ("Chỉ số năng lực cạnh tranh cấp tỉnh", "pci")],
)  # fmt: skip
def test_check_index_accepts_what_users_type(typed, code):
    assert nat.check_index(typed) == code


@pytest.mark.parametrize("bad", ["HDI", "", None, 3])
def test_check_index_names_the_valid_ones(bad):
    with pytest.raises(ValueError, match="'par_index', 'sipas', 'papi', 'pci'"):
        nat.check_index(bad)


def test_filters_by_index_and_province():
    df = cd.national_indices(index="PCI", province="Đắk Lắk")
    assert set(df["index"]) == {"pci"} and set(df["province"]) == {"dak-lak"}
    assert sorted(df.loc[df["measure"] == "score", "period"]) == [2016, 2020, 2021, 2022]


def test_province_without_values_and_unknown_province():
    with pytest.raises(ValueError, match="no national index values for 'ha-noi'; provinces with values: dak-lak"):
        cd.national_indices(province="Hà Nội")
    with pytest.raises(ValueError, match="is not a known province"):
        cd.national_indices(province="Atlantis")


def test_comparable_follows_the_catalog():
    papi = cd.national_indices(index="papi", province="dak-lak")
    assert not papi["comparable"].any()  # PAPI 2017: six dimensions, before comparable_from 2018
    kh = cd.national_indices(index="papi", province="khanh-hoa")
    assert kh.set_index("period")["comparable"].groupby(level=0).first().to_dict()[2019]


# --- trajectories and comparisons ---------------------------------------------------------------


def test_trajectory_on_hand_built_frame(small):
    t = cd.index_trajectory("Khánh Hòa", "papi", data_dir=small)
    assert t["period"].tolist() == [2019, 2021]
    first, second = t.to_dict("records")
    assert (first["score"], first["rank"], first["provinces_ranked"], first["national_average"]) == (
        42.16,
        49,
        63,
        43.61,
    )
    assert math.isnan(second["rank"]) and math.isnan(second["national_average"])  # missing stays missing
    assert not second["disputed"]  # two sources, same value
    assert second["source_ids"] == "baokhanhhoa-2024-papi;baohagiang-en-2025-papi"


def test_trajectory_marks_sources_that_disagree(small):
    rows = pd.read_csv(small / "national_indices.csv", dtype=str, keep_default_na=False)
    rows.loc[rows["id"] == "baohagiang-en-2025-papi-001", ["value", "evidence"]] = ["41.5", "reached 41.5 points"]
    rows.to_csv(small / "national_indices.csv", index=False)
    t = cd.index_trajectory("khanh-hoa", "papi", data_dir=small).set_index("period")
    assert t.at[2021, "disputed"] and not t.at[2019, "disputed"]
    assert t.at[2021, "score"] == 40.5  # the first source's value is drawn, the dispute is flagged


def test_trajectory_on_real_data():
    t = cd.index_trajectory("khanh-hoa", "sipas").set_index("period")
    assert t["score"].to_dict() == {2020: 81.82, 2021: 84.4, 2024: 83.66}
    assert t["rank"].to_dict() == {2020: 51.0, 2021: 56.0, 2024: 30.0}
    assert t.at[2024, "national_average"] == 83.94
    papi = cd.index_trajectory("khanh-hoa", "papi").set_index("period")
    assert papi.at[2019, "national_max_qualifier"] == "more_than"  # "the leaders all scored above 46.6"
    assert papi.at[2022, "disputed"]  # 16/61 against another page's "out of 63"


def test_trajectory_of_province_without_that_index_is_empty():
    t = cd.index_trajectory("ha-giang", "sipas")
    assert t.empty and "score" in t.columns


def test_comparison_shows_every_province_and_missing_as_nan():
    c = cd.index_comparison("pci", 2022).set_index("province")
    assert c.loc["dak-lak", ["score", "rank"]].tolist() == [60.91, 60.0]
    assert c.loc["ha-giang", ["score", "rank"]].tolist() == [64.39, 41.0]
    assert math.isnan(c.at["khanh-hoa", "score"])
    assert set(c["national_max"]) == {72.95} and set(c["national_min"]) == {59.58}


def test_comparison_defaults_to_latest_year_and_checks_period():
    assert cd.index_comparison("papi")["period"].unique().tolist() == [2024]
    with pytest.raises(ValueError, match="no PCI value for any province in 2010; years with values: 2016, 2019, 2020"):
        cd.index_comparison("pci", 2010)
    with pytest.raises(ValueError, match="period is a year such as 2023"):
        cd.index_comparison("pci", 20.5)


def test_latest_standing():
    s = cd.latest_standing().set_index(["index", "province"])
    assert s.loc[("pci", "ha-giang"), "rank"] == 41
    assert int(s.loc[("papi", "khanh-hoa"), "period"]) == 2023
    assert len(s) == 9


# --- checks -------------------------------------------------------------------------------------


def test_real_data_passes_validation_and_checks():
    assert cd.validate().ok
    assert [p for p in cd.check_national() if p.level == "error"] == []


def test_check_catches_a_planted_contradiction(small):
    rows = pd.read_csv(small / "national_indices.csv", dtype=str, keep_default_na=False)
    rows.loc[rows["id"] == "baohagiang-en-2025-papi-001", ["value", "evidence"]] = ["41.5", "reached 41.5 points"]
    rows.to_csv(small / "national_indices.csv", index=False)
    problems = cd.check_national(small)
    assert [p.level for p in problems] == ["error", "error"]
    assert "sources disagree: 40.5 (baokhanhhoa-2024-papi, line 6); 41.5 (baohagiang-en-2025-papi, line 7)" in str(
        problems[0]
    )
    both = rows["id"].isin(["baokhanhhoa-2024-papi-005", "baohagiang-en-2025-papi-001"])
    rows.loc[both, "flag"] = "contradiction"
    rows.to_csv(small / "national_indices.csv", index=False)
    problems = cd.check_national(small)  # flagged but not explained in Vietnamese: an error each
    assert [(p.level, p.field) for p in problems if p.field == "note_vi"] == [("error", "note_vi")] * 2
    assert "baokhanhhoa-2024-papi-005 is flagged 'contradiction': explain the flag in Vietnamese in note_vi" in [
        p.message for p in problems
    ]
    rows.loc[both, "note_vi"] = "Hai nguồn in hai điểm khác nhau: 40,5 và 41,5"
    rows.to_csv(small / "national_indices.csv", index=False)
    assert [p.level for p in cd.check_national(small)] == ["warning", "warning"]  # flagged: recorded, not fixed
    rows.loc[both, "note_vi"] = "   "  # blank is not an explanation
    rows.to_csv(small / "national_indices.csv", index=False)
    assert [p.level for p in cd.check_national(small)].count("error") == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"evidence": "đạt 24,16 điểm"}, r"does not print the value 42\.16 \(numbers in it: 24\.16\)"),
        ({"unit": "percent"}, "score of papi \\(province\\) is in 'points', not 'percent'"),
        ({"province": ""}, "a province row names its province"),
        ({"id": "other-001"}, "should start with its source_id"),
        ({"period": "2005"}, "papi was first published for 2011, not 2005"),
        ({"evidence": " ".join(["42,16"] + ["từ"] * 30)}, "31 words; quote at most 15"),
    ],
)
def test_check_rules(small, change, message):
    rows = pd.read_csv(small / "national_indices.csv", dtype=str, keep_default_na=False)
    for col, value in change.items():
        rows.loc[0, col] = value
    rows.to_csv(small / "national_indices.csv", index=False)
    problems = cd.check_national(small)
    assert any(p.row == 2 and p.level == "error" for p in problems)
    assert any(pytest.importorskip("re").search(message, p.message) for p in problems), [str(p) for p in problems]


def test_check_rank_beyond_provinces_ranked_and_score_outside_national_range(small):
    rows = pd.read_csv(small / "national_indices.csv", dtype=str, keep_default_na=False)
    rows.loc[1, ["value", "evidence"]] = ["70", "xếp thứ 70/63"]
    extra = row(9, "papi", "", 2019, "score", "national_min", 43, "points", "thấp nhất 43 điểm")
    rows = pd.concat([rows, pd.DataFrame([extra])], ignore_index=True)
    rows.to_csv(small / "national_indices.csv", index=False)
    messages = [p.message for p in cd.check_national(small)]
    assert "rank 70 is beyond the 63 provinces ranked in 2019" in messages
    assert "score 42.16 is below the national bottom score 43 of 2019" in messages


def test_english_and_anomalous_formats_are_read_as_their_page_prints_them(small):
    # an English page prints 43.7 with a decimal point; a Vietnamese page printing 42.269 needs the flag
    assert 43.7 in numbers_in("scored only 43.7 points", convention="en")
    assert 42.269 not in numbers_in("là 42.269 điểm", convention="vi")
    write_values(small, [row(1, "papi", "", 2021, "score", "national_average", 42.269, "points", "là 42.269 điểm")])
    assert "does not print the value 42.269" in cd.check_national(small)[0].message
    write_values(small, [row(1, "papi", "", 2021, "score", "national_average", 42.269, "points", "là 42.269 điểm",
                             flag="format_anomaly", note_vi="in dấu chấm thập phân")])  # fmt: skip
    assert cd.check_national(small) == []


def test_every_flagged_national_value_is_explained_in_both_languages():
    with open(cd.data_dir() / "national_indices.csv", encoding="utf-8", newline="") as fh:
        flagged = [r for r in csv.DictReader(fh) if r["flag"]]
    assert len(flagged) >= 20
    for r in flagged:
        assert r["note"].strip() and r["note_vi"].strip(), r["id"]
        assert r["note_vi"] != r["note"], r["id"]  # translated, not copied
    values = cd.national_indices()
    assert values.loc[values["flag"] != "", "note_vi"].str.strip().ne("").all()


def test_check_can_make_validation_issues():
    from cchc_data.validation import Issue

    problems = cd.check_national()
    assert problems and all(isinstance(p, Issue) for p in problems)


# --- charts -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_trajectory_chart_draws_the_trajectory_values(lang):
    ax = pn.trajectory_chart("Khánh Hòa", "SIPAS", lang=lang)
    drawn = ax.figure.cchc_values
    assert list(drawn.columns) == pn.VALUE_COLUMNS + SOURCE_COLUMNS  # the values, and their sources described
    pages = nat.national_index_sources().set_index("source_id")
    assert drawn["source_title_en"].tolist() == pages.loc[drawn["source_id"], "title_en"].tolist()
    own = drawn[(drawn["scope"] == "province") & (drawn["measure"] == "score")]
    assert sorted(set(own["value"])) == [81.82, 83.66, 84.4]
    points = [tuple(line.get_xydata()[0]) for line in ax.lines if line.get_marker() == "o"]
    assert sorted(points) == [(2020, 81.82), (2021, 84.4), (2024, 83.66)]
    labels = " ".join(t.get_text() for t in ax.texts)
    assert ("hạng 30/63" if lang == "vi" else "rank 30/63") in labels
    assert ("83,66%" if lang == "vi" else "83.66%") in labels
    footer = ax.figure.get_supxlabel().replace("\n", " ")  # sources by short title, never by internal id
    assert ("Nguồn" if lang == "vi" else "Sources") in footer and "vnvn-kh-2025-par-sipas" not in footer
    short = nat.national_index_sources().set_index("source_id")[f"short_title_{lang}"]
    assert all(" ".join(short[s].split()) in " ".join(footer.split()) for s in set(drawn["source_id"]))


def test_trajectory_chart_marks_non_comparable_years_hollow():
    ax = pn.trajectory_chart("khanh-hoa", "par_index", lang="en")
    faces = {int(line.get_xdata()[0]): line.get_markerfacecolor() for line in ax.lines if line.get_marker() == "o"}
    assert faces[2021] == "white" and faces[2024] != "white"  # the PAR INDEX criteria changed for 2024
    assert "Hollow marks: before 2024" in " ".join(t.get_text() for t in ax.texts)


def test_trajectory_chart_without_values_says_so():
    ax = pn.trajectory_chart("Hà Giang", "sipas", lang="vi")
    assert "Chưa tìm thấy số liệu công bố của Hà Giang về SIPAS" in [t.get_text() for t in ax.texts]
    assert ax.figure.cchc_values.empty


def test_province_trajectories_adds_up_the_panels():
    fig = pn.province_trajectories("dak-lak", lang="en")
    assert len(fig.axes) == 4
    assert set(fig.cchc_values.query("scope == 'province'")["indicator"]) == {"par_index", "papi", "pci"}
    plt.close(fig)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_comparison_chart_draws_the_expected_bars(lang):
    ax = pn.comparison_chart("PCI", 2022, lang=lang)
    widths = sorted(round(p.get_width(), 2) for p in ax.patches)
    assert widths == [60.91, 64.39]
    labels = " ".join(t.get_text() for t in ax.texts)
    assert ("không có số liệu" if lang == "vi" else "no value found") in labels  # Khánh Hòa: no 2022 PCI found
    drawn = ax.figure.cchc_values
    assert set(drawn.query("scope == 'province'")["province"]) == {"dak-lak", "ha-giang"}
    assert set(drawn["period"]) == {"2022"}


def test_charts_reject_a_bad_language():
    with pytest.raises(ValueError, match="'fr' is not a supported language; use 'vi' or 'en'"):
        pn.trajectory_chart("khanh-hoa", "papi", lang="fr")


# --- page tables --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_page_tables_are_wholly_in_one_language(lang):
    described = nat.describe_indices(lang)
    standing = nat.standing_table(lang)
    sources = nat.sources_table(lang)
    headers = {"vi": ["Chỉ số", "Tỉnh", "Năm", "Điểm", "Thứ hạng", "Ghi chú"],
               "en": ["Index", "Province", "Year", "Score", "Rank", "Remarks"]}[lang]  # fmt: skip
    assert list(standing.columns) == headers
    assert described.iloc[:, 0].tolist() == ["PAR INDEX", "SIPAS", "PAPI", "PCI"]
    assert len(sources) == len(nat.national_index_sources())
    row = standing.set_index([headers[0], headers[1]]).loc[("SIPAS", "Khánh Hòa")]
    assert row[headers[3]] == ("83,66%" if lang == "vi" else "83.66%") and row[headers[4]] == "30/63"
    old = standing.set_index([headers[0], headers[1]]).loc[("PAPI", "Đắk Lắk"), headers[5]]
    assert old == ("phương pháp trước đây" if lang == "vi" else "earlier method")  # PAPI 2017: before the 8-dimension scale


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_standing_explains_a_flagged_value_in_the_page_language(lang):
    standing = nat.standing_table(lang)
    standing = standing.set_index(list(standing.columns[:2]))
    remark = standing.loc[("PCI", "Khánh Hòa")].iloc[-1]  # PCI 2020: VCCI printed 63.98 with a decimal point
    values = cd.national_indices(index="pci", province="khanh-hoa").query("period == 2020 and measure == 'score'")
    assert remark == values["note_vi" if lang == "vi" else "note"].item()
    assert ("63,98 điểm" in remark) if lang == "vi" else ("63.98 points" in remark)
    assert standing.loc[("SIPAS", "Khánh Hòa")].iloc[-1] == ""  # nothing flagged behind it


def test_page_tables_reject_a_bad_language():
    with pytest.raises(ValueError, match="'de' is not a supported language; use 'vi' or 'en'"):
        nat.standing_table("de")


def test_comparison_year_prefers_years_with_more_provinces():
    assert nat.comparison_year("pci") == 2020  # the only year with a PCI score for all three provinces
    with pytest.raises(ValueError, match="is not a known national index"):
        nat.comparison_year("gdp")
