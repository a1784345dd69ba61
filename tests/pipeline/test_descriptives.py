"""Indicator descriptives against scipy and pandas; the respondent profile (plssem_pipeline.analysis.describe)."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st
from scipy import stats

from plssem_pipeline.analysis.describe import INDICATOR_COLUMNS, PROFILE_COLUMNS, indicator_descriptives, moments, \
    respondent_profile

likert = st.lists(st.integers(1, 5), min_size=4, max_size=300).filter(lambda v: len(set(v)) > 1)


@settings(max_examples=200, deadline=None)
@given(likert, st.integers(0, 5))
def test_moments_match_scipy_and_pandas(values, n_missing):
    x = np.array(values + [np.nan] * n_missing, dtype=float)
    valid = x[~np.isnan(x)]
    out = moments(x)
    assert out["n"] == valid.size and out["missing"] == n_missing
    series = pd.Series(x)
    assert out["mean"] == pytest.approx(series.mean(), rel=1e-12)
    assert out["median"] == series.median()
    assert (out["min"], out["max"]) == (valid.min(), valid.max())
    assert out["sd"] == pytest.approx(series.std(), rel=1e-12)                                    # ddof = 1
    assert out["skewness"] == pytest.approx(stats.skew(valid, bias=False), rel=1e-9, abs=1e-12)
    assert out["skewness"] == pytest.approx(series.skew(), rel=1e-9, abs=1e-12)
    assert out["excess_kurtosis"] == pytest.approx(stats.kurtosis(valid, fisher=True, bias=False), rel=1e-9,
                                                   abs=1e-12)
    assert out["excess_kurtosis"] == pytest.approx(series.kurt(), rel=1e-9, abs=1e-12)


def test_undefined_statistics_are_nan():
    assert np.isnan(moments([3, 3, 3, 3])["skewness"]) and np.isnan(moments([3, 3, 3, 3])["excess_kurtosis"])
    small = moments([1, 2, 3])
    assert np.isnan(small["excess_kurtosis"]) and not np.isnan(small["skewness"])
    assert moments([np.nan, np.nan])["n"] == 0


def test_indicator_table_layout():
    frame = pd.DataFrame({"A1": [1, 2, 3, 4, 5], "A2": [2, 2, 3, np.nan, 5], "B1": [5, 4, 3, 2, 2]})
    table = indicator_descriptives(frame, {"A": ["A1", "A2"], "B": ["B1"]})
    assert list(table.columns) == INDICATOR_COLUMNS
    assert table[["construct", "indicator"]].values.tolist() == [["A", "A1"], ["A", "A2"], ["B", "B1"]]
    assert table.loc[1, "missing"] == 1 and table.loc[1, "n"] == 4


def test_profile_keeps_zero_categories_and_order():
    frame = pd.DataFrame({"platform": [1, 1, 3, 6, 6, 6], "size": ["m", "s", "s", "s", "l", "m"]})
    spec = {"platform": {"label": "Platform", "categories": {1: "Shopee", 2: "Tokopedia", 3: "TikTok",
                                                             5: "Bukalapak", 6: "Grab"}},
            "size": {"categories": {"s": "Small", "m": "Medium", "l": "Large"}}}
    table = respondent_profile(frame, spec)
    assert list(table.columns) == PROFILE_COLUMNS
    platform = table[table["variable"] == "platform"]
    assert platform["category"].tolist() == ["Shopee", "Tokopedia", "TikTok", "Bukalapak", "Grab"]
    assert platform["n"].tolist() == [2, 0, 1, 0, 3]
    assert platform["percent"].sum() == pytest.approx(100)
    assert table[table["variable"] == "size"]["label"].iloc[0] == "size"
    assert table[table["variable"] == "size"]["n"].tolist() == [3, 2, 1]


def test_profile_missing_row_only_when_needed():
    frame = pd.DataFrame({"v": [1, 2, None, 2]})
    table = respondent_profile(frame, {"v": {"label": "V", "categories": {1: "one", 2: "two"}}})
    assert table["category"].tolist() == ["one", "two", "(missing)"]
    assert table["n"].tolist() == [1, 2, 1] and table["percent"].tolist() == [25.0, 50.0, 25.0]


@pytest.mark.parametrize("codes", [(1, "01"), ("1.0", 1), ("M", "m ")])
def test_profile_counts_each_respondent_once(codes):
    """Codes a cell cannot tell apart (refused at the config check, issue 11) never count a respondent twice
    nor give a negative '(missing)' row: each respondent is counted under the first code it matches."""
    first, second = codes
    frame = pd.DataFrame({"v": [first, second, first, None, "x"]})
    table = respondent_profile(frame, {"v": {"categories": {first: "a", second: "b", "x": "c"}}})
    assert table["n"].sum() == len(frame) and (table["n"] >= 0).all()
    assert table["n"].tolist()[:3] == [frame["v"].isin([first, second]).sum(), 0, (frame["v"] == "x").sum()]
    assert table.iloc[-1]["n"] == frame["v"].isna().sum()
