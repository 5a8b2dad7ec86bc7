"""Notices of need: from municipal staff, the patient, a relative and the specialist
service, each checked where it is written; recorded with a state and sent as a
message (kind NOTICE) to the municipality, which lands in the outbox."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from forlop.access.authorize import NotPermitted
from forlop.access.models import Consent, ConsentScope, Participant
from forlop.accounts.roles import Role
from forlop.kernel.identifiers import generate_synthetic_fnr
from forlop.messaging.models import Message, MessageKind
from forlop.municipal import services
from forlop.municipal.models import NeedNotice, NoticeState, Source
from tests import factories


def _number(seed=3):
    import random

    return generate_synthetic_fnr(random.Random(seed))


def _relative(person, coordinator, **kw):
    user = factories.user("parorende", role=Role.RELATIVE)
    Consent.objects.create(patient=person, participant=Participant.RELATIVE,
                           participant_user=user, scope=ConsentScope.OVERVIEW,
                           valid_from=dt.date(2024, 1, 1), registered_by=coordinator, **kw)
    return user


def test_staff_notice_is_recorded_and_sent_to_the_municipality(org, kommune):
    notice = services.notify_from_municipality(
        by=kommune, municipality=org.municipality, identifier=_number(), name="Ola  Nordmann",
        need="coordinator", description="Mange tjenester, trenger én å forholde seg til")
    assert (notice.state, notice.source, notice.person_name) == (
        NoticeState.RECEIVED, Source.MUNICIPAL_STAFF, "Ola Nordmann")
    message = Message.objects.get()
    assert (message.kind, message.to_municipality, message.patient) == (
        MessageKind.NOTICE, org.municipality, notice.patient)
    assert notice.message == message and message.state
    assert "Mange tjenester" in message.body


def test_the_message_lands_in_the_outbox(org, kommune, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify_from_municipality(
            by=kommune, municipality=org.municipality, identifier=_number(), name="Ola N",
            need="individual_plan", description="Trenger IP")
    assert list(Path(settings.FORLOP_OUTBOX_DIR).glob("*notice*"))


def test_staff_of_another_municipality_cannot_notify_here(org, other_coordinator):
    with pytest.raises(NotPermitted):
        services.notify_from_municipality(
            by=other_coordinator, municipality=org.municipality, identifier=_number(),
            name="Ola N", need="coordinator", description="x")
    assert not NeedNotice.objects.exists() and not Message.objects.exists()


def test_a_notice_needs_a_description_and_a_valid_number(org, kommune):
    with pytest.raises(ValidationError) as refused:
        services.notify_from_municipality(by=kommune, municipality=org.municipality,
                                          identifier=_number(), name="Ola N",
                                          need="coordinator", description="  ")
    assert "description" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        services.notify_from_municipality(by=kommune, municipality=org.municipality,
                                          identifier="12345678901", name="Ola N",
                                          need="coordinator", description="x")
    assert "identifier" in refused.value.error_dict


@pytest.mark.parametrize("who, source", [("patient", Source.PATIENT),
                                         ("relative", Source.RELATIVE),
                                         ("coordinator", Source.SPECIALIST),
                                         ("clinician", Source.SPECIALIST)])
def test_notice_from_the_pathway(who, source, org, pathway, person, coordinator, clinician):
    if who == "patient":
        by = factories.user("pasient", role=Role.PATIENT)
        person.user = by
        person.save()
    elif who == "relative":
        by = _relative(person, coordinator)
    else:
        by = {"coordinator": coordinator, "clinician": clinician}[who]
    notice = services.notify_on_pathway(by=by, pathway=pathway, need="both",
                                        description="Trenger plan og koordinator",
                                        patient_agrees=True)
    assert (notice.source, notice.municipality, notice.pathway) == (
        source, org.municipality, pathway)
    assert Message.objects.get().to_municipality == org.municipality


@pytest.mark.parametrize("who", ["secretary", "lapsed_relative", "outsider", "municipal"])
def test_others_cannot_notify_from_the_pathway(who, org, pathway, person, coordinator,
                                                outsider, kommune, share):
    share(ConsentScope.COLLABORATION)  # the municipality reads it, but does not notify here
    by = {"secretary": lambda: factories.user("sekretaer", role=Role.SECRETARY,
                                              unit=org.unit_a),
          "lapsed_relative": lambda: _relative(person, coordinator,
                                               revoked_at=timezone.now()),
          "outsider": lambda: outsider, "municipal": lambda: kommune}[who]()
    with pytest.raises(NotPermitted):
        services.notify_on_pathway(by=by, pathway=pathway, need="coordinator",
                                   description="x")
    assert not NeedNotice.objects.exists()


def test_patient_without_a_municipality_has_no_recipient(pathway, person, coordinator):
    person.municipality = None
    person.save()
    with pytest.raises(ValidationError) as refused:
        services.notify_on_pathway(by=coordinator, pathway=pathway, need="coordinator",
                                   description="x", patient_agrees=True)
    assert "need" in refused.value.error_dict


def test_the_specialist_service_sends_only_with_the_patients_agreement(pathway, coordinator):
    with pytest.raises(ValidationError) as refused:
        services.notify_on_pathway(by=coordinator, pathway=pathway, need="coordinator",
                                   description="Trenger koordinator")
    assert "patient_agrees" in refused.value.error_dict
    assert not NeedNotice.objects.exists()


def test_lead_appoints_from_the_notice_page(org, lead, kommune, pathway, coordinator):
    notice = services.notify_on_pathway(by=coordinator, pathway=pathway, need="coordinator",
                                        description="Trenger koordinator",
                                        patient_agrees=True)
    client = Client()
    client.force_login(lead)
    url = f"/kommune/koordinerende-enhet/meldinger/{notice.pk}/"
    assert "Trenger koordinator" in client.get(url).content.decode()
    refused = client.post(url, {"skjema": "oppnevn", "oppnevn-coordinator": kommune.pk,
                                "oppnevn-service": "Psykisk helse"})
    assert refused.status_code == 400
    assert "Skriv telefon eller e-post" in refused.content.decode()
    done = client.post(url, {"skjema": "oppnevn", "oppnevn-coordinator": kommune.pk,
                             "oppnevn-service": "Psykisk helse", "oppnevn-phone": "400"})
    assert done.status_code == 302
    notice.refresh_from_db()
    assert notice.state == NoticeState.HANDLED and notice.handled_by == lead
    assert notice.appointments.get().coordinator == kommune


def test_notice_of_another_municipality_is_not_found(org, pathway, coordinator, elsewhere):
    lead_elsewhere = factories.user("annen-leder", role=Role.COORDINATING_UNIT_LEAD,
                                    municipality=elsewhere)
    notice = services.notify_on_pathway(by=coordinator, pathway=pathway, need="coordinator",
                                        description="x", patient_agrees=True)
    client = Client()
    client.force_login(lead_elsewhere)
    assert client.get(f"/kommune/koordinerende-enhet/meldinger/{notice.pk}/").status_code == 404
    with pytest.raises(NotPermitted):
        services.handle_notice(by=lead_elsewhere, notice=notice, note="Sett")
