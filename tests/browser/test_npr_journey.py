"""A coordinator meets the demo's NPR error on the fix-list, follows the link to the
pathway page, which shows the same finding, retracts the evaluation registered after
the end, and neither the pathway page nor the fix-list has it any more. Axe on each
page."""

import re

import pytest

from tests.browser.test_worklist_journey import axe_violations

pytestmark = pytest.mark.browser


def test_fix_list_to_pathway_page_and_back(sign_in, demo_server):
    page = sign_in("koordinator")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name="NPR-retting").click()
    page.get_by_role("heading", name="Retteliste for NPR").wait_for()
    assert axe_violations(page) == []
    section = page.locator("section", has_text="NPR007").first
    text = section.inner_text()
    assert "Slik retter du:" in text
    evaluation = re.search(r"\((Evaluering \d+\.\d+\.\d{4})\)", text)[1]

    section.get_by_role("link", name=re.compile("^Åpne forløpet til")).click()
    own = page.get_by_role("region", name="Rett før rapportering til NPR")
    assert "Feil NPR007" in own.inner_text() and f"({evaluation})" in own.inner_text()
    assert axe_violations(page) == []
    pathway_url = page.url
    page.get_by_role("link", name=f"Korriger {evaluation}").click()
    page.get_by_label("Trekk tilbake registreringen (den var feil)").check()
    page.get_by_label("Begrunnelse").fill("Registrert etter avslutning ved overføring fra "
                                          "gammelt system")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Lagre rettelsen").click()
    page.get_by_text("Trukket tilbake av").wait_for()
    page.goto(pathway_url)
    assert page.get_by_role("region", name="Rett før rapportering til NPR").count() == 0

    page.goto(f"{demo_server}/npr/retting/")
    page.get_by_role("heading", name="Retteliste for NPR").wait_for()
    assert page.locator("section", has_text="NPR007").count() == 0
    assert axe_violations(page) == []
