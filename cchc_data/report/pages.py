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
import html
import os
import re
from pathlib import Path
from urllib.parse import quote

from .. import i18n
from .._docstrings import share_docs_in
from .._text import fold

__all__ = [
    "DOWNLOADS",
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
_LINK_RE = re.compile(r"<a\b[^>]*\bdata-cchc-path=\"[^\"]+\"[^>]*>")
_PATH_ATTR_RE = re.compile(r'\s*\bdata-cchc-path="([^"]+)"')
_HREF_RE = re.compile(r'\bhref="[^"]*"')

#: Styles shared by every page and the index: header, footer, readable tables, and A4 print.
PAGE_CSS = """
.cchc-header, .cchc-footer { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #333; }
.cchc-header { border-bottom: 2px solid #1f4e79; padding: 0.6rem 0 0.5rem; margin-bottom: 1rem; }
.cchc-header .project { font-size: 0.85rem; color: #555; }
.cchc-header nav { float: right; font-size: 0.95rem; }
.cchc-header nav a { margin-left: 1rem; color: #0b57d0; text-decoration: underline; }
.cchc-header .what { font-size: 1.35rem; font-weight: bold; margin-top: 0.2rem; }
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
.cchc-chart-links { font-size: 0.85rem; margin: 0.2rem 0 1rem; }
.cchc-chart-links a { margin-right: 0.8rem; }
.cchc-sentence { font-size: 1rem; }
details.build { margin-top: 1.5rem; color: #444; font-size: 0.85rem; }
@page { size: A4; margin: 12mm; }
@media print {
  body { margin: 0 !important; }
  .jp-Cell, .jp-OutputArea-output, .jp-RenderedHTMLCommon { overflow: visible !important; max-width: 100% !important; }
  .cchc-table { overflow: visible !important; }
  .cchc-table table, .jp-RenderedHTMLCommon .cchc-table table { width: 100% !important; table-layout: auto;
    font-size: 6.5pt !important; }
  .cchc-table th, .cchc-table td, .jp-RenderedHTMLCommon .cchc-table th, .jp-RenderedHTMLCommon .cchc-table td {
    padding: 1px 2px; max-width: none; overflow-wrap: anywhere; hyphens: auto; font-size: 6.5pt !important; }
  .jp-Notebook, .jp-Cell, .jp-OutputArea-child { padding: 0 !important; margin: 0 !important; }
  .jp-OutputArea-output { overflow-x: visible !important; }
  .cchc-table td.num, .cchc-table td.period { white-space: normal; }
  img { max-width: 100% !important; height: auto !important; }
  .cchc-header nav, details.build { display: none; }
  tr, img, figure { break-inside: avoid; }
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

    version = data_version()
    return (
        f'<footer class="cchc-footer" lang="{lang}">'
        f"<p>{html.escape(i18n.t('data_version', lang))} {html.escape(version)} · "
        f"{html.escape(i18n.t('built', lang))} {html.escape(built)}</p>{_citation_block(lang, version)}</footer>"
    )


def _header(lang: str, what: str, *, index_href: str | None, other_href: str | None) -> str:
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
        f'<div class="what">{html.escape(what)}</div></header>'
    )


def _frame(body: str, *, lang: str, header: str, footer: str) -> str:
    """Insert the stylesheet, header and footer into nbconvert's page."""
    body = body.replace("</head>", f"<style>{PAGE_CSS}</style>\n</head>", 1)
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + header, body, count=1)
    i = body.rfind("</body>")
    return body[:i] + footer + body[i:]


def _relink(body: str, page_dir: Path) -> str:
    """Point chart download links (``data-cchc-path``, absolute at run time) to paths relative to the page."""

    def fix(m: re.Match) -> str:
        tag = m.group(0)
        target = Path(html.unescape(_PATH_ATTR_RE.search(tag).group(1)))
        rel = Path(os.path.relpath(target, page_dir)).as_posix()
        if not (page_dir / rel).exists() and (page_dir / "figures" / target.name).exists():
            rel = f"figures/{target.name}"  # the suite folder was renamed after the run (build → final)
        href = f'href="{html.escape(quote(rel, safe="/=,+-._"))}"'
        return _HREF_RE.sub(lambda _: href, _PATH_ATTR_RE.sub("", tag))  # no absolute build path in the page

    return _LINK_RE.sub(fix, body)


def notebook_to_html(notebook, html_path, *, lang: str | None = None, title: str | None = None) -> Path:
    """Render an executed notebook as one self-contained, offline HTML page in one language.

    Outputs only: input cells and prompts are hidden; cells tagged ``injected-parameters``, ``parameters``,
    ``remove-from-page`` or ``lang-<other language>`` are dropped; images are embedded (base64); require.js,
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
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    notebook, html_path = Path(notebook), Path(html_path)
    nb = nbformat.read(notebook, as_version=4)
    parameters = dict(nb.metadata.get("papermill", {}).get("parameters", {}))
    lang = i18n.check_lang(lang or parameters.get("lang") or i18n.LANGS[0])
    remove = TagRemovePreprocessor(remove_cell_tags=set(REMOVE_TAGS) | {f"lang-{i18n.other_lang(lang)}"})
    nb, _ = remove.preprocess(nb, {})
    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"cchc_offline.html.j2": _offline_template()})],
        template_file="cchc_offline.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        language_code=lang,
    )
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
    body = _frame(
        _relink(body, html_path.parent.resolve()),
        lang=lang,
        header=_header(lang, what, index_href=index_href, other_href=other_href),
        footer=_footer(lang, built),
    )
    external = external_references(body)
    if external:
        raise RuntimeError(f"{notebook.name}: the HTML would load {external[0]!r} from the network")
    html_path.write_text(body, encoding="utf-8")
    return html_path


# --- the index ----------------------------------------------------------------------------------------


def empty_reason(stem: str, parameters: dict, lang: str) -> str:
    """Why a report can only be empty, in ``lang`` (``""`` if it has something to show).

    Examples
    --------
    >>> empty_reason("03_targets", {"province": "ha-giang"}, "en")
    'No targets are recorded for Hà Giang in the bundled sources.'
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


def _run_link(run: dict, lang: str) -> str | None:
    stem = Path(run["notebook"]).stem
    page = f"{run['folder']}/{stem}.html"
    return quote(page, safe="/=,+-._") if page in set(run["files"]) else None


def _toc(manifest: dict, lang: str) -> str:
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
        return f"<li>{label}{state}<br><small>{esc(desc)}</small></li>"

    parts = [f"<h2>{esc(i18n.t('by_province', lang))}</h2>"]
    for slug in sorted(provinces, key=lambda slug: fold(_province_name(slug))):  # Đắk Lắk before Hà Giang
        items = "".join(entry(r, with_province=False) for r in provinces[slug])
        parts.append(f"<h3>{esc(_province_name(slug))}</h3><ul>{items}</ul>")
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
            for r in sorted(rs, key=lambda r: _province_name(r["parameters"]["province"]))
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
        params = ", ".join(f"{esc(k)}={esc(_show(v))}" for k, v in r["parameters"].items()) or i18n.MISSING
        status = i18n.value_label("status_run", r["status"], lang)
        if r.get("error"):
            status += f"<br><small>{esc(r['error'])}</small>"
        cache = r.get("cache") or {}
        cache_text = esc(i18n.value_label("cache", cache.get("status", ""), lang)) if cache else i18n.MISSING
        rows.append(
            f'<tr class="{"ok" if r["status"] == "ok" else "failed"}"><td>{esc(stem)}</td><td>{params}</td>'
            f"<td>{status}</td><td class='num'>{esc(i18n.format_number(r['duration_s'], lang, decimals=1))} s</td>"
            f"<td>{cache_text}</td><td>{' · '.join(links) or i18n.MISSING}</td></tr>"
        )
    head = "".join(
        f"<th>{esc(i18n.t(k, lang))}</th>" for k in ("run", "parameters", "status", "duration", "cache", "files")
    )
    validation = manifest.get("validation")
    vtext = ""
    if isinstance(validation, dict):  # in words, never a path of the machine that built the suite
        summary = i18n.t(
            "validation_summary",
            lang,
            valid=i18n.t("yes" if validation.get("ok") else "no", lang),
            engine=validation.get("engine", i18n.MISSING),
            errors=validation.get("errors", i18n.MISSING),
            warnings=validation.get("warnings", i18n.MISSING),
        )
        vtext = f"<p>{esc(i18n.t('validation', lang))}: {esc(summary)}</p>"
    meta = (
        f"<p>{esc(i18n.t('started', lang))} {esc(manifest['started'])} · {esc(i18n.t('finished', lang))} "
        f"{esc(manifest['finished'])} · {esc(i18n.format_number(manifest['duration_s'], lang, decimals=1))} s · "
        f"{esc(i18n.t('jobs', lang))} {manifest['jobs']} · cchc_data {esc(manifest['package_version'])} · "
        f"{esc(i18n.t('checksum', lang))} <code>{esc(manifest['data_checksum'])}</code> · "
        f'<a href="manifest.json">manifest.json</a></p>'
    )
    return (
        f'<details class="build"><summary>{esc(i18n.t("build_details", lang))}</summary>{meta}{vtext}'
        f'<div class="cchc-table"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        "</details>"
    )


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
        Paths of the data files present, relative to the suite folder. Default: none.

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
    'Báo cáo cải cách hành chính (CCHC) cấp tỉnh'
    """
    esc = html.escape
    failed = sum(1 for r in manifest["runs"] if r["status"] != "ok")
    built = str(manifest.get("finished", ""))[:10]
    sections = []
    for lang in ("en", "vi"):  # en first: `#en:target ~ #vi` hides the default (vi) when #en is chosen
        other = i18n.other_lang(lang)
        header = _header(lang, i18n.t("index_title", lang), index_href=None, other_href=f"#{other}")
        verdict = (
            f'<p class="failed"><strong>{esc(i18n.t("failed_suite", lang, n=failed))}</strong></p>' if failed else ""
        )
        sections.append(
            f'<section id="{lang}" class="lang lang-{lang}" lang="{lang}">{header}'
            f"<p>{esc(i18n.t('index_intro', lang))}</p>{verdict}{_toc(manifest, lang)}{_downloads(lang, set(downloads))}"
            f"{_dataset_citation(lang)}{_build_details(manifest, lang)}{_footer(lang, built)}</section>"
        )
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(i18n.t("index_title", "vi"))} · {esc(i18n.t("index_title", "en"))}</title>
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


def write_downloads(suite_dir, *, data_dir=None) -> list[Path]:
    """Write the suite's data files under ``<suite_dir>/downloads/`` and link them from its index.

    Every fact as CSV (with the source's title, publisher and date), the sources as CSV, and the Excel
    workbook in Vietnamese and English. CSV files are UTF-8 with a BOM, so spreadsheet programs read the
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
    cite = src[["source_id", "issuer", "title", "title_en", "publisher", "published"]].rename(
        columns={c: f"source_{c}" for c in ("issuer", "title", "title_en", "publisher", "published")}
    )
    written = []
    path = suite_dir / DOWNLOADS["csv"][0]
    write_csv(facts.merge(cite, on="source_id", how="left"), path)
    written.append(path)
    path = suite_dir / DOWNLOADS["sources"][0]
    write_csv(src, path)
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
