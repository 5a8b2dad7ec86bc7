"""What a signed-in session records about its sign-in, and when it ends.

A session holds when it began (for the absolute lifetime), when it was last used
(for the idle timeout), from when it counts against "Logg ut overalt", and how the
user signed in. Nothing here names the person: the user id is Django's own key.
"""

from __future__ import annotations

import time
from enum import StrEnum

from django.conf import settings
from django.contrib.auth import login
from django.utils import timezone

SIGNED_IN_AT = "forlop.signed_in_at"
VALID_FROM = "forlop.valid_from"
LAST_SEEN = "forlop.last_seen"
METHOD = "forlop.method"
# How often (seconds) the last-seen stamp is rewritten: a session write per request
# would cost a database write on every page.
TOUCH_EVERY = 60


class Method(StrEnum):
    PASSWORD = "password"  # noqa: S105 - a method name, not a password
    PASSWORD_TOTP = "password+totp"  # noqa: S105 - likewise
    HELSEID = "helseid"
    IDPORTEN = "idporten"


# Sign-ins that count as two-factor: the code step, or an identity provider that
# did its own strong authentication (HelseID, ID-porten).
STRONG = frozenset({Method.PASSWORD_TOTP, Method.HELSEID, Method.IDPORTEN})


def sign_in(request, user, *, method: Method, backend: str | None = None) -> None:
    """Start a new session for ``user`` (a new key: no session fixation)."""
    login(request, user, backend=backend)
    request.session[METHOD] = str(method)


def stamp_new_session(session, now: float | None = None) -> None:
    """Called for every login (also the test client's): the clocks start now."""
    now = time.time() if now is None else now
    session[SIGNED_IN_AT] = session[VALID_FROM] = session[LAST_SEEN] = now


def method_of(session) -> str | None:
    return session.get(METHOD)


def is_strong(session) -> bool:
    return session.get(METHOD) in STRONG


def end_reason(session, user, now: float) -> str | None:
    """Why this session has ended, or None while it is still valid."""
    signed_in_at = session.get(SIGNED_IN_AT)
    if signed_in_at is None:
        return "unknown"
    if now - signed_in_at > settings.SESSION_COOKIE_AGE:
        return "absolute"
    if now - session.get(LAST_SEEN, signed_in_at) > settings.SESSION_IDLE_TIMEOUT:
        return "idle"
    valid_after = user.sessions_valid_after
    if valid_after is not None and session.get(VALID_FROM, signed_in_at) <= valid_after.timestamp():
        return "revoked"
    return None


def touch(session, now: float) -> None:
    if now - session.get(LAST_SEEN, 0) >= TOUCH_EVERY:
        session[LAST_SEEN] = now


def end_all_sessions(user) -> None:
    """"Logg ut overalt": every session of ``user``, on every device, ends now."""
    user.sessions_valid_after = timezone.now()
    user.save(update_fields=["sessions_valid_after"])


def keep_only_this_session(request) -> None:
    """End every other session of the user (after a change of sign-in factor)."""
    end_all_sessions(request.user)
    request.session[VALID_FROM] = max(time.time(),
                                      request.user.sessions_valid_after.timestamp()) + 1e-3
