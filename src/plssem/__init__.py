"""plssem: PLS path modelling (PLS-SEM) with a vectorised bootstrap, matching SmartPLS 4 defaults.

Modules, one topic each:

* :mod:`plssem.model` — constructs, indicators, paths; validation.
* :mod:`plssem.specification` — interaction and quadratic terms, higher-order constructs: the final
  model and its first stage.
* :mod:`plssem.algorithm` — the batched PLS algorithm on correlation matrices.
* :mod:`plssem.staging` — staged estimation with generated indicators, batched over (sub)samples.
* :mod:`plssem.prepared` — :func:`prepare`: select, check, treat missing values, standardise.
* :mod:`plssem.estimate` — :func:`estimate` a model from a data frame; :class:`PLSResult`.
* :mod:`plssem.consistent` — consistent PLS (PLSc) for common-factor constructs; inadmissible flags.
* :mod:`plssem.quality` — reliability, validity, collinearity and fit criteria.
* :mod:`plssem.effects` — total, indirect and specific indirect effects.
* :mod:`plssem.moderation` — conditional effects, Johnson–Neyman bounds, moderated mediation.
* :mod:`plssem.statistics` — the bootstrapped statistics and their labels.
* :mod:`plssem.bootstrap` — deterministic, chunkable, vectorised bootstrap.
* :mod:`plssem.inference` — SEs, t, p, percentile and BCa intervals.
* :mod:`plssem.cvpat` — CVPAT: out-of-sample losses of PLS-SEM against a benchmark.
* :mod:`plssem.criteria` — information criteria (AIC, AICc, BIC, HQ) and Akaike weights.
* :mod:`plssem.fit` — model fit (SRMR, d_ULS, d_G, χ², NFI) and the Bollen–Stine test of exact fit.
* :mod:`plssem.folds` — cross-validation folds, deterministic per (seed, repetition).
* :mod:`plssem.predict` — PLSpredict: out-of-sample predictions, LM and IA benchmarks, batched.
* :mod:`plssem.predict_metrics` — Q²predict, RMSE, MAE, error skewness; the predictive-power verdict.
* :mod:`plssem.ipma` — importance–performance map analysis (IPMA) of a target construct.
* :mod:`plssem.permutation` — group permutations: both groups re-estimated per random re-split, batched.
* :mod:`plssem.mga` — multi-group tests: permutation, Bootstrap MGA, parametric, Welch–Satterthwaite.
* :mod:`plssem.micom` — MICOM steps 2 and 3 (compositional invariance, equal means and variances).
* :mod:`plssem.population` — population models for power analysis: estimated or given by parameters.
* :mod:`plssem.power` — Monte Carlo power: simulate, estimate and test, chunkable and vectorised.
* :mod:`plssem.power_tests` — a power replication's tests: its own bootstrap, or normal theory (OLS, Sobel).
* :mod:`plssem.sample_size` — Kock & Hadaya's inverse square root and gamma-exponential minimum n.

Nothing here imports Snakemake, matplotlib or scipy at import time.
"""
from .model import Construct, Model, ModelError, parse_path
from .estimate import PLSResult, estimate, prepare
from .bootstrap import BootstrapDraws, bootstrap, estimate_batch, jackknife, merge, named_stream
from .inference import summarize
from .cvpat import construct_losses, cvpat
from .criteria import akaike_weights, information_criteria
from .predict import PredictDraws, plspredict
from .predict_metrics import prediction_metrics, verdict
from .ipma import IPMAResult, ipma
from .permutation import PermutationDraws, group_assignments, permutation_estimates
from .mga import bootstrap_mga, parametric_test, permutation_test, welch_test
from .micom import MICOMResult, micom
from . import population, power, sample_size
from .population import Population
from .power import PowerDraws

__version__ = "0.1.0"

__all__ = [
    "Construct", "Model", "ModelError", "parse_path", "PLSResult", "estimate", "prepare",
    "BootstrapDraws", "bootstrap", "jackknife", "merge", "summarize", "__version__",
    "construct_losses", "cvpat", "information_criteria", "akaike_weights",
    "PredictDraws", "plspredict", "prediction_metrics", "verdict", "IPMAResult", "ipma",
    "named_stream", "estimate_batch", "PermutationDraws", "group_assignments", "permutation_estimates",
    "permutation_test", "bootstrap_mga", "parametric_test", "welch_test", "MICOMResult", "micom",
    "population", "power", "sample_size", "Population", "PowerDraws",
]
