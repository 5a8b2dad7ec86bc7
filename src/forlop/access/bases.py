"""The bases of access, declared once.

Each ``Rule`` says which pathways one basis reaches for a user, as one or more
alternatives, each a filter on ``Pathway``. Everything else is derived from this
table, never restated:

- ``policy.pathway_scope`` (the ``visible_to`` queryset filter) ORs the staff rules'
  alternatives and removes the barred patients;
- ``policy.access_to`` (one pathway) evaluates every rule on that one row in a single
  query (``reached``, built once per process and bound per call: ADR 64) and then
  asks only the reached bases what they grant;
- the worklist's scope statement (``worklist.selectors.scope_rows``) makes one UNION
  branch per alternative, tagged with the rule's ``tag`` (the unit rule gives its unit
  ids instead, so the page can walk each unit's index: ADR 16).

``user`` may be a user or a user id (the worklist compiles its statement once with a
stand-in id); ``on`` (a date) and ``now`` (a datetime) default to today and now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, Value
from django.utils import timezone

from forlop.access import compiled
from forlop.access.models import (
    Basis,
    BreakGlass,
    CareTeamMember,
    Consent,
    Participant,
    Restriction,
)
from forlop.accounts.roles import MUNICIPAL_ROLES, UNIT_ROLES
from forlop.hotpath import hot_cursor


def active_roles(user, on=None):
    from forlop.accounts.models import RoleAssignment

    return RoleAssignment.objects.active(on).filter(user=user)


def unit_roles_of(user, on=None):
    """The user's active role assignments that open a unit's pathways to them."""
    return active_roles(user, on).filter(role__in=UNIT_ROLES, unit__isnull=False)


def municipal_roles_of(user, on=None):
    return active_roles(user, on).filter(role__in=MUNICIPAL_ROLES, municipality__isnull=False)


def barred_patients(user, on=None):
    """Restrictions in force that bar this user or a unit they hold any role in."""
    units = active_roles(user, on).filter(unit__isnull=False).values("unit_id")
    return Restriction.objects.active().filter(Q(barred_user=user) | Q(barred_unit_id__in=units))


def active_break_glass(user, now=None, on=None):
    """The user's emergency accesses in force: started, not expired, and only while
    they still hold a unit role in the trust they took it in (emergency access ends
    with the job; a row without a unit opens nothing)."""
    in_trust = unit_roles_of(user, on).filter(unit__trust_id=OuterRef("unit__trust_id"))
    return BreakGlass.objects.active(now).filter(user=user).filter(Exists(in_trust))


def consents_reaching(user, participant: str | None = None, on=None):
    """Active consents whose participant is this user or one of their municipalities."""
    municipalities = municipal_roles_of(user, on).values("municipality_id")
    qs = Consent.objects.active(on).filter(
        Q(participant_user=user, participant__in=[Participant.RELATIVE, Participant.MEETING])
        | Q(participant=Participant.MUNICIPALITY,
            participant_municipality_id__in=municipalities))
    return qs.filter(participant=participant) if participant else qs


def covering(consents, pathway_ref, patient_ref):
    """Those of ``consents`` that share this pathway: given for its patient, for all
    of the patient's pathways or for this one."""
    return consents.filter(patient_id=patient_ref).filter(
        Q(pathway__isnull=True) | Q(pathway_id=pathway_ref))


# --- the rules ------------------------------------------------------------------


def _own_record(user, on, now):
    return [Q(patient__user=user)]


def _unit(user, on, now):
    return [Q(unit_id__in=unit_roles_of(user, on).values("unit_id"))]


def _coordinator(user, on, now):
    return [Q(coordinator=user)]


def _care_team(user, on, now):
    return [Q(pk__in=CareTeamMember.objects.filter(user=user).values("pathway_id"))]


def _break_glass(user, on, now):
    # Only the patient's pathways in the trust of the unit the user took it in (hole 1
    # of issue 11): another trust's record stays closed, and its review stays with
    # the trust that granted it. The IN drives the plan from the (few) accesses.
    glass = active_break_glass(user, now=now, on=on)
    same_trust = glass.filter(patient_id=OuterRef("patient_id"),
                              unit__trust_id=OuterRef("trust_id"))
    return [Q(patient_id__in=glass.values("patient_id")) & Q(Exists(same_trust))]


def _consent(participant):
    def alternatives(user, on, now):
        given = consents_reaching(user, participant, on=on)
        # For all of the patient's pathways, or for one: then it must be the consenting
        # patient's own pathway (as in ``covering``).
        return [Q(patient_id__in=given.filter(pathway__isnull=True).values("patient_id")),
                Q(pk__in=given.filter(pathway__isnull=False, pathway__patient_id=F("patient_id"))
                  .values("pathway_id"))]

    return alternatives


@dataclass(frozen=True)
class Rule:
    basis: str  # ``Basis``: what the access log records
    tag: str  # the rule's one-letter tag in the worklist's scope statement
    alternatives: Callable  # (user, on, now) -> [Q on Pathway]
    staff: bool = True  # part of the staff scope (``visible_to``, the worklist)
    barrable: bool = True  # removed by a restriction (the patient's own never is)

    def q(self, user, on=None, now=None) -> Q:
        return reduce(or_, self.alternatives(user, on, now))


# In the order ``access_to`` ranks them: the first that applies is logged.
OWN_RECORD = Rule(Basis.OWN_RECORD, "p", _own_record, staff=False, barrable=False)
UNIT = Rule(Basis.UNIT, "u", _unit)
COORDINATOR = Rule(Basis.COORDINATOR, "c", _coordinator)
CARE_TEAM = Rule(Basis.CARE_TEAM, "t", _care_team)
BREAK_GLASS = Rule(Basis.BREAK_GLASS, "b", _break_glass)
MUNICIPAL_CONSENT = Rule(Basis.MUNICIPAL_CONSENT, "m", _consent(Participant.MUNICIPALITY))
PARTICIPANT_CONSENT = Rule(Basis.PARTICIPANT_CONSENT, "g", _consent(Participant.MEETING))
RELATIVE_CONSENT = Rule(Basis.RELATIVE_CONSENT, "s", _consent(Participant.RELATIVE),
                        staff=False)
RULES = (OWN_RECORD, UNIT, COORDINATOR, CARE_TEAM, BREAK_GLASS, MUNICIPAL_CONSENT,
         PARTICIPANT_CONSENT, RELATIVE_CONSENT)
STAFF_RULES = tuple(rule for rule in RULES if rule.staff)


def barred(user, on=None) -> Q:
    """Pathways of patients a restriction bars this user from."""
    return Q(patient_id__in=barred_patients(user, on).values("patient_id"))


def staff_scope(user, on=None, now=None) -> Q:
    """The staff scope as one filter on ``Pathway``."""
    return reduce(or_, (rule.q(user, on, now) for rule in STAFF_RULES)) & ~barred(user, on)


def reached_query(user, pathway_id, on=None, now=None):
    """One row for one pathway: a flag per rule (``r_<tag>``), whether a restriction
    bars the user (``x``), and a flag per unit role the user holds in the pathway's
    unit (``u_<role>``: what the unit rule grants). Every rule on the one row."""
    from forlop.pathways.models import Pathway

    def flag(q):
        return ExpressionWrapper(q, output_field=BooleanField())

    held = unit_roles_of(user, on).filter(unit_id=OuterRef("unit_id"))
    return (Pathway.objects.filter(pk=pathway_id)
            .values(**{f"r_{rule.tag}": flag(rule.q(user, on, now)) for rule in RULES},
                    x=flag(barred(user, on)),
                    **{f"u_{role}": Exists(held.filter(role=role))
                       for role in sorted(UNIT_ROLES)},
                    one=Value(1)))


@compiled.per_process
def _compiled_reach(alias: str) -> compiled.CompiledSql:
    return compiled.CompiledSql.compile(
        lambda user, pathway, on, now: reached_query(user, pathway, on, now),
        {"user": (compiled.INT, compiled.USER), "pathway": (compiled.INT, compiled.PATHWAY),
         "on": (compiled.DAY, compiled.DAY_STAND_IN), "now": (compiled.NOW, compiled.NOW_STAND_IN)},
        alias)


@dataclass(frozen=True)
class Reach:
    rules: frozenset  # the rules that reach the pathway
    barred: bool  # a restriction bars the user from its patient
    unit_roles: tuple[str, ...]  # the user's roles in the pathway's unit, sorted


NOWHERE = Reach(frozenset(), False, ())


def reached(user, pathway_id, now=None) -> Reach:
    """Which rules reach this one pathway, whether a restriction bars the user, and
    the user's roles in its unit: one query, whose SQL ``reached_query`` builds once
    per process (``forlop.access.compiled``); only the values are bound per call."""
    now = now or timezone.now()
    sql, params = _compiled_reach(connection.alias).bind(
        user=getattr(user, "pk", user), pathway=int(pathway_id), on=timezone.localdate(now),
        now=now)
    with hot_cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        names = [c[0] for c in cursor.description]
    if row is None:
        return NOWHERE
    found = dict(zip(names, row, strict=True))
    return Reach(frozenset(rule for rule in RULES if found[f"r_{rule.tag}"]), bool(found["x"]),
                 tuple(role for role in sorted(UNIT_ROLES) if found[f"u_{role}"]))
