"""When a clock is worth a notice, and of which kind: plain functions of dates.

A clock is *due soon* when its due date is today or within the next ``ahead``
working days (Norwegian working days, the kernel's calendar), and *overdue* once its
due date has passed (a stop event on the due day is within time). It is escalated
to the unit's leaders when it has been overdue for ``escalate_after`` days: on day
``due + escalate_after`` and, if no run was made that day, on the first run after.
"""

from __future__ import annotations

import datetime as dt

from forlop.kernel.workdays import add_working_days
from forlop.reminders.models import NoticeKind


def horizon(today: dt.date, ahead: int) -> dt.date:
    """The last due date a "due soon" notice covers."""
    return add_working_days(today, ahead)


def coordinator_kind(due: dt.date, today: dt.date, last_due: dt.date) -> str | None:
    """The coordinator's notice for a clock due on ``due``, or None."""
    if due < today:
        return NoticeKind.OVERDUE
    if due <= last_due:
        return NoticeKind.DUE_SOON
    return None


def days_overdue(due: dt.date, today: dt.date) -> int:
    return max(0, (today - due).days)


def escalates(due: dt.date, today: dt.date, escalate_after: int) -> bool:
    return days_overdue(due, today) >= escalate_after
