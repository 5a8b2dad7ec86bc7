"""Start the local OpenID Connect provider (server.mjs beside this file) for tests.

It is node's ``oidc-provider`` on a free loopback port, with a client each for
HelseID and ID-porten whose redirect URIs point at the Forløp under test, and the
synthetic accounts below (made-up HPR numbers, Test-Norge fødselsnumre).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from forlop.devtools.server import HOST, free_port, wait_for_port
from forlop.kernel.identifiers import generate_synthetic_fnr

IDP_DIR = Path(__file__).resolve().parent
HPR_CLAIM = "helseid://claims/hpr/hpr_number"

# Synthetic people at the provider: made-up HPR numbers, Test-Norge fødselsnumre.
_rng = random.Random(2026)
HPR_KNOWN, HPR_UNKNOWN = "9144901", "9144902"
PID_KNOWN, PID_UNKNOWN = generate_synthetic_fnr(_rng), generate_synthetic_fnr(_rng)
ACCOUNTS = {
    "lege": {HPR_CLAIM: HPR_KNOWN, "name": "Lege Testesen"},
    "ukjent-lege": {HPR_CLAIM: HPR_UNKNOWN, "name": "Ukjent Lege"},
    "pasient": {"pid": PID_KNOWN, "name": "Pasient Testesen"},
    "ukjent-pasient": {"pid": PID_UNKNOWN, "name": "Ukjent Pasient"},
}
SCOPES = {"helseid": "openid profile helseid://scopes/identity/hpr_number",
          "idporten": "openid profile"}


@contextlib.contextmanager
def identity_provider(redirect_base: str, accounts: dict | None = None):
    """Start the test IdP with a client per provider whose redirect URI is ours;
    yields its issuer and the ``FORLOP_OIDC`` settings that point at it."""
    if not (IDP_DIR / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("tests/idp/node_modules is missing: `make test` runs `npm ci` there")
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found: `make test` installs Debian's nodejs")
    port = free_port()
    clients = {name: {"client_id": f"forlop-{name}", "client_secret": f"hemmelig-{name}-test",
                      "redirect_uris": [f"{redirect_base}/logg-inn/{name}/retur/"]}
               for name in SCOPES}
    config = {"port": port, "clients": list(clients.values()), "accounts": accounts or ACCOUNTS}
    process = subprocess.Popen([node, str(IDP_DIR / "server.mjs")], cwd=IDP_DIR,
                               env={**os.environ, "FORLOP_IDP_CONFIG": json.dumps(config)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, process, 20.0, name="test IdP")
        issuer = f"http://{HOST}:{port}"
        yield SimpleNamespace(issuer=issuer, settings={
            name: {"issuer": issuer, "client_id": c["client_id"],
                   "client_secret": c["client_secret"], "scope": SCOPES[name],
                   "origin": issuer}
            for name, c in clients.items()})
    finally:
        process.terminate()
        process.wait(timeout=10)
