"""Sessions end when idle, at their absolute lifetime, and on sign-out (everywhere)."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.accounts.conftest import submit_password

START = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
WORKLIST = reverse("worklist")


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def signed_in(client, clinician, clock):
    submit_password(client, "behandler")
    return client


def test_session_survives_29_minutes_idle(signed_in, clock):
    clock.shift(dt.timedelta(minutes=29))
    assert signed_in.get(WORKLIST).status_code == 200


def test_session_ends_after_30_minutes_idle(signed_in, clock):
    clock.shift(dt.timedelta(minutes=30, seconds=1))
    assert signed_in.get(WORKLIST).url == f"{reverse('login')}?next={WORKLIST}"


def test_idle_expiry_says_why_on_the_sign_in_page(signed_in, clock):
    clock.shift(dt.timedelta(minutes=31))
    page = signed_in.get(WORKLIST, follow=True).content.decode()
    assert "ikke har vært aktiv" in page


def test_idle_timeout_is_a_setting(signed_in, clock, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    clock.shift(dt.timedelta(minutes=6))
    assert signed_in.get(WORKLIST).status_code == 302


def test_activity_keeps_the_session_alive(signed_in, clock):
    for _ in range(4):
        clock.shift(dt.timedelta(minutes=20))
        signed_in.get(WORKLIST)
    assert signed_in.get(WORKLIST).status_code == 200


def test_session_ends_after_8_hours_however_active(signed_in, clock):
    for _ in range(16):
        clock.shift(dt.timedelta(minutes=29))
        signed_in.get(WORKLIST)
    clock.shift(dt.timedelta(minutes=29))
    assert signed_in.get(WORKLIST).status_code == 302


def test_ended_session_is_flushed(signed_in, clock):
    clock.shift(dt.timedelta(minutes=31))
    signed_in.get(WORKLIST)
    assert "_auth_user_id" not in signed_in.session


def test_sign_out_is_a_post(signed_in):
    assert signed_in.get(reverse("logout")).status_code == 405


def test_sign_out_flushes_the_session(signed_in):
    old_key = signed_in.session.session_key
    signed_in.post(reverse("logout"))
    assert (signed_in.session.session_key != old_key,
            signed_in.get(WORKLIST).status_code) == (True, 302)


def test_sign_out_everywhere_ends_sessions_on_other_devices(signed_in, clinician, clock):
    phone = Client()
    submit_password(phone, "behandler")
    signed_in.post(reverse("logout-everywhere"))
    assert phone.get(WORKLIST).status_code == 302


def test_sign_out_everywhere_ends_this_session_too(signed_in):
    signed_in.post(reverse("logout-everywhere"))
    assert signed_in.get(WORKLIST).status_code == 302


def test_sign_in_after_sign_out_everywhere_works(signed_in, clock):
    signed_in.post(reverse("logout-everywhere"))
    clock.shift(dt.timedelta(seconds=1))
    submit_password(signed_in, "behandler")
    assert signed_in.get(WORKLIST).status_code == 200


def test_sign_out_everywhere_leaves_other_users_signed_in(signed_in, coordinator):
    colleague = Client()
    submit_password(colleague, "koordinator")
    signed_in.post(reverse("logout-everywhere"))
    assert colleague.get(WORKLIST).status_code == 200


def test_sign_out_everywhere_is_a_post(signed_in):
    assert signed_in.get(reverse("logout-everywhere")).status_code == 405


def test_deactivated_user_is_signed_out(signed_in, clinician):
    clinician.is_active = False
    clinician.save()
    assert signed_in.get(WORKLIST).status_code == 302


def test_account_page_shows_how_the_user_signed_in(signed_in):
    assert "passord" in signed_in.get(reverse("account")).content.decode()
