"""The access log in plain language, for the patient and the reviewing leader."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forlop.access.models import Action, Basis, Outcome
from forlop.accounts.roles import Role

WHAT = {
    "worklist": gettext_lazy("arbeidslisten"),
    "pathway": gettext_lazy("forløpet"),
    "consent": gettext_lazy("samtykkene"),
    "access_log": gettext_lazy("tilgangsloggen"),
    "search": gettext_lazy("pasientsøket"),
    "record": gettext_lazy("journalen"),
    "break_glass_review": gettext_lazy("gjennomgangen av nødtilgang"),
    "own_record": gettext_lazy("sitt eget forløp"),
    "shared_record": gettext_lazy("det du har delt"),
    "restriction": gettext_lazy("sperringene"),
    "pathway_setting": gettext_lazy("forløpet (omsorgsnivå)"),
    "pathway_move": gettext_lazy("forløpet (flytting mellom enheter)"),
    "pathway_transfer": gettext_lazy("forløpet (overføring til annet helseforetak)"),
    "coordinator": gettext_lazy("forløpet (ny forløpskoordinator)"),
    "caseload": gettext_lazy("listen for bytte av forløpskoordinator"),
    # The treatment plan (forlop.plans, docs/care-plans.md).
    "treatment_plan": gettext_lazy("behandlingsplanen"),
    "treatment_plan_versions": gettext_lazy("versjonene av behandlingsplanen"),
    "treatment_plan_edit": gettext_lazy("behandlingsplanen (ny versjon)"),
    "treatment_plan_meeting": gettext_lazy("behandlingsplanen (møte med pasienten)"),
    "own_treatment_plan": gettext_lazy("sin egen behandlingsplan"),
    "self_report": gettext_lazy("egenrapporten"),
    "shared_plan": gettext_lazy("behandlingsplanen som er delt med pårørende"),
    "relatives": gettext_lazy("pårørendelisten"),
    "evaluation": gettext_lazy("evalueringen av behandlingen"),
    "meeting": gettext_lazy("samarbeidsmøtene"),
    "closure": gettext_lazy("avslutningen av forløpet"),
}


@dataclass(frozen=True)
class LogLine:
    at: dt.datetime
    who: str
    role: str
    unit: str
    sentence: str
    basis: str
    refused: bool
    emergency: bool
    reason: str

    @classmethod
    def from_entry(cls, entry) -> LogLine:
        roles = dict(Role.choices)
        who = entry.user_name or _("Ukjent (ikke innlogget)")
        action = Action(entry.action).label
        what = WHAT.get(entry.what, entry.what)
        if entry.outcome == Outcome.REFUSED:
            sentence = _("%(who)s forsøkte å åpne %(what)s, men fikk ikke tilgang.") % {
                "who": who, "what": what}
        else:
            sentence = _("%(who)s %(action)s %(what)s.") % {"who": who, "action": action,
                                                           "what": what}
        return cls(at=entry.at, who=who, role=str(roles.get(entry.role, "")),
                   unit=str(entry.unit) if entry.unit_id else "", sentence=sentence,
                   basis=str(Basis(entry.basis).label), refused=entry.outcome == Outcome.REFUSED,
                   emergency=entry.basis == Basis.BREAK_GLASS or entry.action == Action.BREAK_GLASS,
                   reason=entry.reason)


def log_lines(entries) -> list[LogLine]:
    return [LogLine.from_entry(e) for e in entries]
