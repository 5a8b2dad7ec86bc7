"""Kernel and service refusals as plain nb/nn sentences, each tied to a form field.

The kernel's texts are the pathway page's (``presenters.kernel_errors``), stated once;
this module only says which field of these forms each refusal belongs to.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from forlop.pathways.presenters.kernel_errors import error_text

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

# TransferError code -> the message under the receiving unit.
TRANSFER_TEXTS = {
    "same_trust": _("Enheten er i samme helseforetak. Flytt forløpet i stedet."),
    "no_agreement": _("Institusjonen har ikke avtale med det regionale helseforetaket på "
                      "datoen henvisningen er mottatt. Velg en annen enhet eller rett "
                      "datoen."),
}


def kernel_refusals(errors, *, date_field: str = "on") -> list[tuple[str | None, str]]:
    """(form field, message) for each kernel refusal; repeated messages once."""
    found: list[tuple[str | None, str]] = []
    for error in errors:
        field = KERNEL_FIELDS.get(error.field, date_field)
        item = (field, error_text(error))
        if item not in found:
            found.append(item)
    return found


def move_refusal(refused) -> tuple[str, str]:
    """(form field, message) for a ``MoveRefused``."""
    return refused.field, str(MOVE_TEXTS.get(refused.code, refused))
