"""The fix-list's period: the current tertial or one of the three before it."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from forlop.kernel.npr_lint import Period, parse_period

TERTIALS_BACK = 3


def tertial_of(day: dt.date) -> str:
    return f"{day.year}-T{(day.month - 1) // 4 + 1}"


def recent_tertials(today: dt.date) -> list[str]:
    """The current tertial first, then the ones before it."""
    year, number = today.year, (today.month - 1) // 4 + 1
    out = []
    for _step in range(TERTIALS_BACK + 1):
        out.append(f"{year}-T{number}")
        year, number = (year, number - 1) if number > 1 else (year - 1, 3)
    return out


def _label(tertial: str) -> str:
    year, number = tertial.split("-T")
    return str(_("%(n)s. tertial %(year)s") % {"n": number, "year": year})


class PeriodForm:
    """``?periode=2024-T1``; an unknown value is reported and the current tertial used."""

    label = _("Tertial")

    def __init__(self, params, *, today: dt.date):
        self.choices = recent_tertials(today)
        sent = params.get("periode", "")
        self.error = ""
        if sent and sent not in self.choices:
            self.error = _("Velg et av tertialene i listen.")
            sent = ""
        self.value = sent or self.choices[0]

    def period(self) -> Period:
        return parse_period(self.value)

    def options(self) -> list[tuple[str, str, bool]]:
        return [(c, _label(c), c == self.value) for c in self.choices]

    def query(self) -> str:
        return urlencode({"periode": self.value})
