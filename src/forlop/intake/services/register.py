from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.access.audit import Touch, append
from forlop.access.authorize import require_in_unit
from forlop.access.models import Action, Basis
from forlop.access.permissions import Permission
from forlop.access.policy import unit_roles_of
from forlop.gpcare.selectors import gp_offices_of, gp_users
from forlop.kernel.identifiers import classify
from forlop.pathways.models import Referral, ReferrerKind
from forlop.patients.identifiers import identifier_problem
from forlop.patients.models import Patient


class NewPatient(NamedTuple):
    """The patient as the referral names them: found by number, or created."""

    identifier: str
    name: str
    # Recorded for a new patient only (never read off the number: DESIGN.md §5); it
    # tells namesakes apart on the pathway page.
    birth_date: dt.date | None = None


@transaction.atomic
def register_referral(
    *,
    unit,
    by,
    patient: NewPatient,
    received_on: dt.date,
    referrer_kind: str,
    referrer_name: str = "",
    referrer_hpr: str = "",
    gp_office=None,
    referring_gp=None,
    referring_gp_hpr: str = "",
    first_trust: tuple[dt.date, str] | None = None,
    today: dt.date | None = None,
    request_id: str = "",
) -> Referral:
    """Register a referral ``unit`` received, for the patient with this number (created
    when unknown). Administrative: ``by`` needs ``EDIT_PATHWAY`` in ``unit`` (a
    secretary may), else ``NotPermitted``. ``first_trust`` is (start date, name) of the
    trust that first started the pathway, for a referral forwarded from it.
    ``referring_gp``: the referring GP when they are a user here (a GP at
    ``gp_office``); their name and HPR number stand in for ``referrer_name`` and
    ``referrer_hpr`` when those are empty. ``referring_gp_hpr``: the same GP named by
    their HPR number instead (the JSON API): refused when no GP user here has it, or
    none with it works at ``gp_office``."""
    require_in_unit(by, Permission.EDIT_PATHWAY, unit)
    today = today or timezone.localdate()
    named_by_hpr = referring_gp_hpr.strip()
    if named_by_hpr:
        if referring_gp is not None:
            raise ValueError("Name the referring GP once: as a user or by HPR number.")
        referring_gp = _gp_by_hpr(named_by_hpr, gp_office)
    _check(received_on=received_on, referrer_kind=referrer_kind, gp_office=gp_office,
           first_trust=first_trust, today=today, patient_birth_date=patient.birth_date,
           referring_gp=referring_gp, referring_gp_hpr=named_by_hpr)
    if referring_gp is not None:
        referrer_name = referrer_name.strip() or referring_gp.get_full_name()
        referrer_hpr = referrer_hpr.strip() or referring_gp.hpr_number
    found = _patient(patient)
    referral = Referral.objects.create(
        patient=found, unit=unit, received_on=received_on, referrer_kind=referrer_kind,
        referrer_name=referrer_name.strip(), referrer_hpr=referrer_hpr.strip(),
        gp_office=gp_office if referrer_kind == ReferrerKind.GP else None,
        referring_gp=referring_gp if referrer_kind == ReferrerKind.GP else None,
        first_trust_started_on=first_trust[0] if first_trust else None,
        first_trust_name=first_trust[1].strip() if first_trust else "",
        created_by=by,
    )
    role = unit_roles_of(by).filter(unit=unit).order_by("role").first()
    append(user=by, request_id=request_id, action=Action.WRITE, what="referral",
           reason=f"registered referral #{referral.pk}",
           touches=[Touch(found.pk, Basis.UNIT, role.role if role else "", unit.pk)])
    return referral


def _gp_by_hpr(hpr: str, gp_office):
    """The GP user here with this HPR number (one at ``gp_office`` when there are
    several); None when no one working as a GP has it."""
    found = list(gp_users().filter(hpr_number=hpr))
    if gp_office is not None:
        found.sort(key=lambda u: not gp_offices_of(u).filter(pk=gp_office.pk).exists())
    return found[0] if found else None


def _check(*, received_on, referrer_kind, gp_office, first_trust, today,
           patient_birth_date=None, referring_gp=None, referring_gp_hpr="") -> None:
    errors = {}
    if patient_birth_date is not None and patient_birth_date > today:
        errors["birth_date"] = _("Fødselsdatoen kan ikke være etter i dag.")
    if received_on > today:
        errors["received_on"] = _("Mottaksdatoen kan ikke være etter i dag. Skriv datoen "
                                  "henvisningen kom inn.")
    if referrer_kind == ReferrerKind.GP and gp_office is None:
        errors["gp_office"] = _("Velg fastlegekontoret som henviste.")
    gp_field = "referring_gp_hpr" if referring_gp_hpr else "referring_gp"
    if referring_gp_hpr and referring_gp is None:
        errors[gp_field] = _("Ingen fastlege med HPR-nummer %(hpr)s er bruker her. Sjekk "
                             "nummeret, eller skriv navnet på henviseren.") % {
            "hpr": referring_gp_hpr}
    elif referring_gp is not None and (
            referrer_kind != ReferrerKind.GP or gp_office is None
            or not gp_offices_of(referring_gp).filter(pk=gp_office.pk).exists()):
        errors[gp_field] = _("Fastlegen du valgte arbeider ikke ved det valgte "
                                   "fastlegekontoret. Velg kontoret der fastlegen arbeider, "
                                   "eller skriv navnet på henviseren.")
    if first_trust is not None and first_trust[0] > received_on:
        errors["first_trust_started_on"] = _("Startdatoen i første helseforetak kan ikke være "
                                             "etter at henvisningen kom hit.")
    if errors:
        raise ValidationError(errors)


def _patient(given: NewPatient) -> Patient:
    """The patient with this number, or a new one. A known number with another name is
    refused: the number is most likely mistyped."""
    problem = identifier_problem(given.identifier)
    if problem:
        raise ValidationError({"identifier": problem})
    number, name = "".join(given.identifier.split()), " ".join(given.name.split())
    found = Patient.objects.filter(identifier=number).first()
    if found is None:
        return Patient.objects.create(identifier=number, name=name,
                                      identifier_kind=classify(number).kind.value,
                                      birth_date=given.birth_date)
    if found.name.casefold() != name.casefold():
        raise ValidationError({"identifier": _(
            "Nummeret er registrert på en pasient med et annet navn. Sjekk nummeret og "
            "navnet på henvisningen.")})
    return found
