"""Citing the dataset (the index, from CITATION.cff) and each chart ("Cite this chart")."""

import re

import pytest

import cchc_data as cd
from cchc_data import citation
from cchc_data.plotting import compare_chart, show_figure
from cchc_data.plotting import files as chart_files
from cchc_data.report import pages


class TestDatasetCitation:
    def test_the_dataset_citation_comes_from_citation_cff(self):
        cff = citation.citation_file().read_text(encoding="utf-8")
        title = re.search(r'^title: "(.+)"$', cff, re.M).group(1)
        version = re.search(r"^version: (.+)$", cff, re.M).group(1)
        for lang in ("vi", "en"):
            text = citation.dataset_citation(lang)
            assert title in text and version in text and cd.data_version() in text
        entry = citation.bibtex()
        assert entry.startswith("@misc{cchc_analysis_") and entry.endswith("}")
        assert "title = {{" + title + "}}" in entry and "version = {" + version + "}" in entry
        assert entry.count("{") == entry.count("}")


class TestBibtex:
    def test_the_index_gives_the_citation_and_its_bibtex_in_both_languages(self):
        manifest = {
            "status": "ok",
            "started": "2026-12-07T10:00:00Z",
            "finished": "2026-12-07T10:01:00Z",
            "duration_s": 60.0,
            "jobs": 2,
            "package_version": "0.1.0",
            "data_version": cd.data_version(),
            "data_checksum": "sha256:" + "0" * 64,
            "runs": [],
        }
        text = pages.index_html(manifest)
        vi = text.split('<section id="vi"')[1]
        en = text.split('<section id="en"')[1].split('<section id="vi"')[0]
        assert "<h2>Trích dẫn bộ số liệu</h2>" in vi and "<h2>Cite this dataset</h2>" in en
        for section in (vi, en):
            assert "<pre><code>@misc{cchc_analysis_" in section


class TestCitation:
    @pytest.mark.parametrize(("lang", "words"), [("vi", "Trích dẫn biểu đồ: “"), ("en", "Cite this chart: “")])
    def test_each_chart_says_how_to_cite_it(self, tmp_path, monkeypatch, lang, words):
        monkeypatch.setattr(chart_files, "_CHARTS_SHOWN", [0])
        first = show_figure(compare_chart("official_email_accounts", lang=lang), "a", figures_dir=tmp_path, lang=lang)
        ax = compare_chart("digital_certificates", lang=lang)
        title = ax.get_title(loc="left")
        second = show_figure(ax, "b", figures_dir=tmp_path, lang=lang)
        assert first.citation.startswith(words) and f"{words}{title}”" in second.citation
        assert (
            "chart 2 of this page (file b)" if lang == "en" else "biểu đồ 2 của trang này (tệp b)"
        ) in second.citation
        assert cd.data_version() in second.citation
        assert f'<p class="cchc-chart-cite">{second.citation}</p>' in second._repr_html_()

    def test_a_chart_title_on_two_lines_is_cited_on_one(self):
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots()
        ax.set_title("Số cơ quan dùng E-Office\n– Khánh Hòa, 2019", loc="left")
        assert chart_files._chart_title(fig) == "Số cơ quan dùng E-Office – Khánh Hòa, 2019"
        fig.suptitle("Hồ sơ")
        assert chart_files._chart_title(fig) == "Hồ sơ"
        plt.close(fig)

    @pytest.mark.parametrize(
        ("lang", "title", "note"),
        [("vi", "Hà Giang trên", "Chưa tìm thấy"), ("en", "Hà Giang in the", "No published")],
    )
    def test_a_chart_is_cited_by_its_title_without_the_note_under_it(self, lang, title, note):
        import matplotlib.pyplot as plt

        from cchc_data.plotting import national as chart_national

        fig = chart_national.province_trajectories(
            "ha-giang", lang=lang
        )  # PAR INDEX and SIPAS: none found, said in a note
        drawn = fig.get_suptitle()
        cited = chart_files._chart_title(fig)
        notes = " ".join(t.get_text() for t in fig.texts)
        plt.close(fig)
        assert note in notes and note not in drawn, drawn  # the note sits under the chart, not in its title
        assert cited.startswith(title) and note not in cited and cited == drawn
