"""Five failed attempts lock a username from one address for 15 minutes."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.accounts.conftest import code_for, submit_password

START = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def fail_passwords(client, username="behandler", times=5):
    return [submit_password(client, username, "feil-passord-123") for _ in range(times)][-1]


def test_fifth_failure_shows_the_lockout_page(client, clinician, clock):
    response = fail_passwords(client)
    assert (response.status_code, "midlertidig sperret" in response.content.decode()) == (
        429, True)


def test_lockout_page_says_when_to_try_again_in_local_time(client, clinician, clock):
    response = fail_passwords(client)
    assert "prøve igjen etter klokken 09:15" in response.content.decode()


def test_four_failures_do_not_lock(client, clinician, clock):
    fail_passwords(client, times=4)
    assert submit_password(client, "behandler").status_code == 302


def test_right_password_is_refused_while_locked(client, clinician, clock):
    fail_passwords(client)
    response = submit_password(client, "behandler")
    assert (response.status_code, "_auth_user_id" in client.session) == (429, False)


def test_trying_again_while_locked_does_not_extend_the_lock(client, clinician, clock):
    fail_passwords(client)
    clock.shift(dt.timedelta(minutes=10))
    response = submit_password(client, "behandler")
    assert "klokken 09:15" in response.content.decode()


def test_lock_lifts_after_15_minutes(client, clinician, clock):
    fail_passwords(client)
    clock.shift(dt.timedelta(minutes=15, seconds=1))
    assert submit_password(client, "behandler").status_code == 302


def test_lock_is_per_username(client, clinician, coordinator, clock):
    fail_passwords(client, username="behandler")
    assert submit_password(client, "koordinator").status_code == 302


def test_wrong_codes_count_towards_the_lockout(client, clinician, device, clock):
    submit_password(client, "behandler")
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    responses = [client.post(reverse("login-code"), {"code": wrong}) for _ in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]


def test_right_code_is_refused_while_locked(client, clinician, device, clock):
    submit_password(client, "behandler")
    fail_passwords(client.__class__())  # meanwhile, someone else guesses from here
    response = client.post(reverse("login-code"), {"code": code_for(device)})
    assert (response.status_code, "_auth_user_id" in client.session) == (429, False)


def test_lockout_page_names_no_user(client, clinician, clock):
    assert "behandler" not in fail_passwords(client).content.decode()
