"""The municipal side in a browser (docs/municipality.md): the coordinating unit's
lead appoints a municipal coordinator from a notice waiting; the coordinator finds the
person on their worklist beside Per Pasient and the meeting they are invited to; Per
sees his municipal coordinator on Min side; the coordinator sends an early flag. Axe
on every page."""

import pytest

from tests.browser.test_worklist_journey import axe_violations

pytestmark = pytest.mark.browser


def test_appoint_from_a_notice_then_the_coordinators_worklist(browser, demo_server):
    def signed_in(username):
        from forlop.demo.users import DEMO_PASSWORD

        context = browser.new_context(locale="nb-NO", viewport={"width": 375, "height": 812})
        page = context.new_page()
        page.goto(f"{demo_server}/")
        page.get_by_label("Brukernavn").fill(username)
        page.get_by_label("Passord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        page.wait_for_load_state()
        return context, page

    context, page = signed_in("ke-leder")
    page.get_by_role("link", name="Koordinerende enhet").first.click()
    page.get_by_role("heading", name="Meldinger om behov som venter").wait_for()
    assert axe_violations(page) == []
    waiting = page.locator("a[href*='/kommune/koordinerende-enhet/meldinger/']")
    person = waiting.first.inner_text()
    waiting.first.click()
    page.get_by_role("heading", name="Oppnevn kommunal koordinator").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Kommunal koordinator", exact=True).select_option(
        label="Kjell Kommunekoordinator")
    page.get_by_label("Tjenesten som er mest involvert").fill("Hjemmetjenesten")
    page.get_by_role("button", name="Oppnevn koordinator").click()
    page.get_by_text("Skriv telefon eller e-post").first.wait_for()  # refused, named
    assert axe_violations(page) == []
    page.get_by_label("Telefon").fill("400 00 222")
    page.get_by_role("button", name="Oppnevn koordinator").click()
    page.get_by_text("Koordinatoren er oppnevnt, og meldingen er behandlet.").wait_for()
    context.close()

    context, page = signed_in("kommune")
    page.goto(f"{demo_server}/kommune/")
    page.get_by_role("heading", name="Mine personer").wait_for()
    page.get_by_text(person).first.wait_for()
    page.get_by_text("Per Pasient").first.wait_for()
    page.get_by_text("Demo rådhus, møterom 3").wait_for()  # invited, scope covers plans
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Tidlig varsel til fastlegen").first.click()
    page.get_by_label("Personens fødselsnummer eller D-nummer").fill("12345")
    page.get_by_role("button", name="Send varselet").click()
    page.get_by_role("heading", name="Dette må rettes før du kan lagre:").wait_for()
    assert axe_violations(page) == []
    context.close()

    context, page = signed_in("pasient")
    page.goto(f"{demo_server}/min-side/")
    box = page.get_by_test_id("coordinators").first
    box.get_by_text("Kjell Kommunekoordinator").wait_for()
    box.get_by_text("400 00 111").wait_for()
    assert axe_violations(page) == []
    context.close()
