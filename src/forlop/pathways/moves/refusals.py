"""Kernel and service refusals as plain nb/nn sentences, each tied to a form field.

One function per source, so the lead can swap ``kernel_refusals`` for the shared
presenter of kernel error texts when it lands on main.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# Kernel error code -> what to tell the user (how to fix it is in the sentence).
KERNEL_TEXTS = {
    "future_date": _("Datoen er etter i dag. Registrer endringen på eller etter dagen den "
                     "skjer."),
    "before_pathway_start": _("Datoen er før forløpet startet. Velg en dato på eller etter "
                              "startdatoen."),
    "event_after_end": _("Forløpet er avsluttet før denne datoen, eller det er registrert "
                         "hendelser etter den. Velg en dato som passer med forløpets "
                         "hendelser."),
    "second_pathway_end": _("Forløpet er allerede avsluttet. Et avsluttet forløp kan ikke "
                            "overføres."),
    "duplicate_pathway_start": _("Forløpet er allerede startet."),
    "setting_change_invalid": _("Velg poliklinisk eller døgn."),
    "setting_change_not_a_change": _("Pasienten har allerede dette omsorgsnivået på denne "
                                     "datoen. Velg det andre omsorgsnivået, eller en annen "
                                     "dato."),
    "setting_change_before_start": _("Datoen er før forløpet startet. Omsorgsnivået ved "
                                     "start er forløpets eget; velg en dato på eller etter "
                                     "startdatoen."),
    "no_ruleset": _("Det finnes ikke regler for pakkeforløp på denne datoen. Velg en senere "
                    "dato."),
}
FALLBACK = _("Reglene for pakkeforløp tillater ikke denne registreringen med denne datoen. "
             "Kontroller datoen og forløpets hendelser.")
# Kernel error field -> the form field it is about (others: the date).
KERNEL_FIELDS = {"setting": "setting"}

MOVE_TEXTS = {
    "other_trust": _("Enheten hører til et annet helseforetak. Bruk «Overfør til annet "
                     "helseforetak» i stedet."),
    "same_unit": _("Forløpet er allerede i denne enheten. Velg en annen enhet."),
    "closed": _("Forløpet er avsluttet og kan ikke flyttes."),
    "future_date": _("Datoen er etter i dag. Registrer flyttingen på eller etter dagen den "
                     "skjer."),
    "before_start": _("Datoen er før forløpet startet. Velg en dato på eller etter "
                      "startdatoen."),
    "before_last_move": _("Datoen er før forrige flytting av forløpet. Velg en dato på eller "
                          "etter den."),
    "reason_required": _("Skriv hvorfor forløpet flyttes."),
}


def kernel_refusals(errors, *, date_field: str = "on") -> list[tuple[str | None, str]]:
    """(form field, message) for each kernel refusal; repeated messages once."""
    found: list[tuple[str | None, str]] = []
    for error in errors:
        field = KERNEL_FIELDS.get(error.field, date_field)
        item = (field, str(KERNEL_TEXTS.get(error.code, FALLBACK)))
        if item not in found:
            found.append(item)
    return found


def move_refusal(refused) -> tuple[str, str]:
    """(form field, message) for a ``MoveRefused``."""
    return refused.field, str(MOVE_TEXTS.get(refused.code, refused))
