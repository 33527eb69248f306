"""Tests of the real client programs (Chromium, LibreOffice): pages, PDFs, workbooks and the explorer as a user opens them (marked ``client``)."""

import contextlib
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import clients
import numpy as np
import pandas as pd
import pytest

import cchc_data as cd
from cchc_data import i18n, params
from cchc_data.explorer import Explorer
from cchc_data.export import FACT_COLUMNS, header
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


# Words that betray an untranslated page: Vietnamese UI words on English pages, English ones (and raw codes) on
# Vietnamese pages. Checked in the visible text outside quotations, source citations and proper names
# (elements marked lang="vi" on English pages, lang="en" on Vietnamese ones).
UNTRANSLATED = {
    "en": [
        "Tỉnh",
        "Nguồn",
        "Kỳ",
        "Giá trị",
        "thực hiện",
        "mục tiêu",
        "số liệu",
        "Chỉ tiêu",
        "Trích dẫn",
        "Tải",
        "Mục lục",
        "lĩnh vực",
        "không",
        "Phân tổ",
        "Tỷ lệ",
        "Hồ sơ",
        "Lưu ý",
        "chưa",
        "quý",
        "năm",
        # developer text stays in JupyterLab (cells tagged dev-only), never on a reader's page
        "JupyterLab",
        "papermill",
    ],
    "vi": [
        "Source",
        "Period",
        "Value",
        "Indicator",
        "Download",
        "Contents",
        "actual",
        "target",
        "Province",
        "Breakdown",
        "Coverage",
        "Evidence",
        "Targets",
        "none",
        "more_than",
        "at_least",
        "percent",
        "count",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "the",
        "and",
        "Note",
        "JupyterLab",
        "papermill",
        "kernel",
    ],
}


RAW = ["NaN", "Series(", "dtype:", "<NA>", "None"]


# The text a reader sees, minus what may be in the other language: verbatim quotes, citations, proper names.
OWN_LANGUAGE_TEXT = """(other) => {
  const skip = `[lang="${other}"], q, td.source, script, style`;
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    const excluded = el && el.closest(skip);
    if (!el || (excluded && document.body.contains(excluded)) || !el.getClientRects().length) continue;
    out.push(node.textContent);
  }
  return out.join(' ');
}"""


# In print media on an A4 page (210 mm − 2 × 12 mm margins at 96 dpi), every table column stays on the page.
A4_WIDTH_PX = round((210 - 24) / 25.4 * 96)


COLUMNS_OFF_PAGE = """() => [...document.querySelectorAll('.cchc-table table')].flatMap((t, i) =>
  [...t.querySelectorAll('th')].filter(th => th.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map(th => `table ${i + 1}: column "${th.innerText}" ends at ${Math.round(th.getBoundingClientRect().right)} px`))"""


SITE_RUNS = [
    "01_province_profile province=khanh-hoa",
    "02_comparison",
    "03_targets province=khanh-hoa",
    "04_data_audit",
    "05_national_indices",
]


# A page as a reader's screen shows it: sideways scroll, Open Graph tags, and each chart's text and size.
PAGE_STATE = """() => ({
  scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
  og: Object.fromEntries([...document.querySelectorAll('meta[property^="og:"]')].map(m => [m.getAttribute('property'), m.content])),
  headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(h => h.offsetParent !== null)
    .map(h => Number(h.tagName[1])),
  charts: [...document.querySelectorAll('figure.cchc-chart')].map(f => {
    const img = f.querySelector('img'), cap = f.querySelector('.cchc-chart-caption');
    return {alt: img.alt, caption: cap ? cap.textContent.trim() : null, width: img.getBoundingClientRect().width,
            frame: f.getBoundingClientRect().width, src: img.currentSrc.slice(0, 200),
            phone: !!f.querySelector('source'), wide: f.classList.contains('cchc-wide')};
  }),
})"""


WIDTHS = (390, 1400)  # a phone (iPhone 12-15) and a desktop

# Table cells of numbers whose text starts with a hyphen-minus.
NUMBERS_WITH_A_HYPHEN = """() => [...document.querySelectorAll('td.num')].map(td => td.innerText.trim())
  .filter(t => /^-\\d/.test(t))"""

#: An alt sentence put together badly: a title's wrap read as a sentence ("Khánh Hòa,. 2019"), a stray
#: space before a full stop, one value in the plural.
BADLY_JOINED = re.compile(r",\.|\s\.(?!\.)|\w\. \(|\b1 (?:values|facts|targets)\b")


#: Most A4 pages a page may print on. The Khánh Hòa profile is to print on 12 once a numbered source key
#: replaces the citation repeated on every row (issue 26); until then its 168-fact table takes ~30.
PDF_MAX_PAGES = {"01_province_profile": 12, "02_comparison": 3, "03_targets": 2, "04_data_audit": 9,
                 "05_national_indices": 7}  # fmt: skip  # the real counts on 2026-12-07 (the Khánh Hòa profile: 12)


def _check_screens(page, href: str, name: str, machine_paths, problems: list) -> None:
    """The page at 390 and 1400 px: no sideways scroll, og: tags, charts that fit and say what they show."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(href)
        page.wait_for_load_state("load")
        state = page.evaluate(PAGE_STATE)
        shot = _full_screenshot(page, f"{name}-{width}") if width == WIDTHS[0] else None
        where = f"{href} at {width} px"
        levels = state["headings"]
        skips = [(a, b) for a, b in zip([0, *levels], levels, strict=False) if b > a + 1]
        if not levels or levels[0] != 1 or skips:
            problems.append(f"{where}: headings out of order: {levels[:12]} (first h1, no level skipped)")
        if state["scroll"] > state["inner"]:
            problems.append(f"{where}: scrolls sideways ({state['scroll']} > {state['inner']} px, see {shot})")
        for tag in ("og:title", "og:description") + (("og:image",) if state["charts"] else ()):
            if not state["og"].get(tag):
                problems.append(f"{where}: no {tag}")
        image = state["og"].get("og:image")
        if image and clients.http_status(urljoin(href, image)) != 200:
            problems.append(f"{where}: og:image {image} does not load")
        for i, chart in enumerate(state["charts"], start=1):
            alt = chart["alt"]
            if not (re.search(r"\d", alt) and alt.endswith(".") and len(alt.split()) >= 8):
                problems.append(f"{where}: chart {i}'s alt is not a sentence with values: {alt!r}")
            joined = BADLY_JOINED.search(alt)
            if joined:
                problems.append(f"{where}: chart {i}'s alt is put together badly at {joined.group()!r}: {alt!r}")
            if chart["caption"] != alt:
                problems.append(f"{where}: chart {i}'s caption differs from its alt: {chart['caption']!r}")
            if chart["frame"] > width:
                problems.append(f"{where}: chart {i} is {chart['frame']:.0f} px wide (see {shot})")
            if width == WIDTHS[0] and not chart["phone"]:  # every chart has one (issue 26: 70 of 70)
                problems.append(f"{where}: chart {i} ({chart['src'][:60]!r}) has no phone rendering")
            elif width == WIDTHS[0] and not chart["src"].endswith("-phone.png"):
                problems.append(f"{where}: chart {i} shows {chart['src'][:60]!r}, not its phone rendering")
            if width == WIDTHS[0] and chart["wide"] and chart["width"] < 600:
                problems.append(f"{where}: wide chart {i} shrunk to {chart['width']:.0f} px (it should pan)")
    content = page.content()
    for path in machine_paths:
        if path in content:
            problems.append(f"{href}: shows the machine path {path}")


def _check_pdf(pdf: Path, stem: str, title: str, problems: list) -> None:
    """The PDF opens (poppler's pdfinfo), has 1 to PDF_MAX_PAGES pages, the title and page numbers on page 1."""
    import subprocess

    if not pdf.is_file():
        problems.append(f"no PDF {pdf}")
        return
    if not shutil.which("pdfinfo"):
        clients.missing_client("poppler-utils is not installed (no `pdfinfo` to open the PDFs)")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
    pages = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    if info.returncode != 0 or not pages:
        problems.append(f"{pdf}: does not open: {info.stderr.strip()[:200]}")
        return
    n = int(pages.group(1))
    if not 1 <= n <= PDF_MAX_PAGES[stem]:
        problems.append(f"{pdf}: {n} pages, expected 1 to {PDF_MAX_PAGES[stem]}")
    cmd = ["pdftotext", "-raw", "-f", "1", "-l", "1", str(pdf), "-"]
    first = " ".join(unicodedata.normalize("NFC", subprocess.run(cmd, capture_output=True, text=True).stdout).split())
    if title not in first or not re.search(rf"\b1\s*/\s*{n}\b", first):
        problems.append(f"{pdf}: page 1 lacks the page's title {title!r} or its number '1 / {n}'")


def _site_runs() -> list:
    runs = default_runs(ROOT / "notebooks")
    return [r for pattern in SITE_RUNS for lang in ("vi", "en") for r in select_runs(runs, f"{pattern}* lang={lang}")]


def _check_chart_csv(url: str, problems: list) -> bool:
    """A chart's CSV holds exactly the values the chart drew (for the charts whose call the file name gives)."""
    import io
    import urllib.request

    import matplotlib.pyplot as plt

    from cchc_data import plotting

    stem = Path(urlsplit(url).path).stem
    with urllib.request.urlopen(url, timeout=10) as response:
        csv = pd.read_csv(io.BytesIO(response.read()), encoding="utf-8-sig")
    *name, lang = stem.split("-")
    if name[0] == "compare":
        fig = plotting.compare_chart("_".join(name[1:]), lang=lang).figure
    elif name[0] == "profile":
        fig = plotting.profile_chart("-".join(name[1:]), units=["percent"], lang=lang)  # as the profile page draws it
    else:
        return False
    drawn = fig.cchc_values
    plt.close(fig)
    if csv["fact_id"].tolist() != drawn["fact_id"].tolist() or not np.allclose(
        csv["value"].astype(float), drawn["value"].astype(float), equal_nan=True
    ):
        problems.append(f"{url}: the CSV's values differ from the chart's data")
    for column in ("evidence", "source_id", "source_title"):
        if column not in csv.columns:
            problems.append(f"{url}: no {column} column")
    return True


def _check_language(page, lang: str, where: str, shot, problems: list) -> None:
    other = "en" if lang == "vi" else "vi"
    text = unicodedata.normalize("NFC", page.evaluate(OWN_LANGUAGE_TEXT, other))
    full = page.locator("body").inner_text()
    for raw in RAW:
        if re.search(rf"(?<![\w-]){re.escape(raw)}(?![\w-])", full):
            problems.append(f"{where}: shows {raw!r} (see {shot})")
    code = re.search(r"\b\d{4}-Q[1-4]\b", text)  # a period as the data codes it, not as readers write it
    if code:
        problems.append(f"{where}: the period code {code.group()!r} instead of quý I/2021 or Q1 2021 (see {shot})")
    slashed = re.search(r"\bQ[1-4]/\d{4}\b", text) if lang == "en" else None  # "Q1/2021": neither language's way
    if slashed:
        problems.append(f"{where}: the period {slashed.group()!r} instead of Q1 2021 (see {shot})")
    hyphen = page.evaluate(NUMBERS_WITH_A_HYPHEN)  # a negative gap takes a minus sign (−115), not a hyphen
    if hyphen:
        problems.append(f"{where}: negative numbers written with a hyphen: {hyphen[:3]} (see {shot})")
    for word in UNTRANSLATED[lang]:
        match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
        if match:
            context = text[max(0, match.start() - 40) : match.end() + 40].replace("\n", " ")
            problems.append(f"{where}: untranslated {word!r} in “…{context}…” (see {shot})")


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


NOTEBOOK = "00_explore.ipynb"


EXPLORER_VIEWPORT = {"width": 1400, "height": 1000}


TIMEOUT_MS = 120_000


STEP_MS = 60_000  # one change: the kernel recomputes the view and draws the chart (~1-3 s here)


X = ".cchc-x"  # the explorer's root box


@contextlib.contextmanager
def voila(notebook: Path, home: Path, *, start_timeout: float = 60):
    """``voila notebook`` from this venv on 127.0.0.1 and a free port, config isolated in ``home``; yields the URL.

    Stopped by its own PID on exit (SIGTERM, then SIGKILL), whatever happened.
    """
    port = clients.free_port()
    env = dict(os.environ)
    for name in ("config", "data", "runtime"):
        (home / name).mkdir(parents=True, exist_ok=True)
    env.update(
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
    )
    env.pop("MPLBACKEND", None)
    env.pop("JUPYTER_PATH", None)
    log_path = home / "voila.log"
    cmd = [str(Path(sys.executable).parent / "voila"), str(notebook), "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1"]  # fmt: skip
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + start_timeout
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"voila exited with {proc.returncode}:\n{log_path.read_text(errors='replace')}")
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
                if time.monotonic() > deadline:
                    raise TimeoutError(f"voila did not listen on port {port} in {start_timeout:.0f} s")
                time.sleep(0.25)
            yield f"http://127.0.0.1:{port}/"
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(10)


def _labels() -> dict[str, str]:
    """The option labels a researcher clicks, as the explorer writes them."""
    ex = Explorer(lang="en")
    domain = next(label for label, value in ex.domain.options if value == "digital_government")
    concept = cd.concepts().set_index("concept").at["official_email_accounts", "label_en"]
    return {"domain": domain, "item": i18n.t("explorer.compare_prefix", "en") + concept}


def _state(page) -> dict:
    return page.evaluate(
        """(x) => {
      const root = document.querySelector(x);
      if (!root) return null;
      const imgs = [...root.querySelectorAll('.cchc-charts img')];
      const q = s => root.querySelector(s);
      return {
        table: q('.cchc-table') ? q('.cchc-table').innerText : '',
        message: q('.cchc-message') ? q('.cchc-message').innerText : '',
        images: imgs.map(i => ({src: i.src, complete: i.complete, width: i.naturalWidth})),
      };
    }""",
        X,
    )


def _changed(page, before: dict, what: str) -> dict:
    """Wait until the table and the chart both differ from ``before`` and the chart image has loaded."""
    page.wait_for_function(
        """([x, table, srcs]) => {
      const root = document.querySelector(x);
      const t = root.querySelector('.cchc-table').innerText;
      const imgs = [...root.querySelectorAll('.cchc-charts img')];
      return t !== table && imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0)
        && imgs.map(i => i.src).join() !== srcs;
    }""",
        arg=[X, before["table"], ",".join(i["src"] for i in before["images"])],
        timeout=STEP_MS,
    )
    after = _state(page)
    assert after["table"] != before["table"], what
    return after


def _screenshot(page, name: str) -> Path:
    """The explorer down to its table: the viewport grows to it (Voilà and JupyterLab scroll inside a panel)."""
    bottom = page.evaluate(
        "(x) => { const r = document.querySelector(x); return r ? r.getBoundingClientRect().bottom : 0; }", X
    )
    page.set_viewport_size(
        {"width": EXPLORER_VIEWPORT["width"], "height": int(min(max(EXPLORER_VIEWPORT["height"], bottom + 40), 6000))}
    )
    path = clients.screenshot_path(name)
    page.screenshot(path=path)
    page.set_viewport_size(EXPLORER_VIEWPORT)
    return path


def _walk(page, name: str, tmp_path: Path) -> None:
    """The done-when path, with clicks only; screenshots at both ends; the download checked."""
    labels = _labels()
    page.wait_for_selector(f"{X} .cchc-charts img", timeout=TIMEOUT_MS)
    start = _state(page)
    assert "Khánh Hòa" in start["table"] and not start["message"], start["message"]

    page.locator(f"{X} .cchc-lang button", has_text="English").click()
    english = _changed(page, start, "switching to English")
    assert "Verbatim evidence" in english["table"]

    page.locator(f"{X} .cchc-domain select").select_option(label=labels["domain"])
    egov = _changed(page, english, "choosing the e-government domain")
    assert "Hà Giang" not in egov["table"]
    _screenshot(page, f"explore-{name}-1-khanh-hoa-egov-en")

    page.locator(f"{X} .cchc-province-ha-giang input").click()
    both = _changed(page, egov, "ticking Hà Giang")
    page.locator(f"{X} .cchc-item select").select_option(label=labels["item"])
    compared = _changed(page, both, "choosing official e-mail accounts")
    assert "Hà Giang" in compared["table"] and "Khánh Hòa" in compared["table"]
    assert len(compared["images"]) == 1

    page.locator(f"{X} .cchc-lang button", has_text="Tiếng Việt").click()
    vietnamese = _changed(page, compared, "switching to Vietnamese")
    table = vietnamese["table"]
    assert "Trích dẫn nguyên văn" in table and "Verbatim evidence" not in table
    assert "trên 14 nghìn hộp thư điện tử" in table and "4.600 tài khoản thư điện tử công vụ" in table
    assert "trên 14.000" in table  # the qualifier in words, as in every table
    notes = page.locator(f"{X} .cchc-notes").inner_text()
    assert "Lưu ý khi so sánh" in notes and "Hà Giang 2017" in notes
    _screenshot(page, f"explore-{name}-2-hg-vs-kh-email-vi")

    with page.expect_download(timeout=STEP_MS) as info:
        page.locator(f"{X} a.cchc-download").click()
    download = info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.name == "cchc-ha-giang-khanh-hoa-official_email_accounts-vi.csv"
    csv = pd.read_csv(io.StringIO(saved.read_text(encoding="utf-8-sig")), dtype=str, keep_default_na=False)
    assert sorted(csv["province"]) == ["ha-giang", "khanh-hoa"]
    assert sorted(csv["value"]) == ["14000.0", "4600.0"]
    assert "label" in csv and csv["label"].str.contains("thư điện tử").all()


def test_jupyterlab_runs_every_notebook(tmp_path, start_lab):
    executable = clients.chromium()
    clients.require_font("Noto Sans Mono")
    # A copy of the notebooks: JupyterLab may save its copy, never ours; charts go to <copy>/figures.
    root = tmp_path / "root"
    (root / "notebooks").mkdir(parents=True)
    for name in NOTEBOOKS:
        shutil.copy2(ROOT / "notebooks" / name, root / "notebooks" / name)
    lab = start_lab(root)
    with contextlib.chdir(root / "notebooks"):  # where figures_dir=None sends the charts, seen from the kernel
        figures = params.check_figures_dir(None)
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
            if not any(f.stat().st_mtime >= run_started for f in figures.glob("*.png")):
                problems.append(f"{name}: wrote no PNG to its default figures_dir {figures}")
            if page.get_by_text("official Jupyter news").count():
                problems.append(f"{name}: the Jupyter news pop-up showed (fetchNews setting not applied)")
            lab.shutdown_sessions()
            page.close()  # without saving (and it is a copy anyway)
        context.close()
    assert not problems, "\n\n".join(problems)
    print(f"JupyterLab: open + Run All Cells per notebook (s): {timings}")


def test_published_site_in_chromium(tmp_path, monkeypatch):
    """A vi and an en page of every notebook and the index, as a reader opens them on a phone, a desktop and A4."""
    from cchc_data import plotting
    from cchc_data.report import pages
    from cchc_data.report.pdf import write_pdfs

    executable = clients.chromium()
    # tests/conftest.py sets MPLBACKEND=Agg, as headless servers often do: the runner must still give its
    # kernels the inline backend, or the pages would have no charts.
    assert os.environ.get("MPLBACKEND") == "Agg"
    runs = _site_runs()
    assert len(runs) == 2 * len(SITE_RUNS), [r.label for r in runs]
    result = run_suite(
        runs, output_root=tmp_path / "reports", jobs=2, progress=False, figures_root=tmp_path / "figures"
    )
    assert result.ok
    if not (result.path / "downloads").exists():  # until the runner writes them itself
        pages.write_downloads(result.path)
    monkeypatch.setenv("CCHC_CHROMIUM", executable)
    pdfs = write_pdfs(result.path)
    assert len(pdfs) == len(runs)
    machine_paths = {str(tmp_path), str(ROOT)}
    heading = {
        "vi": "Kết quả cải cách hành chính của tỉnh",
        "en": "A province's public administration reform (PAR) results",
    }
    problems, checked_csv = [], 0
    with clients.serve_folder(tmp_path / "reports") as base, clients.browser(executable) as browser:
        page = browser.new_page(viewport=VIEWPORT)
        errors = clients.PageErrors(page)
        visited = []
        for lang, url in (("vi", "latest/index.html"), ("en", "latest/index.html#en")):
            page.goto(urljoin(base, url))
            shot = _full_screenshot(page, f"site-index-{lang}")
            visited.append((lang, page.url, shot))
            links = page.locator(f'section[lang="{lang}"] a[href]').evaluate_all("ls => ls.map(a => a.href)")
            reports = [h for h in links if h.endswith(".html")]
            if len(reports) < len(runs) // 2:
                problems.append(f"index ({lang}) links {len(reports)} reports, expected {len(runs) // 2}: {reports}")
            for href in links:
                if "#" not in href and clients.http_status(href) != 200:
                    problems.append(f"index ({lang}) links to {href}: HTTP {clients.http_status(href)}")
            _check_language(page, lang, f"index ({lang})", shot, problems)
            _check_screens(page, urljoin(base, url), f"site-index-{lang}", machine_paths, problems)
            page.set_viewport_size(VIEWPORT)
            page.goto(urljoin(base, url))
            for href in dict.fromkeys(reports):  # a page is listed by province and by topic: visit it once
                if f"lang={lang}" in href:
                    visited.append((lang, href, None))
        for lang, href, _ in [v for v in visited if v[2] is None]:
            errors.messages.clear()
            response = page.goto(href)
            page.wait_for_load_state("load")
            folder = urlsplit(href).path.split("/")[-2]
            shot = _full_screenshot(page, f"site-{Path(href).stem}-{folder}")
            if response.status != 200:
                problems.append(f"{href}: HTTP {response.status}")
            images = page.evaluate(IMAGES)
            if not images or any(not i["complete"] or i["width"] == 0 for i in images):
                problems.append(f"{href}: images not loaded (see {shot})")
            for nav in ("a.nav-index", "a.nav-lang"):
                if page.locator(nav).count() != 1:
                    problems.append(f"{href}: no header link {nav} (see {shot})")
            for link in page.locator("a[href]").evaluate_all("ls => ls.map(a => a.href)"):
                target = link.split("#")[0]
                if target.startswith(base) and urlsplit(target).path != urlsplit(href).path:
                    status = clients.http_status(target)
                    if status != 200:
                        problems.append(f"{href} links to {link}: HTTP {status}")
                    elif target.endswith(".csv") and "/figures/" in target:
                        checked_csv += _check_chart_csv(target, problems)
            if "01_province_profile" in href and heading[lang] not in page.locator("body").inner_text():
                problems.append(f"{href}: the heading {heading[lang]!r} is not on the page (see {shot})")
            _check_language(page, lang, href, shot, problems)
            if errors.messages:
                problems.append(f"{href}: {errors.messages}")
            stem = Path(href).stem
            _check_screens(page, href, f"site-{stem}-{folder}", machine_paths, problems)
            page_file = result.path / unquote(urlsplit(href).path.split("/latest/", 1)[1])
            title = page.locator(".cchc-header .what").inner_text().strip()
            _check_pdf(page_file.with_suffix(".pdf"), stem, title, problems)
            page.set_viewport_size(VIEWPORT)
            page.goto(href)
            page.wait_for_load_state("load")
            # printed on A4: every column of every table stays on the page
            page.emulate_media(media="print")
            page.set_viewport_size({"width": A4_WIDTH_PX, "height": 1100})
            off = page.evaluate(COLUMNS_OFF_PAGE)
            if off:
                problems.append(f"{href}: printed on A4, columns fall off the page: {off[:3]}")
            page.pdf(
                path=str(clients.screenshot_path(f"site-{Path(href).stem}-{folder}").with_suffix(".pdf")), format="A4"
            )
            page.emulate_media(media="screen")
            page.set_viewport_size(VIEWPORT)
        page.close()
    if not checked_csv:  # before the charts carry their values (fig.cchc_values), there is no CSV to check
        probe = plotting.compare_chart("digital_certificates").figure
        if hasattr(probe, "cchc_values"):
            problems.append("charts carry cchc_values, but no page links a chart CSV")
    assert not problems, "\n".join(problems)


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
    others = {i18n.t(k, "vi") for k in ("sources", "export.sheet.catalog", "export.sheet.about")}
    headers = {header("facts", code, "vi"): code for code in FACT_COLUMNS}
    facts = pd.concat([t.rename(columns=headers) for s, t in after.items() if s not in others], ignore_index=True)
    assert len(facts) == len(frame)
    assert sorted(facts["fact_id"]) == sorted(frame["fact_id"].astype(str))
    facts = facts.set_index("fact_id").loc[frame["fact_id"].astype(str)]
    assert np.allclose(facts["value"].astype(float), frame["value"].astype(float), rtol=0, atol=1e-9, equal_nan=True)
    for column in ("province_name", "label_vi", "label_en", "evidence", "period"):
        expected = frame[column].astype(object).where(frame[column].astype(str) != "", None)
        assert _same_cells(expected.reset_index(drop=True), facts[column].reset_index(drop=True)), column
    assert "Hà Giang" in set(facts["province_name"]) or "Khánh Hòa" in set(facts["province_name"])


def test_voila_page_walks_from_one_province_to_a_comparison(tmp_path):
    executable = clients.chromium()
    with voila(ROOT / "notebooks" / NOTEBOOK, tmp_path / "voila-home") as url, clients.browser(executable) as b:
        context = b.new_context(viewport=EXPLORER_VIEWPORT, accept_downloads=True)
        page = context.new_page()
        errors = clients.PageErrors(page)
        page.goto(url, timeout=TIMEOUT_MS)
        _walk(page, "voila", tmp_path)
        # a typed name that is no province: the library's message in the app, the view kept
        before = _state(page)
        box = page.locator(f"{X} .cchc-province-text input")
        box.fill("Khanh Hao")
        box.press("Enter")
        page.wait_for_function(
            "(x) => document.querySelector(x + ' .cchc-message').innerText.includes('Khanh Hao')",
            arg=X,
            timeout=STEP_MS,
        )
        message = _state(page)["message"]
        assert "Không tìm thấy tỉnh có tên “Khanh Hao”. Có phải là: Khánh Hòa" in message, message
        assert "Traceback" not in message and _state(page)["table"] == before["table"]
        _screenshot(page, "explore-voila-3-bad-province")
        assert not page.get_by_text("params.check_lang").count(), "Voilà shows the code"
        assert not page.locator("text=Traceback").count()
        real = [m for m in errors.messages if "ERR_NAME_NOT_RESOLVED" not in m]  # Voilà's CDN fonts: offline here
        assert not real, real
        context.close()


def test_jupyterlab_notebook_walks_from_one_province_to_a_comparison(tmp_path):
    executable = clients.chromium()
    root = tmp_path / "root"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy2(ROOT / "notebooks" / NOTEBOOK, root / "notebooks" / NOTEBOOK)
    with clients.JupyterLab(root, tmp_path / "lab-home") as lab, clients.browser(executable) as b:
        context = b.new_context(viewport=EXPLORER_VIEWPORT, accept_downloads=True)
        page = context.new_page()
        page.goto(lab.lab_url(f"notebooks/{NOTEBOOK}").replace("?", "?reset&"), timeout=TIMEOUT_MS)
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=TIMEOUT_MS)
        page.wait_for_function(
            "() => [...document.querySelectorAll('#jp-main-statusbar .jp-StatusBar-Item')]"
            ".some(e => /\\| Idle$/.test(e.textContent.trim()))",
            timeout=TIMEOUT_MS,
        )
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
        try:
            _walk(page, "jupyterlab", tmp_path)
        finally:
            _screenshot(page, "explore-jupyterlab-last")
            lab.shutdown_sessions()
        context.close()
