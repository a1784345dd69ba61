"""Which kind of file the survey is, and how a stored value becomes the text a CSV would hold.

The survey may be a delimited text file (CSV), an Excel workbook (``.xlsx``,
``.xlsm``), an SPSS data file (``.sav``, ``.zsav``) or a Stata data file
(``.dta``). :func:`survey_format` decides from the file's first bytes (its
signature), so that a file saved under the wrong extension is still read as what
it is, and refuses what cannot be read (an Excel 97–2003 ``.xls``, a
password-protected workbook, an OpenDocument sheet, a file whose extension
promises a format its content does not have).

:func:`cell_text` turns a value read from a workbook or a data file into the
text the same value has in a CSV file, so that everything after reading --
validation, the exclusions log, the error messages -- is the same for every
format:

* a whole number is written without a decimal part (``4.0`` -> ``"4"``), any
  other number as its shortest round-trip form (``3.5`` -> ``"3.5"``);
* an empty cell or a system-missing value is ``""`` (a blank cell);
* text is kept as it is, surrounding spaces included;
* a date or time is its ISO 8601 text (``"2024-01-05"``), a logical cell
  ``"TRUE"`` / ``"FALSE"`` and a formula error its code (``"#N/A"``) -- none
  of them is a number, so in an indicator column each is an invalid value,
  listed with its row and column like any other.
"""
from __future__ import annotations

import datetime
import math
from pathlib import Path

from ..errors import UserError

__all__ = ["FORMAT_NAMES", "survey_format", "cell_text", "number_text", "settings_not_applied"]

#: File format -> what it is called in messages.
FORMAT_NAMES = {"csv": "CSV text file", "xlsx": "Excel workbook", "xlsm": "Excel macro-enabled workbook",
                "sav": "SPSS data file", "zsav": "compressed SPSS data file", "dta": "Stata data file"}
#: The same with its article, for sentences.
_A = {"csv": "a CSV text file", "xlsx": "an Excel workbook", "xlsm": "an Excel macro-enabled workbook",
      "sav": "an SPSS data file", "zsav": "a compressed SPSS data file", "dta": "a Stata data file"}
_EXTENSIONS = {".xlsx": "xlsx", ".xlsm": "xlsm", ".sav": "sav", ".zsav": "zsav", ".dta": "dta"}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
#: Signatures of compressed files and archives that are no survey format: (magic, what it is, how to open it).
_COMPRESSED = ((b"\x1f\x8b", "a gzip-compressed file (.gz)", "decompress it (gunzip, 7-Zip)"),
               (b"BZh", "a bzip2-compressed file (.bz2)", "decompress it (bunzip2, 7-Zip)"),
               (b"\xfd7zXZ\x00", "an xz-compressed file (.xz)", "decompress it (unxz, 7-Zip)"),
               (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive (.7z)", "extract the survey from it (7-Zip)"),
               (b"Rar!\x1a\x07", "a RAR archive (.rar)", "extract the survey from it"),
               (b"\x28\xb5\x2f\xfd", "a Zstandard-compressed file (.zst)", "decompress it (unzstd)"),
               (b"%PDF-", "a PDF document", "export the survey's data as CSV or .xlsx instead"))
#: How a web page or an Excel 2003 XML spreadsheet starts (lower case, after a BOM and white space).
_MARKUP = ((b"<!doctype html", "a web page (HTML), e.g. a sheet saved 'as Web Page'"),
           (b"<html", "a web page (HTML), e.g. a sheet saved 'as Web Page'"),
           (b"<?xml", "an XML file (e.g. an Excel 2003 XML spreadsheet)"))
#: Stata releases 104-115 (the binary .dta before release 117's XML-like header): first byte, then byte order.
_OLD_STATA = {bytes([release, order]) for release in range(104, 116) for order in (1, 2)}


def _zip_kind(path: Path, extension: str) -> str:
    """``xlsx`` / ``xlsm`` for an Office Open XML workbook, else a :class:`UserError` naming what the zip holds."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError) as error:
        raise UserError(f"the file starts like a zip archive (an .xlsx workbook is one) but cannot be opened: "
                        f"{error}; it may be damaged or incompletely copied", file=str(path)) from None
    if "xl/workbook.xml" in names:
        return "xlsm" if extension == ".xlsm" or "xl/vbaProject.bin" in names else "xlsx"
    if "opendocument.spreadsheet" in mimetype:
        raise UserError("this is an OpenDocument spreadsheet (.ods), which is not read; save the sheet as .xlsx "
                        "or CSV (UTF-8) and point data.survey at that file", file=str(path))
    shown = sorted(names)[:5]
    holds = (f" (it holds {', '.join(shown)}{' ...' if len(names) > 5 else ''})" if shown else " (it is empty)")
    raise UserError(f"this is a zip archive{holds}, not an Excel workbook, SPSS or Stata file or CSV text file; "
                    "extract the survey from it and point data.survey at that file", file=str(path))


def survey_format(path) -> str:
    """The format of the survey file at ``path``, from its signature, else its extension.

    Parameters
    ----------
    path : path

    Returns
    -------
    {"csv", "xlsx", "xlsm", "sav", "zsav", "dta"}

    Raises
    ------
    UserError
        An OLE file (Excel 97–2003 ``.xls`` or a password-protected workbook), an
        OpenDocument sheet or another zip archive (naming what it holds), a gzip, bzip2,
        xz, Zstandard, 7-Zip or RAR file or a PDF (named as such, from its signature), a web
        page or XML file, or a file named ``.xlsx``,
        ``.sav``... whose content is not of that format.
    """
    path = Path(path)
    with path.open("rb") as stream:
        head = stream.read(64)
    extension = path.suffix.lower()
    if head.startswith(_ZIP_MAGIC):
        return _zip_kind(path, extension)
    for magic, what, how in _COMPRESSED:
        if head.startswith(magic):
            raise UserError(f"this is {what}, not a survey file that can be read; {how} and point data.survey at "
                            "the CSV, Excel, SPSS or Stata file", file=str(path))
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    for start, what in _MARKUP:
        if text.startswith(start):
            raise UserError(f"this is {what}, not a CSV text file; in Excel save the sheet as .xlsx or CSV UTF-8 "
                            "and point data.survey at that file", file=str(path))
    if head.startswith(_OLE_MAGIC):
        raise UserError("this is an Excel 97–2003 workbook (.xls) or a password-protected workbook, which cannot "
                        "be read; in Excel, save it as .xlsx without a password (or as CSV UTF-8) and point "
                        "data.survey at that file", file=str(path))
    if head.startswith(b"$FL2"):
        return "sav"
    if head.startswith(b"$FL3"):
        return "zsav"
    if head.startswith(b"<stata_dta>") or (extension == ".dta" and head[:2] in _OLD_STATA):
        return "dta"
    if extension in _EXTENSIONS:
        kind = _EXTENSIONS[extension]
        raise UserError(f"the file is named {extension} but is not {_A[kind]} (its content has no "
                        f"{FORMAT_NAMES[kind]} signature); if it is a CSV text file, give it the extension .csv",
                        file=str(path))
    return "csv"


def number_text(x: float) -> str:
    """A number as a CSV holds it: whole numbers without a decimal part, others in shortest round-trip form.

    >>> number_text(4.0), number_text(3.5), number_text(-99.0), number_text(0.1 + 0.2)
    ('4', '3.5', '-99', '0.30000000000000004')
    """
    if isinstance(x, int):
        return str(x)
    if math.isnan(x):
        return ""
    if x.is_integer() and abs(x) < 2**53:
        return str(int(x))
    return repr(float(x))


def cell_text(value) -> str:
    """The text a CSV file holds for a value read from a workbook or an SPSS/Stata file.

    Parameters
    ----------
    value : None, bool, int, float, str, date, datetime, time or timedelta

    Returns
    -------
    str
        ``""`` for None and NaN; ``"TRUE"``/``"FALSE"`` for a logical; :func:`number_text`
        for a number; ISO 8601 for a date (``"2024-01-05"``), a date and time
        (``"2024-01-05 10:30:00"``) or a time; text unchanged.

    >>> cell_text(None), cell_text(5), cell_text(True), cell_text(datetime.date(2024, 1, 5))
    ('', '5', 'TRUE', '2024-01-05')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ") if value.time() != datetime.time() else value.date().isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str):  # a NumPy scalar
        return cell_text(value.item())
    return str(value)


#: The ``data`` keys that only some formats read, with their defaults and the formats that read them.
_FORMAT_SETTINGS = {"delimiter": ("auto", {"csv"}), "decimal": ("auto", {"csv"}), "encoding": ("utf-8", {"csv"}),
                    "sheet": (None, {"xlsx", "xlsm"})}


def settings_not_applied(data, file_format: str) -> list[str]:
    """Warnings for ``data`` keys set away from their default that the survey's format does not read.

    Parameters
    ----------
    data : Mapping
        The ``data`` config section.
    file_format : str
        As returned by :func:`survey_format`.

    Returns
    -------
    list of str
        One sentence per such key (``data.sheet`` set for a CSV, ``data.delimiter`` for a workbook...).

    >>> settings_not_applied({"sheet": "Data", "delimiter": "auto"}, "csv")
    ["config key data.sheet ('Data') is not used: the survey is a CSV text file, and only Excel workbooks have sheets"]
    """
    out = []
    for key, (default, formats) in _FORMAT_SETTINGS.items():
        value = data.get(key, default)
        if value != default and file_format not in formats:
            what = "Excel workbooks have sheets" if key == "sheet" else "CSV text files have one"
            out.append(f"config key data.{key} ({value!r}) is not used: the survey is {_A[file_format]}, "
                       f"and only {what}")
    return out
