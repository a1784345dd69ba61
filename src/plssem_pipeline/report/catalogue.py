"""Every label and sentence of the report, in English and Indonesian, in one place.

``STRINGS[language][key]`` is a plain string; ``{name}`` fields are filled with
:meth:`str.format` by :func:`Catalogue.__call__`. The report context
(:mod:`plssem_pipeline.report.context`) and the figures take every piece of
wording from here, so translating the report means editing this file only.
Both languages must define the same keys (a test checks it).

Values filled into a sentence (construct labels, file names, numbers) are
user text: the templates escape the finished sentence for HTML or LaTeX, so
nothing here may contain markup.
"""
from __future__ import annotations

__all__ = ["LANGUAGES", "STRINGS", "Catalogue"]

LANGUAGES = ("en", "id")

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        # --- front matter ---------------------------------------------------------------
        "lang_name": "English",
        "subtitle": "Results section regenerated from the raw survey by the PLS-SEM pipeline",
        "reproduces": "Reproduces the results of: {citation}",
        "synthetic_banner_title": "Synthetic data",
        "synthetic_banner": ("The survey analysed here ({survey}) is synthetic: it was generated, not collected "
                             "(config key data.synthetic). Every number below demonstrates the pipeline and is not "
                             "evidence about the population the study describes."),
        "synthetic_banner_published": ("Where published values are shown beside them, the synthetic survey was "
                                       "calibrated to resemble the published tables; agreement is by construction, "
                                       "not a replication."),
        "contents": "Contents",
        "no_number": "–",
        # --- sections -------------------------------------------------------------------
        "sec_methods": "Method and settings",
        "sec_respondents": "Respondents",
        "sec_measurement": "Measurement model (outer model)",
        "sec_convergent": "Convergent validity",
        "sec_reliability": "Internal consistency reliability",
        "sec_discriminant": "Discriminant validity",
        "sec_collinearity_outer": "Indicator collinearity",
        "sec_structural": "Structural model (inner model)",
        "sec_r2": "Explained variance and effect sizes",
        "sec_paths": "Path coefficients",
        "sec_mediation": "Mediation (specific indirect effects)",
        "sec_hypotheses": "Hypotheses",
        "sec_audit": "Audit",
        "sec_audit_published": "Published against reproduced",
        "sec_audit_consistency": "The paper against itself",
        "sec_provenance": "Provenance",
        # --- methods paragraph ----------------------------------------------------------
        "m_sample": ("The analysis uses {n} respondents: {rows} rows were read from {survey}, {excluded} were "
                     "excluded, and {logged} cell-level events are listed in the exclusions log "
                     "(results/clean/exclusions.csv)."),
        "m_sample_reasons": "Logged events by reason: {reasons}.",
        "m_missing": "Missing indicator values are handled by {treatment}.",
        "treatment_mean_replacement": "mean replacement",
        "treatment_casewise_deletion": "casewise deletion",
        "treatment_none": "refusing to proceed (none occurred)",
        "m_model": ("The model has {k} constructs measured by {indicators} indicators ({modes}) and {paths} "
                    "structural paths."),
        "mode_A": "Mode A, reflective",
        "mode_B": "Mode B, formative",
        "m_algorithm": ("It was estimated with the PLS-SEM algorithm of plssem {version} (SmartPLS 4 defaults "
                        "unless stated): the {scheme} weighting scheme, standardised indicators, initial outer "
                        "weights of 1, a stop criterion of {tol} (sum of absolute changes of the outer weights) and "
                        "at most {max_iter} iterations; the algorithm {converged} after {iterations} iterations."),
        "scheme_path": "path",
        "scheme_centroid": "centroid",
        "scheme_factorial": "factorial",
        "converged": "converged",
        "not_converged": "did NOT converge",
        "m_bootstrap": ("Standard errors, t statistics, p values and confidence intervals come from a "
                        "nonparametric bootstrap of {samples} subsamples ({failed} failed, {nonconv} did not "
                        "converge), two-tailed tests at α = {alpha}, {ci} {level}% confidence intervals, sign "
                        "change option: {sign}, random seed {seed} (subsample i draws from "
                        "counter block i of the Philox generator keyed by the seed)."),
        "m_failed_list": "Failed subsamples (left out of every summary): {ids}.",
        "ci_percentile": "percentile",
        "ci_bca": "bias-corrected and accelerated (BCa)",
        "sign_none": "no sign changes",
        "sign_construct": "construct-level sign changes",
        "m_mediation": ("Mediation is typed after Zhao, Lynch & Chen (2010); an effect counts as significant when "
                        "{rule}."),
        "med_rule_p_value": "its bootstrap p value is below α",
        "med_rule_confidence_interval": "its bootstrap confidence interval excludes zero",
        "m_software": "Software: {software}.",
        "m_thresholds": ("Thresholds follow Hair et al. (2022): loadings ≥ 0.70, AVE ≥ 0.50, Cronbach's α and "
                         "ρ_C ≥ 0.70, HTMT < 0.90 (upper confidence bound), VIF < 5, f² of 0.02, 0.15 and 0.35 "
                         "for small, medium and large effects."),
        "m_numbering": ("Tables 1–6 carry the published paper's numbers; lettered tables and Table 7 are "
                        "additions that current PLS-SEM reporting guidelines ask for."),
        # --- table captions -------------------------------------------------------------
        "table": "Table",
        "figure": "Figure",
        "t1": "Respondent profile",
        "t2": "Convergent validity",
        "t3": "Internal consistency reliability",
        "t3a": "Discriminant validity: Fornell–Larcker criterion",
        "t3b": "Discriminant validity: heterotrait–monotrait ratio (HTMT) with bootstrap confidence interval",
        "t3c": "Collinearity of the indicators (outer VIF)",
        "t4": "R² and adjusted R²",
        "t4a": "Effect sizes (f²) and collinearity of the predictors (inner VIF)",
        "t5": "Path coefficients",
        "t6": "Specific indirect effects",
        "t7": "Hypotheses",
        "comparison_caption": "Table {number}, published against reproduced",
        "comparison_other_caption": "Other published values against reproduced",
        "consistency_caption": "Checks of the published paper against itself",
        "files_caption": "Files behind the report (SHA-256)",
        "versions_caption": "Software versions",
        # --- column headers -------------------------------------------------------------
        "c_variable": "Variable",
        "c_category": "Category",
        "c_n": "n",
        "c_percent": "%",
        "c_total": "Total",
        "c_missing": "(missing)",
        "c_construct": "Construct",
        "c_indicator": "Indicator",
        "c_loading": "Outer loading",
        "c_ave": "AVE",
        "c_result": "Result",
        "c_alpha": "Cronbach's α",
        "c_rho_a": "ρ_A",
        "c_rho_c": "ρ_C (composite reliability)",
        "c_pair": "Constructs",
        "c_htmt": "HTMT",
        "c_vif": "VIF",
        "c_r2": "R²",
        "c_r2_adj": "R² adjusted",
        "c_r2_level": "Explanatory power",
        "c_path": "Path",
        "c_f2": "f²",
        "c_effect_size": "Effect size",
        "c_original": "Original sample (O)",
        "c_mean": "Sample mean (M)",
        "c_sd": "Standard deviation (STDEV)",
        "c_t": "T statistics (|O/STDEV|)",
        "c_p": "P values",
        "c_mediation_type": "Mediation type",
        "c_vaf": "VAF",
        "c_hypothesis": "Hypothesis",
        "c_statement": "Statement (as published)",
        "c_beta": "β",
        "c_ci": "{level}% CI",
        "c_verdict": "Verdict",
        "c_published_verdict": "Published verdict",
        "c_fl_met": "Criterion met",
        "c_row": "Row",
        "c_statistic": "Statistic",
        "c_published": "Published",
        "c_reproduced": "Reproduced",
        "c_difference": "Difference",
        "c_tolerance": "Tolerance",
        "c_within": "Within tolerance",
        "c_check": "Check",
        "c_table": "Table",
        "c_item": "Item",
        "c_recomputed": "Recomputed",
        "c_explanation": "Explanation",
        "c_file": "File",
        "c_sha256": "SHA-256",
        "c_step": "Written by",
        "c_package": "Package",
        "c_version": "Version",
        # --- verdicts -------------------------------------------------------------------
        "valid": "Valid",
        "not_valid": "Not valid",
        "reliable": "Reliable",
        "not_reliable": "Not reliable",
        "yes": "yes",
        "no": "no",
        "supported": "Supported",
        "not_supported": "Not supported",
        "published_supported": "supported",
        "published_not_supported": "not supported",
        "discriminant_ok": "Discriminant",
        "discriminant_problem": "Not discriminant",
        "vif_ok": "No collinearity problem",
        "vif_possible": "Possible collinearity (3–5)",
        "vif_critical": "Critical collinearity (≥ 5)",
        "r2_substantial": "substantial",
        "r2_moderate": "moderate",
        "r2_weak": "weak",
        "r2_very_weak": "very weak",
        "f2_large": "large",
        "f2_medium": "medium",
        "f2_small": "small",
        "f2_none": "none",
        "within_yes": "yes",
        "within_no": "no (out of tolerance)",
        "within_na": "no tolerance",
        "verdict_fail": "fails",
        "verdict_note": "note",
        "verdict_pass": "passes",
        "med_complementary": "complementary (partial mediation)",
        "med_competitive": "competitive (partial mediation)",
        "med_indirect-only": "indirect-only (full mediation)",
        "med_direct-only": "direct-only (no mediation)",
        "med_no-effect": "no effect (no mediation)",
        # --- notes under tables ---------------------------------------------------------
        "n_source": "Source",
        "n_t1": "Counts of the {n} respondents analysed; each block sums to n.",
        "n_t2": ("Loadings of at least 0.70 are valid; AVE (average variance extracted, the mean squared loading "
                 "of a block) of at least 0.50 shows convergent validity. The AVE is printed on each construct's "
                 "first row."),
        "n_t3": ("Reliable when Cronbach's α and ρ_C reach 0.70; values above 0.95 suggest redundant items. ρ_A "
                 "(Dijkstra–Henseler) lies between them."),
        "n_t3a": ("Diagonal (bold): square root of the AVE; below it, construct correlations. The criterion is met "
                  "when a construct's √AVE exceeds its correlations with every other construct."),
        "n_t3b": ("Discriminant validity holds when the upper bound of the bootstrap confidence interval is below "
                  "0.90 (Henseler, Ringle & Sarstedt 2015). The paper reports neither Fornell–Larcker nor HTMT."),
        "n_t3c": "Within each block; values of 5 or more signal critical collinearity.",
        "n_t4": ("Explanatory power after Hair et al. (2022): 0.75 substantial, 0.50 moderate, 0.25 weak. "
                 "SRMR of the estimated model: {srmr}."),
        "n_t4a": ("f²: change in R² of the target when the path is left out, relative to 1 − R² (0.02 small, "
                  "0.15 medium, 0.35 large). VIF of the predictor among the target's predictors."),
        "n_t5": ("Layout of SmartPLS 4's bootstrapping output. T = |O/STDEV|; P two-tailed; {ci} confidence "
                 "interval from {samples} subsamples."),
        "n_t6": ("Mediation type after Zhao, Lynch & Chen (2010), using the significance of the indirect and the "
                 "direct effect; VAF = indirect / total effect."),
        "n_t7_published": ("Numbered as in the paper's hypotheses section ({source}). Supported when {rule}; "
                           "the sign of β gives the direction."),
        "t7_rule_p_value": "the path's two-tailed p value is below α = {alpha}",
        "t7_rule_confidence_interval": "the path's {level}% bootstrap confidence interval excludes zero",
        "n_t7_config": ("Numbered in the order of the config's paths (no published hypotheses are configured). "
                        "Supported when {rule}."),
        "n_marked": "† out of the audit's tolerance of the published value (see the comparison below).",
        "n_comparison": "{within} of {total} published values within tolerance; {out} out of tolerance (marked †).",
        "n_comparison_none": "{total} published values, none with a tolerance.",
        # --- figures --------------------------------------------------------------------
        "f_loadings": "Outer loadings against the {threshold} threshold",
        "f_htmt": "HTMT ratios with their bootstrap confidence intervals; {threshold} threshold",
        "f_structural": ("Structural model as SmartPLS draws it: constructs (circles, R² inside), indicators "
                         "(boxes) with outer loadings, paths with β and p value; dashed paths are not significant "
                         "at α = {alpha}"),
        "f_structural_paper": " (the paper's Figure 2, which its text does not show)",
        "f_bootstrap_paths": ("Bootstrap distributions of the path coefficients ({samples} subsamples; red: "
                              "original estimate; dashed: {ci} confidence interval)"),
        "f_bootstrap_indirect": ("Bootstrap distributions of the specific indirect effects ({samples} "
                                 "subsamples; red: original estimate; dashed: {ci} confidence interval)"),
        "f_open": "Open the full-size image",
        "no_indirect": "The model has no specific indirect effects (no route of two or more paths), so no mediation.",
        "fig_loadings_title": "Outer loadings",
        "fig_loadings_axis": "outer loading",
        "fig_htmt_title": "HTMT (threshold {threshold})",
        "fig_paths_title": "Path coefficients",
        "fig_indirect_title": "Specific indirect effects",
        "fig_bootstrap_legend": "dashed: confidence interval; red: original estimate",
        "fig_no_statistics": "no statistics of this kind in the model",
        "fig_structural_legend": "path coefficient (p value); dashed: not significant",
        # --- audit ----------------------------------------------------------------------
        "a_not_run": ("The audit step is not part of this workflow yet, so published values are not set beside "
                      "the reproduced ones and the paper is not checked against itself."),
        "a_no_published": ("No published tables are configured (config key published), so there is nothing to "
                           "compare the reproduced numbers with."),
        "a_published_summary": ("{total} published numbers compared with the pipeline's: {within} within "
                                "tolerance, {out} out of tolerance, {na} without a tolerance. Full table: {file}."),
        "a_consistency_summary": ("{total} checks of published numbers that can be recomputed from other published "
                                  "numbers, without data: {fail} fail, {note} notes, {passed} pass. Failures come "
                                  "first; the explanation shows the arithmetic. Full table: {file}."),
        "a_consistency_empty": "The consistency checks found nothing to check.",
        # --- provenance -----------------------------------------------------------------
        "p_intro": ("Every table above is computed from the results files below (the link under each table names "
                    "its files). Their SHA-256 lets anyone check that a results folder is the one this report "
                    "was made from."),
        "p_config": "Configuration ({source}), with defaults filled in",
        "p_seed": "Bootstrap seed: {seed}.",
        "p_code": "Code fingerprints: engine {engine}; pipeline {pipeline}.",
        "p_manifest": "The audit's provenance manifest: {file}.",
        "p_pdf_skipped": "PDF not built: {reason}.",
        "p_pdf_not_requested": "PDF not requested (config key report.formats).",
        "p_pdf_built": "PDF built with {engine} from report/results.tex.",
        "p_pdf_pending": "PDF built from this file by {engine} when a TeX engine is installed.",
        "no_tex": "no TeX engine (latexmk or pdflatex) is installed",
    },
    "id": {
        "lang_name": "Bahasa Indonesia",
        "subtitle": "Bagian hasil yang dihasilkan ulang dari data survei mentah oleh pipeline PLS-SEM",
        "reproduces": "Mereproduksi hasil dari: {citation}",
        "synthetic_banner_title": "Data sintetis",
        "synthetic_banner": ("Data survei yang dianalisis di sini ({survey}) adalah data sintetis: dibangkitkan, "
                             "bukan dikumpulkan (kunci konfigurasi data.synthetic). Semua angka di bawah ini "
                             "memperagakan pipeline dan bukan bukti tentang populasi yang dibahas penelitian."),
        "synthetic_banner_published": ("Di mana nilai terbitan ditampilkan di sampingnya, survei sintetis ini "
                                       "dikalibrasi agar menyerupai tabel terbitan; kesesuaiannya disengaja, bukan "
                                       "replikasi."),
        "contents": "Daftar isi",
        "no_number": "–",
        "sec_methods": "Metode dan pengaturan",
        "sec_respondents": "Responden",
        "sec_measurement": "Model pengukuran (outer model)",
        "sec_convergent": "Validitas konvergen",
        "sec_reliability": "Reliabilitas konsistensi internal",
        "sec_discriminant": "Validitas diskriminan",
        "sec_collinearity_outer": "Kolinearitas indikator",
        "sec_structural": "Model struktural (inner model)",
        "sec_r2": "Varians yang dijelaskan dan ukuran efek",
        "sec_paths": "Koefisien jalur",
        "sec_mediation": "Mediasi (pengaruh tidak langsung spesifik)",
        "sec_hypotheses": "Hipotesis",
        "sec_audit": "Audit",
        "sec_audit_published": "Nilai terbitan dibandingkan dengan hasil reproduksi",
        "sec_audit_consistency": "Konsistensi internal artikel",
        "sec_provenance": "Asal-usul (provenance)",
        "m_sample": ("Analisis menggunakan {n} responden: {rows} baris dibaca dari {survey}, {excluded} dikeluarkan, "
                     "dan {logged} kejadian tingkat sel tercatat dalam log pengecualian "
                     "(results/clean/exclusions.csv)."),
        "m_sample_reasons": "Kejadian tercatat menurut alasan: {reasons}.",
        "m_missing": "Nilai indikator yang hilang ditangani dengan {treatment}.",
        "treatment_mean_replacement": "penggantian dengan rata-rata",
        "treatment_casewise_deletion": "penghapusan kasus (casewise deletion)",
        "treatment_none": "menghentikan proses (tidak terjadi)",
        "m_model": ("Model terdiri atas {k} konstruk yang diukur dengan {indicators} indikator ({modes}) dan "
                    "{paths} jalur struktural."),
        "mode_A": "Mode A, reflektif",
        "mode_B": "Mode B, formatif",
        "m_algorithm": ("Model diestimasi dengan algoritma PLS-SEM dari plssem {version} (pengaturan bawaan "
                        "SmartPLS 4 kecuali disebutkan lain): skema pembobotan {scheme}, indikator terstandardisasi, "
                        "bobot luar awal 1, kriteria berhenti {tol} (jumlah perubahan absolut bobot luar) dan paling "
                        "banyak {max_iter} iterasi; algoritma {converged} setelah {iterations} iterasi."),
        "scheme_path": "jalur (path)",
        "scheme_centroid": "sentroid",
        "scheme_factorial": "faktorial",
        "converged": "konvergen",
        "not_converged": "TIDAK konvergen",
        "m_bootstrap": ("Galat baku, statistik t, nilai p dan interval kepercayaan berasal dari bootstrap "
                        "nonparametrik dengan {samples} subsampel ({failed} gagal, {nonconv} tidak konvergen), uji "
                        "dua arah pada α = {alpha}, interval kepercayaan {ci} {level}%, opsi perubahan tanda: "
                        "{sign}, benih acak {seed} (subsampel ke-i memakai blok pencacah ke-i generator Philox dengan kunci benih itu)."),
        "m_failed_list": "Subsampel gagal (dikeluarkan dari setiap ringkasan): {ids}.",
        "ci_percentile": "persentil",
        "ci_bca": "bias-corrected and accelerated (BCa)",
        "sign_none": "tanpa perubahan tanda",
        "sign_construct": "perubahan tanda tingkat konstruk",
        "m_mediation": ("Jenis mediasi mengikuti Zhao, Lynch & Chen (2010); suatu pengaruh dianggap signifikan "
                        "bila {rule}."),
        "med_rule_p_value": "nilai p bootstrap-nya di bawah α",
        "med_rule_confidence_interval": "interval kepercayaan bootstrap-nya tidak memuat nol",
        "m_software": "Perangkat lunak: {software}.",
        "m_thresholds": ("Ambang batas mengikuti Hair et al. (2022): loading ≥ 0,70, AVE ≥ 0,50, Cronbach's α dan "
                         "ρ_C ≥ 0,70, HTMT < 0,90 (batas atas interval kepercayaan), VIF < 5, f² 0,02, 0,15 dan 0,35 "
                         "untuk efek kecil, sedang dan besar."),
        "m_numbering": ("Tabel 1–6 memakai nomor tabel dalam artikel terbitan; tabel berhuruf dan Tabel 7 adalah "
                        "tambahan yang diminta pedoman pelaporan PLS-SEM terkini."),
        "table": "Tabel",
        "figure": "Gambar",
        "t1": "Deskripsi responden",
        "t2": "Uji validitas konvergen",
        "t3": "Reliabilitas konsistensi internal",
        "t3a": "Validitas diskriminan: kriteria Fornell–Larcker",
        "t3b": "Validitas diskriminan: rasio heterotrait–monotrait (HTMT) dengan interval kepercayaan bootstrap",
        "t3c": "Kolinearitas indikator (VIF luar)",
        "t4": "R-square dan R-square adjusted",
        "t4a": "Ukuran efek (f²) dan kolinearitas prediktor (VIF dalam)",
        "t5": "Koefisien jalur",
        "t6": "Pengaruh tidak langsung spesifik",
        "t7": "Hipotesis",
        "comparison_caption": "Tabel {number}, nilai terbitan dibandingkan dengan hasil reproduksi",
        "comparison_other_caption": "Nilai terbitan lain dibandingkan dengan hasil reproduksi",
        "consistency_caption": "Pemeriksaan artikel terbitan terhadap dirinya sendiri",
        "files_caption": "Berkas yang mendasari laporan (SHA-256)",
        "versions_caption": "Versi perangkat lunak",
        "c_variable": "Variabel",
        "c_category": "Kategori",
        "c_n": "n",
        "c_percent": "%",
        "c_total": "Total",
        "c_missing": "(hilang)",
        "c_construct": "Konstruk",
        "c_indicator": "Indikator",
        "c_loading": "Outer loading",
        "c_ave": "AVE",
        "c_result": "Hasil",
        "c_alpha": "Cronbach's α",
        "c_rho_a": "ρ_A",
        "c_rho_c": "ρ_C (reliabilitas komposit)",
        "c_pair": "Konstruk",
        "c_htmt": "HTMT",
        "c_vif": "VIF",
        "c_r2": "R-square",
        "c_r2_adj": "R-square adjusted",
        "c_r2_level": "Daya jelas",
        "c_path": "Jalur",
        "c_f2": "f²",
        "c_effect_size": "Ukuran efek",
        "c_original": "Original sample (O)",
        "c_mean": "Sample mean (M)",
        "c_sd": "Standard deviation (STDEV)",
        "c_t": "T statistics (|O/STDEV|)",
        "c_p": "P values",
        "c_mediation_type": "Jenis mediasi",
        "c_vaf": "VAF",
        "c_hypothesis": "Hipotesis",
        "c_statement": "Pernyataan (sesuai terbitan)",
        "c_beta": "β",
        "c_ci": "IK {level}%",
        "c_verdict": "Keputusan",
        "c_published_verdict": "Keputusan terbitan",
        "c_fl_met": "Kriteria terpenuhi",
        "c_row": "Baris",
        "c_statistic": "Statistik",
        "c_published": "Terbitan",
        "c_reproduced": "Reproduksi",
        "c_difference": "Selisih",
        "c_tolerance": "Toleransi",
        "c_within": "Dalam toleransi",
        "c_check": "Pemeriksaan",
        "c_table": "Tabel",
        "c_item": "Butir",
        "c_recomputed": "Dihitung ulang",
        "c_explanation": "Penjelasan",
        "c_file": "Berkas",
        "c_sha256": "SHA-256",
        "c_step": "Ditulis oleh",
        "c_package": "Paket",
        "c_version": "Versi",
        "valid": "Valid",
        "not_valid": "Tidak valid",
        "reliable": "Reliabel",
        "not_reliable": "Tidak reliabel",
        "yes": "ya",
        "no": "tidak",
        "supported": "Diterima",
        "not_supported": "Ditolak",
        "published_supported": "diterima",
        "published_not_supported": "ditolak",
        "discriminant_ok": "Diskriminan",
        "discriminant_problem": "Tidak diskriminan",
        "vif_ok": "Tidak ada masalah kolinearitas",
        "vif_possible": "Kemungkinan kolinearitas (3–5)",
        "vif_critical": "Kolinearitas kritis (≥ 5)",
        "r2_substantial": "substansial",
        "r2_moderate": "moderat",
        "r2_weak": "lemah",
        "r2_very_weak": "sangat lemah",
        "f2_large": "besar",
        "f2_medium": "sedang",
        "f2_small": "kecil",
        "f2_none": "tidak ada",
        "within_yes": "ya",
        "within_no": "tidak (di luar toleransi)",
        "within_na": "tanpa toleransi",
        "verdict_fail": "gagal",
        "verdict_note": "catatan",
        "verdict_pass": "lolos",
        "med_complementary": "komplementer (mediasi parsial)",
        "med_competitive": "kompetitif (mediasi parsial)",
        "med_indirect-only": "hanya tidak langsung (mediasi penuh)",
        "med_direct-only": "hanya langsung (tanpa mediasi)",
        "med_no-effect": "tanpa pengaruh (tanpa mediasi)",
        "n_source": "Sumber",
        "n_t1": "Jumlah dari {n} responden yang dianalisis; setiap blok berjumlah n.",
        "n_t2": ("Loading minimal 0,70 dinyatakan valid; AVE (average variance extracted, rata-rata kuadrat loading "
                 "satu blok) minimal 0,50 menunjukkan validitas konvergen. AVE dicetak pada baris pertama setiap "
                 "konstruk."),
        "n_t3": ("Reliabel bila Cronbach's α dan ρ_C mencapai 0,70; nilai di atas 0,95 menandakan butir yang "
                 "redundan. ρ_A (Dijkstra–Henseler) terletak di antara keduanya."),
        "n_t3a": ("Diagonal (tebal): akar kuadrat AVE; di bawahnya korelasi antarkonstruk. Kriteria terpenuhi bila "
                  "√AVE suatu konstruk melebihi korelasinya dengan setiap konstruk lain."),
        "n_t3b": ("Validitas diskriminan terpenuhi bila batas atas interval kepercayaan bootstrap di bawah 0,90 "
                  "(Henseler, Ringle & Sarstedt 2015). Artikel tidak melaporkan Fornell–Larcker maupun HTMT."),
        "n_t3c": "Di dalam setiap blok; nilai 5 atau lebih menandakan kolinearitas kritis.",
        "n_t4": ("Daya jelas menurut Hair et al. (2022): 0,75 substansial, 0,50 moderat, 0,25 lemah. SRMR model "
                 "terestimasi: {srmr}."),
        "n_t4a": ("f²: perubahan R² konstruk tujuan bila jalur dihilangkan, relatif terhadap 1 − R² (0,02 kecil, "
                  "0,15 sedang, 0,35 besar). VIF prediktor di antara prediktor konstruk tujuan."),
        "n_t5": ("Tata letak keluaran bootstrapping SmartPLS 4. T = |O/STDEV|; P dua arah; interval kepercayaan "
                 "{ci} dari {samples} subsampel."),
        "n_t6": ("Jenis mediasi menurut Zhao, Lynch & Chen (2010), berdasarkan signifikansi pengaruh tidak langsung "
                 "dan pengaruh langsung; VAF = pengaruh tidak langsung / pengaruh total."),
        "n_t7_published": ("Penomoran mengikuti bagian perumusan hipotesis artikel ({source}). Diterima bila {rule}; "
                           "tanda β menunjukkan arah."),
        "t7_rule_p_value": "nilai p dua arah jalurnya di bawah α = {alpha}",
        "t7_rule_confidence_interval": "interval kepercayaan bootstrap {level}% jalurnya tidak memuat nol",
        "n_t7_config": ("Penomoran mengikuti urutan jalur dalam konfigurasi (tidak ada hipotesis terbitan). "
                        "Diterima bila {rule}."),
        "n_marked": "† di luar toleransi audit terhadap nilai terbitan (lihat perbandingan di bawah).",
        "n_comparison": "{within} dari {total} nilai terbitan dalam toleransi; {out} di luar toleransi (bertanda †).",
        "n_comparison_none": "{total} nilai terbitan, tanpa toleransi.",
        "f_loadings": "Outer loading terhadap ambang {threshold}",
        "f_htmt": "Rasio HTMT dengan interval kepercayaan bootstrap; ambang {threshold}",
        "f_structural": ("Model struktural seperti gambar SmartPLS: konstruk (lingkaran, berisi R²), indikator "
                         "(kotak) dengan outer loading, jalur dengan β dan nilai p; jalur putus-putus tidak "
                         "signifikan pada α = {alpha}"),
        "f_structural_paper": " (Gambar 2 dalam artikel, yang tidak tampil dalam teksnya)",
        "f_bootstrap_paths": ("Distribusi bootstrap koefisien jalur ({samples} subsampel; merah: estimasi asli; "
                              "putus-putus: interval kepercayaan {ci})"),
        "f_bootstrap_indirect": ("Distribusi bootstrap pengaruh tidak langsung spesifik ({samples} subsampel; "
                                 "merah: estimasi asli; putus-putus: interval kepercayaan {ci})"),
        "f_open": "Buka gambar ukuran penuh",
        "no_indirect": "Model tidak memiliki pengaruh tidak langsung spesifik (tidak ada rute dua jalur atau lebih), jadi tidak ada mediasi.",
        "fig_loadings_title": "Outer loading",
        "fig_loadings_axis": "outer loading",
        "fig_htmt_title": "HTMT (ambang {threshold})",
        "fig_paths_title": "Koefisien jalur",
        "fig_indirect_title": "Pengaruh tidak langsung spesifik",
        "fig_bootstrap_legend": "putus-putus: interval kepercayaan; merah: estimasi asli",
        "fig_no_statistics": "tidak ada statistik jenis ini dalam model",
        "fig_structural_legend": "koefisien jalur (nilai p); putus-putus: tidak signifikan",
        "a_not_run": ("Langkah audit belum menjadi bagian dari workflow ini, sehingga nilai terbitan belum "
                      "disandingkan dengan hasil reproduksi dan artikel belum diperiksa terhadap dirinya sendiri."),
        "a_no_published": ("Tidak ada tabel terbitan yang dikonfigurasi (kunci konfigurasi published), sehingga tidak "
                           "ada pembanding bagi angka hasil reproduksi."),
        "a_published_summary": ("{total} angka terbitan dibandingkan dengan hasil pipeline: {within} dalam "
                                "toleransi, {out} di luar toleransi, {na} tanpa toleransi. Tabel lengkap: {file}."),
        "a_consistency_summary": ("{total} pemeriksaan angka terbitan yang dapat dihitung ulang dari angka terbitan "
                                  "lain, tanpa data: {fail} gagal, {note} catatan, {passed} lolos. Yang gagal "
                                  "ditampilkan lebih dulu; penjelasan memuat perhitungannya. Tabel lengkap: {file}."),
        "a_consistency_empty": "Pemeriksaan konsistensi tidak menemukan apa pun untuk diperiksa.",
        "p_intro": ("Setiap tabel di atas dihitung dari berkas hasil di bawah ini (tautan di bawah setiap tabel "
                    "menyebut berkasnya). SHA-256 memungkinkan siapa pun memastikan bahwa suatu folder hasil adalah "
                    "folder yang menjadi dasar laporan ini."),
        "p_config": "Konfigurasi ({source}), dengan nilai bawaan terisi",
        "p_seed": "Benih bootstrap: {seed}.",
        "p_code": "Sidik kode: mesin {engine}; pipeline {pipeline}.",
        "p_manifest": "Manifes provenance dari audit: {file}.",
        "p_pdf_skipped": "PDF tidak dibuat: {reason}.",
        "p_pdf_not_requested": "PDF tidak diminta (kunci konfigurasi report.formats).",
        "p_pdf_built": "PDF dibuat dengan {engine} dari report/results.tex.",
        "p_pdf_pending": "PDF dibuat dari berkas ini oleh {engine} bila mesin TeX terpasang.",
        "no_tex": "tidak ada mesin TeX (latexmk atau pdflatex) yang terpasang",
    },
}


class Catalogue:
    """The strings of one language: ``t("key", name=value)``.

    Parameters
    ----------
    language : {"en", "id"}
    """

    def __init__(self, language: str = "en") -> None:
        if language not in STRINGS:
            raise ValueError(f"report language {language!r} is not one of {', '.join(LANGUAGES)}")
        self.language = language
        self.strings = STRINGS[language]

    def __call__(self, key: str, **values) -> str:
        text = self.strings[key]
        return text.format(**values) if values else text

    def __getitem__(self, key: str) -> str:
        return self.strings[key]
