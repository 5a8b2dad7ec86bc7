"""View decorators: every page about a patient decides access and writes the access
log *before* the view runs, so a request that later fails is still logged, and a
refused one is logged too. Views receive the pathway and the ``Access`` decision.

This module (not the views) does the one unscoped lookup: finding whose record a
URL points at, so a refusal can be logged against that patient.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import F
from django.http import Http404

from forlop.access import compiled
from forlop.access.audit import Touch, log_access
from forlop.access.models import Action, Basis, Outcome
from forlop.access.policy import access_to, role_permissions
from forlop.ids import row_id


def pathway_page(permission, *, what: str, action: str = Action.READ, write_on_post=True):
    """Guard a view ``view(request, pathway, access, **kwargs)`` taking ``pk``."""

    def decorate(view):
        @wraps(view)
        def guarded(request, pk, **kwargs):
            if not request.user.is_authenticated:
                # Before any lookup: an anonymous request learns nothing (an existing
                # and a missing id answer alike) and writes nothing to a patient's log
                # (no one to hold to account, and no row the patient must read).
                return redirect_to_login(request.get_full_path())
            act = Action.WRITE if write_on_post and request.method == "POST" else action
            pathway, access = reach_pathway(request, pk, permission, what=what, action=act)
            return view(request, pathway, access, **kwargs)

        return guarded

    return decorate


def reach_pathway(request, pk, permission, *, what: str, action: str = Action.READ,
                  related: tuple[str, ...] = ()):
    """The pathway ``pk`` and the signed-in user's ``Access`` to it, with its
    access-log row written (refusals too); ``Http404`` when it does not exist or the
    user lacks ``permission`` on it. The pages (``pathway_page``) and the API use it;
    ``related``: more relations to read in the same query (the API's ``state``)."""
    pathway = pathway_by_pk(pk, related)
    if pathway is None:
        raise Http404
    access = access_to(request.user, pathway)
    if not access.can(permission):
        log_access(request, action=action, what=what, outcome=Outcome.REFUSED,
                   touches=[Touch(pathway.patient_id, Basis.NONE)])
        raise Http404  # another unit's patient does not exist, as far as you know
    log_access(request, action=action, what=what, reason=access.reason,
               touches=[Touch(pathway.patient_id, access.basis, access.role,
                              access.unit_id)])
    return pathway, access


# What a guarded read needs with the pathway, in the same statement.
PATHWAY_RELATED = ("patient", "unit", "unit__trust", "coordinator")


@compiled.per_process
def _compiled_pathway(alias: str, related: tuple[str, ...]) -> compiled.CompiledSql:
    from forlop.pathways.models import Pathway

    return compiled.CompiledSql.compile(
        lambda pathway: Pathway.objects.select_related(*PATHWAY_RELATED, *related)
        .filter(pk=pathway)[:1],
        {"pathway": (compiled.INT, compiled.PATHWAY)}, alias)


def pathway_by_pk(pk, related: tuple[str, ...] = ()):
    """The pathway ``pk`` with its patient, unit, trust and coordinator (and
    ``related``), unscoped: for the guards alone, which decide access to what they
    find. One statement compiled once per process (``forlop.access.compiled``); the
    ORM's query building was a third of an API read. None when there is none."""
    pk = row_id(pk)
    if pk is None:  # no such row, and no integer the database takes
        return None
    found = _compiled_pathway(connection.alias, tuple(related)).objects(pathway=pk)
    return found[0] if found else None


# The author's name columns read with each event when ``authors`` (``person_name``).
AUTHOR = {"author_first_name": "registered_by__first_name",
          "author_last_name": "registered_by__last_name",
          "author_username": "registered_by__username"}


@compiled.per_process
def _compiled_events(alias: str, authors: bool) -> compiled.CompiledSql:
    from forlop.pathways.models import PathwayEvent

    def build(pathway):
        rows = PathwayEvent.objects.filter(pathway_id=pathway).order_by("pk")
        return rows.annotate(**{k: F(v) for k, v in AUTHOR.items()}) if authors else rows

    return compiled.CompiledSql.compile(build, {"pathway": (compiled.INT, compiled.PATHWAY)},
                                        alias)


def events_of(pathway, *, authors: bool = False) -> list:
    """Every event row of a pathway a guard has reached (all versions, in order): one
    statement compiled once per process, which every API and FHIR read of a pathway
    asks. Records with the model's field names (``compiled.CompiledSql.records``), for
    reading only; with ``author_first_name``, ``author_last_name`` and
    ``author_username`` (the registering user's) when ``authors``."""
    return _compiled_events(connection.alias, authors).records(pathway=pathway.pk)


def requires(permission):
    """Guard a page that is not about one patient: the user's roles must allow it.
    Anonymous users go to sign-in; signed-in users without it get 403."""

    def decorate(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if permission not in role_permissions(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return decorate
