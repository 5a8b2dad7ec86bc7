"""Building blocks for the access tests: real rows for every basis of access, and
short readers of what a user sees through each door (no mocks of our code)."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.db import connection
from django.utils import timezone

from forlop.access.models import BreakGlass, CareTeamMember, Consent, Participant, Restriction
from forlop.access.policy import access_to
from forlop.accounts.models import RoleAssignment
from forlop.pathways.models import Pathway
from forlop.pathways.services.register import append_event
from forlop.worklist.selectors import worklist_for
from tests import factories
from tests.conftest import TODAY

DAY = dt.timedelta(days=1)


def pathway(patient, unit, by, type="tsb", **kwargs):  # noqa: A002 - the domain word
    return factories.pathway(patient=patient, unit=unit, by=by, today=TODAY, type=type,
                             **kwargs)


def grant_role(user, role, *, unit=None, municipality=None, expired=False):
    today = timezone.localdate()
    return RoleAssignment.objects.create(
        user=user, role=role, unit=unit, municipality=municipality,
        valid_from=today - 400 * DAY, valid_to=today - DAY if expired else None)


def _period(status: str):
    """(valid_from, valid_to, revoked_at) for a consent in this state today."""
    today = timezone.localdate()
    return {
        "active": (today - 30 * DAY, None, None),
        "ends_today": (today - 30 * DAY, today, None),
        "revoked": (today - 30 * DAY, None, timezone.now()),
        "expired": (today - 30 * DAY, today - DAY, None),
        "not_started": (today + DAY, None, None),
    }[status]


def consent(patient, *, by, municipality=None, person=None, participant=None, pathway=None,
            scope="overview", status="active") -> Consent:
    """A consent for a municipality (``municipality``) or a person (``person``: a
    meeting participant unless ``participant`` says relative)."""
    if participant is None:
        participant = Participant.MUNICIPALITY if municipality else Participant.MEETING
    valid_from, valid_to, revoked_at = _period(status)
    return Consent.objects.create(
        patient=patient, pathway=pathway, participant=participant, participant_user=person,
        participant_municipality=municipality, scope=scope, valid_from=valid_from,
        valid_to=valid_to, revoked_at=revoked_at, registered_by=by)


def restriction(patient, *, by, user=None, unit=None, lifted=False) -> Restriction:
    return Restriction.objects.create(patient=patient, barred_user=user, barred_unit=unit,
                                      created_by=by, reason="Pasientens ønske",
                                      lifted_at=timezone.now() if lifted else None)


def break_glass(user, patient, *, expired=False, hours=4, unit=None) -> BreakGlass:
    """World-building: an emergency access as ``take_break_glass`` would record it (the
    record's unit in the user's trust), without its checks; ``unit`` overrides."""
    from forlop.access.services import _record_unit

    now = timezone.now()
    start = now - dt.timedelta(hours=2 * hours) if expired else now
    unit_id = unit.pk if unit else _record_unit(user, patient)
    return BreakGlass.objects.create(user=user, patient=patient, unit_id=unit_id,
                                     reason="Akutt innleggelse",
                                     started_at=start,
                                     expires_at=start + dt.timedelta(hours=hours))


def care_team(pathway, user, *, by):
    return CareTeamMember.objects.create(pathway=pathway, user=user, added_by=by)


def close(pathway, *, by):
    """World-building: ends the pathway without the actor check (``by`` is recorded)."""
    append_event(pathway=pathway, event="pathway_end", on=TODAY, outcome="completed", by=by,
                 today=TODAY)
    pathway.refresh_from_db()


def set_coordinator(pathway, user):
    Pathway.objects.filter(pk=pathway.pk).update(coordinator=user)
    pathway.refresh_from_db()


# ---- what a user sees, through each door ---------------------------------------------

def ids(pathways) -> set[int]:
    return {p.pk for p in pathways}


def visible(user) -> set[int]:
    return set(Pathway.objects.visible_to(user).values_list("pk", flat=True))


def visible_open(user) -> set[int]:
    return set(Pathway.objects.visible_to(user).open().values_list("pk", flat=True))


def on_worklist(user) -> set[int]:
    return {state.pathway_id for state in worklist_for(user)}


def shared(user) -> set[int]:
    return set(Pathway.objects.shared_pathways(user).values_list("pk", flat=True))


def own(user) -> set[int]:
    return set(Pathway.objects.own_pathways(user).values_list("pk", flat=True))


def reachable(user) -> set[int]:
    """Pathways on which ``access_to`` grants the user anything at all."""
    return {p.pk for p in Pathway.objects.all() if access_to(user, p).permissions}


# ---- the access log's database guard -------------------------------------------------

@contextmanager
def log_unguarded():
    """Switch off the access log's append-only triggers inside the test transaction
    (rolled back with it), to play an intruder with database access."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Run the pending deferred foreign-key checks first: ALTER TABLE refuses a
            # table with pending trigger events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE access_accesslogentry "
                           "DISABLE TRIGGER access_log_append_only")
        else:
            cursor.execute("DROP TRIGGER access_log_no_update")
            cursor.execute("DROP TRIGGER access_log_no_delete")
    yield
