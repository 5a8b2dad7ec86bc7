"""Bearer authentication for /api/ and /fhir/: local tokens and HelseID JWTs."""

from __future__ import annotations

import datetime as dt
import json
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import timezone
from joserfc import jwt
from joserfc.jwk import OctKey

from forlop.api import tokens
from forlop.api.middleware import BearerAuthenticationMiddleware
from forlop.api.models import ApiClient, ApiToken
from tests.api.conftest import AUDIENCE, ISSUER, SCOPE, bearer, make_jwt

WORKLIST = "/api/v1/worklist"

pytestmark = pytest.mark.django_db


def seen_user(path: str, header: str):
    """What a view behind the middleware gets as ``request.user`` (or the refusal)."""
    seen = {}

    def view(request):
        seen["user"] = request.user
        return HttpResponse("ok")

    request = RequestFactory().get(path, HTTP_AUTHORIZATION=header)
    from django.contrib.auth.models import AnonymousUser
    request.user = AnonymousUser()
    response = BearerAuthenticationMiddleware(view)(request)
    return seen.get("user"), response


# Local tokens -------------------------------------------------------------------------


def test_a_local_token_signs_in_its_user(client, token, coordinator):
    answer = client.get(WORKLIST, **bearer(token))
    assert answer.status_code == 200, answer.content
    assert answer.json()["count"] == 0


def test_only_the_hash_of_a_token_is_stored(token):
    row = ApiToken.objects.get()
    assert token.split("_")[2] not in (row.prefix, row.secret_hash)
    assert row.prefix == token.split("_")[1] and len(row.secret_hash) == 64


def test_a_revoked_token_is_refused(client, token):
    tokens.revoke(ApiToken.objects.get().pk)
    answer = client.get(WORKLIST, **bearer(token))
    assert answer.status_code == 401
    assert answer["Content-Type"] == "application/problem+json"
    assert answer["WWW-Authenticate"].startswith("Bearer")
    assert answer.json()["status"] == 401


def test_an_expired_token_is_refused(client, coordinator):
    row, token = tokens.create_token(coordinator, days=1)
    assert client.get(WORKLIST, **bearer(token)).status_code == 200
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get(WORKLIST, **bearer(token)).status_code == 401


def test_a_token_with_the_right_prefix_and_a_wrong_secret_is_refused(client, token):
    scheme, prefix, secret = token.split("_", 2)
    forged = f"{scheme}_{prefix}_{'A' * len(secret)}"
    assert client.get(WORKLIST, **bearer(forged)).status_code == 401


@pytest.mark.parametrize("value", ["", "flp_", "flp__x", "nonsense", "a.b.c", "flp_x_y"])
def test_malformed_tokens_are_refused(client, token, value):
    assert client.get(WORKLIST, HTTP_AUTHORIZATION=f"Bearer {value}").status_code == 401


def test_the_token_of_a_deactivated_user_is_refused(client, token, coordinator):
    coordinator.is_active = False
    coordinator.save()
    assert client.get(WORKLIST, **bearer(token)).status_code == 401


def test_without_credentials_the_api_answers_401_as_a_problem(client):
    answer = client.get(WORKLIST)
    assert answer.status_code == 401
    assert answer.json()["title"]


# The command ---------------------------------------------------------------------------


def test_token_create_prints_the_token_once_list_never_shows_it_revoke_ends_it(
        client, coordinator):
    out = StringIO()
    call_command("api", "token", "create", "--user", coordinator.username, "--days", "30",
                 stdout=out, stderr=StringIO())
    token = out.getvalue().strip()
    assert token.startswith("flp_")
    assert client.get(WORKLIST, **bearer(token)).status_code == 200
    listed = StringIO()
    call_command("api", "token", "list", stdout=listed)
    assert token.split("_", 2)[2] not in listed.getvalue()  # the secret may hold "_"
    assert "active" in listed.getvalue() and coordinator.username in listed.getvalue()
    row = ApiToken.objects.get()
    assert row.expires_at.date() == (timezone.now() + dt.timedelta(days=30)).date()
    call_command("api", "token", "revoke", str(row.pk), stdout=StringIO())
    assert client.get(WORKLIST, **bearer(token)).status_code == 401
    listed = StringIO()
    call_command("api", "token", "list", stdout=listed)
    assert "revoked" in listed.getvalue()


def test_client_add_maps_a_helseid_client_to_a_user(coordinator):
    call_command("api", "client", "add", "dips-x", "--user", coordinator.username,
                 stdout=StringIO())
    assert ApiClient.objects.get(client_id="dips-x").user == coordinator
    call_command("api", "client", "disable", "dips-x", stdout=StringIO())
    assert ApiClient.objects.get(client_id="dips-x").disabled_at is not None


# HelseID bearer JWTs --------------------------------------------------------------------


def test_a_valid_jwt_of_a_registered_client_acts_as_its_system_user(
        client, oauth, signing_key, system_user):
    answer = client.get(WORKLIST, **bearer(make_jwt(signing_key)))
    assert answer.status_code == 200, answer.content


def test_an_expired_jwt_is_refused(client, oauth, signing_key, system_user):
    past = int(time.time()) - 3600
    token = make_jwt(signing_key, exp=past, iat=past - 300, nbf=past - 300)
    assert client.get(WORKLIST, **bearer(token)).status_code == 401


def test_a_jwt_for_another_audience_is_refused(client, oauth, signing_key, system_user):
    token = make_jwt(signing_key, aud="some-other-api")
    assert client.get(WORKLIST, **bearer(token)).status_code == 401


def test_a_jwt_from_another_issuer_is_refused(client, oauth, signing_key, system_user):
    token = make_jwt(signing_key, iss="https://evil.example")
    assert client.get(WORKLIST, **bearer(token)).status_code == 401


def test_a_jwt_with_a_bad_signature_is_refused(client, oauth, other_key, system_user):
    assert client.get(WORKLIST, **bearer(make_jwt(other_key))).status_code == 401


def test_a_jwt_without_the_scope_is_refused(client, oauth, signing_key, system_user):
    token = make_jwt(signing_key, scope="other:scope")
    assert client.get(WORKLIST, **bearer(token)).status_code == 401


def test_a_scope_list_claim_is_read_too(client, oauth, signing_key, system_user):
    token = make_jwt(signing_key, scope=[SCOPE])
    assert client.get(WORKLIST, **bearer(token)).status_code == 200


def test_a_jwt_without_expiry_is_refused(client, oauth, signing_key, system_user):
    token = make_jwt(signing_key, exp=None)
    assert client.get(WORKLIST, **bearer(token)).status_code == 401


def test_a_jwt_of_an_unregistered_or_disabled_client_is_refused(
        client, oauth, signing_key, system_user):
    assert client.get(WORKLIST, **bearer(make_jwt(signing_key, client_id="stranger"))
                      ).status_code == 401
    ApiClient.objects.update(disabled_at=timezone.now())
    assert client.get(WORKLIST, **bearer(make_jwt(signing_key))).status_code == 401


def test_a_jwt_signed_with_a_shared_secret_is_refused(client, oauth, system_user):
    """Algorithm confusion: HS256 keyed with anything is never accepted."""
    key = OctKey.import_key("x" * 32)
    now = int(time.time())
    token = jwt.encode({"alg": "HS256"}, {"iss": ISSUER, "aud": AUDIENCE, "exp": now + 60,
                                          "client_id": "dips-arena-test", "scope": SCOPE}, key)
    assert client.get(WORKLIST, **bearer(token)).status_code == 401


def test_an_unsigned_jwt_is_refused(client, oauth, system_user):
    import base64

    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    now = int(time.time())
    token = (part({"alg": "none"}) + "." + part({
        "iss": ISSUER, "aud": AUDIENCE, "exp": now + 60, "client_id": "dips-arena-test",
        "scope": SCOPE}) + ".")
    assert client.get(WORKLIST, **bearer(token)).status_code == 401


def test_jwts_are_refused_when_no_provider_is_configured(client, settings, signing_key,
                                                         system_user):
    settings.FORLOP_API_OAUTH = None
    assert client.get(WORKLIST, **bearer(make_jwt(signing_key))).status_code == 401


# The contract with /fhir/ and the rest of the stack --------------------------------------


def test_the_middleware_sets_request_user_on_fhir_paths(token, coordinator):
    user, response = seen_user("/fhir/R4/metadata", f"Bearer {token}")
    assert response.status_code == 200 and user == coordinator


def test_a_bad_token_on_fhir_paths_is_an_operation_outcome(token):
    user, response = seen_user("/fhir/R4/Patient", "Bearer flp_nope_nope")
    assert user is None and response.status_code == 401
    body = json.loads(response.content)
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"][0]["code"] == "login"


def test_bearer_headers_outside_api_paths_are_left_alone(token):
    user, response = seen_user("/", "Bearer flp_nope_nope")
    assert response.status_code == 200 and not user.is_authenticated


def test_bearer_requests_are_exempt_from_csrf_session_requests_are_not(
        org, coordinator, token, pathway):
    body = json.dumps({"event": "first_attendance", "on": "2024-06-01"})
    url = f"/api/v1/pathways/{pathway.pk}/events"
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(coordinator)
    refused = browser.post(url, body, content_type="application/json")
    assert refused.status_code == 403, refused.content
    assert not pathway.events.filter(event="first_attendance").exists()
    system = Client(enforce_csrf_checks=True)
    answer = system.post(url, body, content_type="application/json", **bearer(token))
    assert answer.status_code in (201, 422), answer.content  # past CSRF: the kernel judges


def test_a_session_request_with_the_csrf_token_passes(org, coordinator, pathway):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(coordinator)
    browser.get("/")  # sets the CSRF cookie
    from django.conf import settings
    csrf = browser.cookies[settings.CSRF_COOKIE_NAME].value
    answer = browser.post(f"/api/v1/pathways/{pathway.pk}/events",
                          json.dumps({"event": "first_attendance", "on": "2024-06-01"}),
                          content_type="application/json", HTTP_X_CSRFTOKEN=csrf)
    assert answer.status_code in (201, 422), answer.content


def test_a_required_second_factor_does_not_stop_a_bearer_request(client, settings, token):
    settings.FORLOP_REQUIRE_TOTP = True
    assert client.get(WORKLIST, **bearer(token)).status_code == 200


def test_a_plain_django_view_under_fhir_skips_csrf_for_bearer_requests_only(token):
    """The FHIR views are Django views, not ninja's: the middleware's exemption is what
    lets a bearer POST through Django's CSRF check there."""
    from django.middleware.csrf import CsrfViewMiddleware

    def view(request):
        return HttpResponse("ok")

    def csrf_answer(**headers):
        request = RequestFactory().post("/fhir/R4/Patient", {}, **headers)
        request._dont_enforce_csrf_checks = False
        from django.contrib.auth.models import AnonymousUser
        request.user = AnonymousUser()
        seen = {}

        def after_auth(req):
            seen["csrf"] = CsrfViewMiddleware(view).process_view(req, view, (), {})
            return seen["csrf"] or HttpResponse("ok")

        BearerAuthenticationMiddleware(after_auth)(request)
        return seen.get("csrf")

    assert csrf_answer(**bearer(token)) is None  # accepted
    assert csrf_answer().status_code == 403
