"""What the steps compute around the engine (:mod:`plssem`), with no file or Snakemake in sight.

* :mod:`.numerics` — an estimation's numerical faults, named for the user;
* :mod:`.tables` — the engine's results laid out as the results contract's tables;
* :mod:`.consistent` — consistent PLS (PLSc): common factors and inadmissible results, counted;
* :mod:`.describe` — the respondent profile and SmartPLS-style indicator descriptives;
* :mod:`.mediation` — the mediation typology of Zhao, Lynch & Chen (2010) and the significance rule;
* :mod:`.prediction` — PLSpredict and CVPAT as the ``results/predict/`` tables;
* :mod:`.model_fit` — model fit, information criteria and the model comparison as the ``results/fit/`` tables.
"""
