"""Min side and the patient's access log."""

import pytest
from django.urls import reverse

from forlop.access.audit import Touch, append
from forlop.access.models import AccessLogEntry, Action, Basis, Outcome
from forlop.access.services import take_break_glass
from forlop.portal.views.record import LOG_PAGE_SIZE
from tests import factories
from tests.conftest import TODAY

HOME, LOG = reverse("portal:home"), reverse("portal:log")


def staff_read(user, patient, unit=None, **kwargs):
    append(user=user, request_id="", action=Action.READ, what="pathway",
           touches=[Touch(patient.pk, Basis.UNIT, "coordinator", unit.pk if unit else None)],
           **kwargs)


def test_home_lists_own_pathways_with_state_due_date_and_coordinator(
        client, patient_user, pathway, coordinator):
    client.force_login(patient_user)
    response = client.get(HOME)
    [row] = response.context["rows"]
    assert (row.type, row.unit, row.state) == (
        "Tverrfaglig spesialisert rusbehandling", "DPS Test", "Startet")
    assert row.next_due == pathway.state.next_due is not None
    assert row.coordinator == ""
    assert "DPS Test" in response.content.decode()


def test_home_shows_the_pathway_coordinator(client, org, patient, patient_user, coordinator):
    factories.pathway(patient=patient, unit=org.unit_a, by=coordinator, today=TODAY,
                      coordinator=coordinator)
    client.force_login(patient_user)
    [row] = client.get(HOME).context["rows"]
    assert row.coordinator == "Koordinator"


def test_home_hides_other_patients_pathways(client, org, other_patient_user, pathway):
    client.force_login(other_patient_user)
    assert client.get(HOME).context["rows"] == []


def test_home_logs_one_own_record_read(client, patient, patient_user, pathway):
    client.force_login(patient_user)
    before = AccessLogEntry.objects.count()
    client.get(HOME)
    [row] = AccessLogEntry.objects.order_by("id")[before:]
    assert (row.patient_id, row.user_id, row.action, row.what, row.basis) == (
        patient.pk, patient_user.pk, Action.READ, "own_record", Basis.OWN_RECORD)


def test_home_without_a_linked_record_says_so(client, org):
    user = factories.user("ukoblet", role="patient")
    client.force_login(user)
    response = client.get(HOME)
    assert "Vi fant ingen journal" in response.content.decode()
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("url", [HOME, LOG])
def test_anonymous_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={url}")


@pytest.mark.parametrize("url", [HOME, LOG])
def test_staff_and_relatives_are_refused(client, coordinator, relative, url):
    for user in (coordinator, relative):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_log_shows_a_staff_read_in_plain_language(client, org, patient, patient_user,
                                                  coordinator):
    staff_read(coordinator, patient, org.unit_a)
    client.force_login(patient_user)
    response = client.get(LOG)
    text = response.content.decode()
    assert "Koordinator så på forløpet." in text
    assert "arbeider i enheten som har forløpet" in text
    assert "Forløpskoordinator, DPS Test" in text


def test_log_is_newest_first_and_includes_this_visit(client, org, patient, patient_user,
                                                     coordinator):
    staff_read(coordinator, patient, org.unit_a)
    client.force_login(patient_user)
    sentences = [line.sentence for line in client.get(LOG).context["lines"]]
    assert sentences == ["Pasient så på tilgangsloggen.", "Koordinator så på forløpet."]


def test_log_highlights_emergency_access_with_its_reason(client, patient, patient_user,
                                                         clinician, pathway):
    take_break_glass(user=clinician, patient=patient, reason="Akutt innleggelse om natten")
    client.force_login(patient_user)
    response = client.get(LOG)
    [line] = [x for x in response.context["lines"] if x.emergency]
    assert line.reason == "Akutt innleggelse om natten"
    text = response.content.decode()
    assert 'data-color="warning">nødtilgang</span>' in text
    assert "Begrunnelse: Akutt innleggelse om natten" in text


def test_log_shows_refused_attempts_as_such(client, patient, patient_user, outsider):
    append(user=outsider, request_id="", action=Action.READ, what="pathway",
           outcome=Outcome.REFUSED, touches=[Touch(patient.pk, Basis.NONE)])
    client.force_login(patient_user)
    text = client.get(LOG).content.decode()
    assert "Utenforstaende forsøkte å åpne forløpet, men fikk ikke tilgang." in text
    assert 'data-color="danger">avvist</span>' in text


def test_log_shows_only_own_patients_rows(client, patient, other_patient_user, coordinator):
    staff_read(coordinator, patient)
    client.force_login(other_patient_user)
    sentences = [line.sentence for line in client.get(LOG).context["lines"]]
    assert sentences == ["Annenpasient så på tilgangsloggen."]


def test_log_paginates_fifty_a_page(client, patient, patient_user, coordinator):
    for _ in range(LOG_PAGE_SIZE):
        staff_read(coordinator, patient)
    client.force_login(patient_user)
    # 50 reads and this visit: the oldest read is alone on page 2.
    [oldest] = client.get(LOG, {"side": 2}).context["lines"]
    assert oldest.who == "Koordinator"
    assert len(client.get(LOG).context["lines"]) == LOG_PAGE_SIZE == 50


def test_log_page_logs_one_access_log_read(client, patient, patient_user):
    client.force_login(patient_user)
    client.get(LOG)
    assert list(AccessLogEntry.objects.values_list("patient_id", "what", "basis")) == [
        (patient.pk, "access_log", Basis.OWN_RECORD)]
