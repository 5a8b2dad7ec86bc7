"""The kernel's refusals in plain bokmål/nynorsk: what is wrong and how to fix it.

The kernel stays English and Django-free; its errors carry a stable ``code`` and
the values they name (``params``). Each code has one text here, filled from those
values with Norwegian dates and plain event and outcome names.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forlop.pathways.presenters.labels import (
    SETTING_LABELS,
    clock_label,
    event_label,
    outcome_label,
)
from forlop.site.dates import norwegian_date

# Kernel field -> the form field it concerns (None: the summary only).
FORM_FIELDS = {"date": "on", "outcome": "outcome", "event": "event",
               "postponed_from": "postponed_from", "postponed_to": "postponed_to"}

TEXTS = {
    "unknown_pathway_type": gettext_lazy(
        "Forløpet har en ukjent forløpstype. Kontakt systemansvarlig."),
    "unknown_setting": gettext_lazy(
        "Forløpet har et ukjent behandlingsnivå. Kontakt systemansvarlig."),
    "unknown_severity": gettext_lazy(
        "Forløpet har en ukjent alvorlighetsgrad. Kontakt systemansvarlig."),
    "severity_required": gettext_lazy(
        "Alvorlighetsgrad mangler: velg alvorlig eller mindre alvorlig. Fristen for "
        "«%(clock)s» avhenger av den (den strengeste tiden er %(days)s dager)."),
    "no_start_event": gettext_lazy(
        "Forløpet mangler mottatt henvisning eller start. Registrer det først."),
    "no_ruleset": gettext_lazy(
        "Ingen regelsett gjelder for startdatoen %(date)s. Kontroller startdatoen."),
    "invalid_event": gettext_lazy("Hendelsen kunne ikke leses. Velg en hendelse fra listen."),
    "unknown_event": gettext_lazy("Velg en hendelse fra listen."),
    "invalid_date": gettext_lazy("Skriv datoen som dag.måned.år, for eksempel 2.12.2026."),
    "future_date": gettext_lazy(
        "%(event)s er datert %(date)s, etter i dag (%(today)s). Registrer hendelser "
        "samme dag som de skjer eller senere."),
    "missing_outcome": gettext_lazy("Velg utfall for %(event)s."),
    "unknown_outcome": gettext_lazy(
        "Utfallet passer ikke til %(event)s. Velg et av: %(allowed)s."),
    "outcome_not_allowed": gettext_lazy("%(event)s har ikke utfall. Fjern utfallet."),
    "closure_outcome_not_in_ruleset": gettext_lazy(
        "Avslutningsårsaken «%(outcome)s» finnes ikke i regelsettet forløpet følger. "
        "Velg et av: %(allowed)s."),
    "second_decision_without_cu": gettext_lazy(
        "En ny klinisk beslutning kan bare komme etter beslutning om utvidet utredning. "
        "Den første beslutningen var «%(first)s». Korriger den i stedet."),
    "third_clinical_decision": gettext_lazy(
        "Et forløp har høyst to kliniske beslutninger (etter basis- og etter utvidet "
        "utredning). Korriger en tidligere beslutning i stedet for å legge til en tredje."),
    "duplicate_pathway_start": gettext_lazy(
        "Forløpet er allerede startet. Et forløp har én start."),
    "second_pathway_end": gettext_lazy(
        "Forløpet er allerede avsluttet %(end)s. Korriger den avslutningen i stedet."),
    "event_after_end": gettext_lazy(
        "%(event)s %(date)s er etter at forløpet ble avsluttet %(end)s. Ingen hendelser kan "
        "komme etter avslutning; start et nytt forløp."),
    "before_pathway_start": gettext_lazy(
        "%(event)s %(date)s er før forløpet startet %(start)s. Bare henvisningen kan "
        "komme før start; kontroller datoen."),
    "patient_delay_missing_dates": gettext_lazy(
        "Fyll inn både den opprinnelige avtaledatoen og den nye datoen pasienten ønsket."),
    "assessed_before_received": gettext_lazy(
        "Vurderingen %(date)s er før henvisningen ble mottatt %(received)s. En henvisning "
        "vurderes samme dag som den mottas eller senere; kontroller datoen."),
    "setting_change_invalid": gettext_lazy(
        "Velg nytt omsorgsnivå: poliklinisk eller døgn."),
    "setting_change_before_start": gettext_lazy(
        "Endringen %(date)s er før forløpet startet %(start)s. Omsorgsnivået ved start er "
        "forløpets eget; velg en dato fra starten av."),
    "setting_change_not_a_change": gettext_lazy(
        "Omsorgsnivået var allerede «%(value)s» %(date)s. Registrer en endring bare når "
        "omsorgsnivået faktisk endres."),
    "patient_delay_too_short": gettext_lazy(
        "Utsettelsen fra %(from)s til %(to)s er %(days)s arbeidsdager. Pasientutsettelse "
        "registreres bare når pasienten utsetter mer enn %(min)s arbeidsdager."),
}


def error_text(error) -> str:
    """The plain nb/nn text for one kernel error (its ``code`` and ``params``)."""
    template = TEXTS.get(error.code)
    if template is None:
        return _("Registreringen ble avvist av regelverket.")
    return str(template) % _Shown(_shown(error.params or {}))


def form_field(error) -> str | None:
    """The form field this error belongs next to, or None (summary only)."""
    return FORM_FIELDS.get(error.field)


class _Shown(dict):
    """A value the kernel did not name shows as a dash rather than failing the page."""

    def __missing__(self, key: str) -> str:
        return "–"


def _shown(params) -> dict[str, str]:
    event = params.get("event")
    shown = {}
    for key, value in params.items():
        if isinstance(value, dt.date):
            shown[key] = norwegian_date(value)
        elif key == "event":
            shown[key] = event_label(value)
        elif key in ("outcome", "first"):
            shown[key] = outcome_label(event or "clinical_decision", value) if value else ""
        elif key == "allowed":
            shown[key] = ", ".join(outcome_label(event, word) for word in value)
        elif key == "clock":
            shown[key] = clock_label(value)
        elif key == "value" and value in SETTING_LABELS:
            shown[key] = str(SETTING_LABELS[value])
        else:
            shown[key] = str(value)
    return shown
