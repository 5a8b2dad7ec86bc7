"""Who a verified ID token is in Forløp, or a refusal.

* HelseID (staff): the HPR number claim names an existing, active user who holds
  an active role. Staff are never created here; their accounts and roles are
  made by an administrator.
* ID-porten (patients): the ``pid`` claim (fødselsnummer or D-nummer) names a
  patient we know. Their first sign-in creates a user with a username that says
  nothing about them (``p-`` and random hex); the pid is never stored on the user.

Each provider reaches only its own kind of account, so one provider's identity
cannot be used to take over an account the other one vouches for.
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from forlop.accounts.models import RoleAssignment, User
from forlop.accounts.roles import Role
from forlop.patients.models import Patient

HPR_CLAIM = "helseid://claims/hpr/hpr_number"
PID_CLAIM = "pid"
PATIENT_SIDE_ROLES = (Role.PATIENT, Role.RELATIVE)


class SignInRefused(Exception):
    """The provider vouched for someone Forløp does not let in; ``reason`` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def staff_user(claims: dict) -> User:
    hpr = str(claims.get(HPR_CLAIM) or "").strip()
    if not hpr:
        raise SignInRefused("no_hpr")
    with_role = RoleAssignment.objects.active().values("user")
    users = list(User.objects.filter(hpr_number=hpr, is_active=True, pk__in=with_role)[:2])
    if len(users) != 1:
        raise SignInRefused("unknown_hpr")
    return users[0]


def patient_user(claims: dict) -> User:
    pid = str(claims.get(PID_CLAIM) or "").strip()
    if not pid:
        raise SignInRefused("no_pid")
    with transaction.atomic():
        patient = (Patient.objects.select_for_update(of=("self",)).select_related("user")
                   .filter(identifier=pid).first())
        if patient is None:
            raise SignInRefused("unknown_patient")
        if patient.user is None:
            patient.user = _new_patient_user()
            patient.save(update_fields=["user"])
    user = patient.user
    if not user.is_active or _is_staff_account(user):
        raise SignInRefused("not_a_patient_account")
    return user


def _new_patient_user() -> User:
    """A patient account holds the patient role (its permissions open *Min side*)."""
    user = User(username=f"p-{secrets.token_hex(8)}")
    user.set_unusable_password()
    user.save()
    RoleAssignment.objects.create(user=user, role=Role.PATIENT, valid_from=timezone.localdate())
    return user


def _is_staff_account(user: User) -> bool:
    return user.is_staff or user.is_superuser or (
        user.role_assignments.active().exclude(role__in=PATIENT_SIDE_ROLES).exists())
