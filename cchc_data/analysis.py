"""Analysis on the tidy frame: pure functions that take and return tidy DataFrames."""

from __future__ import annotations

import pandas as pd

from .indicators import load_indicators

__all__ = ["summary"]


def summary(*, data_dir=None) -> pd.DataFrame:
    """Number of facts per province, domain and source (actuals and targets).

    Examples
    --------
    >>> s = summary()
    >>> list(s.columns)
    ['province', 'domain', 'source_id', 'actual', 'target', 'facts']
    """
    df = load_indicators(data_dir=data_dir)
    table = (
        df.groupby(["province", "domain", "source_id", "kind"], observed=True)
        .size()
        .unstack("kind", fill_value=0)
        .reindex(columns=["actual", "target"], fill_value=0)
    )
    table["facts"] = table.sum(axis=1)
    return table.reset_index().rename_axis(columns=None)
