"""One pair of groups compared: the pooled data, the permutation files, and the MGA and MICOM tables.

* :func:`pooled_data` — both groups' treated data, the first group's rows first (the layout
  :func:`plssem.permutation.permutation_estimates` and :func:`plssem.micom.micom` take);
* :func:`permutation_arrays` / :func:`load_permutations` — a chunk of
  :class:`plssem.permutation.PermutationDraws` as named arrays, and the chunks merged and checked;
* :func:`mga_table` — ``results/mga/{pair}/mga.csv``: per statistic, the groups' estimates, their difference and
  the four tests of it (:mod:`plssem.mga`: permutation test, Chin & Dibbern 2010; Bootstrap MGA, Henseler et al.
  2009; parametric test, Keil et al. 2000; Welch–Satterthwaite test, Nitzl 2010);
* :func:`micom_table` — ``results/mga/{pair}/micom.csv``: MICOM steps 2 and 3 (Henseler, Ringle & Sarstedt 2016).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..errors import UserError
from .groups import FAMILIES, statistic_labels

__all__ = ["MGA_COLUMNS", "pooled_data", "permutation_arrays", "load_permutations", "mga_table", "micom_table"]

#: Columns of ``results/mga/{pair}/mga.csv``.
MGA_COLUMNS = ["family", "statistic", "group_1", "group_2", "original_1", "original_2", "difference",
               "permutation_mean_difference", "permutation_p", "bootstrap_mga_p_one_tailed", "bootstrap_mga_p",
               "parametric_t", "parametric_p", "welch_t", "welch_df", "welch_p"]


def pooled_data(surveys: Sequence[str], model):
    """The pooled observed indicators of two groups' ``survey.csv`` files, ``((n1 + n2, p) array, n1)``.

    Columns ``model.observed_indicators``; the first file's rows first.
    """
    import numpy as np

    from .. import io

    frames = [io.read_csv(path)[list(model.observed_indicators)].to_numpy(dtype=float) for path in surveys]
    return np.concatenate(frames), frames[0].shape[0]


def permutation_arrays(draws) -> dict:
    """A :class:`plssem.permutation.PermutationDraws` as named arrays for :func:`plssem_pipeline.io.save_arrays`."""
    import numpy as np

    return {**{f"values/{family}": values for family, values in draws.values.items()},
            "weights": draws.weights, "failed": draws.failed, "start": np.array(draws.start)}


def load_permutations(paths: Sequence[str], *, seed: int, stream: int, engine: str, permutations: int, folder: str):
    """The permutation chunks ``paths`` merged (:func:`plssem.permutation.merge`), on Philox ``stream`` (the pair's
    :func:`plssem.permutation.pair_stream`).

    Raises
    ------
    UserError
        A chunk made with another seed, stream or engine (delete ``folder``), or the chunks not holding
        ``permutations`` permutations (config key ``groups.permutations``).
    """
    from plssem.permutation import PermutationDraws, merge

    from .. import io

    parts = []
    for path in paths:
        arrays, meta = io.load_arrays(path, what="a permutation chunk", rule="permutation_chunk")
        if meta.get("seed") != seed or meta.get("engine") != engine or meta.get("stream") != stream:
            raise UserError(f"chunk {path} was made with seed {meta.get('seed')} / stream {meta.get('stream')} / "
                            f"engine {meta.get('engine')}, not seed {seed} / stream {stream} / engine {engine}; "
                            f"delete {folder}")
        values = {k.split("/", 1)[1]: v for k, v in arrays.items() if k.startswith("values/")}
        parts.append(PermutationDraws(int(arrays["start"]), values, arrays["weights"], arrays["failed"], stream))
    draws = merge(parts)
    if len(draws) != permutations:
        raise UserError(f"the chunks hold {len(draws)} permutations, not {permutations}", key="groups.permutations")
    return draws


def mga_table(model, codes: Sequence[str], originals: Sequence[Mapping], sds: Sequence[Mapping],
              boot: Sequence[Mapping], permutations, sizes: Sequence[int]):
    """``mga.csv``: every statistic of :data:`~plssem_pipeline.analysis.groups.FAMILIES` compared between two groups.

    Parameters
    ----------
    model : plssem.Model
    codes : (str, str)
        The groups' category codes, first then second (differences are first − second).
    originals, sds : (mapping, mapping)
        Per group, family -> ndarray ``(m,)``: the group's estimates and bootstrap standard errors (``sd`` of
        ``results/groups/{group}/bootstrap.csv``).
    boot : (mapping, mapping)
        Per group, family -> ndarray ``(B, m)``: the group's bootstrap draws (NaN in failed subsamples).
    permutations : plssem.permutation.PermutationDraws
        All permutations of the pair, merged (NaN in failed ones, which the tests leave out).
    sizes : (int, int)
        The groups' respondents.

    Returns
    -------
    DataFrame
        Columns :data:`MGA_COLUMNS`, one row per statistic in family order. A statistic constant in both groups'
        bootstraps (SD 0: a single item's loading and weight, exactly 1) has no test: its p, t and df are empty, as
        its t and p are in the bootstrap tables (every permuted difference would tie the original 0).
    """
    import numpy as np
    import pandas as pd
    from plssem import mga

    labels = statistic_labels(model)
    n1, n2 = sizes
    parts = []
    for family in FAMILIES:
        o1, o2 = (np.asarray(o[family], dtype=float) for o in originals)
        diff = o1 - o2
        permuted = permutations.values[family][:, 0] - permutations.values[family][:, 1]
        with np.errstate(invalid="ignore", divide="ignore"):
            finite = np.isfinite(permuted)
            mean_diff = np.where(finite, permuted, 0).sum(axis=0) / finite.sum(axis=0)
            one, two = mga.bootstrap_mga(boot[0][family], boot[1][family], o1, o2)
            t_par, _, p_par = mga.parametric_test(diff, sds[0][family], sds[1][family], n1, n2)
            t_welch, df_welch, p_welch = mga.welch_test(diff, sds[0][family], sds[1][family], n1, n2)
        tests = {"permutation_p": mga.permutation_test(diff, permuted), "bootstrap_mga_p_one_tailed": one,
                 "bootstrap_mga_p": two, "parametric_t": t_par, "parametric_p": p_par, "welch_t": t_welch,
                 "welch_df": df_welch, "welch_p": p_welch}
        constant = (np.asarray(sds[0][family]) == 0) & (np.asarray(sds[1][family]) == 0)   # a single item's 1
        parts.append(pd.DataFrame({
            "family": family, "statistic": labels[family], "group_1": codes[0], "group_2": codes[1],
            "original_1": o1, "original_2": o2, "difference": diff, "permutation_mean_difference": mean_diff,
            **{name: np.where(constant, np.nan, values) for name, values in tests.items()}}, columns=MGA_COLUMNS))
    return pd.concat(parts, ignore_index=True)


def micom_table(pooled, n1: int, model, permutations, pooled_weights, group_weights, *, seed: int, stream: int):
    """``micom.csv`` and the constructs left out: :func:`plssem.micom.micom` as a table.

    Returns
    -------
    table : DataFrame
        ``construct`` then :data:`plssem.micom.COLUMNS`; header only when every construct has generated
        indicators (interaction terms, staged higher-order constructs).
    excluded : dict
        Construct -> why MICOM leaves it out.
    """
    import pandas as pd
    from plssem.micom import COLUMNS, excluded_constructs, micom

    excluded = excluded_constructs(model)
    if len(excluded) == len(model.constructs):
        return pd.DataFrame(columns=["construct", *COLUMNS]), excluded
    result = micom(pooled, n1, model, permutations, pooled_weights, group_weights, seed=seed, stream=stream)
    return result.table.reset_index(), result.excluded
