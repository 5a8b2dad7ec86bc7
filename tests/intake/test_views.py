"""The intake pages: scoped, logged, forms that refuse next to the field and store
nothing, the patient's number only ever POSTed."""

import datetime as dt

import pytest
from django.urls import reverse

from forlop.access.models import AccessLogEntry, Restriction
from forlop.accounts.roles import Role
from forlop.pathways.models import Pathway, Referral
from forlop.patients.models import Patient
from tests import factories, statements
from tests.conftest import TODAY
from tests.intake.conftest import new_number, referral

LIST, NEW = reverse("intake:list"), reverse("intake:register")


def assess_url(r):
    return reverse("intake:assess", args=[r.pk])


def body(**overrides):
    data = {"identifier": new_number(), "name": "Ny Testesen", "received_on": "2024-05-31",
            "referrer_kind": "other", "referrer_name": "Annen Henviser"}
    return {**data, **overrides}


# --- the list -------------------------------------------------------------------------

def test_list_shows_waiting_referrals_oldest_deadline_first(client, frozen, org, secretary):
    late = referral(unit=org.unit_a, by=secretary, received_on=dt.date(2024, 5, 13),
                    name="Eldst Testesen")
    referral(unit=org.unit_a, by=secretary, received_on=dt.date(2024, 5, 31), name="Ny Testesen")
    client.force_login(secretary)
    html = client.get(LIST).content.decode()
    assert html.index("Eldst Testesen") < html.index("Ny Testesen")
    # 13 May + 10 working days, 17 May and Whit Monday 20 May being holidays: 29 May
    assert "29.5.2024" in html and "5 dager over fristen" in html
    assert late.received_on.isoformat() not in html


def test_list_shows_only_referrals_to_the_users_units(client, frozen, org, secretary, outsider):
    referral(unit=org.unit_b, by=outsider, name="Annet Testesen")
    referral(unit=org.unit_a, by=secretary, name="Egen Testesen")
    client.force_login(secretary)
    html = client.get(LIST).content.decode()
    assert "Egen Testesen" in html and "Annet Testesen" not in html


def test_list_leaves_out_assessed_referrals(client, frozen, org, secretary, clinician):
    from forlop.intake.services import assess_referral

    done = referral(unit=org.unit_a, by=secretary, name="Vurdert Testesen")
    assess_referral(referral=done, by=clinician, assessed_on=TODAY, right_granted=False)
    client.force_login(secretary)
    assert "Vurdert Testesen" not in client.get(LIST).content.decode()


def test_list_leaves_out_a_patient_who_barred_the_user(client, frozen, org, secretary):
    barring = referral(unit=org.unit_a, by=secretary, name="Sperret Testesen")
    Restriction.objects.create(patient=barring.patient, barred_user=secretary,
                               created_by=secretary)
    client.force_login(secretary)
    assert "Sperret Testesen" not in client.get(LIST).content.decode()


def test_every_patient_on_the_list_is_logged(client, frozen, org, secretary):
    shown = [referral(unit=org.unit_a, by=secretary) for _ in range(3)]
    client.force_login(secretary)
    client.get(LIST)
    rows = AccessLogEntry.objects.filter(what="referral_list")
    assert sorted(rows.values_list("patient_id", flat=True)) == sorted(
        r.patient_id for r in shown)
    assert set(rows.values_list("role", "basis", "action")) == {("secretary", "unit", "read")}


@pytest.mark.parametrize("rows", [1, 6])
def test_list_query_count_does_not_grow_with_rows(client, frozen, org, secretary, rows,
                                                  django_assert_num_queries):
    for _ in range(rows):
        referral(unit=org.unit_a, by=secretary, referrer_kind="gp", gp_office=org.gp_office)
    client.force_login(secretary)
    client.get(LIST)  # warm the session and the holiday cache
    with django_assert_num_queries(5 + statements.log_write()):
        client.get(LIST)


@pytest.mark.parametrize("who", ["leader", "municipal"])
def test_list_is_refused_to_who_does_not_take_in_referrals(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(LIST).status_code == 403


def test_menu_links_to_the_referrals_for_a_secretary(client, secretary):
    client.force_login(secretary)
    assert f'href="{LIST}"' in client.get(reverse("worklist")).content.decode()


# --- register ---------------------------------------------------------------------------

def test_secretary_registers_and_sees_the_deadline(client, frozen, org, secretary):
    client.force_login(secretary)
    response = client.post(NEW, body(unit=org.unit_a.pk), follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert "Frist for vurdering: 14.6.2024" in response.content.decode()
    assert Referral.objects.get().patient.name == "Ny Testesen"


def test_bad_number_is_explained_and_nothing_is_stored(client, frozen, org, secretary):
    client.force_login(secretary)
    response = client.post(NEW, body(unit=org.unit_a.pk, identifier="1234567890"))
    html = response.content.decode()
    assert "Nummeret har 10 sifre" in html and "ds-error-summary" in html
    assert (Referral.objects.count(), Patient.objects.count()) == (0, 0)


def test_future_receipt_is_shown_next_to_the_date(client, frozen, org, secretary):
    client.force_login(secretary)
    html = client.post(NEW, body(unit=org.unit_a.pk, received_on="2024-06-04")).content.decode()
    assert 'id="id_received_on_error"' in html
    assert Referral.objects.count() == 0


def test_half_a_first_trust_is_refused(client, frozen, org, secretary):
    client.force_login(secretary)
    html = client.post(NEW, body(unit=org.unit_a.pk, first_trust_name="Test HF B")).content
    assert 'id="id_first_trust_started_on_error"' in html.decode()
    assert Referral.objects.count() == 0


def test_another_units_id_is_not_a_choice(client, frozen, org, secretary):
    client.force_login(secretary)
    response = client.post(NEW, body(unit=org.unit_b.pk))
    assert 'id="id_unit_error"' in response.content.decode()
    assert Referral.objects.count() == 0


def test_refusal_for_a_known_patient_is_logged(client, frozen, org, secretary, patient):
    client.force_login(secretary)
    client.post(NEW, body(unit=org.unit_a.pk, identifier=patient.identifier, name="Feil Navn"))
    [row] = AccessLogEntry.objects.filter(what="referral")
    assert (row.patient_id, row.outcome) == (patient.pk, "refused")


def test_number_is_never_in_a_url(client, frozen, org, secretary):
    client.force_login(secretary)
    data = body(unit=org.unit_a.pk)
    response = client.post(NEW, data)
    assert data["identifier"] not in response["Location"]


# --- assess -----------------------------------------------------------------------------

def test_clinician_assesses_and_lands_on_the_new_pathway(client, frozen, waiting, clinician):
    client.force_login(clinician)
    response = client.post(assess_url(waiting), {
        "right_granted": "yes", "assessed_on": "2024-06-03", "type": "tsb",
        "setting": "outpatient"})
    pathway = Pathway.objects.get()
    assert response["Location"] == reverse("pathway_detail", args=[pathway.pk])
    assert pathway.referral_id == waiting.pk


def test_not_granted_goes_back_to_the_list(client, frozen, waiting, clinician):
    client.force_login(clinician)
    response = client.post(assess_url(waiting), {"right_granted": "no",
                                                 "assessed_on": "2024-06-03"})
    assert (response["Location"], Pathway.objects.count()) == (LIST, 0)


def test_kernel_refusal_is_shown_next_to_the_date(client, frozen, waiting, clinician):
    client.force_login(clinician)
    html = client.post(assess_url(waiting), {
        "right_granted": "yes", "assessed_on": "2024-05-01", "type": "tsb",
        "setting": "outpatient"}).content.decode()
    assert 'id="id_assessed_on_error"' in html and "ds-error-summary" in html
    assert Pathway.objects.count() == 0


def test_assess_page_shows_the_referral_and_is_logged(client, frozen, waiting, clinician):
    client.force_login(clinician)
    html = client.get(assess_url(waiting)).content.decode()
    assert waiting.patient.name in html and "14.6.2024" in html  # received 31 May
    [row] = AccessLogEntry.objects.filter(what="referral_assessment")
    assert (row.patient_id, row.action, row.outcome) == (waiting.patient_id, "read", "allowed")


def test_secretary_may_not_assess(client, frozen, waiting, secretary):
    client.force_login(secretary)
    assert client.get(assess_url(waiting)).status_code == 403
    assert AccessLogEntry.objects.filter(what="referral_assessment",
                                         outcome="refused").count() == 1


def test_other_units_referral_is_404(client, frozen, waiting, org):
    nabo = factories.user("nabo-klin", role=Role.CLINICIAN, unit=org.unit_b)
    client.force_login(nabo)
    assert client.get(assess_url(waiting)).status_code == 404


def test_an_assessed_referral_is_404_on_its_assess_page(client, frozen, waiting, clinician):
    client.force_login(clinician)
    client.post(assess_url(waiting), {"right_granted": "no", "assessed_on": "2024-06-03"})
    assert client.get(assess_url(waiting)).status_code == 404
