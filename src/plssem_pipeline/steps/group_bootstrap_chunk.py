"""Rule `group_bootstrap_chunk`: one group's bootstrap subsamples start .. stop-1, on the group's own stream.

Each group draws from :func:`plssem.bootstrap.named_stream` of its category code (as text), so the two
groups' subsamples are independent of each other and of the full sample's bootstrap although all use
``bootstrap.seed``.
"""
from __future__ import annotations

from plssem.bootstrap import named_stream

from .bootstrap_chunk import run_chunk


def main(smk, log):
    run_chunk(smk, log, named_stream(str(smk.wildcards.group)))
