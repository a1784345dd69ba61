"""The words of the generated papers, English and Indonesian, as SmartPLS users write them.

Every sentence that quotes a statistic is a template here; :mod:`generator` fills it with the
printed numbers (or, where an error is planted, with the planted ones). Numbers are formatted by
:func:`num`: a decimal point in English, a decimal comma in Indonesian prose.
"""
from __future__ import annotations

ORDINALS = {"en": ["first", "second", "third", "fourth", "fifth", "sixth", "seventh"],
            "id": ["pertama", "kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh"]}


def num(value: float, decimals: int = 3, comma: bool = False) -> str:
    """``value`` with ``decimals`` digits; a decimal comma when ``comma``."""
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if comma else text


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


WORDS = {
    "en": {
        "title": "The effect of {a} on {b}: a PLS-SEM study",
        "abstract": "This study examines {names} with a survey of {n} respondents analysed by PLS-SEM in SmartPLS 4.",
        "intro": "INTRODUCTION", "hyp_section": "HYPOTHESES", "method": "METHOD", "results": "RESULTS",
        "discussion": "DISCUSSION", "conclusion": "CONCLUSION",
        "intro_text": "Firms increasingly depend on {a}. This study tests how {names} are related.",
        "hypothesis": "H{k}: {Src} has a positive effect on {tgt}.",
        "hyp_lead": "Prior studies suggest that {src} strengthens {tgt}; hence:",
        "defines": "The constructs are {defs}.",
        "define": "{name} ({abbr})",
        "method_text": ("The data were collected with an online questionnaire from {n} respondents selected by "
                        "purposive sampling, on five-point Likert scales. The model was estimated with SmartPLS 4 "
                        "(PLS-SEM), and significance was assessed by bootstrapping with {b} subsamples{tails}. A "
                        "hypothesis is supported when its p value is below 0.05."),
        "one_tailed": ", with one-tailed p values because every hypothesis is directional",
        "two_tailed": " (two-tailed tests)",
        "wrong_rule": "P > 0.05 indicates a negative effect, while P < 0.05 indicates a positive effect.",
        "profile_head": "Respondent profile",
        "profile_lead": "Table {t} describes the {n} respondents.",
        "profile_block": "By {block}, {items}.",
        "profile_item": "{n} respondents were {label}",
        "and": "and",
        "measurement": "Measurement model",
        "loadings_text": ("All outer loadings exceed 0.70 and every AVE exceeds 0.50 (Table {t}), so convergent "
                          "validity is established."),
        "reliability_text": ("Cronbach's alpha and composite reliability exceed 0.70 for every construct "
                             "(Table {t}), so the constructs are reliable."),
        "fl_text": ("The square root of each construct's AVE (diagonal) exceeds its correlations with the other "
                    "constructs (Table {t}), meeting the Fornell-Larcker criterion."),
        "htmt_text": "Every HTMT ratio is below {bound} (Table {t}), so discriminant validity holds.",
        "htmt_bounds": ["0.85", "the conservative threshold value of 0.90"],
        "cross_text": "Each indicator loads highest on its own construct (Table {t}).",
        "vif_text": "Every outer VIF is below 5 (Table {t}), so collinearity is no concern.",
        "structural": "Structural model",
        "r2_text": ("The R-square of {tgt} is {r2} (adjusted {adj}): {preds} explain {pct}% of the variance in {tgt}, "
                    "and the remaining {rest}% is explained by variables outside the model."),
        "f2_text": "Table {t} reports the effect sizes (f-square) of the paths.",
        "paths_lead": "Table {t} reports the path coefficients and Table {t2} the specific indirect effects.",
        "statement": "{Src} has a positive and significant effect on {tgt} (β = {b}, t = {t}, p = {p} {rel} 0.05); "
                     "H{k} is therefore supported.",
        "statement_not": "{Src} does not significantly affect {tgt} (β = {b}, t = {t}, p = {p} {rel} 0.05); "
                         "H{k} is therefore not supported.",
        "statement_alt": ("The null hypothesis of no effect of {src} on {tgt} is rejected (β = {b}, t = {t}, "
                          "p = {p} {rel} 0.05); H{k} is therefore supported."),
        "contrast": ("{Src} has a significant effect on {tgt} (p = {p} < 0.05), whereas the effect of {src2} on {tgt2} "
                     "is not significant (p = {p2} > 0.05)."),
        "mediation": ("The specific indirect effect of {src} on {tgt} through {med} is significant (β = {b}, t = {t}, "
                      "p = {p} {rel} 0.05), so {med} mediates the effect of {src} on {tgt}; this mediation is "
                      "supported."),
        "mediation_not": ("The specific indirect effect of {src} on {tgt} through {med} is not significant (β = {b}, "
                          "t = {t}, p = {p} {rel} 0.05), so {med} does not mediate the effect of {src} on {tgt}; this "
                          "mediation is not supported."),
        "disc_head": "The effect of {src} on {tgt}",
        "disc_text": ("Table {t} supports the {ordinal} hypothesis: with a t statistic of {tt} and a p value of {p}, "
                      "{src} increases {tgt}. Firms that invest in {src} achieve more {tgt}."),
        "disc_text_not": ("Table {t} does not support the {ordinal} hypothesis: with a t statistic of {tt} and a p "
                          "value of {p}, {src} does not significantly affect {tgt}."),
        "conclusion_text": "All hypotheses are supported. {names} reinforce one another.",
        "conclusion_some": "Of the {m} hypotheses, {k} are supported. {names} reinforce one another.",
        "table_words": {"table": "Table", "source": "Source: SmartPLS 4 output",
                        "primary": "Source: primary data (2026)",
                        "profile": "Respondent profile", "characteristic": "Characteristic", "count": "n",
                        "percent": "%", "total": "Total",
                        "loadings": "Outer loadings and average variance extracted (AVE)", "construct": "Construct",
                        "indicator": "Indicator", "loading": "Outer loading",
                        "reliability": "Construct reliability",
                        "fl": "Fornell-Larcker criterion", "htmt": "Heterotrait-monotrait ratio (HTMT)",
                        "r2": "R-square", "f2": "f-square", "path": "Path",
                        "paths": "Path coefficients", "indirect": "Specific indirect effects", "result": "Result",
                        "cross": "Cross loadings", "vif": "Collinearity statistics (VIF)"},
        "blocks": {"gender": ("gender", ["male", "female"]),
                   "age": ("age", ["under 25 years", "25 to 34 years", "35 to 44 years", "45 years or older"]),
                   "education": ("education", ["high school", "diploma", "bachelor's degree", "master's degree"])},
    },
    "id": {
        "title": "Pengaruh {a} terhadap {b}: studi PLS-SEM",
        "abstract": "Penelitian ini menguji {names} melalui survei terhadap {n} responden dengan PLS-SEM (SmartPLS 4).",
        "intro": "PENDAHULUAN", "hyp_section": "PERUMUSAN HIPOTESIS", "method": "METODE PENELITIAN",
        "results": "HASIL", "discussion": "PEMBAHASAN", "conclusion": "KESIMPULAN",
        "intro_text": "Usaha semakin bergantung pada {a}. Penelitian ini menguji hubungan {names}.",
        "hypothesis": "H{k}: {Src} berpengaruh positif terhadap {tgt}",
        "hyp_lead": "Penelitian terdahulu menunjukkan bahwa {src} memperkuat {tgt}. Oleh karena itu dirumuskan:",
        "defines": "Variabel penelitian ini adalah {defs}.",
        "define": "{name} ({abbr})",
        "method_text": ("Data dikumpulkan melalui kuesioner daring dengan skala Likert 1-5 dari {n} responden yang "
                        "dipilih dengan purposive sampling. Analisis data menggunakan SmartPLS 4 (PLS-SEM), dan "
                        "signifikansi diuji dengan bootstrapping {b} subsampel{tails}. Hipotesis diterima apabila "
                        "nilai p lebih kecil dari 0,05."),
        "one_tailed": " dengan pengujian satu arah (one-tailed) karena setiap hipotesis berarah",
        "two_tailed": " (pengujian dua arah)",
        "wrong_rule": "P > 0,05 menunjukkan pengaruh negatif, sedangkan P < 0,05 menunjukkan pengaruh positif.",
        "profile_head": "Deskripsi responden",
        "profile_lead": "Tabel {t} menyajikan karakteristik {n} responden.",
        "profile_block": "Berdasarkan {block}, {items}.",
        "profile_item": "responden {label} sebanyak {n} orang",
        "and": "dan",
        "measurement": "Model pengukuran (outer model)",
        "loadings_text": ("Seluruh outer loading lebih besar dari 0,70 dan nilai AVE di atas 0,50 (Tabel {t}), "
                          "sehingga validitas konvergen terpenuhi."),
        "reliability_text": ("Nilai Cronbach's alpha dan composite reliability seluruh variabel di atas 0,70 "
                             "(Tabel {t}), sehingga dinyatakan reliabel."),
        "fl_text": ("Akar AVE setiap variabel (diagonal) lebih besar dari korelasinya dengan variabel lain "
                    "(Tabel {t}), sehingga kriteria Fornell-Larcker terpenuhi."),
        "htmt_text": "Seluruh nilai HTMT di bawah {bound} (Tabel {t}), sehingga validitas diskriminan terpenuhi.",
        "htmt_bounds": ["0,85", "nilai ambang 0,90"],
        "cross_text": "Setiap indikator memiliki loading tertinggi pada variabelnya sendiri (Tabel {t}).",
        "vif_text": "Seluruh nilai VIF di bawah 5 (Tabel {t}), sehingga tidak terjadi multikolinearitas.",
        "structural": "Model struktural (inner model)",
        "r2_text": ("Nilai R-square {tgt} sebesar {r2} dengan R-square adjusted sebesar {adj}, artinya sekitar {pct}% "
                    "variasi {tgt} dijelaskan oleh {preds}, sedangkan {rest}% sisanya dijelaskan oleh variabel lain di "
                    "luar penelitian."),
        "f2_text": "Tabel {t} menyajikan nilai f-square (effect size) setiap jalur.",
        "paths_lead": "Tabel {t} menyajikan koefisien jalur dan Tabel {t2} pengaruh tidak langsung spesifik.",
        "statement": ("{Src} berpengaruh positif dan signifikan terhadap {tgt} dengan koefisien jalur sebesar {b}, "
                      "T-statistik sebesar {t} dan P-value ({p} {rel} 0,05), sehingga hipotesis {ordinal} diterima."),
        "statement_not": ("{Src} tidak berpengaruh signifikan terhadap {tgt} dengan koefisien jalur sebesar {b}, "
                          "T-statistik sebesar {t} dan P-value ({p} {rel} 0,05), sehingga hipotesis {ordinal} "
                          "ditolak."),
        "statement_alt": ("Pengaruh {src} terhadap {tgt} memiliki T-statistik sebesar {t} dan P-value = {p} {rel} 0,05 "
                          "sehingga berpengaruh positif dan signifikan (koefisien jalur {b}); hipotesis {ordinal} "
                          "diterima."),
        "contrast": ("{Src} berpengaruh signifikan terhadap {tgt} (p = {p} < 0,05), sedangkan pengaruh {src2} terhadap "
                     "{tgt2} tidak signifikan (p = {p2} > 0,05)."),
        "mediation": ("Pengaruh tidak langsung {src} terhadap {tgt} melalui {med} signifikan dengan koefisien sebesar "
                      "{b}, T-statistik sebesar {t} dan P-value ({p} {rel} 0,05), sehingga {med} memediasi pengaruh "
                      "{src} terhadap {tgt} (diterima)."),
        "mediation_not": ("Pengaruh tidak langsung {src} terhadap {tgt} melalui {med} tidak signifikan dengan "
                          "koefisien sebesar {b}, T-statistik sebesar {t} dan P-value ({p} {rel} 0,05), sehingga "
                          "{med} tidak memediasi pengaruh {src} terhadap {tgt} (ditolak)."),
        "disc_head": "Pengaruh {src} terhadap {tgt}",
        "disc_text": ("Tabel {t} menunjukkan dukungan empiris terhadap hipotesis {ordinal}. Nilai p sebesar {p} dan "
                      "T-statistik sebesar {tt} menunjukkan bahwa {src} berpengaruh positif terhadap {tgt}. Usaha yang "
                      "memperkuat {src} mencapai {tgt} yang lebih baik."),
        "disc_text_not": ("Tabel {t} menunjukkan bahwa hipotesis {ordinal} ditolak. Nilai p sebesar {p} dan "
                          "T-statistik sebesar {tt} menunjukkan bahwa {src} tidak berpengaruh signifikan terhadap "
                          "{tgt}."),
        "conclusion_text": "Seluruh hipotesis diterima. {names} saling memperkuat.",
        "conclusion_some": "Dari {m} hipotesis, {k} diterima. {names} saling memperkuat.",
        "table_words": {"table": "Tabel", "source": "Sumber: Output SmartPLS 4",
                        "primary": "Sumber: Data primer diolah (2026)",
                        "profile": "Deskripsi Responden", "characteristic": "Karakteristik", "count": "Jumlah",
                        "percent": "Persentase (%)", "total": "Total",
                        "loadings": "Convergent Validity", "construct": "Variabel",
                        "indicator": "Indikator", "loading": "Outer loading",
                        "reliability": "Composite Reliability dan Cronbach's Alpha",
                        "fl": "Fornell-Larcker Criterion", "htmt": "Heterotrait-Monotrait Ratio (HTMT)",
                        "r2": "R-Square", "f2": "F-Square", "path": "Jalur",
                        "paths": "Path Coefficients", "indirect": "Specific Indirect Effects", "result": "Keterangan",
                        "cross": "Cross Loadings", "vif": "Collinearity Statistics (VIF)"},
        "blocks": {"gender": ("jenis kelamin", ["laki-laki", "perempuan"]),
                   "age": ("usia", ["di bawah 25 tahun", "25 sampai 34 tahun", "35 sampai 44 tahun",
                                    "45 tahun ke atas"]),
                   "education": ("pendidikan", ["SMA", "diploma", "sarjana", "magister"])},
    },
}
