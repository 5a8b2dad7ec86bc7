"""Sign-in helpers: real TOTP codes from the device's own algorithm (RFC 6238)."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "test-passord-123"  # tests.factories.user's password


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or ``steps_ahead`` periods later)."""
    t0 = device.t0 - steps_ahead * device.step
    return f"{totp(device.bin_key, device.step, t0, device.digits):06d}"


def submit_password(client, username, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password,
                                          **extra})


@pytest.fixture
def device(clinician):
    return TOTPDevice.objects.create(user=clinician, name="Forløp", confirmed=True)
