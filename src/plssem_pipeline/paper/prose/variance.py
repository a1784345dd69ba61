"""Variance explained in the prose ("explains 67.8% of the variance in X", "sekitar 78% dari variasi X"),
and the R² labels the prose gives ("R-square ... 0,678 ... moderat") with the thresholds it states.

A percentage followed, within a few words, by a word for variance ("variance", "variation",
"variasi", "varians", "keragaman") and then a construct's name is the variance of that construct
explained; a percentage with "sisanya", "remaining", "the rest", "other variables" near it is the
residual of the last one. Thresholds: a sentence naming R² with at least two numbers each followed by
a label word ("0,67 ... kuat; 0,33 ... moderat"); a label: a sentence naming R² and one construct and
a label word, not a thresholds sentence (a sentence naming several: the construct right after "R-square"
and the one label word before the next construct named).
"""
from __future__ import annotations

import re

from .context import ProseContext
from .words import LABELS

__all__ = ["read_variance_explained", "r2_labels"]

_VARIANCE = re.compile(r"^[\s$)*]*(?:[^\W\d_]+\s+){0,3}?(?:variance|variation|variasi|varians|keragaman)\b",
                       re.IGNORECASE)
_RESIDUAL = re.compile(r"sisanya|sisa|remaining|the\s+rest|residual|lainnya|variabel\s+lain|other\s+(?:variables|"
                       r"factors)|faktor\s+lain", re.IGNORECASE)
_R2 = re.compile(LABELS["r2"], re.IGNORECASE)
_R2_ADJ = re.compile(LABELS["r2_adj"], re.IGNORECASE)
_BANDS = ("substantial", "strong", "kuat", "tinggi", "moderate", "moderat", "sedang", "weak", "lemah", "rendah")
_BAND = re.compile(r"\b(" + "|".join(_BANDS) + r")\b", re.IGNORECASE)


def read_variance_explained(ctx: ProseContext) -> list[dict]:
    """``{construct, percent, decimals, statistic, residual_percent, location, line}`` for each one quoted.

    ``statistic`` is ``"r2_adj"`` when the sentence names the adjusted R² and no plain R² ("The adjusted
    R-square of X is 0.317: ... explain 31.7% of the variance in X"), else ``"r2"``.
    """
    out = []
    for index, s in enumerate(ctx.sentences):
        last = None
        statistic = _statistic(s.text)
        for number in ctx.numbers(index):
            if not number.percent:
                continue
            rest = ctx.document.text[number.end:s.end]
            variance = _VARIANCE.match(rest.lstrip("% \t"))
            near = ctx.document.text[max(s.start, number.start - 25):min(s.end, number.end + 30)]
            if variance:
                offset = number.end + (len(rest) - len(rest.lstrip("% \t"))) + variance.end()
                named = ctx.mentions(offset, min(s.end, offset + 60))
                if not named or ctx.document.text[offset:named[0][0]].strip(" *$_") not in (
                        "", "in", "of", "dari", "dalam", "pada", "the", "in the", "of the"):
                    ctx.skip("variance explained", s.start, s.end, "no construct named after the variance")
                    continue
                last = {"construct": named[0][2], "percent": number.value, "decimals": number.decimals,
                        "statistic": statistic, "residual_percent": None, **ctx.place(number.start)}
                ctx.record(f"prose.variance_explained[{len(out)}].percent", number.start, number.end)
                out.append(last)
            elif last is not None and _RESIDUAL.search(near):
                last["residual_percent"] = number.value
                last["residual_decimals"] = number.decimals
                ctx.record(f"prose.variance_explained[{len(out) - 1}].residual_percent", number.start, number.end)
    return out


def _statistic(text: str) -> str:
    """``"r2_adj"`` when ``text`` names the adjusted R² and no plain R² outside it, else ``"r2"``."""
    adjusted = [m.span() for m in _R2_ADJ.finditer(text)]
    plain = [m for m in _R2.finditer(text) if not any(a <= m.start() < b for a, b in adjusted)]
    return "r2_adj" if adjusted and not plain else "r2"


def r2_labels(ctx: ProseContext) -> tuple[dict, dict]:
    """``(thresholds, labels)``: band word -> lower bound of R², construct -> the band word the prose gives."""
    thresholds, labels = {}, {}
    for index, s in enumerate(ctx.sentences):
        if not _R2.search(s.text):
            continue
        numbers = ctx.numbers(index)
        pairs = []
        for k, number in enumerate(numbers):
            stop = numbers[k + 1].start if k + 1 < len(numbers) else s.end
            band = _BAND.search(ctx.document.text, number.end, stop)
            if band and not number.percent:
                pairs.append((band.group(1).lower(), number))
        if len(pairs) >= 2 and len({b for b, _ in pairs}) == len(pairs):
            for band, number in pairs:
                thresholds[band] = number.value
                ctx.record(f"thresholds_stated.{band}", number.start, number.end)
            continue
        mentions = ctx.mentions(s.start, s.end)
        named = {abbr for _, _, abbr in mentions}
        bands = {m.group(1).lower() for m in _BAND.finditer(s.text)}
        if len(named) == 1 and len(bands) == 1:
            labels[named.pop()] = bands.pop()
        elif len(named) > 1:
            labels.update(_label_after_r2(ctx, s, mentions))
    return thresholds, labels


def _label_after_r2(ctx: ProseContext, s, mentions) -> dict:
    """"Nilai R-square kepuasan pelanggan sebesar 0,432 termasuk kategori kuat, artinya ... kepercayaan merek ...":
    the construct named right after an R² label gets the one band word between it and the next construct named."""
    out = {}
    for r2 in _R2.finditer(s.text):
        at = s.start + r2.end()
        following = [m for m in mentions if m[0] >= at]
        if not following or following[0][0] - at > 40:
            continue
        start, end, abbr = following[0]
        stop = next((m[0] for m in following if m[2] != abbr), s.end)
        bands = {m.group(1).lower() for m in _BAND.finditer(ctx.document.text, end, stop)}
        if len(bands) == 1:
            out[abbr] = bands.pop()
    return out
