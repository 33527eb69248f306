"""A4 PDFs of a suite's pages (``cchc report --pdf``), printed by Chromium.

Each page ``<run folder>/<notebook>.html`` gets ``<notebook>.pdf`` beside it: A4, the page's print stylesheet
(:data:`cchc_data.report.pages.PAGE_CSS`: the page's title at the top of every sheet, ``page / pages`` at
the bottom, tables that keep every column), images and links as on screen. Chromium is Debian's
``chromium`` (or ``$CCHC_CHROMIUM``), driven through Playwright's Python API; no browser is downloaded.
See the Choices in ``docs/design.md`` for why Chromium and not WeasyPrint.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from .._docstrings import share_docs_in

__all__ = ["chromium_path", "write_pdfs"]

#: Programs tried, in order, when ``$CCHC_CHROMIUM`` is not set.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
_INSTALL = (
    "install it with `apt-get install chromium` (Debian/Ubuntu) or set CCHC_CHROMIUM to a Chrome/Chromium program"
)


def chromium_path() -> str:
    """The Chromium program that prints the PDFs: ``$CCHC_CHROMIUM``, else the first of :data:`CHROMIUM_NAMES`.

    Returns
    -------
    str
        The program's path.

    Raises
    ------
    RuntimeError
        If there is none, saying how to install one.

    Examples
    --------
    >>> import os
    >>> os.environ["CCHC_CHROMIUM"] = "/nonexistent/chromium"
    >>> chromium_path()
    Traceback (most recent call last):
    ...
    RuntimeError: CCHC_CHROMIUM is '/nonexistent/chromium', which is not a program; unset it or point it to Chromium
    >>> del os.environ["CCHC_CHROMIUM"]
    """
    given = os.environ.get("CCHC_CHROMIUM")
    if given:
        found = shutil.which(given)
        if not found:
            raise RuntimeError(f"CCHC_CHROMIUM is {given!r}, which is not a program; unset it or point it to Chromium")
        return found
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError(f"cchc report --pdf needs Chromium, which is not installed: {_INSTALL}")


def _pages(suite_dir: Path) -> list[Path]:
    """The suite's report pages (from its manifest), in the manifest's order."""
    manifest = json.loads((suite_dir / "manifest.json").read_text(encoding="utf-8"))
    out = []
    for run in manifest["runs"]:
        for name in run.get("files", []):
            if name.endswith(".html") and (suite_dir / name).is_file():
                out.append(suite_dir / name)
    return out


def write_pdfs(suite_dir, *, pages=None) -> list[Path]:
    """Print each page of a suite as an A4 PDF beside it, and link the PDFs from the suite's index.

    A PDF newer than its page is kept (a run reused from the cache has the same page). Each PDF is written
    to a temporary name first, then renamed, so a file shared with an earlier suite is never changed.

    Parameters
    ----------
    suite_dir : str or pathlib.Path
        A suite folder with ``manifest.json`` (as :func:`cchc_data.report.run_suite` writes it).
    pages : iterable of path, optional
        Only these pages. Default ``None``: every page in the manifest.

    Returns
    -------
    list of pathlib.Path
        The PDFs, one per page.

    Raises
    ------
    RuntimeError
        If Chromium or Playwright is missing (the message says how to install it).
    """
    suite_dir = Path(suite_dir).resolve()
    pages = [Path(p).resolve() for p in pages] if pages is not None else _pages(suite_dir)
    executable = chromium_path()
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        raise RuntimeError(
            "cchc report --pdf needs the playwright package: pip install 'cchc-analysis[pdf]' (or make install)"
        ) from None
    written = []
    todo = [p for p in pages if not _fresh(p.with_suffix(".pdf"), p)]
    if todo:
        import asyncio

        asyncio.run(_print_all(async_playwright, executable, todo))
    written = [p.with_suffix(".pdf") for p in pages]
    _relink_index(suite_dir)
    return written


#: Pages printed at the same time, each in a tab of its own (Chromium renders each in its own process).
TABS = max(1, min(4, os.cpu_count() or 1))


async def _print_all(async_playwright, executable: str, todo: list[Path]) -> None:
    """Print the pages of ``todo`` in one Chromium, :data:`TABS` tabs at a time."""
    import asyncio

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=executable)
        try:
            queue = list(reversed(todo))

            async def tab() -> None:
                while queue:
                    page_path = queue.pop()
                    page = await browser.new_page()
                    await page.goto(page_path.as_uri(), wait_until="load")
                    await page.emulate_media(media="print")
                    await page.evaluate(_OPEN_FOLDED)  # long tables printed open, breaking where the sheet ends
                    tmp = page_path.with_suffix(".pdf.part")
                    await page.pdf(path=str(tmp), format="A4", prefer_css_page_size=True, print_background=True)
                    await page.close()
                    os.replace(tmp, page_path.with_suffix(".pdf"))

            await asyncio.gather(*(tab() for _ in range(min(TABS, len(todo)))))
        finally:
            await browser.close()


#: Unfolds every long table of a page (``details.cchc-long``, :func:`cchc_data.report.pages.collapse_long_tables`):
#: its rows printed in place, without the summary line. Chromium moves a whole ``<details>`` to the next sheet
#: when it does not fit in what is left of one, leaving most of a sheet blank.
_OPEN_FOLDED = (
    "document.querySelectorAll('details.cchc-long').forEach(d => {"
    " d.querySelector(':scope > summary')?.remove(); d.replaceWith(...d.childNodes); })"
)


def _fresh(pdf: Path, page: Path) -> bool:
    return pdf.is_file() and pdf.stat().st_mtime >= page.stat().st_mtime


def _relink_index(suite_dir: Path) -> None:
    """Render the index again so that it links the PDFs (and the downloads) now present."""
    from .pages import DOWNLOADS, index_html

    manifest_path, index = suite_dir / "manifest.json", suite_dir / "index.html"
    if not (manifest_path.is_file() and index.is_file()):
        return
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    present = [f for f, _ in DOWNLOADS.values() if (suite_dir / f).is_file()]
    present += [p.relative_to(suite_dir).as_posix() for p in suite_dir.glob("*/*/*.pdf")]
    index.write_text(index_html(manifest, downloads=present), encoding="utf-8")


share_docs_in(globals())
