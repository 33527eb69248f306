"""Tests that kill mutants of cchc_data/numbers.py (see tests/MUTATION.md).

Each test pins a behaviour that a one-character change in ``numbers.py`` used to leave unnoticed.
"""

import pytest

from cchc_data import numbers_in, parse_vn_number, parse_vn_quantity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", 1234.5),  # thousands groups *and* a decimal part
        ("2.319.400,25 đồng", 2_319_400.25),
        ("1.514,0%", 1514.0),
    ],
)
def test_grouped_number_with_decimal_part(text, expected):
    assert parse_vn_number(text) == expected


def test_numbers_in_reads_grouped_numbers_with_decimal_part():
    assert numbers_in("tổng 1.234,5 triệu đồng và 65,91%") == [1234.5, 1_234_500_000.0, 65.91]


def test_numbers_in_skips_a_token_that_is_no_vietnamese_number_and_reads_on():
    # "25.11.2026" is neither a grouped number nor a decimal: it is skipped, the numbers after it are kept.
    assert numbers_in("ngày 25.11.2026 có 1.514 hồ sơ, đạt 98,63%") == [1514.0, 98.63]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("từ 30% TRỞ LÊN", (30.0, "at_least")),
        ("30% Trở Lên", (30.0, "at_least")),
        ("30% trở lên", (30.0, "at_least")),
        ("30% trở xuống", (30.0, "none")),
        ("TRÊN 14 NGHÌN", (14_000.0, "more_than")),
        ("Tối đa 5 ngày", (5.0, "at_most")),
        ("dưới 2 tỷ", (2_000_000_000.0, "less_than")),
        ("khoảng 3 Triệu", (3_000_000.0, "about")),
        ("ít nhất 1.000", (1000.0, "at_least")),
    ],
)
def test_qualifiers_and_scales_ignore_case(text, expected):
    assert parse_vn_quantity(text) == expected


def test_error_message_names_the_text_and_shows_valid_forms():
    expected = (
        "'mười' is not a number in the Vietnamese format; expected e.g. '1.514', '65,91%', "
        "'100.210.000 đồng' or 'trên 14 nghìn'"
    )
    with pytest.raises(ValueError) as info:
        parse_vn_number("mười")
    assert str(info.value) == expected
    with pytest.raises(ValueError) as info:
        parse_vn_quantity(3.5)
    assert str(info.value) == "expected the number as printed (a string), got 3.5"
