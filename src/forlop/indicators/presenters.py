"""What the indicator pages show: labels, cells (with suppression), rows, charts.

Pure functions over the figures the selectors return (``kernel.indicators.fold``
shape), so they are tested without the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forlop.indicators import charts
from forlop.indicators.scope import Group
from forlop.kernel.indicators import (
    INDICATORS,
    LOWER_IS_BETTER,
    SUPPRESS_DENOMINATOR_BELOW,
    TARGET,
    Period,
    fold,
    month_key,
    parse_period,
    suppressed,
    tertial_key,
)

LABELS = {
    "clinical_decision_within_time": _("Klinisk beslutning innen forløpstid"),
    "first_evaluation_within_time": _("Første evaluering innen forløpstid (poliklinikk)"),
    "treatment_plan_with_patient": _("Behandlingsplan laget sammen med pasienten"),
    "referral_to_first_attendance_within_time": _("Første oppmøte innen forløpstid"),
    "referrals_not_assessed_within_10_working_days": _(
        "Henvisninger ikke vurdert innen 10 arbeidsdager"),
}
DEFINITIONS = {
    "clinical_decision_within_time": _(
        "Forløp med første kliniske beslutning i perioden (utvidet utredning regnes med) "
        "som kom innen forløpstiden fra første oppmøte. Forløp der beslutningen kom før "
        "første oppmøte (avklart tilstand) er ikke med."),
    "first_evaluation_within_time": _(
        "Polikliniske forløp med første evaluering i perioden etter beslutning om "
        "behandling, som kom innen forløpstiden."),
    "treatment_plan_with_patient": _(
        "Forløp med første beslutning om behandling i perioden som har en behandlingsplan "
        "laget sammen med pasienten innen periodens slutt."),
    "referral_to_first_attendance_within_time": _(
        "Forløp med første oppmøte i perioden som kom innen forløpstiden fra henvisningen "
        "ble mottatt (psykose, spiseforstyrrelser, OCD)."),
    "referrals_not_assessed_within_10_working_days": _(
        "Henvisninger vurdert i perioden som ble vurdert etter 10. arbeidsdag. Lavere er "
        "bedre."),
}
SELECTIONS = {"teller": "numerator", "nevner": "denominator", "brudd": "breaches"}
SELECTION_LABELS = {"teller": _("i telleren"), "nevner": _("i nevneren"),
                    "brudd": _("med fristbrudd")}
KIND_LABELS = {"trust": _("Helseforetaket"),
               "private": _("Privat institusjon med avtale"), "region": _("Regionen"),
               "nation": _("Hele landet")}
# Days to the clinical decision, grouped by week up to eight weeks.
DAY_BUCKETS = ((0, 7), (8, 14), (15, 21), (22, 28), (29, 35), (36, 42), (43, 56),
               (57, None))


def percent(share: float | None) -> str:
    if share is None:
        return "–"
    return f"{share * 100:.1f}".replace(".", ",") + " %"


@dataclass(frozen=True)
class Cell:
    numerator: int
    denominator: int
    service: int
    patient: int
    own: bool = True  # every unit in it is the reader's: nothing is suppressed

    @property
    def hidden(self) -> bool:
        """Suppressed: a small number outside the reader's units (the whole cell)."""
        return not self.own and suppressed(self.numerator, self.denominator)

    @property
    def share(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def percent(self) -> str:
        return "" if self.hidden else percent(self.share)

    @property
    def numerator_text(self) -> str:
        return "" if self.hidden else str(self.numerator)

    @property
    def denominator_text(self) -> str:
        return "" if self.hidden else str(self.denominator)

    @property
    def service_text(self) -> str:
        return self._breaches(self.service)

    @property
    def patient_text(self) -> str:
        return self._breaches(self.patient)

    def _breaches(self, value: int) -> str:
        # A breach count of 1-4 outside the reader's units is a small number too.
        if self.hidden or (not self.own and 0 < value < 5):
            return ""
        return str(value)


def cell(figure: dict, *, own: bool) -> Cell:
    breaches = figure["breaches"]
    return Cell(figure["numerator"], figure["denominator"], breaches["service_caused"],
                breaches["patient_caused"], own)


def meets_target(indicator: str, share: float | None) -> bool | None:
    if share is None:
        return None
    if indicator in LOWER_IS_BETTER:
        return share <= round(1 - TARGET, 9)  # 1 - 0.8 is 0.19999999999999996
    return share >= TARGET


@dataclass
class Row:
    group: Group
    cell: Cell
    label: str
    links: dict[str, str] = field(default_factory=dict)  # selection -> drill-down URL
    meets: bool | None = None


@dataclass
class Table:
    key: str
    label: str
    definition: str
    lower_is_better: bool
    rows: list[Row]
    chart: str
    chart_alt: str


def group_label(group: Group) -> str:
    if group.kind in KIND_LABELS:
        name = KIND_LABELS[group.kind]
        return f"{name}: {group.name}" if group.name else str(name)
    return group.name


def drill_url(period: Period, indicator: str, group: Group, selection: str) -> str:
    query = urlencode({"periode": period.key, "indikator": indicator, "gruppe": group.key,
                       "utvalg": selection})
    return f"{reverse('indicators:pathways')}?{query}"


def tables(rows: list[tuple], groups: list[Group], period: Period) -> list[Table]:
    """One table per indicator: every group side by side (``rows`` are the period's
    grouped counts of every unit, ``selectors.period_rows``)."""
    by_group = {g.key: fold([r for r in rows if r[1] in g.unit_ids]) for g in groups}
    found = []
    for key in INDICATORS:
        table_rows = []
        for group in groups:
            c = cell(by_group[group.key][key], own=group.own)
            links = ({s: drill_url(period, key, group, s) for s in SELECTIONS}
                     if group.own and c.denominator else {})
            table_rows.append(Row(group, c, group_label(group), links,
                                  None if c.hidden else meets_target(key, c.share)))
        shown = [r for r in table_rows if not r.cell.hidden]
        chart = charts.shares(
            str(LABELS[key]), [r.label for r in shown],
            [None if r.cell.share is None else round(r.cell.share * 100, 1) for r in shown],
            target=(1 - TARGET) if key in LOWER_IS_BETTER else TARGET,
            series=str(_("Andel")), target_label=str(_("Mål")))
        found.append(Table(key, str(LABELS[key]), str(DEFINITIONS[key]),
                           key in LOWER_IS_BETTER, table_rows, chart,
                           str(_("Stolpediagram: andel per enhet og nivå mot målet. "
                                 "Tallene står i tabellen ved siden av."))))
    return found


@dataclass
class TrendRow:
    key: str
    label: str
    cell: Cell


def trend_rows(year: dict[str, dict], indicator: str) -> list[TrendRow]:
    rows = []
    for key, figures in year.items():
        rows.append(TrendRow(key, period_label(parse_period(key)),
                             cell(figures[indicator], own=True)))
    return rows


def trend_chart(rows: list[TrendRow], indicator: str) -> str:
    months = [r for r in rows if "T" not in r.key]
    return charts.trend(
        str(LABELS[indicator]), [r.label[:3] for r in months],
        [None if r.cell.share is None else round(r.cell.share * 100, 1) for r in months],
        target=(1 - TARGET) if indicator in LOWER_IS_BETTER else TARGET,
        series=str(_("Andel")), target_label=str(_("Mål")))


MONTHS = (_("januar"), _("februar"), _("mars"), _("april"), _("mai"), _("juni"), _("juli"),
          _("august"), _("september"), _("oktober"), _("november"), _("desember"))


def period_label(period: Period) -> str:
    if period.is_tertial:
        return str(_("%(n)s. tertial %(year)s") % {"n": period.key[-1],
                                                     "year": period.start.year})
    return f"{MONTHS[period.start.month - 1]} {period.start.year}"


def period_choices(today: dt.date) -> list[tuple[str, str]]:
    """This year's and last year's tertials and months, newest first, up to today."""
    keys: list[str] = []
    for year in (today.year, today.year - 1):
        for month in range(12, 0, -1):
            day = dt.date(year, month, 1)
            if day <= today:
                keys.append(month_key(day))
                if month in (1, 5, 9):
                    keys.append(tertial_key(day))
    tertials = sorted((k for k in keys if "T" in k), reverse=True)
    months = [k for k in keys if "T" not in k]
    return [(k, period_label(parse_period(k))) for k in tertials + months]


@dataclass
class Bucket:
    label: str
    count: int


def day_buckets(days: dict[int, int]) -> list[Bucket]:
    found = []
    for low, high in DAY_BUCKETS:
        label = f"{low}–{high}" if high is not None else f"{low}+"
        found.append(Bucket(label, sum(n for d, n in days.items()
                                       if d >= low and (high is None or d <= high))))
    return found


def histogram(buckets: list[Bucket]) -> str:
    return charts.histogram(str(_("Dager fra første oppmøte til klinisk beslutning")),
                            [b.label for b in buckets], [b.count for b in buckets],
                            series=str(_("Forløp")))


SUPPRESSION_RULE = _(
    "Utenfor dine egne enheter vises ikke tall når nevneren er under %(d)s eller "
    "telleren er 1–4 (små tall kan peke ut enkeltpasienter). Beregningen selv skjuler "
    "ingenting: dine egne enheter vises med alle tall.")


def suppression_rule() -> str:
    return str(SUPPRESSION_RULE % {"d": SUPPRESS_DENOMINATOR_BELOW})
