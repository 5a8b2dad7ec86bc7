"""Row ids and whole numbers from text a client sent (URL paths, query strings, FHIR
references): one rule for what counts as one.

``str.isdigit`` is not that rule: it also takes superscripts ("¹", which ``int``
refuses: a server error) and other scripts' digits ("١٢", which ``int`` reads as 12:
a second spelling of an id). ``int`` alone takes signs, spaces and underscores.
"""

from __future__ import annotations

LARGEST_ID = 2**63 - 1  # PostgreSQL's bigint: no row has a larger id, no query takes one


# Digits past any number a caller uses; Python's ``int`` refuses more than 4,300 (a
# ValueError, which was a server error for a long enough id in a URL).
MAX_DIGITS = 100


def whole_number(text) -> int | None:
    """``text`` when it is ASCII digits only (at most ``MAX_DIGITS``), as an int; None
    otherwise."""
    text = text if isinstance(text, str) else str(text)
    if len(text) > MAX_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    return int(text)


def row_id(text) -> int | None:
    """``text`` as an id a row may have (ASCII digits, 1 to 2^63−1), or None."""
    value = whole_number(text)
    return value if value is not None and 0 < value <= LARGEST_ID else None
