"""The change-of-setting, move and transfer pages in a real browser, each checked with
axe. Nothing is stored (the demo is shared): the setting form is sent with a date the
kernel refuses, to see the error summary take focus."""

import pytest

from tests.browser.test_worklist_journey import axe_violations

pytestmark = pytest.mark.browser


def _first_pathway(sign_in):
    page = sign_in("koordinator")
    page.locator("tbody a").first.click()
    page.get_by_role("heading", name="Forløpstider").wait_for()
    return page


def test_refused_change_of_setting_focuses_the_error_summary(sign_in):
    page = _first_pathway(sign_in)
    page.get_by_role("link", name="Endre omsorgsnivå").click()
    page.get_by_role("heading", name="Endre omsorgsnivå").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Gjelder fra").fill("2000-01-03")
    page.get_by_role("button", name="Lagre endring av omsorgsnivå").click()
    page.locator(".ds-error-summary").wait_for()
    focused = page.evaluate("document.activeElement.classList.contains('ds-error-summary')")
    assert (focused, axe_violations(page)) == (True, [])


def test_move_and_transfer_pages_pass_axe(sign_in):
    page = _first_pathway(sign_in)
    page.get_by_role("link", name="Flytt til annen enhet i helseforetaket").click()
    page.get_by_role("heading", name="Flytt til annen enhet i helseforetaket").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Tilbake til forløpet").click()
    page.get_by_role("link", name="Overfør til annet helseforetak").click()
    page.get_by_role("heading", name="Overfør til annet helseforetak").wait_for()
    assert axe_violations(page) == []


@pytest.mark.parametrize("name", ["Endre omsorgsnivå", "Flytt til annen enhet i helseforetaket",
                                  "Overfør til annet helseforetak"])
def test_page_reflows_at_320_pixels(sign_in, name):
    page = _first_pathway(sign_in)
    page.set_viewport_size({"width": 320, "height": 640})
    page.get_by_role("link", name=name).click()
    page.get_by_role("heading", name=name).wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
