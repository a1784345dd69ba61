"""The audit's sentences in the study's report language, and how they write numbers.

Every explanation of ``results/audit/consistency.csv`` is assembled from the
texts of ``strings/<language>.yaml`` in this package (``en.yaml``,
``id.yaml``: the same keys and the same ``{fields}`` per key, a test checks
it), read as :mod:`plssem_pipeline.report.catalogue` reads the report's
(:func:`plssem_pipeline.language.load_strings`). The language is the study's
``report.language``, so the CSV and the report say the same thing.

Numbers in an explanation are written by :class:`AuditCatalogue`'s methods
(:func:`plssem_pipeline.language.number_text`): Indonesian with a decimal comma
and a thousands point, and ``;`` between the ends of an interval and between
listed numbers (``[0,6615; 0,6625]``), so that no comma is ambiguous.
Formulas stay formulas; only their numbers change.
"""
from __future__ import annotations

import math
from pathlib import Path

from ..language import Catalogue, load_strings, number_text
from .published import Printed

__all__ = ["STRINGS_DIR", "AuditCatalogue"]

#: The folder of the translations, one ``<language>.yaml`` per language (installed with the package).
STRINGS_DIR = Path(__file__).with_name("strings")


class AuditCatalogue(Catalogue):
    """The audit's texts of one language (``"en"``, ``"id"``: a file in :data:`STRINGS_DIR`), and its numbers."""

    STRINGS = load_strings(STRINGS_DIR, what="audit strings file")
    WHAT = "audit"

    def num(self, value: float | None, spec: int | str = 4) -> str:
        """A number: ``spec`` decimals (an int) or a format spec (``".3g"``, ``"g"``); ``n/a`` for None or NaN.

        Parameters
        ----------
        value : float or None
        spec : int or str

        Returns
        -------
        str

        Examples
        --------
        >>> AuditCatalogue("id").num(0.66176), AuditCatalogue("en").num(1.23e-5, ".3g")
        ('0,6618', '1.23e-05')
        """
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return self("not_available")
        return number_text(value, self.language, f".{spec}f" if isinstance(spec, int) else spec)

    def count(self, value: float) -> str:
        """A whole number with the language's thousands separator (``5,000``, ``5.000``); others as ``g``."""
        return number_text(int(value), self.language, ",") if float(value).is_integer() else self.num(value, "g")

    def join(self, items) -> str:
        """Listed numbers (or texts holding numbers): ``", "`` in English, ``"; "`` in Indonesian."""
        return self("list_separator").join(items)

    def interval(self, low: float, high: float, spec: int | str = 4) -> str:
        """The interval ``[low, high]`` (Indonesian ``[low; high]``), each end as :meth:`num` writes it."""
        return self("interval", low=self.num(low, spec), high=self.num(high, spec))

    def text(self, printed: Printed) -> str:
        """A printed value as the paper printed it, in the language's separators (a count without decimals)."""
        return self.num(printed.value, "g" if printed.decimals is None else printed.decimals)

    def printed(self, printed: Printed, *, probability: bool = False) -> str:
        """A printed value followed by its rounding interval (one decimal more); an exact one without.

        Parameters
        ----------
        printed : Printed
        probability : bool
            Clip the interval's low end at 0 (a p value).

        Returns
        -------
        str
            ``"0.662 (i.e. [0.6615, 0.6625])"``.
        """
        if printed.decimals is None:
            return self.text(printed)
        low = max(printed.low, 0.0) if probability else printed.low
        return self("printed_with_interval", value=self.text(printed),
                    interval=self.interval(low, printed.high, printed.decimals + 1))
