"""The protocol around the identity: PKCE, state, nonce, issuer checks, no identifiers
in URLs, and the sign-in page's buttons."""

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.urls import reverse

from forlop.patients.models import Patient
from tests.idp.provider import HPR_KNOWN, PID_KNOWN


@pytest.fixture
def people(org, clinician):
    clinician.hpr_number = HPR_KNOWN
    clinician.save()
    Patient.objects.create(identifier=PID_KNOWN, identifier_kind="fnr", name="P Testesen")


def authorization_request(visitor, provider):
    response = visitor.get(f"/logg-inn/{provider}/")
    return parse_qs(urlsplit(response.headers["Location"]).query)


@pytest.mark.parametrize("provider", ["helseid", "idporten"])
def test_authorization_request_uses_pkce_s256_state_and_nonce(visitor, provider):
    query = authorization_request(visitor, provider)
    assert (query["code_challenge_method"], query["response_type"],
            len(query["state"][0]) >= 20, len(query["nonce"][0]) >= 20) == (
        ["S256"], ["code"], True, True)


@pytest.mark.parametrize(("provider", "login"), [("helseid", "lege"), ("idporten", "pasient")])
def test_no_person_identifier_in_any_url_of_the_flow(visitor, people, provider, login):
    visitor.sign_in(provider, login)
    assert [u for u in visitor.urls if PID_KNOWN in u or HPR_KNOWN in u] == []


def test_callback_with_a_forged_state_is_refused(visitor, people):
    callback = visitor.sign_in("helseid", "lege", stop_at_callback=True)
    query = {k: v[0] for k, v in parse_qs(urlsplit(callback).query).items()}
    forged = visitor.get(f"/logg-inn/helseid/retur/?{urlencode({**query, 'state': 'x' * 43})}")
    assert (forged.status_code, visitor.get("/").status_code) == (400, 302)


def test_callback_in_another_browser_is_refused(visitor, people, live_server):
    callback = visitor.sign_in("helseid", "lege", stop_at_callback=True)
    stranger = type(visitor)(live_server.url)
    assert stranger.get(callback).status_code == 400


def test_callback_claiming_another_issuer_is_refused(visitor, people):
    callback = visitor.sign_in("helseid", "lege", stop_at_callback=True)
    query = {k: v[0] for k, v in parse_qs(urlsplit(callback).query).items()}
    mixed_up = {**query, "iss": "http://127.0.0.1:1"}
    response = visitor.get(f"/logg-inn/helseid/retur/?{urlencode(mixed_up)}")
    assert response.status_code == 400


def test_a_callback_works_once(visitor, people):
    callback = visitor.sign_in("helseid", "lege", stop_at_callback=True)
    first = visitor.get(callback)
    assert (first.status_code, visitor.get(callback).status_code) == (302, 400)


def test_provider_whose_metadata_names_another_issuer_is_not_used(visitor, people, settings,
                                                                  idp):
    look_alike = idp.issuer.replace("127.0.0.1", "localhost")
    settings.FORLOP_OIDC = {"helseid": {**idp.settings["helseid"], "issuer": look_alike}}
    response = visitor.get("/logg-inn/helseid/")
    assert response.status_code == 503


def test_sign_in_page_offers_the_configured_providers(client, oidc):
    page = client.get(reverse("login")).content.decode()
    assert "Logg inn med HelseID" in page and "Logg inn med ID-porten" in page


def test_sign_in_page_hides_providers_that_are_not_configured(client, settings):
    settings.FORLOP_OIDC = {}
    page = client.get(reverse("login")).content.decode()
    assert "HelseID" not in page and "ID-porten" not in page


def test_unconfigured_provider_is_not_found(client, settings):
    settings.FORLOP_OIDC = {}
    assert client.get("/logg-inn/helseid/").status_code == 404
