"""Display of a notice, free of the database."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from forlop.pathways.presenters.labels import clock_label
from forlop.reminders.models import NoticeKind
from forlop.site.dates import norwegian_date

KIND_COLORS = {NoticeKind.DUE_SOON: "warning", NoticeKind.OVERDUE: "danger",
               NoticeKind.ESCALATION: "danger"}


@dataclass(frozen=True)
class NoticeLine:
    created: str
    kind: str
    color: str
    patient_name: str
    pathway_type: str
    unit_name: str
    clock: str
    due: str
    due_iso: str
    url: str

    @classmethod
    def of(cls, notice) -> NoticeLine:
        pathway = notice.pathway
        return cls(created=norwegian_date(notice.created_on),
                   kind=str(NoticeKind(notice.kind).label),
                   color=KIND_COLORS[notice.kind],
                   patient_name=pathway.patient.name,
                   pathway_type=pathway.get_type_display(),
                   unit_name=pathway.unit.name,
                   clock=clock_label(notice.clock),
                   due=norwegian_date(notice.due), due_iso=notice.due.isoformat(),
                   url=reverse("pathway_detail", args=[pathway.pk]))
