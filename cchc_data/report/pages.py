"""The HTML pages of a report suite: each executed notebook as an offline page, and the suite's index.

Every page has the same frame: a header (project name, link to the contents, the same report in the other
language, what the page is in words), a footer (data version, build date, how to cite, licence) and a print
stylesheet that keeps every table column on A4. Narrative cells are written once per language and tagged
``lang-vi`` / ``lang-en``; the other language is dropped here (nbconvert's ``TagRemovePreprocessor``), as are
cells tagged ``remove-from-page`` (checks kept for nbval) and papermill's injected parameters.

Used by :mod:`cchc_data.report`; nothing here runs notebooks. :func:`write_downloads` writes the suite's
data files (CSV, Excel) that the index links.
"""

from __future__ import annotations

import datetime as _dt
import functools
import html
import os
import re
from pathlib import Path
from urllib.parse import quote

from .. import i18n
from .._docstrings import share_docs_in
from .._text import as_printed as _as_printed
from .._text import fold, plain_number

__all__ = [
    "DOWNLOADS",
    "LONG_TABLE_ROWS",
    "collapse_long_tables",
    "coverage",
    "first_chart",
    "link_chart_images",
    "plain_number",
    "slim_notebook",
    "stack_tables",
    "PAGE_CSS",
    "external_references",
    "notebook_to_html",
    "index_html",
    "page_title",
    "write_downloads",
]

_EXTERNAL_RE = re.compile(
    r"<(?:script|link|img|iframe|embed|source)\b[^>]*?\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//[^\"'\s>]*"
    r"|@import\s+(?:url\()?[\"']?\s*(?:https?:)?//[^\"')\s]*"
    r"|\bimport\(\s*[\"'](?:https?:)?//[^\"']*",
    re.IGNORECASE,
)
#: Tags of cells left out of the published page (besides the other language's ``lang-xx``).
REMOVE_TAGS = ("injected-parameters", "parameters", "remove-from-page", "dev-only")
#: Files :func:`write_downloads` writes under the suite folder, by key: (path, UI string key).
DOWNLOADS = {
    "csv": ("downloads/cchc-facts.csv", "download_csv"),
    "sources": ("downloads/cchc-sources.csv", "download_sources_csv"),
    "xlsx_vi": ("downloads/cchc-facts-vi.xlsx", "download_xlsx"),
    "xlsx_en": ("downloads/cchc-facts-en.xlsx", "download_xlsx"),
}
_LINK_RE = re.compile(r"<(?:a|source)\b[^>]*\bdata-cchc-path=\"[^\"]+\"[^>]*>")
_PATH_ATTR_RE = re.compile(r'\s*\bdata-cchc-path="([^"]+)"')
_HREF_RE = re.compile(r'\b(href|srcset)="[^"]*"')

#: Styles shared by every page and the index: header, footer, readable tables, and A4 print.
PAGE_CSS = """
.cchc-header, .cchc-footer { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #333; }
.cchc-header { border-bottom: 2px solid #1f4e79; padding: 0.6rem 0 0.5rem; margin-bottom: 1rem; }
.cchc-header .project { font-size: 0.85rem; color: #555; }
.cchc-header nav { float: right; font-size: 0.95rem; }
.cchc-header nav a { margin-left: 1rem; color: #0b57d0; text-decoration: underline; }
.cchc-header .what { font-size: 1.35rem; font-weight: bold; margin: 0.2rem 0 0; }
.cchc-footer { border-top: 1px solid #bbb; margin-top: 2rem; padding-top: 0.6rem; font-size: 0.85rem; }
.cchc-footer p { margin: 0.25rem 0; }
.cchc-table table, .jp-RenderedHTMLCommon .cchc-table table { border-collapse: collapse; margin: 0.4rem 0;
  font-size: 0.85rem; width: auto; max-width: 100%; table-layout: auto !important; }
.cchc-table th, .cchc-table td, .jp-RenderedHTMLCommon .cchc-table th, .jp-RenderedHTMLCommon .cchc-table td {
  border: 1px solid #ccc; padding: 0.25rem 0.45rem; text-align: left !important; vertical-align: top;
  overflow-wrap: break-word; max-width: 28rem; }
.cchc-table th { background: #eef3f8; }
.cchc-table td.num, .jp-RenderedHTMLCommon .cchc-table td.num { text-align: right !important; white-space: nowrap; }
.cchc-table td.period { white-space: nowrap; }
.cchc-table td.evidence q { font-style: italic; }
.cchc-table td.source { font-size: 0.78rem; color: #333; }
.cchc-table tr.target td { background: #fff6e0; }
.cchc-table .gloss, .table-note { color: #555; font-size: 0.8rem; }
figure.cchc-chart { margin: 0.4rem 0 1.2rem; }
figure.cchc-chart img, .jp-OutputArea-output img { max-width: 100%; height: auto; }
.cchc-chart-caption { font-size: 0.9rem; color: #333; margin: 0.3rem 0 0.2rem; max-width: 60rem; }
.cchc-chart-links { font-size: 0.85rem; margin: 0.2rem 0 1rem; }
.cchc-chart-links a { margin-right: 0.8rem; }
.cchc-sentence { font-size: 1rem; }
details.build { margin-top: 1.5rem; color: #444; font-size: 0.85rem; }
details.cchc-long > summary { cursor: pointer; color: #0b57d0; font-size: 0.9rem; margin: 0.3rem 0; }
/* Phones: tables become stacked cards (each cell says its column), charts fit the screen, no sideways scroll. */
@media (max-width: 640px) {
  body, body.jp-Notebook { margin: 0 !important; padding: 0 0.6rem !important; }
  .jp-Cell, .jp-OutputArea-child, .jp-Cell-outputWrapper { padding: 0 !important; margin: 0 !important; }
  .jp-OutputArea-output, .jp-RenderedHTMLCommon { overflow-x: visible !important; padding: 0 !important; }
  .jp-OutputArea-prompt, .jp-InputPrompt, .jp-Collapser { display: none !important; }
  .cchc-header nav { float: none; display: block; margin-bottom: 0.3rem; }
  .cchc-header nav a { margin: 0 1rem 0 0; }
  .cchc-header .what { font-size: 1.15rem; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  details.build code { overflow-wrap: anywhere; word-break: break-all; }  /* the data checksum: one long word */
  table.cchc-stack, table.cchc-stack tbody, table.cchc-stack tr, table.cchc-stack td, table.cchc-stack th {
    display: block; width: auto !important; max-width: none !important; }
  table.cchc-stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  figure.cchc-wide picture { display: block; overflow-x: auto; }
  figure.cchc-wide img { max-width: none !important; width: 640px; }
  table.cchc-stack tr { border: 1px solid #bbb; margin: 0 0 0.6rem; }
  table.cchc-stack td, table.cchc-stack tbody th, .jp-RenderedHTMLCommon table.cchc-stack td,
  .jp-RenderedHTMLCommon .cchc-table table.cchc-stack td.num { border: none !important; border-bottom: 1px solid #eee !important;
    text-align: left !important; white-space: normal !important; overflow-wrap: anywhere; }
  table.cchc-stack td:empty { display: none; }  /* a card leaves out a column with nothing to say (no flag) */
  table.cchc-stack [data-label]::before { content: attr(data-label); display: block; font-weight: bold;
    font-size: 0.75rem; color: #555; }
}
@page { size: A4; margin: 11mm 11mm 13mm;
  @top-left { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 8pt; color: #555; }
  @bottom-right { content: counter(page) " / " counter(pages); font-family: "DejaVu Sans", "Noto Sans", Arial,
    sans-serif; font-size: 8pt; color: #555; } }
@media print {
  body { margin: 0 !important; }
  .jp-Cell, .jp-OutputArea-output, .jp-RenderedHTMLCommon { overflow: visible !important; max-width: 100% !important; }
  .cchc-table { overflow: visible !important; }
  .cchc-table table, .jp-RenderedHTMLCommon .cchc-table table { width: 100% !important; table-layout: auto; }
  .cchc-table th, .cchc-table td, .jp-RenderedHTMLCommon .cchc-table th, .jp-RenderedHTMLCommon .cchc-table td {
    max-width: none; overflow-wrap: break-word; hyphens: auto; }
  .cchc-table .url { overflow-wrap: anywhere; word-break: break-all; }  /* web addresses break anywhere */
  .jp-Notebook, .jp-Cell, .jp-OutputArea-child { padding: 0 !important; margin: 0 !important; }
  .jp-OutputArea-output { overflow-x: visible !important; }
  .cchc-table td.num, .cchc-table td.period { white-space: nowrap; }
  img { max-width: 100% !important; height: auto !important; }
  /* a chart never taller than a sheet (A4 less margins and header): scaled down whole, not sliced; a little
     narrower than the text, so that three breakdown charts share a sheet */
  figure.cchc-chart img { width: auto !important; max-width: 80% !important; max-height: 240mm !important; }
  .cchc-header nav, details.build, details.cchc-long > summary, .anchor-link { display: none; }
  /* on paper the chart itself is read: no download links, no caption that says again what it shows, no
     "cite this chart" (the chart's own footer names its sources and data version) */
  .cchc-chart-links, .cchc-chart-caption, .cchc-chart-cite { display: none; }
  details.cchc-long::details-content { content-visibility: visible; display: contents; }  /* folded: printed open */
  figure.cchc-chart { margin: 0.2rem 0 0.5rem; }
  .jp-RenderedMarkdown p, .cchc-sentence { font-size: 9pt; line-height: 1.3; margin: 0.2rem 0; }
  .jp-RenderedHTMLCommon h1 { font-size: 15pt; }
  .jp-RenderedHTMLCommon h2 { font-size: 12.5pt; margin: 0.5rem 0 0.2rem; }
  .jp-RenderedHTMLCommon h3 { font-size: 10pt; margin: 0.4rem 0 0.1rem; }
  h1, h2, h3 { break-after: avoid; }
  /* long tables: narrow type, cells as wide as their kind of content needs */
  .cchc-table table, .jp-RenderedHTMLCommon .cchc-table table { font-size: 6pt !important; line-height: 1.2; }
  .cchc-table th, .cchc-table td, .jp-RenderedHTMLCommon .cchc-table th, .jp-RenderedHTMLCommon .cchc-table td,
  .cchc-table td *, .cchc-table th *, .cchc-table .table-note { font-size: 6pt !important; }
  .cchc-table th, .cchc-table td, .jp-RenderedHTMLCommon .cchc-table th, .jp-RenderedHTMLCommon .cchc-table td {
    padding: 0.5px 2px !important; }
  .cchc-table td.label { min-width: 38mm; }
  .cchc-table td.domain { width: 18mm; }
  .cchc-table td.evidence { min-width: 36mm; }
  .cchc-table td.flag { width: 24mm; }
  /* a table's English gloss of its evidence says again what its label column says */
  .cchc-table table:has(td.label) td.evidence .gloss { display: none; }
  tr, img, figure, .cchc-sources li { break-inside: avoid; }
  thead { display: table-header-group; }
  /* nbconvert keeps each output whole on paper (a table, overflow hidden): a long table then starts on a new
     sheet and leaves most of the last one blank. Outputs break like text; rows, charts and figures stay whole. */
  .jp-OutputArea, .jp-OutputArea-child, .jp-Cell-outputWrapper { display: block !important;
    overflow: visible !important; break-inside: auto !important; }
  .jp-OutputArea-output { display: block !important; }
}
"""


def _show(value) -> str:
    if isinstance(value, list | tuple):
        return ",".join(_show(v) for v in value) if value else "all"
    return str(value)


def _offline_template() -> str:
    return (
        "{%- extends 'index.html.j2' -%}\n"
        "{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}\n"
        "{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}\n"
        "{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}\n"
        "{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}\n"
    )


def external_references(text: str) -> list[str]:
    """Script, link, image or CSS import sources in ``text`` that point to another host (``http(s)://``, ``//``).

    Ordinary links (``<a href>``) are not references: a page with them still works offline.

    Parameters
    ----------
    text : str
        An HTML page.

    Returns
    -------
    list of str
        Each external reference, as the start of its tag up to the address; empty for a self-contained page.

    Examples
    --------
    >>> external_references('<script src="https://cdn.example/r.js"></script><a href="https://x.org">x</a>')
    ['<script src="https://cdn.example/r.js']
    """
    return [m.group(0) for m in _EXTERNAL_RE.finditer(text)]


def _province_name(value) -> str:
    """The Vietnamese name of a province given by name, code or slug; the value itself if unknown."""
    from ..province_registry import provinces, resolve_province

    try:
        slug = resolve_province(value)
    except (ValueError, TypeError):
        return str(value)
    return str(provinces().set_index("slug").at[slug, "name_vi"])


def _topic(stem: str, lang: str) -> str:
    """What a notebook is about, in ``lang`` (its file stem if the notebook is not one of the project's)."""
    return i18n.t(f"nb_{stem}", lang) if i18n.has(f"nb_{stem}") else stem


def page_title(stem: str, parameters: dict, lang: str) -> str:
    """What a page is, in words: ``"Khánh Hòa — province profile"``.

    Parameters
    ----------
    stem : str
        The notebook's file stem, e.g. ``"01_province_profile"``.
    parameters : dict
        The run's parameters; ``province`` or ``provinces`` name the page's subject.
    lang : {"vi", "en"}
        Language of the title, in any case.

    Returns
    -------
    str
        ``"<subject> — <topic>"``, or the stem for a notebook that is not one of the project's.

    Examples
    --------
    >>> page_title("01_province_profile", {"province": "khanh-hoa"}, "en")
    'Khánh Hòa — province profile'
    >>> page_title("02_comparison", {"provinces": []}, "vi")
    'Tất cả các tỉnh — so sánh giữa các tỉnh'
    >>> page_title("99_other", {}, "en")
    '99_other'
    """
    lang = i18n.check_lang(lang)
    key = f"nb_{stem}"
    if not i18n.has(key):
        return stem
    what = i18n.t(key, lang)
    if parameters.get("province"):
        who = _province_name(parameters["province"])
    elif parameters.get("provinces"):
        who = ", ".join(_province_name(p) for p in parameters["provinces"])
    else:
        who = i18n.t("all_provinces", lang)
    return f"{who} — {what}"


def _other_language_folder(folder: str, lang: str) -> str | None:
    """The run folder of the same report in the other language (``province=x,lang=vi`` → ``…lang=en``)."""
    parts = folder.split(",")
    key = f"lang={lang}"
    if key not in parts:
        return None
    return ",".join(f"lang={i18n.other_lang(lang)}" if p == key else p for p in parts)


def _citation_block(lang: str, version: str) -> str:
    return (
        f"<p><strong>{html.escape(i18n.t('how_to_cite', lang))}:</strong> "
        f"{html.escape(i18n.t('citation', lang, version=version))}</p>"
        f"<p><strong>{html.escape(i18n.t('licence', lang))}:</strong> {html.escape(i18n.t('licence_text', lang))}</p>"
    )


def _dataset_citation(lang: str) -> str:
    """The index's "Cite this dataset": the citation from ``CITATION.cff`` and its BibTeX block."""
    from ..citation import bibtex, dataset_citation

    return (
        f'<section class="cite-dataset"><h2>{html.escape(i18n.t("cite_dataset", lang))}</h2>'
        f"<p>{html.escape(dataset_citation(lang))}</p><pre><code>{html.escape(bibtex())}</code></pre></section>"
    )


def _footer(lang: str, built: str) -> str:
    from ..datadir import data_version
    from ..tables import _date

    version = data_version()
    try:  # the build date as readers write it (7/12/2026, 7 December 2026)
        built = _date(built, lang) or built
    except ValueError:
        pass
    return (
        f'<footer class="cchc-footer" lang="{lang}">'
        f"<p>{html.escape(i18n.t('data_version', lang))} {html.escape(version)} · "
        f"{html.escape(i18n.t('built', lang))} {html.escape(built)}</p>{_citation_block(lang, version)}</footer>"
    )


def _header(lang: str, what: str, *, index_href: str | None, other_href: str | None, heading: bool = False) -> str:
    """The site's header; with ``heading``, what the page is is its ``<h1>`` (the index has no other)."""
    links = []
    if index_href:
        links.append(f'<a class="nav-index" href="{index_href}">{html.escape(i18n.t("back_to_index", lang))}</a>')
    if other_href:
        other = i18n.other_lang(lang)
        links.append(
            f'<a class="nav-lang" hreflang="{other}" lang="{other}" href="{other_href}" '
            f'title="{html.escape(i18n.t("other_language_title", lang))}">{html.escape(i18n.t("other_language", lang))}</a>'
        )
    return (
        f'<header class="cchc-header" lang="{lang}"><nav>{"".join(links)}</nav>'
        f'<div class="project">{html.escape(i18n.t("project", lang))}</div>'
        + (f'<h1 class="what">{html.escape(what)}</h1>' if heading else f'<div class="what">{html.escape(what)}</div>')
        + "</header>"
    )


def _frame(body: str, *, lang: str, header: str, footer: str, meta: str = "") -> str:
    """Insert the meta tags, stylesheet, header and footer into nbconvert's page."""
    body = body.replace("</head>", f"{meta}<style>{PAGE_CSS}</style>\n</head>", 1)
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + header, body, count=1)
    i = body.rfind("</body>")
    return body[:i] + footer + body[i:]


def _relink(body: str, page_dir: Path) -> str:
    """Point chart download links and phone renderings (``data-cchc-path``, absolute at run time) to paths
    relative to the page."""

    def fix(m: re.Match) -> str:
        tag = m.group(0)
        target = Path(html.unescape(_PATH_ATTR_RE.search(tag).group(1)))
        rel = Path(os.path.relpath(target, page_dir)).as_posix()
        if not (page_dir / rel).exists() and (page_dir / "figures" / target.name).exists():
            rel = f"figures/{target.name}"  # the suite folder was renamed after the run (build → final)
        url = html.escape(quote(rel, safe="/=,+-._"))
        return _HREF_RE.sub(
            lambda a: f'{a.group(1)}="{url}"', _PATH_ATTR_RE.sub("", tag)
        )  # no absolute build path in the page

    return _LINK_RE.sub(fix, body)


_TABLE_RE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.DOTALL | re.IGNORECASE)
_THEAD_RE = re.compile(r"<thead>(.*?)</thead>", re.DOTALL | re.IGNORECASE)
_HEAD_CELL_RE = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL | re.IGNORECASE)
_ROW_RE = re.compile(r"<tr\b[^>]*>.*?</tr>", re.DOTALL | re.IGNORECASE)
_CELL_OPEN_RE = re.compile(r"<(td|th)\b", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]+>")
#: A table with more rows than this is collapsible (open on wide screens and on paper, closed on phones).
LONG_TABLE_ROWS = 12
# Closes the long tables on a phone-sized screen when the page opens, opens them all to print (no network).
_PHONE_SCRIPT = (
    "<script>if (window.matchMedia('(max-width: 640px)').matches) "
    "document.querySelectorAll('details.cchc-long').forEach(d => d.removeAttribute('open'));"
    "window.addEventListener('beforeprint', () => document.querySelectorAll('details.cchc-long')"
    ".forEach(d => d.setAttribute('open', '')));</script>"
)


def stack_tables(body: str) -> str:
    """Label every body cell of each one-header-row table with its column, for phones (``data-label``).

    On a screen narrower than 640 px (:data:`PAGE_CSS`), such a table (class ``cchc-stack``) shows each
    row as a card: every cell under its column's name, so nothing scrolls sideways. Tables without a
    ``<thead>`` of exactly one row, or whose rows have another number of cells, are left as they are.

    Parameters
    ----------
    body : str
        HTML.

    Returns
    -------
    str
        The HTML with ``class="cchc-stack"`` on each such table and ``data-label`` on its cells.

    Examples
    --------
    >>> stack_tables("<table><thead><tr><th>Tỉnh</th><th>Số</th></tr></thead><tbody><tr><td>A</td><td>4</td></tr></tbody></table>")
    '<table class="cchc-stack"><thead><tr><th>Tỉnh</th><th>Số</th></tr></thead><tbody><tr><td data-label="Tỉnh">A</td><td data-label="Số">4</td></tr></tbody></table>'
    """

    def one(m: re.Match) -> str:
        attrs, inner = m.group(1), m.group(2)
        head = _THEAD_RE.search(inner)
        if not head or len(_ROW_RE.findall(head.group(1))) != 1:
            return m.group(0)
        labels = [html.unescape(_TAG_RE.sub("", h)).strip() for h in _HEAD_CELL_RE.findall(head.group(1))]
        rest = inner[head.end() :]

        def row(r: re.Match) -> str:
            text = r.group(0)
            if len(_CELL_OPEN_RE.findall(text)) != len(labels):
                return text
            cells = iter(labels)
            return _CELL_OPEN_RE.sub(lambda c: f'<{c.group(1)} data-label="{html.escape(next(cells))}"', text)

        rows = _ROW_RE.sub(row, rest)
        if 'class="' in attrs:
            attrs = attrs.replace('class="', 'class="cchc-stack ', 1)
        else:
            attrs = f' class="cchc-stack"{attrs}'
        return f"<table{attrs}>{inner[: head.end()]}{rows}</table>"

    return _TABLE_RE.sub(one, body)


def collapse_long_tables(body: str, lang: str) -> str:
    """Wrap each table of more than :data:`LONG_TABLE_ROWS` rows in an open ``<details>`` saying its size.

    The page's script closes them on phone-sized screens, so a long page can be skimmed there; on wide
    screens and on paper they stay open.

    Parameters
    ----------
    body : str
        HTML.
    lang : {"vi", "en"}
        Language of the line that says the table's size.

    Returns
    -------
    str
        The HTML with each long table inside ``<details class="cchc-long" open>``.

    Examples
    --------
    >>> rows = "".join(f"<tr><td>{i}</td></tr>" for i in range(20))
    >>> collapse_long_tables(f'<div class="cchc-table"><table><tbody>{rows}</tbody></table></div>', "en")[:60]
    '<div class="cchc-table"><details class="cchc-long" open><sum'
    """

    def one(m: re.Match) -> str:
        n = len(_ROW_RE.findall(_THEAD_RE.sub("", m.group(2))))
        if n <= LONG_TABLE_ROWS:
            return m.group(0)
        summary = html.escape(i18n.t("table_rows", lang, n=i18n.format_number(n, lang)))
        return f'<details class="cchc-long" open><summary>{summary}</summary>{m.group(0)}</details>'

    return _TABLE_RE.sub(one, body)


def _print_header(title: str) -> str:
    """A4 pages repeat the page's title at the top left (a CSS page margin box)."""
    text = title.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")  # CSS string, no "</style"
    return f'<style>@page {{ @top-left {{ content: "{text}"; }} }}</style>\n'


def _meta_tags(*, title: str, description: str, image: str | None) -> str:
    """Open Graph tags, so a shared link (Zalo, Facebook) previews as the report it is."""
    tags = [("og:type", "article"), ("og:title", title), ("og:description", description)]
    if image:
        tags.append(("og:image", image))
    out = "".join(f'<meta property="{k}" content="{html.escape(v)}">\n' for k, v in tags)
    return out + f'<meta name="description" content="{html.escape(description)}">\n'


_URL_TEXT_RE = re.compile(r"(<td\b[^>]*>(?:<span\b[^>]*>)?)(https?://[^<\s]+)<")  # a web address shown in a cell
_FIRST_PNG_RE = re.compile(r'<figure class="cchc-chart[^"]*">.*?\bhref="([^"]+\.png)"', re.DOTALL)


def first_chart(body: str) -> str | None:
    """The link to the PNG of the page's first chart (relative to the page), or ``None``.

    Parameters
    ----------
    body : str
        A page's HTML, its chart links already relative to the page.

    Returns
    -------
    str or None
        The PNG's address as the page links it; ``None`` for a page without a chart.

    Examples
    --------
    >>> first_chart('<figure class="cchc-chart"><img src="x"><a href="figures/a.svg">SVG</a> <a href="figures/a.png">PNG</a></figure>')
    'figures/a.png'
    >>> first_chart("<p>no chart</p>") is None
    True
    """
    m = _FIRST_PNG_RE.search(body)
    return html.unescape(m.group(1)) if m else None


def notebook_to_html(notebook, html_path, *, lang: str | None = None, title: str | None = None) -> Path:
    """Render an executed notebook as one self-contained, offline HTML page in one language.

    Outputs only: input cells and prompts are hidden; cells tagged ``injected-parameters``, ``parameters``,
    ``remove-from-page`` or ``lang-<other language>`` are dropped; a chart saved by
    :func:`cchc_data.plotting.show_figure` is shown from its PNG file (relative to the page; a phone loads
    only its phone rendering), other images are embedded (base64); require.js,
    MathJax, mermaid and widget scripts (normally loaded from a CDN) are left out, so the page works without
    a network. The page gets the site's header (link to ``../../index.html`` and to the same report in the
    other language when the page sits in a suite's ``<notebook>/<…,lang=xx>/`` folder), footer and print
    stylesheet; chart download links are made relative to the page.

    Parameters
    ----------
    notebook : str or pathlib.Path
        The executed notebook (``.ipynb``).
    html_path : str or pathlib.Path
        Where to write the page (its folder must exist).
    lang : {"vi", "en"}, optional
        The page's language. Default ``None``: the notebook's ``lang`` parameter, else Vietnamese.
    title : str, optional
        Title for a notebook that is not one of the project's (theirs get :func:`page_title`). Default
        ``None``: the notebook's file stem.

    Returns
    -------
    pathlib.Path
        ``html_path``.

    Raises
    ------
    RuntimeError
        If the page would still reference another host (see :func:`external_references`).

    Examples
    --------
    >>> import tempfile, pathlib, nbformat
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Xin chào")]), folder / "a.ipynb")
    >>> page = notebook_to_html(folder / "a.ipynb", folder / "a.html", lang="vi", title="Thử")
    >>> text = page.read_text(encoding="utf-8")
    >>> page.name, text[text.index("<title>") + 7 : text.index("</title>")]
    ('a.html', 'Thử')
    """
    import nbformat
    from nbconvert.preprocessors import TagRemovePreprocessor

    notebook, html_path = Path(notebook), Path(html_path)
    nb = nbformat.read(notebook, as_version=4)
    parameters = dict(nb.metadata.get("papermill", {}).get("parameters", {}))
    lang = i18n.check_lang(lang or parameters.get("lang") or i18n.LANGS[0])
    remove = TagRemovePreprocessor(remove_cell_tags=set(REMOVE_TAGS) | {f"lang-{i18n.other_lang(lang)}"})
    nb, _ = remove.preprocess(nb, {})
    exporter = _html_exporter(lang)
    what = page_title(notebook.stem, parameters, lang)
    name = title if title and what == notebook.stem else what  # the runner's label only for unknown notebooks
    resources = {"metadata": {"name": name, "path": str(notebook.parent)}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    folder = html_path.parent.name
    other_folder = _other_language_folder(folder, lang)
    in_suite = other_folder is not None
    other_href = quote(f"../{other_folder}/{html_path.name}", safe="/=,+-._") if in_suite else None
    index_href = ("../../index.html" + ("#en" if lang == "en" else "")) if in_suite else None
    end = nb.metadata.get("papermill", {}).get("end_time") or _dt.datetime.now(_dt.UTC).isoformat()
    built = str(end)[:10]
    body = link_chart_images(_relink(body, html_path.parent.resolve()))
    body = collapse_long_tables(stack_tables(_URL_TEXT_RE.sub(r'\1<span class="url">\2</span><', body)), lang)
    stem = notebook.stem
    description = i18n.t(f"nbdesc_{stem}", lang) if i18n.has(f"nbdesc_{stem}") else name
    body = _frame(
        body,
        lang=lang,
        header=_header(lang, what, index_href=index_href, other_href=other_href),
        footer=_footer(lang, built) + _PHONE_SCRIPT,
        meta=_meta_tags(title=name, description=description, image=first_chart(body)) + _print_header(what),
    )
    external = external_references(body)
    if external:
        raise RuntimeError(f"{notebook.name}: the HTML would load {external[0]!r} from the network")
    html_path.write_text(body, encoding="utf-8")
    return html_path


@functools.lru_cache(maxsize=2)
def _html_exporter(lang: str):
    """The page's nbconvert exporter in ``lang``, made once per process: its templates are compiled on first
    use (about 0.25 s), and a report worker renders many pages."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"cchc_offline.html.j2": _offline_template()})],
        template_file="cchc_offline.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        language_code=lang,
    )


_DATA_PNG_RE = re.compile(r'src="data:image/png;base64,[A-Za-z0-9+/=\s]*"')
_CHART_PNG_RE = re.compile(r'<a\b[^>]*\bhref="([^"]+\.png)"')


_FIGURE_RE = re.compile(r'<figure class="cchc-chart[^"]*">.*?</figure>', re.DOTALL)


def link_chart_images(body: str) -> str:
    """Show each chart from its PNG file (the figure's own PNG link) instead of an embedded copy.

    A phone then loads only the image it shows (its phone rendering), and the suite holds each chart once.
    ``body`` must already have links relative to the page (see :func:`notebook_to_html`).

    Parameters
    ----------
    body : str
        HTML with charts as :func:`cchc_data.plotting.show_figure` shows them.

    Returns
    -------
    str
        The HTML with each chart's embedded PNG replaced by its file's address.

    Examples
    --------
    >>> link_chart_images('<figure class="cchc-chart"><img src="data:image/png;base64,AAAA"> <a href="figures/a.png">PNG</a></figure>')
    '<figure class="cchc-chart"><img src="figures/a.png"> <a href="figures/a.png">PNG</a></figure>'
    """

    def one(m: re.Match) -> str:
        png = _CHART_PNG_RE.search(m.group(0))
        return _DATA_PNG_RE.sub(f'src="{png.group(1)}"', m.group(0), count=1) if png else m.group(0)

    return _FIGURE_RE.sub(one, body)


def slim_notebook(notebook) -> int:
    """Drop the second copy of every chart from an executed notebook: the published ``.ipynb`` links them.

    A chart shown with :func:`cchc_data.plotting.show_figure` is stored twice in the notebook (as PNG and
    inside its HTML). Here the PNG output is dropped and the HTML's embedded image is replaced by a link to
    the chart's PNG file in the run's ``figures/`` folder (relative to the notebook), so the notebook still
    shows its charts beside that folder, at a fraction of the size. Run it after the page is rendered.

    Parameters
    ----------
    notebook : str or pathlib.Path
        The executed notebook, rewritten in place.

    Returns
    -------
    int
        The number of charts slimmed.

    Examples
    --------
    >>> import tempfile, pathlib, nbformat
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Xin chào")]), folder / "a.ipynb")
    >>> slim_notebook(folder / "a.ipynb")  # no chart: nothing to slim, the file is left as it was
    0
    """
    import nbformat

    notebook = Path(notebook)
    nb = nbformat.read(notebook, as_version=4)
    slimmed = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            page = data.get("text/html")
            if not isinstance(page, str) or 'class="cchc-chart' not in page or "data:image/png" not in page:
                continue
            fixed = link_chart_images(_relink(page, notebook.parent.resolve()))
            if "data:image/png" in fixed:
                continue
            data["text/html"] = fixed
            data.pop("image/png", None)
            slimmed += 1
    if slimmed + _relative_paths(nb, notebook.parent.resolve()):
        nbformat.write(nb, notebook)
    return slimmed


def _relative_paths(nb, folder: Path) -> int:
    """Replace the build machine's paths in an executed notebook by paths relative to its folder.

    Papermill records the absolute input and output paths, and the runner passes an absolute
    ``figures_dir``: nothing of the build machine belongs in what is published. Returns the number of
    places changed.
    """
    changed = 0
    meta = nb.metadata.get("papermill", {})
    for key in ("input_path", "output_path"):
        if meta.get(key) and Path(meta[key]).is_absolute():
            meta[key], changed = Path(meta[key]).name, changed + 1
    here = str(folder)

    def relative(text: str) -> str:
        return text.replace(here + "/", "").replace(here, ".")

    params = meta.get("parameters", {})
    for key, value in params.items():
        if isinstance(value, str) and here in value:
            params[key], changed = relative(value), changed + 1
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []) and here in cell.source:
            cell.source, changed = relative(cell.source), changed + 1
    return changed


# --- the index ----------------------------------------------------------------------------------------


def empty_reason(stem: str, parameters: dict, lang: str) -> str:
    """Why a report can only be empty, in ``lang`` (``""`` if it has something to show).

    Examples
    --------
    >>> empty_reason("03_targets", {"province": "ha-giang"}, "en")
    'No targets are recorded for Hà Giang in the sources collected.'
    >>> empty_reason("03_targets", {"province": "khanh-hoa"}, "en")
    ''
    """
    if stem.endswith("_targets") and parameters.get("province"):
        from ..analysis import progress_to_target

        try:
            empty = progress_to_target(parameters["province"]).empty
        except (ValueError, TypeError):  # an unknown province: the run itself says what is wrong
            return ""
        if empty:
            return i18n.t("no_targets", lang, name=_province_name(parameters["province"]))
    return ""


def _province_order(province) -> str:
    """The one order of provinces on every page: by name, diacritics folded (Đắk Lắk before Hà Giang)."""
    return fold(_province_name(province))


def coverage(lang: str, *, data_dir=None) -> dict[str, str]:
    """What each province's data covers, in words: its periods (plans' and targets' too), facts and sources.

    Parameters
    ----------
    lang : {"vi", "en"}
        Language of the sentences.
    {data_dir}

    Returns
    -------
    dict
        Province slug → sentence; empty if the data cannot be read (the index is still written).

    Examples
    --------
    >>> coverage("en")["khanh-hoa"]
    'Periods: 2019, 2020, Q1 2020, 2021, 2021–2030, Q1 2021, 2025, 2030 · 170 facts · source documents: 3'
    """
    from ..datadir import DataError
    from ..indicators import load_indicators

    try:
        facts = load_indicators(data_dir=data_dir if data_dir and Path(data_dir).is_dir() else None)
    except (DataError, OSError, ValueError):
        return {}
    out = {}
    for slug, rows in facts.groupby("province", observed=True):
        periods = rows.drop_duplicates("period").assign(q=lambda f: f["quarter"].fillna(0))
        periods = periods.assign(end=periods["year_end"].fillna(periods["year"])).sort_values(["year", "q", "end"])
        out[str(slug)] = i18n.t(
            "coverage",
            lang,
            periods=", ".join(i18n.format_period(p, lang) for p in periods["period"]),
            facts=i18n.format_number(len(rows), lang),
            sources=i18n.format_number(rows["source_id"].nunique(), lang),
        )
    return out


def _run_link(run: dict, lang: str) -> str | None:
    stem = Path(run["notebook"]).stem
    page = f"{run['folder']}/{stem}.html"
    return quote(page, safe="/=,+-._") if page in set(run["files"]) else None


def _toc(manifest: dict, lang: str, present: frozenset = frozenset()) -> str:
    """The contents in ``lang``: by province, then by topic; each entry with a one-line description."""
    esc = html.escape
    runs = [r for r in manifest["runs"] if r["parameters"].get("lang", lang) == lang]
    if not runs:  # a suite built in the other language only: list those pages
        runs = list(manifest["runs"])
    provinces: dict[str, list] = {}
    topics: list = []
    for r in runs:
        (provinces.setdefault(r["parameters"]["province"], []) if r["parameters"].get("province") else topics).append(r)

    def entry(r: dict, *, with_province: bool) -> str:
        stem = Path(r["notebook"]).stem
        what = page_title(stem, r["parameters"], lang) if with_province else _topic(stem, lang).capitalize()
        href = _run_link(r, lang)
        label = f'<a href="{href}">{esc(what)}</a>' if href and r["status"] == "ok" else esc(what)
        desc = i18n.t(f"nbdesc_{stem}", lang) if i18n.has(f"nbdesc_{stem}") else ""
        reason = empty_reason(stem, r["parameters"], lang)
        state = ""
        if r["status"] != "ok":
            state = f' <strong class="failed">({esc(i18n.value_label("status_run", "failed", lang))})</strong>'
        elif reason:
            state = f' <em class="empty">{esc(i18n.t("empty_report", lang, reason=reason))}</em>'
        pdf = f"{r['folder']}/{stem}.pdf"
        if pdf in present and r["status"] == "ok":
            label += f' · <a class="pdf" href="{quote(pdf, safe="/=,+-._")}">{esc(i18n.t("pdf_link", lang))}</a>'
        return f"<li>{label}{state}<br><small>{esc(desc)}</small></li>"

    parts = [f"<h2>{esc(i18n.t('by_province', lang))}</h2>"]
    covers = coverage(lang, data_dir=manifest.get("data_dir"))
    for slug in sorted(provinces, key=_province_order):
        items = "".join(entry(r, with_province=False) for r in provinces[slug])
        cover = f'<p class="coverage">{esc(covers[slug])}</p>' if slug in covers else ""
        parts.append(f"<h3>{esc(_province_name(slug))}</h3>{cover}<ul>{items}</ul>")
    if topics:
        parts.append(f"<h2>{esc(i18n.t('by_topic', lang))}</h2>")
        parts.append("<ul>" + "".join(entry(r, with_province=True) for r in topics) + "</ul>")
    # the same province reports listed by topic too
    by_topic: dict[str, list] = {}
    for r in runs:
        if r["parameters"].get("province"):
            by_topic.setdefault(Path(r["notebook"]).stem, []).append(r)
    for stem, rs in sorted(by_topic.items()):
        items = "".join(
            f'<li><a href="{_run_link(r, lang)}">{esc(_province_name(r["parameters"]["province"]))}</a></li>'
            if _run_link(r, lang) and r["status"] == "ok"
            else f"<li>{esc(_province_name(r['parameters']['province']))}</li>"
            for r in sorted(rs, key=lambda r: _province_order(r["parameters"]["province"]))
        )
        title = _topic(stem, lang).capitalize()
        parts.append(f"<h3>{esc(title)}</h3><ul class='inline'>{items}</ul>")
    return "\n".join(parts)


def _build_details(manifest: dict, lang: str) -> str:
    esc = html.escape
    rows = []
    for r in manifest["runs"]:
        stem = Path(r["notebook"]).stem
        have = set(r["files"])
        links = []
        for f in sorted(have):
            if f.endswith(".ipynb"):
                word = i18n.t("notebook_file" if r["status"] == "ok" else "partial_notebook", lang)
                links.append(f'<a href="{quote(f, safe="/=,+-._")}">{esc(word)}</a>')
        run_lang = r["parameters"].get("lang")  # the page's subject is in its title; its language in words
        language = i18n.t(f"page_language.{run_lang}", lang) if run_lang in i18n.LANGS else i18n.MISSING
        status = i18n.value_label("status_run", r["status"], lang)
        if r.get("error"):
            status += f"<br><small>{esc(r['error'])}</small>"
        cache = r.get("cache") or {}
        cache_text = esc(i18n.value_label("cache", cache.get("status", ""), lang)) if cache else i18n.MISSING
        rows.append(
            f'<tr class="{"ok" if r["status"] == "ok" else "failed"}"><td>{esc(page_title(stem, r["parameters"], lang))}'
            f"</td><td>{esc(language)}</td>"
            f"<td>{status}</td><td class='num'>{esc(i18n.format_number(r['duration_s'], lang, decimals=1))} s</td>"
            f"<td>{cache_text}</td><td>{' · '.join(links) or i18n.MISSING}</td></tr>"
        )
    head = "".join(
        f"<th>{esc(i18n.t(k, lang))}</th>" for k in ("run", "explorer.language", "status", "duration", "cache", "files")
    )
    validation = manifest.get("validation")
    vtext = ""
    if isinstance(validation, dict):  # in words, never a path of the machine that built the suite
        summary = i18n.t(
            "validation_summary",
            lang,
            valid=i18n.t("yes" if validation.get("ok") else "no", lang),
            engine=i18n.value_label("engine", validation.get("engine") or i18n.MISSING, lang),
            errors=validation.get("errors", i18n.MISSING),
            warnings=validation.get("warnings", i18n.MISSING),
        )
        vtext = f"<p>{esc(i18n.t('validation', lang))}: {esc(summary)}</p>"
    meta = (
        f"<p>{esc(i18n.t('started', lang))} {esc(_when(manifest['started'], lang))} · "
        f"{esc(i18n.t('finished', lang))} {esc(_when(manifest['finished'], lang))} · {esc(i18n.format_number(manifest['duration_s'], lang, decimals=1))} s · "
        f"{esc(i18n.t('jobs', lang))} {manifest['jobs']} · cchc_data {esc(manifest['package_version'])} · "
        f"{esc(i18n.t('checksum', lang))} <code>{esc(manifest['data_checksum'])}</code> · "
        f'<a href="manifest.json">manifest.json</a></p>'
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return (  # on a phone the runs are cards, as every table of the pages is
        f'<details class="build"><summary>{esc(i18n.t("build_details", lang))}</summary>{meta}{vtext}'
        f'<div class="cchc-table">{stack_tables(table)}</div></details>'
    )


def _when(value, lang: str) -> str:
    """A build time as readers write it, in UTC: ``7/12/2026 21:30 (UTC)``, ``7 December 2026, 21:30 (UTC)``.

    >>> _when("2026-12-07T21:30:05Z", "vi"), _when("2026-12-07T21:30:05Z", "en"), _when("not a time", "en")
    ('7/12/2026 21:30 (UTC)', '7 December 2026, 21:30 (UTC)', 'not a time')
    """
    from babel.dates import format_datetime

    try:
        t = _dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    t = t.astimezone(_dt.UTC).replace(tzinfo=None) if t.tzinfo else t
    pattern = "d/M/yyyy HH:mm" if lang == "vi" else "d MMMM yyyy, HH:mm"
    return f"{format_datetime(t, pattern, locale=lang)} (UTC)"


def _downloads(lang: str, present: set[str]) -> str:
    """Links to the suite's data files that exist (``present``: paths under the suite folder)."""
    esc = html.escape
    keys = ["csv", "sources", f"xlsx_{lang}"]
    items = [
        f'<a href="{DOWNLOADS[k][0]}">{esc(i18n.t(DOWNLOADS[k][1], lang))}</a>'
        for k in keys
        if DOWNLOADS[k][0] in present
    ]
    if not items:
        return ""
    return f'<h2>{esc(i18n.t("downloads", lang))}</h2><p class="downloads">{" · ".join(items)}</p>'


def index_html(manifest: dict, *, downloads=()) -> str:
    """The suite's ``index.html``: a table of contents for people, in Vietnamese and (at ``#en``) English.

    Both languages are in the one self-contained file; a CSS ``:target`` switch shows one (no script), so
    ``index.html`` opens in Vietnamese and ``index.html#en`` in English. Reports are listed by province and by
    topic with a one-line description and any empty or failed state; build details (durations, checksum,
    cache, validation) sit in a collapsed block. ``downloads`` lists the data files present under the suite
    folder (see :func:`write_downloads`, which re-renders the index with them).

    Parameters
    ----------
    manifest : dict
        The suite's ``manifest.json``: ``runs`` (each with ``notebook``, ``parameters``, ``status``,
        ``files``, ``duration_s``), ``started``, ``finished``, ``duration_s``, ``jobs``,
        ``package_version``, ``data_checksum``, and optionally ``validation``.
    downloads : iterable of str, optional
        Paths of the data files present, relative to the suite folder; a page's PDF among them
        (``<run folder>/<notebook>.pdf``, see :func:`cchc_data.report.pdf.write_pdfs`) is linked beside the
        page. Default: none.

    Returns
    -------
    str
        The whole HTML page.

    Examples
    --------
    >>> manifest = {"runs": [], "started": "2026-01-02T10:00", "finished": "2026-01-02T10:01", "duration_s": 60.0,
    ...             "jobs": 2, "package_version": "0.1.0", "data_checksum": "sha256:abc"}
    >>> page = index_html(manifest)
    >>> page[page.index("<title>") + 7 : page.index(" · ")]
    'Báo cáo kết quả cải cách hành chính (CCHC) cấp tỉnh'
    """
    esc = html.escape
    failed = sum(1 for r in manifest["runs"] if r["status"] != "ok")
    built = str(manifest.get("finished", ""))[:10]
    sections = []
    for lang in ("en", "vi"):  # en first: `#en:target ~ #vi` hides the default (vi) when #en is chosen
        other = i18n.other_lang(lang)
        header = _header(lang, i18n.t("index_title", lang), index_href=None, other_href=f"#{other}", heading=True)
        verdict = (
            f'<p class="failed"><strong>{esc(i18n.t("failed_suite", lang, n=failed))}</strong></p>' if failed else ""
        )
        sections.append(
            f'<section id="{lang}" class="lang lang-{lang}" lang="{lang}">{header}'
            f"<p>{esc(i18n.t('index_intro', lang))}</p>{verdict}{_toc(manifest, lang, frozenset(downloads))}{_downloads(lang, set(downloads))}"
            f"{_dataset_citation(lang)}{_build_details(manifest, lang)}{_footer(lang, built)}</section>"
        )
    charts = [
        f
        for r in manifest["runs"]
        if r["status"] == "ok"
        for f in r.get("files", [])
        if f.endswith(".png") and "/figures/" in f and not f.endswith("-phone.png")
    ]
    meta = _meta_tags(
        title=f"{i18n.t('index_title', 'vi')} · {i18n.t('index_title', 'en')}",
        description=i18n.t("index_intro", "vi"),
        image=quote(charts[0], safe="/=,+-._") if charts else None,
    )
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(i18n.t("index_title", "vi"))} · {esc(i18n.t("index_title", "en"))}</title>
{meta}
<style>
body {{ font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; margin: 1.5rem 2rem; color: #222; max-width: 60rem; }}
h2 {{ font-size: 1.2rem; margin-top: 1.4rem; border-bottom: 1px solid #ddd; }}
h3 {{ font-size: 1.02rem; margin-bottom: 0.3rem; }}
ul {{ margin-top: 0.2rem; }} li {{ margin: 0.25rem 0; }}
ul.inline li {{ display: inline; margin-right: 1rem; }}
.failed {{ color: #b00020; }} em.empty {{ color: #7a4b00; }}
.lang-en {{ display: none; }}
.lang-en:target {{ display: block; }}
.lang-en:target ~ .lang-vi {{ display: none; }}
{PAGE_CSS}
</style>
</head>
<body>
{chr(10).join(sections)}
</body>
</html>
"""


#: Columns of the data files that only the project's tools use (where the source's text is kept), not readers.
INTERNAL_COLUMNS = ("text_file",)


def write_downloads(suite_dir, *, data_dir=None) -> list[Path]:
    """Write the suite's data files under ``<suite_dir>/downloads/`` and link them from its index.

    Every fact as CSV (with the source's title, publisher and date; counts as ``4``, not ``4.0``), the
    sources as CSV (without the project's internal :data:`INTERNAL_COLUMNS`), and the Excel workbook in
    Vietnamese and English. CSV files are UTF-8 with a BOM, so spreadsheet programs read the
    Vietnamese text correctly; every text cell is quoted (a line break inside a note never splits a row) and
    text a spreadsheet would run as a formula gets a leading apostrophe, as the workbooks mark it
    (:mod:`cchc_data._csvfile`). If the suite already has ``manifest.json`` and ``index.html``, the index is
    rendered again with the download links. The report runner calls this once per suite, after writing
    the index and before publishing.

    Parameters
    ----------
    suite_dir : str or pathlib.Path
        The suite's folder.
    {data_dir}

    Returns
    -------
    list of pathlib.Path
        The files written: facts CSV, sources CSV, Vietnamese and English workbooks.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> suite = pathlib.Path(tempfile.mkdtemp())
    >>> [p.relative_to(suite).as_posix() for p in write_downloads(suite)][:2]
    ['downloads/cchc-facts.csv', 'downloads/cchc-sources.csv']
    """
    import json

    from .._csvfile import write_csv
    from ..export import export_excel
    from ..indicators import load_indicators, sources

    suite_dir = Path(suite_dir).resolve()
    (suite_dir / "downloads").mkdir(parents=True, exist_ok=True)
    facts = load_indicators(data_dir=data_dir)
    src = sources(data_dir=data_dir)
    described = [
        c for c in ("issuer", "issuer_en", "title", "title_en", "publisher", "publisher_en", "published") if c in src
    ]
    cite = src[["source_id", *described]].rename(columns={c: f"source_{c}" for c in described})
    written = []
    path = suite_dir / DOWNLOADS["csv"][0]
    write_csv(_as_printed(facts.merge(cite, on="source_id", how="left")), path)
    written.append(path)
    path = suite_dir / DOWNLOADS["sources"][0]
    write_csv(src.drop(columns=[c for c in INTERNAL_COLUMNS if c in src.columns]), path)
    written.append(path)
    for lang in i18n.LANGS:
        written.append(export_excel(suite_dir / DOWNLOADS[f"xlsx_{lang}"][0], lang=lang, data_dir=data_dir))
    manifest, index = suite_dir / "manifest.json", suite_dir / "index.html"
    if manifest.is_file() and index.is_file():
        present = [p.relative_to(suite_dir).as_posix() for p in written]
        manifest = json.loads(manifest.read_text(encoding="utf-8"))
        index.write_text(index_html(manifest, downloads=present), encoding="utf-8")
    return written


share_docs_in(globals())
