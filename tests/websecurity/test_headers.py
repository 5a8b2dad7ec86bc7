"""Security headers on real responses, and the production cookie/HSTS settings."""

import pytest
from django.urls import reverse

STRICT_CSP = {
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
}


def directives(response) -> set[str]:
    return {d.strip() for d in response["Content-Security-Policy"].split(";")}


@pytest.fixture
def pages(client, coordinator):
    anonymous = {name: client.get(reverse(name)) for name in ("login",)}
    client.force_login(coordinator)
    signed_in = {name: client.get(reverse(name))
                 for name in ("worklist", "account", "totp-enrol")}
    return {**anonymous, **signed_in}


def test_every_page_has_the_strict_content_security_policy(pages):
    assert {name: directives(r) for name, r in pages.items()} == dict.fromkeys(pages, STRICT_CSP)


@pytest.mark.parametrize(("header", "value"), [
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
])
def test_every_page_has_the_header(pages, header, value):
    assert {name: r.get(header) for name, r in pages.items()} == dict.fromkeys(pages, value)


def test_every_page_denies_powerful_browser_features(pages):
    assert all("camera=()" in r["Permissions-Policy"]
               and "geolocation=()" in r["Permissions-Policy"] for r in pages.values())


def test_signed_in_pages_are_not_cached(pages):
    assert all("no-store" in pages[name]["Cache-Control"]
               for name in ("worklist", "account", "totp-enrol"))


def test_session_and_csrf_cookies_are_http_only(client, coordinator):
    client.get(reverse("login"))
    client.post(reverse("login"), {"username": "koordinator", "password": "test-passord-123"})
    assert (client.cookies["sessionid"]["httponly"], client.cookies["csrftoken"]["httponly"]) == (
        True, True)


def test_form_posts_need_the_csrf_token(coordinator):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(coordinator)
    assert strict.post(reverse("logout-everywhere")).status_code == 403
