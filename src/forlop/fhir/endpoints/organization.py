"""Units, trusts and regions: not patient data, readable by any signed-in user."""

from __future__ import annotations

from forlop.fhir import systems
from forlop.fhir.guards import NotFound
from forlop.fhir.params import check_known, token
from forlop.fhir.resources import organization as res
from forlop.ids import row_id
from forlop.organisations.models import HealthTrust, RegionalHealthAuthority, Unit

TYPE = "Organization"
SEARCH = {"identifier": "token: RESH id (units) or organisation number (trusts, regions)"}
KINDS = {"unit": (Unit, res.unit), "trust": (HealthTrust, res.trust),
         "region": (RegionalHealthAuthority, res.region)}


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
    found = []
    if "identifier" in query:
        system, value = token(query["identifier"])
        if system in (None, systems.RESH):
            found += [res.unit(u) for u in Unit.objects.filter(resh_id=value)]
        if system in (None, systems.ORG_NUMBER):
            found += [res.trust(t) for t in HealthTrust.objects.filter(org_number=value)]
            found += [res.region(r) for r in
                      RegionalHealthAuthority.objects.filter(org_number=value)]
    else:
        found = [res.unit(u) for u in Unit.objects.order_by("pk")]
    return found[page.offset:page.offset + page.count], len(found)
