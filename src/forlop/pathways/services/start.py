from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from forlop.access.authorize import require_in_unit
from forlop.access.permissions import Permission
from forlop.pathways.kernel_bridge import event_dict, judge, stored_data
from forlop.pathways.models import Pathway, PathwayEvent
from forlop.pathways.services.projection import save_state


def start_pathway(*, unit, by, **kwargs) -> Pathway:
    """Open a pathway (see ``open_pathway``) after checking that ``by`` may start one
    in ``unit``: starting follows the clinical assessment of the referral, so it is a
    clinical registration. Raises ``NotPermitted``, nothing saved, otherwise."""
    require_in_unit(by, Permission.REGISTER_CLINICAL, unit)
    return open_pathway(unit=unit, by=by, **kwargs)


@transaction.atomic
def open_pathway(
    *,
    patient,
    unit,
    type: str,  # noqa: A002 - the domain word
    setting: str,
    by,
    referral_received_on: dt.date,
    started_on: dt.date,
    severity: str = "",
    referral=None,
    coordinator=None,
    assessed_on: dt.date | None = None,
    right_granted: bool | None = None,
    first_trust: tuple[dt.date, str] | None = None,
    today: dt.date | None = None,
) -> Pathway:
    """Open a pathway with its referral and start events (no actor check: callers
    are ``start_pathway`` and services that checked the actor themselves).

    Raises ``PathwayRuleError`` (nothing saved) when the kernel refuses the events,
    and ``IntegrityError`` when the patient already has an open pathway of this type
    in the unit's trust.
    """
    today = today or timezone.localdate()
    events = [event_dict("referral_received", referral_received_on)]
    if assessed_on is not None:
        outcome = "right_granted" if right_granted else "not_granted"
        events.append(event_dict("referral_assessed", assessed_on, outcome))
    start_data = {}
    if first_trust is not None:
        start_data = {"first_trust_start": first_trust[0], "first_trust_name": first_trust[1]}
    events.append(event_dict("pathway_start", started_on, data=start_data))
    spec = {"type": type, "setting": setting, "severity": severity or None}
    evaluation = judge(spec, events, today, trust_id=unit.trust_id)

    pathway = Pathway.objects.create(
        patient=patient, unit=unit, trust_id=unit.trust_id, type=type, setting=setting,
        setting_at_start=setting, severity=severity, ruleset=evaluation.ruleset_id,
        referral=referral, started_on=started_on, coordinator=coordinator, created_by=by,
        first_trust_started_on=first_trust[0] if first_trust else None,
        first_trust_name=first_trust[1] if first_trust else "",
    )
    PathwayEvent.objects.bulk_create(
        PathwayEvent(pathway=pathway, event=e["event"], on=e["date"], outcome=e["outcome"] or "",
                     data=stored_data(e), registered_by=by)
        for e in events
    )
    save_state(pathway=pathway, evaluation=evaluation, events=events, today=today, by=by,
               reason="pathway_start")
    return pathway

