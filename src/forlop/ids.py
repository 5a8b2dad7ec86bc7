"""Row ids and whole numbers from text a client sent (URL paths, query strings, FHIR
references): one rule for what counts as one.

``str.isdigit`` is not that rule: it also takes superscripts ("¹", which ``int``
refuses: a server error) and other scripts' digits ("١٢", which ``int`` reads as 12:
a second spelling of an id). ``int`` alone takes signs, spaces and underscores.
"""

from __future__ import annotations

LARGEST_ID = 2**63 - 1  # PostgreSQL's bigint: no row has a larger id, no query takes one


def whole_number(text) -> int | None:
    """``text`` when it is ASCII digits only, as an int; None otherwise."""
    text = text if isinstance(text, str) else str(text)
    return int(text) if text.isascii() and text.isdigit() else None


def row_id(text) -> int | None:
    """``text`` as an id a row may have (ASCII digits, 1 to 2^63−1), or None."""
    value = whole_number(text)
    return value if value is not None and 0 < value <= LARGEST_ID else None
