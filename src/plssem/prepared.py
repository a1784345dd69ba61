"""Select, check, treat missing values and standardise a model's indicators: :func:`prepare`."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .model import Model, ModelError

__all__ = ["MISSING_TREATMENTS", "PreparedData", "prepare"]

MISSING_TREATMENTS = ("none", "mean_replacement", "casewise_deletion")


@dataclass
class PreparedData:
    """Standardised indicator data ready for estimation.

    Attributes
    ----------
    standardized : ndarray (n, p)
        Indicators in model order (``model.observed_indicators``), centred and divided by their SD (n - 1 divisor).
    index : pandas.Index
        Row labels of the rows used.
    means, sds : ndarray (p,)
        Means and SDs (n - 1) of the indicators after the missing-value treatment.
    replaced : list of (row label, indicator)
        Cells filled by mean replacement.
    deleted : list of row labels
        Rows removed by casewise deletion.
    """

    standardized: np.ndarray
    index: pd.Index
    means: np.ndarray
    sds: np.ndarray
    replaced: list = field(default_factory=list)
    deleted: list = field(default_factory=list)

    @property
    def correlations(self) -> np.ndarray:
        """Indicator correlation matrix ``Z'Z / (n - 1)``."""
        z = self.standardized
        return z.T @ z / (z.shape[0] - 1)


def prepare(data: pd.DataFrame, model: Model, missing: str = "none") -> PreparedData:
    """Select, check, treat missing values and standardise the model's indicators.

    Parameters
    ----------
    data : DataFrame
        One row per respondent; must hold every indicator of ``model`` as a numeric column.
    model : Model
    missing : {"none", "mean_replacement", "casewise_deletion"}
        ``"none"`` refuses missing values; ``"mean_replacement"`` fills each missing
        cell with its indicator's mean (SmartPLS's default); ``"casewise_deletion"``
        drops every row with a missing indicator. What was changed is listed in
        the returned object; nothing is changed silently.

    Raises
    ------
    ModelError
        Naming the missing indicator columns, a non-numeric column, missing values
        when ``missing="none"``, too few rows, or an indicator with zero variance.
    """
    if missing not in MISSING_TREATMENTS:
        raise ModelError(f"unknown missing-value treatment {missing!r}; expected one of {MISSING_TREATMENTS}")
    names = list(model.observed_indicators)
    absent = [c for c in names if c not in data.columns]
    if absent:
        raise ModelError("indicator column(s) not in the data: " + ", ".join(absent))
    frame = data[names]
    for column in names:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            raise ModelError(f"indicator {column!r} is not numeric (dtype {frame[column].dtype})")
    values = frame.to_numpy(dtype=float)
    nan = np.isnan(values)
    replaced: list = []
    deleted: list = []
    index = frame.index
    if nan.any():
        if missing == "none":
            row, col = np.argwhere(nan)[0]
            raise ModelError(
                f"{int(nan.sum())} missing value(s), first in row {index[row]!r}, indicator {names[col]!r}; "
                "choose missing='mean_replacement' or 'casewise_deletion'"
            )
        if missing == "mean_replacement":
            means = np.nanmean(values, axis=0)
            replaced = [(index[r], names[c]) for r, c in np.argwhere(nan)]
            values = np.where(nan, means, values)
        else:
            keep = ~nan.any(axis=1)
            deleted = list(index[~keep])
            values, index = values[keep], index[keep]
    n = values.shape[0]
    if n < 3:
        raise ModelError(f"only {n} complete row(s); at least 3 are needed to estimate")
    means = values.mean(axis=0)
    sds = values.std(axis=0, ddof=1)
    flat = np.flatnonzero(~(sds > 0))
    if flat.size:
        raise ModelError("indicator(s) with zero variance cannot be standardised: " + ", ".join(names[i] for i in flat))
    return PreparedData((values - means) / sds, index, means, sds, replaced, deleted)
