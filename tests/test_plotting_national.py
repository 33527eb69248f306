"""Tests of ``cchc_data.plotting.national``: the national index charts draw the values of the tables, never bridge a gap or a method change, and say what they leave out."""

import itertools

import matplotlib.pyplot as plt
import pytest

from cchc_data import national as nat
from cchc_data import plotting_national as pn
from cchc_data.plotting import SOURCE_COLUMNS, footer_text
from cchc_data.plotting._labels import label_boxes
from cchc_data.plotting.files import PHONE_WIDTH_IN


def row(id_, index, province, period, measure, scope, value, unit, evidence, *, source="baokhanhhoa-2024-papi",
        qualifier="none", flag="", note_vi=""):  # fmt: skip
    return dict(id=f"{source}-{id_:03d}", index=index, province=province, period=str(period), measure=measure,
                scope=scope, value=str(value), unit=unit, qualifier=qualifier, source_id=source, evidence=evidence,
                flag=flag, note_vi=note_vi)  # fmt: skip


def _segments_drawn(ax):
    return [tuple(int(x) for x in line.get_xdata()) for line in ax.lines if line.get_gid() == "trajectory-segment"]


class TestTrajectoryChart:
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_trajectory_chart_draws_the_trajectory_values(self, lang):
        ax = pn.trajectory_chart("Khánh Hòa", "SIPAS", lang=lang)
        drawn = ax.figure.cchc_values
        assert list(drawn.columns) == pn.VALUE_COLUMNS + SOURCE_COLUMNS  # the values, and their sources described
        pages = nat.national_index_sources().set_index("source_id")
        assert drawn["source_title_en"].tolist() == pages.loc[drawn["source_id"], "title_en"].tolist()
        own = drawn[(drawn["scope"] == "province") & (drawn["measure"] == "score")]
        assert sorted(set(own["value"])) == [81.82, 83.66, 84.4]
        points = [tuple(line.get_xydata()[0]) for line in ax.lines if line.get_marker() == "o"]
        assert sorted(points) == [(2020, 81.82), (2021, 84.4), (2024, 83.66)]
        labels = " ".join(t.get_text() for t in ax.texts)
        assert ("hạng 30/63" if lang == "vi" else "rank 30/63") in labels
        assert ("83,66%" if lang == "vi" else "83.66%") in labels
        footer = ax.figure.get_supxlabel().replace("\n", " ")  # sources by short title, never by internal id
        assert ("Nguồn" if lang == "vi" else "Sources") in footer and "vnvn-kh-2025-par-sipas" not in footer
        short = nat.national_index_sources().set_index("source_id")[f"short_title_{lang}"]
        assert all(" ".join(short[s].split()) in " ".join(footer.split()) for s in set(drawn["source_id"]))

    def test_trajectory_chart_marks_non_comparable_years_hollow(self):
        ax = pn.trajectory_chart("khanh-hoa", "par_index", lang="en")
        faces = {int(line.get_xdata()[0]): line.get_markerfacecolor() for line in ax.lines if line.get_marker() == "o"}
        assert faces[2021] == "white" and faces[2024] != "white"  # the PAR INDEX criteria changed for 2024
        assert "Hollow marks: before 2024" in " ".join(t.get_text() for t in ax.texts)

    def test_trajectory_chart_without_values_says_so(self):
        ax = pn.trajectory_chart("Hà Giang", "sipas", lang="vi")
        assert "Chưa tìm thấy số liệu công bố của Hà Giang về SIPAS" in [t.get_text() for t in ax.texts]
        assert ax.figure.cchc_values.empty

    def test_a_value_only_a_mirror_prints_is_marked(self):
        ax = pn.trajectory_chart("dak-lak", "pci", lang="en")  # PCI 2022: only a Czech machine translation
        drawn = ax.figure.cchc_values.query("scope == 'province' and measure == 'score' and period == '2022'")
        assert set(drawn["source_kind"]) == {"mirror"}
        texts = [t.get_text() for t in ax.texts]
        assert any(t.startswith("60.91 †") for t in texts)
        assert any("only a republication or mirror prints this value (2022)" in t for t in texts)
        plt.close(ax.figure)


class TestProvinceTrajectories:
    def test_province_trajectories_draws_no_blank_panel(self):
        fig = pn.province_trajectories("dak-lak", lang="en")
        assert len(fig.axes) == 3  # no SIPAS value found for Đắk Lắk: a sentence, not an empty box
        assert set(fig.cchc_values.query("scope == 'province'")["indicator"]) == {"par_index", "papi", "pci"}
        note = "No published value found in the sources collected: SIPAS"
        assert note in " ".join(footer_text(fig).split())  # a note in the footer, not in the bold title
        assert note not in fig.get_suptitle() and fig.get_suptitle() == "Đắk Lắk in the national rankings"
        plt.close(fig)

    def test_province_trajectories_names_the_missing_indices_only_when_some_are(self):
        fig = pn.province_trajectories("khanh-hoa", lang="en")
        assert len(fig.axes) == 4 and "No published value found" not in footer_text(fig)
        plt.close(fig)


class TestSegments:
    @pytest.mark.parametrize("province", ["khanh-hoa", "dak-lak", "ha-giang"])
    def test_no_segment_spans_a_gap_or_a_method_change(self, province):
        fig = pn.province_trajectories(province, lang="en")
        cat = nat.national_index_catalog().set_index("index")
        for ax in fig.axes:
            short = ax.get_title(loc="left").split(" – ")[1]
            code = nat.check_index(short)
            years = set(fig.cchc_values.query("indicator == @code and scope == 'province' and measure == 'score'")["period"].astype(int))  # fmt: skip
            for a, b in _segments_drawn(ax):
                assert b == a + 1, f"{province} {short}: a line joins {a} and {b} across a gap"
                breaks = pn.method_breaks(cat.loc[code])
                assert pn.method_of(a, breaks) == pn.method_of(b, breaks), (
                    f"{province} {short}: {a}-{b} spans a method change"
                )
                assert {a, b} <= years  # a segment joins two drawn scores
        plt.close(fig)

    def test_segments_join_only_consecutive_years_of_one_method(self):
        assert pn.segments([2020, 2021, 2024], [False, False, True]) == [(2020, 2021)]
        assert pn.segments([2017, 2018], [False, True]) == []  # the method changed between them
        assert pn.segments([2019, 2020, 2021], [True, True, True]) == [(2019, 2020), (2020, 2021)]

    def test_the_seven_segments_of_issue_22_are_gone(self):
        cases = [("khanh-hoa", "par_index", (2021, 2024)), ("khanh-hoa", "sipas", (2021, 2024)),
                 ("khanh-hoa", "papi", (2020, 2022)), ("khanh-hoa", "pci", (2020, 2023)),
                 ("ha-giang", "pci", (2020, 2022)), ("dak-lak", "par_index", (2017, 2023)),
                 ("dak-lak", "pci", (2016, 2020))]  # fmt: skip
        for province, code, pair in cases:
            ax = pn.trajectory_chart(province, code, lang="en")
            assert pair not in _segments_drawn(ax), (province, code, pair)
            plt.close(ax.figure)


class TestLabelsDoNotOverlap:
    @pytest.mark.parametrize("width", [6.0, PHONE_WIDTH_IN], ids=["desktop-panel", "phone"])
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_no_two_labels_overlap_and_none_covers_a_point(self, width, lang):
        checked = 0
        for province, code in itertools.product(["khanh-hoa", "dak-lak", "ha-giang"], nat.INDICES):
            fig = plt.figure(figsize=(width, 4.3), layout="constrained")
            ax = pn.trajectory_chart(province, code, lang=lang, ax=fig.add_subplot())
            boxes = label_boxes(fig, "value-label") + label_boxes(fig, "method-label")
            renderer = fig.canvas.get_renderer()
            points = [  # the province's own points (round markers), in pixels
                (x, y) for line in ax.lines if line.get_marker() == "o"
                for x, y in line.get_transform().transform(line.get_xydata())
            ]  # fmt: skip
            for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
                assert not box_a.overlaps(box_b), (province, code, a, b)
            for text, box in label_boxes(fig, "value-label"):
                assert not any(box.contains(x, y) for x, y in points), (province, code, text)
            checked += len(boxes)
            assert renderer is not None
            plt.close(fig)
        assert checked > 30, "the charts drew their labels"


class TestMethodBreaks:
    def test_catalog_method_breaks_end_at_comparable_from(self):
        cat = nat.national_index_catalog().set_index("index")
        for code, row in cat.iterrows():
            breaks = pn.method_breaks(row)
            assert breaks and breaks[-1] == row["comparable_from"], code
            assert (
                len(str(row["method_change_en"]).split(";"))
                == len(breaks)
                == len(str(row["method_change_vi"]).split(";"))
            )

    def test_method_change_is_drawn_and_the_zoom_stated(self):
        ax = pn.trajectory_chart("khanh-hoa", "par_index", lang="en")  # scores 2021, 2022 and 2024
        rules = [line for line in ax.lines if line.get_gid() == "method-change"]
        assert sorted(rule.get_xdata()[0] for rule in rules) == [
            2021.5,
            2023.5,
        ]  # the 2022-2030 scheme, the 2024 criteria
        texts = [t.get_text() for t in ax.texts]
        assert {"2022–2030 criteria from 2022", "new criteria from 2024"} <= set(texts)
        assert (2021, 2022) not in _segments_drawn(ax)  # consecutive years, but two methods
        bottom, top = ax.get_ylim()
        assert top <= 100  # never beyond the index's scale
        assert bottom == 0 or f"Score axis starts at {bottom:g} (scale 0–100)" in "\n".join(texts)
        plt.close(ax.figure)


class TestComparisonChart:
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_comparison_title_names_who_is_shown_and_who_has_no_value(self, lang):
        ax = pn.comparison_chart("sipas", 2024, lang=lang)  # only Khánh Hòa has a SIPAS value
        assert ax.get_title(loc="left") == "SIPAS 2024: Khánh Hòa"
        texts = " ".join(t.get_text() for t in ax.texts) + " " + " ".join(t.get_text() for t in ax.figure.texts)
        assert "Đắk Lắk" in texts and "Hà Giang" in texts  # the followed provinces without a value are named
        assert ax.get_xlim() == (0.0, 100.0)  # the whole 0-100 scale, not 120
        plt.close(ax.figure)

    def test_comparison_legend_never_shows_an_empty_value(self):
        for code, year in [("par_index", 2024), ("sipas", 2024), ("pci", 2023), ("papi", 2023)]:
            ax = pn.comparison_chart(code, year, lang="en")
            legend = ax.get_legend()
            labels = [t.get_text() for t in legend.get_texts()] if legend else []
            assert not any(label.rstrip().endswith(("–", ": –")) or "– –" in label for label in labels), labels
            plt.close(ax.figure)

    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_comparison_chart_draws_the_expected_bars(self, lang):
        ax = pn.comparison_chart("PCI", 2021, lang=lang)
        widths = sorted(round(p.get_width(), 2) for p in ax.patches)
        assert widths == [64.2]
        labels = " ".join(t.get_text() for t in ax.texts)
        assert ("chưa có số liệu" if lang == "vi" else "no value found") in labels  # only Đắk Lắk has a 2021 PCI
        drawn = ax.figure.cchc_values
        assert set(drawn.query("scope == 'province'")["province"]) == {"dak-lak"}
        assert set(drawn["period"]) == {"2021"}
        full = pn.comparison_chart("PCI", 2020, lang=lang)  # 63 provinces in the table, the three followed drawn
        assert sorted(round(p.get_width(), 2) for p in full.patches) == [61.16, 63.22, 63.98]


class TestDistributionChart:
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_distribution_chart_draws_every_ranked_province(self, lang):
        ax = pn.distribution_chart("pci", 2020, lang=lang)
        drawn = ax.figure.cchc_values
        scores = drawn.query("measure == 'score'")
        assert scores["province"].nunique() == 63 and set(drawn["source_id"]) == {"pcivietnam-2020-ranking"}
        dots = [c for c in ax.collections if c.get_gid() == "ranked-provinces"][0].get_offsets()
        assert len(dots) == 60  # the other 60 in grey; the three followed provinces drawn apart and labelled
        labelled = {t.get_text().split("\n")[0].split(" (")[0] for t in ax.texts if t.get_gid() == "followed"}
        assert labelled == {"Khánh Hòa", "Đắk Lắk", "Hà Giang"}
        median = [line for line in ax.lines if line.get_gid() == "median"][0].get_ydata()[0]
        assert median == pytest.approx(scores["value"].median())
        assert len([line for line in ax.lines if line.get_gid() == "quartile"]) == 2
        hg = [t.get_text() for t in ax.texts if t.get_gid() == "followed" and t.get_text().startswith("Hà Giang")][0]
        assert "Tuyên Quang" in hg  # Hà Giang's successor after the 2025 merger
        plt.close(ax.figure)

    def test_distribution_chart_needs_a_full_table(self):
        with pytest.raises(
            ValueError, match="no stored page prints the whole PAPI table for 2021; years with one: none"
        ):
            pn.distribution_chart("papi", 2021)


class TestAllCharts:
    def test_charts_reject_a_bad_language(self):
        with pytest.raises(ValueError, match="'fr' is not a supported language; use 'vi' or 'en'"):
            pn.trajectory_chart("khanh-hoa", "papi", lang="fr")
