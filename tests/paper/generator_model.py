"""The known models behind the generated papers: simulated surveys estimated with ``plssem``.

Each :data:`STUDIES` entry is a small reflective model (three or four constructs, four items
each) with population paths large enough that every clean paper meets the sample-size rules the
audit checks (n ≥ 10 per indicator; Kock & Hadaya's inverse square root method for the weakest
path), but one: msme's e-commerce use -> business performance is about zero (-0.05 in the
population; 0.034, p 0.62 estimated), so that its papers report a non-significant path and reject its
hypothesis in negated words. :func:`estimate_study` simulates a Likert survey from the model,
estimates it with :func:`plssem.estimate` and bootstraps it with :func:`plssem.bootstrap` (small B);
every number a paper prints is this real output, rounded as SmartPLS prints it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

import plssem

#: Bootstrap subsamples of the generated papers (stated in their method sections).
SAMPLES = 500


@dataclass(frozen=True)
class StudySpec:
    """A model to simulate: constructs (abbreviation per language, names), paths, n, seed."""

    key: str
    constructs: tuple[tuple[dict, dict], ...]   # ({"en": abbr, "id": abbr}, {"en": name, "id": name})
    paths: tuple[tuple[int, int, float], ...]   # (source, target, population coefficient)
    n: int
    seed: int
    items: int = 4


def _c(en_abbr, en_name, id_abbr, id_name):
    return ({"en": en_abbr, "id": id_abbr}, {"en": en_name, "id": id_name})


STUDIES = {
    "msme": StudySpec("msme", (
        _c("CE", "customer engagement", "KP", "keterlibatan pelanggan"),
        _c("EU", "e-commerce use", "PE", "pemanfaatan e-commerce"),
        _c("PI", "product innovation", "IP", "inovasi produk"),
        _c("BP", "business performance", "KU", "kinerja usaha")),
        ((0, 2, 0.45), (1, 2, 0.35), (0, 3, 0.25), (1, 3, -0.05), (2, 3, 0.35)), n=230, seed=1601),
    "service": StudySpec("service", (
        _c("SQ", "service quality", "KL", "kualitas layanan"),
        _c("CS", "customer satisfaction", "KPL", "kepuasan pelanggan"),
        _c("CL", "customer loyalty", "LP", "loyalitas pelanggan")),
        ((0, 1, 0.55), (0, 2, 0.3), (1, 2, 0.45)), n=180, seed=1602),
    "adoption": StudySpec("adoption", (
        _c("PEU", "perceived ease of use", "PKM", "persepsi kemudahan"),
        _c("PU", "perceived usefulness", "PM", "persepsi manfaat"),
        _c("BI", "behavioural intention", "NP", "niat penggunaan")),
        ((0, 1, 0.5), (0, 2, 0.3), (1, 2, 0.22)), n=320, seed=1603),
}


@dataclass
class Estimates:
    """What a SmartPLS user copies into a paper (unrounded), keyed by construct abbreviation of the language."""

    n: int
    samples: int
    constructs: list[str]                 # abbreviations, model order
    names: dict[str, str]                 # abbreviation -> name (lower case)
    indicators: dict[str, list[str]]      # abbreviation -> its items
    loadings: dict[str, float]
    reliability: pd.DataFrame             # index construct; cronbach_alpha, rho_a, rho_c, ave
    fornell_larcker: pd.DataFrame
    htmt: pd.DataFrame
    r2: pd.DataFrame                      # index endogenous; r2, r2_adj
    f2: dict[str, float]                  # "A -> B" -> f²
    vif: dict[str, float]                 # indicator -> outer VIF
    cross_loadings: pd.DataFrame          # index indicator; columns construct
    paths: dict[str, dict]                # "A -> B" -> {original, mean, sd, t, p}
    indirect: dict[str, dict]             # "A -> M -> B" -> {original, mean, sd, t, p}
    predecessors: dict[str, list[str]]


def simulate(spec: StudySpec) -> tuple[pd.DataFrame, list[str]]:
    """A 1-5 Likert survey from the latent model (exogenous constructs correlated 0.3), item names ``C1..``."""
    rng = np.random.default_rng(spec.seed)
    k = len(spec.constructs)
    latent = np.zeros((spec.n, k))
    targets = {t for _, t, _ in spec.paths}
    for j in range(k):
        if j not in targets:
            latent[:, j] = (0.3 * latent[:, 0] + np.sqrt(0.91) * rng.standard_normal(spec.n)) if j else \
                rng.standard_normal(spec.n)
            continue
        part = sum(b * latent[:, s] for s, t, b in spec.paths if t == j)
        latent[:, j] = part + np.sqrt(max(0.2, 1 - part.var())) * rng.standard_normal(spec.n)
    codes = [f"X{j}" for j in range(k)]
    frame = {}
    for j, code in enumerate(codes):
        eta = (latent[:, j] - latent[:, j].mean()) / latent[:, j].std()
        for i in range(1, spec.items + 1):
            lam = rng.uniform(0.8, 0.9)
            x = lam * eta + np.sqrt(1 - lam ** 2) * rng.standard_normal(spec.n)
            frame[f"{code}_{i}"] = np.digitize(x, [-1.6, -0.7, 0.2, 1.1]) + 1
    return pd.DataFrame(frame), codes


@functools.lru_cache(maxsize=None)
def _estimated(key: str):
    spec = STUDIES[key]
    data, codes = simulate(spec)
    model = plssem.Model.from_spec({c: [f"{c}_{i}" for i in range(1, spec.items + 1)] for c in codes},
                                   [f"{codes[s]} -> {codes[t]}" for s, t, _ in spec.paths])
    result = plssem.estimate(data, model)
    draws = plssem.bootstrap(result.observed_data.standardized, model, seed=spec.seed, stop=SAMPLES)
    summaries = {}
    for family, original in (("paths", result.paths.to_numpy()),
                             ("specific_indirect", result.specific_indirect_effects.to_numpy())):
        summaries[family] = plssem.summarize(original, draws.values[family])
    return spec, codes, result, summaries


def estimate_study(key: str, language: str) -> Estimates:
    """The estimates of study ``key``, constructs named in ``language`` ("en" or "id")."""
    spec, codes, result, summaries = _estimated(key)
    abbr = {code: spec.constructs[j][0][language] for j, code in enumerate(codes)}

    def rename(text: str) -> str:
        return " -> ".join(abbr[part.strip()] for part in text.split("->"))

    def item(name: str) -> str:
        code, i = name.split("_")
        return f"{abbr[code]}{i}"

    def square(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.rename(index=abbr, columns=abbr)

    path_labels = [f"{s} -> {t}" for s, t in result.model.paths]
    rows = lambda labels, table: {rename(lab): dict(table.iloc[i][["original", "mean", "sd", "t", "p"]])  # noqa: E731
                                  for i, lab in enumerate(labels)}
    loadings = result.outer_loadings
    return Estimates(
        n=spec.n, samples=SAMPLES, constructs=[abbr[c] for c in codes],
        names={abbr[c]: spec.constructs[j][1][language] for j, c in enumerate(codes)},
        indicators={abbr[c]: [f"{abbr[c]}{i}" for i in range(1, spec.items + 1)] for c in codes},
        loadings={item(ind): float(v) for ind, v in zip(result.model.indicator_names, loadings.to_numpy())},
        reliability=result.reliability.rename(index=abbr), fornell_larcker=square(result.fornell_larcker),
        htmt=square(result.htmt), r2=result.r2.rename(index=abbr),
        f2={rename(lab): float(v) for lab, v in zip(path_labels, result.f2.to_numpy())},
        vif={item(ind): float(v) for ind, v in zip(result.model.indicator_names, np.ravel(result.outer_vif))},
        cross_loadings=result.cross_loadings.rename(index=item, columns=abbr),
        paths=rows(path_labels, summaries["paths"]),
        indirect=rows(list(result.specific_indirect_effects.index), summaries["specific_indirect"]),
        predecessors={abbr[codes[j]]: [abbr[codes[i]] for i in result.model.predecessors(j)]
                      for j in range(len(codes))})


def p_from_t(t: float, samples: int = SAMPLES, tails: int = 2) -> float:
    """The p value of a bootstrap t as :func:`plssem.summarize` computes it (Student t, B − 1 d.f.);
    ``tails`` 1: the one-tailed p of a t in the hypothesised direction (:func:`plssem.inference.one_tailed_p`)."""
    from scipy import stats

    return tails * float(stats.t.sf(abs(t), samples - 1))
