"""The patient's consents: see them, give one to their own municipality, revoke one.
Giving and revoking are logged by the services; reading the list is logged here."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forlop.access.guards import requires
from forlop.access.models import Participant
from forlop.access.permissions import Permission
from forlop.access.selectors import consents_of, own_patient
from forlop.access.services import grant_consent, revoke_consent
from forlop.pathways.presenters.list_labels import Labels
from forlop.portal.forms import ConsentForm
from forlop.portal.presenters import ConsentRow
from forlop.portal.views.common import log_own_read, own_patient_or_404


@requires(Permission.MANAGE_OWN_CONSENT)
def consents(request):
    patient = own_patient(request.user)
    municipality = patient.municipality if patient else None
    posted = request.POST if request.method == "POST" else None
    form = ConsentForm(posted) if municipality else None
    if request.method == "POST":
        patient = own_patient_or_404(request)
        if form is None:
            messages.error(request, _("Vi vet ikke hvilken kommune du bor i, så du kan ikke "
                                      "gi samtykke her. Kontakt behandleren din."))
            return redirect("portal:consents")
        if form.is_valid() and _grant(request, patient, municipality, form):
            messages.success(request, _("Du har gitt samtykke til %(who)s.")
                             % {"who": municipality})
            return redirect("portal:consents")
    log_own_read(request, patient, "consent")
    today, labels = timezone.localdate(), Labels.current()
    rows = ([ConsentRow.from_consent(c, today, labels) for c in consents_of(patient)]
            if patient else [])
    return render(request, "portal/consents.html", {
        "patient": patient, "municipality": municipality, "form": form, "rows": rows,
        "section": "consents"})


def _grant(request, patient, municipality, form) -> bool:
    try:
        grant_consent(patient=patient, by=request.user, participant=Participant.MUNICIPALITY,
                      participant_municipality=municipality,
                      scope=form.cleaned_data["scope"], valid_from=timezone.localdate(),
                      valid_to=form.cleaned_data["valid_to"], request_id=request.request_id)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return False
    return True


@requires(Permission.MANAGE_OWN_CONSENT)
@require_POST
def consent_revoke(request, consent_id: int):
    patient = own_patient_or_404(request)
    consent = get_object_or_404(consents_of(patient), pk=consent_id)  # theirs only
    revoke_consent(consent=consent, by=request.user, request_id=request.request_id)
    messages.success(request, _("Samtykket til %(who)s er trukket tilbake. Delingen "
                                "stoppet med en gang.") % {"who": consent.participant_label})
    return redirect("portal:consents")
