"""A small paper written from numbers computed here, for the prose tests: tables (as the extractor gives
them) and a results text in English or Indonesian, decimal point or comma, with one error planted on request.

Every number in the text is formatted from the values below (never typed): path coefficients and
standard errors chosen, t = O/STDEV, p from t (Student t, B − 1 df; two- or one-tailed), R² from the
paths, counts from a respondent block.
"""
from __future__ import annotations

from scipy import stats

from plssem_pipeline.audit.published import parse_published
from plssem_pipeline.paper.document import parse_text
from plssem_pipeline.paper.prose import add_prose_tables, extract_prose

B = 5000
NAMES = {"en": {"SQ": "Service Quality", "CS": "Customer Satisfaction", "BL": "Brand Loyalty"},
         "id": {"SQ": "Kualitas Layanan", "CS": "Kepuasan Pelanggan", "BL": "Loyalitas Merek"}}
COEFFICIENTS = {("SQ", "CS"): (0.5123, 0.0611), ("SQ", "BL"): (0.2034, 0.0872), ("CS", "BL"): (0.3817, 0.0743)}
CORR = 0.0  # SQ is the only exogenous construct
COUNTS = {"1": ("Female", 71), "2": ("Male", 69)}


def _p(t: float, tails: int) -> float:
    return float(tails * stats.t.sf(abs(t), B - 1))


def values(tails: int = 2) -> dict:
    """Printed values (3 decimals) of every row: path -> {original, sd, t, p}; indirect SQ -> CS -> BL; R²."""
    rows = {}
    for (a, b), (o, sd) in COEFFICIENTS.items():
        t = o / sd
        rows[f"{a} -> {b}"] = {"original": round(o, 3), "mean": round(o, 3), "sd": round(sd, 3), "t": round(t, 3),
                               "p": round(_p(t, tails), 3)}
    o = COEFFICIENTS["SQ", "CS"][0] * COEFFICIENTS["CS", "BL"][0]
    sd = 0.0402
    indirect = {"SQ -> CS -> BL": {"original": round(o, 3), "mean": round(o, 3), "sd": round(sd, 3),
                                   "t": round(o / sd, 3), "p": round(_p(o / sd, tails), 3)}}
    a, b, c = (COEFFICIENTS[k][0] for k in (("SQ", "CS"), ("SQ", "BL"), ("CS", "BL")))
    r2 = {"CS": round(a * a, 3), "BL": round(b * b + c * c + 2 * b * c * a, 3)}
    return {"rows": rows, "indirect": indirect, "r2": r2}


def tables(v: dict) -> dict:
    """The extracted tables' mapping."""
    return {
        "table1_respondents": {"caption": "Table 1. Respondents", "blocks": {"gender": {
            "label": "Gender", "total": sum(n for _, n in COUNTS.values()),
            "categories": {int(k): {"label": label, "n": n} for k, (label, n) in COUNTS.items()}}}},
        "table3_r_squared": {"caption": "Table 3. R-square", "printed_decimals": 3, "r2": dict(v["r2"])},
        "table4_path_coefficients": {"caption": "Table 4. Path coefficients", "printed_decimals": 3,
                                     "rows": dict(v["rows"])},
        "table5_specific_indirect": {"caption": "Table 5. Specific indirect effects", "printed_decimals": 3,
                                     "rows": dict(v["indirect"])},
    }


def fmt(x: float, decimals: int = 3, comma: bool = False) -> str:
    text = f"{x:.{decimals}f}"
    return text.replace(".", ",") if comma else text


def text(v: dict, *, language: str = "en", comma: bool = False, plant: str | None = None,
         tails_sentence: str | None = None) -> str:
    """The paper's text; ``plant`` names the error planted (see :data:`PLANTS`)."""
    f = lambda x, d=3: fmt(x, d, comma)  # noqa: E731
    n = NAMES[language]
    rows, ind, r2 = v["rows"], v["indirect"]["SQ -> CS -> BL"], v["r2"]
    r = {k: rows[k] for k in rows}
    p_cs_bl = r["CS -> BL"]["p"]
    quoted_p = r["SQ -> BL"]["p"] if plant == "prose_vs_table" else p_cs_bl
    relation = ">" if plant == "inequality_verdict" else "<"
    pct = 100 * (r2["BL"] if plant == "variance_explained" else r2["CS"])
    ordinal = {"en": "third", "id": "ketiga"}[language] if plant == "hypothesis_numbering" else None
    female = COUNTS["1"][1] + (1 if plant == "prose_count" else 0)
    lines = []
    if language == "en":
        lines += ["# Theory", "",
                  f"{n['SQ']} (SQ), {n['CS']} (CS) and {n['BL']} (BL) are measured with reflective items.", "",
                  "## Hypotheses", "",
                  f"H1: {n['SQ'].lower()} has a positive effect on {n['CS'].lower()}.", "",
                  f"H2: {n['SQ'].lower()} has a positive effect on {n['BL'].lower()}.", "",
                  f"H3: {n['CS'].lower()} has a positive effect on {n['BL'].lower()}.", "",
                  "# Results", "",
                  f"Of the respondents, {COUNTS['2'][1]} were male and {female} were female.", ""]
        if tails_sentence:
            lines += [tails_sentence, ""]
        lines += [
            f"The model explains {f(pct, 1)}% of the variance in {n['CS'].lower()}, while the remaining "
            f"{f(100 - pct, 1)}% is due to other factors.", "",
            (f"P values above 0.05 indicate a negative effect, while values below 0.05 indicate a positive effect."
             if plant == "decision_rule" else "A p value below 0.05 indicates a significant effect."), "",
            f"{n['SQ']} has a significant effect on {n['CS'].lower()} (β = {f(r['SQ -> CS']['original'])}, "
            f"t = {f(r['SQ -> CS']['t'])}, p = {f(r['SQ -> CS']['p'])}). Thus H1 is supported.", "",
            f"{n['SQ']} also affects {n['BL'].lower()} (β = {f(r['SQ -> BL']['original'])}, "
            f"t = {f(r['SQ -> BL']['t'])}), so the {ordinal or 'second'} hypothesis is accepted.", "",
            f"{n['CS']} has a significant effect on {n['BL'].lower()} with p = {f(quoted_p)} {relation} "
            f"{f(0.05, 2)}, supporting H3.", "",
            f"The indirect effect of {n['SQ'].lower()} on {n['BL'].lower()} through {n['CS'].lower()} is "
            f"significant (t = {f(ind['t'])}, p = {f(ind['p'])}), so {n['CS'].lower()} mediates the "
            f"relationship between {n['SQ'].lower()} and {n['BL'].lower()}.", ""]
    else:
        lines += ["# LANDASAN TEORI", "",
                  f"{n['SQ']} (SQ), {n['CS']} (CS) dan {n['BL']} (BL) diukur dengan indikator reflektif.", "",
                  "## Perumusan Hipotesis", "",
                  f"H1: {n['SQ'].lower()} berpengaruh positif terhadap {n['CS'].lower()}", "",
                  f"H2: {n['SQ'].lower()} berpengaruh positif terhadap {n['BL'].lower()}", "",
                  f"H3: {n['CS'].lower()} berpengaruh positif terhadap {n['BL'].lower()}", "",
                  "# HASIL", "",
                  f"Responden Female sebanyak {female} orang dan Male sebanyak {COUNTS['2'][1]} orang.", ""]
        if tails_sentence:
            lines += [tails_sentence, ""]
        lines += [
            f"Nilai tersebut menyatakan bahwa sekitar {f(pct, 1)}% dari variasi {n['CS'].lower()} dijelaskan oleh "
            f"{n['SQ'].lower()}, sedangkan {f(100 - pct, 1)}% sisanya dipengaruhi oleh variabel lain.", "",
            (f"Nilai P > {f(0.05, 2)} menunjukkan pengaruh negatif, sedangkan P < {f(0.05, 2)} menunjukkan pengaruh "
             f"positif." if plant == "decision_rule" else
             f"Nilai P < {f(0.05, 2)} menunjukkan pengaruh yang signifikan."), "",
            f"{n['SQ']} berpengaruh signifikan terhadap {n['CS'].lower()} dengan P-value {f(r['SQ -> CS']['p'])} "
            f"( <{f(0.05, 2)} ) dan T-statistik sebesar {f(r['SQ -> CS']['t'])}. Hasil ini menerima hipotesis pertama.",
            "",
            f"Variabel {n['SQ'].lower()} dan {n['BL'].lower()} memiliki hubungan signifikan dengan T-statistik "
            f"{f(r['SQ -> BL']['t'])}, sehingga hipotesis {ordinal or 'kedua'} diterima.", "",
            f"Pengaruh {n['CS'].lower()} terhadap {n['BL'].lower()} signifikan dengan nilai P-value "
            f"( {f(quoted_p)} {relation} {f(0.05, 2)} ), sehingga hipotesis ketiga diterima.", "",
            f"Pada tabel 5 mediasi diterima dengan P-value {f(ind['p'])} ( <{f(0.05, 2)} ) dan T-statistik "
            f"{f(ind['t'])}, sehingga {n['CS'].lower()} terbukti memediasi hubungan antara {n['SQ'].lower()} dan "
            f"{n['BL'].lower()}.", ""]
    return "\n".join(lines)


#: The errors :func:`text` can plant, by the check that must find them.
PLANTS = ("prose_vs_table", "inequality_verdict", "variance_explained", "hypothesis_numbering", "decision_rule",
          "prose_count")


def published(source: str, v: dict) -> tuple[dict, object]:
    """``(the published-tables mapping, Published)`` extracted from a text and the tables of ``v``."""
    document = parse_text(source)
    t = tables(v)
    prose = extract_prose(document, t)
    add_prose_tables(document, t, prose)
    data = {"n": sum(n for _, n in COUNTS.values()), "bootstrap_samples": B, "tables": t, "prose": prose}
    return data, parse_published(data, file="generated")
