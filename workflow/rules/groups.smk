# Multi-group analysis (issue 15; config groups): the model estimated and bootstrapped in each group (a category
# of respondents.<groups.variable>, missing values treated within the group), then per pair of groups MICOM
# (Henseler, Ringle & Sarstedt 2016) and the group difference tests (permutation test, Bootstrap MGA, parametric
# and Welch-Satterthwaite tests). Group folders are named by the category code, pair folders "first-vs-second".
# A group's bootstrap draws from its own Philox stream (plssem.bootstrap.named_stream of the code) with
# bootstrap.seed; permutation i of a pair depends on (groups.seed, i) alone: byte-identical for any chunking.
# Without config groups none of these rules has a job.


rule group_data:
    input:
        validated="results/clean/validated.csv",
    output:
        survey="results/groups/{group}/survey.csv",
        summary="results/groups/{group}/summary.json",
    params:  # only the settings the group's data depend on: groups.chunks / permutations / seed re-run none of it
        variable=lambda w: GROUPS["variable"],
        label=lambda w: GROUPS["labels"][w.group],
        groups=lambda w: GROUPS["groups"],  # the compared groups: a too small one is named with pairs without it
        data=config["data"],
        indicators=study.indicator_lists(config["constructs"]),
        modes={name: spec.get("mode", "A") for name, spec in config["constructs"].items()},
        paths=MODEL_SPEC["paths"],  # the model sets the minimum number of respondents per group
        controls=config["controls"],
        scales=study.indicator_scales(config["data"], config["constructs"]),
        language=config["report"]["language"],
        pipeline=PIPELINE,
    wildcard_constraints:
        group=GROUP_PATTERN,
    log:
        "results/logs/group_data/{group}.log",
    benchmark:
        "results/benchmarks/group_data/{group}.tsv"
    script:
        "../scripts/group_data.py"


rule group_estimate:  # the group's one estimation: originals, outer weights (MICOM), BCa's jackknife
    input:
        survey="results/groups/{group}/survey.csv",
    output:
        estimates="results/groups/{group}/estimates.npz",
        summary="results/groups/{group}/estimates.json",
    params:
        model=MODEL_SPEC,
        algorithm=config["algorithm"],
        ci=config["bootstrap"]["ci"],
        engine=ENGINE,
        pipeline=PIPELINE,
    wildcard_constraints:
        group=GROUP_PATTERN,
    threads: 1
    log:
        "results/logs/group_estimate/{group}.log",
    benchmark:
        "results/benchmarks/group_estimate/{group}.tsv"
    script:
        "../scripts/group_estimate.py"


rule group_bootstrap_chunk:
    input:
        survey="results/groups/{group}/survey.csv",
    output:
        draws="results/groups/{group}/chunks/subsamples_{start}-{stop}.npz",
    params:
        model=MODEL_SPEC,
        algorithm=config["algorithm"],
        seed=config["bootstrap"]["seed"],
        sign_change=config["bootstrap"]["sign_change"],
        engine=ENGINE,
        pipeline=PIPELINE,
    wildcard_constraints:
        group=GROUP_PATTERN,
    # One BLAS thread per chunk job, as bootstrap_chunk: the same floating-point order whatever --cores is.
    threads: 1
    log:
        "results/logs/group_bootstrap_chunk/{group}/subsamples_{start}-{stop}.log",
    benchmark:
        "results/benchmarks/group_bootstrap_chunk/{group}/subsamples_{start}-{stop}.tsv"
    script:
        "../scripts/group_bootstrap_chunk.py"


rule group_bootstrap:
    input:
        estimates="results/groups/{group}/estimates.npz",
        chunks=[f"results/groups/{{group}}/chunks/subsamples_{start}-{stop}.npz" for start, stop in BOOTSTRAP_CHUNKS],
    output:
        bootstrap="results/groups/{group}/bootstrap.csv",
        draws="results/groups/{group}/draws.npz",
        summary="results/groups/{group}/bootstrap.json",
    params:
        model=MODEL_SPEC,
        algorithm=config["algorithm"],
        bootstrap=config["bootstrap"],
        engine=ENGINE,
        pipeline=PIPELINE,
    wildcard_constraints:
        group=GROUP_PATTERN,
    threads: 1
    log:
        "results/logs/group_bootstrap/{group}.log",
    benchmark:
        "results/benchmarks/group_bootstrap/{group}.tsv"
    script:
        "../scripts/group_bootstrap.py"


rule permutation_chunk:
    input:
        first=lambda w: f"results/groups/{PAIRS[w.pair][0]}/survey.csv",
        second=lambda w: f"results/groups/{PAIRS[w.pair][1]}/survey.csv",
    output:
        draws="results/mga/{pair}/chunks/permutations_{start}-{stop}.npz",
    params:
        seed=lambda w: GROUPS["seed"],
        model=MODEL_SPEC,
        algorithm=config["algorithm"],
        engine=ENGINE,
        pipeline=PIPELINE,
    wildcard_constraints:
        pair=PAIR_PATTERN,
    threads: 1
    log:
        "results/logs/permutation_chunk/{pair}/permutations_{start}-{stop}.log",
    benchmark:
        "results/benchmarks/permutation_chunk/{pair}/permutations_{start}-{stop}.tsv"
    script:
        "../scripts/permutation_chunk.py"


rule mga:
    input:
        unpack(pair_inputs),  # both groups' survey.csv, estimates.npz, bootstrap.csv, draws.npz, summary.json
        chunks=[f"results/mga/{{pair}}/chunks/permutations_{start}-{stop}.npz" for start, stop in PERMUTATION_CHUNKS],
    output:
        mga="results/mga/{pair}/mga.csv",
        micom="results/mga/{pair}/micom.csv",
        summary="results/mga/{pair}/summary.json",
    params:
        groups=lambda w: {key: GROUPS[key] for key in ("variable", "permutations", "seed")},
        first=lambda w: PAIRS[w.pair][0],
        second=lambda w: PAIRS[w.pair][1],
        model=MODEL_SPEC,
        algorithm=config["algorithm"],
        engine=ENGINE,
        pipeline=PIPELINE,
    wildcard_constraints:
        pair=PAIR_PATTERN,
    threads: 1
    log:
        "results/logs/mga/{pair}.log",
    benchmark:
        "results/benchmarks/mga/{pair}.tsv"
    script:
        "../scripts/mga.py"
