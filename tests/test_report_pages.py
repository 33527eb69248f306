"""Tests of ``cchc_data.report.pages``: one language per page, header/footer/print CSS, chart links, the index, downloads."""

import base64
import json
import re

import matplotlib
import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest

import cchc_data as cd
from cchc_data import plotting
from cchc_data.report import (
    external_references,
    notebook_to_html,
    pages,
)

matplotlib.use("Agg")


def _executed(tmp_path, lang: str):
    """A fake executed notebook in a suite's layout, with a chart saved in the run's figures/ folder."""
    run = tmp_path / "suite" / "01_province_profile" / f"province=khanh-hoa,lang={lang}"
    figures = run / "figures"
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    fig.cchc_values = pd.DataFrame(
        {"fact_id": ["kh-2021q1-report-001"], "value": [3436.0], "source_id": ["kh-2021q1-report"], "evidence": ["x"]}
    )
    chart = plotting.show_figure(fig, "chart", figures_dir=figures, lang=lang)
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"parameters": {"province": "khanh-hoa", "lang": lang, "figures_dir": str(figures)}}
    params = nbformat.v4.new_code_cell('province: str = "Khánh Hòa"  # SECRET_PARAMETERS')
    params.metadata["tags"] = ["parameters"]
    vi = nbformat.v4.new_markdown_cell("## Tiêu đề tiếng Việt")
    vi.metadata["tags"] = ["lang-vi"]
    en = nbformat.v4.new_markdown_cell("## English heading")
    en.metadata["tags"] = ["lang-en"]
    check = nbformat.v4.new_code_cell("print('checked')")
    check.metadata["tags"] = ["remove-from-page"]
    check.outputs = [nbformat.v4.new_output("stream", name="stdout", text="SECRET_NBVAL_CHECK\n")]
    dev = nbformat.v4.new_markdown_cell("*In JupyterLab:* SECRET_DEVELOPER_NOTE")
    dev.metadata["tags"] = [f"lang-{lang}", "dev-only"]
    code = nbformat.v4.new_code_cell("chart")
    code.outputs = [nbformat.v4.new_output("display_data", data={"text/html": chart._repr_html_(), "text/plain": "c"})]
    nb.cells = [params, vi, en, dev, check, code]
    run.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, run / "01_province_profile.ipynb")
    return run


def _manifest(runs):
    return {
        "status": "ok",
        "started": "2026-01-01T00:00:00Z",
        "finished": "2026-01-01T00:01:00Z",
        "duration_s": 60.0,
        "jobs": 2,
        "package_version": "0.1.0",
        "data_version": "0.1.0",
        "data_checksum": "sha256:" + "0" * 64,
        "runs": runs,
    }


def _run(notebook, parameters, status="ok"):
    folder = f"{notebook}/" + ",".join(f"{k}={v or 'all'}" for k, v in parameters.items())
    return {
        "notebook": f"{notebook}.ipynb",
        "parameters": parameters,
        "folder": folder,
        "status": status,
        "duration_s": 3.25,
        "error": "" if status == "ok" else "ValueError: boom",
        "files": [f"{folder}/{notebook}.html", f"{folder}/{notebook}.ipynb"],
        "cache": {"status": "reused", "key": "k"},
    }


EXTERNAL_SRC = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE)


# a 1x1 PNG
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
).decode()


class TestPage:
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_page_is_in_one_language_with_header_footer_and_print_css(self, tmp_path, lang):
        run = _executed(tmp_path, lang)
        page = pages.notebook_to_html(run / "01_province_profile.ipynb", run / "01_province_profile.html", lang=lang)
        text = page.read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in text
        assert ("Tiêu đề tiếng Việt" in text) == (lang == "vi") and ("English heading" in text) == (lang == "en")
        assert "SECRET_NBVAL_CHECK" not in text and "SECRET_PARAMETERS" not in text
        assert "SECRET_DEVELOPER_NOTE" not in text  # developer text (tag dev-only) stays in JupyterLab
        other = "en" if lang == "vi" else "vi"
        assert f'href="../province=khanh-hoa,lang={other}/01_province_profile.html"' in text
        assert 'href="../../index.html' in text
        what = {"vi": "Khánh Hòa — kết quả cải cách hành chính", "en": "Khánh Hòa — province profile"}[lang]
        assert what in text
        assert {"vi": "Cách trích dẫn", "en": "How to cite"}[lang] in text and "CC BY 4.0" in text
        assert "@page { size: A4" in text and "@media print" in text
        for suffix in ("png", "svg", "csv"):  # chart downloads relative to the page, no absolute build path
            assert f'href="figures/chart.{suffix}"' in text and (run / "figures" / f"chart.{suffix}").is_file()
        assert str(tmp_path) not in text
        assert pages.external_references(text) == []


class TestIndexHtml:
    def test_index_is_a_table_of_contents_in_both_languages(self):
        runs = [
            _run(n, {"province": p, "lang": lang})
            for n in ("01_province_profile", "03_targets")
            for p in ("khanh-hoa", "ha-giang")
            for lang in ("vi", "en")
        ]
        runs += [_run("04_data_audit", {"lang": lang}) for lang in ("vi", "en")]
        text = pages.index_html(_manifest(runs), downloads=[f for f, _ in pages.DOWNLOADS.values()])
        vi, en = text.split('<section id="vi"')[1], text.split('<section id="en"')[1].split('<section id="vi"')[0]
        assert "Theo tỉnh" in vi and "Theo chủ đề" in vi and "By province" in en and "By topic" in en
        assert "No targets are recorded for Hà Giang in the sources collected." in en
        assert "Các nguồn đã thu thập không ghi nhận mục tiêu nào của Hà Giang." in vi
        assert 'href="03_targets/province=khanh-hoa,lang=en/03_targets.html"' in en
        assert "lang=en" not in vi.split("<details")[0], "the Vietnamese contents link Vietnamese pages"
        for href in ("downloads/cchc-facts.csv", "downloads/cchc-sources.csv", "downloads/cchc-facts-vi.xlsx"):
            assert f'href="{href}"' in vi
        assert '<details class="build"><summary>Build details</summary>' in en  # durations only in details
        assert "3.2 s" in en.split("<details")[1] and "3.2 s" not in en.split("<details")[0]
        assert "How to cite" in en and pages.external_references(text) == []

    def test_index_survives_an_unknown_notebook_and_a_failed_run(self):
        runs = [_run("chart", {"province": 'x"); import os #', "lang": "vi"}, status="failed")]
        text = pages.index_html(_manifest(runs))
        assert 'class="failed"' in text and "ValueError: boom" in text and "&quot;); import os #" in text

    def test_index_links_only_downloads_that_exist(self):
        runs = [_run("04_data_audit", {"lang": "vi"})]
        assert "downloads/" not in pages.index_html(_manifest(runs))

    def test_write_downloads_writes_csv_and_workbooks_and_links_them_from_the_index(self, tmp_path, monkeypatch):

        monkeypatch.chdir(tmp_path.parent)  # a relative suite folder, as `cchc report` users give it

        manifest = _manifest([_run("04_data_audit", {"lang": "vi"})])
        (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        (tmp_path / "index.html").write_text(pages.index_html(manifest), encoding="utf-8")
        written = pages.write_downloads(tmp_path.name)
        index = (tmp_path / "index.html").read_text(encoding="utf-8")
        assert 'href="downloads/cchc-facts.csv"' in index and 'href="downloads/cchc-facts-en.xlsx"' in index
        assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(
            f for f, _ in pages.DOWNLOADS.values()
        )
        facts = pd.read_csv(tmp_path / "downloads" / "cchc-facts.csv", encoding="utf-8-sig", keep_default_na=False)
        assert len(facts) == len(cd.load_indicators()) and (facts["source_title"] != "").all()
        raw = (tmp_path / "downloads" / "cchc-facts.csv").read_text(encoding="utf-8-sig")
        whole = cd.load_indicators().loc[lambda f: f["value"] == 14000.0, "fact_id"]
        assert len(whole) and not re.search(r",\d+\.0,", raw), "counts are written as 4, not 4.0"
        row = next(line for line in raw.splitlines() if line.startswith(f'"{whole.iloc[0]}",'))
        assert ",14000," in row
        src = pd.read_csv(tmp_path / "downloads" / "cchc-sources.csv", encoding="utf-8-sig")
        assert "text_file" not in src.columns and "title_en" in src.columns

    def test_index_says_what_each_province_covers_in_one_order_with_pdfs_and_no_machine_path(self):
        runs = [
            _run("01_province_profile", {"province": p, "lang": "vi"}) for p in ("khanh-hoa", "ha-giang", "dak-lak")
        ]
        manifest = _manifest(runs) | {"validation": {"ok": True, "engine": "fast", "data_dir": "/secret/build/data"}}
        pdf = "01_province_profile/province=ha-giang,lang=vi/01_province_profile.pdf"
        page = pages.index_html(manifest, downloads=[pdf])
        vi = page[page.index('<section id="vi"') :]
        assert "/secret/build" not in page and "Kiểm tra dữ liệu: " in vi
        order = [vi.index(f"<h3>{name}</h3>") for name in ("Đắk Lắk", "Hà Giang", "Khánh Hòa")]
        assert order == sorted(order)
        topic = vi[vi.index("<ul class='inline'>") :]
        assert [topic.index(n) for n in ("Đắk Lắk", "Hà Giang", "Khánh Hòa")] == sorted(
            topic.index(n) for n in ("Đắk Lắk", "Hà Giang", "Khánh Hòa")
        )
        assert pages.coverage("vi")["ha-giang"] in vi and "Kỳ số liệu: 2017 · " in vi  # under Hà Giang's heading
        assert f'href="{pdf}"' in vi and vi.count("bản PDF (A4)") == 1


class TestStackTables:
    def test_tables_stack_on_phones_with_each_cell_labelled(self):
        table = (
            '<div class="cchc-table"><table lang="en"><thead><tr><th>Province</th><th>Value &amp; unit</th></tr></thead>'
            '<tbody><tr><td>Khánh Hòa</td><td class="num">4</td></tr><tr><td>only one cell</td></tr></tbody></table></div>'
        )
        out = pages.stack_tables(table)
        assert '<table class="cchc-stack" lang="en">' in out
        assert '<td data-label="Province">Khánh Hòa</td><td data-label="Value &amp; unit" class="num">4</td>' in out
        assert "<tr><td>only one cell</td></tr>" in out  # a row that does not match the header is left alone
        two_rows = (
            "<table><thead><tr><th>a</th></tr><tr><th>b</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
        )
        assert pages.stack_tables(two_rows) == two_rows
        assert "@media (max-width: 640px)" in pages.PAGE_CSS and "attr(data-label)" in pages.PAGE_CSS


class TestCollapseLongTables:
    def test_long_tables_collapse_with_their_size_in_the_pages_language(self):
        rows = "".join(f"<tr><td>{i}</td></tr>" for i in range(pages.LONG_TABLE_ROWS + 1))
        long, short = f"<table><tbody>{rows}</tbody></table>", "<table><tbody><tr><td>1</td></tr></tbody></table>"
        out = pages.collapse_long_tables(long + short, "vi")
        assert out.count("<details") == 1 and f"Bảng {pages.LONG_TABLE_ROWS + 1} dòng" in out
        assert out.endswith(short)


class TestMetaTags:
    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_page_has_open_graph_tags_with_its_first_chart(self, tmp_path, lang):
        run = _executed(tmp_path, lang)
        page = pages.notebook_to_html(run / "01_province_profile.ipynb", run / "01_province_profile.html", lang=lang)
        text = page.read_text(encoding="utf-8")
        title = {"vi": "Khánh Hòa — kết quả cải cách hành chính", "en": "Khánh Hòa — province profile"}[lang]
        assert f'<meta property="og:title" content="{title}">' in text
        assert '<meta property="og:image" content="figures/chart.png">' in text
        description = re.search(r'<meta property="og:description" content="([^"]+)">', text).group(1)
        assert description == cd.i18n.t("nbdesc_01_province_profile", lang)


class TestPageTitle:
    def test_page_title_in_words(self):
        assert pages.page_title("03_targets", {"province": "02"}, "en") == "Hà Giang — targets and progress"
        assert re.fullmatch(r"Tất cả các tỉnh — kiểm tra dữ liệu", pages.page_title("04_data_audit", {}, "vi"))


class TestNotebookToHtml:
    def test_published_notebook_keeps_each_chart_once_as_a_link_to_its_file(self, tmp_path):
        run = _executed(tmp_path, "en")
        notebook = run / "01_province_profile.ipynb"
        page = pages.notebook_to_html(notebook, run / "01_province_profile.html", lang="en")
        before = notebook.stat().st_size
        assert pages.slim_notebook(notebook) == 1
        output = nbformat.read(notebook, as_version=4).cells[-1].outputs[0]
        assert "data:image/png" not in output.data["text/html"] and "image/png" not in output.data
        assert 'src="figures/chart.png"' in output.data["text/html"] and str(tmp_path) not in output.data["text/html"]
        assert notebook.stat().st_size < before
        assert 'src="figures/chart.png"' in page.read_text(encoding="utf-8")  # the page shows the file too
        assert pages.slim_notebook(notebook) == 0  # nothing left to slim

    def test_published_notebook_holds_no_path_of_the_build_machine(self, tmp_path):
        run = tmp_path / "suite" / "03_targets" / "lang=en"
        run.mkdir(parents=True)
        injected = nbformat.v4.new_code_cell(f'lang = "en"\nfigures_dir = "{run}/figures"\n')
        injected.metadata["tags"] = ["injected-parameters"]
        nb = nbformat.v4.new_notebook(cells=[injected])
        nb.metadata["papermill"] = {
            "input_path": "/home/builder/cchc/notebooks/03_targets.ipynb",
            "output_path": str(run / "03_targets.ipynb"),
            "parameters": {"lang": "en", "figures_dir": str(run / "figures")},
        }
        nbformat.write(nb, run / "03_targets.ipynb")
        assert pages.slim_notebook(run / "03_targets.ipynb") == 0  # no chart, but the paths are rewritten
        text = (run / "03_targets.ipynb").read_text(encoding="utf-8")
        assert str(tmp_path) not in text and "/home/builder" not in text
        published = nbformat.read(run / "03_targets.ipynb", as_version=4)
        assert published.metadata["papermill"]["parameters"] == {"lang": "en", "figures_dir": "figures"}
        assert published.metadata["papermill"]["input_path"] == "03_targets.ipynb"
        assert 'figures_dir = "figures"' in published.cells[0].source

    def test_page_points_the_phone_rendering_to_its_file(self, tmp_path):
        run = tmp_path / "suite" / "02_comparison" / "lang=en"
        breakdown = plotting.breakdown_chart("khanh-hoa", "dossiers_on_time_share", lang="en")
        chart = plotting.show_figure(breakdown, "c", figures_dir=run / "figures", lang="en")
        assert chart.phone == (run / "figures" / "c-phone.png") and chart.phone.is_file()
        nb = nbformat.v4.new_notebook()
        code = nbformat.v4.new_code_cell("chart")
        code.outputs = [
            nbformat.v4.new_output("display_data", data={"text/html": chart._repr_html_(), "text/plain": "c"})
        ]
        nb.cells = [code]
        nbformat.write(nb, run / "02_comparison.ipynb")
        text = pages.notebook_to_html(run / "02_comparison.ipynb", run / "02_comparison.html", lang="en").read_text(
            "utf-8"
        )
        assert 'srcset="figures/c-phone.png"' in text and str(tmp_path) not in text

    def test_notebook_to_html_is_offline_outputs_only(self, tmp_path):
        nb = nbformat.v4.new_notebook()
        injected = nbformat.v4.new_code_cell("province = 'SECRET_INJECTED'")
        injected.metadata["tags"] = ["injected-parameters"]
        code = nbformat.v4.new_code_cell("SECRET_SOURCE = 1")
        code.outputs = [
            nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}),
            nbformat.v4.new_output("stream", name="stdout", text="Khánh Hòa ok\n"),
        ]
        nb.cells = [injected, nbformat.v4.new_markdown_cell("# Tiêu đề / Title"), code]
        src = tmp_path / "x.ipynb"
        nbformat.write(nb, src)
        page = notebook_to_html(src, tmp_path / "x.html", lang="vi").read_text(encoding="utf-8")
        assert f"data:image/png;base64,{PNG}" in page
        assert "Khánh Hòa ok" in page and "Tiêu đề / Title" in page
        assert "SECRET_SOURCE" not in page and "SECRET_INJECTED" not in page
        assert not EXTERNAL_SRC.search(page) and external_references(page) == []
        assert "require.min.js" not in page and "MathJax" not in page.replace("mathjax", "")
        assert '<html lang="vi">' in page
