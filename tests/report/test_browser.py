"""report/results.html in a real headless Chromium (Debian's chromium): no console errors, no network, all tables.

Two ways in: the plain ``chromium --headless --screenshot`` command line, and a
DevTools-protocol session (report_browser.py, stdlib only) that records every
console message, exception, log entry and network request, inspects the DOM,
takes a full-page screenshot and prints the page to PDF with the print CSS.
"""
import re
import shutil
from pathlib import Path

import pytest

from report_browser import Browser, chromium_binary, screenshot

pytestmark = pytest.mark.skipif(chromium_binary() is None,
                                reason="needs Debian's chromium (apt-get install chromium; .ci/run installs it)")

EXPECTED_CAPTIONS = ["Table 1.", "Table 2.", "Table 3.", "Table 3a.", "Table 3b.", "Table 3c.", "Table 4.",
                     "Table 4a.", "Table 5.", "Table 6.", "Table 6a.", "Table 6b.", "Table 7."]

DOM_REPORT = """(() => {
  const tables = [...document.querySelectorAll('table')];
  return {
    tables: tables.length,
    captions: tables.map(t => t.querySelector(':scope > caption') ? t.caption.textContent.trim() : null),
    headers_without_scope: [...document.querySelectorAll('thead th')].filter(th => th.getAttribute('scope') !== 'col').length,
    row_headers: [...document.querySelectorAll('tbody th[scope=row]')].length,
    images: [...document.images].map(i => [i.complete, i.naturalWidth, i.src.slice(0, 22)]),
    scripts: document.querySelectorAll('script').length,
    banner: (document.getElementById('synthetic-banner') || {}).textContent || '',
    external: [...document.querySelectorAll('[src],[href]')].map(e => e.getAttribute('src') || e.getAttribute('href'))
              .filter(u => /^(https?:)?\\/\\//.test(u)),
    width: document.documentElement.scrollWidth,
  };
})()"""


@pytest.fixture(scope="module")
def page_report(study_run, tmp_path_factory):
    out = tmp_path_factory.mktemp("browser")
    html = study_run / "report" / "results.html"
    with Browser() as browser:
        page = browser.open(html)
        dom = page.evaluate(DOM_REPORT)
        page.screenshot(out / "full_page.png")
        page.print_pdf(out / "printed.pdf")
        return {"html": html, "dom": dom, "errors": page.console_errors, "requests": page.requests, "dir": out}


def test_no_console_errors_and_no_network_requests(page_report):
    assert page_report["errors"] == []
    own = page_report["html"].resolve().as_uri()
    assert [u for u in page_report["requests"] if u != own and not u.startswith("data:image/png;base64,")] == []
    assert page_report["dom"]["external"] == [] and page_report["dom"]["scripts"] == 0


def test_every_table_is_there_with_caption_and_header_scopes(page_report):
    dom = page_report["dom"]
    assert dom["tables"] >= 20 and None not in dom["captions"]
    for caption in EXPECTED_CAPTIONS:
        assert any(c.startswith(caption + " ") for c in dom["captions"]), caption
    assert any(c.startswith("Table C1.") for c in dom["captions"])          # the audit's checks
    assert dom["headers_without_scope"] == 0 and dom["row_headers"] > 100
    assert dom["images"] and all(complete and width > 300 and src == "data:image/png;base64,"
                                 for complete, width, src in dom["images"])
    assert len(dom["images"]) == 6
    assert dom["banner"].startswith("Synthetic data.")


def test_screenshots_and_print(page_report, tmp_path):
    full = page_report["dir"] / "full_page.png"
    assert full.read_bytes()[:4] == b"\x89PNG" and full.stat().st_size > 300_000
    printed = (page_report["dir"] / "printed.pdf").read_bytes()
    pages = max(int(n) for n in re.findall(rb"/Count (\d+)", printed))
    assert 8 <= pages <= 40                                        # print CSS: A4 pages, not one long strip


def test_command_line_screenshot_has_no_console_errors(study_run, tmp_path):
    png = tmp_path / "screenshot.png"
    done = screenshot(study_run / "report" / "results.html", png)
    assert done.returncode == 0, done.stderr[-2000:]
    assert png.read_bytes()[:4] == b"\x89PNG" and png.stat().st_size > 100_000
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == []


def test_the_checks_catch_errors_when_there_are_some(tmp_path):
    """Negative control: a page with a script error, a console error and a missing stylesheet."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><head><link rel='stylesheet' href='missing.css'></head><body>"
                   "<table><tr><td>1</td></tr></table><script>console.error('boom'); undefined_function();"
                   "</script></body></html>", encoding="utf-8")
    with Browser() as browser:
        page = browser.open(bad)
        dom = page.evaluate(DOM_REPORT)
        errors = page.console_errors
        requests = page.requests
    assert any("boom" in e for e in errors) and any("undefined_function" in e for e in errors)
    assert any(u.endswith("missing.css") for u in requests)
    assert dom["captions"] == [None]
