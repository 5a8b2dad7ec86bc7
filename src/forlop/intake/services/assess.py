from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forlop.access.audit import Touch, append
from forlop.access.authorize import require_in_unit
from forlop.access.models import Action, Basis
from forlop.access.permissions import Permission
from forlop.access.policy import unit_roles_of
from forlop.gpcare.services import send_assessment_feedback
from forlop.intake.kernel_messages import field_errors
from forlop.kernel import evaluate
from forlop.kernel.catalog_loader import load_catalog
from forlop.pathways.kernel_bridge import PathwayRuleError, event_dict
from forlop.pathways.models import Pathway, Referral
from forlop.pathways.services.start import open_pathway


@transaction.atomic
def assess_referral(
    *,
    referral: Referral,
    by,
    assessed_on: dt.date,
    right_granted: bool,
    type: str = "",  # noqa: A002 - the domain word
    setting: str = "",
    severity: str = "",
    coordinator=None,
    today: dt.date | None = None,
    request_id: str = "",
) -> Pathway | None:
    """Record the assessment of ``referral`` and, when the right to necessary health
    care is granted, start its pathway in the same transaction: both or nothing.

    Clinical: ``by`` needs ``REGISTER_CLINICAL`` in the referral's unit, else
    ``NotPermitted``. A refusal (the kernel's, an open pathway of the type in the
    trust, a coordinator from elsewhere) raises ``ValidationError`` by form field.
    Not granted: the referral is closed as assessed and no pathway starts.
    Either way the referrer's and the patient's GP offices are sent the feedback
    letter (a PDF and a message; ADR 52), in the same transaction.
    """
    require_in_unit(by, Permission.REGISTER_CLINICAL, referral.unit)
    today = today or timezone.localdate()
    locked = Referral.objects.select_for_update().select_related("unit").get(pk=referral.pk)
    if locked.assessed_on is not None:
        raise ValidationError(_("Henvisningen er allerede vurdert (%(on)s).") % {
            "on": date_format(locked.assessed_on, "j.n.Y")})
    pathway = None
    if right_granted:  # the kernel judges the referral and the start together
        pathway = _start(locked, by=by, assessed_on=assessed_on, type=type, setting=setting,
                         severity=severity, coordinator=coordinator, today=today)
    else:
        _judge_referral_events(locked, assessed_on, today)
    locked.assessed_on, locked.right_granted, locked.assessed_by = assessed_on, right_granted, by
    locked.save(update_fields=["assessed_on", "right_granted", "assessed_by"])
    referral.assessed_on, referral.right_granted = assessed_on, right_granted
    role = unit_roles_of(by).filter(unit=locked.unit).order_by("role").first()
    outcome = "granted" if right_granted else "not granted"
    append(user=by, request_id=request_id, action=Action.WRITE, what="referral_assessment",
           reason=f"assessed referral #{locked.pk}: {outcome}",
           touches=[Touch(locked.patient_id, Basis.UNIT, role.role if role else "",
                          locked.unit_id)])
    send_assessment_feedback(referral=locked, pathway=pathway, by=by, today=today,
                             request_id=request_id)
    return pathway


def _judge_referral_events(referral: Referral, assessed_on: dt.date, today: dt.date) -> None:
    """No pathway starts, so the kernel judges only the referral's own events (its
    dates: not in the future, not before the receipt); the missing pathway type and
    setting are not errors here."""
    events = [event_dict("referral_received", referral.received_on),
              event_dict("referral_assessed", assessed_on, "not_granted")]
    result = evaluate({"type": None, "setting": None, "severity": None}, events, today)
    refused = [e for e in result.errors if e.event_index is not None]
    if refused:
        raise ValidationError(field_errors(refused))


def _start(referral: Referral, *, by, assessed_on, type, setting, severity,  # noqa: A002
           coordinator, today) -> Pathway:
    errors = {}
    if not type:
        errors["type"] = _("Velg forløpet pasienten skal inn i.")
    if not setting:
        errors["setting"] = _("Velg poliklinisk eller døgn.")
    if coordinator is not None and not unit_roles_of(coordinator).filter(
            unit=referral.unit).exists():
        errors["coordinator"] = _("Forløpskoordinatoren må arbeide i %(unit)s.") % {
            "unit": referral.unit.name}
    if errors:
        raise ValidationError(errors)
    first_trust = None
    if referral.first_trust_started_on is not None:
        first_trust = (referral.first_trust_started_on, referral.first_trust_name)
    try:
        with transaction.atomic():  # a savepoint: the IntegrityError leaves the rest usable
            return open_pathway(
                patient=referral.patient, unit=referral.unit, type=type, setting=setting,
                severity=severity, by=by, referral=referral,
                referral_received_on=referral.received_on,
                started_on=start_date(referral.received_on, assessed_on),
                assessed_on=assessed_on, right_granted=True, first_trust=first_trust,
                coordinator=coordinator, today=today)
    except PathwayRuleError as refused:
        raise ValidationError(field_errors(refused.errors)) from refused
    except IntegrityError as clash:
        raise ValidationError({"type": _open_pathway_message(referral, type)}) from clash


def start_date(received_on: dt.date, assessed_on: dt.date) -> dt.date:
    """The pathway's start under the rule set in force when the referral came in: the
    day of receipt (2019, 2023), or the day the right was granted (revised NPF)."""
    try:
        ruleset = load_catalog().ruleset_for(received_on)
    except LookupError:
        return received_on  # the kernel then refuses with its own "no rule set" error
    return received_on if ruleset.start_rule == "referral_received" else assessed_on


def _open_pathway_message(referral: Referral, type: str) -> str:  # noqa: A002
    existing = (Pathway.objects.filter(patient=referral.patient, type=type, is_open=True,
                                       trust_id=referral.unit.trust_id)
                .select_related("unit").first())
    if existing is None:  # pragma: no cover - the constraint names only this case
        return _("Pasienten har allerede et åpent forløp av denne typen i helseforetaket.")
    return _("Pasienten har allerede et åpent forløp «%(type)s» i %(unit)s, startet "
             "%(on)s. Avslutt eller overfør det forløpet først, eller velg et annet "
             "forløp.") % {"type": existing.get_type_display(), "unit": existing.unit.name,
                           "on": date_format(existing.started_on, "j.n.Y")}
