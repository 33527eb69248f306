"""The explorer in real clients: JupyterLab and the Voilà page (``make explore``), driven in Chromium.

Both walk the researcher's path with clicks only: Khánh Hòa, e-government, English → Hà Giang vs Khánh Hòa,
official e-mail accounts, Vietnamese; the chart and the table must change at each step, and the download
link must give the CSV of the table shown. Screenshots go to ``test-artifacts/explore-*.png``. Needs Debian's
Chromium (skip, or fail under ``CCHC_REQUIRE_CLIENTS=1``, like ``tests/test_clients.py``).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import clients
import pandas as pd
import pytest

import cchc_data as cd
from cchc_data import i18n
from cchc_data.explorer import Explorer

pytestmark = pytest.mark.client

ROOT = clients.ROOT
NOTEBOOK = "00_explore.ipynb"
VIEWPORT = {"width": 1400, "height": 1000}
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
    page.set_viewport_size({"width": VIEWPORT["width"], "height": int(min(max(VIEWPORT["height"], bottom + 40), 6000))})
    path = clients.screenshot_path(name)
    page.screenshot(path=path)
    page.set_viewport_size(VIEWPORT)
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


def test_voila_page_walks_from_one_province_to_a_comparison(tmp_path):
    executable = clients.chromium()
    with voila(ROOT / "notebooks" / NOTEBOOK, tmp_path / "voila-home") as url, clients.browser(executable) as b:
        context = b.new_context(viewport=VIEWPORT, accept_downloads=True)
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
        context = b.new_context(viewport=VIEWPORT, accept_downloads=True)
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
