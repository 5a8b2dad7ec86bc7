"""Care around the clock, end to end: the clinician registers a relative with an
account, records the patient's consent for her (only this patient's relatives are
offered), runs an evaluation with the checklist and plans a meeting with her; the
coordinator finds the agreed action on the worklist and closes the pathway through
the checklist, refused first with what is missing; closure across levels (ADR 59):
the coordinator asks the municipality to confirm the follow-up plan, the municipal
coordinator confirms it, and only then the pathway closes; the GP reads the closure
message. Axe on every page."""

import datetime as dt
import re
import sqlite3
from zoneinfo import ZoneInfo

import pytest

from forlop.demo.users import DEMO_PASSWORD
from tests.browser.test_reflow import NARROW, overflow
from tests.browser.test_worklist_journey import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def adult_pathway(demo_server, tmp_path_factory):
    """An open adult pathway of the coordinator's unit that no other journey uses:
    not Per Pasient's, not one just started (the register journey's), not the demo's
    follow-up plan awaiting confirmation, the newest; its patient lives in the first
    demo municipality (the municipal coordinator ``kommune``'s)."""
    (db,) = tmp_path_factory.getbasetemp().glob("demo[0-9]*/demo.sqlite3")
    with sqlite3.connect(db) as conn:
        (pk,) = conn.execute(
            "SELECT p.id FROM pathways_pathway p"
            " JOIN pathways_pathwaystate s ON s.pathway_id = p.id"
            " JOIN patients_patient pt ON pt.id = p.patient_id"
            " WHERE p.type = 'voksne' AND p.is_open AND pt.user_id IS NULL"
            " AND s.state != 'started' AND p.coordinator_id IS NOT NULL"
            " AND pt.municipality_id = (SELECT MIN(id) FROM organisations_municipality)"
            " AND p.id NOT IN (SELECT pathway_id FROM followup_followuprequest)"
            " ORDER BY p.id DESC LIMIT 1").fetchone()
    return pk


def signed_in(browser, demo_server, username):
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{demo_server}/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("heading", name="Arbeidsliste").wait_for()
    return context, page


def test_evaluation_meeting_and_closure(browser, demo_server, adult_pathway):
    today = dt.datetime.now(ZoneInfo("Europe/Oslo")).date()
    base = f"{demo_server}/forlop/{adult_pathway}"
    context, page = signed_in(browser, demo_server, "behandler")

    # The relatives register: Pia, with her own account, so consent can name her.
    page.goto(f"{base}/")
    page.get_by_role("link", name="Pårørende og barn som pårørende").click()
    page.get_by_label("Navn", exact=True).fill("Pia Pårørende")
    page.get_by_label("Relasjon til pasienten").select_option(label="ektefelle/samboer/partner")
    page.get_by_label("Brukernavn i Forløp (valgfritt)").fill("parorende")
    page.get_by_role("button", name="Legg til i pårørendelisten").click()
    page.get_by_text("Pia Pårørende er lagt til i pårørendelisten.").wait_for()
    assert axe_violations(page) == []

    # Consent: this patient's Pia is offered; Per Pasient's Tor is not.
    page.goto(f"{base}/")
    page.get_by_role("link", name="Samtykker til deling").click()
    person = page.get_by_label("Person (pårørende eller samarbeidspart)")
    offered = person.locator("option").all_inner_texts()
    assert (any("Pia" in o for o in offered), any("Tor" in o for o in offered)) == (True, False)
    page.get_by_label("Hvem skal få se").select_option(value="relative")
    person.select_option(label=next(o for o in offered if "Pia" in o))
    page.get_by_label("Hva skal deles").select_option(value="plans")
    page.get_by_role("button", name="Registrer samtykke").click()
    page.get_by_text("Samtykket er registrert.").wait_for()
    # ... and with the municipality, plans included (it confirms the follow-up plan).
    page.get_by_label("Hvem skal få se").select_option(value="municipality")
    page.get_by_label("Hva skal deles").select_option(value="plans")
    page.get_by_role("button", name="Registrer samtykke").click()
    page.get_by_text("Samtykket er registrert.").wait_for()

    # The evaluation with the checklist.
    page.goto(f"{base}/")
    page.get_by_role("link", name=re.compile("^Evaluering")).click()
    page.get_by_role("heading", name="Evaluering av behandlingen").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("ja, behandlingen er fortsatt riktig").check()
    page.get_by_label("Fremgang på pasientens mål").fill("Sover bedre, tilbake i jobb 50 %.")
    page.get_by_label("Pasienten medvirket i evalueringen").check()
    page.get_by_label("Standardisert verktøy for symptomer eller funksjon").select_option(
        label="HoNOS")
    page.get_by_label("Skår", exact=True).fill("11")
    page.get_by_label("Tatt opp: søvn").check()
    page.get_by_label("Avtalt om søvn").fill("Søvndagbok i to uker")
    page.get_by_label("pasienten har ikke mindreårige barn eller søsken").check()
    page.get_by_label("Pasienten er spurt om hvor fornøyd hen er med behandlingen").check()
    page.get_by_role("button", name="Lagre evalueringen").click()
    page.get_by_text(re.compile(r"Evalueringen \S+ er registrert\.")).wait_for()
    page.locator("#closure-status").wait_for()  # closure planning shows from now on
    assert axe_violations(page) == []

    # A meeting with the consented relative, held today, with an action.
    page.get_by_role("link", name="Samarbeidsmøter").click()
    page.get_by_label("Dato", exact=True).fill(today.isoformat())
    page.get_by_label("Klokkeslett").fill("08:00")
    page.get_by_label("videomøte").check()
    page.get_by_label("Sted eller videolenke").fill("Video")
    page.get_by_label("Saksliste").fill("Evaluering og avslutning")
    page.get_by_label("Avsluttende samarbeidsmøte før avslutning").check()
    page.get_by_label(re.compile(r"^Pia Pårørende \(samtykke")).check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Planlegg møtet").click()
    page.get_by_text(re.compile(r"Samarbeidsmøtet \S+ er planlagt\.")).wait_for()
    # The meeting page (its URL names a meeting, so it is checked here rather than in
    # test_reflow's table): it reflows at 320 px and stays axe-clean there.
    wide = page.viewport_size
    page.set_viewport_size(NARROW)
    assert (overflow(page), axe_violations(page)) == (0, [])
    page.set_viewport_size(wide)
    page.get_by_label("Referat").fill("Pia og pasienten deltok. Enige om avslutning.")
    page.get_by_role("button", name="Lagre referatet").click()
    page.get_by_text("Møtet er registrert som indirekte kontakt.", exact=False).wait_for()
    page.get_by_label("Tiltak", exact=True).fill("Sende oppfølgingsplan til kommunen")
    page.get_by_label("Ansvarlig").select_option(label="Kari Koordinator")
    page.get_by_label("Frist").fill((today + dt.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Legg til tiltaket").click()
    page.get_by_text("Tiltaket er lagt til på arbeidslisten").wait_for()
    assert axe_violations(page) == []
    context.close()

    # The coordinator: the action on the worklist, then the closure checklist.
    context, page = signed_in(browser, demo_server, "koordinator")
    page.get_by_role("heading", name="Mine tiltak fra samarbeidsmøter").wait_for()
    page.get_by_text("Sende oppfølgingsplan til kommunen", exact=False).wait_for()
    assert axe_violations(page) == []
    page.goto(f"{base}/avslutning/")
    page.get_by_label("Pasienten er enig i avslutningen").check()
    page.get_by_label("Avslutningsdato").fill(today.isoformat())
    page.get_by_role("button", name="Avslutt forløpet").click()
    summary = page.locator(".ds-error-summary")
    summary.wait_for()
    assert "ansvarlig fagperson i kommunen" in summary.inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Spesialisthelsetjenesten er enig i avslutningen").check()
    page.get_by_label("Skriftlig plan for oppfølging i kommunen").fill(
        "Psykisk helsetjeneste: samtale annenhver uke; fastlegen følger opp medisiner.")
    page.get_by_label("Ansvarlig fagperson i kommunen (navn og tjeneste)").fill(
        "Kjell Kommunekoordinator, psykisk helse")
    page.get_by_label("Avsluttende samarbeidsmøte").select_option(index=1)
    page.get_by_label("Hjelpebehov ved avslutning").fill("Støttesamtaler og arbeidstrening")
    page.get_by_label("Pasient og pårørende vet hvor de skal henvende seg").check()
    page.get_by_label("Risikovurderinger (selvmord, vold) er overlevert").check()
    page.get_by_label("Overlevert til (fastlege, kommunal tjeneste)").fill("Fastlegen")
    page.get_by_label("Avslutningsdato").fill(today.isoformat())
    page.get_by_role("button", name="Avslutt forløpet").click()
    # Closure across levels: refused until the municipality confirms the plan.
    summary.wait_for()
    assert "kommunen har bekreftet oppfølgingsplanen" in summary.inner_text()
    page.get_by_role("button", name="Lagre sjekklisten").click()
    page.get_by_text("Sjekklisten er lagret.").wait_for()
    page.get_by_role("link", name="Send oppfølgingsplanen til kommunen og be den bekrefte").click()
    page.get_by_role("heading", name="Oppfølgingsplan til kommunen").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Send og be om bekreftelse").click()
    page.get_by_text("Venter på kommunens bekreftelse", exact=False).wait_for()
    assert axe_violations(page) == []

    # The municipal coordinator confirms that the municipality has taken over.
    municipal, mpage = signed_in(browser, demo_server, "kommune")
    mpage.goto(f"{demo_server}/oppfolgingsplaner/")
    mpage.locator(f"a[href='/forlop/{adult_pathway}/oppfolgingsplan/bekreft/']").click()
    mpage.get_by_text("Kjell Kommunekoordinator, psykisk helse").wait_for()
    assert axe_violations(mpage) == []
    mpage.get_by_label(re.compile("^Kommunen har overtatt oppfølgingen")).check()
    mpage.get_by_role("button", name="Bekreft", exact=True).click()
    mpage.get_by_text("Takk! Spesialisthelsetjenesten ser", exact=False).wait_for()
    assert axe_violations(mpage) == []
    municipal.close()

    # Now the coordinator closes.
    page.goto(f"{base}/avslutning/")
    page.get_by_label("Avslutningsdato").fill(today.isoformat())
    page.get_by_role("button", name="Avslutt forløpet").click()
    page.get_by_text("Forløpet er avsluttet.").wait_for()
    page.locator("#pathway-facts").get_by_text("Avsluttet").wait_for()
    assert axe_violations(page) == []
    context.close()

    # The GP office is told: the closure message, with who follows up in the municipality.
    gp, gpage = signed_in(browser, demo_server, "fastlege")
    gpage.goto(f"{demo_server}/meldinger/")
    gpage.get_by_role("link", name=re.compile("^Pakkeforløpet er avsluttet")).first.click()
    gpage.get_by_text("Kjell Kommunekoordinator, psykisk helse", exact=False).wait_for()
    assert axe_violations(gpage) == []
    gp.close()
