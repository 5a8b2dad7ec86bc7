from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forlop.access.authorize import require_on_pathway
from forlop.access.permissions import Permission
from forlop.collaboration.models import ChildrenFollowUp, Evaluation, Tool
from forlop.pathways.services import register_event


@transaction.atomic
def record_evaluation(*, pathway, by, on: dt.date, still_right: str, goals_progress: str,
                      user_involved: bool, children: str, satisfaction_asked: bool,
                      lifestyle: dict, tool: str = "", tool_other: str = "", score: str = "",
                      still_right_note: str = "", involvement_note: str = "",
                      children_note: str = "", satisfaction_note: str = "",
                      today: dt.date | None = None) -> Evaluation:
    """Register the kernel's ``evaluation`` event (with ``standardised_tool`` and
    ``user_involved``) through ``register_event`` and keep the checklist beside it,
    in one transaction: the evaluation clock moves only with the checklist saved.

    Raises ``NotPermitted``, ``PathwayRuleError`` (the kernel refused; nothing saved)
    or ``ValidationError`` naming the field.
    """
    require_on_pathway(by, Permission.REGISTER_CLINICAL, pathway)
    if tool and not score.strip():
        raise ValidationError({"score": _("Skriv skåren fra verktøyet.")})
    if tool == Tool.OTHER and not tool_other.strip():
        raise ValidationError({"tool_other": _("Skriv navnet på verktøyet.")})
    if (children == ChildrenFollowUp.NOT_RELEVANT
            and pathway.patient.relatives.current().minors().exists()):
        raise ValidationError({"children": _(
            "Pårørendelisten har mindreårige barn eller søsken. Svar om de er fulgt opp.")})
    event = register_event(pathway=pathway, event="evaluation", on=on, by=by, today=today,
                           data={"standardised_tool": bool(tool),
                                 "user_involved": bool(user_involved)})
    return Evaluation.objects.create(
        pathway=pathway, event=event, on=on, still_right=still_right,
        still_right_note=still_right_note, goals_progress=goals_progress,
        user_involved=user_involved, involvement_note=involvement_note, tool=tool,
        tool_other=tool_other if tool == Tool.OTHER else "", score=score if tool else "",
        lifestyle=lifestyle, children=children, children_note=children_note,
        satisfaction_asked=satisfaction_asked, satisfaction_note=satisfaction_note,
        registered_by=by)
