"""Strict ISO date parsing shared by the kernel and its CLI."""

from datetime import date, datetime


def parse_date(value: object) -> date | None:
    """A ``date`` from a date or a 'YYYY-MM-DD' string; None when it is neither.

    Stricter than ``date.fromisoformat`` (which also takes '20240301'), because
    one spelling keeps stored events and exports comparable.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
