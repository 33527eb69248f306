"""Tests of ``cchc_data.plotting.describe``: a chart described in one sentence of its language, for alt text and captions."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from cchc_data import i18n
from cchc_data import plotting as pl
from cchc_data.plotting.describe import describe_chart


def chart(rows, title="Dossiers on time"):
    """A figure carrying ``rows`` as the values it drew, as the plotting functions leave them."""
    fig, ax = plt.subplots()
    ax.set_title(title, loc="left")
    fig.cchc_values = pd.DataFrame(rows)
    return fig


def row(province, period, value, *, kind="actual", unit="percent", flag="", indicator="dossiers_on_time_share"):
    return dict(province=province, indicator=indicator, period=period, kind=kind, value=value, unit=unit, flag=flag)


class TestDescribeChart:
    def test_alt_sentence_of_a_national_chart_names_the_provinces_own_scores(self):
        """The national reference marks (average, highest, lowest of all provinces) are not the province's values."""
        ax = pl.trajectory_chart("Khánh Hòa", "PAPI", lang="en")
        own = ax.figure.cchc_values.query("scope == 'province' and measure == 'score'")["value"].astype(float)
        text = describe_chart(ax, "en")
        assert f"Lowest: PAPI {own.min():.2f}".rstrip("0") in text and f"highest: PAPI {own.max():.2f}" in text
        several = describe_chart(pl.province_trajectories("Đắk Lắk", lang="en"), "en")
        assert "Lowest" not in several  # no lowest/highest across indices on different scales
        assert several.startswith("Đắk Lắk in the national rankings. ")

    def test_a_chart_without_values_is_its_title(self):
        fig, ax = plt.subplots()
        ax.set_title("Nothing to draw\nsecond line is a note", loc="left")
        assert describe_chart(ax, "en") == "Nothing to draw. second line is a note."
        fig.cchc_values = pd.DataFrame()
        assert describe_chart(fig, "en") == "Nothing to draw. second line is a note."

    def test_a_title_wrapped_on_the_chart_reads_as_written(self):
        """A long title drawn on two lines is one title in the sentence, not "… điều hành. (E-Office) …"."""
        ax = pl.breakdown_chart("khanh-hoa", "agencies_using_eoffice", lang="vi")
        drawn = ax.get_title(loc="left")
        assert "\n" in drawn  # wrapped on the chart
        assert describe_chart(ax, "vi").startswith(" ".join(drawn.split()) + ". ")
        plt.close(ax.figure)

    def test_a_chart_that_counts_facts_says_so_without_a_lowest_and_highest(self):
        ax = pl.coverage_heatmap(by="concept", lang="en")
        n = len(ax.figure.cchc_values)
        text = describe_chart(ax, "en")
        assert f": {n} facts counted (" in text and "Lowest" not in text  # not "Lowest: E-Office 8; highest: …"
        plt.close(ax.figure)

    def test_says_where_when_how_many_of_each_kind(self):
        fig = chart(
            [row("khanh-hoa", "2021", 90.0), row("ha-giang", "2019", 80.0), row("khanh-hoa", "2025", 95, kind="target")]
        )
        text = describe_chart(fig, "en")
        n = i18n.t("alt_values", "en", n="3")
        assert text.startswith(f"Dossiers on time. Hà Giang, Khánh Hòa, 2019 … 2025: {n} (2 achieved, 1 target).")
        # the provinces in the site's one order (by name, diacritics folded), not in the order the rows came
        later = describe_chart(chart([row("khanh-hoa", "2021", 90.0), row("dak-lak", "2021", 80.0)]), "vi")
        assert later.startswith("Dossiers on time. Đắk Lắk, Khánh Hòa, 2021:")

    def test_lowest_and_highest_are_among_the_achieved_values(self):
        rows = [
            row("khanh-hoa", "2021", 90.0),
            row("ha-giang", "2019", 80.0),
            row("dak-lak", "2025", 99, kind="target"),
        ]
        low, high = describe_chart(chart(rows), "en").split("Lowest: ")[1].split("; highest: ")
        assert "(Hà Giang, 2019)" in low and "(Khánh Hòa, 2021)" in high  # the target of 99 is not a result

    def test_no_lowest_and_highest_across_different_indicators(self):
        rows = [row("khanh-hoa", "2021", 90.0), row("ha-giang", "2021", 80.0, indicator="dossiers_online_share")]
        assert "Lowest" not in describe_chart(chart(rows), "en")
        assert "Lowest: " in describe_chart(
            chart([row("khanh-hoa", "2021", 90.0), row("ha-giang", "2021", 80.0)]), "en"
        )

    def test_more_than_three_provinces_are_counted_not_named(self):
        slugs = ["khanh-hoa", "ha-giang", "dak-lak", "cao-bang"]
        text = describe_chart(chart([row(s, "2021", 50.0 + i) for i, s in enumerate(slugs)]), "vi")
        assert i18n.t("chart.n_provinces", "vi", n="4") in text and "Khánh Hòa" not in text.split(":")[0]

    def test_flagged_values_are_counted_with_their_meaning(self):
        fig = chart([row("khanh-hoa", "2021", 90.0, flag="contradiction"), row("ha-giang", "2021", 80.0)])
        meaning = i18n.value_label("flag", "contradiction", "en")
        assert describe_chart(fig, "en").endswith(f"1 value is flagged in its source ({meaning}).")

    def test_each_language_has_its_own_sentence_and_a_bad_one_is_refused(self):
        fig = chart([row("khanh-hoa", "2021-Q1", 90.0), row("ha-giang", "2021-Q1", 80.0)])
        assert describe_chart(fig, "vi") != describe_chart(fig, "en")
        with pytest.raises(ValueError, match="'fr' is not a supported language"):
            describe_chart(fig, "fr")
