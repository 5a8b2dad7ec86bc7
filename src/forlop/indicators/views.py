"""Leaders' indicator pages: the figures of a period, the pathways behind a figure,
and both as CSV or Excel. Figures carry no patient; the pathway lists do, so they
go through ``Pathway.objects.visible_to`` and the access log as the worklist does."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.access.audit import log_access
from forlop.access.guards import requires
from forlop.access.models import Action
from forlop.access.permissions import Permission
from forlop.indicators import exports, presenters, selectors
from forlop.indicators.scope import IndicatorScope
from forlop.kernel.indicators import INDICATORS, breach, parse_period, tertial_key
from forlop.pathways.models import IndicatorFact, Pathway
from forlop.site.dates import norwegian_date
from forlop.site.paging import page_with_total
from forlop.worklist.selectors import resolve_scope

PAGE_SIZE = 50


def _period(request):
    """The asked period, or this tertial; and an error text when it was unreadable."""
    today = timezone.localdate()
    asked = request.GET.get("periode", "")
    if asked:
        try:
            return parse_period(asked), ""
        except ValueError:
            return parse_period(tertial_key(today)), _(
                "Perioden kunne ikke leses. Velg en måned eller et tertial i listen.")
    return parse_period(tertial_key(today)), ""


def _board(user, period):
    scope = IndicatorScope.of(user)
    tables = presenters.tables(selectors.period_rows(None, period), scope.groups, period)
    year = selectors.year_figures(trust_ids=scope.trust_ids, unit_ids=scope.own_unit_ids,
                                  year=period.start.year)
    trends = []
    for key in INDICATORS:
        rows = presenters.trend_rows(year, key)
        trends.append({"key": key, "label": presenters.LABELS[key], "rows": rows,
                       "chart": presenters.trend_chart(rows, key)})
    buckets = presenters.day_buckets(selectors.days_distribution(scope.own_unit_ids, period))
    return scope, tables, trends, buckets


@requires(Permission.VIEW_INDICATORS)
def dashboard(request):
    period, error = _period(request)
    scope, tables, trends, buckets = _board(request.user, period)
    return render(request, "indicators/dashboard.html", {
        "period": period, "period_label": presenters.period_label(period), "error": error,
        "choices": presenters.period_choices(timezone.localdate()),
        "scope": scope, "tables": tables, "trends": trends, "buckets": buckets,
        "histogram": presenters.histogram(buckets),
        "rule": presenters.suppression_rule(), "target": "80 %"})


@requires(Permission.VIEW_INDICATORS)
def export_tables(request, fmt):
    period, _error = _period(request)
    _scope, tables, trends, buckets = _board(request.user, period)
    header = [_("Enhet eller nivå"), _("Teller"), _("Nevner"), _("Andel"),
              _("Fristbrudd, tjenesten"), _("Fristbrudd, pasienten"), _("Skjult (små tall)")]
    sheets = [(t.label, header, [[r.label, r.cell.numerator_text, r.cell.denominator_text,
                                  r.cell.percent, r.cell.service_text, r.cell.patient_text,
                                  _("ja") if r.cell.hidden else ""] for r in t.rows])
              for t in tables]
    for trend in trends:
        sheets.append((f"{_('Utvikling')} {trend['label']}", header[:4],
                       [[r.label, r.cell.numerator, r.cell.denominator, r.cell.percent]
                        for r in trend["rows"]]))
    sheets.append((_("Dager til klinisk beslutning"), [_("Dager"), _("Forløp")],
                   [[b.label, b.count] for b in buckets]))
    return _respond(fmt, f"indikatorer-{period.key}", sheets)


def _selection(request):
    """The figure a list is asked for; 404 for anything but one of the reader's own."""
    period, error = _period(request)
    indicator = request.GET.get("indikator", "")
    selection = request.GET.get("utvalg", "")
    scope = IndicatorScope.of(request.user)
    group = scope.group(request.GET.get("gruppe", ""))
    if error or indicator not in INDICATORS or selection not in presenters.SELECTIONS \
            or group is None or not group.own:
        raise Http404
    ids = selectors.member_ids(group.unit_ids, period, indicator,
                               which=presenters.SELECTIONS[selection])
    visible = (Pathway.objects.visible_to(request.user).filter(pk__in=ids)
               .select_related("patient", "unit").order_by("unit__name", "started_on", "pk"))
    return period, indicator, selection, group, ids, visible


def _facts(indicator, pathways):
    return {f.pathway_id: f for f in IndicatorFact.objects.filter(
        indicator=indicator, pathway_id__in=[p.pk for p in pathways])}


def _row(pathway, fact, period, indicator):
    """A listed pathway: its stop day, days the clock ran and whether it breached."""
    if fact is None:
        return {"pathway": pathway, "placed_on": "", "days": None, "result": ""}
    counted = fact.met_tertial if period.is_tertial else fact.met_month
    if not breach(indicator, counted):
        result = _("Oppfylt")
    elif fact.cause == "patient":
        result = _("Brudd, pasientårsak")
    else:
        result = _("Brudd, tjenesteårsak")
    return {"pathway": pathway, "placed_on": norwegian_date(fact.placed_on),
            "days": fact.days, "result": result}


@requires(Permission.VIEW_INDICATORS)
def pathways(request):
    period, indicator, selection, group, ids, visible = _selection(request)
    page = page_with_total(visible, request.GET.get("side"), PAGE_SIZE)
    rows = list(page.object_list)
    worklist_scope = resolve_scope(request.user)
    log_access(request, action=Action.READ, what="indicator_pathways",
               touches=[worklist_scope.touch(p) for p in rows])
    facts = _facts(indicator, rows)
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "indicators/pathways.html", {
        "period": period, "period_label": presenters.period_label(period),
        "indicator": indicator, "label": presenters.LABELS[indicator],
        "selection_label": presenters.SELECTION_LABELS[selection],
        "group": presenters.group_label(group), "page": page,
        "rows": [_row(p, facts.get(p.pk), period, indicator) for p in rows],
        "hidden": len(ids) - page.paginator.count, "query": query.urlencode(),
        "lower_is_better": indicator in presenters.LOWER_IS_BETTER})


@requires(Permission.VIEW_INDICATORS)
def export_pathways(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    period, indicator, selection, group, _ids, visible = _selection(request)
    rows = list(visible)
    worklist_scope = resolve_scope(request.user)
    log_access(request, action=Action.READ, what="indicator_pathways_export",
               touches=[worklist_scope.touch(p) for p in rows])
    facts = _facts(indicator, rows)
    header = [_("Forløp"), _("Pasient"), _("Enhet"), _("Forløpstype"), _("Start"),
              _("Dato i perioden"), _("Dager"), _("Resultat")]
    body = []
    for p in rows:
        r = _row(p, facts.get(p.pk), period, indicator)
        body.append([p.pk, p.patient.name, p.unit.name, p.get_type_display(),
                     norwegian_date(p.started_on), r["placed_on"], r["days"], r["result"]])
    title = f"{presenters.LABELS[indicator]} {presenters.SELECTION_LABELS[selection]}"
    return _respond(fmt, f"forlop-{indicator}-{selection}-{period.key}", [(title, header, body)])


def _respond(fmt, filename, sheets):
    if fmt == "csv":
        return exports.csv_response(filename, sheets)
    if fmt == "xlsx":
        return exports.xlsx_response(filename, sheets)
    raise Http404
