"""Plan personas: the signed-in ``patient_user`` (the shared ``patient``), a
``relative`` with a consent of a chosen scope, and a plan version to answer."""

import pytest
from django.utils import timezone

from forlop.access.models import Consent, ConsentScope, Participant
from forlop.plans import services
from tests import factories

GOALS = "Jeg vil klare å gå på jobb tre dager i uka igjen."


def content(**changes) -> dict:
    return {"goals": GOALS, "what_matters": "Å være en god far.",
            "options_offered": "Samtaleterapi; gruppe; medisiner",
            "option_chosen": "Samtaleterapi hver uke",
            "measures": [{"what": "Samtale", "who": "Behandler", "by": "2026-12-31"}],
            "evaluation_dates": ["2027-01-15"], "crisis_plan": "Ring legevakt 116 117.",
            "individual_plan": "wants", "responsibility_group": "Fastlege, NAV",
            **changes}


@pytest.fixture
def patient_user(org, patient):
    user = factories.user("pasient", role="patient")
    patient.user, patient.municipality = user, org.municipality
    patient.save(update_fields=["user", "municipality"])
    return user


@pytest.fixture
def relative(org):
    return factories.user("parorende", role="relative")


def share_with(relative, patient, *, by, scope=ConsentScope.PLANS):
    return Consent.objects.create(patient=patient, participant=Participant.RELATIVE,
                                  participant_user=relative, scope=scope,
                                  valid_from=timezone.localdate(), registered_by=by)


@pytest.fixture
def version(pathway, coordinator):
    return services.save_version(pathway=pathway, by=coordinator, content=content())
