"""Dates as users read them: 2.12.2026 (day.month.year, no leading zeros)."""

from __future__ import annotations

import datetime as dt


def norwegian_date(day: dt.date | None) -> str:
    """2.12.2026; empty for no date."""
    return f"{day.day}.{day.month}.{day.year}" if day else ""
