"""Shared fixtures: a small organisation and named personas.

Personas: ``coordinator`` and ``clinician`` (unit A), ``outsider`` (unit B, other
trust), ``municipal`` (a municipality, no consent yet), ``expired`` (unit A role
that ended yesterday).
"""

import datetime as dt
import itertools

import pytest
from django.utils import translation

from forlop.access import audit
from tests import factories

TODAY = dt.date(2024, 6, 3)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Strong hashing is deliberately slow; tests that check it opt back in.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


_folder_numbers = itertools.count()


@pytest.fixture(autouse=True)
def _own_folders(settings, tmp_path_factory):
    """Access-log checkpoints and the messages' outbox of one test never meet another's
    (or the developer's): folders of its own, made only when something is written (few
    tests do; a ``tmp_path`` per test cost the suite a directory and its bookkeeping
    each)."""
    own = tmp_path_factory.getbasetemp() / "per-test" / str(next(_folder_numbers))
    settings.ACCESS_LOG_CHECKPOINT_DIR = str(own / "audit-checkpoints")
    settings.FORLOP_OUTBOX_DIR = str(own / "outbox")


@pytest.fixture(autouse=True)
def _bokmal():
    # A request can leave another language active in the thread; start each test in nb.
    with translation.override("nb"):
        yield


@pytest.fixture(autouse=True)
def _log_head_forgotten():
    """Each test starts with an empty log (rolled back or flushed) and no guess of its
    head from the test before (ADR 80), so a test's statement counts do not depend on
    which tests ran before it."""
    audit.forget_head()


@pytest.fixture(autouse=True)
def _validate_served_fhir(settings):
    """Every FHIR resource a test is served has parsed with the FHIR library (off on
    the production hot path, ADR 64)."""
    settings.FORLOP_FHIR_VALIDATE_SERVED = True


@pytest.fixture
def today():
    return TODAY


@pytest.fixture
def org(db):
    return factories.organisation()


@pytest.fixture
def coordinator(org):
    return factories.user("koordinator", role="coordinator", unit=org.unit_a)


@pytest.fixture
def clinician(org):
    return factories.user("behandler", role="clinician", unit=org.unit_a)


@pytest.fixture
def outsider(org):
    return factories.user("utenforstaende", role="coordinator", unit=org.unit_b)


@pytest.fixture
def municipal(org):
    return factories.user("kommune", role="municipal_coordinator",
                          municipality=org.municipality)


@pytest.fixture
def expired(org):
    return factories.user("sluttet", role="clinician", unit=org.unit_a,
                          valid_from=TODAY - dt.timedelta(days=400),
                          valid_to=dt.date.today() - dt.timedelta(days=1))


@pytest.fixture
def patient(org):
    return factories.patient()


@pytest.fixture
def pathway(org, patient, coordinator):
    return factories.pathway(patient=patient, unit=org.unit_a, by=coordinator, today=TODAY)


@pytest.fixture
def transactional_db(transactional_db):
    """pytest-django's, plus: the append-only tables (access log, events) are emptied
    with their triggers briefly off before the test's flush, which the triggers would
    otherwise refuse. Used by ``live_server`` too."""
    yield transactional_db
    from django.db import connection

    _empty_append_only_tables(connection)


def _empty_append_only_tables(connection) -> None:
    """Empty the append-only tables with their triggers off for the moment of the
    delete and back on afterwards (production never does this)."""
    from forlop.appendonly import TABLES, unguarded

    with connection.cursor() as cursor:
        for table in TABLES:
            delete = f"DELETE FROM {table}"  # noqa: S608 - the module's own table names
            for statement in unguarded(table, connection.vendor, [delete]):
                cursor.execute(statement)
