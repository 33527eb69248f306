import unicodedata

import pytest

import cchc_data as cd


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
def test_resolve_khanh_hoa(name):
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
def test_resolve_other_forms(name, slug):
    assert cd.resolve_province(name) == slug


def test_unknown_province_lists_close_matches():
    with pytest.raises(ValueError, match=r"'Khanh Hao' is not a known province \(did you mean 'Khánh Hòa'"):
        cd.resolve_province("Khanh Hao")
    with pytest.raises(
        ValueError, match=r"^'Atlantis' is not a known province; see cchc_data.provinces\(\) for the 63 known names$"
    ):
        cd.resolve_province("Atlantis")
    with pytest.raises(ValueError, match="a province is given as a name, slug or GSO code"):
        cd.resolve_province(["Khánh Hòa"])


def test_registry_has_every_pre_2025_unit_and_the_2025_reorganisation():
    p = cd.provinces().set_index("slug")
    assert len(p) == 63 and p["gso_code"].is_unique
    assert p.loc[["ha-giang", "khanh-hoa", "dak-lak"], "gso_code"].tolist() == ["02", "56", "66"]
    # Resolution 202/2025/QH15: 34 units continue, the 29 others merge into one of them.
    assert (p["code_2025"] != "").sum() == 34
    assert p.at["ha-giang", "successor"] == "tuyen-quang" and p.at["tuyen-quang", "code_2025"] == "08"
    assert p.at["ninh-thuan", "successor"] == "khanh-hoa" and p.at["khanh-hoa", "code_2025"] == "56"
    assert p.at["phu-yen", "successor"] == "dak-lak" and p.at["dak-lak", "code_2025"] == "66"
    assert p.loc[p["code_2025"] == "", "successor"].map(lambda s: p.at[s, "code_2025"] != "").all()
    assert p.loc[["khanh-hoa", "ha-giang", "dak-lak"], "population_2019"].tolist() == [1_231_107, 854_679, 1_869_322]


def test_successor():
    assert cd.successor("Hà Giang") == "tuyen-quang"
    assert cd.successor("Ninh Thuận") == "khanh-hoa"
    assert cd.successor("Đắk Lắk") == "dak-lak"
