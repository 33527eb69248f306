"""The one home for language: the supported languages, every UI string of pages, notebooks and tables,
labels of coded values, and numbers in the reader's convention (through ``babel``).

Other modules ask this one instead of keeping their own ``("vi", "en")`` tuple or bilingual literals:

- :func:`check_lang` — ``"EN"`` → ``"en"``; anything else raises naming the valid languages;
- :func:`t` — a UI string by key (``t("no_targets", "en", name="Hà Giang")``);
- :func:`format_number` / :func:`format_percent` / :func:`format_value` — ``1.514`` and ``98,63 %`` in
  Vietnamese, ``1,514`` and ``98.63%`` in English, counts without decimals, a dash for a missing value;
- :func:`value_label` — a coded value (``kind``, ``qualifier``, ``unit``, ``flag``, ``comparability``,
  ``status`` …) in words; units take their labels from the data's ``units.csv``.
"""

from __future__ import annotations

import math
from numbers import Number

from ._docstrings import share_docs_in

__all__ = [
    "LANGS",
    "MISSING",
    "UI",
    "VALUE_LABELS",
    "check_lang",
    "t",
    "other_lang",
    "format_number",
    "format_period",
    "format_percent",
    "format_value",
    "value_label",
    "column_label",
]

#: Supported languages, the first is the default.
LANGS = ("vi", "en")
#: What a missing value is shown as (a table explains it in its note).
MISSING = "–"

_LOCALES = {"vi": "vi", "en": "en"}
_PERCENT_SUFFIX = {"vi": " %", "en": "%"}  # 98,63 % (Vietnamese usage) and 98.63%

#: UI strings of the pages and notebooks by key, then language; ``{name}`` placeholders are filled by :func:`t`.
UI: dict[str, dict[str, str]] = {
    # site
    "project": {
        "vi": "Cải cách hành chính cấp tỉnh (cchc-analysis)",
        "en": "Provincial administrative reform (cchc-analysis)",
    },
    "index_title": {
        "vi": "Báo cáo cải cách hành chính (CCHC) cấp tỉnh",
        "en": "Provincial administrative reform (CCHC) reports",
    },
    "index_intro": {
        "vi": "Số liệu cải cách hành chính do các tỉnh tự công bố, mỗi con số kèm nguồn và trích dẫn nguyên văn.",
        "en": "Administrative reform figures published by the provinces themselves, each number with its source "
        "and verbatim evidence.",
    },
    "back_to_index": {"vi": "Mục lục", "en": "Contents"},
    "other_language": {"vi": "English", "en": "Tiếng Việt"},
    "other_language_title": {"vi": "Bản tiếng Anh của trang này", "en": "Bản tiếng Việt của trang này"},
    "by_province": {"vi": "Theo tỉnh", "en": "By province"},
    "by_topic": {"vi": "Theo chủ đề", "en": "By topic"},
    "all_provinces": {"vi": "Tất cả các tỉnh", "en": "All provinces"},
    "downloads": {"vi": "Tải dữ liệu", "en": "Downloads"},
    "download_csv": {"vi": "Toàn bộ số liệu (CSV)", "en": "All facts (CSV)"},
    "download_sources_csv": {"vi": "Danh sách nguồn (CSV)", "en": "List of sources (CSV)"},
    "download_xlsx": {"vi": "Sổ tính Excel", "en": "Excel workbook"},
    "alt_values": {"vi": "{n} giá trị trên biểu đồ", "en": "{n} values drawn"},
    "alt_kind_actual": {"vi": "{n} thực hiện", "en": "{n} achieved"},
    "alt_kind_plan": {"vi": "{n} kế hoạch", "en": "{n} planned"},
    "alt_kind_target": {"vi": "{n} mục tiêu", "en": "{n} targets"},
    "alt_n_provinces": {"vi": "{n} tỉnh", "en": "{n} provinces"},
    "alt_range": {"vi": "Thấp nhất: {low}; cao nhất: {high}.", "en": "Lowest: {low}; highest: {high}."},
    "alt_flags": {
        "vi": "{n} giá trị có nguồn tự mâu thuẫn ({meanings}).",
        "en": "{n} values come from an inconsistent source ({meanings}).",
    },
    "validation_verdict_ok": {"vi": "đạt, không có lỗi", "en": "passed, no errors"},
    "validation_verdict_errors": {"vi": "có lỗi", "en": "errors found"},
    "pdf_link": {"vi": "bản PDF (A4)", "en": "PDF (A4)"},
    "table_rows": {"vi": "Bảng {n} dòng (bấm để mở hoặc thu gọn)", "en": "Table of {n} rows (select to open or close)"},
    "coverage": {
        "vi": "Kỳ số liệu: {periods} · {facts} số liệu · số nguồn: {sources}",
        "en": "Periods: {periods} · {facts} facts · sources: {sources}",
    },
    "build_details": {"vi": "Chi tiết lần tạo báo cáo", "en": "Build details"},
    "failed_suite": {
        "vi": "{n} báo cáo lỗi; bộ báo cáo này không được công bố.",
        "en": "{n} report(s) failed; this suite was not published.",
    },
    "empty_report": {"vi": "Trang trống: {reason}", "en": "Empty page: {reason}"},
    "run": {"vi": "Báo cáo", "en": "Report"},
    "parameters": {"vi": "Tham số", "en": "Parameters"},
    "status": {"vi": "Trạng thái", "en": "Status"},
    "duration": {"vi": "Thời gian", "en": "Duration"},
    "files": {"vi": "Tệp", "en": "Files"},
    "cache": {"vi": "Bộ nhớ đệm", "en": "Cache"},
    "validation": {"vi": "Kiểm tra dữ liệu", "en": "Data validation"},
    "checksum": {"vi": "Mã kiểm tra dữ liệu", "en": "Data checksum"},
    "started": {"vi": "Bắt đầu", "en": "Started"},
    "finished": {"vi": "Kết thúc", "en": "Finished"},
    "jobs": {"vi": "Số tiến trình", "en": "Parallel jobs"},
    "ok": {"vi": "thành công", "en": "ok"},
    "failed": {"vi": "lỗi", "en": "failed"},
    "notebook_file": {"vi": "notebook đã chạy", "en": "executed notebook"},
    "partial_notebook": {"vi": "notebook dở dang", "en": "partial notebook"},
    "figures_folder": {"vi": "thư mục biểu đồ", "en": "charts folder"},
    # footer
    "data_version": {"vi": "Phiên bản dữ liệu", "en": "Data version"},
    "built": {"vi": "Tạo lúc", "en": "Built"},
    "how_to_cite": {"vi": "Cách trích dẫn", "en": "How to cite"},
    "citation": {
        "vi": "cchc-analysis: số liệu cải cách hành chính cấp tỉnh có trích nguồn, phiên bản dữ liệu {version}. "
        "Trích dẫn kèm tài liệu gốc của mỗi con số (tiêu đề, cơ quan phát hành, ngày).",
        "en": "cchc-analysis: source-cited indicators of provincial administrative reform in Vietnam, data "
        "version {version}. Cite the original document of each number too (title, publisher, date).",
    },
    "licence": {"vi": "Giấy phép", "en": "Licence"},
    "licence_text": {
        "vi": "Mã nguồn: MIT. Số liệu tuyển chọn: CC BY 4.0; văn bản gốc thuộc quyền của cơ quan phát hành.",
        "en": "Code: MIT. Curated data: CC BY 4.0; the source documents remain their publishers' property.",
    },
    # page kinds (what a page is, in words)
    "nb_01_province_profile": {"vi": "hồ sơ cải cách hành chính", "en": "province profile"},
    "nb_02_comparison": {"vi": "so sánh giữa các tỉnh", "en": "cross-province comparison"},
    "nb_03_targets": {"vi": "mục tiêu và tiến độ", "en": "targets and progress"},
    "nb_04_data_audit": {"vi": "kiểm tra dữ liệu", "en": "data audit"},
    "nb_05_national_indices": {
        "vi": "chỉ số quốc gia (PAR INDEX, SIPAS, PAPI, PCI)",
        "en": "national indices (PAR INDEX, SIPAS, PAPI, PCI)",
    },
    "nbdesc_01_province_profile": {
        "vi": "Mọi số liệu của tỉnh theo lĩnh vực CCHC, tỷ lệ tính từ số gốc, phân tổ và mục tiêu.",
        "en": "Every figure of the province by reform domain, derived shares, breakdowns and targets.",
    },
    "nbdesc_02_comparison": {
        "vi": "Số liệu mới nhất của từng tỉnh cho các khái niệm chung, kèm lưu ý về khả năng so sánh.",
        "en": "Each province's latest figure for shared concepts, with comparability notes.",
    },
    "nbdesc_03_targets": {
        "vi": "Mục tiêu của tỉnh bên cạnh kết quả thực hiện mới nhất.",
        "en": "The province's targets beside its latest actual results.",
    },
    "nbdesc_05_national_indices": {
        "vi": "Vị trí của các tỉnh trên bốn bảng xếp hạng quốc gia qua các năm, kèm mức trung bình cả nước và nguồn.",
        "en": "How the provinces stand on four national rankings over the years, with national averages and sources.",
    },
    "nbdesc_04_data_audit": {
        "vi": "Kết quả kiểm tra dữ liệu, nguồn, mâu thuẫn trong nguồn và trích dẫn của mọi số liệu.",
        "en": "Validation result, sources, contradictions in the sources and the evidence of every figure.",
    },
    # chart links
    "chart_files": {"vi": "Tải biểu đồ", "en": "Download chart"},
    "chart_csv": {"vi": "CSV số liệu đã vẽ", "en": "CSV of the values drawn"},
    # tables
    "missing_note": {"vi": "“–”: không có số liệu (không phải số 0).", "en": "“–”: no data (not a zero)."},
    "rows_shown": {
        "vi": "Hiển thị {shown} trong {total} dòng; xem toàn bộ trong {link}.",
        "en": "Showing {shown} of {total} rows; see all of them in {link}.",
    },
    "full_data": {"vi": "tệp số liệu đầy đủ", "en": "the full data file"},
    "no_rows": {"vi": "Không có dòng nào.", "en": "No rows."},
    "source_cite": {"vi": "{title}, {publisher}, {date}", "en": "{title}, {publisher}, {date}"},
    "no_publisher": {"vi": "không rõ cơ quan phát hành", "en": "publisher not stated"},
    "no_date": {"vi": "không rõ ngày", "en": "date not stated"},
    "published_for": {"vi": "không rõ ngày, số liệu kỳ {period}", "en": "undated, figures for {period}"},
    "english_label": {"vi": "", "en": "In English: {label}"},
    "yes": {"vi": "có", "en": "yes"},
    "no": {"vi": "không", "en": "no"},
    "count_word": {"vi": "số dòng", "en": "rows"},
    # notebook empty states and short sentences
    "no_targets": {
        "vi": "Các nguồn kèm theo không ghi nhận mục tiêu nào cho {name}.",
        "en": "No targets are recorded for {name} in the bundled sources.",
    },
    "no_pairs": {
        "vi": "Các nguồn của {name} không in cặp số phần/tổng nào.",
        "en": "The sources of {name} print no part/whole pairs.",
    },
    "no_breakdowns": {
        "vi": "Các nguồn của {name} không in chỉ tiêu nào theo phân tổ.",
        "en": "The sources of {name} print no indicator broken down by level, sector or agency.",
    },
    "issues_details_vi": {
        "vi": "Chi tiết từng cảnh báo (bằng tiếng Anh) có trong trang tiếng Anh và trong bảng mâu thuẫn dưới đây.",
        "en": "",
    },
    "no_issues": {"vi": "Không có lỗi hay cảnh báo nào.", "en": "No errors or warnings."},
    "no_flags": {"vi": "Không có mâu thuẫn nào được ghi nhận.", "en": "No inconsistencies are recorded."},
    "no_comparison": {
        "vi": "Không có khái niệm nào có số liệu của từ hai tỉnh trở lên.",
        "en": "No concept has figures for two or more provinces.",
    },
    "no_population": {
        "vi": "Chưa có dân số đã kiểm chứng cho các tỉnh này, nên không tính theo đầu người.",
        "en": "No verified population is recorded for these provinces, so nothing is computed per capita.",
    },
    "only_percent": {
        "vi": "Chỉ tính theo đầu người cho số đếm; các số liệu so sánh ở đây là tỷ lệ %.",
        "en": "Only counts are put per capita; the figures compared here are all percentages.",
    },
    "validation_ok": {
        "vi": "Dữ liệu phiên bản {version} hợp lệ: {errors} lỗi, {warnings} cảnh báo; {facts} số liệu ({actual} thực hiện, {target} mục tiêu).",
        "en": "Data version {version} is valid: {errors} errors, {warnings} warnings; {facts} facts ({actual} actual, {target} targets).",
    },
    "validation_failed": {
        "vi": "Dữ liệu phiên bản {version} KHÔNG hợp lệ: {errors} lỗi, {warnings} cảnh báo.",
        "en": "Data version {version} is NOT valid: {errors} errors, {warnings} warnings.",
    },
    "targets_summary": {
        "vi": "{name}: {n} mục tiêu; {met} đã đạt, {not_met} chưa đạt, {undecided} chưa đủ số liệu để kết luận, "
        "{no_actual} chưa có số liệu thực hiện.",
        "en": "{name}: {n} targets; {met} met, {not_met} not met yet, {undecided} that the printed figures cannot "
        "decide, {no_actual} without an actual value yet.",
    },
    "comparing": {
        "vi": "So sánh {provinces} theo các khái niệm: {concepts}.",
        "en": "Comparing {provinces} on: {concepts}.",
    },
    "comparability_fallback": {
        "vi": "Định nghĩa hoặc kỳ có thể khác nhau giữa các tỉnh; xem ghi chú trong trang tiếng Anh.",
        "en": "",
    },
    "province_facts": {
        "vi": "{name} (mã thống kê {code}): {facts} số liệu; số tài liệu nguồn: {sources}.",
        "en": "{name} (GSO code {code}): {facts} facts; source documents: {sources}.",
    },
    "successor_note": {
        "vi": "Từ 1/7/2025 thuộc tỉnh {successor} (Nghị quyết 202/2025/QH15).",
        "en": "Since 1 July 2025 part of {successor} province (Resolution 202/2025/QH15).",
    },
}

#: Labels of coded values by column, then code, then language.
VALUE_LABELS: dict[str, dict[str, dict[str, str]]] = {
    "kind": {
        "actual": {"vi": "thực hiện", "en": "actual"},
        "plan": {"vi": "kế hoạch đã duyệt", "en": "approved plan"},
        "target": {"vi": "mục tiêu", "en": "target"},
    },
    "qualifier": {
        "none": {"vi": "", "en": ""},
        "more_than": {"vi": "trên", "en": "more than"},
        "at_least": {"vi": "ít nhất", "en": "at least"},
        "about": {"vi": "khoảng", "en": "about"},
        "less_than": {"vi": "dưới", "en": "less than"},
        "at_most": {"vi": "nhiều nhất", "en": "at most"},
    },
    "flag": {
        "": {"vi": "", "en": ""},
        "sum_mismatch": {"vi": "các phần không cộng đúng tổng", "en": "parts do not add up to the whole"},
        "total_equals_part": {"vi": "tổng bằng một phần của nó", "en": "a total equals one of its parts"},
        "share_mismatch": {"vi": "tỷ lệ in không khớp số đếm", "en": "printed share does not match its counts"},
        "part_exceeds_whole": {"vi": "phần lớn hơn tổng", "en": "a part exceeds its whole"},
        "period_typo": {"vi": "kỳ in có thể bị nhầm", "en": "printed period looks like a typo"},
        "format_anomaly": {
            "vi": "số in không theo định dạng Việt Nam",
            "en": "number printed in a non-Vietnamese format",
        },
        "contradiction": {"vi": "hai câu trong nguồn mâu thuẫn", "en": "two statements of the source disagree"},
        "percent_out_of_range": {"vi": "tỷ lệ ngoài 0–100", "en": "percentage outside 0–100"},
    },
    "comparability": {
        "same": {"vi": "so sánh được", "en": "comparable"},
        "caveat": {"vi": "so sánh có lưu ý", "en": "comparable with caveats"},
    },
    "status": {
        "met": {"vi": "đã đạt", "en": "met"},
        "not met yet": {"vi": "chưa đạt", "en": "not met yet"},
        "cannot tell": {"vi": "chưa đủ số liệu để kết luận", "en": "cannot tell from the printed figures"},
        "no actual yet": {"vi": "chưa có số liệu thực hiện", "en": "no actual yet"},
    },
    "matched_by": {
        "": {"vi": "", "en": ""},
        "indicator": {"vi": "cùng chỉ tiêu", "en": "same indicator"},
        "concept": {"vi": "cùng khái niệm", "en": "same concept"},
    },
    "origin": {
        "derived": {"vi": "tính từ số gốc", "en": "derived"},
        "printed": {"vi": "in trong nguồn", "en": "printed"},
    },
    "source_kind": {
        "newspaper_article": {"vi": "bài báo", "en": "newspaper article"},
        "interview": {"vi": "phỏng vấn", "en": "interview"},
        "official_report": {"vi": "báo cáo chính thức", "en": "official report"},
    },
    "level": {
        "error": {"vi": "lỗi", "en": "error"},
        "warning": {"vi": "cảnh báo", "en": "warning"},
    },
    "status_run": {
        "ok": {"vi": "thành công", "en": "ok"},
        "failed": {"vi": "lỗi", "en": "failed"},
    },
    "cache": {
        "executed": {"vi": "đã chạy", "en": "executed"},
        "reused": {"vi": "dùng lại", "en": "reused"},
    },
}

#: Column headers of the tables shown on pages, by column code.
COLUMNS: dict[str, dict[str, str]] = {
    "fact_id": {"vi": "Mã số liệu", "en": "Fact ID"},
    "province": {"vi": "Tỉnh", "en": "Province"},
    "province_name": {"vi": "Tỉnh", "en": "Province"},
    "display_name": {"vi": "Tỉnh (sau 2025)", "en": "Province (after 2025)"},
    "successor_name": {"vi": "Tỉnh kế thừa", "en": "Successor province"},
    "gso_code": {"vi": "Mã thống kê", "en": "GSO code"},
    "population_2019": {"vi": "Dân số 2019", "en": "Population 2019"},
    "domain": {"vi": "Lĩnh vực CCHC", "en": "Reform domain"},
    "domain_label": {"vi": "Lĩnh vực CCHC", "en": "Reform domain"},
    "indicator": {"vi": "Mã chỉ tiêu", "en": "Indicator code"},
    "label": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "label_en": {"vi": "Chỉ tiêu (tiếng Anh)", "en": "Indicator"},
    "whole_label": {"vi": "Chỉ tiêu tổng", "en": "Whole (indicator)"},
    "concept": {"vi": "Khái niệm", "en": "Concept"},
    "concept_label": {"vi": "Khái niệm", "en": "Concept"},
    "period": {"vi": "Kỳ", "en": "Period"},
    "kind": {"vi": "Loại", "en": "Kind"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "qualifier": {"vi": "Hạn định", "en": "Qualifier"},
    "breakdown": {"vi": "Phân tổ", "en": "Breakdown"},
    "part": {"vi": "Phần", "en": "Part"},
    "whole": {"vi": "Tổng", "en": "Whole"},
    "share": {"vi": "Tỷ lệ", "en": "Share"},
    "origin": {"vi": "Cách có", "en": "Origin"},
    "source": {"vi": "Nguồn", "en": "Source"},
    "source_id": {"vi": "Nguồn", "en": "Source"},
    "actual_source_id": {"vi": "Nguồn số thực hiện", "en": "Source of the actual"},
    "evidence": {"vi": "Trích dẫn nguyên văn", "en": "Verbatim evidence (Vietnamese)"},
    "flag": {"vi": "Mâu thuẫn trong nguồn", "en": "Source inconsistency"},
    "note": {"vi": "Ghi chú", "en": "Note"},
    "comparability": {"vi": "Khả năng so sánh", "en": "Comparability"},
    "comparability_note": {"vi": "Lưu ý so sánh", "en": "Comparability note"},
    "target_period": {"vi": "Kỳ mục tiêu", "en": "Target period"},
    "target": {"vi": "Mục tiêu", "en": "Target"},
    "actual_period": {"vi": "Kỳ thực hiện", "en": "Actual period"},
    "actual": {"vi": "Thực hiện", "en": "Actual"},
    "gap": {"vi": "Chênh lệch (thực hiện − mục tiêu)", "en": "Gap (actual − target)"},
    "status": {"vi": "Tình trạng", "en": "Status"},
    "matched_by": {"vi": "Ghép theo", "en": "Matched by"},
    "value_per_capita": {"vi": "Trên 100.000 dân", "en": "Per 100,000 inhabitants"},
    "title": {"vi": "Tiêu đề", "en": "Title"},
    "publisher": {"vi": "Cơ quan phát hành", "en": "Publisher"},
    "published": {"vi": "Ngày phát hành", "en": "Published"},
    "reference_period": {"vi": "Kỳ số liệu", "en": "Reference period"},
    "source_kind": {"vi": "Loại tài liệu", "en": "Document kind"},
    "actual_count": {"vi": "Số liệu thực hiện", "en": "Actual figures"},
    "target_count": {"vi": "Mục tiêu", "en": "Targets"},
    "successor": {"vi": "Tỉnh kế thừa (2025)", "en": "Successor (2025)"},
    "name_vi": {"vi": "Tỉnh", "en": "Province"},
    "slug": {"vi": "Tỉnh", "en": "Province"},
    "facts": {"vi": "Số số liệu", "en": "Facts"},
    "periods": {"vi": "Các kỳ có số liệu", "en": "Periods with data"},
    "level": {"vi": "Mức", "en": "Level"},
    "message": {"vi": "Nội dung", "en": "Message"},
    "file": {"vi": "Tệp", "en": "File"},
    "row": {"vi": "Dòng", "en": "Row"},
    "field": {"vi": "Cột", "en": "Field"},
    "name": {"vi": "Tỉnh", "en": "Province"},
}


def check_lang(lang) -> str:
    """``lang`` as a supported language code (case and surrounding spaces ignored).

    Parameters
    ----------
    lang : str
        A language code as a user types it: ``"vi"``, ``"EN"``, ``" vi "``.

    Returns
    -------
    str
        The code in lower case, one of :data:`LANGS`.

    Raises
    ------
    TypeError
        If ``lang`` is not a string.
    ValueError
        If it names no supported language (the message lists them).

    Examples
    --------
    >>> check_lang("EN"), check_lang(" vi ")
    ('en', 'vi')
    >>> check_lang("fr")
    Traceback (most recent call last):
    ...
    ValueError: 'fr' is not a supported language; use 'vi' or 'en'
    >>> check_lang(None)
    Traceback (most recent call last):
    ...
    TypeError: lang must be 'vi' or 'en', got None (NoneType)
    """
    if not isinstance(lang, str):
        raise TypeError(f"lang must be 'vi' or 'en', got {lang!r} ({type(lang).__name__})")
    code = lang.strip().lower()
    if code not in LANGS:
        raise ValueError(f"{lang!r} is not a supported language; use " + " or ".join(repr(x) for x in LANGS))
    return code


def other_lang(lang: str) -> str:
    """The other supported language (for a page's link to its translation).

    Parameters
    ----------
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).

    Returns
    -------
    str
        The language code that is not ``lang``.

    Examples
    --------
    >>> other_lang("vi")
    'en'
    """
    return LANGS[1 - LANGS.index(check_lang(lang))]


def t(key: str, lang: str, **fmt) -> str:
    """The UI string ``key`` in ``lang``, with ``{placeholders}`` filled from ``fmt``.

    Parameters
    ----------
    key : str
        A key of :data:`UI`, e.g. ``"no_targets"``.
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).
    **fmt
        Values for the string's ``{placeholders}``; none means the string is returned as it is.

    Returns
    -------
    str
        The string in ``lang``.

    Raises
    ------
    KeyError
        If :data:`UI` has no string ``key``.

    Examples
    --------
    >>> t("no_targets", "en", name="Hà Giang")
    'No targets are recorded for Hà Giang in the bundled sources.'
    >>> t("no_such_key", "en")
    Traceback (most recent call last):
    ...
    KeyError: "no UI string 'no_such_key'; add it to cchc_data.i18n.UI"
    """
    lang = check_lang(lang)
    try:
        text = UI[key][lang]
    except KeyError:
        raise KeyError(f"no UI string {key!r}; add it to cchc_data.i18n.UI") from None
    return text.format(**fmt) if fmt else text


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))  # NaN, pd.NA
    except (TypeError, ValueError):
        return True  # pd.NA in a boolean context


def format_number(value, lang: str, *, decimals: int | None = None) -> str:
    """``value`` with the language's separators (babel); a dash for a missing value.

    Whole numbers (counts) get no decimals; otherwise at most two, unless ``decimals`` fixes them.

    Parameters
    ----------
    value : int, float or None
        The number; ``None``, NaN and ``pd.NA`` count as missing.
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).
    decimals : int, optional
        Exactly this many decimals. Default ``None``: none for whole numbers, else at most two.

    Returns
    -------
    str
        The number as text (``"1.514"`` in Vietnamese, ``"1,514"`` in English), or :data:`MISSING`.

    Raises
    ------
    TypeError
        If ``value`` is neither a number nor missing.

    See Also
    --------
    format_percent, format_value

    Examples
    --------
    >>> format_number(1514, "vi"), format_number(1514.0, "en"), format_number(98.63, "vi")
    ('1.514', '1,514', '98,63')
    >>> format_number(279.098405, "en"), format_number(2.5, "en", decimals=2), format_number(float("nan"), "vi")
    ('279.1', '2.50', '–')
    """
    from babel.numbers import format_decimal

    lang = check_lang(lang)
    if _missing(value):
        return MISSING
    if not isinstance(value, Number):
        raise TypeError(f"format_number needs a number, got {value!r} ({type(value).__name__})")
    value = float(value)
    if decimals is None:
        pattern = "#,##0" if value.is_integer() else "#,##0.##"
    else:
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(round(value, 2 if decimals is None else decimals), format=pattern, locale=_LOCALES[lang])


def format_percent(value, lang: str, *, decimals: int | None = None) -> str:
    """A percentage on the 0–100 scale (``98.63`` means 98.63 %) in the language's convention.

    Parameters
    ----------
    value : int, float or None
        The percentage on the 0–100 scale; ``None``, NaN and ``pd.NA`` count as missing.
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).
    decimals : int, optional
        Exactly this many decimals. Default ``None``: at most two, trailing zeros dropped.

    Returns
    -------
    str
        The percentage as text (``"98,63 %"`` in Vietnamese, ``"98.63%"`` in English), or :data:`MISSING`.

    Raises
    ------
    TypeError
        If ``value`` is neither a number nor missing.

    Examples
    --------
    >>> format_percent(98.63, "vi"), format_percent(98.63, "en"), format_percent(100, "vi")
    ('98,63 %', '98.63%', '100 %')
    >>> format_percent(None, "en")
    '–'
    """
    lang = check_lang(lang)
    if _missing(value):
        return MISSING
    from babel.numbers import format_percent as _babel_percent

    if not isinstance(value, Number):
        raise TypeError(f"format_percent needs a number, got {value!r} ({type(value).__name__})")
    places = 2 if decimals is None else decimals
    digits = ("." + ("#" if decimals is None else "0") * places) if places > 0 else ""
    pattern = "#,##0" + digits + _PERCENT_SUFFIX[lang]
    return _babel_percent(round(float(value), places) / 100, format=pattern, locale=_LOCALES[lang])


def format_value(value, unit: str, lang: str, *, qualifier: str = "none", decimals: int | None = None) -> str:
    """A value in words as a reader expects it: qualifier, number, and the unit's symbol for % ``₫`` ``min``.

    Parameters
    ----------
    value : int, float or None
        The value; ``None``, NaN and ``pd.NA`` count as missing.
    unit : str
        The value's unit code from ``units.csv`` (``"percent"``, ``"count"``, ``"vnd"``, ``"minute"`` …).
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).
    qualifier : str, default "none"
        The value's qualifier code (``"more_than"``, ``"about"`` …), written before the number.
    decimals : int, optional
        Exactly this many decimals. Default ``None``: as :func:`format_number` chooses.

    Returns
    -------
    str
        The value as text, or :data:`MISSING`.

    Examples
    --------
    >>> format_value(14000, "count", "vi", qualifier="more_than"), format_value(65.91, "percent", "en")
    ('trên 14.000', '65.91%')
    >>> format_value(float("nan"), "percent", "en")
    '–'
    """
    lang = check_lang(lang)
    if _missing(value):
        return MISSING
    if unit == "percent":
        text = format_percent(value, lang, decimals=decimals)
    else:
        text = format_number(value, lang, decimals=decimals)
        symbol = {"vnd": "₫", "minute": {"vi": "phút", "en": "min"}[lang]}.get(unit)
        if symbol:
            text = f"{text} {symbol}"
    words = value_label("qualifier", qualifier, lang) if not _missing(qualifier) else ""
    return f"{words} {text}".strip()


def format_period(period, lang: str) -> str:
    """A period code in words: ``2021-Q1`` → ``quý I/2021`` or ``Q1 2021``; ``2021-2030`` → ``2021–2030``.

    Parameters
    ----------
    period : str or None
        A period code as the data holds it (``"2021-Q1"``, ``"2019"``, ``"2021-2030"``); empty counts as missing.
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).

    Returns
    -------
    str
        The period in words; a code of another form is returned as it is, a missing one as :data:`MISSING`.

    Examples
    --------
    >>> format_period("2021-Q1", "vi"), format_period("2021-Q1", "en"), format_period("2021-2030", "en")
    ('quý I/2021', 'Q1 2021', '2021–2030')
    >>> format_period("2017", "vi"), format_period("", "en")
    ('2017', '–')
    """
    lang = check_lang(lang)
    if _missing(period) or str(period).strip() == "":
        return MISSING
    text = str(period).strip()
    year, _, rest = text.partition("-")
    if rest.startswith("Q") and rest[1:].isdigit():
        quarter = int(rest[1:])
        return f"quý {'I II III IV'.split()[quarter - 1]}/{year}" if lang == "vi" else f"Q{quarter} {year}"
    if rest.isdigit():
        return f"{year}–{rest}"
    return text


def value_label(column: str, code, lang: str, *, data_dir=None) -> str:
    """A coded value of ``column`` in words (an unknown code is shown as it is).

    Units come from the data's ``units.csv``; the other vocabularies from :data:`VALUE_LABELS`.

    Parameters
    ----------
    column : str
        The column the code belongs to: ``"unit"``, ``"concept"``, ``"domain"``, ``"breakdown"`` or a key of
        :data:`VALUE_LABELS` (``"kind"``, ``"qualifier"``, ``"flag"`` …).
    code : str or None
        The coded value; a missing one gives ``""``.
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).
    {data_dir}

    Returns
    -------
    str
        The label in ``lang``, or ``code`` itself if it has none.

    Examples
    --------
    >>> value_label("qualifier", "more_than", "vi"), value_label("kind", "target", "en"), value_label("unit", "percent", "vi")
    ('trên', 'target', 'phần trăm')
    >>> value_label("flag", "", "en")
    ''
    """
    lang = check_lang(lang)
    if _missing(code):
        return ""
    code = str(code)
    if column == "unit":
        from .vocabularies import units

        table = units(data_dir=data_dir).set_index("unit")
        return str(table.at[code, f"label_{lang}"]) if code in table.index else code
    if column in ("concept", "domain"):
        from .vocabularies import concepts, domains

        table = (concepts if column == "concept" else domains)(data_dir=data_dir).set_index(column)
        return str(table.at[code, f"label_{lang}"]) if code in table.index else code
    if column == "breakdown":
        if not code:
            return {"vi": "tổng", "en": "total"}[lang]
        from .vocabularies import breakdowns

        table = breakdowns(data_dir=data_dir).set_index("breakdown")
        return str(table.at[code, f"label_{lang}"]) if code in table.index else code
    labels = VALUE_LABELS.get(column, {})
    return labels[code][lang] if code in labels else code


def column_label(column: str, lang: str) -> str:
    """The header of ``column`` on a page (an unknown column is shown with its code).

    Parameters
    ----------
    column : str
        A column name of the project's frames, e.g. ``"evidence"``.
    lang : {"vi", "en"}
        Language of the text, in any case (see :func:`check_lang`).

    Returns
    -------
    str
        The header in ``lang``, or ``column`` itself if it has none.

    Examples
    --------
    >>> column_label("evidence", "vi"), column_label("gap", "en")
    ('Trích dẫn nguyên văn', 'Gap (actual − target)')
    """
    lang = check_lang(lang)
    return COLUMNS[column][lang] if column in COLUMNS else column


#: Every user-facing string of the charts (cchc_data.plotting), by key and language; ``"qualifiers"`` maps a qualifier to
#: its symbol and ``"dimensions"`` a breakdown dimension to its label.
CHARTS = {
    "compare_subtitle": {"vi": "So sánh giữa các tỉnh", "en": "Comparison across provinces"},
    "latest": {"vi": "số liệu mới nhất của mỗi tỉnh", "en": "latest figure of each province"},
    "periods_differ": {"vi": "Các kỳ khác nhau", "en": "Periods differ"},
    "definition": {"vi": "Định nghĩa", "en": "Definition"},
    "series_title": {"vi": "Diễn biến theo thời gian", "en": "Change over time"},
    "series_note": {
        "vi": "Chỉ nối các điểm có cùng định nghĩa",
        "en": "Points are joined only where the definition is the same",
    },
    "legend_actual": {"vi": "Thực hiện (kết quả đạt được)", "en": "Achieved (actual)"},
    "legend_plan": {"vi": "Nội dung kế hoạch đã duyệt (gạch chéo)", "en": "Content of an approved plan (hatched)"},
    "legend_target": {"vi": "Mục tiêu (rỗng)", "en": "Target (hollow)"},
    "legend_caveat": {
        "vi": "Vòng chấm, [n]: định nghĩa khác, xem ghi chú [n] dưới tiêu đề",
        "en": "Dotted ring, [n]: definition differs, see note [n] under the title",
    },
    "legend_qualifier": {
        "vi": "≈ > ≥ < ≤: số gần đúng hoặc giới hạn, như nguồn in",
        "en": "≈ > ≥ < ≤: approximate or bound, as printed",
    },
    "legend_flag": {
        "vi": "⚠ viền đỏ: nguồn tự mâu thuẫn: {meaning}",
        "en": "⚠ red edge: inconsistent source: {meaning}",
    },
    "flag_cell": {
        "vi": "⚠: ô có số liệu mà nguồn tự mâu thuẫn",
        "en": "⚠: the cell includes facts whose source is inconsistent",
    },
    "plan": {"vi": "kế hoạch", "en": "plan"},
    "target_total": {"vi": "Đường chấm: tổng (mục tiêu)", "en": "Dotted line: total (target)"},
    "parts_sum": {"vi": "các phần cộng lại", "en": "the parts add up to"},
    "n_provinces": {"vi": "{n} tỉnh", "en": "{n} provinces"},
    "flags": {
        "sum_mismatch": {
            "vi": "các phần không cộng bằng tổng in ra",
            "en": "the parts do not add up to the printed total",
        },
        "total_equals_part": {
            "vi": "tổng in ra bằng đúng một phần của nó",
            "en": "the printed total equals one of its parts",
        },
        "share_mismatch": {
            "vi": "tỷ lệ in ra không khớp với số đếm",
            "en": "the printed share does not match its counts",
        },
        "part_exceeds_whole": {"vi": "phần lớn hơn tổng", "en": "a part exceeds its whole"},
        "period_typo": {"vi": "kỳ in ra có vẻ gõ nhầm", "en": "the printed period looks like a typo"},
        "format_anomaly": {
            "vi": "số in không theo định dạng Việt Nam",
            "en": "number printed in a non-Vietnamese format",
        },
        "contradiction": {"vi": "hai chỗ trong nguồn mâu thuẫn nhau", "en": "two statements of the source disagree"},
        "percent_out_of_range": {"vi": "tỷ lệ in ra ngoài 0–100", "en": "a printed percentage outside 0–100"},
    },
    "units_suffix": {"percentage_point": {"vi": " điểm %", "en": " pp"}},
    "coverage_title": {"vi": "Mức độ có số liệu", "en": "Data coverage"},
    "coverage_rows": {
        "concept": {"vi": "theo khái niệm so sánh", "en": "by comparable concept"},
        "indicator": {"vi": "theo chỉ tiêu", "en": "by indicator"},
        "domain": {"vi": "theo lĩnh vực CCHC", "en": "by reform domain"},
    },
    "coverage_missing": {
        "vi": "Ô xám “–”: chưa có số liệu (không phải số 0)",
        "en": "Grey “–”: no facts (not a zero)",
    },
    "facts": {"vi": "Số số liệu", "en": "Number of facts"},
    "total": {"vi": "Tổng", "en": "Total"},
    "total_line": {"vi": "Đường đứt nét: tổng", "en": "Dashed line: total"},
    "no_total": {"vi": "Nguồn không in số tổng", "en": "The source prints no total"},
    "progress_title": {"vi": "Tiến độ so với mục tiêu", "en": "Progress towards targets"},
    "target": {"vi": "mục tiêu", "en": "target"},
    "target_marker": {"vi": "Mục tiêu", "en": "Target"},
    "actual_marker": {"vi": "Thực hiện (mới nhất)", "en": "Actual (latest)"},
    "no_actual": {"vi": "chưa có số liệu thực hiện", "en": "no actual yet"},
    "actual": {"vi": "thực hiện", "en": "actual"},
    "not_on_axis": {"vi": "không vẽ ({unit}; trục chỉ dành cho %)", "en": "not drawn ({unit}; the axis is for %)"},
    "percent_axis_note": {
        "vi": "Chỉ tiêu tính bằng % được vẽ trên trục 0–100; chỉ tiêu đơn vị khác ghi bằng chữ",
        "en": "Percentage targets are drawn on a 0–100 axis; targets in other units are written out",
    },
    "no_targets": {"vi": "Chưa ghi nhận mục tiêu nào cho {name}", "en": "No targets recorded for {name}"},
    "share_axis": {"vi": "Tỷ lệ (%)", "en": "Share (%)"},
    "part_whole_title": {"vi": "Tỷ lệ hoàn thành", "en": "Completion shares"},
    "derived": {
        "vi": "Tỷ lệ tính từ số liệu gốc (phần/tổng), không phải số in trong nguồn",
        "en": "Share derived from the printed counts (part/whole), not printed in the source",
    },
    "no_pairs": {"vi": "Không có cặp phần/tổng cho {name}", "en": "No part/whole pairs for {name}"},
    "all_provinces": {"vi": "các tỉnh", "en": "all provinces"},
    "profile_title": {"vi": "Hồ sơ CCHC", "en": "PAR profile"},
    "profile_note": {
        "vi": "Số liệu % (tổng, không chi tiết) trên trục 0–100; ● thực hiện, ▨ kế hoạch, ◇ mục tiêu",
        "en": "Percentage figures (totals, no breakdowns) on a 0–100 axis; ● actual, ▨ plan, ◇ target",
    },
    "n_facts": {"vi": "{n} số liệu", "en": "{n} facts"},
    "n_fact": {"vi": "{n} số liệu", "en": "{n} fact"},
    "not_drawn": {"vi": "Không vẽ", "en": "Not drawn"},
    "breakdown_rows": {"vi": "dòng chi tiết", "en": "breakdown rows"},
    "sources": {"vi": "Nguồn", "en": "Sources"},
    "data_version": {"vi": "Phiên bản dữ liệu", "en": "Data version"},
    "qualifiers": {"none": "", "about": "≈", "more_than": ">", "at_least": "≥", "less_than": "<", "at_most": "≤"},
    "dimensions": {
        "level": {"vi": "Cấp chính quyền", "en": "Government level"},
        "sector": {"vi": "Lĩnh vực", "en": "Sector"},
        "agency": {"vi": "Cơ quan", "en": "Agency"},
        "rating": {"vi": "Xếp loại", "en": "Rating"},
        "area": {"vi": "Khu vực", "en": "Area"},
    },
}


def chart_text(key: str, lang: str, **fmt) -> str:
    """A chart's string (:data:`CHARTS`) in ``lang``, with ``{fields}`` filled in.

    Examples
    --------
    >>> chart_text("legend_target", "en")
    'Target (hollow)'
    """
    text = CHARTS[key][check_lang(lang)]
    return text.format(**fmt) if fmt else text


#: Every user-facing string of the explorer, by key and language.
EXPLORER = {
    "title": {"vi": "Khám phá số liệu cải cách hành chính", "en": "Explore the administrative reform data"},
    "language": {"vi": "Ngôn ngữ", "en": "Language"},
    "provinces": {"vi": "Tỉnh", "en": "Provinces"},
    "province_text": {
        "vi": "Hoặc gõ tên tỉnh, cách nhau bằng dấu phẩy (vd. Ha Giang, Khánh Hoà), rồi nhấn Enter",
        "en": "Or type province names, comma-separated (e.g. Ha Giang, Khánh Hoà), then press Enter",
    },
    "domain": {"vi": "Lĩnh vực", "en": "Domain"},
    "all_domains": {"vi": "Tất cả lĩnh vực", "en": "All domains"},
    "search": {"vi": "Tìm chỉ tiêu (không cần dấu)", "en": "Search indicators (accents optional)"},
    "search_hint": {"vi": "vd. thu dien tu", "en": "e.g. thu dien tu, e-mail"},
    "item": {"vi": "Khái niệm hoặc chỉ tiêu", "en": "Concept or indicator"},
    "all_items": {"vi": "Mọi chỉ tiêu đã chọn", "en": "Every indicator selected"},
    "compare_prefix": {"vi": "So sánh giữa các tỉnh: ", "en": "Compare across provinces: "},
    "kind": {"vi": "Loại số liệu", "en": "Kind"},
    "kinds": {
        "actual": {"vi": "Kết quả thực hiện", "en": "Achieved"},
        "target": {"vi": "Mục tiêu", "en": "Target"},
        "both": {"vi": "Cả hai", "en": "Both"},
    },
    "period": {"vi": "Kỳ", "en": "Period"},
    "all_periods": {"vi": "Tất cả các kỳ", "en": "All periods"},
    "latest": {"vi": "Mới nhất của mỗi tỉnh", "en": "Latest of each province"},
    "columns": {
        "province": {"vi": "Tỉnh", "en": "Province"},
        "indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
        "breakdown": {"vi": "Chi tiết", "en": "Breakdown"},
        "period": {"vi": "Kỳ", "en": "Period"},
        "kind": {"vi": "Loại", "en": "Kind"},
        "value": {"vi": "Giá trị", "en": "Value"},
        "unit": {"vi": "Đơn vị", "en": "Unit"},
        "source": {"vi": "Nguồn", "en": "Source"},
        "evidence": {"vi": "Trích dẫn nguyên văn", "en": "Verbatim evidence"},
        "flag": {"vi": "Cảnh báo", "en": "Flag"},
    },
    "pick_province": {"vi": "Hãy chọn ít nhất một tỉnh.", "en": "Pick at least one province."},
    "no_facts": {"vi": "Không có số liệu cho lựa chọn này.", "en": "No facts for this selection."},
    "bad_province": {"vi": "Không nhận ra tỉnh đã gõ.", "en": "A province typed was not recognised."},
    "no_hits": {
        "vi": "Không có chỉ tiêu nào khớp với “{text}” trong lựa chọn hiện tại.",
        "en": "No indicator matches “{text}” in the current selection.",
    },
    "bad_search": {"vi": "Không tìm được với nội dung đã gõ.", "en": "The search text could not be used."},
    "error": {"vi": "Không vẽ được lựa chọn này.", "en": "This selection could not be drawn."},
    "library_says": {"vi": "Thông báo của thư viện (tiếng Anh)", "en": "The library says"},
    "no_chart": {
        "vi": "Không có biểu đồ cho lựa chọn này; bảng dưới đây liệt kê mọi giá trị.",
        "en": "No chart for this selection; the table below lists every value.",
    },
    "targets_not_charted": {
        "vi": "Biểu đồ so sánh chỉ vẽ kết quả thực hiện; các mục tiêu nằm trong bảng.",
        "en": "The comparison chart draws achieved results only; targets are in the table.",
    },
    "profile_note": {
        "vi": "Biểu đồ: toàn bộ hồ sơ của tỉnh (mọi lĩnh vực); bảng: chỉ phần đã chọn.",
        "en": "Chart: the province's whole profile (every domain); table: only what is selected.",
    },
    "comparability": {"vi": "Lưu ý khi so sánh", "en": "Comparability notes"},
    "periods_differ": {
        "vi": "Các tỉnh có số liệu ở các kỳ khác nhau: {periods}.",
        "en": "The provinces' figures are of different periods: {periods}.",
    },
    "definitions_differ": {
        "vi": "Định nghĩa chỉ tiêu khác nhau giữa các tỉnh: {labels}.",
        "en": "Indicator definitions differ between provinces: {labels}.",
    },
    "missing": {
        "vi": "Chưa có số liệu của khái niệm này (cho lựa chọn này): {names}.",
        "en": "No facts of this concept (for this selection): {names}.",
    },
    "rows": {"vi": "{n} dòng", "en": "{n} rows"},
    "flag_legend": {
        "vi": "⚠ nguồn không nhất quán ở đây; số liệu ghi đúng như in.",
        "en": "⚠ the source is inconsistent here; values recorded as printed.",
    },
    "target_legend": {
        "vi": "Dòng nền vàng: mục tiêu, kế hoạch (không phải kết quả).",
        "en": "Yellow rows: targets and plans (not results).",
    },
    "download": {"vi": "Tải bảng này (CSV)", "en": "Download this view (CSV)"},
    "flags": {
        "sum_mismatch": {"vi": "các phần không cộng đúng tổng", "en": "parts do not add up to the whole"},
        "total_equals_part": {"vi": "tổng bằng một phần của nó", "en": "a total equals one of its parts"},
        "share_mismatch": {"vi": "tỷ lệ in không khớp số liệu", "en": "a printed share does not match its counts"},
        "part_exceeds_whole": {"vi": "phần lớn hơn tổng", "en": "a part is larger than its whole"},
        "period_typo": {"vi": "kỳ in có vẻ sai", "en": "the printed period looks like a typo"},
        "format_anomaly": {
            "vi": "số in không theo định dạng Việt Nam",
            "en": "number printed in a non-Vietnamese format",
        },
        "contradiction": {"vi": "nguồn tự mâu thuẫn", "en": "two statements of the source disagree"},
        "percent_out_of_range": {"vi": "tỷ lệ ngoài 0–100", "en": "a percent outside 0–100"},
    },
}


share_docs_in(globals())
