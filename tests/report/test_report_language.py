"""The report in Indonesian: labels, verdicts, contents and numbers in the report's language.

Built from the default study's finished run (the session's ``study_run``; no new DAG run): the report
context and the rendered HTML and LaTeX in English and in Indonesian, the expected words taken from the
configuration and the catalogues (report/strings), never typed here.
"""
from __future__ import annotations

import copy
import json
import pkgutil
import re
import string
from html.parser import HTMLParser

import pytest
import yaml

from plssem_pipeline import io, steps, study
from plssem_pipeline.language import SEPARATORS
from plssem_pipeline.audit import consistency
from plssem_pipeline.audit.catalogue import AuditCatalogue
from plssem_pipeline.audit.published import load_published
from plssem_pipeline.report import render_html, render_latex
from plssem_pipeline.report.catalogue import STRINGS
from plssem_pipeline.report.localize import NUMBER
from plssem_pipeline.study.labels import label_for

from report_helpers import context_for, resolved_config

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
#: Identifiers and file names (a path, a file with its extension, a dotted config key): not words of the report.
IDENTIFIER = re.compile(r"\S*[/\\]\S*|\S+\.(?:csv|json|yaml|png|pdf|tex|npz|xlsx)\b|\b[a-z_0-9]+(?:\.[a-z_0-9]+)+\b")
WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")
#: An integer with Indonesian thousands points (5.000): the only point between digits the Indonesian text may have.
THOUSANDS = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:\.\d{3})+(?![\d,])")


class _Visible(HTMLParser):
    """The text a reader sees, less identifiers (``mono`` cells: files, hashes, versions) and the
    configuration listing (``pre``)."""

    def __init__(self):
        super().__init__()
        self.skipping, self.parts = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            classes = (dict(attrs).get("class") or "").split()
            self.skipping.append(tag in ("style", "script", "pre") or "mono" in classes)

    def handle_endtag(self, tag):
        if tag not in VOID and self.skipping:
            self.skipping.pop()

    def handle_data(self, data):
        if not any(self.skipping):
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(parser.parts)


def words(text: str) -> set:
    """The words of ``text``: no identifiers, nothing with a digit (KP1, H2), no acronym (AVE), no single letter."""
    return {w for w in WORD.findall(IDENTIFIER.sub(" ", text))
            if len(w) > 1 and not w.isupper() and not any(c.isdigit() for c in w)}


def texts_of(value):
    """Every text of a YAML value, keys included."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from texts_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts_of(item)
    elif value is not None:
        yield str(value)


def audit_files(run, language: str, directory) -> dict:
    """The audit step's two files for ``language``: the run's comparison, and its checks of the paper
    against itself recomputed with the audit's functions, their explanations in ``language``."""
    config = resolved_config(run)
    settings, criteria = config["audit"], config["audit"]["criteria"]
    published = load_published(run / config["published"], default_decimals=settings["printed_decimals"])
    options = consistency.ConsistencyOptions(
        alpha=settings["alpha"], bootstrap_samples=settings["published_bootstrap_samples"],
        loading_threshold=criteria["loading"], ave_threshold=criteria["ave"],
        reliability_threshold=criteria["reliability"], language=language)
    checks = consistency.checks_table(consistency.run_checks(
        published, study.model_from_config(config["constructs"], config["paths"]), options))
    path = directory / f"consistency-{language}.csv"
    io.write_csv(checks, path)
    return {"published_vs_reproduced": str(run / "results/audit/published_vs_reproduced.csv"),
            "consistency": str(path)}


@pytest.fixture(scope="module")
def report(study_run, tmp_path_factory):
    """``{language: (context, html, visible text, latex)}`` for English and Indonesian."""
    out, directory = {}, tmp_path_factory.mktemp("audit")
    for language in ("en", "id"):
        context = context_for(study_run, audit=audit_files(study_run, language, directory), language=language)
        html = render_html(context)
        out[language] = (context, html, visible(html), render_latex(context))
    return out


def test_title_labels_verdicts_and_contents_are_indonesian(report, study_run):
    context, html, _, latex = report["id"]
    config = resolved_config(study_run)
    t = STRINGS["id"]
    assert context["title"] == label_for(config["report"]["title"], "id") != label_for(config["report"]["title"], "en")
    # Table 1: the variables' and categories' labels in Indonesian, from the config
    table1 = next(table for table in context["tables"] if table.id == "table-1")
    expected = {label_for(spec["label"], "id"): [label_for(c, "id") for c in spec["categories"].values()]
                for spec in config["respondents"].values()}
    shown = {heading: [row.cells[0].text for row in rows if not row.total] for heading, rows in table1.bodies}
    assert shown == expected
    # the constructs' labels in the tables and the figures' keywords
    groups = {row.group for table in context["tables"] for row in table.rows if row.group}
    for name, spec in config["constructs"].items():
        assert f"{name} — {label_for(spec['label'], 'id')}" in groups
        assert label_for(spec["label"], "en") not in report["id"][2]
    # verdict words from the Indonesian catalogue
    verdicts = {row.cells[-1].text for row in next(t_ for t_ in context["tables"] if t_.id == "table-3").rows}
    assert verdicts and verdicts <= {t["reliable"], t["not_reliable"]}
    table7 = next(table for table in context["tables"] if table.id == "table-7")
    column = [c.label for c in table7.columns].index(t["c_verdict"])
    assert {row.cells[column].text for row in table7.rows} <= {t["supported"], t["not_supported"]}
    checks = context["audit"]["consistency"]["table"]
    assert {row.cells[-1].text for row in checks.rows} <= {t["verdict_fail"], t["verdict_note"], t["verdict_pass"]}
    # the table of contents, HTML and LaTeX
    assert f'<nav aria-label="{t["contents"]}">' in html
    assert "\\renewcommand{\\contentsname}{" + t["contents"] + "}" in latex
    assert all(section["title"] in visible(html) for section in context["sections"])


def test_no_english_left_in_the_indonesian_report(report, study_run):
    """Words the Indonesian report shares with the English one come from the Indonesian catalogues, the
    configuration's labels, the published paper (its citation and statements) or the software's names;
    the only others are the pipeline's step names (Table P2's "written by")."""
    shared = words(report["en"][2]) & words(report["id"][2])
    config = resolved_config(study_run)
    published = yaml.safe_load((study_run / config["published"]).read_text(encoding="utf-8"))
    versions = json.loads((study_run / "results/bootstrap/summary.json").read_text(encoding="utf-8"))["versions"]
    sources = [*STRINGS["id"].values(), *AuditCatalogue("id").strings.values(), *texts_of(published),
               *texts_of(config["respondents"]), *texts_of(config["constructs"]), *versions]
    known = set().union(*(words(text) for text in sources))
    step_names = {module.name for module in pkgutil.iter_modules(steps.__path__)}
    assert shared - known <= step_names, sorted(shared - known - step_names)


def test_one_decimal_separator_per_language(report):
    """No number of the Indonesian report has a decimal point; a point between digits is a thousands point,
    of an integer the English report writes with a thousands comma. Not numbers: versions (3.11.7), names
    with digits (KP1.2), identifiers (mono cells, the configuration listing)."""
    english, indonesian = report["en"][2], report["id"][2]
    grouped = set(THOUSANDS.findall(indonesian))
    assert all(number.replace(".", ",") in english for number in grouped), grouped
    points = [m.group(0) for m in NUMBER.finditer(THOUSANDS.sub(" ", indonesian))]
    assert points == [], points[:10]
    assert re.search(r"\d,\d", indonesian) and re.search(r"\d\.\d", english)
    assert not re.search(r"\[\d+,\d+, ", indonesian)     # an interval's bounds separated by "; "
    assert re.search(r"\[\d+,\d+; \d+,\d+\]", indonesian)
    assert not re.search(r"(?<![\w.,])\d+,\d{1,2}(?!\d)", english.replace(", ", " "))


def test_labels_missing_in_the_language_are_listed_once(study_run):
    config = copy.deepcopy(resolved_config(study_run))
    config["constructs"]["KP"]["label"] = {"en": label_for(config["constructs"]["KP"]["label"], "en")}
    context = context_for(study_run, config=config, audit=None, language="id")
    note = STRINGS["id"]["m_labels_fallback"].format(keys="constructs.KP.label")
    assert sum(note in paragraph for paragraph in context["methods"]) == 1
    assert f"KP — {config['constructs']['KP']['label']['en']}" in {
        row.group for table in context["tables"] for row in table.rows if row.group}
    opening = STRINGS["id"]["m_labels_fallback"].split("{")[0]       # every label translated: no such note
    assert not any(opening in paragraph for paragraph in context_for(study_run, audit=None, language="id")["methods"])


def test_exclusion_reasons_are_worded_in_the_language(study_run, tmp_path):
    summary = json.loads((study_run / "results/clean/summary.json").read_text(encoding="utf-8"))
    summary["details"]["exclusion_reasons"] = {"blank_cell": 3, "straight_lining": 1}
    path = tmp_path / "summary.json"
    path.write_text(json.dumps(summary), encoding="utf-8")
    for language, strings in STRINGS.items():
        methods = " ".join(context_for(study_run, audit=None, language=language,
                                       files={"clean_summary": path})["methods"])
        assert f"{strings['reason_blank_cell']}: 3" in methods and f"{strings['reason_straight_lining']}: 1" in methods


def test_every_sentence_has_the_same_fields_and_written_numbers_in_every_language():
    """A number a sentence states (a cited threshold) is written in each language's separator and is the same
    number in every language; a number the pipeline decides (a configured criterion, a rule's bound) is a field."""
    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    def numbers(text, language):
        decimal = SEPARATORS[language][0]
        found = re.findall(rf"(?<![\w.,])\d+{re.escape(decimal)}\d+(?!\w|[.,]\d)", text)
        return sorted(number.replace(decimal, ".") for number in found)

    for key, english in STRINGS["en"].items():
        assert not re.search(r"(?<![\w.,])\d+,\d+(?!\d)", english), key             # no decimal comma in English
        for language, strings in STRINGS.items():
            assert fields(strings[key]) == fields(english), (language, key)
            assert numbers(strings[key], language) == numbers(english, "en"), (language, key)
