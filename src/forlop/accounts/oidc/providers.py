"""The identity providers, configured by settings only (``settings.FORLOP_OIDC``).

Each provider is an authlib client for the authorization code flow with PKCE
(S256), state and nonce; authlib keeps those in the session, bound to the browser
that started the sign-in, and checks the ID token's signature, issuer, audience,
expiry and nonce. On top of that we check what authlib leaves to us:

* the provider's metadata names exactly the issuer we configured (no look-alike
  provider can hand us its endpoints), and
* the ``iss`` parameter on the way back names that issuer too (mix-up defence
  between our two providers, RFC 9207).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.utils.translation import gettext_lazy as _

LABELS = {"helseid": _("Logg inn med HelseID"), "idporten": _("Logg inn med ID-porten")}
HINTS = {"helseid": _("For helsepersonell"), "idporten": _("For pasienter")}
TIMEOUT_SECONDS = 10


class ProviderMismatch(OAuthError):
    error = "issuer_mismatch"


@dataclass(frozen=True)
class Provider:
    name: str
    issuer: str
    client_id: str
    client_secret: str
    scope: str

    @property
    def label(self):
        return LABELS[self.name]

    @property
    def hint(self):
        return HINTS[self.name]

    def client(self):
        return _client(self)

    def metadata(self) -> dict:
        metadata = self.client().load_server_metadata()
        if metadata.get("issuer") != self.issuer:
            raise ProviderMismatch(description="metadata issuer differs from the configured one")
        return metadata

    def check_response_issuer(self, request) -> None:
        """The authorization response's ``iss`` must be ours when the provider sends it."""
        iss = request.GET.get("iss")
        required = self.metadata().get("authorization_response_iss_parameter_supported")
        if (iss is None and required) or (iss is not None and iss != self.issuer):
            raise ProviderMismatch(description="authorization response from another issuer")


def configured() -> list[Provider]:
    """The providers that are on, in a fixed order (HelseID first)."""
    return [get(name) for name in ("helseid", "idporten") if name in settings.FORLOP_OIDC]


def get(name: str) -> Provider | None:
    config = settings.FORLOP_OIDC.get(name)
    if config is None:
        return None
    return Provider(name=name, issuer=config["issuer"], client_id=config["client_id"],
                    client_secret=config["client_secret"], scope=config["scope"])


@functools.lru_cache(maxsize=8)
def _client(provider: Provider):
    # One authlib client per configuration, so its metadata and keys are fetched once.
    return OAuth().register(
        name=provider.name,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        server_metadata_url=f"{provider.issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": provider.scope, "code_challenge_method": "S256",
                       "default_timeout": TIMEOUT_SECONDS},
    )
