"""Browser tests against a real server: gunicorn serving the synthetic demo.

The server runs in its own process on a fresh SQLite file loaded by ``forlop demo``,
exactly as ``make run`` prepares it, and Playwright drives Debian's chromium
(Playwright cannot download browsers here).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
DEMO_PASSWORD = "demo-passord-2026"  # noqa: S105 - the demo's published password


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "FORLOP_DEMO": "1",
           "FORLOP_ENV": "dev"}
    forlop = [sys.executable, "-m", "forlop"]
    subprocess.run([*forlop, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    subprocess.run([*forlop, "demo", "--pathways", "60"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "forlop.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2",
         "--log-level", "warning"], env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_until_up(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(f"{url}/logg-inn/", timeout=1)  # noqa: S310 - loopback
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

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
