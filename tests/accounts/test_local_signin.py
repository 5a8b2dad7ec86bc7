"""Local sign-in: password, then a TOTP code when the user has a device."""

import time_machine
from django.urls import reverse

from forlop.accounts import sessions
from tests.accounts.conftest import code_for, submit_password


def test_password_alone_signs_in_a_user_without_a_device(client, clinician):
    response = submit_password(client, "behandler")
    assert (response.status_code, response.url) == (302, reverse("worklist"))


def test_password_alone_records_a_weak_password_sign_in(client, clinician):
    submit_password(client, "behandler")
    assert client.session[sessions.METHOD] == "password"


def test_wrong_password_is_refused(client, clinician):
    response = submit_password(client, "behandler", "feil-passord-123")
    assert "Feil brukernavn eller passord" in response.content.decode()


def test_user_with_a_device_is_asked_for_a_code(client, clinician, device):
    response = submit_password(client, "behandler")
    assert response.url == reverse("login-code")


def test_user_with_a_device_is_not_signed_in_before_the_code(client, clinician, device):
    submit_password(client, "behandler")
    assert client.get(reverse("worklist")).url.startswith(reverse("login"))


def test_right_code_signs_in_as_two_factor(client, clinician, device):
    submit_password(client, "behandler", next="/konto/")
    response = client.post(reverse("login-code"), {"code": code_for(device)})
    assert (response.url, client.session[sessions.METHOD]) == ("/konto/", "password+totp")


def test_code_may_be_typed_with_a_space(client, clinician, device):
    submit_password(client, "behandler")
    code = code_for(device)
    response = client.post(reverse("login-code"), {"code": f"{code[:3]} {code[3:]}"})
    assert response.url == reverse("worklist")


def test_wrong_code_is_refused(client, clinician, device):
    submit_password(client, "behandler")
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("login-code"), {"code": wrong})
    assert "Feil kode" in response.content.decode()


def test_a_code_cannot_be_used_twice(client, clinician, device):
    code = code_for(device)
    submit_password(client, "behandler")
    client.post(reverse("login-code"), {"code": code})
    client.logout()
    submit_password(client, "behandler")
    response = client.post(reverse("login-code"), {"code": code})
    assert response.status_code == 200


def test_code_step_without_a_password_step_goes_back_to_sign_in(client, clinician):
    assert client.get(reverse("login-code")).url == reverse("login")


def test_password_step_expires_after_five_minutes(client, clinician, device):
    with time_machine.travel(0, tick=False) as traveller:
        traveller.move_to("2026-01-05 08:00")
        submit_password(client, "behandler")
        traveller.move_to("2026-01-05 08:06")
        response = client.post(reverse("login-code"), {"code": code_for(device)})
    assert response.url == reverse("login")


def test_next_is_kept_through_the_code_step_only_when_safe(client, clinician, device):
    submit_password(client, "behandler", next="https://example.org/")
    response = client.post(reverse("login-code"), {"code": code_for(device)})
    assert response.url == reverse("worklist")


def test_admin_login_is_our_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.url == f"{reverse('login')}?next=/admin/"


def test_user_deactivated_between_the_steps_is_sent_back(client, clinician, device):
    submit_password(client, "behandler")
    clinician.is_active = False
    clinician.save()
    response = client.post(reverse("login-code"), {"code": code_for(device)})
    assert response.url == reverse("login")
