from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forlop.access.audit import Touch, log_access
from forlop.access.guards import requires
from forlop.access.models import Action, Basis
from forlop.access.permissions import Permission, permissions_of
from forlop.access.policy import (
    level_permissions,
    remember_role_permissions,
    role_permissions,
    unit_roles_of,
)
from forlop.accounts.models import User
from forlop.collaboration.selectors import open_actions_of
from forlop.ids import row_id
from forlop.organisations.models import Unit
from forlop.pathways.models import Pathway
from forlop.site.paging import paged
from forlop.worklist import selectors, services
from forlop.worklist.caseload import caseloads
from forlop.worklist.filters import (
    NOBODY,
    FilterForm,
    closed_states,
    coordinator_id_in,
    without_page,
)
from forlop.worklist.forms import ReassignForm, SaveViewForm
from forlop.worklist.models import SavedView
from forlop.worklist.presenters import Labels, WorklistRow


@login_required
def worklist(request):
    """The user's open pathways, most urgent first, or the view the GET parameters
    ask for (filters.py). Every patient shown is logged. People without a worklist
    (patients, relatives, administrators) land on their own start page instead."""
    today = timezone.localdate()
    scope = selectors.resolve_scope(request.user)
    perms = remember_role_permissions(request.user, permissions_of(scope.roles))
    if Permission.VIEW_WORKLIST not in perms:
        return _elsewhere(perms | level_permissions(request.user))
    named = coordinator_id_in(request.GET)
    form = FilterForm(request.GET, named_coordinator=named and selectors.coordinator_named(
        scope, named))
    filters = form.filters()
    if filters.is_default:  # the hot path (ADR 8): the same statements as ever
        def fetch(offset, limit):
            return selectors.page_rows(scope, offset, limit)

        def count():
            return selectors.count(scope)
    else:
        base = (closed_states(scope) if filters.status == "closed"
                else selectors.worklist_for(request.user, scope))
        states = filters.apply(base, user=request.user, today=today)

        def fetch(offset, limit):
            return selectors.queryset_rows(states, offset, limit)

        count = states.count
    page = paged(fetch, count, request.GET.get("side"), settings.WORKLIST_PAGE_SIZE)
    # The user's open actions from collaboration meetings, on pathways they still see.
    actions = [a for a in open_actions_of(request.user) if scope.reaches(a.meeting.pathway)]
    log_access(request, action=Action.READ, what="worklist",
               touches=[scope.touch(row) for row in page.object_list]
               + [scope.touch(a.meeting.pathway) for a in actions])
    labels = Labels.current()
    rows = [WorklistRow.from_row(row, today, labels) for row in page.object_list]
    return render(request, "worklist/worklist.html", {
        "page": page, "rows": rows, "actions": actions, "today": today, "controls": form.controls(),
        "filtered": not filters.is_default,
        "query": without_page(request.GET), "view_query": filters.query_string()})


def _elsewhere(perms):
    for permission, target in ((Permission.VIEW_OWN_RECORD, "portal:home"),
                               (Permission.VIEW_SHARED_RECORD, "portal:shared"),
                               # A leader held only at a management level (ADR 21).
                               (Permission.VIEW_INDICATORS, "indicators:dashboard"),
                               (Permission.ADMINISTER, "admin:index")):
        if permission in perms:
            return redirect(target)
    raise PermissionDenied


# The pages around the list: saved views, the caseload per coordinator, and handing
# pathways to another coordinator (ADR 13).


def _views_of(user):
    """The user's own views and their units' team views."""
    units = unit_roles_of(user).values("unit_id")
    return SavedView.objects.filter(Q(owner=user, unit__isnull=True) | Q(unit_id__in=units))


@requires(Permission.VIEW_WORKLIST)
def saved_views(request):
    views = list(_views_of(request.user).select_related("unit", "owner")
                 .order_by(F("unit__name").asc(nulls_first=True), "name", "pk"))
    base = reverse("worklist")
    for view in views:
        view.url = f"{base}?{urlencode(view.params)}"
        view.may_delete = services.may_delete_view(request.user, view)
    return render(request, "worklist/saved_views.html", {"views": views})


@requires(Permission.VIEW_WORKLIST)
def saved_view_new(request):
    units = Unit.objects.filter(pk__in=unit_roles_of(request.user).values("unit_id")).order_by(
        "name")
    query = QueryDict(request.POST.get("query", "")) if request.method == "POST" else request.GET
    named = coordinator_id_in(query)
    named = named and selectors.coordinator_named(selectors.resolve_scope(request.user), named)
    if request.method == "POST":
        form = SaveViewForm(request.POST, units=units, named_coordinator=named)
    else:
        params = request.GET.copy()
        params.pop("side", None)
        form = SaveViewForm(initial={"query": params.urlencode()}, units=units,
                            named_coordinator=named)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            view = services.save_view(by=request.user, name=data["name"], params=data["params"],
                                      unit=data["unit"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Visningen «%(name)s» er lagret.") % {"name": view.name})
            return redirect(f"{reverse('worklist')}?{urlencode(view.params)}")
    return render(request, "worklist/saved_view_new.html", {"form": form})


@require_POST
@requires(Permission.VIEW_WORKLIST)
def saved_view_delete(request, view_id):
    view = _views_of(request.user).filter(pk=view_id).first()
    if view is None:
        raise Http404
    services.delete_view(view=view, by=request.user)  # NotPermitted: 403
    messages.success(request, _("Visningen «%(name)s» er slettet.") % {"name": view.name})
    return redirect("worklist_saved_views")


@requires(Permission.VIEW_WORKLIST)
def caseload(request):
    scope = selectors.resolve_scope(request.user)
    rows = caseloads(scope, timezone.localdate())
    base = reverse("worklist")
    units = []
    for row in rows:
        if not units or units[-1]["id"] != row.unit_id:
            units.append({"id": row.unit_id, "name": row.unit_name, "rows": []})
        who = row.user_id if row.user_id is not None else NOBODY
        units[-1]["rows"].append({"row": row, "list_url": f"{base}?coordinator={who}",
                                  "from": who})
    return render(request, "worklist/caseload.html", {
        "units": units,
        "may_assign": Permission.ASSIGN_COORDINATOR in role_permissions(request.user)})


@requires(Permission.ASSIGN_COORDINATOR)
def reassign(request):
    source = (request.POST if request.method == "POST" else request.GET).get("fra", "")
    if source != NOBODY and row_id(source) is None:
        raise Http404
    units = services.assigning_units(request.user)
    candidates = (Pathway.objects.visible_to(request.user).filter(is_open=True, unit_id__in=units)
                  .select_related("patient", "unit", "state")
                  .order_by(F("state__next_due").asc(nulls_last=True), "pk"))
    candidates = list((candidates.filter(coordinator__isnull=True) if source == NOBODY
                       else candidates.filter(coordinator_id=int(source)))[:200])
    roles = dict(unit_roles_of(request.user).values_list("unit_id", "role"))
    log_access(request, action=Action.WRITE if request.method == "POST" else Action.READ,
               what="caseload", touches=[Touch(p.patient_id, Basis.UNIT, roles.get(p.unit_id, ""),
                                               p.unit_id) for p in candidates])
    people = {ra.user_id: ra.user for ra in services.coordinators_of(units).select_related("user")}
    coordinators = sorted(((str(pk), u.get_full_name() or u.username) for pk, u in people.items()),
                          key=lambda c: c[1])
    choices = [(str(p.pk), _("%(name)s, %(unit)s") % {"name": p.patient.name, "unit": p.unit.name})
               for p in candidates]
    form = ReassignForm(request.POST or None, pathways=choices, coordinators=coordinators)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [p for p in candidates if str(p.pk) in set(data["pathways"])]
        try:
            services.reassign_coordinators(pathways=chosen, to=User.objects.get(pk=data["to"]),
                                           by=request.user, reason=data["reason"],
                                           request_id=request.request_id)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(n)s forløp har fått ny koordinator.") % {
                "n": len(chosen)})
            return redirect("worklist_caseload")
    if source == NOBODY:
        name = _("Uten koordinator")
    else:  # a former coordinator too, but only someone who held a role in these units
        who = User.objects.filter(pk=int(source), role_assignments__unit_id__in=units).first()
        name = (who.get_full_name() or who.username) if who else "–"
    return render(request, "worklist/reassign.html", {
        "form": form, "source": source, "source_name": name, "candidates": candidates})
