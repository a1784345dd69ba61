"""The paper against itself: published numbers recomputed from other published numbers.

No data is used. Every check reads the published tables
(:mod:`plssem_pipeline.audit.published`) and the model from the study configuration,
recomputes a printed quantity from other printed quantities, and compares the
two **honouring the printed rounding** (:mod:`.rounding`): every printed input
may lie anywhere in its rounding interval (``0.662`` stands for
``[0.6615, 0.6625]``), which gives an interval for the recomputed value; the
check is consistent when that interval overlaps the printed value's own
rounding interval. The explanation of every row shows the arithmetic with the
printed numbers, in the language of ``ConsistencyOptions.language`` (the
study's ``report.language``; sentences from :mod:`plssem_pipeline.audit.catalogue`);
every other column is the same in every language.

Each check returns :class:`Check` rows with a verdict:

``fail``
    the printed numbers cannot all be right (even allowing for rounding);
``warn``
    they hold only under an assumption the paper does not state, an
    approximation, or a rule's weaker reading (said in the explanation);
``pass``
    consistent within rounding.

The checks, by family (each module's docstring gives every check's formula and
source; ``docs/pipeline.md``, section "Audit", tabulates them):

* :mod:`.sample_size` — the respondent table's blocks against n; the 10-times
  rule, 5 and 10 per indicator, the inverse square root method;
* :mod:`.reliability` — AVE, ρ_C and Cronbach's α from the loadings; which
  composite reliability was printed; the "valid"/"reliable" verdicts against
  the criteria;
* :mod:`.structural` — adjusted R²; the paper's R² labels; whether the paths and
  R² can hold together (implied construct correlations);
* :mod:`.bootstrap` — t = |O|/STDEV; p from t;
* :mod:`.tables_agree` — a path printed in two tables (path coefficients, a hypothesis summary) the same in both;
* :mod:`.mediation` — each indirect effect against the product of its paths;
* :mod:`.discriminant` — the Fornell–Larcker diagonal against √AVE, a stated discriminant-validity
  verdict against its own table, own cross-loadings against outer loadings, VIF ≥ 1, f² of a single
  predictor from R²;
* :mod:`.wording` — each claim's verdict against its p;
* :mod:`.prose`, :mod:`.prose_claims` — the text against the tables and the method (quoted p, t, β;
  inequalities and their verdicts; variance explained; hypothesis numbers; decision rules; counts).

The shared parts: :mod:`.rows` (the row, the settings, the check signature)
and :mod:`.rounding` (the interval arithmetic). To add a
check, write a :class:`~.rows.CheckFunction` in its family's module and list it
in :data:`CHECKS`.
"""
from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import dataclass

from ..published import Published
from .bootstrap import check_p_values, check_t_statistics
from .discriminant import (check_cross_loadings, check_discriminant_verdict, check_f_square,
                           check_fornell_larcker_diagonal, check_vif)
from .mediation import check_indirect_products
from .prose import check_inequalities, check_prose_vs_table, check_variance_explained
from .prose_claims import check_decision_rules, check_hypothesis_numbering, check_prose_counts
from .reliability import (check_alpha, check_ave, check_composite_reliability_variant, check_rho_c,
                          check_verdicts, composite_reliability_variants)
from .rounding import overlaps, value_range
from .rows import COLUMNS, VERDICTS, Check, CheckFunction, ConsistencyOptions, table_location
from .sample_size import INVERSE_SQUARE_ROOT_CONSTANT, check_respondents, check_sample_size
from .path_tracing import implied_correlations
from .structural import check_adjusted_r2, check_r2_labels, check_structural
from .tables_agree import check_tables_agree
from .wording import check_claims

__all__ = ["Check", "CheckRun", "ConsistencyOptions", "COLUMNS", "VERDICTS", "value_range", "overlaps", "run_checks",
           "checks_table", "implied_correlations", "INVERSE_SQUARE_ROOT_CONSTANT", "CHECKS", "CheckFunction",
           "check_respondents", "check_ave", "check_rho_c", "check_composite_reliability_variant", "check_alpha",
           "check_verdicts", "check_adjusted_r2", "check_r2_labels", "check_structural", "check_t_statistics",
           "check_p_values", "check_tables_agree", "check_indirect_products", "check_claims", "check_sample_size",
           "check_prose_vs_table", "check_inequalities", "check_variance_explained", "check_hypothesis_numbering",
           "check_decision_rules", "check_prose_counts", "check_fornell_larcker_diagonal",
           "check_discriminant_verdict", "check_cross_loadings", "check_vif", "check_f_square",
           "composite_reliability_variants"]

#: Every check, in the order the CSV lists them within a verdict.
CHECKS: list[CheckFunction] = [
    check_respondents,
    check_ave,
    check_rho_c,
    check_composite_reliability_variant,
    check_alpha,
    check_verdicts,
    check_fornell_larcker_diagonal,
    check_discriminant_verdict,
    check_cross_loadings,
    check_vif,
    check_adjusted_r2,
    check_r2_labels,
    check_structural,
    check_f_square,
    check_t_statistics,
    check_p_values,
    check_tables_agree,
    check_indirect_products,
    check_claims,
    check_prose_vs_table,
    check_inequalities,
    check_variance_explained,
    check_hypothesis_numbering,
    check_decision_rules,
    check_prose_counts,
    check_sample_size,
]


@dataclass
class CheckRun:
    """How one check of :data:`CHECKS` went in :func:`run_checks` (``runs=``).

    Attributes
    ----------
    check : str
        The check function's name without ``check_`` (``"sample_size"``).
    rows : int
        The rows it gave (0: it did not run on this paper; ``skipped`` or ``error`` says why).
    skipped : list of tuple
        The ``(check, item, reason)`` it appended to ``options.skipped``.
    error : str or None
        ``"ValueError: ..."`` when it raised (a bug: recorded, the other checks still ran), else None.
    trace : str or None
        The traceback of that error.
    """

    check: str
    rows: int
    skipped: list
    error: str | None = None
    trace: str | None = None


def run_checks(pub: Published, model, options: ConsistencyOptions | None = None, *,
               runs: list | None = None) -> list[Check]:
    """All checks, failures first (then warnings, then passes; stable within each).

    Parameters
    ----------
    pub : Published
        The published tables.
    model : plssem.Model
        The configured model.
    options : ConsistencyOptions, optional
        The settings (defaults if None); ``options.skipped`` collects what could not be checked.
    runs : list, optional
        When given (the paper audit, :mod:`plssem_pipeline.paper`), each check runs isolated: one
        :class:`CheckRun` per check is appended, and a check that raises gives no rows, its error is
        recorded there and in ``options.skipped``, and the other checks still run. Without it (the
        pipeline) an exception propagates: a bug stops the audit.

    Returns
    -------
    list of Check
        The rows of every check in :data:`CHECKS`, sorted by :data:`VERDICTS`; a row without a ``location``
        gets its table's (:func:`~.rows.table_location`).
    """
    options = options or ConsistencyOptions()
    rows = []
    for check in CHECKS:
        if runs is None:
            rows += check(pub, model, options)
            continue
        name, before = check.__name__.removeprefix("check_"), len(options.skipped)
        try:
            found, error, trace = check(pub, model, options), None, None
        except Exception as exc:  # noqa: BLE001 - one paper's odd tables must not stop its other checks
            found, error, trace = [], f"{type(exc).__name__}: {exc}", traceback.format_exc()
            options.skipped.append((name, "all", f"internal error of the check ({error}): it did not run; "
                                                 "please report it"))
        rows += found
        runs.append(CheckRun(name, len(found), options.skipped[before:], error, trace))
    for row in rows:   # a row that names no place itself: where the paper prints its table(s)
        row.location = row.location or table_location(pub, row.table)
    return sorted(rows, key=lambda r: VERDICTS.index(r.verdict))


def checks_table(rows: Sequence[Check]):
    """The checks as the ``consistency.csv`` DataFrame.

    Parameters
    ----------
    rows : sequence of Check
        The rows, in the order to write.

    Returns
    -------
    pandas.DataFrame
        One row per check, columns :data:`COLUMNS` (also when ``rows`` is empty).
    """
    import pandas as pd

    return pd.DataFrame([r.row() for r in rows], columns=COLUMNS)
