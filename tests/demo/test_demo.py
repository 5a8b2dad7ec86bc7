import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from forlop.accounts.models import User
from forlop.demo.load import load_demo
from forlop.demo.private import PERSONAS as PRIVATE_PERSONAS
from forlop.demo.users import PERSONAS
from forlop.kernel.identifiers import is_synthetic_or_fh
from forlop.pathways.models import Pathway, PathwayState
from forlop.patients.models import Patient

TODAY = dt.date(2026, 11, 23)
# The generated pathways, and the pair of a transfer to the private institution
# (Demo HF's closed instance and the institution's open one: forlop.demo.private).
TOTAL = 40 + 2


@pytest.fixture
def demo(db):
    return load_demo(seed=1, pathways=40, today=TODAY)


def test_demo_creates_requested_number_of_pathways(demo):
    assert Pathway.objects.count() == TOTAL


def test_demo_patients_have_only_synthetic_identifiers(demo):
    assert all(is_synthetic_or_fh(i) for i in Patient.objects.values_list("identifier",
                                                                         flat=True))


def test_demo_has_a_projection_per_pathway(demo):
    assert PathwayState.objects.count() == TOTAL


def test_demo_has_breaching_pathways(demo):
    assert PathwayState.objects.filter(breached=True).exists()


def test_demo_has_referrals_waiting_at_the_adult_clinic_one_overdue(demo):
    from forlop.demo.referrals import overdue
    from forlop.pathways.models import Referral

    waiting = list(Referral.objects.filter(assessed_on__isnull=True,
                                           unit__name__startswith="DPS Nordby"))
    assert (len(waiting), len(overdue(waiting, TODAY))) == (4, 1)


def test_demo_creates_every_persona(demo):
    expected = {p[0] for p in PERSONAS + PRIVATE_PERSONAS} | {"admin"}
    assert set(User.objects.values_list("username", flat=True)) == expected


def test_demo_command_refused_outside_demo_mode(db, settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="demo mode"):
        call_command("demo", "--pathways", "1")


def test_demo_command_if_empty_leaves_existing_data(demo):
    call_command("demo", "--if-empty")
    assert Pathway.objects.count() == TOTAL


def test_demo_adult_pathways_get_local_norm_due_dates(demo):
    clocks = [c for s in PathwayState.objects.filter(pathway__type="voksne") for c in s.clocks]
    assert any(c["basis"] == "local_norm" and c["due"] for c in clocks)


def test_demo_gives_every_access_persona_something_to_try(demo):
    from forlop.accounts.models import User
    from forlop.pathways.models import Pathway

    def user(name):
        return User.objects.get(username=name)

    own = Pathway.objects.own_pathways(user("pasient"))
    assert own.exists()
    assert Pathway.objects.shared_pathways(user("parorende")).exists()
    assert not Pathway.objects.shared_pathways(user("tidligere-parorende")).exists()
    assert Pathway.objects.visible_to(user("kommune")).exists()
    assert Pathway.objects.visible_to(user("fastlege")).exists()
    assert not Pathway.objects.visible_to(user("sperret")).filter(
        patient=own.first().patient).exists()
    assert Pathway.objects.visible_to(user("koordinator")).filter(
        patient=own.first().patient).exists()
    from forlop.access.selectors import break_glass_to_review

    assert break_glass_to_review(user("leder")).filter(reviewed_at__isnull=True).exists()


def test_demo_patient_has_a_plan_awaiting_signature(demo):
    from forlop.plans.selectors import current_version, involvement_evidence, signature_of

    own = Pathway.objects.get(patient__user__username="pasient", is_open=True)
    version = current_version(own)
    assert (version.number, signature_of(version), involvement_evidence(own)) == (1, None, None)
    assert own.relative_messages.exists()


def test_demo_has_a_private_institution_with_a_pathway_transferred_there(demo, client):
    from django.urls import reverse

    from forlop.organisations.models import HealthTrust

    institution = HealthTrust.objects.get(kind="private")
    assert institution.agreement_in_force(TODAY)
    received = Pathway.objects.get(unit__trust=institution)
    assert (received.is_open, received.first_trust_name) == (True, "Demo HF")
    client.force_login(User.objects.get(username="fjellro"))
    assert f"/forlop/{received.pk}/" in client.get(reverse("worklist")).content.decode()
