"""Display logic for the worklist, free of the database so it is unit-tested cheaply."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# One place each; re-exported for the worklist's own code and tests.
from forlop.pathways.presenters.labels import CLOCK_LABELS, clock_label
from forlop.pathways.presenters.list_labels import URGENCY_COLORS, Labels, urgency_label
from forlop.site.dates import norwegian_date


@dataclass(frozen=True)
class WorklistRow:
    pathway_id: int
    patient_name: str
    pathway_type: str
    unit_name: str
    state: str
    next_due: dt.date | None
    next_clock: str
    urgency: str  # "overdue" | "missed" | "soon" | "ok" | "none"
    urgency_label: str
    patient_caused: bool
    local_norm: bool  # the next due date comes from the trust's local norm
    days_overdue: int | None = None  # only when overdue now: today - the running clock's due
    # Ready for the template (filters and ``{% url %}`` per row were a third of the
    # page's time): the link, the date as ISO and as shown, the tag's colour.
    url: str = ""
    due_iso: str = ""
    due_text: str = ""
    color: str = "neutral"
    days_text: str = ""

    @classmethod
    def from_row(cls, row, today: dt.date, labels: Labels | None = None) -> WorklistRow:
        """From a ``selectors.Row`` (or anything with its attributes)."""
        labels = labels or Labels.current()
        urgency = urgency_of(row.next_due, row.breached, today)
        due = row.next_due
        late = (today - due).days if urgency == "overdue" else None
        return cls(
            pathway_id=row.pathway_id,
            patient_name=row.patient_name,
            pathway_type=labels.types.get(row.type, row.type),
            unit_name=row.unit_name,
            state=labels.states.get(row.state, row.state),
            next_due=row.next_due,
            next_clock=labels.clocks.get(row.next_clock, row.next_clock),
            urgency=urgency,
            urgency_label=labels.urgencies[urgency, row.patient_caused_breach],
            patient_caused=row.patient_caused_breach,
            local_norm=row.next_basis == "local_norm",
            days_overdue=late,
            url=labels.detail_url.format(row.pathway_id),
            due_iso=due.isoformat() if due else "",
            due_text=norwegian_date(due),
            color=URGENCY_COLORS[urgency],
            days_text=labels.days_text(late) if late is not None else "",
        )


def urgency_of(next_due: dt.date | None, breached: bool, today: dt.date, soon_days=7) -> str:
    """``overdue`` when the running clock's due date has passed (``breached`` may not
    say so yet: the projection is as of its last computation); ``missed`` when an
    earlier clock breached and the running one, if any, is still in time."""
    if next_due is not None and next_due < today:
        return "overdue"
    if breached:
        return "missed"
    if next_due is None:
        return "none"
    return "soon" if (next_due - today).days <= soon_days else "ok"


__all__ = ["CLOCK_LABELS", "Labels", "WorklistRow", "clock_label", "urgency_label",
           "urgency_of"]
