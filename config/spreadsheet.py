"""CSV for spreadsheets: every file the site writes goes through here.

A cell that starts with ``= + - @``, a tab or a carriage return is read as a formula by Excel,
LibreOffice and Google Sheets (``=HYPERLINK("http://evil.example", ...)`` typed into an answer
becomes a live link in the interviewer's sheet). ``safe_cell`` neutralises it with a leading
apostrophe, the spreadsheets' own "this is text" mark. Files start with a UTF-8 BOM so that Excel
on Windows reads Chinese as UTF-8.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def safe_cell(value) -> object:
    """The value, or, for text a spreadsheet would read as a formula, the text made inert.

    Numbers stay numbers (a negative number is data, not a formula); anything else is text.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, Decimal)):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def to_csv(rows: Iterable[Iterable]) -> str:
    """The rows as one CSV document, BOM first, every cell through ``safe_cell``."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
