import os
import shutil
from pathlib import Path

import pytest
from datafolder import row, write_values

os.environ.setdefault("MPLBACKEND", "Agg")  # charts render off-screen, before anything imports pyplot

import cchc_data as cd  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(config, items):
    """Run each doctest once under mutmut (``make mutation``).

    mutmut copies every mutated function, docstring included, once per mutant (``x_f__mutmut_1``,
    ``x_f__mutmut_orig`` …), and ``--doctest-modules`` would collect the same example from every copy:
    thousands of items that each rerun the public function, which keeps its own docstring and doctest.
    """
    items[:] = [item for item in items if "__mutmut_" not in item.nodeid]


@pytest.fixture(autouse=True)
def _isolated(monkeypatch):
    """Each test sees the bundled data unless it points CCHC_DATA_DIR elsewhere."""
    monkeypatch.delenv(cd.datadir.DATA_DIR_ENV, raising=False)
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:  # close every figure a test opened
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of the bundled data folder."""
    dest = tmp_path / "data"
    shutil.copytree(cd.data_dir(), dest, ignore=shutil.ignore_patterns("staging", "README.md"))
    return dest


def pytest_report_header(config):
    sources = os.environ.get("CCHC_SOURCES_DIR")
    return f"cchc data: {cd.data_dir()}; source texts: {sources or 'not set (evidence test skipped)'}"


# Fixture notebooks are inputs of the runner tests, not notebooks for nbval to run.
collect_ignore_glob = ["fixtures/*"]


@pytest.fixture
def small(data_copy):
    """A data copy whose values are a hand-built PAPI history of Khánh Hòa (two sources for 2021)."""
    write_values(
        data_copy,
        [
            row(1, "papi", "khanh-hoa", 2019, "score", "province", 42.16, "points", "đạt 42,16 điểm, xếp thứ 49/63"),
            row(2, "papi", "khanh-hoa", 2019, "rank", "province", 49, "rank", "đạt 42,16 điểm, xếp thứ 49/63"),
            row(3, "papi", "", 2019, "rank", "provinces_ranked", 63, "count", "đạt 42,16 điểm, xếp thứ 49/63"),
            row(4, "papi", "", 2019, "score", "national_average", 43.61, "points", "năm 2019 được 43,61 điểm"),
            row(5, "papi", "khanh-hoa", 2021, "score", "province", 40.5, "points", "đạt 40,5 điểm"),
            row(
                1,
                "papi",
                "khanh-hoa",
                2021,
                "score",
                "province",
                40.5,
                "points",
                "reached 40.5 points",
                source="baohagiang-en-2025-papi",
            ),  # fmt: skip
            row(6, "papi", "dak-lak", 2021, "rank", "province", 30, "rank", "xếp thứ 30/63"),
        ],
    )
    return data_copy
