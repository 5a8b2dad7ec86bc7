"""Browser tests against a real server: gunicorn serving the synthetic demo.

The server runs in its own process on a fresh SQLite file loaded by ``forlop demo``,
exactly as ``make run`` prepares it, and Playwright drives Debian's chromium
(Playwright cannot download browsers here). The local test identity provider
(tests/idp) runs beside it, configured as HelseID and ID-porten: one demo clinician
gets a made-up HPR number and the provider's test patient is a demo patient.
"""

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from forlop.demo.users import DEMO_PASSWORD
from forlop.devtools.server import HOST, free_port, gunicorn
from tests.idp.provider import ACCOUNTS, HPR_KNOWN, identity_provider

IDP_CLINICIAN = "behandler"  # the demo user HelseID's test doctor signs in as

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "FORLOP_DEMO": "1",
           "FORLOP_ENV": "dev"}
    forlop = [sys.executable, "-m", "forlop"]
    subprocess.run([*forlop, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    subprocess.run([*forlop, "demo", "--pathways", "60"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    # Notices for the notices page (the digests go to the console: discarded).
    subprocess.run([*forlop, "remind"], env=env, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    with (identity_provider(f"http://{HOST}:{port}", _idp_accounts(db)) as idp,
          gunicorn({**env, **_oidc_env(idp.settings)}, port=port) as url):
        yield url


def _idp_accounts(db) -> dict:
    """The IdP's test doctor is a demo clinician, its test patient a demo patient."""
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE accounts_user SET hpr_number = ? WHERE username = ?",
                     (HPR_KNOWN, IDP_CLINICIAN))
        (pid,) = conn.execute("SELECT identifier FROM patients_patient ORDER BY id").fetchone()
    return {**ACCOUNTS, "pasient": {**ACCOUNTS["pasient"], "pid": pid}}


def _oidc_env(providers: dict) -> dict:
    return {f"FORLOP_OIDC_{name.upper()}_{key.upper()}": provider[key]
            for name, provider in providers.items()
            for key in ("issuer", "client_id", "client_secret", "scope")}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread for the rest
    # of the session, and Django then refuses database access from it in any later
    # test ("SynchronousOnlyOperation"). The database work here is ordinary
    # synchronous test code; tell Django so.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    executable = os.environ.get("FORLOP_CHROMIUM") or shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium not found: `make test` installs Debian's chromium with apt")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True,
                                    args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sign_in(page, demo_server):
    def sign_in_as(username: str):
        page.goto(f"{demo_server}/")
        page.get_by_label("Brukernavn").fill(username)
        page.get_by_label("Passord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        return page

    return sign_in_as
