"""Django's request logging never writes a fødselsnummer."""

import io
import logging
import random

import pytest

from forlop.kernel.identifiers import generate_synthetic_fnr
from forlop.websecurity.logging import redact

FNR = generate_synthetic_fnr(random.Random(11))


@pytest.fixture
def request_log():
    handler = logging.getLogger("django.request").handlers[0]
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


def test_a_not_found_path_with_a_fodselsnummer_is_logged_without_it(client, db, request_log):
    client.get(f"/pasient/{FNR}/")
    assert (FNR in request_log.getvalue(), "Not Found" in request_log.getvalue()) == (False, True)


def test_the_log_says_what_was_removed(client, db, request_log):
    client.get(f"/pasient/{FNR}/")
    assert "[personnummer fjernet]" in request_log.getvalue()


def test_a_number_written_with_a_space_is_removed_too():
    assert redact(f"{FNR[:6]} {FNR[6:]}") == "[personnummer fjernet]"


def test_longer_numbers_are_left_alone():
    assert redact("1700000000123") == "1700000000123"
