"""Pathways: the caller's list (``Pathway.objects.visible_to``), one pathway, and
registering and correcting its events (``forlop.pathways.services``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja import Schema as _Schema

from forlop.access.audit import Touch, log_access
from forlop.access.guards import events_of, reach_pathway
from forlop.access.models import Action, Basis, ConsentScope
from forlop.access.permissions import Permission
from forlop.access.policy import access_to
from forlop.accounts.models import person_name
from forlop.api.answers import json_answer
from forlop.api.endpoints.common import (
    ERRORS,
    WRITE_ERRORS,
    Id,
    Paging,
    patient_out,
    require_role,
    unit_out,
)
from forlop.api.problems import problem
from forlop.api.schemas import CorrectionIn, EventIn, EventOut, PathwayOut, PathwayPage
from forlop.pathways.models import Pathway
from forlop.pathways.models.choices import PathwayType
from forlop.pathways.services import correct_event, register_event
from forlop.worklist.selectors import resolve_scope

router = Router(tags=["pathways"])


class PathwayFilter(Paging, _Schema):
    is_open: bool | None = None


def _state(state) -> dict | None:
    if state is None:
        return None
    return {"state": state.state, "next_due": state.next_due, "next_clock": state.next_clock,
            "breached": state.breached, "patient_caused_breach": state.patient_caused_breach}


# The types' labels (lazy, so each answer in its reader's language). Django's
# ``get_type_display`` translates every type's label to find one (~25 µs a call).
TYPE_LABELS = dict(PathwayType.choices)


def summary(pathway, state) -> dict:
    return {"id": pathway.pk, "type": pathway.type,
            "type_label": str(TYPE_LABELS.get(pathway.type, pathway.type)),
            "setting": pathway.setting, "is_open": pathway.is_open,
            "started_on": pathway.started_on, "closed_on": pathway.closed_on,
            "unit": unit_out(pathway.unit), "patient": patient_out(pathway.patient),
            "state": _state(state)}


def event_out(row, registered_by: str | None = None) -> dict:
    """``row``: an event (a model instance, or a record with ``registered_by``'s name
    given as ``registered_by``)."""
    return {"id": row.pk, "event": row.event, "on": row.on, "outcome": row.outcome,
            "data": row.data, "supersedes": row.supersedes_id,
            "is_retraction": row.is_retraction, "reason": row.reason,
            "registered_by": (str(row.registered_by) if registered_by is None
                              else registered_by),
            "registered_at": row.registered_at}


def _touches(user, pathways) -> list[Touch]:
    """The access-log row per pathway listed, on the basis the user reaches it by (the
    worklist's scope; a closed pathway reached other than through a unit is asked
    ``access_to`` one by one)."""
    scope = resolve_scope(user)
    touches = []
    for pathway in pathways:
        touch = scope.touch(pathway)
        if touch.basis == Basis.NONE:
            access = access_to(user, pathway)
            touch = Touch(pathway.patient_id, access.basis, access.role, access.unit_id)
        touches.append(touch)
    return touches


@router.get("/pathways", response={200: PathwayPage, **ERRORS})
def list_pathways(request, query: Query[PathwayFilter]):
    """The pathways the caller may see (need-to-know scope), newest first; each patient
    listed is written to the access log."""
    require_role(request.user, Permission.VIEW_PATHWAY)
    visible = Pathway.objects.visible_to(request.user)
    if query.is_open is not None:
        visible = visible.filter(is_open=query.is_open)
    rows = list(visible.select_related("patient", "unit", "state", "unit__trust")
                .order_by("-pk")[query.offset:query.offset + query.limit])
    log_access(request, action=Action.READ, what="api_pathway_list",
               touches=_touches(request.user, rows))
    return {"count": visible.count(),
            "items": [summary(p, getattr(p, "state", None)) for p in rows]}


@router.get("/pathways/{pathway_id}", response={200: PathwayOut, **ERRORS})
def read_pathway(request, pathway_id: Id):
    """One pathway: its state, clocks and events, as far as the caller's access reaches
    (a consent-only reader sees what the consent's scope covers). Writes the access
    log row, as the pathway page does; another unit's pathway is a 404 (logged)."""
    pathway, access = reach_pathway(request, pathway_id, Permission.VIEW_PATHWAY,
                                    what="api_pathway", related=("state",))
    state = getattr(pathway, "state", None)  # none before its first projection
    events = None
    if access.shares(ConsentScope.COLLABORATION):
        events = [event_out(r, person_name(r.author_first_name, r.author_last_name,
                                           r.author_username))
                  for r in events_of(pathway, authors=True)]
    clocks = (state.clocks if state else []) if access.shares(ConsentScope.PLANS) else None
    # Written straight (``forlop.api.answers``); a test holds it to ``PathwayOut``.
    return json_answer({
        **summary(pathway, state), "severity": pathway.severity, "ruleset": pathway.ruleset,
        "coordinator": ({"id": pathway.coordinator.pk, "name": str(pathway.coordinator)}
                        if pathway.coordinator else None),
        "permissions": sorted(p.value for p in access.permissions),
        "clocks": clocks, "events": events})


@router.post("/pathways/{pathway_id}/events", response={201: EventOut, **WRITE_ERRORS})
def create_event(request, pathway_id: Id, body: EventIn):
    """Register a measurement point. The kernel decides: a refusal is 422 with its
    codes, params and the Norwegian text; nothing is stored. A clinical event needs a
    clinical role (403 otherwise)."""
    pathway, access = reach_pathway(request, pathway_id, Permission.EDIT_PATHWAY,
                                    what="pathway_register", action=Action.WRITE)
    data = {k: v for k, v in (("postponed_from", body.postponed_from),
                              ("postponed_to", body.postponed_to)) if v is not None}
    row = register_event(pathway=pathway, event=body.event, on=body.on,
                         outcome=body.outcome, data=data, by=request.user,
                         expected_last_event=body.expected_last_event)
    return Status(201, event_out(row))


@router.post("/pathways/{pathway_id}/events/{event_id}/corrections",
             response={201: EventOut, **WRITE_ERRORS})
def correct(request, pathway_id: Id, event_id: Id, body: CorrectionIn):
    """Correct (new date or outcome) or withdraw (``retract``) an event, with a reason.
    A new row supersedes the old, which stays. Only the newest version can be
    corrected (409 otherwise)."""
    pathway, access = reach_pathway(request, pathway_id, Permission.EDIT_PATHWAY,
                                    what="pathway_correct", action=Action.WRITE)
    event = pathway.events.filter(pk=event_id, is_retraction=False).first()
    if event is None:
        raise Http404
    event.pathway = pathway  # with its patient, for the service's access check
    if not body.reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor registreringen rettes.")})
    try:
        row = correct_event(event=event, by=request.user, reason=body.reason, on=body.on,
                            outcome=body.outcome, retract=body.retract,
                            expected_last_event=body.expected_last_event)
    except ValueError:  # corrected already (by someone else a moment ago, perhaps)
        return problem(409, _("Registreringen er allerede rettet"),
                       _("Rett den nyeste versjonen."))
    return Status(201, event_out(row))
