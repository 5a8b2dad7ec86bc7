"""Reads of the maintained indicator summary.

A period's figures are one GROUP BY over the counts the database keeps beside the
facts (``IndicatorCount``, ``IndicatorDays``; ADR 62): their rows are per unit, month
and combination, not per pathway, so a trust's year or the country's tertial reads a
few thousand rows at any number of pathways. They are folded by the kernel's ``fold``
(the same counting and breach rules as ``compute``). The pathways behind a figure
(``member_ids``) come from the facts (``IndicatorFact``). Scope is a set of
unit ids the caller has already decided the reader may see (``forlop.indicators.
scope``); nothing here decides access.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection
from django.db.models import Count, Sum

from forlop.indicators.models import IndicatorCount, IndicatorDays
from forlop.kernel.indicators import LOWER_IS_BETTER, Period, fold, month_key, tertial_key
from forlop.pathways.models import IndicatorFact


def _met(period: Period) -> str:
    return "met_tertial" if period.is_tertial else "met_month"


def _in(unit_ids: Iterable[int] | None, period: Period):
    """The units' facts placed in the period (by date: the index's order); every
    unit's when ``unit_ids`` is None."""
    rows = IndicatorFact.objects.filter(placed_on__gte=period.start,
                                        placed_on__lte=period.end)
    return rows if unit_ids is None else rows.filter(unit_id__in=sorted(unit_ids))


def _counts_in(unit_ids: Iterable[int] | None, period: Period):
    rows = IndicatorCount.objects.filter(**{"tertial" if period.is_tertial else "month":
                                            period.key})
    return rows if unit_ids is None else rows.filter(unit_id__in=sorted(unit_ids))


def period_rows(unit_ids: Iterable[int] | None, period: Period) -> list[tuple]:
    """(indicator, unit_id, type, counted, cause, n) for the units (None: all) in the
    period: one GROUP BY over the counts."""
    return _raw(_counts_in(unit_ids, period)
                .values_list("indicator", "unit_id", "type", _met(period), "cause")
                .annotate(total=Sum("n")).order_by())


def period_rows_from_facts(unit_ids: Iterable[int] | None, period: Period) -> list[tuple]:
    """``period_rows`` grouped from the facts themselves: the way before ADR 62, kept
    for the bench (``indicators_dashboard_ms_naive``) and the counts' tests."""
    return list(_in(unit_ids, period)
                .values_list("indicator", "unit_id", "type", _met(period), "cause")
                .annotate(n=Count("pk")).order_by())


def period_figures(unit_ids: Iterable[int], period: Period) -> dict:
    """Every indicator's figures in ``period`` over these units (no member lists)."""
    return fold(period_rows(unit_ids, period))


def year_figures(*, trust_id: int | None = None, trust_ids: Iterable[int] | None = None,
                 unit_ids: Iterable[int] | None = None, year: int,
                 by_type: bool = False) -> dict[str, dict]:
    """Every month and tertial of ``year``: {period key: figures}, from one query.
    Give the units' trusts with ``unit_ids``: the trust index then answers. Split by
    unit always; by pathway type only when asked (``by_type`` is then empty), which
    keeps the rows to fold few at any scale."""
    rows = IndicatorCount.objects.filter(month__gte=f"{year:04d}-01",
                                         month__lte=f"{year:04d}-12")
    if trust_id is not None:
        rows = rows.filter(trust_id=trust_id)
    if trust_ids is not None:
        rows = rows.filter(trust_id__in=sorted(trust_ids))
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=sorted(unit_ids))
    columns = ["indicator", "unit_id", "month", "tertial", "met_month", "met_tertial", "cause"]
    if by_type:
        columns.insert(2, "type")
    grouped = _raw(rows.values_list(*columns).annotate(total=Sum("n")).order_by())
    by_period: dict[str, list[tuple]] = {}
    for row in grouped:
        indicator, unit, *rest = row
        type_ = rest.pop(0) if by_type else ""
        month, tertial, met_m, met_t, cause, n = rest
        by_period.setdefault(month, []).append((indicator, unit, type_, met_m, cause, n))
        by_period.setdefault(tertial, []).append((indicator, unit, type_, met_t, cause, n))
    keys = [month_key(dt.date(year, m, 1)) for m in range(1, 13)]
    keys += [tertial_key(dt.date(year, m, 1)) for m in (1, 5, 9)]
    found = {key: fold(by_period.get(key, [])) for key in keys}
    if not by_type:
        for figures in found.values():
            for figure in figures.values():
                figure["by_type"] = {}
    return found


def _raw(queryset) -> list[tuple]:
    """The rows as the database driver returns them: the ORM's per-value converters
    cost more than the query on a year's figures (booleans stay 0/1; ``fold`` reads
    them as truth values)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def days_distribution(unit_ids: Iterable[int], period: Period,
                      indicator: str = "clinical_decision_within_time") -> dict[int, int]:
    """{days from clock start to stop: pathways} in the period (e.g. to the decision)."""
    rows = (IndicatorDays.objects.filter(unit_id__in=sorted(unit_ids), indicator=indicator,
                                         **{"tertial" if period.is_tertial else "month":
                                            period.key})
            .values_list("days").annotate(total=Sum("n")).order_by("days"))
    return dict(rows)


def member_ids(unit_ids: Iterable[int], period: Period, indicator: str, *,
               which: str) -> list[int]:
    """The pathway ids in the numerator, the denominator or the breaches."""
    rows = _in(unit_ids, period).filter(indicator=indicator)
    met = _met(period)
    if which == "numerator":
        rows = rows.filter(**{met: True})
    elif which == "breaches":
        rows = rows.filter(**{met: indicator in LOWER_IS_BETTER})
    return list(rows.order_by("placed_on", "pathway_id").values_list("pathway_id", flat=True))
