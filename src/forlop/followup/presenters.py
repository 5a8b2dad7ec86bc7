"""What the plan pages show, in plain words, free of the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forlop.site.dates import norwegian_date

# (field, label for staff, label for the patient on Min side, in plain words)
FIELDS = (
    ("goals", gettext_lazy("Mål"), gettext_lazy("Det du vil oppnå")),
    ("measures", gettext_lazy("Tiltak: hva, hvem har ansvaret, innen når"),
     gettext_lazy("Hva som skal gjøres, og hvem som gjør det")),
    ("evaluation_dates", gettext_lazy("Evalueringsdatoer"),
     gettext_lazy("Når dere ser på planen sammen igjen")),
    ("group", gettext_lazy("Ansvarsgruppe"),
     gettext_lazy("Ansvarsgruppen din: de som samarbeider om planen")),
)


def _date(value: str) -> str:
    return norwegian_date(dt.date.fromisoformat(value)) if value else "–"


def measure_text(measure: dict) -> str:
    return _("%(what)s – ansvarlig: %(who)s – innen %(by)s") % {
        "what": measure.get("what", ""), "who": measure.get("who", ""),
        "by": _date(measure.get("by", ""))}


def member_text(member: dict) -> str:
    return ", ".join(part for part in (member.get("name", ""), member.get("service", ""),
                                       member.get("role", "")) if part)


def lines_of(name: str, value) -> list[str]:
    if name == "measures":
        return [measure_text(m) for m in value]
    if name == "group":
        return [member_text(m) for m in value]
    if name == "evaluation_dates":
        return [_date(d) for d in value]
    return [value] if value else []


@dataclass(frozen=True)
class Part:
    name: str
    label: str
    lines: list[str]


def parts(version, *, plain: bool = False) -> list[Part]:
    """The version's parts; ``plain``: the patient's labels."""
    return [Part(name, str(plain_label if plain else label), lines_of(name, getattr(version,
                                                                                      name)))
            for name, label, plain_label in FIELDS]


def plan_as_text(version) -> str:
    out = []
    for part in parts(version):
        out.append(f"{part.label}:")
        out += [f"- {line}" for line in part.lines] or ["- –"]
    return "\n".join(out)


def changed_fields(version, before) -> list[str]:
    """Labels of the parts that differ from the version before (all for the first)."""
    return [str(label) for name, label, _plain in FIELDS
            if before is None or getattr(version, name) != getattr(before, name)]
