"""Descriptive statistics: the respondent profile and the indicator descriptives.

The indicator table has the columns of SmartPLS 4's *indicator data* view
(Ringle, Wende & Becker 2022, SmartPLS 4 manual, "Data view"): number of
valid observations, missing values, mean, median, observed minimum and
maximum, standard deviation, excess kurtosis and skewness. Definitions, for
the ``n`` valid values ``x`` of an indicator with mean ``x̄`` and central
moments ``m_r = Σ(x - x̄)^r / n``:

* ``sd = sqrt(Σ(x - x̄)² / (n - 1))`` — the sample standard deviation
  (Excel ``STDEV.S``, pandas ``std()``, ``numpy.std(ddof=1)``);
* ``skewness = sqrt(n (n - 1)) / (n - 2) · m_3 / m_2^{3/2}`` — the
  adjusted Fisher–Pearson coefficient G1 (Joanes & Gill 1998, eq. 2; Excel
  ``SKEW``, pandas ``skew()``, ``scipy.stats.skew(bias=False)``);
* ``excess_kurtosis = (n - 1) / ((n - 2)(n - 3)) · ((n + 1) m_4 / m_2² - 3 (n - 1))``
  — the bias-adjusted excess kurtosis G2 (Joanes & Gill 1998, eq. 3; Excel
  ``KURT``, pandas ``kurt()``, ``scipy.stats.kurtosis(bias=False)``);
  0 for a normal distribution.

Which of the usual definitions SmartPLS uses is not verifiable from this
repository (its manual could not be consulted when this was written); the
sample-adjusted G1 and G2 and the ``n - 1`` standard deviation are the
definitions of Excel, SPSS and pandas, and the tests pin them against pandas
and scipy. Were SmartPLS to use the population moments ``g1 = m_3/m_2^{3/2}``
and ``g2 = m_4/m_2² - 3`` instead, the values would differ by about 2 % (G1)
and a few hundredths (G2) at n = 140. (seminr reports non-excess kurtosis and population
skewness.) SmartPLS's Cramér–von Mises normality test is not reported.

The statistics are computed with numpy alone (no scipy import: each script
pays its imports).
"""
from __future__ import annotations

from collections.abc import Mapping

__all__ = ["INDICATOR_COLUMNS", "PROFILE_COLUMNS", "moments", "indicator_descriptives", "respondent_profile"]

#: Columns of ``results/describe/indicators.csv``.
INDICATOR_COLUMNS = ["construct", "indicator", "n", "missing", "mean", "median", "min", "max", "sd",
                     "excess_kurtosis", "skewness", "scale_min", "scale_max", "reverse_coded"]
#: Columns of ``results/describe/respondents.csv``.
PROFILE_COLUMNS = ["variable", "label", "code", "category", "n", "percent"]
#: Category label of the row that counts missing profile values (only written when there are any).
MISSING_CATEGORY = "(missing)"


def moments(values) -> dict:
    """Descriptives of one indicator's values (NaN = missing), as in the module docstring.

    Returns
    -------
    dict
        ``n, missing, mean, median, min, max, sd, excess_kurtosis, skewness``;
        statistics undefined for the sample size (sd for n < 2, skewness for
        n < 3, kurtosis for n < 4) or for a constant indicator are NaN.
    """
    import numpy as np

    x = np.asarray(values, dtype=float)
    valid = x[~np.isnan(x)]
    n = valid.size
    out = {"n": int(n), "missing": int(x.size - n)}
    nan = float("nan")
    if n == 0:
        out.update(mean=nan, median=nan, min=nan, max=nan, sd=nan, excess_kurtosis=nan, skewness=nan)
        return out
    mean = valid.mean()
    d = valid - mean
    m2 = (d**2).mean()
    m3 = (d**3).mean()
    m4 = (d**4).mean()
    constant = not m2 > 0
    sd = float(np.sqrt((d**2).sum() / (n - 1))) if n > 1 else nan
    skew = float(np.sqrt(n * (n - 1)) / (n - 2) * m3 / m2**1.5) if n > 2 and not constant else nan
    kurt = (float((n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * m4 / m2**2 - 3 * (n - 1)))
            if n > 3 and not constant else nan)
    out.update(mean=float(mean), median=float(np.median(valid)), min=float(valid.min()), max=float(valid.max()),
               sd=sd, excess_kurtosis=kurt, skewness=skew)
    return out


def indicator_descriptives(frame, constructs: Mapping[str, list], scales: Mapping | None = None):
    """SmartPLS-style descriptives of every indicator, in model order, with its response scale.

    Parameters
    ----------
    frame : DataFrame
        The survey before the missing-value treatment (missing = NaN), e.g.
        ``results/clean/validated.csv``.
    constructs : mapping
        Construct -> list of its indicators.
    scales : mapping, optional
        Indicator -> ``{"scale_min", "scale_max", "reverse_coded", ...}``
        (:func:`plssem_pipeline.study.scales.indicator_scales`): the ``scale_min``,
        ``scale_max`` and ``reverse_coded`` columns (empty when not given).

    Returns
    -------
    DataFrame
        Columns :data:`INDICATOR_COLUMNS`; the statistics are of the values analysed
        (reverse-coded items after recoding).
    """
    import pandas as pd

    rows = []
    for construct, indicators in constructs.items():
        for indicator in indicators:
            values = pd.to_numeric(frame[indicator], errors="raise").to_numpy(dtype=float)
            scale = (scales or {}).get(indicator, {})
            rows.append({"construct": construct, "indicator": indicator, **moments(values),
                         "scale_min": scale.get("scale_min"), "scale_max": scale.get("scale_max"),
                         "reverse_coded": scale.get("reverse_coded")})
    return pd.DataFrame(rows, columns=INDICATOR_COLUMNS)


def respondent_profile(frame, respondents: Mapping):
    """The respondent table: one row per configured category of each profile variable.

    Every configured category has a row, zeros included, in the configured
    order; there are no total rows. A ``(missing)`` row follows a variable's
    categories only if some respondents have no valid value for it. Percent
    is of all respondents in ``frame``.

    Parameters
    ----------
    frame : DataFrame
        Cleaned survey (one row per respondent kept), profile variables as category codes.
    respondents : mapping
        ``variable -> {"label": ..., "categories": {code: label}}`` (the ``respondents`` config).

    Returns
    -------
    DataFrame
        Columns :data:`PROFILE_COLUMNS`.
    """
    import numpy as np
    import pandas as pd

    from ..ingest.survey import parse_number

    total = len(frame)
    rows = []
    for variable, spec in respondents.items():
        label = spec.get("label") or str(variable)
        cells = frame[variable]
        values = cells[cells.notna()]
        # each distinct value read once (floats told apart by their bits, as -0.0 and 0.0 are written apart)
        by_bits = values.dtype.kind == "f" and isinstance(values.dtype, np.dtype)
        which, distinct = pd.factorize(values.to_numpy().view(np.int64) if by_bits else values)
        distinct = pd.Series(distinct.view(values.dtype) if by_bits else distinct, dtype=values.dtype)
        text = distinct.astype(str).str.strip()
        folded = text.str.casefold().to_numpy(dtype=object)
        numbers = text.map(lambda t: parse_number(t)).to_numpy(dtype=object)
        counted = 0
        taken = np.zeros(len(values), dtype=bool)  # each respondent counted once, under the first code it matches
        for code, category in spec["categories"].items():
            number = parse_number(str(code))
            hit = folded == str(code).strip().casefold()
            if number is not None:
                hit |= numbers == number
            hit = hit[which] & ~taken
            taken |= hit
            n = int(hit.sum())
            counted += n
            rows.append({"variable": str(variable), "label": label, "code": str(code), "category": category,
                         "n": n, "percent": 100.0 * n / total if total else float("nan")})
        missing = total - counted
        if missing:
            rows.append({"variable": str(variable), "label": label, "code": "", "category": MISSING_CATEGORY,
                         "n": missing, "percent": 100.0 * missing / total})
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)
