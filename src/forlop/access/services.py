"""Changes to consent, restrictions and emergency access. Each is one transaction
and is itself written to the access log (who changed what, for which patient)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.access.audit import Touch, append
from forlop.access.authorize import NotPermitted
from forlop.access.models import (
    Action,
    Basis,
    BreakGlass,
    Consent,
    Outcome,
    Participant,
    Restriction,
)
from forlop.access.permissions import Permission
from forlop.access.policy import access_to, barred_patients, role_permissions, unit_roles_of

MIN_REASON_LENGTH = 10
MAX_REASON_LENGTH = 500  # BreakGlass.reason's length


def _require_consent_right(by, patient) -> None:
    """The patient themselves, or staff who may manage consent (on the patient's word)
    on one of the patient's pathways; else ``NotPermitted``."""
    from forlop.pathways.models import Pathway

    if patient.user_id == by.pk and Permission.MANAGE_OWN_CONSENT in role_permissions(by):
        return
    if any(access_to(by, p).can(Permission.MANAGE_CONSENT)
           for p in Pathway.objects.filter(patient=patient).select_related("patient")):
        return
    raise NotPermitted(Permission.MANAGE_CONSENT, on=f"patient {patient.pk}")


def _require_own_restriction(by, patient) -> None:
    """Only the patient bars someone from their own record (*sperring*)."""
    if not (patient.user_id == by.pk
            and Permission.MANAGE_OWN_RESTRICTIONS in role_permissions(by)):
        raise NotPermitted(Permission.MANAGE_OWN_RESTRICTIONS, on=f"patient {patient.pk}")


def _log(by, patient_id, action, what, basis, request_id, reason=""):
    append(user=by, request_id=request_id, action=action, what=what, reason=reason,
           touches=[Touch(patient_id, basis)])


@transaction.atomic
def grant_consent(*, patient, by, participant: str, scope: str, valid_from: dt.date,
                  valid_to: dt.date | None = None, pathway=None, participant_user=None,
                  participant_municipality=None, basis=Basis.OWN_RECORD,
                  request_id: str = "") -> Consent:
    _require_consent_right(by, patient)
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("Sluttdatoen kan ikke være før startdatoen.")})
    if pathway is not None and pathway.patient_id != patient.pk:
        raise ValidationError({"pathway": _("Forløpet tilhører en annen pasient.")})
    if participant == Participant.MUNICIPALITY and participant_municipality is None:
        raise ValidationError({"participant_municipality": _("Velg kommunen det gjelder.")})
    if participant != Participant.MUNICIPALITY and participant_user is None:
        raise ValidationError({"participant_user": _("Velg personen det gjelder.")})
    if (participant == Participant.RELATIVE
            and not patient.relatives.users().filter(pk=participant_user.pk).exists()):
        # A relative is chosen from this patient's own register, never another's.
        raise ValidationError({"participant_user": _(
            "Personen står ikke i pasientens pårørendeliste.")})
    consent = Consent.objects.create(
        patient=patient, pathway=pathway, participant=participant, scope=scope,
        participant_user=participant_user, participant_municipality=participant_municipality,
        valid_from=valid_from, valid_to=valid_to, registered_by=by)
    _log(by, patient.pk, Action.CONSENT, "consent", basis, request_id,
         reason=f"granted {participant} {scope} #{consent.pk}")
    return consent


@transaction.atomic
def revoke_consent(*, consent: Consent, by, basis=Basis.OWN_RECORD,
                   request_id: str = "") -> Consent:
    consent = Consent.objects.select_for_update().select_related("patient").get(pk=consent.pk)
    _require_consent_right(by, consent.patient)
    if consent.revoked_at is None:
        consent.revoked_at, consent.revoked_by = timezone.now(), by
        consent.save(update_fields=["revoked_at", "revoked_by"])
        _log(by, consent.patient_id, Action.CONSENT, "consent", basis, request_id,
             reason=f"revoked #{consent.pk}")
    return consent


@transaction.atomic
def add_restriction(*, patient, by, barred_user=None, barred_unit=None, reason: str = "",
                    request_id: str = "") -> Restriction:
    _require_own_restriction(by, patient)
    if (barred_user is None) == (barred_unit is None):
        raise ValidationError(_("Velg enten én person eller én enhet som skal sperres."))
    restriction = Restriction.objects.create(patient=patient, barred_user=barred_user,
                                             barred_unit=barred_unit, reason=reason,
                                             created_by=by)
    _log(by, patient.pk, Action.RESTRICTION, "restriction", Basis.OWN_RECORD, request_id,
         reason=f"added #{restriction.pk}")
    return restriction


@transaction.atomic
def lift_restriction(*, restriction: Restriction, by, request_id: str = "") -> Restriction:
    restriction = (Restriction.objects.select_for_update().select_related("patient")
                   .get(pk=restriction.pk))
    _require_own_restriction(by, restriction.patient)
    if restriction.lifted_at is None:
        restriction.lifted_at, restriction.lifted_by = timezone.now(), by
        restriction.save(update_fields=["lifted_at", "lifted_by"])
        _log(by, restriction.patient_id, Action.RESTRICTION, "restriction", Basis.OWN_RECORD,
             request_id, reason=f"lifted #{restriction.pk}")
    return restriction


class BreakGlassRefused(Exception):
    """Emergency access was not given. One answer whatever the reason (no patient with
    that number, no pathway in the user's trust, a restriction against the user), so
    the refusal tells nobody whether a number belongs to a patient here."""


def take_break_glass(*, user, patient, reason: str, request_id: str = "") -> BreakGlass:
    """Open the patient's record to ``user`` for ``BREAK_GLASS_HOURS``.

    Only to a patient with a pathway in a trust where ``user`` holds a unit role, and
    never past the patient's restriction. The reason is required (10 to 500
    characters). Every attempt writes one access-log row saying what happened, granted
    or refused, against the patient when there is one (``patient`` may be None: the
    number matched nobody). Raises ``ValidationError`` (the reason) or
    ``BreakGlassRefused``; the emergency access is reviewed by a leader of the
    record's unit, or of its trust when that unit has none (``break_glass_to_review``).
    """
    if Permission.BREAK_GLASS not in role_permissions(user):
        raise ValidationError(_("Du har ikke en rolle som kan ta nødtilgang."))
    reason = reason.strip()
    record_unit = _record_unit(user, patient)
    problem = None
    if not MIN_REASON_LENGTH <= len(reason) <= MAX_REASON_LENGTH:
        problem = "reason"
    elif record_unit is None:
        problem = "refused"
    with transaction.atomic():
        if problem:
            append(user=user, request_id=request_id, action=Action.BREAK_GLASS, what="record",
                   outcome=Outcome.REFUSED, reason=f"refused ({problem}): {reason}",
                   touches=[Touch(patient.pk if patient else None, Basis.NONE)])
        else:
            now = timezone.now()
            item = BreakGlass.objects.create(
                user=user, patient=patient, unit_id=record_unit, reason=reason,
                started_at=now, expires_at=now + dt.timedelta(hours=settings.BREAK_GLASS_HOURS))
            _log(user, patient.pk, Action.BREAK_GLASS, "record", Basis.BREAK_GLASS, request_id,
                 reason=reason)
    if problem == "reason":
        raise ValidationError({"reason": _(
            "Skriv en begrunnelse på %(min)s til %(max)s tegn: hvorfor trenger du tilgang nå?")
            % {"min": MIN_REASON_LENGTH, "max": MAX_REASON_LENGTH}})
    if problem:
        raise BreakGlassRefused
    return item


def _record_unit(user, patient) -> int | None:
    """The unit whose record the emergency access opens: the patient's newest pathway
    in a trust where ``user`` holds a unit role; None when there is none or the patient
    has barred the user (or one of their units)."""
    from forlop.pathways.models import Pathway

    if patient is None or barred_patients(user).filter(patient=patient).exists():
        return None
    trusts = unit_roles_of(user).values("unit__trust_id")
    return (Pathway.objects.filter(patient=patient, trust_id__in=trusts)
            .order_by("-is_open", "-started_on", "-pk").values_list("unit_id", flat=True).first())


@transaction.atomic
def review_break_glass(*, item: BreakGlass, by, note: str = "",
                       request_id: str = "") -> BreakGlass:
    item = BreakGlass.objects.select_for_update().get(pk=item.pk)
    item.reviewed_at, item.reviewed_by, item.review_note = timezone.now(), by, note.strip()
    item.save(update_fields=["reviewed_at", "reviewed_by", "review_note"])
    _log(by, item.patient_id, Action.WRITE, "break_glass_review", Basis.UNIT, request_id,
         reason=note.strip())
    return item
