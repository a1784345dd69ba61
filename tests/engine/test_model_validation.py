"""Model and data validation: every refusal raises ModelError naming the offender,
and every change to the data (mean replacement, casewise deletion) is reported."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import plssem
from plssem import Model, ModelError

BLOCKS = {"X": ["x1", "x2"], "M": ["m1", "m2"], "Y": ["y1", "y2"]}
PATHS = ["X -> M", "M -> Y", "X -> Y"]


@pytest.fixture
def data():
    rng = np.random.default_rng(1)
    f = rng.standard_normal(60)
    cols = {}
    for name in ("x1", "x2", "m1", "m2", "y1", "y2"):
        cols[name] = np.round(3 + f + rng.standard_normal(60))
    cols["note"] = ["a"] * 60
    return pd.DataFrame(cols, index=[f"r{i}" for i in range(60)])


def refused(match: str, constructs=None, paths=None):
    with pytest.raises(ModelError, match=match):
        Model.from_spec(BLOCKS if constructs is None else constructs, PATHS if paths is None else paths)


def test_valid_model():
    model = Model.from_spec(BLOCKS, PATHS)
    assert model.construct_names == ("X", "M", "Y")
    assert issubclass(ModelError, ValueError)


def test_unknown_construct_in_path():
    refused(r"path 'X -> Z': unknown construct 'Z'", paths=PATHS + ["X -> Z"])
    refused(r"unknown construct 'W'", paths=PATHS + ["W -> Y"])


def test_indicator_in_two_blocks():
    refused(r"indicator 'x2' is in both 'X' and construct 'M'", constructs={**BLOCKS, "M": ["m1", "x2"]})


def test_indicator_twice_in_one_block():
    refused(r"indicator 'x1' is twice in construct 'X'", constructs={**BLOCKS, "X": ["x1", "x1"]})


def test_empty_block():
    refused(r"construct 'M' has no indicators", constructs={**BLOCKS, "M": []})


def test_path_to_itself():
    refused(r"path 'M -> M' points a construct to itself", paths=PATHS + ["M -> M"])


def test_cycle_names_the_constructs_on_it():
    """A -> B -> C -> B with C -> D downstream: the message names B and C, not the bystanders."""
    blocks = {"A": ["a1"], "B": ["b1"], "C": ["c1"], "D": ["d1"]}
    with pytest.raises(ModelError, match="cycle") as info:
        Model.from_spec(blocks, ["A -> B", "B -> C", "C -> B", "C -> D"])
    named = str(info.value).split("among ")[1].split(" (")[0].split(", ")
    assert named == ["B", "C"]


def test_longer_cycle():
    with pytest.raises(ModelError, match="cycle among X, M, Y"):
        Model.from_spec(BLOCKS, ["X -> M", "M -> Y", "Y -> X"])


def test_isolated_construct():
    refused(r"construct 'Z' is isolated", constructs={**BLOCKS, "Z": ["z1"]})


@pytest.mark.parametrize("constructs,paths,match", [
    ({}, PATHS, "no constructs"),
    (BLOCKS, [], "no structural paths"),
    ({**BLOCKS, "X": {"indicators": ["x1", "x2"], "mode": "C"}}, PATHS, r"construct 'X': unknown mode 'C'"),
    (BLOCKS, PATHS + ["X -> M"], r"path 'X -> M' is given twice"),
    (BLOCKS, ["X - M"], r"path 'X - M' is not of the form"),
    ({**BLOCKS, "X": "x1"}, PATHS, r"construct 'X': indicators must be a list"),
])
def test_other_refusals(constructs, paths, match):
    refused(match, constructs, paths)


def test_construct_defined_twice():
    c = plssem.Construct("X", ("x1",))
    with pytest.raises(ModelError, match="construct 'X' is defined twice"):
        Model((c, plssem.Construct("X", ("x2",)), plssem.Construct("Y", ("y1",))), (("X", "Y"),))


# ------------------------------------------------------------------- data checks
def test_unknown_indicator_is_a_missing_column(data):
    model = Model.from_spec({**BLOCKS, "Y": ["y1", "y3"]}, PATHS)
    with pytest.raises(ModelError, match=r"not in the data: y3"):
        plssem.estimate(data, model)


def test_non_numeric_column(data):
    model = Model.from_spec({**BLOCKS, "Y": ["y1", "note"]}, PATHS)
    with pytest.raises(ModelError, match=r"indicator 'note' is not numeric"):
        plssem.estimate(data, model)


def test_zero_variance_indicator(data):
    data["y2"] = 4.0
    with pytest.raises(ModelError, match=r"zero variance cannot be standardised: y2"):
        plssem.estimate(data, Model.from_spec(BLOCKS, PATHS))


def test_missing_values_refused_by_default(data):
    data.loc["r7", "m2"] = np.nan
    data.loc["r9", "x1"] = np.nan
    with pytest.raises(ModelError, match=r"2 missing value\(s\), first in row 'r7', indicator 'm2'"):
        plssem.estimate(data, Model.from_spec(BLOCKS, PATHS))


def test_unknown_missing_treatment(data):
    with pytest.raises(ModelError, match="unknown missing-value treatment 'drop'"):
        plssem.estimate(data, Model.from_spec(BLOCKS, PATHS), missing="drop")


def test_singular_mode_b_block(data):
    data["x3"] = data["x1"]
    model = Model.from_spec({**BLOCKS, "X": {"indicators": ["x1", "x2", "x3"], "mode": "B"}}, PATHS)
    with pytest.raises(ModelError, match="singular"):
        plssem.estimate(data, model)


def test_too_few_rows_after_deletion(data):
    data.iloc[2:, 0] = np.nan
    with pytest.raises(ModelError, match="only 2 complete row"):
        plssem.estimate(data, Model.from_spec(BLOCKS, PATHS), missing="casewise_deletion")


def _holes(data):
    data.loc["r3", "x1"] = np.nan
    data.loc["r3", "y2"] = np.nan
    data.loc["r20", "m1"] = np.nan
    data.loc["r41", "note"] = None            # not an indicator: must not count
    return data


def test_casewise_deletion_reports_the_rows(data):
    data = _holes(data)
    model = Model.from_spec(BLOCKS, PATHS)
    result = plssem.estimate(data, model, missing="casewise_deletion", tol=1e-10)
    assert result.data.deleted == ["r3", "r20"]
    assert result.data.replaced == []
    assert result.n == 58 and "r41" in result.data.index
    reference = plssem.estimate(data.drop(index=["r3", "r20"]), model, tol=1e-10)
    np.testing.assert_allclose(result.paths, reference.paths, atol=1e-14)


def test_mean_replacement_reports_the_cells(data):
    data = _holes(data)
    model = Model.from_spec(BLOCKS, PATHS)
    result = plssem.estimate(data, model, missing="mean_replacement", tol=1e-10)
    assert sorted(result.data.replaced) == [("r20", "m1"), ("r3", "x1"), ("r3", "y2")]
    assert result.data.deleted == [] and result.n == 60
    indicators = list(model.indicator_names)
    np.testing.assert_allclose(result.data.means, data[indicators].mean(), atol=1e-14)   # pandas skips NaN
    z = pd.DataFrame(result.data.standardized, index=result.data.index, columns=indicators)
    assert z.loc["r3", "x1"] == pytest.approx(0, abs=1e-14) and z.loc["r20", "m1"] == pytest.approx(0, abs=1e-14)
    filled = data[indicators].fillna(data[indicators].mean())
    reference = plssem.estimate(filled, model, tol=1e-10)
    np.testing.assert_allclose(result.paths, reference.paths, atol=1e-14)
