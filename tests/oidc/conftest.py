"""A real OpenID Connect provider for the sign-in tests, and a browser-less user.

The provider is node's ``oidc-provider`` (tests/idp/server.mjs) started as a
subprocess on a free loopback port; Django runs as pytest-django's live server.
Tests walk the real authorization code flow over HTTP with ``requests``: our
redirect to the provider, its login form, its redirect back with a code, our
token exchange and ID-token checks. Nothing of ours is mocked.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
import requests

from tests.idp.provider import identity_provider


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
