"""Session rules applied on every request.

* ``SessionPolicyMiddleware`` ends a session after the idle timeout, at the
  absolute lifetime, and after "Logg ut overalt" (the user's session epoch).
* ``SecondFactorMiddleware`` sends a local user who signed in with a password
  alone to TOTP enrolment when a second factor is required (FORLOP_REQUIRE_TOTP).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from forlop.accounts import sessions

END_MESSAGES = {
    "idle": lambda: _("Du ble logget ut fordi du ikke har vært aktiv på en stund."),
    "absolute": lambda: _("Økten din var utløpt. Logg inn igjen."),
    "revoked": lambda: _("Du er logget ut på alle enheter. Logg inn igjen."),
    "unknown": lambda: _("Økten din var utløpt. Logg inn igjen."),
}

# Views a password-only user may reach while a second factor is required of them.
ENROLMENT_OPEN = frozenset({"totp-enrol", "logout", "set_language"})


class SessionPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            reason = sessions.end_reason(request.session, request.user, now)
            if reason is not None:
                logout(request)
                messages.info(request, END_MESSAGES[reason]())
                return redirect_to_login(request.get_full_path())
            sessions.touch(request.session, now)
        return self.get_response(request)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.FORLOP_REQUIRE_TOTP or not request.user.is_authenticated:
            return None
        if getattr(request, "auth_method", "") == "bearer":
            return None  # an API token: the second factor was part of getting it
        if sessions.is_strong(request.session):
            return None
        if request.resolver_match.url_name in ENROLMENT_OPEN:
            return None
        return redirect("totp-enrol")
