"""Every URL of the app × every persona, against an explicit expected matrix.

The world: one patient with a pathway in unit A, who shares it with a relative,
their municipality and their GP, bars one clinician of unit A (a restriction), and
whose earlier relative's consent has expired. Each request runs in a rolled-back
savepoint, so every persona meets the same world. A URL added to the app without a
row here fails the test, and so does any answer that differs from the matrix.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter

import pytest
from django.contrib import admin
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from forlop.access.models import BreakGlass, Consent, ConsentScope, Participant, Restriction
from forlop.accounts.models import RoleAssignment, User
from forlop.accounts.roles import Role
from forlop.kernel.identifiers import generate_synthetic_fnr
from forlop.pathways.models import Referral
from tests import factories
from tests.conftest import TODAY

PERSONAS = ["anonymous", "coordinator", "clinician", "secretary", "leader", "municipal",
            "ke_lead", "gp", "patient", "relative", "expired_relative", "sysadmin",
            "other_unit", "restricted", "access_admin"]
STAFF_A = {"coordinator", "clinician", "secretary", "leader"}
WORKLIST = STAFF_A | {"municipal", "ke_lead", "gp", "other_unit", "restricted"}
CLINICAL = {"coordinator", "clinician", "other_unit", "restricted"}
INTAKE = {"coordinator", "clinician", "secretary", "other_unit", "restricted"}
EDITORS = {"coordinator", "clinician", "secretary"}  # may register on unit A's pathways
LOGIN = "login"  # a redirect to the sign-in page


def row(default, anonymous=LOGIN, **codes):
    """Expected answer per persona: ``default`` unless named (a set of personas can
    share a code: ``row(404, **{p: 200 for p in ...})``)."""
    return {p: codes.get(p, anonymous if p == "anonymous" else default) for p in PERSONAS}


def some(personas, code):
    return dict.fromkeys(personas, code)


# (url name, method) -> expected status per persona
EXPECTED = {
    ("worklist", "get"): row(403, **some(WORKLIST, 200), patient=302, relative=302,
                             expired_relative=302, sysadmin=302),
    ("login", "get"): row(200, anonymous=200),
    # Without a pending password step, the code step sends you back to sign in.
    ("login-code", "get"): row(LOGIN),
    # No identity provider is configured in tests: both OIDC routes are 404 for all
    # (tests/oidc walks them against a running test provider).
    ("oidc-start", "get"): row(404, anonymous=404),
    ("oidc-callback", "get"): row(404, anonymous=404),
    ("logout", "post"): row(LOGIN),  # signed out, back to the sign-in page
    ("logout-everywhere", "post"): row(LOGIN),
    ("account", "get"): row(200),
    ("totp-enrol", "get"): row(200),
    ("set_language", "post"): row(302, anonymous=302),
    ("pathway_detail", "get"): row(404, **some(STAFF_A | {"municipal", "ke_lead", "gp"}, 200)),
    # Transfer, move and change of setting: a clinical registration right on the pathway.
    # POSTs carry a valid body (BODIES): 302 = stored. The move needs a role in the
    # receiving unit too: the coordinator has none there (200: the form again, nothing
    # stored), the clinician also works there (302: moved).
    ("pathway_transfer", "get"): row(404, coordinator=200, clinician=200),
    ("pathway_transfer", "post"): row(404, coordinator=302, clinician=302),
    ("pathway_move", "get"): row(404, coordinator=200, clinician=200),
    ("pathway_move", "post"): row(404, coordinator=200, clinician=302),
    ("pathway_setting", "get"): row(404, coordinator=200, clinician=200),
    ("pathway_setting", "post"): row(404, coordinator=302, clinician=302),
    ("pathway_register", "get"): row(404, **some(EDITORS, 200)),
    ("pathway_register", "post"): row(404, **some(EDITORS, 302)),
    ("pathway_correct", "get"): row(404, **some(EDITORS, 200)),
    ("pathway_correct", "post"): row(404, **some(EDITORS, 302)),
    ("access:pathway_consents", "get"): row(404, coordinator=200, clinician=200),
    ("access:pathway_consent_revoke", "post"): row(404, coordinator=302, clinician=302),
    ("access:pathway_log", "get"): row(404, leader=200),
    ("access:patient_search", "get"): row(403, **some(WORKLIST, 200)),
    ("access:break_glass", "post"): row(403, **some(CLINICAL, 400)),  # no body: form error
    ("access:review_list", "get"): row(403, leader=200),
    ("access:review_item", "post"): row(403, leader=302),
    ("portal:home", "get"): row(403, patient=200),
    ("portal:log", "get"): row(403, patient=200),
    ("portal:consents", "get"): row(403, patient=200),
    ("portal:consent_revoke", "post"): row(403, patient=302),
    ("portal:restrictions", "get"): row(403, patient=200),
    ("portal:restriction_lift", "post"): row(403, patient=302),
    ("portal:shared", "get"): row(403, relative=200, expired_relative=200),
    ("access:roles", "get"): row(403, access_admin=200),
    ("access:role_end", "post"): row(403, access_admin=302),
    ("reminders:notices", "get"): row(403, **some(WORKLIST, 200)),
    ("admin:index", "get"): row(LOGIN, sysadmin=200),
    # Referral intake: whoever may register in a unit (EDIT_PATHWAY) has a list of their
    # own units' referrals; assessing is clinical (REGISTER_CLINICAL) in the referral's
    # unit. The referral is unit A's, for the patient who barred ``restricted``.
    ("intake:list", "get"): row(403, **some(INTAKE, 200)),
    ("intake:register", "get"): row(403, **some(INTAKE, 200)),
    # Stored (302) for unit A's staff; ``other_unit`` may not pick unit A: the form
    # again with the error next to the unit (200), nothing stored.
    ("intake:register", "post"): row(403, **some(INTAKE - {"other_unit"}, 302),
                                     other_unit=200),
    ("intake:assess", "get"): row(403, coordinator=200, clinician=200, other_unit=404,
                                  restricted=404),
    ("intake:assess", "post"): row(403, coordinator=302, clinician=302, other_unit=404,
                                   restricted=404),
    ("worklist_saved_views", "get"): row(403, **some(WORKLIST, 200)),
    ("worklist_saved_view_new", "get"): row(403, **some(WORKLIST, 200)),
    ("worklist_saved_view_new", "post"): row(403, **some(WORKLIST, 302)),
    # The coordinator's team view of unit A: its owner and the unit's leader delete it;
    # unit A's other staff see it but may not (403); nobody else sees it (404).
    ("worklist_saved_view_delete", "post"): row(
        403, coordinator=302, leader=302,
        **some({"municipal", "ke_lead", "gp", "other_unit"}, 404)),
    ("worklist_caseload", "get"): row(403, **some(WORKLIST, 200)),
    ("worklist_reassign", "get"): row(403, coordinator=200, leader=200, other_unit=200),
    # Unit B's coordinator may reassign in unit B only: unit A's pathway is not among
    # the choices, so the form comes back with an error and nothing is stored (200).
    ("worklist_reassign", "post"): row(403, coordinator=302, leader=302, other_unit=200),
}
# Request data per (url name, method): a POST's body or a GET's query, from the world
# (bodies that would be stored, so a row says who can change something).
BODIES = {
    ("intake:register", "post"): lambda ids: {
        "identifier": ids["new_number"], "name": "Ny Matrisesen", "unit": ids["unit_a"],
        "received_on": TODAY.isoformat(), "referrer_kind": "other",
        "referrer_name": "Annen Henviser"},
    ("intake:assess", "post"): lambda ids: {
        "right_granted": "no", "assessed_on": dt.date.today().isoformat()},
    ("pathway_transfer", "post"): lambda ids: {"to_unit": ids["unit_b"], "received_on": ids["on"]},
    ("pathway_move", "post"): lambda ids: {"to_unit": ids["unit_a2"], "on": ids["on"],
                                           "reason": "Matrisetest"},
    ("pathway_setting", "post"): lambda ids: {"setting": "inpatient", "on": ids["on"]},
    ("worklist_saved_view_new", "post"): lambda ids: {"name": "Mine brudd",
                                                      "query": "status=overdue"},
    ("worklist_reassign", "get"): lambda ids: {"fra": ids["coordinator_id"]},
    ("worklist_reassign", "post"): lambda ids: {
        "fra": ids["coordinator_id"], "pathways": [ids["pk"]], "to": ids["new_coordinator_id"],
        "reason": "Ferie i fire uker"},
    ("pathway_register", "post"): lambda ids: {"event": "first_attendance",
                                               "on": dt.date.today().isoformat(), "outcome": "",
                                               "last_event": ids["last_event"]},
    ("pathway_correct", "post"): lambda ids: {"on": ids["referral_on"],
                                              "reason": "Feil i registreringen",
                                              "last_event": ids["last_event"]},
}
# POSTs whose effect is an event row: it must be stored exactly when the answer is 302.
EVENT_WRITES = {"pathway_register", "pathway_correct", "pathway_setting", "pathway_transfer"}


def _event_rows() -> int:
    from forlop.pathways.models import PathwayEvent

    return PathwayEvent.objects.count()


# Django's admin has its own sign-in and its own per-model pages: every page of it
# answers only the system administrator (is_staff), who sees no patient data there.
ADMIN_PREFIX = "admin:"


@pytest.fixture
def world(org, db):
    def person(name, role, **place):
        user = User.objects.create_user(username=name, password="x-test-passord-1",
                                        first_name=name.title())
        RoleAssignment.objects.create(user=user, role=role, valid_from=dt.date(2020, 1, 1),
                                      **place)
        return user

    people = {
        "coordinator": person("koordinator", Role.COORDINATOR, unit=org.unit_a),
        "clinician": person("behandler", Role.CLINICIAN, unit=org.unit_a),
        "secretary": person("sekretaer", Role.SECRETARY, unit=org.unit_a),
        "leader": person("leder", Role.LEADER, unit=org.unit_a),
        "municipal": person("kommune", Role.MUNICIPAL_COORDINATOR,
                            municipality=org.municipality),
        "ke_lead": person("ke-leder", Role.COORDINATING_UNIT_LEAD,
                          municipality=org.municipality),
        "gp": person("fastlege", Role.GP, gp_office=org.gp_office),
        "patient": person("pasient", Role.PATIENT),
        "relative": person("parorende", Role.RELATIVE),
        "expired_relative": person("tidligere", Role.RELATIVE),
        "sysadmin": person("admin", Role.SYSADMIN),
        "other_unit": person("nabo", Role.COORDINATOR, unit=org.unit_b),
        "restricted": person("sperret", Role.CLINICIAN, unit=org.unit_a),
        "access_admin": person("tilgang", Role.ACCESS_ADMIN, unit=org.unit_a2),
    }
    # The clinician also works in unit A2 of the same trust (a move's receiving unit).
    RoleAssignment.objects.create(user=people["clinician"], role=Role.CLINICIAN,
                                  unit=org.unit_a2, valid_from=dt.date(2020, 1, 1))
    people["sysadmin"].is_staff = people["sysadmin"].is_superuser = True
    people["sysadmin"].save()
    patient = factories.patient()
    patient.user, patient.municipality = people["patient"], org.municipality
    patient.save()
    pathway = factories.pathway(patient=patient, unit=org.unit_a, by=people["coordinator"],
                                today=TODAY, coordinator=people["coordinator"])

    def consent(participant, scope, **kw):
        return Consent.objects.create(patient=patient, participant=participant, scope=scope,
                                      valid_from=dt.date(2024, 1, 1),
                                      registered_by=people["patient"], **kw)

    ids = {
        "provider": "helseid",
        "pk": pathway.pk,
        "unit_a2": org.unit_a2.pk,
        "unit_b": org.unit_b.pk,
        "on": TODAY.isoformat(),
        "consent_id": consent(Participant.RELATIVE, ConsentScope.PLANS,
                              participant_user=people["relative"]).pk,
        "restriction_id": Restriction.objects.create(
            patient=patient, barred_user=people["restricted"], created_by=people["patient"]).pk,
    }
    consent(Participant.RELATIVE, ConsentScope.OVERVIEW, participant_user=people[
        "expired_relative"], valid_to=dt.date.today() - dt.timedelta(days=1))
    consent(Participant.MUNICIPALITY, ConsentScope.PLANS,
            participant_municipality=org.municipality)
    consent(Participant.MEETING, ConsentScope.OVERVIEW, participant_user=people["gp"],
            pathway=pathway)
    referral = pathway.events.get(event="referral_received")
    ids |= {"event_id": referral.pk, "referral_on": referral.on.isoformat(),
            "last_event": pathway.events.order_by("-pk").first().pk}
    other = factories.pathway(patient=factories.patient(), unit=org.unit_b,
                              by=people["other_unit"], today=TODAY)
    ids["referral_id"] = Referral.objects.create(
        patient=patient, unit=org.unit_a, received_on=TODAY, referrer_kind="other",
        referrer_name="Annen Henviser", created_by=people["secretary"]).pk
    ids["unit_a"], ids["new_number"] = org.unit_a.pk, generate_synthetic_fnr(random.Random(9))
    from forlop.worklist.models import SavedView

    ids["coordinator_id"] = people["coordinator"].pk
    ids["new_coordinator_id"] = person("koordinator2", Role.COORDINATOR, unit=org.unit_a).pk
    ids["view_id"] = SavedView.objects.create(owner=people["coordinator"], unit=org.unit_a,
                                              name="Enhetens brudd",
                                              params={"status": "overdue"}).pk
    now = dt.datetime.now(dt.UTC)
    ids["item_id"] = BreakGlass.objects.create(
        user=people["clinician"], patient=other.patient, unit=org.unit_a, reason="Akutt test",
        started_at=now - dt.timedelta(days=1), expires_at=now - dt.timedelta(hours=20)).pk
    ids["assignment_id"] = people["coordinator"].role_assignments.get().pk
    return people, ids


def app_urls(resolver=None, prefix="", namespace=""):
    """(name, route) of every named URL, walking included URL confs."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from app_urls(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern)


def test_every_url_is_in_the_matrix():
    names = {name for name, _ in app_urls() if not name.startswith(ADMIN_PREFIX)}
    names -= {"javascript-catalog", "view_on_site"}
    assert names - {name for name, _ in EXPECTED} == set()
    assert {name for name, _ in EXPECTED} - names <= {"admin:index"}


def _admin_pages():
    for model in admin.site._registry:
        meta = model._meta
        yield (f"admin:{meta.app_label}_{meta.model_name}_changelist", "get")


def _call(client, name, method, ids):
    route = dict(app_urls())[name]
    kwargs = {k: v for k, v in ids.items() if re.search(rf"<(\w+:)?{k}>", route)}
    url = reverse(name, kwargs=kwargs)
    body = BODIES.get((name, method))
    checks_events = method == "post" and name in EVENT_WRITES
    before = _event_rows() if checks_events else None
    response = getattr(client, method)(url, *([body(ids)] if body else []))
    signin = response.status_code == 302 and "/logg-inn/" in response["Location"]
    if checks_events and not signin and (_event_rows() != before) != (
            response.status_code == 302):
        return f"{response.status_code}, stored={_event_rows() != before}"
    if response.status_code == 302 and "/logg-inn/" in response["Location"] or (
            response.status_code == 302 and "/admin/login/" in response["Location"]):
        return LOGIN
    return response.status_code


def test_url_persona_matrix(client, world, capsys):
    people, ids = world
    checks = dict(EXPECTED)
    for page in _admin_pages():
        checks[page] = row(LOGIN, sysadmin=200)
    outcomes, wrong = Counter(), []
    for (name, method), expected in checks.items():
        for persona in PERSONAS:
            with transaction.atomic():
                client.logout()
                if persona != "anonymous":
                    client.force_login(people[persona])
                got = _call(client, name, method, ids)
                transaction.set_rollback(True)
            want = expected[persona]
            allowed = got in (200, 302)
            if got == want:
                outcomes["as expected"] += 1
            elif allowed and want not in (200, 302):
                outcomes["unexpected allow"] += 1
                wrong.append(f"ALLOW {method.upper()} {name} as {persona}: {got}, want {want}")
            else:
                outcomes["unexpected deny"] += 1
                wrong.append(f"DENY {method.upper()} {name} as {persona}: {got}, want {want}")
    with capsys.disabled():
        print(f"\nURL x persona matrix: {len(checks)} URLs x {len(PERSONAS)} personas = "
              f"{sum(outcomes.values())} requests, {outcomes['unexpected allow']} unexpected "
              f"allows, {outcomes['unexpected deny']} unexpected denials")
    assert wrong == []
