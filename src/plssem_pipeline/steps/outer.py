"""Rule `outer`: estimate the model and write the measurement-model tables."""
from __future__ import annotations

from ..steps.estimation_step import run_step


def main(smk, log):
    run_step("outer", smk, log)
