"""Rule `inner`: estimate the model and write the structural-model tables."""
from __future__ import annotations

from ..steps.estimation_step import run_step


def main(smk, log):
    run_step("inner", smk, log)
