"""Enrolling and replacing the TOTP device; the required second factor."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from forlop.accounts import sessions, totp
from tests.accounts.conftest import PASSWORD, code_for, submit_password

URL = reverse("totp-enrol")


def pending(user):
    return TOTPDevice.objects.get(user=user, confirmed=False)


def test_enrolment_page_shows_the_secret_as_text(client, clinician):
    client.force_login(clinician)
    page = client.get(URL).content.decode()
    assert totp.secret_text(pending(clinician)) in page


def test_enrolment_page_draws_the_qr_code_as_inline_svg_without_script(client, clinician):
    client.force_login(clinician)
    page = client.get(URL).content.decode()
    # The only script is the site's table helper (base.html), nothing for the QR code.
    assert ('<svg role="img" aria-label="QR-kode for engangskoder i Forløp"' in page
            and re.findall(r"<script\b[^>]*>", page) == [
                '<script src="/static/forlop/tables.js" defer>'])


def test_enrolment_page_is_never_cached(client, clinician):
    client.force_login(clinician)
    assert "no-store" in client.get(URL)["Cache-Control"]


def test_right_code_confirms_the_device(client, clinician):
    client.force_login(clinician)
    client.get(URL)
    client.post(URL, {"code": code_for(pending(clinician))})
    assert totp.confirmed_device(clinician) is not None


def test_confirming_makes_the_session_two_factor(client, clinician):
    client.force_login(clinician)
    client.get(URL)
    client.post(URL, {"code": code_for(pending(clinician))})
    assert client.session[sessions.METHOD] == "password+totp"


def test_wrong_code_does_not_confirm(client, clinician):
    client.force_login(clinician)
    client.get(URL)
    wrong = f"{(int(code_for(pending(clinician))) + 1) % 1_000_000:06d}"
    client.post(URL, {"code": wrong})
    assert totp.confirmed_device(clinician) is None


def test_replacing_asks_for_the_password(client, clinician, device):
    client.force_login(clinician)
    client.get(URL)
    response = client.post(URL, {"code": code_for(pending(clinician))})
    assert "Feil passord" in response.content.decode()


def test_replacing_with_the_password_keeps_only_the_new_device(client, clinician, device):
    client.force_login(clinician)
    client.get(URL)
    new = pending(clinician)
    client.post(URL, {"code": code_for(new), "password": PASSWORD})
    assert list(TOTPDevice.objects.filter(user=clinician)) == [new]


def test_a_new_device_ends_the_users_other_sessions(client, clinician, django_user_model):
    other = client.__class__()
    other.force_login(clinician)
    client.force_login(clinician)
    client.get(URL)
    client.post(URL, {"code": code_for(pending(clinician))})
    assert (other.get(reverse("worklist")).status_code,
            client.get(reverse("worklist")).status_code) == (302, 200)


def test_enrolment_needs_a_signed_in_user(client):
    assert client.get(URL).url.startswith(reverse("login"))


@pytest.fixture
def require_totp(settings):
    settings.FORLOP_REQUIRE_TOTP = True


def test_required_second_factor_sends_a_password_user_to_enrolment(client, clinician,
                                                                    require_totp):
    submit_password(client, "behandler")
    assert client.get(reverse("worklist")).url == URL


def test_required_second_factor_lets_the_user_sign_out(client, clinician, require_totp):
    submit_password(client, "behandler")
    assert client.post(reverse("logout")).url == reverse("login")


def test_required_second_factor_is_met_after_enrolment(client, clinician, require_totp):
    submit_password(client, "behandler")
    client.get(URL)
    client.post(URL, {"code": code_for(pending(clinician))})
    assert client.get(reverse("worklist")).status_code == 200


def test_required_second_factor_is_met_by_the_code_step(client, clinician, device,
                                                        require_totp):
    submit_password(client, "behandler")
    client.post(reverse("login-code"), {"code": code_for(device)})
    assert client.get(reverse("worklist")).status_code == 200


def test_second_factor_is_not_required_in_development_settings():
    import forlop.settings as real_settings

    assert real_settings.FORLOP_REQUIRE_TOTP is False
