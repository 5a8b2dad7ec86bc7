"""The guard of the individual plan's pages: the plan is the patient's, not one
pathway's, so the page names the patient. As ``access.guards`` does for pathways, it
decides access (``rules.plan_access``) and writes the access-log row, refusals too,
before the view runs; a plan the user may not reach does not exist (404)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from forlop.access.audit import Touch, log_access
from forlop.access.models import Action, Basis, Outcome
from forlop.followup.rules import plan_access
from forlop.patients.models import Patient


def plan_page(need: str, *, what: str):
    """Guard ``view(request, patient, plan_access)`` taking ``patient`` (its pk);
    ``need``: "read", "write" or "take_part"."""

    def decorate(view):
        @wraps(view)
        def guarded(request, patient, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            found = Patient.objects.select_related("municipality").filter(pk=patient).first()
            if found is None:
                raise Http404
            return run_guarded(request, view, found, need, what, **kwargs)

        return guarded

    return decorate


def run_guarded(request, view, patient, need, what, **kwargs):
    action = Action.WRITE if request.method == "POST" else Action.READ
    access = plan_access(request.user, patient)
    if not access.allows(need):
        log_access(request, action=action, what=what, outcome=Outcome.REFUSED,
                   touches=[Touch(patient.pk, Basis.NONE)])
        raise Http404
    log_access(request, action=action, what=what,
               touches=[Touch(patient.pk, access.basis, access.role, access.unit_id)])
    return view(request, patient, access, **kwargs)
