"""The treatment plan made with the patient, in a real browser: the coordinator
writes the plan with the patient's goals; the patient signs in on a 375 px phone,
reads and co-signs it, and answers the self-report; the coordinator sees the
signature and the answer on the pathway page; the relative reads what the consent
shares and leaves a word. Axe-clean on every page, no sideways scrolling on the phone.
"""

import sqlite3

import pytest

from forlop.demo.users import DEMO_PASSWORD
from tests.browser.test_worklist_journey import axe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
GOAL = "Jeg vil klare å handle i butikken alene innen sommeren."


@pytest.fixture(scope="module")
def per(demo_server, tmp_path_factory):
    """Per Pasient's open pathway (the demo gives it a plan awaiting his signature)."""
    (db,) = tmp_path_factory.getbasetemp().glob("demo[0-9]*/demo.sqlite3")
    with sqlite3.connect(db) as conn:
        (pk,) = conn.execute(
            "SELECT p.id FROM pathways_pathway p JOIN patients_patient pt"
            " ON pt.id = p.patient_id JOIN accounts_user u ON u.id = pt.user_id"
            " WHERE u.username = 'pasient' AND p.is_open ORDER BY p.id LIMIT 1").fetchone()
    return pk


def signed_in(browser, demo_server, username, viewport=None):
    context = browser.new_context(locale="nb-NO", **({"viewport": viewport} if viewport
                                                      else {}))
    page = context.new_page()
    page.goto(f"{demo_server}/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()
    return context, page


def clean(page, heading):
    page.get_by_role("heading", level=1, name=heading).wait_for()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def status(page, text):
    page.get_by_role("status").filter(has_text=text).wait_for()


def test_plan_written_co_signed_on_a_phone_and_answered(browser, demo_server, per):
    staff, coordinator = signed_in(browser, demo_server, "koordinator")
    coordinator.goto(f"{demo_server}/forlop/{per}/")
    section = coordinator.get_by_role("region", name="Behandlingsplan")
    section.get_by_text("venter på pasientens signatur").wait_for()
    section.get_by_role("link", name="Endre planen").click()
    clean(coordinator, "Endre behandlingsplan (nå versjon 1): Per Pasient")
    coordinator.get_by_label("Pasientens egne mål").fill(GOAL)
    coordinator.locator("#id_tiltak-3-what").fill("Handle sammen med miljøterapeut")
    coordinator.locator("#id_tiltak-3-who").fill("Miljøterapeut")
    coordinator.locator("#id_tiltak-3-by").fill("2027-03-01")
    coordinator.get_by_label("Hva er endret, og hvorfor?").fill("Nytt mål fra samtalen")
    coordinator.get_by_role("button", name="Lagre ny versjon").click()
    status(coordinator, "lagret som versjon 2")
    clean(coordinator, "Behandlingsplan: Per Pasient")
    coordinator.get_by_role("link", name="Versjoner og endringer").click()
    clean(coordinator, "Versjoner av behandlingsplanen: Per Pasient")
    assert coordinator.get_by_text("Nytt mål fra samtalen").count() == 1

    mine, patient = signed_in(browser, demo_server, "pasient", PHONE)
    clean(patient, "Min side")
    patient.get_by_role("link", name="Les og signer behandlingsplanen").first.click()
    clean(patient, "Behandlingsplanen din")
    patient.get_by_text(GOAL).wait_for()
    patient.get_by_role("button", name="Signer planen").click()  # box not ticked
    patient.locator(".ds-error-summary").wait_for()
    clean(patient, "Behandlingsplanen din")
    patient.get_by_label("Jeg har lest planen og er enig i den").check()
    patient.get_by_role("button", name="Signer planen").click()
    status(patient, "Takk! Du signerte planen")
    clean(patient, "Behandlingsplanen din")
    patient.get_by_role("link", name="Fortell hvordan det går før neste evaluering").click()
    clean(patient, "Før neste evaluering")
    patient.get_by_label("Hvordan går det med deg nå?").fill("Litt bedre, sover seks timer.")
    patient.get_by_label("Hva vil du snakke om på neste evaluering?").fill("Jobben")
    patient.get_by_role("button", name="Send til behandleren").click()
    status(patient, "Behandleren din ser svaret ditt")
    clean(patient, "Før neste evaluering")
    mine.close()

    coordinator.goto(f"{demo_server}/forlop/{per}/")
    section = coordinator.get_by_role("region", name="Behandlingsplan")
    section.get_by_text("signert av pasienten").wait_for()
    section.get_by_text("Litt bedre, sover seks timer.").wait_for()
    assert axe_violations(coordinator) == []
    coordinator.get_by_role("link", name="Se planen").click()
    clean(coordinator, "Behandlingsplan: Per Pasient")
    coordinator.get_by_text("pasienten signerte versjon 2").wait_for()
    staff.close()


def test_relative_reads_the_shared_plan_and_leaves_a_word(browser, demo_server, per):
    context, relative = signed_in(browser, demo_server, "parorende", PHONE)
    clean(relative, "Delt med deg")
    relative.locator(f"a[href='/parorende/forlop/{per}/']").click()
    clean(relative, "Per Pasient: Psykisk helsevern voksne")
    relative.get_by_role("heading", name="Kriseplan og mestring").wait_for()
    assert relative.get_by_role("heading", name="Pasientens egne mål").count() == 0
    relative.get_by_label("Melding til behandleren").fill("Han har begynt å gå turer.")
    relative.get_by_role("button", name="Send beskjed").click()
    status(relative, "Meldingen er lagret")
    clean(relative, "Per Pasient: Psykisk helsevern voksne")
    context.close()
