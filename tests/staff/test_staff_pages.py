"""Staff pages of access control: pathway page, consent, access log, search,
emergency access and its review — each decides access and logs before it answers."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from forlop.access.models import AccessLogEntry, BreakGlass, Consent, Outcome
from forlop.accounts.roles import Role
from tests import factories
from tests.conftest import TODAY


@pytest.fixture
def leader(org):
    return factories.user("leder", role=Role.LEADER, unit=org.unit_a)


@pytest.fixture
def patient_user_for(org):
    def make(patient):
        user = factories.user("pasient", role=Role.PATIENT)
        patient.user = user
        patient.save()
        return user
    return make


@pytest.fixture
def secretary(org):
    return factories.user("sekretaer", role=Role.SECRETARY, unit=org.unit_a)


def _log_rows(**filters):
    return list(AccessLogEntry.objects.filter(**filters).order_by("id"))


def test_pathway_page_for_own_unit_is_logged(client, coordinator, pathway):
    client.force_login(coordinator)
    response = client.get(reverse("pathway_detail", args=[pathway.pk]))
    assert response.status_code == 200
    assert pathway.patient.name in response.content.decode()
    [row] = _log_rows(what="pathway")
    assert (row.patient_id, row.user_id, row.basis, row.role, row.unit_id, row.outcome) == (
        pathway.patient_id, coordinator.pk, "unit", "coordinator", pathway.unit_id, "allowed")
    assert row.request_id == response["X-Request-ID"]


def test_other_units_pathway_is_404_and_the_refusal_is_logged(client, outsider, pathway):
    client.force_login(outsider)
    assert client.get(reverse("pathway_detail", args=[pathway.pk])).status_code == 404
    [row] = _log_rows(what="pathway")
    assert (row.outcome, row.basis, row.user_id) == (Outcome.REFUSED, "none", outsider.pk)


def test_anonymous_goes_to_sign_in_and_writes_nothing_to_the_log(client, pathway):
    response = client.get(reverse("pathway_detail", args=[pathway.pk]))
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]
    assert _log_rows() == []


def test_anonymous_gets_the_same_answer_for_a_missing_pathway(client, pathway):
    """An id that exists and one that does not answer alike: ids cannot be enumerated."""
    found = client.get(reverse("pathway_detail", args=[pathway.pk]))
    missing = client.get(reverse("pathway_detail", args=[pathway.pk + 1000]))
    assert (missing.status_code, missing["Location"].replace(str(pathway.pk + 1000), "ID")) == (
        found.status_code, found["Location"].replace(str(pathway.pk), "ID"))


def test_coordinator_registers_municipal_consent_and_municipality_then_sees(
        client, coordinator, municipal, pathway, org):
    pathway.patient.municipality = org.municipality
    pathway.patient.save()
    client.force_login(coordinator)
    url = reverse("access:pathway_consents", args=[pathway.pk])
    response = client.post(url, {"participant": "municipality", "scope": "plans",
                                 "valid_from": "2024-01-01", "only_this_pathway": "on"})
    assert response.status_code == 302, response.content.decode()
    consent = Consent.objects.get()
    assert (consent.participant_municipality_id, consent.pathway_id) == (
        pathway.patient.municipality_id, pathway.pk)
    assert _log_rows(action="consent")[0].patient_id == pathway.patient_id
    client.force_login(municipal)
    assert client.get(reverse("pathway_detail", args=[pathway.pk])).status_code == 200
    client.force_login(coordinator)
    client.post(reverse("access:pathway_consent_revoke", args=[pathway.pk, consent.pk]))
    client.force_login(municipal)
    assert client.get(reverse("pathway_detail", args=[pathway.pk])).status_code == 404


def test_consent_form_errors_save_nothing(client, coordinator, pathway):
    client.force_login(coordinator)
    response = client.post(reverse("access:pathway_consents", args=[pathway.pk]),
                           {"participant": "relative", "scope": "overview",
                            "valid_from": "2024-05-01", "valid_to": "2024-04-01"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"participant_user", "valid_to"}
    assert not Consent.objects.exists()


def test_secretary_cannot_manage_consent(client, secretary, pathway):
    client.force_login(secretary)
    assert client.get(reverse("access:pathway_consents", args=[pathway.pk])).status_code == 404


def test_leader_reads_the_access_log_in_plain_language(client, coordinator, leader, pathway):
    client.force_login(coordinator)
    client.get(reverse("pathway_detail", args=[pathway.pk]))
    client.force_login(leader)
    page = client.get(reverse("access:pathway_log", args=[pathway.pk])).content.decode()
    assert f"{coordinator.get_full_name() or coordinator.username} så på forløpet." in page
    assert client.get(reverse("access:pathway_log", args=[pathway.pk])).status_code == 200


def test_clinician_cannot_read_the_access_log(client, clinician, pathway):
    client.force_login(clinician)
    assert client.get(reverse("access:pathway_log", args=[pathway.pk])).status_code == 404


def test_search_finds_only_visible_pathways_and_logs(client, coordinator, outsider, pathway):
    client.force_login(outsider)
    url = reverse("access:patient_search")
    page = client.post(url, {"identifier": pathway.patient.identifier}).content.decode()
    assert pathway.patient.name not in page and "Ta nødtilgang" in page
    assert _log_rows(action="search")[0].outcome == Outcome.REFUSED
    client.force_login(coordinator)
    page = client.post(url, {"identifier": pathway.patient.identifier}).content.decode()
    assert reverse("pathway_detail", args=[pathway.pk]) in page


@pytest.fixture
def neighbour(org):
    """A clinician of another unit of the pathway's trust (no basis on the pathway)."""
    return factories.user("bup-behandler", role=Role.CLINICIAN, unit=org.unit_a2)


REASON = "Akutt innlagt, trenger behandlingsplan"


def test_break_glass_needs_a_reason_then_opens_for_three_hours(client, neighbour, pathway,
                                                                 org):
    leader_a2 = factories.user("leder-bup", role=Role.LEADER, unit=org.unit_a2)
    leader_a = factories.user("leder-dps", role=Role.LEADER, unit=org.unit_a)
    client.force_login(neighbour)
    url, detail = reverse("access:break_glass"), reverse("pathway_detail", args=[pathway.pk])
    short = client.post(url, {"identifier": pathway.patient.identifier, "reason": "kort"})
    assert "reason" in short.context["glass_form"].errors and not BreakGlass.objects.exists()
    with time_machine.travel(dt.datetime(2024, 6, 3, 12, 0, tzinfo=dt.UTC), tick=False):
        ok = client.post(url, {"identifier": pathway.patient.identifier, "reason": REASON})
        assert reverse("pathway_detail", args=[pathway.pk]) in ok.content.decode()
        assert client.get(detail).status_code == 200
        last = _log_rows(what="pathway")[-1]
        assert (last.basis, last.reason) == ("break_glass", REASON)
    with time_machine.travel(dt.datetime(2024, 6, 3, 15, 1, tzinfo=dt.UTC), tick=False):
        assert client.get(detail).status_code == 404
    item = BreakGlass.objects.get()
    # Reviewed by the leader of the record's unit, not of the taker's own unit.
    client.force_login(leader_a2)
    assert "Akutt innlagt" not in client.get(reverse("access:review_list")).content.decode()
    client.force_login(leader_a)
    assert "Akutt innlagt" in client.get(reverse("access:review_list")).content.decode()
    client.post(reverse("access:review_item", args=[item.pk]), {"note": "Ok, akutt"})
    item.refresh_from_db()
    assert item.reviewed_by == leader_a and item.review_note == "Ok, akutt"


def test_break_glass_is_refused_across_trusts(client, outsider, pathway):
    """Issue 11, hole 1: Nabo HF's coordinator took it for a Demo HF patient."""
    client.force_login(outsider)
    response = client.post(reverse("access:break_glass"),
                           {"identifier": pathway.patient.identifier, "reason": REASON})
    assert response.status_code == 400 and not BreakGlass.objects.exists()
    assert client.get(reverse("pathway_detail", args=[pathway.pk])).status_code == 404


def _attempt_answers(client, identifier):
    short = client.post(reverse("access:break_glass"), {"identifier": identifier,
                                                        "reason": "kort"})
    long = client.post(reverse("access:break_glass"), {"identifier": identifier,
                                                       "reason": REASON})
    return (short.status_code, short.context["glass_form"].errors,
            long.status_code, long.context["glass_form"].errors)


def test_break_glass_answers_alike_whether_the_number_is_a_patient_or_not(
        client, outsider, pathway):
    """Issue 11, hole 2: the existence oracle. A patient of another trust and a number
    that matches nobody get the same answers, and every attempt is logged."""
    from forlop.kernel.identifiers import generate_synthetic_fnr

    client.force_login(outsider)
    nobody = generate_synthetic_fnr(__import__("random").Random(4))
    assert _attempt_answers(client, pathway.patient.identifier) == _attempt_answers(
        client, nobody)
    rows = _log_rows(action="break_glass")
    assert [(r.patient_id, r.outcome) for r in rows] == [
        (pathway.patient_id, Outcome.REFUSED)] * 2 + [(None, Outcome.REFUSED)] * 2


def test_barred_person_is_refused_in_the_same_words_and_granted_nothing(
        client, neighbour, outsider, pathway, patient_user_for):
    """Issue 11, hole 7: a barred person was told "granted" while the record stayed hidden."""
    from forlop.access.services import add_restriction

    add_restriction(patient=pathway.patient, by=patient_user_for(pathway.patient),
                    barred_user=neighbour)
    client.force_login(outsider)
    across = client.post(reverse("access:break_glass"),
                         {"identifier": pathway.patient.identifier, "reason": REASON})
    client.force_login(neighbour)
    barred = client.post(reverse("access:break_glass"),
                         {"identifier": pathway.patient.identifier, "reason": REASON})
    assert barred.context["glass_form"].errors == across.context["glass_form"].errors
    assert not BreakGlass.objects.exists()
    assert _log_rows(action="break_glass", user=neighbour)[0].outcome == Outcome.REFUSED


def test_an_over_long_review_note_is_refused_with_a_message(client, neighbour, pathway, org):
    """Issue 11, hole 7: a 100 kB review note failed without a word."""
    leader = factories.user("leder-dps", role=Role.LEADER, unit=org.unit_a)
    from forlop.access.services import take_break_glass

    item = take_break_glass(user=neighbour, patient=pathway.patient, reason=REASON)
    client.force_login(leader)
    response = client.post(reverse("access:review_item", args=[item.pk]),
                           {"note": "x" * 100_000}, follow=True)
    assert "Merknaden ble ikke lagret" in response.content.decode()
    item.refresh_from_db()
    assert item.reviewed_at is None


def test_an_access_to_a_unit_without_a_leader_goes_up_the_line(client, neighbour, pathway,
                                                                 org):
    trust_leader = factories.user("leder-bup", role=Role.LEADER, unit=org.unit_a2)
    from forlop.access.services import take_break_glass

    take_break_glass(user=neighbour, patient=pathway.patient, reason=REASON)
    client.force_login(trust_leader)
    assert "Akutt innlagt" in client.get(reverse("access:review_list")).content.decode()


def test_break_glass_refused_for_a_secretary(client, secretary, pathway):
    client.force_login(secretary)
    response = client.post(reverse("access:break_glass"),
                           {"identifier": pathway.patient.identifier,
                            "reason": "Akutt innlagt, trenger behandlingsplan"})
    assert response.status_code == 403 and not BreakGlass.objects.exists()


def test_a_request_that_fails_after_access_is_granted_is_still_logged(
        client, coordinator, pathway, monkeypatch):
    from forlop.pathways.views import detail as views

    def broken(*args, **kwargs):
        raise RuntimeError("template store is down")

    monkeypatch.setattr(views, "render", broken)
    client.raise_request_exception = False
    client.force_login(coordinator)
    assert client.get(reverse("pathway_detail", args=[pathway.pk])).status_code == 500
    [row] = _log_rows(what="pathway")
    assert (row.patient_id, row.outcome) == (pathway.patient_id, Outcome.ALLOWED)


def test_consent_for_another_patients_pathway_is_refused(coordinator, pathway, org):
    from django.core.exceptions import ValidationError

    from forlop.access.services import grant_consent

    other = factories.patient()
    factories.pathway(patient=other, unit=org.unit_a, by=coordinator, today=TODAY)
    with pytest.raises(ValidationError, match="annen pasient"):
        grant_consent(patient=other, by=coordinator, participant="municipality",
                      participant_municipality=org.municipality, scope="overview",
                      valid_from=TODAY, pathway=pathway)
    assert not Consent.objects.exists()


def test_check_warns_of_a_trust_with_no_leader_to_review(org):
    from forlop.access.checks import trusts_without_reviewer

    factories.user("leder-a", role=Role.LEADER, unit=org.unit_a)
    assert [w.obj for w in trusts_without_reviewer(databases=["default"])] == [org.trust_b]
    # A database check: ``check --database default`` and ``migrate`` run it, other
    # management commands (the bench's) do not.
    from django.core.checks import run_checks

    assert [w.obj for w in run_checks(databases=["default"]) if w.id == "forlop.W001"] == [
        org.trust_b]
    assert [w for w in run_checks() if w.id == "forlop.W001"] == []


def test_revoke_buttons_say_whose_consent_they_revoke(client, coordinator, pathway, org):
    pathway.patient.municipality = org.municipality
    pathway.patient.save()
    client.force_login(coordinator)
    url = reverse("access:pathway_consents", args=[pathway.pk])
    client.post(url, {"participant": "municipality", "scope": "plans",
                      "valid_from": TODAY.isoformat(), "only_this_pathway": "on"})
    page = client.get(url).content.decode()
    assert "Trekk tilbake<span class=\"ds-sr-only\"> samtykke for Testvik kommune" in page


def test_consent_and_restriction_services_check_their_actor(coordinator, outsider, pathway,
                                                            org):
    """Issue 11: grant_consent and add_restriction checked nothing; a command or an API
    calling them was not held to the page's rule."""
    from forlop.access.authorize import NotPermitted
    from forlop.access.services import add_restriction, grant_consent

    with pytest.raises(NotPermitted):
        grant_consent(patient=pathway.patient, by=outsider, participant="municipality",
                      participant_municipality=org.municipality, scope="overview",
                      valid_from=TODAY)
    with pytest.raises(NotPermitted):  # staff never bar on the patient's behalf
        add_restriction(patient=pathway.patient, by=coordinator, barred_user=outsider)
    assert not Consent.objects.exists()
    grant_consent(patient=pathway.patient, by=coordinator, participant="municipality",
                  participant_municipality=org.municipality, scope="overview",
                  valid_from=TODAY)
    assert Consent.objects.count() == 1
