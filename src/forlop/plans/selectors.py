"""Reads about the treatment plan. ``involvement_evidence`` is what an indicator
computation asks; ``latest_self_report`` is what an evaluation shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from forlop.plans.models import (
    PlanMeeting,
    PlanResponse,
    PlanVersion,
    RelativeMessage,
    ResponseKind,
    SelfReport,
)


def current_version(pathway) -> PlanVersion | None:
    return (PlanVersion.objects.filter(pathway=pathway).select_related("made_by")
            .order_by("-number").first())


def versions(pathway):
    """Every version, newest first."""
    return (PlanVersion.objects.filter(pathway=pathway).select_related("made_by")
            .order_by("-number"))


def signature_of(version: PlanVersion | None) -> PlanResponse | None:
    if version is None:
        return None
    return version.responses.filter(kind=ResponseKind.SIGNED).select_related("by").first()


def comments_on(pathway):
    return (PlanResponse.objects.filter(version__pathway=pathway, kind=ResponseKind.COMMENT)
            .select_related("version", "by").order_by("-at"))


def meetings_on(pathway):
    return (PlanMeeting.objects.filter(version__pathway=pathway)
            .select_related("version", "recorded_by").order_by("-held_on", "-pk"))


@dataclass(frozen=True)
class Evidence:
    """That the plan was made with the patient: ``kind`` "co_signature" (the patient
    signed version ``version`` on Min side at ``at``) or "meeting" (staff recorded a
    meeting with the patient on ``on``)."""

    kind: str
    on: dt.date
    at: dt.datetime | None
    version: int
    by_id: int


def involvement_evidence(pathway) -> Evidence | None:
    """The earliest evidence that the pathway's treatment plan was made with the
    patient, or None (a plan nobody has signed, nor recorded as made in a meeting
    with the patient, is no evidence)."""
    found = []
    signed = (PlanResponse.objects.filter(version__pathway=pathway, kind=ResponseKind.SIGNED)
              .select_related("version").order_by("at").first())
    if signed is not None:
        found.append(Evidence("co_signature", timezone.localdate(signed.at), signed.at,
                              signed.version.number, signed.by_id))
    meeting = (PlanMeeting.objects.filter(version__pathway=pathway)
               .select_related("version").order_by("held_on", "pk").first())
    if meeting is not None:
        found.append(Evidence("meeting", meeting.held_on, None, meeting.version.number,
                              meeting.recorded_by_id))
    return min(found, key=lambda e: e.on) if found else None


def latest_self_report(pathway) -> SelfReport | None:
    return SelfReport.objects.filter(pathway=pathway).order_by("-at", "-pk").first()


def self_reports(pathway):
    return SelfReport.objects.filter(pathway=pathway).order_by("-at", "-pk")


def relative_messages(pathway):
    return (RelativeMessage.objects.filter(pathway=pathway).select_related("by")
            .order_by("-at", "-pk"))


def signatures_on(pathway):
    return PlanResponse.objects.filter(version__pathway=pathway, kind=ResponseKind.SIGNED)
