"""Production settings: secure cookies, HSTS, second factor, identity providers."""

import json
import os
import subprocess
import sys

PRODUCTION = {"FORLOP_ENV": "production", "SECRET_KEY": "k" * 50,
              "DATABASE_URL": "postgresql://u@/db", "ALLOWED_HOSTS": "forlop.example",
              "ACCESS_LOG_KEY": "a" * 50}
READ = ("import json, forlop.settings as s; print(json.dumps({n: getattr(s, n, None) "
        "for n in %r}, default=str))")


def read_settings(names, **env):
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("FORLOP_", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS",
                                  "ACCESS_LOG_KEY"))}
    result = subprocess.run([sys.executable, "-c", READ % (names,)], env={**clean, **env},
                            capture_output=True, text=True, check=False)
    return json.loads(result.stdout) if result.returncode == 0 else result.stderr


def test_production_cookies_are_secure_and_host_only():
    assert read_settings(["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_NAME",
                          "CSRF_COOKIE_NAME"], **PRODUCTION) == {
        "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_NAME": "__Host-sessionid", "CSRF_COOKIE_NAME": "__Host-csrftoken"}


def test_production_sends_hsts_for_a_year_with_subdomains():
    assert read_settings(["SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS"],
                         **PRODUCTION) == {"SECURE_HSTS_SECONDS": 31536000,
                                           "SECURE_HSTS_INCLUDE_SUBDOMAINS": True}


def test_production_requires_a_second_factor_by_default():
    assert read_settings(["FORLOP_REQUIRE_TOTP"], **PRODUCTION) == {"FORLOP_REQUIRE_TOTP": True}


def test_second_factor_requirement_can_be_set_in_development():
    assert read_settings(["FORLOP_REQUIRE_TOTP"], FORLOP_REQUIRE_TOTP="1") == {
        "FORLOP_REQUIRE_TOTP": True}


def test_idle_timeout_is_read_from_the_environment():
    assert read_settings(["SESSION_IDLE_TIMEOUT"], FORLOP_IDLE_TIMEOUT_MINUTES="15") == {
        "SESSION_IDLE_TIMEOUT": 900}


def test_no_identity_provider_unless_configured():
    assert read_settings(["FORLOP_OIDC"]) == {"FORLOP_OIDC": {}}


def test_identity_provider_from_the_environment_and_in_form_action():
    found = read_settings(["FORLOP_OIDC", "CONTENT_SECURITY_POLICY"],
                          FORLOP_OIDC_IDPORTEN_ISSUER="https://idporten.example/",
                          FORLOP_OIDC_IDPORTEN_CLIENT_ID="forlop",
                          FORLOP_OIDC_IDPORTEN_CLIENT_SECRET="s")
    assert (found["FORLOP_OIDC"]["idporten"]["issuer"],
            found["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["form-action"]) == (
        "https://idporten.example", ["'self'", "https://idporten.example"])


def test_half_configured_identity_provider_stops_start_up_with_a_hint():
    error = read_settings(["FORLOP_OIDC"], FORLOP_OIDC_HELSEID_ISSUER="https://helseid.example")
    assert ("FORLOP_OIDC_HELSEID_CLIENT_ID, FORLOP_OIDC_HELSEID_CLIENT_SECRET: set all of"
            in error)


def test_production_refuses_demo_mode():
    assert "FORLOP_DEMO is on" in read_settings(["DEMO_MODE"], **PRODUCTION, FORLOP_DEMO="1")


def test_production_refuses_debug():
    assert "DEBUG is on" in read_settings(["DEBUG"], **PRODUCTION, DEBUG="1")


def test_production_refuses_sqlite():
    assert "must point to PostgreSQL" in read_settings(
        ["DATABASES"], **{**PRODUCTION, "DATABASE_URL": "sqlite:////tmp/forlop.sqlite3"})


def test_production_starts_with_postgresql_and_neither_demo_nor_debug():
    assert read_settings(["DEMO_MODE", "DEBUG"], **PRODUCTION) == {"DEMO_MODE": False,
                                                                   "DEBUG": False}
