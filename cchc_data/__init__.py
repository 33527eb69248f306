"""cchc_data: curated indicators of Vietnam's provincial administrative reform (CCHC).

>>> import cchc_data as cd
>>> df = cd.load_indicators(province="Hà Giang")
>>> df["province_name"].unique().tolist()
['Hà Giang']
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

from .datadir import ContractError, DataError, data_dir, data_version
from .indicators import COLUMNS, flags, load_indicators, sources
from .national import check_national, index_comparison, index_trajectory, latest_standing, national_indices
from .numbers import numbers_in, parse_vn_number, parse_vn_quantity
from .periods import parse_period
from .province_registry import provinces, resolve_province, successor
from .vocabularies import breakdowns, catalog, concepts, domains, search, units

try:  # one source of truth: pyproject.toml, as installed
    __version__ = version("cchc-analysis")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

# Imported on first use, so that `import cchc_data` costs little more than `import pandas`:
# export pulls in openpyxl (~0.3 s); validation is only needed to check a data folder; explore pulls in
# ipywidgets and matplotlib.
_LAZY = {
    "explore": "explorer",
    "export_excel": "export",
    "ValidationReport": "validation",
    "validate": "validation",
    "verify_evidence": "validation",
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


__all__ = [
    "COLUMNS",
    "ContractError",
    "DataError",
    "ValidationReport",
    "breakdowns",
    "catalog",
    "check_national",
    "concepts",
    "data_dir",
    "data_version",
    "domains",
    "explore",
    "export_excel",
    "flags",
    "index_comparison",
    "index_trajectory",
    "latest_standing",
    "format_number",
    "format_percent",
    "load_indicators",
    "national_indices",
    "numbers_in",
    "parse_period",
    "parse_vn_number",
    "parse_vn_quantity",
    "provinces",
    "resolve_province",
    "search",
    "show_table",
    "sources",
    "successor",
    "units",
    "validate",
    "verify_evidence",
]
