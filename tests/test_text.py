"""Tests of ``cchc_data._text``: normalising, folding and printing text and numbers as written."""

import csv
import unicodedata

import pandas as pd
import pytest

from cchc_data._text import as_printed, collapse_ws, fold, nfc, normalize_tones, plain_number


class TestPlainNumber:
    def test_plain_number_keeps_the_printed_digits(self):
        assert [plain_number(v) for v in (4.0, 14000.0, 98.63, 1514, float("nan"))] == [
            "4",
            "14000",
            "98.63",
            "1514",
            "",
        ]


class TestNfc:
    def test_decomposed_letters_are_composed(self):
        nfd = unicodedata.normalize("NFD", "Khánh Hòa")
        assert nfd != "Khánh Hòa" and nfc(nfd) == "Khánh Hòa"


class TestNormalizeTones:
    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("Khánh Hoà", "Khánh Hòa"),
            ("Thuỷ", "Thủy"),
            ("HOÀ", "HÒA"),
            ("hoá đơn", "hóa đơn"),
            ("quý", "quý"),
            ("Quỳnh Lưu", "Quỳnh Lưu"),
            ("QUÝ", "QUÝ"),
        ],
    )
    def test_old_style_tones_move_to_the_new_style(self, old, new):
        assert normalize_tones(old) == new

    def test_decomposed_old_style_is_composed_first(self):
        assert normalize_tones(unicodedata.normalize("NFD", "Thanh Hoá")) == "Thanh Hóa"

    def test_text_without_old_style_tones_is_unchanged(self):
        assert normalize_tones("Đắk Lắk, Hà Giang") == "Đắk Lắk, Hà Giang"


class TestFold:
    @pytest.mark.parametrize(
        ("text", "key"),
        [("  Khánh  Hoà ", "khanh hoa"), ("Đắk Lắk", "dak lak"), ("ĐÚNG hạn", "dung han"), (2019, "2019")],
    )
    def test_lower_case_without_diacritics_and_single_spaces(self, text, key):
        assert fold(text) == key

    def test_old_and_new_tone_placement_fold_alike(self):
        assert fold("Khánh Hoà") == fold("Khánh Hòa")


class TestCollapseWs:
    def test_runs_of_whitespace_become_one_space_and_the_ends_are_trimmed(self):
        assert collapse_ws(" a\t\tb\n c  ") == "a b c"


class TestAsPrinted:
    def test_float_columns_become_printed_numbers_other_columns_stay(self):
        frame = pd.DataFrame({"value": [4.0, 98.63, float("nan")], "count": [1, 2, 3], "name": list("abc")})
        out = as_printed(frame)
        assert [None if v is None else str(v) for v in out["value"]] == ["4", "98.63", None]
        assert out["count"].tolist() == [1, 2, 3] and out["name"].tolist() == ["a", "b", "c"]
        assert frame["value"].dtype.kind == "f"  # the caller's frame is not changed

    def test_printed_numbers_are_written_unquoted_and_unrounded(self):
        out = as_printed(pd.DataFrame({"value": [0.1, 1514.0, -3.0]}))
        assert out.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).splitlines() == ['"value"', "0.1", "1514", "-3"]
