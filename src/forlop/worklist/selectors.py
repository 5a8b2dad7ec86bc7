"""The worklist read: the user's open pathways, most urgent first.

The scope is the one ``Pathway.objects.visible_to`` grants (tests keep them equal),
resolved first, in one small query, to unit ids, a short list of extra pathway ids
(coordinator, care team, consent, emergency access) and the patients a restriction
bars. That query's SQL is the same for every user and day: it is compiled from the
ORM once per process, with the user and the dates as parameters (``_ScopeSql``).

The page is then read by ``page_rows`` with one statement: per unit, an index walk
of ``state_worklist_open`` (unit, next_due, pathway) cut at the end of the page
(dated rows and undated rows apart, so the index order serves on both databases),
the extra pathways beside them, merged, joined to the names, and the total as an
uncorrelated scalar sub-query. Its cost follows the page, not the unit's size.
``worklist_for`` is the same read as a plain queryset: the reference the tests
hold ``page_rows`` to, row for row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection
from django.db.models import CharField, F, IntegerField, Q, Value
from django.utils import timezone

from forlop.access import compiled
from forlop.access.audit import Touch
from forlop.access.bases import (
    STAFF_RULES,
    UNIT,
    active_roles,
    barred_patients,
    unit_roles_of,
)
from forlop.access.models import Basis
from forlop.access.policy import may_see_patients
from forlop.hotpath import hot_cursor
from forlop.organisations.models import Unit
from forlop.pathways.models import Pathway, PathwayState
from forlop.patients.models import Patient

# Tag in the scope query -> the access basis logged for a row reached that way, in
# the order ``policy.access_to`` ranks them (the first that applies is logged).
EXTRA_BASES = {rule.tag: rule.basis for rule in STAFF_RULES if rule is not UNIT}
_RANK = {basis: i for i, basis in enumerate(EXTRA_BASES.values())}


@dataclass
class Scope:
    unit_roles: dict[int, str] = field(default_factory=dict)  # unit id -> role for the log
    extra: dict[int, str] = field(default_factory=dict)  # pathway id -> basis
    barred: set[int] = field(default_factory=set)  # patient ids
    roles: set[str] = field(default_factory=set)  # every active role, wherever held

    @property
    def empty(self) -> bool:
        return not self.unit_roles and not self.extra

    def reaches(self, pathway) -> bool:
        """Whether this scope lets its user see ``pathway`` (no query)."""
        return ((pathway.unit_id in self.unit_roles or pathway.pk in self.extra)
                and pathway.patient_id not in self.barred)

    def touch(self, pathway) -> Touch:
        """The access-log row for one pathway shown on the list (a ``Pathway`` or a
        ``Row``: anything with ``pk``, ``unit_id`` and ``patient_id``)."""
        role = self.unit_roles.get(pathway.unit_id)
        if role:
            return Touch(pathway.patient_id, Basis.UNIT, role, pathway.unit_id)
        role = min(self.roles) if self.roles else ""
        return Touch(pathway.patient_id, self.extra.get(pathway.pk, Basis.NONE), role)


def worklist_for(user, scope: Scope | None = None):
    """Open pathways the user may see, ordered by next due date (none last): the
    reference queryset for ``page_rows``."""
    if not may_see_patients(user):
        return PathwayState.objects.none()
    scope = scope or resolve_scope(user)
    return (
        PathwayState.objects.filter(Q(unit_id__in=sorted(scope.unit_roles))
                                    | Q(pathway_id__in=sorted(scope.extra)), is_open=True)
        .exclude(pathway__patient_id__in=sorted(scope.barred))
        .select_related("pathway", "pathway__patient", "pathway__unit")
        .order_by(F("next_due").asc(nulls_last=True), "pathway_id")
    )


def resolve_scope(user, now: dt.datetime | None = None) -> Scope:
    scope = Scope()
    if not may_see_patients(user):
        return scope
    with hot_cursor() as cursor:
        cursor.execute(*scope_sql(user, now or timezone.now()))
        rows = cursor.fetchall()
    for tag, pk, role in rows:
        if tag == "r":
            scope.roles.add(role)
        elif tag == "u":
            scope.unit_roles[pk] = min(role, scope.unit_roles.get(pk, role))
        elif tag == "x":
            scope.barred.add(pk)
        else:
            basis, known = EXTRA_BASES[tag], scope.extra.get(pk)
            if known is None or _RANK[basis] < _RANK[known]:
                scope.extra[pk] = basis
    return scope


def scope_rows(user, *, on: dt.date | None = None, now: dt.datetime | None = None):
    """One UNION ALL, derived from the rules in ``access.bases``: ("r", 0, role) per
    active role (for the menu), ("u", unit id, role) per unit role, (tag, pathway id,
    "") per open pathway reached by another staff rule, one branch per alternative,
    and ("x", patient id, "") per barring restriction. ``user`` may be a user or an id."""

    def tagged(qs, tag, column, role=None):
        return qs.annotate(tag=Value(tag, output_field=CharField()),
                           r=role or Value("", output_field=CharField())
                           ).values_list("tag", column, "r")

    unit_roles = unit_roles_of(user, on)
    # Pathways reached another way in a unit the user already sees whole are on the
    # list through the unit (and logged on that basis): leaving them out keeps a
    # coordinator's ~130 own pathways out of the page's and the count's extra branch.
    others = Pathway.objects.filter(is_open=True).exclude(
        unit_id__in=unit_roles.values("unit_id"))
    # The menu's roles: a role held at a management level gives no worklist (it
    # reaches figures only, ``LEVEL_REACH``; ADR 21).
    roles = (active_roles(user, on).filter(org_level__isnull=True)
             .annotate(zero=Value(0, output_field=IntegerField())))
    return tagged(unit_roles, "u", "unit_id", F("role")).union(
        tagged(roles, "r", "zero", F("role")),
        *(tagged(others.filter(alternative), rule.tag, "pk")
          for rule in STAFF_RULES if rule is not UNIT
          for alternative in rule.alternatives(user, on, now)),
        tagged(barred_patients(user, on), "x", "patient_id"),
        all=True)


@compiled.per_process
def _compiled_scope(alias: str) -> compiled.CompiledSql:
    """The scope query's SQL with a slot per parameter (``forlop.access.compiled``).
    Building the nine-part UNION in the ORM cost ~25 ms a page; binding it costs
    microseconds."""
    return compiled.CompiledSql.compile(
        lambda user, day, now: scope_rows(user, on=day, now=now),
        {"user": (compiled.INT, compiled.USER), "day": (compiled.DAY, compiled.DAY_STAND_IN),
         "now": (compiled.NOW, compiled.NOW_STAND_IN)},
        alias)


def scope_sql(user, now: dt.datetime) -> tuple[str, list]:
    """The scope query for this user at this moment: (SQL, parameters)."""
    return _compiled_scope(connection.alias).bind(user=user.pk, day=timezone.localdate(now),
                                                  now=now)


def page_sql(scope: Scope, offset: int, limit: int) -> tuple[str, list]:
    """The page statement: (SQL, parameters); its rows end with the total."""
    return _PageSql(scope).page(offset, limit)


class Row(NamedTuple):
    """One worklist row as the page query returns it."""

    pathway_id: int
    next_due: dt.date | None
    state: str
    next_clock: str
    breached: bool
    patient_caused_breach: bool
    next_basis: str
    type: str
    unit_id: int
    patient_id: int
    patient_name: str
    unit_name: str

    @property
    def pk(self) -> int:
        return self.pathway_id


def page_rows(scope: Scope, offset: int, limit: int) -> tuple[list[Row], int | None]:
    """Rows ``offset``..``offset+limit`` of the worklist and the total (``None`` when
    the page is past the end: then ``count`` answers)."""
    if scope.empty:
        return [], 0
    with hot_cursor() as cursor:
        cursor.execute(*page_sql(scope, offset, limit))
        fetched = cursor.fetchall()
    if not fetched:
        return [], None
    return [_row(r[:-1]) for r in fetched], fetched[0][-1]


def count(scope: Scope) -> int:
    if scope.empty:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(*_PageSql(scope).total())
        return cursor.fetchone()[0]


def _row(values) -> Row:
    due = values[1]
    return Row(values[0], dt.date.fromisoformat(due) if isinstance(due, str) else due,
               values[2], values[3], bool(values[4]), bool(values[5]), *values[6:])


def _columns(alias: str, model, *names: str) -> dict[str, str]:
    """``alias.column`` per field name, quoted, from the model."""
    quote = connection.ops.quote_name
    return {n: f"{alias}.{quote(model._meta.get_field(n).column)}" for n in names}


class _PageSql:
    """SQL for one scope's page and total. Only table and column names from the
    models and ``%s`` placeholders go into the text; every value is a parameter."""

    def __init__(self, scope: Scope):
        self.units = sorted(scope.unit_roles)
        self.extra = sorted(scope.extra)
        self.barred = sorted(scope.barred)
        quote = connection.ops.quote_name
        self.tables = {m: quote(m._meta.db_table) for m in (PathwayState, Pathway, Patient, Unit)}
        self.s = _columns("s", PathwayState, "pathway", "unit", "is_open", "next_due", "state",
                          "next_clock", "breached", "patient_caused_breach", "next_basis")
        self.p = _columns("p", Pathway, "id", "type", "unit", "patient")

    @staticmethod
    def _marks(values) -> str:
        return ", ".join(["%s"] * len(values))

    def _from(self) -> tuple[str, list]:
        """Open states, joined to their pathway when a restriction bars patients."""
        sql = f"FROM {self.tables[PathwayState]} s"
        params: list = []
        if self.barred:
            sql += (f" JOIN {self.tables[Pathway]} p ON {self.p['id']} = {self.s['pathway']}"
                    f" AND {self.p['patient']} NOT IN ({self._marks(self.barred)})")
            params += self.barred
        return sql + f" WHERE {self.s['is_open']}", params

    def total(self) -> tuple[str, list]:
        """The count as a sum of disjoint parts: the units' open pathways (an
        index-only count), then the extra pathways outside those units. One count
        over ``unit IN (...) OR pathway IN (...)`` could use neither index and took
        8 ms for a coordinator of the busiest unit."""
        src, src_params = self._from()
        units = f"{self.s['unit']} IN ({self._marks(self.units)})"
        parts, params = [], []
        if self.units:
            parts.append(f"SELECT COUNT(*) {src} AND {units}")
            params += [*src_params, *self.units]
        if self.extra:
            outside = f" AND NOT {units}" if self.units else ""
            parts.append(f"SELECT COUNT(*) {src} AND {self.s['pathway']}"
                         f" IN ({self._marks(self.extra)}){outside}")
            params += [*src_params, *self.extra, *self.units]
        return "SELECT " + " + ".join(f"({part})" for part in parts), params

    def page(self, offset: int, limit: int) -> tuple[str, list]:
        s, p = self.s, self.p
        src, src_params = self._from()
        keys = f"{s['pathway']} AS pathway_id, {s['next_due']} AS next_due"
        order = f"{s['next_due']}, {s['pathway']}"
        branches, params = [], []
        for unit in self.units:
            # Dated rows in due order, then undated ones: each an index range of
            # (unit, next_due, pathway) read in index order and cut at the end of the
            # page (one range with NULLs last would not be index order on SQLite).
            for when in ("IS NOT NULL", "IS NULL"):
                branches.append(f"SELECT * FROM (SELECT {keys} {src} AND {s['unit']} = %s"  # noqa: S608
                                f" AND {s['next_due']} {when} ORDER BY {order} LIMIT %s)"
                                f" AS u{len(branches)}")
                params += [*src_params, unit, offset + limit]
        if self.extra:
            branches.append(f"SELECT {keys} {src} AND {s['pathway']}"
                            f" IN ({self._marks(self.extra)})")
            params += [*src_params, *self.extra]
        total_sql, total_params = self.total()
        patient = _columns("pt", Patient, "id", "name")
        unit = _columns("un", Unit, "id", "name")
        last = "next_due IS NULL, {0}next_due, {0}pathway_id"
        # The page is cut before the joins: only its own rows are looked up.
        sql = (
            f"SELECT w.pathway_id, w.next_due, {s['state']}, {s['next_clock']},"  # noqa: S608
            f" {s['breached']}, {s['patient_caused_breach']}, {s['next_basis']}, {p['type']},"
            f" {p['unit']}, {p['patient']}, {patient['name']}, {unit['name']}, ({total_sql})"
            f" FROM (SELECT * FROM ({' UNION '.join(branches)}) AS m"
            f" ORDER BY m.{last.format('m.')} LIMIT %s OFFSET %s) AS w"
            f" JOIN {self.tables[PathwayState]} s ON {s['pathway']} = w.pathway_id"
            f" JOIN {self.tables[Pathway]} p ON {p['id']} = w.pathway_id"
            f" JOIN {self.tables[Patient]} pt ON {patient['id']} = {p['patient']}"
            f" JOIN {self.tables[Unit]} un ON {unit['id']} = {p['unit']}"
            f" ORDER BY w.{last.format('w.')}")
        return sql, [*total_params, *params, limit, offset]


# ``Row``'s fields through the ORM, for the filtered and re-sorted lists (filters.py).
ROW_FIELDS = ("pathway_id", "next_due", "state", "next_clock", "breached",
              "patient_caused_breach", "next_basis", "pathway__type", "pathway__unit_id",
              "pathway__patient_id", "pathway__patient__name", "pathway__unit__name")


def queryset_rows(states, offset: int, limit: int) -> tuple[list[Row], int | None]:
    """One page of an ordered ``PathwayState`` queryset as ``Row``s, with the total as
    an uncorrelated scalar sub-query: one statement, as on the hot path."""
    from django.db.models import Count, Subquery

    total = (states.order_by().annotate(_all=Value(1, output_field=IntegerField()))
             .values("_all").annotate(n=Count("pk")).values("n"))
    fetched = list(states.annotate(page_total=Subquery(total))
                   .values_list(*ROW_FIELDS, "page_total")[offset:offset + limit])
    if not fetched:
        return [], None
    return [_row(r[:-1]) for r in fetched], fetched[0][-1]


def coordinator_named(scope: Scope, user_id: int) -> tuple[int, str] | None:
    """(id, name) of a person with a unit role in one of the scope's units, for the
    filter's "coordinator" choice when the URL names one (the caseload page links so);
    ``None`` for anyone else, so the filter cannot be used to look up names."""
    from forlop.accounts.models import RoleAssignment, User

    holders = RoleAssignment.objects.filter(unit_id__in=sorted(scope.unit_roles))
    user = User.objects.filter(pk=user_id, pk__in=holders.values("user_id")).first()
    return (user.pk, user.get_full_name() or user.username) if user else None
