"""The real clients: the notebooks in JupyterLab, the rendered reports in Chromium, the workbook in LibreOffice.

Debian's ``chromium`` (driven by Playwright's Python API, no browser download), ``soffice`` from
``libreoffice-calc`` and ``fonts-noto-mono`` are needed; without them these tests skip with the install
command, or fail when ``CCHC_REQUIRE_CLIENTS=1`` (``.ci/run`` sets it). Screenshots go to
``test-artifacts/`` (git-ignored). Run just these with ``pytest -m client``.
"""

import json
import os
import re
import shutil
import time
import unicodedata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import clients
import numpy as np
import pandas as pd
import pytest

import cchc_data as cd
from cchc_data.export import _SHEETS, HEADERS
from cchc_data.report import NOTEBOOKS, default_runs, run_suite, select_runs

pytestmark = pytest.mark.client

ROOT = clients.ROOT
VIEWPORT = {"width": 1400, "height": 900}
LAB_TIMEOUT_MS = 120_000  # one notebook, from opening to the last cell; each takes ~5-20 s here

# Runs in the page: the visible notebook's state. Kernel status from the status bar, prompts from the DOM
# (textContent, not innerText: JupyterLab hides off-screen cells with content-visibility).
NOTEBOOK_STATE = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const bar = document.querySelector('#jp-main-statusbar');
  if (!panel || !bar) return null;
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.textContent.trim());
  const errors = [...panel.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
    .map(e => e.textContent)
    .filter(t => /Traceback|\\w*Error\\b/.test(t));
  const idle = [...bar.querySelectorAll('.jp-StatusBar-Item')].some(e => /\\| Idle$/.test(e.textContent.trim()));
  return {idle, prompts, errors};
}"""
DONE = f"""() => {{
  const s = ({NOTEBOOK_STATE})();
  if (!s || !s.idle || !s.prompts.length || s.prompts.includes('[*]:')) return false;
  return s.errors.length > 0 || s.prompts.every(p => /^\\[\\d+\\]:$/.test(p));
}}"""
IMAGES = """(root) => [...(root || document).querySelectorAll('img')].map(i => ({
  src: i.getAttribute('src').slice(0, 80), complete: i.complete, width: i.naturalWidth}))"""
# The code font really is Noto Sans Mono: the editor asks for it, and text measured in it differs from the
# fallback (a missing font would fall back to serif and measure the same).
CODE_FONT = """() => {
  const editor = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .cm-content');
  const ctx = document.createElement('canvas').getContext('2d');
  const width = f => { ctx.font = '16px ' + f; return ctx.measureText('Khánh Hòa ắ ồ ỷ iiiWWW').width; };
  return {family: getComputedStyle(editor).fontFamily, installed: width("'Noto Sans Mono', serif") !== width('serif')};
}"""


def _heading(notebook: Path) -> str:
    """The Vietnamese part of a notebook's title (``# Vietnamese · English``)."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    first = "".join(nb["cells"][0]["source"]).splitlines()[0]
    return unicodedata.normalize("NFC", first.lstrip("# ").split(" · ")[0].strip())


def _full_screenshot(page, name: str, scroller: str | None = None) -> Path:
    """Screenshot the whole page; with ``scroller``, first grow the viewport so that element scrolls no more."""
    if scroller:
        extra = page.evaluate(
            "(sel) => { const e = document.querySelector(sel); e.scrollTop = 0; return e.scrollHeight - e.clientHeight; }",
            scroller,
        )
        page.set_viewport_size({"width": VIEWPORT["width"], "height": min(VIEWPORT["height"] + extra, 16_000)})
        page.evaluate("(sel) => { document.querySelector(sel).scrollTop = 0; }", scroller)
    page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=30_000)
    path = clients.screenshot_path(name)
    page.screenshot(path=path, full_page=True)
    return path


# --------------------------------------------------------------------------------------------------
# 1. JupyterLab


@pytest.fixture
def start_lab(tmp_path):
    """Start JupyterLab (a :class:`clients.JupyterLab`) on demand; whatever was started is stopped at teardown."""
    started = []

    def start(root_dir: Path) -> clients.JupyterLab:
        lab = clients.JupyterLab(root_dir, tmp_path / "lab-home")
        started.append(lab)
        return lab.start()

    try:
        yield start
    finally:
        for lab in started:
            lab.stop()


def test_jupyterlab_runs_every_notebook(tmp_path, start_lab):
    executable = clients.chromium()
    clients.require_font("Noto Sans Mono")
    # A copy of the notebooks: JupyterLab may save its copy, never ours; charts go to <copy>/figures.
    root = tmp_path / "root"
    (root / "notebooks").mkdir(parents=True)
    for name in NOTEBOOKS:
        shutil.copy2(ROOT / "notebooks" / name, root / "notebooks" / name)
    lab = start_lab(root)
    problems, timings = [], {}
    with clients.browser(executable) as browser:
        context = browser.new_context(viewport=VIEWPORT)
        for i, name in enumerate(NOTEBOOKS):
            stem = Path(name).stem
            t0 = time.perf_counter()
            page = context.new_page()
            # reset: a fresh workspace, so the previous notebook is not reopened beside this one
            page.goto(lab.lab_url(f"notebooks/{name}").replace("?", "?reset&"))
            page.wait_for_function(
                f"() => {{ const s = ({NOTEBOOK_STATE})(); return s && s.idle && s.prompts.length > 0; }}",
                timeout=LAB_TIMEOUT_MS,
            )
            if i == 0:
                font = page.evaluate(CODE_FONT)
                assert font["family"].startswith('"Noto Sans Mono"'), (
                    f"code cells use {font['family']}: JUPYTERLAB_SETTINGS_DIR={clients.LAB_SETTINGS} not applied?"
                )
                assert font["installed"], "Chromium does not find the font Noto Sans Mono (fonts-noto-mono)"
            run_started = time.time() - 1
            # Run → Run All Cells, through JupyterLab's own menu
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
            try:
                page.wait_for_function(DONE, timeout=LAB_TIMEOUT_MS)
            except Exception:
                _full_screenshot(
                    page, f"jupyterlab-{stem}", ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
                )
                raise AssertionError(
                    f"{name} did not finish: {page.evaluate(NOTEBOOK_STATE)}\n{lab.log_tail()}"
                ) from None
            timings[stem] = round(time.perf_counter() - t0, 1)
            shot = _full_screenshot(
                page, f"jupyterlab-{stem}", ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
            )
            state = page.evaluate(NOTEBOOK_STATE)
            panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
            images = panel.locator(".jp-OutputArea-output img").evaluate_all(
                "imgs => imgs.map(i => ({complete: i.complete, width: i.naturalWidth}))"
            )
            if state["errors"]:
                problems.append(f"{name}: error output:\n{state['errors'][0][:2000]}")
            elif not all(re.fullmatch(r"\[\d+\]:", p) for p in state["prompts"]):
                problems.append(f"{name}: cells without an execution count: {state['prompts']}")
            if not images or not all(img["width"] > 0 for img in images):
                problems.append(f"{name}: chart outputs are not loaded images: {images} (see {shot})")
            if not any(f.stat().st_mtime >= run_started for f in (root / "figures").glob("*.png")):
                problems.append(f"{name}: wrote no PNG to its figures_dir ../figures")
            if page.get_by_text("official Jupyter news").count():
                problems.append(f"{name}: the Jupyter news pop-up showed (fetchNews setting not applied)")
            lab.shutdown_sessions()
            page.close()  # without saving (and it is a copy anyway)
        context.close()
    assert not problems, "\n\n".join(problems)
    print(f"JupyterLab: open + Run All Cells per notebook (s): {timings}")


# --------------------------------------------------------------------------------------------------
# 2. The rendered report suite


def _runs(province: str) -> list:
    runs = default_runs(ROOT / "notebooks")
    return select_runs(runs, f"01_province_profile province={province} lang=vi") + select_runs(
        runs, "04_data_audit lang=en"
    )


def test_report_pages_render_in_chromium(tmp_path, monkeypatch):
    executable = clients.chromium()
    # tests/conftest.py sets MPLBACKEND=Agg, as headless servers often do: the runner must still give its
    # kernels the inline backend, or the pages would have no charts.
    assert os.environ.get("MPLBACKEND") == "Agg"
    provinces = sorted(cd.load_indicators()["province"].astype(str).unique())
    province = "khanh-hoa" if "khanh-hoa" in provinces else provinces[0]
    runs = _runs(province)
    assert len(runs) == 2, [r.label for r in runs]
    result = run_suite(
        runs, output_root=tmp_path / "reports", jobs=2, progress=False, figures_root=tmp_path / "figures"
    )
    assert result.ok
    heading_vi = _heading(ROOT / "notebooks" / NOTEBOOKS[0])  # "Hồ sơ cải cách hành chính của một tỉnh"
    problems = []
    with clients.serve_folder(tmp_path / "reports") as base, clients.browser(executable) as browser:
        page = browser.new_page(viewport=VIEWPORT)
        errors = clients.PageErrors(page)
        index = urljoin(base, "latest/index.html")
        response = page.goto(index)
        assert response.status == 200
        assert "cải cách hành chính" in page.locator("h1").inner_text()
        _full_screenshot(page, "report-index")
        hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
        reports = [h for h in hrefs if h.endswith(".html")]
        assert len(reports) == len(runs), hrefs
        for href in hrefs:  # every link of the index resolves: reports, notebooks, figures/, manifest.json
            status = clients.http_status(href)
            if status != 200:
                problems.append(f"index.html links to {href}: HTTP {status}")
        for href in reports:
            errors.messages.clear()
            response = page.goto(href)
            page.wait_for_load_state("load")
            folder = urlsplit(href).path.split("/")[-2]  # province=khanh-hoa,lang=vi
            shot = _full_screenshot(page, f"report-{Path(href).stem}-{folder}")
            if response.status != 200:
                problems.append(f"{href}: HTTP {response.status}")
            images = page.evaluate(IMAGES)
            if not images or any(not i["complete"] or i["width"] == 0 for i in images):
                problems.append(f"{href}: images not loaded: {images} (see {shot})")
            links = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
            for link in links:  # links inside the report to the same server (not #anchors) resolve
                if link.startswith(base) and urlsplit(link).path != urlsplit(href).path:
                    status = clients.http_status(link)
                    if status != 200:
                        problems.append(f"{href} links to {link}: HTTP {status}")
            text = unicodedata.normalize("NFC", page.locator("body").inner_text())
            if "01_province_profile" in href and heading_vi not in text:
                problems.append(f"{href}: the Vietnamese heading {heading_vi!r} is not on the page (see {shot})")
            if errors.messages:
                problems.append(f"{href}: {errors.messages}")
        page.close()
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------------------------------
# 3. The workbook in LibreOffice Calc


def _read_all(path: Path) -> dict[str, pd.DataFrame]:
    return pd.read_excel(path, sheet_name=None, dtype=object, engine="openpyxl")


def _same_cells(a: pd.Series, b: pd.Series) -> bool:
    """Equal as numbers within 1e-9 where both are numbers, else as text (NFC); empty equals empty."""
    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        x_missing, y_missing = pd.isna(x), pd.isna(y)
        if x_missing or y_missing:
            if not (x_missing and y_missing):
                return False
        elif isinstance(x, int | float) and isinstance(y, int | float):
            if not np.isclose(float(x), float(y), rtol=0, atol=1e-9):
                return False
        elif unicodedata.normalize("NFC", str(x)) != unicodedata.normalize("NFC", str(y)):
            return False
    return True


def test_workbook_opens_in_libreoffice(tmp_path):
    soffice = clients.soffice()
    frame = cd.load_indicators()
    original = cd.export_excel(tmp_path / "cchc.xlsx", frame, group_by="domain", lang="vi")
    # Calc reads the workbook and writes it again: what Calc understood, in a file pandas can read
    converted = clients.convert_with_soffice(
        soffice, original, "xlsx:Calc MS Excel 2007 XML", tmp_path / "calc", tmp_path / "lo-profile"
    )
    before, after = _read_all(original), _read_all(converted)
    assert list(after) == list(before), "same sheets in the same order"
    for sheet, table in before.items():
        got = after[sheet]
        assert list(got.columns) == list(table.columns), sheet
        assert len(got) == len(table), sheet
        for column in table.columns:
            assert _same_cells(table[column], got[column]), f"sheet {sheet!r}, column {column!r} differs after Calc"

    # The fact sheets together hold exactly the frame's facts, values and Vietnamese text.
    others = {_SHEETS[k][0] for k in ("sources", "catalog", "about")}
    header = {vi: code for code, (vi, _) in HEADERS["facts"].items()}
    facts = pd.concat([t.rename(columns=header) for s, t in after.items() if s not in others], ignore_index=True)
    assert len(facts) == len(frame)
    assert sorted(facts["fact_id"]) == sorted(frame["fact_id"].astype(str))
    facts = facts.set_index("fact_id").loc[frame["fact_id"].astype(str)]
    assert np.allclose(facts["value"].astype(float), frame["value"].astype(float), rtol=0, atol=1e-9, equal_nan=True)
    for column in ("province_name", "label_vi", "label_en", "evidence", "period"):
        expected = frame[column].astype(object).where(frame[column].astype(str) != "", None)
        assert _same_cells(expected.reset_index(drop=True), facts[column].reset_index(drop=True)), column
    assert "Hà Giang" in set(facts["province_name"]) or "Khánh Hòa" in set(facts["province_name"])
