"""One pathway across the levels (issue 15, docs/municipality.md, docs/gp.md, ADR 59):
the specialist coordinator records the patient's consent to share plans with the
municipality and sends the coordinating unit a notice of need; the unit's lead appoints
the municipal coordinator from that notice; the specialist coordinator plans a
collaboration meeting with the municipality, which the municipal coordinator finds on
their worklist; the meeting is held and minuted, the closure checklist filled and the
follow-up plan sent; the municipal coordinator confirms it; the specialist closes; the
GP reads the feedback and the closure message and finds the pathway among the closed
ones. Axe on every page (0 violations).

The demo server is shared with other journeys: this one works on an adult pathway no
other journey picks (the oldest candidate; the care journey takes the newest) and finds
its rows by the patient's name and by the texts it wrote itself."""

import datetime as dt
import re
import sqlite3
from zoneinfo import ZoneInfo

import pytest

from forlop.demo.users import DEMO_PASSWORD
from tests.browser.test_worklist_journey import axe_violations

pytestmark = pytest.mark.browser

PLACE = "Demo rådhus, møterom 7 (på tvers av nivåene)"
NEXT_STEPS = "Samtaler på DPS hver uke til avslutning; fastlegen følger opp søvnen."


@pytest.fixture(scope="module")
def shared_pathway(demo_server, tmp_path_factory):
    """(id, patient name): an open adult pathway with a coordinator, not Per Pasient's,
    not just started (the register journey's), with no follow-up plan sent (not the
    demo's awaiting one), no meetings, no notice and no municipal coordinator yet; its
    patient lives in the first demo municipality (``kommune``'s) and is on the list of
    the first GP office (``fastlege``'s). The oldest such: the care journey takes the
    newest."""
    (db,) = tmp_path_factory.getbasetemp().glob("demo[0-9]*/demo.sqlite3")
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT p.id, pt.name FROM pathways_pathway p"
            " JOIN pathways_pathwaystate s ON s.pathway_id = p.id"
            " JOIN patients_patient pt ON pt.id = p.patient_id"
            " WHERE p.type = 'voksne' AND p.is_open AND pt.user_id IS NULL"
            " AND s.state != 'started' AND p.coordinator_id IS NOT NULL"
            " AND pt.municipality_id = (SELECT MIN(id) FROM organisations_municipality)"
            " AND pt.gp_office_id = (SELECT MIN(id) FROM organisations_gpoffice)"
            " AND p.id NOT IN (SELECT pathway_id FROM followup_followuprequest)"
            " AND p.id NOT IN (SELECT pathway_id FROM collaboration_meeting)"
            " AND pt.id NOT IN (SELECT patient_id FROM municipal_neednotice"
            " WHERE patient_id IS NOT NULL)"
            " AND pt.id NOT IN (SELECT patient_id FROM municipal_coordinatorappointment"
            " WHERE patient_id IS NOT NULL)"
            " AND (SELECT COUNT(*) FROM patients_patient o WHERE o.name = pt.name) = 1"
            " ORDER BY p.id LIMIT 1").fetchone()
    assert row is not None, "the demo has no pathway for this journey"
    return row


def signed_in(browser, demo_server, username):
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{demo_server}/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()
    return context, page


def test_one_pathway_across_the_levels(browser, demo_server, shared_pathway):
    pk, name = shared_pathway
    today = dt.datetime.now(ZoneInfo("Europe/Oslo")).date()
    base = f"{demo_server}/forlop/{pk}"

    # The specialist coordinator: consent to share plans with the municipality, then a
    # notice of need to the coordinating unit, and feedback to the GP.
    context, page = signed_in(browser, demo_server, "koordinator")
    page.goto(f"{base}/")
    page.get_by_role("link", name="Samtykker til deling").click()
    page.get_by_label("Hvem skal få se").select_option(value="municipality")
    page.get_by_label("Hva skal deles").select_option(value="plans")
    page.get_by_role("button", name="Registrer samtykke").click()
    page.get_by_text("Samtykket er registrert.").wait_for()
    assert axe_violations(page) == []

    page.goto(f"{base}/melding-om-behov/")
    page.get_by_role("heading", name="Meld behov til kommunen").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("individuell plan og koordinator").check()
    page.get_by_label("Beskriv behovet").fill(
        "Trenger koordinator i kommunen og individuell plan før avslutning på DPS.")
    page.get_by_label("Pasienten er enig i at meldingen sendes til kommunen").check()
    page.get_by_role("button", name="Send meldingen").click()
    page.get_by_text("Meldingen er sendt til koordinerende enhet i kommunen.").wait_for()
    assert axe_violations(page) == []

    page.goto(f"{base}/tilbakemelding/")
    page.get_by_label("Hva skjer videre").fill(NEXT_STEPS)
    assert axe_violations(page) == []
    page.get_by_role("button", name=re.compile("^Send")).click()
    page.get_by_text("Tilbakemeldingen er sendt til", exact=False).wait_for()
    context.close()

    # The coordinating unit's lead appoints Kjell from that notice.
    context, page = signed_in(browser, demo_server, "ke-leder")
    page.goto(f"{demo_server}/kommune/koordinerende-enhet/")
    page.get_by_role("heading", name="Meldinger om behov som venter").wait_for()
    assert axe_violations(page) == []
    page.locator("a[href*='/kommune/koordinerende-enhet/meldinger/']",
                 has_text=name).first.click()
    page.get_by_role("heading", name="Oppnevn kommunal koordinator").wait_for()
    page.get_by_text(name).first.wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Kommunal koordinator", exact=True).select_option(
        label="Kjell Kommunekoordinator")
    page.get_by_label("Tjenesten som er mest involvert").fill("Psykisk helsetjeneste")
    page.get_by_label("Telefon").fill("400 00 777")
    page.get_by_role("button", name="Oppnevn koordinator").click()
    page.get_by_text("Koordinatoren er oppnevnt, og meldingen er behandlet.").wait_for()
    assert axe_violations(page) == []
    context.close()

    # The specialist coordinator plans a meeting with the municipality, today.
    context, page = signed_in(browser, demo_server, "koordinator")
    page.goto(f"{base}/")
    page.get_by_role("link", name="Samarbeidsmøter").click()
    page.get_by_label("Dato", exact=True).fill(today.isoformat())
    page.get_by_label("Klokkeslett").fill("00:05")
    page.get_by_label("fysisk møte").check()
    page.get_by_label("Sted eller videolenke").fill(PLACE)
    page.get_by_label("Saksliste").fill("Oppfølging i kommunen og avslutning")
    page.get_by_label("Avsluttende samarbeidsmøte før avslutning").check()
    page.get_by_label(re.compile(r"^Demo kommune \(samtykke")).check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Planlegg møtet").click()
    page.get_by_text(re.compile(r"Samarbeidsmøtet \S+ er planlagt\.")).wait_for()
    meeting_url = page.url
    assert axe_violations(page) == []

    # The municipal coordinator: the person and the invitation on the worklist.
    municipal, mpage = signed_in(browser, demo_server, "kommune")
    mpage.goto(f"{demo_server}/kommune/")
    mpage.get_by_role("heading", name="Mine personer").wait_for()
    mpage.get_by_text(name).first.wait_for()
    mpage.get_by_text(PLACE).wait_for()
    assert axe_violations(mpage) == []

    # The meeting is held and minuted; the closure checklist names it, and the
    # follow-up plan goes to the municipality.
    page.goto(meeting_url)
    page.get_by_label("Referat").fill(
        "Kjell Kommunekoordinator og pasienten deltok. Enige om avslutning og plan.")
    page.get_by_role("button", name="Lagre referatet").click()
    page.get_by_text("Møtet er registrert som indirekte kontakt.", exact=False).wait_for()
    assert axe_violations(page) == []
    page.goto(f"{base}/avslutning/")
    page.get_by_label("Pasienten er enig i avslutningen").check()
    page.get_by_label("Spesialisthelsetjenesten er enig i avslutningen").check()
    page.get_by_label("Skriftlig plan for oppfølging i kommunen").fill(
        "Psykisk helsetjeneste: samtale hver uke i tre måneder; fastlegen følger opp søvn.")
    page.get_by_label("Ansvarlig fagperson i kommunen (navn og tjeneste)").fill(
        "Kjell Kommunekoordinator, psykisk helsetjeneste")
    page.get_by_label("Avsluttende samarbeidsmøte").select_option(index=1)
    page.get_by_label("Hjelpebehov ved avslutning").fill("Støttesamtaler og arbeidstrening")
    page.get_by_label("Pasient og pårørende vet hvor de skal henvende seg").check()
    page.get_by_label("Risikovurderinger (selvmord, vold) er overlevert").check()
    page.get_by_label("Overlevert til (fastlege, kommunal tjeneste)").fill("Fastlegen")
    page.get_by_label("Avslutningsdato").fill(today.isoformat())
    page.get_by_role("button", name="Avslutt forløpet").click()
    summary = page.locator(".ds-error-summary")
    summary.wait_for()  # refused: the municipality has not confirmed yet
    assert "kommunen har bekreftet oppfølgingsplanen" in summary.inner_text()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Lagre sjekklisten").click()
    page.get_by_text("Sjekklisten er lagret.").wait_for()
    page.get_by_role("link", name="Send oppfølgingsplanen til kommunen og be den bekrefte").click()
    page.get_by_role("heading", name="Oppfølgingsplan til kommunen").wait_for()
    page.get_by_role("button", name="Send og be om bekreftelse").click()
    page.get_by_text("Venter på kommunens bekreftelse", exact=False).wait_for()
    assert axe_violations(page) == []

    # The municipal coordinator confirms that the municipality has taken over.
    mpage.goto(f"{demo_server}/oppfolgingsplaner/")
    assert axe_violations(mpage) == []
    mpage.locator(f"a[href='/forlop/{pk}/oppfolgingsplan/bekreft/']").click()
    mpage.get_by_text("Kjell Kommunekoordinator, psykisk helsetjeneste").first.wait_for()
    assert axe_violations(mpage) == []
    mpage.get_by_label(re.compile("^Kommunen har overtatt oppfølgingen")).check()
    mpage.get_by_role("button", name="Bekreft", exact=True).click()
    mpage.get_by_text("Takk! Spesialisthelsetjenesten ser", exact=False).wait_for()
    assert axe_violations(mpage) == []
    municipal.close()

    # The specialist closes.
    page.goto(f"{base}/avslutning/")
    page.get_by_label("Avslutningsdato").fill(today.isoformat())
    page.get_by_role("button", name="Avslutt forløpet").click()
    page.get_by_text("Forløpet er avsluttet.").wait_for()
    page.locator("#pathway-facts").get_by_text("Avsluttet").wait_for()
    assert axe_violations(page) == []
    context.close()

    # The GP: the feedback and the closure in the inbox, the pathway among the closed.
    context, page = signed_in(browser, demo_server, "fastlege")
    page.goto(f"{demo_server}/meldinger/")
    page.get_by_role("heading", name="Meldinger", exact=True).wait_for()
    assert axe_violations(page) == []
    rows = page.locator("tr", has_text=name)
    rows.filter(has_text="Tilbakemelding etter").first.get_by_role("link").click()
    page.get_by_text(NEXT_STEPS, exact=False).first.wait_for()
    assert axe_violations(page) == []
    page.goto(f"{demo_server}/meldinger/")
    rows.filter(has_text=f"Pakkeforløpet er avsluttet: {name}").first.get_by_role(
        "link").click()
    page.get_by_text("Kjell Kommunekoordinator, psykisk helsetjeneste",
                     exact=False).first.wait_for()
    assert axe_violations(page) == []

    page.goto(f"{demo_server}/fastlege/?vis=avsluttede")
    page.get_by_role("heading", name="Mine pasienters forløp").wait_for()
    page.locator("tr", has_text=name).first.wait_for()
    assert axe_violations(page) == []
    context.close()
