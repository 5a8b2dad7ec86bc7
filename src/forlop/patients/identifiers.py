"""What is wrong with a patient number, in words a user can act on (nb/nn).

The kernel (``forlop.kernel.identifiers.classify``) decides; this says it in Norwegian.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from forlop.kernel.identifiers import IdentifierKind, classify

ACCEPTED_KINDS = {IdentifierKind.FNR, IdentifierKind.DNR, IdentifierKind.FHNR}


def identifier_problem(value: str) -> str:
    """Empty when ``value`` is a valid fødselsnummer, D-nummer or FH-nummer."""
    info = classify(value)
    text = "".join(value.split())
    if not text.isdigit() or not text.isascii():
        return _("Nummeret kan bare ha sifre (0–9). Fjern bokstaver og tegn.")
    if len(text) != 11:
        return _("Nummeret har %(n)s sifre. Et fødselsnummer, D-nummer eller FH-nummer har "
                 "11 sifre.") % {"n": len(text)}
    if info.valid and info.kind not in ACCEPTED_KINDS:
        return _("Dette er et H-nummer (et lokalt hjelpenummer). Bruk fødselsnummer, "
                 "D-nummer eller FH-nummer.")
    if info.valid:
        return ""
    if any(r.startswith("check digit") for r in info.reasons) and not any(
            "month" in r or "day" in r or "date" in r for r in info.reasons):
        return _("Kontrollsifrene (de to siste sifrene) stemmer ikke med resten av "
                 "nummeret. Sjekk at du har skrevet nummeret riktig.")
    return _("De seks første sifrene er ikke en gyldig dato. Sjekk at du har skrevet "
             "nummeret riktig.")
