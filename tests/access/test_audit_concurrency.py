"""Concurrent writers never fork the hash chain (PostgreSQL: several connections)."""

import threading

import pytest
from django.db import connection, connections

from forlop.access.audit import Touch, append, verify
from forlop.access.models import AccessLogEntry, Action, Basis
from tests import factories

WRITERS, ROWS_EACH = 4, 15


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_concurrent_writers_keep_one_chain(transactional_db):
    patients = [factories.patient().pk for _ in range(3)]
    barrier, errors = threading.Barrier(WRITERS), []

    def write():
        try:
            barrier.wait()
            for _ in range(ROWS_EACH):
                append(user=None, request_id="concurrency", action=Action.READ,
                       what="worklist", touches=[Touch(p, Basis.UNIT) for p in patients])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AccessLogEntry.objects.count() == WRITERS * ROWS_EACH * len(patients)
    result = verify()
    assert result.ok, result
    assert connection.vendor == "postgresql"
