"""National indices (PAR INDEX, SIPAS, PAPI, PCI): loader, filters, trajectories, checks and charts."""

import csv
import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import cchc_data as cd
from cchc_data import i18n, validation
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
    assert sorted(df.loc[df["measure"] == "score", "period"]) == [2015, 2016, 2020, 2021, 2022]
    assert set(df["source_kind"]) <= set(nat.SOURCE_KINDS)


def test_one_year_of_an_index_is_the_whole_national_table():
    pci = cd.national_indices(index="pci", period=2020)
    assert set(pci["period"]) == {2020}
    ranks = pci.query("scope == 'province' and measure == 'rank'")
    ranked = pci.query("scope == 'provinces_ranked'")["value"].max()
    assert ranks["province"].nunique() == ranked == 63  # one row per ranked province
    assert sorted(ranks["value"].astype(int)) == list(range(1, 64))  # every rank once
    assert set(ranks["province"]) == set(cd.provinces()["slug"])
    with pytest.raises(ValueError, match="period is a year such as 2023, not 'latest'"):
        cd.national_indices(index="pci", period="latest")


def test_province_without_values_and_unknown_province(small):
    with pytest.raises(ValueError, match="no national index values for 'ha-noi'; provinces with values: "):
        cd.national_indices(province="Hà Nội", data_dir=small)
    assert cd.national_indices(province="Hà Nội", index="pci")["period"].unique().tolist() == [2020]  # VCCI's table
    with pytest.raises(ValueError, match="is not a known province"):
        cd.national_indices(province="Atlantis")


def test_comparable_follows_the_catalog():
    papi = cd.national_indices(index="papi", province="dak-lak").groupby("period")["comparable"].first()
    assert not papi[2017] and papi[2023]  # PAPI 2017: six dimensions, before comparable_from 2018
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


def test_an_exact_value_within_a_printed_bound_agrees_and_is_drawn(data_copy):
    assert not [p for p in validation.check_national() if p.level == "error"]
    papi = cd.index_trajectory("khanh-hoa", "papi").set_index("period")
    assert papi.at[2019, "national_max"] == 46.74 and papi.at[2019, "national_max_qualifier"] == "none"
    rows = pd.read_csv(data_copy / "national_indices.csv", dtype=str, keep_default_na=False)
    at = rows["id"] == "baothuathienhue-en-2020-papi-001"
    rows.loc[at, ["value", "evidence"]] = ["46.5", "Ben Tre is ranked highest with a score of 46.5 points"]
    rows.to_csv(data_copy / "national_indices.csv", index=False)
    errors = [p for p in validation.check_national(data_copy) if p.level == "error"]
    assert any("sources disagree: 46.6 (baokhanhhoa-2020-papi" in p.message for p in errors)  # below the bound


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
    assert papi.at[2019, "national_max_qualifier"] == "none"  # the exact top (46.74) wins over "all above 46.6"
    assert papi.at[2022, "disputed"]  # 16/61 against another page's "out of 63"


def test_trajectory_of_province_without_that_index_is_empty():
    t = cd.index_trajectory("ha-giang", "sipas")
    assert t.empty and "score" in t.columns


def test_comparison_shows_every_province_and_missing_as_nan():
    c = cd.index_comparison("pci", 2022).set_index("province")
    assert c.loc["dak-lak", ["score", "rank"]].tolist() == [60.91, 60.0]
    assert c.loc["ha-giang", ["score", "rank"]].tolist() == [64.39, 41.0]
    assert c.loc["khanh-hoa", ["score", "rank"]].tolist() == [67.74, 16.0]  # found on a newspaper page this round
    assert set(c["national_max"]) == {72.95} and set(c["national_min"]) == {59.58}
    assert math.isnan(cd.index_comparison("pci", 2021).set_index("province").at["khanh-hoa", "score"])


def test_comparison_defaults_to_latest_year_and_checks_period():
    assert cd.index_comparison("papi")["period"].unique().tolist() == [2024]
    with pytest.raises(
        ValueError, match="no PCI value for any province in 2010; years with values: 2015, 2016, 2019, 2020"
    ):
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


def test_province_trajectories_draws_no_blank_panel():
    fig = pn.province_trajectories("dak-lak", lang="en")
    assert len(fig.axes) == 3  # no SIPAS value found for Đắk Lắk: a sentence, not an empty box
    assert set(fig.cchc_values.query("scope == 'province'")["indicator"]) == {"par_index", "papi", "pci"}
    assert "No published value found in the stored sources: SIPAS" in fig.get_suptitle()
    plt.close(fig)


def _segments_drawn(ax):
    return [tuple(int(x) for x in line.get_xdata()) for line in ax.lines if line.get_gid() == "trajectory-segment"]


@pytest.mark.parametrize("province", ["khanh-hoa", "dak-lak", "ha-giang"])
def test_no_segment_spans_a_gap_or_a_method_change(province):
    fig = pn.province_trajectories(province, lang="en")
    cat = nat.national_index_catalog().set_index("index")
    for ax in fig.axes:
        short = ax.get_title(loc="left").split(" – ")[1]
        code = nat.check_index(short)
        years = set(fig.cchc_values.query("indicator == @code and scope == 'province' and measure == 'score'")["period"].astype(int))  # fmt: skip
        for a, b in _segments_drawn(ax):
            assert b == a + 1, f"{province} {short}: a line joins {a} and {b} across a gap"
            breaks = pn.method_breaks(cat.loc[code])
            assert pn.method_of(a, breaks) == pn.method_of(b, breaks), (
                f"{province} {short}: {a}-{b} spans a method change"
            )
            assert {a, b} <= years  # a segment joins two drawn scores
    plt.close(fig)


def test_catalog_method_breaks_end_at_comparable_from():
    cat = nat.national_index_catalog().set_index("index")
    for code, row in cat.iterrows():
        breaks = pn.method_breaks(row)
        assert breaks and breaks[-1] == row["comparable_from"], code
        assert (
            len(str(row["method_change_en"]).split(";")) == len(breaks) == len(str(row["method_change_vi"]).split(";"))
        )


def test_segments_join_only_consecutive_years_of_one_method():
    assert pn.segments([2020, 2021, 2024], [False, False, True]) == [(2020, 2021)]
    assert pn.segments([2017, 2018], [False, True]) == []  # the method changed between them
    assert pn.segments([2019, 2020, 2021], [True, True, True]) == [(2019, 2020), (2020, 2021)]


def test_the_seven_segments_of_issue_22_are_gone():
    cases = [("khanh-hoa", "par_index", (2021, 2024)), ("khanh-hoa", "sipas", (2021, 2024)),
             ("khanh-hoa", "papi", (2020, 2022)), ("khanh-hoa", "pci", (2020, 2023)),
             ("ha-giang", "pci", (2020, 2022)), ("dak-lak", "par_index", (2017, 2023)),
             ("dak-lak", "pci", (2016, 2020))]  # fmt: skip
    for province, code, pair in cases:
        ax = pn.trajectory_chart(province, code, lang="en")
        assert pair not in _segments_drawn(ax), (province, code, pair)
        plt.close(ax.figure)


def test_method_change_is_drawn_and_the_zoom_stated():
    ax = pn.trajectory_chart("khanh-hoa", "par_index", lang="en")  # scores 2021, 2022 and 2024
    rules = [line for line in ax.lines if line.get_gid() == "method-change"]
    assert sorted(rule.get_xdata()[0] for rule in rules) == [2021.5, 2023.5]  # the 2022-2030 scheme, the 2024 criteria
    texts = [t.get_text() for t in ax.texts]
    assert {"2022–2030 criteria from 2022", "new criteria from 2024"} <= set(texts)
    assert (2021, 2022) not in _segments_drawn(ax)  # consecutive years, but two methods
    bottom, top = ax.get_ylim()
    assert top <= 100  # never beyond the index's scale
    assert bottom == 0 or f"Score axis starts at {bottom:g} (scale 0–100)" in "\n".join(texts)
    plt.close(ax.figure)


def test_a_value_only_a_mirror_prints_is_marked():
    ax = pn.trajectory_chart("dak-lak", "pci", lang="en")  # PCI 2022: only a Czech machine translation
    drawn = ax.figure.cchc_values.query("scope == 'province' and measure == 'score' and period == '2022'")
    assert set(drawn["source_kind"]) == {"mirror"}
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("60.91 †") for t in texts)
    assert any("only a republication or mirror prints this value (2022)" in t for t in texts)
    plt.close(ax.figure)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_comparison_title_names_who_is_shown_and_who_has_no_value(lang):
    ax = pn.comparison_chart("sipas", 2024, lang=lang)  # only Khánh Hòa has a SIPAS value
    assert ax.get_title(loc="left") == "SIPAS 2024: Khánh Hòa"
    texts = " ".join(t.get_text() for t in ax.texts) + " " + " ".join(t.get_text() for t in ax.figure.texts)
    assert "Đắk Lắk" in texts and "Hà Giang" in texts  # the followed provinces without a value are named
    assert ax.get_xlim() == (0.0, 100.0)  # the whole 0-100 scale, not 120
    plt.close(ax.figure)


def test_comparison_legend_never_shows_an_empty_value():
    for code, year in [("par_index", 2024), ("sipas", 2024), ("pci", 2023), ("papi", 2023)]:
        ax = pn.comparison_chart(code, year, lang="en")
        legend = ax.get_legend()
        labels = [t.get_text() for t in legend.get_texts()] if legend else []
        assert not any(label.rstrip().endswith(("–", ": –")) or "– –" in label for label in labels), labels
        plt.close(ax.figure)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_distribution_chart_draws_every_ranked_province(lang):
    ax = pn.distribution_chart("pci", 2020, lang=lang)
    drawn = ax.figure.cchc_values
    scores = drawn.query("measure == 'score'")
    assert scores["province"].nunique() == 63 and set(drawn["source_id"]) == {"pcivietnam-2020-ranking"}
    dots = [c for c in ax.collections if c.get_gid() == "ranked-provinces"][0].get_offsets()
    assert len(dots) == 60  # the other 60 in grey; the three followed provinces drawn apart and labelled
    labelled = {t.get_text().split("\n")[0].split(" (")[0] for t in ax.texts if t.get_gid() == "followed"}
    assert labelled == {"Khánh Hòa", "Đắk Lắk", "Hà Giang"}
    median = [line for line in ax.lines if line.get_gid() == "median"][0].get_ydata()[0]
    assert median == pytest.approx(scores["value"].median())
    assert len([line for line in ax.lines if line.get_gid() == "quartile"]) == 2
    hg = [t.get_text() for t in ax.texts if t.get_gid() == "followed" and t.get_text().startswith("Hà Giang")][0]
    assert "Tuyên Quang" in hg  # Hà Giang's successor after the 2025 merger
    plt.close(ax.figure)


def test_distribution_chart_needs_a_full_table():
    with pytest.raises(ValueError, match="no stored page prints the whole PAPI table for 2021; years with one: none"):
        pn.distribution_chart("papi", 2021)


def test_every_source_has_a_kind_and_every_value_prints_its_number():
    sources = nat.national_index_sources()
    assert sources["source_kind"].isin(nat.SOURCE_KINDS).all()
    values = cd.national_indices()
    assert values["source_kind"].notna().all()
    lang = sources.set_index("source_id")["language"]
    for _, r in values.iterrows():
        convention = "en" if lang[r["source_id"]] == "en" else "vi"
        other = "vi" if convention == "en" else "en"
        printed = validation._prints_in(r["evidence"], r["value"], convention) or (
            r["flag"] in ("format_anomaly", "contradiction") and validation._prints_in(r["evidence"], r["value"], other)
        )
        assert printed, (r["id"], r["evidence"], r["value"])


def test_full_tables_have_one_row_per_ranked_province():
    full = nat.full_tables()
    assert not full.empty
    for _, t in full.iterrows():
        rows = cd.national_indices(index=t["index"], period=int(t["period"])).query("source_id == @t.source_id")
        ranks = rows.query("scope == 'province' and measure == 'rank'")
        assert len(ranks) == ranks["province"].nunique() == t["provinces_ranked"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_comparison_chart_draws_the_expected_bars(lang):
    ax = pn.comparison_chart("PCI", 2021, lang=lang)
    widths = sorted(round(p.get_width(), 2) for p in ax.patches)
    assert widths == [64.2]
    labels = " ".join(t.get_text() for t in ax.texts)
    assert ("không có số liệu" if lang == "vi" else "no value found") in labels  # only Đắk Lắk has a 2021 PCI
    drawn = ax.figure.cchc_values
    assert set(drawn.query("scope == 'province'")["province"]) == {"dak-lak"}
    assert set(drawn["period"]) == {"2021"}
    full = pn.comparison_chart("PCI", 2020, lang=lang)  # 63 provinces in the table, the three followed drawn
    assert sorted(round(p.get_width(), 2) for p in full.patches) == [61.16, 63.22, 63.98]


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
    assert (
        row[headers[3]] == ("83,66% (2024)" if lang == "vi" else "83.66% (2024)") and row[headers[4]] == "30/63 (2024)"
    )
    old = standing.set_index([headers[0], headers[1]]).loc[("PAR INDEX", "Đắk Lắk")]
    assert old[headers[3]].endswith("(2023*)")  # PAR INDEX 2023: before the 2024 criteria
    assert old[headers[5]].startswith("* phương pháp trước đây" if lang == "vi" else "* earlier method")
    published = sources.set_index(sources.columns[0])[i18n.t("national.column.published", lang)]
    assert published["baokhanhhoa-2024-papi"] == ("2/4/2024" if lang == "vi" else "2 April 2024")  # a date, no time
    assert published["vietnamnet-hg-2023-pci"] == ("không ghi ngày" if lang == "vi" else "undated")
    kinds = sources[i18n.t("national.column.kind", lang)]  # every page's kind, in the page's language
    assert set(kinds) <= {i18n.t(f"national.source_kind.{k}", lang) for k in nat.SOURCE_KINDS} and kinds.ne("").all()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_standing_explains_a_flagged_value_in_the_page_language(lang):
    standing = nat.standing_table(lang)
    standing = standing.set_index(list(standing.columns[:2]))
    remark = standing.loc[("PAPI", "Hà Giang")].iloc[-1]  # PAPI 2024: ranked out of 63 here, 61 on another page
    values = cd.national_indices(index="papi").query("id == 'baohagiang-en-2025-papi-003'")
    assert values["note_vi" if lang == "vi" else "note"].item().rstrip(".") in remark
    assert ".;" not in remark, "notes joined without their full stops"
    assert ("39/61/63" in remark) and (
        ("các nguồn khác nhau" in remark) if lang == "vi" else ("sources disagree" in remark)
    )
    assert standing.loc[("SIPAS", "Khánh Hòa")].iloc[-1] == ""  # nothing flagged behind it


def test_page_tables_reject_a_bad_language():
    with pytest.raises(ValueError, match="'de' is not a supported language; use 'vi' or 'en'"):
        nat.standing_table("de")


def test_comparison_year_prefers_years_with_more_provinces():
    assert nat.comparison_year("pci") == 2020  # the only year with a PCI score for all three provinces
    with pytest.raises(ValueError, match="is not a known national index"):
        nat.comparison_year("gdp")
