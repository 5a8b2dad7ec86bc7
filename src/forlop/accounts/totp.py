"""TOTP devices (django-otp): one confirmed device per local user at most.

Enrolment creates an unconfirmed device whose secret the user adds to an
authenticator app; entering a right code confirms it and replaces any older one.
"""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

PENDING = "forlop-pending"
CONFIRMED = "Forløp"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user) -> TOTPDevice:
    """The device being enrolled; a new secret each time enrolment starts over."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=False,
                                                 defaults={"name": PENDING})
    return device


def confirm(device: TOTPDevice, code: str) -> bool:
    """Confirm ``device`` with a code from the app; the user's older devices go."""
    if not device.verify_token(code):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed, device.name = True, CONFIRMED
        device.save(update_fields=["confirmed", "name"])
    return True


def secret_text(device: TOTPDevice) -> str:
    """The secret as the apps want it typed: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice, label: str) -> str:
    """The otpauth:// URI as an inline SVG image, drawn on the server (no script)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage,
                        box_size=8)
    svg = image.to_string(encoding="unicode")
    head = format_html('<svg role="img" aria-label="{}" class="app-qr" ', label)
    return mark_safe(svg.replace("<svg ", head, 1))  # noqa: S308 - generated SVG, label escaped
