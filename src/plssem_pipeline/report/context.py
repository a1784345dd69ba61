"""The report's content, built once from the results files, for both templates.

:func:`build_context` reads the results contract's files (``results/<step>/``),
the configuration, the published tables and, when the audit step exists, its
two CSVs, and returns one plain dictionary. The HTML and LaTeX templates only
lay it out: every number is formatted, every verdict decided and every
sentence worded here (in the language of :mod:`.catalogue`), so both formats
say exactly the same thing.

The content follows the "Hasil" section of the reference paper and Hair et
al. (2022, ch. 4–7)'s reporting guidelines:

* Tables 1–6 carry the paper's numbers and captions (Table 5 and 6 in
  SmartPLS 4's bootstrapping layout: O, M, STDEV, |O/STDEV|, P values, plus the
  confidence interval);
* the tables the paper omits and the guidelines ask for are lettered after
  the paper table they belong with (3a Fornell–Larcker, 3b HTMT with bootstrap
  CI, 3c indicator VIF, 4a f² and inner VIF); Table 7 lists the hypotheses as
  the paper numbers them;
* wherever the audit compared a published value with the reproduced one, the
  table's cell is marked when the difference is beyond the audit's tolerance,
  and a comparison table follows it;
* the Audit section lists the audit's checks of the paper against itself,
  failures first; the Provenance section lists the SHA-256 of every file the
  report was made from, the configuration, the seed and the versions.

Every value in the context is plain text (or numbers, lists, dicts and the
small dataclasses below): escaping is the templates' job.
"""
from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .figures.charts import HTMT_THRESHOLD
from ..analysis.mediation import is_significant
from .catalogue import Catalogue

__all__ = ["Cell", "Column", "Row", "Table", "Figure", "build_context", "fmt", "REQUIRED_FILES"]

#: Keys of ``files`` that :func:`build_context` needs (results contract files).
REQUIRED_FILES = (
    "respondents", "clean_summary", "loadings", "reliability", "fornell_larcker", "htmt", "outer_vif",
    "outer_summary", "r2", "f2", "inner_vif", "fit", "boot_paths", "boot_indirect", "boot_htmt",
    "boot_summary", "mediation",
)


# --- the pieces the templates lay out --------------------------------------------------------

@dataclass
class Column:
    """A table column: header text, alignment (``"l"``/``"r"``) and, for LaTeX, a width in cm (None: natural)."""

    label: str
    align: str = "r"
    width: float | None = None
    mono: bool = False


@dataclass
class Cell:
    """A table cell: its text, the number behind it (full precision) and an optional flag.

    ``flag`` is one of ``None``, ``"out"`` (beyond the audit's tolerance of the
    published value), ``"fail"``, ``"warn"``, ``"pass"`` or ``"strong"`` (bold).
    """

    text: str
    value: float | None = None
    flag: str | None = None
    title: str | None = None


@dataclass
class Row:
    """A row of cells (the first is the row header), or a group heading spanning the table (``group``).

    ``detail`` is a longer text shown on a full-width line under the row (the arithmetic of an audit check).
    """

    cells: list = field(default_factory=list)
    group: str | None = None
    keys: tuple = ()
    total: bool = False
    detail: str | None = None


@dataclass
class Table:
    """A numbered table with caption, columns, rows, notes and the results files behind it."""

    id: str
    number: str | None
    caption: str
    columns: list
    rows: list
    notes: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    comparison: "Table | None" = None
    font: str = "small"
    marked: int = 0

    @property
    def bodies(self) -> list:
        """The rows split at group headings: ``[(heading or None, rows), ...]`` (one ``<tbody>`` each)."""
        out = []
        for row in self.rows:
            if row.group is not None:
                out.append((row.group, []))
            else:
                if not out:
                    out.append((None, []))
                out[-1][1].append(row)
        return out


@dataclass
class Figure:
    """A figure: PNG (embedded in the HTML as a data URI) and PDF (included by LaTeX)."""

    id: str
    number: str
    caption: str
    png: str
    pdf: str | None
    data_uri: str = ""
    link: str = ""
    tex_path: str = ""
    wide: bool = False


# --- formatting --------------------------------------------------------------------------------

def _isnan(value) -> bool:
    try:
        return value is None or (isinstance(value, float) and math.isnan(value)) or value != value
    except TypeError:
        return False


#: The schema's defaults of ``audit.criteria`` (workflow/schemas/config.schema.yaml), for a
#: context built from a config that has not been through the schema (tests, notebooks).
_SCHEMA_CRITERIA = {"loading": 0.70, "ave": 0.50, "reliability": 0.70}

def fmt(value, decimals: int = 3) -> str:
    """A number with fixed decimals (``""`` for a missing value; ``-0.000`` written ``0.000``).

    >>> fmt(0.52818), fmt(-0.0001), fmt(float("nan")), fmt(12, 0)
    ('0.528', '0.000', '', '12')
    """
    if _isnan(value):
        return ""
    text = f"{float(value):.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _int(value, language: str) -> str:
    text = f"{int(value):,}"
    return text.replace(",", ".") if language == "id" else text


def _prose(value, language: str, decimals: int | None = None) -> str:
    """A number inside a sentence: decimal comma in Indonesian."""
    text = (f"{value:.{decimals}f}" if decimals is not None else f"{value:g}")
    return text.replace(".", ",") if language == "id" else text


def _tol(value: float) -> str:
    text = f"{value:g}"
    return re.sub(r"e([+-])0*(\d)", lambda m: "e" + ("-" if m.group(1) == "-" else "") + m.group(2), text)


def _float(value):
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def _key(text) -> str:
    """Normalised row key: case, spaces and arrow styles ignored (``"KP→IP"`` = ``"kp -> ip"``)."""
    return re.sub(r"\s+", "", str(text)).replace("→", "->").lower()


def _read_csv(path, **kwargs):
    from ..io import read_csv

    return read_csv(path, **kwargs)


def _read_json(path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


# --- the builder ------------------------------------------------------------------------------

class _Builder:
    def __init__(self, files, config, figures, audit, published, config_source, pdf, report_dir, language):
        self.f = files
        self.config = config
        self.figures_in = figures or {}
        self.audit_files = audit
        self.published = published
        self.config_source = config_source
        self.pdf = pdf or {}
        self.report_dir = report_dir
        self.t = Catalogue(language)
        self.lang = language
        self.constructs = list(config["constructs"])
        self.labels = {c: str(spec.get("label") or c) for c, spec in config["constructs"].items()}
        self.alpha = float(config["bootstrap"]["alpha"])
        self.significance = str((config.get("mediation") or {}).get("significance", "p_value"))
        # the verdicts of Tables 2 and 3 use the same thresholds as the audit (config audit.criteria)
        self.criteria = {**_SCHEMA_CRITERIA, **((config.get("audit") or {}).get("criteria") or {})}
        self.level = _prose(100 * (1 - self.alpha), "en")
        self.ci_low = f"{100 * self.alpha / 2:g}%"
        self.ci_high = f"{100 * (1 - self.alpha / 2):g}%"
        self.summaries = {name: _read_json(files[name]) for name in ("clean_summary", "outer_summary",
                                                                     "boot_summary")}
        self.comparisons = self._read_comparisons()

    # -- helpers --
    def significant(self, record) -> bool:
        """``mediation.is_significant`` of a bootstrap row under ``mediation.significance`` and bootstrap.alpha."""
        return is_significant(_float(record.get("p")), _float(record.get("ci_low")), _float(record.get("ci_high")),
                              alpha=self.alpha, method=self.significance)

    def link(self, path) -> str:
        return os.path.relpath(str(path), self.report_dir).replace(os.sep, "/")

    def source(self, *names) -> list:
        return [{"path": str(self.f[n]), "link": self.link(self.f[n])} for n in names]

    def construct_text(self, c) -> str:
        return c if self.labels.get(c, c) == c else f"{c} — {self.labels[c]}"

    # -- audit inputs --
    def _read_comparisons(self):
        if not self.audit_files or "published_vs_reproduced" not in self.audit_files:
            return None
        frame = _read_csv(self.audit_files["published_vs_reproduced"], dtype=str, keep_default_na=False)
        rows = []
        for record in frame.to_dict("records"):
            within = str(record.get("within", "")).strip().lower()
            if not str(record.get("tolerance", "")).strip():
                within = ""  # no tolerance (a published O or M without its STDEV): not judged, shown as n/a
            rows.append({
                "table": str(record.get("table", "")), "row": str(record.get("row", "")),
                "statistic": str(record.get("statistic", "")),
                "published": record.get("published", ""), "reproduced": record.get("reproduced", ""),
                "difference": record.get("difference", ""), "tolerance": record.get("tolerance", ""),
                "within": True if within in ("true", "1", "yes") else False if within in ("false", "0", "no")
                else None,
            })
        return rows

    def _table_name(self, text) -> str:
        """``"table3_reliability"`` -> ``"Table 3"`` (the audit's table ids name the published table)."""
        number = self._table_number(text)
        return f"{self.t('table')} {number}" if number and str(text).lower().startswith("tab") else str(text)

    @staticmethod
    def _table_number(text) -> str | None:
        match = re.search(r"(\d+)", str(text))
        return match.group(1) if match else None

    def _comparison_table(self, number, rows, caption):
        t = self.t

        def num(text):
            value = _float(text)
            if value is None:
                return Cell(str(text))
            return Cell(fmt(value, 0) if float(value).is_integer() and abs(value) >= 1 else fmt(value), value)

        def signed(text):
            value = _float(text)
            if value is None:
                return Cell(str(text))
            return Cell(("+" if value > 0 and fmt(value) != "0.000" else "") + fmt(value), value)

        body = []
        for r in rows:
            within = r["within"]
            flag = "fail" if within is False else ("pass" if within else None)
            verdict = t("within_yes") if within else t("within_no") if within is False else t("within_na")
            diff = signed(r["difference"])
            if within is False:
                diff.flag = "out"
            body.append(Row([Cell(r["row"]), Cell(r["statistic"]), num(r["published"]), num(r["reproduced"]),
                             diff, num(r["tolerance"]), Cell(verdict, flag=flag)]))
        total = len(rows)
        within = sum(1 for r in rows if r["within"])
        out = sum(1 for r in rows if r["within"] is False)
        note = (t("n_comparison", within=within, total=total, out=out) if within + out
                else t("n_comparison_none", total=total))
        return Table(
            id=f"comparison-{number or 'other'}", number=None, caption=caption,
            columns=[Column(t("c_row"), "l"), Column(t("c_statistic"), "l"), Column(t("c_published")),
                     Column(t("c_reproduced")), Column(t("c_difference")), Column(t("c_tolerance")),
                     Column(t("c_within"), "l")],
            rows=body, notes=[note],
            sources=[{"path": str(self.audit_files["published_vs_reproduced"]),
                      "link": self.link(self.audit_files["published_vs_reproduced"])}],
            font="footnotesize",
        )

    def attach_comparison(self, table: Table, number: str):
        """Mark the cells the audit found out of tolerance and attach the comparison table."""
        if self.comparisons is None:
            return table
        rows = [r for r in self.comparisons if self._table_number(r["table"]) == number]
        if not rows:
            return table
        for r in rows:
            if r["within"] is not False:
                continue
            reproduced = _float(r["reproduced"])
            key = _key(r["row"])
            for row in table.rows:
                if row.group is not None or key not in {_key(k) for k in row.keys}:
                    continue
                for cell in row.cells[1:]:
                    if cell.value is None or reproduced is None:
                        continue
                    if (math.isclose(cell.value, reproduced, rel_tol=1e-9, abs_tol=1e-12)
                            or math.isclose(abs(cell.value), abs(reproduced), rel_tol=1e-9, abs_tol=1e-12)):
                        cell.flag = "out"
                        cell.title = f"{self.t('c_published')}: {r['published']}"
                        table.marked += 1
                        break
                else:
                    continue
                break
        if table.marked:
            table.notes.append(self.t("n_marked"))
        table.comparison = self._comparison_table(number, rows, self.t("comparison_caption", number=number))
        return table

    # -- methods --
    def methods(self) -> list:
        t, lang = self.t, self.lang
        clean = self.summaries["clean_summary"]["details"]
        outer = self.summaries["outer_summary"]["details"]
        boot = self.summaries["boot_summary"]
        versions = boot.get("versions", {})
        data = self.config["data"]
        reasons = clean.get("exclusion_reasons") or {}
        paragraphs = []
        sample = t("m_sample", n=_int(clean["respondents_kept"], lang), rows=_int(clean["rows_read"], lang),
                   survey=str(data["survey"]), excluded=_int(clean.get("respondents_excluded", 0), lang),
                   logged=_int(clean.get("exclusion_rows", 0), lang))
        if reasons:
            sample += " " + t("m_sample_reasons", reasons="; ".join(f"{k}: {_int(v, lang)}" for k, v in
                                                                   reasons.items()))
        sample += " " + t("m_missing", treatment=t("treatment_" + data["missing_treatment"]))
        paragraphs.append(sample)
        modes: dict = {}
        for spec in self.config["constructs"].values():
            modes[spec.get("mode", "A")] = modes.get(spec.get("mode", "A"), 0) + len(spec["indicators"])
        n_ind = sum(modes.values())
        model = t("m_model", k=len(self.constructs), indicators=n_ind, paths=len(self.config["paths"]),
                  modes=", ".join(f"{count} {t('mode_' + mode)}" for mode, count in sorted(modes.items())))
        algorithm = self.config["algorithm"]
        model += " " + t("m_algorithm", version=versions.get("plssem", "?"),
                         scheme=t("scheme_" + algorithm["weighting"]), tol=_tol(float(algorithm["tol"])),
                         max_iter=algorithm["max_iter"], iterations=outer.get("iterations", "?"),
                         converged=t("converged") if outer.get("converged", True) else t("not_converged"))
        paragraphs.append(model)
        bootstrap = self.config["bootstrap"]
        details = boot["details"]
        text = t("m_bootstrap", samples=_int(details["subsamples"], lang), failed=_int(details["failed"], lang),
                 nonconv=_int(details.get("not_converged", 0), lang), alpha=_prose(self.alpha, lang),
                 ci=t("ci_" + bootstrap["ci"]), level=_prose(100 * (1 - self.alpha), lang),
                 sign=t("sign_" + bootstrap["sign_change"]), seed=boot.get("seed", bootstrap["seed"]))
        if details["failed"]:
            ids = details.get("failed_subsamples", [])
            text += " " + t("m_failed_list", ids=", ".join(map(str, ids[:50])) + (" …" if len(ids) > 50 else ""))
        text += " " + t("m_mediation", rule=t("med_rule_" + self.config["mediation"]["significance"]))
        paragraphs.append(text)
        software = ", ".join(f"{name} {version}" for name, version in versions.items())
        paragraphs.append(t("m_software", software=software) + " " + t("m_thresholds") + " " + t("m_numbering"))
        return paragraphs

    # -- Table 1 --
    def table1(self):
        t = self.t
        frame = _read_csv(self.f["respondents"], dtype={"code": str}, keep_default_na=False)
        rows = []
        n_total = self.summaries["clean_summary"]["details"]["respondents_kept"]
        for variable, block in frame.groupby("variable", sort=False):
            label = str(block["label"].iloc[0])
            rows.append(Row(group=label))
            for record in block.to_dict("records"):
                category = str(record["category"])
                if category == "(missing)":
                    category = t("c_missing")
                n, pct = float(record["n"]), float(record["percent"])
                rows.append(Row([Cell(category), Cell(fmt(n, 0), n), Cell(fmt(pct, 1), pct)],
                                keys=(f"{variable}={record['code']}", f"{variable}.{record['code']}",
                                      f"{variable}:{record['code']}", str(record["category"]))))
            n = float(block["n"].astype(float).sum())
            rows.append(Row([Cell(t("c_total")), Cell(fmt(n, 0), n, flag="strong"),
                             Cell(fmt(100.0 * n / n_total if n_total else float("nan"), 1))],
                            keys=(f"{variable} (total)", f"{variable}.total"), total=True))
        table = Table("table-1", "1", t("t1"), [Column(t("c_category"), "l"), Column(t("c_n")),
                                                Column(t("c_percent"))],
                      rows, notes=[t("n_t1", n=n_total)], sources=self.source("respondents"))
        return self.attach_comparison(table, "1")

    # -- measurement model --
    def table2(self):
        t = self.t
        loadings = _read_csv(self.f["loadings"])
        reliability = _read_csv(self.f["reliability"]).set_index("construct")
        rows = []
        for construct, block in loadings.groupby("construct", sort=False):
            rows.append(Row(group=self.construct_text(construct)))
            ave = float(reliability.loc[construct, "ave"])
            for k, record in enumerate(block.to_dict("records")):
                loading = float(record["loading"])
                valid = loading >= self.criteria["loading"]
                ave_ok = ave >= self.criteria["ave"]
                ave_cell = (Cell(fmt(ave), ave, flag=None if ave_ok else "fail") if k == 0 else Cell(""))
                keys = (str(record["indicator"]),) + ((str(construct),) if k == 0 else ())
                rows.append(Row([Cell(str(record["indicator"])), Cell(fmt(loading), loading), ave_cell,
                                 Cell(t("valid") if valid and ave_ok else t("not_valid"),
                                      flag=None if valid and ave_ok else "fail")], keys=keys))
        table = Table("table-2", "2", t("t2"), [Column(t("c_indicator"), "l"), Column(t("c_loading")),
                                                Column(t("c_ave")), Column(t("c_result"), "l")],
                      rows, notes=[t("n_t2")], sources=self.source("loadings", "reliability"))
        return self.attach_comparison(table, "2")

    def table3(self):
        t = self.t
        frame = _read_csv(self.f["reliability"])
        rows = []
        for record in frame.to_dict("records"):
            alpha, rho_a, rho_c = (float(record[k]) for k in ("cronbach_alpha", "rho_a", "rho_c"))
            ok = alpha >= self.criteria["reliability"] and rho_c >= self.criteria["reliability"]
            rows.append(Row([Cell(self.construct_text(record["construct"])), Cell(fmt(alpha), alpha),
                             Cell(fmt(rho_a), rho_a), Cell(fmt(rho_c), rho_c, flag="warn" if rho_c > 0.95 else None),
                             Cell(t("reliable") if ok else t("not_reliable"), flag=None if ok else "fail")],
                            keys=(str(record["construct"]),)))
        table = Table("table-3", "3", t("t3"), [Column(t("c_construct"), "l"), Column(t("c_alpha")),
                                                Column(t("c_rho_a")), Column(t("c_rho_c")),
                                                Column(t("c_result"), "l")],
                      rows, notes=[t("n_t3")], sources=self.source("reliability"))
        return self.attach_comparison(table, "3")

    def table3a(self):
        t = self.t
        frame = _read_csv(self.f["fornell_larcker"]).set_index("construct")
        names = [str(c) for c in frame.columns]
        rows = []
        for i, c in enumerate(names):
            diagonal = float(frame.loc[c, c])
            others = [abs(float(frame.loc[c, d])) for d in names if d != c]
            met = all(diagonal > o for o in others)
            cells = [Cell(c)]
            for j, d in enumerate(names):
                if j > i:
                    cells.append(Cell(""))
                else:
                    value = float(frame.loc[c, d])
                    cells.append(Cell(fmt(value), value, flag="strong" if i == j else None))
            cells.append(Cell(t("yes") if met else t("no"), flag=None if met else "fail"))
            rows.append(Row(cells, keys=(c,)))
        return Table("table-3a", "3a", t("t3a"),
                     [Column(t("c_construct"), "l")] + [Column(n) for n in names] + [Column(t("c_fl_met"), "l")],
                     rows, notes=[t("n_t3a")], sources=self.source("fornell_larcker"))

    def table3b(self):
        t = self.t
        frame = _read_csv(self.f["boot_htmt"])
        rows = []
        for record in frame.to_dict("records"):
            value, mean, low, high = (float(record[k]) for k in ("original", "mean", "ci_low", "ci_high"))
            ok = high < HTMT_THRESHOLD
            pair = f"{record['construct_1']} – {record['construct_2']}"
            rows.append(Row([Cell(pair), Cell(fmt(value), value, flag=None if value < HTMT_THRESHOLD else "fail"),
                             Cell(fmt(mean), mean), Cell(fmt(low), low), Cell(fmt(high), high),
                             Cell(t("discriminant_ok") if ok else t("discriminant_problem"),
                                  flag=None if ok else "fail")],
                            keys=(pair, f"{record['construct_1']}-{record['construct_2']}")))
        return Table("table-3b", "3b", t("t3b"),
                     [Column(t("c_pair"), "l"), Column(t("c_htmt")), Column(t("c_mean")), Column(self.ci_low),
                      Column(self.ci_high), Column(t("c_result"), "l")],
                     rows, notes=[t("n_t3b")], sources=self.source("htmt", "boot_htmt"))

    def _vif_flag(self, vif):
        t = self.t
        if vif >= 5:
            return t("vif_critical"), "fail"
        if vif >= 3:
            return t("vif_possible"), "warn"
        return t("vif_ok"), None

    def table3c(self):
        t = self.t
        frame = _read_csv(self.f["outer_vif"])
        rows = []
        for construct, block in frame.groupby("construct", sort=False):
            rows.append(Row(group=self.construct_text(construct)))
            for record in block.to_dict("records"):
                vif = float(record["vif"])
                verdict, flag = self._vif_flag(vif)
                rows.append(Row([Cell(str(record["indicator"])), Cell(fmt(vif), vif, flag=flag),
                                 Cell(verdict, flag=flag)], keys=(str(record["indicator"]),)))
        return Table("table-3c", "3c", t("t3c"), [Column(t("c_indicator"), "l"), Column(t("c_vif")),
                                                  Column(t("c_result"), "l")],
                     rows, notes=[t("n_t3c")], sources=self.source("outer_vif"), font="footnotesize")

    # -- structural model --
    def table4(self):
        t = self.t
        frame = _read_csv(self.f["r2"])
        fit = _read_csv(self.f["fit"]).set_index("statistic")["value"]
        rows = []
        for record in frame.to_dict("records"):
            r2, adj = float(record["r2"]), float(record["r2_adj"])
            level = ("r2_substantial" if r2 >= 0.75 else "r2_moderate" if r2 >= 0.50 else "r2_weak" if r2 >= 0.25
                     else "r2_very_weak")
            rows.append(Row([Cell(self.construct_text(record["construct"])), Cell(fmt(r2), r2), Cell(fmt(adj), adj),
                             Cell(t(level))], keys=(str(record["construct"]),)))
        srmr = fmt(float(fit["srmr"])) if "srmr" in fit.index else "–"
        table = Table("table-4", "4", t("t4"), [Column(t("c_construct"), "l"), Column(t("c_r2")),
                                                Column(t("c_r2_adj")), Column(t("c_r2_level"), "l")],
                      rows, notes=[t("n_t4", srmr=srmr)], sources=self.source("r2", "fit"))
        return self.attach_comparison(table, "4")

    def table4a(self):
        t = self.t
        f2 = _read_csv(self.f["f2"])
        vif = {(str(r["source"]), str(r["target"])): float(r["vif"]) for r in _read_csv(self.f["inner_vif"])
               .to_dict("records")}
        rows = []
        for record in f2.to_dict("records"):
            value = float(record["f2"])
            size = ("f2_large" if value >= 0.35 else "f2_medium" if value >= 0.15 else "f2_small" if value >= 0.02
                    else "f2_none")
            path = f"{record['source']} -> {record['target']}"
            v = vif.get((str(record["source"]), str(record["target"])), float("nan"))
            _, flag = self._vif_flag(v) if not _isnan(v) else (None, None)
            rows.append(Row([Cell(path), Cell(fmt(value), value), Cell(t(size)), Cell(fmt(v), v, flag=flag)],
                            keys=(path,)))
        return Table("table-4a", "4a", t("t4a"), [Column(t("c_path"), "l"), Column(t("c_f2")),
                                                  Column(t("c_effect_size"), "l"), Column(t("c_vif"))],
                     rows, notes=[t("n_t4a")], sources=self.source("f2", "inner_vif"))

    def _smartpls_cells(self, record):
        o, m, sd, tt, p, low, high = (float(record[k]) for k in ("original", "mean", "sd", "t", "p", "ci_low",
                                                                   "ci_high"))
        return [Cell(fmt(o), o), Cell(fmt(m), m), Cell(fmt(sd), sd), Cell(fmt(abs(tt)), abs(tt)),
                Cell(fmt(p), p, flag=None if self.significant(record) else "warn"), Cell(fmt(low), low),
                Cell(fmt(high), high)]

    def _smartpls_columns(self, first):
        t = self.t
        return [Column(first, "l"), Column(t("c_original"), width=1.55), Column(t("c_mean"), width=1.45),
                Column(t("c_sd"), width=1.75), Column(t("c_t"), width=1.75), Column(t("c_p"), width=1.2),
                Column(self.ci_low, width=1.1), Column(self.ci_high, width=1.1)]

    def table5(self):
        t = self.t
        frame = _read_csv(self.f["boot_paths"])
        details = self.summaries["boot_summary"]["details"]
        rows = []
        for record in frame.to_dict("records"):
            path = f"{record['source']} -> {record['target']}"
            rows.append(Row([Cell(path)] + self._smartpls_cells(record), keys=(path,)))
        table = Table("table-5", "5", t("t5"), self._smartpls_columns(t("c_path")), rows,
                      notes=[t("n_t5", ci=t("ci_" + self.config["bootstrap"]["ci"]),
                               samples=_int(details["subsamples"], self.lang))],
                      sources=self.source("boot_paths"))
        return self.attach_comparison(table, "5")

    def table6(self):
        t = self.t
        frame = _read_csv(self.f["mediation"])
        rows = []
        for record in frame.to_dict("records"):
            path = str(record["path"])
            vaf = _float(record.get("vaf"))
            kind = str(record.get("mediation_type", ""))
            label = t("med_" + kind) if ("med_" + kind) in t.strings else kind
            rows.append(Row([Cell(path)] + self._smartpls_cells(record)
                            + [Cell(fmt(vaf), vaf), Cell(label)], keys=(path,)))
        columns = self._smartpls_columns(t("c_path"))
        columns = [Column(c.label, c.align, None if c.width is None else c.width - 0.15) for c in columns]
        columns += [Column(t("c_vaf"), width=0.95), Column(t("c_mediation_type"), "l", width=2.6)]
        table = Table("table-6", "6", t("t6"), columns, rows, notes=[t("n_t6")],
                      sources=self.source("mediation", "boot_indirect"), font="footnotesize")
        return self.attach_comparison(table, "6")

    def table7(self):
        t = self.t
        frame = _read_csv(self.f["boot_paths"])
        stats = {(str(r["source"]), str(r["target"])): r for r in frame.to_dict("records")}
        hypotheses = []
        published = (self.published or {}).get("tables", self.published or {}) if self.published else {}
        listed = published.get("hypotheses") if isinstance(published, Mapping) else None
        if isinstance(listed, Mapping) and listed:
            for name, spec in listed.items():
                path = str(spec.get("path", ""))
                parts = [p.strip() for p in path.split("->")]
                hypotheses.append((str(name), tuple(parts) if len(parts) == 2 else (path, ""),
                                   str(spec.get("statement", "")), spec.get("verdict_published"),
                                   spec.get("direction")))
            note = t("n_t7_published", source=self._citation_short() or "published", rule=self._t7_rule())
            with_published = True
        else:
            for k, path in enumerate(self.config["paths"], start=1):
                parts = tuple(p.strip() for p in str(path).split("->"))
                hypotheses.append((f"H{k}", parts, "", None, None))
            note = t("n_t7_config", rule=self._t7_rule())
            with_published = False
        rows = []
        for name, (source, target), statement, verdict_published, direction in hypotheses:
            record = stats.get((source, target))
            path = f"{source} -> {target}"
            if record is None:
                rows.append(Row([Cell(name), Cell(path)] + ([Cell(statement)] if with_published else [])
                                + [Cell("") for _ in range(4)] + [Cell(t("not_supported"), flag="fail")]
                                + ([Cell(str(verdict_published or ""))] if with_published else []), keys=(name,)))
                continue
            beta, tt, p = float(record["original"]), abs(float(record["t"])), float(record["p"])
            low, high = float(record["ci_low"]), float(record["ci_high"])
            sign_ok = True
            if direction in ("positive", "+", "negative", "-"):
                sign_ok = (beta > 0) == (direction in ("positive", "+"))
            supported = self.significant(record) and sign_ok
            p_text = "< 0.001" if p < 0.001 else fmt(p)
            cells = [Cell(name), Cell(path)]
            if with_published:
                cells.append(Cell(statement))
            cells += [Cell(fmt(beta), beta), Cell(fmt(tt), tt), Cell(p_text, p), Cell(f"[{fmt(low)}, {fmt(high)}]"),
                      Cell(t("supported") if supported else t("not_supported"),
                           flag="pass" if supported else "fail")]
            if with_published:
                pv = str(verdict_published or "")
                shown = (t("published_supported") if pv == "supported" else
                         t("published_not_supported") if pv in ("not supported", "not_supported", "rejected") else pv)
                agree = (pv == "supported") == supported if pv else True
                cells.append(Cell(shown, flag=None if agree else "out"))
            rows.append(Row(cells, keys=(name, path)))
        columns = [Column(t("c_hypothesis"), "l"), Column(t("c_path"), "l")]
        if with_published:
            columns.append(Column(t("c_statement"), "l", width=4.6))
        columns += [Column(t("c_beta"), width=1.0), Column("T", width=1.0), Column("P", width=1.1),
                    Column(t("c_ci", level=self.level), width=2.1), Column(t("c_verdict"), "l")]
        if with_published:
            columns.append(Column(t("c_published_verdict"), "l", width=1.7))
        sources = self.source("boot_paths")
        if self.config.get("published"):
            sources.append({"path": str(self.config["published"]), "link": self.link(self.config["published"])})
        return Table("table-7", "7", t("t7"), columns, rows, notes=[note], sources=sources, font="footnotesize")

    def _t7_rule(self):
        return self.t("t7_rule_" + self.significance, alpha=_prose(self.alpha, self.lang),
                      level=_prose(100 * (1 - self.alpha), self.lang))

    def _citation_short(self):
        if not self.published:
            return None
        source = self.published.get("source", {}) if isinstance(self.published, Mapping) else {}
        authors = source.get("authors") or []
        year = source.get("year")
        if authors and year:
            surnames = [str(a).split()[-1] for a in authors]
            names = surnames[0] if len(surnames) == 1 else (" & ".join(surnames) if len(surnames) == 2
                                                            else f"{surnames[0]} et al.")
            return f"{names} {year}"
        return None

    # -- figures --
    def figure(self, name, number, caption, *, wide=False):
        import base64

        paths = self.figures_in.get(name)
        if not paths:
            return None
        with open(paths["png"], "rb") as handle:
            data = base64.b64encode(handle.read()).decode("ascii")
        pdf = paths.get("pdf")
        return Figure(id=f"figure-{name}", number=number, caption=caption, png=str(paths["png"]), pdf=pdf,
                      data_uri="data:image/png;base64," + data, link=self.link(paths["png"]),
                      tex_path=os.path.relpath(pdf, self.report_dir).replace(os.sep, "/") if pdf else "",
                      wide=wide)

    # -- audit --
    def audit(self):
        t = self.t
        if self.audit_files is None:
            return {"state": "not_run", "text": t("a_not_run")}
        if not self.config.get("published") and not self.comparisons:
            state = {"state": "no_published", "text": t("a_no_published")}
        else:
            state = {"state": "ran"}
        out = dict(state, published=None, consistency=None, other=None)
        if self.comparisons is not None:
            total = len(self.comparisons)
            within = sum(1 for r in self.comparisons if r["within"])
            out_n = sum(1 for r in self.comparisons if r["within"] is False)
            path = self.audit_files["published_vs_reproduced"]
            out["published"] = {"text": t("a_published_summary", total=total, within=within, out=out_n,
                                          na=total - within - out_n, file=str(path)), "link": self.link(path),
                                "path": str(path)}
            known = {"1", "2", "3", "4", "5", "6"}
            other = [r for r in self.comparisons if self._table_number(r["table"]) not in known]
            if other:
                out["other"] = self._comparison_table(None, other, t("comparison_other_caption"))
        if "consistency" in self.audit_files:
            out["consistency"] = self.consistency(self.audit_files["consistency"])
        return out

    def consistency(self, path):
        t = self.t
        frame = _read_csv(path, dtype=str, keep_default_na=False)
        fails = {"fail", "failed", "failure", "inconsistent", "false", "no", "invalid", "impossible", "error",
                 "mismatch", "not consistent"}
        passes = {"pass", "passed", "ok", "consistent", "true", "yes", "valid", "holds", "agrees"}

        def rank(verdict):
            v = str(verdict).strip().lower()
            return 0 if v in fails else 2 if v in passes else 1

        records = frame.to_dict("records")
        records = sorted(records, key=lambda r: rank(r.get("verdict", "")))  # stable: failures first

        def num(text):
            value = _float(text)
            return Cell(str(text)) if value is None else Cell(fmt(value, 4), value)

        rows = []
        for r in records:
            k = rank(r.get("verdict", ""))
            flag = ("fail", "warn", "pass")[k]
            rows.append(Row([Cell(str(r.get("check", ""))), Cell(self._table_name(r.get("table", ""))),
                             Cell(str(r.get("item", ""))), num(r.get("published", "")),
                             num(r.get("recomputed", "")), num(r.get("difference", "")),
                             Cell(str(r.get("verdict", "")), flag=flag)],
                            detail=str(r.get("explanation", "")) or None))
        counts = [sum(1 for r in records if rank(r.get("verdict", "")) == k) for k in (0, 1, 2)]
        table = Table("table-a1", "A1", t("consistency_caption"),
                      [Column(t("c_check"), "l", width=4.2), Column(t("c_table"), "l"),
                       Column(t("c_item"), "l", width=3.4), Column(t("c_published")),
                       Column(t("c_recomputed")), Column(t("c_difference")), Column(t("c_verdict"), "l")],
                      rows, sources=[{"path": str(path), "link": self.link(path)}], font="footnotesize")
        text = (t("a_consistency_summary", total=len(records), fail=counts[0], note=counts[1], passed=counts[2],
                  file=str(path)) if records else t("a_consistency_empty"))
        return {"text": text, "table": table if records else None, "counts": counts}

    # -- provenance --
    def provenance(self, inputs: Mapping):
        from ..audit.provenance import sha256_file

        t = self.t
        rows = []
        seen = set()
        clean = self.summaries["clean_summary"]
        for path, digest in clean.get("inputs", {}).items():
            rows.append(Row([Cell(str(path)), Cell(str(digest)), Cell("clean")], keys=(str(path),)))
            seen.add(str(path))
        for path in inputs:
            path = str(path)
            if path in seen:
                continue
            seen.add(path)
            parts = Path(path).parts
            step = parts[1] if len(parts) > 2 and parts[0] in ("results", "report") else "—"
            if parts and parts[0] == "report":
                step = "figures"
            rows.append(Row([Cell(path), Cell(sha256_file(path)), Cell(step)], keys=(path,)))
        files = Table("table-p1", "P1", t("files_caption"),
                      [Column(t("c_file"), "l", width=6.0, mono=True), Column(t("c_sha256"), "l", width=8.6, mono=True),
                       Column(t("c_step"), "l")], rows, font="scriptsize")
        boot = self.summaries["boot_summary"]
        versions = Table("table-p2", "P2", t("versions_caption"),
                         [Column(t("c_package"), "l"), Column(t("c_version"), "l")],
                         [Row([Cell(k), Cell(str(v))]) for k, v in boot.get("versions", {}).items()],
                         font="footnotesize")
        import yaml

        code = boot.get("code", {})
        engine = self.pdf.get("engine")
        if not self.pdf.get("requested", True):
            pdf_text = t("p_pdf_not_requested")
        elif engine:
            pdf_text = t("p_pdf_built", engine=engine)
        else:
            pdf_text = t("p_pdf_skipped", reason=self.pdf.get("reason") or t("no_tex"))
        return {
            "intro": t("p_intro"), "files": files, "versions": versions,
            "config_title": t("p_config", source=self.config_source),
            "config": yaml.safe_dump(_plain(self.config), sort_keys=False, allow_unicode=True, width=96,
                                     default_flow_style=None),
            "seed": t("p_seed", seed=boot.get("seed")),
            "code": t("p_code", engine=code.get("engine", "?"), pipeline=code.get("pipeline", "?")),
            "pdf": pdf_text,
            "links": [{"path": str(p), "link": self.link(p)} for p in inputs if str(p).startswith("results/")],
        }


def _plain(value):
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and callable(value.item):
        return value.item()
    return value


def build_context(*, files: Mapping[str, str], config: Mapping, figures: Mapping | None = None,
                  audit: Mapping | None = None, published: Mapping | None = None, config_source: str = "config.yaml",
                  pdf: Mapping | None = None, report_dir: str = "report", inputs=None) -> dict:
    """Everything the report says, as plain data for the HTML and LaTeX templates.

    Parameters
    ----------
    files : mapping
        Results contract files by name; see :data:`REQUIRED_FILES`
        (``respondents`` = ``results/describe/respondents.csv``, ``boot_paths``
        = ``results/bootstrap/paths.csv``, ...).
    config : mapping
        The study's configuration, defaults filled in.
    figures : mapping, optional
        Figure name -> ``{"png": path, "pdf": path}``; names ``loadings``,
        ``htmt``, ``structural_model``, ``bootstrap_paths``, ``bootstrap_indirect``.
    audit : mapping or None
        ``None`` when the workflow has no audit step; else the audit's files by
        name: ``published_vs_reproduced`` (columns table, row, statistic,
        published, reproduced, difference, tolerance, within) and/or
        ``consistency`` (check, table, item, published, recomputed,
        difference, verdict, explanation).
    published : mapping, optional
        The published tables (``data/published/*.yaml``), for the citation and the hypotheses.
    config_source : str
        Which config file(s) the study came from, for the provenance.
    pdf : mapping, optional
        ``{"requested": bool, "engine": str or None, "reason": str or None}``.
    report_dir : str
        Directory of the rendered report; links to results files are relative to it.
    inputs : sequence of path, optional
        Every file the report was made from, hashed in the provenance table
        (default: ``files`` and the figures).

    Returns
    -------
    dict
        ``language``, ``t`` (the catalogue's strings), ``title``, ``synthetic``,
        ``citation``, ``methods`` (paragraphs), ``sections`` (each with
        ``id``, ``title``, ``blocks``: tables, figures, text), ``audit``,
        ``provenance``.
    """
    missing = [name for name in REQUIRED_FILES if name not in files]
    if missing:
        raise KeyError(f"build_context needs the results files {', '.join(missing)}")
    language = config.get("report", {}).get("language", "en")
    b = _Builder(files, config, figures, audit, published, config_source, pdf, report_dir, language)
    t = b.t
    alpha_text = _prose(b.alpha, language)
    details = b.summaries["boot_summary"]["details"]
    samples = _int(details["subsamples"], language)
    ci = t("ci_" + config["bootstrap"]["ci"])

    def table(x):
        return {"kind": "table", "table": x}

    def figure(name, number, caption, wide=False):
        f = b.figure(name, number, caption, wide=wide)
        return {"kind": "figure", "figure": f} if f else None

    table6 = b.table6()
    structural_caption = t("f_structural", alpha=alpha_text)
    if b.published:
        structural_caption += t("f_structural_paper")
    sections = [
        {"id": "respondents", "title": t("sec_respondents"), "blocks": [table(b.table1())]},
        {"id": "measurement", "title": t("sec_measurement"), "blocks": [
            {"kind": "heading", "text": t("sec_convergent")}, table(b.table2()),
            figure("loadings", "1", t("f_loadings", threshold=_prose(b.criteria["loading"], language, 2))),
            {"kind": "heading", "text": t("sec_reliability")}, table(b.table3()),
            {"kind": "heading", "text": t("sec_discriminant")}, table(b.table3a()), table(b.table3b()),
            figure("htmt", "2", t("f_htmt", threshold=_prose(HTMT_THRESHOLD, language, 2))),
            {"kind": "heading", "text": t("sec_collinearity_outer")}, table(b.table3c()),
        ]},
        {"id": "structural", "title": t("sec_structural"), "blocks": [
            figure("structural_model", "3", structural_caption, wide=True),
            {"kind": "heading", "text": t("sec_r2")}, table(b.table4()), table(b.table4a()),
            {"kind": "heading", "text": t("sec_paths")}, table(b.table5()),
            figure("bootstrap_paths", "4", t("f_bootstrap_paths", samples=samples, ci=ci)),
            {"kind": "heading", "text": t("sec_mediation")},
            *([table(table6), figure("bootstrap_indirect", "5", t("f_bootstrap_indirect", samples=samples, ci=ci))]
              if table6.rows else [{"kind": "text", "text": t("no_indirect")}]),
            {"kind": "heading", "text": t("sec_hypotheses")}, table(b.table7()),
        ]},
    ]
    for section in sections:
        section["blocks"] = [block for block in section["blocks"] if block is not None]
    if inputs is None:
        inputs = list(files.values()) + [p for f in (figures or {}).values() for p in f.values() if p]
    citation = None
    if published and isinstance(published, Mapping):
        citation = (published.get("source") or {}).get("citation")
    report = config.get("report", {})
    return {
        "language": language,
        "t": dict(t.strings),
        "title": str(report.get("title", "PLS-SEM results")),
        "subtitle": t("subtitle"),
        "citation": t("reproduces", citation=citation) if citation else None,
        "synthetic": bool(config.get("data", {}).get("synthetic", False)),
        "synthetic_text": " ".join([t("synthetic_banner", survey=str(config["data"]["survey"]))]
                                   + ([t("synthetic_banner_published")] if config.get("published") else [])),
        "methods": b.methods(),
        "sections": sections,
        "audit": b.audit(),
        "provenance": b.provenance(inputs),
        "tables": [block["table"] for s in sections for block in s["blocks"] if block["kind"] == "table"],
    }
