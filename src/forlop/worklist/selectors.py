"""The worklist read: the user's open pathways, most urgent first.

The scope is the one ``Pathway.objects.visible_to`` grants (a test keeps the two
equal), but resolved first, in one small query, to unit ids, a short list of extra
pathway ids (coordinator, care team, consent, emergency access) and the patients a
restriction bars. The page query then walks the partial index
``state_worklist_open`` (unit, next_due, pathway) of the user's units and stops
after one page, instead of testing every open pathway in the country against
sub-queries: the cost stays flat from one trust to all of Norway.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import CharField, F, IntegerField, Q, Value

from forlop.access.audit import Touch
from forlop.access.models import Basis, Participant
from forlop.access.policy import (
    active_break_glass,
    active_roles,
    barred_patients,
    consents_reaching,
    may_see_patients,
    unit_roles_of,
)
from forlop.pathways.models import CareTeamMember, Pathway, PathwayState

# Tag in the scope query -> the access basis logged for a row reached that way, in
# the order ``policy.access_to`` ranks them (the first that applies is logged).
EXTRA_BASES = {"c": Basis.COORDINATOR, "t": Basis.CARE_TEAM, "b": Basis.BREAK_GLASS,
               "m": Basis.MUNICIPAL_CONSENT, "g": Basis.PARTICIPANT_CONSENT}
_RANK = {basis: i for i, basis in enumerate(EXTRA_BASES.values())}


@dataclass
class Scope:
    unit_roles: dict[int, str] = field(default_factory=dict)  # unit id -> role for the log
    extra: dict[int, str] = field(default_factory=dict)  # pathway id -> basis
    barred: set[int] = field(default_factory=set)  # patient ids
    roles: set[str] = field(default_factory=set)  # every active role, wherever held

    def touch(self, pathway) -> Touch:
        """The access-log row for one pathway shown on the list."""
        role = self.unit_roles.get(pathway.unit_id)
        if role:
            return Touch(pathway.patient_id, Basis.UNIT, role, pathway.unit_id)
        role = min(self.roles) if self.roles else ""
        return Touch(pathway.patient_id, self.extra.get(pathway.pk, Basis.NONE), role)


def worklist_for(user, scope: Scope | None = None):
    """Open pathways the user may see, ordered by next due date (none last)."""
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


def resolve_scope(user) -> Scope:
    scope = Scope()
    for tag, pk, role in scope_rows(user):
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


def scope_rows(user):
    """One UNION ALL: ("r", 0, role) per active role (for the menu), ("u", unit id,
    role) per unit role, (tag, pathway id, "") per open pathway reached another way,
    ("x", patient id, "") per barring restriction."""

    def tagged(qs, tag, column, role=None):
        return qs.annotate(tag=Value(tag, output_field=CharField()),
                           r=role or Value("", output_field=CharField())
                           ).values_list("tag", column, "r")

    open_pathways = Pathway.objects.filter(is_open=True)
    consents = consents_reaching(user)
    # Driven from the (few) consents and emergency accesses, through the patient
    # index: no sub-query per open pathway in the country.
    parts = []
    for tag, participant in (("m", Participant.MUNICIPALITY), ("g", Participant.MEETING)):
        given = consents.filter(participant=participant)
        parts.append(tagged(open_pathways.filter(
            patient_id__in=given.filter(pathway__isnull=True).values("patient_id")), tag, "pk"))
        # The pathway must be the consenting patient's (as in policy.covering).
        parts.append(tagged(given.filter(pathway__is_open=True,
                                         pathway__patient_id=F("patient_id")), tag,
                            "pathway_id"))
    glass = active_break_glass(user).values("patient_id")
    roles = active_roles(user).annotate(zero=Value(0, output_field=IntegerField()))
    return tagged(unit_roles_of(user), "u", "unit_id", F("role")).union(
        tagged(roles, "r", "zero", F("role")),
        tagged(open_pathways.filter(coordinator=user), "c", "pk"),
        tagged(CareTeamMember.objects.filter(user=user, pathway__is_open=True), "t",
               "pathway_id"),
        *parts,
        tagged(open_pathways.filter(patient_id__in=glass), "b", "pk"),
        tagged(barred_patients(user), "x", "patient_id"),
        all=True)
