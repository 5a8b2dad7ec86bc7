from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.access.authorize import require_on_pathway
from forlop.access.models import Consent, Participant
from forlop.access.permissions import Permission
from forlop.access.policy import covering
from forlop.collaboration.models import Meeting, MeetingAction, MeetingParticipant


class MeetingRefused(ValidationError):
    """Participants without an active consent for this pathway; nothing was saved.
    ``lacking`` names them."""

    def __init__(self, lacking: list[str]):
        self.lacking = lacking
        super().__init__({"participants": _(
            "Disse mangler samtykke fra pasienten til å delta: %(names)s. Registrer "
            "samtykke først, eller ta dem ut av listen.") % {"names": ", ".join(lacking)}})


def consent_for(pathway, *, user=None, municipality=None, on=None):
    """The active consent that lets this person (or the patient's municipality) take
    part in the pathway's meetings, or None."""
    consents = Consent.objects.active(on)
    if user is not None:
        consents = consents.filter(participant_user=user, participant__in=[
            Participant.RELATIVE, Participant.MEETING])
    else:
        consents = consents.filter(participant=Participant.MUNICIPALITY,
                                   participant_municipality=municipality)
    return covering(consents, pathway.pk, pathway.patient_id).order_by("pk").first()


@transaction.atomic
def plan_meeting(*, pathway, by, starts_at: dt.datetime, mode: str, place: str, agenda: str,
                 people=(), municipality=None, evaluation_due: dt.date | None = None,
                 is_final: bool = False) -> Meeting:
    """Plan a collaboration meeting and invite ``people`` (users) and the patient's
    ``municipality``. Every participant needs an active consent covering this pathway:
    ``MeetingRefused`` names each one who lacks it, and nothing is saved."""
    require_on_pathway(by, Permission.REGISTER_CLINICAL, pathway)
    if not pathway.is_open:
        raise ValidationError({"starts_at": _(
            "Forløpet er avsluttet. Samarbeidsmøter planlegges i et åpent forløp.")})
    invited, lacking = [], []
    for person in people:
        consent = consent_for(pathway, user=person)
        invited.append((consent, {"user": person}))
        if consent is None:
            lacking.append(person.get_full_name() or person.username)
    if municipality is not None:
        consent = consent_for(pathway, municipality=municipality)
        invited.append((consent, {"municipality": municipality}))
        if consent is None:
            lacking.append(municipality.name)
    if lacking:
        raise MeetingRefused(lacking)
    meeting = Meeting.objects.create(
        pathway=pathway, starts_at=starts_at, mode=mode, place=place, agenda=agenda,
        evaluation_due=evaluation_due, is_final=is_final, planned_by=by)
    MeetingParticipant.objects.bulk_create(
        MeetingParticipant(meeting=meeting, consent=consent, **who) for consent, who in invited)
    return meeting


@transaction.atomic
def record_minutes(*, meeting, by, minutes: str, held_on: dt.date) -> Meeting:
    """The minutes of a meeting held: it is then an indirect contact (ADR 37)."""
    require_on_pathway(by, Permission.REGISTER_CLINICAL, meeting.pathway)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Møtet kan ikke være holdt etter i dag.")})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.minutes, meeting.held_on, meeting.minuted_by = minutes, held_on, by
    meeting.save(update_fields=["minutes", "held_on", "minuted_by"])
    return meeting


@transaction.atomic
def add_action(*, meeting, by, what: str, owner, due: dt.date) -> MeetingAction:
    """An agreed action. Its owner must be able to open the pathway (it shows on their
    worklist and links there)."""
    from forlop.access.policy import access_to

    require_on_pathway(by, Permission.REGISTER_CLINICAL, meeting.pathway)
    if not access_to(owner, meeting.pathway).can(Permission.VIEW_PATHWAY):
        raise ValidationError({"owner": _(
            "%(name)s har ikke tilgang til forløpet og kan ikke ha ansvar for tiltaket.")
            % {"name": owner.get_full_name() or owner.username}})
    return MeetingAction.objects.create(meeting=meeting, what=what, owner=owner, due=due,
                                        created_by=by)


@transaction.atomic
def mark_action_done(*, action, by, on: dt.date | None = None) -> MeetingAction:
    require_on_pathway(by, Permission.REGISTER_CLINICAL, action.meeting.pathway)
    action = MeetingAction.objects.select_for_update().get(pk=action.pk)
    if action.done_on is None:
        action.done_on = on or timezone.localdate()
        action.save(update_fields=["done_on"])
    return action
