"""Chart files: :func:`save_figure` writes a chart as PNG, SVG and the CSV of its values; :func:`show_figure`
also shows it in a notebook."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from .._docstrings import share_docs_in
from .._text import as_printed
from ..citation import chart_citation
from ._furniture import SOURCE_COLUMNS, _as_written, _slugify
from ._textsizes import shared_text_sizes

__all__ = ["save_figure", "save_phone_figure", "show_figure", "PNG_DPI"]

#: Resolution of the saved PNG (and of the explorer's images): the charts' headers are laid out for it.
PNG_DPI = 150
_PNG_DPI = PNG_DPI  # the older private name


def save_figure(fig, name, *, figures_dir="figures") -> list[Path]:
    """Write ``<figures_dir>/<slug>.png`` and ``.svg`` (byte-identical from run to run), and ``<slug>.csv``
    of exactly the values drawn when the chart carries them (``fig.cchc_values``).

    The name is ASCII-slugified (``"So sánh Khánh Hòa"`` → ``so-sanh-khanh-hoa``) and the folder created.
    The SVG gets a fixed hash salt (stable clip-path ids) and no date, and keeps its words as text (DejaVu
    Sans, else the reader's sans-serif: about a sixth of the size of glyphs drawn as paths, and searchable);
    the PNG no software/date stamp and a palette of at most 256 colours. The
    CSV (UTF-8 with a BOM, for spreadsheets) keeps every column of ``fig.cchc_values`` and adds the source's
    title, publisher and date beside ``source_id``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure or matplotlib.axes.Axes
        The chart to save (an axes stands for its figure).
    name : str
        The file name without extension, in any script; it is slugified.
    figures_dir : str or pathlib.Path, default "figures"
        The folder to write to, created if needed.

    Returns
    -------
    list of pathlib.Path
        The files written: PNG, SVG and, when the chart carries ``cchc_values``, CSV.

    See Also
    --------
    show_figure : Save, close and show a chart in a notebook.

    Examples
    --------
    >>> import tempfile
    >>> from cchc_data.plotting import compare_chart
    >>> ax = compare_chart("digital_certificates")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     [p.name for p in save_figure(ax.figure, "So sánh Khánh Hòa", figures_dir=d)][:2]
    ['so-sanh-khanh-hoa.png', 'so-sanh-khanh-hoa.svg']
    >>> plt.close(ax.figure)
    """
    if isinstance(fig, Axes):
        fig = fig.figure
    folder = Path(figures_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stem = _slugify(name)
    png, svg = folder / f"{stem}.png", folder / f"{stem}.svg"
    _as_written(fig)
    with (
        plt.rc_context({"svg.hashsalt": "cchc-analysis", "svg.fonttype": "none", "text.parse_math": False}),
        shared_text_sizes(),  # the PNG is drawn at the layout's resolution: its texts are measured once
    ):
        bbox = _laid_out(fig, _PNG_DPI)  # one layout for both files (the SVG is cropped as the PNG is)
        _save_png(fig, png, bbox, dpi=_PNG_DPI)
        _save_laid_out(fig, svg, bbox, metadata={"Date": None, "Creator": None})
    paths = [png, svg]
    import pandas as pd

    from .._csvfile import write_csv

    values = getattr(fig, "cchc_values", None)
    if isinstance(values, pd.DataFrame):
        csv = folder / f"{stem}.csv"
        write_csv(as_printed(_values_with_sources(values)), csv)  # the rule of every CSV; counts as 4, not 4.0
        paths.append(csv)
    return paths


def _palette_png(path) -> None:
    """Rewrite a chart's PNG with a palette of at most 256 colours (no dithering): a chart has few colours, and
    the file is about a third of the size, alike to the eye (Pillow comes with matplotlib)."""
    _palette_png_to(path, path)


def _palette_png_to(source, out) -> None:
    """The PNG ``source`` (a path or a file object) with a palette, written to ``out`` (see :func:`_palette_png`)."""
    from PIL import Image

    with Image.open(source) as image:  # read whole before ``out`` (maybe the same file) is written
        dpi, small = image.info.get("dpi"), _palette_image(image)
    small.save(out, format="PNG", **({"dpi": dpi} if dpi else {}))


def _palette_image(image):
    """``image`` (RGB or RGBA; its alpha is dropped) with a palette of at most 256 colours, no dithering."""
    from PIL import Image

    return image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)


def _save_png(fig, path: Path, bbox, *, dpi) -> None:
    """The chart's PNG with a palette (:func:`_palette_png`), drawn by :func:`_save_laid_out`: the image is
    taken from the drawing's pixels (``savefig`` as raw RGBA) and compressed once, as the palette image. The
    same bytes as writing the full-colour PNG and rewriting it, without encoding and decoding a PNG dropped after."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    _save_laid_out(fig, buffer, bbox, dpi=dpi, format="rgba")
    width, height = _pixels(bbox, dpi)
    if len(buffer.getbuffer()) != 4 * width * height:  # a matplotlib that sizes the image otherwise
        buffer = io.BytesIO()
        _save_laid_out(fig, buffer, bbox, dpi=dpi, format="png", metadata={"Software": None},
                       pil_kwargs={"compress_level": 0})  # fmt: skip
        buffer.seek(0)
        _palette_png_to(buffer, path)
        return
    image = Image.frombuffer("RGBA", (width, height), buffer.getvalue(), "raw", "RGBA", 0, 1)
    _palette_image(image).save(path, format="PNG", dpi=(dpi, dpi))  # the resolution savefig's PNG records


def _pixels(bbox, dpi) -> tuple[int, int]:
    """Width and height in pixels of a figure saved at ``dpi`` cropped to ``bbox`` (inches), as matplotlib's Agg
    canvas sizes it: the crop box's size times ``dpi``, rounded down."""
    return int(bbox.width * dpi), int(bbox.height * dpi)


def _values_with_sources(values):
    """``values`` with the source's issuer, title (vi, en), publisher and date right after ``source_id``.

    They come from the chart's own frame (:func:`cchc_data.plotting.chart_frame`), never from a data folder.
    """
    extra = [c for c in SOURCE_COLUMNS if c in values.columns]
    if "source_id" not in values.columns or not extra:
        return values
    order = [c for c in values.columns if c not in extra]
    at = order.index("source_id") + 1
    return values[order[:at] + extra + order[at:]]


#: Screens the phone rendering of a chart is for (CSS media query), and its width in inches.
PHONE_MEDIA = "(max-width: 640px)"
PHONE_WIDTH_IN = 4.6
_PHONE_DPI = 110
#: A phone rendering whose narrowest data axes would take less than this share of the width is not kept.
_PHONE_MIN_AXES = 0.35


def _relative(path: Path) -> str:
    """``path`` relative to the working directory (a ``file:`` URI on another drive)."""
    import os

    try:
        return Path(os.path.relpath(path.resolve(), Path.cwd())).as_posix()
    except ValueError:  # another drive (Windows)
        return path.resolve().as_uri()


def save_phone_figure(fig, path) -> Path | None:
    """Draw ``fig`` again for a phone: :data:`PHONE_WIDTH_IN` wide, so its text reads about twice as large on a
    390 px screen; write it as a PNG at ``path``.

    For the phone the chart's title, notes and footer are wrapped again to its width (the words unchanged), long
    row labels wrapped onto two lines, panels side by side put one under the other, and the legends gathered
    under the title; the figure grows by the lines its texts gain. Every such change is undone after, so the
    chart saved again is as before (byte for byte). A chart's own ``cchc_phone_layout`` (the profile chart
    wraps its row labels) is applied first and not undone: call this last, before closing the figure.

    A chart that cannot fit gets no phone rendering: ``None``, and the page shows the wide one, which a phone
    can pan. Known before any layout: a label or note with a word wider than the room it has (its plot would
    get under :data:`_PHONE_MIN_AXES` of the width, or the note would stick out); after the layout: a plot
    still that narrow, a text sticking out, or a layout that failed. A note found sticking out after the
    layout (the room left of the plot is estimated before it) is wrapped to the room measured and laid out once
    more.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A chart drawn by this package.
    path : str or pathlib.Path
        Where to write the PNG.

    Returns
    -------
    pathlib.Path or None
        ``path``, or ``None`` when no phone rendering was kept.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from cchc_data.plotting import breakdown_chart
    >>> ax = breakdown_chart("khanh-hoa", "dossiers_on_time_share", lang="en")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     save_phone_figure(ax.figure, pathlib.Path(d) / "b-phone.png").name
    'b-phone.png'
    >>> plt.close(ax.figure)
    """
    path = Path(path)
    relayout = getattr(fig, "cchc_phone_layout", None)
    if callable(relayout):  # a chart that lays itself out narrower (the profile chart wraps its row labels)
        relayout(fig)
    undo = []  # what this function changes, undone at the end: the desktop files saved after it are unchanged
    try:
        with shared_text_sizes():  # laid out and drawn at one resolution: each text measured once
            return _phone_rendering(fig, path, undo)
    finally:
        for step in reversed(undo):
            step()


def _phone_rendering(fig, path, undo):
    """:func:`save_phone_figure` once the chart's own phone layout is done; ``undo`` collects the changes."""
    _wrap_row_labels(fig, undo)
    if _labels_too_wide(fig):  # known before drawing: no need to draw it to find out
        path.unlink(missing_ok=True)
        return None
    from matplotlib.ticker import MaxNLocator

    width, height = fig.get_size_inches()
    undo.append(lambda: fig.set_size_inches(width, height))
    for ax in fig.axes:  # where the layout put each axes: a layout after this one starts from there again
        placed = ax.get_position(original=True).frozen(), ax.get_position().frozen()
        undo.append(
            lambda ax=ax, p=placed: (ax._set_position(p[0], which="original"), ax._set_position(p[1], which="active"))
        )
    extra = _one_column(fig, undo)  # panels side by side on a wide screen; one under the other on a phone
    taller = _rewrap_texts(fig, undo)  # inches the texts grow by, wrapped narrower
    entries = {}
    for ax in fig.axes:
        if len(ax.get_xticks()) > 5 and ax.get_xscale() == "linear":
            locator = ax.xaxis.get_major_locator()
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))  # fewer ticks, same scale
            undo.append(lambda ax=ax, locator=locator: ax.xaxis.set_major_locator(locator))
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():  # beside the plot on a wide screen; on a phone one legend
            for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True):  # at the top
                entries.setdefault(text.get_text(), handle)  # the panels' legends merged, each entry once
            legend.set_visible(False)  # hidden, not removed: shown again as it was after
            undo.append(lambda legend=legend: legend.set_visible(True))
    if entries:
        title = _title_for_legend(fig, undo)  # two figure-wide texts at the top would overlap
        moved = fig.legend(list(entries.values()), list(entries), loc="outside upper left", frameon=False,
                           fontsize=7.5, handlelength=1.6, title=title, alignment="left",
                           title_fontproperties={"weight": "bold", "size": 12})  # fmt: skip
        taller += sum(1 + label.count("\n") for label in entries) * 7.5 * 1.45 / 72  # the legend's own room
        undo.append(moved.remove)
    fig.set_size_inches(PHONE_WIDTH_IN, height * 1.15 + extra + taller)
    renderer = fig.canvas.get_renderer()
    if any(_wider_than(t, fig, renderer) for ax in fig.axes for t in ax.texts if _starts_in_axes(t)):
        path.unlink(missing_ok=True)  # an earlier run's rendering, as when one is refused after the layout
        return None  # a note wider than the phone sticks out wherever the layout puts it: no need to lay it out
    import warnings

    # Laid out first, without rendering (what savefig does before it draws): a rendering that would not be kept
    # is never drawn, and the one kept is drawn once, from this layout.
    with warnings.catch_warnings(record=True) as caught:  # a layout that does not fit warns; no phone rendering then
        warnings.simplefilter("always")
        bbox = _laid_out(fig, _PHONE_DPI)
    renderer = fig.canvas.get_renderer()
    out = [(t, t.get_window_extent(renderer)) for ax in fig.axes for t in ax.texts if t.get_text()]
    out = [(t, box) for t, box in out if box.x1 > fig.bbox.x1 + 2]
    if out and all(_starts_in_axes(t) for t, _ in out):  # the estimate of the room left of the plot was short:
        for text, box in out:  # wrapped again to the room the layout left it, and laid out once more
            longest = max(len(line) for line in text.get_text().split("\n"))
            chars = max(16, int(longest * (fig.bbox.x1 - 4 - box.x0) / box.width))  # as many as fitted, measured
            lines = text.get_text().count("\n")
            _rewrap(text, chars, undo)
            _raise_title(text, text.get_text().count("\n") - lines, undo)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            bbox = _laid_out(fig, _PHONE_DPI)
        renderer = fig.canvas.get_renderer()
        out = [
            t
            for ax in fig.axes
            for t in ax.texts
            if t.get_text() and t.get_window_extent(renderer).x1 > fig.bbox.x1 + 2
        ]
    data_axes = [ax for ax in fig.axes if ax.get_visible() and ax.has_data()]
    too_narrow = data_axes and max(ax.get_position().width for ax in data_axes) < _PHONE_MIN_AXES
    sticks_out = bool(out)
    if too_narrow or sticks_out or any("layout not applied" in str(w.message) for w in caught):
        path.unlink(missing_ok=True)
        return None
    _save_png(fig, path, bbox, dpi=_PHONE_DPI)
    return path


#: Average width of a character of the charts' font (DejaVu Sans), in ems, as tick labels are estimated and as
#: texts are wrapped (Vietnamese lines run a little wider); bold titles are wider.
_EM_PER_CHAR, _EM_PER_WRAPPED_CHAR, _EM_PER_BOLD_CHAR = 0.55, 0.57, 0.62


def _chars(points: float, text) -> int:
    """How many characters of ``text``'s font fit in ``points`` (at least 16: a word per line at worst)."""
    bold = str(text.get_fontweight()) in ("bold", "heavy", "700", "800", "900")
    return max(16, int(points / (text.get_fontsize() * (_EM_PER_BOLD_CHAR if bold else _EM_PER_WRAPPED_CHAR))))


def _rewrap(text, chars: int, undo) -> float:
    """Wrap ``text`` at ``chars`` characters: its unwrapped paragraphs when the chart kept them
    (``cchc_paragraphs``), else each of its lines longer than that. Its words are unchanged. Return how many
    inches taller it grows."""
    import textwrap

    before = text.get_text()
    paragraphs = getattr(text, "cchc_paragraphs", None) or before.split("\n")
    after = "\n".join("\n".join(textwrap.wrap(p, chars, break_long_words=False)) or p for p in paragraphs)
    if after != before:
        text.set_text(after)
        undo.append(lambda: text.set_text(before))
    return max(0, after.count("\n") - before.count("\n")) * text.get_fontsize() * 1.45 / 72


def _rewrap_texts(fig, undo) -> float:
    """Wrap the chart's titles, notes and footer to the phone's width; a note under a title moves the title up
    by the lines it gains. Return how many inches taller the texts grow."""
    full = PHONE_WIDTH_IN * 72 - 12  # points, less the margins
    left, taller = _left_margin(fig), 0.0
    for text in {id(t): t for t in [fig._suptitle, fig._supxlabel, *fig.texts] if t is not None}.values():
        if text.get_text():
            taller += _rewrap(text, _chars(full, text), undo)
    for ax in fig.axes:
        for title in (ax.title, ax._left_title, ax._right_title, ax.xaxis.label):
            if title.get_text():
                taller += _rewrap(title, _chars(full - left, title), undo)
        for note in ax.texts:
            if not _starts_in_axes(note):
                continue
            lines = note.get_text().count("\n")
            taller += _rewrap(note, _chars(full - left, note), undo)
            _raise_title(note, note.get_text().count("\n") - lines, undo)
    return taller


def _raise_title(note, more: int, undo) -> None:
    """Move the title standing on ``note`` (a chart's notes under its title) up by the ``more`` lines it gained."""
    pad = getattr(note, "cchc_title_pad", None)
    if more and pad is not None:
        ax = note.axes
        ax.cchc_phone_pad = getattr(ax, "cchc_phone_pad", pad) + more * note.get_fontsize() * 1.45
        ax._set_title_offset_trans(ax.cchc_phone_pad)
        undo.append(lambda: (ax._set_title_offset_trans(pad), vars(ax).pop("cchc_phone_pad", None)))


def _left_margin(fig) -> float:
    """An estimate, in points, of the room the widest row labels and axis label take left of a plot."""
    widest = 0.0
    for ax in fig.axes:
        labels = ax.get_yticklabels()  # their texts are set only when drawn: formatted here
        texts = ax.yaxis.get_major_formatter().format_ticks(ax.get_yticks()) if ax.yaxis.get_visible() else []
        longest = max((len(line) for t in texts for line in str(t).split("\n")), default=0)
        size = labels[0].get_fontsize() if labels else 0
        widest = max(widest, longest * size * _EM_PER_CHAR + (14 if ax.get_ylabel() else 0) + 8)
    return widest


#: Share of the phone's width a row label wraps at (the plot, a colour bar and margins take the rest).
_PHONE_ROW_LABELS = 0.42


def _wrap_row_labels(fig, undo) -> None:
    """Wrap row labels (text at fixed ticks, e.g. indicator names) that alone would leave the plot under
    :data:`_PHONE_MIN_AXES` of the phone's width onto two or more lines, :data:`_PHONE_ROW_LABELS` of it wide."""
    import textwrap

    from matplotlib.ticker import FixedLocator

    room = PHONE_WIDTH_IN * _PHONE_ROW_LABELS * 72  # points
    for ax in fig.axes:
        axis = ax.yaxis
        if not isinstance(axis.get_major_locator(), FixedLocator):
            continue
        ticks, texts = ax.get_yticks(), ax.get_yticklabels()
        labels = [t.get_text() for t in texts]
        size = texts[0].get_fontsize() if texts else 10
        chars = max(16, int(room / (size * _EM_PER_CHAR)))
        wrapped = [
            "\n".join(textwrap.wrap(" ".join(s.split()), chars, break_long_words=False)) if len(s) > chars else s
            for s in labels
        ]
        if wrapped != labels:
            locator, formatter = axis.get_major_locator(), axis.get_major_formatter()
            ax.set_yticks(ticks, wrapped, fontsize=size)
            undo.append(
                lambda axis=axis, lo=locator, fo=formatter: (axis.set_major_locator(lo), axis.set_major_formatter(fo))
            )


#: Height of a panel, in inches, of a grid of panels set one under the other on a phone.
_PHONE_PANEL_IN = 3.2


def _title_for_legend(fig, undo) -> str | None:
    """The figure's title, emptied meanwhile: a legend moved to the top of the chart on a phone is titled with
    it (None when the figure has no title, or has lent it already)."""
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is None or not suptitle.get_text():
        return None
    title = suptitle.get_text()
    suptitle.set_text("")
    undo.append(lambda: suptitle.set_text(title))
    return title


def _one_column(fig, undo) -> float:
    """Put the panels of a grid of more than one column one under the other; return how many inches the
    figure grows by (0 when it is left as it is)."""
    panels = [ax for ax in fig.axes if ax.get_subplotspec() is not None and ax.get_visible()]
    grids = {id(ax.get_subplotspec().get_gridspec()) for ax in panels}
    if len(grids) != 1 or panels[0].get_subplotspec().get_gridspec().ncols < 2 or len(panels) < 2:
        return 0.0
    old_rows = panels[0].get_subplotspec().get_gridspec().nrows
    column = fig.add_gridspec(len(panels), 1)
    for i, ax in enumerate(panels):
        spec = ax.get_subplotspec()
        ax.set_subplotspec(column[i])
        undo.append(lambda ax=ax, spec=spec: ax.set_subplotspec(spec))
    return (len(panels) - old_rows) * _PHONE_PANEL_IN


def _laid_out(fig, dpi):
    """Lay ``fig`` out at ``dpi`` as ``savefig(..., bbox_inches="tight")`` does before drawing and return the
    padded tight box, in inches, that savefig would crop to.

    savefig runs the layout engine within a whole draw with rendering disabled, then measures the tight box.
    Here only what that draw does before drawing runs (:func:`_lay_out`): the artists' own draws would only
    compute positions that measuring the tight box, and the drawing of each file, compute again. Same layout,
    same box (``test_save_figure_png_is_what_savefig_tight_draws``), a fifth less work."""
    import matplotlib as mpl

    before, fig.dpi = fig.dpi, dpi
    try:
        renderer = fig.canvas.get_renderer()
        _lay_out(fig, renderer)
        box = fig.get_tightbbox(renderer)
    finally:
        fig.dpi = before
    pad = mpl.rcParams["savefig.pad_inches"]
    return box.padded(pad, pad)


def _lay_out(fig, renderer) -> None:
    """What ``Figure.draw`` does before it draws the artists: fix the boxes of axes with an aspect, then run the
    layout engine (a ValueError from it ignored, as there); then the artists that place other artists when
    drawn (a ``place(renderer)`` method: :class:`cchc_data.plotting._labels.LabelPlacer`) place them, so that
    what is measured next (a label sticking out of a phone rendering) is where it will be drawn. A whole draw
    without rendering with a matplotlib that lacks ``_get_draw_artists``."""
    artists = getattr(fig, "_get_draw_artists", None)
    if artists is None:
        fig.draw_without_rendering()
        return
    artists(renderer)
    engine = fig.get_layout_engine()
    if fig.axes and engine is not None:
        try:
            engine.execute(fig)
        except ValueError:
            pass
    for ax in fig.axes:
        for artist in ax.artists:
            place = getattr(artist, "place", None)
            if callable(place) and artist.get_visible():
                place(renderer)


def _save_laid_out(fig, path, bbox, **options) -> None:
    """``fig.savefig(path, bbox_inches=bbox, facecolor="white", **options)`` of a figure laid out by
    :func:`_laid_out`: its layout engine is set aside meanwhile, so savefig draws it once, as laid out."""
    engine = fig.get_layout_engine()
    no_default = {"figure.autolayout": False, "figure.constrained_layout.use": False}  # None means none
    with plt.rc_context(no_default):
        fig.set_layout_engine(None)
    try:
        fig.savefig(path, facecolor="white", bbox_inches=bbox, **options)
    finally:
        with plt.rc_context(no_default):
            fig.set_layout_engine(engine)


def _starts_in_axes(text) -> bool:
    """Whether ``text`` is unrotated, left-aligned and starts at or right of its axes' left edge (the notes
    under a title): its left end is inside the figure wherever a layout puts the axes."""
    from matplotlib.text import Annotation

    if text.get_rotation() != 0 or text.get_horizontalalignment() != "left" or not text.get_text():
        return False
    if isinstance(text, Annotation):
        offset = text.anncoords == "offset points" and text.xyann[0] >= 0
        return text.xycoords == "axes fraction" and text.xy[0] >= 0 and offset
    return text.get_transform() == text.axes.transAxes and text.get_position()[0] >= 0


def _wider_than(text, fig, renderer) -> bool:
    """Whether ``text`` alone is wider than the figure (what ``sticks_out`` in :func:`save_phone_figure` finds)."""
    return text.get_window_extent(renderer).width > fig.bbox.width + 2


def _labels_too_wide(fig) -> bool:
    """Whether some axes' tick labels alone (about 0.55 em a character, the longest line of a wrapped label)
    leave its plot under the minimum share."""
    room = PHONE_WIDTH_IN * (1 - _PHONE_MIN_AXES) * 72  # points
    for ax in fig.axes:
        for label in ax.get_yticklabels():
            longest = max(len(line) for line in label.get_text().split("\n"))
            if longest * label.get_fontsize() * 0.55 > room:
                return True
    return False


class _Chart:
    """A saved chart as a notebook shows it: the PNG (a phone rendering for narrow screens when one was made),
    a caption that says what it shows, and links to its SVG, PNG and CSV."""

    def __init__(self, png: bytes, width: int, paths: list[Path], lang: str, *, alt: str = "", phone=None):
        self.data, self.width, self.paths, self.lang = png, width, paths, lang
        self.alt, self.phone = alt or paths[0].stem, phone
        self.citation = ""  # "Cite this chart", set by show_figure

    def _repr_png_(self):
        return self.data, {"width": self.width}

    def _repr_html_(self) -> str:
        import base64
        import html

        from .. import i18n

        links = []
        for path in self.paths:
            suffix = path.suffix.lstrip(".")
            word = i18n.t("chart_csv", self.lang) if suffix == "csv" else suffix.upper()
            links.append(
                f'<a href="{html.escape(_relative(path))}" data-cchc-path="{html.escape(str(path.resolve()))}" '
                f'download="{html.escape(path.name)}">{html.escape(word)}</a>'
            )
        img = base64.b64encode(self.data).decode("ascii")
        alt = html.escape(self.alt)
        source = ""
        if self.phone is not None:  # the page rewrites srcset relative to itself, as it does the links
            source = (
                f'<source media="{PHONE_MEDIA}" srcset="{html.escape(_relative(self.phone))}" '
                f'data-cchc-path="{html.escape(str(self.phone.resolve()))}">'
            )
        wide = "" if self.phone is not None else " cchc-wide"
        return (
            f'<figure class="cchc-chart{wide}"><picture>{source}<img src="data:image/png;base64,{img}" '
            f'width="{self.width}" alt="{alt}"></picture><figcaption><p class="cchc-chart-caption">{alt}</p>'
            f'<p class="cchc-chart-links">{html.escape(i18n.t("chart_files", self.lang))}: {" ".join(links)}</p>'
            "</figcaption>"
            + (f'<p class="cchc-chart-cite">{html.escape(self.citation)}</p>' if self.citation else "")
            + "</figure>"
        )

    def __repr__(self) -> str:
        return f"<chart {self.paths[0].stem}: " + ", ".join(p.name for p in self.paths) + ">"


def show_figure(fig, name, *, figures_dir="figures", dpi: int = 100, lang: str = "vi", phone: bool = True):
    """Save a chart with :func:`save_figure`, close it, and show the saved PNG with download links.

    One call per chart in the notebooks: the chart is drawn once for the PNG, once for the SVG, and the
    notebook shows that PNG instead of drawing it a third time (``plt.show()`` would). Below it, links to the
    SVG, PNG and (when the chart carries ``cchc_values``) the CSV of the values drawn, labelled in ``lang``;
    the links are relative to the working directory, and the report pages rewrite them relative to the page.
    The image's ``alt`` text and its visible caption are one sentence made from the values drawn
    (:func:`cchc_data.plotting.describe.describe_chart`); on screens up to 640 px wide the page shows the
    phone rendering (``<name>-phone.png``, :func:`save_phone_figure`) instead.
    Under them, "Cite this chart": the chart's title, its number on the page and file name, the data version
    (:func:`cchc_data.citation.chart_citation`).

    Parameters
    ----------
    fig : matplotlib.figure.Figure or matplotlib.axes.Axes
        The chart to save and show (an axes stands for its figure).
    name : str
        The file name without extension, as :func:`save_figure` takes it.
    figures_dir : str or pathlib.Path, default "figures"
        The folder to write to, created if needed.
    dpi : int, default 100
        The size the PNG is shown at, as if drawn at this resolution: the file is always written at 150 dpi
        (:func:`save_figure`) and shown ``dpi / 150`` of its pixel width (the default, 100, shows it at
        two thirds, as sharp on a high-density screen). It changes neither the files nor their resolution.
    {lang}
    phone : bool, default True
        Also write the phone rendering (about one more drawing of the chart).

    Returns
    -------
    object
        Shown as the cell's result (HTML with the PNG and links; PNG alone elsewhere); its ``paths``
        attribute lists the files written and ``width`` the shown width in pixels.

    Examples
    --------
    >>> import tempfile
    >>> from cchc_data.plotting import compare_chart
    >>> with tempfile.TemporaryDirectory() as d:
    ...     image = show_figure(compare_chart("digital_certificates", lang="en"), "cert", figures_dir=d, lang="en")
    ...     [p.name for p in image.paths][:2], image.width > 0, "Download chart" in image._repr_html_()
    (['cert.png', 'cert.svg'], True, True)
    >>> "Cite this chart: “Specialised digital certificates for state agencies”" in image._repr_html_()
    True
    """
    from .. import i18n

    lang = i18n.check_lang(lang)
    if isinstance(fig, Axes):
        fig = fig.figure
    from .describe import describe_chart

    title = _chart_title(fig)
    paths = save_figure(fig, name, figures_dir=figures_dir)
    alt = describe_chart(fig, lang)
    phone = save_phone_figure(fig, paths[0].with_name(f"{paths[0].stem}-phone.png")) if phone else None
    plt.close(fig)
    data = paths[0].read_bytes()
    width = int.from_bytes(data[16:20], "big")  # PNG header: IHDR width in pixels, at _PNG_DPI
    _CHARTS_SHOWN[0] += 1
    chart = _Chart(data, round(width * dpi / _PNG_DPI), paths, lang, alt=alt, phone=phone)
    chart.citation = chart_citation(title, paths[0].stem, _CHARTS_SHOWN[0], lang)
    return chart


#: How many charts this page (one notebook's kernel) has shown: the number in "Cite this chart".
_CHARTS_SHOWN = [0]


def _chart_title(fig) -> str:
    """The chart's title as cited (on one line): the figure's suptitle, else the first axes title.

    A citation cites the title, never a note: a suptitle is drawn unwrapped, so its lines after the first are
    notes (e.g. which indices have no published value) and are left out; an axes title is wrapped at 80
    characters (its notes are separate texts), so its lines are joined back into one.
    """
    suptitle = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) is not None else ""
    if suptitle.strip():
        return " ".join(suptitle.strip().split("\n")[0].split())
    titles = [ax.get_title(loc=loc) for ax in fig.axes for loc in ("left", "center", "right")]
    return " ".join(next((t for t in titles if t), "").split())


share_docs_in(globals())
