"""Tests of cchc_data/province_registry.py: resolving province names, codes and successors.

The first tests kill mutants of ``province_registry.py`` (they were tests/test_provinces_mutants.py, see
tests/MUTATION.md); the last section was tests/test_provinces.py.
"""

import csv
import unicodedata

import pandas as pd
import pytest
from corruptions import CASES

import cchc_data as cd


def _registry_rows(folder):
    with open(folder / "provinces.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def renamed(data_copy):
    """A data folder whose registry has an alias and a successor the bundled one lacks."""
    path = data_copy / "provinces.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = frame["slug"] == "ha-giang"
    frame.loc[row, "aliases"] = "Cao nguyên đá"
    frame.loc[row, "successor"] = "ha-noi"
    frame.loc[row, "population_2019"] = "1"
    frame.to_csv(path, index=False)
    return data_copy


class TestResolveProvince:
    @pytest.mark.parametrize(
        ("name", "slug"),
        [
            ("Ba Ria Vung Tau", "ba-ria-vung-tau"),  # the slug's hyphens read as spaces
            ("Bà Rịa-Vũng Tàu", "ba-ria-vung-tau"),
            ("ba-ria - vung-tau", "ba-ria-vung-tau"),
            ("Khanh Hoa Province", "khanh-hoa"),
            ("Ho Chi Minh City", "ho-chi-minh"),
            ("City of Ho Chi Minh", "ho-chi-minh"),
            ("T.P. Hồ Chí Minh", "ho-chi-minh"),
            ("  Khánh \t Hòa  ", "khanh-hoa"),
            ("056", "khanh-hoa"),
            ("  2 ", "ha-giang"),
        ],
    )
    def test_resolve_spelling_variants(self, name, slug):
        assert cd.resolve_province(name) == slug

    @pytest.mark.parametrize("name", ["None", "none", "", "   ", "Tỉnh", "0", "100", True])
    def test_resolve_refuses_non_names(self, name):
        with pytest.raises(ValueError, match="is not a known province|a province is given as a name"):
            cd.resolve_province(name)

    @pytest.mark.parametrize(
        "name",
        [
            "Khánh Hòa",
            "Khánh Hoà",
            "khanh-hoa",
            "KHANH HOA",
            "khanh hoa",
            "Tỉnh Khánh Hòa",
            "tinh khanh hoa",
            "56",
            56,
            unicodedata.normalize("NFD", "Khánh Hòa"),
            unicodedata.normalize("NFD", "Khánh Hoà"),
        ],
    )
    def test_resolve_khanh_hoa(self, name):
        assert cd.resolve_province(name) == "khanh-hoa"

    @pytest.mark.parametrize(
        ("name", "slug"),
        [
            ("Hà Giang", "ha-giang"),
            ("02", "ha-giang"),
            (2, "ha-giang"),
            ("Đắk Lắk", "dak-lak"),
            ("Dak Lak", "dak-lak"),
            ("66", "dak-lak"),
            ("TP HCM", "ho-chi-minh"),
            ("Thành phố Hồ Chí Minh", "ho-chi-minh"),
            ("Thừa Thiên Huế", "thua-thien-hue"),
            ("Huế", "thua-thien-hue"),
            ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
            ("Thanh Hoá", "thanh-hoa"),
        ],
    )
    def test_resolve_other_forms(self, name, slug):
        assert cd.resolve_province(name) == slug

    def test_a_provinces_own_name_wins_over_another_provinces_alias(self, data_copy):
        CASES["alias is another province's name"](data_copy)
        assert cd.resolve_province("Khánh Hòa", data_dir=data_copy) == "khanh-hoa"
        assert cd.resolve_province("khanh hoa", data_dir=data_copy) == "khanh-hoa"
        assert not cd.validate(data_copy).ok  # and validate refuses the alias


class TestProvinceRegistry:
    @pytest.mark.parametrize(
        ("name", "suggested"),
        [
            # a former province: the message lists close names, each once, in order of similarity
            ("Hà Tây", " (did you mean 'Hà Nam', 'Hà Tĩnh'?)"),
            ("Gia Lai Kon Tum", " (did you mean 'Kon Tum', 'Gia Lai'?)"),
            # at most four suggestions (a fifth, Quảng Bình, is as close)
            ("Quảng", " (did you mean 'Quảng Trị', 'Quảng Nam', 'Quảng Ninh', 'Quảng Ngãi'?)"),
            ("Cửu Long", ""),
            ("Khanh Hao", " (did you mean 'Khánh Hòa', 'Thanh Hóa', 'Cần Thơ'?)"),
        ],
    )
    def test_unknown_province_message(self, name, suggested):
        known = len(_registry_rows(cd.data_dir()))
        with pytest.raises(ValueError) as info:
            cd.resolve_province(name)
        # too many names to list: the message points to provinces() instead
        assert str(info.value) == (
            f"{name!r} is not a known province{suggested}; see cchc_data.provinces() for the {known} known names"
        )

    def test_float_and_bool_codes_are_refused_with_the_accepted_forms(self):
        for bad in (56.0, True, None):
            with pytest.raises(ValueError) as info:
                cd.resolve_province(bad)
            assert str(info.value) == f"a province is given as a name, slug or GSO code (a string), not {bad!r}"

    def test_population_is_a_nullable_integer_filled_only_where_verified(self):
        rows = list(csv.DictReader(open(cd.data_dir() / "provinces.csv", encoding="utf-8", newline="")))
        expected = {r["slug"]: int(r["population_2019"]) for r in rows if r["population_2019"]}
        p = cd.provinces()
        assert str(p["population_2019"].dtype) == "Int64"
        got = p.set_index("slug")["population_2019"]
        assert got.dropna().astype(int).to_dict() == expected
        assert got.isna().sum() == len(rows) - len(expected)
        assert p.index.tolist() == list(range(len(rows)))

    def test_functions_read_the_given_folder(self, renamed):
        assert cd.resolve_province("Cao nguyên đá", data_dir=renamed) == "ha-giang"
        assert cd.successor("Cao nguyên đá", data_dir=renamed) == "ha-noi"
        assert cd.successor("Hà Giang", data_dir=renamed) == "ha-noi"
        assert cd.provinces(data_dir=renamed).set_index("slug").at["ha-giang", "population_2019"] == 1
        with pytest.raises(ValueError, match="'Cao nguyên đá' is not a known province"):
            cd.resolve_province("Cao nguyên đá")
        with pytest.raises(ValueError, match="'Cao nguyên đá' is not a known province"):
            cd.successor("Cao nguyên đá")

    def test_unknown_province_message_counts_the_given_registry(self, data_copy):
        path = data_copy / "provinces.csv"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        # the three provinces and their successors, so that the registry keeps its own foreign key
        kept = frame[frame["slug"].isin(["ha-giang", "khanh-hoa", "dak-lak"])]
        frame[frame["slug"].isin(set(kept["slug"]) | set(kept["successor"]))].to_csv(path, index=False)
        national = pd.read_csv(data_copy / "national_indices.csv", dtype=str, keep_default_na=False)
        national = national[national["province"].isin(["", *kept["slug"]])]  # VCCI's full table names all 63
        national.to_csv(data_copy / "national_indices.csv", index=False)
        rows = _registry_rows(data_copy)
        assert 3 < len(rows) <= 12  # few enough to be listed
        listed = ", ".join(repr(r["name_vi"]) for r in rows)
        with pytest.raises(ValueError) as info:
            cd.resolve_province("Ha Gang", data_dir=data_copy)
        assert str(info.value) == (
            f"'Ha Gang' is not a known province (did you mean 'Hà Giang'?); use one of {listed}; "
            f"see cchc_data.provinces() for the {len(rows)} known names"
        )

    def test_population_stays_a_nullable_integer_when_none_is_known(self, data_copy):
        path = data_copy / "provinces.csv"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame["population_2019"] = ""
        frame.to_csv(path, index=False)
        population = cd.provinces(data_dir=data_copy)["population_2019"]
        assert str(population.dtype) == "Int64" and population.isna().all()

    def test_unknown_province_lists_close_matches(self):
        with pytest.raises(ValueError, match=r"'Khanh Hao' is not a known province \(did you mean 'Khánh Hòa'"):
            cd.resolve_province("Khanh Hao")
        with pytest.raises(
            ValueError,
            match=r"^'Atlantis' is not a known province; see cchc_data.provinces\(\) for the 63 known names$",
        ):
            cd.resolve_province("Atlantis")
        with pytest.raises(ValueError, match="a province is given as a name, slug or GSO code"):
            cd.resolve_province(["Khánh Hòa"])

    def test_registry_has_every_pre_2025_unit_and_the_2025_reorganisation(self):
        p = cd.provinces().set_index("slug")
        assert len(p) == 63 and p["gso_code"].is_unique
        assert p.loc[["ha-giang", "khanh-hoa", "dak-lak"], "gso_code"].tolist() == ["02", "56", "66"]
        # Resolution 202/2025/QH15: 34 units continue, the 29 others merge into one of them.
        assert (p["code_2025"] != "").sum() == 34
        assert p.at["ha-giang", "successor"] == "tuyen-quang" and p.at["tuyen-quang", "code_2025"] == "08"
        assert p.at["ninh-thuan", "successor"] == "khanh-hoa" and p.at["khanh-hoa", "code_2025"] == "56"
        assert p.at["phu-yen", "successor"] == "dak-lak" and p.at["dak-lak", "code_2025"] == "66"
        assert p.loc[p["code_2025"] == "", "successor"].map(lambda s: p.at[s, "code_2025"] != "").all()
        assert p.loc[["khanh-hoa", "ha-giang", "dak-lak"], "population_2019"].tolist() == [
            1_231_107,
            854_679,
            1_869_322,
        ]


class TestSuccessor:
    def test_successor(self):
        assert cd.successor("Hà Giang") == "tuyen-quang"
        assert cd.successor("Ninh Thuận") == "khanh-hoa"
        assert cd.successor("Đắk Lắk") == "dak-lak"
