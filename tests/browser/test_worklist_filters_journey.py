"""The worklist's filters, saved views and caseload pages in a browser: no JavaScript
needed, 0 axe violations, and no sideways scrolling at 320 CSS px (WCAG 1.4.10)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser


def axe_violations(page):
    return [v["id"] for v in Axe().run(page).response["violations"]]


def test_filter_the_worklist_to_mine_overdue_now(sign_in):
    page = sign_in("koordinator")
    page.get_by_label("Forløpskoordinator").select_option("me")
    page.get_by_label("Status").select_option("overdue")
    page.get_by_role("button", name="Vis").click()
    page.get_by_role("heading", name="Arbeidsliste").wait_for()
    assert "coordinator=me&status=overdue" in page.url


def test_a_filtered_worklist_has_no_axe_violations(sign_in, demo_server):
    page = sign_in("koordinator")
    page.goto(f"{demo_server}/?coordinator=me&status=overdue")
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/arbeidsliste/visninger/", "/arbeidsliste/koordinatorer/",
                                  "/arbeidsliste/visninger/ny/?status=overdue",
                                  "/arbeidsliste/koordinatorer/bytt/?fra=none"])
def test_worklist_pages_have_no_axe_violations(sign_in, demo_server, path):
    page = sign_in("koordinator")
    page.goto(f"{demo_server}{path}")
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/?coordinator=me", "/arbeidsliste/koordinatorer/",
                                  "/arbeidsliste/koordinatorer/bytt/?fra=none"])
def test_worklist_pages_reflow_at_320_px(sign_in, demo_server, path):
    page = sign_in("koordinator")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{demo_server}{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
