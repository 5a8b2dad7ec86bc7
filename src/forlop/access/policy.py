"""Who may see and do what on a pathway: need-to-know, deny by default.

A user reaches a pathway on one or more *bases* (``Basis``): a unit role in the
owning unit, being its coordinator or on its care team, a consent that shares it
with their municipality or with them, being the patient, or emergency access.
An active restriction (*sperring*) against the user or one of their units removes
every basis except the patient's own. ``access_to`` answers for one pathway,
``pathway_scope`` gives the same rule as a filter for lists (a test keeps the two
equal), and ``has_permission`` is the one question the rest of the code asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from forlop.access import bases
from forlop.access.bases import (  # noqa: F401 (the names the rest of the code asks for)
    active_break_glass,
    active_roles,
    barred_patients,
    consents_reaching,
    covering,
    municipal_roles_of,
    unit_roles_of,
)
from forlop.access.models import Basis, ConsentScope, Participant
from forlop.access.permissions import (
    BREAK_GLASS_PERMISSIONS,
    CARE_TEAM_PERMISSIONS,
    LEVEL_REACH,
    Permission,
    flags_of,
    permissions_of,
)

CONSENT_BASES = {Participant.MUNICIPALITY: Basis.MUNICIPAL_CONSENT,
                 Participant.MEETING: Basis.PARTICIPANT_CONSENT,
                 Participant.RELATIVE: Basis.RELATIVE_CONSENT}
# What a consent lets its participant do, at most (their role may allow less).
CONSENT_PERMISSIONS = {
    # The municipality confirms the follow-up plan at closure within its consent (ADR 59).
    Participant.MUNICIPALITY: frozenset({Permission.VIEW_WORKLIST, Permission.VIEW_PATHWAY,
                                         Permission.CONFIRM_FOLLOW_UP}),
    Participant.MEETING: frozenset({Permission.VIEW_PATHWAY}),
    # Whatever the scope, a relative may leave information for the clinician, and
    # tell the municipality's coordinating unit of a need (docs/municipality.md).
    Participant.RELATIVE: frozenset({Permission.VIEW_SHARED_RECORD,
                                     Permission.INFORM_CLINICIAN, Permission.NOTIFY_NEED}),
}
CONSENT_RULES = frozenset({bases.MUNICIPAL_CONSENT, bases.PARTICIPANT_CONSENT,
                           bases.RELATIVE_CONSENT})


def may_see_patients(user) -> bool:
    """Only signed-in, active users see any patient data."""
    return user is not None and user.is_authenticated and user.is_active


def units_reached(user, permission, on=None) -> set[int]:
    """The units where ``permission`` is the user's: by a role held in the unit, or
    by a role held at a level of the trust's management line above it
    (``LEVEL_REACH``). For pages about units, never for one patient's record."""
    from forlop.organisations.models import OrgLevel, Unit, levels_below

    if not may_see_patients(user):
        return set()
    units, levels = set(), set()
    for role, unit_id, level_id in active_roles(user, on).values_list("role", "unit_id",
                                                                       "org_level_id"):
        if unit_id is not None and permission in permissions_of([role]):
            units.add(unit_id)
        elif level_id is not None and permission in LEVEL_REACH.get(role, frozenset()):
            levels.add(level_id)
    if levels:
        trusts = OrgLevel.objects.filter(pk__in=levels).values("trust_id")
        below = levels_below(OrgLevel.objects.filter(trust_id__in=trusts)
                             .values_list("pk", "parent_id"), levels)
        units |= set(Unit.objects.filter(org_level_id__in=below).values_list("pk", flat=True))
    return units


def pathway_scope(user) -> Q:
    """The staff scope as a filter on ``Pathway``: what ``visible_to`` returns.
    (Patients and relatives read through ``own_pathways``/``shared_pathways``.)"""
    return bases.staff_scope(user)


@dataclass(frozen=True)
class Access:
    """What one user may do on one pathway, and on which basis (for the log)."""

    bases: tuple[str, ...] = ()
    permissions: frozenset = frozenset()
    role: str = ""
    unit_id: int | None = None
    consent_scope: str | None = None
    restricted: bool = False
    reason: str = ""  # the emergency access's reason, when that is the basis

    @property
    def flags(self) -> dict[str, bool]:
        """Ready booleans for templates: ``{% if access.flags.edit_pathway %}``."""
        return flags_of(self.permissions)

    @property
    def basis(self) -> str:
        return self.bases[0] if self.bases else Basis.NONE

    def can(self, permission) -> bool:
        return permission in self.permissions

    def shares(self, needed: str) -> bool:
        """Whether a consent-only reader may see this part (``ConsentScope``)."""
        return self.consent_scope is None or ConsentScope.covers(self.consent_scope, needed)


def access_to(user, pathway, *, break_glass=True) -> Access:
    if not may_see_patients(user):
        return NO_ACCESS
    reach = bases.reached(user, pathway.pk)
    rules, restricted = set(reach.rules), reach.barred
    if restricted:
        rules = {rule for rule in rules if not rule.barrable}
    if not break_glass:
        rules.discard(bases.BREAK_GLASS)
    grants: list[tuple[str, frozenset, str, int | None]] = []
    consent_scope, glass_reason = None, ""
    if bases.OWN_RECORD in rules:
        grants.append((Basis.OWN_RECORD, permissions_of(["patient"]), "patient", None))
    if bases.UNIT in rules:
        roles = reach.unit_roles
        grants.append((Basis.UNIT, permissions_of(roles), roles[0], pathway.unit_id))
    if bases.COORDINATOR in rules:
        grants.append((Basis.COORDINATOR, CARE_TEAM_PERMISSIONS, "coordinator", None))
    if bases.CARE_TEAM in rules:
        grants.append((Basis.CARE_TEAM, CARE_TEAM_PERMISSIONS, "care_team", None))
    if bases.BREAK_GLASS in rules:
        glass_reason = (active_break_glass(user).filter(patient_id=pathway.patient_id)
                        .order_by("-started_at").values_list("reason", flat=True).first())
        grants.append((Basis.BREAK_GLASS, BREAK_GLASS_PERMISSIONS, _any_role(user), None))
    if rules & CONSENT_RULES:
        consent_scope, consent_grants = _consent_grants(user, pathway)
        grants += consent_grants
    if not grants:
        return Access(restricted=restricted)
    perms = frozenset().union(*(g[1] for g in grants))
    direct = any(g[0] not in CONSENT_BASES.values() for g in grants)
    basis, _, role, unit_id = grants[0]
    return Access(bases=tuple(g[0] for g in grants), permissions=perms, role=role,
                  unit_id=unit_id, consent_scope=None if direct else consent_scope,
                  restricted=restricted,
                  reason=(glass_reason or "") if basis == Basis.BREAK_GLASS else "")


def _consent_grants(user, pathway):
    consents = list(covering(consents_reaching(user), pathway.pk, pathway.patient_id)
                    .values_list("participant", "scope", "participant_municipality_id"))
    if not consents:
        return None, []
    muni_roles = {}
    for muni_id, role in municipal_roles_of(user).values_list("municipality_id", "role"):
        muni_roles.setdefault(muni_id, set()).add(role)
    grants, scopes = [], []
    for participant, scope, muni_id in consents:
        allowed = CONSENT_PERMISSIONS[participant]
        role = participant
        if participant == Participant.MUNICIPALITY:
            roles = sorted(muni_roles.get(muni_id, ()))
            allowed = allowed & permissions_of(roles)
            role = roles[0] if roles else role
        grants.append((CONSENT_BASES[participant], allowed, role, None))
        scopes.append(scope)
    widest = max(scopes, key=list(ConsentScope.values).index)
    return widest, grants


def _any_role(user) -> str:
    return unit_roles_of(user).order_by("role").values_list("role", flat=True).first() or ""


NO_ACCESS = Access()


def has_permission(user, permission, obj=None) -> bool:
    """The one question: may ``user`` do ``permission`` (on ``obj``, a pathway)?"""
    if not may_see_patients(user):
        return False
    if obj is None:
        return permission in role_permissions(user)
    return access_to(user, obj).can(permission)


def role_permissions(user) -> frozenset:
    """Permissions of the user's active roles, wherever held (for menus and pages
    that are not about one patient); a role held at a management level gives only
    what ``LEVEL_REACH`` lets it reach."""
    if not may_see_patients(user):
        return frozenset()
    cached = getattr(user, "_forlop_role_permissions", None)
    if cached is None:
        found = frozenset()
        for role, level_id in active_roles(user).values_list("role", "org_level_id"):
            found |= (LEVEL_REACH.get(role, frozenset()) if level_id is not None
                      else permissions_of([role]))
        cached = remember_role_permissions(user, found)
    return cached


def level_permissions(user) -> frozenset:
    """What the user's roles held at management levels give (``LEVEL_REACH``)."""
    found = frozenset()
    for role in active_roles(user).filter(org_level__isnull=False).values_list("role",
                                                                               flat=True):
        found |= LEVEL_REACH.get(role, frozenset())
    return found


def remember_role_permissions(user, permissions: frozenset) -> frozenset:
    """Cache on the user object for this request (a page that already read the
    roles, like the worklist, saves the navigation a query)."""
    user._forlop_role_permissions = permissions
    return permissions
