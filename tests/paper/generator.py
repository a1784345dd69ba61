"""Papers written from known models, with errors planted at known places (issue 16).

:func:`write_paper` writes the results of a small PLS-SEM model (simulated survey estimated and
bootstrapped with ``plssem``: :mod:`generator_model`) as a SmartPLS user does: hypotheses, method
(n, software, B), respondent profile, outer loadings and AVE, reliability, Fornell-Larcker and/or
HTMT, R² and adjusted R², f², path coefficients and specific indirect effects with O, M, STDEV, T,
P, the verdicts in the results and the discussion. In English or Indonesian (decimal commas in the
prose, and in the tables when ``table_commas``), in one of :data:`LAYOUTS` (:mod:`generator_layout`).

Clean papers are not all "supported": msme's e-commerce use -> business performance is not significant
(:mod:`generator_model`), and its papers say so in negated words ("does not significantly affect",
"tidak berpengaruh signifikan", "not supported", "ditolak") and in one sentence that contrasts it with a
significant path ("..., whereas ...", "..., sedangkan ..."). A supported hypothesis is worded one of two
ways at random ("... is rejected; H2 is therefore supported" of the null hypothesis; "P-value = 0,000 < 0,05
sehingga berpengaruh positif dan signifikan").

``PaperSpec.plant`` names one check of :data:`PLANTS`; the paper then carries exactly one error
that check must find, and :func:`write_paper` returns its manifest entry
``{check, item, aliases, where, snippet, places, also}``: a ``fail`` row of ``check`` whose item names
``item`` (or one of ``aliases``; ``decision_rule`` has no item: any row) finds it; ``where`` is "line N"
(text layouts) or "p. N" (PDF) of ``snippet`` and of each snippet in ``places`` (the error's other
places); ``also`` lists the other checks the error rightly makes fail (its expected consequences: none
so far), any other ``fail`` row being a false alarm. :func:`plantable` says which studies a plant fits
(``f_square_single_predictor`` needs a construct with one predictor).
``tails`` "one_stated" prints one-tailed p values and says so, "one_unstated" prints them without
saying so: both are clean papers the audit must read as one-tailed. Deterministic: the same spec
writes the same bytes.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import generator_truth
from generator_layout import LAYOUTS, Table, locate, render
from generator_measurement import PLANTS as MEASUREMENT_PLANTS, measurement
from generator_model import Estimates, estimate_study, p_from_t
from generator_text import ORDINALS, WORDS, cap, num

#: Check ids an error can be planted for.
PLANTS = ("prose_vs_table", "inequality_verdict", "variance_explained", "hypothesis_numbering", "decision_rule",
          "prose_count", "t_equals_o_over_sd", "p_from_t", "adjusted_r2", "indirect_equals_product",
          "f_square_single_predictor", *MEASUREMENT_PLANTS)
#: Significance level of the generated papers' verdicts (their method sections state it).
ALPHA = 0.05


def plantable(study: str, plant: str | None) -> bool:
    """Whether ``plant`` can be planted in ``study``'s papers (an f² error needs a single-predictor construct)."""
    if plant != "f_square_single_predictor":
        return True
    return any(len(p) == 1 for p in estimate_study(study, "en").predecessors.values())


@dataclass(frozen=True)
class PaperSpec:
    """One paper: its model, language, layout, planted check (None: clean), tails and seed."""

    study: str
    language: str
    layout: str
    plant: str | None = None
    tails: str = "two"            # "two" | "one_stated" | "one_unstated"
    seed: int = 0
    table_commas: bool = False    # decimal commas in the tables too (Indonesian papers)

    @property
    def stem(self) -> str:
        parts = [self.study, self.language, self.layout, self.plant or "clean", self.tails, str(self.seed)]
        return "-".join(parts) + ("-commas" if self.table_commas else "")


def _printed(e: Estimates, tails: int) -> dict:
    """Every number the tables print, rounded to 3 decimals (p one-tailed for ``tails`` 1)."""
    rows = lambda table: {lab: {k: round(float(v), 3) for k, v in r.items()} | (  # noqa: E731
        {"p": round(p_from_t(r["t"], e.samples, 1), 3)} if tails == 1 else {}) for lab, r in table.items()}
    rel = e.reliability
    return {"loadings": {k: round(v, 3) for k, v in e.loadings.items()},
            **{col: {c: round(float(rel.loc[c, col]), 3) for c in e.constructs} for col in rel.columns},
            "fl": e.fornell_larcker.round(3), "htmt": e.htmt.round(3),
            "r2": {c: round(float(v), 3) for c, v in e.r2["r2"].items()},
            "r2_adj": {c: round(float(v), 3) for c, v in e.r2["r2_adj"].items()},
            "f2": {k: round(v, 3) for k, v in e.f2.items()}, "paths": rows(e.paths), "indirect": rows(e.indirect),
            "vif": {k: round(v, 3) for k, v in e.vif.items()}, "cross": e.cross_loadings.round(3)}


def _profile(e: Estimates, w: dict, rng: random.Random) -> list[tuple[str, list[tuple[str, int]]]]:
    """Respondent blocks: (block word, [(category, count)]) summing to n."""
    out = []
    for block, (word, labels) in w["blocks"].items():
        weights = [rng.uniform(0.5, 3) for _ in labels]
        counts = [int(e.n * x / sum(weights)) for x in weights]
        counts[0] += e.n - sum(counts)
        out.append((word, list(zip(labels, counts))))
    return out


def _listed(items: list[str], word: str) -> str:
    """"a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


class _Writer:
    """Builds the blocks of one paper; ``self.planted`` records the planted error."""

    def __init__(self, spec: PaperSpec):
        self.spec, self.lang = spec, spec.language
        self.rng = random.Random(spec.stem)
        self.e = estimate_study(spec.study, spec.language)
        self.w = WORDS[self.lang]
        self.tw = self.w["table_words"]
        self.pr = _printed(self.e, 1 if spec.tails != "two" else 2)
        self.blocks: list = []
        self.planted: dict | None = None
        self.hyp = list(self.e.paths)  # H1.. in model order
        self.tables = 0
        self.ordinal_of = {path: k for k, path in enumerate(self.hyp)}
        if spec.plant == "hypothesis_numbering":
            i, j = self.rng.sample(range(len(self.hyp)), 2)
            self.ordinal_of[self.hyp[i]], self.ordinal_of[self.hyp[j]] = j, i
            self._plant("hypothesis_numbering", self.hyp[i], [self.hyp[j], f"H{i + 1}", f"H{j + 1}"],
                        self._statement_snippet(self.hyp[i]), self._statement_snippet(self.hyp[j]))

    # ------------------------------------------------------------------ helpers
    def _plant(self, check, item, aliases, snippet, *more, also=()):
        """Record the planted error; ``more``: snippets of its other places (both halves of a swap); ``also``:
        the other checks it rightly makes fail."""
        self.planted = {"check": check, "item": item, "aliases": list(aliases), "snippet": snippet,
                        "places": list(more), "also": list(also)}

    def significant(self, row) -> bool:
        """Whether a printed row's p is below :data:`ALPHA` (its hypothesis or mediation is supported)."""
        return row["p"] < ALPHA

    def n(self, value, decimals=3):
        return num(value, decimals, comma=self.lang == "id")

    def tn(self, value, decimals=3):
        return num(value, decimals, comma=self.spec.table_commas)

    def name(self, abbr):
        return self.e.names[abbr]

    def ends(self, path):
        parts = [p.strip() for p in path.split("->")]
        return [self.name(p) for p in parts]

    def table(self, caption, header, rows, kind):
        self.tables += 1
        note = self.tw["primary" if kind == "respondents" else "source"]
        self.blocks.append(Table(self.tables, f"{self.tw['table']} {self.tables}. {caption}", header, rows, note, kind))
        return self.tables

    def para(self, text):
        self.blocks.append(("p", text))

    def head(self, level, text):
        self.blocks.append(("h", level, text))

    def _statement_snippet(self, path):
        k, yes = self.ordinal_of[path], self.significant(self.pr["paths"][path])
        if self.lang == "id":
            return f"hipotesis {ORDINALS['id'][k]} {'diterima' if yes else 'ditolak'}"
        return f"H{k + 1} is therefore {'' if yes else 'not '}supported"

    # ------------------------------------------------------------------ sections
    def front(self):
        e, w = self.e, self.w
        names = ", ".join(self.name(c) for c in e.constructs)
        self.head(1, cap(w["title"].format(a=self.name(e.constructs[0]), b=self.name(e.constructs[-1]))))
        self.para(w["abstract"].format(names=names, n=e.n))
        self.head(2, w["intro"])
        self.para(w["intro_text"].format(a=self.name(e.constructs[0]), names=names))
        self.head(2, w["hyp_section"])
        self.para(w["defines"].format(defs=", ".join(w["define"].format(name=self.name(c), abbr=c)
                                                     for c in e.constructs)))
        for k, path in enumerate(self.hyp, 1):
            src, tgt = self.ends(path)
            self.para(w["hyp_lead"].format(src=src, tgt=tgt))
            self.para(w["hypothesis"].format(k=k, src=src, Src=cap(src), tgt=tgt))

    def method(self):
        w = self.w
        self.head(2, w["method"])
        tails = {"two": w["two_tailed"], "one_stated": w["one_tailed"], "one_unstated": ""}[self.spec.tails]
        text = w["method_text"].format(n=self.e.n, b=self.e.samples, tails=tails)
        if self.spec.plant == "decision_rule":
            text += " " + w["wrong_rule"]
            self._plant("decision_rule", "", [], w["wrong_rule"][:30])
        self.para(text)

    def profile(self):
        w, tw, e = self.w, self.tw, self.e
        blocks = self.profile_blocks = _profile(e, w, self.rng)
        self.head(2, w["results"])
        self.head(3, w["profile_head"])
        rows = []
        for word, cats in blocks:
            rows.append([cap(word)])
            rows += [[cap(label), str(n), self.tn(100 * n / e.n, 1)] for label, n in cats]
            rows.append([tw["total"], str(e.n), self.tn(100.0, 1)])
        number = self.table(tw["profile"], [tw["characteristic"], tw["count"], tw["percent"]], rows, "respondents")
        self.para(w["profile_lead"].format(t=number, n=e.n))
        target = self.rng.randrange(len(blocks)) if self.spec.plant == "prose_count" else None
        for b, (word, cats) in enumerate(blocks):
            items = []
            for c, (label, n) in enumerate(cats):
                if b == target and c == len(cats) - 1:
                    n += 7
                    self._plant("prose_count", label, [word, cap(label)], w["profile_item"].format(n=n, label=label))
                items.append(w["profile_item"].format(n=n, label=label))
            self.para(w["profile_block"].format(block=word, items=_listed(items, w["and"])))

    def measurement(self):
        measurement(self)

    def structural(self):
        w, tw, e, pr = self.w, self.tw, self.e, self.pr
        self.head(3, w["structural"])
        endo = list(pr["r2"])
        if self.spec.plant == "adjusted_r2":
            c = self.rng.choice(endo)
            pr["r2_adj"][c] = round(pr["r2_adj"][c] - 0.034, 3)
            self._plant("adjusted_r2", c, [], self.tn(pr["r2_adj"][c]))
        self.table(tw["r2"], [tw["construct"], "R-square", "R-square adjusted"],
                   [[c, self.tn(pr["r2"][c]), self.tn(pr["r2_adj"][c])] for c in endo], "r_squared")
        wrong = self.rng.choice(endo) if self.spec.plant == "variance_explained" else None
        for c in endo:
            pct = round(100 * pr["r2"][c], 1) + (12.3 if c == wrong else 0)
            preds = [self.name(p) for p in e.predecessors[c]]
            text = w["r2_text"].format(tgt=self.name(c), r2=self.n(pr["r2"][c]), adj=self.n(pr["r2_adj"][c]),
                                       preds=_listed(preds, w["and"]),
                                       pct=self.n(pct, 1), rest=self.n(100 - pct, 1))
            if c == wrong:
                self._plant("variance_explained", c, [self.name(c)], f"{self.n(pct, 1)}%")
            self.para(text)
        if self.spec.plant == "f_square_single_predictor":
            single = sorted(f"{p[0]} -> {t}" for t, p in e.predecessors.items() if len(p) == 1)
            if not single:
                raise ValueError(f"study {self.spec.study!r} has no construct with one predictor for an f² error")
            path = self.rng.choice(single)
            pr["f2"][path] = round(pr["f2"][path] + 0.05, 3)
            self._plant("f_square_single_predictor", path, [], self.tn(pr["f2"][path]))
        self.para(w["f2_text"].format(t=self.tables + 1))
        self.table(tw["f2"], [tw["path"], "f-square"], [[p, self.tn(v)] for p, v in pr["f2"].items()], "f_square")
        self._effects()

    def _effects(self):
        w, tw, pr, plant = self.w, self.tw, self.pr, self.spec.plant
        if plant in ("t_equals_o_over_sd", "p_from_t"):
            path = self.rng.choice([p for p in self.hyp if pr["paths"][p]["t"] > 3.5])
            row = pr["paths"][path]
            if plant == "t_equals_o_over_sd":
                row["sd"] = round(row["sd"] * 1.3 + 0.005, 3)
            else:
                row["p"] = round(row["p"] + 0.021, 3)
            self._plant(plant, path, [], self.tn(row["sd" if plant == "t_equals_o_over_sd" else "p"]))
        if plant == "indirect_equals_product":
            path = self.rng.choice(list(pr["indirect"]))
            row = pr["indirect"][path]
            row["original"], row["mean"] = round(row["original"] * 1.5, 3), round(row["mean"] * 1.5, 3)
            row["t"] = round(row["original"] / row["sd"], 3)
            row["p"] = round(p_from_t(row["t"], self.e.samples, 1 if self.spec.tails != "two" else 2), 3)
            self._plant(plant, path, [], self.tn(row["original"]))
        header = [tw["path"], "Original sample (O)", "Sample mean (M)", "Standard deviation (STDEV)",
                  "T statistics (|O/STDEV|)", "P values"]
        cells = lambda r: [self.tn(r[k]) for k in ("original", "mean", "sd", "t", "p")]  # noqa: E731
        self.para(w["paths_lead"].format(t=self.tables + 1, t2=self.tables + 2))
        self.paths_table = self.table(tw["paths"], header, [[p] + cells(pr["paths"][p]) for p in sorted(pr["paths"])],
                                      "path_coefficients")
        self.table(tw["indirect"], header, [[p] + cells(pr["indirect"][p]) for p in sorted(pr["indirect"])],
                   "specific_indirect")

    def verdicts(self):
        w, pr, plant = self.w, self.pr, self.spec.plant
        unequal = self.rng.choice(self.hyp) if plant == "inequality_verdict" else None
        self.misquoted = (self.rng.choice(self.hyp), self.rng.choice(["p", "t", "original"])) \
            if plant == "prose_vs_table" else (None, None)
        for path in sorted(self.hyp):
            src, tgt = self.ends(path)
            r, k = dict(pr["paths"][path]), self.ordinal_of[path]
            yes = self.significant(r)
            if self.misquoted == (path, "original"):  # β misquoted in the results
                r["original"] = round(r["original"] + 0.1, 3)
                self._plant("prose_vs_table", path, [f"H{self.hyp.index(path) + 1}"], self.n(r["original"]))
            rel = "<" if yes != (path == unequal) else ">"  # the planted inequality is the wrong way round
            template = "statement_not" if not yes else "statement_alt" if self.rng.random() < 0.5 else "statement"
            self.para(w[template].format(
                Src=cap(src), src=src, tgt=tgt, b=self.n(r["original"]), t=self.n(r["t"]), p=self.n(r["p"]), rel=rel,
                k=k + 1, ordinal=ORDINALS["id"][k]))
            if path == unequal:
                self._plant(plant, path, [f"H{self.hyp.index(path) + 1}"], f"{self.n(r['p'])} {rel} ")
        rejected = [path for path in sorted(self.hyp) if not self.significant(pr["paths"][path])]
        if rejected:  # one sentence on two paths: "A affects B (p < 0.05), whereas C's effect on D is not ..."
            one = next(path for path in sorted(self.hyp) if self.significant(pr["paths"][path]))
            (src, tgt), (src2, tgt2) = self.ends(one), self.ends(rejected[0])
            self.para(w["contrast"].format(Src=cap(src), tgt=tgt, p=self.n(pr["paths"][one]["p"]), src2=src2,
                                           tgt2=tgt2, p2=self.n(pr["paths"][rejected[0]]["p"])))
        for path in sorted(pr["indirect"]):
            src, med, tgt = self.ends(path)
            r = pr["indirect"][path]
            yes = self.significant(r)
            self.para(w["mediation" if yes else "mediation_not"].format(
                src=src, med=med, tgt=tgt, b=self.n(r["original"]), t=self.n(r["t"]), p=self.n(r["p"]),
                rel="<" if yes else ">"))

    def discussion(self):
        w, pr = self.w, self.pr
        wrong, statistic = self.misquoted
        self.head(2, w["discussion"])
        for path in self.hyp:
            src, tgt = self.ends(path)
            r, k = dict(pr["paths"][path]), self.hyp.index(path)
            if path == wrong and statistic != "original":
                r[statistic] = round(r[statistic] + (0.012 if statistic == "p" else 1.234), 3)
                self._plant("prose_vs_table", path, [f"H{k + 1}"], self.n(r[statistic]))
            self.head(3, cap(w["disc_head"].format(src=src, tgt=tgt)))
            text = w["disc_text" if self.significant(pr["paths"][path]) else "disc_text_not"]
            self.para(text.format(t=self.paths_table, ordinal=ORDINALS[self.lang][k], tt=self.n(r["t"]),
                                  p=self.n(r["p"]), src=src, tgt=tgt))
        self.head(2, w["conclusion"])
        supported = sum(self.significant(pr["paths"][path]) for path in self.hyp)
        text = w["conclusion_text" if supported == len(self.hyp) else "conclusion_some"]
        self.para(text.format(names=cap(", ".join(self.name(c) for c in self.e.constructs)), k=supported,
                              m=len(self.hyp)))


def _written(spec: PaperSpec) -> _Writer:
    if spec.plant is not None and spec.plant not in PLANTS:
        raise ValueError(f"unknown plant {spec.plant!r}; expected one of {PLANTS}")
    if not plantable(spec.study, spec.plant):
        raise ValueError(f"plant {spec.plant!r} does not fit study {spec.study!r} (see plantable)")
    if spec.layout not in LAYOUTS:
        raise ValueError(f"unknown layout {spec.layout!r}; expected one of {LAYOUTS}")
    writer = _Writer(spec)
    for step in (writer.front, writer.method, writer.profile, writer.measurement, writer.structural,
                 writer.verdicts, writer.discussion):
        step()
    return writer


def build(spec: PaperSpec) -> tuple[list, dict | None]:
    """The blocks of ``spec``'s paper (headings, paragraphs, :class:`Table`) and its planted error."""
    writer = _written(spec)
    return writer.blocks, writer.planted


def expected(spec: PaperSpec) -> tuple[dict, object]:
    """What a perfect extraction of ``spec``'s tables gives: the published-tables mapping and the model
    (:mod:`generator_truth`)."""
    writer = _written(spec)
    return generator_truth.published(writer), generator_truth.model(writer)


def write_paper(spec: PaperSpec, directory: Path) -> tuple[Path, dict | None]:
    """Write ``spec``'s paper into ``directory``; its path and the manifest entry of its planted error."""
    blocks, planted = build(spec)
    Path(directory).mkdir(parents=True, exist_ok=True)
    path = render(blocks, spec.layout, Path(directory) / spec.stem, random.Random(spec.stem))
    if planted is not None:
        where = "; ".join(locate(path, snippet) for snippet in [planted["snippet"], *planted["places"]])
        planted = {**planted, "where": where, "paper": path.name}
    return path, planted


def corpus(specs, directory: Path, workers: int = 2) -> list[tuple[PaperSpec, Path, dict | None]]:
    """Write every spec's paper into ``directory`` (``workers`` at a time: LuaLaTeX runs take seconds)."""
    from concurrent.futures import ThreadPoolExecutor

    Path(directory).mkdir(parents=True, exist_ok=True)
    for key in sorted({(s.study, s.language) for s in specs}):
        estimate_study(*key)  # once, before the threads
    with ThreadPoolExecutor(workers) as pool:
        written = list(pool.map(lambda spec: write_paper(spec, directory), specs))
    return [(spec, *out) for spec, out in zip(specs, written)]


__all__ = ["PaperSpec", "PLANTS", "ALPHA", "LAYOUTS", "plantable", "build", "expected", "write_paper", "corpus"]
