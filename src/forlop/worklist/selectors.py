"""The worklist read: the user's open pathways, most urgent first.

The scope is the one ``Pathway.objects.visible_to`` grants (unit roles, coordinator,
care team; a test keeps the two equal), but resolved first, in one small query, to
unit ids and a short list of extra pathway ids. The page query then walks the
partial index ``state_worklist_open`` (unit, next_due, pathway) of the user's unit
and stops after one page, instead of testing every open pathway in the country
against a sub-query: the cost stays flat from one trust to all of Norway.
"""

from django.db.models import CharField, F, Q, Value

from forlop.pathways.models import CareTeamMember, Pathway, PathwayState
from forlop.pathways.selectors import may_see_patients, unit_roles_of


def worklist_for(user):
    """Open pathways the user may see, ordered by next due date (none last)."""
    if not may_see_patients(user):
        return PathwayState.objects.none()
    units, extra = _scope(user)
    return (
        PathwayState.objects.filter(Q(unit_id__in=units) | Q(pathway_id__in=extra),
                                    is_open=True)
        .select_related("pathway", "pathway__patient", "pathway__unit")
        .order_by(F("next_due").asc(nulls_last=True), "pathway_id")
    )


def _scope(user) -> tuple[list[int], list[int]]:
    units, extra = set(), set()
    for tag, pk in scope_rows(user):
        (units if tag == "u" else extra).add(pk)
    return sorted(units), sorted(extra)


def scope_rows(user):
    """("u", unit id) for each unit the user holds a unit role in, ("p", pathway id)
    for each open pathway they coordinate or are on the care team of: one UNION ALL."""

    def tagged(qs, tag, column):
        return qs.annotate(tag=Value(tag, output_field=CharField())).values_list("tag", column)

    roles = unit_roles_of(user)
    coordinated = Pathway.objects.filter(coordinator=user, is_open=True)
    on_team = CareTeamMember.objects.filter(user=user, pathway__is_open=True)
    return tagged(roles, "u", "unit_id").union(
        tagged(coordinated, "p", "pk"), tagged(on_team, "p", "pathway_id"), all=True)
