"""What every Min side page needs: the signed-in patient's record, and a log row
for reading it (written before the page is rendered)."""

from __future__ import annotations

from django.http import Http404

from forlop.access.audit import Touch, log_access
from forlop.access.models import Action, Basis
from forlop.access.selectors import own_patient
from forlop.accounts.roles import Role


def own_touch(patient) -> Touch:
    return Touch(patient.pk, Basis.OWN_RECORD, Role.PATIENT)


def log_own_read(request, patient, what: str) -> None:
    if patient is not None:
        log_access(request, action=Action.READ, what=what, touches=[own_touch(patient)])


def own_patient_or_404(request):
    patient = own_patient(request.user)
    if patient is None:
        raise Http404
    return patient
