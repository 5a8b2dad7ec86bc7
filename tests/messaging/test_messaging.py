"""Messages between levels: one recipient, recorded with a state, delivered through the
outbox only when the sender's transaction commits, read by whoever holds a role at the
recipient place, and opening one about a patient is logged."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction

from forlop.access.authorize import NotPermitted
from forlop.access.models import AccessLogEntry, Basis, Outcome, Restriction
from forlop.accounts.models import RoleAssignment
from forlop.accounts.roles import Role
from forlop.messaging import selectors, services
from forlop.messaging.models import Message, MessageKind, MessageState
from tests import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 synthetic test document"


@pytest.fixture
def world():
    org = factories.organisation()
    coordinator = factories.user("koord", role=Role.COORDINATOR, unit=org.unit_a)
    gp = factories.user("lege", role=Role.CLINICIAN, unit=None)
    RoleAssignment.objects.filter(user=gp).update(role=Role.GP, gp_office=org.gp_office)
    other = factories.user("annen", role=Role.CLINICIAN, unit=org.unit_b)
    patient = factories.patient()
    return org, coordinator, gp, other, patient


def _feedback(sender, org, patient, **kwargs):
    return services.send_message(
        sender, kind=MessageKind.FEEDBACK_ASSESSMENT, subject="Henvisningen er vurdert",
        body="Pasienten har rett til nødvendig helsehjelp.", patient=patient,
        to_gp_office=org.gp_office, sender_unit=org.unit_a, document=PDF,
        document_name="tilbakemelding.pdf", **kwargs)


def test_a_message_names_exactly_one_recipient(world):
    org, coordinator, gp, _, patient = world
    with pytest.raises(ValueError, match="exactly one recipient"):
        services.send_message(coordinator, kind=MessageKind.OTHER, subject="x", body="y")
    with pytest.raises(ValueError, match="exactly one recipient"):
        services.send_message(coordinator, kind=MessageKind.OTHER, subject="x", body="y",
                              to_user=gp, to_gp_office=org.gp_office)
    # The database holds the rule too, for any writer that bypasses the service.
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.create(kind=MessageKind.OTHER, subject="x", body="y",
                               sender=coordinator, to_user=gp, to_unit=org.unit_a)


def test_delivered_to_the_outbox_when_the_transaction_commits(
        world, settings, django_capture_on_commit_callbacks):
    org, coordinator, _, _, patient = world
    with django_capture_on_commit_callbacks(execute=True):
        message = _feedback(coordinator, org, patient)
        assert Message.objects.get(pk=message.pk).state == MessageState.SENT
    message.refresh_from_db()
    assert message.state == MessageState.DELIVERED and message.delivered_at
    outbox = Path(settings.FORLOP_OUTBOX_DIR)
    envelope = json.loads((outbox / f"{message.pk}-feedback_assessment.json").read_text())
    assert envelope["to"]["gp_office"]["org_number"] == org.gp_office.org_number
    assert envelope["patient"]["identifier"] == patient.identifier
    assert envelope["document"] == "tilbakemelding.pdf"
    assert (outbox / f"{message.pk}-feedback_assessment.pdf").read_bytes() == PDF
    assert message.transport_ref.endswith(".json")


def test_a_rolled_back_sender_sends_nothing(world, settings, django_capture_on_commit_callbacks):
    org, coordinator, _, _, patient = world
    with (django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError),
          transaction.atomic()):
        _feedback(coordinator, org, patient)
        raise RuntimeError("the registration failed")
    assert not Message.objects.exists()
    assert not Path(settings.FORLOP_OUTBOX_DIR).exists()


class _Broken:
    def deliver(self, message):
        raise OSError("the network is down")


def test_a_failed_delivery_stays_sent_and_resend_delivers_it(
        world, settings, django_capture_on_commit_callbacks):
    org, coordinator, _, _, patient = world
    settings.FORLOP_MESSAGE_TRANSPORT = "tests.messaging.test_messaging._Broken"
    with django_capture_on_commit_callbacks(execute=True):
        message = _feedback(coordinator, org, patient)
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.delivered_at is None
    settings.FORLOP_MESSAGE_TRANSPORT = "forlop.messaging.transport.OutboxTransport"
    assert services.deliver_pending() == (1, 0)
    message.refresh_from_db()
    assert message.state == MessageState.DELIVERED
    assert services.deliver_pending() == (0, 0)  # never twice


def test_the_inbox_is_the_recipient_places_only(world):
    org, coordinator, gp, other, patient = world
    message = _feedback(coordinator, org, patient)
    assert list(selectors.inbox(gp)) == [message]
    assert list(selectors.inbox(other)) == []
    assert list(selectors.inbox(coordinator)) == []  # the sender's is the sent box
    assert list(selectors.sent_by(coordinator)) == [message]
    # An ended role ends the inbox.
    RoleAssignment.objects.filter(user=gp).update(valid_to=dt.date(2021, 1, 1))
    assert list(selectors.inbox(gp)) == []


def test_a_restriction_hides_the_patients_messages(world):
    org, coordinator, _, _, patient = world
    unit_message = services.send_message(
        coordinator, kind=MessageKind.OTHER, subject="Til enheten", body="…",
        patient=patient, to_unit=org.unit_a)
    assert list(selectors.inbox(coordinator)) == [unit_message]
    Restriction.objects.create(patient=patient, barred_user=coordinator, created_by=coordinator)
    assert list(selectors.inbox(coordinator)) == []
    assert not selectors.is_recipient(coordinator, unit_message)


def test_read_by_a_recipient_once_and_never_by_anyone_else(world):
    org, coordinator, gp, other, patient = world
    message = _feedback(coordinator, org, patient)
    with pytest.raises(NotPermitted):
        services.mark_read(other, message)
    services.mark_read(gp, message)
    first = Message.objects.get(pk=message.pk)
    assert first.state == MessageState.READ and first.read_by == gp
    colleague = factories.user("lege2", role=Role.CLINICIAN)
    RoleAssignment.objects.filter(user=colleague).update(role=Role.GP, gp_office=org.gp_office,
                                                         unit=None)
    services.mark_read(colleague, message)
    assert Message.objects.get(pk=message.pk).read_by == gp  # the first reading counts


def test_opening_a_message_is_logged_and_marks_it_read(world, client):
    org, coordinator, gp, other, patient = world
    message = _feedback(coordinator, org, patient)
    client.force_login(gp)
    inbox = client.get("/meldinger/")
    assert inbox.status_code == 200 and "Henvisningen er vurdert" in inbox.text
    page = client.get(f"/meldinger/{message.pk}/")
    assert page.status_code == 200 and "rett til nødvendig helsehjelp" in page.text
    assert Message.objects.get(pk=message.pk).state == MessageState.READ
    row = AccessLogEntry.objects.filter(user=gp, what="message").get()
    assert (row.patient_id, row.basis, row.outcome) == (patient.pk, Basis.MESSAGE,
                                                        Outcome.ALLOWED)
    document = client.get(f"/meldinger/{message.pk}/dokument/")
    assert document.status_code == 200 and document.content == PDF
    assert "tilbakemelding.pdf" in document["Content-Disposition"]


def test_someone_else_gets_404_and_the_attempt_is_logged(world, client):
    org, coordinator, gp, other, patient = world
    message = _feedback(coordinator, org, patient)
    client.force_login(other)
    assert client.get(f"/meldinger/{message.pk}/").status_code == 404
    assert client.get(f"/meldinger/{message.pk}/dokument/").status_code == 404
    assert AccessLogEntry.objects.filter(user=other, outcome=Outcome.REFUSED,
                                         patient_id=patient.pk).count() == 2
    assert Message.objects.get(pk=message.pk).read_at is None
    # The sender may open what they sent, without marking it read.
    client.force_login(coordinator)
    assert client.get(f"/meldinger/{message.pk}/").status_code == 200
    assert client.get("/meldinger/?boks=sendt").text.count("Henvisningen er vurdert") == 1
    assert Message.objects.get(pk=message.pk).read_at is None
