"""Sign-in with HelseID (staff) or ID-porten (patients).

``start`` sends the browser to the provider (authorization code flow with PKCE,
state and nonce); ``callback`` takes the code back, has authlib exchange and
verify it, and signs in the account the claims name, or refuses with a page that
says why. No person identifier ever travels in one of our URLs: the provider
returns only a code, the state and its issuer.
"""

import logging

from authlib.integrations.base_client import OAuthError
from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from requests import RequestException

from forlop.accounts.oidc import identities, providers
from forlop.accounts.sessions import Method, sign_in

log = logging.getLogger(__name__)

NEXT = "forlop.oidc_next"  # where to go after signing in, kept across the round trip
ACCOUNTS = {"helseid": (identities.staff_user, Method.HELSEID),
            "idporten": (identities.patient_user, Method.IDPORTEN)}
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _provider_or_404(name):
    provider = providers.get(name)
    if provider is None:
        raise Http404
    return provider


@never_cache
def start(request, provider):
    provider = _provider_or_404(provider)
    redirect_uri = request.build_absolute_uri(reverse("oidc-callback", args=[provider.name]))
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        request.session[NEXT] = next_url
    try:
        provider.metadata()
        return provider.client().authorize_redirect(request, redirect_uri)
    except (OAuthError, RequestException):
        log.warning("OIDC %s: provider unavailable or misconfigured", provider.name,
                    exc_info=True)
        return _refused(request, provider, "unavailable", status=503)


@never_cache
def callback(request, provider):
    provider = _provider_or_404(provider)
    find_account, method = ACCOUNTS[provider.name]
    try:
        provider.check_response_issuer(request)
        token = provider.client().authorize_access_token(request)
        user = find_account(token["userinfo"])
    except identities.SignInRefused as refusal:
        log.warning("OIDC %s: sign-in refused (%s)", provider.name, refusal.reason)
        return _refused(request, provider, refusal.reason, status=403)
    except (OAuthError, RequestException, KeyError):
        log.warning("OIDC %s: sign-in failed", provider.name, exc_info=True)
        return _refused(request, provider, "failed", status=400)
    next_url = request.session.pop(NEXT, None) or resolve_url(settings.LOGIN_REDIRECT_URL)
    sign_in(request, user, method=method, backend=BACKEND)
    return HttpResponseRedirect(next_url)


def _refused(request, provider, reason, *, status):
    return render(request, "accounts/refused.html",
                  {"provider": provider, "reason": reason}, status=status)
