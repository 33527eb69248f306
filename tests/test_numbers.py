"""Tests of cchc_data/numbers.py: reading Vietnamese numbers, quantities and number words."""

import pytest

from cchc_data import numbers_in, parse_vn_number, parse_vn_number_words, parse_vn_quantity

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


WORDS = [
    ("không", 0),
    ("một", 1),
    ("ba", 3),
    ("bảy", 7),
    ("bẩy", 7),
    ("mười", 10),
    ("mười một", 11),
    ("mười lăm", 15),
    ("mười tư", 14),
    ("hai mươi", 20),
    ("hai mươi mốt", 21),
    ("hai mươi tư", 24),
    ("ba mươi lăm", 35),
    ("bốn mươi nhăm", 45),
    ("chín mươi chín", 99),
    ("ba chục", 30),
    ("một trăm", 100),
    ("một trăm linh năm", 105),
    ("ba trăm lẻ bốn", 304),
    ("một trăm mười", 110),
    ("năm trăm năm mươi lăm", 555),
    ("một nghìn", 1000),
    ("hai ngàn", 2000),
    ("hai nghìn không trăm hai mươi ba", 2023),
    ("hai nghìn không trăm linh năm", 2005),
    ("mười hai nghìn", 12_000),
    ("một trăm nghìn", 100_000),
    ("một triệu hai trăm nghìn", 1_200_000),
    ("ba triệu không trăm linh một nghìn", 3_001_000),
    ("hai tỷ ba trăm triệu", 2_300_000_000),
    ("một nghìn tỷ", 1_000_000_000_000),
    ("thứ hai", 2),
    ("thứ nhất", 1),
    ("thứ tư", 4),
    ("thứ mười", 10),
    ("Hai Mươi", 20),  # case does not matter
    ("hai mu\u031bo\u031bi", 20),  # nor does the Unicode normal form (NFD here)
]


class TestParseVnNumber:
    @pytest.mark.parametrize(("text", "expected"), CASES)
    def test_parse_vn_number(self, text, expected):
        assert parse_vn_number(text) == pytest.approx(expected, abs=0)

    @pytest.mark.parametrize("bad", ["", "abc", "một nghìn", None, 12])
    def test_parse_vn_number_rejects(self, bad):
        with pytest.raises(ValueError, match="not a number in the Vietnamese format|expected the number as printed"):
            parse_vn_number(bad)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("1.234,5", 1234.5),  # thousands groups *and* a decimal part
            ("2.319.400,25 đồng", 2_319_400.25),
            ("1.514,0%", 1514.0),
        ],
    )
    def test_grouped_number_with_decimal_part(self, text, expected):
        assert parse_vn_number(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected"), [("51.0203 điểm", 51.0203), ("2.4081", 2.4081), ("7.50123", 7.50123)]
    )
    def test_a_dot_before_four_or_more_digits_is_a_decimal_mark_not_thousands(self, text, expected):
        assert parse_vn_number(text) == expected  # was 51020, 2408, 7501: the digits after a group dropped

    @pytest.mark.parametrize("bad", ["1.234.5678", "12.34.56", "7,25,5", "2.500.00 đồng", "9.876.5432 điểm"])
    def test_a_malformed_grouping_is_refused_not_cut(self, bad):
        # "1.234.5678" was read as 1234 (the digits after the first group dropped): refuse it, naming the text
        with pytest.raises(ValueError, match="grouped wrongly") as info:
            parse_vn_number(bad)
        assert repr(bad) in str(info.value)
        assert "exactly three digits" in str(info.value)
        with pytest.raises(ValueError, match="grouped wrongly"):
            parse_vn_quantity(f"khoảng {bad}")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("3,15 nghìn tỷ đồng", 3_150_000_000_000),
            ("1,5 triệu tỷ", 1_500_000_000_000_000),
            ("7 trăm triệu", 700_000_000),
        ],
    )
    def test_a_compound_scale_multiplies_every_word(self, text, expected):
        assert parse_vn_number(text) == expected


class TestParseVnQuantity:
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
    def test_qualifiers(self, text, qualifier):
        assert parse_vn_quantity(text)[1] == qualifier

    @pytest.mark.parametrize(("text", "expected"), CASES)
    def test_numerals_read_the_same_with_words(self, text, expected):
        assert numbers_in(text, words=True) == numbers_in(text)
        assert numbers_in(text, words=True)[-1] == pytest.approx(expected, abs=0)

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
    def test_qualifiers_and_scales_ignore_case(self, text, expected):
        assert parse_vn_quantity(text) == expected

    def test_error_message_names_the_text_and_shows_valid_forms(self):
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


class TestNumbersIn:
    @pytest.mark.parametrize(
        ("text", "expected"), [("đứng thứ nhất, ba đơn vị", [1.0, 3.0]), ("thứ tư hai lần", [4.0, 2.0])]
    )
    def test_a_number_in_words_right_after_an_ordinal_is_read_too(self, text, expected):
        assert numbers_in(text, words=True) == expected  # "nhất" and "tư" are ordinal words, read with their "thứ"

    def test_numbers_in_fractions_and_scales(self):
        assert numbers_in("191/195 xã, phường, thị trấn") == [191, 195]
        assert numbers_in("1.769 TTHC (cấp tỉnh: 1.219 thủ tục") == [1769, 1219]
        assert numbers_in("trên 14 nghìn hộp thư") == [14, 14000]
        assert numbers_in("hơn 3,15 nghìn tỷ đồng") == [3.15, 3_150_000_000_000]
        assert numbers_in("65.158 lượt xem tin, bài trên Cổng (trong số 97.494") == [65158, 97494]
        assert numbers_in("không có số") == []

    def test_numbers_in_english_convention(self):
        assert numbers_in("reached 90.49%; ranking 10th out of 63", convention="en") == [90.49, 10, 63]
        assert numbers_in("1,514.5 cases, 43.4369 points", convention="en") == [1514.5, 43.4369]
        assert numbers_in("1,514.5 cases", convention="vi") != [1514.5]  # the Vietnamese reading differs
        assert numbers_in("trên 14 nghìn", convention="en") == [14]  # Vietnamese scale words are not read
        assert numbers_in("no number", convention="en") == []

    def test_numbers_in_rejects_an_unknown_convention(self):
        with pytest.raises(ValueError, match="'fr' is not a known convention; use one of 'vi', 'en'"):
            numbers_in("1,5", convention="fr")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("một trong ba khâu đột phá", [1, 3]),
            ("liên thông đồng bộ trên cả ba cấp tỉnh - huyện - xã", [3]),
            ("03 cơ quan xếp hạng Trung bình, không có đơn vị xếp hạng Yếu", [3, 0]),  # numerals and words in order
            ("không có hồ sơ nào trễ hạn", [0]),
            ("Hai mươi lăm xã và 191/195 xã", [25, 191, 195]),
            ("trên 14 nghìn hộp thư", [14, 14_000]),  # a scale word after numerals is not read twice
            ("lần thứ tư", [4]),
            ("hai nghìn không trăm linh năm năm", [2005]),  # the year word after the number is not a five
            # words that are numbers only in some senses are not read alone
            ("trong năm 2019", [2019]),  # năm = year
            ("mười năm qua", [10]),  # ten years
            ("không thực hiện", []),  # không = not
            ("không có con số nào", []),  # "không có" without a counted noun
            ("đầu tư công", []),  # tư = invest
            ("một số đơn vị", []),  # một số = some
            ("hàng trăm hồ sơ", []),
            ("hai nghìn ba người", []),  # an ambiguous abbreviation: neither 2000 nor 3
        ],
    )
    def test_numbers_in_reads_words(self, text, expected):
        assert numbers_in(text, words=True) == expected

    def test_numbers_in_reads_no_words_unless_asked(self):
        assert numbers_in("một trong ba khâu đột phá, 03 cơ quan") == [3]
        assert numbers_in("không có đơn vị xếp hạng Yếu") == []

    def test_numbers_in_reads_grouped_numbers_with_decimal_part(self):
        assert numbers_in("tổng 1.234,5 triệu đồng và 65,91%") == [1234.5, 1_234_500_000.0, 65.91]

    def test_numbers_in_skips_a_token_that_is_no_vietnamese_number_and_reads_on(self):
        # "25.11.2026" is neither a grouped number nor a decimal: it is skipped, the numbers after it are kept.
        assert numbers_in("ngày 25.11.2026 có 1.514 hồ sơ, đạt 98,63%") == [1514.0, 98.63]


class TestParseVnNumberWords:
    @pytest.mark.parametrize("text", ["abc", "mười mười", ""])
    def test_text_that_is_no_number_in_words_is_named_with_examples(self, text):
        examples = "'ba', 'hai mươi lăm', 'một trăm linh năm', 'hai nghìn không trăm hai mươi ba' or 'thứ hai'"
        with pytest.raises(ValueError) as info:
            parse_vn_number_words(text)
        assert str(info.value) == f"{text!r} is not a number in Vietnamese words; expected e.g. {examples}"

    @pytest.mark.parametrize(("text", "expected"), WORDS)
    def test_parse_vn_number_words(self, text, expected):
        assert parse_vn_number_words(text) == expected

    @pytest.mark.parametrize(
        "bad",
        [
            "",
            "abc",
            "trăm",  # no digit
            "hàng nghìn",  # "thousands of": no number
            "mốt",  # read only after the tens
            "tư",
            "mười năm",  # "ten years": five after the tens is "lăm"
            "một trăm hai",  # 120 or 102? an abbreviation is refused
            "hai nghìn ba",  # 2300 or 2003?
            "hai ba",  # "two or three"
            "không có",
            "hai - ba",
            "1.514",  # numerals are parse_vn_number's
            None,
            3,
        ],
    )
    def test_parse_vn_number_words_rejects(self, bad):
        with pytest.raises(ValueError, match="not a number in Vietnamese words|expected the number in words"):
            parse_vn_number_words(bad)

    def test_parse_vn_number_words_message_names_the_text_and_shows_forms(self):
        with pytest.raises(ValueError, match=r"^'mười năm' is not a number in Vietnamese words; expected e\.g\. 'ba'"):
            parse_vn_number_words("mười năm")
