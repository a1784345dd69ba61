# Functions of the rule files (Snakemake's lint asks for them in one common file, not beside rules).

# The audit rule's CSVs that the report shows, by file name -> the report's input name.
REPORT_AUDIT = {"published_vs_reproduced.csv": "published_vs_reproduced", "consistency.csv": "consistency"}


def report_audit_inputs(wildcards):
    """The audit rule's CSVs, looked up when the DAG is built (whatever the include order)."""
    return {REPORT_AUDIT[Path(f).name]: f for f in (rules.audit.output if hasattr(rules, "audit") else [])
            if Path(f).name in REPORT_AUDIT}


def report_output(name):
    """A report file (its rule exists whether or not report.formats asks for the format; rule all asks)."""
    return report(REPORT.get(name, f"report/results.{name}"), caption=f"../report/results_{name}.rst",
                  category="Report")


def pair_inputs(wildcards):
    """The files of pair ``wildcards.pair``'s two groups, inputs of the mga step: ``first_survey``, ``second_draws``, ..."""
    files = {"survey": "survey.csv", "estimates": "estimates.npz", "bootstrap": "bootstrap.csv", "draws": "draws.npz",
             "summary": "summary.json"}
    return {f"{which}_{name}": f"results/groups/{code}/{file}"
            for which, code in zip(("first", "second"), PAIRS[wildcards.pair]) for name, file in files.items()}
