"""Statistics quoted in the prose about one path or indirect effect: p, t, β, f², R².

A statement is a statistic's label ("P-value", "nilai p", "T-statistik", "β", "R-square") followed,
with only filler words and construct names between (``words.FILLER``), by its number; an inequality
after the number ("( 0,000 < 0,05 )", "P-value 0,002 ( <0,05 )") gives its ``relation`` and
``threshold``; a relation between label and number ("p < 0.001") makes the number a bound
(``relation`` set, ``threshold`` None). The path comes from :meth:`ProseContext.path_at`; a
statement whose path is unresolved is kept (path None) only when it states an inequality with a
threshold (the inequality check needs no path), otherwise it is skipped. A statistic with no construct
named since the previous one of its sentence has that one's path ("... the direct effect of brand trust
on loyalty (β = 0.216, t = 3.728)" in a sentence about mediation). The verdict is what the
clause of the sentence holding it says ("signifikan", "diterima", "not supported"; a sentence comparing
two paths, "X is significant ..., whereas Y is not", gives each its own; :func:`.words.verdict_at`), or
the next sentence of the paragraph when it quotes nothing itself and is about the same path.
"""
from __future__ import annotations

import re

from .context import ProseContext
from .words import FILLER, LABELS, ORDINALS, RELATION, relation_symbol, verdict_at, verdict_of

__all__ = ["read_statements", "hypothesis_reference"]

_LABELS = {stat: re.compile(pattern, re.IGNORECASE) for stat, pattern in LABELS.items()}
_AFTER = re.compile(rf"[\s$(\[{{}}*\\]*(?P<rel>{RELATION})[\s$(\[{{}}*]*", re.IGNORECASE)
_GAP_RELATION = re.compile(RELATION, re.IGNORECASE)
_HYPOTHESIS = re.compile(rf"\b(?:hipotesis|hypothesis)\s+(?:ke-?\s*)?(?P<word>{'|'.join(ORDINALS)}|\d+)\b|"
                         rf"\bthe\s+(?P<en>{'|'.join(ORDINALS)})\s+hypothesis\b|(?<![\w-])H(?P<h>\d+)(?![\w-])",
                         re.IGNORECASE)


_H_DIGIT = re.compile(r"h\d")


def hypothesis_reference(text: str) -> list[tuple[int, int, int, str | None]]:
    """``(start, end, ordinal, id)`` of every hypothesis named in ``text`` ("hipotesis ketiga", "H3")."""
    lower = text.lower()
    if "hipotesis" not in lower and "hypothesis" not in lower and not _H_DIGIT.search(lower):
        return []   # the common case, decided without the pattern
    out = []
    for m in _HYPOTHESIS.finditer(text):
        if m.group("h"):
            out.append((m.start(), m.end(), int(m.group("h")), f"H{m.group('h')}"))
        else:
            word = (m.group("word") or m.group("en")).lower()
            out.append((m.start(), m.end(), ORDINALS.get(word) or int(word), None))
    return out


def _label(before: str):
    """The statistic whose label ends ``before`` with only filler after it: ``(statistic, start, gap)``."""
    best = None
    for stat, pattern in _LABELS.items():
        for m in pattern.finditer(before):
            key = (m.end(), m.end() - m.start())
            if best is None or key > best[0]:
                best = (key, stat, m.start(), before[m.end():])
    return None if best is None else best[1:]


def _gap_ok(gap: str, names) -> tuple[bool, str | None]:
    """Whether ``gap`` holds only filler, construct names and one relation; the relation printed, if any."""
    rest = gap
    for start, end, _ in sorted(names.mentions(gap), reverse=True):
        rest = rest[:start] + " " + rest[end:]
    relation = _GAP_RELATION.search(rest)
    if relation:
        rest = rest[:relation.start()] + " " + rest[relation.end():]
    words = re.findall(r"[^\W\d_]+", rest.lower())
    leftover = re.sub(r"[\s$()\[\]{}\\=:,*\-→>]|[^\W\d_]+", "", rest)
    return (len(words) <= 5 and all(w in FILLER or w in {"on", "terhadap", "dan", "and", "from", "dari"}
                                    for w in words) and not leftover), relation.group() if relation else None


def read_statements(ctx: ProseContext) -> list[dict]:
    """Every statement of the prose (see the module docstring), with provenance of its numbers.

    Parameters
    ----------
    ctx : ProseContext

    Returns
    -------
    list of dict
        ``{path, table, statistic, value, decimals, relation, threshold, verdict, hypothesis, ordinal, text,
        location, line}`` (``path`` as ``"A -> B"`` or None).
    """
    out = []
    for index, s in enumerate(ctx.sentences):
        numbers = ctx.numbers(index)
        consumed, since, last = set(), s.start, None
        for k, number in enumerate(numbers):
            if k in consumed:
                continue
            previous_end = numbers[k - 1].end if k else s.start
            before = ctx.document.text[previous_end:number.start]
            found = _label(before)
            if found is None:
                continue
            statistic, label_at, gap = found
            ok, gap_relation = _gap_ok(gap, ctx.names)
            if not ok:
                continue
            relation, threshold = (relation_symbol(gap_relation) if gap_relation else None), None
            after = _AFTER.match(ctx.document.text, number.end, s.end)
            if (after and k + 1 < len(numbers) and numbers[k + 1].start == after.end()
                    and relation in (None, "=")):
                relation, threshold = relation_symbol(after.group("rel")), numbers[k + 1]
                consumed.add(k + 1)
            start = previous_end + label_at
            if statistic in ("r2", "r2_adj"):
                path = _construct(ctx, index, s, start)
            elif last is not None and not ctx.mentions(since, start):
                path = last   # the same bracket goes on: "(β = 0.216, t = 3.728, p < 0.001)"
            else:
                path = ctx.path_at(index, start, since)
                last = path
            since = (threshold or number).end
            if path is None and threshold is None:
                ctx.skip(f"statement ({statistic})", s.start, s.end, "no path or construct named")
                continue
            verdict, reference = _verdict_and_reference(ctx, index, path, start)
            entry = {"path": None if path is None else " -> ".join(path),
                     "table": _table_of(ctx, statistic, path), "statistic": statistic, "value": number.value,
                     "decimals": number.decimals, "relation": relation,
                     "threshold": None if threshold is None else threshold.value, "verdict": verdict,
                     "hypothesis": reference[3] if reference else None,
                     "ordinal": reference[2] if reference else None, "text": s.text, **ctx.place(start)}
            key = f"prose.statements[{len(out)}]"
            ctx.record(f"{key}.value", number.start, number.end)
            if threshold is not None:
                ctx.record(f"{key}.threshold", threshold.start, threshold.end)
            out.append(entry)
    return out


def _construct(ctx: ProseContext, index: int, s, start: int) -> tuple[str] | None:
    for lo in (start, s.start):
        distinct = {abbr for _, _, abbr in ctx.mentions(lo, s.end)}
        if len(distinct) == 1:
            return (distinct.pop(),)
    return None


def _table_of(ctx: ProseContext, statistic: str, path) -> str | None:
    if path is None:
        return None
    if statistic in ("r2", "r2_adj"):
        for table_id, table in ctx.tables.items():
            if isinstance(table, dict) and isinstance(table.get(statistic), dict) and path[0] in table[statistic]:
                return str(table_id)
        return None
    return ctx.paths.table.get(tuple(path))


def _verdict_and_reference(ctx: ProseContext, index: int, path, start: int):
    """The verdict of the statement's clause (:func:`.words.verdict_at`) and the sentence's hypothesis reference,
    else the next sentence's (same paragraph, same path)."""
    s = ctx.sentences[index]
    verdict = verdict_at(s.text, start - s.start, lambda a, b: bool(ctx.mentions(s.start + a, s.start + b)))
    refs = hypothesis_reference(s.text)
    following = index + 1
    if following < len(ctx.sentences) and ctx.sentences[following].paragraph == s.paragraph:
        nxt = ctx.sentences[following]
        other = ctx.sentence_path(following)
        if (other is None or other == path) and not _quotes(ctx, following):
            verdict = verdict or verdict_of(nxt.text)
            refs = refs or hypothesis_reference(nxt.text)
    return verdict, (refs[0] if len(refs) == 1 else None)


def _quotes(ctx: ProseContext, index: int) -> bool:
    """Whether sentence ``index`` quotes a statistic itself (a label before one of its numbers)."""
    s, numbers = ctx.sentences[index], ctx.numbers(index)
    for k, number in enumerate(numbers):
        found = _label(ctx.document.text[numbers[k - 1].end if k else s.start:number.start])
        if found and _gap_ok(found[2], ctx.names)[0]:
            return True
    return False
