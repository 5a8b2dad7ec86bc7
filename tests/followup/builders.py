"""Test builders for the individual plan and the hand-over (rows written directly:
the services are tested in tests/followup/test_services.py)."""

from __future__ import annotations

from forlop.followup.models import Confirmation, FollowUpRequest, PlanVersion


def plan_version(patient, by, *, number=1, goals="Bo i egen leilighet", **fields):
    return PlanVersion.objects.create(patient=patient, municipality=patient.municipality,
                                      number=number, goals=goals, made_by=by, **fields)


def confirmed_hand_over(pathway, by, *, follow_up_plan="", responsible="", plan=None,
                        confirmed_by=None) -> FollowUpRequest:
    """A follow-up plan sent to the patient's municipality and confirmed by it (what an
    agreed closure waits for, ADR 59)."""
    request = FollowUpRequest.objects.create(
        pathway=pathway, municipality=pathway.patient.municipality, plan_version=plan,
        follow_up_plan="" if plan else follow_up_plan, responsible=responsible,
        requested_by=by)
    Confirmation.objects.create(request=request, confirmed_by=confirmed_by or by)
    return request
