"""Every URL of the app × every persona, against an explicit expected matrix.

The world: one patient with a pathway in unit A, who shares it with a relative,
their municipality and their GP, bars one clinician of unit A (a restriction), and
whose earlier relative's consent has expired. Each request runs in a rolled-back
savepoint, so every persona meets the same world. A URL added to the app without a
row here fails the test, and so does any answer that differs from the matrix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from django.contrib import admin
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from forlop.access.models import BreakGlass, Consent, ConsentScope, Participant, Restriction
from forlop.accounts.models import RoleAssignment, User
from forlop.accounts.roles import Role
from tests import factories
from tests.conftest import TODAY

PERSONAS = ["anonymous", "coordinator", "clinician", "secretary", "leader", "municipal",
            "ke_lead", "gp", "patient", "relative", "expired_relative", "sysadmin",
            "other_unit", "restricted"]
STAFF_A = {"coordinator", "clinician", "secretary", "leader"}
WORKLIST = STAFF_A | {"municipal", "ke_lead", "gp", "other_unit", "restricted"}
CLINICAL = {"coordinator", "clinician", "other_unit", "restricted"}
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
    ("pathway_register", "get"): row(404, **some(EDITORS, 200)),
    ("pathway_register", "post"): row(404, **some(EDITORS, 302)),
    ("pathway_correct", "get"): row(404, **some(EDITORS, 200)),
    ("pathway_correct", "post"): row(404, **some(EDITORS, 302)),
    ("access:pathway_consents", "get"): row(404, coordinator=200, clinician=200),
    ("access:pathway_consent_revoke", "post"): row(404, coordinator=302, clinician=302),
    ("access:pathway_log", "get"): row(404, leader=200),
    ("access:patient_search", "get"): row(403, **some(WORKLIST, 200)),
    ("access:break_glass", "post"): row(403, **some(CLINICAL, 200)),
    ("access:review_list", "get"): row(403, leader=200),
    ("access:review_item", "post"): row(403, leader=302),
    ("portal:home", "get"): row(403, patient=200),
    ("portal:log", "get"): row(403, patient=200),
    ("portal:consents", "get"): row(403, patient=200),
    ("portal:consent_revoke", "post"): row(403, patient=302),
    ("portal:restrictions", "get"): row(403, patient=200),
    ("portal:restriction_lift", "post"): row(403, patient=302),
    ("portal:shared", "get"): row(403, relative=200, expired_relative=200),
    ("admin:index", "get"): row(LOGIN, sysadmin=200),
}
# A valid body for POST rows where the effect matters: the request must store its
# row exactly when it is allowed (302), and nothing otherwise.
BODIES = {
    "pathway_register": lambda ids: {"event": "first_attendance",
                                     "on": dt.date.today().isoformat(), "outcome": "",
                                     "last_event": ids["last_event"]},
    "pathway_correct": lambda ids: {"on": ids["referral_on"], "reason": "Feil i registreringen",
                                    "last_event": ids["last_event"]},
}


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
    }
    people["sysadmin"].is_staff = people["sysadmin"].is_superuser = True
    people["sysadmin"].save()
    patient = factories.patient()
    patient.user, patient.municipality = people["patient"], org.municipality
    patient.save()
    pathway = factories.pathway(patient=patient, unit=org.unit_a, by=people["coordinator"],
                                today=TODAY)

    def consent(participant, scope, **kw):
        return Consent.objects.create(patient=patient, participant=participant, scope=scope,
                                      valid_from=dt.date(2024, 1, 1),
                                      registered_by=people["patient"], **kw)

    ids = {
        "provider": "helseid",
        "pk": pathway.pk,
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
    now = dt.datetime.now(dt.UTC)
    ids["item_id"] = BreakGlass.objects.create(
        user=people["clinician"], patient=other.patient, unit=org.unit_a, reason="Akutt test",
        started_at=now - dt.timedelta(days=1), expires_at=now - dt.timedelta(hours=20)).pk
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
    body = BODIES[name](ids) if method == "post" and name in BODIES else None
    before = _event_rows() if body else None
    response = getattr(client, method)(url, body) if body else getattr(client, method)(url)
    signin = response.status_code == 302 and "/logg-inn/" in response["Location"]
    if body and not signin and (_event_rows() != before) != (response.status_code == 302):
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
