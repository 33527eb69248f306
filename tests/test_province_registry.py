"""Tests that kill mutants of cchc_data/province_registry.py (see tests/MUTATION.md)."""

import csv

import pandas as pd
import pytest

import cchc_data as cd


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
def test_resolve_spelling_variants(name, slug):
    assert cd.resolve_province(name) == slug


@pytest.mark.parametrize("name", ["None", "none", "", "   ", "Tỉnh", "0", "100", True])
def test_resolve_refuses_non_names(name):
    with pytest.raises(ValueError, match="is not a known province|a province is given as a name"):
        cd.resolve_province(name)


def _registry_rows(folder):
    with open(folder / "provinces.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


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
def test_unknown_province_message(name, suggested):
    known = len(_registry_rows(cd.data_dir()))
    with pytest.raises(ValueError) as info:
        cd.resolve_province(name)
    # too many names to list: the message points to provinces() instead
    assert str(info.value) == (
        f"{name!r} is not a known province{suggested}; see cchc_data.provinces() for the {known} known names"
    )


def test_float_and_bool_codes_are_refused_with_the_accepted_forms():
    for bad in (56.0, True, None):
        with pytest.raises(ValueError) as info:
            cd.resolve_province(bad)
        assert str(info.value) == f"a province is given as a name, slug or GSO code (a string), not {bad!r}"


def test_population_is_a_nullable_integer_filled_only_where_verified():
    rows = list(csv.DictReader(open(cd.data_dir() / "provinces.csv", encoding="utf-8", newline="")))
    expected = {r["slug"]: int(r["population_2019"]) for r in rows if r["population_2019"]}
    p = cd.provinces()
    assert str(p["population_2019"].dtype) == "Int64"
    got = p.set_index("slug")["population_2019"]
    assert got.dropna().astype(int).to_dict() == expected
    assert got.isna().sum() == len(rows) - len(expected)
    assert p.index.tolist() == list(range(len(rows)))


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


def test_functions_read_the_given_folder(renamed):
    assert cd.resolve_province("Cao nguyên đá", data_dir=renamed) == "ha-giang"
    assert cd.successor("Cao nguyên đá", data_dir=renamed) == "ha-noi"
    assert cd.successor("Hà Giang", data_dir=renamed) == "ha-noi"
    assert cd.provinces(data_dir=renamed).set_index("slug").at["ha-giang", "population_2019"] == 1
    with pytest.raises(ValueError, match="'Cao nguyên đá' is not a known province"):
        cd.resolve_province("Cao nguyên đá")
    with pytest.raises(ValueError, match="'Cao nguyên đá' is not a known province"):
        cd.successor("Cao nguyên đá")


def test_unknown_province_message_counts_the_given_registry(data_copy):
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


def test_population_stays_a_nullable_integer_when_none_is_known(data_copy):
    path = data_copy / "provinces.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["population_2019"] = ""
    frame.to_csv(path, index=False)
    population = cd.provinces(data_dir=data_copy)["population_2019"]
    assert str(population.dtype) == "Int64" and population.isna().all()
