"""The API against its own OpenAPI document (schemathesis): for every operation, a
bounded number of generated requests (``MAX_EXAMPLES``, derandomized, so CI stays fast
and the run repeats) as a signed-in token user with a pathway of their own; no answer
may be a server error, and every answer must match the document (status code,
content type, body schema)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from forlop.api import tokens
from forlop.api.v1 import api
from forlop.wsgi import application
from tests import factories
from tests.conftest import TODAY

MAX_EXAMPLES = 20
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())


@pytest.fixture
def token(org, coordinator, patient):
    """The coordinator of unit A, with a pathway, a waiting referral to list and the
    patient's consent to share with the municipality."""
    factories.pathway(patient=patient, unit=org.unit_a, by=coordinator, today=TODAY)
    return tokens.create_token(coordinator)[1]


@pytest.fixture
def wsgi_in_test_transaction():
    """Requests go through the real WSGI handler. As Django's test client does, keep
    its request signals from closing the test's connection (and its transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_openapi_document(case, token, wsgi_in_test_transaction):
    case.call_and_validate(app=application, base_url="http://localhost",
                           headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
