"""The numbers of the report's tables and figures, given once every section is built.

Beside a published paper (config ``published``), the result tables keep the
numbers the sections give them: the paper's, with lettered additions (3a, 3b,
4a). Without one, they are numbered 1, 2, 3, ... in the order they appear,
with no gaps and no letters. Figures are numbered 1, 2, 3, ... in the order
they appear either way. The tables of the report's own bookkeeping (audit
C1, provenance P1 and P2, appendix A1, ...) keep their lettered series.

A comparison table (published against reproduced) takes the number of the
table it compares, "Table 5 (comparison)", so no number has two captions.

A sentence that names another table writes ``[[table-7]]`` (a table's id in
double brackets, :func:`ref`) where the number goes; :func:`number` puts the
table's displayed number there, in every text of the report.
"""
from __future__ import annotations

import dataclasses
import re

__all__ = ["number", "ref"]

_REF = re.compile(r"\[\[([A-Za-z0-9_.-]+)\]\]")


def ref(table_id: str) -> str:
    """The place of a table's number in a sentence, filled in by :func:`number`.

    Parameters
    ----------
    table_id : str
        The table's ``id`` (``"table-7"``).

    Returns
    -------
    str
        ``"[[table-7]]"``.

    Examples
    --------
    >>> ref("table-3d")
    '[[table-3d]]'
    """
    return f"[[{table_id}]]"


def _blocks(sections, kind: str, *, results: bool | None = None) -> list:
    """The tables (or figures) of ``sections`` in document order; ``results`` True: result sections only."""
    return [block[kind] for section in sections if results is None or section["results"] == results
            for block in section["blocks"] if block["kind"] == kind]


def _fill(value, numbers: dict):
    """``value`` with every ``[[id]]`` replaced by that table's number, strings inside lists, dicts and
    dataclasses included (dataclasses changed in place)."""
    if isinstance(value, str):
        return _REF.sub(lambda m: numbers.get(m.group(1), m.group(1).removeprefix("table-")), value)
    if isinstance(value, list):
        return [_fill(item, numbers) for item in value]
    if isinstance(value, tuple):
        return tuple(_fill(item, numbers) for item in value)
    if isinstance(value, dict):
        return {key: _fill(item, numbers) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            setattr(value, item.name, _fill(getattr(value, item.name), numbers))
    return value


def number(sections: list, *, published: bool, comparison: str) -> list:
    """Number the tables and figures of the built sections and fill in the references to them.

    Parameters
    ----------
    sections : list of dict
        The report's sections in order (:func:`plssem_pipeline.report.blocks.section`), changed in place.
    published : bool
        Whether the study reproduces a published paper (config ``published``): its tables keep the
        paper's numbers; without one, the result tables are numbered 1, 2, 3, ...
    comparison : str
        The number of a comparison table, with ``{number}`` for the number of the table it compares
        (``"{number} (comparison)"``, from the report's catalogue).

    Returns
    -------
    list of dict
        ``sections``, every ``[[id]]`` in their texts replaced by the number of the table with that id.
    """
    if not published:
        for k, table in enumerate(_blocks(sections, "table", results=True), start=1):
            table.number = str(k)
    for k, figure in enumerate(_blocks(sections, "figure"), start=1):
        figure.number = str(k)
    tables = _blocks(sections, "table")
    for table in tables:
        if table.comparison is not None and table.number:
            table.comparison.number = comparison.format(number=table.number)
    numbers = {table.id: table.number for table in tables if table.number}
    return [_fill(section, numbers) for section in sections]
