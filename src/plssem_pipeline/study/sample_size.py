"""How many respondents the model needs: a floor the clean step enforces, and a rule of thumb it warns about.

* :func:`minimum_respondents` — the fewest respondents with which every
  statistic the pipeline reports is defined (the clean step refuses fewer);
* :func:`ten_times_rule` — the common rule of thumb (Hair et al. 2022, ch. 1; a warning only).

Both follow from the configured model alone (``constructs`` and ``paths``), before any data is read.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["minimum_respondents", "ten_times_rule"]


def _predecessor_counts(paths: Sequence[str]) -> dict[str, int]:
    from plssem import parse_path

    counts: dict[str, int] = {}
    for text in paths:
        # the workflow validates every path before any rule runs (study.check_semantics names a malformed
        # one); a ModelError here is a caller's bug and propagates rather than dropping the path
        _, target = parse_path(text)
        counts[target] = counts.get(target, 0) + 1
    return counts


def minimum_respondents(blocks: Mapping[str, Sequence[str]], paths: Sequence[str]) -> tuple[int, str]:
    """The fewest respondents with which every statistic the pipeline reports is defined, and why.

    * 3, the engine's floor (a correlation needs two degrees of freedom);
    * ``m + 2`` for a construct with ``m`` predecessors: adjusted R² divides by
      ``n - m - 1`` (Hair et al. 2022, ch. 6);
    * ``p + 1`` for a block of ``p`` indicators: below it the block's
      correlation matrix is singular, so its VIF (and Mode B weights) are undefined.

    Parameters
    ----------
    blocks : mapping
        Construct -> its indicators.
    paths : sequence of str
        ``"SOURCE -> TARGET"``.

    Returns
    -------
    (int, str)
    """
    need, why = 3, "the PLS algorithm needs at least 3 respondents"
    for target, m in _predecessor_counts(paths).items():
        if m + 2 > need:
            need, why = m + 2, (f"construct {target} has {m} predecessors, and its adjusted R² needs at least "
                                f"{m + 2} respondents (n - {m} - 1 > 0)")
    for construct, indicators in blocks.items():
        p = len(indicators)
        if p + 1 > need:
            need, why = p + 1, (f"construct {construct} has {p} indicators, whose correlation matrix is singular "
                                f"with fewer than {p + 1} respondents (the VIF and Mode B weights are then undefined)")
    return need, why


def ten_times_rule(blocks: Mapping[str, Sequence[str]], paths: Sequence[str],
                   modes: Mapping[str, str] | None = None) -> int:
    """Ten times the largest number of arrows pointing at a construct (Hair et al. 2022, ch. 1).

    Arrows are structural paths into a construct and, for a Mode B (formative)
    construct, its indicators. A rule of thumb, not a requirement: the pipeline
    warns below it.
    """
    modes = modes or {}
    arrows = list(_predecessor_counts(paths).values())
    arrows += [len(ind) for c, ind in blocks.items() if modes.get(c, "A") == "B"]
    return 10 * max(arrows, default=1)
