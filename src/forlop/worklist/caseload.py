"""The caseload per coordinator: how a unit's open pathways are spread across its
coordinators (the page ``/arbeidsliste/koordinatorer/``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from forlop.organisations.models import Unit
from forlop.pathways.models import PathwayState
from forlop.worklist.selectors import Scope


@dataclass(frozen=True)
class Caseload:
    """One coordinator's share of a unit's open pathways (``user_id`` None: nobody's;
    ``former``: no longer holds the coordinator role there, the pathways need a new one)."""

    unit_id: int
    unit_name: str
    user_id: int | None
    name: str
    open: int = 0
    overdue: int = 0
    due_this_week: int = 0
    former: bool = False


def caseloads(scope: Scope, today: dt.date) -> list[Caseload]:
    """Per unit of the user's and coordinator there: open pathways, overdue now, due
    from today to Sunday; then former coordinators still holding pathways, and the
    unit's pathways without a coordinator. Counts only: no patient is named, so
    nothing is written to the access log."""
    from django.db.models import Count

    from forlop.accounts.models import RoleAssignment, User
    from forlop.accounts.roles import Role

    units = dict(Unit.objects.filter(pk__in=sorted(scope.unit_roles)).order_by("name", "pk")
                 .values_list("pk", "name"))
    sunday = today + dt.timedelta(days=6 - today.weekday())
    counts = {
        (c["unit_id"], c["pathway__coordinator_id"]): (c["open"], c["overdue"], c["week"])
        for c in PathwayState.objects.filter(is_open=True, unit_id__in=list(units))
        .exclude(pathway__patient_id__in=sorted(scope.barred))
        .values("unit_id", "pathway__coordinator_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(next_due__lt=today)),
                  week=Count("pk", filter=Q(next_due__gte=today, next_due__lte=sunday)))
        .order_by()
    }
    active = {}
    for ra in (RoleAssignment.objects.active()
               .filter(role=Role.COORDINATOR, unit_id__in=list(units), user__is_active=True)
               .select_related("user").order_by("user__first_name", "user__last_name", "pk")):
        active.setdefault(ra.unit_id, {})[ra.user_id] = ra.user.get_full_name() or ra.user.username
    former_ids = {u for (unit, u) in counts if u is not None and u not in active.get(unit, {})}
    names = {u.pk: u.get_full_name() or u.username for u in User.objects.filter(pk__in=former_ids)}
    out = []
    for unit_id, unit_name in units.items():
        for user_id, name in active.get(unit_id, {}).items():
            out.append(Caseload(unit_id, unit_name, user_id, name,
                                *counts.get((unit_id, user_id), (0, 0, 0))))
        for (unit, user_id), figures in sorted(counts.items(), key=lambda kv: str(kv[0][1])):
            if unit == unit_id and user_id is not None and user_id not in active.get(unit, {}):
                out.append(Caseload(unit_id, unit_name, user_id, names[user_id], *figures,
                                    former=True))
        if (unit_id, None) in counts:
            out.append(Caseload(unit_id, unit_name, None, "", *counts[unit_id, None]))
    return out
