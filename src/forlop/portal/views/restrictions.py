"""The patient's restrictions (*sperring*): bar a unit or a named staff member from
the record, or lift a bar. The services log each change; reading is logged here."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forlop.access.guards import requires
from forlop.access.permissions import Permission
from forlop.access.selectors import own_patient, restrictions_of
from forlop.access.services import add_restriction, lift_restriction
from forlop.portal import selectors
from forlop.portal.forms import RestrictPersonForm, RestrictUnitForm
from forlop.portal.presenters import RestrictionRow
from forlop.portal.views.common import log_own_read, own_patient_or_404

UNIT, PERSON = "enhet", "person"


@requires(Permission.MANAGE_OWN_RESTRICTIONS)
def restrictions(request):
    patient = own_patient(request.user)
    if request.method == "POST":
        patient = own_patient_or_404(request)
    forms = _forms(request, patient) if patient else {}
    posted = forms.get(request.POST.get("skjema")) if request.method == "POST" else None
    if posted is not None and posted.is_valid():
        add_restriction(patient=patient, by=request.user,
                        **{posted.kwarg: posted.cleaned_data["barred"]},
                        reason=posted.cleaned_data["reason"], request_id=request.request_id)
        messages.success(request, _("%(who)s er sperret fra journalen din.")
                         % {"who": posted.barred_label()})
        return redirect("portal:restrictions")
    log_own_read(request, patient, "restriction")
    rows = ([RestrictionRow.from_restriction(r) for r in restrictions_of(patient)]
            if patient else [])
    return render(request, "portal/restrictions.html", {
        "patient": patient, "unit_form": forms.get(UNIT), "person_form": forms.get(PERSON),
        "rows": rows, "section": "restrictions"})


def _forms(request, patient) -> dict:
    """Both forms; only the one that was submitted is bound to the posted data."""
    kind = request.POST.get("skjema") if request.method == "POST" else None
    unit = RestrictUnitForm(request.POST if kind == UNIT else None, prefix=UNIT,
                            choices=selectors.barrable_units(patient))
    person = RestrictPersonForm(request.POST if kind == PERSON else None, prefix=PERSON,
                                choices=selectors.barrable_staff(patient))
    return {UNIT: unit, PERSON: person}


@requires(Permission.MANAGE_OWN_RESTRICTIONS)
@require_POST
def restriction_lift(request, restriction_id: int):
    patient = own_patient_or_404(request)
    restriction = get_object_or_404(restrictions_of(patient), pk=restriction_id)  # theirs
    lift_restriction(restriction=restriction, by=request.user, request_id=request.request_id)
    messages.success(request, _("Sperringen av %(who)s er opphevet.")
                     % {"who": RestrictionRow.from_restriction(restriction).who})
    return redirect("portal:restrictions")
