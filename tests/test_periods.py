"""Tests of ``cchc_data.periods``: period labels, the forms Vietnamese documents write, and their bounds in months."""

import pytest

from cchc_data.periods import PERIOD_HINT, Period, parse_period


class TestParsePeriod:
    @pytest.mark.parametrize(
        ("label", "expected"),
        [
            ("2019", Period("2019", 2019, None, 2019)),
            (2019, Period("2019", 2019, None, 2019)),
            ("2021-Q1", Period("2021-Q1", 2021, 1, 2021)),
            ("2021-Q4", Period("2021-Q4", 2021, 4, 2021)),
            ("2021-2030", Period("2021-2030", 2021, None, 2030)),
            ("  2019 ", Period("2019", 2019, None, 2019)),
        ],
    )
    def test_labels_parse_to_their_years_and_quarter(self, label, expected):
        assert parse_period(label) == expected

    @pytest.mark.parametrize(
        ("written", "label"),
        [
            ("Q1/2021", "2021-Q1"),
            ("q4-2020", "2020-Q4"),
            ("quý I/2021", "2021-Q1"),
            ("Quý II/2022", "2022-Q2"),
            ("quý iii/2020", "2020-Q3"),
            ("Quý IV năm 2019", "2019-Q4"),
            ("Quý 1 năm 2021", "2021-Q1"),
            ("quy 3 2023", "2023-Q3"),
            ("2021 Q2", "2021-Q2"),
            ("2021q3", "2021-Q3"),
            ("năm 2019", "2019"),
            ("Năm  2019", "2019"),
            ("giai đoạn 2021–2030", "2021-2030"),
            ("2021 — 2025", "2021-2025"),
            ("2016 - 2020", "2016-2020"),
        ],
    )
    def test_the_forms_of_vietnamese_documents_give_the_canonical_label(self, written, label):
        assert parse_period(written).label == label

    @pytest.mark.parametrize(
        "bad", ["2021-Q5", "2021-Q0", "Q5/2021", "19", "20190", "２０１９", "2021/2022", "", "năm"]
    )
    def test_other_text_is_refused_with_the_hint(self, bad):
        with pytest.raises(ValueError) as info:
            parse_period(bad)
        message = str(info.value)
        assert message.startswith(f"{bad!r} is not a period; ") and PERIOD_HINT in message
        assert "Q1/2021 and quý I/2021 are read as 2021-Q1" in message

    def test_a_backwards_span_says_so(self):
        with pytest.raises(ValueError, match=r"^'2030-2021' is not a period: the span runs backwards; write a year"):
            parse_period("2030-2021")

    def test_a_span_of_one_year_needs_two_years(self):
        with pytest.raises(ValueError, match=r"^'2021-2021' is not a period: a span needs two different years; "):
            parse_period("2021-2021")


class TestPeriod:
    @pytest.mark.parametrize(
        ("label", "first", "last"),
        [
            ("2019", (2019, 1), (2019, 12)),
            ("2021-Q1", (2021, 1), (2021, 3)),
            ("2021-Q2", (2021, 4), (2021, 6)),
            ("2021-Q4", (2021, 10), (2021, 12)),
            ("2021-2030", (2021, 1), (2030, 12)),
        ],
    )
    def test_start_and_end_are_the_first_and_last_month(self, label, first, last):
        period = parse_period(label)
        assert divmod(period.start, 12) == (first[0], first[1] - 1)
        assert divmod(period.end, 12) == (last[0], last[1] - 1)

    def test_a_quarter_lies_inside_its_year_and_the_year_inside_a_span(self):
        year, quarter, span = parse_period("2021"), parse_period("2021-Q3"), parse_period("2021-2025")
        assert year.start <= quarter.start <= quarter.end <= year.end
        assert span.start == year.start and span.end > year.end

    def test_periods_compare_and_unpack_like_tuples(self):
        label, year, quarter, year_end = parse_period("2022-Q2")
        assert (label, year, quarter, year_end) == ("2022-Q2", 2022, 2, 2022)
        assert parse_period("Q2/2022") == parse_period("2022-Q2")
