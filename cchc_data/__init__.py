"""cchc_data: curated indicators of Vietnam's provincial public administration reform (PAR; CCHC in Vietnamese).

>>> import cchc_data as cd
>>> df = cd.load_indicators(province="Hà Giang")
>>> df["province_name"].unique().tolist()
['Hà Giang']
"""

from importlib import import_module

from . import _moved  # noqa: F401  (old import paths of moved modules, e.g. cchc_data.plotting_national)
from ._version import __version__ as __version__
from .datadir import ContractError, DataError, DataWarning, data_dir, data_version
from .indicators import COLUMNS, flags, load_indicators, sources
from .national import index_comparison, index_trajectory, latest_standing, national_indices
from .numbers import numbers_in as numbers_in
from .numbers import parse_vn_number as parse_vn_number
from .numbers import parse_vn_number_words as parse_vn_number_words
from .numbers import parse_vn_quantity as parse_vn_quantity
from .periods import parse_period as parse_period
from .province_registry import provinces, resolve_province, successor
from .vocabularies import breakdowns, catalog, concepts, domains, search, units

# Imported on first use, so that `import cchc_data` costs little more than `import pandas`:
# export pulls in openpyxl (~0.3 s); validation is only needed to check a data folder; explore pulls in
# ipywidgets and matplotlib.
_LAZY = {
    "explore": "explorer",
    "export_excel": "export",
    "ValidationReport": "validation",
    "validate": "validation",
    "verify_evidence": "validation",
    "check_national": "validation",
    "show_table": "tables",
    "format_number": "i18n",
    "format_percent": "i18n",
}


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value  # later lookups don't come back here
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


#: The user API: load, look up, compare, chart, explore and export the data.
__all__ = [
    # the facts and their vocabularies
    "load_indicators", "COLUMNS", "sources", "flags",
    "catalog", "search", "concepts", "domains", "breakdowns", "units",
    "provinces", "resolve_province", "successor",
    # the national indices (PAR INDEX, SIPAS, PAPI, PCI)
    "national_indices", "index_trajectory", "index_comparison", "latest_standing",
    # looking around and sharing
    "explore", "show_table", "export_excel", "format_number", "format_percent",
    # which data
    "data_dir", "data_version", "DataError", "ContractError", "DataWarning",
]  # fmt: skip

#: Tools for curators (checking a data folder, reading numbers as Vietnamese documents print them): importable
#: from here too, and documented in their modules (:mod:`cchc_data.validation`, :mod:`cchc_data.numbers`…).
CURATION_TOOLS = [
    "validate", "ValidationReport", "verify_evidence", "check_national",
    "parse_vn_number", "parse_vn_quantity", "parse_vn_number_words", "numbers_in", "parse_period",
]  # fmt: skip
