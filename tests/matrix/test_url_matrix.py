"""Every URL of the app × every persona, against an explicit expected matrix.

The world: one patient with four pathways (open in unit A, closed in unit A, open in
unit A2 of the same trust, open in unit B of another trust). They share their record
with a relative and their municipality, and one pathway with their GP; a relative's
and a municipality's consent have been revoked and others have expired; a clinician
of unit A is barred (a restriction); a clinician of a fourth unit is on the care
team; two clinicians of that unit took emergency access, one still in force and one
expired. Each request runs in a rolled-back savepoint, so every persona meets the
same world. The pathway pages are walked for each of the four pathways, each with
its own expected row. A URL added to the app without a row here fails the test, and
so does any answer that differs from the matrix, or a POST whose database effect
does not match its answer (stored exactly when it answers with success). POSTs carry
a valid body and a CSRF token, to a client that checks CSRF as for a browser. The
worklist and the relative's page count as "shown" when they list the patient.
Two mutation tests at the end show that the matrix catches a dropped restriction and
a consent that ignores its revocation.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
import re
import sys
from collections import Counter

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import connection, transaction
from django.db.models import Q
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from forlop.access.models import BreakGlass, Consent, ConsentScope, Participant, Restriction
from forlop.accounts.models import RoleAssignment, User
from forlop.accounts.roles import Role
from forlop.collaboration.models import (
    ClosureChecklist,
    Evaluation,
    Meeting,
    MeetingAction,
    MeetingParticipant,
)
from forlop.followup.models import Confirmation, FollowUpRequest
from forlop.followup.models import PlanResponse as IndividualPlanResponse
from forlop.followup.models import PlanVersion as IndividualPlanVersion
from forlop.gpcare.models import Consultation
from forlop.kernel.identifiers import generate_synthetic_fnr
from forlop.messaging.models import Message, MessageKind
from forlop.municipal.models import CoordinatorAppointment, EarlyFlag, NeedNotice
from forlop.organisations.models import Municipality, Unit
from forlop.pathways.models import Pathway, PathwayEvent, Referral
from forlop.pathways.services.register import append_event
from forlop.patients.models import Relative
from forlop.plans.models import PlanMeeting, PlanResponse, PlanVersion, RelativeMessage, SelfReport
from forlop.worklist.models import SavedView
from tests import factories
from tests.access import builders
from tests.conftest import TODAY

PERSONAS = ["anonymous", "coordinator", "clinician", "secretary", "leader", "municipal",
            "ke_lead", "gp", "patient", "relative", "expired_relative", "revoked_relative",
            "sysadmin", "other_unit", "restricted", "access_admin", "care_team",
            "break_glass_active", "break_glass_expired", "revoked_municipal",
            "expired_municipal"]
STAFF_A = {"coordinator", "clinician", "secretary", "leader"}
# Clinicians of unit C (trust A), where the patient has no pathway.
UNIT_C = {"care_team", "break_glass_active", "break_glass_expired"}
LAPSED_MUNICIPAL = {"revoked_municipal", "expired_municipal"}
RELATIVES = {"relative", "expired_relative", "revoked_relative"}
WORKLIST = (STAFF_A | UNIT_C | LAPSED_MUNICIPAL
            | {"municipal", "ke_lead", "gp", "other_unit", "restricted"})
CLINICAL = {"coordinator", "clinician", "other_unit", "restricted"} | UNIT_C
INTAKE = {"coordinator", "clinician", "secretary", "other_unit", "restricted"} | UNIT_C
LOGIN = "login"  # a redirect to the sign-in page
# A list page (200) that lists the patient's pathways (SHOWS): seeing it there is an
# allow of its own, so a list that leaks a patient counts as an unexpected allow.
SHOWN = "shown"
# Answers that give nothing away. Any other answer to one who should get one of these
# (a page, a form again, a redirect after a write) is an unexpected allow.
DENIED = (401, 403, 404, LOGIN)
# The CSRF secret in the matrix's cookie, and so in every POST's form field.
CSRF_TOKEN = "Matrise" + "0123456789" * 2 + "abcde"

# The patient's four pathways. Each pathway page is walked on each of them.
OWN, CLOSED, SISTER, OTHER_TRUST = "own", "closed", "sister", "other_trust"
PATHWAYS = (OWN, CLOSED, SISTER, OTHER_TRUST)
# Who reaches each pathway, per kind of right, written out from the README's table
# (not from the policy code). The municipality's consent is patient-wide and of scope
# ``plans``; the GP's (a meeting) covers ``own`` only; the emergency access covers
# the patient's pathways in the trust it was taken in (trust A), never another
# trust's (``other_trust``: its leader could not review it); the restriction bars
# ``restricted`` from all of them.
READERS = {
    OWN: STAFF_A | {"municipal", "ke_lead", "gp", "care_team", "break_glass_active"},
    CLOSED: STAFF_A | {"municipal", "ke_lead", "break_glass_active"},
    SISTER: {"clinician", "municipal", "ke_lead", "break_glass_active"},
    OTHER_TRUST: {"other_unit", "municipal", "ke_lead"},
}
# Registering (EDIT_PATHWAY): unit staff but the leader, the care team, emergency access.
EDITORS = {
    OWN: {"coordinator", "clinician", "secretary", "care_team", "break_glass_active"},
    CLOSED: {"coordinator", "clinician", "secretary", "break_glass_active"},
    SISTER: {"clinician", "break_glass_active"},
    OTHER_TRUST: {"other_unit"},
}
# Clinical registrations (REGISTER_CLINICAL): as EDITORS, without the secretary.
CLINICIANS = {key: people - {"secretary"} for key, people in EDITORS.items()}
# Consent on the patient's word (MANAGE_CONSENT): clinical unit staff and the care
# team, never emergency access.
CONSENT_KEEPERS = {key: people - {"break_glass_active"} for key, people in CLINICIANS.items()}
# The patient's access log (REVIEW_ACCESS): the leader of the pathway's unit.
LOG_READERS = {OWN: {"leader"}, CLOSED: {"leader"}, SISTER: set(), OTHER_TRUST: set()}


# The individual plan (ADR 58) and the hand-over at closure (ADR 59).
MUNICIPAL_HERE = {"municipal", "ke_lead"}  # roles in the patient's home municipality
IP_READERS = (STAFF_A | MUNICIPAL_HERE
              | {"care_team", "break_glass_active", "other_unit", "patient"})
IP_WRITERS = MUNICIPAL_HERE | {"coordinator", "other_unit"}
# A notice of need to the municipality from the pathway (NOTIFY_NEED): clinical staff
# as for consent, the patient and the relative whose consent is in force.
NOTIFIERS = {key: people | {"patient", "relative"} for key, people in CONSENT_KEEPERS.items()}
MUNICIPAL_COORDINATORS = {"municipal"} | LAPSED_MUNICIPAL
MUNICIPAL_STAFF = MUNICIPAL_COORDINATORS | {"ke_lead"}

# Who finds the patient's open pathways on their worklist.
WORKLIST_SHOWN = READERS[OWN] | READERS[SISTER] | READERS[OTHER_TRUST]


def row(default, anonymous=LOGIN, **codes):
    """Expected answer per persona: ``default`` unless named (a set of personas can
    share a code: ``row(404, **{p: 200 for p in ...})``)."""
    return {p: codes.get(p, anonymous if p == "anonymous" else default) for p in PERSONAS}


def some(personas, code):
    return dict.fromkeys(personas, code)


def on_each(make):
    """A pathway page's rows: ``make(pathway key)`` for each of the four pathways."""
    return {key: make(key) for key in PATHWAYS}


# (url name, method) -> expected status per persona, or for a pathway page
# (a URL with ``<pk>``) -> {pathway key: expected status per persona}.
EXPECTED = {
    # The worklist lists the patient's open pathways to those who may read one (the GP
    # too, through the meeting consent, as in tests/access/world.py).
    ("worklist", "get"): row(403, **some(WORKLIST, 200) | some(WORKLIST_SHOWN, SHOWN),
                             patient=302, **some(RELATIVES, 302), sysadmin=302),
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
    ("pathway_detail", "get"): on_each(lambda k: row(404, **some(READERS[k], 200))),
    # Transfer, move and change of setting: a clinical registration right on the pathway.
    # POSTs carry a valid body (BODIES): 302 = stored. A closed pathway is neither moved
    # nor changed: the form again with the kernel's refusal (400), nothing stored.
    ("pathway_transfer", "get"): on_each(lambda k: row(404, **some(CLINICIANS[k], 200))),
    ("pathway_transfer", "post"): on_each(lambda k: row(
        404, **some(CLINICIANS[k], 400 if k == CLOSED else 302))),
    ("pathway_move", "get"): on_each(lambda k: row(404, **some(CLINICIANS[k], 200))),
    # The move needs a role in the receiving unit too (A -> A2, A2 -> A, B -> B2): only
    # the clinician, who works in A and A2, has one; the others get the form again
    # with the error (400), nothing stored.
    ("pathway_move", "post"): {
        OWN: row(404, **some(CLINICIANS[OWN], 400) | {"clinician": 302}),
        CLOSED: row(404, **some(CLINICIANS[CLOSED], 400)),
        SISTER: row(404, **some(CLINICIANS[SISTER], 400) | {"clinician": 302}),
        OTHER_TRUST: row(404, **some(CLINICIANS[OTHER_TRUST], 400)),
    },
    ("pathway_setting", "get"): on_each(lambda k: row(404, **some(CLINICIANS[k], 200))),
    ("pathway_setting", "post"): on_each(lambda k: row(
        404, **some(CLINICIANS[k], 400 if k == CLOSED else 302))),
    ("pathway_register", "get"): on_each(lambda k: row(404, **some(EDITORS[k], 200))),
    # Nothing is registered after the end: the form again with the refusal (400).
    ("pathway_register", "post"): on_each(lambda k: row(
        404, **some(EDITORS[k], 400 if k == CLOSED else 302))),
    ("pathway_correct", "get"): on_each(lambda k: row(404, **some(EDITORS[k], 200))),
    ("pathway_correct", "post"): on_each(lambda k: row(404, **some(EDITORS[k], 302))),
    ("access:pathway_consents", "get"): on_each(
        lambda k: row(404, **some(CONSENT_KEEPERS[k], 200))),
    ("access:pathway_consents", "post"): on_each(
        lambda k: row(404, **some(CONSENT_KEEPERS[k], 302))),
    ("access:pathway_consent_revoke", "post"): on_each(
        lambda k: row(404, **some(CONSENT_KEEPERS[k], 302))),
    # Care around the clock (forlop.collaboration): clinical registration on the pathway.
    # Nothing is evaluated, planned or closed on a closed pathway (400, nothing stored);
    # the relatives register (the patient's) and the minutes of a meeting still are.
    ("collaboration:relatives", "get"): on_each(lambda k: row(404, **some(CLINICIANS[k], 200))),
    ("collaboration:relatives", "post"): on_each(
        lambda k: row(404, **some(CLINICIANS[k], 302))),
    ("collaboration:evaluation", "get"): on_each(
        lambda k: row(404, **some(CLINICIANS[k], 200))),
    ("collaboration:evaluation", "post"): on_each(lambda k: row(
        404, **some(CLINICIANS[k], 400 if k == CLOSED else 302))),
    ("collaboration:meeting_new", "get"): on_each(
        lambda k: row(404, **some(CLINICIANS[k], 200))),
    ("collaboration:meeting_new", "post"): on_each(lambda k: row(
        404, **some(CLINICIANS[k], 400 if k == CLOSED else 302))),
    ("collaboration:meeting", "get"): on_each(lambda k: row(404, **some(CLINICIANS[k], 200))),
    ("collaboration:meeting", "post"): on_each(lambda k: row(404, **some(CLINICIANS[k], 302))),
    ("collaboration:closure", "get"): on_each(lambda k: row(404, **some(CLINICIANS[k], 200))),
    # The whole checklist and "close": the pathway is closed (302) when open.
    # The municipality has confirmed the follow-up plan (the individual plan) on every
    # pathway but the sister's, where it has been asked and not yet answered (ADR 59).
    ("collaboration:closure", "post"): on_each(lambda k: row(
        404, **some(CLINICIANS[k], 400 if k in (CLOSED, SISTER) else 302))),
    ("access:pathway_log", "get"): on_each(lambda k: row(404, **some(LOG_READERS[k], 200))),
    ("access:patient_search", "get"): row(403, **some(WORKLIST, 200)),
    ("access:patient_search", "post"): row(403, **some(WORKLIST, 200)),
    # Emergency access to the patient, who has pathways in both trusts: granted (the
    # search page again, 200, stored) to every clinical role but the barred one, who is
    # refused like any refusal (400, nothing stored).
    ("access:break_glass", "post"): row(403, **some(CLINICAL, 200) | {"restricted": 400}),
    ("access:review_list", "get"): row(403, leader=200),
    ("access:review_item", "post"): row(403, leader=302),
    ("portal:home", "get"): row(403, patient=200),
    ("portal:log", "get"): row(403, patient=200),
    ("portal:consents", "get"): row(403, patient=200),
    ("portal:consents", "post"): row(403, patient=302),  # stored: a consent given
    ("portal:consent_revoke", "post"): row(403, patient=302),
    ("portal:restrictions", "get"): row(403, patient=200),
    ("portal:restrictions", "post"): row(403, patient=302),  # stored: unit B barred
    ("portal:restriction_lift", "post"): row(403, patient=302),
    # Only the relative whose consent is in force sees the patient's pathways there.
    ("portal:shared", "get"): row(403, **some(RELATIVES, 200) | {"relative": SHOWN}),
    # The coordinating unit's lead administers the municipality's roles: the page
    # opens, but a trust's unit is not among its places (400) nor its roles (404).
    ("access:roles", "get"): row(403, access_admin=200, ke_lead=200),
    ("access:roles", "post"): row(403, access_admin=302, ke_lead=400),
    ("access:role_end", "post"): row(403, access_admin=302, ke_lead=404),
    ("reminders:notices", "get"): row(403, **some(WORKLIST, 200)),
    # Messages: the inbox is every worklist user's; a message (feedback to the patient's
    # GP office) opens for its recipient place's GP and its sender, 404 to other staff.
    ("messaging:inbox", "get"): row(403, **some(WORKLIST, 200)),
    ("messaging:detail", "get"): row(403, **(some(WORKLIST, 404)
                                             | {"gp": 200, "coordinator": 200})),
    ("messaging:document", "get"): row(403, **(some(WORKLIST, 404)
                                               | {"gp": 200, "coordinator": 200})),
    # The NPR fix-list: pathways of one's own units (or coordinated) that one may see.
    # The world's open pathways have had no event since TODAY (2024), so each has a
    # finding (NPR009) in the current tertial: unit A's staff, the clinician who also
    # works in A2 and unit B's coordinator meet the patient there; the barred
    # clinician, consent readers, the care team and emergency access do not.
    ("npr:fix_list", "get"): row(403, **some(WORKLIST, 200) | some(
        STAFF_A | {"other_unit"}, SHOWN)),
    ("admin:index", "get"): row(LOGIN, sysadmin=200),
    # Referral intake: whoever may register in a unit (EDIT_PATHWAY) has a list of their
    # own units' referrals; assessing is clinical (REGISTER_CLINICAL) in the referral's
    # unit. The referral is unit A's, for the patient who barred ``restricted``.
    ("intake:list", "get"): row(403, **some(INTAKE, 200)),
    ("intake:register", "get"): row(403, **some(INTAKE, 200)),
    # Stored (302) for unit A's staff; others may not pick unit A: the form again with
    # the error next to the unit (200), nothing stored.
    ("intake:register", "post"): row(403, **some(INTAKE, 200) | some(
        {"coordinator", "clinician", "secretary", "restricted"}, 302)),
    ("intake:assess", "get"): row(403, coordinator=200, clinician=200,
                                  **some(INTAKE - STAFF_A, 404)),
    ("intake:assess", "post"): row(403, coordinator=302, clinician=302,
                                   **some(INTAKE - STAFF_A, 404)),
    ("worklist_saved_views", "get"): row(403, **some(WORKLIST, 200)),
    ("worklist_saved_view_new", "get"): row(403, **some(WORKLIST, 200)),
    ("worklist_saved_view_new", "post"): row(403, **some(WORKLIST, 302)),
    # The coordinator's team view of unit A: its owner and the unit's leader delete it;
    # unit A's other staff see it but may not (403); nobody else sees it (404).
    ("worklist_saved_view_delete", "post"): row(
        403, coordinator=302, leader=302,
        **some(WORKLIST - STAFF_A - {"restricted"}, 404)),
    ("worklist_caseload", "get"): row(403, **some(WORKLIST, 200)),
    ("worklist_reassign", "get"): row(403, coordinator=200, leader=200, other_unit=200),
    # Unit B's coordinator may reassign in unit B only: unit A's pathway is not among
    # the choices, so the form comes back with an error and nothing is stored (200).
    ("worklist_reassign", "post"): row(403, coordinator=302, leader=302, other_unit=200),
    # The treatment plan (docs/care-plans.md). Read by whoever reads the pathway (a
    # consent-only reader whose scope leaves out plans gets the page without them);
    # written by the clinical registrars. The world has a plan version on every
    # pathway; nothing is written on the closed one (400, the form with the reason).
    ("plans:plan", "get"): on_each(lambda k: row(404, **some(READERS[k], 200))),
    ("plans:versions", "get"): on_each(lambda k: row(404, **some(READERS[k], 200))),
    ("plans:edit", "get"): on_each(lambda k: row(404, **some(CLINICIANS[k], 200))),
    ("plans:edit", "post"): on_each(lambda k: row(
        404, **some(CLINICIANS[k], 400 if k == CLOSED else 302))),
    ("plans:meeting", "get"): on_each(lambda k: row(404, **some(CLINICIANS[k], 200))),
    ("plans:meeting", "post"): on_each(lambda k: row(
        404, **some(CLINICIANS[k], 400 if k == CLOSED else 302))),
    # Min side: the patient's own plan and self-report, on each of their pathways;
    # nobody else finds them (404), a relative included.
    ("plans:own_plan", "get"): on_each(lambda k: row(404, patient=200)),
    ("plans:own_plan", "post"): on_each(lambda k: row(
        404, patient=400 if k == CLOSED else 302)),
    ("plans:self_report", "get"): on_each(lambda k: row(404, patient=200)),
    ("plans:self_report", "post"): on_each(lambda k: row(
        404, patient=400 if k == CLOSED else 302)),
    # The relative whose consent (patient-wide) is in force: the shared plan, and a
    # message for the clinician.
    ("plans:shared", "get"): on_each(lambda k: row(404, relative=200)),
    ("plans:shared", "post"): on_each(lambda k: row(
        404, relative=400 if k == CLOSED else 302)),
    # The individual plan (forlop.followup, ADR 58): the patient's, not a pathway's. Read
    # by the patient, the municipal roles of the patient's home municipality, and
    # specialist staff who reach one of the patient's pathways on a basis of their own
    # while the municipality's consent shares plans (patient-wide in this world); the
    # consent-only GP does not. Written by the municipal roles and the coordinators
    # through an open pathway. Nobody else finds it (404).
    ("followup:plan", "get"): row(404, **some(IP_READERS, 200)),
    ("followup:edit", "get"): row(404, **some(IP_WRITERS, 200)),
    ("followup:edit", "post"): row(404, **some(IP_WRITERS, 302)),
    ("followup:own_plan", "get"): row(403, patient=200),
    ("followup:own_plan", "post"): row(403, patient=302),
    # The hand-over at closure (ADR 59): the specialist asks (a clinical registration;
    # stored as a new request, but on the closed pathway); the municipality confirms
    # within its consent: only the sister's request is unanswered (302), the others are
    # confirmed already (400, the reason, nothing stored).
    ("followup:handover", "get"): on_each(lambda k: row(404, **some(CLINICIANS[k], 200))),
    ("followup:handover", "post"): on_each(lambda k: row(
        404, **some(CLINICIANS[k], 400 if k == CLOSED else 302))),
    ("followup:confirm", "get"): on_each(lambda k: row(404, **some(MUNICIPAL_HERE, 200))),
    ("followup:confirm", "post"): on_each(lambda k: row(
        404, **some(MUNICIPAL_HERE, 302 if k == SISTER else 400))),
    ("followup:awaiting", "get"): row(403, **some(MUNICIPAL_HERE | LAPSED_MUNICIPAL, 200)
                                      | some(MUNICIPAL_HERE, SHOWN)),
    # The leaders' indicator pages (VIEW_INDICATORS): only unit A's leader. The pathway
    # list is of a figure of unit A (BODIES); its exports go through the same checks.
    ("indicators:dashboard", "get"): row(403, leader=200),
    ("indicators:export_xlsx", "get"): row(403, leader=200),
    ("indicators:export_csv", "get"): row(403, leader=200),
    ("indicators:pathways", "get"): row(403, leader=200),
    ("indicators:pathways_xlsx", "get"): row(403, leader=200),
    ("indicators:pathways_csv", "get"): row(403, leader=200),
    # The JSON API (docs/api.md): the same rules as the pages, 401 without credentials,
    # 201 when stored. Its session requests carry the CSRF header (JSON bodies).
    ("api-v1:openapi-json", "get"): row(200, anonymous=200),
    ("api-v1:api-root", "get"): row(404, anonymous=404),  # django-ninja's base path
    ("api-v1:worklist", "get"): row(403, anonymous=401, **some(WORKLIST, 200)
                                    | some(WORKLIST_SHOWN, SHOWN)),
    ("api-v1:list_pathways", "get"): row(403, anonymous=401, **some(WORKLIST, 200)
                                         | some(WORKLIST_SHOWN, SHOWN)),
    ("api-v1:read_pathway", "get"): on_each(lambda k: row(404, anonymous=401,
                                                          **some(READERS[k], 200))),
    # After the end nothing is registered: the kernel's refusal (422), nothing stored.
    ("api-v1:create_event", "post"): on_each(lambda k: row(
        404, anonymous=401, **some(EDITORS[k], 422 if k == CLOSED else 201))),
    ("api-v1:correct", "post"): on_each(lambda k: row(404, anonymous=401,
                                                      **some(EDITORS[k], 201))),
    ("api-v1:list_consents", "get"): on_each(
        lambda k: row(404, anonymous=401, **some(CONSENT_KEEPERS[k], 200))),
    ("api-v1:grant_consent", "post"): on_each(
        lambda k: row(404, anonymous=401, **some(CONSENT_KEEPERS[k], 201))),
    ("api-v1:list_referrals", "get"): row(403, anonymous=401, **some(INTAKE, 200)),
    # Unit A's staff register in unit A; the other registrars may not there (403).
    ("api-v1:create_referral", "post"): row(403, anonymous=401, **some(
        {"coordinator", "clinician", "secretary", "restricted"}, 201)),
    # The pathway's actions through the API: as their pages, 201 when stored; the
    # service's refusal of one who reaches the pathway (a role missing in the receiving
    # unit, a clinical right missing for the assessment) is 403; a closed pathway is
    # neither moved, transferred nor closed again (422, nothing stored).
    ("api-v1:move", "post"): {
        OWN: row(404, anonymous=401, **some(CLINICIANS[OWN], 403) | {"clinician": 201}),
        CLOSED: row(404, anonymous=401, **some(CLINICIANS[CLOSED], 403) | {"clinician": 422}),
        SISTER: row(404, anonymous=401, **some(CLINICIANS[SISTER], 403) | {"clinician": 201}),
        OTHER_TRUST: row(404, anonymous=401, **some(CLINICIANS[OTHER_TRUST], 403)),
    },
    ("api-v1:transfer", "post"): on_each(lambda k: row(
        404, anonymous=401, **some(CLINICIANS[k], 422 if k == CLOSED else 201))),
    # As the page's closure: the municipality has confirmed the individual plan as the
    # follow-up plan on every pathway but the sister's (asked, not answered: 422).
    ("api-v1:close", "post"): on_each(lambda k: row(
        404, anonymous=401, **some(CLINICIANS[k], 422 if k in (CLOSED, SISTER) else 201))),
    # The plan: for readers it is shared with; the GP's consent (a meeting, scope
    # overview) does not share plans (the page shows that it is not shared; here 404).
    ("api-v1:read_plan", "get"): on_each(lambda k: row(404, anonymous=401,
                                                       **some(READERS[k] - {"gp"}, 200))),
    ("api-v1:assess", "post"): row(403, anonymous=401, coordinator=201, clinician=201,
                                   **some(INTAKE - STAFF_A, 404)),
    ("api-v1:indicators", "get"): row(403, anonymous=401, leader=200),
    # Reference data, no patient in it: any signed-in user (their own units; no unit
    # role, an empty list), 401 without credentials.
    ("api-v1:list_units", "get"): row(200, anonymous=401),
    ("api-v1:list_gp_offices", "get"): row(200, anonymous=401),
    # FHIR: the capability statement is public; a pathway as EpisodeOfCare is read by
    # exactly those who read its page, and by the patient (their own record). Anyone
    # else gets 404 (an OperationOutcome), anonymous 401 with a bearer challenge.
    ("fhir-metadata", "get"): row(200, anonymous=200),
    ("fhir-episode", "get"): on_each(lambda k: row(
        404, anonymous=401, **some(READERS[k] | {"patient"}, 200))),
    # The municipal side (docs/municipality.md). The coordinator's worklist: those who
    # hold the municipal coordinator's role (each in their own municipality).
    ("municipal:home", "get"): row(403, **some(MUNICIPAL_COORDINATORS, 200)),
    # The coordinating unit: its lead only; the notice is one sent to its municipality.
    ("municipal:unit", "get"): row(403, ke_lead=200),
    ("municipal:appoint", "get"): row(403, ke_lead=200),
    ("municipal:appoint", "post"): row(403, ke_lead=302),
    ("municipal:notice", "get"): row(403, ke_lead=200),
    ("municipal:notice", "post"): row(403, ke_lead=302),
    # Municipal staff notify their coordinating unit and flag a person to the GP; other
    # holders of the notice right (the patient, relatives, clinicians) hold no
    # municipal role: 403.
    ("municipal:notice_new", "get"): row(403, **some(MUNICIPAL_STAFF, 200)),
    ("municipal:notice_new", "post"): row(403, **some(MUNICIPAL_STAFF, 302)),
    ("municipal:early_flag", "get"): row(403, **some(MUNICIPAL_STAFF, 200)),
    ("municipal:early_flag", "post"): row(403, **some(MUNICIPAL_STAFF, 302)),
    # A notice of need from a pathway: the patient (Min side), the relative whose
    # consent is in force, and clinical staff on the pathway (never emergency access).
    ("municipal:pathway_notice", "get"): on_each(lambda k: row(404, **some(NOTIFIERS[k], 200))),
    ("municipal:pathway_notice", "post"): on_each(
        lambda k: row(404, **some(NOTIFIERS[k], 302))),
    # The GP's page (WORK_AS_GP): the office's patients' pathways the GP reads (the
    # patient is on the GP office's list; only ``own`` is shared with the GP).
    ("gpcare:home", "get"): row(403, gp=SHOWN),
    ("gpcare:consultation_new", "get"): row(403, gp=200),
    ("gpcare:consultation_new", "post"): row(403, gp=302),
    # Consultations to unit A (the GP asked it about the patient): its clinical staff
    # list them (the barred clinician without the patient), every clinician has a list.
    ("gpcare:consultations", "get"): row(403, **some(CLINICAL, 200) | some(
        {"coordinator", "clinician"}, SHOWN)),
    # One consultation: the asking office's GP reads it, unit A's clinical staff read
    # and answer it; nobody else finds it (the barred clinician neither).
    ("gpcare:consultation", "get"): row(404, gp=200, coordinator=200, clinician=200),
    ("gpcare:consultation", "post"): row(404, gp=403, coordinator=302, clinician=302),
    # Feedback to the referrer and GP: a clinical registration on the pathway; sent
    # (stored messages) to the patient's GP office, also after the closure.
    ("gpcare:feedback", "get"): on_each(lambda k: row(404, **some(CLINICIANS[k], 200))),
    ("gpcare:feedback", "post"): on_each(lambda k: row(404, **some(CLINICIANS[k], 302))),
}
# Request data per (url name, method): a POST's body or a GET's query, from the world
# (bodies that would be stored, so a row says who can change something). ``ids`` holds
# the pathway being walked (``pk``, its events, where to move or transfer it).
def _indicator_list(ids):
    return {"periode": "2024-T2", "indikator": "referrals_not_assessed_within_10_working_days",
            "gruppe": f"unit:{ids['unit_a']}", "utvalg": "nevner"}


BODIES = {
    ("indicators:pathways", "get"): _indicator_list,
    ("indicators:pathways_xlsx", "get"): _indicator_list,
    ("indicators:pathways_csv", "get"): _indicator_list,
    ("intake:register", "post"): lambda ids: {
        "identifier": ids["new_number"], "name": "Ny Matrisesen", "unit": ids["unit_a"],
        "received_on": TODAY.isoformat(), "referrer_kind": "other",
        "referrer_name": "Annen Henviser"},
    ("intake:assess", "post"): lambda ids: {
        "right_granted": "no", "assessed_on": dt.date.today().isoformat()},
    ("pathway_transfer", "post"): lambda ids: {"to_unit": ids["transfer_to"],
                                               "received_on": ids["on"]},
    ("pathway_move", "post"): lambda ids: {"to_unit": ids["move_to"], "on": ids["on"],
                                           "reason": "Matrisetest"},
    ("pathway_setting", "post"): lambda ids: {"setting": "inpatient", "on": ids["on"]},
    ("worklist_saved_view_new", "post"): lambda ids: {"name": "Mine brudd",
                                                      "query": "status=overdue"},
    ("worklist_reassign", "get"): lambda ids: {"fra": ids["coordinator_id"]},
    ("worklist_reassign", "post"): lambda ids: {
        "fra": ids["coordinator_id"], "pathways": [ids["own_pk"]],
        "to": ids["new_coordinator_id"], "reason": "Ferie i fire uker"},
    ("pathway_register", "post"): lambda ids: {"event": "first_attendance",
                                               "on": dt.date.today().isoformat(), "outcome": "",
                                               "last_event": ids["last_event"]},
    ("pathway_correct", "post"): lambda ids: {"on": ids["referral_on"],
                                              "reason": "Feil i registreringen",
                                              "last_event": ids["last_event"]},
    ("access:pathway_consents", "post"): lambda ids: {
        "participant": "municipality", "scope": "overview", "only_this_pathway": "on",
        "valid_from": dt.date.today().isoformat()},
    ("access:patient_search", "post"): lambda ids: {"identifier": ids["identifier"]},
    ("collaboration:relatives", "post"): lambda ids: {"name": "Matrise Pårørende",
                                                      "relation": "partner"},
    ("collaboration:evaluation", "post"): lambda ids: {
        "on": dt.date.today().isoformat(), "still_right": "yes", "goals_progress": "Bedre",
        "children": "none"},
    ("collaboration:meeting_new", "post"): lambda ids: {
        "day": (dt.date.today() + dt.timedelta(days=7)).isoformat(), "time": "10:00",
        "mode": "video", "place": "Videolenke", "agenda": "Evaluering"},
    ("collaboration:meeting", "post"): lambda ids: {
        "skjema": "referat", "referat-held_on": dt.date.today().isoformat(),
        "referat-minutes": "Gjennomgått planen"},
    ("collaboration:closure", "post"): lambda ids: {
        "patient_agrees": "on", "service_agrees": "on", "individual_plan_used": "on",
        "municipal_responsible": "Kari i kommunen", "final_meeting": ids["meeting_id"],
        "help_needs": "Støttesamtaler", "knows_where_to_turn": "on", "risk_passed_on": "on",
        "risk_passed_to": "Fastlegen", "on": dt.date.today().isoformat(),
        "outcome": "completed", "avslutt": "1"},
    ("access:break_glass", "post"): lambda ids: {
        "identifier": ids["identifier"], "reason": "Innlagt akutt, trenger oversikt nå"},
    ("access:review_item", "post"): lambda ids: {"note": "Gjennomgått, i orden"},
    ("portal:consents", "post"): lambda ids: {"scope": "overview"},
    ("portal:restrictions", "post"): lambda ids: {
        "skjema": "enhet", "enhet-barred": ids["unit_b"], "enhet-reason": "Matrisetest"},
    ("access:roles", "post"): lambda ids: {
        "username": "koordinator2", "role": "secretary", "place": f"unit-{ids['unit_a2']}",
        "valid_from": dt.date.today().isoformat()},
    ("access:role_end", "post"): lambda ids: {"on": dt.date.today().isoformat()},
    ("plans:edit", "post"): lambda ids: {
        "goals": "Nye mål med egne ord", "individual_plan": "wants",
        "tiltak-TOTAL_FORMS": "1", "tiltak-INITIAL_FORMS": "0",
        "evaluering-TOTAL_FORMS": "1", "evaluering-INITIAL_FORMS": "0"},
    ("plans:meeting", "post"): lambda ids: {"held_on": dt.date.today().isoformat(),
                                            "present": "Pasienten og behandler"},
    ("plans:own_plan", "post"): lambda ids: {"svar": "signer", "signer-agree": "on"},
    ("plans:self_report", "post"): lambda ids: {"how_it_goes": "Bedre enn sist"},
    ("plans:shared", "post"): lambda ids: {"text": "Han sover dårlig"},
    ("followup:edit", "post"): lambda ids: {
        "goals": "Nye mål med egne ord", "tiltak-TOTAL_FORMS": "1",
        "tiltak-INITIAL_FORMS": "0", "evaluering-TOTAL_FORMS": "1",
        "evaluering-INITIAL_FORMS": "0", "gruppe-TOTAL_FORMS": "1", "gruppe-INITIAL_FORMS": "0",
        "gruppe-0-name": "Kari i kommunen", "gruppe-0-service": "Psykisk helsetjeneste"},
    ("followup:own_plan", "post"): lambda ids: {"svar": "signer", "signer-agree": "on"},
    ("followup:confirm", "post"): lambda ids: {"taken_over": "on", "note": "Overtatt"},
    ("api-v1:create_event", "post"): lambda ids: {
        "event": "first_attendance", "on": dt.date.today().isoformat(),
        "expected_last_event": ids["last_event"]},
    ("api-v1:correct", "post"): lambda ids: {
        "on": ids["referral_on"], "reason": "Feil i registreringen",
        "expected_last_event": ids["last_event"]},
    ("api-v1:grant_consent", "post"): lambda ids: {
        "participant": "municipality", "scope": "overview", "only_this_pathway": True,
        "valid_from": dt.date.today().isoformat()},
    ("api-v1:move", "post"): lambda ids: {"to_unit_id": ids["move_to"], "on": ids["on"],
                                          "reason": "Matrisetest"},
    ("api-v1:transfer", "post"): lambda ids: {"to_unit_id": ids["transfer_to"],
                                              "received_on": ids["on"]},
    ("api-v1:close", "post"): lambda ids: {
        "on": dt.date.today().isoformat(), "outcome": "completed", "checklist": {
            "patient_agrees": True, "service_agrees": True, "individual_plan_used": True,
            "municipal_responsible": "Kari i kommunen", "final_meeting_id": ids["meeting_id"],
            "help_needs": "Støttesamtaler", "knows_where_to_turn": True,
            "risk_passed_on": True, "risk_passed_to": "Fastlegen"}},
    ("api-v1:assess", "post"): lambda ids: {"right_granted": False,
                                            "assessed_on": dt.date.today().isoformat()},
    ("municipal:appoint", "post"): lambda ids: {
        "identifier": ids["new_number"], "name": "Ny Matrisesen",
        "coordinator": ids["municipal_id"], "service": "Psykisk helse og rus",
        "phone": "400 00 001"},
    ("municipal:notice", "post"): lambda ids: {
        "skjema": "oppnevn", "oppnevn-coordinator": ids["municipal_id"],
        "oppnevn-service": "Psykisk helse og rus", "oppnevn-phone": "400 00 001"},
    ("municipal:notice_new", "post"): lambda ids: {
        "identifier": ids["new_number"], "name": "Ny Matrisesen", "need": "coordinator",
        "description": "Trenger en koordinator"},
    ("municipal:early_flag", "post"): lambda ids: {
        "identifier": ids["new_number"], "name": "Ny Matrisesen",
        "gp_office": ids["gp_office"], "concern": "Virker nedstemt"},
    ("municipal:pathway_notice", "post"): lambda ids: {
        "need": "individual_plan", "description": "Trenger individuell plan",
        "patient_agrees": "on"},
    ("gpcare:consultation_new", "post"): lambda ids: {
        "office": ids["gp_office"], "unit": ids["unit_a"], "identifier": ids["identifier"],
        "question": "Bør pasienten henvises?"},
    ("gpcare:consultation", "post"): lambda ids: {"answer": "Ja, henvis til DPS."},
    ("gpcare:feedback", "post"): lambda ids: {"kind": "assessment",
                                              "next_steps": "Time om to uker."},
    ("api-v1:create_referral", "post"): lambda ids: {
        "unit_id": ids["unit_a"], "patient": {"identifier": ids["new_number"],
                                              "name": "Ny Matrisesen"},
        "received_on": TODAY.isoformat(), "referrer_kind": "other",
        "referrer_name": "Annen Henviser"},
}
# The answer of a POST that did what it was asked (a success redirect, except the
# emergency access, which shows the search page again with the pathways it opened).
SUCCESS = {"access:break_glass": 200, "api-v1:create_event": 201, "api-v1:correct": 201,
           "api-v1:grant_consent": 201, "api-v1:create_referral": 201, "api-v1:move": 201,
           "api-v1:transfer": 201, "api-v1:close": 201, "api-v1:assess": 201}
# List pages that show the patient's pathways: what marks them on the page.
SHOWS = {
    "worklist": lambda ids: [f"/forlop/{ids['pathways'][key]['pk']}/"
                             for key in (OWN, SISTER, OTHER_TRUST)],
    "portal:shared": lambda ids: [ids["patient_name"]],
    "npr:fix_list": lambda ids: [f"/forlop/{ids['pathways'][key]['pk']}/"
                                 for key in (OWN, CLOSED, SISTER, OTHER_TRUST)],
    "api-v1:worklist": lambda ids: [ids["patient_name"]],
    "api-v1:list_pathways": lambda ids: [ids["patient_name"]],
    "followup:awaiting": lambda ids: [ids["patient_name"]],
    "gpcare:home": lambda ids: [f"/forlop/{ids['pathways'][key]['pk']}/"
                                for key in (OWN, CLOSED, SISTER, OTHER_TRUST)],
    "gpcare:consultations": lambda ids: [ids["patient_name"]],
}
# POSTs with no database row as their effect (the session and the language cookie).
NO_ROW_EFFECT = {"logout", "logout-everywhere", "set_language"}
# Every table a POST of the app writes its effect to (the access log aside: a refused
# request is logged too): events and the pathway itself (unit, setting, coordinator),
# consents, restrictions, emergency accesses and their review, referrals, saved views,
# role grants, care teams.
# (The care team's model, by the pathway's relation: it moves from pathways to access.)
EFFECT_TABLES = (PathwayEvent, Pathway, Consent, Restriction, BreakGlass, Referral,
                 SavedView, RoleAssignment, Pathway._meta.get_field("care_team").related_model,
                 PlanVersion, PlanResponse, PlanMeeting, SelfReport, RelativeMessage,
                 Relative, Evaluation, Meeting, MeetingParticipant, MeetingAction,
                 ClosureChecklist, IndividualPlanVersion, IndividualPlanResponse,
                 FollowUpRequest, Confirmation, NeedNotice, CoordinatorAppointment, EarlyFlag,
                 Consultation, Message)


def _stored_rows():
    """Every row of the effect tables (plain SQL: this runs twice per POST)."""
    with connection.cursor() as cursor:
        out = []
        for model in EFFECT_TABLES:
            cursor.execute(f"SELECT * FROM {model._meta.db_table} ORDER BY 1")  # noqa: S608
            out.append(cursor.fetchall())
    return out


API = "api-v1:"

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

    unit_c = Unit.objects.create(trust=org.trust_a, name="Akutt Test", resh_id="1009004")
    unit_b2 = Unit.objects.create(trust=org.trust_b, name="BUP Annet HF", resh_id="1009005")
    elsewhere = Municipality.objects.create(name="Annenvik kommune", number="1998",
                                            org_number="100009102")
    farther = Municipality.objects.create(name="Tredjevik kommune", number="1997",
                                          org_number="100009103")
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
        "revoked_relative": person("trukket", Role.RELATIVE),
        "sysadmin": person("admin", Role.SYSADMIN),
        "other_unit": person("nabo", Role.COORDINATOR, unit=org.unit_b),
        "restricted": person("sperret", Role.CLINICIAN, unit=org.unit_a),
        "access_admin": person("tilgang", Role.ACCESS_ADMIN, unit=org.unit_a2),
        "care_team": person("team", Role.CLINICIAN, unit=unit_c),
        "break_glass_active": person("naud", Role.CLINICIAN, unit=unit_c),
        "break_glass_expired": person("naud-utlopt", Role.CLINICIAN, unit=unit_c),
        "revoked_municipal": person("kommune-trukket", Role.MUNICIPAL_COORDINATOR,
                                    municipality=elsewhere),
        "expired_municipal": person("kommune-utlopt", Role.MUNICIPAL_COORDINATOR,
                                    municipality=farther),
    }
    # The clinician also works in unit A2 of the same trust (a move's receiving unit).
    RoleAssignment.objects.create(user=people["clinician"], role=Role.CLINICIAN,
                                  unit=org.unit_a2, valid_from=dt.date(2020, 1, 1))
    people["sysadmin"].is_staff = people["sysadmin"].is_superuser = True
    people["sysadmin"].save()
    patient = factories.patient("Matrise Delesen")
    patient.user, patient.municipality = people["patient"], org.municipality
    patient.gp_office = org.gp_office  # on the GP's list (the GP's page, feedback)
    patient.save()
    own = factories.pathway(patient=patient, unit=org.unit_a, by=people["coordinator"],
                            today=TODAY, coordinator=people["coordinator"])
    closed = builders.pathway(patient, org.unit_a, people["coordinator"], type="voksne")
    # Ended before the day the POSTs register on: no event after the end is accepted.
    append_event(pathway=closed, event="pathway_end", on=TODAY - dt.timedelta(days=5),
                 outcome="completed", by=people["coordinator"], today=TODAY)
    pathways = {
        OWN: (own, org.unit_b, org.unit_a2),  # (pathway, transfer to, move to)
        CLOSED: (closed, org.unit_b, org.unit_a2),
        SISTER: (builders.pathway(patient, org.unit_a2, people["clinician"], type="psykose"),
                 org.unit_b, org.unit_a),
        OTHER_TRUST: (builders.pathway(patient, org.unit_b, people["other_unit"],
                                       type="voksne"), org.unit_a, unit_b2),
    }

    def consent(participant, scope, status="active", **kw):
        valid_to = dt.date.today() - dt.timedelta(days=1) if status == "expired" else None
        revoked_at = dt.datetime.now(dt.UTC) if status == "revoked" else None
        return Consent.objects.create(patient=patient, participant=participant, scope=scope,
                                      valid_from=dt.date(2024, 1, 1), valid_to=valid_to,
                                      revoked_at=revoked_at, registered_by=people["patient"],
                                      **kw)

    ids = {
        "provider": "helseid",
        "own_pk": own.pk,
        "identifier": patient.identifier,
        "patient_name": patient.name,
        "unit_a2": org.unit_a2.pk,
        "unit_b": org.unit_b.pk,
        "on": TODAY.isoformat(),
        "consent_id": consent(Participant.RELATIVE, ConsentScope.PLANS,
                              participant_user=people["relative"]).pk,
        "restriction_id": Restriction.objects.create(
            patient=patient, barred_user=people["restricted"], created_by=people["patient"]).pk,
        "pathways": {key: _pathway_ids(made, to, move_to)
                     for key, (made, to, move_to) in pathways.items()},
    }
    consent(Participant.RELATIVE, ConsentScope.OVERVIEW, "expired",
            participant_user=people["expired_relative"])
    consent(Participant.RELATIVE, ConsentScope.PLANS, "revoked",
            participant_user=people["revoked_relative"])
    consent(Participant.MUNICIPALITY, ConsentScope.PLANS,
            participant_municipality=org.municipality)
    consent(Participant.MUNICIPALITY, ConsentScope.PLANS, "revoked",
            participant_municipality=elsewhere)
    consent(Participant.MUNICIPALITY, ConsentScope.PLANS, "expired",
            participant_municipality=farther)
    consent(Participant.MEETING, ConsentScope.OVERVIEW, participant_user=people["gp"],
            pathway=own)
    builders.care_team(own, people["care_team"], by=people["coordinator"])
    for made, _to, _move in pathways.values():  # a plan awaiting the patient's signature
        PlanVersion.objects.create(pathway=made, number=1, goals="Komme i jobb igjen",
                                   made_by=people["coordinator"])
    # The individual plan, the closure checklist naming it as the follow-up plan, and
    # the municipality's confirmation on every pathway but the sister's (asked only).
    ip = IndividualPlanVersion.objects.create(patient=patient, municipality=org.municipality,
                                              number=1, goals="Bo i egen leilighet",
                                              made_by=people["municipal"])
    for key, (made, _to, _move) in pathways.items():
        ClosureChecklist.objects.create(pathway=made, individual_plan_used=True,
                                        municipal_responsible="Kari i kommunen",
                                        saved_by=people["coordinator"])
        asked = FollowUpRequest.objects.create(
            pathway=made, municipality=org.municipality, plan_version=ip,
            responsible="Kari i kommunen", requested_by=people["coordinator"])
        if key != SISTER:
            Confirmation.objects.create(request=asked, confirmed_by=people["municipal"])
    ids["patient"] = patient.pk
    now = dt.datetime.now(dt.UTC)
    for who, started in (("break_glass_active", now - dt.timedelta(hours=1)),
                         ("break_glass_expired", now - dt.timedelta(hours=30))):
        # Recorded against the record's unit in the user's trust, as the service does.
        BreakGlass.objects.create(user=people[who], patient=patient, unit=org.unit_a,
                                  reason="Akutt innleggelse", started_at=started,
                                  expires_at=started + dt.timedelta(hours=4))
    other = factories.pathway(patient=factories.patient(), unit=org.unit_b,
                              by=people["other_unit"], today=TODAY)
    ids["referral_id"] = Referral.objects.create(
        patient=patient, unit=org.unit_a, received_on=TODAY, referrer_kind="other",
        referrer_name="Annen Henviser", created_by=people["secretary"]).pk
    ids["unit_a"], ids["new_number"] = org.unit_a.pk, generate_synthetic_fnr(random.Random(9))
    ids["coordinator_id"] = people["coordinator"].pk
    ids["new_coordinator_id"] = person("koordinator2", Role.COORDINATOR, unit=org.unit_a).pk
    ids["view_id"] = SavedView.objects.create(owner=people["coordinator"], unit=org.unit_a,
                                              name="Enhetens brudd",
                                              params={"status": "overdue"}).pk
    ids["item_id"] = BreakGlass.objects.create(
        user=people["clinician"], patient=other.patient, unit=org.unit_a, reason="Akutt test",
        started_at=now - dt.timedelta(days=1), expires_at=now - dt.timedelta(hours=20)).pk
    ids["assignment_id"] = people["coordinator"].role_assignments.get().pk
    ids["message_id"] = Message.objects.create(
        kind=MessageKind.FEEDBACK_ASSESSMENT, subject="Henvisningen er vurdert", body="Rett",
        sender=people["coordinator"], sender_unit=org.unit_a, patient=patient, pathway=own,
        to_gp_office=org.gp_office, document=b"%PDF-1.4", document_name="tilbakemelding.pdf",
        document_type="application/pdf").pk
    ids["municipal_id"], ids["gp_office"] = people["municipal"].pk, org.gp_office.pk
    ids["notice_id"] = NeedNotice.objects.create(
        municipality=org.municipality, patient=patient, need="coordinator",
        description="Trenger koordinator", source="municipal_staff",
        sent_by=people["municipal"], person_name=patient.name).pk
    ids["consultation_id"] = Consultation.objects.create(
        patient=patient, gp_office=org.gp_office, asked_by=people["gp"], unit=org.unit_a,
        question="Bør hun henvises?", asked_at=now).pk
    return people, ids


def _pathway_ids(pathway, transfer_to, move_to) -> dict:
    """What the pathway pages need of one pathway: its id, the event to correct, the
    last event seen (the stale-page check) and where to transfer or move it."""
    referral = pathway.events.get(event="referral_received")
    # A meeting held (with minutes), the one a closure names as its final meeting.
    meeting = Meeting.objects.create(
        pathway=pathway, starts_at=dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC), mode="video",
        place="Video", agenda="Avslutning", held_on=dt.date(2024, 5, 1), minutes="Holdt",
        minuted_by=pathway.created_by, planned_by=pathway.created_by, is_final=True)
    return {"pk": pathway.pk, "meeting_id": meeting.pk, "pathway_id": pathway.pk,
            "event_id": referral.pk,
            "referral_on": referral.on.isoformat(),
            "last_event": pathway.events.order_by("-pk").first().pk,
            "transfer_to": transfer_to.pk, "move_to": move_to.pk}


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


def test_every_pathway_page_is_walked_on_every_pathway():
    routes = dict(app_urls())
    on_pathway = {(name, method) for name, method in EXPECTED if "<int:pk>" in routes[name]}
    assert on_pathway
    assert {key for key in on_pathway if set(EXPECTED[key]) != set(PATHWAYS)} == set()


def _admin_pages():
    for model in admin.site._registry:
        meta = model._meta
        yield (f"admin:{meta.app_label}_{meta.model_name}_changelist", "get")


@functools.cache
def _routes() -> dict[str, str]:
    return dict(app_urls())


def _call(client, name, method, ids):
    route = _routes()[name]
    kwargs = {k: v for k, v in ids.items() if re.search(rf"<(\w+:)?{k}>", route)}
    url = reverse(name, kwargs=kwargs)
    body = BODIES.get((name, method))
    checks_rows = method == "post" and name not in NO_ROW_EFFECT
    before = _stored_rows() if checks_rows else None
    data = body(ids) if body else {}
    if name.startswith(API):  # JSON, with the CSRF token in its header
        response = getattr(client, method)(url, json.dumps(data) if method == "post" else data,
                                           content_type="application/json",
                                           HTTP_X_CSRFTOKEN=CSRF_TOKEN)
    else:
        if method == "post":  # the client checks CSRF as a browser's request meets it
            data = {**data, "csrfmiddlewaretoken": CSRF_TOKEN}
        response = getattr(client, method)(url, *([data] if data else []))
    location = response.get("Location", "") if response.status_code == 302 else ""
    if "/logg-inn/" in location or "/admin/login/" in location:
        return LOGIN
    if checks_rows:
        stored = _stored_rows() != before
        if stored != (response.status_code == SUCCESS.get(name, 302)):
            return f"{response.status_code}, stored={stored}"
    if name in SHOWS and response.status_code == 200:
        page = response.content.decode()
        return SHOWN if any(mark in page for mark in SHOWS[name](ids)) else 200
    return response.status_code


def _checks() -> list[tuple[str, str, str | None, dict]]:
    """(url name, method, pathway key or None, expected row) for every request."""
    out = []
    for (name, method), expected in EXPECTED.items():
        if set(expected) == set(PATHWAYS):
            out += [(name, method, key, expected[key]) for key in PATHWAYS]
        else:
            out.append((name, method, None, expected))
    return out + [(name, method, None, row(LOGIN, sysadmin=200))
                  for name, method in _admin_pages()]


def _sessions(people, personas) -> dict[str, str]:
    """A session per persona (none for ``anonymous``), made once outside the
    savepoints, so each request only needs its cookie."""
    keys = {}
    for persona in personas:
        client = Client()
        if persona != "anonymous":
            client.force_login(people[persona])
        keys[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value if (
            persona != "anonymous") else ""
    return keys


def walk(people, ids, checks, personas=PERSONAS):
    """Send every request of ``checks`` as every persona, each in a rolled-back
    savepoint; returns (outcome counts, the unexpected answers)."""
    outcomes, wrong = Counter(), []
    sessions = _sessions(people, personas)
    client = Client(enforce_csrf_checks=True)
    for name, method, key, expected in checks:
        request_ids = ids | (ids["pathways"][key] if key else {})
        on = f" on {key}" if key else ""
        for persona in personas:
            with transaction.atomic():
                client.cookies.clear()  # no language or message cookie carried over
                client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_TOKEN
                if sessions[persona]:
                    client.cookies[settings.SESSION_COOKIE_NAME] = sessions[persona]
                got = _call(client, name, method, request_ids)
                transaction.set_rollback(True)
            want = expected[persona]
            if got == want:
                outcomes["as expected"] += 1
            elif got == SHOWN or (got not in DENIED and want in DENIED):
                outcomes["unexpected allow"] += 1
                wrong.append(f"ALLOW {method.upper()} {name}{on} as {persona}: {got}, "
                             f"want {want}")
            else:
                outcomes["unexpected deny"] += 1
                wrong.append(f"DENY {method.upper()} {name}{on} as {persona}: {got}, "
                             f"want {want}")
    return outcomes, wrong


def test_url_persona_matrix(world, capsys):
    people, ids = world
    checks = _checks()
    outcomes, wrong = walk(people, ids, checks)
    with capsys.disabled():
        print(f"\nURL x persona matrix: {len(checks)} URL rows x {len(PERSONAS)} personas = "
              f"{sum(outcomes.values())} requests, {outcomes['unexpected allow']} unexpected "
              f"allows, {outcomes['unexpected deny']} unexpected denials")
    assert wrong == [], "\n".join(wrong)


# ---- the matrix has teeth: a mutation of one basis of access makes it fail ----------

# The rows a mutation of the scope shows up on: every pathway page read, both lists.
MUTATION_ROWS = {("pathway_detail", "get"), ("worklist", "get"), ("portal:shared", "get"),
                 ("access:pathway_consents", "get"), ("intake:assess", "get")}


@pytest.fixture
def mutate(monkeypatch):
    """``mutate(name, replacement)``: replace ``forlop.access.policy.<name>`` in every
    module that holds it, as an edit of its body would; the compiled statements (the
    worklist's scope, the access decision) are compiled again under the mutation, and
    again after the test."""
    from forlop.access import compiled, policy

    _routes()  # import every view (and what it imports) before, never under, a mutation

    def replace(name, replacement):
        original = getattr(policy, name)
        for module in [m for n, m in sys.modules.items() if n.startswith("forlop")]:
            if getattr(module, name, None) is original:
                monkeypatch.setattr(module, name, replacement)

    compiled.forget()
    yield replace
    compiled.forget()


def _unexpected_allows(world):
    people, ids = world
    checks = [c for c in _checks() if (c[0], c[1]) in MUTATION_ROWS]
    _, wrong = walk(people, ids, checks)
    return {line.split(" as ")[1].split(":")[0] for line in wrong if line.startswith("ALLOW")}


def test_the_matrix_sees_a_dropped_restriction(world, mutate):
    mutate("barred_patients", lambda user, on=None: Restriction.objects.filter(
        barred_user=user).filter(pk__lt=0))  # the restriction branch bars no one

    assert _unexpected_allows(world) == {"restricted"}


def test_the_matrix_sees_consent_ignoring_revocation(world, monkeypatch, mutate):
    from forlop.access.models.consent import ConsentQuerySet

    def active_even_if_revoked(self, on=None):
        today = on or dt.date.today()
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today),
                           valid_from__lte=today)

    monkeypatch.setattr(ConsentQuerySet, "active", active_even_if_revoked)

    assert _unexpected_allows(world) == {"revoked_municipal", "revoked_relative"}


def test_a_post_without_the_csrf_token_is_refused_and_stores_nothing(world):
    people, ids = world
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["coordinator"])
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_TOKEN
    before = _stored_rows()

    response = client.post(reverse("pathway_register", args=[ids["own_pk"]]),
                           BODIES[("pathway_register", "post")](ids | ids["pathways"][OWN]))

    assert (response.status_code, _stored_rows() == before) == (403, True)
