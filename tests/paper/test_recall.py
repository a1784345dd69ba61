"""Recall and false alarms of the paper audit on generated papers (issue 16, "How we will know").

:mod:`generator` writes papers from known ``plssem`` models in English and Indonesian and four
layouts (Markdown with tab tables, plain text with aligned columns, flattened PDF-like text, real
PDFs by LuaLaTeX), clean or with one planted error each (its manifest names the check and the
item). :func:`plssem_pipeline.paper.audit_paper` reads each paper; a planted error is found when a
``fail`` row of its check names its item or an alias (another finding at the same line does not count).
A fail row of another check in a planted paper is collateral: allowed only when the manifest's ``also``
names that check as the error's expected consequence, else a false alarm like one on a clean paper.
Clean papers include a non-significant path with its hypothesis rejected in negated words (msme).
Required: recall 1 for every check, no ``fail`` row on any clean paper (one-tailed papers included,
stated or not) nor, beyond ``also``, in a planted one, and the one-tailed papers' p values read as
one-tailed. The table of recall and false alarms is printed (``pytest -s``) and written to the test's
temporary directory (``recall.txt``, ``recall.csv``).
"""
from __future__ import annotations

import csv
import itertools
import re

import pytest

from generator import ALPHA, PLANTS, PaperSpec, build, corpus, expected, plantable
from plssem_pipeline.audit.consistency import ConsistencyOptions, run_checks
from plssem_pipeline.audit.published import parse_published

STUDIES = ("msme", "service", "adoption")
#: Checks the existing table checks must find on a perfect extraction (no text reading involved).
TABLE_PLANTS = ("t_equals_o_over_sd", "p_from_t", "ave_from_loadings", "adjusted_r2", "indirect_equals_product")

CLEAN = [
    PaperSpec("msme", "id", "markdown", table_commas=True),
    PaperSpec("msme", "en", "plain"),
    PaperSpec("service", "id", "flat"),
    PaperSpec("service", "en", "markdown"),
    PaperSpec("service", "id", "pdf", table_commas=True),
    PaperSpec("adoption", "en", "markdown"),
    PaperSpec("adoption", "en", "flat", tails="one_stated"),
    PaperSpec("adoption", "id", "markdown", tails="one_unstated", table_commas=True),
    PaperSpec("adoption", "id", "plain", tails="one_stated"),
]
_VARIANTS = itertools.cycle([("msme", "en", "markdown", False), ("service", "id", "plain", True),
                             ("adoption", "id", "flat", False), ("service", "en", "flat", False),
                             ("msme", "id", "markdown", True), ("adoption", "en", "plain", False)])


def _variant(plant: str) -> tuple:
    """The next variant of :data:`_VARIANTS` whose study the plant fits."""
    return next(v for v in _VARIANTS if plantable(v[0], plant))


PLANTED = [PaperSpec(study, language, layout, plant, table_commas=commas, seed=k)
           for plant in PLANTS for k in range(2) for study, language, layout, commas in [_variant(plant)]]
PLANTED += [PaperSpec("msme", "en", "pdf", "prose_vs_table", seed=7),
            PaperSpec("adoption", "en", "markdown", "p_from_t", tails="one_stated", seed=3),
            PaperSpec("adoption", "id", "plain", "inequality_verdict", tails="one_unstated", seed=3),
            PaperSpec("service", "id", "flat", "hypothesis_numbering", seed=11),
            # errors planted on the non-significant path (msme's EU -> BP, PE -> KU): the seeds that pick it
            PaperSpec("msme", "en", "plain", "inequality_verdict", seed=3),
            PaperSpec("msme", "id", "markdown", "inequality_verdict", seed=0),
            PaperSpec("msme", "en", "flat", "prose_vs_table", seed=2)]
ONE_TAILED_WORDS = ("one-tailed", "one tailed", "satu arah", "one-sided")


def _norm(text: str) -> str:
    return re.sub(r"\s*(->|→)\s*", " -> ", " ".join(str(text).split())).lower()


def _names(row, planted: dict) -> bool:
    """Whether a finding row names the planted item (or one of its aliases) in its ``item``; an empty item:
    any row of the check."""
    if not planted["item"]:
        return True
    where = _norm(row.item)
    return any(_norm(name) in where for name in [planted["item"], *planted["aliases"]])


# ----------------------------------------------------------------------------- the generator itself
def test_generator_is_deterministic(tmp_path):
    specs = [PaperSpec("msme", "id", "flat", "hypothesis_numbering", table_commas=True),
             PaperSpec("service", "en", "markdown", "prose_count"), PaperSpec("adoption", "id", "plain")]
    first = corpus(specs, tmp_path / "a")
    second = corpus(specs, tmp_path / "b")
    for (spec, path, planted), (_, again, planted_again) in zip(first, second):
        assert path.read_bytes() == again.read_bytes(), spec.stem
        assert planted == planted_again


@pytest.mark.parametrize("language, negated", [("en", "does not significantly affect"),
                                               ("id", "tidak berpengaruh signifikan")])
def test_clean_papers_reject_a_non_significant_hypothesis(language, negated):
    """The clean msme paper's EU -> BP (PE -> KU) has p ≥ α and says so: rejected, in negated words."""
    spec = PaperSpec("msme", language, "markdown")
    data, _ = expected(spec)
    paths = next(t["rows"] for key, t in data["tables"].items() if key.endswith("_path_coefficients"))
    rejected = {h["path"] for h in data["tables"]["hypotheses"].values() if h["verdict_published"] == "rejected"}
    assert rejected == {path for path, row in paths.items() if row["p"] >= ALPHA} and len(rejected) == 1
    prose = [block[1] for block in build(spec)[0] if isinstance(block, tuple) and block[0] == "p"]
    assert sum(negated in text for text in prose) == 2  # the results' statement and the discussion


@pytest.mark.parametrize("plant", [None, *TABLE_PLANTS])
def test_table_errors_are_found_by_the_checks_on_a_perfect_extraction(plant):
    """The planted table error is one ``fail`` row of its check, and a clean paper has none."""
    for study in STUDIES if plant is None else [STUDIES[TABLE_PLANTS.index(plant) % len(STUDIES)]]:
        spec = PaperSpec(study, "en", "markdown", plant)
        data, model = expected(spec)
        planted = build(spec)[1]
        rows = run_checks(parse_published(data, file=spec.stem), model, ConsistencyOptions())
        fails = [(r.check, r.item) for r in rows if r.verdict == "fail"]
        assert fails == ([] if plant is None else [(plant, planted["item"])]), (spec.stem, fails)


# ----------------------------------------------------------------------------- the audit on the papers
@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    from plssem_pipeline.paper import audit_paper

    directory = tmp_path_factory.mktemp("generated_papers")
    papers = corpus(CLEAN + PLANTED, directory)
    for spec, _, planted in papers:  # the generator found every planted error's place in what it wrote
        assert (planted is None) == (spec.plant is None) and "?" not in (planted or {}).get("where", ""), planted
    return directory, [(spec, planted, audit_paper(path).findings) for spec, path, planted in papers]


def _recall_table(audited) -> list[dict]:
    table = {check: {"check": check, "planted": 0, "found": 0, "missed": [], "false_alarms": 0, "clean_papers": [],
                     "collateral": 0} for check in PLANTS}
    for spec, planted, findings in audited:
        for row in findings:
            if row.verdict != "fail":
                continue
            entry = table.setdefault(row.check, {"check": row.check, "planted": 0, "found": 0, "missed": [],
                                                 "false_alarms": 0, "clean_papers": [], "collateral": 0})
            if planted is None:
                entry["false_alarms"] += 1
                entry["clean_papers"].append(f"{spec.stem}: {row.item}")
            elif row.check in planted["also"]:
                entry["collateral"] += 1
                entry.setdefault("collateral_rows", []).append(f"{spec.stem}: {row.item}")
            elif row.check != planted["check"]:
                entry["false_alarms"] += 1
                entry["planted_papers"] = entry.get("planted_papers", []) + [f"{spec.stem}: {row.item}"]
        if planted is not None:
            entry = table[planted["check"]]
            entry["planted"] += 1
            if any(r.verdict == "fail" and r.check == planted["check"] and _names(r, planted) for r in findings):
                entry["found"] += 1
            else:
                entry["missed"].append(f"{planted['paper']} ({planted['item']}, {planted['where']})")
    return list(table.values())


def _write_table(rows: list[dict], directory) -> str:
    lines = [f"{'check':<32}{'planted':>8}{'found':>7}{'recall':>8}{'false alarms':>14}{'collateral':>12}"]
    for r in rows:
        recall = f"{r['found'] / r['planted']:.2f}" if r["planted"] else "-"
        lines.append(f"{r['check']:<32}{r['planted']:>8}{r['found']:>7}{recall:>8}{r['false_alarms']:>14}"
                     f"{r['collateral']:>12}")
        lines += [f"    missed: {m}" for m in r["missed"]] + [f"    false alarm: {c}" for c in r["clean_papers"]]
        lines += [f"    false alarm in a paper planted for another check: {c}" for c in r.get("planted_papers", [])]
        lines += [f"    expected consequence of a planted error: {c}" for c in r.get("collateral_rows", [])]
    text = "\n".join(lines) + "\n"
    (directory / "recall.txt").write_text(text, encoding="utf-8")
    with open(directory / "recall.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["check", "planted", "found", "false_alarms", "collateral"],
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return text


def test_recall_is_one_and_clean_papers_have_no_fail(audited):
    directory, results = audited
    rows = _recall_table(results)
    print("\n" + _write_table(rows, directory))
    missed = {r["check"]: r["missed"] for r in rows if r["missed"]}
    alarms = {r["check"]: r["clean_papers"] for r in rows if r["clean_papers"]}
    collateral = {r["check"]: r["planted_papers"] for r in rows if r.get("planted_papers")}
    assert not missed, f"planted errors not found: {missed}"
    assert not alarms, f"fail rows on clean papers: {alarms}"
    assert not collateral, f"fail rows of other checks in planted papers (not in the manifest's 'also'): {collateral}"


def test_one_tailed_papers_are_read_as_one_tailed(audited):
    _, results = audited
    for spec, planted, findings in results:
        if spec.tails == "two":
            continue
        p_rows = [r for r in findings if r.check == "p_from_t"]
        assert p_rows, f"{spec.stem}: no p_from_t row"
        assert all(any(word in r.explanation.lower() for word in ONE_TAILED_WORDS) for r in p_rows), \
            f"{spec.stem}: the p_from_t explanation does not say one-tailed"
