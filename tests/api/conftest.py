"""API fixtures: a token user with a pathway, and a local OAuth provider's key (RSA,
generated here; nothing leaves the machine)."""

from __future__ import annotations

import time

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from forlop.api import tokens
from forlop.api.models import ApiClient

ISSUER = "https://helseid-sts.test.nhn.no"
AUDIENCE = "forlop-api"
SCOPE = "forlop:api"


@pytest.fixture(scope="session")
def signing_key():
    return RSAKey.generate_key(2048, parameters={"kid": "test-key-1"})


@pytest.fixture(scope="session")
def other_key():
    """Same key id, another key: what a forger would sign with."""
    return RSAKey.generate_key(2048, parameters={"kid": "test-key-1"})


@pytest.fixture
def oauth(settings, signing_key):
    settings.FORLOP_API_OAUTH = {"issuer": ISSUER, "audience": AUDIENCE, "scope": SCOPE,
                                 "jwks": {"keys": [signing_key.as_dict(private=False)]}}
    return settings.FORLOP_API_OAUTH


def make_jwt(key, **overrides) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": AUDIENCE, "exp": now + 300, "iat": now, "nbf": now,
              "client_id": "dips-arena-test", "scope": f"{SCOPE} other:scope"}
    claims.update(overrides)
    claims = {k: v for k, v in claims.items() if v is not None}
    alg = "RS256"
    return jwt.encode({"alg": alg, "kid": key.kid}, claims, key)


@pytest.fixture
def system_user(coordinator):
    """The coordinator of unit A stands in for a system user (DIPS Arena of trust A)."""
    ApiClient.objects.create(client_id="dips-arena-test", user=coordinator)
    return coordinator


@pytest.fixture
def token(coordinator):
    return tokens.create_token(coordinator)[1]


def bearer(value: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {value}"}
