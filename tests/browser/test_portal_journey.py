"""The patient's own pages in a real browser: Min side, the access log, giving and
revoking consent, barring and lifting a bar on a unit; axe-clean on every page."""

import re

import pytest

from tests.browser.test_worklist_journey import axe_violations

pytestmark = pytest.mark.browser


def heading(page, name):
    page.get_by_role("heading", level=1, name=name).wait_for()
    assert axe_violations(page) == []


def test_patient_walks_through_min_side(sign_in):
    page = sign_in("pasient")  # the start page sends a patient to Min side
    heading(page, "Min side")
    assert page.get_by_role("heading", level=3, name="Der du er nå").count() >= 1

    page.get_by_role("link", name="Hvem har sett journalen din").click()
    heading(page, "Hvem har sett journalen din")
    assert page.get_by_text("Kari Koordinator så på forløpet.").count() >= 1

    page.get_by_role("link", name="Samtykke", exact=True).click()
    heading(page, "Samtykke")
    page.get_by_label("Planer og avtaler").check()
    page.get_by_role("button", name="Gi samtykke").click()
    page.get_by_role("status").filter(has_text="Du har gitt samtykke til").wait_for()
    assert axe_violations(page) == []
    # Newest first: the consent just given is the first one that can be revoked.
    page.get_by_role("button", name=re.compile("^Trekk tilbake samtykket til")).first.click()
    page.get_by_role("status").filter(has_text="er trukket tilbake").wait_for()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Sperring", exact=True).click()
    heading(page, "Sperring")
    unit = page.get_by_label("Enhet", exact=True)
    chosen = unit.locator("option").nth(1).inner_text()
    unit.select_option(label=chosen)
    page.get_by_role("button", name="Sperr enheten").click()
    page.get_by_role("status").filter(has_text="er sperret fra journalen din").wait_for()
    assert axe_violations(page) == []
    name = chosen.split(" (")[0]
    page.get_by_role("button", name=f"Opphev sperringen av {name}").click()
    page.get_by_role("status").filter(has_text=f"Sperringen av {name} er opphevet.").wait_for()
    assert axe_violations(page) == []
