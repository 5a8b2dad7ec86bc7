"""The bases of access, declared once.

Each ``Rule`` says which pathways one basis reaches for a user, as one or more
alternatives, each a filter on ``Pathway``. Everything else is derived from this
table, never restated:

- ``policy.pathway_scope`` (the ``visible_to`` queryset filter) ORs the staff rules'
  alternatives and removes the barred patients;
- ``policy.access_to`` (one pathway) evaluates every rule on that one row in a single
  query (``reached``) and then asks only the reached bases what they grant;
- the worklist's scope statement (``worklist.selectors.scope_rows``) makes one UNION
  branch per alternative, tagged with the rule's ``tag`` (the unit rule gives its unit
  ids instead, so the page can walk each unit's index: ADR 16).

``user`` may be a user or a user id (the worklist compiles its statement once with a
stand-in id); ``on`` (a date) and ``now`` (a datetime) default to today and now.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import connection, connections
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, Value
from django.utils import timezone

from forlop.access.models import (
    Basis,
    BreakGlass,
    CareTeamMember,
    Consent,
    Participant,
    Restriction,
)
from forlop.accounts.roles import MUNICIPAL_ROLES, UNIT_ROLES


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


_NAMES = {f"r_{rule.tag}": rule for rule in RULES}


def reached_query(user, pathway_id, on=None, now=None):
    """Every rule and the restriction as a flag on the one pathway row (``user`` a
    user or an id): the ORM's form of the statement ``reached`` sends."""
    from forlop.pathways.models import Pathway

    def flag(q):
        return ExpressionWrapper(q, output_field=BooleanField())

    return (Pathway.objects.filter(pk=pathway_id)
            .values(**{name: flag(rule.q(user, on, now)) for name, rule in _NAMES.items()},
                    x=flag(barred(user, on)), one=Value(1)))


def reached(user, pathway_id) -> tuple[set[Rule], bool]:
    """Which rules reach this one pathway, and whether a restriction bars the user:
    every rule evaluated on the one row, in one query. The statement is compiled
    from ``reached_query`` once per process and database (``_ReachedSql``)."""
    with connection.cursor() as cursor:
        cursor.execute(*_compiled_reached(connection.alias).bind(
            getattr(user, "pk", user), pathway_id, timezone.now()))
        names = [column[0] for column in cursor.description]
        found = cursor.fetchone()
    if found is None:
        return set(), False
    row = dict(zip(names, found, strict=True))
    return {rule for name, rule in _NAMES.items() if row[name]}, bool(row["x"])


# Stand-ins compiled into the statement, then swapped for the real values.
_USER, _PATHWAY, _DAY = -7_013_011, -7_013_012, dt.date(1901, 2, 5)
_NOW = dt.datetime(1902, 3, 4, 5, 6, 7, 891_000, tzinfo=dt.UTC)


@dataclass(frozen=True)
class _ReachedSql:
    """``reached_query``'s SQL with a slot per parameter: a constant, or which of the
    user, the pathway, the day and the moment goes there (as the worklist's scope
    statement, ``worklist.selectors._ScopeSql``). Building the query in the ORM cost
    about as much as the rest of a pathway page; binding this costs microseconds."""

    sql: str
    slots: tuple  # ("=", value) | ("user",) | ("pathway",) | ("day",) | ("now",)

    @classmethod
    def compile(cls, alias: str) -> _ReachedSql:
        ops = connections[alias].ops
        sql, params = reached_query(_USER, _PATHWAY, on=_DAY, now=_NOW).query.sql_with_params()
        stand_ins = {"user": _USER, "pathway": _PATHWAY,
                     "day": ops.adapt_datefield_value(_DAY),
                     "now": ops.adapt_datetimefield_value(_NOW)}
        slots = tuple(next(((name,) for name, v in stand_ins.items()
                            if type(v) is type(p) and v == p), ("=", p)) for p in params)
        missing = set(stand_ins) - {s[0] for s in slots}
        if missing:  # the ORM inlined a value: binding would silently use the stand-in
            raise RuntimeError(f"reached query compiled without parameters for {missing}")
        return cls(sql, slots)

    def bind(self, user_id: int, pathway_id: int, now: dt.datetime) -> tuple[str, list]:
        ops = connection.ops
        values = {"user": user_id, "pathway": pathway_id,
                  "day": ops.adapt_datefield_value(timezone.localdate(now)),
                  "now": ops.adapt_datetimefield_value(now)}
        return self.sql, [values[s[0]] if s[0] != "=" else s[1] for s in self.slots]


@functools.cache
def _compiled_reached(alias: str) -> _ReachedSql:
    return _ReachedSql.compile(alias)
