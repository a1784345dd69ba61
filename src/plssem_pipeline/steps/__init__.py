"""One module per Snakemake rule, named after the rule (``workflow/rules/<rule>.smk``).

Each holds ``main(smk, log)``: read the rule's inputs, call the engine or this
package, write the rule's outputs and its ``summary.json``. The rule's script
(``workflow/scripts/<rule>.py``) runs it through :func:`.runner.run`, which
logs and turns a user's mistake into one clear message; :mod:`.estimation_step`
is shared by ``outer`` and ``inner``.
"""
