"""The kernel's refusals of an assessment, as nb/nn text next to a form field.

The kernel's messages are English for developers; its codes are stable, so the
user-facing text is keyed by code here (only the codes an assessment can meet).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# code -> (form field, message)
MESSAGES = {
    "future_date": ("assessed_on", _(
        "Datoen er etter i dag. Registrer vurderingen den dagen den er gjort, eller senere.")),
    "assessed_before_received": ("assessed_on", _(
        "Vurderingsdatoen er før henvisningen ble mottatt. En henvisning vurderes samme dag "
        "som den kommer inn eller senere.")),
    "before_pathway_start": ("assessed_on", _(
        "Datoen er før forløpet starter. Sjekk vurderingsdatoen og mottaksdatoen.")),
    "severity_required": ("severity", _(
        "Spiseforstyrrelser trenger alvorlighetsgrad: velg alvorlig eller mindre alvorlig.")),
    "unknown_severity": ("severity", _("Velg alvorlig eller mindre alvorlig.")),
    "unknown_pathway_type": ("type", _("Velg et av forløpene i listen.")),
    "unknown_setting": ("setting", _("Velg poliklinisk eller døgn.")),
    "no_ruleset": ("assessed_on", _(
        "Ingen regler for pakkeforløp gjaldt på denne datoen. Sjekk mottaksdatoen.")),
}
FALLBACK = _("Forløpet kunne ikke startes med disse opplysningene. Sjekk datoene og valgene.")


def field_errors(errors) -> dict[str, list[str]]:
    """Kernel errors as ``{field: [message, ...]}`` for a ``ValidationError``; codes not
    named above go to the form as a whole (``__all__``)."""
    out: dict[str, list[str]] = {}
    for error in errors:
        field, message = MESSAGES.get(error.code, ("__all__", FALLBACK))
        if str(message) not in out.setdefault(field, []):
            out[field].append(str(message))
    return out
