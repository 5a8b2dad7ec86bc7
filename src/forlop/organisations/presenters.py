"""How a treatment site is named on pages: a unit with its trust, and a private
institution with its kind and agreement (ADR 67). Free of the database."""

from __future__ import annotations

from django.utils.translation import gettext as _

from forlop.site.dates import norwegian_date


def trust_kind(trust) -> str:
    """"Helseforetak", or "Privat institusjon med avtale med Helse Sør-Øst RHF
    (1.1.2024–31.12.2027)"; an open-ended agreement has no end date."""
    if not trust.is_private:
        return _("Helseforetak")
    period = norwegian_date(trust.agreement_from) + "–" + norwegian_date(trust.agreement_to)
    return _("Privat institusjon med avtale med %(region)s (%(period)s)") % {
        "region": trust.region.name, "period": period}


def unit_place(unit) -> str:
    """"DPS Nordby (Demo HF)"; a private institution's unit says so: "Døgnenhet
    (Fjellro behandlingssenter, privat institusjon med avtale)"."""
    trust = unit.trust
    if trust.is_private:
        return _("%(unit)s (%(trust)s, privat institusjon med avtale)") % {
            "unit": unit.name, "trust": trust.name}
    return f"{unit.name} ({trust.name})"
