"""Access decisions for the FHIR endpoints, with the access-log row written before
the resource is built (as ``forlop.access.guards`` does for pages): a read that is
refused is logged against the patient too, and answered 404 like a missing one.

This module asks the one unscoped lookup (``access.guards.pathway_by_pk``: whose
record an id points at, so that a refusal can be logged against that patient);
everything else reads through ``forlop.fhir.selectors``.
"""

from __future__ import annotations

from forlop.access.audit import Touch, log_access
from forlop.access.guards import pathway_by_pk
from forlop.access.models import Action, Basis, Outcome
from forlop.access.permissions import Permission
from forlop.access.policy import access_to
from forlop.fhir import selectors
from forlop.ids import row_id

READ = frozenset({Permission.VIEW_PATHWAY, Permission.VIEW_OWN_RECORD})


class NotFound(Exception):
    """No such resource, as far as this user may know (404 OperationOutcome)."""


# ``needs``: what the patient tells the service (self-reports) is for the service's
# own staff and the patient, never for a partner reading through a consent (as the
# plan's section on the pathway page: ``plans.templatetags.plan_section``).
DIRECT = "direct"


def may_read(access, needs: str | None = None) -> bool:
    if needs == DIRECT:
        return bool(READ & access.permissions) and access.consent_scope is None
    return bool(READ & access.permissions) and (needs is None or access.shares(needs))


def pathway(request, pk, *, what: str, needs: str | None = None, action=Action.READ):
    """The pathway ``pk`` and the user's ``Access`` to it, logged; ``NotFound`` else.
    ``needs``: the consent scope a consent-only reader must have been given, or
    ``DIRECT`` (no consent-only reader at all)."""
    # Found unscoped, then decided by ``access_to`` alone: the scope (``visible_to``
    # or the patient's own) is the same rule (tests/access keep them equal), and the
    # decision is one bound statement where the scope filter is built per call.
    found = pathway_by_pk(pk)  # None for text that is no row id (forlop.ids)
    if found is not None:
        access = access_to(request.user, found)
        if may_read(access, needs):
            log_access(request, action=action, what=what, reason=access.reason,
                       touches=[Touch(found.patient_id, access.basis, access.role,
                                      access.unit_id)])
            return found, access
    refuse(request, found.patient_id if found is not None else None, what=what,
           action=action)
    raise NotFound


def patient(request, pk, *, what: str, action=Action.READ):
    """The patient ``pk`` (through one pathway the user reaches them by), logged."""
    from forlop.patients.models import Patient

    via = selectors.patient_pathway(request.user, pk) if row_id(pk) else None
    if via is not None:
        access = access_to(request.user, via)
        if may_read(access):
            log_access(request, action=action, what=what, reason=access.reason,
                       touches=[Touch(via.patient_id, access.basis, access.role,
                                      access.unit_id)])
            return via.patient, access
    exists = row_id(pk) is not None and Patient.objects.filter(pk=pk).exists()
    refuse(request, int(pk) if exists else None, what=what, action=action)
    raise NotFound


def event_pathway(request, pk, kinds, *, what: str, needs: str | None = None):
    """The pathway of event ``pk`` (one of ``kinds``), as ``pathway`` decides it."""
    from forlop.pathways.models import PathwayEvent

    row = (PathwayEvent.objects.filter(pk=pk, event__in=kinds).only("pk", "pathway_id").first()
           if row_id(pk) else None)
    if row is None:
        raise NotFound
    found, access = pathway(request, row.pathway_id, what=what, needs=needs)
    return row, found, access


def refuse(request, patient_id, *, what: str, action=Action.READ) -> None:
    if patient_id is not None:
        log_access(request, action=action, what=what, outcome=Outcome.REFUSED,
                   touches=[Touch(patient_id, Basis.NONE)])


def row_pathway(request, pathway_id, *, what: str, needs: str | None = None):
    """For a row found by its own id (a plan, a self-report): its pathway, decided
    and logged as ``pathway`` does."""
    if pathway_id is None:
        raise NotFound
    return pathway(request, pathway_id, what=what, needs=needs)


def readable(user, pathways, gives) -> dict:
    """{pathway id: Access} for each of ``pathways`` whose resources ``gives(access)``
    lets the user have, decided without a log row: a search decides every match, so
    that ``Bundle.total`` counts only what some page gives, and logs its page alone
    (``log_search``)."""
    decided = {}
    for p in pathways:
        access = access_to(user, p)
        if gives(access):
            decided[p.pk] = access
    return decided


def log_search(request, pathways, *, what: str, decided=None) -> dict:
    """One access-log row per patient on a page of results, each on the basis the
    user reaches them by; returns {pathway id: Access}. ``decided``: the decisions
    ``readable`` made already."""
    known, decided, touches = decided or {}, {}, []
    for p in pathways:
        access = decided[p.pk] = known.get(p.pk) or access_to(request.user, p)
        touches.append(Touch(p.patient_id, access.basis, access.role, access.unit_id))
    log_access(request, action=Action.SEARCH, what=what, touches=touches)
    return decided
