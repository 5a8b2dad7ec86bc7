"""Lockout after repeated failed sign-ins (django-axes), and the page that says so.

Axes counts failed passwords itself. A wrong TOTP code counts the same way: the
code step reports it as a failed login for the username, so guessing codes locks
the account as fast as guessing passwords.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone

SENDER = "forlop.accounts"


def is_locked(request, username: str) -> bool:
    return AxesProxyHandler.is_locked(request, {"username": username})


def count_failed_code(request, username: str) -> bool:
    """Record a wrong code as a failed sign-in; True when that locks the user out."""
    user_login_failed.send(sender=SENDER, credentials={"username": username}, request=request)
    return bool(getattr(request, "axes_locked_out", False))


def locked_until(request, username: str | None):
    """When the lock on this username from this address lifts (aware datetime)."""
    last = AccessAttempt.objects.filter(
        username=username, ip_address=getattr(request, "axes_ip_address", None)
    ).aggregate(last=Max("attempt_time"))["last"]
    return (last or timezone.now()) + get_cool_off(request)


def lockout_response(request, original_response=None, credentials=None):
    """The Norwegian lockout page (AXES_LOCKOUT_CALLABLE), HTTP 429."""
    username = (credentials or {}).get("username")
    until = timezone.localtime(locked_until(request, username))
    return render(request, "accounts/lockout.html", {"until": until}, status=429)
