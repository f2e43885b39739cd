"""Numbers read from the user or from button data: parsed once, here.

`str.isdigit()` accepts "²" and other digits that `int()` refuses, and `int()` accepts digits of
other scripts and numbers far beyond what SQLite stores; both came from typed answers and from
forged button data. Only plain ASCII digits within the range asked for are numbers here.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]{1,19}")
MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer


def whole_number(text: str | None, low: int, high: int) -> int | None:
    """`text` (surrounding spaces allowed) as an int in [low, high], else None."""
    if text is None:
        return None
    text = text.strip()
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None


def row_id(text: str | None) -> int | None:
    """A database row id from button data (1 to SQLite's largest integer), else None."""
    return whole_number(text, 1, MAX_ROW_ID)
