"""Local API tokens: ``flp_<prefix>_<secret>``.

The prefix (12 hex digits, unique index) finds the row in one indexed lookup; the
secret (32 random bytes) is compared by its SHA-256 in constant time. A plain hash is
enough: the secret is random and long, not a password, so no slow hash is needed, and
the check stays cheap on every request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.db import connection
from django.utils import timezone

from forlop.access import compiled
from forlop.api.models import ApiToken

SCHEME = "flp"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user, *, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for ``user``, valid ``days`` (None: until revoked). Returns the row
    and the token text, which is not stored and cannot be shown again."""
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    expires = timezone.now() + dt.timedelta(days=days) if days else None
    row = ApiToken.objects.create(prefix=prefix, secret_hash=_hash(secret), user=user,
                                  expires_at=expires)
    return row, f"{SCHEME}_{prefix}_{secret}"


def looks_local(token: str) -> bool:
    return token.startswith(SCHEME + "_")


def user_of(token: str):
    """The active user a valid, unexpired, unrevoked token belongs to, else None."""
    scheme, _, rest = token.partition("_")
    prefix, _, secret = rest.partition("_")
    if scheme != SCHEME or not prefix or not secret:
        return None
    found = _by_prefix(connection.alias).objects(prefix=prefix)
    row = found[0] if found else None
    if row is None or not hmac.compare_digest(row.secret_hash, _hash(secret)):
        return None
    if row.status() != "active" or not row.user.is_active:
        return None
    return row.user


@compiled.per_process
def _by_prefix(alias: str) -> compiled.CompiledSql:
    """The token and its user: one statement compiled once per process (every API
    request asks it)."""
    return compiled.CompiledSql.compile(
        lambda prefix: ApiToken.objects.select_related("user").filter(prefix=prefix)[:1],
        {"prefix": (compiled.TEXT, compiled.TEXT_STAND_IN)}, alias)


def revoke(token_id: int) -> ApiToken | None:
    row = ApiToken.objects.filter(pk=token_id).first()
    if row is not None and row.revoked_at is None:
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])
    return row
