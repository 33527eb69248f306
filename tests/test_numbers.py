import pytest

from cchc_data import numbers_in, parse_vn_number, parse_vn_quantity

# Every number format that occurs in the source texts.
CASES = [
    ("1.514", 1514),
    ("65,91%", 65.91),
    ("100.210.000 đồng", 100_210_000),
    ("trên 14 nghìn", 14_000),
    ("07", 7),
    ("03", 3),
    ("98,63%", 98.63),
    ("2.319.400", 2_319_400),
    ("130.729", 130_729),
    ("57,07%", 57.07),
    ("11.3 %", 11.3),  # printed with a dot as decimal mark in kh-2021q1-report
    ("80,9%", 80.9),
    ("100%", 100),
    ("gần 1.000", 1000),
    ("hơn 60%", 60),
    ("tối thiểu 90%", 90),
    ("từ 30% trở lên", 30),
    ("0,01%", 0.01),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_vn_number(text, expected):
    assert parse_vn_number(text) == pytest.approx(expected, abs=0)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("trên 14 nghìn", "more_than"),
        ("hơn 60%", "more_than"),
        ("gần 1.000", "about"),
        ("ước tính 75%", "about"),
        ("tối thiểu 90%", "at_least"),
        ("từ 50% trở lên", "at_least"),
        ("98,63%", "none"),
    ],
)
def test_qualifiers(text, qualifier):
    assert parse_vn_quantity(text)[1] == qualifier


@pytest.mark.parametrize("bad", ["", "abc", "một nghìn", None, 12])
def test_parse_vn_number_rejects(bad):
    with pytest.raises(ValueError, match="not a number in the Vietnamese format|expected the number as printed"):
        parse_vn_number(bad)


def test_numbers_in_fractions_and_scales():
    assert numbers_in("191/195 xã, phường, thị trấn") == [191, 195]
    assert numbers_in("1.769 TTHC (cấp tỉnh: 1.219 thủ tục") == [1769, 1219]
    assert numbers_in("trên 14 nghìn hộp thư") == [14, 14000]
    assert numbers_in("65.158 lượt xem tin, bài trên Cổng (trong số 97.494") == [65158, 97494]
    assert numbers_in("không có số") == []


def test_numbers_in_english_convention():
    assert numbers_in("reached 90.49%; ranking 10th out of 63", convention="en") == [90.49, 10, 63]
    assert numbers_in("1,514.5 cases, 43.4369 points", convention="en") == [1514.5, 43.4369]
    assert numbers_in("1,514.5 cases", convention="vi") != [1514.5]  # the Vietnamese reading differs
    assert numbers_in("trên 14 nghìn", convention="en") == [14]  # Vietnamese scale words are not read
    assert numbers_in("no number", convention="en") == []


def test_numbers_in_rejects_an_unknown_convention():
    with pytest.raises(ValueError, match="'fr' is not a known convention; use one of 'vi', 'en'"):
        numbers_in("1,5", convention="fr")
