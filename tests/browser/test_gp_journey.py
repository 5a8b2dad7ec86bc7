"""The GP's day (issue 15): Frida Fastlege opens her page, finds Per Pasient's
pathway and the feedback letter from DPS Nordby, reads the answer to her
consultation, and asks a new question. Axe on each page."""

import pytest

from tests.browser.test_worklist_journey import axe_violations

pytestmark = pytest.mark.browser


def test_the_gp_reads_feedback_and_consultations(page, sign_in, demo_server):
    sign_in("fastlege")
    page.goto(f"{demo_server}/fastlege/")
    page.get_by_role("heading", name="Mine pasienters forløp").wait_for()
    page.get_by_role("link", name="Per Pasient", exact=False).first.wait_for()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Tilbakemelding etter vurdering av henvisning").first.click()
    page.get_by_text("Per Pasient").first.wait_for()
    page.go_back()

    page.get_by_label("Avsluttede forløp").check()
    page.get_by_role("button", name="Vis forløpene").click()
    page.get_by_text("avsluttet").first.wait_for()
    assert axe_violations(page) == []

    page.goto(f"{demo_server}/fastlege/")
    page.locator("tr", has_text="besvart").locator("a").first.click()
    page.get_by_role("heading", name="Svar").wait_for()
    page.get_by_text("kurs i mestring av angst").wait_for()
    assert axe_violations(page) == []
