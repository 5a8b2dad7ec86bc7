"""Staff as Practitioner (HPR number when we have it), for signed-in users."""

from __future__ import annotations

from django.db.models import Q

from forlop.accounts.models import User
from forlop.fhir import systems
from forlop.fhir.guards import NotFound
from forlop.fhir.params import by_token, check_known
from forlop.fhir.resources.practitioner import practitioner as to_resource
from forlop.ids import row_id

TYPE = "Practitioner"
SEARCH = {"identifier": "token: HPR number"}


def staff():
    # People who hold a role in a unit: patients and relatives are no Practitioners.
    return User.objects.filter(role_assignments__unit__isnull=False).distinct().order_by("pk")


def read(request, rid):
    found = staff().filter(pk=rid).first() if row_id(rid) else None
    if found is None:
        raise NotFound
    return to_resource(found)


def search(request, query, page):
    check_known(query, set(SEARCH))
    qs = staff()
    qs = by_token(qs, "hpr_number", query, "identifier", {systems.HPR: Q()})
    total = qs.count()
    return [to_resource(u) for u in qs[page.offset:page.offset + page.count]], total
