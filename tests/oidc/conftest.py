"""A real OpenID Connect provider for the sign-in tests, and a browser-less user.

The provider is node's ``oidc-provider`` (tests/idp/server.mjs) started as a
subprocess on a free loopback port; Django runs as pytest-django's live server.
Tests walk the real authorization code flow over HTTP with ``requests``: our
redirect to the provider, its login form, its redirect back with a code, our
token exchange and ID-token checks. Nothing of ours is mocked.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
import requests

from forlop.devtools.server import HOST, free_port
from forlop.kernel.identifiers import generate_synthetic_fnr

IDP_DIR = Path(__file__).resolve().parents[1] / "idp"
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


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"test IdP exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), 0.2):
            return
        time.sleep(0.1)
    raise RuntimeError("test IdP did not start in time")


@contextlib.contextmanager
def identity_provider(redirect_base: str):
    """Start the test IdP with a client per provider whose redirect URI is ours."""
    if not (IDP_DIR / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("tests/idp/node_modules is missing: `make test` runs `npm ci` there")
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found: `make test` installs Debian's nodejs")
    port = free_port()
    clients = {name: {"client_id": f"forlop-{name}", "client_secret": f"hemmelig-{name}-test",
                      "redirect_uris": [f"{redirect_base}/logg-inn/{name}/retur/"]}
               for name in SCOPES}
    config = {"port": port, "clients": list(clients.values()), "accounts": ACCOUNTS}
    process = subprocess.Popen([node, str(IDP_DIR / "server.mjs")], cwd=IDP_DIR,
                               env={**os.environ, "FORLOP_IDP_CONFIG": json.dumps(config)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(port, process)
        issuer = f"http://{HOST}:{port}"
        yield SimpleNamespace(issuer=issuer, settings={
            name: {"issuer": issuer, "client_id": c["client_id"],
                   "client_secret": c["client_secret"], "scope": SCOPES[name],
                   "origin": issuer}
            for name, c in clients.items()})
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def idp(live_server):
    with identity_provider(live_server.url) as provider:
        yield provider


@pytest.fixture
def oidc(settings, idp):
    """Both providers configured in settings, pointing at the test IdP."""
    settings.FORLOP_OIDC = idp.settings
    return idp


class Browser:
    """A cookie-keeping HTTP client that records every URL it is sent to."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.http = requests.Session()
        self.urls: list[str] = []

    def get(self, url, **kwargs):
        return self._send("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return self._send("POST", url, **kwargs)

    def _send(self, method, url, **kwargs):
        response = self.http.request(method, urljoin(self.base_url, url), timeout=20,
                                     allow_redirects=False, **kwargs)
        self.urls.append(response.url)
        return response

    def follow(self, response, *, until: str | None = None):
        """Follow redirects; stop before a URL that starts with ``until``."""
        while response.is_redirect:
            target = urljoin(response.url, response.headers["Location"])
            if until and target.startswith(until):
                return target
            response = self.get(target)
        return response

    def sign_in(self, provider: str, login: str, *, stop_at_callback: bool = False):
        """Click "Logg inn med …", sign in at the IdP as ``login``, come back."""
        form = self.follow(self.get(f"/logg-inn/{provider}/"))
        action = re.search(r'<form[^>]*action="([^"]+)"', form.text).group(1)
        response = self.post(urljoin(form.url, action),
                             data={"prompt": "login", "login": login, "password": "x"})
        callback = f"{self.base_url}/logg-inn/{provider}/retur/"
        return self.follow(response, until=callback if stop_at_callback else None)


@pytest.fixture
def visitor(live_server, oidc):
    return Browser(live_server.url)
