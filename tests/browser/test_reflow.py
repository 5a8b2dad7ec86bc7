"""WCAG 1.4.10 Reflow: every page a demo persona reaches works at 320 CSS pixels
wide without scrolling sideways.

``PAGES`` is the one table: a new page is one line (who, the URL name, whether the
URL needs a pathway the persona sees). The pathway is the first one on that
persona's worklist, or their own on Min side, or the first shared with a relative.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from forlop.demo.users import DEMO_PASSWORD

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}

# The third field: False, True (a pathway id), or one of these.
PATIENT = "patient"  # Per Pasient's id (his individual plan)
AWAITING = "awaiting"  # the pathway whose follow-up plan awaits the municipality
# (persona or None for signed out, URL name, needs a pathway id)
PAGES = [
    (None, "login", False),
    ("koordinator", "worklist", False),
    ("koordinator", "pathway_detail", True),
    ("koordinator", "access:pathway_consents", True),
    ("koordinator", "pathway_transfer", True),
    ("koordinator", "pathway_move", True),
    ("koordinator", "pathway_setting", True),
    ("koordinator", "collaboration:relatives", True),
    ("koordinator", "collaboration:evaluation", True),
    ("koordinator", "collaboration:meeting_new", True),
    ("koordinator", "collaboration:closure", True),
    ("koordinator", "access:patient_search", False),
    ("koordinator", "reminders:notices", False),
    ("fastlege", "messaging:inbox", False),
    ("koordinator", "npr:fix_list", False),
    ("koordinator", "account", False),
    ("koordinator", "totp-enrol", False),
    ("leder", "access:pathway_log", True),
    ("leder", "access:review_list", False),
    ("leder", "reminders:notices", False),
    ("leder", "indicators:dashboard", False),
    ("klinikkdirektor", "indicators:dashboard", False),
    ("kommune", "worklist", False),
    ("fastlege", "pathway_detail", True),
    ("pasient", "portal:home", False),
    ("pasient", "portal:log", False),
    ("pasient", "portal:consents", False),
    ("pasient", "portal:restrictions", False),
    ("parorende", "portal:shared", False),
    ("koordinator", "plans:plan", True),
    ("koordinator", "plans:edit", True),
    ("koordinator", "plans:versions", True),
    ("koordinator", "plans:meeting", True),
    ("pasient", "plans:own_plan", True),
    ("pasient", "plans:self_report", True),
    ("parorende", "plans:shared", True),
    ("tilgang", "access:roles", False),
    ("sekretaer", "intake:list", False),
    ("sekretaer", "intake:register", False),
    # The individual plan (Per Pasient's) and the hand-over at closure (ADR 58, 59).
    ("kommune", "followup:plan", PATIENT),
    ("kommune", "followup:edit", PATIENT),
    ("pasient", "followup:own_plan", False),
    ("koordinator", "followup:handover", True),
    ("kommune", "followup:awaiting", False),
    ("kommune", "followup:confirm", AWAITING),
    ("kommune", "municipal:home", False),
    ("kommune", "municipal:notice_new", False),
    ("kommune", "municipal:early_flag", False),
    ("ke-leder", "municipal:unit", False),
    ("ke-leder", "municipal:appoint", False),
    ("koordinator", "municipal:pathway_notice", True),
    ("pasient", "municipal:pathway_notice", True),
    ("fastlege", "gpcare:home", False),
    ("fastlege", "gpcare:consultation_new", False),
    ("behandler", "gpcare:consultations", False),
    ("koordinator", "gpcare:feedback", True),
]
# Pages a signed-out visitor may meet: the error pages.
ERROR_PATHS = ["/finnes-ikke/"]


@pytest.fixture(scope="module")
def narrow(browser, demo_server):
    """One signed-in browser context per persona, at 320 px, kept for the module."""
    contexts = {}

    def as_persona(persona):
        if persona not in contexts:
            context = browser.new_context(locale="nb-NO", viewport=NARROW)
            page = context.new_page()
            if persona:
                page.goto(f"{demo_server}/logg-inn/")
                page.get_by_label("Brukernavn").fill(persona)
                page.get_by_label("Passord").fill(DEMO_PASSWORD)
                page.get_by_role("button", name="Logg inn").click()
                page.wait_for_load_state()
            contexts[persona] = (context, page)
        return contexts[persona][1]

    yield as_persona
    for context, _ in contexts.values():
        context.close()


PATHWAY_LINKS = "a[href^='/forlop/'], a[href^='/min-side/forlop/'], a[href^='/parorende/forlop/']"


def first_pathway(page, demo_server) -> int:
    """The first pathway linked from the persona's start page."""
    page.goto(f"{demo_server}/")
    href = page.locator(PATHWAY_LINKS).first.get_attribute("href")
    return int(re.search(r"/forlop/(\d+)/", href).group(1))


def url_kwargs(narrow, persona, demo_server, needs) -> dict:
    page = narrow(persona)
    if needs is True:
        return {"pk": first_pathway(page, demo_server)}
    if needs == PATIENT:  # the link on Per Pasient's treatment plan, as his coordinator
        own = first_pathway(narrow("pasient"), demo_server)
        staff = narrow("koordinator")
        staff.goto(demo_server + reverse("plans:plan", kwargs={"pk": own}))
        href = staff.locator("#individual-plan-link a").get_attribute("href")
        return {"patient": int(re.search(r"/individuell-plan/(\d+)/", href).group(1))}
    if needs == AWAITING:
        page.goto(demo_server + reverse("followup:awaiting"))
        href = page.locator("a[href$='/oppfolgingsplan/bekreft/']").first.get_attribute("href")
        return {"pk": int(re.search(r"/forlop/(\d+)/", href).group(1))}
    return {}


def overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 = reflows)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize(("persona", "name", "needs_pathway"), PAGES,
                         ids=[f"{p or 'anonymous'}-{n}" for p, n, _ in PAGES])
def test_page_reflows_at_320_px(narrow, demo_server, persona, name, needs_pathway):
    kwargs = url_kwargs(narrow, persona, demo_server, needs_pathway)
    page = narrow(persona)
    response = page.goto(demo_server + reverse(name, kwargs=kwargs))
    assert (response.status, overflow(page)) == (200, 0)


@pytest.mark.parametrize(("persona", "name", "needs_pathway"), PAGES,
                         ids=[f"{p or 'anonymous'}-{n}" for p, n, _ in PAGES])
def test_page_has_no_axe_violations_at_320_px(narrow, demo_server, persona, name,
                                              needs_pathway):
    # A table scrolled inside its box must be reachable by keyboard, among others.
    kwargs = url_kwargs(narrow, persona, demo_server, needs_pathway)
    page = narrow(persona)
    page.goto(demo_server + reverse(name, kwargs=kwargs))
    assert [v["id"] for v in Axe().run(page).response["violations"]] == []


@pytest.mark.parametrize("path", ERROR_PATHS)
def test_error_page_reflows_at_320_px(narrow, demo_server, path):
    page = narrow(None)
    page.goto(demo_server + path)
    assert overflow(page) == 0
