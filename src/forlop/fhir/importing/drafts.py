"""What the readers hand on: one draft per pathway, and every rejection."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

TRUE = {"ja", "j", "yes", "y", "true", "1", "sann"}
FALSE = {"nei", "n", "no", "false", "0", "usann"}
# What ``errors="surrogateescape"`` makes of a byte that is not UTF-8.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


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


def utf8_lines(lines: Iterable[str], rejections: list[Rejection], prefix: str = ""
               ) -> Iterator[str]:
    """A file's lines (opened with ``errors="surrogateescape"``) as they are read: the
    first line that is not UTF-8 is a rejection (a file saved in another encoding has
    many such lines; one says what to do), and its bytes are replaced so the rest of
    the file is still checked."""
    refused = False
    for number, line in enumerate(lines, start=1):
        if not line.isascii() and _NOT_UTF8.search(line):  # ASCII: ~0.1 µs a line
            if not refused:
                refused = True
                field = _("tegnkoding")
                rejections.append(Rejection(number, f"{prefix}{field}", _(
                    "Linjen er ikke UTF-8. Filen er trolig lagret som Latin-1 eller "
                    "Windows-1252 (som Excels «CSV (semikolondelt)»): æ, ø og å blir da "
                    "feil. Lagre filen som «CSV UTF-8» og kjør importen på nytt (bare "
                    "den første linjen med feil er nevnt).")))
            line = _NOT_UTF8.sub("\ufffd", line)
        yield line
