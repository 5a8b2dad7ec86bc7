"""The referral journey in a real browser, on a desktop and a 375 px phone: the
secretary registers a received referral, the clinician assesses it and the pathway
starts; every page is checked with axe."""

import random

import pytest

from forlop.demo.users import DEMO_PASSWORD
from forlop.kernel.identifiers import generate_synthetic_fnr
from tests.browser.test_worklist_journey import axe_violations

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}


@pytest.fixture(params=VIEWPORTS, ids=VIEWPORTS.keys())
def screen(request, browser, demo_server):
    context = browser.new_context(locale="nb-NO", viewport=VIEWPORTS[request.param])
    page = context.new_page()

    def sign_in_as(username: str):
        context.clear_cookies()
        page.goto(f"{demo_server}/logg-inn/")
        page.get_by_label("Brukernavn").fill(username)
        page.get_by_label("Passord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        page.get_by_role("button", name="Logg ut").wait_for()
        return page

    yield request.param, sign_in_as
    context.close()


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_register_assess_and_start(screen):
    name, sign_in_as = screen
    patient = f"Reise {name.title()}sen"
    number = generate_synthetic_fnr(random.Random(f"journey:{name}"))

    page = sign_in_as("sekretaer")
    page.get_by_role("link", name="Henvisninger", exact=True).click()
    page.get_by_role("heading", name="Henvisninger til vurdering").wait_for()
    assert axe_violations(page) == []
    assert _no_sideways_scroll(page)

    page.get_by_role("link", name="Registrer mottatt henvisning").click()
    page.get_by_role("button", name="Registrer henvisningen").click()  # empty: refused
    summary = page.locator(".ds-error-summary")
    summary.wait_for()
    assert page.evaluate("document.activeElement.classList.contains('ds-error-summary')")
    assert axe_violations(page) == []

    page.get_by_label("Pasientens fødselsnummer, D-nummer eller FH-nummer").fill(number)
    page.get_by_label("Pasientens navn").fill(patient)
    page.get_by_label("Henviser er").select_option("gp")
    page.get_by_label("Fastlegekontor").select_option(index=1)
    page.get_by_label("Henvisers navn").fill("Frida Fastlege")
    page.get_by_role("button", name="Registrer henvisningen").click()
    page.get_by_text("Henvisningen er registrert. Frist for vurdering:").wait_for()
    assert patient in page.content()
    assert number not in page.url

    page = sign_in_as("behandler")
    page.get_by_role("link", name="Henvisninger", exact=True).click()
    page.get_by_role("link", name=f"Vurder henvisningen for {patient}").click()
    page.get_by_role("heading", name=f"Vurder henvisningen for {patient}").wait_for()
    assert axe_violations(page) == []
    assert _no_sideways_scroll(page)

    page.get_by_label("Ja, pasienten har rett til nødvendig helsehjelp").check()
    page.get_by_label("Forløp", exact=True).select_option("voksne")
    page.get_by_label("Omsorgsnivå").select_option("outpatient")
    page.get_by_role("button", name="Lagre vurderingen").click()
    page.get_by_text("Vurderingen er registrert og forløpet er startet.").wait_for()
    assert patient in page.content()
    assert "/forlop/" in page.url
