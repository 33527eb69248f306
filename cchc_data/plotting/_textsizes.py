"""Text sizes measured once per resolution while charts are saved (:func:`shared_text_sizes`).

Matplotlib measures a text (its width, height and descent, through FreeType) once per *renderer*: its cache is
keyed by the renderer object. Saving a chart makes several Agg renderers at one resolution: the layout pass
(:func:`cchc_data.plotting.files._laid_out`) measures every text, then the PNG, drawn on a new renderer of the
cropped size, measures them all again, and so does every chart of a page for its tick labels and footers.
A measure depends on the text, its font properties, the resolution and the font settings, never on the size of
the image drawn on: inside :func:`shared_text_sizes` the Agg renderers of one resolution share one cache, keyed
by all of these. Likewise the height of a line of each font and size (matplotlib looks the font up and reads
two of its tables each time it lays a text out, several times per text and drawing) is read once per
resolution. The sizes, hence the layout and every pixel, are the ones matplotlib computes itself
(``tests/test_plotting_textsizes.py``); mathtext and TeX keep matplotlib's own cache.
"""

from __future__ import annotations

import contextlib
import threading

import matplotlib as mpl
import matplotlib.text as mtext
from matplotlib.backends.backend_agg import RendererAgg

__all__ = ["shared_text_sizes"]

#: Matplotlib's function that gives a renderer's cached measure (None if a later matplotlib renames it).
_MATPLOTLIB_METRICS = getattr(mtext, "_get_text_metrics_function", None)

#: The settings a measure depends on besides the text, its font properties and the resolution: the fonts the
#: generic families stand for, as matplotlib's own font lookup keys them, and the hinting and kerning of glyphs.
_SETTINGS = (
    "font.family", "font.style", "font.variant", "font.weight", "font.stretch", "font.size", "font.serif",
    "font.sans-serif", "font.cursive", "font.fantasy", "font.monospace", "font.enable_last_resort",
    "text.hinting", "text.hinting_factor", "text.kerning_factor",
)  # fmt: skip

#: Measures kept; the cache is emptied when it grows past this (a page holds a few thousand texts).
_LIMIT = 50_000

_sizes: dict = {}
_settings: list = [None]  # the values of _SETTINGS while the shared cache is in use
_depth = [0]
_lock = threading.Lock()


def _settings_now() -> tuple:
    return tuple(tuple(v) if isinstance(v, list) else v for v in (mpl.rcParams[k] for k in _SETTINGS))


def _metrics_function(renderer):
    """What matplotlib's ``_get_text_metrics_function`` gives: for a plain Agg renderer, the shared measure."""
    if type(renderer) is not RendererAgg:  # SVG, PDF, a backend's own renderer: matplotlib's cache per renderer
        return _MATPLOTLIB_METRICS(renderer)
    return lambda text, fontprop, ismath, dpi: _measure(renderer, text, fontprop, ismath, dpi)


def _measure(renderer, text, fontprop, ismath, dpi):
    if ismath is not False:  # mathtext and TeX: parsed by the renderer's own parser, cached by matplotlib
        return _MATPLOTLIB_METRICS(renderer)(text, fontprop, ismath, dpi)
    key = (_settings[0], renderer.dpi, dpi, text, fontprop)  # fontprop: a copy made for the cache by matplotlib
    size = _sizes.get(key)
    if size is None:
        if len(_sizes) >= _LIMIT:
            _sizes.clear()
        size = _sizes[key] = renderer.get_text_width_height_descent(text, fontprop, ismath)
    return size


#: Whether an Agg renderer can give its fonts' line heights to matplotlib's text layout (``Text._get_layout`` asks
#: a renderer that has ``_get_font_height_metrics``; RendererAgg has none of its own, and gets ours in the block).
_HEIGHTS_HOOK = _MATPLOTLIB_METRICS is not None and not hasattr(RendererAgg, "_get_font_height_metrics")
_heights: dict = {}

#: The font tables matplotlib reads a line's ascent, descent and gap from, in its order (``Text._get_layout``).
_LINE_TABLES = (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"), ("hhea", "lineGap", "ascent", "descent"))


def _font_height_metrics(renderer, prop):
    """``(ascent, descent, line gap)`` in pixels of a line of ``prop``'s font at the renderer's resolution, as
    ``Text._get_layout`` computes them (at the figure's resolution, which is the Agg renderer's); ``(None, None,
    None)`` lets matplotlib compute them itself (another renderer, or a font without those tables)."""
    if type(renderer) is not RendererAgg:
        return None, None, None
    key = (_settings[0], renderer.dpi, prop.copy())  # a copy: a text's font properties can change later
    heights = _heights.get(key)
    if heights is None:
        from matplotlib.font_manager import fontManager, get_font

        heights = None, None, None
        font = get_font(fontManager._find_fonts_by_props(prop))
        for table_name, gap_key, ascent_key, descent_key in _LINE_TABLES:
            table = font.get_sfnt_table(table_name)
            if table is None:
                continue
            fontsize = prop.get_size_in_points()
            units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
            scale = 1 / units_per_em * fontsize * renderer.dpi / 72  # matplotlib's very operations: same floats
            heights = table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale
            break
        if len(_heights) >= _LIMIT:
            _heights.clear()
        _heights[key] = heights
    return heights


@contextlib.contextmanager
def shared_text_sizes():
    """Within this block, Agg renderers of one resolution share their text measures (see the module's text).

    Re-entrant; the font settings are read on entering the outermost block and must not change inside it
    (saving a chart does not change them). Outside it, and with a matplotlib that measures text otherwise,
    matplotlib measures as usual.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax.set_title("Tỷ lệ hồ sơ đúng hạn")  # doctest: +ELLIPSIS
    Text(...)
    >>> with shared_text_sizes():
    ...     fig.draw_without_rendering()
    >>> plt.close(fig)
    """
    if _MATPLOTLIB_METRICS is None:
        yield
        return
    with _lock:
        if _depth[0] == 0:
            _settings[0] = _settings_now()
            mtext._get_text_metrics_function = _metrics_function
            if _HEIGHTS_HOOK:
                RendererAgg._get_font_height_metrics = _font_height_metrics
        _depth[0] += 1
    try:
        yield
    finally:
        with _lock:
            _depth[0] -= 1
            if _depth[0] == 0:
                mtext._get_text_metrics_function = _MATPLOTLIB_METRICS
                if _HEIGHTS_HOOK:
                    del RendererAgg._get_font_height_metrics
