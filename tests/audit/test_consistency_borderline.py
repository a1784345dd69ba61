"""A printed value whose rounding interval contains its bound: the verdict turns on rounding, so it is a ``warn``.

The checks that compare a printed value with a bound (``claim_verdict``: p against α; ``criterion_verdict``: a
loading, AVE or reliability against its criterion; ``inequality_verdict``: the text's "p < 0.05") give ``warn``
when the value's rounding interval contains the bound, whichever side of it the printed value lies on, and ``fail``
only when no value in the interval agrees with the paper (or another item contradicts it beyond rounding). The
discriminant-validity verdicts are tested on extracted papers (tests/paper/test_extract_discriminant.py). The cases
are the made-up consistent study (audit_helpers.py) with one number or word changed; the bounds are the options'.
"""
import pytest

from plssem_pipeline.audit.consistency import ConsistencyOptions, checks_table, run_checks
from plssem_pipeline.audit.published import parse_published

import audit_helpers as made_up
from audit_helpers import changed, made_up_published

ALPHA = ConsistencyOptions().alpha
LOADING = ConsistencyOptions().loading_threshold


def _verdict(data, check, item):
    rows = checks_table(run_checks(parse_published(data, file="made-up.yaml"), made_up.model(), ConsistencyOptions()))
    row = rows[(rows["check"] == check) & (rows["item"] == item)]
    assert len(row) == 1, rows[rows["check"] == check]
    return row["verdict"].iloc[0], row["explanation"].iloc[0]


def _printed(value: float, decimals: int = 3) -> float:
    return float(round(value, decimals))


@pytest.mark.parametrize("p, said, verdict", [
    (_printed(ALPHA), "supported", "warn"), (_printed(ALPHA), "rejected", "warn"),
    (_printed(ALPHA - 0.001), "supported", "pass"), (_printed(ALPHA + 0.001), "supported", "fail"),
    (_printed(ALPHA - 0.001), "rejected", "fail")])
def test_claim_verdict_with_alpha_inside_the_rounding_of_p(p, said, verdict):
    data = changed(made_up_published(), "tables", "direct_effects", "rows", "A -> Y", "p", value=p)
    data = changed(data, "tables", "hypotheses", "H3", "verdict_published", value=said)
    got, why = _verdict(data, "claim_verdict", "H3 (A -> Y)")
    assert got == verdict, why
    assert ("contains α" in why) == (verdict == "warn")


@pytest.mark.parametrize("loadings, verdict", [
    ({"m1": LOADING}, "warn"),                                   # 0.700 "valid": the loading may be 0.7004
    ({"m1": LOADING - 0.001}, "fail"),                           # 0.699 "valid": below 0.7 whatever its rounding
    ({"m1": LOADING, "m2": LOADING - 0.05}, "fail")])            # a clear contradiction beside a borderline one
def test_loading_verdicts_at_the_criterion(loadings, verdict):
    data = made_up_published()
    for item, value in loadings.items():
        data = changed(data, "tables", "measurement", "loadings", item, value=_printed(value))
    got, why = _verdict(data, "criterion_verdict", "M loadings")
    assert got == verdict, why


def _inequality(value: float, relation: str, verdict: str | None):
    data = made_up_published()
    data["prose"] = {"statements": [{"path": "A -> Y", "statistic": "p", "value": value, "decimals": 3,
                                     "relation": relation, "threshold": ALPHA, "verdict": verdict,
                                     "text": "…", "location": "Results, line 1", "line": 1}]}
    return data


@pytest.mark.parametrize("value, relation, said, verdict", [
    (_printed(ALPHA), "<", "supported", "warn"),      # "p = 0.050 < 0.05": true within rounding
    (_printed(ALPHA), ">", "rejected", "warn"),
    (_printed(ALPHA - 0.001), "<", "supported", "pass"),
    (_printed(ALPHA + 0.001), "<", "supported", "fail"),  # false for every value the print allows
    (_printed(ALPHA), "<", "rejected", "fail")])      # the verdict contradicts the inequality as written
def test_inequality_verdict_at_its_threshold(value, relation, said, verdict):
    item = f"A -> Y: p {value:.3f} {relation} {ALPHA:g}"
    got, why = _verdict(_inequality(value, relation, said), "inequality_verdict", item)
    assert got == verdict, why


@pytest.mark.parametrize("offset, label, verdict", [
    (0.0, "moderate", "warn"), (0.0, "substantial", "warn"),    # 0.670 may be 0.6696 or 0.6704
    (0.001, "moderate", "fail"), (0.001, "substantial", "pass"), (-0.001, "substantial", "fail")])
def test_r2_label_at_the_papers_own_threshold(offset, label, verdict):
    data = made_up_published()
    table = data["tables"]["explained_variance"]
    bound = table["thresholds_stated"]["substantial"]
    data = changed(data, "tables", "explained_variance", "r2", "M", value=_printed(bound + offset))
    data = changed(data, "tables", "explained_variance", "interpretation_published", "M", value=label)
    got, why = _verdict(data, "r2_label", "M")
    assert got == verdict, why
