"""What the plan pages show, in plain words, free of the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forlop.access.models import ConsentScope
from forlop.plans.models import IndividualPlan
from forlop.site.dates import norwegian_date

# Field, label, the consent scope a relative needs to read it (ADR 30). The plan
# is the patient's: a relative with "plans and agreements" reads what is agreed
# (measures, dates, the crisis plan, who is in the group); the patient's own goals
# and choices need the widest scope.
FIELDS = (
    ("goals", gettext_lazy("Pasientens egne mål"), ConsentScope.COLLABORATION),
    ("what_matters", gettext_lazy("Hva er viktig for pasienten"), ConsentScope.COLLABORATION),
    ("options_offered", gettext_lazy("Behandlingstilbud som er drøftet"),
     ConsentScope.COLLABORATION),
    ("option_chosen", gettext_lazy("Behandlingen som er valgt"), ConsentScope.COLLABORATION),
    ("measures", gettext_lazy("Tiltak: hvem gjør hva, og innen når"), ConsentScope.PLANS),
    ("evaluation_dates", gettext_lazy("Evalueringsdatoer"), ConsentScope.OVERVIEW),
    ("crisis_plan", gettext_lazy("Kriseplan og mestring"), ConsentScope.PLANS),
    ("individual_plan", gettext_lazy("Individuell plan"), ConsentScope.PLANS),
    ("responsibility_group", gettext_lazy("Ansvarsgruppe"), ConsentScope.PLANS),
)


def _iso(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def measure_text(measure: dict) -> str:
    return _("%(what)s – %(who)s – innen %(by)s") % {
        "what": measure["what"], "who": measure["who"],
        "by": norwegian_date(_iso(measure["by"])) if measure.get("by") else "–"}


def field_text(name: str, value) -> str:
    """One field of a version as plain text (lists one item a line)."""
    if name == "measures":
        return "\n".join(measure_text(m) for m in value)
    if name == "evaluation_dates":
        return ", ".join(norwegian_date(_iso(d)) for d in value)
    if name == "individual_plan":
        return str(IndividualPlan(value).label).capitalize() if value else ""
    return value or ""


@dataclass(frozen=True)
class Part:
    name: str
    label: str
    text: str


def parts(version, needed_scope_allowed=None) -> list[Part]:
    """The version's fields in page order; only those ``needed_scope_allowed(scope)``
    allows when given (a relative's consent)."""
    out = []
    for name, label, scope in FIELDS:
        if needed_scope_allowed is not None and not needed_scope_allowed(scope):
            continue
        out.append(Part(name, str(label), field_text(name, getattr(version, name))))
    return out


def shared_parts(version, access) -> list[Part]:
    """What a consent-only reader (a relative) may read of the plan."""
    return parts(version, access.shares)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def changes(older, newer) -> list[Change]:
    """The fields that differ between two versions (all of them for the first)."""
    out = []
    for name, label, _scope in FIELDS:
        before = field_text(name, getattr(older, name)) if older else ""
        after = field_text(name, getattr(newer, name))
        if before != after:
            out.append(Change(str(label), before, after))
    return out


@dataclass(frozen=True)
class VersionRow:
    number: int
    made_by: str
    made_at: dt.datetime
    change_note: str
    changes: list[Change]
    signed_at: dt.datetime | None


def version_rows(versions, signed: dict[int, dt.datetime]) -> list[VersionRow]:
    """Newest first, each with what changed since the one before it."""
    ordered = sorted(versions, key=lambda v: v.number)
    rows = []
    for older, newer in zip([None, *ordered], ordered, strict=False):
        rows.append(VersionRow(newer.number, str(newer.made_by), newer.made_at,
                               newer.change_note, changes(older, newer),
                               signed.get(newer.pk)))
    return rows[::-1]


def status_text(version, signature) -> str:
    if version is None:
        return _("Ingen behandlingsplan ennå")
    if signature is not None:
        return _("Versjon %(n)s, signert av pasienten %(date)s") % {
            "n": version.number, "date": norwegian_date(timezone.localtime(signature.at).date())}
    return _("Versjon %(n)s, venter på pasientens signatur") % {"n": version.number}
