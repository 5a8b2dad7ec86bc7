"""The legal assessment deadline of a referral, whatever the rule set.

Pasient- og brukerrettighetsloven § 2-2: a referral to the specialist health service
is assessed within 10 working days of its receipt ("virkedager"; counted from the day
after receipt, Norwegian working days: the kernel's calendar).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from forlop.kernel.workdays import add_working_days, working_days_between

ASSESSMENT_WORKING_DAYS = 10


def assessment_due(received_on: dt.date) -> dt.date:
    return add_working_days(received_on, ASSESSMENT_WORKING_DAYS)


class Deadline(NamedTuple):
    due: dt.date
    today: dt.date

    @property
    def overdue(self) -> bool:
        return self.today > self.due

    @property
    def working_days_left(self) -> int:
        """Working days after today up to the due date (0 on the due date)."""
        return max(working_days_between(self.today, self.due), 0)

    @property
    def days_overdue(self) -> int:
        """Calendar days since the due date passed (0 while in time)."""
        return max((self.today - self.due).days, 0)


def deadline_of(received_on: dt.date, today: dt.date) -> Deadline:
    return Deadline(assessment_due(received_on), today)
