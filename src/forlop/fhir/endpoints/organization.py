"""Units, trusts and regions: not patient data, readable by any signed-in user."""

from __future__ import annotations

from django.db.models import Q

from forlop.fhir import systems
from forlop.fhir.guards import NotFound
from forlop.fhir.params import by_token, check_known
from forlop.fhir.resources import organization as res
from forlop.ids import row_id
from forlop.organisations.models import HealthTrust, RegionalHealthAuthority, Unit

TYPE = "Organization"
SEARCH = {"identifier": "token: RESH id (units) or organisation number (trusts, regions)"}
KINDS = {"unit": (Unit, res.unit), "trust": (HealthTrust, res.trust),
         "region": (RegionalHealthAuthority, res.region)}
# Each kind's identifier: (model, builder, field, system).
IDENTIFIED = [(Unit, res.unit, "resh_id", systems.RESH),
              (HealthTrust, res.trust, "org_number", systems.ORG_NUMBER),
              (RegionalHealthAuthority, res.region, "org_number", systems.ORG_NUMBER)]


def read(request, rid):
    kind, _, pk = str(rid).partition("-")
    if kind not in KINDS or not row_id(pk):
        raise NotFound
    model, to_resource = KINDS[kind]
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise NotFound
    return to_resource(found)


def search(request, query, page):
    check_known(query, set(SEARCH))
    if "identifier" in query:
        found = []
        for model, to_resource, field, system in IDENTIFIED:
            rows = by_token(model.objects.order_by("pk"), field, query, "identifier",
                            {system: Q()})
            found += [to_resource(row) for row in rows]
    else:
        found = [res.unit(u) for u in Unit.objects.order_by("pk")]
    return found[page.offset:page.offset + page.count], len(found)
