"""A coordinator registers and corrects on the pathway page, on a desktop and on a
375 px phone: first attendance, a clinical decision the rules refuse (and why),
the same decision registered right, a correction with a reason. Axe on each page."""

import datetime as dt
import sqlite3
from zoneinfo import ZoneInfo

import pytest

from forlop.demo.users import DEMO_PASSWORD
from tests.browser.test_worklist_journey import axe_violations

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def shown(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


@pytest.fixture(scope="module")
def started_pathways(demo_server, tmp_path_factory):
    """Two open pathways, started and not yet attended, each with a coordinator of its
    unit (the demo's pathways are drawn relative to today, so the units vary)."""
    (db,) = tmp_path_factory.getbasetemp().glob("demo[0-9]*/demo.sqlite3")
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT p.id, p.started_on, u.username FROM pathways_pathway p"
            " JOIN pathways_pathwaystate s ON s.pathway_id = p.id"
            " JOIN accounts_roleassignment r ON r.unit_id = p.unit_id"
            " JOIN accounts_user u ON u.id = r.user_id"
            " WHERE r.role = 'coordinator' AND s.state = 'started' AND p.is_open"
            " ORDER BY p.id LIMIT 2").fetchall()
    return {name: (pk, dt.date.fromisoformat(on), user)
            for name, (pk, on, user) in zip(VIEWPORTS, rows, strict=True)}


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_register_refuse_register_and_correct(browser, demo_server, started_pathways, device):
    pk, started_on, coordinator = started_pathways[device]
    today = dt.datetime.now(ZoneInfo("Europe/Oslo")).date()
    context = browser.new_context(locale="nb-NO", viewport=VIEWPORTS[device])
    page = context.new_page()
    page.goto(f"{demo_server}/")
    page.get_by_label("Brukernavn").fill(coordinator)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.goto(f"{demo_server}/forlop/{pk}/")
    page.get_by_role("heading", name="Registrer hendelse").wait_for()
    assert page.evaluate("typeof window.htmx") == "object"  # loaded under the strict CSP
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # reflows
    assert axe_violations(page) == []

    page.get_by_label("Hendelse", exact=True).select_option(label="Første oppmøte")
    page.get_by_label("Dato", exact=True).fill(today.isoformat())
    page.get_by_role("button", name="Registrer", exact=True).click()
    page.get_by_text(f"Første oppmøte {shown(today)} er registrert.").wait_for()
    page.locator("#pathway-facts").get_by_text("Under utredning").wait_for()

    tomorrow = today + dt.timedelta(days=1)
    page.get_by_label("Hendelse", exact=True).select_option(label="Klinisk beslutning")
    page.get_by_label("Utfall", exact=True).select_option(label="behandling i psykisk helsevern")
    page.get_by_label("Dato", exact=True).fill(tomorrow.isoformat())
    page.get_by_role("button", name="Registrer", exact=True).click()
    summary = page.locator(".ds-error-summary")
    summary.wait_for()
    assert f"er datert {shown(tomorrow)}, etter i dag" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert axe_violations(page) == []

    page.get_by_label("Dato", exact=True).fill(today.isoformat())
    page.get_by_role("button", name="Registrer", exact=True).click()
    page.get_by_text("Klinisk beslutning: behandling i psykisk helsevern "
                     f"{shown(today)} er registrert.").wait_for()
    assert axe_violations(page) == []

    page.get_by_role("link", name=f"Korriger Første oppmøte {shown(today)}").click()
    page.get_by_label("Riktig dato").fill(started_on.isoformat())
    page.get_by_label("Begrunnelse").fill("Pasienten møtte første gang på startdagen")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Lagre rettelsen").click()
    page.get_by_text("Korrigert av").wait_for()
    assert page.locator("del", has_text="Første oppmøte").count() == 1
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
