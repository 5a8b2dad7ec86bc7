"""Reads. Views pass a pathway they reached through a guard, never an id from the
request alone."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from forlop.collaboration.models import ClosureChecklist, Evaluation, Meeting, MeetingAction

EVALUATION_CLOCKS = ("clinical_decision_to_first_evaluation", "evaluation_interval")

# The closure checklist, in order: (key, what is missing). One place states it; the
# closure page, the pathway page and the close service all ask ``missing_for_closure``.
CLOSURE_ITEMS = (
    ("patient_agrees", _("pasienten er enig i avslutningen")),
    ("service_agrees", _("spesialisthelsetjenesten er enig i avslutningen")),
    ("follow_up_plan", _("skriftlig oppfølgingsplan for kommunen (eller individuell plan)")),
    ("municipal_responsible", _("navngitt ansvarlig fagperson i kommunen")),
    ("final_meeting", _("avsluttende samarbeidsmøte holdt (med referat)")),
    ("help_needs", _("hjelpebehov ved avslutning")),
    ("knows_where_to_turn", _("pasient og pårørende vet hvor de skal henvende seg")),
    ("risk_passed_on", _("risikovurderinger overlevert til fastlege/kommune (til hvem)")),
)


def _present(checklist: ClosureChecklist, key: str) -> bool:
    c = checklist
    return {
        "follow_up_plan": bool(c.follow_up_plan.strip()) or c.individual_plan_used,
        "municipal_responsible": bool(c.municipal_responsible.strip()),
        "final_meeting": c.final_meeting is not None and c.final_meeting.held_on is not None,
        "help_needs": bool(c.help_needs.strip()),
        "risk_passed_on": c.risk_passed_on and bool(c.risk_passed_to.strip()),
    }.get(key, bool(getattr(c, key)))


def missing_for_closure(checklist: ClosureChecklist | None) -> list[tuple[str, str]]:
    """(key, label) of every checklist item not yet in place; all of them with none."""
    if checklist is None:
        return [(key, str(label)) for key, label in CLOSURE_ITEMS]
    return [(key, str(label)) for key, label in CLOSURE_ITEMS if not _present(checklist, key)]


def latest_checklist(pathway) -> ClosureChecklist | None:
    return (ClosureChecklist.objects.filter(pathway=pathway).select_related("final_meeting")
            .order_by("-pk").first())


def relatives_of(patient):
    return patient.relatives.select_related("user").order_by("ended_on", "name", "pk")


def evaluations_of(pathway):
    return Evaluation.objects.filter(pathway=pathway).select_related("registered_by").order_by(
        "-on", "-pk")


def has_evaluation(pathway) -> bool:
    return pathway.events.filter(event="evaluation").exists()


def evaluation_due(pathway) -> dt.date | None:
    """The due date of the next evaluation, from the projection's clocks, or None."""
    state = getattr(pathway, "state", None)
    for clock in state.clocks if state else []:
        if clock["clock"] in EVALUATION_CLOCKS and not clock.get("done") and clock.get("due"):
            return dt.date.fromisoformat(clock["due"])
    return None


def meetings_of(pathway):
    return (Meeting.objects.filter(pathway=pathway)
            .prefetch_related("participants__user", "participants__municipality")
            .order_by("-starts_at", "-pk"))


def held_meetings(pathway):
    return Meeting.objects.filter(pathway=pathway, held_on__isnull=False).order_by("-held_on")


def open_actions_of(user, limit: int = 20):
    """The user's open meeting actions, soonest due first (their worklist shows them)."""
    return list(MeetingAction.objects.filter(owner=user, done_on__isnull=True)
                .select_related("meeting__pathway__patient").order_by("due", "pk")[:limit])


def meetings_in_time_order(pathway):
    """The pathway's meetings, earliest first (what the patient and relatives read)."""
    return Meeting.objects.filter(pathway=pathway).order_by("starts_at", "pk")
