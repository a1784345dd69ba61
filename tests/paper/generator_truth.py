"""What a perfect extractor reads from a generated paper: its published-tables mapping and its model.

:func:`published` gives the tables a generated paper prints (after any planted table error) in the
shape of ``data/published/*.yaml`` (:func:`plssem_pipeline.audit.published.parse_published`), with
the paper's hypotheses and mediation claims; :func:`model` the ``plssem.Model`` the paper reports.
The recall test runs the existing consistency checks on them, so a planted table error is known to
be detectable before the extraction is asked to find it.
"""
from __future__ import annotations

import plssem


def published(writer) -> dict:
    """The published-tables mapping of a built paper (:class:`generator._Writer` after its sections)."""
    pr, e = writer.pr, writer.e
    ids = {t.kind: f"table{t.number}_{t.kind}" for t in writer.blocks if hasattr(t, "kind")}
    tables = {
        ids["respondents"]: {"blocks": {word: {"label": word, "total": e.n, "categories": {
            i + 1: {"label": label, "n": n, "percent": round(100 * n / e.n, 1)} for i, (label, n) in enumerate(cats)}}
            for word, cats in writer.profile_blocks}, "printed_decimals": {"percent": 1}},
        ids["convergent_validity"]: {"loadings": dict(pr["loadings"]), "ave": dict(pr["ave"])},
        ids["reliability"]: {"cronbach_alpha": dict(pr["cronbach_alpha"])} | (
            {"rho_a": dict(pr["rho_a"]), "rho_c": dict(pr["rho_c"])} if len(writer.reliability_columns) == 2
            else {"composite_reliability": dict(pr["rho_c"])}),
        ids["r_squared"]: {"r2": dict(pr["r2"]), "r2_adj": dict(pr["r2_adj"])},
        ids["path_coefficients"]: {"rows": {k: dict(v) for k, v in pr["paths"].items()}},
        ids["specific_indirect"]: {"rows": {k: dict(v) for k, v in pr["indirect"].items()}},
        "hypotheses": {f"H{k + 1}": {"path": path, "verdict_published": _verdict(writer, pr["paths"][path])}
                       for k, path in enumerate(writer.hyp)},
        "mediation_claims": [{"path": path, "verdict_published": _verdict(writer, pr["indirect"][path])}
                             for path in sorted(pr["indirect"])],
    }
    return {"n": e.n, "bootstrap_samples": e.samples, "tables": tables}


def _verdict(writer, row) -> str:
    return "supported" if writer.significant(row) else "rejected"


def model(writer) -> plssem.Model:
    """The model the paper reports (its constructs' items and its paths)."""
    return plssem.Model.from_spec(dict(writer.e.indicators), list(writer.e.paths))
