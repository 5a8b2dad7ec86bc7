"""Labels for pages that list pathways (the worklist, *Min side*, the relative's
page): choice labels translated once per page, and the urgency words.

Moved here from ``worklist.presenters`` so the portal need not import the
worklist (ADR 15).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forlop.pathways.models.choices import PathwayStateName, PathwayType
from forlop.pathways.presenters.labels import CLOCK_LABELS

# "overdue": the running clock's due date has passed (act now); "missed": an earlier
# clock was breached and the running one is still in time, or none runs (on record,
# nothing to catch up). Both used to read "Fristbrudd", so an old, settled breach
# looked as urgent as one running late today (ADR 13).
URGENCY_COLORS = {"overdue": "danger", "missed": "warning", "soon": "warning", "ok": "success",
                  "none": "neutral"}


@dataclass(frozen=True)
class Labels:
    """Choice labels translated once per page: ``get_FOO_display`` resolves a lazy
    translation on every call, which showed up as ~0.2 ms per row in the benchmark.
    Likewise the pathway link is reversed once, as a pattern."""

    types: dict[str, str]
    states: dict[str, str]
    detail_url: str = "{}"
    clocks: dict[str, str] = field(default_factory=dict)
    urgencies: dict[tuple[str, bool], str] = field(default_factory=dict)
    # "%(n)s dag/dager over fristen", singular and plural (nb and nn: n != 1).
    days_over: tuple[str, str] = ("%(n)s", "%(n)s")

    @classmethod
    def current(cls) -> Labels:
        marker = 2**31 - 1
        url = reverse("pathway_detail", args=[marker]).replace(str(marker), "{}")
        return cls(types={k: str(v) for k, v in PathwayType.choices},
                   states={k: str(v) for k, v in PathwayStateName.choices}, detail_url=url,
                   clocks={k: str(v) for k, v in CLOCK_LABELS.items()},
                   urgencies={(u, caused): urgency_label(u, caused)
                              for u in URGENCY_COLORS for caused in (False, True)},
                   days_over=(_days_over(1), _days_over(2)))

    def days_text(self, days: int) -> str:
        return self.days_over[days != 1] % {"n": days}


def urgency_label(urgency: str, patient_caused: bool) -> str:
    if urgency == "overdue":
        return _("Fristbrudd nå (pasientårsak)") if patient_caused else _("Fristbrudd nå")
    if urgency == "missed":
        return (_("Tidligere fristbrudd (pasientårsak)") if patient_caused
                else _("Tidligere fristbrudd"))
    return {"soon": _("Frist snart"), "ok": _("I rute"), "none": _("Ingen frist")}[urgency]


def _days_over(days: int) -> str:
    """The message for ``days``, still with its ``%(n)s`` (nb and nn: one, other)."""
    return ngettext("%(n)s dag over fristen", "%(n)s dager over fristen", days)
