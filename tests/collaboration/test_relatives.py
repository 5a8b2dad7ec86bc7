"""The relatives register, and the consent form that picks relatives from it only."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from forlop.access.authorize import NotPermitted
from forlop.access.forms import StaffConsentForm
from forlop.access.models import Consent
from forlop.access.services import grant_consent
from forlop.collaboration.services import add_relative
from forlop.patients.models import Relative
from tests.collaboration.conftest import relative_account


def consent_form(pathway, user, participant="relative"):
    return StaffConsentForm({"participant": participant, "participant_user": user.pk,
                             "scope": "plans", "valid_from": timezone.localdate()},
                            patient=pathway.patient)


def test_the_consent_form_offers_this_patients_relatives_and_not_anothers(
        pathway, own_relative, others_relative):
    offered = set(consent_form(pathway, own_relative).fields["participant_user"].queryset)
    assert (own_relative in offered, others_relative in offered) == (True, False)


def test_a_relative_can_be_picked_only_from_the_patients_own_register(
        pathway, own_relative, others_relative):
    assert consent_form(pathway, own_relative).is_valid() is True
    refused = consent_form(pathway, others_relative)
    assert refused.is_valid() is False
    assert "participant_user" in refused.errors


def test_the_consent_service_refuses_another_patients_relative(
        pathway, coordinator, others_relative):
    with pytest.raises(ValidationError) as refused:
        grant_consent(patient=pathway.patient, by=coordinator, participant="relative",
                      participant_user=others_relative, scope="plans",
                      valid_from=timezone.localdate())
    assert ("participant_user" in refused.value.error_dict,
            Consent.objects.count()) == (True, 0)


def test_an_ended_register_entry_is_no_longer_offered(pathway, own_relative):
    Relative.objects.filter(user=own_relative).update(ended_on=timezone.localdate())
    assert consent_form(pathway, own_relative).is_valid() is False


def test_the_consent_page_on_one_pathway_lists_only_its_patients_relatives(
        client, pathway, coordinator, own_relative, others_relative):
    client.force_login(coordinator)
    page = client.get(reverse("access:pathway_consents", args=[pathway.pk])).content.decode()
    assert ("Egen-Parorende" in page, "Pia" in page) == (True, False)


def test_add_relative_with_a_minor_child_and_who_follows_up(pathway, clinician):
    entry = add_relative(pathway=pathway, by=clinician, name="Ella", relation="child",
                         minor="child", birth_year=2017, information_needs="Alderstilpasset",
                         follow_up_by="school")
    assert (entry.patient, entry.get_follow_up_by_display()) == (pathway.patient, "skole")


def test_a_minor_needs_a_birth_year(pathway, clinician):
    with pytest.raises(ValidationError) as refused:
        add_relative(pathway=pathway, by=clinician, name="Ella", relation="child",
                     minor="child")
    assert list(refused.value.error_dict) == ["birth_year"]


def test_the_database_refuses_a_minor_without_birth_year(pathway, clinician):
    with pytest.raises(IntegrityError):
        Relative.objects.create(patient=pathway.patient, name="Ella", relation="child",
                                minor="child", registered_by=clinician)


def test_only_a_relative_account_can_be_linked(pathway, clinician, coordinator):
    with pytest.raises(ValidationError) as refused:
        add_relative(pathway=pathway, by=clinician, name="Kari", relation="other",
                     user=coordinator)
    assert list(refused.value.error_dict) == ["user"]


def test_someone_without_access_cannot_add_to_the_register(pathway, outsider):
    with pytest.raises(NotPermitted):
        add_relative(pathway=pathway, by=outsider, name="X", relation="other")
    assert Relative.objects.count() == 0


def test_the_register_page_adds_an_entry_linked_to_an_account(client, pathway, clinician):
    relative_account("ny-parorende")
    client.force_login(clinician)
    response = client.post(reverse("collaboration:relatives", args=[pathway.pk]), {
        "name": "Ny Pårørende", "relation": "sibling", "minor": "sibling",
        "birth_year": "2012", "follow_up_by": "health_visitor", "username": "ny-parorende"})
    assert response.status_code == 302
    assert pathway.patient.relatives.users().get().username == "ny-parorende"


def test_the_register_page_names_the_missing_birth_year(client, pathway, clinician):
    client.force_login(clinician)
    response = client.post(reverse("collaboration:relatives", args=[pathway.pk]), {
        "name": "Ella", "relation": "child", "minor": "child"})
    assert (response.status_code, list(response.context["form"].errors)) == (400, ["birth_year"])


def test_a_visit_to_the_register_is_in_the_patients_access_log(client, pathway, coordinator):
    from forlop.access.presenters import log_lines
    from forlop.access.selectors import log_of

    client.force_login(coordinator)
    client.get(reverse("collaboration:relatives", args=[pathway.pk]))
    assert "pårørendelisten" in log_lines(log_of(pathway.patient)[:1])[0].sentence


def test_an_entry_ended_on_the_page_is_kept_and_no_longer_offered(
        client, pathway, coordinator, own_relative):
    entry = Relative.objects.get(user=own_relative)
    client.force_login(coordinator)
    response = client.post(reverse("collaboration:relatives", args=[pathway.pk]),
                           {"avslutt": entry.pk})
    entry.refresh_from_db()
    assert (response.status_code, entry.ended_on, consent_form(pathway, own_relative)
            .is_valid()) == (302, timezone.localdate(), False)


def test_another_patients_entry_cannot_be_ended_from_this_pathway(
        client, pathway, coordinator, others_relative):
    entry = Relative.objects.get(user=others_relative)
    client.force_login(coordinator)
    response = client.post(reverse("collaboration:relatives", args=[pathway.pk]),
                           {"avslutt": entry.pk})
    entry.refresh_from_db()
    assert (response.status_code, entry.ended_on) == (404, None)
