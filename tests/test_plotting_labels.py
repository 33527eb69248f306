"""Tests of ``cchc_data.plotting._labels``: value labels are moved where they cover no other label and no mark."""

import itertools

import matplotlib.pyplot as plt

from cchc_data.plotting._labels import PLACES, LabelPlacer, label_boxes, marks


def _crowded(n=3):
    """Points one step apart and a few units apart in height, each with a long two-line label on its right."""
    fig, ax = plt.subplots(figsize=(3, 2))
    xs, ys = list(range(n)), [10 + i * 0.4 for i in range(n)]
    ax.plot(xs, ys, marker="o", lw=1)
    ax.set_xlim(-1, n + 2)  # room right of the last point
    ax.set_ylim(0, 20)
    labels = [
        ax.annotate(f"label number {i}\nsecond line", xy=(x, y), xytext=(7, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=8, gid="value-label")
        for i, (x, y) in enumerate(zip(xs, ys, strict=True))
    ]  # fmt: skip
    return fig, ax, labels


def _overlapping_pairs(fig):
    boxes = label_boxes(fig, "value-label")
    return [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]


def test_labels_left_where_they_were_overlap():
    fig, _ax, _labels = _crowded()
    assert _overlapping_pairs(fig), "the example must overlap without a placer, or it tests nothing"
    plt.close(fig)


def test_placed_labels_do_not_overlap_each_other_or_the_points():
    fig, ax, labels = _crowded()
    LabelPlacer.attach(ax, labels)
    assert not _overlapping_pairs(fig)
    renderer = fig.canvas.get_renderer()
    points, _ = marks(ax, renderer, skip=labels)
    for label in labels:
        box = label.get_window_extent(renderer)
        assert not any(box.overlaps(p) for p in points), label.get_text()
    assert labels[0].xyann != PLACES[0][0], "the first label's right is crossed by the line: it moves"
    plt.close(fig)


def test_a_label_with_room_on_its_right_stays_there():
    fig, ax, labels = _crowded(1)
    LabelPlacer.attach(ax, labels)
    fig.canvas.draw()
    assert labels[0].xyann == PLACES[0][0]
    plt.close(fig)


def test_a_chart_drawn_twice_places_its_labels_the_same_way():
    fig, ax, labels = _crowded(4)
    LabelPlacer.attach(ax, labels)
    first = [(b.x0, b.y0) for _, b in label_boxes(fig, "value-label")]
    fig.set_size_inches(6, 2)  # another size in between (a phone rendering, then the wide one again)
    fig.canvas.draw()
    fig.set_size_inches(3, 2)
    assert [(b.x0, b.y0) for _, b in label_boxes(fig, "value-label")] == first
    plt.close(fig)


def test_the_placer_takes_no_room_and_draws_nothing():
    fig, ax, labels = _crowded()
    placer = LabelPlacer.attach(ax, labels)
    assert not placer.get_in_layout() and not any(label.get_in_layout() for label in labels)
    assert placer.get_window_extent().width == 0
    assert placer.get_zorder() < min(label.get_zorder() for label in labels), "placed before the labels are drawn"
    plt.close(fig)
