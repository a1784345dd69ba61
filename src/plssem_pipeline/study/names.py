"""Names compared as Unicode text: every name in one normal form (NFC).

The same-looking name can be written in two ways: ``é`` as one code point
(U+00E9, *composed*) or as ``e`` followed by a combining accent (U+0065
U+0301, *decomposed*; macOS and some exporters write this). Unicode calls the
two canonically equivalent (Unicode Standard Annex #15), but Python compares
code points, so an indicator written composed in the config and decomposed in
the survey's header would be "not found" (issue 11). The pipeline therefore
brings both sides to Normalization Form C before any comparison: the survey's
header as it is read (:mod:`plssem_pipeline.ingest.survey`) and every text of
the config except file paths (:func:`normalize_config`), whose spelling the
file system decides.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Mapping

__all__ = ["nfc", "normalize_config", "PATH_KEYS"]

#: Config keys holding file paths: left as written (a file system may store a name decomposed).
PATH_KEYS = ("data.survey", "published")


def nfc(text: str) -> str:
    """``text`` in Unicode Normalization Form C (Unicode Standard Annex #15).

    >>> nfc("e\u0301") == "\u00e9"
    True
    """
    return unicodedata.normalize("NFC", text)


def normalize_config(config: dict) -> list[str]:
    """Rewrite every text of ``config`` (keys and values) in NFC, in place, except :data:`PATH_KEYS`.

    Parameters
    ----------
    config : dict
        The loaded study config (Snakemake's ``config``), changed in place.

    Returns
    -------
    list of str
        One problem line per mapping in which two keys are the same name once
        normalised (``constructs`` holding both ``é`` and ``e`` + U+0301): YAML
        kept both, and one would silently replace the other.
    """
    problems: list[str] = []
    for key in list(config):
        config[key] = _normal(config[key], str(key), problems)
    return problems


def _normal(value, where: str, problems: list[str]):
    if where in PATH_KEYS:
        return value
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_normal(item, f"{where}[{j}]", problems) for j, item in enumerate(value)]
    if isinstance(value, Mapping):
        out: dict = {}
        written: dict = {}
        for key, item in value.items():
            name = nfc(key) if isinstance(key, str) else key
            if name in out:
                problems.append(f"config key {where}: {written[name]!r} ({_code_points(written[name])}) and "
                                f"{key!r} ({_code_points(key)}) are the same name once Unicode-normalised (NFC); "
                                "keep one of them")
                continue
            written[name] = key
            out[name] = _normal(item, f"{where}.{name}", problems)
        return out
    return value


def _code_points(text: str) -> str:
    """``'é'`` -> ``'U+0065 U+0301'``: how a name is written, where two look alike."""
    return " ".join(f"U+{ord(c):04X}" for c in text)
