"""``forlop remind``: digests per coordinator, escalation, no repeats, need-to-know."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError

from forlop.access.models import Restriction
from forlop.reminders import services
from forlop.reminders.models import Notice, NoticeKind
from tests import factories
from tests.conftest import TODAY

DAY = dt.timedelta(days=1)
THURSDAY = TODAY + 3 * DAY  # the third working day after Monday TODAY


def run(today=TODAY):
    call_command("remind", "--today", today.isoformat(), stdout=open("/dev/null", "w"))  # noqa: SIM115


def mails_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_one_digest_per_coordinator(org, coordinator, due_on):
    other = factories.user("koordinator2", role="coordinator", unit=org.unit_a)
    other.email = "k2@forlop.example"
    other.save()
    due_on(TODAY + DAY)
    due_on(THURSDAY)
    due_on(TODAY - 2 * DAY)
    due_on(TODAY, coordinator=other)
    run()
    assert sorted(m.to[0] for m in mail.outbox) == ["k2@forlop.example",
                                                    "koordinator@forlop.example"]


def test_the_digest_counts_due_soon_and_overdue(coordinator, due_on):
    due_on(TODAY + DAY)
    due_on(THURSDAY)
    due_on(TODAY - 2 * DAY)
    run()
    body = mails_to(coordinator.email)[0].body
    assert ("Frist innen 3 arbeidsdager: 2" in body, "Fristbrudd: 1" in body) == (True, True)


def test_a_clock_due_after_the_third_working_day_gives_no_notice(coordinator, due_on):
    due_on(THURSDAY + DAY)
    run()
    assert (Notice.objects.count(), mail.outbox) == (0, [])


def test_the_digest_names_no_patient(coordinator, due_on):
    pathway = due_on(TODAY + DAY, name="Ada Hemmelig")
    run()
    message = mails_to(coordinator.email)[0]
    text = message.subject + message.body
    assert [s for s in ("Ada", "Hemmelig", pathway.patient.identifier, "rusbehandling",
                        str(pathway.pk) + "/") if s in text] == []


def test_the_digest_links_to_the_notices_page(coordinator, due_on, settings):
    settings.SITE_URL = "https://forlop.example"
    due_on(TODAY + DAY)
    run()
    assert "https://forlop.example/varsler/" in mails_to(coordinator.email)[0].body


def test_a_second_run_on_the_same_day_sends_nothing(coordinator, due_on):
    due_on(TODAY + DAY)
    due_on(TODAY - 9 * DAY)
    run()
    count = Notice.objects.count()
    run()
    assert (len(mail.outbox), Notice.objects.count()) == (1, count)


def test_an_overdue_clock_is_not_reported_again_the_next_day(coordinator, due_on):
    due_on(TODAY - 2 * DAY)
    run()
    run(TODAY + DAY)
    assert len(mails_to(coordinator.email)) == 1


def test_a_clock_due_soon_is_reported_again_when_it_becomes_overdue(coordinator, due_on):
    due_on(TODAY + DAY)
    run()
    run(TODAY + 2 * DAY)
    assert [n.kind for n in Notice.objects.order_by("id")] == [NoticeKind.DUE_SOON,
                                                               NoticeKind.OVERDUE]


@pytest.mark.parametrize(("days_overdue", "escalated"), [(6, 0), (7, 1), (8, 1)])
def test_escalation_to_the_leader_on_day_seven(leader, due_on, days_overdue, escalated):
    due_on(TODAY - days_overdue * DAY)
    run()
    assert len(mails_to(leader.email)) == escalated


def test_escalation_is_sent_once(leader, due_on):
    due_on(TODAY - 7 * DAY)
    run()
    run(TODAY + DAY)
    assert Notice.objects.filter(recipient=leader, kind=NoticeKind.ESCALATION).count() == 1


def test_a_leader_of_another_unit_is_not_told(org, due_on):
    other = factories.user("leder-b", role="leader", unit=org.unit_b)
    due_on(TODAY - 10 * DAY)
    run()
    assert Notice.objects.filter(recipient=other).count() == 0


def test_the_escalation_mail_says_what_it_is(leader, due_on):
    due_on(TODAY - 8 * DAY)
    run()
    assert "Fristbrudd i 7 dager eller mer i enhet du leder: 1" in mails_to(leader.email)[0].body


def test_a_coordinator_barred_by_the_patient_gets_no_notice(coordinator, due_on):
    pathway = due_on(TODAY + DAY)
    Restriction.objects.create(patient=pathway.patient, barred_user=coordinator,
                               created_by=coordinator)
    run()
    assert (Notice.objects.count(), mail.outbox) == (0, [])


def test_a_barred_leader_gets_no_escalation(leader, due_on):
    pathway = due_on(TODAY - 8 * DAY)
    Restriction.objects.create(patient=pathway.patient, barred_user=leader, created_by=leader)
    run()
    assert Notice.objects.filter(recipient=leader).count() == 0


def test_an_inactive_coordinator_gets_no_notice(coordinator, due_on):
    due_on(TODAY + DAY)
    coordinator.is_active = False
    coordinator.save()
    run()
    assert Notice.objects.count() == 0


def test_a_pathway_without_coordinator_gives_no_coordinator_notice(org, coordinator):
    factories.pathway(patient=factories.patient(), unit=org.unit_a, by=coordinator,
                      today=TODAY, started_on=TODAY - 2 * DAY)  # assessment due soon
    run()
    assert Notice.objects.count() == 0


def test_a_user_without_mail_address_has_the_notice_in_the_app_only(coordinator, due_on):
    coordinator.email = ""
    coordinator.save()
    due_on(TODAY + DAY)
    run()
    assert (Notice.objects.filter(recipient=coordinator).count(), mail.outbox) == (1, [])


def test_the_database_refuses_the_same_notice_twice(coordinator, due_on):
    pathway = due_on(TODAY + DAY)
    fields = {"recipient": coordinator, "pathway": pathway, "clock": "c", "due": TODAY,
              "kind": NoticeKind.DUE_SOON, "created_on": TODAY}
    Notice.objects.create(**fields)
    with pytest.raises(IntegrityError):
        Notice.objects.create(**fields)


def test_notices_claimed_by_one_run_are_not_claimed_by_another(coordinator, due_on):
    due_on(TODAY + DAY)
    services.record_notices(today=TODAY, ahead=3, escalate_after=7)
    first = services.claim(coordinator.pk)[1]
    second = services.claim(coordinator.pk)[1]
    assert (sum(first.values()), sum(second.values())) == (1, 0)


def test_a_failed_mail_is_tried_again_next_run(coordinator, due_on, monkeypatch):
    due_on(TODAY + DAY)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(services, "send_mail", refuse)
    run()
    monkeypatch.undo()
    run()
    assert len(mails_to(coordinator.email)) == 1


def test_the_command_reports_what_it_did(coordinator, due_on, capsys):
    due_on(TODAY + DAY)
    call_command("remind", "--today", TODAY.isoformat())
    assert "2024-06-03: 1 new notices, 1 mails sent" in capsys.readouterr().out
