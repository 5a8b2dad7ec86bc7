"""Two ``forlop remind`` runs at once send each alert once (PostgreSQL: two
connections racing on the same notices)."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection, connections

from forlop.reminders.models import Notice
from forlop.reminders.services import remind
from tests.conftest import TODAY

RUNS = 3


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_runs_at_once_mail_each_notice_once(transactional_db, coordinator, leader, due_on):
    for days in (-9, -1, 1, 2):
        due_on(TODAY + dt.timedelta(days=days))
    barrier, errors = threading.Barrier(RUNS), []

    def run():
        try:
            barrier.wait()
            remind(today=TODAY, ahead=3, escalate_after=7)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert connection.vendor == "postgresql"
    assert (errors, sorted(m.to[0] for m in mail.outbox), Notice.objects.count()) == (
        [], [coordinator.email, leader.email], 5)
