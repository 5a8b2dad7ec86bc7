"""Browser tests against a real server: gunicorn serving the synthetic demo.

The server runs in its own process on a fresh SQLite file loaded by ``forlop demo``,
exactly as ``make run`` prepares it, and Playwright drives Debian's chromium
(Playwright cannot download browsers here).
"""

import os
import shutil
import subprocess
import sys

import pytest

from forlop.demo.users import DEMO_PASSWORD
from forlop.devtools.server import gunicorn

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
    with gunicorn(env) as url:
        yield url


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
