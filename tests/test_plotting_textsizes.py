"""Tests of ``cchc_data.plotting._textsizes``: Agg renderers of one resolution share their text measures while
charts are saved, and every measure, layout and pixel stays the one matplotlib computes alone."""

import io

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.text as mtext
import pytest
from matplotlib.backends.backend_agg import RendererAgg

from cchc_data import plotting as pl
from cchc_data.plotting import _textsizes
from cchc_data.plotting._textsizes import shared_text_sizes

matplotlib.use("Agg")

WORDS = "Tỷ lệ hồ sơ giải quyết đúng hạn (%) — quý I/2021"


@pytest.fixture
def measured(monkeypatch):
    """The texts FreeType measured for an Agg renderer, in order (each is one measure matplotlib made)."""
    seen, measure = [], RendererAgg.get_text_width_height_descent

    def counted(self, s, prop, ismath):
        seen.append((s, self.dpi))
        return measure(self, s, prop, ismath)

    monkeypatch.setattr(RendererAgg, "get_text_width_height_descent", counted)
    _textsizes._sizes.clear()
    return seen


def _figure():
    fig, ax = plt.subplots(figsize=(5, 3), layout="constrained")
    ax.barh([0, 1], [42.5, 97.25])
    ax.set_yticks([0, 1], ["Khánh Hòa", "Hà Giang"])
    ax.set_title(WORDS)
    fig.supxlabel("Nguồn: báo cáo CCHC của tỉnh, 2021")
    return fig


def _raw(fig, dpi):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def test_a_second_renderer_of_the_same_resolution_measures_nothing_again(measured):
    fig = _figure()
    with shared_text_sizes():
        fig.canvas.get_renderer()  # the layout's renderer, at the figure's size
        fig.draw_without_rendering()
        first = len(measured)
        _raw(fig, fig.dpi)  # a renderer of the cropped size, same resolution
    assert first > 0 and (WORDS, fig.dpi) in measured
    assert len(measured) == first  # every text of the drawing was measured by the layout already


def test_without_it_each_renderer_measures_its_texts_again(measured):
    fig = _figure()
    fig.draw_without_rendering()
    first = len(measured)
    _raw(fig, fig.dpi)
    assert measured.count((WORDS, fig.dpi)) == 2 and len(measured) > first


def test_another_resolution_is_measured_apart(measured):
    fig = _figure()
    with shared_text_sizes():
        _raw(fig, 100)
        _raw(fig, 150)
    assert (WORDS, 100) in measured and (WORDS, 150) in measured


def test_pixels_are_those_matplotlib_draws_alone():
    alone = [_raw(_figure(), dpi) for dpi in (100, 150)]
    with shared_text_sizes():
        shared = [_raw(_figure(), dpi) for dpi in (100, 150)]
        again = [_raw(_figure(), dpi) for dpi in (100, 150)]  # from the cache filled by the first figures
    assert shared == alone and again == alone


def test_a_font_setting_changed_between_blocks_is_measured_anew():
    def width(fonts):
        with plt.rc_context({"font.sans-serif": fonts}), shared_text_sizes():
            fig = plt.figure()
            text = fig.text(0, 0, "Wide words WWW")
            return text.get_window_extent(fig.canvas.get_renderer()).width

    narrow = width(["DejaVu Sans Mono", "DejaVu Sans"])
    wide = width(["DejaVu Sans"])
    assert wide != narrow and width(["DejaVu Sans Mono", "DejaVu Sans"]) == narrow


def test_matplotlibs_own_measure_comes_back_after_the_block_even_on_an_error():
    original = mtext._get_text_metrics_function
    with pytest.raises(RuntimeError, match="inside"):
        with shared_text_sizes():
            with shared_text_sizes():  # re-entrant: the inner block leaves the shared measure in place
                pass
            assert mtext._get_text_metrics_function is not original
            raise RuntimeError("inside")
    assert mtext._get_text_metrics_function is original


def test_mathtext_keeps_matplotlibs_cache(measured):
    fig = plt.figure()
    text = fig.text(0, 0, r"$x^2$ and words")
    with shared_text_sizes():
        text.get_window_extent(fig.canvas.get_renderer())
    assert measured == [(r"$x^2$ and words", fig.dpi)]  # measured by the renderer, as matplotlib does
    assert not _textsizes._sizes  # only plain text goes into the shared cache


def test_save_figure_draws_each_file_once(monkeypatch, tmp_path):
    """The PNG comes from the drawing's raw pixels: one drawing for the PNG, one for the SVG, none again."""
    from cchc_data.plotting import files

    calls, save = [], files._save_laid_out

    def counted(fig, path, bbox, **kwargs):
        calls.append(kwargs.get("format"))
        return save(fig, path, bbox, **kwargs)

    monkeypatch.setattr(files, "_save_laid_out", counted)
    ax = pl.compare_chart("digital_certificates", lang="vi")
    pl.save_figure(ax.figure, "x", figures_dir=tmp_path)
    assert calls == ["rgba", None]


@pytest.mark.parametrize("dpi", [72, 110, 150])
def test_line_heights_are_matplotlibs(dpi):
    """Multi-line texts of several sizes and weights take the same room inside the block as outside it."""

    def extents():
        fig = plt.figure(dpi=dpi)
        texts = [
            fig.text(0.1, 0.1 * i, f"{WORDS}\ndòng hai\nline three", size=size, weight=weight)
            for i, (size, weight) in enumerate([(7.5, "normal"), (9, "bold"), (12, "normal"), (14.5, "bold")])
        ]
        renderer = fig.canvas.get_renderer()
        return [tuple(t.get_window_extent(renderer).bounds) for t in texts]

    alone = extents()
    with shared_text_sizes():
        assert hasattr(RendererAgg, "_get_font_height_metrics")
        shared, again = extents(), extents()
    assert shared == alone and again == alone
    assert not hasattr(RendererAgg, "_get_font_height_metrics")  # matplotlib's own layout again


def test_line_heights_are_read_once_per_font_size_and_resolution(monkeypatch):
    from matplotlib.font_manager import fontManager

    looked_up, find = [], fontManager._find_fonts_by_props
    monkeypatch.setattr(
        fontManager, "_find_fonts_by_props", lambda prop, *a, **k: looked_up.append(1) or find(prop, *a, **k)
    )
    fig = plt.figure()
    text = fig.text(0, 0, "hai\ndòng", size=11.25)
    _textsizes._heights.clear()
    with shared_text_sizes():
        renderer = fig.canvas.get_renderer()
        text.get_window_extent(renderer)
        first = len(looked_up)
        for _ in range(3):
            text.set_x(text.get_position()[0] + 0.01)  # laid out again
            text.get_window_extent(renderer)
    assert first > 0 and len(looked_up) == first  # not looked up again, neither for heights nor for sizes
