"""Tests of ``cchc_data._csvfile``: CSV files for spreadsheets round-trip every valid cell, formulas stay text."""

import csv
import io

import pandas as pd
import pytest

from cchc_data._csvfile import FORMULA_START, csv_text, protect, read_csv, unprotect, write_csv

TRICKY = ["=SUM(A1:A2)", "+84 90", "-5 đơn vị", "@cmd", "\tindent", "\rcr", "'quoted", "''twice", "plain", ""]


class TestProtect:
    @pytest.mark.parametrize("start", FORMULA_START)
    def test_text_starting_like_a_formula_gets_one_apostrophe(self, start):
        assert protect(start + "x") == "'" + start + "x"

    def test_an_apostrophe_at_the_start_is_doubled_so_it_comes_back(self):
        assert protect("'a") == "''a"

    @pytest.mark.parametrize("value", ["7 hồ sơ", "a=b", "x-1", "", 3, -2.5, None])
    def test_other_cells_and_numbers_are_left_alone(self, value):
        assert protect(value) is value


class TestUnprotect:
    @pytest.mark.parametrize("text", TRICKY)
    def test_gives_back_what_protect_was_given(self, text):
        assert unprotect(protect(text)) == text

    def test_removes_one_apostrophe_only_and_leaves_numbers(self):
        assert unprotect("''a") == "'a"
        assert unprotect(-1.0) == -1.0


class TestCsvText:
    def test_text_cells_are_quoted_and_protected_numbers_are_not(self):
        frame = pd.DataFrame({"note": ["=1+1", "a,b"], "value": [-2.5, 3.0]})
        text = csv_text(frame)
        assert text.splitlines() == ['"note","value"', '"\'=1+1",-2.5', '"a,b",3.0']
        assert text.endswith("\n") and "\r\n" not in text

    def test_a_carriage_return_inside_a_cell_does_not_split_the_row(self):
        text = csv_text(pd.DataFrame({"note": ["a\rb", "c\nd"], "n": [1, 2]}))
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows == [["note", "n"], ["a\rb", "1"], ["c\nd", "2"]]

    def test_the_frame_is_not_changed(self):
        frame = pd.DataFrame({"note": ["=x"]})
        csv_text(frame)
        assert frame.at[0, "note"] == "=x"

    def test_booleans_are_not_protected_text(self):
        assert csv_text(pd.DataFrame({"ok": [True, False]})).splitlines()[1:] == ["True", "False"]


class TestWriteCsv:
    def test_file_starts_with_a_byte_order_mark_and_round_trips_every_cell(self, tmp_path):
        path = tmp_path / "x.csv"
        frame = pd.DataFrame({"text": TRICKY, "tỉnh": ["Khánh Hòa"] * len(TRICKY)})
        write_csv(frame, path)
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        back = read_csv(path)
        assert back["text"].tolist() == TRICKY and back["tỉnh"].tolist() == ["Khánh Hòa"] * len(TRICKY)

    def test_replaces_an_existing_file(self, tmp_path):
        path = tmp_path / "x.csv"
        path.write_text("old,old\n1,2\n3,4\n", encoding="utf-8")
        write_csv(pd.DataFrame({"a": ["new"]}), path)
        assert read_csv(path).to_dict("list") == {"a": ["new"]}


class TestReadCsv:
    def test_every_cell_is_text_and_empty_cells_are_empty_strings(self, tmp_path):
        path = tmp_path / "x.csv"
        write_csv(pd.DataFrame({"a": ["x", ""], "n": [1.5, None]}), path)
        back = read_csv(path)
        assert back.to_dict("list") == {"a": ["x", ""], "n": ["1.5", ""]}
        assert all(isinstance(v, str) for v in back.to_numpy().ravel())
