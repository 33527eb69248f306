"""National indices (PAR INDEX, SIPAS, PAPI, PCI): loader, filters, trajectories, checks and charts."""

import csv
import math

import pandas as pd
import pytest
from corruptions import CASES

import cchc_data as cd
from cchc_data import national as nat
from cchc_data import validation


class TestNationalIndices:
    def test_loader_columns_types_and_labels(self):
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

    def test_labels_keep_national_indices_apart_from_internal_rankings(self):
        cat = nat.national_index_catalog().set_index("index")
        assert "Bộ Nội vụ xếp hạng toàn quốc" in cat.at["par_index", "label_vi"]
        assert "Not the PAR index a province computes for its own" in cat.at["par_index", "measures_en"]
        # the Q1/2021 report's 85.70 % is Khánh Hòa's ranking of its own units: not a national value
        assert 85.7 not in cd.national_indices(index="par_index", province="khanh-hoa")["value"].tolist()

    def test_filters_by_index_and_province(self):
        df = cd.national_indices(index="PCI", province="Đắk Lắk")
        assert set(df["index"]) == {"pci"} and set(df["province"]) == {"dak-lak"}
        assert sorted(df.loc[df["measure"] == "score", "period"]) == [2015, 2016, 2020, 2021, 2022]
        assert set(df["source_kind"]) <= set(nat.SOURCE_KINDS)

    def test_one_year_of_an_index_is_the_whole_national_table(self):
        pci = cd.national_indices(index="pci", period=2020)
        assert set(pci["period"]) == {2020}
        ranks = pci.query("scope == 'province' and measure == 'rank'")
        ranked = pci.query("scope == 'provinces_ranked'")["value"].max()
        assert ranks["province"].nunique() == ranked == 63  # one row per ranked province
        assert sorted(ranks["value"].astype(int)) == list(range(1, 64))  # every rank once
        assert set(ranks["province"]) == set(cd.provinces()["slug"])
        with pytest.raises(ValueError, match="period is a year such as 2023, not 'latest'"):
            cd.national_indices(index="pci", period="latest")

    def test_province_without_values_and_unknown_province(self, small):
        with pytest.raises(ValueError, match="no national index values for 'ha-noi'; provinces with values: "):
            cd.national_indices(province="Hà Nội", data_dir=small)
        assert cd.national_indices(province="Hà Nội", index="pci")["period"].unique().tolist() == [2020]  # VCCI's table
        with pytest.raises(ValueError, match="is not a known province"):
            cd.national_indices(province="Atlantis")

    def test_trajectory_of_province_without_that_index_is_empty(self):
        t = cd.index_trajectory("ha-giang", "sipas")
        assert t.empty and "score" in t.columns


class TestCheckIndex:
    @pytest.mark.parametrize(
        ("typed", "code"),
        [("PAR INDEX", "par_index"), ("par-index", "par_index"), ("SIPAS", "sipas"), ("Papi", "papi"), ("pci", "pci"),
         ("Chỉ số năng lực cạnh tranh cấp tỉnh", "pci")],
    )  # fmt: skip
    def test_check_index_accepts_what_users_type(self, typed, code):
        assert nat.check_index(typed) == code

    @pytest.mark.parametrize("bad", ["HDI", "", None, 3])
    def test_check_index_names_the_valid_ones(self, bad):
        with pytest.raises(ValueError, match="'par_index', 'sipas', 'papi', 'pci'"):
            nat.check_index(bad)


class TestComparableIndices:
    def test_comparable_follows_the_catalog(self):
        papi = cd.national_indices(index="papi", province="dak-lak").groupby("period")["comparable"].first()
        assert not papi[2017] and papi[2023]  # PAPI 2017: six dimensions, before comparable_from 2018
        kh = cd.national_indices(index="papi", province="khanh-hoa")
        assert kh.set_index("period")["comparable"].groupby(level=0).first().to_dict()[2019]


class TestIndexTrajectory:
    def test_trajectory_on_hand_built_frame(self, small):
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

    def test_an_exact_value_within_a_printed_bound_agrees_and_is_drawn(self, data_copy):
        assert not [p for p in validation.check_national() if p.level == "error"]
        papi = cd.index_trajectory("khanh-hoa", "papi").set_index("period")
        assert papi.at[2019, "national_max"] == 46.74 and papi.at[2019, "national_max_qualifier"] == "none"
        rows = pd.read_csv(data_copy / "national_indices.csv", dtype=str, keep_default_na=False)
        at = rows["id"] == "baothuathienhue-en-2020-papi-001"
        rows.loc[at, ["value", "evidence"]] = ["46.5", "Ben Tre is ranked highest with a score of 46.5 points"]
        rows.to_csv(data_copy / "national_indices.csv", index=False)
        errors = [p for p in validation.check_national(data_copy) if p.level == "error"]
        assert any("sources disagree: 46.6 (baokhanhhoa-2020-papi" in p.message for p in errors)  # below the bound

    def test_trajectory_marks_sources_that_disagree(self, small):
        rows = pd.read_csv(small / "national_indices.csv", dtype=str, keep_default_na=False)
        rows.loc[rows["id"] == "baohagiang-en-2025-papi-001", ["value", "evidence"]] = ["41.5", "reached 41.5 points"]
        rows.to_csv(small / "national_indices.csv", index=False)
        t = cd.index_trajectory("khanh-hoa", "papi", data_dir=small).set_index("period")
        assert t.at[2021, "disputed"] and not t.at[2019, "disputed"]
        assert t.at[2021, "score"] == 40.5  # the first source's value is drawn, the dispute is flagged

    def test_trajectory_on_real_data(self):
        t = cd.index_trajectory("khanh-hoa", "sipas").set_index("period")
        assert t["score"].to_dict() == {2020: 81.82, 2021: 84.4, 2024: 83.66}
        assert t["rank"].to_dict() == {2020: 51.0, 2021: 56.0, 2024: 30.0}
        assert t.at[2024, "national_average"] == 83.94
        papi = cd.index_trajectory("khanh-hoa", "papi").set_index("period")
        assert papi.at[2019, "national_max_qualifier"] == "none"  # the exact top (46.74) wins over "all above 46.6"
        assert papi.at[2022, "disputed"]  # 16/61 against another page's "out of 63"


class TestIndexComparison:
    def test_comparison_shows_every_province_and_missing_as_nan(self):
        c = cd.index_comparison("pci", 2022).set_index("province")
        assert c.loc["dak-lak", ["score", "rank"]].tolist() == [60.91, 60.0]
        assert c.loc["ha-giang", ["score", "rank"]].tolist() == [64.39, 41.0]
        assert c.loc["khanh-hoa", ["score", "rank"]].tolist() == [67.74, 16.0]  # found on a newspaper page this round
        assert set(c["national_max"]) == {72.95} and set(c["national_min"]) == {59.58}
        assert math.isnan(cd.index_comparison("pci", 2021).set_index("province").at["khanh-hoa", "score"])

    def test_comparison_defaults_to_latest_year_and_checks_period(self):
        assert cd.index_comparison("papi")["period"].unique().tolist() == [2024]
        with pytest.raises(
            ValueError, match="no PCI value for any province in 2010; years with values: 2015, 2016, 2019, 2020"
        ):
            cd.index_comparison("pci", 2010)
        with pytest.raises(ValueError, match="period is a year such as 2023"):
            cd.index_comparison("pci", 20.5)

    def test_no_followed_province_on_an_index_gives_each_a_missing_row(self, data_copy):
        # the PAR INDEX values belong to a province without curated facts: the followed ones have none
        path = data_copy / "national_indices.csv"
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        own = (table["index"] == "par_index") & (table["scope"] == "province")
        table.loc[own, "province"] = "lam-dong"
        table.to_csv(path, index=False)
        c = nat.index_comparison("par_index", data_dir=data_copy)
        assert c["province"].tolist() == ["dak-lak", "ha-giang", "khanh-hoa"]
        assert c["score"].isna().all() and c["rank"].isna().all()
        assert c["disputed"].tolist() == [False, False, False]


class TestLatestStanding:
    def test_latest_standing(self):
        s = cd.latest_standing().set_index(["index", "province"])
        assert s.loc[("pci", "ha-giang"), "rank"] == 41
        assert int(s.loc[("papi", "khanh-hoa"), "period"]) == 2023
        assert len(s) == 9

    def test_latest_standing_leaves_out_a_province_with_only_components(self, data_copy):
        CASES["province with only component values"](data_copy)
        standing = cd.latest_standing(data_dir=data_copy)
        papi = standing[standing["index"] == "papi"]
        assert "dak-lak" not in set(papi["province"]) and "khanh-hoa" in set(papi["province"])


class TestBundledNationalData:
    def test_every_flagged_national_value_is_explained_in_both_languages(self):
        with open(cd.data_dir() / "national_indices.csv", encoding="utf-8", newline="") as fh:
            flagged = [r for r in csv.DictReader(fh) if r["flag"]]
        assert len(flagged) >= 20
        for r in flagged:
            assert r["note"].strip() and r["note_vi"].strip(), r["id"]
            assert r["note_vi"] != r["note"], r["id"]  # translated, not copied
        values = cd.national_indices()
        assert values.loc[values["flag"] != "", "note_vi"].str.strip().ne("").all()

    def test_every_source_has_a_kind_and_every_value_prints_its_number(self):
        sources = nat.national_index_sources()
        assert sources["source_kind"].isin(nat.SOURCE_KINDS).all()
        values = cd.national_indices()
        assert values["source_kind"].notna().all()
        lang = sources.set_index("source_id")["language"]
        for _, r in values.iterrows():
            convention = "en" if lang[r["source_id"]] == "en" else "vi"
            other = "vi" if convention == "en" else "en"
            printed = validation._prints_in(r["evidence"], r["value"], convention) or (
                r["flag"] in ("format_anomaly", "contradiction")
                and validation._prints_in(r["evidence"], r["value"], other)
            )
            assert printed, (r["id"], r["evidence"], r["value"])


class TestFullTables:
    def test_full_tables_have_one_row_per_ranked_province(self):
        full = nat.full_tables()
        assert not full.empty
        for _, t in full.iterrows():
            rows = cd.national_indices(index=t["index"], period=int(t["period"])).query("source_id == @t.source_id")
            ranks = rows.query("scope == 'province' and measure == 'rank'")
            assert len(ranks) == ranks["province"].nunique() == t["provinces_ranked"]


class TestComparisonYear:
    def test_comparison_year_prefers_years_with_more_provinces(self):
        assert nat.comparison_year("pci") == 2020  # the only year with a PCI score for all three provinces
        with pytest.raises(ValueError, match="is not a known national index"):
            nat.comparison_year("gdp")
