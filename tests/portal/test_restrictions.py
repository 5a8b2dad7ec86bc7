"""Restrictions (sperring) on Min side: bar a unit or a person, lift a bar."""

import pytest
from django.urls import reverse

from forlop.access.audit import Touch, append
from forlop.access.models import AccessLogEntry, Action, Basis, CareTeamMember, Restriction
from forlop.access.services import add_restriction, lift_restriction
from forlop.pathways.models import Pathway
from tests import factories
from tests.portal.conftest import assert_refused

URL = reverse("portal:restrictions")


def lift_url(item):
    return reverse("portal:restriction_lift", args=[item.pk])


def choices(response, form):
    return [label for value, label in response.context[form].fields["barred"].choices if value]


def test_unit_choices_are_the_units_of_trusts_with_own_pathways(client, patient_user,
                                                                pathway):
    client.force_login(patient_user)
    # Trust A has DPS Test and BUP Test; DPS Annet HF (trust B) is not offered.
    assert choices(client.get(URL), "unit_form") == ["BUP Test (Test HF A)",
                                                     "DPS Test (Test HF A)"]


def test_person_choices_are_people_from_the_log_and_care_team_only(
        client, patient, patient_user, pathway, clinician, outsider, coordinator, relative):
    append(user=outsider, request_id="", action=Action.READ, what="pathway",
           touches=[Touch(patient.pk, Basis.NONE)])
    append(user=relative, request_id="", action=Action.READ, what="shared_record",
           touches=[Touch(patient.pk, Basis.RELATIVE_CONSENT)])
    CareTeamMember.objects.create(pathway=pathway, user=clinician, added_by=coordinator)
    factories.user("fremmed", role="clinician", unit=pathway.unit)  # never touched the record
    client.force_login(patient_user)
    client.get(URL)  # the patient's own reads do not make them a choice
    assert choices(client.get(URL), "person_form") == ["Behandler", "Utenforstaende"]


def test_barring_a_unit_hides_the_pathway_from_its_staff_at_once(
        client, patient, patient_user, pathway, org, coordinator, clinician):
    assert set(Pathway.objects.visible_to(coordinator)) == {pathway}
    client.force_login(patient_user)
    response = client.post(URL, {"skjema": "enhet", "enhet-barred": org.unit_a.pk},
                           follow=True)
    assert response.redirect_chain == [(URL, 302)]
    restriction = Restriction.objects.get()
    assert (restriction.patient, restriction.barred_unit, restriction.created_by) == (
        patient, org.unit_a, patient_user)
    for staff in (coordinator, clinician):
        assert not Pathway.objects.visible_to(staff).exists()
    assert list(Pathway.objects.own_pathways(patient_user)) == [pathway]
    assert "DPS Test (Test HF A) er sperret fra journalen din." in response.content.decode()
    row = AccessLogEntry.objects.get(action=Action.RESTRICTION)
    assert (row.patient_id, row.user_id, row.reason) == (
        patient.pk, patient_user.pk, f"added #{restriction.pk}")


def test_barring_a_person_hides_the_pathway_from_them_only(
        client, patient, patient_user, pathway, coordinator, clinician):
    CareTeamMember.objects.create(pathway=pathway, user=clinician, added_by=coordinator)
    client.force_login(patient_user)
    client.post(URL, {"skjema": "person", "person-barred": clinician.pk,
                      "person-reason": "Kjenner meg privat"})
    assert Restriction.objects.get().barred_user == clinician
    assert Restriction.objects.get().reason == "Kjenner meg privat"
    assert not Pathway.objects.visible_to(clinician).exists()
    assert list(Pathway.objects.visible_to(coordinator)) == [pathway]


def test_a_person_outside_the_choices_cannot_be_barred(client, patient_user, pathway, org):
    stranger = factories.user("fremmed", role="clinician", unit=org.unit_b)
    client.force_login(patient_user)
    response = client.post(URL, {"skjema": "person", "person-barred": stranger.pk})
    assert response.status_code == 200
    assert response.context["person_form"].errors["barred"] == ["Velg en person fra listen."]
    assert not Restriction.objects.exists()


def test_a_missing_choice_is_an_error_and_nothing_is_saved(client, patient_user, pathway):
    client.force_login(patient_user)
    response = client.post(URL, {"skjema": "enhet", "enhet-barred": ""})
    assert response.context["unit_form"].errors["barred"] == ["Velg enheten du vil sperre."]
    assert "Velg enheten du vil sperre." in response.content.decode()
    assert not Restriction.objects.exists()
    assert not AccessLogEntry.objects.filter(action=Action.RESTRICTION).exists()


def test_lifting_a_restriction_opens_the_record_again(client, patient, patient_user, pathway,
                                                      org, coordinator):
    barred = add_restriction(patient=patient, by=patient_user, barred_unit=org.unit_a)
    assert not Pathway.objects.visible_to(coordinator).exists()
    client.force_login(patient_user)
    response = client.post(lift_url(barred), follow=True)
    assert "Sperringen av DPS Test er opphevet." in response.content.decode()
    barred.refresh_from_db()
    assert barred.lifted_by == patient_user
    assert list(Pathway.objects.visible_to(coordinator)) == [pathway]
    assert AccessLogEntry.objects.filter(action=Action.RESTRICTION,
                                         reason=f"lifted #{barred.pk}").count() == 1


def test_list_shows_active_and_lifted_restrictions(client, patient, patient_user, org,
                                                   clinician):
    add_restriction(patient=patient, by=patient_user, barred_user=clinician)
    lifted = add_restriction(patient=patient, by=patient_user, barred_unit=org.unit_b)
    lift_restriction(restriction=lifted, by=patient_user)
    client.force_login(patient_user)
    rows = client.get(URL).context["rows"]
    assert [(r.who, r.kind, r.active) for r in rows] == [
        ("DPS Annet HF", "Enhet", False), ("Behandler", "Person", True)]
    assert AccessLogEntry.objects.filter(what="restriction", action=Action.READ).count() == 1


def test_another_patients_restriction_is_not_found(client, patient, patient_user,
                                                   other_patient_user, org):
    barred = add_restriction(patient=patient, by=patient_user, barred_unit=org.unit_a)
    client.force_login(other_patient_user)
    assert client.post(lift_url(barred)).status_code == 404
    barred.refresh_from_db()
    assert barred.lifted_at is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_and_staff_are_refused(client, coordinator, patient, patient_user, org,
                                         method):
    barred = add_restriction(patient=patient, by=patient_user, barred_user=coordinator)
    assert_refused(client, [URL, lift_url(barred)], coordinator, method)
    barred.refresh_from_db()
    assert barred.lifted_at is None
