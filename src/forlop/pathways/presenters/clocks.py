"""Why each deadline is what it is: the clock's start, its limit, the pathway and
setting, the rule set and the rule's source, looked up in the kernel catalog
(the projection keeps only the rule set's id)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forlop.kernel.catalog import Catalog, UnknownRuleSetError
from forlop.pathways.presenters.labels import (
    BASIS_LABELS,
    CLOCK_START_LABELS,
    SETTING_LABELS,
    SHORT_TYPE_LABELS,
    STATUS_LABELS,
    clock_label,
)
from forlop.site.dates import norwegian_date


@dataclass(frozen=True)
class ClockRow:
    label: str
    due_text: str
    done_text: str
    status: str
    breached: bool
    patient_caused: bool
    reason: str
    basis: str
    confirmed: bool
    source: str = ""
    source_url: str = ""


def clock_rows(clocks: list[dict], *, pathway_type: str, setting: str, severity: str | None,
               ruleset_id: str | None, catalog: Catalog) -> list[ClockRow]:
    """Rows for the page from the projection's stored clocks."""
    ruleset = _ruleset(catalog, ruleset_id)
    return [_row(c, pathway_type, setting, severity, ruleset) for c in clocks]


def _ruleset(catalog: Catalog, ruleset_id: str | None):
    try:
        return catalog.ruleset(ruleset_id) if ruleset_id else None
    except UnknownRuleSetError:
        return None


def _row(clock: dict, pathway_type: str, setting: str, severity: str | None, ruleset) -> ClockRow:
    name = clock["clock"]
    due, done = _date(clock.get("due")), _date(clock.get("done"))
    start = _date(clock.get("from"))
    limit = ruleset.limit(pathway_type, name, setting, severity or None) if ruleset else None
    if limit is None and ruleset and clock.get("assumed_severity"):
        limit = ruleset.limit(pathway_type, name, setting, clock["assumed_severity"])
    basis = clock.get("basis") or "none"
    # The catalog's source is a developer's citation (English, maybe naming DESIGN.md):
    # the page links to it when it is an address and never shows its text.
    cited = limit.source if limit and basis in ("national", "secondary") else ""
    source_url = next((w for w in cited.split() if w.startswith("https://")), "")
    source = _("lokal norm satt av helseforetaket") if basis == "local_norm" else ""
    return ClockRow(
        label=clock_label(name),
        due_text=norwegian_date(due),
        done_text=norwegian_date(done),
        status=str(STATUS_LABELS.get(clock.get("status"), clock.get("status"))),
        breached=clock.get("status") == "breached",
        patient_caused=bool(clock.get("patient_caused")),
        reason=_reason(name, start, due, clock.get("days"), clock.get("unit"), pathway_type,
                       setting, ruleset),
        basis=str(BASIS_LABELS.get(basis, basis)),
        confirmed=bool(clock.get("confirmed")),
        source=source,
        source_url=source_url,
    )


def _reason(name, start, due, days, unit, pathway_type, setting, ruleset) -> str:
    """"Frist 31.3.2026: første oppmøte 10.3. + 21 dager, TSB poliklinisk, regelsett …"."""
    where = f"{SHORT_TYPE_LABELS.get(pathway_type, pathway_type)} " \
            f"{SETTING_LABELS.get(setting, setting)}"
    rules = _("regelsett %(name)s") % {"name": ruleset.name} if ruleset else ""
    begins = f"{CLOCK_START_LABELS.get(name, name)} {start.day}.{start.month}." if start else ""
    if due is None or days is None:
        head = _("Ingen fastsatt frist")
        return ", ".join(p for p in (f"{head}: {begins}", where, rules) if p)
    if unit == "working_days":
        length = ngettext("%(n)s arbeidsdag", "%(n)s arbeidsdager", days) % {"n": days}
    else:
        length = ngettext("%(n)s dag", "%(n)s dager", days) % {"n": days}
    head = _("Frist %(due)s") % {"due": norwegian_date(due)}
    return ", ".join(p for p in (f"{head}: {begins} + {length}", where, rules) if p)


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
