"""`lang` is normalised once at every public entry point (issue 25, item 5): "EN" and " vi " work as "en", "vi"."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import cchc_data as cd  # noqa: E402
from cchc_data import analysis, i18n, national, params, plotting, plotting_national, tables  # noqa: E402


def _texts(ax):
    fig = ax.figure if hasattr(ax, "figure") else ax
    return sorted(t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text())


CHARTS = {
    "compare_chart": lambda lang: plotting.compare_chart("edocs_sent_share", lang=lang),
    "concept_series_chart": lambda lang: plotting.concept_series_chart("edocs_sent_share", "khanh-hoa", lang=lang),
    "coverage_heatmap": lambda lang: plotting.coverage_heatmap(lang=lang),
    "progress_chart": lambda lang: plotting.progress_chart("khanh-hoa", lang=lang),
    "part_whole_chart": lambda lang: plotting.part_whole_chart(lang=lang),
    "profile_chart": lambda lang: plotting.profile_chart("khanh-hoa", lang=lang),
    "trajectory_chart": lambda lang: plotting_national.trajectory_chart("khanh-hoa", "par_index", lang=lang),
    "province_trajectories": lambda lang: plotting_national.province_trajectories("khanh-hoa", lang=lang),
    "comparison_chart": lambda lang: plotting_national.comparison_chart("par_index", lang=lang),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_charts_take_lang_in_any_case(name):
    draw = CHARTS[name]
    expected = _texts(draw("en"))
    plt.close("all")
    assert _texts(draw("EN")) == expected
    plt.close("all")
    assert _texts(draw(" en ")) == expected


TABLES = {
    "describe_indices": lambda lang: national.describe_indices(lang),
    "standing_table": lambda lang: national.standing_table(lang),
    "national.sources_table": lambda lang: national.sources_table(lang),
    "in_language": lambda lang: analysis.in_language(cd.load_indicators(), lang),
    "cite_source": lambda lang: tables.cite_source("kh-2019-article", lang),
    "format_number": lambda lang: i18n.format_number(1514, lang),
    "params.check_lang": lambda lang: params.check_lang(lang),
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_tables_take_lang_in_any_case(name):
    make = TABLES[name]
    expected = make("en")
    got = make("EN")
    if hasattr(expected, "equals"):
        assert got.equals(expected)
    else:
        assert got == expected


def test_export_takes_lang_in_any_case(tmp_path):
    from openpyxl import load_workbook

    a = cd.export_excel(tmp_path / "a.xlsx", lang="en")
    b = cd.export_excel(tmp_path / "b.xlsx", lang="EN")
    assert load_workbook(a).sheetnames == load_workbook(b).sheetnames


def test_one_check_lang():
    """The private copies are gone: every module uses i18n.check_lang (or params' thin wrapper of it)."""
    assert not hasattr(plotting, "_check_lang") and not hasattr(plotting_national, "_check_lang")
    with pytest.raises(ValueError, match="'fr' is not a supported language; use 'vi' or 'en'"):
        plotting.compare_chart("edocs_sent_share", lang="fr")
