"""The one home for language: languages, UI strings, value labels, numbers through babel."""

import math

import pytest

import cchc_data as cd
from cchc_data import i18n, params


@pytest.mark.parametrize("given", ["vi", "EN", " En ", "VI"])
def test_check_lang_ignores_case_and_spaces(given):
    assert i18n.check_lang(given) == given.strip().lower()
    assert params.check_lang(given) == given.strip().lower()


@pytest.mark.parametrize("given", ["fr", "", "vi,en", "english"])
def test_check_lang_names_the_valid_languages(given):
    with pytest.raises(ValueError, match=r"is not a supported language; use 'vi' or 'en'$"):
        i18n.check_lang(given)


def test_params_check_lang_keeps_the_parameter_name_in_type_errors():
    with pytest.raises(TypeError, match=r"^parameter lang must be 'vi' or 'en', got 3 \(int\)$"):
        params.check_lang(3)


def test_every_ui_string_exists_in_every_language_with_the_same_placeholders():
    import string

    for key, texts in i18n.UI.items():
        assert set(texts) == set(i18n.LANGS), key
        fields = {lang: {f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f} for lang in i18n.LANGS}
        if texts["en"] and texts["vi"]:  # "" marks a sentence needed in one language only
            assert fields["vi"] == fields["en"], key
    for column, codes in i18n.VALUE_LABELS.items():
        for code, texts in codes.items():
            assert set(texts) == set(i18n.LANGS), (column, code)
    for column, texts in i18n.COLUMNS.items():
        assert texts["vi"] and texts["en"], column


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1514, "vi", "1.514"),
        (1514, "en", "1,514"),
        (1514.0, "vi", "1.514"),  # counts without decimals, never 1514.0
        (3436.0, "en", "3,436"),
        (98.63, "vi", "98,63"),
        (98.63, "en", "98.63"),
        (279.098405, "en", "279.1"),
        (100210000, "vi", "100.210.000"),
        (-115, "en", "-115"),
        (float("nan"), "en", "–"),
        (None, "vi", "–"),
    ],
)
def test_format_number(value, lang, expected):
    assert i18n.format_number(value, lang) == expected


def test_format_percent_follows_each_language():
    assert i18n.format_percent(98.63, "vi") == "98,63 %"
    assert i18n.format_percent(98.63, "en") == "98.63%"
    assert i18n.format_percent(97.9487, "vi", decimals=1) == "97,9 %"
    assert i18n.format_percent(math.nan, "vi") == "–"


def test_format_number_refuses_text_with_a_clear_message():
    with pytest.raises(TypeError, match=r"format_number needs a number, got '1\.514' \(str\)"):
        i18n.format_number("1.514", "vi")


def test_value_labels_cover_the_data_vocabularies():
    facts = cd.load_indicators()
    for column in ("kind", "qualifier", "flag"):
        for code in facts[column].astype(str).unique():
            assert code in i18n.VALUE_LABELS[column], (column, code)
            assert "_" not in i18n.value_label(column, code, "en") + i18n.value_label(column, code, "vi")
    for unit in facts["unit"].astype(str).unique():
        assert i18n.value_label("unit", unit, "vi") == cd.units().set_index("unit").at[unit, "label_vi"]
    assert i18n.value_label("breakdown", "level:district", "en") == "District level"
    assert i18n.value_label("domain", "procedures", "en") == "Administrative procedure reform"


def test_periods_in_words():
    assert i18n.format_period("2021-Q1", "vi") == "quý I/2021"
    assert i18n.format_period("2021-Q4", "en") == "Q4 2021"
    assert i18n.format_period("2021-2030", "vi") == "2021–2030"


def test_t_fills_placeholders_and_names_a_missing_key():
    assert i18n.t("no_targets", "vi", name="Hà Giang").endswith("cho Hà Giang.")
    with pytest.raises(KeyError, match="no UI string 'nope'"):
        i18n.t("nope", "vi")
