"""Charts of the facts and of the national indices, in Vietnamese or English, with sources and data version.

The package has one module per concern:

- :mod:`~cchc_data.plotting._furniture`: what every chart shares (axes, header, footer, legend, value
  labels, colours, number formats);
- :mod:`~cchc_data.plotting.province`: charts of the curated facts (:func:`compare_chart`, :func:`profile_chart`…);

Each chart has two forms, in seaborn's manner: ``draw_compare(frame, *, lang, ax)`` draws a frame it is given
(:func:`chart_frame` describes its sources), and ``compare_chart(concept, …)`` fetches that frame from the data
(:mod:`cchc_data.analysis`) and draws it. The footer and the CSV beside a chart cite the sources of the frame.

- :mod:`~cchc_data.plotting.national`: charts of the national indices (:func:`trajectory_chart`…);
- :mod:`~cchc_data.plotting.files`: :func:`save_figure` and :func:`show_figure`.
- :mod:`~cchc_data.plotting._textsizes`: while a chart is saved, each text is measured once per resolution
  (matplotlib's own measures, shared by its renderers).

Conventions shared by all charts:

- ``lang`` is ``"vi"`` or ``"en"``; every title, axis label, note and footer is in that language
  (province names stay Vietnamese).
- Numbers are written the Vietnamese way (``14.000``, ``98,63``) for ``"vi"`` and the English way
  (``14,000``, ``98.63``) for ``"en"``, with the qualifier symbol of the source (``≈ > ≥ < ≤``).
- Missing data is shown as missing (a grey "–", a "no actual yet" note), never as a zero.
- A footer names the source documents (publisher, short title, date) and the version of the data folder
  the chart was drawn from (:func:`footer_text`); ``fig.cchc_values`` holds the exact values drawn,
  written beside the chart as CSV by :func:`save_figure`.
- Each province has one colour in every chart (:func:`province_colors`).

Examples
--------
>>> from cchc_data import plotting
>>> ax = plotting.compare_chart("digital_certificates", lang="en")
>>> [t.get_text() for t in ax.get_yticklabels()]
['Khánh Hòa', 'Hà Giang']
>>> import matplotlib.pyplot as plt
>>> plt.close(ax.figure)
"""

from ._furniture import SOURCE_COLUMNS, VALUE_COLUMNS, chart_frame, footer_text, legend_texts, province_colors
from .files import PNG_DPI, save_figure, save_phone_figure, show_figure
from .national import (
    comparison_chart,
    distribution_chart,
    draw_index_comparison,
    draw_trajectory,
    province_trajectories,
    trajectory_chart,
)
from .province import (
    breakdown_chart,
    compare_chart,
    concept_series_chart,
    coverage_heatmap,
    draw_breakdown,
    draw_compare,
    draw_coverage,
    draw_part_whole,
    draw_profile,
    draw_progress,
    draw_series,
    part_whole_chart,
    profile_chart,
    progress_chart,
)

# isort: split
# Private names older callers and tests reach for through ``cchc_data.plotting``; new code imports them
# from the module that defines them.
from ._furniture import _FLAG_RED, _fmt_number, _fmt_value, _new_axes, _severity, _slugify, _subtitle  # noqa: F401
from .files import _PNG_DPI  # noqa: F401

__all__ = [
    "chart_frame",
    "SOURCE_COLUMNS",
    "draw_compare",
    "draw_series",
    "draw_coverage",
    "draw_breakdown",
    "draw_progress",
    "draw_part_whole",
    "draw_profile",
    "province_colors",
    "compare_chart",
    "concept_series_chart",
    "coverage_heatmap",
    "breakdown_chart",
    "progress_chart",
    "part_whole_chart",
    "profile_chart",
    "trajectory_chart",
    "province_trajectories",
    "comparison_chart",
    "distribution_chart",
    "draw_trajectory",
    "draw_index_comparison",
    "save_figure",
    "save_phone_figure",
    "show_figure",
    "PNG_DPI",
    "footer_text",
    "legend_texts",
    "VALUE_COLUMNS",
]
