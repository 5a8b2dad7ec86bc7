"""The API's figures: a token-authenticated client reading one pathway under load, and
the token check itself beside the naive way.

``api_read_req_per_s``: wrk GETs ``/api/v1/pathways/{id}`` (the JSON API's pathway
read: access decided, the access-log row written, state, clocks and events) with
``Authorization: Bearer flp_…``, against gunicorn as for ``web_req_per_s``.

``fhir_read_req_per_s``: the same client reading that pathway as FHIR EpisodeOfCare
(``/fhir/R4/EpisodeOfCare/{id}``: the read issue 16 names), the same way.

``api_token_auth_ms`` beside ``_naive``: finding the user of a presented token. Ours
is one lookup by the token's indexed prefix and a SHA-256 compared in constant time
(``forlop.api.tokens``). The naive way stores tokens like passwords (Django's
password hasher, Argon2id): a salted slow hash cannot be looked up, so every request
checks the secret against the stored hashes one by one (here ten tokens, the one
presented in the middle).
"""

from __future__ import annotations

import time

from django.contrib.auth.hashers import check_password, make_password

from forlop.api import tokens
from forlop.bench import web
from forlop.bench.timing import p95

NAIVE_TOKENS = 10


def read_path(pathway_id: int) -> str:
    return f"/api/v1/pathways/{pathway_id}"


def fhir_read_path(pathway_id: int) -> str:
    return f"/fhir/R4/EpisodeOfCare/{pathway_id}"


def token_auth_ms(user, samples: int) -> tuple[float, float]:
    """p95 milliseconds to authenticate one token: (ours, naive)."""
    row, token = tokens.create_token(user)
    try:
        ours = []
        for _ in range(samples):
            started = time.perf_counter()
            assert tokens.user_of(token) == user
            ours.append((time.perf_counter() - started) * 1000)
        secrets = [f"naive-secret-{i}" for i in range(NAIVE_TOKENS)]
        stored = [(make_password(secret), user) for secret in secrets]
        presented = secrets[NAIVE_TOKENS // 2]
        naive = []
        for _ in range(max(3, samples // 20)):
            started = time.perf_counter()
            found = next(u for hashed, u in stored if check_password(presented, hashed))
            assert found == user
            naive.append((time.perf_counter() - started) * 1000)
    finally:
        tokens.revoke(row.pk)
    return p95(ours), p95(naive)


def read_load(user, pathway_id: int, *, clients: int, seconds: float,
              path=read_path) -> web.Load:
    """The reads under gunicorn (``web.load``: per second, statuses, CPU per read)."""
    row, token = tokens.create_token(user)
    try:
        with web.gunicorn() as base_url:
            return web.load(base_url, clients=clients, seconds=seconds, path=path(pathway_id),
                            headers={"Authorization": f"Bearer {token}"})
    finally:
        tokens.revoke(row.pk)
