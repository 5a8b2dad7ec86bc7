"""The quality indicators, as the leaders' page shows them: the reader's own units in
full, every wider level (their departments, trust, region, the nation) as published
figures with small numbers suppressed (``forlop.indicators``: its scope, selectors and
presenters decide; nothing is restated here). Figures carry no patient, so no
access-log row is written (the page writes none either)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja import Schema as _Schema

from forlop.access.permissions import Permission
from forlop.api.endpoints.common import ERRORS, require_role
from forlop.api.schemas import IndicatorsOut
from forlop.indicators import presenters, selectors
from forlop.indicators.scope import IndicatorScope
from forlop.kernel.indicators import parse_period, tertial_key

router = Router(tags=["indicators"])


class PeriodQuery(_Schema):
    # A month "2025-03" or a tertial "2025-T1"; default: this tertial.
    period: str = ""


def _count(cell, value: int) -> int | None:
    text = cell._breaches(value)
    return int(text) if text else None


@router.get("/indicators", response={200: IndicatorsOut, **ERRORS})
def indicators(request, query: Query[PeriodQuery]):
    """Every indicator for one period, one row per unit or level the caller reaches
    (``VIEW_INDICATORS``, by a unit role or a management level above the unit)."""
    require_role(request.user, Permission.VIEW_INDICATORS)
    try:
        period = parse_period(query.period or tertial_key(timezone.localdate()))
    except ValueError as e:
        raise ValidationError({"period": _("Skriv en måned (2025-03) eller et tertial "
                                           "(2025-T1).")}) from e
    scope = IndicatorScope.of(request.user)
    tables = presenters.tables(selectors.period_rows(None, period), scope.groups, period)
    return {"period": period.key, "period_label": str(presenters.period_label(period)),
            "indicators": [{
                "key": t.key, "label": t.label, "lower_is_better": t.lower_is_better,
                "rows": [{"group": r.group.key, "kind": r.group.kind, "name": r.label,
                          "own": r.group.own, "hidden": r.cell.hidden,
                          "numerator": None if r.cell.hidden else r.cell.numerator,
                          "denominator": None if r.cell.hidden else r.cell.denominator,
                          "share": None if r.cell.hidden else r.cell.share,
                          "service_caused_breaches": _count(r.cell, r.cell.service),
                          "patient_caused_breaches": _count(r.cell, r.cell.patient)}
                         for r in t.rows]} for t in tables]}
