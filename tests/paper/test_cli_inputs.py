"""What a reviewer feeds the paper audit by mistake, and where its findings point (issue 16, reviewer's item 15).

Empty files, other formats renamed (a Word document named ``.md``, text named ``.pdf``, RTF named ``.txt``) are
named for what they are; a folder's subfolders are named as not searched; a claim's verdict row names the places
of the claim (its p's table, the hypothesis as stated, the sentences with a verdict); a paper's title is not
repeated at the front of every location.
"""
from __future__ import annotations

import json
import zipfile

import pytest

from corpus_helpers import EXAMPLE
from plssem_pipeline.paper import audit_paper
from plssem_pipeline.paper.__main__ import main
from plssem_pipeline.paper.document import parse_text


def _docx(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")


@pytest.mark.parametrize("name, write, expected", [
    ("empty.md", lambda p: p.write_bytes(b""), "the file is empty"),
    ("blank.txt", lambda p: p.write_text(" \n\n\t\n", encoding="utf-8"), "the file is empty (white space only)"),
    ("word.md", _docx, "this is a Word document (.docx), not .md text"),
    ("rich.txt", lambda p: p.write_bytes(b"{\\rtf1\\ansi Tabel 1}"), "this is a Rich Text Format document (.rtf)"),
    ("typeset.md", lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\n"), "this is a PDF, not .md text; name it .pdf"),
    ("text.pdf", lambda p: p.write_text("Table 1. Outer loadings\n", encoding="utf-8"),
     "not a PDF: this is text (it does not start with %PDF-); name it .md or .txt"),
    ("word.pdf", _docx, "not a PDF: this is a Word document (.docx)"),
])
def test_a_file_that_is_no_paper_is_named_for_what_it_is(tmp_path, capsys, name, write, expected):
    write(tmp_path / name)
    assert main([str(tmp_path / name), "--out", str(tmp_path / "out")]) == 1
    status = json.loads((tmp_path / "out" / name.rsplit(".", 1)[0] / "status.json").read_text(encoding="utf-8"))
    assert status["status"] == "unreadable" and expected in status["message"], status["message"]
    assert expected in capsys.readouterr().err


def test_subfolders_are_named_as_not_searched(tmp_path, capsys):
    folder = tmp_path / "papers"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / EXAMPLE.name).write_bytes(EXAMPLE.read_bytes())
    assert main([str(folder), "--out", str(tmp_path / "out")]) == 2
    assert "the folder holds no paper" in capsys.readouterr().err.replace("\n", " ")
    capsys.readouterr()
    main([str(folder), "--out", str(tmp_path / "out")])
    assert "1 subfolder not searched: sub/" in capsys.readouterr().err
    (folder / EXAMPLE.name).write_bytes(EXAMPLE.read_bytes())
    assert main([str(folder), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "Note: " in err and "1 subfolder not searched: sub/ (give it as an argument)" in err


def test_a_claims_row_names_its_places_in_the_text():
    """The example's hypotheses: the p's table (Tabel 5), the hypothesis as stated, and the sentences giving the
    verdict on its path, each place once."""
    result = audit_paper(EXAMPLE)
    prose = result.extraction.published["prose"]
    stated = {h["id"]: h["location"] for h in prose["hypotheses_stated"]}
    rows = [r for r in result.findings if r.check == "claim_verdict"]
    assert rows and all(r.location for r in rows)
    for row in rows:
        places = row.location.split("; ")
        assert len(places) == len(set(places)) >= 2, row.location
        hypothesis = row.item.split(" ")[0]
        path = row.item.split("(")[1].rstrip(")")
        assert places[0].startswith("Tabel 5" if path.count("->") == 1 else "Tabel 6")
        if hypothesis in stated:
            assert stated[hypothesis] in places
        verdicts = {s["location"] for s in prose["statements"] if s.get("verdict") and s.get("path") == path}
        assert verdicts <= set(places)


def test_the_title_is_not_repeated_in_every_location():
    text = ("# A Long Title: The Mediating Role of Something\n\n## 4. Results\n\n### 4.1 Measurement model\n\n"
            "Table 2. Outer loadings\n")
    document = parse_text(text)
    assert document.where(text.index("Table 2")) == "4. Results > 4.1 Measurement model, line 7"
    peers = parse_text("## Title\n\n## 4. Results\n\ntext\n")   # a first heading with peers is a section
    assert peers.where(peers.text.index("text")) == "4. Results, line 5"
