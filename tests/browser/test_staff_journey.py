"""Staff pages in a real browser, each checked with axe."""

import pytest

from tests.browser.test_worklist_journey import axe_violations

pytestmark = pytest.mark.browser


def test_coordinator_opens_a_pathway_and_its_consents(sign_in):
    page = sign_in("koordinator")
    page.locator("tbody a").first.click()
    page.get_by_role("heading", name="Forløpstider").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Samtykker til deling").click()
    page.get_by_role("heading", name="Registrer samtykke").wait_for()
    assert axe_violations(page) == []


def test_search_offers_emergency_access_without_revealing_anyone(sign_in):
    page = sign_in("nabo")
    page.get_by_role("link", name="Finn pasient").click()
    page.get_by_label("Fødselsnummer, D-nummer eller FH-nummer").fill("01810000000")
    page.get_by_role("button", name="Søk").click()
    page.get_by_role("heading", name="Nødtilgang").wait_for()
    assert "Ingen forløp du har tilgang til." in page.content()
    assert axe_violations(page) == []


def test_leader_sees_the_emergency_access_to_review(sign_in):
    page = sign_in("leder")
    page.get_by_role("link", name="Gjennomgang av nødtilgang").click()
    page.get_by_role("heading", name="Gjennomgang av nødtilgang").wait_for()
    assert "Rune Rusbehandler" in page.content()
    assert axe_violations(page) == []
