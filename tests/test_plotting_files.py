"""Tests of ``cchc_data.plotting.files``: saved figures, the CSV of the values beside each chart, phone renderings and ``show_figure``."""

import re

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import cchc_data as cd
from cchc_data import plotting
from cchc_data import plotting as pl
from cchc_data.plotting.files import PHONE_WIDTH_IN, _palette_png

CALLS = {
    "compare_chart": lambda lang: pl.compare_chart("digital_certificates", lang=lang),
    "coverage_heatmap": lambda lang: pl.coverage_heatmap(lang=lang),
    "breakdown_chart": lambda lang: pl.breakdown_chart("Khánh Hòa", "dossiers_on_time_share", lang=lang),
    "progress_chart": lambda lang: pl.progress_chart("Khánh Hòa", lang=lang),
    "part_whole_chart": lambda lang: pl.part_whole_chart(lang=lang),
    "profile_chart": lambda lang: pl.profile_chart("Hà Giang", lang=lang),
}


matplotlib.use("Agg")


matplotlib.use("Agg")


DOLLARS = "from $5 to $10"


UNBALANCED = "cost $5 per file"


class TestSaveFigure:
    def test_save_figure_names_and_creates_folder(self, tmp_path):
        ax = pl.compare_chart("digital_certificates")
        paths = pl.save_figure(ax.figure, "So sánh Khánh Hòa", figures_dir=tmp_path / "new" / "figs")
        # the PNG, the SVG and the CSV of exactly the values drawn (fig.cchc_values)
        assert [p.name for p in paths] == ["so-sanh-khanh-hoa.png", "so-sanh-khanh-hoa.svg", "so-sanh-khanh-hoa.csv"]
        assert all(p.is_file() and p.stat().st_size > 0 for p in paths)
        assert paths[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    @pytest.mark.parametrize("chart", ["compare_chart", "breakdown_chart"])
    def test_save_figure_svg_and_png_are_byte_identical_across_runs(self, tmp_path, chart):
        outputs = []
        for run in ("a", "b"):
            fig = CALLS[chart]("vi").figure
            paths = pl.save_figure(fig, "Biểu đồ", figures_dir=tmp_path / run)
            plt.close(fig)
            outputs.append([p.read_bytes() for p in paths])
        (png_a, svg_a, csv_a), (png_b, svg_b, csv_b) = outputs
        assert csv_a == csv_b
        assert svg_a == svg_b
        assert png_a == png_b
        assert b"<dc:date>" not in svg_a

    @pytest.mark.parametrize("chart", ["compare_chart", "breakdown_chart", "coverage_heatmap", "profile_chart"])
    def test_save_figure_png_is_what_savefig_tight_draws(self, tmp_path, chart):
        # save_figure lays the chart out once for its PNG and SVG, without savefig's whole draw before it (the
        # heatmap's axes keep an aspect, the profile has several panels): the PNG must be the one savefig writes
        fig = CALLS[chart]("vi").figure
        png = pl.save_figure(fig, "x", figures_dir=tmp_path)[0].read_bytes()
        plt.close(fig)
        fig = CALLS[chart]("vi").figure
        with plt.rc_context({"svg.hashsalt": "cchc-analysis", "svg.fonttype": "none", "text.parse_math": False}):
            fig.savefig(
                tmp_path / "y.png", dpi=pl.PNG_DPI, metadata={"Software": None}, facecolor="white", bbox_inches="tight"
            )
        plt.close(fig)
        _palette_png(tmp_path / "y.png")  # both PNGs get the same palette of 256 colours
        assert png == (tmp_path / "y.png").read_bytes()

    def test_a_chart_from_another_data_folder_cites_that_folders_sources(self, data_copy, tmp_path):
        """save_figure looked source titles up in the default data folder; the footer and CSV now cite the frame's."""
        path = data_copy / "sources.csv"
        frame = cd.load_indicators(concept="digital_certificates")
        sid = frame["source_id"].iloc[0]
        src = cd.sources().set_index("source_id").loc[sid]
        text = path.read_text(encoding="utf-8")
        assert text.count(src["short_title_en"]) == 1 and text.count(src["title_en"]) == 1
        path.write_text(text.replace(src["short_title_en"], "Renamed short").replace(src["title_en"], "Renamed title"),
                        encoding="utf-8")  # fmt: skip
        ax = pl.compare_chart("digital_certificates", lang="en", data_dir=data_copy)
        assert "Renamed short" in pl.footer_text(ax) and src["short_title_en"] not in pl.footer_text(ax)
        csv = pd.read_csv(pl.save_figure(ax, "cert", figures_dir=tmp_path)[2], encoding="utf-8-sig")
        assert csv.loc[csv["source_id"] == sid, "source_title_en"].tolist() == ["Renamed title"]
        assert list(csv.columns[csv.columns.get_loc("source_id") :][: len(pl.SOURCE_COLUMNS) + 1]) == [
            "source_id",
            *pl.SOURCE_COLUMNS,
        ]

    def test_save_figure_csv_round_trips_every_cell_and_protects_formula_like_text(self, tmp_path):
        """The CSV under a chart follows the rule of the suite's downloads (cchc_data._csvfile), issue 25 item 1."""
        from cchc_data._csvfile import read_csv

        fig, ax = plt.subplots()
        ax.bar([0, 1], [1, 2])
        fig.cchc_values = pd.DataFrame(
            {
                "value": [1.0, -2.0],
                "evidence": ["=1+1 hồ sơ", "dòng một\rdòng hai"],
                "source_id": ["kh-2019-article"] * 2,
            }
        )
        paths = pl.save_figure(fig, "values", figures_dir=tmp_path)
        plt.close(fig)
        raw = pd.read_csv(paths[2], dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert raw["evidence"].tolist() == ["'=1+1 hồ sơ", "dòng một\rdòng hai"]  # two rows, the formula protected
        assert raw["value"].tolist() == ["1", "-2"]  # numbers are never marked, and written as printed (not 1.0)
        assert read_csv(paths[2])["evidence"].tolist() == ["=1+1 hồ sơ", "dòng một\rdòng hai"]

    def test_save_figure_writes_exactly_the_values_drawn_with_their_source(self, tmp_path):
        ax = plotting.compare_chart("digital_certificates")
        values = cd.load_indicators(concept="digital_certificates").head(2)[
            ["fact_id", "province", "value", "source_id", "evidence"]
        ]
        ax.figure.cchc_values = plotting.chart_frame(values)  # the values with their sources described
        paths = plotting.save_figure(ax.figure, "cert", figures_dir=tmp_path)
        plt.close(ax.figure)
        assert [p.name for p in paths] == ["cert.png", "cert.svg", "cert.csv"]
        csv = pd.read_csv(paths[2], encoding="utf-8-sig")
        assert csv["value"].tolist() == values["value"].tolist()
        assert csv["fact_id"].tolist() == values["fact_id"].tolist()
        assert {"source_title", "source_title_en", "source_publisher", "source_published", "evidence"} <= set(
            csv.columns
        )
        assert csv["source_title"].notna().all()

    def test_a_chart_without_values_writes_no_csv(self, tmp_path):
        fig, _ = plt.subplots()
        assert [p.suffix for p in plotting.save_figure(fig, "x", figures_dir=tmp_path)] == [".png", ".svg"]
        plt.close(fig)

    def test_chart_csv_writes_counts_as_printed(self, tmp_path):
        ax = plotting.compare_chart("digital_certificates", lang="en")
        csv = next(p for p in plotting.save_figure(ax.figure, "c", figures_dir=tmp_path) if p.suffix == ".csv")
        plt.close(ax.figure)
        text = csv.read_text(encoding="utf-8-sig")
        assert ",3436," in text and ",2725," in text and ".0," not in text

    def test_saved_figures_keep_dollars(self, data_copy, tmp_path):
        fig, ax = plt.subplots()
        ax.set_title(UNBALANCED)
        ax.set_xlabel(DOLLARS)
        paths = plotting.save_figure(fig, "dollars", figures_dir=tmp_path)
        svg = next(p for p in paths if p.suffix == ".svg")
        assert svg.stat().st_size > 0
        assert not ax.title.get_parse_math() and not ax.xaxis.label.get_parse_math()


class TestShowFigure:
    @pytest.mark.parametrize(("lang", "numbers"), [("en", ("86.84%", "99.76%")), ("vi", ("86,84 %", "99,76 %"))])
    def test_chart_alt_and_caption_are_one_sentence_with_the_values_drawn(self, tmp_path, lang, numbers):
        drawn = plotting.breakdown_chart("khanh-hoa", "dossiers_on_time_share", lang=lang)
        chart = plotting.show_figure(drawn, "c", figures_dir=tmp_path, lang=lang)
        text = chart._repr_html_()
        alt = re.search(r'<img [^>]*alt="([^"]+)"', text).group(1)
        caption = re.search(r'<p class="cchc-chart-caption">([^<]+)</p>', text).group(1)
        assert alt == caption and all(n in alt for n in numbers) and "Khánh Hòa" in alt and alt.endswith(".")
        assert {"en": "Lowest", "vi": "Thấp nhất"}[lang] in alt
        if (tmp_path / "c-phone.png").is_file():
            assert '<source media="(max-width: 640px)"' in text
        else:  # no phone rendering: the wide chart pans inside its frame on a phone
            assert '<figure class="cchc-chart cchc-wide">' in text and "<source" not in text


class TestSavePhoneFigure:
    def test_phone_rendering_is_drawn_only_when_kept(self, tmp_path, monkeypatch):
        from matplotlib.figure import Figure

        drawn = []
        savefig = Figure.savefig
        monkeypatch.setattr(Figure, "savefig", lambda self, path, **kw: drawn.append(path) or savefig(self, path, **kw))
        fig, ax = plt.subplots(figsize=(9, 3), layout="constrained")
        ax.plot([1, 2], [1, 2])
        ax.annotate("AnUnbreakableWordWiderThanAPhone" * 8, xy=(0, 1), xycoords="axes fraction",
                    xytext=(0, 4), textcoords="offset points", ha="left", va="bottom")  # fmt: skip
        (tmp_path / "x-phone.png").write_bytes(b"an earlier run's")
        assert pl.save_phone_figure(fig, tmp_path / "x-phone.png") is None and drawn == []
        assert not (tmp_path / "x-phone.png").exists()
        plt.close(fig)
        ax = CALLS["breakdown_chart"]("en")
        assert pl.save_phone_figure(ax.figure, tmp_path / "b-phone.png") == tmp_path / "b-phone.png"
        assert len(drawn) == 1 and (tmp_path / "b-phone.png").is_file()  # drawn once, from the layout made to decide
        plt.close(ax.figure)

    @pytest.mark.parametrize("lang", ["vi", "en"])
    @pytest.mark.parametrize("province", ["dak-lak", "ha-giang", "khanh-hoa"])
    def test_labels_placed_when_drawn_are_placed_before_the_phone_rendering_is_judged(self, tmp_path, province, lang):
        # A method-change note starts right of its line and is moved left of it when drawn (LabelPlacer); the
        # phone rendering must be judged with the note where it will be drawn, not where it started (Đắk Lắk's
        # PAR INDEX note "2022–2030 criteria from 2022" stuck out, and the chart lost its phone rendering).
        fig = pl.national.province_trajectories(province, lang=lang)
        assert pl.save_phone_figure(fig, tmp_path / "t-phone.png") == tmp_path / "t-phone.png"
        plt.close(fig)

    def test_a_chart_without_room_on_a_phone_gets_no_phone_rendering(self, tmp_path):
        fig, ax = plt.subplots(figsize=(9, 3), layout="constrained")
        ax.barh([0], [1])
        ax.set_yticks([0], ["AVeryLongIndicatorLabelThatNoWrappingCanFitBesideAPlotOnAPhone"])
        assert (
            plotting.save_phone_figure(fig, tmp_path / "x-phone.png") is None
            and not (tmp_path / "x-phone.png").exists()
        )
        plt.close(fig)

    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_long_notes_are_wrapped_to_the_phone_width_and_the_rendering_kept(self, tmp_path, monkeypatch, lang):
        from matplotlib.figure import Figure

        seen = []
        savefig = Figure.savefig

        def spy(self, path, **kw):  # the notes and footer as the phone rendering draws them
            renderer = self.canvas.get_renderer()
            notes = [t for ax in self.axes for t in ax.texts if t.get_gid() == "cchc-subtitle"]
            seen.append([(t.get_text(), t.get_window_extent(renderer).x1 <= self.bbox.x1 + 2) for t in notes])
            seen[-1].append((self.get_supxlabel(), self.get_figwidth()))
            return savefig(self, path, **kw)

        ax = plotting.compare_chart("digital_certificates", lang=lang)  # a definition and two caveats under it
        wide_note = pl._subtitle(ax)
        wide_footer = plotting.footer_text(ax.figure)
        monkeypatch.setattr(Figure, "savefig", spy)
        assert pl.save_phone_figure(ax.figure, tmp_path / "c-phone.png") == tmp_path / "c-phone.png"
        (note, inside), (footer, width) = seen[0]
        assert inside and width == PHONE_WIDTH_IN
        assert note.split() == wide_note.split() and note.count("\n") > wide_note.count("\n")  # rewrapped only
        assert footer.split() == wide_footer.split() and footer.count("\n") > wide_footer.count("\n")
        assert max(len(line) for line in note.split("\n")) < 70 < max(len(line) for line in wide_note.split("\n"))
        assert pl._subtitle(ax) == wide_note and plotting.footer_text(ax.figure) == wide_footer  # restored after
        plt.close(ax.figure)

    @pytest.mark.parametrize("make", ["compare", "trajectories"])
    def test_desktop_files_are_byte_identical_after_a_phone_rendering(self, tmp_path, make):
        # each layout starts from the last one: the reference is the same chart saved twice without a phone rendering
        twice = _make_chart(make)
        plotting.save_figure(twice, "c", figures_dir=tmp_path / "first")
        before = plotting.save_figure(twice, "c", figures_dir=tmp_path / "before")
        plt.close(twice)
        fig = _make_chart(make)
        plotting.save_figure(fig, "c", figures_dir=tmp_path / "desktop")
        assert plotting.save_phone_figure(fig, tmp_path / "c-phone.png") is not None
        after = plotting.save_figure(fig, "c", figures_dir=tmp_path / "after")
        for a, b in zip(before, after, strict=True):
            assert a.read_bytes() == b.read_bytes(), f"{a.name} changed by the phone rendering"
        plt.close(fig)


def _make_chart(make):
    """A chart with long notes (``compare``), or two columns of panels with legends and a title (``trajectories``:
    put in one column, legends merged under the title on a phone)."""
    from cchc_data import plotting_national

    if make == "compare":
        return plotting.compare_chart("digital_certificates", lang="vi").figure
    return plotting_national.province_trajectories("khanh-hoa", lang="vi")
