"""What the readers hand on: one draft per pathway, and every rejection."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

TRUE = {"ja", "j", "yes", "y", "true", "1", "sann"}
FALSE = {"nei", "n", "no", "false", "0", "usann"}


@dataclass(frozen=True)
class Rejection:
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return _("linje %(line)s, felt %(field)s: %(reason)s") % {
            "line": self.line, "field": self.field, "reason": self.reason}


@dataclass
class Draft:
    """One pathway: its own fields (the same on every line of it) and its events,
    each with the line it came from and the name its fields have in the file."""

    ref: str
    line: int
    unit_resh: str
    patient_identifier: str
    patient_name: str = ""
    birth_date: dt.date | None = None
    type: str = ""
    setting: str = ""
    severity: str = ""
    coordinator_hpr: str = ""
    events: list[tuple[int, dict]] = field(default_factory=list)
    # kernel field -> the name in the file (CSV column or FHIR path), for reports
    names: dict[str, str] = field(default_factory=dict)

    def column(self, kernel_field: str | None) -> str:
        """The name in the file of a field the kernel names."""
        return self.names.get(kernel_field or "", kernel_field or "event")


def parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def parse_bool(text: str) -> bool | None:
    low = text.strip().lower()
    return True if low in TRUE else False if low in FALSE else None
