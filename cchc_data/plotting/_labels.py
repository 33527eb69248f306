"""Value labels that never overlap: each label takes the first place beside its point that is free.

A chart whose points sit close together (two years side by side, two close scores) cannot fix its labels'
places in advance: how close they come depends on the size the chart is drawn at (a wide screen, a phone).
:class:`LabelPlacer` is an invisible artist drawn just before the labels; at every drawing, once the layout
is done, it tries the places of :data:`PLACES` in order for each label and keeps the first that overlaps no
label placed before, no point, no other text of the axes and the legend, and stays inside the axes.
"""

from __future__ import annotations

from matplotlib.artist import Artist
from matplotlib.path import Path
from matplotlib.transforms import Bbox

__all__ = ["LabelPlacer", "PLACES", "HANGING", "label_boxes", "marks"]

#: Where a label may go, in order of preference: offset from its point (points), horizontal and vertical
#: alignment. Right of the point first (the chart reads left to right), then above, below, left.
PLACES = [
    ((7, 0), "left", "center"),
    ((0, 7), "center", "bottom"),
    ((0, -7), "center", "top"),
    ((-7, 0), "right", "center"),
    ((6, 6), "left", "bottom"),
    ((6, -6), "left", "top"),
    ((-6, 6), "right", "bottom"),
    ((-6, -6), "right", "top"),
    ((0, 18), "center", "bottom"),
    ((0, -18), "center", "top"),
]

#: Where a note hung from the top of a vertical line may go (a method change): right of the line, one, two
#: or three lines lower, then left of it.
HANGING = [((3, -3 - 11 * n), "left", "top") for n in range(4)] + [
    ((-3, -3 - 11 * n), "right", "top") for n in range(4)
]

#: Half the side of the box kept free around each point (points): the marker and its edge.
_POINT_HALF = 5.0
#: Gap kept around a label (pixels), so that touching boxes still read apart.
_GAP = 1.0


def _overlap(a: Bbox, b: Bbox) -> float:
    """Area two boxes share (0 when they do not meet), with :data:`_GAP` around the first."""
    w = min(a.x1 + _GAP, b.x1) - max(a.x0 - _GAP, b.x0)
    h = min(a.y1 + _GAP, b.y1) - max(a.y0 - _GAP, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def _outside(box: Bbox, frame: Bbox) -> float:
    """Area of ``box`` outside ``frame``."""
    inside = max(0.0, min(box.x1, frame.x1) - max(box.x0, frame.x0)) * max(
        0.0, min(box.y1, frame.y1) - max(box.y0, frame.y0)
    )
    return box.width * box.height - inside


def marks(ax, renderer, skip=()) -> tuple[list[Bbox], list[Path]]:
    """What a label must not cover in ``ax``, in pixels: boxes (markers, thick bars, texts, the legend) and the
    thin lines drawn (as paths), leaving out the texts in ``skip``."""
    scale = ax.figure.dpi / 72
    boxes, paths = [], []
    for line in ax.lines:
        if not line.get_visible():
            continue
        path = line.get_transform().transform_path(line.get_path())
        if line.get_marker() not in (None, "", "None", " "):
            half = (line.get_markersize() / 2 + line.get_markeredgewidth()) * scale
            boxes += [Bbox.from_extents(x - half, y - half, x + half, y + half) for x, y in path.vertices]
        if line.get_linestyle() not in ("None", "", " ") and len(path.vertices) > 1:
            paths.append(path)
    for collection in ax.collections:
        if not collection.get_visible():
            continue
        widths = collection.get_linewidths() if hasattr(collection, "get_linewidths") else [1.0]
        for i, path in enumerate(collection.get_paths()):
            shown = collection.get_transform().transform_path(path)
            half = widths[i % len(widths)] / 2 * scale if len(widths) else 0.0
            box = shown.get_extents()
            boxes.append(Bbox.from_extents(box.x0 - half, box.y0 - half, box.x1 + half, box.y1 + half))
    boxes += [
        t.get_window_extent(renderer) for t in ax.texts if t not in skip and t.get_visible() and t.get_text().strip()
    ]
    legend = ax.get_legend()
    if legend is not None and legend.get_visible():
        boxes.append(legend.get_window_extent(renderer))
    return boxes, paths


def _cost(box: Bbox, boxes, paths, frame: Bbox, placed) -> float:
    """How badly a label's ``box`` sits: area it covers of the labels ``placed`` before it (which it must not
    cover: the dearest), of ``boxes``, a fixed price per line crossed, area outside the axes' ``frame``."""
    padded = Bbox.from_extents(box.x0 - _GAP, box.y0 - _GAP, box.x1 + _GAP, box.y1 + _GAP)
    crossed = sum(1 for path in paths if path.intersects_bbox(padded, filled=False))
    covered = sum(_overlap(box, other) for other in boxes) * 4
    return sum(_overlap(box, other) for other in placed) * 1000 + covered + crossed * 200 + _outside(box, frame)


class LabelPlacer(Artist):
    """Places labels (annotations at their points, ``textcoords="offset points"``) where they cover nothing.

    ``groups`` are ``(labels, places)`` pairs placed in order, each label at the first of its ``places``
    (like :data:`PLACES`) that covers no label placed before it and no mark of the axes (points, lines,
    bars, other texts, the legend) and stays inside the axes; where none is free, at the one that covers
    least. Added to the axes by :meth:`attach`; drawn just before the labels (a lower ``zorder``), it draws
    nothing itself and takes no room in the layout; nor do the labels (they stay inside the axes), so that a
    chart drawn twice is laid out, and drawn, the same both times.
    """

    def __init__(self, groups):
        super().__init__()
        self.groups = [(list(labels), list(places)) for labels, places in groups]
        self.labels = [label for labels, _ in self.groups for label in labels]
        self.set_in_layout(False)
        for label in self.labels:  # placed inside the axes; the layout must not depend on the last drawing's places
            label.set_in_layout(False)
        if self.labels:
            self.set_zorder(min(label.get_zorder() for label in self.labels) - 0.01)

    @classmethod
    def attach(cls, ax, labels, places=PLACES, *, first=()) -> LabelPlacer:
        """A placer of ``labels`` (at ``places``) added to ``ax``; ``first``: ``(labels, places)`` pairs placed
        before them."""
        placer = cls([*first, (labels, places)])
        ax.add_artist(placer)
        return placer

    def get_window_extent(self, renderer=None):
        return Bbox([[0, 0], [0, 0]])  # no room: a layout or a tight bounding box leaves an empty box out

    def draw(self, renderer):
        self.place(renderer)

    def place(self, renderer) -> None:
        """Move each label to its place for the axes as laid out now (what :meth:`draw` does; a layout pass
        that does not draw the artists calls it, so that what it measures has the labels where they will be
        drawn)."""
        if not self.get_visible() or not self.labels:
            return
        ax = self.axes
        frame = ax.get_window_extent(renderer)
        boxes, paths = marks(ax, renderer, skip=self.labels)
        placed = []
        for labels, places in self.groups:
            for label in labels:
                best = None
                for place in places:
                    box = _set_place(label, place, renderer)
                    cost = _cost(box, boxes, paths, frame, placed)
                    if best is None or cost < best[0]:
                        best = (cost, place, box)
                    if cost == 0:
                        break
                _, place, box = best
                _set_place(label, place, renderer)
                placed.append(box)
        self.stale = False


def _set_place(label, place, renderer) -> Bbox:
    """Move ``label`` to ``place`` (one of :data:`PLACES`) and return its box there, in pixels."""
    offset, ha, va = place
    label.xyann = offset
    label.set_horizontalalignment(ha)
    label.set_verticalalignment(va)
    return label.get_window_extent(renderer)


def label_boxes(fig, gid: str) -> list[tuple[str, Bbox]]:
    """The drawn boxes (pixels) of the texts of ``fig`` whose gid is ``gid``: ``(text, box)`` per label.

    Draws the figure first, as saving it would.
    """
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [
        (t.get_text(), t.get_window_extent(renderer))
        for ax in fig.axes
        for t in ax.texts
        if t.get_gid() == gid and t.get_visible()
    ]
