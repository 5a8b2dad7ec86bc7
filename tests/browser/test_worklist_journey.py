import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser


def axe_violations(page):
    return [v["id"] for v in Axe().run(page).response["violations"]]


def test_coordinator_signs_in_and_sees_the_worklist(sign_in):
    page = sign_in("koordinator")
    page.get_by_role("heading", name="Arbeidsliste").wait_for()
    assert page.get_by_role("row").count() > 1


def test_worklist_rows_carry_a_time_status(sign_in):
    page = sign_in("rus")
    page.get_by_role("heading", name="Arbeidsliste").wait_for()
    statuses = set(page.locator("tbody td:last-child .ds-tag").all_inner_texts())
    # Not empty (an empty set is a subset of anything), and only known labels.
    assert statuses
    assert statuses <= {"Fristbrudd nå", "Fristbrudd nå (pasientårsak)", "Tidligere fristbrudd",
                        "Tidligere fristbrudd (pasientårsak)", "Frist snart", "I rute",
                        "Ingen frist"}


def test_wrong_password_is_refused_with_a_message(page, demo_server):
    page.goto(f"{demo_server}/logg-inn/")
    page.get_by_label("Brukernavn").fill("koordinator")
    page.get_by_label("Passord").fill("feil-passord-123")
    page.get_by_role("button", name="Logg inn").click()
    assert "Feil brukernavn eller passord" in page.get_by_role("alert").inner_text()


def test_login_page_has_no_axe_violations(page, demo_server):
    page.goto(f"{demo_server}/logg-inn/")
    assert axe_violations(page) == []


def test_worklist_has_no_axe_violations(sign_in):
    page = sign_in("koordinator")
    page.get_by_role("heading", name="Arbeidsliste").wait_for()
    assert axe_violations(page) == []


def test_switching_to_nynorsk(sign_in):
    page = sign_in("koordinator")
    page.get_by_label("Målform").select_option("nn")
    page.get_by_role("button", name="Bytt").click()
    page.get_by_role("button", name="Logg ut").wait_for()
    assert page.locator("html").get_attribute("lang") == "nn"


def test_nynorsk_worklist_has_no_axe_violations(sign_in):
    page = sign_in("koordinator")
    page.get_by_label("Målform").select_option("nn")
    page.get_by_role("button", name="Bytt").click()
    page.get_by_role("link", name="Hopp til hovudinnhald").wait_for(state="attached")
    assert axe_violations(page) == []
