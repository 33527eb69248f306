"""Tests of ``cchc_data.plotting.describe``: a chart described in one sentence of its language, for alt text and captions."""

from cchc_data import plotting as pl


class TestDescribeChart:
    def test_alt_sentence_of_a_national_chart_names_the_provinces_own_scores(self):
        """The national reference marks (average, highest, lowest of all provinces) are not the province's values."""
        from cchc_data.plotting.describe import describe_chart

        ax = pl.trajectory_chart("Khánh Hòa", "PAPI", lang="en")
        own = ax.figure.cchc_values.query("scope == 'province' and measure == 'score'")["value"].astype(float)
        text = describe_chart(ax, "en")
        assert f"Lowest: PAPI {own.min():.2f}".rstrip("0") in text and f"highest: PAPI {own.max():.2f}" in text
        several = describe_chart(pl.province_trajectories("Đắk Lắk", lang="en"), "en")
        assert "Lowest" not in several  # no lowest/highest across indices on different scales
        assert several.startswith("Đắk Lắk in the national rankings. ")
