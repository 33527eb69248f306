"""Text between two `$` is drawn as written (issue 25, item 5): labels, notes, titles, footers."""

import csv
import io

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import cchc_data as cd  # noqa: E402
from cchc_data import plotting  # noqa: E402

DOLLARS = "from $5 to $10"
UNBALANCED = "cost $5 per file"


def _set_labels(folder, indicator, label, note):
    path = folder / "catalog.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r["indicator"] == indicator:
            r["label_en"] = r["label_vi"] = label
            r["comparability_note_en"] = r["comparability_note_vi"] = note
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def _drawn_texts(fig):
    fig.savefig(io.BytesIO(), format="png")  # an unbalanced $ raised ParseException here
    return [t for t in fig.findobj(Text) if t.get_text()]


@pytest.mark.parametrize("label", [DOLLARS, UNBALANCED])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_dollars_in_labels_are_drawn_as_written(data_copy, label, lang):
    facts = cd.load_indicators(data_dir=data_copy)
    row = facts[facts["breakdown"] != ""].iloc[0]
    _set_labels(data_copy, row["indicator"], label, label)
    ax = plotting.breakdown_chart(
        row["province"], row["indicator"], period=row["period"], lang=lang, data_dir=data_copy
    )
    texts = _drawn_texts(ax.figure)
    assert any(label in t.get_text() for t in texts)
    assert all(not t.get_parse_math() for t in texts)
    plt.close("all")


def test_saved_figures_keep_dollars(data_copy, tmp_path):
    fig, ax = plt.subplots()
    ax.set_title(UNBALANCED)
    ax.set_xlabel(DOLLARS)
    paths = plotting.save_figure(fig, "dollars", figures_dir=tmp_path)
    svg = next(p for p in paths if p.suffix == ".svg")
    assert svg.stat().st_size > 0
    assert not ax.title.get_parse_math() and not ax.xaxis.label.get_parse_math()
