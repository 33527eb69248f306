"""cchc_data: curated indicators of Vietnam's provincial administrative reform (CCHC).

>>> import cchc_data as cd
>>> df = cd.load_indicators(province="Hà Giang")
>>> df["province_name"].unique().tolist()
['Hà Giang']
"""

from .catalog import breakdowns, catalog, concepts, domains, search, units
from .datadir import DataError, data_dir, data_version
from .export import export_excel
from .indicators import COLUMNS, flags, load_indicators, sources
from .numbers import numbers_in, parse_vn_number, parse_vn_quantity
from .periods import parse_period
from .provinces import provinces, resolve_province, successor
from .validation import ValidationReport, validate, verify_evidence

__version__ = "0.1.0"

__all__ = [
    "COLUMNS",
    "DataError",
    "ValidationReport",
    "breakdowns",
    "catalog",
    "concepts",
    "data_dir",
    "data_version",
    "domains",
    "export_excel",
    "flags",
    "load_indicators",
    "numbers_in",
    "parse_period",
    "parse_vn_number",
    "parse_vn_quantity",
    "provinces",
    "resolve_province",
    "search",
    "sources",
    "successor",
    "units",
    "validate",
    "verify_evidence",
]
