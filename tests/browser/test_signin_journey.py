"""Sign-in journeys in chromium: TOTP enrolment and code step, lockout, HelseID and
ID-porten through the local test identity provider, with axe on every page."""

import base64

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp

from forlop.demo.users import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def axe_violations(page):
    return [v["id"] for v in Axe().run(page).response["violations"]]


def code(secret: str, steps_ahead: int = 0) -> str:
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{totp(key, t0=-30 * steps_ahead):06d}"


@pytest.fixture(scope="module")
def enrolled(browser, demo_server):
    """The secretary turns on one-time codes through the enrolment page; her secret."""
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    page.goto(f"{demo_server}/logg-inn/")
    page.get_by_label("Brukernavn").fill("sekretaer")
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.goto(f"{demo_server}/konto/engangskode/")
    secret = page.locator(".app-secret").inner_text()
    page.get_by_role("textbox", name="Engangskode").fill(code(secret))
    page.get_by_role("button", name="Bekreft og slå på").click()
    page.get_by_text("Engangskoder er slått på for kontoen din.").wait_for()
    context.close()
    return secret


def password_step(page, demo_server, username):
    page.goto(f"{demo_server}/logg-inn/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    return page


def test_enrolment_page_shows_a_qr_code_and_has_no_axe_violations(sign_in, demo_server):
    page = sign_in("bup")
    page.goto(f"{demo_server}/konto/engangskode/")
    page.get_by_role("img", name="QR-kode for engangskoder i Forløp").wait_for()
    assert axe_violations(page) == []


def test_code_step_has_no_axe_violations(page, demo_server, enrolled):
    password_step(page, demo_server, "sekretaer")
    page.get_by_role("heading", name="Skriv inn engangskode").wait_for()
    assert axe_violations(page) == []


def test_code_from_the_app_signs_in(page, demo_server, enrolled):
    password_step(page, demo_server, "sekretaer")
    page.get_by_role("textbox", name="Engangskode").fill(code(enrolled, steps_ahead=1))
    page.get_by_role("button", name="Bekreft").click()
    page.get_by_role("heading", name="Arbeidsliste").wait_for()
    assert page.url == f"{demo_server}/"


def test_lockout_page_says_when_and_has_no_axe_violations(page, demo_server):
    for _ in range(5):
        page.goto(f"{demo_server}/logg-inn/")
        page.get_by_label("Brukernavn").fill("ke-leder")
        page.get_by_label("Passord").fill("feil-passord-123")
        page.get_by_role("button", name="Logg inn").click()
    alert = page.get_by_role("alert").inner_text()
    assert ("prøve igjen etter klokken" in alert, axe_violations(page)) == (True, [])


def test_account_page_has_no_axe_violations(sign_in, demo_server):
    page = sign_in("leder")
    page.goto(f"{demo_server}/konto/")
    assert axe_violations(page) == []


def provider_sign_in(page, demo_server, button, login):
    page.goto(f"{demo_server}/logg-inn/")
    page.get_by_role("link", name=button).click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("x")
    page.locator("button[type=submit]").click()
    return page


def test_helseid_signs_a_clinician_in(page, demo_server):
    provider_sign_in(page, demo_server, "Logg inn med HelseID", "lege")
    page.get_by_role("heading", name="Arbeidsliste").wait_for()
    assert page.get_by_role("row").count() > 1


def test_idporten_signs_a_patient_in(page, demo_server):
    provider_sign_in(page, demo_server, "Logg inn med ID-porten", "pasient")
    page.get_by_role("heading", name="Min side").wait_for()
    page.goto(f"{demo_server}/konto/")
    assert "ID-porten" in page.get_by_role("main").inner_text()


def test_helseid_refusal_page_has_no_axe_violations(page, demo_server):
    provider_sign_in(page, demo_server, "Logg inn med HelseID", "ukjent-lege")
    page.get_by_role("heading", name="Du kan ikke logge inn").wait_for()
    assert axe_violations(page) == []


def test_sign_out_everywhere_signs_out_another_browser(browser, sign_in, demo_server):
    other = browser.new_context(locale="nb-NO").new_page()
    password_step(other, demo_server, "nabo")
    page = sign_in("nabo")
    page.goto(f"{demo_server}/konto/")
    page.get_by_role("button", name="Logg ut overalt").click()
    other.goto(f"{demo_server}/")
    signed_out = other.get_by_role("heading", name="Logg inn", exact=True).is_visible()
    other.context.close()
    assert signed_out
