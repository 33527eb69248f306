import os
import shutil
from pathlib import Path

import pytest

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
