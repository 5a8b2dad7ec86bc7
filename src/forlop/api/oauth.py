"""OAuth 2 bearer tokens from the configured provider (HelseID, client credentials).

A token is accepted only when all of these hold: it is a JWS signed with an
asymmetric algorithm by a key of the provider's JWKS, its ``iss`` is the configured
issuer, its ``aud`` names our audience, ``exp`` is in the future (``nbf``, when
present, in the past; 30 seconds of leeway for clock skew), its ``scope`` includes
the configured scope, and its client (``client_id``, else ``azp``/``sub``) is
registered as an ``ApiClient`` that is not disabled and whose system user is active.
The request then acts as that user (docs/api.md, "Systems: HelseID").

Settings (``FORLOP_API_OAUTH``, from ``FORLOP_API_OAUTH_*`` in the environment):
``issuer``, ``audience``, ``scope``, and ``jwks_url`` (fetched over HTTPS and kept
for an hour; fetched again, at most every five minutes, when a token names a key id
it does not know) or ``jwks`` (the key set itself, for tests and closed networks).
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
import time

from django.conf import settings
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from forlop.api.models import ApiClient

ALGORITHMS = ["RS256", "PS256", "ES256"]  # never "none" or a shared-secret HMAC
LEEWAY = 30
JWKS_TTL, JWKS_RETRY = 3600, 300


class Refused(Exception):
    """The bearer JWT is not acceptable; ``str()`` says why (for the server log)."""


def config() -> dict | None:
    return getattr(settings, "FORLOP_API_OAUTH", None)


def looks_like_jwt(token: str) -> bool:
    return token.count(".") == 2


class _Keys:
    """The provider's key set, fetched lazily and kept per process."""

    def __init__(self):
        self._lock = threading.Lock()
        self._keys: KeySet | None = None
        self._source = None
        self._fetched = 0.0

    def get(self, conf: dict, kid: str | None) -> KeySet:
        if "jwks" in conf:
            return KeySet.import_key_set(conf["jwks"])
        with self._lock:
            now = time.monotonic()
            stale = (self._keys is None or self._source != conf["jwks_url"]
                     or now - self._fetched > JWKS_TTL)
            unknown = kid is not None and self._keys is not None and not any(
                k.kid == kid for k in self._keys.keys)
            if stale or (unknown and now - self._fetched > JWKS_RETRY):
                self._keys, self._source = _fetch(conf["jwks_url"]), conf["jwks_url"]
                self._fetched = now
            return self._keys

    def clear(self) -> None:
        with self._lock:
            self._keys, self._source, self._fetched = None, None, 0.0


def _fetch(url: str) -> KeySet:
    import requests

    try:
        answer = requests.get(url, timeout=5)
        answer.raise_for_status()
        return KeySet.import_key_set(answer.json())
    except (requests.RequestException, ValueError, JoseError) as exc:
        raise Refused(f"could not read the provider's keys: {exc.__class__.__name__}") from exc


KEYS = _Keys()


def claims_of(token: str, conf: dict | None = None, *, now: int | None = None) -> dict:
    """The verified claims of ``token``; raises ``Refused``."""
    conf = conf or config()
    if not conf:
        raise Refused("no OAuth provider is configured")
    try:
        kid = _kid(token)  # unverified, only to know whether the key set is current
        decoded = jwt.decode(token, KEYS.get(conf, kid), algorithms=ALGORITHMS)
        jwt.JWTClaimsRegistry(
            now=now, leeway=LEEWAY,
            iss={"essential": True, "value": conf["issuer"]},
            aud={"essential": True, "value": conf["audience"]},
            exp={"essential": True},
        ).validate(decoded.claims)
    except JoseError as exc:
        raise Refused(f"{exc.__class__.__name__}: {exc}") from exc
    except (ValueError, TypeError, KeyError, binascii.Error) as exc:
        raise Refused(f"malformed token: {exc.__class__.__name__}") from exc
    claims = decoded.claims
    if conf["scope"] not in _scopes(claims.get("scope")):
        raise Refused(f"scope {conf['scope']!r} not granted")
    return claims


def _kid(token: str):
    head = token.split(".", 1)[0]
    header = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    if not isinstance(header, dict):
        raise ValueError("the header is not an object")
    return header.get("kid")


def _scopes(value) -> set[str]:
    if isinstance(value, str):
        return set(value.split())
    if isinstance(value, list):
        return {v for v in value if isinstance(v, str)}
    return set()


def client_of(claims: dict) -> str:
    return str(claims.get("client_id") or claims.get("azp") or claims.get("sub") or "")


def user_of(token: str, conf: dict | None = None):
    """The system user of a valid token's registered client; raises ``Refused``."""
    client_id = client_of(claims_of(token, conf))
    client = (ApiClient.objects.select_related("user")
              .filter(client_id=client_id, disabled_at__isnull=True).first()
              if client_id else None)
    if client is None or not client.user.is_active:
        raise Refused(f"client {client_id!r} is not registered or is disabled")
    return client.user
