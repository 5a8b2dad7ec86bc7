"""Reference data a client needs to write: the caller's own units (``unit_id`` of a
referral, ``to_unit_id`` of a move) and GP offices (``gp_office_id``). No patient
data, so no access-log row."""

from __future__ import annotations

from ninja import Query, Router

from forlop.access.policy import unit_roles_of
from forlop.api.endpoints.common import ERRORS, Paging, unit_out
from forlop.api.schemas import GpOfficePage, OwnUnitOut, digits, text
from forlop.organisations.models import GpOffice
from forlop.site.textsearch import containing

router = Router(tags=["reference data"])


class GpOfficeFilter(Paging):
    municipality: digits(4) | None = None
    q: text(100) = ""
    org_number: digits(9) | None = None


@router.get("/units", response={200: list[OwnUnitOut], **ERRORS})
def list_units(request):
    """The units the caller holds a role in today (the units whose pathways the
    worklist shows, ``access.bases.unit_roles_of``), by name, each with its trust and
    the caller's roles there. Not paged: a user's units are few."""
    held = (unit_roles_of(request.user).select_related("unit__trust")
            .order_by("unit__name", "unit_id", "role"))
    units: dict[int, dict] = {}
    for assignment in held:
        unit = assignment.unit
        entry = units.setdefault(unit.pk, {
            **unit_out(unit), "roles": [],
            "trust": {"id": unit.trust.pk, "name": unit.trust.name,
                      "org_number": unit.trust.org_number}})
        role = {"role": assignment.role, "role_label": str(assignment.get_role_display())}
        if role not in entry["roles"]:  # two periods of the same role
            entry["roles"].append(role)
    return list(units.values())


@router.get("/gp-offices", response={200: GpOfficePage, **ERRORS})
def list_gp_offices(request, query: Query[GpOfficeFilter]):
    """GP offices by name: in a municipality (its number), whose name holds ``q``
    (case-insensitive), or with an organisation number. Any signed-in user."""
    offices = GpOffice.objects.select_related("municipality").order_by("name", "pk")
    if query.municipality is not None:
        offices = offices.filter(municipality__number=query.municipality)
    if q := query.q.strip():
        offices = containing(offices, "name", q)  # Å as å on SQLite too
    if query.org_number is not None:
        offices = offices.filter(org_number=query.org_number)
    rows = offices[query.offset:query.offset + query.limit]
    return {"count": offices.count(), "items": [{
        "id": o.pk, "name": o.name, "org_number": o.org_number,
        "municipality": {"number": o.municipality.number, "name": o.municipality.name}}
        for o in rows]}
