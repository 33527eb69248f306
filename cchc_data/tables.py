"""Tables for people: what a notebook shows instead of a raw DataFrame.

:func:`show_table` turns a frame into an HTML table in one language: translated headers, no index column,
numbers in the reader's convention with their qualifier and unit, coded values in words, a dash (explained
under the table) instead of ``NaN``, sources cited by title, publisher and date, evidence in full. Tables are
shown whole (plain HTML, no script): they print, they can be searched with the browser, and they work in the
self-contained page opened from a file with no network. A table cut with ``max_rows`` says how many rows it
shows of how many and links to the full data.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable
from numbers import Number

import pandas as pd

from . import i18n, national
from ._checks import check_argument
from ._docstrings import share_docs_in
from .schema import read_table

__all__ = [
    "Table", "show_table", "comparison_table", "sources_table", "issues_table", "cite_source", "sentence",
    "SourceKey", "PAGE_SOURCES", "source_list", "describe_indices", "standing_table", "index_sources_table",
    "publisher_name",
]  # fmt: skip

_LINK_RE = re.compile(r"</?(?:a|span)\b[^>]*>")  # links and spans: markup, not the table's text
#: Columns holding a value of the row's ``unit``, with the column of their qualifier (or ``None``).
_VALUE_COLUMNS = {
    "value": "qualifier",
    "target": "target_qualifier",
    "actual": "actual_qualifier",
    "gap": None,
    "part": None,
    "whole": None,
    "value_per_capita": "qualifier",  # "> 14.000" per 100.000 is "> 1.638": the qualifier stays
}
#: Columns of coded values shown in words (see :func:`cchc_data.i18n.value_label`).
_CODED = {"kind", "qualifier", "unit", "flag", "comparability", "status", "matched_by", "origin", "breakdown", "level"}
_CODED_AS_VOCAB = {"concept", "domain"}  # codes with labels in the data's vocab tables
_CODED_AS = {"target_qualifier": "qualifier", "actual_qualifier": "qualifier", "source_kind": "source_kind"}
_SOURCE_COLUMNS = {"source_id", "actual_source_id"}


class Table:
    """An HTML table a notebook shows (``_repr_html_``); ``frame`` holds the shown text, ``total`` the rows.

    Made by :func:`show_table` and the functions built on it; a plain console shows ``frame`` as text.

    Parameters
    ----------
    html_text : str
        The table's HTML, kept as the attribute ``html``.
    frame : DataFrame
        The shown cells as text, with the shown headers as columns.
    total : int
        How many rows the whole table has (more than ``len(frame)`` when it was cut).

    See Also
    --------
    show_table : Build a table from any frame of the package.

    Examples
    --------
    >>> t = Table("<table></table>", pd.DataFrame({"Value": ["1.514"]}), 3)
    >>> t.total, t._repr_html_()
    (3, '<table></table>')
    >>> t
     Value
     1.514
    """

    def __init__(self, html_text: str, frame: pd.DataFrame, total: int):
        self.html = html_text
        self.frame = frame
        self.total = total

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:  # what a plain console shows: the formatted text, never a raw frame
        if self.frame.empty:
            return "(0 rows)"
        return self.frame.to_string(index=False)


def sentence(text: str) -> object:
    """A sentence shown as a paragraph in a notebook (for empty states and summaries).

    Parameters
    ----------
    text : str
        The sentence, as plain text (it is escaped).

    Returns
    -------
    IPython.display.HTML
        The sentence in a ``<p class="cchc-sentence">``.

    Examples
    --------
    >>> sentence("No targets.")._repr_html_()
    '<p class="cchc-sentence">No targets.</p>'
    """
    from IPython.display import HTML

    return HTML(f'<p class="cchc-sentence">{html.escape(text)}</p>')


def _date(value, lang: str) -> str:
    from babel.dates import format_date

    if i18n._missing(value) or str(value) == "":
        return ""
    day = pd.Timestamp(value).date()
    return format_date(day, format="d/M/yyyy" if lang == "vi" else "d MMMM yyyy", locale=lang)


def _cite_national_source(source_id: str, lang: str, *, data_dir=None) -> str:
    """A page of the national index tables by its short title (the id itself if it is none of ours)."""
    from .datadir import DataError
    from .national import national_index_sources

    try:
        table = national_index_sources(data_dir=data_dir).set_index("source_id")
    except DataError:  # a data folder without the national tables
        return str(source_id)
    if source_id not in table.index:
        return str(source_id)
    short = table.at[source_id, f"short_title_{lang}"]
    return short if isinstance(short, str) and short else table.at[source_id, "title"]


def _text(value) -> str:
    """A cell of a table read from CSV as text ("" for a missing value)."""
    return "" if i18n._missing(value) else str(value)


def publisher_name(publisher, publisher_en, lang: str, *, as_html: bool = False) -> str:
    """A publisher as a page in ``lang`` names it: "English name (Vietnamese name)" in English (square brackets when
    a name has round ones of its own), the Vietnamese name alone in Vietnamese.

    Parameters
    ----------
    publisher : str
        The publisher as ``sources.csv`` (or the national index sources) records it, in Vietnamese; empty or
        missing when the source does not say.
    publisher_en : str
        The publisher's English name (``publisher_en``); empty or missing when there is none, and the same text
        for a name written in Latin script (``VietNamNet``), which is then given once.
    lang : {"vi", "en"}
        The page's language.
    as_html : bool, default False
        Escape the text and mark the Vietnamese name ``lang="vi"`` on English pages.

    Returns
    -------
    str
        The name; ``""`` when no publisher is recorded.

    Examples
    --------
    >>> publisher_name("Báo Hà Giang", "Hà Giang Newspaper", "en")
    'Hà Giang Newspaper (Báo Hà Giang)'
    >>> publisher_name("Báo Hà Giang", "Hà Giang Newspaper", "vi")
    'Báo Hà Giang'
    >>> publisher_name("VietnamPlus (TTXVN)", "VietnamPlus (Vietnam News Agency)", "en")  # brackets in the names
    'VietnamPlus (Vietnam News Agency) [VietnamPlus (TTXVN)]'
    >>> publisher_name("VietNamNet", "VietNamNet", "en"), publisher_name("", "", "en")
    ('VietNamNet', '')
    >>> publisher_name("Nguyên Lộc, Văn phòng Tỉnh ủy Khánh Hòa",  # an author's name is not given twice
    ...                "Nguyên Lộc, Khánh Hòa Provincial Party Committee Office", "en")
    'Nguyên Lộc, Khánh Hòa Provincial Party Committee Office (Văn phòng Tỉnh ủy Khánh Hòa)'
    """
    lang = i18n.check_lang(lang)
    vi, en = _text(publisher), _text(publisher_en)
    esc = html.escape if as_html else (lambda s: s)

    def vi_name(text: str) -> str:
        return _vi_name(text, lang, as_html=as_html)

    if lang != "en" or not en or not vi or en == vi:
        return vi_name(vi)
    lead = _shared_lead(vi, en)  # "Nguyên Lộc, " before both names of the body: given once
    vi, en = vi[len(lead) :], en[len(lead) :]
    lead = f"{vi_name(lead.removesuffix(', '))}, " if lead else ""
    if "(" in en or "(" in vi:  # "VietnamPlus (Vietnam News Agency) [VietnamPlus (TTXVN)]", not ") (… (…))"
        return f"{lead}{esc(en)} [{vi_name(vi)}]"
    return f"{lead}{esc(en)} ({vi_name(vi)})"


def _shared_lead(vi: str, en: str) -> str:
    """The comma-separated parts two names begin with alike (an author before a body), with the last ", "."""
    a, b = vi.split(", "), en.split(", ")
    n = 0
    while n < min(len(a), len(b)) - 1 and a[n] == b[n]:
        n += 1
    return ", ".join(a[:n]) + ", " if n else ""


def issue_name(issue, issue_en, lang: str, *, as_html: bool = False) -> str:
    """A newspaper issue as a page in ``lang`` names it: as printed, with its English gloss in brackets in English.

    Parameters
    ----------
    issue : str
        The issue or edition as printed (``issue`` of ``sources.csv``); empty or missing when none is given.
    issue_en : str
        Its English gloss (``issue_en``); empty or missing when there is none (the issue is then given alone).
    lang : {"vi", "en"}
        The page's language.
    as_html : bool, default False
        Escape the text and mark the printed name ``lang="vi"`` on English pages.

    Returns
    -------
    str
        The name; ``""`` when no issue is recorded.

    Examples
    --------
    >>> issue_name("Xuân 2018", "Spring 2018", "en"), issue_name("Xuân 2018", "Spring 2018", "vi")
    ('Xuân 2018 (Spring 2018)', 'Xuân 2018')
    """
    lang = i18n.check_lang(lang)
    vi, en = _text(issue), _text(issue_en)
    name = _vi_name(vi, lang, as_html=as_html)
    return f"{name} ({html.escape(en) if as_html else en})" if lang == "en" and vi and en and en != vi else name


def _vi_name(text: str, lang: str, *, as_html: bool) -> str:
    """A Vietnamese name on a page in ``lang``: escaped and marked ``lang="vi"`` on other pages' HTML."""
    if not as_html:
        return text
    return f'<span lang="vi">{html.escape(text)}</span>' if lang != "vi" else html.escape(text)


def _named_html(names: dict[tuple[str, str], str]) -> dict[str, str]:
    """Each publisher or issuer as English pages name it in text (:func:`publisher_name`), to its HTML (the
    Vietnamese name marked ``lang="vi"``): a table whose names are already written out still marks them."""
    return {
        publisher_name(vi, en, "en"): publisher_name(vi, en, "en", as_html=True)
        for (column, vi), en in names.items()
        if column != "issue"
    }


def _english_names(data_dir) -> dict[tuple[str, str], str]:
    """The English name of each publisher, issuer and issue the sources record: ``(column, name) -> English``."""
    from .datadir import DataError
    from .indicators import sources
    from .national import national_index_sources

    tables = [sources(data_dir=data_dir)]
    try:
        tables.append(national_index_sources(data_dir=data_dir))
    except DataError:  # a data folder without the national tables
        pass
    names = {}
    for table in tables:
        for column in ("publisher", "issuer", "issue"):
            if column in table.columns and f"{column}_en" in table.columns:  # an older folder: Vietnamese alone
                for vi, en in zip(table[column], table[f"{column}_en"], strict=True):
                    if _text(vi) and _text(en):
                        names.setdefault((column, _text(vi)), _text(en))
    return names


def _publishers(src: pd.DataFrame, lang: str) -> list[str]:
    """:func:`publisher_name` of every row of a sources table (``publisher_en`` may be absent in an older folder)."""
    english = src["publisher_en"] if "publisher_en" in src.columns else [""] * len(src)
    return [publisher_name(vi, en, lang) for vi, en in zip(src["publisher"], english, strict=True)]


def cite_source(source_id: str, lang: str, *, short: bool = False, data_dir=None) -> str:
    """A source document cited in ``lang`` (never by its internal id): the one citation format of the pages.

    Vietnamese pages cite issuer first, as Vietnamese official citations do: issuer, title, number (số
    hiệu; "không ghi số hiệu" for an official document without one), publisher (newspaper) and issue, date
    ("không ghi ngày" when the text gives none), and where to read it (a stored public page with the date
    accessed, or that none was found). English pages cite author (issuer), English title, publisher, issue,
    date and the same address. The words are UI strings of :mod:`cchc_data.i18n`.

    Parameters
    ----------
    source_id : str
        A ``source_id`` of ``sources.csv`` or of the national index sources; an unknown id is returned as it is.
    lang : {"vi", "en"}
        Language of the headers, words and citations, in any case.
    short : bool, default False
        Give the short title and the date only, for chart footers (when the source has a short title).
    {data_dir}

    Returns
    -------
    str
        The citation in ``lang``.

    Examples
    --------
    >>> cite_source("kh-2021q1-report", "en", short=True)
    "Khánh Hòa People's Committee: PAR report for Q1 2021 (undated, figures for Q1 2021)"
    >>> print(cite_source("kh-2021q1-report", "vi"))
    UBND tỉnh Khánh Hòa, Báo cáo tình hình, kết quả cải cách hành chính quý I/2021 của tỉnh Khánh Hòa, \
không ghi số hiệu, không ghi ngày; không tìm thấy bản công khai (tra cứu 7/12/2026)
    >>> print(cite_source("hg-2018-article", "en"))
    Thiên Thanh, A new milestone in carrying out public administration reform tasks, Hà Giang Newspaper (Báo Hà Giang), \
Xuân 2018 (Spring 2018) issue, undated; no public copy found (searched 7 December 2026)
    """
    from .indicators import sources

    lang = i18n.check_lang(lang)
    table = sources(data_dir=data_dir).set_index("source_id")
    if source_id not in table.index:
        return _cite_national_source(source_id, lang, data_dir=data_dir)
    row = table.loc[source_id]
    title = _text(row.get("title_en")) if lang == "en" else ""
    title = title or row["title"]
    date = _date(row.get("published"), lang)
    short_title = _text(row.get(f"short_title_{lang}"))
    if short and short_title:
        period = i18n.format_period(row["reference_period"], lang)
        return f"{short_title} ({date or i18n.t('published_for', lang, period=period)})"
    return _citation(row, title, date, lang, as_html=False)


def _citation(row: pd.Series, title: str, date: str, lang: str, *, as_html: bool) -> str:
    """The full citation of a ``sources.csv`` row, as text or as HTML (names marked ``lang="vi"``)."""

    def word(text: str) -> str:  # the page's own words
        return html.escape(text) if as_html else text

    def name(text: str) -> str:  # a Vietnamese proper name, also on English pages
        return f'<span lang="vi">{html.escape(text)}</span>' if as_html and lang != "vi" else word(text)

    issuer, publisher = _text(row.get("issuer")), _text(row.get("publisher"))
    number = _text(row.get("document_number"))
    if issuer and issuer == publisher:  # a body that issued and published its document: named as a publisher
        author = publisher_name(publisher, row.get("publisher_en"), lang, as_html=as_html)
    else:
        author = publisher_name(issuer, row.get("issuer_en"), lang, as_html=as_html) if issuer else ""
    parts = [author, word(title) if lang == "en" and title != row["title"] else name(title)]
    if number:
        parts.append(word(i18n.t("cite_number", lang, number=number)))
    elif row["kind"] == "official_report":
        parts.append(word(i18n.t("cite_no_number", lang)))
    if publisher != issuer:
        shown = publisher_name(publisher, row.get("publisher_en"), lang, as_html=as_html)
        parts.append(shown if publisher else word(i18n.t("no_publisher", lang)))
    if _text(row.get("issue")):  # "Xuân 2018 (Spring 2018) issue" in English
        parts.append(
            i18n.t("cite_issue", lang, issue=issue_name(row["issue"], row.get("issue_en"), lang, as_html=as_html))
        )
    parts.append(word(date or i18n.t("undated", lang)))
    citation = ", ".join(p for p in parts if p)
    accessed = _date(row.get("accessed"), lang)
    if _text(row.get("url")):
        return f"{citation}; {word(i18n.t('cite_url', lang, url=row['url'], date=accessed))}"
    if _text(row.get("url_status")) == "not_found":
        return f"{citation}; {word(i18n.t('cite_no_url', lang, date=accessed))}"
    return citation


def _cite_html(source_id: str, lang: str, *, data_dir=None) -> str:
    """:func:`cite_source` as HTML: Vietnamese names and titles marked ``lang="vi"`` on English pages."""
    from .indicators import sources

    table = sources(data_dir=data_dir).set_index("source_id")
    if source_id not in table.index:
        return html.escape(_cite_national_source(source_id, lang, data_dir=data_dir))
    row = table.loc[source_id]
    title = (_text(row.get("title_en")) if lang == "en" else "") or row["title"]
    return _citation(row, title, _date(row.get("published"), lang), lang, as_html=True)


class SourceKey:
    """The numbered source key of one page: tables cite ``[1]`` … ``[n]`` and the page ends with the list.

    Sources are numbered in the order the page first cites them. :func:`show_table` numbers its source
    cells with the page's key (:data:`PAGE_SOURCES` unless given another), and :func:`source_list` shows
    the key at the end of the page.

    Parameters
    ----------
    data_dir : str or path, optional
        The data folder the citations come from. Default ``None``: the bundled data.

    Examples
    --------
    >>> key = SourceKey()
    >>> key.number("kh-2021q1-report"), key.number("dl-2023-interview"), key.number("kh-2021q1-report")
    (1, 2, 1)
    >>> [n for n, _ in key.entries("en")]
    [1, 2]
    """

    def __init__(self, *, data_dir=None):
        self.data_dir = data_dir
        self.numbers: dict[str, int] = {}

    def number(self, source_id: str) -> int:
        """The number of ``source_id`` on this page (a new one the first time it is cited)."""
        return self.numbers.setdefault(str(source_id), len(self.numbers) + 1)

    def entries(self, lang: str) -> list[tuple[int, str]]:
        """``(number, full citation in lang)`` of every source cited so far, in order."""
        return [(n, cite_source(s, lang, data_dir=self.data_dir)) for s, n in self.numbers.items()]

    def html_entries(self, lang: str) -> list[tuple[int, str]]:
        """The same as HTML, Vietnamese names marked ``lang="vi"`` on English pages."""
        return [(n, _cite_html(s, lang, data_dir=self.data_dir)) for s, n in self.numbers.items()]

    def clear(self) -> None:
        """Forget the numbers (a new page)."""
        self.numbers.clear()


#: The key of the page being made: a notebook is one page, so its kernel numbers its sources once.
PAGE_SOURCES = SourceKey()


def source_list(lang: str, *, key: SourceKey | None = None) -> Table:
    """The numbered list of the sources a page has cited (its source key), to end the page with.

    Parameters
    ----------
    lang : {"vi", "en"}
        Language of the citations, in any case.
    key : SourceKey, optional
        The page's key. Default ``None``: :data:`PAGE_SOURCES`, the one :func:`show_table` numbers with.

    Returns
    -------
    Table
        A heading and an ordered list, ``[n]`` before each full citation (see :func:`cite_source`); its
        ``frame`` has the columns ``number`` and ``citation``. Nothing cited: an empty table.

    Examples
    --------
    >>> key = SourceKey()
    >>> _ = key.number("dl-2023-interview")
    >>> source_list("en", key=key).frame.values.tolist()
    [[1, 'Lan Anh, Raising the quality and effectiveness of public administration reform, Đắk Lắk Newspaper \
(Báo Đắk Lắk), 12 February 2023; no public copy found (searched 7 December 2026)']]
    """
    lang = i18n.check_lang(lang)
    key = PAGE_SOURCES if key is None else key
    entries = key.entries(lang)
    frame = pd.DataFrame(entries, columns=["number", "citation"])
    if not entries:
        return Table("", frame, 0)
    items = "".join(f'<li id="source-{n}" value="{n}">{text}</li>' for n, text in key.html_entries(lang))
    heading = html.escape(i18n.t("sources", lang))
    text = f'<div class="cchc-sources"><h2>{heading}</h2><ol>{items}</ol></div>'
    return Table(text, frame, len(entries))


def _province_names(data_dir) -> dict[str, str]:
    from .province_registry import provinces

    return dict(zip(provinces(data_dir=data_dir)["slug"], provinces(data_dir=data_dir)["name_vi"], strict=True))


#: Columns whose cells carry a CSS class (beyond numbers, periods, sources, evidence), for the print widths.
_NAMED_WIDTH = {"label": "label", "domain_label": "domain"}


def _cell(column: str, row: pd.Series, lang: str, ctx: dict) -> tuple[str, str]:
    """The escaped HTML of one cell and its CSS class."""
    value = row[column]
    if column in _VALUE_COLUMNS:
        unit = row.get("unit", "count")
        if column == "value_per_capita":
            unit = "count"
        qualifier_col = _VALUE_COLUMNS[column]
        qualifier = row.get(qualifier_col, "none") if qualifier_col else "none"
        if column == "whole" and not isinstance(value, int | float):
            return html.escape(str(value)), ""
        decimals = 1 if column == "value_per_capita" else None
        return html.escape(i18n.format_value(value, unit, lang, qualifier=qualifier, decimals=decimals)), "num"
    if column == "share":
        return html.escape(i18n.format_percent(value, lang, decimals=1)), "num"
    if i18n._missing(value) or (isinstance(value, str) and value == "" and column not in _CODED):
        return i18n.MISSING, "missing"
    if column.endswith("period"):
        return html.escape(i18n.format_period(value, lang)), "period"
    if column in ctx["provinces"] and isinstance(value, str):  # a coverage cell: the periods with data
        return html.escape(", ".join(i18n.format_period(p, lang) for p in value.split(", "))), "period"
    if isinstance(value, Number) and not isinstance(value, bool):
        return html.escape(i18n.format_number(value, lang)), "num"
    if lang == "en" and "english_names" not in ctx:
        ctx["english_names"] = _english_names(ctx["data_dir"])
        ctx["named_html"] = _named_html(ctx["english_names"])
    if column in ctx.get("titles", ()) and isinstance(value, str) and value:  # a document's title or address
        named = ctx["named_html"].get(value) if lang == "en" else None  # "Name (Tên)" written out: still marked
        return f'<span class="title">{named or html.escape(value)}</span>', "source"
    if column in ("publisher", "issuer", "issue"):  # a proper name: "English name (Vietnamese name)" in English
        english = ctx["english_names"].get((column, str(value)), "") if lang == "en" else ""
        named = issue_name if column == "issue" else publisher_name
        return named(str(value), english, lang, as_html=True), "source"
    if column in _SOURCE_COLUMNS and ctx.get("inline_sources"):  # no source list below (the explorer)
        return _cite_html(str(value), lang, data_dir=ctx["data_dir"]), "source"
    if column in _SOURCE_COLUMNS:  # a number of the page's source key, linked to its entry
        n = ctx["sources"].number(value)
        return f'<a href="#source-{n}">[{n}]</a>', "source"
    if column == "flag" and value and ctx.get("notes") and isinstance(row.get("note"), str) and row.get("note"):
        label = html.escape(i18n.value_label("flag", value, lang))
        seen = ctx.setdefault("notes_shown", set())  # a note the table has shown already: "as above", not again
        note = i18n.t("note_as_above", lang) if row["note"] in seen else row["note"]
        seen.add(row["note"])
        return f'{label}<br><span class="gloss">{html.escape(note)}</span>', "flag"
    if column in _CODED or column in _CODED_AS or column in _CODED_AS_VOCAB:
        text = html.escape(i18n.value_label(_CODED_AS.get(column, column), value, lang, data_dir=ctx["data_dir"]))
        return text, "flag" if column == "flag" else ""  # the flag column's width is set on paper
    if column in ("province", "successor", "slug") and value in ctx["provinces"]:
        return html.escape(ctx["provinces"][value]), ""
    if column == "evidence":
        quote = f'<q lang="vi">{html.escape(str(value))}</q>'
        label = row.get("label_en", row.get("label")) if lang == "en" else None
        if isinstance(label, str) and label:
            quote += f'<br><span class="gloss">{html.escape(i18n.t("english_label", lang, label=label))}</span>'
        return quote, "evidence"
    if isinstance(value, list | tuple | set):
        return html.escape(", ".join(str(v) for v in value)), ""
    if column in _NAMED_WIDTH:  # columns whose width the printed page sets (PAGE_CSS)
        return html.escape(str(value)), _NAMED_WIDTH[column]
    return html.escape(str(value)), ""


def show_table(
    frame: pd.DataFrame,
    lang: str,
    *,
    columns: Iterable[str] | None = None,
    max_rows: int | None = None,
    full_data: str | None = None,
    empty: str | None = None,
    titles: Iterable[str] = (),
    style: str = "page",
    sources: SourceKey | None = None,
    data_dir=None,
) -> Table:
    """``frame`` as an HTML table in ``lang`` for a page (no index, formatted numbers, words, citations).

    Parameters
    ----------
    frame : DataFrame
        Any frame of the package (facts, comparisons, progress, sources…); ``*_vi``/``*_en`` columns are
        reduced to ``lang`` first (``label_en`` stays available to gloss the evidence on English pages;
        on Vietnamese pages ``note_vi`` replaces the English ``note``). A flag is shown with the note
        explaining it, in ``lang``; a note the table has already shown is not repeated ("note as above").
    lang : {"vi", "en"}
        Language of the headers, words and citations, in any case.
    columns : list of str, optional
        The columns to show, in order (after the language reduction). Default ``None``: all.
    max_rows : int, optional
        Show only the first rows; the table then says "N of M rows" and links ``full_data``. Default
        ``None``: every row.
    full_data : str, optional
        Link (relative to the page) to the whole data, used when the table is cut. Default ``None``: no link.
    empty : str, optional
        The sentence shown instead of a table without rows (say why, in ``lang``). Default ``None``: an
        empty table with a generic note.
    titles : list of str, optional
        Columns holding titles or addresses of documents, shown as printed (in the document's language, and
        breaking anywhere on a narrow page). Default: none.
    style : {"page", "explorer"}, default "page"
        ``"explorer"``: also mark the rows of flagged facts (``<tr class="flagged">``) and put ``⚠`` before
        a flag, and cite each source in full in its cell (the explorer has no numbered source list), as the
        explorer (:func:`cchc_data.explore`) shows its table.
    sources : SourceKey, optional
        The page's source key: a ``source_id`` cell shows the source's number ``[n]`` in it, and the page
        ends with :func:`source_list`. Default ``None``: :data:`PAGE_SOURCES`.
    {data_dir}

    Returns
    -------
    Table
        The HTML table; its ``frame`` holds the shown text and ``total`` the number of rows of ``frame``.

    Raises
    ------
    TypeError
        If ``frame`` is not a DataFrame.
    ValueError
        If ``columns`` names a column the frame does not have (the message lists those it has).

    Examples
    --------
    >>> f = pd.DataFrame({"value": [1514.0, 98.63, float("nan")], "unit": ["count", "percent", "count"],
    ...                   "qualifier": ["more_than", "none", "none"], "kind": ["actual", "target", "actual"]})
    >>> t = show_table(f, "vi", columns=["value", "kind"])
    >>> t.frame.values.tolist()
    [['trên 1.514', 'thực hiện'], ['98,63 %', 'mục tiêu'], ['–', 'thực hiện']]
    >>> "NaN" in t.html, "không có số liệu" in t.html
    (False, True)
    >>> show_table(f, "en", max_rows=1, full_data="facts.csv").frame.shape
    (1, 4)
    """
    lang = i18n.check_lang(lang)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"show_table needs a pandas DataFrame, got {type(frame).__name__}")
    explorer = check_argument("style", style, ("page", "explorer")) == "explorer"
    other = i18n.other_lang(lang)
    vi_notes = lang == "vi" and "note_vi" in frame.columns  # then note_vi, as "note", replaces the English note
    if vi_notes and "note" in frame.columns:
        frame = frame.drop(columns="note")
    reduced = frame.rename(columns={c: c.removesuffix(f"_{lang}") for c in frame.columns if c.endswith(f"_{lang}")})
    if columns is None:
        columns = [c for c in reduced.columns if not c.endswith(f"_{other}") and c not in ("label_en",)]
    columns = list(columns)
    unknown = [c for c in columns if c not in reduced.columns]
    if unknown:
        raise ValueError(f"show_table: no column {unknown[0]!r}; the frame has: {', '.join(map(str, reduced.columns))}")
    total = len(reduced)
    if total == 0 and empty:
        return Table(f'<p class="cchc-sentence">{html.escape(empty)}</p>', pd.DataFrame(), 0)
    shown = reduced if max_rows is None else reduced.head(max_rows)
    ctx = {
        "data_dir": data_dir,
        "provinces": _province_names(data_dir),
        "sources": PAGE_SOURCES if sources is None else sources,
        "inline_sources": explorer,  # the explorer's table has no source list to number against
        "titles": set(titles),
        "notes": lang == "en" or vi_notes,  # whether "note" is in the page's language (shown under a flag)
    }
    names = _province_names(data_dir)
    headers = [names.get(c, i18n.column_label(c, lang)) for c in columns]
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body, texts, missing = [], [], False
    for _, row in shown.iterrows():
        cells, row_text = [], []
        flagged = explorer and isinstance(row.get("flag"), str) and row.get("flag") != ""
        for c in columns:
            text, css = _cell(c, row, lang, ctx)
            if flagged and c == "flag":
                text = f"⚠ {text}"
            missing = missing or text == i18n.MISSING
            cells.append(f'<td class="{css}">{text}</td>' if css else f"<td>{text}</td>")
            plain = _LINK_RE.sub("", text.replace("<br>", " ")).replace('<q lang="vi">', "").replace("</q>", "")
            row_text.append(html.unescape(plain))
        is_target = str(row.get("kind", "")) == "target"  # targets are visibly apart from actual results
        classes = " ".join(k for k, on in (("target", is_target), ("flagged", flagged)) if on)
        body.append((f'<tr class="{classes}">' if classes else "<tr>") + "".join(cells) + "</tr>")
        texts.append(row_text)
    notes = []
    if total == 0:  # callers say why in a sentence; this is the fallback
        notes.append(i18n.t("no_rows", lang))
    if missing:
        notes.append(i18n.t("missing_note", lang))
    if len(shown) < total:
        link = html.escape(i18n.t("full_data", lang))
        if full_data:
            link = f'<a href="{html.escape(full_data)}">{link}</a>'
        notes.append(i18n.t("rows_shown", lang, shown=len(shown), total=total, link=link))
    note = "".join(f'<p class="table-note">{n}</p>' for n in notes)
    text = (
        f'<div class="cchc-table"><table lang="{lang}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>{note}</div>"
    )
    return Table(text, pd.DataFrame(texts, columns=headers), total)


def comparison_table(comparison: pd.DataFrame, lang: str, *, data_dir=None) -> Table:
    """The rows of :func:`cchc_data.analysis.compare` with each row's comparability grade and note in ``lang``.

    Works with both forms of ``compare()``: grade in ``comparability`` with ``comparability_note_vi/_en``,
    or (older) an English note in ``comparability`` — then the Vietnamese page says the definitions may
    differ and points to the English page.

    Parameters
    ----------
    comparison : DataFrame
        A frame returned by :func:`cchc_data.analysis.compare`.
    lang : {"vi", "en"}
        Language of the headers, words and citations, in any case.
    {data_dir}

    Returns
    -------
    Table
        One row per province: concept, province, indicator, period, value, comparability grade and note,
        source and evidence.

    See Also
    --------
    cchc_data.analysis.compare : The comparison itself.

    Examples
    --------
    >>> from cchc_data.analysis import compare
    >>> t = comparison_table(compare("digital_certificates"), "en")
    >>> t.total, list(t.frame.columns[:4])
    (2, ['Concept', 'Province', 'Indicator', 'Period'])
    """
    lang = i18n.check_lang(lang)
    frame = comparison.copy()
    if "comparability_note_vi" not in frame.columns:  # before the graded comparability (older compare())
        notes = frame["comparability"].fillna("").astype(str)
        frame["comparability_note"] = notes if lang == "en" else i18n.t("comparability_fallback", lang)
        frame["comparability"] = ["same" if not n else "caveat" for n in notes]
    columns = ["concept_label", "province_name", "label", "period", "value", "comparability", "comparability_note"]
    return show_table(frame, lang, columns=columns + ["source_id", "evidence"], data_dir=data_dir)


def _where_to_read(row: dict, lang: str) -> str:
    """A stored public copy's address and date accessed, or that none was found."""
    accessed = _date(row.get("accessed"), lang)
    if _text(row.get("url")):
        return i18n.t("cite_url", lang, url=row["url"], date=accessed)
    return i18n.t("cite_no_url", lang, date=accessed) if _text(row.get("url_status")) == "not_found" else ""


def sources_table(lang: str, *, data_dir=None) -> Table:
    """The source documents in ``lang``: issuer, title, kind, number, publisher, issue, date, period, public copy.

    English titles on English pages; a document without a date says "undated", one without a stored public
    copy says so with the date of the search.

    Parameters
    ----------
    lang : {"vi", "en"}
        Language of the headers, words and citations, in any case.
    {data_dir}

    Returns
    -------
    Table
        One row per source document of ``sources.csv``.

    See Also
    --------
    cite_source : One source as a citation.

    Examples
    --------
    >>> list(sources_table("en").frame.columns)
    ['Province', 'Issuer or author', 'Title', 'Document kind', 'Document number', 'Publisher', 'Issue', \
'Published', 'Reference period', 'Public copy']
    """
    from .indicators import sources

    lang = i18n.check_lang(lang)
    src = sources(data_dir=data_dir)
    title = src["title"]
    if lang == "en":
        title = src["title_en"].where(src["title_en"].fillna("") != "", src["title"])
    undated = i18n.t("undated", lang)
    frame = pd.DataFrame(
        {
            "province": src["province"],
            "issuer": src["issuer"] if "issuer" in src.columns else "",
            "title": title,
            "source_kind": src["kind"],
            "document_number": src["document_number"] if "document_number" in src.columns else "",
            "publisher": src["publisher"],  # in English "English name (Vietnamese name)", as every page names it
            "issue": src["issue"] if "issue" in src.columns else "",
            "published": [_date(v, lang) or undated for v in src["published"]],
            "reference_period": src["reference_period"],
            "where_to_read": [_where_to_read(r, lang) for r in src.to_dict("records")],
        }
    )
    columns = list(frame.columns)
    return show_table(frame, lang, columns=columns, data_dir=data_dir)


#: The workbook sheet whose column names (``export.header.<sheet>.<column>``) a data file's columns share.
_FILE_SHEET = {"indicators": "facts", "facts": "facts", "national_index_sources": "sources"}


def _field_name(file: str, field: str, lang: str) -> str:
    """A data file's column as a reader knows it, its code in brackets for the curator: ``Giá trị [value]``.

    The name is the pages' (the national tables', then the facts tables', :func:`cchc_data.i18n.column_label`),
    else the workbook's; a column with none is shown by its code, and one whose name is its code only once.
    """
    if not field:
        return field
    stem = str(file).removesuffix(".csv")
    sheet = _FILE_SHEET.get(stem, stem)
    keys = [f"national.column.{field}"] if stem.startswith("national_") else []
    name = next((i18n.t(k, lang) for k in keys if i18n.has(k)), None) or i18n.column_label(field, lang)
    if name == field:
        keys = (f"export.header.{sheet}.{field}", f"export.header.{field}")
        name = next((i18n.t(k, lang) for k in keys if i18n.has(k)), field)
    plain = name.casefold() in (field.casefold(), field.replace("_", " ").casefold())
    return name if plain else f"{name} [{field}]"


def issues_table(report, lang: str) -> Table:
    """The errors and warnings of a :class:`cchc_data.ValidationReport`, their messages in the page's language
    (the strings catalogue's ``validation.*`` rows; a message the catalogue lacks says so on Vietnamese pages).

    Parameters
    ----------
    report : cchc_data.ValidationReport
        The result of :func:`cchc_data.validate`.
    lang : {"vi", "en"}
        Language of the headers, words and citations, in any case.

    Returns
    -------
    Table
        One row per issue: level, file, row, the column (its name in ``lang``, its code in brackets) and the
        message; a sentence if there is none.

    Examples
    --------
    >>> from cchc_data.validation import Issue, ValidationReport
    >>> report = ValidationReport(data_dir=None, issues=[Issue("warning", "facts.csv", 7, "value", "odd value")])
    >>> issues_table(report, "en").frame.values.tolist()
    [['warning', 'facts.csv', '7', 'Value', 'odd value']]
    >>> issues_table(report, "vi").frame.iat[0, 3]  # the column's name, its code kept for the curator
    'Giá trị [value]'
    >>> issues_table(ValidationReport(data_dir=None), "en").html
    '<p class="cchc-sentence">No errors or warnings.</p>'
    """
    lang = i18n.check_lang(lang)
    rows = [
        {
            "level": i.level,
            "file": i.file,
            "row": i.row,
            "field": _field_name(i.file, i.field, lang),
            # each message in the page's language; one the catalogue lacks says so rather than switch language
            "message": i.text(lang) if i.key or lang == "en" else i18n.t("validation.english_only", lang),
        }
        for i in report.issues
    ]
    frame = pd.DataFrame(rows, columns=["level", "file", "row", "field", "message"])
    return show_table(frame, lang, empty=i18n.t("no_issues", lang))


# --- the national indices' page tables ---------------------------------------------------------------------

#: Marks a value measured by an earlier method than the index's latest (explained in the remarks).
METHOD_MARK = "*"


def _index_number(value, lang: str) -> str:
    """A national index number as its page prints it: up to four decimals (``43,4369``), ``–`` when missing."""
    return i18n.format_number(value, lang, max_decimals=4)


def _index_headed(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` with its columns headed in ``lang``: rows ``national.column.<code>`` of the strings catalogue,
    else the pages' column headers (:func:`cchc_data.i18n.column_label`)."""

    def head(code: str) -> str:
        key = f"national.column.{code}"
        return i18n.t(key, lang) if i18n.has(key) else i18n.column_label(code, lang)

    return frame.rename(columns={c: head(c) for c in frame.columns})


def describe_indices(lang="vi", *, data_dir=None) -> pd.DataFrame:
    """What each index measures, who publishes it, its scale and method changes, in one language.

    Parameters
    ----------
    {lang}
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        One row per index; columns headed in ``lang``: index, publisher, what it measures, scale,
        comparable from, method changes.

    Raises
    ------
    ValueError
        If ``lang`` is not ``"vi"`` or ``"en"``.

    Examples
    --------
    >>> describe_indices("en").iloc[0, :2].tolist()
    ['PAR INDEX', 'Ministry of Home Affairs (Government Steering Committee for Public Administration Reform)']
    """
    lang = i18n.check_lang(lang)
    cat = national.national_index_catalog(data_dir=data_dir)
    cols = {f"short_{lang}": "index", f"publisher_{lang}": "publisher", f"measures_{lang}": "measures",
            f"scale_{lang}": "scale", "comparable_from": "comparable_from", f"method_note_{lang}": "method_note"}  # fmt: skip
    out = cat[list(cols)].rename(columns=cols)
    out["comparable_from"] = out["comparable_from"].astype(str)  # a year, not a quantity: no 2,024
    return _index_headed(out, lang).reset_index(drop=True)


def standing_table(lang="vi", *, data_dir=None) -> pd.DataFrame:
    """The latest standing of each province on each index, as a page shows it (rank as ``10/63``).

    Parameters
    ----------
    {lang}
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        Columns headed in ``lang``: index, province, year, score and rank as text in ``lang``'s number
        format, each with the year it is for in brackets (and :data:`METHOD_MARK` when measured by an
        earlier method than the index's latest), and remarks (earlier method, sources disagree, no rank found, and the note in ``lang``
        of a flagged value behind the score or rank: ``note_vi`` or ``note``).

    Raises
    ------
    ValueError
        If ``lang`` is not ``"vi"`` or ``"en"``.

    See Also
    --------
    cchc_data.national.latest_standing : The same values as numbers.

    Examples
    --------
    >>> t = standing_table("en").set_index(["Index", "Province"])
    >>> t.loc[("PAR INDEX", "Khánh Hòa"), ["Score", "Rank", "Remarks"]].tolist()
    ['90.49% (2024)', '10/63 (2024)', '']
    """
    lang = i18n.check_lang(lang)
    s = national.latest_standing(data_dir=data_dir)
    cat = national.national_index_catalog(data_dir=data_dir).set_index("index")
    values = read_table("national_indices", data_dir=data_dir)
    flagged = values[values["flag"] != ""].assign(period=lambda v: v["period"].astype(int))
    note = "note_vi" if lang == "vi" else "note"

    def when(r):  # the year in the cell, and a mark where the method differs from the latest one
        return f" ({int(r['period'])}{'' if r['comparable'] else METHOD_MARK})"

    def rank(r):
        if math.isnan(r["rank"]):
            return "–"
        of = "" if math.isnan(r["provinces_ranked"]) else "/" + _index_number(r["provinces_ranked"], lang)
        return _index_number(r["rank"], lang) + of + when(r)

    def score(r):
        if r["score"] != r["score"]:
            return "–"
        return _index_number(r["score"], lang) + ("%" if r["unit"] == "percent" else "") + when(r)

    remarks = []
    for _, r in s.iterrows():
        notes = [key for key, on in (("not_comparable", not r["comparable"]), ("disputed", r["disputed"]),
                                     ("no_rank", math.isnan(r["rank"]))) if on]  # fmt: skip
        behind = flagged[(flagged["index"] == r["index"]) & (flagged["period"] == r["period"])
                         & flagged["province"].isin([r["province"], ""]) & flagged["scope"].isin(["province", "provinces_ranked"])]  # fmt: skip
        # the flags of the values shown, explained; joined with "; ", so without their closing full stop
        explained = [n.rstrip(".") for n in dict.fromkeys(behind[note]) if n]
        remarks.append("; ".join([*(i18n.t(f"national.remark.{k}", lang) for k in notes), *explained]))
    out = pd.DataFrame(
        {
            "index": s["index"].map(cat[f"short_{lang}"]),
            "province": s["province_name"],
            "period": s["period"].astype(str),  # a year, not a quantity: no 2,024
            "score": [score(r) for _, r in s.iterrows()],
            "rank": [rank(r) for _, r in s.iterrows()],
            "remark": remarks,
        }
    )
    return _index_headed(out, lang)


def index_sources_table(lang="vi", *, data_dir=None) -> pd.DataFrame:
    """The published pages behind the national index values: title, publisher, kind, date, address and id.

    Parameters
    ----------
    {lang}
    {data_dir}

    Returns
    -------
    pandas.DataFrame
        One row per page, columns headed in ``lang``; titles in ``lang``, the kind of page
        (the strings catalogue's ``national.source_kind.<kind>``) in ``lang``, undated pages marked so.

    Raises
    ------
    ValueError
        If ``lang`` is not ``"vi"`` or ``"en"``.

    Examples
    --------
    >>> t = index_sources_table("en")
    >>> list(t.columns)
    ['Title', 'Published by', 'Kind of source', 'Published', 'Address', 'Source ID']
    >>> t.iloc[0, [0, -1]].tolist()
    ['People are increasingly satisfied with the service', 'vnvn-kh-2025-par-sipas']
    """
    lang = i18n.check_lang(lang)
    src = national.national_index_sources(data_dir=data_dir)
    title = src["title"] if lang == "vi" else src["title_en"]
    out = pd.DataFrame(
        {
            "title": title,
            "publisher": _publishers(src, lang),
            "kind": [i18n.t(f"national.source_kind.{k}", lang) for k in src["source_kind"]],
            "published": [_date(v, lang) or i18n.t("undated", lang) for v in src["published"]],
            "url": src["url"],
            # last: a phone's card starts with the title; the id is what the audit page's warnings name
            "source": src["source_id"],
        }
    )
    return _index_headed(out, lang)


share_docs_in(globals())
