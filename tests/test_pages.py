"""The report pages: one language per page, header/footer/print CSS, chart links, the index, downloads."""

import base64
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest

import cchc_data as cd
from cchc_data import plotting
from cchc_data.report import pages

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 32).decode()


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


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_page_is_in_one_language_with_header_footer_and_print_css(tmp_path, lang):
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


def test_save_figure_writes_exactly_the_values_drawn_with_their_source(tmp_path):
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
    assert {"source_title", "source_title_en", "source_publisher", "source_published", "evidence"} <= set(csv.columns)
    assert csv["source_title"].notna().all()


def test_a_chart_without_values_writes_no_csv(tmp_path):
    fig, _ = plt.subplots()
    assert [p.suffix for p in plotting.save_figure(fig, "x", figures_dir=tmp_path)] == [".png", ".svg"]
    plt.close(fig)


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


def test_index_is_a_table_of_contents_in_both_languages():
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
    assert "No targets are recorded for Hà Giang in the bundled sources." in en
    assert "Các nguồn đã thu thập không ghi nhận mục tiêu nào của Hà Giang." in vi
    assert 'href="03_targets/province=khanh-hoa,lang=en/03_targets.html"' in en
    assert "lang=en" not in vi.split("<details")[0], "the Vietnamese contents link Vietnamese pages"
    for href in ("downloads/cchc-facts.csv", "downloads/cchc-sources.csv", "downloads/cchc-facts-vi.xlsx"):
        assert f'href="{href}"' in vi
    assert '<details class="build"><summary>Build details</summary>' in en  # durations only in details
    assert "3.2 s" in en.split("<details")[1] and "3.2 s" not in en.split("<details")[0]
    assert "How to cite" in en and pages.external_references(text) == []


def test_index_survives_an_unknown_notebook_and_a_failed_run():
    runs = [_run("chart", {"province": 'x"); import os #', "lang": "vi"}, status="failed")]
    text = pages.index_html(_manifest(runs))
    assert 'class="failed"' in text and "ValueError: boom" in text and "&quot;); import os #" in text


def test_index_links_only_downloads_that_exist():
    runs = [_run("04_data_audit", {"lang": "vi"})]
    assert "downloads/" not in pages.index_html(_manifest(runs))


def test_write_downloads_writes_csv_and_workbooks_and_links_them_from_the_index(tmp_path, monkeypatch):
    import json

    monkeypatch.chdir(tmp_path.parent)  # a relative suite folder, as `cchc report` users give it

    manifest = _manifest([_run("04_data_audit", {"lang": "vi"})])
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (tmp_path / "index.html").write_text(pages.index_html(manifest), encoding="utf-8")
    written = pages.write_downloads(tmp_path.name)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads/cchc-facts.csv"' in index and 'href="downloads/cchc-facts-en.xlsx"' in index
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(f for f, _ in pages.DOWNLOADS.values())
    facts = pd.read_csv(tmp_path / "downloads" / "cchc-facts.csv", encoding="utf-8-sig", keep_default_na=False)
    assert len(facts) == len(cd.load_indicators()) and (facts["source_title"] != "").all()


def test_page_title_in_words():
    assert pages.page_title("03_targets", {"province": "02"}, "en") == "Hà Giang — targets and progress"
    assert re.fullmatch(r"Tất cả các tỉnh — kiểm tra dữ liệu", pages.page_title("04_data_audit", {}, "vi"))
