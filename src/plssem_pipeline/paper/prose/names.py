"""Construct names: the abbreviations of the tables (``KP``) and the names the text uses for them.

A paper's tables name constructs by abbreviations (``KP``, ``EC``); its text by names
("keterlibatan pelanggan", "customer engagement"). :class:`Names` links them, from three
sources and nothing else (an unresolved phrase stays unresolved: never guessed):

* definitions "Name (ABB)" (``Perceived Usefulness (PU)``; a name whose initials do not spell the
  abbreviation is the words since the last comma, "are", "adalah", "and", ...: "The constructs are
  perceived ease of use (PEU)");
* definitions with a remark: "Brand Trust (BT, four items)"; a name written capitalised before the
  bracket ("The model comprises Customer Satisfaction (SAT)");
* initials, for a construct the text does not define: the phrase of ``len(ABB)`` consecutive words (or
  one hyphenated word, ``E-commerce``) whose initials spell the abbreviation, written as a name somewhere
  (capitalised, or in a stated hypothesis), with no small word at its ends ("pada era" is no PE), not
  another construct's defined name ("Kepuasan Pelanggan (KS)" is never KP), used most often: at least
  twice and twice as often as any other such phrase ("Kinerja UMKM" for KU, not "kinerja usaha");
* English short forms: the last word of a name that no other construct's name holds ("satisfaction"
  for "customer satisfaction");
* synonyms in brackets after a known name: "keterlibatan pelanggan (customer engagement)", unless the
  bracket holds a verdict ("kinerja usaha (diterima)");
* a name misspelt by one letter ("keterlibataan pelanggan") when no other construct's name is near
  (:mod:`.typos`).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from ...audit.published import CONSTRUCT_STATISTICS
from ..document import Document, plain
from .typos import closest, typo_aliases
from .words import verdict_of

__all__ = ["Names", "normalise", "constructs_of"]

_TOKENS = re.compile(r"[^\W_]+")
_WORDS = re.compile(r"[^\W\d_][\w-]*")


def normalise(phrase: str) -> str:
    """Lower case, markup and hyphens gone, one space between words: ``"*E-Commerce*"`` -> ``"e commerce"``."""
    return " ".join(_TOKENS.findall(plain(phrase).lower()))


def constructs_of(tables: Mapping) -> list[str]:
    """The construct abbreviations the tables use (construct statistics' keys and path nodes), sorted."""
    found = set()
    for table in tables.values():
        if not isinstance(table, Mapping):
            continue
        for statistic in CONSTRUCT_STATISTICS:
            if isinstance(table.get(statistic), Mapping):
                found.update(str(k) for k in table[statistic])
        if isinstance(table.get("rows"), Mapping):
            for label in table["rows"]:
                found.update(part.strip() for part in str(label).split("->") if part.strip())
    return sorted(found)


class Names:
    """Construct abbreviations and the names (aliases) the text gives them.

    Parameters
    ----------
    aliases : mapping of str to str
        Name as written (any case) -> abbreviation; every abbreviation is its own alias.

    Examples
    --------
    >>> names = Names({"customer engagement": "CE", "firm performance": "FP"})
    >>> names.resolve("Customer  engagement"), names.resolve("CE"), names.resolve("loyalty")
    ('CE', 'CE', None)
    """

    def __init__(self, aliases: Mapping[str, str]):
        self.constructs = sorted(set(aliases.values()))
        self.aliases = {normalise(k): v for k, v in aliases.items() if normalise(k)}
        for abbr in self.constructs:
            self.aliases.setdefault(normalise(abbr), abbr)
        self._read: dict[str, str | None] = {}   # a name as printed -> its abbreviation (None: not one)
        parts = sorted(self.aliases, key=lambda a: (-len(a), a))
        body = "|".join(r"[\s\-*_/]*".join(re.escape(t) for t in alias.split()) for alias in parts)
        # the lookahead of first letters before the lookbehind: the scan stops only where a name can begin
        first = "".join(sorted({re.escape(c) for alias in parts for c in (alias[0].lower(), alias[0].upper())}))
        self._pattern = re.compile(rf"(?=[{first}])(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE) if parts else None

    @property
    def names(self) -> dict[str, str]:
        """The aliases that are names, not abbreviations: normalised name -> abbreviation."""
        return {k: v for k, v in self.aliases.items() if k != normalise(v)}

    def resolve(self, phrase: str) -> str | None:
        """The abbreviation of a construct name or abbreviation, or of a name misspelt by one letter when no
        other construct's name is within two (:func:`.typos.closest`); None otherwise (never a guess)."""
        key = normalise(phrase)
        found = self.aliases.get(key)
        return found if found is not None or not key else closest(key, self.names)

    def mentions(self, text: str, offset: int = 0) -> list[tuple[int, int, str]]:
        """Every construct named in ``text``, in order: ``(start, end, abbreviation)`` (plus ``offset``).

        Names match in any case; an abbreviation only as printed in the tables (``IP``, not ``ip``).
        """
        if self._pattern is None:
            return []
        out = []
        for match in self._pattern.finditer(text):
            printed = match.group()
            if printed not in self._read:
                abbr = self.aliases.get(normalise(printed))
                ok = abbr is not None and (normalise(printed) != normalise(abbr) or printed == abbr)
                self._read[printed] = abbr if ok else None
            if self._read[printed] is not None:
                out.append((match.start() + offset, match.end() + offset, self._read[printed]))
        return out

    @classmethod
    def from_document(cls, document: Document, tables: Mapping) -> Names:
        """The names of the tables' constructs in a document (definitions, initials, bracketed synonyms).

        Parameters
        ----------
        document : Document
        tables : mapping
            The extracted tables (``tables:`` of the published-tables YAML).

        Returns
        -------
        Names
        """
        text = plain(document.text)
        aliases: dict[str, str] = {}
        constructs = constructs_of(tables)
        defined = {abbr: _definition(text, abbr, constructs) for abbr in constructs}
        taken = {name: abbr for abbr, name in defined.items() if name}
        wanted = sorted({a.upper() for a in constructs if a.isalpha() and 2 <= len(a) <= 5 and not defined[a]})
        phrases = _initial_phrases(text, wanted) if wanted else Counter()
        named = _named_phrases(text) if wanted else set()
        for abbr in constructs:
            name = defined[abbr] or _by_initials(phrases, abbr, named, taken)
            if name:
                aliases[name] = abbr
            aliases.setdefault(abbr, abbr)
        if document.language == "en":
            aliases.update(_short_forms(aliases))
        names = cls(aliases)
        aliases.update(_synonyms(text, names))
        typos = typo_aliases(_TOKENS.findall(text.lower()), cls(aliases).names)
        return cls({**aliases, **typos})


def _initials(words: Iterable[str]) -> str:
    return "".join(w[0] for w in words).upper()


def _split(word: str) -> list[str]:
    return [p for p in re.split(r"[-_]", word) if p]


_DELIMITER = re.compile(r"[,;:()\[\].\n#*]|\b(?:are|is|were|was|adalah|yaitu|yakni|ialah|and|dan|or|atau|namely|"
                        r"between|antara)\b", re.IGNORECASE)


#: Small words a name may hold inside ("Nilai yang Dipersepsikan", "Perceived Ease of Use"), never at its ends.
_FUNCTION = {"yang", "dan", "di", "ke", "dari", "pada", "untuk", "dengan", "dalam", "atas", "oleh", "ini", "itu",
             "sebagai", "terhadap", "of", "the", "and", "in", "on", "for", "to", "a", "an", "with", "by", "at", "era"}


def _capitalised_run(words: list[str]) -> list[str]:
    """The words at the end of ``words`` written as a name: capitalised, small words (:data:`_FUNCTION`) inside."""
    run: list[str] = []
    for word in reversed(words):
        if word[:1].isupper():
            run.insert(0, word)
        elif word.lower() in _FUNCTION and run:
            run.insert(0, word)
        else:
            break
    while run and run[0].lower() in _FUNCTION:
        run.pop(0)
    return run


def _definition(text: str, abbr: str, constructs=()) -> str | None:
    """The name before "(ABB)" or "(ABB, four items)": the words whose initials spell ABB, else the words written
    as a name (capitalised: "The model comprises Customer Satisfaction (SAT)"), else the words since the last
    delimiter ("The constructs are perceived ease of use (PEU)"), at most five; the most frequent if several.
    A bracket that also names another construct ("(BT, PV)") defines nothing."""
    found = Counter()
    others = [re.escape(c) for c in constructs if c != abbr]
    other = re.compile(rf"\b(?:{'|'.join(others)})\b") if others else None
    for match in re.finditer(rf"\(\s*{re.escape(abbr)}\s*(?:\)|[,;]([^()]{{0,60}})\))", text):
        if match.group(1) and other is not None and other.search(match.group(1)):
            continue
        before = text[max(0, match.start() - 80):match.start()]
        run = re.search(r"((?:[^\W\d_][\w-]*\s+){0,5}[^\W\d_][\w-]*)\s*$", before)
        if run is None:
            continue
        words = run.group(1).split()
        for k in range(1, len(words) + 1):
            tail = words[-k:]
            if _initials(tail) == abbr.upper() or (k == 1 and _initials(_split(tail[0])) == abbr.upper()):
                found[normalise(" ".join(tail))] += 1
                break
        else:
            cut = [m.end() for m in _DELIMITER.finditer(before)]
            phrase = before[cut[-1] if cut else 0:].split()
            capitalised = _capitalised_run(phrase)
            if capitalised and len(capitalised) < len(phrase):
                phrase = capitalised
            if 1 <= len(phrase) <= 5 and all(re.fullmatch(r"[^\W\d_][\w-]*", w) for w in phrase):
                found[normalise(" ".join(phrase))] += 1
    return found.most_common(1)[0][0] if found else None


def _initial_phrases(text: str, wanted) -> Counter:
    """``(initials, phrase) -> count`` of every hyphenated word whose parts' initials, and every run of k words
    whose initials, spell one of the ``wanted`` abbreviations (k = its length; a hyphenated word in a run gives
    its first letter: "pemanfaatan e-commerce" for PE)."""
    words = _WORDS.findall(text)
    firsts = "".join([w[0] for w in words]).upper()
    counts = Counter()
    for word in words:
        if "-" in word and _initials(_split(word)) in wanted:
            counts[(_initials(_split(word)), normalise(word))] += 1
    for abbr in wanted:
        for match in re.finditer(f"(?={re.escape(abbr)})", firsts):
            window = words[match.start():match.start() + len(abbr)]
            if len(window) == len(abbr):   # a hyphenated word gives its first letter ("pemanfaatan e-commerce")
                counts[(abbr, " ".join(w.lower() for w in window))] += 1
    return counts


_HYPOTHESIS_LINE = re.compile(r"^\W*H\d+[a-z]?\W{0,3}\s*[:.)](.*)$", re.MULTILINE)
_TITLE_RUN = re.compile(r"(?:\b[^\W\d_a-z][\w-]*(?:\s+(?:yang|dan|of|the|and)\b)?\s+)+[^\W\d_a-z][\w-]*")


def _named_phrases(text: str) -> set[str]:
    """Phrases written as a name somewhere (normalised): the runs of capitalised words ("Kepuasan Pelanggan",
    "Kinerja UMKM") and the words of the stated hypotheses ("H1: keterlibatan pelanggan berpengaruh ...")."""
    out = set()
    sources = [m.group() for m in _TITLE_RUN.finditer(text)] + [m.group(1) for m in _HYPOTHESIS_LINE.finditer(text)]
    for source in sources:
        words = normalise(source).split()
        out.update(" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + 5) + 1))
    return out


def _by_initials(phrases: Counter, abbr: str, named: set[str], taken: dict[str, str]) -> str | None:
    """The phrase whose initials spell ``abbr``, when it is written as a name (:func:`_named_phrases`), begins and
    ends with no small word ("pada era" is no name), is no other construct's defined name (``taken``), is used
    at least twice and twice as often as any other such phrase; else None (never guessed)."""
    letters = [c for c in abbr.upper() if c.isalpha()]
    if len(letters) < 2 or len(letters) != len(abbr):
        return None
    ranked = sorted(((n, phrase) for (initials, phrase), n in phrases.items()
                     if initials == abbr.upper() and normalise(phrase) in named and normalise(phrase) not in taken
                     and phrase.split()[0] not in _FUNCTION and phrase.split()[-1] not in _FUNCTION),
                    key=lambda x: -x[0])[:2]
    if not ranked or ranked[0][0] < 2 or (len(ranked) > 1 and ranked[0][0] < 2 * ranked[1][0]):
        return None
    return normalise(ranked[0][1])


#: Words too common in a results section to stand for a construct on their own ("the p value").
_NOT_SHORT = {"value", "values", "effect", "effects", "model", "level", "score", "variable", "result", "results",
              "quality", "intention", "behavior", "behaviour", "use", "usage"}


def _short_forms(aliases: Mapping[str, str]) -> dict[str, str]:
    """English short forms: the last word of a multi-word name ("satisfaction" for "customer satisfaction") when no
    other construct's name holds that word, it has six letters or more and is not a common word (:data:`_NOT_SHORT`)."""
    names = {normalise(k): v for k, v in aliases.items() if len(normalise(k).split()) > 1}
    words: dict[str, set[str]] = {}
    for name, abbr in names.items():
        for word in name.split():
            words.setdefault(word, set()).add(abbr)
    out = {}
    for name, abbr in names.items():
        last = name.split()[-1]
        if len(last) >= 6 and last not in _NOT_SHORT and words[last] == {abbr} and last not in aliases:
            out[last] = abbr
    return out


_BRACKETED = re.compile(r"\(\s*([^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*){0,3})\s*\)")


def _synonyms(text: str, names: Names) -> dict[str, str]:
    """Bracketed synonyms after a known name: "name (other name)" -> other name is an alias too (not a verdict:
    "... terhadap kinerja usaha (diterima)"). Each bracketed phrase not yet a name is looked at, with the name
    that ends right before it (in the 120 characters before, from a word's start)."""
    out = {}
    for match in _BRACKETED.finditer(text):
        phrase = match.group(1)
        if names.resolve(phrase) is not None or verdict_of(phrase) is not None:
            continue
        lo = max(0, match.start() - 120)
        if lo:
            lo = text.find(" ", lo, match.start()) + 1 or match.start()
        before = text[lo:match.start()]
        ending = [m for m in names.mentions(before) if not before[m[1]:].strip()]
        if ending:
            out.setdefault(phrase, ending[-1][2])
    return out
